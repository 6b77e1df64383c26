/* store_annot.c — the store's annotations: highlights (and moving them
 * onto an article's new text), their tags, notes, links, and undoing a
 * deleted highlight (the tags themselves are store_tag.c's).  Part of the store module (see store_internal.h); its
 * statements are the table below. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/anchor.h"
#include "gloss/store.h"
#include "gloss/util.h"
#include "store_internal.h"

#define ANNOT_STMTS(X)                                                                             \
	X(HIGHLIGHTS_OF, "SELECT id, start, quote, prefix, suffix, original_quote FROM highlight"  \
	                 " WHERE article_id = ?1")                                                 \
	X(HIGHLIGHT_REANCHOR,                                                                      \
	  "UPDATE highlight SET start = ?2, end = ?3, quote = ?4, prefix = ?5, suffix = ?6,"       \
	  " original_quote = ?8, body_sha = ?7, orphaned = 0, updated = " NOW " WHERE id = ?1")    \
	X(HIGHLIGHT_ORPHAN,                                                                        \
	  "UPDATE highlight SET orphaned = 1, body_sha = ?2, updated = " NOW " WHERE id = ?1")     \
	X(HL_LIST,                                                                                 \
	  "SELECT h.id, h.article_id, h.start, h.end, h.quote, h.prefix, h.suffix,"                \
	  " h.original_quote, h.orphaned, n.body, a.title, h.created, h.updated,"                  \
	  " (SELECT group_concat(name, char(10)) FROM (SELECT t.name FROM highlight_tag ht"        \
	  "   JOIN tag t ON t.id = ht.tag_id WHERE ht.highlight_id = h.id ORDER BY t.name)),"      \
	  " (SELECT count(*) FROM link l WHERE l.from_highlight = h.id OR l.to_highlight = h.id)"  \
	  " FROM highlight h JOIN article a ON a.id = h.article_id"                                \
	  " LEFT JOIN note n ON n.highlight_id = h.id"                                             \
	  " WHERE (?1 <= 0 OR h.article_id = ?1)"                                                  \
	  " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM highlight_tag ht JOIN tag t"                  \
	  "   ON t.id = ht.tag_id WHERE ht.highlight_id = h.id AND t.name = ?2))"                  \
	  " AND (?3 IS NULL OR instr(lower(h.quote), lower(?3)) > 0"                               \
	  "   OR instr(lower(coalesce(n.body, '')), lower(?3)) > 0"                                \
	  "   OR EXISTS (SELECT 1 FROM highlight_tag ht JOIN tag t ON t.id = ht.tag_id"            \
	  "   WHERE ht.highlight_id = h.id AND instr(lower(t.name), lower(?3)) > 0))"              \
	  " AND (?4 = 0 OR h.orphaned = 1)"                                                        \
	  " AND (?5 <= 0 OR h.id = ?5)"                                                            \
	  " ORDER BY h.article_id, h.orphaned, h.start, h.id")                                     \
	X(HL_AT, "SELECT id FROM highlight WHERE article_id = ?1 AND start = ?2 AND end = ?3"      \
	         " AND orphaned = 0 ORDER BY id LIMIT 1")                                          \
	X(HL_INSERT,                                                                               \
	  "INSERT INTO highlight(article_id, start, end, quote, prefix, suffix, body_sha,"         \
	  " created, updated) SELECT ?1, ?2, ?3, ?4, ?5, ?6, body_sha, " NOW ", " NOW              \
	  " FROM article WHERE id = ?1")                                                           \
	X(HL_TAG_ON, "INSERT OR IGNORE INTO highlight_tag(highlight_id, tag_id) VALUES (?1, ?2)")  \
	X(HL_TAG_OFF, "DELETE FROM highlight_tag WHERE highlight_id = ?1 AND tag_id = ?2")         \
	X(HL_TAG_HAS, "SELECT 1 FROM highlight_tag WHERE highlight_id = ?1 AND tag_id = ?2")       \
	X(HL_TOUCH, "UPDATE highlight SET updated = " NOW " WHERE id = ?1")                        \
	X(HL_BARE,                                                                                 \
	  "SELECT NOT EXISTS (SELECT 1 FROM highlight_tag WHERE highlight_id = ?1)"                \
	  " AND NOT EXISTS (SELECT 1 FROM note WHERE highlight_id = ?1)"                           \
	  " AND NOT EXISTS (SELECT 1 FROM link WHERE from_highlight = ?1 OR to_highlight = ?1)")   \
	X(HL_DELETE, "DELETE FROM highlight WHERE id = ?1")                                        \
	X(HL_ROW,                                                                                  \
	  "SELECT article_id, start, end, quote, prefix, suffix, original_quote, body_sha,"        \
	  " orphaned, created, updated FROM highlight WHERE id = ?1")                              \
	X(HL_RESTORE,                                                                              \
	  "INSERT INTO highlight(id, article_id, start, end, quote, prefix, suffix,"               \
	  " original_quote, body_sha, orphaned, created, updated)"                                 \
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")                           \
	X(HL_TAG_IDS, "SELECT ht.tag_id, t.name FROM highlight_tag ht JOIN tag t"                  \
	              " ON t.id = ht.tag_id WHERE ht.highlight_id = ?1")                           \
	X(NOTE_GET, "SELECT body, created, updated FROM note WHERE highlight_id = ?1")             \
	X(NOTE_UPSERT,                                                                             \
	  "INSERT INTO note(highlight_id, body, created, updated) VALUES (?1, ?2, " NOW ", " NOW ")" \
	  " ON CONFLICT(highlight_id) DO UPDATE SET body = excluded.body, updated = " NOW)         \
	X(NOTE_RESTORE,                                                                            \
	  "INSERT INTO note(highlight_id, body, created, updated) VALUES (?1, ?2, ?3, ?4)")        \
	X(NOTE_DELETE, "DELETE FROM note WHERE highlight_id = ?1")                                 \
	X(HL_EXISTS, "SELECT 1 FROM highlight WHERE id = ?1")                                      \
	X(LINK_INSERT,                                                                             \
	  "INSERT INTO link(from_highlight, to_highlight, relation, created)"                      \
	  " VALUES (?1, ?2, ?3, " NOW ")")                                                         \
	X(LINK_RESTORE,                                                                            \
	  "INSERT INTO link(id, from_highlight, to_highlight, relation, created)"                  \
	  " VALUES (?1, ?2, ?3, ?4, ?5)")                                                          \
	X(LINK_FIND,                                                                               \
	  "SELECT id FROM link WHERE min(from_highlight, to_highlight) = min(?1, ?2)"              \
	  " AND max(from_highlight, to_highlight) = max(?1, ?2) AND relation = ?3")                \
	X(LINK_DELETE, "DELETE FROM link WHERE id = ?1")                                           \
	X(LINK_LIST,                                                                               \
	  "SELECT l.id, l.from_highlight, l.to_highlight, f.article_id, t.article_id, l.relation," \
	  " f.quote, t.quote, fa.title, ta.title, f.orphaned, t.orphaned, f.start, t.start,"       \
	  " l.created FROM link l"                                                                 \
	  " JOIN highlight f ON f.id = l.from_highlight JOIN highlight t ON t.id = l.to_highlight" \
	  " JOIN article fa ON fa.id = f.article_id JOIN article ta ON ta.id = t.article_id"       \
	  " WHERE (?1 <= 0 OR f.article_id = ?1 OR t.article_id = ?1)"                             \
	  " AND (?2 <= 0 OR l.from_highlight = ?2 OR l.to_highlight = ?2)"                         \
	  " ORDER BY f.article_id, f.start, l.id")

STORE_STATEMENTS(STORE_PART_ANNOT, ANNOT_STMTS)

/* Move every highlight of an article onto its new text; those that cannot
 * be found are kept and marked orphaned, never dropped. */
