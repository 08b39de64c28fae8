/*
 * Analysis: a record read kernel by kernel, each kernel's truth taken from
 * the cache or computed, and its statistics kept.  What `fpcheck run` and
 * `fpcheck report` share.
 */
#ifndef FPCHECK_ANALYSIS_H
#define FPCHECK_ANALYSIS_H

#include "fpcheck/record.h"
#include "fpcheck/stats.h"
#include "fpcheck/truth.h"

struct fpc_analysis {
	struct fpc_prov prov;
	struct fpc_kstats *k; /* in record order */
	size_t nk;
	char **skipped; /* kernels fpcheck has no truth for */
	size_t nskipped;
	size_t truth_hits, truth_misses; /* cache use, per kernel */
};

/*
 * Analyses the record at path.  Errors: those of fpc_record_open and
 * fpc_record_next (the record is unreadable: nothing is returned),
 * FPC_ERR_FORMAT when a kernel appears twice or its formats or arity
 * contradict the kernel table (detail names it), FPC_ERR_NOMEM.
 */
int fpc_analyse(const char *path, const struct fpc_truth_options *o,
		struct fpc_analysis *a, char *detail, size_t detail_len);
void fpc_analysis_release(struct fpc_analysis *a);

#endif
