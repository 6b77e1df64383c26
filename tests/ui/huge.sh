#!/bin/sh
# huge.sh (UI) — a long article (3 MB, long enough that its mentions are
# kept by position and the reader loads only those near the screen, and
# that its body is read in parts):
# G reaches the last paragraph, a search finds a word near the end, Tab
# reaches an entity there, a highlight made there holds, and the article
# reopens where it was left.  Its blocks of mentions, dropped as a
# correction would drop them, are made again when it is opened.
. "$TOP_SRCDIR/tests/lib.sh"

"$PYTHON3" - "$TOP_SRCDIR/data/articles" "$T_DIR/huge.txt" <<'PY'
import glob, os, sys
paras = []
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.txt"))):
    for line in open(f, encoding="utf-8"):
        line = line.strip()
        if line:
            paras.append(line)
out = open(sys.argv[2], "w", encoding="utf-8")
out.write("A very long wire archive\n\n")
size, n = 0, 0
while size < 3000000:
    p = paras[n % len(paras)] + "\n\n"
    out.write(p)
    size += len(p.encode())
    n += 1
out.write("The last paragraph: the zebrafinch quarry, said Angela Merkel in Berlin.\n")
PY
t_run "a 3 MB article imports" 0 "$GLOSS" import "$T_DIR/huge.txt"
q() { "$PYTHON3" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2]).fetchall(); c.commit(); print("\n".join("|".join(str(x) for x in row) for row in r))' "$@"; }
t_eq "its mentions are kept by position too" \
	"$(q "$GLOSS_DB" 'select count(*) > 40, (select n from mention_block where block = -1) = (select sum(n) from mention) from mention_block')" "1|1"

ui_start 120 35 "$GLOSS"
ui_wait "the library" "A very long wire archive"
# Its body is read in parts (the first 2 MiB, then the rest while no key
# waits): keys sent with the Enter come while the rest is still unread.
ui_keys Enter q
for i in 1 2 3 4 5 6 7 8 9 10; do
	[ "$(q "$GLOSS_DB" 'select count(*) from article_place')" = 1 ] && break
	sleep 0.5
done
t_eq "q at once leaves, saving the place" "$(q "$GLOSS_DB" 'select read_pos, focus_pos from article_place')" "0|0"
ui_wait "in the library" "A very long wire archive"
ui_wait_gone "with no error" "cannot|error"
ui_keys Enter G
ui_wait "G at once reads the rest and shows the last paragraph" "zebrafinch quarry"
ui_keys g q
ui_wait "back" "A very long wire archive"
ui_keys Enter
ui_wait "the reader" "entities"
ui_keys G
ui_wait "G shows the last paragraph" "zebrafinch quarry"
ui_wait "at the end" "100%"
ui_keys g
ui_wait_gone "g goes back to the top" "zebrafinch quarry"
ui_keys /
ui_text "zebrafinch"
ui_keys Enter
ui_wait "a search near the end" "/zebrafinch: 1 of 1"
ui_wait "shows it" "zebrafinch quarry"
ui_keys Tab
ui_wait "Tab reaches the entity near the end" "PERSON Angela Merkel"
ui_keys Tab
ui_wait "and the next" "GPE Berlin"
ui_keys Tab
ui_wait "none after the last" "no more entities below"
ui_keys BTab
ui_wait "S-Tab goes back" "PERSON Angela Merkel"
ui_keys 1
ui_wait "a highlight near the end" "tagged key-fact"
ui_keys g
ui_wait_gone "the top again" "zebrafinch quarry"
ui_keys Tab
ui_wait "Tab from the top reaches the first entity" "(PERSON|GPE|ORG|NORP|DATE|CARDINAL) .* Enter lists"
ui_keys ']'
ui_wait "] reaches the highlight at the end" "zebrafinch quarry"
ui_keys q
ui_wait "back in the library" "A very long wire archive"
t_run "the highlight" 0 "$GLOSS" annotations
t_match "quotes the last paragraph" "$T_OUT" "zebrafinch quarry, said Angela Merkel"

# The blocks dropped (as any change to the article's mentions drops
# them): opening the article makes them again.
q "$GLOSS_DB" 'delete from mention_block' >/dev/null
ui_keys Enter
ui_wait "reopened" "entities"
ui_keys G
ui_wait "G again" "zebrafinch quarry"
ui_keys Tab
ui_wait "Tab after the blocks were made again" "PERSON Angela Merkel"
t_eq "made again" "$(q "$GLOSS_DB" 'select count(*) > 40 from mention_block')" "1"
ui_keys q
ui_wait "the library again" "A very long wire archive"
ui_keys Enter
ui_wait "reopened where it was left" "zebrafinch quarry"

# A merge in the entity index, opened over the reader, drops the
# article's blocks (a trigger): back in the reader, the part of the
# article not loaded yet still has its entities, and Tab still finds them.
ui_keys g
ui_wait_gone "the top" "zebrafinch quarry"
ui_keys E
ui_wait "the entity index" "Entities — [0-9]+"
ui_keys m
ui_wait "m marks one" "marked "
ui_keys j M
ui_wait "M merges it into the next" "merged into"
ui_keys q
ui_wait "back in the reader" "entities"
ui_keys G
ui_wait "G after the merge" "zebrafinch quarry"
ui_keys g G
ui_wait "still at the end" "zebrafinch quarry"
ui_keys Tab
ui_wait "Tab near the end after the merge" "(PERSON|GPE) [A-Z][a-z]+.* — Enter lists"
ui_keys Q
ui_stop
t_done
