#!/bin/sh
# url_outlet.sh — import --url fills the outlet from the address's host
# when the text names none, and never overrides one the text names.
. "$TOP_SRCDIR/tests/lib.sh"

mkdir -p "$T_DIR/in"
printf 'Harbour bridge reopens\n\nThe harbour bridge reopened to traffic on Friday after repairs, the council said.\n' > "$T_DIR/in/a.txt"
printf 'Ferry timetable changes\n\nTOKYO (AP) \342\200\224 The ferry company published a winter timetable with fewer crossings.\n' > "$T_DIR/in/b.txt"
t_run "plain text with --url" 0 "$GLOSS" import --url "https://www.harbour-news.example.org/2023/09/bridge?x=1" "$T_DIR/in/a.txt"
t_run "another whose text names its outlet" 0 "$GLOSS" import --url "https://mirror.example.net/ferry" "$T_DIR/in/b.txt"
t_run "list --json" 0 "$GLOSS" list --json
t_run "outlets" 0 "$PYTHON3" -c '
import json, sys
d = {a["title"]: a.get("outlet") for a in json.loads(sys.argv[1])}
assert d["Harbour bridge reopens"] == "harbour-news.example.org", d
assert d["Ferry timetable changes"] == "AP", d
' "$T_OUT"
t_done
