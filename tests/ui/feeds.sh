#!/bin/sh
# feeds.sh — feeds in the library: R fetches three local feeds in the
# background while an article is read and annotated, the new articles
# come unread (marked N, in bold); F narrows to the unread ones or one
# feed; opening an article reads it; r toggles read, C marks all shown
# read; the read state survives quitting; a second R finds nothing new.
. "$TOP_SRCDIR/tests/lib.sh"
"$GLOSS" samples add >/dev/null 2>&1 || exit 1 # five read articles
. "$TOP_SRCDIR/tests/fetch/server.sh"

t_server
for n in 1 2 3; do
	cat >"$T_WWW/f$n.rss" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Outlet $n</title><link>/</link>
<item><title>Story $n about the harbour</title><link>/n$n/a</link><guid>o$n-a</guid>
<pubDate>Tue, 12 Sep 2023 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The harbour bridge in town $n reopened on Tuesday after nine weeks.</p>
<p>Engineers replaced 1,200 metres of cable, the council said.</p>]]></content:encoded></item>
</channel></rss>
EOF
done
t_run "feed 1" 0 "$GLOSS" feed add "$T_URL/f1.rss"
t_run "feed 2" 0 "$GLOSS" feed add "$T_URL/f2.rss"
# The third answers after two seconds: time to read meanwhile.
t_run "a slow feed 3" 0 "$GLOSS" feed add "$T_URL/delay/2/f3.rss"

ui_start 120 35 "$GLOSS"
ui_wait "the library" "Title +Outlet"
ui_keys R
ui_wait "R fetches, with progress on the status line" "fetching 3 feeds"
# The screen keeps working while the feeds are fetched: read and annotate.
ui_keys g Enter
ui_wait "an article opens meanwhile" "entities"
ui_keys ')' 1
ui_wait "and is annotated meanwhile" "tagged key-fact \(saved\)"
ui_keys q
ui_wait "then what was new" "3 feeds: 3 new articles, 0 updated" 15
ui_wait "the library lists the new articles, unread (N)" "^ NStory 3 about the harbour"
ui_screen_e | grep "NStory 1" | grep -q "$(printf '\033')\\[1m"
t_ok $? "unread rows are bold"
t_eq "the five articles there before have no N" "$(ui_screen | grep -c '^ N')" "3"

# F: a chooser; unread narrows the list.
ui_keys F
ui_wait "F lists the choices with their counts" "^ unread +3 unread articles"
ui_wait "and each feed" "^ Outlet 2 +1 article, 1 unread"
ui_keys j Enter
ui_wait "unread narrows the list" "3 of 8 articles: unread"
ui_wait "to the new articles" "^ NStory 1 about the harbour"
t_eq "the read articles are not shown (no row without N)" "$(ui_screen | grep -c '^  [^ ]')" "1"

# / filters within the narrowed list.
ui_keys /
ui_text "cable"
ui_wait "/ filters among the unread" "^ gloss — 3 of 8 articles \(unread\) match 'cable'"
ui_keys Escape
ui_wait "Esc: the unread list again" "3 of 8 articles: unread"

# Opening an article reads it.
ui_keys g Enter
ui_wait "Story 1 opens" "harbour bridge in town 1"
ui_keys q
ui_wait "back in the unread list: Story 1 is read now" "2 of 8 articles: unread"
ui_screen | grep -q "Story 1 about"
t_ok $((! $?)) "Story 1 left the unread list"

# r toggles read and unread.
ui_keys g r
ui_wait "r marks the article read" "marked read"
ui_wait "and it leaves the unread list" "1 of 8 articles: unread"
ui_keys F
ui_wait "the chooser again" "^ all "
ui_keys j j j j Enter
ui_wait "one feed's articles" "1 of 8 articles: feed Outlet 3"
ui_wait "Story 3 still unread" "^ NStory 3 about"
ui_keys r
ui_wait "r marks it read" "marked read"
ui_wait "the N goes" "^  Story 3 about"
ui_keys r
ui_wait "r again: unread again" "marked unread"
ui_wait "the N is back" "^ NStory 3 about"
ui_keys q
ui_wait "quit" "gloss exited 0"
ui_stop

# The read state is kept: Story 3 alone is unread.
t_run "gloss list --unread" 0 "$GLOSS" list --unread
t_match "Story 3 is unread" "$T_OUT" "Story 3 about the harbour"
t_nomatch "Story 1 was read" "$T_OUT" "Story 1 about"
t_nomatch "Story 2 was marked read" "$T_OUT" "Story 2 about"

ui_start 60 20 "$GLOSS"
ui_wait "reopened (60x20)" "Title"
ui_keys G
ui_wait "the unread one still marked" "^ NStory 3 about"
ui_screen | grep -q "^ NStory [12]"
t_ok $((! $?)) "the read ones still read"
# C marks all shown read; a second R finds nothing new (the feeds answer 304).
ui_keys C
ui_wait "C marks what is shown read" "marked 1 article read"
ui_wait_gone "no N left" "^ NStory"
ui_keys R
ui_wait "a second R: nothing new" "3 feeds: 0 new" 15
ui_keys '?'
ui_wait "? lists R" "R +fetch +Fetch every feed"
ui_wait "and F, r and C" "F +narrow +Show every"
ui_wait "r" "r +toggle-read +Mark the article"
ui_wait "C" "C +mark-all-read +Mark every"
ui_keys q q
ui_wait "quit" "gloss exited 0"
ui_stop
t_run "nothing unread" 0 "$GLOSS" list --unread
t_eq "gloss list --unread is empty" "$T_OUT" ""
t_done
