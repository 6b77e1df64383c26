#!/bin/sh
# search.sh — the reader's / finds typed text as highlight --quote does:
# straight quotes find curly ones, a run of spaces any run, and a query
# without capitals ignores case (one with capitals does not).
. "$TOP_SRCDIR/tests/lib.sh"

mkdir -p "$T_DIR/in"
printf 'Talks stall in Cairo\n\nThe minister said \342\200\234we won\342\200\231t sign this deal\342\200\235 on Monday.\n\nThe Kremlin said the talks would go on. The kremlin said nothing else.\n' > "$T_DIR/in/a.txt"
"$GLOSS" import "$T_DIR/in/a.txt" >/dev/null || exit 1
ui_start 100 20 "$GLOSS"
ui_wait "the library" "Talks stall in Cairo"
ui_keys Enter
ui_wait "the reader" "minister said"
ui_keys /
ui_text "\"we won't  sign"
ui_keys Enter
ui_wait "straight quotes and two spaces find the curly text" "/\"we won't  sign: 1 of 1"
ui_keys /
ui_text "the kremlin said"
ui_keys Enter
ui_wait "no capitals: case ignored" "/the kremlin said: 1 of 2"
ui_keys /
ui_text "The kremlin"
ui_keys Enter
ui_wait "a capital: case counts" "/The kremlin: 1 of 1"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
t_done
