/*
 * Thresholds of a function in a format: where its correctly rounded
 * result changes behaviour, found by bisection over the format's values
 * (the integer keys of libm_inputs.h), evaluating the result with MPFR in
 * the format's exponent range; and zeros, found by the secant method on
 * the exact sign of the function.  Only MPFR's correctly rounded values
 * decide, so the answers are the same bits on every host.
 *
 * "exp overflow threshold" names the last input before the change,
 * coming from the ordinary side: the largest x whose exp(x) is finite.
 */
#include "thresholds.h"

#include <math.h>

static int holds(struct gen *g, const struct edge_test *t, uint64_t v)
{
	const struct fpc_fmt_desc *f = g->f;
	uint64_t x = t->vary == VARY_Y ? t->other : v;
	uint64_t y = t->vary == VARY_X ? t->other : v;
	uint64_t r = fpc_libm_eval(g, t->m1, t->m2, x, y), m = r & ~f->sign;

	switch (t->cond) {
	case C_INF:
		return m == f->inf;
	case C_ZERO:
		return m == 0;
	case C_TINY:
		return m < pow2(f, f->emin);
	case C_EQ:
		return r == t->c;
	case C_EQX:
		return r == v;
	}
	return 0;
}

int fpc_libm_edge(struct gen *g, const struct edge_test *t, uint64_t from,
		  uint64_t to, uint64_t *last)
{
	uint64_t a = key(g->f, from), b = key(g->f, to);
	int ha = holds(g, t, from);

	if (ha == holds(g, t, to))
		return 0;
	while (a - b != 1 && b - a != 1) {
		uint64_t m = a < b ? a + (b - a) / 2 : b + (a - b) / 2;
		if (holds(g, t, unkey(g->f, m)) == ha)
			a = m;
		else
			b = m;
	}
	*last = unkey(g->f, a);
	return 1;
}

/* m1(x) at 64 bits, as a double: its sign is exact (MPFR rounds
 * correctly, and a value too small for a double keeps its sign as the
 * smallest subnormal), its magnitude a guide for interpolation. */
static double approx(struct gen *g, fpc_mpfr1_fn m1, double x)
{
	mpfr_t v;
	double d;

	mpfr_init2(v, 64);
	mpfr_set_d(g->x, x, MPFR_RNDN);
	m1(v, g->x, MPFR_RNDN);
	d = mpfr_get_d(v, MPFR_RNDN);
	if (d == 0 && mpfr_regular_p(v))
		d = mpfr_sgn(v) < 0 ? -0x1p-1074 : 0x1p-1074;
	mpfr_clear(v);
	return d;
}

/* Is m1 negative at the format value with key k? */
static int negative_at(struct gen *g, fpc_mpfr1_fn m1, uint64_t k)
{
	return approx(g, m1, fpc_bits_value(g->f->format, unkey(g->f, k))) < 0;
}

/*
 * The zero of m1 in the bracket [a, b] (fa, fb its values there, of
 * opposite signs) to double precision, by the secant method, bisecting
 * when an iterate leaves the bracket: about 8 evaluations.  How the
 * iteration rounds does not matter; the caller decides by signs.
 */
static double secant(struct gen *g, fpc_mpfr1_fn m1, double a, double fa,
		     double b, double fb)
{
	double x0 = a, f0 = fa, x1 = b, f1 = fb;
	const int prec = g->f->prec;

	/* Until two iterates are within half an ulp of the format. */
	for (int i = 0;
	     i < 100 && f1 != 0 && fabs(x1 - x0) > ldexp(fabs(x1), -prec);
	     i++) {
		double x2 = x1 - f1 * ((x1 - x0) / (f1 - f0)), f2;
		if (x2 == a || x2 == b)
			return x2; /* the zero is within an ulp of the bracket
				    */
		if (!(a < b ? x2 > a && x2 < b : x2 > b && x2 < a))
			x2 = a + (b - a) / 2;
		f2 = approx(g, m1, x2);
		if ((f2 < 0) == (fa < 0)) {
			a = x2;
			fa = f2;
		} else {
			b = x2;
			fb = f2;
		}
		x0 = x1;
		f0 = f1;
		x1 = x2;
		f1 = f2;
	}
	return x1;
}

/*
 * From key k, an ulp or two from the zero, walks in steps d (+1 or -1,
 * from kf towards kt) to where the sign changes from sfrom (the sign at
 * kf): *last is the last key with sfrom.  Returns 0 if that takes more
 * than 64 steps.
 */
static int walk(struct gen *g, fpc_mpfr1_fn m1, uint64_t k, uint64_t kf,
		uint64_t kt, int sfrom, uint64_t *last)
{
	const uint64_t d = kt > kf ? 1 : (uint64_t)-1;

	if (negative_at(g, m1, k) == sfrom) {
		for (int i = 0; i < 64; i++, k += d)
			if (k + d == kt || negative_at(g, m1, k + d) != sfrom) {
				*last = k;
				return 1;
			}
	} else {
		for (int i = 0; i < 64; i++)
			if ((k -= d) == kf || negative_at(g, m1, k) == sfrom) {
				*last = k;
				return 1;
			}
	}
	return 0;
}

/* The same by bisection between keys kf and kt: always right, slower. */
static uint64_t bisect(struct gen *g, fpc_mpfr1_fn m1, uint64_t kf, uint64_t kt,
		       int sfrom)
{
	for (uint64_t lo = kf, hi = kt;;) {
		uint64_t m = lo < hi ? lo + (hi - lo) / 2 : hi + (lo - hi) / 2;
		if (m == lo || m == hi)
			return lo;
		if (negative_at(g, m1, m) == sfrom)
			lo = m;
		else
			hi = m;
	}
}

/*
 * The secant method finds the zero to double precision; a walk of an ulp
 * or two from its rounding to the format then finds the sign change.
 * Only signs decide the answer, and they are exact, so it does not
 * depend on how the iteration rounds; if the walk strays (not for a
 * simple zero), bisection decides.
 */
int fpc_libm_root(struct gen *g, fpc_mpfr1_fn m1, uint64_t from, uint64_t to,
		  uint64_t *last)
{
	const struct fpc_fmt_desc *f = g->f;
	double a = fpc_bits_value(f->format, from);
	double b = fpc_bits_value(f->format, to);
	double fa = approx(g, m1, a), fb = approx(g, m1, b);
	uint64_t kf = key(f, from), kt = key(f, to), k;

	if (!(fa < 0 && fb > 0) && !(fa > 0 && fb < 0))
		return 0;
	k = key(f,
		fpc_bits_from_double(f->format, secant(g, m1, a, fa, b, fb)));
	if (kt > kf ? k <= kf || k >= kt : k >= kf || k <= kt)
		k = kf;
	if (!walk(g, m1, k, kf, kt, fa < 0, &k))
		k = bisect(g, m1, kf, kt, fa < 0);
	*last = unkey(f, k);
	return 1;
}

void fpc_libm_threshold(struct gen *g, enum cond cond, uint64_t c,
			uint64_t from, uint64_t to, const char *what)
{
	struct edge_test t = {g->k->fn->mpfr1, NULL, VARY_X, 0, cond, c};
	uint64_t x;

	if (fpc_libm_edge(g, &t, from, to, &x))
		fpc_libm_near1(g, x, 2, "%s %s", g->k->name, what);
}
