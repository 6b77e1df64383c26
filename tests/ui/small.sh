#!/bin/sh
# small.sh — the smaller things a new user tripped over: the relation
# prompt whole at 120 columns, #tag in the annotations filter, "no
# matches", the focus and the library row kept over reopening, the title
# first at 60 columns, outlets in the mention list and the link picker,
# Tab listing the tags, and `annotations` as a table on a terminal.
. "$TOP_SRCDIR/tests/lib.sh"
# The sample articles, as the default library has them.
"$GLOSS" samples add >/dev/null 2>&1 || exit 1

"$GLOSS" list >/dev/null || exit 1
D=$T_DIR/in
mkdir -p "$D"
cat > "$D/a.txt" <<'TXT'
Harbour talks resume in Oslo

The first sentence opens the talks. The second sentence is tagged as a quote. The third sentence is a key fact.
TXT
"$GLOSS" import "$D/a.txt" >/dev/null
a=$("$GLOSS" list | sed -n 's/^\([0-9]*\)\tHarbour.*/\1/p')
"$GLOSS" highlight "$a" --quote "The second sentence is tagged as a quote." --tag quote >/dev/null
"$GLOSS" highlight "$a" --quote "The third sentence is a key fact." --tag key-fact >/dev/null

open_harbour() {
	ui_keys /
	ui_text Harbour
	ui_keys Enter
	ui_wait "$1" "Harbour talks resume"
}

ui_start 120 35 "$GLOSS"
ui_wait "the library" "Title +Outlet"

# "no matches" in the library filter.
ui_keys /
ui_text zzqqxx
ui_keys Enter
ui_wait "a filter with no hits says so" "no matches for 'zzqqxx'"
ui_keys Escape
sleep 0.3

# #quote in the annotations filter.
ui_keys A
ui_wait "A lists every annotation" "All annotations — 2"
ui_keys /
ui_text '#quote'
ui_keys Enter
ui_wait "#quote filters by the tag" "All annotations matching '#quote' — 1"
t_nomatch "the key-fact one is not listed" "$(ui_screen)" "key fact"
ui_keys q

# The relation prompt is whole at 120 columns.
open_harbour "the article"
ui_keys l
ui_wait "l opens the link picker" "link to:"
ui_text Putin
ui_wait "the picker finds passages" "Putin"
ui_wait "each candidate names its outlet (once typing pauses)" "(AFP|NewsDrum|NOS News) · " 5
ui_keys Enter
ui_wait "the relation prompt is whole" "relation \(same-fact, contradicts, supports, see-also; Tab completes\): same-fact"
ui_keys Escape
sleep 0.3

# t then Tab with nothing typed lists the tags.
ui_keys t
ui_wait "t asks for a tag" "^tag:"
ui_keys Tab
ui_wait "Tab lists the tags" "tags: .*key-fact.*claim.*quote"
ui_keys Escape
sleep 0.3

# The focus is kept when the article is opened again.
ui_keys g ')' ')'
ui_keys q
ui_wait "back in the library" "Title +Outlet"
ui_keys Enter
ui_wait "reopened" "Harbour talks resume"
ui_keys 2
ui_wait "2 tags the focus" "tagged claim"
t_run "the annotations" 0 "$GLOSS" annotations --tag claim
t_match "the focus was the third sentence, as left" "$T_OUT" "The third sentence is a key fact\."
ui_keys q
ui_wait "the library" "Title +Outlet"
ui_keys g
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

# Restarted: the library starts on the article read last, with its focus.
ui_start 120 35 "$GLOSS"
ui_wait "the library again" "Title +Outlet"
n=$("$GLOSS" list | wc -l | tr -d ' ')
ui_wait "the cursor is on the article read last" " $n/$n "
ui_keys Enter
ui_wait "it opens" "Harbour talks resume"
ui_keys 4
ui_wait "4 tags the focus" "tagged question"
t_run "the annotations" 0 "$GLOSS" annotations --tag question
t_match "the focus survived the restart" "$T_OUT" "The third sentence is a key fact\."
ui_keys q

# The mention list names the outlets.
ui_keys g Enter
ui_wait "the first article" "entities"
ui_keys Tab
ui_wait "Tab reaches an entity" "Enter lists its mentions"
ui_keys Enter
ui_wait "its mentions" "mentions? in [0-9]+ articles?"
t_match "each row names its outlet" "$(ui_screen)" "(AFP|NewsDrum|NOS News) · "
ui_keys q q
ui_wait "the library" "Title +Outlet"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

# At 60 columns the title gets the room first.
ui_start 60 20 "$GLOSS"
ui_wait "the library at 60 columns" "Title"
scr=$(ui_screen)
t_match "the title is whole" "$scr" "Harbour talks resume in Oslo"
t_match "with its outlet and date" "$(printf '%s\n' "$scr" | sed -n 2p)" "Title +Outlet +Date"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

# The command line on a terminal: "no matches", and a table of annotations.
ui_start 200 20 "$GLOSS search zzqqxx; $GLOSS annotations"
ui_wait "search on a terminal says no matches" "^no matches$"
ui_wait "annotations on a terminal is a table" "ID +ART +STATE +TAGS +QUOTE +NOTE"
ui_wait "with a row for each" "#claim #key-fact.* +The third sentence"
t_run "piped, annotations stays tab-separated" 0 "$GLOSS" annotations
t_match "one TSV line each" "$T_OUT" "^[0-9]+	$a	ok	quote	The second sentence"
t_run "piped, a search with no hits prints nothing" 0 "$GLOSS" search zzqqxx
t_eq "nothing at all" "$T_OUT" ""
t_done
