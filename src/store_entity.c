/* store_entity.c — the store's entities and mentions: resolving an
 * article's mentions to the library's entities when it is saved, the
 * spans of a mention row, listing entities and mentions, and the user's
 * merges and splits.  Part of the store module (see store_internal.h);
 * its statements are the table below. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/entity_alias.h"
#include "gloss/ner.h"
#include "gloss/store.h"
#include "gloss/store_corrections.h"
#include "gloss/util.h"
#include "store_internal.h"

/* The articles that mention the entity whose id is the SQL expression e
 * (entity_fts, schema step 14): statements find an entity's mention rows
 * through them, by their primary key (article_id, entity_id, surface). */
#define ARTICLES_OF(e) "SELECT rowid FROM entity_fts WHERE entity_fts MATCH '\"' || " e " || '\"'"
#define ARTICLES_OF_1 "(" ARTICLES_OF("?1") ")"

#define ENTITY_STMTS(X)                                                                            \
	X(MENTION_UNCOUNT,                                                                         \
	  "UPDATE entity SET mentions = mentions - c.n, articles = articles - 1"                   \
	  " FROM (SELECT entity_id, sum(n) AS n FROM mention WHERE article_id = ?1"                \
	  "   GROUP BY entity_id) AS c WHERE entity.id = c.entity_id")                             \
	X(ENTITY_COUNT_ADD,                                                                        \
	  "UPDATE entity SET mentions = mentions + ?2, articles = articles + 1 WHERE id = ?1")     \
	X(MENTION_DELETE, "DELETE FROM mention WHERE article_id = ?1")                             \
	X(MENTION_BLOCKS_DROP, "DELETE FROM mention_block WHERE article_id = ?1")                  \
	/* One row for each (entity, surface) of an article, made unique in  \
	 * C before it is written (store_save_mentions), so a plain insert:  \
	 * an upsert cost a fifth more a row. */                             \
	X(MENTION_INSERT,                                                                          \
	  "INSERT INTO mention(article_id, entity_id, surface, n, spans) VALUES (?1, ?2, ?3, ?4, ?5)") \
	X(ENTITY_RULE, "SELECT entity_id FROM entity_rule WHERE label = ?1 AND key = ?2")          \
	X(ENTITY_FIND, "SELECT id FROM entity WHERE label = ?1 AND canonical = ?2")                \
	X(ENTITY_INSERT, "INSERT INTO entity(label, canonical) VALUES (?1, ?2)")                   \
	X(ENTITY_BY_SURNAME,                                                                       \
	  "SELECT e.id, e.mentions FROM person_name p JOIN entity e ON e.id = p.entity_id"         \
	  " WHERE p.token = ?1 AND e.label = 'PERSON' AND e.id <> ?2"                              \
	  " ORDER BY e.mentions DESC LIMIT 2")                                                     \
	X(ARTICLE_PERSONS,                                                                         \
	  "SELECT DISTINCT e.id, e.canonical FROM mention m JOIN entity e ON e.id = m.entity_id"   \
	  " WHERE m.article_id = ?1 AND e.label = 'PERSON' AND e.canonical LIKE '% %'")            \
	X(BARE_PERSON,                                                                             \
	  "SELECT id FROM entity WHERE label = 'PERSON' AND canonical = ?1"                        \
	  " AND NOT EXISTS (SELECT 1 FROM entity_rule r WHERE r.entity_id = entity.id)")           \
	/* Not while an article still names it: no foreign key deletes     \
	 * its rows (schema step 14), so a count that went wrong must not  \
	 * leave rows behind for a new entity of the same id. */           \
	X(ENTITY_ORPHANS,                                                                          \
	  "DELETE FROM entity WHERE mentions <= 0"                                                 \
	  " AND NOT EXISTS (SELECT 1 FROM entity_rule r WHERE r.entity_id = entity.id)"           \
	  " AND NOT EXISTS (" ARTICLES_OF("entity.id") ")")                                      \
	X(MENTIONS_IN, "SELECT entity_id, spans FROM mention WHERE article_id = ?1")               \
	X(ENTITY_ALIASES,                                                                          \
	  "SELECT surface, sum(n) FROM mention WHERE article_id IN " ARTICLES_OF_1                 \
	  " AND entity_id = ?1 GROUP BY surface"                                                   \
	  " ORDER BY sum(n) DESC, surface LIMIT ?2")                                               \
	/* An article may name both entities the same way: its rows join.   */                \
	X(ENTITY_MERGE_MENTIONS,                                                                   \
	  "INSERT INTO mention(article_id, entity_id, surface, n, spans)"                          \
	  " SELECT article_id, ?2, surface, n, spans FROM mention WHERE article_id IN "            \
	  ARTICLES_OF_1 " AND entity_id = ?1"                                                      \
	  " ON CONFLICT DO UPDATE SET n = n + excluded.n, spans = spans || ',' || excluded.spans") \
	X(ENTITY_DROP_MENTIONS,                                                                    \
	  "DELETE FROM mention WHERE article_id IN " ARTICLES_OF_1 " AND entity_id = ?1")         \
	/* entity_fts: an article's entities, as its document of ids. */    \
	X(ENTITY_ARTICLES, ARTICLES_OF("?1"))                                                      \
	X(ENTITY_DOC_DELETE, "DELETE FROM entity_fts WHERE rowid = ?1")                            \
	X(ENTITY_DOC_INSERT, "INSERT INTO entity_fts(rowid, ents) VALUES (?1, ?2)")                \
	X(ENTITY_DOC_REMAKE,                                                                       \
	  "INSERT INTO entity_fts(rowid, ents) SELECT ?1, (SELECT group_concat(e, ' ') FROM"       \
	  " (SELECT DISTINCT entity_id AS e FROM mention WHERE article_id = ?1))"                  \
	  " WHERE EXISTS (SELECT 1 FROM mention WHERE article_id = ?1)")                           \
	X(ENTITY_MERGE_RULES, "UPDATE entity_rule SET entity_id = ?2 WHERE entity_id = ?1")        \
	X(ENTITY_RULE_SET,                                                                         \
	  "INSERT OR REPLACE INTO entity_rule(label, key, entity_id) VALUES (?1, ?2, ?3)")         \
	X(ENTITY_RECOUNT,                                                                          \
	  "UPDATE entity SET mentions = (SELECT coalesce(sum(n), 0) FROM mention"                  \
	  "   WHERE article_id IN " ARTICLES_OF_1 " AND entity_id = ?1),"                          \
	  " articles = (SELECT count(DISTINCT article_id) FROM mention"                            \
	  "   WHERE article_id IN " ARTICLES_OF_1 " AND entity_id = ?1)"                           \
	  " WHERE id = ?1")                                                                        \
	X(ENTITY_DELETE, "DELETE FROM entity WHERE id = ?1")                                       \
	X(ENTITY_SPLIT_MENTIONS,                                                                   \
	  "UPDATE mention SET entity_id = ?3 WHERE article_id IN " ARTICLES_OF_1                   \
	  " AND entity_id = ?1 AND surface = ?2")                                                  \
	X(ENTITY_LABEL_OF, "SELECT label, canonical FROM entity WHERE id = ?1")                    \
	/* In table order: sorted in C (entity_rank), which at 100,000 \
	 * entities takes a third of SQLite's sort or index walk. */                               \
	X(ENTITY_INDEX,                                                                            \
	  "SELECT id, label, canonical, mentions, articles FROM entity WHERE mentions > 0"         \
	  " AND (?1 IS NULL OR label = ?1)")                                                       \
	X(ARTICLE_MENTIONS,                                                                        \
	  "SELECT m.article_id, m.entity_id, m.spans, e.label FROM mention m"                      \
	  " JOIN entity e ON e.id = m.entity_id WHERE m.article_id = ?1")                          \
	X(ENTITY_LABEL, "SELECT label FROM entity WHERE id = ?1")                                  \
	X(ARTICLE_MENTION_TOTAL, "SELECT coalesce(sum(n), 0) FROM mention WHERE article_id = ?1")  \
	X(ENTITY_MENTION_TOTAL,                                                                    \
	  "SELECT coalesce(sum(n), 0) FROM mention WHERE article_id IN " ARTICLES_OF_1             \
	  " AND entity_id = ?1")                                                                   \
	X(ENTITY_MENTIONS,                                                                         \
	  "SELECT m.article_id, m.entity_id, m.spans, e.label FROM mention m"                      \
	  " JOIN entity e ON e.id = m.entity_id WHERE m.article_id IN " ARTICLES_OF_1              \
	  " AND m.entity_id = ?1")                                                                 \
	X(ENTITY_LIST,                                                                             \
	  "SELECT e.id, e.label, e.canonical, sum(m.n), count(DISTINCT m.article_id)"              \
	  " FROM mention m JOIN entity e ON e.id = m.entity_id"                                    \
	  " WHERE (?1 <= 0 OR m.article_id = ?1) AND (?2 IS NULL OR e.label = ?2)"                 \
	  " GROUP BY e.id ORDER BY count(DISTINCT m.article_id) DESC, sum(m.n) DESC,"              \
	  " e.canonical")                                                                          \
	X(ENTITY_GET, "SELECT id, label, canonical, mentions, articles FROM entity WHERE id = ?1")

