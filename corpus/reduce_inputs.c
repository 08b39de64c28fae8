/*
 * Corpus of the reduction kernels: vector descriptors (n, distribution,
 * seed), the same list for every operation and order, so that a report
 * can set the orders side by side input by input.  Every distribution
 * comes at every length from 10 to 10^5, two of them at 10^6, with more
 * seeds at the short lengths where one vector says little.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus_impl.h"
#include "fpcheck/catalog.h"
#include "fpcheck/corpus.h"
#include "fpcheck/error.h"
#include "fpcheck/reduce_truth.h"
#include "kernels/reduce.h"
#include "rng.h"

static const struct {
	uint32_t n;
	unsigned seeds;
	unsigned dists; /* bit d: distribution d has this length */
} lengths[] = {
    {10, 4, 15},    {100, 4, 15},   {1000, 2, 15},
    {10000, 2, 15}, {100000, 1, 15},
    /* The longest only where length is the point: the error growth of a
     * well-conditioned sum, and of an ill-conditioned one. */
    {1000000, 1, 1u << FPC_DIST_UNIFORM | 1u << FPC_DIST_CANCEL},
};

enum { NLEN = sizeof(lengths) / sizeof(lengths[0]) };

size_t fpc_corpus_reduce_count(void)
{
	size_t n = 0;
	for (unsigned d = 0; d < FPC_DIST_COUNT; d++)
		for (unsigned l = 0; l < NLEN; l++)
			if (lengths[l].dists >> d & 1)
				n += lengths[l].seeds;
	return n;
}

/* Frees what out holds and zeroes it. */
static void discard(struct fpc_corpus_kernel *out)
{
	for (unsigned a = 0; a < 3; a++)
		free(out->data.in[a]);
	free(out->origin);
	for (size_t j = 0; j < out->nnotes; j++)
		free(out->notes[j]);
	free(out->notes);
	memset(out, 0, sizeof(*out));
}

/* Room for total descriptors and a note per (distribution, length). */
static int alloc_descriptors(struct fpc_corpus_kernel *out, size_t total)
{
	for (unsigned a = 0; a < 3; a++)
		if (!(out->data.in[a] = calloc(total, sizeof(uint64_t))))
			return FPC_ERR_NOMEM;
	if (!(out->origin = calloc(total, sizeof(uint16_t))) ||
	    !(out->notes = calloc(FPC_DIST_COUNT * NLEN, sizeof(char *))))
		return FPC_ERR_NOMEM;
	return 0;
}

/* The descriptors, distribution by distribution and length by length,
 * each (distribution, length) under its note, seeds drawn from rng. */
static int add_descriptors(unsigned format, uint64_t rng[4],
			   struct fpc_corpus_kernel *out)
{
	size_t i = 0;
	char buf[64];

	for (unsigned d = 0; d < FPC_DIST_COUNT; d++) {
		for (unsigned l = 0; l < NLEN; l++) {
			if (!(lengths[l].dists >> d & 1))
				continue;
			snprintf(buf, sizeof(buf), "reduction: %s, n=%lu",
				 fpc_reduce_dist_name(d),
				 (unsigned long)lengths[l].n);
			if (!(out->notes[out->nnotes] = strdup(buf)))
				return FPC_ERR_NOMEM;
			for (unsigned s = 0; s < lengths[l].seeds; s++, i++) {
				uint32_t seed =
				    (uint32_t)(fpc_corpus_rng_next(rng) &
					       FPC_REDUCE_MAX_SEED);
				out->data.in[0][i] =
				    fpc_reduce_bits(format, lengths[l].n);
				out->data.in[1][i] = fpc_reduce_bits(format, d);
				out->data.in[2][i] =
				    fpc_reduce_bits(format, seed);
				out->origin[i] = (uint16_t)out->nnotes;
			}
			out->nnotes++;
		}
	}
	return 0;
}

int fpc_corpus_gen_reduce(const struct fpc_kernel *k,
			  const struct fpc_corpus_options *o,
			  struct fpc_corpus_kernel *out)
{
	size_t total = fpc_corpus_reduce_count();
	uint64_t rng[4];

	memset(out, 0, sizeof(*out));
	/* One stream for every reduction kernel: their inputs are equal. */
	fpc_corpus_rng_init(rng, o->seed, "reductions");
	if (alloc_descriptors(out, total) ||
	    add_descriptors(k->format, rng, out)) {
		discard(out);
		return FPC_ERR_NOMEM;
	}
	snprintf(out->data.name, sizeof(out->data.name), "%s", k->name);
	out->data.in_format = out->data.out_format = (uint8_t)k->format;
	out->data.arity = 3;
	out->data.n = (uint32_t)total;
	return 0;
}
