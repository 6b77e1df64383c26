#!/bin/sh
# hostile.sh — hostile text in the reader, in tmux: articles carrying CSI,
# OSC (title, clipboard, hyperlink, palette), DCS, C1 controls, BEL,
# backspace and carriage-return tricks, bidi overrides and zero-width
# characters, a title and a note typed with escape sequences in them.  The
# pane title, the clipboard (tmux buffers), the mouse modes and the screen
# must show nothing injected; invisible characters that can spoof text
# must show as visible symbols such as <U+202E>.  Then wide (CJK) and
# combining characters must line up.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/hostile-corpus.sh"

D=$T_DIR/in
mkdir -p "$D"
"$GLOSS" samples add >/dev/null || exit 1 # a GLOSS_DB library starts empty
NBUNDLED=$("$GLOSS" list | wc -l | tr -d ' ')

# The catalogue of tests/hostile-corpus.sh: the attack (a printf format)
# in the headline and the first paragraph, and a second paragraph that
# must survive.
NAMES=""
entry() {
	NAMES="$NAMES $1"
	# shellcheck disable=SC2059
	printf "Hostile $1 headline $2 end\n\nThe text before $2 and after, first-$1.\n\nA second paragraph, canary-$1 survives.\n" > "$D/$1.txt"
	"$GLOSS" import "$D/$1.txt" >/dev/null || echo "# could not import $1"
}
hostile_corpus

# Text typed by the user with escapes in it is stored as typed; the
# screen must still not obey it.
EDITED=$((NBUNDLED + 1))
"$GLOSS" edit "$EDITED" --title "$(printf 'Edited \033]0;PWNED-EDIT\007 \033[2J title \342\200\256rtl-title \302\233 31m')" >/dev/null
"$GLOSS" highlight "$EDITED" --quote "A second paragraph" --note "$(printf 'pasted \033]52;c;b3duZWQ=\007 \033[31mred\033[0m \302\233 2J \342\200\256rtl-note \342\201\246iso')" >/dev/null

# The screen through capture-pane -e: no SGR that gloss never uses and an
# attack would (blink, hidden, the attack's 24-bit red), no hyperlink, no
# raw control or bidi character in the cells.
cat > "$T_DIR/screen.py" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
problems = []
for m in re.finditer(rb'\x1b\[([0-9;:]*)m', data):
    ps = [p for p in re.split(rb'[;:]', m.group(1))]
    i = 0
    while i < len(ps):
        p = int(ps[i] or b'0')
        if p in (38, 48, 58) and i + 1 < len(ps):
            sub = int(ps[i + 1] or b'0')
            if sub == 2 and ps[i + 2:i + 5] == [b'255', b'0', b'0']:
                problems.append('the attack\'s 24-bit red')
            i += 5 if sub == 2 else 3
            continue
        if p in (5, 6):
            problems.append('blinking text')
        if p == 8:
            problems.append('hidden text')
        i += 1
rest = re.sub(rb'\x1b\[[0-9;:]*m', b'', data)
if b'\x1b' in rest:
    problems.append('an escape other than SGR: %r' % rest[rest.index(b'\x1b'):][:20])
bad = re.search(rb'[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]', rest)
if bad:
    problems.append('raw control or bidi bytes %r' % rest[max(0, bad.start() - 10):bad.end() + 10])
if re.search(rb'E{20}', rest):
    problems.append('a screen filled with E (DECALN)')
for p in sorted(set(problems)):
    print('#   ' + p)
sys.exit(1 if problems else 0)
PY
tm() { "$TMUX_BIN" -L "$T_TMUX_SOCKET" "$@"; }
CANARY=gloss-canary-title
state() { tm display -p -t t '#{pane_title}|#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}|#{alternate_on}'; }
check_terminal() { # WHAT
	ui_screen_e > "$T_DIR/screen"
	out=$("$PYTHON3" "$T_DIR/screen.py" "$T_DIR/screen")
	t_ok $? "$1: the screen shows nothing injected"
	[ -n "$out" ] && printf '%s\n' "$out"
	t_eq "$1: pane title, mouse modes and screen mode unchanged" "$(state)" "$BASE"
	t_eq "$1: no clipboard was set" "$(tm list-buffers | wc -l | tr -d ' ')" 0
}

