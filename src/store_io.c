/* store_io.c — the store module's bulk side: reading every row of a
 * library in one consistent pass (for the JSON backup) and putting a backup
 * back in one transaction (restore).  Like store.c, every statement is
 * prepared and bound; nothing a file or a user wrote is spliced into SQL.
 *
 * Restore rules: an id from the file is kept when it is free, so a backup
 * restored into an empty library is the same library, ids and all; when it
 * is taken the row gets a new id and the rows that refer to it follow.
 * Into a library that already has things, restore adds what is missing:
 * an article with the same raw bytes (raw_sha) is the same article, a tag
 * or an entity with the same name is the same, a highlight of a matched
 * article over the same range and quote is the same, and a link with the
 * same ends and relation is the same.  Restoring a file twice changes
 * nothing the second time. */
#include "config.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/anchor.h"
#include "gloss/date.h"
#include "gloss/import.h"
#include "gloss/ner.h"
#include "gloss/store.h"
#include "gloss/store_io.h"
#include "gloss/util.h"
#include "store_internal.h"

/* "The id from the file when it is free, else NULL (a new one)": ?1. */
#define FREE_ID(table) \
	"CASE WHEN ?1 > 0 AND NOT EXISTS (SELECT 1 FROM " table " WHERE id = ?1) THEN ?1 END"

#define IO_STMTS(X)                                                                            \
	X(D_TAGS, "SELECT id, name, key, colour FROM tag ORDER BY id")                             \
	X(D_ENTITIES, "SELECT id, label, canonical FROM entity ORDER BY id")                       \
	X(D_ARTICLES,                                                                              \
	  "SELECT id, title, outlet, byline, published, dateline, url, source, words,"            \
	  " imported_at, updated_at, manual,"                                                      \
	  " coalesce((SELECT p.read_pos FROM article_place p WHERE p.article_id = article.id), 0)," \
	  " raw_sha, body_sha, body, raw, published_as, lang FROM article ORDER BY id")            \
	X(D_ENTITY_RULES, "SELECT label, key, entity_id FROM entity_rule ORDER BY label, key")     \
	X(D_MENTIONS, "SELECT article_id, spans, entity_id, surface FROM mention"                  \
	              " ORDER BY article_id")                                                      \
	X(D_HIGHLIGHTS,                                                                            \
	  "SELECT h.id, h.article_id, h.start, h.end, h.quote, h.prefix, h.suffix,"               \
	  " h.original_quote, h.body_sha, h.orphaned, h.created, h.updated,"                       \
	  " n.id, n.body, n.created, n.updated"                                                    \
	  " FROM highlight h LEFT JOIN note n ON n.highlight_id = h.id ORDER BY h.id")            \
	X(D_HL_TAGS, "SELECT ht.highlight_id, t.name FROM highlight_tag ht"                        \
	             " JOIN tag t ON t.id = ht.tag_id ORDER BY ht.highlight_id, t.name")           \
	X(D_LINKS, "SELECT id, from_highlight, to_highlight, relation, created FROM link"          \
	           " ORDER BY id")                                                                 \
	X(D_CORRECTIONS, "SELECT id, kind, text, label, created FROM correction ORDER BY id")      \
	X(R_CORRECTION_FIND, "SELECT id FROM correction WHERE kind = ?1 AND text = ?2"             \
	                     " AND label IS ?3 LIMIT 1")                                           \
	X(R_CORRECTION_INSERT, "INSERT INTO correction(kind, text, label, created)"                \
	                       " VALUES (?1, ?2, ?3, ?4)")                                         \
	X(R_TAG_BY_NAME, "SELECT id FROM tag WHERE name = ?1")                                     \
	X(R_TAG_INSERT,                                                                            \
	  "INSERT INTO tag(id, name, key, colour) VALUES (" FREE_ID("tag") ", ?2,"                 \
	  " CASE WHEN ?3 BETWEEN 1 AND 9 AND NOT EXISTS (SELECT 1 FROM tag WHERE key = ?3)"        \
	  " THEN ?3 END, ?4)")                                                                     \
	X(R_ENTITY_FIND, "SELECT id FROM entity WHERE label = ?1 AND canonical = ?2")              \
	X(R_ENTITY_INSERT,                                                                         \
	  "INSERT INTO entity(id, label, canonical) VALUES (" FREE_ID("entity") ", ?2, ?3)")      \
	X(R_ARTICLE_BY_RAW, "SELECT id FROM article WHERE raw_sha = ?1 ORDER BY id LIMIT 1")       \
	X(R_ARTICLE_BODY, "SELECT body, body_sha FROM article WHERE id = ?1")                      \
	X(R_SOURCE_TAKEN, "SELECT 1 FROM article WHERE source = ?1")                               \
	X(R_ARTICLE_INSERT,                                                                        \
	  "INSERT INTO article(id, title, outlet, byline, published, dateline, url, source,"       \
	  " words, imported_at, updated_at, manual, raw_sha, body_sha, body, raw,"                 \
	  " published_as, lang)"                                                                   \
	  " VALUES (" FREE_ID("article") ", ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"        \
	  " ?13, ?14, ?15, ?16, ?17, ?18)")                                                        \
	X(R_ARTICLE_PLACE, "INSERT INTO article_place(article_id, read_pos) VALUES (?1, ?2)"       \
	  " ON CONFLICT(article_id) DO UPDATE SET read_pos = excluded.read_pos")                  \
	X(R_ARTICLE_FTS, "INSERT INTO article_fts(rowid, title, body)"                             \
	                 " SELECT id, title, body FROM article WHERE id = ?1")                     \
	X(R_MENTION_INSERT,                                                                        \
	  "INSERT INTO mention(article_id, entity_id, surface, n, spans)"                          \
	  " VALUES (?1, ?4, ?5, 1, ?2 || ':' || (?3 - ?2))"                                        \
	  " ON CONFLICT DO UPDATE SET n = n + 1, spans = spans || ',' || excluded.spans")          \
	X(R_RULE_INSERT, "INSERT OR IGNORE INTO entity_rule(label, key, entity_id)"                \
	                 " VALUES (?1, ?2, ?3)")                                                   \
	/* The counts in one pass over table mention (no index of it is    \
	 * filed by entity): zero, then each entity's sums. */              \
	X(R_ENTITY_COUNTS_ZERO, "UPDATE entity SET mentions = 0, articles = 0")                    \
	X(R_ENTITY_COUNTS,                                                                         \
	  "UPDATE entity SET mentions = c.n, articles = c.a FROM (SELECT entity_id,"               \
	  " sum(n) AS n, count(DISTINCT article_id) AS a FROM mention GROUP BY entity_id) AS c"    \
	  " WHERE entity.id = c.entity_id")                                                        \
	X(R_HL_FIND, "SELECT id FROM highlight WHERE article_id = ?1 AND start = ?2 AND end = ?3" \
	             " AND quote = ?4 ORDER BY id LIMIT 1")                                        \
	X(R_HL_INSERT,                                                                             \
	  "INSERT INTO highlight(id, article_id, start, end, quote, prefix, suffix,"              \
	  " original_quote, body_sha, orphaned, created, updated) VALUES (" FREE_ID("highlight")   \
	  ", ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")                                      \
	X(R_HL_TAG, "INSERT OR IGNORE INTO highlight_tag(highlight_id, tag_id) VALUES (?1, ?2)")   \
	X(R_NOTE_EXISTS, "SELECT 1 FROM note WHERE highlight_id = ?1")                             \
	X(R_NOTE_INSERT,                                                                           \
	  "INSERT INTO note(id, highlight_id, body, created, updated) VALUES (" FREE_ID("note")    \
	  ", ?2, ?3, ?4, ?5)")                                                                     \
	X(R_LINK_FIND, "SELECT id FROM link WHERE min(from_highlight, to_highlight) = min(?1, ?2)" \
	               " AND max(from_highlight, to_highlight) = max(?1, ?2)"                      \
	               " AND relation = ?3 LIMIT 1")                                               \
	X(R_LINK_INSERT,                                                                           \
	  "INSERT INTO link(id, from_highlight, to_highlight, relation, created) VALUES ("         \
	  FREE_ID("link") ", ?2, ?3, ?4, ?5)")

