#!/bin/sh
# diskfull.sh — a WAL library whose -shm file cannot be made (a full disk;
# here a file size limit, which fails the same write without root or a
# small file system) is still read, read-only, with the reason said; and
# with committed changes in its -wal it is refused with the reason, never
# read without them (issue 14).
. "$TOP_SRCDIR/tests/lib.sh"

db="$T_DIR/lib.db"
printf 'Full Disk\n\nAlpha sentence one is here. Beta sentence two is here.\n' > "$T_DIR/a.txt"
t_run "import" 0 "$GLOSS" --db "$db" import "$T_DIR/a.txt"
t_run "highlight" 0 "$GLOSS" --db "$db" highlight 1 --quote "Beta sentence" --tag claim
[ ! -e "$db-shm" ] || t_ok 1 "no -shm file left after a clean exit"

# limited CMD...: CMD with files limited to 0 bytes (SIGXFSZ ignored, so a
# write past the limit fails with EFBIG as a full disk fails with ENOSPC);
# the output goes through pipes, which the limit does not touch.
limited() {
	sh -c 'trap "" XFSZ; ulimit -f 0; "$@" 2>&1; echo "exit $?"' sh "$@" | cat
}

out=$(limited "$GLOSS" --db "$db" list)
t_match "list still works" "$out" "Full Disk"
t_match "and exits 0" "$out" "exit 0"
t_match "saying why it is read-only" "$out" "cannot create '.*lib.db-shm' \(File too large; is the disk full\?\): opened read-only"
t_nomatch "not a bare disk I/O error" "$out" "disk I/O error"
out=$(limited "$GLOSS" --db "$db" annotations)
t_match "annotations are read" "$out" "Beta sentence"
out=$(limited "$GLOSS" --db "$db" note 1 "a note")
t_match "a change is refused" "$out" "read-only"
t_match "with status 1" "$out" "exit 1"
rm -f "$db-shm" "$db-wal"
t_run "the note was not saved" 0 "$GLOSS" --db "$db" annotations --json
t_match "no note" "$T_OUT" '"note":null'

# Committed changes waiting in the -wal, and no -shm: reading the file
# without its log would show a stale library.  Refused, with the reason.
command -v "$PYTHON3" >/dev/null 2>&1 || { t_done; exit $?; }
"$PYTHON3" - "$db" <<'PY'
import os, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA journal_mode = WAL")
con.execute("PRAGMA wal_autocheckpoint = 0")
con.execute("UPDATE article SET title = 'Changed In The Log'")
os._exit(0)  # no checkpoint: the change stays in the -wal
PY
rm -f "$db-shm"
[ -s "$db-wal" ] && t_ok 0 "a -wal with committed changes" || t_ok 1 "a -wal with committed changes"
out=$(limited "$GLOSS" --db "$db" list)
t_match "is refused" "$out" "exit 1"
t_match "naming the cause and what to do" "$out" "cannot read the changes committed to .*-wal'; free some space"
t_nomatch "never the stale title" "$out" "Full Disk"
t_run "with room again, the change is there" 0 "$GLOSS" --db "$db" list
t_match "the title from the log" "$T_OUT" "Changed In The Log"
t_done