STORE_STATEMENTS(STORE_PART_ENTITY, ENTITY_STMTS)

static int entity_recount(struct store *st, int64_t id);

/* The person a single-word name most likely means, or 0.  exclude is an
 * entity not to consider (the bare name's own). */
static int64_t person_for_bare_name(struct store *st, const char *name, int64_t exclude)
{
	sqlite3_stmt *s;
	int64_t ids[2] = {0, 0}, counts[2] = {0, 0};
	int n = 0;

	s = stmt(st, S_ENTITY_BY_SURNAME);
	bind_text(s, 1, name);
	sqlite3_bind_int64(s, 2, exclude);
	while (n < 2 && sqlite3_step(s) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(s, 0);
		counts[n] = sqlite3_column_int64(s, 1);
		n++;
	}
	sqlite3_reset(s);
	n = entity_alias_pick(counts, (size_t)n);
	return n < 0 ? 0 : ids[n];
}

/* The articles that mention entity id; 0, or -1 with the message set. */
static int entity_articles(struct store *st, int64_t id, int64_t **out, size_t *n)
{
	sqlite3_stmt *s = stmt(st, S_ENTITY_ARTICLES);

	sqlite3_bind_int64(s, 1, id);
	return store_step_ids(st, s, "cannot read entities", out, n);
}

