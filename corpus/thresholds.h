/*
 * Private to the corpus module: where a function's correctly rounded
 * result changes behaviour (overflows, becomes subnormal, underflows to
 * 0, rounds to a constant or to x), and where it changes sign.  The hot
 * spots of the libm recipe (hotspots.c) are built on these.
 */
#ifndef FPC_CORPUS_THRESHOLDS_H
#define FPC_CORPUS_THRESHOLDS_H

#include <stdint.h>

#include "libm_inputs.h"

/* What happens to the rounded result. */
enum cond {
	C_INF,	/* it is infinite */
	C_ZERO, /* it is zero */
	C_TINY, /* it is below the smallest normal in magnitude (or zero) */
	C_EQ,	/* it is the constant c */
	C_EQX,	/* it is the input itself */
};

/* Whether cond holds for m1(t), or for m2 with argument vary set to t and
 * the other one to other. */
struct edge_test {
	fpc_mpfr1_fn m1; /* unary function, or */
	fpc_mpfr2_fn m2; /* binary function */
	enum vary vary;
	uint64_t other; /* the fixed argument */
	enum cond cond;
	uint64_t c;
};

/* Bisection over the format's values between from and to, whose outcomes
 * under t differ: *last is the last value, going from `from`, with
 * from's outcome.  Returns 1, or 0 (nothing found) when the outcomes
 * agree. */
int fpc_libm_edge(struct gen *g, const struct edge_test *t, uint64_t from,
		  uint64_t to, uint64_t *last);

/* A simple zero of m1 between from and to, where its signs differ: *last
 * is the last format value, going from `from`, before the sign changes.
 * Returns 1, or 0 when the signs at from and to do not differ. */
int fpc_libm_root(struct gen *g, fpc_mpfr1_fn m1, uint64_t from, uint64_t to,
		  uint64_t *last);

/* Adds the threshold of cond (constant c for C_EQ) on the kernel's own
 * unary function between from and to, with 2 ulps either side, noted
 * "hot spot: <kernel> <what>"; nothing when there is none. */
void fpc_libm_threshold(struct gen *g, enum cond cond, uint64_t c,
			uint64_t from, uint64_t to, const char *what);

#endif
