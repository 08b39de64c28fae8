/*
 * fpcheck-runner: evaluates every kernel of a corpus and writes a record.
 *
 * This is the only program compiled with the flags under test, by whatever
 * C compiler targets the machine under test, so it depends on the C library
 * and libm alone and on nothing of the rest of fpcheck.  Inputs come from
 * the corpus file at run time, so the compiler cannot fold the calls.
 *
 * usage: fpcheck-runner [-k NAME[,NAME...]] [-m KEY=VALUE]... [-r N] [-T]
 *                       CORPUS RECORD
 *        fpcheck-runner --list
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
 * Build-time macros that describe the build in the record's provenance:
 * FPC_BUILD_CC (compiler command), FPC_BUILD_FLAGS (flags), FPC_LIBC (libc
 * name where the runner cannot tell it, e.g. "musl"), FPC_VERSION.
 */
#define _GNU_SOURCE 1 /* exp10, exp10f, j0f...: GNU and XSI extensions */

#include <errno.h>
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/utsname.h>

#ifdef __GLIBC__
#include <gnu/libc-version.h>
#endif

#include "fpcheck/container.h"
#include "fpcheck/kdata.h"
#include "fpcheck/error.h"
#include "kernels/horner.h"
#include "fpcheck/kernel.h"
#include "kernels/reduce.h"
#include "kernels/render.h"

#if FLT_MANT_DIG != 24 || DBL_MANT_DIG != 53 || FLT_RADIX != 2
#error "the runner needs IEEE 754 binary32 float and binary64 double"
#endif

#ifndef FPC_VERSION
#define FPC_VERSION "unknown"
#endif
#ifndef FPC_BUILD_CC
#define FPC_BUILD_CC "unknown"
#endif
#ifndef FPC_BUILD_FLAGS
#define FPC_BUILD_FLAGS "unknown"
#endif

#define PROG "fpcheck-runner"

/* ---- exception flags ------------------------------------------------- */

#if defined(FE_ALL_EXCEPT) && FE_ALL_EXCEPT != 0
#define HAVE_FLAGS 1
#define CLEAR_FLAGS() feclearexcept(FE_ALL_EXCEPT)
#else
#define HAVE_FLAGS 0
#define CLEAR_FLAGS() ((void)0)
#endif

/* The host's FE_* bits in the portable on-disk encoding. */
static uint8_t read_flags(void)
{
#if HAVE_FLAGS
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

/*
 * The threads: FPC_REDUCE_THREADS workers started at the first use and
 * kept, each handed its chunk for every input, so that a run starts 4
 * threads rather than 4 per input (emulators keep memory for every
 * thread that ever ran).  The calling thread waits until all are done.
 * A worker that cannot be started has its chunks run by the caller.
 */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t go, done;
	int started[FPC_REDUCE_THREADS], init;
	unsigned long gen;
	unsigned ndone;
	void *(*work)(void *);
	void **args;
} pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
	  PTHREAD_COND_INITIALIZER, {0}, 0, 0, 0, NULL, NULL};

static void *pool_worker(void *arg)
{
	int t = (int)(intptr_t)arg;
	unsigned long seen = 0;

	for (;;) {
		void *(*work)(void *);
		void *a;

		pthread_mutex_lock(&pool.lock);
		while (pool.gen == seen)
			pthread_cond_wait(&pool.go, &pool.lock);
		seen = pool.gen;
		work = pool.work;
		a = pool.args[t];
		pthread_mutex_unlock(&pool.lock);
		work(a);
		pthread_mutex_lock(&pool.lock);
		if (++pool.ndone == FPC_REDUCE_THREADS)
			pthread_cond_signal(&pool.done);
		pthread_mutex_unlock(&pool.lock);
	}
	return NULL;
}

