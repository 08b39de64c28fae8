#!/usr/bin/env python3
"""The README's promises about its commands, held against the files:

- the README opens with two commands (install, build and run; test);
- the test command leaves out the benchmarks (ctest -LE bench): a test
  must not fail because the machine is busy, and benchmarks time the
  machine;
- .ci/run runs that test command as the README writes it.

Usage: readme.py SOURCE_DIR.  Prints one line per broken promise and
exits 1, or exits 0.
"""
import os
import re
import sys


def main():
    src = sys.argv[1]
    with open(os.path.join(src, "README.md"), encoding="utf-8") as fh:
        readme = fh.read()
    with open(os.path.join(src, ".ci/run"), encoding="utf-8") as fh:
        ci = fh.read()
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.S)
    bad = []
    if len(blocks) < 2:
        bad.append("README.md: the two commands (run, test) are missing")
    else:
        test = blocks[1].strip()
        ctest = test[test.find("ctest"):] if "ctest" in test else ""
        if not ctest:
            bad.append("README.md: the test command runs no ctest")
        elif "-LE bench" not in ctest:
            bad.append("README.md: the test command runs the benchmarks "
                       "(add -LE bench)")
        elif ctest not in ci:
            bad.append(f".ci/run does not run the README's test command "
                       f"'{ctest}'")
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
