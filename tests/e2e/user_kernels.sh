#!/bin/sh
# A user's own library: the example in docs/examples/mylib registered
# with include/fpcheck/kernel.h, run with --kernels, measured against
# the truth of the function it implements, gated by check: the change
# that makes mylib_exp worse fails, naming it and its witness.
. "$(dirname "$0")/lib.sh"

cp -r "$SRC/docs/examples/mylib" lib
cd lib
cc -O2 -c mylib.c && ar rcs libmylib.a mylib.o || fail "cannot build mylib"
run_lib() {
	"$FPCHECK" run --kernels my_checks.c --cflags "-O2 -I." \
		--ldflags "-L. -lmylib" -o "$1" >"$1.txt" 2>"$1.err" ||
		fail "run --kernels failed: $(cat "$1.err")"
}
run_lib good.rec
grep -Eq '^mylib_exp +double +8281 +[0-9.]+ ' good.rec.txt ||
	fail "mylib_exp not measured: $(cat good.rec.txt)"
grep -Eq '^mylib_expf +float ' good.rec.txt || fail "no mylib_expf row"
grep -Eq '^mylib_smoothstep double +8276 +no truth' good.rec.txt ||
	fail "mylib_smoothstep is not a kernel without truth"
grep -Eq '^exp +double ' good.rec.txt || fail "no reference row for exp"
ls | grep -q runner && fail "the runner built for the user's kernels is left behind"
echo "ok: $(grep '^mylib_exp ' good.rec.txt)"

# The committed table is this platform's: the same build passes it.
if "$FPCHECK" check -t tolerances.json good.rec >committed.txt 2>committed.err; then
	echo "ok: the example's committed table passes here"
else
	grep -q 'no tolerances for platform' committed.err ||
		fail "the committed table: $(cat committed.txt committed.err)"
	echo "note: this platform is not the committed table's: $(cat committed.err)"
fi

"$FPCHECK" tolerances --format json good.rec -o mine.json
"$FPCHECK" check -t mine.json good.rec >ok.txt || fail "good.rec fails its own table"
grep -q '0 violations, 0 warnings' ok.txt || fail "$(cat ok.txt)"

# The regression: the polynomial cut to degree 7.
cc -O2 -DMYLIB_WORSE -c mylib.c && ar rcs libmylib.a mylib.o || fail "cannot build the worse mylib"
run_lib worse.rec
set +e
"$FPCHECK" check -t mine.json worse.rec --junit junit.xml >fail.txt
st=$?
set -e
[ $st -eq 1 ] || fail "check of the worse library exited $st: $(cat fail.txt)"
grep -Eq '^  FAIL mylib_exp double: [0-9]+ ulps, [0-9]+ allowed; x = -?0x1\.[0-9a-f]+p-2 ' fail.txt ||
	fail "no violation of mylib_exp with its witness: $(cat fail.txt)"
grep -q 'name="mylib_exp double"' junit.xml || fail "the JUnit XML lacks mylib_exp"
validate_junit junit.xml
echo "ok: $(grep '^  FAIL mylib_exp' fail.txt | cut -c1-90)"

# The readers of several records see the user's functions too: the
# kernels x records table, diff, plot and the HTML page.
"$FPCHECK" report good.rec worse.rec >table.txt || fail "report of two records failed"
grep -Eq '^mylib_exp +base +615 +[0-9.]+% +[0-9.e+]+ +[0-9.e+]+$' table.txt ||
	fail "no mylib_exp row in the table: $(cat table.txt)"
grep -Eq '^mylib_smoothstep +base +- += +-$' table.txt ||
	fail "mylib_smoothstep is not compared between the records: $(cat table.txt)"
set +e
"$FPCHECK" diff good.rec worse.rec >diff.txt
st=$?
set -e
[ $st -eq 1 ] || fail "diff of the good and worse library exited $st"
grep -q '^mylib_exp (double): [0-9]* of 8281 inputs differ' diff.txt ||
	fail "diff does not compare mylib_exp: $(head -20 diff.txt)"
grep -q '^identical: .*mylib_smoothstep' diff.txt ||
	fail "diff does not find mylib_smoothstep identical"
"$FPCHECK" plot good.rec worse.rec mylib_exp -o exp.png || fail "plot of mylib_exp failed"
expect_error 2 "'mylib_smoothstep' has no truth" "$FPCHECK" plot good.rec mylib_smoothstep -o s.png
"$FPCHECK" report --html page.html good.rec worse.rec >/dev/null || fail "the HTML page failed"
grep -q '<td class="k">mylib_exp</td>' page.html || fail "the page's table lacks mylib_exp"
grep -q 'alt="mylib_exp"' page.html || fail "the page lacks mylib_exp's error plot"
echo "ok: report, diff, plot and the HTML page show mylib_exp"

