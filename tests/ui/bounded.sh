#!/bin/sh
# bounded.sh (UI) — the library's / filter stays responsive on a library
# with a 10 MB line: results as you type, and Esc and q answer at once.
. "$TOP_SRCDIR/tests/lib.sh"

"$PYTHON3" - "$T_DIR/big.txt" <<'PY'
import random, sys
random.seed(1)
words = ['alpha', 'beta', 'Kim', 'gamma', 'delta', 'port', 'train', 'summit', 'leader', 'city']
line = ' '.join(random.choice(words) for _ in range(1700000))[:10_000_000]
open(sys.argv[1], 'w').write('Big line article\n\n' + line + '\n')
PY
"$GLOSS" import "$T_DIR/big.txt" >/dev/null || exit 1
ui_start 120 30 "$GLOSS"
ui_wait "the library" "Title +Outlet"
ui_keys /
ui_text "Kim"
ui_wait "the filter finds the long article while typing" "Big line article" 20
ui_text "x"
ui_keys BSpace
ui_wait "and again after more keys" "Big line article" 20
ui_keys Escape
ui_keys q
ui_wait "Esc and q quit promptly" "\[gloss exited 0\]" 15
ui_stop
t_done
