#!/bin/sh
# hostile.sh — articles that try to drive the terminal: CSI and OSC
# sequences (colours, cursor moves, clear screen, title, clipboard,
# hyperlinks, palette, device reports), DCS/APC/PM/SOS strings, C1 controls,
# BEL, backspace and carriage-return overwrites, bidi overrides and
# isolates, zero-width characters.  Each is imported; 'gloss show', 'list'
# and 'search' must print none of the control bytes, and the readable text
# around each attack must survive.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/hostile-corpus.sh"

D=$T_DIR/in
mkdir -p "$D"

# check_clean FILE: no ESC, no C0 control other than \t and \n, no DEL,
# no C1 control (U+0080..U+009F as UTF-8), no bidi override or isolate.
cat > "$T_DIR/clean.py" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
bad = re.compile(rb'[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]')
found = [(m.start(), m.group()) for m in bad.finditer(data)]
for off, b in found[:5]:
    print('#   byte(s) %r at offset %d: %r' % (b, off, data[max(0, off - 20):off + 20]))
sys.exit(1 if found else 0)
PY
check_clean() { # DESCRIPTION FILE
	out=$("$PYTHON3" "$T_DIR/clean.py" "$2")
	t_ok $? "$1"
	[ -n "$out" ] && printf '%s\n' "$out"
	return 0
}

# entry NAME ATTACK: an article with the attack (a printf format) in its
# headline and in its first paragraph, and a second paragraph that must
# survive whatever the attack does.
NAMES=""
entry() {
	NAMES="$NAMES $1"
	# shellcheck disable=SC2059
	printf "Hostile $1 headline $2 end\n\nThe text before $2 and after, first-$1.\n\nA second paragraph, canary-$1 survives.\n" > "$D/$1.txt"
}
hostile_corpus

for n in $NAMES; do
	t_run "$n: imported" 0 "$GLOSS" import "$D/$n.txt"
	id=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
	"$GLOSS" show "$id" > "$T_DIR/show" 2>"$T_DIR/err"
	t_ok $? "$n: show runs"
	check_clean "$n: show prints no control bytes" "$T_DIR/show"
	t_match "$n: the text after the attack survives" "$(cat "$T_DIR/show")" "canary-$n survives"
	t_match "$n: and the text before it" "$(cat "$T_DIR/show")" "The text before"
done

# What the overwrite tricks hid is not hidden any more: both parts are there.
"$GLOSS" show "$(printf '%s\n' "$("$GLOSS" list)" | sed -n 's/^\([0-9]*\)	Hostile carriage-return .*/\1/p')" > "$T_DIR/show"
t_match "carriage return: the overwritten words are kept" "$(cat "$T_DIR/show")" "harmless words"
t_match "carriage return: and what overwrote them" "$(cat "$T_DIR/show")" "EVIL"

# 8-bit C1 controls arrive as legitimate characters from a legacy encoding.
printf 'Latin headline \23331mX\2330m\n\nBody \2350;latin-title\007 text \233?1049h and canary-latin1 survives.\n' > "$D/latin1.txt"
t_run "latin-1 C1 bytes: imported with --encoding" 0 "$GLOSS" import --encoding ISO-8859-1 "$D/latin1.txt"
id=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
"$GLOSS" show "$id" > "$T_DIR/show"
check_clean "latin-1 C1 bytes: show prints no control bytes" "$T_DIR/show"
t_match "latin-1 C1 bytes: the text survives" "$(cat "$T_DIR/show")" "canary-latin1 survives"

"$GLOSS" list > "$T_DIR/list"
t_ok $? "list runs"
t_eq "every hostile article is listed" "$(grep -c '	Hostile ' "$T_DIR/list")" "$(echo $NAMES | wc -w | tr -d ' ')"
check_clean "list prints no control bytes" "$T_DIR/list"
"$GLOSS" search "canary" > "$T_DIR/search"
t_ok $? "search runs"
check_clean "search prints no control bytes" "$T_DIR/search"

