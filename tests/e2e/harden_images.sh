#!/bin/sh
# fpcheck imgdiff on image files it did not write: an interlaced (Adam7)
# PNG reads as the same pixels as its plain copy.
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null; then
	echo "skip: python3 (with its zlib module) writes this test's PNGs"
	exit 77
fi

# png.py pattern OUT W H DEPTH ADAM7 SEED: an RGB PNG whose neighbouring
# pixels differ, interlaced when ADAM7 is 1.
cat >png.py <<'PY'
import struct, sys, zlib

def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))

def png(path, w, h, depth, adam7, idat):
    ihdr = struct.pack(">IIBBBBB", w, h, depth, 2, 0, 0, adam7)
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
                           + chunk(b"IDAT", idat) + chunk(b"IEND", b""))

def pattern(path, w, h, depth, adam7, seed):
    size = depth // 8
    def px(x, y):
        out = b""
        for c in range(3):
            v = ((x * 37 + y * 101 + c * 59 + seed) * 2654435761) & 0xffffffff
            out += (v >> (32 - depth)).to_bytes(size, "big")
        return out
    # Adam7's passes: first column and row, then their steps.
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
              (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)] if adam7 else [(0, 0, 1, 1)]
    raw = b""
    for x0, y0, dx, dy in passes:
        xs = range(x0, w, dx)
        if not xs:
            continue  # an empty pass has no rows at all
        for y in range(y0, h, dy):
            raw += b"\0" + b"".join(px(x, y) for x in xs)
    png(path, w, h, depth, adam7, zlib.compress(raw))

a = sys.argv
if a[1] == "pattern":
    pattern(a[2], int(a[3]), int(a[4]), int(a[5]), int(a[6]), int(a[7]))
PY

# status WANT CMD...: CMD must exit WANT (stdout to out.txt).
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

# ---- interlaced PNGs: the same pixels as the plain copy
for case in "9 9 8" "13 7 16" "1 1 8" "33 5 8"; do
	# shellcheck disable=SC2086 # W H DEPTH
	set -- $case
	python3 png.py pattern plain.png "$1" "$2" "$3" 0 13
	python3 png.py pattern adam7.png "$1" "$2" "$3" 1 13
	status 0 "$FPCHECK" imgdiff plain.png adam7.png
	grep -q "^verdict          bit-identical$" out.txt ||
		fail "interlaced $1x$2 at $3 bits reads differently: $(cat out.txt)"
	echo "ok: interlaced $1x$2 at $3 bits reads as its plain copy"
done

echo "harden_images: ok"
