/*
 * Hot spots of the libm kernels, per function: the inputs where
 * implementations are most likely to differ from the correctly rounded
 * result or from each other.  Thresholds where the result overflows,
 * underflows or rounds to a constant (thresholds.c), arguments near
 * multiples of pi/2 where reduction cancels, zeros of the function,
 * exact results and their neighbours, and the interval bounds where
 * fdlibm and its descendants switch formulas.  Each comes with its
 * neighbours up to a few ulps away, all noted "hot spot: ...".
 *
 * Every threshold, zero and multiple of pi/2 is computed with MPFR and
 * rounded once to the format, never with the host's libm, so the hot
 * spots are the same everywhere.
 */
#include "libm_inputs.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "thresholds.h"

/* 1 - 2^-j (and its negative if signs), j from 1 to the precision in
 * steps of stride. */
static void one_minus(struct gen *g, int signs, int stride)
{
	for (int j = 1; j < g->f->prec; j += stride) {
		uint64_t x = num(g, 1.0 - ldexp(1, -j));
		fpc_inputset_note(&g->b, "hot spot: 1 - 2^-j");
		fpc_inputset_put(&g->b, x, 0);
		if (signs) {
			fpc_inputset_note(&g->b, "hot spot: -(1 - 2^-j)");
			fpc_inputset_put(&g->b, neg(g, x), 0);
		}
	}
}

/* k*pi/2 rounded to the format and its neighbours, k from 1 to 40 (and
 * down to -4*pi/2); pi2 is pi/2, v scratch. */
static void small_multiples(struct gen *g, mpfr_srcptr pi2, mpfr_ptr v)
{
	for (unsigned long k = 1; k <= 40; k++) {
		uint64_t x;
		mpfr_mul_ui(v, pi2, k, MPFR_RNDN);
		x = fpc_libm_round(g, v);
		if (k == 1) {
			fpc_libm_near1(g, x, 2, "nearest to pi/2");
			fpc_libm_near1(g, neg(g, x), 2, "nearest to -pi/2");
			continue;
		}
		fpc_libm_near1(g, x, 2, "nearest to %lu*pi/2", k);
		if (k <= 4)
			fpc_libm_near1(g, neg(g, x), 2, "nearest to -%lu*pi/2",
				       k);
	}
}

/* k*pi/2 for k near 2^e/(pi/2): arguments up to 2^50 (2^22 in float),
 * where an ulp is still below pi/2; pi2 is pi/2, v scratch. */
static void huge_multiples(struct gen *g, mpfr_srcptr pi2, mpfr_ptr v)
{
	static const int huge64[] = {20, 30, 40, 50};
	static const int huge32[] = {10, 14, 18, 22};
	const int *huge = g->f->format == FPC_FMT_BINARY64 ? huge64 : huge32;

	for (int i = 0; i < 4; i++) {
		char k[64];
		mpfr_set_ui_2exp(v, 1, huge[i], MPFR_RNDN);
		mpfr_div(v, v, pi2, MPFR_RNDN);
		mpfr_rint(v, v, MPFR_RNDN);
		mpfr_snprintf(k, sizeof(k), "%.0Rf", v);
		mpfr_mul(v, v, pi2, MPFR_RNDN);
		fpc_libm_near1(g, fpc_libm_round(g, v), 2, "nearest to %s*pi/2",
			       k);
	}
}

/* sin, cos, tan: near multiples of pi/2, where argument reduction
 * cancels, and the small arguments where the result rounds to x or 1. */
static void hot_trig(struct gen *g)
{
	mpfr_t pi2, v;

	/* 256 bits: k*pi/2 for k < 2^50 keeps 200 bits, far more than one
	 * rounding to the format needs. */
	mpfr_init2(pi2, 256);
	mpfr_init2(v, 256);
	mpfr_const_pi(pi2, MPFR_RNDN);
	mpfr_div_2ui(pi2, pi2, 1, MPFR_RNDN);
	small_multiples(g, pi2, v);
	huge_multiples(g, pi2, v);
	mpfr_clear(pi2);
	mpfr_clear(v);
	fpc_libm_near1(g, fpc_libm_const_times(g, mpfr_const_pi, 1, 4), 1,
		       "nearest to pi/4");
	if (!strcmp(g->fn, "cos"))
		fpc_libm_threshold(g, C_EQ, num(g, 1), num(g, 0.5), minsub(g),
				   "rounds-to-1 threshold");
	else
		fpc_libm_threshold(g, C_EQX, 0, num(g, 0.5), minsub(g),
				   "rounds-to-x threshold");
}

static void hot_asin_acos(struct gen *g)
{
	fpc_libm_near1(g, num(g, 1), 3, "1");
	fpc_libm_near1(g, num(g, -1), 3, "-1");
	fpc_libm_near1(g, num(g, 0.5), 2, "0.5");
	fpc_libm_near1(g, num(g, -0.5), 2, "-0.5");
	one_minus(g, 1, 3);
	if (!strcmp(g->fn, "asin"))
		fpc_libm_threshold(g, C_EQX, 0, num(g, 0.5), minsub(g),
				   "rounds-to-x threshold");
	else
		fpc_libm_threshold(g, C_EQ,
				   fpc_libm_const_times(g, mpfr_const_pi, 1, 2),
				   num(g, 0.5), 0, "rounds-to-pi/2 threshold");
}

