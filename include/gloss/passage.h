/* passage.h — what a passage search asks the library for: which of the
 * user's words, and whether the matches are ranked or the newest shown.
 * Model code, no SQL: the store runs the query (store_passage_search). */
#ifndef GLOSS_PASSAGE_H
#define GLOSS_PASSAGE_H

#include <stddef.h>

/* Related passages rank every candidate: they stop adding words once the
 * candidates would pass this many. */
#define PASSAGE_RANK_MAX_DOCS 20000.0
/* The link picker ranks the newest this many matches of what is typed, so
 * a keystroke costs the same however many sentences match (bm25 over
 * 20,000 took 130 ms at 100,000 articles; over these, a few). */
#define PASSAGE_PICKER_RANKED 2000
/* Related passages search for at most this many of the passage's rarest
 * words: common words add candidates, not relevance. */
#define PASSAGE_RELATED_TERMS 6

/* How many sentences hold the word w[0..n). */
typedef double (*passage_docs_fn)(void *ctx, const char *w, size_t n);

struct passage_query {
	char *words;     /* the words to match, or NULL: nothing can match */
	int prefix_last; /* the last word is a prefix */
};

/* Plan a search for words: all of them (any == 0; the last a prefix when
 * prefix_last and it has two characters or more; no counting), or, for
 * related passages (any == 1), the rarest of them that other sentences
 * share, as many as can be ranked in time (at least two).  docs(ctx, ...)
 * counts a word's sentences.  Free out->words. */
void passage_query_plan(const char *words, int any, int prefix_last, passage_docs_fn docs,
                        void *ctx, struct passage_query *out);

#endif
