/*
 * Registering your own functions with fpcheck.
 *
 * A file given to `fpcheck run --kernels FILE` defines the table
 * fpc_user_kernels[], ended by FPC_END, of the functions to check:
 *
 *     #include <fpcheck/kernel.h>
 *     #include "mylib.h"
 *
 *     const struct fpc_user_kernel fpc_user_kernels[] = {
 *         FPC_DOUBLE1(mylib_exp, "exp"),   // double mylib_exp(double)
 *         FPC_FLOAT1(mylib_sinf, "sin"),   // float mylib_sinf(float)
 *         FPC_DOUBLE2(mylib_pow, "pow"),   // double mylib_pow(double, double)
 *         FPC_DOUBLE1(mylib_blend, NULL),  // no standard meaning
 *         FPC_END
 *     };
 *
 * The second argument names the C math function (its double name) that
 * the function computes: fpcheck gives it that function's inputs and
 * measures it against that function's MPFR truth.  NULL registers a
 * function with no standard meaning: it gets atan's inputs (atan2's for
 * two arguments), which span the whole range, and is compared between
 * configurations only.  The macros check the function's type.
 *
 * This header is compiled into the runner with the flags under test and
 * depends on nothing else.
 */
#ifndef FPCHECK_KERNEL_H
#define FPCHECK_KERNEL_H

#include <stddef.h> /* NULL */

/* Formats, as fpcheck stores them. */
#define FPC_USER_FLOAT	1
#define FPC_USER_DOUBLE 2

struct fpc_user_kernel {
	const char *name;	/* the function's name, shown in reports */
	const char *implements; /* C math function (double name), or NULL */
	int format;		/* FPC_USER_FLOAT or FPC_USER_DOUBLE */
	int arity;		/* 1 or 2 */
	double (*d1)(double);
	double (*d2)(double, double);
	float (*f1)(float);
	float (*f2)(float, float);
};

/*
 * One entry of the table: the function fn, shown as label, stored in the
 * member slot (d1, d2, f1 or f2) whose type is the check on fn's.  The
 * macros below pass #fn as label, written where the user wrote fn, so
 * that the label is fn as written even when fn is itself a macro.
 */
#define FPC_USER_ENTRY(label, what, fmt, nargs, slot, fn)                      \
	{                                                                      \
		.name = (label), .implements = (what), .format = (fmt),        \
		.arity = (nargs), .slot = (fn)                                 \
	}

/* double fn(double) that computes the C math function implements. */
#define FPC_DOUBLE1(fn, implements)                                            \
	FPC_USER_ENTRY(#fn, implements, FPC_USER_DOUBLE, 1, d1, fn)
/* double fn(double, double). */
#define FPC_DOUBLE2(fn, implements)                                            \
	FPC_USER_ENTRY(#fn, implements, FPC_USER_DOUBLE, 2, d2, fn)
/* float fn(float); implements is still the double name ("exp"). */
#define FPC_FLOAT1(fn, implements)                                             \
	FPC_USER_ENTRY(#fn, implements, FPC_USER_FLOAT, 1, f1, fn)
/* float fn(float, float). */
#define FPC_FLOAT2(fn, implements)                                             \
	FPC_USER_ENTRY(#fn, implements, FPC_USER_FLOAT, 2, f2, fn)

/* A label must be a C identifier, as #fn is: it names the kernel in
 * records and in the truth cache's file names, and the runner refuses
 * any other. */

/* The end of the table: the entry whose name is NULL. */
#define FPC_END                                                                \
	{                                                                      \
		.name = NULL                                                   \
	}

extern const struct fpc_user_kernel fpc_user_kernels[];

#endif
