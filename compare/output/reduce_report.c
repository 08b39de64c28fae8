/*
 * The reductions section of a report: for each operation and type, the
 * orders side by side on every input set, with the condition number, the
 * a-priori bounds and the envelope of results across orders.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fpcheck/reduce_truth.h"
#include "fpcheck/report.h"
#include "report_impl.h"
#include "kernels/reduce.h"

/* The kernels of one operation and type, by order (NULL when absent);
 * only kernels with rows for the same inputs as the first. */
struct group {
	unsigned op, format;
	const struct fpc_kstats *k[FPC_REDUCE_NORDERS];
	const struct fpc_kstats *first;
	size_t norders;
};

static int group_of(const struct fpc_report_entry *e, unsigned op,
		    unsigned format, struct group *g)
{
	memset(g, 0, sizeof(*g));
	g->op = op;
	g->format = format;
	for (size_t i = 0; i < e->nk; i++) {
		const struct fpc_kstats *s = &e->k[i];
		const struct fpc_kernel *k = fpc_kernel_find(s->name);
		const struct fpc_reduction *r = k ? k->fn->reduction : NULL;

		if (!r || !s->rows || r->op != op || s->format != format)
			continue;
		if (g->first && s->n != g->first->n)
			continue;
		if (!g->first)
			g->first = s;
		g->k[r->index] = s;
		g->norders++;
	}
	return g->first != NULL;
}

/* Does row r of kernel s exceed its a-priori bound? */
static int exceeds(const struct fpc_reduce_row *r)
{
	return !isnan(r->err) && !isnan(r->bound) &&
	       fabs(r->err) > r->bound * (1 + 1e-9);
}

/* The inputs [lo, hi) of a set: consecutive inputs of one distribution
 * and length. */
static uint32_t set_end(const struct group *g, uint32_t lo)
{
	const struct fpc_reduce_row *r = g->first->rows;
	uint32_t hi = lo + 1;

	while (hi < g->first->n && r[hi].dist == r[lo].dist &&
	       r[hi].n == r[lo].n)
		hi++;
	return hi;
}

static void set_name(const struct fpc_reduce_row *r, char *buf, size_t len)
{
	const char *d = fpc_reduce_dist_name(r->dist);
	unsigned e = 0;
	uint32_t n = r->n;

	while (n >= 10 && n % 10 == 0) {
		n /= 10;
		e++;
	}
	if (n == 1 && e >= 3)
		snprintf(buf, len, "%s n=1e%u", d ? d : "?", e);
	else
		snprintf(buf, len, "%s n=%lu", d ? d : "?", (unsigned long)r->n);
}

/* The largest |error| of an order over a set, NAN if none measured;
 * *over set when a result exceeds its bound. */
static double set_max(const struct fpc_kstats *s, uint32_t lo, uint32_t hi,
		      int *over)
{
	double m = NAN;

	for (uint32_t i = lo; i < hi; i++) {
		if (isnan(s->rows[i].err))
			continue;
		if (isnan(m) || fabs(s->rows[i].err) > m)
			m = fabs(s->rows[i].err);
		if (exceeds(&s->rows[i]))
			*over = 1;
	}
	return m;
}

/* Signed envelope of the errors of every order on inputs [lo, hi). */
static int envelope(const struct group *g, uint32_t lo, uint32_t hi,
		    double *mn, double *mx, int *omin, int *omax)
{
	int any = 0;

	for (unsigned o = 0; o < FPC_REDUCE_NORDERS; o++) {
		if (!g->k[o])
			continue;
		for (uint32_t i = lo; i < hi; i++) {
			double err = g->k[o]->rows[i].err;
			if (isnan(err))
				continue;
			if (!any || err < *mn) {
				*mn = err;
				*omin = (int)o;
			}
			if (!any || err > *mx) {
				*mx = err;
				*omax = (int)o;
			}
			any = 1;
		}
	}
	return any;
}

/* Short ulps for narrow columns: 3 digits, one from a thousand up. */
static void short_ulps(char *buf, size_t len, double u)
{
	if (isnan(u))
		snprintf(buf, len, "-");
	else if (fabs(u) >= 999.5)
		snprintf(buf, len, "%.0e", u);
	else
		snprintf(buf, len, "%.3g", u);
}

