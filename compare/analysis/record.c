/*
 * Record reader (see fpcheck/record.h).  The runner writes records; this
 * is the only place the library reads them.
 */
#include "fpcheck/record.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fpcheck/error.h"
#include "fpcheck/catalog.h"
#include "kernels/reduce.h"

int fpc_record_open(struct fpc_record *rec, const char *path)
{
	unsigned char *p;
	uint64_t len;
	char type[5];
	int err;

	memset(rec, 0, sizeof(*rec));
	if ((err = fpc_reader_open(&rec->r, path, FPC_KIND_RECORD)))
		return err;
	err = fpc_reader_next(&rec->r, type, &p, &len);
	if (err == 1)
		err = strcmp(type, "PROV")
			  ? FPC_ERR_FORMAT
			  : fpc_prov_decode(&rec->prov, p, len);
	else if (err == 0)
		err = FPC_ERR_FORMAT; /* a record has provenance */
	free(p);
	if (err) {
		fpc_record_close(rec);
		return err;
	}
	return 0;
}

/* Decodes a REPT payload (docs/record-format.md). */
static int repeat_decode(struct fpc_repeat *r, const unsigned char *p,
			 uint64_t len)
{
	struct fpc_cursor c;
	uint16_t nl;

	memset(r, 0, sizeof(*r));
	fpc_cursor_init(&c, p, len);
	nl = fpc_cursor_u16(&c);
	if (c.bad || nl == 0 || nl > FPC_NAME_MAX || c.left < nl)
		return FPC_ERR_FORMAT;
	memcpy(r->name, c.p, nl);
	c.p += nl;
	c.left -= nl;
	r->runs = fpc_cursor_u32(&c);
	r->nvaried = fpc_cursor_u32(&c);
	r->max_distinct = fpc_cursor_u32(&c);
	r->nlisted = fpc_cursor_u32(&c);
	if (c.bad || r->runs < 2 || r->nlisted > FPC_REPEAT_LIST ||
	    r->nlisted > r->nvaried || (r->nvaried && r->max_distinct < 2) ||
	    r->max_distinct > r->runs)
		return FPC_ERR_FORMAT;
	for (uint32_t j = 0; j < r->nlisted; j++) {
		r->index[j] = fpc_cursor_u32(&c);
		r->distinct[j] = fpc_cursor_u32(&c);
		if (r->distinct[j] < 2 || r->distinct[j] > r->max_distinct)
			c.bad = 1;
	}
	if (c.bad || c.left)
		return FPC_ERR_FORMAT;
	r->valid = 1;
	return 0;
}

/* fpcheck's own kernels come in its table's order, each once (users'
 * functions anywhere); FPC_ERR_FORMAT when k breaks it. */
static int check_order(struct fpc_record *rec, const struct fpc_kdata *k)
{
	const struct fpc_kernel *kernel = fpc_kernel_find(k->name);

	if (!kernel)
		return 0;
	if (fpc_kernel_index(kernel) < rec->next_builtin) {
		snprintf(rec->why, sizeof(rec->why),
			 "kernel '%s' is out of order or repeated", k->name);
		return FPC_ERR_FORMAT;
	}
	rec->next_builtin = fpc_kernel_index(kernel) + 1;
	return 0;
}

/* A vector as one sortable key: format, distribution, length and seed
 * side by side (2 + 2 + 21 + 24 bits). */
static uint64_t vector_key(unsigned fmt, unsigned dist, uint32_t n,
			   uint32_t seed)
{
	return (uint64_t)fmt << 47 | (uint64_t)dist << 45 | (uint64_t)n << 24 |
	       seed;
}

/* Notes vector key, of n terms, as one the record holds.  Returns 0,
 * FPC_ERR_LIMIT past the record's limits, or FPC_ERR_NOMEM. */
