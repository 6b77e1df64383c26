/* store_search.c — the store's full-text search: the library's filter,
 * search with snippets, and passages (sentences of the library) for links
 * and related passages.  Part of the store module (see store_internal.h);
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

#define SEARCH_STMTS(X)                                                                            \
	/* The library's filter: the newest matches first, so a word that   \
	 * every article has stops at the limit; bm25 is computed for the   \
	 * rows returned only, and they are ranked in C. */                 \
	X(LIBRARY_FILTER,                                                                          \
	  "SELECT rowid, bm25(article_fts, 5.0, 1.0) FROM article_fts"                             \
	  " WHERE article_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2")                              \
	X(SEARCH_TITLE, "SELECT title, outlet FROM article WHERE id = ?1")                        \
	/* The snippet is the article's best matching sentence: FTS5's      \
	 * snippet() re-reads the whole body, which for a 100 MB article     \
	 * takes a minute.  Its first matching sentences, chosen among in C  \
	 * (best_snippet): ORDER BY rank made FTS5 count each word's         \
	 * sentences in the whole library for every article shown (1.5-4 ms  \
	 * each for common words at 100,000 articles). */                                          \
	X(SEARCH_SNIPPET,                                                                          \
	  "SELECT rowid FROM sentence_fts"                                                         \
	  " WHERE sentence_fts MATCH ?1 AND rowid BETWEEN ?2 * 16777216 AND ?2 * 16777216 + 16777215" \
	  " LIMIT ?3")                                                                             \
	X(SEARCH_SENTENCE, "SELECT text FROM sentence_fts WHERE rowid = ?1")                       \
	/* highlight() marks a short sentence; a long one (a 10 MB line is   \
	 * one "sentence") is cut to a window first, in C: highlight() over  \
	 * it took minutes. */                                                                     \
	X(SEARCH_MARK,                                                                             \
	  "SELECT highlight(sentence_fts, 0, char(1), char(2)) FROM sentence_fts"                  \
	  " WHERE sentence_fts MATCH ?1 AND rowid = ?2")                                           \
	/* Passages: the matches' bm25 (the newest ?3 of them; -1: all),   \
	 * ranked in C; then each shown one's text, so that only those are  \
	 * joined with their article and cut. */                            \
	X(PASSAGES_NEWEST,                                                                         \
	  "SELECT rowid, bm25(sentence_fts) FROM sentence_fts WHERE sentence_fts MATCH ?1"         \
	  " AND (?2 <= 0 OR rowid NOT BETWEEN ?2 * 16777216 AND ?2 * 16777216 + 16777215)"         \
	  " ORDER BY rowid DESC LIMIT ?3")                                                         \
	X(PASSAGE_ROW,                                                                             \
	  "SELECT f.start, f.end, substr(f.text, 1, 2000), a.title, a.outlet"                      \
	  " FROM sentence_fts f JOIN article a ON a.id = f.rowid >> 24 WHERE f.rowid = ?1")        \
	X(TERM_DOCS, "SELECT doc FROM sentence_vocab WHERE term = ?1")

STORE_STATEMENTS(STORE_PART_SEARCH, SEARCH_STMTS)

/* Each word of the user's query as a quoted FTS5 string: user text is
 * never FTS5 syntax.  any joins them with OR instead of AND. */
static char *fts_query_mode(const char *q, int prefix_last, int any)
{
	struct buf b = {0};
	const char *p = q;

	while (*p) {
		const char *w;
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		w = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		if (b.len)
			buf_adds(&b, any ? " OR " : " ");
		buf_addc(&b, '"');
		for (; w < p; w++) {
			if (*w == '"')
				buf_addc(&b, '"');
			buf_addc(&b, *w);
		}
		buf_addc(&b, '"');
		if (prefix_last && !*p)
			buf_addc(&b, '*');
	}
	return b.s;
}

static char *fts_query(const char *q, int prefix_last)
{
	return fts_query_mode(q, prefix_last, 0);
}

