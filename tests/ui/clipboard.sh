#!/bin/sh
# clipboard.sh — y copies the focus as a Markdown quote through OSC 52,
# which tmux (set-clipboard on) turns into a paste buffer: read it back.
. "$TOP_SRCDIR/tests/lib.sh"
# The sample articles, as the default library has them.
"$GLOSS" samples add >/dev/null 2>&1 || exit 1

"$GLOSS" list >/dev/null || exit 1
D=$T_DIR/in
mkdir -p "$D"
cat > "$D/a.txt" <<'TXT'
Harbour talks resume in Oslo

The first sentence opens the talks. Two words of the quote matter here. The last sentence closes them.
TXT
"$GLOSS" import --url https://example.org/harbour "$D/a.txt" >/dev/null

ui_start 120 35 "$GLOSS"
"$TMUX_BIN" -L "$T_TMUX_SOCKET" set-option -g set-clipboard on >/dev/null
ui_wait "the library" "Title +Outlet"
ui_keys /
ui_text Harbour
ui_keys Enter
ui_wait "the article" "Harbour talks resume"
ui_keys ')' y
ui_wait "y says what it copied" "copied [0-9]+ bytes"
sleep 0.3
buf=$("$TMUX_BIN" -L "$T_TMUX_SOCKET" show-buffer 2>&1)
t_match "tmux received the quote as a buffer" "$buf" "^> Two words of the quote matter here\."
t_match "with its citation" "$buf" "^> — \*Harbour talks resume in Oslo\*, (example\.org, )?<https://example.org/harbour>"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
t_done
