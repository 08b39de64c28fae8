/*
 * Small helpers the unit tests share: a value's bit pattern and back
 * (binary32 zero-extended, as fpcheck holds it), and splitmix64 for
 * random inputs from a seed the test prints and lets its user override.
 */
#ifndef FPC_TESTUTIL_H
#define FPC_TESTUTIL_H

#include <stdint.h>
#include <string.h>

static inline uint64_t dbits(double x)
{
	uint64_t b;
	memcpy(&b, &x, sizeof(b));
	return b;
}

static inline uint64_t fbits(float x)
{
	uint32_t b;
	memcpy(&b, &x, sizeof(b));
	return b;
}

static inline double dval(uint64_t b)
{
	double x;
	memcpy(&x, &b, sizeof(x));
	return x;
}

static inline float fval(uint64_t b)
{
	uint32_t u = (uint32_t)b;
	float x;
	memcpy(&x, &u, sizeof(x));
	return x;
}

/* splitmix64: the next value of the stream whose state is *s. */
static inline uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

#endif
