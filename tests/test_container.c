/*
 * The container and record format: round trips, the exact bytes on disk
 * (little-endian whatever the host), and rejection of every truncation,
 * every flipped byte, future versions, wrong kinds and trailing data.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fpcheck/container.h"
#include "fpcheck/error.h"
#include "fpcheck/kdata.h"
#include "fpcheck/record.h"

struct fixture {
	char dir[64];
	char rec[128];
	char tmp[128];
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	strcpy(fx->dir, "/tmp/fpcheck-test-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->rec, sizeof(fx->rec), "%s/a.rec", fx->dir);
	snprintf(fx->tmp, sizeof(fx->tmp), "%s/b.rec", fx->dir);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	unlink(fx->rec);
	unlink(fx->tmp);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* A provenance payload with one pair, laid out by hand from the spec. */
static size_t prov_payload(unsigned char *b)
{
	fpc_put_u32(b, 1);
	fpc_put_u16(b + 4, 4);
	memcpy(b + 6, "arch", 4);
	fpc_put_u32(b + 10, 6);
	memcpy(b + 14, "s390x!", 6);
	return 20;
}

static void fill_kernel(struct fpc_kdata *k, const char *name, unsigned fmt,
			unsigned arity, uint32_t n)
{
	memset(k, 0, sizeof(*k));
	snprintf(k->name, sizeof(k->name), "%s", name);
	k->in_format = k->out_format = (uint8_t)fmt;
	k->arity = (uint8_t)arity;
	k->n = n;
	assert_int_equal(fpc_kdata_alloc(k, 1), 0);
	for (uint32_t i = 0; i < n; i++) {
		for (unsigned a = 0; a < arity; a++)
			k->in[a][i] = UINT64_C(0x0102030405060708) * (i + 1) + a;
		k->out[i] = UINT64_C(0xfff8000000000001) - i; /* NaN payloads */
		k->flags[i] = (uint8_t)(i & 0x1f);
		if (fmt == FPC_FMT_BINARY32) {
			for (unsigned a = 0; a < arity; a++)
				k->in[a][i] &= 0xffffffffu;
			k->out[i] &= 0xffffffffu;
		}
	}
}

/* Writes a record: PROV, a double kernel, a binary float kernel, and
 * optionally a section of a type this version does not know. */
static void write_record(const char *path, int unknown_section)
{
	struct fpc_writer w;
	struct fpc_kdata a, b;
	unsigned char p[64];

	fill_kernel(&a, "sin", FPC_FMT_BINARY64, 1, 5);
	fill_kernel(&b, "powf", FPC_FMT_BINARY32, 2, 3);
	assert_int_equal(fpc_writer_open(&w, path, FPC_KIND_RECORD), 0);
	assert_int_equal(fpc_writer_section(&w, "PROV", p, prov_payload(p)), 0);
	assert_int_equal(fpc_kdata_write(&w, &a, 1), 0);
	if (unknown_section)
		assert_int_equal(fpc_writer_section(&w, "ZZZZ", "hello", 5), 0);
	assert_int_equal(fpc_kdata_write(&w, &b, 1), 0);
	assert_int_equal(fpc_writer_commit(&w), 0);
	fpc_kdata_release(&a);
	fpc_kdata_release(&b);
}

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long len;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return buf;
}

