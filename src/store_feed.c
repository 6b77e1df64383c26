/* store_feed.c — the tables `feed`, `feed_item` and `article_unread` (see
 * store_feed.h).  Statements are prepared on each call, bound, never
 * spliced: a feed command costs a network round trip or a screen's
 * worth of rows, next to which a prepare is nothing. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gloss/store_feed.h"
#include "gloss/util.h"
#include "store_internal.h"

static char *col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
}

/* Bind by a format: 'i' int64_t, 't' text (NULL binds NULL), 'l' long. */
static void bindv(sqlite3_stmt *s, const char *fmt, va_list ap)
{
	int i;

	for (i = 1; *fmt; fmt++, i++) {
		if (*fmt == 'i') {
			sqlite3_bind_int64(s, i, va_arg(ap, int64_t));
		} else if (*fmt == 'l') {
			sqlite3_bind_int64(s, i, (int64_t)va_arg(ap, long));
		} else {
			const char *t = va_arg(ap, const char *);
			if (t)
				sqlite3_bind_text(s, i, t, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(s, i);
		}
	}
}

static sqlite3_stmt *prep(struct store *st, const char *what, const char *sql, const char *fmt,
                          ...)
{
	sqlite3_stmt *s = NULL;
	va_list ap;

	if (sqlite3_prepare_v2(STORE_CORE(st)->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_set_err(st, what);
		sqlite3_finalize(s);
		return NULL;
	}
	va_start(ap, fmt);
	bindv(s, fmt, ap);
	va_end(ap);
	return s;
}

/* Run one statement that returns no rows; the rows changed, or -1. */
static int64_t vrun(struct store *st, const char *what, const char *sql, const char *fmt,
                    va_list ap)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(STORE_CORE(st)->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_set_err(st, what);
		sqlite3_finalize(s);
		return -1;
	}
	bindv(s, fmt, ap);
	if (sqlite3_step(s) != SQLITE_DONE) {
		store_set_err(st, what);
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return sqlite3_changes(STORE_CORE(st)->db);
}

static int64_t run(struct store *st, const char *what, const char *sql, const char *fmt, ...)
{
	va_list ap;
	int64_t n;

	va_start(ap, fmt);
	n = vrun(st, what, sql, fmt, ap);
	va_end(ap);
	return n;
}

const char *store_feed_name(const struct store_feed *f)
{
	if (f->user_title && *f->user_title)
		return f->user_title;
	if (f->title && *f->title)
		return f->title;
	return f->url ? f->url : "";
}

void store_feed_clear(struct store_feed *f)
{
	free(f->url);
	free(f->title);
	free(f->user_title);
	free(f->site_url);
	free(f->etag);
	free(f->last_modified);
	free(f->fetched_at);
	free(f->error);
	free(f->error_at);
	free(f->retry_until);
	free(f->added_at);
	memset(f, 0, sizeof *f);
}

void store_feeds_free(struct store_feeds *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		store_feed_clear(&v->v[i]);
	free(v->v);
	memset(v, 0, sizeof *v);
}

#define FEED_COLS                                                                          \
	"f.id, f.url, f.title, f.user_title, f.site_url, f.interval_min, f.ttl_min, f.etag,"   \
	" f.last_modified, f.fetched_at, f.error, f.error_at, f.retry_until, f.added_at,"     \
	" (SELECT count(*) FROM feed_item i WHERE i.feed_id = f.id),"                         \
	" (SELECT count(*) FROM feed_item i JOIN article_unread u ON u.article_id = i.article_id" \
	"   WHERE i.feed_id = f.id)"

static void read_feed(sqlite3_stmt *s, struct store_feed *f)
{
	f->id = sqlite3_column_int64(s, 0);
	f->url = col(s, 1);
	f->title = col(s, 2);
	f->user_title = col(s, 3);
	f->site_url = col(s, 4);
	f->interval_min = sqlite3_column_int64(s, 5);
	f->ttl_min = sqlite3_column_int64(s, 6);
	f->etag = col(s, 7);
	f->last_modified = col(s, 8);
	f->fetched_at = col(s, 9);
	f->error = col(s, 10);
	f->error_at = col(s, 11);
	f->retry_until = col(s, 12);
	f->added_at = col(s, 13);
	f->items = sqlite3_column_int64(s, 14);
	f->unread = sqlite3_column_int64(s, 15);
}

int store_feed_add(struct store *st, const char *url, const char *title, int64_t *id)
{
	static const char what[] = "cannot add the feed";
	sqlite3_stmt *s;
	int rc;

	*id = 0;
	s = prep(st, what, "SELECT id FROM feed WHERE url = ?1", "t", url);
	if (!s)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
		return 1;
	}
	sqlite3_finalize(s);
	if (store_begin(st, what) != 0)
		return -1;
	rc = run(st, what, "INSERT INTO feed(url, title, added_at) VALUES (?1, ?2, " NOW ")", "tt",
	         url, title ? title : "") < 0;
	if (rc || store_commit(st, what) != 0) {
		store_rollback(st);
		return -1;
	}
	*id = sqlite3_last_insert_rowid(STORE_CORE(st)->db);
	return 0;
}

int store_feed_list(struct store *st, struct store_feeds *out)
{
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof *out);
	s = prep(st, "cannot list the feeds",
	         "SELECT " FEED_COLS " FROM feed f ORDER BY"
	         " lower(coalesce(nullif(f.user_title, ''), nullif(f.title, ''), f.url)), f.id",
	         "");
	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_feed f = {0};
		read_feed(s, &f);
		VEC_PUSH(out, f);
	}
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot list the feeds");
		sqlite3_finalize(s);
		store_feeds_free(out);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

