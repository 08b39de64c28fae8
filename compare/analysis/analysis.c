/*
 * Record analysis (see fpcheck/analysis.h).
 */
#include "fpcheck/analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fpcheck/error.h"
#include "fpcheck/catalog.h"
#include "fpcheck/reduce_truth.h"

/* Per-input error, conditioning and bound of a reduction kernel. */
static int reduce_rows(const struct fpc_kernel *k, const struct fpc_kdata *kd,
		       const struct fpc_truth *t, struct fpc_kstats *s)
{
	if (!(s->rows = calloc(kd->n ? kd->n : 1, sizeof(*s->rows))))
		return FPC_ERR_NOMEM;
	for (uint32_t i = 0; i < kd->n; i++) {
		struct fpc_reduce_row *r = &s->rows[i];
		uint64_t args[3] = {kd->in[0][i], kd->in[1][i], kd->in[2][i]};
		uint64_t y = kd->out[i], cr = t->cr[i];
		struct fpc_reduce_info info;
		/* the exact value, cr + off ulp */
		double exact = fpc_bits_value(k->format, cr) +
			       ldexp(t->off[i], t->ue[i]);
		int err = fpc_reduce_info(k, args, exact, &info);

		if (err == FPC_ERR_NOMEM)
			return err;
		r->n = info.n;
		r->seed = info.seed;
		r->dist = info.dist;
		r->cond = err ? NAN : info.cond;
		r->err = NAN;
		r->bound = NAN;
		if (fpc_bits_isnan(k->format, y) || fpc_bits_isinf(k->format, y) ||
		    fpc_bits_isnan(k->format, cr) || fpc_bits_isinf(k->format, cr))
			continue;
		r->err = fpc_ulp_error(k->format, y, cr, t->off[i], t->ue[i]);
		if (!err)
			r->bound = ldexp(fpc_reduce_bound(k, info.n,
							  info.abs_sum,
							  fabs(exact)),
					 -t->ue[i]);
	}
	return 0;
}

static int analyse_kernel(struct fpc_analysis *a, const struct fpc_kdata *kd,
			  const struct fpc_repeat *rep,
			  const struct fpc_truth_options *o, char *detail,
			  size_t detail_len)
{
	const struct fpc_kernel *k = fpc_kernel_for(&a->prov, kd->name);
	struct fpc_truth t;
	int err, hit;

	/* No kernel comes twice: fpc_record_check saw to it. */
	if (!k) {
		char **s = realloc(a->skipped,
				   (a->nskipped + 1) * sizeof(*a->skipped));
		if (!s)
			return FPC_ERR_NOMEM;
		a->skipped = s;
		if (!(s[a->nskipped] = strdup(kd->name)))
			return FPC_ERR_NOMEM;
		a->nskipped++;
		return 0;
	}
	if (kd->in_format != k->format || kd->out_format != k->format ||
	    kd->arity != k->fn->arity) {
		snprintf(detail, detail_len,
			 "kernel '%s' has the wrong formats or arity",
			 kd->name);
		return FPC_ERR_FORMAT;
	}
	if (!FPC_HAS_TRUTH(k->fn))
		memset(&t, 0, sizeof(t));
	else if ((err = fpc_truth_get(k, kd, o, &t, &hit)))
		return err;
	else if (hit)
		a->truth_hits++;
	else
		a->truth_misses++;
	{
		struct fpc_kstats *ks =
		    realloc(a->k, (a->nk + 1) * sizeof(*a->k));
		if (!ks) {
			fpc_truth_release(&t);
			return FPC_ERR_NOMEM;
		}
		a->k = ks;
	}
	fpc_stats_compute(kd, FPC_HAS_TRUTH(k->fn) ? &t : NULL, &a->k[a->nk]);
	err = k->fn->family == FPC_FAMILY_REDUCE
		  ? reduce_rows(k, kd, &t, &a->k[a->nk])
		  : 0;
	if (rep->valid) {
		a->k[a->nk].runs = rep->runs;
		a->k[a->nk].nvaried = rep->nvaried;
		a->k[a->nk].max_distinct = rep->max_distinct;
		a->k[a->nk].first_varied = rep->nlisted ? rep->index[0] : 0;
	}
	a->nk++;
	fpc_truth_release(&t);
	return err;
}

int fpc_analyse(const char *path, const struct fpc_truth_options *o,
		struct fpc_analysis *a, char *detail, size_t detail_len)
{
	struct fpc_record rec;
	struct fpc_kdata kd;
	int rc;

	memset(a, 0, sizeof(*a));
	/* The whole record is checked before any truth is computed: a
	 * fault in its last kernel costs nothing. */
	if ((rc = fpc_record_check(path, detail, detail_len)) ||
	    (rc = fpc_record_open(&rec, path)))
		return rc;
	/* The provenance moves into the analysis first: it names the
	 * user's functions the record holds. */
	a->prov = rec.prov;
	memset(&rec.prov, 0, sizeof(rec.prov));
	while ((rc = fpc_record_next(&rec, &kd)) > 0) {
		rc = analyse_kernel(a, &kd, &rec.repeat, o, detail, detail_len);
		fpc_kdata_release(&kd);
		if (rc)
			break;
	}
	if (rc < 0 && !*detail && *rec.why)
		snprintf(detail, detail_len, "%s", rec.why);
	fpc_record_close(&rec);
	if (rc) {
		fpc_analysis_release(a);
		return rc;
	}
	return 0;
}

void fpc_analysis_release(struct fpc_analysis *a)
{
	fpc_prov_release(&a->prov);
	for (size_t i = 0; i < a->nk; i++)
		free(a->k[i].rows);
	free(a->k);
	for (size_t i = 0; i < a->nskipped; i++)
		free(a->skipped[i]);
	free(a->skipped);
	memset(a, 0, sizeof(*a));
}
