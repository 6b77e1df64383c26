#!/bin/sh
# fetch.sh — the library's `i`: a URL from a local server imported while
# the screen keeps working (an article read and annotated meanwhile), a
# failure's reason on the status line, the prompt's history and path
# completion, `?` listing the key, a changed page updating the article
# with its highlight kept, and offline.
. "$TOP_SRCDIR/tests/lib.sh"
# The sample articles, as the default library has them.
"$GLOSS" samples add >/dev/null 2>&1 || exit 1
. "$TOP_SRCDIR/tests/fetch/server.sh"

t_server
"$GLOSS" list >/dev/null || exit 1
mkdir -p "$T_DIR/files"
printf 'Ferry service resumes\n\nThe ferry between the two islands resumed on Monday after storms.\n' \
	>"$T_DIR/files/ferry-report.txt"

ui_start 110 30 "$GLOSS"
ui_wait "the library" "Title +Outlet"
ui_keys i
ui_wait "i asks for a URL or a file" "^import URL or file:"
ui_text "$T_URL/delay/3/article.txt"
ui_keys Enter
ui_wait "the status line shows the download" "fetching .*delay/3/article.txt"
# The screen keeps working while it downloads: read and annotate.
ui_keys g Enter
ui_wait "an article opens meanwhile" "entities"
ui_keys ')' 1
ui_wait "and is annotated meanwhile" "tagged key-fact \(saved\)"
ui_keys q
ui_wait "then the new article's title" "imported 6: Harbour bridge reopens after repairs" 15
ui_wait "and the library lists it" "^ +Harbour bridge reopens after repairs"

# A failure: its reason, on the status line.
ui_keys i
ui_text "$T_URL/status/404"
ui_keys Enter
ui_wait "a 404 says why" "answered 404 \(not found\)"
ui_keys i
ui_text "$T_URL/doc.pdf"
ui_keys Enter
ui_wait "a PDF is refused with its type" "sent application/pdf, not a web page"

# History: Up recalls what was imported before.
ui_keys i Up Up
ui_wait "Up recalls earlier entries" "^import URL or file: .*/status/404"
ui_keys Escape
ui_wait "Esc cancels" "import cancelled"

# Tab completes a path.
ui_keys i
ui_text "$T_DIR/files/fer"
ui_keys Tab
ui_wait "Tab completes the file name" "ferry-report\.txt"
ui_keys Enter
ui_wait "a file is imported too" "imported 7: Ferry service resumes"

# Annotate the fetched article, change the page, import it again.
ui_keys g
ui_keys j j j j j
ui_keys Enter
ui_wait "the fetched article opens" "Harbour bridge reopens"
ui_keys ')' ')' 2
ui_wait "a highlight on it" "tagged claim \(saved\)"
ui_keys q
sed 's/^Engineers replaced/Work ran late into the night. Engineers replaced/' "$T_WWW/article.txt" >"$T_WWW/a.new"
mv "$T_WWW/a.new" "$T_WWW/article.txt"
ui_keys i
ui_text "$T_URL/delay/3/article.txt"
ui_keys Enter
ui_wait "the changed page updates the article" "updated 6: Harbour bridge reopens" 15

ui_keys '?'
ui_wait "? lists the key" "^ *i +.*Import a web page"
ui_keys q
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

t_run "the annotations of the updated article" 0 "$GLOSS" annotations --article 6
t_match "the highlight survived the update" "$T_OUT" "claim"
t_eq "none orphaned" "$(printf '%s\n' "$T_OUT" | grep -c orphaned)" 0
t_run "its text" 0 "$GLOSS" show 6
t_match "is the changed page" "$T_OUT" "Work ran late into the night"

# Offline: nothing leaves, and it says so.
N=$(grep -c . "$T_LOG")
ui_start 110 30 "$GLOSS" --offline
ui_wait "the library, offline" "Title +Outlet"
ui_keys i
ui_text "$T_URL/page.html"
ui_keys Enter
ui_wait "a URL is refused offline, saying so" "gloss is offline"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop
t_eq "the network was not used" "$(grep -c . "$T_LOG")" "$N"

# Quitting while a download runs ends at once, importing nothing.
ui_start 110 30 "$GLOSS"
ui_wait "the library again" "Title +Outlet"
ui_keys i
ui_text "$T_URL/slow?s=15"
ui_keys Enter
ui_wait "a slow download runs" "fetching"
ui_keys Q
ui_wait "quitting during it ends gloss at once" "\[gloss exited 0\]" 5
ui_stop

t_done