int store_reanchor(struct store *st, int64_t article_id, const char *body, size_t len,
                    const char *body_sha, int *orphaned)
{
	sqlite3_stmt *s = stmt(st, S_HIGHLIGHTS_OF);
	struct moved { int64_t id; size_t start; struct anchor_selector sel; char *home; } *v = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	sqlite3_bind_int64(s, 1, article_id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct moved m;
		m.id = sqlite3_column_int64(s, 0);
		m.start = (size_t)sqlite3_column_int64(s, 1);
		m.sel.quote = col_strdup(s, 2);
		m.sel.prefix = col_strdup(s, 3);
		m.sel.suffix = col_strdup(s, 4);
		m.home = col_strdup(s, 5); /* original_quote: NULL until it drifts */
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = m;
	}
	sqlite3_reset(s);
	for (i = 0; i < n && rc == 0; i++) {
		struct anchor_moved mv;
		if (anchor_move(body, len, &v[i].sel, v[i].home, v[i].start, &mv) != ANCHOR_ORPHANED) {
			s = stmt(st, S_HIGHLIGHT_REANCHOR);
			sqlite3_bind_int64(s, 1, v[i].id);
			sqlite3_bind_int64(s, 2, (int64_t)mv.start);
			sqlite3_bind_int64(s, 3, (int64_t)mv.end);
			bind_text(s, 4, mv.sel.quote);
			bind_text(s, 5, mv.sel.prefix);
			bind_text(s, 6, mv.sel.suffix);
			bind_text(s, 7, body_sha);
			bind_text(s, 8, mv.home);
			rc = step_done(st, s, "cannot re-anchor highlights");
			anchor_moved_free(&mv);
		} else {
			s = stmt(st, S_HIGHLIGHT_ORPHAN);
			sqlite3_bind_int64(s, 1, v[i].id);
			bind_text(s, 2, body_sha);
			rc = step_done(st, s, "cannot re-anchor highlights");
			if (orphaned)
				++*orphaned;
		}
	}
	for (i = 0; i < n; i++) {
		anchor_selector_free(&v[i].sel);
		free(v[i].home);
	}
	free(v);
	return rc;
}

