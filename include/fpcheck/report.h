/*
 * Reports: accuracy statistics of one or more records, as aligned text
 * for terminals (80 columns), markdown, JSON (versioned schema) or CSV.
 */
#ifndef FPCHECK_REPORT_H
#define FPCHECK_REPORT_H

#include <stdio.h>

#include "fpcheck/analysis.h"
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

/* The report entry for analysis a of the record at path (valid while a
 * and path live). */
void fpc_report_entry_of(const struct fpc_analysis *a, const char *path,
			struct fpc_report_entry *e);

/* Helpers every writer of fpcheck's outputs shares. */

/* Name of exception flag bit b (enum fpc_flag), or NULL for unused bits. */
const char *fpc_flag_name(unsigned b);
/* JSON: a string with escapes (controls as \uNNNN, bytes that are not
 * UTF-8 as U+FFFD); a value as {"hex", "decimal", "bits"};
 * exception flags as an array of names. */
void fpc_json_string(FILE *f, const char *s);
void fpc_json_value(FILE *f, unsigned format, uint64_t b);
void fpc_json_flags(FILE *f, uint8_t flags);
/* Text from a file (provenance, notes) for a terminal or a text report,
 * as fpc_prov_show_unit shows it: no control reaches the reader. */
void fpc_text_put(FILE *f, const char *s);
/* tmpl with each {KEY} replaced by p's value of KEY (fallback when p is
 * NULL or has no such key), shown as fpc_text_put. */
void fpc_text_prov(FILE *f, const struct fpc_prov *p, const char *tmpl,
		   const char *fallback);
/* CSV: a field, quoted, its quotes doubled, shown as fpc_text_put. */
void fpc_csv_field(FILE *f, const char *s);
/* XML and HTML: text or an attribute value, with <, >, & and " escaped,
 * shown as fpc_text_put. */
void fpc_xml_text(FILE *f, const char *s);

/* Parses "text", "markdown", "json" or "csv"; returns -1 if unknown. */
int fpc_report_format_parse(const char *name);

/* Writes the report.  Returns 0 or FPC_ERR_IO when the stream fails. */
int fpc_report_write(FILE *f, enum fpc_report_format fmt,
		     const struct fpc_report_entry *e, size_t n);

#endif