enum io_stmt {
#define IO_ENUM(name, sql) name,
	IO_STMTS(IO_ENUM)
#undef IO_ENUM
	IO_NSTMTS
};

static const char *const io_sql[IO_NSTMTS] = {
#define IO_SQL(name, sql) sql,
	IO_STMTS(IO_SQL)
#undef IO_SQL
};

/* Statements live only as long as one dump or one restore: these are
 * rare, whole-library operations. */
struct io_stmts {
	sqlite3_stmt *s[IO_NSTMTS];
};

static sqlite3_stmt *io_stmt(struct store *st, struct io_stmts *ss, enum io_stmt i)
{
	if (!ss->s[i]) {
		if (sqlite3_prepare_v2(STORE_CORE(st)->db, io_sql[i], -1, &ss->s[i], NULL) != SQLITE_OK)
			fatal("internal SQL error in backup statement %d: %s", (int)i,
			      sqlite3_errmsg(STORE_CORE(st)->db));
	} else {
		sqlite3_reset(ss->s[i]);
		sqlite3_clear_bindings(ss->s[i]);
	}
	return ss->s[i];
}

static void io_stmts_free(struct io_stmts *ss)
{
	size_t i;

	for (i = 0; i < IO_NSTMTS; i++)
		sqlite3_finalize(ss->s[i]);
	memset(ss, 0, sizeof *ss);
}

static struct store_io_text col_text(sqlite3_stmt *s, int i)
{
	struct store_io_text t = {NULL, 0};

	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return t;
	t.s = (const char *)sqlite3_column_text(s, i);
	t.len = (size_t)sqlite3_column_bytes(s, i);
	if (!t.s)
		t.s = "";
	return t;
}

