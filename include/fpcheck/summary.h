/*
 * The kernels x configurations summary: for each kernel and record, how
 * its results compare with a baseline record's (bit-identical, or the
 * share of inputs that differ and the largest ulp distance) and its
 * largest error against the MPFR truth.  Records are read in lockstep,
 * one kernel at a time.  fpcheck/summary_report.h writes a summary.
 */
#ifndef FPCHECK_SUMMARY_H
#define FPCHECK_SUMMARY_H

#include "fpcheck/catalog.h"
#include "fpcheck/record.h"
#include "fpcheck/truth.h"

struct fpc_cell {
	int present;	   /* the record has this kernel */
	int comparable;	   /* and the baseline has it with the same inputs */
	uint32_t n;	   /* inputs */
	uint32_t differ;   /* results whose bits differ from the baseline's */
	uint64_t max_dist; /* largest ulp distance over non-NaN pairs */
	int nan_mismatch;  /* a NaN against a number somewhere */
	int nan_bits;	   /* two NaNs with different sign or payload */
	int zero_sign;	   /* +0 against -0 */
	uint32_t cr;	   /* correctly rounded results */
	uint32_t n_err;	   /* finite results measured */
	double max_err;	   /* largest error against the truth, ulps */
};

struct fpc_summary {
	size_t nrec, nk, baseline;
	char **names;	       /* per record */
	char **paths;	       /* per record */
	struct fpc_prov *prov; /* per record */
	char **kernels;	       /* per kernel row: built-in ones in table
				* order, then users' functions */
	const struct fpc_kernel **kernel; /* per row: its definition */
	struct fpc_cell *cell;		  /* cell[k * nrec + r] */
};

/*
 * Reads the records (paths[i], shown as names[i]) and fills s, one row
 * per kernel as fpc_join (fpcheck/join.h) gives them.  Errors: as
 * fpc_join_next, or FPC_ERR_NOMEM; detail names the record at fault.
 */
int fpc_summary_compute(const char *const *paths, const char *const *names,
			size_t n, size_t baseline,
			const struct fpc_truth_options *o,
			struct fpc_summary *s, char *detail, size_t detail_len);
void fpc_summary_release(struct fpc_summary *s);

#endif
