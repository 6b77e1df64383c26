#!/usr/bin/env python3
"""to-gold.py IN TEXT GOLD [DOCDIR]: turn a development file written with
inline [LABEL text] spans (tests/ner-dev/*.txt; '#' lines are comments) into
the plain text and a gold file of DOC<TAB>START<TAB>END<TAB>LABEL<TAB>TEXT
rows (byte offsets, END exclusive), the layout tests/eval-ner.sh scores.

A comment line "#doc NAME" starts a document of its own: with DOCDIR, each
document's text is written to DOCDIR/NAME.txt and its gold rows carry NAME
with offsets inside it (without "#doc" lines everything is document "dev").
A line starting "^ " is a headline, dateline block or results table, not
prose; the marker is dropped, and GOLD.prose gets the gold rows of the
prose lines only and GOLD.wire the DOC START END of the other lines.

to-gold.py --prose WIRE PRED: print the rows of PRED (DOC START END ...)
that touch no line listed in WIRE."""
import re, sys, os

if sys.argv[1] == '--prose':
    wire = {}
    for line in open(sys.argv[2], encoding='utf-8'):
        d, s, e = line.split('\t')
        wire.setdefault(d, []).append((int(s), int(e)))
    for line in open(sys.argv[3], encoding='utf-8'):
        p = line.split('\t')
        s, e = int(p[1]), int(p[2])
        if not any(s < we and ws < e for ws, we in wire.get(p[0], ())):
            sys.stdout.write(line)
    sys.exit(0)

src, text_out, gold_out = sys.argv[1:4]
docdir = sys.argv[4] if len(sys.argv) > 4 else None
span = re.compile(r'\[([A-Z_]+) ([^\[\]]+)\]')
docs = [['dev', bytearray()]]
gold = []        # (doc, start, end, label, text, prose)
wire = []        # (doc, start, end)
for line in open(src, encoding='utf-8'):
    if line.startswith('#doc '):
        name = line[5:].strip()
        if docs[-1][1] or docs[-1][0] != 'dev':
            docs.append([name, bytearray()])
        else:
            docs[-1][0] = name
        continue
    if line.startswith('#'):
        continue
    line = line.rstrip('\n')
    prose = not line.startswith('^ ')
    if not prose:
        line = line[2:]
    doc, text = docs[-1]
    first = len(text)
    pos = 0
    for m in span.finditer(line):
        text += line[pos:m.start()].encode()
        start = len(text)
        text += m.group(2).encode()
        gold.append((doc, start, len(text), m.group(1), m.group(2), prose))
        pos = m.end()
    text += line[pos:].encode()
    if not prose:
        wire.append((doc, first, len(text)))
    text += b'\n'
open(text_out, 'wb').write(b''.join(bytes(t) for _, t in docs))
if docdir:
    for name, t in docs:
        open(os.path.join(docdir, name + '.txt'), 'wb').write(bytes(t))
with open(gold_out, 'w', encoding='utf-8') as g, \
        open(gold_out + '.prose', 'w', encoding='utf-8') as gp:
    for d, s, e, l, t, p in gold:
        row = '%s\t%d\t%d\t%s\t%s\n' % (d, s, e, l, t)
        g.write(row)
        if p:
            gp.write(row)
with open(gold_out + '.wire', 'w', encoding='utf-8') as w:
    for d, s, e in wire:
        w.write('%s\t%d\t%d\n' % (d, s, e))
