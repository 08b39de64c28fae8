/*
 * Corpus generation: the inputs of each selected kernel, in this order:
 * special values, per-function hot spots, known hard cases, log-uniform
 * random samples, then the user's inputs.  Inputs are deduplicated by bit
 * pattern within a kernel (the first occurrence and its note are kept).
 *
 * Determinism.  A kernel's inputs depend only on the seed, the kernel's
 * name, the sample count and the user's file, never on which other
 * kernels are selected: each kernel has its own random stream, seeded
 * from seed ^ FNV-1a(name).  Nothing depends on the host's libm: every
 * threshold, zero and multiple of pi/2 is computed with MPFR, which
 * rounds correctly and so gives the same bits everywhere, and random
 * values are assembled from integer bit patterns of the kernel's format
 * (float inputs are drawn as floats, never rounded from doubles).
 *
 * Hot spot notes.  A threshold is where the function's rounded result
 * changes behaviour (overflows, becomes subnormal, underflows to 0,
 * rounds to 1 or to x...); it is found by bisection over the format's
 * values, evaluating the correctly rounded result with MPFR in the
 * format's exponent range.  "exp overflow threshold" names the last input
 * before the change, coming from the ordinary side: the largest x whose
 * exp(x) is finite.  Its neighbours are noted "..., +1 ulp" and so on, in
 * ulps of the format, upwards meaning towards +inf.
 */
#include "fpcheck/corpus.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpfr.h>

#include "corpus_impl.h"
#include "kernels/render.h"
#include "fpcheck/error.h"
#include "fpcheck/mpfr_fmt.h"
#include "fpcheck/ulp.h"

/* ---- formats ---------------------------------------------------------- */

/* Formats are described once: struct fpc_fmt_desc, fpcheck/ulp.h. */

/* Exponent of the smallest subnormal: -1074, -149. */
static int esub(const struct fpc_fmt_desc *f)
{
	return f->emin - f->prec + 1;
}

static int is_nan(const struct fpc_fmt_desc *f, uint64_t b)
{
	return (b & ~f->sign) > f->inf;
}

/* 2^e for e in [esub, emax]. */
static uint64_t pow2(const struct fpc_fmt_desc *f, int e)
{
	if (e < f->emin)
		return (uint64_t)1 << (e - esub(f));
	return (uint64_t)(e - f->emin + 1) << (f->prec - 1);
}

/* Total-order key: consecutive values of the format have consecutive
 * keys, -0 just below +0, so ulp steps and bisection are integer
 * arithmetic. */
static uint64_t key(const struct fpc_fmt_desc *f, uint64_t b)
{
	return b & f->sign ? f->sign - 1 - (b & ~f->sign) : b | f->sign;
}

static uint64_t unkey(const struct fpc_fmt_desc *f, uint64_t k)
{
	return k >= f->sign ? k & ~f->sign : f->sign | (f->sign - 1 - k);
}

/* b moved k ulps towards +inf; a NaN pattern when that leaves [-inf, inf]. */
static uint64_t step(const struct fpc_fmt_desc *f, uint64_t b, int k)
{
	uint64_t lo = key(f, f->sign | f->inf), hi = key(f, f->inf);
	uint64_t kb = key(f, b);
	uint64_t mag = k < 0 ? 0 - (uint64_t)k : (uint64_t)k;

	if (is_nan(f, b) || (k < 0 && kb - lo < mag) ||
	    (k > 0 && hi - kb < mag))
		return f->qnan;
	return unkey(f, k < 0 ? kb - mag : kb + mag);
}

/* ---- random numbers --------------------------------------------------- */

/* splitmix64 (Steele, Lea, Flood), to seed xoshiro256** (Blackman and
 * Vigna): both small, well studied and the same on every host. */
static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t next(uint64_t s[4])
{
	uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

/* Uniform in [0, n), n > 0, without modulo bias. */
static uint64_t below(uint64_t s[4], uint64_t n)
{
	uint64_t min = (0 - n) % n, r;

	do
		r = next(s);
	while (r < min);
	return r % n;
}

/* ---- the inputs of one kernel under construction ---------------------- */

struct build {
	unsigned arity;
	uint32_t n, cap;
	uint64_t *in[2];
	uint16_t *origin;
	char **notes;
	size_t nnotes, notecap;
	uint32_t *noteslot; /* hash set of notes: index + 1, 0 when free */
	size_t nnoteslot;
	uint32_t *slot; /* hash set of inputs: index + 1, 0 when free */
	size_t nslot;
	unsigned cur; /* note of the inputs being added */
	int has_pending;
	char pending[FPC_CORPUS_NOTE_MAX]; /* note of the next new input */
	int err;			   /* first error, sticky */
};

static uint64_t mix(uint64_t x, uint64_t y)
{
	uint64_t h =
	    x * 0x9e3779b97f4a7c15u ^ rotl(y, 31) * 0xc2b2ae3d27d4eb4fu;

	return h ^ (h >> 29);
}

static void build_release(struct build *b)
{
	for (unsigned a = 0; a < 2; a++)
		free(b->in[a]);
	free(b->origin);
	for (size_t i = 0; i < b->nnotes; i++)
		free(b->notes[i]);
	free(b->notes);
	free(b->noteslot);
	free(b->slot);
	memset(b, 0, sizeof(*b));
}

static void *grow(void *p, size_t n, size_t size, int *err)
{
	void *q = realloc(p, n * size);

	if (!q && !*err)
		*err = FPC_ERR_NOMEM;
	return q;
}

/* Makes the pending note the current one, adding it to the table if it
 * is new. */
static void intern(struct build *b)
{
	const char *s = b->pending;
	uint64_t h;
	size_t i;

	if (2 * (b->nnotes + 1) > b->nnoteslot) {
		size_t n = b->nnoteslot ? 2 * b->nnoteslot : 256;
		uint32_t *t = calloc(n, sizeof(*t));
		if (!t) {
			b->err = FPC_ERR_NOMEM;
			return;
		}
		for (i = 0; i < b->nnotes; i++) {
			size_t j = fpc_fnv1a64(FPC_FNV1A64_INIT, b->notes[i],
					       strlen(b->notes[i])) &
				   (n - 1);
			while (t[j])
				j = (j + 1) & (n - 1);
			t[j] = (uint32_t)i + 1;
		}
		free(b->noteslot);
		b->noteslot = t;
		b->nnoteslot = n;
	}
	h = fpc_fnv1a64(FPC_FNV1A64_INIT, s, strlen(s));
	for (i = h & (b->nnoteslot - 1); b->noteslot[i];
	     i = (i + 1) & (b->nnoteslot - 1))
		if (!strcmp(b->notes[b->noteslot[i] - 1], s)) {
			b->cur = b->noteslot[i] - 1;
			return;
		}
	if (b->nnotes == FPC_CORPUS_NOTES_MAX) {
		b->err = FPC_ERR_ARG;
		return;
	}
	if (b->nnotes == b->notecap) {
		size_t n = b->notecap ? 2 * b->notecap : 64;
		char **p = grow(b->notes, n, sizeof(*p), &b->err);
		if (!p)
			return;
		b->notes = p;
		b->notecap = n;
	}
	if (!(b->notes[b->nnotes] = malloc(strlen(s) + 1))) {
		b->err = FPC_ERR_NOMEM;
		return;
	}
	strcpy(b->notes[b->nnotes], s);
	b->noteslot[i] = (uint32_t)b->nnotes + 1;
	b->cur = (unsigned)b->nnotes++;
}

/* Makes note fmt (formatted) the note of the inputs added next.  It
 * enters the table with the first of them that is not a duplicate, so
 * that no note goes unused. */
static void note(struct build *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b->pending, sizeof(b->pending), fmt, ap);
	va_end(ap);
	b->has_pending = 1;
}