/* atan: near +-1, where atan rounds to x or to pi/2, and the interval
 * bounds of the classic argument reduction (fdlibm and its descendants
 * switch formulas at 7/16, 11/16, 19/16 and 39/16), and sqrt(3). */
static void hot_atan(struct gen *g)
{
	static const unsigned long sixteenths[] = {7, 11, 19, 39};

	fpc_libm_near1(g, num(g, 1), 2, "1");
	fpc_libm_near1(g, num(g, -1), 2, "-1");
	for (int i = 0; i < 4; i++) {
		uint64_t x = num(g, sixteenths[i] / 16.0);
		fpc_libm_near1(g, x, 1, "%lu/16", sixteenths[i]);
		fpc_libm_near1(g, neg(g, x), 1, "-%lu/16", sixteenths[i]);
	}
	fpc_libm_near1(g, fpc_libm_sqrt_times(g, num(g, 3), 1, 1), 1,
		       "nearest to sqrt(3)");
	fpc_libm_threshold(g, C_EQX, 0, num(g, 0.5), minsub(g),
			   "rounds-to-x threshold");
	fpc_libm_threshold(g, C_EQ,
			   fpc_libm_const_times(g, mpfr_const_pi, 1, 2),
			   num(g, 1), maxf(g), "rounds-to-pi/2 threshold");
}

/* sinh, cosh: overflow, and the gap between where exp(x) overflows and
 * where sinh(x) = exp(x)/2 does, which naive code loses. */
static void hot_sinh_cosh(struct gen *g)
{
	struct edge_test tf = {g->k->fn->mpfr1, NULL, VARY_X, 0, C_INF, 0};
	struct edge_test te = {mpfr_exp, NULL, VARY_X, 0, C_INF, 0};
	uint64_t xf, xe;

	if (fpc_libm_edge(g, &tf, num(g, 1), maxf(g), &xf)) {
		fpc_libm_near1(g, xf, 2, "%s overflow threshold", g->k->name);
		fpc_libm_near1(g, neg(g, xf), 2, "%s overflow threshold, x < 0",
			       g->k->name);
		if (fpc_libm_edge(g, &te, num(g, 1), maxf(g), &xe) && xe < xf) {
			fpc_libm_near1(g, xe, 1, "exp%s overflow threshold",
				       g->f->format == FPC_FMT_BINARY32 ? "f"
									: "");
			fpc_libm_near1(
			    g, xe + (xf - xe) / 2, 0,
			    "between the exp%s and %s overflow thresholds",
			    g->f->format == FPC_FMT_BINARY32 ? "f" : "",
			    g->k->name);
		}
	}
	fpc_libm_near1(g, num(g, 1), 1, "1");
	/* Where fdlibm-style code switches formulas: |x| = log(2)/2, 22. */
	for (int s = 0; s < 2; s++) {
		uint64_t h = fpc_libm_const_times(g, mpfr_const_log2, 1, 2);
		fpc_libm_near1(g, s ? neg(g, h) : h, 1, "nearest to %slog(2)/2",
			       s ? "-" : "");
		fpc_libm_near1(g, num(g, s ? -22 : 22), 1, "%s22",
			       s ? "-" : "");
	}
	if (!strcmp(g->fn, "cosh"))
		fpc_libm_threshold(g, C_EQ, num(g, 1), num(g, 0.5), minsub(g),
				   "rounds-to-1 threshold");
	else
		fpc_libm_threshold(g, C_EQX, 0, num(g, 0.5), minsub(g),
				   "rounds-to-x threshold");
}

/* tanh: where it rounds to +-1 or to x, and where implementations switch
 * formulas: |x| = log(3)/2 (tanh = 1/2), 1, 9, 22. */
static void hot_tanh(struct gen *g)
{
	const uint64_t h = fpc_libm_eval(g, mpfr_atanh, NULL, num(g, 0.5), 0);

	fpc_libm_near1(g, h, 1, "nearest to log(3)/2");
	fpc_libm_near1(g, neg(g, h), 1, "nearest to -log(3)/2");
	for (int i = 0; i < 3; i++) {
		static const double at[] = {1, 9, 22};
		fpc_libm_near1(g, num(g, at[i]), 1, "%g", at[i]);
		fpc_libm_near1(g, num(g, -at[i]), 1, "%g", -at[i]);
	}
	fpc_libm_threshold(g, C_EQ, num(g, 1), num(g, 1), maxf(g),
			   "rounds-to-1 threshold");
	fpc_libm_threshold(g, C_EQ, num(g, -1), num(g, -1), neg(g, maxf(g)),
			   "rounds-to-minus-1 threshold");
	fpc_libm_threshold(g, C_EQX, 0, num(g, 0.5), minsub(g),
			   "rounds-to-x threshold");
}

