/* reader_layout.c — the reader's article laid out, lazily: paragraphs
 * wrapped to the window and split into sentences only when reached, the
 * top line as a byte offset, scrolling, the focus sentence and its moves,
 * and the entities of the article.  view_reader.c draws and handles keys
 * on it; reader_actions.c acts on annotations with it. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/layout.h"
#include "gloss/sentence.h"
#include "gloss/store.h"
#include "gloss/ui.h"
#include "gloss/util.h"
#include "gloss/view_correct.h"
#include "reader_internal.h"

int reader_text_rows(void)
{
	return ui.rows - 2;
}

/* The paragraph cache: how many laid-out paragraphs are kept beyond those
 * the current operation uses (a screen is at most one a row). */
#ifndef PARA_CACHE
#define PARA_CACHE 512
#endif

/* Paragraphs: one per line of the cleaned body, found in the part of it
 * read so far.  A paragraph starts at 0 and after every newline that does
 * not end the body; those whose end has been read are r->npara (all of
 * them once the whole body is there), and para_start may hold one more,
 * the start of the one being read. */
void reader_paras_more(struct reader *r)
{
	size_t loaded = r->rest ? store_body_loaded(r->rest) : r->art.body_len;
	size_t pos = r->scanned, cap = r->starts_cap;

	if (!r->para_start) {
		cap = 64;
		r->para_start = xreallocarray(NULL, cap, sizeof *r->para_start);
		r->para_start[0] = 0;
		r->nstarts = 1;
		pos = 0;
	}
	while (pos < loaded) {
		const char *nl = memchr(r->art.body + pos, '\n', loaded - pos);
		if (!nl) {
			pos = loaded;
			break;
		}
		pos = (size_t)(nl - r->art.body) + 1;
		if (pos >= r->art.body_len)
			break;
		if (r->nstarts == cap) {
			cap *= 2;
			r->para_start = xreallocarray(r->para_start, cap, sizeof *r->para_start);
		}
		r->para_start[r->nstarts++] = pos;
	}
	r->scanned = pos;
	if (r->rest) {
		r->npara = r->nstarts - 1;
	} else {
		/* A NUL may have ended the body before where it was read to. */
		while (r->nstarts > 1 && r->para_start[r->nstarts - 1] >= r->art.body_len)
			r->nstarts--;
		r->npara = r->nstarts;
		if (r->npara < cap) {
			cap = r->npara;
			r->para_start = xreallocarray(r->para_start, cap, sizeof *r->para_start);
		}
	}
	r->starts_cap = cap;
}

void reader_paras_build(struct reader *r)
{
	reader_paras_free(r);
	reader_paras_more(r);
}

/* Read on to `upto` bytes of a body still being read (at least a step
 * more), and find its paragraphs there. */
void reader_body_more(struct reader *r, size_t upto)
{
	if (!r->rest)
		return;
	if (store_body_more(ui.store, &r->rest, &r->art, upto) < 0)
		ui_error("article %lld: %s; only its first %zu bytes are shown", (long long)r->art.id,
		         store_errmsg(ui.store), r->art.body_len);
	reader_paras_more(r);
}

static void para_drop(struct para *e)
{
	free(e->lines.v);
	free(e->sents.v);
	free(e);
}

void reader_paras_free(struct reader *r)
{
	struct para_cache *c = &r->paras;
	size_t i;

	for (i = 0; c->slot && i <= c->mask; i++)
		if (c->slot[i])
			para_drop(c->slot[i]);
	free(c->slot);
	memset(c, 0, sizeof *c);
	free(r->para_start);
	r->para_start = NULL;
	r->npara = r->nstarts = r->starts_cap = r->scanned = 0;
}

void reader_paras_op(struct reader *r)
{
	r->paras.op++;
}

size_t reader_para_start(const struct reader *r, size_t p)
{
	return r->para_start[p];
}

/* A paragraph ends one byte (its newline) before the next one starts; the
 * last at the end of the body, or at a newline that ends the body. */
size_t reader_para_end(const struct reader *r, size_t p)
{
	size_t len = r->art.body_len;

	if (p + 1 < r->nstarts)
		return r->para_start[p + 1] - 1;
	return len && r->art.body[len - 1] == '\n' ? len - 1 : len;
}

static size_t para_hash(size_t p, size_t mask)
{
	return (size_t)(((uint64_t)p * UINT64_C(0x9E3779B97F4A7C15)) >> 29) & mask;
}

