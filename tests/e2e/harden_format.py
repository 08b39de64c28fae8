#!/usr/bin/env python3
"""Hostile records for tests/e2e/harden_format.sh, written from
docs/record-format.md alone (a second, independent writer of the format).

Usage: harden_format.py CASE OUT [ARG]

  prov-nul-key     a record whose last provenance key holds a NUL byte
  prov-nul-val     the same with the NUL in the last value
  prov-keys N      a record with N distinct extra provenance keys
  prov-dup-key     a provenance that names one key twice
  reduce-bad       sum_loop with descriptors that are not integers
  reduce-dist      sum_loop with an unknown distribution (7)
  reduce-zero      sum_loop with a vector of length 0
  reduce-long      sum_loop: 40 descriptors of length 2^24, distinct seeds
  reduce-kernel    sum_loop: 9 descriptors of length 2^20 (one kernel's
                   vectors over 2^23 terms)
  reduce-inputs    sum_loop: 4097 descriptors of length 1 (over 4096)
  reduce-record    sum_seq and sum_loop, 5 distinct descriptors of length
                   2^20 each (the record's distinct vectors over 2^23)
  reduce-count     sum_seq and sum_loop, 129 distinct short descriptors
                   each (the record's distinct vectors over 256)
  reduce-bad-last  sum_seq: 8 descriptors of length 2^20 (at the limit),
                   then sum_loop with a fractional one
  out-of-order     cos before sin (fpcheck's table has sin first)
  unknown-twice    kernels fpcheck does not know, one given twice
  truncated        a sin record with its last 10 bytes cut
"""
import struct
import sys
import zlib

MAGIC = b"\x89FPC\r\n\x1a\n"


def crc(b):
    return zlib.crc32(b) & 0xFFFFFFFF


def section(typ, payload):
    head = typ + struct.pack("<Q", len(payload))
    return head + struct.pack("<I", crc(head)) + payload + \
        struct.pack("<I", crc(payload))


def container(sections):
    head = MAGIC + b"REC " + struct.pack("<HHI", 1, 0, 0)
    out = head + struct.pack("<I", crc(head))
    for typ, payload in sections:
        out += section(typ, payload)
    return out + section(b"END ", struct.pack("<Q", len(sections)))


BASE_PROV = [
    (b"fpcheck.version", b"0.1.0"), (b"arch", b"x86_64"),
    (b"endian", b"little"), (b"compiler", b"gcc 12.2.0"),
    (b"build.flags", b"-O2"), (b"libc", b"glibc 2.36"),
    (b"flt_eval_method", b"0"), (b"fp_fast_fma", b"no"),
    (b"ftz", b"off"), (b"daz", b"off"), (b"rounding", b"to-nearest"),
    (b"fenv.flags", b"yes"), (b"corpus.hash", b"0123456789abcdef"),
]


def prov(pairs):
    out = struct.pack("<I", len(pairs))
    for k, v in pairs:
        out += struct.pack("<H", len(k)) + k + struct.pack("<I", len(v)) + v
    return out


def kern(name, fmt, inputs, outputs, flags=None):
    """inputs: one list of bit patterns per argument."""
    w = "<I" if fmt == 1 else "<Q"
    n = len(outputs)
    out = struct.pack("<H", len(name)) + name.encode()
    out += struct.pack("<BBBBI", fmt, fmt, len(inputs), 0, n)
    for arg in inputs:
        out += b"".join(struct.pack(w, v) for v in arg)
    out += b"".join(struct.pack(w, v) for v in outputs)
    return out + bytes(flags if flags is not None else [0x10] * n)


def dbl(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def sin_kernel():
    xs = [dbl(0.5), dbl(1.0), dbl(2.0)]
    return kern("sin", 2, [xs], [dbl(0.4794255386042030), dbl(0.8414709848078965),
                                 dbl(0.9092974268256817)])


def reduction(name, descs):
    """descs: (n, dist, seed) as bit patterns of binary64 values."""
    cols = [[d[a] for d in descs] for a in range(3)]
    return kern(name, 2, cols, [dbl(1.0)] * len(descs))


def sum_loop(descs):
    return reduction("sum_loop", descs)


def ints(n, dist, seed):
    return (dbl(float(n)), dbl(float(dist)), dbl(float(seed)))


def main():
    case, path = sys.argv[1], sys.argv[2]
    arg = sys.argv[3] if len(sys.argv) > 3 else None
    p = list(BASE_PROV)
    body = [(b"KERN", sin_kernel())]
    if case == "prov-nul-key":
        p.append((b"x\0y", b"value"))
    elif case == "prov-nul-val":
        p.append((b"xy", b"va\0lue"))
    elif case == "prov-keys":
        p += [(b"k%07d" % i, b"v") for i in range(int(arg))]
    elif case == "prov-dup-key":
        p.append((b"arch", b"aarch64"))
    elif case == "reduce-bad":
        body = [(b"KERN", sum_loop([(dbl(0.5), dbl(0.25), dbl(-1.0))]))]
    elif case == "reduce-dist":
        body = [(b"KERN", sum_loop([ints(10, 7, 1)]))]
    elif case == "reduce-zero":
        body = [(b"KERN", sum_loop([ints(0, 0, 1)]))]
    elif case == "reduce-long":
        body = [(b"KERN", sum_loop([ints(1 << 24, 0, s) for s in range(40)]))]
    elif case == "reduce-kernel":
        body = [(b"KERN", sum_loop([ints(1 << 20, 0, s) for s in range(9)]))]
    elif case == "reduce-inputs":
        body = [(b"KERN", sum_loop([ints(1, 0, 7)] * 4097))]
    elif case == "reduce-record":
        body = [(b"KERN", reduction("sum_seq",
                                    [ints(1 << 20, 1, s) for s in range(5)])),
                (b"KERN", sum_loop([ints(1 << 20, 1, s) for s in range(5, 10)]))]
    elif case == "reduce-count":
        body = [(b"KERN", reduction("sum_seq",
                                    [ints(10, 2, s) for s in range(129)])),
                (b"KERN", sum_loop([ints(10, 2, s) for s in range(129, 258)]))]
    elif case == "reduce-bad-last":
        body = [(b"KERN", reduction("sum_seq",
                                    [ints(1 << 20, 0, s) for s in range(8)])),
                (b"KERN", sum_loop([(dbl(0.5), dbl(0.0), dbl(1.0))]))]
    elif case == "out-of-order":
        cos = kern("cos", 2, [[dbl(0.5)]], [dbl(0.8775825618903728)])
        body = [(b"KERN", cos), (b"KERN", sin_kernel())]
    elif case == "unknown-twice":
        body = [(b"KERN", kern(n, 2, [[dbl(1.0)]], [dbl(1.0)]))
                for n in ("later_a", "later_b", "later_a")]
    elif case != "truncated":
        sys.exit("unknown case " + case)
    data = container([(b"PROV", prov(p))] + body)
    if case == "truncated":
        data = data[:-10]
    with open(path, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
