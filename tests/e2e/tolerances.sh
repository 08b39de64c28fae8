#!/bin/sh
# fpcheck tolerances and check: tables from an x86-64 record and an
# aarch64 record (qemu) differ where their libms do; each record passes
# against its own table; a build that is worse fails with the function
# and its witness, in text, JUnit XML and markdown; tables are stable.
. "$(dirname "$0")/lib.sh"

F=sin,sinf,cos,cosf,exp,expf,log,logf,pow,powf,tgamma,tgammaf,hypotf,atan2f,mad,madf
"$FPCHECK" corpus -f $F --samples 2048 -o c.corpus
"$FPCHECK" run --corpus c.corpus -o x86.rec --no-report
if command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null; then
	build_runner runner-arm aarch64-linux-gnu-gcc -O2
	"$FPCHECK" run --corpus c.corpus -o arm.rec --no-report \
		--runner ./runner-arm --emulator "qemu-aarch64 -L /usr/aarch64-linux-gnu"
else
	echo "note: no aarch64 cross toolchain or qemu-aarch64: a musl or clang build stands in"
	if command -v musl-gcc >/dev/null; then
		build_runner runner-arm musl-gcc -O2 -DFPC_LIBC='"musl"'
	else
		build_runner runner-arm cc "-O2 -ffp-contract=off"
	fi
	"$FPCHECK" run --corpus c.corpus -o arm.rec --no-report --runner ./runner-arm
fi

# ---- tables, in every format
for fmt in glibc json header csv markdown; do
	"$FPCHECK" tolerances --format $fmt x86.rec -o x86.$fmt ||
		fail "tolerances --format $fmt failed"
done
"$FPCHECK" tolerances arm.rec -o arm.glibc
"$FPCHECK" tolerances --format json arm.rec -o arm.json
grep -q '^Function: "tgamma":$' x86.glibc || fail "no tgamma in the glibc table"
grep -Eq '^(double|float): [0-9]+$' x86.glibc || fail "no 'type: ulps' line"
cmp -s x86.glibc arm.glibc && fail "the x86-64 and the other table are the same"
diff x86.glibc arm.glibc >tables.diff || true
echo "ok: the tables differ where the libms do: $(grep -c '^[<>] [a-z]' tables.diff) lines"
# The header compiles and holds the same numbers.
cc -c -x c -o /dev/null - <<EOF || fail "the C header does not compile"
#include "$WORK/x86.header"
int n = sizeof(fpcheck_tolerances) / sizeof(fpcheck_tolerances[0]);
EOF
grep -q '^#define FPCHECK_ULPS_X86_64_GLIBC_[0-9_]*_GCC_[0-9_]*_O2_SIN_DOUBLE [0-9]' x86.header ||
	grep -q '^#define FPCHECK_ULPS_[A-Z0-9_]*_SIN_DOUBLE [0-9]' x86.header ||
	fail "no macro for sin double"
# Stable: the same records in another order, the same bytes.
"$FPCHECK" tolerances --format json x86.rec arm.rec -o both.json
"$FPCHECK" tolerances --format json arm.rec x86.rec -o both2.json
cmp both.json both2.json || fail "the table depends on the order of the records"
# Two records of one platform merge by the maximum.
cp x86.rec x86-again.rec
"$FPCHECK" tolerances x86.rec x86-again.rec -o merged.glibc
grep -v '^# record:' merged.glibc >m1
grep -v '^# record:' x86.glibc >m2
cmp -s m1 m2 || fail "one record twice is not the record's table"

# ---- check: each record against its own table, and both in one
for r in x86 arm; do
	"$FPCHECK" check -t $r.json $r.rec >out.txt ||
		fail "$r.rec fails its own table: $(cat out.txt)"
	grep -q "0 violations, 0 warnings" out.txt || fail "$(cat out.txt)"
done
"$FPCHECK" check -t both.json x86.rec arm.rec >/dev/null || fail "both.json"
"$FPCHECK" check -t x86.glibc x86.rec >/dev/null || fail "x86.rec against its glibc table"
echo "ok: every record within its own table"

