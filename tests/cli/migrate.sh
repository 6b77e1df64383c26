#!/bin/sh
# migrate.sh — a library written by an older gloss (schema 1) is upgraded
# on first open: a copy of the file is kept beside it first, the upgrade
# runs once, and every article, annotation and search result is still
# there, none twice.  Also: articles imported in one batch are each in the
# full-text indexes once, even when the batch changes one of them again.
. "$TOP_SRCDIR/tests/lib.sh"

D=$T_DIR/in
mkdir -p "$D"
printf 'Harbour bridge reopens\n\nThe harbour bridge reopened to traffic on Friday after repairs, Mayor Ana Lind said.\n\nLind said the work took nine weeks. The council thanked Lind and the engineers of Norrbro Works.\n' > "$D/a.txt"
printf 'Ferry timetable changes\n\nThe ferry company published a winter timetable with fewer crossings.\n\nPassengers asked for an early boat.\n' > "$D/b.txt"

q() { "$PYTHON3" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2]).fetchall(); print("\n".join("|".join(str(x) for x in row) for row in r))' "$@"; }

OLD=$T_DIR/old.db
t_run "a library" 0 "$GLOSS" --db "$OLD" import "$D/a.txt"
A=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
t_run "with a note" 0 "$GLOSS" --db "$OLD" highlight "$A" --quote "reopened to traffic" --note "check the date"
t_run "and a second highlight" 0 "$GLOSS" --db "$OLD" highlight "$A" --quote "took nine weeks" --tag claim
t_run "linked to the first" 0 "$GLOSS" --db "$OLD" link 1 2 --relation supports
t_run "its entities" 0 "$GLOSS" --db "$OLD" entities
ENTITIES=$T_OUT
# Made into schema 1 as an older gloss left it: the article index fed by
# a trigger on insert, one mention row for each occurrence, user_version 1.
"$PYTHON3" - "$OLD" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("CREATE TRIGGER article_ai AFTER INSERT ON article BEGIN"
          "  INSERT INTO article_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END")
rows = c.execute("SELECT article_id, entity_id, surface, spans FROM mention").fetchall()
c.execute("DROP INDEX IF EXISTS mention_entity")
c.execute("DROP TABLE mention")
# Later steps' indexes out (entity_fts, article_vocab), schema 1's in
# (an index of sentences).
c.execute("DROP TRIGGER IF EXISTS article_entity_ad")
c.execute("DROP TABLE IF EXISTS entity_fts")
c.execute("DROP TABLE IF EXISTS article_vocab")
c.execute("CREATE VIRTUAL TABLE sentence_fts USING fts5(text, start UNINDEXED, end UNINDEXED,"
          "  tokenize='unicode61 remove_diacritics 2', prefix='2')")
c.execute("CREATE VIRTUAL TABLE sentence_vocab USING fts5vocab(sentence_fts, 'row')")
c.execute("INSERT INTO sentence_fts(rowid, text, start, end)"
          " SELECT id * 16777216, substr(body, 1, 40), 0, 40 FROM article")
c.execute("CREATE TABLE mention ("
          "  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
          "  start INTEGER NOT NULL, end INTEGER NOT NULL,"
          "  entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,"
          "  surface TEXT NOT NULL, PRIMARY KEY (article_id, start)) WITHOUT ROWID")
c.execute("CREATE INDEX mention_entity ON mention(entity_id, surface, article_id)")
for a, e, s, spans in rows:
    for pair in spans.split(","):
        start, n = (int(x) for x in pair.split(":"))
        c.execute("INSERT INTO mention VALUES (?, ?, ?, ?, ?)", (a, start, start + n, e, s))
# later steps' columns and indexes, which schema 1 did not have; an
# older gloss let a link be made twice (once each way round)
c.execute("DROP INDEX link_pair")
c.execute("INSERT INTO link(from_highlight, to_highlight, relation, created)"
          " VALUES (1, 2, 'supports', 'x'), (2, 1, 'supports', 'x'), (1, 2, 'see-also', 'x')")
c.execute("ALTER TABLE article DROP COLUMN published_as")
c.execute("ALTER TABLE article DROP COLUMN lang")
for t in ("article_unread", "feed_item", "feed", "article_place"):  # later steps' tables
    c.execute("DROP TABLE IF EXISTS " + t)
# A reading position, kept in the article's row then.
c.execute("UPDATE article SET read_pos = 123 WHERE id = (SELECT min(id) FROM article)")
# Columns that later schema steps add are not in a schema 1 library.
cols = [r[1] for r in c.execute("PRAGMA table_info(article)")]
for col in ("focus_pos", "read_at"):
    if col in cols:
        c.execute("ALTER TABLE article DROP COLUMN %s" % col)