int store_feed_find(struct store *st, const char *name, struct store_feed *out)
{
	struct store_feeds all;
	size_t i, found = 0, at = 0;
	char *end;
	long long id = strtoll(name, &end, 10);

	memset(out, 0, sizeof *out);
	if (store_feed_list(st, &all) != 0)
		return -1;
	for (i = 0; i < all.n; i++) {
		const struct store_feed *f = &all.v[i];
		int by_id = *name && !*end && f->id == id;
		if (by_id || strcmp(f->url, name) == 0) {
			found = 1;
			at = i;
			break;
		}
	}
	if (!found) {
		for (i = 0; i < all.n; i++) {
			const struct store_feed *f = &all.v[i];
			if ((f->user_title && strcasecmp(f->user_title, name) == 0) ||
			    strcasecmp(f->title, name) == 0) {
				if (!found)
					at = i;
				found++;
			}
		}
	}
	if (found == 1) {
		*out = all.v[at];
		memset(&all.v[at], 0, sizeof all.v[at]);
	}
	store_feeds_free(&all);
	return found == 1 ? 0 : found ? 2 : 1;
}

static int64_t count(struct store *st, const char *what, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *s = prep(st, what, sql, "ii", a, b);
	int64_t n = -1;

	if (!s)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	else
		store_set_err(st, what);
	sqlite3_finalize(s);
	return n;
}

/* The ids a query gives (one column). */
static int select_ids(struct store *st, const char *what, const char *sql, int64_t a, int64_t b,
                      int64_t **ids, size_t *n)
{
	sqlite3_stmt *s = prep(st, what, sql, "ii", a, b);
	int rc;

	*ids = NULL;
	*n = 0;
	if (!s)
		return -1;
	rc = store_step_ids(st, s, what, ids, n);
	sqlite3_finalize(s);
	return rc;
}

/* Delete articles as `gloss delete` does (their mentions, sentences and
 * entity counts with them), all in one transaction with what follows
 * until store_batch_commit. */
static int delete_articles(struct store *st, const int64_t *ids, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (store_article_delete(st, ids[i]) < 0)
			return -1;
	return 0;
}

