/* mylib: a tiny numeric library with a deliberately approximate exp. */
#ifndef MYLIB_H
#define MYLIB_H

double mylib_exp(double x);
float mylib_expf(float x);
/* 3x^2 - 2x^3 clamped to [0, 1]: no C math function computes it. */
double mylib_smoothstep(double x);

#endif
