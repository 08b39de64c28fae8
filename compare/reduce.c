/*
 * Reduction kernels on the host (see fpcheck/reduction.h): the exact
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
#include "fpcheck/reduction.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "fpcheck/error.h"
#include "fpcheck/ulp.h"
#include "reduce.h"

/* The orders of one operation, from the list of every kernel. */
#define FPC_REDUCE(op, order) ORDER_##op(order)
#define ORDER_sum(order) #order,
#define ORDER_dot(order)
#define ORDER_norm(order)
static const char *const order_names[FPC_REDUCE_NORDERS] = {
#include "reduce.def"
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
		mpfr_exp_t emin = mpfr_get_emin(), emax = mpfr_get_emax();
		mpfr_set_emin(mpfr_get_emin_min());
		mpfr_set_emax(mpfr_get_emax_max());
		mpfr_set_z_2exp(v, z, ACC_LSB, MPFR_RNDN); /* exact */
		if (sign)
			mpfr_neg(v, v, MPFR_RNDN);
		mpfr_set_emin(emin);
		mpfr_set_emax(emax);
	}
	mpz_clear(z);
	return 0;
}

/* ---- vectors of a descriptor, and the truth -------------------------- */

/* The format of a descriptor passed to an MPFR definition: its arguments
 * arrive at the kernel format's precision (compare/truth.c). */
static unsigned format_of(mpfr_srcptr x)
{
	return mpfr_get_prec(x) == 24 ? FPC_FMT_BINARY32 : FPC_FMT_BINARY64;
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
 */
#define MEMO_SIZE 512
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
	mpfr_exp_t emin = mpfr_get_emin(), emax = mpfr_get_emax();
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
	mpfr_set_emin(mpfr_get_emin_min());
	mpfr_set_emax(mpfr_get_emax_max());
	inex = op == FPC_REDUCE_NORM ? mpfr_sqrt(y, v, rnd)
				     : mpfr_set(y, v, rnd);
	mpfr_set_emin(emin);
	mpfr_set_emax(emax);
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

/* Infos by descriptor: every order of an operation has the same. */
#define INFO_MEMO 1024
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
		    struct fpc_reduce_info *info)
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
	return 0;
}

static int info_compute(const struct fpc_kernel *k, const uint64_t *args,
			struct fpc_reduce_info *info)
{
	const struct fpc_reduction *r = k->fn->reduction;
	const struct vectors *vec;
	mpfr_t s, a, t;
	uint64_t *abs;
	int err;

