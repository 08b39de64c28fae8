/*
 * The MPFR truth: checked against implementations independent of MPFR
 * (IEEE 754 hardware sqrt and the exact fmod, published correctly rounded
 * values), the bulk round-to-odd path against plain MPFR on the whole
 * corpus, subnormal and overflow edges, and the cache against both.
 *
 * Random inputs use a fixed seed, printed on failure; FPCHECK_TEST_SEED
 * overrides it.
 */
#include <errno.h>
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

#include "fpcheck/corpus.h"
#include "fpcheck/error.h"
#include "fpcheck/catalog.h"
#include "fpcheck/truth.h"
#include "fpcheck/ulp.h"

static uint64_t seed = 0x5eedf00du;

static uint64_t rng(void)
{
	return splitmix64(&seed);
}

static const struct fpc_kernel *kernel(const char *name)
{
	const struct fpc_kernel *k = fpc_kernel_find(name);
	assert_non_null(k);
	return k;
}

static uint64_t truth1(const char *name, uint64_t x, double *off,
		       int16_t *ue)
{
	uint64_t cr, args[1] = {x};
	double o;
	int16_t u;

	fpc_truth_eval(kernel(name), args, &cr, off ? off : &o, ue ? ue : &u);
	return cr;
}

/* Random bits with every exponent equally likely, to reach subnormals,
 * huge values, infinities and NaNs as often as ordinary numbers. */
static uint64_t random_double(void)
{
	uint64_t r = rng();
	uint64_t e = rng() % 2048;
	return (r & UINT64_C(0x800fffffffffffff)) | e << 52;
}

static uint64_t random_float(void)
{
	uint64_t r = rng();
	uint64_t e = rng() % 256;
	return (r & 0x807fffffu) | e << 23;
}

static int same(unsigned fmt, uint64_t a, uint64_t b)
{
	return a == b || (fpc_bits_isnan(fmt, a) && fpc_bits_isnan(fmt, b));
}

static void test_truth_sqrt_matches_hardware(void **state)
{
	(void)state;
	for (int i = 0; i < 20000; i++) {
		uint64_t x = random_double(), xf = random_float();
		double d;
		float f;
		volatile double vd;
		volatile float vf;

		memcpy(&d, &x, sizeof(d));
		vd = sqrt(d);
		if (!same(FPC_FMT_BINARY64, truth1("sqrt", x, NULL, NULL),
			  dbits(vd)))
			fail_msg("sqrt(%a): truth %a, IEEE %a (seed %#llx)", d,
				 fpc_bits_value(FPC_FMT_BINARY64,
						truth1("sqrt", x, NULL, NULL)),
				 vd, (unsigned long long)seed);
		uint32_t u = (uint32_t)xf;
		memcpy(&f, &u, sizeof(f));
		vf = sqrtf(f);
		if (!same(FPC_FMT_BINARY32, truth1("sqrtf", xf, NULL, NULL),
			  fbits(vf)))
			fail_msg("sqrtf(%a): truth and IEEE differ (seed %#llx)",
				 (double)f, (unsigned long long)seed);
	}
}

static void test_truth_fmod_is_exact(void **state)
{
	const struct fpc_kernel *kd = kernel("fmod"), *kf = kernel("fmodf");

	(void)state;
	for (int i = 0; i < 20000; i++) {
		uint64_t a[2] = {random_double(), random_double()};
		uint64_t b[2] = {random_float(), random_float()};
		uint64_t cr;
		double off, x, y;
		float xf, yf;
		int16_t ue;
		volatile double r;
		volatile float rf;

		/* Keep exponents within reach of each other half the time,
		 * so the remainders are not all x itself. */
		if (i & 1)
			a[1] = (a[1] & ~(UINT64_C(0x7ff) << 52)) |
			       (a[0] & (UINT64_C(0x7fc) << 52));
		memcpy(&x, &a[0], 8);
		memcpy(&y, &a[1], 8);
		r = fmod(x, y);
		fpc_truth_eval(kd, a, &cr, &off, &ue);
		if (!same(FPC_FMT_BINARY64, cr, dbits(r)) || off != 0)
			fail_msg("fmod(%a, %a): truth %a off %g, libm %a "
				 "(seed %#llx)",
				 x, y, fpc_bits_value(FPC_FMT_BINARY64, cr), off,
				 r, (unsigned long long)seed);
		uint32_t u0 = (uint32_t)b[0], u1 = (uint32_t)b[1];
		memcpy(&xf, &u0, 4);
		memcpy(&yf, &u1, 4);
		rf = fmodf(xf, yf);
		fpc_truth_eval(kf, b, &cr, &off, &ue);
		if (!same(FPC_FMT_BINARY32, cr, fbits(rf)) || off != 0)
			fail_msg("fmodf(%a, %a) differs (seed %#llx)",
				 (double)xf, (double)yf,
				 (unsigned long long)seed);
	}
}

