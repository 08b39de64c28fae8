/*
 * MPFR in a binary format (see fpcheck/mpfr_fmt.h): the exponent range
 * from the format's description (fpcheck/ulp.h), and the rounding into
 * it.
 */
#include "fpcheck/mpfr_fmt.h"

#include "fpcheck/ulp.h"

void fpc_mpfr_range_format(unsigned format, struct fpc_mpfr_range *saved)
{
	const struct fpc_fmt_desc *f = fpc_fmt_desc(format);

	saved->emin = mpfr_get_emin();
	saved->emax = mpfr_get_emax();
	/* The smallest subnormal is 2^(emin - prec + 1) = 0.5 * 2^(emin -
	 * prec + 2); the largest finite is below 2^(emax + 1). */
	mpfr_set_emin(f->emin - f->prec + 2);
	mpfr_set_emax(f->emax + 1);
}

void fpc_mpfr_range_wide(struct fpc_mpfr_range *saved)
{
	saved->emin = mpfr_get_emin();
	saved->emax = mpfr_get_emax();
	mpfr_set_emin(mpfr_get_emin_min());
	mpfr_set_emax(mpfr_get_emax_max());
}

void fpc_mpfr_range_restore(const struct fpc_mpfr_range *saved)
{
	mpfr_set_emin(saved->emin);
	mpfr_set_emax(saved->emax);
}

void fpc_mpfr_subnormalize(mpfr_ptr c, int inex)
{
	inex = mpfr_check_range(c, inex, MPFR_RNDN);
	mpfr_subnormalize(c, inex, MPFR_RNDN);
}

void fpc_mpfr_round(unsigned format, mpfr_ptr c, mpfr_srcptr v, int inex)
{
	struct fpc_mpfr_range saved;
	int i = mpfr_set(c, v, MPFR_RNDN);

	if (!i)
		i = inex;
	fpc_mpfr_range_format(format, &saved);
	fpc_mpfr_subnormalize(c, i);
	fpc_mpfr_range_restore(&saved);
}
