/* ner_label.h — the entity labels of the recognizer (ner.h), apart so
 * that the store (store.h) can name them without the recognizer. */
#ifndef GLOSS_NER_LABEL_H
#define GLOSS_NER_LABEL_H

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

#endif