static void bind_t(sqlite3_stmt *s, int i, struct store_io_text t)
{
	if (t.s)
		sqlite3_bind_text(s, i, t.s, (int)t.len, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static void io_err(struct store *st, const char *fmt, ...) GLOSS_PRINTF(2, 3);
static void io_err(struct store *st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(STORE_CORE(st)->errbuf, sizeof STORE_CORE(st)->errbuf, fmt, ap);
	va_end(ap);
}

/* --- dump --- */

static int io_mention_order(const void *a, const void *b)
{
	const struct store_io_mention *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* An article's mentions by start; surf[i] stays the copy mv[i] holds. */
static void sort_mentions(struct store_io_mention *mv, char **surf, size_t n)
{
	size_t i;

	if (!n)
		return;
	qsort(mv, n, sizeof *mv, io_mention_order);
	for (i = 0; i < n; i++)
		surf[i] = (char *)mv[i].surface.s;
}

static int dump_rows(struct store *st, struct io_stmts *ss, const struct store_io_visitor *v,
                     void *ctx)
{
	sqlite3_stmt *s, *m, *ht;
	int rc, mrc, hrc, r;

	if (v->section && (r = v->section(ctx, "tags")) != 0)
		return r;
	s = io_stmt(st, ss, D_TAGS);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_io_tag t;
		t.id = sqlite3_column_int64(s, 0);
		t.name = col_text(s, 1);
		t.key = sqlite3_column_int(s, 2);
		t.colour = col_text(s, 3);
		if (v->tag && (r = v->tag(ctx, &t)) != 0)
			return r;
	}
	if (rc != SQLITE_DONE)
		return -1;

	if (v->section && (r = v->section(ctx, "entities")) != 0)
		return r;
	s = io_stmt(st, ss, D_ENTITIES);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_io_entity e;
		e.id = sqlite3_column_int64(s, 0);
		e.label = col_text(s, 1);
		e.canonical = col_text(s, 2);
		if (v->entity && (r = v->entity(ctx, &e)) != 0)
			return r;
	}
	if (rc != SQLITE_DONE)
		return -1;

	if (v->section && (r = v->section(ctx, "entity_rules")) != 0)
		return r;
	s = io_stmt(st, ss, D_ENTITY_RULES);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_io_entity_rule e;
		e.label = col_text(s, 0);
		e.key = col_text(s, 1);
		e.entity_id = sqlite3_column_int64(s, 2);
		if (v->entity_rule && (r = v->entity_rule(ctx, &e)) != 0)
			return r;
	}
	if (rc != SQLITE_DONE)
		return -1;

	/* Articles, with their mentions merged in from a second cursor in
	 * the same order: one query, not one per article. */
	if (v->section && (r = v->section(ctx, "articles")) != 0)
		return r;
	s = io_stmt(st, ss, D_ARTICLES);
	m = io_stmt(st, ss, D_MENTIONS);
	mrc = sqlite3_step(m);
	{
		struct store_io_mention *mv = NULL;
		char **surf = NULL;
		size_t mn = 0, mcap = 0, q;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct store_io_article a;
			a.id = sqlite3_column_int64(s, 0);
			a.title = col_text(s, 1);
			a.outlet = col_text(s, 2);
			a.byline = col_text(s, 3);
			a.published = col_text(s, 4);
			a.dateline = col_text(s, 5);
			a.url = col_text(s, 6);
			a.source = col_text(s, 7);
			a.words = sqlite3_column_int64(s, 8);
			a.imported_at = col_text(s, 9);
			a.updated_at = col_text(s, 10);
			a.manual = sqlite3_column_int64(s, 11);
			a.read_pos = sqlite3_column_int64(s, 12);
			a.raw_sha = col_text(s, 13);
			a.body_sha = col_text(s, 14);
			a.body = col_text(s, 15);
			a.raw = sqlite3_column_blob(s, 16);
			a.raw_len = (size_t)sqlite3_column_bytes(s, 16);
			a.published_as = col_text(s, 17);
			a.lang = col_text(s, 18);
			if (!a.raw)
				a.raw = (const unsigned char *)"";
			for (q = 0; q < mn; q++)
				free(surf[q]);
			mn = 0;
			/* Rows of articles that no longer exist cannot occur
			 * (foreign keys), but skip any below this id all the same.
			 * The cursor's text changes when it steps: copy. */
			while (mrc == SQLITE_ROW && sqlite3_column_int64(m, 0) <= a.id) {
				const char *spans = (const char *)sqlite3_column_text(m, 1);
				size_t ms, me;
				while (sqlite3_column_int64(m, 0) == a.id &&
				       store_spans_next(&spans, &ms, &me)) {
					struct store_io_mention x;
					x.start = (int64_t)ms;
					x.end = (int64_t)me;
					x.entity_id = sqlite3_column_int64(m, 2);
					x.surface = col_text(m, 3);
					if (mn == mcap) {
						mcap = mcap ? mcap * 2 : 64;
						mv = xreallocarray(mv, mcap, sizeof *mv);
						surf = xreallocarray(surf, mcap, sizeof *surf);
					}
					/* One copy a mention: each is freed alone. */
					surf[mn] = x.surface.s ? xstrndup(x.surface.s, x.surface.len) : NULL;
					x.surface.s = surf[mn];
					mv[mn++] = x;
				}
				mrc = sqlite3_step(m);
			}
			sort_mentions(mv, surf, mn);
			a.mentions = mv;
			a.nmentions = mn;
			if (v->article && (r = v->article(ctx, &a)) != 0)
				break;
			r = 0;
		}
		for (q = 0; q < mn; q++)
			free(surf[q]);
		free(surf);
		free(mv);
		if (rc == SQLITE_ROW)
			return r;
	}
	if (rc != SQLITE_DONE || (mrc != SQLITE_ROW && mrc != SQLITE_DONE))
		return -1;

	if (v->section && (r = v->section(ctx, "highlights")) != 0)
		return r;
	s = io_stmt(st, ss, D_HIGHLIGHTS);
	ht = io_stmt(st, ss, D_HL_TAGS);
	hrc = sqlite3_step(ht);
	{
		struct store_io_text *tv = NULL;
		char **owned = NULL;
		size_t tn = 0, tcap = 0, i;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct store_io_highlight h;
			h.id = sqlite3_column_int64(s, 0);
			h.article_id = sqlite3_column_int64(s, 1);
			h.start = sqlite3_column_int64(s, 2);
			h.end = sqlite3_column_int64(s, 3);
			h.quote = col_text(s, 4);
			h.prefix = col_text(s, 5);
			h.suffix = col_text(s, 6);
			h.original_quote = col_text(s, 7);
			h.body_sha = col_text(s, 8);
			h.orphaned = sqlite3_column_int64(s, 9);
			h.created = col_text(s, 10);
			h.updated = col_text(s, 11);
			h.has_note = sqlite3_column_type(s, 12) != SQLITE_NULL;
			h.note_id = sqlite3_column_int64(s, 12);
			h.note = col_text(s, 13);
			h.note_created = col_text(s, 14);
			h.note_updated = col_text(s, 15);
			for (i = 0; i < tn; i++)
				free(owned[i]);
			tn = 0;
			/* The tag cursor's text changes when it steps: copy. */
			while (hrc == SQLITE_ROW && sqlite3_column_int64(ht, 0) <= h.id) {
				if (sqlite3_column_int64(ht, 0) == h.id) {
					struct store_io_text t = col_text(ht, 1);
					if (tn == tcap) {
						tcap = tcap ? tcap * 2 : 8;
						tv = xreallocarray(tv, tcap, sizeof *tv);
						owned = xreallocarray(owned, tcap, sizeof *owned);
					}
					owned[tn] = xstrndup(t.s ? t.s : "", t.len);
					tv[tn].s = owned[tn];
					tv[tn].len = t.len;
					tn++;
				}
				hrc = sqlite3_step(ht);
			}
			h.tags = tv;
			h.ntags = tn;
			if (v->highlight && (r = v->highlight(ctx, &h)) != 0)
				break;
			r = 0;
		}
		for (i = 0; i < tn; i++)
			free(owned[i]);
		free(owned);
		free(tv);
		if (rc == SQLITE_ROW)
			return r;
	}
	if (rc != SQLITE_DONE || (hrc != SQLITE_ROW && hrc != SQLITE_DONE))
		return -1;

	if (v->section && (r = v->section(ctx, "links")) != 0)
		return r;
	s = io_stmt(st, ss, D_LINKS);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_io_link l;
		l.id = sqlite3_column_int64(s, 0);
		l.from_highlight = sqlite3_column_int64(s, 1);
		l.to_highlight = sqlite3_column_int64(s, 2);
		l.relation = col_text(s, 3);
		l.created = col_text(s, 4);
		if (v->link && (r = v->link(ctx, &l)) != 0)
			return r;
	}
	if (rc != SQLITE_DONE)
		return -1;

	if (v->section && (r = v->section(ctx, "corrections")) != 0)
		return r;
	s = io_stmt(st, ss, D_CORRECTIONS);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_io_correction c;
		c.id = sqlite3_column_int64(s, 0);
		c.kind = col_text(s, 1);
		c.text = col_text(s, 2);
		c.label = col_text(s, 3);
		c.created = col_text(s, 4);
		if (v->correction && (r = v->correction(ctx, &c)) != 0)
			return r;
	}
	if (rc != SQLITE_DONE)
		return -1;
	if ((r = store_io_feed_dump(st, v, ctx)) != 0)
		return r;
	if (v->section && (r = v->section(ctx, NULL)) != 0)
		return r;
	return 0;
}

