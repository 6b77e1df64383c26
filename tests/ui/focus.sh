#!/bin/sh
# focus.sh — the focus is seen on every background (a highlight, an
# entity, a search hit, a selection), in every theme and with NO_COLOR;
# the margin shows every marker of a line; a highlight's tags are named.
. "$TOP_SRCDIR/tests/lib.sh"
# The sample articles, as the default library has them.
"$GLOSS" samples add >/dev/null 2>&1 || exit 1

cells() { ui_screen_e | "$PYTHON3" "$TOP_SRCDIR/tests/ui/cells.py" "$@"; }

"$GLOSS" list >/dev/null || exit 1
D=$T_DIR/in
mkdir -p "$D"
cat > "$D/a.txt" <<'TXT'
Harbour talks resume in Oslo

The first sentence names Maria Lopez in Oslo on Monday. The second sentence is highlighted by the test. The third sentence has the word zebra in it.

Plain alpha is here. Plain beta follows. Plain gamma ends it.
TXT
cat > "$D/b.txt" <<'TXT'
Ferry strike ends in Bergen

Workers in Bergen returned to the ferries on Tuesday. The union said the deal was fair.
TXT
"$GLOSS" import "$D/a.txt" "$D/b.txt" >/dev/null
a=$("$GLOSS" list | sed -n 's/^\([0-9]*\)\tHarbour.*/\1/p')
b=$("$GLOSS" list | sed -n 's/^\([0-9]*\)\tFerry.*/\1/p')
h1=$("$GLOSS" highlight "$a" --quote "The second sentence is highlighted by the test." \
	--tag key-fact --tag claim --note "a note" | sed -n 's/^highlighted \([0-9]*\).*/\1/p')
h2=$("$GLOSS" highlight "$b" --quote "The union said the deal was fair." --tag claim |
	sed -n 's/^highlighted \([0-9]*\).*/\1/p')
"$GLOSS" link "$h1" "$h2" >/dev/null

# check NAME: open the article under the current settings and compare
# each kind of background in and out of the focus.
check() {
	name=$1
	shift
	ui_start 120 35 "$*"
	ui_wait "$name: the library" "Title +Outlet"
	ui_keys /
	ui_text Harbour
	ui_keys Enter
	ui_wait "$name: the article" "Harbour talks resume"
	# g puts the focus on the first sentence (reopening keeps the last
	# one); the highlight is the second.
	ui_keys g
	sleep 0.3
	hl_out=$(cells "highlighted by")
	ent_in=$(cells "Monday")
	# An entity inside a highlight ("second", an ORDINAL) is still shown.
	if [ "$name" != mono ] && [ "$name" != NO_COLOR ]; then
		hl_ent=$(cells "second sentence")
		[ "$hl_ent" != "$hl_out" ] && [ "$hl_ent" != missing ]
		t_ok $? "$name: an entity inside a highlight is still shown ($hl_out / $hl_ent)"
	fi
	ui_keys ']'
	ui_wait "$name: ] moves to the highlight" "annotation 1 of 1"
	hl_in=$(cells "highlighted by")
	ent_out=$(cells "Monday")
	[ "$hl_in" != "$hl_out" ]
	t_ok $? "$name: the focus is seen on a highlight ($hl_out / $hl_in)"
	[ "$ent_in" != "$ent_out" ] && [ "$ent_out" != missing ]
	t_ok $? "$name: the focus is seen on an entity ($ent_out / $ent_in)"
	ui_keys /
	ui_text zebra
	ui_keys Enter
	ui_wait "$name: the search finds the word" "/zebra: 1 of 1"
	hit_in=$(cells "zebra")
	ui_keys '('
	sleep 0.3
	hit_out=$(cells "zebra")
	[ "$hit_in" != "$hit_out" ]
	t_ok $? "$name: the focus is seen on a search hit ($hit_out / $hit_in)"
	ui_keys '}' v ')'
	ui_wait "$name: a selection of two sentences" "\[selection\]"
	sel_out=$(cells "alpha")
	sel_in=$(cells "beta")
	[ "$sel_in" != "$sel_out" ]
	t_ok $? "$name: the focus is seen in a selection ($sel_out / $sel_in)"
	ui_keys Escape Q
	ui_wait "$name: quit" "\[gloss exited 0\]"
	ui_stop
}

for theme in dark light displacy mono; do
	mkdir -p "$XDG_CONFIG_HOME/gloss"
	echo "set theme $theme" > "$XDG_CONFIG_HOME/gloss/config"
	check "$theme" "$GLOSS"
done
rm -f "$XDG_CONFIG_HOME/gloss/config"
check "NO_COLOR" "env NO_COLOR=1 $GLOSS"
check "8 colours" "env TERM=xterm $GLOSS"

# The margin shows a note and a link side by side; the tags are named.
ui_start 120 35 "$GLOSS"
ui_wait "the library" "Title +Outlet"
ui_keys /
ui_text Harbour
ui_keys Enter
ui_wait "the article" "Harbour talks resume"
ui_wait "the margin shows the note and the link" "^✎↔"
ui_keys g ']'
ui_wait "] names every tag of the annotation" "annotation 1 of 1 #claim #key-fact \(note\)"
ui_keys C-l
ui_wait "the status line names the tags of the highlight under the focus" "annotations? +#claim #key-fact ✎ note ↔ link"
ui_keys '}'
ui_wait_gone "and not when the focus is elsewhere" "#claim"
# The legend says what the labels mean, whole, at 120 and at 60 columns.
ui_keys '?'
ui_keys G
ui_wait "? ends with the entity legend" "CARDINAL +other numbers"
scr=$(ui_screen)
t_match "NORP is explained" "$scr" "NORP +nationalities, religious or political groups"
t_match "FAC is explained" "$scr" "FAC +buildings, airports, roads, bridges"
t_match "GPE is explained" "$scr" "GPE +countries, cities, states \(with a government\)"
t_match "WORK_OF_ART is explained, its name uncut" "$scr" "WORK_OF_ART +titles of books, songs, films, paintings"
ui_resize 60 20
sleep 0.3
ui_keys G
ui_wait "at 60 columns the legend is whole too" "WORK_OF_ART +titles of books, songs, films, paintings"
ui_keys q
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
t_done
