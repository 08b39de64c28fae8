/*
 * The kernel table: every kernel fpcheck knows, with the MPFR definition
 * of the function it computes.  Kernel names are the C names: "sin" is the
 * double kernel, "sinf" the float one.  The list itself is
 * fpcheck/kernels/functions.def, shared with the runner.
 */
#ifndef FPCHECK_CATALOG_H
#define FPCHECK_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include <mpfr.h>

typedef int (*fpc_mpfr1_fn)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t);
typedef int (*fpc_mpfr2_fn)(mpfr_ptr, mpfr_srcptr, mpfr_srcptr, mpfr_rnd_t);
/* The exact value of an expression kernel of its arguments x[0..arity),
 * rounded with rnd to y's precision, with MPFR's ternary value. */
typedef int (*fpc_mpfrn_fn)(mpfr_ptr y, mpfr_srcptr *x, mpfr_rnd_t rnd);

/* A reduction kernel's operation and order (fpcheck/kernels/reduce.def). */
struct fpc_reduction {
	unsigned op;	   /* enum fpc_reduce_op */
	const char *order; /* "seq", "kahan", ... */
	unsigned index;	   /* of the order, in reduce.def */
};

/* A render kernel's program and samples per pixel (render.def). */
struct fpc_render {
	const char *program; /* "path", "mandelbrot" */
	unsigned spp;
};

/* What a kernel is, which decides where its inputs come from and how its
 * truth is computed. */
enum fpc_family {
	/* A function of the C math library (mpfr1 or mpfr2 set,
	 * fpcheck/kernels/functions.def), or a user's function checked
	 * against one. */
	FPC_FAMILY_LIBM,
	/* An expression (mpfrn set, fpcheck/kernels/exprs.def). */
	FPC_FAMILY_EXPR,
	/* A reduction (mpfrn and reduction set,
	 * fpcheck/kernels/reduce.def): its arguments are a vector
	 * descriptor. */
	FPC_FAMILY_REDUCE,
	/* A render kernel (render set, no MPFR definition:
	 * fpcheck/kernels/render.def): its arguments name an image value. */
	FPC_FAMILY_RENDER,
	/* A user's function registered without truth ("-"): compared
	 * between records only. */
	FPC_FAMILY_UNCHECKED
};

/* A function that kernels compute, in double and float. */
struct fpc_function {
	const char *name; /* C name of the double version, e.g. "sin" */
	enum fpc_family family;
	unsigned arity; /* 1 to FPC_MAX_ARITY */
	fpc_mpfr1_fn mpfr1;
	fpc_mpfr2_fn mpfr2;
	fpc_mpfrn_fn mpfrn;
	const struct fpc_reduction *reduction;
	const struct fpc_render *render;
};

/* Does the kernel have a mathematical truth that MPFR computes? */
#define FPC_HAS_TRUTH(fn) ((fn)->mpfr1 || (fn)->mpfr2 || (fn)->mpfrn)

/*
 * A host re-evaluation of a kernel under one specific evaluation of its
 * source, e.g. its multiply-add contracted to fma(a, b, c): when it
 * reproduces a record's bits, it is evidence of how that build evaluated
 * the kernel.  Used by diff.
 */
struct fpc_variant {
	const char *name;  /* what it computes, e.g. "fma(a, b, c)" */
	const char *cause; /* short cause name, e.g. "fma-contraction" */
	/* The result bits for the kernel's arguments args; arg is the
	 * variant's own (NULL for most). */
	void (*eval)(const void *arg, const uint64_t *args, uint64_t *out);
	const void *arg;
};

struct fpc_kernel {
	const char *name; /* "sin", "sinf" */
	const struct fpc_function *fn;
	unsigned format; /* enum fpc_format: inputs and output */
	const struct fpc_variant *variants; /* may be NULL */
	size_t nvariants;
};

/* MPFR definitions and host variants of the expression kernels
 * (compare/truth/expr_truth.c): fn is "fma", "mad", ...; NULL if unknown. */
fpc_mpfrn_fn fpc_expr_mpfr(const char *fn);
void fpc_expr_variants(const char *kernel, const struct fpc_variant **v,
		       size_t *n);

size_t fpc_kernel_count(void);
/* The i-th kernel (i < fpc_kernel_count()), in report order. */
const struct fpc_kernel *fpc_kernel_at(size_t i);
/* The kernel called name, or NULL. */
const struct fpc_kernel *fpc_kernel_find(const char *name);
/* The kernel called name in a record with provenance prov: a built-in
 * one, or a user's function that the provenance describes ("kernel.NAME:
 * FUNCTION TYPE ARITY", include/fpcheck/kernel.h), checked against
 * FUNCTION's truth, or without truth when FUNCTION is "-".  NULL if
 * neither.  The result stays valid for the life of the process. */
struct fpc_prov;
const struct fpc_kernel *fpc_kernel_for(const struct fpc_prov *prov,
					const char *name);

/* Index of k in the table, for ordering (built-in kernels only). */
size_t fpc_kernel_index(const struct fpc_kernel *k);

/*
 * Parses a selection: a comma-separated list of kernel names, or the words
 * "all", "double" and "float".  sel must have room for fpc_kernel_count()
 * entries; they come out in table order without repeats.  On an unknown
 * name returns FPC_ERR_UNKNOWN and copies a message naming it (with the
 * closest known name) into detail.
 */
int fpc_kernel_select(const char *spec, const struct fpc_kernel **sel,
		      size_t *n, char *detail, size_t detail_len);

/* "double" or "float" for a format. */
const char *fpc_format_name(unsigned format);

#endif
