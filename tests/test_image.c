/*
 * Unit tests of images: render descriptors, images out of kernel data,
 * PFM and PNG round trips, bad files, tone mapping, and image
 * differences on values built to differ in known ways.
 */
#include <math.h>
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
#include "fpcheck/imgdiff.h"
#include "fpcheck/kdata.h"
#include "kernels/render.h"
#include "testutil.h"

/* A w x h float image whose value i is i / 64. */
static void ramp(struct fpc_image *img, uint32_t w, uint32_t h)
{
	img->w = w;
	img->h = h;
	img->format = FPC_FMT_BINARY32;
	img->bits = calloc((size_t)w * h * 3, sizeof(uint64_t));
	assert_non_null(img->bits);
	for (size_t i = 0; i < (size_t)w * h * 3; i++)
		img->bits[i] = fbits((float)i / 64);
}

static void copy(struct fpc_image *dst, const struct fpc_image *src)
{
	*dst = *src;
	dst->bits = malloc((size_t)src->w * src->h * 3 * sizeof(uint64_t));
	assert_non_null(dst->bits);
	memcpy(dst->bits, src->bits,
	       (size_t)src->w * src->h * 3 * sizeof(uint64_t));
}

/* A temporary file's path, removed by the caller. */
static void tmp_path(char *buf, size_t len, const char *suffix)
{
	snprintf(buf, len, "/tmp/fpcheck-test-image-%d%s", (int)getpid(),
		 suffix);
}

static void test_render_desc_rejects_non_descriptors(void **state)
{
	unsigned f = FPC_FMT_BINARY32;
	uint32_t w, h, i;
	uint64_t ok[3] = {fpc_reduce_bits(f, 4), fpc_reduce_bits(f, 3),
			  fpc_reduce_bits(f, 35)};
	uint64_t idx_too_big[3] = {ok[0], ok[1], fpc_reduce_bits(f, 36)};
	uint64_t zero_w[3] = {0, ok[1], 0};
	uint64_t wide[3] = {fpc_reduce_bits(f, FPC_RENDER_MAX_SIDE + 1), ok[1],
			    0};
	uint64_t frac[3] = {fbits(4.5f), ok[1], 0};
	uint64_t neg[3] = {ok[0], ok[1], fbits(-0.0f)};

	(void)state;
	assert_int_equal(fpc_render_desc(f, ok, &w, &h, &i), 0);
	assert_int_equal(w, 4);
	assert_int_equal(h, 3);
	assert_int_equal(i, 35);
	assert_int_equal(fpc_render_desc(f, idx_too_big, &w, &h, &i), -1);
	assert_int_equal(fpc_render_desc(f, zero_w, &w, &h, &i), -1);
	assert_int_equal(fpc_render_desc(f, wide, &w, &h, &i), -1);
	assert_int_equal(fpc_render_desc(f, frac, &w, &h, &i), -1);
	assert_int_equal(fpc_render_desc(f, neg, &w, &h, &i), -1);
}

/* Kernel data of a 2 x 2 image, its values in reverse order. */
static void kdata_2x2(struct fpc_kdata *k, unsigned fmt)
{
	memset(k, 0, sizeof(*k));
	snprintf(k->name, sizeof(k->name), "mandelbrotf");
	k->in_format = k->out_format = (uint8_t)fmt;
	k->arity = 3;
	k->n = 12;
	assert_int_equal(fpc_kdata_alloc(k, 1), 0);
	for (uint32_t i = 0; i < 12; i++) {
		uint32_t idx = 11 - i;
		k->in[0][i] = fpc_reduce_bits(fmt, 2);
		k->in[1][i] = fpc_reduce_bits(fmt, 2);
		k->in[2][i] = fpc_reduce_bits(fmt, idx);
		k->out[i] = fmt == FPC_FMT_BINARY32 ? fbits((float)idx)
						    : dbits((double)idx);
	}
}

static void test_image_from_kdata_places_values_by_index(void **state)
{
	struct fpc_kdata k;
	struct fpc_image img;
	char detail[128];

	(void)state;
	kdata_2x2(&k, FPC_FMT_BINARY64);
	assert_int_equal(fpc_image_from_kdata(&k, &img, detail, sizeof(detail)),
			 0);
	assert_int_equal(img.w, 2);
	assert_int_equal(img.h, 2);
	for (size_t i = 0; i < 12; i++)
		assert_true(img.bits[i] == dbits((double)i));
	fpc_image_release(&img);
	/* A value given twice, and so another missing, is not an image. */
	k.in[2][1] = k.in[2][0];
	assert_int_equal(fpc_image_from_kdata(&k, &img, detail, sizeof(detail)),
			 FPC_ERR_FORMAT);
	assert_non_null(strstr(detail, "one whole image"));
	fpc_kdata_release(&k);
}

