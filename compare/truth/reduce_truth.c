/*
 * Reduction kernels on the host (see fpcheck/reduce_truth.h): the exact
 * reference, conditioning and bounds, and host evaluations in definite
 * orders for diff.
 *
 * The exact reference is a fixed-point accumulator wide enough for any sum
 * of products of binary64 numbers: bit 0 weighs 2^-2148 (the product of
 * two smallest subnormals) and 68 64-bit limbs reach 2^2204, past the
 * largest product 2^2048 times 2^24 terms.  Terms are split into 27-bit
 * pieces whose products fit a limb, so every addition is an exact integer
 * addition; the total becomes an MPFR number exactly, and is rounded
 * once.  tests/test_reduce.c checks it against mpfr_sum.
 */
#include "fpcheck/reduce_truth.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "fpcheck/error.h"
#include "fpcheck/mpfr_fmt.h"
#include "fpcheck/ulp.h"
#include "kernels/reduce.h"

/* The orders of one operation, from the list of every kernel. */
#define FPC_REDUCE(op, order) ORDER_##op(order)
#define ORDER_sum(order) #order,
#define ORDER_dot(order)
#define ORDER_norm(order)
static const char *const order_names[FPC_REDUCE_NORDERS] = {
#include "kernels/reduce.def"
};
#undef FPC_REDUCE
#undef ORDER_sum
#undef ORDER_dot
#undef ORDER_norm

const char *fpc_reduce_order_name(unsigned order)
{
	return order < FPC_REDUCE_NORDERS ? order_names[order] : "?";
}

unsigned fpc_reduce_order_index(const char *order)
{
	for (unsigned i = 0; i < FPC_REDUCE_NORDERS; i++)
		if (!strcmp(order_names[i], order))
			return i;
	return FPC_REDUCE_NORDERS;
}

const char *fpc_reduce_op_name(unsigned op)
{
	static const char *const names[] = {"sum", "dot", "norm"};
	return op < 3 ? names[op] : "?";
}

const char *fpc_reduce_dist_name(unsigned dist)
{
	static const char *const names[] = {"uniform", "wide", "cancel",
					    "zero"};
	return dist < FPC_DIST_COUNT ? names[dist] : NULL;
}

/* ---- the exact accumulator ------------------------------------------- */

#define ACC_LIMBS 68
#define ACC_LSB (-2148)

struct acc {
	uint64_t w[ACC_LIMBS]; /* two's complement, least significant first */
};

/* a += (-1)^neg m 2^e, for m < 2^63 and e >= ACC_LSB. */
static void acc_add(struct acc *a, uint64_t m, int e, int neg)
{
	unsigned pos = (unsigned)(e - ACC_LSB), i = pos / 64, sh = pos % 64;
	uint64_t part[2] = {m << sh, sh ? m >> (64 - sh) : 0}, carry = 0;

	for (unsigned j = 0; i + j < ACC_LIMBS; j++) {
		uint64_t p = j < 2 ? part[j] : 0, w = a->w[i + j], r;
		if (j >= 2 && !carry)
			break;
		if (!neg) {
			r = w + p;
			uint64_t c1 = r < w;
			uint64_t r2 = r + carry;
			carry = c1 | (r2 < r);
			a->w[i + j] = r2;
		} else {
			r = w - p;
			uint64_t b1 = w < p;
			uint64_t r2 = r - carry;
			carry = b1 | (r < carry);
			a->w[i + j] = r2;
		}
	}
}

/* A finite value as (-1)^neg m 2^e with m < 2^53. */
static int split(unsigned fmt, uint64_t b, uint64_t *m, int *e, int *neg)
{
	int p = (int)fpc_fmt_precision(fmt), emin = fpc_fmt_emin(fmt);
	int ebits = fmt == FPC_FMT_BINARY32 ? 8 : 11;
	int biased = (int)((b >> (p - 1)) & ((1u << ebits) - 1));

	if (biased == (1 << ebits) - 1)
		return -1;
	*neg = (int)(b >> (fmt == FPC_FMT_BINARY32 ? 31 : 63)) & 1;
	*m = b & ((UINT64_C(1) << (p - 1)) - 1);
	if (biased)
		*m |= UINT64_C(1) << (p - 1);
	*e = (biased ? biased - (1 << (ebits - 1)) + 1 : emin) - (p - 1);
	return 0;
}

#define HALF 27
#define HALF_MASK ((UINT64_C(1) << HALF) - 1)

