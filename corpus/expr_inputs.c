/*
 * Corpus of the expression kernels (fma, mad, det2, dot3, horner): tuples
 * of special values, cancellation cases where contraction and excess
 * precision change the result most (a*b + c with c = -RN(a*b) leaves only
 * the product's rounding error, which a fused multiply-add keeps and a
 * plain evaluation loses), and log-uniform random tuples.
 *
 * Everything is computed from integer bit patterns or with volatile
 * stores, so the corpus is the same whatever compiler built fpcheck and
 * whether it contracts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus_impl.h"
#include "fpcheck/corpus.h"
#include "fpcheck/error.h"
#include "fpcheck/ulp.h"
#include "rng.h"

#include <mpfr.h>

struct tuples {
	const struct fpc_kernel *k;
	unsigned fmt, arity;
	uint32_t n, cap;
	uint64_t *in[FPC_MAX_ARITY];
	uint16_t *origin;
	char **notes;
	size_t nnotes;
	uint64_t rng[4];
	uint32_t *set;     /* open addressing: input index + 1, 0 empty */
	uint32_t set_mask; /* table size - 1, a power of two */
	int err;
};

static int note(struct tuples *t, const char *text)
{
	char **n;

	if (t->err)
		return t->err;
	if (t->nnotes && !strcmp(t->notes[t->nnotes - 1], text))
		return 0;
	if (!(n = realloc(t->notes, (t->nnotes + 1) * sizeof(*n))) ||
	    !(n[t->nnotes] = strdup(text)))
		return t->err = FPC_ERR_NOMEM;
	t->notes = n;
	t->nnotes++;
	return 0;
}

static uint32_t tuple_hash(const struct tuples *t, const uint64_t *v)
{
	return (uint32_t)fpc_fnv1a64(FPC_FNV1A64_INIT, v,
				     t->arity * sizeof(uint64_t));
}

static int same_tuple(const struct tuples *t, uint32_t i, const uint64_t *v)
{
	for (unsigned a = 0; a < t->arity; a++)
		if (t->in[a][i] != v[a])
			return 0;
	return 1;
}

/* Is the tuple v already among the inputs?  If not, and room is wanted,
 * *slot is where its index goes. */
static int seen(const struct tuples *t, const uint64_t *v, uint32_t *slot)
{
	uint32_t h = tuple_hash(t, v) & t->set_mask;

	while (t->set[h]) {
		if (same_tuple(t, t->set[h] - 1, v))
			return 1;
		h = (h + 1) & t->set_mask;
	}
	*slot = h;
	return 0;
}

/* Doubles the hash set when it is half full. */
static int grow_set(struct tuples *t)
{
	uint32_t size = t->set ? 2 * (t->set_mask + 1) : 4096, *old = t->set;
	uint32_t old_size = t->set ? t->set_mask + 1 : 0;

	if (t->set && 2 * t->n < t->set_mask + 1)
		return 0;
	if (!(t->set = calloc(size, sizeof(*t->set)))) {
		t->set = old;
		return t->err = FPC_ERR_NOMEM;
	}
	t->set_mask = size - 1;
	for (uint32_t i = 0; i < old_size; i++)
		if (old[i]) {
			uint32_t h = 0, idx = old[i] - 1;
			uint64_t v[FPC_MAX_ARITY];
			for (unsigned a = 0; a < t->arity; a++)
				v[a] = t->in[a][idx];
			h = tuple_hash(t, v) & t->set_mask;
			while (t->set[h])
				h = (h + 1) & t->set_mask;
			t->set[h] = old[i];
		}
	free(old);
	return 0;
}

