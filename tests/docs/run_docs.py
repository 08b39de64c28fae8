#!/usr/bin/env python3
"""Every command the documentation shows, run, so that the docs cannot
drift from the program: README.md and docs/**/*.md, block by block.

What is a command, in a fenced block:
- a line starting with `$ `, with the lines its trailing `\\` continues;
  the lines after it, up to the next `$ ` line, are its shown output;
  `$ echo $?` is not run: its shown number is the status the command
  before it must exit with;
- each line of a ```sh block (a trailing `# comment` is not part of it),
  with no shown output;
- `A && B` runs as its parts, in order; the shown output is B's.
A plain block is not run, and is one of:
- a synopsis (lines starting `fpcheck CMD`, with `[...]`, `...` or `|`;
  indented lines continue it): CMD must exist and every option it names
  must appear in `fpcheck CMD --help`; an options listing (indented lines
  starting with `-`) must be lines of that help, word for word;
- shown output or a diagram; but a line whose first word is a program
  (fpcheck, cc, a cross compiler, cmake...) would be a command never run,
  and fails the test, unless NOT_COMMANDS says why the block is none.
An inline `fpcheck CMD ...` code span of the prose is checked as a
synopsis (quoted option values left out).
A ```ini block is a matrix file: `fpcheck matrix --config FILE --list`
must accept it.  A ```yaml block is the CI workflow, which e2e.ci_workflow
runs.  Any other block, or any command whose program is not in PROGRAMS
nor in SKIPPED, fails the test: nothing is left out silently.

How they run.  Each document in its own scratch directory, its commands
in order, with `bash -c` (the docs use brace expansion), `fpcheck` first
on PATH and `build/fpcheck`, `fpcheck/` and `include/` linked in, as in
the source tree; docs/examples/README.md in a copy of the folder its
text says it runs from (FOLDERS).  Each directory starts with a copy of
a fixture made first with the real CLI: the files the docs name
(results/*.rec of a small matrix, a cross build for aarch64 under qemu
when installed, shards, a truncated record, a PNG, a cut one and one too large,
PFMs, a glibc-layout table and a JSON one, bad input files, a runner
that writes nothing).  `$ cat FILE` whose FILE the fixture lacks
creates FILE from the shown output first.

What is checked, per command:
- its exit status: 0; or the status `$ echo $?` shows; or 2 when its
  shown output is one `fpcheck: ...` line, and then stderr must be that
  line exactly; or 1 for a diff whose shown summary says kernels differ;
- the shape of its shown output's first paragraph (up to a blank line or
  an elision `...`): each line, numbers and hashes masked and the cpu, os
  and time values dropped, against the output's lines (stderr when the
  shown output starts with `fpcheck: `).  Numbers come from full runs on
  another day and are not compared.  `$ cat` output is compared whole.
A command needing a program that is not installed (a cross compiler,
qemu, musl-gcc) is skipped with the reason printed, and so is every
later command naming a file it would have written.

Commands too slow or impossible here are in SKIPPED (never run, with the
reason) or REDUCED (run in the smaller form printed beside them).

Adding a command to the docs: write it as `$ command` in a plain block
with its real output below (elide with `...`), or in a ```sh block; run
`ctest -R docs.commands --output-on-failure`.  If it needs a file, add
the file to make_fixture(); a new program goes to PROGRAMS, a command
that cannot run in a test to SKIPPED or REDUCED, with the reason.

Usage: run_docs.py FPCHECK SOURCE_DIR SCRATCH_DIR [DOC...]; DOC
(relative to SOURCE_DIR) limits the run to those documents.  The truth
cache is $FPCHECK_CACHE_DIR, else SCRATCH_DIR/cache.  Prints every
command with its verdict; exits 1 when one fails, else 0.
"""
import concurrent.futures
import os
import platform
import re
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import time
import zlib

HOST = platform.machine()
# The default corpus is 1.1 M inputs with 160x120 renders: 6 s natively,
# minutes under qemu.  64 random samples per kernel keep every kernel and
# every other origin of input (special values, hot spots, hard cases).
SMALL = ["--samples", "64", "--image-size", "16x12"]
# Time limit of one command; the slowest here (a matrix) takes about 20 s
# on an idle machine.
TIMEOUT = 900

