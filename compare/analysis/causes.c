/*
 * Why two records' results differ: each differing input is tried against
 * the causes in a fixed order (zero sign, NaN bits, flush to zero, the
 * kernel's variants, x87 double rounding, two faithful libms) and counted
 * under the first that holds, else as unexplained.  A cause is claimed
 * only on evidence: the bits themselves, the records' provenance, or a
 * recomputation that reproduces one side's bits exactly (docs/diff.md).
 */
#include "causes.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fpcheck/stats.h"
#include "fpcheck/ulp.h"

/* The width of an x87 register's significand, the first rounding of
 * double rounding on i386. */
#define X87_PRECISION 64

static const char *const cause_names[FPC_CAUSE_COUNT] = {
    [FPC_CAUSE_ZERO_SIGN] = "zero-sign",
    [FPC_CAUSE_NAN_BITS] = "nan-sign-payload",
    [FPC_CAUSE_FTZ_DAZ] = "ftz-daz",
    [FPC_CAUSE_FMA] = "fma-contraction",
    [FPC_CAUSE_X87_EXCESS] = "x87-excess-precision",
    [FPC_CAUSE_X87] = "x87-double-rounding",
    [FPC_CAUSE_REASSOC] = "reassociation",
    [FPC_CAUSE_THREADS] = "thread-order",
    [FPC_CAUSE_LIBM] = "libm",
    [FPC_CAUSE_UNEXPLAINED] = "unexplained",
};

static const char side_name[2] = {'A', 'B'};

const char *fpc_cause_name(enum fpc_cause c)
{
	return (unsigned)c < FPC_CAUSE_COUNT ? cause_names[c] : "unknown";
}

int fpc_cause_parse(const char *name)
{
	for (int c = 0; name && c < FPC_CAUSE_COUNT; c++)
		if (!strcmp(name, cause_names[c]))
			return c;
	return -1;
}

/* 1 when the provenance says key is "on", 0 "off", -1 when it does not
 * say. */
static int prov_state(const struct fpc_prov *p, const char *key)
{
	const char *v = p ? fpc_prov_get(p, key) : NULL;

	if (v && !strcmp(v, "on"))
		return 1;
	if (v && !strcmp(v, "off"))
		return 0;
	return -1;
}

/* Do these compiler flags allow a sum to be evaluated in another order
 * than written?  Unknown flags might. */
static int may_reassociate(const char *flags)
{
	static const char *const allow[] = {"-ffast-math", "-Ofast",
					    "-fassociative-math",
					    "-funsafe-math-optimizations"};

	if (!flags || !strcmp(flags, "unknown"))
		return 1;
	for (size_t i = 0; i < sizeof(allow) / sizeof(allow[0]); i++)
		if (strstr(flags, allow[i]))
			return 1;
	return 0;
}

void fpc_cause_ctx_init(struct cause_ctx *c, const struct fpc_kernel *k,
			unsigned format, unsigned arity,
			const struct fpc_prov *pa, const struct fpc_prov *pb,
			const struct fpc_truth *t)
{
	memset(c, 0, sizeof(*c));
	c->k = k;
	c->format = format;
	c->arity = arity;
	c->prov[0] = pa;
	c->prov[1] = pb;
	c->t = t;
	for (int s = 0; s < 2; s++) {
		int ftz = prov_state(c->prov[s], "ftz");
		int daz = prov_state(c->prov[s], "daz");

		const char *fem =
		    fpc_prov_or(c->prov[s], "flt_eval_method", NULL);
		const char *arch = fpc_prov_or(c->prov[s], "arch", NULL);

		c->flush[s] = ftz == 1 || daz == 1   ? 1
			      : ftz == 0 && daz == 0 ? 0
						     : -1;
		const char *fma = fpc_prov_or(c->prov[s], "fp_fast_fma", NULL);

		c->x87[s] = (fem && !strcmp(fem, "2")) ||
			    (arch && !strcmp(arch, "i686")) || (!fem && !arch);
		c->excess[s] = !fem || !strcmp(fem, "2");
		/* Without FP_FAST_FMA the target has no fused multiply-add
		 * instruction for the compiler to contract into. */
		c->fma[s] = !fma || strcmp(fma, "no");
		c->reassoc[s] = may_reassociate(
		    fpc_prov_or(c->prov[s], "build.flags", NULL));
	}
	{
		static const char *const keys[] = {"libc", "arch"};
		for (size_t i = 0; i < 2; i++) {
			const char *va = fpc_prov_or(c->prov[0], keys[i], NULL);
			const char *vb = fpc_prov_or(c->prov[1], keys[i], NULL);
			if (va && vb && strcmp(va, "unknown") &&
			    strcmp(vb, "unknown") && strcmp(va, vb))
				c->libc_differs = 1;
		}
	}
}

