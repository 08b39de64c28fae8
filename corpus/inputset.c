/*
 * The inputs of one libm kernel under construction: a growing list of
 * inputs with the index of each one's note, an open-addressing hash set
 * over the inputs' bit patterns so that an input is kept once (the first
 * time, with its first note), and another over the notes so that a note
 * is stored once however often it comes back.  A note enters the table
 * only with the first new input that carries it, so every stored note
 * is used.
 */
#include "inputset.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fpcheck/container.h"
#include "fpcheck/corpus.h"
#include "fpcheck/error.h"

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* Hash of an input (x, y). */
static uint64_t mix(uint64_t x, uint64_t y)
{
	uint64_t h =
	    x * 0x9e3779b97f4a7c15u ^ rotl(y, 31) * 0xc2b2ae3d27d4eb4fu;

	return h ^ (h >> 29);
}

static uint64_t note_hash(const char *s)
{
	return fpc_fnv1a64(FPC_FNV1A64_INIT, s, strlen(s));
}

static void *grow(void *p, size_t n, size_t size, int *err)
{
	void *q = realloc(p, n * size);

	if (!q && !*err)
		*err = FPC_ERR_NOMEM;
	return q;
}

/* Doubles the note hash set when one more note would fill it past half;
 * 0, or -1 with s->err set. */
static int grow_noteslots(struct inputset *s)
{
	size_t n = s->nnoteslot ? 2 * s->nnoteslot : 256;
	uint32_t *t;

	if (2 * (s->nnotes + 1) <= s->nnoteslot)
		return 0;
	if (!(t = calloc(n, sizeof(*t)))) {
		s->err = FPC_ERR_NOMEM;
		return -1;
	}
	for (size_t i = 0; i < s->nnotes; i++) {
		size_t j = note_hash(s->notes[i]) & (n - 1);
		while (t[j])
			j = (j + 1) & (n - 1);
		t[j] = (uint32_t)i + 1;
	}
	free(s->noteslot);
	s->noteslot = t;
	s->nnoteslot = n;
	return 0;
}

/* Stores note text at note slot i as a new note and makes it current. */
static void add_note(struct inputset *s, const char *text, size_t i)
{
	if (s->nnotes == FPC_CORPUS_NOTES_MAX) {
		s->err = FPC_ERR_ARG;
		return;
	}
	if (s->nnotes == s->notecap) {
		size_t n = s->notecap ? 2 * s->notecap : 64;
		char **p = grow(s->notes, n, sizeof(*p), &s->err);
		if (!p)
			return;
		s->notes = p;
		s->notecap = n;
	}
	if (!(s->notes[s->nnotes] = malloc(strlen(text) + 1))) {
		s->err = FPC_ERR_NOMEM;
		return;
	}
	strcpy(s->notes[s->nnotes], text);
	s->noteslot[i] = (uint32_t)s->nnotes + 1;
	s->cur = (unsigned)s->nnotes++;
}

/* Makes the pending note the current one, adding it to the table if it
 * is new. */
static void intern(struct inputset *s)
{
	const char *text = s->pending;
	size_t i, mask;

	if (grow_noteslots(s))
		return;
	mask = s->nnoteslot - 1;
	for (i = note_hash(text) & mask; s->noteslot[i]; i = (i + 1) & mask)
		if (!strcmp(s->notes[s->noteslot[i] - 1], text)) {
			s->cur = s->noteslot[i] - 1;
			return;
		}
	add_note(s, text, i);
}

void fpc_inputset_note(struct inputset *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->pending, sizeof(s->pending), fmt, ap);
	va_end(ap);
	s->has_pending = 1;
}

/* Doubles the input hash set when one more input would fill it past
 * half; 0, or -1 with s->err set. */
static int grow_slots(struct inputset *s)
{
	size_t n = s->nslot ? 2 * s->nslot : 1024;
	uint32_t *t;

	if (2 * ((size_t)s->n + 1) <= s->nslot)
		return 0;
	if (!(t = calloc(n, sizeof(*t)))) {
		s->err = FPC_ERR_NOMEM;
		return -1;
	}
	for (uint32_t k = 0; k < s->n; k++) {
		size_t j =
		    mix(s->in[0][k], s->arity > 1 ? s->in[1][k] : 0) & (n - 1);
		while (t[j])
			j = (j + 1) & (n - 1);
		t[j] = k + 1;
	}
	free(s->slot);
	s->slot = t;
	s->nslot = n;
	return 0;
}

/* Is (x, y) already an input?  If not, *slot is the free slot where its
 * index goes. */
static int seen(const struct inputset *s, uint64_t x, uint64_t y, size_t *slot)
{
	size_t i, mask = s->nslot - 1;

	for (i = mix(x, y) & mask; s->slot[i]; i = (i + 1) & mask) {
		uint32_t k = s->slot[i] - 1;
		if (s->in[0][k] == x && (s->arity < 2 || s->in[1][k] == y))
			return 1;
	}
	*slot = i;
	return 0;
}

/* Makes room for one more input; 0, or -1 with s->err set (FPC_ERR_ARG
 * past 2^31 inputs). */
static int grow_inputs(struct inputset *s)
{
	uint32_t n;
	uint16_t *o;

	if (s->n < s->cap)
		return 0;
	if (s->cap >= UINT32_MAX / 2) {
		s->err = FPC_ERR_ARG;
		return -1;
	}
	n = s->cap ? 2 * s->cap : 512;
	for (unsigned a = 0; a < s->arity; a++) {
		uint64_t *p = grow(s->in[a], n, sizeof(*p), &s->err);
		if (!p)
			return -1;
		s->in[a] = p;
	}
	if (!(o = grow(s->origin, n, sizeof(*o), &s->err)))
		return -1;
	s->origin = o;
	s->cap = n;
	return 0;
}

void fpc_inputset_put(struct inputset *s, uint64_t x, uint64_t y)
{
	size_t i;

	if (s->err)
		return;
	if (s->arity < 2)
		y = 0;
	if (grow_slots(s) || seen(s, x, y, &i))
		return;
	if (s->has_pending) {
		intern(s);
		s->has_pending = 0;
		if (s->err)
			return;
	}
	if (grow_inputs(s))
		return;
	s->in[0][s->n] = x;
	if (s->arity > 1)
		s->in[1][s->n] = y;
	s->origin[s->n] = (uint16_t)s->cur;
	s->slot[i] = ++s->n;
}

void fpc_inputset_give(struct inputset *s, struct fpc_corpus_kernel *out)
{
	out->data.arity = (uint8_t)s->arity;
	out->data.n = s->n;
	for (unsigned a = 0; a < s->arity; a++)
		out->data.in[a] = s->in[a];
	out->origin = s->origin;
	out->notes = s->notes;
	out->nnotes = s->nnotes;
	free(s->slot);
	free(s->noteslot);
	memset(s, 0, sizeof(*s));
}

void fpc_inputset_release(struct inputset *s)
{
	for (unsigned a = 0; a < 2; a++)
		free(s->in[a]);
	free(s->origin);
	for (size_t i = 0; i < s->nnotes; i++)
		free(s->notes[i]);
	free(s->notes);
	free(s->noteslot);
	free(s->slot);
	memset(s, 0, sizeof(*s));
}