# Programs the docs' commands may start with.  A cross compiler is any
# *-linux-gnu*-gcc.
PROGRAMS = {"fpcheck", "build/fpcheck", "cat", "cc", "gcc", "clang", "ar",
            "musl-gcc"}
CROSS_CC = re.compile(r"^[a-z0-9_]+-linux-gnu[a-z]*-gcc$")

# Commands never run: (pattern on the command, reason).
SKIPPED = [
    (r"^sh \.ci/install-deps$",
     "installs Debian packages as root; the test uses what is installed"),
    (r"^cmake -S \. -B build$",
     "configures fpcheck; the test runs the build under test, linked as "
     "build/fpcheck"),
    (r"^cmake --build build\b",
     "builds fpcheck; the test runs the build under test, linked as "
     "build/fpcheck"),
    (r"^cmake --install build\b",
     "installs into the system; e2e.install installs into a scratch prefix"),
    (r"^ctest\b.* -LE bench\b",
     "the test suite, of which this test is a part"),
    (r"^ctest\b.* -L bench\b",
     "the benchmarks (bench.ratios), which time the machine and run alone"),
    (r"^cmake -S \. -B build-fuzz\b",
     "configures the fuzz build (clang); .ci/run builds it"),
    (r"^cmake --build build-fuzz\b",
     "builds the fuzz harnesses; .ci/run builds them, and the suite builds "
     "their replay programs"),
    (r"^ctest\b.* -L fuzz\b",
     "fuzzes every harness (about a minute); .ci/run runs it, and the "
     "suite replays the seeds and past crashes (fuzz.replay.*)"),
]

# Blocks in other languages, not run: language -> reason.
NOT_RUN = {
    "yaml": "the GitHub Actions workflow: e2e.ci_workflow reads it and runs "
            "every job's steps",
}

# Plain blocks whose lines look like commands but are not: (document,
# first line) -> what the block is.
NOT_COMMANDS = {
    ("docs/design.md", "fpcheck run                          "
                       "(fpcheck/cmd_run.c)"):
        "the data-flow diagram of fpcheck run",
}

# Documents whose commands run in a copy of a folder of the source tree,
# as their text says, instead of the fixture.
FOLDERS = {"docs/examples/README.md": "docs/examples/mylib"}

# Commands whose shown output is compared on fewer lines than its first
# paragraph: (pattern on the command, lines, why).
HEAD_LINES = [
    (r"--witnesses", 1, "the warnings name the threaded reductions whose "
                        "results changed from one run to the next"),
]

# Provenance whose value is this machine's, never the docs' machine's.
MACHINE_KEYS = ("cpu", "os", "time")


def reduce_matrix(words, ctx):
    """The whole default matrix: the rows the docs show, on few kernels."""
    if len(words) < 2 or words[1] != "matrix":
        return None
    if any(w in ("--only", "--config", "--list", "--kernels") for w in words):
        return None
    only = f"{HOST}-gcc-O0,{HOST}-gcc-O2"
    return words + ["--only", only, "-f", "sin,sinf,mad,sum_loop"], (
        "the default matrix builds 17 runners (4 min on 2 cores): --only "
        + only + " (the rows shown first), -f sin,sinf,mad,sum_loop")


def reduce_emulated(words, ctx):
    """A run under qemu: every kernel but the reductions."""
    if words[1:2] != ["run"] or "--emulator" not in words:
        return None
    chosen = ("-f", "--functions", "--corpus", "-i", "--inputs", "--kernels")
    if any(w in chosen for w in words):
        return None
    return words + ["-f", ",".join(ctx.kernels)], (
        "the reductions' vectors of 10^6 elements take seconds under qemu: "
        "-f every other kernel")


def reduce_run(words, ctx):
    """fpcheck run or matrix on the default corpus: 64 samples, 16x12."""
    if len(words) < 2 or words[1] not in ("run", "matrix"):
        return None
    chosen = ("--corpus", "-i", "--inputs", "--samples", "--kernels",
              "--list", "--config", "-f", "--functions")
    if any(w.split("=")[0] in chosen for w in words):
        return None
    return words + SMALL, ("the default corpus (1.1 M inputs) takes "
                           "seconds, minutes under qemu: "
                           + " ".join(SMALL) + " added")


