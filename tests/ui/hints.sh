#!/bin/sh
# hints.sh — the status line's key hints come from the bindings: rebound
# keys show in them, and a screen name in the config comes from the view
# registry (so every screen, and no other word, is accepted).
. "$TOP_SRCDIR/tests/lib.sh"

"$GLOSS" samples add >/dev/null || exit 1 # a GLOSS_DB library starts empty

# The defaults first.
ui_start 100 30 "$GLOSS"
ui_wait "the library's hints, by default" "Enter reads · / filters · \? keys"
ui_keys E
ui_wait "the entity index's hints" "Enter mentions · / filter · s sort · m mark · S split"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

mkdir -p "$XDG_CONFIG_HOME/gloss"
cat > "$XDG_CONFIG_HOME/gloss/config" <<'CFG'
bind library o enter
bind library Enter none
bind library F2 help
bind library ? none
bind library F1 none
bind entities o sort
bind entities s none
bind correct x quit
bind reader z undo
bind reader U none
bind nowhere x quit
CFG
ui_start 100 30 "$GLOSS"
ui_wait "an unknown screen is reported" "config:11: unknown screen 'nowhere'"
ui_keys j # a key clears the message
ui_wait "the hints follow the rebound keys" "o reads · / filters · F2 keys"
t_nomatch "and no longer name the old ones" "$(ui_screen)" "Enter reads|\? keys"
ui_keys z
ui_wait "an unbound key's message names the help key as bound" "z is not bound here \(F2 shows the keys\)"
ui_keys o
ui_wait "o reads, as the hint says" "entities"
ui_keys ')' 1
ui_wait "a highlight" "tagged .* \(saved\)"
ui_keys D
ui_wait "a message's key hint follows a rebound key too" "annotation deleted \(z undoes\)"
ui_keys z
ui_wait "z undoes" "restored the annotation"
ui_keys q
ui_wait "back in the library" "o reads"
ui_keys E
ui_wait "the entity index's hint follows too" "Enter mentions · / filter · o sort · m mark"
ui_keys '?'
ui_wait "the help names what the screen is (from the registry)" "Keys of the entities screen, the entity index"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop
rm -f "$XDG_CONFIG_HOME/gloss/config"
t_done
