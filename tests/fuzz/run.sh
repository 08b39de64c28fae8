#!/bin/sh
# Fuzzes one harness: run.sh FUZZER SEEDS SCRATCH TIMEOUT [LIBFUZZER
# OPTIONS...], TIMEOUT the seconds one input may take, the options bounding
# the run (-runs=N, -max_total_time=S).
# The committed seeds are copied into SCRATCH/corpus, which libFuzzer grows
# (the seeds folder is never written); a crash, a leak, an input over
# TIMEOUT or needing over 2 GB is written to SCRATCH/ and shown in hex, so that
# it can be committed under tests/fuzz/crashes/NAME/.
set -eu
fuzzer=$1 seeds=$2 scratch=$3 timeout=$4
shift 4
rm -rf "$scratch"
mkdir -p "$scratch/corpus"
[ -d "$seeds" ] && cp "$seeds"/* "$scratch/corpus/" 2>/dev/null || true
cd "$scratch"
if "$fuzzer" "$@" -timeout="$timeout" -rss_limit_mb=2048 \
	-malloc_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$scratch/" \
	corpus >log.txt 2>&1; then
	grep -E '^(stat::number_of_executed_units|#[0-9]+ *DONE)' log.txt || true
	exit 0
fi
tail -n 40 log.txt
for a in "$scratch"/crash-* "$scratch"/leak-* "$scratch"/timeout-* "$scratch"/oom-*; do
	[ -f "$a" ] || continue
	echo "artifact $a:"
	od -A x -t x1z "$a" | head -n 64
done
exit 1
