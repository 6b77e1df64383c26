#!/bin/sh
# annotate.sh — highlights, tags, notes, links and re-anchoring from the
# command line.
. "$TOP_SRCDIR/tests/lib.sh"

D=$T_DIR/in
mkdir -p "$D"
cat > "$D/a.txt" <<'TXT'
Tram line opens downtown

The new tram line opened on Monday after three years of work. Officials said the line carries 40,000 riders a day.

Critics said the budget doubled. The mayor said the budget held steady.
TXT
t_run "an article to annotate" 0 "$GLOSS" import "$D/a.txt"
A=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')

t_run "highlight with a tag and a note" 0 "$GLOSS" highlight "$A" --quote "carries 40,000 riders a day" --tag key-fact --note "check the ridership"
H1=$(printf '%s\n' "$T_OUT" | sed -n 's/^highlighted \([0-9]*\).*/\1/p')
t_match "reports the highlight id" "$T_OUT" "^highlighted [0-9]+ in article $A"
t_run "a quote that is not there" 1 "$GLOSS" highlight "$A" --quote "no such words"
t_match "fails clearly" "$T_ERR" "the quote is not in article $A"
t_run "an ambiguous quote" 1 "$GLOSS" highlight "$A" --quote "the budget"
t_match "says how often it occurs" "$T_ERR" "occurs 2 times .*--occurrence"
t_run "--occurrence 2" 0 "$GLOSS" highlight "$A" --quote "the budget" --occurrence 2 --tag "my new tag"
H2=$(printf '%s\n' "$T_OUT" | sed -n 's/^highlighted \([0-9]*\).*/\1/p')
t_match "a new tag name creates the tag" "$T_ERR" "created tag 'my new tag'"
t_match "the second occurrence" "$T_OUT" "at [0-9]+-"

t_run "annotations --json" 0 "$GLOSS" annotations --article "$A" --json
printf '%s' "$T_OUT" > "$T_DIR/a.json"
t_run "parses with the documented fields" 0 "$PYTHON3" -c "
import json,sys
d=json.load(open(sys.argv[1]))
assert len(d)==2, d
h=d[0]
for k in ('id','article','start','end','quote','tags','note','orphaned'): assert k in h, k
assert h['quote']=='carries 40,000 riders a day' and h['tags']==['key-fact'] and h['note']=='check the ridership' and h['orphaned'] is False
" "$T_DIR/a.json"

t_run "tags" 0 "$GLOSS" tags
t_match "the default tags with their digits" "$T_OUT" "^1	key-fact	1	"
t_match "all five" "$T_OUT" "^5	disputed	"
t_run "tag rename" 0 "$GLOSS" tag rename "my new tag" budget
t_run "tag bind to a digit in use" 0 "$GLOSS" tag bind budget 5
t_run "tags after" 0 "$GLOSS" tags
t_match "the digit moved to budget" "$T_OUT" "^5	budget	1	"
t_match "disputed lost it" "$T_OUT" "^-	disputed	"
t_run "tag add a duplicate" 1 "$GLOSS" tag add budget
t_match "says it exists" "$T_ERR" "exists"
t_run "tag add with a bad key" 2 "$GLOSS" tag add x --key 12
t_run "tag with control characters" 1 "$GLOSS" tag add "$(printf 'a\033[31mb')"
t_run "tag with spaces and Unicode" 0 "$GLOSS" tag add "état d'urgence"

t_run "note" 0 "$GLOSS" note "$H2" "Two outlets disagree."
t_run "note on a missing annotation" 1 "$GLOSS" note 999 "x"
head -c 1048577 /dev/zero | tr '\0' 'n' > "$T_DIR/big"
t_run "a note over 1 MiB" 1 sh -c '"$1" note "$2" - < "$3"' sh "$GLOSS" "$H2" "$T_DIR/big"
t_match "is refused with the limit" "$T_ERR" "1 MiB limit"
head -c 1048576 /dev/zero | tr '\0' 'n' > "$T_DIR/big"
t_run "a note of exactly 1 MiB" 0 sh -c '"$1" note "$2" - < "$3"' sh "$GLOSS" "$H2" "$T_DIR/big"
t_run "control characters in a note are stored as typed" 0 "$GLOSS" note "$H2" "$(printf 'odd \033]0;owned\007 note')"
t_run "annotations, plain" 0 "$GLOSS" annotations --tag budget
t_match "filtered by tag" "$T_OUT" "^$H2	$A	ok	budget	the budget	odd"

