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
t_done
