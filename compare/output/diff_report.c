/*
 * The diff of two records written for people and programs (see
 * fpcheck/diff_report.h): text in 80 columns, markdown, and JSON.  The
 * comparison itself is compare/analysis/diff.c's.
 */
#include "fpcheck/diff_report.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "fpcheck/error.h"
#include "fpcheck/ulp.h"

static const char side_name[2] = {'A', 'B'};

/* ---- what the writers share ----------------------------------------- */

/* Provenance keys whose values differ, A's order then B's own keys;
 * "time" always differs and says nothing about the results.  Calls fn
 * for each. */
static void prov_differences(const struct fpc_diff *d,
			     void (*fn)(void *arg, const char *key,
					const char *a, const char *b),
			     void *arg)
{
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < d->prov[s].n; i++) {
			const char *key = d->prov[s].key[i];
			const char *a = fpc_prov_get(&d->prov[0], key);
			const char *b = fpc_prov_get(&d->prov[1], key);

			if (!strcmp(key, "time") || (s == 1 && a))
				continue;
			if (!a || !b || strcmp(a, b))
				fn(arg, key, a ? a : "(none)",
				   b ? b : "(none)");
		}
}

static int same_corpus(const struct fpc_diff *d)
{
	const char *a = fpc_prov_get(&d->prov[0], "corpus.hash");
	const char *b = fpc_prov_get(&d->prov[1], "corpus.hash");

	return a && b && !strcmp(a, b);
}

static size_t count_status(const struct fpc_diff *d, enum fpc_kdiff_status s)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nk; i++)
		n += d->k[i].status == s;
	return n;
}

/* Causes of a kernel, most inputs first (table order among equals). */
static int causes_by_count(const struct fpc_kdiff *k, int order[])
{
	int n = 0;

	for (int c = 0; c < FPC_CAUSE_COUNT; c++)
		if (k->cause[c].count)
			order[n++] = c;
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && k->cause[order[j]].count >
					     k->cause[order[j - 1]].count;
		     j--) {
			int tmp = order[j];
			order[j] = order[j - 1];
			order[j - 1] = tmp;
		}
	return n;
}

/* "inexact 3, underflow 1" */
static void flag_list(char *buf, size_t len, const struct fpc_kdiff *k)
{
	size_t at = 0;

	buf[0] = 0;
	for (unsigned bit = 0; bit < 8 && at < len; bit++)
		if (k->flag_differ[bit] && fpc_flag_name(bit)) {
			int n = snprintf(buf + at, len - at, "%s%s %u",
					 at ? ", " : "", fpc_flag_name(bit),
					 k->flag_differ[bit]);
			if (n > 0)
				at += (size_t)n;
		}
}

/* A signed error for people, "-" when not measured; all the digits
 * when four would show a misrounded hard case as 0.5.  A double next to
 * 1/2 stands for an error that rounding would have carried onto 1/2
 * (fpc_ulp_error): its digits are the rounding's, only its side is
 * exact, so it reads as a comparison, ">+0.5", "<-0.5" (misrounded) or
 * "<+0.5", ">-0.5" (correctly rounded). */
static void signed_ulps(char *buf, size_t len, double e)
{
	double a = fabs(e);
	char u[24];

	if (isnan(e)) {
		snprintf(buf, len, "-");
		return;
	}
	fpc_format_ulps(u, sizeof(u), a);
	if (a == 0x1.fffffffffffffp-2 || a == 0x1.0000000000001p-1)
		snprintf(buf, len, "%s%s0.5", (e > 0) == (a > 0.5) ? ">" : "<",
			 e < 0 ? "-" : "+");
	else if (u[0] == '>' || u[0] == '<')
		snprintf(buf, len, "%+.17g", e);
	else
		snprintf(buf, len, "%s%s", e < 0 ? "-" : "+", u);
}

static void max_ulps(char *buf, size_t len, const struct fpc_kdiff *k, int s)
{
	if (k->measured[s])
		fpc_format_ulps(buf, len, k->max_err[s]);
	else
		snprintf(buf, len, "-");
}

