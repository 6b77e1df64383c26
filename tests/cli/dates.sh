#!/bin/sh
# dates.sh — published dates are stored as ISO 8601 whatever form the
# article wrote them in: the date sort is by date (newest first, undated
# last), `edit --date` refuses what is not a date and accepts every form the
# date module reads, the library shows one compact form, a backup with dates
# as written is restored as ISO, and a library from before (dates as text)
# is converted when it is opened.
. "$TOP_SRCDIR/tests/lib.sh"

# The schema step that made dates ISO (the lead may renumber it).
STEP=3

q() { "$PYTHON3" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2]).fetchall(); print("\n".join("|".join(str(x) for x in row) for row in r))' "$@"; }

D=$T_DIR/in
mkdir -p "$D"
printf 'Harbour bridge reopens\n\nMarch 18, 2015\n\nThe harbour bridge reopened to traffic on Friday after repairs, Mayor Ana Lind said.\n' > "$D/a.txt"
printf 'Ferry timetable changes\n\n24 July 2015\n\nThe ferry company published a winter timetable with fewer crossings.\n' > "$D/b.txt"
printf 'Tram line extended\n\n2023-09-12\n\nThe tram line now reaches the stadium after years of work.\n' > "$D/c.txt"
printf 'Night bus added\n\nA night bus will run on weekends, the council said on Friday.\n' > "$D/d.txt"
printf 'Port strike ends\n\nPublished: 9 Sep 2023, 10:45\n\nDock workers returned to work after a week, the union said.\n' > "$D/e.txt"

L=$T_DIR/l.db
t_run "five articles, dates in four forms and one without" 0 "$GLOSS" --db "$L" import "$D"
id_of() { "$GLOSS" --db "$L" list | awk -F '\t' -v t="$1" '$2 == t { print $1 }'; }
A=$(id_of 'Harbour bridge reopens')
B=$(id_of 'Ferry timetable changes')
C=$(id_of 'Tram line extended')
N=$(id_of 'Night bus added')
E=$(id_of 'Port strike ends')
# The ids of this test's articles in the order listed (a new library may
# hold the bundled articles as well).
mine() { printf '%s\n' "$T_OUT" | cut -f1 | grep -xE "$A|$B|$C|$N|$E|${F:-0}" | tr '\n' ' '; }

t_eq "stored as ISO 8601" \
	"$(q "$L" "select published from article where id in ($A, $B, $C, $E) order by id")" \
	"$(printf '2015-03-18\n2015-07-24\n2023-09-12\n2023-09-09')"
t_eq "and as written, where that differs" \
	"$(q "$L" "select coalesce(published_as, '-') from article where id in ($A, $B, $C) order by id")" \
	"$(printf 'March 18, 2015\n24 July 2015\n-')"

t_run "list --sort date" 0 "$GLOSS" --db "$L" list --sort date
t_eq "newest first by date, not by the text, undated last" \
	"$(mine)" "$C $E $B $A $N "
t_eq "the date is the last column, one compact form" \
	"$(printf '%s\n' "$T_OUT" | grep -E "^($A|$B|$C|$N|$E)	" | cut -f7 | tr '\n' ' ')" \
	"2023-09-12 2023-09-09 2015-07-24 2015-03-18  "
t_run "list --sort date --json" 0 "$GLOSS" --db "$L" list --sort date --json
t_match "gives the ISO date" "$T_OUT" '"published":"2023-09-09"'

t_run "show" 0 "$GLOSS" --db "$L" show "$E"
t_eq "has the ISO date in its header" "$(printf '%s\n' "$T_OUT" | sed -n 2p)" "2023-09-09"

BEFORE=$(t_db_dump "$L")
t_run "edit --date 2023-13-45 is refused" 1 "$GLOSS" --db "$L" edit "$A" --date 2023-13-45
t_match "naming the date" "$T_ERR" "'2023-13-45' is not a date"
t_match "and the forms accepted" "$T_ERR" "2015-03-18.*March 18, 2015"
t_run "edit --date 30 February 2024 is refused" 1 "$GLOSS" --db "$L" edit "$A" --date "30 February 2024"
t_run "edit --date 03/04/2015 (which is the day?) is refused" 1 "$GLOSS" --db "$L" edit "$A" --date 03/04/2015
t_run "edit --date yesterday is refused" 1 "$GLOSS" --db "$L" edit "$A" --date yesterday
t_run "an escape sequence as a date is refused" 1 "$GLOSS" --db "$L" edit "$A" --date "$(printf '\033[31mred')"
t_nomatch "and never reaches the terminal raw" "$T_ERR" "$(printf '\033')"
t_eq "and nothing changed" "$(t_db_dump "$L")" "$BEFORE"

t_run "edit --date in RFC 822" 0 "$GLOSS" --db "$L" edit "$N" --date "Tue, 12 Sep 2023 23:30:00 -0500"
t_eq "is stored as ISO, the offset as written" \
	"$(q "$L" "select published from article where id = $N")" "2023-09-12T23:30:00-05:00"
