#!/bin/sh
# note_editor.sh — A writes the note in $EDITOR: the file is *.md, opens
# with the quote for context in a comment, and the comment is not saved.
. "$TOP_SRCDIR/tests/lib.sh"

"$GLOSS" samples add >/dev/null || exit 1
t_run "a highlight with a note" 0 "$GLOSS" highlight 1 --quote "bulletproof train" --note "first **draft**"

# The editor keeps what it was given, then writes a Markdown note below
# the comment (as a user would: the comment stays in the file).
cat > "$T_DIR/editor.sh" <<ED
#!/bin/sh
printf '%s\n' "\$1" > "$T_DIR/name"
cp "\$1" "$T_DIR/seen"
sed 's/^first \*\*draft\*\*\$/- a *Markdown* note\n- with #tag/' "\$1" > "\$1.new" && mv "\$1.new" "\$1"
ED
chmod +x "$T_DIR/editor.sh"
ui_start 100 30 "env VISUAL= EDITOR=$T_DIR/editor.sh $GLOSS"
ui_wait "the library" "Title +Outlet"
ui_keys g Enter
ui_wait "the reader" "1 annotation"
ui_keys ']'
ui_wait "] jumps to the annotation" "annotation 1 of 1"
ui_keys A
ui_wait "A runs the editor and saves the note" "note saved"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

t_match "the editor's file is Markdown (*.md)" "$(cat "$T_DIR/name")" '\.md$'
t_match "it opens with the quote in a comment" "$(head -2 "$T_DIR/seen" | tr '\n' '|')" \
	'^<!-- gloss: .*not saved\)\|> .*bulletproof train'
t_match "the comment ends before the note" "$(cat "$T_DIR/seen")" '^-->$'
t_match "the note follows it" "$(tail -1 "$T_DIR/seen")" '^first \*\*draft\*\*$'
t_run "the note" 0 "$GLOSS" annotations --json
t_run "is saved without the comment" 0 "$PYTHON3" -c "
import json,sys
d=json.loads(sys.argv[1])
assert d[0]['note']=='- a *Markdown* note\n- with #tag', repr(d[0]['note'])
" "$T_OUT"
t_done