int store_entity_docs_remake(struct store *st, const int64_t *ids, size_t n, const char *what)
{
	size_t i;

	for (i = 0; i < n; i++) {
		sqlite3_stmt *s = stmt(st, S_ENTITY_DOC_DELETE);
		sqlite3_bind_int64(s, 1, ids[i]);
		if (step_done(st, s, what) != 0)
			return -1;
		s = stmt(st, S_ENTITY_DOC_REMAKE);
		sqlite3_bind_int64(s, 1, ids[i]);
		if (step_done(st, s, what) != 0)
			return -1;
	}
	return 0;
}

/* Give entity into every mention of entity from. */
static int move_mentions(struct store *st, int64_t from, int64_t into, const char *what)
{
	sqlite3_stmt *s = stmt(st, S_ENTITY_MERGE_MENTIONS);
	int64_t *ids;
	size_t n;
	int rc;

	if (entity_articles(st, from, &ids, &n) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, into);
	rc = step_done(st, s, what);
	if (rc == 0) {
		s = stmt(st, S_ENTITY_DROP_MENTIONS);
		sqlite3_bind_int64(s, 1, from);
		rc = step_done(st, s, what);
	}
	if (rc == 0)
		rc = store_entity_docs_remake(st, ids, n, what);
	free(ids);
	return rc;
}

/* After an article names a person in full, earlier articles' bare
 * mentions of that name ("Putin" before any "Vladimir Putin" was known)
 * join the person, unless the user made a rule about them. */
static int absorb_bare_names(struct store *st, int64_t article_id)
{
	sqlite3_stmt *s = stmt(st, S_ARTICLE_PERSONS);
	struct {
		int64_t id;
		char *canon;
	} *v = NULL;
	size_t n = 0, i;
	int rc = 0;

	sqlite3_bind_int64(s, 1, article_id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].id = sqlite3_column_int64(s, 0);
		v[n].canon = col_strdup(s, 1);
		n++;
	}
	sqlite3_reset(s);
	for (i = 0; i < n && rc == 0; i++) {
		char *names[2];
		int k;
		if (entity_alias_bare_names(v[i].canon, names) != 0)
			continue;
		for (k = 0; k < 2 && rc == 0; k++) {
			int64_t bare = 0;
			s = stmt(st, S_BARE_PERSON);
			bind_text(s, 1, names[k]);
			if (sqlite3_step(s) == SQLITE_ROW)
				bare = sqlite3_column_int64(s, 0);
			sqlite3_reset(s);
			if (!bare || person_for_bare_name(st, names[k], bare) != v[i].id)
				continue;
			rc = move_mentions(st, bare, v[i].id, "cannot update entities");
			if (rc == 0)
				rc = entity_recount(st, v[i].id);
			if (rc == 0) {
				store_entity_cache_reset(st);
				s = stmt(st, S_ENTITY_DELETE);
				sqlite3_bind_int64(s, 1, bare);
				rc = step_done(st, s, "cannot update entities");
			}
		}
		free(names[0]);
		free(names[1]);
	}
	for (i = 0; i < n; i++)
		free(v[i].canon);
	free(v);
	return rc;
}

/* Find or make the corpus-wide entity for one mention: the user's rules
 * first (by surface, then by the per-document name), then the name. */
