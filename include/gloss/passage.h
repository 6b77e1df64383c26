/* passage.h — what a passage search asks the library for: which of the
 * user's words, and whether the matches are ranked or the newest shown.
 * Model code, no SQL: the store runs the query (store_passage_search). */
#ifndef GLOSS_PASSAGE_H
#define GLOSS_PASSAGE_H

#include <stddef.h>

/* Above this many candidate sentences, bm25 over all of them costs more
 * than a keystroke may: the picker shows the newest matches instead. */
#define PASSAGE_RANK_MAX_DOCS 20000.0
/* Related passages search for at most this many of the passage's rarest
 * words: common words add candidates, not relevance. */
#define PASSAGE_RELATED_TERMS 6

/* How many sentences hold the word w[0..n) (a prefix when prefix). */
typedef double (*passage_docs_fn)(void *ctx, const char *w, size_t n, int prefix);

struct passage_query {
	char *words;     /* the words to match, or NULL: nothing can match */
	int prefix_last; /* the last word is a prefix */
	int recent;      /* too many candidates to rank: the newest first */
};

/* Plan a search for words: all of them (any == 0; the last a prefix when
 * prefix_last and it has two characters or more), or, for related
 * passages (any == 1), the rarest of them that other sentences share, as
 * many as can be ranked in time (at least two).  docs(ctx, ...) counts a
 * word's sentences.  Free out->words. */
void passage_query_plan(const char *words, int any, int prefix_last, passage_docs_fn docs,
                        void *ctx, struct passage_query *out);

#endif
