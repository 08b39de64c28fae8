#!/bin/sh
# Numbers as reports show them, through the real CLI: an error within a
# hair of half an ulp says on which side it lies, exactly, whether this
# libm is right or wrong there; functions registered with --kernels return
# fixed results, so that the misrounded cases do not depend on the libm;
# a share of correctly rounded results prints as 100.00 or 0.00 only when
# it is all or none.
. "$(dirname "$0")/lib.sh"

# This libm's exp on exp(-0x1p-54) = 1 - 2^-54 + 2^-109 - ...: 1 is correct
# by 1/2 - 2^-56 ulp, 1 - 2^-53 wrong by 1/2 + 2^-56; "0.5" is neither.
echo '-0x1p-54' >exp.txt
"$FPCHECK" run -f exp -i exp.txt -o exp.rec >exp.out 2>exp.err ||
	fail "run -f exp failed: $(cat exp.err)"
grep -Eq '^exp +double +1 +(<0\.5 +<0\.5 +100\.00|>0\.5 +>0\.5 +0\.00) ' exp.out ||
	fail "exp(-0x1p-54) not classified exactly: $(grep '^exp ' exp.out)"
echo "ok: $(grep '^exp ' exp.out)"

# Fixed results, measured against the truth of the function named.
cat >fixed.c <<'EOF'
/* Results fixed for the inputs of harden_numbers.sh. */
#include <fpcheck/kernel.h>

/* exp(-0x1p-54) rounds to 1 (by 1/2 - 2^-56 ulp); exp(0x1p-26) to
 * 0x1.0000004000001p+0. */
static double fixed_exp(double x)
{
	return x == -0x1p-54 ? 1.0 : 0x1.0000004000001p+0;
}

/* cosh(-0x1p-54) = 1 + 2^-109 rounds to 1; cosh(0x1p-26) = 1 + 2^-53 +
 * 2^-104/24 rounds up, and 1 is wrong by 1/2 + 2^-52/24 ulp (glibc 2.36
 * returns 1); built with -DCORRECT, the correctly rounded results. */
static double fixed_cosh(double x)
{
#ifdef CORRECT
	return x == 0x1p-26 ? 0x1.0000000000001p+0 : 1.0;
#else
	(void)x;
	return 1.0;
#endif
}

/* pow(1 - 2^-53, -1) = 1 + 2^-53 + 2^-106 + ...: 1 is wrong by
 * 1/2 + 2^-54 ulp (glibc 2.36 returns 1). */
static double fixed_pow(double x, double y)
{
	(void)x;
	(void)y;
	return 1.0;
}

const struct fpc_user_kernel fpc_user_kernels[] = {
	FPC_DOUBLE1(fixed_exp, "exp"), FPC_DOUBLE1(fixed_cosh, "cosh"),
	FPC_DOUBLE2(fixed_pow, "pow"), FPC_END};
EOF
cat >sqrt.c <<'EOF'
/* sqrt right on all inputs but one, and wrong on all but one. */
#include <math.h>
#include <fpcheck/kernel.h>

/* sqrt, correctly rounded (IEEE 754), but for one input. */
static double almost_sqrt(double x)
{
	return x == 2 ? nextafter(sqrt(x), 0) : sqrt(x);
}

/* sqrt one float too high, but for one input. */
static double rarely_sqrt(double x)
{
	return x == 4 ? 2 : nextafter(sqrt(x), INFINITY);
}

const struct fpc_user_kernel fpc_user_kernels[] = {
	FPC_DOUBLE1(almost_sqrt, "sqrt"), FPC_DOUBLE1(rarely_sqrt, "sqrt"),
	FPC_END};
EOF
printf '%s\n' '-0x1p-54' '0x1p-26' '0x1.fffffffffffffp-1, -1' >hard.txt
"$FPCHECK" run --kernels fixed.c --cflags "-O2 -I$SRC/include" -f exp,cosh,pow \
	-i hard.txt -o hard.rec >hard.out 2>hard.err ||
	fail "run --kernels failed: $(cat hard.err)"