int store_io_dump(struct store *st, const struct store_io_visitor *v, void *ctx)
{
	struct io_stmts ss = {{0}};
	sqlite3 *db = STORE_CORE(st)->db;
	int rc, began;

	STORE_CORE(st)->errbuf[0] = '\0';
	/* One read transaction: the backup is one moment of the library even
	 * when another gloss writes meanwhile. */
	began = sqlite3_get_autocommit(db) && sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	rc = dump_rows(st, &ss, v, ctx);
	if (rc == -1 && !STORE_CORE(st)->errbuf[0])
		store_set_err(st, "cannot read the library");
	io_stmts_free(&ss);
	if (began)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

/* --- restore --- */

/* int64 → int64 with a flag, open addressing: the file's ids to the
 * database's. */
struct id_map {
	struct id_slot { int64_t key, val; int used, flag; } *v;
	size_t cap, n;
};

static size_t id_hash(int64_t k, size_t cap)
{
	uint64_t x = (uint64_t)k * 0x9e3779b97f4a7c15ull;
	return (size_t)(x ^ (x >> 29)) & (cap - 1);
}

static void id_map_put(struct id_map *m, int64_t key, int64_t val, int flag);

static void id_map_grow(struct id_map *m)
{
	struct id_map old = *m;
	size_t i;

	m->cap = old.cap ? old.cap * 2 : 256;
	m->v = xcalloc(m->cap, sizeof *m->v);
	m->n = 0;
	for (i = 0; i < old.cap; i++)
		if (old.v[i].used)
			id_map_put(m, old.v[i].key, old.v[i].val, old.v[i].flag);
	free(old.v);
}

static void id_map_put(struct id_map *m, int64_t key, int64_t val, int flag)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		id_map_grow(m);
	for (i = id_hash(key, m->cap); m->v[i].used && m->v[i].key != key; i = (i + 1) & (m->cap - 1))
		;
	if (!m->v[i].used)
		m->n++;
	m->v[i].used = 1;
	m->v[i].key = key;
	m->v[i].val = val;
	m->v[i].flag = flag;
}

static const struct id_slot *id_map_get(const struct id_map *m, int64_t key)
{
	size_t i;

	if (!m->cap)
		return NULL;
	for (i = id_hash(key, m->cap); m->v[i].used; i = (i + 1) & (m->cap - 1))
		if (m->v[i].key == key)
			return &m->v[i];
	return NULL;
}

struct store_io_restore {
	struct store *st;
	struct io_stmts ss;
	struct id_map entities, articles, highlights;
	struct store_io_stats stats;
	int64_t mentions_added;
	/* The texts of the last highlight check_anchor repaired. */
	struct anchor_selector fix_sel;
	char *fix_sha;
};

static int64_t step_insert(struct store_io_restore *r, sqlite3_stmt *s, const char *what);

struct store_io_restore *store_io_restore_begin(struct store *st)
{
	struct store_io_restore *r;

	if (store_begin(st, "cannot restore") != 0)
		return NULL;
	r = xcalloc(1, sizeof *r);
	r->st = st;
	return r;
}

int store_io_restore_end(struct store_io_restore *r, int commit, struct store_io_stats *stats)
{
	int rc = 0;

	/* The entity index keeps counts; bring them up to date once. */
	if (commit && r->mentions_added) {
		sqlite3_stmt *s = io_stmt(r->st, &r->ss, R_ENTITY_COUNTS_ZERO);
		if (step_insert(r, s, "cannot restore entities") < 0)
			rc = -1;
		s = io_stmt(r->st, &r->ss, R_ENTITY_COUNTS);
		if (rc == 0 && step_insert(r, s, "cannot restore entities") < 0)
			rc = -1;
	}
	io_stmts_free(&r->ss);
	if (commit && rc == 0 && store_commit(r->st, "cannot restore") != 0)
		rc = -1;
	if (!commit || rc != 0)
		store_rollback(r->st);
	if (stats)
		*stats = r->stats;
	free(r->entities.v);
	free(r->articles.v);
	free(r->highlights.v);
	anchor_selector_free(&r->fix_sel);
	free(r->fix_sha);
	free(r);
	return rc;
}