static int64_t entity_for(struct store *st, const char *label, const char *canon,
                          const char *surface)
{
	sqlite3_stmt *s;
	int64_t id = 0;
	int pass;

	for (pass = 0; pass < 2 && !id; pass++) {
		s = stmt(st, S_ENTITY_RULE);
		bind_text(s, 1, label);
		bind_text(s, 2, pass ? canon : surface);
		if (sqlite3_step(s) == SQLITE_ROW)
			id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	if (id)
		return id;
	s = stmt(st, S_ENTITY_FIND);
	bind_text(s, 1, label);
	bind_text(s, 2, canon);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (id)
		return id;
	/* A bare name joins the person of the library whose full name
	 * begins or ends with it ("Peskov", and "Kim" for Korean names), when
	 * there is one, or one that is mentioned far more than the next. */
	if (entity_alias_is_bare(label, canon)) {
		id = person_for_bare_name(st, canon, 0);
		if (id > 0)
			return id;
	}
	s = stmt(st, S_ENTITY_INSERT);
	bind_text(s, 1, label);
	bind_text(s, 2, canon);
	if (step_done(st, s, "cannot save entity") != 0)
		return -1;
	id = sqlite3_last_insert_rowid(st->core.db);
	return id;
}

/* Take an article's mentions out of the entity counts and delete them,
 * with its mentions by position. */
int store_drop_mentions(struct store *st, int64_t article_id)
{
	sqlite3_stmt *s = stmt(st, S_MENTION_UNCOUNT);

	sqlite3_bind_int64(s, 1, article_id);
	if (step_done(st, s, "cannot update entities") != 0)
		return -1;
	s = stmt(st, S_MENTION_DELETE);
	sqlite3_bind_int64(s, 1, article_id);
	if (step_done(st, s, "cannot update entities") != 0)
		return -1;
	s = stmt(st, S_ENTITY_DOC_DELETE);
	sqlite3_bind_int64(s, 1, article_id);
	if (step_done(st, s, "cannot update entities") != 0)
		return -1;
	/* A long article's mentions by position go with its mentions (an
	 * article with none has no row for the trigger on delete to see). */
	return store_mention_blocks_drop(st, article_id, "cannot update entities");
}

/* Decimal digits of v, written backwards from end; returns the first. */
static char *put_size(char *end, size_t v)
{
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

/* By hand, not printf: an import writes a few hundred of these an
 * article. */
void store_spans_add(struct buf *b, size_t start, size_t end)
{
	char tmp[48], *p = tmp + sizeof tmp;

	p = put_size(p, end - start);
	*--p = ':';
	p = put_size(p, start);
	if (b->len)
		*--p = ',';
	buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

static int parse_size(const char **p, size_t *out)
{
	size_t v = 0;
	const char *q = *p;

	if (*q < '0' || *q > '9')
		return 0;
	for (; *q >= '0' && *q <= '9'; q++) {
		if (v > (SIZE_MAX - 9) / 10)
			return 0;
		v = v * 10 + (size_t)(*q - '0');
	}
	*p = q;
	*out = v;
	return 1;
}

int store_spans_next(const char **p, size_t *start, size_t *end)
{
	const char *q = *p;

	while (q && *q) {
		size_t a, n;
		int ok = parse_size(&q, &a) && *q == ':' && (q++, parse_size(&q, &n)) &&
		         (*q == ',' || *q == '\0') && n <= SIZE_MAX - a;
		if (!ok)
			while (*q && *q != ',')
				q++;
		if (*q == ',')
			q++;
		if (ok) {
			*p = q;
			*start = a;
			*end = a + n;
			return 1;
		}
	}
	*p = NULL;
	return 0;
}

/* Each entity's mentions in one article, counted as they are saved, so
 * the entity's totals change by one indexed update each. */
struct entity_count {
	int64_t id;
	int64_t n;
};

static void count_entity(struct entity_count **v, size_t *n, int64_t id)
{
	size_t i;
	for (i = *n; i > 0; i--)
		if ((*v)[i - 1].id == id) {
			(*v)[i - 1].n++;
			return;
		}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].id = id;
	(*v)[(*n)++].n = 1;
}

/* The rows of one article's mentions: one for each (entity, surface). */
struct mention_row {
	int64_t entity_id;
	const char *surface; /* into key */
	char *key;           /* "ENTITY-ID\037SURFACE" */
	int64_t n;
	struct buf spans;
};

int store_save_mentions(struct store *st, int64_t article_id, int fresh, const char *body,
                         const struct ner_result *ner)
{
	struct entity_cache *cache = &st->entities;
	struct entity_cache rows = {0}; /* (entity, surface) -> index into v */
	struct mention_row *v = NULL;
	struct entity_count *counts = NULL;
	size_t nv = 0, ncounts = 0;
	struct buf key = {0};
	sqlite3_stmt *s;
	size_t i;
	int rc = -1;

	/* A new article has no mentions yet (a deleted article's went with
	 * it), so there is nothing to take back. */
	if (!fresh && store_drop_mentions(st, article_id) != 0)
		return -1;
	for (i = 0; ner && i < ner->n; i++) {
		const struct ner_span *sp = &ner->v[i];
		const char *label = ner_label_name(sp->label);
		size_t slen = sp->end - sp->start;
		char *surface = xstrndup(body + sp->start, slen);
		const char *canon = sp->canon ? sp->canon : surface;
		struct entity_slot *slot;
		int64_t eid;

		key.len = 0;
		buf_adds(&key, label);
		buf_addc(&key, '\037');
		buf_adds(&key, canon);
		buf_addc(&key, '\037');
		buf_add(&key, surface, slen);
		slot = store_cache_find(cache, key.s);
		if (slot->key) {
			eid = slot->id;
		} else {
			eid = entity_for(st, label, canon, surface);
			if (eid < 0) {
				free(surface);
				goto out;
			}
			slot->key = xstrdup(key.s);
			slot->id = eid;
			cache->n++;
		}
		{
			char tmp[24], *p = tmp + sizeof tmp;
			*--p = '\037';
			p = put_size(p, (size_t)eid);
			key.len = 0;
			buf_add(&key, p, (size_t)(tmp + sizeof tmp - p));
		}
		buf_add(&key, surface, slen);
		free(surface);
		slot = store_cache_find(&rows, key.s);
		if (!slot->key) {
			slot->key = xstrdup(key.s);
			slot->id = (int64_t)nv;
			rows.n++;
			v = xreallocarray(v, nv + 1, sizeof *v);
			memset(&v[nv], 0, sizeof *v);
			v[nv].entity_id = eid;
			v[nv].key = slot->key;
			v[nv].surface = strchr(slot->key, '\037') + 1;
			nv++;
		}
		v[slot->id].n++;
		store_spans_add(&v[slot->id].spans, sp->start, sp->end);
		count_entity(&counts, &ncounts, eid);
	}
	for (i = 0; i < nv; i++) {
		s = stmt(st, S_MENTION_INSERT);
		sqlite3_bind_int64(s, 1, article_id);
		sqlite3_bind_int64(s, 2, v[i].entity_id);
		bind_text(s, 3, v[i].surface);
		sqlite3_bind_int64(s, 4, v[i].n);
		sqlite3_bind_text(s, 5, v[i].spans.s, (int)v[i].spans.len, SQLITE_STATIC);
		if (step_done(st, s, "cannot save mentions") != 0)
			goto out;
	}
	key.len = 0;
	for (i = 0; i < ncounts; i++) {
		s = stmt(st, S_ENTITY_COUNT_ADD);
		sqlite3_bind_int64(s, 1, counts[i].id);
		sqlite3_bind_int64(s, 2, counts[i].n);
		if (step_done(st, s, "cannot save mentions") != 0)
			goto out;
		buf_printf(&key, "%s%lld", i ? " " : "", (long long)counts[i].id);
	}
	/* The article's document of entity ids: which articles mention an
	 * entity is found there, not in an index of every mention row. */
	if (ncounts) {
		s = stmt(st, S_ENTITY_DOC_INSERT);
		sqlite3_bind_int64(s, 1, article_id);
		sqlite3_bind_text(s, 2, key.s, (int)key.len, SQLITE_STATIC);
		if (step_done(st, s, "cannot save mentions") != 0)
			goto out;
	}
	rc = absorb_bare_names(st, article_id);
out:
	for (i = 0; i < nv; i++)
		buf_free(&v[i].spans);
	free(v);
	store_cache_free(&rows); /* frees the keys */
	free(counts);
	buf_free(&key);
	return rc;
}

/* A sorted run of one row's spans: its text from p to end, and the
 * span p is at (start, stop) with the row's ids. */
struct span_run {
	size_t p, end;   /* offsets into the rows' text */
	size_t start, stop;
	int64_t article_id, entity_id;
	enum ner_label label;
	size_t seq;      /* ties keep the rows' order */
};

static inline bool run_before(const struct span_run *x, const struct span_run *y)
{
	if (x->article_id != y->article_id)
		return x->article_id < y->article_id;
	return x->start != y->start ? x->start < y->start : x->seq < y->seq;
}

static void sift_down(struct span_run *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		struct span_run t;
		if (l < n && run_before(&h[l], &h[m]))
			m = l;
		if (l + 1 < n && run_before(&h[l + 1], &h[m]))
			m = l + 1;
		if (m == i)
			return;
		t = h[i], h[i] = h[m], h[m] = t;
		i = m;
	}
}

/* The next span of a run, or 0 at its end. */
static int run_next(const char *txt, struct span_run *r)
{
	const char *q = txt + r->p;

	if (r->p >= r->end || !store_spans_next(&q, &r->start, &r->stop))
		return 0;
	r->p = q ? (size_t)(q - txt) : r->end;
	return 1;
}

/* Rows of (article, entity, spans, label): one mention for each span,
 * sorted by article and start.  A row's spans are in order (a merge of
 * two entities appends a second run), so the rows' text is kept (a
 * quarter of the mentions' size), cut into its sorted runs, and the runs
 * merged through a heap, each mention handed to sink as it comes: no
 * second copy of millions of mentions to sort.  A sink that returns
 * nonzero stops the merge (-1). */
static int merge_mentions(struct store *st, sqlite3_stmt *s, int64_t id,
                          int (*sink)(void *ctx, const struct store_mention *m), void *ctx)
{
	struct buf txt = {0};
	struct {
		struct span_run *v;
		size_t n, cap;
	} runs = {0};
	int rc;

	sqlite3_bind_int64(s, 1, id);

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct span_run r = {0};
		const char *spans = (const char *)sqlite3_column_text(s, 2);
		int l = ner_label_from_name((const char *)sqlite3_column_text(s, 3));
		size_t base = txt.len, prev = 0, at;
		const char *q;
		int first = 1;
		r.article_id = sqlite3_column_int64(s, 0);
		r.entity_id = sqlite3_column_int64(s, 1);
		r.label = l < 0 ? NER_CARDINAL : (enum ner_label)l;
		if (!spans)
			continue;
		buf_add(&txt, spans, (size_t)sqlite3_column_bytes(s, 2) + 1); /* with its NUL */
		q = txt.s + base;
		r.p = base;
		for (;;) {
			size_t a, e;
			at = (size_t)(q - txt.s);
			if (!store_spans_next(&q, &a, &e))
				break;
			if (!first && a < prev) { /* a new sorted run starts here */
				r.end = at;
				r.seq = runs.n;
				VEC_PUSH(&runs, r);
				r.p = at;
			}
			first = 0;
			prev = a;
			if (!q)
				break;
		}
		r.end = txt.len - 1;
		r.seq = runs.n;
		VEC_PUSH(&runs, r);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		buf_free(&txt);
		free(runs.v);
		store_set_err(st, "cannot read mentions");
		return -1;
	}
	{
		/* Each run at its first span; the empty ones dropped. */
		size_t i, n = 0;
		for (i = 0; i < runs.n; i++)
			if (run_next(txt.s, &runs.v[i]))
				runs.v[n++] = runs.v[i];
		for (i = n / 2; i-- > 0;)
			sift_down(runs.v, n, i);
		while (n) {
			struct store_mention m;
			m.article_id = runs.v[0].article_id;
			m.entity_id = runs.v[0].entity_id;
			m.label = runs.v[0].label;
			m.start = runs.v[0].start;
			m.end = runs.v[0].stop;
			if (sink(ctx, &m) != 0) {
				rc = -1;
				break;
			}
			if (!run_next(txt.s, &runs.v[0]))
				runs.v[0] = runs.v[--n];
			sift_down(runs.v, n, 0);
		}
	}
	buf_free(&txt);
	free(runs.v);
	return rc == -1 ? -1 : 0;
}

