/*
 * The fpcheck container: the one file layout shared by corpora, records and
 * truth caches.  docs/record-format.md is its specification; this header and
 * container.c are its reference implementation.
 *
 * A container is a 24-byte header followed by sections.  Every integer is
 * little-endian whatever the host, header and section headers carry their own
 * CRC-32, every payload carries a CRC-32, and an "END " section closes the
 * file, so truncation at any byte and any flipped byte are detected.
 *
 * This file is compiled into the runner, which any C99 compiler for any
 * target must be able to build, so it depends on the C library only.
 */
#ifndef FPC_CONTAINER_H
#define FPC_CONTAINER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define FPC_MAGIC_LEN 8
#define FPC_HEADER_LEN 24
#define FPC_SECTION_HEADER_LEN 16
#define FPC_FORMAT_MAJOR 1
#define FPC_FORMAT_MINOR 0

/* File kinds (bytes 8..11 of the header). */
#define FPC_KIND_CORPUS "CORP"
#define FPC_KIND_RECORD "REC "
#define FPC_KIND_TRUTH "TRTH"

extern const unsigned char fpc_magic[FPC_MAGIC_LEN];

/* Little-endian encoding helpers: portable whatever the host byte order. */
static inline void fpc_put_u16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static inline void fpc_put_u32(unsigned char *p, uint32_t v)
{
	fpc_put_u16(p, (uint16_t)v);
	fpc_put_u16(p + 2, (uint16_t)(v >> 16));
}

static inline void fpc_put_u64(unsigned char *p, uint64_t v)
{
	fpc_put_u32(p, (uint32_t)v);
	fpc_put_u32(p + 4, (uint32_t)(v >> 32));
}

static inline uint16_t fpc_get_u16(const unsigned char *p)
{
	return (uint16_t)(p[0] | (unsigned)p[1] << 8);
}

static inline uint32_t fpc_get_u32(const unsigned char *p)
{
	return fpc_get_u16(p) | (uint32_t)fpc_get_u16(p + 2) << 16;
}

static inline uint64_t fpc_get_u64(const unsigned char *p)
{
	return fpc_get_u32(p) | (uint64_t)fpc_get_u32(p + 4) << 32;
}

/* CRC-32 (ISO-HDLC, as zlib and PNG): fpc_crc32(0, p, n) starts a new one. */
uint32_t fpc_crc32(uint32_t crc, const void *p, size_t n);

/*
 * A file that appears whole or not at all: written to a temporary beside
 * path (path FPC_ATOMIC_SUFFIX, the X's made unique by mkstemp) and
 * renamed over path by fpc_atomic_commit(), so that readers never see a
 * partial file and a failed write leaves the old one in place.  The
 * writer below writes through one; fpcheck's other outputs too.
 *
 * A path that exists and is not a regular file (a device such as
 * /dev/null, a FIFO, a socket, or a link to one) is written in place
 * instead, as the shell's > would: renaming over it would replace the
 * node.  Such output is streamed, so a failure can leave part of it
 * written; a directory is refused (FPC_ERR_IO, errno EISDIR).
 */
#define FPC_ATOMIC_SUFFIX ".tmpXXXXXX"
struct fpc_atomic {
	FILE *f;   /* the temporary (or path itself), open for writing */
	char *tmp; /* the temporary's name; NULL if path is written in place */
	char *path;
};
/* Creates the temporary, as readable as any file created here (mode 0666
 * less the umask), or opens a non-regular path for writing.  On failure
 * nothing is left on disk.  Returns 0, FPC_ERR_IO (errno set) or
 * FPC_ERR_NOMEM. */
int fpc_atomic_open(struct fpc_atomic *a, const char *path);
/* Flushes, syncs, closes and renames into place (a path written in place
 * is flushed and closed).  Releases a whatever happens; on failure the
 * temporary is removed.  Returns 0 or FPC_ERR_IO (errno set). */
int fpc_atomic_commit(struct fpc_atomic *a);
/* Abandons the file: the temporary is removed, path untouched (what was
 * already streamed into a path written in place stays written).  A no-op
 * on a zeroed or released a. */
