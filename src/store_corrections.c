/* store_corrections.c — the rows of the user's corrections of the entity
 * recognizer (see store_corrections.h): list, add, forget, and the
 * articles a correction may touch.  Replacing an article's mentions is
 * store.c's (store_article_set_mentions), beside the import that writes
 * them. */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/store_corrections.h"
#include "gloss/util.h"
#include "store_internal.h"

static sqlite3_stmt *prepare(struct store *st, const char *sql, const char *what)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(STORE_CORE(st)->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_set_err(st, what);
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

static char *col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return xstrdup(t ? (const char *)t : "");
}

static void read_row(sqlite3_stmt *s, struct correction *c)
{
	const char *kind = (const char *)sqlite3_column_text(s, 1);
	const char *label = (const char *)sqlite3_column_text(s, 3);
	int k = kind ? correction_kind_from_name(kind) : -1;
	c->id = sqlite3_column_int64(s, 0);
	c->kind = k < 0 ? CORRECTION_RELABEL : (enum correction_kind)k;
	c->text = col_dup(s, 2);
	c->label = label ? ner_label_from_name(label) : -1;
	c->created = col_dup(s, 4);
}

/* The list's statement, prepared once: every import reads the list.
 * Prepared here, not by store_stmt, so that a library without the table
 * is an error to report, not a fatal one. */
static sqlite3_stmt *list_stmt(struct store *st)
{
	sqlite3_stmt **v = st->stmt[STORE_PART_CORRECTIONS];

	if (!v) {
		v = st->stmt[STORE_PART_CORRECTIONS] = xcalloc(1, sizeof *v);
		st->nstmt[STORE_PART_CORRECTIONS] = 1;
	}
	if (v[0]) {
		sqlite3_reset(v[0]);
		return v[0];
	}
	if (sqlite3_prepare_v3(STORE_CORE(st)->db,
	                       "SELECT id, kind, text, label, created FROM correction ORDER BY id", -1,
	                       SQLITE_PREPARE_PERSISTENT, &v[0], NULL) != SQLITE_OK) {
		store_set_err(st, "cannot list corrections");
		sqlite3_finalize(v[0]);
		v[0] = NULL;
	}
	return v[0];
}

int store_corrections_list(struct store *st, struct corrections *out)
{
	sqlite3_stmt *s = list_stmt(st);
	int rc;
	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct correction c;
		read_row(s, &c);
		/* A row of a kind or label this gloss does not know is skipped. */
		if ((c.kind != CORRECTION_REJECT && c.label < 0)) {
			free(c.text);
			free(c.created);
			continue;
		}
		VEC_PUSH(out, c);
	}
	if (rc != SQLITE_DONE)
		store_set_err(st, "cannot list corrections");
	sqlite3_reset(s); /* kept for the next import */
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_correction_add(struct store *st, const struct correction *c, int64_t *id)
{
	sqlite3_stmt *s = prepare(st, "INSERT INTO correction(kind, text, label, created)"
	                              " VALUES (?1, ?2, ?3, " NOW ")",
	                          "cannot save the correction");
	int rc;
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, correction_kind_name(c->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, c->text, -1, SQLITE_STATIC);
	if (c->kind == CORRECTION_REJECT || c->label < 0)
		sqlite3_bind_null(s, 3);
	else
		sqlite3_bind_text(s, 3, ner_label_name((enum ner_label)c->label), -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot save the correction");
		return -1;
	}
	if (id)
		*id = sqlite3_last_insert_rowid(STORE_CORE(st)->db);
	return 0;
}

int store_correction_forget(struct store *st, int64_t id, struct correction *out)
{
	sqlite3_stmt *s = prepare(st, "SELECT id, kind, text, label, created FROM correction WHERE id = ?1",
	                          "cannot forget the correction");
	int rc;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && out)
		read_row(s, out);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW) {
		store_set_err(st, "cannot forget the correction");
		return -1;
	}
	s = prepare(st, "DELETE FROM correction WHERE id = ?1", "cannot forget the correction");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot forget the correction");
		return -1;
	}
	return 0;
}

int store_corrections_begin(struct store *st)
{
	return store_begin(st, "cannot correct entities");
}

int store_corrections_commit(struct store *st)
{
	return store_commit(st, "cannot correct entities");
}

void store_corrections_rollback(struct store *st)
{
	store_rollback(st);
}

/* text as one FTS5 phrase: "...", inner quotes doubled. */
static char *fts_phrase(const char *text)
{
	struct buf b = {0};
	buf_addc(&b, '"');
	for (; *text; text++) {
		if (*text == '"')
			buf_addc(&b, '"');
		buf_addc(&b, *text);
	}
	buf_addc(&b, '"');
	return buf_steal(&b);
}

static int collect_ids(struct store *st, sqlite3_stmt *s, int64_t **ids, size_t *n)
{
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	if (rc != SQLITE_DONE)
		store_set_err(st, "cannot find the articles to correct");
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_articles_with_text(struct store *st, const char *text, int64_t **ids, size_t *n)
{
	char *phrase = fts_phrase(text);
	sqlite3_stmt *s;
	int rc;
	int has_word = 0;

	*ids = NULL;
	*n = 0;
	for (const char *p = text; *p; p++)
		if ((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') ||
		    (unsigned char)*p >= 0x80)
			has_word = 1;
	/* A name with no word in it ("$") is looked for in every text. */
	s = prepare(st, has_word ? "SELECT rowid FROM article_fts WHERE article_fts MATCH ?1 ORDER BY rowid"
	                         : "SELECT id FROM article WHERE instr(body, ?2) > 0 ORDER BY id",
	            "cannot find the articles to correct");
	if (!s) {
		free(phrase);
		return -1;
	}
	if (has_word)
		sqlite3_bind_text(s, 1, phrase, -1, SQLITE_STATIC);
	else
		sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
	rc = collect_ids(st, s, ids, n);
	sqlite3_finalize(s);
	free(phrase);
	return rc;
}
