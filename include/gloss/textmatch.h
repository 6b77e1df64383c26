/* textmatch.h — finding what a person typed in an article's text the
 * way a reader expects: curly and straight quotes alike, any run of
 * spaces and line breaks alike, and letter case ignored when asked (the
 * reader's `/` ignores it for a query without capitals; `highlight
 * --quote` when no exact match exists).  Model code: no curses, no
 * SQLite.  Offsets are bytes into the text. */
#ifndef GLOSS_TEXTMATCH_H
#define GLOSS_TEXTMATCH_H

#include <stddef.h>
#include <stdint.h>

struct textmatch {
	uint32_t *cp; /* the query, normalised: one ' ' for each run of spaces */
	size_t n;
	int fold_case;
};

/* Prepare a query (UTF-8; invalid bytes stand for themselves).  Leading
 * and trailing spaces are dropped.  0, or -1 when nothing is left to
 * find.  Free with textmatch_free. */
int textmatch_init(struct textmatch *m, const char *query, size_t len, int fold_case);
void textmatch_free(struct textmatch *m);
/* 1 when the query has no capital letter (smartcase: then case is
 * ignored, as in less -i and vim). */
int textmatch_smartcase(const char *query, size_t len);
/* The first match starting at or after byte from: 1 with
 * text[*start..*end), or 0. */
int textmatch_next(const struct textmatch *m, const char *text, size_t len, size_t from,
                   size_t *start, size_t *end);

#endif