static void test_pfm_round_trip_is_exact(void **state)
{
	struct fpc_image a, b;
	char path[128], detail[128];
	FILE *f;

	(void)state;
	ramp(&a, 5, 3);
	/* The values a render must not lose: a NaN payload, -0, a
	 * subnormal, infinity. */
	a.bits[0] = 0x7fc12345;
	a.bits[1] = fbits(-0.0f);
	a.bits[2] = 0x00000001;
	a.bits[44] = fbits(INFINITY);
	tmp_path(path, sizeof(path), ".pfm");
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fpc_image_write_pfm(f, &a), 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(fpc_image_read(path, &b, detail, sizeof(detail)), 0);
	assert_int_equal(b.w, 5);
	assert_int_equal(b.h, 3);
	assert_memory_equal(a.bits, b.bits, 45 * sizeof(uint64_t));
	fpc_image_release(&b);

	/* Truncated data, then bad headers. */
	assert_int_equal(truncate(path, 14 + 12 * 7), 0);
	assert_int_equal(fpc_image_read(path, &b, detail, sizeof(detail)),
			 FPC_ERR_TRUNCATED);
	{
		static const char *const bad[] = {
		    "PF\n5 x\n-1.0\n", "PF\n0 3\n-1.0\n",
		    "PF\n5 3\n0\n",    "PF\n5 3\nnan\n",
		    "PF5 3\n-1.0\n",   "PF\n99999999 3\n-1\n"};
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			assert_non_null(f = fopen(path, "wb"));
			fputs(bad[i], f);
			fclose(f);
			assert_int_equal(
			    fpc_image_read(path, &b, detail, sizeof(detail)),
			    FPC_ERR_FORMAT);
			assert_non_null(strstr(detail, "PFM header"));
		}
	}
	unlink(path);
	fpc_image_release(&a);
}

static void test_png_round_trip_8_and_16_bits(void **state)
{
	uint8_t p8[2 * 2 * 3] = {0,   1,   2,	127, 128, 129,
				 253, 254, 255, 9,   99,  199};
	uint16_t p16[2 * 2 * 3] = {0, 1, 65535, 32768, 12345, 54321,
				   2, 3, 4,	65534, 40000, 7};
	struct fpc_png_text text[1] = {{"Software", "fpcheck test"}};
	struct fpc_image img;
	char path[128], detail[128];
	FILE *f;

	(void)state;
	tmp_path(path, sizeof(path), ".png");
	for (int bits = 8; bits <= 16; bits += 8) {
		assert_non_null(f = fopen(path, "wb"));
		assert_int_equal(fpc_png_write(f, 2, 2, bits == 8 ? p8 : NULL,
					       bits == 16 ? p16 : NULL, text,
					       1),
				 0);
		assert_int_equal(fclose(f), 0);
		assert_int_equal(
		    fpc_image_read(path, &img, detail, sizeof(detail)), 0);
		assert_int_equal(img.w, 2);
		assert_int_equal(img.format, FPC_FMT_BINARY32);
		for (size_t i = 0; i < 12; i++) {
			float want = bits == 8 ? (float)p8[i] / 255.0f
					       : (float)p16[i] / 65535.0f;
			assert_true(img.bits[i] == fbits(want));
		}
		fpc_image_release(&img);
	}
	/* Cut short: truncated, not a crash. */
	assert_int_equal(truncate(path, 60), 0);
	assert_int_equal(fpc_image_read(path, &img, detail, sizeof(detail)),
			 FPC_ERR_TRUNCATED);
	assert_non_null(strstr(detail, "truncated PNG"));
	unlink(path);
}

static void test_tonemap_srgb_and_nan(void **state)
{
	struct fpc_image img;
	struct fpc_tonemap tm = {0, 8};
	uint8_t rgb[6];

	(void)state;
	ramp(&img, 2, 1);
	img.bits[0] = fbits(0.0f);
	img.bits[1] = fbits(0.5f);
	img.bits[2] = fbits(2.0f); /* clamped */
	img.bits[3] = fbits(NAN);
	fpc_image_tonemap(&img, &tm, rgb, NULL);
	assert_int_equal(rgb[0], 0);
	assert_int_equal(rgb[1], 188); /* sRGB of 0.5: 0.7354 */
	assert_int_equal(rgb[2], 255);
	assert_int_equal(rgb[3], 255); /* NaN: magenta */
	assert_int_equal(rgb[4], 0);
	assert_int_equal(rgb[5], 255);
	/* One stop of exposure doubles: 0.25 shows as 0.5 did. */
	img.bits[1] = fbits(0.25f);
	tm.exposure = 1;
	fpc_image_tonemap(&img, &tm, rgb, NULL);
	assert_int_equal(rgb[1], 188);
	fpc_image_release(&img);
}