/* ---- text ------------------------------------------------------------ */

#define WIDTH 80

/* Words of text from column indent, wrapped at WIDTH. */
static void wrap(FILE *f, unsigned indent, const char *raw)
{
	/* Evidence quotes provenance: shown without its controls, which
	 * could also hide a line break from the wrapping. */
	char shown[4 * FPC_EVIDENCE_MAX];
	const char *text = fpc_prov_show(shown, sizeof(shown), raw);
	unsigned col = 0;

	while (*text) {
		size_t n = strcspn(text, " ");

		if (col && col + 1 + n > WIDTH) {
			fputc('\n', f);
			col = 0;
		}
		if (!col) {
			fprintf(f, "%*s", (int)indent, "");
			col = indent;
		} else {
			fputc(' ', f);
			col++;
		}
		fwrite(text, 1, n, f);
		col += (unsigned)n;
		text += n;
		while (*text == ' ')
			text++;
	}
	if (col)
		fputc('\n', f);
}

/* A list of kernel names after a label, wrapped. */
static void name_list(FILE *f, const char *label, const struct fpc_diff *d,
		      enum fpc_kdiff_status status, int identical)
{
	char buf[8192];
	size_t at = 0;

	at += (size_t)snprintf(buf, sizeof(buf), "%s", label);
	for (size_t i = 0; i < d->nk && at < sizeof(buf); i++) {
		const struct fpc_kdiff *k = &d->k[i];
		int n;

		if (k->status != status ||
		    (identical >= 0 && fpc_kdiff_identical(k) != identical))
			continue;
		n = snprintf(buf + at, sizeof(buf) - at, " %s", k->name);
		if (n > 0)
			at += (size_t)n;
	}
	wrap(f, 0, buf);
}

/* One value a line, so that a binary64 value and its decimal fit in 80
 * columns whatever they are. */
static void text_value(FILE *f, const char *label, unsigned format, uint64_t b)
{
	char hex[FPC_HEX_MAX], dec[FPC_DEC_MAX];

	fpc_bits_hex(format, b, hex);
	fpc_bits_dec(format, b, dec);
	fprintf(f, "      %-6s %s (%s)\n", label, hex, dec);
}

static void text_example(FILE *f, const struct fpc_kdiff *k,
			 const struct fpc_diff_example *x)
{
	char e[2][32], arg[8];

	fprintf(f, "    input %u: %s\n", x->index, fpc_cause_name(x->cause));
	for (unsigned j = 0; j < k->arity; j++) {
		/* As the report names them: x, y for library functions,
		 * a, b, ... for expressions. */
		snprintf(arg, sizeof(arg), "%c",
			 (k->arity <= 2 ? "xy" : "abcdef")[j]);
		text_value(f, arg, k->format, x->in[j]);
	}
	text_value(f, "A", k->format, x->out[0]);
	text_value(f, "B", k->format, x->out[1]);
	if (!k->truth)
		return;
	text_value(f, "truth", k->format, x->cr);
	if (isnan(x->err[0]) && isnan(x->err[1]))
		return;
	signed_ulps(e[0], sizeof(e[0]), x->err[0]);
	signed_ulps(e[1], sizeof(e[1]), x->err[1]);
	fprintf(f, "      %-6s A %s, B %s ulp\n", "error", e[0], e[1]);
}

static void count_prov(void *arg, const char *key, const char *a, const char *b)
{
	(void)key;
	(void)a;
	(void)b;
	++*(int *)arg;
}

static void text_prov(void *arg, const char *key, const char *a, const char *b)
{
	FILE *f = arg;

	char shown[256];

	fprintf(f, "  %-16s A  ", fpc_prov_show(shown, sizeof(shown), key));
	fpc_text_put(f, a);
	fprintf(f, "\n  %-16s B  ", "");
	fpc_text_put(f, b);
	fputc('\n', f);
}

