/*
 * ULP arithmetic at its edges: signed zeros, subnormals, crossing zero, the
 * largest finite, infinities and NaNs, in both formats.  Every value is
 * written as its bits or as an exact hex float.
 */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "fpcheck/ulp.h"

#define D FPC_FMT_BINARY64
#define F FPC_FMT_BINARY32

static void test_distance_zeros(void **state)
{
	(void)state;
	assert_int_equal(fpc_ulp_distance(D, dbits(0.0), dbits(-0.0)), 0);
	assert_int_equal(fpc_ulp_distance(F, fbits(0.0f), fbits(-0.0f)), 0);
	assert_int_equal(fpc_ulp_ordinal(D, dbits(-0.0)), 0);
}

static void test_distance_crossing_zero(void **state)
{
	(void)state;
	/* -min subnormal to +min subnormal: two steps, through zero. */
	assert_int_equal(fpc_ulp_distance(D, dbits(-0x1p-1074), dbits(0x1p-1074)),
			 2);
	assert_int_equal(fpc_ulp_distance(F, fbits(-0x1p-149f), fbits(0x1p-149f)),
			 2);
	assert_int_equal(fpc_ulp_distance(D, dbits(-0x1p-1074), dbits(0.0)), 1);
	assert_int_equal(fpc_ulp_distance(D, dbits(-1.0), dbits(1.0)),
			 2 * UINT64_C(0x3ff0000000000000));
}

static void test_distance_subnormal_normal(void **state)
{
	(void)state;
	/* Largest subnormal and smallest normal are neighbours. */
	assert_int_equal(fpc_ulp_distance(D, dbits(0x0.fffffffffffffp-1022),
					  dbits(0x1p-1022)),
			 1);
	assert_int_equal(fpc_ulp_distance(F, fbits(0x0.fffffep-126f),
					  fbits(0x1p-126f)),
			 1);
	assert_int_equal(fpc_ulp_distance(D, dbits(1.0),
					  dbits(0x1.0000000000001p0)),
			 1);
	/* Across a binade: 1 - 2^-53 and 1 + 2^-52 are two apart. */
	assert_int_equal(fpc_ulp_distance(D, dbits(0x1.fffffffffffffp-1),
					  dbits(0x1.0000000000001p0)),
			 2);
}

static void test_distance_largest_and_inf(void **state)
{
	(void)state;
	assert_int_equal(fpc_ulp_distance(D, dbits(DBL_MAX), dbits(INFINITY)),
			 1);
	assert_int_equal(fpc_ulp_distance(F, fbits(FLT_MAX), fbits(INFINITY)),
			 1);
	/* -inf to +inf spans the whole ordered range, without overflow. */
	assert_int_equal(fpc_ulp_distance(D, dbits(-INFINITY), dbits(INFINITY)),
			 2 * UINT64_C(0x7ff0000000000000));
}

static void test_classify(void **state)
{
	(void)state;
	assert_int_equal(fpc_ulp_classify(D, dbits(1.0), dbits(1.0)), FPC_OUT_CR);
	/* NaN vs NaN is correct whatever the sign and payload. */
	assert_int_equal(fpc_ulp_classify(D, UINT64_C(0xfff8000000000001),
					  UINT64_C(0x7ff8000000000000)),
			 FPC_OUT_CR);
	assert_int_equal(fpc_ulp_classify(D, dbits(NAN), dbits(1.0)),
			 FPC_OUT_NAN_FOR_NUMBER);
	assert_int_equal(fpc_ulp_classify(D, dbits(0.0), dbits(NAN)),
			 FPC_OUT_NUMBER_FOR_NAN);
	assert_int_equal(fpc_ulp_classify(D, dbits(-0.0), dbits(0.0)),
			 FPC_OUT_ZERO_SIGN);
	assert_int_equal(fpc_ulp_classify(F, fbits(0.0f), fbits(0x1p-149f)),
			 FPC_OUT_FLUSHED);
	assert_int_equal(fpc_ulp_classify(D, dbits(DBL_MAX), dbits(INFINITY)),
			 FPC_OUT_INF_MISMATCH);
	assert_int_equal(fpc_ulp_classify(D, dbits(-INFINITY), dbits(INFINITY)),
			 FPC_OUT_INF_MISMATCH);
	/* A subnormal where zero was due is a numeric error (1 ulp). */
	assert_int_equal(fpc_ulp_classify(D, dbits(0x1p-1074), dbits(0.0)),
			 FPC_OUT_NUMERIC);
}

