/*
 * What the plots (error plots and the heatmap) share: the house style
 * (fonts, margin, colours), text measured and drawn with cairo
 * (exponents, ellipses), the numbers of labels, and a figure's page: a
 * cairo surface, and its PNG with fpcheck's text chunks.  Layouts are
 * computed from measured text, so that labels never overlap whatever the
 * range.  Private to compare/output.
 */
#ifndef FPCHECK_FIGURE_H
#define FPCHECK_FIGURE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cairo.h>

/* Font sizes in pixels: 12 is the smallest that reads comfortably in a
 * browser at 100 %; exponents of tick labels are smaller but sit beside
 * a full-size base. */
#define FONT_TITLE 15
#define FONT_TEXT  12
#define FONT_SUP   9
/* Blank border round every plot. */
#define MARGIN 16
/* A FONT_TEXT label's baseline this far below the line it is centred
 * on (a tick, a row's middle): half the height of its digits. */
#define TEXT_DROP 4
/* Least distance between two labels one above the other (y ticks, the
 * colour bar's decades), in lines of text. */
#define Y_TICK_LINES 1.8

/* Lines one pixel wide (grid, frames, ticks) are drawn on half-pixel
 * coordinates, floor(y) + 0.5, so that they fill one row of pixels
 * rather than blur over two; a frame's rectangle is then 1 pixel smaller
 * than the area it frames. */

/* Colours, 0xRRGGBB: text, notes, grid lines, frames and ticks. */
#define C_TEXT	0x222222
#define C_MUTED 0x555555
#define C_GRID	0xe6e6e6
#define C_FRAME 0x888888

enum align { LEFT, CENTRE, RIGHT };

/* Sets cr's source to colour c (0xRRGGBB) with opacity alpha. */
void fpc_figure_colour(cairo_t *cr, uint32_t c, double alpha);

/*
 * Measures, and with draw set draws, label s at size px with its
 * baseline at y, aligned on x.  "a^b" shows b as an exponent of a.
 * Returns the width.  Leaves the font at size px.
 */
double fpc_figure_label(cairo_t *cr, double px, double x, double y,
			enum align al, const char *s, int draw);

/* The width of s in cr's current font. */
double fpc_figure_text_width(cairo_t *cr, const char *s);

/* Draws s in the current font and colour, baseline at y, aligned on x. */
void fpc_figure_text(cairo_t *cr, double x, double y, enum align al,
		     const char *s);

/* s, cut at a character boundary and ended with an ellipsis when wider
 * than maxw in the current font, into out (len bytes). */
void fpc_figure_fit(cairo_t *cr, const char *s, double maxw, char *out,
		    size_t len);

/* "1e-5", "2.5e6": v as %e with digits (0 to 3) after the point, without
 * the plus sign, leading zeros of the exponent and trailing zeros. */
void fpc_figure_exp_notation(char *buf, size_t len, double v, int digits);

/* "10^k" for decade k (a label for fpc_figure_label), "1", "10", "100"
 * and "1000" spelt out. */
void fpc_figure_decade_label(char *buf, size_t len, int k);

/* A w x h RGB surface and its context in *cr, or NULL (out of memory,
 * nothing to release). */
cairo_surface_t *fpc_figure_surface(int w, int h, cairo_t **cr);

/* 0 when cairo drew everything asked on cr; else cairo stopped at an
 * error (after which it draws nothing), detail says which, and the
 * result is FPC_ERR_NOMEM or FPC_ERR_FORMAT. */
int fpc_figure_drawn(cairo_t *cr, char *detail, size_t detail_len);

/*
 * Writes surf as a PNG on f, with the text chunks "Title" (title),
 * "Software" (fpcheck and its version), "Source" (source) and, when not
 * NULL or empty, "Comment" (comment).  Returns 0, FPC_ERR_IO or
 * FPC_ERR_NOMEM.
 */
int fpc_figure_write_png(cairo_surface_t *surf, FILE *f, const char *title,
			 const char *source, const char *comment);

/* The n strings v one per line (for the "Source" chunk), allocated; NULL
 * when out of memory. */
char *fpc_figure_join_lines(const char *const *v, size_t n);

#endif
