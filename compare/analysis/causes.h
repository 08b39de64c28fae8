/*
 * Private to the diff module: the per-input cause classifier and the
 * evidence sentences (causes.c), for the kernel comparison (diff.c).
 */
#ifndef FPC_CAUSES_H
#define FPC_CAUSES_H

#include <stddef.h>

#include "fpcheck/diff.h"

/* What the classifier knows about one kernel of the two records. */
struct cause_ctx {
	const struct fpc_kernel *k;
	unsigned format, arity;
	const struct fpc_prov *prov[2];
	const struct fpc_truth *t; /* NULL: no truth */
	/* Per record: 1 when its provenance has ftz or daz on, 0 when it
	 * says both are off, -1 when it does not say. */
	int flush[2];
	/* Per record: its results may have passed through x87 registers
	 * (flt_eval_method 2, or an i686 build, whose libm computes in
	 * them), or the provenance does not say. */
	int x87[2];
	/* Per record: it may have evaluated arithmetic in x87 extended
	 * precision (flt_eval_method 2, or not said), or contracted a
	 * multiply-add to a fused one (fp_fast_fma not "no"). */
	int excess[2], fma[2];
	/* Per record: its flags allow reassociation (-ffast-math, ...), or
	 * they are not known. */
	int reassoc[2];
	/* The records name two different C libraries, or the same one built
	 * for two architectures: two different math libraries either way. */
	int libc_differs;
};

void fpc_cause_ctx_init(struct cause_ctx *c, const struct fpc_kernel *k,
			unsigned format, unsigned arity,
			const struct fpc_prov *pa, const struct fpc_prov *pb,
			const struct fpc_truth *t);

/* Signed error of result y of input i against the truth, in ulps of the
 * exact value; NAN when there is no truth or y or the truth is not
 * finite. */
double fpc_cause_error(const struct cause_ctx *c, uint32_t i, uint64_t y);

/*
 * The cause of the difference between results a and b (bits differ) of
 * input i, whose arguments are args.  *side is the record showing the
 * effect (0, 1, or -1; see struct fpc_cause_stat), *variant the index of
 * the kernel variant that claimed the input or -1, *extra 1 when the
 * input counts in fpc_cause_stat.extra.  Every variant tried that
 * reproduces a side is counted in hits[v].side (hits has one entry per
 * kernel variant, or is NULL).
 */
enum fpc_cause fpc_cause_classify(const struct cause_ctx *c, uint32_t i,
				  const uint64_t *args, uint64_t a, uint64_t b,
				  struct fpc_variant_hits *hits, int *side,
				  int *variant, int *extra);

/* Writes the evidence sentence of every cause with a count into d. */
void fpc_cause_evidence(const struct cause_ctx *c, struct fpc_kdiff *d);


#endif
