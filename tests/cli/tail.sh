#!/bin/sh
# tail.sh — "Leave a Reply" and its kind end an article only when what
# follows is short and looks like page furniture; import says how much it
# left out.
. "$TOP_SRCDIR/tests/lib.sh"

mkdir -p "$T_DIR/in"
para() { printf 'Paragraph %s of the report says the council met again and the budget grew by a small amount this year.\n\n' "$1"; }
{
	printf 'Council approves harbour budget\n\n'
	for i in 1 2 3 4 5 6 7 8; do para "$i"; done
	printf 'Leave a Reply\n\nYour email address will not be published.\n\nComment\n\nName *\n\nEmail *\n\nWebsite\n\nPost Comment\n'
} > "$T_DIR/in/furniture.txt"
t_run "an article ending in a comment form" 0 "$GLOSS" import "$T_DIR/in/furniture.txt"
t_match "says what it left out" "$T_ERR" "furniture\.txt: left out the [0-9]+ words? after \"Leave a Reply\" as page furniture"
A=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
t_run "show" 0 "$GLOSS" show "$A"
t_nomatch "the form is not in the body" "$T_OUT" "Post Comment"

{
	printf 'Council approves harbour budget\n\n'
	i=1; while [ $i -le 60 ]; do para "$i"; i=$((i + 1)); done
	printf 'About the author\n\n'
	i=61; while [ $i -le 80 ]; do para "$i"; i=$((i + 1)); done
	printf 'The final paragraph is still the article.\n'
} > "$T_DIR/in/long.txt"
t_run "a long article with 'About the author' three quarters through" 0 "$GLOSS" import "$T_DIR/in/long.txt"
t_nomatch "leaves nothing out" "$T_ERR" "left out"
B=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
t_run "show" 0 "$GLOSS" show "$B"
t_match "the text after it is in the body" "$T_OUT" "^Paragraph 80 of the report"
t_match "to the last paragraph" "$T_OUT" "The final paragraph is still the article\.$"

{
	printf 'Council approves harbour budget\n\n'
	for i in 1 2 3; do para "$i"; done
	printf 'Leave a Reply\n\nThe council will vote on the final plan next month, and residents may comment on it at the town hall until then, the mayor said.\n'
} > "$T_DIR/in/short.txt"
t_run "a short article whose last paragraph follows 'Leave a Reply'" 0 "$GLOSS" import "$T_DIR/in/short.txt"
C=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
t_run "show" 0 "$GLOSS" show "$C"
t_match "keeps that paragraph" "$T_OUT" "the mayor said\.$"
t_done
