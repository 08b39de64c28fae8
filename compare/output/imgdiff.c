/*
 * Image differences (see fpcheck/imgdiff.h).
 */
#include "fpcheck/imgdiff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "fpcheck/error.h"
#include "fpcheck/report.h"
#include "fpcheck/ulp.h"

const char *fpc_imgdiff_special_name(enum fpc_imgdiff_special s)
{
	static const char *const names[] = {
	    "NaN against a number", "infinity against a finite value",
	    "+0 against -0", "subnormal against zero", "NaN sign or payload"};
	return (unsigned)s < FPC_SPECIAL_COUNT ? names[s] : "none";
}

const char *fpc_imgdiff_picture_name(enum fpc_imgdiff_picture p)
{
	static const char *const names[] = {"abs", "boost", "signed", "ulp",
					    "special"};
	return (unsigned)p < FPC_PICTURE_COUNT ? names[p] : "?";
}

void fpc_imgdiff_release(struct fpc_imgdiff *d)
{
	free(d->ulp);
	free(d->sdiff);
	free(d->special_map);
	free(d->adiff);
	memset(d, 0, sizeof(*d));
}

/* Value i of img in format f (rounded to binary32 when narrower). */
static uint64_t bits_in(const struct fpc_image *img, size_t i, unsigned f)
{
	float v;
	uint32_t u;

	if (img->format == f)
		return img->bits[i];
	v = (float)fpc_image_value(img, i);
	memcpy(&u, &v, 4);
	return u;
}

static int special_of(unsigned f, uint64_t a, uint64_t b)
{
	int na = fpc_bits_isnan(f, a), nb = fpc_bits_isnan(f, b);

	if (na != nb)
		return FPC_SPECIAL_NAN;
	if (na)
		return FPC_SPECIAL_NAN_BITS;
	if (fpc_bits_isinf(f, a) || fpc_bits_isinf(f, b))
		return FPC_SPECIAL_INF;
	if (fpc_bits_iszero(f, a) && fpc_bits_iszero(f, b))
		return FPC_SPECIAL_ZERO_SIGN;
	if ((fpc_bits_iszero(f, a) && fpc_bits_issubnormal(f, b)) ||
	    (fpc_bits_iszero(f, b) && fpc_bits_issubnormal(f, a)))
		return FPC_SPECIAL_SUBNORMAL;
	return -1;
}

/* Sums over the values whose difference is a number: of the absolute
 * differences per channel, of their squares, and how many per channel. */
struct sums {
	double sq, sum[3];
	uint64_t nch[3];
};

/* The numeric difference of value i (channel c of pixel p, bits x and y,
 * values vx and vy) into d, t and the pixel's signed sum *s. */
static void add_numeric(struct fpc_imgdiff *d, struct sums *t, size_t p,
			unsigned c, uint64_t x, uint64_t y, double vx,
			double vy, double *s)
{
	size_t i = p * 3 + c;
	uint64_t u = fpc_ulp_distance(d->format, x, y);
	double ad = fabs(vx - vy);

	d->numeric++;
	t->nch[c]++;
	d->adiff[i] = ad;
	t->sum[c] += ad;
	t->sq += ad * ad;
	*s += vx - vy;
	if (ad > d->max_abs[c])
		d->max_abs[c] = ad;
	if (d->ulp[p] != UINT64_MAX && u > d->ulp[p])
		d->ulp[p] = u;
	if (u > d->max_ulp) {
		d->max_ulp = u;
		d->max_x = (uint32_t)(p % d->w);
		d->max_y = (uint32_t)(p / d->w);
		d->max_c = c;
	}
}

/* Compares pixel p of a and b into d and t: its values bit by bit, the
 * special-value mismatches (the pixel shows the first kind), and the
 * numeric differences. */
static void compare_pixel(struct fpc_imgdiff *d, struct sums *t,
			  const struct fpc_image *a, const struct fpc_image *b,
			  size_t p)
{
	unsigned f = d->format;
	int same = 1, sp = FPC_SPECIAL_COUNT;
	double s = 0;

	for (unsigned c = 0; c < 3; c++) {
		size_t i = p * 3 + c;
		uint64_t x = bits_in(a, i, f), y = bits_in(b, i, f);
		double vx = fpc_bits_value(f, x), vy = fpc_bits_value(f, y);
		int k;

		if (x == y) {
			d->numeric += !isnan(vx) && !isinf(vx);
			t->nch[c] += !isnan(vx) && !isinf(vx);
			continue;
		}
		same = 0;
		d->differ++;
		if ((k = special_of(f, x, y)) >= 0) {
			d->special[k]++;
			if (sp == FPC_SPECIAL_COUNT || k < sp)
				sp = k;
			if (k != FPC_SPECIAL_ZERO_SIGN &&
			    k != FPC_SPECIAL_SUBNORMAL) {
				d->ulp[p] = UINT64_MAX;
				continue;
			}
		}
		add_numeric(d, t, p, c, x, y, vx, vy, &s);
	}
	d->identical += same;
	d->sdiff[p] = s / 3;
	d->special_map[p] = (uint8_t)sp;
}