double fpc_cause_error(const struct cause_ctx *c, uint32_t i, uint64_t y)
{
	unsigned f = c->format;

	if (!c->t || !isfinite(fpc_bits_value(f, y)) ||
	    !isfinite(fpc_bits_value(f, c->t->cr[i])))
		return NAN;
	return fpc_ulp_error(f, y, c->t->cr[i], c->t->off[i], c->t->ue[i]);
}

/* Result z of side s is a zero where the other side's o is a subnormal of
 * the same sign, as flushing that subnormal gives. */
static int flushed(unsigned f, uint64_t z, uint64_t o)
{
	return fpc_bits_iszero(f, z) && fpc_bits_issubnormal(f, o) &&
	       fpc_bits_signbit(f, z) == fpc_bits_signbit(f, o);
}

/* Could record s have evaluated the kernel the way a variant standing
 * for cause does, as far as its provenance tells? */
static int plausible(const struct cause_ctx *c, int cause, int s)
{
	switch (cause) {
	case FPC_CAUSE_FMA:
		return c->fma[s];
	case FPC_CAUSE_X87_EXCESS:
		return c->excess[s];
	case FPC_CAUSE_X87:
		return c->x87[s];
	case FPC_CAUSE_REASSOC:
		return c->reassoc[s];
	case FPC_CAUSE_FTZ_DAZ:
		return c->flush[s] != 0;
	default:
		return 1;
	}
}

/* Tries every variant of the kernel on the input; returns the cause of
 * the first that names one, reproduces a side and is plausible for that
 * side's record, or -1. */
static int try_variants(const struct cause_ctx *c, const uint64_t *args,
			uint64_t a, uint64_t b, struct fpc_variant_hits *hits,
			int *side, int *variant)
{
	int claimed = -1;

	for (size_t v = 0; c->k && v < c->k->nvariants; v++) {
		const struct fpc_variant *var = &c->k->variants[v];
		uint64_t y = 0;
		int s, cause;

		if (!var->eval)
			continue;
		var->eval(var->arg, args, &y);
		if (y != a && y != b)
			continue;
		s = y == a ? 0 : 1;
		if (hits)
			hits[v].side[s]++;
		cause = fpc_cause_parse(var->cause);
		if (cause < 0 || claimed >= 0 || !plausible(c, cause, s))
			continue;
		claimed = cause;
		*side = s;
		*variant = (int)v;
	}
	return claimed;
}

/* Flush to zero: a flushed result, only where that record may flush (its
 * provenance has FTZ or DAZ on, or does not say; a record that says both
 * are off rounded to zero some other way); else a subnormal input, and
 * exactly one record known to flush.  Returns 1 when claimed. */
static int flush_cause(const struct cause_ctx *c, const uint64_t *args,
		       const uint64_t out[2], int *side, int *extra)
{
	unsigned f = c->format;

	for (int s = 0; s < 2; s++)
		if (c->flush[s] != 0 && flushed(f, out[s], out[!s])) {
			*side = s;
			return 1;
		}
	for (int s = 0; s < 2; s++) {
		if (c->flush[s] != 1 || c->flush[!s] != 0)
			continue;
		for (unsigned j = 0; j < c->arity; j++)
			if (fpc_bits_issubnormal(f, args[j])) {
				*side = s;
				*extra = 1;
				return 1;
			}
	}
	return 0;
}

