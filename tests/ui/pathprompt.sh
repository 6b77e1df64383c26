#!/bin/sh
# pathprompt.sh — the library's i prompt is the one path prompt x uses:
# ~ and $VAR expanded as a shell would, Tab completing the path as typed.
. "$TOP_SRCDIR/tests/lib.sh"

"$GLOSS" list >/dev/null || exit 1
mkdir -p "$T_DIR/news"
printf 'Ferry service resumes\n\nThe ferry runs again from Monday, the operator said.\n' \
	>"$T_DIR/news/ferry-report.txt"

ui_start 100 30 "env NEWSDIR=$T_DIR/news $GLOSS"
ui_wait "the library" "Title +Outlet"
ui_keys i
ui_wait "i asks for a URL or a file" "^import URL or file:"
ui_text '$NEWSDIR/fer'
ui_keys Tab
ui_wait "Tab completes after a variable, keeping it as typed" 'import URL or file: \$NEWSDIR/ferry-report\.txt'
ui_keys Enter
ui_wait "the variable is expanded and the file imported" "imported [0-9]+: Ferry service resumes"
ui_keys i
ui_text '${NO_SUCH_VAR_HERE}/x.txt'
ui_keys Enter
ui_wait "an unset variable is an error, not a file name" "cannot import .*NO_SUCH_VAR_HERE"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop
t_done
