/*
 * ULP arithmetic on IEEE 754 bit patterns (binary32 and binary64), and the
 * classification of a result against its correctly rounded value.
 * docs/ulp.md states the conventions; in short:
 *
 *  - ulp(x) of an exact real x with 2^e <= |x| < 2^(e+1) is
 *    2^(max(e, emin) - p + 1); the fractional error of y is |y - x| / ulp(x).
 *  - The integer distance between two floats counts the floats between
 *    them; -0 and +0 are 0 apart (the sign difference is its own outcome).
 *  - glibc-style ulps: |y - cr| / ulp(cr), rounded up, with ulp(0) the
 *    smallest subnormal.
 *
 * Values are always passed as bit patterns (binary32 zero-extended).
 */
#ifndef FPCHECK_ULP_H
#define FPCHECK_ULP_H

#include <stdint.h>

#include "fpcheck/kdata.h"

/* An IEEE 754 binary format, its parameters written once for the whole
 * library: the corpus, the truth and the ulp arithmetic read them here. */
struct fpc_fmt_desc {
	unsigned format; /* enum fpc_format */
	int prec;	 /* significand bits, the implicit bit included */
	int emin, emax;	 /* exponents of the smallest normal, largest finite */
	unsigned ebits;	 /* exponent field width */
	uint64_t sign, inf, qnan, snan; /* snan: quiet bit clear, payload 1 */
};
/* The description of a format: binary32 for FPC_FMT_BINARY32, binary64
 * for anything else. */
const struct fpc_fmt_desc *fpc_fmt_desc(unsigned format);
/* Precision p and smallest normal exponent emin of a format. */
unsigned fpc_fmt_precision(unsigned format);
int fpc_fmt_emin(unsigned format);

int fpc_bits_isnan(unsigned format, uint64_t b);
int fpc_bits_isinf(unsigned format, uint64_t b);
int fpc_bits_iszero(unsigned format, uint64_t b);
int fpc_bits_issubnormal(unsigned format, uint64_t b);
int fpc_bits_signbit(unsigned format, uint64_t b);
/* The value as a double (exact for both formats). */
double fpc_bits_value(unsigned format, uint64_t b);
/* The bits of d in the format: exact when d is representable, else d
 * rounded once to nearest (binary32). */
uint64_t fpc_bits_from_double(unsigned format, double d);

/* Maps non-NaN bits to an integer with the same order as the values,
 * +0 and -0 both to 0, consecutive floats to consecutive integers. */
int64_t fpc_ulp_ordinal(unsigned format, uint64_t b);
/* Number of floats from a to b (non-NaN): |ordinal(a) - ordinal(b)|. */
uint64_t fpc_ulp_distance(unsigned format, uint64_t a, uint64_t b);

/* How a result relates to its correctly rounded value. */
enum fpc_outcome {
	FPC_OUT_CR,             /* same bits, or both NaN */
	FPC_OUT_NUMERIC,        /* both finite, an error in ulps */
	FPC_OUT_ZERO_SIGN,      /* both zero, signs differ */
	FPC_OUT_FLUSHED,        /* zero where a subnormal was due */
	FPC_OUT_NAN_FOR_NUMBER, /* NaN where a number was due */
	FPC_OUT_NUMBER_FOR_NAN, /* a number where NaN was due */
	FPC_OUT_INF_MISMATCH,   /* infinity vs finite, or opposite infinities */
	FPC_OUT_COUNT
};

enum fpc_outcome fpc_ulp_classify(unsigned format, uint64_t y, uint64_t cr);
/* Short name for reports: "cr", "numeric", "zero-sign", ... */
const char *fpc_outcome_name(enum fpc_outcome o);

/*
 * Signed fractional error (y - x) / ulp(x) in ulps of the exact value x,
 * given as its correctly rounded value cr plus off = (x - cr) / ulp(x) and
 * ue = log2 ulp(x) (as the truth module stores it).  For finite y and cr.
 * Magnitudes beyond the double range saturate to +-DBL_MAX.
 *
 * The result is as close to the error as off is to the exact offset, and
 * its magnitude compares with 1/2 exactly as the exact error's does (see
 * fpc_ulp_half_side): a result misrounded by 1/2 + 2^-60 ulp gives the
 * double above 1/2, a correctly rounded one erring by 1/2 - 2^-60 the
 * double below it.  This holds when off compares with -1/2, 0 and 1/2 as
 * the exact offset does, as the truth module guarantees (fpcheck/truth.h).
 */
double fpc_ulp_error(unsigned format, uint64_t y, uint64_t cr, double off,
		     int ue);
/*
 * d, an approximation of a real r whose magnitude lies on side s of 1/2
 * (s < 0 below, s == 0 on it, s > 0 above), made to lie on that side too:
 * d itself when it does, else the double next to 1/2 on side s (1/2 itself
 * when s is 0), with d's sign.  Rounding to nearest carries 1/2 - 2^-60
 * onto 1/2; whether an error is within half an ulp is the one comparison
 * that must never be lost to it.
 */
double fpc_ulp_half_side(double d, int s);
/* log2 of ulp(cr) as glibc measures it: cr's exponent (at least emin)
 * minus p - 1; for zero, that of the smallest subnormal. */
int fpc_ulp_exponent(unsigned format, uint64_t cr);
/* glibc-style ulps of y against cr (finite), rounded up; saturates at
 * UINT64_MAX. */
uint64_t fpc_ulp_glibc(unsigned format, uint64_t y, uint64_t cr);

/*
 * A value for people and for machines: hex is C99 %a ("0x1.8p+1", "-0x0p+0",
 * "inf", "nan" or "-nan(0x1)" with the payload when it is not the default
 * quiet NaN, "snan(0x1)" for a signalling one); dec is the shortest-form
 * decimal that round-trips (%.9g for binary32, %.17g for binary64).
 */
#define FPC_HEX_MAX 40
#define FPC_DEC_MAX 32
void fpc_bits_hex(unsigned format, uint64_t b, char *hex);
void fpc_bits_dec(unsigned format, uint64_t b, char *dec);

#endif
