/*
 * Text, numbers and pages of the plots (see compare/output/figure.h).
 */
#include "figure.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "fpcheck/error.h"
#include "fpcheck/image.h"

/* An exponent's baseline is raised by this fraction of its base's size,
 * with SUP_GAP pixels between the two. */
#define SUP_RAISE 0.42
#define SUP_GAP	  1

void fpc_figure_colour(cairo_t *cr, uint32_t c, double alpha)
{
	cairo_set_source_rgba(cr, (c >> 16 & 0xff) / 255.0,
			      (c >> 8 & 0xff) / 255.0, (c & 0xff) / 255.0,
			      alpha);
}

double fpc_figure_label(cairo_t *cr, double px, double x, double y,
			enum align al, const char *s, int draw)
{
	const char *hat = strchr(s, '^');
	char base[64];
	cairo_text_extents_t eb, ee;
	double w, sup = px * FONT_SUP / FONT_TEXT;

	snprintf(base, sizeof(base), "%.*s",
		 (int)(hat ? (size_t)(hat - s) : strlen(s)), s);
	fpc_draw_font(cr, px);
	cairo_text_extents(cr, base, &eb);
	w = eb.x_advance;
	if (hat) {
		fpc_draw_font(cr, sup);
		cairo_text_extents(cr, hat + 1, &ee);
		w += SUP_GAP + ee.x_advance;
	}
	if (draw) {
		x -= al == CENTRE ? w / 2 : al == RIGHT ? w : 0;
		fpc_draw_font(cr, px);
		cairo_move_to(cr, x, y);
		cairo_show_text(cr, base);
		if (hat) {
			fpc_draw_font(cr, sup);
			cairo_move_to(cr, x + eb.x_advance + SUP_GAP,
				      y - px * SUP_RAISE);
			cairo_show_text(cr, hat + 1);
		}
	}
	fpc_draw_font(cr, px);
	return w;
}

double fpc_figure_text_width(cairo_t *cr, const char *s)
{
	cairo_text_extents_t e;

	cairo_text_extents(cr, s, &e);
	return e.x_advance;
}

void fpc_figure_text(cairo_t *cr, double x, double y, enum align al,
		     const char *s)
{
	double w = fpc_figure_text_width(cr, s);

	cairo_move_to(cr, x - (al == CENTRE ? w / 2 : al == RIGHT ? w : 0), y);
	cairo_show_text(cr, s);
}

void fpc_figure_fit(cairo_t *cr, const char *s, double maxw, char *out,
		    size_t len)
{
	size_t n = strlen(s);

	snprintf(out, len, "%s", s);
	if (n < len && fpc_figure_text_width(cr, out) <= maxw)
		return;
	/* room for the ellipsis' three bytes: a sequence cut by snprintf
	 * would be invalid UTF-8, which stops cairo drawing anything */
	if (n > len - 4)
		n = len - 3;
	while (n > 0) {
		n--;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--; /* inside a UTF-8 sequence */
		snprintf(out, len, "%.*s\u2026", (int)n, s);
		if (fpc_figure_text_width(cr, out) <= maxw)
			return;
	}
}

void fpc_figure_exp_notation(char *buf, size_t len, double v, int digits)
{
	char tmp[24], *e, *m;
	int x;

	digits = digits < 0 ? 0 : digits > 3 ? 3 : digits;
	snprintf(tmp, sizeof(tmp), "%.*e", digits, v);
	e = strchr(tmp, 'e');
	if (!e) {
		snprintf(buf, len, "%s", tmp);
		return;
	}
	*e = 0;
	x = atoi(e + 1);
	/* drop trailing zeros of the mantissa: "2.50" -> "2.5" */
	if (strchr(tmp, '.')) {
		for (m = e - 1; *m == '0'; m--)
			*m = 0;
		if (*m == '.')
			*m = 0;
	}
	snprintf(buf, len, "%se%d", tmp, x);
}

void fpc_figure_decade_label(char *buf, size_t len, int k)
{
	if (k >= 0 && k <= 3)
		snprintf(buf, len, "%d",
			 k == 0	  ? 1
			 : k == 1 ? 10
			 : k == 2 ? 100
				  : 1000);
	else
		snprintf(buf, len, "10^%s%d", k < 0 ? "\u2212" : "", abs(k));
}

cairo_surface_t *fpc_figure_surface(int w, int h, cairo_t **cr)
{
	cairo_surface_t *s =
	    cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);

	if (cairo_surface_status(s)) {
		cairo_surface_destroy(s);
		return NULL;
	}
	*cr = cairo_create(s);
	if (cairo_status(*cr)) {
		cairo_destroy(*cr);
		cairo_surface_destroy(s);
		return NULL;
	}
	return s;
}

int fpc_figure_drawn(cairo_t *cr, char *detail, size_t detail_len)
{
	cairo_status_t st = cairo_status(cr);

	if (st == CAIRO_STATUS_SUCCESS)
		return 0;
	snprintf(detail, detail_len, "cannot draw the plot: %s",
		 cairo_status_to_string(st));
	return st == CAIRO_STATUS_NO_MEMORY ? FPC_ERR_NOMEM : FPC_ERR_FORMAT;
}

int fpc_figure_write_png(cairo_surface_t *surf, FILE *f, const char *title,
			 const char *source, const char *comment)
{
	const struct fpc_png_text chunk[] = {
	    {"Title", title},
	    {"Software", "fpcheck " FPC_VERSION},
	    {"Source", source},
	    {"Comment", comment},
	};

	return fpc_draw_write_png(surf, f, chunk, comment && *comment ? 4 : 3);
}

char *fpc_figure_join_lines(const char *const *v, size_t n)
{
	size_t len = 1;
	char *s;

	for (size_t i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	if (!(s = malloc(len)))
		return NULL;
	*s = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(s, "\n");
		strcat(s, v[i]);
	}
	return s;
}
