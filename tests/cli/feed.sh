#!/bin/sh
# feed.sh — gloss feed and gloss fetch against a local web server: each
# format, a page that advertises its feed, a redirect, a 304, a slow
# server, an item that changes between two fetches (its annotation
# survives), 5,000 items, bad feeds refused while the others are fetched,
# --due, read state, OPML and newsboat's urls file, remove and prune.
. "$TOP_SRCDIR/tests/lib.sh"
# The sample articles, as the default library has them.
"$GLOSS" samples add >/dev/null 2>&1 || exit 1
. "$TOP_SRCDIR/tests/fetch/server.sh"

t_server
q() { "$PYTHON3" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2], sys.argv[3:]).fetchall(); print("\n".join("|".join(str(x) for x in row) for row in r))' "$GLOSS_DB" "$@"; }
# qw SQL: change the library behind gloss's back (a clock moved, a URL changed).
qw() { "$PYTHON3" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()' "$GLOSS_DB" "$1"; }

cat >"$T_WWW/herald.rss" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Herald</title><link>/</link><ttl>180</ttl>
<item><title>Bridge reopens after repairs</title><link>/news/bridge</link><guid>herald-1</guid>
<dc:creator>Ann Lee</dc:creator><pubDate>Tue, 12 Sep 2023 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The harbour bridge reopened on Tuesday after nine weeks of repairs.</p>
<p>Engineers replaced 1,200 metres of cable, the council said.</p>]]></content:encoded></item>
<item><title>Ferry timetable</title><link>/page.html</link><guid>herald-2</guid>
<description>Short teaser.</description></item>
<item><title>Market day moves</title><guid>herald-3</guid><pubDate>someday</pubDate>
<description>The Saturday market moves to the quay. Stalls open at eight.</description></item>
<item><title>Repeated</title><guid>herald-1</guid><description>Not this one.</description></item>
</channel></rss>
EOF
cat >"$T_WWW/tide.atom" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tide Times</title>
<link href="http://tide.example/"/><author><name>Desk</name></author>
<entry><title>Storm closes the port</title><id>urn:tide:1</id><link href="/tide/storm"/>
<updated>2023-09-13T08:30:00+02:00</updated>
<content type="html">&lt;p&gt;The port closed for a day as the storm passed.&lt;/p&gt;</content></entry>
</feed>
EOF
cat >"$T_WWW/coast.rdf" <<'EOF'
<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://coast.example/"><title>Coast Weekly</title><link>http://coast.example/</link></channel>
<item rdf:about="http://coast.example/gulls"><title>Gulls return</title>
<description>The gulls came back to the cliffs this week. Counters found two thousand nests.</description>
<dc:date>2023-09-14T09:00+01:00</dc:date></item>
</rdf:RDF>
EOF
cat >"$T_WWW/site.html" <<'EOF'
<html><head><title>Tide Times</title>
<link rel="alternate" type="application/atom+xml" title="Tide Times" href="/tide.atom"></head>
<body><p>Welcome.</p></body></html>
EOF

t_run "a library" 0 "$GLOSS" list
BEFORE=$(q 'select count(*) from article')

# --- adding: each format, a page that advertises its feed, a redirect ---
t_run "an RSS feed is added" 0 "$GLOSS" feed add "$T_URL/herald.rss"
t_match "named by its title, with its format" "$T_OUT" "^added feed 1: Harbour Herald \(RSS, 3 items\) $T_URL/herald.rss$"
t_run "a page that advertises its feed" 0 "$GLOSS" feed add "$T_URL/site.html"
t_match "adds that feed" "$T_OUT" "^added feed 2: Tide Times \(Atom, 1 item\) $T_URL/tide.atom$"
t_run "an RSS 1.0 feed through a redirect" 0 "$GLOSS" feed add "$T_URL/redirect/2/coast.rdf" --title "The Coast"
t_match "added under the title given" "$T_OUT" "^added feed 3: The Coast \(RSS 1.0, 1 item\)"
t_run "the same feed again" 0 "$GLOSS" feed add "$T_URL/herald.rss"
t_match "is followed already" "$T_OUT" "^already following feed 1"
t_run "a page that is not a feed and advertises none" 1 "$GLOSS" feed add "$T_URL/page.html"
t_match "is refused with the reason" "$T_ERR" "^gloss: cannot add '$T_URL/page.html': a web page that advertises no feed"
t_run "importing a feed as an article" 1 "$GLOSS" import "$T_URL/herald.rss"
t_match "says to follow it" "$T_ERR" "a feed \(RSS or Atom\), not an article: 'gloss feed add'"
t_eq "adding imported nothing" "$(q 'select count(*) from article')" "$BEFORE"

