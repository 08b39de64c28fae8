/*
 * Reductions: the descriptor codec, the shared vector generator, and the
 * exact reference checked against mpfr_sum, on random vectors over the
 * whole range (subnormals to near overflow) and on adversarial ones.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>

#include <cmocka.h>
#include <mpfr.h>

#include "fpcheck/reduce_truth.h"
#include "fpcheck/truth.h"
#include "fpcheck/ulp.h"
#include "kernels/reduce.h"
#include "testutil.h"

static uint64_t seed = 20261121;

/* A random finite value of format fmt: any sign, exponent and fraction,
 * subnormals included. */
static uint64_t any_finite(unsigned fmt, uint64_t *s)
{
	uint64_t r = splitmix64(s);
	if (fmt == FPC_FMT_BINARY32) {
		r &= 0xffffffffu;
		if (((r >> 23) & 0xff) == 0xff)
			r &= ~(UINT64_C(1) << 30);
		return r;
	}
	if (((r >> 52) & 0x7ff) == 0x7ff)
		r &= ~(UINT64_C(1) << 62);
	return r;
}

/* The plain MPFR reference: every term formed exactly, mpfr_sum into v
 * with enough precision to be exact. */
static void reference(unsigned op, unsigned fmt, const uint64_t *x,
		      const uint64_t *y, uint32_t n, mpfr_ptr v)
{
	mpfr_t *t = malloc((n ? n : 1) * sizeof(*t));
	mpfr_ptr *p = malloc((n ? n : 1) * sizeof(*p));

	assert_non_null(t);
	assert_non_null(p);
	for (uint32_t i = 0; i < n; i++) {
		mpfr_init2(t[i], 2 * 53);
		mpfr_set_d(t[i], fpc_bits_value(fmt, x[i]), MPFR_RNDN);
		if (op != FPC_REDUCE_SUM) {
			uint64_t b = op == FPC_REDUCE_DOT ? y[i] : x[i];
			assert_int_equal(mpfr_mul_d(t[i], t[i],
						    fpc_bits_value(fmt, b),
						    MPFR_RNDN),
					 0);
		}
		p[i] = t[i];
	}
	mpfr_set_prec(v, 5000);
	assert_int_equal(mpfr_sum(v, p, n, MPFR_RNDN), 0); /* exact */
	for (uint32_t i = 0; i < n; i++)
		mpfr_clear(t[i]);
	free(t);
	free(p);
}

static void check_exact(unsigned op, unsigned fmt, const uint64_t *x,
			const uint64_t *y, uint32_t n)
{
	mpfr_t a, b;

	mpfr_inits2(64, a, b, (mpfr_ptr)0);
	assert_int_equal(fpc_reduce_exact(op, fmt, x, y, n, a), 0);
	reference(op, fmt, x, y, n, b);
	if (!mpfr_equal_p(a, b) && !(mpfr_zero_p(a) && mpfr_zero_p(b)))
		fail_msg("op %u fmt %u n %u: accumulator %s, mpfr_sum %s", op,
			 fmt, n, mpfr_get_str(NULL, NULL, 16, 0, a, MPFR_RNDN),
			 mpfr_get_str(NULL, NULL, 16, 0, b, MPFR_RNDN));
	mpfr_clears(a, b, (mpfr_ptr)0);
}

static void test_exact_random(void **state)
{
	uint64_t s = seed, x[200], y[200];

	(void)state;
	for (int trial = 0; trial < 2000; trial++) {
		unsigned fmt = trial & 1 ? FPC_FMT_BINARY32 : FPC_FMT_BINARY64;
		uint32_t n = (uint32_t)(splitmix64(&s) % 200);
		for (uint32_t i = 0; i < n; i++) {
			x[i] = any_finite(fmt, &s);
			y[i] = any_finite(fmt, &s);
		}
		for (unsigned op = 0; op < 3; op++)
			check_exact(op, fmt, x, y, n);
	}
}

