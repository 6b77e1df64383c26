/* store.h — the one SQLite file that holds everything a user makes:
 * articles (raw bytes and cleaned body), entities and mentions,
 * highlights, tags, notes and links.  Every SQL statement of gloss lives
 * in the store's files (src/store*.c); callers see plain structs.  Each
 * change is committed before the function returns. */
#ifndef GLOSS_STORE_H
#define GLOSS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "gloss/ner_label.h"

struct store;
/* What an import saves (import.h, ner.h). */
struct import_doc;
struct ner_result;

#define STORE_SCHEMA_VERSION 14
/* The schema version that added article.focus_pos. */
#define STORE_FOCUS_VERSION 9

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
/* While cancel is set, a running query stops (its call fails, nothing
 * changed) as soon as cancel(ctx) returns nonzero; NULL removes it.  For
 * searches only: never around a change the user waits to see saved. */
void store_set_cancel(struct store *st, int (*cancel)(void *ctx), void *ctx);
/* The last SQLite error message, for a failed call. */
const char *store_errmsg(const struct store *st);

/* The default database path: $GLOSS_DB, else $XDG_DATA_HOME/gloss/gloss.db,
 * else ~/.local/share/gloss/gloss.db.  Caller frees. */
char *store_default_path(void);

int64_t store_article_count(struct store *st);
/* The ids of the articles whose source starts with prefix ("bundled:"
 * for the sample articles), in id order; free *ids.  0, or -1. */
int store_article_ids_from(struct store *st, const char *prefix, int64_t **ids, size_t *n);

/* --- articles --- */