# User-typed text that carries escapes (a title corrected by hand, a note
# pasted from a web page) is stored as typed, but not printed raw either.
id=$(sed -n 's/^\([0-9]*\)	Hostile bel .*/\1/p' "$T_DIR/list")
t_run "edit --title with escape sequences" 0 "$GLOSS" edit "$id" --title "$(printf 'Edited \033]0;PWNED\007 \033[2J title \342\200\256rtl')"
"$GLOSS" list > "$T_DIR/list"
check_clean "list prints the edited title without control bytes" "$T_DIR/list"
"$GLOSS" show "$id" > "$T_DIR/show"
check_clean "show prints the edited title without control bytes" "$T_DIR/show"
t_run "a highlight with a hostile note" 0 "$GLOSS" highlight "$id" --quote "A second paragraph" --note "$(printf 'pasted \033]52;c;b3duZWQ=\007 \033[31mred\033[0m \302\233 2J \342\200\256rtl')"
"$GLOSS" annotations > "$T_DIR/ann"
t_ok $? "annotations runs"
check_clean "annotations prints the note without control bytes" "$T_DIR/ann"
t_match "and with its words" "$(cat "$T_DIR/ann")" "pasted .*red"
# --- file names, tag names and colours, JSON -------------------------------
# File names that carry OSC 0 (title), OSC 52 (clipboard) and CSI (clear
# screen) are printed on the progress bar and in the imported, unchanged
# and cannot-import lines: never raw.
F=$T_DIR/files
mkdir -p "$F"
for n in "$(printf 'osc0-\033]0;PWNED\007.txt')" "$(printf 'osc52-\033]52;c;b3duZWQ=\007.txt')" \
	"$(printf 'csi-\033[2J\033[H.txt')" "$(printf 'c1-\302\233\062J-\342\200\256rtl.txt')"; do
	printf 'A file-named article\n\nIts text, canary-file survives %s.\n' "$(printf '%s' "$n" | tr -dc 'a-z')" > "$F/$n"
done
"$GLOSS" import "$F" > "$T_DIR/imp.out" 2> "$T_DIR/imp.err"
t_ok $? "hostile file names: imported"
check_clean "hostile file names: the imported lines are clean" "$T_DIR/imp.out"
t_match "and name the files" "$(cat "$T_DIR/imp.out")" "imported [0-9]+ .*osc0-"
"$GLOSS" import "$F" > "$T_DIR/imp.out" 2> "$T_DIR/imp.err"
check_clean "hostile file names: the unchanged lines are clean" "$T_DIR/imp.out"
t_match "and say unchanged" "$(cat "$T_DIR/imp.out")" "unchanged"
# The progress bar: only on a terminal, so under script(1).
if command -v script >/dev/null 2>&1; then
	rm -f "$GLOSS_DB.p"
	script -qec "env GLOSS_DB=$GLOSS_DB.p '$GLOSS' import '$F' >/dev/null" "$T_DIR/typescript" >/dev/null 2>&1
	# The bar's own \r and ESC [ K are allowed; nothing else.
	sed 's/\r\x1b\[K//g; s/\r$//' "$T_DIR/typescript" | grep -v '^Script ' > "$T_DIR/bar"
	check_clean "hostile file names: the progress bar is clean" "$T_DIR/bar"
fi
mkdir -p "$(printf '%s/empty-\033]0;T\007dir' "$T_DIR")"
"$GLOSS" import "$(printf '%s/empty-\033]0;T\007dir' "$T_DIR")" "$(printf '%s/missing-\033[2J.txt' "$T_DIR")" > "$T_DIR/imp.out" 2> "$T_DIR/imp.err"
t_ok "$([ $? -eq 1 ]; echo $?)" "hostile names that cannot be imported fail"
check_clean "and the cannot-import lines are clean" "$T_DIR/imp.err"
t_match "and say why" "$(cat "$T_DIR/imp.err")" "cannot import"
"$GLOSS" frob"$(printf '\033]0;X\007')" > "$T_DIR/o" 2> "$T_DIR/e"
check_clean "an unknown command is named without its escapes" "$T_DIR/e"

