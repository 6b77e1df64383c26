/* store_article.c — the store's articles: import (one transaction that
 * saves the text and its mentions, and moves the
 * highlights of a changed text), batches of imports, listing, reading,
 * editing and deleting, and the reading position.  Part of the store
 * module (see store_internal.h); its statements are the table below. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/date.h"
#include "gloss/import.h"
#include "gloss/store.h"
#include "gloss/util.h"
#include "store_internal.h"

#define LIST_COLS \
	"a.id, a.title, a.outlet, a.published, a.words, a.imported_at," \
	" (SELECT count(*) FROM highlight h WHERE h.article_id = a.id)," \
	" (SELECT count(*) FROM highlight h JOIN note n ON n.highlight_id = h.id" \
	"   WHERE h.article_id = a.id)"

#define ARTICLE_STMTS(X)                                                                           \
	/* VALUES, not INSERT ... SELECT: a statement that may insert many  */                \
	/* rows opens a savepoint, which flushes the FTS5 tables.           */                \
	X(ARTICLE_FTS_ADD, "INSERT INTO article_fts(rowid, title, body) VALUES (?1, ?2, ?3)")      \
	X(ARTICLE_TEXT_OF, "SELECT title, body FROM article WHERE id = ?1")                        \
	X(ARTICLE_COUNT, "SELECT count(*) FROM article")                                           \
	X(ARTICLE_IDS_FROM,                                                                        \
	  "SELECT id FROM article WHERE substr(source, 1, length(?1)) = ?1 ORDER BY id")           \
	X(ARTICLE_BY_SOURCE, "SELECT id, body_sha, raw_sha FROM article WHERE source = ?1")        \
	X(ARTICLE_BY_RAW, "SELECT id FROM article WHERE raw_sha = ?1 LIMIT 1")                     \
	X(ARTICLE_BY_ID, "SELECT id, body_sha, raw_sha FROM article WHERE id = ?1")                \
	X(ARTICLE_INSERT,                                                                          \
	  "INSERT INTO article(title, outlet, byline, published, dateline, url, source, words,"     \
	  " imported_at, updated_at, raw_sha, body_sha, body, raw, published_as, lang)"            \
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, " NOW ", " NOW ", ?9, ?10, ?11, ?12, ?13,"     \
	  " ?14)")                                                                                 \
	X(ARTICLE_UPDATE_TEXT,                                                                     \
	  "UPDATE article SET"                                                                     \
	  " title = CASE WHEN manual & 1 THEN title ELSE ?2 END,"                                  \
	  " outlet = CASE WHEN manual & 2 THEN outlet ELSE ?3 END,"                                \
	  " byline = CASE WHEN manual & 16 THEN byline ELSE ?4 END,"                               \
	  " published = CASE WHEN manual & 4 THEN published ELSE ?5 END,"                          \
	  " published_as = CASE WHEN manual & 4 THEN published_as ELSE ?13 END,"                   \
	  " dateline = ?6, lang = ?14,"                                                            \
	  " url = CASE WHEN manual & 8 OR ?7 IS NULL THEN url ELSE ?7 END,"                        \
	  " words = ?8, updated_at = " NOW ", raw_sha = ?9, body_sha = ?10, body = ?11, raw = ?12" \
	  " WHERE id = ?1")                                                                        \
	X(ARTICLE_GET,                                                                             \
	  "SELECT id, title, byline, outlet, published, dateline, url, source, words,"             \
	  " imported_at, coalesce(p.read_pos, 0), body_sha,"                                       \
	  " (SELECT count(*) FROM highlight h WHERE h.article_id = a.id),"                         \
	  " (SELECT count(*) FROM highlight h JOIN note n ON n.highlight_id = h.id"                \
	  "   WHERE h.article_id = a.id), coalesce(p.focus_pos, -1)"                               \
	  " FROM article a LEFT JOIN article_place p ON p.article_id = a.id WHERE id = ?1")        \
	/* After the text in the row: reading them walks its pages. */                             \
	X(ARTICLE_LATE, "SELECT published_as, lang FROM article WHERE id = ?1")                    \
	X(ARTICLE_EDIT,                                                                            \
	  "UPDATE article SET title = coalesce(?2, title), outlet = coalesce(?3, outlet),"         \
	  " published = CASE WHEN ?7 & 4 THEN ?4 ELSE published END, url = coalesce(?5, url),"     \
	  " published_as = CASE WHEN ?7 & 4 THEN ?8 ELSE published_as END,"                        \
	  " byline = coalesce(?6, byline), manual = manual | ?7, updated_at = " NOW                \
	  " WHERE id = ?1")                                                                        \
	X(ARTICLE_DELETE, "DELETE FROM article WHERE id = ?1")                                     \
	X(ARTICLE_READ_POS, "INSERT INTO article_place(article_id, read_pos)"                      \
	  " SELECT id, ?2 FROM article WHERE id = ?1"                                              \
	  " ON CONFLICT(article_id) DO UPDATE SET read_pos = excluded.read_pos")                  \
	X(ARTICLE_FOCUS_POS, "INSERT INTO article_place(article_id, focus_pos, read_at)"           \
	  " SELECT id, ?2, strftime('%Y-%m-%dT%H:%M:%fZ','now') FROM article WHERE id = ?1"       \
	  " ON CONFLICT(article_id) DO UPDATE SET focus_pos = excluded.focus_pos,"                \
	  " read_at = excluded.read_at")                                                           \
	X(ARTICLE_LAST_READ,                                                                       \
	  "SELECT article_id, (SELECT count(*) FROM article b WHERE b.id < p.article_id)"          \
	  " FROM article_place p WHERE read_at IS NOT NULL"                                        \
	  " ORDER BY read_at DESC, article_id DESC LIMIT 1")                                       \
	X(LIST_IMPORTED, "SELECT " LIST_COLS " FROM article a ORDER BY a.id LIMIT ?2 OFFSET ?1")   \
	X(LIST_TITLE,                                                                              \
	  "SELECT " LIST_COLS " FROM article a ORDER BY a.title COLLATE NOCASE, a.id"              \
	  " LIMIT ?2 OFFSET ?1")                                                                   \
	X(LIST_OUTLET,                                                                             \
	  "SELECT " LIST_COLS " FROM article a ORDER BY a.outlet IS NULL, a.outlet COLLATE NOCASE," \
	  " a.id LIMIT ?2 OFFSET ?1")                                                              \
	X(LIST_DATE,                                                                               \
	  "SELECT " LIST_COLS " FROM article a ORDER BY a.published IS NULL, a.published DESC,"    \
	  " a.id LIMIT ?2 OFFSET ?1")                                                              \
	X(LIST_WORDS, "SELECT " LIST_COLS " FROM article a ORDER BY a.words DESC, a.id"           \
	              " LIMIT ?2 OFFSET ?1")

