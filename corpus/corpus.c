/*
 * Corpus files: writing, reading and verifying them (see corpus.h).
 *
 * A corpus is a container of kind "CORP" (docs/record-format.md):
 *
 *   CINF  u64 corpus hash, u64 seed.  The runner reads these 16 bytes
 *         only; a longer CINF is accepted and the rest ignored, so later
 *         versions may append fields.
 *   then per kernel, in order:
 *   KERN  the kernel's inputs (fpc_kdata_write without outputs)
 *   ORIG  where each input came from: u16 name length, the name, u32 note
 *         count, each note as u16 length and UTF-8 bytes (no NUL), then
 *         one u16 note index per input.
 *
 * The corpus hash is FNV-1a over every kernel in order (fpc_kdata_hash),
 * so it names the inputs exactly: records and truth caches carry it.
 * Sections of other types are skipped wherever they are, as the container
 * format asks; of the known ones, each KERN's next is its ORIG.
 */
#include "fpcheck/corpus.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "corpus_impl.h"
#include "fpcheck/error.h"

/* Every kernel of the table, for the default selection.  The table size
 * is known at compile time from the list both tables are expanded from. */
#define FPC_FUNC(f, arity, m) +2
#define FPC_EXPR(f, n, ed, ef) +2
#define FPC_REDUCE(op, order) +2
#define FPC_RENDER(name, program, spp) +2
enum {
	NKERNELS = 0
#include "kernels/functions.def"
#include "kernels/exprs.def"
#include "kernels/reduce.def"
#include "kernels/render.def"
};
#undef FPC_FUNC
#undef FPC_EXPR
#undef FPC_REDUCE
#undef FPC_RENDER

static const struct fpc_kernel *all_kernels[NKERNELS];
static pthread_once_t all_once = PTHREAD_ONCE_INIT;

static void fill_all(void)
{
	for (size_t i = 0; i < NKERNELS; i++)
		all_kernels[i] = fpc_kernel_at(i);
}

/* The selection is a static table of every kernel, valid for the life of
 * the program. */
void fpc_corpus_options_init(struct fpc_corpus_options *o)
{
	pthread_once(&all_once, fill_all);
	memset(o, 0, sizeof(*o));
	o->seed = FPC_CORPUS_DEFAULT_SEED;
	o->random = FPC_CORPUS_DEFAULT_RANDOM;
	o->kernels = all_kernels;
	o->nkernels = NKERNELS;
}

static void kernel_release(struct fpc_corpus_kernel *k)
{
	fpc_kdata_release(&k->data);
	free(k->origin);
	for (size_t i = 0; i < k->nnotes; i++)
		free(k->notes[i]);
	free(k->notes);
	memset(k, 0, sizeof(*k));
}

/* Frees everything c owns and zeroes it; a zeroed or released corpus (or
 * NULL) may be released again. */
void fpc_corpus_release(struct fpc_corpus *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		kernel_release(&c->k[i]);
	free(c->k);
	memset(c, 0, sizeof(*c));
}

const struct fpc_corpus_kernel *fpc_corpus_find(const struct fpc_corpus *c,
						const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->k[i].data.name, name))
			return &c->k[i];
	return NULL;
}

/* ---- writing --------------------------------------------------------- */

static int write_orig(struct fpc_writer *w, const struct fpc_corpus_kernel *k)
{
	unsigned char b[8];
	size_t namelen = strlen(k->data.name);
	uint64_t len = 2 + namelen + 4 + 2 * (uint64_t)k->data.n;

	if (k->nnotes > FPC_CORPUS_NOTES_MAX)
		return FPC_ERR_ARG;
	for (size_t i = 0; i < k->nnotes; i++) {
		size_t nl = strlen(k->notes[i]);
		if (nl > 0xffff)
			return FPC_ERR_ARG;
		len += 2 + nl;
	}
	fpc_put_u16(b, (uint16_t)namelen);
	if (fpc_writer_begin(w, "ORIG", len) || fpc_writer_write(w, b, 2) ||
	    fpc_writer_write(w, k->data.name, namelen))
		return w->err;
	fpc_put_u32(b, (uint32_t)k->nnotes);
	if (fpc_writer_write(w, b, 4))
		return w->err;
	for (size_t i = 0; i < k->nnotes; i++) {
		size_t nl = strlen(k->notes[i]);
		fpc_put_u16(b, (uint16_t)nl);
		if (fpc_writer_write(w, b, 2) ||
		    fpc_writer_write(w, k->notes[i], nl))
			return w->err;
	}
	for (uint32_t i = 0; i < k->data.n; i++) {
		if (k->origin[i] >= k->nnotes)
			return w->err = FPC_ERR_ARG;
		fpc_put_u16(b, k->origin[i]);
		if (fpc_writer_write(w, b, 2))
			return w->err;
	}
	return fpc_writer_end(w);
}