# --- the first fetch ---
# The library's corrections hold for items a fetch imports, as for files.
t_run "a correction before the fetch" 0 "$GLOSS" entity add "harbour bridge" FAC
t_run "fetching" 0 "$GLOSS" fetch
t_match "the fetched item follows the correction" "$("$GLOSS" entities --label FAC --json)" '"name":"harbour bridge","mentions":1,'
t_match "says what was new per feed" "$T_OUT" "^Harbour Herald: 3 new, 0 updated$"
t_match "reports a repeated GUID once" "$T_OUT" "1 item repeated an earlier item's GUID; the first of each was kept"
t_match "and a summary" "$T_OUT" "^3 feeds: 5 new articles, 0 updated$"
t_eq "content:encoded is the text" "$(q "select body from article where title = 'Bridge reopens after repairs'")" \
	"The harbour bridge reopened on Tuesday after nine weeks of repairs.
Engineers replaced 1,200 metres of cable, the council said."
t_eq "with the feed's title as outlet, the author, date and link" \
	"$(q "select outlet, byline, published, url from article where title = 'Bridge reopens after repairs'")" \
	"Harbour Herald|Ann Lee|2023-09-12T10:00:00Z|$T_URL/news/bridge"
t_match "a short description: the page is fetched and extracted" \
	"$(q "select body from article where title = 'Ferry timetable'")" "city council approved a new tram line"
t_eq "a description of two sentences is the text; an unreadable date is no date" \
	"$(q "select body, published is null, url is null from article where title = 'Market day moves'")" \
	"The Saturday market moves to the quay. Stalls open at eight.|1|1"
t_eq "Atom: the outlet, the entry's feed author, its date with its offset" \
	"$(q "select outlet, byline, published, url from article where title = 'Storm closes the port'")" \
	"Tide Times|Desk|2023-09-13T08:30:00+02:00|$T_URL/tide/storm"
t_eq "RSS 1.0: the user's title as outlet" \
	"$(q "select outlet, published from article where title = 'Gulls return'")" "The Coast|2023-09-14T09:00:00+01:00"
t_eq "new articles are unread" "$(q 'select count(*) from article_unread')" "5"
t_run "list --unread" 0 "$GLOSS" list --unread
t_eq "lists the five" "$(printf '%s\n' "$T_OUT" | wc -l)" "5"
t_run "list --feed" 0 "$GLOSS" list --feed "harbour herald"
t_eq "lists one feed's" "$(printf '%s\n' "$T_OUT" | cut -f2 | sort | tr '\n' ';')" \
	"Bridge reopens after repairs;Ferry timetable;Market day moves;"
t_run "list --feed with an unknown feed" 1 "$GLOSS" list --feed nothing
t_match "says so" "$T_ERR" "no feed 'nothing'"
t_run "feed list --json" 0 "$GLOSS" feed list --json
t_match "items and unread per feed" "$T_OUT" "\"title\": \"Harbour Herald\", .*\"items\": 3, \"unread\": 3"
t_match "when it was fetched, and no error" "$T_OUT" "\"last_fetched\": \"20[0-9-]+T[0-9:]+Z\", \"last_error\": null"

# --- again: the server answers 304, nothing is imported twice ---
: >"$T_LOG"
t_run "fetching again" 0 "$GLOSS" fetch
t_match "the feeds did not change" "$T_OUT" "^Harbour Herald: not modified$"
t_eq "each was asked conditionally and answered 304" "$(grep -c ' 304 conditional$' "$T_LOG")" "3"
t_eq "nothing new" "$(q 'select count(*) from article')" "$((BEFORE + 5))"

# --- an item changes: re-imported in place, its annotation kept ---
ID=$(q "select id from article where title = 'Bridge reopens after repairs'")
t_run "a highlight on a feed article" 0 "$GLOSS" highlight "$ID" --quote "Engineers replaced 1,200 metres of cable" --note "check the length"
sed 's/<p>Engineers replaced/<p>Work ran late into the night. Engineers replaced/' "$T_WWW/herald.rss" >"$T_WWW/h.new"
mv "$T_WWW/h.new" "$T_WWW/herald.rss"
touch -d '+1 minute' "$T_WWW/herald.rss" 2>/dev/null || true
t_run "fetching the changed feed" 0 "$GLOSS" fetch "$T_URL/herald.rss" "Harbour Herald"
t_match "one updated" "$T_OUT" "^Harbour Herald: 0 new, 1 updated$"
t_eq "the same article has the new text" "$(q "select count(*) from article where id = $ID and body like '%Work ran late%'")" "1"
t_run "its annotations" 0 "$GLOSS" annotations --article "$ID"
t_match "the highlight survived" "$T_OUT" "Engineers replaced 1,200 metres of cable"
t_match "with its note" "$T_OUT" "check the length"
t_eq "still one article for the item" "$(q 'select count(*) from article')" "$((BEFORE + 5))"

