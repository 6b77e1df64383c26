#!/usr/bin/env python3
"""to-gold.py IN TEXT GOLD: turn a development file written with inline
[LABEL text] spans (tests/ner-dev/*.txt; '#' lines are comments) into the
plain text and a gold file of DOC<TAB>START<TAB>END<TAB>LABEL<TAB>TEXT rows
(byte offsets, END exclusive), the layout tests/eval-ner.sh scores."""
import re, sys

src, text_out, gold_out = sys.argv[1:4]
span = re.compile(r'\[([A-Z_]+) ([^\[\]]+)\]')
text = bytearray()
gold = []
for line in open(src, encoding='utf-8'):
    if line.startswith('#'):
        continue
    line = line.rstrip('\n')
    pos = 0
    for m in span.finditer(line):
        text += line[pos:m.start()].encode()
        start = len(text)
        text += m.group(2).encode()
        gold.append((start, len(text), m.group(1), m.group(2)))
        pos = m.end()
    text += line[pos:].encode() + b'\n'
open(text_out, 'wb').write(bytes(text))
with open(gold_out, 'w', encoding='utf-8') as g:
    for s, e, l, t in gold:
        g.write('dev\t%d\t%d\t%s\t%s\n' % (s, e, l, t))
