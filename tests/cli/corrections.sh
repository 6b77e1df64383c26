#!/bin/sh
# corrections.sh — a user's corrections of the entity recognizer from the
# command line: relabel, reject, add, list, forget; applied at once to
# every article, kept over re-import, in the JSON backup and restored, and
# applied to articles imported later.
. "$TOP_SRCDIR/tests/lib.sh"

D=$T_DIR/in
mkdir -p "$D"
cat > "$D/a.txt" <<'TXT'
Rally report

Mercedes won the race in Monza on Sunday. Brellow Tide finished third, ahead of Quentar.
TXT
cat > "$D/b.txt" <<'TXT'
Second report

Engineers at Mercedes said the car was fast. Fans of Quentar cheered in Monza.
TXT
cat > "$D/c.txt" <<'TXT'
Third report

Mercedes and Quentar met again, and Brellow Tide watched from Monza.
TXT
t_run "a library without the bundled articles (a --db library starts empty)" 0 "$GLOSS" list
t_run "two articles" 0 "$GLOSS" import "$D/a.txt" "$D/b.txt"

# entity_id NAME LABEL: the id of the entity of that name and label.
entity_id() {
	"$GLOSS" entities | awk -F '\t' -v n="$1" -v l="$2" '$3 == n && $2 == l { print $1 }'
}
label_of() {
	"$GLOSS" entities | awk -F '\t' -v n="$1" '$3 == n { print $2 }' | sort | tr '\n' ' ' | sed 's/ $//'
}

M=$(entity_id Mercedes PERSON)
t_ok "$([ -n "$M" ]; echo $?)" "the recognizer takes Mercedes for a person"

t_run "relabel it" 0 "$GLOSS" entity relabel "$M" ORG
t_match "says what it did" "$T_OUT" "^relabelled 'Mercedes' as ORG: correction [0-9]+, 2 articles redone"
t_eq "every mention follows at once" "$(label_of Mercedes)" "ORG"
t_run "its mentions in both articles" 0 "$GLOSS" entities --label ORG --json
t_match "two articles" "$T_OUT" '"name":"Mercedes","mentions":2,"articles":2'

t_run "reject a text" 0 "$GLOSS" entity reject "Brellow Tide"
t_match "rejected" "$T_OUT" "^rejected 'Brellow Tide': correction"
t_eq "no longer an entity" "$(label_of 'Brellow Tide')" ""

t_run "add a text" 0 "$GLOSS" entity add "Monza" GPE
t_eq "always a place now" "$(label_of Monza)" "GPE"

Q=$(entity_id Quentar "$(label_of Quentar)")
if [ -n "$Q" ]; then
	t_run "reject by entity id" 0 "$GLOSS" entity reject "$Q"
	t_match "names the entity" "$T_OUT" "^rejected 'Quentar'"
else
	t_run "reject a name the rules missed" 0 "$GLOSS" entity reject Quentar
fi
t_eq "Quentar is no entity" "$(label_of Quentar)" ""

t_run "list them" 0 "$GLOSS" entity corrections
t_match "relabel listed" "$T_OUT" "^1	relabel	ORG	Mercedes	20[0-9-]+T"
t_match "reject listed" "$T_OUT" "^2	reject	-	Brellow Tide	"
t_match "add listed" "$T_OUT" "^3	add	GPE	Monza	"
t_run "as JSON" 0 "$GLOSS" entity corrections --json
printf '%s' "$T_OUT" > "$T_DIR/c.json"
t_run "the JSON has the documented fields" 0 "$PYTHON3" -c "
import json,sys
d=json.load(open(sys.argv[1]))
assert len(d)==4, d
assert d[0]['kind']=='relabel' and d[0]['text']=='Mercedes' and d[0]['label']=='ORG' and d[0]['id']==1
assert d[1]['kind']=='reject' and d[1]['label'] is None
for c in d: assert set(c)=={'id','kind','text','label','created'}, c
" "$T_DIR/c.json"

t_run "a bad label" 2 "$GLOSS" entity add Monza PLACE
t_match "names the labels" "$T_ERR" "unknown label 'PLACE'"
t_run "a bad entity id" 1 "$GLOSS" entity relabel 99999 ORG
t_run "forget an unknown one" 1 "$GLOSS" entity forget 99
t_match "says so" "$T_ERR" "no correction 99"

# Re-import with changed text: the corrections hold.
printf '\nMercedes led again, and Brellow Tide was slow.\n' >> "$D/a.txt"
t_run "re-import a changed article" 0 "$GLOSS" import "$D/a.txt"
t_eq "still an organisation after re-import" "$(label_of Mercedes)" "ORG"
t_eq "still no entity after re-import" "$(label_of 'Brellow Tide')" ""

# A later import: the library's corrections come first.
t_run "a later article" 0 "$GLOSS" import "$D/c.txt"
t_match "its Mercedes is an organisation" "$("$GLOSS" entities --label ORG --json)" '"name":"Mercedes","mentions":[0-9]+,"articles":3'
t_eq "nor is its Brellow Tide an entity" "$(label_of 'Brellow Tide')" ""

# Backup and restore.
t_run "a backup" 0 "$GLOSS" export --json -o "$T_DIR/backup.json"
t_run "it holds the corrections" 0 "$PYTHON3" -c "
import json,sys
d=json.load(open(sys.argv[1]))
assert [c['text'] for c in d['corrections']]==['Mercedes','Brellow Tide','Monza','Quentar'], d['corrections']
" "$T_DIR/backup.json"
t_run "restore into a new library" 0 env GLOSS_DB="$T_DIR/new.db" "$GLOSS" restore "$T_DIR/backup.json"
t_match "says the corrections came too" "$T_OUT" "4 entity corrections added and applied"
t_run "the new library lists them" 0 env GLOSS_DB="$T_DIR/new.db" "$GLOSS" entity corrections
t_match "with the relabel" "$T_OUT" "relabel	ORG	Mercedes"
t_run "restored twice" 0 env GLOSS_DB="$T_DIR/new.db" "$GLOSS" restore "$T_DIR/backup.json"
t_nomatch "adds no second copy" "$T_OUT" "corrections added"
t_run "and a later import there follows them" 0 env GLOSS_DB="$T_DIR/new.db" "$GLOSS" import "$D/b.txt"
t_eq "Mercedes stays an organisation there" \
	"$(GLOSS_DB="$T_DIR/new.db" "$GLOSS" entities | awk -F '\t' '$3 == "Mercedes" { print $2 }' | sort -u)" "ORG"

# Forget: the rules' answer comes back everywhere.
t_run "forget the relabel" 0 "$GLOSS" entity forget 1
t_match "redoes the articles" "$T_OUT" "^forgot correction 1: 3 articles redone"
t_eq "the recognizer's label is back" "$(label_of Mercedes)" "PERSON"
t_done
