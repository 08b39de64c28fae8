/*
 * Drawing an error plot (see compare/output/plot_impl.h): the title and
 * the records' provenance, a legend, the axes, the points by outcome or
 * by record, the 1/2 ulp of correct rounding, and a band above the plot
 * for special-value mismatches.
 */
#include "plot_impl.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "axis.h"
#include "draw.h"
#include "figure.h"
#include "fpcheck/error.h"
#include "fpcheck/plot.h"
#include "fpcheck/report.h"

/* Outcomes: viridis' blue for correct rounding, an orange that stays
 * distinct from it for colour blind readers, and a magenta drawn as
 * triangles (shape tells it apart too). */
#define C_CR	  0x3b528b
#define C_MIS	  0xe66100
#define C_SPECIAL 0xc2187a

/* Records overlaid in one plot: Okabe and Ito's colour-blind safe
 * palette, without its yellow (unreadable on white), plus a wine.
 * Records with the same bits share one; beyond these, colours come
 * round again as rings. */
#define COLOURS 8
static const uint32_t series_colour[COLOURS] = {
    0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7,
    0xe69f00, 0x56b4e9, 0x000000, 0x882255,
};

/* Sets each series' same_as and group; returns the number of groups. */
static size_t group_series(struct series *s, size_t n)
{
	size_t groups = 0;

	for (size_t i = 0; i < n; i++) {
		s[i].same_as = SIZE_MAX;
		for (size_t j = 0; j < i; j++)
			if (s[j].same_as == SIZE_MAX &&
			    s[j].in_hash == s[i].in_hash &&
			    s[j].out_hash == s[i].out_hash) {
				s[i].same_as = j;
				break;
			}
		s[i].group =
		    s[i].same_as == SIZE_MAX ? groups++ : s[s[i].same_as].group;
	}
	return groups;
}

enum marker { M_NONE, M_DOT, M_RING, M_TRIANGLE };

/* A triangle marker is 2r high and TRIANGLE_W times as wide, so that it
 * looks as large as a dot of radius r. */
#define TRIANGLE_W 1.15

/* Adds marker m of radius r to the path; rings are stroked, the others
 * filled. */
static void draw_marker(cairo_t *cr, enum marker m, double x, double y,
			double r)
{
	if (m == M_DOT || m == M_RING) {
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
	} else if (m == M_TRIANGLE) {
		/* pointing down, at the plot below */
		cairo_move_to(cr, x - r * TRIANGLE_W, y - r);
		cairo_line_to(cr, x + r * TRIANGLE_W, y - r);
		cairo_line_to(cr, x, y + r);
		cairo_close_path(cr);
	}
}

#define MAX_LEGEND (FPC_PLOT_SERIES + 4)
struct legend {
	size_t n;
	enum marker m[MAX_LEGEND];
	uint32_t c[MAX_LEGEND];
	char s[MAX_LEGEND][256];
};

static void legend_add(struct legend *l, enum marker m, uint32_t c,
		       const char *s)
{
	if (l->n == MAX_LEGEND)
		return;
	l->m[l->n] = m;
	l->c[l->n] = c;
	snprintf(l->s[l->n++], sizeof(l->s[0]), "%s", s);
}

/* The legend's rows are FONT_TEXT + LEGEND_LEADING apart, its entries
 * LEGEND_SPACING apart in a row.  A key's marker takes LEGEND_KEY_W
 * before the text, centred LEGEND_KEY_X from the entry's left and
 * LEGEND_KEY_RAISE of the font size above the baseline (the middle of
 * the lower case); its radius is LEGEND_DOT_R, or LEGEND_TRIANGLE_R for
 * a triangle. */
#define LEGEND_LEADING	  6
#define LEGEND_SPACING	  18
#define LEGEND_KEY_W	  14
#define LEGEND_KEY_X	  4
#define LEGEND_KEY_RAISE  0.35
#define LEGEND_DOT_R	  3.5
#define LEGEND_TRIANGLE_R 4.5
/* Line width of a ring in the legend. */
#define LEGEND_RING_W 1.5

