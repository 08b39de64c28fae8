/*
 * fpcheck-runner: evaluates every kernel of a corpus and writes a record.
 *
 * This is the only program compiled with the flags under test, by whatever
 * C compiler targets the machine under test, so it depends on the C library
 * and libm alone and on nothing of the rest of fpcheck.  Inputs come from
 * the corpus file at run time, so the compiler cannot fold the calls.
 *
 * usage: fpcheck-runner [-k NAME[,NAME...]] [-m KEY=VALUE]... [-r N] [-T]
 *                       [--] CORPUS RECORD
 *        fpcheck-runner --list
 *
 * "--" ends the options, for a corpus whose name starts with '-'.
 *
 * -r N evaluates every kernel N times and writes, before each kernel, a
 * "REPT" section saying which inputs gave different bits from run to run
 * (docs/record-format.md).  -T leaves out the kernels that start threads
 * (the threads and atomic reductions), for targets or emulators whose
 * threads do not work, and has the render kernels compute their rows in
 * the calling thread; the provenance says "threads: no".
 *
 * Exit status: 0 record written, 2 error (message on stderr).
 *
 * With -DFPC_USER_KERNELS and a file that defines fpc_user_kernels[]
 * (include/fpcheck/kernel.h), the runner also evaluates a user's
 * functions; --list-user lists them, with what each implements.
 *
 * Build-time macros that describe the build in the record's provenance
 * (runner/probe.c): FPC_BUILD_CC (compiler command), FPC_BUILD_FLAGS
 * (flags), FPC_LIBC (libc name where the runner cannot tell it, e.g.
 * "musl"), FPC_VERSION.
 *
 * The evaluation loops (libm calls, expressions, reductions, render
 * calls) are in this file and stay here: in another translation unit they
 * would give inlining and contraction other chances, and the records
 * other bits.  The thread pool (runner/pool.c) and the provenance probes
 * (runner/probe.c) evaluate no kernel.
 */
#define _GNU_SOURCE 1 /* exp10, exp10f, j0f...: GNU and XSI extensions */

#include <errno.h>
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <stdint.h>

#include "fpcheck/container.h"
#include "fpcheck/kdata.h"
#include "fpcheck/error.h"
#include "fpcheck/prov.h"
#include "kernels/horner.h"
#include "fpcheck/kernel.h"
#include "kernels/reduce.h"
#include "kernels/render.h"
#include "runner/pool.h"
#include "runner/probe.h"

#if FLT_MANT_DIG != 24 || DBL_MANT_DIG != 53 || FLT_RADIX != 2
#error "the runner needs IEEE 754 binary32 float and binary64 double"
#endif

#define PROG "fpcheck-runner"

/* ---- exception flags ------------------------------------------------- */

#if FPC_HAVE_FLAGS
#define CLEAR_FLAGS() feclearexcept(FE_ALL_EXCEPT)
#else
#define CLEAR_FLAGS() ((void)0)
#endif

/* The host's FE_* bits in the portable on-disk encoding. */
static uint8_t read_flags(void)
{
#if FPC_HAVE_FLAGS
	int e = fetestexcept(FE_ALL_EXCEPT);
	uint8_t f = 0;
#ifdef FE_INVALID
	if (e & FE_INVALID)
		f |= FPC_FLAG_INVALID;
#endif
#ifdef FE_DIVBYZERO
	if (e & FE_DIVBYZERO)
		f |= FPC_FLAG_DIVBYZERO;
#endif
#ifdef FE_OVERFLOW
	if (e & FE_OVERFLOW)
		f |= FPC_FLAG_OVERFLOW;
#endif
#ifdef FE_UNDERFLOW
	if (e & FE_UNDERFLOW)
		f |= FPC_FLAG_UNDERFLOW;
#endif
#ifdef FE_INEXACT
	if (e & FE_INEXACT)
		f |= FPC_FLAG_INEXACT;
#endif
	return f;
#else
	return FPC_FLAG_UNAVAILABLE;
#endif
}

/* ---- kernels --------------------------------------------------------- */

static double asdouble(uint64_t b)
{
	double d;
	memcpy(&d, &b, sizeof(d));
	return d;
}

static uint64_t asuint64(double d)
{
	uint64_t b;
	memcpy(&b, &d, sizeof(b));
	return b;
}

static float asfloat(uint64_t b)
{
	uint32_t u = (uint32_t)b;
	float f;
	memcpy(&f, &u, sizeof(f));
	return f;
}

static uint64_t asuint32(float f)
{
	uint32_t u;
	memcpy(&u, &f, sizeof(u));
	return u;
}

/*
 * One evaluation loop per kernel, each calling the libm function directly
 * as user code would, so the flags under test (inlining of sqrt, errno
 * handling, fast-math) act on the call.  The volatile store keeps the
 * call ahead of the flag read.
 */
#define LOOP(T, BITS, CALL)                                               \
	for (uint32_t i = 0; i < k->n; i++) {                                 \
		volatile T y;                                                 \
		CLEAR_FLAGS();                                                \
		y = CALL;                                                     \
		k->flags[i] = read_flags();                                   \
		k->out[i] = BITS(y);                                          \
	}

