/*
 * Unit tests of reading image files that fpcheck did not write: PNGs
 * interlaced (Adam7) or not, which must give the same pixels.
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_png_interlaced_same_pixels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
