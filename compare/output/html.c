/*
 * The HTML report (see fpcheck/html.h).  Everything it shows comes from
 * the same library calls as the text reports: the summary, the diffs,
 * the plots and the image differences; this file only lays them out.
 * Pictures are PNGs written to memory and embedded as base64 data URIs.
 */
#define _GNU_SOURCE 1 /* open_memstream */
#include "fpcheck/html.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mpfr.h>

#include "fpcheck/diff.h"
#include "fpcheck/diff_report.h"
#include "fpcheck/error.h"
#include "fpcheck/image.h"
#include "fpcheck/imgdiff.h"
#include "fpcheck/join.h"
#include "fpcheck/catalog.h"
#include "fpcheck/plot.h"
#include "fpcheck/record.h"
#include "fpcheck/summary.h"
#include "fpcheck/ulp.h"
#include "kernels/render.h"

/* ---- embedded pictures -------------------------------------------------- */

static void base64(FILE *f, const unsigned char *p, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		fputc(tab[v >> 18 & 63], f);
		fputc(tab[v >> 12 & 63], f);
		fputc(i + 1 < n ? tab[v >> 6 & 63] : '=', f);
		fputc(i + 2 < n ? tab[v & 63] : '=', f);
	}
}

/* A PNG being written to memory. */
struct mem {
	FILE *f;
	char *buf;
	size_t len;
};

static int mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	return (m->f = open_memstream(&m->buf, &m->len)) ? 0 : FPC_ERR_NOMEM;
}

/* Closes m and, if the picture was written (err 0), embeds it as an
 * <img> with the given class and alt text. */
static int mem_img(FILE *f, struct mem *m, int err, const char *cls,
		   const char *alt)
{
	if (fclose(m->f) && !err)
		err = FPC_ERR_NOMEM;
	if (!err) {
		fprintf(f, "<img class=\"%s\" alt=\"", cls);
		fpc_xml_text(f, alt);
		fputs("\" src=\"data:image/png;base64,", f);
		base64(f, (const unsigned char *)m->buf, m->len);
		fputs("\">", f);
	}
	free(m->buf);
	return err;
}

/* ---- page ------------------------------------------------------------------
 */

static const char style[] =
    "body{font:14px/1.45 system-ui,sans-serif;margin:0 2em 3em;color:#222}"
    "h1{font-size:1.6em;margin:.8em 0 .2em}h2{margin-top:1.8em;"
    "border-bottom:1px solid #ccc}h3{margin:1.2em 0 .3em}"
    "table{border-collapse:collapse;font-size:12px}"
    "td,th{border:1px solid #ddd;padding:2px 5px;text-align:left;"
    "white-space:nowrap}th{background:#f3f3f3;position:sticky;top:0}"
    "td.k{font-family:monospace;background:#fafafa;position:sticky;left:0}"
    "td.same{background:#e9f6ec}td.base{background:#eef}"
    "td.differ{background:#fde8d4}td.nan{background:#f7c6c6}"
    "td.absent{color:#999}td.other{background:#eee}"
    "td .e{color:#555;padding-left:.6em}"
    "td .e.bad{color:#b00;font-weight:600}"
    "pre{background:#f7f7f7;padding:.6em;overflow-x:auto;font-size:12px}"
    "details{margin:.3em 0}summary{cursor:pointer}"
    ".note{color:#555}.grid{display:flex;flex-wrap:wrap;gap:14px}"
    "figure{margin:0}figcaption{font-size:12px;color:#444;max-width:40em}"
    "img.px{image-rendering:pixelated;width:320px}"
    "img.plot{max-width:100%}.row{display:flex;gap:8px;"
    "align-items:flex-start;margin:.4em 0}.row .lbl{width:14em;"
    "font-size:12px;white-space:normal}";

static void head(FILE *f, const struct fpc_html_options *o,
		 const struct fpc_summary *s)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8"
	      "\">\n<meta name=\"viewport\" content=\"width=device-width\">\n"
	      "<title>",
	      f);
	fpc_xml_text(f, o->title);
	fprintf(f, "</title>\n<style>%s</style></head>\n<body>\n<h1>", style);
	fpc_xml_text(f, o->title);
	fprintf(f,
		"</h1>\n<p class=\"note\">%zu configuration%s, baseline "
		"<b>",
		s->nrec, s->nrec == 1 ? "" : "s");
	fpc_xml_text(f, s->names[s->baseline]);
	fprintf(f,
		"</b>; errors in ulps of the exact value against MPFR %s."
		"</p>\n",
		mpfr_get_version());
	fputs("<nav><a href=\"#configs\">configurations</a> · <a href=\"#"
	      "summary\">summary</a> · <a href=\"#diffs\">diffs</a> · <a "
	      "href=\"#plots\">error plots</a> · <a href=\"#renders\">"
	      "renders</a></nav>\n",
	      f);
}

