/*
 * The diff of two records: differing inputs counted, measured against the
 * truth and classified by cause, on hand-made results whose cause is
 * known; the double-rounding recomputation against plain MPFR; two
 * records read in lockstep, with kernels in one record only, users'
 * functions (fpc_join), damaged records and the writers.
 *
 * Random inputs use a fixed seed, printed on failure; FPCHECK_TEST_SEED
 * overrides it.
 */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

#include "fpcheck/container.h"
#include "fpcheck/diff.h"
#include "fpcheck/diff_report.h"
#include "fpcheck/error.h"
#include "fpcheck/join.h"
#include "fpcheck/catalog.h"
#include "fpcheck/summary.h"
#include "fpcheck/truth.h"
#include "fpcheck/ulp.h"

/* ---- helpers --------------------------------------------------------- */

static uint64_t seed = 0xd1ffu;

static uint64_t rng(void)
{
	return splitmix64(&seed);
}

/* A uniform double in [lo, hi). */
static double uniform(double lo, double hi)
{
	return lo + (hi - lo) * (double)(rng() >> 11) * 0x1p-53;
}

static const struct fpc_kernel *kernel(const char *name)
{
	const struct fpc_kernel *k = fpc_kernel_find(name);
	assert_non_null(k);
	return k;
}

/* A provenance from "key", "value" pairs, NULL-terminated. */
struct prov_fixture {
	char *kv[16];
	struct fpc_prov p;
};

static void make_prov(struct prov_fixture *pf, const char *const *kv)
{
	size_t n = 0;

	while (kv[2 * n])
		n++;
	assert_true(n <= 8);
	memset(&pf->p, 0, sizeof(pf->p)); /* no index: searched in order */
	pf->p.n = n;
	pf->p.key = &pf->kv[0];
	pf->p.val = &pf->kv[8];
	for (size_t i = 0; i < n; i++) {
		pf->kv[i] = (char *)kv[2 * i];
		pf->kv[8 + i] = (char *)kv[2 * i + 1];
	}
}

/*
 * Two records' data for kernel name on the arity-1 inputs x[] (bits),
 * with outputs a[] and b[], and the kernel's truth computed with MPFR.
 */
struct pair {
	const struct fpc_kernel *k;
	struct fpc_kdata a, b;
	struct fpc_truth t;
};

static void make_pair(struct pair *p, const char *name, const uint64_t *x,
		      const uint64_t *a, const uint64_t *b, uint32_t n)
{
	p->k = kernel(name);
	memset(&p->a, 0, sizeof(p->a));
	snprintf(p->a.name, sizeof(p->a.name), "%s", name);
	p->a.in_format = p->a.out_format = (uint8_t)p->k->format;
	p->a.arity = (uint8_t)p->k->fn->arity;
	p->a.n = n;
	p->b = p->a;
	assert_int_equal(fpc_kdata_alloc(&p->a, 1), 0);
	assert_int_equal(fpc_kdata_alloc(&p->b, 1), 0);
	assert_int_equal(fpc_truth_alloc(&p->t, n), 0);
	for (uint32_t i = 0; i < n; i++) {
		for (unsigned j = 0; j < p->a.arity; j++)
			p->a.in[j][i] = p->b.in[j][i] = x[i * p->a.arity + j];
		p->a.out[i] = a[i];
		p->b.out[i] = b[i];
		p->a.flags[i] = p->b.flags[i] = FPC_FLAG_INEXACT;
		fpc_truth_eval(p->k, &x[i * p->a.arity], &p->t.cr[i],
			       &p->t.off[i], &p->t.ue[i]);
	}
}

static void release_pair(struct pair *p)
{
	fpc_kdata_release(&p->a);
	fpc_kdata_release(&p->b);
	fpc_truth_release(&p->t);
}

static const char *const plain_kv[] = {
    "arch", "x86_64", "flt_eval_method", "0", "ftz", "off", "daz",
    "off",  "libc",   "glibc 2.36",	 NULL};

static void diff(struct pair *p, const char *const *kva, const char *const *kvb,
		 struct fpc_kdiff *d)
{
	struct prov_fixture pa, pb;

	make_prov(&pa, kva ? kva : plain_kv);
	make_prov(&pb, kvb ? kvb : plain_kv);
	assert_int_equal(fpc_diff_kernel(p->k, &p->a, &p->b, &pa.p, &pb.p,
					 &p->t, FPC_DIFF_FIRST, d),
			 0);
}

/* The correctly rounded result of kernel name at x. */
static uint64_t cr1(const char *name, uint64_t x)
{
	uint64_t cr;
	double off;
	int16_t ue;

	fpc_truth_eval(kernel(name), &x, &cr, &off, &ue);
	return cr;
}

/* ---- per-kernel comparison ------------------------------------------ */

static void test_diff_identical(void **state)
{
	const uint64_t x[] = {dbits(0.5), dbits(1.0), dbits(-2.0)};
	uint64_t y[3];
	struct pair p;
	struct fpc_kdiff d;

	(void)state;
	for (int i = 0; i < 3; i++)
		y[i] = cr1("sin", x[i]);
	make_pair(&p, "sin", x, y, y, 3);
	diff(&p, NULL, NULL, &d);
	assert_int_equal(d.status, FPC_KDIFF_COMPARED);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.ndiff, 0);
	assert_int_equal(d.nfirst, 0);
	assert_true(fpc_kdiff_identical(&d));
	for (int c = 0; c < FPC_CAUSE_COUNT; c++)
		assert_int_equal(d.cause[c].count, 0);
	fpc_kdiff_release(&d);
	release_pair(&p);
}

static void test_diff_flags_only(void **state)
{
	const uint64_t x[] = {dbits(0.5), dbits(1.0)};
	uint64_t y[2] = {cr1("sin", x[0]), cr1("sin", x[1])};
	struct pair p;
	struct fpc_kdiff d;

	(void)state;
	make_pair(&p, "sin", x, y, y, 2);
	p.b.flags[1] = FPC_FLAG_INEXACT | FPC_FLAG_UNDERFLOW;
	diff(&p, NULL, NULL, &d);
	assert_int_equal(d.ndiff, 0);
	assert_int_equal(d.flags_differ, 1);
	assert_int_equal(d.flag_differ[3], 1);
	assert_false(fpc_kdiff_identical(&d));
	fpc_kdiff_release(&d);
	release_pair(&p);
}

