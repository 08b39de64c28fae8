/*
 * The record readers against hostile input: the provenance codec (a NUL
 * in any key or value, a key given twice, the size limits, lookups
 * through the sorted index), the reduction descriptors a record may hold,
 * and the order of its kernels.  tests/e2e/harden_format.sh drives the
 * same cases through the CLI.
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

#include "fpcheck/container.h"
#include "fpcheck/error.h"
#include "fpcheck/kdata.h"
#include "fpcheck/prov.h"
#include "fpcheck/record.h"
#include "kernels/reduce.h"

/* A PROV payload being built, as docs/record-format.md lays it out. */
struct payload {
	unsigned char *b;
	size_t len, cap;
	uint32_t n;
};

static void put(struct payload *p, const void *s, size_t n)
{
	if (p->len + n > p->cap) {
		p->cap = 2 * (p->len + n);
		p->b = realloc(p->b, p->cap);
		assert_non_null(p->b);
	}
	memcpy(p->b + p->len, s, n);
	p->len += n;
}

/* Appends a pair whose key and value may hold NUL bytes (lengths
 * given), and updates the count at the front. */
static void pair(struct payload *p, const char *k, size_t kl, const char *v,
		 size_t vl)
{
	unsigned char b[4];

	if (!p->len)
		put(p, "\0\0\0\0", 4);
	fpc_put_u16(b, (uint16_t)kl);
	put(p, b, 2);
	put(p, k, kl);
	fpc_put_u32(b, (uint32_t)vl);
	put(p, b, 4);
	put(p, v, vl);
	fpc_put_u32(p->b, ++p->n);
}

static void text_pair(struct payload *p, const char *k, const char *v)
{
	pair(p, k, strlen(k), v, strlen(v));
}

static int decode(const struct payload *p, struct fpc_prov *prov)
{
	return fpc_prov_decode(prov, p->b, p->len);
}

/* A NUL byte is malformed in any key or value, the last pair's too. */
static void test_prov_nul_anywhere(void **state)
{
	static const char *const keys[] = {"arch", "libc", "cpu"};
	(void)state;
	for (int last = 0; last < 2; last++)
		for (int in_key = 0; in_key < 2; in_key++) {
			struct payload p = {0};
			struct fpc_prov prov;
			for (int i = 0; i < 3; i++) {
				int bad = i == (last ? 2 : 0);
				if (bad && in_key)
					pair(&p, "x\0y", 3, "v", 1);
				else if (bad)
					pair(&p, keys[i], strlen(keys[i]),
					     "v\0w", 3);
				else
					text_pair(&p, keys[i], "v");
			}
			assert_int_equal(decode(&p, &prov), FPC_ERR_FORMAT);
			assert_int_equal(prov.n, 0);
			assert_null(prov.key);
			free(p.b);
		}
}

static void test_prov_duplicate_key(void **state)
{
	struct payload p = {0};
	struct fpc_prov prov;

	(void)state;
	text_pair(&p, "arch", "x86_64");
	text_pair(&p, "libc", "glibc");
	text_pair(&p, "arch", "aarch64");
	assert_int_equal(decode(&p, &prov), FPC_ERR_FORMAT);
	free(p.b);
}

/* Up to the limits a provenance reads, one pair or byte more it does
 * not; every key is found, and pairs keep their order on disk. */
