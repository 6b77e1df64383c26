/* store_mention_block.c — the mentions of a long article by position:
 * table mention_block (schema 11) keeps, for each STORE_MENTION_BLOCK
 * bytes of the body, the mentions that start there, packed, so that the
 * reader loads only those near the screen instead of millions.  It is a
 * copy of table mention kept for articles of STORE_MENTION_BLOCK_MIN
 * bytes or more: made at import (store_mention_index), dropped whenever
 * the article's mention rows change (triggers on delete and update;
 * store_save_mentions when it saves them anew), and made again when a
 * reader finds it missing.  Block -1 of an article says that its
 * blocks are there (n: the article's mentions), so an article without a
 * mention is told apart from one not indexed.  Part of the store module
 * (see store_internal.h). */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/ner.h"
#include "gloss/store.h"
#include "gloss/util.h"
#include "store_internal.h"

#define MBLOCK_STMTS(X)                                                                            \
	X(MBLOCK_INSERT, "INSERT INTO mention_block(article_id, block, n, spans) VALUES (?1, ?2, ?3, ?4)") \
	X(MBLOCK_TOTAL, "SELECT n FROM mention_block WHERE article_id = ?1 AND block = -1")        \
	X(MBLOCK_RANGE,                                                                            \
	  "SELECT block, spans, n FROM mention_block WHERE article_id = ?1 AND block >= ?2"        \
	  " AND block <= ?3 ORDER BY block")                                                       \
	X(MBLOCK_DOWN,                                                                             \
	  "SELECT block, spans, n FROM mention_block WHERE article_id = ?1 AND block >= ?2"        \
	  " AND block <= ?3 ORDER BY block DESC")

STORE_STATEMENTS(STORE_PART_MENTION_BLOCK, MBLOCK_STMTS)

/* A block's mentions, by start: for each, the distance from the previous
 * start (from the block's first byte for the first), the length and the
 * entity id as LEB128 numbers, then the label's number (enum ner_label)
 * in one byte. */
static void put_num(struct buf *b, uint64_t v)
{
	do {
		unsigned char c = v & 0x7f;
		v >>= 7;
		buf_addc(b, (char)(v ? c | 0x80 : c));
	} while (v);
}

static int get_num(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	int shift = 0;

	*v = 0;
	while (*p < end && shift < 64) {
		unsigned char c = *(*p)++;
		*v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return 1;
		shift += 7;
	}
	return 0;
}

struct indexer {
	struct store *st;
	int64_t id, block;
	size_t n, prev, total;
	struct buf b;
};

static int flush_block(struct indexer *x)
{
	sqlite3_stmt *s;

	if (!x->n)
		return 0;
	s = stmt(x->st, S_MBLOCK_INSERT);
	sqlite3_bind_int64(s, 1, x->id);
	sqlite3_bind_int64(s, 2, x->block);
	sqlite3_bind_int64(s, 3, (int64_t)x->n);
	sqlite3_bind_blob(s, 4, x->b.s, (int)x->b.len, SQLITE_STATIC);
	if (step_done(x->st, s, "cannot index mentions") != 0)
		return -1;
	x->n = 0;
	x->b.len = 0;
	return 0;
}

static int index_one(void *ctx, const struct store_mention *m)
{
	struct indexer *x = ctx;
	int64_t block = (int64_t)(m->start / STORE_MENTION_BLOCK);

	if (m->end < m->start)
		return 0;
	if (block != x->block) {
		if (flush_block(x) != 0)
			return -1;
		x->block = block;
		x->prev = (size_t)block * STORE_MENTION_BLOCK;
	}
	put_num(&x->b, m->start - x->prev);
	put_num(&x->b, m->end - m->start);
	put_num(&x->b, (uint64_t)m->entity_id);
	buf_addc(&x->b, (char)m->label);
	x->prev = m->start;
	x->n++;
	x->total++;
	return 0;
}

