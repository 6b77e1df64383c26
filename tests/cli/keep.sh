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

# --- links: the rules of gloss link, on every way in -----------------------
t_run "a link from a highlight to itself is refused" 1 g link "$H" "$H"
t_match "saying so" "$T_ERR" "to itself"
t_run "a relation with an escape sequence is refused" 2 g link "$H" 2 --relation "$(printf 'x\033]0;T\007')"
t_run "a relation over 64 bytes is refused" 2 g link "$H" 2 --relation "$(printf '%070d' 0)"
t_run "a good link" 0 g link "$H" 2 --relation contradicts

# --- restore applies the same checks ----------------------------------------
t_run "a backup" 0 g export --json -o "$T_DIR/b.json"
t_run "restores into a new library" 0 "$GLOSS" --db "$T_DIR/ok.db" restore "$T_DIR/b.json"
# mutate NAME PYTHON: a copy of the backup changed by PYTHON (d is the data,
# h the first highlight, l the first link, a the article).
mutate() {
	"$PYTHON3" - "$T_DIR/b.json" "$T_DIR/$1.json" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
h = d['highlights'][0]; l = d['links'][0]
a = [x for x in d['articles'] if x['id'] == h['article']][0]
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], 'w'))
PY
}
refused() { # NAME PATTERN PYTHON
	mutate "$1" "$3"
	rm -f "$T_DIR/r.db"
	t_run "restore refuses $1" 1 "$GLOSS" --db "$T_DIR/r.db" restore "$T_DIR/$1.json"
	t_match "$1: naming the row" "$T_ERR" "$2"
	t_ok "$([ ! -e "$T_DIR/r.db" ]; echo $?)" "$1: and leaves nothing behind"
}
refused "a highlight at INT64_MAX" "highlight [0-9]+: an invalid range" "h['start'] = h['end'] = 2**63 - 1"
refused "a self-link" "link [0-9]+: links highlight [0-9]+ to itself" "l['to'] = l['from']"
refused "a relation with a newline" "link [0-9]+: a relation is one line" "l['relation'] = 'a\nb'"
refused "a relation with an escape" "link [0-9]+: a relation is one line" "l['relation'] = '\x1b]0;T\x07'"
refused "a relation of 100k characters" "link [0-9]+: a relation is 1 to 64 bytes" "l['relation'] = 'x' * 100000"
refused "a note over 1 MiB" "highlight [0-9]+: its note is over the 1 MiB limit" "h['note']['body'] = 'n' * (1 << 20 | 1)"
refused "a NUL in a title" "article [0-9]+: its title holds a NUL" "a['title'] = 'a\x00b'"
# A highlight whose quote is not at its offsets is re-anchored, or kept
# as orphaned, and the restore says so.
mutate moved "h['start'] += 5; h['end'] += 5"
t_run "a highlight off its quote is restored" 0 "$GLOSS" --db "$T_DIR/m.db" restore "$T_DIR/moved.json"
t_match "and reported as moved" "$T_OUT" "1 highlight did not lie on its quote: 1 moved"
t_run "annotations" 0 "$GLOSS" --db "$T_DIR/m.db" annotations
t_match "it is on its quote again" "$T_OUT" "	ok	.*	reopened to traffic	"
mutate past "h['start'] = 100000; h['end'] = 100019"
t_run "a highlight past the end of the text is restored" 0 "$GLOSS" --db "$T_DIR/p.db" restore "$T_DIR/past.json"
t_match "and reported as moved" "$T_OUT" "1 moved"
mutate lost "h['quote'] = 'words that are nowhere in the article'"
t_run "a highlight whose quote is nowhere is restored" 0 "$GLOSS" --db "$T_DIR/o.db" restore "$T_DIR/lost.json"
t_match "as orphaned, and reported" "$T_OUT" "1 kept as orphaned"
t_run "annotations --orphaned" 0 "$GLOSS" --db "$T_DIR/o.db" annotations --orphaned
t_match "lists it" "$T_OUT" "orphaned.*words that are nowhere"

# --- re-anchoring: A → B → A brings a highlight home ------------------------
printf 'Port traffic report\n\nThe roads were busy and traffic was heavy near the port on Monday. Later in the day, officials said: Traffic was heavy downtown too.\n' > "$D/A"
printf 'Port traffic report\n\nThe roads were busy near the port on Monday. Later in the day, officials said: Traffic was heavy downtown too.\n' > "$D/B"
cp "$D/A" "$D/port.txt"
t_run "an article A" 0 g import "$D/port.txt"
P=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
t_run "a highlight on its first sentence" 0 g highlight "$P" --quote "traffic was heavy"
PH=$(printf '%s\n' "$T_OUT" | sed -n 's/^highlighted \([0-9]*\).*/\1/p')
AT=$(printf '%s\n' "$T_OUT" | sed -n 's/.* at \([0-9]*-[0-9]*\)$/\1/p')
cp "$D/B" "$D/port.txt"
t_run "B, where that sentence lost the words" 0 g import "$D/port.txt"
cp "$D/A" "$D/port.txt"
t_run "A again" 0 g import "$D/port.txt"
t_run "annotations" 0 g annotations --article "$P" --json
printf '%s' "$T_OUT" > "$T_DIR/p.json"
t_run "the highlight is back where it was made, in its own case" 0 "$PYTHON3" -c "
import json,sys
h=[x for x in json.load(open(sys.argv[1])) if x['id']==int(sys.argv[2])][0]
assert '%d-%d' % (h['start'], h['end']) == sys.argv[3] and h['quote'] == 'traffic was heavy', h
assert h['original_quote'] is None, h
" "$T_DIR/p.json" "$PH" "$AT"

t_done