static void test_prov_limits(void **state)
{
	struct payload p = {0};
	struct fpc_prov prov;
	char k[32], v[32];

	(void)state;
	/* keys written in descending order: the index must sort them */
	for (int i = FPC_PROV_MAX_PAIRS - 1; i >= 0; i--) {
		snprintf(k, sizeof(k), "key.%05d", i);
		snprintf(v, sizeof(v), "%d", 3 * i);
		text_pair(&p, k, v);
	}
	assert_int_equal(decode(&p, &prov), 0);
	assert_int_equal(prov.n, FPC_PROV_MAX_PAIRS);
	assert_string_equal(prov.key[0], "key.04095");
	for (int i = 0; i < FPC_PROV_MAX_PAIRS; i++) {
		snprintf(k, sizeof(k), "key.%05d", i);
		snprintf(v, sizeof(v), "%d", 3 * i);
		assert_string_equal(fpc_prov_get(&prov, k), v);
	}
	assert_null(fpc_prov_get(&prov, "key.04096"));
	assert_null(fpc_prov_get(&prov, "a"));
	assert_null(fpc_prov_get(&prov, "z"));
	fpc_prov_release(&prov);
	text_pair(&p, "one", "more");
	assert_int_equal(decode(&p, &prov), FPC_ERR_LIMIT);
	free(p.b);

	/* one pair, its value one byte over the payload limit */
	{
		struct payload q = {0};
		size_t vl = FPC_PROV_MAX_BYTES - 4 - 2 - 1 - 4;
		char *big = malloc(vl + 1);
		assert_non_null(big);
		memset(big, 'v', vl + 1);
		pair(&q, "k", 1, big, vl);
		assert_int_equal(decode(&q, &prov), 0);
		fpc_prov_release(&prov);
		free(q.b);
		memset(&q, 0, sizeof(q));
		pair(&q, "k", 1, big, vl + 1);
		assert_int_equal(decode(&q, &prov), FPC_ERR_LIMIT);
		free(q.b);
		free(big);
	}
}

/* fpc_prov_set keeps the index: lookups find every key, a key set again
 * keeps its place, and pairs stay in the order first set. */
static void test_prov_set_index(void **state)
{
	struct fpc_prov prov = {0};
	char k[32], v[32];

	(void)state;
	for (int i = 0; i < 300; i++) {
		snprintf(k, sizeof(k), "k%d", (i * 7919) % 300);
		snprintf(v, sizeof(v), "v%d", i);
		assert_int_equal(fpc_prov_set(&prov, k, v), 0);
	}
	assert_int_equal(fpc_prov_set(&prov, "k5", "again"), 0);
	assert_int_equal(prov.n, 300);
	assert_string_equal(prov.key[0], "k0");
	assert_string_equal(prov.key[1], "k119");
	for (int i = 0; i < 300; i++) {
		snprintf(k, sizeof(k), "k%d", (i * 7919) % 300);
		snprintf(v, sizeof(v), "v%d", i);
		assert_string_equal(fpc_prov_get(&prov, k),
				    strcmp(k, "k5") ? v : "again");
	}
	assert_null(fpc_prov_get(&prov, "k300"));
	fpc_prov_release(&prov);
	assert_null(prov.sorted);
}

/* A writer never writes what a reader refuses. */
static void test_prov_write_limits(void **state)
{
	char path[] = "/tmp/fpcheck-prov-XXXXXX", k[32];
	struct fpc_prov prov = {0};
	struct fpc_writer w;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	for (int i = 0; i <= FPC_PROV_MAX_PAIRS; i++) {
		snprintf(k, sizeof(k), "key.%05d", i);
		assert_int_equal(fpc_prov_set(&prov, k, "v"), 0);
	}
	assert_int_equal(fpc_writer_open(&w, path, FPC_KIND_RECORD), 0);
	assert_int_equal(fpc_prov_write(&w, &prov), FPC_ERR_LIMIT);
	fpc_writer_abort(&w);
	fpc_prov_release(&prov);
	unlink(path);
}

/* ---- records ------------------------------------------------------- */

struct rec_fixture {
	char dir[64];
	char path[128];
};

static int rec_setup(void **state)
{
	struct rec_fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	strcpy(fx->dir, "/tmp/fpcheck-test-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/r.rec", fx->dir);
	*state = fx;
	return 0;
}

