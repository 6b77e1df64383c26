#!/bin/sh
# quote.sh — highlight --quote finds a passage as the reader's / does:
# straight quotes find curly ones, letter case and runs of spaces do not
# matter; when the match was not exact it says which passage it took.
. "$TOP_SRCDIR/tests/lib.sh"

mkdir -p "$T_DIR/in"
printf 'Talks stall in Cairo\n\nThe minister said \342\200\234we won\342\200\231t sign this deal\342\200\235 on Monday.\n\nThe Kremlin said the talks would go on. The kremlin said nothing else about "the plan".\n' > "$T_DIR/in/a.txt"
t_run "an article with curly quotes" 0 "$GLOSS" import "$T_DIR/in/a.txt"
A=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
quote_of() { "$GLOSS" annotations --json | "$PYTHON3" -c 'import json,sys; print([h["quote"] for h in json.load(sys.stdin) if h["id"]==int(sys.argv[1])][0])' "$1"; }
hl_of() { printf '%s\n' "$T_OUT" | sed -n 's/^highlighted \([0-9]*\).*/\1/p'; }

t_run "an exact quote" 0 "$GLOSS" highlight "$A" --quote "would go on"
t_eq "says nothing more" "$T_ERR" ""

t_run "straight quotes for curly ones" 0 "$GLOSS" highlight "$A" --quote "\"we won't sign this deal\""
t_eq "highlights the passage as written" "$(quote_of "$(hl_of)")" "“we won’t sign this deal”"
t_match "and says which passage it took" "$T_ERR" "^gloss: no exact match; took the passage at [0-9]+-[0-9]+: \"“we won’t sign this deal”\"$"

t_run "curly quotes for straight ones" 0 "$GLOSS" highlight "$A" --quote "about “the plan”"
t_eq "found" "$(quote_of "$(hl_of)")" 'about "the plan"'

t_run "another case and a run of spaces" 0 "$GLOSS" highlight "$A" --quote "the KREMLIN   said the talks"
t_eq "found, with the article's own case" "$(quote_of "$(hl_of)")" "The Kremlin said the talks"
t_match "and named" "$T_ERR" "took the passage at [0-9]+-[0-9]+: \"The Kremlin said the talks\""

t_run "a loose quote that occurs twice" 1 "$GLOSS" highlight "$A" --quote "the kremlin said"
t_match "asks which, saying the match is loose" "$T_ERR" "occurs 2 times in article $A \(quotes, spaces and case aside\); choose one with --occurrence 1\.\.2"
t_run "--occurrence 2" 0 "$GLOSS" highlight "$A" --quote "the kremlin said" --occurrence 2
t_eq "takes the second" "$(quote_of "$(hl_of)")" "The kremlin said"

t_run "words that are not there" 1 "$GLOSS" highlight "$A" --quote "we will sign"
t_match "are still refused" "$T_ERR" "the quote is not in article $A"
t_done
