/* store_passage.c — sentences found when they are asked for: the
 * passages of the link picker and of related passages, and the snippets
 * of a search, are sentences of the articles article_fts matches, split
 * from their text by the splitter the rest of gloss uses and matched with
 * FTS5's own tokenizer (the one article_fts indexes with), so that a
 * sentence holds a word exactly when the index says its article does.
 * No index of sentences is kept: schema step 13 dropped sentence_fts,
 * which cost a third of storing an import and held every text twice.
 * The cost of a search is bounded by what it reads: at most a few MiB of
 * the best matching articles.  Part of the store module (see
 * store_internal.h). */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/passage.h"
#include "gloss/sentence.h"
#include "gloss/store.h"
#include "gloss/util.h"
#include "store_internal.h"

#define PASSAGE_STMTS(X)                                                                           \
	X(FTS5_API, "SELECT fts5(?1)")                                                             \
	X(BODY_HEAD, "SELECT substr(body, 1, ?2), length(body) > ?2 FROM article WHERE id = ?1")   \
	X(TERM_DOCS, "SELECT doc FROM article_vocab WHERE term = ?1")

STORE_STATEMENTS(STORE_PART_PASSAGE, PASSAGE_STMTS)

/* What a search reads: a snippet looks at the first SNIPPET_READ bytes
 * of its article, and among its first SNIPPET_CANDIDATES matching
 * sentences; passages are read from at most PASSAGE_ARTICLES of the best
 * matching articles that have a matching sentence, PASSAGE_READ bytes of
 * each and PASSAGE_READ_TOTAL in all. */
#define SNIPPET_READ ((size_t)1 << 20)
#define SNIPPET_CANDIDATES 16
/* Sentences up to this many bytes are the snippet whole; a longer one is
 * cut to a window around its first match. */
#define SNIPPET_WHOLE 4096
#define PASSAGE_ARTICLES 64
#define PASSAGE_READ ((size_t)256 << 10)
#define PASSAGE_READ_TOTAL ((size_t)2 << 20)
/* A passage's text is its sentence's first this many characters. */
#define PASSAGE_TEXT_CHARS 2000
/* Words of a query matched in a sentence (FTS5 takes more; a sentence
 * is scored by its first these); fewer than 64, for a mask of them. */
#define SQ_MAX_PHRASES 32

/* FTS5's tokenizer, made as article_fts makes it (schema step 0:
 * tokenize='unicode61 remove_diacritics 2'). */
struct store_tokenizer {
	fts5_tokenizer x;
	Fts5Tokenizer *t;
};

/* Tokens of a text: where each is, and its folded form in terms. */
struct stoken {
	size_t start, end;
	size_t off, len;
};
struct stokens {
	struct stoken *v;
	size_t n, cap;
	struct buf terms;
	size_t base; /* added to the tokenizer's offsets */
};

struct store_sq {
	struct stokens toks; /* the query's tokens, phrase after phrase */
	struct sq_phrase {
		size_t first, n; /* its tokens in toks */
		double idf;
	} ph[SQ_MAX_PHRASES];
	size_t nph;
	int prefix_last; /* the last phrase's last token is a prefix */
	int any;         /* a sentence matches with any phrase, not all */
};

static void tokenizer_free(struct store_tokenizer *tk)
{
	if (tk) {
		tk->x.xDelete(tk->t);
		free(tk);
	}
}

static struct store_tokenizer *tokenizer(struct store *st)
{
	static const char *const args[] = {"remove_diacritics", "2"};
	fts5_api *api = NULL;
	sqlite3_stmt *s;
	struct store_tokenizer *tk;
	void *ud = NULL;

	if (st->tok)
		return st->tok;
	s = stmt(st, S_FTS5_API);
	sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
	(void)sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (!api || api->iVersion < 2)
		return NULL;
	tk = xcalloc(1, sizeof *tk);
	if (api->xFindTokenizer(api, "unicode61", &ud, &tk->x) != SQLITE_OK ||
	    tk->x.xCreate(ud, (const char **)args, 2, &tk->t) != SQLITE_OK) {
		free(tk);
		return NULL;
	}
	st->tok = tk;
	st->tok_free = tokenizer_free;
	return tk;
}