# --- bad feeds: each refused with its reason, the others fetched ---
cat >"$T_WWW/bomb.rss" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss><channel><title>&c;</title></channel></rss>
EOF
printf '<rss><channel><title>Broken</channel></rss>\n' >"$T_WWW/broken.rss"
cat >"$T_WWW/good.rss" <<'EOF'
<rss version="2.0"><channel><title>Good One</title>
<item><title>Fine item</title><guid>g1</guid><description>It works. It really works.</description></item>
</channel></rss>
EOF
for f in bomb broken good; do
	cp "$T_WWW/good.rss" "$T_WWW/$f.tmp"
done
# Added while they were good, then spoilt on the server.
for f in bomb broken; do
	t_run "adding feed $f" 0 "$GLOSS" feed add "$T_URL/$f.tmp"
done
t_run "adding a good feed" 0 "$GLOSS" feed add "$T_URL/good.rss"
mv "$T_WWW/bomb.rss" "$T_WWW/bomb.tmp"
mv "$T_WWW/broken.rss" "$T_WWW/broken.tmp"
cp "$T_WWW/page.html" "$T_WWW/good.tmp"
DUMP=$(t_db_dump "$GLOSS_DB")
t_run "a fetch where some feeds are bad exits 1" 1 "$GLOSS" fetch
t_match "the XML bomb is refused, not expanded" "$T_ERR" "^gloss: cannot fetch the feed '.*' \($T_URL/bomb.tmp\): refused: the document declares entities"
t_match "malformed XML names its line" "$T_ERR" "\($T_URL/broken.tmp\): malformed XML \(line 1: "
t_match "the good feed was imported all the same" "$T_OUT" "^Good One: 1 new, 0 updated$"
t_match "the summary counts the failures" "$T_OUT" "^6 feeds: 1 new article, 0 updated, 2 failed$"
t_run "feed list" 0 "$GLOSS" feed list
t_match "shows the last error" "$T_OUT" "last error: refused: the document declares entities"

# --- a slow server: a timeout, the feed named ---
t_run "a slow feed" 0 "$GLOSS" feed add "$T_URL/delay/3/good.rss" --title Slowpoke
t_run "fetching it with a short timeout" 1 "$GLOSS" fetch Slowpoke --timeout 1
t_match "fails naming the feed and the reason" "$T_ERR" "^gloss: cannot fetch the feed 'Slowpoke' .*(timed out|timeout)"
t_run "gloss feed remove" 0 "$GLOSS" feed remove Slowpoke
t_run "the other bad ones" 0 "$GLOSS" feed remove "$T_URL/bomb.tmp"
t_run "removed" 0 "$GLOSS" feed remove "$T_URL/broken.tmp"

# --- --due: intervals, TTL, Retry-After ---
: >"$T_LOG"
t_run "fetch --due right after a fetch" 0 "$GLOSS" fetch --due
t_match "asks no feed" "$T_OUT" "^no feed is due"
# (The slow server above may still log its late answer: only other
# requests count.)
t_eq "and the servers saw nothing" "$(grep -vc ' /delay/' "$T_LOG")" "0"
qw "update feed set fetched_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-90 minutes')"
t_run "90 minutes later" 0 "$GLOSS" fetch --due
t_match "the feeds at the default interval are due, the one with a 180-minute TTL is not" "$T_OUT" "^3 feeds: .*, 1 not due$"
t_run "an interval of its own" 0 "$GLOSS" feed interval "Good One" 600
qw "update feed set fetched_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-90 minutes')"
t_run "with it" 0 "$GLOSS" fetch --due
t_match "that feed waits too" "$T_OUT" "^2 feeds: .*, 2 not due$"
t_run "a feed that answers 503 with Retry-After" 0 "$GLOSS" feed add "$T_URL/redirect/1/good.rss" --title Busy
qw "update feed set url = '$T_URL/status/503' where user_title = 'Busy'"
t_run "fetching it" 1 "$GLOSS" fetch Busy
t_eq "the time to retry is kept" "$(q "select retry_until > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+100 seconds') from feed where user_title = 'Busy'")" "1"
qw "update feed set error_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-2 days') where user_title = 'Busy'"
t_run "fetch --due" 0 "$GLOSS" fetch --due Busy
t_match "does not ask it before then" "$T_OUT" "^no feed is due"
t_run "removed" 0 "$GLOSS" feed remove Busy

