/* ner.h — named-entity recognition over raw UTF-8 text: rules, cue words,
 * gazetteers (embedded from data/en/gazetteer/) and in-document capitalisation
 * statistics.  Knows nothing of SQLite or curses. */
#ifndef GLOSS_NER_H
#define GLOSS_NER_H

#include <stddef.h>

/* OntoNotes 5 labels, as spaCy uses them.  X(enum suffix, name) */
#define NER_LABEL_INFO(X) \
	X(PERSON) X(NORP) X(FAC) X(ORG) X(GPE) X(LOC) X(PRODUCT) X(EVENT) \
	X(WORK_OF_ART) X(LAW) X(LANGUAGE) X(DATE) X(TIME) X(PERCENT) X(MONEY) \
	X(QUANTITY) X(ORDINAL) X(CARDINAL)

enum ner_label {
#define NER_ENUM(n) NER_##n,
	NER_LABEL_INFO(NER_ENUM)
#undef NER_ENUM
	NER_NLABELS
};

const char *ner_label_name(enum ner_label l);
/* -1 when the name is not a label. */
int ner_label_from_name(const char *name);

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
