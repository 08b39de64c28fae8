#!/bin/sh
# What fpcheck writes and says when its outputs or its inputs are not
# what it expects: a device or a FIFO given as output is written into,
# never replaced.
. "$(dirname "$0")/lib.sh"

# A hang guard only: every command here takes well under a second.
LIMIT=120

"$FPCHECK" run -f sin --samples 50 -o r.rec --no-report
"$FPCHECK" corpus -f sin --samples 50 -o c.corpus
"$FPCHECK" run --corpus c.corpus --shard 1/2 -o s1.rec --no-report
"$FPCHECK" run --corpus c.corpus --shard 2/2 -o s2.rec --no-report
"$FPCHECK" merge -o merged.rec s1.rec s2.rec
"$FPCHECK" run -f sin,sinf --samples 50 -o r2.rec --no-report
"$FPCHECK" tolerances r.rec >tol.txt
"$FPCHECK" run -f mandelbrotf --image-size 8x8 -o m.rec --no-report

# ---- devices and FIFOs written into, never replaced ---------------------

# into_fifo CMD...: runs CMD, whose output is the FIFO ./pipe, while a
# reader copies the FIFO into pipe.got; the FIFO must still be one after.
# Were it replaced, the reader would wait forever on the old FIFO: it is
# killed, and the test fails.
into_fifo() {
	rm -f pipe pipe.got
	mkfifo pipe
	cat pipe >pipe.got &
	reader=$!
	set +e
	timeout "$LIMIT" "$@" 2>fifo.err
	got=$?
	set -e
	if [ ! -p pipe ] || [ "$got" -ne 0 ]; then
		kill "$reader" 2>/dev/null || :
		wait "$reader" 2>/dev/null || :
		[ -p pipe ] || fail "'$*' replaced the FIFO with a $(stat -c %F pipe)"
		fail "'$*' exited $got writing into a FIFO: $(cat fifo.err)"
	fi
	wait "$reader" || fail "the FIFO's reader failed after '$*'"
	echo "ok: $* wrote into the FIFO ($(wc -c <pipe.got) bytes), still a FIFO"
}

into_fifo "$FPCHECK" corpus -f sin --samples 50 -o pipe
cmp -s pipe.got c.corpus || fail "corpus -o FIFO wrote another corpus than -o FILE"
into_fifo "$FPCHECK" merge -o pipe s1.rec s2.rec
cmp -s pipe.got merged.rec || fail "merge -o FIFO wrote another record than -o FILE"
into_fifo "$FPCHECK" run --corpus c.corpus -o pipe --no-report
cp pipe.got fromfifo.rec
"$FPCHECK" diff r.rec fromfifo.rec >/dev/null ||
	fail "run -o FIFO wrote another record than -o FILE"
into_fifo "$FPCHECK" report --format json -o pipe r.rec
grep -q '"kernels"' pipe.got || fail "report -o FIFO wrote no report"

# A report cannot read back a record streamed into a FIFO: said at once,
# before anything runs, rather than waiting for a writer that never comes.
rm -f pipe && mkfifo pipe
expect_error 2 "cannot report on 'pipe': not a regular file.*--no-report" \
	timeout "$LIMIT" "$FPCHECK" run --corpus c.corpus -o pipe
[ -p pipe ] || fail "run -o FIFO replaced the FIFO"

# A character device like /dev/null, made here rather than risk the
# system's own: root only, and not on a nodev mount.
if mknod null c 1 3 2>/dev/null && echo probe >null 2>/dev/null; then
	for cmd in "corpus -f sin --samples 50 -o null" \
		"merge -o null s1.rec s2.rec" \
		"run --corpus c.corpus -o null --no-report" \
		"report -o null r.rec"; do
		# shellcheck disable=SC2086 # the words are the arguments
		timeout "$LIMIT" "$FPCHECK" $cmd 2>dev.err ||
			fail "'fpcheck $cmd' failed: $(cat dev.err)"
		[ -c null ] || fail "'fpcheck $cmd' replaced the device with a $(stat -c %F null)"
		echo "ok: fpcheck $cmd: still a character device"
	done
	ls null.tmp* >/dev/null 2>&1 && fail "a temporary was left beside the device"