/* Through a temporary file renamed into place (fpc_writer_commit), so a
 * failed write leaves path as it was.  FPC_ERR_ARG if a kernel has more
 * notes than a u16 indexes or an origin out of range. */
int fpc_corpus_write(const struct fpc_corpus *c, const char *path)
{
	struct fpc_writer w;
	unsigned char cinf[16];
	int err;

	if ((err = fpc_writer_open(&w, path, FPC_KIND_CORPUS)))
		return err;
	fpc_put_u64(cinf, c->hash);
	fpc_put_u64(cinf + 8, c->seed);
	err = fpc_writer_section(&w, "CINF", cinf, sizeof(cinf));
	for (size_t i = 0; !err && i < c->n; i++) {
		err = fpc_kdata_write(&w, &c->k[i].data, 0);
		if (!err)
			err = write_orig(&w, &c->k[i]);
	}
	if (err) {
		int e = errno;
		fpc_writer_abort(&w);
		errno = e;
		return err;
	}
	return fpc_writer_commit(&w);
}

/* ---- reading --------------------------------------------------------- */

/* Decodes an ORIG payload into k, whose KERN has been read. */
static int decode_orig(struct fpc_corpus_kernel *k, const unsigned char *p,
		       uint64_t len)
{
	struct fpc_cursor c;
	const unsigned char *name;
	unsigned namelen;
	uint32_t nnotes;

	fpc_cursor_init(&c, p, len);
	namelen = fpc_cursor_u16(&c);
	name = fpc_cursor_take(&c, namelen);
	nnotes = fpc_cursor_u32(&c);
	if (c.bad || namelen != strlen(k->data.name) ||
	    memcmp(name, k->data.name, namelen) ||
	    nnotes > FPC_CORPUS_NOTES_MAX || (k->data.n && !nnotes))
		return FPC_ERR_FORMAT;
	/* Each note takes at least 2 bytes: check before allocating. */
	if ((uint64_t)nnotes * 2 > c.left)
		return FPC_ERR_FORMAT;
	if (!(k->notes = calloc(nnotes ? nnotes : 1, sizeof(char *))))
		return FPC_ERR_NOMEM;
	for (uint32_t i = 0; i < nnotes; i++) {
		unsigned nl = fpc_cursor_u16(&c);
		const unsigned char *s = fpc_cursor_take(&c, nl);
		if (!s || memchr(s, 0, nl))
			return FPC_ERR_FORMAT;
		if (!(k->notes[i] = malloc(nl + 1)))
			return FPC_ERR_NOMEM;
		k->nnotes = i + 1;
		memcpy(k->notes[i], s, nl);
		k->notes[i][nl] = 0;
	}
	if (c.left != 2 * (uint64_t)k->data.n)
		return FPC_ERR_FORMAT;
	if (!(k->origin = malloc(k->data.n ? 2 * (size_t)k->data.n : 1)))
		return FPC_ERR_NOMEM;
	for (uint32_t i = 0; i < k->data.n; i++)
		if ((k->origin[i] = fpc_cursor_u16(&c)) >= nnotes)
			return FPC_ERR_FORMAT;
	return c.bad || c.left ? FPC_ERR_FORMAT : 0;
}

/* Checks a decoded KERN against the kernel table and the kernels before. */
static int check_kern(const struct fpc_corpus *c, const struct fpc_kdata *d)
{
	const struct fpc_kernel *kn = fpc_kernel_find(d->name);

	if (!kn)
		return FPC_ERR_UNKNOWN;
	if (d->in_format != kn->format || d->out_format != kn->format ||
	    d->arity != kn->fn->arity)
		return FPC_ERR_FORMAT;
	if (fpc_corpus_find(c, d->name))
		return FPC_ERR_FORMAT; /* twice in one corpus */
	return 0;
}

/* Where reading a corpus stands between sections. */
struct reading {
	uint64_t hash;	    /* of the kernels read so far */
	uint64_t file_hash; /* the one CINF states */
	size_t cap;	    /* room in c->k */
	int have_cinf, want_orig;
};

/* CINF: the hash and the seed, once, before any kernel. */
static int read_cinf(struct fpc_corpus *c, struct reading *s,
		     const unsigned char *p, uint64_t len)
{
	if (s->have_cinf || c->n || len < 16)
		return FPC_ERR_FORMAT;
	s->file_hash = fpc_get_u64(p);
	c->seed = fpc_get_u64(p + 8);
	s->have_cinf = 1;
	return 0;
}

