/* store_search.c — the store's full-text search: the library's filter,
 * search with snippets, and passages (sentences of the library) for links
 * and related passages; the sentences themselves are found in
 * store_passage.c.  Part of the store module (see store_internal.h);
 * its statements are the table below.  User words are always quoted
 * FTS5 terms, never FTS5 syntax. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/passage.h"
#include "gloss/store.h"
#include "gloss/util.h"
#include "store_internal.h"

/* The newest ?2 articles matching ?1, each with its bm25 (title weighing
 * five times the body) and what more follows. */
#define NEWEST_MATCHES(more)                                                                       \
	"SELECT rowid, bm25(article_fts, 5.0, 1.0)" more " FROM article_fts"                      \
	" WHERE article_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2"

#define SEARCH_STMTS(X)                                                                            \
	/* The library's filter: the newest matches first, so a word that   \
	 * every article has stops at the limit; bm25 is computed for the   \
	 * rows returned only, and they are ranked in C. */                 \
	X(LIBRARY_FILTER, NEWEST_MATCHES(""))                                                      \
	/* The same for gloss search, and whether the body holds the words  \
	 * (its bm25 without the title is below 0): when only the title     \
	 * does, no sentence is read for a snippet. */                     \
	X(SEARCH_MATCHES, NEWEST_MATCHES(", bm25(article_fts, 0.0, 1.0) < 0"))                   \
	X(SEARCH_TITLE, "SELECT title, outlet FROM article WHERE id = ?1")                        \
	/* Passages come from bodies: the articles whose body matches ?1,  \
	 * the newest ?3 (-1: all) with their bm25 on the body, outside ?2. */ \
	X(PASSAGE_ARTICLES,                                                                        \
	  "SELECT rowid, bm25(article_fts, 0.0, 1.0) FROM article_fts WHERE article_fts MATCH ?1"  \
	  " AND rowid <> ?2 ORDER BY rowid DESC LIMIT ?3")

STORE_STATEMENTS(STORE_PART_SEARCH, SEARCH_STMTS)

/* Each word of the user's query as a quoted FTS5 string: user text is
 * never FTS5 syntax.  any joins them with OR instead of AND. */
char *store_fts_query(const char *q, int prefix_last, int any)
{
	struct buf b = {0};
	const char *p = q, *w;
	size_t n, k;

	while ((w = util_next_word(&p, &n))) {
		if (b.len)
			buf_adds(&b, any ? " OR " : " ");
		buf_addc(&b, '"');
		for (k = 0; k < n; k++) {
			if (w[k] == '"')
				buf_addc(&b, '"');
			buf_addc(&b, w[k]);
		}
		buf_addc(&b, '"');
		if (prefix_last && !*p)
			buf_addc(&b, '*');
	}
	return b.s;
}

static char *fts_query(const char *q, int prefix_last)
{
	return store_fts_query(q, prefix_last, 0);
}

struct ranked {
	int64_t id;
	double score;
	int body; /* the words are in the body (a third column), else 1 */
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? -1 : 1; /* bm25: lower is better */
	return x->id > y->id ? -1 : x->id < y->id;
}

/* The last word of the query is a prefix once it has two characters: a
 * one-letter prefix matches most of the vocabulary and would merge the
 * postings of thousands of terms on every first keystroke. */
static int last_word_is_prefix(const char *q)
{
	size_t n = strlen(q), k = 0;
	if (n && (q[n - 1] == ' ' || q[n - 1] == '\t'))
		return 0; /* a space typed after the word: the word is whole */
	while (n && q[n - 1] != ' ' && q[n - 1] != '\t') {
		k += ((unsigned char)q[n - 1] & 0xC0) != 0x80;
		n--;
	}
	return k >= 2;
}

/* Every row (id, score, and body when it has a third column) of a bound statement, in its order; the statement
 * is reset.  SQLite's last result: SQLITE_DONE when all were read (*out is
 * then the caller's to free), else nothing is kept. */
static int step_ranked(sqlite3_stmt *s, struct ranked **out, size_t *nout)
{
	struct ranked *r = NULL;
	size_t n = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			r = xreallocarray(r, cap, sizeof *r);
		}
		r[n].id = sqlite3_column_int64(s, 0);
		r[n].score = sqlite3_column_double(s, 1);
		r[n++].body = sqlite3_column_count(s) > 2 ? sqlite3_column_int(s, 2) : 1;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(r);
		r = NULL;
		n = 0;
	}
	*out = r;
	*nout = n;
	return rc;
}

/* The articles matching an FTS5 query q, best first by bm25, at most
 * STORE_FILTER_MAX of them (the newest, when more match: *more is set).
 * 0, or -1 with the message set. */
static int ranked_matches(struct store *st, int which, const char *q, struct ranked **out,
                          size_t *nout, int *more)
{
	struct ranked *r;
	size_t n;
	sqlite3_stmt *s = stmt(st, which);
	int rc;

	*more = 0;
	bind_text(s, 1, q);
	sqlite3_bind_int64(s, 2, STORE_FILTER_MAX + 1);
	rc = step_ranked(s, &r, &n);
	if (rc != SQLITE_DONE) {
		store_set_err(st, rc == SQLITE_INTERRUPT ? "search interrupted" : "cannot search");
		return -1;
	}
	if (n > STORE_FILTER_MAX) {
		*more = 1;
		n = STORE_FILTER_MAX;
	}
	if (n)
		qsort(r, n, sizeof *r, cmp_ranked);
	*out = r;
	*nout = n;
	return 0;
}