want_row() { # PATTERN: a row of hard.out
	grep -Eq "$1" hard.out || fail "no row /$1/ in: $(cat hard.out)"
	echo "ok: $(grep -E "$1" hard.out)"
}
want_row '^fixed_exp +double +2 +<0\.5 +[^ ]+ +100\.00 +0 +0/0 '
want_row '^fixed_cosh +double +2 +>0\.5 +[^ ]+ +50\.00 +1 +1/0 '
want_row '^fixed_pow +double +1 +>0\.5 +>0\.5 +0\.00 +1 +1/0 '
grep -q '^  fixed_cosh: >0\.5 ulp (input 1)$' hard.out ||
	fail "fixed_cosh's witness: $(grep -A3 '^  fixed_cosh' hard.out)"

# The histogram: the misrounded result beyond 1/2, not among the correctly
# rounded ones (one kernel a line in the JSON report).
"$FPCHECK" report --format json hard.rec -o hard.json
grep '"name": "fixed_cosh"' hard.json >cosh.json || fail "no fixed_cosh in the JSON"
grep -q '{"bin": "\[-1,-1/2)", "count": 1}, {"bin": "\[-1/2,0)", "count": 1}' cosh.json ||
	fail "fixed_cosh's histogram: $(grep -o '"histogram": [^]]*' cosh.json)"
grep -q '"max_ulp": 0\.50000000000000011' cosh.json ||
	fail "fixed_cosh's max_ulp is not above 1/2: $(grep -o '"max_ulp": [^,]*' cosh.json)"
echo "ok: the JSON bins and max_ulp of fixed_cosh lie beyond 1/2"

# diff against the correctly rounded cosh: each side's error on the side
# of 1/2 where it lies, not the digits of a double next to 1/2.
"$FPCHECK" run --kernels fixed.c --cflags "-O2 -I$SRC/include -DCORRECT" \
	-f exp,cosh,pow -i hard.txt -o correct.rec --no-report 2>correct.err ||
	fail "run --kernels -DCORRECT failed: $(cat correct.err)"
set +e
"$FPCHECK" diff hard.rec correct.rec >diff.out 2>diff.err
st=$?
set -e
[ $st -eq 1 ] || fail "diff exited $st: $(cat diff.err)"
grep -A20 '^fixed_cosh (double)' diff.out >cosh.diff
grep -q '^  max error on these inputs: A >0\.5 ulp, B <0\.5 ulp$' cosh.diff ||
	fail "fixed_cosh's max errors in diff: $(cat cosh.diff)"
grep -q '^      error  A <-0\.5, B <+0\.5 ulp$' cosh.diff ||
	fail "fixed_cosh's signed errors in diff: $(cat cosh.diff)"
echo "ok: diff says $(grep '^      error' cosh.diff | tr -s ' ')"

# 20000 of 20001 correct is not 100 %, 1 of 20001 is not 0 %.
seq 1 20001 >many.txt
"$FPCHECK" run --kernels sqrt.c --cflags "-O2 -I$SRC/include" -f sqrt \
	-i many.txt -o many.rec >many.out 2>many.err ||
	fail "run --kernels on 20001 inputs failed: $(cat many.err)"
grep -Eq '^almost_sqrt +double +20001 +[^ ]+ +[^ ]+ +>99\.99 +1 +1/0 ' many.out ||
	fail "almost_sqrt: $(grep '^almost_sqrt' many.out)"
grep -Eq '^rarely_sqrt +double +20001 +[^ ]+ +[^ ]+ +<0\.01 +1 +0/20000 ' many.out ||
	fail "rarely_sqrt: $(grep '^rarely_sqrt' many.out)"
grep -Eq '^sqrt +double +20001 +[^ ]+ +[^ ]+ +100\.00 ' many.out ||
	fail "sqrt: $(grep '^sqrt ' many.out)"
echo "ok: $(grep -E '^(almost|rarely)_sqrt' many.out | tr -s ' ' | tr '\n' ';')"
