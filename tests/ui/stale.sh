#!/bin/sh
# stale.sh — a reader open on an article that another process re-imports
# with a changed text (gloss import --replace) never saves an annotation
# with the old text's offsets: the write is refused, the new text shown,
# and what is saved afterwards quotes the text at its offsets (issue 14).
. "$TOP_SRCDIR/tests/lib.sh"
command -v "$PYTHON3" >/dev/null 2>&1 || t_skip_all "python3 is not installed"

printf 'Stale Test\n\nAlpha sentence one is here. Beta sentence two is here.\n\nGamma paragraph three.\n' > "$T_DIR/a.txt"
printf 'Stale Test\n\nInserted words now open the text. Alpha sentence one is here. Beta sentence two is here.\n\nGamma paragraph three.\n' > "$T_DIR/b.txt"
t_run "import" 0 "$GLOSS" import "$T_DIR/a.txt"

check() { # DESCRIPTION: every highlight quotes its text
	"$GLOSS" export --json > "$T_DIR/b.json" &&
	t_run "$1" 0 "$PYTHON3" "$TOP_SRCDIR/tests/anchors.py" "$T_DIR/b.json"
}

ui_start 100 30 "$GLOSS"
ui_wait "the library" "Stale Test"
ui_keys Enter
ui_wait "the reader" "Alpha sentence one"
# A key just before the re-import restarts the UI's one-second wait for a
# key, so that the tag below comes before it notices the change.
ui_keys j
"$GLOSS" import --replace 1 "$T_DIR/b.txt" >/dev/null 2>&1
ui_keys 1
ui_wait "the tag is refused or lands on the text shown" \
	"re-imported\) by another gloss|tagged key-fact \(saved\)"
if ui_screen | grep -q "re-imported) by another gloss"; then
	ui_wait "and the new text is shown" "Inserted words now open"
	t_run "nothing was saved" 0 "$GLOSS" annotations --json
	t_eq "no annotation" "$T_OUT" "[]"
	ui_keys 1
	ui_wait "tagging again works on the new text" "tagged key-fact \(saved\)"
fi
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop
check "the saved highlight quotes the text at its offsets"
t_run "one annotation" 0 "$GLOSS" annotations --json
t_match "tagged key-fact" "$T_OUT" '"key-fact"'

# The CLI reads the article's text as it writes: always the current one.
t_run "CLI highlight on the new text" 0 "$GLOSS" highlight 1 --quote "Gamma paragraph" --tag key-fact
check "still every quote at its offsets"
t_done
