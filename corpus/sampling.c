/*
 * Random samples of the libm kernels, drawn from the kernel's own random
 * stream (rng.c) as bit patterns of its format: log-uniform over ranges
 * of binades chosen per function, three quarters of them in the range
 * where the function does something (neither overflowing nor trivially 1
 * or x), the rest over a wide range, usually every finite value.  pow
 * has its own sampler, which keeps x^y mostly finite.
 */
#include "libm_inputs.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus_impl.h"
#include "rng.h"

/* Exponent bounds standing for the format's own. */
#define E_SUB  INT_MIN	     /* the smallest subnormal's */
#define E_NORM (INT_MIN + 1) /* the smallest normal's: subnormals only */
#define E_TOP  INT_MAX	     /* one above the largest finite's */

/*
 * Log-uniform: the binade is uniform among those of [2^elo, 2^ehi), the
 * significand uniform within it, the sign uniform unless positive only;
 * values outside [lo, hi] are drawn again.
 */
struct range {
	int elo, ehi;
	int positive;
	double lo, hi;
};

/* Brace initializers in macros, which clang-format cannot lay out. */
/* clang-format off */
#define R(a, b) {a, b, 0, -HUGE_VAL, HUGE_VAL}
#define RP(a, b) {a, b, 1, -HUGE_VAL, HUGE_VAL}
#define RC(a, b, lo, hi) {a, b, 0, lo, hi}
#define ALL R(E_SUB, E_TOP)
#define ALLP RP(E_SUB, E_TOP)
/* clang-format on */

/*
 * Per function and format ([0] binary64, [1] binary32): the primary range
 * (three quarters of the samples), where the function is neither
 * trivially overflowing nor trivially 1 or x, then the wide one (the
 * rest), usually the whole finite range.  Where the primary range is
 * already the whole domain (log, sqrt, cbrt) the wide one is the part
 * that deserves more: near 1 for log, subnormals for roots.  Binary
 * functions draw y from y[] in the primary share, from the wide range
 * like x otherwise; pow has its own sampler.
 */
struct sampling {
	const char *fn;
	struct range x[2][2];
	struct range y[2];
};

/* clang-format off */
#define TRIG {{R(-30, 30), ALL}, {R(-15, 24), ALL}}
#define UNIT {{R(-30, 0), R(E_SUB, 0)}, {R(-15, 0), R(E_SUB, 0)}}
#define WIDE {{R(-30, 30), ALL}, {R(-15, 15), ALL}}
#define HYPERBOLIC \
	{{RC(-30, 10, -710.5, 710.5), ALL}, {RC(-15, 7, -89.5, 89.5), ALL}}
#define LOG {{ALLP, RP(-1, 1)}, {ALLP, RP(-1, 1)}}
#define BESSEL_J {{R(-20, 10), ALL}, {R(-20, 10), ALL}}
#define BESSEL_Y {{RP(-20, 10), ALLP}, {RP(-20, 10), ALLP}}
/* clang-format on */

static const struct sampling samplings[] = {
    {"sin", TRIG, {{0}}},
    {"cos", TRIG, {{0}}},
    {"tan", TRIG, {{0}}},
    {"asin", UNIT, {{0}}},
    {"acos", UNIT, {{0}}},
    {"atan", WIDE, {{0}}},
    {"atan2", WIDE, {R(-30, 30), R(-15, 15)}},
    {"sinh", HYPERBOLIC, {{0}}},
    {"cosh", HYPERBOLIC, {{0}}},
    {"tanh", {{R(-30, 5), ALL}, {R(-15, 4), ALL}}, {{0}}},
    {"asinh", WIDE, {{0}}},
    {"acosh", {{RP(0, 30), RP(0, E_TOP)}, {RP(0, 15), RP(0, E_TOP)}}, {{0}}},
    {"atanh", UNIT, {{0}}},
    /* Bounds just past where the result overflows or underflows. */
    {"exp",
     {{RC(-30, 10, -745.2, 709.8), ALL}, {RC(-15, 7, -104, 88.8), ALL}},
     {{0}}},
    {"exp2",
     {{RC(-30, 11, -1075, 1024), ALL}, {RC(-15, 8, -150, 128), ALL}},
     {{0}}},
    {"exp10",
     {{RC(-30, 9, -323.6, 308.3), ALL}, {RC(-15, 6, -45.2, 38.6), ALL}},
     {{0}}},
    {"expm1",
     {{RC(-30, 10, -40, 709.8), ALL}, {RC(-15, 7, -20, 88.8), ALL}},
     {{0}}},
    {"log", LOG, {{0}}},
    {"log2", LOG, {{0}}},
    {"log10", LOG, {{0}}},
    {"log1p",
     {{RC(-30, 30, -1, HUGE_VAL), ALLP}, {RC(-15, 15, -1, HUGE_VAL), ALLP}},
     {{0}}},
    {"pow", {{ALLP, ALL}, {ALLP, ALL}}, {{0}}},
    {"sqrt", {{ALLP, RP(E_SUB, E_NORM)}, {ALLP, RP(E_SUB, E_NORM)}}, {{0}}},
    {"cbrt", {{ALL, R(E_SUB, E_NORM)}, {ALL, R(E_SUB, E_NORM)}}, {{0}}},
    {"hypot", WIDE, {R(-30, 30), R(-15, 15)}},
    {"erf", {{R(-30, 3), ALL}, {R(-15, 2), ALL}}, {{0}}},
    {"erfc", {{RC(-30, 5, -6, 27.3), ALL}, {RC(-15, 4, -4, 10.1), ALL}}, {{0}}},
    {"lgamma", {{R(-30, 8), ALL}, {R(-15, 6), ALL}}, {{0}}},
    {"tgamma",
     {{RC(-30, 8, -190, 171.7), ALL}, {RC(-15, 6, -42, 35.1), ALL}},
     {{0}}},
    {"j0", BESSEL_J, {{0}}},
    {"j1", BESSEL_J, {{0}}},
    {"y0", BESSEL_Y, {{0}}},
    {"y1", BESSEL_Y, {{0}}},
    {"fmod", {{R(-30, 60), ALL}, {R(-15, 30), ALL}}, {R(-30, 30), R(-15, 15)}},
};

