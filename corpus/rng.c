/*
 * The random stream of the corpus: xoshiro256** (Blackman and Vigna),
 * seeded by splitmix64 (Steele, Lea, Flood), both small, well studied
 * and the same on every host.  Each kernel has its own stream, seeded
 * from seed ^ FNV-1a(its name), so that which other kernels are selected
 * never changes its inputs.
 */
#include "rng.h"

#include <string.h>

#include "fpcheck/container.h"

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void fpc_corpus_rng_init(uint64_t rng[4], uint64_t seed, const char *name)
{
	uint64_t s = seed ^ fpc_fnv1a64(FPC_FNV1A64_INIT, name, strlen(name));

	for (int i = 0; i < 4; i++)
		rng[i] = splitmix64(&s);
}

uint64_t fpc_corpus_rng_next(uint64_t s[4])
{
	uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

uint64_t fpc_corpus_rng_below(uint64_t s[4], uint64_t n)
{
	uint64_t min = (0 - n) % n, r;

	do
		r = fpc_corpus_rng_next(s);
	while (r < min);
	return r % n;
}
