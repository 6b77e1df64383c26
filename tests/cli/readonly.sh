#!/bin/sh
# readonly.sh — a library in a directory gloss cannot write, left with a
# -wal file that holds committed changes and no -shm (gloss killed before
# it folded them in): it is never read as a stale snapshot; gloss refuses
# with the reason and what to do.  Runs unprivileged through setpriv when
# the tests run as root (root writes through permissions).
. "$TOP_SRCDIR/tests/lib.sh"

if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null 2>&1 || t_skip_all "running as root without setpriv"
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	chmod 755 "$T_DIR"
else
	as_user() { "$@"; }
fi
D=$T_DIR/in
mkdir -p "$D"
printf 'Harbour bridge reopens\n\nThe harbour bridge reopened to traffic on Friday after repairs.\n' > "$D/a.txt"
L=$T_DIR/lib.db
t_run "a library" 0 "$GLOSS" --db "$L" import "$D/a.txt"
A=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
t_run "with a note" 0 "$GLOSS" --db "$L" highlight "$A" --quote "reopened to traffic" --note "first note"
# A change committed to the -wal, then the files copied as a killed gloss
# leaves them: the database, its -wal, no -shm.
mkdir -p "$T_DIR/ro"
"$PYTHON3" - "$L" "$T_DIR/ro/lib.db" <<'PY'
import shutil, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA wal_autocheckpoint = 0")
c.execute("UPDATE note SET body = 'committed in the log'")
c.commit()
shutil.copyfile(sys.argv[1], sys.argv[2])
shutil.copyfile(sys.argv[1] + "-wal", sys.argv[2] + "-wal")
c.close()
PY
chmod 644 "$T_DIR/ro/lib.db" "$T_DIR/ro/lib.db-wal"
chmod 555 "$T_DIR/ro"
t_ok "$([ -s "$T_DIR/ro/lib.db-wal" ] && [ ! -e "$T_DIR/ro/lib.db-shm" ]; echo $?)" "a -wal with changes and no -shm"
t_run "annotations refuses rather than read a stale snapshot" 1 as_user "$GLOSS" --db "$T_DIR/ro/lib.db" annotations
t_nomatch "it never shows the note as it was before the log" "$T_OUT" "first note"
t_match "it says why and what to do" "$T_ERR" "write-ahead log .*-wal.*make the directory writable"
t_run "export --json refuses too" 1 as_user "$GLOSS" --db "$T_DIR/ro/lib.db" export --json
t_nomatch "without a stale backup" "$T_OUT" "first note"
chmod 777 "$T_DIR/ro"
t_run "with the directory writable it opens" 0 as_user "$GLOSS" --db "$T_DIR/ro/lib.db" annotations
t_match "with the change from the log" "$T_OUT" "committed in the log"
t_done
