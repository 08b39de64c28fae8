#!/bin/sh
# Reductions on real builds: run-to-run determinism with --repeat (the
# threaded and atomic orders vary on 2 or more cores, every
# single-threaded kernel does not), and the plain loop and Kahan's
# summation under -O3 -ffast-math, which diff attributes to reassociation
# at the lane width that reproduces them.
. "$(dirname "$0")/lib.sh"

CC=${CC:-cc}
command -v "$CC" >/dev/null || { echo "skipped: no C compiler ($CC) to build runners"; exit 77; }

build_runner r-O2 "$CC" "-O2"
build_runner r-fast "$CC" "-O3 -ffast-math"

K=sum_seq,sum_seqf,sum_pairwise,sum_kahan,sum_kahanf,sum_loop,sum_loopf
K=$K,dot_loop,dot_loopf,norm_loop,sum_threads,sum_atomic,dot_atomicf
"$FPCHECK" run --runner ./r-O2 -f $K --repeat 6 -o O2.rec >O2.txt ||
	fail "run -O2 failed"
"$FPCHECK" run --runner ./r-fast -f $K -o fast.rec --no-report ||
	fail "run -O3 -ffast-math failed"

grep -q '^run-to-run determinism (6 runs' O2.txt ||
	fail "no determinism section: $(cat O2.txt)"
for k in sum_seq sum_seqf sum_pairwise sum_kahan sum_loop dot_loop norm_loop; do
	grep -q "^  $k: varied" O2.txt &&
		fail "single-threaded $k reported nondeterministic"
done
if [ "$(nproc)" -ge 2 ]; then
	grep -Eq '^  sum_atomic: varied on [0-9]+ of [0-9]+ inputs, up to [2-6] results' O2.txt ||
		fail "the atomic sum was not shown nondeterministic on $(nproc) cores: $(grep -A8 '^run-to-run' O2.txt)"
else
	echo "note: 1 core, the threaded orders cannot interleave; not checked"
fi
"$FPCHECK" report --format json -o O2.json O2.rec
python3 - O2.json <<'PY' || fail "repeat fields in JSON"
import json, sys
r = json.load(open(sys.argv[1]))
ks = {k["name"]: k for k in r["records"][0]["kernels"]}
assert ks["sum_seq"]["repeat"] == {"runs": 6, "inputs_varied": 0,
        "max_distinct": 1, "deterministic": True}, ks["sum_seq"]["repeat"]
PY

# -O2 against -O3 -ffast-math: the loop and Kahan's sum explained input by
# input.  (The pairwise and atomic orders change too, in ways no host
# variant reproduces; they are not checked here.)
set +e
"$FPCHECK" diff O2.rec fast.rec >diff.txt
rc=$?
set -e
[ $rc -eq 1 ] || fail "diff exited $rc, want 1"
for k in sum_loop sum_loopf dot_loop sum_kahan; do
	sed -n "/^$k (/,/^\$/p" diff.txt >"$k.txt"
	grep -Eq '^    reassociation on ([0-9]+) of \1$' "$k.txt" ||
		fail "$k: not all reassociation: $(cat "$k.txt")"
done
if [ "$(uname -m)" = x86_64 ] && ! "$CC" -O3 -ffast-math -dM -E - </dev/null | grep -q __AVX__; then
	# SSE2: two doubles or four floats a vector, reduced by halving.
	tr '\n' ' ' <sum_loop.txt | grep -Eq '2-lane blocked summation on the host reproduces B.s bits on +([0-9]+) of +\1 differing' ||
		fail "sum_loop is not 2-lane: $(cat sum_loop.txt)"
	tr '\n' ' ' <sum_loopf.txt | grep -Eq '4-lane blocked summation on the host reproduces B.s bits on +([0-9]+) of +\1 differing' ||
		fail "sum_loopf is not 4-lane: $(cat sum_loopf.txt)"
else
	grep -q 'lane blocked' sum_loop.txt || fail "no lane width named: $(cat sum_loop.txt)"
fi

# matrix --repeat passes the repetitions to every configuration's runner.
printf '[host-O2]\ncc = %s\ncflags = -O2\n' "$CC" >m.ini
"$FPCHECK" matrix --config m.ini --out mr --repeat 3 -f sum_seq,sum_atomic \
	>/dev/null 2>mstatus.txt || fail "matrix --repeat failed: $(cat mstatus.txt)"
"$FPCHECK" report mr/host-O2.rec >mrep.txt
grep -q '^run-to-run determinism (3 runs' mrep.txt ||
	fail "matrix --repeat left no determinism section: $(cat mrep.txt)"
echo "ok: reductions"