int fpc_reduce_exact(unsigned op, unsigned fmt, const uint64_t *x,
		     const uint64_t *y, uint32_t n, mpfr_ptr v)
{
	struct acc *a = calloc(1, sizeof(*a));
	int neg, negy, e, ey, sign;
	uint64_t m, my;
	mpz_t z;

	if (!a)
		return FPC_ERR_NOMEM;
	if (op == FPC_REDUCE_NORM)
		y = x;
	for (uint32_t i = 0; i < n; i++) {
		if (split(fmt, x[i], &m, &e, &neg)) {
			free(a);
			return FPC_ERR_ARG;
		}
		if (op == FPC_REDUCE_SUM) {
			if (m)
				acc_add(a, m, e, neg);
			continue;
		}
		if (split(fmt, y[i], &my, &ey, &negy)) {
			free(a);
			return FPC_ERR_ARG;
		}
		if (!m || !my)
			continue;
		/* (a1 2^27 + a0)(b1 2^27 + b0): four products < 2^54. */
		neg ^= negy;
		e += ey;
		acc_add(a, (m >> HALF) * (my >> HALF), e + 2 * HALF, neg);
		acc_add(a, (m >> HALF) * (my & HALF_MASK), e + HALF, neg);
		acc_add(a, (m & HALF_MASK) * (my >> HALF), e + HALF, neg);
		acc_add(a, (m & HALF_MASK) * (my & HALF_MASK), e, neg);
	}
	sign = (int)(a->w[ACC_LIMBS - 1] >> 63);
	if (sign) { /* two's complement: negate */
		uint64_t carry = 1;
		for (unsigned i = 0; i < ACC_LIMBS; i++) {
			a->w[i] = ~a->w[i] + carry;
			carry = carry && a->w[i] == 0;
		}
	}
	mpz_init(z);
	mpz_import(z, ACC_LIMBS, -1, sizeof(uint64_t), 0, 0, a->w);
	free(a);
	mpfr_set_prec(v, ACC_LIMBS * 64);
	{
		struct fpc_mpfr_range saved;
		fpc_mpfr_range_wide(&saved);
		mpfr_set_z_2exp(v, z, ACC_LSB, MPFR_RNDN); /* exact */
		if (sign)
			mpfr_neg(v, v, MPFR_RNDN);
		fpc_mpfr_range_restore(&saved);
	}
	mpz_clear(z);
	return 0;
}

/* ---- vectors of a descriptor, and the truth -------------------------- */

/* The format of a descriptor passed to an MPFR definition: its arguments
 * arrive at the kernel format's precision (compare/truth/truth.c). */
static unsigned format_of(mpfr_srcptr x)
{
	return mpfr_get_prec(x) == fpc_fmt_desc(FPC_FMT_BINARY32)->prec
		   ? FPC_FMT_BINARY32
		   : FPC_FMT_BINARY64;
}

/* Regenerated vectors, one set per thread, kept for the next call: diff
 * and the truth evaluate many orders of the same descriptor in a row. */
struct vectors {
	unsigned fmt, dist, dot;
	uint32_t n, seed, cap;
	int valid;
	uint64_t *x, *y; /* bits */
	void *tx, *ty;	 /* the same as double or float arrays */
};
static __thread struct vectors tls_vec;

static void vectors_free(void *p)
{
	struct vectors *v = p;
	free(v->x);
	free(v->y);
	free(v->tx);
	free(v->ty);
	memset(v, 0, sizeof(*v));
}

static pthread_key_t vec_key;
static pthread_once_t vec_once = PTHREAD_ONCE_INIT;

static void vec_key_init(void)
{
	pthread_key_create(&vec_key, vectors_free);
}

/* The vectors of descriptor args in format fmt (y for a dot product), or
 * NULL (not a descriptor, or out of memory). */
static const struct vectors *vectors(unsigned fmt, const uint64_t *args,
				     int dot)
{
	struct vectors *v = &tls_vec;
	uint32_t n, seed;
	unsigned dist;

	if (fpc_reduce_desc(fmt, args, &n, &dist, &seed))
		return NULL;
	if (v->valid && v->fmt == fmt && v->n == n && v->dist == dist &&
	    v->seed == seed && v->dot == (unsigned)dot)
		return v;
	pthread_once(&vec_once, vec_key_init);
	pthread_setspecific(vec_key, v); /* freed when the thread exits */
	v->valid = 0;
	if (n > v->cap || !v->x) {
		size_t m = n ? n : 1;
		vectors_free(v);
		v->x = malloc(m * sizeof(uint64_t));
		v->y = malloc(m * sizeof(uint64_t));
		v->tx = malloc(m * sizeof(double));
		v->ty = malloc(m * sizeof(double));
		if (!v->x || !v->y || !v->tx || !v->ty) {
			vectors_free(v);
			return NULL;
		}
		v->cap = n;
	}
	fpc_reduce_generate(fmt, dist, seed, n, v->x, dot ? v->y : NULL);
	for (uint32_t i = 0; i < n; i++) {
		if (fmt == FPC_FMT_BINARY64) {
			((double *)v->tx)[i] = fpc_bits_value(fmt, v->x[i]);
			((double *)v->ty)[i] =
			    dot ? fpc_bits_value(fmt, v->y[i]) : 0;
		} else {
			((float *)v->tx)[i] = (float)fpc_bits_value(fmt, v->x[i]);
			((float *)v->ty)[i] =
			    dot ? (float)fpc_bits_value(fmt, v->y[i]) : 0;
		}
	}
	v->fmt = fmt;
	v->dist = dist;
	v->dot = (unsigned)dot;
	v->n = n;
	v->seed = seed;
	v->valid = 1;
	return v;
}

/*
 * Exact results by descriptor: every order of an operation shares its
 * truth, so each is computed once per process.  The memo holds the exact
 * value (the sum of squares for a norm); its test is the accumulator's.
 * It holds every operation (3) on every vector one record may describe
 * (FPC_REDUCE_MAX_VECTORS), so that no record, however its kernels
 * repeat their vectors, has one computed twice.
 */
