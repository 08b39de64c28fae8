/*
 * Render kernels, shared by the runner and the library: which images
 * there are and how one of their values is named.
 *
 * A render kernel computes an image of RGB values.  Each value is one
 * kernel output, so images go through the corpus, the record, matrix and
 * diff like every other kernel.  An input is a descriptor of three
 * integers stored exactly in the kernel's format: the image's width and
 * height, and the index of the value, (y * width + x) * 3 + channel, with
 * row 0 at the top and channels red, green, blue.  The runner computes a
 * pixel once and hands out its three channels.
 *
 * The kernels themselves (fpcheck/kernels/render.c) have no mathematical
 * truth: they are compared between builds, not against MPFR.
 */
#ifndef FPC_RENDER_H
#define FPC_RENDER_H

#include <stdint.h>

#include "reduce.h"

/* Largest width and height: every value index stays exact in binary32. */
#define FPC_RENDER_MAX_SIDE 2048u
/* Threads that share an image's rows, whatever the machine; pixels do
 * not depend on which thread computes them. */
#define FPC_RENDER_THREADS FPC_REDUCE_THREADS

/* Decodes a descriptor; returns 0, or -1 when it is not one. */
static inline int fpc_render_desc(unsigned fmt, const uint64_t *args,
				  uint32_t *w, uint32_t *h, uint32_t *idx)
{
	int64_t a = fpc_reduce_int(fmt, args[0]),
		b = fpc_reduce_int(fmt, args[1]),
		c = fpc_reduce_int(fmt, args[2]);

	if (a < 1 || a > (int64_t)FPC_RENDER_MAX_SIDE || b < 1 ||
	    b > (int64_t)FPC_RENDER_MAX_SIDE || c < 0 || c >= a * b * 3)
		return -1;
	*w = (uint32_t)a;
	*h = (uint32_t)b;
	*idx = (uint32_t)c;
	return 0;
}

/*
 * One pixel of a render kernel: its linear RGB radiance, written to rgb.
 * Implemented in fpcheck/kernels/render.c, compiled with the flags under
 * test.
 */
void fpc_render_path(unsigned spp, uint32_t w, uint32_t h, uint32_t x,
		     uint32_t y, double rgb[3]);
void fpc_render_pathf(unsigned spp, uint32_t w, uint32_t h, uint32_t x,
		      uint32_t y, float rgb[3]);
void fpc_render_mandelbrot(unsigned spp, uint32_t w, uint32_t h, uint32_t x,
			   uint32_t y, double rgb[3]);
void fpc_render_mandelbrotf(unsigned spp, uint32_t w, uint32_t h, uint32_t x,
			    uint32_t y, float rgb[3]);

#endif
