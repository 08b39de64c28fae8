/*
 * Reduction kernels, shared by the runner and the library: the vectors
 * they reduce and the orders they reduce them in.
 *
 * A reduction input is a descriptor of three small integers, stored as
 * exact values in the kernel's format: the length n, the distribution and
 * a seed.  Both sides regenerate the same vectors from it with integer
 * operations only, so no compiler flag and no FPU mode can change them;
 * only the reduction is compiled under the flags under test.
 *
 * The orders (FPC_REDUCE_ORDERS) are written once here as plain C over a
 * type T.  The runner compiles them under the flags under test; the
 * library compiles the same code under its own fixed flags (no
 * contraction, no reassociation), which makes them references for diff.
 */
#ifndef FPC_REDUCE_H
#define FPC_REDUCE_H

#include <stddef.h>
#include <stdint.h>

#include "fpcheck/kdata.h"

enum fpc_reduce_op {
	FPC_REDUCE_SUM, /* sum x[i] */
	FPC_REDUCE_DOT, /* sum x[i] y[i] */
	FPC_REDUCE_NORM /* sqrt(sum x[i]^2) */
};

enum fpc_reduce_dist {
	FPC_DIST_UNIFORM, /* positive, uniform in [1, 2) */
	FPC_DIST_WIDE,	  /* positive, exponents uniform in [-30, 30] */
	FPC_DIST_CANCEL,  /* pairs that nearly cancel: ill-conditioned */
	FPC_DIST_ZERO,	  /* pairs that cancel exactly, and tiny terms */
	FPC_DIST_COUNT
};

/*
 * Limits of a descriptor and of what one record may ask for
 * (docs/record-format.md), so that no small record costs a reader much
 * time or memory.  The longest vector, 2^20 terms, takes 32 MiB on the
 * host (bits and values of x and y); the corpus's longest is 10^6.
 * Seeds below 2^24 are exact in binary32.  One kernel holds at most
 * FPC_REDUCE_MAX_INPUTS descriptors; one kernel's inputs, and one
 * record's distinct vectors (format, n, distribution, seed), total at
 * most FPC_REDUCE_MAX_TERMS terms; a record holds at most
 * FPC_REDUCE_MAX_VECTORS distinct vectors.  The default corpus has 54
 * descriptors a format, of 2 489 760 terms.
 */
#define FPC_REDUCE_MAX_N (UINT32_C(1) << 20)
#define FPC_REDUCE_MAX_SEED ((UINT32_C(1) << 24) - 1)
#define FPC_REDUCE_MAX_INPUTS 4096
#define FPC_REDUCE_MAX_TERMS (UINT32_C(1) << 23)
#define FPC_REDUCE_MAX_VECTORS 256
/* Threads of the threaded and atomic orders, whatever the machine: the
 * partition must not depend on the core count. */
#define FPC_REDUCE_THREADS 4

/*
 * The value of bits (format fmt) as an integer in [0, 2^24], or -1 when
 * it is not such an integer (negative, fractional, NaN, too large).
 */
static inline int64_t fpc_reduce_int(unsigned fmt, uint64_t bits)
{
	int p = fmt == FPC_FMT_BINARY32 ? 24 : 53;
	int bias = fmt == FPC_FMT_BINARY32 ? 127 : 1023;
	uint64_t frac = bits & ((UINT64_C(1) << (p - 1)) - 1);
	uint64_t sign = bits >> (fmt == FPC_FMT_BINARY32 ? 31 : 63);
	int e = (int)((bits >> (p - 1)) &
		      (fmt == FPC_FMT_BINARY32 ? 0xff : 0x7ff)) -
		bias;
	uint64_t m;

	if (!(bits & ~(sign << (fmt == FPC_FMT_BINARY32 ? 31 : 63))))
		return sign ? -1 : 0; /* +0 is 0; -0 is not a length */
	if (sign || e < 0 || e > 24)
		return -1;
	if (e == 24) /* 2^24 alone; binary32 has no fraction bit left */
		return frac ? -1 : INT64_C(1) << 24;
	m = frac | UINT64_C(1) << (p - 1);
	if (m & ((UINT64_C(1) << (p - 1 - e)) - 1))
		return -1;
	return (int64_t)(m >> (p - 1 - e));
}