/* Lays out (and with draw set draws) the legend in rows from y between
 * x0 and x1; returns the y below it. */
static double legend_rows(cairo_t *cr, const struct legend *l, double x0,
			  double x1, double y, int draw)
{
	const double row = FONT_TEXT + LEGEND_LEADING, mark = LEGEND_KEY_W,
		     gap = LEGEND_SPACING;
	double x = x0;

	fpc_draw_font(cr, FONT_TEXT);
	for (size_t i = 0; i < l->n; i++) {
		char s[256];
		double w;

		fpc_figure_fit(cr, l->s[i], x1 - x0 - mark, s, sizeof(s));
		w = (l->m[i] != M_NONE ? mark : 0) +
		    fpc_figure_text_width(cr, s);
		if (x > x0 && x + w > x1) {
			x = x0;
			y += row;
		}
		if (draw) {
			double tx = x;
			if (l->m[i] != M_NONE) {
				fpc_figure_colour(cr, l->c[i], 1);
				draw_marker(cr, l->m[i], x + LEGEND_KEY_X,
					    y - FONT_TEXT * LEGEND_KEY_RAISE,
					    l->m[i] == M_TRIANGLE
						? LEGEND_TRIANGLE_R
						: LEGEND_DOT_R);
				if (l->m[i] == M_RING) {
					cairo_set_line_width(cr, LEGEND_RING_W);
					cairo_stroke(cr);
				} else {
					cairo_fill(cr);
				}
				tx += mark;
			}
			fpc_figure_colour(
			    cr, l->m[i] == M_NONE ? C_MUTED : C_TEXT, 1);
			fpc_figure_text(cr, tx, y, LEFT, s);
		}
		x += w + gap;
	}
	return y + row;
}

/* The line under the title: what built and ran the code, as far as the
 * records say (values all records share, and which keys differ), and
 * how many inputs. */
static void provenance(char *buf, size_t len, const struct series *s, size_t n)
{
	static const char *const keys[] = {"arch", "compiler", "build.flags",
					   "libc"};
	static const char *const what[] = {"arch", "compiler", "flags", "libc"};
	char differ[64] = "";
	size_t at = 0;
	int same_n = 1;

	buf[0] = 0;
	for (size_t k = 0; k < 4; k++) {
		const char *v = fpc_prov_get(&s[0].prov, keys[k]);
		int same = 1;
		for (size_t i = 1; i < n; i++) {
			const char *vi = fpc_prov_get(&s[i].prov, keys[k]);
			if (v != vi && (!v || !vi || strcmp(v, vi)))
				same = 0;
		}
		if (same && v && *v && at < len)
			at += (size_t)snprintf(buf + at, len - at, "%s%s",
					       at ? ", " : "", v);
		else if (!same)
			snprintf(differ + strlen(differ),
				 sizeof(differ) - strlen(differ), "%s%s",
				 *differ ? ", " : "", what[k]);
	}
	if (*differ && at < len)
		at += (size_t)snprintf(buf + at, len - at, "%s%s differ",
				       at ? "; " : "", differ);
	for (size_t i = 1; i < n; i++)
		same_n &= s[i].n == s[0].n;
	if (at >= len)
		return;
	if (n == 1)
		snprintf(buf + at, len - at, "%s%lu inputs", at ? "; " : "",
			 (unsigned long)s[0].n);
	else if (same_n)
		snprintf(buf + at, len - at, "%s%lu records of %lu inputs",
			 at ? "; " : "", (unsigned long)n,
			 (unsigned long)s[0].n);
	else
		snprintf(buf + at, len - at, "%s%lu records", at ? "; " : "",
			 (unsigned long)n);
}

static struct extent x_extent(const struct series *s, size_t n)
{
	struct extent e = {INFINITY, -INFINITY, INFINITY, 0};

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < s[i].np; j++) {
			double x = s[i].p[j].x, m = fabs(x);
			e.xmin = fmin(e.xmin, x);
			e.xmax = fmax(e.xmax, x);
			if (m > 0) {
				e.amin = fmin(e.amin, m);
				e.amax = fmax(e.amax, m);
			}
		}
	return e;
}

