/* corrections.h — the corrections a user makes to the entity recognizer,
 * once, for the whole library: "this name is an organisation" (relabel),
 * "this text is no entity" (reject), "this text is always a place" (add).
 * They are consulted before the built-in rules for every article imported
 * (they override what the rules found), and applied at once to every
 * article already in the library, so the entity index, the reader's
 * colours, related passages and the export follow.  The model: no curses,
 * no SQL (the rows are kept by store_corrections.c). */
#ifndef GLOSS_CORRECTIONS_H
#define GLOSS_CORRECTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "gloss/ner.h"

struct store;

enum correction_kind {
	CORRECTION_RELABEL, /* spans of this name get this label */
	CORRECTION_REJECT,  /* spans of this name are dropped */
	CORRECTION_ADD,     /* every occurrence of this text is an entity of this label */
};

struct correction {
	int64_t id;
	enum correction_kind kind;
	char *text;    /* a name as written ("Mercedes"), or an entity's full name */
	int label;     /* enum ner_label; -1 for a rejection */
	char *created; /* ISO 8601, UTC */
};

struct corrections {
	struct correction *v;
	size_t n, cap;
};

/* "relabel", "reject", "add"; -1 for another word. */
const char *correction_kind_name(enum correction_kind k);
int correction_kind_from_name(const char *name);
/* What each label means, one short line ("People, including fictional"). */
const char *correction_label_meaning(enum ner_label l);
void corrections_free(struct corrections *c);

/* Apply the corrections, in order (a later one wins), to r, the
 * recognizer's result over text[0..len): a span matches a name when its
 * text or its alias key is that name; an added text becomes a span at each
 * occurrence between word boundaries, replacing what overlaps it.  r stays
 * sorted and without overlaps, to be freed with ner_result_free. */
void corrections_apply(const struct corrections *c, const char *text, size_t len,
                       struct ner_result *r);

/* The library's operations (corrections_redo.c), shared by the command
 * line and the reader.  Each records or drops one correction and, in the
 * same transaction, re-recognises every article whose text may hold the
 * name, so its mentions follow at once; *articles (may be NULL) gets
 * how many were redone.  0, or -1 with store_errmsg set. */
int corrections_make(struct store *st, enum correction_kind kind, const char *text, int label,
                     int64_t *id, int *articles);
/* 0 ok, 1 no such correction, -1 error. */
int corrections_forget(struct store *st, int64_t id, int *articles);
/* Re-recognise the articles that may hold any of the library's
 * corrected names (after a restore added corrections). */
int corrections_reapply_all(struct store *st, int *articles);

#endif
