#!/bin/sh
# export_safety.sh — what a killed export leaves behind goes with the next
# export, and two tags that differ only by a space and a hyphen do not
# become the same #tag.
. "$TOP_SRCDIR/tests/lib.sh"

printf 'Warming\n\nThe climate change report was published on Monday. It said the rise was faster than thought. Officials disagreed with the numbers.\n' > "$T_DIR/a.txt"
t_run "import" 0 "$GLOSS" import "$T_DIR/a.txt"
t_run "a highlight tagged 'climate change'" 0 "$GLOSS" highlight 1 --quote "The climate change report" --tag "climate change"
t_run "one tagged 'climate-change'" 0 "$GLOSS" highlight 1 --quote "faster than thought" --tag "climate-change"
t_run "one tagged 'climate_change?'" 0 "$GLOSS" highlight 1 --quote "Officials disagreed" --tag "climate change!"
t_run "export -d" 0 "$GLOSS" export -d "$T_DIR/md"
F="$T_DIR/md/001-warming.md"
tags=$(grep '^#[^ #]' "$F" | tr '\n' ' ')
t_eq "three tags, three #words (the name that is its own word keeps it)" "$tags" "#climate-change-2 #climate-change #climate-change-3 "
t_match "the exact names stay in the front matter" "$(cat "$F")" 'tags: \["climate change", "climate change!", "climate-change"\]'
t_run "export again" 0 "$GLOSS" export -d "$T_DIR/md2"
t_eq "the same words every time" "$(grep '^#[^ #]' "$T_DIR/md2/001-warming.md" | tr '\n' ' ')" "$tags"
t_run "exporting one article only" 0 "$GLOSS" export --article 1 --tag climate-change -d "$T_DIR/md3"
t_eq "gives a tag the word it has in the whole export" "$(grep '^#[^ #]' "$T_DIR/md3/001-warming.md" | tr '\n' ' ')" "#climate-change "
t_run "a tag named as a suffixed word" 0 "$GLOSS" tag add "climate-change-2"
t_run "export" 0 "$GLOSS" export -d "$T_DIR/md4"
t_eq "no word is given twice" "$(grep '^#[^ #]' "$T_DIR/md4/001-warming.md" | tr '\n' ' ')" "#climate-change-3 #climate-change #climate-change-4 "

# A killed export: its temporary files (".NAME.gloss-PID.XXXXXX", the PID
# no longer running) go with the next export into the folder; those of a
# running export (here, this shell's PID) stay.
D="$T_DIR/md"
: > "$D/.001-warming.md.gloss-999999999.AbC123"
: > "$D/.002-gone.md.gloss-999999998.xyzXYZ"
: > "$D/.index.md.gloss-999999997.q1w2e3"
: > "$D/.index.md.gloss-$$.r4t5y6"
: > "$D/.notes.md.kept"
t_run "export into the folder again" 0 "$GLOSS" export -d "$D"
t_eq "the dead export's files are gone, the rest stay" "$(cd "$D" && ls -A | tr '\n' ' ')" \
	".index.md.gloss-$$.r4t5y6 .notes.md.kept 001-warming.md index.md "
: > "$T_DIR/.b.json.gloss-999999999.AAAAAA"
t_run "export --json -o FILE" 0 "$GLOSS" export --json -o "$T_DIR/b.json"
t_eq "removes its own leftover" "$(cd "$T_DIR" && ls -A | grep -c '^\.b\.json\.')" "0"

# And a real kill: many articles, SIGKILL while it writes.
i=0
while [ $i -lt 300 ]; do
	printf 'Story %d\n\nA sentence about the number %d that is long enough to keep.\n' $i $i > "$T_DIR/s$i.txt"
	i=$((i + 1))
done
"$GLOSS" import "$T_DIR"/s*.txt >/dev/null 2>&1
n=0
left=0
while [ $n -lt 20 ] && [ "$left" -eq 0 ]; do
	rm -rf "$T_DIR/k"
	"$GLOSS" export -d "$T_DIR/k" >/dev/null 2>&1 &
	pid=$!
	sleep 0.0$((n % 10))
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	left=$(ls -A "$T_DIR/k" 2>/dev/null | grep -c '\.gloss-')
	n=$((n + 1))
done
if [ "$left" -gt 0 ]; then
	t_run "an export after one killed while writing" 0 "$GLOSS" export -d "$T_DIR/k"
	t_eq "leaves no temporary file (there were $left)" "$(ls -A "$T_DIR/k" | grep -c '\.gloss-')" "0"
else
	t_ok 0 "# SKIP no kill landed while files were written"
fi

t_done
