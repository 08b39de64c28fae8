/*
 * Merging the records of a sharded run (see fpcheck/merge.h): the
 * shards' kernels laid end to end, in shard order, give the record the
 * unsharded run would have written.
 */
#include "fpcheck/merge.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fpcheck/container.h"
#include "fpcheck/error.h"
#include "fpcheck/kdata.h"
#include "fpcheck/prov.h"

/* Provenance that may differ between the shards of one run. */
static int per_shard(const char *key)
{
	return !strcmp(key, "time") || !strcmp(key, "os") ||
	       !strcmp(key, "shard") || !strcmp(key, "corpus.hash");
}

/* "I/N" of a shard's provenance (1 <= I <= N), or -1. */
static int shard_of(const struct fpc_prov *p, unsigned *i, unsigned *n)
{
	const char *s = fpc_prov_get(p, "shard");
	char tail;

	if (!s || sscanf(s, "%u/%u%c", i, n, &tail) != 2 || !*i || *i > *n)
		return -1;
	return 0;
}

/* The merged record's provenance: shard 1's, without the shard key and
 * with the whole corpus's hash. */
static int merged_prov(const struct fpc_prov *first, struct fpc_prov *out)
{
	const char *full = fpc_prov_get(first, "shard.corpus");
	int err = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; !err && i < first->n; i++) {
		const char *k = first->key[i], *v = first->val[i];
		if (!strcmp(k, "shard") || !strcmp(k, "shard.corpus"))
			continue;
		if (!strcmp(k, "corpus.hash") && full)
			v = full;
		err = fpc_prov_set(out, k, v);
	}
	return err;
}

/* Appends b's inputs, outputs and flags to a. */
static int append(struct fpc_kdata *a, const struct fpc_kdata *b)
{
	uint32_t n = a->n + b->n;

	for (unsigned k = 0; k < a->arity; k++) {
		uint64_t *in =
		    realloc(a->in[k], (n ? n : 1) * sizeof(uint64_t));
		if (!in)
			return FPC_ERR_NOMEM;
		a->in[k] = in;
		memcpy(in + a->n, b->in[k], b->n * sizeof(uint64_t));
	}
	{
		uint64_t *out = realloc(a->out, (n ? n : 1) * sizeof(uint64_t));
		uint8_t *fl;
		if (!out)
			return FPC_ERR_NOMEM;
		a->out = out;
		memcpy(out + a->n, b->out, b->n * sizeof(uint64_t));
		if (!(fl = realloc(a->flags, n ? n : 1)))
			return FPC_ERR_NOMEM;
		a->flags = fl;
		memcpy(fl + a->n, b->flags, b->n);
	}
	a->n = n;
	return 0;
}

/* The shards of a run, opened, and by shard number (shard I at I - 1). */
struct shards {
	size_t n, opened; /* opened: to be closed, whatever follows */
	struct fpc_record *rec;
	struct fpc_record **order;
	const char **opath;
};

/* Opens paths[0..n) into s, ordered by shard number: they must be shards
 * 1/n to n/n, each once. */
static int open_shards(struct shards *s, const char *const *paths, char *detail,
		       size_t detail_len)
{
	unsigned total = 0;
	int err;

	for (size_t k = 0; k < s->n; k++) {
		unsigned i, m;
		if ((err = fpc_record_open(&s->rec[k], paths[k]))) {
			fpc_error_detail(detail, detail_len, paths[k], err,
					 errno);
			return err;
		}
		s->opened = k + 1;
		if (shard_of(&s->rec[k].prov, &i, &m)) {
			snprintf(detail, detail_len,
				 "%s: not a shard (no 'shard: I/N' in its "
				 "provenance)",
				 paths[k]);
			return FPC_ERR_ARG;
		}
		if (!total)
			total = m;
		if (m != total || m != s->n || s->order[i - 1]) {
			snprintf(detail, detail_len,
				 "%s is shard %u/%u: the shards given must be "
				 "1/%zu to %zu/%zu, each once",
				 paths[k], i, m, s->n, s->n, s->n);
			return FPC_ERR_ARG;
		}
		s->order[i - 1] = &s->rec[k];
		s->opath[i - 1] = paths[k];
	}
	return 0;
}

/* One run: the same build, platform and corpus everywhere (with force,
 * the CPU may differ). */
static int check_one_run(const struct shards *s, int force, char *detail,
			 size_t detail_len)
{
	const struct fpc_prov *first = &s->order[0]->prov;
	size_t n = s->n;

	for (size_t k = 1; k < n; k++)
		for (size_t i = 0; i < first->n; i++) {
			const char *key = first->key[i];
			const char *a = first->val[i];
			const char *b = fpc_prov_get(&s->order[k]->prov, key);
			char sk[128], sa[256], sb[256];
			if (per_shard(key) || (b && !strcmp(a, b)) ||
			    (force && !strcmp(key, "cpu")))
				continue;
			/* The shards' bytes, shown without controls. */
			snprintf(
			    detail, detail_len,
			    "shards 1/%zu and %zu/%zu differ in '%s' ('%s' "
			    "against '%s'): not one run%s",
			    n, k + 1, n, fpc_prov_show(sk, sizeof(sk), key),
			    fpc_prov_show(sa, sizeof(sa), a),
			    fpc_prov_show(sb, sizeof(sb), b ? b : "(none)"),
			    strcmp(key, "cpu") ? ""
					       : "; --force merges "
						 "shards run on different "
						 "CPUs");
			return FPC_ERR_MISMATCH;
		}
	return 0;
}

