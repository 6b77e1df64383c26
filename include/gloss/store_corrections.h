/* store_corrections.h — the rows of the user's corrections of the entity
 * recognizer (table correction), and what applying one needs from the
 * store.  Part of the store module: its SQL is in src/store_corrections.c;
 * what a correction does to a text is corrections.c's business. */
#ifndef GLOSS_STORE_CORRECTIONS_H
#define GLOSS_STORE_CORRECTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "gloss/corrections.h"
#include "gloss/store.h"

/* Every correction, oldest first.  0 or -1. */
int store_corrections_list(struct store *st, struct corrections *out);
/* Record c (its id and created are ignored); its id in *id.  0 or -1. */
int store_correction_add(struct store *st, const struct correction *c, int64_t *id);
/* Drop correction id, its former content in *out (may be NULL; free its
 * strings with corrections_free on a one-element list or by hand).
 * 0 ok, 1 no such correction, -1 error. */
int store_correction_forget(struct store *st, int64_t id, struct correction *out);

/* One transaction around a correction and the articles it redoes. */
int store_corrections_begin(struct store *st);
int store_corrections_commit(struct store *st);
void store_corrections_rollback(struct store *st);

/* The articles whose title or text may hold text (its words as a
 * full-text phrase, so "Kim Jong Un" finds "Kim Jong-un"), ascending;
 * *ids is allocated.  0 or -1. */
int store_articles_with_text(struct store *st, const char *text, int64_t **ids, size_t *n);
/* Replace an article's mentions by ner's over its body (inside
 * store_corrections_begin).  0 or -1. */
int store_article_set_mentions(struct store *st, int64_t article_id, const char *body,
                               const struct ner_result *ner);

#endif