/* Adds input (x, y) (y ignored by unary kernels) unless already there. */
static void put(struct build *b, uint64_t x, uint64_t y)
{
	size_t i;

	if (b->err)
		return;
	if (b->arity < 2)
		y = 0;
	if (2 * ((size_t)b->n + 1) > b->nslot) {
		size_t n = b->nslot ? 2 * b->nslot : 1024;
		uint32_t *t = calloc(n, sizeof(*t));
		if (!t) {
			b->err = FPC_ERR_NOMEM;
			return;
		}
		for (uint32_t k = 0; k < b->n; k++) {
			size_t j =
			    mix(b->in[0][k], b->arity > 1 ? b->in[1][k] : 0) &
			    (n - 1);
			while (t[j])
				j = (j + 1) & (n - 1);
			t[j] = k + 1;
		}
		free(b->slot);
		b->slot = t;
		b->nslot = n;
	}
	for (i = mix(x, y) & (b->nslot - 1); b->slot[i];
	     i = (i + 1) & (b->nslot - 1)) {
		uint32_t k = b->slot[i] - 1;
		if (b->in[0][k] == x && (b->arity < 2 || b->in[1][k] == y))
			return;
	}
	if (b->has_pending) {
		intern(b);
		b->has_pending = 0;
		if (b->err)
			return;
	}
	if (b->n == b->cap) {
		uint32_t n;
		if (b->cap >= UINT32_MAX / 2) {
			b->err = FPC_ERR_ARG;
			return;
		}
		n = b->cap ? 2 * b->cap : 512;
		for (unsigned a = 0; a < b->arity; a++) {
			uint64_t *p = grow(b->in[a], n, sizeof(*p), &b->err);
			if (!p)
				return;
			b->in[a] = p;
		}
		uint16_t *o = grow(b->origin, n, sizeof(*o), &b->err);
		if (!o)
			return;
		b->origin = o;
		b->cap = n;
	}
	b->in[0][b->n] = x;
	if (b->arity > 1)
		b->in[1][b->n] = y;
	b->origin[b->n] = (uint16_t)b->cur;
	b->slot[i] = ++b->n;
}

/* ---- generation context and MPFR evaluation ---------------------------- */

struct gen {
	const struct fpc_fmt_desc *f;
	const struct fpc_kernel *k;
	const char *fn; /* function name, "sin" for "sin" and "sinf" */
	struct build b;
	uint64_t rng[4];
	mpfr_t x, y, r; /* scratch: inputs and the result in the format */
};

static uint64_t get_bits(struct gen *g, mpfr_srcptr v)
{
	if (mpfr_nan_p(v))
		return g->f->qnan;
	if (g->f->format == FPC_FMT_BINARY32)
		return fpc_bits_from_double(g->f->format, mpfr_get_flt(v, MPFR_RNDN));
	return fpc_bits_from_double(g->f->format, mpfr_get_d(v, MPFR_RNDN));
}

/*
 * RN(m1(x)) or RN(m2(x, y)) in the format, subnormals and overflow
 * included: MPFR's exponent range is narrowed to the format's for the
 * call, then restored.
 */
static uint64_t eval(struct gen *g, fpc_mpfr1_fn m1, fpc_mpfr2_fn m2,
		     uint64_t x, uint64_t y)
{
	struct fpc_mpfr_range saved;
	int inex;

	mpfr_set_d(g->x, fpc_bits_value(g->f->format, x), MPFR_RNDN);
	mpfr_set_d(g->y, fpc_bits_value(g->f->format, y), MPFR_RNDN);
	fpc_mpfr_range_format(g->f->format, &saved);
	inex = m1 ? m1(g->r, g->x, MPFR_RNDN) : m2(g->r, g->x, g->y, MPFR_RNDN);
	fpc_mpfr_subnormalize(g->r, inex);
	fpc_mpfr_range_restore(&saved);
	return get_bits(g, g->r);
}

/* v rounded once to the format (nearest, ties to even), treating v as
 * exact; v may lie outside the format's range. */
static uint64_t round_to(struct gen *g, mpfr_srcptr v)
{
	fpc_mpfr_round(g->f->format, g->r, v, 0);
	return get_bits(g, g->r);
}

/* RN(num * c / den), c an MPFR constant (pi, log(2)). */
static uint64_t const_times(struct gen *g, int (*c)(mpfr_ptr, mpfr_rnd_t),
			    unsigned long num, unsigned long den)
{
	mpfr_t v;
	uint64_t b;

	mpfr_init2(v, 128);
	c(v, MPFR_RNDN);
	mpfr_mul_ui(v, v, num, MPFR_RNDN);
	mpfr_div_ui(v, v, den, MPFR_RNDN);
	b = round_to(g, v);
	mpfr_clear(v);
	return b;
}

/* RN(sqrt(x) * num / den) for a format value x. */
static uint64_t sqrt_times(struct gen *g, uint64_t x, unsigned long num,
			   unsigned long den)
{
	mpfr_t v;
	uint64_t b;

	mpfr_init2(v, 128);
	mpfr_set_d(v, fpc_bits_value(g->f->format, x), MPFR_RNDN);
	mpfr_sqrt(v, v, MPFR_RNDN);
	mpfr_mul_ui(v, v, num, MPFR_RNDN);
	mpfr_div_ui(v, v, den, MPFR_RNDN);
	b = round_to(g, v);
	mpfr_clear(v);
	return b;
}

/* ---- adding inputs ----------------------------------------------------- */

static uint64_t num(const struct gen *g, double d)
{
	return fpc_bits_from_double(g->f->format, d);
}

/* Is d exactly a value of the format? */
static int exact(const struct gen *g, double d)
{
	return fpc_bits_value(g->f->format, fpc_bits_from_double(g->f->format, d)) == d;
}

static uint64_t neg(const struct gen *g, uint64_t b)
{
	return b ^ g->f->sign;
}

static uint64_t maxf(const struct gen *g)
{
	return g->f->inf - 1;
}

static uint64_t minsub(const struct gen *g)
{
	(void)g;
	return 1;
}

static uint64_t minnorm(const struct gen *g)
{
	return pow2(g->f, g->f->emin);
}

/* Which argument the neighbours of a hot spot vary. */
enum vary {
	VARY_X,	 /* f(t), or f(t, y) with y fixed */
	VARY_Y,	 /* f(x, t) with x fixed */
	VARY_XY, /* f(t, t) */
};

/*
 * Adds a hot spot (x, y) and its neighbours up to k ulps away in the
 * varied argument, noted "hot spot: <what>" and "hot spot: <what>, +1 ulp".
 */
static void vnear(struct gen *g, uint64_t x, uint64_t y, enum vary v, int k,
		  const char *fmt, va_list ap)
{
	char what[256];

	vsnprintf(what, sizeof(what), fmt, ap);
	for (int j = -k; j <= k; j++) {
		uint64_t t = step(g->f, v == VARY_Y ? y : x, j);
		if (is_nan(g->f, t))
			continue;
		if (j)
			note(&g->b, "hot spot: %s, %+d ulp", what, j);
		else
			note(&g->b, "hot spot: %s", what);
		put(&g->b, v == VARY_Y ? x : t, v == VARY_X ? y : t);
	}
}

static void near1(struct gen *g, uint64_t x, int k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnear(g, x, 0, VARY_X, k, fmt, ap);
	va_end(ap);
}

static void near2(struct gen *g, uint64_t x, uint64_t y, enum vary v, int k,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnear(g, x, y, v, k, fmt, ap);
	va_end(ap);
}

/* ---- thresholds -------------------------------------------------------- */

/* What happens to the rounded result. */
enum cond {
	C_INF,	/* it is infinite */
	C_ZERO, /* it is zero */
	C_TINY, /* it is below the smallest normal in magnitude (or zero) */
	C_EQ,	/* it is the constant c */
	C_EQX,	/* it is the input itself */
};

struct test {
	fpc_mpfr1_fn m1; /* unary function, or */
	fpc_mpfr2_fn m2; /* binary function */
	enum vary vary;
	uint64_t other; /* the fixed argument */
	enum cond cond;
	uint64_t c;
};

