/*
 * Record against record (see fpcheck/diff.h): the kernel comparison and
 * the lockstep reading of two records.  The causes themselves are
 * classified in causes.c; compare/output/diff_report.c writes the diff.
 */
#include "fpcheck/diff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "causes.h"
#include "fpcheck/error.h"
#include "fpcheck/join.h"
#include "fpcheck/ulp.h"

/* ---- one kernel ------------------------------------------------------ */

/* The same kernel (name, formats) on the same inputs. */
static int same_kernel_inputs(const struct fpc_kdata *a,
			      const struct fpc_kdata *b)
{
	return !strcmp(a->name, b->name) && a->out_format == b->out_format &&
	       fpc_kdata_same_inputs(a, b);
}

/* Rank of result y against the truth: 0 correctly rounded (or NaN for
 * NaN), 1 an error measured in ulps, 2 no error measurable (a NaN or an
 * infinity where the truth is another value). */
static int tier(unsigned f, uint64_t y, uint64_t cr, double err)
{
	if (fpc_ulp_classify(f, y, cr) == FPC_OUT_CR)
		return 0;
	return isnan(err) ? 2 : 1;
}

/* Which side is nearer the truth on input i: 0, 1, or -1 for as near. */
static int nearer(unsigned f, uint64_t cr, const uint64_t y[2],
		  const double e[2])
{
	int ta = tier(f, y[0], cr, e[0]), tb = tier(f, y[1], cr, e[1]);

	if (ta != tb)
		return ta < tb ? 0 : 1;
	if (ta != 1 || fabs(e[0]) == fabs(e[1]))
		return -1;
	return fabs(e[0]) < fabs(e[1]) ? 0 : 1;
}

static void keep_example(struct fpc_kdiff *d, const struct fpc_kdata *a,
			 const struct fpc_kdata *b, const struct fpc_truth *t,
			 uint32_t i, const double e[2], enum fpc_cause cause)
{
	struct fpc_diff_example *x = &d->first[d->nfirst++];

	memset(x, 0, sizeof(*x));
	x->index = i;
	for (unsigned j = 0; j < a->arity; j++)
		x->in[j] = a->in[j][i];
	x->out[0] = a->out[i];
	x->out[1] = b->out[i];
	x->cr = t ? t->cr[i] : 0;
	x->err[0] = e[0];
	x->err[1] = e[1];
	x->flags[0] = a->flags[i];
	x->flags[1] = b->flags[i];
	x->cause = cause;
}

static void compare_flags(struct fpc_kdiff *d, uint8_t fa, uint8_t fb)
{
	if (fa & FPC_FLAG_UNAVAILABLE)
		d->flags_unknown[0]++;
	if (fb & FPC_FLAG_UNAVAILABLE)
		d->flags_unknown[1]++;
	if (((fa | fb) & FPC_FLAG_UNAVAILABLE) || fa == fb)
		return;
	d->flags_differ++;
	for (unsigned bit = 0; bit < 8; bit++)
		if ((fa ^ fb) & (1u << bit))
			d->flag_differ[bit]++;
}

static void count_cause(struct fpc_kdiff *d, enum fpc_cause c, int side,
			int variant, int extra, const double e[2])
{
	struct fpc_cause_stat *st = &d->cause[c];

	st->count++;
	if (side >= 0)
		st->side[side]++;
	/* Unexplained: the records at least 1 ulp from the truth, or with
	 * no measurable error there. */
	for (int s = 0; c == FPC_CAUSE_UNEXPLAINED && d->truth && s < 2; s++)
		if (!(fabs(e[s]) < 1))
			st->side[s]++;
	st->extra += (uint32_t)extra;
	for (int s = 0; s < 2; s++)
		if (!isnan(e[s])) {
			if (!st->measured[s]++ || fabs(e[s]) > st->max_err[s])
				st->max_err[s] = fabs(e[s]);
		}
	if (variant >= 0 && side >= 0)
		d->variant[variant].claimed[side]++;
}

/* One entry per variant of kernel k in out, to count its hits. */
static int init_variants(struct fpc_kdiff *out, const struct fpc_kernel *k)
{
	if (!k || !k->nvariants)
		return 0;
	out->variant = calloc(k->nvariants, sizeof(*out->variant));
	if (!out->variant)
		return FPC_ERR_NOMEM;
	out->nvariant = k->nvariants;
	for (size_t v = 0; v < k->nvariants; v++) {
		out->variant[v].name = k->variants[v].name;
		out->variant[v].label = k->variants[v].cause;
		out->variant[v].cause = fpc_cause_parse(k->variants[v].cause);
	}
	return 0;
}