#define FPC_FUNC_1(fn)                                                        \
	static int run_##fn(struct fpc_kdata *k)                             \
	{                                                                     \
		LOOP(double, asuint64, fn(asdouble(k->in[0][i])))             \
		return 0;                                                     \
	}                                                                     \
	static int run_##fn##f(struct fpc_kdata *k)                          \
	{                                                                     \
		LOOP(float, asuint32, fn##f(asfloat(k->in[0][i])))            \
		return 0;                                                     \
	}
#define FPC_FUNC_2(fn)                                                        \
	static int run_##fn(struct fpc_kdata *k)                             \
	{                                                                     \
		LOOP(double, asuint64,                              \
		     fn(asdouble(k->in[0][i]), asdouble(k->in[1][i])))        \
		return 0;                                                     \
	}                                                                     \
	static int run_##fn##f(struct fpc_kdata *k)                          \
	{                                                                     \
		LOOP(float, asuint32,                                \
		     fn##f(asfloat(k->in[0][i]), asfloat(k->in[1][i])))       \
		return 0;                                                     \
	}
#define FPC_FUNC(fn, arity, mpfr) FPC_FUNC_##arity(fn)
#include "kernels/functions.def"
#undef FPC_FUNC

/* Expression kernels (exprs.def): each argument loaded from its column,
 * the expression evaluated as the flags under test compile it. */
static const double horner_cd[] = {FPC_HORNER_COEFFS};
static const float horner_cf[] = {FPC_HORNER_COEFFS};

static double horner_d(double x)
{
	double r = horner_cd[0];
	for (int i = 1; i <= FPC_HORNER_DEGREE; i++)
		r = r * x + horner_cd[i];
	return r;
}

static float horner_f(float x)
{
	float r = horner_cf[0];
	for (int i = 1; i <= FPC_HORNER_DEGREE; i++)
		r = r * x + horner_cf[i];
	return r;
}

#define EXPR_LOOP(T, LOAD, BITS, N, EXPR)                                     \
	for (uint32_t i = 0; i < k->n; i++) {                                 \
		T a[N];                                                       \
		volatile T y;                                                 \
		for (int j = 0; j < N; j++)                                   \
			a[j] = LOAD(k->in[j][i]);                             \
		CLEAR_FLAGS();                                                \
		y = EXPR;                                                     \
		k->flags[i] = read_flags();                                   \
		k->out[i] = BITS(y);                                          \
	}

#define FPC_EXPR(fn, n, ed, ef)                                               \
	static int run_##fn(struct fpc_kdata *k)                             \
	{                                                                     \
		EXPR_LOOP(double, asdouble, asuint64, n, ed)                  \
		return 0;                                                     \
	}                                                                     \
	static int run_##fn##f(struct fpc_kdata *k)                          \
	{                                                                     \
		EXPR_LOOP(float, asfloat, asuint32, n, ef)                    \
		return 0;                                                     \
	}
#include "kernels/exprs.def"
#undef FPC_EXPR

/* ---- reductions (reduce.h, reduce.def) -------------------------------- */

FPC_REDUCE_DEFINE(sum_d, double, FPC_REDUCE_TERM_SUM, FPC_REDUCE_ADD_SUM)
FPC_REDUCE_DEFINE(dot_d, double, FPC_REDUCE_TERM_DOT, FPC_REDUCE_ADD_DOT)
FPC_REDUCE_DEFINE(norm_d, double, FPC_REDUCE_TERM_NORM, FPC_REDUCE_ADD_NORM)
FPC_REDUCE_DEFINE(sum_f, float, FPC_REDUCE_TERM_SUM, FPC_REDUCE_ADD_SUM)
FPC_REDUCE_DEFINE(dot_f, float, FPC_REDUCE_TERM_DOT, FPC_REDUCE_ADD_DOT)
FPC_REDUCE_DEFINE(norm_f, float, FPC_REDUCE_TERM_NORM, FPC_REDUCE_ADD_NORM)

/*
 * Threaded orders over FPC_REDUCE_THREADS equal chunks.  threads: each
 * thread reduces its chunk in order and adds its partial result to a
 * shared total under a lock, so the partials are combined in the order
 * the threads finish.  atomic: each thread adds every term of its chunk
 * to a shared accumulator with a compare-and-swap loop, as a renderer
 * accumulates samples into a shared framebuffer, so the terms of all
 * chunks interleave as the threads happen to run.  If a thread cannot be
 * started its chunk is reduced by the calling thread.
 */
#if defined(__GNUC__) || defined(__clang__)
#define CAS(p, old, new)                                                      \
	__atomic_compare_exchange_n(p, old, new, 0, __ATOMIC_SEQ_CST,         \
				    __ATOMIC_SEQ_CST)
#define ATOMIC_LOAD(p) __atomic_load_n(p, __ATOMIC_SEQ_CST)
#else
#error "the atomic reduction needs GCC's __atomic builtins"
#endif

#define PARALLEL(T, sfx, U, TOBITS, FROMBITS)                                 \
	struct part_##sfx {                                                   \
		const T *x, *y;                                               \
		uint32_t lo, hi;                                              \
		T (*seq)(const T *, const T *, uint32_t);                     \
		volatile T *total;                                            \
		U *cell;                                                      \
		pthread_mutex_t *lock;                                        \
	};                                                                    \
	static void *partial_##sfx(void *arg)                                 \
	{                                                                     \
		struct part_##sfx *p = arg;                                   \
		T s = p->seq(p->x + p->lo, p->y ? p->y + p->lo : NULL,        \
			     p->hi - p->lo);                                  \
		pthread_mutex_lock(p->lock);                                  \
		*p->total = *p->total + s;                                    \
		pthread_mutex_unlock(p->lock);                                \
		return NULL;                                                  \
	}                                                                     \
	static void *cas_##sfx(void *arg)                                     \
	{                                                                     \
		struct part_##sfx *p = arg;                                   \
		for (uint32_t i = p->lo; i < p->hi; i++) {                    \
			T v = p->y ? p->x[i] * p->y[i] : p->x[i];             \
			U old = ATOMIC_LOAD(p->cell), new;                    \
			do                                                    \
				new = TOBITS(FROMBITS(old) + v);              \
			while (!CAS(p->cell, &old, new));                     \
		}                                                             \
		return NULL;                                                  \
	}                                                                     \
	static T parallel_##sfx(const T *x, const T *y, uint32_t n,           \
				T (*seq)(const T *, const T *, uint32_t),     \
				void *(*work)(void *))                        \
	{                                                                     \
		struct part_##sfx p[FPC_REDUCE_THREADS];                      \
		void *args[FPC_REDUCE_THREADS];                               \
		pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;             \
		volatile T total = 0;                                         \
		U cell = TOBITS(0);                                           \
		for (int t = 0; t < FPC_REDUCE_THREADS; t++) {                \
			p[t].x = x;                                           \
			p[t].y = y;                                           \
			p[t].lo = (uint32_t)((uint64_t)n * t /                \
					     FPC_REDUCE_THREADS);             \
			p[t].hi = (uint32_t)((uint64_t)n * (t + 1) /          \
					     FPC_REDUCE_THREADS);             \
			p[t].seq = seq;                                       \
			p[t].total = &total;                                  \
			p[t].cell = &cell;                                    \
			p[t].lock = &lock;                                    \
		}                                                             \
		for (int t = 0; t < FPC_REDUCE_THREADS; t++)                  \
			args[t] = &p[t];                                      \
		fpc_pool_run(work, args);                                     \
		return work == partial_##sfx ? total : FROMBITS(cell);        \
	}

