/* store_feed.h — the feeds a user follows and what came from them: one
 * row per feed (its address, titles, the interval to ask it at, what the
 * server said last time and when), one row per article that came from a
 * feed (which feed, the item's identity, a hash of what the feed said,
 * so a changed item is seen), and the articles not read yet.  The tables
 * are `feed`, `feed_item` and `article_unread` of the one library file;
 * SQL stays in src/store_feed.c. */
#ifndef GLOSS_STORE_FEED_H
#define GLOSS_STORE_FEED_H

#include <stdint.h>

#include "gloss/store.h"

struct store_feed {
	int64_t id;
	char *url;
	char *title;       /* as the feed says ("" until first fetched) */
	char *user_title;  /* the user's name for it, or NULL */
	char *site_url;    /* or NULL */
	int64_t interval_min; /* the user's interval for --due, 0: the default */
	int64_t ttl_min;      /* the feed's own <ttl>, 0: none */
	char *etag, *last_modified;
	char *fetched_at;  /* ISO 8601 UTC of the last fetch that worked, or NULL */
	char *error;       /* why the last fetch failed, or NULL when it worked */
	char *error_at;
	char *retry_until; /* the server asked not to be asked before this, or NULL */
	char *added_at;
	int64_t items, unread; /* articles from it, of which unread */
};
struct store_feeds {
	struct store_feed *v;
	size_t n, cap;
};
/* The name shown: the user's title, else the feed's, else its URL. */
const char *store_feed_name(const struct store_feed *f);
void store_feed_clear(struct store_feed *f);
void store_feeds_free(struct store_feeds *v);

/* Add a feed.  0 added (*id set), 1 it was there already (*id is its
 * id), -1 error (see store_errmsg). */
int store_feed_add(struct store *st, const char *url, const char *title, int64_t *id);
/* Every feed, by name. */
int store_feed_list(struct store *st, struct store_feeds *out);
/* A feed by id, URL or name (the user's title or the feed's, case
 * ignored): 0 found, 1 none, 2 the name is ambiguous, -1 error. */
int store_feed_find(struct store *st, const char *name, struct store_feed *out);
/* Remove a feed.  Its articles stay unless with_articles, and those with
 * annotations always stay; *deleted and *kept count them.  0, 1 no such
 * feed, -1 error. */
int store_feed_remove(struct store *st, int64_t id, int with_articles, int64_t *deleted,
                      int64_t *kept);
/* The user's title (NULL or "" goes back to the feed's).  0, 1, -1. */
int store_feed_rename(struct store *st, int64_t id, const char *title);
/* The user's interval in minutes (0: the default).  0, 1, -1. */
int store_feed_set_interval(struct store *st, int64_t id, int64_t minutes);

/* After asking a feed: on success (error NULL) its title, site, ttl and
 * validators are kept (a NULL validator keeps the old one when
 * not_modified) and fetched_at is now; on failure only the error and its
 * time.  retry_after_s >= 0 records when the server may be asked again. */
struct store_feed_result {
	const char *title, *site_url, *etag, *last_modified, *error;
	int64_t ttl_min;
	long retry_after_s;
	int not_modified;
};
int store_feed_record(struct store *st, int64_t id, const struct store_feed_result *r);

/* What the library knows of a feed's items: key → article and hash. */
struct store_feed_known {
	char *key;
	char sha[65];
	int64_t article_id;
};
struct store_feed_knowns {
	struct store_feed_known *v;
	size_t n, cap;
};
/* The items of feed_id, sorted by key (strcmp), for bsearch. */
int store_feed_known_items(struct store *st, int64_t feed_id, struct store_feed_knowns *out);
void store_feed_knowns_free(struct store_feed_knowns *k);
/* The article whose source is this URL (imported from it), or 0. */
int64_t store_article_by_source(struct store *st, const char *source);
/* Record that article_id is the item key of feed_id (replacing what was
 * recorded for the article).  0 or -1. */
int store_feed_item_put(struct store *st, int64_t article_id, int64_t feed_id, const char *key,
                        const char *guid, const char *link, const char *sha);

/* Read state: an article is read unless marked unread.  0 or -1. */
int store_unread_set(struct store *st, int64_t article_id, int unread);
/* 1 unread, 0 read, -1 error. */
int store_unread_get(struct store *st, int64_t article_id);
/* The ids of articles matching: feed_id > 0 from that feed (0: any
 * article), unread_only.  Sorted ascending. */
int store_feed_article_ids(struct store *st, int64_t feed_id, int unread_only, int64_t **ids,
                           size_t *n);

/* The library narrowed (store_unread.c): the ids of the articles from
 * feed_id (> 0; 0: any), only the unread ones when unread_only, in the
 * order of store_article_list's sort.  0 or -1. */
int store_article_ids_narrowed(struct store *st, enum store_sort sort, int64_t feed_id,
                               int unread_only, int64_t **ids, size_t *n);
/* Mark these articles read (unread 0) or unread (1), all in one
 * transaction; *changed (may be NULL) counts those whose state changed.
 * 0 or -1. */
int store_unread_set_many(struct store *st, const int64_t *ids, size_t n, int unread,
                          size_t *changed);

/* Delete the articles from feeds (feed_id > 0: from that one) imported
 * more than days ago that have no annotation; *deleted counts them and
 * *kept the old ones kept for their annotations.  0 or -1. */
int store_feed_prune(struct store *st, int64_t feed_id, int64_t days, int64_t *deleted,
                     int64_t *kept);

/* The migration that adds these tables (one migrations[] entry). */
#define STORE_FEED_MIGRATION                                                               \
	"CREATE TABLE IF NOT EXISTS feed ("                                                   \
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"                                             \
	"  url TEXT NOT NULL UNIQUE,"                                                         \
	"  title TEXT NOT NULL DEFAULT '',"                                                   \
	"  user_title TEXT, site_url TEXT,"                                                   \
	"  interval_min INTEGER NOT NULL DEFAULT 0,"                                          \
	"  ttl_min INTEGER NOT NULL DEFAULT 0,"                                                \
	"  etag TEXT, last_modified TEXT,"                                                    \
	"  fetched_at TEXT, error TEXT, error_at TEXT, retry_until TEXT,"                     \
	"  added_at TEXT NOT NULL);"                                                          \
	"CREATE TABLE IF NOT EXISTS feed_item ("                                              \
	"  article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,"          \
	"  feed_id INTEGER REFERENCES feed(id) ON DELETE SET NULL,"                           \
	"  item_key TEXT NOT NULL,"                                                           \
	"  guid TEXT, link TEXT,"                                                             \
	"  item_sha TEXT NOT NULL);"                                                          \
	"CREATE INDEX IF NOT EXISTS feed_item_key ON feed_item(feed_id, item_key);"           \
	"CREATE TABLE IF NOT EXISTS article_unread ("                                         \
	"  article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE);"

#endif
