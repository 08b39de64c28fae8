/*
 * Private interface between the report writers (compare/output/report.c) and
 * the reductions section (compare/output/reduce_report.c).
 */
#ifndef FPC_REPORT_IMPL_H
#define FPC_REPORT_IMPL_H

#include <stdio.h>

#include "fpcheck/report.h"

/* The reductions section of entry e, if its record has reductions:
 * aligned text, markdown tables, or the JSON member ",\n\"reductions\": [...]"
 * (always written, empty without reductions). */
void fpc_report_reductions_text(FILE *f, const struct fpc_report_entry *e);
void fpc_report_reductions_markdown(FILE *f, const struct fpc_report_entry *e);
void fpc_report_reductions_json(FILE *f, const struct fpc_report_entry *e);

#endif
