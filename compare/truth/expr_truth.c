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

/* sum over i < n of sign[i] * x[idx[2i]] * x[idx[2i+1]], exactly, rounded
 * once. */
static int sum_of_products(mpfr_ptr y, mpfr_srcptr *x, const int *idx,
			   const int *sign, unsigned n, mpfr_rnd_t rnd)
{
	mpfr_t p[3];
	mpfr_ptr tab[3];
	int inex;

	for (unsigned i = 0; i < n; i++) {
		mpfr_srcptr u = x[idx[2 * i]], v = x[idx[2 * i + 1]];
		mpfr_init2(p[i], mpfr_get_prec(u) + mpfr_get_prec(v));
		mpfr_mul(p[i], u, v, MPFR_RNDN); /* exact */
		if (sign[i] < 0)
			mpfr_neg(p[i], p[i], MPFR_RNDN);
		tab[i] = p[i];
	}
	inex = mpfr_sum(y, tab, n, rnd);
	for (unsigned i = 0; i < n; i++)
		mpfr_clear(p[i]);
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

#define LIST(...) __VA_ARGS__

/* t_name: the sum of the n products of the arguments idx with the signs
 * sign (sum_of_products); w_name: the same in the widest range. */
#define PRODUCTS_TRUTH(name, n, idx, sign)                                     \
	static int t_##name(mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd)        \
	{                                                                      \
		static const int i[] = {LIST idx}, s[] = {LIST sign};          \
		return sum_of_products(y, x, i, s, n, rnd);                    \
	}                                                                      \
	static int w_##name(mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd)        \
	{                                                                      \
		return in_wide_range(t_##name, y, x, rnd);                     \
	}
/* a*b + c is exactly fma mathematically, and mpfr_fma forms the product
 * exactly whatever the range. */
#define FPC_MAD(name, n, i, j, k, ...)                                         \
	static int t_##name(mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd)        \
	{                                                                      \
		return mpfr_fma(y, x[i], x[j], x[k], rnd);                     \
	}
#define FPC_TWO_PRODUCTS(name, n, i, j, op, k, l, ...)                         \
	PRODUCTS_TRUTH(name, 2, (i, j, k, l), (1, FPC_SIGN(op)))
#define FPC_DOT3(name, n, i0, j0, i1, j1, i2, j2, ...)                         \
	PRODUCTS_TRUTH(name, 3, (i0, j0, i1, j1, i2, j2), (1, 1, 1))
#include "kernels/products.def"
#undef FPC_MAD
#undef FPC_TWO_PRODUCTS
#undef FPC_DOT3

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
	    {"fma", t_fma}, /* fma() itself: correctly rounded */
#define FPC_MAD(name, ...)	    {#name, t_##name},
#define FPC_TWO_PRODUCTS(name, ...) {#name, w_##name},
#define FPC_DOT3(name, ...)	    {#name, w_##name},
#include "kernels/products.def"
#undef FPC_MAD
#undef FPC_TWO_PRODUCTS
#undef FPC_DOT3
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
#define MAD(name, T, get, put, fused, i, j, k)                                 \
	static void name##_fma(VARIANT_ARGS)                                   \
	{                                                                      \
		*out = put(fused(get(a[i]), get(a[j]), get(a[k])));            \
	}                                                                      \
	static void name##_plain(VARIANT_ARGS)                                 \
	{                                                                      \
		volatile T p = get(a[i]) * get(a[j]);                          \
		*out = put(p + get(a[k]));                                     \
	}

/* x[i] x[j] op x[k] x[l]: a compiler may fuse either product into the
 * sum (the other is rounded first), or neither. */
#define TWO_PRODUCTS(name, T, get, put, fused, i, j, op, k, l)                 \
	static void name##_fma_first(VARIANT_ARGS)                             \
	{                                                                      \
		volatile T q = get(a[k]) * get(a[l]);                          \
		*out = put(fused(get(a[i]), get(a[j]), op q));                 \
	}                                                                      \
	static void name##_fma_second(VARIANT_ARGS)                            \
	{                                                                      \
		volatile T p = get(a[i]) * get(a[j]);                          \
		*out = put(fused(op get(a[k]), get(a[l]), p));                 \
	}                                                                      \
	static void name##_plain(VARIANT_ARGS)                                 \
	{                                                                      \
		volatile T p = get(a[i]) * get(a[j]),                          \
			   q = get(a[k]) * get(a[l]);                          \
		*out = put(p op q);                                            \
	}

/* ((p0 + p1) + p2) of the products pm = x[im] x[jm]: contraction fuses
 * p2 into the sum, and one of the first two products into the other: GCC
 * fuses the first (fma_first), the other order is fma. */
#define DOT3(name, T, get, put, fused, i0, j0, i1, j1, i2, j2)                 \
	static void name##_fma(VARIANT_ARGS)                                   \
	{                                                                      \
		volatile T p = get(a[i0]) * get(a[j0]);                        \
		*out = put(fused(get(a[i2]), get(a[j2]),                       \
				 fused(get(a[i1]), get(a[j1]), p)));           \
	}                                                                      \
	static void name##_fma_first(VARIANT_ARGS)                             \
	{                                                                      \
		volatile T p = get(a[i1]) * get(a[j1]);                        \
		*out = put(fused(get(a[i2]), get(a[j2]),                       \
				 fused(get(a[i0]), get(a[j0]), p)));           \
	}                                                                      \
	static void name##_plain(VARIANT_ARGS)                                 \
	{                                                                      \
		volatile T p0 = get(a[i0]) * get(a[j0]);                       \
		volatile T p1 = get(a[i1]) * get(a[j1]);                       \
		volatile T p2 = get(a[i2]) * get(a[j2]), s = p0 + p1;          \
		*out = put(s + p2);                                            \
	}

#define FPC_MAD(name, n, i, j, k, ...) BOTH(MAD, name, i, j, k)
#define FPC_TWO_PRODUCTS(name, n, i, j, op, k, l, ...)                         \
	BOTH(TWO_PRODUCTS, name, i, j, FPC_OP(op), k, l)
#define FPC_DOT3(name, n, i0, j0, i1, j1, i2, j2, ...)                         \
	BOTH(DOT3, name, i0, j0, i1, j1, i2, j2)
#include "kernels/products.def"
#undef FPC_MAD
#undef FPC_TWO_PRODUCTS
#undef FPC_DOT3

static const double hc[] = {FPC_HORNER_COEFFS};

/* Horner's scheme, every step fused, or every step rounded twice. */
#define HORNER(name, T, get, put, fused, unused)                               \
	static void name##_fma(VARIANT_ARGS)                                   \
	{                                                                      \
		T x = get(a[0]), r = (T)hc[0];                                 \
		for (int i = 1; i <= FPC_HORNER_DEGREE; i++)                   \
			r = fused(r, x, (T)hc[i]);                             \
		*out = put(r);                                                 \
	}                                                                      \
	static void name##_plain(VARIANT_ARGS)                                 \
	{                                                                      \
		T x = get(a[0]);                                               \
		volatile T r = (T)hc[0], p;                                    \
		for (int i = 1; i <= FPC_HORNER_DEGREE; i++) {                 \
			p = r * x;                                             \
			r = p + (T)hc[i];                                      \
		}                                                              \
		*out = put(r);                                                 \
	}
BOTH(HORNER, horner, 0)

#if LDBL_MANT_DIG == 64
/* The x87 evaluates the whole expression in its 64-bit-significand format
 * and rounds once, to the type, when storing. */
#define LD(get, n) ((long double)get(a[n]))
#define MAD_X87(name, T, get, put, fused, i, j, k)                             \
	static void name##_x87(VARIANT_ARGS)                                   \
	{                                                                      \
		*out = put((T)(LD(get, i) * LD(get, j) + LD(get, k)));         \
	}
#define TWO_PRODUCTS_X87(name, T, get, put, fused, i, j, op, k, l)             \
	static void name##_x87(VARIANT_ARGS)                                   \
	{                                                                      \
		*out = put(                                                    \
		    (T)(LD(get, i) * LD(get, j) op LD(get, k) * LD(get, l)));  \
	}
#define DOT3_X87(name, T, get, put, fused, i0, j0, i1, j1, i2, j2)             \
	static void name##_x87(VARIANT_ARGS)                                   \
	{                                                                      \
		*out = put((T)(LD(get, i0) * LD(get, j0) +                     \
			       LD(get, i1) * LD(get, j1) +                     \
			       LD(get, i2) * LD(get, j2)));                    \
	}
#define HORNER_X87(name, T, get, put, fused, unused)                           \
	static void name##_x87(VARIANT_ARGS)                                   \
	{                                                                      \
		long double x = LD(get, 0), r = (T)hc[0];                      \
		for (int i = 1; i <= FPC_HORNER_DEGREE; i++)                   \
			r = r * x + (T)hc[i];                                  \
		*out = put((T)r);                                              \
	}
#define FPC_MAD(name, n, i, j, k, ...) BOTH(MAD_X87, name, i, j, k)
#define FPC_TWO_PRODUCTS(name, n, i, j, op, k, l, ...)                         \
	BOTH(TWO_PRODUCTS_X87, name, i, j, FPC_OP(op), k, l)
#define FPC_DOT3(name, n, i0, j0, i1, j1, i2, j2, ...)                         \
	BOTH(DOT3_X87, name, i0, j0, i1, j1, i2, j2)
#include "kernels/products.def"
#undef FPC_MAD
#undef FPC_TWO_PRODUCTS
#undef FPC_DOT3
BOTH(HORNER_X87, horner, 0)
#define X87(name, fn) {name, "x87-excess-precision", fn, NULL},
#else
#define X87(name, fn)
#endif

/*
 * The variants' names, written from the arguments' names: fma is "fma"
 * or "fmaf", each ni the name of an argument (kernels/products.def).
 * NAMED generates the table for double and for float.
 */
#define CONTRACT "fma-contraction"
#define NAMED(family, name, ...)                                               \
	family(name, "fma", __VA_ARGS__) family(name##f, "fmaf", __VA_ARGS__)

#define MAD_VARIANTS(name, fma, ni, nj, nk)                                    \
	static const struct fpc_variant v_##name[] = {                         \
	    {fma "(" ni ", " nj ", " nk ")", CONTRACT, name##_fma, NULL},      \
	    {ni "*" nj " + " nk ", rounded twice", "no-contraction",           \
	     name##_plain, NULL},                                              \
	    X87(ni "*" nj " + " nk " in x87 extended precision", name##_x87)};

/* How the second product and its sign read: "-(b*c)" and "-b" after
 * minus, "b*c" and "b" after plus. */
#define NEGATED_minus(product) "-(" product ")"
#define NEGATED_plus(product)  product
#define SIGN_TEXT_minus	       "-"
#define SIGN_TEXT_plus	       ""
#define TWO_PRODUCT_VARIANTS(name, fma, op, ni, nj, nk, nl)                    \
	static const struct fpc_variant v_##name[] = {                         \
	    {fma "(" ni ", " nj ", " NEGATED_##op(nk "*" nl) ")", CONTRACT,    \
	     name##_fma_first, NULL},                                          \
	    {fma "(" SIGN_TEXT_##op nk ", " nl ", " ni "*" nj ")", CONTRACT,   \
	     name##_fma_second, NULL},                                         \
	    {ni "*" nj FPC_OP_TEXT(op) nk "*" nl ", rounded three times",      \
	     "no-contraction", name##_plain, NULL},                            \
	    X87(ni "*" nj FPC_OP_TEXT(op) nk "*" nl                            \
					     " in x87 extended precision",     \
		name##_x87)};

#define DOT3_VARIANTS(name, fma, ni0, nj0, ni1, nj1, ni2, nj2)                 \
	static const struct fpc_variant v_##name[] = {                         \
	    {fma "(" ni2 ", " nj2 ", " fma "(" ni0 ", " nj0 ", " ni1 "*" nj1   \
		 "))",                                                         \
	     CONTRACT, name##_fma_first, NULL},                                \
	    {fma "(" ni2 ", " nj2 ", " fma "(" ni1 ", " nj1 ", " ni0 "*" nj0   \
		 "))",                                                         \
	     CONTRACT, name##_fma, NULL},                                      \
	    {ni0 "*" nj0 " + " ni1 "*" nj1 " + " ni2 "*" nj2 ", no fma",       \
	     "no-contraction", name##_plain, NULL},                            \
	    X87("the dot product in x87 extended precision", name##_x87)};

#define FPC_MAD(name, n, i, j, k, ni, nj, nk)                                  \
	NAMED(MAD_VARIANTS, name, ni, nj, nk)
#define FPC_TWO_PRODUCTS(name, n, i, j, op, k, l, ni, nj, nk, nl, ...)         \
	NAMED(TWO_PRODUCT_VARIANTS, name, op, ni, nj, nk, nl)
#define FPC_DOT3(name, n, i0, j0, i1, j1, i2, j2, ni0, nj0, ni1, nj1, ni2,     \
		 nj2)                                                          \
	NAMED(DOT3_VARIANTS, name, ni0, nj0, ni1, nj1, ni2, nj2)
#include "kernels/products.def"
#undef FPC_MAD
#undef FPC_TWO_PRODUCTS
#undef FPC_DOT3

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
#define BOTH_ROWS(name) V(#name, v_##name), V(#name "f", v_##name##f),
	static const struct {
		const char *kernel;
		const struct fpc_variant *v;
		size_t n;
	} table[] = {
#define FPC_MAD(name, ...)	    BOTH_ROWS(name)
#define FPC_TWO_PRODUCTS(name, ...) BOTH_ROWS(name)
#define FPC_DOT3(name, ...)	    BOTH_ROWS(name)
#include "kernels/products.def"
#undef FPC_MAD
#undef FPC_TWO_PRODUCTS
#undef FPC_DOT3
	    V("horner", v_horner),
	    V("hornerf", v_hornerf),
	};
#undef BOTH_ROWS
#undef V

	*v = NULL;
	*n = 0;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(table[i].kernel, kernel)) {
			*v = table[i].v;
			*n = table[i].n;
		}
}
