/*
 * KERN section codec (see kdata.h).  C99 and the C library only.
 */
#include "fpcheck/kdata.h"

#include <stdlib.h>
#include <string.h>

#include "fpcheck/error.h"

/* name length (u16) + name + in_format, out_format, arity, reserved + n */
#define KERN_FIXED(namelen) (2u + (namelen) + 4u + 4u)

unsigned fpc_format_width(unsigned format)
{
	switch (format) {
	case FPC_FMT_BINARY32:
		return 4;
	case FPC_FMT_BINARY64:
		return 8;
	default:
		return 0;
	}
}

int fpc_kdata_alloc(struct fpc_kdata *k, int with_outputs)
{
	size_t n = k->n ? k->n : 1;

	for (unsigned a = 0; a < k->arity; a++)
		if (!(k->in[a] = calloc(n, sizeof(uint64_t))))
			goto fail;
	if (with_outputs && (!(k->out = calloc(n, sizeof(uint64_t))) ||
			     !(k->flags = calloc(n, 1))))
		goto fail;
	return 0;
fail:
	fpc_kdata_release(k);
	return FPC_ERR_NOMEM;
}

void fpc_kdata_release(struct fpc_kdata *k)
{
	for (unsigned a = 0; a < FPC_MAX_ARITY; a++)
		free(k->in[a]);
	free(k->out);
	free(k->flags);
	memset(k, 0, sizeof(*k));
}

static void get_values(struct fpc_cursor *c, uint64_t *v, uint32_t n,
		       unsigned width)
{
	const unsigned char *p = fpc_cursor_take(c, (uint64_t)n * width);

	if (!p)
		return;
	for (uint32_t i = 0; i < n; i++, p += width)
		v[i] = width == 4 ? fpc_get_u32(p) : fpc_get_u64(p);
}

int fpc_kdata_name_ok(const char *name, size_t len)
{
	/* Explicit ranges, not <ctype.h>: the locale must not widen them. */
	if (!len || len > FPC_NAME_MAX || (name[0] >= '0' && name[0] <= '9'))
		return 0;
	for (size_t i = 0; i < len; i++) {
		char ch = name[i];
		if (!(ch >= 'a' && ch <= 'z') && !(ch >= 'A' && ch <= 'Z') &&
		    !(ch >= '0' && ch <= '9') && ch != '_')
			return 0;
	}
	return 1;
}

int fpc_kdata_decode(struct fpc_kdata *k, const unsigned char *p, uint64_t len,
		     int with_outputs)
{
	struct fpc_cursor c;
	const unsigned char *name;
	unsigned namelen, wi, wo;
	uint64_t need;
	int err;

	memset(k, 0, sizeof(*k));
	fpc_cursor_init(&c, p, len);
	namelen = fpc_cursor_u16(&c);
	name = fpc_cursor_take(&c, namelen);
	k->in_format = fpc_cursor_u8(&c);
	k->out_format = fpc_cursor_u8(&c);
	k->arity = fpc_cursor_u8(&c);
	(void)fpc_cursor_u8(&c); /* reserved */
	k->n = fpc_cursor_u32(&c);
	wi = fpc_format_width(k->in_format);
	wo = fpc_format_width(k->out_format);
	if (c.bad || namelen == 0 || namelen > FPC_NAME_MAX || !wi || !wo ||
	    k->arity < 1 || k->arity > FPC_MAX_ARITY)
		goto bad;
	if (!fpc_kdata_name_ok((const char *)name, namelen)) {
		fpc_kdata_release(k);
		return FPC_ERR_NAME;
	}
	/* The exact payload size follows from the header: check before
	 * allocating, so a corrupt count cannot ask for gigabytes. */
	need = (uint64_t)k->n * (k->arity * wi + (with_outputs ? wo + 1 : 0));
	if (need != c.left)
		goto bad;
	memcpy(k->name, name, namelen);
	k->name[namelen] = 0;
	if ((err = fpc_kdata_alloc(k, with_outputs)))
		return err;
	for (unsigned a = 0; a < k->arity; a++)
		get_values(&c, k->in[a], k->n, wi);
	if (with_outputs) {
		const unsigned char *f;
		get_values(&c, k->out, k->n, wo);
		if ((f = fpc_cursor_take(&c, k->n)))
			memcpy(k->flags, f, k->n);
	}
	if (c.bad || c.left)
		goto bad;
	return 0;
bad:
	fpc_kdata_release(k);
	return FPC_ERR_FORMAT;
}