static const struct sampling *find_sampling(const char *fn)
{
	for (size_t i = 0; i < sizeof(samplings) / sizeof(samplings[0]); i++)
		if (!strcmp(samplings[i].fn, fn))
			return &samplings[i];
	return NULL;
}

/* Functions that draw their samples their own way, from the x ranges of
 * their entry but not from its y range. */
static int own_sampler(const char *fn)
{
	return !strcmp(fn, "pow");
}

/* The binades of r in format f: [2^*lo, 2^*hi). */
static void resolve(const struct fpc_fmt_desc *f, const struct range *r,
		    int *lo, int *hi)
{
	*lo = r->elo == E_SUB ? esub(f) : r->elo;
	if (r->ehi == E_TOP)
		*hi = f->emax + 1;
	else if (r->ehi == E_NORM)
		*hi = f->emin;
	else
		*hi = r->ehi;
}

/* Can r give a value in format f at all? */
static int nonempty(const struct fpc_fmt_desc *f, const struct range *r)
{
	int lo, hi;

	resolve(f, r, &lo, &hi);
	return lo < hi && r->lo <= r->hi;
}

/* See corpus_impl.h. */
int fpc_corpus_has_sampling(const char *fn, unsigned arity)
{
	const struct sampling *s = find_sampling(fn);

	if (!s)
		return 0;
	for (int fi = 0; fi < 2; fi++) {
		const struct fpc_fmt_desc *f =
		    fpc_fmt_desc(fi ? FPC_FMT_BINARY32 : FPC_FMT_BINARY64);
		if (!nonempty(f, &s->x[fi][0]) || !nonempty(f, &s->x[fi][1]))
			return 0;
		if (arity > 1 && !own_sampler(fn) && !nonempty(f, &s->y[fi]))
			return 0;
	}
	return 1;
}

/* Draws one value from r into *b; 0 if r rejects too much (a table bug). */
static int draw(struct gen *g, const struct range *r, uint64_t *b)
{
	const struct fpc_fmt_desc *f = g->f;
	int lo, hi;

	resolve(f, r, &lo, &hi);
	for (int tries = 0; tries < 1000; tries++) {
		int e =
		    lo + (int)fpc_corpus_rng_below(g->rng, (uint64_t)(hi - lo));
		uint64_t frac = fpc_corpus_rng_next(g->rng) >>
				(64 - (f->prec - 1)),
			 x;
		double v;
		if (e >= f->emin) {
			x = (uint64_t)(e - f->emin + 1) << (f->prec - 1) | frac;
		} else {
			/* Subnormal binade: fewer significand bits. */
			int s = e - esub(f);
			x = (uint64_t)1 << s | frac >> (f->prec - 1 - s);
		}
		if (!r->positive && fpc_corpus_rng_next(g->rng) >> 63)
			x |= f->sign;
		v = fpc_bits_value(f->format, x);
		if (v >= r->lo && v <= r->hi) {
			*b = x;
			return 1;
		}
	}
	return 0;
}

/* "+-[2^-30, 2^30) within [-745.2, 709.8]" */
static void describe(const struct fpc_fmt_desc *f, const struct range *r,
		     char *s, size_t n)
{
	int lo, hi, len;

	resolve(f, r, &lo, &hi);
	len = snprintf(s, n, "%s[2^%d, 2^%d)", r->positive ? "" : "+-", lo, hi);
	if ((r->lo > -HUGE_VAL || r->hi < HUGE_VAL) && len > 0 &&
	    (size_t)len < n)
		snprintf(s + len, n - (size_t)len, " within [%g, %g]", r->lo,
			 r->hi);
}

