/* store_version.c — the store's check that an annotation is written onto
 * the text its writer sees: a UI that shows an article while another
 * process re-imports it must not save offsets of the old text against the
 * new one (see store_expect_version in gloss/store.h).  Part of the store
 * module (see store_internal.h). */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "gloss/store.h"
#include "store_internal.h"

#define VERSION_STMTS(X)                                                                           \
	X(ARTICLE_SHA, "SELECT body_sha FROM article WHERE id = ?1")                               \
	X(HL_ARTICLE_SHA, "SELECT a.id, a.body_sha FROM highlight h"                   \
	                  " JOIN article a ON a.id = h.article_id WHERE h.id = ?1")

STORE_STATEMENTS(STORE_PART_VERSION, VERSION_STMTS)

void store_expect_version(struct store *st, int64_t article_id, const char *body_sha)
{
	st->expect_article = body_sha ? article_id : 0;
	snprintf(st->expect_sha, sizeof st->expect_sha, "%s", body_sha ? body_sha : "");
}

int store_stale_take(struct store *st)
{
	int stale = st->stale;

	st->stale = 0;
	return stale;
}

static int refuse_stale(struct store *st, int64_t article_id, const char *what)
{
	st->stale = 1;
	snprintf(st->core.errbuf, sizeof st->core.errbuf,
	         "%s: article %lld was changed (re-imported) by another gloss since it was shown;"
	         " nothing saved",
	         what, (long long)article_id);
	return -1;
}

int store_check_article_version(struct store *st, int64_t article_id, const char *sha,
                                const char *what)
{
	sqlite3_stmt *s;
	int rc, same = 1;

	st->stale = 0;
	if (!sha && article_id != st->expect_article)
		return 0;
	if (!sha)
		sha = st->expect_sha;
	s = stmt(st, S_ARTICLE_SHA);
	sqlite3_bind_int64(s, 1, article_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *now = (const char *)sqlite3_column_text(s, 0);
		same = now && strcmp(now, sha) == 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_err(st, what);
		return -1;
	}
	/* A missing article is the caller's own "no article" error. */
	return same ? 0 : refuse_stale(st, article_id, what);
}

int store_check_hl_version(struct store *st, int64_t hl, const char *what)
{
	sqlite3_stmt *s;
	int rc, same = 1;
	int64_t article = 0;

	st->stale = 0;
	if (!st->expect_article)
		return 0;
	s = stmt(st, S_HL_ARTICLE_SHA);
	sqlite3_bind_int64(s, 1, hl);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *now = (const char *)sqlite3_column_text(s, 1);
		article = sqlite3_column_int64(s, 0);
		if (article == st->expect_article)
			same = now && strcmp(now, st->expect_sha) == 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_err(st, what);
		return -1;
	}
	return same ? 0 : refuse_stale(st, article, what);
}
