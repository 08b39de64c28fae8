/*
 * What fpcheck writes, and what it lets through from the files it reads:
 * the atomic file's rule for devices and FIFOs, kernel names (which end
 * up in file names), text from records as it is shown (no controls, no
 * bytes that are not UTF-8) and the one-line reason of a file's failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fpcheck/container.h"
#include "fpcheck/error.h"
#include "fpcheck/kdata.h"
#include "fpcheck/prov.h"
#include "fpcheck/report.h"
#include "fpcheck/truth.h"

struct fixture {
	char dir[64];
	char path[128];
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	strcpy(fx->dir, "/tmp/fpcheck-test-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/out", fx->dir);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	unlink(fx->path);
	rmdir(fx->path); /* when a test made it a directory */
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* ---- the atomic file ---------------------------------------------------- */

/* A FIFO is written into, never renamed over: what the reader gets is
 * what was written, and the FIFO is still one. */
static void test_atomic_fifo_written_in_place(void **state)
{
	struct fixture *fx = *state;
	struct fpc_atomic a;
	struct stat st;
	char got[8] = "";
	int rd;

	assert_int_equal(mkfifo(fx->path, 0600), 0);
	/* A reader first, non-blocking, so that opening for writing does
	 * not wait for one. */
	rd = open(fx->path, O_RDONLY | O_NONBLOCK);
	assert_true(rd >= 0);
	assert_int_equal(fpc_atomic_open(&a, fx->path), 0);
	assert_null(a.tmp);
	assert_int_equal(fputs("abc", a.f) >= 0, 1);
	assert_int_equal(fpc_atomic_commit(&a), 0);
	assert_int_equal(read(rd, got, sizeof(got)), 3);
	assert_string_equal(got, "abc");
	close(rd);
	assert_int_equal(stat(fx->path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
}

/* A regular file goes through a temporary beside it, renamed into place
 * at commit and removed on abort. */
static void test_atomic_regular_file_renamed(void **state)
{
	struct fixture *fx = *state;
	struct fpc_atomic a;
	struct stat st;
	char tmp[160];

	assert_int_equal(fpc_atomic_open(&a, fx->path), 0);
	assert_non_null(a.tmp);
	snprintf(tmp, sizeof(tmp), "%s", a.tmp);
	assert_int_equal(stat(fx->path, &st), -1);
	fpc_atomic_abort(&a);
	assert_int_equal(stat(tmp, &st), -1);
	assert_int_equal(fpc_atomic_open(&a, fx->path), 0);
	fputs("x", a.f);
	assert_int_equal(fpc_atomic_commit(&a), 0);
	assert_int_equal(stat(fx->path, &st), 0);
	assert_true(S_ISREG(st.st_mode) && st.st_size == 1);
}

/* A directory is refused, with errno saying why. */
static void test_atomic_directory_refused(void **state)
{
	struct fixture *fx = *state;
	struct fpc_atomic a;

	assert_int_equal(mkdir(fx->path, 0700), 0);
	errno = 0;
	assert_int_equal(fpc_atomic_open(&a, fx->path), FPC_ERR_IO);
	assert_int_equal(errno, EISDIR);
}

/* ---- kernel names ------------------------------------------------------- */

static void test_kernel_names(void **state)
{
	static const char *const good[] = {"sin", "sinf", "_x", "mylib_exp2",
					   "A9"};
	static const char *const bad[] = {
	    "",	   "9lives",	  "../x",  "a/b", "a b",
	    "a-b", "caf\xc3\xa9", "a\x1b", ".",	  ".."};
	char longest[FPC_NAME_MAX + 2];

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(fpc_kdata_name_ok(good[i], strlen(good[i])));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(fpc_kdata_name_ok(bad[i], strlen(bad[i])));
	memset(longest, 'x', sizeof(longest));
	assert_true(fpc_kdata_name_ok(longest, FPC_NAME_MAX));
	assert_false(fpc_kdata_name_ok(longest, FPC_NAME_MAX + 1));
}

/* A KERN section named "../x" (valid otherwise): refused by the decoder,
 * by the writer, and by the truth cache's file names. */
static void test_kernel_name_refused_everywhere(void **state)
{
	struct fixture *fx = *state;
	struct fpc_kdata k;
	struct fpc_writer w;
	unsigned char p[32];
	uint64_t in = 0;
	char path[256];

	(void)state;
	memset(p, 0, sizeof(p));
	fpc_put_u16(p, 4);
	memcpy(p + 2, "../x", 4);
	p[6] = p[7] = FPC_FMT_BINARY64;
	p[8] = 1;
	fpc_put_u32(p + 10, 1);
	assert_int_equal(fpc_kdata_decode(&k, p, 14 + 8, 0), FPC_ERR_NAME);
	memcpy(p + 2, "sinx", 4);
	assert_int_equal(fpc_kdata_decode(&k, p, 14 + 8, 0), 0);
	fpc_kdata_release(&k);

	memset(&k, 0, sizeof(k));
	snprintf(k.name, sizeof(k.name), "../x");
	k.in_format = k.out_format = FPC_FMT_BINARY64;
	k.arity = 1;
	k.n = 1;
	k.in[0] = &in;
	assert_int_equal(fpc_truth_cache_path(fx->dir, &k, path, sizeof(path)),
			 FPC_ERR_NAME);
	assert_int_equal(fpc_writer_open(&w, fx->path, FPC_KIND_CORPUS), 0);
	assert_int_equal(fpc_kdata_write(&w, &k, 0), FPC_ERR_NAME);
	fpc_writer_abort(&w);
	snprintf(k.name, sizeof(k.name), "sin");
	assert_int_equal(fpc_truth_cache_path(fx->dir, &k, path, sizeof(path)),
			 0);
}

/* ---- text from records, as shown ---------------------------------------- */

static void test_shown_text(void **state)
{
	static const struct {
		const char *in, *shown;
	} cases[] = {
	    {"plain", "plain"},
	    {"a\x1b[2Jb", "a\\x1b[2Jb"}, /* CSI: clears a screen */
	    {"t\x1b]0;title\x07", "t\\x1b]0;title\\x07"}, /* OSC title */
	    {"line\nbreak\ttab", "line\\x0abreak\\x09tab"},
	    {"del\x7f", "del\\x7f"},
	    {"c1 \xc2\x9b"
	     "31m",
	     "c1 \\xc2\\x9b31m"},			 /* C1 CSI, as UTF-8 */
	    {"rlo \xe2\x80\xae", "rlo \\xe2\\x80\\xae"}, /* bidi override */
	    {"caf\xc3\xa9 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xf0\x9f\x98\x80"},
	    {"latin1 \xe9t\xe9", "latin1 \\xe9t\\xe9"},
	    {"overlong \xc0\xaf", "overlong \\xc0\\xaf"},
	    {"surrogate \xed\xa0\x80", "surrogate \\xed\\xa0\\x80"},
	    {"beyond \xf4\x90\x80\x80", "beyond \\xf4\\x90\\x80\\x80"},
	    {"cut \xe2\x82", "cut \\xe2\\x82"},
	    {"back\\slash", "back\\\\slash"},
	};
	char buf[128];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(
		    fpc_prov_show(buf, sizeof(buf), cases[i].in),
		    cases[i].shown);
	/* Too long: cut at a unit, never inside an escape. */
	assert_string_equal(fpc_prov_show(buf, 6,
					  "ab\x1b"
					  "cd"),
			    "ab");
	assert_string_equal(fpc_prov_show(buf, 8,
					  "ab\x1b"
					  "cd"),
			    "ab\\x1bc");
}

/* What a writer wrote into a memory stream, NUL-terminated. */
static char *written(void (*put)(FILE *, const char *), const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	put(f, s);
	fclose(f);
	return buf;
}

static void test_writers_escape(void **state)
{
	static const struct {
		void (*put)(FILE *, const char *);
		const char *in, *out;
	} cases[] = {
	    {fpc_json_string, "a\x1b[2J\"\\", "\"a\\u001b[2J\\\"\\\\\""},
	    {fpc_json_string, "\xe9t\xe9", "\"\\ufffdt\\ufffd\""},
	    {fpc_json_string, "\xc2\x9b\xc3\xa9", "\"\\u009b\xc3\xa9\""},
	    {fpc_xml_text, "<b>\x1b&\"", "&lt;b&gt;\\x1b&amp;&quot;"},
	    {fpc_csv_field, "a\"b\n\xff", "\"a\"\"b\\x0a\\xff\""},
	    {fpc_text_put, "x\x1b\\", "x\\x1b\\\\"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = written(cases[i].put, cases[i].in);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

/* ---- the reason of a file's failure ------------------------------------- */

static void test_error_detail(void **state)
{
	char buf[256];

	(void)state;
	fpc_error_detail(buf, sizeof(buf), "a.rec", FPC_ERR_IO, ENOENT);
	assert_string_equal(buf, "cannot open 'a.rec': No such file or "
				 "directory");
	fpc_error_detail(buf, sizeof(buf), "out", FPC_ERR_IO, ENOSPC);
	assert_string_equal(buf, "out: No space left on device");
	fpc_error_detail(buf, sizeof(buf), "a.rec", FPC_ERR_TRUNCATED, EIO);
	assert_string_equal(
	    buf, "a.rec: file is truncated (it ends before its end marker)");
	fpc_error_detail(buf, sizeof(buf), "a.rec", FPC_ERR_IO, 0);
	assert_string_equal(buf, "a.rec: input/output error");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_atomic_fifo_written_in_place),
	    T(test_atomic_regular_file_renamed),
	    T(test_atomic_directory_refused),
	    cmocka_unit_test(test_kernel_names),
	    T(test_kernel_name_refused_everywhere),
	    cmocka_unit_test(test_shown_text),
	    cmocka_unit_test(test_writers_escape),
	    cmocka_unit_test(test_error_detail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
