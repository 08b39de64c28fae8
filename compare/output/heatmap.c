/*
 * The kernels x configurations heatmap (see fpcheck/plot.h): a cell per
 * kernel and record coloured by the largest error on a log scale, marks
 * for bits identical to the baseline's, a colour bar and a key.
 */
#include "fpcheck/plot.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "draw.h"
#include "figure.h"
#include "fpcheck/catalog.h"
#include "fpcheck/error.h"
#include "fpcheck/stats.h"

/* Cells without a colour of the scale: kernels without truth (renders),
 * and kernels a record does not hold. */
#define C_NO_TRUTH 0xcfcfcf
#define C_ABSENT   0xeeeeee

/* A max error in at most 5 characters, for a heatmap cell: "0.5" only
 * when it is exactly 1/2 (as fpc_format_ulps). */
static void cell_number(char *buf, size_t len, double u)
{
	if (u >= 99999.5)
		fpc_figure_exp_notation(buf, len, u, 0);
	else if (u >= 999.5)
		snprintf(buf, len, "%.0f", u);
	else
		snprintf(buf, len, "%.3g", u);
	fpc_format_half_side(buf, len, u);
}

/* Pixels per kernel row, and the width limits of a column. */
#define ROW_H	20
#define COL_MIN 24
#define COL_MAX 110
/* Longest column label, pixels (longer ones end in an ellipsis). */
#define COL_LABEL_MAX 170
/* Narrowest column that holds a cell's value (five characters). */
#define COL_VALUE 40
/* The colour bar's height and width. */
#define BAR_H 220
#define BAR_W 16

/*
 * The heatmap's layout, in pixels.  Top down: the title, the column
 * labels from HEAD_TOP, the grid.  Left to right: the row labels,
 * ROW_LABEL_GAP, the grid, KEY_GAP, the key (the colour bar and the
 * swatches under it), KEY_W wide.
 */
#define HEAT_TITLE_BASE 26 /* baseline of the title, from the top */
#define HEAD_TOP	40
#define ROW_LABEL_GAP	8
#define KEY_GAP		28
#define KEY_W		190
/* Column labels: their baseline COL_LABEL_BASE above the grid.  Level,
 * they take FONT_TEXT + HEAD_LEVEL above it; rotated, they rise from
 * ROT_SHIFT left of their column's centre, which makes them look
 * centred on it. */
#define COL_LABEL_BASE 8
#define HEAD_LEVEL     10
#define ROT_SHIFT      3
/* Text in a column (a label, a value and its mark) leaves CELL_PAD of
 * its width.  A value and its "=" are MARK_GAP apart; a "=" in the
 * corner ends CORNER_INSET from the cell's right edge, the value moved
 * as far left. */
#define CELL_PAD     6
#define MARK_GAP     5
#define CORNER_INSET 2
/* The key, from the grid's top: its caption's baseline, the colour bar's
 * top; then the first swatch's baseline SWATCH_FIRST under the bar, and
 * SWATCH_STEP between swatches. */
#define KEY_CAPTION_BASE 12
#define BAR_TOP		 26
#define SWATCH_FIRST	 34
#define SWATCH_STEP	 24
/* The colour bar's ticks, and their labels' distance from the bar. */
#define BAR_TICK      4
#define BAR_LABEL_GAP 7
/* A swatch: a box SWATCH_W x SWATCH_H whose top is SWATCH_RISE above
 * the text's baseline, the text SWATCH_TEXT_X from the box's left, its
 * baseline SWATCH_TEXT_DROP below the row's. */
#define SWATCH_W	 22
#define SWATCH_H	 16
#define SWATCH_RISE	 12
#define SWATCH_TEXT_X	 30
#define SWATCH_TEXT_DROP 1

/* A heatmap being drawn: the summary, what measuring it found, and the
 * layout each step leaves for the next. */
struct heat {
	const struct fpc_summary *s;
	cairo_t *cr;
	char **labels;	 /* the column labels, fitted */
	double llo, lhi; /* log10 of the colour scale's ends */
	/* widest title, row label and column label */
	double title_w, row_w, col_w;
	double max_all; /* largest error of any cell */
	/* cells of kernels absent from a record, of kernels without truth,
	 * marked "=": each has its swatch in the key */
	int absent, no_truth, same;
	double cw; /* column width */
	double grid_l, grid_t, grid_r, head, block_x;
	int rotate; /* column labels rotated */
	int w, h;   /* the image's size */
};

