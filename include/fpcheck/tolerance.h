/*
 * Tolerance tables: per platform (architecture, C library, compiler,
 * flags, from a record's provenance) and per function and precision, the
 * largest glibc-style error in ulps measured, the largest fractional
 * error, special-value mismatches, and the input that attains the
 * maximum.  Written as glibc's libm-test-ulps, JSON, a C header, CSV or
 * markdown (fpcheck/tolerance_report.h); read back (JSON or the glibc
 * layout) to check records against them: the CI gate.
 */
#ifndef FPCHECK_TOLERANCE_H
#define FPCHECK_TOLERANCE_H

#include <stddef.h>
#include <stdint.h>

#include "fpcheck/analysis.h"
#include "fpcheck/kdata.h"

/* The JSON layout's schema, as fpcheck/tolerance_report.h writes it and
 * fpc_tol_read reads it. */
#define FPC_TOL_SCHEMA	       "fpcheck-tolerances"
#define FPC_TOL_SCHEMA_VERSION 1

/* One function in one precision on one platform. */
struct fpc_tol_entry {
	char kernel[FPC_NAME_MAX + 1];	 /* "sinf" */
	char function[FPC_NAME_MAX + 1]; /* "sin" */
	unsigned format;		 /* enum fpc_format */
	uint64_t ulps;			 /* glibc-style, rounded up */
	double max_err;			 /* fractional, ulps */
	int64_t special;		 /* special-value mismatches; -1: any */
	/* The input attaining ulps (max_err when ulps is 0); has_witness 0
	 * when every result is exact. */
	int has_witness;
	unsigned arity;
	uint64_t in[FPC_MAX_ARITY], out, cr;
};

struct fpc_tol_platform {
	/* From the provenance; all empty for a glibc-format table, which
	 * applies to any record. */
	char *arch, *libc, *compiler, *flags;
	char *key; /* "arch, libc, compiler, flags": how records match */
	char **records;
	size_t nrecords;
	struct fpc_tol_entry *e; /* sorted by function, then double first */
	size_t n;
	/* Read from the glibc layout: a function not listed is allowed 0
	 * ulps, as glibc reads its files. */
	int absent_is_zero;
};

struct fpc_tol_table {
	struct fpc_tol_platform *p; /* sorted by key */
	size_t np;
	/* Read from the glibc layout: the real and imaginary parts of
	 * complex functions, which fpcheck does not measure, are left out;
	 * how many functions, and the first one's name. */
	size_t nskipped;
	char skipped[FPC_NAME_MAX + 1];
};

/* The platform key of a record's provenance: "arch, libc, compiler,
 * flags", each as fpcheck shows text (fpc_prov_show), so that the key is
 * one line without controls. */
int fpc_tol_key(const struct fpc_prov *prov, char **key);

/*
 * Adds the analysis of the record at path to t: to its platform's
 * entries, each the maximum of what it held and what the record
 * measured (a witness follows its maximum).  Kernels without truth are
 * left out.  Returns 0 or FPC_ERR_NOMEM.
 */
int fpc_tol_add(struct fpc_tol_table *t, const struct fpc_analysis *a,
		const char *path);
void fpc_tol_release(struct fpc_tol_table *t);

/* What fpc_tol_read accepts (docs/tolerances.md): a file of at most
 * FPC_TOL_FILE_MAX bytes (fpcheck's JSON table is about 75 KB a platform,
 * 1.2 MB for the 17 of the default matrix), at most FPC_TOL_PLATFORMS_MAX
 * platforms and, in the glibc layout, lines of at most FPC_TOL_LINE_MAX
 * characters.  Bounded, a file that never ends (/dev/zero, a FIFO) is an
 * error rather than a hang, and reading a table costs at most about 31
 * times its size in memory (a 232-byte entry for an 8-byte "float:0"
 * line; fpcheck's own tables about 10 times). */
#define FPC_TOL_FILE_MAX      (16L << 20)
#define FPC_TOL_PLATFORMS_MAX 4096
#define FPC_TOL_LINE_MAX      4096

/*
 * Reads a table written as JSON or in the glibc layout (told apart by the
 * first character that is not white space).  A table lists each platform
 * once and each kernel once per platform; ulps and special-value counts
 * are whole numbers, never negative.  From the glibc layout, "Function:
 * Real part of" and "Imaginary part of" blocks are skipped (counted in
 * nskipped), and types other than double and float are ignored, as
 * fpcheck measures neither.  Errors: FPC_ERR_IO (errno set),
 * FPC_ERR_PARSE with "FILE:LINE: why" or "FILE: why" in detail,
 * FPC_ERR_NOMEM.
 */
int fpc_tol_read(const char *path, struct fpc_tol_table *t, char *detail,
		 size_t detail_len);

/* What check found for one function of a record. */
enum fpc_check_status {
	FPC_CHECK_OK,
	FPC_CHECK_VIOLATION, /* more ulps or special mismatches than allowed */
	FPC_CHECK_LOOSE,     /* allowed much more than measured */
	FPC_CHECK_MISSING,   /* no tolerance for it */
};

struct fpc_check_item {
	char kernel[FPC_NAME_MAX + 1];
	char function[FPC_NAME_MAX + 1];
	unsigned format;
	enum fpc_check_status status;
	uint64_t measured, allowed;
	int64_t special, allowed_special;
	struct fpc_example witness; /* the measured maximum's input */
	unsigned arity;
};

struct fpc_check {
	char *key; /* the record's platform */
	struct fpc_check_item *item;
	size_t n, violations, warnings;
};

/*
 * Checks analysis a (of a record) against the platform of t it belongs
 * to.  A glibc-layout table applies to any platform, and a function it
 * does not list is allowed 0 ulps (as glibc reads it); in a JSON table a
 * function it does not list is a warning.  Errors: FPC_ERR_MISMATCH when
 * t has no platform for the record (detail names both), FPC_ERR_NOMEM.
 */
int fpc_tol_check(const struct fpc_tol_table *t, const struct fpc_analysis *a,
		  struct fpc_check *c, char *detail, size_t detail_len);
void fpc_check_release(struct fpc_check *c);

/*
 * A corpus of the table's witnesses: for each built-in kernel in the
 * table, the witness input of every platform, once each.  Evaluated and
 * checked against the table, it tells in seconds whether a build still
 * meets (or still reaches) the table's maxima.  Returns 0 or
 * FPC_ERR_NOMEM.
 */
struct fpc_corpus;
int fpc_tol_witness_corpus(const struct fpc_tol_table *t, struct fpc_corpus *c);

#endif
