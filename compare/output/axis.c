/*
 * The error plot's axes (see compare/output/axis.h).
 */
#include "axis.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "figure.h"

/* Least gap between two tick labels, pixels. */
#define TICK_GAP 12
/* Above this many binades between the smallest and largest nonzero |x|
 * a linear axis crowds most inputs into a few pixels: the x axis turns
 * signed logarithmic. */
#define LOG_BINADES 4
/* Errors above this many ulps would flatten everything else on a linear
 * axis (the 1/2 ulp line under 1/200 of the height): the y axis turns
 * logarithmic above 1 ulp. */
#define LINEAR_MAX_ERR 100

/* 1, 2 or 5 times a power of ten, at least x (x > 0). */
static double nice_up(double x)
{
	double p = pow(10, floor(log10(x))), m = x / p;

	return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
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
		fpc_figure_exp_notation(tmp, sizeof(tmp), fabs(v),
					digits < 0   ? 0
					: digits > 3 ? 3
						     : digits);
	}
	snprintf(buf, len, "%s%s", v < 0 ? "\u2212" : "", tmp);
}

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

double fpc_axis_pixel(const struct axis *a, double v)
{
	return a->p0 +
	       (position(a, v) - a->lo) / (a->hi - a->lo) * (a->p1 - a->p0);
}

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
			double w =
			    fpc_figure_label(cr, FONT_TEXT, 0, 0, LEFT, "0", 0);
			zero_l = fpc_axis_pixel(a, 0) - w / 2 - TICK_GAP;
			zero_r = fpc_axis_pixel(a, 0) + w / 2 + TICK_GAP;
		}
	for (size_t i = 0; i < t->n; i++) {
		double x = fpc_axis_pixel(a, t->v[i]);
		double w =
		    fpc_figure_label(cr, FONT_TEXT, 0, 0, LEFT, t->label[i], 0);
		/* +-2^e alike: as wide as the label with a minus sign */
		double wz =
		    w + (t->v[i] > 0 ? fpc_figure_text_width(cr, "\u2212") : 0);
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

void fpc_axis_x(cairo_t *cr, struct axis *a, struct ticks *t,
		const struct extent *e, int by_index)
{
	x_range(a, *e, by_index);
	x_ticks(cr, a, t, by_index);
}

/* The y axis logarithmic above 1 ulp, ending on a decade past max_err,
 * height pixels high, with tick labels room pixels apart. */
static void log_y(struct axis *a, struct ticks *t, double max_err,
		  double height, double room)
{
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
		fpc_figure_decade_label(t->label[t->n++], sizeof(t->label[0]),
					k);
	}
}

/* The y axis linear, ending on a tick past max_err and at least 1 ulp,
 * height pixels high, with tick labels room pixels apart. */
static void linear_y(struct axis *a, struct ticks *t, double max_err,
		     double height, double room)
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

void fpc_axis_y(struct axis *a, struct ticks *t, double max_err)
{
	double height = a->p0 - a->p1, room = FONT_TEXT * Y_TICK_LINES;

	a->lo = 0;
	if (max_err > LINEAR_MAX_ERR)
		log_y(a, t, max_err, height, room);
	else
		linear_y(a, t, max_err, height, room);
}