/* asinh, acosh, atanh: near 1, and where x*x overflows. */
static void hot_inverse_hyperbolic(struct gen *g)
{
	if (!strcmp(g->fn, "atanh")) {
		fpc_libm_near1(g, num(g, 1), 3, "1");
		fpc_libm_near1(g, num(g, -1), 3, "-1");
		fpc_libm_near1(g, num(g, 0.5), 2, "0.5");
		fpc_libm_near1(g, num(g, -0.5), 2, "-0.5");
		one_minus(g, 1, 2);
	} else {
		fpc_libm_near1(g, num(g, 1), 3, "1");
		for (int j = 1; j < g->f->prec; j += 2) {
			fpc_inputset_note(&g->b, "hot spot: 1 + 2^-j");
			fpc_inputset_put(&g->b, num(g, 1 + ldexp(1, -j)), 0);
		}
		fpc_libm_near1(g, fpc_libm_sqrt_times(g, maxf(g), 1, 1), 1,
			       "sqrt of the largest finite");
		fpc_libm_near1(g, pow2(g->f, 28), 1, "2^28");
		fpc_libm_near1(g, num(g, 2), 1, "2");
	}
	if (strcmp(g->fn, "acosh"))
		fpc_libm_threshold(g, C_EQX, 0, num(g, 0.5), minsub(g),
				   "rounds-to-x threshold");
	if (!strcmp(g->fn, "asinh"))
		fpc_libm_near1(g, num(g, -1), 2, "-1");
}

/* exp, expm1: the argument-reduction bounds of fdlibm-style code, |x|
 * near log(2)/2 and 3*log(2)/2, and 56*log(2) for expm1. */
static void exp_reduction_bounds(struct gen *g)
{
	static const unsigned long k[][2] = {{1, 2}, {3, 2}, {56, 1}};

	for (int i = 0; i < 3; i++) {
		uint64_t x =
		    fpc_libm_const_times(g, mpfr_const_log2, k[i][0], k[i][1]);
		char what[32];
		snprintf(what, sizeof(what), "%lu*log(2)%s", k[i][0],
			 k[i][1] == 2 ? "/2" : "");
		fpc_libm_near1(g, x, 1, "nearest to %s", what);
		fpc_libm_near1(g, neg(g, x), 1, "nearest to -%s", what);
	}
}

/* exp2: integers (exact powers of 2) and half-integers, at the ends of
 * the exponent range and near 0. */
static void exp2_integers(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	const int e[] = {esub(f) - 1, esub(f), f->emin - 1, f->emin,	-1,
			 1,	      10,      f->emax,	    f->emax + 1};

	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		fpc_inputset_note(&g->b, "hot spot: integer");
		fpc_inputset_put(&g->b, num(g, e[i]), 0);
		fpc_inputset_note(&g->b, "hot spot: half-integer");
		fpc_inputset_put(&g->b, num(g, e[i] - 0.5), 0);
	}
}

/* exp10: small integers. */
static void exp10_integers(struct gen *g)
{
	/* 10^k is exact for k up to 22 (10 in float): 5^k fits. */
	int top = g->f->format == FPC_FMT_BINARY64 ? 22 : 10;

	fpc_inputset_note(&g->b, "hot spot: integer (exact result)");
	for (int k = 1; k <= top; k++)
		fpc_inputset_put(&g->b, num(g, k), 0);
	fpc_inputset_note(&g->b, "hot spot: integer");
	for (int k = 1; k <= 5; k++)
		fpc_inputset_put(&g->b, num(g, -k), 0);
}

/* exp, exp2, exp10, expm1: overflow, subnormal and underflow thresholds,
 * where the result rounds to 1 (or to x, or -1, for expm1), and exact
 * results. */
static void hot_exp(struct gen *g)
{
	uint64_t one = num(g, 1), mone = num(g, -1);

	fpc_libm_threshold(g, C_INF, 0, 0, maxf(g), "overflow threshold");
	if (!strcmp(g->fn, "exp") || !strcmp(g->fn, "expm1"))
		exp_reduction_bounds(g);
	if (!strcmp(g->fn, "expm1")) {
		fpc_libm_threshold(g, C_EQ, mone, mone, neg(g, maxf(g)),
				   "rounds-to-minus-1 threshold");
		fpc_libm_threshold(g, C_EQX, 0, one, minsub(g),
				   "rounds-to-x threshold, x > 0");
		fpc_libm_threshold(g, C_EQX, 0, mone, neg(g, minsub(g)),
				   "rounds-to-x threshold, x < 0");
		return;
	}
	fpc_libm_threshold(g, C_TINY, 0, 0, neg(g, maxf(g)),
			   "subnormal threshold");
	fpc_libm_threshold(g, C_ZERO, 0, 0, neg(g, maxf(g)),
			   "underflow threshold");
	fpc_libm_threshold(g, C_EQ, one, one, minsub(g),
			   "rounds-to-1 threshold, x > 0");
	fpc_libm_threshold(g, C_EQ, one, mone, neg(g, minsub(g)),
			   "rounds-to-1 threshold, x < 0");
	if (!strcmp(g->fn, "exp2"))
		exp2_integers(g);
	else if (!strcmp(g->fn, "exp10"))
		exp10_integers(g);
}

/* log, log2, log10, log1p: near 1 (or -1 and 0 for log1p), subnormals,
 * exact powers of 2 and 10. */
