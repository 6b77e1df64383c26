#!/usr/bin/env python3
"""anchors.py BACKUP.json [EXPECT.tsv] — check a library's annotations
against its text (gloss export --json): every highlight that is not
orphaned quotes exactly the bytes of its article at its offsets.  With
EXPECT (lines "article<TAB>quote[<TAB>note]"), each of those confirmed
annotations must be there too: a highlight of that article with that quote
(or, orphaned, that original quote) and, when given, that note.  Prints
what is wrong and exits 1; exits 0 when all is well."""
import json
import sys

d = json.load(open(sys.argv[1], encoding="utf-8"))
bodies = {a["id"]: a["body"].encode("utf-8") for a in d["articles"]}
bad = 0
have = {}


def note_of(h):
    n = h.get("note") or ""
    return n.get("body", "") if isinstance(n, dict) else n



for h in d["highlights"]:
    aid = h.get("article", h.get("article_id"))
    q = h["quote"]
    have.setdefault((aid, q), []).append(h)
    if h.get("original_quote"):
        have.setdefault((aid, h["original_quote"]), []).append(h)
    if h.get("orphaned"):
        continue
    body = bodies.get(aid)
    if body is None:
        print("highlight %s: no article %s" % (h["id"], aid))
        bad = 1
        continue
    got = body[h["start"]:h["end"]].decode("utf-8", "replace")
    if got != q:
        print("highlight %s misplaced: quote %r but the text at %d-%d is %r"
              % (h["id"], q, h["start"], h["end"], got))
        bad = 1
if len(sys.argv) > 2:
    for n, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
        f = line.rstrip("\n").split("\t")
        if len(f) < 2:
            continue
        aid, q = int(f[0]), f[1]
        hs = have.get((aid, q))
        if not hs:
            print("confirmed line %d lost: article %d %r" % (n, aid, q))
            bad = 1
        elif len(f) > 2 and f[2] and not any(note_of(h) == f[2] for h in hs):
            print("confirmed line %d: note %r lost on %r" % (n, f[2], q))
            bad = 1
sys.exit(bad)
