/*
 * Output files (see cli_output.h).  A regular file is written as the
 * container writer writes a record, through an atomic file
 * (fpcheck/container.h): a temporary beside it, renamed over it once
 * complete, so that a failed or interrupted command never leaves half a
 * report where the last whole one was.  A device or a pipe is written in
 * place, by the atomic file's rule that the record writers share.
 */
#include "cli_output.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_cleanup.h"
#include "cli_error.h"
#include "fpcheck/container.h"
#include "fpcheck/error.h"

/* A failure to write standard output is noticed by the command and again
 * by main's last check: said once, the first time. */
static int stdout_said;

/* Why the stream f could not be written, errno style, or 0 if unknown:
 * the flush that tries again what a failed write left in the buffer
 * fails for the same reason; when the buffer was dropped, errno as the
 * writer that returned FPC_ERR_IO left it (seen, the errno of the failed
 * write itself: nothing since touched it). */
static int write_cause(FILE *f, int seen)
{
	errno = 0;
	return fflush(f) && errno ? errno : seen;
}

static int stdout_error(int cause)
{
	if (stdout_said)
		return EXIT_ERROR;
	stdout_said = 1;
	return cause ? cli_error("cannot write to standard output: %s",
				 strerror(cause))
		     : cli_error("cannot write to standard output");
}

int cli_stdout_flush(void)
{
	int cause;

	errno = 0;
	if (!fflush(stdout) && !ferror(stdout))
		return EXIT_OK;
	cause = errno;
	return stdout_error(cause);
}

int cli_output_fail(struct cli_output *o, int err, const char *detail)
{
	int seen = err == FPC_ERR_IO ? errno : 0;
	int broken = o->f && ferror(o->f), cause = 0, rc;

	if (broken)
		cause = write_cause(o->f, seen);
	if (broken && o->f == stdout)
		rc = stdout_error(cause);
	else if (broken)
		rc = cause ? cli_error("cannot write '%s': %s", o->path,
				       strerror(cause))
			   : cli_error("cannot write '%s'", o->path);
	else if (detail && *detail)
		rc = cli_error("%s", detail);
	else
		rc = cli_error("%s", fpc_strerror(err));
	cli_output_abort(o);
	return rc;
}

int cli_output_open(struct cli_output *o, const char *path)
{
	int err;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->f = stdout;
		return 0;
	}
	if (!(o->path = strdup(path)))
		return cli_error("out of memory");
	/* A device or a pipe is written in place, by the atomic file's own
	 * rule (fpcheck/container.h), the same for records and reports. */
	if ((err = fpc_atomic_open(&o->file, path))) {
		int e = errno;
		free(o->path);
		o->path = NULL;
		if (err == FPC_ERR_NOMEM)
			return cli_error("out of memory");
		return e == EISDIR ? cli_error("cannot write '%s': it is a "
					       "directory",
					       path)
				   : cli_error("cannot create '%s': %s", path,
					       strerror(e));
	}
	o->f = o->file.f;
	return 0;
}

int cli_output_close(struct cli_output *o)
{
	int rc = EXIT_OK;

	if (o->f == stdout)
		return cli_stdout_flush();
	if (fpc_atomic_commit(&o->file))
		rc = cli_error("cannot write '%s': %s", o->path,
			       strerror(errno));
	free(o->path);
	memset(o, 0, sizeof(*o));
	return rc;
}

void cli_output_abort(struct cli_output *o)
{
	fpc_atomic_abort(&o->file);
	free(o->path);
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
	cli_cleanup_partial(path);
}