#define MEMO_SIZE (4 * FPC_REDUCE_MAX_VECTORS)
static struct memo {
	int used;
	unsigned op, fmt;
	uint64_t args[3];
	mpfr_t v;
} memo[MEMO_SIZE];
static size_t memo_next;
static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;

static int memo_find(unsigned op, unsigned fmt, const uint64_t *args,
		     mpfr_ptr v)
{
	int found = 0;

	pthread_mutex_lock(&memo_lock);
	for (size_t i = 0; i < MEMO_SIZE && !found; i++) {
		struct memo *m = &memo[i];
		if (m->used && m->op == op && m->fmt == fmt &&
		    !memcmp(m->args, args, sizeof(m->args))) {
			mpfr_set_prec(v, mpfr_get_prec(m->v));
			mpfr_set(v, m->v, MPFR_RNDN);
			found = 1;
		}
	}
	pthread_mutex_unlock(&memo_lock);
	return found;
}

static void memo_store(unsigned op, unsigned fmt, const uint64_t *args,
		       mpfr_srcptr v)
{
	struct memo *m;
	mpfr_prec_t p = mpfr_min_prec(v);

	pthread_mutex_lock(&memo_lock);
	m = &memo[memo_next++ % MEMO_SIZE];
	if (m->used)
		mpfr_clear(m->v);
	mpfr_init2(m->v, p < MPFR_PREC_MIN ? MPFR_PREC_MIN : p);
	mpfr_set(m->v, v, MPFR_RNDN); /* exact: p bits hold it */
	m->op = op;
	m->fmt = fmt;
	memcpy(m->args, args, sizeof(m->args));
	m->used = 1;
	pthread_mutex_unlock(&memo_lock);
}

/* The exact (unrounded, before the norm's square root) value of op on the
 * vectors of descriptor args; 0 or an error. */
static int exact_of(unsigned op, unsigned fmt, const uint64_t *args,
		    mpfr_ptr v)
{
	const struct vectors *vec;
	int err;

	if (memo_find(op, fmt, args, v))
		return 0;
	if (!(vec = vectors(fmt, args, op == FPC_REDUCE_DOT)))
		return FPC_ERR_ARG;
	if ((err = fpc_reduce_exact(op, fmt, vec->x, vec->y, vec->n, v)))
		return err;
	memo_store(op, fmt, args, v);
	return 0;
}

static int truth(unsigned op, mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd)
{
	unsigned fmt = format_of(x[0]);
	struct fpc_mpfr_range saved;
	uint64_t args[3];
	mpfr_t v;
	int inex;

	for (int a = 0; a < 3; a++)
		args[a] = fpc_bits_from_double(fmt, mpfr_get_d(x[a], MPFR_RNDN));
	mpfr_init2(v, MPFR_PREC_MIN);
	if (exact_of(op, fmt, args, v)) {
		mpfr_clear(v);
		mpfr_set_nan(y);
		return 0;
	}
	/* The exact value lies outside narrow ranges; round it in the
	 * widest, then bring the result into the caller's. */
	fpc_mpfr_range_wide(&saved);
	inex = op == FPC_REDUCE_NORM ? mpfr_sqrt(y, v, rnd)
				     : mpfr_set(y, v, rnd);
	fpc_mpfr_range_restore(&saved);
	mpfr_clear(v);
	return mpfr_check_range(y, inex, rnd);
}

static int t_sum(mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd)
{
	return truth(FPC_REDUCE_SUM, y, x, rnd);
}

static int t_dot(mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd)
{
	return truth(FPC_REDUCE_DOT, y, x, rnd);
}

static int t_norm(mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd)
{
	return truth(FPC_REDUCE_NORM, y, x, rnd);
}

fpc_mpfrn_fn fpc_reduce_mpfr(unsigned op)
{
	return op == FPC_REDUCE_SUM   ? t_sum
	       : op == FPC_REDUCE_DOT ? t_dot
				      : t_norm;
}

/* ---- conditioning and bounds ----------------------------------------- */

/* The condition number sum |t_i| / |sum t_i| from the exact result (a
 * norm's terms are all positive: 1). */
static void set_cond(unsigned op, double exact, struct fpc_reduce_info *info)
{
	if (op == FPC_REDUCE_NORM || info->abs_sum == 0)
		info->cond = 1;
	else if (exact == 0)
		info->cond = INFINITY;
	else
		info->cond = info->abs_sum / fabs(exact);
}

/* Infos by descriptor (sum |t_i|): every order of an operation has the
 * same.  Sized as the memo above. */
#define INFO_MEMO MEMO_SIZE
static struct {
	int used;
	unsigned op, fmt;
	uint64_t args[3];
	struct fpc_reduce_info info;
} info_memo[INFO_MEMO];
static size_t info_next;

static int info_compute(const struct fpc_kernel *k, const uint64_t *args,
			struct fpc_reduce_info *info);

