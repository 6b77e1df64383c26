/* corrections_redo.c — the library's operations on the user's
 * corrections of the entity recognizer (see corrections.h): record or
 * forget one and, in the same transaction, re-recognise every article it
 * may touch.  Apart from corrections.c so that the store, which reads and
 * writes correction rows with corrections.c's kind names, is never called
 * back by the model it serves. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/corrections.h"
#include "gloss/store.h"
#include "gloss/store_corrections.h"
#include "gloss/util.h"

/* Re-recognise the articles in ids with the library's corrections. */
static int redo_articles(struct store *st, const int64_t *ids, size_t n, int *articles)
{
	struct corrections all = {0};
	int rc = 0;

	if (store_corrections_list(st, &all) != 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct store_article a = {0};
		struct ner_result r = {0};
		int g = store_article_get(st, ids[i], 1, &a);
		if (g != 0) {
			rc = g < 0 ? -1 : 0;
			store_article_clear(&a);
			continue;
		}
		ner_scan(a.body, a.body_len, &r);
		corrections_apply(&all, a.body, a.body_len, &r);
		rc = store_article_set_mentions(st, a.id, a.body, &r);
		if (rc == 0 && articles)
			++*articles;
		ner_result_free(&r);
		store_article_clear(&a);
	}
	corrections_free(&all);
	return rc;
}

static int redo_text(struct store *st, const char *text, int *articles)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = store_articles_with_text(st, text, &ids, &n);
	if (rc == 0)
		rc = redo_articles(st, ids, n, articles);
	free(ids);
	return rc;
}

int corrections_make(struct store *st, enum correction_kind kind, const char *text, int label,
                     int64_t *id, int *articles)
{
	struct correction c = {0, kind, xstrdup(text), kind == CORRECTION_REJECT ? -1 : label, NULL};
	int rc = 0;

	if (articles)
		*articles = 0;
	if (store_corrections_begin(st) != 0) {
		free(c.text);
		return -1;
	}
	if (store_correction_add(st, &c, id) != 0 || redo_text(st, text, articles) != 0 ||
	    store_corrections_commit(st) != 0) {
		store_corrections_rollback(st);
		rc = -1;
	}
	free(c.text);
	return rc;
}

int corrections_forget(struct store *st, int64_t id, int *articles)
{
	struct correction old = {0};
	int rc;

	if (articles)
		*articles = 0;
	if (store_corrections_begin(st) != 0)
		return -1;
	rc = store_correction_forget(st, id, &old);
	if (rc == 0 && (redo_text(st, old.text, articles) != 0 || store_corrections_commit(st) != 0))
		rc = -1;
	if (rc != 0)
		store_corrections_rollback(st);
	free(old.text);
	free(old.created);
	return rc;
}

int corrections_reapply_all(struct store *st, int *articles)
{
	struct corrections all = {0};
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	if (articles)
		*articles = 0;
	if (store_corrections_list(st, &all) != 0)
		return -1;
	for (size_t k = 0; k < all.n; k++) {
		int64_t *more = NULL;
		size_t m = 0;
		if (store_articles_with_text(st, all.v[k].text, &more, &m) != 0) {
			free(ids);
			corrections_free(&all);
			return -1;
		}
		ids = xreallocarray(ids, n + m + 1, sizeof *ids);
		if (m)
			memcpy(ids + n, more, m * sizeof *ids);
		n += m;
		free(more);
	}
	corrections_free(&all);
	/* Each article once. */
	{
		size_t o = 0;
		for (size_t i = 0; i < n; i++) {
			size_t j;
			for (j = 0; j < o && ids[j] != ids[i]; j++)
				;
			if (j == o)
				ids[o++] = ids[i];
		}
		n = o;
	}
	if (store_corrections_begin(st) != 0) {
		free(ids);
		return -1;
	}
	rc = redo_articles(st, ids, n, articles);
	if (rc != 0 || store_corrections_commit(st) != 0) {
		store_corrections_rollback(st);
		rc = -1;
	}
	free(ids);
	return rc;
}
