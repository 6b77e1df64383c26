/* store_internal.h — what the files of the store module (store.c,
 * store_io.c) share and nothing else sees: the open database and the
 * transaction helpers.  All of gloss's SQL stays in src/store*.c. */
#ifndef GLOSS_STORE_INTERNAL_H
#define GLOSS_STORE_INTERNAL_H

#include <sqlite3.h>

#include "gloss/store.h"

struct store_core {
	sqlite3 *db;
	char *path;
	int readonly;
	int created; /* the schema was made by this open */
	char errbuf[512];
};

/* The core of a store (its first member). */
#define STORE_CORE(st) ((struct store_core *)(void *)(st))

/* Set the error message from SQLite's last error, prefixed by what. */
void store_set_err(struct store *st, const char *what);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; 0 or -1 with the message set. */
int store_begin(struct store *st, const char *what);
int store_commit(struct store *st, const char *what);
void store_rollback(struct store *st);

/* Where a mention row's name occurs: "START:LENGTH" byte offsets,
 * comma-separated.  store_spans_add appends one; store_spans_next reads
 * the next into [*start, *end) and returns 1, or at the end sets *p to
 * NULL and returns 0.  Malformed pairs are skipped. */
struct buf;
void store_spans_add(struct buf *b, size_t start, size_t end);
int store_spans_next(const char **p, size_t *start, size_t *end);

/* store_io_feed.c, for store_io.c: the feed sections of a dump. */
struct store_io_visitor;
int store_io_feed_dump(struct store *st, const struct store_io_visitor *v, void *ctx);

#endif