# Commands run in a smaller form: functions of the command's words that
# return (new words, what was changed and why), or None.  All apply, in
# order, each to what the one before returned.
REDUCED = [reduce_run, reduce_emulated, reduce_matrix]


class Step:
    """One command of a document, what it must do, and what it did."""

    def __init__(self, line, cmd, shown):
        self.line = line
        self.cmd = cmd.strip()
        self.shown = shown
        self.status = None      # the exit status it must have
        self.stderr = None      # the exact stderr it must print

    def words(self):
        return shlex.split(self.cmd)


def fenced(text):
    """(line number of the first line, language, lines) of each block."""
    out, cur = [], None
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith("```"):
            if cur is None:
                cur = (n + 1, line[3:].strip(), [])
            else:
                out.append(cur)
                cur = None
        elif cur is not None:
            cur[2].append(line)
    return out


def joined(lines, i):
    """The line at i with the lines its trailing backslashes continue,
    and the index of its last line."""
    cmd = lines[i]
    while cmd.endswith("\\") and i + 1 < len(lines):
        i += 1
        cmd = cmd[:-1].rstrip() + " " + lines[i].strip()
    return cmd, i


def session_steps(start, lines):
    """Steps of a block of `$ ` lines, or raise ValueError."""
    steps = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("$ "):
            cmd, j = joined(lines, i)
            steps.append(Step(start + i, cmd[2:], []))
            i = j
        elif steps:
            steps[-1].shown.append(lines[i])
        elif lines[i].strip():
            raise ValueError(f"line {start + i}: text before the first "
                             f"'$ ' command: {lines[i]!r}")
        i += 1
    for s in steps:
        while s.shown and not s.shown[-1].strip():
            s.shown.pop()
    return steps


def script_steps(start, lines):
    """Steps of a ```sh block: every line a command."""
    steps = []
    i = 0
    while i < len(lines):
        cmd, j = joined(lines, i)
        cmd = re.sub(r"\s+#\s.*$", "", cmd).strip()
        if cmd:
            steps.append(Step(start + i, cmd, []))
        i = j + 1
    return steps


def expect(steps):
    """Sets each step's expected status, folds `echo $?` into the step
    before it and splits `A && B` into its parts."""
    out = []
    for s in steps:
        if s.cmd == "echo $?":
            if not out or len(s.shown) != 1 or not s.shown[0].isdigit():
                raise ValueError(f"line {s.line}: 'echo $?' must follow a "
                                 "command and show one number")
            out[-1].status = int(s.shown[0])
            continue
        parts = re.split(r"\s+&&\s+", s.cmd)
        for p in parts[:-1]:
            out.append(Step(s.line, p, []))
        s.cmd = parts[-1]
        out.append(s)
    for s in out:
        if s.status is not None:
            continue
        s.status = 0
        if len(s.shown) == 1 and s.shown[0].startswith("fpcheck: "):
            s.status, s.stderr = 2, s.shown[0]
        words = s.words()
        if len(words) > 1 and words[1] == "diff":
            for line in s.shown:
                m = re.match(r"\d+ kernels compared: \d+ identical, "
                             r"(\d+) differ$", line)
                if m and int(m.group(1)) > 0:
                    s.status = 1
    return out


def is_synopsis(lines):
    """Lines of `fpcheck CMD ...` usage, continued by indented lines."""
    text = [l for l in lines if l.strip()]
    if not text or not text[0].startswith("fpcheck "):
        return False
    if not all(l.startswith(("fpcheck ", " ")) for l in text):
        return False
    return any(re.search(r"\[|\.\.\.|\|", l) for l in text)


def looks_like_command(line):
    words = line.split()
    if not words:
        return False
    w = words[0]
    return (w in PROGRAMS or CROSS_CC.match(w) is not None or w == "$"
            or w in ("cmake", "ctest", "sh", "make", "apt-get"))


OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")