/* The distance between two differing results y, unless one is NaN. */
static void count_distance(struct fpc_kdiff *d, const uint64_t y[2])
{
	int na = fpc_bits_isnan(d->format, y[0]);
	int nb = fpc_bits_isnan(d->format, y[1]);

	if (na != nb) {
		d->nan_number++;
	} else if (!na) {
		uint64_t dist = fpc_ulp_distance(d->format, y[0], y[1]);
		if (dist > d->max_dist)
			d->max_dist = dist;
	}
}

/* Input i, whose results differ: their distance, their errors against
 * the truth and which is nearer it, and the cause; kept as an example
 * while fewer than nfirst are. */
static void differing_input(struct fpc_kdiff *out, const struct cause_ctx *ctx,
			    const struct fpc_kdata *a,
			    const struct fpc_kdata *b,
			    const struct fpc_truth *t, uint32_t i,
			    unsigned nfirst)
{
	uint64_t y[2] = {a->out[i], b->out[i]}, args[FPC_MAX_ARITY];
	double e[2];
	int side, variant, extra, near;
	enum fpc_cause c;

	out->ndiff++;
	count_distance(out, y);
	for (int s = 0; s < 2; s++) {
		e[s] = fpc_cause_error(ctx, i, y[s]);
		if (!isnan(e[s]) &&
		    (!out->measured[s]++ || fabs(e[s]) > out->max_err[s]))
			out->max_err[s] = fabs(e[s]);
	}
	if (t) {
		near = nearer(out->format, t->cr[i], y, e);
		if (near < 0)
			out->ties++;
		else
			out->closer[near]++;
	}
	for (unsigned j = 0; j < a->arity; j++)
		args[j] = a->in[j][i];
	c = fpc_cause_classify(ctx, i, args, y[0], y[1], out->variant, &side,
			       &variant, &extra);
	count_cause(out, c, side, variant, extra, e);
	if (out->nfirst < nfirst)
		keep_example(out, a, b, t, i, e, c);
}

/* The cause that explains the most differing inputs; the first in table
 * order among equals, unexplained when none does. */
static enum fpc_cause headline(const struct fpc_kdiff *d)
{
	enum fpc_cause h = FPC_CAUSE_UNEXPLAINED;

	for (int c = FPC_CAUSE_COUNT - 1; c >= 0; c--)
		if (d->cause[c].count && d->cause[c].count >= d->cause[h].count)
			h = (enum fpc_cause)c;
	return h;
}

int fpc_diff_kernel(const struct fpc_kernel *k, const struct fpc_kdata *a,
		    const struct fpc_kdata *b, const struct fpc_prov *pa,
		    const struct fpc_prov *pb, const struct fpc_truth *t,
		    unsigned nfirst, struct fpc_kdiff *out)
{
	struct cause_ctx ctx;
	unsigned f = a->out_format;
	int err;

	memset(out, 0, sizeof(*out));
	memcpy(out->name, a->name, sizeof(out->name));
	out->format = f;
	out->arity = a->arity;
	out->n = a->n;
	out->n_b = b->n;
	if (!same_kernel_inputs(a, b)) {
		out->status = FPC_KDIFF_INPUTS_DIFFER;
		return 0;
	}
	if ((k && (a->in_format != k->format || f != k->format ||
		   (k->fn && a->arity != k->fn->arity))) ||
	    (t && t->n != a->n))
		return FPC_ERR_ARG;
	out->truth = t != NULL;
	if (nfirst && !(out->first = calloc(nfirst, sizeof(*out->first))))
		return FPC_ERR_NOMEM;
	if ((err = init_variants(out, k))) {
		fpc_kdiff_release(out);
		return err;
	}
	fpc_cause_ctx_init(&ctx, k, f, a->arity, pa, pb, t);
	for (uint32_t i = 0; i < a->n; i++) {
		compare_flags(out, a->flags[i], b->flags[i]);
		if (a->out[i] != b->out[i])
			differing_input(out, &ctx, a, b, t, i, nfirst);
	}
	out->headline = headline(out);
	fpc_cause_evidence(&ctx, out);
	return 0;
}

void fpc_kdiff_release(struct fpc_kdiff *d)
{
	free(d->first);
	free(d->variant);
	d->first = NULL;
	d->variant = NULL;
	d->nfirst = 0;
	d->nvariant = 0;
}