static void test_diff_zero_sign(void **state)
{
	const uint64_t x[] = {dbits(0.0), dbits(0.25)};
	const uint64_t a[] = {dbits(0.0), cr1("sin", x[1])};
	const uint64_t b[] = {dbits(-0.0), cr1("sin", x[1])};
	struct pair p;
	struct fpc_kdiff d;

	(void)state;
	make_pair(&p, "sin", x, a, b, 2);
	diff(&p, NULL, NULL, &d);
	assert_int_equal(d.ndiff, 1);
	assert_int_equal(d.max_dist, 0);
	assert_int_equal(d.cause[FPC_CAUSE_ZERO_SIGN].count, 1);
	assert_int_equal(d.cause[FPC_CAUSE_ZERO_SIGN].side[1], 1);
	assert_int_equal(d.headline, FPC_CAUSE_ZERO_SIGN);
	/* sin(+0) = +0: A is correctly rounded, B has the wrong sign. */
	assert_int_equal(d.closer[0], 1);
	assert_int_equal(d.closer[1], 0);
	assert_int_equal(d.nfirst, 1);
	assert_int_equal(d.first[0].index, 0);
	assert_int_equal(d.first[0].cause, FPC_CAUSE_ZERO_SIGN);
	assert_non_null(
	    strstr(d.cause[FPC_CAUSE_ZERO_SIGN].evidence, "opposite signs"));
	fpc_kdiff_release(&d);
	release_pair(&p);
}

static void test_diff_nan_payload(void **state)
{
	const uint64_t x[] = {dbits(-1.0), dbits(-2.0), dbits(-3.0)};
	const uint64_t qnan = UINT64_C(0x7ff8000000000000);
	const uint64_t a[] = {qnan, qnan, qnan};
	const uint64_t b[] = {qnan | UINT64_C(1) << 63, qnan | 1, qnan};
	struct pair p;
	struct fpc_kdiff d;

	(void)state;
	make_pair(&p, "sqrt", x, a, b, 3);
	diff(&p, NULL, NULL, &d);
	assert_int_equal(d.ndiff, 2);
	assert_int_equal(d.cause[FPC_CAUSE_NAN_BITS].count, 2);
	assert_int_equal(d.cause[FPC_CAUSE_NAN_BITS].extra, 1); /* payload */
	assert_int_equal(d.cause[FPC_CAUSE_NAN_BITS].side[1], 1);
	assert_int_equal(d.nan_number, 0);
	assert_int_equal(d.max_dist, 0); /* NaNs have no distance */
	assert_int_equal(d.ties, 2);	 /* NaN is NaN against the truth */
	fpc_kdiff_release(&d);
	release_pair(&p);
}

static const char *const flush_kv[] = {
    "arch", "x86_64", "flt_eval_method", "0", "ftz", "on", "daz",
    "on",   "libc",   "glibc 2.36",	 NULL};

static void test_diff_flush_to_zero(void **state)
{
	/* exp(-740) is about 4.2e-322, a subnormal; log of the smallest
	 * subnormal is finite, log(0) (denormals-are-zero) is -inf. */
	const uint64_t x[] = {dbits(-740.0), dbits(-742.0)};
	const uint64_t a[] = {cr1("exp", x[0]), cr1("exp", x[1])};
	const uint64_t b[] = {dbits(0.0), a[1]};
	const uint64_t lx[] = {dbits(0x1p-1074), dbits(0.5)};
	const uint64_t la[] = {cr1("log", lx[0]), cr1("log", lx[1])};
	const uint64_t lb[] = {dbits(-INFINITY), la[1]};
	struct pair p;
	struct fpc_kdiff d;

	(void)state;
	assert_true(fpc_bits_issubnormal(FPC_FMT_BINARY64, a[0]));
	make_pair(&p, "exp", x, a, b, 2);
	diff(&p, NULL, flush_kv, &d);
	assert_int_equal(d.ndiff, 1);
	assert_int_equal(d.cause[FPC_CAUSE_FTZ_DAZ].count, 1);
	assert_int_equal(d.cause[FPC_CAUSE_FTZ_DAZ].side[1], 1);
	assert_int_equal(d.cause[FPC_CAUSE_FTZ_DAZ].extra, 0);
	assert_non_null(
	    strstr(d.cause[FPC_CAUSE_FTZ_DAZ].evidence, "ftz A off, B on"));
	fpc_kdiff_release(&d);

	/* A record that says it does not flush rounded to zero some other
	 * way: no ftz-daz claim, and zero for a subnormal is no libm. */
	diff(&p, NULL, NULL, &d);
	assert_int_equal(d.cause[FPC_CAUSE_FTZ_DAZ].count, 0);
	assert_int_equal(d.cause[FPC_CAUSE_UNEXPLAINED].count, 1);
	assert_int_equal(d.cause[FPC_CAUSE_UNEXPLAINED].side[1], 1);
	fpc_kdiff_release(&d);
	release_pair(&p);

	/* A subnormal input, only B flushing: claimed by the input. */
	make_pair(&p, "log", lx, la, lb, 2);
	diff(&p, NULL, flush_kv, &d);
	assert_int_equal(d.cause[FPC_CAUSE_FTZ_DAZ].count, 1);
	assert_int_equal(d.cause[FPC_CAUSE_FTZ_DAZ].extra, 1);
	assert_int_equal(d.cause[FPC_CAUSE_FTZ_DAZ].side[1], 1);
	assert_int_equal(d.nan_number, 0);
	assert_non_null(
	    strstr(d.cause[FPC_CAUSE_FTZ_DAZ].evidence, "input is subnormal"));
	fpc_kdiff_release(&d);
	release_pair(&p);
}

/* exp at this x: the exact value is 0.49987 ulp above the correctly
 * rounded 0x40748...5f3, within 2^-11 ulp of the midpoint, so rounding
 * first to 64 bits lands on the midpoint and then to even, ...5f4.
 * Found by a search with fpc_truth_eval_double_rounded and checked with
 * mpfr_exp at 64 bits and mpfr_get_d (test_diff_double_rounded_direct
 * checks the same on random inputs). */
