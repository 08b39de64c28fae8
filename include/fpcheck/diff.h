/*
 * Diff: two records compared kernel by kernel.  For each kernel that both
 * records hold with the same inputs: how many results differ and how far
 * apart they are (integer ulp distance), which side is nearer the MPFR
 * truth, how many exception flags differ, the first differing inputs, and
 * the likely cause of each difference with the evidence for it.  The
 * causes, and what each requires before it is claimed, are in
 * docs/diff.md.  Records are read in lockstep, one kernel at a time.
 *
 * A and B are the two records in the order given; arrays indexed by side
 * hold A at 0 and B at 1.  fpcheck/diff_report.h writes a diff.
 */
#ifndef FPCHECK_DIFF_H
#define FPCHECK_DIFF_H

#include "fpcheck/catalog.h"
#include "fpcheck/record.h"
#include "fpcheck/truth.h"

/* Differing inputs shown per kernel unless told otherwise. */
#define FPC_DIFF_FIRST	 5
#define FPC_EVIDENCE_MAX 1024

/*
 * Why two results differ, in the order the tests are tried on each
 * differing input: the first that holds is the input's cause.
 */
enum fpc_cause {
	FPC_CAUSE_ZERO_SIGN,   /* both zero, opposite signs */
	FPC_CAUSE_NAN_BITS,    /* both NaN, sign or payload differ */
	FPC_CAUSE_FTZ_DAZ,     /* subnormals flushed to zero */
	FPC_CAUSE_FMA,	       /* a variant: multiply-add contraction */
	FPC_CAUSE_X87_EXCESS,  /* a variant: x87 extended evaluation */
	FPC_CAUSE_X87,	       /* double rounding through x87 extended */
	FPC_CAUSE_REASSOC,     /* a variant: a sum in another order */
	FPC_CAUSE_THREADS,     /* a variant: threads' partials reordered */
	FPC_CAUSE_LIBM,	       /* libm functions: both within 1 ulp */
	FPC_CAUSE_UNEXPLAINED, /* none of the above */
	FPC_CAUSE_COUNT
};

/* Stable short name, for reports and JSON: "zero-sign",
 * "nan-sign-payload", "ftz-daz", "fma-contraction", "x87-excess-precision",
 * "x87-double-rounding", "reassociation", "thread-order", "libm",
 * "unexplained". */
const char *fpc_cause_name(enum fpc_cause c);
/* The cause called name, or -1. */
int fpc_cause_parse(const char *name);

enum fpc_kdiff_status {
	FPC_KDIFF_COMPARED,	 /* same inputs: results compared */
	FPC_KDIFF_INPUTS_DIFFER, /* same kernel, other inputs: an error */
	FPC_KDIFF_ONLY_A,	 /* the kernel is in A only */
	FPC_KDIFF_ONLY_B,	 /* the kernel is in B only */
};

/*
 * What one cause explains in one kernel.  side[s] counts the inputs on
 * which record s shows the effect: the -0 (zero-sign), the negative NaN
 * (nan-sign-payload, when the signs differ), the flushed zero or the
 * record whose provenance has FTZ/DAZ on (ftz-daz), the bits a variant
 * reproduces (fma-contraction, x87-excess-precision), the double-rounded
 * bits (x87-double-rounding), the results 1 ulp or more from the truth or
 * not measurable (unexplained, with truth; an input may count on both
 * sides); nothing for libm.  extra counts NaNs differing in payload only
 * (nan-sign-payload), inputs claimed for a subnormal input rather than a
 * flushed output (ftz-daz), inputs where one side is NaN and the other
 * not (unexplained).
 */
struct fpc_cause_stat {
	uint32_t count;
	uint32_t side[2];
	uint32_t extra;
	uint32_t measured[2]; /* inputs with a measurable error, per side */
	double max_err[2];    /* largest |error| against the truth, ulps */
	char evidence[FPC_EVIDENCE_MAX]; /* one sentence, "" if count is 0 */
};

/*
 * How often a kernel variant (catalog.h) reproduced each side, over the
 * differing inputs that reached the variant test.  A variant whose cause
 * names an enum fpc_cause claims that cause for an input it reproduces
 * when the reproduced record's provenance allows it (fp_fast_fma not "no"
 * for fma-contraction, flt_eval_method 2 or unknown for
 * x87-excess-precision); the first such variant in table order wins.
 * Any other variant (e.g. "no-contraction", the plain evaluation) is a
 * reference: its hits are quoted as corroboration and claim nothing.
 */