/* --- highlights --- */

void store_highlight_clear(struct store_highlight *h)
{
	size_t i;

	free(h->quote);
	free(h->prefix);
	free(h->suffix);
	free(h->original_quote);
	free(h->note);
	for (i = 0; i < h->ntags; i++)
		free(h->tags[i]);
	free(h->tags);
	free(h->article_title);
	free(h->created);
	free(h->updated);
	memset(h, 0, sizeof *h);
}

void store_highlights_free(struct store_highlights *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		store_highlight_clear(&v->v[i]);
	free(v->v);
	memset(v, 0, sizeof *v);
}

static void read_highlight(sqlite3_stmt *s, struct store_highlight *h)
{
	const char *tags = (const char *)sqlite3_column_text(s, 13);

	memset(h, 0, sizeof *h);
	h->id = sqlite3_column_int64(s, 0);
	h->article_id = sqlite3_column_int64(s, 1);
	h->start = (size_t)sqlite3_column_int64(s, 2);
	h->end = (size_t)sqlite3_column_int64(s, 3);
	h->quote = col_strdup(s, 4);
	h->prefix = col_strdup(s, 5);
	h->suffix = col_strdup(s, 6);
	h->original_quote = col_strdup(s, 7);
	h->orphaned = sqlite3_column_int(s, 8);
	h->note = col_strdup(s, 9);
	h->article_title = col_strdup(s, 10);
	h->created = col_strdup(s, 11);
	h->updated = col_strdup(s, 12);
	h->nlinks = sqlite3_column_int(s, 14);
	/* Tag names come newline-joined; names cannot hold control characters. */
	while (tags && *tags) {
		const char *nl = strchr(tags, '\n');
		size_t n = nl ? (size_t)(nl - tags) : strlen(tags);
		h->tags = xreallocarray(h->tags, h->ntags + 1, sizeof *h->tags);
		h->tags[h->ntags++] = xstrndup(tags, n);
		tags += n + (nl ? 1 : 0);
	}
}

