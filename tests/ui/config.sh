#!/bin/sh
# config.sh — the configuration file, NO_COLOR, 8-colour terminals, and
# exact layout of wide and combining characters.
. "$TOP_SRCDIR/tests/lib.sh"

"$GLOSS" samples add >/dev/null || exit 1 # a GLOSS_DB library starts empty
mkdir -p "$XDG_CONFIG_HOME/gloss"
cat > "$XDG_CONFIG_HOME/gloss/config" <<'CFG'
# a user's configuration
bind reader x quit
bind reader ! no-such-action
color status white blue bold
CFG

ui_start 100 30 "$GLOSS"
ui_wait "a bad config line is reported with file and line" "config:3: unknown action 'no-such-action'"
ui_wait "and gloss starts with the rest" "Title +Outlet"
ui_keys Enter
ui_wait "the reader" "entities"
ui_keys x
ui_wait "a user binding works (x is quit here)" "Title +Outlet"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop
rm -f "$XDG_CONFIG_HOME/gloss/config"

# NO_COLOR: no colour escapes, but attributes still mark entities and the focus.
ui_start 100 30 "env NO_COLOR=1 $GLOSS"
ui_wait "NO_COLOR starts" "Title +Outlet"
ui_keys Enter
ui_wait "the reader under NO_COLOR" "entities"
ui_keys ')'
sleep 0.3
scr=$(ui_screen_e)
# 39 and 49 are "default colour", which tmux writes for every cell.
t_nomatch "no colour escapes" "$scr" "$(printf '\033')\[([0-9;]*;)?(3[0-8]|4[0-8])[;m]"
t_match "bold or underline marks entities" "$scr" "$(printf '\033')\[[0-9;]*(1|4)m"
t_match "the focus is shown by an attribute" "$scr" "$(printf '\033')\[[0-9;]*(2|7)m"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

# Wide and combining characters line up: the minimap column stays put.
D=$T_DIR/in
mkdir -p "$D"
{
	printf 'Wide text test\n\n'
	i=0
	while [ $i -lt 12 ]; do
		printf '東京の記者会見で首相は新しい予算を発表した。 Cafe\314\201 re\314\201sume\314\201 nai\314\210ve coo\314\210perate 👩‍👩‍👧 flag 🇯🇵 mixed 한국어 텍스트. '
		i=$((i + 1))
	done
	printf '\n'
} > "$D/wide.txt"
id=$("$GLOSS" import "$D/wide.txt" | sed -n 's/^imported \([0-9]*\).*/\1/p')
ui_start 60 20 "$GLOSS"
ui_wait "the library" "Title"
ui_keys G Enter
ui_wait "the wide article opens" "Wide text test"
scr=$(ui_screen)
bad=$(printf '%s\n' "$scr" | sed -n '2,18p' | "$PYTHON3" -c '
import sys, unicodedata
def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or ch in "\u200d\ufe0f": continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w
bad = [l for l in sys.stdin.read().split("\n") if l and width(l.rstrip()) > 60]
print(len(bad))')
t_eq "no line is wider than the window" "$bad" "0"
t_match "combining marks stay on their letters" "$scr" "Café résumé"
t_match "and on the next line too" "$scr" "naïve coöperate"
t_match "CJK text is shown" "$scr" "東京の記者会見"
t_done
