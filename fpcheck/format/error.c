/*
 * fpc_strerror: the text of each error code.  Shared by the runner and
 * the library; C99 only.
 */
#include "fpcheck/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

const char *fpc_strerror(int err)
{
	switch (err) {
	case FPC_OK:
		return "success";
	case FPC_ERR_NOMEM:
		return "out of memory";
	case FPC_ERR_IO:
		return "input/output error";
	case FPC_ERR_TRUNCATED:
		return "file is truncated (it ends before its end marker)";
	case FPC_ERR_CHECKSUM:
		return "file is corrupt (checksum mismatch)";
	case FPC_ERR_FORMAT:
		return "file is corrupt (invalid content)";
	case FPC_ERR_VERSION:
		return "file was written by an incompatible version of fpcheck";
	case FPC_ERR_MAGIC:
		return "not an fpcheck file";
	case FPC_ERR_KIND:
		return "wrong kind of fpcheck file";
	case FPC_ERR_UNKNOWN:
		return "unknown kernel";
	case FPC_ERR_PARSE:
		return "malformed input";
	case FPC_ERR_MISMATCH:
		return "inputs do not match";
	case FPC_ERR_ARG:
		return "invalid argument";
	case FPC_ERR_RUNNER:
		return "runner failed";
	case FPC_ERR_TRAILING:
		return "file is corrupt (data after the end marker)";
	case FPC_ERR_NAME:
		return "invalid kernel name (a kernel is named by a C "
		       "identifier)";
	case FPC_ERR_LIMIT:
		return "file exceeds fpcheck's limits (docs/record-format.md)";
	default:
		return "unknown error";
	}
}

void fpc_error_detail(char *buf, size_t len, const char *path, int err,
		      int errnum)
{
	if (err == FPC_ERR_IO && errnum == ENOENT)
		snprintf(buf, len, "cannot open '%s': %s", path,
			 strerror(errnum));
	else if (err == FPC_ERR_IO && errnum)
		snprintf(buf, len, "%s: %s", path, strerror(errnum));
	else
		snprintf(buf, len, "%s: %s", path, fpc_strerror(err));
}
