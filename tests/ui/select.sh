#!/bin/sh
# select.sh — a selection that starts inside a sentence: o swaps the end
# that moves (as in vim's visual mode), so two words of a quote can be
# marked.
. "$TOP_SRCDIR/tests/lib.sh"

"$GLOSS" list >/dev/null || exit 1
D=$T_DIR/in
mkdir -p "$D"
cat > "$D/a.txt" <<'TXT'
Harbour talks resume in Oslo

The first sentence opens the talks. Two words of the quote matter here. The last sentence closes them.

A second paragraph follows. It has two sentences.
TXT
"$GLOSS" import "$D/a.txt" >/dev/null
a=$("$GLOSS" list | sed -n 's/^\([0-9]*\)\tHarbour.*/\1/p')

ui_start 120 35 "$GLOSS"
"$TMUX_BIN" -L "$T_TMUX_SOCKET" set-option -g set-clipboard on >/dev/null
ui_wait "the library" "Title +Outlet"
ui_keys /
ui_text Harbour
ui_keys Enter
ui_wait "the article" "Harbour talks resume"
ui_keys ')' v
ui_wait "v selects the focus sentence" "\[selection\]"
ui_keys b
ui_keys o
ui_wait "o swaps the moving end" "the start of the selection moves"
ui_keys w w w w
ui_keys y
ui_wait "y copies the selection" "copied [0-9]+ bytes"
sleep 0.3
buf=$("$TMUX_BIN" -L "$T_TMUX_SOCKET" show-buffer 2>&1)
t_match "the selection is the two words" "$buf" "^> quote matter$"
ui_keys 3
ui_wait "3 tags the selection" "tagged quote"
t_run "the annotation" 0 "$GLOSS" annotations --article "$a"
t_match "covers the two words only" "$T_OUT" "	quote	quote matter	"
# o and ( ) with the start moving: the start goes back a sentence.
ui_keys g ')' ')' v o '('
ui_wait "( moves the start back a sentence" "\[selection\]"
ui_keys o '}' y
ui_wait "y copies it" "copied [0-9]+ bytes"
sleep 0.3
buf=$("$TMUX_BIN" -L "$T_TMUX_SOCKET" show-buffer 2>&1)
t_match "from the sentence before to the paragraph's end" "$buf" "^> Two words of the quote matter here\. The last sentence closes them\."
t_match "across the paragraph" "$buf" "It has two sentences\."
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
t_done
