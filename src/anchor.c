/* anchor.c — owns the text-quote selectors of highlights and their
 * re-anchoring when an article's text changes.  A selector is the quoted
 * text plus up to ANCHOR_CONTEXT_CHARS code points of context either side;
 * resolving one tries every exact occurrence of the quote first (ranked by
 * how much context still matches, then by nearness to the old position),
 * then a bounded-edit-distance search (Myers' bit-vector algorithm in its
 * blocked form, so quotes of any length cost O(n * ceil(m/64))), and gives
 * up — orphaned — only when neither finds anything.  Bodies may hold any
 * bytes (invalid UTF-8 is tolerated, and every offset handed out lies on
 * a character boundary); selectors are C strings, so a NUL inside a
 * highlight or its context cuts that string short. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "gloss/anchor.h"
#include "gloss/util.h"

/* Past this many equally good fuzzy candidates only the most promising
 * (by suffix and nearness) get their start recovered, so that degenerate
 * bodies such as one byte repeated a million times stay linear.  The
 * budget (in 64-row block steps) lowers the limit for very long quotes,
 * where each recovery costs (m + k) * m / 64. */
#define MAX_FUZZY_CANDIDATES 256
#define RECOVERY_BUDGET ((size_t)1 << 24)

/* ---- character boundaries ------------------------------------------- */

static int is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* Length of the well-formed UTF-8 sequence starting at p, or 0. */
static size_t seq_len(const unsigned char *s, size_t len, size_t p)
{
	ucs4_t uc;
	int n = u8_mbtoucr(&uc, s + p, len - p);

	return n > 0 ? (size_t)n : 0;
}

/* Start of the character containing byte p.  Only a well-formed sequence
 * makes a character of several bytes; any other byte stands alone, which
 * is how a resynchronising decoder sees invalid input. */
static size_t char_start(const unsigned char *s, size_t len, size_t p)
{
	size_t q, stop;

	if (p >= len)
		return len;
	if (!is_cont(s[p]))
		return p;
	stop = p >= 3 ? p - 3 : 0;
	for (q = p; q > stop;) {
		--q;
		if (!is_cont(s[q])) {
			size_t n = seq_len(s, len, q);
			return q + n > p ? q : p;
		}
	}
	return p;
}

/* First boundary at or after p. */
static size_t char_end(const unsigned char *s, size_t len, size_t p)
{
	size_t q = char_start(s, len, p);
	size_t n;

	if (q == p)
		return p;
	n = seq_len(s, len, q);
	return q + n;
}

static size_t next_char(const unsigned char *s, size_t len, size_t p)
{
	size_t n;

	if (p >= len)
		return len;
	n = seq_len(s, len, p);
	return p + (n ? n : 1);
}

static size_t prev_char(const unsigned char *s, size_t len, size_t p)
{
	return p == 0 ? 0 : char_start(s, len, p - 1);
}

/* ---- selectors ------------------------------------------------------- */

void anchor_selector_make(const char *body, size_t len, size_t start, size_t end,
                          struct anchor_selector *sel)
{
	const unsigned char *s = (const unsigned char *)body;
	size_t a, b;
	int i;

	if (!body)
		len = 0;
	if (end > len)
		end = len;
	if (start > end)
		start = end;
	start = char_start(s, len, start);
	end = char_start(s, len, end);
	a = start;
	for (i = 0; i < ANCHOR_CONTEXT_CHARS && a > 0; i++)
		a = prev_char(s, len, a);
	b = end;
	for (i = 0; i < ANCHOR_CONTEXT_CHARS && b < len; i++)
		b = next_char(s, len, b);
	sel->quote = xstrndup(len ? body + start : "", end - start);
	sel->prefix = xstrndup(len ? body + a : "", start - a);
	sel->suffix = xstrndup(len ? body + end : "", b - end);
}

void anchor_selector_free(struct anchor_selector *sel)
{
	if (!sel)
		return;
	free(sel->quote);
	free(sel->prefix);
	free(sel->suffix);
	sel->quote = sel->prefix = sel->suffix = NULL;
}

/* ---- ranking --------------------------------------------------------- */

struct ctx {
	const unsigned char *body;
	size_t len;
	const unsigned char *prefix, *suffix;
	size_t plen, slen;
	size_t old_start;
};

/* Bytes of the stored prefix that still precede start, compared backwards
 * because the context nearest the quote is what matters most. */
static size_t prefix_score(const struct ctx *c, size_t start)
{
	size_t n = 0;

	while (n < c->plen && n < start && c->prefix[c->plen - 1 - n] == c->body[start - 1 - n])
		n++;
	return n;
}

static size_t suffix_score(const struct ctx *c, size_t end)
{
	size_t n = 0;

	while (n < c->slen && end + n < c->len && c->suffix[n] == c->body[end + n])
		n++;
	return n;
}

