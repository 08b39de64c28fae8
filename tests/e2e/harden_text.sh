#!/bin/sh
# The text readers hold to their documented bounds: tolerance tables
# (check -t, JSON and the glibc layout), matrix files (matrix --config)
# and input files (run --inputs).  A file that never ends, a NUL byte, a
# line or a file over its limit, a negative or malformed count, or a ';'
# that libinih would read as a comment is one line on stderr and exit 2,
# never a hang nor a silently cut value; glibc's own libm-test-ulps is
# read whole, what fpcheck does not measure left out and named once.
. "$(dirname "$0")/lib.sh"

command -v timeout >/dev/null || {
	echo "timeout(1) is not installed: the hang checks need it"
	exit 77
}
# A reader that hangs fails the test instead of blocking it: every
# command below takes milliseconds, 60 s is slack for a busy machine.
T="timeout 60"

"$FPCHECK" corpus -f sin,sinf,exp,expf,pow,powf --samples 256 -o c.corpus
"$FPCHECK" run --corpus c.corpus -o x.rec --no-report

# ---- tolerance tables
expect_error 2 "^fpcheck: /dev/zero: larger than 16 MiB" \
	$T "$FPCHECK" check -t /dev/zero x.rec
head -c $((16 * 1048576 + 1)) /dev/zero | tr '\0' '\n' >big.glibc
expect_error 2 "^fpcheck: big.glibc: larger than 16 MiB" \
	$T "$FPCHECK" check -t big.glibc x.rec
printf 'Function: "sin":\ndouble: 1\0\n' >nul.glibc
expect_error 2 "^fpcheck: nul.glibc:2: NUL byte" $T "$FPCHECK" check -t nul.glibc x.rec
{
	printf 'Function: "sin":\n# '
	head -c 5000 /dev/zero | tr '\0' x
	printf '\ndouble: 1\n'
} >long.glibc
expect_error 2 "^fpcheck: long.glibc:2: line longer than 4096 characters" \
	$T "$FPCHECK" check -t long.glibc x.rec
# A count is a whole number of ulps: -1 is not "any".
for bad in -1 1.5 nan 18446744073709551616 0x10 '1 2'; do
	printf 'Function: "sin":\ndouble: %s\n' "$bad" >neg.glibc
	expect_error 2 "^fpcheck: neg.glibc:2: expected 'Function: \"name\":' or 'type: ulps' \(ulps a whole number, 0 or more\), not 'double: " \
		$T "$FPCHECK" check -t neg.glibc x.rec
done
printf 'Function: "sin":\ndouble: 1\nFunction: "sin":\ndouble: 2\n' >twice.glibc
expect_error 2 "^fpcheck: twice.glibc: sin \(double\) is listed twice" \
	$T "$FPCHECK" check -t twice.glibc x.rec
printf '# platform: a\nFunction: "sin":\ndouble: 1\n# platform: a\nFunction: "exp":\ndouble: 1\n' >plat.glibc
expect_error 2 "^fpcheck: plat.glibc: platform 'a' is listed twice" \
	$T "$FPCHECK" check -t plat.glibc x.rec
awk 'BEGIN { for (i = 0; i <= 4096; i++) printf "# platform: p%d\n", i }' >plats.glibc
expect_error 2 "^fpcheck: plats.glibc:4097: more than 4096 platforms" \
	$T "$FPCHECK" check -t plats.glibc x.rec
"$FPCHECK" tolerances --format json x.rec -o x.json
for field in '"special": -3' '"special": "2"' '"max_ulp": -1' '"ulps": -1'; do
	key=${field%%:*}
	sed "s/$key: [^,]*,/$field,/" x.json >bad.json
	expect_error 2 "^fpcheck: bad.json: platform 1, function 1 \([a-z]+\): ulps, max_ulp and special are numbers, never negative" \
		$T "$FPCHECK" check -t bad.json x.rec
done
# The C header is written for compilers, not read back: one line.
"$FPCHECK" tolerances --format header x.rec -o x.h
expect_error 2 "^fpcheck: x.h:[0-9]+: expected 'Function: " $T "$FPCHECK" check -t x.h x.rec
echo "ok: tolerance tables bounded, bad counts refused"

# glibc's layout as glibc writes it: complex functions' parts, types and
# functions fpcheck does not measure.  Added to fpcheck's own table of
# x.rec, they change nothing and are named once on stderr.
"$FPCHECK" tolerances x.rec -o own.glibc
sed 's/^# platform: .*$//' own.glibc >mixed.glibc
cat >>mixed.glibc <<'EOF'
Function: "acos_downward":
double: 1
float: 1
ldouble: 2

Function: Real part of "cacos":
double: 1
float: 2
float128: 2

Function: Imaginary part of "cacos":
double: 2
float: 2
EOF
"$FPCHECK" check -t mixed.glibc x.rec >mixed.txt 2>mixed.err ||
	fail "fpcheck's own table with glibc's extra blocks: $(cat mixed.txt mixed.err)"
grep -q " 0 violations, 0 warnings" mixed.txt || fail "$(cat mixed.txt)"
[ "$(wc -l <mixed.err)" -eq 1 ] &&
	grep -q "^fpcheck: mixed.glibc: left out 2 functions that fpcheck does not measure (1 complex, e.g. cacos; 1 more, e.g. acos_downward)$" mixed.err ||
	fail "what was left out: $(cat mixed.err)"
