#!/bin/sh
# dbfaults.sh — database faults: random bytes, a truncated file, a file
# that is not SQLite, another program's SQLite database, a damaged page,
# a newer schema, a read-only file and directory, a full database
# (SQLITE_FULL through the GLOSS_TEST_MAX_PAGES hook in store_open) and a
# database locked by another process past the busy timeout.  Each gets a
# message naming the file and the reason and exit 1; nothing is
# overwritten (checksums before and after), and no confirmed annotation
# is lost.
. "$TOP_SRCDIR/tests/lib.sh"

D=$T_DIR/in
mkdir -p "$D"
sum() { "$PYTHON3" -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$1"; }
printf 'Harbour bridge reopens\n\nThe harbour bridge reopened to traffic on Friday after repairs.\n\nEngineers said the work took nine weeks.\n' > "$D/a.txt"

# A real library with one confirmed annotation, checkpointed into one file.
REAL=$T_DIR/real.db
t_run "a real library" 0 "$GLOSS" --db "$REAL" import "$D/a.txt"
A=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
t_run "with a confirmed highlight" 0 "$GLOSS" --db "$REAL" highlight "$A" --quote "reopened to traffic" --note "confirmed note"
H=$(printf '%s\n' "$T_OUT" | sed -n 's/^highlighted \([0-9]*\).*/\1/p')
"$PYTHON3" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("pragma wal_checkpoint(truncate)")' "$REAL"

# refused NAME FILE REASON-PATTERN: list, annotations, highlight and import
# all fail with exit 1 and a message naming the file; the file is left
# byte for byte as it was, and no journal is left beside it.
refused() {
	before=$(sum "$2")
	t_run "$1: list refuses" 1 "$GLOSS" --db "$2" list
	t_match "$1: names the file and the reason" "$T_ERR" "'$2'.*$3"
	t_run "$1: annotations refuses" 1 "$GLOSS" --db "$2" annotations
	t_run "$1: highlight refuses" 1 "$GLOSS" --db "$2" highlight 1 --quote harbour
	t_match "$1: with the same reason" "$T_ERR" "'$2'.*$3"
	t_run "$1: import refuses" 1 "$GLOSS" --db "$2" import "$D/a.txt"
	t_nomatch "$1: without a crash or sanitizer report" "$T_ERR" "Sanitizer|runtime error|Segmentation"
	t_eq "$1: the file is left as it was" "$(sum "$2")" "$before"
	t_ok "$([ ! -s "$2-wal" ] && [ ! -e "$2-journal" ]; echo $?)" "$1: no journal written beside it"
}

"$PYTHON3" -c 'import random,sys; random.seed(8); open(sys.argv[1],"wb").write(bytes(random.randrange(256) for _ in range(65536)))' "$T_DIR/random.db"
refused "random bytes" "$T_DIR/random.db" "not an SQLite database"

printf 'name,count\nbridges,3\n' > "$T_DIR/text.db"
refused "a text file" "$T_DIR/text.db" "not an SQLite database"

for size in 60 4096 12288 $(( $(wc -c < "$REAL") / 2 )); do
	cp "$REAL" "$T_DIR/trunc$size.db"
	"$PYTHON3" -c 'import os,sys; os.truncate(sys.argv[1], int(sys.argv[2]))' "$T_DIR/trunc$size.db" "$size"
	refused "truncated to $size bytes" "$T_DIR/trunc$size.db" "damaged|not a database|not an SQLite"
done

cp "$REAL" "$T_DIR/page1.db"
"$PYTHON3" -c 'import sys; f=open(sys.argv[1],"r+b"); f.seek(100); f.write(b"\x5a"*3996)' "$T_DIR/page1.db"
refused "a damaged schema page" "$T_DIR/page1.db" "damaged"

"$PYTHON3" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("create table inventory(item text, n int)"); c.execute("insert into inventory values (\"bolts\", 3)"); c.commit()' "$T_DIR/other.db"
refused "another program's SQLite database" "$T_DIR/other.db" "not gloss's"

cp "$REAL" "$T_DIR/newer.db"
"$PYTHON3" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("pragma user_version = 99"); c.commit()' "$T_DIR/newer.db"
refused "a newer schema version" "$T_DIR/newer.db" "newer gloss.*schema 99"

# A body altered by another program into a number or bytes: shown as
# text, as SQLite converts it, not refused.
cp "$REAL" "$T_DIR/odd.db"
"$PYTHON3" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("update article set body = 42 where id = ?", (int(sys.argv[2]),)); c.commit()' "$T_DIR/odd.db" "$A"
t_run "a body stored as a number" 0 "$GLOSS" --db "$T_DIR/odd.db" show "$A"
t_match "is shown as its text" "$T_OUT" "^42$"

# A damaged table inside a database that opens: what can be read still
# is, what cannot says so.
cp "$REAL" "$T_DIR/table.db"
"$PYTHON3" - "$T_DIR/table.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
ps = c.execute('pragma page_size').fetchone()[0]
root = c.execute("select rootpage from sqlite_schema where name='highlight'").fetchone()[0]
c.close()
f = open(sys.argv[1], 'r+b')
f.seek((root - 1) * ps)
f.write(b'\xa5' * ps)
PY
t_run "a damaged highlight table: the library still lists" 0 "$GLOSS" --db "$T_DIR/table.db" list
t_match "its articles" "$T_OUT" "Harbour bridge reopens"
t_run "and shows an article" 0 "$GLOSS" --db "$T_DIR/table.db" show "$A"
t_run "annotations fail" 1 "$GLOSS" --db "$T_DIR/table.db" annotations
t_match "saying the file is damaged" "$T_ERR" "damaged"
t_run "a note on the damaged table fails" 1 "$GLOSS" --db "$T_DIR/table.db" note "$H" "new text"
t_match "saying the file is damaged, not that there is no annotation" "$T_ERR" "damaged"
t_run "highlight fails" 1 "$GLOSS" --db "$T_DIR/table.db" highlight "$A" --quote "nine weeks"
t_match "saying the file is damaged" "$T_ERR" "damaged"
t_nomatch "without a crash or sanitizer report" "$T_ERR" "Sanitizer|runtime error|Segmentation"

# Read-only file and directory: root writes through permissions, so as
# root these run as nobody (setpriv), and skip only without setpriv.
if [ "$(id -u)" -eq 0 ] && ! command -v setpriv >/dev/null 2>&1; then
	for what in "read-only file: annotate refused" "read-only file: reading still works" \
		"read-only file: unchanged" "read-only directory: annotate refused" \
		"read-only directory: reading still works" "read-only directory: unchanged"; do
		T_N=$((T_N + 1))
		echo "ok $T_N # SKIP $what (running as root without setpriv)"
	done
else
	if [ "$(id -u)" -eq 0 ]; then
		ro() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
		chmod 755 "$T_DIR"
	else
		ro() { "$@"; }
	fi
	cp "$REAL" "$T_DIR/ro.db"
	chmod 444 "$T_DIR/ro.db"
	before=$(sum "$T_DIR/ro.db")
	t_run "read-only file: annotate refused" 1 ro "$GLOSS" --db "$T_DIR/ro.db" highlight "$A" --quote "nine weeks"
	t_match "read-only file: says so" "$T_ERR" "ro.db.*(read-only|not writable)"
	t_run "read-only file: reading still works" 0 ro "$GLOSS" --db "$T_DIR/ro.db" annotations
	t_match "read-only file: the annotation is there" "$T_OUT" "confirmed note"
	t_eq "read-only file: unchanged" "$(sum "$T_DIR/ro.db")" "$before"
	mkdir -p "$T_DIR/rodir"
	cp "$REAL" "$T_DIR/rodir/g.db"
	chmod 666 "$T_DIR/rodir/g.db"
	chmod 555 "$T_DIR/rodir"
	before=$(sum "$T_DIR/rodir/g.db")
	t_run "read-only directory: annotate refused" 1 ro "$GLOSS" --db "$T_DIR/rodir/g.db" highlight "$A" --quote "nine weeks"
	t_match "read-only directory: names the file and says the directory is not writable" "$T_ERR" "g.db.*director"
	t_run "read-only directory: reading still works" 0 ro "$GLOSS" --db "$T_DIR/rodir/g.db" annotations
	t_match "read-only directory: the annotation is there" "$T_OUT" "confirmed note"
	t_eq "read-only directory: unchanged" "$(sum "$T_DIR/rodir/g.db")" "$before"
	chmod 755 "$T_DIR/rodir"
fi

# SQLITE_FULL: a cap a little above the current size, then a big import.
cp "$REAL" "$T_DIR/full.db"
pages=$("$PYTHON3" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("pragma page_count").fetchone()[0])' "$T_DIR/full.db")
"$PYTHON3" - "$D/big.txt" <<'PY'
import random, sys
random.seed(1)
words = ['alpha', 'beta', 'gamma', 'delta', 'harbour', 'train', 'summit', 'river', 'council', 'budget']
paras = [' '.join(random.choice(words) for _ in range(200)) + '.' for _ in range(300)]
open(sys.argv[1], 'w').write('A big article\n\n' + '\n\n'.join(paras) + '\n')
PY
before=$(t_db_dump "$T_DIR/full.db")
t_run "a full database: the import fails" 1 env GLOSS_TEST_MAX_PAGES=$((pages + 8)) "$GLOSS" --db "$T_DIR/full.db" import "$D/big.txt"
t_match "naming the file and saying the database is full" "$T_ERR" "big.txt.*full"
t_eq "no half-written article: the contents are unchanged" "$(t_db_dump "$T_DIR/full.db")" "$before"
t_run "a big note into the full database fails" 1 sh -c 'head -c 1000000 /dev/zero | tr "\0" n | env GLOSS_TEST_MAX_PAGES=$1 "$2" --db "$3" note "$4" -' sh $((pages + 8)) "$GLOSS" "$T_DIR/full.db" "$H"
t_match "saying it is full" "$T_ERR" "full"
t_run "the confirmed annotation is still there" 0 "$GLOSS" --db "$T_DIR/full.db" annotations
t_match "with its note" "$T_OUT" "^$H	$A	ok	.*reopened to traffic	confirmed note"
t_run "integrity check" 0 "$PYTHON3" -c 'import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute("pragma integrity_check").fetchone()[0]; sys.exit(r!="ok")' "$T_DIR/full.db"
t_run "with room again, the import works" 0 "$GLOSS" --db "$T_DIR/full.db" import "$D/big.txt"

# Locked: another process holds an exclusive transaction for as long as
# gloss runs (so longer than any busy timeout, on any machine); gloss
# must give up with a message, not wait forever (a 60 s guard).
cp "$REAL" "$T_DIR/locked.db"
before=$(t_db_dump "$T_DIR/locked.db")
cat > "$T_DIR/lock.py" <<'PY'
import sqlite3, subprocess, sys
db = sys.argv[1]
c = sqlite3.connect(db, isolation_level=None, timeout=0)
c.execute('BEGIN EXCLUSIVE')
c.execute("update highlight set id = id where 0")
try:
    p = subprocess.run(sys.argv[2:], capture_output=True, timeout=60)
except subprocess.TimeoutExpired:
    print('gloss did not give up within 60 s')
    sys.exit(3)
finally:
    c.execute('ROLLBACK')
sys.stdout.write(p.stdout.decode(errors='replace'))
sys.stderr.write(p.stderr.decode(errors='replace'))
sys.exit(p.returncode)
PY
t_run "a database locked past the busy timeout: highlight fails" 1 "$PYTHON3" "$T_DIR/lock.py" "$T_DIR/locked.db" "$GLOSS" --db "$T_DIR/locked.db" highlight "$A" --quote "nine weeks"
t_match "saying it is locked" "$T_ERR" "locked"
t_run "note fails the same way" 1 "$PYTHON3" "$T_DIR/lock.py" "$T_DIR/locked.db" "$GLOSS" --db "$T_DIR/locked.db" note "$H" "changed"
t_match "saying it is locked" "$T_ERR" "locked"
t_eq "nothing changed while it was locked" "$(t_db_dump "$T_DIR/locked.db")" "$before"
t_run "when the lock is gone, highlight succeeds" 0 "$GLOSS" --db "$T_DIR/locked.db" highlight "$A" --quote "nine weeks"
t_run "and the annotations are all there" 0 "$GLOSS" --db "$T_DIR/locked.db" annotations
t_match "the confirmed one" "$T_OUT" "confirmed note"
t_match "and the new one" "$T_OUT" "nine weeks"
t_done
