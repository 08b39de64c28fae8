/*
 * Images (see fpcheck/image.h): render kernels out of records, PNG and
 * PFM files in and out.
 */
#include "fpcheck/image.h"

#include <errno.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fpcheck/container.h"
#include "fpcheck/error.h"
#include "fpcheck/catalog.h"
#include "fpcheck/ulp.h"
#include "kernels/render.h"

double fpc_image_value(const struct fpc_image *img, size_t i)
{
	return fpc_bits_value(img->format, img->bits[i]);
}

void fpc_image_release(struct fpc_image *img)
{
	free(img->bits);
	memset(img, 0, sizeof(*img));
}

static int alloc_image(struct fpc_image *img, uint32_t w, uint32_t h,
		       unsigned format)
{
	memset(img, 0, sizeof(*img));
	/* w * h * 3 values of 8 bytes must fit a size_t (32-bit hosts) */
	if ((uint64_t)w * h > SIZE_MAX / 3 / sizeof(uint64_t) ||
	    !(img->bits = calloc((size_t)w * h * 3, sizeof(uint64_t))))
		return FPC_ERR_NOMEM;
	img->w = w;
	img->h = h;
	img->format = format;
	return 0;
}

/* ---- from a record ---------------------------------------------------- */

static int is_render(const char *name)
{
	const struct fpc_kernel *k = fpc_kernel_find(name);
	return k && k->fn->family == FPC_FAMILY_RENDER;
}

int fpc_image_from_kdata(const struct fpc_kdata *kd, struct fpc_image *img,
			 char *detail, size_t detail_len)
{
	uint32_t w = 0, h = 0, n;
	unsigned char *seen = NULL;
	int err;

	if (kd->arity != 3 || !kd->n)
		goto bad;
	{
		uint64_t a[3] = {kd->in[0][0], kd->in[1][0], kd->in[2][0]};
		uint32_t idx;
		if (fpc_render_desc(kd->in_format, a, &w, &h, &idx))
			goto bad;
	}
	n = w * h * 3;
	if (kd->n != n)
		goto bad;
	if ((err = alloc_image(img, w, h, kd->out_format)))
		return err;
	if (!(seen = calloc(n, 1))) {
		fpc_image_release(img);
		return FPC_ERR_NOMEM;
	}
	for (uint32_t i = 0; i < kd->n; i++) {
		uint64_t a[3] = {kd->in[0][i], kd->in[1][i], kd->in[2][i]};
		uint32_t wi, hi, idx;
		if (fpc_render_desc(kd->in_format, a, &wi, &hi, &idx) ||
		    wi != w || hi != h || seen[idx]) {
			free(seen);
			fpc_image_release(img);
			goto bad;
		}
		seen[idx] = 1;
		img->bits[idx] = kd->out[i];
	}
	free(seen);
	return 0;
bad:
	snprintf(detail, detail_len,
		 "kernel '%s' does not hold one whole image", kd->name);
	return FPC_ERR_FORMAT;
}

int fpc_image_from_record(const char *path, const char *kernel,
			  struct fpc_image *img, struct fpc_prov *prov,
			  char *chosen, char *detail, size_t detail_len)
{
	struct fpc_record rec;
	struct fpc_kdata kd, found;
	char names[256] = "";
	int rc, nfound = 0, err = 0;

	memset(img, 0, sizeof(*img));
	memset(&found, 0, sizeof(found));
	if ((err = fpc_record_open(&rec, path)))
		return err;
	while ((rc = fpc_record_next(&rec, &kd)) > 0) {
		int take =
		    kernel ? !strcmp(kd.name, kernel) : is_render(kd.name);
		if (is_render(kd.name)) {
			size_t u = strlen(names);
			snprintf(names + u, sizeof(names) - u, "%s%s",
				 u ? ", " : "", kd.name);
		}
		if (take && !nfound++ && kernel && !is_render(kd.name)) {
			snprintf(detail, detail_len,
				 "'%s' is not a render kernel", kernel);
			fpc_kdata_release(&kd);
			err = FPC_ERR_UNKNOWN;
			break;
		}
		if (take && nfound == 1)
			found = kd;
		else
			fpc_kdata_release(&kd);
	}
	if (!err && rc < 0)
		err = rc;
	if (!err && !nfound) {
		if (kernel)
			snprintf(detail, detail_len,
				 "no kernel '%s' in the record (render "
				 "kernels there: %s)",
				 kernel, *names ? names : "none");
		else
			snprintf(detail, detail_len,
				 "no render kernel in the record");
		err = FPC_ERR_UNKNOWN;
	} else if (!err && !kernel && nfound > 1) {
		snprintf(detail, detail_len,
			 "the record has several render kernels: choose one "
			 "of %s",
			 names);
		err = FPC_ERR_UNKNOWN;
	}
	if (!err)
		err = fpc_image_from_kdata(&found, img, detail, detail_len);
	if (!err && chosen)
		memcpy(chosen, found.name, sizeof(found.name));
	if (!err && prov) {
		*prov = rec.prov;
		memset(&rec.prov, 0, sizeof(rec.prov));
	}
	if (nfound)
		fpc_kdata_release(&found);
	fpc_record_close(&rec);
	return err;
}

