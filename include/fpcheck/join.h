/*
 * Several records read together, kernel by kernel: the rows of a
 * kernels x records table.  fpcheck's own kernels come first, in table
 * order, streamed (one kernel per record in memory at a time); then a
 * user's functions (include/fpcheck/kernel.h) that the records'
 * provenance describes, in the order they first appear.  Those are held
 * in memory until their row, since each record may list them anywhere.
 * Kernels that neither the table nor a record's provenance describes are
 * listed per record in unknown[] and left out of the rows.
 */
#ifndef FPCHECK_JOIN_H
#define FPCHECK_JOIN_H

#include <stddef.h>

#include "fpcheck/catalog.h"
#include "fpcheck/record.h"

struct fpc_join_user; /* private */

struct fpc_join {
	size_t n;
	struct fpc_record *rec; /* rec[r].prov is record r's provenance */
	/* The current row: its kernel, and for each record r that has it
	 * (has[r]) the record's data in kd[r]. */
	const struct fpc_kernel *kernel;
	unsigned char *has;
	struct fpc_kdata *kd;
	size_t row;	 /* rows returned so far, this one included */
	size_t fault;	 /* after an error: the record at fault */
	char ***unknown; /* per record, the names of kernels left out */
	size_t *nunknown;
	/* private */
	const char *const *paths;
	size_t *at; /* built-in table index of kd[r], SIZE_MAX past the end */
	unsigned char *held; /* kd[r] holds data */
	int users;	     /* in the rows of users' functions */
	struct fpc_join_user *user;
	size_t nuser, next_user;
};

/*
 * Opens the records paths[0..n-1] (the strings must outlive the join).
 * Returns 0, or an fpc_err with detail "path: what went wrong" for the
 * record at fault (fault).  On failure nothing is left open.
 */
int fpc_join_open(struct fpc_join *j, const char *const *paths, size_t n,
		  char *detail, size_t detail_len);
/*
 * Moves to the next row, releasing the current one.  Returns 1 with a
 * row, 0 after the last one (every record read to its verified end), or
 * a negative fpc_err with detail and fault as fpc_join_open: a record's
 * own errors, or
 * FPC_ERR_FORMAT for a kernel out of table order, repeated, or with
 * formats or arity that do not match its definition.
 */
int fpc_join_next(struct fpc_join *j, char *detail, size_t detail_len);
void fpc_join_close(struct fpc_join *j);

#endif