static void test_error_fractional(void **state)
{
	(void)state;
	/* Exact value 1 + 0.3 ulp, cr = 1: result 1 errs by 0.3, result
	 * 1 + ulp by 0.7. */
	assert_true(fpc_ulp_error(D, dbits(1.0), dbits(1.0), 0.3, -52) == -0.3);
	assert_true(fpc_ulp_error(D, dbits(0x1.0000000000001p0), dbits(1.0),
				  0.3, -52) == 0.7);
	/* Subnormal truth: ulp is 2^-1074 whatever the value. */
	assert_true(fpc_ulp_error(D, dbits(0x3p-1074), dbits(0x1p-1074), 0.25,
				  -1074) == 1.75);
	assert_true(fpc_ulp_error(F, fbits(0x1p-148f), fbits(0x1p-149f), -0.5,
				  -149) == 1.5);
	/* Crossing zero: truth +1 subnormal, result -1 subnormal. */
	assert_true(fpc_ulp_error(D, dbits(-0x1p-1074), dbits(0x1p-1074), 0,
				  -1074) == -2);
	/* Largest finite vs its negative: 2 (2^53 - 1) ulps of 2^971, that
	 * is 2^54 - 2, exactly. */
	assert_true(fpc_ulp_error(D, dbits(-DBL_MAX), dbits(DBL_MAX), 0, 971) ==
		    -0x1.fffffffffffffp+53);
	/* A result far beyond the truth's ulp saturates, never overflows. */
	assert_true(fabs(fpc_ulp_error(D, dbits(DBL_MAX), dbits(0.0), 0,
				       -1074)) <= DBL_MAX);
}

static void test_ulp_exponent(void **state)
{
	(void)state;
	assert_int_equal(fpc_ulp_exponent(D, dbits(1.0)), -52);
	assert_int_equal(fpc_ulp_exponent(D, dbits(0x1.fffffffffffffp-1)), -53);
	assert_int_equal(fpc_ulp_exponent(D, dbits(0.0)), -1074);
	assert_int_equal(fpc_ulp_exponent(D, dbits(0x1p-1022)), -1074);
	assert_int_equal(fpc_ulp_exponent(D, dbits(0x1p-1060)), -1074);
	assert_int_equal(fpc_ulp_exponent(D, dbits(DBL_MAX)), 971);
	assert_int_equal(fpc_ulp_exponent(F, fbits(1.0f)), -23);
	assert_int_equal(fpc_ulp_exponent(F, fbits(0x1p-140f)), -149);
	assert_int_equal(fpc_ulp_exponent(F, fbits(FLT_MAX)), 104);
}

static void test_glibc_ulps(void **state)
{
	(void)state;
	assert_int_equal(fpc_ulp_glibc(D, dbits(1.0), dbits(1.0)), 0);
	assert_int_equal(fpc_ulp_glibc(D, dbits(0x1.0000000000002p0), dbits(1.0)),
			 2);
	/* Below a power of two the result's ulp is half the truth's:
	 * 1 - 2^-53 against 1 is half an ulp of 1, rounded up to 1. */
	assert_int_equal(fpc_ulp_glibc(D, dbits(0x1.fffffffffffffp-1),
				       dbits(1.0)),
			 1);
	assert_int_equal(fpc_ulp_glibc(F, fbits(0x1p-149f), fbits(0.0f)), 1);
	assert_int_equal(fpc_ulp_glibc(D, dbits(-0x1p-1074), dbits(0x1p-1074)),
			 2);
}

static void test_format_values(void **state)
{
	char hex[FPC_HEX_MAX], dec[FPC_DEC_MAX];

	(void)state;
	fpc_bits_hex(D, dbits(-0.0), hex);
	assert_string_equal(hex, "-0x0p+0");
	fpc_bits_hex(D, UINT64_C(0x7ff8000000000000), hex);
	assert_string_equal(hex, "nan");
	fpc_bits_hex(D, UINT64_C(0xfff8000000000001), hex);
	assert_string_equal(hex, "-nan(0x1)");
	fpc_bits_hex(F, 0x7f800001u, hex);
	assert_string_equal(hex, "snan(0x1)");
	fpc_bits_hex(F, fbits(0x1p-149f), hex);
	assert_string_equal(hex, "0x1p-149");
	fpc_bits_dec(F, fbits(0.1f), dec);
	assert_string_equal(dec, "0.100000001");
	fpc_bits_dec(D, dbits(0.1), dec);
	assert_string_equal(dec, "0.10000000000000001");
	fpc_bits_hex(D, dbits(-INFINITY), hex);
	assert_string_equal(hex, "-inf");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_distance_zeros),
	    cmocka_unit_test(test_distance_crossing_zero),
	    cmocka_unit_test(test_distance_subnormal_normal),
	    cmocka_unit_test(test_distance_largest_and_inf),
	    cmocka_unit_test(test_classify),
	    cmocka_unit_test(test_error_fractional),
	    cmocka_unit_test(test_ulp_exponent),
	    cmocka_unit_test(test_glibc_ulps),
	    cmocka_unit_test(test_format_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