static void hot_log(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	const int e[] = {esub(f),     esub(f) + 1, f->emin - 1, f->emin,
			 f->emin + 1, -100,	   -64,		-f->prec,
			 -3,	      -2,	   -1,		1,
			 2,	      3,	   f->prec,	64,
			 100,	      f->emax - 1, f->emax};
	double p10;

	if (!strcmp(g->fn, "log1p")) {
		fpc_libm_near1(g, num(g, -1), 3, "-1");
		fpc_libm_threshold(g, C_EQX, 0, num(g, 0.5), minsub(g),
				   "rounds-to-x threshold, x > 0");
		fpc_libm_threshold(g, C_EQX, 0, num(g, -0.5), neg(g, minsub(g)),
				   "rounds-to-x threshold, x < 0");
		for (int j = 1; j < f->prec; j += 2) {
			fpc_inputset_note(&g->b, "hot spot: 2^-j");
			fpc_inputset_put(&g->b, pow2(f, -j), 0);
			fpc_inputset_note(&g->b, "hot spot: -2^-j");
			fpc_inputset_put(&g->b, neg(g, pow2(f, -j)), 0);
		}
		fpc_libm_near1(g, num(g, 1), 1, "1");
		return;
	}
	fpc_libm_near1(g, num(g, 1), 4, "1");
	for (int j = 1; j < f->prec; j++) {
		fpc_inputset_note(&g->b, "hot spot: 1 + 2^-j");
		fpc_inputset_put(&g->b, num(g, 1 + ldexp(1, -j)), 0);
	}
	one_minus(g, 0, 1);
	fpc_inputset_note(&g->b, "hot spot: subnormal");
	fpc_inputset_put(&g->b, pow2(f, f->emin - 1), 0);
	fpc_inputset_put(&g->b, pow2(f, esub(f) + f->prec / 2), 0);
	fpc_inputset_put(&g->b, 3, 0);
	fpc_libm_near1(g, minnorm(g), 1, "smallest normal");
	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++)
		fpc_libm_near1(g, pow2(f, e[i]), 1, "power of 2");
	/* 10^k = 5^k * 2^k is exact while 5^k fits the significand (k up
	 * to 22 in double, 10 in float); so is each product on the way. */
	p10 = 10;
	for (uint64_t five = 5; five < (uint64_t)1 << f->prec; five *= 5) {
		fpc_libm_near1(g, num(g, p10), 1, "power of 10");
		p10 *= 10;
	}
}

/* sqrt, cbrt: exact results and their neighbours, subnormals. */
static void hot_roots(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	const int cube = !strcmp(g->fn, "cbrt");
	const unsigned n = cube ? 3 : 2;
	static const unsigned long ks[] = {
	    2,	3,  4,	 5,   6,    7,	  8,	 9,	 10,	   11,
	    12, 13, 100, 255, 1000, 4095, 65535, 208063, 67108863,
	};
	/* Subnormal exact powers: k^n * 2^s with s a multiple of n. */
	int s = esub(f);

	while (s % (int)n)
		s++;
	for (size_t i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		double p = 1;
		for (unsigned j = 0; j < n; j++)
			p *= (double)ks[i];
		if (p >= ldexp(1, f->prec))
			continue; /* not exact in the format */
		fpc_libm_near1(g, num(g, p), 1, "perfect %s",
			       cube ? "cube" : "square");
		if (cube)
			fpc_libm_near1(g, num(g, -p), 1, "perfect cube");
	}
	for (unsigned long k = 1; k <= 5; k++) {
		uint64_t m = cube ? k * k * k : k * k;
		uint64_t b = m << (s - esub(f));
		if (b < minnorm(g))
			fpc_libm_near1(g, b, 1, "exact %s of a subnormal",
				       cube ? "cube" : "square");
	}
	for (int e = -4; e <= 4; e++)
		fpc_libm_near1(g, pow2(f, e), 1, "power of 2");
	fpc_libm_near1(g, pow2(f, f->emax), 1, "power of 2");
	fpc_libm_near1(g, pow2(f, f->emax - 1), 1, "power of 2");
	fpc_libm_near1(g, minnorm(g), 1, "smallest normal");
	fpc_inputset_note(&g->b, "hot spot: subnormal");
	fpc_inputset_put(&g->b, pow2(f, f->emin - 1), 0);
	fpc_inputset_put(&g->b, pow2(f, esub(f) + 1), 0);
	fpc_inputset_put(&g->b, 3, 0);
}

/* erf, erfc: where they round to 1, 2 or 0, and the interval bounds of
 * fdlibm-style code (0.84375, 1.25, 1/0.35, 6 for erf, 28 for erfc) and
 * its tiny-argument bound 2^-28. */
static void hot_erf(struct gen *g)
{
	uint64_t one = num(g, 1), mone = num(g, -1);
	static const double at[] = {0.84375, 1.25, 1 / 0.35, 6, 28, 0x1p-28};
	static const char *what[] = {"0.84375", "1.25", "1/0.35",
				     "6",	"28",	"2^-28"};

	for (int i = 0; i < 6; i++) {
		fpc_libm_near1(g, num(g, at[i]), 1, "%s", what[i]);
		fpc_libm_near1(g, num(g, -at[i]), 1, "-%s", what[i]);
	}

	if (!strcmp(g->fn, "erf")) {
		fpc_libm_threshold(g, C_EQ, one, one, maxf(g),
				   "rounds-to-1 threshold");
		fpc_libm_threshold(g, C_EQ, mone, mone, neg(g, maxf(g)),
				   "rounds-to-minus-1 threshold");
		return;
	}
	fpc_libm_threshold(g, C_ZERO, 0, one, maxf(g), "underflow threshold");
	fpc_libm_threshold(g, C_TINY, 0, one, maxf(g), "subnormal threshold");
	fpc_libm_threshold(g, C_EQ, num(g, 2), mone, neg(g, maxf(g)),
			   "rounds-to-2 threshold");
	fpc_libm_threshold(g, C_EQ, one, num(g, 0.5), 0,
			   "rounds-to-1 threshold, x > 0");
	fpc_libm_threshold(g, C_EQ, one, num(g, -0.5), g->f->sign,
			   "rounds-to-1 threshold, x < 0");
}

