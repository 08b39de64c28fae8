#!/usr/bin/env python3
"""Rewrites an fpcheck record with hostile content, for the end-to-end
tests: kernels renamed and provenance keys set, every CRC made valid
again, so that only fpcheck's checks of the content itself stand
between such a record and the terminal or the file system.

usage: harden_outputs_patch.py IN OUT [--rename OLD=NEW] [--prov KEY=VALUE]
                               [--keep NAME=COUNT]...

--keep cuts kernel NAME to its first COUNT inputs (outputs and flags
with them), a whole and valid section of a record whose kernel is not
what its kind promises (a render that is not one whole image).

OLD, NEW, KEY and VALUE take Python escapes (\\x1b, \\xff, \\n), written
as those bytes.  The layout is docs/record-format.md's.
"""
import struct
import sys
import zlib


def arg_bytes(a):
    return a.encode('utf-8').decode('unicode_escape').encode('latin-1')


def section(typ, payload):
    head = typ + struct.pack('<Q', len(payload))
    return (head + struct.pack('<I', zlib.crc32(head)) + payload +
            struct.pack('<I', zlib.crc32(payload)))


def prov(payload, sets):
    count, at, pairs = struct.unpack('<I', payload[:4])[0], 4, []
    for _ in range(count):
        kl = struct.unpack('<H', payload[at:at + 2])[0]
        key = payload[at + 2:at + 2 + kl]
        at += 2 + kl
        vl = struct.unpack('<I', payload[at:at + 4])[0]
        pairs.append([key, payload[at + 4:at + 4 + vl]])
        at += 4 + vl
    for key, value in sets:
        for pair in pairs:
            if pair[0] == key:
                pair[1] = value
                break
        else:
            pairs.append([key, value])
    out = struct.pack('<I', len(pairs))
    for key, value in pairs:
        out += struct.pack('<H', len(key)) + key
        out += struct.pack('<I', len(value)) + value
    return out


def keep(payload, nl, count):
    fin, fout, arity = payload[2 + nl], payload[3 + nl], payload[4 + nl]
    head, n = payload[:6 + nl], struct.unpack('<I', payload[6 + nl:10 + nl])[0]
    wi, wo = (4 if fin == 1 else 8), (4 if fout == 1 else 8)
    body, at = b'', 10 + nl
    for _ in range(arity):
        body += payload[at:at + count * wi]
        at += n * wi
    body += payload[at:at + count * wo] + payload[at + n * wo:at + n * wo + count]
    return head + struct.pack('<I', count) + body


def kern(payload, renames, keeps):
    nl = struct.unpack('<H', payload[:2])[0]
    for name, count in keeps:
        if payload[2:2 + nl] == name:
            payload = keep(payload, nl, int(count))
    for old, new in renames:
        if payload[2:2 + nl] == old:
            return struct.pack('<H', len(new)) + new + payload[2 + nl:]
    return payload


def main():
    src, dst, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    lists = {'--rename': [], '--prov': [], '--keep': []}
    for opt, val in zip(args[::2], args[1::2]):
        old, new = val.split('=', 1)
        lists[opt].append((arg_bytes(old), arg_bytes(new)))
    data = open(src, 'rb').read()
    out, at, n = bytearray(data[:24]), 24, 0
    while True:
        typ = data[at:at + 4]
        ln = struct.unpack('<Q', data[at + 4:at + 12])[0]
        payload = data[at + 16:at + 16 + ln]
        at += 20 + ln
        if typ == b'END ':
            break
        if typ == b'PROV':
            payload = prov(payload, lists['--prov'])
        elif typ == b'KERN':
            payload = kern(payload, lists['--rename'], lists['--keep'])
        out += section(typ, payload)
        n += 1
    out += section(b'END ', struct.pack('<Q', n))
    open(dst, 'wb').write(out)


main()