# matrix --kernels: the library's own sources compiled into every
# configuration's runner, with its compiler and flags (aarch64 under qemu
# when the cross toolchain is here, as CI installs it).
cc -O2 -c mylib.c && ar rcs libmylib.a mylib.o || fail "cannot rebuild mylib"
{
	printf '[native-O2]\ncc = cc\ncflags = -O2\nbaseline = yes\n\n'
	printf '[native-fastmath]\ncc = cc\ncflags = -O3 -ffast-math\n\n'
	printf '[broken]\ncc = cc\ncflags = -O2 -DMYLIB_BROKEN\n'
} >m.ini
printf '#ifdef MYLIB_BROKEN\n#error this configuration does not build\n#endif\n' >guard.c
if command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null &&
	[ -d /usr/aarch64-linux-gnu ]; then
	printf '\n[arm-O2]\ncc = aarch64-linux-gnu-gcc\ncflags = -O2\nemulator = qemu-aarch64 -L /usr/aarch64-linux-gnu\n' >>m.ini
	arm=1
else
	echo "note: no aarch64-linux-gnu-gcc or qemu-aarch64: matrix --kernels on the host only"
	arm=0
fi
set +e
"$FPCHECK" matrix --config m.ini --out mx --kernels my_checks.c,mylib.c \
	--kernels guard.c --kernel-cflags "-I." -f sin >mx.txt 2>mx.err
st=$?
set -e
[ $st -eq 1 ] || fail "matrix with one broken configuration exited $st: $(cat mx.err)"
grep -Eq '^  FAILED +broken +build failed .*error: #error this configuration does not build' mx.err ||
	fail "the broken configuration is not reported: $(cat mx.err)"
for c in native-O2 native-fastmath; do
	[ -f "mx/$c.rec" ] || fail "no record for $c: $(cat mx.err)"
done
grep -Eq '^mylib_exp +base +615 ' mx.txt || fail "no mylib_exp row in the matrix: $(cat mx.txt)"
grep -Eq '^mylib_smoothstep +base ' mx.txt || fail "no mylib_smoothstep row: $(cat mx.txt)"
grep -Eq '^sin +base ' mx.txt || fail "-f sin is not in the matrix: $(cat mx.txt)"
"$FPCHECK" dump mx/native-fastmath.rec | grep -q -- '-O3 -ffast-math -I\.' ||
	fail "the record does not name the flags the user's files were built with"
if [ $arm -eq 1 ]; then
	[ -f mx/arm-O2.rec ] || fail "no record for arm-O2: $(cat mx.err)"
	"$FPCHECK" dump mx/arm-O2.rec | grep -q 'arch.*aarch64' || fail "arm-O2 is not an aarch64 record"
	# The library was compiled for aarch64: its own table, which it passes.
	"$FPCHECK" tolerances --format json mx/arm-O2.rec -o arm.json
	"$FPCHECK" check -t arm.json mx/arm-O2.rec >arm.txt || fail "arm-O2 fails its own table: $(cat arm.txt)"
	grep -q '"mylib_exp"' arm.json || fail "the aarch64 table lacks mylib_exp"
	echo "ok: matrix --kernels on aarch64: $(grep '^mylib_exp ' mx.txt)"
fi
echo "ok: matrix --kernels: $(grep '^  FAILED' mx.err)"
expect_error 2 "--kernels and --corpus exclude each other" \
	"$FPCHECK" matrix --config m.ini --out mx2 --kernels my_checks.c --corpus mx/corpus.corpus
expect_error 2 "--kernel-cflags and --kernel-ldflags build your --kernels" \
	"$FPCHECK" matrix --config m.ini --out mx2 --kernel-cflags -I.

# Errors: one line, exit 2, nothing left behind.
expect_error 2 "cannot open 'none.c'" "$FPCHECK" run --kernels none.c -o x.rec
printf '#include <fpcheck/kernel.h>\nconst struct fpc_user_kernel fpc_user_kernels[] = {FPC_END};\n' >empty.c
expect_error 2 "'empty.c' registers no function" "$FPCHECK" run --kernels empty.c -o x.rec
printf '#include <fpcheck/kernel.h>\n#include <math.h>\nconst struct fpc_user_kernel fpc_user_kernels[] = {FPC_DOUBLE1(exp2, "expx"), FPC_END};\n' >bad.c
expect_error 2 "exp2: 'expx' is no function fpcheck knows" "$FPCHECK" run --kernels bad.c -o x.rec
printf 'this is not C\n' >broken.c
set +e
"$FPCHECK" run --kernels broken.c -o x.rec >/dev/null 2>broken.err
st=$?
set -e
[ $st -eq 2 ] || fail "a file that does not compile exited $st"
grep -q "the build of the runner with your kernels failed" broken.err ||
	fail "no clear message for a build failure: $(cat broken.err)"
ls | grep -q 'x.rec' && fail "a failed run left files behind: $(ls)"
echo "user kernels: ok"