static void pool_run(void *(*work)(void *), void **args)
{
	pthread_mutex_lock(&pool.lock);
	if (!pool.init) {
		pool.init = 1;
		for (int t = 0; t < FPC_REDUCE_THREADS; t++) {
			pthread_t tid;
			pool.started[t] = !pthread_create(
			    &tid, NULL, pool_worker, (void *)(intptr_t)t);
			if (pool.started[t])
				pthread_detach(tid);
		}
	}
	pool.work = work;
	pool.args = args;
	pool.ndone = 0;
	for (int t = 0; t < FPC_REDUCE_THREADS; t++)
		pool.ndone += !pool.started[t];
	pool.gen++;
	pthread_cond_broadcast(&pool.go);
	pthread_mutex_unlock(&pool.lock);
	for (int t = 0; t < FPC_REDUCE_THREADS; t++)
		if (!pool.started[t])
			work(args[t]);
	pthread_mutex_lock(&pool.lock);
	while (pool.ndone < FPC_REDUCE_THREADS)
		pthread_cond_wait(&pool.done, &pool.lock);
	pthread_mutex_unlock(&pool.lock);
}

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
		pool_run(work, args);                                         \
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
		pool_run(render_rows, args);
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
		if (!ok || nusers == MAX_USER || strlen(u->name) > FPC_NAME_MAX) {
			fprintf(stderr, PROG ": user kernel '%s': %s\n", u->name,
				nusers == MAX_USER ? "more than 64 kernels"
						   : "bad format, arity or name");
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

/* ---- provenance ------------------------------------------------------ */

struct prov {
	size_t n;
	char *kv[128][2];
};

static int prov_add(struct prov *p, const char *key, const char *val)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (!strcmp(p->kv[i][0], key))
			break;
	if (i == p->n) {
		if (p->n == sizeof(p->kv) / sizeof(p->kv[0]))
			return FPC_ERR_ARG;
		if (!(p->kv[i][0] = strdup(key)))
			return FPC_ERR_NOMEM;
		p->kv[i][1] = NULL;
		p->n++;
	}
	free(p->kv[i][1]);
	if (!(p->kv[i][1] = strdup(val)))
		return FPC_ERR_NOMEM;
	/* Compilers' version strings may end in a space. */
	for (size_t n = strlen(p->kv[i][1]); n && p->kv[i][1][n - 1] == ' ';)
		p->kv[i][1][--n] = 0;
	return 0;
}

static const char *arch_name(void)
{
#if defined(__x86_64__)
	return "x86_64";
#elif defined(__aarch64__)
	return "aarch64";
#elif defined(__i386__)
	return "i686";
#elif defined(__riscv) && __riscv_xlen == 64
	return "riscv64";
#elif defined(__s390x__)
	return "s390x";
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
	return "ppc64le";
#elif defined(__powerpc64__)
	return "ppc64";
#elif defined(__arm__)
	return "arm";
#else
	return "unknown";
#endif
}

static const char *compiler_name(void)
{
#if defined(__clang__)
	return "clang " __clang_version__;
#elif defined(__GNUC__)
	return "gcc " __VERSION__;
#else
	return "unknown";
#endif
}

/* First "model name", "cpu model" or "uarch" line of /proc/cpuinfo. */
static void cpu_name(char *buf, size_t len)
{
	static const char *keys[] = {"model name", "cpu model", "uarch",
				     "processor ", "cpu"};
	char line[512];
	FILE *f = fopen("/proc/cpuinfo", "r");

	snprintf(buf, len, "unknown");
	if (!f)
		return;
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		rewind(f);
		while (fgets(line, sizeof(line), f)) {
			char *colon = strchr(line, ':');
			if (strncmp(line, keys[k], strlen(keys[k])) || !colon)
				continue;
			colon++;
			colon += strspn(colon, " \t");
			colon[strcspn(colon, "\n")] = 0;
			if (*colon) {
				snprintf(buf, len, "%s", colon);
				fclose(f);
				return;
			}
		}
	}
	fclose(f);
}

static const char *rounding_name(void)
{
	switch (fegetround()) {
#ifdef FE_TONEAREST
	case FE_TONEAREST:
		return "to-nearest";
#endif
#ifdef FE_UPWARD
	case FE_UPWARD:
		return "upward";
#endif
#ifdef FE_DOWNWARD
	case FE_DOWNWARD:
		return "downward";
#endif
#ifdef FE_TOWARDZERO
	case FE_TOWARDZERO:
		return "toward-zero";
#endif
	default:
		return "unknown";
	}
}