int64_t store_io_restore_article_id(const struct store_io_restore *r, int64_t backup_id,
                                    int *added)
{
	const struct id_slot *a = id_map_get(&r->articles, backup_id);

	*added = a && !a->flag;
	return a ? a->val : 0;
}

/* Step a statement that returns at most one id: 1 found (*id set), 0 none,
 * -1 error. */
static int step_id(struct store_io_restore *r, sqlite3_stmt *s, int64_t *id, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		if (id)
			*id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return 1;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	store_set_err(r->st, what);
	return -1;
}

/* Run an INSERT: the new row's id, or -1. */
static int64_t step_insert(struct store_io_restore *r, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_set_err(r->st, what);
		return -1;
	}
	return sqlite3_last_insert_rowid(STORE_CORE(r->st)->db);
}

/* Does the text hold a NUL byte?  (Texts are not NUL-terminated.) */
static int has_nul(struct store_io_text t)
{
	return t.s && memchr(t.s, 0, t.len) != NULL;
}

/* The same rule as gloss tag add (store_tag_problem): a backup cannot
 * bring in a tag the command line would refuse. */
static int valid_tag(struct store_io_restore *r, struct store_io_text n, struct store_io_text c,
                     int64_t id)
{
	const char *why;
	char *name = n.s ? xstrndup(n.s, n.len) : NULL, *colour = c.s ? xstrndup(c.s, c.len) : NULL;

	if (has_nul(n))
		why = "a tag name cannot hold NUL";
	else if (has_nul(c))
		why = "a tag colour cannot hold NUL";
	else
		why = store_tag_problem(name, colour);
	free(name);
	free(colour);
	if (why) {
		io_err(r->st, "tag %lld: %s", (long long)id, why);
		return 0;
	}
	return 1;
}

/* The id of the tag with this name, made when missing. */
static int64_t tag_id(struct store_io_restore *r, struct store_io_text name, int key,
                      struct store_io_text colour, int64_t want_id, int count)
{
	sqlite3_stmt *s;
	int64_t id;
	int rc;

	if (!valid_tag(r, name, colour, want_id))
		return -1;
	s = io_stmt(r->st, &r->ss, R_TAG_BY_NAME);
	bind_t(s, 1, name);
	rc = step_id(r, s, &id, "cannot restore tags");
	if (rc < 0)
		return -1;
	if (rc == 1) {
		r->stats.tags_matched += count;
		return id;
	}
	s = io_stmt(r->st, &r->ss, R_TAG_INSERT);
	sqlite3_bind_int64(s, 1, want_id);
	bind_t(s, 2, name);
	sqlite3_bind_int(s, 3, key);
	bind_t(s, 4, colour);
	id = step_insert(r, s, "cannot restore tags");
	if (id > 0)
		r->stats.tags_added++;
	return id;
}

int store_io_restore_tag(struct store_io_restore *r, const struct store_io_tag *t)
{
	return tag_id(r, t->name, t->key, t->colour, t->id, 1) > 0 ? 0 : -1;
}

int store_io_restore_entity(struct store_io_restore *r, const struct store_io_entity *e)
{
	sqlite3_stmt *s;
	int64_t id;
	int rc;

	if (!e->label.s || !e->canonical.s || ner_label_from_name(e->label.s) < 0 ||
	    strlen(e->label.s) != e->label.len) {
		io_err(r->st, "entity %lld: not a known label", (long long)e->id);
		return -1;
	}
	s = io_stmt(r->st, &r->ss, R_ENTITY_FIND);
	bind_t(s, 1, e->label);
	bind_t(s, 2, e->canonical);
	rc = step_id(r, s, &id, "cannot restore entities");
	if (rc < 0)
		return -1;
	if (rc == 0) {
		s = io_stmt(r->st, &r->ss, R_ENTITY_INSERT);
		sqlite3_bind_int64(s, 1, e->id);
		bind_t(s, 2, e->label);
		bind_t(s, 3, e->canonical);
		if ((id = step_insert(r, s, "cannot restore entities")) < 0)
			return -1;
		r->stats.entities_added++;
	}
	id_map_put(&r->entities, e->id, id, 0);
	return 0;
}

static int need_text(struct store_io_restore *r, struct store_io_text t, const char *what,
                     int64_t id)
{
	if (t.s && t.len <= INT_MAX)
		return 1;
	io_err(r->st, "%s %lld: a required text is missing or too long", what, (long long)id);
	return 0;
}

