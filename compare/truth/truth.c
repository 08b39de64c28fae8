/*
 * MPFR truth of one input, in each of the ways fpcheck/truth.h names,
 * and the arrays that hold a kernel's truth.  truth_bulk.c computes a
 * whole kernel's inputs with fpc_truth_eval.
 *
 * Formats are emulated the MPFR way: round to the precision p in MPFR's
 * wide exponent range, then restrict the range to the format's (emin,
 * emax), mpfr_check_range and mpfr_subnormalize, carrying the ternary
 * value through each step so that no step rounds twice.  The exponent
 * range is thread-local in MPFR's thread-safe builds; it is saved and
 * restored around every use.
 */
#include "fpcheck/truth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fpcheck/error.h"
#include "fpcheck/mpfr_fmt.h"
#include "fpcheck/ulp.h"

/* Each format's precision p (its description, fpcheck/ulp.h) and the
 * working precision of the bulk path. */
static const struct target {
	mpfr_prec_t p;
	mpfr_prec_t work;
} targets[] = {
	[FPC_FMT_BINARY32] = {24, 64},
	[FPC_FMT_BINARY64] = {53, 128},
};

static const struct target *target(unsigned format)
{
	return &targets[format == FPC_FMT_BINARY32 ? FPC_FMT_BINARY32
						   : FPC_FMT_BINARY64];
}

int fpc_truth_alloc(struct fpc_truth *t, uint32_t n)
{
	size_t m = n ? n : 1;

	t->n = n;
	t->cr = calloc(m, sizeof(*t->cr));
	t->off = calloc(m, sizeof(*t->off));
	t->ue = calloc(m, sizeof(*t->ue));
	if (!t->cr || !t->off || !t->ue) {
		fpc_truth_release(t);
		return FPC_ERR_NOMEM;
	}
	return 0;
}

void fpc_truth_release(struct fpc_truth *t)
{
	free(t->cr);
	free(t->off);
	free(t->ue);
	memset(t, 0, sizeof(*t));
}

/* The kernel's arguments as MPFR numbers of the format's precision
 * (exact); release with clear_inputs. */
static void set_inputs(const struct fpc_kernel *k, const uint64_t *args,
		       mpfr_t *x, mpfr_srcptr *xs)
{
	for (unsigned a = 0; a < k->fn->arity; a++) {
		mpfr_init2(x[a], target(k->format)->p);
		mpfr_set_d(x[a], fpc_bits_value(k->format, args[a]), MPFR_RNDN);
		xs[a] = x[a];
	}
}

static void clear_inputs(const struct fpc_kernel *k, mpfr_t *x)
{
	for (unsigned a = 0; a < k->fn->arity; a++)
		mpfr_clear(x[a]);
}

static int evaluate(const struct fpc_kernel *k, mpfr_ptr y, mpfr_srcptr *x,
		    mpfr_rnd_t rnd)
{
	if (k->fn->mpfrn)
		return k->fn->mpfrn(y, x, rnd);
	return k->fn->arity == 1 ? k->fn->mpfr1(y, x[0], rnd)
				 : k->fn->mpfr2(y, x[0], x[1], rnd);
}

static uint64_t nan_bits(unsigned format)
{
	return format == FPC_FMT_BINARY32 ? 0x7fc00000u
					  : UINT64_C(0x7ff8000000000000);
}

/* c (already within the format) to bits. */
static uint64_t get_bits(unsigned format, mpfr_srcptr c)
{
	if (mpfr_nan_p(c))
		return nan_bits(format);
	if (format == FPC_FMT_BINARY32) {
		float f = mpfr_get_flt(c, MPFR_RNDN);
		uint32_t u;
		memcpy(&u, &f, sizeof(u));
		return u;
	} else {
		double d = mpfr_get_d(c, MPFR_RNDN);
		uint64_t u;
		memcpy(&u, &d, sizeof(u));
		return u;
	}
}

/* Which side of 1/2 |o| lies on: negative below, 0 on it, positive
 * above. */
static int half_side(mpfr_srcptr o)
{
	return mpfr_sgn(o) < 0 ? -mpfr_cmp_si_2exp(o, -1, -1)
			       : mpfr_cmp_ui_2exp(o, 1, -1);
}

/*
 * The offset of v (the exact value, or a round-to-odd stand-in of at least
 * p + 2 bits) from c in ulp(v), and log2 ulp(v).  v lies on the same side
 * of every midpoint between two floats of the format as the exact value
 * (a round-to-odd value is never such a midpoint unless exact), so the
 * offset's comparison with -1/2, 0 and 1/2 is exact; the double keeps it
 * (fpc_ulp_half_side), which is what tells a correctly rounded result from
 * a misrounded one when the exact value lies within 2^-54 ulp of a
 * midpoint.  tmp has room for v - c exactly (tmp_prec).
 */
static void offset(unsigned format, mpfr_srcptr v, mpfr_srcptr c,
		   mpfr_ptr tmp, double *off, int16_t *ue)
{
	const struct target *tg = target(format);
	int emin_normal = fpc_fmt_emin(format);
	long e;

	*off = 0;
	*ue = 0;
	if (!mpfr_number_p(v) || !mpfr_number_p(c))
		return;
	if (mpfr_zero_p(v)) {
		*ue = (int16_t)(emin_normal - tg->p + 1);
		return;
	}
	/* v = m 2^E, 1/2 <= m < 1, so 2^(E-1) <= |v| < 2^E. */
	e = (long)mpfr_get_exp(v) - 1;
	if (e < emin_normal)
		e = emin_normal;
	*ue = (int16_t)(e - tg->p + 1);
	mpfr_sub(tmp, v, c, MPFR_RNDN);
	mpfr_mul_2si(tmp, tmp, -(long)*ue, MPFR_RNDN);
	*off = fpc_ulp_half_side(mpfr_get_d(tmp, MPFR_RNDN), half_side(tmp));
}