static int highlight_query(struct store *st, const struct store_hl_filter *f, int64_t id,
                           struct store_highlights *out)
{
	sqlite3_stmt *s = stmt(st, S_HL_LIST);
	int rc;

	sqlite3_bind_int64(s, 1, f ? f->article_id : 0);
	bind_text(s, 2, f && f->tag && *f->tag ? f->tag : NULL);
	bind_text(s, 3, f && f->text && *f->text ? f->text : NULL);
	sqlite3_bind_int(s, 4, f ? f->orphaned_only : 0);
	sqlite3_bind_int64(s, 5, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_highlight h;
		read_highlight(s, &h);
		VEC_PUSH(out, h);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot list annotations");
		return -1;
	}
	return 0;
}

int store_highlight_list(struct store *st, const struct store_hl_filter *f,
                         struct store_highlights *out)
{
	return highlight_query(st, f, 0, out);
}

int store_highlight_get(struct store *st, int64_t id, struct store_highlight *out)
{
	struct store_highlights v = {0};

	memset(out, 0, sizeof *out);
	if (highlight_query(st, NULL, id, &v) != 0)
		return -1;
	if (v.n == 0) {
		free(v.v);
		return 1;
	}
	*out = v.v[0];
	free(v.v);
	return 0;
}

int store_highlight_at(struct store *st, int64_t article_id, size_t start, size_t end, int64_t *id)
{
	sqlite3_stmt *s = stmt(st, S_HL_AT);
	int rc;

	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, (int64_t)start);
	sqlite3_bind_int64(s, 3, (int64_t)end);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	store_set_err(st, "cannot read highlights");
	return -1;
}

int64_t store_highlight_add(struct store *st, int64_t article_id, const char *body,
                            size_t body_len, size_t start, size_t end)
{
	struct anchor_selector sel;
	sqlite3_stmt *s;
	int64_t id;
	char sha[65];

	if (start >= end || end > body_len) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "cannot highlight: an empty or invalid range");
		return -1;
	}
	util_sha256_hex(body, body_len, sha);
	if (store_begin(st, "cannot save highlight") != 0)
		return -1;
	/* The offsets are into the text the caller has: it must be the
	 * article's text now. */
	if (store_check_article_version(st, article_id, sha, "cannot save highlight") != 0) {
		store_rollback(st);
		return -1;
	}
	anchor_selector_make(body, body_len, start, end, &sel);
	s = stmt(st, S_HL_INSERT);
	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, (int64_t)start);
	sqlite3_bind_int64(s, 3, (int64_t)end);
	bind_text(s, 4, sel.quote);
	bind_text(s, 5, sel.prefix);
	bind_text(s, 6, sel.suffix);
	if (step_done(st, s, "cannot save highlight") != 0) {
		anchor_selector_free(&sel);
		store_rollback(st);
		return -1;
	}
	anchor_selector_free(&sel);
	if (sqlite3_changes(st->core.db) == 0) {
		store_rollback(st);
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "cannot highlight: no article %lld",
		         (long long)article_id);
		return -1;
	}
	id = sqlite3_last_insert_rowid(st->core.db);
	if (store_commit(st, "cannot save highlight") != 0) {
		store_rollback(st);
		return -1;
	}
	return id;
}

/* Inside a transaction: does the highlight still carry anything? */
static int highlight_bare(struct store *st, int64_t hl)
{
	sqlite3_stmt *s = stmt(st, S_HL_BARE);
	int bare = 0;

	sqlite3_bind_int64(s, 1, hl);
	if (sqlite3_step(s) == SQLITE_ROW)
		bare = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return bare;
}

