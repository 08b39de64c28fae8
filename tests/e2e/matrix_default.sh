#!/bin/sh
# The built-in default matrix on this machine: every installed toolchain,
# natively or under qemu-user.  With the cross compilers CI installs it
# covers at least 12 configurations on 4 architectures.
. "$(dirname "$0")/lib.sh"

"$FPCHECK" matrix --list >list.txt
avail=$(grep -cE '^[^ ]+ +available' list.txt)
if [ "$avail" -lt 2 ]; then
	echo "skipped: fewer than two configurations available here"
	exit 77
fi
"$FPCHECK" matrix --out r --samples 256 --format csv >summary.csv 2>status.txt ||
	fail "default matrix failed: $(cat status.txt)"
cat status.txt
ran=$(grep -c '^  ok ' status.txt)
[ "$ran" -eq "$avail" ] || fail "$ran of $avail available configurations ran"
archs=$(for r in r/*.rec; do "$FPCHECK" dump -k sqrt "$r" | sed -n 's/^  arch  *//p'; done | sort -u)
echo "architectures: $(echo $archs)"
if [ "${CI:-}" = true ]; then
	# CI installs qemu-user and the aarch64, i686, riscv64 and s390x
	# cross compilers: they must all have run.
	[ "$ran" -ge 12 ] || fail "only $ran configurations ran in CI"
	for a in x86_64 aarch64 i686 riscv64 s390x; do
		echo "$archs" | grep -qx $a || fail "no $a record"
	done
fi
# A record made under qemu names the emulator.
for r in r/*.rec; do
	"$FPCHECK" dump -k sqrt "$r" >d.txt
	if grep -q '^  arch  *aarch64$' d.txt; then
		grep -q '^  emulator  *qemu-aarch64 ' d.txt ||
			fail "$r does not name its emulator"
	fi
done
# The summary compares every configuration with the baseline.
lines=$(grep -c '^sqrt,' summary.csv)
[ "$lines" -eq "$ran" ] || fail "summary has $lines sqrt rows for $ran records"
echo "default matrix: $ran configurations"
