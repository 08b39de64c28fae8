/*
 * The kernel table (see fpcheck/catalog.h), expanded from the same
 * functions.def list the runner is built from.
 */
#include "fpcheck/catalog.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fpcheck/error.h"
#include "fpcheck/kdata.h"
#include "fpcheck/prov.h"
#include "fpcheck/reduce_truth.h"
#include "kernels/reduce.h"

/* mpfr_lgamma also returns the sign of Gamma; C's lgamma returns log|Gamma|
 * and sets signgam, which fpcheck does not check. */
static int fpc_mpfr_lgamma(mpfr_ptr y, mpfr_srcptr x, mpfr_rnd_t rnd)
{
	int sign;
	return mpfr_lgamma(y, &sign, x, rnd);
}

#define FN_1(f, m)                                                             \
	{                                                                      \
#f, FPC_FAMILY_LIBM, 1, m, NULL, NULL, NULL, NULL              \
	}
#define FN_2(f, m)                                                             \
	{                                                                      \
#f, FPC_FAMILY_LIBM, 2, NULL, m, NULL, NULL, NULL              \
	}

static const struct fpc_render renders[] = {
#define FPC_RENDER(name, program, spp) {#program, spp},
#include "kernels/render.def"
#undef FPC_RENDER
};
static struct fpc_function functions[] = {
#define FPC_FUNC(f, arity, m) FN_##arity(f, m),
#include "kernels/functions.def"
#undef FPC_FUNC
/* The MPFR definitions of expressions are bound by name below. */
#define FPC_EXPR(f, n, ed, ef)                                                 \
	{#f, FPC_FAMILY_EXPR, n, NULL, NULL, NULL, NULL, NULL},
#include "kernels/exprs.def"
#undef FPC_EXPR
/* Reductions: bound below too. */
#define FPC_REDUCE(op, order)                                                  \
	{#op "_" #order, FPC_FAMILY_REDUCE, 3, NULL, NULL, NULL, NULL, NULL},
#include "kernels/reduce.def"
#undef FPC_REDUCE
/* Render kernels: no MPFR definition, compared between builds only. */
#define FPC_RENDER(name, program, spp)                                         \
	{#name, FPC_FAMILY_RENDER, 3, NULL, NULL, NULL, NULL, NULL},
#include "kernels/render.def"
#undef FPC_RENDER
};

enum {
	NEXPRS = 0
#define FPC_FUNC(f, arity, m) +1
#define FPC_EXPR(f, n, ed, ef)
#include "kernels/exprs.def"
#include "kernels/functions.def"
#undef FPC_FUNC
#undef FPC_EXPR
#define FPC_FUNC(f, arity, m)
#define FPC_EXPR(f, n, ed, ef) +1
#include "kernels/exprs.def"
#include "kernels/functions.def"
#undef FPC_FUNC
#undef FPC_EXPR
};

/* Operation and order of each reduction, in the order of the table. */
enum {
	op_sum = FPC_REDUCE_SUM,
	op_dot = FPC_REDUCE_DOT,
	op_norm = FPC_REDUCE_NORM
};
static struct fpc_reduction reductions[] = {
#define FPC_REDUCE(op, order) {op_##op, #order, 0},
#include "kernels/reduce.def"
#undef FPC_REDUCE
};

enum {
	NREDUCTIONS = sizeof(reductions) / sizeof(reductions[0]),
	NRENDERS = sizeof(renders) / sizeof(renders[0])
};

enum { NFUNCTIONS = sizeof(functions) / sizeof(functions[0]) };

static const struct fpc_kernel kernels[] = {
#define FPC_FUNC(f, arity, m)                                                  \
	{#f, NULL, FPC_FMT_BINARY64, NULL, 0},                                 \
	    {#f "f", NULL, FPC_FMT_BINARY32, NULL, 0},
#include "kernels/functions.def"
#undef FPC_FUNC
#define FPC_EXPR(f, n, ed, ef) FPC_FUNC(f, n, ed)
#define FPC_FUNC(f, arity, m)                                                  \
	{#f, NULL, FPC_FMT_BINARY64, NULL, 0},                                 \
	    {#f "f", NULL, FPC_FMT_BINARY32, NULL, 0},
#include "kernels/exprs.def"
#undef FPC_FUNC
#undef FPC_EXPR
#define FPC_REDUCE(op, order)                                                  \
	{#op "_" #order, NULL, FPC_FMT_BINARY64, NULL, 0},                     \
	    {#op "_" #order "f", NULL, FPC_FMT_BINARY32, NULL, 0},
#include "kernels/reduce.def"
#undef FPC_REDUCE
#define FPC_RENDER(name, program, spp)                                         \
	{#name, NULL, FPC_FMT_BINARY64, NULL, 0},                              \
	    {#name "f", NULL, FPC_FMT_BINARY32, NULL, 0},
#include "kernels/render.def"
#undef FPC_RENDER
};

enum { NKERNELS = sizeof(kernels) / sizeof(kernels[0]) };

/* Kernel 2i and 2i+1 compute function i: the table entries are bound here
 * rather than written twice, with the expression kernels' MPFR
 * definitions and variants. */
static struct fpc_kernel bound[NKERNELS];
static pthread_once_t bound_once = PTHREAD_ONCE_INIT;

static void bind(void)
{
	for (size_t i = 0; i < NEXPRS; i++)
		if (!functions[i].mpfr1 && !functions[i].mpfr2)
			functions[i].mpfrn = fpc_expr_mpfr(functions[i].name);
	for (size_t i = NEXPRS; i < NEXPRS + NREDUCTIONS; i++) {
		struct fpc_reduction *r = &reductions[i - NEXPRS];
		r->index = fpc_reduce_order_index(r->order);
		functions[i].reduction = r;
		functions[i].mpfrn = fpc_reduce_mpfr(r->op);
	}
	for (size_t i = NEXPRS + NREDUCTIONS; i < NFUNCTIONS; i++)
		functions[i].render = &renders[i - NEXPRS - NREDUCTIONS];
	for (size_t i = 0; i < NKERNELS; i++) {
		bound[i] = kernels[i];
		bound[i].fn = &functions[i / 2];
		switch (bound[i].fn->family) {
		case FPC_FAMILY_REDUCE:
			fpc_reduce_variants(&bound[i], &bound[i].variants,
					    &bound[i].nvariants);
			break;
		case FPC_FAMILY_LIBM:
		case FPC_FAMILY_EXPR:
			fpc_expr_variants(bound[i].name, &bound[i].variants,
					  &bound[i].nvariants);
			break;
		case FPC_FAMILY_RENDER:
		case FPC_FAMILY_UNCHECKED:
			break;
		}
	}
}

/* The table, bound once, safely from any thread. */
static const struct fpc_kernel *table(void)
{
	pthread_once(&bound_once, bind);
	return bound;
}

size_t fpc_kernel_count(void)
{
	return NKERNELS;
}

const struct fpc_kernel *fpc_kernel_at(size_t i)
{
	return i < NKERNELS ? &table()[i] : NULL;
}

const struct fpc_kernel *fpc_kernel_find(const char *name)
{
	for (size_t i = 0; i < NKERNELS; i++)
		if (!strcmp(table()[i].name, name))
			return &table()[i];
	return NULL;
}

size_t fpc_kernel_index(const struct fpc_kernel *k)
{
	return (size_t)(k - table());
}

const char *fpc_format_name(unsigned format)
{
	return format == FPC_FMT_BINARY32   ? "float"
	       : format == FPC_FMT_BINARY64 ? "double"
					    : "unknown";
}

/* Levenshtein distance, for "did you mean" (names are short). */
static size_t distance(const char *a, size_t na, const char *b)
{
	size_t nb = strlen(b), row[FPC_NAME_MAX + 2];

	if (na > FPC_NAME_MAX || nb > FPC_NAME_MAX)
		return (size_t)-1;
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (up + 1 < best)
				best = up + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

int fpc_kernel_select(const char *spec, const struct fpc_kernel **sel,
		      size_t *n, char *detail, size_t detail_len)
{
	unsigned char chosen[NKERNELS] = {0};
	const char *p = spec;

	*n = 0;
	while (*p) {
		size_t len = strcspn(p, ",");
		int any = 0;

		for (size_t i = 0; i < NKERNELS; i++) {
			const struct fpc_kernel *k = &table()[i];
			const char *fmt = fpc_format_name(k->format);
			if ((len == 3 && !strncmp(p, "all", 3)) ||
			    (len == strlen(fmt) && !strncmp(p, fmt, len)) ||
			    (len == strlen(k->name) &&
			     !strncmp(p, k->name, len)))
				chosen[i] = any = 1;
		}
		if (!any && len) {
			const char *best = NULL;
			size_t bestd = 3; /* suggest only close names */
			for (size_t i = 0; i < NKERNELS; i++) {
				size_t d = distance(p, len, table()[i].name);
				if (d < bestd) {
					bestd = d;
					best = table()[i].name;
				}
			}
			if (best)
				snprintf(detail, detail_len,
					 "unknown function '%.*s' (did you "
					 "mean '%s'?)",
					 (int)len, p, best);
			else
				snprintf(detail, detail_len,
					 "unknown function '%.*s'", (int)len,
					 p);
			return FPC_ERR_UNKNOWN;
		}
		p += len + (p[len] == ',');
	}
	for (size_t i = 0; i < NKERNELS; i++)
		if (chosen[i])
			sel[(*n)++] = &table()[i];
	if (!*n) {
		snprintf(detail, detail_len, "no function selected");
		return FPC_ERR_ARG;
	}
	return 0;
}

/* ---- user kernels ------------------------------------------------------- */

/*
 * A user's function (fpcheck run --kernels) is known from its record's
 * provenance, "kernel.NAME: FUNCTION TYPE ARITY": it is the built-in
 * kernel of FUNCTION in TYPE under another name (its truth, no
 * variants), or with FUNCTION "-" a kernel without truth.  Each is made
 * once and kept for the life of the process, so that pointers to it stay
 * valid like the table's.
 */
struct user_kernel {
	struct fpc_kernel k;
	struct fpc_function fn; /* for one without truth */
	char name[FPC_NAME_MAX + 1];
	struct user_kernel *next;
};

static struct user_kernel *users;
static pthread_mutex_t users_lock = PTHREAD_MUTEX_INITIALIZER;

const struct fpc_kernel *fpc_kernel_for(const struct fpc_prov *prov,
					const char *name)
{
	const struct fpc_kernel *k = fpc_kernel_find(name), *impl = NULL;
	char key[FPC_NAME_MAX + 16], fn[FPC_NAME_MAX + 1], type[16], tail;
	const char *v;
	unsigned arity;
	struct user_kernel *u;

	if (k || !prov)
		return k;
	snprintf(key, sizeof(key), "kernel.%s", name);
	if (!(v = fpc_prov_get(prov, key)) ||
	    sscanf(v, "%63s %15s %u%c", fn, type, &arity, &tail) != 3 ||
	    (strcmp(type, "double") && strcmp(type, "float")) || arity < 1 ||
	    arity > 2 || strlen(name) > FPC_NAME_MAX)
		return NULL;
	if (strcmp(fn, "-")) {
		char kname[FPC_NAME_MAX + 2];
		snprintf(kname, sizeof(kname), "%s%s", fn,
			 strcmp(type, "float") ? "" : "f");
		impl = fpc_kernel_find(kname);
		if (!impl || impl->fn->arity != arity ||
		    impl->fn->family == FPC_FAMILY_REDUCE ||
		    impl->fn->family == FPC_FAMILY_RENDER)
			return NULL;
	}
	pthread_mutex_lock(&users_lock);
	for (u = users; u; u = u->next)
		if (!strcmp(u->name, name) &&
		    u->k.format == (strcmp(type, "float") ? FPC_FMT_BINARY64
							  : FPC_FMT_BINARY32) &&
		    u->k.fn->arity == arity &&
		    (impl ? u->k.fn == impl->fn : u->k.fn == &u->fn))
			break;
	if (!u && (u = calloc(1, sizeof(*u)))) {
		snprintf(u->name, sizeof(u->name), "%s", name);
		u->fn.name = u->name;
		u->fn.family = FPC_FAMILY_UNCHECKED;
		u->fn.arity = arity;
		u->k.name = u->name;
		u->k.fn = impl ? impl->fn : &u->fn;
		u->k.format =
		    strcmp(type, "float") ? FPC_FMT_BINARY64 : FPC_FMT_BINARY32;
		u->next = users;
		users = u;
	}
	pthread_mutex_unlock(&users_lock);
	return u ? &u->k : NULL;
}