static int collect_provenance(struct prov *p)
{
	volatile double tiny = DBL_MIN, half = 0.5, sub;
	volatile uint16_t probe = 1;
	uint64_t one = 1;
	struct utsname u;
	char buf[512];
	int err = 0;
	time_t now = time(NULL);
	struct tm tm;

	memcpy((void *)&sub, &one, sizeof(one));
	err |= prov_add(p, "fpcheck.version", FPC_VERSION);
	err |= prov_add(p, "arch", arch_name());
	err |= prov_add(p, "endian",
			*(volatile unsigned char *)&probe ? "little" : "big");
	err |= prov_add(p, "compiler", compiler_name());
	err |= prov_add(p, "build.cc", FPC_BUILD_CC);
	err |= prov_add(p, "build.flags", FPC_BUILD_FLAGS);
#if defined(__GLIBC__)
	snprintf(buf, sizeof(buf), "glibc %s", gnu_get_libc_version());
	err |= prov_add(p, "libc", buf);
#elif defined(FPC_LIBC)
	err |= prov_add(p, "libc", FPC_LIBC);
#else
	err |= prov_add(p, "libc", "unknown");
#endif
	if (!uname(&u)) {
		snprintf(buf, sizeof(buf), "%s %s %s", u.sysname, u.release,
			 u.machine);
		err |= prov_add(p, "os", buf);
	}
	cpu_name(buf, sizeof(buf));
	err |= prov_add(p, "cpu", buf);
	err |= prov_add(p, "emulator", "none");
	snprintf(buf, sizeof(buf), "%d", (int)FLT_EVAL_METHOD);
	err |= prov_add(p, "flt_eval_method", buf);
	snprintf(buf, sizeof(buf), "%d", (int)LDBL_MANT_DIG);
	err |= prov_add(p, "ldbl_mant_dig", buf);
#ifdef FP_FAST_FMA
	err |= prov_add(p, "fp_fast_fma", "yes");
#else
	err |= prov_add(p, "fp_fast_fma", "no");
#endif
	/* Control registers first: the probes below raise status flags. */
#if defined(__SSE__) && (defined(__x86_64__) || defined(__i386__))
	snprintf(buf, sizeof(buf), "0x%08x", __builtin_ia32_stmxcsr());
	err |= prov_add(p, "mxcsr", buf);
#endif
#if defined(__aarch64__)
	{
		unsigned long long fpcr;
		__asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
		snprintf(buf, sizeof(buf), "0x%08llx", fpcr);
		err |= prov_add(p, "fpcr", buf);
	}
#endif
	/* Observed, not configured: what a kernel in this process sees.
	 * DBL_MIN/2 is subnormal, so it is 0 only when results are flushed;
	 * the smallest subnormal compares equal to 0 only when inputs are. */
	err |= prov_add(p, "ftz", tiny * half == 0 ? "on" : "off");
	err |= prov_add(p, "daz", sub == 0 ? "on" : "off");
	err |= prov_add(p, "rounding", rounding_name());
	err |= prov_add(p, "fenv.flags", HAVE_FLAGS ? "yes" : "no");
	if (gmtime_r(&now, &tm)) {
		strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
		err |= prov_add(p, "time", buf);
	}
	return err ? FPC_ERR_NOMEM : 0;
}

static int write_provenance(struct fpc_writer *w, const struct prov *p)
{
	uint64_t len = 4;
	unsigned char b[8];

	for (size_t i = 0; i < p->n; i++)
		len += 2 + strlen(p->kv[i][0]) + 4 + strlen(p->kv[i][1]);
	fpc_put_u32(b, (uint32_t)p->n);
	if (fpc_writer_begin(w, "PROV", len) || fpc_writer_write(w, b, 4))
		return w->err;
	for (size_t i = 0; i < p->n; i++) {
		size_t kl = strlen(p->kv[i][0]), vl = strlen(p->kv[i][1]);
		fpc_put_u16(b, (uint16_t)kl);
		fpc_put_u32(b + 2, (uint32_t)vl);
		if (fpc_writer_write(w, b, 2) ||
		    fpc_writer_write(w, p->kv[i][0], kl) ||
		    fpc_writer_write(w, b + 2, 4) ||
		    fpc_writer_write(w, p->kv[i][1], vl))
			return w->err;
	}
	return fpc_writer_end(w);
}

/* ---- main ------------------------------------------------------------ */

static void usage(void)
{
	fprintf(stderr,
		"usage: " PROG " [-k NAME[,NAME...]] [-m KEY=VALUE]... [-r N] "
		"[-T] CORPUS RECORD\n"
		"       " PROG " --list\n");
}

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

/* ---- run-to-run determinism ----------------------------------------- */

#define REPEAT_LIST 16 /* inputs listed in a REPT section */