static int holds(struct gen *g, const struct test *t, uint64_t v)
{
	const struct fpc_fmt_desc *f = g->f;
	uint64_t x = t->vary == VARY_Y ? t->other : v;
	uint64_t y = t->vary == VARY_X ? t->other : v;
	uint64_t r = eval(g, t->m1, t->m2, x, y), m = r & ~f->sign;

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

/*
 * Bisection over the format's values between from and to, whose outcomes
 * differ: *last is the last value, going from `from`, with from's
 * outcome.  Returns 0 (nothing found) when the outcomes agree.
 */
static int edge(struct gen *g, const struct test *t, uint64_t from, uint64_t to,
		uint64_t *last)
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
 * A simple zero of m1 between from and to, where its signs differ: *last
 * is the last format value, going from `from`, before the sign changes.
 * The secant method (bisection when it leaves the bracket) finds the
 * zero to double precision in about 8 evaluations; a walk of an ulp or
 * two from its rounding to the format then finds the sign change.  Only
 * signs decide the answer, and they are exact, so it does not depend on
 * how the iteration rounds; if the walk strays, bisection decides.
 */
static int root(struct gen *g, fpc_mpfr1_fn m1, uint64_t from, uint64_t to,
		uint64_t *last)
{
	const struct fpc_fmt_desc *f = g->f;
	double a = fpc_bits_value(f->format, from), b = fpc_bits_value(f->format, to);
	double fa = approx(g, m1, a), fb = approx(g, m1, b);
	double x0 = a, f0 = fa, x1 = b, f1 = fb;
	uint64_t kf = key(f, from), kt = key(f, to), k;
	const int sfrom = fa < 0;
	const uint64_t d = kt > kf ? 1 : (uint64_t)-1;

	if (!(fa < 0 && fb > 0) && !(fa > 0 && fb < 0))
		return 0;
	/* Until two iterates are within half an ulp of the format. */
	for (int i = 0;
	     i < 100 && f1 != 0 && fabs(x1 - x0) > ldexp(fabs(x1), -f->prec);
	     i++) {
		double x2 = x1 - f1 * ((x1 - x0) / (f1 - f0)), f2;
		if (x2 == a || x2 == b) {
			x1 = x2; /* the zero is within an ulp of the bracket */
			break;
		}
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
	k = key(f, fpc_bits_from_double(f->format, x1));
	if (kt > kf ? k <= kf || k >= kt : k >= kf || k <= kt)
		k = kf;
	/* Walk to the sign change: k keeps from's sign, k + d has to's. */
	if (negative_at(g, m1, k) == sfrom) {
		for (int i = 0; i < 64; i++, k += d)
			if (k + d == kt || negative_at(g, m1, k + d) != sfrom) {
				*last = unkey(f, k);
				return 1;
			}
	} else {
		for (int i = 0; i < 64; i++)
			if ((k -= d) == kf || negative_at(g, m1, k) == sfrom) {
				*last = unkey(f, k);
				return 1;
			}
	}
	/* Not reached for a simple zero; bisection is always right. */
	for (uint64_t lo = kf, hi = kt;;) {
		uint64_t m = lo < hi ? lo + (hi - lo) / 2 : hi + (lo - hi) / 2;
		if (m == lo || m == hi) {
			*last = unkey(f, lo);
			return 1;
		}
		if (negative_at(g, m1, m) == sfrom)
			lo = m;
		else
			hi = m;
	}
}

/* Adds the threshold of cond on the kernel's own unary function between
 * from and to, with 2 ulps either side, noted "<kernel> <what>". */
static void threshold(struct gen *g, enum cond cond, uint64_t c, uint64_t from,
		      uint64_t to, const char *what)
{
	struct test t = {g->k->fn->mpfr1, NULL, VARY_X, 0, cond, c};
	uint64_t x;

	if (edge(g, &t, from, to, &x))
		near1(g, x, 2, "%s %s", g->k->name, what);
}

/* ---- special values ---------------------------------------------------- */

static void specials1(struct gen *g)
{
	static const int spread64[] = {-1000, -500, -100, -30, -10,
				       10,    30,   100,  500, 1000};
	static const int spread32[] = {-120, -60, -30, -10, 10, 30, 60, 120};
	const struct fpc_fmt_desc *f = g->f;
	const int *spread = f->format == FPC_FMT_BINARY64 ? spread64 : spread32;
	size_t nspread = f->format == FPC_FMT_BINARY64 ? sizeof(spread64) / sizeof(int)
					: sizeof(spread32) / sizeof(int);
	const struct {
		const char *what;
		uint64_t b;
	} s[] = {
	    {"+0", 0},
	    {"-0", f->sign},
	    {"+inf", f->inf},
	    {"-inf", f->sign | f->inf},
	    {"quiet NaN", f->qnan},
	    {"quiet NaN, sign set", f->sign | f->qnan},
	    {"signalling NaN", f->snan},
	    {"smallest subnormal", 1},
	    {"-smallest subnormal", f->sign | 1},
	    {"largest subnormal", minnorm(g) - 1},
	    {"-largest subnormal", f->sign | (minnorm(g) - 1)},
	    {"smallest normal", minnorm(g)},
	    {"-smallest normal", f->sign | minnorm(g)},
	    {"largest finite", maxf(g)},
	    {"-largest finite", f->sign | maxf(g)},
	    {"1", num(g, 1)},
	    {"-1", num(g, -1)},
	    {"2", num(g, 2)},
	    {"-2", num(g, -2)},
	    {"0.5", num(g, 0.5)},
	    {"-0.5", num(g, -0.5)},
	    {"1 + 1 ulp", num(g, 1) + 1},
	    {"1 - 1 ulp", num(g, 1) - 1},
	};

	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		note(&g->b, "special: %s", s[i].what);
		put(&g->b, s[i].b, 0);
	}
	for (size_t i = 0; i < nspread; i++) {
		note(&g->b, "special: 2^%d", spread[i]);
		put(&g->b, pow2(f, spread[i]), 0);
		note(&g->b, "special: -2^%d", spread[i]);
		put(&g->b, f->sign | pow2(f, spread[i]), 0);
	}
}

/* Binary kernels: every pair from a smaller set. */
static void specials2(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	const uint64_t s[] = {
	    0,
	    f->sign,
	    f->inf,
	    f->sign | f->inf,
	    f->qnan,
	    num(g, 1),
	    num(g, -1),
	    num(g, 0.5),
	    num(g, -0.5),
	    num(g, 2),
	    num(g, -2),
	    1 /* smallest subnormal */,
	    maxf(g),
	    num(g, -1.5),
	    num(g, 3),
	};
	const size_t n = sizeof(s) / sizeof(s[0]);

	note(&g->b, "special: both arguments special");
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			put(&g->b, s[i], s[j]);
}

/* ---- hot spots, per function ------------------------------------------ */

/* 1 - 2^-j (and its negative if signs), j from 1 to the precision in
 * steps of stride. */
static void one_minus(struct gen *g, int signs, int stride)
{
	for (int j = 1; j < g->f->prec; j += stride) {
		uint64_t x = num(g, 1.0 - ldexp(1, -j));
		note(&g->b, "hot spot: 1 - 2^-j");
		put(&g->b, x, 0);
		if (signs) {
			note(&g->b, "hot spot: -(1 - 2^-j)");
			put(&g->b, neg(g, x), 0);
		}
	}
}

/* sin, cos, tan: near multiples of pi/2, where argument reduction
 * cancels, and the small arguments where the result rounds to x or 1. */
static void hot_trig(struct gen *g)
{
	static const int huge64[] = {20, 30, 40, 50};
	static const int huge32[] = {10, 14, 18, 22};
	const int *huge = g->f->format == FPC_FMT_BINARY64 ? huge64 : huge32;
	mpfr_t pi2, v;

	/* 256 bits: k*pi/2 for k < 2^50 keeps 200 bits, far more than one
	 * rounding to the format needs. */
	mpfr_init2(pi2, 256);
	mpfr_init2(v, 256);
	mpfr_const_pi(pi2, MPFR_RNDN);
	mpfr_div_2ui(pi2, pi2, 1, MPFR_RNDN);
	for (unsigned long k = 1; k <= 40; k++) {
		uint64_t x;
		mpfr_mul_ui(v, pi2, k, MPFR_RNDN);
		x = round_to(g, v);
		if (k == 1) {
			near1(g, x, 2, "nearest to pi/2");
			near1(g, neg(g, x), 2, "nearest to -pi/2");
			continue;
		}
		near1(g, x, 2, "nearest to %lu*pi/2", k);
		if (k <= 4)
			near1(g, neg(g, x), 2, "nearest to -%lu*pi/2", k);
	}
	/* k near 2^e/(pi/2): arguments up to 2^50 (2^22 in float), where an
	 * ulp is still below pi/2. */
	for (int i = 0; i < 4; i++) {
		char k[64];
		mpfr_set_ui_2exp(v, 1, huge[i], MPFR_RNDN);
		mpfr_div(v, v, pi2, MPFR_RNDN);
		mpfr_rint(v, v, MPFR_RNDN);
		mpfr_snprintf(k, sizeof(k), "%.0Rf", v);
		mpfr_mul(v, v, pi2, MPFR_RNDN);
		near1(g, round_to(g, v), 2, "nearest to %s*pi/2", k);
	}
	mpfr_clear(pi2);
	mpfr_clear(v);
	near1(g, const_times(g, mpfr_const_pi, 1, 4), 1, "nearest to pi/4");
	if (!strcmp(g->fn, "cos"))
		threshold(g, C_EQ, num(g, 1), num(g, 0.5), minsub(g),
			  "rounds-to-1 threshold");
	else
		threshold(g, C_EQX, 0, num(g, 0.5), minsub(g),
			  "rounds-to-x threshold");
}

static void hot_asin_acos(struct gen *g)
{
	near1(g, num(g, 1), 3, "1");
	near1(g, num(g, -1), 3, "-1");
	near1(g, num(g, 0.5), 2, "0.5");
	near1(g, num(g, -0.5), 2, "-0.5");
	one_minus(g, 1, 3);
	if (!strcmp(g->fn, "asin"))
		threshold(g, C_EQX, 0, num(g, 0.5), minsub(g),
			  "rounds-to-x threshold");
	else
		threshold(g, C_EQ, const_times(g, mpfr_const_pi, 1, 2),
			  num(g, 0.5), 0, "rounds-to-pi/2 threshold");
}

/* atan: near +-1, where atan rounds to x or to pi/2, and the interval
 * bounds of the classic argument reduction (fdlibm and its descendants
 * switch formulas at 7/16, 11/16, 19/16 and 39/16), and sqrt(3). */
static void hot_atan(struct gen *g)
{
	static const unsigned long sixteenths[] = {7, 11, 19, 39};

	near1(g, num(g, 1), 2, "1");
	near1(g, num(g, -1), 2, "-1");
	for (int i = 0; i < 4; i++) {
		uint64_t x = num(g, sixteenths[i] / 16.0);
		near1(g, x, 1, "%lu/16", sixteenths[i]);
		near1(g, neg(g, x), 1, "-%lu/16", sixteenths[i]);
	}
	near1(g, sqrt_times(g, num(g, 3), 1, 1), 1, "nearest to sqrt(3)");
	threshold(g, C_EQX, 0, num(g, 0.5), minsub(g), "rounds-to-x threshold");
	threshold(g, C_EQ, const_times(g, mpfr_const_pi, 1, 2), num(g, 1),
		  maxf(g), "rounds-to-pi/2 threshold");
}

/* sinh, cosh: overflow, and the gap between where exp(x) overflows and
 * where sinh(x) = exp(x)/2 does, which naive code loses. */
static void hot_sinh_cosh(struct gen *g)
{
	struct test tf = {g->k->fn->mpfr1, NULL, VARY_X, 0, C_INF, 0};
	struct test te = {mpfr_exp, NULL, VARY_X, 0, C_INF, 0};
	uint64_t xf, xe;

	if (edge(g, &tf, num(g, 1), maxf(g), &xf)) {
		near1(g, xf, 2, "%s overflow threshold", g->k->name);
		near1(g, neg(g, xf), 2, "%s overflow threshold, x < 0",
		      g->k->name);
		if (edge(g, &te, num(g, 1), maxf(g), &xe) && xe < xf) {
			near1(g, xe, 1, "exp%s overflow threshold",
			      g->f->format == FPC_FMT_BINARY32 ? "f" : "");
			near1(g, xe + (xf - xe) / 2, 0,
			      "between the exp%s and %s overflow thresholds",
			      g->f->format == FPC_FMT_BINARY32 ? "f" : "", g->k->name);
		}
	}
	near1(g, num(g, 1), 1, "1");
	/* Where fdlibm-style code switches formulas: |x| = log(2)/2, 22. */
	for (int s = 0; s < 2; s++) {
		uint64_t h = const_times(g, mpfr_const_log2, 1, 2);
		near1(g, s ? neg(g, h) : h, 1, "nearest to %slog(2)/2",
		      s ? "-" : "");
		near1(g, num(g, s ? -22 : 22), 1, "%s22", s ? "-" : "");
	}
	if (!strcmp(g->fn, "cosh"))
		threshold(g, C_EQ, num(g, 1), num(g, 0.5), minsub(g),
			  "rounds-to-1 threshold");
	else
		threshold(g, C_EQX, 0, num(g, 0.5), minsub(g),
			  "rounds-to-x threshold");
}

/* tanh: where it rounds to +-1 or to x, and where implementations switch
 * formulas: |x| = log(3)/2 (tanh = 1/2), 1, 9, 22. */
static void hot_tanh(struct gen *g)
{
	const uint64_t h = eval(g, mpfr_atanh, NULL, num(g, 0.5), 0);

	near1(g, h, 1, "nearest to log(3)/2");
	near1(g, neg(g, h), 1, "nearest to -log(3)/2");
	for (int i = 0; i < 3; i++) {
		static const double at[] = {1, 9, 22};
		near1(g, num(g, at[i]), 1, "%g", at[i]);
		near1(g, num(g, -at[i]), 1, "%g", -at[i]);
	}
	threshold(g, C_EQ, num(g, 1), num(g, 1), maxf(g),
		  "rounds-to-1 threshold");
	threshold(g, C_EQ, num(g, -1), num(g, -1), neg(g, maxf(g)),
		  "rounds-to-minus-1 threshold");
	threshold(g, C_EQX, 0, num(g, 0.5), minsub(g), "rounds-to-x threshold");
}

/* asinh, acosh, atanh: near 1, and where x*x overflows. */
static void hot_inverse_hyperbolic(struct gen *g)
{
	if (!strcmp(g->fn, "atanh")) {
		near1(g, num(g, 1), 3, "1");
		near1(g, num(g, -1), 3, "-1");
		near1(g, num(g, 0.5), 2, "0.5");
		near1(g, num(g, -0.5), 2, "-0.5");
		one_minus(g, 1, 2);
	} else {
		near1(g, num(g, 1), 3, "1");
		for (int j = 1; j < g->f->prec; j += 2) {
			note(&g->b, "hot spot: 1 + 2^-j");
			put(&g->b, num(g, 1 + ldexp(1, -j)), 0);
		}
		near1(g, sqrt_times(g, maxf(g), 1, 1), 1,
		      "sqrt of the largest finite");
		near1(g, pow2(g->f, 28), 1, "2^28");
		near1(g, num(g, 2), 1, "2");
	}
	if (strcmp(g->fn, "acosh"))
		threshold(g, C_EQX, 0, num(g, 0.5), minsub(g),
			  "rounds-to-x threshold");
	if (!strcmp(g->fn, "asinh"))
		near1(g, num(g, -1), 2, "-1");
}

/* exp, exp2, exp10, expm1: overflow, subnormal and underflow thresholds,
 * where the result rounds to 1 (or to x, or -1, for expm1), and exact
 * results. */
static void hot_exp(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	uint64_t one = num(g, 1), mone = num(g, -1);

	threshold(g, C_INF, 0, 0, maxf(g), "overflow threshold");
	if (!strcmp(g->fn, "exp") || !strcmp(g->fn, "expm1")) {
		/* Argument-reduction bounds of fdlibm-style code: |x| near
		 * log(2)/2 and 3*log(2)/2, and 56*log(2) for expm1. */
		static const unsigned long k[][2] = {{1, 2}, {3, 2}, {56, 1}};
		for (int i = 0; i < 3; i++) {
			uint64_t x =
			    const_times(g, mpfr_const_log2, k[i][0], k[i][1]);
			char what[32];
			snprintf(what, sizeof(what), "%lu*log(2)%s", k[i][0],
				 k[i][1] == 2 ? "/2" : "");
			near1(g, x, 1, "nearest to %s", what);
			near1(g, neg(g, x), 1, "nearest to -%s", what);
		}
	}
	if (!strcmp(g->fn, "expm1")) {
		threshold(g, C_EQ, mone, mone, neg(g, maxf(g)),
			  "rounds-to-minus-1 threshold");
		threshold(g, C_EQX, 0, one, minsub(g),
			  "rounds-to-x threshold, x > 0");
		threshold(g, C_EQX, 0, mone, neg(g, minsub(g)),
			  "rounds-to-x threshold, x < 0");
		return;
	}
	threshold(g, C_TINY, 0, 0, neg(g, maxf(g)), "subnormal threshold");
	threshold(g, C_ZERO, 0, 0, neg(g, maxf(g)), "underflow threshold");
	threshold(g, C_EQ, one, one, minsub(g), "rounds-to-1 threshold, x > 0");
	threshold(g, C_EQ, one, mone, neg(g, minsub(g)),
		  "rounds-to-1 threshold, x < 0");
	if (!strcmp(g->fn, "exp2")) {
		const int e[] = {esub(f) - 1, esub(f), f->emin - 1,
				 f->emin,     -1,      1,
				 10,	      f->emax, f->emax + 1};
		for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
			note(&g->b, "hot spot: integer");
			put(&g->b, num(g, e[i]), 0);
			note(&g->b, "hot spot: half-integer");
			put(&g->b, num(g, e[i] - 0.5), 0);
		}
	} else if (!strcmp(g->fn, "exp10")) {
		/* 10^k is exact for k up to 22 (10 in float): 5^k fits. */
		int top = f->format == FPC_FMT_BINARY64 ? 22 : 10;
		note(&g->b, "hot spot: integer (exact result)");
		for (int k = 1; k <= top; k++)
			put(&g->b, num(g, k), 0);
		note(&g->b, "hot spot: integer");
		for (int k = 1; k <= 5; k++)
			put(&g->b, num(g, -k), 0);
	}
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
		near1(g, num(g, -1), 3, "-1");
		threshold(g, C_EQX, 0, num(g, 0.5), minsub(g),
			  "rounds-to-x threshold, x > 0");
		threshold(g, C_EQX, 0, num(g, -0.5), neg(g, minsub(g)),
			  "rounds-to-x threshold, x < 0");
		for (int j = 1; j < f->prec; j += 2) {
			note(&g->b, "hot spot: 2^-j");
			put(&g->b, pow2(f, -j), 0);
			note(&g->b, "hot spot: -2^-j");
			put(&g->b, neg(g, pow2(f, -j)), 0);
		}
		near1(g, num(g, 1), 1, "1");
		return;
	}
	near1(g, num(g, 1), 4, "1");
	for (int j = 1; j < f->prec; j++) {
		note(&g->b, "hot spot: 1 + 2^-j");
		put(&g->b, num(g, 1 + ldexp(1, -j)), 0);
	}
	one_minus(g, 0, 1);
	note(&g->b, "hot spot: subnormal");
	put(&g->b, pow2(f, f->emin - 1), 0);
	put(&g->b, pow2(f, esub(f) + f->prec / 2), 0);
	put(&g->b, 3, 0);
	near1(g, minnorm(g), 1, "smallest normal");
	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++)
		near1(g, pow2(f, e[i]), 1, "power of 2");
	/* 10^k = 5^k * 2^k is exact while 5^k fits the significand (k up
	 * to 22 in double, 10 in float); so is each product on the way. */
	p10 = 10;
	for (uint64_t five = 5; five < (uint64_t)1 << f->prec; five *= 5) {
		near1(g, num(g, p10), 1, "power of 10");
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
		near1(g, num(g, p), 1, "perfect %s", cube ? "cube" : "square");
		if (cube)
			near1(g, num(g, -p), 1, "perfect cube");
	}
	for (unsigned long k = 1; k <= 5; k++) {
		uint64_t m = cube ? k * k * k : k * k;
		uint64_t b = m << (s - esub(f));
		if (b < minnorm(g))
			near1(g, b, 1, "exact %s of a subnormal",
			      cube ? "cube" : "square");
	}
	for (int e = -4; e <= 4; e++)
		near1(g, pow2(f, e), 1, "power of 2");
	near1(g, pow2(f, f->emax), 1, "power of 2");
	near1(g, pow2(f, f->emax - 1), 1, "power of 2");
	near1(g, minnorm(g), 1, "smallest normal");
	note(&g->b, "hot spot: subnormal");
	put(&g->b, pow2(f, f->emin - 1), 0);
	put(&g->b, pow2(f, esub(f) + 1), 0);
	put(&g->b, 3, 0);
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
		near1(g, num(g, at[i]), 1, "%s", what[i]);
		near1(g, num(g, -at[i]), 1, "-%s", what[i]);
	}

	if (!strcmp(g->fn, "erf")) {
		threshold(g, C_EQ, one, one, maxf(g), "rounds-to-1 threshold");
		threshold(g, C_EQ, mone, mone, neg(g, maxf(g)),
			  "rounds-to-minus-1 threshold");
		return;
	}
	threshold(g, C_ZERO, 0, one, maxf(g), "underflow threshold");
	threshold(g, C_TINY, 0, one, maxf(g), "subnormal threshold");
	threshold(g, C_EQ, num(g, 2), mone, neg(g, maxf(g)),
		  "rounds-to-2 threshold");
	threshold(g, C_EQ, one, num(g, 0.5), 0, "rounds-to-1 threshold, x > 0");
	threshold(g, C_EQ, one, num(g, -0.5), g->f->sign,
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

	note(&g->b, "hot spot: negative half-integer");
	for (int k = 0; k <= 20; k++)
		put(&g->b, num(g, -k - 0.5), 0);
	for (int i = 0; i < 6; i++)
		put(&g->b, num(g, -big[i] - 0.5), 0);
	for (int n = 1; n <= 20; n++)
		near1(g, num(g, -n), 1, "pole at -%d", n);
	for (int i = 0; i < 6; i++)
		near1(g, num(g, -big[i] - 1), 1,
		      "pole at a large negative integer");
	near1(g, num(g, 1), 3, "1");
	near1(g, num(g, 2), 3, "2");
	threshold(g, C_INF, 0, num(g, 2), maxf(g), "overflow threshold");
	if (lg) {
		/* In (-n-1, -n), n >= 2, |Gamma| dips below 1 (around
		 * -n-0.5) and lgamma has two zeros; near the poles it is
		 * large and positive. */
		for (int n = 2; n <= 5; n++) {
			uint64_t mid = num(g, -n - 0.5), x;
			if (root(g, g->k->fn->mpfr1, mid,
				 num(g, -n - 1 + 0x1p-20), &x))
				near1(g, x, 2, "zero of lgamma in (-%d, -%d)",
				      n + 1, n);
			if (root(g, g->k->fn->mpfr1, mid, num(g, -n - 0x1p-20),
				 &x))
				near1(g, x, 2, "zero of lgamma in (-%d, -%d)",
				      n + 1, n);
		}
	} else {
		threshold(g, C_INF, 0, num(g, 1), minsub(g),
			  "overflow threshold, tiny x");
		threshold(g, C_INF, 0, num(g, -0.5), neg(g, minsub(g)),
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
		 * zero, which root() then finds exactly, so how it rounds
		 * is harmless. */
		double b = (ms[i] + nu / 2.0 - (isy ? 0.75 : 0.25)) *
			   3.14159265358979323846;
		double z = b - (4.0 * nu * nu - 1) / (8 * b);
		uint64_t x;
		if (root(g, g->k->fn->mpfr1, num(g, z - 0.3), num(g, z + 0.3),
			 &x))
			near1(g, x, 2, "zero %d of %s", ms[i], g->fn);
	}
	if (!strcmp(g->fn, "j0"))
		threshold(g, C_EQ, num(g, 1), num(g, 0.5), minsub(g),
			  "rounds-to-1 threshold");
	else if (!strcmp(g->fn, "j1"))
		threshold(g, C_ZERO, 0, num(g, 0.5), 0, "underflow threshold");
	else if (!strcmp(g->fn, "y1"))
		threshold(g, C_INF, 0, num(g, 0.5), minsub(g),
			  "overflow threshold");
	for (int i = 0; i < 6; i++)
		near1(g, pow2(f, f->format == FPC_FMT_BINARY64 ? big64[i] : big32[i]), 1,
		      "large argument");
}

/* Adds (x, y) in the four sign combinations (fmod, atan2, hypot). */
static void quadrants(struct gen *g, uint64_t x, uint64_t y)
{
	put(&g->b, x, y);
	put(&g->b, neg(g, x), y);
	put(&g->b, x, neg(g, y));
	put(&g->b, neg(g, x), neg(g, y));
}

static void hot_atan2(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	const uint64_t one = num(g, 1),
		       axis[] = {one, 1, maxf(g), f->inf, minnorm(g)};

	/* atan2(y, x): the first argument is y. */
	note(&g->b, "hot spot: on an axis");
	for (size_t i = 0; i < sizeof(axis) / sizeof(axis[0]); i++) {
		quadrants(g, 0, axis[i]);
		quadrants(g, axis[i], 0);
	}
	note(&g->b, "hot spot: |y/x| near 1");
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
	note(&g->b, "hot spot: tiny |y/x|");
	quadrants(g, 1, maxf(g));
	quadrants(g, 1, one);
	quadrants(g, minnorm(g), maxf(g));
	quadrants(g, pow2(f, -60), one);
	quadrants(g, one, f->inf);
	note(&g->b, "hot spot: huge |y/x|");
	quadrants(g, maxf(g), 1);
	quadrants(g, one, 1);
	quadrants(g, maxf(g), minnorm(g));
	quadrants(g, one, pow2(f, -60));
	quadrants(g, f->inf, one);
}

/* pow: x near 1 with large |y|, negative x with integer y, the overflow
 * and underflow edges, and the y that have their own code paths. */
static void hot_pow(struct gen *g)
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
	const double xneg[] = {-2, -0.5, -1.5, -3, -10, -(1 + 0x1p-7), -1e-3};
	const double yodd[] = {1, 3, 5, 0x1p20 + 1, 0x1p23 - 1, 0x1p53 - 1};
	const double yeven[] = {2, 4, 0x1p20, 0x1p40, 0x1p53, 0x1p60};
	const double xedge[] = {3, 10, 1.5, 0.75, 1 + 0x1p-8, 0.1};
	const double xhalf[] = {2, 3, 10, 0.25, 4, -2, -8, 0x1p-100, 0.1};
	struct test t = {NULL, mpfr_pow, VARY_Y, 0, C_INF, 0};

	note(&g->b, "hot spot: x near 1, large |y|");
	for (size_t i = 0; i < sizeof(xs1) / sizeof(xs1[0]); i++)
		for (int j = 0; j < 5; j++) {
			int e = dbl ? ey64[j] : ey32[j];
			uint64_t y = pow2(f, e);
			put(&g->b, xs1[i], y);
			put(&g->b, xs1[i], neg(g, y));
			if (e < p - 1) {
				y = num(g, ldexp(1, e) + 0.5);
				put(&g->b, xs1[i], y);
				put(&g->b, xs1[i], neg(g, y));
			}
		}
	for (size_t i = 0; i < sizeof(xneg) / sizeof(xneg[0]); i++) {
		uint64_t x = num(g, xneg[i]);
		for (size_t j = 0; j < 6; j++) {
			/* Odd integers must be exact; even ones always are. */
			if (yodd[j] < ldexp(1, p)) {
				note(&g->b, "hot spot: negative x, odd y");
				put(&g->b, x, num(g, yodd[j]));
				put(&g->b, x, num(g, -yodd[j]));
			}
			note(&g->b, "hot spot: negative x, even y");
			put(&g->b, x, num(g, yeven[j]));
			put(&g->b, x, num(g, -yeven[j]));
		}
		note(&g->b, "hot spot: negative x, non-integer y");
		put(&g->b, x, num(g, 0.5));
		put(&g->b, x, num(g, -1.5));
	}
	note(&g->b, "hot spot: negative x, even y");
	put(&g->b, neg(g, maxf(g)), maxf(g));
	put(&g->b, neg(g, one + 1), maxf(g));
	/* Edges in y for fixed x: from y = +-1 towards +-max, the last y
	 * whose x^y is finite, normal, non-zero. */
	for (size_t i = 0; i < sizeof(xedge) / sizeof(xedge[0]); i++) {
		static const enum cond conds[] = {C_INF, C_TINY, C_ZERO};
		static const char *what[] = {"overflow", "subnormal",
					     "underflow"};
		uint64_t y;
		t.other = num(g, xedge[i]);
		for (int c = 0; c < 3; c++) {
			t.cond = conds[c];
			for (int s = 0; s < 2; s++) {
				uint64_t from = s ? num(g, -1) : one;
				if (edge(g, &t, from,
					 s ? neg(g, maxf(g)) : maxf(g), &y))
					near2(g, t.other, y, VARY_Y, 2,
					      "%s %s threshold in y",
					      g->k->name, what[c]);
			}
		}
	}
	note(&g->b, "hot spot: y = +-0.5, +-1 or +-2");
	for (size_t i = 0; i < sizeof(xhalf) / sizeof(xhalf[0]); i++) {
		static const double ys[] = {0.5, 1, 2};
		for (int j = 0; j < 3; j++) {
			put(&g->b, num(g, xhalf[i]), num(g, ys[j]));
			put(&g->b, num(g, xhalf[i]), num(g, -ys[j]));
		}
	}
	for (int j = 0; j < 3; j++) {
		static const double ys[] = {0.5, 1, 2};
		put(&g->b, maxf(g), num(g, ys[j]));
		put(&g->b, 1, num(g, ys[j]));
		put(&g->b, maxf(g), num(g, -ys[j]));
		put(&g->b, 1, num(g, -ys[j]));
	}
}

