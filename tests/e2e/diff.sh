#!/bin/sh
# fpcheck diff: a record against itself, damaged and incomparable records,
# then real differences with their causes: the runner cross-built for
# i686 with x87 and with SSE arithmetic (x87-double-rounding), and built
# against musl instead of glibc (libm).  Each real-difference part is
# skipped, saying why, when its tools are missing.
. "$(dirname "$0")/lib.sh"


# diff_status WANT OUT ARGS...: fpcheck diff ARGS must exit WANT, stdout
# to OUT.
diff_status() {
	want=$1 out=$2
	shift 2
	set +e
	"$FPCHECK" diff "$@" >"$out"
	got=$?
	set -e
	[ $got -eq "$want" ] || fail "diff $* exited $got, want $want"
}

# narrow FILE: fails when a line of FILE is wider than 80 columns.
narrow() {
	awk 'length > 80 { exit 1 }' "$1" || fail "$1 is wider than 80 columns"
}

"$FPCHECK" corpus -o c.corpus --samples 512 --image-size 16x12
"$FPCHECK" run --corpus c.corpus -o host.rec --no-report

# A record against itself: identical, exit 0.
diff_status 0 self.txt host.rec host.rec
grep -q '^identical: sin ' self.txt || fail "sin is not identical to itself"
grep -Eq '^[0-9]+ kernels compared: ([0-9]+) identical, 0 differ$' self.txt ||
	fail "self diff: $(grep compared self.txt)"
diff_status 0 /dev/null --format json -o self.json host.rec host.rec
if command -v python3 >/dev/null; then
	python3 - self.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "fpcheck-diff" and d["schema_version"] == 1, d.keys()
assert d["differ"] == 0 and d["compared"] == len(d["kernels"]), d["differ"]
assert all(k["identical"] for k in d["kernels"])
print("ok: json self diff parses, %d kernels identical" % d["compared"])
PY
fi

# Damaged, missing and incomparable records: one line on stderr, exit 2.
size=$(wc -c <host.rec)
head -c $((size / 2)) host.rec >cut.rec
expect_error 2 "cut.rec: .*truncated" "$FPCHECK" diff host.rec cut.rec
expect_error 2 "cannot open 'none.rec'" "$FPCHECK" diff none.rec host.rec
expect_error 2 "unknown diff format" \
	"$FPCHECK" diff --format csv host.rec host.rec
FPCHECK_SEED=7 "$FPCHECK" corpus -o other.corpus --functions sin --samples 64
"$FPCHECK" run --corpus other.corpus -o other.rec --no-report
expect_error 2 "no kernel could be compared" "$FPCHECK" diff host.rec other.rec
grep -q 'the inputs differ' out.txt || fail "inputs-differ kernel not reported"

ran=0

# i686: the same sources with x87 and with SSE arithmetic.
CC32=i686-linux-gnu-gcc QEMU32=qemu-i386 ROOT32=/usr/i686-linux-gnu
if ! command -v $CC32 >/dev/null || ! command -v $QEMU32 >/dev/null ||
	[ ! -d $ROOT32 ]; then
	echo "skipped i686 x87 vs SSE: needs $CC32, $QEMU32 and $ROOT32" \
		"(apt-get install gcc-i686-linux-gnu qemu-user)"
else
	build_runner runner-x87 $CC32 "-O2 -mfpmath=387"
	build_runner runner-sse $CC32 "-O2 -msse2 -mfpmath=sse"
	for v in x87 sse; do
		"$FPCHECK" run --corpus c.corpus -o $v.rec --no-report \
			--runner ./runner-$v --emulator "$QEMU32 -L $ROOT32" --no-threads
	done
	diff_status 1 x87.txt x87.rec sse.rec
	grep -Eq '^    x87-double-rounding on [0-9]+ of [0-9]+$' x87.txt ||
		fail "x87 vs SSE: no kernel names x87-double-rounding"
	grep -q 'flt_eval_method  A  2' x87.txt ||
		fail "x87 vs SSE: flt_eval_method difference not shown"
	narrow x87.txt
	diff_status 1 /dev/null --format json -o x87.json x87.rec sse.rec
	if command -v python3 >/dev/null; then
		python3 - x87.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
k = [k for k in d["kernels"] if k["name"] == "sqrt"][0]
assert k["headline_cause"] == "x87-double-rounding", k["headline_cause"]
c = k["causes"][0]
assert c["cause"] == "x87-double-rounding" and c["side_a"] == c["count"], c
assert k["nearer"]["b"] == k["differing"], k["nearer"]
print("ok: sqrt x87 vs SSE: %d inputs double-rounded in A" % c["count"])
# The expression kernels, where the table has them: x87 excess precision,
# reproduced on an x86 host, whose long double is the x87 format.
import platform
mad = [k for k in d["kernels"] if k["name"] == "mad"]
if mad and platform.machine() in ("x86_64", "i686"):
    assert mad[0]["headline_cause"] == "x87-excess-precision", mad[0]["causes"]
    print("ok: mad x87 vs SSE: x87-excess-precision")
PY
	fi
	diff_status 1 x87.md --format markdown x87.rec sse.rec
	grep -q '^| sqrt | double |' x87.md || fail "markdown has no sqrt row"
	echo "ok: i686 x87 vs SSE:" \
		"$(grep -c 'x87-double-rounding on' x87.txt) kernel(s) double-rounded"
	ran=1
fi

# musl against the host's C library.
if ! command -v musl-gcc >/dev/null; then
	echo "skipped glibc vs musl: musl-gcc is not installed" \
		"(apt-get install musl-tools)"
else
	build_runner runner-musl musl-gcc "-O2" -DFPC_LIBC='"musl"'
	"$FPCHECK" run --corpus c.corpus -o musl.rec --no-report \
		--runner ./runner-musl
	diff_status 1 musl.txt --first 1 host.rec musl.rec
	grep -Eq '^    libm on [0-9]+ of [0-9]+$' musl.txt ||
		fail "host vs musl: no libm cause"
	grep -q 'B musl' musl.txt || fail "host vs musl: the libc is not named"
	narrow musl.txt
	echo "ok: host vs musl:" \
		"$(grep -c '^    libm on' musl.txt) kernel(s) with libm differences"
	ran=1
fi
[ $ran -eq 1 ] || echo "note: no cross toolchain, only the host checks ran"
echo "all diff checks passed"