int store_feed_remove(struct store *st, int64_t id, int with_articles, int64_t *deleted,
                      int64_t *kept)
{
	static const char what[] = "cannot remove the feed";
	int64_t n, *ids = NULL;
	size_t nids = 0;

	*deleted = *kept = 0;
	if (with_articles) {
		*kept = count(st, what,
		              "SELECT count(*) FROM feed_item i WHERE i.feed_id = ?1 AND ?2 = ?2 AND"
		              " EXISTS (SELECT 1 FROM highlight h WHERE h.article_id = i.article_id)",
		              id, 0);
		if (*kept < 0 ||
		    select_ids(st, what,
		               "SELECT i.article_id FROM feed_item i WHERE i.feed_id = ?1 AND ?2 = ?2"
		               " AND NOT EXISTS (SELECT 1 FROM highlight h"
		               "  WHERE h.article_id = i.article_id)",
		               id, 0, &ids, &nids) != 0)
			return -1;
	} else {
		*kept = count(st, what, "SELECT count(*) FROM feed_item WHERE feed_id = ?1 AND ?2 = ?2",
		              id, 0);
		if (*kept < 0)
			return -1;
	}
	if (store_batch_begin(st) != 0) {
		free(ids);
		return -1;
	}
	if (delete_articles(st, ids, nids) != 0 || store_begin(st, what) != 0) {
		free(ids);
		store_batch_commit(st);
		return -1;
	}
	free(ids);
	n = run(st, what, "DELETE FROM feed WHERE id = ?1", "i", id);
	if (n < 0 || store_commit(st, what) != 0) {
		store_rollback(st);
		store_batch_commit(st);
		return -1;
	}
	if (store_batch_commit(st) != 0)
		return -1;
	*deleted = (int64_t)nids;
	return n ? 0 : 1;
}

/* One statement in its own transaction: 0 when it changed a row, 1 when
 * none matched, -1 on error. */
static int update_one(struct store *st, const char *what, const char *sql, const char *fmt, ...)
{
	va_list ap;
	int64_t n;

	if (store_begin(st, what) != 0)
		return -1;
	va_start(ap, fmt);
	n = vrun(st, what, sql, fmt, ap);
	va_end(ap);
	if (n < 0 || store_commit(st, what) != 0) {
		store_rollback(st);
		return -1;
	}
	return n ? 0 : 1;
}

int store_feed_rename(struct store *st, int64_t id, const char *title)
{
	return update_one(st, "cannot rename the feed", "UPDATE feed SET user_title = ?2 WHERE id = ?1",
	                  "it", id, title && *title ? title : NULL);
}

int store_feed_set_interval(struct store *st, int64_t id, int64_t minutes)
{
	return update_one(st, "cannot set the feed's interval",
	                  "UPDATE feed SET interval_min = ?2 WHERE id = ?1", "ii", id, minutes);
}

int store_feed_record(struct store *st, int64_t id, const struct store_feed_result *r)
{
	static const char what[] = "cannot record the feed's fetch";
	int rc;

	if (r->error)
		rc = update_one(st, what,
		                "UPDATE feed SET error = ?2, error_at = " NOW ","
		                " retry_until = CASE WHEN ?3 >= 0 THEN"
		                "  strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+' || ?3 || ' seconds') END"
		                " WHERE id = ?1",
		                "itl", id, r->error, r->retry_after_s);
	else if (r->not_modified)
		rc = update_one(st, what,
		                "UPDATE feed SET error = NULL, error_at = NULL, fetched_at = " NOW ","
		                " etag = coalesce(?2, etag), last_modified = coalesce(?3, last_modified),"
		                " retry_until = CASE WHEN ?4 >= 0 THEN"
		                "  strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+' || ?4 || ' seconds') END"
		                " WHERE id = ?1",
		                "ittl", id, r->etag, r->last_modified, r->retry_after_s);
	else
		rc = update_one(st, what,
		                "UPDATE feed SET error = NULL, error_at = NULL, fetched_at = " NOW ","
		                " etag = ?2, last_modified = ?3, title = coalesce(?4, title),"
		                " site_url = ?5, ttl_min = ?6,"
		                " retry_until = CASE WHEN ?7 >= 0 THEN"
		                "  strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+' || ?7 || ' seconds') END"
		                " WHERE id = ?1",
		                "itttiil", id, r->etag, r->last_modified,
		                r->title && *r->title ? r->title : NULL, r->site_url, r->ttl_min,
		                r->retry_after_s);
	return rc < 0 ? -1 : 0;
}

static int cmp_known(const void *a, const void *b)
{
	return strcmp(((const struct store_feed_known *)a)->key,
	              ((const struct store_feed_known *)b)->key);
}

int store_feed_known_items(struct store *st, int64_t feed_id, struct store_feed_knowns *out)
{
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof *out);
	s = prep(st, "cannot read the feed's items",
	         "SELECT item_key, item_sha, article_id FROM feed_item WHERE feed_id = ?1", "i",
	         feed_id);
	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_feed_known k = {0};
		const char *sha = (const char *)sqlite3_column_text(s, 1);
		k.key = col(s, 0);
		snprintf(k.sha, sizeof k.sha, "%s", sha ? sha : "");
		k.article_id = sqlite3_column_int64(s, 2);
		VEC_PUSH(out, k);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot read the feed's items");
		store_feed_knowns_free(out);
		return -1;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_known);
	return 0;
}

