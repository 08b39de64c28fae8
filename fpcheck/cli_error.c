/*
 * Messages and exit codes of a failing command (see cli_error.h).  A
 * message first clears the progress line, so that it starts a line of
 * its own.
 */
#include "cli_error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli_progress.h"
#include "fpcheck/error.h"

int cli_error(const char *fmt, ...)
{
	va_list ap;

	cli_progress_done();
	fputs("fpcheck: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_ERROR;
}

int cli_file_error(const char *path, int err, const char *detail)
{
	char line[4096 + 256];

	if (detail && *detail)
		return cli_error("%s: %s", path, detail);
	fpc_error_detail(line, sizeof(line), path, err, errno);
	return cli_error("%s", line);
}

int cli_usage(const char *text)
{
	fputs(text, stderr);
	return EXIT_ERROR;
}