int fpc_image_is_record(const char *path)
{
	unsigned char m[FPC_MAGIC_LEN];
	FILE *f = fopen(path, "rb");
	int yes = f && fread(m, 1, sizeof(m), f) == sizeof(m) &&
		  !memcmp(m, fpc_magic, sizeof(m));

	if (f)
		fclose(f);
	return yes;
}

/* ---- image files --------------------------------------------------------- */

/* Is a w x h image within the limits (see FPC_IMAGE_MAX_PIXELS)?  Checked
 * from the header, before the pixels are allocated. */
static int check_size(uint64_t w, uint64_t h, uint64_t max_pixels, char *detail,
		      size_t detail_len)
{
	if (w > FPC_IMAGE_MAX_SIDE || h > FPC_IMAGE_MAX_SIDE) {
		snprintf(detail, detail_len,
			 "%llux%llu pixels: a side is more than the limit of "
			 "%u",
			 (unsigned long long)w, (unsigned long long)h,
			 FPC_IMAGE_MAX_SIDE);
		return FPC_ERR_FORMAT;
	}
	if (w * h > max_pixels) {
		snprintf(detail, detail_len,
			 "%llux%llu is %llu pixels, more than the limit of "
			 "%llu",
			 (unsigned long long)w, (unsigned long long)h,
			 (unsigned long long)(w * h),
			 (unsigned long long)max_pixels);
		return FPC_ERR_FORMAT;
	}
	return 0;
}

/* ---- PFM ---------------------------------------------------------------- */

/* A whole number of the PFM header, after white space. */
static int pfm_uint(FILE *f, unsigned long *v)
{
	int c;

	do
		c = getc(f);
	while (c == ' ' || c == '\t' || c == '\n' || c == '\r');
	if (c < '0' || c > '9')
		return -1;
	for (*v = 0; c >= '0' && c <= '9'; c = getc(f)) {
		*v = *v * 10 + (unsigned long)(c - '0');
		if (*v > 1000000) /* far above any limit, never wraps */
			return -1;
	}
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' ? 0 : -1;
}

/*
 * Does the rest of a PFM file hold exactly h rows of w pixels of chans
 * values?  Known from its size before the pixels are allocated, so that a
 * header alone cannot claim memory; a pipe is only read.
 */
static int pfm_data_size(FILE *f, unsigned long w, unsigned long h, int chans,
			 char *detail, size_t detail_len)
{
	uint64_t row = (uint64_t)w * (unsigned)chans * 4;
	struct stat st;
	long at = ftell(f);
	uint64_t left;

	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode) || at < 0 ||
	    st.st_size < at)
		return 0;
	left = (uint64_t)st.st_size - (uint64_t)at;
	if (left < row * h) {
		snprintf(detail, detail_len, "PFM data ends at row %llu of %lu",
			 (unsigned long long)(left / row), h);
		return FPC_ERR_TRUNCATED;
	}
	if (left > row * h) {
		snprintf(detail, detail_len, "PFM has data after its last row");
		return FPC_ERR_FORMAT;
	}
	return 0;
}

