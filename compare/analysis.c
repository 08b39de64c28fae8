/*
 * Record analysis (see fpcheck/analysis.h).
 */
#include "fpcheck/analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fpcheck/error.h"
#include "fpcheck/kernels.h"

static int seen(const struct fpc_analysis *a, const char *name)
{
	for (size_t i = 0; i < a->nk; i++)
		if (!strcmp(a->k[i].name, name))
			return 1;
	for (size_t i = 0; i < a->nskipped; i++)
		if (!strcmp(a->skipped[i], name))
			return 1;
	return 0;
}

static int analyse_kernel(struct fpc_analysis *a, const struct fpc_kdata *kd,
			  const struct fpc_truth_options *o, char *detail,
			  size_t detail_len)
{
	const struct fpc_kernel *k = fpc_kernel_find(kd->name);
	struct fpc_truth t;
	int err, hit;

	if (seen(a, kd->name)) {
		snprintf(detail, detail_len, "kernel '%s' appears twice",
			 kd->name);
		return FPC_ERR_FORMAT;
	}
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
	if ((err = fpc_truth_get(k, kd, o, &t, &hit)))
		return err;
	if (hit)
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
	fpc_stats_compute(kd, &t, &a->k[a->nk++]);
	fpc_truth_release(&t);
	return 0;
}

int fpc_analyse(const char *path, const struct fpc_truth_options *o,
		struct fpc_analysis *a, char *detail, size_t detail_len)
{
	struct fpc_record rec;
	struct fpc_kdata kd;
	int rc;

	memset(a, 0, sizeof(*a));
	*detail = 0;
	if ((rc = fpc_record_open(&rec, path)))
		return rc;
	while ((rc = fpc_record_next(&rec, &kd)) > 0) {
		rc = analyse_kernel(a, &kd, o, detail, detail_len);
		fpc_kdata_release(&kd);
		if (rc)
			break;
	}
	/* The provenance moves into the analysis. */
	a->prov = rec.prov;
	memset(&rec.prov, 0, sizeof(rec.prov));
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
	free(a->k);
	for (size_t i = 0; i < a->nskipped; i++)
		free(a->skipped[i]);
	free(a->skipped);
	memset(a, 0, sizeof(*a));
}

void fpc_analysis_entry(const struct fpc_analysis *a, const char *path,
			struct fpc_report_entry *e)
{
	e->path = path;
	e->prov = &a->prov;
	e->k = a->k;
	e->nk = a->nk;
	e->skipped = (const char *const *)a->skipped;
	e->nskipped = a->nskipped;
}