static size_t distance(size_t a, size_t b)
{
	return a > b ? a - b : b - a;
}

struct pick {
	int found;
	size_t start, end, score, dist;
};

static void consider(struct pick *best, const struct ctx *c, size_t start, size_t end)
{
	size_t score = prefix_score(c, start) + suffix_score(c, end);
	size_t dist = distance(start, c->old_start);

	if (!best->found || score > best->score ||
	    (score == best->score && (dist < best->dist ||
	                              (dist == best->dist && start < best->start)))) {
		best->found = 1;
		best->start = start;
		best->end = end;
		best->score = score;
		best->dist = dist;
	}
}

/* ---- exact ----------------------------------------------------------- */

static int find_exact(const struct ctx *c, const unsigned char *q, size_t m, struct pick *best)
{
	const unsigned char *s = c->body;
	size_t from = 0;

	/* The common case after a small edit elsewhere: the quote is still
	 * where it was with all its context, and nothing can beat that. */
	if (c->old_start <= c->len && m <= c->len - c->old_start &&
	    memcmp(s + c->old_start, q, m) == 0 &&
	    char_start(s, c->len, c->old_start) == c->old_start &&
	    char_start(s, c->len, c->old_start + m) == c->old_start + m &&
	    prefix_score(c, c->old_start) == c->plen &&
	    suffix_score(c, c->old_start + m) == c->slen) {
		consider(best, c, c->old_start, c->old_start + m);
		return 1;
	}
	while (from + m <= c->len) {
		const unsigned char *hit = memmem(s + from, c->len - from, q, m);
		size_t at;

		if (!hit)
			break;
		at = (size_t)(hit - s);
		/* A quote that begins or ends mid-character (only possible
		 * with invalid UTF-8) must not split a character here. */
		if (char_start(s, c->len, at) == at && char_start(s, c->len, at + m) == at + m)
			consider(best, c, at, at + m);
		from = at + 1;
	}
	return best->found;
}

/* ---- approximate (Myers 1999, blocked) ------------------------------- */

/* One 64-row block of one text column.  hin/return value are the
 * horizontal deltas entering at the block's top row and leaving at its
 * row `high`; eq has a bit set for every pattern row equal to the text
 * byte.  Branch-free, since this runs once per byte per active block. */
static inline int block_step(uint64_t *pv, uint64_t *mv, uint64_t eq, int hin, uint64_t high)
{
	uint64_t p = *pv, mn = *mv, xv, xh, ph, mh;
	uint64_t neg = (uint64_t)(hin < 0), pos = (uint64_t)(hin > 0);
	int hout;

	xv = eq | mn;
	eq |= neg;
	xh = (((eq & p) + p) ^ p) | eq;
	ph = mn | ~(xh | p);
	mh = p & xh;
	hout = (int)((ph & high) != 0) - (int)((mh & high) != 0);
	ph = (ph << 1) | pos;
	mh = (mh << 1) | neg;
	*pv = mh | ~(xv | ph);
	*mv = ph & xv;
	return hout;
}

struct pattern {
	size_t m, w;     /* length in bytes, number of 64-row blocks */
	uint64_t *peq;   /* [256][w]: rows where the pattern holds each byte */
	uint64_t *pv, *mv;
	uint64_t *high;  /* bit of each block's last pattern row */
	long *rows;      /* pattern rows in each block */
	long *score;     /* edit distance at each block's last row */
};

static void pattern_init(struct pattern *pt, const unsigned char *q, size_t m, int reversed)
{
	size_t i;

	pt->m = m;
	pt->w = (m + 63) / 64;
	pt->peq = xcalloc(256 * pt->w, sizeof *pt->peq);
	pt->pv = xcalloc(pt->w, sizeof *pt->pv);
	pt->mv = xcalloc(pt->w, sizeof *pt->mv);
	pt->score = xcalloc(pt->w, sizeof *pt->score);
	pt->high = xcalloc(pt->w, sizeof *pt->high);
	pt->rows = xcalloc(pt->w, sizeof *pt->rows);
	/* Rows past m in the final block are padding whose garbage never
	 * reaches lower rows, since carries only move upwards. */
	for (i = 0; i < pt->w; i++) {
		pt->rows[i] = i + 1 < pt->w ? 64 : (long)(m - 64 * i);
		pt->high[i] = (uint64_t)1 << (pt->rows[i] - 1);
	}
	for (i = 0; i < m; i++) {
		unsigned char ch = reversed ? q[m - 1 - i] : q[i];
		pt->peq[(size_t)ch * pt->w + i / 64] |= (uint64_t)1 << (i % 64);
	}
}

