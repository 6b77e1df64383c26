/* ner.h — named-entity recognition over raw UTF-8 text: rules, cue words,
 * gazetteers (embedded from data/en/gazetteer/) and in-document capitalisation
 * statistics.  Knows nothing of SQLite or curses. */
#ifndef GLOSS_NER_H
#define GLOSS_NER_H

#include <stddef.h>

#include "gloss/ner_label.h"

struct ner_span {
	size_t start, end; /* byte offsets, end exclusive */
	enum ner_label label;
	/* Per-document alias key: the fullest form of this name seen in the
	 * document ("Dmitry Peskov" for a later "Peskov"), normalised
	 * (NFC, hyphens and spaces unified) so that "Kim Jong-un" and
	 * "Kim Jong Un" share a key.  Owned by the result. */
	char *canon;
};

struct ner_result {
	struct ner_span *v;
	size_t n, cap;
};

/* Find entities in text[0..len).  Any bytes are accepted: invalid UTF-8
 * never ends inside a span.  Spans come out sorted by start, without
 * overlaps.  out must be zeroed or previously freed. */
void ner_scan(const char *text, size_t len, struct ner_result *out);
void ner_result_free(struct ner_result *r);

#endif