/* lgamma, tgamma: poles at the non-positive integers, negative
 * half-integers, the zeros of lgamma (1, 2 and between negative
 * integers), overflow. */
static void hot_gamma(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	const int lg = !strcmp(g->fn, "lgamma");
	const double big64[] = {170,  171,	    184,
				1000, ldexp(1, 30), ldexp(1, 51)};
	const double big32[] = {30, 34, 35, 40, 1000, ldexp(1, 22)};
	const double *big = f->format == FPC_FMT_BINARY64 ? big64 : big32;

	fpc_inputset_note(&g->b, "hot spot: negative half-integer");
	for (int k = 0; k <= 20; k++)
		fpc_inputset_put(&g->b, num(g, -k - 0.5), 0);
	for (int i = 0; i < 6; i++)
		fpc_inputset_put(&g->b, num(g, -big[i] - 0.5), 0);
	for (int n = 1; n <= 20; n++)
		fpc_libm_near1(g, num(g, -n), 1, "pole at -%d", n);
	for (int i = 0; i < 6; i++)
		fpc_libm_near1(g, num(g, -big[i] - 1), 1,
			       "pole at a large negative integer");
	fpc_libm_near1(g, num(g, 1), 3, "1");
	fpc_libm_near1(g, num(g, 2), 3, "2");
	fpc_libm_threshold(g, C_INF, 0, num(g, 2), maxf(g),
			   "overflow threshold");
	if (lg) {
		/* In (-n-1, -n), n >= 2, |Gamma| dips below 1 (around
		 * -n-0.5) and lgamma has two zeros; near the poles it is
		 * large and positive. */
		for (int n = 2; n <= 5; n++) {
			uint64_t mid = num(g, -n - 0.5), x;
			if (fpc_libm_root(g, g->k->fn->mpfr1, mid,
					  num(g, -n - 1 + 0x1p-20), &x))
				fpc_libm_near1(g, x, 2,
					       "zero of lgamma in (-%d, -%d)",
					       n + 1, n);
			if (fpc_libm_root(g, g->k->fn->mpfr1, mid,
					  num(g, -n - 0x1p-20), &x))
				fpc_libm_near1(g, x, 2,
					       "zero of lgamma in (-%d, -%d)",
					       n + 1, n);
		}
	} else {
		fpc_libm_threshold(g, C_INF, 0, num(g, 1), minsub(g),
				   "overflow threshold, tiny x");
		fpc_libm_threshold(g, C_INF, 0, num(g, -0.5), neg(g, minsub(g)),
				   "overflow threshold, tiny negative x");
	}
}

/* j0, j1, y0, y1: near their zeros, where the relative error of a
 * polynomial approximation blows up; near 0; large arguments. */
static void hot_bessel(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	const int nu = g->fn[1] - '0', isy = g->fn[0] == 'y';
	static const int ms[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 1000};
	const int big64[] = {20, 30, 52, 100, 500, 1000};
	const int big32[] = {20, 30, 60, 100, 120, 127};

	for (size_t i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
		/* McMahon: the m-th zero is near b - (4nu^2-1)/(8b), with
		 * b = (m + nu/2 - 1/4)pi (j) or (m + nu/2 - 3/4)pi (y), to
		 * within 0.3 even for m = 1.  The estimate only brackets the
		 * zero, which fpc_libm_root() then finds exactly, so how it
		 * rounds is harmless. */
		double b = (ms[i] + nu / 2.0 - (isy ? 0.75 : 0.25)) *
			   3.14159265358979323846;
		double z = b - (4.0 * nu * nu - 1) / (8 * b);
		uint64_t x;
		if (fpc_libm_root(g, g->k->fn->mpfr1, num(g, z - 0.3),
				  num(g, z + 0.3), &x))
			fpc_libm_near1(g, x, 2, "zero %d of %s", ms[i], g->fn);
	}
	if (!strcmp(g->fn, "j0"))
		fpc_libm_threshold(g, C_EQ, num(g, 1), num(g, 0.5), minsub(g),
				   "rounds-to-1 threshold");
	else if (!strcmp(g->fn, "j1"))
		fpc_libm_threshold(g, C_ZERO, 0, num(g, 0.5), 0,
				   "underflow threshold");
	else if (!strcmp(g->fn, "y1"))
		fpc_libm_threshold(g, C_INF, 0, num(g, 0.5), minsub(g),
				   "overflow threshold");
	for (int i = 0; i < 6; i++)
		fpc_libm_near1(g,
			       pow2(f, f->format == FPC_FMT_BINARY64
					   ? big64[i]
					   : big32[i]),
			       1, "large argument");
}

/* Adds (x, y) in the four sign combinations (fmod, atan2, hypot). */
static void quadrants(struct gen *g, uint64_t x, uint64_t y)
{
	fpc_inputset_put(&g->b, x, y);
	fpc_inputset_put(&g->b, neg(g, x), y);
	fpc_inputset_put(&g->b, x, neg(g, y));
	fpc_inputset_put(&g->b, neg(g, x), neg(g, y));
}