int store_highlight_tag(struct store *st, int64_t hl, int64_t tag, int on, int *now_on,
                        int *removed)
{
	sqlite3_stmt *s;
	int has = 0;

	*removed = 0;
	if (store_begin(st, "cannot tag") != 0)
		return -1;
	if (store_check_hl_version(st, hl, "cannot tag") != 0)
		goto fail;
	s = stmt(st, S_HL_TAG_HAS);
	sqlite3_bind_int64(s, 1, hl);
	sqlite3_bind_int64(s, 2, tag);
	has = sqlite3_step(s);
	if (has != SQLITE_ROW && has != SQLITE_DONE) {
		store_set_err(st, "cannot tag");
		sqlite3_reset(s);
		goto fail;
	}
	has = has == SQLITE_ROW;
	sqlite3_reset(s);
	if (on < 0)
		on = !has;
	s = stmt(st, on ? S_HL_TAG_ON : S_HL_TAG_OFF);
	sqlite3_bind_int64(s, 1, hl);
	sqlite3_bind_int64(s, 2, tag);
	if (step_done(st, s, "cannot tag") != 0)
		goto fail;
	s = stmt(st, S_HL_TOUCH);
	sqlite3_bind_int64(s, 1, hl);
	if (step_done(st, s, "cannot tag") != 0)
		goto fail;
	if (!on && highlight_bare(st, hl)) {
		s = stmt(st, S_HL_DELETE);
		sqlite3_bind_int64(s, 1, hl);
		if (step_done(st, s, "cannot tag") != 0)
			goto fail;
		*removed = 1;
	}
	if (store_commit(st, "cannot tag") != 0)
		goto fail;
	*now_on = on;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

static int same_note(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Set the note; with check, only if the note now is expected (or already
 * text): 2 when it is not. */
static int note_write(struct store *st, int64_t hl, const char *text, int check,
                      const char *expected)
{
	sqlite3_stmt *s;
	int exists;

	if (text && strlen(text) > STORE_NOTE_MAX) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf,
		         "cannot save note: longer than the 1 MiB limit");
		return -1;
	}
	if (store_begin(st, "cannot save note") != 0)
		return -1;
	if (store_check_hl_version(st, hl, "cannot save note") != 0)
		goto fail;
	s = stmt(st, S_HL_EXISTS);
	sqlite3_bind_int64(s, 1, hl);
	exists = sqlite3_step(s);
	if (exists != SQLITE_ROW && exists != SQLITE_DONE) {
		/* A damaged file is not a missing annotation. */
		store_set_err(st, "cannot save note");
		sqlite3_reset(s);
		store_rollback(st);
		return -1;
	}
	sqlite3_reset(s);
	if (exists != SQLITE_ROW) {
		store_rollback(st);
		return 1;
	}
	if (check) {
		int rc, same;
		s = stmt(st, S_NOTE_GET);
		sqlite3_bind_int64(s, 1, hl);
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			store_set_err(st, "cannot save note");
			sqlite3_reset(s);
			goto fail;
		}
		{
			const char *cur = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
			same = same_note(cur, expected) || same_note(cur, text);
		}
		sqlite3_reset(s);
		if (!same) {
			store_rollback(st);
			return 2;
		}
	}
	s = stmt(st, text && *text ? S_NOTE_UPSERT : S_NOTE_DELETE);
	sqlite3_bind_int64(s, 1, hl);
	if (text && *text)
		sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
	if (step_done(st, s, "cannot save note") != 0)
		goto fail;
	s = stmt(st, S_HL_TOUCH);
	sqlite3_bind_int64(s, 1, hl);
	if (step_done(st, s, "cannot save note") != 0 || store_commit(st, "cannot save note") != 0)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int store_note_set(struct store *st, int64_t hl, const char *text)
{
	return note_write(st, hl, text, 0, NULL);
}

int store_note_replace(struct store *st, int64_t hl, const char *text, const char *expected)
{
	return note_write(st, hl, text, 1, expected);
}

struct store_deleted {
	int64_t id, article_id, start, end;
	char *quote, *prefix, *suffix, *original_quote, *body_sha, *created, *updated;
	int orphaned;
	int64_t *tags;
	char **tag_names;
	size_t ntags;
	char *note, *note_created, *note_updated;
	struct store_links links;
};