void store_feed_knowns_free(struct store_feed_knowns *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		free(k->v[i].key);
	free(k->v);
	memset(k, 0, sizeof *k);
}

int64_t store_article_by_source(struct store *st, const char *source)
{
	sqlite3_stmt *s = prep(st, "cannot find the article", "SELECT id FROM article WHERE source = ?1",
	                       "t", source);
	int64_t id = 0;

	if (!s)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return id;
}

int store_feed_item_put(struct store *st, int64_t article_id, int64_t feed_id, const char *key,
                        const char *guid, const char *link, const char *sha)
{
	static const char what[] = "cannot record the feed's item";

	if (store_begin(st, what) != 0)
		return -1;
	if (run(st, what,
	        "INSERT INTO feed_item(article_id, feed_id, item_key, guid, link, item_sha)"
	        " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(article_id) DO UPDATE SET"
	        " feed_id = excluded.feed_id, item_key = excluded.item_key, guid = excluded.guid,"
	        " link = excluded.link, item_sha = excluded.item_sha",
	        "iitttt", article_id, feed_id, key, guid, link, sha) < 0 ||
	    store_commit(st, what) != 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

int store_unread_set(struct store *st, int64_t article_id, int unread)
{
	return store_unread_set_many(st, &article_id, 1, unread, NULL);
}

int store_unread_get(struct store *st, int64_t article_id)
{
	int64_t n = count(st, "cannot read the read state",
	                  "SELECT count(*) FROM article_unread WHERE article_id = ?1 AND ?2 = ?2",
	                  article_id, 0);
	return n < 0 ? -1 : n > 0;
}

int store_feed_article_ids(struct store *st, int64_t feed_id, int unread_only, int64_t **ids,
                           size_t *n)
{
	sqlite3_stmt *s;
	struct {
		int64_t *v;
		size_t n, cap;
	} out = {0};
	int rc;

	*ids = NULL;
	*n = 0;
	if (feed_id > 0)
		s = prep(st, "cannot list the feed's articles",
		         unread_only ? "SELECT i.article_id FROM feed_item i JOIN article_unread u"
		                       " ON u.article_id = i.article_id WHERE i.feed_id = ?1"
		                       " ORDER BY 1"
		                     : "SELECT article_id FROM feed_item WHERE feed_id = ?1 ORDER BY 1",
		         "i", feed_id);
	else
		s = prep(st, "cannot list the unread articles",
		         unread_only ? "SELECT article_id FROM article_unread ORDER BY 1"
		                     : "SELECT id FROM article ORDER BY 1",
		         "");
	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		VEC_PUSH(&out, sqlite3_column_int64(s, 0));
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot list the articles");
		free(out.v);
		return -1;
	}
	*ids = out.v;
	*n = out.n;
	return 0;
}

int store_feed_prune(struct store *st, int64_t feed_id, int64_t days, int64_t *deleted,
                     int64_t *kept)
{
	static const char what[] = "cannot prune the feeds' articles";
	static const char old[] =
		" FROM feed_item i JOIN article a ON a.id = i.article_id"
		" WHERE (?1 <= 0 OR i.feed_id = ?1)"
		"  AND a.imported_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || ?2 || ' days')";
	static const char annotated[] =
		" EXISTS (SELECT 1 FROM highlight h WHERE h.article_id = i.article_id)";
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	*deleted = *kept = 0;
	{
		char *sql = xasprintf("SELECT count(*)%s AND%s", old, annotated);
		*kept = count(st, what, sql, feed_id, days);
		free(sql);
	}
	if (*kept < 0)
		return -1;
	{
		char *sql = xasprintf("SELECT i.article_id%s AND NOT%s", old, annotated);
		rc = select_ids(st, what, sql, feed_id, days, &ids, &n);
		free(sql);
	}
	if (rc != 0)
		return -1;
	if (store_batch_begin(st) != 0) {
		free(ids);
		return -1;
	}
	rc = delete_articles(st, ids, n);
	free(ids);
	if (store_batch_commit(st) != 0 || rc != 0)
		return -1;
	*deleted = (int64_t)n;
	return 0;
}
