/* store.h — the one SQLite file that holds everything a user makes:
 * articles (raw bytes and cleaned body), entities and mentions,
 * highlights, tags, notes and links.  Every SQL statement of gloss lives in
 * store.c; callers see plain structs.  Each change is committed before the
 * function returns. */
#ifndef GLOSS_STORE_H
#define GLOSS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "gloss/import.h"
#include "gloss/ner.h"

struct store;

#define STORE_SCHEMA_VERSION 1

enum store_open_flags {
	STORE_CREATE = 1,   /* create the file (and its directory) if missing */
	STORE_READONLY = 2, /* open read-only */
};

/* Open (and create or migrate) the database.  On failure returns NULL and
 * sets *err to a message naming the file and the reason (free it).  A
 * file that is not a gloss database, or one from a newer gloss, is never
 * modified.  When the file cannot be written it opens read-only and sets
 * *err to a warning while still returning the store. */
struct store *store_open(const char *path, int flags, char **err);
void store_close(struct store *st);
int store_is_readonly(const struct store *st);
/* 1 when this open created the schema (a new, empty library). */
int store_is_new(const struct store *st);
const char *store_path(const struct store *st);
/* The last SQLite error message, for a failed call. */
const char *store_errmsg(const struct store *st);

/* The default database path: $GLOSS_DB, else $XDG_DATA_HOME/gloss/gloss.db,
 * else ~/.local/share/gloss/gloss.db.  Caller frees. */
char *store_default_path(void);

int64_t store_article_count(struct store *st);

/* --- articles --- */

struct store_article {
	int64_t id;
	char *title, *byline, *outlet, *published, *dateline, *url, *source;
	char *body; /* only when loaded with store_article_get(…, with_body=1) */
	size_t body_len;
	char body_sha[65];
	int64_t words, highlights, notes;
	int64_t read_pos; /* byte offset of the reading position */
	char *imported_at;
};

struct store_articles {
	struct store_article *v;
	size_t n, cap;
};

void store_article_clear(struct store_article *a);
void store_articles_free(struct store_articles *v);

enum store_sort { STORE_SORT_IMPORTED, STORE_SORT_TITLE, STORE_SORT_OUTLET,
                  STORE_SORT_DATE, STORE_SORT_WORDS, STORE_SORT_NSORTS };

/* Up to limit articles (no bodies) from offset, in the given order. */
int store_article_list(struct store *st, enum store_sort sort, int64_t offset,
                       int64_t limit, struct store_articles *out);
/* 0 found, 1 no such article, -1 error. */
int store_article_get(struct store *st, int64_t id, int with_body, struct store_article *out);

struct store_import_req {
	const char *source;  /* path, or NULL for stdin */
	const char *url;     /* NULL when unknown */
	const char *raw;     /* the bytes as given */
	size_t raw_len;
	const struct import_doc *doc;
	const struct ner_result *ner; /* mentions in doc->body; may be NULL */
	int64_t replace_id;  /* > 0: give this article new text */
};

enum store_import_status { STORE_IMPORTED, STORE_UNCHANGED, STORE_UPDATED };

/* Save an article in one transaction.  Returns an enum store_import_status
 * and sets *id, or -1 on error (see store_errmsg).  Re-importing the same
 * source (or replace_id) with changed text keeps the id and re-anchors its
 * highlights; manual metadata edits survive. */
int store_import(struct store *st, const struct store_import_req *req, int64_t *id,
                 int *orphaned);

/* Fields a user may edit; NULL leaves a field as it is.  Edited fields are
 * remembered and survive re-import.  0 ok, 1 no such article, -1 error. */
struct store_article_edit {
	const char *title, *outlet, *published, *url, *byline;
};
int store_article_edit(struct store *st, int64_t id, const struct store_article_edit *e);
/* 0 ok, 1 no such article, -1 error. */
int store_article_delete(struct store *st, int64_t id);
int store_article_set_read_pos(struct store *st, int64_t id, int64_t pos);

/* Full-text search over titles and bodies, ranked by bm25. */
struct store_hit {
	int64_t id;
	char *title, *outlet, *snippet;
};
struct store_hits {
	struct store_hit *v;
	size_t n, cap;
};
/* The query is the user's words: each becomes a quoted FTS5 term (the last
 * one a prefix when prefix_last), so no user text is FTS5 syntax.
 * Returns 0, or -1 on error. */
int store_search(struct store *st, const char *query, int prefix_last, int64_t limit,
                 struct store_hits *out);
void store_hits_free(struct store_hits *h);

/* --- entities --- */

struct store_mention {
	int64_t article_id, entity_id;
	size_t start, end;
	enum ner_label label;
};
struct store_mentions {
	struct store_mention *v;
	size_t n, cap;
};
/* The mentions of one article, by start. */
int store_article_mentions(struct store *st, int64_t article_id, struct store_mentions *out);
/* Every mention of one entity, by article and start. */
int store_entity_mentions(struct store *st, int64_t entity_id, struct store_mentions *out);

struct store_entity {
	int64_t id;
	enum ner_label label;
	char *name;
	int64_t mentions, articles;
};
struct store_entities {
	struct store_entity *v;
	size_t n, cap;
};
/* Entities, most-mentioned first; article_id > 0 limits to one article,
 * label >= 0 to one label. */
int store_entity_list(struct store *st, int64_t article_id, int label, struct store_entities *out);
void store_entities_free(struct store_entities *v);
int store_entity_get(struct store *st, int64_t id, struct store_entity *out);

#endif