/* Where the label of the 1/2 ulp line is tried, along it. */
#define HALF_PLACES 7
/* The label's light backing: from HALF_ABOVE + FONT_TEXT above the line
 * to 1 above it, HALF_PAD either side of the text (baseline HALF_BASE
 * above the line), HALF_INSET inside the plot's ends; the text is fitted
 * HALF_FIT narrower than the plot.  Points within HALF_NEAR of the
 * backing count as covered. */
#define HALF_ABOVE 4
#define HALF_BASE  5
#define HALF_PAD   3
#define HALF_INSET 2
#define HALF_FIT   12
#define HALF_NEAR  3
/* Width of the dashed 1/2 ulp line. */
#define HALF_LINE_W 1.2

/*
 * Labels the 1/2 ulp line just above it (at y), where the label covers
 * the fewest points, a wrong result counting as many correct ones; it is
 * drawn before the points, which stay on top of its light backing.
 */
static void half_label(cairo_t *cr, const struct axis *ax,
		       const struct axis *ay, const struct series *s, size_t n,
		       double y)
{
	char l[64];
	double tw, bx[HALF_PLACES], cover[HALF_PLACES] = {0};
	double top = y - FONT_TEXT - HALF_ABOVE, bottom = y;
	int best = 0;

	fpc_draw_font(cr, FONT_TEXT);
	fpc_figure_fit(cr, "correctly rounded: \u2264 0.5 ulp",
		       ax->p1 - ax->p0 - HALF_FIT, l, sizeof(l));
	tw = fpc_figure_text_width(cr, l) + 2 * HALF_PAD;
	/* from the right end, the usual place, to the left end */
	for (int e = 0; e < HALF_PLACES; e++)
		bx[e] = ax->p1 - HALF_INSET - tw -
			(ax->p1 - ax->p0 - 2 * HALF_INSET - tw) * e /
			    (HALF_PLACES - 1);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < s[i].np; j++) {
			const struct point *p = &s[i].p[j];
			double px, py;
			if (p->cat == CAT_SPECIAL || s[i].same_as != SIZE_MAX)
				continue;
			px = fpc_axis_pixel(ax, p->x);
			py = fpc_axis_pixel(ay, p->err);
			if (py < top - HALF_NEAR || py > bottom + HALF_NEAR)
				continue;
			for (int e = 0; e < HALF_PLACES; e++)
				if (px >= bx[e] - HALF_NEAR &&
				    px <= bx[e] + tw + HALF_NEAR)
					cover[e] += p->cat == CAT_MIS ? 50 : 1;
		}
	for (int e = 1; e < HALF_PLACES; e++)
		if (cover[e] < cover[best])
			best = e;
	cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
	cairo_rectangle(cr, bx[best], top, tw, FONT_TEXT + HALF_ABOVE - 1);
	cairo_fill(cr);
	fpc_figure_colour(cr, C_TEXT, 1);
	fpc_figure_text(cr, bx[best] + HALF_PAD, y - HALF_BASE, LEFT, l);
}

/*
 * The error plot's layout, in pixels.  Top down: the title, the
 * provenance line, the legend, the band of special-value mismatches,
 * the plot, the x tick labels and the x axis title.  Left to right: the
 * y axis title (rotated), the y tick labels, the plot.
 */
#define TITLE_BASE  24 /* baseline of the title, from the top */
#define SUB_BASE    42 /* baseline of the provenance line */
#define LEGEND_BASE 62 /* baseline of the legend's first row */
#define LEGEND_GAP  6  /* from the legend's last row to the plot or band */
/* The band of special-value mismatches, its triangles' centre from its
 * top (the band sits clear of the top tick label) and their size. */
