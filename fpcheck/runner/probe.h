/*
 * The runner's provenance probes: what the runner can tell of its build
 * (compiler, flags, C library) and of the process it runs in (CPU,
 * system, control registers, flush-to-zero, rounding), as the keys of a
 * record's PROV section (docs/record-format.md).  Compiled with the flags
 * under test like the kernels, so that the modes it observes are theirs.
 */
#ifndef FPC_RUNNER_PROBE_H
#define FPC_RUNNER_PROBE_H

#include <fenv.h>

#include "fpcheck/prov.h"

/* Whether the target reports floating-point exception flags: where it
 * cannot, <fenv.h> leaves FE_ALL_EXCEPT undefined or 0. */
#if defined(FE_ALL_EXCEPT) && FE_ALL_EXCEPT != 0
#define FPC_HAVE_FLAGS 1
#else
#define FPC_HAVE_FLAGS 0
#endif

/* Pairs a record's provenance may hold: about 25 keys of the runner's
 * own, one per user's function (at most 64) and those of -m. */
#define FPC_PROBE_MAX_PAIRS 128

/*
 * Sets key to val without its trailing spaces (compilers' version strings
 * may end in one): the runner records every pair this way.  Returns 0,
 * FPC_ERR_ARG when p holds FPC_PROBE_MAX_PAIRS pairs and not key, or
 * FPC_ERR_NOMEM.
 */
int fpc_probe_set(struct fpc_prov *p, const char *key, const char *val);

/*
 * Adds to p the keys of the build and of the process, from
 * "fpcheck.version" to "time" (when the runner started, UTC).  Returns 0
 * or FPC_ERR_NOMEM.
 */
int fpc_probe_collect(struct fpc_prov *p);

#endif