static void text_kernel(FILE *f, const struct fpc_kdiff *k)
{
	int order[FPC_CAUSE_COUNT], n;
	char ua[24], ub[24], fl[160], pc[16];

	if (!k->ndiff) {
		char line[320];

		flag_list(fl, sizeof(fl), k);
		snprintf(line, sizeof(line),
			 "%s (%s): results identical, exception flags differ "
			 "on %u of %u inputs (%s)",
			 k->name, fpc_format_name(k->format), k->flags_differ,
			 k->n, fl);
		fputc('\n', f);
		wrap(f, 0, line);
		return;
	}
	fpc_format_share(pc, sizeof(pc), k->ndiff, k->n, 2);
	fprintf(f, "\n%s (%s): %u of %u inputs differ (%s%%)\n", k->name,
		fpc_format_name(k->format), k->ndiff, k->n, pc);
	if (k->ndiff > k->nan_number)
		fprintf(f, "  largest distance between A and B: %llu ulp%s\n",
			(unsigned long long)k->max_dist,
			k->max_dist == 1 ? "" : "s");
	if (k->nan_number)
		fprintf(f, "  one side NaN, the other a number: %u input%s\n",
			k->nan_number, k->nan_number == 1 ? "" : "s");
	if (k->truth) {
		fprintf(f,
			"  nearer the truth: A on %u, B on %u, as near on "
			"%u\n",
			k->closer[0], k->closer[1], k->ties);
		max_ulps(ua, sizeof(ua), k, 0);
		max_ulps(ub, sizeof(ub), k, 1);
		fprintf(f, "  max error on these inputs: A %s ulp, B %s ulp\n",
			ua, ub);
	}
	if (k->flags_differ) {
		char line[256];

		flag_list(fl, sizeof(fl), k);
		snprintf(line, sizeof(line),
			 "exception flags differ on %u input%s (%s)",
			 k->flags_differ, k->flags_differ == 1 ? "" : "s", fl);
		wrap(f, 2, line);
	}
	for (int s = 0; s < 2; s++)
		if (k->flags_unknown[s])
			fprintf(f, "  exception flags: %c cannot report them\n",
				side_name[s]);
	n = causes_by_count(k, order);
	fprintf(f, "  likely cause%s:\n", n > 1 ? "s" : "");
	for (int i = 0; i < n; i++) {
		const struct fpc_cause_stat *st = &k->cause[order[i]];
		fprintf(f, "    %s on %u of %u\n",
			fpc_cause_name((enum fpc_cause)order[i]), st->count,
			k->ndiff);
		wrap(f, 6, st->evidence);
	}
	if (k->nfirst)
		fprintf(f, "  first %u differing input%s:\n", k->nfirst,
			k->nfirst == 1 ? "" : "s");
	for (uint32_t i = 0; i < k->nfirst; i++)
		text_example(f, k, &k->first[i]);
}

static void write_text(FILE *f, const struct fpc_diff *d,
		       const char *const path[2])
{
	size_t differ = d->compared - d->identical;
	size_t bad = count_status(d, FPC_KDIFF_INPUTS_DIFFER);
	int nprov = 0;

	fprintf(f, "A %s\nB %s\n", path[0], path[1]);
	prov_differences(d, count_prov, &nprov);
	if (nprov) {
		fprintf(f, "provenance that differs (time not compared):\n");
		prov_differences(d, text_prov, f);
	} else {
		fprintf(f, "same provenance (time not compared)\n");
	}
	if (same_corpus(d)) {
		fpc_text_prov(f, &d->prov[0], "same corpus {corpus.hash}\n",
			      "(none)");
	} else {
		fpc_text_prov(f, &d->prov[0],
			      "the corpora differ (corpus.hash A {corpus.hash}",
			      "(none)");
		fpc_text_prov(f, &d->prov[1],
			      ", B {corpus.hash}): only kernels with the same "
			      "inputs are compared\n",
			      "(none)");
	}
	fprintf(f, "\n%zu kernel%s compared: %zu identical, %zu differ\n",
		d->compared, d->compared == 1 ? "" : "s", d->identical, differ);
	if (d->identical)
		name_list(f, "identical:", d, FPC_KDIFF_COMPARED, 1);
	if (bad) {
		fprintf(f, "\nerror: the inputs differ, not compared:\n");
		for (size_t i = 0; i < d->nk; i++) {
			const struct fpc_kdiff *k = &d->k[i];
			if (k->status == FPC_KDIFF_INPUTS_DIFFER)
				fprintf(f,
					"  %s (%s): A has %u inputs, B %u%s\n",
					k->name, fpc_format_name(k->format),
					k->n, k->n_b,
					k->n == k->n_b ? ", not the same" : "");
		}
	}
	if (count_status(d, FPC_KDIFF_ONLY_A))
		name_list(f, "only in A:", d, FPC_KDIFF_ONLY_A, -1);
	if (count_status(d, FPC_KDIFF_ONLY_B))
		name_list(f, "only in B:", d, FPC_KDIFF_ONLY_B, -1);
	for (int s = 0; s < 2; s++)
		if (d->nunknown[s]) {
			fprintf(f,
				"not compared, unknown to this fpcheck (%c):",
				side_name[s]);
			for (size_t i = 0; i < d->nunknown[s]; i++)
				fprintf(f, " %s", d->unknown[s][i]);
			fputc('\n', f);
		}
	for (size_t i = 0; i < d->nk; i++)
		if (d->k[i].status == FPC_KDIFF_COMPARED &&
		    !fpc_kdiff_identical(&d->k[i]))
			text_kernel(f, &d->k[i]);
}

