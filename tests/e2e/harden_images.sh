#!/bin/sh
# fpcheck imgdiff on image files it did not write: an interlaced (Adam7)
# PNG reads as the same pixels as its plain copy; a decompression bomb (a
# PNG of under 1 MB saying 16384x16384) and a PFM header alone are
# refused from their header with one line, and --max-pixels moves the
# limit; and the pictures and JSON of -o/--json appear all together or
# not at all when one of them cannot be written.
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null; then
	echo "skip: python3 (with its zlib module) writes this test's PNGs"
	exit 77
fi

# png.py pattern OUT W H DEPTH ADAM7 SEED: an RGB PNG whose neighbouring
# pixels differ, interlaced when ADAM7 is 1.
# png.py bomb OUT W H: a black 8-bit RGB PNG, written without compressing
# its W*H*3 bytes: after a full flush deflate starts afresh, so one
# flushed megabyte of zeros repeats, and the zlib checksum of n zeros is
# (n mod 65521) << 16 | 1.
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

def bomb(path, w, h):
    raw, block = (1 + 3 * w) * h, 1 << 20
    c = zlib.compressobj(9)
    first = c.compress(bytes(block)) + c.flush(zlib.Z_FULL_FLUSH)
    body = c.compress(bytes(block)) + c.flush(zlib.Z_FULL_FLUSH)
    n, rest = divmod(raw, block)
    tail = c.compress(bytes(rest)) + c.flush(zlib.Z_FINISH)
    adler = (raw % 65521) << 16 | 1
    png(path, w, h, 8, 0, first + body * (n - 1) + tail[:-4] + struct.pack(">I", adler))

a = sys.argv
if a[1] == "pattern":
    pattern(a[2], int(a[3]), int(a[4]), int(a[5]), int(a[6]), int(a[7]))
else:
    bomb(a[2], int(a[3]), int(a[4]))
PY

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

# ---- decompression bombs: refused from the header, in one line
# Under a 2 GB address-space limit where the build starts under one (a
# sanitizer build reserves terabytes and cannot), so that a reader that
# decodes the bomb fails here instead of taking 15 GB of the machine.
guard=
if (ulimit -v 2000000 && "$FPCHECK" --version) >/dev/null 2>&1; then
	guard="ulimit -v 2000000;"
fi
guarded() {
	sh -c "$guard"' exec "$@"' sh "$@"
}
python3 png.py bomb bomb.png 16384 16384
[ "$(wc -c <bomb.png)" -lt 1000000 ] || fail "bomb.png is $(wc -c <bomb.png) bytes"
expect_error 2 "^fpcheck: bomb.png: 16384x16384 is 268435456 pixels, more than the limit of 8388608$" \
	guarded "$FPCHECK" imgdiff plain.png bomb.png
expect_error 2 "bomb.png: 16384x16384 is 268435456 pixels, more than the limit of 100000000$" \
	guarded "$FPCHECK" imgdiff --max-pixels 100000000 bomb.png plain.png
printf 'PF\n16384 16384\n-1.0\n' >bomb.pfm
expect_error 2 "^fpcheck: bomb.pfm: 16384x16384 is 268435456 pixels, more than the limit of 8388608$" \
	guarded "$FPCHECK" imgdiff bomb.pfm bomb.pfm
printf 'Pf\n20000 1\n-1.0\n' >wide.pfm
expect_error 2 "wide.pfm: 20000x1 pixels: a side is more than the limit of 16384$" \
	"$FPCHECK" imgdiff wide.pfm wide.pfm

# A chunk's declared length is not memory to hand out: a 4x3 PNG whose
# tEXt chunk says 1.9 GB (and ends there) took 1.9 GB before it was
# found truncated.  The peak memory of the child is measured (ru_maxrss,
# KiB) against 100 MB, far above fpcheck's own few MB.
python3 - <<'PY'
import struct, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
ihdr = struct.pack(">IIBBBBB", 4, 3, 8, 2, 0, 0, 0)
open("longtext.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    + struct.pack(">I", 1948975130) + b"tEXtSoftware\0fpcheck")
PY
cat >maxrss.py <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
expect_error 2 "^fpcheck: longtext.png: truncated PNG" "$FPCHECK" imgdiff longtext.png plain.png
kib=$(python3 maxrss.py "$FPCHECK" imgdiff longtext.png plain.png)
[ "$kib" -lt 100000 ] || fail "a 4x3 PNG claiming a 1.9 GB chunk took $kib KiB"
echo "ok: a PNG claiming a 1.9 GB chunk: $kib KiB"

# --max-pixels moves the limit, both ways.
python3 png.py pattern a.png 9 9 8 0 1
expect_error 2 "a.png: 9x9 is 81 pixels, more than the limit of 80$" \
	"$FPCHECK" imgdiff --max-pixels 80 a.png a.png
status 0 "$FPCHECK" imgdiff --max-pixels 81 a.png a.png
for bad in 0 -5 x 268435457; do
	expect_error 2 "^fpcheck: --max-pixels takes a whole number from 1 to 268435456, not '$bad'$" \
		"$FPCHECK" imgdiff --max-pixels "$bad" a.png a.png
done
"$FPCHECK" imgdiff --help | grep -q -- "--max-pixels N .*(default" ||
	fail "imgdiff --help does not describe --max-pixels"

# ---- -o and --json: all the files or none
python3 png.py pattern b.png 9 9 8 0 2
python3 png.py pattern c.png 9 9 8 0 3
pictures="abs boost signed ulp special"
status 1 "$FPCHECK" imgdiff a.png b.png -o d/x --json d/x.json
for p in $pictures; do cp "d/x-$p.png" "old-$p.png"; done
cp d/x.json old.json
# The last picture's name is now a directory: the others, written before
# it, must not replace those of the comparison before.
rm d/x-special.png
mkdir d/x-special.png
expect_error 2 "^fpcheck: cannot write 'd/x-special.png': it is a directory$" \
	"$FPCHECK" imgdiff a.png c.png -o d/x --json d/x.json
for p in abs boost signed ulp; do
	cmp -s "d/x-$p.png" "old-$p.png" ||
		fail "d/x-$p.png was replaced although its set could not be written"
done
cmp -s d/x.json old.json || fail "d/x.json was replaced by a failed comparison"
[ "$(ls d | grep -c tmp)" -eq 0 ] || fail "temporaries left: $(ls d)"
# The same in an empty directory: nothing at all.
mkdir -p e/x-ulp.png
expect_error 2 "cannot write 'e/x-ulp.png': it is a directory$" \
	"$FPCHECK" imgdiff a.png b.png -o e/x
[ "$(ls e)" = "x-ulp.png" ] || fail "a failed -o left $(ls e | tr '\n' ' ')"
# The JSON, written after the pictures, fails: no picture either.
mkdir j.json
expect_error 2 "cannot write 'j.json': it is a directory$" \
	"$FPCHECK" imgdiff a.png b.png -o f/x --json j.json
[ -z "$(ls f)" ] || fail "a failed --json left $(ls f | tr '\n' ' ')"
# And when all can be written, all are.
status 1 "$FPCHECK" imgdiff a.png c.png -o d/y --json d/y.json
for p in $pictures; do [ -f "d/y-$p.png" ] || fail "no d/y-$p.png"; done
[ -f d/y.json ] || fail "no d/y.json"
echo "harden_images: ok"
