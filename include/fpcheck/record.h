/*
 * Records: what a runner wrote, read back.  A record is a container of
 * kind "REC " (docs/record-format.md): a "PROV" section of provenance
 * (key/value text pairs) first, then one "KERN" section per kernel with
 * inputs, outputs and exception flags.  Reading streams one kernel at a
 * time, so a record of any size is read in the memory of its largest
 * kernel.
 */
#ifndef FPCHECK_RECORD_H
#define FPCHECK_RECORD_H

#include <stddef.h>

#include "fpcheck/container.h"
#include "fpcheck/kdata.h"
#include "fpcheck/prov.h"

/* A "REPT" section: how a kernel's bits varied over repeated runs in one
 * process (fpcheck run --repeat). */
#define FPC_REPEAT_LIST 16
struct fpc_repeat {
	int valid; /* the kernel came with a REPT section */
	char name[FPC_NAME_MAX + 1];
	uint32_t runs;	       /* evaluations of every input */
	uint32_t nvaried;      /* inputs whose bits were not always the same */
	uint32_t max_distinct; /* most distinct results of one input */
	uint32_t nlisted;      /* the first varied inputs: */
	uint32_t index[FPC_REPEAT_LIST], distinct[FPC_REPEAT_LIST];
};

struct fpc_record {
	struct fpc_reader r;
	struct fpc_prov prov;
	uint64_t nkernels; /* kernels returned so far */
	/* The REPT section of the kernel fpc_record_next returned last
	 * (valid 0 when it had none). */
	struct fpc_repeat repeat;
	/* The distinct reduction vectors of the kernels read so far, as
	 * sorted keys (NULL until the first), and their terms: a record
	 * is held to the limits of docs/record-format.md. */
	uint64_t *vectors;
	size_t nvectors;
	uint64_t terms;
	/* The table index past the last built-in kernel read: the next
	 * must come at or after it. */
	size_t next_builtin;
	/* Why fpc_record_next refused a kernel's content, for people
	 * ("" when the error code says all). */
	char why[192];
};

/*
 * Opens a record and reads its provenance.  Errors as fpc_reader_open,
 * plus FPC_ERR_FORMAT when the first section is not a valid PROV.
 * On failure rec is released.
 */
int fpc_record_open(struct fpc_record *rec, const char *path);
/*
 * Reads the next kernel into k (caller releases it with
 * fpc_kdata_release).  Returns 1 with a kernel, 0 at the verified end, or
 * a negative fpc_err (truncation, corruption: nothing after it is read).
 * fpcheck's own kernels must come in table order, each once, and the
 * inputs of a built-in reduction kernel must be descriptors within the
 * limits of docs/record-format.md: else FPC_ERR_FORMAT or FPC_ERR_LIMIT,
 * with rec->why saying which kernel and what.
 */
int fpc_record_next(struct fpc_record *rec, struct fpc_kdata *k);
void fpc_record_close(struct fpc_record *rec);
/*
 * Reads the record at path to its verified end, every kernel checked as
 * fpc_record_next checks it, and keeps nothing but their names: no name
 * may appear twice.  Readers call it before they compute anything from a
 * record, so that a fault anywhere in it costs no work.  Returns 0, the
 * first error of fpc_record_open and fpc_record_next (errno set for
 * FPC_ERR_IO) or FPC_ERR_FORMAT for a name given twice, with detail
 * saying why ("" when the error code says all).
 */
int fpc_record_check(const char *path, char *detail, size_t detail_len);
/*
 * The kernel called name in the record at path: a built-in one, or a
 * user's function its provenance describes (fpc_kernel_for).  NULL when
 * neither, or when the record cannot be opened.
 */
struct fpc_kernel;
const struct fpc_kernel *fpc_record_kernel(const char *path, const char *name);
#endif
