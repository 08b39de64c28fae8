#!/bin/sh
# Records are portable: the runner cross-compiled for s390x (big-endian)
# and run under qemu writes a record that reads back on this host with the
# same inputs, and for the exact operations the same outputs.
. "$(dirname "$0")/lib.sh"

CC=s390x-linux-gnu-gcc
QEMU=qemu-s390x
SYSROOT=/usr/s390x-linux-gnu
for tool in $CC $QEMU; do
	if ! command -v $tool >/dev/null; then
		echo "skipped: $tool is not installed (apt-get install" \
			"gcc-s390x-linux-gnu qemu-user)"
		exit 77
	fi
done

# shellcheck disable=SC2086 # RUNNER_SRC is a list of paths
$CC -O2 -I"$SRC/fpcheck" -I"$SRC/include" -DFPC_BUILD_CC="\"$CC\"" \
	-DFPC_BUILD_FLAGS='"-O2"' $RUNNER_SRC -o runner-s390x -lm -pthread

kernels=sqrt,sqrtf,fmod,fmodf,sin,expf
"$FPCHECK" corpus -o c.corpus --functions $kernels --samples 256
"$FPCHECK" run --corpus c.corpus -o s390x.rec --runner ./runner-s390x \
	--emulator "$QEMU -L $SYSROOT" >s390x.txt
"$FPCHECK" run --corpus c.corpus -o host.rec >host.txt

"$FPCHECK" dump s390x.rec >s390x.dump
grep -Eq '^  arch +s390x$' s390x.dump || fail "record does not say s390x"
grep -Eq '^  endian +big$' s390x.dump || fail "record does not say big-endian"
grep -Eq "^  emulator +$QEMU -L $SYSROOT\$" s390x.dump ||
	fail "record does not name the emulator"

# Same inputs, and the exact operations give the same bits and flags.
# Only the sign of a NaN may differ: x86-64's default NaN is negative,
# s390x's positive (a real difference, kept in the records).
nan_sign=0
for k in sqrt sqrtf fmod fmodf; do
	"$FPCHECK" dump -k $k s390x.rec | sed 1,/^$/d >a.txt
	"$FPCHECK" dump -k $k host.rec | sed 1,/^$/d >b.txt
	[ "$(wc -l <a.txt)" -gt 100 ] || fail "$k: too few inputs"
	cmp -s a.txt b.txt || nan_sign=$((nan_sign + $(diff a.txt b.txt | grep -c '^<')))
	sed 's/-nan/nan/g' a.txt >a2.txt
	sed 's/-nan/nan/g' b.txt >b2.txt
	cmp a2.txt b2.txt || fail "$k: s390x and host records differ"
done
echo "exact kernels identical but for $nan_sign NaN signs"
# The libm functions may differ in value, never in inputs.
for k in sin expf; do
	"$FPCHECK" dump -k $k s390x.rec | sed -e 1,/^$/d -e 's/ -> .*//' >a.txt
	"$FPCHECK" dump -k $k host.rec | sed -e 1,/^$/d -e 's/ -> .*//' >b.txt
	cmp a.txt b.txt || fail "$k: inputs differ between s390x and host"
done
grep -Eq '^sqrt +double .* 100\.00 ' s390x.txt || fail "s390x sqrt not CR"
echo "s390x record reads back on $(uname -m) with identical values"