	memset(info, 0, sizeof(*info));
	if (!r || fpc_reduce_desc(k->format, args, &info->n, &info->dist,
				  &info->seed))
		return FPC_ERR_ARG;
	if (!(vec = vectors(k->format, args, r->op == FPC_REDUCE_DOT)))
		return FPC_ERR_NOMEM;
	if (!(abs = malloc((vec->n ? vec->n : 1) * sizeof(uint64_t))))
		return FPC_ERR_NOMEM;
	/* sum |t_i| exactly: the same accumulator on |x| and |y|. */
	{
		uint64_t sign = k->format == FPC_FMT_BINARY32
				    ? UINT64_C(0x80000000)
				    : UINT64_C(0x8000000000000000);
		const uint64_t *y = r->op == FPC_REDUCE_DOT ? vec->y : NULL;
		uint64_t *absy = NULL;

		for (uint32_t i = 0; i < vec->n; i++)
			abs[i] = vec->x[i] & ~sign;
		if (y && !(absy = malloc(vec->n * sizeof(uint64_t) + 1))) {
			free(abs);
			return FPC_ERR_NOMEM;
		}
		for (uint32_t i = 0; y && i < vec->n; i++)
			absy[i] = y[i] & ~sign;
		mpfr_inits2(MPFR_PREC_MIN, s, a, (mpfr_ptr)0);
		mpfr_init2(t, 64);
		err = fpc_reduce_exact(r->op, k->format, abs, absy, vec->n, a);
		free(absy);
	}
	free(abs);
	if (!err)
		err = exact_of(r->op, k->format, args, s);
	if (!err) {
		info->abs_sum = mpfr_get_d(a, MPFR_RNDN);
		if (mpfr_zero_p(s)) {
			info->cond = mpfr_zero_p(a) ? 1 : INFINITY;
		} else {
			mpfr_div(t, a, s, MPFR_RNDN);
			info->cond = fabs(mpfr_get_d(t, MPFR_RNDN));
		}
	}
	mpfr_clears(s, a, t, (mpfr_ptr)0);
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

#define FMA_DOT(s, i) fma(x[i], y[i], s)
#define FMA_NORM(s, i) fma(x[i], x[i], s)
#define FMAF_DOT(s, i) fmaf(x[i], y[i], s)
#define FMAF_NORM(s, i) fmaf(x[i], x[i], s)

FPC_REDUCE_DEFINE(sum_d, double, FPC_REDUCE_TERM_SUM, FPC_REDUCE_ADD_SUM)
FPC_REDUCE_DEFINE(dot_d, double, FPC_REDUCE_TERM_DOT, FPC_REDUCE_ADD_DOT)
FPC_REDUCE_DEFINE(norm_d, double, FPC_REDUCE_TERM_NORM, FPC_REDUCE_ADD_NORM)
FPC_REDUCE_DEFINE(sum_f, float, FPC_REDUCE_TERM_SUM, FPC_REDUCE_ADD_SUM)
FPC_REDUCE_DEFINE(dot_f, float, FPC_REDUCE_TERM_DOT, FPC_REDUCE_ADD_DOT)
FPC_REDUCE_DEFINE(norm_f, float, FPC_REDUCE_TERM_NORM, FPC_REDUCE_ADD_NORM)
FPC_REDUCE_DEFINE(dotfma_d, double, FPC_REDUCE_TERM_DOT, FMA_DOT)
FPC_REDUCE_DEFINE(normfma_d, double, FPC_REDUCE_TERM_NORM, FMA_NORM)
FPC_REDUCE_DEFINE(dotfma_f, float, FPC_REDUCE_TERM_DOT, FMAF_DOT)
FPC_REDUCE_DEFINE(normfma_f, float, FPC_REDUCE_TERM_NORM, FMAF_NORM)

/* block32: wider than any order the runner has, as AVX-512 floats are. */
#define BLOCK32(name, T)                                                      \
	static T name##_block32(const T *x, const T *y, uint32_t n)           \
	{                                                                     \
		return name##_blocked(x, y, n, 32);                           \
	}
BLOCK32(sum_d, double)
BLOCK32(dot_d, double)
BLOCK32(norm_d, double)
BLOCK32(sum_f, float)
BLOCK32(dot_f, float)
BLOCK32(norm_f, float)
BLOCK32(dotfma_d, double)
BLOCK32(normfma_d, double)
BLOCK32(dotfma_f, float)
BLOCK32(normfma_f, float)

/* The 24 orders in which the threads order's 4 partial sums can reach
 * the total, as base-4 digits: permutation i adds partial (PERM >> 2j) & 3
 * j-th. */
static const uint8_t perms[24] = {
    0x1b, 0x1e, 0x27, 0x2d, 0x36, 0x39, 0x4b, 0x4e, 0x63, 0x6c, 0x72, 0x78,
    0x87, 0x8d, 0x93, 0x9c, 0xb1, 0xb4, 0xc6, 0xc9, 0xd2, 0xd8, 0xe1, 0xe4};

#define THREAD_ORDER(name, T)                                                 \
	static T name##_perm(const T *x, const T *y, uint32_t n, unsigned p)  \
	{                                                                     \
		T part[FPC_REDUCE_THREADS];                                   \
		volatile T total = 0;                                         \
		for (int t = 0; t < FPC_REDUCE_THREADS; t++) {                \
			uint32_t lo = (uint32_t)((uint64_t)n * t /            \
						 FPC_REDUCE_THREADS);         \
			uint32_t hi = (uint32_t)((uint64_t)n * (t + 1) /      \
						 FPC_REDUCE_THREADS);         \
			part[t] = name##_seq(x + lo, y ? y + lo : y, hi - lo); \
		}                                                             \
		for (int j = 0; j < FPC_REDUCE_THREADS; j++)                  \
			total = total + part[(perms[p] >> (6 - 2 * j)) & 3];  \
		return total;                                                 \
	}
THREAD_ORDER(sum_d, double)
THREAD_ORDER(dot_d, double)
THREAD_ORDER(norm_d, double)
THREAD_ORDER(sum_f, float)
THREAD_ORDER(dot_f, float)
THREAD_ORDER(norm_f, float)

enum { op_sum = FPC_REDUCE_SUM, op_dot = FPC_REDUCE_DOT,
       op_norm = FPC_REDUCE_NORM };

/* Runs one order on the host on the vectors of args; NaN bits when args
 * is no descriptor. */
#define HOST(T, sfx, FMT, SQRT)                                               \
	static void host_##sfx(unsigned op,                                   \
			       T (*f)(const T *, const T *, uint32_t),        \
			       T (*fp)(const T *, const T *, uint32_t,        \
				       unsigned),                             \
			       unsigned p, const uint64_t *args,              \
			       uint64_t *out)                                 \
	{                                                                     \
		const struct vectors *v =                                     \
		    vectors(FMT, args, op == FPC_REDUCE_DOT);                 \
		const T *x, *y;                                               \
		T r;                                                          \
		if (!v) {                                                     \
			*out = fpc_bits_from_double(FMT, NAN);                \
			return;                                               \
		}                                                             \
		x = v->tx;                                                    \
		y = op == FPC_REDUCE_DOT ? v->ty : NULL;                      \
		r = f ? f(x, y, v->n) : fp(x, y, v->n, p);                    \
		if (op == FPC_REDUCE_NORM)                                    \
			r = SQRT(r);                                          \
		*out = fpc_bits_from_double(FMT, r);                          \
	}
