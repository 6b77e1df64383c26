#!/bin/sh
# backup.sh — the JSON backup across versions: a backup written by gloss
# before the backup moved to jansson (format version 1, bytes that are not
# UTF-8 as \udcXX escapes) restores byte for byte; the version 2 backup
# it then writes is strict JSON (such bytes in KEY_base64 members) and
# round-trips exactly.
. "${TOP_SRCDIR:-.}/tests/lib.sh"

V1="$TOP_SRCDIR/tests/cli/data/backup-v1.json"
A="$T_DIR/a.db"
B="$T_DIR/b.db"
hexes() {
	sqlite3 "$1" "select hex(title), hex(byline), hex(body) from article; select hex(body) from note;
		select hex(name) from tag where id > 5 order by id"
}
command -v sqlite3 >/dev/null 2>&1 || t_skip_all "sqlite3 (the command) is needed"

t_run "a version 1 backup restores" 0 "$GLOSS" --db "$A" restore "$V1"
t_match "everything in it" "$T_OUT" "^restored: 1 articles added, 0 already there; 2 highlights added, 0 already there; 1 notes, 2 tags"
# What gloss had in its library when it wrote the fixture (taken then
# with sqlite3's hex()): invalid UTF-8 in the title, byline and note, a
# UTF-8-encoded surrogate, a control character, an emoji, a combining mark.
t_eq "byte for byte" "$(hexes "$A" | tr '\n' ' ')" "547269636B7920FFFE80207469746C6520C321|427920E96C6F646965|$(sqlite3 "$A" 'select hex(body) from article') 6E6F746520776974682065CC8120616E6420F09F988020616E64206374726C200220656E642062616420C0AF20EDA080 C3A96D6F6A6920F09F9880 636C696D617465206368616E6765 "
t_match "the body's emoji and zero-width space" "$(sqlite3 "$A" 'select hex(body) from article')" "F09F9880.*E2808B"

t_run "export --json" 0 "$GLOSS" --db "$A" export --json -o "$T_DIR/v2.json"
t_run "is strict JSON with the exact bytes in base64 beside the text" 0 "$PYTHON3" -c '
import json, sys, base64
raw = open(sys.argv[1], "rb").read()
assert b"\\ud" not in raw.lower(), "a surrogate escape"
def strict(s):
    for c in s:
        assert not (0xd800 <= ord(c) <= 0xdfff), "a lone surrogate"
d = json.loads(raw, object_hook=lambda o: [strict(v) for v in o.values() if isinstance(v, str)] and o or o)
assert d["version"] == 2
a = d["articles"][0]
assert base64.b64decode(a["title_base64"]) == b"Tricky \xff\xfe\x80 title \xc3!", a
assert a["title"] == "Tricky \ufffd\ufffd\ufffd title \ufffd!", a["title"]
assert base64.b64decode(a["byline_base64"]) == b"By \xe9lodie"
assert "body_base64" not in a and "outlet_base64" not in a
n = d["highlights"][0]["note"]
assert base64.b64decode(n["body_base64"]).endswith(b" bad \xc0\xaf \xed\xa0\x80")
' "$T_DIR/v2.json"
t_run "the version 2 backup restores" 0 "$GLOSS" --db "$B" restore "$T_DIR/v2.json"
t_eq "into the same library, table by table" "$(t_db_dump "$B")" "$(t_db_dump "$A")"
t_run "and exports the same backup" 0 "$GLOSS" --db "$B" export --json -o "$T_DIR/v2b.json"
cmp -s "$T_DIR/v2.json" "$T_DIR/v2b.json"
t_ok $? "identical, byte for byte"

# The version 1 escapes are read only where they are escapes: an escaped
# backslash before "udcff" is text, and \u0000 is a NUL.
"$PYTHON3" - "$V1" "$T_DIR/edge.json" <<'PY'
import sys
t = open(sys.argv[1]).read()
t = t.replace('"canonical":"Zero"', '"canonical":"Z\\\\udcff \\u00e9 \\ud83d\\ude00"', 1)
open(sys.argv[2], "w").write(t)
PY
t_run "escapes next to the version 1 ones" 0 "$GLOSS" --db "$T_DIR/e.db" restore "$T_DIR/edge.json"
t_eq "decode as JSON says" "$(sqlite3 "$T_DIR/e.db" "select hex(canonical) from entity where label = 'CARDINAL'")" \
	"$(printf 'Z\\udcff \303\251 \360\237\230\200' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"

t_done