/* ---- markdown -------------------------------------------------------- */

static void md_prov(void *arg, const char *key, const char *a, const char *b)
{
	FILE *f = arg;

	fputs("| `", f);
	fpc_text_put(f, key);
	fputs("` | ", f);
	fpc_text_put(f, a);
	fputs(" | ", f);
	fpc_text_put(f, b);
	fputs(" |\n", f);
}

static void md_value(FILE *f, unsigned format, uint64_t b)
{
	char hex[FPC_HEX_MAX];

	fpc_bits_hex(format, b, hex);
	fprintf(f, "`%s`", hex);
}

static void md_names(FILE *f, const char *label, const struct fpc_diff *d,
		     enum fpc_kdiff_status status)
{
	if (!count_status(d, status))
		return;
	fprintf(f, "%s:", label);
	for (size_t i = 0; i < d->nk; i++)
		if (d->k[i].status == status)
			fprintf(f, " `%s`", d->k[i].name);
	fputs("\n\n", f);
}

static void md_kernel(FILE *f, const struct fpc_kdiff *k)
{
	int order[FPC_CAUSE_COUNT], n = causes_by_count(k, order);

	fprintf(f, "\n### %s (%s)\n\n", k->name, fpc_format_name(k->format));
	for (int i = 0; i < n; i++) {
		fprintf(f, "- **%s** on %u of %u: ",
			fpc_cause_name((enum fpc_cause)order[i]),
			k->cause[order[i]].count, k->ndiff);
		fpc_text_put(f, k->cause[order[i]].evidence);
		fputc('\n', f);
	}
	if (!k->ndiff)
		fprintf(f,
			"- results identical, exception flags differ on "
			"%u inputs\n",
			k->flags_differ);
	if (!k->nfirst)
		return;
	fprintf(f, "\n| input | arguments | A | B | truth | cause |\n"
		   "|--:|---|---|---|---|---|\n");
	for (uint32_t i = 0; i < k->nfirst; i++) {
		const struct fpc_diff_example *x = &k->first[i];

		fprintf(f, "| %u | ", x->index);
		for (unsigned j = 0; j < k->arity; j++) {
			fputs(j ? ", " : "", f);
			md_value(f, k->format, x->in[j]);
		}
		for (int s = 0; s < 2; s++) {
			fputs(" | ", f);
			md_value(f, k->format, x->out[s]);
		}
		fputs(" | ", f);
		if (k->truth)
			md_value(f, k->format, x->cr);
		else
			fputs("-", f);
		fprintf(f, " | %s |\n", fpc_cause_name(x->cause));
	}
}

