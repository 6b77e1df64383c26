#!/bin/sh
# export.sh — gloss export (Markdown and JSON) and gloss restore, checked
# with real parsers: cmark for the Markdown structure, links and anchors,
# PyYAML for the front matter, Python's json for the backup.  Hostile
# annotation text must come back exactly from the parsed Markdown.
. "$TOP_SRCDIR/tests/lib.sh"

[ -n "${PYTHON3:-}" ] && "$PYTHON3" -c 'import yaml' 2>/dev/null ||
	t_skip_all "python3 with PyYAML is not installed"
[ -n "${CMARK:-}" ] && [ -x "$CMARK" ] || t_skip_all "cmark is not installed"

id_of() { printf '%s\n' "$T_OUT" | sed -n 's/^highlighted \([0-9]*\).*/\1/p'; }

# --- a library with hostile annotations -----------------------------------
t_run "a new library (the bundled articles)" 0 "$GLOSS" samples add
N1='# not a heading
> not a quote
---
```
`code` <script>alert(1)</script> &amp; &copy; *x* _y_ **z** [x](y) ![i](j) <http://a.b> trailing\'
N2='  leading spaces
1. not a list
2) nor this
- nor this
+ nor this
    four spaces, not code

after a blank line   
=====
a line ending in two spaces  
trailing newline
'
N3='see ^h1 and $x$ and ==hi== %%c%% {{x}} | a | b |
|---|---|
~~s~~ [[wiki]] #hashtag \* already escaped \\ [^1]
<!-- comment -->
<div>html block</div>'
t_run "highlight with a hostile note and a tag with spaces" 0 "$GLOSS" highlight 2 \
	--quote "heavily armoured train" --tag key-fact --tag "my new tag" --tag "état d'urgence" --note "$N1"
H1=$(id_of)
t_run "a note with list markers, blank lines and blanks" 0 "$GLOSS" highlight 3 \
	--quote "Pyongyang" --occurrence 1 --tag claim --note "$N2"
H2=$(id_of)
t_run "a note with Obsidian and GFM syntax" 0 "$GLOSS" highlight 4 --quote "Putin" \
	--occurrence 1 --tag "2024" --note "$N3"
H3=$(id_of)
t_run "a highlight without a note" 0 "$GLOSS" highlight 5 --quote "Vladivostok" --occurrence 1 --tag claim
H4=$(id_of)
t_run "another highlight in the same article" 0 "$GLOSS" highlight 5 --quote "Vladivostok" --occurrence 2
H5=$(id_of)
t_run "a link with a hostile relation" 0 "$GLOSS" link "$H1" "$H2" --relation 'contradicts [x](y) *'
t_run "a backlink" 0 "$GLOSS" link "$H3" "$H1"
t_run "a link inside one article" 0 "$GLOSS" link "$H4" "$H5" --relation same-fact
t_run "a title with a colon, quotes and markup" 0 "$GLOSS" edit 4 \
	--title 'He said: "yes" — #1 & <b>bold</b> \ end' --outlet "O'Brien: \"News\""

# An orphaned annotation: its sentence is removed from the article.
mkdir -p "$T_DIR/in"
cat > "$T_DIR/in/t.txt" <<'TXT'
Tram line opens downtown

The new tram line opened on Monday. Critics said the budget doubled.
TXT
t_run "an article to orphan" 0 "$GLOSS" import "$T_DIR/in/t.txt"
T=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
t_run "its highlight" 0 "$GLOSS" highlight "$T" --quote "Critics said the budget doubled." --note "check > this"
H5=$(id_of)
printf 'Tram line opens downtown\n\nThe new tram line opened on Monday.\n' > "$T_DIR/in/t.txt"
t_run "re-imported without the sentence" 0 "$GLOSS" import "$T_DIR/in/t.txt"
t_run "link to the orphan" 0 "$GLOSS" link "$H2" "$H5" --relation see-also

"$GLOSS" annotations --json > "$T_DIR/ann.json"
"$GLOSS" list --json > "$T_DIR/list.json"

# check.py DIR|FILE: parse each Markdown file as renderers do (front matter
# split off, the rest through cmark), then check structure, anchors, links
# and that every quote and note reads back exactly.
cat > "$T_DIR/check.py" <<'PY'
import json, os, re, subprocess, sys, xml.etree.ElementTree as ET
import yaml

NS = '{http://commonmark.org/xml/1.0}'
target, mode = sys.argv[1], sys.argv[2]   # mode: dir | single | wiki
ann = {h['id']: h for h in json.load(open(os.environ['ANN']))}
arts = {a['id']: a for a in json.load(open(os.environ['LIST']))}
fails = []

def fail(msg):
    fails.append(msg)

def text_of(node):
    out = []
    for n in node.iter():
        tag = n.tag[len(NS):]
        if tag in ('text', 'code', 'html_inline', 'code_block'):
            out.append(n.text or '')
        elif tag in ('softbreak', 'linebreak'):
            out.append('\n')
    return ''.join(out)

def parse(path):
    raw = open(path, encoding='utf-8').read()
    fm = None
    body = raw
    if raw.startswith('---\n'):
        end = raw.index('\n---\n', 3)
        fm = yaml.safe_load(raw[4:end + 1])
        body = raw[end + 5:]
    xml = subprocess.run([os.environ['CMARK'], '--to', 'xml'], input=body.encode(),
                         capture_output=True, check=True).stdout
    return fm, ET.fromstring(xml), raw

files = sorted(os.listdir(target)) if mode != 'single' else [os.path.basename(target)]
base = target if mode != 'single' else os.path.dirname(target)
docs = {}
for f in files:
    if f.endswith('.md'):
        docs[f] = parse(os.path.join(base, f))

anchors = {}
for f, (fm, doc, raw) in docs.items():
    anchors[f] = set(re.findall(r'<a id="(h\d+|a\d+)"></a>', raw))
    # Outside the highlights' block quotes nothing is Markdown from user
    # text; inside them a note's Markdown renders, but never HTML, an
    # image, a heading or a link to another scheme.
    top = [n for n in doc if n.tag != NS + 'block_quote']
    blocks = {n.tag[len(NS):] for t in top for n in t.iter()}
    for bad in ('html_block', 'code_block', 'thematic_break', 'emph', 'strong', 'image'):
        if bad in blocks and not (bad == 'code_block' and mode == 'single'):
            fail('%s: user text made a %s' % (f, bad))
    for q in doc.findall(NS + 'block_quote'):
        for n in q.iter():
            tag = n.tag[len(NS):]
            if tag in ('html_block', 'html_inline', 'image', 'heading'):
                fail('%s: a note made a %s' % (f, tag))
            if tag == 'link' and re.match(r'[a-zA-Z][a-zA-Z0-9+.-]*:', n.get('destination')) and \
                    not re.match(r'(?i)(https?:|mailto:)', n.get('destination')):
                fail('%s: a note made a link to %r' % (f, n.get('destination')))
    for n in doc.iter(NS + 'heading'):
        t = text_of(n)
        if n.get('level') == '1':
            if not any(t == a['title'] for a in arts.values()) and t not in ('Annotated articles', 'Contents'):
                fail('%s: unexpected heading %r' % (f, t))
        elif t not in ('Orphaned annotations', 'Entities', 'People', 'Organisations', 'Places'):
            fail('%s: unexpected heading %r' % (f, t))
    if fm is not None and f != 'index.md' and mode != 'single':
        a = arts.get(fm.get('gloss_id'))
        if not a or fm['title'] != a['title']:
            fail('%s: front matter title %r' % (f, fm.get('title')))
        if a and a.get('outlet') and fm.get('outlet') != a['outlet']:
            fail('%s: front matter outlet %r' % (f, fm.get('outlet')))

seen_quotes, seen_notes = {}, {}
links = 0
for f, (fm, doc, raw) in docs.items():
    for q in doc.findall(NS + 'block_quote'):
        kids = list(q)
        t = text_of(kids[0]) if kids else ''
        m = re.search(r' \^h(\d+)$', t)
        if not m:
            fail('%s: a block quote without a block id: %r' % (f, t))
            continue
        seen_quotes[int(m.group(1))] = (f, t[:m.start()])
        # The note: after a "Note:" paragraph, its words (and link targets).
        if len(kids) > 1 and text_of(kids[1]) == 'Note:':
            rest = ''.join(text_of(k) + '\n' for k in kids[2:])
            rest += ' '.join(l.get('destination') for k in kids[2:] for l in k.iter(NS + 'link'))
            seen_notes[int(m.group(1))] = rest
    for l in (l for t in top for l in t.iter(NS + 'link')):
        dest = l.get('destination')
        m = re.fullmatch(r'([a-z0-9-]+\.md)?(?:#(h\d+|a\d+))?', dest)
        if not m:
            fail('%s: odd link %r' % (f, dest))
            continue
        links += 1
        tf = m.group(1) or f
        if tf not in docs:
            fail('%s: link to a missing file %r' % (f, dest))
        elif m.group(2) and m.group(2) not in anchors[tf]:
            fail('%s: link to a missing anchor %r' % (f, dest))
    if mode == 'wiki':
        # (a note's own [[wikilinks]], inside its quote, are the user's)
        ours = '\n'.join(l for l in raw.split('\n') if not l.startswith('>'))
        for w in re.findall(r'\[\[([^\]]*)\]\]', ours):
            fn, _, blk = w.partition('#^')
            if fn.startswith('entities/'):
                # an entity page (--entities), its name as the text
                if not os.path.isfile(os.path.join(target, fn.partition('|')[0] + '.md')):
                    fail('%s: wikilink [[%s]] does not resolve' % (f, w))
                continue
            tf = fn + '.md' if fn else f
            if tf not in docs or (blk and ' ^' + blk + '\n' not in docs[tf][2]):
                fail('%s: wikilink [[%s]] does not resolve' % (f, w))
            links += 1

for hid, h in ann.items():
    if hid not in seen_quotes:
        fail('highlight %d not exported' % hid)
        continue
    if seen_quotes[hid][1] != h['quote']:
        fail('highlight %d: quote reads back as %r, not %r' % (hid, seen_quotes[hid][1], h['quote']))
    if h['note']:
        got = re.findall(r'\w+', seen_notes.get(hid, ''))
        for w in re.findall(r'\w+', re.sub(r'(?m)&#?\w+;|^ *\d+[.)]', ' ', h['note'])):
            if w not in got:
                fail('highlight %d: the note\'s word %r is not inside its quote' % (hid, w))
if links == 0:
    fail('no links were checked')
for m in fails:
    print('#   ' + m)
sys.exit(1 if fails else 0)
PY
export ANN="$T_DIR/ann.json" LIST="$T_DIR/list.json"

# --- one file per article ---------------------------------------------------
O=$T_DIR/md
t_run "export -d" 0 "$GLOSS" export -d "$O"
t_match "says what it wrote" "$T_OUT" "exported 6 files to '$O'"
t_eq "one file per annotated article plus index.md" "$(ls "$O" | wc -l | tr -d ' ')" 6
t_nomatch "an article with no annotation is left out" "$(ls "$O")" '^001-'
t_run "export -d --all" 0 "$GLOSS" export -d "$T_DIR/all" --all
t_eq "--all: every article" "$(ls "$T_DIR/all" | wc -l | tr -d ' ')" 7
t_run "--all with --json is refused" 2 "$GLOSS" export --json --all
t_match "file names from id and title" "$(ls "$O")" '^002-kim-jong-un-reaches-russia-in-armoured-train-for-meeting-with-vladimir\.md$'
t_nomatch "file names are safe ASCII, at most 80 bytes" "$(ls "$O")" '[^a-z0-9.-]|^.{81,}$'
t_match "the edited title's file" "$(ls "$O")" '^004-he-said-yes-1-b-bold-b-end\.md$'
t_run "cmark and YAML read every file back: structure, anchors, links, quotes, notes" 0 \
	"$PYTHON3" "$T_DIR/check.py" "$O" dir
[ "$got" -eq 0 ] || cat "$T_DIR/out" | head -20
F2=$(ls "$O"/002-*.md)
t_match "a tag with spaces becomes one #word" "$(cat "$F2")" '^#key-fact #my-new-tag #état-d-urgence$'
t_match "exact tag names in the front matter" "$(cat "$F2")" '^tags: \["key-fact", "my new tag", "état d'"'"'urgence"\]$'
t_match "a numeric tag gets a prefix" "$(cat "$O"/004-*.md)" '^#tag-2024$'
t_match "the HTML anchor" "$(cat "$F2")" "^<a id=\"h$H1\"></a>$"
t_match "the Obsidian block id" "$(cat "$F2")" " \\^h$H1\$"
t_match "a link to the other file's passage" "$(cat "$F2")" "^- contradicts .*\\]\\(003-[a-z0-9-]*\\.md#h$H2\\)"
t_match "a backlink" "$(cat "$F2")" "^- ← see-also from \\[.*\\]\\(004-[a-z0-9-]*\\.md#h$H3\\)"
t_match "a link inside the article stays in the file" "$(cat "$O"/005-*.md)" "^- same-fact → \\[.*\\]\\(#h[0-9]+\\)"
FT=$(ls "$O"/00"$T"-*.md)
t_match "orphaned annotations have their section" "$(cat "$FT")" '^## Orphaned annotations$'
t_match "with their quote" "$(cat "$FT")" '^> Critics said the budget doubled\. \^h'
t_match "the link to it says so" "$(cat "$O"/003-*.md)" '\(orphaned\)$'
t_match "index.md lists the articles with counts" "$(cat "$O/index.md")" '^- \[Kim Jong Un reaches Russia.*\]\(002-.*\.md\) — 1 highlight, 1 note, 2 links$'
t_nomatch "no timestamps" "$(cat "$O"/*.md)" '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T'
t_run "export again" 0 "$GLOSS" export -d "$T_DIR/md2"
diff -r "$O" "$T_DIR/md2" >/dev/null
t_ok $? "the same library exports byte-identical files"
t_run "export over the earlier export" 0 "$GLOSS" export -d "$O"
diff -r "$O" "$T_DIR/md2" >/dev/null
t_ok $? "and again over itself"
t_nomatch "no temporary files are left" "$(ls -a "$O")" '^\.[^.]'
printf 'my own notes\n' > "$O/002-my-notes.md"
t_run "a title changes" 0 "$GLOSS" edit 5 --title "A new title"
t_run "export after the change" 0 "$GLOSS" export -d "$O"
t_eq "the old file of that article is gone, the user's file stays" \
	"$(ls "$O" | grep -E '^00[25]-' | tr '\n' ' ')" "$(basename "$F2") 002-my-notes.md 005-a-new-title.md "
rm "$O/002-my-notes.md" "$O/005-a-new-title.md"
t_run "the title back" 0 "$GLOSS" edit 5 --title "$("$PYTHON3" -c 'import json,sys; print([a["title"] for a in json.load(open(sys.argv[1])) if a["id"] == 5][0])' "$LIST")"
t_run "export" 0 "$GLOSS" export -d "$O"
diff -r "$O" "$T_DIR/md2" >/dev/null
t_ok $? "and the export is as before"

# --- options ------------------------------------------------------------------
t_run "--wikilinks --entities --timestamps" 0 "$GLOSS" export -d "$T_DIR/wiki" --wikilinks --entities --timestamps
t_run "wikilinks resolve to block ids" 0 "$PYTHON3" "$T_DIR/check.py" "$T_DIR/wiki" wiki
[ "$got" -eq 0 ] || cat "$T_DIR/out" | head -20
t_match "wikilink form" "$(cat "$T_DIR"/wiki/002-*.md)" "^- contradicts .* → \\[\\[003-[a-z0-9-]*#\\^h$H2\\]\\] “Pyongyang”"
t_match "an entities summary" "$(cat "$T_DIR"/wiki/002-*.md)" '^### People$'
t_match "with counts, linked to their pages" "$(cat "$T_DIR"/wiki/002-*.md)" '^- \[\[entities/[0-9]+-kim-jong-un\|Kim Jong Un\]\] \([0-9]+\)$'
t_match "timestamps when asked" "$(cat "$T_DIR"/wiki/002-*.md)" '^exported: "20[0-9-]*T'

t_run "-o FILE: everything in one file" 0 "$GLOSS" export -o "$T_DIR/all.md"
t_run "the one file parses and its links resolve inside it" 0 "$PYTHON3" "$T_DIR/check.py" "$T_DIR/all.md" single
[ "$got" -eq 0 ] || cat "$T_DIR/out" | head -20
t_match "in-file links" "$(cat "$T_DIR/all.md")" "\\]\\(#h$H2\\)"
t_run "-o - writes to standard output" 0 "$GLOSS" export -o -
t_eq "the same bytes" "$(cat "$T_DIR/all.md")" "$T_OUT"

t_run "--tag claim" 0 "$GLOSS" export --tag claim -d "$T_DIR/claim"
t_eq "only articles with such highlights (and index.md)" "$(ls "$T_DIR/claim" | sed 's/-.*//' | tr '\n' ' ')" "003 005 index.md "
t_match "a link to a passage not exported is plain text" "$(cat "$T_DIR"/claim/003-*.md)" '^- ← contradicts .* from “heavily armoured train” in Kim Jong Un'
t_run "--article 2 --article 3" 0 "$GLOSS" export --article 3 --article 2 -d "$T_DIR/two"
t_eq "those two" "$(ls "$T_DIR/two" | sed 's/-.*//' | tr '\n' ' ')" "002 003 index.md "
t_run "--article with an unknown id" 1 "$GLOSS" export --article 999 -d "$T_DIR/none"
t_match "says so" "$T_ERR" "no article 999"
t_run "-o and -d together" 2 "$GLOSS" export -o x.md -d y
t_run "--tag with an unknown tag" 1 "$GLOSS" export --tag nosuchtag -o -
t_match "says so" "$T_ERR" "no tag 'nosuchtag'"
t_run "--json with --tag" 2 "$GLOSS" export --json --tag claim

# --- failures leave earlier files whole ----------------------------------
B=$T_DIR/blocked
mkdir -p "$B"
printf 'an earlier export\n' > "$B/$(basename "$F2")"
mkdir "$B/$(basename "$(ls "$O"/003-*.md)")"
t_run "a file that cannot be written" 1 "$GLOSS" export -d "$B"
t_match "names the file and the reason" "$T_ERR" "^gloss: cannot export to '$B/003-[a-z0-9-]*\\.md': "
t_eq "the earlier file is as it was" "$(cat "$B/$(basename "$F2")")" "an earlier export"
t_nomatch "and no temporary file is left" "$(ls -a "$B")" '^\.0'
t_eq "nor a half-done export" "$(ls "$B" | wc -l | tr -d ' ')" 2
t_run "a file in a missing place" 1 "$GLOSS" export -d "$T_DIR/all.md/sub"
t_match "names it" "$T_ERR" "^gloss: cannot export to '$T_DIR/all.md/sub': "
if [ -w /dev/full ]; then
	t_run "a full disk (-o /dev/full)" 1 "$GLOSS" export -o /dev/full
	t_match "says so" "$T_ERR" "^gloss: cannot export to '/dev/full': No space left on device"
	t_run "a full disk for --json" 1 "$GLOSS" export --json -o /dev/full
fi
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$T_DIR/ro" && cp "$O/index.md" "$T_DIR/ro/index.md" && chmod 555 "$T_DIR/ro"
	t_run "an unwritable directory" 1 "$GLOSS" export -d "$T_DIR/ro"
	t_match "says so" "$T_ERR" "^gloss: cannot export to '$T_DIR/ro/[0-9]+-.*': Permission denied"
	cmp -s "$T_DIR/ro/index.md" "$O/index.md"
	t_ok $? "the earlier index.md is untouched"
	chmod 755 "$T_DIR/ro"
fi

# --- JSON backup and restore -----------------------------------------------
# A user's entity merge is library data too.
"$GLOSS" entities --label PERSON --json > "$T_DIR/people.json"
set -- $("$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d[1]["id"], d[0]["id"])' "$T_DIR/people.json")
t_run "merge two entities" 0 "$GLOSS" entity merge "$1" "$2"
t_run "export --json" 0 "$GLOSS" export --json -o "$T_DIR/b1.json"
t_run "the backup parses as JSON with everything in it" 0 "$PYTHON3" -c '
import json, sys, base64, hashlib
d = json.load(open(sys.argv[1]))
assert d["format"] == "gloss-backup" and d["version"] == 2
assert len(d["articles"]) == 6 and len(d["highlights"]) == 6 and len(d["links"]) == 4, d.keys()
for a in d["articles"]:
    assert hashlib.sha256(base64.b64decode(a["raw_base64"])).hexdigest() == a["raw_sha"]
    for k in ("title", "body", "imported_at", "updated_at", "manual", "read_pos", "mentions"):
        assert k in a, k
assert any(a["manual"] for a in d["articles"])
assert d["entity_rules"] and not any("sentences" in a for a in d["articles"])
notes = [h["note"]["body"] for h in d["highlights"] if h["note"]]
assert sys.argv[2] in notes
' "$T_DIR/b1.json" "$N1"
t_run "export --json to standard output" 0 "$GLOSS" export --json
t_eq "the same bytes" "$T_OUT" "$(cat "$T_DIR/b1.json")"
BEFORE=$(t_db_dump "$GLOSS_DB")
t_run "restore into the same library" 0 "$GLOSS" restore "$T_DIR/b1.json"
t_match "adds nothing" "$T_OUT" "^restored: 0 articles added, 6 already there; 0 highlights added, 6 already there; 0 notes, 0 tags, 0 links added"
t_eq "the library is unchanged" "$(t_db_dump "$GLOSS_DB")" "$BEFORE"

E=$T_DIR/empty.db
t_run "restore into a new library" 0 "$GLOSS" --db "$E" restore "$T_DIR/b1.json"
t_match "adds everything" "$T_OUT" "^restored: 6 articles added, 0 already there; 6 highlights added"
t_run "export it again" 0 "$GLOSS" --db "$E" export --json -o "$T_DIR/b2.json"
cmp -s "$T_DIR/b1.json" "$T_DIR/b2.json"
t_ok $? "JSON → restore → JSON gives identical JSON"
t_eq "the restored library is the same, table by table" "$(t_db_dump "$E")" "$(t_db_dump "$GLOSS_DB")"
t_eq "its entity index names each entity's articles" "$("$PYTHON3" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("""select count(*) from entity e where e.articles <> (select count(*)
    from entity_fts where entity_fts match (char(34) || e.id || char(34)))""").fetchone()[0],
      c.execute("select count(*) from entity_fts").fetchone()[0] ==
      c.execute("select count(distinct article_id) from mention").fetchone()[0])
' "$E")" "0 True"
t_run "the restored library exports the same Markdown" 0 "$GLOSS" --db "$E" export -d "$T_DIR/md3"
diff -r "$O" "$T_DIR/md3" >/dev/null
t_ok $? "byte-identical Markdown"

# Into a library that has other things: ids collide and are remapped.
M=$T_DIR/mixed.db
t_run "another library (a --db library starts empty)" 0 "$GLOSS" --db "$M" import "$T_DIR/in/t.txt"
t_match "its article is 1, as a bundled one is in the backup" "$T_OUT" "^imported 1 "
t_run "with its own annotation" 0 "$GLOSS" --db "$M" highlight 1 --quote "tram line" --note "mine"
t_run "restore into it" 0 "$GLOSS" --db "$M" restore "$T_DIR/b1.json"
t_match "matches the identical article, adds the rest" "$T_OUT" "^restored: 5 articles added, 1 already there; 6 highlights added"
t_run "its annotations" 0 "$GLOSS" --db "$M" annotations --json
t_run "all seven annotations, links remapped" 0 "$PYTHON3" -c '
import json, sys
hs = json.loads(sys.argv[1])
assert len(hs) == 7, len(hs)
assert sorted(h["note"] or "" for h in hs) == sorted([sys.argv[2], sys.argv[3], sys.argv[4], "check > this", "mine", "", ""]), [h["note"] for h in hs]
' "$T_OUT" "$N1" "$N2" "$N3"
t_run "links after the restore" 0 "$GLOSS" --db "$M" links --json
t_match "the relation came along" "$T_OUT" '"relation":"contradicts \[x\]\(y\) \*"'

# Bad files change nothing.
BEFORE=$(t_db_dump "$GLOSS_DB")
head -c 3000 "$T_DIR/b1.json" > "$T_DIR/cut.json"
t_run "a truncated backup" 1 "$GLOSS" restore "$T_DIR/cut.json"
t_match "names the byte offset" "$T_ERR" "^gloss: cannot restore '.*cut\\.json': not valid JSON at byte [0-9]+: "
printf '{"format": "gloss-backup", "version": 1, "tags": [], "entities": [], "articles": [], "highlights": [], "links": [],}' > "$T_DIR/comma.json"
t_run "a trailing comma" 1 "$GLOSS" restore "$T_DIR/comma.json"
t_match "at its byte" "$T_ERR" "not valid JSON at byte [0-9]+: string or .}. expected"
"$PYTHON3" -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["tags"].append({"id": 99, "name": "brand-new", "key": None, "colour": None})
d["links"][-1]["to"] = 123456
json.dump(d, open(sys.argv[2], "w"))
' "$T_DIR/b1.json" "$T_DIR/badlink.json"
t_run "a backup whose last link is broken" 1 "$GLOSS" restore "$T_DIR/badlink.json"
t_match "says which" "$T_ERR" "links\\[3\\]: .*123456.*not changed"
t_eq "nothing was restored, not even the new tag" "$(t_db_dump "$GLOSS_DB")" "$BEFORE"
"$PYTHON3" -c '
import json, sys
d = json.load(open(sys.argv[1]))
l = dict(d["links"][0])
l["id"], l["from"], l["to"] = 99, l["to"], l["from"]
d["links"].append(l)
json.dump(d, open(sys.argv[2], "w"))
' "$T_DIR/b1.json" "$T_DIR/twice.json"
t_run "a backup with a link made twice (each way round)" 0 "$GLOSS" --db "$T_DIR/twice.db" restore "$T_DIR/twice.json"
t_match "restores it once" "$T_OUT" "4 links added"
t_run "not a backup" 1 "$GLOSS" restore "$T_DIR/list.json"
t_match "says so" "$T_ERR" "not a gloss backup"
t_run "a missing file" 1 "$GLOSS" restore "$T_DIR/nope.json"
t_run "no file" 2 "$GLOSS" restore

t_done
