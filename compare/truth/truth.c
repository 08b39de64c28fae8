/*
 * MPFR truth (see fpcheck/truth.h).
 *
 * Formats are emulated the MPFR way: round to the precision p in MPFR's
 * wide exponent range, then restrict the range to the format's (emin,
 * emax), mpfr_check_range and mpfr_subnormalize, carrying the ternary
 * value through each step so that no step rounds twice.  The exponent
 * range is thread-local in MPFR's thread-safe builds; it is saved and
 * restored around every use.
 */
#include "fpcheck/truth.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fpcheck/error.h"
#include "fpcheck/mpfr_fmt.h"
#include "fpcheck/ulp.h"

/* Each format's precision p (its description, fpcheck/ulp.h) and the
 * working precision of the bulk path. */
static const struct target {
	mpfr_prec_t p;
	mpfr_prec_t work;
} targets[] = {
	[FPC_FMT_BINARY32] = {24, 64},
	[FPC_FMT_BINARY64] = {53, 128},
};

static const struct target *target(unsigned format)
{
	return &targets[format == FPC_FMT_BINARY32 ? FPC_FMT_BINARY32
						   : FPC_FMT_BINARY64];
}

int fpc_truth_alloc(struct fpc_truth *t, uint32_t n)
{
	size_t m = n ? n : 1;

	t->n = n;
	t->cr = calloc(m, sizeof(*t->cr));
	t->off = calloc(m, sizeof(*t->off));
	t->ue = calloc(m, sizeof(*t->ue));
	if (!t->cr || !t->off || !t->ue) {
		fpc_truth_release(t);
		return FPC_ERR_NOMEM;
	}
	return 0;
}

void fpc_truth_release(struct fpc_truth *t)
{
	free(t->cr);
	free(t->off);
	free(t->ue);
	memset(t, 0, sizeof(*t));
}

/* The kernel's arguments as MPFR numbers of the format's precision
 * (exact); release with clear_inputs. */
static void set_inputs(const struct fpc_kernel *k, const uint64_t *args,
		       mpfr_t *x, mpfr_srcptr *xs)
{
	for (unsigned a = 0; a < k->fn->arity; a++) {
		mpfr_init2(x[a], target(k->format)->p);
		mpfr_set_d(x[a], fpc_bits_value(k->format, args[a]), MPFR_RNDN);
		xs[a] = x[a];
	}
}

static void clear_inputs(const struct fpc_kernel *k, mpfr_t *x)
{
	for (unsigned a = 0; a < k->fn->arity; a++)
		mpfr_clear(x[a]);
}

static int evaluate(const struct fpc_kernel *k, mpfr_ptr y, mpfr_srcptr *x,
		    mpfr_rnd_t rnd)
{
	if (k->fn->mpfrn)
		return k->fn->mpfrn(y, x, rnd);
	return k->fn->arity == 1 ? k->fn->mpfr1(y, x[0], rnd)
				 : k->fn->mpfr2(y, x[0], x[1], rnd);
}

static uint64_t nan_bits(unsigned format)
{
	return format == FPC_FMT_BINARY32 ? 0x7fc00000u
					  : UINT64_C(0x7ff8000000000000);
}

/* c (already within the format) to bits. */
static uint64_t get_bits(unsigned format, mpfr_srcptr c)
{
	if (mpfr_nan_p(c))
		return nan_bits(format);
	if (format == FPC_FMT_BINARY32) {
		float f = mpfr_get_flt(c, MPFR_RNDN);
		uint32_t u;
		memcpy(&u, &f, sizeof(u));
		return u;
	} else {
		double d = mpfr_get_d(c, MPFR_RNDN);
		uint64_t u;
		memcpy(&u, &d, sizeof(u));
		return u;
	}
}

/*
 * The offset of v (the exact value, or a p + 2 bit round-to-odd stand-in)
 * from c in ulp(v), and log2 ulp(v).
 */
