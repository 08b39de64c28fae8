/*
 * Colour maps and cairo-to-PNG (see compare/output/draw.h).
 */
#include "draw.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fpcheck/error.h"

/* Viridis sampled at 9 evenly spaced points (matplotlib's definition),
 * interpolated linearly between them: at this spacing the difference
 * from the full 256-entry table is below one 8-bit step in lightness. */
static const uint8_t viridis[9][3] = {
    {0x44, 0x01, 0x54}, {0x47, 0x2d, 0x7b}, {0x3b, 0x52, 0x8b},
    {0x2c, 0x72, 0x8e}, {0x21, 0x91, 0x8c}, {0x28, 0xae, 0x80},
    {0x5e, 0xc9, 0x62}, {0xad, 0xdc, 0x30}, {0xfd, 0xe7, 0x25},
};

/* Blue to white to red, as ColorBrewer's RdBu (reversed). */
static const uint8_t diverging[11][3] = {
    {0x05, 0x30, 0x61}, {0x21, 0x66, 0xac}, {0x43, 0x93, 0xc3},
    {0x92, 0xc5, 0xde}, {0xd1, 0xe5, 0xf0}, {0xf7, 0xf7, 0xf7},
    {0xfd, 0xdb, 0xc7}, {0xf4, 0xa5, 0x82}, {0xd6, 0x60, 0x4d},
    {0xb2, 0x18, 0x2b}, {0x67, 0x00, 0x1f},
};

static void lerp(const uint8_t (*map)[3], unsigned n, double t, uint8_t rgb[3])
{
	double x;
	unsigned i;

	if (!(t > 0))
		t = 0;
	if (t > 1)
		t = 1;
	x = t * (n - 1);
	i = (unsigned)x;
	if (i >= n - 1)
		i = n - 2;
	x -= i;
	for (int c = 0; c < 3; c++)
		rgb[c] = (uint8_t)lround(map[i][c] +
					 (map[i + 1][c] - map[i][c]) * x);
}

void fpc_colormap_viridis(double t, uint8_t rgb[3])
{
	lerp(viridis, 9, t, rgb);
}

void fpc_colormap_diverging(double t, uint8_t rgb[3])
{
	lerp(diverging, 11, (t + 1) / 2, rgb);
}

int fpc_draw_write_png(cairo_surface_t *s, FILE *f,
		       const struct fpc_png_text *text, size_t ntext)
{
	int w, h, stride, err;
	const unsigned char *data;
	uint8_t *rgb;

	cairo_surface_flush(s);
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	stride = cairo_image_surface_get_stride(s);
	data = cairo_image_surface_get_data(s);
	if (!data || !(rgb = malloc((size_t)w * h * 3)))
		return FPC_ERR_NOMEM;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t px;
			memcpy(&px, data + (size_t)y * stride + (size_t)x * 4,
			       4);
			rgb[((size_t)y * w + x) * 3 + 0] = (uint8_t)(px >> 16);
			rgb[((size_t)y * w + x) * 3 + 1] = (uint8_t)(px >> 8);
			rgb[((size_t)y * w + x) * 3 + 2] = (uint8_t)px;
		}
	err =
	    fpc_png_write(f, (uint32_t)w, (uint32_t)h, rgb, NULL, text, ntext);
	free(rgb);
	return err;
}

cairo_surface_t *fpc_draw_from_rgb(const uint8_t *rgb, uint32_t w, uint32_t h,
				   unsigned scale)
{
	cairo_surface_t *s = cairo_image_surface_create(
	    CAIRO_FORMAT_RGB24, (int)(w * scale), (int)(h * scale));
	unsigned char *data;
	int stride;

	if (cairo_surface_status(s)) {
		cairo_surface_destroy(s);
		return NULL;
	}
	data = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (uint32_t y = 0; y < h * scale; y++)
		for (uint32_t x = 0; x < w * scale; x++) {
			const uint8_t *p =
			    rgb + ((size_t)(y / scale) * w + x / scale) * 3;
			uint32_t px =
			    (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
			memcpy(data + (size_t)y * stride + (size_t)x * 4, &px,
			       4);
		}
	cairo_surface_mark_dirty(s);
	return s;
}

void fpc_draw_font(cairo_t *cr, double px)
{
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, px);
}

void fpc_draw_bold_font(cairo_t *cr, double px)
{
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_font_size(cr, px);
}
