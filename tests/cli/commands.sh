#!/bin/sh
# commands.sh — list, show, search, edit, delete, entities, help, errors.
. "$TOP_SRCDIR/tests/lib.sh"

t_run "--version" 0 "$GLOSS" --version
t_match "prints the version" "$T_OUT" "^gloss [0-9]+\.[0-9]+"
t_run "--help" 0 "$GLOSS" --help
help=$T_OUT
for c in import list show search edit delete entities ner highlight annotations note unannotate \
	tags tag link links unlink entity samples; do
	t_match "--help lists $c" "$help" "^  $c "
	t_run "$c --help" 0 "$GLOSS" "$c" --help
	t_match "$c --help shows its usage" "$T_OUT" "^usage: gloss .*$c"
done
t_run "an unknown command" 2 "$GLOSS" frobnicate
t_match "is a usage error" "$T_ERR" "'frobnicate' is not a command"
t_run "an unknown option" 2 "$GLOSS" --frob

t_run "the sample articles to work on" 0 "$GLOSS" samples add
t_run "list --json" 0 "$GLOSS" list --json
t_match "is a JSON array of articles" "$T_OUT" '"id":1,"title":'
printf '%s' "$T_OUT" > "$T_DIR/list.json"
t_run "the JSON parses" 0 "$PYTHON3" -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==5 and all(a['words']>50 for a in d)" "$T_DIR/list.json"
t_run "list --sort words" 0 "$GLOSS" list --sort words
t_run "list --sort nonsense" 2 "$GLOSS" list --sort nonsense

t_run "search" 0 "$GLOSS" search Vladivostok
t_match "finds articles with the word, marked in a snippet" "$T_OUT" "^[0-9]+	.*\[Vladivostok\]"
t_run "search --json" 0 "$GLOSS" search --json train
printf '%s' "$T_OUT" > "$T_DIR/s.json"
t_run "search JSON parses" 0 "$PYTHON3" -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d)>=3" "$T_DIR/s.json"
t_run "search with FTS5 syntax characters" 0 "$GLOSS" search 'NEAR("x' 'OR' '*'
t_run "search without words" 2 "$GLOSS" search

t_run "show a missing article" 1 "$GLOSS" show 99
t_match "says so" "$T_ERR" "no article with id 99"
t_run "show a bad id" 2 "$GLOSS" show abc

t_run "edit" 0 "$GLOSS" edit 2 --title "Corrected title" --outlet "Corrected Outlet" --date 2023-09-12
t_run "the edit shows" 0 "$GLOSS" list
t_match "in the list" "$T_OUT" "^2	Corrected title	Corrected Outlet	"
t_run "edit with nothing to change" 2 "$GLOSS" edit 2

t_run "delete without --yes and no terminal" 1 "$GLOSS" delete 3 </dev/null
t_match "refuses to guess" "$T_ERR" "use --yes"
t_run "delete --yes" 0 "$GLOSS" delete --yes 3
t_run "the rest" 0 "$GLOSS" list
t_eq "four articles remain" "$(printf '%s\n' "$T_OUT" | wc -l | tr -d ' ')" 4

t_run "entities" 0 "$GLOSS" entities --label PERSON
t_match "lists people with mention and article counts" "$T_OUT" "^[0-9]+	PERSON	[^	]+	[0-9]+	[0-9]+$"
t_run "entities --label bad" 2 "$GLOSS" entities --label NOPE

# The database given three ways.
t_run "--db PATH" 0 "$GLOSS" --db "$T_DIR/other.db" list
t_ok "$(test -f "$T_DIR/other.db"; echo $?)" "--db creates that file"
t_run "the default follows XDG_DATA_HOME" 0 env -u GLOSS_DB "$GLOSS" list
t_ok "$(test -f "$XDG_DATA_HOME/gloss/gloss.db"; echo $?)" "at \$XDG_DATA_HOME/gloss/gloss.db"

# Files that are not a gloss database are never overwritten.
head -c 5000 /dev/urandom > "$T_DIR/corrupt.db"
sum=$(cksum < "$T_DIR/corrupt.db")
t_run "a corrupt database" 1 "$GLOSS" --db "$T_DIR/corrupt.db" list
t_match "gets a clear message" "$T_ERR" "corrupt.db': not an SQLite database"
t_eq "and is left as it was" "$(cksum < "$T_DIR/corrupt.db")" "$sum"
cp "$GLOSS_DB" "$T_DIR/trunc.db"
"$PYTHON3" -c "import sys; p=sys.argv[1]; d=open(p,'rb').read(); open(p,'wb').write(d[:len(d)//3])" "$T_DIR/trunc.db"
rm -f "$T_DIR/trunc.db-wal" "$T_DIR/trunc.db-shm"
t_run "a truncated database" 1 "$GLOSS" --db "$T_DIR/trunc.db" show 1

t_run "the reader without a terminal" 2 "$GLOSS" </dev/null
t_match "points to the commands" "$T_ERR" "needs a terminal"
t_done