#define BAND_H	    24
#define BAND_MARK_Y 9
#define BAND_MARK_R 4
/* Below the plot: the x tick labels' baseline from the plot's bottom,
 * and the x axis title's baseline from the image's bottom. */
#define BELOW_PLOT    46
#define X_LABEL_BASE  17
#define X_TITLE_ABOVE 10
/* Left of the plot: the rotated y title's baseline sits Y_TITLE_INSET
 * inside its FONT_TEXT wide column, then Y_TITLE_GAP to the y tick
 * labels, which end Y_LABEL_END before the plot, Y_LABEL_GAP after
 * them. */
#define Y_TITLE_INSET 2
#define Y_TITLE_GAP   10
#define Y_LABEL_END   7
#define Y_LABEL_GAP   8
/* Between the plot's right edge and the margin. */
#define RIGHT_PAD 4
/* The smallest plot worth drawing. */
#define MIN_PLOT_H 40
#define MIN_PLOT_W 60
/* Dot radius of correct results: smaller as points crowd (up to 2000
 * inputs, up to 20000, more). */
#define DOT_R_FEW  2.2
#define DOT_R_SOME 1.7
#define DOT_R_MANY 1.3
/* The marks of what each pixel shows reach a point on the plot's far
 * edges too. */
#define SEEN_EDGE 2

/* An error plot being drawn: what it shows, and the layout each step
 * leaves for the next. */
struct errplot {
	cairo_t *cr;
	int w, h;
	const struct fpc_kernel *k;
	const struct series *s;
	size_t n, groups;
	/* x is the input number; points coloured by outcome (groups 1) */
	int by_index, by_outcome;
	/* over all series */
	double max_err;
	size_t total, specials, hidden, hidden_bad;
	struct legend leg;
	/* the plot's frame, and the band above it (0 when none) */
	double left, right, top, bottom, band;
	struct axis ax, ay;
	struct ticks xt, yt;
	/* per pixel of the plot, whether a series' category drew there */
	unsigned char *seen;
	int pw;
	size_t seen_rows;
};

static void sum_series(struct errplot *p)
{
	for (size_t i = 0; i < p->n; i++) {
		p->max_err = fmax(p->max_err, p->s[i].max_err);
		p->total += p->s[i].np;
		p->specials += p->s[i].count[CAT_SPECIAL];
		p->hidden += p->s[i].hidden;
		p->hidden_bad += p->s[i].hidden_bad;
	}
}

/* White page, title and provenance (into sub). */
static void draw_heading(struct errplot *p, const char *title, char *sub,
			 size_t sub_len)
{
	cairo_t *cr = p->cr;
	char buf[256];

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	fpc_figure_colour(cr, C_TEXT, 1);
	fpc_draw_bold_font(cr, FONT_TITLE);
	fpc_figure_fit(cr, title, p->w - 2 * MARGIN, buf, sizeof(buf));
	fpc_figure_text(cr, MARGIN, TITLE_BASE, LEFT, buf);
	provenance(sub, sub_len, p->s, p->n);
	fpc_draw_font(cr, FONT_TEXT);
	fpc_figure_colour(cr, C_MUTED, 1);
	fpc_figure_fit(cr, sub, p->w - 2 * MARGIN, buf, sizeof(buf));
	fpc_figure_text(cr, MARGIN, SUB_BASE, LEFT, buf);
}

/* The legend of points coloured by outcome: how many of each. */
static void legend_by_outcome(struct errplot *p)
{
	const struct series *s = p->s;
	char buf[256], num[32];

	snprintf(buf, sizeof(buf), "correctly rounded: %lu",
		 (unsigned long)s[0].count[CAT_CR]);
	legend_add(&p->leg, M_DOT, C_CR, buf);
	snprintf(buf, sizeof(buf), "misrounded: %lu",
		 (unsigned long)s[0].count[CAT_MIS]);
	legend_add(&p->leg, M_DOT, C_MIS, buf);
	if (p->specials) {
		snprintf(buf, sizeof(buf),
			 "special-value mismatch: %lu (top band)",
			 (unsigned long)s[0].count[CAT_SPECIAL]);
		legend_add(&p->leg, M_TRIANGLE, C_SPECIAL, buf);
	}
	fpc_format_ulps(num, sizeof(num), p->max_err);
	snprintf(buf, sizeof(buf), "max %s ulp", num);
	legend_add(&p->leg, M_NONE, 0, buf);
	if (p->n > 1) {
		snprintf(buf, sizeof(buf), "the same bits in all %lu records",
			 (unsigned long)p->n);
		legend_add(&p->leg, M_NONE, 0, buf);
	}
}