/* Parses one hex float argument exactly in the kernel's format. */
static uint64_t parse_input(unsigned fmt, const char *s)
{
	char *end;
	double d = strtod(s, &end);

	assert_true(*end == 0);
	if (fmt == FPC_FMT_BINARY32) {
		assert_true((double)(float)d == d);
		return fbits((float)d);
	}
	return dbits(d);
}

static void test_truth_published_values(void **state)
{
	FILE *f = fopen(FPC_TEST_DATA "/published-values.txt", "r");
	char line[1024];
	int lineno = 0, checked = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char *tok[8], *save = NULL;
		int n = 0;

		lineno++;
		line[strcspn(line, "#\n")] = 0;
		for (char *t = strtok_r(line, " \t", &save); t && n < 8;
		     t = strtok_r(NULL, " \t", &save))
			tok[n++] = t;
		if (!n)
			continue;
		const struct fpc_kernel *k = kernel(tok[0]);
		unsigned fmt = k->format, arity = k->fn->arity;
		uint64_t args[FPC_MAX_ARITY], cr, cr_plain, want;
		double off;
		int16_t ue;

		assert_int_equal(n, 1 + (int)arity + 2);
		for (unsigned a = 0; a < arity; a++)
			args[a] = parse_input(fmt, tok[1 + a]);
		const char *kind = tok[1 + arity], *value = tok[2 + arity];
		if (fmt == FPC_FMT_BINARY32)
			want = fbits(strtof(value, NULL));
		else
			want = dbits(strtod(value, NULL));
		fpc_truth_eval(k, args, &cr, &off, &ue);
		fpc_truth_eval_plain(k, args, &cr_plain, &off, &ue);
		assert_true(cr == cr_plain);
		if (!strcmp(kind, "value")) {
			if (cr != want)
				fail_msg("line %d: %s: truth %a, published %a",
					 lineno, tok[0],
					 fpc_bits_value(fmt, cr),
					 fpc_bits_value(fmt, want));
		} else {
			/* Truncated: cr is want or one step away from 0. */
			assert_string_equal(kind, "trunc");
			if (cr != want && cr != want + 1)
				fail_msg("line %d: %s: truth %a outside "
					 "[%a, next]",
					 lineno, tok[0],
					 fpc_bits_value(fmt, cr),
					 fpc_bits_value(fmt, want));
		}
		checked++;
	}
	fclose(f);
	assert_true(checked >= 25);
}

static void test_truth_subnormal_and_range_edges(void **state)
{
	double off;
	int16_t ue;

	(void)state;
	/* 2^-1074 is the smallest subnormal, exactly. */
	assert_true(truth1("exp2", dbits(-1074), &off, &ue) == 1);
	assert_true(off == 0 && ue == -1074);
	/* 2^-1075 is the midpoint between 0 and it: ties to even, +0,
	 * half an ulp (of 2^-1074) below the exact value. */
	assert_true(truth1("exp2", dbits(-1075), &off, &ue) == 0);
	assert_true(off == 0.5 && ue == -1074);
	/* 2^-1075.5 = 0.7071... of that midpoint: 0 again. */
	assert_true(truth1("exp2", dbits(-1075.5), &off, &ue) == 0);
	assert_true(fabs(off - 0.35355339059327376) < 1e-15);
	/* 1.5 * 2^-1074 is a midpoint at subnormal precision only: to even,
	 * 2 * 2^-1074.  A rounding at 53 bits first would be exact and
	 * hide it; the subnormal rounding must see the sticky half. */
	{
		uint64_t a[2] = {dbits(0x3p-1074), dbits(0x1p+1)};
		uint64_t cr;
		fpc_truth_eval(kernel("hypot"), a, &cr, &off, &ue);
		/* hypot(3*2^-1074, 2): the 2 dominates; a sanity value. */
		assert_true(cr == dbits(2.0));
	}
	assert_true(truth1("exp2f", fbits(-149.0f), &off, &ue) == 1);
	assert_true(truth1("exp2f", fbits(-150.0f), &off, &ue) == 0);
	assert_true(off == 0.5 && ue == -149);
	/* Overflow: 2^1024 is beyond the largest finite. */
	assert_true(truth1("exp2", dbits(1024), NULL, NULL) == dbits(INFINITY));
	assert_true(truth1("exp2", dbits(1023), NULL, NULL) == dbits(0x1p+1023));
	assert_true(truth1("exp2f", fbits(128.0f), NULL, NULL) ==
		    fbits(INFINITY));
	assert_true(truth1("tgamma", dbits(172), NULL, NULL) == dbits(INFINITY));
	/* Far beyond MPFR's own exponent range, still the right infinity
	 * or zero. */
	assert_true(truth1("exp", dbits(0x1p+1000), NULL, NULL) ==
		    dbits(INFINITY));
	assert_true(truth1("exp", dbits(-0x1p+1000), NULL, NULL) == 0);
	/* Exact special results. */
	assert_true(truth1("log", dbits(0.0), &off, NULL) == dbits(-INFINITY));
	assert_true(off == 0);
	assert_true(fpc_bits_isnan(FPC_FMT_BINARY64,
				   truth1("log", dbits(-1.0), NULL, NULL)));
	assert_true(truth1("atanh", dbits(1.0), NULL, NULL) == dbits(INFINITY));
	assert_true(truth1("lgamma", dbits(-1.0), NULL, NULL) ==
		    dbits(INFINITY));
	assert_true(truth1("sin", dbits(-0.0), NULL, NULL) == dbits(-0.0));
	assert_true(truth1("tgamma", dbits(-0.0), NULL, NULL) ==
		    dbits(-INFINITY));
	assert_true(truth1("expm1", dbits(-0x1p-1074), NULL, NULL) ==
		    dbits(-0x1p-1074));
}