class Doc:
    """One document: its blocks turned into checks and steps, run in its
    own directory, with a log of what happened."""

    def __init__(self, ctx, rel):
        self.ctx = ctx
        self.rel = rel
        self.log = []
        self.failed = 0
        self.counts = {"run": 0, "reduced": 0, "skipped": 0, "checked": 0,
                       "shown": 0}
        self.missing = dict(ctx.missing)
        self.dir = os.path.join(ctx.scratch, rel.replace("/", "_"))

    def say(self, verdict, line, what, why=""):
        self.log.append(f"  {verdict:<7} {self.rel}:{line}  {what}"
                        + (f"\n          {why}" if why else ""))
        if verdict == "FAIL":
            self.failed += 1

    # ---- blocks that are not run ----------------------------------------

    def check_synopsis(self, start, lines):
        self.counts["checked"] += 1
        self.say("synopsis", start, lines[0].strip(),
                 "options checked against --help")
        cmd = None
        for i, line in enumerate(lines):
            n = start + i
            if line.lstrip().startswith("-"):
                if cmd and line.rstrip() not in self.ctx.help(cmd)[1]:
                    self.say("FAIL", n, line.strip(),
                             f"not a line of 'fpcheck {cmd} --help'")
                continue
            cmd = self.check_options(n, line, cmd)

    def check_options(self, n, text, cmd):
        """Fails each `fpcheck CMD` in TEXT that is not a command, and
        each option after it that CMD's --help lacks; an option with no
        command before it in TEXT is CMD's.  Returns the last command."""
        text = re.sub(r"\"[^\"]*\"|'[^']*'", "", text)   # option values
        for seg in re.split(r"(?=\bfpcheck [a-z])", text):
            m = re.match(r"fpcheck ([a-z]+)", seg)
            if m:
                cmd = m.group(1)
                if self.ctx.help(cmd) is None:
                    self.say("FAIL", n, seg.strip(),
                             f"'fpcheck {cmd}' is not a command")
                    cmd = None
                    continue
            if cmd is None:
                continue
            opts = self.ctx.help(cmd)[0]
            for o in OPTION.findall(seg[m.end():] if m else seg):
                if o not in opts:
                    self.say("FAIL", n, seg.strip(),
                             f"'fpcheck {cmd} --help' has no {o}")
        return cmd

    def check_inline(self, text):
        """The `fpcheck ...` code spans of the prose, as synopses."""
        prose = re.sub(r"^```.*?^```", lambda m: "\n" * m.group(0).count("\n"),
                       text, flags=re.S | re.M)
        spans = list(re.finditer(r"`(fpcheck [^`]+)`", prose))
        for m in spans:
            self.check_options(prose[:m.start()].count("\n") + 1,
                               " ".join(m.group(1).split()), None)
        if spans:
            self.counts["checked"] += len(spans)
            self.say("inline", 1, f"{len(spans)} `fpcheck ...` spans in "
                     "the text", "commands and options checked against "
                     "--help")

    def check_ini(self, start, lines):
        path = os.path.join(self.dir, f"block{start}.ini")
        with open(path, "w") as fh:
            fh.write("\n".join(lines) + "\n")
        r = self.ctx.run(f"fpcheck matrix --config {path} --list", self.dir)
        self.counts["checked"] += 1
        if r[0] != 0:
            self.say("FAIL", start, "matrix file",
                     f"fpcheck matrix --config --list exited {r[0]}: "
                     + r[2].strip())
        else:
            self.say("ini", start, "matrix file",
                     "accepted by fpcheck matrix --config FILE --list")

    def plain(self, start, lines):
        if is_synopsis(lines):
            return self.check_synopsis(start, lines)
        self.counts["shown"] += 1
        first = next((l for l in lines if l.strip()), "")
        if (self.rel, first) in NOT_COMMANDS:
            return self.say("shown", start, first.strip(),
                            NOT_COMMANDS[(self.rel, first)])
        for i, line in enumerate(lines):
            if looks_like_command(line):
                self.say("FAIL", start + i, line.strip(),
                         "a command in a plain block is never run: write "
                         "it as '$ command' or in a ```sh block")
                return

    # ---- commands ---------------------------------------------------------

    def skip_reason(self, s, words):
        for pat, why in SKIPPED:
            if re.search(pat, s.cmd):
                return why
        prog = words[0]
        if prog not in PROGRAMS and not CROSS_CC.match(prog):
            return None
        needs = [prog] if "/" not in prog else []
        if "--emulator" in words[:-1]:
            needs.append(words[words.index("--emulator") + 1].split()[0])
        for p in needs:
            if shutil.which(p, path=self.ctx.env["PATH"]) is None:
                return f"{p} is not installed"
        for w in words:
            w = w[2:] if w.startswith("./") else w
            if w in self.missing:
                return f"needs {w}: {self.missing[w]}"
        if "--only" in words[:-1] and words[1:2] == ["matrix"]:
            for c in words[words.index("--only") + 1].split(","):
                if c not in self.ctx.configs:
                    return f"configuration {c} cannot run here: " + \
                        self.ctx.skipped_configs.get(c, "unknown")
        return ""

    def outputs(self, words):
        return [words[i + 1] for i, w in enumerate(words[:-1])
                if w in ("-o", "--output")]

    def step(self, s):
        words = s.words()
        why = self.skip_reason(s, words)
        if why is None:
            self.say("FAIL", s.line, s.cmd,
                     f"no rule to run '{words[0]}': add it to PROGRAMS, "
                     "SKIPPED or REDUCED in tests/docs/run_docs.py")
            return
        if why:
            self.counts["skipped"] += 1
            for o in self.outputs(words):
                self.missing[o] = f"made by a skipped command ({why})"
            self.say("skip", s.line, s.cmd, why)
            return
        notes = []
        for f in REDUCED:
            r = f(words, self.ctx)
            if r:
                words, note = r
                notes.append(note)
        reduced = bool(notes)
        limit = None
        for pat, n, why in HEAD_LINES:
            if re.search(pat, s.cmd):
                limit = n
                notes.append(f"output compared on {n} line(s): {why}")
        if words[0] == "cat" and len(words) == 2 and \
                not os.path.exists(os.path.join(self.dir, words[1])):
            with open(os.path.join(self.dir, words[1]), "w") as fh:
                fh.write("\n".join(s.shown) + "\n")
            notes.append(f"{words[1]} created from the shown output")
        cmd = " ".join(shlex.quote(w) for w in words) if reduced else s.cmd
        status, out, err = self.ctx.run(cmd, self.dir)
        # Paths in messages are the docs' relative ones.
        err = err.replace(self.dir + os.sep, "")
        self.counts["reduced" if reduced else "run"] += 1
        problem = self.verdict(s, words, status, out, err, limit)
        if problem:
            # Later commands that read what this one should have written
            # are skipped: one failure, one report.
            for o in self.outputs(words):
                self.missing[o] = "made by a failed command"
            tail = err.strip().split("\n")[-3:]
            if status != s.status and s.stderr is None and tail != [""]:
                problem += "".join("\n          | " + l for l in tail)
            self.say("FAIL", s.line, s.cmd, "; ".join(notes + [problem]))
        else:
            self.say("reduced" if reduced else "ok", s.line, s.cmd,
                     "; ".join(notes))

    def verdict(self, s, words, status, out, err, limit):
        """What is wrong with a command's run, or ''."""
        if status is None:
            return f"did not finish within {TIMEOUT} s"
        if status != s.status:
            return f"exited {status}, the docs say {s.status}"
        if s.stderr is not None:
            if err.rstrip("\n") != s.stderr:
                return f"stderr {err.strip()!r}, the docs show {s.stderr!r}"
            return ""
        if words[0] == "cat":
            if out.rstrip("\n").split("\n") != s.shown:
                return "output differs from the shown file"
            return ""
        head = []
        for line in s.shown:
            if not line.strip() or "..." in line:
                break
            head.append(line)
        head = head[:limit]
        got = (err if head and head[0].startswith("fpcheck: ") else out)
        got = got.split("\n")
        for i, line in enumerate(head):
            if i >= len(got) or shape(got[i]) != shape(line):
                return (f"output line {i + 1} is "
                        f"{got[i] if i < len(got) else '(none)'!r}, "
                        f"the docs show {line!r}")
        return ""

    def run(self):
        t0 = time.time()
        src = self.ctx.src
        if os.path.exists(self.dir):
            shutil.rmtree(self.dir)
        if self.rel in FOLDERS:
            shutil.copytree(os.path.join(src, FOLDERS[self.rel]), self.dir)
        else:
            shutil.copytree(self.ctx.fixture, self.dir, symlinks=True)
        with open(os.path.join(src, self.rel), encoding="utf-8") as fh:
            text = fh.read()
        for start, lang, lines in fenced(text):
            try:
                self.block(start, lang, lines)
            except ValueError as e:
                self.say("FAIL", start, "block", str(e))
        self.check_inline(text)
        self.log.insert(0, f"{self.rel} ({time.time() - t0:.1f} s, "
                        f"{self.counts['shown']} blocks of output or "
                        "diagrams, not run)")
        return self

    def block(self, start, lang, lines):
        if lang == "sh":
            steps = script_steps(start, lines)
        elif lang == "ini":
            return self.check_ini(start, lines)
        elif lang in NOT_RUN:
            self.counts["skipped"] += 1
            return self.say("skip", start, f"```{lang} block", NOT_RUN[lang])
        elif lang:
            raise ValueError(f"a ```{lang} block: no rule to check it "
                             "(add one to tests/docs/run_docs.py)")
        elif any(l.startswith("$ ") for l in lines):
            steps = session_steps(start, lines)
        else:
            return self.plain(start, lines)
        for s in expect(steps):
            self.step(s)


