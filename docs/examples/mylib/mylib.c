/*
 * mylib_exp: exp(x) = 2^k exp(r), r = x - k ln 2 with k = round(x / ln 2),
 * exp(r) by its Taylor polynomial.  Approximate on purpose: ln 2 is one
 * double, so r carries the rounding of k ln 2 (a few ulps for large |x|),
 * and the polynomial is evaluated in double.  Built with -DMYLIB_WORSE
 * the polynomial stops at degree 7: a regression for the CI gate to
 * catch (docs/examples/README.md).
 */
#include "mylib.h"

#include <math.h>

#ifdef MYLIB_WORSE
#define DEGREE 7
#else
#define DEGREE 13
#endif

double mylib_exp(double x)
{
	double k, r, p = 1;

	if (isnan(x))
		return x;
	if (x > 0x1.62e42fefa39efp+9) /* above log(DBL_MAX) */
		return HUGE_VAL;
	if (x < -0x1.74910d52d3051p+9) /* below log of the least subnormal */
		return 0;
	k = nearbyint(x * 0x1.71547652b82fep+0); /* x / ln 2 */
	r = x - k * 0x1.62e42fefa39efp-1;	  /* ln 2 */
	for (int n = DEGREE; n >= 1; n--)
		p = 1 + p * r / n;
	return ldexp(p, (int)k);
}

float mylib_expf(float x)
{
	return (float)mylib_exp(x);
}

double mylib_smoothstep(double x)
{
	if (!(x > 0))
		return 0;
	if (x >= 1)
		return 1;
	return x * x * (3 - 2 * x);
}
