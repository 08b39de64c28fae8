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

echo "all hostile records refused"
