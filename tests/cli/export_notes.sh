#!/bin/sh
# export_notes.sh — a note's Markdown is exported as Markdown inside its
# highlight's block quote (checked through cmark's XML): emphasis, lists,
# code and http(s) links render there; nothing at the top level comes from
# a note, and a note makes no heading, HTML, image or link to another
# scheme.
. "$TOP_SRCDIR/tests/lib.sh"

[ -n "${PYTHON3:-}" ] || t_skip_all "python3 is not installed"
[ -n "${CMARK:-}" ] && [ -x "$CMARK" ] || t_skip_all "cmark is not installed"

t_run "the bundled articles" 0 "$GLOSS" samples add
NOTE='zqa **zqbold** and _zqem_ with `zq <code>` and [zqlink](https://example.org/x) and [zqmail](mailto:a@b.c) and [zqrel](other.md)
[zqbad](javascript:alert(1)) [zqdata](data:text/html,x) [zqent](javascript&colon;alert(1)) #zqtag

# zqheading
zqsetext
===
<script>zqscript</script>
<div>zqdiv</div>

- zqitem one
- zqitem two
  ## zqnested

```
<b>zqfenced</b>
```
![zqimg](https://example.org/i.png)
[zqref]: javascript:alert(2)
[zqref]
> zqinner
---'
t_run "a highlight with a Markdown note" 0 "$GLOSS" highlight 2 --quote "heavily armoured train" --note "$NOTE"
H=$(printf '%s\n' "$T_OUT" | sed -n 's/^highlighted \([0-9]*\).*/\1/p')
t_run "a note that tries to close its quote" 0 "$GLOSS" highlight 3 --quote "Pyongyang" --occurrence 1 \
	--note 'zqc1
```
zqc2'

cat > "$T_DIR/check.py" <<'PY'
import re, subprocess, sys, xml.etree.ElementTree as ET
NS = '{http://commonmark.org/xml/1.0}'
cmark, path, hid = sys.argv[1], sys.argv[2], sys.argv[3]
raw = open(path, encoding='utf-8').read()
doc = ET.fromstring(subprocess.run([cmark, '--to', 'xml'], input=raw.encode(),
                                   capture_output=True, check=True).stdout)
fails = []
def text(n):
    return ''.join((e.text or '') for e in n.iter()
                   if e.tag[len(NS):] in ('text', 'code', 'code_block', 'html_inline', 'html_block'))
quote = None
for n in doc:
    if n.tag == NS + 'block_quote' and text(list(n)[0]).endswith(' ^h' + hid):
        quote = n
    elif n.tag == NS + 'block_quote' and re.search(r' \^h\d+$', text(list(n)[0])):
        pass  # another highlight, with its own note
    elif 'zq' in text(n):
        fails.append('top-level %s from a note: %r' % (n.tag[len(NS):], text(n)[:60]))
if quote is None:
    sys.exit('no block quote for highlight ' + hid)
kinds = [e.tag[len(NS):] for e in quote.iter()]
for want in ('strong', 'emph', 'code', 'list', 'item', 'code_block', 'link', 'block_quote'):
    if want not in kinds:
        fails.append('the note made no %s inside its quote' % want)
for bad in ('html_block', 'html_inline', 'image', 'heading', 'thematic_break'):
    if bad in kinds:
        fails.append('the note made a %s' % bad)
dests = sorted(l.get('destination') for l in quote.iter(NS + 'link'))
if dests != sorted(['https://example.org/x', 'mailto:a@b.c', 'other.md', 'https://example.org/i.png']):
    fails.append('links in the note: %r' % dests)
t = text(quote)
for w in ('zqbad', 'zqdata', 'zqent', '#zqtag', 'zqheading', '<script>zqscript', '<div>zqdiv',
          'zqfenced', 'zqimg', 'zqref', 'zqinner'):
    if w not in t:
        fails.append('%r is not text inside the quote' % w)
for m in fails:
    print('#   ' + m, file=sys.stderr)
sys.exit(1 if fails else 0)
PY

t_run "export to one file" 0 "$GLOSS" export -o "$T_DIR/all.md"
t_run "the note renders inside its highlight, nothing at the top level" 0 \
	"$PYTHON3" "$T_DIR/check.py" "$CMARK" "$T_DIR/all.md" "$H"
t_run "export to a folder" 0 "$GLOSS" export -d "$T_DIR/vault"
F=$(ls "$T_DIR"/vault/002-*.md)
t_run "the same in the folder" 0 "$PYTHON3" "$T_DIR/check.py" "$CMARK" "$F" "$H"
# An unclosed fence in a note ends with the quote: what follows is ours.
t_match "an unclosed fence ends with the note's quote" \
	"$("$CMARK" "$T_DIR"/vault/003-*.md | tr '\n' ' ')" 'zqc2 *</code></pre> *</blockquote>'
t_nomatch "nothing after the quote is code" \
	"$("$CMARK" "$T_DIR"/vault/003-*.md | tr '\n' ' ' | sed 's/.*zqc2//')" '<pre>'
t_done
