/*
 * The kernels x configurations summary (see fpcheck/summary.h).
 */
#include "fpcheck/summary.h"

#include <float.h>
#include <math.h>
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

int fpc_summary_compute(const char *const *paths, const char *const *names,
			size_t n, size_t baseline,
			const struct fpc_truth_options *o,
			struct fpc_summary *s, char *detail, size_t detail_len)
{
	struct fpc_join j;
	size_t cap = 0;
	int err = 0, rc = 0;

	memset(s, 0, sizeof(*s));
	*detail = 0;
	s->nrec = n;
	s->baseline = baseline;
	s->names = calloc(n, sizeof(char *));
	s->paths = calloc(n, sizeof(char *));
	s->prov = calloc(n, sizeof(*s->prov));
	if (!s->names || !s->paths || !s->prov) {
		fpc_summary_release(s);
		return FPC_ERR_NOMEM;
	}
	for (size_t r = 0; r < n; r++)
		if (!(s->names[r] = strdup(names[r])) ||
		    !(s->paths[r] = strdup(paths[r]))) {
			fpc_summary_release(s);
			return FPC_ERR_NOMEM;
		}
	if ((err = fpc_join_open(&j, paths, n, detail, detail_len))) {
		fpc_summary_release(s);
		return err;
	}
	while (!err && (rc = fpc_join_next(&j, detail, detail_len)) > 0) {
		const struct fpc_kernel *k = j.kernel;
		const struct fpc_kdata *base =
		    j.has[baseline] ? &j.kd[baseline] : NULL;
		struct fpc_truth t = {0};
		const struct fpc_kdata *t_for = NULL;
		size_t row = add_row(s, k, &cap);
		int hit;

		if (row == SIZE_MAX) {
			err = FPC_ERR_NOMEM;
			break;
		}
		for (size_t r = 0; r < n && !err; r++) {
			struct fpc_cell *c = &s->cell[row * n + r];
			if (!j.has[r])
				continue;
			c->present = 1;
			c->n = j.kd[r].n;
			/* One truth serves every record with the same
			 * inputs, normally all of them.  Kernels without
			 * truth are compared with the baseline only. */
			if (FPC_HAS_TRUTH(k->fn) &&
			    (!t_for ||
			     !fpc_kdata_same_inputs(&j.kd[r], t_for))) {
				fpc_truth_release(&t);
				if ((err = fpc_truth_get(k, &j.kd[r], o, &t,
							 &hit)))
					break;
				t_for = &j.kd[r];
			}
			if (FPC_HAS_TRUTH(k->fn))
				measure(&j.kd[r], &t, c);
			if (base && fpc_kdata_same_inputs(&j.kd[r], base)) {
				c->comparable = 1;
				compare(&j.kd[r], base, c);
			}
		}
		fpc_truth_release(&t);
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

/* ---- writers --------------------------------------------------------- */

static const struct fpc_cell *cell(const struct fpc_summary *s, size_t k,
				   size_t r)
{
	return &s->cell[k * s->nrec + r];
}

static const char *pv(const struct fpc_summary *s, size_t r, const char *key)
{
	const char *v = fpc_prov_get(&s->prov[r], key);
	return v ? v : "?";
}

/* Max error, in at most 5 characters. */
static void err5(char *buf, size_t len, const struct fpc_cell *c)
{
	if (!c->n_err)
		snprintf(buf, len, "-");
	else if (c->max_err >= 99999.5)
		snprintf(buf, len, "%.0e", c->max_err);
	else if (c->max_err >= 999.5)
		snprintf(buf, len, "%.0f", c->max_err);
	else
		snprintf(buf, len, "%.3g", c->max_err);
	/* "0.5" would read as correctly rounded when it is not. */
	if (!strcmp(buf, "0.5") && c->max_err != 0.5)
		snprintf(buf, len, c->max_err > 0.5 ? ">0.5" : "<0.5");
}

/* Share of differing inputs, in at most 5 characters. */
static void share5(char *buf, size_t len, const struct fpc_cell *c)
{
	double p = c->n ? 100.0 * c->differ / c->n : 0;

	if (p < 0.1)
		snprintf(buf, len, "<.1%%");
	else if (p < 10)
		snprintf(buf, len, "%.1f%%", p);
	else
		snprintf(buf, len, "%.0f%%", p);
}

/* The largest distance; when there is none, what the differences are:
 * NaN against a number, NaN signs or payloads, signs of zero. */
static void dist5(char *buf, size_t len, const struct fpc_cell *c)
{
	if (c->nan_mismatch && !c->max_dist)
		snprintf(buf, len, "nan");
	else if (!c->max_dist && c->nan_bits && c->zero_sign)
		snprintf(buf, len, "nan/0");
	else if (!c->max_dist && c->nan_bits)
		snprintf(buf, len, "nan+-");
	else if (!c->max_dist && c->zero_sign)
		snprintf(buf, len, "+-0");
	else if (c->max_dist < 100000)
		snprintf(buf, len, "%llu", (unsigned long long)c->max_dist);
	else
		snprintf(buf, len, "%.0e", (double)c->max_dist);
}

/* A text cell, 17 columns: identity (11) and max error (5). */
static void text_cell(char *buf, size_t len, const struct fpc_summary *s,
		      size_t k, size_t r)
{
	const struct fpc_cell *c = cell(s, k, r);
	char id[40], sh[16], di[16], er[16];

	if (!c->present) {
		snprintf(buf, len, "%-17s", "(absent)");
		return;
	}
	err5(er, sizeof(er), c);
	if (r == s->baseline)
		snprintf(id, sizeof(id), "base");
	else if (!c->comparable)
		snprintf(id, sizeof(id), "other input");
	else if (!c->differ)
		snprintf(id, sizeof(id), "=");
	else {
		share5(sh, sizeof(sh), c);
		dist5(di, sizeof(di), c);
		snprintf(id, sizeof(id), "%s %s", sh, di);
	}
	snprintf(buf, len, "%-11s %5s", id, er);
}

static void write_text(FILE *f, const struct fpc_summary *s)
{
	enum { PER_BLOCK = 4 };
	int kw = 8; /* the kernel column: as wide as the longest name */

	for (size_t k = 0; k < s->nk; k++)
		if ((int)strlen(s->kernels[k]) > kw)
			kw = (int)strlen(s->kernels[k]);

	fprintf(f, "configurations\n");
	for (size_t r = 0; r < s->nrec; r++)
		fprintf(f, "  [%zu] %s%s\n      %s, %s, %s, %s\n", r + 1,
			s->names[r], r == s->baseline ? " (baseline)" : "",
			pv(s, r, "arch"), pv(s, r, "compiler"),
			pv(s, r, "build.flags"), pv(s, r, "libc"));
	fprintf(f, "\neach cell: '=' bit-identical to the baseline, else the "
		   "share of inputs\nthat differ and the largest distance "
		   "in ulps ('nan+-': only NaN signs or\npayloads differ, "
		   "'+-0': only signs of zero, 'nan': NaN against a "
		   "number);\nthen the largest error in ulps against MPFR "
		   "(correctly rounded: at most 0.5)\n");
	for (size_t b0 = 0; b0 < s->nrec; b0 += PER_BLOCK) {
		size_t b1 = b0 + PER_BLOCK < s->nrec ? b0 + PER_BLOCK : s->nrec;
		fprintf(f, "\n%-*s", kw, "kernel");
		for (size_t r = b0; r < b1; r++) {
			char h[24];
			snprintf(h, sizeof(h), "[%zu]", r + 1);
			fprintf(f, r + 1 < b1 ? " %-17s" : " %s", h);
		}
		fputc('\n', f);
		for (size_t k = 0; k < s->nk; k++) {
			char line[256];
			size_t used = (size_t)snprintf(
			    line, sizeof(line), "%-*s", kw, s->kernels[k]);
			for (size_t r = b0; r < b1; r++) {
				char c[64];
				text_cell(c, sizeof(c), s, k, r);
				used += (size_t)snprintf(
				    line + used, sizeof(line) - used, " %s", c);
			}
			while (used && line[used - 1] == ' ')
				line[--used] = 0;
			fprintf(f, "%s\n", line);
		}
	}
}

static void write_markdown(FILE *f, const struct fpc_summary *s)
{
	fprintf(f, "| kernel |");
	for (size_t r = 0; r < s->nrec; r++)
		fprintf(f, " %s%s |", s->names[r],
			r == s->baseline ? " (baseline)" : "");
	fprintf(f, "\n|---|");
	for (size_t r = 0; r < s->nrec; r++)
		fprintf(f, "---|");
	fputc('\n', f);
	for (size_t k = 0; k < s->nk; k++) {
		fprintf(f, "| `%s` |", s->kernels[k]);
		for (size_t r = 0; r < s->nrec; r++) {
			const struct fpc_cell *c = cell(s, k, r);
			char er[16], sh[16], di[16];
			err5(er, sizeof(er), c);
			if (!c->present)
				fprintf(f, " absent |");
			else if (r == s->baseline ||
				 (c->comparable && !c->differ))
				fprintf(f, " %s, max %s ulp |",
					r == s->baseline ? "base" : "=", er);
			else if (!c->comparable)
				fprintf(f, " other inputs, max %s ulp |", er);
			else {
				share5(sh, sizeof(sh), c);
				dist5(di, sizeof(di), c);
				fprintf(f,
					" **%s differ, <=%s ulp apart**, max "
					"%s ulp |",
					sh, di, er);
			}
		}
		fputc('\n', f);
	}
}

static void write_json(FILE *f, const struct fpc_summary *s)
{
	fprintf(f,
		"{\"schema\": \"fpcheck-matrix\", \"schema_version\": %d, "
		"\"baseline\": ",
		FPC_SUMMARY_SCHEMA_VERSION);
	fpc_json_string(f, s->names[s->baseline]);
	fputs(", \"configurations\": [\n", f);
	for (size_t r = 0; r < s->nrec; r++) {
		fputs(r ? ",\n{\"name\": " : "{\"name\": ", f);
		fpc_json_string(f, s->names[r]);
		fputs(", \"record\": ", f);
		fpc_json_string(f, s->paths[r]);
		fputs(", \"provenance\": {", f);
		for (size_t i = 0; i < s->prov[r].n; i++) {
			fputs(i ? ", " : "", f);
			fpc_json_string(f, s->prov[r].key[i]);
			fputs(": ", f);
			fpc_json_string(f, s->prov[r].val[i]);
		}
		fputs("}}", f);
	}
	fputs("],\n\"kernels\": [\n", f);
	for (size_t k = 0; k < s->nk; k++) {
		fputs(k ? ",\n{\"name\": " : "{\"name\": ", f);
		fpc_json_string(f, s->kernels[k]);
		fputs(", \"cells\": [", f);
		for (size_t r = 0; r < s->nrec; r++) {
			const struct fpc_cell *c = cell(s, k, r);
			fputs(r ? ", {\"configuration\": "
				: "{\"configuration\": ",
			      f);
			fpc_json_string(f, s->names[r]);
			fprintf(
			    f,
			    ", \"present\": %s, \"comparable\": %s, "
			    "\"inputs\": %u, \"identical\": %s, "
			    "\"differ\": %u, \"max_ulp_distance\": %llu, "
			    "\"nan_mismatch\": %s, "
			    "\"nan_bits_differ\": %s, \"zero_sign_differs\": "
			    "%s, "
			    "\"correctly_rounded\": %u, \"max_ulp\": %.17g}",
			    c->present ? "true" : "false",
			    c->comparable ? "true" : "false", c->n,
			    c->comparable && !c->differ ? "true" : "false",
			    c->differ, (unsigned long long)c->max_dist,
			    c->nan_mismatch ? "true" : "false",
			    c->nan_bits ? "true" : "false",
			    c->zero_sign ? "true" : "false", c->cr,
			    isfinite(c->max_err) ? c->max_err : DBL_MAX);
		}
		fputs("]}", f);
	}
	fputs("\n]}\n", f);
}

static void write_csv(FILE *f, const struct fpc_summary *s)
{
	fputs("kernel,configuration,baseline,inputs,identical,differ,"
	      "max_ulp_distance,nan_mismatch,correctly_rounded,max_ulp\n",
	      f);
	for (size_t k = 0; k < s->nk; k++)
		for (size_t r = 0; r < s->nrec; r++) {
			const struct fpc_cell *c = cell(s, k, r);
			if (!c->present)
				continue;
			fprintf(f, "%s,\"%s\",%d,%u,%d,%u,%llu,%d,%u,%.17g\n",
				s->kernels[k], s->names[r], r == s->baseline,
				c->n, c->comparable && !c->differ, c->differ,
				(unsigned long long)c->max_dist,
				c->nan_mismatch, c->cr, c->max_err);
		}
}

int fpc_summary_write(FILE *f, enum fpc_report_format fmt,
		      const struct fpc_summary *s)
{
	switch (fmt) {
	case FPC_REPORT_TEXT:
		write_text(f, s);
		break;
	case FPC_REPORT_MARKDOWN:
		write_markdown(f, s);
		break;
	case FPC_REPORT_JSON:
		write_json(f, s);
		break;
	case FPC_REPORT_CSV:
		write_csv(f, s);
		break;
	}
	return ferror(f) ? FPC_ERR_IO : 0;
}
