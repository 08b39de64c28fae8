#!/bin/sh
# The built-in default matrix on this machine: every installed toolchain,
# natively or under qemu-user.  With the cross compilers CI installs it
# covers at least 12 configurations on 4 architectures.
. "$(dirname "$0")/lib.sh"

"$FPCHECK" matrix --list >list.txt
avail=$(grep -cE '^[^ ]+ +available' list.txt)
if [ "$avail" -lt 2 ]; then
	echo "skipped: fewer than two configurations available here"
	exit 77
fi
# Images at 80x60 rather than 160x120: a quarter of the render time
# under qemu, the same code paths.
"$FPCHECK" matrix --out r --samples 256 --image-size 80x60 --format csv \
	>summary.csv 2>status.txt ||
	fail "default matrix failed: $(cat status.txt)"
cat status.txt
ran=$(grep -c '^  ok ' status.txt)
[ "$ran" -eq "$avail" ] || fail "$ran of $avail available configurations ran"
archs=$(for r in r/*.rec; do "$FPCHECK" dump -k sqrt "$r" | sed -n 's/^  arch  *//p'; done | sort -u)
echo "architectures: $(echo $archs)"
if [ "${CI:-}" = true ]; then
	# CI installs qemu-user and the aarch64, i686, riscv64 and s390x
	# cross compilers: they must all have run.
	[ "$ran" -ge 12 ] || fail "only $ran configurations ran in CI"
	for a in x86_64 aarch64 i686 riscv64 s390x; do
		echo "$archs" | grep -qx $a || fail "no $a record"
	done
fi
# A record made under qemu names the emulator.
for r in r/*.rec; do
	"$FPCHECK" dump -k sqrt "$r" >d.txt
	if grep -q '^  arch  *aarch64$' d.txt; then
		grep -q '^  emulator  *qemu-aarch64 ' d.txt ||
			fail "$r does not name its emulator"
	fi
done
# The summary compares every configuration with the baseline.
lines=$(grep -c '^sqrt,' summary.csv)
[ "$lines" -eq "$ran" ] || fail "summary has $lines sqrt rows for $ran records"

# fma() is a correctly rounded operation: every configuration whose flags
# keep IEEE semantics must return it on every input (-ffast-math builds may
# not: clang's expands it, and FTZ flushes subnormal results).
"$FPCHECK" report --format csv r/*.rec >all.csv
python3 - all.csv <<'PY' || fail "fma() is not correctly rounded everywhere"
import csv, sys
bad = []
for r in csv.DictReader(open(sys.argv[1])):
    if r["kernel"] in ("fma", "fmaf") and "fastmath" not in r["configuration"]:
        if r["correctly_rounded"] != r["inputs"]:
            bad.append((r["configuration"], r["kernel"], r["correctly_rounded"], r["inputs"]))
print("fma() correctly rounded on every input of",
      sum(1 for _ in csv.DictReader(open(sys.argv[1]))
          if _["kernel"] == "fma" and "fastmath" not in _["configuration"]),
      "IEEE configurations" if not bad else bad)
sys.exit(1 if bad else 0)
PY

# The port: aarch64 -O2 against -O3 -ffast-math.  The loops come out as
# NEON vectors whose lanes are added in adjacent pairs, with fma for the
# dot product: diff reproduces every differing result.
if [ -s r/aarch64-gcc-O2.rec ] && [ -s r/aarch64-gcc-O3-fastmath.rec ]; then
	set +e
	"$FPCHECK" diff r/aarch64-gcc-O2.rec r/aarch64-gcc-O3-fastmath.rec >a64.txt
	set -e
	for k in sum_loop sum_loopf dot_loop dot_loopf sum_kahanf; do
		sed -n "/^$k (/,/^\$/p" a64.txt >"$k.txt"
		grep -Eq '^    reassociation on ([0-9]+) of \1$' "$k.txt" ||
			fail "aarch64 $k: not all reassociation: $(cat "$k.txt")"
	done
	tr '\n' ' ' <sum_loopf.txt | grep -Eq '4-lane summation, lanes added in +adjacent pairs \(NEON\) on +the host, reproduces B.s bits on ([0-9]+) of \1 differing' ||
		fail "aarch64 sum_loopf is not NEON's 4 lanes: $(cat sum_loopf.txt)"
else
	echo "note: aarch64 records missing, port diff not checked"
fi
# The renders differ between x86-64 and aarch64 at -O2 (aarch64 GCC
# contracts to fma by default), and imgdiff shows it.
if [ -s r/aarch64-gcc-O2.rec ]; then
	for k in path_spp64f mandelbrotf; do
		set +e
		"$FPCHECK" imgdiff -k $k r/x86_64-gcc-O2.rec r/aarch64-gcc-O2.rec \
			-o img/$k >img-$k.txt
		st=$?
		set -e
		[ $st -eq 1 ] || fail "imgdiff $k x86_64 against aarch64 exited $st"
		echo "$k x86_64-gcc-O2 against aarch64-gcc-O2: $(grep 'identical pixels' img-$k.txt)"
	done
fi
echo "default matrix: $ran configurations"