static void hot_hypot(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	const uint64_t one = num(g, 1);
	struct test t = {NULL, mpfr_hypot, VARY_XY, 0, C_INF, 0};
	static const double triples[][2] = {
	    {3, 4}, {5, 12}, {8, 15}, {20, 21}, {119, 120}};
	const int scales[] = {0, f->emin, f->emax - 7, esub(f), -f->prec};
	uint64_t a, x;
	mpfr_t m, r2;

	/* max/sqrt(2), where x*x + y*y overflows with x = y; at 128 bits
	 * then rounded once. */
	mpfr_init2(m, 128);
	mpfr_init2(r2, 128);
	mpfr_set_d(m, fpc_bits_value(f->format, maxf(g)), MPFR_RNDN);
	mpfr_sqrt_ui(r2, 2, MPFR_RNDN);
	mpfr_div(m, m, r2, MPFR_RNDN);
	a = round_to(g, m);
	mpfr_clear(m);
	mpfr_clear(r2);
	note(&g->b, "hot spot: x, y near max/sqrt(2)");
	for (int i = -1; i <= 1; i++)
		for (int j = -1; j <= 1; j++)
			put(&g->b, a + (uint64_t)(int64_t)i,
			    a + (uint64_t)(int64_t)j);
	if (edge(g, &t, one, maxf(g), &x)) {
		note(&g->b,
		     "hot spot: x, y within 1 ulp of the %s(x, x) "
		     "overflow threshold",
		     g->k->name);
		for (int i = -1; i <= 1; i++)
			for (int j = -1; j <= 1; j++)
				put(&g->b, x + (uint64_t)(int64_t)i,
				    x + (uint64_t)(int64_t)j);
	}
	note(&g->b, "hot spot: near overflow");
	put(&g->b, maxf(g), maxf(g));
	put(&g->b, maxf(g), maxf(g) - 1);
	put(&g->b, maxf(g), one);
	put(&g->b, maxf(g), 1);
	/* hypot(1, y) = 1 + y^2/2 rounds to 1 below about 2^((1-p)/2). */
	t.vary = VARY_Y;
	t.other = one;
	t.cond = C_EQ;
	t.c = one;
	if (edge(g, &t, num(g, 0.5), minsub(g), &x))
		near2(g, one, x, VARY_Y, 2, "%s(1, y) rounds-to-1 threshold",
		      g->k->name);
	note(&g->b, "hot spot: one argument much larger");
	for (int e = 1; e <= 2 * f->prec + 2; e += 3) {
		put(&g->b, one, pow2(f, -e));
		put(&g->b, pow2(f, e), one);
	}
	note(&g->b, "hot spot: subnormal pair");
	put(&g->b, 1, 1);
	put(&g->b, 3, 4);
	put(&g->b, minnorm(g) - 1, minnorm(g) - 1);
	put(&g->b, minnorm(g), minnorm(g));
	put(&g->b, minnorm(g) - 1, minnorm(g));
	put(&g->b, 1, minnorm(g) - 1);
	note(&g->b, "hot spot: Pythagorean triple");
	for (size_t i = 0; i < sizeof(triples) / sizeof(triples[0]); i++)
		for (size_t s = 0; s < sizeof(scales) / sizeof(int); s++) {
			/* Scaled by a power of 2, when both stay exact. */
			double u = ldexp(triples[i][0], scales[s]);
			double v = ldexp(triples[i][1], scales[s]);
			if (exact(g, u) && exact(g, v))
				quadrants(g, num(g, u), num(g, v));
		}
}

