/*
 * Reduction kernels on the host (compare/truth/reduce_truth.c): exact values, the
 * conditioning of an input vector, the classical a-priori error bound of
 * each order, and host re-evaluations in specific orders for diff.  The
 * vectors and orders themselves are defined in fpcheck/kernels/reduce.h,
 * shared with the runner.
 */
#ifndef FPCHECK_REDUCE_TRUTH_H
#define FPCHECK_REDUCE_TRUTH_H

#include <stddef.h>
#include <stdint.h>

#include <mpfr.h>

#include "fpcheck/catalog.h"

/* Number of orders in fpcheck/kernels/reduce.def, and their names. */
#define FPC_REDUCE_NORDERS 12
const char *fpc_reduce_order_name(unsigned order);
/* The index of an order's name, FPC_REDUCE_NORDERS if none. */
unsigned fpc_reduce_order_index(const char *order);
/* "sum", "dot" or "norm". */
const char *fpc_reduce_op_name(unsigned op);
/* "uniform", "wide", "cancel" or "zero", or NULL. */
const char *fpc_reduce_dist_name(unsigned dist);

/*
 * The exact sum of terms (op FPC_REDUCE_SUM: x[i]; otherwise x[i] y[i],
 * with y = x for FPC_REDUCE_NORM) of the finite values x[0..n) and y[0..n)
 * (bit patterns of format fmt), in v, whose precision is set to hold it
 * exactly.  An exact fixed-point accumulator: every product is formed in
 * integers and added exactly.  Returns 0, or FPC_ERR_ARG on a non-finite
 * value.
 */
int fpc_reduce_exact(unsigned op, unsigned fmt, const uint64_t *x,
		     const uint64_t *y, uint32_t n, mpfr_ptr v);

/* MPFR definition of a reduction kernel of operation op, for the kernel
 * table: the exact value of the descriptor's reduction, rounded once. */
fpc_mpfrn_fn fpc_reduce_mpfr(unsigned op);

/* What a report says about one reduction input. */
struct fpc_reduce_info {
	uint32_t n, seed;
	unsigned dist;
	double cond;	/* sum |t_i| / |sum t_i| (inf when the sum is 0) */
	double abs_sum; /* sum |t_i|, rounded */
};

/* The descriptor args of kernel k (a reduction) decoded and measured,
 * given its exact result (as the truth has it; for a norm, the norm);
 * returns 0, or FPC_ERR_ARG when args is not a descriptor. */
int fpc_reduce_info(const struct fpc_kernel *k, const uint64_t *args,
		    double exact, struct fpc_reduce_info *info);

/*
 * The classical a-priori bound on |computed - exact| for kernel k's order
 * on an input of length n with sum |t_i| = abs_sum (Higham, Accuracy and
 * Stability of Numerical Algorithms, ch. 3 and 4): gamma_{n-1} for
 * recursive summation in any order (seq, rev, loop, threads, atomic),
 * gamma_{ceil(log2 n)} for pairwise, gamma_{n/L - 1 + log2 L} for L lanes,
 * (2u + O(n u^2)) for Kahan and Neumaier, with one more rounding for the
 * products of a dot product and a relative half for the square root of a
 * norm.  For the norm the bound is on the norm itself.  Returns NAN when
 * n u >= 1 (the bound says nothing).
 */
double fpc_reduce_bound(const struct fpc_kernel *k, uint32_t n,
			double abs_sum, double exact);

/* Host re-evaluations of reduction kernel k in definite orders, for the
 * kernel table (k->fn and k->format set). */
void fpc_reduce_variants(const struct fpc_kernel *k,
			 const struct fpc_variant **v, size_t *n);

/* "n=1000 cancel seed=12", for people; "?" when args is no descriptor. */
void fpc_reduce_describe(unsigned fmt, const uint64_t *args, char *buf,
			 size_t len);

#endif