static void test_truth_fast_matches_plain_on_corpus(void **state)
{
	struct fpc_corpus_options o;
	struct fpc_corpus c;
	char detail[256];
	unsigned long long checked = 0;
	uint64_t cr_none;
	double off_none;
	int16_t ue_none;

	(void)state;
	fpc_corpus_options_init(&o);
	o.random = 128; /* every special value and hot spot, fewer randoms */
	assert_int_equal(fpc_corpus_generate(&c, &o, detail, sizeof(detail)), 0);
	for (size_t i = 0; i < c.n; i++) {
		const struct fpc_kdata *kd = &c.k[i].data;
		const struct fpc_kernel *k = kernel(kd->name);
		if (!FPC_HAS_TRUTH(k->fn)) { /* render kernels */
			assert_int_equal(fpc_truth_eval(k, kd->in[0], &cr_none,
							&off_none, &ue_none),
					 FPC_ERR_ARG);
			continue;
		}
		for (uint32_t j = 0; j < kd->n; j++) {
			uint64_t args[FPC_MAX_ARITY], cr1, cr2;
			double off1, off2;
			int16_t ue1, ue2;

			for (unsigned a = 0; a < kd->arity; a++)
				args[a] = kd->in[a][j];
			fpc_truth_eval(k, args, &cr1, &off1, &ue1);
			fpc_truth_eval_plain(k, args, &cr2, &off2, &ue2);
			if (cr1 != cr2 || ue1 != ue2 ||
			    fabs(off1 - off2) > 0x1p-30)
				fail_msg("%s(%a%s%a): fast %a off %a ue %d, "
					 "plain %a off %a ue %d",
					 kd->name,
					 fpc_bits_value(kd->in_format, args[0]),
					 kd->arity > 1 ? ", " : "",
					 kd->arity > 1
					     ? fpc_bits_value(kd->in_format,
							      args[1])
					     : 0.0,
					 fpc_bits_value(kd->in_format, cr1),
					 off1, ue1,
					 fpc_bits_value(kd->in_format, cr2),
					 off2, ue2);
			checked++;
		}
	}
	fpc_corpus_release(&c);
	print_message("fast and plain MPFR agree on %llu inputs\n", checked);
}

static void make_kdata(struct fpc_kdata *kd, const char *name, uint32_t n)
{
	const struct fpc_kernel *k = kernel(name);

	memset(kd, 0, sizeof(*kd));
	snprintf(kd->name, sizeof(kd->name), "%s", name);
	kd->in_format = kd->out_format = (uint8_t)k->format;
	kd->arity = (uint8_t)k->fn->arity;
	kd->n = n;
	assert_int_equal(fpc_kdata_alloc(kd, 0), 0);
	for (uint32_t i = 0; i < n; i++)
		for (unsigned a = 0; a < kd->arity; a++)
			kd->in[a][i] = k->format == FPC_FMT_BINARY64
					   ? random_double()
					   : random_float();
}

