#!/bin/sh
# corrections.sh — correcting the recognizer from the reader: c on the
# entity Tab reached picks a label (or "not an entity"), e marks a
# selection as an entity, U undoes a correction, ? lists both keys.
. "$TOP_SRCDIR/tests/lib.sh"

"$GLOSS" list >/dev/null || exit 1
D=$T_DIR/in
mkdir -p "$D"
cat > "$D/a.txt" <<'TXT'
Rally report from the coast

Mercedes won the race on Sunday, and the crowd cheered.

Quentar Vale

The fans went home late.
TXT
"$GLOSS" import "$D/a.txt" >/dev/null
label_of() {
	"$GLOSS" entities | awk -F '\t' -v n="$1" '$3 == n { print $2 }' | sort | tr '\n' ' ' | sed 's/ $//'
}
t_eq "the recognizer takes Mercedes for a person" "$(label_of Mercedes)" "PERSON"

ui_start 120 35 "$GLOSS"
ui_wait "the library" "Title +Outlet"
ui_keys /
ui_text Rally
ui_keys Enter
ui_wait "the article" "Rally report from the coast"
ui_keys c
ui_wait "c without an entity says what to do" "Tab moves to an entity; c then corrects it"
ui_keys Tab
ui_wait "Tab reaches Mercedes" "PERSON Mercedes"
ui_keys c
ui_wait "c opens the label picker" "Correct 'Mercedes' \(PERSON\) in every article"
ui_wait "with each label's meaning" "ORG +Companies, agencies, institutions"
ui_wait "and not an entity" "Not an entity"
ui_keys j j j Enter
ui_wait "the correction is made" "'Mercedes' is ORG now, in [0-9]+ articles? — U undoes"
t_eq "the library has it" "$(label_of Mercedes)" "ORG"
ui_keys c
ui_wait "the picker marks its label now" "ORG +Companies, agencies, institutions, teams  \(now\)"
ui_keys j Enter
ui_wait "the cursor started on its label: j picked the next one" "'Mercedes' is GPE now"
ui_keys U
ui_wait "U undoes the last correction" "correction undone, in [0-9]+ articles?"
t_eq "the one before holds" "$(label_of Mercedes)" "ORG"
ui_keys U
ui_wait "U again undoes that one" "correction undone, in [0-9]+ articles?"
t_eq "the recognizer's label is back" "$(label_of Mercedes)" "PERSON"
ui_keys c
ui_wait "the entity Tab reached stays reached: the picker again" "Correct 'Mercedes'"
ui_keys G Enter
ui_wait "not an entity" "'Mercedes' is no entity now"
t_eq "Mercedes is no entity" "$(label_of Mercedes)" ""
# A selection marked as an entity: the paragraph "Quentar Vale".
ui_keys g '}' v
ui_wait "a selection" "\[selection\]"
ui_keys e
ui_wait "e opens the picker for the selection" "Mark 'Quentar Vale' as an entity in every article"
ui_keys j j j j Enter
ui_wait "marked" "'Quentar Vale' is GPE now, in 1 article "
t_eq "the library has it" "$(label_of 'Quentar Vale')" "GPE"
# From the entity index: correct in the reader it leads to, and the
# index shows the correction on the way back.
ui_keys E
ui_wait "the entity index" "Entities — "
ui_keys /
ui_text Quentar
ui_keys Enter
ui_wait "Quentar Vale in the index" "GPE +Quentar Vale"
ui_keys Enter
ui_wait "its mentions" "Quentar Vale \(GPE\): 1 mention"
ui_keys Enter c
ui_wait "the picker on its label" "GPE +Countries, cities, states  \(now\)"
ui_keys j Enter
ui_wait "now a place of another kind" "'Quentar Vale' is LOC now"
ui_keys q q
ui_wait "the index shows it" "LOC +Quentar Vale"
ui_keys q
ui_resize 120 120
ui_keys '?'
ui_wait "? lists c" "c +correct-entity +Correct the entity Tab reached"
ui_wait "and e in a selection" "e +mark-entity +Mark the selection as an entity"
ui_keys q Q
ui_wait "quit" "\[gloss exited 0\]"
t_run "the corrections are listed" 0 "$GLOSS" entity corrections
t_match "the rejection" "$T_OUT" "reject	-	Mercedes"
t_match "the added place" "$T_OUT" "add	GPE	Quentar Vale"
t_match "then its relabel" "$T_OUT" "relabel	LOC	Quentar Vale"
t_nomatch "not the undone ones" "$T_OUT" "relabel	(ORG|GPE)	Mercedes"
t_done