static const unsigned text_orders[] = {0, 2, 7, 9, 10}; /* seq, pairwise,
							  kahan, loop,
							  threads */

void fpc_report_reductions_text(FILE *f, const struct fpc_report_entry *e)
{
	for (unsigned op = 0; op < 3; op++)
		for (unsigned fmt = FPC_FMT_BINARY64; fmt >= FPC_FMT_BINARY32;
		     fmt--) {
			struct group g;
			unsigned over_total = 0;

			if (!group_of(e, op, fmt, &g))
				continue;
			fprintf(f, "\nreductions: %s, %s (|error| in ulps of the "
				   "exact result, worst seed)\n",
				fpc_reduce_op_name(op), fpc_format_name(fmt));
			fprintf(f, "%-15s %7s", "input set", "cond");
			for (size_t j = 0; j < sizeof(text_orders) /
						   sizeof(text_orders[0]);
			     j++)
				fprintf(f, " %6.6s",
					fpc_reduce_order_name(text_orders[j]));
			fprintf(f, "  %s\n", "envelope");
			for (uint32_t lo = 0, hi; lo < g.first->n; lo = hi) {
				char name[32], buf[24], a[16], b[16];
				double cond = 0, mn = 0, mx = 0;
				int omin, omax, over;

				hi = set_end(&g, lo);
				for (uint32_t i = lo; i < hi; i++)
					if (g.first->rows[i].cond > cond ||
					    isnan(g.first->rows[i].cond))
						cond = g.first->rows[i].cond;
				set_name(&g.first->rows[lo], name, sizeof(name));
				fprintf(f, "%-15s %7.1e", name, cond);
				for (size_t j = 0; j < sizeof(text_orders) /
							   sizeof(text_orders[0]);
				     j++) {
					const struct fpc_kstats *s =
					    g.k[text_orders[j]];
					over = 0;
					short_ulps(buf, sizeof(buf) - 1,
						   s ? set_max(s, lo, hi, &over)
						     : NAN);
					if (over)
						strcat(buf, "!");
					fprintf(f, " %6s", buf);
				}
				if (envelope(&g, lo, hi, &mn, &mx, &omin, &omax)) {
					short_ulps(a, sizeof(a), mn);
					short_ulps(b, sizeof(b), mx);
					fprintf(f, "  %s..%s", a, b);
				}
				fputc('\n', f);
			}
			for (unsigned o = 0; o < FPC_REDUCE_NORDERS; o++)
				for (uint32_t i = 0; g.k[o] && i < g.first->n; i++)
					over_total += exceeds(&g.k[o]->rows[i]);
			if (over_total)
				fprintf(f, "  ! %u result%s beyond the order's "
					   "a-priori bound\n",
					over_total, over_total == 1 ? "" : "s");
			else
				fprintf(f, "  every result of the %zu orders is "
					   "within its a-priori bound\n",
					g.norders);
		}
}

