/*
 * Tolerance tables with nothing to sort: a table without platforms, a
 * platform without functions, a record without measured kernels.  qsort
 * must never see a null pointer, not even for zero elements (C11 7.22.5;
 * glibc declares the argument nonnull and UBSan reports the call).  This
 * test replaces qsort for the whole binary with one that records such a
 * call, so that the ordinary build catches what only the sanitizers saw.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fpcheck/analysis.h"
#include "fpcheck/error.h"
#include "fpcheck/tolerance.h"

static int null_sorts;

/* Insertion sort: the library's arrays here are small. */
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *))
{
	/* read through a volatile: glibc declares base nonnull, and the
	 * compiler would drop a plain test */
	void *volatile seen = base;
	unsigned char *b = base, tmp[256];

	if (!seen) {
		null_sorts++;
		return;
	}
	if (size > sizeof(tmp))
		abort();
	for (size_t i = 1; i < n; i++)
		for (size_t j = i;
		     j > 0 && cmp(b + (j - 1) * size, b + j * size) > 0; j--) {
			memcpy(tmp, b + j * size, size);
			memcpy(b + j * size, b + (j - 1) * size, size);
			memcpy(b + (j - 1) * size, tmp, size);
		}
}

/* Reads text as a table from a temporary file. */
static int read_table(const char *text, struct fpc_tol_table *t)
{
	char path[] = "/tmp/fpcheck-tol-XXXXXX", detail[256];
	int fd = mkstemp(path), err;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	err = fpc_tol_read(path, t, detail, sizeof(detail));
	unlink(path);
	return err;
}

/* The replacement sorts what it is given (other code of the binary
 * relies on it). */
static int int_cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void test_replacement_sorts(void **state)
{
	int v[] = {5, 3, 9, 1, 1, 0};

	(void)state;
	qsort(v, 6, sizeof(v[0]), int_cmp);
	assert_int_equal(v[0], 0);
	assert_int_equal(v[5], 9);
	assert_int_equal(null_sorts, 0);
}

/* Tables with no platform are refused ("no tolerance in it"), the others
 * read; none sorts a null array on the way. */
static void test_empty_tables(void **state)
{
	static const char *const tables[] = {
	    "{\"schema\": \"fpcheck-tolerances\", \"platforms\": []}\n",
	    "{\"schema\": \"fpcheck-tolerances\", \"platforms\": [{"
	    "\"platform\": \"p\", \"arch\": \"a\", \"libc\": \"l\", "
	    "\"compiler\": \"c\", \"flags\": \"f\", \"functions\": []}]}\n",
	    "# glibc's layout, and nothing in it\n",
	    "# platform: x86_64, glibc 2.36, gcc 12, -O2\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		struct fpc_tol_table t;
		int err;
		null_sorts = 0;
		err = read_table(tables[i], &t);
		assert_int_equal(err, i % 2 ? 0 : FPC_ERR_PARSE);
		fpc_tol_release(&t);
		if (null_sorts)
			fail_msg("table %zu sorted a null array", i);
	}
}

/* A record whose kernels have no truth (render kernels) makes a
 * platform without functions. */
static void test_add_nothing_measured(void **state)
{
	struct fpc_tol_table t = {0};
	struct fpc_analysis a;

	(void)state;
	memset(&a, 0, sizeof(a));
	null_sorts = 0;
	assert_int_equal(fpc_tol_add(&t, &a, "r.rec"), 0);
	assert_int_equal(t.np, 1);
	assert_int_equal(t.p[0].n, 0);
	fpc_tol_release(&t);
	assert_int_equal(null_sorts, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_replacement_sorts),
	    cmocka_unit_test(test_empty_tables),
	    cmocka_unit_test(test_add_nothing_measured),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
