#!/bin/sh
# fetch.sh — gloss import URL against a local web server: import, a
# conditional re-import (unchanged, then changed with a highlight kept),
# every way a URL can fail (one line each, the library unchanged, the
# others of a batch still imported), charsets, offline.
. "$TOP_SRCDIR/tests/lib.sh"
# The sample articles, as the default library has them.
"$GLOSS" samples add >/dev/null 2>&1 || exit 1
. "$TOP_SRCDIR/tests/fetch/server.sh"

t_server
q() { "$PYTHON3" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2], sys.argv[3:]).fetchall(); print("\n".join("|".join(str(x) for x in row) for row in r))' "$GLOSS_DB" "$@"; }

t_run "a library" 0 "$GLOSS" list

# --- one page, again unchanged, again changed ---
t_run "a page is imported from its URL" 0 "$GLOSS" import "$T_URL/article.txt"
t_match "reported with its id and URL" "$T_OUT" "^imported 6 $T_URL/article.txt$"
t_run "its text" 0 "$GLOSS" show 6
t_match "is the page's" "$T_OUT" "harbour bridge reopened on Tuesday"
t_eq "its source is the URL" "$(q 'select source from article where id = 6')" "$T_URL/article.txt"
t_match "what the server sent is kept" "$(q 'select etag, last_modified, final_url from fetched where article_id = 6')" \
	"^\"[0-9a-f]+\"\\|.* GMT\\|$T_URL/article.txt$"
t_eq "the request named gloss" "$(grep -c . "$T_LOG")" 1

t_run "a highlight on it" 0 "$GLOSS" highlight 6 --quote "Engineers replaced 1,200 metres of cable" --note "check the length"
t_run "importing it again" 0 "$GLOSS" import "$T_URL/article.txt"
t_match "says unchanged" "$T_OUT" "^unchanged 6 $T_URL/article.txt"
t_eq "the server was asked conditionally and said 304" "$(t_log_last)" "GET /article.txt 304 conditional"

# The page changes: a sentence is added before the highlighted one.
sed 's/^Engineers replaced/Work ran late into the night. Engineers replaced/' "$T_WWW/article.txt" >"$T_WWW/a.new"
mv "$T_WWW/a.new" "$T_WWW/article.txt"
touch -d '+1 minute' "$T_WWW/article.txt" 2>/dev/null || true
t_run "importing the changed page" 0 "$GLOSS" import "$T_URL/article.txt"
t_match "updates the article in place" "$T_OUT" "^updated 6 $T_URL/article.txt$"
t_eq "after a conditional request answered in full" "$(t_log_last)" "GET /article.txt 200 conditional"
t_run "its text" 0 "$GLOSS" show 6
t_match "is the new one" "$T_OUT" "Work ran late into the night"
t_run "the annotations" 0 "$GLOSS" annotations --article 6
t_match "the highlight survived, re-anchored" "$T_OUT" "Engineers replaced 1,200 metres of cable"
t_match "with its note" "$T_OUT" "check the length"
t_eq "none orphaned" "$(q 'select count(*) from highlight where orphaned = 1')" 0
t_eq "one article for the URL" "$(q 'select count(*) from article where source like ?' "$T_URL/%")" 1

# --- redirects, encodings, charsets ---
t_run "a page behind three redirects" 0 "$GLOSS" import "$T_URL/redirect/3/page.html"
t_match "imported" "$T_OUT" "^imported 7 $T_URL/redirect/3/page.html$"
t_eq "its URL is the final one" "$(q 'select url from article where id = 7')" "$T_URL/page.html"
t_eq "its source the one given" "$(q 'select source from article where id = 7')" "$T_URL/redirect/3/page.html"
t_run "a page sent gzip-compressed" 0 "$GLOSS" import "$T_URL/gzip/page.html"
t_match "is the same page: unchanged" "$T_OUT" "^unchanged 7 "
t_run "a page declared ISO-8859-1" 0 "$GLOSS" import "$T_URL/cafe.latin1"
t_run "its text" 0 "$GLOSS" show 8
t_match "is converted to UTF-8" "$T_OUT" "Zürich cafés reported more visitors"
t_run "a page in Latin-1 declared as UTF-8" 0 "$GLOSS" import "$T_URL/wrong-charset"
t_run "its text" 0 "$GLOSS" show 9
t_match "is read as the legacy encoding it is" "$T_OUT" "Café crème in Zürich, said the naïve writer"
t_run "a page with no Content-Type" 0 "$GLOSS" import "$T_URL/no-type"

