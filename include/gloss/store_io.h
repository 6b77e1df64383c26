/* store_io.h — the store seen whole, for backup and restore: every column
 * of every article, tag, entity, mention, highlight, note and link, read in
 * one pass (store_io_dump) and written back in one transaction
 * (store_io_restore_*).  Part of the store module: its SQL is in
 * src/store_io.c.  The JSON format itself is export.c's business. */
#ifndef GLOSS_STORE_IO_H
#define GLOSS_STORE_IO_H

#include <stddef.h>
#include <stdint.h>

#include "gloss/store.h"

/* Text columns are (pointer, length) pairs: a column may hold any bytes a
 * user typed, NUL included, and a backup must not lose them.  A NULL
 * pointer is SQL NULL. */
struct store_io_text {
	const char *s;
	size_t len;
};

struct store_io_tag {
	int64_t id;
	struct store_io_text name, colour;
	int key; /* 0: unbound */
};

struct store_io_entity {
	int64_t id;
	struct store_io_text label, canonical;
};

struct store_io_mention {
	int64_t start, end, entity_id;
	struct store_io_text surface;
};

/* A user's merge or split of entities: mentions with this key go to
 * entity_id over every re-import. */
struct store_io_entity_rule {
	struct store_io_text label, key;
	int64_t entity_id;
};

struct store_io_article {
	int64_t id;
	struct store_io_text title, outlet, byline, published, dateline, url, source;
	struct store_io_text published_as; /* the date as written, when not ISO */
	struct store_io_text lang;         /* a web page's language, or none */
	struct store_io_text imported_at, updated_at, raw_sha, body_sha, body;
	const unsigned char *raw;
	size_t raw_len;
	int64_t words, manual, read_pos;
	const struct store_io_mention *mentions;
	size_t nmentions;
};

struct store_io_highlight {
	int64_t id, article_id, start, end, orphaned;
	struct store_io_text quote, prefix, suffix, original_quote, body_sha, created, updated;
	const struct store_io_text *tags; /* names, in name order */
	size_t ntags;
	int has_note;
	int64_t note_id;
	struct store_io_text note, note_created, note_updated;
};

struct store_io_link {
	int64_t id, from_highlight, to_highlight;
	struct store_io_text relation, created;
};

/* A user's correction of the entity recognizer (corrections.h). */
struct store_io_correction {
	int64_t id;
	struct store_io_text kind, text, label, created; /* label NULL for a rejection */
};

/* Called for every row, in id order, tags first, then entities, entity
 * rules, articles (with their mentions), highlights (with
 * tags and note), links.  A
 * callback returning non-zero stops the dump, which then returns that
 * value.  The pointers are valid only during the call. */
/* A followed feed (the table feed), known by its URL. */
struct store_io_feed {
	struct store_io_text url, title, user_title, site_url;
	int64_t interval_min, ttl_min;
	struct store_io_text etag, last_modified, fetched_at, error, error_at, retry_until, added_at;
};
/* Which feed item an article came from (feed_item); feed_url is NULL
 * when the feed was removed since. */
struct store_io_feed_item {
	int64_t article_id;
	struct store_io_text feed_url, item_key, guid, link, item_sha;
};
/* An article's reading state when it is not the default: where the
 * reader's focus was (article.focus_pos, -1: none), when it was read
 * (article.read_at) and whether it is unread (article_unread). */
struct store_io_reading {
	int64_t article_id, focus_pos;
	struct store_io_text read_at;
	int unread;
};

