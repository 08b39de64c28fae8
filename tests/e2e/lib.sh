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
