#!/bin/sh
# Render kernels as images: fpcheck image (PNG 8 and 16 bits, PFM) and
# fpcheck imgdiff between the host build and the aarch64 build under
# qemu (or, without that toolchain, the host at -O3 -ffast-math), and the
# errors on bad images.
. "$(dirname "$0")/lib.sh"


# png_info FILE: "WIDTH HEIGHT DEPTH" from the IHDR chunk.
png_info() {
	python3 - "$1" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h, d = struct.unpack(">IIB", b[16:25])
print(w, h, d)
PY
}

renders=path_spp1f,path_spp64f,mandelbrot,mandelbrotf
"$FPCHECK" corpus -f $renders --image-size 80x60 -o c.corpus
"$FPCHECK" run --corpus c.corpus -o host.rec --no-report

# ---- fpcheck image
"$FPCHECK" image host.rec path_spp64f -o a.png
[ "$(png_info a.png)" = "80 60 8" ] || fail "a.png is $(png_info a.png)"
grep -aq "fpcheck.kernel" a.png && grep -aq "path_spp64f" a.png ||
	fail "no provenance text chunks in a.png"
"$FPCHECK" image host.rec mandelbrot --bits 16 --exposure 1 -o m16.png
[ "$(png_info m16.png)" = "80 60 16" ] || fail "m16.png is $(png_info m16.png)"
"$FPCHECK" image host.rec path_spp64f -o a.pfm
[ "$(head -c 14 a.pfm)" = "$(printf 'PF\n80 60\n-1.0\n')" ] ||
	fail "bad PFM header: $(head -c 14 a.pfm | od -c | head -2)"
[ "$(wc -c <a.pfm)" -eq $((14 + 80 * 60 * 12)) ] || fail "PFM size $(wc -c <a.pfm)"
# The PFM holds the floats exactly; the PNG does not.
status 0 "$FPCHECK" imgdiff -k path_spp64f host.rec a.pfm
grep -q "^verdict          bit-identical$" out.txt || fail "PFM not exact: $(cat out.txt)"
status 0 "$FPCHECK" imgdiff a.png a.png
expect_error 2 "several render kernels: choose one of path_spp1f, path_spp64f, mandelbrot, mandelbrotf" \
	"$FPCHECK" image host.rec -o x.png
expect_error 2 "no kernel 'pathf' in the record \(render kernels there: path_spp1f" \
	"$FPCHECK" image host.rec pathf -o x.png
expect_error 2 "must end in .png or .pfm" "$FPCHECK" image host.rec mandelbrot -o x.jpg
expect_error 2 "cannot open 'none.rec': No such file" "$FPCHECK" image none.rec -o x.png
expect_error 2 "'a.png' is not an fpcheck record" "$FPCHECK" image a.png -o x.png
[ ! -e x.png ] || fail "a failed image command left x.png"

# ---- fpcheck imgdiff: the same build is bit-identical, exit 0
status 0 "$FPCHECK" imgdiff -k path_spp1f host.rec host.rec
grep -q "^identical pixels 4800 of 4800 (100.00%)$" out.txt ||
	fail "self-comparison: $(cat out.txt)"

# ... another architecture or flags differ, exit 1, with pictures
if command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null; then
	build_runner runner-arm aarch64-linux-gnu-gcc -O2
	"$FPCHECK" run --corpus c.corpus -o other.rec --no-report \
		--runner ./runner-arm --emulator "qemu-aarch64 -L /usr/aarch64-linux-gnu"
	grep -a -q aarch64 other.rec || fail "other.rec is not from aarch64"
else
	echo "note: no aarch64 cross toolchain or qemu-aarch64; comparing with -O3 -ffast-math instead"
	build_runner runner-fast cc "-O3 -ffast-math"
	"$FPCHECK" run --corpus c.corpus -o other.rec --no-report --runner ./runner-fast
fi
for k in mandelbrotf path_spp64f; do
	status 1 "$FPCHECK" imgdiff -k $k host.rec other.rec -o d/$k --json d/$k.json
	grep -q "^verdict          outside the limits$" out.txt || fail "$k: $(cat out.txt)"
	for p in abs boost signed ulp special; do
		png_info d/$k-$p.png >/dev/null || fail "d/$k-$p.png is not a PNG"
		grep -aq "host.rec:$k" d/$k-$p.png && grep -aq "other.rec:$k" d/$k-$p.png &&
			grep -aq "fpcheck.b.config" d/$k-$p.png ||
			fail "d/$k-$p.png does not say which renders it compares"
	done
	python3 - d/$k.json d/$k-boost.png d/$k-abs.png <<'PY'
import json, struct, sys, zlib
j = json.load(open(sys.argv[1]))
assert j["schema"] == "fpcheck-imgdiff" and not j["within"], j
assert 0 <= j["identical_share"] < 1 and j["max_ulp"] > 0, j
assert j["max_ulp_at"]["x"] < 80 and j["max_ulp_at"]["y"] < 60, j
def lit(path):
    b = open(path, "rb").read()
    data, i = b"", 8
    while i < len(b):
        n, t = struct.unpack(">I4s", b[i:i + 8])
        if t == b"IDAT":
            data += b[i + 8:i + 8 + n]
        i += 12 + n
    raw = zlib.decompress(data)
    return sum(1 for x in raw if x > 16)
# The boosted difference shows more than the plain one.
assert lit(sys.argv[2]) > lit(sys.argv[3]) > 0 or lit(sys.argv[2]) > 0, \
    (lit(sys.argv[2]), lit(sys.argv[3]))
PY
	echo "ok: $k differs: $(grep 'identical pixels' out.txt)"
done
# Limits relax the verdict.
status 0 "$FPCHECK" imgdiff -k mandelbrotf host.rec other.rec --max-percent 100
status 1 "$FPCHECK" imgdiff -k mandelbrotf host.rec other.rec --max-ulp 0
grep -q "within the limits" out.txt && fail "--max-ulp 0 let a difference through"

# ---- bad images: a clear error and exit 2
"$FPCHECK" corpus -f mandelbrotf --image-size 16x12 -o small.corpus
"$FPCHECK" run --corpus small.corpus -o small.rec --no-report
expect_error 2 "host.rec:mandelbrotf against small.rec:mandelbrotf: the images differ in size: 80x60 against 16x12" \
	"$FPCHECK" imgdiff -k mandelbrotf host.rec small.rec
head -c 300 a.png >cut.png
expect_error 2 "cut.png: truncated PNG" "$FPCHECK" imgdiff a.png cut.png
printf 'PF\n80 x\n-1.0\n' >bad.pfm
expect_error 2 "bad.pfm: bad PFM header" "$FPCHECK" imgdiff a.pfm bad.pfm
head -c 1000 a.pfm >short.pfm
expect_error 2 "short.pfm: PFM data ends at row" "$FPCHECK" imgdiff a.pfm short.pfm
echo "not an image" >text.txt
expect_error 2 "not a PNG, PFM or fpcheck record" "$FPCHECK" imgdiff a.png text.txt
expect_error 2 "cannot open 'none.png'" "$FPCHECK" imgdiff a.png none.png
expect_error 2 "'sin' is not a render kernel|no kernel 'sin'" \
	"$FPCHECK" imgdiff -k sin host.rec host.rec
echo "images: ok"