/* The legend of points coloured by record: one entry per group, its
 * records' names "a = b". */
static void legend_by_record(struct errplot *p)
{
	const struct series *s = p->s;
	char buf[256], num[32];

	for (size_t i = 0; i < p->n; i++) {
		size_t at;
		if (s[i].same_as != SIZE_MAX)
			continue;
		at = (size_t)snprintf(buf, sizeof(buf), "%s", s[i].name);
		for (size_t j = i + 1; j < p->n && at < sizeof(buf); j++)
			if (s[j].same_as == i)
				at +=
				    (size_t)snprintf(buf + at, sizeof(buf) - at,
						     " = %s", s[j].name);
		fpc_format_ulps(num, sizeof(num), s[i].max_err);
		if (at < sizeof(buf))
			snprintf(buf + at, sizeof(buf) - at,
				 ": max %s ulp, %lu misrounded%s", num,
				 (unsigned long)s[i].count[CAT_MIS],
				 s[i].count[CAT_SPECIAL]
				     ? ", special mismatches"
				     : "");
		legend_add(&p->leg, s[i].group < COLOURS ? M_DOT : M_RING,
			   series_colour[s[i].group % COLOURS], buf);
	}
	if (p->specials)
		legend_add(&p->leg, M_TRIANGLE, C_FRAME,
			   "special-value mismatch (top band)");
}

/* The note on inputs that cannot be placed: per record when the records
 * agree, as they do on one corpus, else the total. */
static void legend_hidden(struct errplot *p)
{
	const struct series *s = p->s;
	size_t hidden = p->hidden, hidden_bad = p->hidden_bad;
	int each = p->n > 1;
	char buf[256];

	for (size_t i = 1; i < p->n; i++)
		each &= s[i].hidden == s[0].hidden &&
			s[i].hidden_bad == s[0].hidden_bad;
	if (each) {
		hidden = s[0].hidden;
		hidden_bad = s[0].hidden_bad;
	}
	snprintf(buf, sizeof(buf),
		 "not shown: %lu input%s with infinite or NaN x%s",
		 (unsigned long)hidden, hidden == 1 ? "" : "s",
		 each ? " in each record" : "");
	if (hidden_bad)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			 " (%lu not correctly rounded)",
			 (unsigned long)hidden_bad);
	legend_add(&p->leg, M_NONE, 0, buf);
}

/* Drops the legend's notes (entries without a marker), keeping its
 * keys. */
static void drop_notes(struct legend *l)
{
	size_t kept = 0;

	for (size_t i = 0; i < l->n; i++)
		if (l->m[i] != M_NONE) {
			l->m[kept] = l->m[i];
			l->c[kept] = l->c[i];
			memcpy(l->s[kept++], l->s[i], sizeof(l->s[0]));
		}
	l->n = kept;
}

/* The plot's top and bottom: under the legend and the band, over the x
 * tick labels and title.  A small image, where the plot would take less
 * than a third of the height, loses the legend's notes.  FPC_ERR_ARG
 * when the plot would still be too low. */
static int place_rows(struct errplot *p)
{
	double legend_y =
	    legend_rows(p->cr, &p->leg, MARGIN, p->w - MARGIN, LEGEND_BASE, 0);

	if (p->specials)
		p->band = BAND_H;
	p->top = legend_y + LEGEND_GAP + p->band;
	p->bottom = p->h - BELOW_PLOT;
	if (p->bottom - p->top < (p->h - BELOW_PLOT) / 3) {
		drop_notes(&p->leg);
		legend_y = legend_rows(p->cr, &p->leg, MARGIN, p->w - MARGIN,
				       LEGEND_BASE, 0);
		p->top = legend_y + LEGEND_GAP + p->band;
	}
	return p->bottom - p->top < MIN_PLOT_H ? FPC_ERR_ARG : 0;
}