void store_deleted_free(struct store_deleted *d)
{
	if (!d)
		return;
	free(d->quote);
	free(d->prefix);
	free(d->suffix);
	free(d->original_quote);
	free(d->body_sha);
	free(d->created);
	free(d->updated);
	for (size_t i = 0; i < d->ntags; i++)
		free(d->tag_names[i]);
	free(d->tag_names);
	free(d->tags);
	free(d->note);
	free(d->note_created);
	free(d->note_updated);
	store_links_free(&d->links);
	free(d);
}

static void read_link(sqlite3_stmt *s, struct store_link *l)
{
	l->id = sqlite3_column_int64(s, 0);
	l->from_highlight = sqlite3_column_int64(s, 1);
	l->to_highlight = sqlite3_column_int64(s, 2);
	l->from_article = sqlite3_column_int64(s, 3);
	l->to_article = sqlite3_column_int64(s, 4);
	l->relation = col_strdup(s, 5);
	l->from_quote = col_strdup(s, 6);
	l->to_quote = col_strdup(s, 7);
	l->from_title = col_strdup(s, 8);
	l->to_title = col_strdup(s, 9);
	l->from_orphaned = sqlite3_column_int(s, 10);
	l->to_orphaned = sqlite3_column_int(s, 11);
	l->from_start = (size_t)sqlite3_column_int64(s, 12);
	l->to_start = (size_t)sqlite3_column_int64(s, 13);
	l->created = col_strdup(s, 14);
}

int store_link_list(struct store *st, int64_t article_id, int64_t hl, struct store_links *out)
{
	sqlite3_stmt *s = stmt(st, S_LINK_LIST);
	int rc;

	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, hl);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_link l;
		read_link(s, &l);
		VEC_PUSH(out, l);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot list links");
		return -1;
	}
	return 0;
}

void store_links_free(struct store_links *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		free(v->v[i].relation);
		free(v->v[i].from_quote);
		free(v->v[i].to_quote);
		free(v->v[i].from_title);
		free(v->v[i].to_title);
		free(v->v[i].created);
	}
	free(v->v);
	memset(v, 0, sizeof *v);
}

int store_highlight_delete(struct store *st, int64_t hl, struct store_deleted **undo)
{
	struct store_deleted *d = xcalloc(1, sizeof *d);
	sqlite3_stmt *s;
	int rc;

	*undo = NULL;
	if (store_begin(st, "cannot delete annotation") != 0) {
		free(d);
		return -1;
	}
	if (store_check_hl_version(st, hl, "cannot delete annotation") != 0) {
		store_rollback(st);
		free(d);
		return -1;
	}
	s = stmt(st, S_HL_ROW);
	sqlite3_bind_int64(s, 1, hl);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		store_rollback(st);
		free(d);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	d->id = hl;
	d->article_id = sqlite3_column_int64(s, 0);
	d->start = sqlite3_column_int64(s, 1);
	d->end = sqlite3_column_int64(s, 2);
	d->quote = col_strdup(s, 3);
	d->prefix = col_strdup(s, 4);
	d->suffix = col_strdup(s, 5);
	d->original_quote = col_strdup(s, 6);
	d->body_sha = col_strdup(s, 7);
	d->orphaned = sqlite3_column_int(s, 8);
	d->created = col_strdup(s, 9);
	d->updated = col_strdup(s, 10);
	sqlite3_reset(s);
	s = stmt(st, S_HL_TAG_IDS);
	sqlite3_bind_int64(s, 1, hl);
	while (sqlite3_step(s) == SQLITE_ROW) {
		d->tags = xreallocarray(d->tags, d->ntags + 1, sizeof *d->tags);
		d->tag_names = xreallocarray(d->tag_names, d->ntags + 1, sizeof *d->tag_names);
		d->tags[d->ntags] = sqlite3_column_int64(s, 0);
		d->tag_names[d->ntags++] = col_strdup(s, 1);
	}
	sqlite3_reset(s);
	s = stmt(st, S_NOTE_GET);
	sqlite3_bind_int64(s, 1, hl);
	if (sqlite3_step(s) == SQLITE_ROW) {
		d->note = col_strdup(s, 0);
		d->note_created = col_strdup(s, 1);
		d->note_updated = col_strdup(s, 2);
	}
	sqlite3_reset(s);
	if (store_link_list(st, 0, hl, &d->links) != 0)
		goto fail;
	s = stmt(st, S_HL_DELETE);
	sqlite3_bind_int64(s, 1, hl);
	if (step_done(st, s, "cannot delete annotation") != 0 ||
	    store_commit(st, "cannot delete annotation") != 0)
		goto fail;
	*undo = d;
	return 0;
fail:
	store_rollback(st);
	store_deleted_free(d);
	return -1;
}

