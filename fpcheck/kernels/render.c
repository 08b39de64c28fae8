/*
 * Render kernels (fpcheck/kernels/render.h): a small path tracer and an
 * escape-time fractal, each in double and in float.
 *
 * Both are written once, in render_tmpl.h, over a type REAL, and included
 * here twice.  <tgmath.h> makes sqrt, pow, exp, sin, cos, tan, log and
 * floor call the libm function of REAL's type, so the float renderer
 * calls sqrtf, powf... and every constant goes through K() so that no
 * float expression is silently promoted to double.
 *
 * Everything that makes the images differ between builds is here on
 * purpose: dot products and sphere intersections that a compiler can
 * contract into fma, libm's sqrt, pow, exp, sin, cos, tan and log,
 * divisions, and a branch on the sign of a computed value (total internal
 * reflection, a ray that misses a sphere) that turns one ulp into another
 * path.  Randomness is a PCG32 stream per pixel, integer only, so every
 * build draws the same numbers.
 */
#include <stdint.h>
#include <tgmath.h>

#include "render.h"

/* Longest path: glass makes some paths bounce many times (total internal
 * reflection); the rest end at the light or the sky much earlier. */
#define FPC_PATH_DEPTH 16
/* Iterations before a point is taken as inside the Mandelbrot set. */
#define FPC_MANDEL_ITER 1000

/* PCG32 (O'Neill, 2014): 64-bit LCG state, xorshift-rotate output. */
struct pcg {
	uint64_t state, inc;
};

static uint32_t pcg_next(struct pcg *g)
{
	uint64_t old = g->state;
	uint32_t xs, rot;

	g->state = old * UINT64_C(6364136223846793005) + g->inc;
	xs = (uint32_t)(((old >> 18) ^ old) >> 27);
	rot = (uint32_t)(old >> 59);
	return (xs >> rot) | (xs << ((32 - rot) & 31));
}

/* The stream of pixel (x, y): the same in every build and precision. */
static void pcg_seed(struct pcg *g, uint32_t w, uint32_t x, uint32_t y)
{
	uint64_t id = (uint64_t)y * w + x;

	g->state = 0;
	g->inc = id << 1 | 1;
	pcg_next(g);
	g->state +=
	    UINT64_C(0x853c49e6748fea9b) ^ id * UINT64_C(0x9e3779b97f4a7c15);
	pcg_next(g);
}

#define CAT_(a, b) a##_##b
#define CAT(a, b)  CAT_(a, b)

#define REAL	     double
#define SFX	     d
#define PUBLIC(name) fpc_render_##name
#include "render_tmpl.h"
#undef REAL
#undef SFX
#undef PUBLIC

#define REAL	     float
#define SFX	     f
#define PUBLIC(name) fpc_render_##name##f
#include "render_tmpl.h"
#undef REAL
#undef SFX
#undef PUBLIC
