#!/bin/sh
# --shard I/N on run and matrix, and fpcheck merge: the shards' records
# merged are the unsharded record, every value and flag; shards of
# different runs do not merge.
. "$(dirname "$0")/lib.sh"

"$FPCHECK" corpus -f sin,sinf,powf,sum_loop,dot_kahanf,mandelbrotf,mad,fma \
	--samples 700 --image-size 20x10 -o c.corpus
"$FPCHECK" run --corpus c.corpus -o whole.rec --no-report
for i in 1 2 3; do
	"$FPCHECK" run --corpus c.corpus --shard $i/3 -o s$i.rec --no-report
done
"$FPCHECK" dump s2.rec | grep -Eq '^  shard +2/3$' || fail "s2.rec does not say it is shard 2/3"
"$FPCHECK" merge -o merged.rec s3.rec s1.rec s2.rec 2>merge.err ||
	fail "merge failed: $(cat merge.err)"
# Every value and flag the same: dump prints them all, in hex.
"$FPCHECK" dump whole.rec | sed 1d | grep -v '^  time ' >whole.txt
"$FPCHECK" dump merged.rec | sed 1d | grep -v '^  time ' >merged.txt
cmp -s whole.txt merged.txt || fail "merged shards differ from the whole: $(diff whole.txt merged.txt | head -5)"
"$FPCHECK" diff whole.rec merged.rec >/dev/null || fail "diff sees a difference"
echo "ok: 3 shards merged are the unsharded record ($(grep -c '^kernel ' whole.txt) kernels)"

# A generated corpus shards the same way.
"$FPCHECK" run -f sin,expf --samples 300 -o g.rec --no-report
"$FPCHECK" run -f sin,expf --samples 300 --shard 1/2 -o g1.rec --no-report
"$FPCHECK" run -f sin,expf --samples 300 --shard 2/2 -o g2.rec --no-report
"$FPCHECK" merge -o gm.rec g1.rec g2.rec 2>/dev/null
"$FPCHECK" diff g.rec gm.rec >/dev/null || fail "generated corpus: merged shards differ"

# matrix --shard: every configuration's shards merge into its whole record.
printf '[plain]\ncc = cc\ncflags = -O2\n[fast]\ncc = cc\ncflags = -O3 -ffast-math\n' >m.ini
for i in 1 2; do
	"$FPCHECK" matrix --config m.ini --corpus c.corpus --shard $i/2 --out sh$i \
		>/dev/null 2>sh$i.err || fail "matrix --shard $i/2: $(cat sh$i.err)"
done
"$FPCHECK" matrix --config m.ini --corpus c.corpus --out all >/dev/null 2>all.err ||
	fail "matrix: $(cat all.err)"
for c in plain fast; do
	"$FPCHECK" merge -o m-$c.rec sh1/$c.rec sh2/$c.rec 2>/dev/null
	"$FPCHECK" diff all/$c.rec m-$c.rec >/dev/null ||
		fail "matrix $c: merged shards differ from the whole"
done
echo "ok: matrix --shard"

# Not one run's shards: a clear error, no output.
expect_error 2 "shards 1/2 and 2/2 differ in 'build.flags' \('-O2' against '-O3 -ffast-math'\)" \
	"$FPCHECK" merge -o bad.rec sh1/plain.rec sh2/fast.rec
expect_error 2 "s1.rec is shard 1/3: the shards given must be 1/3 to 3/3, each once" \
	"$FPCHECK" merge -o bad.rec s1.rec s1.rec s2.rec
expect_error 2 "must be 1/2 to 2/2" "$FPCHECK" merge -o bad.rec s1.rec s2.rec
expect_error 2 "whole.rec: not a shard" "$FPCHECK" merge -o bad.rec whole.rec
head -c 5000 s2.rec >cut.rec
expect_error 2 "cut.rec" "$FPCHECK" merge -o bad.rec s1.rec cut.rec s3.rec
[ ! -e bad.rec ] || fail "a failed merge left its output"
expect_error 2 "--shard takes I/N" "$FPCHECK" run --shard 3/2 -o x.rec
expect_error 2 "--shard and --repeat exclude each other" \
	"$FPCHECK" run --shard 1/2 --repeat 3 -o x.rec
echo "shards: ok"