static int on_token(void *ctx, int tflags, const char *t, int n, int start, int end)
{
	struct stokens *tk = ctx;
	struct stoken *x;

	(void)tflags; /* unicode61 gives no colocated tokens */
	if (n < 0 || start < 0 || end < start)
		return SQLITE_OK;
	if (tk->n == tk->cap) {
		tk->cap = tk->cap ? tk->cap * 2 : 256;
		tk->v = xreallocarray(tk->v, tk->cap, sizeof *tk->v);
	}
	x = &tk->v[tk->n++];
	x->start = tk->base + (size_t)start;
	x->end = tk->base + (size_t)end;
	x->off = tk->terms.len;
	x->len = (size_t)n;
	buf_add(&tk->terms, t, (size_t)n);
	return SQLITE_OK;
}

/* Append the tokens of text[0..len) to out, their offsets from base. */
static int tokenize(struct store_tokenizer *tk, int flags, const char *text, size_t len,
                    size_t base, struct stokens *out)
{
	if (len > INT32_MAX)
		return -1;
	out->base = base;
	return tk->x.xTokenize(tk->t, out, flags, text, (int)len, on_token) == SQLITE_OK ? 0 : -1;
}

static void stokens_free(struct stokens *t)
{
	free(t->v);
	buf_free(&t->terms);
	memset(t, 0, sizeof *t);
}

static const char *term_of(const struct stokens *t, size_t i)
{
	return t->terms.s + t->v[i].off;
}

/* Articles holding the folded term t[0..n). */
static double vocab_docs(struct store *st, const char *t, size_t n)
{
	sqlite3_stmt *s = stmt(st, S_TERM_DOCS);
	double d = 0;

	sqlite3_bind_text(s, 1, t, (int)n, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		d = sqlite3_column_double(s, 0);
	sqlite3_reset(s);
	return d;
}

double store_term_docs(struct store *st, const char *w, size_t n)
{
	struct store_tokenizer *tk = tokenizer(st);
	struct stokens t = {0};
	double d = 0;

	/* The word's first token, folded as the index folds it. */
	if (tk && tokenize(tk, FTS5_TOKENIZE_QUERY, w, n, 0, &t) == 0 && t.n)
		d = vocab_docs(st, term_of(&t, 0), t.v[0].len);
	stokens_free(&t);
	return d;
}

struct store_sq *store_sq_new(struct store *st, const char *words, int prefix_last, int any)
{
	struct store_tokenizer *tk = tokenizer(st);
	struct store_sq *q;
	const char *p = words, *w;
	size_t n;

	if (!tk) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf,
		         "cannot search: SQLite's FTS5 tokenizer is not available");
		return NULL;
	}
	q = xcalloc(1, sizeof *q);
	q->any = any;
	while (q->nph < SQ_MAX_PHRASES && (w = util_next_word(&p, &n))) {
		size_t before = q->toks.n;
		if (tokenize(tk, FTS5_TOKENIZE_QUERY, w, n, 0, &q->toks) != 0) {
			q->toks.n = before;
			continue;
		}
		if (q->toks.n == before)
			continue; /* no word in it ("—") */
		q->ph[q->nph].first = before;
		q->ph[q->nph].n = q->toks.n - before;
		q->ph[q->nph].idf = 1;
		q->nph++;
	}
	/* Only a prefix typed last is one. */
	q->prefix_last = prefix_last && !util_next_word(&p, &n);
	return q;
}

void store_sq_free(struct store_sq *q)
{
	if (q) {
		stokens_free(&q->toks);
		free(q);
	}
}

/* Does phrase p of q start at token i of t (all its tokens before end)? */
static int phrase_at(const struct store_sq *q, size_t p, const struct stokens *t, size_t i,
                     size_t end)
{
	const struct sq_phrase *ph = &q->ph[p];
	size_t k;

	if (i + ph->n > end)
		return 0;
	for (k = 0; k < ph->n; k++) {
		const struct stoken *a = &q->toks.v[ph->first + k], *b = &t->v[i + k];
		int prefix = q->prefix_last && p == q->nph - 1 && k == ph->n - 1;
		if (prefix ? b->len < a->len : b->len != a->len)
			return 0;
		if (memcmp(term_of(&q->toks, ph->first + k), term_of(t, i + k), a->len) != 0)
			return 0;
	}
	return 1;
}

/* The phrases of q in tokens [a, b) of t: how often each (tf[p]), which
 * (the return value's bits), and the first token of the first match. */
static uint64_t sq_match(const struct store_sq *q, const struct stokens *t, size_t a, size_t b,
                         unsigned *tf, size_t *first)
{
	uint64_t mask = 0;
	size_t i, p;

	memset(tf, 0, q->nph * sizeof *tf);
	*first = b;
	for (i = a; i < b; i++)
		for (p = 0; p < q->nph; p++)
			if (phrase_at(q, p, t, i, b)) {
				mask |= (uint64_t)1 << p;
				tf[p]++;
				if (*first == b)
					*first = i;
			}
	return mask;
}

