/*
 * Corpus: the inputs every kernel is evaluated on.
 *
 * Generated on the host, deterministically from a seed, and written to a
 * portable corpus file (docs/record-format.md) so that every architecture
 * evaluates exactly the same inputs.  Each kernel's inputs come from
 * special values, per-function hot spots, known hard-to-round cases (with
 * provenance), log-uniform random samples over the domain, and optionally a
 * user's input file.  Every input carries a note saying where it came from.
 *
 * A kernel's inputs depend only on the seed and the kernel, not on which
 * other kernels are selected, so subsets reuse cached truth.
 */
#ifndef FPCHECK_CORPUS_H
#define FPCHECK_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "fpcheck/catalog.h"
#include "fpcheck/kdata.h"

/* The defaults' digits are written once; usage texts quote them with
 * FPC_CORPUS_TEXT. */
#define FPC_CORPUS_SEED_DIGITS 20261121
#define FPC_CORPUS_RANDOM_DIGITS 8192
#define FPC_CORPUS_UNSIGNED_(d) d##u
#define FPC_CORPUS_UNSIGNED(d) FPC_CORPUS_UNSIGNED_(d)
#define FPC_CORPUS_TEXT_(d) #d
#define FPC_CORPUS_TEXT(d) FPC_CORPUS_TEXT_(d)
#define FPC_CORPUS_DEFAULT_SEED FPC_CORPUS_UNSIGNED(FPC_CORPUS_SEED_DIGITS)
#define FPC_CORPUS_DEFAULT_RANDOM FPC_CORPUS_UNSIGNED(FPC_CORPUS_RANDOM_DIGITS)

struct fpc_corpus_kernel {
	struct fpc_kdata data; /* name, formats, arity, n, in[]; no outputs */
	uint16_t *origin;      /* per input: index into notes */
	char **notes;          /* where inputs came from, e.g. "special: -0" */
	size_t nnotes;
};

struct fpc_corpus {
	uint64_t seed;
	uint64_t hash; /* fpc_kdata_hash over every kernel, in order */
	size_t n;
	struct fpc_corpus_kernel *k;
};

struct fpc_corpus_options {
	uint64_t seed;
	unsigned random; /* random samples per kernel */
	const struct fpc_kernel *const *kernels; /* selection, table order */
	size_t nkernels;
	const char *inputs; /* user input file, or NULL */
	int with_builtin;   /* with inputs: keep the built-in inputs too */
	/* Size of the render kernels' images; 0 for the default. */
	uint32_t image_w, image_h;
};

/* The render kernels' default image size: small enough for emulators. */
#define FPC_CORPUS_IMAGE_W 160
#define FPC_CORPUS_IMAGE_H 120

/* Fills o with the defaults: default seed and sample count, all kernels. */
void fpc_corpus_options_init(struct fpc_corpus_options *o);

/*
 * Generates the corpus.  With o->inputs, the file's inputs replace the
 * built-in ones (or are added to them with o->with_builtin).  Errors:
 * FPC_ERR_IO (errno set), FPC_ERR_PARSE (detail says "FILE:LINE: why"),
 * FPC_ERR_ARG (a selected kernel gets no input: detail says which),
 * FPC_ERR_NOMEM.  On failure c is released.
 */
int fpc_corpus_generate(struct fpc_corpus *c, const struct fpc_corpus_options *o,
			char *detail, size_t detail_len);

/*
 * Keeps shard i (0-based) of n of every kernel's inputs: the contiguous
 * range [N i / n, N (i + 1) / n) of its N inputs, so that the shards'
 * records laid end to end are the unsharded record (fpc_merge_shards).
 * c->hash becomes the shard's.  Returns 0 or FPC_ERR_ARG.
 */
int fpc_corpus_shard(struct fpc_corpus *c, unsigned i, unsigned n);

/* Writes c atomically.  Returns 0 or FPC_ERR_IO (errno set). */
int fpc_corpus_write(const struct fpc_corpus *c, const char *path);
/* Reads and verifies a corpus file (checksums, hash, known kernels). */
int fpc_corpus_read(struct fpc_corpus *c, const char *path);
void fpc_corpus_release(struct fpc_corpus *c);
/* The kernel of c called name, or NULL. */
const struct fpc_corpus_kernel *fpc_corpus_find(const struct fpc_corpus *c,
						const char *name);

/*
 * Parses a user input file for a kernel of the given format and arity:
 * one input per line, arity columns separated by white space or a comma,
 * each a C hex float (0x1.8p+1), a decimal, inf or nan; '#' starts a
 * comment.  Decimals round to nearest in the format (as strtod/strtof);
 * a hex float that the format cannot hold exactly is an error.  Lines
 * with another number of columns are skipped (they are for kernels of
 * another arity).  Returns the values in *in[a] (malloc'd, caller frees)
 * and their count in *n.  Errors: FPC_ERR_IO, FPC_ERR_PARSE with
 * "FILE:LINE: why" in detail, FPC_ERR_NOMEM.
 */
int fpc_corpus_parse_inputs(const char *path, unsigned format, unsigned arity,
			    uint64_t *in[], uint32_t *n, char *detail,
			    size_t detail_len);

#endif
