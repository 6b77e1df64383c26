/* anchor.h — W3C-style text-quote selectors for highlights, and
 * re-anchoring them when an article's text changes: exact quote
 * (disambiguated by prefix/suffix and nearness to the old position), else
 * approximate match (bit-parallel Myers, at most a quarter of the quote's
 * length in edits), else orphaned. */
#ifndef GLOSS_ANCHOR_H
#define GLOSS_ANCHOR_H

#include <stddef.h>

#define ANCHOR_CONTEXT_CHARS 32

struct anchor_selector {
	char *quote;  /* exact text body[start..end) */
	char *prefix; /* up to 32 characters (code points) before start */
	char *suffix; /* up to 32 characters after end */
};

/* Build the selector for body[start..end).  Offsets must lie on character
 * boundaries (they are moved back to one if not). */
void anchor_selector_make(const char *body, size_t len, size_t start, size_t end,
                          struct anchor_selector *sel);
void anchor_selector_free(struct anchor_selector *sel);

enum anchor_how { ANCHOR_ORPHANED = 0, ANCHOR_EXACT, ANCHOR_FUZZY };

/* Find sel in body[0..len); old_start is where it was (a hint for
 * nearness).  On success sets *start and *end, and returns ANCHOR_EXACT or
 * ANCHOR_FUZZY; returns ANCHOR_ORPHANED when nothing is close enough. */
enum anchor_how anchor_resolve(const char *body, size_t len,
                               const struct anchor_selector *sel, size_t old_start,
                               size_t *start, size_t *end);
/* The same for a highlight that has drifted: home is the quote it was
 * made on (NULL when it never changed).  Its exact text, case included,
 * is tried before anything else, ranked by sel's context and nearness,
 * so that text edited and then restored brings the highlight back. */
enum anchor_how anchor_resolve_home(const char *body, size_t len,
                                    const struct anchor_selector *sel, const char *home,
                                    size_t old_start, size_t *start, size_t *end);

/* Where a highlight goes when its article's text changes. */
struct anchor_moved {
	size_t start, end;
	struct anchor_selector sel; /* its selector on the new text */
	char *home; /* the quote it was made on, when its new quote differs; else NULL */
};
/* Resolve a highlight (sel, made on home or, when home is NULL, on
 * sel->quote) in the new body[0..len), as anchor_resolve_home.  Found, it
 * fills *out (free it with anchor_moved_free); ANCHOR_ORPHANED leaves
 * *out empty: the highlight is kept where it was, marked orphaned. */
enum anchor_how anchor_move(const char *body, size_t len, const struct anchor_selector *sel,
                            const char *home, size_t old_start, struct anchor_moved *out);
void anchor_moved_free(struct anchor_moved *m);

#endif
