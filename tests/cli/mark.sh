#!/bin/sh
# mark.sh — gloss mark read|unread: given articles, all, all or none on a
# bad id, usage errors.  (A feed's articles: tests/cli/feed.sh.)
. "$TOP_SRCDIR/tests/lib.sh"
"$GLOSS" samples add >/dev/null 2>&1 || exit 1

unread() { "$GLOSS" list --unread | cut -f1 | tr '\n' ' ' | sed 's/ $//'; }

t_eq "imported files are read" "$(unread)" ""
t_run "mark two unread" 0 "$GLOSS" mark unread 1 2
t_match "says how many" "$T_OUT" "^marked 2 articles unread$"
t_eq "list --unread shows them" "$(unread)" "1 2"
t_run "mark one read" 0 "$GLOSS" mark read 2
t_match "one article" "$T_OUT" "^marked 1 article read$"
t_eq "the other stays unread" "$(unread)" "1"
t_run "an id that does not exist" 1 "$GLOSS" mark unread 3 999
t_match "is named" "$T_ERR" "no article 999; nothing marked"
t_eq "and nothing changed" "$(unread)" "1"
t_run "mark all unread" 0 "$GLOSS" mark unread --all
t_eq "every article" "$(unread)" "1 2 3 4 5"
t_run "mark all read" 0 "$GLOSS" mark read --all
t_eq "none" "$(unread)" ""
t_run "neither read nor unread" 2 "$GLOSS" mark seen 1
t_match "is a usage error" "$T_ERR" "'seen' is neither read nor unread"
t_run "ids and --all together" 2 "$GLOSS" mark read 1 --all
t_match "says what to give" "$T_ERR" "give article ids, --feed FEED or --all"
t_run "nothing to mark" 2 "$GLOSS" mark read
t_run "not an id" 2 "$GLOSS" mark read x1
t_match "names it" "$T_ERR" "'x1' is not an article id"
t_done