static void write_markdown(FILE *f, const struct fpc_diff *d,
			   const char *const path[2])
{
	int nprov = 0;

	fprintf(f, "# fpcheck diff\n\nA: `%s`, B: `%s`\n\n", path[0], path[1]);
	prov_differences(d, count_prov, &nprov);
	if (nprov) {
		fprintf(f, "| provenance | A | B |\n|---|---|---|\n");
		prov_differences(d, md_prov, f);
	} else {
		fprintf(f, "Same provenance (time not compared).\n");
	}
	if (same_corpus(d))
		fpc_text_prov(f, &d->prov[0],
			      "\nSame corpus `{corpus.hash}`.\n\n", "(none)");
	else
		fprintf(f, "\nThe corpora differ: only kernels with the same "
			   "inputs are compared.\n\n");
	fprintf(f, "%zu kernels compared: %zu identical, %zu differ.\n\n",
		d->compared, d->identical, d->compared - d->identical);
	md_names(f, "Inputs differ (error, not compared)", d,
		 FPC_KDIFF_INPUTS_DIFFER);
	md_names(f, "Only in A", d, FPC_KDIFF_ONLY_A);
	md_names(f, "Only in B", d, FPC_KDIFF_ONLY_B);
	fprintf(f, "| kernel | type | inputs | differ | max distance | nearer "
		   "A/B/tie | max err A | max err B | flags differ | likely "
		   "cause |\n"
		   "|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n");
	for (size_t i = 0; i < d->nk; i++) {
		const struct fpc_kdiff *k = &d->k[i];
		char ua[24], ub[24];

		if (k->status != FPC_KDIFF_COMPARED)
			continue;
		max_ulps(ua, sizeof(ua), k, 0);
		max_ulps(ub, sizeof(ub), k, 1);
		fprintf(f, "| %s | %s | %u | %u | %llu | ", k->name,
			fpc_format_name(k->format), k->n, k->ndiff,
			(unsigned long long)k->max_dist);
		if (k->ndiff && k->truth)
			fprintf(f, "%u/%u/%u | %s | %s", k->closer[0],
				k->closer[1], k->ties, ua, ub);
		else
			fputs("- | - | -", f);
		fprintf(f, " | %u | %s |\n", k->flags_differ,
			k->ndiff ? fpc_cause_name(k->headline) : "-");
	}
	for (size_t i = 0; i < d->nk; i++)
		if (d->k[i].status == FPC_KDIFF_COMPARED &&
		    !fpc_kdiff_identical(&d->k[i]))
			md_kernel(f, &d->k[i]);
}

/* ---- JSON ------------------------------------------------------------ */

/* An error in ulps, null when not measured, the largest double when
 * beyond the double range (as in the report's JSON). */
static void json_ulps(FILE *f, int measured, double x)
{
	if (!measured || isnan(x))
		fputs("null", f);
	else
		fprintf(f, "%.17g", isfinite(x) ? x : DBL_MAX);
}

static void json_prov_object(FILE *f, const struct fpc_prov *p)
{
	fputc('{', f);
	for (size_t i = 0; i < p->n; i++) {
		fputs(i ? ", " : "", f);
		fpc_json_string(f, p->key[i]);
		fputs(": ", f);
		fpc_json_string(f, p->val[i]);
	}
	fputc('}', f);
}

struct json_list {
	FILE *f;
	int n;
};

static void json_prov(void *arg, const char *key, const char *a, const char *b)
{
	struct json_list *l = arg;

	fputs(l->n++ ? ", {\"key\": " : "{\"key\": ", l->f);
	fpc_json_string(l->f, key);
	fputs(", \"a\": ", l->f);
	fpc_json_string(l->f, a);
	fputs(", \"b\": ", l->f);
	fpc_json_string(l->f, b);
	fputc('}', l->f);
}