/* (SQ_MAX_PHRASES is below 64: the mask of all of them is defined.) */
static int sq_matches(const struct store_sq *q, uint64_t mask)
{
	return q->any ? mask != 0 : mask == ((uint64_t)1 << q->nph) - 1;
}

static size_t popcount(uint64_t m)
{
	size_t n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

/* The first cap bytes of an article's body (less at its end), cut at a
 * character; *more when there is more.  Blob I/O in a UTF-8 database
 * (the pages read are the bytes asked for), else through SQL (whose
 * substr counts characters: up to four times cap bytes there).  NULL
 * when it is not there or cannot be read. */
static char *body_head(struct store *st, int64_t id, size_t cap, size_t *len, int *more)
{
	sqlite3_blob *b = NULL;
	char *t = NULL;

	*len = 0;
	*more = 0;
	if (st->utf8 && sqlite3_blob_open(st->core.db, "main", "article", "body", id, 0, &b) == SQLITE_OK) {
		size_t size = (size_t)sqlite3_blob_bytes(b), n = size < cap ? size : cap;
		/* One byte past the cut, to see whether a character goes on. */
		size_t r = n < size ? n + 1 : n;
		t = xmalloc(r + 1);
		if (sqlite3_blob_read(b, t, (int)r, 0) != SQLITE_OK) {
			free(t);
			t = NULL;
		} else {
			*more = n < size;
			/* Back to the start of the character the cut is in. */
			while (*more && n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
				n--;
			t[n] = '\0';
			*len = n;
		}
		sqlite3_blob_close(b);
		return t;
	}
	{
		sqlite3_stmt *s = stmt(st, S_BODY_HEAD);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)cap);
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
			*len = (size_t)sqlite3_column_bytes(s, 0);
			t = xmalloc(*len + 1);
			memcpy(t, sqlite3_column_text(s, 0), *len + 1);
			*more = sqlite3_column_int(s, 1);
		}
		sqlite3_reset(s);
	}
	return t;
}

/* Part of a word (as the snippet's window cuts): a letter or digit of
 * ASCII, or any byte of a longer character. */
static int word_byte(char c)
{
	unsigned char u = (unsigned char)c;
	return u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z');
}

/* The first token of t at or after byte pos, from token i on. */
static size_t token_from(const struct stokens *t, size_t i, size_t pos)
{
	while (i < t->n && t->v[i].start < pos)
		i++;
	return i;
}

/* text[from..to) with q's matches in tokens [a, b) of t marked \1...\2 as
 * FTS5's highlight() marks them, and "…" where it was cut. */
static void mark_range(struct buf *out, const struct store_sq *q, const char *text,
                       const struct stokens *t, size_t a, size_t b, size_t from, size_t to,
                       int cut_before, int cut_after)
{
	size_t pos = from, i, p;

	if (cut_before)
		buf_adds(out, "…");
	for (i = a; i < b; i++) {
		for (p = 0; p < q->nph; p++)
			if (phrase_at(q, p, t, i, b))
				break;
		if (p == q->nph || t->v[i].start < pos)
			continue;
		{
			size_t last = i + q->ph[p].n - 1;
			buf_add(out, text + pos, t->v[i].start - pos);
			buf_addc(out, 1);
			buf_add(out, text + t->v[i].start, t->v[last].end - t->v[i].start);
			buf_addc(out, 2);
			pos = t->v[last].end;
			i = last;
		}
	}
	if (to > pos)
		buf_add(out, text + pos, to - pos);
	if (cut_after)
		buf_adds(out, "…");
}

