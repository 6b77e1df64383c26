#!/bin/sh
# export_folder.sh — a partial export into a folder keeps the folder
# consistent: index.md lists every article exported there, and links from
# the new files reach the files already there (checked through cmark).
. "$TOP_SRCDIR/tests/lib.sh"

[ -n "${CMARK:-}" ] && [ -x "$CMARK" ] || t_skip_all "cmark is not installed"


"$GLOSS" samples add >/dev/null || exit 1
hl() { "$GLOSS" highlight "$@" | sed -n 's/^highlighted \([0-9]*\).*/\1/p'; }
H1=$(hl 2 --quote "Vladivostok" --occurrence 1 --tag claim)
H2=$(hl 3 --quote "Pyongyang" --occurrence 1)
H3=$(hl 4 --quote "Putin" --occurrence 1 --note "a note")
"$GLOSS" link "$H1" "$H2" >/dev/null
"$GLOSS" link "$H3" "$H1" --relation contradicts >/dev/null
V=$T_DIR/vault
t_run "a whole export into a folder (--all: unannotated articles too)" 0 "$GLOSS" export -d "$V" --all
t_run "its links resolve" 0 "$PYTHON3" "$TOP_SRCDIR/tests/cli/md_links.py" "$CMARK" "$V"
FULL_INDEX=$(cat "$V/index.md")

# The second time, one article, with a new passage linked to one already there.
H4=$(hl 3 --quote "Vladivostok" --occurrence 1 --note "new since")
"$GLOSS" link "$H4" "$H1" --relation same-fact >/dev/null
t_run "then one article into the same folder" 0 "$GLOSS" export -d "$V" --article 3
t_match "writes that article and the index" "$T_OUT" "exported 2 files"
t_eq "the index still lists every article in the folder" \
	"$(grep -c '^- \[' "$V/index.md")" "$(printf '%s\n' "$FULL_INDEX" | grep -c '^- \[')"
t_match "the others as their files say" "$(cat "$V/index.md")" '^- \[Kim Jong Un reaches Russia.*\]\(002-[a-z0-9-]*\.md\) — 1 highlight, 0 notes, 2 links$'
t_match "the new one with its new counts" "$(cat "$V/index.md")" '^- \[North Korean leader Kim Jong Un travels.*\]\(003-[a-z0-9-]*\.md\) — AFP — 2 highlights, 1 note, 2 links$'
t_match "its totals count the whole folder" "$(cat "$V/index.md")" '^articles: 5$'
F3=$(ls "$V"/003-*.md)
t_match "its link to an article already there is a link" "$(cat "$F3")" "^- same-fact → \[“Vladivostok”\]\(002-[a-z0-9-]*\.md#h$H1\) in Kim Jong Un"
t_match "and so is its backlink" "$(cat "$F3")" "^- ← see-also from \[“Vladivostok”\]\(002-[a-z0-9-]*\.md#h$H1\)"
t_run "every link in the folder resolves" 0 "$PYTHON3" "$TOP_SRCDIR/tests/cli/md_links.py" "$CMARK" "$V"

# A passage the file in the folder does not have yet stays text, not a dead link.
H5=$(hl 5 --quote "Vladivostok" --occurrence 1)
"$GLOSS" link "$H2" "$H5" >/dev/null
t_run "one article again" 0 "$GLOSS" export -d "$V" --article 3
t_match "a passage missing from the other file is named, not linked" "$(cat "$F3")" "^- see-also → “Vladivostok” in Kim Jong-un by train"
t_run "and the folder still resolves" 0 "$PYTHON3" "$TOP_SRCDIR/tests/cli/md_links.py" "$CMARK" "$V"

# Wikilinks reach the files there too.
W=$T_DIR/wiki
t_run "a whole export with --wikilinks" 0 "$GLOSS" export -d "$W" --wikilinks
t_run "then one article" 0 "$GLOSS" export -d "$W" --wikilinks --article 3
t_match "links to a file already there as a wikilink" "$(cat "$W"/003-*.md)" "^- same-fact → \[\[002-[a-z0-9-]*#\^h$H1\]\]"
t_eq "the index lists the four annotated articles (not the one without)" "$(grep -c '^- \[\[' "$W/index.md")" 4

# A file in the folder that gloss did not write is left alone and unlisted.
printf '# my own notes\n' > "$V/007-mine.md"
printf -- '---\ngloss_id: 9\n---\n' > "$V/008-other.md"
t_run "a partial export beside other files" 0 "$GLOSS" export -d "$V" --article 2
t_nomatch "lists no file gloss did not write" "$(cat "$V/index.md")" "007-mine|008-other"
t_eq "and keeps them" "$(cat "$V/007-mine.md")" "# my own notes"
t_done