static int push_mention(void *ctx, const struct store_mention *m)
{
	struct store_mentions *out = ctx;

	VEC_PUSH(out, *m);
	return 0;
}

/* merge_mentions into out, sized once by total (the sum of the
 * rows' counts). */
static int read_mentions(struct store *st, sqlite3_stmt *s, sqlite3_stmt *total, int64_t id,
                         struct store_mentions *out)
{
	sqlite3_bind_int64(total, 1, id);
	if (sqlite3_step(total) == SQLITE_ROW) {
		int64_t n = sqlite3_column_int64(total, 0);
		if (n > 0 && (uint64_t)n < SIZE_MAX / sizeof *out->v - out->n &&
		    out->n + (size_t)n > out->cap) {
			out->cap = out->n + (size_t)n;
			out->v = xreallocarray(out->v, out->cap, sizeof *out->v);
			util_large_array(out->v, out->cap * sizeof *out->v);
		}
	}
	sqlite3_reset(total);
	return merge_mentions(st, s, id, push_mention, out);
}

int store_mention_blocks_drop(struct store *st, int64_t article_id, const char *what)
{
	sqlite3_stmt *s = stmt(st, S_MENTION_BLOCKS_DROP);

	sqlite3_bind_int64(s, 1, article_id);
	return step_done(st, s, what);
}

