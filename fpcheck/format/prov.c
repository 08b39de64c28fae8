/*
 * Provenance (see fpcheck/prov.h): the PROV section's builder and codec,
 * shared by the runner, merge and the record reader.
 */
#include "fpcheck/prov.h"

#include <stdlib.h>
#include <string.h>

#include "fpcheck/error.h"

/*
 * Where key is or belongs in p's key order: *at is a position in
 * p->sorted (the pairs' indices in strcmp order).  Returns the pair's
 * index, or -1 when p has no such key.  A provenance put together by
 * hand, without sorted, is searched pair by pair.
 */
static long find(const struct fpc_prov *p, const char *key, size_t *at)
{
	size_t lo = 0, hi = p->n;

	*at = p->n;
	if (!p->sorted) {
		for (size_t i = 0; i < p->n; i++)
			if (!strcmp(p->key[i], key))
				return (long)i;
		return -1;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(p->key[p->sorted[mid]], key);
		if (!c) {
			*at = mid;
			return (long)p->sorted[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	return -1;
}

const char *fpc_prov_get(const struct fpc_prov *p, const char *key)
{
	size_t at;
	long i = find(p, key, &at);

	return i < 0 ? NULL : p->val[i];
}

const char *fpc_prov_or(const struct fpc_prov *p, const char *key,
			const char *fallback)
{
	const char *v = p ? fpc_prov_get(p, key) : NULL;
	return v ? v : fallback;
}

/* A copy of s, or NULL (strdup is POSIX, not C99). */
static char *copy_string(const char *s)
{
	size_t n = strlen(s) + 1;
	char *out = malloc(n);

	return out ? memcpy(out, s, n) : NULL;
}

/* Room for one more pair (and its place in sorted, when p keeps one, as
 * every provenance built here does from its first pair); 0 or
 * FPC_ERR_NOMEM. */
static int grow(struct fpc_prov *p)
{
	char **key, **val;
	size_t *sorted;

	if (!(key = realloc(p->key, (p->n + 1) * sizeof(char *))))
		return FPC_ERR_NOMEM;
	p->key = key;
	if (!(val = realloc(p->val, (p->n + 1) * sizeof(char *))))
		return FPC_ERR_NOMEM;
	p->val = val;
	if (p->n && !p->sorted)
		return 0;
	if (!(sorted = realloc(p->sorted, (p->n + 1) * sizeof(size_t))))
		return FPC_ERR_NOMEM;
	p->sorted = sorted;
	return 0;
}

int fpc_prov_set(struct fpc_prov *p, const char *key, const char *val)
{
	char *v = copy_string(val), *k = NULL;
	size_t at;
	long i = find(p, key, &at);

	if (!v || (i < 0 && (!(k = copy_string(key)) || grow(p)))) {
		free(v);
		free(k);
		return FPC_ERR_NOMEM;
	}
	if (i >= 0) {
		free(p->val[i]);
		p->val[i] = v;
		return 0;
	}
	if (p->sorted) {
		memmove(p->sorted + at + 1, p->sorted + at,
			(p->n - at) * sizeof(size_t));
		p->sorted[at] = p->n;
	}
	p->key[p->n] = k;
	p->val[p->n++] = v;
	return 0;
}

void fpc_prov_release(struct fpc_prov *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->key[i]);
		free(p->val[i]);
	}
	free(p->key);
	free(p->val);
	free(p->sorted);
	memset(p, 0, sizeof(*p));
}

/*
 * A length-prefixed string (a u16 length for a key, u32 for a value) into
 * *out.  Text holds no NUL: a string with one is malformed, whichever
 * pair it is in, so no pair ever holds a NULL.  Returns 0,
 * FPC_ERR_FORMAT or FPC_ERR_NOMEM.
 */
static int take_string(struct fpc_cursor *c, unsigned width, char **out)
{
	uint64_t n = width == 2 ? fpc_cursor_u16(c) : fpc_cursor_u32(c);
	const unsigned char *s = fpc_cursor_take(c, n);

	*out = NULL;
	if (!s || memchr(s, 0, (size_t)n))
		return FPC_ERR_FORMAT;
	if (!(*out = malloc((size_t)n + 1)))
		return FPC_ERR_NOMEM;
	memcpy(*out, s, (size_t)n);
	(*out)[n] = 0;
	return 0;
}

/* A pair's key and index, sorted by key then index. */
struct keyed {
	const char *key;
	size_t i;
};

static int keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* p->sorted for p's pairs.  Returns 0, FPC_ERR_FORMAT when two pairs
 * share a key (a writer sets each key once, so a reader could not tell
 * which value is meant), or FPC_ERR_NOMEM. */
static int index_pairs(struct fpc_prov *p)
{
	struct keyed *k = malloc((p->n ? p->n : 1) * sizeof(*k));
	int err = 0;

	p->sorted = malloc((p->n ? p->n : 1) * sizeof(size_t));
	if (!k || !p->sorted) {
		free(k);
		return FPC_ERR_NOMEM;
	}
	for (size_t i = 0; i < p->n; i++)
		k[i] = (struct keyed){p->key[i], i};
	if (p->n > 1)
		qsort(k, p->n, sizeof(*k), keyed_cmp);
	for (size_t i = 0; i < p->n; i++) {
		p->sorted[i] = k[i].i;
		if (i && !strcmp(k[i].key, k[i - 1].key))
			err = FPC_ERR_FORMAT;
	}
	free(k);
	return err;
}

int fpc_prov_decode(struct fpc_prov *p, const unsigned char *payload,
		    uint64_t len)
{
	struct fpc_cursor c;
	uint32_t n;
	int err = 0;

	memset(p, 0, sizeof(*p));
	fpc_cursor_init(&c, payload, len);
	n = fpc_cursor_u32(&c);
	/* Each pair takes at least 6 bytes: bound n before allocating. */
	if (c.bad || n > c.left / 6)
		return FPC_ERR_FORMAT;
	if (len > FPC_PROV_MAX_BYTES || n > FPC_PROV_MAX_PAIRS)
		return FPC_ERR_LIMIT;
	p->key = calloc(n ? n : 1, sizeof(char *));
	p->val = calloc(n ? n : 1, sizeof(char *));
	if (!p->key || !p->val)
		err = FPC_ERR_NOMEM;
	for (uint32_t i = 0; !err && i < n; i++) {
		p->n = i + 1; /* what release frees */
		if (!(err = take_string(&c, 2, &p->key[i])))
			err = take_string(&c, 4, &p->val[i]);
	}
	if (!err && (c.bad || c.left))
		err = FPC_ERR_FORMAT;
	if (!err)
		err = index_pairs(p);
	if (err)
		fpc_prov_release(p);
	return err;
}

int fpc_prov_write(struct fpc_writer *w, const struct fpc_prov *p)
{
	uint64_t len = 4;
	unsigned char b[8];

	for (size_t i = 0; i < p->n; i++) {
		size_t kl = strlen(p->key[i]);
		if (kl > UINT16_MAX)
			return FPC_ERR_ARG;
		len += 2 + kl + 4 + strlen(p->val[i]);
	}
	/* Never write what a reader refuses. */
	if (len > FPC_PROV_MAX_BYTES || p->n > FPC_PROV_MAX_PAIRS)
		return FPC_ERR_LIMIT;
	fpc_put_u32(b, (uint32_t)p->n);
	if (fpc_writer_begin(w, "PROV", len) || fpc_writer_write(w, b, 4))
		return w->err;
	for (size_t i = 0; i < p->n; i++) {
		size_t kl = strlen(p->key[i]), vl = strlen(p->val[i]);
		fpc_put_u16(b, (uint16_t)kl);
		fpc_put_u32(b + 2, (uint32_t)vl);
		if (fpc_writer_write(w, b, 2) ||
		    fpc_writer_write(w, p->key[i], kl) ||
		    fpc_writer_write(w, b + 2, 4) ||
		    fpc_writer_write(w, p->val[i], vl))
			return w->err;
	}
	return fpc_writer_end(w);
}

/* ---- shown text --------------------------------------------------------- */

size_t fpc_prov_utf8(const char *s, long *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n, i;
	long c, min;

	*cp = -1;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	/* Lead bytes: 0xc0 and 0xc1 could only start overlong forms, and
	 * 0xf5 and up code points above U+10FFFF. */
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		n = 2, c = u[0] & 0x1f, min = 0x80;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		n = 3, c = u[0] & 0x0f, min = 0x800;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		n = 4, c = u[0] & 0x07, min = 0x10000;
	else
		return 1;
	/* The NUL that ends s is no continuation byte: never read past it. */
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 1;
		c = c << 6 | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 1;
	*cp = c;
	return n;
}

int fpc_prov_unsafe(long cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t fpc_prov_show_unit(const char *s, char out[FPC_PROV_SHOWN_MAX])
{
	static const char hex[] = "0123456789abcdef";
	long cp;
	size_t n = fpc_prov_utf8(s, &cp), i, o = 0;

	if (cp == '\\') {
		memcpy(out, "\\\\", 3);
		return 1;
	}
	for (i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if (!fpc_prov_unsafe(cp)) {
			out[o++] = (char)b;
			continue;
		}
		out[o++] = '\\';
		out[o++] = 'x';
		out[o++] = hex[b >> 4];
		out[o++] = hex[b & 15];
	}
	out[o] = 0;
	return n;
}

char *fpc_prov_show(char *buf, size_t len, const char *s)
{
	char unit[FPC_PROV_SHOWN_MAX];
	size_t used = 0, m;

	while (*s) {
		s += fpc_prov_show_unit(s, unit);
		if ((m = strlen(unit)) >= len - used)
			break;
		memcpy(buf + used, unit, m);
		used += m;
	}
	buf[used] = 0;
	return buf;
}
