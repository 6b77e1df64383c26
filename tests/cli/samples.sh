#!/bin/sh
# samples.sh — only the default library (no --db, no GLOSS_DB) starts with
# the bundled sample articles, said once on stderr; every other library
# starts empty; `gloss samples add` and `remove` put them in and take them
# out, keeping annotated ones unless --yes.
. "$TOP_SRCDIR/tests/lib.sh"

mkdir -p "$T_DIR/in"
printf 'Harbour bridge reopens\n\nThe harbour bridge reopened to traffic on Friday, Mayor Ana Lind said.\n' > "$T_DIR/in/mine.txt"
count() { printf '%s\n' "$1" | grep -c '^[0-9]'; }

# --- a library named with --db or GLOSS_DB starts empty --------------------
t_run "import into a new --db library" 0 "$GLOSS" --db "$T_DIR/new.db" import "$T_DIR/in/mine.txt"
t_nomatch "no word of samples" "$T_ERR" "sample"
t_run "its list" 0 "$GLOSS" --db "$T_DIR/new.db" list
t_eq "holds only the imported article" "$(count "$T_OUT")" 1
t_run "its entities" 0 "$GLOSS" --db "$T_DIR/new.db" entities
t_nomatch "come from that article alone" "$T_OUT" "Kim Jong"
t_run "a new GLOSS_DB library" 0 "$GLOSS" list
t_eq "is empty" "$T_OUT" ""
t_nomatch "and says nothing of samples" "$T_ERR" "sample"

# --- the default library gets them, once, and says so once -----------------
t_run "the first command on the default library" 0 env -u GLOSS_DB "$GLOSS" list
t_eq "imports the five samples" "$(count "$T_OUT")" 5
t_match "says so on stderr" "$T_ERR" "^gloss: a new library, with 5 sample articles to try; 'gloss samples remove' removes them$"
t_ok "$([ -f "$XDG_DATA_HOME/gloss/gloss.db" ]; echo $?)" "in \$XDG_DATA_HOME/gloss/gloss.db"
t_run "the second command" 0 env -u GLOSS_DB "$GLOSS" list
t_eq "finds the same five" "$(count "$T_OUT")" 5
t_eq "and says nothing more" "$T_ERR" ""
t_run "GLOSS_DB set to empty is refused, not taken for the default library" 1 env GLOSS_DB= "$GLOSS" list
t_match "saying why" "$T_ERR" "name is empty"
rm -rf "$XDG_DATA_HOME/gloss"
t_run "any first command creates it with the samples" 0 env -u GLOSS_DB "$GLOSS" import "$T_DIR/in/mine.txt"
t_match "says so" "$T_ERR" "5 sample articles"
t_run "then" 0 env -u GLOSS_DB "$GLOSS" list
t_eq "the five and the import" "$(count "$T_OUT")" 6
t_run "a restore into a new default library" 0 env -u GLOSS_DB "$GLOSS" export --json -o "$T_DIR/b.json"
rm -rf "$XDG_DATA_HOME/gloss"
t_run "restores" 0 env -u GLOSS_DB "$GLOSS" restore "$T_DIR/b.json"
t_match "exactly the library that was saved" "$T_OUT" "^restored: 6 articles added, 0 already there"

# --- samples remove / add ---------------------------------------------------
D=$T_DIR/d.db
t_run "samples add to a --db library" 0 "$GLOSS" --db "$D" samples add
t_eq "says how many" "$T_OUT" "added 5 sample articles"
t_run "again" 0 "$GLOSS" --db "$D" samples add
t_eq "adds none twice" "$T_OUT" "the sample articles are in the library already"
t_run "with one of the user's" 0 "$GLOSS" --db "$D" import "$T_DIR/in/mine.txt"
M=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
t_run "an annotation on a sample" 0 "$GLOSS" --db "$D" highlight 2 --quote "Vladivostok" --occurrence 1 --note "mine"
t_run "samples remove" 0 "$GLOSS" --db "$D" samples remove
t_match "removes the samples nobody annotated" "$T_OUT" "^removed 4 sample articles$"
t_match "keeps the annotated one and says how to remove it" "$T_OUT" "^kept 1 with your annotations \(2\); 'gloss samples remove --yes' removes them too$"
t_run "the list" 0 "$GLOSS" --db "$D" list
t_eq "holds the annotated sample and the user's article" "$(printf '%s\n' "$T_OUT" | cut -f1 | tr '\n' ' ')" "2 $M "
t_run "samples remove --yes" 0 "$GLOSS" --db "$D" samples remove --yes
t_match "removes it too" "$T_OUT" "^removed 1 sample article$"
t_run "the list" 0 "$GLOSS" --db "$D" list
t_eq "the user's article is left" "$(printf '%s\n' "$T_OUT" | cut -f1)" "$M"
t_run "samples remove with none there" 0 "$GLOSS" --db "$D" samples remove
t_eq "says so" "$T_OUT" "no sample articles in the library"
t_run "samples without add or remove" 2 "$GLOSS" --db "$D" samples
t_run "samples with another word" 2 "$GLOSS" --db "$D" samples clear
t_match "names it" "$T_ERR" "'clear' is not add or remove"
t_run "samples --help" 0 "$GLOSS" samples --help
t_match "describes the command" "$T_OUT" "usage: gloss .*samples add \| remove \[--yes\]"
t_done
