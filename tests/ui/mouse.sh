#!/bin/sh
# mouse.sh — "set mouse on": the wheel moves through the library and
# scrolls the reader, a click chooses a row; with the mouse off (the
# default) gloss leaves the terminal's mouse reporting off, so the mouse
# keeps selecting text.  The reports are the SGR sequences xterm sends
# (ESC [ < button ; column ; row M, m on release).
. "$TOP_SRCDIR/tests/lib.sh"

wheel_down() { ui_text "$(printf '\033[<65;%s;%sM' "$1" "$2")"; }
wheel_up() { ui_text "$(printf '\033[<64;%s;%sM' "$1" "$2")"; }
click() { ui_text "$(printf '\033[<0;%s;%sM\033[<0;%s;%sm' "$1" "$2" "$1" "$2")"; }

"$GLOSS" samples add >/dev/null || exit 1 # a GLOSS_DB library starts empty
mkdir -p "$XDG_CONFIG_HOME/gloss"
echo "set mouse on" > "$XDG_CONFIG_HOME/gloss/config"

modes() { "$TMUX_BIN" -L "$T_TMUX_SOCKET" display -p -t t '#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}'; }

ui_start 100 20 "$GLOSS"
ui_wait "the library" "^ 1/5 "
t_match "mouse on: the terminal reports clicks" "$(modes)" "1"
wheel_down 10 5
ui_wait "the wheel moves down three rows" "^ 4/5 "
wheel_up 10 5
ui_wait "and back up" "^ 1/5 "
click 10 5
ui_wait "a click chooses the row under it (the third article)" "^ 3/5 "
ui_keys Enter
ui_wait "Enter reads it" "entities"
top=$(ui_screen | sed -n 2p)
wheel_down 20 10
sleep 0.3
ui_wait "the wheel scrolls the reader" "entities"
t_ok "$([ "$(ui_screen | sed -n 2p)" != "$top" ]; echo $?)" "the first line shown is another one"
wheel_up 20 10
sleep 0.3
t_eq "and scrolls back" "$(ui_screen | sed -n 2p)" "$top"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

# Mouse off (the default): reporting stays off in the terminal.
rm -f "$XDG_CONFIG_HOME/gloss/config"
ui_start 100 20 "$GLOSS"
# (the library starts on the article read last: the third)
ui_wait "the library, mouse off" "^ 3/5 "
t_eq "mouse off: the terminal reports nothing" "$(modes)" "000"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

t_done
