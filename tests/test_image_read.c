/*
 * Unit tests of reading image files that fpcheck did not write: PNGs
 * interlaced (Adam7) or not, which must give the same pixels, and files
 * whose header claims more pixels than the limits allow, which must be
 * refused from the header alone, before their pixels take memory.
 */
#include <png.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fpcheck/container.h"
#include "fpcheck/error.h"
#include "fpcheck/image.h"
#include "testutil.h"

/* A temporary file's path, removed by the caller. */
static void tmp_path(char *buf, size_t len, const char *suffix)
{
	snprintf(buf, len, "/tmp/fpcheck-test-image-read-%d%s", (int)getpid(),
		 suffix);
}

/* Sample c of pixel (x, y) in a PNG of the given depth: a pattern in
 * which neighbours differ, so that a pixel taken from another place in
 * the image (as a wrongly de-interlaced one is) shows. */
static unsigned sample(uint32_t x, uint32_t y, unsigned c, int depth)
{
	unsigned v = (x * 37u + y * 101u + c * 59u + 13u) * 2654435761u;
	return depth == 16 ? v >> 16 : v >> 24;
}

/* Writes a w x h PNG of colour type `type` (RGB, grey with alpha, RGB
 * with alpha) and depth 8 or 16, interlaced (Adam7) or not, through
 * libpng, its samples from sample(). */
static void write_png(const char *path, uint32_t w, uint32_t h, int type,
		      int depth, int interlace)
{
	int chans = type == PNG_COLOR_TYPE_RGB		? 3
		    : type == PNG_COLOR_TYPE_GRAY_ALPHA ? 2
							: 4;
	size_t rowbytes = (size_t)w * (unsigned)chans * (unsigned)depth / 8;
	png_bytep data = calloc(h, rowbytes);
	png_bytep *rows = calloc(h, sizeof(*rows));
	FILE *f = fopen(path, "wb");
	png_structp png;
	png_infop info;

	assert_non_null(data);
	assert_non_null(rows);
	assert_non_null(f);
	for (uint32_t y = 0; y < h; y++) {
		rows[y] = data + y * rowbytes;
		for (uint32_t x = 0; x < w; x++)
			for (unsigned c = 0; c < (unsigned)chans; c++) {
				unsigned v = sample(x, y, c, depth);
				size_t i = (size_t)x * (unsigned)chans + c;
				if (depth == 16) {
					rows[y][2 * i] = (png_byte)(v >> 8);
					rows[y][2 * i + 1] = (png_byte)v;
				} else {
					rows[y][i] = (png_byte)v;
				}
			}
	}
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	assert_non_null(png);
	info = png_create_info_struct(png);
	assert_non_null(info);
	if (setjmp(png_jmpbuf(png)))
		fail_msg("libpng cannot write %s", path);
	png_init_io(png, f);
	png_set_IHDR(png, info, w, h, depth, type,
		     interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	png_write_image(png, rows); /* writes the seven passes when Adam7 */
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	assert_int_equal(fclose(f), 0);
	free(rows);
	free(data);
}

/* The value fpc_image_read gives sample s of a PNG of this depth. */
static uint64_t expected_bits(unsigned s, int depth)
{
	return fbits(depth == 16 ? (float)s / 65535.0f : (float)s / 255.0f);
}

static void check_interlace(uint32_t w, uint32_t h, int type, int depth)
{
	char plain[256], adam7[256], detail[256] = "";
	struct fpc_image a, b;
	size_t differ = 0;

	tmp_path(plain, sizeof(plain), "-plain.png");
	tmp_path(adam7, sizeof(adam7), "-adam7.png");
	write_png(plain, w, h, type, depth, 0);
	write_png(adam7, w, h, type, depth, 1);
	assert_int_equal(fpc_image_read(plain, &a, detail, sizeof(detail)), 0);
	assert_int_equal(fpc_image_read(adam7, &b, detail, sizeof(detail)), 0);
	assert_int_equal(b.w, w);
	assert_int_equal(b.h, h);
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++)
			for (unsigned c = 0; c < 3; c++) {
				size_t i = ((size_t)y * w + x) * 3 + c;
				/* grey is copied to every channel */
				unsigned s = sample(
				    x, y,
				    type == PNG_COLOR_TYPE_GRAY_ALPHA ? 0 : c,
				    depth);
				assert_int_equal(a.bits[i],
						 expected_bits(s, depth));
				differ += a.bits[i] != b.bits[i];
			}
	if (differ)
		fail_msg("%ux%u, type %d, %d bits: %zu of %zu values of the "
			 "interlaced PNG differ from the plain one",
			 (unsigned)w, (unsigned)h, type, depth, differ,
			 (size_t)w * h * 3);
	fpc_image_release(&a);
	fpc_image_release(&b);
	unlink(plain);
	unlink(adam7);
}