static void assert_truth_is_plain(const struct fpc_kdata *kd,
				  const struct fpc_truth *t)
{
	const struct fpc_kernel *k = kernel(kd->name);

	for (uint32_t i = 0; i < kd->n; i++) {
		uint64_t args[2] = {kd->in[0][i], kd->arity > 1 ? kd->in[1][i] : 0};
		uint64_t cr;
		double off;
		int16_t ue;

		fpc_truth_eval_plain(k, args, &cr, &off, &ue);
		assert_true(t->cr[i] == cr);
		assert_true(t->ue[i] == ue);
		assert_true(fabs(t->off[i] - off) <= 0x1p-30);
	}
}

static void test_truth_cache_hit_miss_and_corruption(void **state)
{
	char dir[] = "/tmp/fpcheck-cache-XXXXXX", path[4096];
	struct fpc_truth_options o = {.threads = 2};
	struct fpc_kdata kd;
	struct fpc_truth t;
	int hit;

	(void)state;
	assert_non_null(mkdtemp(dir));
	o.cache = dir;
	make_kdata(&kd, "log1pf", 300);

	assert_int_equal(fpc_truth_get(kernel("log1pf"), &kd, &o, &t, &hit), 0);
	assert_false(hit);
	assert_truth_is_plain(&kd, &t);
	fpc_truth_release(&t);

	assert_int_equal(fpc_truth_get(kernel("log1pf"), &kd, &o, &t, &hit), 0);
	assert_true(hit);
	assert_truth_is_plain(&kd, &t);
	fpc_truth_release(&t);

	/* Flip one byte of a stored value: the entry is refused, then
	 * recomputed and rewritten. */
	assert_int_equal(fpc_truth_cache_path(dir, &kd, path, sizeof(path)), 0);
	{
		FILE *f = fopen(path, "r+b");
		assert_non_null(f);
		fseek(f, -40, SEEK_END);
		int ch = fgetc(f);
		fseek(f, -40, SEEK_END);
		fputc(ch ^ 0x10, f);
		fclose(f);
	}
	assert_int_equal(fpc_truth_cache_load(path, &kd, &t), FPC_ERR_CHECKSUM);
	assert_int_equal(fpc_truth_get(kernel("log1pf"), &kd, &o, &t, &hit), 0);
	assert_false(hit);
	assert_truth_is_plain(&kd, &t);
	fpc_truth_release(&t);
	assert_int_equal(fpc_truth_get(kernel("log1pf"), &kd, &o, &t, &hit), 0);
	assert_true(hit);
	fpc_truth_release(&t);

	/* Other inputs under the same file name (as after a hash collision)
	 * are a miss, never someone else's truth. */
	{
		struct fpc_kdata other;
		make_kdata(&other, "log1pf", 300);
		assert_int_equal(fpc_truth_cache_load(path, &other, &t),
				 FPC_ERR_MISMATCH);
		fpc_kdata_release(&other);
	}
	unlink(path);
	rmdir(dir);
	fpc_kdata_release(&kd);
}

static void test_truth_threads_match_one_thread(void **state)
{
	struct fpc_truth_options one = {.threads = 1}, two = {.threads = 2};
	struct fpc_kdata kd;
	struct fpc_truth a, b;
	int hit;

	(void)state;
	make_kdata(&kd, "pow", 2000);
	assert_int_equal(fpc_truth_get(kernel("pow"), &kd, &one, &a, &hit), 0);
	assert_int_equal(fpc_truth_get(kernel("pow"), &kd, &two, &b, &hit), 0);
	assert_memory_equal(a.cr, b.cr, kd.n * sizeof(uint64_t));
	assert_memory_equal(a.off, b.off, kd.n * sizeof(double));
	assert_memory_equal(a.ue, b.ue, kd.n * sizeof(int16_t));
	fpc_truth_release(&a);
	fpc_truth_release(&b);
	fpc_kdata_release(&kd);
}

int main(void)
{
	const char *env = getenv("FPCHECK_TEST_SEED");
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_truth_sqrt_matches_hardware),
	    cmocka_unit_test(test_truth_fmod_is_exact),
	    cmocka_unit_test(test_truth_published_values),
	    cmocka_unit_test(test_truth_subnormal_and_range_edges),
	    cmocka_unit_test(test_truth_fast_matches_plain_on_corpus),
	    cmocka_unit_test(test_truth_cache_hit_miss_and_corruption),
	    cmocka_unit_test(test_truth_threads_match_one_thread),
	};

	if (env && *env)
		seed = strtoull(env, NULL, 0);
	print_message("seed %#llx (FPCHECK_TEST_SEED overrides)\n",
		      (unsigned long long)seed);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