int fpc_reduce_info(const struct fpc_kernel *k, const uint64_t *args,
		    double exact, struct fpc_reduce_info *info)
{
	const struct fpc_reduction *r = k->fn->reduction;
	int err;

	if (!r)
		return FPC_ERR_ARG;
	pthread_mutex_lock(&memo_lock);
	for (size_t i = 0; i < INFO_MEMO; i++)
		if (info_memo[i].used && info_memo[i].op == r->op &&
		    info_memo[i].fmt == k->format &&
		    !memcmp(info_memo[i].args, args, sizeof(info_memo[i].args))) {
			*info = info_memo[i].info;
			pthread_mutex_unlock(&memo_lock);
			set_cond(r->op, exact, info);
			return 0;
		}
	pthread_mutex_unlock(&memo_lock);
	if ((err = info_compute(k, args, info)))
		return err;
	pthread_mutex_lock(&memo_lock);
	{
		size_t i = info_next++ % INFO_MEMO;
		info_memo[i].used = 1;
		info_memo[i].op = r->op;
		info_memo[i].fmt = k->format;
		memcpy(info_memo[i].args, args, sizeof(info_memo[i].args));
		info_memo[i].info = *info;
	}
	pthread_mutex_unlock(&memo_lock);
	set_cond(r->op, exact, info);
	return 0;
}

static int info_compute(const struct fpc_kernel *k, const uint64_t *args,
			struct fpc_reduce_info *info)
{
	const struct fpc_reduction *r = k->fn->reduction;
	const struct vectors *vec;
	uint64_t sign = k->format == FPC_FMT_BINARY32
			    ? UINT64_C(0x80000000)
			    : UINT64_C(0x8000000000000000);
	uint64_t *abs, *absy = NULL;
	mpfr_t a;
	int err;

	memset(info, 0, sizeof(*info));
	if (!r || fpc_reduce_desc(k->format, args, &info->n, &info->dist,
				  &info->seed))
		return FPC_ERR_ARG;
	if (!(vec = vectors(k->format, args, r->op == FPC_REDUCE_DOT)))
		return FPC_ERR_NOMEM;
	/* sum |t_i| exactly: the accumulator on |x| and |y| */
	abs = malloc((vec->n ? vec->n : 1) * sizeof(uint64_t));
	if (r->op == FPC_REDUCE_DOT)
		absy = malloc((vec->n ? vec->n : 1) * sizeof(uint64_t));
	if (!abs || (r->op == FPC_REDUCE_DOT && !absy)) {
		free(abs);
		free(absy);
		return FPC_ERR_NOMEM;
	}
	for (uint32_t i = 0; i < vec->n; i++) {
		abs[i] = vec->x[i] & ~sign;
		if (absy)
			absy[i] = vec->y[i] & ~sign;
	}
	mpfr_init2(a, MPFR_PREC_MIN);
	err = fpc_reduce_exact(r->op, k->format, abs, absy, vec->n, a);
	if (!err)
		info->abs_sum = mpfr_get_d(a, MPFR_RNDN);
	mpfr_clear(a);
	free(abs);
	free(absy);
	return err;
}

static double gamma_k(double k, double u)
{
	return k * u >= 1 ? NAN : k * u / (1 - k * u);
}

static unsigned log2_ceil(uint32_t n)
{
	unsigned l = 0;
	while (l < 32 && (UINT64_C(1) << l) < n)
		l++;
	return l;
}

double fpc_reduce_bound(const struct fpc_kernel *k, uint32_t n,
			double abs_sum, double exact)
{
	const struct fpc_reduction *r = k->fn->reduction;
	double u = ldexp(1, -(int)fpc_fmt_precision(k->format));
	double depth, g;
	const char *o;

	if (!r)
		return NAN;
	o = r->order;
	if (n <= 1) {
		depth = 0;
	} else if (!strcmp(o, "pairwise")) {
		depth = log2_ceil(n);
	} else if (!strncmp(o, "block", 5)) {
		unsigned L = (unsigned)atoi(o + 5), lg = log2_ceil(L);
		/* a lane sums n/L terms, halving adds log2 L, the tail adds
		 * its n mod L terms to the combined total */
		depth = (double)(n / L) + lg + n % L;
		if (n < L)
			depth = n - 1;
	} else if (!strcmp(o, "kahan") || !strcmp(o, "neumaier")) {
		/* |E| <= (2u + O(n u^2)) sum |t_i|; the O term bounded by
		 * 2 n u^2 for n u <= 0.1 */
		depth = -1;
	} else {
		depth = n - 1; /* any order of recursive summation */
	}
	if (depth < 0)
		g = n * u > 0.1 ? NAN : 2 * u + 2 * n * u * u;
	else
		g = gamma_k(depth, u);
	if (r->op != FPC_REDUCE_SUM) /* each product is rounded once more */
		g = isnan(g) ? g : g + u + g * u;
	if (isnan(g))
		return NAN;
	if (r->op == FPC_REDUCE_NORM) {
		/* sqrt(S(1 + d)) = sqrt(S)(1 + d/2 + ...), then one rounding;
		 * d <= g abs_sum / S = g, as every term is positive */
		return (g / 2 + u) * exact * (1 + u);
	}
	return g * abs_sum;
}

/* ---- host evaluations ------------------------------------------------- */

/* The 24 orders in which the threads order's 4 partial sums can reach
 * the total, as base-4 digits, first partial in the high bits. */
static const uint8_t perms[24] = {
    0x1b, 0x1e, 0x27, 0x2d, 0x36, 0x39, 0x4b, 0x4e, 0x63, 0x6c, 0x72, 0x78,
    0x87, 0x8d, 0x93, 0x9c, 0xb1, 0xb4, 0xc6, 0xc9, 0xd2, 0xd8, 0xe1, 0xe4};

