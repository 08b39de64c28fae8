/*
 * Private to the corpus module: the recipe of the libm kernels (sin,
 * expf, pow...), shared by the files that make its steps.  A kernel's
 * inputs are built in one context, struct gen: the kernel and its
 * format, the input set, the kernel's random stream and MPFR scratch
 * variables.  Here are that context, the values of the format that every
 * step names (as bit patterns), the correctly rounded evaluation of a
 * function in the format, hot spots with their neighbours, and the steps
 * the driver (generate.c) runs in order: special values (specials.c), hot
 * spots (hotspots.c), then, after the hard cases, random samples
 * (sampling.c).
 *
 * Bit patterns, not doubles: a binary32 input is a float's pattern,
 * zero-extended, so float inputs are never rounded from doubles, and
 * ulp steps are integer arithmetic on a total-order key.
 */
#ifndef FPC_CORPUS_LIBM_INPUTS_H
#define FPC_CORPUS_LIBM_INPUTS_H

#include <stdint.h>

#include <mpfr.h>

#include "fpcheck/catalog.h"
#include "fpcheck/ulp.h"
#include "inputset.h"

/* ---- values of a format ----------------------------------------------- */

/* Exponent of the smallest subnormal: -1074, -149. */
static inline int esub(const struct fpc_fmt_desc *f)
{
	return f->emin - f->prec + 1;
}

static inline int is_nan(const struct fpc_fmt_desc *f, uint64_t b)
{
	return (b & ~f->sign) > f->inf;
}

/* 2^e for e in [esub, emax]. */
static inline uint64_t pow2(const struct fpc_fmt_desc *f, int e)
{
	if (e < f->emin)
		return (uint64_t)1 << (e - esub(f));
	return (uint64_t)(e - f->emin + 1) << (f->prec - 1);
}

/* Total-order key: consecutive values of the format have consecutive
 * keys, -0 just below +0, so ulp steps and bisection are integer
 * arithmetic. */
static inline uint64_t key(const struct fpc_fmt_desc *f, uint64_t b)
{
	return b & f->sign ? f->sign - 1 - (b & ~f->sign) : b | f->sign;
}

static inline uint64_t unkey(const struct fpc_fmt_desc *f, uint64_t k)
{
	return k >= f->sign ? k & ~f->sign : f->sign | (f->sign - 1 - k);
}

/* b moved k ulps towards +inf; a NaN pattern when that leaves [-inf, inf]. */
static inline uint64_t step(const struct fpc_fmt_desc *f, uint64_t b, int k)
{
	uint64_t lo = key(f, f->sign | f->inf), hi = key(f, f->inf);
	uint64_t kb = key(f, b);
	uint64_t mag = k < 0 ? 0 - (uint64_t)k : (uint64_t)k;

	if (is_nan(f, b) || (k < 0 && kb - lo < mag) ||
	    (k > 0 && hi - kb < mag))
		return f->qnan;
	return unkey(f, k < 0 ? kb - mag : kb + mag);
}

/* ---- the context of one kernel ---------------------------------------- */

struct gen {
	const struct fpc_fmt_desc *f;
	const struct fpc_kernel *k;
	const char *fn; /* function name, "sin" for "sin" and "sinf" */
	struct inputset b;
	uint64_t rng[4];
	mpfr_t x, y, r; /* scratch: inputs and the result in the format */
};

/* Sets g up for kernel k (of family FPC_FAMILY_LIBM) with the kernel's
 * random stream under seed: an empty input set of k's arity, MPFR
 * scratch of k's precision.  fpc_libm_release frees it. */
void fpc_libm_init(struct gen *g, const struct fpc_kernel *k, uint64_t seed);
/* Frees the MPFR scratch and what the input set still holds. */
void fpc_libm_release(struct gen *g);

/* d in the format (exact, or rounded once for binary32). */
static inline uint64_t num(const struct gen *g, double d)
{
	return fpc_bits_from_double(g->f->format, d);
}

/* Is d exactly a value of the format? */
static inline int exact(const struct gen *g, double d)
{
	return fpc_bits_value(g->f->format, num(g, d)) == d;
}

static inline uint64_t neg(const struct gen *g, uint64_t b)
{
	return b ^ g->f->sign;
}

/* The largest finite value. */
static inline uint64_t maxf(const struct gen *g)
{
	return g->f->inf - 1;
}

/* The smallest subnormal. */
static inline uint64_t minsub(const struct gen *g)
{
	(void)g;
	return 1;
}

/* The smallest normal. */
static inline uint64_t minnorm(const struct gen *g)
{
	return pow2(g->f, g->f->emin);
}

/* ---- MPFR evaluation in the format ------------------------------------ */

/* RN(m1(x)) or RN(m2(x, y)) in the format (m1 NULL for a binary
 * function), subnormals and overflow included: MPFR's exponent range is
 * narrowed to the format's for the call, then restored. */
uint64_t fpc_libm_eval(struct gen *g, fpc_mpfr1_fn m1, fpc_mpfr2_fn m2,
		       uint64_t x, uint64_t y);
/* v rounded once to the format (nearest, ties to even), treating v as
 * exact; v may lie outside the format's range. */
uint64_t fpc_libm_round(struct gen *g, mpfr_srcptr v);
/* RN(num * c / den), c an MPFR constant (mpfr_const_pi, _log2). */
uint64_t fpc_libm_const_times(struct gen *g, int (*c)(mpfr_ptr, mpfr_rnd_t),
			      unsigned long num, unsigned long den);
/* RN(sqrt(x) * num / den) for a format value x. */
uint64_t fpc_libm_sqrt_times(struct gen *g, uint64_t x, unsigned long num,
			     unsigned long den);

/* ---- hot spots and their neighbours ----------------------------------- */

/* Which argument the neighbours of a hot spot vary. */
enum vary {
	VARY_X,	 /* f(t), or f(t, y) with y fixed */
	VARY_Y,	 /* f(x, t) with x fixed */
	VARY_XY, /* f(t, t) */
};

/* Adds the hot spot x of a unary kernel and its neighbours up to k ulps
 * away, noted "hot spot: <what>", "hot spot: <what>, +1 ulp" and so on
 * (in ulps of the format, + towards +inf), <what> formatted from fmt.
 * Neighbours beyond +-inf are left out. */
void fpc_libm_near1(struct gen *g, uint64_t x, int k, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The same for (x, y), the neighbours varying the argument(s) v says. */
void fpc_libm_near2(struct gen *g, uint64_t x, uint64_t y, enum vary v, int k,
		    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* ---- the steps, in the order the driver runs them --------------------- */

/* Special values (zeros, infinities, NaNs, format limits, small powers of
 * 2); binary kernels get every pair of a smaller set. */
void fpc_libm_specials(struct gen *g);
/* The hot spots of g's function, if it has any. */
void fpc_libm_hot_spots(struct gen *g);
/* n log-uniform random samples from the function's sampling table entry:
 * three quarters from its primary range, the rest from its wide one.
 * Nothing for a function without an entry. */
void fpc_libm_random(struct gen *g, unsigned n);

#endif