/* The axes: y first (its labels set the left margin), then x.
 * FPC_ERR_ARG when the plot would be too narrow. */
static int place_axes(struct errplot *p)
{
	struct extent e;
	double ylabel_w = 0;

	p->ay.p0 = p->bottom;
	p->ay.p1 = p->top;
	fpc_axis_y(&p->ay, &p->yt, p->max_err);
	for (size_t i = 0; i < p->yt.n; i++)
		ylabel_w =
		    fmax(ylabel_w, fpc_figure_label(p->cr, FONT_TEXT, 0, 0,
						    LEFT, p->yt.label[i], 0));
	if (p->band)
		ylabel_w =
		    fmax(ylabel_w, fpc_figure_text_width(p->cr, "special"));
	p->left = MARGIN + FONT_TEXT + Y_TITLE_GAP + ylabel_w + Y_LABEL_GAP;
	p->right = p->w - MARGIN - RIGHT_PAD;
	if (p->right - p->left < MIN_PLOT_W)
		return FPC_ERR_ARG;
	p->ax.p0 = p->left;
	p->ax.p1 = p->right;
	e = x_extent(p->s, p->n);
	fpc_axis_x(p->cr, &p->ax, &p->xt, &e, p->by_index);
	return 0;
}

/* Grid, ticks and their labels, and the frame. */
static void draw_grid(struct errplot *p)
{
	cairo_t *cr = p->cr;

	cairo_set_line_width(cr, 1);
	fpc_figure_colour(cr, C_GRID, 1);
	for (size_t i = 0; i < p->xt.n; i++) {
		double x = floor(fpc_axis_pixel(&p->ax, p->xt.v[i])) + 0.5;
		cairo_move_to(cr, x, p->top);
		cairo_line_to(cr, x, p->bottom);
	}
	for (size_t i = 0; i < p->yt.n; i++) {
		double y = floor(fpc_axis_pixel(&p->ay, p->yt.v[i])) + 0.5;
		cairo_move_to(cr, p->left, y);
		cairo_line_to(cr, p->right, y);
	}
	cairo_stroke(cr);
	fpc_figure_colour(cr, C_TEXT, 1);
	for (size_t i = 0; i < p->xt.n; i++)
		fpc_figure_label(
		    cr, FONT_TEXT, fpc_axis_pixel(&p->ax, p->xt.v[i]),
		    p->bottom + X_LABEL_BASE, CENTRE, p->xt.label[i], 1);
	for (size_t i = 0; i < p->yt.n; i++)
		fpc_figure_label(cr, FONT_TEXT, p->left - Y_LABEL_END,
				 fpc_axis_pixel(&p->ay, p->yt.v[i]) + TEXT_DROP,
				 RIGHT, p->yt.label[i], 1);
	fpc_figure_colour(cr, C_FRAME, 1);
	cairo_rectangle(cr, p->left + 0.5, p->top + 0.5, p->right - p->left - 1,
			p->bottom - p->top - 1);
	cairo_stroke(cr);
}

static void draw_axis_titles(struct errplot *p)
{
	cairo_t *cr = p->cr;
	char buf[256];

	fpc_figure_colour(cr, C_TEXT, 1);
	snprintf(buf, sizeof(buf), "%s%s",
		 p->by_index		? "input number"
		 : p->k->fn->arity == 2 ? "x (first argument)"
					: "x",
		 p->ax.kind == SYMLOG2 ? ", signed log scale" : "");
	fpc_figure_text(cr, (p->left + p->right) / 2, p->h - X_TITLE_ABOVE,
			CENTRE, buf);
	cairo_save(cr);
	cairo_translate(cr, MARGIN + FONT_TEXT - Y_TITLE_INSET,
			(p->top + p->bottom) / 2);
	cairo_rotate(cr, -M_PI / 2);
	fpc_figure_fit(cr,
		       p->ay.kind == LOG_ABOVE_1
			   ? "|error| in ulps (log scale above 1)"
			   : "|error| in ulps",
		       p->bottom - p->top + p->band, buf, sizeof(buf));
	fpc_figure_text(cr, 0, 0, CENTRE, buf);
	cairo_restore(cr);
}

