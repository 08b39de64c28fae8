#!/bin/sh
# diff names the causes the porting walkthrough relies on, on real builds
# made by fpcheck matrix: x86-64 -O2 against aarch64 -O2 is FMA
# contraction in the multiply-add kernels, with the host's fma()
# reproducing aarch64's bits; -O3 -ffast-math against -O2 is flush to
# zero on subnormal inputs.
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null; then
	echo "skipped: python3 is needed to read diff's JSON"
	exit 77
fi
have_arm=1
for tool in aarch64-linux-gnu-gcc qemu-aarch64; do
	command -v $tool >/dev/null || have_arm=0
done
[ -d /usr/aarch64-linux-gnu ] || have_arm=0
if [ "$(uname -m)" != x86_64 ]; then
	echo "skipped: the expectations are written for an x86-64 host"
	exit 77
fi

{
	printf '[O2]\ncc = cc\ncflags = -O2\nbaseline = yes\n\n'
	printf '[fastmath]\ncc = cc\ncflags = -O3 -ffast-math\n\n'
	if [ $have_arm = 1 ]; then
		printf '[arm64]\ncc = aarch64-linux-gnu-gcc\ncflags = -O2\n'
		printf 'emulator = qemu-aarch64 -L /usr/aarch64-linux-gnu\n'
	fi
} >m.ini
"$FPCHECK" matrix --config m.ini --out r --samples 256 \
	--functions sin,sinf,exp,log,mad,madf,det2,det2f,cmulre,cmulim,cross,raydisc,raydiscf,dot3,dot3f,horner,hornerf >summary.txt 2>status.txt ||
	fail "matrix failed: $(cat status.txt)"

# -O3 -ffast-math: GCC links code that sets FTZ and DAZ at start-up.
"$FPCHECK" dump -k sin r/fastmath.rec | grep -q '^  daz  *on$' ||
	fail "the -ffast-math record does not say DAZ is on"
set +e
"$FPCHECK" diff --format json -o ftz.json r/O2.rec r/fastmath.rec
rc=$?
set -e
[ $rc -eq 1 ] || fail "diff O2 fastmath exited $rc, want 1"
python3 - ftz.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n = sum(c["count"] for k in d["kernels"] for c in k.get("causes", [])
        if c["cause"] == "ftz-daz")
assert n > 0, "no input attributed to ftz-daz"
print("ok: -O3 -ffast-math: ftz-daz on %d inputs" % n)
PY

if [ $have_arm = 0 ]; then
	echo "skipped aarch64: needs aarch64-linux-gnu-gcc, qemu-aarch64 and its sysroot"
	exit 0
fi
set +e
"$FPCHECK" diff --format json -o fma.json r/O2.rec r/arm64.rec
rc=$?
"$FPCHECK" diff r/O2.rec r/arm64.rec >fma.txt
set -e
[ $rc -eq 1 ] || fail "diff O2 arm64 exited $rc, want 1"
python3 - fma.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ks = {k["name"]: k for k in d["kernels"]}
for name in ("mad", "madf", "det2", "det2f", "cmulre", "cmulim", "cross",
             "raydisc", "raydiscf", "dot3", "dot3f", "horner",
             "hornerf"):
    k = ks[name]
    c = {c["cause"]: c["count"] for c in k["causes"]}
    assert k["headline_cause"] == "fma-contraction", (name, k["causes"])
    # Every difference but the signs of NaNs and zeros is contraction.
    assert c["fma-contraction"] + c.get("nan-sign-payload", 0) + \
        c.get("zero-sign", 0) == k["differing"], (name, c, k["differing"])
    print("ok: %s: fma-contraction on %d of %d differing inputs"
          % (name, c["fma-contraction"], k["differing"]))
PY
grep -q 'reproduces B.s bits' fma.txt || fail "no evidence sentence for B"
echo "diff causes: fma-contraction and ftz-daz attributed"