int store_io_restore_article(struct store_io_restore *r, const struct store_io_article *a)
{
	char raw_sha[65], body_sha[65];
	struct store_io_text source = a->source;
	sqlite3_stmt *s;
	int64_t id;
	size_t i;
	int rc;

	if (!need_text(r, a->title, "article", a->id) || !need_text(r, a->body, "article", a->id) ||
	    !need_text(r, a->imported_at, "article", a->id) ||
	    !need_text(r, a->updated_at, "article", a->id))
		return -1;
	if (a->raw_len > INT_MAX) {
		io_err(r->st, "article %lld: text too large", (long long)a->id);
		return -1;
	}
	/* Text the command line and import can never make: a NUL inside. */
	{
		const struct store_io_text *f[] = {&a->title, &a->body, &a->outlet, &a->byline,
		                                   &a->published, &a->dateline, &a->url, &a->source};
		static const char *const name[] = {"title", "text", "outlet", "byline",
		                                   "date", "dateline", "URL", "source path"};
		for (size_t k = 0; k < ARRAY_SIZE(f); k++) {
			if (has_nul(*f[k])) {
				io_err(r->st, "article %lld: its %s holds a NUL byte", (long long)a->id,
				       name[k]);
				return -1;
			}
		}
	}
	/* The hashes are what matching and re-anchoring trust: they must be
	 * the hashes of the text in the file. */
	util_sha256_hex(a->raw, a->raw_len, raw_sha);
	util_sha256_hex(a->body.s, a->body.len, body_sha);
	if ((a->raw_sha.s && (a->raw_sha.len != 64 || memcmp(a->raw_sha.s, raw_sha, 64) != 0)) ||
	    (a->body_sha.s && (a->body_sha.len != 64 || memcmp(a->body_sha.s, body_sha, 64) != 0))) {
		io_err(r->st, "article %lld: its text does not match its recorded SHA-256 "
		       "(the file was changed or damaged)", (long long)a->id);
		return -1;
	}
	s = io_stmt(r->st, &r->ss, R_ARTICLE_BY_RAW);
	sqlite3_bind_text(s, 1, raw_sha, 64, SQLITE_TRANSIENT);
	rc = step_id(r, s, &id, "cannot restore articles");
	if (rc < 0)
		return -1;
	if (rc == 1) {
		id_map_put(&r->articles, a->id, id, 1);
		r->stats.articles_matched++;
		return 0;
	}
	/* Another text already came from this source (the article was
	 * re-imported since the backup): keep both, this one without the
	 * path, which belongs to the newer text. */
	if (source.s) {
		s = io_stmt(r->st, &r->ss, R_SOURCE_TAKEN);
		bind_t(s, 1, source);
		rc = step_id(r, s, NULL, "cannot restore articles");
		if (rc < 0)
			return -1;
		if (rc == 1) {
			source.s = NULL;
			source.len = 0;
			r->stats.articles_unsourced++;
		}
	}
	s = io_stmt(r->st, &r->ss, R_ARTICLE_INSERT);
	sqlite3_bind_int64(s, 1, a->id);
	bind_t(s, 2, a->title);
	bind_t(s, 3, a->outlet);
	bind_t(s, 4, a->byline);
	bind_t(s, 18, a->lang);
	/* Dates are stored as ISO 8601: a backup from before that, or one
	 * written by hand, may hold a date as the source wrote it.  What is
	 * not a date stays in published_as, and is counted. */
	{
		char iso[DATE_ISO_MAX];
		if (!a->published.s) {
			sqlite3_bind_null(s, 5);
			bind_t(s, 17, a->published_as);
		} else if (date_to_iso(a->published.s, a->published.len, iso, sizeof iso) == 0) {
			sqlite3_bind_text(s, 5, iso, -1, SQLITE_TRANSIENT);
			if (a->published_as.s)
				bind_t(s, 17, a->published_as);
			else if (strlen(iso) == a->published.len &&
			         memcmp(iso, a->published.s, a->published.len) == 0)
				sqlite3_bind_null(s, 17);
			else
				bind_t(s, 17, a->published);
		} else {
			sqlite3_bind_null(s, 5);
			bind_t(s, 17, a->published_as.s ? a->published_as : a->published);
			r->stats.dates_unread++;
		}
	}
	bind_t(s, 6, a->dateline);
	bind_t(s, 7, a->url);
	bind_t(s, 8, source);
	sqlite3_bind_int64(s, 9, a->words);
	bind_t(s, 10, a->imported_at);
	bind_t(s, 11, a->updated_at);
	sqlite3_bind_int64(s, 12, a->manual);
	sqlite3_bind_text(s, 13, raw_sha, 64, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 14, body_sha, 64, SQLITE_TRANSIENT);
	bind_t(s, 15, a->body);
	sqlite3_bind_blob(s, 16, a->raw, (int)a->raw_len, SQLITE_STATIC);
	if ((id = step_insert(r, s, "cannot restore articles")) < 0)
		return -1;
	s = io_stmt(r->st, &r->ss, R_ARTICLE_FTS);
	sqlite3_bind_int64(s, 1, id);
	if (step_insert(r, s, "cannot restore the article index") < 0)
		return -1;
	if (a->read_pos) {
		s = io_stmt(r->st, &r->ss, R_ARTICLE_PLACE);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, a->read_pos);
		if (step_insert(r, s, "cannot restore the reading position") < 0)
			return -1;
	}
	id_map_put(&r->articles, a->id, id, 0);
	r->stats.articles_added++;
	for (i = 0; i < a->nmentions; i++) {
		const struct store_io_mention *m = &a->mentions[i];
		const struct id_slot *e = id_map_get(&r->entities, m->entity_id);
		if (!e || m->start < 0 || m->end < m->start || (size_t)m->end > a->body.len) {
			io_err(r->st, "article %lld: a mention refers to entity %lld, which is not in "
			       "the file, or lies outside the text", (long long)a->id,
			       (long long)m->entity_id);
			return -1;
		}
		s = io_stmt(r->st, &r->ss, R_MENTION_INSERT);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, m->start);
		sqlite3_bind_int64(s, 3, m->end);
		sqlite3_bind_int64(s, 4, e->val);
		/* Older backups may lack the surface: the text is in the body. */
		if (m->surface.s)
			bind_t(s, 5, m->surface);
		else
			sqlite3_bind_text(s, 5, a->body.s + m->start, (int)(m->end - m->start),
			                  SQLITE_STATIC);
		if (step_insert(r, s, "cannot restore mentions") < 0)
			return -1;
		r->mentions_added++;
	}
	/* Its document of entity ids (entity_fts), from the rows just put. */
	if (a->nmentions && store_entity_docs_remake(r->st, &id, 1, "cannot restore mentions") != 0)
		return -1;
	return 0;
}

