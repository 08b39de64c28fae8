/*
 * Error plots and the kernels x configurations heatmap (see
 * fpcheck/plot.h).  Layout is computed from measured text, so that tick
 * labels never overlap whatever the range: an axis takes the densest
 * ticks whose labels keep a gap between them.
 */
#include "fpcheck/plot.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "draw.h"
#include "fpcheck/error.h"
#include "fpcheck/catalog.h"
#include "fpcheck/record.h"
#include "fpcheck/report.h"
#include "fpcheck/ulp.h"

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
/* An exponent's baseline is raised by this fraction of its base's size,
 * with SUP_GAP pixels between the two. */
#define SUP_RAISE 0.42
#define SUP_GAP	  1
/* Least gap between two tick labels, pixels. */
#define TICK_GAP 12
/* Above this many binades between the smallest and largest nonzero |x|
 * a linear axis crowds most inputs into a few pixels: the x axis turns
 * signed logarithmic. */
#define LOG_BINADES 4

/* Colours, 0xRRGGBB.  Outcomes: viridis' blue for correct rounding, an
 * orange that stays distinct from it for colour blind readers, and a
 * magenta drawn as triangles (shape tells it apart too). */
#define C_TEXT	   0x222222
#define C_MUTED	   0x555555
#define C_GRID	   0xe6e6e6
#define C_FRAME	   0x888888
#define C_CR	   0x3b528b
#define C_MIS	   0xe66100
#define C_SPECIAL  0xc2187a
#define C_NO_TRUTH 0xcfcfcf
#define C_ABSENT   0xeeeeee

/* Records overlaid in one plot: Okabe and Ito's colour-blind safe
 * palette, without its yellow (unreadable on white), plus a wine.
 * Records with the same bits share one; beyond these, colours come
 * round again as rings. */
#define COLOURS 8
static const uint32_t series_colour[COLOURS] = {
    0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7,
    0xe69f00, 0x56b4e9, 0x000000, 0x882255,
};

static void colour(cairo_t *cr, uint32_t c, double alpha)
{
	cairo_set_source_rgba(cr, (c >> 16 & 0xff) / 255.0,
			      (c >> 8 & 0xff) / 255.0, (c & 0xff) / 255.0,
			      alpha);
}

/* ---- text ---------------------------------------------------------- */

enum align { LEFT, CENTRE, RIGHT };

static void bold_font(cairo_t *cr, double px)
{
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_font_size(cr, px);
}

/*
 * Measures, and with draw set draws, label s at size px with its
 * baseline at y, aligned on x.  "a^b" shows b as an exponent of a.
 * Returns the width.
 */
static double label(cairo_t *cr, double px, double x, double y, enum align al,
		    const char *s, int draw)
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

static double text_width(cairo_t *cr, const char *s)
{
	cairo_text_extents_t e;

	cairo_text_extents(cr, s, &e);
	return e.x_advance;
}

static void text(cairo_t *cr, double x, double y, enum align al, const char *s)
{
	double w = text_width(cr, s);

	cairo_move_to(cr, x - (al == CENTRE ? w / 2 : al == RIGHT ? w : 0), y);
	cairo_show_text(cr, s);
}

/* s, cut at a character boundary and ended with an ellipsis when wider
 * than maxw in the current font, into out. */
static void fit(cairo_t *cr, const char *s, double maxw, char *out, size_t len)
{
	size_t n = strlen(s);

	snprintf(out, len, "%s", s);
	if (n < len && text_width(cr, out) <= maxw)
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
		if (text_width(cr, out) <= maxw)
			return;
	}
}

/* ---- numbers --------------------------------------------------------- */

