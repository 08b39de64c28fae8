#!/bin/sh
# The install rule: an installed fpcheck finds its installed runner, and
# the installed runner sources build with a plain compiler command.
. "$(dirname "$0")/lib.sh"

BUILD=$(dirname "$RUNNER")
cmake --install "$BUILD" --prefix "$WORK/prefix" >install.log ||
	fail "cmake --install failed: $(cat install.log)"
unset FPCHECK_RUNNER
"$WORK/prefix/bin/fpcheck" run --functions sqrt --samples 16 -o r.rec \
	--format csv >r.csv || fail "installed fpcheck cannot run"
grep -q ',sqrt,sqrt,double,' r.csv || fail "installed run reported nothing"
share="$WORK/prefix/share/fpcheck"
# shellcheck disable=SC2046 # the list of sources is wanted split
cc -O2 -I"$share" -I"$share/include" $(runner_sources "$share") \
	-o runner2 -lm -pthread || fail "installed runner sources do not build"
./runner2 --list | grep -qx sinf || fail "rebuilt runner lacks sinf"
[ -f "$WORK/prefix/include/fpcheck/record.h" ] || fail "headers not installed"
# matrix builds runners from the installed sources.
printf '[installed]\ncc = cc\ncflags = -O1\n' >m.ini
"$WORK/prefix/bin/fpcheck" matrix --config m.ini --out mx --samples 16 \
	--functions sqrt,madf --format csv >mx.csv 2>mx.err ||
	fail "installed matrix failed: $(cat mx.err)"
grep -q "share/fpcheck/runner/runner.c" mx/logs/installed.log ||
	fail "installed matrix did not build from the installed sources"
echo "install tree works"