/* An input whose bits changed between runs: its distinct results. */
struct varied {
	uint32_t index, ndistinct;
	uint64_t seen[REPEAT_LIST];
};

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
	struct varied *v = NULL;
	uint32_t nv = 0, cap = 0, maxd = 1;
	size_t namelen = strlen(k->name);
	unsigned char b[8];
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
		for (uint32_t i = 0; i < k->n && !err; i++) {
			uint32_t j;
			if (again[i] == first[i])
				continue;
			for (j = 0; j < nv && v[j].index != i; j++)
				;
			if (j == nv) {
				if (nv == cap) {
					struct varied *nvp;
					cap = cap ? 2 * cap : 16;
					if (!(nvp = realloc(v, cap * sizeof(*v)))) {
						err = FPC_ERR_NOMEM;
						break;
					}
					v = nvp;
				}
				v[nv].index = i;
				v[nv].ndistinct = 1;
				v[nv].seen[0] = first[i];
				nv++;
			}
			uint32_t d;
			for (d = 0; d < v[j].ndistinct && d < REPEAT_LIST &&
				    v[j].seen[d] != again[i];
			     d++)
				;
			if (d == v[j].ndistinct) {
				if (d < REPEAT_LIST)
					v[j].seen[d] = again[i];
				v[j].ndistinct++;
				if (v[j].ndistinct > maxd)
					maxd = v[j].ndistinct;
			}
		}
	}
	free(again);
	free(fl);
	if (!err) {
		uint32_t listed = nv < REPEAT_LIST ? nv : REPEAT_LIST;
		uint64_t len = 2 + namelen + 16 + 8 * (uint64_t)listed;

		fpc_put_u16(b, (uint16_t)namelen);
		if (fpc_writer_begin(w, "REPT", len) || fpc_writer_write(w, b, 2) ||
		    fpc_writer_write(w, k->name, namelen))
			err = w->err;
		uint32_t head[4] = {repeats, nv, maxd, listed};
		for (int h = 0; h < 4 && !err; h++) {
			fpc_put_u32(b, head[h]);
			if (fpc_writer_write(w, b, 4))
				err = w->err;
		}
		for (uint32_t j = 0; j < listed && !err; j++) {
			fpc_put_u32(b, v[j].index);
			fpc_put_u32(b + 4, v[j].ndistinct);
			if (fpc_writer_write(w, b, 8))
				err = w->err;
		}
		if (!err)
			err = fpc_writer_end(w);
	}
	free(v);
	return err;
}

/* Does the kernel start threads (the threads and atomic reductions)? */
static int starts_threads(const char *name)
{
	return strstr(name, "_threads") || strstr(name, "_atomic");
}

/* Corpus information section: the generator's hash and seed, copied into
 * the provenance so a record names the corpus it was made from. */
static int read_cinf(const unsigned char *p, uint64_t len, struct prov *prov)
{
	struct fpc_cursor c;
	char buf[32];

	fpc_cursor_init(&c, p, len);
	uint64_t hash = fpc_cursor_u64(&c);
	uint64_t seed = fpc_cursor_u64(&c);
	if (c.bad)
		return FPC_ERR_FORMAT;
	snprintf(buf, sizeof(buf), "%016llx", (unsigned long long)hash);
	if (prov_add(prov, "corpus.hash", buf))
		return FPC_ERR_NOMEM;
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)seed);
	return prov_add(prov, "corpus.seed", buf);
}