static void para_put(struct para_cache *c, struct para *e)
{
	size_t i;

	for (i = para_hash(e->p, c->mask); c->slot[i]; i = (i + 1) & c->mask)
		;
	c->slot[i] = e;
}

/* Drop the entries not used lately nor by this operation, and make room
 * for as many again as are kept. */
static void para_trim(struct para_cache *c)
{
	struct para **old = c->slot;
	size_t oldn = old ? c->mask + 1 : 0, i, size = 16;

	c->n = 0;
	for (i = 0; i < oldn; i++) {
		struct para *e = old[i];
		if (!e)
			continue;
		if (e->op != c->op && c->clock - e->used >= PARA_CACHE / 2) {
			if (c->last == e)
				c->last = NULL;
			para_drop(e);
			old[i] = NULL;
		} else {
			c->n++;
		}
	}
	c->limit = c->n * 2 > PARA_CACHE ? c->n * 2 : PARA_CACHE;
	while (size < c->limit * 2)
		size *= 2;
	c->slot = xcalloc(size, sizeof *c->slot);
	c->mask = size - 1;
	for (i = 0; i < oldn; i++)
		if (old[i])
			para_put(c, old[i]);
	free(old);
}

/* Paragraph p's entry in the cache, made when it is missing. */
static struct para *para_get(struct reader *r, size_t p)
{
	struct para_cache *c = &r->paras;
	struct para *e = c->last;

	if (!e || e->p != p) {
		size_t i;
		e = NULL;
		for (i = c->slot ? para_hash(p, c->mask) : 0; c->slot && c->slot[i]; i = (i + 1) & c->mask)
			if (c->slot[i]->p == p) {
				e = c->slot[i];
				break;
			}
		if (!e) {
			if (c->n >= c->limit)
				para_trim(c);
			e = xcalloc(1, sizeof *e);
			e->p = p;
			e->start = reader_para_start(r, p);
			e->end = reader_para_end(r, p);
			para_put(c, e);
			c->n++;
		}
		c->last = e;
	}
	e->used = ++c->clock;
	e->op = c->op;
	return e;
}

struct para *reader_para_wrapped(struct reader *r, size_t p)
{
	struct para *pa = para_get(r, p);

	if (pa->wrapped_at != r->width) {
		pa->lines.n = 0;
		layout_wrap(r->art.body + pa->start, pa->end - pa->start, r->width, &pa->lines);
		if (pa->lines.n == 0) {
			struct layout_line empty = {0, 0, 0};
			VEC_PUSH(&pa->lines, empty);
		}
		pa->wrapped_at = r->width;
	}
	return pa;
}

struct para *reader_para_split(struct reader *r, size_t p)
{
	struct para *pa = para_get(r, p);

	if (!pa->split) {
		size_t i;
		sentence_split(r->art.body + pa->start, pa->end - pa->start, &pa->sents);
		for (i = 0; i < pa->sents.n; i++) {
			pa->sents.v[i].start += pa->start;
			pa->sents.v[i].end += pa->start;
		}
		if (pa->sents.n == 0) {
			struct sentence_span whole = {pa->start, pa->end};
			VEC_PUSH(&pa->sents, whole);
		}
		pa->split = 1;
	}
	return pa;
}

/* Display lines of a paragraph: its lines and a blank after it. */
size_t reader_para_rows(struct reader *r, size_t p)
{
	return reader_para_wrapped(r, p)->lines.n + (p + 1 < r->nstarts ? 1 : 0);
}

/* Byte offset at the start of a display line. */
size_t reader_line_offset(struct reader *r, size_t p, size_t l)
{
	struct para *pa = reader_para_wrapped(r, p);

	if (l >= pa->lines.n)
		return pa->end;
	return pa->start + pa->lines.v[l].start;
}

size_t reader_top_offset(struct reader *r)
{
	return r->npara ? reader_line_offset(r, r->top_para, r->top_line) : 0;
}