#define EXP_DR_X  0x1.72cec2ab38788p+2
#define EXP_DR_CR UINT64_C(0x4074847e949fd5f3)
#define EXP_DR_DR UINT64_C(0x4074847e949fd5f4)

static const char *const x87_kv[] = {
    "arch", "i686", "flt_eval_method", "2", "ftz", "off", "daz",
    "off",  "libc", "glibc 2.36",      NULL};

static void test_diff_x87_double_rounding(void **state)
{
	const uint64_t x[] = {dbits(EXP_DR_X), dbits(1.0)};
	const uint64_t a[] = {EXP_DR_CR, cr1("exp", x[1])};
	const uint64_t b[] = {EXP_DR_DR, a[1]};
	uint64_t dr;
	struct pair p;
	struct fpc_kdiff d;

	(void)state;
	assert_int_equal(cr1("exp", x[0]), EXP_DR_CR);
	assert_int_equal(
	    fpc_truth_eval_double_rounded(kernel("exp"), x, 64, &dr), 0);
	assert_int_equal(dr, EXP_DR_DR);

	make_pair(&p, "exp", x, a, b, 2);
	diff(&p, NULL, x87_kv, &d);
	assert_int_equal(d.ndiff, 1);
	assert_int_equal(d.cause[FPC_CAUSE_X87].count, 1);
	assert_int_equal(d.cause[FPC_CAUSE_X87].side[1], 1);
	assert_int_equal(d.headline, FPC_CAUSE_X87);
	assert_int_equal(d.closer[0], 1);
	assert_non_null(strstr(d.cause[FPC_CAUSE_X87].evidence,
			       "flt_eval_method A 0, B 2"));
	fpc_kdiff_release(&d);

	/* Neither record can have used x87 registers: the same bits are
	 * then what a faithful libm returns on this hard case. */
	diff(&p, NULL, NULL, &d);
	assert_int_equal(d.cause[FPC_CAUSE_X87].count, 0);
	assert_int_equal(d.cause[FPC_CAUSE_LIBM].count, 1);
	fpc_kdiff_release(&d);
	release_pair(&p);
}

static void test_diff_x87_sqrt_hardware(void **state)
{
	/* sqrt(1 - 2^-53) is 1 - 2^-54 - ..., just below the midpoint
	 * between 1 - 2^-53 and 1: 64 bits round it up to the midpoint, and
	 * the midpoint rounds to even, 1.  The i686 record with
	 * -mfpmath=387 returns exactly that. */
	const uint64_t x[] = {dbits(0x1.fffffffffffffp-1)};
	const uint64_t a[] = {dbits(1.0)};
	const uint64_t b[] = {dbits(0x1.fffffffffffffp-1)};
	uint64_t dr;
	struct pair p;
	struct fpc_kdiff d;

	(void)state;
	assert_int_equal(
	    fpc_truth_eval_double_rounded(kernel("sqrt"), x, 64, &dr), 0);
	assert_int_equal(dr, dbits(1.0));
#if LDBL_MANT_DIG == 64 && (defined(__x86_64__) || defined(__i386__))
	/* The x87 itself: sqrtl is correctly rounded to 64 bits.  Checked
	 * only where long double arithmetic really has 64 bits (valgrind
	 * emulates it with doubles). */
	{
		volatile long double one = 1, tiny = 0x1p-63L;
		volatile long double lx = dval(x[0]);
		if (one + tiny != one)
			assert_int_equal(dbits((double)sqrtl(lx)), dr);
	}
#endif
	make_pair(&p, "sqrt", x, a, b, 1);
	diff(&p, x87_kv, NULL, &d);
	assert_int_equal(d.cause[FPC_CAUSE_X87].count, 1);
	assert_int_equal(d.cause[FPC_CAUSE_X87].side[0], 1);
	assert_int_equal(d.closer[1], 1);
	fpc_kdiff_release(&d);
	release_pair(&p);
}

/* The double-rounded result against plain MPFR: evaluate at 64 bits,
 * then let mpfr_get_d / mpfr_get_flt round to the format (both handle
 * subnormals and overflow). */
static uint64_t direct_dr(const char *name, uint64_t x, unsigned format)
{
	mpfr_t m, y;
	uint64_t r;

	mpfr_init2(m, 53);
	mpfr_init2(y, 64);
	mpfr_set_d(m, fpc_bits_value(format, x), MPFR_RNDN);
	if (!strcmp(name, "exp") || !strcmp(name, "expf"))
		mpfr_exp(y, m, MPFR_RNDN);
	else
		mpfr_sin(y, m, MPFR_RNDN);
	if (format == FPC_FMT_BINARY64)
		r = dbits(mpfr_get_d(y, MPFR_RNDN));
	else
		r = fbits(mpfr_get_flt(y, MPFR_RNDN));
	mpfr_clear(m);
	mpfr_clear(y);
	return r;
}

static void test_diff_double_rounded_direct(void **state)
{
	static const struct {
		const char *name;
		unsigned format;
		double lo, hi;
	} ranges[] = {
	    {"exp", FPC_FMT_BINARY64, -20, 20},
	    {"exp", FPC_FMT_BINARY64, -745.2, -708}, /* subnormal results */
	    {"exp", FPC_FMT_BINARY64, 709, 710},     /* overflow */
	    {"sin", FPC_FMT_BINARY64, -10, 10},
	    {"expf", FPC_FMT_BINARY32, -104, -87}, /* subnormal floats */
	    {"sinf", FPC_FMT_BINARY32, -10, 10},
	};
	unsigned differ = 0;

	(void)state;
	for (size_t r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++) {
		const struct fpc_kernel *k = kernel(ranges[r].name);
		for (int i = 0; i < 4000; i++) {
			double v = uniform(ranges[r].lo, ranges[r].hi);
			uint64_t x = ranges[r].format == FPC_FMT_BINARY64
					 ? dbits(v)
					 : fbits((float)v);
			uint64_t dr, want = direct_dr(k->name, x, k->format);
			assert_int_equal(
			    fpc_truth_eval_double_rounded(k, &x, 64, &dr), 0);
			if (dr != want)
				fail_msg("%s(%a): %#llx, plain MPFR %#llx "
					 "(seed %#llx)",
					 k->name, fpc_bits_value(k->format, x),
					 (unsigned long long)dr,
					 (unsigned long long)want,
					 (unsigned long long)seed);
			differ += dr != cr1(k->name, x);
		}
	}
	/* Double rounding changes a result about once in 2^11 (binary64)
	 * or 2^40 (binary32): some must have shown up. */
	assert_true(differ > 0);
	{
		uint64_t zero = 0, bits;
		assert_int_equal(fpc_truth_eval_double_rounded(kernel("exp"),
							       &zero, 0, &bits),
				 FPC_ERR_ARG);
	}
}

