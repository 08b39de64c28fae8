/*
 * A diff of two records (fpcheck/diff.h) written out: text for terminals,
 * markdown for pull requests, JSON for programs.
 */
#ifndef FPCHECK_DIFF_REPORT_H
#define FPCHECK_DIFF_REPORT_H

#include <stdio.h>

#include "fpcheck/diff.h"
#include "fpcheck/report.h"

/* Bump when a JSON field changes meaning or disappears (adding is free). */
#define FPC_DIFF_SCHEMA_VERSION 1

/*
 * Writes the diff as text (80 columns), markdown or JSON (schema
 * "fpcheck-diff", FPC_DIFF_SCHEMA_VERSION); path names the records.
 * Returns 0, FPC_ERR_ARG for another format, or FPC_ERR_IO when the
 * stream fails.
 */
int fpc_diff_write(FILE *f, enum fpc_report_format fmt,
		   const struct fpc_diff *d, const char *const path[2]);

#endif