int main(int argc, char **argv)
{
	const char *only = NULL, *corpus, *record;
	struct prov prov = {0};
	struct fpc_reader r;
	struct fpc_writer w;
	unsigned char *payload;
	uint64_t len;
	char type[5], what[FPC_NAME_MAX + 64];
	int i, rc, err, wrote_prov = 0;
	unsigned repeats = 1;
	int threads = 1;

	if ((err = load_users()))
		return 2;
	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (size_t k = 0; k < NKERNELS; k++)
			printf("%s\n", kernels[k].name);
		for (size_t k = 0; k < nusers; k++)
			printf("%s\n", users[k].name);
		return fflush(stdout) || ferror(stdout) ? 2 : 0;
	}
	if (argc == 2 && !strcmp(argv[1], "--list-user")) {
		/* name, the function it implements ("-": none), type, arity */
		for (size_t k = 0; k < nusers; k++)
			printf("%s %s %s %u\n", users[k].name,
			       users[k].user->implements
				   ? users[k].user->implements
				   : "-",
			       users[k].format == FPC_FMT_BINARY64 ? "double"
								   : "float",
			       users[k].arity);
		return fflush(stdout) || ferror(stdout) ? 2 : 0;
	}
	if ((err = collect_provenance(&prov)))
		return die("provenance", err);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-k") && i + 1 < argc) {
			only = argv[++i];
		} else if (!strcmp(argv[i], "-T")) {
			threads = 0;
			no_threads = 1;
		} else if (!strcmp(argv[i], "-r") && i + 1 < argc) {
			char *end;
			unsigned long r = strtoul(argv[++i], &end, 10);
			if (*end || !r || r > 1000) {
				usage();
				return 2;
			}
			repeats = (unsigned)r;
		} else if (!strcmp(argv[i], "-m") && i + 1 < argc) {
			char *kv = argv[++i], *eq = strchr(kv, '=');
			if (!eq || eq == kv) {
				usage();
				return 2;
			}
			*eq = 0;
			if ((err = prov_add(&prov, kv, eq + 1)))
				return die("provenance", err);
		} else {
			usage();
			return 2;
		}
	}
	if (argc - i != 2) {
		usage();
		return 2;
	}
	if ((err = prov_add(&prov, "threads", threads ? "yes" : "no")))
		return die("provenance", err);
	for (size_t k = 0; k < nusers; k++) {
		/* "kernel.NAME: FUNCTION TYPE ARITY": what fpcheck checks a
		 * user's function against (FUNCTION "-": nothing). */
		char key[FPC_NAME_MAX + 16], val[FPC_NAME_MAX + 32];
		snprintf(key, sizeof(key), "kernel.%s", users[k].name);
		snprintf(val, sizeof(val), "%.*s %s %u", FPC_NAME_MAX,
			 users[k].user->implements ? users[k].user->implements
						   : "-",
			 users[k].format == FPC_FMT_BINARY64 ? "double" : "float",
			 users[k].arity);
		if ((err = prov_add(&prov, key, val)))
			return die("provenance", err);
	}
	corpus = argv[i];
	record = argv[i + 1];

	if ((err = fpc_reader_open(&r, corpus, FPC_KIND_CORPUS)))
		return die(corpus, err);
	if ((err = fpc_writer_open(&w, record, FPC_KIND_RECORD))) {
		fpc_reader_close(&r);
		return die(record, err);
	}
	snprintf(what, sizeof(what), "%s", corpus);
	while ((rc = fpc_reader_next(&r, type, &payload, &len)) > 0) {
		if (!strcmp(type, "CINF")) {
			err = read_cinf(payload, len, &prov);
		} else if (!strcmp(type, "KERN")) {
			struct fpc_kdata k;
			const struct kernel *kn;

			if (!wrote_prov && (err = write_provenance(&w, &prov)))
				break;
			wrote_prov = 1;
			if ((err = fpc_kdata_decode(&k, payload, len, 0)))
				break;
			kn = find_kernel(k.name);
			if (!kn || kn->format != k.in_format ||
			    kn->arity != k.arity) {
				snprintf(what, sizeof(what),
					 "%s: kernel '%s'", corpus, k.name);
				fpc_kdata_release(&k);
				err = FPC_ERR_UNKNOWN;
				break;
			}
			if (selected(only, k.name) &&
			    (threads || !starts_threads(k.name))) {
				k.out = calloc(k.n ? k.n : 1, sizeof(uint64_t));
				k.flags = calloc(k.n ? k.n : 1, 1);
				if (!k.out || !k.flags) {
					err = FPC_ERR_NOMEM;
				} else {
					k.out_format = (uint8_t)kn->format;
					if ((err = run_kernel(kn, &k)))
						snprintf(what, sizeof(what),
							 "%s: kernel '%s'",
							 corpus, k.name);
					else if ((repeats > 1 &&
						  (err = repeat_kernel(&w, kn, &k,
								       repeats))) ||
						 (err = fpc_kdata_write(&w, &k,
									1)))
						snprintf(what, sizeof(what),
							 "%s", record);
				}
			}
			fpc_kdata_release(&k);
		}
		/* Other section types are for the library (origins of the
		 * inputs): skipped, as the format says unknown types are. */
		free(payload);
		if (err)
			break;
	}
	if (!err && rc < 0)
		err = rc;
	if (!err && !wrote_prov)
		err = write_provenance(&w, &prov);
	fpc_reader_close(&r);
	if (err) {
		fpc_writer_abort(&w);
		return die(what, err);
	}
	if ((err = fpc_writer_commit(&w)))
		return die(record, err);
	for (size_t k = 0; k < prov.n; k++) {
		free(prov.kv[k][0]);
		free(prov.kv[k][1]);
	}
	return 0;
}
