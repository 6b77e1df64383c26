#!/bin/sh
# newsboat.sh — habits from newsboat: J and K open the next and previous
# article of the library's order and filter; O opens the source URL with
# $BROWSER (else xdg-open); the library and the reader notice when another
# process changes the database.
. "$TOP_SRCDIR/tests/lib.sh"
# The sample articles, as the default library has them.
"$GLOSS" samples add >/dev/null 2>&1 || exit 1

"$GLOSS" list >/dev/null || exit 1
D=$T_DIR/in
mkdir -p "$D"
printf 'Harbour talks resume in Oslo\n\nThe harbour talks resumed in Oslo on Monday. Both sides met.\n' > "$D/a.txt"
printf 'Ferry strike ends in Bergen\n\nWorkers returned to the ferries on Tuesday. The union agreed.\n' > "$D/b.txt"
printf 'Harbour fees rise in Bergen\n\nThe harbour of Bergen raised its fees. Shippers complained.\n' > "$D/c.txt"
printf 'Airport reopens in Tromso\n\nThe airport reopened on Friday after the storm.\n' > "$D/d.txt"
"$GLOSS" import --url "https://example.org/oslo?a=1&b=2" "$D/a.txt" >/dev/null
"$GLOSS" import "$D/b.txt" "$D/c.txt" >/dev/null
a=$("$GLOSS" list | sed -n 's/^\([0-9]*\)\tHarbour talks.*/\1/p')

cat > "$T_DIR/browser.sh" <<'SH'
#!/bin/sh
printf '%s\n' "$1" > "$(dirname "$0")/opened"
SH
chmod +x "$T_DIR/browser.sh"

ui_start 120 35 "env BROWSER=$T_DIR/browser.sh $GLOSS"
ui_wait "the library" "Title +Outlet"

# J and K follow the library's order: sorted by title.
ui_keys s
ui_wait "sorted by title" "sorted by title"
ui_keys g j Enter
ui_wait "the second title" "^ Ferry strike ends in Bergen"
ui_keys J
ui_wait "J opens the next title" "^ Harbour fees rise in Bergen"
ui_keys J
ui_wait "and the next" "^ Harbour talks resume in Oslo"
ui_keys K
ui_wait "K the previous one" "^ Harbour fees rise in Bergen"
ui_keys K K
ui_wait "back to the first title" "^ A private bulletproof"
ui_keys K
ui_wait "K at the first says so" "first article of the library's list"
ui_keys q
ui_wait "q goes back to the library" "Title +Outlet"
ui_wait "whose cursor followed" " 1/[0-9]+ "

# ... and its filter: only the harbour articles.
ui_keys /
ui_text harbour
ui_keys Enter
ui_wait "the best match opens" "^ Harbour (fees|talks)"
first=$(ui_screen | sed -n 1p)
ui_keys J
ui_wait "J opens the other match" "^ Harbour (fees|talks)"
second=$(ui_screen | sed -n 1p)
[ "$first" != "$second" ]
t_ok $? "the two harbour articles ($first / $second)"
ui_keys J
ui_wait "and no further: the ferry is filtered out" "last article of the library's list"

# O opens the source URL with $BROWSER.
ui_keys q
ui_wait "the library" "Title +Outlet"
ui_keys Escape
sleep 0.3
ui_keys /
ui_text Oslo
ui_keys Enter
ui_wait "the Oslo article" "^ Harbour talks resume in Oslo"
ui_keys O
ui_wait "O says it opened the URL" "opened https://example.org/oslo"
t_eq "the browser got the URL whole" "$(cat "$T_DIR/opened" 2>/dev/null)" "https://example.org/oslo?a=1&b=2"
ui_keys J
ui_keys q
sleep 0.3
ui_keys Escape
sleep 0.3
ui_keys /
ui_text Ferry
ui_keys Enter
ui_wait "an article without a URL" "^ Ferry strike"
ui_keys O
ui_wait "O says there is none" "has no source URL"

# Another process annotates this article: the reader shows it.
b=$("$GLOSS" list | sed -n 's/^\([0-9]*\)\tFerry.*/\1/p')
ui_wait "no annotations yet" "0 annotations"
"$GLOSS" highlight "$b" --quote "The union agreed." --tag claim >/dev/null
ui_wait "a highlight made elsewhere appears" "1 annotation " 5
ui_wait "with a word on the status line" "the library changed"
ui_keys q
ui_wait "the library" "Title +Outlet"
ui_keys Escape
sleep 0.3
n=$("$GLOSS" list | wc -l | tr -d ' ')
ui_wait "the library counts the articles" "gloss — $n articles"
"$GLOSS" import "$D/d.txt" >/dev/null
ui_wait "an import elsewhere shows in the library" "gloss — $((n + 1)) articles" 5
ui_wait "with its title" "Airport reopens in Tromso"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
ui_stop

# No browser at all: a clear message.
mkdir -p "$T_DIR/emptybin"
ui_start 120 35 "env -u BROWSER PATH=$T_DIR/emptybin $GLOSS"
ui_wait "the library" "Title +Outlet"
ui_keys /
ui_text Oslo
ui_keys Enter
ui_wait "the Oslo article" "^ Harbour talks resume in Oslo"
ui_keys O
ui_wait "O says there is no browser" "no browser: set \\\$BROWSER or install xdg-open"
ui_keys Q
ui_wait "quit" "\[gloss exited 0\]"
t_done