/* Adds v under the latest note, unless it is already there. */
static void put(struct tuples *t, const uint64_t *v)
{
	uint32_t slot;

	if (t->err || grow_set(t) || seen(t, v, &slot))
		return;
	t->set[slot] = t->n + 1;
	if (t->n == t->cap) {
		uint32_t cap = t->cap ? 2 * t->cap : 1024;
		for (unsigned a = 0; a < t->arity; a++) {
			uint64_t *p = realloc(t->in[a], cap * sizeof(*p));
			if (!p) {
				t->err = FPC_ERR_NOMEM;
				return;
			}
			t->in[a] = p;
		}
		uint16_t *o = realloc(t->origin, cap * sizeof(*o));
		if (!o) {
			t->err = FPC_ERR_NOMEM;
			return;
		}
		t->origin = o;
		t->cap = cap;
	}
	for (unsigned a = 0; a < t->arity; a++)
		t->in[a][t->n] = v[a];
	t->origin[t->n++] = (uint16_t)(t->nnotes - 1);
}

/* Adds v with a new note, unless it is already there. */
static void put_noted(struct tuples *t, const char *text, const uint64_t *v)
{
	uint32_t slot;

	if (t->err || grow_set(t) || seen(t, v, &slot))
		return;
	note(t, text);
	put(t, v);
}

/* ---- values ---------------------------------------------------------- */

static double val(const struct tuples *t, uint64_t b)
{
	return fpc_bits_value(t->fmt, b);
}

static uint64_t bits(const struct tuples *t, double x)
{
	return fpc_bits_from_double(t->fmt, x);
}

/* sign * m * 2^e with m uniform in [1, 2), e uniform in [lo, hi]. */
static uint64_t loguniform(struct tuples *t, int lo, int hi)
{
	unsigned p = fpc_fmt_precision(t->fmt);
	uint64_t r = fpc_corpus_rng_next(t->rng);
	int e = lo + (int)(fpc_corpus_rng_next(t->rng) % (uint64_t)(hi - lo + 1));
	int bias = t->fmt == FPC_FMT_BINARY32 ? 127 : 1023;
	uint64_t mant = r & ((UINT64_C(1) << (p - 1)) - 1);
	uint64_t sign = (r >> 63) ? UINT64_C(1) << (t->fmt == FPC_FMT_BINARY32
							  ? 31
							  : 63)
				 : 0;

	return sign | (uint64_t)(e + bias) << (p - 1) | mant;
}

/* A random component: mostly moderate magnitudes, some over the whole
 * normal range. */
static uint64_t component(struct tuples *t, int wide)
{
	int emax = t->fmt == FPC_FMT_BINARY32 ? 127 : 1023;
	return wide ? loguniform(t, -emax + 1, emax) : loguniform(t, -8, 8);
}

/* ---- recipes --------------------------------------------------------- */

static void specials(struct tuples *t)
{
	const int f32 = t->fmt == FPC_FMT_BINARY32;
	const uint64_t sign = f32 ? 0x80000000u : UINT64_C(0x8000000000000000);
	const uint64_t inf = f32 ? 0x7f800000u : UINT64_C(0x7ff0000000000000);
	const uint64_t max = inf - 1, one = bits(t, 1.0), two = bits(t, 2.0);
	const uint64_t qnan = f32 ? 0x7fc00000u : UINT64_C(0x7ff8000000000000);
	const uint64_t vals[] = {0,   sign,	  one, one | sign, inf,
				 inf | sign, qnan, max, 1,	   two};
	static const char *names[] = {"+0",  "-0",  "1",   "-1",
				      "inf", "-inf", "nan", "the largest finite",
				      "the smallest subnormal", "2"};
	char buf[128];
	uint64_t v[FPC_MAX_ARITY];

	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		snprintf(buf, sizeof(buf), "special: every argument %s",
			 names[i]);
		for (unsigned a = 0; a < t->arity; a++)
			v[a] = vals[i];
		put_noted(t, buf, v);
	}
	/* Overflowing and exact-zero products, infinities against zeros. */
	for (unsigned a = 0; a < t->arity; a++)
		v[a] = a % 2 ? max : max | (a % 4 == 2 ? sign : 0);
	put_noted(t, "special: largest finite products, opposite signs", v);
	for (unsigned a = 0; a < t->arity; a++)
		v[a] = a % 2 ? 0 : inf;
	put_noted(t, "special: infinity times zero", v);
	for (unsigned a = 0; a < t->arity; a++)
		v[a] = a % 3 == 1 ? sign : 0;
	put_noted(t, "special: signed zeros", v);
}