/* The bits of the integer v <= 2^24 in format fmt. */
static inline uint64_t fpc_reduce_bits(unsigned fmt, uint32_t v)
{
	int p = fmt == FPC_FMT_BINARY32 ? 24 : 53;
	int bias = fmt == FPC_FMT_BINARY32 ? 127 : 1023;
	int e = 0;

	if (!v)
		return 0;
	while (v >> (e + 1))
		e++;
	return (uint64_t)(e + bias) << (p - 1) |
	       (((uint64_t)v << (p - 1 - e)) & ((UINT64_C(1) << (p - 1)) - 1));
}

/* Decodes a descriptor; returns 0, or -1 when it is not one: each
 * argument an exact integer, 1 <= n <= FPC_REDUCE_MAX_N, a known
 * distribution, seed <= FPC_REDUCE_MAX_SEED. */
static inline int fpc_reduce_desc(unsigned fmt, const uint64_t *args,
				  uint32_t *n, unsigned *dist, uint32_t *seed)
{
	int64_t a = fpc_reduce_int(fmt, args[0]), b = fpc_reduce_int(fmt, args[1]),
		c = fpc_reduce_int(fmt, args[2]);

	if (a < 1 || a > (int64_t)FPC_REDUCE_MAX_N || b < 0 ||
	    b >= FPC_DIST_COUNT || c < 0 || c > (int64_t)FPC_REDUCE_MAX_SEED)
		return -1;
	*n = (uint32_t)a;
	*dist = (unsigned)b;
	*seed = (uint32_t)c;
	return 0;
}