struct store_article {
	int64_t id;
	char *title, *byline, *outlet, *published, *dateline, *url, *source;
	/* published: ISO 8601 or NULL; published_as: the date as the source
	 * wrote it, when that is not the ISO form (only from store_article_get) */
	char *published_as;
	char *lang; /* the language a web page declared, or NULL (store_article_get) */
	char *body; /* only when loaded with store_article_get(…, with_body=1) */
	size_t body_len;
	char body_sha[65];
	int64_t words, highlights, notes;
	int64_t read_pos; /* byte offset of the reading position */
	int64_t focus_pos; /* byte offset of the reader's focus, or -1 */
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
/* A long body read in parts (the reader shows the first screen of a
 * 100 MB article before the rest is read).  store_article_open is
 * store_article_get with the body's first `first` bytes (at least
 * STORE_BODY_STEP): out->body has room for all of it and out->body_len is
 * its whole length, but only the first store_body_loaded(*rest) bytes are
 * there yet.  *rest is NULL when that was all.  store_body_more reads on
 * to at least `upto` (SIZE_MAX: to the end): 0 when the whole body is
 * there now (*rest is closed and NULL), 1 while more remains, -1 on an
 * error (message set; *rest closed and NULL, out->body_len cut to what was
 * read).  Every part is of the version the details came from: *rest holds
 * a read transaction, so close it (store_body_close) before any write on
 * this connection (a write inside it fails when another process has
 * written since, and one to the article's row ends the part) and before
 * store_close.  published_as and lang are not read
 * (they follow the text in the row: reading them walks all its pages). */
#define STORE_BODY_STEP ((size_t)2 << 20)
struct store_body;
int store_article_open(struct store *st, int64_t id, size_t first, struct store_article *out,
                       struct store_body **rest);
int store_body_more(struct store *st, struct store_body **rest, struct store_article *out, size_t upto);
size_t store_body_loaded(const struct store_body *rest);
void store_body_close(struct store_body *rest);

struct store_import_req {
	const char *source;  /* path, or NULL for stdin */
	const char *url;     /* NULL when unknown */
	const char *raw;     /* the bytes as given */
	size_t raw_len;
	const struct import_doc *doc;
	const struct ner_result *ner; /* mentions in doc->body; may be NULL */
	int64_t replace_id;  /* > 0: give this article new text */
	/* SHA-256 of raw and of doc->body in hex, when made already (a
	 * second thread of an import makes them); NULL: store_import does. */
	const char *raw_sha, *body_sha;
};

enum store_import_status { STORE_IMPORTED, STORE_UNCHANGED, STORE_UPDATED };

/* Save an article in one transaction.  Returns an enum store_import_status
 * and sets *id, or -1 on error (see store_errmsg).  Re-importing the same
 * source (or replace_id) with changed text keeps the id and re-anchors its
 * highlights; manual metadata edits survive. */
int store_import(struct store *st, const struct store_import_req *req, int64_t *id,
                 int *orphaned);

/* Many imports in one transaction: each store_import inside is a
 * savepoint (a bad file rolls back alone), and store_batch_commit makes
 * them all durable at once, which costs one write of each touched page
 * instead of one per article.  Nothing in a batch is saved until the
 * commit returns 0. */
int store_batch_begin(struct store *st);
int store_batch_commit(struct store *st);

/* A run of many batches (gloss import of a directory): on, SQLite keeps
 * up to 64 MB of the library's pages in memory and copies its log into
 * the library every 32 MB instead of 4; off goes back to its defaults
 * and gives the memory back. */
void store_bulk(struct store *st, int on);

/* Fields a user may edit; NULL leaves a field as it is.  Edited fields are
 * remembered and survive re-import.  0 ok, 1 no such article, -1 error. */
struct store_article_edit {
	const char *title, *outlet, *published, *url, *byline;
};
int store_article_edit(struct store *st, int64_t id, const struct store_article_edit *e);
/* 0 ok, 1 no such article, -1 error. */
int store_article_delete(struct store *st, int64_t id);
int store_article_set_read_pos(struct store *st, int64_t id, int64_t pos);
/* Save the focus (and that the article was read now). */
int store_article_set_focus_pos(struct store *st, int64_t id, int64_t pos);
/* The article the reader left last, and its row in the imported order:
 * 0 found, 1 none read yet, -1 error. */
int store_article_last_read(struct store *st, int64_t *id, int64_t *row);

/* 1 when another process (or connection) changed the database since the
 * last call (SQLite's PRAGMA data_version); the first call returns 0.
 * Cheap enough to poll once a second. */
int store_data_changed(struct store *st);

/* Full-text search over titles and bodies, ranked by bm25. */
struct store_hit {
	int64_t id;
	char *title, *outlet, *snippet;
};
struct store_hits {
	struct store_hit *v;
	size_t n, cap;
	int more; /* store_library_filter: more matches than it returned */
};
/* The query is the user's words: each becomes a quoted FTS5 term (the last
 * one a prefix when prefix_last), so no user text is FTS5 syntax.
 * Returns 0, or -1 on error. */
int store_search(struct store *st, const char *query, int prefix_last, int64_t limit,
                 struct store_hits *out);
void store_hits_free(struct store_hits *h);

/* The library's filter, run at each keystroke: at most STORE_FILTER_MAX
 * articles (ids only), ranked by relevance.  Its cost is bounded by that
 * number, not by the library: when more articles match (a word nearly
 * every article has), the newest STORE_FILTER_MAX of them are ranked and
 * out->more is set.  The last word is a prefix once it has two
 * characters.  0, or -1 (interrupted, or an error) with the message set. */
#define STORE_FILTER_MAX 500
int store_library_filter(struct store *st, const char *query, struct store_hits *out);

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

/* A long article's mentions by position (store_mention_block.c): an
 * article of STORE_MENTION_BLOCK_MIN bytes or more keeps them also in
 * blocks of STORE_MENTION_BLOCK bytes of its body, so that a reader loads
 * only those near the screen.  Made at import; a change to the article's
 * mentions drops them, and store_mention_index makes them again. */
#define STORE_MENTION_BLOCK 65536
#define STORE_MENTION_BLOCK_MIN (1024 * 1024)
int store_mention_index(struct store *st, int64_t article_id);
/* The number of the article's mentions: 0, or 1 when it has no blocks. */
int store_mention_total(struct store *st, int64_t article_id, size_t *total);
/* The mentions that overlap [from, to), by start, appended to out. */
int store_mentions_range(struct store *st, int64_t article_id, size_t from, size_t to,
                         struct store_mentions *out);
/* The first mention that starts at or after off (dir > 0), or the last
 * that starts before it (dir < 0): 0, 1 when there is none, -1. */
int store_mention_near(struct store *st, int64_t article_id, size_t off, int dir,
                       struct store_mention *out);
/* Every mention of the article, by start, to f (nonzero from f stops). */
int store_mentions_each(struct store *st, int64_t article_id,
                        int (*f)(void *ctx, const struct store_mention *m), void *ctx);

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
/* 0 found, 1 none, -1 error. */
int store_entity_get(struct store *st, int64_t id, struct store_entity *out);
/* The surface forms of an entity, most frequent first, joined by " · ". */
char *store_entity_aliases(struct store *st, int64_t id, int max);
/* Merge entity from into into (their mentions become into's), and
 * remember it so a re-import keeps it.  0 ok, -1 error. */
int store_entity_merge(struct store *st, int64_t from, int64_t into);
/* Move the mentions written `surface` out of entity id into an entity of
 * their own, and remember it.  Returns the new entity's id, or -1. */
int64_t store_entity_split(struct store *st, int64_t id, const char *surface);
/* The entities with a mention starting in article[start..end), each once. */
int store_entities_in(struct store *st, int64_t article_id, size_t start, size_t end,
                      int64_t **ids, size_t *n);

/* --- passages: sentences of the library, for links and related passages --- */

struct store_passage {
	int64_t article_id;
	size_t start, end;
	char *text, *title, *outlet;
	double rank; /* bm25: lower is better */
};
struct store_passages {
	struct store_passage *v;
	size_t n, cap;
};
/* Sentences matching the user's words (all of them when any == 0, any of
 * them when any == 1; the last one a prefix when prefix_last), best
 * first, outside exclude_article (> 0).  User words are never FTS5
 * syntax. */
int store_passage_search(struct store *st, const char *words, int any, int prefix_last,
                         int64_t exclude_article, int64_t limit, struct store_passages *out);
void store_passages_free(struct store_passages *p);


/* --- annotations: highlights with their tags, note and links --- */

struct store_tag {
	int64_t id;
	char *name;
	int key;      /* 1..9, or 0 when unbound */
	char *colour; /* a theme colour word, or NULL */
	int64_t uses;
};
struct store_tags {
	struct store_tag *v;
	size_t n, cap;
};
int store_tag_list(struct store *st, struct store_tags *out);
void store_tags_free(struct store_tags *t);
/* 0 found, 1 none, -1 error. */
int store_tag_by_name(struct store *st, const char *name, struct store_tag *out);
int store_tag_by_key(struct store *st, int key, struct store_tag *out);
void store_tag_clear(struct store_tag *t);
/* Why a tag name or colour would be refused, or NULL when it is fine:
 * the one rule for the command line, the UI and restore.  A name is 1 to
 * 100 bytes of UTF-8 without control characters (C0, DEL, C1),
 * bidirectional controls or line separators; a colour is empty/NULL (no
 * colour), a colour name, a number 0 to 255 or #rrggbb. */
const char *store_tag_name_problem(const char *name);
const char *store_tag_colour_problem(const char *colour);
/* Create a tag (key 0: unbound).  Returns its id, or -1 (the name or the
 * key is taken: see store_errmsg). */
int64_t store_tag_add(struct store *st, const char *name, int key, const char *colour);
/* 0 ok, 1 no such tag, -1 error (name or key taken). */
int store_tag_rename(struct store *st, const char *name, const char *new_name);
/* Bind a digit (0 unbinds); a digit bound to another tag moves. */
int store_tag_bind(struct store *st, const char *name, int key);
int store_tag_recolour(struct store *st, const char *name, const char *colour);
int store_tag_delete(struct store *st, const char *name);

struct store_link {
	int64_t id, from_highlight, to_highlight;
	int64_t from_article, to_article;
	char *relation;
	char *from_quote, *to_quote;
	char *from_title, *to_title;
	int from_orphaned, to_orphaned;
	size_t from_start, to_start;
	char *created;
};
struct store_links {
	struct store_link *v;
	size_t n, cap;
};

struct store_highlight {
	int64_t id, article_id;
	size_t start, end;
	char *quote, *prefix, *suffix;
	char *original_quote; /* the quote before a re-anchor changed it, or NULL */
	int orphaned;
	char *note;           /* NULL when none */
	char **tags;          /* names, sorted */
	size_t ntags;
	int nlinks;           /* links from and to it */
	char *article_title;
	char *created, *updated;
};
struct store_highlights {
	struct store_highlight *v;
	size_t n, cap;
};
void store_highlight_clear(struct store_highlight *h);
void store_highlights_free(struct store_highlights *v);

/* Filters for listing; zero values mean "any". */
struct store_hl_filter {
	int64_t article_id;
	const char *tag;
	const char *text;   /* in quote, note or tag names (case-insensitive) */
	int orphaned_only;
};
int store_highlight_list(struct store *st, const struct store_hl_filter *f,
                         struct store_highlights *out);
/* 0 found, 1 none, -1 error. */
int store_highlight_get(struct store *st, int64_t id, struct store_highlight *out);
/* The highlight of an article with exactly this range: 0 found, 1 none. */
int store_highlight_at(struct store *st, int64_t article_id, size_t start, size_t end,
                       int64_t *id);
/* Add a highlight over body[start..end) of an article (the body is the
 * article's current text, for the quote selector).  Returns its id or -1. */
int64_t store_highlight_add(struct store *st, int64_t article_id, const char *body,
                            size_t body_len, size_t start, size_t end);
/* Tag on or off (on < 0 toggles); *now_on reports the result.  A
 * highlight left with no tag, note or link is removed with the last tag
 * (*removed = 1).  0 ok, -1 error. */
int store_highlight_tag(struct store *st, int64_t hl, int64_t tag, int on, int *now_on,
                        int *removed);
/* Set the note (an empty text removes it).  0 ok, 1 no such highlight,
 * -1 error (a note over STORE_NOTE_MAX bytes is refused). */
#define STORE_NOTE_MAX ((size_t)1 << 20)
int store_note_set(struct store *st, int64_t hl, const char *text);
/* The same, but only over the note the caller knows: when the note now
 * is neither expected (NULL: no note) nor already text, nothing changes
 * and 2 is returned, so a note is never replaced unseen. */
int store_note_replace(struct store *st, int64_t hl, const char *text, const char *expected);

/* A deleted highlight with everything that went with it, for undo. */
struct store_deleted;
/* Delete a highlight, its tags, note and links; *undo (free with
 * store_deleted_free) restores them.  0 ok, 1 none, -1 error. */
int store_highlight_delete(struct store *st, int64_t hl, struct store_deleted **undo);
/* Put a deleted highlight back under its own id (ids are never reused),
 * with its tags, note and links.  A tag or a link's other end deleted
 * meanwhile cannot come back: the rest is restored and *missed (free it;
 * NULL when nothing is missing) says what was not, as "tag 'x' (deleted
 * meanwhile), link 3 to annotation 7 (deleted meanwhile)".  0 ok, -1
 * nothing restored (its article was deleted, or it is back already). */
int store_highlight_restore(struct store *st, const struct store_deleted *undo, char **missed);
void store_deleted_free(struct store_deleted *d);

/* The version of an article the user sees.  Annotation writes that
 * touch article_id (tagging, noting, deleting or restoring a highlight,
 * linking it) check inside their transaction that its text is still the
 * one whose hash is body_sha; store_highlight_add checks the body it is
 * given, always.  When another process re-imported the article meanwhile
 * the write changes nothing and fails with a message saying so, and
 * store_stale_take() returns 1 once (until the next write); the caller
 * shows the new text.  article_id 0 forgets it. */
void store_expect_version(struct store *st, int64_t article_id, const char *body_sha);
int store_stale_take(struct store *st);

/* Link two highlights.  There is one link per pair of highlights
 * (whichever way round) and relation: when it exists already, its id is
 * returned and *existed (when given) set.  A highlight is never linked to
 * itself; a missing one is named.  Returns the link's id, or -1. */
int64_t store_link_add(struct store *st, int64_t from, int64_t to, const char *relation,
                       int *existed);
/* Why a relation would be refused (NULL: fine): 1 to 64 bytes of UTF-8 on
 * one line, without control or bidi characters.  Restore uses it too. */
const char *store_relation_problem(const char *relation);
/* 0 ok, 1 no such link. */
int store_link_delete(struct store *st, int64_t id);
/* Links from or to the highlights of an article (article_id > 0), of one
 * highlight (hl > 0), or all. */
int store_link_list(struct store *st, int64_t article_id, int64_t hl, struct store_links *out);
void store_links_free(struct store_links *v);

#endif
