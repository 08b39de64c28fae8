/*
 * ULP arithmetic (see fpcheck/ulp.h and docs/ulp.md).  Everything works on
 * bit patterns; a value is converted to a double only where the
 * arithmetic is exact or its rounding is harmless (error magnitudes).
 */
#include "fpcheck/ulp.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const struct fpc_fmt_desc fmts[] = {
    [FPC_FMT_BINARY32] =
	{
	    .format = FPC_FMT_BINARY32,
	    .prec = 24,
	    .emin = -126,
	    .emax = 127,
	    .ebits = 8,
	    .sign = UINT64_C(0x80000000),
	    .inf = UINT64_C(0x7f800000),
	    .qnan = UINT64_C(0x7fc00000),
	    .snan = UINT64_C(0x7f800001),
	},
    [FPC_FMT_BINARY64] =
	{
	    .format = FPC_FMT_BINARY64,
	    .prec = 53,
	    .emin = -1022,
	    .emax = 1023,
	    .ebits = 11,
	    .sign = UINT64_C(0x8000000000000000),
	    .inf = UINT64_C(0x7ff0000000000000),
	    .qnan = UINT64_C(0x7ff8000000000000),
	    .snan = UINT64_C(0x7ff0000000000001),
	},
};

const struct fpc_fmt_desc *fpc_fmt_desc(unsigned format)
{
	return &fmts[format == FPC_FMT_BINARY32 ? FPC_FMT_BINARY32
						: FPC_FMT_BINARY64];
}

static uint64_t mant_mask(const struct fpc_fmt_desc *f)
{
	return (UINT64_C(1) << (f->prec - 1)) - 1;
}

static uint64_t exp_field(const struct fpc_fmt_desc *f, uint64_t b)
{
	return (b >> (f->prec - 1)) & ((UINT64_C(1) << f->ebits) - 1);
}

static uint64_t exp_max(const struct fpc_fmt_desc *f)
{
	return (UINT64_C(1) << f->ebits) - 1;
}

unsigned fpc_fmt_precision(unsigned format)
{
	return (unsigned)fpc_fmt_desc(format)->prec;
}

int fpc_fmt_emin(unsigned format)
{
	return fpc_fmt_desc(format)->emin;
}

int fpc_bits_isnan(unsigned format, uint64_t b)
{
	const struct fpc_fmt_desc *f = fpc_fmt_desc(format);
	return exp_field(f, b) == exp_max(f) && (b & mant_mask(f));
}

int fpc_bits_isinf(unsigned format, uint64_t b)
{
	const struct fpc_fmt_desc *f = fpc_fmt_desc(format);
	return exp_field(f, b) == exp_max(f) && !(b & mant_mask(f));
}

int fpc_bits_iszero(unsigned format, uint64_t b)
{
	return !(b & (fpc_fmt_desc(format)->sign - 1));
}

int fpc_bits_issubnormal(unsigned format, uint64_t b)
{
	const struct fpc_fmt_desc *f = fpc_fmt_desc(format);
	return exp_field(f, b) == 0 && (b & mant_mask(f));
}

int fpc_bits_signbit(unsigned format, uint64_t b)
{
	return (b & fpc_fmt_desc(format)->sign) != 0;
}

double fpc_bits_value(unsigned format, uint64_t b)
{
	if (format == FPC_FMT_BINARY32) {
		uint32_t u = (uint32_t)b;
		float x;
		memcpy(&x, &u, sizeof(x));
		return x;
	} else {
		double x;
		memcpy(&x, &b, sizeof(x));
		return x;
	}
}

uint64_t fpc_bits_from_double(unsigned format, double d)
{
	if (format == FPC_FMT_BINARY32) {
		float x = (float)d;
		uint32_t u;
		memcpy(&u, &x, sizeof(u));
		return u;
	} else {
		uint64_t u;
		memcpy(&u, &d, sizeof(u));
		return u;
	}
}

int64_t fpc_ulp_ordinal(unsigned format, uint64_t b)
{
	const struct fpc_fmt_desc *f = fpc_fmt_desc(format);
	int64_t mag = (int64_t)(b & (f->sign - 1));

	/* Magnitude bits order like the magnitudes; negate for the sign. */
	return (b & f->sign) ? -mag : mag;
}

uint64_t fpc_ulp_distance(unsigned format, uint64_t a, uint64_t b)
{
	int64_t oa = fpc_ulp_ordinal(format, a), ob = fpc_ulp_ordinal(format, b);

	/* Ordinals lie within +-2^63 - 1: the difference fits in uint64_t. */
	return oa > ob ? (uint64_t)oa - (uint64_t)ob : (uint64_t)ob - (uint64_t)oa;
}

enum fpc_outcome fpc_ulp_classify(unsigned format, uint64_t y, uint64_t cr)
{
	int ynan = fpc_bits_isnan(format, y), cnan = fpc_bits_isnan(format, cr);

	if (y == cr || (ynan && cnan))
		return FPC_OUT_CR;
	if (ynan)
		return FPC_OUT_NAN_FOR_NUMBER;
	if (cnan)
		return FPC_OUT_NUMBER_FOR_NAN;
	if (fpc_bits_isinf(format, y) || fpc_bits_isinf(format, cr))
		return FPC_OUT_INF_MISMATCH;
	if (fpc_bits_iszero(format, y) && fpc_bits_iszero(format, cr))
		return FPC_OUT_ZERO_SIGN;
	if (fpc_bits_iszero(format, y) && fpc_bits_issubnormal(format, cr))
		return FPC_OUT_FLUSHED;
	return FPC_OUT_NUMERIC;
}