# --- failures: one line each, the library unchanged ---
BEFORE=$(t_db_dump "$GLOSS_DB")
fails() { # DESCRIPTION PATTERN URL [OPTIONS...]
	desc=$1 pat=$2 url=$3
	shift 3
	t_run "$desc" 1 "$GLOSS" import "$@" "$url"
	t_eq "$desc: one line" "$(printf '%s\n' "$T_ERR" | wc -l | tr -d ' ')" 1
	t_match "$desc: names the URL and why" "$T_ERR" "^gloss: cannot (fetch|import) '$(printf '%s' "$url" | sed 's/[.?*+[]/\\&/g')': $pat"
}
fails "a 404" "the server answered 404 \\(not found\\)$" "$T_URL/status/404"
t_nomatch "the error page is not shown" "$T_ERR" "error page"
fails "a 500" "the server answered 500 \\(internal server error\\)$" "$T_URL/status/500"
fails "a PDF" "the server sent application/pdf, not a web page" "$T_URL/doc.pdf"
fails "a redirect loop" "a redirect loop \\(" "$T_URL/loop/a"
fails "too many redirects" "too many redirects" "$T_URL/redirect/15/page.html"
fails "a slow server" "timed out" "$T_URL/slow?s=8" --timeout 1
fails "a huge page" "larger than the 32 MiB limit" "$T_URL/huge?mb=40"
fails "a redirect to ftp" "a redirect to a scheme other than http or https" "$T_URL/to-ftp"
fails "an ftp URL" "the scheme 'ftp' is not supported \\(only http and https\\)$" "ftp://127.0.0.1/x.txt"
fails "a URL without a host" "" "http:///x"
# A free port, most likely refused: the server is stopped and its port reused.
"$PYTHON3" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' >"$T_DIR/freeport"
fails "a refused connection" "cannot connect \\(refused or unreachable\\)$" "http://127.0.0.1:$(cat "$T_DIR/freeport")/"
t_run "a URL with an escape sequence in it" 1 "$GLOSS" import "$(printf 'http://127.0.0.1/\033]0;pwned\007x')"
t_match "is refused" "$T_ERR" "space or a control character"
t_nomatch "and its escape never reaches the terminal" "$(printf '%s' "$T_ERR" | od -c)" '033|007'
t_match "but shown escaped" "$T_ERR" '%1B\]0;pwned%07x'
t_eq "the library is as it was after all these" "$(t_db_dump "$GLOSS_DB")" "$BEFORE"

# TLS with a certificate no authority vouches for.
if command -v openssl >/dev/null 2>&1 &&
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-keyout "$T_DIR/key.pem" -out "$T_DIR/cert.pem" -days 2 -subj /CN=127.0.0.1 \
		-addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1; then
	HTTP_URL=$T_URL
	t_server --tls "$T_DIR/cert.pem" "$T_DIR/key.pem"
	fails "a server whose certificate is not trusted" "the server's certificate is not trusted" \
		"https://127.0.0.1:$T_PORT/article.txt"
	T_URL=$HTTP_URL
else
	t_ok 0 "# SKIP openssl cannot make a certificate"
fi

# --- a batch: the good ones are imported, each bad one has its line ---
printf 'Ferry service resumes\n\nThe ferry between the two islands resumed on Monday after storms.\n' >"$T_DIR/ferry.txt"
cp "$T_WWW/page.html" "$T_WWW/second.html"
sed -i 's/tram line/cable car/g' "$T_WWW/second.html"
t_run "a batch of pages and a file, some failing" 1 "$GLOSS" import "$T_URL/status/404" \
	"$T_URL/second.html" "$T_DIR/ferry.txt" "$T_URL/doc.pdf" "$T_URL/loop/b"
t_match "the page is imported" "$T_OUT" "^imported 11 $T_URL/second.html$"
t_match "the file is imported, in the order given" "$(printf '%s\n' "$T_OUT" | sed -n 2p)" "^imported 12 .*ferry.txt$"
t_eq "three lines for three failures" "$(printf '%s\n' "$T_ERR" | wc -l | tr -d ' ')" 3
t_match "the 404" "$T_ERR" "404"
t_match "the PDF" "$T_ERR" "application/pdf"
t_match "the loop" "$T_ERR" "redirect loop"

# --- offline ---
N=$(grep -c . "$T_LOG")
t_run "--offline refuses a URL" 1 "$GLOSS" --offline import "$T_URL/page.html"
t_match "and says so" "$T_ERR" "^gloss: cannot import '$T_URL/page.html': gloss is offline"
t_run "import --offline too" 1 "$GLOSS" import --offline "$T_DIR/ferry.txt" "$T_URL/third.html"
t_match "the file is still imported" "$T_OUT" "^unchanged 12 "
mkdir -p "$XDG_CONFIG_HOME/gloss"
echo "set offline on" >"$XDG_CONFIG_HOME/gloss/config"
t_run "'set offline on' in the configuration" 1 "$GLOSS" import "$T_URL/page.html"
t_match "says so" "$T_ERR" "gloss is offline"
t_eq "the network was not used" "$(grep -c . "$T_LOG")" "$N"
echo "set offline off" >"$XDG_CONFIG_HOME/gloss/config"
t_run "'set offline off'" 0 "$GLOSS" import "$T_URL/page.html"

t_run "import --help" 0 "$GLOSS" import --help
t_match "mentions URLs" "$T_OUT" "URL"

t_done
