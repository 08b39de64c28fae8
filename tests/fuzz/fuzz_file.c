/* Scratch files and shared steps of the fuzz harnesses (fuzz.h). */
#include "fuzz.h"

#include "fpcheck/container.h"
#include "fpcheck/diff.h"
#include "fpcheck/truth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 4

static char in_path[SLOTS][64];
static char out_path[SLOTS][64];
static char dir[48];

static void remove_scratch(void)
{
	for (unsigned i = 0; i < SLOTS; i++) {
		if (in_path[i][0])
			unlink(in_path[i]);
		if (out_path[i][0])
			unlink(out_path[i]);
	}
	if (dir[0])
		rmdir(dir);
}

static const char *scratch_dir(void)
{
	if (!dir[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(dir, sizeof dir, "%s/fpcfuzz-XXXXXX",
			 t && strlen(t) < 24 ? t : "/tmp");
		if (!mkdtemp(dir)) {
			perror("fuzz: mkdtemp");
			abort();
		}
		atexit(remove_scratch);
	}
	return dir;
}

const char *fuzz_file(unsigned slot, const uint8_t *data, size_t size)
{
	if (slot >= SLOTS)
		abort();
	snprintf(in_path[slot], sizeof in_path[slot], "%s/in%u",
		 scratch_dir(), slot);
	FILE *f = fopen(in_path[slot], "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f)) {
		perror("fuzz: cannot write the input file");
		abort();
	}
	return in_path[slot];
}

const char *fuzz_out_path(unsigned slot)
{
	if (slot >= SLOTS)
		abort();
	snprintf(out_path[slot], sizeof out_path[slot], "%s/out%u",
		 scratch_dir(), slot);
	return out_path[slot];
}

const char *fuzz_container_file(unsigned slot, const uint8_t *data,
				size_t size)
{
	static const uint8_t magic[8] = {0x89, 'F', 'P', 'C', '\r', '\n',
					 0x1a, '\n'};
	if (size < 24 || memcmp(data, magic, sizeof magic))
		return fuzz_file(slot, data, size);
	uint8_t *b = malloc(size);
	if (!b)
		abort();
	memcpy(b, data, size);
	fpc_put_u32(b + 20, fpc_crc32(0, b, 20));
	for (size_t off = 24; size - off >= 16;) {
		uint64_t len = fpc_get_u64(b + off + 4);
		fpc_put_u32(b + off + 12, fpc_crc32(0, b + off, 12));
		if (len > size - off - 16 || size - off - 16 - len < 4)
			break;
		fpc_put_u32(b + off + 16 + len,
			    fpc_crc32(0, b + off + 16, (size_t)len));
		off += 16 + (size_t)len + 4;
	}
	const char *path = fuzz_file(slot, b, size);
	free(b);
	return path;
}

void fuzz_diff(const char *const paths[2])
{
	struct fpc_truth_options o = {.threads = 1};
	struct fpc_diff_options dopt = {.truth = &o, .nfirst = 3};
	struct fpc_diff d;
	char detail[512];
	int which;
	if (fpc_diff_records(paths, &dopt, &d, &which, detail,
			     sizeof detail) == 0)
		fpc_diff_release(&d);
}