/*
 * What a compiler may make of a reduction loop, as one parameterised
 * evaluation.  Each shape was checked bit for bit against the loop
 * `for (i) s += t_i` compiled by gcc 12 and clang 14 (x86-64 with SSE2,
 * AVX2 and AVX-512, i686 with SSE2, aarch64, ppc64le) on every n up to 200
 * and a few long ones, at every alignment (none of them peels for
 * alignment, so none depends on it):
 *
 *  - L lanes in V accumulators.  gcc gives the blocks of L terms to the
 *    accumulators in turn (when unrolled by U on ppc64le, the first
 *    (n/L mod U) blocks all go to the first); clang takes V L consecutive
 *    terms an iteration, unrolled U times, and its sums add the middle two
 *    of four iterations first (tree).
 *  - The V accumulators added in order, or by halving (clang, V = 4).
 *  - gcc's epilogue (AVX2, AVX-512): the accumulator folded to epi lanes,
 *    which take the next whole blocks of epi terms.
 *  - The lanes reduced by halving (x86: lane l += lane l + L/2) or in
 *    adjacent pairs (aarch64's faddp), then the tail in order.
 *  - fma: a dot product or sum of squares fused into each accumulation.
 *  - inorder: no reassociation at all, but the products of the first
 *    n - n mod L (+ epi) terms are rounded by vector multiplies and only
 *    the scalar tail is fused (gcc -O3 on FMA targets without -ffast-math).
 */
enum shape_kind {
	SHAPE_LANES,   /* the model above */
	SHAPE_INORDER, /* vector products, in-order additions */
	SHAPE_REV_FMA, /* the rev order with fma */
	SHAPE_THREADS, /* partial sums of the threads, in order perm */
	SHAPE_PAIRWISE_ACC, /* pairwise with the right halves accumulated */
};

struct shape {
	unsigned op, fmt;
	enum shape_kind kind;
	unsigned L, V, U, epi, perm;
	int interleave, tree, halve_accs;
	int lanes;	 /* how the lanes are added up: enum below */
	int fma, nofma_tail; /* products fused; but not in the tail */
	char name[96];
};

enum { LANES_HALVE, LANES_PAIRS, LANES_IN_ORDER };

#define MAXLANES 32
#define MAXACCS 4