int store_article_mentions_each(struct store *st, int64_t article_id,
                                int (*sink)(void *ctx, const struct store_mention *m), void *ctx)
{
	return merge_mentions(st, stmt(st, S_ARTICLE_MENTIONS), article_id, sink, ctx);
}

int store_article_mentions(struct store *st, int64_t article_id, struct store_mentions *out)
{
	return read_mentions(st, stmt(st, S_ARTICLE_MENTIONS), stmt(st, S_ARTICLE_MENTION_TOTAL),
	                     article_id, out);
}

int store_entity_mentions(struct store *st, int64_t entity_id, struct store_mentions *out)
{
	return read_mentions(st, stmt(st, S_ENTITY_MENTIONS), stmt(st, S_ENTITY_MENTION_TOTAL),
	                     entity_id, out);
}

static void read_entity(sqlite3_stmt *s, struct store_entity *e)
{
	int l = ner_label_from_name((const char *)sqlite3_column_text(s, 1));
	e->id = sqlite3_column_int64(s, 0);
	e->label = l < 0 ? NER_CARDINAL : (enum ner_label)l;
	e->name = col_strdup(s, 2);
	e->mentions = sqlite3_column_int64(s, 3);
	e->articles = sqlite3_column_int64(s, 4);
}

/* The entity index's order: in most articles first, then most mentioned,
 * then by name (as SQLite's BINARY collation compares), kind and id. */
