/*
 * Accuracy statistics of one kernel of a record against its truth: the
 * numbers every report format prints.
 */
#ifndef FPCHECK_STATS_H
#define FPCHECK_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "fpcheck/kdata.h"
#include "fpcheck/truth.h"
#include "fpcheck/ulp.h"

/* Signed error bins, in ulps of the exact value:
 * <-4, [-4,-2), [-2,-1), [-1,-1/2), [-1/2,0), 0, (0,1/2], (1/2,1], (1,2],
 * (2,4], >4.  Bins 4..6 hold the correctly rounded results, and only
 * them: a misrounded result erring by exactly 1/2 (a tie broken the wrong
 * way) is counted in [-1,-1/2) or (1/2,1]. */
#define FPC_HIST_BINS 11
#define FPC_EXAMPLES 5

/* Label of histogram bin i, e.g. "(1/2,1]". */
const char *fpc_hist_label(unsigned i);
/* An error in ulps for people, as every report and the diff's evidence
 * print it: 4 significant digits, e-notation from a million, ">1e308"
 * beyond the double range; ">0.5" or "<0.5" when it would print as 0.5
 * but is not (a misrounded hard case errs by 1/2 + 2^-60, and "0.5"
 * would read as correctly rounded). */
void fpc_format_ulps(char *buf, size_t len, double u);
/* buf, an error u printed in any precision, as ">0.5" or "<0.5" when it
 * reads "0.5" and u is not 1/2 (how fpc_format_ulps ends; for the tables
 * that print fewer digits). */
void fpc_format_half_side(char *buf, size_t len, double u);
/* part of whole as a percentage with the given decimals ("99.96"), never
 * rounded up to 100 nor down to 0: ">99.99" when some of the whole is
 * missing, "<0.01" when some is there (">99", "<1" with no decimals).
 * "0.00" (in that many decimals) when whole is 0. */
void fpc_format_share(char *buf, size_t len, uint64_t part, uint64_t whole,
		      int decimals);

struct fpc_example {
	uint32_t index; /* input number in the record */
	uint64_t in[FPC_MAX_ARITY];
	uint64_t out; /* the result */
	uint64_t cr;  /* the correctly rounded result */
	double err;   /* signed error in ulps (numeric outcomes) */
	uint8_t flags;
};

/* One input of a reduction kernel, as the report shows it. */
struct fpc_reduce_row {
	uint32_t n, seed;
	unsigned dist;
	double err;   /* signed, ulps of the exact value; NAN if not numeric */
	double cond;  /* condition number of the input */
	double bound; /* the order's a-priori bound in ulps; NAN if none */
};

struct fpc_kstats {
	char name[FPC_NAME_MAX + 1];
	unsigned format, arity;
	uint32_t n;
	uint32_t count[FPC_OUT_COUNT]; /* inputs per outcome */
	uint32_t n_err;   /* inputs with a numeric error (finite results) */
	double sum_err;   /* of |error| over those */
	double max_err;   /* largest |error|, ulps */
	struct fpc_example worst;     /* attains max_err (if n_err) */
	uint64_t max_glibc;           /* glibc-style ulps, rounded up */
	struct fpc_example glibc_worst;
	uint32_t low, high;           /* misrounded below / above */
	uint32_t hist[FPC_HIST_BINS];
	struct fpc_example special[FPC_OUT_COUNT][FPC_EXAMPLES];
	uint32_t flag_count[8];       /* inputs raising each FPC_FLAG bit */
	/* A kernel without truth (render kernels): only these are set,
	 * with name, format, arity, n and flag_count. */
	int no_truth;
	uint32_t nan_count, inf_count;
	/* Repeated runs (fpcheck run --repeat): runs is 0 when not repeated;
	 * nvaried inputs changed bits, at most max_distinct results each,
	 * the first of them first_varied. */
	uint32_t runs, nvaried, max_distinct, first_varied;
	/* Reductions: one row per input, owned by the analysis; else NULL. */
	struct fpc_reduce_row *rows;
};

/* Statistics of record kernel kd (with outputs) against truth t; t is
 * NULL for a kernel without truth (s->no_truth). */
void fpc_stats_compute(const struct fpc_kdata *kd, const struct fpc_truth *t,
		       struct fpc_kstats *s);

#endif