static int read_pfm(FILE *f, uint64_t max_pixels, struct fpc_image *img,
		    char *detail, size_t detail_len)
{
	char magic[3] = {0}, line[64];
	unsigned long w, h;
	double scale;
	char *end;
	int chans, err;

	if (fread(magic, 1, 2, f) != 2 || !strchr(" \t\r\n", getc(f)))
		goto header;
	chans = magic[1] == 'F' ? 3 : 1;
	if (pfm_uint(f, &w) || pfm_uint(f, &h) || !w || !h)
		goto header;
	if (!fgets(line, sizeof(line), f) || !strchr(line, '\n'))
		goto header;
	errno = 0;
	scale = strtod(line, &end);
	if (end == line || errno || scale == 0 || !isfinite(scale) ||
	    (*end != '\n' && *end != '\r'))
		goto header;
	if ((err = check_size(w, h, max_pixels, detail, detail_len)) ||
	    (err = pfm_data_size(f, w, h, chans, detail, detail_len)) ||
	    (err =
		 alloc_image(img, (uint32_t)w, (uint32_t)h, FPC_FMT_BINARY32)))
		return err;
	/* Rows are stored bottom first. */
	for (unsigned long y = h; y-- > 0;) {
		for (unsigned long x = 0; x < w; x++) {
			unsigned char b[12];
			if (fread(b, 4, (size_t)chans, f) != (size_t)chans) {
				fpc_image_release(img);
				snprintf(detail, detail_len,
					 "PFM data ends at row %lu of %lu",
					 h - 1 - y, h);
				return FPC_ERR_TRUNCATED;
			}
			for (int c = 0; c < 3; c++) {
				const unsigned char *p =
				    b + 4 * (chans == 3 ? c : 0);
				uint32_t v =
				    scale < 0
					? (uint32_t)p[0] | (uint32_t)p[1] << 8 |
					      (uint32_t)p[2] << 16 |
					      (uint32_t)p[3] << 24
					: (uint32_t)p[3] | (uint32_t)p[2] << 8 |
					      (uint32_t)p[1] << 16 |
					      (uint32_t)p[0] << 24;
				img->bits[(y * w + x) * 3 + (unsigned)c] = v;
			}
		}
	}
	if (getc(f) != EOF) {
		fpc_image_release(img);
		snprintf(detail, detail_len, "PFM has data after its last row");
		return FPC_ERR_FORMAT;
	}
	return 0;
header:
	snprintf(detail, detail_len,
		 "bad PFM header (expected 'PF' or 'Pf', width, height and a "
		 "non-zero scale)");
	return FPC_ERR_FORMAT;
}

int fpc_image_write_pfm(FILE *f, const struct fpc_image *img)
{
	if (fprintf(f, "PF\n%u %u\n-1.0\n", (unsigned)img->w,
		    (unsigned)img->h) < 0)
		return FPC_ERR_IO;
	for (uint32_t y = img->h; y-- > 0;)
		for (uint32_t i = 0; i < img->w * 3; i++) {
			uint64_t b = img->bits[(size_t)y * img->w * 3 + i];
			/* binary32 bits go out as they are (NaN payloads
			 * included); binary64 is rounded to nearest. */
			float v = (float)fpc_bits_value(img->format, b);
			uint32_t u;
			unsigned char o[4];
			memcpy(&u, &v, 4);
			if (img->format == FPC_FMT_BINARY32)
				u = (uint32_t)b;
			o[0] = (unsigned char)u;
			o[1] = (unsigned char)(u >> 8);
			o[2] = (unsigned char)(u >> 16);
			o[3] = (unsigned char)(u >> 24);
			if (fwrite(o, 1, 4, f) != 4)
				return FPC_ERR_IO;
		}
	return ferror(f) ? FPC_ERR_IO : 0;
}

/* ---- PNG ---------------------------------------------------------------- */

struct png_err {
	jmp_buf jmp;
	char msg[160];
};

static void on_png_error(png_structp png, png_const_charp msg)
{
	struct png_err *e = png_get_error_ptr(png);
	snprintf(e->msg, sizeof(e->msg), "%s", msg);
	longjmp(e->jmp, 1);
}

static void on_png_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/*
 * Makes libpng deliver every PNG as 3 channels of 8 or 16 bits, whole
 * rows of the full image: palettes and grey expanded, alpha dropped (the
 * colour is what is compared), and an interlaced (Adam7) image put
 * together from its seven passes.  Returns the number of passes to read.
 */
static int png_to_rgb(png_structp png, png_infop info)
{
	int type = png_get_color_type(png, info), passes;

	if (type == PNG_COLOR_TYPE_PALETTE)
		png_set_palette_to_rgb(png);
	if (type == PNG_COLOR_TYPE_GRAY || type == PNG_COLOR_TYPE_GRAY_ALPHA)
		png_set_gray_to_rgb(png);
	if (png_get_bit_depth(png, info) < 8)
		png_set_expand(png);
	/* Alpha, or a palette's transparency expanded to alpha. */
	png_set_strip_alpha(png);
	passes = png_set_interlace_handling(png);
	png_read_update_info(png, info);
	if (png_get_channels(png, info) != 3)
		png_error(png, "unsupported channel layout");
	return passes;
}