STORE_STATEMENTS(STORE_PART_ARTICLE, ARTICLE_STMTS)

/* Bits of article.manual: fields the user edited, kept over re-import. */
enum { MANUAL_TITLE = 1, MANUAL_OUTLET = 2, MANUAL_PUBLISHED = 4, MANUAL_URL = 8, MANUAL_BYLINE = 16 };

/* Put a new article, already in the article table, into the full-text
 * index. */
static int index_article(struct store *st, int64_t id, const char *title, const char *body,
                         size_t body_len)
{
	sqlite3_stmt *s = stmt(st, S_ARTICLE_FTS_ADD);

	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, title);
	sqlite3_bind_text(s, 3, body, (int)body_len, SQLITE_STATIC);
	return step_done(st, s, "cannot index the article");
}

/* Index the batch's waiting articles, one after another with no
 * savepoint between them, so each index gets few, large segments.  The
 * list is kept: the caller clears it once the writes are committed or
 * released, and a rollback leaves it to be indexed again. */
static int index_unindexed(struct store *st)
{
	size_t i;

	for (i = 0; i < st->nunindexed; i++) {
		int64_t id = st->unindexed[i];
		sqlite3_stmt *s = stmt(st, S_ARTICLE_TEXT_OF);
		int rc;

		/* The row's own text, not a copy: the statement stays on its
		 * row (its values valid) while the indexes take them. */
		sqlite3_bind_int64(s, 1, id);
		if (sqlite3_step(s) != SQLITE_ROW || sqlite3_column_type(s, 1) != SQLITE_TEXT) {
			sqlite3_reset(s);
			store_set_err(st, "cannot index the imported articles");
			return -1;
		}
		{
			const char *title = (const char *)sqlite3_column_text(s, 0);
			const char *body = (const char *)sqlite3_column_text(s, 1);
			size_t body_len = (size_t)sqlite3_column_bytes(s, 1);
			rc = index_article(st, id, title ? title : "", body, body_len);
		}
		sqlite3_reset(s);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* Before a change whose trigger may take an article's text out of
 * article_fts (an update, a deletion), the batch's waiting articles go
 * in: FTS5 must never be asked to delete what it was never given.  The
 * caller clears the list once its own change is committed or released. */
static int index_waiting(struct store *st, int *flushed)
{
	*flushed = 0;
	if (!st->nunindexed)
		return 0;
	if (index_unindexed(st) != 0)
		return -1;
	*flushed = 1;
	return 0;
}

/* An import changes pages all over the mention index (an entry for each
 * entity an article names, filed by entity): with SQLite's 2 MB cache
 * each batch read those pages back, and with a copy of the log into the
 * library every 1,000 pages (4 MB) it wrote each of them out several
 * times over.  Measured by make bench. */
void store_bulk(struct store *st, int on)
{
	sqlite3_exec(st->core.db, on ? "PRAGMA cache_size = -65536" : "PRAGMA cache_size = -2000",
	             NULL, NULL, NULL);
	sqlite3_exec(st->core.db,
	             on ? "PRAGMA wal_autocheckpoint = 8192" : "PRAGMA wal_autocheckpoint = 1000", NULL,
	             NULL, NULL);
}

int store_batch_begin(struct store *st)
{
	st->batch_lost = 0;
	if (st->batch || st->core.readonly)
		return 0;
	store_unindexed_clear(st); /* nothing waits outside a batch */
	if (store_begin_outer(st, "cannot start an import") != 0)
		return -1;
	st->batch = 1;
	return 0;
}

int store_batch_commit(struct store *st)
{
	if (st->batch_lost) {
		st->batch_lost = 0;
		return -1; /* errbuf still says why */
	}
	if (!st->batch)
		return 0;
	st->batch = 0;
	if (index_unindexed(st) != 0 ||
	    store_commit_outer(st, "cannot save the import") != 0) {
		store_unindexed_clear(st);
		store_rollback(st);
		return -1;
	}
	store_unindexed_clear(st); /* indexed and committed */
	return 0;
}

int64_t store_article_count(struct store *st)
{
	sqlite3_stmt *s = stmt(st, S_ARTICLE_COUNT);
	int64_t n = -1;

	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	else
		store_set_err(st, "cannot count articles");
	sqlite3_reset(s);
	return n;
}

int store_article_ids_from(struct store *st, const char *prefix, int64_t **ids, size_t *n)
{
	sqlite3_stmt *s = stmt(st, S_ARTICLE_IDS_FROM);

	bind_text(s, 1, prefix);
	return store_step_ids(st, s, "cannot list articles", ids, n);
}

void store_article_clear(struct store_article *a)
{
	free(a->title);
	free(a->byline);
	free(a->outlet);
	free(a->published);
	free(a->published_as);
	free(a->lang);
	free(a->dateline);
	free(a->url);
	free(a->source);
	free(a->body);
	free(a->imported_at);
	memset(a, 0, sizeof *a);
}

void store_articles_free(struct store_articles *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		store_article_clear(&v->v[i]);
	free(v->v);
	memset(v, 0, sizeof *v);
}

int store_article_list(struct store *st, enum store_sort sort, int64_t offset,
                       int64_t limit, struct store_articles *out)
{
	static const int by_sort[STORE_SORT_NSORTS] = {
		[STORE_SORT_IMPORTED] = S_LIST_IMPORTED, [STORE_SORT_TITLE] = S_LIST_TITLE,
		[STORE_SORT_OUTLET] = S_LIST_OUTLET, [STORE_SORT_DATE] = S_LIST_DATE,
		[STORE_SORT_WORDS] = S_LIST_WORDS,
	};
	sqlite3_stmt *s = stmt(st, by_sort[sort < STORE_SORT_NSORTS ? sort : 0]);
	int rc;

	sqlite3_bind_int64(s, 1, offset);
	sqlite3_bind_int64(s, 2, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_article a = {0};
		a.id = sqlite3_column_int64(s, 0);
		a.title = col_strdup(s, 1);
		a.outlet = col_strdup(s, 2);
		a.published = col_strdup(s, 3);
		a.words = sqlite3_column_int64(s, 4);
		a.imported_at = col_strdup(s, 5);
		a.highlights = sqlite3_column_int64(s, 6);
		a.notes = sqlite3_column_int64(s, 7);
		VEC_PUSH(out, a);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot list articles");
		return -1;
	}
	return 0;
}

/* A body read in parts: the blob handle keeps the read transaction the
 * article's details came from, so every part is of the same version. */
struct store_body {
	sqlite3_blob *blob;
	size_t loaded, size;
};

void store_body_close(struct store_body *b)
{
	if (!b)
		return;
	sqlite3_blob_close(b->blob);
	free(b);
}

size_t store_body_loaded(const struct store_body *b)
{
	return b ? b->loaded : 0;
}

/* Read parts until `upto` bytes (at least STORE_BODY_STEP more) are in
 * a->body.  A NUL ends the text there, as reading it as text would (none is
 * ever imported). */
int store_body_more(struct store *st, struct store_body **rest, struct store_article *a, size_t upto)
{
	struct store_body *b = *rest;
	size_t want;

	if (!b)
		return 0;
	if (upto < b->loaded + STORE_BODY_STEP)
		upto = b->loaded + STORE_BODY_STEP;
	want = upto < b->size ? upto : b->size;
	while (b->loaded < want) {
		size_t n = want - b->loaded > STORE_BODY_STEP ? STORE_BODY_STEP : want - b->loaded;
		const char *z;
		if (sqlite3_blob_read(b->blob, a->body + b->loaded, (int)n, (int)b->loaded) != SQLITE_OK) {
			store_set_err(st, "cannot read article");
			a->body_len = b->loaded;
			a->body[b->loaded] = '\0';
			store_body_close(b);
			*rest = NULL;
			return -1;
		}
		z = memchr(a->body + b->loaded, '\0', n);
		if (z) {
			b->loaded = b->size = (size_t)(z - a->body);
			break;
		}
		b->loaded += n;
	}
	if (b->loaded < b->size)
		return 1;
	a->body_len = b->size;
	a->body[a->body_len] = '\0';
	store_body_close(b);
	*rest = NULL;
	return 0;
}

/* The body, or its first part, straight from its pages into one buffer
 * (blob I/O): a 100 MB article is not first assembled by SQLite and then
 * copied.  Blob I/O gives the stored bytes, so only in a UTF-8 database,
 * and only of a text value; anything else goes through
 * sqlite3_column_text, whole.  On failure the message is set here, while
 * SQLite still has it. */
static int read_body(struct store *st, int64_t id, struct store_article *a, size_t first,
                     struct store_body **rest)
{
	sqlite3_blob *b = NULL;
	sqlite3_stmt *s;
	const char *t;

	if (st->utf8 && sqlite3_blob_open(st->core.db, "main", "article", "body", id, 0, &b) == SQLITE_OK) {
		struct store_body *part = xcalloc(1, sizeof *part);
		int rc;
		part->blob = b;
		part->size = (size_t)sqlite3_blob_bytes(b);
		a->body = xmalloc(part->size + 1);
		util_large_array(a->body, part->size + 1);
		a->body_len = part->size;
		a->body[0] = '\0';
		rc = store_body_more(st, &part, a, first);
		if (rc < 0)
			return -1;
		if (rest)
			*rest = part;
		else
			store_body_close(part); /* rc is 0: part is NULL */
		return 0;
	}
	s = stmt(st, S_ARTICLE_TEXT_OF);
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW || !(t = (const char *)sqlite3_column_text(s, 1))) {
		store_set_err(st, "cannot read article");
		sqlite3_reset(s);
		return -1;
	}
	a->body_len = (size_t)sqlite3_column_bytes(s, 1);
	a->body = xmalloc(a->body_len + 1);
	memcpy(a->body, t, a->body_len + 1);
	sqlite3_reset(s);
	return 0;
}

static int article_get(struct store *st, int64_t id, int with_body, size_t first,
                       struct store_article *a, struct store_body **rest)
{
	sqlite3_stmt *s = stmt(st, S_ARTICLE_GET);
	const char *sha;
	int rc;

	memset(a, 0, sizeof *a);
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc == SQLITE_DONE)
			return 1;
		store_set_err(st, "cannot read article");
		return -1;
	}
	a->id = sqlite3_column_int64(s, 0);
	a->title = col_strdup(s, 1);
	a->byline = col_strdup(s, 2);
	a->outlet = col_strdup(s, 3);
	a->published = col_strdup(s, 4);
	a->dateline = col_strdup(s, 5);
	a->url = col_strdup(s, 6);
	a->source = col_strdup(s, 7);
	a->words = sqlite3_column_int64(s, 8);
	a->imported_at = col_strdup(s, 9);
	a->read_pos = sqlite3_column_int64(s, 10);
	sha = (const char *)sqlite3_column_text(s, 11);
	snprintf(a->body_sha, sizeof a->body_sha, "%s", sha ? sha : "");
	a->highlights = sqlite3_column_int64(s, 12);
	a->notes = sqlite3_column_int64(s, 13);
	a->focus_pos = sqlite3_column_int64(s, 14);
	if (!rest) { /* all but the reader's open: the details after the text too */
		sqlite3_stmt *late = stmt(st, S_ARTICLE_LATE);
		sqlite3_bind_int64(late, 1, id);
		if (sqlite3_step(late) == SQLITE_ROW) {
			a->published_as = col_strdup(late, 0);
			a->lang = col_strdup(late, 1);
		}
		sqlite3_reset(late);
	}
	if (with_body && read_body(st, id, a, first, rest) != 0) { /* its message is set */
		sqlite3_reset(s);
		store_article_clear(a);
		return -1;
	}
	sqlite3_reset(s); /* after the body: the same read transaction */
	return 0;
}