void fpc_report_reductions_markdown(FILE *f, const struct fpc_report_entry *e)
{
	for (unsigned op = 0; op < 3; op++)
		for (unsigned fmt = FPC_FMT_BINARY64; fmt >= FPC_FMT_BINARY32;
		     fmt--) {
			struct group g;

			if (!group_of(e, op, fmt, &g))
				continue;
			fprintf(f, "\n### Reductions: %s, %s\n\n"
				   "Largest |error| in ulps of the exact result "
				   "over the seeds of each input set; **!** "
				   "marks a result beyond the order's a-priori "
				   "bound.\n\n| input set | cond |",
				fpc_reduce_op_name(op), fpc_format_name(fmt));
			for (unsigned o = 0; o < FPC_REDUCE_NORDERS; o++)
				if (g.k[o])
					fprintf(f, " %s |", fpc_reduce_order_name(o));
			fputs(" envelope |\n|---|--:|", f);
			for (unsigned o = 0; o < FPC_REDUCE_NORDERS; o++)
				if (g.k[o])
					fputs("--:|", f);
			fputs("---|\n", f);
			for (uint32_t lo = 0, hi; lo < g.first->n; lo = hi) {
				char name[32], buf[24], a[16], b[16];
				double cond = 0, mn = 0, mx = 0;
				int omin, omax;

				hi = set_end(&g, lo);
				for (uint32_t i = lo; i < hi; i++)
					if (g.first->rows[i].cond > cond)
						cond = g.first->rows[i].cond;
				set_name(&g.first->rows[lo], name, sizeof(name));
				fprintf(f, "| %s | %.1e |", name, cond);
				for (unsigned o = 0; o < FPC_REDUCE_NORDERS; o++) {
					int over = 0;
					if (!g.k[o])
						continue;
					short_ulps(buf, sizeof(buf),
						   set_max(g.k[o], lo, hi, &over));
					fprintf(f, " %s%s |", buf,
						over ? " **!**" : "");
				}
				if (envelope(&g, lo, hi, &mn, &mx, &omin, &omax)) {
					short_ulps(a, sizeof(a), mn);
					short_ulps(b, sizeof(b), mx);
					fprintf(f, " %s (%s) .. %s (%s) |\n", a,
						fpc_reduce_order_name((unsigned)omin),
						b,
						fpc_reduce_order_name((unsigned)omax));
				} else {
					fputs(" - |\n", f);
				}
			}
		}
}

static void json_num(FILE *f, double x)
{
	if (isnan(x))
		fputs("null", f);
	else if (isinf(x))
		fputs(x > 0 ? "1e999" : "-1e999", f);
	else
		fprintf(f, "%.17g", x);
}

void fpc_report_reductions_json(FILE *f, const struct fpc_report_entry *e)
{
	int anyg = 0;

	fputs(",\n\"reductions\": [", f);
	for (unsigned op = 0; op < 3; op++)
		for (unsigned fmt = FPC_FMT_BINARY64; fmt >= FPC_FMT_BINARY32;
		     fmt--) {
			struct group g;

			if (!group_of(e, op, fmt, &g))
				continue;
			fprintf(f, "%s\n{\"operation\": \"%s\", \"type\": \"%s\", "
				   "\"inputs\": [",
				anyg ? "," : "", fpc_reduce_op_name(op),
				fpc_format_name(fmt));
			anyg = 1;
			for (uint32_t i = 0; i < g.first->n; i++) {
				const struct fpc_reduce_row *r = &g.first->rows[i];
				double mn = 0, mx = 0;
				int omin, omax, any = 0;

				fprintf(f, "%s\n{\"index\": %lu, \"n\": %lu, "
					   "\"distribution\": \"%s\", \"seed\": "
					   "%lu, \"condition\": ",
					i ? "," : "", (unsigned long)i,
					(unsigned long)r->n,
					fpc_reduce_dist_name(r->dist)
					    ? fpc_reduce_dist_name(r->dist)
					    : "?",
					(unsigned long)r->seed);
				json_num(f, r->cond);
				fputs(", \"orders\": {", f);
				for (unsigned o = 0; o < FPC_REDUCE_NORDERS; o++) {
					const struct fpc_reduce_row *q;
					if (!g.k[o])
						continue;
					q = &g.k[o]->rows[i];
					fprintf(f, "%s\"%s\": {\"error_ulp\": ",
						any ? ", " : "",
						fpc_reduce_order_name(o));
					json_num(f, q->err);
					fputs(", \"bound_ulp\": ", f);
					json_num(f, q->bound);
					fprintf(f, ", \"within_bound\": %s}",
						exceeds(q) ? "false" : "true");
					any = 1;
				}
				fputs("}, \"envelope\": ", f);
				if (envelope(&g, i, i + 1, &mn, &mx, &omin, &omax)) {
					fputs("{\"min_ulp\": ", f);
					json_num(f, mn);
					fprintf(f, ", \"min_order\": \"%s\", "
						   "\"max_ulp\": ",
						fpc_reduce_order_name((unsigned)omin));
					json_num(f, mx);
					fprintf(f, ", \"max_order\": \"%s\"}}",
						fpc_reduce_order_name((unsigned)omax));
				} else {
					fputs("null}", f);
				}
			}
			fputs("]}", f);
		}
	fputs("]", f);
}
