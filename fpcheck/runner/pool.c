/*
 * The runner's thread pool (see pool.h).  The calling thread hands every
 * worker its argument under one lock, starts a new generation, and waits
 * until every worker has counted itself done.  No floating-point
 * arithmetic happens here: the work functions are the kernels'.
 */
#include "runner/pool.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

static struct {
	pthread_mutex_t lock;
	pthread_cond_t go, done;
	int started[FPC_POOL_THREADS], init;
	unsigned long gen;
	unsigned ndone;
	void *(*work)(void *);
	void **args;
} pool = {.lock = PTHREAD_MUTEX_INITIALIZER,
	  .go = PTHREAD_COND_INITIALIZER,
	  .done = PTHREAD_COND_INITIALIZER};

static void *worker(void *arg)
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
		if (++pool.ndone == FPC_POOL_THREADS)
			pthread_cond_signal(&pool.done);
		pthread_mutex_unlock(&pool.lock);
	}
	return NULL;
}

void fpc_pool_run(void *(*work)(void *), void **args)
{
	pthread_mutex_lock(&pool.lock);
	if (!pool.init) {
		pool.init = 1;
		for (int t = 0; t < FPC_POOL_THREADS; t++) {
			pthread_t tid;
			pool.started[t] = !pthread_create(&tid, NULL, worker,
							  (void *)(intptr_t)t);
			if (pool.started[t])
				pthread_detach(tid);
		}
	}
	pool.work = work;
	pool.args = args;
	pool.ndone = 0;
	for (int t = 0; t < FPC_POOL_THREADS; t++)
		pool.ndone += !pool.started[t];
	pool.gen++;
	pthread_cond_broadcast(&pool.go);
	pthread_mutex_unlock(&pool.lock);
	for (int t = 0; t < FPC_POOL_THREADS; t++)
		if (!pool.started[t])
			work(args[t]);
	pthread_mutex_lock(&pool.lock);
	while (pool.ndone < FPC_POOL_THREADS)
		pthread_cond_wait(&pool.done, &pool.lock);
	pthread_mutex_unlock(&pool.lock);
}
