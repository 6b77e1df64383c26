#!/bin/sh
# samples.sh — the reader opened on a new default library: the sample
# articles are there, the status line says so once, and the library's
# help says how to remove them.  A GLOSS_DB library opens empty.
. "$TOP_SRCDIR/tests/lib.sh"

ui_start 120 24 "env -u GLOSS_DB $GLOSS"
ui_wait "the default library opens with the samples" "5 articles"
ui_wait "the status line says so" "a new library, with 5 sample articles to try \('gloss samples remove' removes them"
ui_keys '?'
ui_wait "the library's help has an entry for them" "^ *samples +gloss samples remove +removes the sample articles"
ui_keys q Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

ui_start 120 24 "env -u GLOSS_DB $GLOSS"
ui_wait "opened again" "5 articles"
ui_wait_gone "it says so only once" "sample articles to try"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

ui_start 120 24 "$GLOSS"
ui_wait "a GLOSS_DB library opens" "0 articles|[Nn]o articles"
ui_wait_gone "with nothing in it" "Kim Jong"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
t_done