static void hot_fmod(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	const uint64_t one = num(g, 1);
	const uint64_t pi = const_times(g, mpfr_const_pi, 1, 1);
	const uint64_t tenth = num(g, 0.1);
	const uint64_t ys[] = {tenth, pi, num(g, 3), one + 1};
	const double ks[] = {3, 10, 1048577, 0x1p40};
	mpfr_t v;

	note(&g->b, "hot spot: large quotient");
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
			mpfr_set_d(v, fpc_bits_value(f->format, ys[i]), MPFR_RNDN);
			mpfr_mul_d(v, v, ks[j], MPFR_RNDN);
			x = round_to(g, v);
			near2(g, x, ys[i], VARY_X, 1, "x near a multiple of y");
			near2(g, neg(g, x), ys[i], VARY_X, 1,
			      "x near a multiple of y");
		}
	mpfr_clear(v);
	note(&g->b, "hot spot: subnormal y");
	quadrants(g, one, 1);
	quadrants(g, one, 3);
	quadrants(g, minnorm(g), 3);
	quadrants(g, 5, 2);
	quadrants(g, maxf(g), minnorm(g) - 1);
	note(&g->b, "hot spot: |x| < |y|");
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

/* ---- hard cases -------------------------------------------------------- */

static void add_hard(struct gen *g)
{
	for (size_t i = 0; i < fpc_corpus_hardcase_count(); i++) {
		const struct fpc_corpus_hardcase *h = fpc_corpus_hardcase_at(i);
		if (strcmp(h->kernel, g->k->name) ||
		    h->format != g->f->format || h->arity != g->b.arity)
			continue;
		note(&g->b, "hard case: %s", h->source);
		put(&g->b, fpc_corpus_hardcase_bits(h, 0),
		    fpc_corpus_hardcase_bits(h, 1));
	}
}