static int rec_teardown(void **state)
{
	struct rec_fixture *fx = *state;

	unlink(fx->path);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* A kernel of a record: name and its (n, distribution, seed) inputs,
 * binary64, or one input of 0.5 for a kernel of arity 1. */
struct kspec {
	const char *name;
	uint32_t count;
	uint32_t (*desc)(uint32_t i, unsigned a); /* argument a of input i */
};

static void write_record(const char *path, const struct kspec *ks, size_t nk)
{
	struct fpc_writer w;
	unsigned char prov[4] = {0};

	assert_int_equal(fpc_writer_open(&w, path, FPC_KIND_RECORD), 0);
	assert_int_equal(fpc_writer_section(&w, "PROV", prov, 4), 0);
	for (size_t j = 0; j < nk; j++) {
		struct fpc_kdata k = {0};
		snprintf(k.name, sizeof(k.name), "%s", ks[j].name);
		k.in_format = k.out_format = FPC_FMT_BINARY64;
		k.arity = ks[j].desc ? 3 : 1;
		k.n = ks[j].desc ? ks[j].count : 1;
		assert_int_equal(fpc_kdata_alloc(&k, 1), 0);
		for (uint32_t i = 0; i < k.n; i++)
			for (unsigned a = 0; a < k.arity; a++)
				k.in[a][i] =
				    ks[j].desc
					? fpc_reduce_bits(FPC_FMT_BINARY64,
							  ks[j].desc(i, a))
					: UINT64_C(0x3fe0000000000000);
		assert_int_equal(fpc_kdata_write(&w, &k, 1), 0);
		fpc_kdata_release(&k);
	}
	assert_int_equal(fpc_writer_commit(&w), 0);
}

/* Writes the record and reads it through: 0 or the reader's error. */
static int check(const char *path, const struct kspec *ks, size_t nk)
{
	struct fpc_record rec;
	struct fpc_kdata k;
	int rc;

	write_record(path, ks, nk);
	if ((rc = fpc_record_open(&rec, path)))
		return rc;
	while ((rc = fpc_record_next(&rec, &k)) > 0)
		fpc_kdata_release(&k);
	/* a refusal of content says why */
	assert_true(rc != FPC_ERR_LIMIT || *rec.why);
	fpc_record_close(&rec);
	return rc;
}

/* n = 2^20 (the longest), uniform, seed i: 8 fill one kernel's terms. */
static uint32_t longest(uint32_t i, unsigned a)
{
	return a == 0 ? FPC_REDUCE_MAX_N : a == 1 ? 0 : i;
}

static uint32_t too_long(uint32_t i, unsigned a)
{
	return a == 0 ? FPC_REDUCE_MAX_N + 1 : a == 1 ? 0 : i;
}

/* n = 1, one vector however many inputs */
static uint32_t one_short(uint32_t i, unsigned a)
{
	(void)i;
	return a == 0 ? 1 : a == 1 ? 2 : 7;
}

/* n = 10, seeds from 1000 up: distinct short vectors */
static uint32_t short_seed(uint32_t i, unsigned a)
{
	return a == 0 ? 10 : a == 1 ? 3 : 1000 + i;
}

static uint32_t unknown_dist(uint32_t i, unsigned a)
{
	(void)i;
	return a == 0 ? 10 : a == 1 ? FPC_DIST_COUNT : 1;
}

static uint32_t no_terms(uint32_t i, unsigned a)
{
	(void)i;
	return a == 0 ? 0 : 1;
}

/* The integers of a descriptor up to 2^24, the top binade of binary32
 * included (where no fraction bit is left: a shift by -1 read 2^24 as
 * 0), and nothing past it. */
static void test_descriptor_integers(void **state)
{
	static const double big[] = {0x1p23, 0x1p23 + 1, 0x1p24 - 1, 0x1p24};
	(void)state;
	for (unsigned fmt = FPC_FMT_BINARY32; fmt <= FPC_FMT_BINARY64; fmt++) {
		for (size_t i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
			uint64_t b;
			if (fmt == FPC_FMT_BINARY32) {
				float f = (float)big[i];
				uint32_t u;
				memcpy(&u, &f, sizeof(u));
				b = u;
			} else {
				memcpy(&b, &big[i], sizeof(b));
			}
			assert_int_equal(fpc_reduce_int(fmt, b),
					 (int64_t)big[i]);
		}
		/* 2^24 + 2 (binary32's next), 2^24 + 1 (binary64's) */
		assert_int_equal(fpc_reduce_int(FPC_FMT_BINARY32, 0x4b800001u),
				 -1);
		assert_int_equal(fpc_reduce_int(FPC_FMT_BINARY64,
						UINT64_C(0x4170000010000000)),
				 -1);
	}
}

/* Descriptors are checked at the limits of one kernel, and a kernel of
 * the wrong shape is left to the readers that name it. */
static void test_reduce_kernel_limits(void **state)
{
	struct rec_fixture *fx = *state;
	const char *p = fx->path;

	assert_int_equal(
	    check(p, (struct kspec[]){{"sum_loop", 8, longest}}, 1), 0);
	assert_int_equal(
	    check(p, (struct kspec[]){{"sum_loop", 9, longest}}, 1),
	    FPC_ERR_LIMIT);
	assert_int_equal(
	    check(p, (struct kspec[]){{"sum_loop", 1, too_long}}, 1),
	    FPC_ERR_FORMAT);
	assert_int_equal(
	    check(p, (struct kspec[]){{"sum_loop", 1, unknown_dist}}, 1),
	    FPC_ERR_FORMAT);
	assert_int_equal(
	    check(p, (struct kspec[]){{"sum_loop", 1, no_terms}}, 1),
	    FPC_ERR_FORMAT);
	assert_int_equal(
	    check(p,
		  (struct kspec[]){
		      {"sum_loop", FPC_REDUCE_MAX_INPUTS, one_short}},
		  1),
	    0);
	assert_int_equal(
	    check(p,
		  (struct kspec[]){
		      {"sum_loop", FPC_REDUCE_MAX_INPUTS + 1, one_short}},
		  1),
	    FPC_ERR_LIMIT);
	/* arity 1: not a reduction's shape, not checked here */
	assert_int_equal(check(p, (struct kspec[]){{"sum_loop", 1, NULL}}, 1),
			 0);
}

/* The record's limits count distinct vectors: kernels that share theirs,
 * as every reduction kernel of the default corpus does, cost nothing
 * more. */
static void test_reduce_record_limits(void **state)
{
	struct rec_fixture *fx = *state;
	const char *p = fx->path;
	struct kspec shared[] = {{"sum_seq", 8, longest},
				 {"sum_pairwise", 8, longest},
				 {"sum_loop", 8, longest},
				 {"dot_seq", 8, longest}};
	struct kspec over[] = {{"sum_seq", 8, longest},
			       {"sum_loop", 1, one_short}};
	struct kspec many[] = {{"sum_seq", 128, short_seed},
			       {"sum_loop", 128, short_seed},
			       {"dot_seq", 128, short_seed}};
	struct kspec more[] = {
	    {"sum_seq", FPC_REDUCE_MAX_VECTORS, short_seed},
	    {"sum_loop", FPC_REDUCE_MAX_VECTORS + 1, short_seed}};

	assert_int_equal(check(p, shared, 4), 0);
	assert_int_equal(check(p, over, 2), FPC_ERR_LIMIT);
	assert_int_equal(check(p, many, 3), 0);
	assert_int_equal(check(p, more, 1), 0);
	assert_int_equal(check(p, more, 2), FPC_ERR_LIMIT);
}

/* fpcheck's own kernels in table order, each once (sin before cos). */
static void test_record_kernel_order(void **state)
{
	struct rec_fixture *fx = *state;
	const char *p = fx->path;

	assert_int_equal(
	    check(p, (struct kspec[]){{"sin", 1, NULL}, {"cos", 1, NULL}}, 2),
	    0);
	assert_int_equal(
	    check(p, (struct kspec[]){{"cos", 1, NULL}, {"sin", 1, NULL}}, 2),
	    FPC_ERR_FORMAT);
	assert_int_equal(
	    check(p, (struct kspec[]){{"sin", 1, NULL}, {"sin", 1, NULL}}, 2),
	    FPC_ERR_FORMAT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_prov_nul_anywhere),
	    cmocka_unit_test(test_prov_duplicate_key),
	    cmocka_unit_test(test_prov_limits),
	    cmocka_unit_test(test_prov_set_index),
	    cmocka_unit_test(test_prov_write_limits),
	    cmocka_unit_test(test_descriptor_integers),
	    cmocka_unit_test_setup_teardown(test_reduce_kernel_limits,
					    rec_setup, rec_teardown),
	    cmocka_unit_test_setup_teardown(test_reduce_record_limits,
					    rec_setup, rec_teardown),
	    cmocka_unit_test_setup_teardown(test_record_kernel_order, rec_setup,
					    rec_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