static void test_diff_libm(void **state)
{
	/* B the neighbour of the correctly rounded result on the exact
	 * value's side: within 1 ulp of it, like a faithful libm. */
	const uint64_t x[] = {dbits(0.75), dbits(1.5)};
	uint64_t a[2], b[2];
	const char *const kvb[] = {"arch", "x86_64", "flt_eval_method",
				   "0",	   "ftz",    "off",
				   "daz",  "off",    "libc",
				   "musl", NULL};
	struct pair p;
	struct fpc_kdiff d;

	(void)state;
	for (int i = 0; i < 2; i++) {
		double off;
		int16_t ue;
		fpc_truth_eval(kernel("sin"), &x[i], &a[i], &off, &ue);
		b[i] = off > 0 ? a[i] + 1 : a[i] - 1; /* positive results */
	}
	make_pair(&p, "sin", x, a, b, 2);
	diff(&p, NULL, kvb, &d);
	assert_int_equal(d.ndiff, 2);
	assert_int_equal(d.cause[FPC_CAUSE_LIBM].count, 2);
	assert_int_equal(d.headline, FPC_CAUSE_LIBM);
	assert_int_equal(d.closer[0], 2);
	assert_true(d.max_err[0] <= 0.5);
	assert_true(d.max_err[1] > 0.5 && d.max_err[1] < 1);
	assert_non_null(strstr(d.cause[FPC_CAUSE_LIBM].evidence,
			       "libc A glibc 2.36, B musl"));
	fpc_kdiff_release(&d);

	/* Both records x87: the correctly rounded side alone is no evidence
	 * of double rounding in the other; its bits must be the
	 * double-rounded ones, and here they are not. */
	diff(&p, x87_kv, x87_kv, &d);
	assert_int_equal(d.cause[FPC_CAUSE_X87].count, 0);
	assert_int_equal(d.cause[FPC_CAUSE_LIBM].count, 2);
	fpc_kdiff_release(&d);
	release_pair(&p);
}

static void test_diff_unexplained(void **state)
{
	const uint64_t x[] = {dbits(0.75)};
	const uint64_t a[] = {cr1("sin", x[0])};
	const uint64_t b[] = {a[0] + 5};
	struct pair p;
	struct fpc_kdiff d;

	(void)state;
	make_pair(&p, "sin", x, a, b, 1);
	diff(&p, NULL, NULL, &d);
	assert_int_equal(d.cause[FPC_CAUSE_UNEXPLAINED].count, 1);
	assert_int_equal(d.cause[FPC_CAUSE_UNEXPLAINED].side[0], 0);
	assert_int_equal(d.cause[FPC_CAUSE_UNEXPLAINED].side[1], 1);
	assert_int_equal(d.max_dist, 5);
	assert_true(d.max_err[1] > 4 && d.max_err[1] < 6);
	assert_non_null(
	    strstr(d.cause[FPC_CAUSE_UNEXPLAINED].evidence, "max error A"));
	fpc_kdiff_release(&d);
	release_pair(&p);
}

/* A fake kernel with exp's MPFR definition and two host variants: one
 * that stands for a contracted evaluation (here: twice the argument),
 * one a reference evaluation (the argument itself). */
static void twice(const void *arg, const uint64_t *args, uint64_t *out)
{
	(void)arg;
	*out = dbits(2 * dval(args[0]));
}

static void same(const void *arg, const uint64_t *args, uint64_t *out)
{
	(void)arg;
	*out = args[0];
}

static void test_diff_variant_fma(void **state)
{
	static const struct fpc_variant variants[] = {
	    {"the reference", "no-contraction", same, NULL},
	    {"fma(x, 2, 0)", "fma-contraction", twice, NULL},
	};
	struct fpc_kernel fake = {"exp", NULL, FPC_FMT_BINARY64, variants, 2};
	const uint64_t x[] = {dbits(0.5), dbits(0.75), dbits(3.0), dbits(1.0)};
	const uint64_t a[] = {x[0], x[1], x[2], cr1("exp", x[3])};
	const uint64_t b[] = {dbits(1.0), dbits(1.5), dbits(6.0), a[3] + 100};
	struct pair p;
	struct fpc_kdiff d;
	const char *ev;

	(void)state;
	fake.fn = kernel("exp")->fn;
	make_pair(&p, "exp", x, a, b, 4);
	p.k = &fake;
	diff(&p, NULL, NULL, &d);
	assert_int_equal(d.ndiff, 4);
	assert_int_equal(d.cause[FPC_CAUSE_FMA].count, 3);
	assert_int_equal(d.cause[FPC_CAUSE_FMA].side[1], 3);
	assert_int_equal(d.cause[FPC_CAUSE_UNEXPLAINED].count, 1);
	assert_int_equal(d.headline, FPC_CAUSE_FMA);
	assert_int_equal(d.nvariant, 2);
	assert_int_equal(d.variant[0].cause, -1); /* a reference */
	assert_int_equal(d.variant[0].side[0], 3);
	assert_int_equal(d.variant[0].claimed[0], 0);
	assert_int_equal(d.variant[1].cause, FPC_CAUSE_FMA);
	assert_int_equal(d.variant[1].side[1], 3);
	assert_int_equal(d.variant[1].claimed[1], 3);
	ev = d.cause[FPC_CAUSE_FMA].evidence;
	assert_non_null(strstr(ev, "re-evaluating fma(x, 2, 0) on the host "
				   "reproduces B's bits on 3 of 4 differing "
				   "inputs"));
	assert_non_null(strstr(ev, "the reference on the host reproduces "
				   "A's bits on 3"));
	fpc_kdiff_release(&d);
	release_pair(&p);
}

