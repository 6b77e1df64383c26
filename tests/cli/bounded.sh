#!/bin/sh
# bounded.sh — the cost of a search is bounded by what it shows: an
# article whose text is one 10 MB line (one "sentence") is searched in
# well under the time the import takes, and its snippet is a window
# around the hit, not the line.
. "$TOP_SRCDIR/tests/lib.sh"

"$PYTHON3" - "$T_DIR/big.txt" <<'PY'
import random, sys
random.seed(1)
words = ['alpha', 'beta', 'Kim', 'gamma', 'delta', 'port', 'train', 'summit', 'leader', 'city']
line = ' '.join(random.choice(words) for _ in range(1700000))[:10_000_000]
open(sys.argv[1], 'w').write('Big line article\n\n' + line + '\n')
PY
t_run "a 10 MB line imported" 0 "$GLOSS" import "$T_DIR/big.txt"
start=$(date +%s)
t_run "search finishes (within 60 s)" 0 timeout 60 "$GLOSS" search Kim
end=$(date +%s)
t_ok "$([ $((end - start)) -le 20 ]; echo $?)" "in at most 20 s even under sanitizers (took $((end - start)) s)"
t_match "the long article is found, its hit marked" "$T_OUT" "^[0-9]+	Big line article	.*\[Kim\]"
t_ok "$([ "$(printf '%s' "$T_OUT" | wc -c)" -lt 20000 ]; echo $?)" "its snippet is a window, not the 10 MB line"
t_run "search --json" 0 timeout 60 "$GLOSS" search --json leader
t_ok "$([ "$(printf '%s' "$T_OUT" | wc -c)" -lt 20000 ]; echo $?)" "a window in JSON too"

# A line cut by what a snippet reads (1 MiB) in the middle of a
# character: the snippet is whole characters and says that it goes on.
"$PYTHON3" - "$T_DIR/cut.txt" <<'PY'
import sys
# the accented letters start at an odd byte, so 1 MiB falls inside one
head = "word " * 209673 + "abc " + "zebra "
assert len(head) == 1048576 - 201
open(sys.argv[1], 'w', encoding='utf-8').write('Cut line article\n\n' + head + "\u00e9" * 2000 + '\n')
PY
t_run "a line cut inside a character imported" 0 "$GLOSS" import "$T_DIR/cut.txt"
t_run "search zebra" 0 timeout 60 "$GLOSS" search zebra
printf '%s' "$T_OUT" > "$T_DIR/cut.out"
t_match "the hit marked, and the cut said" "$T_OUT" "\[zebra\].*…$"
t_run "its snippet is whole characters" 0 "$PYTHON3" -c 'import sys; open(sys.argv[1], encoding="utf-8", errors="strict").read()' "$T_DIR/cut.out"
t_done