static void test_imgdiff_counts_and_locates(void **state)
{
	struct fpc_image a, b;
	struct fpc_imgdiff d;
	struct fpc_imgdiff_limits lim = {0};
	char detail[128];

	(void)state;
	ramp(&a, 4, 3);
	copy(&b, &a);
	b.bits[13] += 3;	 /* pixel (0, 1): 3 ulps */
	b.bits[20] = 0x7fc00000; /* pixel (2, 1): NaN */
	a.bits[30] = fbits(0.0f);
	b.bits[30] = fbits(-0.0f); /* pixel (2, 2): -0 */
	a.bits[33] = fbits(0.0f);
	b.bits[33] = 0x00000005; /* pixel (3, 2): subnormal */
	assert_int_equal(
	    fpc_imgdiff_compute(&a, &b, &d, detail, sizeof(detail)), 0);
	assert_int_equal(d.pixels, 12);
	assert_int_equal(d.identical, 8);
	assert_int_equal(d.differ, 4);
	assert_true(d.max_ulp == 5);
	assert_int_equal(d.max_x, 3);
	assert_int_equal(d.max_y, 2);
	assert_int_equal(d.special[FPC_SPECIAL_NAN], 1);
	assert_int_equal(d.special[FPC_SPECIAL_ZERO_SIGN], 1);
	assert_int_equal(d.special[FPC_SPECIAL_SUBNORMAL], 1);
	assert_true(d.ulp[1 * 4 + 2] == UINT64_MAX);
	assert_true(d.ulp[1 * 4 + 0] == 3);
	assert_int_equal(fpc_imgdiff_within(&d, &lim), 0);
	lim.has_percent = 1;
	lim.max_percent = 34; /* 4 of 12 pixels differ: 33.3 % */
	assert_int_equal(fpc_imgdiff_within(&d, &lim), 1);
	lim.has_ulp = 1;
	lim.max_ulp = 1000; /* the NaN exceeds every ulp limit */
	assert_int_equal(fpc_imgdiff_within(&d, &lim), 0);
	fpc_imgdiff_release(&d);

	/* Without the NaN, a limit of 5 ulps holds and 4 does not. */
	b.bits[20] = a.bits[20];
	assert_int_equal(
	    fpc_imgdiff_compute(&a, &b, &d, detail, sizeof(detail)), 0);
	memset(&lim, 0, sizeof(lim));
	lim.has_ulp = 1;
	lim.max_ulp = 5;
	assert_int_equal(fpc_imgdiff_within(&d, &lim), 1);
	lim.max_ulp = 4;
	assert_int_equal(fpc_imgdiff_within(&d, &lim), 0);
	assert_true(d.rmse > 0 && isfinite(d.psnr));
	fpc_imgdiff_release(&d);

	/* Identical: PSNR infinite, within with no limits. */
	assert_int_equal(
	    fpc_imgdiff_compute(&a, &a, &d, detail, sizeof(detail)), 0);
	memset(&lim, 0, sizeof(lim));
	assert_int_equal(fpc_imgdiff_within(&d, &lim), 1);
	assert_true(isinf(d.psnr) && d.rmse == 0);
	fpc_imgdiff_release(&d);
	fpc_image_release(&a);
	fpc_image_release(&b);
}

static void test_imgdiff_sizes_must_match(void **state)
{
	struct fpc_image a, b;
	struct fpc_imgdiff d;
	char detail[128];

	(void)state;
	ramp(&a, 4, 3);
	ramp(&b, 3, 4);
	assert_int_equal(
	    fpc_imgdiff_compute(&a, &b, &d, detail, sizeof(detail)),
	    FPC_ERR_MISMATCH);
	assert_string_equal(detail,
			    "the images differ in size: 4x3 against 3x4");
	fpc_image_release(&a);
	fpc_image_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_render_desc_rejects_non_descriptors),
	    cmocka_unit_test(test_image_from_kdata_places_values_by_index),
	    cmocka_unit_test(test_pfm_round_trip_is_exact),
	    cmocka_unit_test(test_png_round_trip_8_and_16_bits),
	    cmocka_unit_test(test_tonemap_srgb_and_nan),
	    cmocka_unit_test(test_imgdiff_counts_and_locates),
	    cmocka_unit_test(test_imgdiff_sizes_must_match),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
