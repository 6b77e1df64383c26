#!/bin/sh
# export.sh — x in the reader and the library: the folder prompt expands
# ~ and $VAR, completes folders with Tab, remembers the last folder, and
# starts from `set export-dir` before that; a partial export keeps the
# folder's index whole.
. "$TOP_SRCDIR/tests/lib.sh"

"$GLOSS" samples add >/dev/null || exit 1 # a GLOSS_DB library starts empty
"$GLOSS" highlight 2 --quote "Vladivostok" --occurrence 1 --tag claim >/dev/null
mkdir -p "$HOME/vault-main" "$XDG_CONFIG_HOME/gloss"
printf 'set export-dir ~/from-config\n' > "$XDG_CONFIG_HOME/gloss/config"
"$GLOSS" export -d "$HOME/vault-main" --all >/dev/null

ui_start 120 24 "$GLOSS"
ui_wait "the library" "Title +Outlet"
ui_keys x
ui_wait "x asks for a folder, from set export-dir" "export Markdown to folder \(Tab completes\): ~/from-config"
ui_keys C-u
ui_text "~/vau"
ui_keys Tab
ui_wait "Tab completes the folder as typed" "folder \(Tab completes\): ~/vault-main/ *$"
ui_keys Escape
ui_wait "Esc cancels" "export cancelled"

# The reader's x exports its article into the vault: ~ is the home folder.
ui_keys j Enter
ui_wait "the reader" "entities"
ui_keys x
ui_keys C-u
ui_text "~/vault-main"
ui_keys Enter
ui_wait "exported into the home folder's vault" "exported 2 files to $HOME/vault-main"
t_ok "$([ ! -e "$HOME/~" ] && [ ! -e "./~" ]; echo $?)" "no folder named ~ was made"
t_eq "the index still lists all five articles" "$(grep -c '^- \[' "$HOME/vault-main/index.md")" 5
ui_keys x
ui_wait "the last folder is offered next" "folder \(Tab completes\): ~/vault-main *$"
ui_keys C-u
ui_text '$HOME/other/${USER_DIR}'
ui_keys Enter
ui_wait "an unset variable is named" "cannot expand \\\$USER_DIR: it is not set"
ui_keys x C-u
ui_text '$HOME/other'
ui_keys Enter
ui_wait "\$VAR is expanded" "exported 2 files to $HOME/other"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

ui_start 120 24 "$GLOSS"
ui_wait "opened again" "Title +Outlet"
ui_keys x
ui_wait "the last folder is remembered between runs" "folder \(Tab completes\): \\\$HOME/other *$"
ui_keys Escape Q
ui_wait "quit" "\[gloss exited 0\]"
t_done