static void test_exact_adversarial(void **state)
{
	uint64_t x[64], y[64];
	(void)state;

	/* Exact cancellation of the largest values around a subnormal. */
	x[0] = dbits(0x1.fffffffffffffp+1023);
	x[1] = dbits(0x0.0000000000001p-1022);
	x[2] = dbits(-0x1.fffffffffffffp+1023);
	check_exact(FPC_REDUCE_SUM, FPC_FMT_BINARY64, x, NULL, 3);
	/* Products of subnormals (2^-2148) beside products near 2^2048. */
	for (int i = 0; i < 64; i++) {
		x[i] = dbits(i & 1 ? 0x1p-1074 : (i & 2 ? -1 : 1) * 0x1.fp+1023);
		y[i] = dbits(i & 1 ? -0x1.8p-1070 : 0x1.ffffp+1023);
	}
	for (unsigned op = 0; op < 3; op++)
		check_exact(op, FPC_FMT_BINARY64, x, y, 64);
	/* Carries through every limb: 2^-1074 - 2^-1074 ... alternating
	 * with values whose sum walks across zero. */
	for (int i = 0; i < 64; i++)
		x[i] = dbits(i % 3 ? -0x1p-1074 : 0x1p+1000);
	check_exact(FPC_REDUCE_SUM, FPC_FMT_BINARY64, x, NULL, 64);
	for (int i = 0; i < 64; i++)
		x[i] = fbits(i % 2 ? -0x1p-149f : 0x1.fffffep+127f);
	for (unsigned op = 0; op < 3; op++)
		check_exact(op, FPC_FMT_BINARY32, x, x, 64);
}

/* Every generated distribution, at several lengths, against mpfr_sum. */
static void test_exact_generated(void **state)
{
	static const uint32_t lengths[] = {0, 1, 2, 3, 10, 101, 4096};
	uint64_t *x = malloc(4096 * 8), *y = malloc(4096 * 8);

	(void)state;
	for (unsigned fmt = 1; fmt <= 2; fmt++)
		for (unsigned d = 0; d < FPC_DIST_COUNT; d++)
			for (size_t l = 0; l < 7; l++) {
				uint32_t n = lengths[l];
				fpc_reduce_generate(fmt, d, 77 + l, n, x, NULL);
				check_exact(FPC_REDUCE_SUM, fmt, x, NULL, n);
				check_exact(FPC_REDUCE_NORM, fmt, x, NULL, n);
				fpc_reduce_generate(fmt, d, 77 + l, n, x, y);
				check_exact(FPC_REDUCE_DOT, fmt, x, y, n);
			}
	free(x);
	free(y);
}

/* The zero distribution's exact sum is its tiny tail alone; cancel's is
 * small against sum |x|. */
static void test_generated_shapes(void **state)
{
	uint64_t x[1001];
	mpfr_t v, tail;
	(void)state;

	mpfr_inits2(64, v, tail, (mpfr_ptr)0);
	fpc_reduce_generate(FPC_FMT_BINARY64, FPC_DIST_ZERO, 5, 1001, x, NULL);
	assert_int_equal(fpc_reduce_exact(FPC_REDUCE_SUM, FPC_FMT_BINARY64, x,
					  NULL, 1001, v),
			 0);
	mpfr_set_d(tail, dval(x[1000]), MPFR_RNDN);
	assert_true(mpfr_equal_p(v, tail));
	assert_true(fabs(dval(x[1000])) < 0x1p-39);
	/* The same descriptor gives the same vector; another seed not. */
	uint64_t a[100], b[100];
	fpc_reduce_generate(FPC_FMT_BINARY32, FPC_DIST_CANCEL, 9, 100, a, NULL);
	fpc_reduce_generate(FPC_FMT_BINARY32, FPC_DIST_CANCEL, 9, 100, b, NULL);
	assert_memory_equal(a, b, sizeof(a));
	fpc_reduce_generate(FPC_FMT_BINARY32, FPC_DIST_CANCEL, 10, 100, b, NULL);
	assert_memory_not_equal(a, b, sizeof(a));
	for (int i = 0; i < 100; i++)
		assert_true(a[i] <= 0xffffffffu && isfinite(fval(a[i])));
	mpfr_clears(v, tail, (mpfr_ptr)0);
}