/* One side correctly rounded, the other the double-rounded value (then
 * dr differs from cr), from a record that may have used x87 registers.
 * Alone, dr matching would not do: where the exact value lies within
 * 2^-11 ulp of a midpoint, dr is cr's neighbour, which is also what any
 * faithful libm that misrounds that hard case returns.  Returns 1 when
 * claimed. */
static int x87_cause(const struct cause_ctx *c, uint32_t i,
		     const uint64_t *args, uint64_t a, uint64_t b, int *side)
{
	uint64_t cr, dr;
	int s;

	if (!c->t || !c->k || !c->k->fn)
		return 0;
	cr = c->t->cr[i];
	s = a == cr ? 1 : b == cr ? 0 : -1;
	if (s >= 0 && c->x87[s] &&
	    !fpc_truth_eval_double_rounded(c->k, args, X87_PRECISION, &dr) &&
	    dr == (s ? b : a)) {
		*side = s;
		return 1;
	}
	return 0;
}

/* Two faithful results are two libms only for a libm function; an
 * expression kernel is the compiler's arithmetic.  When the records name
 * two different C libraries, a library function's results differ
 * because the libraries do, however accurate each. */
static int libm_cause(const struct cause_ctx *c, uint32_t i, uint64_t a,
		      uint64_t b)
{
	double ea, eb;

	if (!c->k || !c->k->fn ||
	    (c->k->fn->family != FPC_FAMILY_LIBM &&
	     c->k->fn->family != FPC_FAMILY_UNCHECKED))
		return 0;
	if (c->libc_differs)
		return 1;
	if (!c->t)
		return 0;
	ea = fpc_cause_error(c, i, a);
	eb = fpc_cause_error(c, i, b);
	return fabs(ea) < 1 && fabs(eb) < 1; /* false for NAN */
}

enum fpc_cause fpc_cause_classify(const struct cause_ctx *c, uint32_t i,
				  const uint64_t *args, uint64_t a, uint64_t b,
				  struct fpc_variant_hits *hits, int *side,
				  int *variant, int *extra)
{
	unsigned f = c->format;
	uint64_t out[2] = {a, b};
	int cause;

	*side = -1;
	*variant = -1;
	*extra = 0;
	if (fpc_bits_iszero(f, a) && fpc_bits_iszero(f, b)) {
		*side = fpc_bits_signbit(f, a) ? 0 : 1;
		return FPC_CAUSE_ZERO_SIGN;
	}
	if (fpc_bits_isnan(f, a) && fpc_bits_isnan(f, b)) {
		if (fpc_bits_signbit(f, a) != fpc_bits_signbit(f, b))
			*side = fpc_bits_signbit(f, a) ? 0 : 1;
		else
			*extra = 1;
		return FPC_CAUSE_NAN_BITS;
	}
	if (flush_cause(c, args, out, side, extra))
		return FPC_CAUSE_FTZ_DAZ;
	if ((cause = try_variants(c, args, a, b, hits, side, variant)) >= 0)
		return (enum fpc_cause)cause;
	if (x87_cause(c, i, args, a, b, side))
		return FPC_CAUSE_X87;
	if (libm_cause(c, i, a, b))
		return FPC_CAUSE_LIBM;
	*extra = fpc_bits_isnan(f, a) != fpc_bits_isnan(f, b);
	return FPC_CAUSE_UNEXPLAINED;
}

/* ---- evidence -------------------------------------------------------- */

/* Appends to a sentence buffer, truncating silently at its end. */
struct sentence {
	char *buf;
	size_t len, at;
};

