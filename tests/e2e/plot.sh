#!/bin/sh
# fpcheck plot: an error plot per function (one record, several
# overlaid), the kernels x records heatmap, and the errors that must
# come out as one line and exit status 2.  The PNGs are checked for what
# a viewer needs (signature, IHDR size) and for their provenance chunks.
. "$(dirname "$0")/lib.sh"

# png_size FILE: prints "W H" from the IHDR chunk after checking the
# signature and that IHDR comes first.
png_size() {
	[ "$(od -An -tx1 -N16 "$1" | tr -d ' \n')" = \
		89504e470d0a1a0a0000000d49484452 ] ||
		fail "$1 is not a PNG starting with IHDR: $(od -An -tx1 -N16 "$1")"
	od -An -tu1 -j16 -N8 "$1" | awk '{
		printf "%d %d\n", (($1 * 256 + $2) * 256 + $3) * 256 + $4,
			(($5 * 256 + $6) * 256 + $7) * 256 + $8 }'
}

# expect_png FILE W H: a PNG of exactly W x H pixels.
expect_png() {
	size=$(png_size "$1")
	[ "$size" = "$2 $3" ] || fail "$1 is $size, want $2 $3"
	echo "ok: $1 is a $2x$3 PNG"
}

# png_text FILE KEY: the value of a tEXt chunk (python3 reads the
# chunks; without it the check is skipped and this prints "-").
png_text() {
	if ! command -v python3 >/dev/null; then
		echo -
		return
	fi
	python3 - "$1" "$2" <<'PY'
import struct, sys, zlib
b = open(sys.argv[1], "rb").read()
i, found = 8, None
while i < len(b):
    n, = struct.unpack(">I", b[i:i + 4])
    kind, data = b[i + 4:i + 8], b[i + 8:i + 8 + n]
    crc, = struct.unpack(">I", b[i + 8 + n:i + 12 + n])
    assert zlib.crc32(kind + data) == crc, "bad CRC in %r" % kind
    if kind == b"tEXt":
        key, _, val = data.partition(b"\0")
        if key.decode("latin-1") == sys.argv[2]:
            found = val.decode("latin-1")
    i += 12 + n
assert b[i - 12 + 4:i - 4] == b"IEND", "no IEND at the end"
print("(none)" if found is None else found)
PY
}

# expect_text FILE KEY VALUE
expect_text() {
	got=$(png_text "$1" "$2")
	[ "$got" = - ] && return 0
	[ "$got" = "$3" ] || fail "$1: $2 is '$got', want '$3'"
}

"$FPCHECK" run -f sin,sinf,hypotf,sum_seq,path_spp1f -o a.rec --no-report ||
	fail "run failed"
# A second configuration, cheaply: other inputs (so not comparable), and
# fewer of them; and a copy, bit-identical.
"$FPCHECK" run -f sin,hypotf --samples 512 -o b.rec --no-report ||
	fail "run --samples failed"
cp a.rec c.rec

# Error plots: one argument, two (against the first), a reduction
# (against the input number).
"$FPCHECK" plot a.rec sin -o sin.png || fail "plot sin exited $?"
expect_png sin.png 800 450
expect_text sin.png Title "sin (double): error in ulps"
expect_text sin.png Software "fpcheck $("$FPCHECK" --version | cut -d' ' -f2)"
expect_text sin.png Source a.rec
"$FPCHECK" plot a.rec hypotf --size 640x360 -o hypotf.png ||
	fail "plot hypotf exited $?"
expect_png hypotf.png 640 360
"$FPCHECK" plot a.rec sum_seq -o sum_seq.png || fail "plot sum_seq exited $?"
expect_png sum_seq.png 800 450
expect_text sum_seq.png Title "sum_seq (double): error in ulps"

# Several records overlaid, and standard output.
"$FPCHECK" plot a.rec b.rec c.rec sin -o multi.png ||
	fail "plot of three records exited $?"
expect_png multi.png 800 450
expect_text multi.png Source "$(printf 'a.rec\nb.rec\nc.rec')"
# A legend line longer than the plot is wide (twelve records with long
# names and the same bits) is cut at a character, never mid-sequence:
# cairo stops drawing at invalid UTF-8 and the plot would be blank.
long=
for i in $(seq 12); do
	cp a.rec "configuration-with-a-rather-long-name-$i.rec"
	long="$long configuration-with-a-rather-long-name-$i.rec"
done
# shellcheck disable=SC2086 # one argument per record is wanted
"$FPCHECK" plot $long b.rec sin -o long.png || fail "plot with a long legend exited $?"
expect_png long.png 800 450
"$FPCHECK" plot a.rec sinf -o - >stdout.png || fail "plot -o - exited $?"
expect_png stdout.png 800 450

# The heatmap: every kernel of any record is a row, whatever the
# records' kernels; the height follows the rows.
"$FPCHECK" plot --matrix a.rec b.rec c.rec -o heat.png ||
	fail "plot --matrix exited $?"
png_size heat.png >size.txt || exit 1
read -r hw hh <size.txt
if [ "$hw" -lt 400 ] || [ "$hw" -gt 800 ] || [ "$hh" -lt 200 ]; then
	fail "heat.png is ${hw}x$hh"
fi
expect_text heat.png Title \
	"max error in ulps against MPFR, per kernel and configuration"
expect_text heat.png Source "$(printf 'a.rec\nb.rec\nc.rec')"
# Many records: the columns narrow down, then the image widens.
"$FPCHECK" plot --matrix --baseline c a.rec c.rec a.rec c.rec a.rec c.rec \
	a.rec c.rec a.rec c.rec a.rec c.rec a.rec c.rec a.rec c.rec a.rec \
	c.rec a.rec c.rec a.rec c.rec --size 400x300 -o heat2.png ||
	fail "plot --matrix --baseline exited $?"
png_size heat2.png >size.txt || exit 1
read -r hw hh <size.txt
[ "$hw" -gt 400 ] || fail "heat2.png is $hw wide, want more than 400"
echo "ok: heatmaps"

# Errors: one line on stderr, exit status 2, and no output file.
expect_error 2 "unknown function 'sinx' \(did you mean 'sin'\?\)" \
	"$FPCHECK" plot a.rec sinx -o bad.png
expect_error 2 "'path_spp1f' has no truth to plot errors against" \
	"$FPCHECK" plot a.rec path_spp1f -o bad.png
expect_error 2 "cannot open 'missing.rec': No such file" \
	"$FPCHECK" plot missing.rec sin -o bad.png
expect_error 2 "cannot open 'missing.rec': No such file" \
	"$FPCHECK" plot --matrix a.rec missing.rec -o bad.png
expect_error 2 "b.rec: no kernel 'sinf' in the record" \
	"$FPCHECK" plot a.rec b.rec sinf -o bad.png
printf 'not a record\n' >text.rec
expect_error 2 "text.rec: not an fpcheck file" \
	"$FPCHECK" plot text.rec sin -o bad.png
expect_error 2 "--size takes WxH" \
	"$FPCHECK" plot a.rec sin --size 80x45 -o bad.png
expect_error 2 "no output file" "$FPCHECK" plot a.rec sin
expect_error 2 "--baseline 'z' is none of the records" \
	"$FPCHECK" plot --matrix --baseline z a.rec -o bad.png
many=$(seq 65 | sed 's/.*/a.rec/')
# shellcheck disable=SC2086 # one argument per record is wanted
expect_error 2 "at most 64 records" "$FPCHECK" plot $many sin -o bad.png
ls bad.png* 2>/dev/null && fail "a failed plot left a file behind"
echo "all plot checks passed"
