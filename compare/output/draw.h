/*
 * Drawing for images and plots: colour maps, and cairo surfaces written
 * as PNG through fpc_png_write.  Cairo draws the lines and the text
 * (axes, tick labels, legends); libpng writes the file, with provenance.
 */
#ifndef FPCHECK_DRAW_H
#define FPCHECK_DRAW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cairo.h>

#include "fpcheck/image.h"

/* Viridis (perceptually uniform, readable in grey and by most colour
 * blind readers) at t in [0, 1], as 8-bit sRGB. */
void fpc_colormap_viridis(double t, uint8_t rgb[3]);
/* A diverging map at t in [-1, 1]: blue below 0, white at 0, red above,
 * each side of even perceived lightness steps. */
void fpc_colormap_diverging(double t, uint8_t rgb[3]);

/* Writes an image surface (CAIRO_FORMAT_RGB24 or ARGB32 over white) as
 * an 8-bit RGB PNG.  Returns 0, FPC_ERR_IO or FPC_ERR_NOMEM. */
int fpc_draw_write_png(cairo_surface_t *s, FILE *f,
		       const struct fpc_png_text *text, size_t ntext);

/* A cairo surface holding an 8-bit RGB buffer (3 bytes per pixel),
 * scaled by an integer factor with nearest-neighbour sampling so that
 * pixels stay sharp.  NULL when out of memory. */
cairo_surface_t *fpc_draw_from_rgb(const uint8_t *rgb, uint32_t w, uint32_t h,
				   unsigned scale);

/* The font every figure uses: a sans-serif of size px. */
void fpc_draw_font(cairo_t *cr, double px);
/* Its bold face, for titles. */
void fpc_draw_bold_font(cairo_t *cr, double px);

#endif