__attribute__((format(printf, 2, 3))) static void add(struct sentence *s,
						      const char *fmt, ...)
{
	va_list ap;
	int n;

	if (s->at >= s->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(s->buf + s->at, s->len - s->at, fmt, ap);
	va_end(ap);
	if (n > 0)
		s->at += (size_t)n;
}

static const char *plural(uint32_t n)
{
	return n == 1 ? "" : "s";
}

/* "max error A 0.5 ulp, B 1.2 ulp", over the cause's inputs. */
static void max_errors(struct sentence *s, const struct fpc_cause_stat *st)
{
	char u[2][24];

	if (!st->measured[0] && !st->measured[1]) {
		add(s, "errors not measurable");
		return;
	}
	for (int k = 0; k < 2; k++) {
		if (st->measured[k])
			fpc_format_ulps(u[k], sizeof(u[k]), st->max_err[k]);
		else
			snprintf(u[k], sizeof(u[k]), "-");
	}
	add(s, "max error A %s ulp, B %s ulp", u[0], u[1]);
}

/* "ftz A off, B on; daz A off, B on" */
static void flush_provenance(struct sentence *s, const struct cause_ctx *c)
{
	add(s, "provenance: ftz A %s, B %s; daz A %s, B %s",
	    fpc_prov_or(c->prov[0], "ftz", "unknown"),
	    fpc_prov_or(c->prov[1], "ftz", "unknown"),
	    fpc_prov_or(c->prov[0], "daz", "unknown"),
	    fpc_prov_or(c->prov[1], "daz", "unknown"));
}

/* "A's bits on 3 and B's on 2"; n[] per side. */
static void sides(struct sentence *s, const uint32_t n[2], const char *what)
{
	if (n[0] && n[1])
		add(s, "A's %s on %u and B's on %u", what, n[0], n[1]);
	else
		add(s, "%c's %s on %u", side_name[n[1] != 0], what,
		    n[0] + n[1]);
}

static void zero_sign(struct sentence *s, const struct fpc_cause_stat *st)
{
	add(s, "both results are zeros of opposite signs; the -0 is ");
	sides(s, st->side, "result");
}

static void nan_bits(struct sentence *s, const struct fpc_cause_stat *st)
{
	uint32_t signs = st->count - st->extra;

	add(s, "both results are NaN with different bits");
	if (signs) {
		add(s, ": the signs differ on %u (the negative NaN is ", signs);
		sides(s, st->side, "result");
		add(s, ")");
	}
	if (st->extra)
		add(s, "%s only the payloads differ on %u",
		    signs ? ", and" : ":", st->extra);
}

static void ftz_daz(struct sentence *s, const struct cause_ctx *c,
		    const struct fpc_cause_stat *st)
{
	uint32_t out[2] = {st->side[0], st->side[1]};
	uint32_t outputs = st->count - st->extra;

	/* The input-side inputs all belong to the one record that flushes
	 * (the classifier claims them only then). */
	if (st->extra)
		out[c->flush[0] == 1 ? 0 : 1] -= st->extra;
	if (outputs) {
		add(s, "one side returns a zero where the other returns a "
		       "subnormal of the same sign, as flushing to zero "
		       "does; the zero is ");
		sides(s, out, "result");
	}
	if (st->extra)
		add(s,
		    "%son %u an input is subnormal and only %c's "
		    "provenance has FTZ or DAZ on",
		    outputs ? "; " : "", st->extra,
		    side_name[c->flush[0] == 1 ? 0 : 1]);
	add(s, " (");
	flush_provenance(s, c);
	add(s, ")");
}

static void x87(struct sentence *s, const struct cause_ctx *c,
		const uint32_t n[2])
{
	const char *fmt = fpc_format_name(c->format);

	add(s,
	    "rounding the exact result (MPFR) first to %d bits, as an "
	    "x87 register holds it, then to %s, reproduces ",
	    X87_PRECISION, fmt);
	if (n[0] && n[1])
		add(s,
		    "A's bits on %u and B's on %u, the other side being "
		    "correctly rounded",
		    n[0], n[1]);
	else
		add(s, "%c's bits on %u input%s where %c is correctly rounded",
		    side_name[n[1] != 0], n[0] + n[1], plural(n[0] + n[1]),
		    side_name[n[1] == 0]);
	add(s, "; provenance: arch A %s, B %s; flt_eval_method A %s, B %s",
	    fpc_prov_or(c->prov[0], "arch", "unknown"),
	    fpc_prov_or(c->prov[1], "arch", "unknown"),
	    fpc_prov_or(c->prov[0], "flt_eval_method", "unknown"),
	    fpc_prov_or(c->prov[1], "flt_eval_method", "unknown"));
}

static void libm(struct sentence *s, const struct cause_ctx *c,
		 const struct fpc_cause_stat *st)
{
	const char *la = fpc_prov_or(c->prov[0], "libc", "unknown");
	const char *lb = fpc_prov_or(c->prov[1], "libc", "unknown");

	int faithful = st->measured[0] && st->measured[1] &&
		       st->max_err[0] < 1 && st->max_err[1] < 1;

	if (c->libc_differs && !faithful) {
		add(s,
		    "the records' math libraries are different ones, libc A "
		    "%s on %s, B %s on %s, and this kernel is a call into "
		    "them (",
		    la, fpc_prov_or(c->prov[0], "arch", "unknown"), lb,
		    fpc_prov_or(c->prov[1], "arch", "unknown"));
		max_errors(s, st);
		add(s, ")");
		return;
	}
	add(s, "both results are within 1 ulp of the truth (");
	max_errors(s, st);
	add(s, "), as two faithful math libraries or code paths give; ");
	if (strcmp(la, lb))
		add(s, "libc A %s, B %s", la, lb);
	else
		add(s,
		    "both records name libc %s: another code path (CPU "
		    "dispatch, a builtin the compiler expanded) or another "
		    "build of it",
		    la);
}

static void unexplained(struct sentence *s, const struct cause_ctx *c,
			const struct fpc_cause_stat *st)
{
	add(s, "no tested cause reproduces these results");
	if (c->k && c->k->fn && c->k->fn->family == FPC_FAMILY_RENDER) {
		/* A whole render is arithmetic and libm calls interleaved:
		 * no host variant reproduces one, so say what the records
		 * allow, and how to tell the candidates apart. */
		int any = 0;
		add(s, "; a render mixes arithmetic and libm calls, and the "
		       "provenance allows");
		if (c->fma[0] || c->fma[1]) {
			add(s, " fma contraction (%s)",
			    c->fma[0] && c->fma[1] ? "A and B" : c->fma[0] ? "A" : "B");
			any = 1;
		}
		if (c->excess[0] || c->excess[1]) {
			add(s, "%s x87 extended precision", any ? "," : "");
			any = 1;
		}
		if (c->reassoc[0] || c->reassoc[1]) {
			add(s, "%s reassociation", any ? "," : "");
			any = 1;
		}
		if (c->libc_differs) {
			add(s, "%s different math libraries", any ? "," : "");
			any = 1;
		}
		if (!any)
			add(s, " none of fpcheck's causes");
		add(s, "; build with -ffp-contract=off, or against one libm, "
		       "to set them apart");
		return;
	}
	if (!c->t) {
		add(s, " (no truth to measure them against)");
		return;
	}
	add(s, " (");
	max_errors(s, st);
	add(s,
	    "); at least 1 ulp from the truth or not measurable: A on "
	    "%u, B on %u",
	    st->side[0], st->side[1]);
	if (st->extra)
		add(s, "; on %u one side is NaN and the other a number",
		    st->extra);
}

/* "re-evaluating NAME on the host reproduces B's bits on 3 of 4
 * differing inputs" */
static void variant_clause(struct sentence *s, const struct fpc_kdiff *d,
			   const struct fpc_variant_hits *h)
{
	int depth = 0, comma = 0;

	/* A name with a comma of its own ("a*b + c, rounded twice") is
	 * closed by one, so that the sentence still parses. */
	for (const char *p = h->name; *p; p++) {
		depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
		comma |= *p == ',' && !depth;
	}
	add(s, "%sre-evaluating %s on the host%s reproduces ",
	    s->at ? "; " : "", h->name, comma ? "," : "");
	for (int k = 0, first = 1; k < 2; k++)
		if (h->side[k]) {
			add(s, "%s%c's bits on %u", first ? "" : " and ",
			    side_name[k], h->side[k]);
			first = 0;
		}
	add(s, " of %u differing input%s", d->ndiff, plural(d->ndiff));
}

/* Clauses of variants quoted for one cause; the rest are counted. */
#define MAX_CLAUSES 2

/* The variants of cause c that reproduced a side, then the first
 * reference variant that did, one clause each.  Returns how many inputs of c the
 * variants explain, per side, in n. */
static void variants(struct sentence *s, const struct fpc_kdiff *d,
		     enum fpc_cause c, uint32_t n[2])
{
	size_t order[64], m = 0, refs = 0;

	/* The variants of c that reproduced anything, most first: where
	 * several reproduce a side (two lane widths agree on a short
	 * vector), the one that reproduces the most is the evidence. */
	for (size_t v = 0; v < d->nvariant; v++) {
		const struct fpc_variant_hits *h = &d->variant[v];

		if (h->cause != (int)c || !(h->side[0] + h->side[1]))
			continue;
		n[0] += h->claimed[0];
		n[1] += h->claimed[1];
		if (m < sizeof(order) / sizeof(order[0]))
			order[m++] = v;
	}
	for (size_t i = 1; i < m; i++)
		for (size_t j = i; j > 0; j--) {
			const struct fpc_variant_hits *a = &d->variant[order[j - 1]];
			const struct fpc_variant_hits *b = &d->variant[order[j]];
			if (a->side[0] + a->side[1] >= b->side[0] + b->side[1])
				break;
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (size_t i = 0; i < m && i < MAX_CLAUSES; i++)
		variant_clause(s, d, &d->variant[order[i]]);
	if (m > MAX_CLAUSES)
		add(s, "; %zu other variant%s less often", m - MAX_CLAUSES,
		    plural((uint32_t)(m - MAX_CLAUSES)));
	for (size_t v = 0; m && v < d->nvariant && refs < 1; v++) {
		const struct fpc_variant_hits *h = &d->variant[v];

		if (h->cause < 0 && h->side[0] + h->side[1]) {
			variant_clause(s, d, h);
			refs++;
		}
	}
}

void fpc_cause_evidence(const struct cause_ctx *c, struct fpc_kdiff *d)
{
	for (int k = 0; k < FPC_CAUSE_COUNT; k++) {
		struct fpc_cause_stat *st = &d->cause[k];
		struct sentence s = {st->evidence, sizeof(st->evidence), 0};
		uint32_t by_variant[2] = {0, 0}, own[2];

		st->evidence[0] = 0;
		if (!st->count)
			continue;
		/* What the variants explain first, so that the built-in
		 * test's own share is what remains. */
		variants(&s, d, (enum fpc_cause)k, by_variant);
		own[0] = st->side[0] - by_variant[0];
		own[1] = st->side[1] - by_variant[1];
		if (st->count == by_variant[0] + by_variant[1])
			continue;
		if (s.at)
			add(&s, "; ");
		switch (k) {
		case FPC_CAUSE_ZERO_SIGN:
			zero_sign(&s, st);
			break;
		case FPC_CAUSE_NAN_BITS:
			nan_bits(&s, st);
			break;
		case FPC_CAUSE_FTZ_DAZ:
			ftz_daz(&s, c, st);
			break;
		case FPC_CAUSE_X87:
			x87(&s, c, own);
			break;
		case FPC_CAUSE_LIBM:
			libm(&s, c, st);
			break;
		case FPC_CAUSE_UNEXPLAINED:
			unexplained(&s, c, st);
			break;
		default: /* variants only */
			break;
		}
	}
}