/* splitmix64: one 64-bit random number per step. */
static inline uint64_t fpc_reduce_rand(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* The bits of (-1)^neg 1.f 2^e in format fmt, f the low fraction bits of
 * r; e must be in the normal range. */
static inline uint64_t fpc_reduce_make(unsigned fmt, unsigned neg, int e,
				       uint64_t r)
{
	if (fmt == FPC_FMT_BINARY32)
		return (uint64_t)neg << 31 | (uint64_t)(e + 127) << 23 |
		       (r & 0x7fffff);
	return (uint64_t)neg << 63 | (uint64_t)(e + 1023) << 52 |
	       (r & UINT64_C(0xfffffffffffff));
}

/* An exponent uniform in [lo, lo + span) from the top bits of r. */
static inline int fpc_reduce_exp(uint64_t r, int lo, unsigned span)
{
	return lo + (int)((r >> 40) % span);
}

/*
 * The vectors of a descriptor as bit patterns of format fmt: x[0..n),
 * and y[0..n) for a dot product (y NULL for a sum or a norm; x does not
 * depend on whether y is asked for, except in the cancel and zero
 * distributions, whose pairs cancel in the products for a dot product
 * and in the terms otherwise).
 *
 * cancel: for i < h = n/2, x[i] = v and x[i + h] = -v', where v' is v with
 * its low (p-1)/2 fraction bits redrawn, so each pair leaves a remainder
 * about 2^-(p/2) times its size; for a dot product x[i + h] = -v and y's
 * pair differs in its low bits instead.
 * zero: for i < h = (n-1)/2, x[i] = v and x[i + h] = -v exactly (y equal
 * in both), and the one or two last terms are tiny (2^-40): the exact
 * result is theirs alone, and every large partial sum is noise.
 */
static inline void fpc_reduce_generate(unsigned fmt, unsigned dist,
				       uint32_t seed, uint32_t n, uint64_t *x,
				       uint64_t *y)
{
	unsigned p = fmt == FPC_FMT_BINARY32 ? 24 : 53;
	uint64_t low = (UINT64_C(1) << ((p - 1) / 2)) - 1;
	uint64_t sign = UINT64_C(1) << (fmt == FPC_FMT_BINARY32 ? 31 : 63);
	uint64_t sx = (uint64_t)seed << 8 | dist, sy, r, q;
	uint32_t h = 0, i;

	sx *= UINT64_C(0xd1342543de82ef95);
	sy = sx ^ UINT64_C(0x5851f42d4c957f2d);
	if (dist == FPC_DIST_CANCEL)
		h = n / 2;
	else if (dist == FPC_DIST_ZERO && n)
		h = (n - 1) / 2;
	for (i = 0; i < h; i++) {
		r = fpc_reduce_rand(&sx);
		if (dist == FPC_DIST_CANCEL) {
			int e = fpc_reduce_exp(r, 0, 21);
			x[i] = fpc_reduce_make(fmt, (unsigned)(r >> 63), e, r);
			q = fpc_reduce_rand(&sx);
			x[i + h] = y ? x[i] ^ sign
				     : fpc_reduce_make(fmt, !(r >> 63), e,
						       (r & ~low) | (q & low));
			if (y) {
				r = fpc_reduce_rand(&sy);
				e = fpc_reduce_exp(r, 0, 21);
				q = fpc_reduce_rand(&sy);
				y[i] = fpc_reduce_make(fmt, 0, e, r);
				y[i + h] = fpc_reduce_make(
				    fmt, 0, e, (r & ~low) | (q & low));
			}
		} else {
			x[i] = fpc_reduce_make(fmt, (unsigned)(r >> 63),
					       fpc_reduce_exp(r, 0, 41), r);
			x[i + h] = x[i] ^ sign;
			if (y) {
				r = fpc_reduce_rand(&sy);
				y[i] = y[i + h] = fpc_reduce_make(
				    fmt, 0, fpc_reduce_exp(r, 0, 21), r);
			}
		}
	}
	for (i = 2 * h; i < n; i++) {
		int e;

		r = fpc_reduce_rand(&sx);
		switch (dist) {
		case FPC_DIST_UNIFORM:
			e = 0;
			break;
		case FPC_DIST_WIDE:
			e = fpc_reduce_exp(r, -30, 61);
			break;
		case FPC_DIST_CANCEL:
			e = fpc_reduce_exp(r, 0, 21);
			break;
		default:
			e = -40;
			break;
		}
		x[i] = fpc_reduce_make(
		    fmt, dist >= FPC_DIST_CANCEL ? (unsigned)(r >> 63) : 0, e,
		    r);
		if (y) {
			r = fpc_reduce_rand(&sy);
			y[i] = fpc_reduce_make(
			    fmt, 0,
			    dist == FPC_DIST_WIDE ? fpc_reduce_exp(r, -30, 61)
						  : 0,
			    r);
		}
	}
}

/*
 * The orders, as C over the type T with terms TERM(i) (x[i], x[i]*y[i] or
 * x[i]*x[i]) and accumulation ADD(s, i) (s + TERM(i), or a fused form),
 * generated once per type and operation by FPC_REDUCE_DEFINE(name, T,
 * TERM, ADD): functions name_seq(x, y, n) and so on.
 * seq and rev keep their accumulator in a volatile so that the order is
 * the one written, under any flags; the others are written as a user
 * would write them, so flags that reassociate (or that simplify Kahan's
 * correction away) act on them, and loop is left to the compiler.
 */
#define FPC_REDUCE_DEFINE(name, T, TERM, ADD)                                      \
	FPC_REDUCE_FN T name##_seq(const T *x, const T *y, uint32_t n)               \
	{                                                                     \
		volatile T s = 0;                                             \
		(void)y;                                                      \
		for (uint32_t i = 0; i < n; i++)                              \
			s = ADD(s, i);                                        \
		return s;                                                     \
	}                                                                     \
	FPC_REDUCE_FN T name##_rev(const T *x, const T *y, uint32_t n)               \
	{                                                                     \
		volatile T s = 0;                                             \
		(void)y;                                                      \
		for (uint32_t i = n; i-- > 0;)                                \
			s = ADD(s, i);                                        \
		return s;                                                     \
	}                                                                     \
	FPC_REDUCE_FN T name##_pairwise(const T *x, const T *y, uint32_t n)          \
	{                                                                     \
		if (n <= 1)                                                   \
			return n ? TERM(0) : (T)0;                            \
		return name##_pairwise(x, y, n / 2) +                         \
		       name##_pairwise(x + n / 2, y ? y + n / 2 : y, n - n / 2); \
	}                                                                     \
	/* L accumulators over the L lanes, combined by halving (lane l +=    \
	 * lane l + L/2, ...), then the tail in order: a SIMD loop's order. */ \
	FPC_REDUCE_FN T name##_blocked(const T *x, const T *y, uint32_t n, unsigned L) \
	{                                                                     \
		T acc[32] = {0}, s;                                           \
		uint32_t i, m = n - n % L;                                    \
		(void)y;                                                      \
		for (i = 0; i < m; i += L)                                    \
			for (unsigned l = 0; l < L; l++)                      \
				acc[l] = ADD(acc[l], i + l);                  \
		for (unsigned w = L / 2; w >= 1; w /= 2)                      \
			for (unsigned l = 0; l < w; l++)                      \
				acc[l] = acc[l] + acc[l + w];                 \
		s = acc[0];                                                   \
		for (i = m; i < n; i++)                                       \
			s = ADD(s, i);                                        \
		return s;                                                     \
	}                                                                     \
	FPC_REDUCE_FN T name##_block2(const T *x, const T *y, uint32_t n)            \
	{                                                                     \
		return name##_blocked(x, y, n, 2);                            \
	}                                                                     \
	FPC_REDUCE_FN T name##_block4(const T *x, const T *y, uint32_t n)            \
	{                                                                     \
		return name##_blocked(x, y, n, 4);                            \
	}                                                                     \
	FPC_REDUCE_FN T name##_block8(const T *x, const T *y, uint32_t n)            \
	{                                                                     \
		return name##_blocked(x, y, n, 8);                            \
	}                                                                     \
	FPC_REDUCE_FN T name##_block16(const T *x, const T *y, uint32_t n)           \
	{                                                                     \
		return name##_blocked(x, y, n, 16);                           \
	}                                                                     \
	FPC_REDUCE_FN T name##_kahan(const T *x, const T *y, uint32_t n)             \
	{                                                                     \
		T s = 0, c = 0;                                               \
		(void)y;                                                      \
		for (uint32_t i = 0; i < n; i++) {                            \
			T v = TERM(i) - c;                                    \
			T t = s + v;                                          \
			c = (t - s) - v;                                      \
			s = t;                                                \
		}                                                             \
		return s;                                                     \
	}                                                                     \
	FPC_REDUCE_FN T name##_neumaier(const T *x, const T *y, uint32_t n)          \
	{                                                                     \
		T s = 0, c = 0;                                               \
		(void)y;                                                      \
		for (uint32_t i = 0; i < n; i++) {                            \
			T v = TERM(i), t = s + v;                             \
			if ((s < 0 ? -s : s) >= (v < 0 ? -v : v))             \
				c += (s - t) + v;                             \
			else                                                  \
				c += (v - t) + s;                             \
			s = t;                                                \
		}                                                             \
		return s + c;                                                 \
	}                                                                     \
	FPC_REDUCE_FN T name##_loop(const T *x, const T *y, uint32_t n)              \
	{                                                                     \
		T s = 0;                                                      \
		(void)y;                                                      \
		for (uint32_t i = 0; i < n; i++)                              \
			s = ADD(s, i);                                        \
		return s;                                                     \
	}

#define FPC_REDUCE_TERM_SUM(i) x[i]
#define FPC_REDUCE_TERM_DOT(i) (x[i] * y[i])
#define FPC_REDUCE_TERM_NORM(i) (x[i] * x[i])
#define FPC_REDUCE_ADD_SUM(s, i) ((s) + x[i])
#define FPC_REDUCE_ADD_DOT(s, i) ((s) + x[i] * y[i])
#define FPC_REDUCE_ADD_NORM(s, i) ((s) + x[i] * x[i])

/* Not every user of the definitions calls every order. */
#if defined(__GNUC__) || defined(__clang__)
#define FPC_REDUCE_FN static __attribute__((unused))
#else
#define FPC_REDUCE_FN static
#endif

#endif
