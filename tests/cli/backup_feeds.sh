#!/bin/sh
# backup_feeds.sh — feeds and read state in the JSON backup: a backup then
# a restore into a new library gives back the feeds (with their
# settings), which items each article came from (so a fetch does not
# import them again) and which articles are unread, read and where.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/fetch/server.sh"

t_server
q() { "$PYTHON3" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2]).fetchall(); print("\n".join("|".join(str(x) for x in row) for row in r))' "$@"; }
qw() { "$PYTHON3" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()' "$@"; }

cat >"$T_WWW/herald.rss" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Herald</title><link>/</link>
<item><title>Bridge reopens</title><link>/news/bridge</link><guid>herald-1</guid>
<description>The harbour bridge reopened on Tuesday. Engineers replaced the cables.</description></item>
<item><title>Market moves</title><guid>herald-2</guid>
<description>The Saturday market moves to the quay. Stalls open at eight.</description></item>
</channel></rss>
XML
cat >"$T_WWW/tide.atom" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tide Times</title>
<entry><title>Storm closes the port</title><id>urn:tide:1</id><link href="/tide/storm"/>
<content type="html">&lt;p&gt;The port closed for a day as the storm passed. Ships waited outside.&lt;/p&gt;</content></entry>
</feed>
XML

t_run "follow two feeds" 0 "$GLOSS" feed add "$T_URL/herald.rss"
t_run "the second, with a title and an interval" 0 "$GLOSS" feed add "$T_URL/tide.atom" --title "Tides" --interval 90
t_run "fetch" 0 "$GLOSS" fetch --quiet
# Read one article in the reader (what opening it records), leave the rest.
qw "$GLOSS_DB" "insert into article_place(article_id, read_pos, focus_pos, read_at) select id, 9, 17, '2026-01-02T03:04:05Z' from article where title = 'Bridge reopens'"
qw "$GLOSS_DB" "delete from article_unread where article_id = (select id from article where title = 'Bridge reopens')"
t_run "list --unread" 0 "$GLOSS" list --unread
UNREAD=$T_OUT
t_run "feed list --json" 0 "$GLOSS" feed list --json
FEEDS=$T_OUT

t_run "export --json" 0 "$GLOSS" export --json -o "$T_DIR/b.json"
t_run "has the feeds, items and reading state" 0 "$PYTHON3" -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [f["title"] for f in d["feeds"]] == ["Harbour Herald", "Tide Times"], d["feeds"]
assert d["feeds"][1]["user_title"] == "Tides" and d["feeds"][1]["interval_min"] == 90
assert len(d["feed_items"]) == 3 and all(i["feed"].endswith((".rss", ".atom")) for i in d["feed_items"])
r = {x["article"]: x for x in d["reading"]}
assert sum(1 for x in r.values() if x["unread"]) == 2, r
assert any(x["focus_pos"] == 17 and x["read_at"] == "2026-01-02T03:04:05Z" and not x["unread"] for x in r.values()), r
' "$T_DIR/b.json"

N="$T_DIR/new.db"
t_run "restore into a new library" 0 "$GLOSS" --db "$N" restore "$T_DIR/b.json"
t_match "says what came with it" "$T_OUT" "^feeds: 2 added, 0 already followed; 3 articles linked to their feed items$"
t_run "feed list --json there" 0 "$GLOSS" --db "$N" feed list --json
t_eq "the same feeds, items, unread counts and settings" "$T_OUT" "$FEEDS"
t_run "list --unread there" 0 "$GLOSS" --db "$N" list --unread
t_eq "the same unread articles" "$T_OUT" "$UNREAD"
for tb in "url, title, user_title, site_url, interval_min, ttl_min, etag, last_modified, fetched_at, error, added_at from feed" \
	"i.article_id, f.url, item_key, guid, link, item_sha from feed_item i left join feed f on f.id = i.feed_id" \
	"article_id from article_unread" "article_id, read_pos, focus_pos, read_at from article_place"; do
	t_eq "the same rows: select $tb" "$(q "$N" "select $tb order by 1")" "$(q "$GLOSS_DB" "select $tb order by 1")"
done
t_run "the backup of the restored library" 0 "$GLOSS" --db "$N" export --json -o "$T_DIR/b2.json"
cmp -s "$T_DIR/b.json" "$T_DIR/b2.json"
t_ok $? "is the same backup"
t_run "a fetch in the restored library" 0 "$GLOSS" --db "$N" fetch
t_match "knows every item" "$T_OUT" "^2 feeds: 0 new articles, 0 updated$"
t_run "restored again" 0 "$GLOSS" --db "$N" restore "$T_DIR/b.json"
t_match "the feeds are followed already" "$T_OUT" "^feeds: 0 added, 2 already followed; 0 articles"

# An item naming an article the backup does not have is refused whole.
"$PYTHON3" -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["feed_items"][0]["article"] = 999
json.dump(d, open(sys.argv[2], "w"))
' "$T_DIR/b.json" "$T_DIR/bad.json"
t_run "a feed item of an unknown article" 1 "$GLOSS" --db "$T_DIR/bad.db" restore "$T_DIR/bad.json"
t_match "is named" "$T_ERR" "feed_items\\[0\\]: article 999 is not in the backup; the library was not changed"

t_done
