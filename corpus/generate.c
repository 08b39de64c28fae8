/*
 * Corpus generation, the driver: the inputs of each selected kernel, by
 * its family's recipe.  A libm kernel gets, in this order, special values
 * (specials.c), per-function hot spots (hotspots.c, on thresholds.c),
 * known hard cases (hardcases.c), log-uniform random samples
 * (sampling.c), then the user's inputs; they are deduplicated by bit
 * pattern within the kernel, the first occurrence and its note kept
 * (inputset.c).  Expression, reduction and render kernels have recipes of
 * their own (expr_inputs.c, reduce_inputs.c, render_inputs.c).
 *
 * Determinism.  A kernel's inputs depend only on the seed, the kernel's
 * name, the sample count and the user's file, never on which other
 * kernels are selected: each kernel has its own random stream (rng.c),
 * seeded from seed ^ FNV-1a(name).  Nothing depends on the host's libm:
 * every threshold, zero and multiple of pi/2 is computed with MPFR, which
 * rounds correctly and so gives the same bits everywhere, and random
 * values are assembled from integer bit patterns of the kernel's format
 * (float inputs are drawn as floats, never rounded from doubles).
 */
#include "fpcheck/corpus.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpfr.h>

#include "corpus_impl.h"
#include "fpcheck/error.h"
#include "kernels/render.h"
#include "libm_inputs.h"

/* gen_libm's report that a kernel got no input at all. */
#define NO_INPUT 1

/* A user file parsed for one (format, arity), shared by its kernels. */
struct user {
	int done;
	uint64_t *in[2];
	uint32_t n;
};

/* The hard cases of g's kernel, noted "hard case: <source>". */
static void add_hard(struct gen *g)
{
	for (size_t i = 0; i < fpc_corpus_hardcase_count(); i++) {
		const struct fpc_corpus_hardcase *h = fpc_corpus_hardcase_at(i);
		if (strcmp(h->kernel, g->k->name) ||
		    h->format != g->f->format || h->arity != g->b.arity)
			continue;
		fpc_inputset_note(&g->b, "hard case: %s", h->source);
		fpc_inputset_put(&g->b, fpc_corpus_hardcase_bits(h, 0),
				 fpc_corpus_hardcase_bits(h, 1));
	}
}

/* The built-in inputs of a libm kernel, in their order. */
static void add_builtin(struct gen *g, const struct fpc_corpus_options *o)
{
	fpc_libm_specials(g);
	fpc_libm_hot_spots(g);
	add_hard(g);
	fpc_libm_random(g, o->random);
}

static void add_user(struct gen *g, const char *path, const struct user *u)
{
	fpc_inputset_note(&g->b, "user: %s", path);
	for (uint32_t i = 0; i < u->n; i++)
		fpc_inputset_put(&g->b, u->in[0][i],
				 g->b.arity > 1 ? u->in[1][i] : 0);
}

/* The inputs of libm kernel k (built-in, the user's u, or both) into out.
 * Returns 0, NO_INPUT, or the input set's error. */
static int gen_libm(const struct fpc_kernel *k,
		    const struct fpc_corpus_options *o, const struct user *u,
		    struct fpc_corpus_kernel *out)
{
	struct gen g;
	int err;

	fpc_libm_init(&g, k, o->seed);
	if (!u || o->with_builtin)
		add_builtin(&g, o);
	if (u)
		add_user(&g, o->inputs, u);
	if (!(err = g.b.err) && !g.b.n)
		err = NO_INPUT;
	if (!err) {
		memset(out, 0, sizeof(*out));
		snprintf(out->data.name, sizeof(out->data.name), "%s", k->name);
		out->data.in_format = out->data.out_format = (uint8_t)k->format;
		fpc_inputset_give(&g.b, out);
	}
	fpc_libm_release(&g);
	return err;
}

static int check_options(const struct fpc_corpus_options *o, char *detail,
			 size_t detail_len)
{
	size_t prev = 0;

	if (!o || !o->kernels || !o->nkernels) {
		snprintf(detail, detail_len, "no kernel selected");
		return FPC_ERR_ARG;
	}
	if (o->image_w > FPC_RENDER_MAX_SIDE || o->image_h > FPC_RENDER_MAX_SIDE) {
		snprintf(detail, detail_len,
			 "images are at most %ux%u pixels", FPC_RENDER_MAX_SIDE,
			 FPC_RENDER_MAX_SIDE);
		return FPC_ERR_ARG;
	}
	for (size_t i = 0; i < o->nkernels; i++) {
		const struct fpc_kernel *k = o->kernels[i];
		size_t idx;
		if (!k || fpc_kernel_find(k->name) != k || k->fn->arity < 1 ||
		    k->fn->arity > FPC_MAX_ARITY) {
			snprintf(detail, detail_len,
				 "invalid kernel selection");
			return FPC_ERR_ARG;
		}
		idx = fpc_kernel_index(k);
		if (i && idx <= prev) {
			snprintf(detail, detail_len,
				 "kernels must be distinct, in table order");
			return FPC_ERR_ARG;
		}
		prev = idx;
	}
	return 0;
}

