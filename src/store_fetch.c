/* store_fetch.c — the `fetched` table (see store_fetch.h): one row per
 * URL imported, removed with its article.  Its two statements are
 * prepared on each call: a URL import costs a network round trip, next
 * to which a prepare is nothing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/store_fetch.h"
#include "gloss/util.h"
#include "store_internal.h"

static const char fetched_get_sql[] =
	"SELECT f.article_id, f.final_url, f.etag, f.last_modified, f.fetched_at"
	" FROM fetched f JOIN article a ON a.id = f.article_id WHERE f.url = ?1";

static const char fetched_put_sql[] =
	"INSERT INTO fetched(url, article_id, final_url, etag, last_modified, fetched_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
	" ON CONFLICT(url) DO UPDATE SET article_id = excluded.article_id,"
	" final_url = excluded.final_url, etag = excluded.etag,"
	" last_modified = excluded.last_modified, fetched_at = excluded.fetched_at";

static char *col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
}

static void bind(sqlite3_stmt *s, int i, const char *t)
{
	if (t)
		sqlite3_bind_text(s, i, t, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

int store_fetched_get(struct store *st, const char *url, struct store_fetched *out)
{
	struct store_core *c = STORE_CORE(st);
	sqlite3_stmt *s = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	c->errbuf[0] = '\0';
	if (sqlite3_prepare_v2(c->db, fetched_get_sql, -1, &s, NULL) != SQLITE_OK) {
		store_set_err(st, "cannot read what a server sent");
		return -1;
	}
	bind(s, 1, url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->article_id = sqlite3_column_int64(s, 0);
		out->final_url = col(s, 1);
		out->etag = col(s, 2);
		out->last_modified = col(s, 3);
		out->fetched_at = col(s, 4);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = 1;
	} else {
		store_set_err(st, "cannot read what a server sent");
		rc = -1;
	}
	sqlite3_finalize(s);
	return rc;
}

int store_fetched_put(struct store *st, const char *url, int64_t article_id,
                      const char *final_url, const char *etag, const char *last_modified)
{
	static const char what[] = "cannot record what the server sent";
	struct store_core *c = STORE_CORE(st);
	sqlite3_stmt *s = NULL;

	if (store_begin(st, what) != 0)
		return -1;
	if (sqlite3_prepare_v2(c->db, fetched_put_sql, -1, &s, NULL) != SQLITE_OK) {
		store_set_err(st, what);
		store_rollback(st);
		return -1;
	}
	bind(s, 1, url);
	sqlite3_bind_int64(s, 2, article_id);
	bind(s, 3, final_url);
	bind(s, 4, etag);
	bind(s, 5, last_modified);
	if (sqlite3_step(s) != SQLITE_DONE) {
		store_set_err(st, what);
		sqlite3_finalize(s);
		store_rollback(st);
		return -1;
	}
	sqlite3_finalize(s);
	if (store_commit(st, what) != 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

void store_fetched_clear(struct store_fetched *f)
{
	free(f->final_url);
	free(f->etag);
	free(f->last_modified);
	free(f->fetched_at);
	memset(f, 0, sizeof *f);
}
