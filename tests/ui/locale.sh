#!/bin/sh
# locale.sh — under a locale that is not UTF-8 (LANG=C) the reader still
# draws UTF-8 text (’ as ’, not ~@~Y) and says what it did.
. "$TOP_SRCDIR/tests/lib.sh"
# The sample articles, as the default library has them.
"$GLOSS" samples add >/dev/null 2>&1 || exit 1

"$GLOSS" list >/dev/null || exit 1
ui_start 120 30 "env LANG=C LC_ALL=C $GLOSS"
ui_wait "the library starts under LANG=C" "Title +Outlet"
ui_wait "and says the screen uses C.UTF-8" "not UTF-8: the screen uses C.UTF-8"
ui_keys j Enter
ui_wait "the reader shows ’ as itself" "Kim Jong Un’s heavily"
ui_wait_gone "and no ~@ mangling" "~@"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop
t_done
