#!/bin/sh
# eval-ner.sh — score `gloss ner` on the wikigold development set kept in
# ../shared/ner/ (beside the source tree), with that kit's score.py.  Run by
# `make eval-ner` with GLOSS (the built binary) and TOP_SRCDIR set.  Not part
# of `make check`: the set lives outside the project, so without it this
# prints a message and succeeds.
set -u
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${GLOSS:=$TOP_SRCDIR/src/gloss}"
kit=$TOP_SRCDIR/../shared/ner
gold=$kit/wikigold/gold.tsv
text=$kit/wikigold/wikigold.txt
if [ ! -f "$gold" ] || [ ! -f "$text" ] || [ ! -f "$kit/tools/score.py" ]; then
	echo "eval-ner: $kit not found; skipping the evaluation"
	exit 0
fi
python=${PYTHON3:-python3}
pred=${TMPDIR:-/tmp}/gloss-eval-ner.$$.tsv
trap 'rm -f "$pred"' EXIT INT TERM
"$GLOSS" ner "$text" > "$pred" || { echo "eval-ner: gloss ner failed" >&2; exit 1; }
echo "== wikigold: PER, ORG, LOC, MISC (OntoNotes labels folded onto CoNLL)"
"$python" "$kit/tools/score.py" "$gold" "$pred"
echo
echo "== wikigold: PER, ORG, LOC only (the goal: micro F1 >= 80)"
"$python" "$kit/tools/score.py" "$gold" "$pred" --types=PER,ORG,LOC

# Dates, times and amounts on a development set written for gloss
# (tests/ner-dev/numbers.txt, spans inline), scored with the same tool.
dev=$TOP_SRCDIR/tests/ner-dev/numbers.txt
dtext=${TMPDIR:-/tmp}/gloss-eval-ner-dev.$$.txt
dgold=${TMPDIR:-/tmp}/gloss-eval-ner-dev.$$.gold
dpred=${TMPDIR:-/tmp}/gloss-eval-ner-dev.$$.pred
trap 'rm -f "$pred" "$dtext" "$dgold" "$dpred" "$dgold.prose" "$dgold.wire"' EXIT INT TERM
"$python" "$TOP_SRCDIR/tests/ner-dev/to-gold.py" "$dev" "$dtext" "$dgold" || exit 1
"$GLOSS" ner "$dtext" > "$dpred" || { echo "eval-ner: gloss ner failed" >&2; exit 1; }
echo
echo "== tests/ner-dev/numbers.txt: dates, times and amounts (the goal: micro F1 >= 90)"
"$python" "$kit/tools/score.py" "$dgold" "$dpred" --map=none --types=DATE,TIME,CARDINAL,ORDINAL,MONEY,PERCENT,QUANTITY

# Names, dates and amounts in news written for gloss (tests/ner-dev/news.txt:
# invented wire copy with headlines in capitals, datelines and results
# tables; "#doc" starts a story, each scanned as its own document).
news=$TOP_SRCDIR/tests/ner-dev/news.txt
ndir=${TMPDIR:-/tmp}/gloss-eval-ner-news.$$
ngold=$ndir.gold
npred=$ndir.pred
trap 'rm -rf "$pred" "$dtext" "$dgold" "$dpred" "$dgold.prose" "$dgold.wire" "$ndir" "$ndir.txt" "$ngold" "$ngold.prose" "$ngold.wire" "$npred" "$npred.prose"' EXIT INT TERM
mkdir "$ndir" || exit 1
"$python" "$TOP_SRCDIR/tests/ner-dev/to-gold.py" "$news" "$ndir.txt" "$ngold" "$ndir" || exit 1
for f in "$ndir"/*.txt; do
	d=$(basename "$f" .txt)
	"$GLOSS" ner "$f" | awk -v d="$d" '{ print d "\t" $0 }'
done > "$npred" || { echo "eval-ner: gloss ner failed" >&2; exit 1; }
"$python" "$TOP_SRCDIR/tests/ner-dev/to-gold.py" --prose "$ngold.wire" "$npred" > "$npred.prose" || exit 1
echo
echo "== tests/ner-dev/news.txt: every OntoNotes label, whole set"
"$python" "$kit/tools/score.py" "$ngold" "$npred" --map=none \
	--types=PERSON,NORP,FAC,ORG,GPE,LOC,PRODUCT,EVENT,WORK_OF_ART,LAW,LANGUAGE,DATE,TIME,PERCENT,MONEY,QUANTITY,ORDINAL,CARDINAL
echo
echo "== tests/ner-dev/news.txt: PER, ORG, LOC (GPE, LOC, FAC), prose lines (the goal: micro F1 >= 85)"
"$python" "$kit/tools/score.py" "$ngold.prose" "$npred.prose" --types=PER,ORG,LOC
echo
echo "== tests/ner-dev/news.txt: PER, ORG, LOC, whole set with headlines, datelines and tables (the goal: micro F1 >= 80)"
"$python" "$kit/tools/score.py" "$ngold" "$npred" --types=PER,ORG,LOC