struct store_io_visitor {
	int (*tag)(void *ctx, const struct store_io_tag *t);
	int (*entity)(void *ctx, const struct store_io_entity *e);
	int (*entity_rule)(void *ctx, const struct store_io_entity_rule *r);
	int (*article)(void *ctx, const struct store_io_article *a);
	int (*highlight)(void *ctx, const struct store_io_highlight *h);
	int (*link)(void *ctx, const struct store_io_link *l);
	/* Between sections, so a writer can close one array and open the
	 * next; section is "tags", "entities", "entity_rules", "articles",
	 * "highlights" or "links", then NULL at the end.  May be NULL. */
	int (*section)(void *ctx, const char *section);
	/* After the links, in a section "corrections".  May be NULL. */
	int (*correction)(void *ctx, const struct store_io_correction *c);
	/* After the corrections, in sections "feeds", "feed_items" and
	 * "reading" (store_io_feed.c).  Each may be NULL. */
	int (*feed)(void *ctx, const struct store_io_feed *f);
	int (*feed_item)(void *ctx, const struct store_io_feed_item *i);
	int (*reading)(void *ctx, const struct store_io_reading *rd);
};

/* Read everything in one read transaction (a consistent snapshot).
 * 0, a callback's non-zero value, or -1 on a database error
 * (store_errmsg says why). */
int store_io_dump(struct store *st, const struct store_io_visitor *v, void *ctx);

/* --- restore: one transaction for the whole file --- */

struct store_io_stats {
	int64_t articles_added, articles_matched, articles_unsourced;
	int64_t highlights_added, highlights_matched;
	/* Highlights whose quote was not at their offsets in the backup:
	 * moved to where the quote is, or kept as orphaned. */
	int64_t highlights_reanchored, highlights_orphaned;
	int64_t notes_added, tags_added, tags_matched, links_added, links_matched;
	int64_t entities_added, entity_rules_added, corrections_added;
	int64_t feeds_added, feeds_matched, feed_items_added, readings_restored;
	int64_t dates_unread; /* a published date that is not a date: kept as written only */
};

struct store_io_restore;

/* BEGIN IMMEDIATE; NULL on failure (store_errmsg says why). */
struct store_io_restore *store_io_restore_begin(struct store *st);
/* Each adds one row or matches it with one already there, and remembers
 * how the file's id maps to the database's.  0 ok, -1 error (the message
 * is in store_errmsg; the caller then ends with commit = 0). */
int store_io_restore_tag(struct store_io_restore *r, const struct store_io_tag *t);
int store_io_restore_entity(struct store_io_restore *r, const struct store_io_entity *e);
int store_io_restore_entity_rule(struct store_io_restore *r,
                                 const struct store_io_entity_rule *e);
int store_io_restore_article(struct store_io_restore *r, const struct store_io_article *a);
int store_io_restore_highlight(struct store_io_restore *r, const struct store_io_highlight *h);
int store_io_restore_link(struct store_io_restore *r, const struct store_io_link *l);
/* A correction the library has already (same kind, text and label) is
 * matched, not added. */
int store_io_restore_correction(struct store_io_restore *r, const struct store_io_correction *c);
/* The library's id of the backup's article backup_id (0: the backup has
 * no such article) and whether this restore added it (else it matched
 * one the library had). */
int64_t store_io_restore_article_id(const struct store_io_restore *r, int64_t backup_id,
                                    int *added);
/* Feeds and read state (store_io_feed.c), inside the restore's
 * transaction; counts go to *stats.  A feed whose URL the library follows
 * already is matched (its settings kept).  An item or reading state is
 * for the library's article id (store_io_restore_article_id; 0: refused)
 * and applies only when the restore added it (one matched keeps the
 * library's own).  An item whose feed is not in the library keeps no
 * feed.  0, or -1 (store_errmsg says why). */
int store_io_restore_feed(struct store *st, const struct store_io_feed *f,
                          struct store_io_stats *stats);
int store_io_restore_feed_item(struct store *st, int64_t article_id, int added,
                               const struct store_io_feed_item *i, struct store_io_stats *stats);
int store_io_restore_reading(struct store *st, int64_t article_id, int added,
                             const struct store_io_reading *rd, struct store_io_stats *stats);
/* Commit (commit != 0) or roll back, fill *stats (may be NULL) and free
 * r.  0, or -1 when the commit failed (and everything was rolled back). */
int store_io_restore_end(struct store_io_restore *r, int commit, struct store_io_stats *stats);

#endif