def shape(line):
    """A line with what changes from run to run masked: numbers, hex
    floats, hashes, signs and '<'/'>' before numbers, column widths, and
    the values of machine-specific provenance."""
    words = line.split()
    if words and words[0] in MACHINE_KEYS:
        words = words[:1]
    s = " ".join(words)
    s = re.sub(r"\b[0-9a-f]{16}\b", "#", s)
    s = re.sub(r"\b0x[0-9a-fA-F.]+(p[+-]?\d+)?", "#", s)
    s = re.sub(r"\d+(\.\d+)?(e[+-]?\d+)?", "#", s)
    return re.sub(r"[-+<>]#", "#", s)


class Context:
    """What every document shares: paths, environment, the fixture, and
    the help texts and matrix configurations of this fpcheck."""

    def __init__(self, fpcheck, src, scratch):
        self.fpcheck = os.path.abspath(fpcheck)
        self.src = os.path.abspath(src)
        self.scratch = os.path.abspath(scratch)
        self.fixture = os.path.join(self.scratch, "fixture")
        bindir = os.path.join(self.scratch, "bin")
        os.makedirs(bindir, exist_ok=True)
        link = os.path.join(bindir, "fpcheck")
        if os.path.lexists(link):
            os.remove(link)
        os.symlink(self.fpcheck, link)
        self.env = dict(os.environ)
        for k in ("FPCHECK_SEED", "FPCHECK_RUNNER", "CC"):
            self.env.pop(k, None)
        self.env["PATH"] = bindir + os.pathsep + self.env.get("PATH", "")
        self.env["LC_ALL"] = "C"
        self.env.setdefault("FPCHECK_CACHE_DIR",
                            os.path.join(self.scratch, "cache"))
        self.helps = {}
        self.missing = {}
        self.configs, self.skipped_configs = self.matrix_list()
        # Every kernel but the reductions (sum_, dot_, norm_), whose
        # vectors of 10^6 elements cost seconds under qemu.
        listing = self.run("fpcheck corpus --list --samples 1", self.scratch)
        self.kernels = [
            m.group(1) for m in
            re.finditer(r"^([a-z]\w*) +(?:double|float) ", listing[1], re.M)
            if not re.match(r"(sum|dot|norm)_", m.group(1))]

    def run(self, cmd, cwd):
        """(status or None on timeout, stdout, stderr) of bash -c CMD."""
        p = subprocess.Popen(["bash", "-c", cmd], cwd=cwd, env=self.env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)
        try:
            out, err = p.communicate(timeout=TIMEOUT)
            status = p.returncode
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            out, err = p.communicate()
            status = None
        return (status, out.decode("utf-8", "replace"),
                err.decode("utf-8", "replace"))

    def help(self, cmd):
        """(options, lines) of fpcheck CMD --help, or None."""
        if cmd not in self.helps:
            r = self.run(f"fpcheck {shlex.quote(cmd)} --help", self.scratch)
            self.helps[cmd] = None if r[0] != 0 else (
                set(OPTION.findall(r[1])),
                [l.rstrip() for l in r[1].split("\n")])
        return self.helps[cmd]

    def matrix_list(self):
        """Names of the built-in configurations that can run here, and
        why the others cannot."""
        r = self.run("fpcheck matrix --list", self.scratch)
        ok, skipped = set(), {}
        for line in r[1].split("\n"):
            m = re.match(r"(\S+)\s+(available|skipped: (.*))", line)
            if m and m.group(3):
                skipped[m.group(1)] = m.group(3)
            elif m:
                ok.add(m.group(1))
        return ok, skipped

    def must(self, cmd, cwd=None):
        """Runs a fixture command; stops the test when it fails."""
        print(f"  fixture: {cmd}", flush=True)
        status, out, err = self.run(cmd, cwd or self.fixture)
        if status != 0:
            sys.exit(f"run_docs.py: the fixture command failed ({status}): "
                     f"{cmd}\n{err}")
        return out


