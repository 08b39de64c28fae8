/*
 * The truth cache: one file per (kernel inputs, truth version), holding
 * the inputs themselves so that a hit is verified bit for bit, never
 * trusted on a hash.  Container kind "TRTH" (docs/record-format.md):
 *
 *   TKEY  u32 FPC_TRUTH_VERSION, u16 length + MPFR version string
 *   KERN  the inputs, as in a corpus
 *   TVAL  n x (u64 cr bits, u64 off as binary64 bits, u16 ue as int16)
 *
 * Anything else (another MPFR, another truth version, other inputs, a
 * corrupt file) is a miss, and the entry is recomputed and replaced.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fpcheck/container.h"
#include "fpcheck/error.h"
#include "fpcheck/truth.h"

#define TVAL_WIDTH 18u

static size_t tkey(unsigned char *b, size_t len)
{
	const char *v = mpfr_get_version();
	size_t n = strlen(v);

	if (6 + n > len)
		n = len - 6;
	fpc_put_u32(b, FPC_TRUTH_VERSION);
	fpc_put_u16(b + 4, (uint16_t)n);
	memcpy(b + 6, v, n);
	return 6 + n;
}

/* mkdir -p, for the cache directory only. */
static int make_dirs(const char *dir)
{
	char buf[4096];
	size_t n = strlen(dir);

	if (n >= sizeof(buf))
		return FPC_ERR_ARG;
	memcpy(buf, dir, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(buf, 0777) && errno != EEXIST)
			return FPC_ERR_IO;
		*p = '/';
	}
	if (mkdir(buf, 0777) && errno != EEXIST)
		return FPC_ERR_IO;
	return 0;
}

int fpc_truth_cache_path(const char *dir, const struct fpc_kdata *kd,
			 char *path, size_t len)
{
	uint64_t h = fpc_kdata_hash(FPC_FNV1A64_INIT, kd);
	int n;

	/* The name becomes part of a file name: only a C identifier can,
	 * never "../x" or "a/b", whoever built kd. */
	if (!fpc_kdata_name_ok(kd->name, strlen(kd->name)))
		return FPC_ERR_NAME;
	h = fpc_fnv1a64(h, mpfr_get_version(), strlen(mpfr_get_version()));
	n = snprintf(path, len, "%s/%s-%016llx-v%u.truth", dir, kd->name,
		     (unsigned long long)h, FPC_TRUTH_VERSION);
	return n < 0 || (size_t)n >= len ? FPC_ERR_ARG : 0;
}

static int same_named_inputs(const struct fpc_kdata *a,
			     const struct fpc_kdata *b)
{
	return !strcmp(a->name, b->name) && fpc_kdata_same_inputs(a, b);
}

int fpc_truth_cache_load(const char *path, const struct fpc_kdata *kd,
			 struct fpc_truth *t)
{
	struct fpc_reader r;
	unsigned char key[128], *p;
	uint64_t len;
	char type[5];
	size_t keylen = tkey(key, sizeof(key));
	int rc, err, seen = 0;

	memset(t, 0, sizeof(*t));
	if ((err = fpc_reader_open(&r, path, FPC_KIND_TRUTH)))
		return err == FPC_ERR_IO && errno == ENOENT ? FPC_ERR_MISMATCH
							    : err;
	while ((rc = fpc_reader_next(&r, type, &p, &len)) > 0) {
		err = 0;
		if (!strcmp(type, "TKEY")) {
			if (len != keylen || memcmp(p, key, keylen))
				err = FPC_ERR_MISMATCH;
			seen |= 1;
		} else if (!strcmp(type, "KERN")) {
			struct fpc_kdata c;
			if (!(err = fpc_kdata_decode(&c, p, len, 0))) {
				if (!same_named_inputs(&c, kd))
					err = FPC_ERR_MISMATCH;
				fpc_kdata_release(&c);
			}
			seen |= 2;
		} else if (!strcmp(type, "TVAL") && seen == 3 && !t->cr) {
			if (len != (uint64_t)kd->n * TVAL_WIDTH)
				err = FPC_ERR_FORMAT;
			else if (!(err = fpc_truth_alloc(t, kd->n)))
				for (uint32_t i = 0; i < kd->n; i++) {
					const unsigned char *q =
					    p + (size_t)i * TVAL_WIDTH;
					uint64_t o = fpc_get_u64(q + 8);
					t->cr[i] = fpc_get_u64(q);
					memcpy(&t->off[i], &o, sizeof(o));
					t->ue[i] = (int16_t)fpc_get_u16(q + 16);
				}
		}
		free(p);
		if (err) {
			rc = err;
			break;
		}
	}
	fpc_reader_close(&r);
	if (rc == 0 && !t->cr)
		rc = FPC_ERR_FORMAT;
	if (rc) {
		fpc_truth_release(t);
		return rc;
	}
	return 0;
}

int fpc_truth_cache_store(const char *path, const struct fpc_kdata *kd,
			  const struct fpc_truth *t)
{
	struct fpc_writer w;
	unsigned char key[128], v[TVAL_WIDTH];
	char dir[4096];
	const char *slash = strrchr(path, '/');
	int err;

	if (slash && (size_t)(slash - path) < sizeof(dir)) {
		memcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = 0;
		if (*dir && (err = make_dirs(dir)))
			return err;
	}
	if ((err = fpc_writer_open(&w, path, FPC_KIND_TRUTH)))
		return err;
	fpc_writer_section(&w, "TKEY", key, tkey(key, sizeof(key)));
	fpc_kdata_write(&w, kd, 0);
	fpc_writer_begin(&w, "TVAL", (uint64_t)t->n * TVAL_WIDTH);
	for (uint32_t i = 0; i < t->n; i++) {
		uint64_t o;
		memcpy(&o, &t->off[i], sizeof(o));
		fpc_put_u64(v, t->cr[i]);
		fpc_put_u64(v + 8, o);
		fpc_put_u16(v + 16, (uint16_t)t->ue[i]);
		fpc_writer_write(&w, v, sizeof(v));
	}
	fpc_writer_end(&w);
	if (w.err) {
		err = w.err;
		fpc_writer_abort(&w);
		return err;
	}
	return fpc_writer_commit(&w);
}
