/*
 * The context in which a libm kernel's inputs are built, and what every
 * step of its recipe does with it: evaluate the kernel's function (or
 * another) correctly rounded in the kernel's format with MPFR, so that
 * thresholds and constants are the same bits on every host whatever its
 * libm, and add a hot spot with its neighbours in ulps of the format.
 */
#include "libm_inputs.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fpcheck/mpfr_fmt.h"
#include "rng.h"

void fpc_libm_init(struct gen *g, const struct fpc_kernel *k, uint64_t seed)
{
	memset(g, 0, sizeof(*g));
	g->f = fpc_fmt_desc(k->format);
	g->k = k;
	g->fn = k->fn->name;
	g->b.arity = k->fn->arity;
	fpc_corpus_rng_init(g->rng, seed, k->name);
	mpfr_init2(g->x, 64);
	mpfr_init2(g->y, 64);
	mpfr_init2(g->r, g->f->prec);
}

void fpc_libm_release(struct gen *g)
{
	mpfr_clear(g->x);
	mpfr_clear(g->y);
	mpfr_clear(g->r);
	fpc_inputset_release(&g->b);
}

static uint64_t get_bits(struct gen *g, mpfr_srcptr v)
{
	if (mpfr_nan_p(v))
		return g->f->qnan;
	if (g->f->format == FPC_FMT_BINARY32)
		return fpc_bits_from_double(g->f->format,
					    mpfr_get_flt(v, MPFR_RNDN));
	return fpc_bits_from_double(g->f->format, mpfr_get_d(v, MPFR_RNDN));
}

uint64_t fpc_libm_eval(struct gen *g, fpc_mpfr1_fn m1, fpc_mpfr2_fn m2,
		       uint64_t x, uint64_t y)
{
	struct fpc_mpfr_range saved;
	int inex;

	mpfr_set_d(g->x, fpc_bits_value(g->f->format, x), MPFR_RNDN);
	mpfr_set_d(g->y, fpc_bits_value(g->f->format, y), MPFR_RNDN);
	fpc_mpfr_range_format(g->f->format, &saved);
	inex = m1 ? m1(g->r, g->x, MPFR_RNDN) : m2(g->r, g->x, g->y, MPFR_RNDN);
	fpc_mpfr_subnormalize(g->r, inex);
	fpc_mpfr_range_restore(&saved);
	return get_bits(g, g->r);
}

uint64_t fpc_libm_round(struct gen *g, mpfr_srcptr v)
{
	fpc_mpfr_round(g->f->format, g->r, v, 0);
	return get_bits(g, g->r);
}

uint64_t fpc_libm_const_times(struct gen *g, int (*c)(mpfr_ptr, mpfr_rnd_t),
			      unsigned long num, unsigned long den)
{
	mpfr_t v;
	uint64_t b;

	mpfr_init2(v, 128);
	c(v, MPFR_RNDN);
	mpfr_mul_ui(v, v, num, MPFR_RNDN);
	mpfr_div_ui(v, v, den, MPFR_RNDN);
	b = fpc_libm_round(g, v);
	mpfr_clear(v);
	return b;
}

uint64_t fpc_libm_sqrt_times(struct gen *g, uint64_t x, unsigned long num,
			     unsigned long den)
{
	mpfr_t v;
	uint64_t b;

	mpfr_init2(v, 128);
	mpfr_set_d(v, fpc_bits_value(g->f->format, x), MPFR_RNDN);
	mpfr_sqrt(v, v, MPFR_RNDN);
	mpfr_mul_ui(v, v, num, MPFR_RNDN);
	mpfr_div_ui(v, v, den, MPFR_RNDN);
	b = fpc_libm_round(g, v);
	mpfr_clear(v);
	return b;
}

static void vnear(struct gen *g, uint64_t x, uint64_t y, enum vary v, int k,
		  const char *fmt, va_list ap)
{
	char what[256];

	vsnprintf(what, sizeof(what), fmt, ap);
	for (int j = -k; j <= k; j++) {
		uint64_t t = step(g->f, v == VARY_Y ? y : x, j);
		if (is_nan(g->f, t))
			continue;
		if (j)
			fpc_inputset_note(&g->b, "hot spot: %s, %+d ulp", what,
					  j);
		else
			fpc_inputset_note(&g->b, "hot spot: %s", what);
		fpc_inputset_put(&g->b, v == VARY_Y ? x : t,
				 v == VARY_X ? y : t);
	}
}

void fpc_libm_near1(struct gen *g, uint64_t x, int k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnear(g, x, 0, VARY_X, k, fmt, ap);
	va_end(ap);
}

void fpc_libm_near2(struct gen *g, uint64_t x, uint64_t y, enum vary v, int k,
		    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnear(g, x, y, v, k, fmt, ap);
	va_end(ap);
}