/* The sign of the kernel's exact value at x (one argument). */
static int sign_at(const struct tuples *t, uint64_t x)
{
	mpfr_t mx, y;
	mpfr_srcptr xs[1];
	int s;

	mpfr_init2(mx, (mpfr_prec_t)fpc_fmt_precision(t->fmt));
	mpfr_init2(y, 64);
	mpfr_set_d(mx, val(t, x), MPFR_RNDN);
	xs[0] = mx;
	t->k->fn->mpfrn(y, xs, MPFR_RNDN); /* correctly rounded: right sign */
	s = mpfr_sgn(y);
	mpfr_clear(mx);
	mpfr_clear(y);
	return s;
}

static uint64_t from_ordinal(const struct tuples *t, int64_t o)
{
	uint64_t sign = t->fmt == FPC_FMT_BINARY32 ? 0x80000000u
						   : UINT64_C(0x8000000000000000);
	return o >= 0 ? (uint64_t)o : sign | (uint64_t)-o;
}

/* Near a root of the polynomial the result is all cancellation: the
 * Taylor polynomial of exp of odd degree has one real root, in
 * (-4, -1), found by bisection on the exact value's sign. */
static void polynomial_root(struct tuples *t)
{
	int64_t lo = fpc_ulp_ordinal(t->fmt, bits(t, -4.0));
	int64_t hi = fpc_ulp_ordinal(t->fmt, bits(t, -1.0));
	int slo = sign_at(t, from_ordinal(t, lo));
	char buf[128];

	if (slo == 0 || slo == sign_at(t, from_ordinal(t, hi)))
		return;
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;
		if (sign_at(t, from_ordinal(t, mid)) == slo)
			lo = mid;
		else
			hi = mid;
	}
	for (int k = -32; k <= 32; k++) {
		uint64_t v[1] = {from_ordinal(t, lo + k)};
		snprintf(buf, sizeof(buf),
			 "hot spot: the polynomial's root, %+d ulp", k);
		put_noted(t, buf, v);
	}
}

/* Cases that cancel: the result is far smaller than the terms, so it is
 * made of their rounding errors, which contraction and excess precision
 * change. */
/* Kernels of the shape x[i] x[j] + s x[k] x[l], made to cancel by
 * x[l] = RN(-s x[i] x[j] / x[k]). */
static const struct two_products {
	const char *fn;
	int i, j, s, k, l;
	const char *note;
} two_products[] = {
    {"cmulre", 0, 2, -1, 1, 3, "hot spot: a*c - b*d with d = RN(a*c/b)"},
    {"cmulim", 0, 3, 1, 1, 2, "hot spot: a*d + b*c with c = RN(-a*d/b)"},
    {"cross", 1, 5, -1, 2, 4,
     "hot spot: a1*b2 - a2*b1 with b1 = RN(a1*b2/a2), nearly parallel"},
    {"raydisc", 0, 0, -1, 1, 2,
     "hot spot: b*b - a*c with c = RN(b*b/a), a nearly tangent ray"},
};

static void cancel_two_products(struct tuples *t, const struct two_products *p,
				uint32_t n)
{
	uint64_t v[FPC_MAX_ARITY];

	note(t, p->note);
	for (uint32_t i = 0; i < n; i++) {
		volatile double x;

		for (unsigned a = 0; a < t->arity; a++)
			v[a] = component(t, 0);
		/* Rounded to the format at each step, as in cancellation. */
		x = val(t, v[p->i]) * val(t, v[p->j]);
		x = x / val(t, v[p->k]);
		v[p->l] = bits(t, p->s < 0 ? x : -x);
		put(t, v);
	}
}