/* The points of category cat of series i, each pixel drawn once.  The
 * wrong results, fewer and what matters, a little larger; records
 * opaque, each smaller than the one before, so that a dot over another
 * leaves a ring of the first colour rather than a blend of the two that
 * the legend does not show. */
static void draw_series_points(struct errplot *p, size_t i, int cat, double r)
{
	cairo_t *cr = p->cr;
	const struct series *s = &p->s[i];
	double ri = cat == CAT_MIS ? r * 1.4 : r;
	int ring = 0;

	memset(p->seen, 0, (size_t)p->pw * p->seen_rows);
	if (p->by_outcome) {
		fpc_figure_colour(cr, cat == CAT_CR ? C_CR : C_MIS,
				  cat == CAT_CR ? 0.55 : 0.95);
	} else {
		fpc_figure_colour(cr, series_colour[s->group % COLOURS], 1);
		ri *= 1.5 - 0.6 * (double)s->group / (double)(p->groups - 1);
		ring = s->group >= COLOURS;
	}
	for (size_t j = 0; j < s->np; j++) {
		const struct point *pt = &s->p[j];
		double x = fpc_axis_pixel(&p->ax, pt->x);
		double y = fpc_axis_pixel(&p->ay, pt->err);
		size_t at;
		if (pt->cat != cat)
			continue;
		at = (size_t)(y - p->top) * (size_t)p->pw +
		     (size_t)(x - p->left);
		if (p->seen[at])
			continue;
		p->seen[at] = 1;
		draw_marker(cr, ring ? M_RING : M_DOT, x, y, ri);
	}
	if (ring) {
		cairo_set_line_width(cr, 1);
		cairo_stroke(cr);
	} else {
		cairo_fill(cr);
	}
}

/* The points, clipped to the plot: correct ones first, wrong ones over
 * them; each pixel of a series' category drawn once, so that millions
 * of inputs cost what the image holds. */
static void draw_points(struct errplot *p)
{
	double r = p->total <= 2000    ? DOT_R_FEW
		   : p->total <= 20000 ? DOT_R_SOME
				       : DOT_R_MANY;

	cairo_save(p->cr);
	cairo_rectangle(p->cr, p->left, p->top, p->right - p->left,
			p->bottom - p->top);
	cairo_clip(p->cr);
	for (int cat = CAT_CR; cat <= CAT_MIS; cat++)
		for (size_t i = 0; i < p->n; i++)
			/* a record with the same bits as an earlier one
			 * adds nothing */
			if (p->s[i].same_as == SIZE_MAX)
				draw_series_points(p, i, cat, r);
	cairo_restore(p->cr);
}

