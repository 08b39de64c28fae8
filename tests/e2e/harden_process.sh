#!/bin/sh
# Child processes of fpcheck run and fpcheck matrix: every process they
# start (the runner, an emulator wrapper, a compiler and whatever these
# start in the background) is gone when fpcheck ends, whether its child
# finished, ran past --timeout, or fpcheck was stopped by SIGINT, SIGTERM,
# SIGHUP or SIGKILL; no temporary is left beside the output; and a
# configuration's log keeps the head and the tail of a loud command's
# output, saying how much was cut.
#
# The fake emulators and compilers below write their process ids into
# pids/ and sleep; the checks poll with bounded waits (never a fixed
# sleep), so a busy machine only makes them slower.
. "$(dirname "$0")/lib.sh"

[ -r /proc/self/stat ] || {
	echo "skipped: no /proc to see processes in"
	exit 77
}
mkdir pids

# Processes this script leaves running if a check fails.
trap 'for f in pids/*; do kill -9 "$(cat "$f" 2>/dev/null)" 2>/dev/null || :; done; rm -rf "$WORK"' EXIT

# alive PID: the process exists and is not a zombie waiting for its
# parent.
alive() {
	[ -r "/proc/$1/stat" ] || return 1
	state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
	[ -n "$state" ] && [ "$state" != Z ]
}

# wait_file FILE: until FILE is there and not empty (at most 30 s).
wait_file() {
	i=0
	while [ ! -s "$1" ]; do
		i=$((i + 1))
		[ $i -le 600 ] || fail "$1 did not appear within 30 s"
		sleep 0.05
	done
}

