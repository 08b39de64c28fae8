/*
 * The truth of a whole kernel's inputs (see fpcheck/truth.h): from the
 * cache when it holds them (truth_cache.c), else evaluated input by input
 * (fpc_truth_eval, truth.c) on threads and stored.  It sits above both,
 * so that the evaluation and the cache know nothing of each other.
 */
#include "fpcheck/truth.h"

#include <pthread.h>
#include <unistd.h>

#include "fpcheck/error.h"

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
	cached =
	    o->cache && !fpc_truth_cache_path(o->cache, kd, path, sizeof(path));
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