static void offset(unsigned format, mpfr_srcptr v, mpfr_srcptr c,
		   mpfr_ptr tmp, double *off, int16_t *ue)
{
	const struct target *tg = target(format);
	int emin_normal = fpc_fmt_emin(format);
	long e;

	*off = 0;
	*ue = 0;
	if (!mpfr_number_p(v) || !mpfr_number_p(c))
		return;
	if (mpfr_zero_p(v)) {
		*ue = (int16_t)(emin_normal - tg->p + 1);
		return;
	}
	/* v = m 2^E, 1/2 <= m < 1, so 2^(E-1) <= |v| < 2^E. */
	e = (long)mpfr_get_exp(v) - 1;
	if (e < emin_normal)
		e = emin_normal;
	*ue = (int16_t)(e - tg->p + 1);
	mpfr_sub(tmp, v, c, MPFR_RNDN);
	mpfr_mul_2si(tmp, tmp, -(long)*ue, MPFR_RNDN);
	*off = mpfr_get_d(tmp, MPFR_RNDN);
}

int fpc_truth_eval(const struct fpc_kernel *k, const uint64_t *args,
		   uint64_t *cr, double *off, int16_t *ue)
{
	const struct target *tg = target(k->format);
	mpfr_t x[FPC_MAX_ARITY], v, c, tmp;
	mpfr_srcptr xs[FPC_MAX_ARITY];
	int inex;

	if (!FPC_HAS_TRUTH(k->fn))
		return FPC_ERR_ARG;
	set_inputs(k, args, x, xs);
	mpfr_inits2(tg->work, v, tmp, (mpfr_ptr)0);
	mpfr_init2(c, tg->p);

	/* Round to odd: truncate, then set the last bit if anything was
	 * lost.  Moving an even truncation one ulp away from zero makes it
	 * odd; an underflow to zero becomes the smallest number of the
	 * sign, which still rounds to the right zero or subnormal. */
	mpfr_clear_flags();
	inex = evaluate(k, v, xs, MPFR_RNDZ);
	if (inex && mpfr_number_p(v) &&
	    (mpfr_zero_p(v) || mpfr_min_prec(v) < tg->work)) {
		if (inex < 0)
			mpfr_nextabove(v);
		else
			mpfr_nextbelow(v);
	}
	/* Truncation turns an overflow into the largest finite number; the
	 * format's range check below turns it into the infinity due. */
	fpc_mpfr_round(k->format, c, v, inex);
	*cr = get_bits(k->format, c);
	offset(k->format, v, c, tmp, off, ue);

	clear_inputs(k, x);
	mpfr_clears(v, c, tmp, (mpfr_ptr)0);
	return 0;
}

int fpc_truth_eval_plain(const struct fpc_kernel *k, const uint64_t *args,
			 uint64_t *cr, double *off, int16_t *ue)
{
	const struct target *tg = target(k->format);
	struct fpc_mpfr_range saved;
	mpfr_t x[FPC_MAX_ARITY], c, hi, tmp;
	mpfr_srcptr xs[FPC_MAX_ARITY];
	int inex;

	if (!FPC_HAS_TRUTH(k->fn))
		return FPC_ERR_ARG;

	set_inputs(k, args, x, xs);
	/* The textbook emulation: evaluate directly in the format's range. */
	mpfr_init2(c, tg->p);
	fpc_mpfr_range_format(k->format, &saved);
	inex = evaluate(k, c, xs, MPFR_RNDN);
	mpfr_subnormalize(c, inex, MPFR_RNDN);
	fpc_mpfr_range_restore(&saved);
	*cr = get_bits(k->format, c);

	/* The offset from an evaluation at twice the working precision,
	 * truncated: rounding to nearest could land an exact value just below
	 * a power of two on that power, and so in the wrong binade for
	 * ulp(x); truncation never leaves the exact value's binade. */
	mpfr_inits2(2 * tg->work, hi, tmp, (mpfr_ptr)0);
	evaluate(k, hi, xs, MPFR_RNDZ);
	offset(k->format, hi, c, tmp, off, ue);

	clear_inputs(k, x);
	mpfr_clears(c, hi, tmp, (mpfr_ptr)0);
	return 0;
}

