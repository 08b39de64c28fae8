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

/* CRC-32 of every byte value, reflected polynomial 0xedb88320: a constant
 * table, so that no thread ever writes it. */
static const uint32_t crc_table[256] = {
	0x00000000u, 0x77073096u, 0xee0e612cu, 0x990951bau,
	0x076dc419u, 0x706af48fu, 0xe963a535u, 0x9e6495a3u,
	0x0edb8832u, 0x79dcb8a4u, 0xe0d5e91eu, 0x97d2d988u,
	0x09b64c2bu, 0x7eb17cbdu, 0xe7b82d07u, 0x90bf1d91u,
	0x1db71064u, 0x6ab020f2u, 0xf3b97148u, 0x84be41deu,
	0x1adad47du, 0x6ddde4ebu, 0xf4d4b551u, 0x83d385c7u,
	0x136c9856u, 0x646ba8c0u, 0xfd62f97au, 0x8a65c9ecu,
	0x14015c4fu, 0x63066cd9u, 0xfa0f3d63u, 0x8d080df5u,
	0x3b6e20c8u, 0x4c69105eu, 0xd56041e4u, 0xa2677172u,
	0x3c03e4d1u, 0x4b04d447u, 0xd20d85fdu, 0xa50ab56bu,
	0x35b5a8fau, 0x42b2986cu, 0xdbbbc9d6u, 0xacbcf940u,
	0x32d86ce3u, 0x45df5c75u, 0xdcd60dcfu, 0xabd13d59u,
	0x26d930acu, 0x51de003au, 0xc8d75180u, 0xbfd06116u,
	0x21b4f4b5u, 0x56b3c423u, 0xcfba9599u, 0xb8bda50fu,
	0x2802b89eu, 0x5f058808u, 0xc60cd9b2u, 0xb10be924u,
	0x2f6f7c87u, 0x58684c11u, 0xc1611dabu, 0xb6662d3du,
	0x76dc4190u, 0x01db7106u, 0x98d220bcu, 0xefd5102au,
	0x71b18589u, 0x06b6b51fu, 0x9fbfe4a5u, 0xe8b8d433u,
	0x7807c9a2u, 0x0f00f934u, 0x9609a88eu, 0xe10e9818u,
	0x7f6a0dbbu, 0x086d3d2du, 0x91646c97u, 0xe6635c01u,
	0x6b6b51f4u, 0x1c6c6162u, 0x856530d8u, 0xf262004eu,
	0x6c0695edu, 0x1b01a57bu, 0x8208f4c1u, 0xf50fc457u,
	0x65b0d9c6u, 0x12b7e950u, 0x8bbeb8eau, 0xfcb9887cu,
	0x62dd1ddfu, 0x15da2d49u, 0x8cd37cf3u, 0xfbd44c65u,
	0x4db26158u, 0x3ab551ceu, 0xa3bc0074u, 0xd4bb30e2u,
	0x4adfa541u, 0x3dd895d7u, 0xa4d1c46du, 0xd3d6f4fbu,
	0x4369e96au, 0x346ed9fcu, 0xad678846u, 0xda60b8d0u,
	0x44042d73u, 0x33031de5u, 0xaa0a4c5fu, 0xdd0d7cc9u,
	0x5005713cu, 0x270241aau, 0xbe0b1010u, 0xc90c2086u,
	0x5768b525u, 0x206f85b3u, 0xb966d409u, 0xce61e49fu,
	0x5edef90eu, 0x29d9c998u, 0xb0d09822u, 0xc7d7a8b4u,
	0x59b33d17u, 0x2eb40d81u, 0xb7bd5c3bu, 0xc0ba6cadu,
	0xedb88320u, 0x9abfb3b6u, 0x03b6e20cu, 0x74b1d29au,
	0xead54739u, 0x9dd277afu, 0x04db2615u, 0x73dc1683u,
	0xe3630b12u, 0x94643b84u, 0x0d6d6a3eu, 0x7a6a5aa8u,
	0xe40ecf0bu, 0x9309ff9du, 0x0a00ae27u, 0x7d079eb1u,
	0xf00f9344u, 0x8708a3d2u, 0x1e01f268u, 0x6906c2feu,
	0xf762575du, 0x806567cbu, 0x196c3671u, 0x6e6b06e7u,
	0xfed41b76u, 0x89d32be0u, 0x10da7a5au, 0x67dd4accu,
	0xf9b9df6fu, 0x8ebeeff9u, 0x17b7be43u, 0x60b08ed5u,
	0xd6d6a3e8u, 0xa1d1937eu, 0x38d8c2c4u, 0x4fdff252u,
	0xd1bb67f1u, 0xa6bc5767u, 0x3fb506ddu, 0x48b2364bu,
	0xd80d2bdau, 0xaf0a1b4cu, 0x36034af6u, 0x41047a60u,
	0xdf60efc3u, 0xa867df55u, 0x316e8eefu, 0x4669be79u,
	0xcb61b38cu, 0xbc66831au, 0x256fd2a0u, 0x5268e236u,
	0xcc0c7795u, 0xbb0b4703u, 0x220216b9u, 0x5505262fu,
	0xc5ba3bbeu, 0xb2bd0b28u, 0x2bb45a92u, 0x5cb36a04u,
	0xc2d7ffa7u, 0xb5d0cf31u, 0x2cd99e8bu, 0x5bdeae1du,
	0x9b64c2b0u, 0xec63f226u, 0x756aa39cu, 0x026d930au,
	0x9c0906a9u, 0xeb0e363fu, 0x72076785u, 0x05005713u,
	0x95bf4a82u, 0xe2b87a14u, 0x7bb12baeu, 0x0cb61b38u,
	0x92d28e9bu, 0xe5d5be0du, 0x7cdcefb7u, 0x0bdbdf21u,
	0x86d3d2d4u, 0xf1d4e242u, 0x68ddb3f8u, 0x1fda836eu,
	0x81be16cdu, 0xf6b9265bu, 0x6fb077e1u, 0x18b74777u,
	0x88085ae6u, 0xff0f6a70u, 0x66063bcau, 0x11010b5cu,
	0x8f659effu, 0xf862ae69u, 0x616bffd3u, 0x166ccf45u,
	0xa00ae278u, 0xd70dd2eeu, 0x4e048354u, 0x3903b3c2u,
	0xa7672661u, 0xd06016f7u, 0x4969474du, 0x3e6e77dbu,
	0xaed16a4au, 0xd9d65adcu, 0x40df0b66u, 0x37d83bf0u,
	0xa9bcae53u, 0xdebb9ec5u, 0x47b2cf7fu, 0x30b5ffe9u,
	0xbdbdf21cu, 0xcabac28au, 0x53b39330u, 0x24b4a3a6u,
	0xbad03605u, 0xcdd70693u, 0x54de5729u, 0x23d967bfu,
	0xb3667a2eu, 0xc4614ab8u, 0x5d681b02u, 0x2a6f2b94u,
	0xb40bbe37u, 0xc30c8ea1u, 0x5a05df1bu, 0x2d02ef8du,
};