/* Sentences up to this many bytes are marked whole by highlight(). */
#define SNIPPET_WHOLE 4096
/* A snippet is chosen among an article's first SNIPPET_CANDIDATES
 * matching sentences, reading at most about SNIPPET_READ bytes of them. */
#define SNIPPET_CANDIDATES 16
#define SNIPPET_READ ((size_t)1 << 20)

static int is_word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Which of the query's words (0 the first) the word text[a..b) matches,
 * ASCII case folded, the last word as a prefix with prefix_last; -1 none. */
static int word_which(const char *text, size_t a, size_t b, const char *query, int prefix_last)
{
	const char *p = query;
	int w = 0;

	while (*p) {
		size_t n = 0, k;
		int last;
		while (*p && !is_word_byte((unsigned char)*p))
			p++;
		while (is_word_byte((unsigned char)p[n]))
			n++;
		if (!n)
			break;
		for (k = n; p[k] && !is_word_byte((unsigned char)p[k]); k++)
			;
		last = !p[k];
		if ((b - a == n || (prefix_last && last && b - a > n))) {
			for (k = 0; k < n; k++) {
				unsigned char x = (unsigned char)text[a + k], y = (unsigned char)p[k];
				if (x != y && !(x < 0x80 && y < 0x80 && (x | 0x20) == (y | 0x20) &&
				                (x | 0x20) >= 'a' && (x | 0x20) <= 'z'))
					break;
			}
			if (k == n)
				return w;
		}
		p += n;
		w++;
	}
	return -1;
}

static int word_matches(const char *text, size_t a, size_t b, const char *query, int prefix_last)
{
	return word_which(text, a, b, query, prefix_last) >= 0;
}

/* The next word of text[*pos..len): 1 with it at [*a, *pos), 0 at the end. */
static int next_word(const char *text, size_t len, size_t *pos, size_t *a)
{
	while (*pos < len && !is_word_byte((unsigned char)text[*pos]))
		(*pos)++;
	*a = *pos;
	while (*pos < len && is_word_byte((unsigned char)text[*pos]))
		(*pos)++;
	return *pos > *a;
}

/* How well a sentence answers the query: how many of its different words
 * it holds (the first 32), then how many times; looked for in its first
 * SNIPPET_WHOLE bytes. */
static unsigned long sentence_score(const char *text, size_t len, const char *query, int prefix_last)
{
	unsigned long words = 0, times = 0, n = 0;
	size_t pos = 0, a;

	if (len > SNIPPET_WHOLE)
		len = SNIPPET_WHOLE;
	while (next_word(text, len, &pos, &a)) {
		int w = word_which(text, a, pos, query, prefix_last);
		if (w >= 0) {
			words |= w < 32 ? 1UL << w : 0;
			times++;
		}
	}
	for (; words; words &= words - 1)
		n++;
	return n << 16 | (times < 0xffff ? times : 0xffff);
}

/* A snippet of a long sentence: about 360 bytes around its first word
 * that matches the query, cut at words, with "…" where cut and the
 * query's words marked \1...\2 as highlight() marks them.  Costs the
 * bytes up to the hit, never the whole sentence's markup. */
static char *snippet_window(const char *text, size_t len, const char *query, int prefix_last)
{
	size_t pos = 0, hit = len, from, to, w;
	struct buf b = {0};

	while (next_word(text, len, &pos, &w)) {
		if (word_matches(text, w, pos, query, prefix_last)) {
			hit = w;
			break;
		}
	}
	if (hit == len)
		hit = 0;
	from = hit > 120 ? hit - 120 : 0;
	to = hit + 240 < len ? hit + 240 : len;
	/* Whole words (and so whole characters) only. */
	while (from > 0 && from < hit && is_word_byte((unsigned char)text[from - 1]))
		from++;
	while (to < len && to > hit && is_word_byte((unsigned char)text[to]))
		to--;
	if (from)
		buf_adds(&b, "…");
	pos = from;
	while (pos < to) {
		size_t a = pos;
		if (!is_word_byte((unsigned char)text[pos])) {
			while (pos < to && !is_word_byte((unsigned char)text[pos]))
				pos++;
			buf_add(&b, text + a, pos - a);
			continue;
		}
		while (pos < to && is_word_byte((unsigned char)text[pos]))
			pos++;
		if (word_matches(text, a, pos, query, prefix_last)) {
			buf_addc(&b, 1);
			buf_add(&b, text + a, pos - a);
			buf_addc(&b, 2);
		} else {
			buf_add(&b, text + a, pos - a);
		}
	}
	if (to < len)
		buf_adds(&b, "…");
	return buf_steal(&b);
}