def make_fixture(ctx):
    """The files the docs name, made with the real CLI and kept small."""
    fx = ctx.fixture
    if os.path.exists(fx):
        shutil.rmtree(fx)
    os.makedirs(os.path.join(fx, "build"))
    os.symlink(ctx.fpcheck, os.path.join(fx, "build", "fpcheck"))
    for d in ("fpcheck", "include"):
        os.symlink(os.path.join(ctx.src, d), os.path.join(fx, d))
    ini = [f"[{HOST}-gcc-O2]\ncc = gcc\ncflags = -O2\nbaseline = yes\n",
           f"[{HOST}-gcc-O3-fastmath]\ncc = gcc\ncflags = -O3 -ffast-math\n"]
    cross = ("aarch64-linux-gnu-gcc", "qemu-aarch64")
    if HOST == "aarch64":
        pass                    # the first section is aarch64-gcc-O2
    elif all(shutil.which(p, path=ctx.env["PATH"]) for p in cross):
        ini.append("[aarch64-gcc-O2]\ncc = aarch64-linux-gnu-gcc\n"
                   "cflags = -O2\n"
                   "emulator = qemu-aarch64 -L /usr/aarch64-linux-gnu\n")
    else:
        why = "the fixture has no aarch64 record: " + " or ".join(cross) + \
            " is not installed"
        ctx.missing["results/aarch64-gcc-O2.rec"] = why
        print(f"  fixture: {why}")
    if HOST != "x86_64":
        for c in ("O2", "O3-fastmath"):
            ctx.missing[f"results/x86_64-gcc-{c}.rec"] = \
                f"the docs show x86-64 records; this machine is {HOST}"
    with open(os.path.join(fx, "fixture.ini"), "w") as fh:
        fh.write("\n".join(ini))
    # No command shown needs the reductions from these records.
    ctx.must("fpcheck matrix --config fixture.ini --out matrix "
             f"{' '.join(SMALL)} -f {','.join(ctx.kernels)} >/dev/null")
    os.makedirs(os.path.join(fx, "results"))
    for f in os.listdir(os.path.join(fx, "matrix")):
        if f.endswith(".rec"):
            shutil.copy(os.path.join(fx, "matrix", f),
                        os.path.join(fx, "results"))
    fixture_files(ctx)