int fpc_imgdiff_compute(const struct fpc_image *a, const struct fpc_image *b,
			struct fpc_imgdiff *d, char *detail, size_t detail_len)
{
	size_t np = (size_t)a->w * a->h;
	struct sums t = {0};

	memset(d, 0, sizeof(*d));
	if (a->w != b->w || a->h != b->h) {
		snprintf(detail, detail_len,
			 "the images differ in size: %ux%u against %ux%u",
			 (unsigned)a->w, (unsigned)a->h, (unsigned)b->w,
			 (unsigned)b->h);
		return FPC_ERR_MISMATCH;
	}
	d->w = a->w;
	d->h = a->h;
	d->format = a->format == b->format ? a->format : FPC_FMT_BINARY32;
	d->pixels = np;
	d->values = np * 3;
	d->ulp = calloc(np, sizeof(*d->ulp));
	d->sdiff = calloc(np, sizeof(*d->sdiff));
	d->special_map = malloc(np);
	d->adiff = calloc(np * 3, sizeof(*d->adiff));
	if (!d->ulp || !d->sdiff || !d->special_map || !d->adiff) {
		fpc_imgdiff_release(d);
		return FPC_ERR_NOMEM;
	}
	for (size_t p = 0; p < np; p++)
		compare_pixel(d, &t, a, b, p);
	for (unsigned c = 0; c < 3; c++) {
		d->mean_abs[c] = t.nch[c] ? t.sum[c] / (double)t.nch[c] : 0;
		if (d->max_abs[c] > d->max_abs_all)
			d->max_abs_all = d->max_abs[c];
	}
	d->rmse = d->numeric ? sqrt(t.sq / (double)d->numeric) : 0;
	d->psnr = d->rmse > 0 ? -20 * log10(d->rmse) : INFINITY;
	return 0;
}

int fpc_imgdiff_within(const struct fpc_imgdiff *d,
		       const struct fpc_imgdiff_limits *l)
{
	uint64_t hard = d->special[FPC_SPECIAL_NAN] +
			d->special[FPC_SPECIAL_INF] +
			d->special[FPC_SPECIAL_NAN_BITS];

	if (!l->has_ulp && !l->has_abs && !l->has_percent)
		return d->differ == 0;
	if (l->has_ulp && (hard || d->max_ulp > l->max_ulp))
		return 0;
	if (l->has_abs && (hard || d->max_abs_all > l->max_abs))
		return 0;
	if (l->has_percent &&
	    100.0 * (double)(d->pixels - d->identical) / (double)d->pixels >
		l->max_percent)
		return 0;
	return 1;
}

/* ---- pictures ------------------------------------------------------------ */

static const uint8_t special_colour[FPC_SPECIAL_COUNT][3] = {
    {255, 0, 255},   /* NaN against a number: magenta */
    {255, 150, 0},   /* infinity: orange */
    {0, 190, 255},   /* sign of zero: light blue */
    {40, 220, 40},   /* subnormal against zero: green */
    {255, 255, 255}, /* NaN bits: white */
};

/* The signed picture's scale: six decades below the largest. */
#define SIGNED_DECADES 6

static double largest_sdiff(const struct fpc_imgdiff *d)
{
	double m = 0;
	for (size_t p = 0; p < d->pixels; p++)
		if (fabs(d->sdiff[p]) > m)
			m = fabs(d->sdiff[p]);
	return m;
}

