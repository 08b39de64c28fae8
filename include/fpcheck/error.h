/*
 * Error codes shared by every fpcheck module and by the runner.
 *
 * Library functions return 0 on success or a negative enum fpc_err value;
 * they never print and never exit.  fpc_strerror() gives the one-line text
 * that the CLI prints after the name of the thing that failed.
 *
 * This header depends on nothing but the C standard, because the runner
 * (built by any C compiler for any target) includes it too.
 */
#ifndef FPCHECK_ERROR_H
#define FPCHECK_ERROR_H

#include <stddef.h>

enum fpc_err {
	FPC_OK = 0,
	FPC_ERR_NOMEM = -1,     /* out of memory */
	FPC_ERR_IO = -2,        /* read or write failed; errno holds the cause */
	FPC_ERR_TRUNCATED = -3, /* file ends before its end marker */
	FPC_ERR_CHECKSUM = -4,  /* a section's CRC-32 does not match */
	FPC_ERR_FORMAT = -5,    /* structurally invalid content */
	FPC_ERR_VERSION = -6,   /* written by a newer, incompatible format */
	FPC_ERR_MAGIC = -7,     /* not an fpcheck file at all */
	FPC_ERR_KIND = -8,      /* an fpcheck file of another kind */
	FPC_ERR_UNKNOWN = -9,   /* unknown function or kernel name */
	FPC_ERR_PARSE = -10,    /* malformed text input */
	FPC_ERR_MISMATCH = -11, /* inputs do not match (record vs corpus/truth) */
	FPC_ERR_ARG = -12,      /* invalid argument */
	FPC_ERR_RUNNER = -13,   /* the runner failed, crashed or timed out */
	FPC_ERR_TRAILING = -14, /* data after the end marker */
	FPC_ERR_NAME = -15,     /* a kernel name that is not a C identifier */
	FPC_ERR_LIMIT = -16,    /* valid, but over a documented size limit */
};

/* Static text for an error code, e.g. "record is truncated". */
const char *fpc_strerror(int err);

/* The one line that says why the file at path failed with err, into buf
 * (len bytes): "PATH: why", with errno's text (errnum, saved by the
 * caller when the call failed) for FPC_ERR_IO rather than the generic
 * "input/output error", and "cannot open 'PATH': ..." for a file that
 * does not exist. */
void fpc_error_detail(char *buf, size_t len, const char *path, int err,
		      int errnum);

#endif