/* KERN: a kernel's inputs, appended to c->k; its ORIG must follow. */
static int read_kern(struct fpc_corpus *c, struct reading *s,
		     const unsigned char *p, uint64_t len)
{
	struct fpc_kdata d;
	int err;

	if (!s->have_cinf || s->want_orig)
		return FPC_ERR_FORMAT;
	if ((err = fpc_kdata_decode(&d, p, len, 0)))
		return err;
	if ((err = check_kern(c, &d))) {
		fpc_kdata_release(&d);
		return err;
	}
	if (c->n == s->cap) {
		size_t ncap = s->cap ? 2 * s->cap : 16;
		void *k = realloc(c->k, ncap * sizeof(*c->k));
		if (!k) {
			fpc_kdata_release(&d);
			return FPC_ERR_NOMEM;
		}
		c->k = k;
		s->cap = ncap;
	}
	memset(&c->k[c->n], 0, sizeof(c->k[c->n]));
	c->k[c->n++].data = d;
	s->want_orig = 1;
	return 0;
}

/* ORIG: the notes and origins of the kernel just read. */
static int read_orig(struct fpc_corpus *c, struct reading *s,
		     const unsigned char *p, uint64_t len)
{
	int err;

	if (!s->want_orig)
		return FPC_ERR_FORMAT;
	if ((err = decode_orig(&c->k[c->n - 1], p, len)))
		return err;
	s->hash = fpc_kdata_hash(s->hash, &c->k[c->n - 1].data);
	s->want_orig = 0;
	return 0;
}

static int read_section(struct fpc_corpus *c, struct reading *s,
			const char *type, const unsigned char *p, uint64_t len)
{
	if (!strcmp(type, "CINF"))
		return read_cinf(c, s, p, len);
	if (!strcmp(type, "KERN"))
		return read_kern(c, s, p, len);
	if (!strcmp(type, "ORIG"))
		return read_orig(c, s, p, len);
	/* Unknown types are skipped: they belong to later versions. */
	return 0;
}

/*
 * Fills c (caller releases it) or returns the first error, with c zeroed:
 * the container's (FPC_ERR_IO with errno, FPC_ERR_MAGIC, FPC_ERR_KIND,
 * FPC_ERR_VERSION, FPC_ERR_TRUNCATED, FPC_ERR_CHECKSUM,
 * FPC_ERR_TRAILING), FPC_ERR_UNKNOWN for a kernel fpcheck does not know
 * (a newer corpus), FPC_ERR_FORMAT for anything inconsistent: a missing or
 * misplaced CINF, a KERN without its ORIG, a kernel twice or with the
 * wrong format or arity, an origin out of range, a hash that does not
 * match the inputs.
 */
int fpc_corpus_read(struct fpc_corpus *c, const char *path)
{
	struct reading s = {FPC_FNV1A64_INIT, 0, 0, 0, 0};
	struct fpc_reader r;
	unsigned char *payload = NULL;
	uint64_t len;
	char type[5];
	int rc, err = 0;

	memset(c, 0, sizeof(*c));
	if ((err = fpc_reader_open(&r, path, FPC_KIND_CORPUS)))
		return err;
	while ((rc = fpc_reader_next(&r, type, &payload, &len)) > 0) {
		err = read_section(c, &s, type, payload, len);
		free(payload);
		payload = NULL;
		if (err)
			break;
	}
	free(payload);
	if (!err && rc < 0)
		err = rc;
	if (!err && (!s.have_cinf || s.want_orig || s.hash != s.file_hash))
		err = FPC_ERR_FORMAT;
	if (err) {
		int e = errno;
		fpc_reader_close(&r);
		fpc_corpus_release(c);
		errno = e;
		return err;
	}
	fpc_reader_close(&r);
	c->hash = s.file_hash;
	return 0;
}

int fpc_corpus_shard(struct fpc_corpus *c, unsigned i, unsigned n)
{
	if (!n || i >= n)
		return FPC_ERR_ARG;
	c->hash = FPC_FNV1A64_INIT;
	for (size_t k = 0; k < c->n; k++) {
		struct fpc_kdata *d = &c->k[k].data;
		uint32_t lo = (uint32_t)((uint64_t)d->n * i / n);
		uint32_t hi = (uint32_t)((uint64_t)d->n * (i + 1) / n);

		for (unsigned a = 0; a < d->arity; a++)
			memmove(d->in[a], d->in[a] + lo,
				(hi - lo) * sizeof(uint64_t));
		if (c->k[k].origin)
			memmove(c->k[k].origin, c->k[k].origin + lo,
				(hi - lo) * sizeof(uint16_t));
		d->n = hi - lo;
		c->hash = fpc_kdata_hash(c->hash, d);
	}
	return 0;
}