static void pattern_free(struct pattern *pt)
{
	free(pt->peq);
	free(pt->pv);
	free(pt->mv);
	free(pt->score);
	free(pt->high);
	free(pt->rows);
}

static void block_reset(struct pattern *pt, size_t b)
{
	pt->pv[b] = ~(uint64_t)0;
	pt->mv[b] = 0;
}

struct ends {
	size_t *v, n, cap;
};

static void note_end(struct ends *out, long *best, long score, size_t end)
{
	if (score < *best) {
		*best = score;
		out->n = 0;
	}
	VEC_PUSH(out, end);
}

/* Every end offset where the pattern matches body with the smallest edit
 * distance found, if that distance is at most k.  Ukkonen's cut-off (as
 * Myers adapts it to blocks) skips the blocks below the last row that can
 * still be within k, which for prose is about half of them.  The arrays
 * are reached through restrict locals because score (long) may alias the
 * bit vectors (unsigned long) and would otherwise force reloads in the
 * hot loop. */
static long search_forward(struct pattern *pt, const unsigned char *s, size_t len, long k,
                           struct ends *out)
{
	size_t y, b, j, w = pt->w;
	uint64_t *restrict pv = pt->pv, *restrict mv = pt->mv;
	const uint64_t *restrict high = pt->high, *restrict peq = pt->peq;
	long *restrict score = pt->score;
	const long *restrict rows = pt->rows;
	long best = k + 1;

	if (w == 1) {
		/* Quotes of up to 64 bytes: the whole column in registers. */
		uint64_t p = ~(uint64_t)0, mn = 0, hb = high[0];
		long sc = rows[0];

		for (j = 0; j < len; j++) {
			uint64_t eq = peq[s[j]], xv = eq | mn, xh, ph, mh;

			xh = (((eq & p) + p) ^ p) | eq;
			ph = mn | ~(xh | p);
			mh = p & xh;
			sc += (long)((ph & hb) != 0) - (long)((mh & hb) != 0);
			ph <<= 1;
			mh <<= 1;
			p = mh | ~(xv | ph);
			mn = ph & xv;
			if (sc <= k && sc <= best)
				note_end(out, &best, sc, j + 1);
		}
		return best <= k ? best : -1;
	}

	y = k > 0 ? (size_t)(k - 1) / 64 : 0;
	if (y >= w)
		y = w - 1;
	for (b = 0; b <= y; b++) {
		pv[b] = ~(uint64_t)0;
		mv[b] = 0;
		score[b] = (long)(64 * b) + rows[b];
	}
	for (j = 0; j < len; j++) {
		const uint64_t *eq = peq + (size_t)s[j] * w;
		int carry = 0;

		for (b = 0; b <= y; b++) {
			carry = block_step(&pv[b], &mv[b], eq[b], carry, high[b]);
			score[b] += carry;
		}
		if (score[y] - carry <= k && y + 1 < w && ((eq[y + 1] & 1) || carry < 0)) {
			int h;
			++y;
			pv[y] = ~(uint64_t)0;
			mv[y] = 0;
			h = block_step(&pv[y], &mv[y], eq[y], carry, high[y]);
			score[y] = score[y - 1] - carry + rows[y] + h;
		} else {
			while (y > 0 && score[y] >= k + rows[y])
				--y;
		}
		if (y + 1 == w && score[y] <= k && score[y] <= best)
			note_end(out, &best, score[y], j + 1);
	}
	return best <= k ? best : -1;
}

/* Where the best match ending at end begins: the reversed pattern aligned
 * globally against the text read backwards from end.  Among starts with
 * the least distance the one giving the length closest to the quote's
 * wins, so a changed first letter reads as a substitution rather than a
 * deletion. */
static size_t recover_start(struct pattern *rp, const unsigned char *s, size_t end, long k)
{
	size_t span = rp->m + (size_t)k, j, b, best_len = 0;
	long score = (long)rp->m, best = score;

	if (span > end)
		span = end;
	for (b = 0; b < rp->w; b++)
		block_reset(rp, b);
	for (j = 0; j < span; j++) {
		const uint64_t *eq = rp->peq + (size_t)s[end - 1 - j] * rp->w;
		int carry = 1;
		size_t n = j + 1;

		for (b = 0; b < rp->w; b++)
			carry = block_step(&rp->pv[b], &rp->mv[b], eq[b], carry, rp->high[b]);
		score += carry;
		if (score < best || (score == best && distance(n, rp->m) < distance(best_len, rp->m))) {
			best = score;
			best_len = n;
		}
	}
	return end - best_len;
}

struct cand {
	size_t end, suf, dist;
};

static int cand_cmp(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->suf != b->suf)
		return a->suf > b->suf ? -1 : 1;
	if (a->dist != b->dist)
		return a->dist < b->dist ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

