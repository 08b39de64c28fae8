/*
 * The polynomial of the "horner" kernels: the degree-7 Taylor polynomial
 * of exp, coefficients 1/k! rounded to binary32 (so they are exact in
 * both formats and the double and float kernels share them), highest
 * degree first.  Shared by the runner and the library's exact truth.
 */
#ifndef FPC_HORNER_H
#define FPC_HORNER_H

#define FPC_HORNER_DEGREE 7
#define FPC_HORNER_COEFFS                                                     \
	0x1.a01a02p-13, 0x1.6c16c2p-10, 0x1.111112p-7, 0x1.555556p-5,         \
	    0x1.555556p-3, 0x1p-1, 0x1p+0, 0x1p+0

#endif
