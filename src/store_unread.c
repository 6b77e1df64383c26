/* store_unread.c — the library's narrowed lists (the articles of one
 * feed, or the unread ones, in the library's sort order) and marking many
 * articles read at once (see store_feed.h).  The orders are those of
 * store_article_list, so a narrowed list reads like the whole one. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "gloss/store_feed.h"
#include "gloss/util.h"
#include "store_internal.h"

#define WHERE_NARROW                                                                       \
	" WHERE (?1 = 0 OR a.id IN (SELECT article_id FROM feed_item WHERE feed_id = ?1))"   \
	" AND (?2 = 0 OR a.id IN (SELECT article_id FROM article_unread))"

static const char *const narrow_sql[STORE_SORT_NSORTS] = {
	[STORE_SORT_IMPORTED] = "SELECT a.id FROM article a" WHERE_NARROW " ORDER BY a.id",
	[STORE_SORT_TITLE] = "SELECT a.id FROM article a" WHERE_NARROW
	                     " ORDER BY a.title COLLATE NOCASE, a.id",
	[STORE_SORT_OUTLET] = "SELECT a.id FROM article a" WHERE_NARROW
	                      " ORDER BY a.outlet IS NULL, a.outlet COLLATE NOCASE, a.id",
	[STORE_SORT_DATE] = "SELECT a.id FROM article a" WHERE_NARROW
	                    " ORDER BY a.published IS NULL, a.published DESC, a.id",
	[STORE_SORT_WORDS] = "SELECT a.id FROM article a" WHERE_NARROW " ORDER BY a.words DESC, a.id",
};

int store_article_ids_narrowed(struct store *st, enum store_sort sort, int64_t feed_id,
                               int unread_only, int64_t **ids, size_t *n)
{
	sqlite3_stmt *s = NULL;
	int rc;

	*ids = NULL;
	*n = 0;
	if ((unsigned)sort >= STORE_SORT_NSORTS)
		sort = STORE_SORT_IMPORTED;
	if (sqlite3_prepare_v2(STORE_CORE(st)->db, narrow_sql[sort], -1, &s, NULL) != SQLITE_OK) {
		store_set_err(st, "cannot list the articles");
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_bind_int64(s, 1, feed_id > 0 ? feed_id : 0);
	sqlite3_bind_int64(s, 2, unread_only != 0);
	rc = store_step_ids(st, s, "cannot list the articles", ids, n);
	sqlite3_finalize(s);
	return rc;
}

int store_unread_set_many(struct store *st, const int64_t *ids, size_t n, int unread,
                          size_t *changed)
{
	const char *what = unread ? "cannot mark the articles unread" : "cannot mark the articles read";
	sqlite3_stmt *s = NULL;
	size_t i, done = 0;

	if (changed)
		*changed = 0;
	if (store_begin(st, what) != 0)
		return -1;
	if (sqlite3_prepare_v2(STORE_CORE(st)->db,
	                       unread ? "INSERT OR IGNORE INTO article_unread(article_id)"
	                                " SELECT id FROM article WHERE id = ?1"
	                              : "DELETE FROM article_unread WHERE article_id = ?1",
	                       -1, &s, NULL) != SQLITE_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, ids[i]);
		if (sqlite3_step(s) != SQLITE_DONE)
			goto fail;
		done += (size_t)sqlite3_changes(STORE_CORE(st)->db);
	}
	sqlite3_finalize(s);
	s = NULL;
	if (store_commit(st, what) != 0)
		goto fail;
	if (changed)
		*changed = done;
	return 0;
fail:
	store_set_err(st, what);
	sqlite3_finalize(s);
	store_rollback(st);
	return -1;
}