const char *fpc_outcome_name(enum fpc_outcome o)
{
	static const char *names[FPC_OUT_COUNT] = {
		[FPC_OUT_CR] = "cr",
		[FPC_OUT_NUMERIC] = "numeric",
		[FPC_OUT_ZERO_SIGN] = "zero-sign",
		[FPC_OUT_FLUSHED] = "flushed",
		[FPC_OUT_NAN_FOR_NUMBER] = "nan-for-number",
		[FPC_OUT_NUMBER_FOR_NAN] = "number-for-nan",
		[FPC_OUT_INF_MISMATCH] = "inf-mismatch",
	};
	return (unsigned)o < FPC_OUT_COUNT ? names[o] : "unknown";
}

/* x * 2^-e as a double, saturating at +-DBL_MAX.  long double carries the
 * intermediate where it has the wider exponent range (x86-64, aarch64);
 * elsewhere only the saturation differs. */
static double scaled(long double x, int e)
{
	long double s = ldexpl(x, -e);

	if (s > DBL_MAX)
		return DBL_MAX;
	if (s < -DBL_MAX)
		return -DBL_MAX;
	return (double)s;
}

double fpc_ulp_half_side(double d, int s)
{
	/* The doubles next to 1/2: 1/2 - 2^-54 below, 1/2 + 2^-53 above. */
	double a = fabs(d);

	if (s < 0 && !(a < 0.5))
		a = 0x1.fffffffffffffp-2;
	else if (s > 0 && !(a > 0.5))
		a = 0x1.0000000000001p-1;
	else if (s == 0)
		a = 0.5;
	return copysign(a, d);
}

/*
 * On which side of 1/2 |k - off| lies, from comparisons alone: k (the
 * distance y - cr in ulps of x) is exact, and off compares with -1/2, 0
 * and 1/2 as the exact offset does.  |k - off| < 1/2 exactly when off lies
 * strictly between k - 1/2 and k + 1/2.  Near 1/2 the error can only be
 * k = 0 (y is cr), k = +-1 (y is cr's neighbour) or k = +-1/2 (cr is a
 * power of two and y the float below it), and those bounds are -1/2, 0 or
 * 1/2; any other bound lies farther than 1/2 from off, whose magnitude is
 * at most 1/2 (docs/ulp.md).
 */
static int half_side(double k, double off)
{
	double lo = k - 0.5, hi = k + 0.5;

	if (off > lo && off < hi)
		return -1;
	return off == lo || off == hi ? 0 : 1;
}

double fpc_ulp_error(unsigned format, uint64_t y, uint64_t cr, double off,
		     int ue)
{
	/* y - cr: both are doubles (a float converts exactly), so the long
	 * double difference is exact whenever y and cr are within 2^11 ulps
	 * on x86 (64-bit significand), and for neighbours everywhere
	 * (Sterbenz); rounded harmlessly otherwise. */
	long double d = (long double)fpc_bits_value(format, y) -
			(long double)fpc_bits_value(format, cr);
	double k = scaled(d, ue);

	if (k == DBL_MAX || k == -DBL_MAX)
		return k;
	return fpc_ulp_half_side(k - off, half_side(k, off));
}

int fpc_ulp_exponent(unsigned format, uint64_t cr)
{
	const struct fpc_fmt_desc *f = fpc_fmt_desc(format);
	int e;

	if (fpc_bits_iszero(format, cr) || fpc_bits_issubnormal(format, cr))
		return f->emin - f->prec + 1;
	frexp(fpc_bits_value(format, cr), &e); /* cr = m 2^e, 0.5 <= m < 1 */
	return e - 1 - f->prec + 1;
}

uint64_t fpc_ulp_glibc(unsigned format, uint64_t y, uint64_t cr)
{
	long double d = fabsl((long double)fpc_bits_value(format, y) -
			      (long double)fpc_bits_value(format, cr));
	long double u = ceill(ldexpl(d, -fpc_ulp_exponent(format, cr)));

	return u >= 0x1p64L ? UINT64_MAX : (uint64_t)u;
}

void fpc_bits_hex(unsigned format, uint64_t b, char *hex)
{
	const struct fpc_fmt_desc *f = fpc_fmt_desc(format);

	if (fpc_bits_isnan(format, b)) {
		uint64_t quiet = UINT64_C(1) << (f->prec - 2);
		uint64_t payload = b & mant_mask(f) & ~quiet;
		const char *sign = (b & f->sign) ? "-" : "";
		const char *kind = (b & quiet) ? "nan" : "snan";

		if (payload || !(b & quiet))
			snprintf(hex, FPC_HEX_MAX, "%s%s(0x%llx)", sign, kind,
				 (unsigned long long)payload);
		else
			snprintf(hex, FPC_HEX_MAX, "%s%s", sign, kind);
		return;
	}
	snprintf(hex, FPC_HEX_MAX, "%a", fpc_bits_value(format, b));
}

void fpc_bits_dec(unsigned format, uint64_t b, char *dec)
{
	if (fpc_bits_isnan(format, b)) {
		snprintf(dec, FPC_DEC_MAX, "%s", fpc_bits_signbit(format, b)
							 ? "-nan"
							 : "nan");
		return;
	}
	snprintf(dec, FPC_DEC_MAX, format == FPC_FMT_BINARY32 ? "%.9g" : "%.17g",
		 fpc_bits_value(format, b));
}