static void spill(const char *path, const unsigned char *b, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* Reads a whole record; returns 0 or the first error. */
static int read_all(const char *path, unsigned *nkernels)
{
	struct fpc_record rec;
	struct fpc_kdata k;
	int rc;

	*nkernels = 0;
	if ((rc = fpc_record_open(&rec, path)))
		return rc;
	while ((rc = fpc_record_next(&rec, &k)) > 0) {
		(*nkernels)++;
		fpc_kdata_release(&k);
	}
	fpc_record_close(&rec);
	return rc;
}

static void test_record_round_trip(void **state)
{
	struct fixture *fx = *state;
	struct fpc_record rec;
	struct fpc_kdata k, want;

	write_record(fx->rec, 0);
	assert_int_equal(fpc_record_open(&rec, fx->rec), 0);
	assert_string_equal(fpc_prov_get(&rec.prov, "arch"), "s390x!");
	assert_null(fpc_prov_get(&rec.prov, "cpu"));

	assert_int_equal(fpc_record_next(&rec, &k), 1);
	fill_kernel(&want, "sin", FPC_FMT_BINARY64, 1, 5);
	assert_string_equal(k.name, "sin");
	assert_int_equal(k.n, 5);
	assert_memory_equal(k.in[0], want.in[0], 5 * sizeof(uint64_t));
	assert_memory_equal(k.out, want.out, 5 * sizeof(uint64_t));
	assert_memory_equal(k.flags, want.flags, 5);
	fpc_kdata_release(&k);
	fpc_kdata_release(&want);

	assert_int_equal(fpc_record_next(&rec, &k), 1);
	fill_kernel(&want, "powf", FPC_FMT_BINARY32, 2, 3);
	assert_int_equal(k.arity, 2);
	assert_int_equal(k.in_format, FPC_FMT_BINARY32);
	assert_memory_equal(k.in[1], want.in[1], 3 * sizeof(uint64_t));
	assert_memory_equal(k.out, want.out, 3 * sizeof(uint64_t));
	fpc_kdata_release(&k);
	fpc_kdata_release(&want);

	assert_int_equal(fpc_record_next(&rec, &k), 0);
	fpc_record_close(&rec);
}

static void test_record_bytes_little_endian(void **state)
{
	struct fixture *fx = *state;
	static const unsigned char head[] = {
	    0x89, 'F', 'P', 'C', 0x0d, 0x0a, 0x1a, 0x0a, /* magic */
	    'R',  'E', 'C', ' ',                         /* kind */
	    0x01, 0x00, 0x00, 0x00,                      /* version 1.0 */
	    0x00, 0x00, 0x00, 0x00,                      /* flags */
	};
	unsigned char *b;
	size_t n, sin_at;

	write_record(fx->rec, 0);
	b = slurp(fx->rec, &n);
	assert_memory_equal(b, head, sizeof(head));
	assert_int_equal(fpc_get_u32(b + 20), fpc_crc32(0, b, 20));
	/* First section: "PROV", length 20 as u64 LE. */
	assert_memory_equal(b + 24, "PROV\x14\0\0\0\0\0\0\0", 12);
	/* The sin kernel's first input 0x0102030405060708 is stored least
	 * significant byte first. */
	sin_at = 24 + 16 + 20 + 4; /* header, PROV section, its CRC */
	assert_memory_equal(b + sin_at, "KERN", 4);
	assert_memory_equal(b + sin_at + 16 + 2 + 3 + 4 + 4,
			    "\x08\x07\x06\x05\x04\x03\x02\x01", 8);
	/* The file ends with the end marker: "END " counting 3 sections. */
	assert_memory_equal(b + n - 28, "END \x08\0\0\0\0\0\0\0", 12);
	assert_memory_equal(b + n - 12, "\x03\0\0\0\0\0\0\0", 8);
	free(b);
}

static void test_record_truncated_anywhere(void **state)
{
	struct fixture *fx = *state;
	unsigned char *b;
	unsigned nk;
	size_t n;

	write_record(fx->rec, 0);
	b = slurp(fx->rec, &n);
	for (size_t len = 0; len < n; len++) {
		spill(fx->tmp, b, len);
		int rc = read_all(fx->tmp, &nk);
		if (rc != FPC_ERR_TRUNCATED)
			fail_msg("truncated at %zu of %zu bytes: got %d (%s)",
				 len, n, rc, fpc_strerror(rc));
	}
	free(b);
}

static void test_record_flipped_byte_anywhere(void **state)
{
	struct fixture *fx = *state;
	static const unsigned char masks[] = {0x01, 0x80, 0xff};
	unsigned char *b;
	unsigned nk;
	size_t n;

	write_record(fx->rec, 0);
	b = slurp(fx->rec, &n);
	for (size_t i = 0; i < n; i++)
		for (size_t m = 0; m < sizeof(masks); m++) {
			b[i] ^= masks[m];
			spill(fx->tmp, b, n);
			int rc = read_all(fx->tmp, &nk);
			if (rc >= 0)
				fail_msg("flip 0x%02x at byte %zu undetected",
					 masks[m], i);
			/* Damage to the magic says "not ours"; anywhere
			 * else it is caught by a checksum. */
			assert_int_equal(rc, i < FPC_MAGIC_LEN
						 ? FPC_ERR_MAGIC
						 : FPC_ERR_CHECKSUM);
			b[i] ^= masks[m];
		}
	free(b);
}

static void rewrite_header(unsigned char *b, unsigned major, unsigned minor)
{
	fpc_put_u16(b + 12, (uint16_t)major);
	fpc_put_u16(b + 14, (uint16_t)minor);
	fpc_put_u32(b + 20, fpc_crc32(0, b, 20));
}

static void test_record_versions(void **state)
{
	struct fixture *fx = *state;
	unsigned char *b;
	unsigned nk;
	size_t n;

	/* A newer minor version may add sections: they are skipped. */
	write_record(fx->rec, 1);
	b = slurp(fx->rec, &n);
	rewrite_header(b, 1, 7);
	spill(fx->tmp, b, n);
	assert_int_equal(read_all(fx->tmp, &nk), 0);
	assert_int_equal(nk, 2);
	/* A newer major version is refused, with a valid checksum. */
	rewrite_header(b, 2, 0);
	spill(fx->tmp, b, n);
	assert_int_equal(read_all(fx->tmp, &nk), FPC_ERR_VERSION);
	free(b);
}

static void test_record_wrong_kind_and_trailing(void **state)
{
	struct fixture *fx = *state;
	struct fpc_writer w;
	unsigned char *b;
	unsigned nk;
	size_t n;

	assert_int_equal(fpc_writer_open(&w, fx->tmp, FPC_KIND_CORPUS), 0);
	assert_int_equal(fpc_writer_commit(&w), 0);
	assert_int_equal(read_all(fx->tmp, &nk), FPC_ERR_KIND);

	write_record(fx->rec, 0);
	b = slurp(fx->rec, &n);
	b = realloc(b, n + 1);
	b[n] = '\n';
	spill(fx->tmp, b, n + 1);
	assert_int_equal(read_all(fx->tmp, &nk), FPC_ERR_TRAILING);
	free(b);

	spill(fx->tmp, (const unsigned char *)"sin 0x1p+0\n", 11);
	assert_int_equal(read_all(fx->tmp, &nk), FPC_ERR_MAGIC);
}

static void test_record_missing_file(void **state)
{
	struct fixture *fx = *state;
	unsigned nk;

	assert_int_equal(read_all(fx->tmp, &nk), FPC_ERR_IO);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(read_all(fx->dir, &nk), FPC_ERR_IO);
}

/* A kernel whose count disagrees with its payload size, with valid CRCs:
 * the decoder must refuse it before allocating anything. */
static void test_kdata_count_mismatch(void **state)
{
	struct fpc_kdata k;
	unsigned char p[64];

	(void)state;
	memset(p, 0, sizeof(p));
	fpc_put_u16(p, 3);
	memcpy(p + 2, "sin", 3);
	p[5] = p[6] = FPC_FMT_BINARY64;
	p[7] = 1;
	fpc_put_u32(p + 9, 0x7fffffffu);
	assert_int_equal(fpc_kdata_decode(&k, p, 13 + 17, 1), FPC_ERR_FORMAT);
	fpc_put_u32(p + 9, 1);
	assert_int_equal(fpc_kdata_decode(&k, p, 13 + 17, 1), 0);
	fpc_kdata_release(&k);
	p[7] = 0; /* arity 0 */
	assert_int_equal(fpc_kdata_decode(&k, p, 13 + 17, 1), FPC_ERR_FORMAT);
}

static void test_crc32_check_value(void **state)
{
	(void)state;
	/* The standard check value of CRC-32/ISO-HDLC. */
	assert_int_equal(fpc_crc32(0, "123456789", 9), 0xcbf43926u);
	assert_int_equal(fpc_crc32(fpc_crc32(0, "1234", 4), "56789", 5),
			 0xcbf43926u);
}

/* A REPT payload for kernel name: runs, varied, max distinct, then the
 * listed (index, distinct) pairs. */
static size_t rept(unsigned char *p, const char *name, uint32_t runs,
		   uint32_t varied, uint32_t maxd, uint32_t nlisted,
		   const uint32_t *pairs)
{
	size_t nl = strlen(name), n = 0;

	fpc_put_u16(p, (uint16_t)nl);
	memcpy(p + 2, name, nl);
	n = 2 + nl;
	fpc_put_u32(p + n, runs);
	fpc_put_u32(p + n + 4, varied);
	fpc_put_u32(p + n + 8, maxd);
	fpc_put_u32(p + n + 12, nlisted);
	n += 16;
	for (uint32_t j = 0; j < 2 * nlisted; j++, n += 4)
		fpc_put_u32(p + n, pairs[j]);
	return n;
}

/* Record: PROV, REPT (payload p, n bytes), then the kernel "sin" of 5
 * inputs; the status of reading that kernel. */
static int read_with_rept(const char *path, const unsigned char *r, size_t n,
			  struct fpc_repeat *out)
{
	struct fpc_writer w;
	struct fpc_record rec;
	struct fpc_kdata a, k;
	unsigned char p[64];
	int rc;

	fill_kernel(&a, "sin", FPC_FMT_BINARY64, 1, 5);
	assert_int_equal(fpc_writer_open(&w, path, FPC_KIND_RECORD), 0);
	assert_int_equal(fpc_writer_section(&w, "PROV", p, prov_payload(p)), 0);
	assert_int_equal(fpc_writer_section(&w, "REPT", r, n), 0);
	assert_int_equal(fpc_kdata_write(&w, &a, 1), 0);
	assert_int_equal(fpc_writer_commit(&w), 0);
	fpc_kdata_release(&a);
	assert_int_equal(fpc_record_open(&rec, path), 0);
	rc = fpc_record_next(&rec, &k);
	if (rc == 1) {
		*out = rec.repeat;
		fpc_kdata_release(&k);
	}
	fpc_record_close(&rec);
	return rc;
}

/* A REPT section describes the kernel after it, and one that contradicts
 * itself or that kernel is a format error. */
static void test_record_repeat_section(void **state)
{
	struct fixture *fx = *state;
	const uint32_t pairs[] = {1, 3, 4, 2};
	struct fpc_repeat r;
	unsigned char p[256];

	assert_int_equal(read_with_rept(fx->rec, p,
					rept(p, "sin", 6, 2, 3, 2, pairs), &r),
			 1);
	assert_true(r.valid && r.runs == 6 && r.nvaried == 2 &&
		    r.max_distinct == 3 && r.nlisted == 2 && r.index[1] == 4 &&
		    r.distinct[1] == 2);
	/* another kernel's */
	assert_int_equal(read_with_rept(fx->rec, p,
					rept(p, "cos", 6, 2, 3, 2, pairs), &r),
			 FPC_ERR_FORMAT);
	/* an input past the kernel's 5 */
	const uint32_t far[] = {5, 2};
	assert_int_equal(read_with_rept(fx->rec, p,
					rept(p, "sin", 6, 1, 2, 1, far), &r),
			 FPC_ERR_FORMAT);
	/* more distinct results than runs; fewer than 2 runs; more listed
	 * than varied; a trailing byte */
	assert_int_equal(read_with_rept(fx->rec, p,
					rept(p, "sin", 2, 2, 3, 2, pairs), &r),
			 FPC_ERR_FORMAT);
	assert_int_equal(read_with_rept(fx->rec, p,
					rept(p, "sin", 1, 0, 1, 0, pairs), &r),
			 FPC_ERR_FORMAT);
	assert_int_equal(read_with_rept(fx->rec, p,
					rept(p, "sin", 6, 1, 3, 2, pairs), &r),
			 FPC_ERR_FORMAT);
	size_t n = rept(p, "sin", 6, 0, 1, 0, pairs);
	assert_int_equal(read_with_rept(fx->rec, p, n, &r), 1);
	assert_true(r.valid && !r.nvaried);
	p[n] = 0;
	assert_int_equal(read_with_rept(fx->rec, p, n + 1, &r),
			 FPC_ERR_FORMAT);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_record_round_trip),
	    T(test_record_bytes_little_endian),
	    T(test_record_truncated_anywhere),
	    T(test_record_flipped_byte_anywhere),
	    T(test_record_versions),
	    T(test_record_wrong_kind_and_trailing),
	    T(test_record_missing_file),
	    T(test_record_repeat_section),
	    cmocka_unit_test(test_kdata_count_mismatch),
	    cmocka_unit_test(test_crc32_check_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