static int note_vector(struct fpc_record *rec, uint64_t key, uint32_t n)
{
	size_t lo = 0, hi = rec->nvectors;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rec->vectors[mid] == key)
			return 0;
		if (rec->vectors[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (rec->nvectors == FPC_REDUCE_MAX_VECTORS ||
	    rec->terms + n > FPC_REDUCE_MAX_TERMS)
		return FPC_ERR_LIMIT;
	if (!rec->vectors &&
	    !(rec->vectors = malloc(FPC_REDUCE_MAX_VECTORS * sizeof(uint64_t))))
		return FPC_ERR_NOMEM;
	memmove(rec->vectors + lo + 1, rec->vectors + lo,
		(rec->nvectors - lo) * sizeof(uint64_t));
	rec->vectors[lo] = key;
	rec->nvectors++;
	rec->terms += n;
	return 0;
}

/*
 * The inputs of a built-in reduction kernel must be vector descriptors
 * within the limits of fpcheck/kernels/reduce.h: checked as the kernel is
 * read, before anything regenerates a vector from them.  Other kernels,
 * and a reduction kernel of the wrong shape (which its readers name),
 * pass.  Returns 0, FPC_ERR_FORMAT, FPC_ERR_LIMIT (rec->why says why) or
 * FPC_ERR_NOMEM.
 */
static int check_reduction(struct fpc_record *rec, const struct fpc_kdata *k)
{
	const struct fpc_kernel *kernel = fpc_kernel_find(k->name);
	uint64_t terms = 0;

	if (!kernel || kernel->fn->family != FPC_FAMILY_REDUCE ||
	    k->arity != 3 || k->in_format != kernel->format)
		return 0;
	if (k->n > FPC_REDUCE_MAX_INPUTS) {
		snprintf(rec->why, sizeof(rec->why),
			 "kernel '%s': more than %d vectors, the limit of one "
			 "kernel",
			 k->name, FPC_REDUCE_MAX_INPUTS);
		return FPC_ERR_LIMIT;
	}
	for (uint32_t i = 0; i < k->n; i++) {
		uint64_t args[3] = {k->in[0][i], k->in[1][i], k->in[2][i]};
		uint32_t n, seed;
		unsigned dist;
		int err;

		if (fpc_reduce_desc(k->in_format, args, &n, &dist, &seed)) {
			snprintf(rec->why, sizeof(rec->why),
				 "kernel '%s': input %lu is no vector "
				 "descriptor (integers: length 1 to %lu, "
				 "distribution 0 to %d, seed below 2^24)",
				 k->name, (unsigned long)i,
				 (unsigned long)FPC_REDUCE_MAX_N,
				 FPC_DIST_COUNT - 1);
			return FPC_ERR_FORMAT;
		}
		if ((terms += n) > FPC_REDUCE_MAX_TERMS) {
			snprintf(rec->why, sizeof(rec->why),
				 "kernel '%s': its vectors total more than "
				 "%lu terms, the limit of one kernel",
				 k->name, (unsigned long)FPC_REDUCE_MAX_TERMS);
			return FPC_ERR_LIMIT;
		}
		err = note_vector(rec, vector_key(k->in_format, dist, n, seed),
				  n);
		if (err == FPC_ERR_LIMIT)
			snprintf(rec->why, sizeof(rec->why),
				 "kernel '%s': the record's distinct vectors "
				 "number more than %d or total more than %lu "
				 "terms",
				 k->name, FPC_REDUCE_MAX_VECTORS,
				 (unsigned long)FPC_REDUCE_MAX_TERMS);
		if (err)
			return err;
	}
	return 0;
}

int fpc_record_next(struct fpc_record *rec, struct fpc_kdata *k)
{
	unsigned char *p;
	uint64_t len;
	char type[5];
	int rc;

	memset(k, 0, sizeof(*k));
	memset(&rec->repeat, 0, sizeof(rec->repeat));
	/* Sections of types this version does not know are skipped. */
	while ((rc = fpc_reader_next(&rec->r, type, &p, &len)) > 0) {
		if (!strcmp(type, "REPT")) {
			rc = repeat_decode(&rec->repeat, p, len);
			free(p);
			if (rc)
				return rc;
			continue;
		}
		if (!strcmp(type, "KERN")) {
			rc = fpc_kdata_decode(k, p, len, 1);
			free(p);
			if (rc)
				return rc;
			/* A REPT section describes the kernel after it. */
			if (rec->repeat.valid &&
			    strcmp(rec->repeat.name, k->name))
				rc = FPC_ERR_FORMAT;
			if (!rc && rec->repeat.valid &&
			    rec->repeat.nvaried > k->n)
				rc = FPC_ERR_FORMAT;
			for (uint32_t j = 0; !rc && j < rec->repeat.nlisted;
			     j++)
				if (rec->repeat.index[j] >= k->n)
					rc = FPC_ERR_FORMAT;
			if (!rc)
				rc = check_order(rec, k);
			if (!rc)
				rc = check_reduction(rec, k);
			if (rc) {
				fpc_kdata_release(k);
				return rc;
			}
			rec->nkernels++;
			return 1;
		}
		free(p);
		if (!strcmp(type, "PROV"))
			return FPC_ERR_FORMAT; /* only one, first */
	}
	return rc;
}

typedef char kernel_name[FPC_NAME_MAX + 1];

static int name_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The first name given twice among names[0..n), sorted in place, or
 * NULL. */
static const char *repeated(kernel_name *names, size_t n)
{
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(names[i], names[i - 1]))
			return names[i];
	return NULL;
}

