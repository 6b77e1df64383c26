#!/bin/sh
# concurrent.sh — two gloss processes annotating one database at once:
# two loops of highlights with notes (and a re-import running beside
# them); every command succeeds (the busy timeout absorbs the contention,
# no "locked" failure) and both sets of annotations are saved.
. "$TOP_SRCDIR/tests/lib.sh"

D=$T_DIR/in
mkdir -p "$D"
N=80
"$PYTHON3" - "$D/a.txt" "$N" <<'PY'
import sys
n = int(sys.argv[2])
lines = ['Two readers at once', '']
for i in range(1, 2 * n + 1):
    lines.append('Sentence number %d of the shared article tells fact %d.' % (i, i))
    lines.append('')
open(sys.argv[1], 'w').write('\n'.join(lines))
PY
t_run "an article to share" 0 "$GLOSS" import "$D/a.txt"
A=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')

# loop WHO FIRST: highlight sentences FIRST, FIRST+2, ... with a note each.
loop() {
	i=$2
	k=0
	while [ $k -lt "$N" ]; do
		"$GLOSS" highlight "$A" --quote "Sentence number $i of" --note "note $1 $i" \
			>>"$T_DIR/$1.out" 2>>"$T_DIR/$1.err" || echo "failed: $i" >>"$T_DIR/$1.err"
		i=$((i + 2))
		k=$((k + 1))
	done
}
reimport() {
	k=0
	while [ $k -lt 10 ]; do
		printf '\n\nAn update, number %d, at the end.\n' "$k" >> "$D/a.txt"
		"$GLOSS" import "$D/a.txt" >>"$T_DIR/c.out" 2>>"$T_DIR/c.err" || echo "failed: import $k" >>"$T_DIR/c.err"
		k=$((k + 1))
	done
}
: > "$T_DIR/a.err"
: > "$T_DIR/b.err"
: > "$T_DIR/c.err"
loop a 1 &
pa=$!
loop b 2 &
pb=$!
reimport &
pc=$!
wait $pa
wait $pb
wait $pc

t_eq "the first loop had no failure" "$(cat "$T_DIR/a.err")" ""
t_eq "the second loop had no failure" "$(cat "$T_DIR/b.err")" ""
t_eq "the re-imports had no failure" "$(cat "$T_DIR/c.err")" ""
t_eq "the first loop confirmed every highlight" "$(grep -c '^highlighted ' "$T_DIR/a.out")" "$N"
t_eq "the second loop confirmed every highlight" "$(grep -c '^highlighted ' "$T_DIR/b.out")" "$N"
t_run "annotations" 0 "$GLOSS" annotations --article "$A" --json
printf '%s' "$T_OUT" > "$T_DIR/ann.json"
t_run "both sets are saved, each with its note and in place" 0 "$PYTHON3" - "$T_DIR/ann.json" "$N" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
got = {h['quote']: h for h in d}
bad = []
for i in range(1, 2 * n + 1):
    q = 'Sentence number %d of' % i
    who = 'a' if i % 2 else 'b'
    h = got.get(q)
    if h is None:
        bad.append('missing: %s' % q)
    elif h['note'] != 'note %s %d' % (who, i) or h['orphaned']:
        bad.append('wrong: %r' % h)
if len(d) != 2 * n:
    bad.append('%d highlights, wanted %d' % (len(d), 2 * n))
for b in bad[:10]:
    print('#   ' + b)
sys.exit(1 if bad else 0)
PY
t_run "integrity check" 0 "$PYTHON3" -c 'import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute("pragma integrity_check").fetchone()[0]; sys.exit(r!="ok")' "$GLOSS_DB"
t_done