static int entity_rank(const void *pa, const void *pb)
{
	const struct store_entity *a = pa, *b = pb;
	int c;

	if (a->articles != b->articles)
		return a->articles > b->articles ? -1 : 1;
	if (a->mentions != b->mentions)
		return a->mentions > b->mentions ? -1 : 1;
	if ((c = strcmp(a->name, b->name)) != 0)
		return c;
	if (a->label != b->label) /* one name, two kinds: always the same order */
		return a->label < b->label ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

int store_entity_list(struct store *st, int64_t article_id, int label, struct store_entities *out)
{
	sqlite3_stmt *s;
	const char *lname = label >= 0 ? ner_label_name((enum ner_label)label) : NULL;
	size_t n0 = out->n;
	int rc;

	if (article_id > 0) {
		s = stmt(st, S_ENTITY_LIST);
		sqlite3_bind_int64(s, 1, article_id);
		bind_text(s, 2, lname);
	} else {
		s = stmt(st, S_ENTITY_INDEX);
		bind_text(s, 1, lname);
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_entity e;
		read_entity(s, &e);
		VEC_PUSH(out, e);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot list entities");
		return -1;
	}
	if (article_id <= 0 && out->n - n0 > 1)
		qsort(out->v + n0, out->n - n0, sizeof *out->v, entity_rank);
	return 0;
}

int store_entity_get(struct store *st, int64_t id, struct store_entity *out)
{
	sqlite3_stmt *s = stmt(st, S_ENTITY_GET);
	int rc;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_entity(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW) {
		store_set_err(st, "cannot read entity");
		return -1;
	}
	return 0;
}

void store_entities_free(struct store_entities *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->v[i].name);
	free(v->v);
	memset(v, 0, sizeof *v);
}

int store_entities_in(struct store *st, int64_t article_id, size_t start, size_t end,
                      int64_t **ids, size_t *n)
{
	sqlite3_stmt *s = stmt(st, S_MENTIONS_IN);
	size_t cap = 0;

	*ids = NULL;
	*n = 0;
	sqlite3_bind_int64(s, 1, article_id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		const char *spans = (const char *)sqlite3_column_text(s, 1);
		size_t a, b, k;
		while (store_spans_next(&spans, &a, &b))
			if (a >= start && a < end)
				break;
		if (!spans)
			continue;
		for (k = 0; k < *n && (*ids)[k] != id; k++)
			;
		if (k < *n)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = id;
	}
	sqlite3_reset(s);
	return 0;
}