static int put_values(struct fpc_writer *w, const uint64_t *v, uint32_t n,
		      unsigned width)
{
	unsigned char buf[4096];
	size_t used = 0;

	for (uint32_t i = 0; i < n; i++) {
		if (width == 4)
			fpc_put_u32(buf + used, (uint32_t)v[i]);
		else
			fpc_put_u64(buf + used, v[i]);
		used += width;
		if (used == sizeof(buf)) {
			if (fpc_writer_write(w, buf, used))
				return w->err;
			used = 0;
		}
	}
	return fpc_writer_write(w, buf, used);
}

int fpc_kdata_write(struct fpc_writer *w, const struct fpc_kdata *k,
		    int with_outputs)
{
	unsigned char head[KERN_FIXED(FPC_NAME_MAX)];
	size_t namelen = strlen(k->name);
	unsigned wi = fpc_format_width(k->in_format);
	unsigned wo = fpc_format_width(k->out_format);
	uint64_t len;

	if (!namelen || namelen > FPC_NAME_MAX || !wi || !wo || k->arity < 1 ||
	    k->arity > FPC_MAX_ARITY)
		return FPC_ERR_ARG;
	if (!fpc_kdata_name_ok(k->name, namelen))
		return FPC_ERR_NAME;
	fpc_put_u16(head, (uint16_t)namelen);
	memcpy(head + 2, k->name, namelen);
	head[2 + namelen] = k->in_format;
	head[3 + namelen] = k->out_format;
	head[4 + namelen] = k->arity;
	head[5 + namelen] = 0;
	fpc_put_u32(head + 6 + namelen, k->n);
	len = KERN_FIXED(namelen) +
	      (uint64_t)k->n * (k->arity * wi + (with_outputs ? wo + 1 : 0));
	if (fpc_writer_begin(w, "KERN", len) ||
	    fpc_writer_write(w, head, KERN_FIXED(namelen)))
		return w->err;
	for (unsigned a = 0; a < k->arity; a++)
		if (put_values(w, k->in[a], k->n, wi))
			return w->err;
	if (with_outputs && (put_values(w, k->out, k->n, wo) ||
			     fpc_writer_write(w, k->flags, k->n)))
		return w->err;
	return fpc_writer_end(w);
}

uint64_t fpc_kdata_hash(uint64_t h, const struct fpc_kdata *k)
{
	unsigned char b[8];
	unsigned w = fpc_format_width(k->in_format);

	h = fpc_fnv1a64(h, k->name, strlen(k->name) + 1);
	b[0] = k->in_format;
	b[1] = k->out_format;
	b[2] = k->arity;
	fpc_put_u32(b + 3, k->n);
	h = fpc_fnv1a64(h, b, 7);
	for (unsigned a = 0; a < k->arity; a++)
		for (uint32_t i = 0; i < k->n; i++) {
			fpc_put_u64(b, k->in[a][i]);
			h = fpc_fnv1a64(h, b, w);
		}
	return h;
}

int fpc_kdata_same_inputs(const struct fpc_kdata *a, const struct fpc_kdata *b)
{
	if (a->in_format != b->in_format || a->arity != b->arity ||
	    a->n != b->n)
		return 0;
	for (unsigned i = 0; i < a->arity; i++)
		if (a->n && memcmp(a->in[i], b->in[i], a->n * sizeof(uint64_t)))
			return 0;
	return 1;
}