static void json_example(FILE *f, const struct fpc_kdiff *k,
			 const struct fpc_diff_example *x)
{
	fprintf(f, "{\"index\": %u, \"inputs\": [", x->index);
	for (unsigned j = 0; j < k->arity; j++) {
		fputs(j ? ", " : "", f);
		fpc_json_value(f, k->format, x->in[j]);
	}
	fputs("], \"a\": ", f);
	fpc_json_value(f, k->format, x->out[0]);
	fputs(", \"b\": ", f);
	fpc_json_value(f, k->format, x->out[1]);
	fputs(", \"truth\": ", f);
	if (k->truth)
		fpc_json_value(f, k->format, x->cr);
	else
		fputs("null", f);
	fputs(", \"error_a\": ", f);
	json_ulps(f, 1, x->err[0]);
	fputs(", \"error_b\": ", f);
	json_ulps(f, 1, x->err[1]);
	fputs(", \"flags_a\": ", f);
	fpc_json_flags(f, x->flags[0]);
	fputs(", \"flags_b\": ", f);
	fpc_json_flags(f, x->flags[1]);
	fprintf(f, ", \"cause\": \"%s\"}", fpc_cause_name(x->cause));
}

static const char *status_name(enum fpc_kdiff_status s)
{
	switch (s) {
	case FPC_KDIFF_COMPARED:
		return "compared";
	case FPC_KDIFF_INPUTS_DIFFER:
		return "inputs-differ";
	case FPC_KDIFF_ONLY_A:
		return "only-in-a";
	case FPC_KDIFF_ONLY_B:
		return "only-in-b";
	}
	return "unknown";
}

/* The flags that differ, per flag, and the inputs whose record cannot
 * tell its flags. */
static void json_flag_differences(FILE *f, const struct fpc_kdiff *k)
{
	fprintf(f, ", \"flags_differ\": %u, \"flag_differences\": {",
		k->flags_differ);
	for (unsigned bit = 0, any = 0; bit < 8; bit++)
		if (fpc_flag_name(bit) && bit != 7) {
			fprintf(f, "%s\"%s\": %u", any ? ", " : "",
				fpc_flag_name(bit), k->flag_differ[bit]);
			any = 1;
		}
	fprintf(f,
		"}, \"flags_unavailable_a\": %u, \"flags_unavailable_b\": "
		"%u",
		k->flags_unknown[0], k->flags_unknown[1]);
}

/* The causes with a count, most inputs first. */
static void json_causes(FILE *f, const struct fpc_kdiff *k)
{
	int order[FPC_CAUSE_COUNT], n = causes_by_count(k, order);

	fputs(", \"causes\": [", f);
	for (int i = 0; i < n; i++) {
		const struct fpc_cause_stat *st = &k->cause[order[i]];

		fprintf(f,
			"%s{\"cause\": \"%s\", \"count\": %u, \"side_a\": "
			"%u, \"side_b\": %u, \"max_error_a\": ",
			i ? ", " : "", fpc_cause_name((enum fpc_cause)order[i]),
			st->count, st->side[0], st->side[1]);
		json_ulps(f, st->measured[0] != 0, st->max_err[0]);
		fputs(", \"max_error_b\": ", f);
		json_ulps(f, st->measured[1] != 0, st->max_err[1]);
		fputs(", \"evidence\": ", f);
		fpc_json_string(f, st->evidence);
		fputc('}', f);
	}
	fputc(']', f);
}

static void json_variants(FILE *f, const struct fpc_kdiff *k)
{
	fputs(", \"variants\": [", f);
	for (size_t v = 0; v < k->nvariant; v++) {
		const struct fpc_variant_hits *h = &k->variant[v];

		fputs(v ? ", {\"name\": " : "{\"name\": ", f);
		fpc_json_string(f, h->name);
		fputs(", \"cause\": ", f);
		fpc_json_string(f, h->label ? h->label : "");
		fprintf(f,
			", \"claims\": %s, \"reproduces_a\": %u, "
			"\"reproduces_b\": %u, \"explains_a\": %u, "
			"\"explains_b\": %u}",
			h->cause >= 0 ? "true" : "false", h->side[0],
			h->side[1], h->claimed[0], h->claimed[1]);
	}
	fputc(']', f);
}