# --- 5,000 items ---
"$PYTHON3" - "$T_WWW/big.rss" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('<rss version="2.0"><channel><title>Big Wire</title>\n')
    for i in range(5000):
        f.write('<item><title>Wire item %d</title><guid>w%d</guid><link>http://127.0.0.1:1/w%d</link>'
                '<description>Item %d happened today. Officials said more would follow.</description></item>\n'
                % (i, i, i, i))
    f.write('</channel></rss>\n')
PY
t_run "a feed of 5,000 items" 0 "$GLOSS" feed add "$T_URL/big.rss"
t_run "is fetched" 0 "$GLOSS" fetch "Big Wire"
t_match "all of it" "$T_OUT" "^Big Wire: 5000 new, 0 updated$"
t_eq "5,000 articles from it" "$(q "select count(*) from feed_item i join feed f on f.id = i.feed_id where f.title = 'Big Wire'")" "5000"

# --- OPML and newsboat's urls file ---
t_run "export-opml" 0 "$GLOSS" feed export-opml -o "$T_DIR/feeds.opml"
t_match "an OPML file listing the feeds" "$(cat "$T_DIR/feeds.opml")" "<outline type=\"rss\" text=\"The Coast\" title=\"The Coast\" xmlUrl=\"$T_URL/redirect/2/coast.rdf\"/>"
t_run "importing it into a new library" 0 env GLOSS_DB="$T_DIR/other.db" "$GLOSS" feed import-opml "$T_DIR/feeds.opml"
t_match "adds every feed" "$T_OUT" "^5 feeds added, 0 followed already$"
t_run "the new library's feeds" 0 env GLOSS_DB="$T_DIR/other.db" "$GLOSS" feed list
t_match "keep their names" "$T_OUT" "The Coast"
printf '# newsboat\n%s/herald.rss news "~Herald"\nhttp://new.example/feed.xml\n"query:Unread:unread = \\"yes\\""\n' "$T_URL" >"$T_DIR/urls"
t_run "a newsboat urls file" 0 "$GLOSS" feed import-opml "$T_DIR/urls"
t_match "adds the new one, skips the query" "$T_OUT" "^1 feed added, 1 followed already, 1 entry skipped"
t_run "a file that is not OPML" 1 "$GLOSS" feed import-opml "$T_WWW/herald.rss"
t_match "is refused with the reason" "$T_ERR" "^gloss: cannot import '.*herald.rss': not OPML \(its root element is <rss>\)$"
t_run "importing OPML as an article" 1 "$GLOSS" import "$T_DIR/feeds.opml"
t_match "says to use gloss feed" "$T_ERR" "an OPML list of feeds, not an article: 'gloss feed import-opml'"

# --- remove and prune never delete an annotated article ---
t_run "remove the herald with its articles" 0 "$GLOSS" feed remove "Harbour Herald" --articles
t_match "the annotated one kept" "$T_OUT" "^2 articles deleted; 1 kept for their annotations$"
t_eq "it is still there" "$(q "select count(*) from article where id = $ID")" "1"
qw "update article set imported_at = '2000-01-01T00:00:00Z' where id in (select article_id from feed_item)"
t_run "prune" 0 "$GLOSS" feed prune --older-than 30
t_match "deletes the old articles without annotations" "$T_OUT" "^500[0-9] articles deleted; [0-9]+ kept"
t_eq "the annotated one survives" "$(q "select count(*) from article where id = $ID")" "1"
t_eq "the bundled articles are not a feed's" "$(q 'select count(*) from article where id <= 5')" "5"
t_run "rename" 0 "$GLOSS" feed rename "Tide Times" "Tides"
t_run "list --feed by the new name" 0 "$GLOSS" list --feed Tides
# --- gloss mark: a feed's articles read, then unread ---
TIDES=$(q "select count(*) from feed_item i join feed f on f.id = i.feed_id where f.title = 'Tides' and i.article_id is not null")
t_run "mark a feed's articles unread" 0 "$GLOSS" mark unread --feed Tides
t_match "says how many" "$T_OUT" "^marked $TIDES articles? unread$"
t_eq "they are unread" "$("$GLOSS" list --unread --feed Tides | wc -l | tr -d ' ')" "$TIDES"
t_run "mark them read" 0 "$GLOSS" mark read --feed Tides
t_eq "none unread" "$("$GLOSS" list --unread --feed Tides | wc -l | tr -d ' ')" "0"
t_run "a feed that does not exist" 1 "$GLOSS" mark read --feed Nowhere
t_match "is named" "$T_ERR" "no feed 'Nowhere'"
t_done