/* Expression, reduction and render kernels have their own recipes. */
static int own_recipe(const struct fpc_function *fn)
{
	return fn->family == FPC_FAMILY_EXPR ||
	       fn->family == FPC_FAMILY_REDUCE ||
	       fn->family == FPC_FAMILY_RENDER;
}

static int gen_own_recipe(const struct fpc_kernel *k,
			  const struct fpc_corpus_options *o,
			  struct fpc_corpus_kernel *out)
{
	switch (k->fn->family) {
	case FPC_FAMILY_RENDER:
		return fpc_corpus_gen_render(k, o, out);
	case FPC_FAMILY_REDUCE:
		return fpc_corpus_gen_reduce(k, o, out);
	default:
		return fpc_corpus_gen_expr(k, o, out);
	}
}

/*
 * The user's inputs for kernel k into *u: the file parsed for k's
 * (format, arity) the first time one of its kernels asks.  Returns 0, or
 * FPC_ERR_ARG with detail written when k cannot take inputs from a file,
 * or the parser's error.
 */
static int user_inputs(const struct fpc_kernel *k,
		       const struct fpc_corpus_options *o,
		       struct user users[2][2], struct user **u, char *detail,
		       size_t detail_len)
{
	/* Input files have one or two columns, and the recipes
	 * --with-builtin would add are the libm functions'. */
	if (k->fn->arity > 2 || k->fn->family == FPC_FAMILY_RENDER ||
	    (own_recipe(k->fn) && o->with_builtin)) {
		snprintf(detail, detail_len,
			 "'%s' cannot take inputs from a file (leave "
			 "it out of --functions)",
			 k->name);
		return FPC_ERR_ARG;
	}
	*u = &users[k->format == FPC_FMT_BINARY64][k->fn->arity - 1];
	if ((*u)->done)
		return 0;
	(*u)->done = 1;
	return fpc_corpus_parse_inputs(o->inputs, k->format, k->fn->arity,
				       (*u)->in, &(*u)->n, detail, detail_len);
}

/* Writes the detail of gen_libm's error err for kernel k; returns the
 * error to report. */
static int explain(int err, const struct fpc_kernel *k,
		   const struct fpc_corpus_options *o, char *detail,
		   size_t detail_len)
{
	if (err == NO_INPUT) {
		snprintf(detail, detail_len,
			 "no input for '%s' in %s (it takes %u "
			 "column%s)",
			 k->name, o->inputs ? o->inputs : "the corpus",
			 k->fn->arity, k->fn->arity > 1 ? "s" : "");
		return FPC_ERR_ARG;
	}
	if (err == FPC_ERR_ARG)
		snprintf(detail, detail_len,
			 "too many inputs or notes for '%s'", k->name);
	return err;
}

/* Kernel i of the selection into c->k[i], counted in c->n and c->hash.
 * Returns 0 or an error, with detail written where there is one. */
static int gen_one(struct fpc_corpus *c, size_t i,
		   const struct fpc_corpus_options *o, struct user users[2][2],
		   char *detail, size_t detail_len)
{
	const struct fpc_kernel *k = o->kernels[i];
	struct user *u = NULL;
	int err;

	if (own_recipe(k->fn) && !o->inputs) {
		c->n = i + 1;
		err = gen_own_recipe(k, o, &c->k[i]);
	} else {
		if (o->inputs &&
		    (err = user_inputs(k, o, users, &u, detail, detail_len)))
			return err;
		c->n = i + 1;
		err = explain(gen_libm(k, o, u, &c->k[i]), k, o, detail,
			      detail_len);
	}
	if (!err)
		c->hash = fpc_kdata_hash(c->hash, &c->k[i].data);
	return err;
}

static void free_users(struct user users[2][2])
{
	for (int f = 0; f < 2; f++)
		for (int a = 0; a < 2; a++)
			for (int j = 0; j < 2; j++)
				free(users[f][a].in[j]);
}

/*
 * See corpus.h.  o->kernels must be distinct kernels of the table in table
 * order (FPC_ERR_ARG otherwise).  The user's file is read once per
 * (format, arity) and shared by the kernels that need it.  MPFR's
 * exponent range and flags are as they were on return.
 */
int fpc_corpus_generate(struct fpc_corpus *c,
			const struct fpc_corpus_options *o, char *detail,
			size_t detail_len)
{
	struct user users[2][2];
	mpfr_flags_t flags = mpfr_flags_save();
	char scratch[8];
	int err, e;

	memset(c, 0, sizeof(*c));
	memset(users, 0, sizeof(users));
	if (!detail || !detail_len) {
		detail = scratch;
		detail_len = sizeof(scratch);
	}
	detail[0] = 0;
	if ((err = check_options(o, detail, detail_len)))
		return err;
	if (!(c->k = calloc(o->nkernels, sizeof(*c->k))))
		return FPC_ERR_NOMEM;
	c->seed = o->seed;
	c->hash = FPC_FNV1A64_INIT;
	for (size_t i = 0; i < o->nkernels && !err; i++)
		err = gen_one(c, i, o, users, detail, detail_len);
	e = errno;
	free_users(users);
	if (err)
		fpc_corpus_release(c);
	mpfr_flags_restore(flags, MPFR_FLAGS_ALL);
	errno = e;
	return err;
}
