/*
 * Private to the corpus module: the random stream of a kernel's inputs.
 * Every recipe that draws random inputs (libm samples, expression tuples,
 * reduction seeds) takes them from here, so that one seed and one name
 * give the same inputs on every host.
 */
#ifndef FPC_CORPUS_RNG_H
#define FPC_CORPUS_RNG_H

#include <stdint.h>

/* Seeds rng, xoshiro256** seeded by splitmix64 from seed ^ FNV-1a(name),
 * so that a kernel's inputs depend on nothing but the seed and its own
 * name. */
void fpc_corpus_rng_init(uint64_t rng[4], uint64_t seed, const char *name);
/* The next 64 random bits of rng. */
uint64_t fpc_corpus_rng_next(uint64_t rng[4]);
/* Uniform in [0, n), n > 0, without modulo bias: draws again below
 * 2^64 mod n. */
uint64_t fpc_corpus_rng_below(uint64_t rng[4], uint64_t n);

#endif
