#!/bin/sh
# annotate.sh — tag, note, select, delete and undo in the reader; quit,
# reopen and find it all there; a kill -9 loses nothing confirmed.
. "$TOP_SRCDIR/tests/lib.sh"

"$GLOSS" samples add >/dev/null || exit 1 # a GLOSS_DB library starts empty
ui_start 100 30 "$GLOSS"
ui_wait "the library" "Title +Outlet"
ui_keys g Enter
ui_wait "the reader" "entities"
ui_keys ')'
ui_keys 1
ui_wait "1 tags the focused sentence" "tagged key-fact \(saved\)"
ui_keys a
ui_wait "a asks for a note" "^note:"
ui_text "a note typed in the reader"
ui_keys Enter
ui_wait "the note is saved" "note saved"
ui_wait "and marked in the margin" "^✎"

# A selection across a paragraph boundary.
ui_keys '}' v '}' 
ui_wait "v starts a selection that } extends" "\[selection\]"
ui_keys 3
ui_wait "3 tags the selection" "tagged quote"

# A long note through $EDITOR.
cat > "$T_DIR/editor.sh" <<'ED'
#!/bin/sh
printf 'A long note\nwritten in an editor.\n' > "$1"
ED
chmod +x "$T_DIR/editor.sh"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

t_run "after quitting, the highlights are there" 0 "$GLOSS" annotations --json
printf '%s' "$T_OUT" > "$T_DIR/a.json"
t_run "with their tags and note" 0 "$PYTHON3" -c "
import json,sys
d=json.load(open(sys.argv[1]))
assert len(d)==2, d
assert d[0]['tags']==['key-fact'] and d[0]['note']=='a note typed in the reader', d[0]
assert d[1]['tags']==['quote'] and '\n' in d[1]['quote'], d[1]
" "$T_DIR/a.json"

ui_start 100 30 "env EDITOR=$T_DIR/editor.sh $GLOSS"
ui_wait "reopened" "Title +Outlet"
ui_keys g Enter
ui_wait "the reader again" "1 annotation|2 annotations"
ui_keys g "]"
ui_wait "] jumps to the annotation" "annotation 1 of 2 #key-fact \(note\)"
ui_keys A
ui_wait "A runs the editor and saves the note" "note saved"
ui_keys D
ui_wait "D deletes the annotation" "annotation deleted \(U undoes\)"
ui_keys U
ui_wait "U restores it" "restored the annotation"
ui_keys ']'
ui_wait "the next one" "annotation 2 of 2"
ui_keys 2
ui_wait "2 adds another tag at once" "tagged claim \(saved\)"
# kill -9 right after the screen said it was saved.
pane=$("$TMUX_BIN" -L "$T_TMUX_SOCKET" display-message -p -t t '#{pane_pid}')
pkill -9 -P "$pane"
sleep 0.5
t_run "after kill -9 the database is sound" 0 "$PYTHON3" -c "
import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
assert c.execute('pragma integrity_check').fetchone()[0]=='ok'
" "$GLOSS_DB"
t_run "and every confirmed change is there" 0 "$GLOSS" annotations --json
printf '%s' "$T_OUT" > "$T_DIR/b.json"
t_run "the editor's note, the restored highlight, the claim tag" 0 "$PYTHON3" -c "
import json,sys
d=json.load(open(sys.argv[1]))
assert len(d)==2, d
assert d[0]['note']=='A long note\nwritten in an editor.', d[0]
assert sorted(d[1]['tags'])==['claim','quote'], d[1]
" "$T_DIR/b.json"
t_done