/* Reads every kernel of rec, keeping only their names (*names, grown as
 * needed); 0 at the verified end or the reader's error. */
static int read_names(struct fpc_record *rec, kernel_name **names, size_t *n)
{
	struct fpc_kdata k;
	size_t cap = 0;
	int rc;

	while ((rc = fpc_record_next(rec, &k)) > 0) {
		if (*n == cap) {
			kernel_name *p;
			cap = cap ? 2 * cap : 64;
			if (!(p = realloc(*names, cap * sizeof(*p)))) {
				fpc_kdata_release(&k);
				return FPC_ERR_NOMEM;
			}
			*names = p;
		}
		memcpy((*names)[(*n)++], k.name, sizeof(k.name));
		fpc_kdata_release(&k);
	}
	return rc;
}

int fpc_record_check(const char *path, char *detail, size_t detail_len)
{
	struct fpc_record rec;
	kernel_name *names = NULL;
	size_t n = 0;
	const char *twice;
	int rc, errnum;

	*detail = 0;
	if ((rc = fpc_record_open(&rec, path)))
		return rc;
	rc = read_names(&rec, &names, &n);
	errnum = errno;
	if (rc < 0)
		snprintf(detail, detail_len, "%s", rec.why);
	fpc_record_close(&rec);
	/* fpc_record_next refuses fpcheck's own kernels given twice; this
	 * covers every other name, in time n log n. */
	if (!rc && (twice = repeated(names, n))) {
		snprintf(detail, detail_len, "kernel '%s' is repeated", twice);
		rc = FPC_ERR_FORMAT;
	}
	free(names);
	errno = errnum; /* the cause of FPC_ERR_IO, past fclose */
	return rc;
}

void fpc_record_close(struct fpc_record *rec)
{
	fpc_reader_close(&rec->r);
	fpc_prov_release(&rec->prov);
	free(rec->vectors);
	memset(rec, 0, sizeof(*rec));
}

const struct fpc_kernel *fpc_record_kernel(const char *path, const char *name)
{
	const struct fpc_kernel *k = fpc_kernel_find(name);
	struct fpc_record rec;

	if (k || fpc_record_open(&rec, path))
		return k;
	k = fpc_kernel_for(&rec.prov, name);
	fpc_record_close(&rec);
	return k;
}