/* Row y of img from a decoded row of 8- or 16-bit samples. */
static void store_row(struct fpc_image *img, uint32_t y, const png_byte *row,
		      int depth)
{
	for (uint32_t i = 0; i < img->w * 3; i++) {
		float v =
		    depth == 16
			? (float)(row[2 * i] << 8 | row[2 * i + 1]) / 65535.0f
			: (float)row[i] / 255.0f;
		uint32_t u;
		memcpy(&u, &v, 4);
		img->bits[(size_t)y * img->w * 3 + i] = u;
	}
}

/*
 * The pixels, once the header is read.  Each pass of an interlaced image
 * adds pixels to rows that earlier passes began, so all its rows are
 * kept until the last pass; a plain image is read one row at a time.
 */
static int read_png_pixels(png_structp png, png_infop info,
			   struct fpc_image *img, png_bytep volatile *rows)
{
	int passes = png_to_rgb(png, info);
	int depth = png_get_bit_depth(png, info);
	size_t rowbytes = png_get_rowbytes(png, info);
	size_t stride = passes > 1 ? rowbytes : 0;

	/* rowbytes * h is at most 6 bytes a pixel, fewer than the image's */
	if (!(*rows = calloc(passes > 1 ? img->h : 1, rowbytes)))
		return FPC_ERR_NOMEM;
	for (int pass = 0; pass < passes; pass++)
		for (uint32_t y = 0; y < img->h; y++) {
			png_bytep row = *rows + y * stride;
			png_read_row(png, row, NULL);
			if (pass == passes - 1)
				store_row(img, y, row, depth);
		}
	png_read_end(png, NULL);
	return 0;
}

/* Ancillary chunks of any length that say nothing about the pixels. */
static const png_byte skipped_chunks[] = "tEXt\0zTXt\0iTXt\0iCCP\0sPLT\0eXIf";

static int read_png(FILE *f, uint64_t max_pixels, struct fpc_image *img,
		    char *detail, size_t detail_len)
{
	struct png_err e = {0};
	png_structp png;
	png_infop info = NULL;
	png_bytep volatile rows = NULL;
	int volatile err = 0;

	memset(img, 0, sizeof(*img));
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &e, on_png_error,
				     on_png_warning);
	if (!png || !(info = png_create_info_struct(png))) {
		png_destroy_read_struct(&png, NULL, NULL);
		return FPC_ERR_NOMEM;
	}
	if (setjmp(e.jmp)) {
		int trunc = strstr(e.msg, "EOF") || strstr(e.msg, "end") ||
			    strstr(e.msg, "Read Error");
		snprintf(detail, detail_len, "%s PNG: %s",
			 trunc ? "truncated" : "corrupt", e.msg);
		fpc_image_release(img);
		free(rows);
		png_destroy_read_struct(&png, &info, NULL);
		return trunc ? FPC_ERR_TRUNCATED : FPC_ERR_FORMAT;
	}
	png_init_io(png, f);
	/* libpng allocates a text or profile chunk's declared length
	 * before reading it: a file of a few hundred bytes claiming a 2 GB
	 * tEXt chunk cost 2 GB.  The pixels are all fpcheck reads, so these
	 * chunks are skipped unread (their CRC is still checked). */
	png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, skipped_chunks,
				    (int)(sizeof(skipped_chunks) / 5));
	png_read_info(png, info);
	{
		uint32_t w = png_get_image_width(png, info);
		uint32_t h = png_get_image_height(png, info);
		if (!(err = check_size(w, h, max_pixels, detail, detail_len)) &&
		    !(err = alloc_image(img, w, h, FPC_FMT_BINARY32)))
			err = read_png_pixels(png, info, img, &rows);
		if (err)
			fpc_image_release(img);
	}
	free(rows);
	png_destroy_read_struct(&png, &info, NULL);
	return err;
}

int fpc_image_read(const char *path, struct fpc_image *img, char *detail,
		   size_t detail_len)
{
	return fpc_image_read_max(path, FPC_IMAGE_MAX_PIXELS, img, detail,
				  detail_len);
}

int fpc_image_read_max(const char *path, uint64_t max_pixels,
		       struct fpc_image *img, char *detail, size_t detail_len)
{
	static const unsigned char png_sig[8] = {0x89, 'P',  'N',  'G',
						 '\r', '\n', 0x1a, '\n'};
	unsigned char head[8] = {0};
	FILE *f = fopen(path, "rb");
	size_t got;
	int err;

