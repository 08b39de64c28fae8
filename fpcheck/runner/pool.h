/*
 * The runner's thread pool: a fixed number of workers, whatever the
 * machine, shared by the threaded reductions and the render kernels.
 * The workers start at the first use and are kept, so that a run starts
 * FPC_POOL_THREADS threads rather than that many per input (emulators
 * keep memory for every thread that ever ran).
 */
#ifndef FPC_RUNNER_POOL_H
#define FPC_RUNNER_POOL_H

#include "kernels/reduce.h"

/* One worker per chunk of a threaded reduction, and per share of a
 * render kernel's rows (FPC_RENDER_THREADS, the same number). */
#define FPC_POOL_THREADS FPC_REDUCE_THREADS

/*
 * Calls work(args[t]) for each of the FPC_POOL_THREADS entries of args,
 * each in its own worker, and returns when all have returned.  The work
 * of a worker that could not be started is done by the calling thread.
 * Not reentrant: one caller at a time.
 */
void fpc_pool_run(void *(*work)(void *), void **args);

#endif