void fpc_imgdiff_picture(const struct fpc_imgdiff *d,
			 enum fpc_imgdiff_picture pic, double stops,
			 uint8_t *rgb)
{
	double gain = exp2(stops), smax = largest_sdiff(d);
	double ulog = log2(1 + (double)d->max_ulp);

	for (size_t p = 0; p < d->pixels; p++) {
		uint8_t *o = rgb + p * 3;
		int sp = d->special_map[p];

		switch (pic) {
		case FPC_PICTURE_ABS:
		case FPC_PICTURE_BOOST:
			for (int c = 0; c < 3; c++) {
				double v =
				    d->adiff[p * 3 + (size_t)c] *
				    (pic == FPC_PICTURE_BOOST ? gain : 1);
				o[c] =
				    (uint8_t)lround(255 * fpc_srgb_encode(v));
			}
			if (d->ulp[p] == UINT64_MAX)
				memcpy(o, special_colour[sp], 3);
			break;
		case FPC_PICTURE_SIGNED: {
			double s = d->sdiff[p], t = 0;
			if (s != 0 && smax > 0) {
				t = (log10(fabs(s) / smax) + SIGNED_DECADES) /
				    SIGNED_DECADES;
				t = t < 0.05 ? 0.05 : t; /* never white */
				t = s < 0 ? -t : t;
			}
			fpc_colormap_diverging(t, o);
			if (d->ulp[p] == UINT64_MAX)
				o[0] = o[1] = o[2] = 0;
			break;
		}
		case FPC_PICTURE_ULP:
			if (d->ulp[p] == UINT64_MAX)
				memcpy(o, special_colour[FPC_SPECIAL_NAN], 3);
			else
				fpc_colormap_viridis(
				    ulog > 0
					? log2(1 + (double)d->ulp[p]) / ulog
					: 0,
				    o);
			break;
		default:
			if (sp < FPC_SPECIAL_COUNT)
				memcpy(o, special_colour[sp], 3);
			else if (d->ulp[p])
				o[0] = o[1] = o[2] =
				    90; /* differs as numbers */
			else
				o[0] = o[1] = o[2] = 0;
			break;
		}
	}
}

/* Text centred at x. */
static void centred(cairo_t *cr, double x, double y, const char *s)
{
	cairo_text_extents_t e;
	cairo_text_extents(cr, s, &e);
	cairo_move_to(cr, x - e.width / 2 - e.x_bearing, y);
	cairo_show_text(cr, s);
}

static void swatch(cairo_t *cr, double x, double y, const uint8_t c[3],
		   const char *label)
{
	cairo_set_source_rgb(cr, c[0] / 255.0, c[1] / 255.0, c[2] / 255.0);
	cairo_rectangle(cr, x, y - 10, 12, 12);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, x + 17, y);
	cairo_show_text(cr, label);
}

/* A colour bar from x0 to x1 at y, with its labels at the ends and
 * between. */