static void heat_colour(const struct heat *hm, double u, uint8_t rgb[3])
{
	double l = log10(fmax(u, 0.5));

	fpc_colormap_viridis((l - hm->llo) / (hm->lhi - hm->llo), rgb);
}

/* The colour bar: "<= 0.5" at the bottom, then decades, every step of
 * them that keeps the labels apart, and the top decade always. */
static void colour_bar(cairo_t *cr, const struct heat *hm, double x, double top)
{
	static const int steps[] = {1, 2, 3, 5, 10, 20, 50, 100};
	int last = (int)lround(hm->lhi), step = 100;
	double per_decade = BAR_H / (hm->lhi - hm->llo);

	for (int i = 0; i < BAR_H; i++) {
		uint8_t rgb[3];
		fpc_colormap_viridis(1 - (i + 0.5) / BAR_H, rgb);
		cairo_set_source_rgb(cr, rgb[0] / 255.0, rgb[1] / 255.0,
				     rgb[2] / 255.0);
		cairo_rectangle(cr, x, top + i, BAR_W, 1);
		cairo_fill(cr);
	}
	fpc_figure_colour(cr, C_FRAME, 1);
	cairo_set_line_width(cr, 1);
	cairo_rectangle(cr, x - 0.5, top - 0.5, BAR_W + 1, BAR_H + 1);
	cairo_stroke(cr);
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i] * per_decade >= FONT_TEXT * Y_TICK_LINES) {
			step = steps[i];
			break;
		}
	/* from the top down, so that the top decade is always labelled */
	for (int k = last; k >= -1; k--) {
		double y = top + BAR_H - (k - hm->llo) * per_decade;
		char buf[32];
		if (k == -1) {
			y = top + BAR_H;
			snprintf(buf, sizeof(buf), "\u2264 0.5");
		} else if (k == 0 && per_decade * (k - hm->llo) <
					 FONT_TEXT * Y_TICK_LINES) {
			continue; /* 1 would touch 0.5 */
		} else if (k != last && (k % step || last - k < step)) {
			continue;
		} else {
			fpc_figure_decade_label(buf, sizeof(buf), k);
		}
		fpc_figure_colour(cr, C_FRAME, 1);
		cairo_move_to(cr, x + BAR_W, floor(y) + 0.5);
		cairo_line_to(cr, x + BAR_W + BAR_TICK, floor(y) + 0.5);
		cairo_stroke(cr);
		fpc_figure_colour(cr, C_TEXT, 1);
		fpc_figure_label(cr, FONT_TEXT, x + BAR_W + BAR_LABEL_GAP,
				 y + TEXT_DROP, LEFT, buf, 1);
	}
}

static void swatch(cairo_t *cr, double x, double y, uint32_t c,
		   const char *mark, const char *what, double maxw)
{
	char buf[160];

	fpc_figure_colour(cr, c, 1);
	cairo_rectangle(cr, x, y - SWATCH_RISE, SWATCH_W, SWATCH_H);
	cairo_fill(cr);
	fpc_figure_colour(cr, C_FRAME, 1);
	cairo_set_line_width(cr, 1);
	cairo_rectangle(cr, x + 0.5, y - (SWATCH_RISE - 0.5), SWATCH_W - 1,
			SWATCH_H - 1);
	cairo_stroke(cr);
	fpc_figure_colour(cr, C_TEXT, 1);
	fpc_draw_font(cr, FONT_TEXT);
	if (mark)
		fpc_figure_text(cr, x + SWATCH_W / 2, y + SWATCH_TEXT_DROP,
				CENTRE, mark);
	fpc_figure_fit(cr, what, maxw - SWATCH_TEXT_X, buf, sizeof(buf));
	fpc_figure_text(cr, x + SWATCH_TEXT_X, y + SWATCH_TEXT_DROP, LEFT, buf);
}

static const char heat_title[] =
    "max error in ulps against MPFR, per kernel and configuration";

/* What every heatmap checks first; detail says what is wrong. */
static int check_heatmap(const struct fpc_summary *s, int w, char *detail,
			 size_t detail_len)
{
	if (w < FPC_PLOT_MIN || w > FPC_PLOT_MAX) {
		snprintf(detail, detail_len,
			 "a plot is %d to %d pixels wide, not %d", FPC_PLOT_MIN,
			 FPC_PLOT_MAX, w);
		return FPC_ERR_ARG;
	}
	if (!s->nrec || !s->nk) {
		snprintf(detail, detail_len, "no %s to plot",
			 s->nrec ? "kernel" : "record");
		return FPC_ERR_ARG;
	}
	return 0;
}

