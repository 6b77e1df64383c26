#!/bin/sh
# scale.sh (UI) — the library's / filter on a library of many articles
# that all share a word: the typed letters show at once, the list answers
# with "more than N" rather than ranking every match, and Esc after the
# word answers at once (before, each keystroke ranked every match and made
# a snippet for each of 1,000 of them: seconds a key at this size).
. "$TOP_SRCDIR/tests/lib.sh"

L=$T_DIR/big.db
"$GLOSS" --db "$L" list >/dev/null 2>&1 || exit 1
# 10,000 articles written straight into the tables (importing them would
# take minutes), then the full-text index rebuilt from them.
"$PYTHON3" - "$L" <<'PY'
import hashlib, random, sqlite3, sys
random.seed(7)
words = ("harbour bridge council ferry strike union tram budget mayor port storm "
         "school rail minister court river vote police hospital market").split()
c = sqlite3.connect(sys.argv[1])
rows = []
for i in range(10000):
    body = "The mayor said on day %d that the %s would %s. " % (i, random.choice(words), random.choice(words))
    body += " ".join(random.choice(words) for _ in range(120)) + "."
    sha = hashlib.sha256(body.encode()).hexdigest()
    rows.append(("Report %d on the %s" % (i, random.choice(words)), "Wire", 130,
                 "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", sha, sha, body, body.encode(),
                 "gen:%d" % i))
c.executemany("INSERT INTO article(title, outlet, words, imported_at, updated_at, raw_sha,"
              " body_sha, body, raw, source) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
c.execute("INSERT INTO article_fts(article_fts) VALUES ('rebuild')")
c.commit()
PY
ui_start 100 30 "$GLOSS" --db "$L"
ui_wait "the library of 10,000 articles" "100[0-9][0-9] articles"
ui_keys /
ui_text "sai"
ui_wait "the typed letters show at once" "filter: sai" 2
ui_text "d"
ui_wait "a word every article has: the newest matches, ranked" "more than [0-9]+ of 100[0-9][0-9] articles match 'said'" 5
ui_keys Escape
ui_wait "Esc answers at once" "100[0-9][0-9] articles · sorted by" 2
ui_keys /
ui_text "said mayor"
ui_keys Escape
ui_wait "Esc right after typing answers at once too" "100[0-9][0-9] articles · sorted by" 2
ui_keys /
ui_text "Report 1234 "
ui_wait "a selective word finds its article" "1 of 100[0-9][0-9] articles match" 5
ui_wait "its title" "Report 1234 on the" 2
ui_keys Escape q
ui_wait "q quits" "\[gloss exited 0\]" 5
ui_stop
t_done