int store_article_get(struct store *st, int64_t id, int with_body, struct store_article *a)
{
	return article_get(st, id, with_body, SIZE_MAX, a, NULL);
}

int store_article_open(struct store *st, int64_t id, size_t first, struct store_article *a,
                       struct store_body **rest)
{
	*rest = NULL;
	return article_get(st, id, 1, first, a, rest);
}

/* A date as a source or a user wrote it: its ISO 8601 form into iso_col,
 * and the text itself into as_col when it differs (NULL when it is the ISO
 * form); a text that is not a date goes to as_col only. */
static void bind_date(sqlite3_stmt *s, int iso_col, int as_col, const char *written)
{
	char iso[DATE_ISO_MAX];

	if (!written) {
		sqlite3_bind_null(s, iso_col);
		sqlite3_bind_null(s, as_col);
	} else if (date_to_iso(written, strlen(written), iso, sizeof iso) == 0) {
		sqlite3_bind_text(s, iso_col, iso, -1, SQLITE_TRANSIENT);
		if (strcmp(iso, written) == 0)
			sqlite3_bind_null(s, as_col);
		else
			sqlite3_bind_text(s, as_col, written, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_null(s, iso_col);
		sqlite3_bind_text(s, as_col, written, -1, SQLITE_STATIC);
	}
}

static void bind_article_fields(sqlite3_stmt *s, int first, const struct store_import_req *r)
{
	const struct import_doc *d = r->doc;
	/* title outlet byline published dateline url */
	bind_text(s, first, d->title ? d->title : "");
	bind_text(s, first + 1, d->outlet);
	bind_text(s, first + 2, d->byline);
	bind_date(s, first + 3, 13, d->published);
	bind_text(s, first + 4, d->dateline);
	bind_text(s, first + 5, r->url);
	bind_text(s, 14, d->lang);
}

int store_import(struct store *st, const struct store_import_req *r, int64_t *id, int *orphaned)
{
	char raw_sha[65], body_sha[65];
	int64_t existing = 0;
	int status = STORE_IMPORTED, same_body = 0, flushed = 0;
	sqlite3_stmt *s;

	if (orphaned)
		*orphaned = 0;
	if (r->raw_sha)
		snprintf(raw_sha, sizeof raw_sha, "%s", r->raw_sha);
	else
		util_sha256_hex(r->raw, r->raw_len, raw_sha);
	if (r->body_sha)
		snprintf(body_sha, sizeof body_sha, "%s", r->body_sha);
	else
		util_sha256_hex(r->doc->body, r->doc->body_len, body_sha);
	if (store_begin(st, "cannot import") != 0)
		return -1;
	{
		/* Another gloss may have merged or deleted entities since the
		 * cache was filled. */
		int dv = store_data_version(st);
		if (dv != st->data_version) {
			store_entity_cache_reset(st);
			st->data_version = dv;
		}
	}

	if (r->replace_id > 0) {
		s = stmt(st, S_ARTICLE_BY_ID);
		sqlite3_bind_int64(s, 1, r->replace_id);
	} else if (r->source) {
		s = stmt(st, S_ARTICLE_BY_SOURCE);
		bind_text(s, 1, r->source);
	} else {
		s = NULL;
	}
	if (s && sqlite3_step(s) == SQLITE_ROW) {
		existing = sqlite3_column_int64(s, 0);
		same_body = strcmp((const char *)sqlite3_column_text(s, 1), body_sha) == 0 &&
		            strcmp((const char *)sqlite3_column_text(s, 2), raw_sha) == 0;
	}
	if (s)
		sqlite3_reset(s);
	if (r->replace_id > 0 && !existing) {
		store_rollback(st);
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "no article with id %lld",
		         (long long)r->replace_id);
		return -1;
	}
	if (!existing) {
		/* The same bytes from another place: already in the library. */
		s = stmt(st, S_ARTICLE_BY_RAW);
		bind_text(s, 1, raw_sha);
		if (sqlite3_step(s) == SQLITE_ROW) {
			existing = sqlite3_column_int64(s, 0);
			same_body = 1;
		}
		sqlite3_reset(s);
	}
	if (existing && same_body) {
		store_rollback(st);
		*id = existing;
		return STORE_UNCHANGED;
	}

	if (existing && index_waiting(st, &flushed) != 0)
		goto fail;
	if (existing) {
		s = stmt(st, S_ARTICLE_UPDATE_TEXT);
		sqlite3_bind_int64(s, 1, existing);
		bind_article_fields(s, 2, r);
		sqlite3_bind_int64(s, 8, (int64_t)r->doc->words);
		bind_text(s, 9, raw_sha);
		bind_text(s, 10, body_sha);
		sqlite3_bind_text(s, 11, r->doc->body, (int)r->doc->body_len, SQLITE_STATIC);
		sqlite3_bind_blob(s, 12, r->raw, (int)r->raw_len, SQLITE_STATIC);
		status = STORE_UPDATED;
		*id = existing;
	} else {
		s = stmt(st, S_ARTICLE_INSERT);
		bind_article_fields(s, 1, r);
		bind_text(s, 7, r->source);
		sqlite3_bind_int64(s, 8, (int64_t)r->doc->words);
		bind_text(s, 9, raw_sha);
		bind_text(s, 10, body_sha);
		sqlite3_bind_text(s, 11, r->doc->body, (int)r->doc->body_len, SQLITE_STATIC);
		sqlite3_bind_blob(s, 12, r->raw, (int)r->raw_len, SQLITE_STATIC);
	}
	if (r->raw_len > INT_MAX || r->doc->body_len > INT_MAX) {
		store_rollback(st);
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "cannot import: text too large");
		return -1;
	}
	if (step_done(st, s, "cannot import") != 0)
		goto fail;
	if (!existing)
		*id = sqlite3_last_insert_rowid(st->core.db);
	if (store_save_mentions(st, *id, !existing, r->doc->body, r->ner) != 0 ||
	    (r->doc->body_len >= STORE_MENTION_BLOCK_MIN && store_mention_index_in(st, *id) != 0))
		goto fail;
	if (!existing && !st->batch &&
	    index_article(st, *id, r->doc->title ? r->doc->title : "", r->doc->body,
	                  r->doc->body_len) != 0)
		goto fail;
	if (existing) {
		if (store_reanchor(st, *id, r->doc->body, r->doc->body_len, body_sha, orphaned) != 0)
			goto fail;
		store_entity_cache_reset(st);
		if (store_entity_orphans_drop(st, "cannot import") != 0)
			goto fail;
	}
	if (store_commit(st, "cannot import") != 0)
		goto fail;
	if (flushed)
		store_unindexed_clear(st);
	if (!existing && st->batch) {
		/* Indexed with the rest of the batch, just before it commits. */
		st->unindexed = xreallocarray(st->unindexed, st->nunindexed + 1, sizeof *st->unindexed);
		st->unindexed[st->nunindexed++] = *id;
	}
	return status;