#define SHAPES(T, sfx, FMA)                                                   \
	static T term_##sfx(unsigned op, const T *x, const T *y, size_t i)    \
	{                                                                     \
		return op == FPC_REDUCE_SUM   ? x[i]                          \
		       : op == FPC_REDUCE_DOT ? x[i] * y[i]                   \
					      : x[i] * x[i];                  \
	}                                                                     \
	static T acc_##sfx(const struct shape *p, T a, const T *x, const T *y, \
			   size_t i, int fused)                               \
	{                                                                     \
		if (fused && p->op != FPC_REDUCE_SUM)                         \
			return FMA(x[i], p->op == FPC_REDUCE_DOT ? y[i] : x[i], a); \
		return a + term_##sfx(p->op, x, y, i);                        \
	}                                                                     \
	static void block_##sfx(const struct shape *p, T *a, const T *x,      \
				const T *y, size_t i, unsigned L)             \
	{                                                                     \
		for (unsigned l = 0; l < L; l++)                              \
			a[l] = acc_##sfx(p, a[l], x, y, i + l, p->fma);       \
	}                                                                     \
	static void fold_##sfx(T *a, unsigned from, unsigned to)              \
	{                                                                     \
		while (from > to) {                                           \
			from /= 2;                                            \
			for (unsigned l = 0; l < from; l++)                   \
				a[l] = a[l] + a[l + from];                    \
		}                                                             \
	}                                                                     \
	static T lanes_##sfx(const struct shape *p, const T *x, const T *y,   \
			     size_t n)                                        \
	{                                                                     \
		T acc[MAXACCS][MAXLANES] = {{0}}, s, *a = acc[0];             \
		unsigned L = p->L, V = p->V, U = p->U, w = L;                 \
		size_t i = 0;                                                 \
		if (!p->interleave) {                                         \
			size_t nb = n / L, pre = nb % U;                      \
			for (size_t b = 0; b < nb; b++, i += L)               \
				block_##sfx(p, acc[b < pre ? 0 : (b - pre) % V], \
					    x, y, i, L);                      \
		} else {                                                      \
			size_t W = (size_t)V * L, it = n / W;                 \
			size_t grp = U > 1 ? it / U : 0;                      \
			for (size_t g = 0; g < grp; g++, i += U * W)          \
				for (unsigned v = 0; v < V; v++) {            \
					size_t o = i + v * L;                 \
					if (p->tree && U == 4) {              \
						block_##sfx(p, acc[v], x, y, o, L); \
						for (unsigned l = 0; l < L; l++) \
							acc[v][l] = acc[v][l] + \
							    (term_##sfx(p->op, x, y, o + W + l) + \
							     term_##sfx(p->op, x, y, o + 2 * W + l)); \
						block_##sfx(p, acc[v], x, y, o + 3 * W, L); \
					} else {                              \
						for (unsigned u = 0; u < U; u++) \
							block_##sfx(p, acc[v], x, y, \
								    o + u * W, L); \
					}                                     \
				}                                             \
			for (size_t r = grp * (U > 1 ? U : 0); r < it; r++, i += W) \
				for (unsigned v = 0; v < V; v++)              \
					block_##sfx(p, acc[v], x, y, i + v * L, L); \
		}                                                             \
		if (p->halve_accs) {                                          \
			for (unsigned h = V / 2; h >= 1; h /= 2)              \
				for (unsigned v = 0; v < h; v++)              \
					for (unsigned l = 0; l < L; l++)      \
						acc[v][l] = acc[v][l] + acc[v + h][l]; \
		} else {                                                      \
			for (unsigned v = 1; v < V; v++)                      \
				for (unsigned l = 0; l < L; l++)              \
					acc[0][l] = acc[0][l] + acc[v][l];    \
		}                                                             \
		if (p->epi && p->epi < L) {                                   \
			fold_##sfx(a, w, p->epi);                             \
			w = p->epi;                                           \
			for (; n - i >= w; i += w)                            \
				block_##sfx(p, a, x, y, i, w);                \
		}                                                             \
		if (p->lanes == LANES_HALVE)                                  \
			fold_##sfx(a, w, 1);                                  \
		for (; p->lanes == LANES_PAIRS && w > 1; w /= 2)              \
			for (unsigned l = 0; l < w / 2; l++)                  \
				a[l] = a[2 * l] + a[2 * l + 1];               \
		for (unsigned l = 1; p->lanes == LANES_IN_ORDER && l < w; l++) \
			a[0] = a[0] + a[l];                                   \
		s = a[0];                                                     \
		for (; i < n; i++)                                            \
			s = acc_##sfx(p, s, x, y, i, p->fma && !p->nofma_tail); \
		return s;                                                     \
	}                                                                     \
	static T inorder_##sfx(const struct shape *p, const T *x, const T *y, \
			       size_t n)                                      \
	{                                                                     \
		size_t cov = n / p->L * p->L, i = 0;                          \
		T s = 0;                                                      \
		if (p->epi && n - cov >= p->epi)                              \
			cov += p->epi;                                        \
		for (; i < cov; i++)                                          \
			s = s + term_##sfx(p->op, x, y, i);                   \
		for (; i < n; i++)                                            \
			s = acc_##sfx(p, s, x, y, i, p->fma);                 \
		return s;                                                     \
	}                                                                     \
	static T rev_fma_##sfx(const struct shape *p, const T *x, const T *y, \
			       size_t n)                                      \
	{                                                                     \
		T s = 0;                                                      \
		for (size_t i = n; i-- > 0;)                                  \
			s = acc_##sfx(p, s, x, y, i, 1);                      \
		return s;                                                     \
	}                                                                     \
	static T seq_##sfx(const struct shape *p, const T *x, const T *y,     \
			   size_t n)                                          \
	{                                                                     \
		T s = 0;                                                      \
		for (size_t i = 0; i < n; i++)                                \
			s = acc_##sfx(p, s, x, y, i, p->fma);                 \
		return s;                                                     \
	}                                                                     \
	static T threads_##sfx(const struct shape *p, const T *x, const T *y, \
			       size_t n)                                      \
	{                                                                     \
		T part[FPC_REDUCE_THREADS], total = 0;                        \
		for (int t = 0; t < FPC_REDUCE_THREADS; t++) {                \
			size_t lo = n * t / FPC_REDUCE_THREADS;               \
			size_t hi = n * (t + 1) / FPC_REDUCE_THREADS;         \
			part[t] = seq_##sfx(p, x + lo, y ? y + lo : y, hi - lo); \
		}                                                             \
		for (int j = 0; j < FPC_REDUCE_THREADS; j++)                  \
			total = total + part[(p->perm >> (6 - 2 * j)) & 3];   \
		return total;                                                 \
	}                                                                     \
	static T pairwise_acc_##sfx(const struct shape *p, const T *x,        \
				    const T *y, size_t n)                     \
	{                                                                     \
		T acc = 0;                                                    \
		for (; n > 1; n -= n / 2) {                                   \
			acc = acc + pairwise_acc_##sfx(p, x, y, n / 2);       \
			x += n / 2;                                           \
			y = y ? y + n / 2 : y;                                \
		}                                                             \
		return n ? acc + term_##sfx(p->op, x, y, 0) : acc;            \
	}                                                                     \
	static T shape_##sfx(const struct shape *p, const T *x, const T *y,   \
			     size_t n)                                        \
	{                                                                     \
		switch (p->kind) {                                            \
		case SHAPE_LANES:                                             \
			return lanes_##sfx(p, x, y, n);                       \
		case SHAPE_INORDER:                                           \
			return inorder_##sfx(p, x, y, n);                     \
		case SHAPE_REV_FMA:                                           \
			return rev_fma_##sfx(p, x, y, n);                     \
		case SHAPE_THREADS:                                           \
			return threads_##sfx(p, x, y, n);                     \
		default:                                                      \
			return pairwise_acc_##sfx(p, x, y, n);                \
		}                                                             \
	}
SHAPES(double, d, fma)
SHAPES(float, f, fmaf)