char *store_snippet(struct store *st, const struct store_sq *q, int64_t article)
{
	struct store_tokenizer *tk = tokenizer(st);
	struct sentence_vec sv = {0};
	struct stokens t = {0};
	size_t len, i, cands = 0, best_s = 0, best_e = 0, best_first = 0;
	unsigned long best = 0;
	int more, found = 0;
	char *body, *snippet = NULL;

	if (!tk || !q->nph || !(body = body_head(st, article, SNIPPET_READ, &len, &more)))
		return NULL;
	sentence_split(body, len, &sv);
	/* The sentence with most of the words, the earliest of those that
	 * tie; one with them all ends the look. */
	for (i = 0; i < sv.n && cands < SNIPPET_CANDIDATES; i++) {
		size_t s = sv.v[i].start, e = sv.v[i].end, first;
		uint64_t mask;
		unsigned long score, hits = 0;
		unsigned tf[SQ_MAX_PHRASES];
		size_t p;
		t.n = 0;
		t.terms.len = 0;
		if (tokenize(tk, FTS5_TOKENIZE_DOCUMENT, body + s, e - s, s, &t) != 0)
			break;
		mask = sq_match(q, &t, 0, t.n, tf, &first);
		if (!mask)
			continue;
		cands++;
		for (p = 0; p < q->nph; p++)
			hits += tf[p];
		score = (unsigned long)popcount(mask) << 16 | (hits < 0xffff ? hits : 0xffff);
		if (!found || score > best) {
			found = 1;
			best = score;
			best_s = s;
			best_e = e;
			best_first = t.v[first].start;
		}
		if (popcount(mask) == q->nph)
			break;
	}
	if (found) {
		struct buf b = {0};
		size_t from = best_s, to = best_e, a, z;
		if (to - from > SNIPPET_WHOLE) {
			/* A window around the first match, at characters. */
			from = best_first > best_s + 120 ? best_first - 120 : best_s;
			to = best_first + 240 < best_e ? best_first + 240 : best_e;
			while (from < to && ((unsigned char)body[from] & 0xC0) == 0x80)
				from++;
			while (to > from && to < best_e && ((unsigned char)body[to] & 0xC0) == 0x80)
				to--;
		}
		t.n = 0;
		t.terms.len = 0;
		if (tokenize(tk, FTS5_TOKENIZE_DOCUMENT, body + from, to - from, from, &t) == 0) {
			/* Whole words: a word the window cuts is left out. */
			a = 0;
			z = t.n;
			if (from > best_s && z > 0 && t.v[0].start == from && word_byte(body[from - 1])) {
				a = 1;
				from = a < z ? t.v[a].start : to;
			}
			if (to < best_e && z > a && t.v[z - 1].end == to && word_byte(body[to])) {
				z--;
				to = z > a ? t.v[z - 1].end : from;
			}
			/* a sentence the read cut goes on past its end */
			mark_range(&b, q, body, &t, a, z, from, to, from > best_s,
			           to < best_e || (more && best_e == len));
			snippet = buf_steal(&b);
		}
	}
	stokens_free(&t);
	free(sv.v);
	free(body);
	return snippet;
}

/* --- passages --- */

struct cand {
	size_t art;        /* in the articles read */
	size_t start, end; /* in its body */
	size_t dl;         /* tokens */
	size_t tf;         /* its phrase counts, in the tf pool */
	double score;
};

struct read_article {
	int64_t id;
	char *body;
};

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->art != y->art)
		return x->art < y->art ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* A text's first PASSAGE_TEXT_CHARS characters. */
static char *text_head(const char *s, size_t n)
{
	size_t i, chars = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > PASSAGE_TEXT_CHARS)
			break;
	return xstrndup(s, i);
}

/* The sentences of one article's head that match q, as candidates. */
static int article_cands(struct store_tokenizer *tk, const struct store_sq *q, size_t art,
                         const char *body, size_t len, int more, struct cand **cv, size_t *cn,
                         size_t *ccap, unsigned **tfv, size_t *tfn, size_t *tfcap,
                         size_t *sentences, size_t *tokens)
{
	struct sentence_vec sv = {0};
	struct stokens t = {0};
	size_t i, ti = 0;
	int rc = 0;

	sentence_split(body, len, &sv);
	/* A sentence cut by the read is not a passage, unless it is the
	 * only one (a line longer than the read): then its part read is. */
	if (more && sv.n > 1)
		sv.n--;
	if (tokenize(tk, FTS5_TOKENIZE_DOCUMENT, body, len, 0, &t) != 0)
		rc = -1;
	for (i = 0; rc == 0 && i < sv.n; i++) {
		size_t a = token_from(&t, ti, sv.v[i].start), b = a, first;
		uint64_t mask;
		while (b < t.n && t.v[b].end <= sv.v[i].end)
			b++;
		ti = b;
		(*sentences)++;
		*tokens += b - a;
		if (b == a)
			continue;
		if (*tfn + q->nph > *tfcap) {
			*tfcap = (*tfn + q->nph) * 2;
			*tfv = xreallocarray(*tfv, *tfcap, sizeof **tfv);
		}
		mask = sq_match(q, &t, a, b, *tfv + *tfn, &first);
		if (!sq_matches(q, mask))
			continue;
		if (*cn == *ccap) {
			*ccap = *ccap ? *ccap * 2 : 256;
			*cv = xreallocarray(*cv, *ccap, sizeof **cv);
		}
		(*cv)[(*cn)++] = (struct cand){art, sv.v[i].start, sv.v[i].end, b - a, *tfn, 0};
		*tfn += q->nph;
	}
	stokens_free(&t);
	free(sv.v);
	return rc;
}