int store_mention_index_in(struct store *st, int64_t article_id)
{
	struct indexer x = {st, article_id, -1, 0, 0, 0, {0}};
	sqlite3_stmt *s;
	int rc = -1;

	if (store_mention_blocks_drop(st, article_id, "cannot index mentions") != 0 ||
	    store_article_mentions_each(st, article_id, index_one, &x) != 0 || flush_block(&x) != 0)
		goto out;
	s = stmt(st, S_MBLOCK_INSERT);
	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, -1);
	sqlite3_bind_int64(s, 3, (int64_t)x.total);
	sqlite3_bind_zeroblob(s, 4, 0);
	rc = step_done(st, s, "cannot index mentions");
out:
	buf_free(&x.b);
	return rc;
}

int store_mention_index(struct store *st, int64_t article_id)
{
	if (store_begin(st, "cannot index mentions") != 0)
		return -1;
	if (store_mention_index_in(st, article_id) != 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, "cannot index mentions");
}

/* A block that does not decode to what index_one wrote: its n mentions,
 * each starting in the block, in order, with an end after its start.
 * The database may be damaged or not gloss's own doing. */
#define BLOCK_DAMAGED (-2)

/* Each mention of a block's packed spans (n of them) to f (none: only
 * check them); f returns nonzero to stop (and that is returned),
 * BLOCK_DAMAGED when the block is not one index_one wrote. */
static int each_in_block(int64_t block, const void *data, int len, int64_t n,
                         int (*f)(void *ctx, const struct store_mention *m), void *ctx,
                         int64_t article_id)
{
	const unsigned char *p = data, *end = p ? p + (len > 0 ? len : 0) : p;
	size_t at, stop;
	int64_t seen = 0;

	if (block < 0 || (uint64_t)block >= SIZE_MAX / STORE_MENTION_BLOCK - 1)
		return BLOCK_DAMAGED;
	at = (size_t)block * STORE_MENTION_BLOCK;
	stop = at + STORE_MENTION_BLOCK;
	while (p < end) {
		struct store_mention m;
		uint64_t d, l, e;
		int rc;
		if (!get_num(&p, end, &d) || !get_num(&p, end, &l) || !get_num(&p, end, &e) ||
		    p >= end || d >= stop - at || l > SIZE_MAX - stop || e > INT64_MAX || ++seen > n)
			return BLOCK_DAMAGED;
		m.article_id = article_id;
		m.entity_id = (int64_t)e;
		m.label = *p < NER_NLABELS ? (enum ner_label)*p : NER_CARDINAL;
		p++;
		at += (size_t)d;
		m.start = at;
		m.end = at + (size_t)l;
		if (f && (rc = f(ctx, &m)) != 0)
			return rc;
	}
	return seen == n ? 0 : BLOCK_DAMAGED;
}

/* The whole block is checked before f sees any of it, so that a damaged
 * one is an error wherever its damage is. */
static int each_in_checked_block(int64_t block, const void *data, int len, int64_t n,
                                 int (*f)(void *ctx, const struct store_mention *m), void *ctx,
                                 int64_t article_id)
{
	if (each_in_block(block, data, len, n, NULL, NULL, article_id) != 0)
		return BLOCK_DAMAGED;
	return each_in_block(block, data, len, n, f, ctx, article_id);
}

static int damaged(struct store *st, int64_t article_id, int64_t block)
{
	snprintf(st->core.errbuf, sizeof st->core.errbuf,
	         "the mentions of article %lld by position are damaged (block %lld)",
	         (long long)article_id, (long long)block);
	return -1;
}

int store_mention_total(struct store *st, int64_t article_id, size_t *total)
{
	sqlite3_stmt *s = stmt(st, S_MBLOCK_TOTAL);
	int rc;

	sqlite3_bind_int64(s, 1, article_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*total = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW) {
		store_set_err(st, "cannot read mentions");
		return -1;
	}
	return 0;
}