else
	echo "note: cannot make a usable character device here (not root, or a nodev mount); /dev/null-like outputs not checked"
fi

# A directory is not a file to write into, nor one to rename over.
mkdir -p adir
expect_error 2 "adir: Is a directory" \
	"$FPCHECK" corpus -f sin --samples 50 -o adir
expect_error 2 "cannot write 'adir': it is a directory" \
	"$FPCHECK" report -o adir r.rec

# ---- write failures: one line, with the cause ---------------------------

# Standard output on a full device: every command says so once, with
# why, whether the command or the last check before exit notices it.
if [ -c /dev/full ]; then
	full="cannot write to standard output: No space left on device"
	for cmd in "report r.rec" "report --format json r.rec" \
		"report r.rec r2.rec" "dump r.rec" "diff r.rec r2.rec" \
		"corpus -f sin --samples 50 --list" "tolerances r.rec" \
		"check -t tol.txt r.rec" "plot -o - r.rec sin" \
		"imgdiff m.rec m.rec" "imgdiff --json - m.rec m.rec" \
		"run --corpus c.corpus -o q.rec" "--help" "--version" \
		"report --help"; do
		# shellcheck disable=SC2086 # the words are the arguments
		set -- $cmd
		"$FPCHECK" "$@" >/dev/full 2>full.err && fail "'fpcheck $cmd' >/dev/full succeeded"
		grep -v '^fpcheck: wrote q.rec' full.err >full.txt || :
		[ "$(wc -l <full.txt)" -eq 1 ] && grep -q "^fpcheck: $full\$" full.txt ||
			fail "'fpcheck $cmd' >/dev/full said: $(cat full.err)"
	done
	echo "ok: every command says once that standard output is full"
	expect_error 2 "cannot write '/dev/full': No space left on device" \
		"$FPCHECK" report -o /dev/full r.rec
	expect_error 2 "cannot write '/dev/full': No space left on device" \
		"$FPCHECK" report --html /dev/full r.rec
	expect_error 2 "cannot write '/dev/full': No space left on device" \
		"$FPCHECK" diff -o /dev/full r.rec r2.rec
else
	echo "note: no /dev/full here: write failures not checked"
fi

# merge says what went wrong with which file, never a bare
# "input/output error".
expect_error 2 "^fpcheck: cannot open 'missing.rec': No such file or directory$" \
	"$FPCHECK" merge -o mm.rec s1.rec missing.rec
expect_error 2 "^fpcheck: adir: Is a directory$" \
	"$FPCHECK" merge -o mm.rec s1.rec adir
expect_error 2 "^fpcheck: cannot create 'r.rec/mm.rec': Not a directory$" \
	"$FPCHECK" merge -o r.rec/mm.rec s1.rec s2.rec
expect_error 2 "^fpcheck: cannot create 'adir': Is a directory$" \
	"$FPCHECK" merge -o adir s1.rec s2.rec
if [ -c /dev/full ]; then
	expect_error 2 "^fpcheck: /dev/full: No space left on device$" \
		"$FPCHECK" merge -o /dev/full s1.rec s2.rec
fi

# A wrong command line: one line that names the problem and where help
# is, not the whole usage text.
expect_error 2 "^fpcheck: unknown option '--bogus' \(see 'fpcheck report --help'\)$" \
	"$FPCHECK" report --bogus r.rec
expect_error 2 "^fpcheck: unknown option '-Z' \(see 'fpcheck run --help'\)$" \
	"$FPCHECK" run -Z
expect_error 2 "^fpcheck: option '-o' needs a value \(see 'fpcheck merge --help'\)$" \
	"$FPCHECK" merge -o