HOST(double, d, FPC_FMT_BINARY64, sqrt)
HOST(float, f, FPC_FMT_BINARY32, sqrtf)

/* w_<fn>: the variant evaluation running order function fn. */
#define W(op, sfx, fn)                                                        \
	FPC_REDUCE_FN void w_##fn(const uint64_t *a, uint64_t *o)             \
	{                                                                     \
		host_##sfx(op_##op, fn, NULL, 0, a, o);                       \
	}
#define WP(op, sfx, p)                                                        \
	static void w_##op##_##sfx##_perm##p(const uint64_t *a, uint64_t *o)  \
	{                                                                     \
		host_##sfx(op_##op, NULL, op##_##sfx##_perm, p, a, o);        \
	}
#define ORDERS(op, sfx, name)                                                 \
	W(op, sfx, name##_seq)                                                \
	W(op, sfx, name##_rev)                                                \
	W(op, sfx, name##_block2)                                             \
	W(op, sfx, name##_block4)                                             \
	W(op, sfx, name##_block8)                                             \
	W(op, sfx, name##_block16)                                            \
	W(op, sfx, name##_block32)
#define PERMS(op, sfx)                                                        \
	WP(op, sfx, 0) WP(op, sfx, 1) WP(op, sfx, 2) WP(op, sfx, 3)           \
	WP(op, sfx, 4) WP(op, sfx, 5) WP(op, sfx, 6) WP(op, sfx, 7)           \
	WP(op, sfx, 8) WP(op, sfx, 9) WP(op, sfx, 10) WP(op, sfx, 11)         \
	WP(op, sfx, 12) WP(op, sfx, 13) WP(op, sfx, 14) WP(op, sfx, 15)       \
	WP(op, sfx, 16) WP(op, sfx, 17) WP(op, sfx, 18) WP(op, sfx, 19)       \
	WP(op, sfx, 20) WP(op, sfx, 21) WP(op, sfx, 22) WP(op, sfx, 23)
#define FAMILY(op, sfx)                                                       \
	ORDERS(op, sfx, op##_##sfx)                                           \
	PERMS(op, sfx)
FAMILY(sum, d)
FAMILY(dot, d)
FAMILY(norm, d)
FAMILY(sum, f)
FAMILY(dot, f)
FAMILY(norm, f)
ORDERS(dot, d, dotfma_d)
ORDERS(norm, d, normfma_d)
ORDERS(dot, f, dotfma_f)
ORDERS(norm, f, normfma_f)

#define REASSOC "reassociation"
#define CONTRACT "fma-contraction"

/*
 * What a compiler may make of a loop that reassociation is allowed to
 * touch (loop, and Kahan and Neumaier once their compensation is
 * simplified away): the order as written, or L lanes combined by halving
 * as vectorised loops do.  first is the in-order variant (a reference for
 * loop, a cause for the compensated orders).
 */
#define LANES(name, op, word, first, first_cause)                             \
	{first, first_cause, w_##name##_seq},                                 \
	    {"2-lane blocked " word, REASSOC, w_##name##_block2},             \
	    {"4-lane blocked " word, REASSOC, w_##name##_block4},             \
	    {"8-lane blocked " word, REASSOC, w_##name##_block8},             \
	    {"16-lane blocked " word, REASSOC, w_##name##_block16},           \
	    {"32-lane blocked " word, REASSOC, w_##name##_block32}
#define LANES_FMA(name, op, word)                                             \
	{"in order with fma", CONTRACT, w_##name##_seq},                      \
	    {"2-lane blocked " word " with fma", REASSOC, w_##name##_block2}, \
	    {"4-lane blocked " word " with fma", REASSOC, w_##name##_block4}, \
	    {"8-lane blocked " word " with fma", REASSOC, w_##name##_block8}, \
	    {"16-lane blocked " word " with fma", REASSOC,                    \
	     w_##name##_block16},                                             \
	    {"32-lane blocked " word " with fma", REASSOC, w_##name##_block32}
#define IN_ORDER "in order, one accumulator"
#define DROPPED "in order, the compensation simplified away"
#define THREADS(op, sfx)                                                      \
	{"partials added in thread order 0,1,2,3", "thread-order",            \
	 w_##op##_##sfx##_perm0},                                             \
	    {"partials added in order 0,1,3,2", "thread-order",               \
	     w_##op##_##sfx##_perm1},                                         \
	    {"partials added in order 0,2,1,3", "thread-order",               \
	     w_##op##_##sfx##_perm2},                                         \
	    {"partials added in order 0,2,3,1", "thread-order",               \
	     w_##op##_##sfx##_perm3},                                         \
	    {"partials added in order 0,3,1,2", "thread-order",               \
	     w_##op##_##sfx##_perm4},                                         \
	    {"partials added in order 0,3,2,1", "thread-order",               \
	     w_##op##_##sfx##_perm5},                                         \
	    {"partials added in order 1,0,2,3", "thread-order",               \
	     w_##op##_##sfx##_perm6},                                         \
	    {"partials added in order 1,0,3,2", "thread-order",               \
	     w_##op##_##sfx##_perm7},                                         \
	    {"partials added in order 1,2,0,3", "thread-order",               \
	     w_##op##_##sfx##_perm8},                                         \
	    {"partials added in order 1,2,3,0", "thread-order",               \
	     w_##op##_##sfx##_perm9},                                         \
	    {"partials added in order 1,3,0,2", "thread-order",               \
	     w_##op##_##sfx##_perm10},                                        \
	    {"partials added in order 1,3,2,0", "thread-order",               \
	     w_##op##_##sfx##_perm11},                                        \
	    {"partials added in order 2,0,1,3", "thread-order",               \
	     w_##op##_##sfx##_perm12},                                        \
	    {"partials added in order 2,0,3,1", "thread-order",               \
	     w_##op##_##sfx##_perm13},                                        \
	    {"partials added in order 2,1,0,3", "thread-order",               \
	     w_##op##_##sfx##_perm14},                                        \
	    {"partials added in order 2,1,3,0", "thread-order",               \
	     w_##op##_##sfx##_perm15},                                        \
	    {"partials added in order 2,3,0,1", "thread-order",               \
	     w_##op##_##sfx##_perm16},                                        \
	    {"partials added in order 2,3,1,0", "thread-order",               \
	     w_##op##_##sfx##_perm17},                                        \
	    {"partials added in order 3,0,1,2", "thread-order",               \
	     w_##op##_##sfx##_perm18},                                        \
	    {"partials added in order 3,0,2,1", "thread-order",               \
	     w_##op##_##sfx##_perm19},                                        \
	    {"partials added in order 3,1,0,2", "thread-order",               \
	     w_##op##_##sfx##_perm20},                                        \
	    {"partials added in order 3,1,2,0", "thread-order",               \
	     w_##op##_##sfx##_perm21},                                        \
	    {"partials added in order 3,2,0,1", "thread-order",               \
	     w_##op##_##sfx##_perm22},                                        \
	    {"partials added in order 3,2,1,0", "thread-order",               \
	     w_##op##_##sfx##_perm23}

#define TABLES(sfx)                                                           \
	static const struct fpc_variant loop_sum_##sfx[] = {                  \
	    LANES(sum_##sfx, sum, "summation", IN_ORDER, "no-reassociation")}; \
	static const struct fpc_variant comp_sum_##sfx[] = {                  \
	    LANES(sum_##sfx, sum, "summation", DROPPED, REASSOC)};            \
	static const struct fpc_variant loop_dot_##sfx[] = {                  \
	    LANES(dot_##sfx, dot, "dot product", IN_ORDER,                    \
		  "no-reassociation"),                                        \
	    LANES_FMA(dotfma_##sfx, dot, "dot product")};                     \
	static const struct fpc_variant comp_dot_##sfx[] = {                  \
	    LANES(dot_##sfx, dot, "dot product", DROPPED, REASSOC),           \
	    LANES_FMA(dotfma_##sfx, dot, "dot product")};                     \
	static const struct fpc_variant loop_norm_##sfx[] = {                 \
	    LANES(norm_##sfx, norm, "sum of squares", IN_ORDER,               \
		  "no-reassociation"),                                        \
	    LANES_FMA(normfma_##sfx, norm, "sum of squares")};                \
	static const struct fpc_variant comp_norm_##sfx[] = {                 \
	    LANES(norm_##sfx, norm, "sum of squares", DROPPED, REASSOC),      \
	    LANES_FMA(normfma_##sfx, norm, "sum of squares")};                \
	static const struct fpc_variant fused_dot_##sfx[] = {                 \
	    {"in order with fma", CONTRACT, w_dotfma_##sfx##_seq},            \
	    {"reverse order with fma", CONTRACT, w_dotfma_##sfx##_rev},       \
	    {"2 lanes with fma", CONTRACT, w_dotfma_##sfx##_block2},          \
	    {"4 lanes with fma", CONTRACT, w_dotfma_##sfx##_block4},          \
	    {"8 lanes with fma", CONTRACT, w_dotfma_##sfx##_block8},          \
	    {"16 lanes with fma", CONTRACT, w_dotfma_##sfx##_block16}};       \
	static const struct fpc_variant fused_norm_##sfx[] = {                \
	    {"in order with fma", CONTRACT, w_normfma_##sfx##_seq},           \
	    {"reverse order with fma", CONTRACT, w_normfma_##sfx##_rev},      \
	    {"2 lanes with fma", CONTRACT, w_normfma_##sfx##_block2},         \
	    {"4 lanes with fma", CONTRACT, w_normfma_##sfx##_block4},         \
	    {"8 lanes with fma", CONTRACT, w_normfma_##sfx##_block8},         \
	    {"16 lanes with fma", CONTRACT, w_normfma_##sfx##_block16}};      \
	static const struct fpc_variant threads_sum_##sfx[] = {               \
	    THREADS(sum, sfx)};                                               \
	static const struct fpc_variant threads_dot_##sfx[] = {               \
	    THREADS(dot, sfx)};                                               \
	static const struct fpc_variant threads_norm_##sfx[] = {              \
	    THREADS(norm, sfx)};
TABLES(d)
TABLES(f)

#define N(t) (sizeof(t) / sizeof(t[0]))

void fpc_reduce_variants(const struct fpc_kernel *k,
			 const struct fpc_variant **v, size_t *n)
{
	static const struct {
		const char *op;
		const struct fpc_variant *loop[2], *comp[2], *fused[2],
		    *threads[2];
		size_t nloop, ncomp, nfused, nthreads;
	} ops[] = {
	    {"sum", {loop_sum_d, loop_sum_f}, {comp_sum_d, comp_sum_f},
	     {NULL, NULL}, {threads_sum_d, threads_sum_f}, N(loop_sum_d),
	     N(comp_sum_d), 0, N(threads_sum_d)},
	    {"dot", {loop_dot_d, loop_dot_f}, {comp_dot_d, comp_dot_f},
	     {fused_dot_d, fused_dot_f}, {threads_dot_d, threads_dot_f},
	     N(loop_dot_d), N(comp_dot_d), N(fused_dot_d), N(threads_dot_d)},
	    {"norm", {loop_norm_d, loop_norm_f}, {comp_norm_d, comp_norm_f},
	     {fused_norm_d, fused_norm_f}, {threads_norm_d, threads_norm_f},
	     N(loop_norm_d), N(comp_norm_d), N(fused_norm_d),
	     N(threads_norm_d)},
	};
	const struct fpc_reduction *r = k->fn->reduction;
	int f = k->format == FPC_FMT_BINARY32;
	const char *o;

	*v = NULL;
	*n = 0;
	if (!r)
		return;
	o = r->order;
	if (!strcmp(o, "loop")) {
		*v = ops[r->op].loop[f];
		*n = ops[r->op].nloop;
	} else if (!strcmp(o, "kahan") || !strcmp(o, "neumaier")) {
		*v = ops[r->op].comp[f];
		*n = ops[r->op].ncomp;
	} else if (!strcmp(o, "threads")) {
		*v = ops[r->op].threads[f];
		*n = ops[r->op].nthreads;
	} else if (!strcmp(o, "seq") || !strcmp(o, "rev") ||
		   !strncmp(o, "block", 5)) {
		*v = ops[r->op].fused[f];
		*n = ops[r->op].nfused;
	}
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
