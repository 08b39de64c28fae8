/*
 * Statistics of a kernel against its truth, on hand-made results whose
 * errors are known exactly: outcome counts, the worst input, the signed
 * histogram, misrounding direction and glibc-style ulps.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "fpcheck/stats.h"

/* Input i, result y, truth cr with off and ue. */
struct row {
	double y, cr, off;
	int ue;
};

static void run(const struct row *rows, uint32_t n, struct fpc_kstats *s)
{
	struct fpc_kdata kd = {.name = "sin",
			       .in_format = FPC_FMT_BINARY64,
			       .out_format = FPC_FMT_BINARY64,
			       .arity = 1,
			       .n = n};
	struct fpc_truth t;

	assert_int_equal(fpc_kdata_alloc(&kd, 1), 0);
	assert_int_equal(fpc_truth_alloc(&t, n), 0);
	for (uint32_t i = 0; i < n; i++) {
		kd.in[0][i] = dbits((double)i);
		kd.out[i] = dbits(rows[i].y);
		kd.flags[i] = i == 1 ? FPC_FLAG_INEXACT | FPC_FLAG_UNDERFLOW : 0;
		t.cr[i] = dbits(rows[i].cr);
		t.off[i] = rows[i].off;
		t.ue[i] = (int16_t)rows[i].ue;
	}
	fpc_stats_compute(&kd, &t, s);
	fpc_kdata_release(&kd);
	fpc_truth_release(&t);
}

static void test_stats_counts_and_worst(void **state)
{
	const struct row rows[] = {
	    {1.0, 1.0, 0.25, -52},                 /* CR, error -0.25 */
	    {0x1.0000000000001p0, 1.0, 0.25, -52}, /* high, +0.75 */
	    {0x1.0000000000003p0, 1.0, -0.5, -52}, /* high, +3.5: worst */
	    {0x1.ffffffffffffep-1, 1.0, 0.0, -53}, /* low, -2 */
	    {-0.0, 0.0, 0.0, -1074},               /* zero sign */
	    {0.0, 0x1p-1070, 0.0, -1074},          /* flushed */
	    {NAN, 2.0, 0.0, -51},                  /* NaN for number */
	    {INFINITY, INFINITY, 0.0, 0},          /* CR, not measured */
	    {-NAN, NAN, 0.0, 0},                   /* CR: NaN is NaN */
	};
	struct fpc_kstats s;

	(void)state;
	run(rows, 9, &s);
	assert_int_equal(s.n, 9);
	assert_int_equal(s.count[FPC_OUT_CR], 3);
	assert_int_equal(s.count[FPC_OUT_NUMERIC], 3);
	assert_int_equal(s.count[FPC_OUT_ZERO_SIGN], 1);
	assert_int_equal(s.count[FPC_OUT_FLUSHED], 1);
	assert_int_equal(s.count[FPC_OUT_NAN_FOR_NUMBER], 1);
	assert_int_equal(s.n_err, 4);
	assert_true(s.max_err == 3.5);
	assert_int_equal(s.worst.index, 2);
	assert_true(s.worst.out == dbits(0x1.0000000000003p0));
	assert_true(s.sum_err == 0.25 + 0.75 + 3.5 + 2);
	assert_int_equal(s.low, 1);
	assert_int_equal(s.high, 2);
	/* glibc: 3 ulps of 1.0 above; 2 ulps of 2^-53 below 1 = 1 ulp of 1. */
	assert_int_equal(s.max_glibc, 3);
	assert_int_equal(s.glibc_worst.index, 2);
	assert_int_equal(s.special[FPC_OUT_FLUSHED][0].index, 5);
	assert_int_equal(s.flag_count[3], 1); /* underflow, input 1 */
}

static void test_stats_tie_prefers_misrounded_witness(void **state)
{
	/* Both err by exactly 1/2 ulp: the first is correctly rounded (a
	 * tie to even), the second is not, and is the witness. */
	const struct row rows[] = {
	    {1.0, 1.0, 0.5, -52},
	    {0x1.0000000000001p0, 1.0, 0.5, -52},
	};
	struct fpc_kstats s;

	(void)state;
	run(rows, 2, &s);
	assert_true(s.max_err == 0.5);
	assert_int_equal(s.worst.index, 1);
	assert_int_equal(s.high, 1);
}

static void test_stats_histogram_bins(void **state)
{
	const struct row rows[] = {
	    {1.0, 1.0, 0.0, -52},                   /* 0 */
	    {1.0, 1.0, 0.5, -52},                   /* -1/2 -> [-1/2,0) */
	    {1.0, 1.0, -0.5, -52},                  /* +1/2 -> (0,1/2] */
	    {0x1.0000000000001p0, 1.0, 0.0, -52},   /* +1 -> (1/2,1] */
	    {0x1.0000000000008p0, 1.0, 0.0, -52},   /* +8 -> >4 */
	    {0x1.ffffffffffff8p-1, 1.0, 0.0, -53},  /* -8 -> <-4 */
	};
	struct fpc_kstats s;

	(void)state;
	run(rows, 6, &s);
	assert_int_equal(s.hist[5], 1);  /* 0 */
	assert_int_equal(s.hist[4], 1);  /* -1/2, correctly rounded */
	assert_int_equal(s.hist[3], 0);
	assert_int_equal(s.hist[6], 1);  /* (0,1/2] */
	assert_int_equal(s.hist[7], 1);  /* (1/2,1] */
	assert_int_equal(s.hist[10], 1); /* >4 */
	assert_int_equal(s.hist[0], 1);  /* <-4 */
	assert_string_equal(fpc_hist_label(3), "[-1,-1/2)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stats_counts_and_worst),
	    cmocka_unit_test(test_stats_tie_prefers_misrounded_witness),
	    cmocka_unit_test(test_stats_histogram_bins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