ui_start 100 30 "$GLOSS"
tm set-option -g set-clipboard on >/dev/null
tm select-pane -t t -T "$CANARY"
ui_wait "the library" "Title +Outlet"
ui_wait "lists the hostile articles" "Hostile zero-width headline"
BASE=$(state)
t_match "the pane title is the one the test set" "$BASE" "^$CANARY\|"
check_terminal "library"
t_match "the escapes of the edited title are shown as symbols" "$(ui_screen)" "Edited ␛\]0;PWNED-EDIT␇ ␛\[2J title"
t_match "and its bidi override as <U+202E>" "$(ui_screen)" "<U\+202E>rtl-title"

total=$(( NBUNDLED + $(echo $NAMES | wc -w) ))
pos=$NBUNDLED
for n in $NAMES; do
	pos=$((pos + 1))
	ui_keys g
	k=1
	while [ $k -lt $pos ]; do
		ui_keys j
		k=$((k + 1))
	done
	ui_wait "$n: selected in the library" "^ *$pos/$total " || continue
	ui_keys Enter
	if [ "$n" = csi-colour ]; then
		ui_wait "$n: opened in the reader" "Edited ␛\]0;PWNED-EDIT" || continue
		ui_wait "$n: and its note is marked" "^✎"
	else
		ui_wait "$n: opened in the reader" "^ *Hostile $n headline" || continue
	fi
	ui_wait "$n: the second paragraph is drawn" "canary-$n survives"
	t_match "$n: and the first" "$(ui_screen)" "The text before"
	check_terminal "$n"
	case $n in
	bidi)
		t_match "bidi: the text reads in its stored order" "$(ui_screen)" "abcdevil-rtl efg"
		;;
	bidi-marks)
		t_match "bidi marks: RLM shown as <U+200F>" "$(ui_screen)" "rlm<U\+200F>y"
		t_match "bidi marks: LRM shown as <U+200E>" "$(ui_screen)" "lrm<U\+200E>x"
		t_match "bidi marks: ALM shown as <U+061C>" "$(ui_screen)" "alm<U\+061C>z"
		;;
	carriage-return)
		t_match "carriage return: the overwritten words are shown" "$(ui_screen)" "harmless words"
		t_match "carriage return: and what overwrote them" "$(ui_screen)" "EVIL"
		;;
	esac
	if [ "$n" = csi-colour ]; then
		ui_keys M
		ui_wait "the annotation list shows the hostile note" "pasted"
		t_match "with its escapes as symbols" "$(ui_screen)" "pasted ␛\]52;c;b3duZWQ=␇ ␛\[31mred"
		t_match "and its bidi characters as <U+...>" "$(ui_screen)" "<U\+202E>rtl-note <U\+2066>iso"
		check_terminal "annotation list"
		ui_keys q
		ui_wait "back in the reader" "Edited ␛"
	fi
	ui_keys q
	ui_wait "$n: back in the library" "Title +Outlet"
done

ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
tm kill-server
T_TMUX_SOCKET=""

# --- wide and combining characters line up --------------------------------
# Paragraphs of the same display width W, one per line, each ending in
# '|', mixing CJK (2 columns), fullwidth forms, combining marks (0),
# zero-width characters and plain ASCII.  In a window of W + 4 columns
# (the reader's margin, a gap and the minimap) each fits on one row, so
# every '|' must be in the same column and each row hold its paragraph
# whole; narrower, the wrapped rows must keep every grapheme whole.
W=40
"$PYTHON3" - "$D/wide.txt" "$W" <<'PY'
import sys, unicodedata
path, W = sys.argv[1], int(sys.argv[2])
def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ('Mn', 'Me', 'Cf'):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ('W', 'F') else 1
    return w