/* Sizes under 8 leave some of Adam7's passes empty; 9 and 13 start a
 * second 8 x 8 block part of the way; 1 x 1 is in the first pass only. */
static void test_png_interlaced_same_pixels(void **state)
{
	static const uint32_t sizes[][2] = {{9, 9},  {1, 1},  {2, 3},
					    {13, 7}, {33, 5}, {5, 17}};
	static const int types[] = {PNG_COLOR_TYPE_RGB,
				    PNG_COLOR_TYPE_GRAY_ALPHA,
				    PNG_COLOR_TYPE_RGB_ALPHA};

	(void)state;
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++)
			for (int depth = 8; depth <= 16; depth += 8)
				check_interlace(sizes[s][0], sizes[s][1],
						types[t], depth);
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void put_chunk(FILE *f, const char type[4], const unsigned char *data,
		      uint32_t n)
{
	unsigned char head[8], crc[4];
	uint32_t c = fpc_crc32(fpc_crc32(0, type, 4), data, n);

	put_be32(head, n);
	memcpy(head + 4, type, 4);
	put_be32(crc, c);
	assert_int_equal(fwrite(head, 1, 8, f), 8);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fwrite(crc, 1, 4, f), 4);
}

/*
 * A PNG whose header says w x h (8-bit RGB) followed by the first 64
 * bytes of its black pixels (a zlib stream of one stored block): what a
 * decompression bomb looks like up to the point where a reader must
 * decide whether to allocate.
 */
static void write_png_header(const char *path, uint32_t w, uint32_t h)
{
	static const unsigned char sig[8] = {0x89, 'P',	 'N',  'G',
					     '\r', '\n', 0x1a, '\n'};
	unsigned char ihdr[13] = {0}, idat[2 + 5 + 64 + 4] = {
					  0x78, 0x01, 0x00, 64, 0, 0xbf, 0xff};
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	put_be32(ihdr, w);
	put_be32(ihdr + 4, h);
	ihdr[8] = 8; /* bits */
	ihdr[9] = 2; /* RGB */
	assert_int_equal(fwrite(sig, 1, 8, f), 8);
	put_chunk(f, "IHDR", ihdr, sizeof(ihdr));
	put_chunk(f, "IDAT", idat, sizeof(idat));
	assert_int_equal(fclose(f), 0);
}

/* Reads path with max_pixels; it must fail with FPC_ERR_FORMAT and a
 * detail holding want. */
static void expect_refused(const char *path, uint64_t max_pixels,
			   const char *want)
{
	struct fpc_image img;
	char detail[256] = "";
	int err =
	    fpc_image_read_max(path, max_pixels, &img, detail, sizeof(detail));

	if (err != FPC_ERR_FORMAT || !strstr(detail, want))
		fail_msg("%s: got %d '%s', want the limit: '%s'", path, err,
			 detail, want);
	assert_null(img.bits);
}

