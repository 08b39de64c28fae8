#!/bin/sh
# The GitHub Actions workflow in docs/ci.md, played on this machine as
# closely as one machine can: its YAML is read, and every job's `run:`
# steps execute as written (bash -e, matrix values substituted, in
# dependency order), with artifacts copied between jobs.  What only
# GitHub has is stood in for:
# - checkout: each job gets a fresh workspace;
# - Build: the build under test, as build/fpcheck in the workspace;
# - the arm64 runner: the aarch64 cross build of the runner under qemu
#   (`uname -m` says aarch64 there, and build/fpcheck passes --runner and
#   --emulator to `run`);
# - upload/download-artifact: copies.
# To stay quick, `run` is also given --samples 256 --image-size 32x24.
# The gate then fails without a table (exit 2), passes with the one the
# notes say to make, and its JUnit XML validates.
. "$(dirname "$0")/lib.sh"

for tool in python3 aarch64-linux-gnu-gcc qemu-aarch64; do
	command -v $tool >/dev/null || {
		echo "skipped: needs $tool (.ci/install-deps installs it)"
		exit 77
	}
done
python3 -c 'import yaml' 2>/dev/null || {
	echo "skipped: needs python3-yaml to read the workflow (.ci/install-deps installs it)"
	exit 77
}
[ -d /usr/aarch64-linux-gnu ] || {
	echo "skipped: no aarch64 sysroot in /usr/aarch64-linux-gnu"
	exit 77
}
build_runner runner-arm aarch64-linux-gnu-gcc -O2

python3 - "$SRC/docs/ci.md" "$FPCHECK" "$WORK/runner-arm" "$SRC" <<'PY'
import glob, os, re, shutil, subprocess, sys
import yaml

doc, fpcheck, runner_arm, src = sys.argv[1:]
work = os.getcwd()
text = open(doc).read()
blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
assert len(blocks) == 1, "docs/ci.md should hold one yaml block"
wf = yaml.safe_load(blocks[0])
jobs = wf["jobs"]
assert set(jobs) == {"run", "compare"}, jobs.keys()
assert jobs["compare"]["needs"] == "run"
matrix = jobs["run"]["strategy"]["matrix"]
assert matrix["runner"] == ["ubuntu-24.04", "ubuntu-24.04-arm"], matrix
assert matrix["shard"] == [1, 2], matrix
arts = os.path.join(work, "artifacts")

def expand(s, values):
    def sub(m):
        key = m.group(1).strip()
        assert key.startswith("matrix."), "unknown expression " + key
        return str(values[key[len("matrix."):]])
    return re.sub(r"\$\{\{(.*?)\}\}", sub, s)

def workspace(name, arm):
    ws = os.path.join(work, name)
    os.makedirs(os.path.join(ws, "build"))
    os.makedirs(os.path.join(ws, "bin"))
    extra = "--samples 256 --image-size 32x24"
    if arm:
        extra += (" --runner %s --emulator 'qemu-aarch64 -L "
                  "/usr/aarch64-linux-gnu'" % runner_arm)
        with open(os.path.join(ws, "bin", "uname"), "w") as f:
            f.write('#!/bin/sh\n[ "$1" = -m ] && { echo aarch64; '
                    'exit 0; }\nexec /bin/uname "$@"\n')
        os.chmod(os.path.join(ws, "bin", "uname"), 0o755)
    with open(os.path.join(ws, "build", "fpcheck"), "w") as f:
        f.write('#!/bin/sh\nif [ "$1" = run ]; then shift; exec "%s" run '
                '%s "$@"; fi\nexec "%s" "$@"\n' % (fpcheck, extra, fpcheck))
    os.chmod(os.path.join(ws, "build", "fpcheck"), 0o755)
    return ws

