/*
 * Private interface between the error plots' entry points
 * (compare/output/plot.c), which read one kernel's results in records
 * and compare them with truth, and their drawing
 * (compare/output/plot_draw.c).
 */
#ifndef FPCHECK_PLOT_IMPL_H
#define FPCHECK_PLOT_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fpcheck/catalog.h"
#include "fpcheck/prov.h"

/* What became of an input: correctly rounded, misrounded, or a
 * special-value mismatch (a result that is not a number error). */
enum { CAT_CR, CAT_MIS, CAT_SPECIAL, NCAT };

/* An input placed on the plot: x (its first argument, or its number),
 * its error and what became of it. */
struct point {
	double x, err; /* err: |error| in ulps (0 for CAT_SPECIAL) */
	uint8_t cat;
};

/* One record's results of the kernel, as points, with what the legend
 * and the grouping of records with the same bits need. */
struct series {
	const char *path;
	char name[128];
	struct fpc_prov prov;
	uint32_t n;
	struct point *p; /* the inputs that can be placed */
	size_t np;
	uint32_t count[NCAT];
	uint32_t hidden, hidden_bad; /* infinite or NaN x, of them wrong */
	double max_err;
	uint64_t in_hash, out_hash;
	size_t same_as; /* an earlier series with the same bits, or SIZE_MAX */
	size_t group;	/* of those with other bits, the how-manieth */
};

/*
 * Draws the n series of kernel k as a w x h error plot and writes it as
 * a PNG on f, with source for its "Source" chunk.  Sets each series'
 * same_as and group.  Errors, with detail: FPC_ERR_ARG (w x h too small
 * for the plot), FPC_ERR_NOMEM, FPC_ERR_FORMAT (cairo failed), FPC_ERR_IO
 * (writing f).
 */
int fpc_plot_draw_errors(FILE *f, const struct fpc_kernel *k, struct series *s,
			 size_t n, int w, int h, const char *source,
			 char *detail, size_t detail_len);

#endif
