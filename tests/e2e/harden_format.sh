#!/bin/sh
# Hostile records through the CLI: every reader of a record (report,
# diff, merge, plot, ...) must refuse a malformed or oversized one with
# one line and status 2, before any costly work, and never crash.  The
# records are written by harden_format.py from docs/record-format.md.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || { echo "skipped: python3 writes the hostile records"; exit 77; }
GEN="python3 $SRC/tests/e2e/harden_format.py"
CACHE=$WORK/cache
export FPCHECK_CACHE_DIR="$CACHE"

"$FPCHECK" run -f sin --samples 50 -o good.rec --no-report ||
	fail "cannot write a record to compare against"

# A NUL byte in the last provenance key, or in the last value: text in a
# record never holds one, so the provenance is corrupt.
for c in prov-nul-key prov-nul-val; do
	$GEN $c $c.rec
	expect_error 2 "^fpcheck: $c.rec: file is corrupt" "$FPCHECK" report $c.rec
	expect_error 2 "^fpcheck: $c.rec: file is corrupt" "$FPCHECK" report --format json $c.rec
	expect_error 2 "$c.rec: file is corrupt" "$FPCHECK" diff $c.rec good.rec
	expect_error 2 "$c.rec: file is corrupt" "$FPCHECK" diff good.rec $c.rec
	expect_error 2 "$c.rec: file is corrupt" "$FPCHECK" merge -o m.rec $c.rec
	expect_error 2 "$c.rec: file is corrupt" "$FPCHECK" dump $c.rec
done

# A key given twice is corrupt; more pairs than the documented limit is
# refused as over it (diff compares every key of both records).
$GEN prov-dup-key dup.rec
expect_error 2 "^fpcheck: dup.rec: file is corrupt" "$FPCHECK" report dup.rec
expect_error 2 "dup.rec: file is corrupt" "$FPCHECK" diff good.rec dup.rec
$GEN prov-keys many.rec 5000
expect_error 2 "^fpcheck: many.rec: file exceeds fpcheck's limits" "$FPCHECK" report many.rec
expect_error 2 "many.rec: file exceeds fpcheck's limits" "$FPCHECK" diff many.rec good.rec
# Just under the limit, diff lists every key only B has, and says so at
# once: the keys are looked up through an index, not pair by pair.
$GEN prov-keys base.rec 0
$GEN prov-keys most.rec 4000
set +e
"$FPCHECK" diff base.rec most.rec >most.txt 2>most.err
rc=$?
set -e
[ $rc -le 1 ] || fail "diff of a record with 4000 extra keys exited $rc: $(cat most.err)"
grep -q 'k0003999' most.txt || fail "diff did not list the last extra key"

# Reduction inputs that are no descriptors (fractions and a negative, an
# unknown distribution, a vector of no terms, lengths past 2^20) were
# shown as "uniform n=0" with status 0, or cost seconds and hundreds of
# megabytes; a record past the limits of one kernel or one record is
# refused before anything is computed.
bad_desc="is no vector descriptor \(integers: length 1 to 1048576"
for c in reduce-bad reduce-dist reduce-zero reduce-long; do
	$GEN $c $c.rec
	expect_error 2 "^fpcheck: $c.rec: kernel 'sum_loop': input 0 $bad_desc" "$FPCHECK" report $c.rec
	expect_error 2 "^fpcheck: $c.rec: kernel 'sum_loop': input 0 $bad_desc" "$FPCHECK" diff $c.rec $c.rec
done
$GEN reduce-kernel rk.rec
expect_error 2 "^fpcheck: rk.rec: kernel 'sum_loop': its vectors total more than 8388608 terms" "$FPCHECK" report rk.rec
$GEN reduce-inputs ri.rec
expect_error 2 "^fpcheck: ri.rec: kernel 'sum_loop': more than 4096 vectors" "$FPCHECK" report ri.rec
for c in reduce-record reduce-count; do
	$GEN $c $c.rec
	expect_error 2 "^fpcheck: $c.rec: kernel 'sum_loop': the record's distinct vectors number more than 256 or total more than 8388608 terms" "$FPCHECK" report $c.rec
done

# The fault is in the last kernel, after one at the limit: nothing is
# computed (no truth reaches the cache) before the record is refused.
$GEN reduce-bad-last late.rec
for cmd in report "report --format json" tolerances; do
	# shellcheck disable=SC2086 # cmd is a command and its options
	expect_error 2 "^fpcheck: late.rec: kernel 'sum_loop': input 0 $bad_desc" "$FPCHECK" $cmd late.rec
done
expect_error 2 "late.rec: kernel 'sum_loop': input 0 $bad_desc" "$FPCHECK" diff late.rec late.rec
expect_error 2 "late.rec: kernel 'sum_loop': input 0 $bad_desc" "$FPCHECK" plot -o p.png late.rec sum_seq
[ -z "$(find "$CACHE" -type f -newer late.rec 2>/dev/null)" ] ||
	fail "truth was computed for a record refused later: $(find "$CACHE" -type f -newer late.rec)"

# fpcheck's own kernels come in table order: report refuses what diff
# refuses, with the same words.
$GEN out-of-order order.rec
expect_error 2 "^fpcheck: order.rec: kernel 'sin' is out of order or repeated$" "$FPCHECK" report order.rec
expect_error 2 "^fpcheck: order.rec: kernel 'sin' is out of order or repeated$" "$FPCHECK" diff order.rec order.rec

# Any other kernel given twice too, found before any work and in time
# n log n (report compared every kernel with every other: 50000 kernels
# a newer fpcheck might write took 28 s).
$GEN unknown-twice twice.rec
expect_error 2 "^fpcheck: twice.rec: kernel 'later_a' is repeated$" "$FPCHECK" report twice.rec
expect_error 2 "^fpcheck: twice.rec: kernel 'later_a' is repeated$" "$FPCHECK" diff twice.rec twice.rec

# A record cut before its end marker: report computed the truth of its
# kernel before it found the cut, and plot read only as far as its kernel
# and drew it.
$GEN truncated cut.rec
expect_error 2 "^fpcheck: cut.rec: file is truncated" "$FPCHECK" report cut.rec
[ -z "$(find "$CACHE" -type f -newer cut.rec 2>/dev/null)" ] ||
	fail "truth was computed for a truncated record"
expect_error 2 "^fpcheck: cut.rec: file is truncated" "$FPCHECK" plot -o cut.png cut.rec sin
[ ! -e cut.png ] || fail "plot drew a truncated record"
head -c 6000 good.rec >cut2.rec
expect_error 2 "^fpcheck: cut2.rec: file is truncated" "$FPCHECK" plot -o cut.png good.rec cut2.rec sin
"$FPCHECK" plot -o whole.png good.rec sin >/dev/null || fail "plot of a whole record failed"

echo "all hostile records refused"