/* Is the statement's failure a constraint (a key to a row deleted
 * meanwhile), which an undo reports and goes on past? */
static int constraint_failed(struct store *st)
{
	return (sqlite3_extended_errcode(st->core.db) & 0xff) == SQLITE_CONSTRAINT;
}

static int hl_exists(struct store *st, int64_t id)
{
	sqlite3_stmt *s = stmt(st, S_HL_EXISTS);
	int rc;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return rc;
}

int store_highlight_restore(struct store *st, const struct store_deleted *d, char **missed)
{
	struct buf miss = {0};
	sqlite3_stmt *s;
	size_t i;

	*missed = NULL;
	if (store_begin(st, "cannot undo") != 0)
		return -1;
	/* Its offsets are into the text it was deleted from. */
	if (d->body_sha && store_check_article_version(st, d->article_id, d->body_sha, "cannot undo") != 0) {
		store_rollback(st);
		return -1;
	}
	s = stmt(st, S_HL_RESTORE);
	sqlite3_bind_int64(s, 1, d->id);
	sqlite3_bind_int64(s, 2, d->article_id);
	sqlite3_bind_int64(s, 3, d->start);
	sqlite3_bind_int64(s, 4, d->end);
	bind_text(s, 5, d->quote);
	bind_text(s, 6, d->prefix);
	bind_text(s, 7, d->suffix);
	bind_text(s, 8, d->original_quote);
	bind_text(s, 9, d->body_sha);
	sqlite3_bind_int(s, 10, d->orphaned);
	bind_text(s, 11, d->created);
	bind_text(s, 12, d->updated);
	if (step_done(st, s, "cannot undo") != 0) {
		/* Ids are never reused, so a taken id is this annotation, back
		 * already; a missing article was deleted meanwhile. */
		if (constraint_failed(st))
			snprintf(st->core.errbuf, sizeof st->core.errbuf, "%s",
			         hl_exists(st, d->id) ? "cannot undo: the annotation is back already"
			                              : "cannot undo: its article was deleted meanwhile");
		goto fail;
	}
	/* What went with the annotation comes back with it, except what was
	 * deleted meanwhile: that is said, and the rest is kept. */
	for (i = 0; i < d->ntags; i++) {
		s = stmt(st, S_HL_TAG_ON);
		sqlite3_bind_int64(s, 1, d->id);
		sqlite3_bind_int64(s, 2, d->tags[i]);
		if (sqlite3_step(s) != SQLITE_DONE) {
			sqlite3_reset(s);
			if (!constraint_failed(st)) {
				store_set_err(st, "cannot undo");
				goto fail;
			}
			/* Deleted and made again under the same name: that tag. */
			if (d->tag_names[i]) {
				struct store_tag t;
				if (store_tag_by_name(st, d->tag_names[i], &t) == 0) {
					s = stmt(st, S_HL_TAG_ON);
					sqlite3_bind_int64(s, 1, d->id);
					sqlite3_bind_int64(s, 2, t.id);
					store_tag_clear(&t);
					if (step_done(st, s, "cannot undo") != 0)
						goto fail;
					continue;
				}
			}
			buf_printf(&miss, "%stag '%s' (deleted meanwhile)", miss.len ? ", " : "",
			           d->tag_names[i] ? d->tag_names[i] : "?");
			continue;
		}
		sqlite3_reset(s);
	}
	if (d->note) {
		s = stmt(st, S_NOTE_RESTORE);
		sqlite3_bind_int64(s, 1, d->id);
		bind_text(s, 2, d->note);
		bind_text(s, 3, d->note_created);
		bind_text(s, 4, d->note_updated);
		if (step_done(st, s, "cannot undo") != 0)
			goto fail;
	}
	for (i = 0; i < d->links.n; i++) {
		const struct store_link *l = &d->links.v[i];
		int64_t other = l->from_highlight == d->id ? l->to_highlight : l->from_highlight;
		s = stmt(st, S_LINK_RESTORE);
		sqlite3_bind_int64(s, 1, l->id);
		sqlite3_bind_int64(s, 2, l->from_highlight);
		sqlite3_bind_int64(s, 3, l->to_highlight);
		bind_text(s, 4, l->relation);
		bind_text(s, 5, l->created);
		if (sqlite3_step(s) != SQLITE_DONE) {
			sqlite3_reset(s);
			if (!constraint_failed(st)) {
				store_set_err(st, "cannot undo");
				goto fail;
			}
			buf_printf(&miss, "%slink %lld to annotation %lld (%s)", miss.len ? ", " : "",
			           (long long)l->id, (long long)other,
			           hl_exists(st, other) ? "its id is taken" : "deleted meanwhile");
			continue;
		}
		sqlite3_reset(s);
	}
	if (store_commit(st, "cannot undo") != 0)
		goto fail;
	if (miss.len)
		*missed = buf_steal(&miss);
	return 0;
fail:
	buf_free(&miss);
	store_rollback(st);
	return -1;
}