fail:
	store_rollback(st);
	return -1;
}

int store_article_edit(struct store *st, int64_t id, const struct store_article_edit *e)
{
	sqlite3_stmt *s;
	int flushed;
	int manual = (e->title ? MANUAL_TITLE : 0) | (e->outlet ? MANUAL_OUTLET : 0) |
	             (e->published ? MANUAL_PUBLISHED : 0) | (e->url ? MANUAL_URL : 0) |
	             (e->byline ? MANUAL_BYLINE : 0);

	if (store_begin(st, "cannot edit article") != 0)
		return -1;
	if (index_waiting(st, &flushed) != 0) {
		store_rollback(st);
		return -1;
	}
	s = stmt(st, S_ARTICLE_EDIT);
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, e->title);
	bind_text(s, 3, e->outlet);
	bind_date(s, 4, 8, e->published && *e->published ? e->published : NULL);
	bind_text(s, 5, e->url);
	bind_text(s, 6, e->byline);
	sqlite3_bind_int(s, 7, manual);
	if (step_done(st, s, "cannot edit article") != 0) {
		store_rollback(st);
		return -1;
	}
	if (sqlite3_changes(st->core.db) == 0) {
		store_rollback(st);
		return 1;
	}
	if (store_commit(st, "cannot edit article") != 0) {
		store_rollback(st);
		return -1;
	}
	if (flushed)
		store_unindexed_clear(st);
	return 0;
}

