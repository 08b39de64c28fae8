/*
 * Images: a render kernel's output taken out of a record, or an image
 * file (PNG or PFM), as a grid of RGB values held by their bits; and the
 * files fpcheck writes (PNG through libpng, PFM).
 *
 * Values keep the bits and format they were computed in, so that two
 * renders compare bit for bit and in ulps of their own format.  An image
 * read from a PNG holds its samples divided by 255 or 65535 and rounded
 * to binary32; one read from a PFM holds the file's binary32 values
 * exactly.
 */
#ifndef FPCHECK_IMAGE_H
#define FPCHECK_IMAGE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fpcheck/record.h"

struct fpc_image {
	uint32_t w, h;
	unsigned format; /* enum fpc_format of the values */
	uint64_t *bits;	 /* w * h * 3 values: rows top first, then R, G, B */
};

/* Value i of img as a double (exact for both formats). */
double fpc_image_value(const struct fpc_image *img, size_t i);
void fpc_image_release(struct fpc_image *img);

/*
 * The image of render kernel `kernel` in the record at path, with the
 * record's provenance copied to prov if not NULL (caller releases it).
 * With kernel NULL the record must hold exactly one render kernel, whose
 * name is copied to `chosen` (room for FPC_NAME_MAX + 1) if not NULL.
 * Errors: as fpc_record_open/next; FPC_ERR_UNKNOWN (no such render kernel
 * in the record, or none given where there are several: detail lists
 * them), FPC_ERR_FORMAT (the kernel's inputs are not one whole image),
 * FPC_ERR_NOMEM.
 */
int fpc_image_from_record(const char *path, const char *kernel,
			  struct fpc_image *img, struct fpc_prov *prov,
			  char *chosen, char *detail, size_t detail_len);

/*
 * The size of image files fpc_image_read accepts.  A PNG compresses a
 * plain image about a thousand to one (a 0.8 MB file can say 16384 x
 * 16384 pixels), and an image costs 24 bytes a pixel in memory (imgdiff
 * about 100 for two images and their differences), so the size is
 * checked from the header before anything is allocated.  A side is at
 * most FPC_IMAGE_MAX_SIDE (eight times the largest render's); the
 * pixels are at most FPC_IMAGE_MAX_PIXELS unless the caller says
 * otherwise: 2^23, more than a 3840 x 2160 frame and twice the largest
 * render (2048 x 2048), about 900 MB in imgdiff.
 */
#define FPC_IMAGE_MAX_SIDE	    16384u
#define FPC_IMAGE_MAX_PIXELS_DIGITS 8388608 /* also the text of help */
#define FPC_IMAGE_MAX_PIXELS	    ((uint64_t)FPC_IMAGE_MAX_PIXELS_DIGITS)
#define FPC_IMAGE_TEXT_(d)	    #d
#define FPC_IMAGE_TEXT(d)	    FPC_IMAGE_TEXT_(d)
#define FPC_IMAGE_MAX_PIXELS_TEXT   FPC_IMAGE_TEXT(FPC_IMAGE_MAX_PIXELS_DIGITS)

/*
 * Reads a PNG (8 or 16 bits, grey or RGB, with or without alpha, which
 * is dropped, interlaced or not) or a PFM ("PF" colour or "Pf" grey,
 * either byte order), told apart by their first bytes, of at most
 * max_pixels pixels (fpc_image_read: FPC_IMAGE_MAX_PIXELS).  Errors:
 * FPC_ERR_IO (errno set), FPC_ERR_MAGIC (neither), FPC_ERR_FORMAT (a
 * corrupt file, or one larger than the limits) or FPC_ERR_TRUNCATED with
 * the reason in detail, FPC_ERR_NOMEM.
 */
int fpc_image_read(const char *path, struct fpc_image *img, char *detail,
		   size_t detail_len);
int fpc_image_read_max(const char *path, uint64_t max_pixels,
		       struct fpc_image *img, char *detail, size_t detail_len);

/* The image a render kernel's data holds: every value of one w x h image
 * exactly once.  Errors: FPC_ERR_FORMAT (detail says so), FPC_ERR_NOMEM. */
int fpc_image_from_kdata(const struct fpc_kdata *kd, struct fpc_image *img,
			 char *detail, size_t detail_len);

/* Is the file at path an fpcheck record (by its first bytes)? */
int fpc_image_is_record(const char *path);

/* Writes img as a little-endian PFM (binary32: a double image is rounded
 * to nearest).  Returns 0 or FPC_ERR_IO. */
int fpc_image_write_pfm(FILE *f, const struct fpc_image *img);

/* Text chunks of a PNG: provenance as key/value pairs. */
struct fpc_png_text {
	const char *key, *value;
};

/*
 * Writes an RGB PNG of w x h pixels from rgb (3 samples per pixel, rows
 * top first) at 8 bits (rgb8) or 16 bits (rgb16: exactly one of the two
 * is not NULL), with ntext text chunks.  Returns 0, FPC_ERR_IO or
 * FPC_ERR_NOMEM.
 */
int fpc_png_write(FILE *f, uint32_t w, uint32_t h, const uint8_t *rgb8,
		  const uint16_t *rgb16, const struct fpc_png_text *text,
		  size_t ntext);

/* How an image's values become display samples. */
struct fpc_tonemap {
	double exposure; /* stops: values are multiplied by 2^exposure */
	int bits;	 /* 8 or 16 */
};

/*
 * The display samples of img (3 per pixel, w * h * 3): each value times
 * 2^exposure, clamped to [0, 1], encoded with the sRGB transfer function.
 * NaN is shown magenta and infinities as the clamp shows them.  rgb8 or
 * rgb16 (by m->bits) must have room for w * h * 3 samples.
 */
void fpc_image_tonemap(const struct fpc_image *img, const struct fpc_tonemap *m,
		       uint8_t *rgb8, uint16_t *rgb16);

/* The sRGB encoding of a linear value in [0, 1]. */
double fpc_srgb_encode(double v);

#endif
