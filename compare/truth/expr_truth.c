/*
 * Expression kernels on the host: their exact values with MPFR (the
 * truth), and host re-evaluations in specific ways (the variants that
 * diff uses as evidence of how a build evaluated them).
 *
 * Exactness: a product of two p-bit numbers is exact at 2p bits, and
 * mpfr_sum rounds a sum of exact terms once, correctly, with the right
 * ternary value; so every truth here is the exact real value of the
 * expression rounded once.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "fpcheck/kdata.h"
#include "fpcheck/mpfr_fmt.h"
#include "fpcheck/catalog.h"
#include "fpcheck/ulp.h"
#include "kernels/horner.h"

/* ---- exact values ---------------------------------------------------- */

static int t_fma(mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd)
{
	return mpfr_fma(y, x[0], x[1], x[2], rnd);
}

/* sum over i of sign_i * x[2i] * x[2i+1], exactly, rounded once. */
static int sum_of_products(mpfr_ptr y, mpfr_srcptr *x, const int *sign,
			   unsigned n, mpfr_rnd_t rnd)
{
	mpfr_t p[3];
	mpfr_ptr tab[3];
	int inex;

	for (unsigned i = 0; i < n; i++) {
		mpfr_init2(p[i], mpfr_get_prec(x[2 * i]) +
				     mpfr_get_prec(x[2 * i + 1]));
		mpfr_mul(p[i], x[2 * i], x[2 * i + 1], MPFR_RNDN); /* exact */
		if (sign[i] < 0)
			mpfr_neg(p[i], p[i], MPFR_RNDN);
		tab[i] = p[i];
	}
	inex = mpfr_sum(y, tab, n, rnd);
	for (unsigned i = 0; i < n; i++)
		mpfr_clear(p[i]);
	return inex;
}

/* x[i] x[j] + s x[k] x[l], the shape of det2, cmulre, cmulim, cross and
 * raydisc: which arguments, and the sign of the second product. */
static int two_products(mpfr_ptr y, mpfr_srcptr *x, const int *ijkl, int s,
			mpfr_rnd_t rnd)
{
	const int sign[] = {1, s};
	mpfr_srcptr pairs[4] = {x[ijkl[0]], x[ijkl[1]], x[ijkl[2]],
				x[ijkl[3]]};
	return sum_of_products(y, pairs, sign, 2, rnd);
}

#define TWO_PRODUCTS_TRUTH(name, i, j, s, k, l)                               \
	static int t_##name(mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd)       \
	{                                                                     \
		static const int ijkl[] = {i, j, k, l};                       \
		return two_products(y, x, ijkl, s, rnd);                      \
	}
TWO_PRODUCTS_TRUTH(det2, 0, 3, -1, 1, 2)
TWO_PRODUCTS_TRUTH(cmulre, 0, 2, -1, 1, 3)
TWO_PRODUCTS_TRUTH(cmulim, 0, 3, 1, 1, 2)
TWO_PRODUCTS_TRUTH(cross, 1, 5, -1, 2, 4)
TWO_PRODUCTS_TRUTH(raydisc, 0, 0, -1, 1, 2)

static int t_dot3(mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd)
{
	static const int sign[] = {1, 1, 1};
	mpfr_srcptr pairs[6] = {x[0], x[3], x[1], x[4], x[2], x[5]};
	return sum_of_products(y, pairs, sign, 3, rnd);
}

static int t_horner(mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd)
{
	static const double c[] = {FPC_HORNER_COEFFS};
	mpfr_t t[FPC_HORNER_DEGREE + 1];
	mpfr_ptr tab[FPC_HORNER_DEGREE + 1];
	mpfr_prec_t px = mpfr_get_prec(x[0]);
	int inex;

	/* c_i x^(degree - i) exactly: x^k needs k p bits, the coefficient
	 * 24 more; then one rounding of the sum. */
	for (int i = 0; i <= FPC_HORNER_DEGREE; i++) {
		int k = FPC_HORNER_DEGREE - i;
		mpfr_init2(t[i], (k ? k * px : 1) + 24);
		mpfr_pow_ui(t[i], x[0], (unsigned long)k, MPFR_RNDN);
		mpfr_mul_d(t[i], t[i], c[i], MPFR_RNDN);
		tab[i] = t[i];
	}
	inex = mpfr_sum(y, tab, FPC_HORNER_DEGREE + 1, rnd);
	for (int i = 0; i <= FPC_HORNER_DEGREE; i++)
		mpfr_clear(t[i]);
	return inex;
}