struct range {
	size_t from, to;
	struct store_mentions *out;
};

static int keep_in_range(void *ctx, const struct store_mention *m)
{
	struct range *r = ctx;

	if (m->end > r->from && m->start < r->to)
		VEC_PUSH(r->out, *m);
	return 0;
}

/* Each mention of the blocks lo..hi, up (S_MBLOCK_RANGE) or down
 * (S_MBLOCK_DOWN), to f; after a block, *done (when given) set stops it. */
static int each_in_blocks_by(struct store *st, int down, int64_t article_id, int64_t lo, int64_t hi,
                             int (*f)(void *ctx, const struct store_mention *m), void *ctx,
                             const int *done)
{
	sqlite3_stmt *s = stmt(st, down ? S_MBLOCK_DOWN : S_MBLOCK_RANGE);
	int rc = SQLITE_DONE, stop = 0;
	int64_t block = 0;

	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, lo);
	sqlite3_bind_int64(s, 3, hi);
	while (!stop && !(done && *done) && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const void *blob = sqlite3_column_blob(s, 1);
		block = sqlite3_column_int64(s, 0);
		stop = each_in_checked_block(block, blob, sqlite3_column_bytes(s, 1), sqlite3_column_int64(s, 2),
		                     f, ctx, article_id);
	}
	sqlite3_reset(s);
	if (stop == BLOCK_DAMAGED)
		return damaged(st, article_id, block);
	if (!stop && !(done && *done) && rc != SQLITE_DONE) {
		store_set_err(st, "cannot read mentions");
		return -1;
	}
	return 0;
}

/* Each mention of the blocks lo..hi (in order), to f. */
static int each_in_blocks(struct store *st, int64_t article_id, int64_t lo, int64_t hi,
                          int (*f)(void *ctx, const struct store_mention *m), void *ctx)
{
	return each_in_blocks_by(st, 0, article_id, lo, hi, f, ctx, NULL);
}

int store_mentions_range(struct store *st, int64_t article_id, size_t from, size_t to,
                         struct store_mentions *out)
{
	struct range r = {from, to, out};
	/* A mention that starts in the block before may reach into from. */
	int64_t lo = (int64_t)(from / STORE_MENTION_BLOCK) - 1;

	if (to <= from)
		return 0;
	return each_in_blocks(st, article_id, lo < 0 ? 0 : lo, (int64_t)((to - 1) / STORE_MENTION_BLOCK),
	                      keep_in_range, &r);
}

struct near {
	size_t off;
	int dir, found;
	struct store_mention m;
};

static int take_near(void *ctx, const struct store_mention *m)
{
	struct near *n = ctx;

	if (n->dir > 0 && m->start >= n->off) {
		n->m = *m;
		n->found = 1;
		return 1;
	}
	if (n->dir < 0 && m->start < n->off) {
		n->m = *m; /* the last one before off wins */
		n->found = 1;
	}
	return 0;
}

int store_mention_near(struct store *st, int64_t article_id, size_t off, int dir,
                       struct store_mention *out)
{
	struct near n = {off, dir, 0, {0}};
	int64_t b = (int64_t)(off / STORE_MENTION_BLOCK);

	/* Up from off's block to the first mention at or after off; or
	 * block by block down, until one has a mention before off. */
	if ((dir > 0 ? each_in_blocks(st, article_id, b, INT64_MAX, take_near, &n)
	             : each_in_blocks_by(st, 1, article_id, 0, b, take_near, &n, &n.found)) != 0)
		return -1;
	if (!n.found)
		return 1;
	*out = n.m;
	return 0;
}

int store_mentions_each(struct store *st, int64_t article_id,
                        int (*f)(void *ctx, const struct store_mention *m), void *ctx)
{
	return each_in_blocks(st, article_id, 0, INT64_MAX, f, ctx);
}
