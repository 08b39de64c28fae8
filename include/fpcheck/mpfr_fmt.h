/*
 * MPFR in a binary format: the format's exponent range in MPFR's
 * convention, and rounding into the format with overflow, underflow and
 * subnormals (mpfr_check_range and mpfr_subnormalize, as MPFR's manual
 * prescribes for emulating IEEE 754).  The corpus and the truth round
 * through these functions only.
 */
#ifndef FPCHECK_MPFR_FMT_H
#define FPCHECK_MPFR_FMT_H

#include <mpfr.h>

/* MPFR's exponent range, saved to be restored. */
struct fpc_mpfr_range {
	mpfr_exp_t emin, emax;
};

/*
 * Sets MPFR's exponent range to the format's, saving the current one in
 * saved.  MPFR's exponents are one more than IEEE's (x = m 2^e with
 * 1/2 <= |m| < 1): binary64's smallest subnormal 2^-1074 has e = -1073 and
 * its largest finite e = 1024; binary32's are -148 and 128.
 */
void fpc_mpfr_range_format(unsigned format, struct fpc_mpfr_range *saved);
/* Sets the widest range MPFR allows, saving the current one. */
void fpc_mpfr_range_wide(struct fpc_mpfr_range *saved);
void fpc_mpfr_range_restore(const struct fpc_mpfr_range *saved);

/*
 * The last step of an evaluation in the format's range (after
 * fpc_mpfr_range_format): c, of the format's precision, with ternary inex
 * of its rounding to nearest, becomes the format's value (overflow to
 * infinity, subnormals rounded once).
 */
void fpc_mpfr_subnormalize(mpfr_ptr c, int inex);

/*
 * c (the format's precision) = v rounded to nearest into the format,
 * range and subnormals included.  v may have any precision and lie
 * outside the format's range; inex is v's ternary value against the exact
 * value (0 when v is exact).  When v is round-to-odd or correctly rounded
 * at p + 2 bits or more, mpfr_set's own ternary is the right one unless
 * it is 0 (v fits in p bits), in which case v's carries on, so there is
 * no double rounding.  Called and returns in the caller's range.
 */
void fpc_mpfr_round(unsigned format, mpfr_ptr c, mpfr_srcptr v, int inex);

#endif
