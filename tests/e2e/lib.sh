# Shared by the end-to-end scripts: sourced with the fpcheck binary, the
# host runner and the source tree as $1, $2, $3.  Each script runs in a
# fresh temporary directory, removed on exit.
set -eu
FPCHECK=$1
RUNNER=$2
SRC=$3
WORK=$(mktemp -d /tmp/fpcheck-e2e-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_error STATUS PATTERN CMD...: CMD must exit with STATUS and print
# exactly one line on stderr, matching the extended regex PATTERN.
expect_error() {
	want=$1 pattern=$2
	shift 2
	set +e
	"$@" >out.txt 2>err.txt
	got=$?
	set -e
	[ "$got" -eq "$want" ] ||
		fail "'$*' exited $got, want $want; stderr: $(cat err.txt)"
	[ "$(wc -l <err.txt)" -eq 1 ] ||
		fail "'$*' printed $(wc -l <err.txt) lines on stderr: $(cat err.txt)"
	grep -Eq -- "$pattern" err.txt ||
		fail "'$*' said '$(cat err.txt)', want /$pattern/"
	echo "ok: $* -> $(cat err.txt)"
}

# status WANT CMD...: CMD must exit WANT (stdout to out.txt, stderr
# to err.txt).
status() {
	want=$1
	shift
	set +e
	"$@" >out.txt 2>err.txt
	got=$?
	set -e
	[ "$got" -eq "$want" ] ||
		fail "'$*' exited $got, want $want: $(cat err.txt)"
}

# The runner's sources, as fpcheck matrix compiles them: the list in
# fpcheck/runner/sources.def, relative to the folder given with -I.
runner_sources() { # ROOT: the folder holding runner/, kernels/, format/
	sed -n 's|^FPC_RUNNER_SOURCE("\(.*\)")$|'"$1"'/\1|p' \
		"$1/runner/sources.def"
}
RUNNER_SRC=$(runner_sources "$SRC/fpcheck")

# build_runner OUT CC FLAGS [EXTRA...]: the runner as fpcheck matrix
# builds it, the compiler and flags recorded in its provenance.
build_runner() {
	out=$1 cc=$2 flags=$3
	shift 3
	# shellcheck disable=SC2086 # word splitting of the flags is wanted
	$cc $flags -I"$SRC/fpcheck" -I"$SRC/include" \
		-DFPC_VERSION="\"$("$FPCHECK" --version | cut -d' ' -f2)\"" \
		-DFPC_BUILD_CC="\"$cc\"" -DFPC_BUILD_FLAGS="\"$flags\"" "$@" \
		$RUNNER_SRC -o "$out" -lm -pthread ||
		fail "cannot build the runner with $cc $flags"
}

# validate_junit FILE: FILE must validate against tests/data/junit.xsd
# (xmllint, from libxml2-utils, which .ci/install-deps installs); the
# schema itself must reject a report without a testsuite's hostname.
validate_junit() {
	if ! command -v xmllint >/dev/null; then
		echo "note: xmllint is not installed (apt-get install libxml2-utils): $1 not validated against the JUnit schema"
		return 0
	fi
	xmllint --noout --schema "$SRC/tests/data/junit.xsd" "$1" 2>junit-check.err ||
		fail "$1 does not validate as JUnit: $(cat junit-check.err)"
	sed 's/ hostname="[^"]*"//' "$1" >junit-bad.xml
	if xmllint --noout --schema "$SRC/tests/data/junit.xsd" junit-bad.xml 2>/dev/null; then
		fail "the JUnit schema accepts a testsuite without its hostname"
	fi
	echo "ok: $1 validates against tests/data/junit.xsd"
}
