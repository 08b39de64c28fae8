#!/bin/sh
# fpcheck report --html: one self-contained page (no network, every image
# embedded and decodable) for records of three builds, rendered by
# headless Chromium without a console message when Chromium is installed.
. "$(dirname "$0")/lib.sh"


"$FPCHECK" corpus -f sin,sinf,powf,sum_loop,sum_loopf,mandelbrotf,path_spp1f \
	--samples 512 --image-size 40x30 -o c.corpus
"$FPCHECK" run --corpus c.corpus -o host.rec --no-report
build_runner runner-fast cc "-O3 -ffast-math"
"$FPCHECK" run --corpus c.corpus -o fast.rec --no-report --runner ./runner-fast
set -- host.rec fast.rec
if command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null; then
	build_runner runner-arm aarch64-linux-gnu-gcc -O2
	"$FPCHECK" run --corpus c.corpus -o arm.rec --no-report \
		--runner ./runner-arm --emulator "qemu-aarch64 -L /usr/aarch64-linux-gnu"
	set -- "$@" arm.rec
fi

"$FPCHECK" report --html out/report.html "$@" || fail "report --html failed"
[ -s out/report.html ] || fail "no page written"
ls out | grep -q tmp && fail "temporary file left behind"

python3 - out/report.html "$#" <<'PY' || fail "the page is not what it should be"
import base64, html.parser, re, struct, sys, zlib
page = open(sys.argv[1], encoding="utf-8").read()
nrec = int(sys.argv[2])

class Check(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.imgs, self.ids, self.text = [], [], set(), []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for k in ("src", "href"):
            v = a.get(k)
            if v and not (v.startswith("data:image/png;base64,") or v.startswith("#")):
                raise SystemExit("external reference %s=%r" % (k, v[:80]))
        if tag == "img":
            self.imgs.append(a)
        if tag in ("script", "link", "iframe", "object"):
            raise SystemExit("page has a <%s>" % tag)
        if tag not in ("img", "meta", "br", "input"):
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            raise SystemExit("unbalanced </%s> after %s" % (tag, self.stack[-3:]))
        self.stack.pop()
    def handle_data(self, d):
        self.text.append(d)

c = Check()
c.feed(page)
c.close()
assert not c.stack, c.stack
for want in ("configs", "summary", "diffs", "plots", "renders"):
    assert want in c.ids, want
text = " ".join(c.text)
assert "fast-math" in text and "reassociation" in text, "fast.rec's diff has no reassociation"
# Every picture is a whole PNG.
for img in c.imgs:
    b = base64.b64decode(img["src"].split(",", 1)[1], validate=True)
    assert b[:8] == b"\x89PNG\r\n\x1a\n", img.get("alt")
    i, idat = 8, b""
    while i < len(b):
        n, t = struct.unpack(">I4s", b[i:i + 8])
        assert zlib.crc32(b[i + 4:i + 8 + n]) == struct.unpack(">I", b[i + 8 + n:i + 12 + n])[0]
        if t == b"IDAT":
            idat += b[i + 8:i + 8 + n]
        i += 12 + n
    w, h = struct.unpack(">II", b[16:24])
    assert len(zlib.decompress(idat)) == h * (1 + w * 3 * (b[24] // 8)), img.get("alt")
alts = [i.get("alt", "") for i in c.imgs]
assert any("heatmap" in a for a in alts), alts
assert "sin" in alts and "sum_loopf" in alts, alts   # error plots
assert sum(a.startswith("mandelbrotf,") for a in alts) == nrec, alts
assert any(a.startswith("|difference|") for a in alts), alts
print("ok: page of %d bytes, %d embedded PNGs, all decodable" % (len(page), len(c.imgs)))
PY

# A bad record: a clear error and no page.
head -c 3000 host.rec >cut.rec
expect_error 2 "cut.rec" "$FPCHECK" report --html bad.html host.rec cut.rec
[ ! -e bad.html ] || fail "a failed report left bad.html"

# Headless Chromium renders it without a console message (the page has
# no script: any message is an error, e.g. an image it could not load).
chrome=
for c in chromium chromium-browser google-chrome; do
	command -v $c >/dev/null && chrome=$c && break
done
if [ -z "$chrome" ]; then
	echo "note: Chromium not installed (apt-get install chromium): page not rendered"
	exit 0
fi
timeout 120 $chrome --headless=new --no-sandbox --disable-gpu \
	--enable-logging=stderr --v=0 --window-size=1400,3000 \
	--screenshot="$WORK/shot.png" "file://$WORK/out/report.html" \
	>chrome.out 2>chrome.err || fail "chromium failed: $(tail -5 chrome.err)"
if grep -E ':CONSOLE[(:]|Uncaught|Failed to load|ERR_' chrome.err; then
	fail "console messages while rendering the page"
fi
[ -s shot.png ] || fail "no screenshot"
echo "ok: $chrome rendered the page, no console message"
