#!/bin/sh
# links.sh — link two passages of different articles in the reader, follow
# the link and come back, see the backlink from the other end; related
# passages flag the disagreeing distance; the entity index.
. "$TOP_SRCDIR/tests/lib.sh"

"$GLOSS" samples add >/dev/null || exit 1 # a GLOSS_DB library starts empty
src=$("$GLOSS" search --json "683 miles" | "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
dst=$("$GLOSS" search --json "1,200 kilometre" | "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
t_ok "$([ -n "$src" ] && [ -n "$dst" ] && [ "$src" != "$dst" ]; echo $?)" "two articles state the journey's length"

ui_start 120 32 "$GLOSS"
ui_wait "the library" "Title +Outlet"
# Open the source article: filter by a phrase, Enter opens the best match.
ui_keys /
ui_text "683 miles"
ui_keys Enter
ui_wait "the filter opens the article" "entities"
ui_keys /
ui_text "683"
ui_keys Enter
ui_wait "the sentence is found" "/683: 1 of 1"

# Related passages: the other outlets' sentence, with the difference.
ui_keys r
ui_wait "r lists related passages" "Related passages in other articles"
ui_wait "the other outlet's distance is flagged" "distance differs: 683 miles .* vs 1,200 kilometre"
ui_keys q

# Link it to the other article through the picker.
ui_keys l
ui_wait "l opens the picker" "Link to a passage"
# The focused sentence is the only one with these words: never offered.
ui_text "683 miles"
ui_wait "the picker searched the focus's own words" "link to: 683 miles"
ui_wait "and does not offer the focused sentence itself" "Link to a passage.* 0 found"
ui_keys C-u
ui_text "1,200 kilometre"
ui_wait "the picker finds the sentence" "at least 20 hours"
ui_wait "and shows it in context" "^ — "
ui_keys Enter
ui_wait "a relation is asked for" "relation \("
ui_keys C-u
ui_text "contra"
ui_keys Tab Enter
ui_wait "the link is saved" "linked as contradicts"
ui_wait "and marked in the margin" "^↔"

# Follow it and come back.
ui_keys o
ui_wait "o follows the link to the other article" "$("$GLOSS" show "$dst" | head -1 | cut -c1-30)"
ui_keys L
ui_wait "L lists the backlink at the other end" "← contradicts"
ui_keys q
ui_keys BSpace
ui_wait "Backspace goes back" "back"

# Related passages: s links the first as same-fact; s again makes no second.
ui_keys r
ui_wait "r lists related passages again" "Related passages in other articles"
ui_keys s
ui_wait "s links it" "linked as same-fact"
ui_keys s
ui_wait "s again says it is linked already" "already linked as same-fact"
ui_keys q

# The entity index.
ui_keys E
ui_wait "E opens the entity index" "Entities — "
ui_wait "people in all five articles have 5 articles" "PERSON +Kim Jong Un +[0-9]+ +5"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"

t_run "links --article (the target) lists the backlink" 0 "$GLOSS" links --article "$dst" --json
t_match "as incoming" "$T_OUT" '"relation":"contradicts".*"direction":"in"'
t_run "all links" 0 "$GLOSS" links --json
t_eq "r, s, s made one link" "$(printf '%s' "$T_OUT" | grep -o '"relation":"same-fact"' | wc -l | tr -d ' ')" 1
t_run "entities --json" 0 "$GLOSS" entities --label PERSON --json
printf '%s' "$T_OUT" > "$T_DIR/e.json"
t_run "people mentioned by all five articles" 0 "$PYTHON3" -c "
import json,sys
d=json.load(open(sys.argv[1]))
five=[e['name'] for e in d if e['articles']==5]
assert 'Kim Jong Un' in five and 'Vladimir Putin' in five, five
k=[e for e in d if e['name']=='Kim Jong Un'][0]
assert 'Kim Jong-un' in k['aliases'], k
" "$T_DIR/e.json"

# The other article changes; the link follows its passage.
"$GLOSS" show "$dst" | tail -n +3 > "$T_DIR/edited.txt"
printf 'A new paragraph added at the top by the editors.\n\n' | cat - "$T_DIR/edited.txt" > "$T_DIR/edited2.txt"
t_run "re-import with changed text" 0 "$GLOSS" import --replace "$dst" "$T_DIR/edited2.txt"
t_run "the link still resolves" 0 "$GLOSS" links --article "$dst" --json
t_match "to a live passage" "$T_OUT" '"to_orphaned":false'
t_match "with its quote" "$T_OUT" '"to_quote":"[^"]*1,200 kilometre'
t_done