int store_library_filter(struct store *st, const char *query, struct store_hits *out)
{
	char *q = fts_query(query, last_word_is_prefix(query));
	struct ranked *r = NULL;
	size_t n = 0, i;
	int rc;

	memset(out, 0, sizeof *out);
	if (!q)
		return 0;
	rc = ranked_matches(st, S_LIBRARY_FILTER, q, &r, &n, &out->more);
	free(q);
	for (i = 0; rc == 0 && i < n; i++) {
		struct store_hit h = {r[i].id, NULL, NULL, NULL};
		VEC_PUSH(out, h);
	}
	free(r);
	return rc;
}

int store_search(struct store *st, const char *query, int prefix_last, int64_t limit,
                 struct store_hits *out)
{
	char *q = fts_query(query, prefix_last);
	struct ranked *r = NULL;
	struct store_sq *sq = NULL;
	sqlite3_stmt *s;
	size_t i, n = 0, base = out->n;

	if (!q)
		return 0;
	if (ranked_matches(st, S_SEARCH_MATCHES, q, &r, &n, &out->more) != 0) {
		free(q);
		return -1;
	}
	free(q);
	if (n > (size_t)(limit > 0 ? limit : 0))
		n = (size_t)(limit > 0 ? limit : 0);
	for (i = 0; i < n; i++) {
		struct store_hit h = {r[i].id, NULL, NULL, NULL};
		s = stmt(st, S_SEARCH_TITLE);
		sqlite3_bind_int64(s, 1, h.id);
		if (sqlite3_step(s) == SQLITE_ROW) {
			h.title = col_strdup(s, 0);
			h.outlet = col_strdup(s, 1);
		}
		sqlite3_reset(s);
		VEC_PUSH(out, h);
	}
	/* Each hit's snippet: its sentence with most of the words; none
	 * is read when the words are in the title only. */
	if (n)
		sq = store_sq_new(st, query, prefix_last, 1);
	for (i = 0; i < n; i++) {
		struct store_hit *h = &out->v[base + i];
		h->snippet = sq && r[i].body ? store_snippet(st, sq, h->id) : NULL;
		if (!h->snippet)
			h->snippet = xstrdup("");
	}
	free(r);
	store_sq_free(sq);
	return 0;
}

void store_hits_free(struct store_hits *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].title);
		free(h->v[i].outlet);
		free(h->v[i].snippet);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

/* --- passages --- */

/* Articles holding a word, a passage_docs_fn whose ctx is the store. */
static double term_docs(void *ctx, const char *w, size_t n)
{
	return store_term_docs(ctx, w, n);
}

int store_passage_search(struct store *st, const char *words, int any, int prefix_last,
                         int64_t exclude_article, int64_t limit, struct store_passages *out)
{
	struct passage_query pq;
	struct store_sq *sq;
	struct ranked *r = NULL;
	int64_t *ids;
	size_t n = 0, i, base = out->n;
	sqlite3_stmt *s;
	char *q, *fts;
	int rc;

	passage_query_plan(words, any, prefix_last, term_docs, st, &pq);
	if (!pq.words)
		return 0;
	q = store_fts_query(pq.words, pq.prefix_last, any);
	sq = store_sq_new(st, pq.words, pq.prefix_last, any);
	free(pq.words);
	if (!sq) {
		free(q);
		return -1;
	}
	/* Passages are sentences of bodies: titles are not searched.  The
	 * matching articles best first, their sentences read from those. */
	fts = xasprintf("body : (%s)", q);
	free(q);
	s = stmt(st, S_PASSAGE_ARTICLES);
	bind_text(s, 1, fts);
	sqlite3_bind_int64(s, 2, exclude_article > 0 ? exclude_article : 0);
	sqlite3_bind_int64(s, 3, any ? -1 : PASSAGE_PICKER_RANKED);
	rc = step_ranked(s, &r, &n);
	free(fts);
	if (rc != SQLITE_DONE) {
		store_sq_free(sq);
		store_set_err(st, rc == SQLITE_INTERRUPT ? "search interrupted" : "cannot search passages");
		return -1;
	}
	if (n)
		qsort(r, n, sizeof *r, cmp_ranked);
	ids = xreallocarray(NULL, n ? n : 1, sizeof *ids);
	for (i = 0; i < n; i++)
		ids[i] = r[i].id;
	free(r);
	rc = store_passages_find(st, sq, ids, n, limit, out);
	free(ids);
	store_sq_free(sq);
	/* Each passage's article title and outlet. */
	for (i = base; rc == 0 && i < out->n; i++) {
		s = stmt(st, S_SEARCH_TITLE);
		sqlite3_bind_int64(s, 1, out->v[i].article_id);
		if (sqlite3_step(s) == SQLITE_ROW) {
			out->v[i].title = col_strdup(s, 0);
			out->v[i].outlet = col_strdup(s, 1);
		}
		sqlite3_reset(s);
	}
	return rc;
}

void store_passages_free(struct store_passages *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].text);
		free(p->v[i].title);
		free(p->v[i].outlet);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}

