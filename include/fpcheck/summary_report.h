/*
 * The kernels x configurations summary (fpcheck/summary.h) written out:
 * a text table for terminals, markdown, JSON (schema "fpcheck-matrix")
 * and CSV.
 */
#ifndef FPCHECK_SUMMARY_REPORT_H
#define FPCHECK_SUMMARY_REPORT_H

#include <stdio.h>

#include "fpcheck/report.h"
#include "fpcheck/summary.h"

/* Bump when a JSON field changes meaning or disappears (adding is free). */
#define FPC_SUMMARY_SCHEMA_VERSION 1

/* Writes the summary; returns 0 or FPC_ERR_IO. */
int fpc_summary_write(FILE *f, enum fpc_report_format fmt,
		      const struct fpc_summary *s);

#endif
