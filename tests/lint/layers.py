#!/usr/bin/env python3
"""The layers of docs/design.md, held against the code's #include lines.

Every C file and header of the project belongs to one layer; a file may
include its own layer and the layers below it, never one above.  Public
headers (include/fpcheck/) belong to the layer that implements them,
named below: a header missing from the table fails the check, so a new
module says where it stands.

Usage: layers.py SOURCE_DIR.  Prints one line per violation and exits 1,
or prints the layers' sizes and exits 0.
"""
import os
import re
import sys

# Lowest first.  A layer may include its own files and those of lower
# ranks; the runner and the truth share a rank and never include each
# other (the one is built with the flags under test, the other is MPFR).
RANK = {
    "format": 0,
    "kernels": 1,
    "runner": 2,
    "truth": 2,
    "corpus": 3,
    "analysis": 4,
    "output": 5,
    "cli": 6,
}

FOLDERS = {
    "fpcheck/format": "format",
    "fpcheck/kernels": "kernels",
    "fpcheck/runner": "runner",
    "compare/truth": "truth",
    "corpus": "corpus",
    "compare/analysis": "analysis",
    "compare/output": "output",
    "fpcheck": "cli",
}

HEADERS = {
    "container.h": "format",
    "kdata.h": "format",
    "error.h": "format",
    "prov.h": "format",
    "kernel.h": "format",
    "catalog.h": "truth",
    "ulp.h": "truth",
    "mpfr_fmt.h": "truth",
    "truth.h": "truth",
    "reduce_truth.h": "truth",
    "corpus.h": "corpus",
    "record.h": "analysis",
    "join.h": "analysis",
    "merge.h": "analysis",
    "stats.h": "analysis",
    "analysis.h": "analysis",
    "diff.h": "analysis",
    "summary.h": "analysis",
    "tolerance.h": "analysis",
    "report.h": "output",
    "diff_report.h": "output",
    "summary_report.h": "output",
    "tolerance_report.h": "output",
    "image.h": "output",
    "imgdiff.h": "output",
    "plot.h": "output",
    "html.h": "output",
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def layer_of(rel):
    """The layer of a project file, by its folder (the deepest match)."""
    if rel.startswith("include/fpcheck/"):
        return HEADERS.get(os.path.basename(rel))
    best = None
    for folder, layer in FOLDERS.items():
        if os.path.dirname(rel) == folder or rel.startswith(folder + "/"):
            if best is None or len(folder) > len(best[0]):
                best = (folder, layer)
    return best[1] if best else None


def resolve(src, rel, name):
    """The project file an include names, or None (system, generated)."""
    here = os.path.dirname(rel)
    for cand in (os.path.join(here, name),
                 os.path.join("include", name),
                 os.path.join("fpcheck", name)):
        if os.path.isfile(os.path.join(src, cand)):
            return os.path.normpath(cand)
    return None


def main():
    src = sys.argv[1]
    bad = 0
    lines = {}
    for top in ("fpcheck", "corpus", "compare", "include/fpcheck"):
        for root, _, files in os.walk(os.path.join(src, top)):
            for f in sorted(files):
                if not f.endswith((".c", ".h", ".def")):
                    continue
                rel = os.path.relpath(os.path.join(root, f), src)
                layer = layer_of(rel)
                if layer is None:
                    print(f"{rel}: in no layer (tests/lint/layers.py)")
                    bad += 1
                    continue
                with open(os.path.join(root, f), encoding="utf-8") as fh:
                    text = fh.read()
                if f.endswith(".c"):
                    lines[layer] = lines.get(layer, 0) + text.count("\n")
                for name in INCLUDE.findall(text):
                    dep = resolve(src, rel, name)
                    if dep is None:
                        continue
                    dl = layer_of(dep)
                    if dl is None:
                        print(f"{rel}: includes {dep}, in no layer")
                        bad += 1
                    elif RANK[dl] > RANK[layer]:
                        print(f"{rel} ({layer}) includes {dep} ({dl}): "
                              "a layer above it")
                        bad += 1
                    elif RANK[dl] == RANK[layer] and dl != layer:
                        print(f"{rel} ({layer}) includes {dep} ({dl}): "
                              "a layer beside it")
                        bad += 1
    if bad:
        return 1
    total = sum(lines.values())
    for layer in sorted(lines, key=lambda l: RANK[l]):
        print(f"{layer:9} {lines[layer]:6} lines of C "
              f"({100 * lines[layer] / total:.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
