/*
 * Private interface of the corpus module: the table of known
 * hard-to-round cases (hardcases.c), which the generator puts into every
 * corpus and which tests may iterate, the check that every libm function
 * has random sampling ranges, the recipes of the other kernel families,
 * which the driver (generate.c) calls, and limits shared by the corpus
 * sources.  Not installed; include/fpcheck/corpus.h is the public face.
 */
#ifndef FPC_CORPUS_IMPL_H
#define FPC_CORPUS_IMPL_H

#include <stddef.h>
#include <stdint.h>

/* Longest line of a user input file, newline excluded.  A line is one
 * input of at most two numbers; anything longer is a mistake (a binary
 * file, a missing newline), reported rather than truncated. */
#define FPC_CORPUS_LINE_MAX 1024

/* Notes are indexed by a u16 in the ORIG section. */
#define FPC_CORPUS_NOTES_MAX 65535u
/* A note is stored with a u16 length; notes are short in practice. */
#define FPC_CORPUS_NOTE_MAX 1024u

/*
 * A known hard-to-round input: a kernel ("exp", "sinf"), its format
 * (enum fpc_format) and arity, the input and where it was published.
 * The input is held as the double whose value it is, written in the
 * table as the hex float of the source: for binary32 kernels the value is
 * a float (the table test checks that it is exact).  value[1] is 0 for
 * unary kernels.  The provenance goes into the corpus as the note
 * "hard case: <source>".
 */
struct fpc_corpus_hardcase {
	const char *kernel;
	unsigned format;
	unsigned arity;
	double value[2];
	const char *source;
};

/* Number of hard cases in the table. */
size_t fpc_corpus_hardcase_count(void);
/* The i-th hard case (i < fpc_corpus_hardcase_count()), or NULL. */
const struct fpc_corpus_hardcase *fpc_corpus_hardcase_at(size_t i);
/* Bit pattern of argument a of h in h's format (binary32 zero-extended). */
uint64_t fpc_corpus_hardcase_bits(const struct fpc_corpus_hardcase *h,
				  unsigned a);

/* Has libm function fn (the double kernel's C name: "sin", "pow") an
 * entry in the table of random sampling ranges (corpus/sampling.c), with
 * ranges that hold values in both formats, y's too for arity 2?  A
 * function without one gets no random inputs. */
int fpc_corpus_has_sampling(const char *fn, unsigned arity);

struct fpc_kernel;
struct fpc_corpus_options;
struct fpc_corpus_kernel;
/* Inputs of an expression kernel (corpus/expr_inputs.c): special tuples,
 * cancellation cases, random tuples.  Returns 0 or FPC_ERR_NOMEM. */
int fpc_corpus_gen_expr(const struct fpc_kernel *k,
			const struct fpc_corpus_options *o,
			struct fpc_corpus_kernel *out);

/* Inputs of a reduction kernel (corpus/reduce_inputs.c): vector descriptors,
 * the same for every reduction.  Returns 0 or FPC_ERR_NOMEM. */
int fpc_corpus_gen_reduce(const struct fpc_kernel *k,
			  const struct fpc_corpus_options *o,
			  struct fpc_corpus_kernel *out);
/* How many descriptors that is. */
size_t fpc_corpus_reduce_count(void);

/* Inputs of a render kernel (corpus/render_inputs.c): every value of an image of
 * o->image_w x o->image_h.  Returns 0, FPC_ERR_ARG (too large) or
 * FPC_ERR_NOMEM. */
int fpc_corpus_gen_render(const struct fpc_kernel *k,
			  const struct fpc_corpus_options *o,
			  struct fpc_corpus_kernel *out);

#endif