# Tag colours: names, 0-255, #rrggbb; nothing else, on every way in.
t_run "a colour with an escape sequence is refused" 1 "$GLOSS" tag add x --colour "$(printf '\033]0;X\007')"
t_match "saying what a colour is" "$T_ERR" "a name .*0 to 255 or #rrggbb"
check_clean "and the message is clean" "$T_DIR/err"
t_run "tag colour claim notacolour is refused" 1 "$GLOSS" tag colour claim notacolour
t_run "#zzzzzz is refused" 1 "$GLOSS" tag colour claim '#zzzzzz'
t_run "256 is refused" 1 "$GLOSS" tag colour claim 256
t_run "a colour name is fine" 0 "$GLOSS" tag colour claim brightblue
t_run "so is 214" 0 "$GLOSS" tag add orange --colour 214
t_run "and #ff8800" 0 "$GLOSS" tag colour orange '#ff8800'
# Tag names: no controls, C1 or bidi overrides.
t_run "a tag name with a bidi override is refused" 1 "$GLOSS" tag add "$(printf 'evil\342\200\256rtl')"
t_match "saying why" "$T_ERR" "bidirectional"
t_run "a tag name with a C1 control is refused" 1 "$GLOSS" tag add "$(printf 'c1\302\233x')"
t_run "a tag name with ESC is refused" 1 "$GLOSS" tag add "$(printf 'e\033]0;X\007')"
t_run "renaming to one is refused" 1 "$GLOSS" tag rename orange "$(printf 'o\342\201\246x')"
t_run "highlight --tag with one is refused" 1 "$GLOSS" highlight "$id" --quote "A second paragraph" --tag "$(printf 't\302\205x')"
"$GLOSS" tags > "$T_DIR/tags"
check_clean "tags prints no control bytes" "$T_DIR/tags"

# --json escapes C1 controls and bidi overrides as \u sequences.
"$GLOSS" list --json > "$T_DIR/l.json"
check_clean "list --json has no raw C1 or bidi characters" "$T_DIR/l.json"
"$GLOSS" annotations --json > "$T_DIR/a.json"
check_clean "annotations --json has none either" "$T_DIR/a.json"
t_run "and still parses to the same text" 0 "$PYTHON3" -c "
import json,sys
d=json.load(open(sys.argv[1]))
assert any('\u202e' in a['title'] for a in d), [a['title'] for a in d]
" "$T_DIR/l.json"
"$GLOSS" export --json -o "$T_DIR/b.json" >/dev/null
check_clean "a backup has no raw C1 or bidi characters" "$T_DIR/b.json"
t_run "and restores into a new library" 0 "$GLOSS" --db "$T_DIR/r.db" restore "$T_DIR/b.json"
# A backup whose tag has a hostile colour or name is refused whole.
"$PYTHON3" - "$T_DIR/b.json" "$T_DIR/bad-colour.json" "$T_DIR/bad-name.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d['tags'][0]['colour'] = '\x1b]0;X\x07'
json.dump(d, open(sys.argv[2], 'w'))
d['tags'][0]['colour'] = None
d['tags'][0]['name'] = 'evil\u202ertl'
json.dump(d, open(sys.argv[3], 'w'))
PY
t_run "restore refuses a tag colour the command line refuses" 1 "$GLOSS" --db "$T_DIR/r2.db" restore "$T_DIR/bad-colour.json"
t_match "naming the tag" "$T_ERR" "tag [0-9]+: a tag colour"
check_clean "with a clean message" "$T_DIR/err"
t_run "and a tag name" 1 "$GLOSS" --db "$T_DIR/r2.db" restore "$T_DIR/bad-name.json"
t_match "naming the tag" "$T_ERR" "tag [0-9]+: a tag name"
t_ok "$([ ! -e "$T_DIR/r2.db" ]; echo $?)" "and leaves no library behind"
t_done