rows = [
    "ascii reference row",
    "日本語のテキストと漢字",
    "中文新闻：列车抵达",
    "한국어 기사 제목",
    "ＦＵＬＬＷＩＤＴＨ ｆｏｒｍｓ",
    "q\u0303x\u0301\u0323 z\u0323\u0307 combining b\u0336o\u0336",
    "zero\u200bwidth\u200b space 語",
    "mixed 東京 and Zürich q\u0303",
]
out = ["Wide characters line up", ""]
for r in rows:
    r = unicodedata.normalize('NFC', r)
    pad = W - 1 - width(r)
    assert pad >= 1, r
    out.append(r + " " + "." * (pad - 1) + "|")
    out.append("")
open(path, 'w', encoding='utf-8').write("\n".join(out))
PY
t_run "the wide-character article is imported" 0 "$GLOSS" import "$D/wide.txt"
WIDE=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
WIDEPOS=$("$GLOSS" list | wc -l | tr -d ' ')

cat > "$T_DIR/align.py" <<'PY'
import sys, unicodedata
screen = open(sys.argv[1], encoding='utf-8').read().split('\n')
expected = [l for l in open(sys.argv[2], encoding='utf-8').read().split('\n') if l.endswith('|')]
cols = int(sys.argv[3])
def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ('Mn', 'Me', 'Cf'):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ('W', 'F') else 1
    return w
bad = 0
marks = []
for e in expected:
    want = e.replace('\u200b', '')
    hits = [r for r in screen if want in r.replace('\u200b', '')]
    if not hits:
        print('#   not on one row: %s' % e)
        bad = 1
        continue
    row = hits[0]
    marks.append(width(row[:row.index('|')]))
    if width(row) > cols:
        print('#   row wider than the window (%d): %s' % (width(row), row))
        bad = 1
if len(set(marks)) > 1:
    print('#   the right edges are in different columns: %s' % marks)
    bad = 1
sys.exit(bad)
PY
cat > "$T_DIR/graphemes.py" <<'PY'
import sys, unicodedata
screen = open(sys.argv[1], encoding='utf-8').read().split('\n')
cols = int(sys.argv[2])
bad = 0
for r in screen[1:-1]:
    text = r[2:].rstrip(' │')
    if text and (unicodedata.combining(text[0]) or unicodedata.category(text[0]) in ('Mn', 'Me')):
        print('#   a row starts inside a grapheme: %r' % r)
        bad = 1
    w = sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ('Mn', 'Me', 'Cf') else
            2 if unicodedata.east_asian_width(c) in ('W', 'F') else 1 for c in r)
    if w > cols:
        print('#   row wider than the window (%d): %r' % (w, r))
        bad = 1
sys.exit(bad)
PY

ui_start $((W + 4)) 30 "$GLOSS"
ui_wait "the library again" "Title"
ui_keys G
ui_wait "the last article selected" "^ *$WIDEPOS/$WIDEPOS "
ui_keys Enter
ui_wait "the wide-character article opens" "Wide characters"
ui_wait "the last row is drawn" "mixed 東京"
ui_screen > "$T_DIR/wide-screen"
out=$("$PYTHON3" "$T_DIR/align.py" "$T_DIR/wide-screen" "$D/wide.txt" $((W + 4)))
t_ok $? "each row holds its paragraph whole and every right edge is in the same column"
[ -n "$out" ] && { printf '%s\n' "$out"; sed 's/^/#   | /' "$T_DIR/wide-screen"; }

ui_resize 21 30
ui_wait "at 21 columns the rows rewrap" "^.{0,2}ascii reference"
sleep 0.3
ui_screen > "$T_DIR/wide-screen"
out=$("$PYTHON3" "$T_DIR/graphemes.py" "$T_DIR/wide-screen" 21)
t_ok $? "no row is wider than the window or starts inside a grapheme"
[ -n "$out" ] && { printf '%s\n' "$out"; sed 's/^/#   | /' "$T_DIR/wide-screen"; }
ui_keys q
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
t_done