/* ---- random samples ---------------------------------------------------- */

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

static void resolve(const struct fpc_fmt_desc *f, const struct range *r, int *lo,
		    int *hi)
{
	*lo = r->elo == E_SUB ? esub(f) : r->elo;
	if (r->ehi == E_TOP)
		*hi = f->emax + 1;
	else if (r->ehi == E_NORM)
		*hi = f->emin;
	else
		*hi = r->ehi;
}

/* Draws one value from r into *b; 0 if r rejects too much (a table bug). */
static int draw(struct gen *g, const struct range *r, uint64_t *b)
{
	const struct fpc_fmt_desc *f = g->f;
	int lo, hi;

	resolve(f, r, &lo, &hi);
	for (int tries = 0; tries < 1000; tries++) {
		int e = lo + (int)below(g->rng, (uint64_t)(hi - lo));
		uint64_t frac = next(g->rng) >> (64 - (f->prec - 1)), x;
		double v;
		if (e >= f->emin) {
			x = (uint64_t)(e - f->emin + 1) << (f->prec - 1) | frac;
		} else {
			/* Subnormal binade: fewer significand bits. */
			int s = e - esub(f);
			x = (uint64_t)1 << s | frac >> (f->prec - 1 - s);
		}
		if (!r->positive && next(g->rng) >> 63)
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
static void describe(const struct fpc_fmt_desc *f, const struct range *r, char *s,
		     size_t n)
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
 * pow: x log-uniform over (0, max] with y log-uniform under a bound that
 * keeps |y * log2(x)| below the exponent range, so x^y is mostly finite
 * and non-zero; an eighth of them negative x with integer y; the wide
 * share both log-uniform over everything.
 */
static void random_pow(struct gen *g, unsigned nprim, unsigned nwide)
{
	const struct fpc_fmt_desc *f = g->f;
	const struct range all = ALL, allp = ALLP;
	const int dbl = f->format == FPC_FMT_BINARY64;
	const struct range xneg = RP(dbl ? -8 : -4, dbl ? 8 : 4);
	const unsigned nneg = nprim / 8, ey = dbl ? 7 : 5;
	char s[128];
	uint64_t x, y;

	note(&g->b,
	     "random: x log-uniform over (0, max], y log-uniform with "
	     "|y*log2(x)| < %d",
	     f->emax + 1);
	for (unsigned i = 0; i < nprim - nneg; i++) {
		/* |log2(x)| < |e| + 1, so |y| < 2^top <= (emax+1)/(|e|+1). */
		int e, top = 0;
		if (!draw(g, &allp, &x))
			continue;
		e = exponent(f, x);
		while ((2 << top) <= (f->emax + 1) / (abs(e) + 1))
			top++;
		struct range ry = R(-20, top);
		if (draw(g, &ry, &y))
			put(&g->b, x, y);
	}
	describe(f, &xneg, s, sizeof(s));
	note(&g->b, "random: x in -%s, y integer in +-[1, 2^%u)", s, ey);
	for (unsigned i = 0; i < nneg; i++) {
		uint64_t e = below(g->rng, ey), n;
		if (!draw(g, &xneg, &x))
			continue;
		n = ((uint64_t)1 << e) + below(g->rng, (uint64_t)1 << e);
		y = num(g, (double)n);
		if (next(g->rng) >> 63)
			y = neg(g, y);
		put(&g->b, neg(g, x), y);
	}
	describe(f, &all, s, sizeof(s));
	note(&g->b, "random: x, y log-uniform over %s", s);
	for (unsigned i = 0; i < nwide; i++)
		if (draw(g, &all, &x) && draw(g, &all, &y))
			put(&g->b, x, y);
}

static void add_random(struct gen *g, unsigned n)
{
	const int fi = g->f->format == FPC_FMT_BINARY64 ? 0 : 1;
	const unsigned nwide = n / 4, nprim = n - nwide;
	const struct sampling *s = NULL;

	for (size_t i = 0; i < sizeof(samplings) / sizeof(samplings[0]); i++)
		if (!strcmp(samplings[i].fn, g->fn))
			s = &samplings[i];
	if (!s)
		return;
	if (!strcmp(g->fn, "pow")) {
		random_pow(g, nprim, nwide);
		return;
	}
	for (int w = 0; w < 2; w++) {
		const struct range *rx = &s->x[fi][w];
		const struct range *ry = w ? rx : &s->y[fi];
		char dx[128], dy[128];
		describe(g->f, rx, dx, sizeof(dx));
		if (g->b.arity > 1) {
			describe(g->f, ry, dy, sizeof(dy));
			note(&g->b, "random: x log-uniform over %s, y over %s",
			     dx, dy);
		} else {
			note(&g->b, "random: log-uniform over %s", dx);
		}
		for (unsigned i = 0; i < (w ? nwide : nprim); i++) {
			uint64_t x, y = 0;
			if (draw(g, rx, &x) &&
			    (g->b.arity < 2 || draw(g, ry, &y)))
				put(&g->b, x, y);
		}
	}
}

/* ---- the driver --------------------------------------------------------- */

/* gen_kernel's report that a kernel got no input at all. */
#define NO_INPUT 1

/* A user file parsed for one (format, arity), shared by its kernels. */
struct user {
	int done;
	uint64_t *in[2];
	uint32_t n;
};

void fpc_corpus_rng_init(uint64_t rng[4], uint64_t seed, const char *name)
{
	uint64_t s = seed ^ fpc_fnv1a64(FPC_FNV1A64_INIT, name, strlen(name));

	for (int i = 0; i < 4; i++)
		rng[i] = splitmix64(&s);
}

uint64_t fpc_corpus_rng_next(uint64_t rng[4])
{
	return next(rng);
}

static int gen_kernel(const struct fpc_kernel *k,
		      const struct fpc_corpus_options *o, const struct user *u,
		      struct fpc_corpus_kernel *out)
{
	struct gen g;
	int err;

	memset(&g, 0, sizeof(g));
	g.f = fpc_fmt_desc(k->format);
	g.k = k;
	g.fn = k->fn->name;
	g.b.arity = k->fn->arity;
	fpc_corpus_rng_init(g.rng, o->seed, k->name);
	mpfr_init2(g.x, 64);
	mpfr_init2(g.y, 64);
	mpfr_init2(g.r, g.f->prec);
	if (!u || o->with_builtin) {
		if (g.b.arity > 1)
			specials2(&g);
		else
			specials1(&g);
		for (size_t i = 0; i < sizeof(hots) / sizeof(hots[0]); i++)
			if (!strcmp(hots[i].fn, g.fn))
				hots[i].add(&g);
		add_hard(&g);
		add_random(&g, o->random);
	}
	if (u) {
		note(&g.b, "user: %s", o->inputs);
		for (uint32_t i = 0; i < u->n; i++)
			put(&g.b, u->in[0][i], g.b.arity > 1 ? u->in[1][i] : 0);
	}
	mpfr_clear(g.x);
	mpfr_clear(g.y);
	mpfr_clear(g.r);
	if (!(err = g.b.err) && !g.b.n)
		err = NO_INPUT;
	if (err) {
		build_release(&g.b);
		return err;
	}
	memset(out, 0, sizeof(*out));
	snprintf(out->data.name, sizeof(out->data.name), "%s", k->name);
	out->data.in_format = out->data.out_format = (uint8_t)k->format;
	out->data.arity = (uint8_t)g.b.arity;
	out->data.n = g.b.n;
	for (unsigned a = 0; a < g.b.arity; a++)
		out->data.in[a] = g.b.in[a];
	out->origin = g.b.origin;
	out->notes = g.b.notes;
	out->nnotes = g.b.nnotes;
	free(g.b.slot);
	free(g.b.noteslot);
	return 0;
}

static int check_options(const struct fpc_corpus_options *o, char *detail,
			 size_t detail_len)
{
	size_t prev = 0;

	if (!o || !o->kernels || !o->nkernels) {
		snprintf(detail, detail_len, "no kernel selected");
		return FPC_ERR_ARG;
	}
	if (o->image_w > FPC_RENDER_MAX_SIDE || o->image_h > FPC_RENDER_MAX_SIDE) {
		snprintf(detail, detail_len,
			 "images are at most %ux%u pixels", FPC_RENDER_MAX_SIDE,
			 FPC_RENDER_MAX_SIDE);
		return FPC_ERR_ARG;
	}
	for (size_t i = 0; i < o->nkernels; i++) {
		const struct fpc_kernel *k = o->kernels[i];
		size_t idx;
		if (!k || fpc_kernel_find(k->name) != k || k->fn->arity < 1 ||
		    k->fn->arity > FPC_MAX_ARITY) {
			snprintf(detail, detail_len,
				 "invalid kernel selection");
			return FPC_ERR_ARG;
		}
		idx = fpc_kernel_index(k);
		if (i && idx <= prev) {
			snprintf(detail, detail_len,
				 "kernels must be distinct, in table order");
			return FPC_ERR_ARG;
		}
		prev = idx;
	}
	return 0;
}

/* Expression, reduction and render kernels have their own recipes. */
static int own_recipe(const struct fpc_function *fn)
{
	return fn->family == FPC_FAMILY_EXPR ||
	       fn->family == FPC_FAMILY_REDUCE ||
	       fn->family == FPC_FAMILY_RENDER;
}

static int gen_own_recipe(const struct fpc_kernel *k,
			  const struct fpc_corpus_options *o,
			  struct fpc_corpus_kernel *out)
{
	switch (k->fn->family) {
	case FPC_FAMILY_RENDER:
		return fpc_corpus_gen_render(k, o, out);
	case FPC_FAMILY_REDUCE:
		return fpc_corpus_gen_reduce(k, o, out);
	default:
		return fpc_corpus_gen_expr(k, o, out);
	}
}

/*
 * See corpus.h.  o->kernels must be distinct kernels of the table in table
 * order (FPC_ERR_ARG otherwise).  The user's file is read once per
 * (format, arity) and shared by the kernels that need it.  MPFR's
 * exponent range and flags are as they were on return.
 */
int fpc_corpus_generate(struct fpc_corpus *c,
			const struct fpc_corpus_options *o, char *detail,
			size_t detail_len)
{
	struct user users[2][2];
	mpfr_flags_t flags = mpfr_flags_save();
	char scratch[8];
	int err, e;

	memset(c, 0, sizeof(*c));
	memset(users, 0, sizeof(users));
	if (!detail || !detail_len) {
		detail = scratch;
		detail_len = sizeof(scratch);
	}
	detail[0] = 0;
	if ((err = check_options(o, detail, detail_len)))
		return err;
	if (!(c->k = calloc(o->nkernels, sizeof(*c->k))))
		return FPC_ERR_NOMEM;
	c->seed = o->seed;
	c->hash = FPC_FNV1A64_INIT;
	for (size_t i = 0; i < o->nkernels && !err; i++) {
		const struct fpc_kernel *k = o->kernels[i];
		struct user *u = NULL;
		if (own_recipe(k->fn) && !o->inputs) {
			c->n = i + 1;
			err = gen_own_recipe(k, o, &c->k[i]);
			if (!err)
				c->hash = fpc_kdata_hash(c->hash, &c->k[i].data);
			continue;
		}
		/* Input files have one or two columns, and the recipes
		 * --with-builtin would add are the libm functions'. */
		if (o->inputs &&
		    (k->fn->arity > 2 || k->fn->family == FPC_FAMILY_RENDER ||
		     (own_recipe(k->fn) && o->with_builtin))) {
			snprintf(detail, detail_len,
				 "'%s' cannot take inputs from a file (leave "
				 "it out of --functions)",
				 k->name);
			err = FPC_ERR_ARG;
			break;
		}
		if (o->inputs) {
			u = &users[k->format == FPC_FMT_BINARY64]
				  [k->fn->arity - 1];
			if (!u->done) {
				u->done = 1;
				err = fpc_corpus_parse_inputs(
				    o->inputs, k->format, k->fn->arity, u->in,
				    &u->n, detail, detail_len);
				if (err)
					break;
			}
		}
		c->n = i + 1;
		err = gen_kernel(k, o, u, &c->k[i]);
		if (err == NO_INPUT) {
			snprintf(detail, detail_len,
				 "no input for '%s' in %s (it takes %u "
				 "column%s)",
				 k->name, o->inputs ? o->inputs : "the corpus",
				 k->fn->arity, k->fn->arity > 1 ? "s" : "");
			err = FPC_ERR_ARG;
		} else if (err == FPC_ERR_ARG) {
			snprintf(detail, detail_len,
				 "too many inputs or notes for '%s'", k->name);
		} else if (!err) {
			c->hash = fpc_kdata_hash(c->hash, &c->k[i].data);
		}
	}
	e = errno;
	for (int f = 0; f < 2; f++)
		for (int a = 0; a < 2; a++)
			for (int j = 0; j < 2; j++)
				free(users[f][a].in[j]);
	if (err)
		fpc_corpus_release(c);
	mpfr_flags_restore(flags, MPFR_FLAGS_ALL);
	errno = e;
	return err;
}