static void test_diff_mixed_causes(void **state)
{
	const uint64_t qnan = UINT64_C(0x7ff8000000000000);
	const uint64_t x[] = {dbits(0.0),  dbits(0.75), dbits(1.5),
			      dbits(-0.0), dbits(2.0),	dbits(INFINITY)};
	uint64_t a[6], b[6];
	struct pair p;
	struct fpc_kdiff d;

	(void)state;
	for (int i = 0; i < 6; i++)
		a[i] = b[i] = cr1("sin", x[i]);
	b[0] = dbits(-0.0);		 /* zero-sign */
	b[1] = a[1] + 7;		 /* unexplained */
	b[2] = a[2] + 9;		 /* unexplained */
	b[3] = dbits(0.0);		 /* zero-sign */
	a[5] = qnan | UINT64_C(1) << 63; /* nan-sign-payload */
	make_pair(&p, "sin", x, a, b, 6);
	diff(&p, NULL, NULL, &d);
	assert_int_equal(d.ndiff, 5);
	assert_int_equal(d.cause[FPC_CAUSE_ZERO_SIGN].count, 2);
	assert_int_equal(d.cause[FPC_CAUSE_ZERO_SIGN].side[0], 1);
	assert_int_equal(d.cause[FPC_CAUSE_ZERO_SIGN].side[1], 1);
	assert_int_equal(d.cause[FPC_CAUSE_UNEXPLAINED].count, 2);
	assert_int_equal(d.cause[FPC_CAUSE_NAN_BITS].count, 1);
	/* A tie goes to the cause tested first. */
	assert_int_equal(d.headline, FPC_CAUSE_ZERO_SIGN);
	assert_int_equal(d.max_dist, 9);
	assert_int_equal(d.closer[0], 4); /* 2 zeros, 2 unexplained */
	assert_int_equal(d.ties, 1);	  /* the NaNs */
	assert_int_equal(d.nfirst, 5);
	assert_int_equal(d.first[4].cause, FPC_CAUSE_NAN_BITS);
	fpc_kdiff_release(&d);
	release_pair(&p);
}

static void test_diff_distance_across_zero(void **state)
{
	const uint64_t x[] = {dbits(1.0), dbits(2.0), dbits(3.0), dbits(4.0)};
	const uint64_t a[] = {dbits(0x1p-1074), dbits(DBL_MAX), dbits(1.0),
			      UINT64_C(0x7ff8000000000000)};
	const uint64_t b[] = {dbits(-0x1p-1073), dbits(INFINITY), dbits(-1.0),
			      dbits(1.0)};
	struct fpc_kdata ka = {.name = "sin",
			       .in_format = FPC_FMT_BINARY64,
			       .out_format = FPC_FMT_BINARY64,
			       .arity = 1,
			       .n = 4};
	struct fpc_kdata kb = ka;
	struct fpc_kdiff d;

	(void)state;
	assert_int_equal(fpc_kdata_alloc(&ka, 1), 0);
	assert_int_equal(fpc_kdata_alloc(&kb, 1), 0);
	for (int i = 0; i < 4; i++) {
		ka.in[0][i] = kb.in[0][i] = x[i];
		ka.out[i] = a[i];
		kb.out[i] = b[i];
		ka.flags[i] = 0;
		kb.flags[i] = FPC_FLAG_UNAVAILABLE;
	}
	/* No truth: distances only, nothing measured. */
	assert_int_equal(
	    fpc_diff_kernel(kernel("sin"), &ka, &kb, NULL, NULL, NULL, 0, &d),
	    0);
	assert_int_equal(d.ndiff, 4);
	/* 1 + 2 floats across zero; DBL_MAX to inf is 1; 1 to -1 is twice
	 * the ordinal of 1.0. */
	assert_true(d.max_dist == 2 * (uint64_t)0x3ff0000000000000);
	assert_int_equal(d.nan_number, 1);
	assert_false(d.truth);
	assert_int_equal(d.closer[0] + d.closer[1] + d.ties, 0);
	assert_int_equal(d.flags_differ, 0);
	assert_int_equal(d.flags_unknown[1], 4);
	assert_int_equal(d.cause[FPC_CAUSE_UNEXPLAINED].count, 4);
	assert_non_null(
	    strstr(d.cause[FPC_CAUSE_UNEXPLAINED].evidence, "no truth"));
	fpc_kdiff_release(&d);
	assert_int_equal(fpc_ulp_distance(FPC_FMT_BINARY64, a[0], b[0]), 3);
	fpc_kdata_release(&ka);
	fpc_kdata_release(&kb);
}

static void test_diff_inputs_differ(void **state)
{
	const uint64_t x[] = {dbits(1.0), dbits(2.0)};
	const uint64_t y[] = {cr1("sin", x[0]), cr1("sin", x[1])};
	struct pair p;
	struct fpc_kdiff d;

	(void)state;
	make_pair(&p, "sin", x, y, y, 2);
	p.b.in[0][1] = dbits(2.5);
	diff(&p, NULL, NULL, &d);
	assert_int_equal(d.status, FPC_KDIFF_INPUTS_DIFFER);
	assert_false(fpc_kdiff_identical(&d));
	fpc_kdiff_release(&d);
	release_pair(&p);
}

static void test_diff_cause_names(void **state)
{
	(void)state;
	for (int c = 0; c < FPC_CAUSE_COUNT; c++)
		assert_int_equal(
		    fpc_cause_parse(fpc_cause_name((enum fpc_cause)c)), c);
	assert_string_equal(fpc_cause_name(FPC_CAUSE_X87),
			    "x87-double-rounding");
	assert_string_equal(fpc_cause_name(FPC_CAUSE_NAN_BITS),
			    "nan-sign-payload");
	assert_int_equal(fpc_cause_parse("no-contraction"), -1);
}

/* ---- two records ------------------------------------------------------ */

struct files {
	char dir[64];
	char path[4][128];
};

