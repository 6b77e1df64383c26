/* entity_alias.h — the library's rule for a bare name: which person of
 * the whole library a single-word name ("Peskov", "Kim") means.  The
 * recognizer does the same within one document (ner_aliases.c); this is
 * the rule across articles, which the store applies as it saves
 * mentions.  Model code, no SQL. */
#ifndef GLOSS_ENTITY_ALIAS_H
#define GLOSS_ENTITY_ALIAS_H

#include <stddef.h>
#include <stdint.h>

/* 1 when an entity of this label and name is a bare name: a person's
 * name of one word. */
int entity_alias_is_bare(const char *label, const char *name);

/* Of the people whose full name begins or ends with a bare name, given
 * their mentions, most-mentioned first (only the first two count): the
 * index of the one the bare name means (the only one, or one mentioned
 * at least three times as often as the next), or -1. */
int entity_alias_pick(const int64_t *mentions, size_t n);

/* The bare names a person's full name lends itself to: its last word and
 * its first ("Vladimir Putin": "Putin", "Vladimir"), into names[0] and
 * names[1] (free both).  0, or -1 (and nothing set) for a name of one
 * word. */
int entity_alias_bare_names(const char *full, char *names[2]);

#endif
