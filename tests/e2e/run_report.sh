#!/bin/sh
# fpcheck run, report (every format), dump and corpus on the host build.
. "$(dirname "$0")/lib.sh"

"$FPCHECK" run -o results/host.rec --samples 128 >report.txt 2>run.err ||
	fail "run failed: $(cat run.err)"
[ -s results/host.rec ] || fail "no record written"
ls results | grep -q corpus && fail "temporary corpus left behind"

# Every one of the 34 libm functions, 9 expressions, 29 reductions and 3
# renders, in both precisions, has a row; the renders have no truth.
rows=$(grep -cE '^[a-z0-9_]+ +(double|float) ' report.txt)
[ "$rows" -eq 150 ] || fail "report has $rows kernel rows, want 150"
[ "$(grep -c ' no truth: compared between builds (0 NaN)$' report.txt)" -eq 6 ] ||
	fail "render kernels not reported as without truth: $(grep -E '^(path|mandel)' report.txt)"
# The reductions section: every result within its order's a-priori bound
# on this build, which does not reassociate.
grep -q '^reductions: sum, double' report.txt || fail "no reductions section"
[ "$(grep -c 'is within its a-priori bound$' report.txt)" -eq 6 ] ||
	fail "a reduction exceeds its a-priori bound: $(grep -A30 '^reductions' report.txt)"
grep -q '^    vectors  n=' report.txt || fail "reduction witnesses not described"
# sqrt, fmod and fma are correctly rounded on every input (IEEE 754).
for f in sqrt fmod fma; do
	for t in double float; do
		grep -Eq "^$f +$t +[0-9]+ +[0-9.<>]+ +[0-9.e-]+ +100\.00 +0 +0/0 +0$" \
			report.txt || fail "$f $t is not 100% correctly rounded: \
$(grep -E "^$f +$t" report.txt)"
	done
done
awk 'length > 80 { exit 1 }' report.txt || fail "text report wider than 80 columns"
LC_ALL=C tr -d '\000-\011\013-\037\177-\377' <report.txt | cmp -s - report.txt ||
	fail "text report holds control or non-ASCII bytes"
grep -q '^    d        ' report.txt || fail "det2's fourth argument is not named d"
grep -q "^  x86_64\|^  aarch64\|^  [a-z0-9_]*, " report.txt || fail "no provenance line"

# The same record reported again comes from the truth cache and is the
# same report.
"$FPCHECK" report results/host.rec >again.txt
cmp report.txt again.txt || fail "report differs from run's report"
"$FPCHECK" report --no-cache results/host.rec >nocache.txt
cmp report.txt nocache.txt || fail "cached truth differs from fresh truth"

"$FPCHECK" report --format json -o report.json results/host.rec
if command -v python3 >/dev/null; then
	python3 - report.json <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "fpcheck-report" and r["schema_version"] == 1, r.keys()
ks = r["records"][0]["kernels"]
assert len(ks) == 150, len(ks)
renders = [k for k in ks if not k["truth"]]
assert sorted(k["name"] for k in renders) == sorted(
    ["path_spp1", "path_spp1f", "path_spp64", "path_spp64f", "mandelbrot",
     "mandelbrotf"]), renders
assert all(k["inputs"] == 160 * 120 * 3 and k["nan_results"] == 0
           for k in renders), renders
s = [k for k in ks if k["name"] == "sqrt"][0]
assert s["correctly_rounded"] == s["inputs"], s
assert r["records"][0]["provenance"]["arch"]
# Reductions: Kahan and Neumaier within a few ulps of the exact sum on
# well-conditioned vectors; the sequential order's error grows with n.
red = {(g["operation"], g["type"]): g for g in r["records"][0]["reductions"]}
assert len(red) == 6, red.keys()
for t in ("double", "float"):
    for i in red[("sum", t)]["inputs"]:
        o = i["orders"]
        assert all(v["within_bound"] for v in o.values()), i
        if i["distribution"] in ("uniform", "wide"):
            assert i["condition"] == 1, i
            for c in ("kahan", "neumaier"):
                assert abs(o[c]["error_ulp"]) <= 2, (c, i)
    seq = {}
    for i in red[("sum", t)]["inputs"]:
        if i["distribution"] == "uniform":
            e = abs(i["orders"]["seq"]["error_ulp"])
            seq[i["n"]] = max(seq.get(i["n"], 0), e)
    assert seq[1000000] > 10 * max(seq[10], 0.5), seq
    cancel = [i for i in red[("sum", t)]["inputs"]
              if i["distribution"] == "cancel"]
    assert min(i["condition"] for i in cancel) > 1e3, cancel[0]
    assert max(abs(i["orders"]["seq"]["error_ulp"]) for i in cancel) > 1e3
print("ok: json report parses, 150 kernels, reductions as expected")
PY
else
	echo "note: python3 not installed, JSON validity not checked"
fi
"$FPCHECK" report --format csv results/host.rec >report.csv
[ "$(wc -l <report.csv)" -eq 151 ] || fail "csv has $(wc -l <report.csv) lines"
"$FPCHECK" report --format markdown results/host.rec >report.md
grep -q '^| sin | double |' report.md || fail "markdown has no sin row"

# dump: provenance, then every input and output in hex.
"$FPCHECK" dump -k sqrtf results/host.rec >dump.txt
grep -q '^  arch ' dump.txt || fail "dump shows no provenance"
grep -Eq '^ +[0-9]+ 0x1p\+2 -> 0x1p\+1  2  ' dump.txt ||
	fail "dump does not show sqrtf(4) = 2"

# A user's inputs, hex and decimal, one and two columns.
cat >my_inputs.txt <<'IN'
# x         (y for two-argument functions)
0x1.8p+1
0.1
-0x1p-149   # the smallest float subnormal, exact in double too
2.5, 3      # pow and friends read this one
IN
"$FPCHECK" run --functions sin,expf,pow --inputs my_inputs.txt -o mine.rec \
	--format csv >mine.csv
[ "$(wc -l <mine.csv)" -eq 4 ] || fail "--functions sin,expf,pow gave $(wc -l <mine.csv) lines"
grep -q ',sin,sin,double,3,' mine.csv || fail "sin did not get 3 inputs"
grep -q ',pow,pow,double,1,' mine.csv || fail "pow did not get 1 input"
"$FPCHECK" dump -k expf mine.rec | grep -q ' 0x1.99999ap-4 -> ' ||
	fail "0.1 did not round to the float 0x1.99999ap-4"

# corpus: list and show, deterministic.
"$FPCHECK" corpus --list >list.txt
grep -Eq '^sin +double' list.txt || fail "corpus --list has no sin"
"$FPCHECK" corpus --show sinf >show1.txt
"$FPCHECK" corpus --show sinf >show2.txt
cmp show1.txt show2.txt || fail "corpus is not deterministic"
grep -q 'special' show1.txt || fail "corpus --show names no special values"
FPCHECK_SEED=7 "$FPCHECK" corpus --show sinf >show3.txt
cmp -s show1.txt show3.txt && fail "FPCHECK_SEED does not change the corpus"
"$FPCHECK" corpus -o c.corpus --functions sqrt
"$FPCHECK" run --corpus c.corpus -o viacorpus.rec --format csv >c.csv
[ "$(wc -l <c.csv)" -eq 2 ] || fail "run --corpus evaluated the wrong kernels"
echo "all run/report checks passed"