int fpc_kdiff_identical(const struct fpc_kdiff *d)
{
	return d->status == FPC_KDIFF_COMPARED && !d->ndiff && !d->flags_differ;
}

/* ---- two records ----------------------------------------------------- */

static int push(struct fpc_diff *d, struct fpc_kdiff *k)
{
	struct fpc_kdiff *p = realloc(d->k, (d->nk + 1) * sizeof(*d->k));

	if (!p) {
		fpc_kdiff_release(k);
		return FPC_ERR_NOMEM;
	}
	d->k = p;
	d->k[d->nk++] = *k;
	return 0;
}

static int outputs_differ(const struct fpc_kdata *a, const struct fpc_kdata *b)
{
	return a->n && (memcmp(a->out, b->out, a->n * sizeof(*a->out)) ||
			memcmp(a->flags, b->flags, a->n));
}

/* Compares the kernel both sides hold. */
static int compare_kernel(struct fpc_diff *d, const struct fpc_diff_options *o,
			  const struct fpc_join *j)
{
	const struct fpc_kernel *k = j->kernel;
	const struct fpc_kdata *kd = j->kd;
	struct fpc_truth t = {0};
	struct fpc_kdiff kdiff;
	int err, hit, with_truth;

	/* The truth is needed only where results differ. */
	with_truth = FPC_HAS_TRUTH(k->fn) &&
		     same_kernel_inputs(&kd[0], &kd[1]) &&
		     outputs_differ(&kd[0], &kd[1]);
	if (with_truth && (err = fpc_truth_get(k, &kd[0], o->truth, &t, &hit)))
		return err;
	err =
	    fpc_diff_kernel(k, &kd[0], &kd[1], &j->rec[0].prov, &j->rec[1].prov,
			    with_truth ? &t : NULL, o->nfirst, &kdiff);
	fpc_truth_release(&t);
	if (err)
		return err;
	if (kdiff.status == FPC_KDIFF_COMPARED)
		d->compared++;
	if (fpc_kdiff_identical(&kdiff))
		d->identical++;
	return push(d, &kdiff);
}

static int only_in(struct fpc_diff *d, int s, const struct fpc_kdata *kd)
{
	struct fpc_kdiff kdiff;

	memset(&kdiff, 0, sizeof(kdiff));
	memcpy(kdiff.name, kd->name, sizeof(kdiff.name));
	kdiff.format = kd->out_format;
	kdiff.arity = kd->arity;
	kdiff.n = kd->n;
	kdiff.status = s ? FPC_KDIFF_ONLY_B : FPC_KDIFF_ONLY_A;
	return push(d, &kdiff);
}

int fpc_diff_records(const char *const path[2],
		     const struct fpc_diff_options *o, struct fpc_diff *d,
		     int *which, char *detail, size_t detail_len)
{
	struct fpc_join j;
	int err, rc;

	memset(d, 0, sizeof(*d));
	*which = 0;
	if ((err = fpc_join_open(&j, path, 2, detail, detail_len))) {
		*which = (int)j.fault;
		return err;
	}
	while ((rc = fpc_join_next(&j, detail, detail_len)) > 0) {
		err = j.has[0] && j.has[1]
			  ? compare_kernel(d, o, &j)
			  : only_in(d, !j.has[0], &j.kd[!j.has[0]]);
		if (err)
			break;
	}
	if (!err && rc < 0) {
		err = rc;
		*which = (int)j.fault;
	}
	for (int s = 0; s < 2 && !err; s++) {
		d->prov[s] = j.rec[s].prov;
		memset(&j.rec[s].prov, 0, sizeof(j.rec[s].prov));
		/* The unknown kernels pass to the diff. */
		d->unknown[s] = j.unknown[s];
		d->nunknown[s] = j.nunknown[s];
		j.unknown[s] = NULL;
		j.nunknown[s] = 0;
	}
	fpc_join_close(&j);
	if (err)
		fpc_diff_release(d);
	return err;
}

void fpc_diff_release(struct fpc_diff *d)
{
	for (int s = 0; s < 2; s++) {
		fpc_prov_release(&d->prov[s]);
		for (size_t i = 0; i < d->nunknown[s]; i++)
			free(d->unknown[s][i]);
		free(d->unknown[s]);
	}
	for (size_t i = 0; i < d->nk; i++)
		fpc_kdiff_release(&d->k[i]);
	free(d->k);
	memset(d, 0, sizeof(*d));
}