/*
 * The exact terms of an expression can lie far outside the output
 * format's exponent range (x^7 of a large x) while the result does not,
 * so they are formed in MPFR's widest range; only the rounded result is
 * brought into the caller's range, as MPFR's format emulation requires
 * (mpfr_check_range with the ternary value).
 */
static int in_wide_range(fpc_mpfrn_fn f, mpfr_ptr y, mpfr_srcptr *x,
			 mpfr_rnd_t rnd)
{
	struct fpc_mpfr_range saved;
	int inex;

	fpc_mpfr_range_wide(&saved);
	inex = f(y, x, rnd);
	fpc_mpfr_range_restore(&saved);
	return mpfr_check_range(y, inex, rnd);
}

#define WIDE(name)                                                            \
	static int w_##name(mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd)       \
	{                                                                     \
		return in_wide_range(t_##name, y, x, rnd);                    \
	}
WIDE(det2)
WIDE(cmulre)
WIDE(cmulim)
WIDE(cross)
WIDE(raydisc)

static int w_dot3(mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd)
{
	return in_wide_range(t_dot3, y, x, rnd);
}

static int w_horner(mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd)
{
	return in_wide_range(t_horner, y, x, rnd);
}

fpc_mpfrn_fn fpc_expr_mpfr(const char *fn)
{
	static const struct {
		const char *name;
		fpc_mpfrn_fn f;
	} table[] = {
	    /* mpfr_fma forms the product exactly whatever the range. */
	    {"fma", t_fma},	/* fma() itself: correctly rounded */
	    {"mad", t_fma},	/* a*b + c is exactly fma mathematically */
	    {"det2", w_det2},
	    {"cmulre", w_cmulre},
	    {"cmulim", w_cmulim},
	    {"cross", w_cross},
	    {"raydisc", w_raydisc},
	    {"dot3", w_dot3},
	    {"horner", w_horner},
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(table[i].name, fn))
			return table[i].f;
	return NULL;
}

/* ---- host variants ---------------------------------------------------- */

/*
 * Each variant evaluates the kernel's source in one definite way on the
 * host, whatever this file's own compiler flags: fma() is the correctly
 * rounded fused operation, and the volatile stores force the roundings an
 * uncontracted evaluation performs.  Long double variants stand for x87
 * excess precision and exist only where long double is the x87 format.
 */

static double d(uint64_t b)
{
	return fpc_bits_value(FPC_FMT_BINARY64, b);
}

static float f(uint64_t b)
{
	return (float)fpc_bits_value(FPC_FMT_BINARY32, b);
}

static uint64_t bd(double x)
{
	return fpc_bits_from_double(FPC_FMT_BINARY64, x);
}

static uint64_t bf(float x)
{
	return fpc_bits_from_double(FPC_FMT_BINARY32, x);
}

/* The parameters of a variant's evaluation; the expressions' variants
 * take no argument of their own. */
#define VARIANT_ARGS                                                          \
	const void *arg __attribute__((unused)), const uint64_t *a, uint64_t *out

/*
 * One family of variants per expression, each generated for double and
 * for float: T is the type, get and put its bit conversions, fused its
 * fma.  Every name below exists as name (double) and name##f (float).
 */
#define BOTH(family, name, ...)                                               \
	family(name, double, d, bd, fma, __VA_ARGS__)                         \
	family(name##f, float, f, bf, fmaf, __VA_ARGS__)

/* a*b + c */
#define MAD(name, T, get, put, fused, unused)                                 \
	static void name##_fma(VARIANT_ARGS)              \
	{                                                                     \
		*out = put(fused(get(a[0]), get(a[1]), get(a[2])));           \
	}                                                                     \
	static void name##_plain(VARIANT_ARGS)            \
	{                                                                     \
		volatile T p = get(a[0]) * get(a[1]);                         \
		*out = put(p + get(a[2]));                                    \
	}
BOTH(MAD, mad, 0)

/*
 * x[i] x[j] + s x[k] x[l]: a compiler may fuse either product into the
 * sum (the other is rounded first), or neither.  Generated for det2,
 * cmulre, cmulim, cross and raydisc.
 */
#define TWO_PRODUCTS(name, T, get, put, fused, i, j, op, k, l)                \
	static void name##_fma_first(VARIANT_ARGS)        \
	{                                                                     \
		volatile T q = get(a[k]) * get(a[l]);                         \
		*out = put(fused(get(a[i]), get(a[j]), op q));                \
	}                                                                     \
	static void name##_fma_second(VARIANT_ARGS)       \
	{                                                                     \
		volatile T p = get(a[i]) * get(a[j]);                         \
		*out = put(fused(op get(a[k]), get(a[l]), p));                \
	}                                                                     \
	static void name##_plain(VARIANT_ARGS)            \
	{                                                                     \
		volatile T p = get(a[i]) * get(a[j]), q = get(a[k]) * get(a[l]); \
		*out = put(p op q);                                           \
	}
BOTH(TWO_PRODUCTS, det2, 0, 3, -, 1, 2)
BOTH(TWO_PRODUCTS, cmulre, 0, 2, -, 1, 3)
BOTH(TWO_PRODUCTS, cmulim, 0, 3, +, 1, 2)
BOTH(TWO_PRODUCTS, cross, 1, 5, -, 2, 4)
BOTH(TWO_PRODUCTS, raydisc, 0, 0, -, 1, 2)

/* ((a0 a3 + a1 a4) + a2 a5): contraction fuses a2 a5 into the sum, and
 * one of the first two products into the other: GCC fuses the first
 * (fma_first), the other order is fma. */
#define DOT3(name, T, get, put, fused, unused)                                \
	static void name##_fma(VARIANT_ARGS)              \
	{                                                                     \
		volatile T p = get(a[0]) * get(a[3]);                         \
		*out = put(fused(get(a[2]), get(a[5]),                        \
				 fused(get(a[1]), get(a[4]), p)));            \
	}                                                                     \
	static void name##_fma_first(VARIANT_ARGS)        \
	{                                                                     \
		volatile T p = get(a[1]) * get(a[4]);                         \
		*out = put(fused(get(a[2]), get(a[5]),                        \
				 fused(get(a[0]), get(a[3]), p)));            \
	}                                                                     \
	static void name##_plain(VARIANT_ARGS)            \
	{                                                                     \
		volatile T p0 = get(a[0]) * get(a[3]);                        \
		volatile T p1 = get(a[1]) * get(a[4]);                        \
		volatile T p2 = get(a[2]) * get(a[5]), s = p0 + p1;           \
		*out = put(s + p2);                                           \
	}
BOTH(DOT3, dot3, 0)

static const double hc[] = {FPC_HORNER_COEFFS};

/* Horner's scheme, every step fused, or every step rounded twice. */
#define HORNER(name, T, get, put, fused, unused)                              \
	static void name##_fma(VARIANT_ARGS)              \
	{                                                                     \
		T x = get(a[0]), r = (T)hc[0];                                \
		for (int i = 1; i <= FPC_HORNER_DEGREE; i++)                  \
			r = fused(r, x, (T)hc[i]);                            \
		*out = put(r);                                                \
	}                                                                     \
	static void name##_plain(VARIANT_ARGS)            \
	{                                                                     \
		T x = get(a[0]);                                              \
		volatile T r = (T)hc[0], p;                                   \
		for (int i = 1; i <= FPC_HORNER_DEGREE; i++) {                \
			p = r * x;                                            \
			r = p + (T)hc[i];                                     \
		}                                                             \
		*out = put(r);                                                \
	}
BOTH(HORNER, horner, 0)

#if LDBL_MANT_DIG == 64
/* The x87 evaluates the whole expression in its 64-bit-significand format
 * and rounds once, to the type, when storing. */
#define LD(get, n) ((long double)get(a[n]))
#define MAD_X87(name, T, get, put, fused, unused)                             \
	static void name##_x87(VARIANT_ARGS)              \
	{                                                                     \
		*out = put((T)(LD(get, 0) * LD(get, 1) + LD(get, 2)));        \
	}
#define TWO_PRODUCTS_X87(name, T, get, put, fused, i, j, op, k, l)            \
	static void name##_x87(VARIANT_ARGS)              \
	{                                                                     \
		*out = put((T)(LD(get, i) * LD(get, j) op LD(get, k) *        \
			       LD(get, l)));                                  \
	}
#define DOT3_X87(name, T, get, put, fused, unused)                            \
	static void name##_x87(VARIANT_ARGS)              \
	{                                                                     \
		*out = put((T)(LD(get, 0) * LD(get, 3) +                      \
			       LD(get, 1) * LD(get, 4) +                      \
			       LD(get, 2) * LD(get, 5)));                     \
	}
#define HORNER_X87(name, T, get, put, fused, unused)                          \
	static void name##_x87(VARIANT_ARGS)              \
	{                                                                     \
		long double x = LD(get, 0), r = (T)hc[0];                     \
		for (int i = 1; i <= FPC_HORNER_DEGREE; i++)                  \
			r = r * x + (T)hc[i];                                 \
		*out = put((T)r);                                             \
	}
BOTH(MAD_X87, mad, 0)
BOTH(TWO_PRODUCTS_X87, det2, 0, 3, -, 1, 2)
BOTH(TWO_PRODUCTS_X87, cmulre, 0, 2, -, 1, 3)
BOTH(TWO_PRODUCTS_X87, cmulim, 0, 3, +, 1, 2)
BOTH(TWO_PRODUCTS_X87, cross, 1, 5, -, 2, 4)
BOTH(TWO_PRODUCTS_X87, raydisc, 0, 0, -, 1, 2)
BOTH(DOT3_X87, dot3, 0)
BOTH(HORNER_X87, horner, 0)
#define X87(name, fn) {name, "x87-excess-precision", fn, NULL},
#else
#define X87(name, fn)
#endif

#define CONTRACT "fma-contraction"

static const struct fpc_variant v_mad[] = {
    {"fma(a, b, c)", CONTRACT, mad_fma, NULL},
    {"a*b + c, rounded twice", "no-contraction", mad_plain, NULL},
    X87("a*b + c in x87 extended precision", mad_x87)};
static const struct fpc_variant v_madf[] = {
    {"fmaf(a, b, c)", CONTRACT, madf_fma, NULL},
    {"a*b + c, rounded twice", "no-contraction", madf_plain, NULL},
    X87("a*b + c in x87 extended precision", madf_x87)};
#define TWO_PRODUCT_VARIANTS(name, first, second, plain, x87)                 \
	static const struct fpc_variant v_##name[] = {                        \
	    {first, CONTRACT, name##_fma_first, NULL},                              \
	    {second, CONTRACT, name##_fma_second, NULL},                            \
	    {plain, "no-contraction", name##_plain, NULL},                          \
	    X87(x87, name##_x87)}
TWO_PRODUCT_VARIANTS(det2, "fma(a, d, -(b*c))", "fma(-b, c, a*d)",
		     "a*d - b*c, rounded three times",
		     "a*d - b*c in x87 extended precision");
TWO_PRODUCT_VARIANTS(det2f, "fmaf(a, d, -(b*c))", "fmaf(-b, c, a*d)",
		     "a*d - b*c, rounded three times",
		     "a*d - b*c in x87 extended precision");
TWO_PRODUCT_VARIANTS(cmulre, "fma(a, c, -(b*d))", "fma(-b, d, a*c)",
		     "a*c - b*d, rounded three times",
		     "a*c - b*d in x87 extended precision");
TWO_PRODUCT_VARIANTS(cmulref, "fmaf(a, c, -(b*d))", "fmaf(-b, d, a*c)",
		     "a*c - b*d, rounded three times",
		     "a*c - b*d in x87 extended precision");
TWO_PRODUCT_VARIANTS(cmulim, "fma(a, d, b*c)", "fma(b, c, a*d)",
		     "a*d + b*c, rounded three times",
		     "a*d + b*c in x87 extended precision");
TWO_PRODUCT_VARIANTS(cmulimf, "fmaf(a, d, b*c)", "fmaf(b, c, a*d)",
		     "a*d + b*c, rounded three times",
		     "a*d + b*c in x87 extended precision");
TWO_PRODUCT_VARIANTS(cross, "fma(a1, b2, -(a2*b1))", "fma(-a2, b1, a1*b2)",
		     "a1*b2 - a2*b1, rounded three times",
		     "a1*b2 - a2*b1 in x87 extended precision");
TWO_PRODUCT_VARIANTS(crossf, "fmaf(a1, b2, -(a2*b1))", "fmaf(-a2, b1, a1*b2)",
		     "a1*b2 - a2*b1, rounded three times",
		     "a1*b2 - a2*b1 in x87 extended precision");
TWO_PRODUCT_VARIANTS(raydisc, "fma(b, b, -(a*c))", "fma(-a, c, b*b)",
		     "b*b - a*c, rounded three times",
		     "b*b - a*c in x87 extended precision");
TWO_PRODUCT_VARIANTS(raydiscf, "fmaf(b, b, -(a*c))", "fmaf(-a, c, b*b)",
		     "b*b - a*c, rounded three times",
		     "b*b - a*c in x87 extended precision");
static const struct fpc_variant v_dot3[] = {
    {"fma(a2, b2, fma(a0, b0, a1*b1))", CONTRACT, dot3_fma_first, NULL},
    {"fma(a2, b2, fma(a1, b1, a0*b0))", CONTRACT, dot3_fma, NULL},
    {"a0*b0 + a1*b1 + a2*b2, no fma", "no-contraction", dot3_plain, NULL},
    X87("the dot product in x87 extended precision", dot3_x87)};
static const struct fpc_variant v_dot3f[] = {
    {"fmaf(a2, b2, fmaf(a0, b0, a1*b1))", CONTRACT, dot3f_fma_first, NULL},
    {"fmaf(a2, b2, fmaf(a1, b1, a0*b0))", CONTRACT, dot3f_fma, NULL},
    {"a0*b0 + a1*b1 + a2*b2, no fma", "no-contraction", dot3f_plain, NULL},
    X87("the dot product in x87 extended precision", dot3f_x87)};
static const struct fpc_variant v_horner[] = {
    {"Horner with fma(r, x, c) at every step", CONTRACT, horner_fma, NULL},
    {"Horner with r*x + c rounded twice", "no-contraction", horner_plain, NULL},
    X87("Horner in x87 extended precision", horner_x87)};
static const struct fpc_variant v_hornerf[] = {
    {"Horner with fmaf(r, x, c) at every step", CONTRACT, hornerf_fma, NULL},
    {"Horner with r*x + c rounded twice", "no-contraction", hornerf_plain, NULL},
    X87("Horner in x87 extended precision", hornerf_x87)};

void fpc_expr_variants(const char *kernel, const struct fpc_variant **v,
		       size_t *n)
{
#define V(name, t) {name, t, sizeof(t) / sizeof(t[0])}
	static const struct {
		const char *kernel;
		const struct fpc_variant *v;
		size_t n;
	} table[] = {
	    V("mad", v_mad),	     V("madf", v_madf),
	    V("det2", v_det2),	     V("det2f", v_det2f),
	    V("cmulre", v_cmulre),   V("cmulref", v_cmulref),
	    V("cmulim", v_cmulim),   V("cmulimf", v_cmulimf),
	    V("cross", v_cross),     V("crossf", v_crossf),
	    V("raydisc", v_raydisc), V("raydiscf", v_raydiscf),
	    V("dot3", v_dot3),	     V("dot3f", v_dot3f),
	    V("horner", v_horner),   V("hornerf", v_hornerf),
	};
#undef V

	*v = NULL;
	*n = 0;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(table[i].kernel, kernel)) {
			*v = table[i].v;
			*n = table[i].n;
		}
}
