#!/usr/bin/env python3
"""Speed and memory targets, each a ratio against a baseline measured in
the same run (so that the machine's own speed cancels out):

  cache    a warm truth cache against a cold one, for `fpcheck report`
           of one record: warm time / cold time <= 0.5
  threads  truth on 2 threads against 1 (`report -j`, no cache):
           speedup >= 1.3 (checked only with 2 CPUs or more)
  stream   peak memory of the kernels x records table over 8 records
           against the bytes of those records: <= 0.5, since records are
           read one kernel at a time

usage: ratios.py FPCHECK SCRATCH_DIR
Prints a table; exits 1 when a target is missed.
"""
import os
import shutil
import subprocess
import sys
import time


def run(argv, env=None):
    """Wall seconds and peak RSS (bytes) of argv, which must succeed."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.monotonic() - t0
    err = p.stderr.read().decode()
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("%s failed: %s" % (" ".join(argv), err))
    return dt, usage.ru_maxrss * 1024


def main():
    fpcheck, scratch = sys.argv[1:]
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    rec = os.path.join(scratch, "host.rec")
    cache = os.path.join(scratch, "cache")
    # One record of the default corpus without the renders (no truth to
    # time), written without its report.
    run([fpcheck, "run", "-f", "double,float", "--no-report", "-o", rec])
    rows, failed = [], 0

    def target(name, baseline, measured, ratio, op, limit, note=""):
        nonlocal failed
        ok = ratio <= limit if op == "<=" else ratio >= limit
        failed += not ok
        rows.append((name, baseline, measured, "%.3f" % ratio,
                     "%s %g" % (op, limit), "ok" if ok else "MISSED", note))

    cold, _ = run([fpcheck, "report", "--cache", cache, rec])
    warm, _ = run([fpcheck, "report", "--cache", cache, rec])
    target("cache", "cold %.2f s" % cold, "warm %.2f s" % warm, warm / cold,
           "<=", 0.5)

    one, _ = run([fpcheck, "report", "--no-cache", "-j", "1", rec])
    two, _ = run([fpcheck, "report", "--no-cache", "-j", "2", rec])
    if (os.cpu_count() or 1) >= 2:
        target("threads", "-j 1 %.2f s" % one, "-j 2 %.2f s" % two, one / two,
               ">=", 1.3)
    else:
        rows.append(("threads", "-j 1 %.2f s" % one, "-j 2 %.2f s" % two,
                     "%.3f" % (one / two), ">= 1.3", "skipped",
                     "one CPU: nothing to gain"))

    copies = []
    for i in range(8):
        c = os.path.join(scratch, "copy%d.rec" % i)
        shutil.copy(rec, c)
        copies.append(c)
    size = sum(os.path.getsize(c) for c in copies)
    _, rss = run([fpcheck, "report", "--cache", cache] + copies)
    target("stream", "records %.1f MB" % (size / 1e6),
           "peak RSS %.1f MB" % (rss / 1e6), rss / size, "<=", 0.5)

    head = ("benchmark", "baseline", "measured", "ratio", "target", "",
            "note")
    widths = [max(len(str(r[i])) for r in rows + [head])
              for i in range(len(head))]
    for r in [head] + rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip())
    shutil.rmtree(scratch, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