	memset(img, 0, sizeof(*img));
	if (!f)
		return FPC_ERR_IO;
	got = fread(head, 1, sizeof(head), f);
	rewind(f);
	if (got == 8 && !memcmp(head, png_sig, 8))
		err = read_png(f, max_pixels, img, detail, detail_len);
	else if (got >= 2 && head[0] == 'P' &&
		 (head[1] == 'F' || head[1] == 'f'))
		err = read_pfm(f, max_pixels, img, detail, detail_len);
	else {
		snprintf(detail, detail_len,
			 "not a PNG, PFM or fpcheck record");
		err = FPC_ERR_MAGIC;
	}
	fclose(f);
	return err;
}

int fpc_png_write(FILE *f, uint32_t w, uint32_t h, const uint8_t *rgb8,
		  const uint16_t *rgb16, const struct fpc_png_text *text,
		  size_t ntext)
{
	struct png_err e = {0};
	png_structp png;
	png_infop info = NULL;
	png_textp volatile tx = NULL;
	png_bytep volatile row = NULL;

	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &e, on_png_error,
				      on_png_warning);
	if (!png || !(info = png_create_info_struct(png))) {
		png_destroy_write_struct(&png, NULL);
		return FPC_ERR_NOMEM;
	}
	if (setjmp(e.jmp)) {
		free(tx);
		free(row);
		png_destroy_write_struct(&png, &info);
		return FPC_ERR_IO;
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, w, h, rgb16 ? 16 : 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	png_set_sRGB_gAMA_and_cHRM(png, info, PNG_sRGB_INTENT_PERCEPTUAL);
	if (ntext) {
		if (!(tx = calloc(ntext, sizeof(*tx))))
			png_error(png, "out of memory");
		for (size_t i = 0; i < ntext; i++) {
			tx[i].compression = PNG_TEXT_COMPRESSION_NONE;
			tx[i].key = (png_charp)text[i].key;
			tx[i].text = (png_charp)text[i].value;
		}
		png_set_text(png, info, tx, (int)ntext);
	}
	png_write_info(png, info);
	if (!(row = malloc((size_t)w * 6)))
		png_error(png, "out of memory");
	for (uint32_t y = 0; y < h; y++) {
		if (rgb16) {
			for (size_t i = 0; i < (size_t)w * 3; i++) {
				uint16_t v = rgb16[(size_t)y * w * 3 + i];
				row[2 * i] = (png_byte)(v >> 8);
				row[2 * i + 1] = (png_byte)v;
			}
			png_write_row(png, row);
		} else {
			png_write_row(
			    png, (png_const_bytep)(rgb8 + (size_t)y * w * 3));
		}
	}
	png_write_end(png, info);
	free(tx);
	free(row);
	png_destroy_write_struct(&png, &info);
	return ferror(f) ? FPC_ERR_IO : 0;
}

/* ---- tone mapping ------------------------------------------------------- */

double fpc_srgb_encode(double v)
{
	if (!(v > 0))
		return 0;
	if (v >= 1)
		return 1;
	return v <= 0.0031308 ? 12.92 * v : 1.055 * pow(v, 1 / 2.4) - 0.055;
}

void fpc_image_tonemap(const struct fpc_image *img, const struct fpc_tonemap *m,
		       uint8_t *rgb8, uint16_t *rgb16)
{
	double gain = ldexp(1, (int)lround(m->exposure)) *
		      exp2(m->exposure - (double)lround(m->exposure));
	size_t n = (size_t)img->w * img->h;

	for (size_t p = 0; p < n; p++) {
		int nan = 0;
		double s[3];
		for (int c = 0; c < 3; c++) {
			double v = fpc_image_value(img, p * 3 + (size_t)c);
			nan |= isnan(v);
			s[c] = fpc_srgb_encode(v * gain);
		}
		if (nan) { /* magenta: NaN is never a colour a render makes */
			s[0] = s[2] = 1;
			s[1] = 0;
		}
		for (int c = 0; c < 3; c++) {
			if (m->bits == 16)
				rgb16[p * 3 + (size_t)c] =
				    (uint16_t)lround(s[c] * 65535);
			else
				rgb8[p * 3 + (size_t)c] =
				    (uint8_t)lround(s[c] * 255);
		}
	}
}