t_run "edit --date in French" 0 "$GLOSS" --db "$L" edit "$B" --date "18 mars 2016"
t_eq "is stored as ISO" "$(q "$L" "select published from article where id = $B")" "2016-03-18"
t_run "the new order" 0 "$GLOSS" --db "$L" list --sort date
t_eq "follows the dates" "$(mine)" "$N $C $E $B $A "
t_run "edit --date ''" 0 "$GLOSS" --db "$L" edit "$N" --date ''
t_eq "clears the date" "$(q "$L" "select quote(published) from article where id = $N")" "NULL"

# A date with no year stays as written, and the article is undated.
printf 'Council vote\n\nHARBOUR CITY, Sept 12 (Reuters) - The council voted on the harbour plan, Mayor Ana Lind said.\n' > "$D/f.txt"
t_run "an article dated without a year" 0 "$GLOSS" --db "$L" import "$D/f.txt"
F=$(id_of 'Council vote')
t_eq "is undated" "$(q "$L" "select quote(published), published_as from article where id = $F")" "NULL|Sept 12"
t_run "show" 0 "$GLOSS" --db "$L" show "$F"
t_match "shows the date as written, saying so" "$(printf '%s\n' "$T_OUT" | sed -n 2p)" "Sept 12 \\(as written"

# A backup whose dates are text (hand-written, or from before ISO dates).
t_run "a backup" 0 "$GLOSS" --db "$L" export --json -o "$T_DIR/b.json"
"$PYTHON3" - "$T_DIR/b.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
forms = {"Harbour bridge reopens": "Wed, 18 Mar 2015 17:30:00 EDT",
         "Tram line extended": "12 de septiembre de 2023",
         "Night bus added": "last Friday"}
for a in d["articles"]:
    if a["title"] in forms:
        a["published"] = forms[a["title"]]
        a.pop("published_as", None)
json.dump(d, open(sys.argv[1], "w"))
PY
R=$T_DIR/r.db
t_run "restored into a new library" 0 "$GLOSS" --db "$R" restore "$T_DIR/b.json"
t_match "says which date was not read" "$T_OUT" "1 published date not read as a date"
t_eq "dates become ISO" \
	"$(q "$R" "select published from article where title in ('Harbour bridge reopens', 'Tram line extended') order by title")" \
	"$(printf '2015-03-18T17:30:00-04:00\n2023-09-12')"
t_eq "what is not a date is kept as written" \
	"$(q "$R" "select quote(published), published_as from article where title = 'Night bus added'")" \
	"NULL|last Friday"
t_eq "the written form of the others comes back too" \
	"$(q "$R" "select published_as from article where title = 'Council vote'")" "Sept 12"

# A library from before: dates as text, no published_as, the step before.
OLD=$T_DIR/old.db
cp "$L" "$OLD"
rm -f "$OLD-wal" "$OLD-shm"
"$PYTHON3" - "$OLD" "$((STEP - 1))" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("ALTER TABLE article DROP COLUMN published_as")
c.execute("ALTER TABLE article DROP COLUMN lang")
c.execute("ALTER TABLE article DROP COLUMN focus_pos")
c.execute("ALTER TABLE article DROP COLUMN read_at")
for t in ("article_unread", "feed_item", "feed"):  # the feeds step
    c.execute("DROP TABLE IF EXISTS " + t)
texts = {"Harbour bridge reopens": "March 18, 2015", "Ferry timetable changes": "24 July 2015",
         "Tram line extended": "2023-09-12", "Night bus added": "12 Septemb",
         "Port strike ends": "Tue, 12 Sep 2023 10:00:00 GMT", "Council vote": None}
for t, p in texts.items():
    c.execute("UPDATE article SET published = ? WHERE title = ?", (p, t))
c.execute("PRAGMA user_version = %d" % int(sys.argv[2]))
c.commit()
c.execute("PRAGMA wal_checkpoint(truncate)")
PY
t_run "an older library opens" 0 "$GLOSS" --db "$OLD" list --sort date
t_eq "sorted by date once converted" "$(mine)" "$E $C $B $A $N $F "
t_ok "$([ -f "$OLD.v$((STEP - 1)).bak" ]; echo $?)" "a copy of it is kept beside it"
t_eq "dates are ISO" \
	"$(q "$OLD" "select id, published from article where published is not null order by id")" \
	"$(printf '%s|2015-03-18\n%s|2015-07-24\n%s|2023-09-12\n%s|2023-09-12T10:00:00Z' "$A" "$B" "$C" "$E")"
t_eq "what was written is kept where it differs" \
	"$(q "$OLD" "select id, published_as from article where published_as is not null order by id")" \
	"$(printf '%s|March 18, 2015\n%s|24 July 2015\n%s|12 Septemb\n%s|Tue, 12 Sep 2023 10:00:00 GMT' "$A" "$B" "$N" "$E")"
t_eq "a cut date is no date" "$(q "$OLD" "select quote(published) from article where id = $N")" "NULL"
t_run "edits after the upgrade" 0 "$GLOSS" --db "$OLD" edit "$N" --date 2024-01-05
t_run "still sort" 0 "$GLOSS" --db "$OLD" list --sort date
t_eq "by date" "$(mine)" "$N $E $C $B $A $F "

t_done
