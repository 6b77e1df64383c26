#!/bin/sh
# paths.sh — names gloss must not take as a library, a configuration or a
# theme: names SQLite treats specially ("", ":memory:", "file:" URIs),
# directories, FIFOs and devices.  Each is refused with a message that
# says why, nothing hangs, and nothing is confirmed that is then lost.
. "$TOP_SRCDIR/tests/lib.sh"

D=$T_DIR/in
mkdir -p "$D"
printf 'Harbour bridge reopens\n\nThe harbour bridge reopened to traffic on Friday.\n' > "$D/a.txt"
cd "$T_DIR" || exit 1

# --- names SQLite does not take as a file -----------------------------------
t_run "--db '' import is refused" 1 "$GLOSS" --db "" import "$D/a.txt"
t_match "says the name is empty" "$T_ERR" "name is empty"
t_nomatch "and never says imported" "$T_OUT" "imported"
t_run "--db :memory: is refused" 1 "$GLOSS" --db :memory: import "$D/a.txt"
t_match "says it would be kept in memory only" "$T_ERR" "':memory:'.*memory only"
t_nomatch "and never says imported" "$T_OUT" "imported"
t_ok "$([ ! -e "$T_DIR/:memory:" ]; echo $?)" "and makes no file of that name"
t_run "--db file:x.db is refused" 1 "$GLOSS" --db "file:$T_DIR/x.db?mode=memory" import "$D/a.txt"
t_match "says a URI is not a path" "$T_ERR" "not an SQLite URI"
t_run "GLOSS_DB='' is refused" 1 env GLOSS_DB= "$GLOSS" import "$D/a.txt"
t_match "says the name is empty" "$T_ERR" "name is empty"
t_ok "$([ ! -e "$HOME/.local/share/gloss/gloss.db" ]; echo $?)" "and does not fall back to the default library"
t_run "a file really named :memory: is reached as ./:memory:" 0 "$GLOSS" --db ./:memory: import "$D/a.txt"
t_run "and keeps what it confirmed" 0 "$GLOSS" --db ./:memory: list
t_match "the article is there" "$T_OUT" "Harbour bridge reopens"

# --- files that are not regular files ---------------------------------------
mkdir -p "$T_DIR/adir"
t_run "--db DIR is refused" 1 "$GLOSS" --db "$T_DIR/adir" list
t_match "says it is a directory" "$T_ERR" "'$T_DIR/adir'.*is a directory"
mkfifo "$T_DIR/fifo"
t_run "--db FIFO is refused at once" 1 timeout 10 "$GLOSS" --db "$T_DIR/fifo" list
t_match "says it is not a regular file" "$T_ERR" "'$T_DIR/fifo'.*not a regular file \(it is a FIFO\)"
t_run "--db /dev/null is refused" 1 "$GLOSS" --db /dev/null list
t_match "says it is a device" "$T_ERR" "not a regular file \(it is a device\)"

# --- a failed restore to a new path leaves nothing behind -------------------
printf '{"not": "a backup"' > "$D/bad.json"
t_run "a bad backup into a new library fails" 1 "$GLOSS" --db "$T_DIR/new.db" restore "$D/bad.json"
t_ok "$([ ! -e "$T_DIR/new.db" ] && [ ! -e "$T_DIR/new.db-wal" ] && [ ! -e "$T_DIR/new.db-shm" ]; echo $?)" "and leaves no library behind"
t_run "a good library" 0 "$GLOSS" --db "$T_DIR/old.db" import "$D/a.txt"
t_run "a bad backup into an existing library fails" 1 "$GLOSS" --db "$T_DIR/old.db" restore "$D/bad.json"
t_run "which is kept" 0 "$GLOSS" --db "$T_DIR/old.db" list
t_match "with its article" "$T_OUT" "Harbour bridge reopens"

t_done
