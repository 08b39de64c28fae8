/*
 * Runs a fuzz harness over files and folders of inputs (the committed
 * seeds and every past crash) without libFuzzer, so that the ordinary
 * test suite, under every compiler and sanitizer it is built with,
 * replays them.  Exits 0 when every input ran, 2 when one could not be
 * read; a crash is the harness's own (a signal, or a sanitizer's exit).
 * `--write-seed FILE` writes the harness's own seed where it has one.
 */
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int replay_file(const char *path, unsigned long *count)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 2;
	}
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? 2 * cap : 4096;
			uint8_t *p = realloc(buf, cap);
			if (!p) {
				fprintf(stderr, "%s: out of memory\n", path);
				free(buf);
				fclose(f);
				return 2;
			}
			buf = p;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		perror(path);
		free(buf);
		return 2;
	}
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	++*count;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of a folder, in name order so that runs are repeatable. */
static int replay_dir(const char *path, unsigned long *count)
{
	DIR *d = opendir(path);
	if (!d) {
		perror(path);
		return 2;
	}
	char **names = NULL;
	size_t n = 0;
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char **p = realloc(names, (n + 1) * sizeof *names);
		if (!p || !(p[n] = malloc(strlen(path) + strlen(e->d_name) + 2))) {
			names = p ? p : names;
			rc = 2;
			break;
		}
		names = p;
		sprintf(names[n++], "%s/%s", path, e->d_name);
	}
	closedir(d);
	if (names)
		qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		if (!rc)
			rc = replay_file(names[i], count);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned long count = 0;
	if (argc == 3 && !strcmp(argv[1], "--write-seed")) {
		if (!fuzz_write_seed) {
			fprintf(stderr, "this harness makes no seeds\n");
			return 2;
		}
		return fuzz_write_seed(argv[2]) ? 2 : 0;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			/* A harness without past crashes has no folder. */
			continue;
		}
		int rc = S_ISDIR(st.st_mode) ? replay_dir(argv[i], &count)
					     : replay_file(argv[i], &count);
		if (rc)
			return rc;
	}
	printf("%lu inputs replayed\n", count);
	return 0;
}