c.execute("PRAGMA user_version = 1")
c.commit()
c.execute("PRAGMA wal_checkpoint(truncate)")
PY
t_eq "one mention row an occurrence, as schema 1 kept them" \
	"$(q "$OLD" 'select count(*) > count(distinct entity_id) from mention')" "1"
t_eq "the old library says schema 1" "$(q "$OLD" 'pragma user_version')" "1"
# And its annotation tables as gloss made them before ids were never
# reused: without AUTOINCREMENT.
"$PYTHON3" - "$OLD" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA writable_schema = ON")
c.execute("UPDATE sqlite_schema SET sql = replace(sql, ' AUTOINCREMENT', '')"
          " WHERE name IN ('highlight', 'tag', 'note', 'link')")
c.execute("DELETE FROM sqlite_sequence")
c.commit()
PY
t_eq "without AUTOINCREMENT" "$(q "$OLD" "select count(*) from sqlite_schema where sql like '%AUTOINCREMENT%'")" "0"

t_run "an older library opens" 0 "$GLOSS" --db "$OLD" list
t_match "with its article" "$T_OUT" "Harbour bridge reopens"
t_ok "$([ -f "$OLD.v1.bak" ]; echo $?)" "a copy of it is kept beside it"
t_eq "the copy is the library as it was (schema 1)" "$(q "$OLD.v1.bak" 'pragma user_version')" "1"
t_eq "the copy has the note" "$(q "$OLD.v1.bak" 'select body from note')" "check the date"
NEWEST=$T_DIR/newest.db
"$GLOSS" --db "$NEWEST" list >/dev/null
t_eq "the library is now at this gloss's schema" "$(q "$OLD" 'pragma user_version')" "$(q "$NEWEST" 'pragma user_version')"
t_eq "its index of sentences is gone (schema 13)" \
	"$(q "$OLD" "select count(*) from sqlite_master where name like 'sentence%'")" "0"
t_eq "each article's entities are in the entity index (schema 14)" \
	"$(q "$OLD" "select count(*) from entity_fts")" "$(q "$OLD" "select count(distinct article_id) from mention")"
t_eq "which finds an entity's articles" \
	"$(q "$OLD" "select count(*) from entity e where e.articles <> (select count(*) from entity_fts where entity_fts match '\"' || e.id || '\"')")" "0"
t_eq "and no index of mention rows by entity is kept" \
	"$(q "$OLD" "select count(*) from sqlite_master where name = 'mention_entity'")" "0"
t_eq "how many articles hold a word is read from the article index" \
	"$(q "$OLD" "select count(*) from article_vocab where doc > 0 and term = 'the'")" "1"
t_eq "its reading position came along (schema 12: a table of its own)" \
	"$(q "$OLD" 'select read_pos, focus_pos from article_place where article_id = (select min(id) from article)')" "123|-1"
t_eq "it gained the feeds' tables" "$(q "$OLD" "select count(*) from sqlite_master where name in ('feed', 'feed_item', 'article_unread')")" "3"
t_eq "its annotation tables never reuse an id" \
	"$(q "$OLD" "select group_concat(name) from (select name from sqlite_schema where type = 'table' and name <> 'feed' and sql like '%id INTEGER PRIMARY KEY AUTOINCREMENT%' order by name)")" "highlight,link,note,tag"
t_eq "every highlight, tag, note and link kept" \
	"$(q "$OLD" 'select (select count(*) from highlight), (select count(*) from highlight_tag), (select count(*) from note), (select count(*) from link), (select count(*) from tag)')" "2|1|1|2|5"
t_eq "every reference still leads somewhere" "$(q "$OLD" 'pragma foreign_key_check')" ""
t_eq "the note index is sound" \
	"$(q "$OLD" "insert into note_fts(note_fts) values('integrity-check')" 2>&1)" ""
t_eq "without the insert trigger" "$(q "$OLD" "select count(*) from sqlite_schema where name = 'article_ai'")" "0"
t_run "the entities after the upgrade" 0 "$GLOSS" --db "$OLD" entities
t_eq "are the same, with the same counts" "$T_OUT" "$ENTITIES"
t_eq "one mention row for each name of an entity in an article" \
	"$(q "$OLD" 'select count(*) = count(distinct article_id || entity_id || surface) from mention')" "1"
