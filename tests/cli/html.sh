#!/bin/sh
# html.sh — saved web pages through the command line: `gloss import` of
# .html/.htm/.xhtml files and of HTML on standard input imports the
# article with its metadata; `gloss extract` prints what would be
# imported and touches no library; bad pages are refused with one line
# naming the file and the reason, the library unchanged; a page edited by
# its outlet updates the article in place with its highlights; a field
# set with `gloss edit` wins over re-import; nothing from the page
# reaches the terminal raw.
. "$TOP_SRCDIR/tests/lib.sh"

H=$TOP_SRCDIR/tests/html
L=$T_DIR/l.db
D=$T_DIR/in
mkdir -p "$D"
jq_() { "$PYTHON3" -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

# --- extract ---------------------------------------------------------------
t_run "extract --json" 0 "$GLOSS" extract --json "$H/news-jsonld.html"
t_eq "gives the title" "$(printf '%s' "$T_OUT" | jq_ 'd["title"]')" "Harbour bridge reopens after two-year repair"
t_eq "the byline" "$(printf '%s' "$T_OUT" | jq_ 'd["byline"]')" "Mira Castell, Tomas Reyes"
t_eq "the date" "$(printf '%s' "$T_OUT" | jq_ 'd["published"]')" "2024-03-18T07:30:00Z"
t_eq "the site" "$(printf '%s' "$T_OUT" | jq_ 'd["site"]')" "The Coastal Courier"
t_eq "the language" "$(printf '%s' "$T_OUT" | jq_ 'd["lang"]')" "en-GB"
t_eq "the canonical address" "$(printf '%s' "$T_OUT" | jq_ 'd["url"]')" "https://courier.example/news/harbour-bridge-reopens"
t_eq "paragraphs separated by a blank line, no title in the text" \
	"$(printf '%s' "$T_OUT" | jq_ 'd["text"].split("\n\n")[0][:40]')" "The harbour bridge reopened to traffic o"
t_nomatch "no furniture" "$(printf '%s' "$T_OUT" | jq_ 'd["text"]')" "cookie|Share on|Related stories|newsletter|comments"
t_eq "touches no library" "$([ -e "$GLOSS_DB" ]; echo $?)" "1"
t_run "extract as text" 0 "$GLOSS" extract "$H/news-plain.html"
t_eq "title first" "$(printf '%s\n' "$T_OUT" | head -1)" "Rail strike called off at the last minute"
t_eq "then byline and date" "$(printf '%s\n' "$T_OUT" | sed -n 2p)" "Aino Lehto · 2022-11-04"
t_run "extract --url from standard input" 0 sh -c "\"$GLOSS\" extract --json --url https://ledger.example/r - < \"$H/news-plain.html\""
t_eq "the address given" "$(printf '%s' "$T_OUT" | jq_ 'd["url"]')" "https://ledger.example/r"
t_eq "its host is the outlet when the page names none" "$(printf '%s' "$T_OUT" | jq_ 'd["site"]')" "ledger.example"

# --- bad pages -------------------------------------------------------------
t_run "a library to keep unchanged" 0 "$GLOSS" --db "$L" import "$H/news-og.html"
before=$(t_db_dump "$L")
t_run "an index page" 1 "$GLOSS" --db "$L" import "$H/index.html"
t_match "is refused, saying why" "$T_ERR" "^gloss: cannot import '.*index.html': no article found: the page is mostly links or menus$"
printf '<html><body><script>var a = 1;</script></body></html>\n' > "$D/script.html"
t_run "a page of script" 1 "$GLOSS" --db "$L" import "$D/script.html"
t_match "has no text" "$T_ERR" "no article found: the page has no text"
: > "$D/empty.html"
t_run "an empty .html file" 1 "$GLOSS" --db "$L" import "$D/empty.html"
t_match "is empty" "$T_ERR" "empty"
printf '<html>\000\001\002binary' > "$D/bin.html"
t_run "binary named .html" 1 "$GLOSS" --db "$L" import "$D/bin.html"
t_match "is not HTML" "$T_ERR" "not (HTML|text)"
t_eq "the library is unchanged" "$(t_db_dump "$L")" "$before"
t_run "extract of a text file" 1 "$GLOSS" extract "$TOP_SRCDIR/tests/html/../cli/html.sh"
t_match "says it is not HTML" "$T_ERR" "not HTML"

# --- import ----------------------------------------------------------------
cp "$H/news-jsonld.html" "$D/bridge.htm"
t_run "import a .htm page" 0 "$GLOSS" --db "$L" import "$D/bridge.htm"
ID=$(printf '%s\n' "$T_OUT" | awk '/^imported/ { print $2 }')
t_run "list --json" 0 "$GLOSS" --db "$L" list --json
t_eq "has its title" "$(printf '%s' "$T_OUT" | jq_ "[a for a in d if a['id'] == $ID][0]['title']")" "Harbour bridge reopens after two-year repair"
t_eq "byline" "$(printf '%s' "$T_OUT" | jq_ "[a for a in d if a['id'] == $ID][0]['byline']")" "Mira Castell, Tomas Reyes"
t_eq "outlet" "$(printf '%s' "$T_OUT" | jq_ "[a for a in d if a['id'] == $ID][0]['outlet']")" "The Coastal Courier"
t_eq "date" "$(printf '%s' "$T_OUT" | jq_ "[a for a in d if a['id'] == $ID][0]['published']")" "2024-03-18T07:30:00Z"
t_eq "url" "$(printf '%s' "$T_OUT" | jq_ "[a for a in d if a['id'] == $ID][0]['url']")" "https://courier.example/news/harbour-bridge-reopens"
t_eq "lang" "$(printf '%s' "$T_OUT" | jq_ "[a for a in d if a['id'] == $ID][0]['lang']")" "en-GB"
t_run "show" 0 "$GLOSS" --db "$L" show "$ID"
t_match "names the address and language" "$T_OUT" "^https://courier.example/news/harbour-bridge-reopens · en-GB$"
t_nomatch "no script or style text" "$T_OUT" "ORG CDATA|tracking|console"
t_run "the entities" 0 "$GLOSS" --db "$L" entities --article "$ID"
t_nomatch "hold no markup words" "$T_OUT" "CDATA|\bAR\b"
t_match "hold the engineer" "$T_OUT" "Ilse Marten"
t_run "a highlight" 0 "$GLOSS" --db "$L" highlight "$ID" --quote "The repair cost 84 million euros" --tag claim
t_run "a title set by hand" 0 "$GLOSS" --db "$L" edit "$ID" --title "Bridge open again"
sed 's/almost double/nearly twice/; s/Monday morning/Monday/' "$H/news-jsonld.html" > "$D/bridge.htm"
t_run "the outlet edited its page: import again" 0 "$GLOSS" --db "$L" import "$D/bridge.htm"
t_match "updates the article in place" "$T_OUT" "^updated $ID "
t_run "annotations" 0 "$GLOSS" --db "$L" annotations --article "$ID" --json
t_match "the highlight followed its text" "$T_OUT" "The repair cost 84 million euros"
t_nomatch "and is not orphaned" "$T_OUT" '"orphaned": *true'
t_run "show" 0 "$GLOSS" --db "$L" show "$ID"
t_eq "the title set by hand wins" "$(printf '%s\n' "$T_OUT" | head -1)" "Bridge open again"
t_match "the new text is there" "$T_OUT" "nearly twice"
t_run "the same page again" 0 "$GLOSS" --db "$L" import "$D/bridge.htm"
t_match "is unchanged" "$T_OUT" "^unchanged $ID "

t_run "HTML on standard input" 0 sh -c "\"$GLOSS\" --db \"$L\" import - < \"$H/news-plain.html\""
t_match "is imported as a page" "$T_OUT" "^imported"
SID=$(printf '%s\n' "$T_OUT" | awk '/^imported/ { print $2 }')
t_run "show" 0 "$GLOSS" --db "$L" show "$SID"
t_eq "with the page's title" "$(printf '%s\n' "$T_OUT" | head -1)" "Rail strike called off at the last minute"

# --- warnings --------------------------------------------------------------
t_run "an undeclared windows-1252 page" 0 "$GLOSS" --db "$L" import "$H/latin1.html"
t_match "is imported with a warning" "$T_ERR" "^gloss: warning: .*latin1.html: no character set declared and not UTF-8: read as windows-1252$"
t_run "a page cut short" 0 "$GLOSS" --db "$L" import "$H/truncated.html"
t_match "is imported with a warning" "$T_ERR" "cut short"

# --- hostile ---------------------------------------------------------------
t_run "a page with escape sequences" 0 "$GLOSS" --db "$L" import "$H/hostile.html"
HID=$(printf '%s\n' "$T_OUT" | awk '/^imported/ { print $2 }')
t_run "show" 0 "$GLOSS" --db "$L" show "$HID"
t_eq "no ESC byte reaches the terminal" "$(printf '%s' "$T_OUT" | tr -d -c '\033' | wc -c)" "0"
t_nomatch "nor what followed it" "$T_OUT" "pwned|\[31m|\[2J"
t_run "extract" 0 "$GLOSS" extract "$H/hostile.html"
t_eq "prints no ESC either" "$(printf '%s' "$T_OUT" | tr -d -c '\033' | wc -c)" "0"

# --- pages from a server ----------------------------------------------------
. "$TOP_SRCDIR/tests/fetch/server.sh"
t_server
cp "$H/news-jsonld.html" "$H/index.html" "$T_WWW/"
t_run "extract URL" 0 "$GLOSS" extract --json "$T_URL/news-jsonld.html"
t_eq "extracts the page's article" "$(printf '%s' "$T_OUT" | jq_ 'd["title"]')" "Harbour bridge reopens after two-year repair"
t_eq "with its canonical address" "$(printf '%s' "$T_OUT" | jq_ 'd["url"]')" "https://courier.example/news/harbour-bridge-reopens"
t_eq "touching no library" "$([ -e "$GLOSS_DB" ]; echo $?)" "1"
t_run "extract of a PDF's URL" 1 "$GLOSS" extract "$T_URL/doc.pdf"
t_match "names the type" "$T_ERR" "application/pdf"
t_run "extract --offline" 1 "$GLOSS" --offline extract "$T_URL/news-jsonld.html"
t_match "says it is offline" "$T_ERR" "offline"
t_run "import URL of a news page" 0 "$GLOSS" --db "$T_DIR/w.db" import "$T_URL/news-jsonld.html"
WID=$(printf '%s\n' "$T_OUT" | awk '/^imported/ { print $2 }')
t_run "show" 0 "$GLOSS" --db "$T_DIR/w.db" show "$WID"
t_eq "is the article, with its title" "$(printf '%s\n' "$T_OUT" | head -1)" "Harbour bridge reopens after two-year repair"
t_nomatch "and no menu" "$T_OUT" "Weather|Share on|cookie"
t_run "import URL of an index page" 1 "$GLOSS" --db "$T_DIR/w.db" import "$T_URL/index.html"
t_match "says there is no article" "$T_ERR" "index.html': no article found"
t_done
