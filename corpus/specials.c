/*
 * Special values, the first built-in inputs of a libm kernel: signed
 * zeros, infinities, NaNs (quiet, signalling, with the sign set), the
 * limits of the format (smallest subnormal, largest subnormal, smallest
 * normal, largest finite), small integers and halves, the neighbours of 1
 * and powers of 2 spread over the exponent range.  Binary kernels get
 * every pair from a smaller set instead.
 */
#include "libm_inputs.h"

/* Unary kernels. */
static void specials1(struct gen *g)
{
	static const int spread64[] = {-1000, -500, -100, -30, -10,
				       10,    30,   100,  500, 1000};
	static const int spread32[] = {-120, -60, -30, -10, 10, 30, 60, 120};
	const struct fpc_fmt_desc *f = g->f;
	const int *spread = f->format == FPC_FMT_BINARY64 ? spread64 : spread32;
	size_t nspread = f->format == FPC_FMT_BINARY64
			     ? sizeof(spread64) / sizeof(int)
			     : sizeof(spread32) / sizeof(int);
	const struct {
		const char *what;
		uint64_t b;
	} s[] = {
	    {"+0", 0},
	    {"-0", f->sign},
	    {"+inf", f->inf},
	    {"-inf", f->sign | f->inf},
	    {"quiet NaN", f->qnan},
	    {"quiet NaN, sign set", f->sign | f->qnan},
	    {"signalling NaN", f->snan},
	    {"smallest subnormal", 1},
	    {"-smallest subnormal", f->sign | 1},
	    {"largest subnormal", minnorm(g) - 1},
	    {"-largest subnormal", f->sign | (minnorm(g) - 1)},
	    {"smallest normal", minnorm(g)},
	    {"-smallest normal", f->sign | minnorm(g)},
	    {"largest finite", maxf(g)},
	    {"-largest finite", f->sign | maxf(g)},
	    {"1", num(g, 1)},
	    {"-1", num(g, -1)},
	    {"2", num(g, 2)},
	    {"-2", num(g, -2)},
	    {"0.5", num(g, 0.5)},
	    {"-0.5", num(g, -0.5)},
	    {"1 + 1 ulp", num(g, 1) + 1},
	    {"1 - 1 ulp", num(g, 1) - 1},
	};

	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		fpc_inputset_note(&g->b, "special: %s", s[i].what);
		fpc_inputset_put(&g->b, s[i].b, 0);
	}
	for (size_t i = 0; i < nspread; i++) {
		fpc_inputset_note(&g->b, "special: 2^%d", spread[i]);
		fpc_inputset_put(&g->b, pow2(f, spread[i]), 0);
		fpc_inputset_note(&g->b, "special: -2^%d", spread[i]);
		fpc_inputset_put(&g->b, f->sign | pow2(f, spread[i]), 0);
	}
}

/* Binary kernels: every pair from a smaller set. */
static void specials2(struct gen *g)
{
	const struct fpc_fmt_desc *f = g->f;
	const uint64_t s[] = {
	    0,
	    f->sign,
	    f->inf,
	    f->sign | f->inf,
	    f->qnan,
	    num(g, 1),
	    num(g, -1),
	    num(g, 0.5),
	    num(g, -0.5),
	    num(g, 2),
	    num(g, -2),
	    1 /* smallest subnormal */,
	    maxf(g),
	    num(g, -1.5),
	    num(g, 3),
	};
	const size_t n = sizeof(s) / sizeof(s[0]);

	fpc_inputset_note(&g->b, "special: both arguments special");
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			fpc_inputset_put(&g->b, s[i], s[j]);
}

void fpc_libm_specials(struct gen *g)
{
	if (g->b.arity > 1)
		specials2(g);
	else
		specials1(g);
}