static uint64_t dbits(double d)
{
	return asuint64(d);
}

static uint32_t fbits(float f)
{
	return (uint32_t)asuint32(f);
}

PARALLEL(double, d, uint64_t, dbits, asdouble)
PARALLEL(float, f, uint32_t, fbits, asfloat)

/* name_threads and name_atomic for the sum and the dot product. */
#define PARALLEL_ORDERS(name, T, sfx, Y)                                      \
	static T name##_threads(const T *x, const T *y, uint32_t n)           \
	{                                                                     \
		return parallel_##sfx(x, y, n, name##_seq, partial_##sfx);    \
	}                                                                     \
	static T name##_atomic(const T *x, const T *y, uint32_t n)            \
	{                                                                     \
		(void)y;                                                      \
		return parallel_##sfx(x, Y, n, name##_seq, cas_##sfx);        \
	}
PARALLEL_ORDERS(sum_d, double, d, NULL)
PARALLEL_ORDERS(dot_d, double, d, y)
PARALLEL_ORDERS(sum_f, float, f, NULL)
PARALLEL_ORDERS(dot_f, float, f, y)

/* Vectors of the current input, reused from input to input. */
static struct {
	uint32_t cap;
	uint64_t *xb, *yb;
	double *xd, *yd;
	float *xf, *yf;
} vec;

static int vec_reserve(uint32_t n)
{
	size_t m = n ? n : 1;

	if (n <= vec.cap && vec.xb)
		return 0;
	free(vec.xb);
	free(vec.yb);
	free(vec.xd);
	free(vec.yd);
	free(vec.xf);
	free(vec.yf);
	vec.xb = malloc(m * sizeof(uint64_t));
	vec.yb = malloc(m * sizeof(uint64_t));
	vec.xd = malloc(m * sizeof(double));
	vec.yd = malloc(m * sizeof(double));
	vec.xf = malloc(m * sizeof(float));
	vec.yf = malloc(m * sizeof(float));
	vec.cap = n;
	if (!vec.xb || !vec.yb || !vec.xd || !vec.yd || !vec.xf || !vec.yf) {
		vec.cap = 0;
		return FPC_ERR_NOMEM;
	}
	return 0;
}

