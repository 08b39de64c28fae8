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

echo "all hostile records refused"