def fixture_files(ctx):
    """The small files: renders, images, tables, shards, bad inputs."""
    o2 = f"results/{HOST}-gcc-O2.rec"
    runner = "matrix/build/{}/fpcheck-runner"
    for cmd in [
        f"fpcheck run --no-report {' '.join(SMALL)} -f sin,exp,expf,det2,"
        "mandelbrotf,path_spp64f",                      # results/host.rec
        # images.md: renders of the sizes it shows (80x60 and 16x12; a.png
        # 9x9), images as PNG and PFM, a cut PNG and a bad PFM header.
        "fpcheck run --no-report -f mandelbrotf --image-size 80x60 "
        "-o host.rec",
        "fpcheck run --no-report -f mandelbrotf --image-size 16x12 "
        "-o small.rec",
        "fpcheck run --no-report -f mandelbrotf --image-size 9x9 -o nine.rec",
        "fpcheck image nine.rec -o a.png && fpcheck image host.rec -o a.pfm",
        "head -c 300 a.png >cut.png && printf 'PF\\n80 60\\n0\\n' >bad.pfm",
        "head -c 5000 host.rec >cut.rec",
        # user-guide.md: a record past the reduction limits, as
        # tests/e2e/harden_format.sh makes it.
        f"python3 {ctx.src}/tests/e2e/harden_format.py reduce-kernel big.rec",
        # user-guide.md: a runner that exits 0 and writes nothing.
        "printf '#!/bin/sh\\nexit 0\\n' >my-runner && chmod +x my-runner",
        # user-guide.md: bad input files (line 2, line 1).
        "printf '0.5\\n0x1.8p+1junk\\n' >bad.txt",
        "printf '0x1.0000001p+0\\n' >bad2.txt",
        # tolerances.md: the tables, the glibc one for any platform.
        f"fpcheck tolerances --format json {o2} -o tolerances.json",
        f"fpcheck tolerances {o2} | grep -v '^# platform:' >any.ulps",
        # ci.md: two shards of different builds.
        f"fpcheck run --no-report --runner {runner.format(HOST + '-gcc-O2')}"
        " --shard 1/2 -f sin,mad --samples 64 -o sh1/plain.rec",
        "fpcheck run --no-report --runner "
        f"{runner.format(HOST + '-gcc-O3-fastmath')} --shard 2/2 "
        "-f sin,mad --samples 64 -o sh2/fast.rec",
    ]:
        ctx.must(cmd)
    shutil.rmtree(os.path.join(ctx.fixture, "matrix"))
    write_bomb(os.path.join(ctx.fixture, "bomb.png"))


