#!/bin/sh
# eval-extract.sh — score `gloss extract` on the saved-page development
# set kept in ../shared/html/ (beside the source tree), with that kit's
# score_extract.py, and print the goals beside the figures.  Run by `make
# eval-extract` with GLOSS and TOP_SRCDIR set.  Not part of `make check`:
# the pages live outside the project, so without them this prints a message
# and succeeds.  The kit's gold is Readability's own output: a guide to
# kinds of mistakes, not the truth (it keeps a leading "By" in bylines,
# which gloss drops; the line "byline, ignoring a leading By" says how much
# of the difference that is).
set -u
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${GLOSS:=$TOP_SRCDIR/src/gloss}"
kit=$TOP_SRCDIR/../shared/html
if [ ! -f "$kit/tools/score_extract.py" ] || [ ! -d "$kit/pages" ]; then
	echo "eval-extract: $kit not found; skipping the evaluation"
	exit 0
fi
python=${PYTHON3:-python3}
out=${TMPDIR:-/tmp}/gloss-eval-extract.$$
trap 'rm -f "$out"' EXIT INT TERM
"$python" "$kit/tools/score_extract.py" "$GLOSS" extract > "$out" || exit 1
cat "$out"
echo
echo "== goals: body F1 >= 0.92 (aim 0.95); title >= 90%; byline >= 80%; published day >= 90%"
"$python" - "$out" "$kit/pages" "$GLOSS" <<'PY'
import json, os, re, subprocess, sys
out, pages, gloss = sys.argv[1:4]
lines = open(out).read().splitlines()
for l in lines:
    m = re.match(r"(title|byline|site|published): (\d+)/(\d+) exact", l)
    if m:
        k, ok, n = m.group(1), int(m.group(2)), int(m.group(3))
        print(f"{k:10s} {ok}/{n} = {100 * ok / n:.1f}%")
    if l.startswith("F1 "):
        print(f"{'body F1':10s} {l[3:]}")
# Bylines with the gold's leading "By"/"Par"/"Por" taken off both sides.
norm = lambda s: re.sub(r"\s+", " ", s or "").strip()
strip = lambda s: re.sub(r"^(by|par|por|von|door)\s+", "", norm(s), flags=re.I)
ok = n = 0
for name in sorted(os.listdir(pages)):
    meta = os.path.join(pages, name, "expected-metadata.json")
    if not os.path.exists(meta):
        continue
    want = json.load(open(meta)).get("byline")
    if not want:
        continue
    r = subprocess.run([gloss, "extract", "--json", "--url", f"https://example.org/{name}/",
                        os.path.join(pages, name, "source.html")], capture_output=True)
    try:
        got = json.loads(r.stdout).get("byline")
    except ValueError:
        got = None
    n += 1
    ok += strip(got) == strip(want)
print(f"{'byline, ignoring a leading By':10s} {ok}/{n} = {100 * ok / max(n, 1):.1f}%")
PY
