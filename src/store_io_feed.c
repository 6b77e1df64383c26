/* store_io_feed.c — feeds and read state in the JSON backup: the tables
 * feed, feed_item and article_unread and the reader's focus and when it
 * last left an article (table article_place), dumped after the corrections and
 * restored inside store_io.c's restore transaction (the caller maps the
 * backup's article ids with store_io_restore_article_id, so this file
 * does not call store_io.c, which calls it).  Feeds are known by
 * their URL (unique), so items name their feed by URL, not by id. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/store_io.h"
#include "gloss/util.h"
#include "store_internal.h"

static struct store_io_text col(sqlite3_stmt *s, int i)
{
	struct store_io_text t;

	t.s = (const char *)sqlite3_column_text(s, i);
	t.len = t.s ? (size_t)sqlite3_column_bytes(s, i) : 0;
	return t;
}

static void bind(sqlite3_stmt *s, int i, struct store_io_text t)
{
	if (t.s)
		sqlite3_bind_text(s, i, t.s, (int)t.len, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static sqlite3_stmt *prep(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(STORE_CORE(st)->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_set_err(st, "cannot read the feeds");
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

#define FEED_COLS                                                                            \
	"url, title, user_title, site_url, interval_min, ttl_min, etag, last_modified, fetched_at, " \
	"error, error_at, retry_until, added_at"

int store_io_feed_dump(struct store *st, const struct store_io_visitor *v, void *ctx)
{
	sqlite3_stmt *s;
	int rc, r = 0;

	if (v->section && (r = v->section(ctx, "feeds")) != 0)
		return r;
	if (!(s = prep(st, "SELECT " FEED_COLS " FROM feed ORDER BY id")))
		return -1;
	while (r == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_io_feed f;
		f.url = col(s, 0);
		f.title = col(s, 1);
		f.user_title = col(s, 2);
		f.site_url = col(s, 3);
		f.interval_min = sqlite3_column_int64(s, 4);
		f.ttl_min = sqlite3_column_int64(s, 5);
		f.etag = col(s, 6);
		f.last_modified = col(s, 7);
		f.fetched_at = col(s, 8);
		f.error = col(s, 9);
		f.error_at = col(s, 10);
		f.retry_until = col(s, 11);
		f.added_at = col(s, 12);
		if (v->feed)
			r = v->feed(ctx, &f);
	}
	sqlite3_finalize(s);
	if (r != 0 || rc != SQLITE_DONE)
		return r ? r : -1;

	if (v->section && (r = v->section(ctx, "feed_items")) != 0)
		return r;
	if (!(s = prep(st, "SELECT i.article_id, f.url, i.item_key, i.guid, i.link, i.item_sha "
	                   "FROM feed_item i LEFT JOIN feed f ON f.id = i.feed_id "
	                   "ORDER BY i.article_id")))
		return -1;
	while (r == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_io_feed_item it;
		it.article_id = sqlite3_column_int64(s, 0);
		it.feed_url = col(s, 1);
		it.item_key = col(s, 2);
		it.guid = col(s, 3);
		it.link = col(s, 4);
		it.item_sha = col(s, 5);
		if (v->feed_item)
			r = v->feed_item(ctx, &it);
	}
	sqlite3_finalize(s);
	if (r != 0 || rc != SQLITE_DONE)
		return r ? r : -1;

	if (v->section && (r = v->section(ctx, "reading")) != 0)
		return r;
	if (!(s = prep(st, "SELECT a.id, coalesce(p.focus_pos, -1), p.read_at, "
	                   "u.article_id IS NOT NULL FROM article a "
	                   "LEFT JOIN article_place p ON p.article_id = a.id "
	                   "LEFT JOIN article_unread u ON u.article_id = a.id "
	                   "WHERE p.focus_pos != -1 OR p.read_at IS NOT NULL "
	                   "OR u.article_id IS NOT NULL ORDER BY a.id")))
		return -1;
	while (r == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_io_reading rd;
		rd.article_id = sqlite3_column_int64(s, 0);
		rd.focus_pos = sqlite3_column_int64(s, 1);
		rd.read_at = col(s, 2);
		rd.unread = sqlite3_column_int(s, 3);
		if (v->reading)
			r = v->reading(ctx, &rd);
	}
	sqlite3_finalize(s);
	if (r != 0 || rc != SQLITE_DONE)
		return r ? r : -1;
	return 0;
}

/* --- restore --- */

/* "WHAT PROBLEM" as the store's message. */
static int bad(struct store *st, const char *problem, const char *what)
{
	snprintf(STORE_CORE(st)->errbuf, sizeof STORE_CORE(st)->errbuf, "%s %s", what, problem);
	return -1;
}

/* A text that must be there, non-empty and without NUL. */
static int need(struct store *st, struct store_io_text t, const char *what)
{
	if (!t.s || !t.len || memchr(t.s, 0, t.len))
		return bad(st, "is missing, empty or holds a NUL", what);
	return 0;
}

