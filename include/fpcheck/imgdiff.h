/*
 * Image differences: statistics of two images of one size, value by
 * value and by their bits, and the pictures that show where they differ
 * (absolute difference, the same exposed up some stops, signed
 * difference, ulp distance heatmap, special-value mismatches).
 */
#ifndef FPCHECK_IMGDIFF_H
#define FPCHECK_IMGDIFF_H

#include <stdint.h>
#include <stdio.h>

#include "fpcheck/image.h"

/* Special-value mismatches, per pair of values. */
enum fpc_imgdiff_special {
	FPC_SPECIAL_NAN,       /* NaN against a number */
	FPC_SPECIAL_INF,       /* an infinity against a finite value */
	FPC_SPECIAL_ZERO_SIGN, /* +0 against -0 */
	FPC_SPECIAL_SUBNORMAL, /* a subnormal against zero (flushed) */
	FPC_SPECIAL_NAN_BITS,  /* two NaNs of different sign or payload */
	FPC_SPECIAL_COUNT
};

const char *fpc_imgdiff_special_name(enum fpc_imgdiff_special s);

struct fpc_imgdiff {
	uint32_t w, h;
	unsigned format;	    /* in which ulps are counted */
	uint64_t pixels, identical; /* pixels, and those with equal bits */
	uint64_t values, differ;    /* channel values, and those differing */
	uint64_t numeric;	    /* pairs where both are numbers */
	double max_abs[3], mean_abs[3]; /* per channel, over numeric pairs */
	double max_abs_all;
	uint64_t max_ulp;      /* over numeric pairs */
	uint32_t max_x, max_y; /* where max_ulp is (first such) */
	unsigned max_c;
	double rmse; /* over numeric pairs */
	double psnr; /* dB, peak 1; +inf when rmse is 0 */
	uint64_t special[FPC_SPECIAL_COUNT];
	/* Per pixel (w * h): the largest ulp distance of its channels
	 * (UINT64_MAX where a special value mismatches), the mean signed
	 * difference a - b of its channels, and the special mismatch seen
	 * (FPC_SPECIAL_COUNT for none). */
	uint64_t *ulp;
	double *sdiff;
	uint8_t *special_map;
	double *adiff; /* |a - b| per value (w * h * 3), 0 where special */
};

/*
 * Compares a and b.  Images of different formats are compared in
 * binary32 (the double one rounded to nearest).  Errors: FPC_ERR_MISMATCH
 * when the sizes differ (detail says both), FPC_ERR_NOMEM.
 */
int fpc_imgdiff_compute(const struct fpc_image *a, const struct fpc_image *b,
			struct fpc_imgdiff *d, char *detail, size_t detail_len);
void fpc_imgdiff_release(struct fpc_imgdiff *d);

/* Limits of a verdict; a limit applies when its has_ flag is set.  With
 * none set, only bit-identical images are within. */
struct fpc_imgdiff_limits {
	int has_ulp, has_abs, has_percent;
	uint64_t max_ulp;
	double max_abs, max_percent;
};

/* Are the differences within the limits?  Special-value mismatches
 * exceed every ulp and absolute limit. */
int fpc_imgdiff_within(const struct fpc_imgdiff *d,
		       const struct fpc_imgdiff_limits *l);

/* The pictures, each w * h * 3 bytes of 8-bit sRGB. */
enum fpc_imgdiff_picture {
	FPC_PICTURE_ABS,     /* |a - b|, linear, clamped */
	FPC_PICTURE_BOOST,   /* |a - b| * 2^stops */
	FPC_PICTURE_SIGNED,  /* a - b on a diverging map, log scale */
	FPC_PICTURE_ULP,     /* log2(1 + ulps) on viridis */
	FPC_PICTURE_SPECIAL, /* special-value mismatches by colour */
	FPC_PICTURE_COUNT
};

const char *fpc_imgdiff_picture_name(enum fpc_imgdiff_picture p);

/* Fills rgb (w * h * 3) with picture p of d. */
void fpc_imgdiff_picture(const struct fpc_imgdiff *d,
			 enum fpc_imgdiff_picture p, double stops,
			 uint8_t *rgb);

/*
 * Writes picture p as a PNG: the picture at its own size for the
 * absolute and boosted differences (pixel for pixel with the renders);
 * scaled up with a title and a legend for the others.  Returns 0,
 * FPC_ERR_IO or FPC_ERR_NOMEM.
 */
int fpc_imgdiff_write_png(FILE *f, const struct fpc_imgdiff *d,
			  enum fpc_imgdiff_picture p, double stops,
			  const struct fpc_png_text *text, size_t ntext);

/* The statistics as text (for people) or a JSON object. */
void fpc_imgdiff_write_text(FILE *f, const struct fpc_imgdiff *d);
void fpc_imgdiff_write_json(FILE *f, const struct fpc_imgdiff *d, const char *a,
			    const char *b, int within);

#endif