expect_error 2 "^fpcheck: option '--format' needs a value \(see 'fpcheck diff --help'\)$" \
	"$FPCHECK" diff --format
expect_error 2 "^fpcheck: option '--no-cache' takes no value \(see 'fpcheck plot --help'\)$" \
	"$FPCHECK" plot --no-cache=yes r.rec sin -o p.png
expect_error 2 "^fpcheck: usage: fpcheck dump \[-k KERNEL\] RECORD \(see 'fpcheck dump --help'\)$" \
	"$FPCHECK" dump
expect_error 2 "^fpcheck: usage: fpcheck <command> \[options\] \(see 'fpcheck --help'\)$" \
	"$FPCHECK"
for cmd in run report corpus dump diff matrix image imgdiff plot tolerances \
	check merge; do
	expect_error 2 "^fpcheck: unknown option '--no-such-option' \(see 'fpcheck $cmd --help'\)$" \
		"$FPCHECK" "$cmd" --no-such-option
done

# A line of a text file quoted in a message: its controls shown, not sent.
printf 'Function: "sin":\nd\033]0;x\007ouble: 1\n' >esc.tol
expect_error 2 "^fpcheck: esc.tol:2: expected .*, not 'd\\\\x1b\]0;x\\\\x07ouble: 1'$" \
	"$FPCHECK" check -t esc.tol r.rec
printf '0x1p0\n1.5\033[2J\n' >esc.txt
expect_error 2 "^fpcheck: esc.txt:2: malformed number '1.5\\\\x1b\[2J'$" \
	"$FPCHECK" run -f sin --inputs esc.txt -o esc.rec

# ---- names from files are data -----------------------------------------

# patch IN OUT [--rename OLD=NEW] [--prov KEY=VALUE]...: IN rewritten
# with hostile content, its checksums valid.
PATCH="$SRC/tests/e2e/harden_outputs_patch.py"
if ! command -v python3 >/dev/null; then
	echo "note: python3 is not installed: hostile records not checked"
	exit 0
fi
patch() { python3 "$PATCH" "$@" || fail "cannot patch $1"; }

# A user's function named like a path: its truth would be cached as
# CACHE/../../made/x-HASH.truth, two levels above the cache.
mkdir -p deep/er
FPCHECK_CACHE_DIR="$WORK/deep/er/cache"
export FPCHECK_CACHE_DIR
patch r.rec traversal.rec --rename 'sin=../../made/x' \
	--prov 'kernel.../../made/x=sin double 1'
"$FPCHECK" report traversal.rec >/dev/null 2>&1 || :
[ ! -e deep/made ] || fail "report made a directory outside the truth cache: $(find deep)"
[ -z "$(find . -name '*.truth' ! -path './deep/er/cache/*')" ] ||
	fail "a truth file was written outside the cache: $(find . -name '*.truth')"
for cmd in report diff dump; do
	if [ "$cmd" = diff ]; then set -- r.rec traversal.rec; else set -- traversal.rec; fi
	expect_error 2 "traversal.rec: invalid kernel name \(a kernel is named by a C identifier\)" \
		"$FPCHECK" "$cmd" "$@"
done
for name in 'a/b' '..' '9lives' 'sin x' 'sin\x1b[2J' 'caf\xc3\xa9'; do
	patch r.rec badname.rec --rename "sin=$name" --prov "kernel.$name=sin double 1"
	expect_error 2 "badname.rec: invalid kernel name" "$FPCHECK" report badname.rec
done

# A render that is not one whole image is the record's fault, not the
# page's: the message names the record.
patch m.rec part.rec --keep mandelbrotf=100
expect_error 2 "^fpcheck: part.rec: kernel 'mandelbrotf' does not hold one whole image$" \
	"$FPCHECK" report --html page.html m.rec part.rec
expect_error 2 "^fpcheck: part.rec: kernel 'mandelbrotf' does not hold one whole image$" \
	"$FPCHECK" report --html page.html part.rec
