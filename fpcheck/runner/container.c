/*
 * Reference implementation of the fpcheck container (see container.h and
 * docs/record-format.md).  C99 and POSIX only: the runner compiles it for
 * every target.
 */
#include "fpcheck/container.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fpcheck/error.h"

/* 0x89 and 0x1a catch 7-bit and text-mode transfers, as PNG's signature. */
const unsigned char fpc_magic[FPC_MAGIC_LEN] = {0x89, 'F',  'P',  'C',
						0x0d, 0x0a, 0x1a, 0x0a};

static const char end_type[4] = {'E', 'N', 'D', ' '};

uint32_t fpc_crc32(uint32_t crc, const void *p, size_t n)
{
	/* Reflected polynomial 0xedb88320, table built on first use. */
	static uint32_t table[256];
	static int ready;
	const unsigned char *b = p;

	if (!ready) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
		ready = 1;
	}
	crc = ~crc;
	while (n--)
		crc = table[(crc ^ *b++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

uint64_t fpc_fnv1a64(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--) {
		h ^= *b++;
		h *= 0x100000001b3u;
	}
	return h;
}

/* ---- writer ---------------------------------------------------------- */

static int put(struct fpc_writer *w, const void *p, size_t n)
{
	if (w->err)
		return w->err;
	if (n && fwrite(p, 1, n, w->f) != n)
		w->err = FPC_ERR_IO;
	return w->err;
}

static void writer_release(struct fpc_writer *w, int remove_tmp)
{
	if (w->f)
		fclose(w->f);
	if (remove_tmp && w->tmp_path)
		unlink(w->tmp_path);
	free(w->tmp_path);
	free(w->path);
	memset(w, 0, sizeof(*w));
}

int fpc_writer_open(struct fpc_writer *w, const char *path, const char kind[4])
{
	unsigned char h[FPC_HEADER_LEN];
	size_t n = strlen(path);
	int fd;

	memset(w, 0, sizeof(*w));
	w->path = malloc(n + 1);
	w->tmp_path = malloc(n + sizeof(".tmpXXXXXX"));
	if (!w->path || !w->tmp_path) {
		writer_release(w, 0);
		return FPC_ERR_NOMEM;
	}
	memcpy(w->path, path, n + 1);
	memcpy(w->tmp_path, path, n);
	memcpy(w->tmp_path + n, ".tmpXXXXXX", sizeof(".tmpXXXXXX"));
	fd = mkstemp(w->tmp_path);
	if (fd < 0) {
		int e = errno;
		free(w->tmp_path);
		w->tmp_path = NULL;
		writer_release(w, 0);
		errno = e;
		return FPC_ERR_IO;
	}
	/* mkstemp creates 0600; a result file is as readable as any other. */
	{
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	w->f = fdopen(fd, "wb");
	if (!w->f) {
		int e = errno;
		close(fd);
		writer_release(w, 1);
		errno = e;
		return FPC_ERR_IO;
	}
	memcpy(h, fpc_magic, FPC_MAGIC_LEN);
	memcpy(h + 8, kind, 4);
	fpc_put_u16(h + 12, FPC_FORMAT_MAJOR);
	fpc_put_u16(h + 14, FPC_FORMAT_MINOR);
	fpc_put_u32(h + 16, 0); /* flags: none defined */
	fpc_put_u32(h + 20, fpc_crc32(0, h, 20));
	if (put(w, h, sizeof(h))) {
		int e = errno;
		writer_release(w, 1);
		errno = e;
		return FPC_ERR_IO;
	}
	return 0;
}

int fpc_writer_begin(struct fpc_writer *w, const char type[4], uint64_t len)
{
	unsigned char h[FPC_SECTION_HEADER_LEN];

	if (w->err)
		return w->err;
	if (w->open)
		return w->err = FPC_ERR_ARG;
	memcpy(h, type, 4);
	fpc_put_u64(h + 4, len);
	fpc_put_u32(h + 12, fpc_crc32(0, h, 12));
	w->open = 1;
	w->remaining = len;
	w->crc = 0;
	return put(w, h, sizeof(h));
}

int fpc_writer_write(struct fpc_writer *w, const void *p, size_t n)
{
	if (w->err)
		return w->err;
	if (!w->open || n > w->remaining)
		return w->err = FPC_ERR_ARG;
	w->remaining -= n;
	w->crc = fpc_crc32(w->crc, p, n);
	return put(w, p, n);
}

int fpc_writer_end(struct fpc_writer *w)
{
	unsigned char c[4];

	if (w->err)
		return w->err;
	if (!w->open || w->remaining)
		return w->err = FPC_ERR_ARG;
	w->open = 0;
	w->nsections++;
	fpc_put_u32(c, w->crc);
	return put(w, c, 4);
}

int fpc_writer_section(struct fpc_writer *w, const char type[4],
		       const void *payload, size_t len)
{
	if (fpc_writer_begin(w, type, len) || fpc_writer_write(w, payload, len))
		return w->err;
	return fpc_writer_end(w);
}

int fpc_writer_commit(struct fpc_writer *w)
{
	unsigned char count[8];
	int err;

	fpc_put_u64(count, w->nsections);
	err = fpc_writer_section(w, end_type, count, sizeof(count));
	if (!err && (fflush(w->f) || ferror(w->f) || fsync(fileno(w->f))))
		err = FPC_ERR_IO;
	if (!err) {
		int rc = fclose(w->f);
		w->f = NULL;
		if (rc || rename(w->tmp_path, w->path))
			err = FPC_ERR_IO;
	}
	if (err) {
		int e = errno;
		writer_release(w, 1);
		errno = e;
		return err;
	}
	writer_release(w, 0);
	return 0;
}

void fpc_writer_abort(struct fpc_writer *w)
{
	if (w->path || w->f)
		writer_release(w, 1);
}

/* ---- reader ---------------------------------------------------------- */

/* Reads exactly n bytes or tells why not. */
static int get(struct fpc_reader *r, void *p, uint64_t n)
{
	if (n > r->size - r->offset)
		return FPC_ERR_TRUNCATED;
	if (n && fread(p, 1, (size_t)n, r->f) != n)
		return ferror(r->f) ? FPC_ERR_IO : FPC_ERR_TRUNCATED;
	r->offset += n;
	return 0;
}

int fpc_reader_open(struct fpc_reader *r, const char *path, const char *kind)
{
	unsigned char h[FPC_HEADER_LEN];
	struct stat st;
	uint64_t have;
	int err;

	memset(r, 0, sizeof(*r));
	r->f = fopen(path, "rb");
	if (!r->f)
		return FPC_ERR_IO;
	if (fstat(fileno(r->f), &st)) {
		err = FPC_ERR_IO;
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		err = FPC_ERR_IO;
		goto fail;
	}
	r->size = (uint64_t)st.st_size;
	have = r->size < FPC_HEADER_LEN ? r->size : FPC_HEADER_LEN;
	if (have && fread(h, 1, (size_t)have, r->f) != have) {
		err = FPC_ERR_IO;
		goto fail;
	}
	r->offset = have;
	/* A prefix of the magic is a truncated file; anything else is not ours. */
	if (memcmp(h, fpc_magic, have < FPC_MAGIC_LEN ? have : FPC_MAGIC_LEN)) {
		err = FPC_ERR_MAGIC;
		goto fail;
	}
	if (have < FPC_HEADER_LEN) {
		err = FPC_ERR_TRUNCATED;
		goto fail;
	}
	if (fpc_get_u32(h + 20) != fpc_crc32(0, h, 20)) {
		err = FPC_ERR_CHECKSUM;
		goto fail;
	}
	memcpy(r->kind, h + 8, 4);
	r->kind[4] = 0;
	r->major = fpc_get_u16(h + 12);
	r->minor = fpc_get_u16(h + 14);
	if (r->major != FPC_FORMAT_MAJOR) {
		err = FPC_ERR_VERSION;
		goto fail;
	}
	if (kind && memcmp(r->kind, kind, 4)) {
		err = FPC_ERR_KIND;
		goto fail;
	}
	return 0;
fail:
	{
		int e = errno;
		fpc_reader_close(r);
		errno = e;
	}
	return err;
}

int fpc_reader_next(struct fpc_reader *r, char type[5], unsigned char **payload,
		    uint64_t *len)
{
	unsigned char h[FPC_SECTION_HEADER_LEN], c[4];
	unsigned char *buf;
	uint64_t n;
	int err;

	*payload = NULL;
	*len = 0;
	if (r->done)
		return 0;
	if (r->offset == r->size)
		return FPC_ERR_TRUNCATED; /* no end marker */
	if ((err = get(r, h, sizeof(h))))
		return err;
	if (fpc_get_u32(h + 12) != fpc_crc32(0, h, 12))
		return FPC_ERR_CHECKSUM;
	n = fpc_get_u64(h + 4);
	if (n > r->size - r->offset || r->size - r->offset - n < 4)
		return FPC_ERR_TRUNCATED;
	buf = malloc(n ? (size_t)n : 1);
	if (!buf)
		return FPC_ERR_NOMEM;
	if ((err = get(r, buf, n)) || (err = get(r, c, 4))) {
		free(buf);
		return err;
	}
	if (fpc_get_u32(c) != fpc_crc32(0, buf, (size_t)n)) {
		free(buf);
		return FPC_ERR_CHECKSUM;
	}
	if (!memcmp(h, end_type, 4)) {
		int ok = n == 8 && fpc_get_u64(buf) == r->nsections;
		free(buf);
		if (!ok)
			return FPC_ERR_FORMAT;
		if (r->offset != r->size)
			return FPC_ERR_TRAILING;
		r->done = 1;
		return 0;
	}
	memcpy(type, h, 4);
	type[4] = 0;
	r->nsections++;
	*payload = buf;
	*len = n;
	return 1;
}

void fpc_reader_close(struct fpc_reader *r)
{
	if (r->f)
		fclose(r->f);
	memset(r, 0, sizeof(*r));
}

/* ---- cursor ---------------------------------------------------------- */

void fpc_cursor_init(struct fpc_cursor *c, const unsigned char *p, uint64_t n)
{
	c->p = p;
	c->left = n;
	c->bad = 0;
}

const unsigned char *fpc_cursor_take(struct fpc_cursor *c, uint64_t n)
{
	const unsigned char *p = c->p;

	if (c->bad || n > c->left) {
		c->bad = 1;
		return NULL;
	}
	c->p += n;
	c->left -= n;
	return p;
}

uint8_t fpc_cursor_u8(struct fpc_cursor *c)
{
	const unsigned char *p = fpc_cursor_take(c, 1);
	return p ? p[0] : 0;
}

uint16_t fpc_cursor_u16(struct fpc_cursor *c)
{
	const unsigned char *p = fpc_cursor_take(c, 2);
	return p ? fpc_get_u16(p) : 0;
}

uint32_t fpc_cursor_u32(struct fpc_cursor *c)
{
	const unsigned char *p = fpc_cursor_take(c, 4);
	return p ? fpc_get_u32(p) : 0;
}

uint64_t fpc_cursor_u64(struct fpc_cursor *c)
{
	const unsigned char *p = fpc_cursor_take(c, 8);
	return p ? fpc_get_u64(p) : 0;
}
