/*
 * The HTML report: one self-contained file (styles inline, images as
 * data: URIs, no script, nothing fetched) with the kernels x
 * configurations summary and its heatmap, each configuration's diff
 * against the baseline with causes, per-function error plots across
 * configurations, and the render kernels' images side by side with
 * their exposure-boosted differences and ulp heatmaps.
 */
#ifndef FPCHECK_HTML_H
#define FPCHECK_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "fpcheck/truth.h"

struct fpc_html_options {
	const struct fpc_truth_options *truth;
	size_t baseline;   /* index of the baseline record */
	double stops;	   /* exposure of the boosted image differences */
	const char *title; /* of the page */
	/* Called between records' passes (may be NULL). */
	void (*progress)(void *arg, const char *what, size_t done,
			 size_t total);
	void *progress_arg;
};

/*
 * Writes the report of the records paths[0..n) (shown as names[i]) to f.
 * Records are read kernel by kernel, all in step, so memory holds one
 * kernel of each.  Errors: as fpc_summary_compute and fpc_diff_records
 * (detail names the record), FPC_ERR_IO when f fails, FPC_ERR_NOMEM.
 */
int fpc_html_write(FILE *f, const char *const *paths, const char *const *names,
		   size_t n, const struct fpc_html_options *o, char *detail,
		   size_t detail_len);

#endif