/* 1, 2 or 5 times a power of ten, at least x (x > 0). */
static double nice_up(double x)
{
	double p = pow(10, floor(log10(x))), m = x / p;

	return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/* "1e-5", "2.5e6": %e without the plus sign and leading zeros. */
static void exp_notation(char *buf, size_t len, double v, int digits)
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

/* A tick label for v on an axis whose ticks are step apart, with a true
 * minus sign. */
static void tick_number(char *buf, size_t len, double v, double step,
			double maxabs)
{
	char tmp[24];

	if (v == 0) {
		snprintf(buf, len, "0");
		return;
	}
	if (maxabs < 1e6 && step >= 1e-4) {
		int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
		snprintf(tmp, sizeof(tmp), "%.*f", dec, fabs(v));
	} else {
		int digits = (int)(floor(log10(fabs(v))) - floor(log10(step)));
		exp_notation(tmp, sizeof(tmp), fabs(v),
			     digits < 0	  ? 0
			     : digits > 3 ? 3
					  : digits);
	}
	snprintf(buf, len, "%s%s", v < 0 ? "\u2212" : "", tmp);
}

/* A max error in at most 5 characters, for a heatmap cell: "0.5" only
 * when it is exactly 1/2 (as fpc_format_ulps). */
static void cell_number(char *buf, size_t len, double u)
{
	if (u >= 99999.5)
		exp_notation(buf, len, u, 0);
	else if (u >= 999.5)
		snprintf(buf, len, "%.0f", u);
	else
		snprintf(buf, len, "%.3g", u);
	if (!strcmp(buf, "0.5") && u != 0.5)
		snprintf(buf, len, u > 0.5 ? ">0.5" : "<0.5");
}

/* ---- axes ------------------------------------------------------------ */

/*
 * An axis maps values to positions, then positions linearly to pixels.
 *
 * Signed logarithmic (x): position sign(x) * (log2|x| - L + 1) for
 * |x| >= 2^L and x / 2^L below, so that each binade from 2^L up takes one
 * unit, the binades below 2^L are squeezed into the unit around zero,
 * and the map is continuous and odd.
 *
 * Logarithmic above 1 (errors): position e * U up to 1 ulp, then
 * U + log10(e): zero and the 1/2 ulp of correct rounding keep a linear
 * stretch U decades high at the bottom, and errors of any size fit.
 */
enum scale { LINEAR, SYMLOG2, LOG_ABOVE_1 };

struct axis {
	enum scale kind;
	int L;	       /* SYMLOG2: linear for |x| < 2^L */
	double U;      /* LOG_ABOVE_1: height of [0, 1], in decades */
	double lo, hi; /* ends, as positions */
	double p0, p1; /* ends, in pixels */
};

static double position(const struct axis *a, double v)
{
	switch (a->kind) {
	case SYMLOG2:
		if (fabs(v) < ldexp(1, a->L))
			return ldexp(v, -a->L);
		return copysign(log2(fabs(v)) - a->L + 1, v);
	case LOG_ABOVE_1:
		return v <= 1 ? v * a->U : a->U + log10(v);
	default:
		return v;
	}
}

static double pixel(const struct axis *a, double v)
{
	return a->p0 +
	       (position(a, v) - a->lo) / (a->hi - a->lo) * (a->p1 - a->p0);
}

#define MAX_TICKS 48
struct ticks {
	size_t n;
	double v[MAX_TICKS];
	char label[MAX_TICKS][40];
};

/* Ticks every step from lo to hi. */
static void linear_ticks(struct ticks *t, double lo, double hi, double step)
{
	double first = ceil(lo / step), maxabs = fmax(fabs(lo), fabs(hi));

	t->n = 0;
	for (double i = first; t->n < MAX_TICKS; i++) {
		double v = i * step;
		if (v > hi + step * 1e-9)
			break;
		if (fabs(v) < step * 1e-9)
			v = 0;
		t->v[t->n] = v;
		tick_number(t->label[t->n], sizeof(t->label[0]), v, step,
			    maxabs);
		t->n++;
	}
}

static void pow2_label(char *buf, size_t len, int negative, int e)
{
	const char *minus = negative ? "\u2212" : "";

	if (e == 0 || e == 1)
		snprintf(buf, len, "%s%d", minus, e ? 2 : 1);
	else if (e < 0)
		snprintf(buf, len, "%s2^\u2212%d", minus, -e);
	else
		snprintf(buf, len, "%s2^%d", minus, e);
}

/* On a signed log axis: 0 when in range, and +-2^e for the multiples e
 * of step binades from 2^L up, in value order.  Returns 0 when they
 * would be more than MAX_TICKS (too dense to label anyway). */
static int log_ticks(struct ticks *t, const struct axis *a, int step)
{
	int first = a->L >= 0 ? (a->L + step - 1) / step * step
			      : -(-a->L / step * step);

	t->n = 0;
	/* negative side, from the largest magnitude */
	for (int e = (DBL_MAX_EXP - 1) / step * step; e >= first; e -= step) {
		double p = position(a, -ldexp(1, e));
		if (p < a->lo || p > a->hi)
			continue;
		if (t->n == MAX_TICKS)
			return 0;
		t->v[t->n] = -ldexp(1, e);
		pow2_label(t->label[t->n++], sizeof(t->label[0]), 1, e);
	}
	if (a->lo <= 0 && a->hi >= 0) {
		if (t->n == MAX_TICKS)
			return 0;
		t->v[t->n] = 0;
		snprintf(t->label[t->n++], sizeof(t->label[0]), "0");
	}
	for (int e = first; e <= DBL_MAX_EXP - 1; e += step) {
		double p = position(a, ldexp(1, e));
		if (p < a->lo || p > a->hi)
			continue;
		if (t->n == MAX_TICKS)
			return 0;
		t->v[t->n] = ldexp(1, e);
		pow2_label(t->label[t->n++], sizeof(t->label[0]), 0, e);
	}
	return 1;
}

/*
 * Keeps the ticks of t whose labels on a horizontal axis stay TICK_GAP
 * apart.  Strict: returns 0, t unchanged, as soon as two labels would
 * collide; else drops the later of two.  On a log axis a power of two
 * too near the "0" label is always dropped: the linear unit around zero
 * is narrow by design.  Returns whether at least two ticks remain.
 */
static int ticks_fit_x(cairo_t *cr, const struct axis *a, struct ticks *t,
		       int strict)
{
	struct ticks kept;
	double prev_right = -INFINITY, zero_l = NAN, zero_r = NAN;

	kept.n = 0;
	for (size_t i = 0; i < t->n; i++)
		if (a->kind == SYMLOG2 && t->v[i] == 0) {
			double w = label(cr, FONT_TEXT, 0, 0, LEFT, "0", 0);
			zero_l = pixel(a, 0) - w / 2 - TICK_GAP;
			zero_r = pixel(a, 0) + w / 2 + TICK_GAP;
		}
	for (size_t i = 0; i < t->n; i++) {
		double x = pixel(a, t->v[i]);
		double w = label(cr, FONT_TEXT, 0, 0, LEFT, t->label[i], 0);
		/* +-2^e alike: as wide as the label with a minus sign */
		double wz = w + (t->v[i] > 0 ? text_width(cr, "\u2212") : 0);
		if (t->v[i] != 0 && x + wz / 2 > zero_l && x - wz / 2 < zero_r)
			continue;
		if (x - w / 2 < prev_right + TICK_GAP) {
			if (strict)
				return 0;
			continue;
		}
		prev_right = x + w / 2;
		kept.v[kept.n] = t->v[i];
		memcpy(kept.label[kept.n++], t->label[i], sizeof(t->label[0]));
	}
	if (strict && kept.n < 2)
		return 0;
	*t = kept;
	return kept.n >= 2;
}

/* ---- one kernel's errors, read from records -------------------------- */

enum { CAT_CR, CAT_MIS, CAT_SPECIAL, NCAT };

struct point {
	double x, err; /* err: |error| in ulps (0 for CAT_SPECIAL) */
	uint8_t cat;
};

struct series {
	const char *path;
	char name[128];
	struct fpc_prov prov;
	uint32_t n;
	struct point *p; /* the inputs that can be placed */
	size_t np;
	uint32_t count[NCAT];
	uint32_t hidden, hidden_bad; /* infinite or NaN x, of them wrong */
	double max_err;
	uint64_t in_hash, out_hash;
	size_t same_as; /* an earlier series with the same bits, or SIZE_MAX */
	size_t group;	/* of those with other bits, the how-manieth */
};

static void record_detail(char *detail, size_t len, const char *path, int err,
			  int errnum)
{
	if (err == FPC_ERR_IO && errnum == ENOENT)
		snprintf(detail, len, "cannot open '%s': %s", path,
			 strerror(errnum));
	else if (err == FPC_ERR_IO)
		snprintf(detail, len, "%s: %s", path, strerror(errnum));
	else
		snprintf(detail, len, "%s: %s", path, fpc_strerror(err));
}

static void points(struct series *s, const struct fpc_kernel *k,
		   const struct fpc_kdata *kd, const struct fpc_truth *t)
{
	unsigned f = k->format;

	for (uint32_t i = 0; i < kd->n; i++) {
		uint64_t y = kd->out[i], cr = t->cr[i];
		enum fpc_outcome o = fpc_ulp_classify(f, y, cr);
		struct point p = {0, 0, CAT_SPECIAL};

		p.x = k->fn->arity >= 3 ? (double)i
					: fpc_bits_value(f, kd->in[0][i]);
		if (o == FPC_OUT_NUMERIC ||
		    (o == FPC_OUT_CR && isfinite(fpc_bits_value(f, y)))) {
			p.err =
			    fabs(fpc_ulp_error(f, y, cr, t->off[i], t->ue[i]));
			p.cat = o == FPC_OUT_CR ? CAT_CR : CAT_MIS;
		} else if (o == FPC_OUT_CR) {
			/* the infinity or NaN that was due: correct, and
			 * shown at error 0 with the correct results */
			p.cat = CAT_CR;
		}
		if (!isfinite(p.x)) {
			s->hidden++;
			s->hidden_bad += p.cat != CAT_CR;
			continue;
		}
		s->count[p.cat]++;
		if (p.cat != CAT_SPECIAL && p.err > s->max_err)
			s->max_err = p.err;
		s->p[s->np++] = p;
	}
}

/* The points of kernel data kd against truth t, and what tells records
 * with the same bits (a 64-bit hash of inputs and outputs). */
static int fill_series(struct series *s, const struct fpc_kernel *k,
		       const struct fpc_kdata *kd, const struct fpc_truth *t)
{
	s->n = kd->n;
	if (!(s->p = malloc((kd->n ? kd->n : 1) * sizeof(*s->p))))
		return FPC_ERR_NOMEM;
	points(s, k, kd, t);
	s->in_hash = fpc_kdata_hash(FPC_FNV1A64_INIT, kd);
	s->out_hash = FPC_FNV1A64_INIT;
	for (uint32_t i = 0; i < kd->n; i++)
		s->out_hash =
		    fpc_fnv1a64(s->out_hash, &kd->out[i], sizeof(kd->out[i]));
	return 0;
}

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

/* Reads kernel k of series s's record into kd, and the record's
 * provenance into s. */
static int read_kernel(struct series *s, const struct fpc_kernel *k,
		       struct fpc_kdata *kd, char *detail, size_t detail_len)
{
	struct fpc_record rec;
	int rc, errnum;

	if ((rc = fpc_record_open(&rec, s->path))) {
		record_detail(detail, detail_len, s->path, rc, errno);
		return rc;
	}
	s->prov = rec.prov;
	memset(&rec.prov, 0, sizeof(rec.prov));
	/* Streamed: every other kernel is released as soon as it is read. */
	while ((rc = fpc_record_next(&rec, kd)) > 0) {
		if (!strcmp(kd->name, k->name))
			break;
		fpc_kdata_release(kd);
	}
	errnum = errno;
	fpc_record_close(&rec);
	if (rc < 0) {
		record_detail(detail, detail_len, s->path, rc, errnum);
		return rc;
	}
	if (rc == 0) {
		snprintf(detail, detail_len, "%s: no kernel '%s' in the record",
			 s->path, k->name);
		return FPC_ERR_UNKNOWN;
	}
	return 0;
}

/*
 * Reads kernel k of series s's record and its points.  prev and t hold
 * the inputs and truth of the previous record's kernel, reused when the
 * inputs are the same and replaced otherwise.
 */
static int read_series(struct series *s, const struct fpc_kernel *k,
		       const struct fpc_truth_options *o,
		       struct fpc_kdata *prev, struct fpc_truth *t,
		       char *detail, size_t detail_len)
{
	struct fpc_kdata kd;
	int rc, hit, fresh = 0;

	if ((rc = read_kernel(s, k, &kd, detail, detail_len)))
		return rc;
	if (kd.in_format != k->format || kd.out_format != k->format ||
	    kd.arity != k->fn->arity) {
		snprintf(detail, detail_len,
			 "%s: kernel '%s' has the wrong formats or arity",
			 s->path, kd.name);
		rc = FPC_ERR_FORMAT;
		goto out;
	}
	if (!prev->in[0] || !fpc_kdata_same_inputs(&kd, prev)) {
		fpc_truth_release(t);
		if ((rc = fpc_truth_get(k, &kd, o, t, &hit))) {
			snprintf(detail, detail_len,
				 "%s: no truth for '%s': %s", s->path, kd.name,
				 fpc_strerror(rc));
			goto out;
		}
		fresh = 1;
	}
	rc = fill_series(s, k, &kd, t);
out:
	if (fresh) {
		/* kd's inputs are those t belongs to from now on */
		fpc_kdata_release(prev);
		*prev = kd;
	} else {
		fpc_kdata_release(&kd);
	}
	return rc;
}

/* ---- drawing the error plot ----------------------------------------- */

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

		fit(cr, l->s[i], x1 - x0 - mark, s, sizeof(s));
		w = (l->m[i] != M_NONE ? mark : 0) + text_width(cr, s);
		if (x > x0 && x + w > x1) {
			x = x0;
			y += row;
		}
		if (draw) {
			double tx = x;
			if (l->m[i] != M_NONE) {
				colour(cr, l->c[i], 1);
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
			colour(cr, l->m[i] == M_NONE ? C_MUTED : C_TEXT, 1);
			text(cr, tx, y, LEFT, s);
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

/* What the x axis is chosen for: the least and largest x, and the least
 * and largest nonzero |x| (amax 0 when there is none). */
struct extent {
	double xmin, xmax, amin, amax;
};

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

/* The x axis' kind, linear or signed log, and its ends: the extent e
 * (or around the one value) with a little room either side. */
static void x_range(struct axis *a, struct extent e, int by_index)
{
	double pad;

	if (e.xmin > e.xmax)
		e.xmin = e.xmax = 0;
	/* (a linear span beyond the double range, as from -DBL_MAX to
	 * DBL_MAX, is drawn on the log axis too) */
	a->kind = !by_index && e.amax > 0 &&
			  (log2(e.amax) - log2(e.amin) > LOG_BINADES ||
			   !isfinite(e.xmax - e.xmin))
		      ? SYMLOG2
		      : LINEAR;
	if (a->kind == SYMLOG2) {
		a->L = (int)floor(log2(e.amin));
		a->lo = position(a, e.xmin);
		a->hi = position(a, e.xmax);
		if (e.xmin < 0 && e.xmax > 0) {
			/* zero in the middle, both signs alike */
			a->hi = fmax(-a->lo, a->hi);
			a->lo = -a->hi;
		}
		if (e.xmin == 0)
			a->lo = 0;
	} else {
		a->lo = e.xmin;
		a->hi = e.xmax;
	}
	if (!(a->hi > a->lo)) {
		double d = a->lo == 0 ? 1 : fabs(a->lo) / 2;
		a->lo -= d;
		a->hi += d;
	}
	pad = (a->hi - a->lo) * 0.03;
	a->lo -= pad;
	a->hi += pad;
}

/* The x axis' ticks: the densest whose labels fit, powers of two every
 * few binades on a signed log axis, 1, 2 or 5 times a power of ten on a
 * linear one (whole numbers when x is the input number). */
static void x_ticks(cairo_t *cr, const struct axis *a, struct ticks *t,
		    int by_index)
{
	if (a->kind == SYMLOG2) {
		static const int steps[] = {1,	2,   4,	  5,   10,  20,
					    50, 100, 200, 250, 500, 1000};
		size_t ns = sizeof(steps) / sizeof(steps[0]);
		for (size_t i = 0; i < ns; i++) {
			if (log_ticks(t, a, steps[i]) &&
			    ticks_fit_x(cr, a, t, 1))
				return;
		}
		/* too narrow for any: the sparsest, thinned */
		log_ticks(t, a, steps[ns - 1]);
	} else {
		for (int want = 12; want >= 2; want--) {
			double step = nice_up((a->hi - a->lo) / want);
			if (by_index && step < 1)
				step = 1;
			linear_ticks(t, a->lo, a->hi, step);
			if (ticks_fit_x(cr, a, t, 1))
				return;
		}
	}
	ticks_fit_x(cr, a, t, 0);
}

/* The x axis for extent e: range, kind (linear or signed log) and
 * ticks. */
static void x_axis(cairo_t *cr, struct axis *a, struct ticks *t,
		   const struct extent *e, int by_index)
{
	x_range(a, *e, by_index);
	x_ticks(cr, a, t, by_index);
}

/* Errors above this many ulps would flatten everything else on a linear
 * axis (the 1/2 ulp line under 1/200 of the height): the y axis turns
 * logarithmic above 1 ulp. */
#define LINEAR_MAX_ERR 100
/* Least distance between two y tick labels, in lines of text. */
#define Y_TICK_LINES 1.8

/* "10^k" for a decade, "10", "100" and "1000" spelt out. */
static void decade_label(char *buf, size_t len, int k)
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

/* The y axis from 0, past the largest error and at least to 1 ulp so
 * that the 1/2 ulp line sits inside: linear ending on a tick, or
 * logarithmic above 1 ulp ending on a decade. */
static void y_axis(struct axis *a, struct ticks *t, double max_err)
{
	double height = a->p0 - a->p1, room = FONT_TEXT * Y_TICK_LINES;

	a->lo = 0;
	if (max_err > LINEAR_MAX_ERR) {
		static const int steps[] = {1, 2, 3, 5, 10, 20, 50, 100};
		/* a decade, with room above the largest for a whole dot */
		int top = (int)ceil(log10(max_err) + 0.15), step = steps[7];
		/* [0, 1] takes about a fifth of the height */
		a->kind = LOG_ABOVE_1;
		a->U = fmax(1, top * 0.28);
		a->hi = a->U + top;
		for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
			if (height * steps[i] / a->hi >= room) {
				step = steps[i];
				break;
			}
		t->n = 0;
		t->v[t->n] = 0;
		snprintf(t->label[t->n++], sizeof(t->label[0]), "0");
		if (height * a->U / 2 / a->hi >= room) {
			t->v[t->n] = 0.5;
			snprintf(t->label[t->n++], sizeof(t->label[0]), "0.5");
		}
		for (int k = 0; k <= top && t->n < MAX_TICKS; k += step) {
			if (k == 0 && height * a->U / a->hi < room)
				continue; /* 1 would touch 0 */
			t->v[t->n] = pow(10, k);
			decade_label(t->label[t->n++], sizeof(t->label[0]), k);
		}
		return;
	}
	{
		double top = fmax(1, max_err * 1.06), step = 1;
		for (int want = 10; want >= 2; want--) {
			step = nice_up(top / want);
			if (height / (top / step) >= room)
				break;
		}
		a->kind = LINEAR;
		a->hi = ceil(top / step) * step;
		linear_ticks(t, 0, a->hi, step);
	}
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
	fit(cr, "correctly rounded: \u2264 0.5 ulp", ax->p1 - ax->p0 - HALF_FIT,
	    l, sizeof(l));
	tw = text_width(cr, l) + 2 * HALF_PAD;
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
			px = pixel(ax, p->x);
			py = pixel(ay, p->err);
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
	colour(cr, C_TEXT, 1);
	text(cr, bx[best] + HALF_PAD, y - HALF_BASE, LEFT, l);
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
	colour(cr, C_TEXT, 1);
	bold_font(cr, FONT_TITLE);
	fit(cr, title, p->w - 2 * MARGIN, buf, sizeof(buf));
	text(cr, MARGIN, TITLE_BASE, LEFT, buf);
	provenance(sub, sub_len, p->s, p->n);
	fpc_draw_font(cr, FONT_TEXT);
	colour(cr, C_MUTED, 1);
	fit(cr, sub, p->w - 2 * MARGIN, buf, sizeof(buf));
	text(cr, MARGIN, SUB_BASE, LEFT, buf);
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
	y_axis(&p->ay, &p->yt, p->max_err);
	for (size_t i = 0; i < p->yt.n; i++)
		ylabel_w = fmax(ylabel_w, label(p->cr, FONT_TEXT, 0, 0, LEFT,
						p->yt.label[i], 0));
	if (p->band)
		ylabel_w = fmax(ylabel_w, text_width(p->cr, "special"));
	p->left = MARGIN + FONT_TEXT + Y_TITLE_GAP + ylabel_w + Y_LABEL_GAP;
	p->right = p->w - MARGIN - RIGHT_PAD;
	if (p->right - p->left < MIN_PLOT_W)
		return FPC_ERR_ARG;
	p->ax.p0 = p->left;
	p->ax.p1 = p->right;
	e = x_extent(p->s, p->n);
	x_axis(p->cr, &p->ax, &p->xt, &e, p->by_index);
	return 0;
}

/* Grid, ticks and their labels, and the frame. */
static void draw_grid(struct errplot *p)
{
	cairo_t *cr = p->cr;

	cairo_set_line_width(cr, 1);
	colour(cr, C_GRID, 1);
	for (size_t i = 0; i < p->xt.n; i++) {
		double x = floor(pixel(&p->ax, p->xt.v[i])) + 0.5;
		cairo_move_to(cr, x, p->top);
		cairo_line_to(cr, x, p->bottom);
	}
	for (size_t i = 0; i < p->yt.n; i++) {
		double y = floor(pixel(&p->ay, p->yt.v[i])) + 0.5;
		cairo_move_to(cr, p->left, y);
		cairo_line_to(cr, p->right, y);
	}
	cairo_stroke(cr);
	colour(cr, C_TEXT, 1);
	for (size_t i = 0; i < p->xt.n; i++)
		label(cr, FONT_TEXT, pixel(&p->ax, p->xt.v[i]),
		      p->bottom + X_LABEL_BASE, CENTRE, p->xt.label[i], 1);
	for (size_t i = 0; i < p->yt.n; i++)
		label(cr, FONT_TEXT, p->left - Y_LABEL_END,
		      pixel(&p->ay, p->yt.v[i]) + TEXT_DROP, RIGHT,
		      p->yt.label[i], 1);
	colour(cr, C_FRAME, 1);
	cairo_rectangle(cr, p->left + 0.5, p->top + 0.5, p->right - p->left - 1,
			p->bottom - p->top - 1);
	cairo_stroke(cr);
}

static void draw_axis_titles(struct errplot *p)
{
	cairo_t *cr = p->cr;
	char buf[256];

	colour(cr, C_TEXT, 1);
	snprintf(buf, sizeof(buf), "%s%s",
		 p->by_index		? "input number"
		 : p->k->fn->arity == 2 ? "x (first argument)"
					: "x",
		 p->ax.kind == SYMLOG2 ? ", signed log scale" : "");
	text(cr, (p->left + p->right) / 2, p->h - X_TITLE_ABOVE, CENTRE, buf);
	cairo_save(cr);
	cairo_translate(cr, MARGIN + FONT_TEXT - Y_TITLE_INSET,
			(p->top + p->bottom) / 2);
	cairo_rotate(cr, -M_PI / 2);
	fit(cr,
	    p->ay.kind == LOG_ABOVE_1 ? "|error| in ulps (log scale above 1)"
				      : "|error| in ulps",
	    p->bottom - p->top + p->band, buf, sizeof(buf));
	text(cr, 0, 0, CENTRE, buf);
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
		colour(cr, cat == CAT_CR ? C_CR : C_MIS,
		       cat == CAT_CR ? 0.55 : 0.95);
	} else {
		colour(cr, series_colour[s->group % COLOURS], 1);
		ri *= 1.5 - 0.6 * (double)s->group / (double)(p->groups - 1);
		ring = s->group >= COLOURS;
	}
	for (size_t j = 0; j < s->np; j++) {
		const struct point *pt = &s->p[j];
		double x = pixel(&p->ax, pt->x);
		double y = pixel(&p->ay, pt->err);
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
	double y = floor(pixel(&p->ay, 0.5)) + 0.5;

	colour(cr, C_TEXT, 0.8);
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

	colour(cr, C_MUTED, 1);
	text(cr, p->left - Y_LABEL_END, y + TEXT_DROP, RIGHT, "special");
	memset(p->seen, 0, (size_t)p->pw);
	for (size_t i = 0; i < p->n; i++) {
		const struct series *s = &p->s[i];
		if (s->same_as != SIZE_MAX)
			continue;
		colour(cr,
		       p->by_outcome ? C_SPECIAL
				     : series_colour[s->group % COLOURS],
		       0.9);
		for (size_t j = 0; j < s->np; j++) {
			double x;
			if (s->p[j].cat != CAT_SPECIAL)
				continue;
			x = pixel(&p->ax, s->p[j].x);
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
	half_label(cr, &p.ax, &p.ay, s, n, floor(pixel(&p.ay, 0.5)) + 0.5);
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

/* ---- PNG ------------------------------------------------------------- */

static int write_png(cairo_surface_t *surf, FILE *f, const char *title,
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

static cairo_surface_t *surface(int w, int h, cairo_t **cr)
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

/* The strings one per line, for the "Source" chunk. */
static char *join_lines(const char *const *v, size_t n)
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

static void default_name(char *buf, size_t len, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t n = strlen(base);

	if (n > 4 && !strcmp(base + n - 4, ".rec"))
		n -= 4;
	snprintf(buf, len, "%.*s", (int)n, base);
}

/* What every error plot checks first; detail says what is wrong. */
static int check_plot(const struct fpc_kernel *k, size_t n, int w, int h,
		      char *detail, size_t detail_len)
{
	if (!FPC_HAS_TRUTH(k->fn)) {
		snprintf(detail, detail_len,
			 "'%s' has no truth to plot errors against", k->name);
		return FPC_ERR_ARG;
	}
	if (n == 0 || n > FPC_PLOT_SERIES) {
		snprintf(detail, detail_len,
			 "one plot shows 1 to %d records, not %lu",
			 FPC_PLOT_SERIES, (unsigned long)n);
		return FPC_ERR_ARG;
	}
	if (w < FPC_PLOT_MIN || w > FPC_PLOT_MAX || h < FPC_PLOT_MIN ||
	    h > FPC_PLOT_MAX) {
		snprintf(detail, detail_len,
			 "a plot is %d to %d pixels on each side, not %dx%d",
			 FPC_PLOT_MIN, FPC_PLOT_MAX, w, h);
		return FPC_ERR_ARG;
	}
	return 0;
}

/* 0 when cairo drew everything asked; else cairo stopped at an error
 * (after which it draws nothing) and detail says which. */
static int drawn(cairo_t *cr, char *detail, size_t detail_len)
{
	cairo_status_t st = cairo_status(cr);

	if (st == CAIRO_STATUS_SUCCESS)
		return 0;
	snprintf(detail, detail_len, "cannot draw the plot: %s",
		 cairo_status_to_string(st));
	return st == CAIRO_STATUS_NO_MEMORY ? FPC_ERR_NOMEM : FPC_ERR_FORMAT;
}

/* Draws the series of kernel k and writes the PNG, with source for its
 * "Source" chunk. */
static int plot_series(FILE *f, const struct fpc_kernel *k, struct series *s,
		       size_t n, int w, int h, const char *source, char *detail,
		       size_t detail_len)
{
	cairo_surface_t *surf;
	cairo_t *cr = NULL;
	char title[160], sub[512];
	size_t groups = group_series(s, n);
	int err;

	snprintf(title, sizeof(title), "%s (%s): error in ulps", k->name,
		 fpc_format_name(k->format));
	if (!(surf = surface(w, h, &cr)))
		return FPC_ERR_NOMEM;
	err = draw_errors(cr, w, h, k, s, n, groups, title, sub, sizeof(sub));
	if (err == FPC_ERR_ARG)
		snprintf(detail, detail_len, "%dx%d is too small for the plot",
			 w, h);
	if (!err && (err = drawn(cr, detail, detail_len)))
		goto out;
	if (!err)
		err = write_png(surf, f, title, source, sub);
out:
	cairo_destroy(cr);
	cairo_surface_destroy(surf);
	return err;
}

static void release_series(struct series *s, size_t n)
{
	for (size_t i = 0; s && i < n; i++) {
		fpc_prov_release(&s[i].prov);
		free(s[i].p);
	}
	free(s);
}

/* FPC_ERR_UNKNOWN with detail saying why kernel is no kernel of the
 * record, or FPC_ERR_NOMEM.  fpc_kernel_select words the message, with a
 * suggestion; a selection such as "double" is not one kernel either. */
static int unknown_kernel(const char *kernel, char *detail, size_t detail_len)
{
	const struct fpc_kernel **sel =
	    calloc(fpc_kernel_count(), sizeof(*sel));
	size_t nsel;

	if (!sel)
		return FPC_ERR_NOMEM;
	if (!fpc_kernel_select(kernel, sel, &nsel, detail, detail_len) ||
	    !*detail)
		snprintf(detail, detail_len,
			 "unknown function '%s' (a plot shows one kernel)",
			 kernel);
	free(sel);
	return FPC_ERR_UNKNOWN;
}

int fpc_plot_errors_multi(FILE *f, const char *const *paths,
			  const char *const *names, size_t n,
			  const char *kernel, const struct fpc_truth_options *o,
			  int w, int h, char *detail, size_t detail_len)
{
	const struct fpc_kernel *k =
	    n ? fpc_record_kernel(paths[0], kernel) : NULL;
	struct series *s = NULL;
	struct fpc_kdata prev = {0};
	struct fpc_truth t = {0};
	char *source = NULL;
	int err = 0;

	*detail = 0;
	if (!k)
		return unknown_kernel(kernel, detail, detail_len);
	if ((err = check_plot(k, n, w, h, detail, detail_len)))
		return err;
	if (!(s = calloc(n, sizeof(*s))))
		return FPC_ERR_NOMEM;
	for (size_t i = 0; i < n && !err; i++) {
		s[i].path = paths[i];
		if (names && names[i])
			snprintf(s[i].name, sizeof(s[i].name), "%s", names[i]);
		else
			default_name(s[i].name, sizeof(s[i].name), paths[i]);
		err = read_series(&s[i], k, o, &prev, &t, detail, detail_len);
	}
	fpc_kdata_release(&prev);
	fpc_truth_release(&t);
	if (!err && !(source = join_lines(paths, n)))
		err = FPC_ERR_NOMEM;
	if (!err)
		err = plot_series(f, k, s, n, w, h, source, detail, detail_len);
	release_series(s, n);
	free(source);
	return err;
}

/*
 * Series s's points from kd, kernel k's results in the record shown as
 * s->name.  t holds the truth for the inputs of *t_for, the kernel data
 * it was last taken for: one truth for every record with the same
 * inputs, taken anew for others.
 */
static int kdata_series(struct series *s, const struct fpc_kernel *k,
			const struct fpc_kdata *kd,
			const struct fpc_truth_options *o, struct fpc_truth *t,
			const struct fpc_kdata **t_for, char *detail,
			size_t detail_len)
{
	int err, hit;

	if (strcmp(kd->name, k->name) || kd->in_format != k->format ||
	    kd->out_format != k->format || kd->arity != k->fn->arity ||
	    !kd->out) {
		snprintf(detail, detail_len,
			 "%s: kernel '%s' is not '%s' with results", s->name,
			 kd->name, k->name);
		return FPC_ERR_FORMAT;
	}
	if (!*t_for || !fpc_kdata_same_inputs(kd, *t_for)) {
		fpc_truth_release(t);
		if ((err = fpc_truth_get(k, kd, o, t, &hit))) {
			snprintf(detail, detail_len,
				 "%s: no truth for '%s': %s", s->name, k->name,
				 fpc_strerror(err));
			return err;
		}
		*t_for = kd;
	}
	return fill_series(s, k, kd, t);
}

int fpc_plot_errors_kdata(FILE *f, const struct fpc_kernel *k,
			  const struct fpc_kdata *const *kd,
			  const char *const *names, size_t n,
			  const struct fpc_truth_options *o, int w, int h,
			  char *detail, size_t detail_len)
{
	const struct fpc_kdata *t_for = NULL;
	struct fpc_truth t = {0};
	struct series *s = NULL;
	const char **shown = NULL;
	char *source = NULL;
	int err;

	*detail = 0;
	if ((err = check_plot(k, n, w, h, detail, detail_len)))
		return err;
	if (!(s = calloc(n, sizeof(*s))) ||
	    !(shown = calloc(n, sizeof(*shown)))) {
		err = FPC_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n && !err; i++) {
		if (names && names[i])
			snprintf(s[i].name, sizeof(s[i].name), "%s", names[i]);
		else
			snprintf(s[i].name, sizeof(s[i].name), "record %lu",
				 (unsigned long)i + 1);
		shown[i] = s[i].name;
		err = kdata_series(&s[i], k, kd[i], o, &t, &t_for, detail,
				   detail_len);
	}
	fpc_truth_release(&t);
	if (!err && !(source = join_lines(shown, n)))
		err = FPC_ERR_NOMEM;
	if (!err)
		err = plot_series(f, k, s, n, w, h, source, detail, detail_len);
out:
	release_series(s, n);
	free(shown);
	free(source);
	return err;
}

/* ---- the heatmap ----------------------------------------------------- */

/* Pixels per kernel row, and the width limits of a column. */
#define ROW_H	20
#define COL_MIN 24
#define COL_MAX 110
/* Longest column label, pixels (longer ones end in an ellipsis). */
#define COL_LABEL_MAX 170
/* Narrowest column that holds a cell's value (five characters). */
#define COL_VALUE 40
#define BAR_H	  220
#define BAR_W	  16

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
	colour(cr, C_FRAME, 1);
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
			decade_label(buf, sizeof(buf), k);
		}
		colour(cr, C_FRAME, 1);
		cairo_move_to(cr, x + BAR_W, floor(y) + 0.5);
		cairo_line_to(cr, x + BAR_W + BAR_TICK, floor(y) + 0.5);
		cairo_stroke(cr);
		colour(cr, C_TEXT, 1);
		label(cr, FONT_TEXT, x + BAR_W + BAR_LABEL_GAP, y + TEXT_DROP,
		      LEFT, buf, 1);
	}
}

static void swatch(cairo_t *cr, double x, double y, uint32_t c,
		   const char *mark, const char *what, double maxw)
{
	char buf[160];

	colour(cr, c, 1);
	cairo_rectangle(cr, x, y - SWATCH_RISE, SWATCH_W, SWATCH_H);
	cairo_fill(cr);
	colour(cr, C_FRAME, 1);
	cairo_set_line_width(cr, 1);
	cairo_rectangle(cr, x + 0.5, y - (SWATCH_RISE - 0.5), SWATCH_W - 1,
			SWATCH_H - 1);
	cairo_stroke(cr);
	colour(cr, C_TEXT, 1);
	fpc_draw_font(cr, FONT_TEXT);
	if (mark)
		text(cr, x + SWATCH_W / 2, y + SWATCH_TEXT_DROP, CENTRE, mark);
	fit(cr, what, maxw - SWATCH_TEXT_X, buf, sizeof(buf));
	text(cr, x + SWATCH_TEXT_X, y + SWATCH_TEXT_DROP, LEFT, buf);
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

	bold_font(cr, FONT_TITLE);
	hm->title_w = text_width(cr, heat_title);
	fpc_draw_font(cr, FONT_TEXT);
	for (size_t k = 0; k < s->nk; k++) {
		hm->row_w = fmax(hm->row_w, text_width(cr, s->kernels[k]));
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
		fit(cr, s->names[r], COL_LABEL_MAX, hm->labels[r], 256);
		hm->col_w = fmax(hm->col_w, text_width(cr, hm->labels[r]));
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
		colour(cr, C_TEXT, 1);
		if (!hm->rotate) {
			text(cr, cx, hm->grid_t - COL_LABEL_BASE, CENTRE,
			     hm->labels[r]);
			continue;
		}
		cairo_save(cr);
		cairo_translate(cr, cx - ROT_SHIFT,
				hm->grid_t - COL_LABEL_BASE);
		cairo_rotate(cr, -M_PI / 4);
		text(cr, 0, 0, LEFT, hm->labels[r]);
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
	double cw = hm->cw, vw, ew = text_width(cr, "="), gx;
	char num[32];

	if (c->n_err)
		cell_number(num, sizeof(num), c->max_err);
	else
		snprintf(num, sizeof(num), "\u2013");
	vw = text_width(cr, num);
	if (!mark) {
		text(cr, cx + cw / 2, y, CENTRE, num);
		return;
	}
	gx = cx + (cw - vw - MARK_GAP - ew) / 2;
	if (text_width(cr, "0.000") + MARK_GAP + ew <= cw - CELL_PAD) {
		text(cr, gx, y, LEFT, num);
		text(cr, gx + vw + MARK_GAP, y, LEFT, "=");
		return;
	}
	text(cr, cx + (cw - vw) / 2 - CORNER_INSET, y, LEFT, num);
	fpc_draw_font(cr, FONT_SUP);
	text(cr, cx + cw - CORNER_INSET, ry + FONT_SUP, RIGHT, "=");
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
		colour(cr, C_ABSENT, 1);
	else if (!truth)
		colour(cr, C_NO_TRUTH, 1);
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
		colour(cr, C_FRAME, 1);
		text(cr, cx + hm->cw / 2, y, CENTRE, "\u2013");
		return;
	}
	colour(cr, dark ? 0xffffff : C_TEXT, 1);
	if (truth && hm->cw >= COL_VALUE)
		cell_value(hm, c, cx, ry, y, mark);
	else if (mark)
		text(cr, cx + hm->cw / 2, y, CENTRE, "=");
}

/* One row per kernel: its name, then its cells. */
static void draw_rows(const struct heat *hm)
{
	const struct fpc_summary *s = hm->s;

	for (size_t k = 0; k < s->nk; k++) {
		double ry = hm->grid_t + ROW_H * (double)k;
		int truth = FPC_HAS_TRUTH(s->kernel[k]->fn);
		colour(hm->cr, C_TEXT, 1);
		text(hm->cr, hm->grid_l - ROW_LABEL_GAP,
		     ry + ROW_H / 2 + TEXT_DROP, RIGHT, s->kernels[k]);
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

	colour(cr, C_TEXT, 1);
	text(cr, hm->block_x, hm->grid_t + KEY_CAPTION_BASE, LEFT,
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
	colour(hm->cr, C_TEXT, 1);
	bold_font(hm->cr, FONT_TITLE);
	text(hm->cr, MARGIN, HEAT_TITLE_BASE, LEFT, heat_title);
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

	if (!(source = join_lines((const char *const *)s->paths, s->nrec)))
		return FPC_ERR_NOMEM;
	snprintf(buf, sizeof(buf), "%lu kernels, %lu records; baseline %s",
		 (unsigned long)s->nk, (unsigned long)s->nrec,
		 s->names[s->baseline]);
	if (!(err = drawn(hm->cr, detail, detail_len)))
		err = write_png(surf, f, heat_title, source, buf);
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
	if (!(surf = surface(1, 1, &hm.cr)) ||
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
	if (!(surf = surface(hm.w, hm.h, &hm.cr))) {
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