/* A variant's evaluation: the shape arg on the vectors of args. */
static void eval_shape(const void *arg, const uint64_t *args, uint64_t *out)
{
	const struct shape *p = arg;
	const struct vectors *v = vectors(p->fmt, args, p->op == FPC_REDUCE_DOT);
	int dot = p->op == FPC_REDUCE_DOT;

	if (!v) {
		*out = fpc_bits_from_double(p->fmt, NAN);
	} else if (p->fmt == FPC_FMT_BINARY64) {
		double r = shape_d(p, v->tx, dot ? v->ty : NULL, v->n);
		*out = fpc_bits_from_double(p->fmt, p->op == FPC_REDUCE_NORM
							? sqrt(r)
							: r);
	} else {
		float r = shape_f(p, v->tx, dot ? v->ty : NULL, v->n);
		*out = fpc_bits_from_double(p->fmt, p->op == FPC_REDUCE_NORM
							? sqrtf(r)
							: r);
	}
}

/* ---- variant tables --------------------------------------------------- */

/* Shapes and variants of one kernel; sized for the longest list. */
#define MAXVARIANTS 64
struct table {
	struct shape shape[MAXVARIANTS];
	struct fpc_variant v[MAXVARIANTS];
	size_t n;
};

static const char *word(unsigned op)
{
	return op == FPC_REDUCE_SUM   ? "summation"
	       : op == FPC_REDUCE_DOT ? "dot product"
				      : "sum of squares";
}

/* Appends a variant of shape s (op and fmt filled in by the caller's
 * table) named by printf-style fmt. */
