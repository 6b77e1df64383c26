#!/bin/sh
# keep.sh — nothing the user wrote is replaced or lost without being told:
# highlight --note over a passage that has a note already.
. "$TOP_SRCDIR/tests/lib.sh"

D=$T_DIR/in
mkdir -p "$D"
printf 'Harbour bridge reopens\n\nThe harbour bridge reopened to traffic on Friday after repairs.\n\nEngineers said the work took nine weeks.\n' > "$D/a.txt"
t_run "import" 0 "$GLOSS" --db "$T_DIR/k.db" import "$D/a.txt"
A=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
g() { "$GLOSS" --db "$T_DIR/k.db" "$@"; }

t_run "a highlight with a note" 0 g highlight "$A" --quote "reopened to traffic" --note "first note"
H=$(printf '%s\n' "$T_OUT" | sed -n 's/^highlighted \([0-9]*\).*/\1/p')
t_run "the same passage with another note is refused" 1 g highlight "$A" --quote "reopened to traffic" --note "second note" --tag claim
t_match "pointing to gloss note and --replace-note" "$T_ERR" "already has a different note.*gloss note $H.*--replace-note"
t_run "annotations" 0 g annotations --json
printf '%s' "$T_OUT" > "$T_DIR/a.json"
t_run "the first note is kept, and no tag was added" 0 "$PYTHON3" -c "
import json,sys
d=json.load(open(sys.argv[1]))
assert len(d)==1 and d[0]['note']=='first note' and d[0]['tags']==[], d
" "$T_DIR/a.json"
t_run "the same note again is no conflict" 0 g highlight "$A" --quote "reopened to traffic" --note "first note" --tag claim
t_run "--replace-note replaces it" 0 g highlight "$A" --quote "reopened to traffic" --note "second note" --replace-note
t_run "annotations" 0 g annotations
t_match "with the new note" "$T_OUT" "^$H	.*claim	reopened to traffic	second note$"
t_run "a new passage with a note is fine" 0 g highlight "$A" --quote "nine weeks" --note "n"

t_done