/* What a compared kernel's entry holds after its status. */
static void json_compared(FILE *f, const struct fpc_kdiff *k)
{
	fprintf(f, ", \"identical\": %s, \"differing\": %u, \"share\": ",
		fpc_kdiff_identical(k) ? "true" : "false", k->ndiff);
	fprintf(f, "%.17g", k->n ? (double)k->ndiff / k->n : 0.0);
	fprintf(f, ", \"max_ulp_distance\": %llu, \"nan_vs_number\": %u",
		(unsigned long long)k->max_dist, k->nan_number);
	fprintf(f, ", \"truth\": %s", k->truth ? "true" : "false");
	if (k->truth)
		fprintf(f, ", \"nearer\": {\"a\": %u, \"b\": %u, \"tie\": %u}",
			k->closer[0], k->closer[1], k->ties);
	fputs(", \"max_error_a\": ", f);
	json_ulps(f, k->measured[0] != 0, k->max_err[0]);
	fputs(", \"max_error_b\": ", f);
	json_ulps(f, k->measured[1] != 0, k->max_err[1]);
	json_flag_differences(f, k);
	fputs(", \"headline_cause\": ", f);
	if (k->ndiff)
		fprintf(f, "\"%s\"", fpc_cause_name(k->headline));
	else
		fputs("null", f);
	json_causes(f, k);
	json_variants(f, k);
	fputs(", \"first\": [", f);
	for (uint32_t i = 0; i < k->nfirst; i++) {
		fputs(i ? ",\n  " : "\n  ", f);
		json_example(f, k, &k->first[i]);
	}
	fputc(']', f);
}

static void json_kernel(FILE *f, const struct fpc_kdiff *k)
{
	fputs("{\"name\": ", f);
	fpc_json_string(f, k->name);
	fprintf(f, ", \"type\": \"%s\", \"status\": \"%s\", \"inputs\": %u",
		fpc_format_name(k->format), status_name(k->status), k->n);
	if (k->status == FPC_KDIFF_INPUTS_DIFFER)
		fprintf(f, ", \"inputs_b\": %u", k->n_b);
	if (k->status == FPC_KDIFF_COMPARED)
		json_compared(f, k);
	fputc('}', f);
}

static void write_json(FILE *f, const struct fpc_diff *d,
		       const char *const path[2])
{
	struct json_list l = {f, 0};

	fprintf(f,
		"{\"schema\": \"fpcheck-diff\", \"schema_version\": %d, "
		"\"fpcheck\": \"%s\", \"mpfr\": ",
		FPC_DIFF_SCHEMA_VERSION, FPC_VERSION);
	fpc_json_string(f, mpfr_get_version());
	for (int s = 0; s < 2; s++) {
		fprintf(f, ",\n\"%c\": {\"path\": ", s ? 'b' : 'a');
		fpc_json_string(f, path[s]);
		fputs(", \"provenance\": ", f);
		json_prov_object(f, &d->prov[s]);
		fputs(", \"unknown_kernels\": [", f);
		for (size_t i = 0; i < d->nunknown[s]; i++) {
			fputs(i ? ", " : "", f);
			fpc_json_string(f, d->unknown[s][i]);
		}
		fputs("]}", f);
	}
	fputs(",\n\"provenance_differences\": [", f);
	prov_differences(d, json_prov, &l);
	fprintf(f,
		"], \"same_corpus\": %s, \"compared\": %zu, "
		"\"identical\": %zu, \"differ\": %zu,\n\"kernels\": [\n",
		same_corpus(d) ? "true" : "false", d->compared, d->identical,
		d->compared - d->identical);
	for (size_t i = 0; i < d->nk; i++) {
		fputs(i ? ",\n" : "", f);
		json_kernel(f, &d->k[i]);
	}
	fputs("\n]}\n", f);
}

int fpc_diff_write(FILE *f, enum fpc_report_format fmt,
		   const struct fpc_diff *d, const char *const path[2])
{
	switch (fmt) {
	case FPC_REPORT_TEXT:
		write_text(f, d, path);
		break;
	case FPC_REPORT_MARKDOWN:
		write_markdown(f, d, path);
		break;
	case FPC_REPORT_JSON:
		write_json(f, d, path);
		break;
	default:
		return FPC_ERR_ARG;
	}
	return ferror(f) ? FPC_ERR_IO : 0;
}
