#!/bin/sh
# import.sh — gloss import: good files, bad files, re-import, batches.
. "$TOP_SRCDIR/tests/lib.sh"

D=$T_DIR/in
mkdir -p "$D"
printf 'Harbour bridge reopens\n\nThe harbour bridge reopened to traffic on Friday after repairs.\n\nEngineers said the work took nine weeks.\n' > "$D/good.txt"

# A GLOSS_DB library starts empty (samples.sh); the samples are put in here.
t_run "the bundled articles in a new library" 0 "$GLOSS" samples add
t_run "list" 0 "$GLOSS" list
t_eq "five bundled articles" "$(printf '%s\n' "$T_OUT" | wc -l | tr -d ' ')" 5
t_nomatch "bundled titles are real headlines, not boilerplate" "$T_OUT" "	(Advertis|News World|Share)"

t_run "a text file is imported" 0 "$GLOSS" import "$D/good.txt"
t_match "and reported with its id" "$T_OUT" "^imported 6 "
t_run "the same file again" 0 "$GLOSS" import "$D/good.txt"
t_match "changes nothing and says so" "$T_OUT" "^unchanged 6 "
t_run "list (not a terminal: tab-separated, no header)" 0 "$GLOSS" list
t_match "the new article is listed with title and words" "$T_OUT" "^6	Harbour bridge reopens	.*	1[0-9]	0	0	$"

# Changed text at the same path keeps the id.
printf 'Harbour bridge reopens\n\nThe harbour bridge reopened to traffic on Saturday after repairs.\n' > "$D/good.txt"
t_run "changed text at the same path" 0 "$GLOSS" import "$D/good.txt"
t_match "updates the article in place" "$T_OUT" "^updated 6 "
t_run "show prints the cleaned text" 0 "$GLOSS" show 6
t_match "with the new sentence" "$T_OUT" "on Saturday after repairs"

# Bad input: a message naming the file and the reason, exit 1, nothing changed.
before=$(t_db_dump "$GLOSS_DB")
printf 'abc\000def' > "$D/nul.bin"
t_run "a binary file" 1 "$GLOSS" import "$D/nul.bin"
t_match "is refused with the NUL's offset" "$T_ERR" "cannot import '.*nul.bin': not text \(NUL byte at offset 3\)"
printf 'caf\351 au lait\n' > "$D/latin1.txt"
t_run "invalid UTF-8" 1 "$GLOSS" import "$D/latin1.txt"
t_match "is refused with the byte and its offset" "$T_ERR" "latin1.txt': not UTF-8 text .*offset 3"
: > "$D/empty.txt"
t_run "an empty file" 1 "$GLOSS" import "$D/empty.txt"
t_match "is refused as empty" "$T_ERR" "empty.txt': empty"
t_run "a missing file" 1 "$GLOSS" import "$D/nope.txt"
t_match "names the file and the reason" "$T_ERR" "nope.txt': No such file"
mkdir -p "$D/emptydir"
t_run "an empty directory" 1 "$GLOSS" import "$D/emptydir"
t_match "says it has no files" "$T_ERR" "emptydir': the directory has no files"
t_eq "the database is unchanged by all of them" "$(t_db_dump "$GLOSS_DB")" "$before"

# A legacy encoding, named.
t_run "--encoding windows-1252" 0 "$GLOSS" import --encoding windows-1252 "$D/latin1.txt"
id=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
t_run "the converted article" 0 "$GLOSS" show "$id"
t_match "reads café" "$T_OUT" "café au lait"

# A batch: the good ones land, each bad one is reported.
mkdir -p "$D/batch"
printf 'Council approves budget\n\nThe city council approved the budget on Tuesday.\n' > "$D/batch/a.txt"
printf 'x\000y' > "$D/batch/b.bin"
printf 'Storm closes schools\n\nSchools closed as the storm arrived overnight.\n' > "$D/batch/c.txt"
t_run "a directory with one bad file" 1 "$GLOSS" import "$D/batch"
t_match "imports the good files" "$T_OUT" "imported .*a.txt"
t_match "all of them" "$T_OUT" "imported .*c.txt"
t_match "and reports the bad one" "$T_ERR" "b.bin': not text"
t_nomatch "no progress bar when stderr is not a terminal" "$T_ERR" "\[#"

# Standard input and --url.
t_run "standard input" 0 sh -c "printf 'Wind farm opens\n\nA wind farm opened offshore.\n' | '$GLOSS' import --url https://example.org/wind -"
t_match "is imported" "$T_OUT" "^imported [0-9]+ standard input"

# --replace gives an article new text.
printf 'Harbour bridge reopens\n\nThe bridge reopened on Sunday.\n' > "$D/new.txt"
t_run "--replace ID FILE" 0 "$GLOSS" import --replace 6 "$D/new.txt"
t_match "updates that article" "$T_OUT" "^updated 6 "
t_run "--replace of a missing id" 1 "$GLOSS" import --replace 999 "$D/new.txt"
t_match "says so" "$T_ERR" "no article with id 999"

t_run "no file named" 2 "$GLOSS" import
t_match "is a usage error" "$T_ERR" "usage: gloss import"
t_done