# The witnesses alone: a few inputs, seconds.
"$FPCHECK" check -t x86.json --witnesses >w.txt || fail "witnesses: $(cat w.txt)"
grep -q '^witnesses (x86_64, ' w.txt && grep -q ' 0 violations' w.txt ||
	fail "witnesses: $(cat w.txt)"
if grep -q aarch64 arm.json; then
	"$FPCHECK" check -t arm.json --witnesses --runner ./runner-arm \
		--emulator "qemu-aarch64 -L /usr/aarch64-linux-gnu" >wa.txt ||
		fail "aarch64 witnesses: $(cat wa.txt)"
fi
expect_error 2 "no witness input \(a glibc layout has none" \
	"$FPCHECK" check -t x86.glibc --witnesses
echo "ok: witnesses re-checked"

# ... a platform the table does not have is an error, not a pass
expect_error 2 "arm.rec: no tolerances for platform '.*' \(the table has: 'x86_64, " \
	"$FPCHECK" check -t x86.json arm.rec

# ... a worse build fails, naming the function and its witness
build_runner runner-fast cc "-O3 -ffast-math"
"$FPCHECK" run --corpus c.corpus -o fast.rec --no-report --runner ./runner-fast
sed 's/^# platform: .*$//' x86.glibc >any.glibc # applies to any platform
set +e
"$FPCHECK" check -t any.glibc fast.rec --junit out/junit.xml --markdown out/summary.md >fail.txt
st=$?
set -e
[ $st -eq 1 ] || fail "check of a worse build exited $st: $(cat fail.txt)"
grep -Eq '^  FAIL (pow|hypotf|atan2f|tgamma|mad)[a-z]* (double|float): [0-9]+ ulps, [0-9]+ allowed; x = 0x' fail.txt ||
	fail "no violation with its witness: $(cat fail.txt)"
echo "ok: $(grep -c '^  FAIL' fail.txt) violations, e.g. $(grep -m1 '^  FAIL' fail.txt | cut -c1-100)"
grep -q '^## fpcheck check: tolerances exceeded' out/summary.md || fail "markdown summary"
python3 - out/junit.xml <<'PY' || fail "the JUnit XML is not JUnit"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
total = fails = 0
for s in root:
    assert s.tag == "testsuite" and s.get("name"), s.attrib
    cases = s.findall("testcase")
    assert int(s.get("tests")) == len(cases), s.attrib
    f = [c for c in cases if c.find("failure") is not None]
    assert int(s.get("failures")) == len(f) > 0, s.attrib
    assert int(s.get("skipped")) == sum(c.find("skipped") is not None for c in cases)
    assert int(s.get("errors")) == 0
    for c in cases:
        assert c.get("classname") and c.get("name"), c.attrib
        for e in c:
            assert e.tag in ("failure", "skipped"), e.tag
    for c in f:
        x = c.find("failure")
        assert x.get("message") and "x = 0x" in x.text, x.attrib
    total += len(cases)
    fails += len(f)
assert int(root.get("tests")) == total and int(root.get("failures")) == fails
print("ok: junit: %d tests, %d failures" % (total, fails))
PY
validate_junit out/junit.xml

# ---- bad tables and arguments
printf '{"schema": "fpcheck-tolerances", "platforms": [\n{"platform": 1}\n' >bad.json
expect_error 2 "^fpcheck: bad.json:3: " "$FPCHECK" check -t bad.json x86.rec
printf 'Function: "sin":\ndouble: one\n' >bad.glibc
expect_error 2 "^fpcheck: bad.glibc:2: expected 'Function: \"name\":' or 'type: ulps'" \
	"$FPCHECK" check -t bad.glibc x86.rec
expect_error 2 "cannot open 'none.json'" "$FPCHECK" check -t none.json x86.rec
expect_error 2 "unknown table format 'xml'" "$FPCHECK" tolerances --format xml x86.rec -o t
expect_error 2 "no kernel 'sinx' with a truth in the records" "$FPCHECK" tolerances -f sin,sinx x86.rec -o t
[ ! -e t ] || fail "a failed tolerances command left its output"
echo "tolerances: ok"