/* Measures the title and the row labels, finds the largest error and
 * the keys the cells need, and fits the column labels into hm->labels
 * (nrec pointers, NULL).  Returns 0 or FPC_ERR_NOMEM. */
static int measure(struct heat *hm)
{
	const struct fpc_summary *s = hm->s;
	cairo_t *cr = hm->cr;

	fpc_draw_bold_font(cr, FONT_TITLE);
	hm->title_w = fpc_figure_text_width(cr, heat_title);
	fpc_draw_font(cr, FONT_TEXT);
	for (size_t k = 0; k < s->nk; k++) {
		hm->row_w =
		    fmax(hm->row_w, fpc_figure_text_width(cr, s->kernels[k]));
		for (size_t r = 0; r < s->nrec; r++) {
			const struct fpc_cell *c = &s->cell[k * s->nrec + r];
			if (!c->present)
				hm->absent = 1;
			else if (!FPC_HAS_TRUTH(s->kernel[k]->fn))
				hm->no_truth = 1;
			else if (c->n_err)
				hm->max_all = fmax(hm->max_all, c->max_err);
			if (c->present && c->comparable && !c->differ &&
			    r != s->baseline)
				hm->same = 1;
		}
	}
	for (size_t r = 0; r < s->nrec; r++) {
		if (!(hm->labels[r] = malloc(256)))
			return FPC_ERR_NOMEM;
		fpc_figure_fit(cr, s->names[r], COL_LABEL_MAX, hm->labels[r],
			       256);
		hm->col_w =
		    fmax(hm->col_w, fpc_figure_text_width(cr, hm->labels[r]));
	}
	return 0;
}

/* The layout: columns share what the row labels and the key leave of
 * w, and the image is as wide as the content, narrower than w when the
 * columns are at their widest, wider when they are at their narrowest;
 * as high as the grid, or the key below the colour bar. */
static void lay_out(struct heat *hm, int w)
{
	size_t nrec = hm->s->nrec;
	int keys = hm->no_truth + hm->absent + hm->same;
	double cw;

	hm->grid_l = MARGIN + hm->row_w + ROW_LABEL_GAP;
	cw = (w - hm->grid_l - KEY_GAP - KEY_W - MARGIN) / (double)nrec;
	hm->cw = cw = floor(fmin(COL_MAX, fmax(COL_MIN, cw)));
	hm->grid_r = hm->grid_l + cw * nrec;
	hm->rotate = hm->col_w > cw - CELL_PAD;
	/* rotated labels rise at 45 degrees from their column's centre */
	hm->head = hm->rotate
		       ? hm->col_w * M_SQRT1_2 + FONT_TEXT + COL_LABEL_BASE
		       : FONT_TEXT + HEAD_LEVEL;
	hm->block_x = hm->grid_r + KEY_GAP;
	hm->w = (int)ceil(
	    fmax(hm->block_x + KEY_W + MARGIN, 2 * MARGIN + hm->title_w));
	if (hm->rotate)
		hm->w = (int)fmax(hm->w, hm->grid_r - cw / 2 +
					     hm->col_w * M_SQRT1_2 + FONT_TEXT +
					     MARGIN);
	hm->grid_t = HEAD_TOP + hm->head;
	/* below the colour bar, the last swatch's bottom (or with none,
	 * room for the bar's lowest label) */
	hm->h = (int)fmax(hm->grid_t + ROW_H * (double)hm->s->nk,
			  hm->grid_t + BAR_TOP + BAR_H + SWATCH_FIRST +
			      SWATCH_STEP * keys -
			      (SWATCH_STEP - (SWATCH_H - SWATCH_RISE))) +
		MARGIN;
}

static void draw_column_labels(const struct heat *hm)
{
	cairo_t *cr = hm->cr;

	for (size_t r = 0; r < hm->s->nrec; r++) {
		double cx = hm->grid_l + hm->cw * (r + 0.5);
		fpc_figure_colour(cr, C_TEXT, 1);
		if (!hm->rotate) {
			fpc_figure_text(cr, cx, hm->grid_t - COL_LABEL_BASE,
					CENTRE, hm->labels[r]);
			continue;
		}
		cairo_save(cr);
		cairo_translate(cr, cx - ROT_SHIFT,
				hm->grid_t - COL_LABEL_BASE);
		cairo_rotate(cr, -M_PI / 4);
		fpc_figure_text(cr, 0, 0, LEFT, hm->labels[r]);
		cairo_restore(cr);
	}
}

