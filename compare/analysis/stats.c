/*
 * Accuracy statistics (see fpcheck/stats.h), and how an error in ulps
 * reads.
 */
#include "fpcheck/stats.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *fpc_hist_label(unsigned i)
{
	static const char *labels[FPC_HIST_BINS] = {
		"<-4",	    "[-4,-2)", "[-2,-1)", "[-1,-1/2)",
		"[-1/2,0)", "0",       "(0,1/2]", "(1/2,1]",
		"(1,2]",    "(2,4]",   ">4"};
	return i < FPC_HIST_BINS ? labels[i] : "?";
}

/* 4 significant digits, wide values in e-notation.  An error that rounds
 * to 0.5 but is not 0.5 says on which side it lies: a hard case
 * misrounded by a libm errs by 0.5 + 2^-60, and "0.5" would read as
 * correctly rounded.  The errors of fpc_ulp_error lie on the side of 1/2
 * that the exact error does, so this side is exact. */
void fpc_format_ulps(char *buf, size_t len, double u)
{
	if (u >= DBL_MAX)
		snprintf(buf, len, ">1e308");
	else if (u >= 1e6)
		snprintf(buf, len, "%.3g", u);
	else
		snprintf(buf, len, "%.4g", u);
	fpc_format_half_side(buf, len, u);
}

void fpc_format_half_side(char *buf, size_t len, double u)
{
	if (!strcmp(buf, "0.5") && u != 0.5)
		snprintf(buf, len, u > 0.5 ? ">0.5" : "<0.5");
}

void fpc_format_share(char *buf, size_t len, uint64_t part, uint64_t whole,
		      int decimals)
{
	double p = whole ? 100.0 * (double)part / (double)whole : 0;
	double unit = pow(10, -decimals); /* of the last digit shown */

	snprintf(buf, len, "%.*f", decimals, p);
	/* Only all of the whole prints as 100, only none of it as 0. */
	if (part < whole && strtod(buf, NULL) >= 100)
		snprintf(buf, len, ">%.*f", decimals, 100 - unit);
	else if (part > 0 && strtod(buf, NULL) <= 0)
		snprintf(buf, len, "<%.*f", decimals, unit);
}

/* The bin of error e; cr says whether the result is correctly rounded.
 * A misrounded result errs by 1/2 or more; one erring by exactly 1/2 (a
 * tie broken the wrong way, or the float below an exact power of two)
 * goes to the bin beyond, so that bins 4..6 hold exactly the correctly
 * rounded results. */
static unsigned bin(double e, int cr)
{
	static const double edges[] = {-4, -2, -1, -0.5, 0};
	unsigned i;

	if (!cr && fabs(e) == 0.5)
		return e < 0 ? 3 : 7;
	if (e == 0)
		return 5;
	if (e < 0) {
		for (i = 0; i < 5 && !(e < edges[i]); i++)
			;
		return i;
	}
	if (e <= 0.5)
		return 6;
	if (e <= 1)
		return 7;
	if (e <= 2)
		return 8;
	return e <= 4 ? 9 : 10;
}

static void example(struct fpc_example *x, const struct fpc_kdata *kd,
		    uint32_t i, uint64_t cr, double err)
{
	memset(x, 0, sizeof(*x));
	x->index = i;
	for (unsigned a = 0; a < kd->arity; a++)
		x->in[a] = kd->in[a][i];
	x->out = kd->out[i];
	x->cr = cr;
	x->err = err;
	x->flags = kd->flags[i];
}

void fpc_stats_compute(const struct fpc_kdata *kd, const struct fpc_truth *t,
		       struct fpc_kstats *s)
{
	unsigned f = kd->out_format;

	memset(s, 0, sizeof(*s));
	memcpy(s->name, kd->name, sizeof(s->name));
	s->format = f;
	s->arity = kd->arity;
	s->n = kd->n;
	if (!t) {
		/* No truth (a render kernel): what the results are. */
		s->no_truth = 1;
		for (uint32_t i = 0; i < kd->n; i++) {
			double v = fpc_bits_value(f, kd->out[i]);
			s->nan_count += isnan(v);
			s->inf_count += isinf(v);
			for (unsigned b = 0; b < 8; b++)
				if (kd->flags[i] & (1u << b))
					s->flag_count[b]++;
		}
		return;
	}
	for (uint32_t i = 0; i < kd->n; i++) {
		uint64_t y = kd->out[i], cr = t->cr[i];
		enum fpc_outcome o = fpc_ulp_classify(f, y, cr);
		uint32_t c = s->count[o]++;

		for (unsigned b = 0; b < 8; b++)
			if (kd->flags[i] & (1u << b))
				s->flag_count[b]++;
		if (o != FPC_OUT_CR && o != FPC_OUT_NUMERIC) {
			if (c < FPC_EXAMPLES)
				example(&s->special[o][c], kd, i, cr, 0);
			continue;
		}
		/* Error statistics cover finite results; infinities and
		 * NaNs that match their truth are correct, not measured. */
		if (!isfinite(fpc_bits_value(f, y)))
			continue;
		double e = fpc_ulp_error(f, y, cr, t->off[i], t->ue[i]);
		double a = fabs(e);
		uint64_t g = o == FPC_OUT_CR ? 0 : fpc_ulp_glibc(f, y, cr);

		s->n_err++;
		s->sum_err += a;
		s->hist[bin(e, o == FPC_OUT_CR)]++;
		if (o == FPC_OUT_NUMERIC) {
			if (e < 0)
				s->low++;
			else
				s->high++;
			if (c < FPC_EXAMPLES)
				example(&s->special[o][c], kd, i, cr, e);
		}
		/* On a tie, a misrounded result is the better witness: a
		 * result erring by exactly 1/2 can be either (a midpoint's tie
		 * broken either way). */
		if (s->n_err == 1 || a > s->max_err ||
		    (a == s->max_err && o == FPC_OUT_NUMERIC &&
		     s->worst.out == s->worst.cr)) {
			s->max_err = a;
			example(&s->worst, kd, i, cr, e);
		}
		if (g > s->max_glibc) {
			s->max_glibc = g;
			example(&s->glibc_worst, kd, i, cr, e);
		}
	}
}
