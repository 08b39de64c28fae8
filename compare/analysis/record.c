/*
 * Record reader (see fpcheck/record.h).  The runner writes records; this
 * is the only place the library reads them.
 */
#include "fpcheck/record.h"

#include <stdint.h>

#include <stdlib.h>
#include <string.h>

#include "fpcheck/error.h"
#include "fpcheck/catalog.h"

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

void fpc_record_close(struct fpc_record *rec)
{
	fpc_reader_close(&rec->r);
	fpc_prov_release(&rec->prov);
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