/* Regenerates input i's vectors in k's format; 0 or an error. */
static int vec_load(const struct fpc_kdata *k, uint32_t i, int dot,
		    uint32_t *n)
{
	uint64_t args[3] = {k->in[0][i], k->in[1][i], k->in[2][i]};
	unsigned dist;
	uint32_t seed;
	int err;

	if (fpc_reduce_desc(k->in_format, args, n, &dist, &seed))
		return FPC_ERR_FORMAT;
	if ((err = vec_reserve(*n)))
		return err;
	fpc_reduce_generate(k->in_format, dist, seed, *n, vec.xb,
			    dot ? vec.yb : NULL);
	for (uint32_t j = 0; j < *n; j++) {
		if (k->in_format == FPC_FMT_BINARY64) {
			vec.xd[j] = asdouble(vec.xb[j]);
			vec.yd[j] = dot ? asdouble(vec.yb[j]) : 0;
		} else {
			vec.xf[j] = asfloat(vec.xb[j]);
			vec.yf[j] = dot ? asfloat(vec.yb[j]) : 0;
		}
	}
	return 0;
}

typedef double (*reduce_d)(const double *, const double *, uint32_t);
typedef float (*reduce_f)(const float *, const float *, uint32_t);

/* Evaluates one reduction kernel on every descriptor of k. */
static int reduce_run(struct fpc_kdata *k, int op, reduce_d fd, reduce_f ff)
{
	int dot = op == FPC_REDUCE_DOT;

	if (k->arity != 3)
		return FPC_ERR_FORMAT;
	for (uint32_t i = 0; i < k->n; i++) {
		uint32_t n;
		int err = vec_load(k, i, dot, &n);

		if (err)
			return err;
		CLEAR_FLAGS();
		if (k->in_format == FPC_FMT_BINARY64) {
			volatile double y = fd(vec.xd, dot ? vec.yd : NULL, n);
			if (op == FPC_REDUCE_NORM)
				y = sqrt(y);
			k->flags[i] = read_flags();
			k->out[i] = asuint64(y);
		} else {
			volatile float y = ff(vec.xf, dot ? vec.yf : NULL, n);
			if (op == FPC_REDUCE_NORM)
				y = sqrtf(y);
			k->flags[i] = read_flags();
			k->out[i] = asuint32(y);
		}
	}
	return 0;
}

enum { op_sum = FPC_REDUCE_SUM, op_dot = FPC_REDUCE_DOT,
       op_norm = FPC_REDUCE_NORM };