uint32_t fpc_crc32(uint32_t crc, const void *p, size_t n)
{
	const unsigned char *b = p;

	crc = ~crc;
	while (n--)
		crc = crc_table[(crc ^ *b++) & 0xff] ^ (crc >> 8);
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

/* ---- atomic file ----------------------------------------------------- */

static int (*make_temporary)(char *tmpl) = mkstemp;
static void (*temporary_gone)(const char *tmp);

void fpc_atomic_hooks(int (*make)(char *tmpl), void (*gone)(const char *tmp))
{
	make_temporary = make ? make : mkstemp;
	temporary_gone = gone;
}

static void remove_temporary(const char *tmp)
{
	unlink(tmp);
	if (temporary_gone)
		temporary_gone(tmp);
}

/* Frees the names; the temporary, if any, is the caller's to remove. */
static void atomic_release(struct fpc_atomic *a)
{
	free(a->tmp);
	free(a->path);
	memset(a, 0, sizeof(*a));
}

/* A target that exists and is not a regular file (a device, a pipe, a
 * socket) is written in place: renaming a file over it would replace
 * the node itself, /dev/null for everyone when run as root.  Returns 1
 * if a->f is now path itself, 0 if path wants a temporary, or
 * FPC_ERR_IO (errno set).  stat, not lstat: a link to a device is
 * written through, as the shell's > would. */
static int open_in_place(struct fpc_atomic *a, const char *path)
{
	struct stat st;

	if (stat(path, &st) || S_ISREG(st.st_mode))
		return 0;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return FPC_ERR_IO;
	}
	if (!(a->f = fopen(path, "wb")))
		return FPC_ERR_IO;
	return 1;
}

