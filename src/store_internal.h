/* store_internal.h — what the files of the store module (src/store*.c)
 * share and nothing else sees: the open database, its prepared
 * statements, the transaction helpers and the few steps one part of the
 * store takes for another.  All of gloss's SQL stays in src/store*.c, each
 * file with its own statements. */
#ifndef GLOSS_STORE_INTERNAL_H
#define GLOSS_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>

#include "gloss/store.h"
#include "gloss/util.h"

struct store_core {
	sqlite3 *db;
	char *path;
	int readonly;
	int created; /* the schema was made by this open */
	char errbuf[512];
};

/* The core of a store (its first member). */
#define STORE_CORE(st) ((struct store_core *)(void *)(st))

/* The time now, as the store writes it, for statements. */
#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

/* The parts of the store that own a table of statements. */
enum store_part {
	STORE_PART_CORE,    /* store.c: transactions */
	STORE_PART_ARTICLE, /* store_article.c */
	STORE_PART_ENTITY,  /* store_entity.c */
	STORE_PART_ANNOT,   /* store_annot.c */
	STORE_PART_TAG,     /* store_tag.c */
	STORE_PART_SEARCH,  /* store_search.c */
	STORE_PART_CORRECTIONS, /* store_corrections.c: the list every import reads */
	STORE_PART_VERSION, /* store_version.c */
	STORE_PART_MENTION_BLOCK, /* store_mention_block.c */
	STORE_PART_PASSAGE, /* store_passage.c */
	STORE_NPARTS
};

/* Entity ids already resolved, by label, name and surface: articles name
 * the same entities thousands of times, and each lookup is several
 * statements.  Cleared whenever an entity may vanish (a rollback, a
 * merge, a deletion), so it never holds an id that is not there. */
struct entity_cache {
	struct entity_slot {
		char *key;
		int64_t id;
	} *slot;
	size_t cap, n;
};
/* The slot of key: its own when there, else the empty one to fill (set
 * key, id and count it in n). */
struct entity_slot *store_cache_find(struct entity_cache *c, const char *key);
void store_cache_free(struct entity_cache *c);

struct store_tokenizer;

struct store {
	struct store_core core; /* first: STORE_CORE sees only this */
	sqlite3_stmt **stmt[STORE_NPARTS]; /* each part's statements, prepared once */
	size_t nstmt[STORE_NPARTS];
	struct entity_cache entities;
	int data_version; /* PRAGMA data_version when the cache was last good */
	int seen_version, seen_version_known; /* for store_data_changed */
	int utf8;         /* PRAGMA encoding is UTF-8: text may be read as bytes */
	int batch;        /* inside store_batch_begin: changes are savepoints */
	int batch_lost;   /* a failure ended the batch's transaction */
	/* Articles of the batch imported but not yet in the full-text
	 * index: they are indexed together just before the batch commits. */
	int64_t *unindexed;
	size_t nunindexed;
	/* store_passage.c: FTS5's tokenizer, made on first use, and how
	 * store_close frees it (a pointer: the store's core calls nothing
	 * of store_passage.c, which calls the core). */
	struct store_tokenizer *tok;
	void (*tok_free)(struct store_tokenizer *tok);
	/* store_version.c: the article text the user sees (store_expect_version) */
	int64_t expect_article;
	char expect_sha[65];
	int stale; /* the last annotation write was refused as stale */
};

/* Statement i of a part's table sql[n], prepared on first use, else reset
 * and with its bindings cleared. */
sqlite3_stmt *store_stmt(struct store *st, enum store_part part, const char *const *sql, size_t n,
                         size_t i);

/* A part's statements: STORE_STATEMENTS(part, LIST) with LIST(X) calling
 * X(name, sql) for each makes the names S_name and stmt(st, S_name). */
#define STORE_STMT_ENUM(name, sql) S_##name,
#define STORE_STMT_SQL(name, sql) sql,
#define STORE_STATEMENTS(part, LIST)                                                          \
	enum { LIST(STORE_STMT_ENUM) S_COUNT };                                               \
	static const char *const stmt_sql[S_COUNT] = {LIST(STORE_STMT_SQL)};                  \
	static sqlite3_stmt *stmt(struct store *st, int s)                                    \
	{                                                                                     \
		return store_stmt(st, part, stmt_sql, S_COUNT, (size_t)s);                    \
	}

static inline void bind_text(sqlite3_stmt *s, int i, const char *t)
{
	if (t)
		sqlite3_bind_text(s, i, t, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static inline char *col_strdup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
}

/* Set the error message from SQLite's last error, prefixed by what. */
void store_set_err(struct store *st, const char *what);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; 0 or -1 with the message set. */
int store_begin(struct store *st, const char *what);
int store_commit(struct store *st, const char *what);
void store_rollback(struct store *st);
/* BEGIN IMMEDIATE and COMMIT of the whole transaction, batch or not. */
int store_begin_outer(struct store *st, const char *what);
int store_commit_outer(struct store *st, const char *what);
/* Run a statement that returns no rows; 0 or -1 with the message set. */
static inline int step_done(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, what);
		return -1;
	}
	return 0;
}
/* Run one change (s, bound) in its own transaction; 0 ok, 1 nothing
 * matched, -1 error (a taken name or a bad digit said so). */
