/*
 * The error plot's axes: where a value goes on a linear, signed
 * logarithmic or above-1 logarithmic scale, and the ticks to label,
 * chosen from measured text so that their labels never collide: an axis
 * takes the densest ticks whose labels keep a gap between them.
 * Private to compare/output.
 */
#ifndef FPCHECK_AXIS_H
#define FPCHECK_AXIS_H

#include <stddef.h>

#include <cairo.h>

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

#define MAX_TICKS 48
struct ticks {
	size_t n;
	double v[MAX_TICKS];
	char label[MAX_TICKS][40];
};

/* What the x axis is chosen for: the least and largest x, and the least
 * and largest nonzero |x| (amax 0 when there is none). */
struct extent {
	double xmin, xmax, amin, amax;
};

/* The pixel of value v on axis a. */
double fpc_axis_pixel(const struct axis *a, double v);

/*
 * Sets up x axis a (its pixel ends a->p0 and a->p1 set) for extent e:
 * linear, or signed logarithmic with powers of two marked when the
 * nonzero |x| span more than a few binades, and with by_index (x is the
 * input number) always linear with whole ticks; its ticks in t.
 */
void fpc_axis_x(cairo_t *cr, struct axis *a, struct ticks *t,
		const struct extent *e, int by_index);

/*
 * Sets up y axis a (its pixel ends a->p0, bottom, and a->p1 set) for
 * errors up to max_err ulps: from 0 past the largest error and at least
 * to 1 ulp, so that the 1/2 ulp line sits inside; linear ending on a
 * tick, or logarithmic above 1 ulp ending on a decade.  Its ticks in t.
 */
void fpc_axis_y(struct axis *a, struct ticks *t, double max_err);

#endif