/* Exponent of a finite non-zero value: x in [2^e, 2^(e+1)). */
static int exponent(const struct fpc_fmt_desc *f, uint64_t b)
{
	uint64_t m = b & ~f->sign;
	int e = esub(f);

	if (m >= pow2(f, f->emin))
		return (int)(m >> (f->prec - 1)) + f->emin - 1;
	while (m >>= 1)
		e++;
	return e;
}

/*
 * pow's primary share: x log-uniform over (0, max] with y log-uniform
 * under a bound that keeps |y * log2(x)| below the exponent range, so
 * x^y is mostly finite and non-zero.
 */
static void pow_positive_x(struct gen *g, unsigned n)
{
	const struct fpc_fmt_desc *f = g->f;
	const struct range allp = ALLP;
	uint64_t x, y;

	fpc_inputset_note(&g->b,
			  "random: x log-uniform over (0, max], y log-uniform "
			  "with |y*log2(x)| < %d",
			  f->emax + 1);
	for (unsigned i = 0; i < n; i++) {
		/* |log2(x)| < |e| + 1, so |y| < 2^top <= (emax+1)/(|e|+1). */
		int e, top = 0;
		if (!draw(g, &allp, &x))
			continue;
		e = exponent(f, x);
		while ((2 << top) <= (f->emax + 1) / (abs(e) + 1))
			top++;
		struct range ry = R(-20, top);
		if (draw(g, &ry, &y))
			fpc_inputset_put(&g->b, x, y);
	}
}

/* pow with negative x and integer y, whose sign decides the result's. */
static void pow_negative_x(struct gen *g, unsigned n)
{
	const int dbl = g->f->format == FPC_FMT_BINARY64;
	const struct range xneg = RP(dbl ? -8 : -4, dbl ? 8 : 4);
	const unsigned ey = dbl ? 7 : 5;
	char s[128];
	uint64_t x, y;

	describe(g->f, &xneg, s, sizeof(s));
	fpc_inputset_note(&g->b, "random: x in -%s, y integer in +-[1, 2^%u)",
			  s, ey);
	for (unsigned i = 0; i < n; i++) {
		uint64_t e = fpc_corpus_rng_below(g->rng, ey), m;
		if (!draw(g, &xneg, &x))
			continue;
		m = ((uint64_t)1 << e) +
		    fpc_corpus_rng_below(g->rng, (uint64_t)1 << e);
		y = num(g, (double)m);
		if (fpc_corpus_rng_next(g->rng) >> 63)
			y = neg(g, y);
		fpc_inputset_put(&g->b, neg(g, x), y);
	}
}

/* pow's wide share: x and y both log-uniform over every finite value. */
static void pow_wide(struct gen *g, unsigned n)
{
	const struct range all = ALL;
	char s[128];
	uint64_t x, y;

	describe(g->f, &all, s, sizeof(s));
	fpc_inputset_note(&g->b, "random: x, y log-uniform over %s", s);
	for (unsigned i = 0; i < n; i++)
		if (draw(g, &all, &x) && draw(g, &all, &y))
			fpc_inputset_put(&g->b, x, y);
}

/* pow: the primary share, an eighth of it negative x with integer y,
 * then the wide share. */
static void random_pow(struct gen *g, unsigned nprim, unsigned nwide)
{
	const unsigned nneg = nprim / 8;

	pow_positive_x(g, nprim - nneg);
	pow_negative_x(g, nneg);
	pow_wide(g, nwide);
}

/* n samples, x from rx and (binary kernels) y from ry, under one note. */
static void random_share(struct gen *g, const struct range *rx,
			 const struct range *ry, unsigned n)
{
	char dx[128], dy[128];

	describe(g->f, rx, dx, sizeof(dx));
	if (g->b.arity > 1) {
		describe(g->f, ry, dy, sizeof(dy));
		fpc_inputset_note(
		    &g->b, "random: x log-uniform over %s, y over %s", dx, dy);
	} else {
		fpc_inputset_note(&g->b, "random: log-uniform over %s", dx);
	}
	for (unsigned i = 0; i < n; i++) {
		uint64_t x, y = 0;
		if (draw(g, rx, &x) && (g->b.arity < 2 || draw(g, ry, &y)))
			fpc_inputset_put(&g->b, x, y);
	}
}

void fpc_libm_random(struct gen *g, unsigned n)
{
	const int fi = g->f->format == FPC_FMT_BINARY64 ? 0 : 1;
	const unsigned nwide = n / 4, nprim = n - nwide;
	const struct sampling *s = find_sampling(g->fn);

	if (!s)
		return;
	if (own_sampler(g->fn)) {
		random_pow(g, nprim, nwide);
		return;
	}
	/* Binary kernels draw y like x in the wide share. */
	random_share(g, &s->x[fi][0], &s->y[fi], nprim);
	random_share(g, &s->x[fi][1], &s->x[fi][1], nwide);
}