[ ! -e page.html ] || fail "a page was left after a failure"

# Provenance holding terminal escapes, controls, a line break, a
# backslash and bytes that are not UTF-8 (a C1 control, a lone
# surrogate, Latin-1): shown as \xNN everywhere people read, valid JSON
# (\uNNNN, U+FFFD) for programs, and never raw on a terminal.
patch r2.rec evil.rec --prov 'arch=x86\x1b]0;pwned\x07' \
	--prov 'compiler=gcc\x1b[2J\xff\xfe' --prov 'cpu=\xc2\x9b31m' \
	--prov 'build.flags=-O2\n-fake */ injected code /*' --prov 'libc=\xe9t\xe9' \
	--prov 'os=\xed\xa0\x80' --prov 'emulator=qemu\\x1b' \
	--prov 'k\x1b[1mey=v\x7fx'
"$FPCHECK" tolerances evil.rec >evil.tol
"$FPCHECK" tolerances --format json evil.rec >evil.json
n=0
for cmd in "report evil.rec" "report --format markdown evil.rec" \
	"report --format json evil.rec" "report --format csv evil.rec" \
	"report evil.rec r2.rec" "report --format markdown evil.rec r2.rec" \
	"report --format json evil.rec r2.rec" "report --format csv evil.rec r2.rec" \
	"diff r2.rec evil.rec" "diff --format markdown r2.rec evil.rec" \
	"diff --format json r2.rec evil.rec" "dump evil.rec" \
	"tolerances evil.rec" "tolerances --format json evil.rec" \
	"tolerances --format header evil.rec" "check -t evil.tol evil.rec" \
	"check -t evil.json --junit evil.xml evil.rec" \
	"report --html evil.html evil.rec r2.rec"; do
	n=$((n + 1))
	# shellcheck disable=SC2086 # the words are the arguments
	"$FPCHECK" $cmd >"shown$n.out" 2>"shown$n.err" ||
		fail "'fpcheck $cmd' failed on a record with hostile provenance: $(cat "shown$n.err")"
done
python3 - shown*.out shown*.err evil.tol evil.json evil.xml evil.html <<'PY' ||
import json, sys
bad = []
for name in sys.argv[1:]:
    data = open(name, 'rb').read()
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError as e:
        bad.append('%s: not UTF-8 at byte %d' % (name, e.start))
        continue
    ctl = [c for c in text if (ord(c) < 0x20 and c not in '\n\t') or
           0x7f <= ord(c) <= 0x9f]
    if ctl:
        bad.append('%s: raw control U+%04X' % (name, ord(ctl[0])))
    if text.lstrip().startswith('{'):
        json.loads(text)
if bad:
    sys.exit('; '.join(bad))
PY
	fail "hostile provenance reached an output raw"
grep -qF 'arch             x86\x1b]0;pwned\x07' shown12.out ||
	fail "dump does not show the escape as \\x1b: $(grep arch shown12.out)"
grep -qF 'emulator         qemu\\x1b' shown12.out ||
	fail "dump does not show a backslash as \\\\: $(grep emulator shown12.out)"
grep -qF '"compiler": "gcc\u001b[2J\ufffd\ufffd"' shown3.out ||
	fail "JSON does not escape the provenance: $(grep -o '"compiler": "[^"]*"' shown3.out)"
if command -v cc >/dev/null; then
	cc -fsyntax-only -x c shown15.out 2>header.err ||
		fail "provenance broke the C header: $(head -3 header.err)"
fi
echo "ok: hostile provenance shown escaped by $n commands, the tolerance table round-trips"

# Shards whose provenance differs: the message quotes it, escaped.
patch s2.rec s2evil.rec --prov 'compiler=gcc\x1b[2J'
expect_error 2 "differ in 'compiler' \('gcc [0-9.]+' against 'gcc\\\\x1b\[2J'\)" \
	"$FPCHECK" merge -o mm.rec s1.rec s2evil.rec
