#!/bin/sh
# bigconfig.sh — a config file over 1 MiB: the complete lines of its
# first 1 MiB still apply, and a warning names the file and why the rest
# was ignored (issue 14).
. "$TOP_SRCDIR/tests/lib.sh"

"$GLOSS" samples add >/dev/null || exit 1 # a GLOSS_DB library starts empty
mkdir -p "$XDG_CONFIG_HOME/gloss"
{
	echo "bind reader x quit"
	i=0
	while [ $i -lt 20000 ]; do
		echo "# padding line padding line padding line padding line padding line $i"
		i=$((i + 1))
	done
	echo "bind reader x no-such-action-past-the-limit"
} > "$XDG_CONFIG_HOME/gloss/config"

ui_start 250 30 "$GLOSS"
ui_wait "the warning names the file and why the rest was ignored" \
	"config:0: larger than 1 MiB: only the complete lines"
ui_wait "gloss starts" "Title +Outlet"
t_nomatch "a line past 1 MiB is not read" "$(ui_screen)" "no-such-action"
ui_keys Enter
ui_wait "the reader" "entities"
ui_keys x
ui_wait "a line within the first 1 MiB applies (x is quit here)" "Title +Outlet"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop
t_done
