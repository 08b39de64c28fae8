/*
 * The kernels x configurations summary (see fpcheck/summary.h): the
 * cells computed; compare/output/summary_report.c writes them.
 */
#include "fpcheck/summary.h"

#include <stdlib.h>
#include <string.h>

#include "fpcheck/error.h"
#include "fpcheck/join.h"
#include "fpcheck/catalog.h"
#include "fpcheck/stats.h"

/* Differences of kd's results from the baseline's (same inputs). */
static void compare(const struct fpc_kdata *kd, const struct fpc_kdata *base,
		    struct fpc_cell *c)
{
	unsigned f = kd->out_format;

	for (uint32_t i = 0; i < kd->n; i++) {
		uint64_t a = kd->out[i], b = base->out[i];
		int na = fpc_bits_isnan(f, a), nb = fpc_bits_isnan(f, b);
		uint64_t d;

		if (a == b)
			continue;
		c->differ++;
		if (na != nb)
			c->nan_mismatch = 1;
		if (na && nb)
			c->nan_bits = 1;
		if (na || nb)
			continue;
		if (fpc_bits_iszero(f, a) && fpc_bits_iszero(f, b))
			c->zero_sign = 1;
		d = fpc_ulp_distance(f, a, b);
		if (d > c->max_dist)
			c->max_dist = d;
	}
}

static void measure(const struct fpc_kdata *kd, const struct fpc_truth *t,
		    struct fpc_cell *c)
{
	struct fpc_kstats st;

	fpc_stats_compute(kd, t, &st);
	c->cr = st.count[FPC_OUT_CR];
	c->n_err = st.n_err;
	c->max_err = st.n_err ? st.max_err : 0;
}

/* Adds a row for kernel k; returns its index or SIZE_MAX without memory. */
static size_t add_row(struct fpc_summary *s, const struct fpc_kernel *k,
		      size_t *cap)
{
	if (s->nk == *cap) {
		size_t c = *cap ? 2 * *cap : 64;
		char **names = realloc(s->kernels, c * sizeof(*names));
		const struct fpc_kernel **kernel;
		struct fpc_cell *cell;

		if (names)
			s->kernels = names;
		kernel = names ? realloc(s->kernel, c * sizeof(*kernel)) : NULL;
		if (kernel)
			s->kernel = kernel;
		cell = kernel ? realloc(s->cell, c * s->nrec * sizeof(*cell))
			      : NULL;
		if (!cell)
			return SIZE_MAX;
		s->cell = cell;
		*cap = c;
	}
	memset(&s->cell[s->nk * s->nrec], 0, s->nrec * sizeof(*s->cell));
	if (!(s->kernels[s->nk] = strdup(k->name)))
		return SIZE_MAX;
	s->kernel[s->nk] = k;
	return s->nk++;
}

/* s's records: their names, paths and (empty) provenances. */
static int init_records(struct fpc_summary *s, const char *const *paths,
			const char *const *names, size_t n)
{
	s->nrec = n;
	s->names = calloc(n, sizeof(char *));
	s->paths = calloc(n, sizeof(char *));
	s->prov = calloc(n, sizeof(*s->prov));
	if (!s->names || !s->paths || !s->prov)
		return FPC_ERR_NOMEM;
	for (size_t r = 0; r < n; r++)
		if (!(s->names[r] = strdup(names[r])) ||
		    !(s->paths[r] = strdup(paths[r])))
			return FPC_ERR_NOMEM;
	return 0;
}

/* The cells of row, the kernel j stands on, one per record. */
static int fill_row(struct fpc_summary *s, size_t row, const struct fpc_join *j,
		    const struct fpc_truth_options *o)
{
	const struct fpc_kernel *k = j->kernel;
	const struct fpc_kdata *base =
	    j->has[s->baseline] ? &j->kd[s->baseline] : NULL;
	const struct fpc_kdata *t_for = NULL;
	struct fpc_truth t = {0};
	int err = 0, hit;

	for (size_t r = 0; r < s->nrec && !err; r++) {
		struct fpc_cell *c = &s->cell[row * s->nrec + r];
		if (!j->has[r])
			continue;
		c->present = 1;
		c->n = j->kd[r].n;
		/* One truth serves every record with the same inputs,
		 * normally all of them.  Kernels without truth are compared
		 * with the baseline only. */
		if (FPC_HAS_TRUTH(k->fn) &&
		    (!t_for || !fpc_kdata_same_inputs(&j->kd[r], t_for))) {
			fpc_truth_release(&t);
			if ((err = fpc_truth_get(k, &j->kd[r], o, &t, &hit)))
				break;
			t_for = &j->kd[r];
		}
		if (FPC_HAS_TRUTH(k->fn))
			measure(&j->kd[r], &t, c);
		if (base && fpc_kdata_same_inputs(&j->kd[r], base)) {
			c->comparable = 1;
			compare(&j->kd[r], base, c);
		}
	}
	fpc_truth_release(&t);
	return err;
}

int fpc_summary_compute(const char *const *paths, const char *const *names,
			size_t n, size_t baseline,
			const struct fpc_truth_options *o,
			struct fpc_summary *s, char *detail, size_t detail_len)
{
	struct fpc_join j;
	size_t cap = 0, row;
	int err = 0, rc = 0;

	memset(s, 0, sizeof(*s));
	*detail = 0;
	s->baseline = baseline;
	if ((err = init_records(s, paths, names, n)) ||
	    (err = fpc_join_open(&j, paths, n, detail, detail_len))) {
		fpc_summary_release(s);
		return err;
	}
	while (!err && (rc = fpc_join_next(&j, detail, detail_len)) > 0) {
		if ((row = add_row(s, j.kernel, &cap)) == SIZE_MAX)
			err = FPC_ERR_NOMEM;
		else
			err = fill_row(s, row, &j, o);
	}
	if (!err && rc < 0)
		err = rc;
	for (size_t r = 0; !err && r < n; r++) {
		s->prov[r] = j.rec[r].prov;
		memset(&j.rec[r].prov, 0, sizeof(j.rec[r].prov));
	}
	fpc_join_close(&j);
	if (err)
		fpc_summary_release(s);
	return err;
}

void fpc_summary_release(struct fpc_summary *s)
{
	for (size_t r = 0; r < s->nrec; r++) {
		if (s->names)
			free(s->names[r]);
		if (s->paths)
			free(s->paths[r]);
		if (s->prov)
			fpc_prov_release(&s->prov[r]);
	}
	for (size_t k = 0; s->kernels && k < s->nk; k++)
		free(s->kernels[k]);
	free(s->kernel);
	free(s->names);
	free(s->paths);
	free(s->prov);
	free(s->kernels);
	free(s->cell);
	memset(s, 0, sizeof(*s));
}