struct fpc_variant_hits {
	const char *name;    /* the variant's, static */
	const char *label;   /* its cause string as the kernel gives it */
	int cause;	     /* its enum fpc_cause, or -1 for a reference */
	uint32_t side[2];    /* inputs whose side s it reproduces */
	uint32_t claimed[2]; /* of those, inputs it explains */
};

/* A differing input.  err[s] is NAN when not measurable (no truth, or a
 * non-finite result or truth). */
struct fpc_diff_example {
	uint32_t index;
	uint64_t in[FPC_MAX_ARITY];
	uint64_t out[2];
	uint64_t cr; /* 0 without truth */
	double err[2];
	uint8_t flags[2];
	enum fpc_cause cause;
};

struct fpc_kdiff {
	char name[FPC_NAME_MAX + 1];
	unsigned format, arity;
	enum fpc_kdiff_status status;
	uint32_t n;	     /* inputs (A's when the inputs differ) */
	uint32_t n_b;	     /* B's inputs when they differ */
	uint32_t ndiff;	     /* inputs whose result bits differ */
	uint64_t max_dist;   /* largest integer ulp distance, non-NaN pairs */
	uint32_t nan_number; /* pairs where exactly one result is NaN */
	int truth;	     /* the truth was available */
	uint32_t closer[2], ties;  /* differing inputs nearer the truth */
	uint32_t measured[2];	   /* differing inputs with a measured error */
	double max_err[2];	   /* over the differing inputs, ulps */
	uint32_t flags_differ;	   /* inputs whose flags differ, both known */
	uint32_t flag_differ[8];   /* per FPC_FLAG bit */
	uint32_t flags_unknown[2]; /* inputs whose record cannot tell */
	struct fpc_cause_stat cause[FPC_CAUSE_COUNT];
	enum fpc_cause headline; /* explains the most differing inputs */
	struct fpc_variant_hits *variant; /* per kernel variant */
	size_t nvariant;
	struct fpc_diff_example *first; /* the first differing inputs */
	uint32_t nfirst;
};

/*
 * Compares kernel k's data in two records, a and b (with outputs), with
 * provenances pa and pb (either may be NULL).  k gives the variants and
 * the MPFR function for recomputation; it may be NULL (neither is tried).
 * t is the truth for these inputs, or NULL: then no error is measured and
 * the causes that need the truth (x87-double-rounding, libm) are not
 * tried.  Keeps the first nfirst
 * differing inputs.  When the inputs differ (name, formats, arity, count
 * or any input bit) out->status is FPC_KDIFF_INPUTS_DIFFER and nothing
 * else is compared.  out is released with fpc_kdiff_release.  Returns 0,
 * FPC_ERR_ARG (t for another number of inputs, or formats that contradict
 * k) or FPC_ERR_NOMEM.
 */
int fpc_diff_kernel(const struct fpc_kernel *k, const struct fpc_kdata *a,
		    const struct fpc_kdata *b, const struct fpc_prov *pa,
		    const struct fpc_prov *pb, const struct fpc_truth *t,
		    unsigned nfirst, struct fpc_kdiff *out);
void fpc_kdiff_release(struct fpc_kdiff *d);
/* Did the kernel compare equal: same inputs, same result bits and, where
 * both records know them, the same exception flags? */
int fpc_kdiff_identical(const struct fpc_kdiff *d);

struct fpc_diff_options {
	const struct fpc_truth_options *truth;
	unsigned nfirst; /* differing inputs kept per kernel */
};

/* Two records compared, kernels in table order. */
struct fpc_diff {
	struct fpc_prov prov[2];
	struct fpc_kdiff *k;
	size_t nk;
	char **unknown[2]; /* kernels fpcheck does not know, per record */
	size_t nunknown[2];
	size_t compared, identical; /* kernels */
};

/*
 * Reads the records at path[0] (A) and path[1] (B) kernel by kernel and
 * compares each kernel both hold; truth comes from o->truth (cache or
 * MPFR) for the kernels whose results differ.  Kernels in one record only
 * are listed as such; kernels fpcheck does not know are listed in
 * unknown.  Kernels are paired as fpc_join (fpcheck/join.h) pairs them,
 * users' functions included.  On error *which is the record at fault (0
 * or 1) and detail says "path: what went wrong" when the record is at
 * fault (else it is empty).  Errors: those of fpc_join_next, truth's,
 * FPC_ERR_NOMEM.  d is released on error.
 */
int fpc_diff_records(const char *const path[2],
		     const struct fpc_diff_options *o, struct fpc_diff *d,
		     int *which, char *detail, size_t detail_len);
void fpc_diff_release(struct fpc_diff *d);

#endif