static void configs(FILE *f, const struct fpc_summary *s)
{
	static const char *const keys[] = {"arch",   "compiler", "build.flags",
					   "libc",   "emulator", "cpu",
					   "threads"};

	fputs("<h2 id=\"configs\">Configurations</h2>\n<table><tr><th></th>"
	      "<th>name</th><th>arch</th><th>compiler</th><th>flags</th>"
	      "<th>libc</th><th>emulator</th><th>cpu</th><th>threads</th>"
	      "</tr>\n",
	      f);
	for (size_t r = 0; r < s->nrec; r++) {
		fprintf(f, "<tr><td>[%zu]</td><td>", r + 1);
		fpc_xml_text(f, s->names[r]);
		if (r == s->baseline)
			fputs(" (baseline)", f);
		fputs("</td>", f);
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			fputs("<td>", f);
			fpc_xml_text(f, fpc_prov_or(&s->prov[r], keys[i], "?"));
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* The share of differing inputs, as HTML: three significant digits,
 * never 100 nor 0 (fpc_format_share), its "<" or ">" escaped. */
static void share(char *buf, size_t len, const struct fpc_cell *c)
{
	double p = 100.0 * c->differ / (c->n ? c->n : 1);
	int decimals = p >= 10 ? 1 : p >= 1 ? 2 : 3;
	char pc[16];

	fpc_format_share(pc, sizeof(pc), c->differ, c->n, decimals);
	if (*pc == '<' || *pc == '>')
		snprintf(buf, len, "%s%s", *pc == '<' ? "&lt;" : "&gt;",
			 pc + 1);
	else
		snprintf(buf, len, "%s", pc);
}

/* One summary cell: identity against the baseline, and max error. */
static void cell(FILE *f, const struct fpc_summary *s, size_t k, size_t r,
		 int truth)
{
	const struct fpc_cell *c = &s->cell[k * s->nrec + r];
	const char *cls;
	char id[48] = "", er[24] = "";

	if (!c->present) {
		fputs("<td class=\"absent\">absent</td>", f);
		return;
	}
	if (r == s->baseline) {
		cls = "base";
		snprintf(id, sizeof(id), "base");
	} else if (!c->comparable) {
		cls = "other";
		snprintf(id, sizeof(id), "other inputs");
	} else if (!c->differ) {
		cls = "same";
		snprintf(id, sizeof(id), "=");
	} else {
		char pc[24];
		share(pc, sizeof(pc), c);
		cls = c->nan_mismatch ? "nan" : "differ";
		if (c->max_dist)
			snprintf(id, sizeof(id), "%s%% %.3g", pc,
				 (double)c->max_dist);
		else
			snprintf(id, sizeof(id), "%s%% %s", pc,
				 c->nan_mismatch ? "nan"
				 : c->zero_sign	 ? "&plusmn;0"
						 : "nan&plusmn;");
	}
	if (truth && c->n_err) {
		snprintf(er, sizeof(er), "%.3g", c->max_err);
		fpc_format_half_side(er, sizeof(er), c->max_err);
	}
	fprintf(f,
		"<td class=\"%s\" title=\"%u of %u inputs differ from the "
		"baseline; largest distance %llu ulps\">%s",
		cls, c->differ, c->n, (unsigned long long)c->max_dist, id);
	if (*er) {
		fprintf(f, "<span class=\"e%s\">",
			c->max_err > 0.5 ? " bad" : "");
		fpc_xml_text(f, er);
		fputs("</span>", f);
	}
	fputs("</td>", f);
}

static void summary(FILE *f, const struct fpc_summary *s)
{
	fputs("<h2 id=\"summary\">Kernels &times; configurations</h2>\n<p "
	      "class=\"note\">Each cell: <b>=</b> bit-identical to the "
	      "baseline, else the share of inputs that differ and the largest "
	      "distance in ulps (nan: NaN against a number); at the right the "
	      "largest error in ulps against MPFR, red when not correctly "
	      "rounded. Render kernels have no truth: they are compared with "
	      "the baseline only.</p>\n<table><tr><th>kernel</th>",
	      f);
	for (size_t r = 0; r < s->nrec; r++) {
		fprintf(f, "<th title=\"");
		fpc_xml_text(f, s->names[r]);
		fprintf(f, "\">[%zu]</th>", r + 1);
	}
	fputs("</tr>\n", f);
	for (size_t k = 0; k < s->nk; k++) {
		const struct fpc_kernel *kn = s->kernel[k];
		fputs("<tr><td class=\"k\">", f);
		fpc_xml_text(f, s->kernels[k]);
		fputs("</td>", f);
		for (size_t r = 0; r < s->nrec; r++)
			cell(f, s, k, r, FPC_HAS_TRUTH(kn->fn));
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* ---- diffs
 * -------------------------------------------------------------------- */

/* One record's diff against the baseline, as an HTML fragment. */
struct diff_job {
	const struct fpc_summary *s;
	const struct fpc_html_options *o;
	size_t r;
	char *html; /* the fragment, malloc'd */
	size_t len;
	int err;
	char detail[512];
};

static int diff_fragment(struct diff_job *j)
{
	const struct fpc_summary *s = j->s;
	const char *path[2] = {s->paths[s->baseline], s->paths[j->r]};
	struct fpc_diff_options dop = {j->o->truth, 5};
	unsigned tally[FPC_CAUSE_COUNT] = {0};
	struct fpc_diff d;
	struct mem text, m;
	int which, err, first = 1;

	if ((err = fpc_diff_records(path, &dop, &d, &which, j->detail,
				    sizeof(j->detail)))) {
		if (!*j->detail)
			snprintf(j->detail, sizeof(j->detail), "%s: %s",
				 path[which], fpc_strerror(err));
		return err;
	}
	if ((err = mem_open(&text))) {
		fpc_diff_release(&d);
		return err;
	}
	err = fpc_diff_write(text.f, FPC_REPORT_TEXT, &d, path);
	fputc(0, text.f);
	if (fclose(text.f) && !err)
		err = FPC_ERR_NOMEM;
	if (!err && !(err = mem_open(&m))) {
		for (size_t i = 0; i < d.nk; i++)
			if (d.k[i].status == FPC_KDIFF_COMPARED &&
			    !fpc_kdiff_identical(&d.k[i]) && d.k[i].ndiff)
				tally[d.k[i].headline]++;
		fprintf(m.f, "<details><summary><b>[%zu] ", j->r + 1);
		fpc_xml_text(m.f, s->names[j->r]);
		fprintf(m.f, "</b>: %zu of %zu kernels differ",
			d.compared - d.identical, d.compared);
		for (int c = 0; c < FPC_CAUSE_COUNT; c++)
			if (tally[c]) {
				fprintf(m.f, "%s%s %u",
					first ? " &mdash; " : ", ",
					fpc_cause_name((enum fpc_cause)c),
					tally[c]);
				first = 0;
			}
		fputs("</summary>\n<pre>", m.f);
		fpc_xml_text(m.f, text.buf);
		fputs("</pre></details>\n", m.f);
		if (fclose(m.f))
			err = FPC_ERR_NOMEM;
		j->html = m.buf;
		j->len = m.len;
	}
	free(text.buf);
	fpc_diff_release(&d);
	return err;
}

/* Diff jobs taken in turn by the threads. */
struct diff_queue {
	pthread_mutex_t lock;
	struct diff_job *jobs;
	size_t njobs, next;
};

static void *diff_worker(void *arg)
{
	struct diff_queue *q = arg;

	for (;;) {
		struct diff_job *j;
		pthread_mutex_lock(&q->lock);
		j = q->next < q->njobs ? &q->jobs[q->next++] : NULL;
		pthread_mutex_unlock(&q->lock);
		if (!j)
			return NULL;
		j->err = diff_fragment(j);
	}
}

/* Every record's diff against the baseline, computed on as many threads
 * as there are processors (each diff reads two records and re-evaluates
 * variants: the slow part of the page), written in record order. */
static int diffs(FILE *f, const struct fpc_summary *s,
		 const struct fpc_html_options *o, char *detail,
		 size_t detail_len)
{
	struct diff_queue q = {PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0};
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nthreads = cpus > 1 ? (size_t)cpus : 1;
	pthread_t tid[16];
	size_t started = 0;
	int err = 0;

	fputs("<h2 id=\"diffs\">Differences from the baseline, with likely "
	      "causes</h2>\n",
	      f);
	if (s->nrec < 2) {
		fputs("<p class=\"note\">One record: nothing to compare.</p>\n",
		      f);
		return 0;
	}
	if (!(q.jobs = calloc(s->nrec, sizeof(*q.jobs))))
		return FPC_ERR_NOMEM;
	for (size_t r = 0; r < s->nrec; r++)
		if (r != s->baseline)
			q.jobs[q.njobs++] =
			    (struct diff_job){s, o, r, NULL, 0, 0, ""};
	if (nthreads > 16)
		nthreads = 16;
	if (nthreads > q.njobs)
		nthreads = q.njobs;
	if (o->progress)
		o->progress(o->progress_arg, "diffs", 0, q.njobs);
	for (size_t t = 1; t < nthreads; t++)
		if (!pthread_create(&tid[started], NULL, diff_worker, &q))
			started++;
	diff_worker(&q);
	for (size_t t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	for (size_t i = 0; i < q.njobs; i++) {
		struct diff_job *j = &q.jobs[i];
		if (!err && j->err) {
			err = j->err;
			snprintf(detail, detail_len, "%s", j->detail);
		}
		if (!err)
			fwrite(j->html, 1, j->len, f);
		free(j->html);
	}
	free(q.jobs);
	return err;
}

/* ---- kernels in step: error plots and renders -------------------------- */

static int render_png(FILE *f, const struct fpc_image *img, const char *alt)
{
	struct fpc_tonemap tm = {0, 8};
	size_t n = (size_t)img->w * img->h * 3;
	uint8_t *rgb = malloc(n);
	struct mem m;
	int err;

	if (!rgb)
		return FPC_ERR_NOMEM;
	fpc_image_tonemap(img, &tm, rgb, NULL);
	if ((err = mem_open(&m))) {
		free(rgb);
		return err;
	}
	err = fpc_png_write(m.f, img->w, img->h, rgb, NULL, NULL, 0);
	free(rgb);
	return mem_img(f, &m, err, "px", alt);
}

static int picture_png(FILE *f, const struct fpc_imgdiff *d,
		       enum fpc_imgdiff_picture p, double stops,
		       const char *alt)
{
	uint8_t *rgb = malloc(d->pixels * 3);
	struct mem m;
	int err;

	if (!rgb)
		return FPC_ERR_NOMEM;
	fpc_imgdiff_picture(d, p, stops, rgb);
	if ((err = mem_open(&m))) {
		free(rgb);
		return err;
	}
	err = fpc_png_write(m.f, d->w, d->h, rgb, NULL, NULL, 0);
	free(rgb);
	return mem_img(f, &m, err, "px", alt);
}

/* Record r's image of the render kernel in j, or the fault in detail,
 * naming the record (an input's fault, not the page's). */
static int record_image(const struct fpc_summary *s, const struct fpc_join *j,
			size_t r, struct fpc_image *img, char *detail,
			size_t detail_len)
{
	char why[128] = "";
	int err = fpc_image_from_kdata(&j->kd[r], img, why, sizeof(why));

	if (err)
		snprintf(detail, detail_len, "%s: %s", s->paths[r],
			 *why ? why : fpc_strerror(err));
	return err;
}

/* The render kernel k: the baseline's image, then every configuration
 * whose image differs, with its boosted difference and ulp heatmap. */
static int render_section(FILE *f, const struct fpc_summary *s,
			  const struct fpc_html_options *o,
			  const struct fpc_join *j, char *detail,
			  size_t detail_len)
{
	const char *kname = j->kernel->name;
	struct fpc_image base;
	int err;
	size_t same = 0;
	char alt[256], why[128];

	if (!j->has[s->baseline])
		return 0;
	if ((err = record_image(s, j, s->baseline, &base, detail, detail_len)))
		return err;
	fputs("<h3>", f);
	fpc_xml_text(f, kname);
	fprintf(f, " <span class=\"note\">%ux%u, %s</span></h3>\n",
		(unsigned)base.w, (unsigned)base.h,
		base.format == FPC_FMT_BINARY64 ? "double" : "float");
	fputs("<div class=\"row\"><div class=\"lbl\">baseline <b>", f);
	fpc_xml_text(f, s->names[s->baseline]);
	fputs("</b></div>", f);
	snprintf(alt, sizeof(alt), "%s, %s", kname, s->names[s->baseline]);
	if ((err = render_png(f, &base, alt))) {
		fpc_image_release(&base);
		return err;
	}
	fputs("</div>\n", f);
	for (size_t r = 0; r < s->nrec && !err; r++) {
		struct fpc_image img;
		struct fpc_imgdiff d;

		if (r == s->baseline || !j->has[r])
			continue;
		if ((err = record_image(s, j, r, &img, detail, detail_len)))
			break;
		if (fpc_imgdiff_compute(&base, &img, &d, why, sizeof(why))) {
			fputs("<div class=\"row\"><div class=\"lbl\">", f);
			fpc_xml_text(f, s->names[r]);
			fputs("</div><div class=\"note\">", f);
			fpc_xml_text(f, why);
			fputs("</div></div>\n", f);
			fpc_image_release(&img);
			continue;
		}
		if (!d.differ) {
			same++;
		} else {
			fprintf(
			    f,
			    "<div class=\"row\"><div class=\"lbl\"><b>[%zu] ",
			    r + 1);
			fpc_xml_text(f, s->names[r]);
			fprintf(f,
				"</b><br>%.2f%% of pixels identical; max %llu "
				"ulps at (%u, %u); PSNR %.1f dB",
				100.0 * (double)d.identical / (double)d.pixels,
				(unsigned long long)d.max_ulp,
				(unsigned)d.max_x, (unsigned)d.max_y, d.psnr);
			for (int k = 0; k < FPC_SPECIAL_COUNT; k++)
				if (d.special[k])
					fprintf(
					    f, "; %s: %llu",
					    fpc_imgdiff_special_name(
						(enum fpc_imgdiff_special)k),
					    (unsigned long long)d.special[k]);
			fputs("</div>", f);
			snprintf(alt, sizeof(alt), "%s, %s", kname,
				 s->names[r]);
			err = render_png(f, &img, alt);
			snprintf(alt, sizeof(alt), "|difference| x 2^%g",
				 o->stops);
			if (!err)
				err = picture_png(f, &d, FPC_PICTURE_BOOST,
						  o->stops, alt);
			if (!err)
				err = picture_png(f, &d, FPC_PICTURE_ULP, 0,
						  "ulp distance heatmap");
			fputs("</div>\n", f);
		}
		fpc_imgdiff_release(&d);
		fpc_image_release(&img);
	}
	if (!err && same)
		fprintf(f,
			"<p class=\"note\">%zu other configuration%s "
			"bit-identical to the baseline.</p>\n",
			same, same == 1 ? "" : "s");
	fpc_image_release(&base);
	return err;
}

/* The error plot of kernel k across the records' data kd[0..n), made
 * taller until its legend fits (one line per group of records with the
 * same bits).  A plot that cannot be drawn is a note on the page, not the
 * end of it. */
static int error_plot(FILE *f, const struct fpc_kernel *k,
		      const struct fpc_kdata *const *kd,
		      const char *const *labels, size_t n,
		      const struct fpc_html_options *o, char *detail,
		      size_t detail_len)
{
	int err = FPC_ERR_ARG;

	fputs("<figure>", f);
	for (int h = 360; err == FPC_ERR_ARG && h <= 1560; h += 240) {
		struct mem m;
		if ((err = mem_open(&m)))
			return err;
		err = fpc_plot_errors_kdata(m.f, k, kd, labels, n, o->truth,
					    640, h, detail, detail_len);
		err = mem_img(f, &m, err, "plot", k->name);
	}
	if (err == FPC_ERR_ARG) {
		fprintf(f, "<figcaption>%s: ", k->name);
		fpc_xml_text(f, detail);
		fputs("</figcaption>", f);
		*detail = 0;
		err = 0;
	}
	fputs("</figure>\n", f);
	return err;
}

/* Does any configuration misround kernel row k of the summary? */
static int misrounded(const struct fpc_summary *s, size_t row)
{
	for (size_t r = 0; r < s->nrec; r++) {
		const struct fpc_cell *c = &s->cell[row * s->nrec + r];
		if (c->present && c->n_err && c->max_err > 0.5)
			return 1;
	}
	return 0;
}

static int in_step(FILE *f, const struct fpc_summary *s,
		   const struct fpc_html_options *o, char *detail,
		   size_t detail_len)
{
	static const char no_plot[] =
	    "<p class=\"note\">Every function with a truth is correctly "
	    "rounded in every configuration: nothing to plot.</p>\n";
	size_t n = s->nrec, row = 0;
	struct fpc_join j;
	int err, rc = 0, renders = 0, plots = 0;

	if ((err = fpc_join_open(&j, (const char *const *)s->paths, n, detail,
				 detail_len)))
		return err;
	fputs("<h2 id=\"plots\">Error plots</h2>\n<p class=\"note\">|error| "
	      "in ulps against the input, every configuration on one plot, "
	      "for each function that some configuration does not round "
	      "correctly.</p>\n<div class=\"grid\">\n",
	      f);
	while (!err && (rc = fpc_join_next(&j, detail, detail_len)) > 0) {
		const struct fpc_kernel *k = j.kernel;

		/* The summary's rows are the join's, one for one. */
		if (row >= s->nk || s->kernel[row] != k) {
			snprintf(detail, detail_len,
				 "the records changed while being read (%s "
				 "is not the table's row %zu)",
				 k->name, row + 1);
			err = FPC_ERR_MISMATCH;
			break;
		}
		if (k->fn->family == FPC_FAMILY_RENDER && !renders++)
			fprintf(
			    f,
			    "</div>\n%s<h2 id=\"renders\">Renders</h2>\n<p "
			    "class=\"note\">Each configuration whose image "
			    "differs from the baseline's: its render, the "
			    "absolute difference exposed up the stops given, "
			    "and the ulp distance per pixel (viridis, log "
			    "scale from 0 to the largest; magenta: NaN or "
			    "infinity against a number).</p>\n",
			    plots ? "" : no_plot);
		if (k->fn->family == FPC_FAMILY_RENDER) {
			err = render_section(f, s, o, &j, detail, detail_len);
		} else if (misrounded(s, row)) {
			const struct fpc_kdata *sel[FPC_PLOT_SERIES];
			const char *labels[FPC_PLOT_SERIES];
			size_t m = 0;
			for (size_t r = 0; r < n && m < FPC_PLOT_SERIES; r++)
				if (j.has[r]) {
					sel[m] = &j.kd[r];
					labels[m++] = s->names[r];
				}
			err = error_plot(f, k, sel, labels, m, o, detail,
					 detail_len);
			plots++;
		}
		row++;
		if (o->progress)
			o->progress(o->progress_arg, "kernels", row, s->nk);
	}
	if (!err && rc < 0)
		err = rc;
	if (!renders)
		fprintf(f,
			"</div>\n%s<h2 id=\"renders\">Renders</h2>\n<p "
			"class=\"note\">No render kernel in these records."
			"</p>\n",
			plots ? "" : no_plot);
	fpc_join_close(&j);
	return err;
}

int fpc_html_write(FILE *f, const char *const *paths, const char *const *names,
		   size_t n, const struct fpc_html_options *o, char *detail,
		   size_t detail_len)
{
	struct fpc_summary s;
	struct mem m;
	int err;

	*detail = 0;
	if ((err = fpc_summary_compute(paths, names, n, o->baseline, o->truth,
				       &s, detail, detail_len)))
		return err;
	head(f, o, &s);
	configs(f, &s);
	summary(f, &s);
	if (!(err = mem_open(&m))) {
		err = fpc_plot_heatmap(m.f, &s, 900, detail, detail_len);
		fputs("<h3>Heatmap</h3>\n", f);
		err = mem_img(f, &m, err, "plot",
			      "kernels x configurations heatmap");
	}
	if (!err)
		err = diffs(f, &s, o, detail, detail_len);
	if (!err)
		err = in_step(f, &s, o, detail, detail_len);
	fprintf(f,
		"<p class=\"note\">Written by fpcheck.</p>\n</body></html>\n");
	fpc_summary_release(&s);
	if (!err && (fflush(f) || ferror(f)))
		err = FPC_ERR_IO;
	return err;
}