int fpc_truth_eval_double_rounded(const struct fpc_kernel *k,
				  const uint64_t *args, unsigned prec,
				  uint64_t *bits)
{
	const struct target *tg = target(k->format);
	mpfr_t x[FPC_MAX_ARITY], v, c;
	mpfr_srcptr xs[FPC_MAX_ARITY];

	if (prec < MPFR_PREC_MIN)
		return FPC_ERR_ARG;
	set_inputs(k, args, x, xs);
	mpfr_init2(v, (mpfr_prec_t)prec);
	mpfr_init2(c, tg->p);
	evaluate(k, v, xs, MPFR_RNDN);
	/* The second rounding sees only v: its ternary is 0, so a v that
	 * lies on a midpoint of the format rounds to even, as the store
	 * from the register does. */
	fpc_mpfr_round(k->format, c, v, 0);
	*bits = get_bits(k->format, c);
	clear_inputs(k, x);
	mpfr_clears(v, c, (mpfr_ptr)0);
	return 0;
}

/* ---- bulk computation on threads ------------------------------------ */

/* Inputs are handed out in chunks small enough to balance slow regions
 * (large Bessel arguments) and large enough to keep locking rare. */
#define CHUNK 64

struct job {
	const struct fpc_kernel *k;
	const struct fpc_kdata *kd;
	struct fpc_truth *t;
	const struct fpc_truth_options *o;
	pthread_mutex_t lock;
	uint32_t next; /* first input not yet handed out */
	uint64_t done;
};

static void *worker(void *arg)
{
	struct job *j = arg;

	for (;;) {
		uint32_t lo, hi;

		pthread_mutex_lock(&j->lock);
		lo = j->next;
		hi = j->kd->n - lo > CHUNK ? lo + CHUNK : j->kd->n;
		j->next = hi;
		pthread_mutex_unlock(&j->lock);
		if (lo >= hi)
			break;
		for (uint32_t i = lo; i < hi; i++) {
			uint64_t args[FPC_MAX_ARITY];
			for (unsigned a = 0; a < j->kd->arity; a++)
				args[a] = j->kd->in[a][i];
			fpc_truth_eval(j->k, args, &j->t->cr[i], &j->t->off[i],
				       &j->t->ue[i]);
		}
		pthread_mutex_lock(&j->lock);
		j->done += hi - lo;
		if (j->o->progress)
			j->o->progress(j->o->progress_arg, j->k->name, j->done,
				       j->kd->n);
		pthread_mutex_unlock(&j->lock);
	}
	mpfr_free_cache();
	return NULL;
}

static unsigned thread_count(const struct fpc_truth_options *o)
{
	long n;

	/* Without thread-local MPFR state, threads would share the exponent
	 * range: one at a time then. */
	if (!mpfr_buildopt_tls_p())
		return 1;
	if (o->threads)
		return o->threads;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}

static int compute(const struct fpc_kernel *k, const struct fpc_kdata *kd,
		   const struct fpc_truth_options *o, struct fpc_truth *t)
{
	struct job j = {.k = k, .kd = kd, .t = t, .o = o};
	pthread_t tid[64];
	unsigned n = thread_count(o), started = 0;

	pthread_mutex_init(&j.lock, NULL);
	if (n > 1)
		for (; started < n - 1; started++)
			if (pthread_create(&tid[started], NULL, worker, &j))
				break;
	worker(&j); /* this thread works too */
	for (unsigned i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&j.lock);
	return 0;
}

int fpc_truth_get(const struct fpc_kernel *k, const struct fpc_kdata *kd,
		  const struct fpc_truth_options *o, struct fpc_truth *t,
		  int *hit)
{
	char path[4096];
	int err, cached;

	*hit = 0;
	if (kd->in_format != k->format || kd->arity != k->fn->arity ||
	    !FPC_HAS_TRUTH(k->fn))
		return FPC_ERR_ARG;
	cached = o->cache &&
		 !fpc_truth_cache_path(o->cache, kd, path, sizeof(path));
	if (cached && !fpc_truth_cache_load(path, kd, t)) {
		*hit = 1;
		return 0;
	}
	if ((err = fpc_truth_alloc(t, kd->n)))
		return err;
	compute(k, kd, o, t);
	if (cached)
		fpc_truth_cache_store(path, kd, t);
	return 0;
}
