/*
 * Provenance: the key/value text pairs of a record's "PROV" section
 * (docs/record-format.md), which say how and where the record was made.
 * Part of the file format: the runner, merge and the record reader build,
 * encode and decode it here, and only here.
 */
#ifndef FPCHECK_PROV_H
#define FPCHECK_PROV_H

#include <stddef.h>
#include <stdint.h>

#include "fpcheck/container.h"

/*
 * What a reader accepts (docs/record-format.md), and so what a writer
 * writes: a PROV payload of at most FPC_PROV_MAX_BYTES holding at most
 * FPC_PROV_MAX_PAIRS pairs.  A runner writes about 25 pairs of its own,
 * one per user's function (at most 64) and those of -m, some hundred
 * bytes each: the limits leave room for thirty times as many pairs, and
 * bound what a hostile record can make a reader allocate and compare.
 */
#define FPC_PROV_MAX_PAIRS 4096
#define FPC_PROV_MAX_BYTES (UINT32_C(1) << 20)

struct fpc_prov {
	size_t n;
	char **key;
	char **val;
	/* The pairs' indices in key order (strcmp), so that a lookup takes
	 * log n comparisons: kept by fpc_prov_set and fpc_prov_decode.  A
	 * provenance put together by hand leaves it NULL and is searched
	 * pair by pair. */
	size_t *sorted;
};

/* The value of key, or NULL. */
const char *fpc_prov_get(const struct fpc_prov *p, const char *key);
/* The value of key, or fallback when p is NULL or has no such key. */
const char *fpc_prov_or(const struct fpc_prov *p, const char *key,
			const char *fallback);
/*
 * Sets key to a copy of val: in place when p has the key, else as a new
 * last pair, so that pairs keep the order their keys were first set in.
 * p starts zeroed and is freed with fpc_prov_release.  Returns 0, or
 * FPC_ERR_NOMEM with p unchanged.
 */
int fpc_prov_set(struct fpc_prov *p, const char *key, const char *val);
/* Frees p's pairs and zeroes it. */
void fpc_prov_release(struct fpc_prov *p);
/*
 * Decodes a PROV payload.  Returns 0, FPC_ERR_FORMAT (malformed, a NUL in
 * a key or value, a key set twice), FPC_ERR_LIMIT (over the limits above)
 * or FPC_ERR_NOMEM.
 */
int fpc_prov_decode(struct fpc_prov *p, const unsigned char *payload,
		    uint64_t len);
/* Writes p as a PROV section.  Returns 0, the writer's error,
 * FPC_ERR_LIMIT when p is over the limits above or FPC_ERR_ARG for a key
 * longer than 65535 bytes. */
int fpc_prov_write(struct fpc_writer *w, const struct fpc_prov *p);

/*
 * Text read from files (provenance keys and values, corpus notes), as
 * fpcheck shows it.  A file may hold any bytes, and none of them may
 * reach a terminal or a report as a control: C0 controls, DEL, C1
 * controls and the bidirectional controls (U+202A..E, U+2066..9), and
 * every byte that is not part of valid UTF-8, are shown as \xNN, one
 * per byte; the backslash as \\, so that the shown form is
 * unambiguous.  Anything else, valid UTF-8 included, is shown as it is.
 * JSON writers escape in JSON's own way, from the same classification.
 */
/* The unit at s (NUL-terminated, not at its end): returns its length, 1
 * to 4 bytes, and sets *cp to its code point, or to -1 for one byte that
 * starts no valid UTF-8 sequence (overlong, surrogate, above U+10FFFF or
 * cut short). */
size_t fpc_prov_utf8(const char *s, long *cp);
/* Is cp (or -1) a control or no character, never shown as itself? */
int fpc_prov_unsafe(long cp);
/* The shown form of the unit at s, NUL-terminated, into out; returns the
 * length of the unit. */
#define FPC_PROV_SHOWN_MAX 17 /* 4 bytes as \xNN, and the NUL */
size_t fpc_prov_show_unit(const char *s, char out[FPC_PROV_SHOWN_MAX]);
/* The shown form of s into buf (len > 0 bytes, NUL-terminated, cut at a
 * unit when too long); returns buf. */
char *fpc_prov_show(char *buf, size_t len, const char *s);

#endif