/* The value of cell c (left at cx, text baseline y) in a column wide
 * enough, and with mark set the "=" of bits identical to the
 * baseline's: value and mark centred as a group, or, in every cell
 * alike when the widest value would not leave room, the mark smaller in
 * the corner (row top ry). */
static void cell_value(const struct heat *hm, const struct fpc_cell *c,
		       double cx, double ry, double y, int mark)
{
	cairo_t *cr = hm->cr;
	double cw = hm->cw, vw, ew = fpc_figure_text_width(cr, "="), gx;
	char num[32];

	if (c->n_err)
		cell_number(num, sizeof(num), c->max_err);
	else
		snprintf(num, sizeof(num), "\u2013");
	vw = fpc_figure_text_width(cr, num);
	if (!mark) {
		fpc_figure_text(cr, cx + cw / 2, y, CENTRE, num);
		return;
	}
	gx = cx + (cw - vw - MARK_GAP - ew) / 2;
	if (fpc_figure_text_width(cr, "0.000") + MARK_GAP + ew <=
	    cw - CELL_PAD) {
		fpc_figure_text(cr, gx, y, LEFT, num);
		fpc_figure_text(cr, gx + vw + MARK_GAP, y, LEFT, "=");
		return;
	}
	fpc_figure_text(cr, cx + (cw - vw) / 2 - CORNER_INSET, y, LEFT, num);
	fpc_draw_font(cr, FONT_SUP);
	fpc_figure_text(cr, cx + cw - CORNER_INSET, ry + FONT_SUP, RIGHT, "=");
	fpc_draw_font(cr, FONT_TEXT);
}

/* The cell of kernel k (of truth or not) in record r, row top ry: its
 * colour, with a white line between cells, and what it says. */
static void draw_cell(const struct heat *hm, size_t k, size_t r, double ry,
		      int truth)
{
	cairo_t *cr = hm->cr;
	const struct fpc_summary *s = hm->s;
	const struct fpc_cell *c = &s->cell[k * s->nrec + r];
	double cx = hm->grid_l + hm->cw * r, y = ry + ROW_H / 2 + TEXT_DROP;
	int mark =
	    c->present && c->comparable && !c->differ && r != s->baseline;
	uint8_t rgb[3] = {0xee, 0xee, 0xee};
	int dark = 0;

	if (!c->present)
		fpc_figure_colour(cr, C_ABSENT, 1);
	else if (!truth)
		fpc_figure_colour(cr, C_NO_TRUTH, 1);
	else {
		heat_colour(hm, c->n_err ? c->max_err : 0, rgb);
		cairo_set_source_rgb(cr, rgb[0] / 255.0, rgb[1] / 255.0,
				     rgb[2] / 255.0);
		/* relative luminance, roughly */
		dark =
		    0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] < 128;
	}
	cairo_rectangle(cr, cx + 0.5, ry + 0.5, hm->cw - 1, ROW_H - 1);
	cairo_fill(cr);
	if (!c->present) {
		fpc_figure_colour(cr, C_FRAME, 1);
		fpc_figure_text(cr, cx + hm->cw / 2, y, CENTRE, "\u2013");
		return;
	}
	fpc_figure_colour(cr, dark ? 0xffffff : C_TEXT, 1);
	if (truth && hm->cw >= COL_VALUE)
		cell_value(hm, c, cx, ry, y, mark);
	else if (mark)
		fpc_figure_text(cr, cx + hm->cw / 2, y, CENTRE, "=");
}

/* One row per kernel: its name, then its cells. */
static void draw_rows(const struct heat *hm)
{
	const struct fpc_summary *s = hm->s;

	for (size_t k = 0; k < s->nk; k++) {
		double ry = hm->grid_t + ROW_H * (double)k;
		int truth = FPC_HAS_TRUTH(s->kernel[k]->fn);
		fpc_figure_colour(hm->cr, C_TEXT, 1);
		fpc_figure_text(hm->cr, hm->grid_l - ROW_LABEL_GAP,
				ry + ROW_H / 2 + TEXT_DROP, RIGHT,
				s->kernels[k]);
		for (size_t r = 0; r < s->nrec; r++)
			draw_cell(hm, k, r, ry, truth);
	}
}

/* The colour bar, and under it a swatch for each kind of cell that is
 * no colour of the scale. */