def write_bomb(path):
    """images.md's PNG of 16384x16384 pixels, which imgdiff refuses from
    its header: the header and one row are enough, and take 128 bytes."""
    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xffffffff
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", crc)
    ihdr = struct.pack(">IIBBBBB", 16384, 16384, 8, 2, 0, 0, 0)
    row = zlib.compress(b"\0" * (1 + 3 * 16384))
    with open(path, "wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
                 chunk(b"IDAT", row) + chunk(b"IEND", b""))


def documents(src):
    docs = ["README.md"]
    for root, _, files in os.walk(os.path.join(src, "docs")):
        docs += [os.path.relpath(os.path.join(root, f), src)
                 for f in files if f.endswith(".md")]
    return sorted(docs)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.split("\n\n")[-1])
    t0 = time.time()
    ctx = Context(*sys.argv[1:4])
    docs = sys.argv[4:] or documents(ctx.src)
    print(f"fixture in {ctx.fixture}", flush=True)
    # Two documents at a time, the longest first: they wait on compilers
    # and qemu.  The ones that run in their own folder need no fixture
    # and start while it is made.
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        jobs = [pool.submit(Doc(ctx, d).run) for d in docs if d in FOLDERS]
        make_fixture(ctx)
        print(f"fixture made in {time.time() - t0:.1f} s", flush=True)
        rest = sorted((d for d in docs if d not in FOLDERS),
                      key=lambda d: -os.path.getsize(os.path.join(ctx.src, d)))
        jobs += [pool.submit(Doc(ctx, d).run) for d in rest]
        done = sorted((j.result() for j in jobs), key=lambda d: d.rel)
    total = {"run": 0, "reduced": 0, "skipped": 0, "checked": 0, "shown": 0}
    failed = 0
    for d in done:
        print("\n".join(d.log), flush=True)
        failed += d.failed
        for k in total:
            total[k] += d.counts[k]
    print(f"\n{len(done)} documents: {total['run']} commands run, "
          f"{total['reduced']} run reduced, {total['skipped']} skipped, "
          f"{total['checked']} synopses, inline mentions and matrix files "
          "checked, "
          f"{total['shown']} blocks of output not run; "
          f"{failed} failed ({time.time() - t0:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