static void colour_bar(cairo_t *cr, double x0, double x1, double y,
		       void (*map)(double, uint8_t *), double lo,
		       const char *const *labels, const double *at,
		       size_t nlabels)
{
	for (double x = x0; x < x1; x++) {
		uint8_t c[3];
		map(lo + (1 - lo) * (x - x0) / (x1 - x0), c);
		cairo_set_source_rgb(cr, c[0] / 255.0, c[1] / 255.0,
				     c[2] / 255.0);
		cairo_rectangle(cr, x, y, 1.5, 14);
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (size_t i = 0; i < nlabels; i++) {
		double x = x0 + at[i] * (x1 - x0);
		cairo_move_to(cr, x, y + 14);
		cairo_line_to(cr, x, y + 18);
		cairo_set_line_width(cr, 1);
		cairo_stroke(cr);
		centred(cr, x, y + 30, labels[i]);
	}
}

static void map_viridis(double t, uint8_t *c)
{
	fpc_colormap_viridis(t, c);
}

static void map_diverging(double t, uint8_t *c)
{
	fpc_colormap_diverging(2 * t - 1, c);
}

static void legend(cairo_t *cr, const struct fpc_imgdiff *d,
		   enum fpc_imgdiff_picture pic, double x0, double x1, double y)
{
	char buf[8][32];
	const char *labels[8];
	double at[8];
	size_t n = 0;

	if (pic == FPC_PICTURE_ULP) {
		double ulog = log2(1 + (double)d->max_ulp);
		uint64_t step = d->max_ulp > 4096 ? 256 : 4;
		/* ticks at 0 and powers of the step up to the largest */
		snprintf(buf[n], sizeof(buf[n]), "0");
		at[n++] = 0;
		for (uint64_t u = 1; ulog > 0 && u <= d->max_ulp && n < 6;
		     u *= step) {
			snprintf(buf[n], sizeof(buf[n]), "%llu",
				 (unsigned long long)u);
			at[n++] = log2(1 + (double)u) / ulog;
		}
		if (d->max_ulp > 1 && at[n - 1] < 0.9) {
			snprintf(buf[n], sizeof(buf[n]), "%llu",
				 (unsigned long long)d->max_ulp);
			at[n++] = 1;
		}
		for (size_t i = 0; i < n; i++)
			labels[i] = buf[i];
		colour_bar(cr, x0, x1, y, map_viridis, 0, labels, at, n);
		cairo_move_to(cr, x0, y + 48);
		cairo_show_text(cr, "largest ulp distance of the pixel's "
				    "channels (log scale); magenta: NaN or "
				    "infinity mismatch");
	} else if (pic == FPC_PICTURE_SIGNED) {
		double smax = largest_sdiff(d);
		/* ends, the middle decade on each side, and zero */
		double mid = smax * pow(10, -SIGNED_DECADES / 2.0);
		snprintf(buf[0], sizeof(buf[0]), "-%.2g", smax);
		snprintf(buf[1], sizeof(buf[1]), "-%.2g", mid);
		snprintf(buf[2], sizeof(buf[2]), "0");
		snprintf(buf[3], sizeof(buf[3]), "%.2g", mid);
		snprintf(buf[4], sizeof(buf[4]), "%.2g", smax);
		at[0] = 0;
		at[1] = 0.25;
		at[2] = 0.5;
		at[3] = 0.75;
		at[4] = 1;
		for (size_t i = 0; i < 5; i++)
			labels[i] = buf[i];
		colour_bar(cr, x0, x1, y, map_diverging, 0, labels, at, 5);
		cairo_move_to(cr, x0, y + 48);
		cairo_show_text(cr, "A - B, mean of channels: blue where B "
				    "is brighter, red where A is (log scale)");
	} else {
		double x = x0;
		static const uint8_t grey[3] = {90, 90, 90}, black[3] = {0};
		for (int k = 0; k < FPC_SPECIAL_COUNT; k++) {
			if (k == 3) {
				x = x0;
				y += 20;
			}
			swatch(cr, x, y + 12, special_colour[k],
			       fpc_imgdiff_special_name(
				   (enum fpc_imgdiff_special)k));
			x += (x1 - x0) / 3;
		}
		swatch(cr, x, y + 12, grey, "other difference");
		swatch(cr, x0, y + 32, black, "identical");
	}
}

int fpc_imgdiff_write_png(FILE *f, const struct fpc_imgdiff *d,
			  enum fpc_imgdiff_picture pic, double stops,
			  const struct fpc_png_text *text, size_t ntext)
{
	uint8_t *rgb = malloc(d->pixels * 3 + 1);
	cairo_surface_t *img, *page;
	cairo_t *cr;
	unsigned scale;
	int w, h, err;
	char title[160];

	if (!rgb)
		return FPC_ERR_NOMEM;
	fpc_imgdiff_picture(d, pic, stops, rgb);
	if (pic == FPC_PICTURE_ABS || pic == FPC_PICTURE_BOOST) {
		err = fpc_png_write(f, d->w, d->h, rgb, NULL, text, ntext);
		free(rgb);
		return err;
	}
	scale = d->w < 640 ? 640 / d->w : 1;
	scale = scale > 4 ? 4 : scale ? scale : 1;
	img = fpc_draw_from_rgb(rgb, d->w, d->h, scale);
	free(rgb);
	if (!img)
		return FPC_ERR_NOMEM;
	w = (int)(d->w * scale) + 40;
	if (w < 600)
		w = 600;
	h = (int)(d->h * scale) + 40 + 90;
	page = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cr = cairo_create(page);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	fpc_draw_font(cr, 14);
	cairo_set_source_rgb(cr, 0, 0, 0);
	snprintf(title, sizeof(title), "%s",
		 pic == FPC_PICTURE_ULP	     ? "ulp distance between A and B"
		 : pic == FPC_PICTURE_SIGNED ? "signed difference A - B"
					     : "special-value mismatches");
	cairo_move_to(cr, 20, 24);
	cairo_show_text(cr, title);
	cairo_set_source_surface(cr, img, (w - (int)(d->w * scale)) / 2.0, 34);
	cairo_paint(cr);
	fpc_draw_font(cr, 12);
	legend(cr, d, pic, 40, w - 40.0, 34 + d->h * scale + 14);
	/* cairo stops drawing at its first error: never write half a
	 * picture */
	err = cairo_status(cr) || cairo_surface_status(page)
		  ? FPC_ERR_NOMEM
		  : fpc_draw_write_png(page, f, text, ntext);
	cairo_destroy(cr);
	cairo_surface_destroy(img);
	cairo_surface_destroy(page);
	return err;
}

/* ---- statistics -----------------------------------------------------------
 */

void fpc_imgdiff_write_text(FILE *f, const struct fpc_imgdiff *d)
{
	static const char ch[3] = {'R', 'G', 'B'};
	double same =
	    d->pixels ? 100.0 * (double)d->identical / (double)d->pixels : 100;

	fprintf(f, "size             %ux%u (%s values)\n", (unsigned)d->w,
		(unsigned)d->h,
		d->format == FPC_FMT_BINARY64 ? "double" : "float");
	fprintf(f, "identical pixels %llu of %llu (%.2f%%)\n",
		(unsigned long long)d->identical, (unsigned long long)d->pixels,
		same);
	fprintf(f, "differing values %llu of %llu\n",
		(unsigned long long)d->differ, (unsigned long long)d->values);
	for (int c = 0; c < 3; c++)
		fprintf(f,
			"%c                max |A-B| %-12.6g mean |A-B| %.6g\n",
			ch[c], d->max_abs[c], d->mean_abs[c]);
	if (d->max_ulp)
		fprintf(f, "max ulp distance %llu at (x %u, y %u, %c)\n",
			(unsigned long long)d->max_ulp, (unsigned)d->max_x,
			(unsigned)d->max_y, ch[d->max_c]);
	else
		fprintf(f, "max ulp distance 0\n");
	fprintf(f, "RMSE             %.6g\n", d->rmse);
	if (isinf(d->psnr))
		fprintf(f, "PSNR             inf (no numeric difference)\n");
	else
		fprintf(f, "PSNR             %.2f dB (peak 1)\n", d->psnr);
	for (int k = 0; k < FPC_SPECIAL_COUNT; k++)
		if (d->special[k])
			fprintf(f, "special          %s: %llu values\n",
				fpc_imgdiff_special_name(
				    (enum fpc_imgdiff_special)k),
				(unsigned long long)d->special[k]);
}

static void json_num(FILE *f, double x)
{
	if (isfinite(x))
		fprintf(f, "%.17g", x);
	else
		fputs("null", f);
}

void fpc_imgdiff_write_json(FILE *f, const struct fpc_imgdiff *d, const char *a,
			    const char *b, int within)
{
	static const char *const keys[FPC_SPECIAL_COUNT] = {
	    "nan_mismatch", "inf_mismatch", "zero_sign", "subnormal_vs_zero",
	    "nan_bits"};

	fprintf(f, "{\"schema\": \"fpcheck-imgdiff\", \"version\": 1, \"a\": ");
	fpc_json_string(f, a);
	fputs(", \"b\": ", f);
	fpc_json_string(f, b);
	fprintf(f, ", \"width\": %u, \"height\": %u, \"format\": \"%s\"",
		(unsigned)d->w, (unsigned)d->h,
		d->format == FPC_FMT_BINARY64 ? "double" : "float");
	fprintf(f, ", \"pixels\": %llu, \"identical_pixels\": %llu",
		(unsigned long long)d->pixels,
		(unsigned long long)d->identical);
	fputs(", \"identical_share\": ", f);
	json_num(f, d->pixels ? (double)d->identical / (double)d->pixels : 1);
	fprintf(f, ", \"differing_values\": %llu",
		(unsigned long long)d->differ);
	fputs(", \"channels\": [", f);
	for (int c = 0; c < 3; c++) {
		fprintf(f,
			"%s{\"channel\": \"%c\", \"max_abs\": ", c ? ", " : "",
			"RGB"[c]);
		json_num(f, d->max_abs[c]);
		fputs(", \"mean_abs\": ", f);
		json_num(f, d->mean_abs[c]);
		fputc('}', f);
	}
	fprintf(f, "], \"max_ulp\": %llu, \"max_ulp_at\": ",
		(unsigned long long)d->max_ulp);
	if (d->max_ulp)
		fprintf(f, "{\"x\": %u, \"y\": %u, \"channel\": \"%c\"}",
			(unsigned)d->max_x, (unsigned)d->max_y,
			"RGB"[d->max_c]);
	else
		fputs("null", f);
	fputs(", \"rmse\": ", f);
	json_num(f, d->rmse);
	fputs(", \"psnr_db\": ", f);
	json_num(f, d->psnr);
	fputs(", \"special\": {", f);
	for (int k = 0; k < FPC_SPECIAL_COUNT; k++)
		fprintf(f, "%s\"%s\": %llu", k ? ", " : "", keys[k],
			(unsigned long long)d->special[k]);
	fprintf(f, "}, \"within\": %s}\n", within ? "true" : "false");
}
