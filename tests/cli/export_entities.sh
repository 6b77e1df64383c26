#!/bin/sh
# export_entities.sh — `export -d DIR --entities`: a page per person,
# organisation and place in DIR/entities/, each mention a link back to its
# passage (the highlight's anchor, else the article's page), and article
# pages linking to those pages; checked through cmark.
. "$TOP_SRCDIR/tests/lib.sh"

[ -n "${CMARK:-}" ] && [ -x "$CMARK" ] || t_skip_all "cmark is not installed"


"$GLOSS" samples add >/dev/null || exit 1
hl() { "$GLOSS" highlight "$@" | sed -n 's/^highlighted \([0-9]*\).*/\1/p'; }
H1=$(hl 2 --quote "Vladivostok" --occurrence 1)

V=$T_DIR/vault
t_run "an export without --entities" 0 "$GLOSS" export -d "$V"
t_eq "writes no entity pages" "$(ls -d "$V/entities" 2>/dev/null)" ""
rm -rf "$V"
t_run "an export with --entities" 0 "$GLOSS" export -d "$V" --entities
P=$(ls "$V"/entities/*-vladimir-putin.md 2>/dev/null)
t_eq "a person has a page" "$(printf '%s' "$P" | grep -c .)" 1
F2=$(cd "$V" && ls 002-*.md)
t_match "the page is the person's" "$(cat "$P")" '^# Vladimir Putin$'
t_match "it counts the mentions" "$(cat "$P")" '^Person · [0-9]+ mentions in [0-9]+ articles$'
t_match "its annotated mention links to the highlight's anchor" "$(cat "$P")" \
	"^- \[“Putin reportedly arrived in Vladivostok.*\]\(\.\./$F2#h$H1\)$"
t_match "its other mentions link to the article's page" "$(cat "$P")" \
	"^- \[“North Korean leader Kim Jong Un.*\]\(\.\./$F2\)$"
t_match "articles not exported are named, not linked" "$(cat "$P")" '^## .*\(not exported\)$'
t_match "an organisation has a page" "$(ls "$V/entities")" '^[0-9]+-kremlin\.md$'
t_match "a place has a page" "$(ls "$V/entities")" '^[0-9]+-vladivostok\.md$'
PN=$(basename "$P")
t_match "the article page links to the person's page by name" "$(cat "$V/$F2")" \
	"^- \[Vladimir Putin\]\(entities/$PN\) \([0-9]+\)$"
t_run "every link resolves (cmark)" 0 "$PYTHON3" "$TOP_SRCDIR/tests/cli/md_links.py" "$CMARK" "$V"
NPAGES=$(ls "$V/entities" | wc -l)

# A partial export keeps the pages already there.
H2=$(hl 3 --quote "Pyongyang" --occurrence 1)
t_run "then one other article into the same folder" 0 "$GLOSS" export -d "$V" --entities --article 3
t_run "the pages there stay" 0 test "$(ls "$V/entities" | wc -l)" -ge "$NPAGES"
F3=$(cd "$V" && ls 003-*.md)
t_match "the person's page now links to both articles" "$(cat "$P")" "\]\(\.\./$F3(#h[0-9]+)?\)$"
t_match "and still to the highlight in the article already there" "$(cat "$P")" "\(\.\./$F2#h$H1\)$"
t_run "every link still resolves" 0 "$PYTHON3" "$TOP_SRCDIR/tests/cli/md_links.py" "$CMARK" "$V"

# Wikilinks.
W=$T_DIR/wiki
t_run "an export with --entities --wikilinks" 0 "$GLOSS" export -d "$W" --entities --wikilinks
t_match "the article page links to the page with the name as its text" "$(cat "$W/$F2")" \
	"^- \[\[entities/${PN%.md}\|Vladimir Putin\]\] \([0-9]+\)$"
t_match "the page links to the highlight's block" "$(cat "$W/entities/$PN")" \
	"^- \[\[${F2%.md}#\^h$H1\]\] “Putin reportedly arrived"
t_match "and to the article" "$(cat "$W/entities/$PN")" "^- \[\[${F2%.md}\]\] “"
t_run "it renders" 0 "$PYTHON3" "$TOP_SRCDIR/tests/cli/md_links.py" "$CMARK" "$W"

t_done