static void hot_atan2(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	const uint64_t one = num(g, 1),
		       axis[] = {one, 1, maxf(g), f->inf, minnorm(g)};

	/* atan2(y, x): the first argument is y. */
	fpc_inputset_note(&g->b, "hot spot: on an axis");
	for (size_t i = 0; i < sizeof(axis) / sizeof(axis[0]); i++) {
		quadrants(g, 0, axis[i]);
		quadrants(g, axis[i], 0);
	}
	fpc_inputset_note(&g->b, "hot spot: |y/x| near 1");
	quadrants(g, one, one);
	quadrants(g, one, one + 1);
	quadrants(g, one + 1, one);
	quadrants(g, one, one - 1);
	quadrants(g, one - 1, one);
	quadrants(g, num(g, 3), num(g, 3) + 1);
	quadrants(g, maxf(g), maxf(g));
	quadrants(g, maxf(g), maxf(g) - 1);
	quadrants(g, 1, 1);
	quadrants(g, 2, 1);
	quadrants(g, f->inf, f->inf);
	fpc_inputset_note(&g->b, "hot spot: tiny |y/x|");
	quadrants(g, 1, maxf(g));
	quadrants(g, 1, one);
	quadrants(g, minnorm(g), maxf(g));
	quadrants(g, pow2(f, -60), one);
	quadrants(g, one, f->inf);
	fpc_inputset_note(&g->b, "hot spot: huge |y/x|");
	quadrants(g, maxf(g), 1);
	quadrants(g, one, 1);
	quadrants(g, maxf(g), minnorm(g));
	quadrants(g, one, pow2(f, -60));
	quadrants(g, f->inf, one);
}

/* pow: x just off 1 with large |y|, where x^y is far from 1 although x
 * is not. */
static void pow_near_one(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	const int p = f->prec, dbl = f->format == FPC_FMT_BINARY64;
	const uint64_t one = num(g, 1);
	const uint64_t xs1[] = {
	    one + 1,
	    one - 1,
	    one + 2,
	    one - 2,
	    num(g, 1 + ldexp(1, dbl ? -10 : -6)),
	    num(g, 1 - ldexp(1, dbl ? -10 : -6)),
	    num(g, 1 + ldexp(1, dbl ? -20 : -12)),
	    num(g, 1 - ldexp(1, dbl ? -20 : -12)),
	    num(g, 1 + ldexp(1, dbl ? -40 : -18)),
	    num(g, 1 - ldexp(1, dbl ? -40 : -18)),
	};
	const int ey64[] = {20, 30, 40, 50, 60}, ey32[] = {10, 15, 20, 25, 30};

	fpc_inputset_note(&g->b, "hot spot: x near 1, large |y|");
	for (size_t i = 0; i < sizeof(xs1) / sizeof(xs1[0]); i++)
		for (int j = 0; j < 5; j++) {
			int e = dbl ? ey64[j] : ey32[j];
			uint64_t y = pow2(f, e);
			fpc_inputset_put(&g->b, xs1[i], y);
			fpc_inputset_put(&g->b, xs1[i], neg(g, y));
			if (e < p - 1) {
				y = num(g, ldexp(1, e) + 0.5);
				fpc_inputset_put(&g->b, xs1[i], y);
				fpc_inputset_put(&g->b, xs1[i], neg(g, y));
			}
		}
}

/* pow: negative x with odd, even and non-integer y, where the sign of
 * the result, or a NaN, depends on y being an integer. */
static void pow_negative_x(struct gen *g)
{
	const int p = g->f->prec;
	const double xneg[] = {-2, -0.5, -1.5, -3, -10, -(1 + 0x1p-7), -1e-3};
	const double yodd[] = {1, 3, 5, 0x1p20 + 1, 0x1p23 - 1, 0x1p53 - 1};
	const double yeven[] = {2, 4, 0x1p20, 0x1p40, 0x1p53, 0x1p60};

	for (size_t i = 0; i < sizeof(xneg) / sizeof(xneg[0]); i++) {
		uint64_t x = num(g, xneg[i]);
		for (size_t j = 0; j < 6; j++) {
			/* Odd integers must be exact; even ones always are. */
			if (yodd[j] < ldexp(1, p)) {
				fpc_inputset_note(
				    &g->b, "hot spot: negative x, odd y");
				fpc_inputset_put(&g->b, x, num(g, yodd[j]));
				fpc_inputset_put(&g->b, x, num(g, -yodd[j]));
			}
			fpc_inputset_note(&g->b,
					  "hot spot: negative x, even y");
			fpc_inputset_put(&g->b, x, num(g, yeven[j]));
			fpc_inputset_put(&g->b, x, num(g, -yeven[j]));
		}
		fpc_inputset_note(&g->b, "hot spot: negative x, non-integer y");
		fpc_inputset_put(&g->b, x, num(g, 0.5));
		fpc_inputset_put(&g->b, x, num(g, -1.5));
	}
	fpc_inputset_note(&g->b, "hot spot: negative x, even y");
	fpc_inputset_put(&g->b, neg(g, maxf(g)), maxf(g));
	fpc_inputset_put(&g->b, neg(g, num(g, 1) + 1), maxf(g));
}

/* pow: edges in y for fixed x: from y = +-1 towards +-max, the last y
 * whose x^y is finite, normal, non-zero. */