/* Appends shard k's next kernel to all, shard 1's next kernel (rc: 1, or
 * 0 when it has none): shard k must have the same kernel, or none too. */
static int append_shard(const struct shards *s, size_t k, int rc,
			struct fpc_kdata *all, char *detail, size_t detail_len)
{
	struct fpc_kdata part;
	int rs = fpc_record_next(s->order[k], &part), err = 0;

	if (rs < 0) {
		fpc_error_detail(detail, detail_len, s->opath[k], rs, errno);
		return rs;
	}
	if (rs != rc || (rc > 0 && (strcmp(part.name, all->name) ||
				    part.arity != all->arity ||
				    part.in_format != all->in_format ||
				    part.out_format != all->out_format))) {
		snprintf(detail, detail_len,
			 "%s (shard %zu/%zu) has %s where shard 1 has %s",
			 s->opath[k], k + 1, s->n,
			 rs ? part.name : "no more kernels",
			 rc ? all->name : "no more kernels");
		err = FPC_ERR_MISMATCH;
	} else if (rc > 0) {
		err = append(all, &part);
	}
	if (rs > 0)
		fpc_kdata_release(&part);
	return err;
}

/* The next kernel of every shard, laid end to end into all: returns 1,
 * 0 when the shards have no more kernels, or an error (all released). */
static int next_kernel(const struct shards *s, struct fpc_kdata *all,
		       char *detail, size_t detail_len)
{
	int rc = fpc_record_next(s->order[0], all), err;

	if (rc < 0) {
		fpc_error_detail(detail, detail_len, s->opath[0], rc, errno);
		return rc;
	}
	if (rc > 0 && s->order[0]->repeat.valid) {
		fpc_kdata_release(all);
		snprintf(detail, detail_len,
			 "%s: shards of a --repeat run cannot be merged",
			 s->opath[0]);
		return FPC_ERR_FORMAT;
	}
	for (size_t k = 1; k < s->n; k++)
		if ((err = append_shard(s, k, rc, all, detail, detail_len))) {
			if (rc > 0)
				fpc_kdata_release(all);
			return err;
		}
	return rc;
}

/* Writes the merged record at out, atomically: prov, then the shards'
 * kernels laid end to end. */
static int write_merged(const struct shards *s, const struct fpc_prov *prov,
			const char *out, char *detail, size_t detail_len)
{
	struct fpc_writer w;
	struct fpc_kdata all;
	int rc = 0, err, e;

	if ((err = fpc_writer_open(&w, out, FPC_KIND_RECORD))) {
		if (err == FPC_ERR_IO)
			snprintf(detail, detail_len, "cannot create '%s': %s",
				 out, strerror(errno));
		else
			fpc_error_detail(detail, detail_len, out, err, errno);
		return err;
	}
	err = fpc_prov_write(&w, prov);
	e = errno;
	while (!err && (rc = next_kernel(s, &all, detail, detail_len)) > 0) {
		err = fpc_kdata_write(&w, &all, 1);
		e = errno;
		fpc_kdata_release(&all);
	}
	/* A writer's error is the output's, said here with its errno; a
	 * shard's, next_kernel said. */
	if (err)
		fpc_error_detail(detail, detail_len, out, err, e);
	else if (rc < 0)
		err = rc;
	if (err) {
		fpc_writer_abort(&w);
		return err;
	}
	if ((err = fpc_writer_commit(&w)))
		fpc_error_detail(detail, detail_len, out, err, errno);
	return err;
}

int fpc_merge_shards(const char *const *paths, size_t n, const char *out,
		     int force, char *detail, size_t detail_len)
{
	struct shards s = {n, 0, calloc(n ? n : 1, sizeof(*s.rec)),
			   calloc(n ? n : 1, sizeof(*s.order)),
			   calloc(n ? n : 1, sizeof(*s.opath))};
	struct fpc_prov prov = {0};
	int err;

	*detail = 0;
	if (!s.rec || !s.order || !s.opath)
		err = FPC_ERR_NOMEM;
	else if (!(err = open_shards(&s, paths, detail, detail_len)) &&
		 !(err = check_one_run(&s, force, detail, detail_len)) &&
		 !(err = merged_prov(&s.order[0]->prov, &prov)))
		err = write_merged(&s, &prov, out, detail, detail_len);
	fpc_prov_release(&prov);
	for (size_t k = 0; k < s.opened; k++)
		fpc_record_close(&s.rec[k]);
	free(s.rec);
	free(s.order);
	free(s.opath);
	return err;
}