static void cancellation(struct tuples *t, uint32_t n)
{
	const char *fn = t->k->fn->name;
	uint64_t v[FPC_MAX_ARITY];
	char buf[160];

	for (size_t i = 0; i < sizeof(two_products) / sizeof(two_products[0]);
	     i++)
		if (!strcmp(fn, two_products[i].fn)) {
			cancel_two_products(t, &two_products[i], n);
			return;
		}

	if (!strcmp(fn, "mad") || !strcmp(fn, "fma"))
		snprintf(buf, sizeof(buf), "hot spot: a*b + c with c = -RN(a*b)");
	else if (!strcmp(fn, "det2"))
		snprintf(buf, sizeof(buf),
			 "hot spot: a*d - b*c with d = RN(b*c/a)");
	else if (!strcmp(fn, "dot3"))
		snprintf(buf, sizeof(buf),
			 "hot spot: dot product with b2 = RN(-(a0 b0 + a1 b1)/a2)");
	else {
		polynomial_root(t);
		return;
	}
	note(t, buf);
	for (uint32_t i = 0; i < n; i++) {
		volatile double x;

		for (unsigned a = 0; a < t->arity; a++)
			v[a] = component(t, 0);
		/* Each step rounds to the format: a double operation, then a
		 * conversion for binary32 (exact products of floats fit a
		 * double, so this is one rounding of the float product). */
		if (t->arity == 3) {
			x = val(t, v[0]) * val(t, v[1]);
			v[2] = bits(t, -x); /* c = -RN(a*b) */
		} else if (t->arity == 4) {
			x = val(t, v[1]) * val(t, v[2]);
			x = x / val(t, v[0]);
			v[3] = bits(t, x);
		} else {
			volatile double s = val(t, v[0]) * val(t, v[3]);
			x = val(t, v[1]) * val(t, v[4]);
			s = s + x;
			v[5] = bits(t, -s / val(t, v[2]));
		}
		put(t, v);
	}
}

static void randoms(struct tuples *t, uint32_t n)
{
	uint64_t v[FPC_MAX_ARITY];
	uint32_t wide = n / 8;
	char buf[128];

	snprintf(buf, sizeof(buf), "random: log-uniform in +-[2^-8, 2^9)");
	note(t, buf);
	for (uint32_t i = 0; i < n - wide; i++) {
		for (unsigned a = 0; a < t->arity; a++)
			v[a] = component(t, 0);
		put(t, v);
	}
	note(t, "random: log-uniform over the normal range");
	for (uint32_t i = 0; i < wide; i++) {
		for (unsigned a = 0; a < t->arity; a++)
			v[a] = component(t, 1);
		put(t, v);
	}
}

int fpc_corpus_gen_expr(const struct fpc_kernel *k,
			const struct fpc_corpus_options *o,
			struct fpc_corpus_kernel *out)
{
	struct tuples t = {.k = k, .fmt = k->format, .arity = k->fn->arity};

	fpc_corpus_rng_init(t.rng, o->seed, k->name);
	specials(&t);
	cancellation(&t, o->random / 4);
	randoms(&t, o->random);
	free(t.set);
	memset(out, 0, sizeof(*out));
	if (t.err) {
		for (unsigned a = 0; a < t.arity; a++)
			free(t.in[a]);
		free(t.origin);
		for (size_t i = 0; i < t.nnotes; i++)
			free(t.notes[i]);
		free(t.notes);
		return t.err;
	}
	snprintf(out->data.name, sizeof(out->data.name), "%s", k->name);
	out->data.in_format = out->data.out_format = (uint8_t)k->format;
	out->data.arity = (uint8_t)t.arity;
	out->data.n = t.n;
	for (unsigned a = 0; a < t.arity; a++)
		out->data.in[a] = t.in[a];
	out->origin = t.origin;
	out->notes = t.notes;
	out->nnotes = t.nnotes;
	return 0;
}