def run_job(job, ws, values, stop_before=None):
    env = dict(os.environ)
    env["PATH"] = os.path.join(ws, "bin") + ":" + env["PATH"]
    env["GITHUB_STEP_SUMMARY"] = os.path.join(ws, "step-summary.md")
    for step in job["steps"]:
        name = expand(step.get("name", step.get("uses", "")), values)
        if stop_before and name == stop_before:
            return
        uses = step.get("uses", "")
        if uses.startswith("actions/checkout@"):
            continue
        if uses.startswith("actions/upload-artifact@"):
            w = step["with"]
            dest = os.path.join(arts, expand(w["name"], values))
            os.makedirs(dest, exist_ok=True)
            for pattern in w["path"].split():
                for p in glob.glob(os.path.join(ws, pattern)):
                    shutil.copy(p, dest)
            continue
        if uses.startswith("actions/download-artifact@"):
            w = step["with"]
            assert w.get("merge-multiple") is True
            dest = os.path.join(ws, w["path"])
            os.makedirs(dest, exist_ok=True)
            for d in glob.glob(os.path.join(arts, w["pattern"])):
                for p in os.listdir(d):
                    shutil.copy(os.path.join(d, p), dest)
            continue
        assert not uses, "a step this test cannot play: " + uses
        cmd = expand(step["run"], values)
        if name == "Build":
            assert "cmake --build build" in cmd, cmd
            continue  # the build under test stands in
        print("[%s] %s" % (ws.split("/")[-1], name), flush=True)
        with open(os.path.join(ws, "steps.log"), "a") as log:
            r = subprocess.run(["bash", "-e", "-c", cmd], cwd=ws, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
        if r.returncode:
            sys.stdout.write(open(os.path.join(ws, "steps.log")).read())
            sys.exit("step '%s' exited %d" % (name, r.returncode))

for runner in matrix["runner"]:
    for shard in matrix["shard"]:
        values = {"runner": runner, "shard": shard}
        ws = workspace("run-%s-%d" % (runner, shard), runner.endswith("-arm"))
        run_job(jobs["run"], ws, values)

# The compare job: first without a committed table, up to the gate.
ws = workspace("compare", False)
run_job(jobs["compare"], ws, {}, stop_before="Gate")
for f in ("x86_64.rec", "aarch64.rec", "diff.txt", "report.html"):
    assert os.path.getsize(os.path.join(ws, f)) > 0, f
diff = open(os.path.join(ws, "diff.txt")).read()
assert "likely cause" in diff, diff[:2000]
gate = [s for s in jobs["compare"]["steps"] if s.get("name") == "Gate"][0]
r = subprocess.run(["bash", "-e", "-c", gate["run"]], cwd=ws,
                   env=dict(os.environ, GITHUB_STEP_SUMMARY="summary.md"),
                   capture_output=True, text=True)
assert r.returncode == 2 and "tolerances.json" in r.stderr, (r.returncode, r.stderr)
print("ok: without tolerances.json the gate fails: " + r.stderr.strip())

# The table the notes say to make and commit, then the whole job again.
note = re.search(r"\(`(fpcheck tolerances [^`]*)`\)", text.replace("\n  ", " "))
assert note, "no tolerances command in the notes"
cmd = note.group(1).replace("fpcheck ", "build/fpcheck ", 1)
subprocess.run(["bash", "-e", "-c", cmd], cwd=ws, check=True)
shutil.copy(os.path.join(ws, "tolerances.json"), work)
shutil.rmtree(ws)
shutil.rmtree(os.path.join(arts, "fpcheck-report"), ignore_errors=True)
# checkout now brings the committed table
ws = workspace("compare", False)
shutil.copy(os.path.join(work, "tolerances.json"), ws)
run_job(jobs["compare"], ws, {})
summary = open(os.path.join(ws, "step-summary.md")).read()
assert summary.startswith("## fpcheck check"), summary[:500]
for f in ("report.html", "diff.txt", "junit.xml"):
    assert os.path.getsize(os.path.join(arts, "fpcheck-report", f)) > 0, f
print("ok: the whole workflow passes with the table; summary: "
      + summary.splitlines()[0])
PY

validate_junit artifacts/fpcheck-report/junit.xml
grep -q 'aarch64, glibc' artifacts/fpcheck-report/junit.xml ||
	fail "the gate did not check the aarch64 record"
echo "ci workflow: ok"