struct ranked {
	int64_t id;
	double score;
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

/* Every row (id, score) of a bound statement, in its order; the statement
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
		r[n++].score = sqlite3_column_double(s, 1);
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
static int ranked_matches(struct store *st, const char *q, struct ranked **out, size_t *nout,
                          int *more)
{
	struct ranked *r;
	size_t n;
	sqlite3_stmt *s = stmt(st, S_LIBRARY_FILTER);
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
	rc = ranked_matches(st, q, &r, &n, &out->more);
	free(q);
	for (i = 0; rc == 0 && i < n; i++) {
		struct store_hit h = {r[i].id, NULL, NULL, NULL};
		VEC_PUSH(out, h);
	}
	free(r);
	return rc;
}

/* An article's snippet for the FTS5 query q (the user's query is
 * query, of nwords words): its sentence with most of the query's words,
 * the earliest of those that tie, among its first SNIPPET_CANDIDATES
 * matching sentences; the first that has them all ends the look, as does
 * reading more than SNIPPET_READ bytes of sentences (an article of 10 MB
 * lines).  NULL when none matches (the words are in the title only). */
static char *best_snippet(struct store *st, const char *q, int64_t article, const char *query,
                          int prefix_last, unsigned long nwords)
{
	int64_t rows[SNIPPET_CANDIDATES], row = -1;
	size_t nrows = 0, k, read = 0;
	unsigned long best = 0;
	char *snippet = NULL;
	sqlite3_stmt *s = stmt(st, S_SEARCH_SNIPPET);

	bind_text(s, 1, q);
	sqlite3_bind_int64(s, 2, article);
	sqlite3_bind_int(s, 3, SNIPPET_CANDIDATES);
	while (nrows < SNIPPET_CANDIDATES && sqlite3_step(s) == SQLITE_ROW)
		rows[nrows++] = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	for (k = 0; k < nrows && (k == 0 || read < SNIPPET_READ) && (row < 0 || best >> 16 < nwords); k++) {
		const char *t;
		size_t tn;
		unsigned long score;
		s = stmt(st, S_SEARCH_SENTENCE);
		sqlite3_bind_int64(s, 1, rows[k]);
		if (sqlite3_step(s) == SQLITE_ROW && (t = (const char *)sqlite3_column_text(s, 0))) {
			tn = (size_t)sqlite3_column_bytes(s, 0);
			read += tn;
			score = sentence_score(t, tn, query, prefix_last);
			if (row < 0 || score > best) {
				row = rows[k];
				best = score;
				free(snippet);
				/* A long one is cut to a window now, while its text is
				 * here; a short one is marked by highlight() below. */
				snippet = tn > SNIPPET_WHOLE ? snippet_window(t, tn, query, prefix_last) : NULL;
			}
		}
		sqlite3_reset(s);
	}
	if (row >= 0 && !snippet) {
		s = stmt(st, S_SEARCH_MARK);
		bind_text(s, 1, q);
		sqlite3_bind_int64(s, 2, row);
		if (sqlite3_step(s) == SQLITE_ROW)
			snippet = col_strdup(s, 0);
		sqlite3_reset(s);
	}
	return snippet;
}

int store_search(struct store *st, const char *query, int prefix_last, int64_t limit,
                 struct store_hits *out)
{
	char *q = fts_query(query, prefix_last);
	struct ranked *r = NULL;
	sqlite3_stmt *s;
	size_t i, n = 0, pos = 0, w;
	unsigned long nwords = 0;

