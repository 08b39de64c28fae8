/*
 * Report writers (see fpcheck/report.h).  Every value is printed as hex
 * (%a, exact) and decimal; errors in ulps with 4 significant decimals.
 */
#include "fpcheck/report.h"
#include "fpcheck/reduce_truth.h"
#include "report_impl.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "fpcheck/error.h"
#include "fpcheck/catalog.h"
#include "fpcheck/prov.h"

static const char *const flag_names[8] = {"invalid",	 "divbyzero", "overflow",
				    "underflow", "inexact",   NULL,
				    NULL,	 "unavailable"};

const char *fpc_flag_name(unsigned b)
{
	return b < 8 ? flag_names[b] : NULL;
}

int fpc_report_format_parse(const char *name)
{
	static const char *names[] = {"text", "markdown", "json", "csv"};

	for (int i = 0; i < 4; i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

void fpc_report_entry_of(const struct fpc_analysis *a, const char *path,
			struct fpc_report_entry *e)
{
	e->path = path;
	e->prov = &a->prov;
	e->k = a->k;
	e->nk = a->nk;
	e->skipped = (const char *const *)a->skipped;
	e->nskipped = a->nskipped;
}

static uint32_t specials(const struct fpc_kstats *k)
{
	uint32_t n = 0;

	for (int o = FPC_OUT_ZERO_SIGN; o < FPC_OUT_COUNT; o++)
		n += k->count[o];
	return n;
}

static const char *type_name(const struct fpc_kstats *k)
{
	return fpc_format_name(k->format);
}

/* The C function behind a kernel name ("sinf" -> "sin"). */
static void function_name(const struct fpc_kstats *k, char *buf, size_t len)
{
	const struct fpc_kernel *kn = fpc_kernel_find(k->name);

	snprintf(buf, len, "%s", kn ? kn->fn->name : k->name);
}

static void value_text(FILE *f, unsigned format, uint64_t b)
{
	char hex[FPC_HEX_MAX], dec[FPC_DEC_MAX];

	fpc_bits_hex(format, b, hex);
	fpc_bits_dec(format, b, dec);
	fprintf(f, "%s (%s)\n", hex, dec);
}

/* An example, one value a line so that two binary64 values and their
 * decimals never share a line (80 columns):
 *     x        0x1.8p+1 (3)
 *     got      ...
 *     expected ... */
static void example_text(FILE *f, const struct fpc_kstats *k,
			 const struct fpc_example *x)
{
	/* x, y for library functions; a, b, ... for expressions. */
	const char *names = k->arity <= 2 ? "xy" : "abcdef";

	if (k->rows) { /* a reduction: its vector, not its descriptor */
		char d[64];
		fpc_reduce_describe(k->format, x->in, d, sizeof(d));
		fprintf(f, "    vectors  %s\n", d);
	}
	for (unsigned a = 0; !k->rows && a < k->arity; a++) {
		fprintf(f, "    %c        ", names[a]);
		value_text(f, k->format, x->in[a]);
	}
	fprintf(f, "    got      ");
	value_text(f, k->format, x->out);
	fprintf(f, "    expected ");
	value_text(f, k->format, x->cr);
}

static const char *prov(const struct fpc_report_entry *e, const char *key)
{
	return fpc_prov_or(e->prov, key, "unknown");
}

/* A count of glibc-style ulps, kept within 6 columns. */
static void count6(char *buf, size_t len, uint64_t n)
{
	if (n < 1000000)
		snprintf(buf, len, "%llu", (unsigned long long)n);
	else
		snprintf(buf, len, "%.1e", (double)n);
}

/* ---- text ------------------------------------------------------------ */

static void text_header(FILE *f, const struct fpc_report_entry *e)
{
	uint64_t inputs = 0;

	for (size_t i = 0; i < e->nk; i++)
		inputs += e->k[i].n;
	fprintf(f, "%s\n", e->path);
	fpc_text_prov(f, e->prov,
		      "  {arch}, {compiler}, flags {build.flags}\n"
		      "  {libc}, emulator {emulator}\n"
		      "  cpu {cpu}\n"
		      "  corpus {corpus.hash} (seed {corpus.seed})",
		      "unknown");
	fprintf(f, ": %zu kernels, %llu inputs\n", e->nk,
		(unsigned long long)inputs);
	fprintf(f, "  errors in ulps of the exact value, against MPFR %s\n\n",
		mpfr_get_version());
}

static void text_table(FILE *f, const struct fpc_report_entry *e)
{
	/* 78 columns: kernel, type, inputs, max, mean, CR share, glibc
	 * ulps, misrounded low/high, special-value mismatches. */
	fprintf(f, "%-13s %-6s %6s %8s %8s %6s %7s %9s %7s\n", "function",
		"type", "inputs", "max ulp", "mean ulp", "CR %", "glibc",
		"low/high", "special");
	for (size_t i = 0; i < e->nk; i++) {
		const struct fpc_kstats *k = &e->k[i];
		char fn[FPC_NAME_MAX + 1], mx[16], mean[16], lh[24], g[16];
		char cr[16];

		function_name(k, fn, sizeof(fn));
		if (k->no_truth) {
			fprintf(f, "%-13s %-6s %6u   no truth: compared between "
				   "builds (%u NaN)\n",
				fn, type_name(k), k->n, k->nan_count);
			continue;
		}
		fpc_format_ulps(mx, sizeof(mx), k->n_err ? k->max_err : 0);
		fpc_format_ulps(mean, sizeof(mean), k->n_err ? k->sum_err / k->n_err : 0);
		count6(g, sizeof(g), k->max_glibc);
		snprintf(lh, sizeof(lh), "%u/%u", k->low, k->high);
		fpc_format_share(cr, sizeof(cr), k->count[FPC_OUT_CR], k->n, 2);
		fprintf(f, "%-13s %-6s %6u %8s %8s %6s %7s %9s %7u\n", fn,
			type_name(k), k->n, k->n_err ? mx : "-",
			k->n_err ? mean : "-", cr, g, lh, specials(k));
	}
}

static void text_worst(FILE *f, const struct fpc_report_entry *e)
{
	int any = 0;

	for (size_t i = 0; i < e->nk; i++) {
		const struct fpc_kstats *k = &e->k[i];
		char u[16];

		if (!k->low && !k->high)
			continue;
		if (!any)
			fprintf(f, "\nworst inputs (kernels with misrounded "
				   "results)\n");
		any = 1;
		fpc_format_ulps(u, sizeof(u), k->max_err);
		fprintf(f, "  %s: %s ulp (input %u)\n", k->name, u,
			k->worst.index);
		example_text(f, k, &k->worst);
	}
	if (!any)
		fprintf(f, "\nevery finite result is correctly rounded\n");
}

static void text_specials(FILE *f, const struct fpc_report_entry *e)
{
	int any = 0;

	for (size_t i = 0; i < e->nk; i++) {
		const struct fpc_kstats *k = &e->k[i];
		for (int o = FPC_OUT_ZERO_SIGN; o < FPC_OUT_COUNT; o++) {
			uint32_t shown = k->count[o] < FPC_EXAMPLES
					     ? k->count[o]
					     : FPC_EXAMPLES;
			if (!k->count[o])
				continue;
			if (!any)
				fprintf(f, "\nspecial-value mismatches\n");
			any = 1;
			fprintf(f, "  %s: %s, %u input%s\n", k->name,
				fpc_outcome_name((enum fpc_outcome)o),
				k->count[o], k->count[o] == 1 ? "" : "s");
			for (uint32_t j = 0; j < shown; j++)
				example_text(f, k, &k->special[o][j]);
		}
	}
	if (!any)
		fprintf(f, "\nno special-value mismatches\n");
}

/* Run-to-run determinism, when the record was made with --repeat. */
static void text_repeats(FILE *f, const struct fpc_report_entry *e)
{
	uint32_t runs = 0, varied = 0;

	for (size_t i = 0; i < e->nk; i++) {
		if (e->k[i].runs > runs)
			runs = e->k[i].runs;
		varied += e->k[i].nvaried != 0;
	}
	if (!runs)
		return;
	fprintf(f, "\nrun-to-run determinism (%u runs of every kernel in one "
		   "process)\n",
		runs);
	if (!varied)
		fprintf(f, "  every kernel gave the same bits on every run\n");
	for (size_t i = 0; i < e->nk; i++) {
		const struct fpc_kstats *k = &e->k[i];
		if (!k->nvaried)
			continue;
		fprintf(f, "  %s: varied on %u of %u inputs, up to %u "
			   "results (input %u)\n",
			k->name, k->nvaried, k->n, k->max_distinct,
			k->first_varied);
	}
	if (varied)
		fprintf(f, "  the other %zu kernel%s gave the same bits on "
			   "every run\n",
			e->nk - varied, e->nk - varied == 1 ? "" : "s");
}

static void text_skipped(FILE *f, const struct fpc_report_entry *e)
{
	if (!e->nskipped)
		return;
	fprintf(f, "\nnot checked (no truth for these kernels):");
	for (size_t i = 0; i < e->nskipped; i++)
		fprintf(f, " %s", e->skipped[i]);
	fputc('\n', f);
}

static void write_text(FILE *f, const struct fpc_report_entry *e)
{
	text_header(f, e);
	text_table(f, e);
	text_worst(f, e);
	text_specials(f, e);
	fpc_report_reductions_text(f, e);
	text_repeats(f, e);
	text_skipped(f, e);
}

/* ---- markdown -------------------------------------------------------- */

static void md_value(FILE *f, unsigned format, uint64_t b)
{
	char hex[FPC_HEX_MAX];
	fpc_bits_hex(format, b, hex);
	fprintf(f, "`%s`", hex);
}

static void write_markdown(FILE *f, const struct fpc_report_entry *e)
{
	fprintf(f, "## %s\n\n", e->path);
	fprintf(f, "| arch | compiler | flags | libc | cpu | emulator |\n");
	fprintf(f, "|---|---|---|---|---|---|\n");
	fpc_text_prov(
	    f, e->prov,
	    "| {arch} | {compiler} | `{build.flags}` | {libc} | {cpu} "
	    "| {emulator} |\n\n",
	    "unknown");
	fprintf(f, "Errors in ulps of the exact value, against MPFR %s; ",
		mpfr_get_version());
	fpc_text_prov(f, e->prov, "corpus `{corpus.hash}`.\n\n", "unknown");
	fprintf(f, "| function | type | inputs | max ulp | mean ulp | CR %% | "
		   "glibc ulps | low/high | special | worst input | got | "
		   "expected |\n");
	fprintf(f, "|---|---|--:|--:|--:|--:|--:|--:|--:|---|---|---|\n");
	for (size_t i = 0; i < e->nk; i++) {
		const struct fpc_kstats *k = &e->k[i];
		char fn[FPC_NAME_MAX + 1], mx[16], mean[16], cr[16];

		function_name(k, fn, sizeof(fn));
		if (k->no_truth) {
			fprintf(f, "| %s | %s | %u | - | - | - | - | - | - | "
				   "no truth: compared between builds | %u NaN "
				   "| - |\n",
				fn, type_name(k), k->n, k->nan_count);
			continue;
		}
		fpc_format_ulps(mx, sizeof(mx), k->max_err);
		fpc_format_ulps(mean, sizeof(mean), k->n_err ? k->sum_err / k->n_err : 0);
		fpc_format_share(cr, sizeof(cr), k->count[FPC_OUT_CR], k->n, 2);
		fprintf(f, "| %s | %s | %u | %s | %s | %s | %llu | %u/%u | %u | ",
			fn, type_name(k), k->n, k->n_err ? mx : "-",
			k->n_err ? mean : "-", cr,
			(unsigned long long)k->max_glibc, k->low, k->high,
			specials(k));
		if (k->n_err) {
			for (unsigned a = 0; a < k->arity; a++) {
				fputs(a ? ", " : "", f);
				md_value(f, k->format, k->worst.in[a]);
			}
			fputs(" | ", f);
			md_value(f, k->format, k->worst.out);
			fputs(" | ", f);
			md_value(f, k->format, k->worst.cr);
			fputs(" |\n", f);
		} else {
			fputs("- | - | - |\n", f);
		}
	}
	for (size_t i = 0; i < e->nk; i++) {
		const struct fpc_kstats *k = &e->k[i];
		for (int o = FPC_OUT_ZERO_SIGN; o < FPC_OUT_COUNT; o++)
			if (k->count[o])
				fprintf(f, "%s- `%s`: %s on %u input%s\n",
					"", k->name,
					fpc_outcome_name((enum fpc_outcome)o),
					k->count[o], k->count[o] == 1 ? "" : "s");
	}
	fpc_report_reductions_markdown(f, e);
	if (e->nskipped) {
		fprintf(f, "\nNot checked (no truth):");
		for (size_t i = 0; i < e->nskipped; i++)
			fprintf(f, " `%s`", e->skipped[i]);
		fputc('\n', f);
	}
	fputc('\n', f);
}

/* ---- JSON ------------------------------------------------------------ */

/* Controls as \uNNNN, and each byte that is not UTF-8 as U+FFFD: JSON
 * is Unicode text, and raw bytes would make the whole document
 * unreadable to a strict parser. */
void fpc_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	while (*s) {
		long cp;
		size_t n = fpc_prov_utf8(s, &cp);
		if (cp == '"' || cp == '\\')
			fprintf(f, "\\%c", (int)cp);
		else if (cp < 0)
			fputs("\\ufffd", f);
		else if (fpc_prov_unsafe(cp))
			fprintf(f, "\\u%04lx", cp);
		else
			fwrite(s, 1, n, f);
		s += n;
	}
	fputc('"', f);
}

/* A JSON number; the saturated "more than the double range" as a string
 * would break consumers, so it is the largest double, documented. */
static void json_number(FILE *f, double x)
{
	fprintf(f, "%.17g", isfinite(x) ? x : DBL_MAX);
}

void fpc_json_value(FILE *f, unsigned format, uint64_t b)
{
	char hex[FPC_HEX_MAX], dec[FPC_DEC_MAX];

	fpc_bits_hex(format, b, hex);
	fpc_bits_dec(format, b, dec);
	fputs("{\"hex\": ", f);
	fpc_json_string(f, hex);
	fputs(", \"decimal\": ", f);
	fpc_json_string(f, dec);
	fprintf(f, ", \"bits\": \"0x%0*llx\"}",
		format == FPC_FMT_BINARY32 ? 8 : 16, (unsigned long long)b);
}

void fpc_json_flags(FILE *f, uint8_t flags)
{
	int any = 0;

	fputc('[', f);
	for (unsigned b = 0; b < 8; b++)
		if ((flags & (1u << b)) && flag_names[b]) {
			fprintf(f, "%s\"%s\"", any ? ", " : "", flag_names[b]);
			any = 1;
		}
	fputc(']', f);
}

static void json_example(FILE *f, const struct fpc_kstats *k,
			 const struct fpc_example *x, int with_err)
{
	fprintf(f, "{\"index\": %u, \"inputs\": [", x->index);
	for (unsigned a = 0; a < k->arity; a++) {
		fputs(a ? ", " : "", f);
		fpc_json_value(f, k->format, x->in[a]);
	}
	fputs("], \"output\": ", f);
	fpc_json_value(f, k->format, x->out);
	fputs(", \"expected\": ", f);
	fpc_json_value(f, k->format, x->cr);
	if (with_err) {
		fputs(", \"ulp\": ", f);
		json_number(f, x->err);
	}
	fputs(", \"flags\": ", f);
	fpc_json_flags(f, x->flags);
	fputc('}', f);
}

static void json_accuracy(FILE *f, const struct fpc_kstats *k);
static void json_tail(FILE *f, const struct fpc_kstats *k);

static void json_kernel(FILE *f, const struct fpc_kstats *k)
{
	char fn[FPC_NAME_MAX + 1];

	function_name(k, fn, sizeof(fn));
	fputs("{\"name\": ", f);
	fpc_json_string(f, k->name);
	fputs(", \"function\": ", f);
	fpc_json_string(f, fn);
	fprintf(f, ", \"type\": \"%s\", \"inputs\": %u", type_name(k), k->n);
	fprintf(f, ", \"truth\": %s", k->no_truth ? "false" : "true");
	if (k->no_truth)
		fprintf(f, ", \"nan_results\": %u, \"inf_results\": %u",
			k->nan_count, k->inf_count);
	else
		json_accuracy(f, k);
	json_tail(f, k);
}

/* The accuracy members of a kernel with truth. */
static void json_accuracy(FILE *f, const struct fpc_kstats *k)
{
	fprintf(f, ", \"correctly_rounded\": %u, \"correctly_rounded_share\": ",
		k->count[FPC_OUT_CR]);
	json_number(f, k->n ? (double)k->count[FPC_OUT_CR] / k->n : 0);
	fprintf(f, ", \"measured\": %u, \"max_ulp\": ", k->n_err);
	json_number(f, k->n_err ? k->max_err : 0);
	fputs(", \"mean_ulp\": ", f);
	json_number(f, k->n_err ? k->sum_err / k->n_err : 0);
	fputs(", \"worst\": ", f);
	if (k->n_err)
		json_example(f, k, &k->worst, 1);
	else
		fputs("null", f);
	fprintf(f, ", \"max_glibc_ulps\": %llu, \"glibc_worst\": ",
		(unsigned long long)k->max_glibc);
	if (k->max_glibc)
		json_example(f, k, &k->glibc_worst, 1);
	else
		fputs("null", f);
	fprintf(f, ", \"misrounded_low\": %u, \"misrounded_high\": %u",
		k->low, k->high);
	fputs(", \"histogram\": [", f);
	for (unsigned b = 0; b < FPC_HIST_BINS; b++)
		fprintf(f, "%s{\"bin\": \"%s\", \"count\": %u}", b ? ", " : "",
			fpc_hist_label(b), k->hist[b]);
	fputs("], \"outcomes\": {", f);
	for (int o = 0; o < FPC_OUT_COUNT; o++) {
		uint32_t shown = k->count[o] < FPC_EXAMPLES ? k->count[o]
							    : FPC_EXAMPLES;
		fprintf(f, "%s\"%s\": {\"count\": %u, \"examples\": [",
			o ? ", " : "", fpc_outcome_name((enum fpc_outcome)o),
			k->count[o]);
		if (o == FPC_OUT_CR)
			shown = 0; /* nothing to show of a success */
		for (uint32_t j = 0; j < shown; j++) {
			fputs(j ? ", " : "", f);
			json_example(f, k, &k->special[o][j],
				     o == FPC_OUT_NUMERIC);
		}
		fputs("]}", f);
	}
	fputs("}", f);
}

/* Repeats and flags, and the end of the kernel's object. */
static void json_tail(FILE *f, const struct fpc_kstats *k)
{
	fputs(", \"repeat\": ", f);
	if (k->runs)
		fprintf(f, "{\"runs\": %u, \"inputs_varied\": %u, "
			   "\"max_distinct\": %u, \"deterministic\": %s}",
			k->runs, k->nvaried, k->max_distinct,
			k->nvaried ? "false" : "true");
	else
		fputs("null", f);
	fputs(", \"flags_raised\": {", f);
	for (unsigned b = 0, any = 0; b < 8; b++)
		if (flag_names[b]) {
			fprintf(f, "%s\"%s\": %u", any ? ", " : "",
				flag_names[b], k->flag_count[b]);
			any = 1;
		}
	fputs("}}", f);
}

static void write_json(FILE *f, const struct fpc_report_entry *e, size_t n)
{
	fprintf(f, "{\"schema\": \"fpcheck-report\", \"schema_version\": %d, "
		   "\"fpcheck\": \"%s\", \"mpfr\": ",
		FPC_REPORT_SCHEMA_VERSION, FPC_VERSION);
	fpc_json_string(f, mpfr_get_version());
	fputs(", \"records\": [\n", f);
	for (size_t r = 0; r < n; r++) {
		fputs(r ? ",\n{\"path\": " : "{\"path\": ", f);
		fpc_json_string(f, e[r].path);
		fputs(", \"provenance\": {", f);
		for (size_t i = 0; e[r].prov && i < e[r].prov->n; i++) {
			fputs(i ? ", " : "", f);
			fpc_json_string(f, e[r].prov->key[i]);
			fputs(": ", f);
			fpc_json_string(f, e[r].prov->val[i]);
		}
		fputs("},\n\"kernels\": [\n", f);
		for (size_t i = 0; i < e[r].nk; i++) {
			fputs(i ? ",\n" : "", f);
			json_kernel(f, &e[r].k[i]);
		}
		fputs("]", f);
		fpc_report_reductions_json(f, &e[r]);
		fputs(",\n\"not_checked\": [", f);
		for (size_t i = 0; i < e[r].nskipped; i++) {
			fputs(i ? ", " : "", f);
			fpc_json_string(f, e[r].skipped[i]);
		}
		fputs("]}", f);
	}
	fputs("\n]}\n", f);
}

/* ---- CSV ------------------------------------------------------------- */

void fpc_text_put(FILE *f, const char *s)
{
	char unit[FPC_PROV_SHOWN_MAX];

	while (s && *s) {
		s += fpc_prov_show_unit(s, unit);
		fputs(unit, f);
	}
}

void fpc_text_prov(FILE *f, const struct fpc_prov *p, const char *tmpl,
		   const char *fallback)
{
	char key[64];
	const char *end;
	size_t n;

	while (*tmpl) {
		n = strcspn(tmpl, "{");
		fwrite(tmpl, 1, n, f);
		tmpl += n;
		if (!*tmpl || !(end = strchr(tmpl, '}')) ||
		    (n = (size_t)(end - tmpl - 1)) >= sizeof(key))
			break;
		memcpy(key, tmpl + 1, n);
		key[n] = 0;
		fpc_text_put(f, fpc_prov_or(p, key, fallback));
		tmpl = end + 1;
	}
	fputs(tmpl, f);
}

/* XML 1.0 cannot hold most controls even as character references: they
 * are shown as text, \xNN, as on a terminal. */
void fpc_xml_text(FILE *f, const char *s)
{
	char unit[FPC_PROV_SHOWN_MAX];

	while (s && *s) {
		const char *ent = *s == '<'   ? "&lt;"
				  : *s == '>' ? "&gt;"
				  : *s == '&' ? "&amp;"
				  : *s == '"' ? "&quot;"
					      : NULL;
		if (ent) {
			fputs(ent, f);
			s++;
		} else {
			s += fpc_prov_show_unit(s, unit);
			fputs(unit, f);
		}
	}
}

void fpc_csv_field(FILE *f, const char *s)
{
	char unit[FPC_PROV_SHOWN_MAX];

	fputc('"', f);
	while (*s) {
		if (*s == '"')
			fputc('"', f);
		s += fpc_prov_show_unit(s, unit);
		fputs(unit, f);
	}
	fputc('"', f);
}

static void write_csv(FILE *f, const struct fpc_report_entry *e, size_t n)
{
	fputs("record,arch,compiler,flags,libc,kernel,function,type,inputs,"
	      "correctly_rounded,max_ulp,mean_ulp,max_glibc_ulps,"
	      "misrounded_low,misrounded_high,zero_sign,flushed,"
	      "nan_for_number,number_for_nan,inf_mismatch,worst_x,worst_y,"
	      "worst_output,worst_expected\n",
	      f);
	for (size_t r = 0; r < n; r++)
		for (size_t i = 0; i < e[r].nk; i++) {
			const struct fpc_kstats *k = &e[r].k[i];
			char fn[FPC_NAME_MAX + 1], hex[FPC_HEX_MAX];

			function_name(k, fn, sizeof(fn));
			fpc_csv_field(f, e[r].path);
			fputc(',', f);
			fpc_csv_field(f, prov(&e[r], "arch"));
			fputc(',', f);
			fpc_csv_field(f, prov(&e[r], "compiler"));
			fputc(',', f);
			fpc_csv_field(f, prov(&e[r], "build.flags"));
			fputc(',', f);
			fpc_csv_field(f, prov(&e[r], "libc"));
			if (k->no_truth) {
				/* nothing measured against a truth */
				fprintf(f, ",%s,%s,%s,%u,,,,,,,,,,,,,,,\n",
					k->name, fn, type_name(k), k->n);
				continue;
			}
			fprintf(f, ",%s,%s,%s,%u,%u,%.17g,%.17g,%llu,%u,%u",
				k->name, fn, type_name(k), k->n,
				k->count[FPC_OUT_CR],
				k->n_err ? k->max_err : 0,
				k->n_err ? k->sum_err / k->n_err : 0,
				(unsigned long long)k->max_glibc, k->low,
				k->high);
			for (int o = FPC_OUT_ZERO_SIGN; o < FPC_OUT_COUNT; o++)
				fprintf(f, ",%u", k->count[o]);
			for (unsigned a = 0; a < 2; a++) {
				hex[0] = 0;
				if (k->n_err && a < k->arity)
					fpc_bits_hex(k->format, k->worst.in[a],
						     hex);
				fprintf(f, ",%s", hex);
			}
			hex[0] = 0;
			if (k->n_err)
				fpc_bits_hex(k->format, k->worst.out, hex);
			fprintf(f, ",%s", hex);
			hex[0] = 0;
			if (k->n_err)
				fpc_bits_hex(k->format, k->worst.cr, hex);
			fprintf(f, ",%s\n", hex);
		}
}

int fpc_report_write(FILE *f, enum fpc_report_format fmt,
		     const struct fpc_report_entry *e, size_t n)
{
	switch (fmt) {
	case FPC_REPORT_TEXT:
		for (size_t r = 0; r < n; r++) {
			if (r)
				fputs("\n\n", f);
			write_text(f, &e[r]);
		}
		break;
	case FPC_REPORT_MARKDOWN:
		fprintf(f, "# fpcheck report\n\n");
		for (size_t r = 0; r < n; r++)
			write_markdown(f, &e[r]);
		break;
	case FPC_REPORT_JSON:
		write_json(f, e, n);
		break;
	case FPC_REPORT_CSV:
		write_csv(f, e, n);
		break;
	}
	return ferror(f) ? FPC_ERR_IO : 0;
}
