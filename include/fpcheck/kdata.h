/*
 * Kernel data: the inputs (and, in a record, the outputs and exception
 * flags) of one kernel, and their encoding as a "KERN" section payload.
 * Shared by the runner and the library so that the two can never disagree
 * on the layout, which docs/record-format.md specifies.
 */
#ifndef FPC_KDATA_H
#define FPC_KDATA_H

#include <stdint.h>

#include "fpcheck/container.h"

#define FPC_MAX_ARITY 6
#define FPC_NAME_MAX 63

/* Value formats, as stored on disk. */
enum fpc_format {
	FPC_FMT_BINARY32 = 1,
	FPC_FMT_BINARY64 = 2,
};

/* Floating-point exception flags as stored on disk (not the host's FE_*). */
enum fpc_flag {
	FPC_FLAG_INVALID = 1 << 0,
	FPC_FLAG_DIVBYZERO = 1 << 1,
	FPC_FLAG_OVERFLOW = 1 << 2,
	FPC_FLAG_UNDERFLOW = 1 << 3,
	FPC_FLAG_INEXACT = 1 << 4,
	FPC_FLAG_UNAVAILABLE = 1 << 7, /* the target cannot report flags */
};

/*
 * Values are held as their IEEE 754 bit patterns, zero-extended to 64 bits
 * for binary32, so every comparison is a comparison of bits.  Input i of
 * argument a is in[a][i].  out and flags are NULL for corpus data.
 */
struct fpc_kdata {
	char name[FPC_NAME_MAX + 1];
	uint8_t in_format;
	uint8_t out_format;
	uint8_t arity;
	uint32_t n;
	uint64_t *in[FPC_MAX_ARITY];
	uint64_t *out;
	uint8_t *flags;
};

/* Bytes per value of a format, 0 for an unknown format. */
unsigned fpc_format_width(unsigned format);

/* Allocates in[], and out[] and flags[] if with_outputs, for n values.
 * Other fields must be set by the caller.  Returns 0 or FPC_ERR_NOMEM. */
int fpc_kdata_alloc(struct fpc_kdata *k, int with_outputs);
void fpc_kdata_release(struct fpc_kdata *k);

/* Decodes a KERN payload.  Outputs are expected if with_outputs.  Returns
 * 0, FPC_ERR_FORMAT, FPC_ERR_NAME (fpc_kdata_name_ok) or FPC_ERR_NOMEM;
 * on failure k is released. */
int fpc_kdata_decode(struct fpc_kdata *k, const unsigned char *p, uint64_t len,
		     int with_outputs);
/* Is name[0..len) a kernel name: a C identifier ([A-Za-z_][A-Za-z0-9_]*)
 * of 1 to FPC_NAME_MAX characters?  Every built-in kernel and every
 * user's function (registered by its C name) has one.  Names read from
 * files are data that end up in file names (the truth cache) and on
 * terminals, so no reader accepts another: no '/', no "..", no control
 * character. */
int fpc_kdata_name_ok(const char *name, size_t len);
/* Writes k as a KERN section, outputs included if with_outputs.
 * FPC_ERR_NAME if k's name is not a kernel name. */
int fpc_kdata_write(struct fpc_writer *w, const struct fpc_kdata *k,
		    int with_outputs);
/* Folds the kernel's name, formats, arity, count and inputs (not outputs)
 * into an FNV-1a 64 hash, in their on-disk encoding: the corpus hash. */
uint64_t fpc_kdata_hash(uint64_t h, const struct fpc_kdata *k);
/* Do a and b hold the same inputs (format, arity, count and every bit)?
 * Names and outputs are not compared. */
int fpc_kdata_same_inputs(const struct fpc_kdata *a, const struct fpc_kdata *b);

#endif