static void pow_edges_in_y(struct gen *g)
{
	static const enum cond conds[] = {C_INF, C_TINY, C_ZERO};
	static const char *what[] = {"overflow", "subnormal", "underflow"};
	const double xedge[] = {3, 10, 1.5, 0.75, 1 + 0x1p-8, 0.1};
	struct edge_test t = {NULL, mpfr_pow, VARY_Y, 0, C_INF, 0};
	uint64_t y;

	for (size_t i = 0; i < sizeof(xedge) / sizeof(xedge[0]); i++) {
		t.other = num(g, xedge[i]);
		for (int c = 0; c < 3; c++) {
			t.cond = conds[c];
			for (int s = 0; s < 2; s++) {
				uint64_t from = s ? num(g, -1) : num(g, 1);
				uint64_t to = s ? neg(g, maxf(g)) : maxf(g);
				if (fpc_libm_edge(g, &t, from, to, &y))
					fpc_libm_near2(g, t.other, y, VARY_Y, 2,
						       "%s %s threshold in y",
						       g->k->name, what[c]);
			}
		}
	}
}

/* pow: y = +-0.5, +-1, +-2, which have their own code paths in many
 * implementations (sqrt, x itself, x*x). */
static void pow_small_y(struct gen *g)
{
	static const double ys[] = {0.5, 1, 2};
	const double xhalf[] = {2, 3, 10, 0.25, 4, -2, -8, 0x1p-100, 0.1};

	fpc_inputset_note(&g->b, "hot spot: y = +-0.5, +-1 or +-2");
	for (size_t i = 0; i < sizeof(xhalf) / sizeof(xhalf[0]); i++)
		for (int j = 0; j < 3; j++) {
			fpc_inputset_put(&g->b, num(g, xhalf[i]),
					 num(g, ys[j]));
			fpc_inputset_put(&g->b, num(g, xhalf[i]),
					 num(g, -ys[j]));
		}
	for (int j = 0; j < 3; j++) {
		fpc_inputset_put(&g->b, maxf(g), num(g, ys[j]));
		fpc_inputset_put(&g->b, 1, num(g, ys[j]));
		fpc_inputset_put(&g->b, maxf(g), num(g, -ys[j]));
		fpc_inputset_put(&g->b, 1, num(g, -ys[j]));
	}
}

/* pow: x near 1 with large |y|, negative x with integer y, the overflow
 * and underflow edges, and the y that have their own code paths. */
static void hot_pow(struct gen *g)
{
	pow_near_one(g);
	pow_negative_x(g);
	pow_edges_in_y(g);
	pow_small_y(g);
}

/* Adds (x, y) for x and y each within 1 ulp of c (c positive finite). */
static void square3(struct gen *g, uint64_t c)
{
	for (int i = -1; i <= 1; i++)
		for (int j = -1; j <= 1; j++)
			fpc_inputset_put(&g->b, c + (uint64_t)(int64_t)i,
					 c + (uint64_t)(int64_t)j);
}

/* hypot near overflow: x = y near max/sqrt(2), where x*x + y*y
 * overflows although the result does not, and near where hypot(x, x)
 * itself overflows. */
static void hypot_overflow(struct gen *g)
{
	struct edge_test t = {NULL, mpfr_hypot, VARY_XY, 0, C_INF, 0};
	uint64_t x;
	mpfr_t m, r2;

	/* max/sqrt(2) at 128 bits, then rounded once. */
	mpfr_init2(m, 128);
	mpfr_init2(r2, 128);
	mpfr_set_d(m, fpc_bits_value(g->f->format, maxf(g)), MPFR_RNDN);
	mpfr_sqrt_ui(r2, 2, MPFR_RNDN);
	mpfr_div(m, m, r2, MPFR_RNDN);
	x = fpc_libm_round(g, m);
	mpfr_clear(m);
	mpfr_clear(r2);
	fpc_inputset_note(&g->b, "hot spot: x, y near max/sqrt(2)");
	square3(g, x);
	if (fpc_libm_edge(g, &t, num(g, 1), maxf(g), &x)) {
		fpc_inputset_note(&g->b,
				  "hot spot: x, y within 1 ulp of the %s(x, x) "
				  "overflow threshold",
				  g->k->name);
		square3(g, x);
	}
	fpc_inputset_note(&g->b, "hot spot: near overflow");
	fpc_inputset_put(&g->b, maxf(g), maxf(g));
	fpc_inputset_put(&g->b, maxf(g), maxf(g) - 1);
	fpc_inputset_put(&g->b, maxf(g), num(g, 1));
	fpc_inputset_put(&g->b, maxf(g), 1);
}

/* hypot with one argument much larger than the other: hypot(1, y) =
 * 1 + y^2/2 rounds to 1 below about 2^((1-p)/2). */
static void hypot_lopsided(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	const uint64_t one = num(g, 1);
	struct edge_test t = {NULL, mpfr_hypot, VARY_Y, one, C_EQ, one};
	uint64_t x;

	if (fpc_libm_edge(g, &t, num(g, 0.5), minsub(g), &x))
		fpc_libm_near2(g, one, x, VARY_Y, 2,
			       "%s(1, y) rounds-to-1 threshold", g->k->name);
	fpc_inputset_note(&g->b, "hot spot: one argument much larger");
	for (int e = 1; e <= 2 * f->prec + 2; e += 3) {
		fpc_inputset_put(&g->b, one, pow2(f, -e));
		fpc_inputset_put(&g->b, pow2(f, e), one);
	}
}

