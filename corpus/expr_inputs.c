/*
 * Corpus of the expression kernels (fpcheck/kernels/exprs.def): tuples
 * of special values, cancellation cases where contraction and excess
 * precision change the result most (a*b + c with c = -RN(a*b) leaves only
 * the product's rounding error, which a fused multiply-add keeps and a
 * plain evaluation loses), and log-uniform random tuples.  Which argument
 * makes a kernel cancel follows from its shape, in kernels/products.def.
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
	const struct fpc_fmt_desc *f;
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
	unsigned p = (unsigned)t->f->prec;
	uint64_t r = fpc_corpus_rng_next(t->rng);
	int e = lo + (int)(fpc_corpus_rng_next(t->rng) % (uint64_t)(hi - lo + 1));
	int bias = t->f->emax; /* IEEE 754: the exponent bias is emax */
	uint64_t mant = r & ((UINT64_C(1) << (p - 1)) - 1);
	uint64_t sign = (r >> 63) ? t->f->sign : 0;

	return sign | (uint64_t)(e + bias) << (p - 1) | mant;
}

/* A random component: mostly moderate magnitudes, some over the whole
 * normal range. */
static uint64_t component(struct tuples *t, int wide)
{
	int emax = t->f->emax;
	return wide ? loguniform(t, -emax + 1, emax) : loguniform(t, -8, 8);
}

/* ---- recipes --------------------------------------------------------- */

static void specials(struct tuples *t)
{
	const uint64_t sign = t->f->sign, inf = t->f->inf, qnan = t->f->qnan;
	const uint64_t max = inf - 1, one = bits(t, 1.0), two = bits(t, 2.0);
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

	mpfr_init2(mx, (mpfr_prec_t)t->f->prec);
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
	return o >= 0 ? (uint64_t)o : t->f->sign | (uint64_t)-o;
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

/*
 * Cases that cancel: the result is far smaller than the terms, so it is
 * made of their rounding errors, which contraction and excess precision
 * change.  Each kernel built of products (kernels/products.def) cancels
 * when one argument is solved for from the others, by its recipe.
 */
enum recipe {
	/* x[k] = -RN(x[i] x[j]) */
	CANCEL_MAD,
	/* x[l] = RN(-s x[i] x[j] / x[k]) for x[i] x[j] + s x[k] x[l]: idx
	 * (i, j, k, l) holds the argument solved for last */
	CANCEL_TWO_PRODUCTS,
	/* x[j2] = RN(-(x[i0] x[j0] + x[i1] x[j1]) / x[i2]) */
	CANCEL_DOT3
};

static const struct hot_spot {
	const char *fn;
	enum recipe recipe;
	int idx[6]; /* the arguments, in the recipe's order */
	int s;	    /* two products: the sign of the second */
	const char *note;
} hot_spots[] = {
#define FPC_MAD(name, n, i, j, k, ni, nj, nk)                                  \
	{#name,                                                                \
	 CANCEL_MAD,                                                           \
	 {i, j, k},                                                            \
	 0,                                                                    \
	 "hot spot: " ni "*" nj " + " nk " with " nk " = -RN(" ni "*" nj ")"},
/* Solving for l keeps the products in order, solving for j swaps them.
 * The solved argument is RN(-s ...): "-" shows after plus only. */
#define SOLVE_l(i, j, k, l)	      i, j, k, l
#define SOLVE_j(i, j, k, l)	      k, l, i, j
#define SOLVED_l(ni, nj, nk, nl, sgn) nl " = RN(" sgn ni "*" nj "/" nk ")"
#define SOLVED_j(ni, nj, nk, nl, sgn) nj " = RN(" sgn nk "*" nl "/" ni ")"
#define MINUS_S_minus		      ""
#define MINUS_S_plus		      "-"
#define FPC_TWO_PRODUCTS(name, n, i, j, op, k, l, ni, nj, nk, nl, solve,       \
			 cancels)                                              \
	{#name,                                                                \
	 CANCEL_TWO_PRODUCTS,                                                  \
	 {SOLVE_##solve(i, j, k, l)},                                          \
	 FPC_SIGN(op),                                                         \
	 "hot spot: " ni "*" nj FPC_OP_TEXT(op) nk                             \
	 "*" nl " with " SOLVED_##solve(ni, nj, nk, nl, MINUS_S_##op)          \
	     cancels},
#define FPC_DOT3(name, n, i0, j0, i1, j1, i2, j2, ni0, nj0, ni1, nj1, ni2,     \
		 nj2)                                                          \
	{#name,                                                                \
	 CANCEL_DOT3,                                                          \
	 {i0, j0, i1, j1, i2, j2},                                             \
	 0,                                                                    \
	 "hot spot: dot product with " nj2 " = RN(-(" ni0 " " nj0 " + " ni1    \
	 " " nj1 ")/" ni2 ")"},
#include "kernels/products.def"
#undef FPC_MAD
#undef FPC_TWO_PRODUCTS
#undef FPC_DOT3
};

/* The recipe of the function fn, or NULL. */
static const struct hot_spot *hot_spot(const char *fn)
{
	/* fma(a, b, c) is mad's a*b + c fused: the same inputs cancel. */
	if (!strcmp(fn, "fma"))
		fn = "mad";
	for (size_t i = 0; i < sizeof(hot_spots) / sizeof(hot_spots[0]); i++)
		if (!strcmp(fn, hot_spots[i].fn))
			return &hot_spots[i];
	return NULL;
}

/* Solves for the argument of v that h's recipe names.  Each step rounds
 * to the format: a double operation, then a conversion for binary32
 * (exact products of floats fit a double, so this is one rounding of the
 * float product). */
static void cancel(const struct tuples *t, const struct hot_spot *h,
		   uint64_t *v)
{
	const int *x = h->idx;
	volatile double p, s;

	switch (h->recipe) {
	case CANCEL_MAD:
		p = val(t, v[x[0]]) * val(t, v[x[1]]);
		v[x[2]] = bits(t, -p);
		break;
	case CANCEL_TWO_PRODUCTS:
		p = val(t, v[x[0]]) * val(t, v[x[1]]);
		p = p / val(t, v[x[2]]);
		v[x[3]] = bits(t, h->s < 0 ? p : -p);
		break;
	case CANCEL_DOT3:
		s = val(t, v[x[0]]) * val(t, v[x[1]]);
		p = val(t, v[x[2]]) * val(t, v[x[3]]);
		s = s + p;
		v[x[5]] = bits(t, -s / val(t, v[x[4]]));
		break;
	}
}

/* Cancelling tuples for the kernels built of products; near the root of
 * the polynomial for horner. */
static void cancellation(struct tuples *t, uint32_t n)
{
	const struct hot_spot *h = hot_spot(t->k->fn->name);
	uint64_t v[FPC_MAX_ARITY];

	if (!h) {
		polynomial_root(t);
		return;
	}
	note(t, h->note);
	for (uint32_t i = 0; i < n; i++) {
		for (unsigned a = 0; a < t->arity; a++)
			v[a] = component(t, 0);
		cancel(t, h, v);
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
	struct tuples t = {.k = k,
			   .f = fpc_fmt_desc(k->format),
			   .fmt = k->format,
			   .arity = k->fn->arity};

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
