/*
 * Reports: accuracy statistics of one or more records, as aligned text
 * for terminals (80 columns), markdown, JSON (versioned schema) or CSV.
 */
#ifndef FPCHECK_REPORT_H
#define FPCHECK_REPORT_H

#include <stdio.h>

#include "fpcheck/record.h"
#include "fpcheck/stats.h"

/* Bump when a JSON field changes meaning or disappears (adding is free). */
#define FPC_REPORT_SCHEMA_VERSION 1

enum fpc_report_format {
	FPC_REPORT_TEXT,
	FPC_REPORT_MARKDOWN,
	FPC_REPORT_JSON,
	FPC_REPORT_CSV,
};

/* One record's statistics, kernels in table order. */
struct fpc_report_entry {
	const char *path;
	const struct fpc_prov *prov;
	const struct fpc_kstats *k;
	size_t nk;
	const char *const *skipped; /* kernels without truth, by name */
	size_t nskipped;
};

/* Parses "text", "markdown", "json" or "csv"; returns -1 if unknown. */
int fpc_report_format_parse(const char *name);

/* Writes the report.  Returns 0 or FPC_ERR_IO when the stream fails. */
int fpc_report_write(FILE *f, enum fpc_report_format fmt,
		     const struct fpc_report_entry *e, size_t n);

#endif