/* hypot of subnormals, whose squares underflow. */
static void hypot_subnormal(struct gen *g)
{
	fpc_inputset_note(&g->b, "hot spot: subnormal pair");
	fpc_inputset_put(&g->b, 1, 1);
	fpc_inputset_put(&g->b, 3, 4);
	fpc_inputset_put(&g->b, minnorm(g) - 1, minnorm(g) - 1);
	fpc_inputset_put(&g->b, minnorm(g), minnorm(g));
	fpc_inputset_put(&g->b, minnorm(g) - 1, minnorm(g));
	fpc_inputset_put(&g->b, 1, minnorm(g) - 1);
}

/* hypot of Pythagorean triples, whose result is exact, scaled by powers
 * of 2 across the range. */
static void hypot_triples(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	static const double triples[][2] = {
	    {3, 4}, {5, 12}, {8, 15}, {20, 21}, {119, 120}};
	const int scales[] = {0, f->emin, f->emax - 7, esub(f), -f->prec};

	fpc_inputset_note(&g->b, "hot spot: Pythagorean triple");
	for (size_t i = 0; i < sizeof(triples) / sizeof(triples[0]); i++)
		for (size_t s = 0; s < sizeof(scales) / sizeof(int); s++) {
			/* Scaled by a power of 2, when both stay exact. */
			double u = ldexp(triples[i][0], scales[s]);
			double v = ldexp(triples[i][1], scales[s]);
			if (exact(g, u) && exact(g, v))
				quadrants(g, num(g, u), num(g, v));
		}
}

static void hot_hypot(struct gen *g)
{
	hypot_overflow(g);
	hypot_lopsided(g);
	hypot_subnormal(g);
	hypot_triples(g);
}

static void hot_fmod(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	const uint64_t one = num(g, 1);
	const uint64_t pi = fpc_libm_const_times(g, mpfr_const_pi, 1, 1);
	const uint64_t tenth = num(g, 0.1);
	const uint64_t ys[] = {tenth, pi, num(g, 3), one + 1};
	const double ks[] = {3, 10, 1048577, 0x1p40};
	mpfr_t v;

	fpc_inputset_note(&g->b, "hot spot: large quotient");
	quadrants(g, maxf(g), 1);
	quadrants(g, maxf(g), 3);
	quadrants(g, pow2(f, f->emax), num(g, 3));
	quadrants(g, maxf(g), pi);
	quadrants(g, pow2(f, f->emax / 2), tenth);
	quadrants(g, maxf(g), minnorm(g) - 1);
	/* x = RN(k*y): within half an ulp of a multiple of y, so the
	 * remainder is tiny or just under y. */
	mpfr_init2(v, 128);
	for (size_t i = 0; i < sizeof(ys) / sizeof(ys[0]); i++)
		for (size_t j = 0; j < sizeof(ks) / sizeof(ks[0]); j++) {
			uint64_t x;
			mpfr_set_d(v, fpc_bits_value(f->format, ys[i]),
				   MPFR_RNDN);
			mpfr_mul_d(v, v, ks[j], MPFR_RNDN);
			x = fpc_libm_round(g, v);
			fpc_libm_near2(g, x, ys[i], VARY_X, 1,
				       "x near a multiple of y");
			fpc_libm_near2(g, neg(g, x), ys[i], VARY_X, 1,
				       "x near a multiple of y");
		}
	mpfr_clear(v);
	fpc_inputset_note(&g->b, "hot spot: subnormal y");
	quadrants(g, one, 1);
	quadrants(g, one, 3);
	quadrants(g, minnorm(g), 3);
	quadrants(g, 5, 2);
	quadrants(g, maxf(g), minnorm(g) - 1);
	fpc_inputset_note(&g->b, "hot spot: |x| < |y|");
	quadrants(g, one, num(g, 2));
	quadrants(g, num(g, 0.5), one + 1);
	quadrants(g, 1, one);
	quadrants(g, one, maxf(g));
	quadrants(g, one - 1, one);
	quadrants(g, num(g, 3) - 1, num(g, 3));
}

struct hot {
	const char *fn;
	void (*add)(struct gen *g);
};

static const struct hot hots[] = {
    {"sin", hot_trig},
    {"cos", hot_trig},
    {"tan", hot_trig},
    {"asin", hot_asin_acos},
    {"acos", hot_asin_acos},
    {"atan", hot_atan},
    {"atan2", hot_atan2},
    {"sinh", hot_sinh_cosh},
    {"cosh", hot_sinh_cosh},
    {"tanh", hot_tanh},
    {"asinh", hot_inverse_hyperbolic},
    {"acosh", hot_inverse_hyperbolic},
    {"atanh", hot_inverse_hyperbolic},
    {"exp", hot_exp},
    {"exp2", hot_exp},
    {"exp10", hot_exp},
    {"expm1", hot_exp},
    {"log", hot_log},
    {"log2", hot_log},
    {"log10", hot_log},
    {"log1p", hot_log},
    {"pow", hot_pow},
    {"sqrt", hot_roots},
    {"cbrt", hot_roots},
    {"hypot", hot_hypot},
    {"erf", hot_erf},
    {"erfc", hot_erf},
    {"lgamma", hot_gamma},
    {"tgamma", hot_gamma},
    {"j0", hot_bessel},
    {"j1", hot_bessel},
    {"y0", hot_bessel},
    {"y1", hot_bessel},
    {"fmod", hot_fmod},
};

void fpc_libm_hot_spots(struct gen *g)
{
	for (size_t i = 0; i < sizeof(hots) / sizeof(hots[0]); i++)
		if (!strcmp(hots[i].fn, g->fn))
			hots[i].add(g);
}