int store_change1(struct store *st, sqlite3_stmt *s, const char *what);
/* PRAGMA data_version, or -1. */
int store_data_version(struct store *st);
/* The first column of every row of a bound statement, which is reset:
 * 0 with the ids in *ids (the caller's to free), or -1 with none and the
 * message what set. */
int store_step_ids(struct store *st, sqlite3_stmt *s, const char *what, int64_t **ids, size_t *n);
/* store_version.c, inside an annotation write's transaction: is the
 * article of highlight hl (or article_id with the text whose hash is sha,
 * when sha is given) still the version the caller sees?  0 yes, -1 no or
 * error (the message set, and st->stale when it changed). */
int store_check_hl_version(struct store *st, int64_t hl, const char *what);
int store_check_article_version(struct store *st, int64_t article_id, const char *sha,
                                const char *what);
/* Forget every cached entity id. */
void store_entity_cache_reset(struct store *st);
/* Forget the batch's articles waiting to be indexed. */
void store_unindexed_clear(struct store *st);

/* store_entity.c: resolve ner's mentions of an article's body to the
 * library's entities and save them (fresh: the article has none yet). */
struct ner_result;
int store_save_mentions(struct store *st, int64_t article_id, int fresh, const char *body,
                        const struct ner_result *ner);
/* The entity documents (entity_fts) of articles whose mention rows
 * changed, made again from their rows; what: the message on an error. */
int store_entity_docs_remake(struct store *st, const int64_t *ids, size_t n, const char *what);
/* Take an article's mentions out of the entity counts and delete them. */
int store_drop_mentions(struct store *st, int64_t article_id);
/* Delete the entities no mention or rule keeps. */
int store_entity_orphans_drop(struct store *st, const char *what);
/* An article's mentions, one at a time by start, to sink; nonzero from
 * sink stops it (-1). */
struct store_mention;
int store_article_mentions_each(struct store *st, int64_t article_id,
                                int (*sink)(void *ctx, const struct store_mention *m), void *ctx);
/* An article's mention blocks (store_mention_block.c) dropped; what: the
 * message on an error. */
int store_mention_blocks_drop(struct store *st, int64_t article_id, const char *what);
/* store_mention_block.c: store_mention_index inside the caller's
 * transaction. */
int store_mention_index_in(struct store *st, int64_t article_id);

/* store_tag.c: why a tag (a name, and a colour or NULL) would be
 * refused, or NULL: store_tag_name_problem, then store_tag_colour_problem.
 * The one rule for tag add and restore. */
const char *store_tag_problem(const char *name, const char *colour);
/* store_annot.c: move an article's highlights onto its new body; those
 * not found are kept, marked orphaned (counted in *orphaned). */
int store_reanchor(struct store *st, int64_t article_id, const char *body, size_t len,
                   const char *body_sha, int *orphaned);

/* Where a mention row's name occurs: "START:LENGTH" byte offsets,
 * comma-separated.  store_spans_add appends one; store_spans_next reads
 * the next into [*start, *end) and returns 1, or at the end sets *p to
 * NULL and returns 0.  Malformed pairs are skipped. */
struct buf;
void store_spans_add(struct buf *b, size_t start, size_t end);
int store_spans_next(const char **p, size_t *start, size_t *end);

/* store_search.c: each word of the user's query as a quoted FTS5
 * string (never FTS5 syntax), joined by AND, or OR when any; the last a
 * prefix when prefix_last.  NULL when there is no word. */
char *store_fts_query(const char *q, int prefix_last, int any);

/* store_passage.c: sentences of matching articles, found when asked for.
 * A store_sq is the user's words as FTS5's tokenizer makes them (NULL
 * with the message set when there is no tokenizer). */
struct store_sq;
struct store_sq *store_sq_new(struct store *st, const char *words, int prefix_last, int any);
void store_sq_free(struct store_sq *q);
/* An article's snippet for q: its sentence (or a window of a long one)
 * with most of q's words, marked \1...\2; NULL when its body has none. */
char *store_snippet(struct store *st, const struct store_sq *q, int64_t article);
/* Passages for q from the articles given, best first: their sentences
 * that match, ranked by bm25 over the sentences read; at most limit (-1:
 * all), their title and outlet left to the caller. */
struct store_passages;
int store_passages_find(struct store *st, struct store_sq *q, const int64_t *articles, size_t narts,
                        int64_t limit, struct store_passages *out);
/* Articles holding the word w[0..n), folded as the index folds it. */
double store_term_docs(struct store *st, const char *w, size_t n);

/* store_io_feed.c, for store_io.c: the feed sections of a dump. */
struct store_io_visitor;
int store_io_feed_dump(struct store *st, const struct store_io_visitor *v, void *ctx);

#endif
