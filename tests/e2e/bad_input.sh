#!/bin/sh
# Bad input gets one clear line on stderr and exit status 2, never a crash
# or a silent wrong answer.
. "$(dirname "$0")/lib.sh"

"$FPCHECK" run --functions sqrt,sinf -o good.rec --no-report
size=$(wc -c <good.rec)

expect_error 2 "cannot open 'missing.rec': No such file" \
	"$FPCHECK" report missing.rec
expect_error 2 "cannot open 'missing.rec'" "$FPCHECK" dump missing.rec

# Truncation at many points, from the empty file to one byte short.
for n in 0 1 7 8 23 24 30 40 100 1000 $((size / 2)) $((size - 29)) \
	$((size - 12)) $((size - 1)); do
	head -c "$n" good.rec >cut.rec
	expect_error 2 "cut.rec: file is truncated" "$FPCHECK" report cut.rec
done

# A flipped byte in the header, a section header, a payload, a CRC and
# the end marker.
for at in 0 9 13 20 30 100 $((size / 2)) $((size - 20)) $((size - 1)); do
	cp good.rec flip.rec
	byte=$(od -An -tu1 -j "$at" -N1 flip.rec | tr -d ' ')
	printf "$(printf '\\%03o' $((byte ^ 4)))" |
		dd of=flip.rec bs=1 seek="$at" conv=notrunc 2>/dev/null
	expect_error 2 "flip.rec: (file is corrupt|not an fpcheck file)" \
		"$FPCHECK" report flip.rec
done

# A record of a future format version (valid checksum).
if command -v python3 >/dev/null; then
	python3 - good.rec future.rec <<'PY'
import struct, sys, zlib
b = bytearray(open(sys.argv[1], "rb").read())
b[12:14] = struct.pack("<H", 2)
b[20:24] = struct.pack("<I", zlib.crc32(bytes(b[:20])))
open(sys.argv[2], "wb").write(b)
PY
	expect_error 2 "future.rec: .*incompatible version" \
		"$FPCHECK" report future.rec
else
	echo "note: python3 not installed, future-version check skipped"
fi
printf 'not a record\n' >text.rec
expect_error 2 "text.rec: not an fpcheck file" "$FPCHECK" report text.rec
expect_error 2 "is a directory|Is a directory" "$FPCHECK" report .

# Input files: the line number of the bad line.
printf '# inputs\n0x1p+0\n0x1.8p+1junk\n' >bad1.txt
expect_error 2 "bad1.txt:3: " "$FPCHECK" run --functions sin --inputs bad1.txt -o x.rec
printf '1.0\n2.0\n3.0\n\n0x1.0000001p+0\n' >bad2.txt
expect_error 2 "bad2.txt:5: .*float" "$FPCHECK" run --functions sinf --inputs bad2.txt -o x.rec
printf '1.0 2.0\n' >binary.txt
expect_error 2 "no input for 'sin'" "$FPCHECK" run --functions sin --inputs binary.txt -o x.rec
expect_error 2 "cannot open 'nope.txt'|nope.txt: No such file" \
	"$FPCHECK" run --functions sin --inputs nope.txt -o x.rec

# Unknown names and options.
expect_error 2 "unknown function 'sinx' \(did you mean 'sin'\?\)" \
	"$FPCHECK" run --functions sin,sinx -o x.rec
expect_error 2 "unknown function 'frobnicate'" \
	"$FPCHECK" corpus --list --functions frobnicate
expect_error 2 "unknown command 'frob'" "$FPCHECK" frob
expect_error 2 "unknown report format 'yaml'" \
	"$FPCHECK" report --format yaml good.rec

# A runner that fails, one that crashes, one that hangs: each reported.
printf '#!/bin/sh\nexit 3\n' >fails.sh
printf '#!/bin/sh\nkill -SEGV $$\n' >crashes.sh
printf '#!/bin/sh\nexec sleep 30\n' >hangs.sh
chmod +x fails.sh crashes.sh hangs.sh
expect_error 2 "runner failed with exit status 3" \
	"$FPCHECK" run --functions sin --runner ./fails.sh -o x.rec
expect_error 2 "runner was killed by signal 11" \
	"$FPCHECK" run --functions sin --runner ./crashes.sh -o x.rec
expect_error 2 "runner did not finish within 1 s" \
	"$FPCHECK" run --functions sin --runner ./hangs.sh --timeout 1 -o x.rec
expect_error 2 "runner '/nonexistent/runner' is not an executable" \
	"$FPCHECK" run --functions sin --runner /nonexistent/runner -o x.rec
[ -e x.rec ] && fail "a failed run left a record behind"
# A runner killed while writing leaves no temporary behind either.
printf '#!/bin/sh\nfor a; do last=$a; done\nprintf x >"$last.tmpABCDEF"\nexec sleep 30\n' >partial.sh
chmod +x partial.sh
expect_error 2 "runner did not finish within 1 s" \
	"$FPCHECK" run --functions sin --runner ./partial.sh --timeout 1 -o p.rec
ls p.rec* 2>/dev/null && fail "a killed runner's temporary was left behind"
echo "all bad-input checks passed"
