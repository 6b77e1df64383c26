#!/bin/sh
# library.sh — the library's own keys: sort, filter, mark, edit, delete;
# the annotations and tags screens; merging entities in the index.
. "$TOP_SRCDIR/tests/lib.sh"

"$GLOSS" samples add >/dev/null || exit 1 # a GLOSS_DB library starts empty
"$GLOSS" highlight 2 --quote "Kim Jong Un" --occurrence 1 --tag claim --note "first note" >/dev/null
# A very long article's word count, as a 100 MB article has.
"$PYTHON3" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("update article set words = 12976573 where id = 3"); c.commit()' "$GLOSS_DB"
ui_start 100 24 "$GLOSS"
ui_wait "the library" "sorted by imported"
ui_wait "a count too wide for its column is shortened, not cut" " 13\.0M +[0-9]+ +[0-9]+$"
ui_keys s
ui_wait "s sorts by title" "sorted by title"
ui_keys s s s s
ui_wait "and round again" "sorted by imported"

# e edits title, outlet and date.
ui_keys g e
ui_wait "e asks for the title" "^Title:"
ui_keys C-u
ui_text "An edited headline"
ui_keys Enter
ui_wait "then the outlet" "^Outlet:"
ui_keys C-u
ui_text "Test Wire"
ui_keys Enter
ui_wait "then the date" "^Date:"
ui_text "2023-09-12"
ui_keys Enter
ui_wait "the edit is saved and shown" "An edited headline +Test Wire +2023-09-12"
# A date in another form is stored as ISO and shown as the day, uncut;
# what is not a date is refused and changes nothing.
ui_keys e Enter Enter C-u
ui_text "Tuesday, September 12, 2023 10:45 PM EDT"
ui_keys Enter
ui_wait "a long date shows as its day" "Test Wire +2023-09-12 +[0-9]"
t_eq "and is stored as ISO" "$("$PYTHON3" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select published from article where title = ?", ("An edited headline",)).fetchone()[0])' "$GLOSS_DB")" "2023-09-12T22:45:00-04:00"
ui_keys e Enter Enter C-u
ui_text "2023-13-45"
ui_keys Enter
ui_wait "an impossible date is refused" "not a date gloss can read"
ui_wait "and the date is unchanged" "Test Wire +2023-09-12 +[0-9]"

# m marks two; D asks and deletes them.
ui_keys G m
ui_keys k m
ui_wait "m marks articles" "2 marked"
ui_keys D
ui_wait "D asks first" "Delete 2 marked articles"
ui_keys n
ui_wait "n keeps them" "5 articles"
ui_keys D
ui_wait "asked again" "Delete 2 marked articles"
ui_keys y
ui_wait "y deletes both" "3 articles"

# The annotations screen, and the tags screen.
ui_keys A
ui_wait "A lists every annotation" "#claim .Kim Jong Un."
ui_wait "with its note" "first note"
ui_keys q T
ui_wait "T shows the tags" "key-fact"
ui_keys j n
ui_wait "n asks for a new tag" "^new tag:"
ui_text "timeline"
ui_keys Enter
ui_wait "the new tag is listed" "timeline"
ui_keys q

# Merge two entities in the index.
ui_keys E
ui_wait "the entity index" "Entities — "
ui_keys /
ui_text "Pyongyang"
ui_keys Enter
ui_wait "filtered" "GPE +Pyongyang"
ui_keys m
ui_wait "m marks an entity" "marked Pyongyang"
ui_keys Escape
ui_wait "Esc clears the filter and keeps the mark" "Entities — [0-9]+ · sorted"
ui_keys /
ui_keys C-u
ui_text "North Korea"
ui_keys Enter
ui_wait "another entity" "GPE +North Korea "
ui_keys M
ui_wait "M merges the marked one into it" "merged into North Korea"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"

t_run "the merge is stored" 0 "$GLOSS" entities --json
t_nomatch "Pyongyang is no longer an entity of its own" "$T_OUT" '"name":"Pyongyang"'
t_match "it is a name of North Korea now" "$T_OUT" '"name":"North Korea".*Pyongyang'
t_run "tags" 0 "$GLOSS" tags
t_match "the tag made in the UI is stored" "$T_OUT" "timeline"
t_done