int store_article_delete(struct store *st, int64_t id)
{
	sqlite3_stmt *s;
	int flushed;

	if (store_begin(st, "cannot delete article") != 0)
		return -1;
	if (index_waiting(st, &flushed) != 0 || store_drop_mentions(st, id) != 0)
		goto fail;
	s = stmt(st, S_ARTICLE_DELETE);
	sqlite3_bind_int64(s, 1, id);
	if (step_done(st, s, "cannot delete article") != 0)
		goto fail;
	if (sqlite3_changes(st->core.db) == 0) {
		store_rollback(st);
		return 1;
	}
	store_entity_cache_reset(st);
	if (store_entity_orphans_drop(st, "cannot delete article") != 0 ||
	    store_commit(st, "cannot delete article") != 0)
		goto fail;
	if (flushed)
		store_unindexed_clear(st);
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int store_article_set_read_pos(struct store *st, int64_t id, int64_t pos)
{
	sqlite3_stmt *s;

	if (st->core.readonly)
		return 0; /* a reading position is a convenience, not data */
	s = stmt(st, S_ARTICLE_READ_POS);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, pos);
	return step_done(st, s, "cannot save the reading position");
}

int store_article_set_focus_pos(struct store *st, int64_t id, int64_t pos)
{
	sqlite3_stmt *s;

	if (st->core.readonly)
		return 0; /* as the reading position: a convenience */
	s = stmt(st, S_ARTICLE_FOCUS_POS);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, pos);
	return step_done(st, s, "cannot save the focus");
}

int store_article_last_read(struct store *st, int64_t *id, int64_t *row)
{
	sqlite3_stmt *s = stmt(st, S_ARTICLE_LAST_READ);
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*row = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	store_set_err(st, "cannot find the last article read");
	return -1;
}

