/*
 * Tolerance tables (fpcheck/tolerance.h) written out: glibc's
 * libm-test-ulps layout, JSON (schema FPC_TOL_SCHEMA, which fpc_tol_read
 * reads back, as it reads the glibc layout), a C header, CSV or markdown.
 */
#ifndef FPCHECK_TOLERANCE_REPORT_H
#define FPCHECK_TOLERANCE_REPORT_H

#include <stdio.h>

#include "fpcheck/tolerance.h"

enum fpc_tol_format {
	FPC_TOL_GLIBC,
	FPC_TOL_JSON,
	FPC_TOL_HEADER,
	FPC_TOL_CSV,
	FPC_TOL_MARKDOWN,
};

/* "glibc", "json", ... to the format, or -1. */
int fpc_tol_format_parse(const char *name);

/* Writes t; the same table always gives the same bytes.  Returns 0 or
 * FPC_ERR_IO. */
int fpc_tol_write(FILE *f, enum fpc_tol_format fmt,
		  const struct fpc_tol_table *t);

#endif