/* 1 when highlight hl exists, 0 when not, -1 on error. */
static int highlight_exists(struct store *st, int64_t hl, const char *what)
{
	sqlite3_stmt *s = stmt(st, S_HL_EXISTS);
	int rc;

	sqlite3_bind_int64(s, 1, hl);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_err(st, what);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW;
}

int64_t store_link_add(struct store *st, int64_t from, int64_t to, const char *relation,
                       int *existed)
{
	sqlite3_stmt *s;
	int64_t id = 0, ids[2] = {from, to};
	int rc, i;

	if (!relation || !*relation)
		relation = "see-also";
	if (existed)
		*existed = 0;
	if (from == to) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf,
		         "cannot link annotation %lld to itself: a link joins two passages", (long long)from);
		return -1;
	}
	if (store_relation_problem(relation)) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "cannot link: %s",
		         store_relation_problem(relation));
		return -1;
	}
	if (store_begin(st, "cannot link") != 0)
		return -1;
	for (i = 0; i < 2; i++) {
		rc = highlight_exists(st, ids[i], "cannot link");
		if (rc > 0 && store_check_hl_version(st, ids[i], "cannot link") != 0) {
			store_rollback(st);
			return -1;
		}
		if (rc <= 0) {
			if (rc == 0)
				snprintf(st->core.errbuf, sizeof st->core.errbuf,
				         "cannot link: no annotation %lld", (long long)ids[i]);
			store_rollback(st);
			return -1;
		}
	}
	/* One link per pair and relation: the one there is, whichever way
	 * round it was made. */
	s = stmt(st, S_LINK_FIND);
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	bind_text(s, 3, relation);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_err(st, "cannot link");
		store_rollback(st);
		return -1;
	}
	if (id > 0) {
		store_rollback(st);
		if (existed)
			*existed = 1;
		return id;
	}
	s = stmt(st, S_LINK_INSERT);
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	bind_text(s, 3, relation);
	if (step_done(st, s, "cannot link") != 0) {
		store_rollback(st);
		return -1;
	}
	id = sqlite3_last_insert_rowid(st->core.db);
	if (store_commit(st, "cannot link") != 0) {
		store_rollback(st);
		return -1;
	}
	return id;
}

int store_link_delete(struct store *st, int64_t id)
{
	sqlite3_stmt *s = stmt(st, S_LINK_DELETE);
	sqlite3_bind_int64(s, 1, id);
	return store_change1(st, s, "cannot unlink");
}