/* An optional text: no NUL. */
static int opt(struct store *st, struct store_io_text t, const char *what)
{
	if (t.s && memchr(t.s, 0, t.len))
		return bad(st, "holds a NUL", what);
	return 0;
}

static int run(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = s ? sqlite3_step(s) : SQLITE_ERROR;

	if (s && rc != SQLITE_DONE && rc != SQLITE_ROW)
		store_set_err(st, what);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int store_io_restore_feed(struct store *st, const struct store_io_feed *f,
                          struct store_io_stats *stats)
{
	sqlite3_stmt *s;
	int n;

	if (need(st, f->url, "the feed's url") || need(st, f->added_at, "the feed's added_at") ||
	    opt(st, f->title, "the feed's title") || opt(st, f->user_title, "the feed's user_title") ||
	    opt(st, f->site_url, "the feed's site_url") || opt(st, f->etag, "the feed's etag") ||
	    opt(st, f->last_modified, "the feed's last_modified") ||
	    opt(st, f->fetched_at, "the feed's fetched_at") || opt(st, f->error, "the feed's error") ||
	    opt(st, f->error_at, "the feed's error_at") ||
	    opt(st, f->retry_until, "the feed's retry_until"))
		return -1;
	if (f->interval_min < 0 || f->ttl_min < 0)
		return bad(st, "is negative", "the feed's interval or ttl");
	s = prep(st, "INSERT OR IGNORE INTO feed(" FEED_COLS
	             ") VALUES (?1, coalesce(?2, ''), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	if (!s)
		return -1;
	bind(s, 1, f->url);
	bind(s, 2, f->title);
	bind(s, 3, f->user_title);
	bind(s, 4, f->site_url);
	sqlite3_bind_int64(s, 5, f->interval_min);
	sqlite3_bind_int64(s, 6, f->ttl_min);
	bind(s, 7, f->etag);
	bind(s, 8, f->last_modified);
	bind(s, 9, f->fetched_at);
	bind(s, 10, f->error);
	bind(s, 11, f->error_at);
	bind(s, 12, f->retry_until);
	bind(s, 13, f->added_at);
	if (run(st, s, "cannot restore feeds") != 0)
		return -1;
	n = sqlite3_changes(STORE_CORE(st)->db);
	if (n)
		stats->feeds_added++;
	else
		stats->feeds_matched++;
	return 0;
}

int store_io_restore_feed_item(struct store *st, int64_t id, int added,
                               const struct store_io_feed_item *i, struct store_io_stats *stats)
{
	sqlite3_stmt *s;

	if (need(st, i->item_key, "the item's item_key") || need(st, i->item_sha, "the item's item_sha") ||
	    opt(st, i->feed_url, "the item's feed") || opt(st, i->guid, "the item's guid") ||
	    opt(st, i->link, "the item's link"))
		return -1;
	if (!id) {
		char what[64];
		snprintf(what, sizeof what, "article %lld", (long long)i->article_id);
		return bad(st, "is not in the backup", what);
	}
	if (!added)
		return 0;
	s = prep(st, "INSERT OR IGNORE INTO feed_item(article_id, feed_id, item_key, guid, link, "
	             "item_sha) VALUES (?1, (SELECT id FROM feed WHERE url = ?2), ?3, ?4, ?5, ?6)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	bind(s, 2, i->feed_url);
	bind(s, 3, i->item_key);
	bind(s, 4, i->guid);
	bind(s, 5, i->link);
	bind(s, 6, i->item_sha);
	if (run(st, s, "cannot restore feed items") != 0)
		return -1;
	if (sqlite3_changes(STORE_CORE(st)->db))
		stats->feed_items_added++;
	return 0;
}

int store_io_restore_reading(struct store *st, int64_t id, int added,
                             const struct store_io_reading *rd, struct store_io_stats *stats)
{
	sqlite3_stmt *s;

	if (opt(st, rd->read_at, "read_at"))
		return -1;
	if (!id) {
		char what[64];
		snprintf(what, sizeof what, "article %lld", (long long)rd->article_id);
		return bad(st, "is not in the backup", what);
	}
	if (rd->focus_pos < -1)
		return bad(st, "is below -1", "focus_pos");
	if (!added)
		return 0;
	/* A place only when there is one (an unread article has none). */
	s = prep(st, "INSERT INTO article_place(article_id, focus_pos, read_at) "
	             "SELECT ?1, ?2, ?3 WHERE ?2 <> -1 OR ?3 IS NOT NULL "
	             "ON CONFLICT(article_id) DO UPDATE SET focus_pos = excluded.focus_pos, "
	             "read_at = excluded.read_at");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, rd->focus_pos);
	bind(s, 3, rd->read_at);
	if (run(st, s, "cannot restore the reading state") != 0)
		return -1;
	s = prep(st, rd->unread ? "INSERT OR IGNORE INTO article_unread(article_id) VALUES (?1)"
	                        : "DELETE FROM article_unread WHERE article_id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (run(st, s, "cannot restore the reading state") != 0)
		return -1;
	stats->readings_restored++;
	return 0;
}