# all_gone WHAT: every process in pids/ has ended (waiting up to 10 s:
# a process killed with SIGKILL is gone in milliseconds).
all_gone() {
	i=0
	for f in pids/*; do
		[ -s "$f" ] || continue
		while alive "$(cat "$f")"; do
			i=$((i + 1))
			[ $i -le 200 ] ||
				fail "$1: $(basename "$f") (pid $(cat "$f")) still runs"
			sleep 0.05
		done
	done
	echo "ok: $1: no process left"
}

# no_temporaries WHAT DIR: nothing but the output's final files in DIR
# (waiting up to 10 s, for a cleanup that follows fpcheck's death).
no_temporaries() {
	i=0
	while ls "$2" | grep -Eq '\.(tmp|corpus|runner)[A-Za-z0-9]{6}$'; do
		i=$((i + 1))
		[ $i -le 200 ] || fail "$1: temporaries left: $(ls "$2")"
		sleep 0.05
	done
	echo "ok: $1: no temporary left"
}

# bg.sh NAME: a process in the background that records its id in
# pids/NAME and sleeps; it holds none of its parent's output, and its
# parent goes on once the id is there.
cat >bg-child.sh <<EOF
#!/bin/sh
echo \$\$ >"$WORK/pids/\$1.tmp" && mv "$WORK/pids/\$1.tmp" "$WORK/pids/\$1"
exec sleep 30
EOF
cat >bg.sh <<EOF
#!/bin/sh
sh "$WORK/bg-child.sh" "\$1" </dev/null >/dev/null 2>&1 &
while [ ! -s "$WORK/pids/\$1" ]; do sleep 0.01; done
EOF

# Emulator: a background child, one that leaves the process group for a
# session of its own (as a daemon does), then the real runner (which
# succeeds).
cat >with-bg.sh <<EOF
#!/bin/sh
sh "$WORK/bg.sh" emulator-bg
if command -v setsid >/dev/null; then
	setsid sh "$WORK/bg.sh" emulator-setsid
fi
exec "\$@"
EOF

# Emulator that hangs: the runner's temporary beside the record it would
# write (as an interrupted runner leaves it), a background child, then
# sleep in place of the runner.
cat >hang.sh <<EOF
#!/bin/sh
for out; do :; done
: >"\$out.tmpAbC123"
sh "$WORK/bg.sh" hang-bg
echo \$\$ >"$WORK/pids/hang.tmp" && mv "$WORK/pids/hang.tmp" "$WORK/pids/hang"
exec sleep 30
EOF
chmod +x bg.sh with-bg.sh hang.sh

# ---- run: a successful runner's background child ----------------------
"$FPCHECK" run --emulator "$WORK/with-bg.sh" -o out/ok.rec -f sqrt \
	--samples 64 --no-report 2>run.err || fail "run failed: $(cat run.err)"
[ -s pids/emulator-bg ] || fail "the emulator's background child did not start"
command -v setsid >/dev/null && { [ -s pids/emulator-setsid ] ||
	fail "the emulator's child in a session of its own did not start"; }
all_gone "run, finished"
no_temporaries "run, finished" out
rm -f pids/*

# ---- run: the time limit stops the emulator's children too -------------
expect_error 2 'the runner did not finish within 1 s and was killed' \
	"$FPCHECK" run --emulator "$WORK/hang.sh" -o out/t.rec -f sqrt \
	--samples 64 --timeout 1
[ -s pids/hang-bg ] || fail "the hanging emulator's child did not start"
all_gone "run, timed out"
no_temporaries "run, timed out" out
[ -e out/t.rec ] && fail "a timed-out run left a record"
rm -f pids/*

# ---- run: the limit is exact to well below a second ---------------------
# A runner that takes half a second is never killed under --timeout 1
# (a limit counted in whole seconds kills it about half the time).
cp out/ok.rec ref.rec
cat >half.sh <<EOF
#!/bin/sh
for out; do :; done
sleep 0.5
cp "$WORK/ref.rec" "\$out"
EOF
chmod +x half.sh
for i in 1 2 3 4; do
	"$FPCHECK" run --runner "$WORK/half.sh" -o out/half.rec -f sqrt \
		--samples 64 --timeout 1 --no-report 2>half.err ||
		fail "a 0.5 s runner failed under --timeout 1: $(cat half.err)"
done
echo "ok: a 0.5 s runner completes under --timeout 1, 4 times of 4"

# ---- run: stopped by a signal, or killed ---------------------------------
# stop_run SIGNAL STATUS: fpcheck run stopped by SIGNAL while its emulator
# hangs; STATUS is the shell's status for a process that SIGNAL ended.
stop_run() {
	rm -f pids/*
	# A shell starts background commands with SIGINT ignored: env puts
	# it back to its default (coreutils 8.31 and later).
	env --default-signal=INT "$FPCHECK" run --emulator "$WORK/hang.sh" \
		-o "out/$1.rec" -f sqrt --samples 64 2>"$1.err" &
	fp=$!
	wait_file pids/hang
	wait_file pids/hang-bg
	ls out | grep -Eq '\.corpus[A-Za-z0-9]{6}$' ||
		fail "no temporary corpus while the runner runs: $(ls out)"
	kill -s "$1" $fp
	set +e
	wait $fp
	rc=$?
	set -e
	[ $rc -eq "$2" ] || fail "run stopped by SIG$1 exited $rc, want $2"
	all_gone "run, SIG$1"
	no_temporaries "run, SIG$1" out
}
if env --default-signal=INT true 2>/dev/null; then
	stop_run INT 130
else
	echo "note: env cannot reset SIGINT here (coreutils < 8.31): SIGINT not tested"
fi
stop_run TERM 143
stop_run HUP 129
stop_run KILL 137

# ---- matrix: stopped by a signal while compilers run ---------------------
# A compiler that starts a pass in the background and hangs.
cat >slow-cc.sh <<EOF
#!/bin/sh
while [ "\$1" != -o ]; do shift; done
out=\$2
name=\$(basename "\$(dirname "\$out")")
sh "$WORK/bg.sh" "\$name-pass"
echo \$\$ >"$WORK/pids/\$name.tmp" && mv "$WORK/pids/\$name.tmp" "$WORK/pids/\$name"
exec sleep 30
EOF
chmod +x slow-cc.sh
printf '[a]\ncc = %s/slow-cc.sh\nbaseline = yes\n\n[b]\ncc = %s/slow-cc.sh\n' \
	"$WORK" "$WORK" >slow.ini

stop_matrix() {
	rm -f pids/*
	"$FPCHECK" matrix --config slow.ini --out "m-$1" -j 2 -f sqrt \
		--samples 64 >/dev/null 2>"m-$1.err" &
	fp=$!
	for f in a a-pass b b-pass; do wait_file "pids/$f"; done
	kill -s "$1" $fp
	set +e
	wait $fp
	rc=$?
	set -e
	[ $rc -eq "$2" ] || fail "matrix stopped by SIG$1 exited $rc, want $2"
	all_gone "matrix, SIG$1"
	no_temporaries "matrix, SIG$1" "m-$1"
}
stop_matrix TERM 143
stop_matrix KILL 137

# ---- matrix: a loud runner's log keeps its head and tail ----------------
# The "compiler" copies the host runner into place; the emulator prints
# a first line, about 3 MB, a last line, and runs the runner.
cat >copy-cc.sh <<EOF
#!/bin/sh
while [ "\$1" != -o ]; do shift; done
out=\$2
cp "$RUNNER" "\$out"
EOF
cat >loud.sh <<EOF
#!/bin/sh
sh "$WORK/bg.sh" loud-bg
echo "first line of the loud runner"
yes 'a line of noise from the loud runner' | head -c 3000000
echo
echo "last line of the loud runner"
exec "\$@"
EOF
cat >spam.sh <<EOF
#!/bin/sh
while :; do echo 'a line printed forever'; done
EOF
chmod +x copy-cc.sh loud.sh spam.sh
printf '[loud]\ncc = %s/copy-cc.sh\nemulator = %s/loud.sh\n' "$WORK" "$WORK" >loud.ini
rm -f pids/*
"$FPCHECK" matrix --config loud.ini --out m-loud -f sqrt --samples 64 \
	>/dev/null 2>loud.err || fail "matrix with a loud runner failed: $(cat loud.err)"
grep -Eq '^  ok +loud ' loud.err || fail "the loud runner is not ok: $(cat loud.err)"
all_gone "matrix, finished"
log=m-loud/logs/loud.log
size=$(wc -c <"$log")
# 64 KiB of head, 64 KiB of tail, the commands and the note.
[ "$size" -le 140000 ] || fail "$log holds $size bytes"
grep -q '^first line of the loud runner$' "$log" || fail "$log lost its head"
grep -q '^last line of the loud runner$' "$log" || fail "$log lost its tail"
grep -Eq '^\[fpcheck: [0-9]+ bytes of output cut here' "$log" ||
	fail "$log does not say what was cut"
echo "ok: a 3 MB output is logged as $size bytes: $(grep -E '^\[fpcheck' "$log")"

printf '[spam]\ncc = %s/copy-cc.sh\nemulator = %s/spam.sh\n' "$WORK" "$WORK" >spam.ini
set +e
"$FPCHECK" matrix --config spam.ini --out m-spam -f sqrt --samples 64 \
	--timeout 1 >/dev/null 2>spam.err
rc=$?
set -e
[ $rc -eq 1 ] || fail "matrix with a runner printing forever exited $rc: $(cat spam.err)"
grep -Eq '^  FAILED +spam +runner did not finish within 1 s' spam.err ||
	fail "the endless runner is not reported: $(cat spam.err)"
size=$(wc -c <m-spam/logs/spam.log)
[ "$size" -le 140000 ] || fail "m-spam/logs/spam.log holds $size bytes"
echo "ok: a runner printing for 1 s is logged as $size bytes"
echo "process checks passed"
