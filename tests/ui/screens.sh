#!/bin/sh
# screens.sh — the screen names come from one place, the view registry
# (src/views.c): the list in data/gloss.rc, the README and the man page
# name exactly its screens, and every `bind` in gloss.rc uses one of them.
. "$TOP_SRCDIR/tests/lib.sh"

check() { # DESCRIPTION FILE PYTHON-REGEX-OF-THE-LIST
	got=$("$PYTHON3" - "$TOP_SRCDIR" "$2" "$3" <<'PY'
import re, sys
top, path, pattern = sys.argv[1:]
reg = re.findall(r'\{\.name = "(\w+)"', open(top + "/src/views.c").read())
text = open(top + "/" + path).read()
m = re.search(pattern, text, re.S)
if not m:
    print("no list found")
    sys.exit()
# The README's list is of `name` (what it is): only the names count.
if path.endswith(".md"):
    listed = re.findall(r"`([a-z]+)`", m.group(1))
else:
    listed = re.findall(r"[a-z]+", m.group(1).replace("\\", " "))
missing = [n for n in reg if n not in listed]
extra = [n for n in listed if n not in reg]
print("missing %s extra %s" % (missing, extra) if missing or extra else "same")
PY
)
	t_eq "$1" "$got" "same"
}

check "data/gloss.rc lists the registry's screens" data/gloss.rc \
	'SCREEN: (.*?)\n#   color'
check "the man page lists them" doc/gloss.1 '\(screens: (.*?);'
check "the README lists them" README.md \
	'The screens `bind` takes \(the view registry, `src/views.c`\): (.*?)\.\n\n'
got=$(sed -n '/^bind /s/^bind \([a-z]*\) .*/\1/p' "$TOP_SRCDIR/data/gloss.rc" | sort -u |
	while read -r s; do grep -q "{\.name = \"$s\"" "$TOP_SRCDIR/src/views.c" || echo "$s"; done)
t_eq "every bind in gloss.rc names a registered screen" "$got" ""
t_done