int store_io_restore_entity_rule(struct store_io_restore *r,
                                 const struct store_io_entity_rule *e)
{
	const struct id_slot *ent = id_map_get(&r->entities, e->entity_id);
	sqlite3_stmt *s;

	if (!ent || !e->label.s || !e->key.s) {
		io_err(r->st, "an entity rule refers to entity %lld, which is not in the file",
		       (long long)e->entity_id);
		return -1;
	}
	s = io_stmt(r->st, &r->ss, R_RULE_INSERT);
	bind_t(s, 1, e->label);
	bind_t(s, 2, e->key);
	sqlite3_bind_int64(s, 3, ent->val);
	if (step_insert(r, s, "cannot restore entity rules") < 0)
		return -1;
	r->stats.entity_rules_added += sqlite3_changes(STORE_CORE(r->st)->db);
	return 0;
}

/* A highlight that is not orphaned must lie on its quote in the text it
 * is restored to; one that does not (a damaged or hand-made backup, or
 * one from a library whose highlight drifted) is re-anchored as a
 * re-import would: moved to where its quote is, or kept as orphaned, and
 * counted in the stats.  0 it is sound, 1 *fixed is the repaired row
 * (its texts live until the next call), -1 error. */
static int check_anchor(struct store_io_restore *r, const struct store_io_highlight *h,
                        int64_t article_id, struct store_io_highlight *fixed)
{
	struct anchor_selector sel, *made = &r->fix_sel;
	char **sha = &r->fix_sha;
	sqlite3_stmt *s = io_stmt(r->st, &r->ss, R_ARTICLE_BODY);
	const char *body;
	size_t len, ns = 0, ne = 0;
	enum anchor_how how;
	int rc;

	anchor_selector_free(made);
	free(*sha);
	*sha = NULL;
	sqlite3_bind_int64(s, 1, article_id);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		store_set_err(r->st, "cannot restore highlights");
		return -1;
	}
	body = (const char *)sqlite3_column_text(s, 0);
	len = (size_t)sqlite3_column_bytes(s, 0);
	if (body && (size_t)h->end <= len && h->end > h->start &&
	    (size_t)(h->end - h->start) == h->quote.len &&
	    memcmp(body + h->start, h->quote.s, h->quote.len) == 0) {
		sqlite3_reset(s);
		return 0;
	}
	*fixed = *h;
	sel.quote = xstrndup(h->quote.s, h->quote.len);
	sel.prefix = xstrndup(h->prefix.s, h->prefix.len);
	sel.suffix = xstrndup(h->suffix.s, h->suffix.len);
	how = body && h->quote.len ? anchor_resolve(body, len, &sel, (size_t)h->start < len
	                                                 ? (size_t)h->start : len, &ns, &ne)
	                           : ANCHOR_ORPHANED;
	if (how == ANCHOR_ORPHANED) {
		fixed->orphaned = 1;
		r->stats.highlights_orphaned++;
	} else {
		anchor_selector_make(body, len, ns, ne, made);
		*sha = xstrdup((const char *)sqlite3_column_text(s, 1));
		fixed->start = (int64_t)ns;
		fixed->end = (int64_t)ne;
		fixed->quote = (struct store_io_text){made->quote, strlen(made->quote)};
		fixed->prefix = (struct store_io_text){made->prefix, strlen(made->prefix)};
		fixed->suffix = (struct store_io_text){made->suffix, strlen(made->suffix)};
		if (!h->original_quote.s && (strlen(made->quote) != h->quote.len ||
		                             memcmp(made->quote, h->quote.s, h->quote.len) != 0))
			fixed->original_quote = h->quote;
		fixed->body_sha = (struct store_io_text){*sha, strlen(*sha)};
		r->stats.highlights_reanchored++;
	}
	sqlite3_reset(s);
	anchor_selector_free(&sel);
	return 1;
}

