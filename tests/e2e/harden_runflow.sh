#!/bin/sh
# What fpcheck run and fpcheck matrix make of file names that start with
# '-', of a --corpus file that is not what it claims, and of a runner that
# exits 0 but wrote nothing or wrote a damaged record.  Fake runners and a
# fake compiler (shell scripts) stand in for the real ones, so nothing is
# compiled and every case takes well under a second.
. "$(dirname "$0")/lib.sh"

# A runner that exits 0 without writing, one that writes rubbish where
# its record goes (its last argument), and one that is the real runner.
printf '#!/bin/sh\nexit 0\n' >silent.sh
printf '#!/bin/sh\nfor a; do last=$a; done\nprintf "not a record" >"$last"\n' >rubbish.sh
printf '#!/bin/sh\nexec "%s" "$@"\n' "$RUNNER" >real.sh
# An emulator under which the runner's record is damaged after it exits
# 0: one byte inside its first kernel, so that its checksum fails.
cat >damage.sh <<'SH'
#!/bin/sh
"$@" || exit
for a; do last=$a; done
printf X | dd of="$last" bs=1 seek=300 conv=notrunc 2>/dev/null
SH
# A compiler that makes every configuration's runner the real one.
cat >fakecc.sh <<SH
#!/bin/sh
while [ \$# -gt 1 ]; do
	[ "\$1" = -o ] && out=\$2
	shift
done
cp -- "$WORK/real.sh" "\$out"
SH
chmod +x silent.sh rubbish.sh real.sh damage.sh fakecc.sh
cat >m.ini <<INI
[good]
cc = $WORK/fakecc.sh
cflags = -O2
baseline = yes

[good-too]
cc = $WORK/fakecc.sh
cflags = -O1

[damaged]
cc = $WORK/fakecc.sh
cflags = -O2
emulator = $WORK/damage.sh

[silent]
cc = $WORK/fakecc.sh
cflags = -O2
emulator = $WORK/silent.sh
INI
"$FPCHECK" corpus -o a.corpus -f sqrt,sinf --samples 16 --seed 1

# no_temporaries DIR: nothing of a run's temporary files is left in DIR.
no_temporaries() {
	left=$(ls -a "$1" | grep -E '\.(tmp|corpus)[A-Za-z0-9]{6}' || true)
	[ -z "$left" ] || fail "temporaries left in $1: $left"
}

# ---- names that start with '-' reach the runner as names ----------------

mkdir dash
cd dash
cp ../a.corpus ./-a.corpus
"$FPCHECK" run --corpus -a.corpus -o c.rec --no-report 2>run.err ||
	fail "run --corpus -a.corpus failed: $(cat run.err)"
"$FPCHECK" run -o -b.rec -f sqrt --samples 16 --no-report 2>run.err ||
	fail "run -o -b.rec failed: $(cat run.err)"
[ -s ./-b.rec ] && [ -s c.rec ] || fail "records of '-' names missing"
# The runner itself ends its options at '--'.
"$RUNNER" -k sqrt -- -a.corpus -d.rec 2>run.err ||
	fail "fpcheck-runner -- -a.corpus -d.rec failed: $(cat run.err)"
"$FPCHECK" dump ./-d.rec >/dev/null || fail "the runner's record of '--' is unreadable"
no_temporaries .
# A results directory whose name starts with '-'.
"$FPCHECK" matrix --config ../m.ini --only good --out -r -f sqrt --samples 16 \
	>/dev/null 2>status.txt || fail "matrix --out -r failed: $(cat status.txt)"
[ -s ./-r/good.rec ] || fail "matrix --out -r wrote no record"
cd ..
echo "ok: names that start with '-'"

# ---- run --corpus: verified as fpcheck corpus verifies it ---------------

"$FPCHECK" corpus -o b.corpus -f sqrt,sinf --samples 16 --seed 2
# a's header and CINF section (24 + 36 bytes: hash and seed) with b's
# kernels: every section's CRC holds, the hash CINF states does not.
head -c 60 a.corpus >altered.corpus
tail -c +61 b.corpus >>altered.corpus
expect_error 2 "altered.corpus: .*corrupt" \
	"$FPCHECK" corpus --corpus altered.corpus --list
expect_error 2 "^fpcheck: altered.corpus: .*corrupt" \
	"$FPCHECK" run --corpus altered.corpus -o altered.rec
[ -e altered.rec ] && fail "a record of an altered corpus was written"
# Corpus errors are fpcheck's one line, not the runner's and then ours.
expect_error 2 "^fpcheck: cannot open 'missing.corpus'" \
	"$FPCHECK" run --corpus missing.corpus -o m.rec
head -c 100 a.corpus >short.corpus
expect_error 2 "^fpcheck: short.corpus: .*truncated" \
	"$FPCHECK" run --corpus short.corpus -o m.rec
no_temporaries .
# The record of a verified corpus names it by its hash.
"$FPCHECK" run --corpus a.corpus -o a.rec >/dev/null 2>run.err ||
	fail "run --corpus a.corpus failed: $(cat run.err)"
hash=$("$FPCHECK" corpus --corpus a.corpus --list | sed -n 's/^corpus \([0-9a-f]*\),.*/\1/p')
"$FPCHECK" report a.rec | grep -q "corpus $hash " ||
	fail "the record does not name corpus $hash: $("$FPCHECK" report a.rec | grep corpus)"
echo "ok: run --corpus verifies the corpus"

# ---- run: the record reported is the one this run wrote -----------------

"$FPCHECK" run -o old.rec -f sqrt,sin,cos --samples 16 >/dev/null 2>run.err ||
	fail "run failed: $(cat run.err)"
cp old.rec before.rec
expect_error 2 "^fpcheck: the runner exited 0 but wrote no record$" \
	"$FPCHECK" run -o old.rec -f sqrt --samples 16 --runner ./silent.sh
expect_error 2 "^fpcheck: the runner exited 0 but its record is unusable: .*(magic|truncated|corrupt|not an fpcheck)" \
	"$FPCHECK" run -o old.rec -f sqrt --samples 16 --runner ./rubbish.sh
for r in silent.sh rubbish.sh; do
	expect_error 2 "the runner exited 0 but" \
		"$FPCHECK" run -o old.rec -f sqrt --samples 16 --runner "$r" --no-report
	cmp -s before.rec old.rec || fail "$r: the earlier record was changed"
	expect_error 2 "the runner exited 0 but" \
		"$FPCHECK" run -o new.rec -f sqrt --samples 16 --runner "$r"
	[ -e new.rec ] && fail "$r: a record appeared under the output's name"
	no_temporaries .
done
# A runner that fails after writing in place leaves nothing of it.
printf '#!/bin/sh\nfor a; do last=$a; done\nprintf "half" >"$last"\nexit 3\n' >half.sh
chmod +x half.sh
expect_error 2 "the runner failed with exit status 3" \
	"$FPCHECK" run -o old.rec -f sqrt --samples 16 --runner ./half.sh
cmp -s before.rec old.rec || fail "half.sh: the earlier record was changed"
no_temporaries .
# A runner that does write replaces the earlier record.
"$FPCHECK" run -o old.rec -f sqrt --samples 16 --runner real.sh \
	>/dev/null 2>run.err || fail "run with a wrapped runner failed: $(cat run.err)"
grep -q '^fpcheck: wrote old.rec (1 kernels)' run.err ||
	fail "the new record did not replace the old one: $(cat run.err)"
no_temporaries .
echo "ok: run reports only the record it wrote"

# ---- matrix: a configuration with a bad record fails alone -------------

set +e
"$FPCHECK" matrix --config m.ini --out r -f sqrt,sinf --samples 16 -j 2 \
	>summary.txt 2>status.txt
rc=$?
set -e
cat status.txt
[ $rc -eq 1 ] || fail "matrix exited $rc, want 1 (two configurations failed)"
grep -Eq '^  ok +good ' status.txt || fail "good did not run"
grep -Eq '^  ok +good-too ' status.txt || fail "good-too did not run"
grep -Eq '^  FAILED +damaged +runner exited 0 but its record is unusable: .*(checksum|corrupt)' \
	status.txt || fail "the damaged record is not reported as a failure"
grep -Eq '^  FAILED +silent +runner exited 0 but wrote no record' status.txt ||
	fail "the missing record is not reported as a failure"
grep -q '^  \[1\] good (baseline)' summary.txt || fail "no summary of the good ones"
grep -q '^  \[2\] good-too' summary.txt || fail "good-too is not in the summary"
grep -q 'damaged\|silent' summary.txt && fail "a failed configuration is in the summary"
[ -e r/damaged.rec ] && fail "the damaged record was left as a result"
no_temporaries r
echo "ok: a bad record fails its configuration alone"
