#!/bin/sh
# keep.sh (UI) — a note written in the reader never replaces, unseen, a
# note another process saved meanwhile: both are kept and the status
# line says so.
. "$TOP_SRCDIR/tests/lib.sh"

D=$T_DIR/in
mkdir -p "$D"
printf 'Harbour bridge reopens\n\nThe harbour bridge reopened to traffic on Friday after repairs.\n\nEngineers said the work took nine weeks.\n' > "$D/a.txt"
export GLOSS_DB="$T_DIR/k.db"
A=$("$GLOSS" import "$D/a.txt" | sed -n 's/^imported \([0-9]*\).*/\1/p')
[ -n "$A" ] || exit 1
ui_start 100 30 "$GLOSS"
ui_wait "the library" "Title +Outlet"
ui_keys G Enter
ui_wait "the reader" "Harbour bridge reopens"
sleep 0.3
# The sentence now has a note, saved by another process while the
# reader shows it without one.
"$GLOSS" highlight "$A" --quote "The harbour bridge reopened to traffic on Friday after repairs." --note "from the command line" >/dev/null
ui_keys a
ui_wait "a asks for a note" "^note:"
ui_text "typed in the reader"
ui_keys Enter
ui_wait "the status line says the other note was kept" "changed elsewhere meanwhile: yours was added after it|note saved"
ui_wait "and the margin marks the note" "^✎"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop
t_run "annotations" 0 "$GLOSS" annotations --json
printf '%s' "$T_OUT" > "$T_DIR/a.json"
t_run "both notes are kept" 0 "$PYTHON3" -c "
import json,sys
d=json.load(open(sys.argv[1]))
assert len(d)==1, d
n=d[0]['note']
assert 'from the command line' in n and 'typed in the reader' in n, n
" "$T_DIR/a.json"
t_done