t_run "link two annotations" 0 "$GLOSS" link "$H1" "$H2" --relation contradicts
L=$(printf '%s\n' "$T_OUT" | sed -n 's/^linked \([0-9]*\):.*/\1/p')
t_run "links --article shows it" 0 "$GLOSS" links --article "$A" --json
t_match "with its relation" "$T_OUT" '"relation":"contradicts"'
t_run "link to a missing annotation" 1 "$GLOSS" link "$H1" 999
t_match "names the id that does not exist" "$T_ERR" "no annotation 999\$"
t_run "link from a missing annotation" 1 "$GLOSS" link 998 "$H1"
t_match "names that one" "$T_ERR" "no annotation 998\$"
t_run "the same link again" 0 "$GLOSS" link "$H1" "$H2" --relation contradicts
t_match "says it is there already" "$T_OUT" "^already linked $L: $H1 contradicts $H2\$"
t_run "the same pair the other way round" 0 "$GLOSS" link "$H2" "$H1" --relation contradicts
t_match "is the same link" "$T_OUT" "^already linked $L: "
t_run "a passage linked to itself" 1 "$GLOSS" link "$H1" "$H1"
t_match "is refused clearly" "$T_ERR" "cannot link annotation $H1 to itself"
t_run "another relation between the same pair" 0 "$GLOSS" link "$H1" "$H2" --relation see-also
L2=$(printf '%s\n' "$T_OUT" | sed -n 's/^linked \([0-9]*\):.*/\1/p')
t_run "links" 0 "$GLOSS" links --json
t_eq "one link per pair and relation" "$(printf '%s' "$T_OUT" | grep -o '"relation":' | wc -l | tr -d ' ')" 2
t_run "unlink the second relation" 0 "$GLOSS" unlink "$L2"

# Re-anchoring: new text with the highlights moved, reworded and removed.
cat > "$D/a.txt" <<'TXT'
Tram line opens downtown

Updated: an extra sentence comes first. The new tram line opened on Monday after three years of work. Officials said the line now carries 40,000 riders a day.

Critics said the costs doubled.
TXT
t_run "the edited article re-imported" 0 "$GLOSS" import "$D/a.txt"
t_match "reports the orphaned highlight" "$T_OUT" "updated $A .*1 highlight orphaned"
t_run "annotations after re-anchoring" 0 "$GLOSS" annotations --article "$A" --json
printf '%s' "$T_OUT" > "$T_DIR/b.json"
t_run "the moved quote is found and the removed one kept as orphaned" 0 "$PYTHON3" -c "
import json,sys
d={h['id']:h for h in json.load(open(sys.argv[1]))}
h1=d[$H1]; h2=d[$H2]
assert not h1['orphaned'] and h1['quote']=='carries 40,000 riders a day', h1
assert h2['orphaned'] and h2['note'].startswith('odd'), h2
" "$T_DIR/b.json"
t_run "show the body" 0 "$GLOSS" show "$A"
t_run "links survive re-anchoring" 0 "$GLOSS" links --article "$A"
t_match "the orphaned end says so" "$T_OUT" "^$L	.*contradicts.*\(orphaned\)"
t_run "annotations --orphaned" 0 "$GLOSS" annotations --orphaned
t_match "lists it with its quote" "$T_OUT" "^$H2	$A	orphaned	budget	the budget"

t_run "unannotate deletes the highlight" 0 "$GLOSS" unannotate "$H1"
t_run "and its links" 0 "$GLOSS" links
t_nomatch "are gone" "$T_OUT" "contradicts"
t_run "unlink a missing link" 1 "$GLOSS" unlink 999
t_done
