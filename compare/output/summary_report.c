/*
 * The kernels x configurations summary written out (see
 * fpcheck/summary_report.h): a text table in blocks of four
 * configurations, markdown, JSON and CSV.  compare/analysis/summary.c
 * fills the cells.
 */
#include "fpcheck/summary_report.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "fpcheck/error.h"

static const struct fpc_cell *cell(const struct fpc_summary *s, size_t k,
				   size_t r)
{
	return &s->cell[k * s->nrec + r];
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
	fpc_format_half_side(buf, len, c->max_err);
}

/* Share of differing inputs, in at most 5 characters; ">99%" when some
 * inputs are the same (fpc_format_share). */
static void share5(char *buf, size_t len, const struct fpc_cell *c)
{
	double p = c->n ? 100.0 * c->differ / c->n : 0;
	char pc[8]; /* 4 characters at most: "9.9", ">99" */

	if (p < 0.1) {
		snprintf(buf, len, "<.1%%");
		return;
	}
	fpc_format_share(pc, sizeof(pc), c->differ, c->n, p < 10 ? 1 : 0);
	snprintf(buf, len, "%s%%", pc);
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
	for (size_t r = 0; r < s->nrec; r++) {
		fprintf(f, "  [%zu] %s%s\n", r + 1, s->names[r],
			r == s->baseline ? " (baseline)" : "");
		fpc_text_prov(
		    f, &s->prov[r],
		    "      {arch}, {compiler}, {build.flags}, {libc}\n", "?");
	}
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