void fpc_atomic_abort(struct fpc_atomic *a);
/*
 * How atomic files make their temporaries: make has mkstemp's contract
 * (it is mkstemp unless set), and gone, when set, is told each
 * temporary's name once it is renamed or removed.  A program that
 * removes its temporaries when a signal ends it (fpcheck: cli_cleanup.c)
 * registers them here.  Set once, before any atomic file is opened;
 * NULL restores the default.
 */
void fpc_atomic_hooks(int (*make)(char *tmpl), void (*gone)(const char *tmp));

/*
 * Writer.  Output goes to an atomic file (above), committed by
 * fpc_writer_commit(), so readers never see a partial container.  A
 * section is either written whole (fpc_writer_section) or streamed
 * (fpc_writer_begin, any number of fpc_writer_write, fpc_writer_end); a
 * streamed section's length must be known when it begins.
 */
struct fpc_writer {
	struct fpc_atomic file;
	uint64_t nsections;
	uint64_t remaining; /* bytes still owed to the open section */
	uint32_t crc;       /* running CRC of the open section's payload */
	int open;           /* a streamed section is open */
	int err;            /* first error, sticky */
};

/* Creates the temporary file and writes the header.  On failure nothing is
 * left on disk.  Returns 0, FPC_ERR_IO (errno set) or FPC_ERR_NOMEM. */
int fpc_writer_open(struct fpc_writer *w, const char *path, const char kind[4]);
int fpc_writer_section(struct fpc_writer *w, const char type[4],
		       const void *payload, size_t len);
int fpc_writer_begin(struct fpc_writer *w, const char type[4], uint64_t len);
int fpc_writer_write(struct fpc_writer *w, const void *p, size_t n);
int fpc_writer_end(struct fpc_writer *w);
/* Writes the end marker, flushes, syncs and renames into place.  Releases
 * the writer whatever happens; on failure the temporary file is removed. */
int fpc_writer_commit(struct fpc_writer *w);
/* Abandons the file: the temporary is removed, the destination untouched. */
void fpc_writer_abort(struct fpc_writer *w);

/*
 * Reader.  Sections are read one at a time, so a large file is streamed.
 * Every length is checked against the file size before anything is
 * allocated, and every checksum before any payload byte is returned.
 */
struct fpc_reader {
	FILE *f;
	char kind[5];
	uint16_t major, minor;
	uint64_t size;      /* file size in bytes */
	uint64_t offset;    /* bytes consumed so far */
	uint64_t nsections; /* sections returned so far */
	int done;           /* end marker seen and verified */
};

/* Opens and checks the header.  kind may be NULL to accept any kind.
 * Returns 0, FPC_ERR_IO (errno set), FPC_ERR_MAGIC, FPC_ERR_TRUNCATED,
 * FPC_ERR_CHECKSUM, FPC_ERR_VERSION or FPC_ERR_KIND.  On failure the reader
 * is released. */
int fpc_reader_open(struct fpc_reader *r, const char *path, const char *kind);
/* Reads the next section into a malloc'd buffer (*payload, caller frees).
 * Returns 1 with a section, 0 at the verified end marker (and nothing after
 * it), or a negative fpc_err. */
int fpc_reader_next(struct fpc_reader *r, char type[5], unsigned char **payload,
		    uint64_t *len);
void fpc_reader_close(struct fpc_reader *r);

/*
 * Cursor over a payload, for decoding without reading past its end.  Every
 * getter returns 0 or FPC_ERR_FORMAT once the payload is exhausted (then it
 * stays exhausted), so a decoder can check once at the end.
 */
struct fpc_cursor {
	const unsigned char *p;
	uint64_t left;
	int bad;
};

void fpc_cursor_init(struct fpc_cursor *c, const unsigned char *p, uint64_t n);
/* Returns a pointer to the next n bytes and advances, or NULL. */
const unsigned char *fpc_cursor_take(struct fpc_cursor *c, uint64_t n);
uint8_t fpc_cursor_u8(struct fpc_cursor *c);
uint16_t fpc_cursor_u16(struct fpc_cursor *c);
uint32_t fpc_cursor_u32(struct fpc_cursor *c);
uint64_t fpc_cursor_u64(struct fpc_cursor *c);

/* FNV-1a 64-bit, for naming data (not for trusting it). */
uint64_t fpc_fnv1a64(uint64_t h, const void *p, size_t n);
#define FPC_FNV1A64_INIT 0xcbf29ce484222325u

#endif