t_eq "and each occurrence in it" "$(q "$OLD" 'select sum(n) = sum(length(spans) - length(replace(spans, ",", "")) + 1) from mention')" "1"
t_eq "a link made twice is there once, the first" \
	"$(q "$OLD" "select id || ' ' || relation from link order by id" | tr '\n' ,)" "1 supports,4 see-also,"
t_run "the note is still there" 0 "$GLOSS" --db "$OLD" annotations
t_match "with its text" "$T_OUT" "check the date"
t_run "the newest highlight deleted after the upgrade" 0 "$GLOSS" --db "$OLD" unannotate 2
t_run "a new one" 0 "$GLOSS" --db "$OLD" highlight "$A" --quote "nine weeks"
t_match "does not get its id" "$T_OUT" "^highlighted 3 "
t_run "an article imported after the upgrade" 0 "$GLOSS" --db "$OLD" import "$D/b.txt"
t_run "is found by search" 0 "$GLOSS" --db "$OLD" search ferry
t_eq "once" "$(printf '%s\n' "$T_OUT" | grep -c 'Ferry timetable')" "1"
t_run "the old one too" 0 "$GLOSS" --db "$OLD" search harbour
t_eq "once as well" "$(printf '%s\n' "$T_OUT" | grep -c 'Harbour bridge')" "1"
t_eq "the article index is sound" \
	"$(q "$OLD" "insert into article_fts(article_fts) values('integrity-check')" 2>&1)" ""
touch -d '2000-01-01' "$OLD.v1.bak"
t_run "opening it again" 0 "$GLOSS" --db "$OLD" list
t_eq "upgrades nothing more" "$(find "$OLD.v1.bak" -newermt '2001-01-01' | wc -l | tr -d ' ')" "0"

# One batch: three files, each indexed once when the batch commits.
B=$T_DIR/batch.db
mkdir -p "$T_DIR/dir"
cp "$D/a.txt" "$D/b.txt" "$T_DIR/dir/"
printf 'Tram line extended\n\nThe tram line now reaches the stadium.\n' > "$T_DIR/dir/c.txt"
t_run "a directory in one batch" 0 "$GLOSS" --db "$B" import "$T_DIR/dir"
for w in harbour ferry stadium; do
	t_run "search $w" 0 "$GLOSS" --db "$B" search "$w"
	t_eq "finds one article for $w" "$(printf '%s\n' "$T_OUT" | grep -c .)" "1"
done
C=$(printf '%s\n' "$T_OUT" | cut -f1)
# A batch that imports a new file, then updates an article already in
# the library: the update meets the batch's not yet indexed article.
printf 'Night bus added\n\nA night bus will run on weekends.\n' > "$T_DIR/d.txt"
printf 'Tram line extended\n\nThe tram line now reaches the velodrome.\n' > "$T_DIR/dir/c.txt"
t_run "a new file, then an update, in one batch" 0 "$GLOSS" --db "$B" import "$T_DIR/d.txt" "$T_DIR/dir/c.txt"
t_match "updates the changed article" "$T_OUT" "updated $C "
t_run "search velodrome" 0 "$GLOSS" --db "$B" search velodrome
t_match "finds the updated article" "$T_OUT" "^$C	"
t_run "search stadium" 0 "$GLOSS" --db "$B" search stadium
t_eq "finds nothing now" "$T_OUT" ""
t_run "search weekends" 0 "$GLOSS" --db "$B" search weekends
t_eq "finds the new article once" "$(printf '%s\n' "$T_OUT" | grep -c .)" "1"
# More files than one batch holds (256): three batches in one command.
mkdir -p "$T_DIR/many"
i=1
while [ $i -le 600 ]; do
	printf 'Harbour notice %d\n\nThe harbour office posted notice number %d about berth wordx%d.\n' \
		$i $i $i > "$T_DIR/many/n$i.txt"
	i=$((i + 1))
done
t_run "600 files in one command (three batches)" 0 "$GLOSS" --db "$B" import "$T_DIR/many"
t_eq "all imported" "$(printf '%s\n' "$T_OUT" | grep -c '^imported')" "600"
for w in wordx1 wordx256 wordx257 wordx513 wordx600; do
	t_run "search $w" 0 "$GLOSS" --db "$B" search "$w"
	t_eq "finds its one article" "$(printf '%s\n' "$T_OUT" | grep -c .)" "1"
done
t_eq "the article index is sound after the batches" \
	"$(q "$B" "insert into article_fts(article_fts) values('integrity-check')" 2>&1)" ""
t_eq "and no index of sentences is made (schema 13: passages are found in the text)" \
	"$(q "$B" "select count(*) from sqlite_master where name like 'sentence%'")" "0"

t_done
