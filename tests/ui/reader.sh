#!/bin/sh
# reader.sh — the library and the reader, driven in tmux and read back.
. "$TOP_SRCDIR/tests/lib.sh"

"$GLOSS" samples add >/dev/null || exit 1 # a GLOSS_DB library starts empty
ui_start 100 30 "$GLOSS"
ui_wait "the library lists the bundled articles" "Kim Jong Un"
ui_wait "with a header of columns" "Title +Outlet +Date +Words"
t_nomatch "no boilerplate title" "$(ui_screen)" "Advertis|News World"

# Open the first article; entities are coloured.
ui_keys g Enter
ui_wait "Enter opens the reader" "entities"
screen_e=$("$TMUX_BIN" -L "$T_TMUX_SOCKET" capture-pane -p -e -t t)
t_match "entities are drawn in colour" "$screen_e" "$(printf '\033')\[[0-9;]*3[0-9];"

# Tab goes to the first entity and names it on the status line.
ui_keys Tab
ui_wait "Tab moves to an entity" "(PERSON|GPE|ORG|NORP|DATE|CARDINAL|FAC|LOC|QUANTITY) .* Enter lists its mentions"
ui_keys Enter
ui_wait "Enter lists its mentions across the library" "mentions? in [0-9]+ articles?"
ui_keys q
ui_wait "q goes back to the reader" "entities"

# Search marks a word; n moves on.
ui_keys /
ui_text "train"
ui_keys Enter
ui_wait "search finds and counts the hits" "/train: [0-9]+ of [0-9]+"
ui_keys n
ui_wait "n goes to the next hit" "/train: 2 of"

# Help is generated from the bindings.
ui_keys ?
ui_wait "? shows the live key table" "sentence-next"
ui_wait "with each key" "Tab +entity-next"
ui_keys q

# Resize keeps the place; tiny windows do not crash.
ui_keys g
ui_keys ')' ')' ')'
ui_resize 40 20
ui_wait "the reader rewraps at 40 columns" "entities"
line=$(ui_screen | sed -n 2p)
t_ok "$([ "$(printf '%s' "$line" | wc -m)" -le 40 ]; echo $?)" "lines fit in 40 columns"
ui_resize 3 3
sleep 0.3
ui_resize 100 30
ui_wait "a 3x3 window does not crash, and it recovers" "entities"

# Quit and reopen: the reading position is kept.
ui_keys G
ui_wait "G goes to the end" "100%"
ui_keys q
ui_wait "back in the library" "Title +Outlet"
ui_keys Enter
ui_wait "reopened, the article is where it was left" "100%"
ui_keys q
ui_wait "the library again" "Title +Outlet"
ui_keys Q
ui_wait "Q quits gloss cleanly" "\[gloss exited 0\]"
ui_stop

# A batch import on a terminal shows progress and a summary.
mkdir -p "$T_DIR/batch"
i=0
while [ $i -lt 30 ]; do
	printf 'Report number %d\n\nThe committee met for the %d time on Friday.\n' $i $i > "$T_DIR/batch/r$i.txt"
	i=$((i + 1))
done
ui_start 100 10 "$GLOSS import $T_DIR/batch"
ui_wait "the import ends with a summary on the terminal" "imported 30, updated 0, unchanged 0, failed 0"
t_done
