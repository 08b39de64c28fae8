#!/usr/bin/env python3
"""The shape docs/design.md promises, held against the code: no function
longer than 120 lines, and no folder holding more than 30% of the
project's C lines (headers and .def lists included, tests and docs not).

Functions are found the way the project's style writes them (.clang-format):
a body opens with "{" alone in column 0 after a line with a parameter list
and closes with "}" in column 0; data tables close with "};" and are not
functions.

Usage: shape.py SOURCE_DIR.  Prints one line per violation and exits 1,
or prints the longest functions and the largest folders and exits 0.
"""
import os
import sys

MAX_FUNCTION = 120
MAX_FOLDER_SHARE = 0.30
TOPS = ("fpcheck", "corpus", "compare", "include")


def functions(path):
    """(first line, length, name) of each function in a C file."""
    out = []
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    start = None
    for i, line in enumerate(lines):
        if line == "{" and i > 0 and ")" in lines[i - 1]:
            j = i - 1
            while j > 0 and "(" not in lines[j]:
                j -= 1
            start = (j, lines[j].split("(")[0].split()[-1].lstrip("*"))
        elif line == "}" and start is not None:
            out.append((start[0] + 1, i - start[0] + 1, start[1]))
            start = None
    return out


def main():
    src = sys.argv[1]
    bad = 0
    folders = {}
    longest = []
    for top in TOPS:
        for root, _, files in os.walk(os.path.join(src, top)):
            for f in sorted(files):
                if not f.endswith((".c", ".h", ".def")):
                    continue
                path = os.path.join(root, f)
                rel = os.path.relpath(path, src)
                with open(path, encoding="utf-8") as fh:
                    n = fh.read().count("\n")
                folder = os.path.dirname(rel)
                folders[folder] = folders.get(folder, 0) + n
                if not f.endswith(".c"):
                    continue
                for line, length, name in functions(path):
                    longest.append((length, f"{rel}:{line} {name}"))
                    if length > MAX_FUNCTION:
                        print(f"{rel}:{line}: {name} is {length} lines "
                              f"(at most {MAX_FUNCTION})")
                        bad += 1
    total = sum(folders.values())
    for folder, n in sorted(folders.items(), key=lambda x: -x[1]):
        if n > MAX_FOLDER_SHARE * total:
            print(f"{folder}/ holds {n} of {total} lines "
                  f"({100 * n / total:.0f}%, at most "
                  f"{100 * MAX_FOLDER_SHARE:.0f}%)")
            bad += 1
    if bad:
        return 1
    for length, where in sorted(longest, reverse=True)[:5]:
        print(f"{length:4} lines  {where}")
    for folder, n in sorted(folders.items(), key=lambda x: -x[1])[:3]:
        print(f"{100 * n / total:3.0f}%  {folder}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