/* Creates path's temporary, as readable as any file created here. */
static int open_temporary(struct fpc_atomic *a, size_t n)
{
	mode_t mask;
	int fd, e;

	if (!(a->tmp = malloc(n + sizeof(FPC_ATOMIC_SUFFIX))))
		return FPC_ERR_NOMEM;
	memcpy(a->tmp, a->path, n);
	memcpy(a->tmp + n, FPC_ATOMIC_SUFFIX, sizeof(FPC_ATOMIC_SUFFIX));
	if ((fd = make_temporary(a->tmp)) < 0) {
		e = errno;
		free(a->tmp);
		a->tmp = NULL;
		errno = e;
		return FPC_ERR_IO;
	}
	/* mkstemp creates 0600; a result file is as readable as any other. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	if (!(a->f = fdopen(fd, "wb"))) {
		e = errno;
		close(fd);
		remove_temporary(a->tmp);
		errno = e;
		return FPC_ERR_IO;
	}
	return 0;
}

int fpc_atomic_open(struct fpc_atomic *a, const char *path)
{
	size_t n = strlen(path);
	int err, e;

	memset(a, 0, sizeof(*a));
	if (!(a->path = malloc(n + 1)))
		return FPC_ERR_NOMEM;
	memcpy(a->path, path, n + 1);
	if ((err = open_in_place(a, path)) == 1)
		return 0;
	if (!err)
		err = open_temporary(a, n);
	if (err) {
		e = errno;
		atomic_release(a);
		errno = e;
	}
	return err;
}

/* A device or a pipe: flushed and closed, nothing to sync or rename
 * (fsync fails on a pipe and means nothing to a terminal). */
static int commit_in_place(struct fpc_atomic *a)
{
	int err = fflush(a->f) || ferror(a->f) ? FPC_ERR_IO : 0, e = errno;

	if (fclose(a->f) && !err) {
		err = FPC_ERR_IO;
		e = errno;
	}
	atomic_release(a);
	errno = e;
	return err;
}

int fpc_atomic_commit(struct fpc_atomic *a)
{
	int err = 0, e;

	if (!a->tmp)
		return commit_in_place(a);
	if (fflush(a->f) || ferror(a->f) || fsync(fileno(a->f)))
		err = FPC_ERR_IO;
	if (!err) {
		int rc = fclose(a->f);
		a->f = NULL;
		if (rc || rename(a->tmp, a->path))
			err = FPC_ERR_IO;
		else if (temporary_gone)
			temporary_gone(a->tmp);
	}
	if (err) {
		e = errno;
		fpc_atomic_abort(a);
		errno = e;
		return err;
	}
	atomic_release(a);
	return 0;
}

void fpc_atomic_abort(struct fpc_atomic *a)
{
	if (a->f)
		fclose(a->f);
	if (a->tmp)
		remove_temporary(a->tmp);
	atomic_release(a);
}

/* ---- writer ---------------------------------------------------------- */

static int put(struct fpc_writer *w, const void *p, size_t n)
{
	if (w->err)
		return w->err;
	if (n && fwrite(p, 1, n, w->file.f) != n)
		w->err = FPC_ERR_IO;
	return w->err;
}

/* Removes the temporary file, keeping errno (the caller's reason). */
static void writer_abandon(struct fpc_writer *w)
{
	int e = errno;

	fpc_atomic_abort(&w->file);
	memset(w, 0, sizeof(*w));
	errno = e;
}

int fpc_writer_open(struct fpc_writer *w, const char *path, const char kind[4])
{
	unsigned char h[FPC_HEADER_LEN];
	int err;

	memset(w, 0, sizeof(*w));
	if ((err = fpc_atomic_open(&w->file, path)))
		return err;
	memcpy(h, fpc_magic, FPC_MAGIC_LEN);
	memcpy(h + 8, kind, 4);
	fpc_put_u16(h + 12, FPC_FORMAT_MAJOR);
	fpc_put_u16(h + 14, FPC_FORMAT_MINOR);
	fpc_put_u32(h + 16, 0); /* flags: none defined */
	fpc_put_u32(h + 20, fpc_crc32(0, h, 20));
	if (put(w, h, sizeof(h))) {
		writer_abandon(w);
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
	if ((err = fpc_writer_section(w, end_type, count, sizeof(count)))) {
		writer_abandon(w);
		return err;
	}
	err = fpc_atomic_commit(&w->file);
	memset(w, 0, sizeof(*w));
	return err;
}

void fpc_writer_abort(struct fpc_writer *w)
{
	fpc_atomic_abort(&w->file);
	memset(w, 0, sizeof(*w));
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