/* The 1/2 ulp of correct rounding, dashed, over the points. */
static void draw_half_line(struct errplot *p)
{
	static const double dash[] = {6, 4}; /* pixels drawn, skipped */
	cairo_t *cr = p->cr;
	double y = floor(fpc_axis_pixel(&p->ay, 0.5)) + 0.5;

	fpc_figure_colour(cr, C_TEXT, 0.8);
	cairo_set_line_width(cr, HALF_LINE_W);
	cairo_set_dash(cr, dash, 2, 0);
	cairo_move_to(cr, p->left, y);
	cairo_line_to(cr, p->right, y);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

/* Special-value mismatches: triangles in a band above the plot, one per
 * pixel when coloured by outcome. */
static void draw_special_band(struct errplot *p)
{
	cairo_t *cr = p->cr;
	double y = p->top - p->band + BAND_MARK_Y;

	fpc_figure_colour(cr, C_MUTED, 1);
	fpc_figure_text(cr, p->left - Y_LABEL_END, y + TEXT_DROP, RIGHT,
			"special");
	memset(p->seen, 0, (size_t)p->pw);
	for (size_t i = 0; i < p->n; i++) {
		const struct series *s = &p->s[i];
		if (s->same_as != SIZE_MAX)
			continue;
		fpc_figure_colour(cr,
				  p->by_outcome
				      ? C_SPECIAL
				      : series_colour[s->group % COLOURS],
				  0.9);
		for (size_t j = 0; j < s->np; j++) {
			double x;
			if (s->p[j].cat != CAT_SPECIAL)
				continue;
			x = fpc_axis_pixel(&p->ax, s->p[j].x);
			if (p->by_outcome && p->seen[(size_t)(x - p->left)])
				continue;
			p->seen[(size_t)(x - p->left)] = 1;
			draw_marker(cr, M_TRIANGLE, x, y, BAND_MARK_R);
		}
		cairo_fill(cr);
	}
}

/* With groups 1 (one record, or records all with the same bits) the
 * points are coloured by outcome, else by group.  FPC_ERR_ARG when w x h
 * is too small for the plot. */
static int draw_errors(cairo_t *cr, int w, int h, const struct fpc_kernel *k,
		       const struct series *s, size_t n, size_t groups,
		       const char *title, char *sub, size_t sub_len)
{
	struct errplot p = {0};
	int err;

	p.cr = cr;
	p.w = w;
	p.h = h;
	p.k = k;
	p.s = s;
	p.n = n;
	p.groups = groups;
	p.by_index = k->fn->arity >= 3;
	p.by_outcome = groups == 1;
	sum_series(&p);
	draw_heading(&p, title, sub, sub_len);
	if (p.by_outcome)
		legend_by_outcome(&p);
	else
		legend_by_record(&p);
	if (p.hidden)
		legend_hidden(&p);
	if ((err = place_rows(&p)) || (err = place_axes(&p)))
		return err;
	draw_grid(&p);
	draw_axis_titles(&p);
	half_label(cr, &p.ax, &p.ay, s, n,
		   floor(fpc_axis_pixel(&p.ay, 0.5)) + 0.5);
	p.pw = (int)(p.right - p.left) + SEEN_EDGE;
	p.seen_rows = (size_t)(p.bottom - p.top + SEEN_EDGE);
	if (!(p.seen = malloc((size_t)p.pw * p.seen_rows)))
		return FPC_ERR_NOMEM;
	draw_points(&p);
	draw_half_line(&p);
	if (p.band)
		draw_special_band(&p);
	free(p.seen);
	legend_rows(cr, &p.leg, MARGIN, w - MARGIN, LEGEND_BASE, 1);
	return 0;
}

int fpc_plot_draw_errors(FILE *f, const struct fpc_kernel *k, struct series *s,
			 size_t n, int w, int h, const char *source,
			 char *detail, size_t detail_len)
{
	cairo_surface_t *surf;
	cairo_t *cr = NULL;
	char title[160], sub[512];
	size_t groups = group_series(s, n);
	int err;

	snprintf(title, sizeof(title), "%s (%s): error in ulps", k->name,
		 fpc_format_name(k->format));
	if (!(surf = fpc_figure_surface(w, h, &cr)))
		return FPC_ERR_NOMEM;
	err = draw_errors(cr, w, h, k, s, n, groups, title, sub, sizeof(sub));
	if (err == FPC_ERR_ARG)
		snprintf(detail, detail_len, "%dx%d is too small for the plot",
			 w, h);
	if (!err && (err = fpc_figure_drawn(cr, detail, detail_len)))
		goto out;
	if (!err)
		err = fpc_figure_write_png(surf, f, title, source, sub);
out:
	cairo_destroy(cr);
	cairo_surface_destroy(surf);
	return err;
}
