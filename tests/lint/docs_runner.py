#!/usr/bin/env python3
"""The runner build commands shown in docs/ name exactly the translation
units of fpcheck/runner/sources.def, so that a reader who copies one
builds a runner.

A command is a line of a fenced block that names runner/runner.c (with
its continuation lines); its source files are its words ending in .c,
after brace expansion.

Usage: docs_runner.py SOURCE_DIR.  Prints one line per wrong command and
exits 1; exits 0 when every command lists the sources, or there is none.
"""
import os
import re
import sys


def expand(word):
    """Brace expansion of one word, as the shell does it."""
    m = re.search(r"\{([^{}]*)\}", word)
    if not m:
        return [word]
    out = []
    for alt in m.group(1).split(","):
        out += expand(word[:m.start()] + alt + word[m.end():])
    return out


def commands(text):
    """(line number, command) of every runner build in fenced blocks."""
    fenced = False
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            fenced = not fenced
        elif fenced and ("runner/{" in line or "runner/runner" in line):
            start = i
            while start > 0 and lines[start - 1].endswith("\\"):
                start -= 1
            end = i
            while lines[end].endswith("\\") and end + 1 < len(lines):
                end += 1
            yield start + 1, " ".join(l.rstrip("\\") for l in
                                      lines[start:end + 1])
            i = end
        i += 1


def main():
    src = sys.argv[1]
    with open(os.path.join(src, "fpcheck/runner/sources.def")) as fh:
        want = sorted("fpcheck/" + s for s in
                      re.findall(r'^FPC_RUNNER_SOURCE\("(.*)"\)$', fh.read(),
                                 re.M))
    bad = 0
    docs = os.path.join(src, "docs")
    for name in sorted(os.listdir(docs)):
        if not name.endswith(".md"):
            continue
        with open(os.path.join(docs, name), encoding="utf-8") as fh:
            text = fh.read()
        for line, cmd in commands(text):
            got = sorted(w for word in cmd.split() for w in expand(word)
                         if w.endswith(".c"))
            if got != want:
                print(f"docs/{name}:{line}: the runner's sources are "
                      f"{' '.join(want)}; this command builds "
                      f"{' '.join(got) or 'none'}")
                bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