static void test_png_bomb_refused_from_header(void **state)
{
	char path[256], detail[256] = "";
	struct fpc_image img;
	int err;

	(void)state;
	tmp_path(path, sizeof(path), "-bomb.png");
	/* 16384 x 16384: 6 GB of values from a file of a few hundred KB */
	write_png_header(path, 16384, 16384);
	err = fpc_image_read(path, &img, detail, sizeof(detail));
	if (err != FPC_ERR_FORMAT ||
	    !strstr(detail, "16384x16384 is 268435456 pixels, more than the "
			    "limit of " FPC_IMAGE_MAX_PIXELS_TEXT))
		fail_msg("got %d '%s', want the pixel limit", err, detail);
	write_png_header(path, FPC_IMAGE_MAX_SIDE + 1, 1);
	expect_refused(path, UINT64_MAX, "a side is more than the limit");
	unlink(path);
}

static void test_png_max_pixels_overrides(void **state)
{
	char path[256], detail[256] = "";
	struct fpc_image img;

	(void)state;
	tmp_path(path, sizeof(path), "-9x9.png");
	write_png(path, 9, 9, PNG_COLOR_TYPE_RGB, 8, 0);
	expect_refused(path, 80, "9x9 is 81 pixels, more than the limit of 80");
	assert_int_equal(
	    fpc_image_read_max(path, 81, &img, detail, sizeof(detail)), 0);
	assert_int_equal(img.w * img.h, 81);
	fpc_image_release(&img);
	unlink(path);
}

static void write_text(const char *path, const char *text, size_t zeros)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	fputs(text, f);
	for (size_t i = 0; i < zeros; i++)
		putc(0, f);
	assert_int_equal(fclose(f), 0);
}

static void test_pfm_limits(void **state)
{
	char path[256], detail[256] = "";
	struct fpc_image img;

	(void)state;
	tmp_path(path, sizeof(path), ".pfm");
	write_text(path, "PF\n16384 16384\n-1.0\n", 0);
	expect_refused(path, FPC_IMAGE_MAX_PIXELS,
		       "16384x16384 is 268435456 pixels, more than the limit");
	write_text(path, "Pf\n16385 1\n-1.0\n", 16385 * 4);
	expect_refused(path, UINT64_MAX, "a side is more than the limit");
	write_text(path, "Pf\n3 3\n-1.0\n", 9 * 4);
	expect_refused(path, 8, "3x3 is 9 pixels, more than the limit of 8");
	assert_int_equal(
	    fpc_image_read_max(path, 9, &img, detail, sizeof(detail)), 0);
	fpc_image_release(&img);
	unlink(path);
}

/* A PFM header within the limits but without its data is told from the
 * file's size, as short and long files were before. */
static void test_pfm_data_size(void **state)
{
	char path[256], detail[256] = "";
	struct fpc_image img;

	(void)state;
	tmp_path(path, sizeof(path), ".pfm");
	write_text(path, "PF\n2000 2000\n-1.0\n", 12);
	assert_int_equal(fpc_image_read(path, &img, detail, sizeof(detail)),
			 FPC_ERR_TRUNCATED);
	assert_string_equal(detail, "PFM data ends at row 0 of 2000");
	write_text(path, "PF\n2 3\n1.0\n", 2 * 12 * 2 + 5);
	assert_int_equal(fpc_image_read(path, &img, detail, sizeof(detail)),
			 FPC_ERR_TRUNCATED);
	assert_string_equal(detail, "PFM data ends at row 2 of 3");
	write_text(path, "PF\n2 3\n1.0\n", 2 * 12 * 3 + 1);
	assert_int_equal(fpc_image_read(path, &img, detail, sizeof(detail)),
			 FPC_ERR_FORMAT);
	assert_string_equal(detail, "PFM has data after its last row");
	write_text(path, "PF\n2 3\n1.0\n", 2 * 12 * 3);
	assert_int_equal(fpc_image_read(path, &img, detail, sizeof(detail)), 0);
	fpc_image_release(&img);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_png_interlaced_same_pixels),
	    cmocka_unit_test(test_png_bomb_refused_from_header),
	    cmocka_unit_test(test_png_max_pixels_overrides),
	    cmocka_unit_test(test_pfm_limits),
	    cmocka_unit_test(test_pfm_data_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