/* Bits that hold v - c exactly, for v of precision prec and c of the
 * format: c is zero, or within a factor 4 of v, so the difference spans
 * at most the bits of both and two more. */
static mpfr_prec_t tmp_prec(unsigned format, mpfr_prec_t prec)
{
	return prec + target(format)->p + 2;
}

/* v, truncated with ternary value inex, rounded to odd instead: moving an
 * even truncation one ulp away from zero makes it odd (never a power of
 * two, so it stays in its binade); an underflow to zero becomes the
 * smallest number of the sign, which still rounds to the right zero or
 * subnormal. */
static void round_to_odd(mpfr_ptr v, int inex)
{
	if (!inex || !mpfr_number_p(v) ||
	    (!mpfr_zero_p(v) && mpfr_min_prec(v) == mpfr_get_prec(v)))
		return;
	if (inex < 0)
		mpfr_nextabove(v);
	else
		mpfr_nextbelow(v);
}

int fpc_truth_eval(const struct fpc_kernel *k, const uint64_t *args,
		   uint64_t *cr, double *off, int16_t *ue)
{
	const struct target *tg = target(k->format);
	mpfr_t x[FPC_MAX_ARITY], v, c, tmp;
	mpfr_srcptr xs[FPC_MAX_ARITY];
	int inex;

	if (!FPC_HAS_TRUTH(k->fn))
		return FPC_ERR_ARG;
	set_inputs(k, args, x, xs);
	mpfr_init2(v, tg->work);
	mpfr_init2(tmp, tmp_prec(k->format, tg->work));
	mpfr_init2(c, tg->p);

	/* Round to odd: truncate, then set the last bit if anything was
	 * lost. */
	mpfr_clear_flags();
	inex = evaluate(k, v, xs, MPFR_RNDZ);
	round_to_odd(v, inex);
	/* Truncation turns an overflow into the largest finite number; the
	 * format's range check below turns it into the infinity due. */
	fpc_mpfr_round(k->format, c, v, inex);
	*cr = get_bits(k->format, c);
	offset(k->format, v, c, tmp, off, ue);

	clear_inputs(k, x);
	mpfr_clears(v, c, tmp, (mpfr_ptr)0);
	return 0;
}

int fpc_truth_eval_plain(const struct fpc_kernel *k, const uint64_t *args,
			 uint64_t *cr, double *off, int16_t *ue)
{
	const struct target *tg = target(k->format);
	struct fpc_mpfr_range saved;
	mpfr_t x[FPC_MAX_ARITY], c, hi, tmp;
	mpfr_srcptr xs[FPC_MAX_ARITY];
	int inex;

	if (!FPC_HAS_TRUTH(k->fn))
		return FPC_ERR_ARG;

	set_inputs(k, args, x, xs);
	/* The textbook emulation: evaluate directly in the format's range. */
	mpfr_init2(c, tg->p);
	fpc_mpfr_range_format(k->format, &saved);
	inex = evaluate(k, c, xs, MPFR_RNDN);
	mpfr_subnormalize(c, inex, MPFR_RNDN);
	fpc_mpfr_range_restore(&saved);
	*cr = get_bits(k->format, c);

	/* The offset from an evaluation at twice the working precision,
	 * rounded to odd: rounding to nearest could land an exact value just
	 * below a power of two on that power, and so in the wrong binade for
	 * ulp(x), and truncation could land one just beyond a midpoint on
	 * it; round-to-odd does neither. */
	mpfr_init2(hi, 2 * tg->work);
	mpfr_init2(tmp, tmp_prec(k->format, 2 * tg->work));
	round_to_odd(hi, evaluate(k, hi, xs, MPFR_RNDZ));
	offset(k->format, hi, c, tmp, off, ue);

	clear_inputs(k, x);
	mpfr_clears(c, hi, tmp, (mpfr_ptr)0);
	return 0;
}

int fpc_truth_eval_double_rounded(const struct fpc_kernel *k,
				  const uint64_t *args, unsigned prec,
				  uint64_t *bits)
{
	const struct target *tg = target(k->format);
	mpfr_t x[FPC_MAX_ARITY], v, c;
	mpfr_srcptr xs[FPC_MAX_ARITY];

	if (prec < MPFR_PREC_MIN)
		return FPC_ERR_ARG;
	set_inputs(k, args, x, xs);
	mpfr_init2(v, (mpfr_prec_t)prec);
	mpfr_init2(c, tg->p);
	evaluate(k, v, xs, MPFR_RNDN);
	/* The second rounding sees only v: its ternary is 0, so a v that
	 * lies on a midpoint of the format rounds to even, as the store
	 * from the register does. */
	fpc_mpfr_round(k->format, c, v, 0);
	*bits = get_bits(k->format, c);
	clear_inputs(k, x);
	mpfr_clears(v, c, (mpfr_ptr)0);
	return 0;
}
