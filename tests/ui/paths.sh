#!/bin/sh
# paths.sh (UI) — a configuration or theme file that is a FIFO, a device
# or a directory: the reader starts at once and says what is wrong,
# instead of blocking on the open forever.
. "$TOP_SRCDIR/tests/lib.sh"

"$GLOSS" list >/dev/null || exit 1
mkfifo "$T_DIR/fifo"
ui_start 100 30 "$GLOSS" --config "$T_DIR/fifo"
ui_wait "a FIFO --config: the reader starts" "Title +Outlet"
ui_wait "and says it is not a regular file" "fifo:0: cannot read: it is not a regular file"
ui_keys q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

mkdir -p "$XDG_CONFIG_HOME/gloss/themes"
mkfifo "$XDG_CONFIG_HOME/gloss/themes/pipe.theme"
printf 'set theme pipe\n' > "$T_DIR/config"
ui_start 100 30 "$GLOSS" --config "$T_DIR/config"
ui_wait "a FIFO theme: the reader starts" "Title +Outlet"
ui_wait "and says the theme is not a regular file" "pipe.theme:0: cannot read: it is not a regular"
ui_keys q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

ui_start 100 30 "$GLOSS" --config "$T_DIR"
ui_wait "a directory --config: the reader starts" "Title +Outlet"
ui_wait "and says it is a directory" "cannot read: it is a directory"
ui_keys q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop
t_done
