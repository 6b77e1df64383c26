/* lexicon.h — the word lists gloss keeps as data, not code: one loader for
 * every module that needs vocabulary (the recognizer's grammar and cue
 * words, abbreviations, name particles, currencies, weekdays, the
 * importer's line-rule words, units of measure).  Each list
 * is a UTF-8 file embedded in the binary (see tools/embed.sh): one entry a
 * line, '#' starts a comment line, blank lines are skipped, and where a
 * file holds several kinds a class column follows the entry after a tab.
 * Lists of one language live in data/LANG/ (data/en/ today); nothing in the
 * code that reads them assumes English.  Knows nothing of curses or SQLite. */
#ifndef GLOSS_LEXICON_H
#define GLOSS_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

struct lexicon_entry {
	const char *word; /* the entry, trailing blanks trimmed */
	size_t len;
	const char *cls;  /* the class column ("" when none), trimmed */
	size_t cls_len;
};

/* Calls fn on each entry of the embedded data file at path (a path in the
 * source tree, "data/en/grammar.txt"), in file order, with word and cls
 * pointing into the embedded bytes (not NUL-terminated).  -1 when there is
 * no such file, else 0. */
int lexicon_each(const char *path, void (*fn)(const struct lexicon_entry *e, void *arg), void *arg);

/* The language whose lists lexicon_words() loads ("en"). */
const char *lexicon_language(void);

/* The path of the current language's list NAME: "data/en/NAME.txt".
 * Written to buf (size bytes); returns buf. */
const char *lexicon_path(const char *name, char *buf, size_t size);

struct lexicon_list {
	size_t n;
	const struct lexicon_entry *v; /* word and cls NUL-terminated */
};

/* The list at path, parsed once and kept until the process exits (safe
 * to call from any thread).  An empty list when there is no such file. */
const struct lexicon_list *lexicon_list(const char *path);
/* lexicon_list() of the current language's list NAME. */
const struct lexicon_list *lexicon_words(const char *name);

/* The first entry of l whose word is w[0..n) (ASCII letters compared
 * case-blind when fold), and whose class column holds cls as one of its
 * space-separated words when cls is not NULL; NULL when none. */
const struct lexicon_entry *lexicon_find(const struct lexicon_list *l, const char *w, size_t n, bool fold,
					 const char *cls);
/* Does e's class column hold the word c (columns are space-separated)? */
bool lexicon_has_class(const struct lexicon_entry *e, const char *c);

#endif
