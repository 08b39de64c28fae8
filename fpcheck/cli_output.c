/*
 * Output files (see cli_output.h).  A regular file is written to a
 * temporary beside it and renamed over it once complete, so that a
 * failed or interrupted command never leaves half a report where the
 * last whole one was; a device or a pipe is written in place.
 */
#include "cli_output.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_error.h"

int cli_output_open(struct cli_output *o, const char *path)
{
	int fd;
	size_t n;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->f = stdout;
		return 0;
	}
	{
		/* A device or a pipe is written in place: renaming a file
		 * over it would replace it. */
		struct stat st;
		if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
			if (S_ISDIR(st.st_mode))
				return cli_error("cannot write '%s': it is a "
						 "directory",
						 path);
			if (!(o->f = fopen(path, "w")))
				return cli_error("cannot open '%s': %s", path,
						 strerror(errno));
			return 0;
		}
	}
	n = strlen(path);
	o->path = strdup(path);
	o->tmp = malloc(n + sizeof(".tmpXXXXXX"));
	if (!o->path || !o->tmp) {
		free(o->path);
		free(o->tmp);
		return cli_error("out of memory");
	}
	memcpy(o->tmp, path, n);
	memcpy(o->tmp + n, ".tmpXXXXXX", sizeof(".tmpXXXXXX"));
	if ((fd = mkstemp(o->tmp)) < 0 || !(o->f = fdopen(fd, "w"))) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->path);
		free(o->tmp);
		return cli_error("cannot create '%s': %s", path, strerror(e));
	}
	{
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	return 0;
}

int cli_output_close(struct cli_output *o)
{
	int rc = EXIT_OK;

	if (o->f == stdout)
		return fflush(stdout) || ferror(stdout)
			   ? cli_error("cannot write to standard output")
			   : EXIT_OK;
	if (!o->tmp) { /* a device or a pipe */
		rc = fflush(o->f) || ferror(o->f) ? -1 : 0;
		if (fclose(o->f) || rc)
			rc = cli_error("cannot write: %s", strerror(errno));
		memset(o, 0, sizeof(*o));
		return rc;
	}
	if (fflush(o->f) || ferror(o->f) || fsync(fileno(o->f))) {
		rc = cli_error("cannot write '%s': %s", o->path,
			       strerror(errno));
		fclose(o->f);
	} else if (fclose(o->f) || rename(o->tmp, o->path)) {
		rc = cli_error("cannot write '%s': %s", o->path,
			       strerror(errno));
	}
	if (rc)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return rc;
}

void cli_output_abort(struct cli_output *o)
{
	if (o->f && o->f != stdout) {
		fclose(o->f);
		if (o->tmp)
			unlink(o->tmp);
	}
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}

int cli_make_parent_dirs(const char *path)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);

	if (n >= sizeof(buf))
		return cli_error("path too long: '%s'", path);
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(buf, 0777) && errno != EEXIST)
			return cli_error("cannot create directory '%s': %s",
					 buf, strerror(errno));
		*p = '/';
	}
	return 0;
}

void cli_remove_partial(const char *path)
{
	/* The container writer's temporary suffix, as in container.c. */
	static const char suffix[] = ".tmpXXXXXX";
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char dir[PATH_MAX], file[PATH_MAX + 256];
	size_t blen = strlen(base);
	struct dirent *e;
	DIR *d;

	if (slash)
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	else
		snprintf(dir, sizeof(dir), ".");
	if (!(d = opendir(*dir ? dir : "/")))
		return;
	while ((e = readdir(d))) {
		if (strlen(e->d_name) != blen + sizeof(suffix) - 1 ||
		    strncmp(e->d_name, base, blen) ||
		    strncmp(e->d_name + blen, ".tmp", 4))
			continue;
		snprintf(file, sizeof(file), "%s/%s", dir, e->d_name);
		unlink(file);
	}
	closedir(d);
}
