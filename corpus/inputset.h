/*
 * Private to the corpus module: the inputs of one libm kernel under
 * construction.  Inputs are kept once each, by bit pattern (the first
 * occurrence and its note win), and each carries the index of the note
 * that says where it comes from.
 */
#ifndef FPC_CORPUS_INPUTSET_H
#define FPC_CORPUS_INPUTSET_H

#include <stddef.h>
#include <stdint.h>

#include "corpus_impl.h"

struct fpc_corpus_kernel;

/* Zero it, then set arity (1 or 2), before the first put. */
struct inputset {
	unsigned arity;
	uint32_t n, cap;
	uint64_t *in[2];
	uint16_t *origin;
	char **notes;
	size_t nnotes, notecap;
	uint32_t *noteslot; /* hash set of notes: index + 1, 0 when free */
	size_t nnoteslot;
	uint32_t *slot; /* hash set of inputs: index + 1, 0 when free */
	size_t nslot;
	unsigned cur; /* note of the inputs being added */
	int has_pending;
	char pending[FPC_CORPUS_NOTE_MAX]; /* note of the next new input */
	int err; /* first error, sticky: FPC_ERR_NOMEM, or FPC_ERR_ARG for
		  * too many inputs or notes */
};

/* Makes note fmt (formatted, truncated to FPC_CORPUS_NOTE_MAX - 1 bytes)
 * the note of the inputs added next.  It enters the table with the first
 * of them that is not a duplicate, so that no note goes unused. */
void fpc_inputset_note(struct inputset *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Adds input (x, y) (y ignored by unary kernels) under the current note
 * unless it is already there.  Does nothing once s->err is set; sets it
 * on failure. */
void fpc_inputset_put(struct inputset *s, uint64_t x, uint64_t y);

/* Moves the inputs, their origins and the notes into out (its arity, n,
 * in[], origin, notes and nnotes; nothing else is touched) and frees
 * the rest: s is then empty.  Only when s->err is 0. */
void fpc_inputset_give(struct inputset *s, struct fpc_corpus_kernel *out);

/* Frees everything s holds; s is then empty. */
void fpc_inputset_release(struct inputset *s);

#endif