static void add(struct table *t, const struct shape *s, const char *cause,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void add(struct table *t, const struct shape *s, const char *cause,
		const char *fmt, ...)
{
	va_list ap;
	struct shape *p;

	if (t->n == MAXVARIANTS)
		return;
	p = &t->shape[t->n];
	*p = *s;
	va_start(ap, fmt);
	vsnprintf(p->name, sizeof(p->name), fmt, ap);
	va_end(ap);
	t->v[t->n] = (struct fpc_variant){p->name, cause, eval_shape, p};
	t->n++;
}

#define REASSOC "reassociation"
#define CONTRACT "fma-contraction"

/*
 * The variants of a loop the compiler may vectorise (loop, and Kahan's and
 * Neumaier's once -ffast-math simplifies their compensation away): the
 * order as written (first, a reference for loop), L lanes reduced by
 * halving, then each verified compiler shape.  l1 is the lane count of a
 * 128-bit vector of the type, l2 of 256 bits, l4 of 512.
 */
static void loop_table(struct table *t, unsigned op, unsigned fmt,
		       const char *first, const char *first_cause)
{
	unsigned l1 = fmt == FPC_FMT_BINARY64 ? 2 : 4, l2 = 2 * l1, l4 = 4 * l1;
	int prods = op != FPC_REDUCE_SUM;
	const char *w = word(op);
	struct shape s = {.op = op, .fmt = fmt, .kind = SHAPE_LANES, .L = 1,
			  .V = 1, .U = 1};

	add(t, &s, first_cause, "%s", first);
	for (unsigned L = 2; L <= 32; L *= 2) {
		s.L = L;
		add(t, &s, REASSOC, "%u-lane blocked %s", L, w);
	}
	if (l1 > 2) { /* two lanes add up the same either way */
		s.L = l1;
		s.lanes = LANES_PAIRS;
		add(t, &s, REASSOC,
		    "%u-lane %s, lanes added in adjacent pairs (NEON)", l1, w);
		s.lanes = LANES_HALVE;
	}
	/* clang: 2 interleaved 128-bit accumulators, 4 with AVX2 */
	s = (struct shape){.op = op, .fmt = fmt, .kind = SHAPE_LANES, .L = l1,
			   .V = 2, .U = prods ? 2 : 4, .interleave = 1,
			   .tree = !prods};
	add(t, &s, REASSOC, "2 interleaved %u-lane accumulators (clang SSE)", l1);
	s = (struct shape){.op = op, .fmt = fmt, .kind = SHAPE_LANES, .L = l2,
			   .V = 4, .U = prods ? 2 : 4, .interleave = 1,
			   .halve_accs = 1};
	add(t, &s, REASSOC, "4 interleaved %u-lane accumulators (clang AVX2)",
	    l2);
	/* gcc's 256- and 512-bit loops with their half-width epilogue */
	s = (struct shape){.op = op, .fmt = fmt, .kind = SHAPE_LANES, .L = l2,
			   .V = 1, .U = 1, .epi = l2 / 2};
	add(t, &s, REASSOC, "%u-lane blocked %s, %u-lane epilogue (gcc AVX2)",
	    l2, w, l2 / 2);
	s.L = l4;
	s.epi = l4 / 2;
	add(t, &s, REASSOC,
	    "%u-lane blocked %s, %u-lane epilogue (gcc AVX-512)", l4, w, l4 / 2);
	/* gcc on ppc64le: 2 accumulators, unrolled */
	s = (struct shape){.op = op, .fmt = fmt, .kind = SHAPE_LANES, .L = l1,
			   .V = 2, .U = op == FPC_REDUCE_DOT ? 2 : 4};
	add(t, &s, REASSOC, "2 accumulators of %u lanes (gcc POWER)", l1);
	if (!prods)
		return;
	/* The same shapes with the products fused; the in-order ones last,
	 * so that a result both explain counts as reassociated (first claim
	 * wins), the more specific account. */
	for (size_t i = 0, n = t->n; i < n; i++) {
		if (t->shape[i].L == 1)
			continue;
		s = t->shape[i];
		s.fma = 1;
		add(t, &s, REASSOC, "%s with fma", t->shape[i].name);
	}
	s = (struct shape){.op = op, .fmt = fmt, .kind = SHAPE_LANES, .L = 1,
			   .V = 1, .U = 1, .fma = 1};
	add(t, &s, CONTRACT, "in order with fma");
	/* gcc -O3 on FMA targets, no -ffast-math: in order, vector
	 * products, the scalar tail fused. */
	for (unsigned L = l1; L <= l2; L *= 2)
		for (unsigned e = 0; e <= L / 2; e += L / 2) {
			s = (struct shape){.op = op, .fmt = fmt,
					   .kind = SHAPE_INORDER, .L = L,
					   .epi = e, .fma = 1};
			add(t, &s, CONTRACT,
			    "in order, %u-lane vector products%s, fma in the "
			    "scalar tail",
			    L, e ? " and a half-width epilogue" : "");
		}
}

/*
 * The variants of the blocked order with L lanes: its lanes added up in
 * another order than by halving (a compiler that reassociates the final
 * reduction), and for products, fused in the lanes, the tail or both.
 */
static void block_table(struct table *t, unsigned op, unsigned fmt,
			unsigned L)
{
	static const char *const how[] = {"halving", "adjacent pairs",
					  "order"};
	int prods = op != FPC_REDUCE_SUM;
	struct shape s = {.op = op, .fmt = fmt, .kind = SHAPE_LANES, .L = L,
			  .V = 1, .U = 1};

	for (int fused = 0; fused <= prods; fused++)
		for (int tail = 0; tail <= fused; tail++)
			for (int lanes = 0; lanes < 3; lanes++) {
				if (!fused && lanes == LANES_HALVE)
					continue; /* the order as written */
				s.lanes = lanes;
				s.fma = fused;
				s.nofma_tail = fused && !tail;
				add(t, &s,
				    lanes == LANES_HALVE ? CONTRACT : REASSOC,
				    "%u lanes added by %s%s", L, how[lanes],
				    !fused ? ""
				    : tail ? ", with fma"
					   : ", with fma but not in the tail");
			}
}

static struct table tables[FPC_REDUCE_NORDERS][3][2];

void fpc_reduce_variants(const struct fpc_kernel *k,
			 const struct fpc_variant **v, size_t *n)
{
	const struct fpc_reduction *r = k->fn->reduction;
	unsigned fmt = k->format, f = fmt == FPC_FMT_BINARY32;
	struct table *t;
	const char *o;
	struct shape s = {.fmt = fmt, .kind = SHAPE_LANES, .V = 1, .U = 1};

	*v = NULL;
	*n = 0;
	if (!r || r->index >= FPC_REDUCE_NORDERS)
		return;
	/* Called once per kernel, from the kernel table's binding. */
	t = &tables[r->index][r->op][f];
	o = r->order;
	s.op = r->op;
	t->n = 0;
	if (!strcmp(o, "loop")) {
		loop_table(t, r->op, fmt, "in order, one accumulator",
			   "no-reassociation");
	} else if (!strcmp(o, "kahan") || !strcmp(o, "neumaier")) {
		loop_table(t, r->op, fmt,
			   "in order, the compensation simplified away",
			   REASSOC);
	} else if (!strcmp(o, "threads")) {
		/* each thread's partial in order, fused where the target
		 * contracts */
		s.kind = SHAPE_THREADS;
		for (s.fma = 0; s.fma <= (r->op != FPC_REDUCE_SUM); s.fma++)
			for (unsigned p = 0; p < 24; p++) {
				s.perm = perms[p];
				add(t, &s, "thread-order",
				    "partials%s added in order %u,%u,%u,%u",
				    s.fma ? " (with fma)" : "", perms[p] >> 6,
				    perms[p] >> 4 & 3, perms[p] >> 2 & 3,
				    perms[p] & 3);
			}
	} else if (!strcmp(o, "pairwise")) {
		s.kind = SHAPE_PAIRWISE_ACC;
		add(t, &s, REASSOC,
		    "pairwise, right halves folded into an accumulator "
		    "(tail recursion)");
	} else if (!strncmp(o, "block", 5)) {
		/* Its own lanes added otherwise, then what a vectorising
		 * compiler makes of them: vectors of more lanes than the
		 * order has hold several blocks. */
		block_table(t, r->op, fmt, (unsigned)atoi(o + 5));
		loop_table(t, r->op, fmt, "in order, one accumulator",
			   REASSOC);
	} else if (r->op != FPC_REDUCE_SUM &&
		   (!strcmp(o, "seq") || !strcmp(o, "rev"))) {
		s.fma = 1;
		s.L = 1;
		s.kind = o[0] == 'r' ? SHAPE_REV_FMA : SHAPE_LANES;
		add(t, &s, CONTRACT, "%s with fma",
		    o[0] == 'r' ? "reverse order" : "in order");
	}
	*v = t->v;
	*n = t->n;
}

void fpc_reduce_describe(unsigned fmt, const uint64_t *args, char *buf,
			 size_t len)
{
	uint32_t n, seed;
	unsigned dist;

	if (fpc_reduce_desc(fmt, args, &n, &dist, &seed))
		snprintf(buf, len, "?");
	else
		snprintf(buf, len, "n=%lu %s seed=%lu", (unsigned long)n,
			 fpc_reduce_dist_name(dist), (unsigned long)seed);
}
