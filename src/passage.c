/* passage.c — what a passage search asks the library for (see
 * passage.h): the words, and for related passages which of them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/passage.h"
#include "gloss/util.h"

void passage_query_plan(const char *words, int any, int prefix_last, passage_docs_fn docs,
                        void *ctx, struct passage_query *out)
{
	struct term {
		const char *w;
		size_t n;
		double docs;
	} terms[64];
	size_t nterms = 0, i, j;
	struct buf kept = {0};
	const char *p = words;

	memset(out, 0, sizeof *out);
	while (nterms < ARRAY_SIZE(terms) && (terms[nterms].w = util_next_word(&p, &terms[nterms].n))) {
		/* One letter is a word, not a prefix of thousands (the index
		 * keeps prefixes of two letters and more). */
		if (!*p && terms[nterms].n < 2)
			prefix_last = 0;
		/* The picker ranks a bounded number of matches whatever the
		 * words: only related passages choose words by their counts. */
		terms[nterms].docs = any ? docs(ctx, terms[nterms].w, terms[nterms].n) : 0;
		nterms++;
	}
	if (!nterms)
		return;
	if (!any) {
		out->words = xstrdup(words);
		out->prefix_last = prefix_last;
		return;
	}
	/* The rarest words that other sentences share (docs >= 2). */
	for (i = 1; i < nterms; i++)
		for (j = i; j > 0 && terms[j].docs < terms[j - 1].docs; j--) {
			struct term t = terms[j];
			terms[j] = terms[j - 1];
			terms[j - 1] = t;
		}
	{
		/* Stop adding words once the candidates would be too many to
		 * rank in time, keeping at least two. */
		double total = 0;
		for (i = 0, j = 0; i < nterms && j < PASSAGE_RELATED_TERMS; i++) {
			if (terms[i].docs < 2)
				continue;
			if (j >= 2 && total + terms[i].docs > PASSAGE_RANK_MAX_DOCS)
				break;
			total += terms[i].docs;
			if (kept.len)
				buf_addc(&kept, ' ');
			buf_add(&kept, terms[i].w, terms[i].n);
			j++;
		}
	}
	if (kept.len)
		out->words = xstrdup(kept.s);
	buf_free(&kept);
}
