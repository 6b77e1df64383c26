#!/bin/sh
# options.sh — every command's options come from its template in the
# command table (src/cli.c), parsed by cli_args.c: a bad option is a usage
# error naming the command, values keep their order, short forms work.
. "$TOP_SRCDIR/tests/lib.sh"
export GLOSS_DB="$T_DIR/opts.db"

for c in import list search edit delete entities highlight annotations tags link links \
	export extract samples fetch; do
	t_run "$c --frobnicate is a usage error" 2 "$GLOSS" "$c" --frobnicate
	t_match "$c: getopt says which option" "$T_ERR" "unrecognized option '--frobnicate'"
	t_match "$c: and the usage follows" "$T_ERR" "^usage: gloss $c "
done
t_run "an option's value missing" 2 "$GLOSS" search --limit
t_match "says so" "$T_ERR" "requires an argument"
t_run "a bad value" 2 "$GLOSS" search --limit x word
t_match "is the command's own message" "$T_ERR" "^gloss: --limit needs a positive number"
t_run "options end at the first operand for list" 2 "$GLOSS" list extra --json
t_match "the rest is an operand" "$T_ERR" "unexpected argument 'extra'"
printf 'Harbour budget approved\n\nThe council approved the harbour budget on Monday after a long debate.\n' > "$T_DIR/a.txt"
t_run "import" 0 "$GLOSS" import "$T_DIR/a.txt"
t_run "options after the operand for highlight, repeated --tag in order" 0 \
	"$GLOSS" highlight 1 --quote "harbour budget" --tag first --tag second
t_run "annotations" 0 "$GLOSS" annotations --json
t_match "both tags, in order" "$T_OUT" '"first","second"'
t_run "-y is --yes" 0 "$GLOSS" delete -y 1
t_match "deleted" "$T_OUT" "^deleted 1"
t_run "feed add has options of its own" 2 "$GLOSS" feed add --interval x http://example.org/
t_match "checked" "$T_ERR" "--interval takes minutes"
t_done