/* Each phrase's inverse document frequency among the library's articles
 * (a phrase of several tokens: its rarest). */
static void sq_idf(struct store *st, struct store_sq *q)
{
	double total = (double)store_article_count(st);
	size_t p, k;

	for (p = 0; p < q->nph; p++) {
		double docs = -1, idf;
		for (k = 0; k < q->ph[p].n; k++) {
			size_t i = q->ph[p].first + k;
			double d = vocab_docs(st, term_of(&q->toks, i), q->toks.v[i].len);
			if (docs < 0 || d < docs)
				docs = d;
		}
		/* log(1 + ...): a word in more than half the articles (a
		 * library about one story) still weighs something */
		idf = log(1 + (total - docs + 0.5) / (docs + 0.5));
		q->ph[p].idf = idf > 1e-6 ? idf : 1e-6;
	}
}

int store_passages_find(struct store *st, struct store_sq *q, const int64_t *articles, size_t narts,
                        int64_t limit, struct store_passages *out)
{
	struct store_tokenizer *tk = tokenizer(st);
	struct read_article *read = NULL;
	struct cand *cv = NULL;
	unsigned *tfv = NULL;
	size_t nread = 0, cn = 0, ccap = 0, tfn = 0, tfcap = 0, sentences = 0, tokens = 0;
	size_t bytes = 0, i;
	double avgdl;
	int rc = 0;

	if (!tk) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf,
		         "cannot search passages: SQLite's FTS5 tokenizer is not available");
		return -1;
	}
	if (!q->nph)
		return 0; /* no word in the words ("—") */
	if (q->any)
		sq_idf(st, q);
	/* Only articles with a matching sentence count towards
	 * PASSAGE_ARTICLES: an article whose words are in different
	 * sentences gives none, and the next is read instead. */
	for (i = 0; i < narts && nread < PASSAGE_ARTICLES && bytes < PASSAGE_READ_TOTAL; i++) {
		size_t len, before = cn;
		int more;
		char *body = body_head(st, articles[i], PASSAGE_READ, &len, &more);
		if (!body)
			continue;
		bytes += len;
		if (article_cands(tk, q, nread, body, len, more, &cv, &cn, &ccap, &tfv, &tfn, &tfcap,
		                  &sentences, &tokens) != 0) {
			free(body);
			rc = -1;
			break;
		}
		if (cn == before) {
			free(body);
			continue;
		}
		read = xreallocarray(read, nread + 1, sizeof *read);
		read[nread].id = articles[i];
		read[nread].body = body;
		nread++;
	}
	/* bm25 of each sentence, as FTS5 ranked a table of sentences. */
	avgdl = sentences ? (double)tokens / (double)sentences : 1;
	for (i = 0; rc == 0 && i < cn; i++) {
		double sc = 0, k1 = 1.2, b = 0.75;
		size_t p;
		for (p = 0; p < q->nph; p++) {
			double tf = tfv[cv[i].tf + p];
			if (tf > 0)
				sc += q->ph[p].idf * tf * (k1 + 1) /
				      (tf + k1 * (1 - b + b * (double)cv[i].dl / avgdl));
		}
		cv[i].score = sc;
	}
	if (cn)
		qsort(cv, cn, sizeof *cv, cmp_cand);
	for (i = 0; rc == 0 && i < cn && (limit < 0 || (int64_t)i < limit); i++) {
		const struct read_article *ra = &read[cv[i].art];
		struct store_passage ps = {0};
		ps.article_id = ra->id;
		ps.start = cv[i].start;
		ps.end = cv[i].end;
		ps.text = text_head(ra->body + cv[i].start, cv[i].end - cv[i].start);
		ps.rank = -cv[i].score;
		VEC_PUSH(out, ps);
	}
	if (rc != 0)
		store_set_err(st, "cannot search passages");
	for (i = 0; i < nread; i++)
		free(read[i].body);
	free(read);
	free(cv);
	free(tfv);
	return rc;
}