static void draw_key(const struct heat *hm)
{
	cairo_t *cr = hm->cr;
	const struct fpc_summary *s = hm->s;
	double y;
	char buf[256];

	fpc_figure_colour(cr, C_TEXT, 1);
	fpc_figure_text(cr, hm->block_x, hm->grid_t + KEY_CAPTION_BASE, LEFT,
			"max |error|, ulps");
	colour_bar(cr, hm, hm->block_x, hm->grid_t + BAR_TOP);
	y = hm->grid_t + BAR_TOP + BAR_H + SWATCH_FIRST;
	if (hm->no_truth) {
		swatch(cr, hm->block_x, y, C_NO_TRUTH, NULL,
		       "no truth (render)", KEY_W);
		y += SWATCH_STEP;
	}
	if (hm->absent) {
		swatch(cr, hm->block_x, y, C_ABSENT, "\u2013",
		       "kernel not in record", KEY_W);
		y += SWATCH_STEP;
	}
	if (hm->same) {
		snprintf(buf, sizeof(buf), "same bits as %s",
			 s->names[s->baseline]);
		swatch(cr, hm->block_x, y, 0xffffff, "=", buf, KEY_W);
	}
}

/* The heatmap on hm's surface: title, column labels, rows, key. */
static void draw_heatmap(struct heat *hm)
{
	/* the colour scale: log10 from 1/2 ulp to the decade at or above
	 * the largest error (at least 1 ulp) */
	hm->llo = log10(0.5);
	hm->lhi = ceil(log10(fmax(hm->max_all, 1)) - 1e-9);

	cairo_set_source_rgb(hm->cr, 1, 1, 1);
	cairo_paint(hm->cr);
	fpc_figure_colour(hm->cr, C_TEXT, 1);
	fpc_draw_bold_font(hm->cr, FONT_TITLE);
	fpc_figure_text(hm->cr, MARGIN, HEAT_TITLE_BASE, LEFT, heat_title);
	fpc_draw_font(hm->cr, FONT_TEXT);
	draw_column_labels(hm);
	draw_rows(hm);
	draw_key(hm);
}

/* Writes the drawn heatmap surf as a PNG on f, with the records' paths
 * and a line on what it shows in its text chunks. */
static int write_heatmap(FILE *f, cairo_surface_t *surf, const struct heat *hm,
			 char *detail, size_t detail_len)
{
	const struct fpc_summary *s = hm->s;
	char *source, buf[256];
	int err;

	if (!(source = fpc_figure_join_lines((const char *const *)s->paths,
					     s->nrec)))
		return FPC_ERR_NOMEM;
	snprintf(buf, sizeof(buf), "%lu kernels, %lu records; baseline %s",
		 (unsigned long)s->nk, (unsigned long)s->nrec,
		 s->names[s->baseline]);
	if (!(err = fpc_figure_drawn(hm->cr, detail, detail_len)))
		err = fpc_figure_write_png(surf, f, heat_title, source, buf);
	free(source);
	return err;
}

int fpc_plot_heatmap(FILE *f, const struct fpc_summary *s, int w, char *detail,
		     size_t detail_len)
{
	struct heat hm = {0};
	cairo_surface_t *surf = NULL;
	int err;

	*detail = 0;
	if ((err = check_heatmap(s, w, detail, detail_len)))
		return err;
	hm.s = s;
	/* measure on a scratch surface; the real one follows the layout */
	if (!(surf = fpc_figure_surface(1, 1, &hm.cr)) ||
	    !(hm.labels = calloc(s->nrec, sizeof(*hm.labels)))) {
		err = FPC_ERR_NOMEM;
		goto out;
	}
	if ((err = measure(&hm)))
		goto out;
	lay_out(&hm, w);
	if (hm.w > FPC_PLOT_MAX || hm.h > FPC_PLOT_MAX) {
		snprintf(detail, detail_len,
			 "%lu records and %lu kernels need %dx%d pixels, more "
			 "than %d",
			 (unsigned long)s->nrec, (unsigned long)s->nk, hm.w,
			 hm.h, FPC_PLOT_MAX);
		err = FPC_ERR_ARG;
		goto out;
	}
	cairo_destroy(hm.cr);
	cairo_surface_destroy(surf);
	hm.cr = NULL;
	if (!(surf = fpc_figure_surface(hm.w, hm.h, &hm.cr))) {
		err = FPC_ERR_NOMEM;
		goto out;
	}
	draw_heatmap(&hm);
	err = write_heatmap(f, surf, &hm, detail, detail_len);
out:
	for (size_t r = 0; hm.labels && r < s->nrec; r++)
		free(hm.labels[r]);
	free(hm.labels);
	if (hm.cr)
		cairo_destroy(hm.cr);
	if (surf)
		cairo_surface_destroy(surf);
	return err;
}
