/*
 * Truth: the correctly rounded result of each kernel on each input,
 * computed with MPFR in the output format's exponent range (emin, emax and
 * mpfr_subnormalize), plus the exact value's offset from it in ulps, which
 * gives every fractional error without a second evaluation.
 *
 * The exact value x of input i is cr[i] + off[i] * 2^ue[i], where
 * 2^ue[i] = ulp(x) (docs/ulp.md) and |off[i]| <= 1/2.  off is 0 when x is
 * exact in the format, when x or cr[i] is infinite or NaN.  off is the
 * exact offset to a double's precision (and 2^-(work - p) ulp from the
 * working precision), and compares with -1/2, 0 and 1/2 exactly as the
 * exact offset does: an offset of 1/2 - 2^-60 is stored as the double
 * below 1/2, not rounded to 1/2, so that every error computed from it
 * (fpc_ulp_error) says exactly whether it is within half an ulp.
 */
#ifndef FPCHECK_TRUTH_H
#define FPCHECK_TRUTH_H

#include <stdint.h>

#include "fpcheck/kdata.h"
#include "fpcheck/catalog.h"

/* Bump when the way truth is computed changes: it invalidates caches. */
#define FPC_TRUTH_VERSION 2u

struct fpc_truth {
	uint32_t n;
	uint64_t *cr; /* correctly rounded result, bits; canonical NaN */
	double *off;  /* (x - cr) / ulp(x) */
	int16_t *ue;  /* log2 ulp(x) */
};

int fpc_truth_alloc(struct fpc_truth *t, uint32_t n);
void fpc_truth_release(struct fpc_truth *t);

/*
 * Plain MPFR, no shortcut: the result computed directly at the format's
 * precision within its exponent range and subnormalized, and the offset
 * from a separate evaluation at a higher precision.  The reference every
 * faster path is tested against.  args holds arity input bit patterns.
 */
int fpc_truth_eval_plain(const struct fpc_kernel *k, const uint64_t *args,
			 uint64_t *cr, double *off, int16_t *ue);
/*
 * The bulk path: one evaluation rounded to odd at a working precision of
 * at least p + 2 bits, from which both the correctly rounded result and
 * the offset follow (a round-to-odd value is never a midpoint of any
 * coarser precision, so rounding it again is correct).
 */
int fpc_truth_eval(const struct fpc_kernel *k, const uint64_t *args,
		   uint64_t *cr, double *off, int16_t *ue);

/*
 * The result as hardware with a wider register format computes it: the
 * exact value rounded to nearest at prec bits in MPFR's wide exponent
 * range (an x87 register: prec 64; what its 15-bit exponent cannot hold
 * is zero or infinite in the output format too), then that value, taken
 * as exact, rounded to nearest in the output format with its exponent
 * range and subnormals.  Evidence of double rounding for diff.  Returns
 * 0, or FPC_ERR_ARG when prec is below MPFR_PREC_MIN.
 */
int fpc_truth_eval_double_rounded(const struct fpc_kernel *k,
				  const uint64_t *args, unsigned prec,
				  uint64_t *bits);

/* Called from worker threads, serialised by the library: done of total
 * inputs of the current kernel are computed. */
typedef void (*fpc_progress_fn)(void *arg, const char *kernel, uint64_t done,
				uint64_t total);

struct fpc_truth_options {
	unsigned threads;  /* 0: one per online CPU */
	const char *cache; /* cache directory, or NULL for none */
	fpc_progress_fn progress;
	void *progress_arg;
};

/*
 * Truth for every input of kd (kernel k), from the cache when it holds a
 * valid entry for exactly these inputs (*hit set), else computed with
 * fpc_truth_eval on o->threads threads and stored in the cache.  A corrupt
 * or mismatching cache entry is recomputed and replaced; failing to write
 * the cache is not an error.  Returns 0, FPC_ERR_NOMEM or FPC_ERR_ARG.
 */
int fpc_truth_get(const struct fpc_kernel *k, const struct fpc_kdata *kd,
		  const struct fpc_truth_options *o, struct fpc_truth *t,
		  int *hit);

/* Cache files (truth_cache.c).  Path returns FPC_ERR_NAME for a name
 * that is no kernel name (fpc_kdata_name_ok): no file is named after it.
 * Load returns 0 on a valid entry for these inputs, FPC_ERR_MISMATCH when
 * there is none or it is stale, or another error for a corrupt one. */
int fpc_truth_cache_path(const char *dir, const struct fpc_kdata *kd,
			 char *path, size_t len);
int fpc_truth_cache_load(const char *path, const struct fpc_kdata *kd,
			 struct fpc_truth *t);
int fpc_truth_cache_store(const char *path, const struct fpc_kdata *kd,
			  const struct fpc_truth *t);

#endif