char *store_entity_aliases(struct store *st, int64_t id, int max)
{
	sqlite3_stmt *s = stmt(st, S_ENTITY_ALIASES);
	struct buf b = {0};

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, max);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (b.len)
			buf_adds(&b, " · ");
		buf_adds(&b, (const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
	return buf_steal(&b);
}

static int entity_recount(struct store *st, int64_t id)
{
	sqlite3_stmt *s = stmt(st, S_ENTITY_RECOUNT);
	sqlite3_bind_int64(s, 1, id);
	return step_done(st, s, "cannot update entities");
}

/* label and canonical of an entity, inside a transaction. */
static int entity_names(struct store *st, int64_t id, char **label, char **canonical)
{
	sqlite3_stmt *s = stmt(st, S_ENTITY_LABEL_OF);
	int rc;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*label = col_strdup(s, 0);
		*canonical = col_strdup(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "no entity %lld", (long long)id);
	return rc == SQLITE_ROW ? 0 : -1;
}

int store_entity_merge(struct store *st, int64_t from, int64_t into)
{
	char *label = NULL, *canon = NULL, *l2 = NULL, *c2 = NULL;
	sqlite3_stmt *s;

	if (from == into) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "cannot merge an entity with itself");
		return -1;
	}
	if (store_begin(st, "cannot merge entities") != 0)
		return -1;
	if (entity_names(st, from, &label, &canon) != 0 || entity_names(st, into, &l2, &c2) != 0)
		goto fail;
	if (move_mentions(st, from, into, "cannot merge entities") != 0)
		goto fail;
	s = stmt(st, S_ENTITY_MERGE_RULES);
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, into);
	if (step_done(st, s, "cannot merge entities") != 0)
		goto fail;
	s = stmt(st, S_ENTITY_RULE_SET);
	bind_text(s, 1, label);
	bind_text(s, 2, canon);
	sqlite3_bind_int64(s, 3, into);
	if (step_done(st, s, "cannot merge entities") != 0)
		goto fail;
	store_entity_cache_reset(st);
	s = stmt(st, S_ENTITY_DELETE);
	sqlite3_bind_int64(s, 1, from);
	if (step_done(st, s, "cannot merge entities") != 0 || entity_recount(st, into) != 0 ||
	    store_commit(st, "cannot merge entities") != 0)
		goto fail;
	free(label), free(canon), free(l2), free(c2);
	return 0;
fail:
	store_rollback(st);
	free(label), free(canon), free(l2), free(c2);
	return -1;
}

int64_t store_entity_split(struct store *st, int64_t id, const char *surface)
{
	char *label = NULL, *canon = NULL;
	sqlite3_stmt *s;
	int64_t nid = 0, *ids = NULL;
	size_t nids = 0;

	store_entity_cache_reset(st); /* the new rule changes where a name goes */
	if (store_begin(st, "cannot split entity") != 0)
		return -1;
	if (entity_names(st, id, &label, &canon) != 0)
		goto fail;
	if (strcmp(canon, surface) == 0) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf,
		         "cannot split '%.100s' from itself: split one of its other names", surface);
		goto fail;
	}
	s = stmt(st, S_ENTITY_FIND);
	bind_text(s, 1, label);
	bind_text(s, 2, surface);
	if (sqlite3_step(s) == SQLITE_ROW)
		nid = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (!nid) {
		s = stmt(st, S_ENTITY_INSERT);
		bind_text(s, 1, label);
		bind_text(s, 2, surface);
		if (step_done(st, s, "cannot split entity") != 0)
			goto fail;
		nid = sqlite3_last_insert_rowid(st->core.db);
	}
	if (entity_articles(st, id, &ids, &nids) != 0)
		goto fail;
	s = stmt(st, S_ENTITY_SPLIT_MENTIONS);
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, surface);
	sqlite3_bind_int64(s, 3, nid);
	if (step_done(st, s, "cannot split entity") != 0)
		goto fail;
	if (sqlite3_changes(st->core.db) == 0) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf,
		         "cannot split: no mention of this entity is written '%.100s'", surface);
		goto fail;
	}
	if (store_entity_docs_remake(st, ids, nids, "cannot split entity") != 0)
		goto fail;
	s = stmt(st, S_ENTITY_RULE_SET);
	bind_text(s, 1, label);
	bind_text(s, 2, surface);
	sqlite3_bind_int64(s, 3, nid);
	if (step_done(st, s, "cannot split entity") != 0 || entity_recount(st, id) != 0 ||
	    entity_recount(st, nid) != 0 || store_commit(st, "cannot split entity") != 0)
		goto fail;
	free(label);
	free(canon);
	free(ids);
	return nid;
fail:
	store_rollback(st);
	free(label);
	free(canon);
	free(ids);
	return -1;
}

/* --- what store_corrections.c needs of the import's code --- */

int store_article_set_mentions(struct store *st, int64_t article_id, const char *body,
                               const struct ner_result *ner)
{
	store_entity_cache_reset(st);
	/* A long article's blocks of mentions go with its rows; the reader
	 * makes them again when it opens the article. */
	if (store_save_mentions(st, article_id, 0, body, ner) != 0)
		return -1;
	store_entity_cache_reset(st);
	return store_entity_orphans_drop(st, "cannot update entities");
}


int store_entity_orphans_drop(struct store *st, const char *what)
{
	return step_done(st, stmt(st, S_ENTITY_ORPHANS), what);
}