static int find_fuzzy(const struct ctx *c, const unsigned char *q, size_t m, struct pick *best)
{
	long k = (long)(m / 4);
	struct pattern fw, rv;
	struct ends ends = { NULL, 0, 0 };
	struct cand *cv;
	size_t i, n, limit;

	if (k == 0 || m - (size_t)k > c->len)
		return 0;
	pattern_init(&fw, q, m, 0);
	if (search_forward(&fw, c->body, c->len, k, &ends) < 0) {
		pattern_free(&fw);
		free(ends.v);
		return 0;
	}
	pattern_free(&fw);

	n = ends.n;
	cv = xreallocarray(NULL, n, sizeof *cv);
	for (i = 0; i < n; i++) {
		size_t e = ends.v[i];
		cv[i].end = e;
		cv[i].suf = suffix_score(c, char_end(c->body, c->len, e));
		cv[i].dist = distance(e >= m ? e - m : 0, c->old_start);
	}
	free(ends.v);
	limit = RECOVERY_BUDGET / ((m + (size_t)k) * ((m + 63) / 64));
	if (limit > MAX_FUZZY_CANDIDATES)
		limit = MAX_FUZZY_CANDIDATES;
	if (limit == 0)
		limit = 1;
	if (n > limit) {
		qsort(cv, n, sizeof *cv, cand_cmp);
		n = limit;
	}

	pattern_init(&rv, q, m, 1);
	for (i = 0; i < n; i++) {
		size_t e = cv[i].end;
		size_t a = recover_start(&rv, c->body, e, k);

		a = char_start(c->body, c->len, a);
		e = char_end(c->body, c->len, e);
		if (a < e)
			consider(best, c, a, e);
	}
	pattern_free(&rv);
	free(cv);
	return best->found;
}

/* ---- resolution ------------------------------------------------------ */

enum anchor_how anchor_resolve(const char *body, size_t len,
                               const struct anchor_selector *sel, size_t old_start,
                               size_t *start, size_t *end)
{
	return anchor_resolve_home(body, len, sel, NULL, old_start, start, end);
}

enum anchor_how anchor_resolve_home(const char *body, size_t len,
                                    const struct anchor_selector *sel, const char *home,
                                    size_t old_start, size_t *start, size_t *end)
{
	struct ctx c;
	struct pick best = { 0, 0, 0, 0, 0 };
	const unsigned char *q;
	size_t m;
	enum anchor_how how;

	if (!body || len == 0 || !sel || !sel->quote || !sel->quote[0])
		return ANCHOR_ORPHANED;
	q = (const unsigned char *)sel->quote;
	m = strlen(sel->quote);
	c.body = (const unsigned char *)body;
	c.len = len;
	c.prefix = (const unsigned char *)(sel->prefix ? sel->prefix : "");
	c.suffix = (const unsigned char *)(sel->suffix ? sel->suffix : "");
	c.plen = strlen((const char *)c.prefix);
	c.slen = strlen((const char *)c.suffix);
	c.old_start = old_start;

	/* A highlight that drifted to an approximate match (its quote now
	 * differs from the one it was made on) goes home first: the text it
	 * was made on, exactly and in its own case, wherever it is back.
	 * Else an edit and its undoing (A → B → A) would leave it on the
	 * look-alike B offered. */
	if (home && *home && strcmp(home, sel->quote) != 0 && strlen(home) <= len &&
	    find_exact(&c, (const unsigned char *)home, strlen(home), &best)) {
		*start = best.start;
		*end = best.end;
		return ANCHOR_EXACT;
	}
	if (m <= len && find_exact(&c, q, m, &best))
		how = ANCHOR_EXACT;
	else if (find_fuzzy(&c, q, m, &best))
		how = ANCHOR_FUZZY;
	else
		return ANCHOR_ORPHANED;
	*start = best.start;
	*end = best.end;
	return how;
}

enum anchor_how anchor_move(const char *body, size_t len, const struct anchor_selector *sel,
                            const char *home, size_t old_start, struct anchor_moved *out)
{
	const char *made_on = home ? home : sel->quote;
	enum anchor_how how;

	memset(out, 0, sizeof *out);
	how = anchor_resolve_home(body, len, sel, home, old_start, &out->start, &out->end);
	if (how == ANCHOR_ORPHANED)
		return how;
	anchor_selector_make(body, len, out->start, out->end, &out->sel);
	/* The quote it was made on is kept while its quote differs, so an
	 * edit undone brings it home (anchor_resolve_home). */
	if (made_on && !(out->sel.quote && strcmp(made_on, out->sel.quote) == 0))
		out->home = xstrdup(made_on);
	return how;
}

void anchor_moved_free(struct anchor_moved *m)
{
	anchor_selector_free(&m->sel);
	free(m->home);
	m->home = NULL;
}