size_t reader_para_at(struct reader *r, size_t off)
{
	size_t lo = 0, hi = r->npara;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->para_start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Move the top by delta display lines (clamped to the text). */
void reader_scroll_by(struct reader *r, long delta)
{
	while (delta > 0) {
		if (r->top_line + 1 < reader_para_rows(r, r->top_para)) {
			r->top_line++;
		} else if (r->top_para + 1 < r->npara) {
			r->top_para++;
			r->top_line = 0;
		} else {
			break;
		}
		delta--;
	}
	while (delta < 0) {
		if (r->top_line > 0) {
			r->top_line--;
		} else if (r->top_para > 0) {
			r->top_para--;
			r->top_line = reader_para_rows(r, r->top_para) - 1;
		} else {
			break;
		}
		delta++;
	}
}

/* The last top that still fills the screen: count rows back from the end. */
void reader_bottom_top(struct reader *r, size_t *p, size_t *l)
{
	long need = reader_text_rows();
	size_t q = r->npara;

	*p = 0;
	*l = 0;
	while (q > 0) {
		size_t rows;
		q--;
		rows = reader_para_rows(r, q);
		if ((long)rows >= need) {
			*p = q;
			*l = rows - (size_t)need;
			return;
		}
		need -= (long)rows;
	}
}

void reader_clamp_top(struct reader *r)
{
	size_t bp, bl;

	reader_bottom_top(r, &bp, &bl);
	if (r->top_para > bp || (r->top_para == bp && r->top_line > bl)) {
		r->top_para = bp;
		r->top_line = bl;
	}
}

void reader_set_top_offset(struct reader *r, size_t off)
{
	struct para *pa;
	size_t l;

	if (!r->npara)
		return;
	r->top_para = reader_para_at(r, off);
	pa = reader_para_wrapped(r, r->top_para);
	for (l = 0; l + 1 < pa->lines.n && pa->start + pa->lines.v[l + 1].start <= off; l++)
		;
	r->top_line = l;
	reader_clamp_top(r);
}

/* The byte offset just after the last line on screen. */
size_t reader_screen_end(struct reader *r)
{
	size_t p = r->top_para, l = r->top_line, end = reader_top_offset(r);
	long row;

	for (row = 0; row < reader_text_rows() && p < r->npara; row++) {
		struct para *pa = reader_para_wrapped(r, p);
		end = reader_line_offset(r, p, l + 1 < pa->lines.n ? l + 1 : pa->lines.n);
		if (++l >= reader_para_rows(r, p)) {
			p++;
			l = 0;
		}
	}
	return p >= r->npara ? r->art.body_len : end;
}

/* Display row (from the top of the text) of a byte offset, or -1 when it
 * is not on screen. */
long reader_row_of(struct reader *r, size_t off)
{
	size_t p = r->top_para, l = r->top_line;
	long row;

	for (row = 0; row < reader_text_rows() && p < r->npara; row++) {
		struct para *pa = reader_para_wrapped(r, p);
		if (l < pa->lines.n) {
			size_t s = pa->start + pa->lines.v[l].start;
			size_t e = l + 1 < pa->lines.n ? pa->start + pa->lines.v[l + 1].start : pa->end + 1;
			if (off >= s && off < e)
				return row;
		}
		if (++l >= reader_para_rows(r, p)) {
			p++;
			l = 0;
		}
	}
	return -1;
}

struct sentence_span reader_focus_span(struct reader *r)
{
	struct sentence_span none = {0, 0};

	if (!r->npara)
		return none;
	return reader_para_split(r, r->focus_para)->sents.v[r->focus_sent];
}

void reader_focus_at(struct reader *r, size_t off)
{
	struct para *pa;
	size_t i;

	if (!r->npara)
		return;
	r->focus_para = reader_para_at(r, off);
	pa = reader_para_split(r, r->focus_para);
	r->focus_sent = 0;
	for (i = 0; i < pa->sents.n; i++)
		if (pa->sents.v[i].start <= off)
			r->focus_sent = i;
}

/* Scroll so that an offset is on screen, a few lines from the top when it
 * was off screen. */
void reader_show_offset(struct reader *r, size_t off)
{
	long row = reader_row_of(r, off);

	if (row >= 0)
		return;
	reader_set_top_offset(r, off);
	{
		/* Near the end the top is already as low as it goes: moving it
		 * up a quarter would push the offset off the bottom. */
		size_t p = r->top_para, l = r->top_line;
		reader_scroll_by(r, -(long)(reader_text_rows() / 4));
		reader_clamp_top(r);
		if (reader_row_of(r, off) < 0) {
			r->top_para = p;
			r->top_line = l;
		}
	}
}

/* After scrolling, keep the focus on screen. */
void reader_focus_follow(struct reader *r, int from_bottom)
{
	struct sentence_span f = reader_focus_span(r);
	long row = reader_row_of(r, f.start);

	if (row >= 0 || reader_row_of(r, f.end ? f.end - 1 : 0) >= 0)
		return;
	if (!from_bottom) {
		size_t off = reader_top_offset(r);
		reader_focus_at(r, off);
		if (reader_focus_span(r).start < off && reader_row_of(r, reader_focus_span(r).end - 1) < 0)
			r->focus_sent++; /* the sentence ends above: take the next */
		if (r->focus_sent >= reader_para_split(r, r->focus_para)->sents.n)
			reader_focus_at(r, off);
	} else {
		size_t p = r->top_para, l = r->top_line, last = reader_top_offset(r);
		long row2;
		for (row2 = 0; row2 < reader_text_rows() && p < r->npara; row2++) {
			struct para *pa = reader_para_wrapped(r, p);
			if (l < pa->lines.n)
				last = pa->start + pa->lines.v[l].start;
			if (++l >= reader_para_rows(r, p)) {
				p++;
				l = 0;
			}
		}
		reader_focus_at(r, last);
	}
}

void reader_move_sentence(struct reader *r, int dir)
{
	struct para *pa;

	if (!r->npara)
		return;
	pa = reader_para_split(r, r->focus_para);
	if (dir > 0) {
		if (r->focus_sent + 1 < pa->sents.n) {
			r->focus_sent++;
		} else if (r->focus_para + 1 < r->npara) {
			r->focus_para++;
			r->focus_sent = 0;
			reader_para_split(r, r->focus_para);
		} else {
			ui_message("last sentence");
		}
	} else {
		if (r->focus_sent > 0) {
			r->focus_sent--;
		} else if (r->focus_para > 0) {
			r->focus_para--;
			r->focus_sent = reader_para_split(r, r->focus_para)->sents.n - 1;
		} else {
			ui_message("first sentence");
		}
	}
	{
		struct sentence_span f = reader_focus_span(r);
		long row = reader_row_of(r, f.start), erow = reader_row_of(r, f.end ? f.end - 1 : f.end);
		if (row < 0 || erow < 0)
			reader_show_offset(r, dir > 0 && row >= 0 ? f.end - 1 : f.start);
	}
}

void reader_move_paragraph(struct reader *r, int dir)
{
	if (!r->npara)
		return;
	if (dir > 0 && r->focus_para + 1 < r->npara)
		r->focus_para++;
	else if (dir < 0 && r->focus_sent == 0 && r->focus_para > 0)
		r->focus_para--;
	r->focus_sent = 0;
	reader_para_split(r, r->focus_para);
	reader_show_offset(r, reader_focus_span(r).start);
}

long reader_mention_at_or_after(struct reader *r, size_t off)
{
	size_t lo = 0, hi = r->ments.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->ments.v[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo;
}

/* How far the mentions loaded reach beyond what was asked, each way. */
#define MENTS_MARGIN (4 * STORE_MENTION_BLOCK)

/* Where the entity Tab reached starts, or SIZE_MAX; and that entity
 * found again among the mentions loaded (r->ent -1 when it is not). */
static size_t ent_start(const struct reader *r)
{
	return r->ent >= 0 && r->ent < (long)r->ments.n ? r->ments.v[r->ent].start : SIZE_MAX;
}

static void ent_find(struct reader *r, size_t at)
{
	long i = at != SIZE_MAX ? reader_mention_at_or_after(r, at) : -1;
	r->ent = i >= 0 && i < (long)r->ments.n && r->ments.v[i].start == at ? i : -1;
}

static void marks_drop(struct reader *r)
{
	free(r->label_marks);
	r->label_marks = NULL;
}

/* Every mention of the article, as for a short one. */
static void ments_all(struct reader *r)
{
	r->lazy_ments = 0;
	r->ments_from = 0;
	r->ments_to = SIZE_MAX;
	r->ments.n = 0;
	if (store_article_mentions(ui.store, r->art.id, &r->ments) != 0)
		ui_error("entities not shown: %s", store_errmsg(ui.store));
	r->ment_total = r->ments.n;
}

/* The article's mention blocks made, while only part of its text may be
 * read (the reader just opened): the part goes first, since it holds a
 * read transaction (no write may be made inside it), and the text is
 * opened again after the write, as it is then.  The write's result. */
static int mention_index_reopening(struct reader *r)
{
	struct store_article a;
	size_t loaded;
	int rc;

	if (!r->rest)
		return store_mention_index(ui.store, r->art.id);
	loaded = store_body_loaded(r->rest);
	store_body_close(r->rest);
	r->rest = NULL;
	rc = store_mention_index(ui.store, r->art.id);
	if (store_article_open(ui.store, r->art.id, STORE_BODY_STEP, &a, &r->rest) != 0) {
		ui_error("cannot open article %lld again: %s; only its first %zu bytes are shown",
		         (long long)r->art.id, store_errmsg(ui.store), loaded);
		r->art.body_len = loaded;
		r->art.body[loaded] = '\0';
	} else {
		store_article_clear(&r->art);
		r->art = a;
	}
	reader_paras_build(r);
	return rc;
}

/* The article's mentions: every one, or for a long article whose
 * mentions are kept by position (made here when they are missing and the
 * library is writable) none yet: reader_ments_cover loads those near the
 * screen. */
void reader_load_mentions(struct reader *r)
{
	marks_drop(r);
	r->ments_at = view_correct_changes();
	if (r->art.body_len >= STORE_MENTION_BLOCK_MIN) {
		size_t total = 0;
		int rc = store_mention_total(ui.store, r->art.id, &total);
		if (rc == 1 && !store_is_readonly(ui.store) &&
		    mention_index_reopening(r) == 0)
			rc = store_mention_total(ui.store, r->art.id, &total);
		if (rc == 0) {
			r->ments.n = 0;
			r->lazy_ments = 1;
			r->ment_total = total;
			r->ments_from = 0;
			r->ments_to = 0; /* none loaded yet */
			return;
		}
	}
	ments_all(r);
}

void reader_ments_repair(struct reader *r)
{
	size_t total = 0;

	if (!r->lazy_ments)
		return;
	reader_body_more(r, SIZE_MAX); /* a write: the text read to its end first */
	if (!store_is_readonly(ui.store) && store_mention_index(ui.store, r->art.id) == 0 &&
	    store_mention_total(ui.store, r->art.id, &total) == 0) {
		r->ment_total = total;
		r->ments_to = 0; /* load them again */
		marks_drop(r);
		return;
	}
	{
		size_t at = ent_start(r);
		ments_all(r);
		ent_find(r, at);
	}
}

int reader_ments_check(struct reader *r)
{
	size_t total = 0;
	int rc;

	if (!r->lazy_ments)
		return 0;
	rc = store_mention_total(ui.store, r->art.id, &total);
	if (rc == 0)
		return 1;
	if (rc < 0)
		ui_error("entities not shown: %s", store_errmsg(ui.store));
	reader_ments_repair(r);
	return r->lazy_ments;
}

void reader_ments_cover(struct reader *r, size_t from, size_t to)
{
	size_t at = ent_start(r);
	int tries;

	if (!r->lazy_ments || (from >= r->ments_from && to <= r->ments_to))
		return;
	/* The blocks a merge, a split or a correction made here dropped
	 * (the trigger does, without telling this reader) are made again. */
	for (tries = 0; tries < 2 && reader_ments_check(r); tries++) {
		r->ments_from = from > MENTS_MARGIN ? from - MENTS_MARGIN : 0;
		r->ments_to = to < r->art.body_len - MENTS_MARGIN ? to + MENTS_MARGIN : r->art.body_len + 1;
		r->ments.n = 0;
		if (store_mentions_range(ui.store, r->art.id, r->ments_from, r->ments_to, &r->ments) == 0)
			break;
		/* A damaged block: made again from table mention, or every
		 * mention loaded. */
		ui_error("entities not shown: %s", store_errmsg(ui.store));
		reader_ments_repair(r);
	}
	if (r->lazy_ments && tries == 2)
		ments_all(r);
	/* The entity Tab reached stays, when it is still among them. */
	ent_find(r, at);
}

void reader_ent_set(struct reader *r, const struct store_mention *m)
{
	reader_ments_cover(r, m->start, m->end);
	ent_find(r, m->start);
}

/* The article's entities again: a correction may have changed them. */
void reader_reload_mentions(struct reader *r)
{
	size_t at = ent_start(r);
	reader_load_mentions(r);
	r->ent = -1;
	if (r->lazy_ments && r->npara) {
		size_t top = reader_top_offset(r);
		reader_ments_cover(r, at < top ? at : top, top + 1);
	}
	ent_find(r, at);
}
