/*
 * Merging the records of a sharded run (see fpcheck/merge.h): the
 * shards' kernels laid end to end, in shard order, give the record the
 * unsharded run would have written.
 */
#include "fpcheck/merge.h"

#include <stdlib.h>
#include <string.h>

#include "fpcheck/container.h"
#include "fpcheck/error.h"
#include "fpcheck/kdata.h"

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

	memset(out, 0, sizeof(*out));
	out->key = calloc(first->n + 1, sizeof(char *));
	out->val = calloc(first->n + 1, sizeof(char *));
	if (!out->key || !out->val)
		return FPC_ERR_NOMEM;
	for (size_t i = 0; i < first->n; i++) {
		const char *k = first->key[i], *v = first->val[i];
		if (!strcmp(k, "shard") || !strcmp(k, "shard.corpus"))
			continue;
		if (!strcmp(k, "corpus.hash") && full)
			v = full;
		if (!(out->key[out->n] = strdup(k)) ||
		    !(out->val[out->n] = strdup(v)))
			return FPC_ERR_NOMEM;
		out->n++;
	}
	return 0;
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

int fpc_merge_shards(const char *const *paths, size_t n, const char *out,
		     int force, char *detail, size_t detail_len)
{
	struct fpc_record *rec = calloc(n ? n : 1, sizeof(*rec));
	struct fpc_record **order = calloc(n ? n : 1, sizeof(*order));
	const char **opath = calloc(n ? n : 1, sizeof(*opath));
	struct fpc_prov prov = {0};
	struct fpc_writer w;
	unsigned total = 0;
	int err = 0, writing = 0;
	size_t opened = 0;

	*detail = 0;
	if (!rec || !order || !opath) {
		err = FPC_ERR_NOMEM;
		goto out;
	}
	for (size_t s = 0; s < n; s++) {
		unsigned i, m;
		if ((err = fpc_record_open(&rec[s], paths[s]))) {
			snprintf(detail, detail_len, "%s: %s", paths[s],
				 fpc_strerror(err));
			goto out;
		}
		opened = s + 1; /* to be closed, whatever follows */
		if (shard_of(&rec[s].prov, &i, &m)) {
			snprintf(detail, detail_len,
				 "%s: not a shard (no 'shard: I/N' in its "
				 "provenance)",
				 paths[s]);
			err = FPC_ERR_ARG;
			goto out;
		}
		if (!total)
			total = m;
		if (m != total || m != n || order[i - 1]) {
			snprintf(detail, detail_len,
				 "%s is shard %u/%u: the shards given must be "
				 "1/%zu to %zu/%zu, each once",
				 paths[s], i, m, n, n, n);
			err = FPC_ERR_ARG;
			goto out;
		}
		order[i - 1] = &rec[s];
		opath[i - 1] = paths[s];
	}
	/* One run: the same build, platform and corpus everywhere. */
	for (size_t s = 1; s < n; s++)
		for (size_t k = 0; k < order[0]->prov.n; k++) {
			const char *key = order[0]->prov.key[k];
			const char *a = order[0]->prov.val[k];
			const char *b = fpc_prov_get(&order[s]->prov, key);
			if (per_shard(key) || (b && !strcmp(a, b)) ||
			    (force && !strcmp(key, "cpu")))
				continue;
			snprintf(
			    detail, detail_len,
			    "shards 1/%zu and %zu/%zu differ in '%s' ('%s' "
			    "against '%s'): not one run%s",
			    n, s + 1, n, key, a, b ? b : "(none)",
			    strcmp(key, "cpu") ? ""
					       : "; --force merges "
						 "shards run on different "
						 "CPUs");
			err = FPC_ERR_MISMATCH;
			goto out;
		}
	if ((err = merged_prov(&order[0]->prov, &prov)))
		goto out;
	if ((err = fpc_writer_open(&w, out, FPC_KIND_RECORD))) {
		snprintf(detail, detail_len, "%s: %s", out, fpc_strerror(err));
		goto out;
	}
	writing = 1;
	if ((err = fpc_prov_write(&w, &prov)))
		goto out;
	for (;;) {
		struct fpc_kdata all, part;
		int rc = fpc_record_next(order[0], &all);

		if (rc < 0 || (rc > 0 && order[0]->repeat.valid)) {
			if (rc > 0)
				fpc_kdata_release(&all);
			err = rc < 0 ? rc : FPC_ERR_FORMAT;
			snprintf(detail, detail_len, "%s: %s", opath[0],
				 rc < 0 ? fpc_strerror(rc)
					: "shards of a --repeat run cannot be "
					  "merged");
			goto out;
		}
		for (size_t s = 1; s < n; s++) {
			int rs = fpc_record_next(order[s], &part);
			if (rs < 0)
				snprintf(detail, detail_len, "%s: %s", opath[s],
					 fpc_strerror(rs));
			else if (rs != rc ||
				 (rc > 0 &&
				  (strcmp(part.name, all.name) ||
				   part.arity != all.arity ||
				   part.in_format != all.in_format ||
				   part.out_format != all.out_format)))
				snprintf(
				    detail, detail_len,
				    "%s (shard %zu/%zu) has %s where shard "
				    "1 has %s",
				    opath[s], s + 1, n,
				    rs ? part.name : "no more kernels",
				    rc ? all.name : "no more kernels");
			if (*detail) {
				if (rs > 0)
					fpc_kdata_release(&part);
				if (rc > 0)
					fpc_kdata_release(&all);
				err = rs < 0 ? rs : FPC_ERR_MISMATCH;
				goto out;
			}
			if (rc > 0) {
				err = append(&all, &part);
				fpc_kdata_release(&part);
				if (err) {
					fpc_kdata_release(&all);
					goto out;
				}
			}
		}
		if (!rc)
			break;
		err = fpc_kdata_write(&w, &all, 1);
		fpc_kdata_release(&all);
		if (err)
			goto out;
	}
	err = fpc_writer_commit(&w);
	writing = 0;
	if (err)
		snprintf(detail, detail_len, "%s: %s", out, fpc_strerror(err));
out:
	if (writing)
		fpc_writer_abort(&w);
	fpc_prov_release(&prov);
	for (size_t s = 0; s < opened && rec; s++)
		fpc_record_close(&rec[s]);
	free(rec);
	free(order);
	free(opath);
	return err;
}
