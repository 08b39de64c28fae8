#!/bin/sh
# fpcheck matrix with a user's matrix file: a configuration whose compiler
# is missing, one whose build fails, one whose runner crashes and one that
# hangs are each reported with their reason while the others complete.
. "$(dirname "$0")/lib.sh"

printf '#!/bin/sh\nkill -SEGV $$\n' >crash.sh
printf '#!/bin/sh\nexec sleep 60\n' >hang.sh
chmod +x crash.sh hang.sh
cat >m.ini <<INI
# two good configurations and four bad ones
[good-O2]
cc = cc
cflags = -O2
baseline = yes

[good-nocontract]
cc = cc
cflags = -O2 -ffp-contract=off

[no-compiler]
cc = /nonexistent/bin/gcc
cflags = -O2

[bad-flags]
cc = cc
cflags = -O2 -fno-such-flag-for-fpcheck

[crashes]
cc = cc
cflags = -O2
emulator = $WORK/crash.sh

[hangs]
cc = cc
cflags = -O2
emulator = $WORK/hangs-here.sh
INI
mv hang.sh hangs-here.sh

"$FPCHECK" matrix --config m.ini --list >list.txt
grep -q '^no-compiler  *skipped: compiler .*/nonexistent/bin/gcc. not found' list.txt ||
	fail "--list does not say why no-compiler cannot run: $(cat list.txt)"

# The libm and expression kernels only: the 3 s limit is for the hang,
# and the reductions' long vectors and the renders would use it up on a
# busy machine.
KS=$("$RUNNER" --list | grep -Ev '^(sum|dot|norm|path)_|^mandelbrot' | paste -sd, -)
set +e
"$FPCHECK" matrix --config m.ini --out r --samples 64 --timeout 3 -j 2 \
	-f "$KS" >summary.txt 2>status.txt
rc=$?
set -e
cat status.txt
[ $rc -eq 1 ] || fail "matrix exited $rc, want 1 (some configurations failed)"
grep -Eq '^  ok +good-O2 ' status.txt || fail "good-O2 did not run"
grep -Eq '^  ok +good-nocontract ' status.txt || fail "good-nocontract did not run"
grep -Eq '^  FAILED +no-compiler +compiler .* not found' status.txt ||
	fail "missing compiler not reported"
grep -Eq '^  FAILED +bad-flags +build failed \(exit 1\): .*no-such-flag' status.txt ||
	fail "failed build not reported with the compiler's message"
grep -Eq '^  FAILED +crashes +runner killed by signal 11' status.txt ||
	fail "crash not reported"
grep -Eq '^  FAILED +hangs +runner did not finish within 3 s' status.txt ||
	fail "hang not reported"
[ -s r/good-O2.rec ] && [ -s r/good-nocontract.rec ] || fail "records missing"
[ -e r/crashes.rec ] && fail "a crashed configuration left a record"
grep -q 'no-such-flag' r/logs/bad-flags.log || fail "build log lacks the error"
grep -q '^  \[1\] good-O2 (baseline)' summary.txt || fail "no summary"
grep -Eq '^sqrtf +base +[<0-9.]+ += ' summary.txt || fail "summary rows missing"

# --only reruns one configuration and leaves the others' records alone.
cp r/good-O2.rec before.rec
"$FPCHECK" matrix --config m.ini --out r --samples 64 --timeout 30 \
	--only good-nocontract -f sqrt,sqrtf --html r/page.html >/dev/null 2>only.txt ||
	fail "matrix --only failed: $(cat only.txt)"
grep -q '<td>good-nocontract (baseline)</td>' r/page.html ||
	fail "matrix --html wrote no page of the configuration it ran"
cmp -s before.rec r/good-O2.rec || fail "--only removed or changed good-O2's record"

# Matrix file errors name the line.
printf '[a]\ncc = cc\ncolour = red\n' >bad.ini
expect_error 2 "bad.ini:3: unknown key 'colour'" "$FPCHECK" matrix --config bad.ini --list
printf '[a]\ncc = cc\n[a]\ncc = gcc\n' >dup.ini
expect_error 2 "dup.ini:3: configuration 'a' is defined twice" \
	"$FPCHECK" matrix --config dup.ini --list
printf '[a b]\ncc = cc\n' >name.ini
expect_error 2 "name.ini:2: 'a b' is not a valid configuration name" \
	"$FPCHECK" matrix --config name.ini --list
printf '[a]\ncflags = -O2\n' >nocc.ini
expect_error 2 "nocc.ini: configuration 'a' has no cc" \
	"$FPCHECK" matrix --config nocc.ini --list
expect_error 2 "cannot open 'missing.ini'" "$FPCHECK" matrix --config missing.ini
expect_error 2 "--only: no configuration 'nope'" \
	"$FPCHECK" matrix --config m.ini --only nope
echo "matrix isolation checks passed"