static int setup_files(void **state)
{
	struct files *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	strcpy(fx->dir, "/tmp/fpcheck-test-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	for (int i = 0; i < 4; i++)
		snprintf(fx->path[i], sizeof(fx->path[i]), "%s/%d.rec", fx->dir,
			 i);
	*state = fx;
	return 0;
}

static int teardown_files(void **state)
{
	struct files *fx = *state;

	for (int i = 0; i < 4; i++)
		unlink(fx->path[i]);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* PROV payload from pairs. */
static size_t prov_payload(unsigned char *b, const char *const *kv)
{
	size_t at = 4, n = 0;

	for (; kv[2 * n]; n++) {
		size_t kl = strlen(kv[2 * n]), vl = strlen(kv[2 * n + 1]);
		fpc_put_u16(b + at, (uint16_t)kl);
		memcpy(b + at + 2, kv[2 * n], kl);
		fpc_put_u32(b + at + 2 + kl, (uint32_t)vl);
		memcpy(b + at + 6 + kl, kv[2 * n + 1], vl);
		at += 6 + kl + vl;
	}
	fpc_put_u32(b, (uint32_t)n);
	return at;
}

/* Writes kernel name with inputs 1..n and the correctly rounded results
 * of the built-in kernel impl (0 when there is none), result i bumped by
 * bump[i] ulps. */
static void write_as(struct fpc_writer *w, const char *name, const char *impl,
		     uint32_t n, const int *bump)
{
	const struct fpc_kernel *k = fpc_kernel_find(impl);
	struct fpc_kdata kd = {.n = n};

	snprintf(kd.name, sizeof(kd.name), "%s", name);
	kd.in_format = kd.out_format = k ? (uint8_t)k->format : 2;
	kd.arity = k ? (uint8_t)k->fn->arity : 1;
	assert_int_equal(fpc_kdata_alloc(&kd, 1), 0);
	for (uint32_t i = 0; i < n; i++) {
		for (unsigned j = 0; j < kd.arity; j++)
			kd.in[j][i] = kd.in_format == FPC_FMT_BINARY64
					  ? dbits(1.0 + i + j)
					  : fbits(1.0f + (float)(i + j));
		kd.out[i] = k ? cr1(impl, kd.in[0][i]) : 0;
		if (bump)
			kd.out[i] += (uint64_t)bump[i];
		kd.flags[i] = FPC_FLAG_INEXACT;
	}
	assert_int_equal(fpc_kdata_write(w, &kd, 1), 0);
	fpc_kdata_release(&kd);
}

static void write_kernel(struct fpc_writer *w, const char *name, uint32_t n,
			 const int *bump)
{
	write_as(w, name, name, n, bump);
}

static const char *const rec_a_kv[] = {
    "arch", "x86_64",	  "time",	 "2026-11-21T15:40:00Z",
    "libc", "glibc 2.36", "corpus.hash", "1234",
    NULL};
static const char *const rec_b_kv[] = {
    "arch", "x86_64",	 "time",	"2026-11-21T16:00:00Z",
    "libc", "musl",	 "corpus.hash", "1234",
    "cpu",  "a new one", NULL};

static void test_diff_records_lockstep(void **state)
{
	struct files *fx = *state;
	struct fpc_writer w;
	unsigned char prov[512];
	static const int bump[] = {0, 3, 0};
	struct fpc_truth_options to = {1, NULL, NULL, NULL};
	struct fpc_diff_options o = {&to, 2};
	struct fpc_diff d;
	const char *paths[2] = {fx->path[0], fx->path[1]};
	char detail[256], *text = NULL;
	size_t len = 0;
	FILE *mem;
	int which;

	(void)state;
	/* A: sin, cos, frobnicate (unknown), sqrtf; B: sin (one result 3
	 * ulps off), exp, sqrtf. */
	assert_int_equal(fpc_writer_open(&w, fx->path[0], FPC_KIND_RECORD), 0);
	assert_int_equal(
	    fpc_writer_section(&w, "PROV", prov, prov_payload(prov, rec_a_kv)),
	    0);
	write_kernel(&w, "sin", 3, NULL);
	write_kernel(&w, "cos", 2, NULL);
	write_kernel(&w, "frobnicate", 2, NULL);
	write_kernel(&w, "sqrtf", 4, NULL);
	assert_int_equal(fpc_writer_commit(&w), 0);
	assert_int_equal(fpc_writer_open(&w, fx->path[1], FPC_KIND_RECORD), 0);
	assert_int_equal(
	    fpc_writer_section(&w, "PROV", prov, prov_payload(prov, rec_b_kv)),
	    0);
	write_kernel(&w, "sin", 3, bump);
	write_kernel(&w, "exp", 2, NULL);
	write_kernel(&w, "sqrtf", 4, NULL);
	assert_int_equal(fpc_writer_commit(&w), 0);

	assert_int_equal(
	    fpc_diff_records(paths, &o, &d, &which, detail, sizeof(detail)), 0);
	assert_int_equal(d.nk, 4);
	assert_string_equal(d.k[0].name, "sin");
	assert_int_equal(d.k[0].status, FPC_KDIFF_COMPARED);
	assert_int_equal(d.k[0].ndiff, 1);
	assert_int_equal(d.k[0].nfirst, 1);
	assert_int_equal(d.k[0].first[0].index, 1);
	assert_true(d.k[0].truth);
	/* The records name glibc and musl: a library function that differs
	 * between them differs because the libraries do. */
	assert_int_equal(d.k[0].cause[FPC_CAUSE_LIBM].count, 1);
	assert_string_equal(d.k[1].name, "cos");
	assert_int_equal(d.k[1].status, FPC_KDIFF_ONLY_A);
	assert_string_equal(d.k[2].name, "exp");
	assert_int_equal(d.k[2].status, FPC_KDIFF_ONLY_B);
	assert_string_equal(d.k[3].name, "sqrtf");
	assert_true(fpc_kdiff_identical(&d.k[3]));
	assert_false(d.k[3].truth); /* not needed, not computed */
	assert_int_equal(d.compared, 2);
	assert_int_equal(d.identical, 1);
	assert_int_equal(d.nunknown[0], 1);
	assert_string_equal(d.unknown[0][0], "frobnicate");
	assert_int_equal(d.nunknown[1], 0);

	/* Text: 80 columns, the provenance differences without the time. */
	mem = open_memstream(&text, &len);
	assert_non_null(mem);
	assert_int_equal(fpc_diff_write(mem, FPC_REPORT_TEXT, &d, paths), 0);
	fclose(mem);
	for (char *line = text, *end; *line; line = end + 1) {
		end = strchr(line, '\n');
		assert_non_null(end);
		if (end - line > 80)
			fail_msg("line wider than 80 columns: %.*s",
				 (int)(end - line), line);
	}
	assert_non_null(strstr(text, "  libc             A  glibc 2.36\n"
				     "                   B  musl\n"));
	assert_non_null(strstr(text, "  cpu              A  (none)\n"));
	assert_null(strstr(text, "  time "));
	assert_non_null(strstr(text, "same corpus 1234"));
	assert_non_null(strstr(text, "only in A: cos"));
	assert_non_null(strstr(text, "only in B: exp"));
	assert_non_null(strstr(text, "identical: sqrtf"));
	assert_non_null(strstr(text, "sin (double): 1 of 3 inputs differ"));
	free(text);

	mem = open_memstream(&text, &len);
	assert_int_equal(fpc_diff_write(mem, FPC_REPORT_JSON, &d, paths), 0);
	fclose(mem);
	assert_non_null(strstr(text, "\"schema\": \"fpcheck-diff\", "
				     "\"schema_version\": 1"));
	assert_non_null(strstr(text, "\"headline_cause\": \"libm\""));
	assert_non_null(strstr(text, "\"status\": \"only-in-a\""));
	free(text);

	mem = open_memstream(&text, &len);
	assert_int_equal(fpc_diff_write(mem, FPC_REPORT_MARKDOWN, &d, paths),
			 0);
	fclose(mem);
	assert_non_null(strstr(text, "| `libc` | glibc 2.36 | musl |"));
	free(text);
	mem = open_memstream(&text, &len);
	assert_int_equal(fpc_diff_write(mem, FPC_REPORT_CSV, &d, paths),
			 FPC_ERR_ARG);
	fclose(mem);
	free(text);
	fpc_diff_release(&d);
}

static void test_diff_records_damaged(void **state)
{
	struct files *fx = *state;
	struct fpc_writer w;
	unsigned char prov[512];
	struct fpc_truth_options to = {1, NULL, NULL, NULL};
	struct fpc_diff_options o = {&to, 2};
	struct fpc_diff d;
	const char *paths[2] = {fx->path[0], fx->path[2]};
	char detail[256];
	int which;
	FILE *f;
	long size;

	(void)state;
	/* Out of table order: cos before sin. */
	assert_int_equal(fpc_writer_open(&w, fx->path[0], FPC_KIND_RECORD), 0);
	assert_int_equal(
	    fpc_writer_section(&w, "PROV", prov, prov_payload(prov, rec_a_kv)),
	    0);
	write_kernel(&w, "sin", 3, NULL);
	assert_int_equal(fpc_writer_commit(&w), 0);
	assert_int_equal(fpc_writer_open(&w, fx->path[2], FPC_KIND_RECORD), 0);
	assert_int_equal(
	    fpc_writer_section(&w, "PROV", prov, prov_payload(prov, rec_b_kv)),
	    0);
	write_kernel(&w, "cos", 3, NULL);
	write_kernel(&w, "sin", 3, NULL);
	assert_int_equal(fpc_writer_commit(&w), 0);
	assert_int_equal(
	    fpc_diff_records(paths, &o, &d, &which, detail, sizeof(detail)),
	    FPC_ERR_FORMAT);
	assert_int_equal(which, 1);
	assert_non_null(strstr(detail, "'sin' is out of order"));

	/* Truncated: the same file cut short. */
	f = fopen(fx->path[2], "r+b");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	assert_int_equal(truncate(fx->path[2], size - 30), 0);
	assert_int_equal(
	    fpc_diff_records(paths, &o, &d, &which, detail, sizeof(detail)),
	    FPC_ERR_TRUNCATED);
	assert_int_equal(which, 1);

	/* Missing. */
	paths[0] = fx->path[3];
	assert_int_equal(
	    fpc_diff_records(paths, &o, &d, &which, detail, sizeof(detail)),
	    FPC_ERR_IO);
	assert_int_equal(which, 0);
}

/* ---- users' functions -------------------------------------------- */

static const char *const user_a_kv[] = {
    "arch",	     "x86_64",	   "time",	     "2026-11-21T15:40:00Z",
    "libc",	     "glibc 2.36", "corpus.hash",   "1234",
    "kernel.my_exp", "exp double 1", "kernel.my_smooth", "- double 1",
    NULL};
static const char *const user_b_kv[] = {
    "arch",	     "x86_64",	   "time",	     "2026-11-21T16:00:00Z",
    "libc",	     "glibc 2.36", "corpus.hash",   "1234",
    "kernel.my_exp", "exp double 1", "kernel.my_smooth", "- double 1",
    NULL};

static void write_record(const char *path, const char *const *kv,
			 void (*body)(struct fpc_writer *w))
{
	struct fpc_writer w;
	unsigned char prov[1024];

	assert_int_equal(fpc_writer_open(&w, path, FPC_KIND_RECORD), 0);
	assert_int_equal(
	    fpc_writer_section(&w, "PROV", prov, prov_payload(prov, kv)), 0);
	body(&w);
	assert_int_equal(fpc_writer_commit(&w), 0);
}

/* A: users' functions before, between and after the built-in ones. */
static void body_a(struct fpc_writer *w)
{
	write_as(w, "my_smooth", "-", 3, NULL);
	write_kernel(w, "sin", 3, NULL);
	write_as(w, "my_exp", "exp", 3, NULL);
	write_kernel(w, "frobnicate", 2, NULL);
	write_kernel(w, "cos", 3, NULL);
}

/* B: the built-in ones first, my_exp one ulp off at input 1. */
static void body_b(struct fpc_writer *w)
{
	static const int bump[] = {0, 1, 0};
	write_kernel(w, "sin", 3, NULL);
	write_kernel(w, "cos", 3, NULL);
	write_as(w, "my_exp", "exp", 3, bump);
	write_as(w, "my_smooth", "-", 3, NULL);
}

static void body_repeated(struct fpc_writer *w)
{
	write_as(w, "my_exp", "exp", 3, NULL);
	write_kernel(w, "sin", 3, NULL);
	write_as(w, "my_exp", "exp", 3, NULL);
}

/* my_exp as binary32 where the provenance says double. */
static void body_wrong_format(struct fpc_writer *w)
{
	write_as(w, "my_exp", "expf", 3, NULL);
}

static void test_join_users(void **state)
{
	struct files *fx = *state;
	const char *paths[2] = {fx->path[0], fx->path[1]};
	static const char *const want[] = {"sin", "cos", "my_smooth", "my_exp"};
	struct fpc_join j;
	char detail[256];
	size_t rows = 0;
	int rc;

	write_record(fx->path[0], user_a_kv, body_a);
	write_record(fx->path[1], user_b_kv, body_b);
	assert_int_equal(fpc_join_open(&j, paths, 2, detail, sizeof(detail)),
			 0);
	/* fpcheck's own kernels in table order, then the users' in the
	 * order they first appear; each record's data with its row. */
	while ((rc = fpc_join_next(&j, detail, sizeof(detail))) > 0) {
		assert_true(rows < 4);
		assert_string_equal(j.kernel->name, want[rows]);
		assert_true(j.has[0] && j.has[1]);
		assert_string_equal(j.kd[0].name, want[rows]);
		assert_string_equal(j.kd[1].name, want[rows]);
		assert_int_equal(j.row, rows + 1);
		rows++;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(rows, 4);
	assert_int_equal(j.nunknown[0], 1);
	assert_string_equal(j.unknown[0][0], "frobnicate");
	assert_int_equal(j.nunknown[1], 0);
	fpc_join_close(&j);

	/* found as the records are checked whole, before the first row */
	write_record(fx->path[2], user_a_kv, body_repeated);
	paths[1] = fx->path[2];
	assert_int_equal(fpc_join_open(&j, paths, 2, detail, sizeof(detail)),
			 FPC_ERR_FORMAT);
	assert_int_equal(j.fault, 1);
	assert_non_null(strstr(detail, fx->path[2]));
	assert_non_null(strstr(detail, "'my_exp' is repeated"));

	write_record(fx->path[3], user_a_kv, body_wrong_format);
	paths[0] = fx->path[3];
	paths[1] = fx->path[1];
	assert_int_equal(fpc_join_open(&j, paths, 2, detail, sizeof(detail)),
			 FPC_ERR_FORMAT);
	assert_int_equal(j.fault, 0);
	assert_non_null(strstr(detail, "'my_exp' has the wrong formats"));
}

/* diff and the summary see users' functions, with the truth of the
 * function each implements. */
static void test_users_diff_summary(void **state)
{
	struct files *fx = *state;
	const char *paths[2] = {fx->path[0], fx->path[1]};
	static const char *const names[2] = {"a", "b"};
	struct fpc_truth_options to = {1, NULL, NULL, NULL};
	struct fpc_diff_options o = {&to, 2};
	struct fpc_diff d;
	struct fpc_summary s;
	char detail[256];
	int which;

	write_record(fx->path[0], user_a_kv, body_a);
	write_record(fx->path[1], user_b_kv, body_b);
	assert_int_equal(
	    fpc_diff_records(paths, &o, &d, &which, detail, sizeof(detail)), 0);
	assert_int_equal(d.nk, 4);
	assert_string_equal(d.k[2].name, "my_smooth");
	assert_true(fpc_kdiff_identical(&d.k[2]));
	assert_string_equal(d.k[3].name, "my_exp");
	assert_int_equal(d.k[3].status, FPC_KDIFF_COMPARED);
	assert_int_equal(d.k[3].ndiff, 1);
	assert_int_equal(d.k[3].first[0].index, 1);
	assert_true(d.k[3].truth);
	fpc_diff_release(&d);

	assert_int_equal(fpc_summary_compute(paths, names, 2, 0, &to, &s,
					     detail, sizeof(detail)),
			 0);
	assert_int_equal(s.nk, 4);
	assert_string_equal(s.kernels[3], "my_exp");
	assert_ptr_equal(s.kernel[3]->fn, kernel("exp")->fn);
	/* A is correctly rounded; B is one ulp off at one input. */
	assert_int_equal(s.cell[3 * 2 + 0].cr, 3);
	assert_int_equal(s.cell[3 * 2 + 1].cr, 2);
	assert_int_equal(s.cell[3 * 2 + 1].differ, 1);
	assert_int_equal(s.cell[3 * 2 + 1].max_dist, 1);
	assert_true(s.cell[3 * 2 + 1].max_err > 0.5);
	/* my_smooth: no truth, the same bits. */
	assert_false(FPC_HAS_TRUTH(s.kernel[2]->fn));
	assert_true(s.cell[2 * 2 + 1].comparable);
	assert_int_equal(s.cell[2 * 2 + 1].differ, 0);
	fpc_summary_release(&s);
}

int main(void)
{
	const char *env = getenv("FPCHECK_TEST_SEED");
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_diff_identical),
	    cmocka_unit_test(test_diff_flags_only),
	    cmocka_unit_test(test_diff_zero_sign),
	    cmocka_unit_test(test_diff_nan_payload),
	    cmocka_unit_test(test_diff_flush_to_zero),
	    cmocka_unit_test(test_diff_x87_double_rounding),
	    cmocka_unit_test(test_diff_x87_sqrt_hardware),
	    cmocka_unit_test(test_diff_double_rounded_direct),
	    cmocka_unit_test(test_diff_libm),
	    cmocka_unit_test(test_diff_unexplained),
	    cmocka_unit_test(test_diff_variant_fma),
	    cmocka_unit_test(test_diff_mixed_causes),
	    cmocka_unit_test(test_diff_distance_across_zero),
	    cmocka_unit_test(test_diff_inputs_differ),
	    cmocka_unit_test(test_diff_cause_names),
	    cmocka_unit_test_setup_teardown(test_diff_records_lockstep,
					    setup_files, teardown_files),
	    cmocka_unit_test_setup_teardown(test_join_users, setup_files,
					    teardown_files),
	    cmocka_unit_test_setup_teardown(test_users_diff_summary,
					    setup_files, teardown_files),
	    cmocka_unit_test_setup_teardown(test_diff_records_damaged,
					    setup_files, teardown_files),
	};

	if (env && *env)
		seed = strtoull(env, NULL, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