static void test_descriptor_codec(void **state)
{
	(void)state;
	for (unsigned fmt = 1; fmt <= 2; fmt++) {
		for (uint32_t v = 0; v <= FPC_REDUCE_MAX_N; v += 1 + v / 7) {
			uint64_t b = fpc_reduce_bits(fmt, v);
			double d = fmt == 1 ? (double)fval(b) : dval(b);
			assert_true(d == (double)v);
			assert_int_equal(fpc_reduce_int(fmt, b), v);
		}
		assert_int_equal(fpc_reduce_int(fmt, fpc_bits_from_double(fmt, 0.5)), -1);
		assert_int_equal(fpc_reduce_int(fmt, fpc_bits_from_double(fmt, -1)), -1);
		assert_int_equal(fpc_reduce_int(fmt, fpc_bits_from_double(fmt, -0.0)), -1);
		assert_int_equal(fpc_reduce_int(fmt, fpc_bits_from_double(fmt, NAN)), -1);
		assert_int_equal(fpc_reduce_int(fmt, fpc_bits_from_double(fmt, 0x1p25)), -1);
		assert_int_equal(fpc_reduce_int(fmt, fpc_bits_from_double(fmt, 12.25)), -1);
	}
}

/* The truth of every reduction kernel on short descriptors: the bulk
 * (round-to-odd, memoised) path and the plain path agree, and both agree
 * with mpfr_sum rounded once in the format's range. */
static void test_truth_against_mpfr_sum(void **state)
{
	(void)state;
	for (size_t i = 0; i < fpc_kernel_count(); i++) {
		const struct fpc_kernel *k = fpc_kernel_at(i);
		const struct fpc_reduction *r = k->fn->reduction;
		if (!r || r->index != 0) /* one order per operation suffices */
			continue;
		for (unsigned d = 0; d < FPC_DIST_COUNT; d++)
			for (uint32_t n = 1; n < 300; n += 37) {
				uint64_t args[3] = {fpc_reduce_bits(k->format, n),
						    fpc_reduce_bits(k->format, d),
						    fpc_reduce_bits(k->format, n * 3 + d)};
				uint64_t cr, cr2, x[300], y[300];
				double off, off2;
				int16_t ue, ue2;
				mpfr_t v, c;
				mpfr_exp_t emin = mpfr_get_emin(), emax = mpfr_get_emax();

				fpc_truth_eval(k, args, &cr, &off, &ue);
				fpc_truth_eval_plain(k, args, &cr2, &off2, &ue2);
				assert_true(cr == cr2 && ue == ue2);
				fpc_reduce_generate(k->format, d, n * 3 + d, n, x,
						    r->op == FPC_REDUCE_DOT ? y : NULL);
				mpfr_init2(v, 64);
				mpfr_init2(c, fpc_fmt_precision(k->format));
				reference(r->op, k->format, x, y, n, v);
				mpfr_set_emin(k->format == 1 ? -148 : -1073);
				mpfr_set_emax(k->format == 1 ? 128 : 1024);
				int inex = r->op == FPC_REDUCE_NORM
					       ? mpfr_sqrt(c, v, MPFR_RNDN)
					       : mpfr_set(c, v, MPFR_RNDN);
				inex = mpfr_check_range(c, inex, MPFR_RNDN);
				mpfr_subnormalize(c, inex, MPFR_RNDN);
				mpfr_set_emin(emin);
				mpfr_set_emax(emax);
				uint64_t want = fpc_bits_from_double(
				    k->format, mpfr_get_d(c, MPFR_RNDN));
				if (want != cr)
					fail_msg("%s n=%u dist %u: truth %llx, "
						 "mpfr_sum %llx",
						 k->name, n, d,
						 (unsigned long long)cr,
						 (unsigned long long)want);
				mpfr_clears(v, c, (mpfr_ptr)0);
			}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_exact_random),
	    cmocka_unit_test(test_exact_adversarial),
	    cmocka_unit_test(test_exact_generated),
	    cmocka_unit_test(test_generated_shapes),
	    cmocka_unit_test(test_descriptor_codec),
	    cmocka_unit_test(test_truth_against_mpfr_sum),
	};
	const char *s = getenv("FPCHECK_TEST_SEED");

	if (s)
		seed = strtoull(s, NULL, 0);
	printf("# seed %llu (FPCHECK_TEST_SEED overrides)\n",
	       (unsigned long long)seed);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