	if (!q)
		return 0;
	while (nwords < 32 && next_word(query, strlen(query), &pos, &w))
		nwords++;
	if (ranked_matches(st, q, &r, &n, &out->more) != 0) {
		free(q);
		return -1;
	}
	for (i = 0; i < n && (int64_t)i < limit; i++) {
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
	free(r);
	for (i = 0; i < out->n; i++) {
		if (out->v[i].snippet)
			continue;
		out->v[i].snippet = best_snippet(st, q, out->v[i].id, query, prefix_last, nwords);
		if (!out->v[i].snippet) /* the words are in the title only */
			out->v[i].snippet = xstrdup("");
	}
	free(q);
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

/* Sentences holding a term (a prefix when prefix), a passage_docs_fn
 * whose ctx is the store: FTS5 folds case and diacritics, so ASCII words
 * are folded the same way here; other words may be missed and count as
 * rare, which only costs a ranked query. */
static double term_docs(void *ctx, const char *w, size_t n)
{
	struct store *st = ctx;
	sqlite3_stmt *s = stmt(st, S_TERM_DOCS);
	char *t = xstrndup(w, n), *p;
	double d = 0;

	for (p = t; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	bind_text(s, 1, t);
	if (sqlite3_step(s) == SQLITE_ROW)
		d = sqlite3_column_double(s, 0);
	sqlite3_reset(s);
	free(t);
	return d;
}

/* The newest `newest` sentences matching q (-1: all of them) ranked by
 * bm25, the best limit of them read in full.  The picker bounds newest,
 * so its cost does not grow with the number of matches; related passages
 * rank every candidate, bounded by the words they choose. */
static int passages_ranked(struct store *st, const char *q, int64_t exclude_article, int64_t newest,
                           int64_t limit, struct store_passages *out)
{
	struct ranked *v;
	size_t n, i;
	sqlite3_stmt *s = stmt(st, S_PASSAGES_NEWEST);
	int rc;

	bind_text(s, 1, q);
	sqlite3_bind_int64(s, 2, exclude_article);
	sqlite3_bind_int64(s, 3, newest);
	if (step_ranked(s, &v, &n) != SQLITE_DONE) {
		store_set_err(st, "cannot search passages");
		return -1;
	}
	if (n)
		qsort(v, n, sizeof *v, cmp_ranked);
	for (i = 0; i < n && (limit < 0 || (int64_t)i < limit); i++) {
		struct store_passage ps;
		s = stmt(st, S_PASSAGE_ROW);
		sqlite3_bind_int64(s, 1, v[i].id);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			ps.article_id = v[i].id >> 24;
			ps.start = (size_t)sqlite3_column_int64(s, 0);
			ps.end = (size_t)sqlite3_column_int64(s, 1);
			ps.text = col_strdup(s, 2);
			ps.title = col_strdup(s, 3);
			ps.outlet = col_strdup(s, 4);
			ps.rank = v[i].score;
			VEC_PUSH(out, ps);
		}
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			free(v);
			store_set_err(st, "cannot search passages");
			return -1;
		}
	}
	free(v);
	return 0;
}

int store_passage_search(struct store *st, const char *words, int any, int prefix_last,
                         int64_t exclude_article, int64_t limit, struct store_passages *out)
{
	struct passage_query pq;
	char *q;
	int rc;

	passage_query_plan(words, any, prefix_last, term_docs, st, &pq);
	if (!pq.words)
		return 0;
	q = fts_query_mode(pq.words, pq.prefix_last, any);
	free(pq.words);
	rc = passages_ranked(st, q, exclude_article, any ? -1 : PASSAGE_PICKER_RANKED, limit, out);
	free(q);
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