#define FPC_REDUCE(op, order)                                                 \
	static int run_##op##_##order(struct fpc_kdata *k)                    \
	{                                                                     \
		return reduce_run(k, op_##op, op##_d_##order, op##_f_##order); \
	}
#include "kernels/reduce.def"
#undef FPC_REDUCE

/* ---- render kernels (render.h, render.def) ---------------------------- */

/* Set by -T: no kernel may start a thread. */
static int no_threads;

typedef void (*render_d)(unsigned, uint32_t, uint32_t, uint32_t, uint32_t,
			 double *);
typedef void (*render_f)(unsigned, uint32_t, uint32_t, uint32_t, uint32_t,
			 float *);

/* One thread's share of a render kernel's inputs: the pixels of the rows
 * y with y % FPC_RENDER_THREADS == part. */
struct render_part {
	struct fpc_kdata *k;
	unsigned spp, part;
	render_d fd;
	render_f ff;
	int err;
};

static void *render_rows(void *arg)
{
	struct render_part *r = arg;
	struct fpc_kdata *k = r->k;
	uint32_t cw = 0, ch = 0, cp = UINT32_MAX;
	double rgbd[3] = {0};
	float rgbf[3] = {0};
	uint8_t flags = 0;

	for (uint32_t i = 0; i < k->n; i++) {
		uint64_t args[3] = {k->in[0][i], k->in[1][i], k->in[2][i]};
		uint32_t w, h, idx, p, x, y;

		if (fpc_render_desc(k->in_format, args, &w, &h, &idx)) {
			r->err = FPC_ERR_FORMAT;
			return NULL;
		}
		p = idx / 3;
		x = p % w;
		y = p / w;
		if (y % FPC_RENDER_THREADS != r->part)
			continue;
		/* The three channels of a pixel come one after the other
		 * in the corpus: the pixel is computed once. */
		if (p != cp || w != cw || h != ch) {
			CLEAR_FLAGS();
			if (k->in_format == FPC_FMT_BINARY64)
				r->fd(r->spp, w, h, x, y, rgbd);
			else
				r->ff(r->spp, w, h, x, y, rgbf);
			flags = read_flags();
			cp = p;
			cw = w;
			ch = h;
		}
		k->out[i] = k->in_format == FPC_FMT_BINARY64
				? asuint64(rgbd[idx % 3])
				: asuint32(rgbf[idx % 3]);
		k->flags[i] = flags;
	}
	return NULL;
}

/* Evaluates a render kernel, its rows shared between the pool's threads
 * (or taken in turn by the calling thread under -T). */
static int render_run(struct fpc_kdata *k, unsigned spp, render_d fd,
		      render_f ff)
{
	struct render_part parts[FPC_RENDER_THREADS];
	void *args[FPC_RENDER_THREADS];
	int err = 0;

	if (k->arity != 3)
		return FPC_ERR_FORMAT;
	for (unsigned t = 0; t < FPC_RENDER_THREADS; t++) {
		parts[t] = (struct render_part){k, spp, t, fd, ff, 0};
		args[t] = &parts[t];
	}
	if (no_threads)
		for (unsigned t = 0; t < FPC_RENDER_THREADS; t++)
			render_rows(args[t]);
	else
		fpc_pool_run(render_rows, args);
	for (unsigned t = 0; t < FPC_RENDER_THREADS; t++)
		err = err ? err : parts[t].err;
	return err;
}

#define FPC_RENDER(name, program, spp)                                        \
	static int run_##name(struct fpc_kdata *k)                            \
	{                                                                     \
		return render_run(k, spp, fpc_render_##program,               \
				  fpc_render_##program##f);                   \
	}
#include "kernels/render.def"
#undef FPC_RENDER

struct kernel {
	const char *name;
	unsigned format;
	unsigned arity;
	int (*run)(struct fpc_kdata *); /* 0 or an FPC_ERR_* code */
	const struct fpc_user_kernel *user; /* a user's function, run NULL */
};

static const struct kernel kernels[] = {
#define FPC_FUNC(fn, arity, mpfr)                                             \
	{#fn, FPC_FMT_BINARY64, arity, run_##fn},                             \
	    {#fn "f", FPC_FMT_BINARY32, arity, run_##fn##f},
#include "kernels/functions.def"
#undef FPC_FUNC
#define FPC_EXPR(fn, n, ed, ef)                                               \
	{#fn, FPC_FMT_BINARY64, n, run_##fn},                                 \
	    {#fn "f", FPC_FMT_BINARY32, n, run_##fn##f},
#include "kernels/exprs.def"
#undef FPC_EXPR
#define FPC_REDUCE(op, order)                                                 \
	{#op "_" #order, FPC_FMT_BINARY64, 3, run_##op##_##order},            \
	    {#op "_" #order "f", FPC_FMT_BINARY32, 3, run_##op##_##order},
#include "kernels/reduce.def"
#undef FPC_REDUCE
#define FPC_RENDER(name, program, spp)                                        \
	{#name, FPC_FMT_BINARY64, 3, run_##name},                             \
	    {#name "f", FPC_FMT_BINARY32, 3, run_##name},
#include "kernels/render.def"
#undef FPC_RENDER
};

#define NKERNELS (sizeof(kernels) / sizeof(kernels[0]))

/* ---- user kernels (include/fpcheck/kernel.h) ---------------------------- */

/* A user's functions, built in with -DFPC_USER_KERNELS and the file that
 * defines fpc_user_kernels[] (fpcheck run --kernels). */
#define MAX_USER 64
static struct kernel users[MAX_USER];
static size_t nusers;

static int load_users(void)
{
#ifdef FPC_USER_KERNELS
	for (const struct fpc_user_kernel *u = fpc_user_kernels; u->name; u++) {
		int ok = u->format == FPC_USER_DOUBLE
			     ? (u->arity == 1 ? !!u->d1 : u->arity == 2 && u->d2)
			 : u->format == FPC_USER_FLOAT
			     ? (u->arity == 1 ? !!u->f1 : u->arity == 2 && u->f2)
			     : 0;
		if (!ok || nusers == MAX_USER) {
			fprintf(stderr, PROG ": user kernel '%s': %s\n",
				u->name,
				nusers == MAX_USER ? "more than 64 kernels"
						   : "bad format or arity");
			return FPC_ERR_ARG;
		}
		/* The name goes into records and file names: the C name the
		 * FPC_DOUBLE1... macros give, nothing else. */
		if (!fpc_kdata_name_ok(u->name, strlen(u->name))) {
			fprintf(stderr, PROG ": user kernel '%.*s': %s\n",
				FPC_NAME_MAX, u->name,
				fpc_strerror(FPC_ERR_NAME));
			return FPC_ERR_ARG;
		}
		users[nusers++] = (struct kernel){
		    u->name,
		    u->format == FPC_USER_DOUBLE ? FPC_FMT_BINARY64
						 : FPC_FMT_BINARY32,
		    (unsigned)u->arity, NULL, u};
	}
#endif
	return 0;
}

static int run_user(const struct fpc_user_kernel *u, struct fpc_kdata *k)
{
	for (uint32_t i = 0; i < k->n; i++) {
		CLEAR_FLAGS();
		if (u->format == FPC_USER_DOUBLE) {
			volatile double y =
			    u->arity == 1 ? u->d1(asdouble(k->in[0][i]))
					  : u->d2(asdouble(k->in[0][i]),
						  asdouble(k->in[1][i]));
			k->flags[i] = read_flags();
			k->out[i] = asuint64(y);
		} else {
			volatile float y =
			    u->arity == 1 ? u->f1(asfloat(k->in[0][i]))
					  : u->f2(asfloat(k->in[0][i]),
						  asfloat(k->in[1][i]));
			k->flags[i] = read_flags();
			k->out[i] = asuint32(y);
		}
	}
	return 0;
}

static int run_kernel(const struct kernel *kn, struct fpc_kdata *k)
{
	return kn->user ? run_user(kn->user, k) : kn->run(k);
}

static const struct kernel *find_kernel(const char *name)
{
	for (size_t i = 0; i < NKERNELS; i++)
		if (!strcmp(kernels[i].name, name))
			return &kernels[i];
	for (size_t i = 0; i < nusers; i++)
		if (!strcmp(users[i].name, name))
			return &users[i];
	return NULL;
}

/* ---- run-to-run determinism ----------------------------------------- */

#define REPEAT_LIST 16 /* inputs listed in a REPT section */

/* An input whose bits changed between runs: its distinct results. */
struct varied {
	uint32_t index, ndistinct;
	uint64_t seen[REPEAT_LIST];
};

/* The inputs whose bits varied, in the order they first did. */
struct variation {
	struct varied *v;
	uint32_t n, cap;
	uint32_t maxd; /* the most distinct results of one input */
};

/* The entry of input i, added with its first result when new; NULL when
 * out of memory. */
static struct varied *varied_entry(struct variation *vr, uint32_t i,
				   uint64_t first)
{
	uint32_t j;

	for (j = 0; j < vr->n && vr->v[j].index != i; j++)
		;
	if (j < vr->n)
		return &vr->v[j];
	if (vr->n == vr->cap) {
		struct varied *nvp;
		uint32_t cap = vr->cap ? 2 * vr->cap : 16;
		if (!(nvp = realloc(vr->v, cap * sizeof(*nvp))))
			return NULL;
		vr->v = nvp;
		vr->cap = cap;
	}
	vr->v[j].index = i;
	vr->v[j].ndistinct = 1;
	vr->v[j].seen[0] = first;
	vr->n++;
	return &vr->v[j];
}

/* Notes the inputs of one more run whose bits differ from the first
 * run's; 0 or FPC_ERR_NOMEM. */
static int note_run(struct variation *vr, const uint64_t *first,
		    const uint64_t *again, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		struct varied *v;
		uint32_t d;

		if (again[i] == first[i])
			continue;
		if (!(v = varied_entry(vr, i, first[i])))
			return FPC_ERR_NOMEM;
		/* Past REPEAT_LIST results an input's count stops growing. */
		for (d = 0; d < v->ndistinct && d < REPEAT_LIST &&
			    v->seen[d] != again[i];
		     d++)
			;
		if (d == v->ndistinct) {
			if (d < REPEAT_LIST)
				v->seen[d] = again[i];
			v->ndistinct++;
			if (v->ndistinct > vr->maxd)
				vr->maxd = v->ndistinct;
		}
	}
	return 0;
}

/* Writes kernel name's REPT section (docs/record-format.md). */
static int write_rept(struct fpc_writer *w, const char *name, unsigned repeats,
		      const struct variation *vr)
{
	uint32_t listed = vr->n < REPEAT_LIST ? vr->n : REPEAT_LIST;
	size_t namelen = strlen(name);
	uint64_t len = 2 + namelen + 16 + 8 * (uint64_t)listed;
	uint32_t head[4] = {repeats, vr->n, vr->maxd, listed};
	unsigned char b[8];

	fpc_put_u16(b, (uint16_t)namelen);
	if (fpc_writer_begin(w, "REPT", len) || fpc_writer_write(w, b, 2) ||
	    fpc_writer_write(w, name, namelen))
		return w->err;
	for (int h = 0; h < 4; h++) {
		fpc_put_u32(b, head[h]);
		if (fpc_writer_write(w, b, 4))
			return w->err;
	}
	for (uint32_t j = 0; j < listed; j++) {
		fpc_put_u32(b, vr->v[j].index);
		fpc_put_u32(b + 4, vr->v[j].ndistinct);
		if (fpc_writer_write(w, b, 8))
			return w->err;
	}
	return fpc_writer_end(w);
}

/*
 * Runs kernel kn on k (outputs of the first run already in k) repeats - 1
 * more times and writes the REPT section: the number of runs, of inputs
 * whose bits varied, the most distinct results of one input, and the
 * first varied inputs with their counts of distinct results.
 */
static int repeat_kernel(struct fpc_writer *w, const struct kernel *kn,
			 struct fpc_kdata *k, unsigned repeats)
{
	uint64_t *first = k->out, *again = calloc(k->n ? k->n : 1, 8);
	uint8_t *flags = k->flags, *fl = calloc(k->n ? k->n : 1, 1);
	struct variation vr = {NULL, 0, 0, 1};
	int err = 0;

	if (!again || !fl) {
		free(again);
		free(fl);
		return FPC_ERR_NOMEM;
	}
	for (unsigned r = 1; r < repeats && !err; r++) {
		k->out = again;
		k->flags = fl;
		err = run_kernel(kn, k);
		k->out = first;
		k->flags = flags;
		if (!err)
			err = note_run(&vr, first, again, k->n);
	}
	free(again);
	free(fl);
	if (!err)
		err = write_rept(w, k->name, repeats, &vr);
	free(vr.v);
	return err;
}

/* ---- the program ----------------------------------------------------- */

/* Prints the usage on stderr; returns the exit status 2. */
static int usage(void)
{
	fprintf(stderr,
		"usage: " PROG " [-k NAME[,NAME...]] [-m KEY=VALUE]... [-r N] "
		"[-T] [--] CORPUS RECORD\n"
		"       " PROG " --list\n");
	return 2;
}

/* Prints "PROG: what: " and the error (errno's text for FPC_ERR_IO);
 * returns the exit status 2. */
static int die(const char *what, int err)
{
	if (err == FPC_ERR_IO)
		fprintf(stderr, PROG ": %s: %s\n", what, strerror(errno));
	else
		fprintf(stderr, PROG ": %s: %s\n", what, fpc_strerror(err));
	return 2;
}

/* Is name in the comma-separated list (NULL selects everything)? */
static int selected(const char *list, const char *name)
{
	size_t n = strlen(name);

	if (!list)
		return 1;
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && !strncmp(p, name, n))
			return 1;
		p += len + (p[len] == ',');
	}
	return 0;
}

/* What the command line asks for. */
struct options {
	const char *only; /* -k: the kernels to run, NULL for all */
	unsigned repeats; /* -r: runs of every kernel */
	const char *corpus, *record;
};

/* A run: the corpus read, the record written, and what to name in an
 * error message (the corpus, the record or a kernel of the corpus). */
struct run {
	const struct options *o;
	struct fpc_prov *prov;
	struct fpc_reader r;
	struct fpc_writer w;
	int wrote_prov;
	char what[FPC_NAME_MAX + 64];
};

/* Does the kernel start threads (the threads and atomic reductions)? */
static int starts_threads(const char *name)
{
	return strstr(name, "_threads") || strstr(name, "_atomic");
}

/* --list: every kernel this runner can evaluate. */
static int list_kernels(void)
{
	for (size_t k = 0; k < NKERNELS; k++)
		printf("%s\n", kernels[k].name);
	for (size_t k = 0; k < nusers; k++)
		printf("%s\n", users[k].name);
	return fflush(stdout) || ferror(stdout) ? 2 : 0;
}

/* --list-user: a user's functions, one a line: name, the function it
 * implements ("-": none), type, arity. */
static int list_users(void)
{
	for (size_t k = 0; k < nusers; k++)
		printf("%s %s %s %u\n", users[k].name,
		       users[k].user->implements ? users[k].user->implements
						 : "-",
		       users[k].format == FPC_FMT_BINARY64 ? "double" : "float",
		       users[k].arity);
	return fflush(stdout) || ferror(stdout) ? 2 : 0;
}

/* -r's value, 1 to 1000; 0 when it is not one. */
static unsigned parse_repeats(const char *s)
{
	char *end;
	unsigned long r = strtoul(s, &end, 10);

	return *end || !r || r > 1000 ? 0 : (unsigned)r;
}

/*
 * Reads the options into o, -m's pairs into prov (in place of the probes'
 * pairs of the same key).  Returns 0, or 2 after saying why on stderr.
 */
static int parse_options(int argc, char **argv, struct options *o,
			 struct fpc_prov *prov)
{
	int i, err;

	*o = (struct options){NULL, 1, NULL, NULL};
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (!strcmp(argv[i], "-k") && i + 1 < argc) {
			o->only = argv[++i];
		} else if (!strcmp(argv[i], "-T")) {
			no_threads = 1;
		} else if (!strcmp(argv[i], "-r") && i + 1 < argc) {
			if (!(o->repeats = parse_repeats(argv[++i])))
				return usage();
		} else if (!strcmp(argv[i], "-m") && i + 1 < argc) {
			char *kv = argv[++i], *eq = strchr(kv, '=');
			if (!eq || eq == kv)
				return usage();
			*eq = 0;
			if ((err = fpc_probe_set(prov, kv, eq + 1)))
				return die("provenance", err);
		} else {
			return usage();
		}
	}
	if (argc - i != 2)
		return usage();
	o->corpus = argv[i];
	o->record = argv[i + 1];
	return 0;
}

/*
 * The keys that depend on the command line: "threads", and for each of a
 * user's functions "kernel.NAME: FUNCTION TYPE ARITY", what fpcheck
 * checks it against (FUNCTION "-": nothing).
 */
static int add_run_keys(struct fpc_prov *prov)
{
	int err = fpc_probe_set(prov, "threads", no_threads ? "no" : "yes");

	for (size_t k = 0; k < nusers && !err; k++) {
		char key[FPC_NAME_MAX + 16], val[FPC_NAME_MAX + 32];
		snprintf(key, sizeof(key), "kernel.%s", users[k].name);
		snprintf(val, sizeof(val), "%.*s %s %u", FPC_NAME_MAX,
			 users[k].user->implements ? users[k].user->implements
						   : "-",
			 users[k].format == FPC_FMT_BINARY64 ? "double" : "float",
			 users[k].arity);
		err = fpc_probe_set(prov, key, val);
	}
	return err;
}

/* Corpus information section: the generator's hash and seed, copied into
 * the provenance so a record names the corpus it was made from. */
static int read_cinf(const unsigned char *p, uint64_t len,
		     struct fpc_prov *prov)
{
	struct fpc_cursor c;
	char buf[32];

	fpc_cursor_init(&c, p, len);
	uint64_t hash = fpc_cursor_u64(&c);
	uint64_t seed = fpc_cursor_u64(&c);
	if (c.bad)
		return FPC_ERR_FORMAT;
	snprintf(buf, sizeof(buf), "%016llx", (unsigned long long)hash);
	if (fpc_probe_set(prov, "corpus.hash", buf))
		return FPC_ERR_NOMEM;
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)seed);
	return fpc_probe_set(prov, "corpus.seed", buf);
}

/* Evaluates kernel kn on k's inputs (and again for -r) and writes its
 * sections to the record. */
static int evaluate(struct run *run, const struct kernel *kn,
		    struct fpc_kdata *k)
{
	int err;

	k->out = calloc(k->n ? k->n : 1, sizeof(uint64_t));
	k->flags = calloc(k->n ? k->n : 1, 1);
	if (!k->out || !k->flags)
		return FPC_ERR_NOMEM;
	k->out_format = (uint8_t)kn->format;
	if ((err = run_kernel(kn, k))) {
		snprintf(run->what, sizeof(run->what), "%s: kernel '%s'",
			 run->o->corpus, k->name);
		return err;
	}
	if ((run->o->repeats > 1 &&
	     (err = repeat_kernel(&run->w, kn, k, run->o->repeats))) ||
	    (err = fpc_kdata_write(&run->w, k, 1)))
		snprintf(run->what, sizeof(run->what), "%s", run->o->record);
	return err;
}

/* A KERN section of the corpus: the provenance first if not yet written,
 * then the kernel, when -k and -T select it. */
static int run_section(struct run *run, const unsigned char *payload,
		       uint64_t len)
{
	struct fpc_kdata k;
	const struct kernel *kn;
	int err;

	if (!run->wrote_prov && (err = fpc_prov_write(&run->w, run->prov)))
		return err;
	run->wrote_prov = 1;
	if ((err = fpc_kdata_decode(&k, payload, len, 0)))
		return err;
	kn = find_kernel(k.name);
	if (!kn || kn->format != k.in_format || kn->arity != k.arity) {
		snprintf(run->what, sizeof(run->what), "%s: kernel '%s'",
			 run->o->corpus, k.name);
		err = FPC_ERR_UNKNOWN;
	} else if (selected(run->o->only, k.name) &&
		   (!no_threads || !starts_threads(k.name))) {
		err = evaluate(run, kn, &k);
	}
	fpc_kdata_release(&k);
	return err;
}

/* Every section of the corpus in turn; then the provenance, if no kernel
 * wrote it. */
static int run_corpus(struct run *run)
{
	unsigned char *payload;
	uint64_t len;
	char type[5];
	int rc = 0, err = 0;

	while (!err &&
	       (rc = fpc_reader_next(&run->r, type, &payload, &len)) > 0) {
		if (!strcmp(type, "CINF"))
			err = read_cinf(payload, len, run->prov);
		else if (!strcmp(type, "KERN"))
			err = run_section(run, payload, len);
		/* Other section types are for the library (origins of the
		 * inputs): skipped, as the format says unknown types are. */
		free(payload);
	}
	if (!err && rc < 0)
		err = rc;
	if (!err && !run->wrote_prov)
		err = fpc_prov_write(&run->w, run->prov);
	return err;
}

/* Evaluates the corpus into the record, written whole or not at all.
 * Returns the exit status. */
static int run(const struct options *o, struct fpc_prov *prov)
{
	struct run run = {o, prov};
	int err;

	if ((err = fpc_reader_open(&run.r, o->corpus, FPC_KIND_CORPUS)))
		return die(o->corpus, err);
	if ((err = fpc_writer_open(&run.w, o->record, FPC_KIND_RECORD))) {
		fpc_reader_close(&run.r);
		return die(o->record, err);
	}
	snprintf(run.what, sizeof(run.what), "%s", o->corpus);
	err = run_corpus(&run);
	fpc_reader_close(&run.r);
	if (err) {
		fpc_writer_abort(&run.w);
		return die(run.what, err);
	}
	if ((err = fpc_writer_commit(&run.w)))
		return die(o->record, err);
	return 0;
}

int main(int argc, char **argv)
{
	struct fpc_prov prov = {0};
	struct options o;
	int err, status;

	if (load_users())
		return 2;
	if (argc == 2 && !strcmp(argv[1], "--list"))
		return list_kernels();
	if (argc == 2 && !strcmp(argv[1], "--list-user"))
		return list_users();
	if ((err = fpc_probe_collect(&prov)))
		status = die("provenance", err);
	else if (!(status = parse_options(argc, argv, &o, &prov)))
		status = (err = add_run_keys(&prov)) ? die("provenance", err)
						     : run(&o, &prov);
	fpc_prov_release(&prov);
	return status;
}