# glibc 2.36's own table (tests/data, with its provenance), whole.
ULPS=$SRC/tests/data/glibc-2.36-x86_64-libm-test-ulps
set +e
"$FPCHECK" check -t "$ULPS" x.rec >glibc.txt 2>glibc.err
st=$?
set -e
[ $st -le 1 ] || fail "glibc's libm-test-ulps refused (exit $st): $(cat glibc.err)"
grep -q "^  6 functions: " glibc.txt || fail "$(cat glibc.txt)"
[ "$(wc -l <glibc.err)" -eq 1 ] &&
	grep -Eq "left out [0-9]+ functions that fpcheck does not measure \(68 complex, e.g. cacos; [0-9]+ more, e.g. acos_downward, " glibc.err ||
	fail "glibc's table: $(cat glibc.err)"
echo "ok: glibc 2.36's table read whole: $(cat glibc.err)"

# ---- matrix files
expect_error 2 "^fpcheck: /dev/zero:1: NUL byte" $T "$FPCHECK" matrix --config /dev/zero --list
for v in '-O2 ;-mfma' '-O2	;-mfma'; do
	printf '[a]\ncc = cc\ncflags = %s\n' "$v" >semi.ini
	expect_error 2 "^fpcheck: semi.ini:3: ';' after white space would start a comment" \
		$T "$FPCHECK" matrix --config semi.ini --list
done
printf '[a]\ncc = cc\nenv = A=1 ;B=2\n' >semi.ini
expect_error 2 "^fpcheck: semi.ini:3: ';' after white space" \
	$T "$FPCHECK" matrix --config semi.ini --list
# 199 characters are read whole, 200 refused (libinih would cut them).
flags() { # N: "cflags = -O2 -O2 ... -Dxx", N characters
	awk -v n="$1" 'BEGIN {
		s = "cflags ="
		while (length(s) + 8 <= n)
			s = s " -O2"
		s = s " -D"
		while (length(s) < n)
			s = s "x"
		print s
	}'
}
printf '[a]\ncc = cc\n' >l199.ini
flags 199 >>l199.ini
[ "$(sed -n 3p l199.ini | wc -c)" -eq 200 ] || fail "the 199-character line is $(sed -n 3p l199.ini | wc -c) bytes"
"$FPCHECK" matrix --config l199.ini --list >l199.txt || fail "a 199-character line refused"
grep -qx "  cc $(sed -n 's/^cflags = //p' l199.ini)" l199.txt ||
	fail "the 199-character line was not read whole: $(cat l199.txt)"
printf '[a]\ncc = cc\n' >l200.ini
flags 200 >>l200.ini
expect_error 2 "^fpcheck: l200.ini:3: line longer than 199 characters" \
	$T "$FPCHECK" matrix --config l200.ini --list
# Longer values continue on indented lines, joined by a space.
printf '[a]\ncc = cc\ncflags = -O2\n  -ffp-contract=off\n\t-fno-math-errno\n' >cont.ini
"$FPCHECK" matrix --config cont.ini --list >cont.txt
grep -qx "  cc -O2 -ffp-contract=off -fno-math-errno" cont.txt ||
	fail "continuation lines: $(cat cont.txt)"
printf '[a]\ncc = cc\nbaseline = yes\n  no\n' >cont.ini
expect_error 2 "^fpcheck: cont.ini:4: 'baseline' is yes or no: an indented line cannot continue it" \
	$T "$FPCHECK" matrix --config cont.ini --list
# libinih keeps 49 characters of a section name.
printf '[%s]\ncc = cc\n' "$(head -c 50 /dev/zero | tr '\0' a)" >name.ini
expect_error 2 "^fpcheck: name.ini:1: configuration name 'a+\.\.\.' is longer than 49 characters" \
	$T "$FPCHECK" matrix --config name.ini --list
printf '[a]\r\ncc = cc\r\ncflags = -O2\r\n' >crlf.ini
"$FPCHECK" matrix --config crlf.ini --list | grep -qx "  cc -O2" || fail "CR LF lines"
{
	echo '[a]'
	echo 'cc = cc'
	awk 'BEGIN { for (i = 0; i < 12000; i++) printf "# %096d\n", i }'
} >huge.ini
expect_error 2 "^fpcheck: huge.ini:[0-9]+: larger than 1024 KiB, the largest matrix file" \
	$T "$FPCHECK" matrix --config huge.ini --list
awk 'BEGIN { for (i = 0; i <= 1024; i++) printf "[c%d]\ncc = cc\n", i }' >many.ini
expect_error 2 "^fpcheck: many.ini:2049: more than 1024 configurations" \
	$T "$FPCHECK" matrix --config many.ini --list
echo "ok: matrix files bounded, nothing cut"

# ---- input files
expect_error 2 "^fpcheck: /dev/zero:1: NUL byte" \
	$T "$FPCHECK" run --functions sin --inputs /dev/zero -o in.rec
{
	head -c 1025 /dev/zero | tr '\0' 1
	echo
} >long.txt
expect_error 2 "^fpcheck: long.txt:1: line too long" \
	$T "$FPCHECK" run --functions sin --inputs long.txt -o in.rec
echo "ok: input files bounded"
echo "harden_text: ok"