int store_io_restore_highlight(struct store_io_restore *r, const struct store_io_highlight *h)
{
	const struct id_slot *art = id_map_get(&r->articles, h->article_id);
	struct store_io_highlight fixed;
	sqlite3_stmt *s;
	int64_t id = 0;
	int rc = 0, matched = 0;
	size_t i;

	if (!art) {
		io_err(r->st, "highlight %lld: its article %lld is not in the file", (long long)h->id,
		       (long long)h->article_id);
		return -1;
	}
	if (!need_text(r, h->quote, "highlight", h->id) || !need_text(r, h->prefix, "highlight", h->id) ||
	    !need_text(r, h->suffix, "highlight", h->id) || !need_text(r, h->body_sha, "highlight", h->id) ||
	    !need_text(r, h->created, "highlight", h->id) || !need_text(r, h->updated, "highlight", h->id))
		return -1;
	if (h->start < 0 || h->end < h->start || (uint64_t)h->end > IMPORT_MAX_BYTES) {
		io_err(r->st, "highlight %lld: an invalid range %lld-%lld", (long long)h->id,
		       (long long)h->start, (long long)h->end);
		return -1;
	}
	if (has_nul(h->quote) || has_nul(h->prefix) || has_nul(h->suffix)) {
		io_err(r->st, "highlight %lld: its quote holds a NUL byte", (long long)h->id);
		return -1;
	}
	if (h->has_note && h->note.s &&
	    (h->note.len > STORE_NOTE_MAX || has_nul(h->note))) {
		io_err(r->st, "highlight %lld: its note is over the 1 MiB limit or holds a NUL byte",
		       (long long)h->id);
		return -1;
	}
	if (!h->orphaned) {
		rc = check_anchor(r, h, art->val, &fixed);
		if (rc < 0)
			return -1;
		if (rc > 0)
			h = &fixed;
	}
	if (art->flag) { /* the article was already there: so may the highlight be */
		s = io_stmt(r->st, &r->ss, R_HL_FIND);
		sqlite3_bind_int64(s, 1, art->val);
		sqlite3_bind_int64(s, 2, h->start);
		sqlite3_bind_int64(s, 3, h->end);
		bind_t(s, 4, h->quote);
		if ((rc = step_id(r, s, &id, "cannot restore highlights")) < 0)
			return -1;
		matched = rc == 1;
	}
	if (!matched) {
		s = io_stmt(r->st, &r->ss, R_HL_INSERT);
		sqlite3_bind_int64(s, 1, h->id);
		sqlite3_bind_int64(s, 2, art->val);
		sqlite3_bind_int64(s, 3, h->start);
		sqlite3_bind_int64(s, 4, h->end);
		bind_t(s, 5, h->quote);
		bind_t(s, 6, h->prefix);
		bind_t(s, 7, h->suffix);
		bind_t(s, 8, h->original_quote);
		bind_t(s, 9, h->body_sha);
		sqlite3_bind_int(s, 10, h->orphaned ? 1 : 0);
		bind_t(s, 11, h->created);
		bind_t(s, 12, h->updated);
		if ((id = step_insert(r, s, "cannot restore highlights")) < 0)
			return -1;
		r->stats.highlights_added++;
	} else {
		r->stats.highlights_matched++;
	}
	id_map_put(&r->highlights, h->id, id, matched);
	for (i = 0; i < h->ntags; i++) {
		struct store_io_text none = {NULL, 0};
		int64_t tid = tag_id(r, h->tags[i], 0, none, 0, 0);
		if (tid < 0)
			return -1;
		s = io_stmt(r->st, &r->ss, R_HL_TAG);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, tid);
		if (step_insert(r, s, "cannot restore tags") < 0)
			return -1;
	}
	if (h->has_note && h->note.s && h->note.len > 0) {
		if (!need_text(r, h->note_created, "note of highlight", h->id) ||
		    !need_text(r, h->note_updated, "note of highlight", h->id) ||
		    !need_text(r, h->note, "note of highlight", h->id))
			return -1;
		if (matched) {
			s = io_stmt(r->st, &r->ss, R_NOTE_EXISTS);
			sqlite3_bind_int64(s, 1, id);
			if ((rc = step_id(r, s, NULL, "cannot restore notes")) < 0)
				return -1;
			if (rc == 1)
				return 0; /* the library's own note stays */
		}
		s = io_stmt(r->st, &r->ss, R_NOTE_INSERT);
		sqlite3_bind_int64(s, 1, h->note_id);
		sqlite3_bind_int64(s, 2, id);
		bind_t(s, 3, h->note);
		bind_t(s, 4, h->note_created);
		bind_t(s, 5, h->note_updated);
		if (step_insert(r, s, "cannot restore notes") < 0)
			return -1;
		r->stats.notes_added++;
	}
	return 0;
}

int store_io_restore_link(struct store_io_restore *r, const struct store_io_link *l)
{
	const struct id_slot *f = id_map_get(&r->highlights, l->from_highlight);
	const struct id_slot *t = id_map_get(&r->highlights, l->to_highlight);
	sqlite3_stmt *s;
	int rc;

	if (!f || !t) {
		io_err(r->st, "link %lld: highlight %lld is not in the file", (long long)l->id,
		       (long long)(f ? l->to_highlight : l->from_highlight));
		return -1;
	}
	if (!need_text(r, l->relation, "link", l->id) || !need_text(r, l->created, "link", l->id))
		return -1;
	/* The rules of gloss link. */
	if (f->val == t->val) {
		io_err(r->st, "link %lld: links highlight %lld to itself", (long long)l->id,
		       (long long)l->from_highlight);
		return -1;
	}
	{
		char *rel = xstrndup(l->relation.s, l->relation.len);
		const char *why = has_nul(l->relation) ? "its relation holds a NUL byte"
		                                       : store_relation_problem(rel);
		free(rel);
		if (why) {
			io_err(r->st, "link %lld: %s", (long long)l->id, why);
			return -1;
		}
	}
	/* One link per pair and relation, whichever way round: a backup from
	 * before that rule may hold a link twice, and the second is the
	 * first (its ends may be new to this library too). */
	s = io_stmt(r->st, &r->ss, R_LINK_FIND);
	sqlite3_bind_int64(s, 1, f->val);
	sqlite3_bind_int64(s, 2, t->val);
	bind_t(s, 3, l->relation);
	if ((rc = step_id(r, s, NULL, "cannot restore links")) < 0)
		return -1;
	if (rc == 1) {
		r->stats.links_matched++;
		return 0;
	}
	s = io_stmt(r->st, &r->ss, R_LINK_INSERT);
	sqlite3_bind_int64(s, 1, l->id);
	sqlite3_bind_int64(s, 2, f->val);
	sqlite3_bind_int64(s, 3, t->val);
	bind_t(s, 4, l->relation);
	bind_t(s, 5, l->created);
	if (step_insert(r, s, "cannot restore links") < 0)
		return -1;
	r->stats.links_added++;
	return 0;
}

int store_io_restore_correction(struct store_io_restore *r, const struct store_io_correction *c)
{
	sqlite3_stmt *s;
	int rc;

	if (!c->kind.s || !c->text.s || !c->created.s) {
		io_err(r->st, "correction %lld: a kind, a text and a date are needed", (long long)c->id);
		return -1;
	}
	s = io_stmt(r->st, &r->ss, R_CORRECTION_FIND);
	bind_t(s, 1, c->kind);
	bind_t(s, 2, c->text);
	bind_t(s, 3, c->label);
	if ((rc = step_id(r, s, NULL, "cannot restore corrections")) != 0)
		return rc < 0 ? -1 : 0;
	s = io_stmt(r->st, &r->ss, R_CORRECTION_INSERT);
	bind_t(s, 1, c->kind);
	bind_t(s, 2, c->text);
	bind_t(s, 3, c->label);
	bind_t(s, 4, c->created);
	if (step_insert(r, s, "cannot restore corrections") < 0)
		return -1;
	r->stats.corrections_added++;
	return 0;
}
