/* view_reader.c — the reading screen: one article wrapped to the window,
 * entities coloured by label, a focus sentence that the keys move, search
 * hits, and a minimap in the right margin.
 *
 * Layout is lazy: the body is split into paragraphs once (a memchr pass),
 * and a paragraph is wrapped, and split into sentences, only when a line of
 * it is about to be drawn or scrolled over.  So the first screen of a
 * 100 MB article costs one screen of wrapping, and G wraps only the last
 * paragraphs.  The reading position is a byte offset (the first byte of
 * the top line), which survives a resize and is saved on leaving. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "gloss/layout.h"
#include "gloss/sentence.h"
#include "gloss/store.h"
#include "gloss/textmatch.h"
#include "gloss/ui.h"
#include "gloss/util.h"
#include "gloss/view_correct.h"
#include "gloss/view_reader.h"

struct para {
	size_t start, end;          /* bytes of the body */
	struct layout_lines lines;  /* offsets relative to start; at width */
	struct sentence_vec sents;  /* absolute offsets */
	int wrapped_at;             /* the width lines were made for, 0 = none */
	int split;
};

struct hit {
	size_t start, end;
};

struct reader {
	struct store_article art;
	struct para *paras;
	size_t npara;
	struct store_mentions ments;
	int width;           /* columns of text */
	size_t top_para, top_line; /* top_line == nlines: the blank after a paragraph */
	size_t focus_para, focus_sent;
	long ent;            /* index into ments of the entity Tab reached, or -1 */
	char *query;
	struct {
		struct hit *v;
		size_t n, cap;
	} hits;
	long cur_hit;
	/* Annotations of this article (not orphaned), by start. */
	struct store_highlights hls;
	struct store_tags tags;
	/* A selection: from sel_a (fixed) to sel_b (moved by w b ( ) { }). */
	int selecting;
	size_t sel_a, sel_b;
	/* After ] or [: the keys act on that annotation's range, until the
	 * focus moves. */
	long on_hl;
	/* Deleted annotations, newest last, for U. */
	struct store_deleted **undo;
	size_t nundo;
	unsigned long deleted_at; /* view_correct_tick() of the last deletion */
	unsigned long ments_at;   /* view_correct_changes() when ments was loaded */
};

static const struct view_ops reader_ops;

/* Columns left of the text: the note and link markers. */
#define MARGIN 2

static int text_rows(void)
{
	return ui.rows - 2;
}

static struct para *para_wrapped(struct reader *r, size_t p)
{
	struct para *pa = &r->paras[p];

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

static struct para *para_split(struct reader *r, size_t p)
{
	struct para *pa = &r->paras[p];

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
static size_t para_rows(struct reader *r, size_t p)
{
	return para_wrapped(r, p)->lines.n + (p + 1 < r->npara ? 1 : 0);
}

/* Byte offset at the start of a display line. */
static size_t line_offset(struct reader *r, size_t p, size_t l)
{
	struct para *pa = para_wrapped(r, p);

	if (l >= pa->lines.n)
		return pa->end;
	return pa->start + pa->lines.v[l].start;
}

static size_t top_offset(struct reader *r)
{
	return r->npara ? line_offset(r, r->top_para, r->top_line) : 0;
}

static size_t para_at(struct reader *r, size_t off)
{
	size_t lo = 0, hi = r->npara;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->paras[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Move the top by delta display lines (clamped to the text). */
static void scroll_by(struct reader *r, long delta)
{
	while (delta > 0) {
		if (r->top_line + 1 < para_rows(r, r->top_para)) {
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
			r->top_line = para_rows(r, r->top_para) - 1;
		} else {
			break;
		}
		delta++;
	}
}

/* The last top that still fills the screen: count rows back from the end. */
static void bottom_top(struct reader *r, size_t *p, size_t *l)
{
	long need = text_rows();
	size_t q = r->npara;

	*p = 0;
	*l = 0;
	while (q > 0) {
		size_t rows;
		q--;
		rows = para_rows(r, q);
		if ((long)rows >= need) {
			*p = q;
			*l = rows - (size_t)need;
			return;
		}
		need -= (long)rows;
	}
}

static void clamp_top(struct reader *r)
{
	size_t bp, bl;

	bottom_top(r, &bp, &bl);
	if (r->top_para > bp || (r->top_para == bp && r->top_line > bl)) {
		r->top_para = bp;
		r->top_line = bl;
	}
}

static void set_top_offset(struct reader *r, size_t off)
{
	struct para *pa;
	size_t l;

	if (!r->npara)
		return;
	r->top_para = para_at(r, off);
	pa = para_wrapped(r, r->top_para);
	for (l = 0; l + 1 < pa->lines.n && pa->start + pa->lines.v[l + 1].start <= off; l++)
		;
	r->top_line = l;
	clamp_top(r);
}

/* Display row (from the top of the text) of a byte offset, or -1 when it
 * is not on screen. */
static long row_of(struct reader *r, size_t off)
{
	size_t p = r->top_para, l = r->top_line;
	long row;

	for (row = 0; row < text_rows() && p < r->npara; row++) {
		struct para *pa = para_wrapped(r, p);
		if (l < pa->lines.n) {
			size_t s = pa->start + pa->lines.v[l].start;
			size_t e = l + 1 < pa->lines.n ? pa->start + pa->lines.v[l + 1].start : pa->end + 1;
			if (off >= s && off < e)
				return row;
		}
		if (++l >= para_rows(r, p)) {
			p++;
			l = 0;
		}
	}
	return -1;
}

static struct sentence_span focus_span(struct reader *r)
{
	struct sentence_span none = {0, 0};

	if (!r->npara)
		return none;
	return para_split(r, r->focus_para)->sents.v[r->focus_sent];
}

static void focus_at(struct reader *r, size_t off)
{
	struct para *pa;
	size_t i;

	if (!r->npara)
		return;
	r->focus_para = para_at(r, off);
	pa = para_split(r, r->focus_para);
	r->focus_sent = 0;
	for (i = 0; i < pa->sents.n; i++)
		if (pa->sents.v[i].start <= off)
			r->focus_sent = i;
}

/* Scroll so that an offset is on screen, a few lines from the top when it
 * was off screen. */
static void show_offset(struct reader *r, size_t off)
{
	long row = row_of(r, off);

	if (row >= 0)
		return;
	set_top_offset(r, off);
	scroll_by(r, -(long)(text_rows() / 4));
	clamp_top(r);
}

/* After scrolling, keep the focus on screen. */
static void focus_follow(struct reader *r, int from_bottom)
{
	struct sentence_span f = focus_span(r);
	long row = row_of(r, f.start);

	if (row >= 0 || row_of(r, f.end ? f.end - 1 : 0) >= 0)
		return;
	if (!from_bottom) {
		size_t off = top_offset(r);
		focus_at(r, off);
		if (focus_span(r).start < off && row_of(r, focus_span(r).end - 1) < 0)
			r->focus_sent++; /* the sentence ends above: take the next */
		if (r->focus_sent >= para_split(r, r->focus_para)->sents.n)
			focus_at(r, off);
	} else {
		size_t p = r->top_para, l = r->top_line, last = top_offset(r);
		long row2;
		for (row2 = 0; row2 < text_rows() && p < r->npara; row2++) {
			struct para *pa = para_wrapped(r, p);
			if (l < pa->lines.n)
				last = pa->start + pa->lines.v[l].start;
			if (++l >= para_rows(r, p)) {
				p++;
				l = 0;
			}
		}
		focus_at(r, last);
	}
}

static void move_sentence(struct reader *r, int dir)
{
	struct para *pa;

	if (!r->npara)
		return;
	pa = para_split(r, r->focus_para);
	if (dir > 0) {
		if (r->focus_sent + 1 < pa->sents.n) {
			r->focus_sent++;
		} else if (r->focus_para + 1 < r->npara) {
			r->focus_para++;
			r->focus_sent = 0;
			para_split(r, r->focus_para);
		} else {
			ui_message("last sentence");
		}
	} else {
		if (r->focus_sent > 0) {
			r->focus_sent--;
		} else if (r->focus_para > 0) {
			r->focus_para--;
			r->focus_sent = para_split(r, r->focus_para)->sents.n - 1;
		} else {
			ui_message("first sentence");
		}
	}
	{
		struct sentence_span f = focus_span(r);
		long row = row_of(r, f.start), erow = row_of(r, f.end ? f.end - 1 : f.end);
		if (row < 0 || erow < 0)
			show_offset(r, dir > 0 && row >= 0 ? f.end - 1 : f.start);
	}
}

static void move_paragraph(struct reader *r, int dir)
{
	if (!r->npara)
		return;
	if (dir > 0 && r->focus_para + 1 < r->npara)
		r->focus_para++;
	else if (dir < 0 && r->focus_sent == 0 && r->focus_para > 0)
		r->focus_para--;
	r->focus_sent = 0;
	para_split(r, r->focus_para);
	show_offset(r, focus_span(r).start);
}

/* --- entities --- */

static long mention_at_or_after(struct reader *r, size_t off)
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

static void move_entity(struct reader *r, int dir)
{
	long i;

	if (r->ments.n == 0) {
		ui_message("no entities in this article");
		return;
	}
	if (r->ent < 0) {
		size_t from = focus_span(r).start;
		i = mention_at_or_after(r, from);
		if (dir < 0)
			i--;
	} else {
		i = r->ent + dir;
	}
	if (i < 0 || i >= (long)r->ments.n) {
		ui_message(dir > 0 ? "no more entities below" : "no more entities above");
		return;
	}
	r->ent = i;
	focus_at(r, r->ments.v[i].start);
	show_offset(r, r->ments.v[i].start);
	{
		const struct store_mention *m = &r->ments.v[i];
		int len = (int)(m->end - m->start);
		ui_message("%s %.*s — Enter lists its mentions", ner_label_name(m->label),
		           len > 60 ? 60 : len, r->art.body + m->start);
	}
}

/* --- search --- */

/* All occurrences, found as textmatch finds typed text (curly and
 * straight quotes alike, runs of spaces alike); case-insensitive unless
 * the query has a capital, as less -i and vim's smartcase do.  `gloss
 * highlight --quote` finds passages the same way. */
static void find_hits(struct reader *r)
{
	struct textmatch m;
	size_t s, e, from = 0, qn = strlen(r->query);

	r->hits.n = 0;
	if (textmatch_init(&m, r->query, qn, textmatch_smartcase(r->query, qn)) != 0)
		return;
	while (textmatch_next(&m, r->art.body, r->art.body_len, from, &s, &e)) {
		struct hit h = {s, e};
		VEC_PUSH(&r->hits, h);
		from = e;
	}
	textmatch_free(&m);
}

static void goto_hit(struct reader *r, long i)
{
	r->cur_hit = i;
	focus_at(r, r->hits.v[i].start);
	show_offset(r, r->hits.v[i].start);
	ui_message("/%s: %ld of %zu", r->query, i + 1, r->hits.n);
}

static void search_step(struct reader *r, int dir)
{
	size_t from;
	long i;

	if (!r->query || !r->hits.n) {
		ui_error(r->query ? "'%s' is not in this article" : "no search yet (/ searches)",
		         r->query);
		return;
	}
	if (r->cur_hit >= 0 && row_of(r, r->hits.v[r->cur_hit].start) >= 0) {
		i = r->cur_hit + dir;
	} else {
		from = focus_span(r).start;
		for (i = 0; i < (long)r->hits.n && r->hits.v[i].start < from; i++)
			;
		if (dir < 0)
			i--;
	}
	if (i >= (long)r->hits.n) {
		i = 0;
		ui_message("search wrapped to the top");
	} else if (i < 0) {
		i = (long)r->hits.n - 1;
	}
	goto_hit(r, i);
	if (i == 0 && dir > 0 && r->hits.n > 1)
		ui_message("/%s: 1 of %zu (wrapped to the top)", r->query, r->hits.n);
}

static void search(struct reader *r)
{
	char *q = ui_prompt("/", NULL, NULL, NULL);

	if (!q)
		return;
	if (!*q) {
		free(q);
		if (!r->query) /* an empty search repeats the last, as in less */
			return;
	} else {
		free(r->query);
		r->query = q;
		find_hits(r);
	}
	r->cur_hit = -1;
	if (!r->hits.n) {
		ui_error("'%s' is not in this article", r->query);
		return;
	}
	search_step(r, 1);
}

/* --- annotations --- */

static void load_annotations(struct reader *r)
{
	struct store_hl_filter f = {0};
	struct store_highlights all = {0};
	size_t i;
	int64_t on_id = r->on_hl >= 0 && r->on_hl < (long)r->hls.n ? r->hls.v[r->on_hl].id : 0;

	store_highlights_free(&r->hls);
	store_tags_free(&r->tags);
	f.article_id = r->art.id;
	if (store_highlight_list(ui.store, &f, &all) != 0) {
		ui_error("annotations not shown: %s", store_errmsg(ui.store));
		return;
	}
	/* Orphaned ones have no place in the text; the M list shows them. */
	for (i = 0; i < all.n; i++) {
		if (all.v[i].orphaned || all.v[i].end > r->art.body_len)
			store_highlight_clear(&all.v[i]);
		else
			VEC_PUSH(&r->hls, all.v[i]);
	}
	free(all.v);
	r->on_hl = -1;
	for (i = 0; on_id && i < r->hls.n; i++)
		if (r->hls.v[i].id == on_id)
			r->on_hl = (long)i;
	store_tag_list(ui.store, &r->tags);
}

/* What the keys act on: the selection, else the focus sentence. */
static struct sentence_span target(struct reader *r)
{
	struct sentence_span t;

	if (r->selecting) {
		t.start = r->sel_a < r->sel_b ? r->sel_a : r->sel_b;
		t.end = r->sel_a < r->sel_b ? r->sel_b : r->sel_a;
		return t;
	}
	if (r->on_hl >= 0 && r->on_hl < (long)r->hls.n) {
		t.start = r->hls.v[r->on_hl].start;
		t.end = r->hls.v[r->on_hl].end;
		return t;
	}
	return focus_span(r);
}

/* The annotation under the target: the one with its exact range, else
 * the first that overlaps it; -1 when none. */
static long annotation_at(struct reader *r, struct sentence_span t)
{
	size_t i;
	long overlap = -1;

	for (i = 0; i < r->hls.n; i++) {
		const struct store_highlight *h = &r->hls.v[i];
		if (h->start == t.start && h->end == t.end)
			return (long)i;
		if (overlap < 0 && h->start < t.end && h->end > t.start)
			overlap = (long)i;
	}
	return overlap;
}

/* What the annotations under a range carry, for the status line:
 * "#claim #key-fact ✎ ↔" (each tag once, then a note and a link mark). */
static void annotation_summary(struct reader *r, struct sentence_span t, char *out, size_t n)
{
	struct buf b = {0};
	size_t i, k;
	int note = 0, link = 0;

	out[0] = '\0';
	for (i = 0; i < r->hls.n && r->hls.v[i].start < t.end; i++) {
		const struct store_highlight *h = &r->hls.v[i];
		if (h->end <= t.start)
			continue;
		for (k = 0; k < h->ntags; k++) {
			char *tag = xasprintf("#%s", h->tags[k]);
			const char *p = b.s ? strstr(b.s, tag) : NULL;
			size_t tl = strlen(tag);
			/* each tag once: a whole word already there is skipped */
			while (p && p[tl] != ' ' && p[tl] != '\0')
				p = strstr(p + 1, tag);
			if (!p) {
				if (b.len)
					buf_addc(&b, ' ');
				buf_adds(&b, tag);
			}
			free(tag);
		}
		note |= h->note != NULL;
		link |= h->nlinks > 0;
	}
	if (note)
		buf_adds(&b, b.len ? " ✎ note" : "✎ note");
	if (link)
		buf_adds(&b, b.len ? " ↔ link" : "↔ link");
	if (b.len)
		snprintf(out, n, "%s", b.s);
	buf_free(&b);
}

/* The id of the highlight over exactly the target, made if needed. */
static int64_t highlight_for_target(struct reader *r)
{
	struct sentence_span t = target(r);
	int64_t id;

	if (t.end <= t.start) {
		ui_error("nothing to annotate here");
		return -1;
	}
	if (store_highlight_at(ui.store, r->art.id, t.start, t.end, &id) == 0)
		return id;
	id = store_highlight_add(ui.store, r->art.id, r->art.body, r->art.body_len, t.start, t.end);
	if (id < 0)
		ui_error("%s", store_errmsg(ui.store));
	return id;
}

static const struct store_tag *tag_with_key(struct reader *r, int key)
{
	size_t i;

	for (i = 0; i < r->tags.n; i++)
		if (r->tags.v[i].key == key)
			return &r->tags.v[i];
	return NULL;
}

/* name may point into r->tags, which the reload frees: say it first. */
static void tag_target(struct reader *r, int64_t tag_id, const char *name)
{
	int64_t hl = highlight_for_target(r);
	int on, removed;

	if (hl < 0)
		return;
	if (store_highlight_tag(ui.store, hl, tag_id, -1, &on, &removed) != 0) {
		ui_error("%s", store_errmsg(ui.store));
		return;
	}
	ui_message(on ? "tagged %s (saved)" : removed ? "removed %s and the empty highlight"
	                                                 : "removed %s", name);
	r->selecting = 0;
	load_annotations(r);
}

static void tag_by_key(struct reader *r, int key)
{
	const struct store_tag *t = tag_with_key(r, key);

	if (!t) {
		ui_error("no tag is bound to %d (T in the library manages tags)", key);
		return;
	}
	tag_target(r, t->id, t->name);
}

/* Tab in the tag prompt: the longest common prefix of the tag names
 * that start with what was typed. */
static char *complete_tag(void *ctx, const char *text)
{
	struct reader *r = ctx;
	size_t i, n = strlen(text), common = 0;
	const char *first = NULL;

	for (i = 0; i < r->tags.n; i++) {
		const char *name = r->tags.v[i].name;
		size_t k;
		if (strncmp(name, text, n) != 0)
			continue;
		if (!first) {
			first = name;
			common = strlen(name);
			continue;
		}
		for (k = 0; k < common && first[k] == name[k]; k++)
			;
		common = k;
	}
	if (!first) {
		ui_prompt_hint(r->tags.n ? "no tag starts so (Enter makes a new one)" : "no tags yet");
		return NULL;
	}
	if (common <= n) {
		/* Nothing more to complete: show the choices. */
		struct buf b = {0};
		buf_adds(&b, "tags:");
		for (i = 0; i < r->tags.n; i++)
			if (strncmp(r->tags.v[i].name, text, n) == 0)
				buf_printf(&b, " %s", r->tags.v[i].name);
		ui_prompt_hint(b.s);
		buf_free(&b);
	}
	return xstrndup(first, common);
}

static void tag_prompt(struct reader *r)
{
	struct ui_prompt_opts o = {NULL, complete_tag, NULL, r};
	char *name = ui_prompt_ex("tag: ", NULL, &o);
	struct store_tag t;
	int64_t id;
	int rc;

	if (!name)
		return;
	if (!*name) {
		free(name);
		return;
	}
	rc = store_tag_by_name(ui.store, name, &t);
	if (rc == 0) {
		id = t.id;
		store_tag_clear(&t);
	} else if (rc == 1) {
		id = store_tag_add(ui.store, name, 0, NULL);
		if (id < 0) {
			ui_error("%s", store_errmsg(ui.store));
			free(name);
			return;
		}
	} else {
		ui_error("%s", store_errmsg(ui.store));
		free(name);
		return;
	}
	tag_target(r, id, name);
	free(name);
}

/* Save text as hl's note over expected, the note the user was shown.  A
 * note changed elsewhere meanwhile is never replaced unseen: the text is
 * added after it, and the message says so.  0 saved, -1 not. */
static int save_note(int64_t hl, const char *text, const char *expected)
{
	struct store_highlight h;
	char *both;
	int rc = store_note_replace(ui.store, hl, text, expected);

	if (rc != 2) {
		if (rc != 0)
			ui_error("%s", rc == 1 ? "that annotation is gone" : store_errmsg(ui.store));
		return rc == 0 ? 0 : -1;
	}
	if (!*text || store_highlight_get(ui.store, hl, &h) != 0) {
		ui_error("the note was changed elsewhere meanwhile: not replaced");
		return -1;
	}
	both = xasprintf("%s\n\n%s", h.note ? h.note : "", text);
	rc = store_note_replace(ui.store, hl, both, h.note);
	if (rc == 0)
		ui_message("the note was changed elsewhere meanwhile: yours was added after it");
	else
		ui_error("%s", rc == 2 ? "the note keeps changing elsewhere: not saved"
		                       : store_errmsg(ui.store));
	free(both);
	store_highlight_clear(&h);
	return -2;
}

static void note_prompt(struct reader *r)
{
	long i = annotation_at(r, target(r));
	int64_t hl;
	char *text;

	text = ui_prompt("note: ", i >= 0 ? r->hls.v[i].note : NULL, NULL, NULL);
	if (!text) {
		ui_message("note cancelled");
		return;
	}
	hl = i >= 0 ? r->hls.v[i].id : highlight_for_target(r);
	if (hl >= 0 && save_note(hl, text, i >= 0 ? r->hls.v[i].note : NULL) == 0)
		ui_message(*text ? "note saved" : "note removed");
	free(text);
	r->selecting = 0;
	load_annotations(r);
}

static void note_editor(struct reader *r)
{
	long i = annotation_at(r, target(r));
	const char *ed = getenv("VISUAL");
	char path[] = "/tmp/gloss-note-XXXXXX";
	char *text = NULL;
	size_t len = 0;
	int fd, status;
	int64_t hl;
	FILE *f;

	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	fd = mkstemp(path);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		ui_error("cannot make a temporary file for the note: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	if (i >= 0 && r->hls.v[i].note)
		fputs(r->hls.v[i].note, f);
	fclose(f);
	status = ui_run_program(ed, path);
	if (status != 0) {
		ui_error("%s exited with %d: the note was not saved", ed, status);
	} else if (util_read_file(path, STORE_NOTE_MAX + 1, &text, &len) != 0) {
		ui_error("cannot read the note back: %s", strerror(errno));
	} else {
		while (len && text[len - 1] == '\n')
			text[--len] = '\0';
		hl = i >= 0 ? r->hls.v[i].id : highlight_for_target(r);
		if (hl >= 0 && save_note(hl, text, i >= 0 ? r->hls.v[i].note : NULL) == 0)
			ui_message("note saved (%zu bytes)", len);
	}
	free(text);
	unlink(path);
	r->selecting = 0;
	load_annotations(r);
}

static void delete_annotation(struct reader *r)
{
	long i = annotation_at(r, target(r));
	struct store_deleted *d;
	int rc;

	if (i < 0) {
		ui_error("no annotation here");
		return;
	}
	rc = store_highlight_delete(ui.store, r->hls.v[i].id, &d);
	if (rc != 0) {
		ui_error("%s", rc > 0 ? "that annotation is gone already" : store_errmsg(ui.store));
		return;
	}
	r->undo = xreallocarray(r->undo, r->nundo + 1, sizeof *r->undo);
	r->undo[r->nundo++] = d;
	load_annotations(r);
	ui_message("annotation deleted (U undoes)");
}

static void undo_delete(struct reader *r)
{
	if (!r->nundo) {
		ui_error("nothing to undo");
		return;
	}
	char *missed;

	if (store_highlight_restore(ui.store, r->undo[r->nundo - 1], &missed) != 0) {
		ui_error("%s", store_errmsg(ui.store));
		return;
	}
	store_deleted_free(r->undo[--r->nundo]);
	load_annotations(r);
	if (missed)
		ui_error("restored the annotation, but not: %s", missed);
	else
		ui_message("restored the annotation, its note and links");
	free(missed);
}

static void yank(struct reader *r)
{
	struct sentence_span t = target(r);
	struct buf b = {0};
	size_t i;

	if (t.end <= t.start)
		return;
	buf_adds(&b, "> ");
	for (i = t.start; i < t.end; i++) {
		buf_addc(&b, r->art.body[i]);
		if (r->art.body[i] == '\n')
			buf_adds(&b, "> ");
	}
	buf_printf(&b, "\n>\n> — *%s*", r->art.title);
	if (r->art.outlet)
		buf_printf(&b, ", %s", r->art.outlet);
	if (r->art.url)
		buf_printf(&b, ", <%s>", r->art.url);
	buf_addc(&b, '\n');
	ui_clipboard(b.s, b.len);
	ui_message("copied %zu bytes as a Markdown quote to the clipboard (OSC 52)", b.len);
	buf_free(&b);
}

static void move_annotation(struct reader *r, int dir)
{
	size_t from = target(r).start;
	long i, pick = -1;

	for (i = 0; i < (long)r->hls.n; i++) {
		if (dir > 0 && r->hls.v[i].start > from) {
			pick = i;
			break;
		}
		if (dir < 0 && r->hls.v[i].start < from)
			pick = i;
	}
	if (pick < 0) {
		ui_message(r->hls.n ? (dir > 0 ? "no more annotations below" : "no more annotations above")
		                    : "no annotations in this article");
		return;
	}
	focus_at(r, r->hls.v[pick].start);
	show_offset(r, r->hls.v[pick].start);
	r->on_hl = pick;
	{
		const struct store_highlight *h = &r->hls.v[pick];
		struct buf tags = {0};
		size_t k;
		for (k = 0; k < h->ntags; k++)
			buf_printf(&tags, " #%s", h->tags[k]);
		ui_message("annotation %ld of %zu%s%s", pick + 1, r->hls.n, tags.len ? tags.s : "",
		           h->note ? " (note)" : "");
		buf_free(&tags);
	}
}

/* o: the other end of the link at the focus (a list when there are
 * several). */
static void follow_link(struct reader *r)
{
	long i = annotation_at(r, target(r));
	struct store_links ls = {0};
	const struct store_link *k;
	int64_t hl;

	if (i < 0 || !r->hls.v[i].nlinks) {
		ui_message("no link here (l makes one; ] moves to annotations)");
		return;
	}
	hl = r->hls.v[i].id;
	if (store_link_list(ui.store, 0, hl, &ls) != 0 || !ls.n) {
		ui_error("%s", ls.n ? store_errmsg(ui.store) : "the link is gone");
		store_links_free(&ls);
		return;
	}
	if (ls.n > 1) {
		store_links_free(&ls);
		ui_open("links", &(struct view_args){.article = r->art.id, .at = hl});
		return;
	}
	k = &ls.v[0];
	if ((k->from_highlight == hl ? k->to_orphaned : k->from_orphaned)) {
		ui_error("the other end is orphaned: its text was removed from its article");
	} else if (k->from_highlight == hl) {
		view_reader_open(k->to_article, (int64_t)k->to_start);
	} else {
		view_reader_open(k->from_article, (int64_t)k->from_start);
	}
	store_links_free(&ls);
}

/* Is there an executable name on $PATH? */
static int in_path(const char *name)
{
	const char *path = getenv("PATH"), *p;
	int found = 0;

	for (p = path; p && *p && !found;) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		char *full = xasprintf("%.*s/%s", (int)n, n ? p : ".", name);
		found = access(full, X_OK) == 0;
		free(full);
		p = colon ? colon + 1 : p + n;
	}
	return found;
}

/* O: the source URL in the browser, as newsboat does: $BROWSER (its
 * first entry when it is a colon-separated list), else xdg-open.  The
 * URL goes to the program as an argument, never into a command line. */
static void open_url(struct reader *r)
{
	const char *browser = getenv("BROWSER");
	char *cmd;
	int status;

	if (!r->art.url || !*r->art.url) {
		ui_error("this article has no source URL (gloss edit %lld --url URL gives it one)",
		         (long long)r->art.id);
		return;
	}
	if (browser && *browser && *browser != ':') {
		cmd = xstrndup(browser, strcspn(browser, ":"));
	} else if (in_path("xdg-open")) {
		cmd = xstrdup("xdg-open");
	} else {
		ui_error("no browser: set $BROWSER or install xdg-open (the URL: %s)", r->art.url);
		return;
	}
	status = ui_run_program(cmd, r->art.url);
	if (status != 0)
		ui_error("%s exited with %d for %s", cmd, status, r->art.url);
	else
		ui_message("opened %s", r->art.url);
	free(cmd);
}

/* --- selection --- */

static void select_start(struct reader *r)
{
	struct sentence_span f = focus_span(r);

	r->selecting = 1;
	r->sel_a = f.start;
	r->sel_b = f.end;
	ui_message("selecting: w b ( ) { } move, o swaps ends, Esc cancels");
}

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/* w and b move the selection's moving end by a word: the end (sel_b
 * after sel_a) to the end of the next or previous word, the start (after
 * o swapped them) to the start of the next or previous word.  A
 * selection never becomes empty. */
static void select_word(struct reader *r, int dir)
{
	const char *b = r->art.body;
	size_t n = r->art.body_len, p = r->sel_b;

	if (r->sel_b > r->sel_a) {
		if (dir > 0) {
			while (p < n && is_space(b[p]))
				p++;
			while (p < n && !is_space(b[p]))
				p++;
		} else {
			while (p > r->sel_a && is_space(b[p - 1]))
				p--;
			while (p > r->sel_a && !is_space(b[p - 1]))
				p--;
			while (p > r->sel_a && is_space(b[p - 1]))
				p--;
			if (p <= r->sel_a)
				return;
		}
		r->sel_b = p;
		show_offset(r, p ? p - 1 : 0);
		return;
	}
	if (dir > 0) {
		while (p < r->sel_a && !is_space(b[p]))
			p++;
		while (p < r->sel_a && is_space(b[p]))
			p++;
		if (p >= r->sel_a)
			return;
	} else {
		while (p > 0 && is_space(b[p - 1]))
			p--;
		while (p > 0 && !is_space(b[p - 1]))
			p--;
	}
	r->sel_b = p;
	show_offset(r, p);
}

/* ( ) { } in a selection move its moving end by sentence or paragraph:
 * the end to the end of a sentence, the start (after o) to the start of
 * one. */
static void select_move(struct reader *r, enum request req)
{
	struct sentence_span f;
	int at_end = r->sel_b > r->sel_a;

	focus_at(r, at_end ? (r->sel_b ? r->sel_b - 1 : 0) : r->sel_b);
	if (req == REQ_SENTENCE_NEXT)
		move_sentence(r, 1);
	else if (req == REQ_SENTENCE_PREV)
		move_sentence(r, -1);
	else if (req == REQ_PARA_NEXT)
		move_paragraph(r, 1);
	else
		move_paragraph(r, -1);
	if (at_end && (req == REQ_PARA_NEXT || req == REQ_PARA_PREV)) {
		struct para *pa = &r->paras[r->focus_para];
		para_split(r, r->focus_para);
		r->focus_sent = pa->sents.n - 1;
	}
	f = focus_span(r);
	if (at_end && f.end > r->sel_a)
		r->sel_b = f.end;
	else if (!at_end && f.start < r->sel_a)
		r->sel_b = f.start;
	show_offset(r, at_end ? (r->sel_b ? r->sel_b - 1 : 0) : r->sel_b);
}

/* o in a selection: the other end moves from now on, as in vim. */
static void select_swap(struct reader *r)
{
	size_t t = r->sel_a;

	r->sel_a = r->sel_b;
	r->sel_b = t;
	focus_at(r, r->sel_b > r->sel_a ? (r->sel_b ? r->sel_b - 1 : 0) : r->sel_b);
	show_offset(r, r->sel_b);
	ui_message(r->sel_b > r->sel_a ? "the end of the selection moves (o swaps)"
	                               : "the start of the selection moves (o swaps)");
}

/* --- drawing --- */

/* The style of the byte at off, layered: entity < focus < search < the
 * entity Tab reached. */
struct cursors {
	size_t m, h, a;
};

static struct ui_style style_at(struct reader *r, size_t off, struct cursors *c,
                                const struct sentence_span *f)
{
	struct ui_style s = ui_area(AREA_DEFAULT);

	while (c->m < r->ments.n && r->ments.v[c->m].end <= off)
		c->m++;
	while (c->h < r->hits.n && r->hits.v[c->h].end <= off)
		c->h++;
	if (off >= f->start && off < f->end)
		s = ui_style_over(s, ui_area(AREA_FOCUS));
	if (c->m < r->ments.n && r->ments.v[c->m].start <= off)
		s = ui_style_over(s, ui_area((enum area)(AREA_ENTITY + r->ments.v[c->m].label)));
	while (c->a < r->hls.n && r->hls.v[c->a].end <= off)
		c->a++;
	if (c->a < r->hls.n && r->hls.v[c->a].start <= off) {
		const struct store_highlight *h = &r->hls.v[c->a];
		const char *colour = NULL;
		size_t k;
		for (k = 0; h->ntags && k < r->tags.n; k++)
			if (strcmp(r->tags.v[k].name, h->tags[0]) == 0)
				colour = r->tags.v[k].colour;
		s = ui_style_over(s, ui_tag_style(h->ntags ? h->tags[0] : NULL, colour));
		/* The highlight's colours replace the entity's: an attribute
		 * keeps the entity in sight. */
		if (c->m < r->ments.n && r->ments.v[c->m].start <= off)
			s = ui_style_over(s, ui_area(AREA_HIGHLIGHT_ENTITY));
	}
	if (r->selecting) {
		struct sentence_span t = target(r);
		if (off >= t.start && off < t.end)
			s = ui_style_over(s, ui_area(AREA_SELECTION));
	}
	if (c->h < r->hits.n && r->hits.v[c->h].start <= off)
		s = ui_style_over(s, ui_area(AREA_SEARCH));
	if (r->ent >= 0 && off >= r->ments.v[r->ent].start && off < r->ments.v[r->ent].end) {
		s = ui_style_over(s, ui_area(AREA_CURSOR));
	}
	/* A layer above the focus that paints its own background hides the
	 * focus band: the focus then adds an attribute of its own, so the
	 * focused text always looks different from the same text elsewhere. */
	if (off >= f->start && off < f->end && s.bg != ui_area(AREA_FOCUS).bg)
		s = ui_style_over(s, ui_area(AREA_FOCUS_OVER));
	return s;
}

static void draw_line(struct reader *r, int row, size_t p, size_t l,
                      const struct sentence_span *f)
{
	struct para *pa = para_wrapped(r, p);
	const struct layout_line *ln;
	const char *text = r->art.body + pa->start;
	size_t len = pa->end - pa->start, pos;
	struct cursors c;
	int col = MARGIN;
	char scratch[16];

	if (l >= pa->lines.n)
		return;
	ln = &pa->lines.v[l];
	c.m = (size_t)mention_at_or_after(r, pa->start + ln->start);
	c.a = 0;
	c.h = 0;
	{
		/* The margin, two columns: a note marker and a link marker on
		 * lines of annotations, side by side when a line has both. */
		size_t ls = pa->start + ln->start, le = pa->start + ln->end, k;
		int note = 0, link = 0, mcol = 0;
		for (k = 0; k < r->hls.n; k++) {
			const struct store_highlight *h = &r->hls.v[k];
			if (h->end <= ls)
				continue;
			if (h->start > le)
				break;
			note |= h->note != NULL;
			link |= h->nlinks > 0;
		}
		/* c.a must point at the first highlight not ending before ls. */
		for (c.a = 0; c.a < r->hls.n && r->hls.v[c.a].end <= ls; c.a++)
			;
		if (note) {
			struct ui_style ms = ui_style_over(ui_area(AREA_DEFAULT), ui_area(AREA_NOTE_MARKER));
			ui_set_style(&ms);
			mvaddstr(row, mcol++, "✎");
		}
		if (link) {
			struct ui_style ms = ui_style_over(ui_area(AREA_DEFAULT), ui_area(AREA_LINK_MARKER));
			ui_set_style(&ms);
			mvaddstr(row, mcol, "↔");
		}
	}
	{
		size_t lo = 0, hi = r->hits.n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (r->hits.v[mid].end <= pa->start + ln->start)
				lo = mid + 1;
			else
				hi = mid;
		}
		c.h = lo;
	}
	move(row, col);
	for (pos = ln->start; pos < ln->end && pos < len;) {
		struct layout_cell cell;
		struct ui_style s;
		layout_cell_next(text, len, pos, &cell, scratch);
		if (cell.end <= pos)
			break;
		if (col + cell.width > r->width + MARGIN)
			break;
		s = style_at(r, pa->start + pos, &c, f);
		ui_set_style(&s);
		if (cell.outlen)
			addnstr(cell.out, (int)cell.outlen);
		col += cell.width;
		pos = cell.end;
	}
}

/* The right margin: the part of the article on screen, and marks where
 * search hits and entities of the kind Tab reached are. */
static void draw_minimap(struct reader *r)
{
	int rows = text_rows(), i, col = ui.cols - 1;
	size_t len = r->art.body_len ? r->art.body_len : 1, k;
	size_t top = top_offset(r), bottom;
	unsigned char *mark = xcalloc((size_t)rows, 1);
	struct ui_style base = ui_area(AREA_MINIMAP), thumb, mk;

	{
		size_t p = r->top_para, l = r->top_line;
		long row;
		bottom = top;
		for (row = 0; row < rows && p < r->npara; row++) {
			bottom = line_offset(r, p, l + 1 < para_wrapped(r, p)->lines.n ? l + 1 : para_wrapped(r, p)->lines.n);
			if (++l >= para_rows(r, p)) {
				p++;
				l = 0;
			}
		}
		if (p >= r->npara)
			bottom = len;
	}
	for (k = 0; k < r->hits.n; k++)
		mark[(size_t)((double)r->hits.v[k].start / (double)len * rows) % (size_t)rows] |= 1;
	if (r->ent >= 0) {
		enum ner_label lab = r->ments.v[r->ent].label;
		for (k = 0; k < r->ments.n; k++)
			if (r->ments.v[k].label == lab)
				mark[(size_t)((double)r->ments.v[k].start / (double)len * rows) % (size_t)rows] |= 2;
	}
	for (k = 0; k < r->hls.n; k++)
		mark[(size_t)((double)r->hls.v[k].start / (double)len * rows) % (size_t)rows] |= 4;
	thumb = base;
	thumb.attrs |= A_REVERSE;
	mk = ui_style_over(base, ui_area(AREA_MINIMAP_MARK));
	for (i = 0; i < rows; i++) {
		size_t a = (size_t)((double)i / rows * (double)len);
		size_t b = (size_t)((double)(i + 1) / rows * (double)len);
		int in_view = b > top && a <= bottom;
		struct ui_style s = in_view ? thumb : base;
		const char *ch = "│";
		if (mark[i] & 1) {
			s = ui_style_over(s, ui_area(AREA_SEARCH));
			ch = "•";
		} else if (mark[i] & 4) {
			s = ui_style_over(s, ui_area(AREA_HIGHLIGHT));
			ch = "▪";
		} else if (mark[i] & 2) {
			s = ui_style_over(s, mk);
			ch = "•";
		} else if (in_view) {
			ch = " ";
		}
		ui_set_style(&s);
		mvaddstr(1 + i, col, ch);
	}
	free(mark);
}

static void reader_draw(struct view *v)
{
	struct reader *r = v->data;
	struct ui_style title = ui_area(AREA_TITLE), def = ui_area(AREA_DEFAULT);
	struct sentence_span f = r->selecting ? focus_span(r) : target(r);
	size_t p = r->top_para, l = r->top_line, len = r->art.body_len ? r->art.body_len : 1;
	int row, used;
	char left[256], right[128];

	ui_set_style(&title);
	ui_clear_to_eol(0, 0);
	used = ui_draw_text(0, 1, r->art.title, strlen(r->art.title), ui.cols - 2);
	if (r->art.outlet && used + 6 < ui.cols) {
		ui_draw_text(0, used + 1, " — ", 5, 3);
		ui_draw_text(0, used + 4, r->art.outlet, strlen(r->art.outlet), ui.cols - used - 5);
	}
	ui_set_style(&def);
	for (row = 0; row < text_rows(); row++) {
		ui_set_style(&def);
		ui_clear_to_eol(1 + row, 0);
		if (p >= r->npara)
			continue;
		draw_line(r, 1 + row, p, l, &f);
		if (++l >= para_rows(r, p)) {
			p++;
			l = 0;
		}
	}
	draw_minimap(r);
	{
		size_t top = top_offset(r);
		int pct = p >= r->npara ? 100 : (int)((double)top * 100.0 / (double)len);
		char here[128];
		annotation_summary(r, target(r), here, sizeof here);
		snprintf(left, sizeof left, " %3d%%  %zu entities  %zu annotation%s%s%s%s", pct, r->ments.n,
		         r->hls.n, r->hls.n == 1 ? "" : "s", r->selecting ? "  [selection]" : "",
		         *here ? "  " : "", here);
		right[0] = '\0';
		if (r->query && r->hits.n)
			snprintf(right, sizeof right, "/%.40s: %zu hits", r->query, r->hits.n);
		ui_draw_status(left, right);
	}
}

/* The article's entities again: a correction may have changed them. */
static void reload_mentions(struct reader *r)
{
	size_t at = r->ent >= 0 && r->ent < (long)r->ments.n ? r->ments.v[r->ent].start : SIZE_MAX;

	r->ments.n = 0;
	r->ments_at = view_correct_changes();
	if (store_article_mentions(ui.store, r->art.id, &r->ments) != 0)
		ui_error("entities not shown: %s", store_errmsg(ui.store));
	r->ent = -1;
	for (size_t i = 0; at != SIZE_MAX && i < r->ments.n; i++)
		if (r->ments.v[i].start == at)
			r->ent = (long)i;
}

/* c: correct the entity Tab reached, in every article. */
static void correct_entity(struct reader *r)
{
	struct store_entity e = {0};

	if (r->ent < 0 || r->ent >= (long)r->ments.n) {
		ui_message("Tab moves to an entity; c then corrects it");
		return;
	}
	if (store_entity_get(ui.store, r->ments.v[r->ent].entity_id, &e) != 0) {
		ui_error("cannot correct: %s", store_errmsg(ui.store));
		reload_mentions(r); /* another gloss may have changed them */
		return;
	}
	ui_open("correct", &(struct view_args){.text = e.name, .label = (int)e.label});
	free(e.name);
}

/* e in a selection: mark its text as an entity, in every article. */
static void mark_entity(struct reader *r)
{
	struct sentence_span t = target(r);
	char *text;

	if (!r->selecting) {
		ui_message("v starts a selection; e then marks it as an entity");
		return;
	}
	while (t.end > t.start && (r->art.body[t.end - 1] == ' ' || r->art.body[t.end - 1] == '\n'))
		t.end--;
	if (t.end <= t.start || memchr(r->art.body + t.start, '\n', t.end - t.start)) {
		ui_error("an entity is a piece of one paragraph");
		return;
	}
	text = xstrndup(r->art.body + t.start, t.end - t.start);
	r->selecting = 0;
	ui_open("correct", &(struct view_args){.text = text, .label = -1, .adding = 1});
	free(text);
}

static int reader_request(struct view *v, enum request req)
{
	struct reader *r = v->data;
	long page = text_rows() > 2 ? text_rows() - 1 : 1;

	if (r->selecting) {
		switch (req) {
		case REQ_WORD_NEXT:
			select_word(r, 1);
			return 1;
		case REQ_WORD_PREV:
			select_word(r, -1);
			return 1;
		case REQ_SENTENCE_NEXT:
		case REQ_SENTENCE_PREV:
		case REQ_PARA_NEXT:
		case REQ_PARA_PREV:
			select_move(r, req);
			return 1;
		case REQ_SELECT_SWAP:
			select_swap(r);
			return 1;
		case REQ_CLEAR:
		case REQ_SELECT:
			r->selecting = 0;
			ui_message("selection cancelled");
			return 1;
		default:
			break;
		}
	}
	/* Only the keys that act on an annotation keep the one ] reached. */
	if (!(req >= REQ_TAG_1 && req <= REQ_TAG_9) && req != REQ_TAG_PROMPT && req != REQ_NOTE &&
	    req != REQ_NOTE_EDITOR && req != REQ_DELETE && req != REQ_YANK &&
	    req != REQ_ANNOT_NEXT && req != REQ_ANNOT_PREV && req != REQ_HELP)
		r->on_hl = -1;
	if (req >= REQ_TAG_1 && req <= REQ_TAG_9) {
		tag_by_key(r, (int)(req - REQ_TAG_1) + 1);
		return 1;
	}
	switch (req) {
	case REQ_SELECT:
		select_start(r);
		return 1;
	case REQ_TAG_PROMPT:
		tag_prompt(r);
		return 1;
	case REQ_NOTE:
		note_prompt(r);
		return 1;
	case REQ_NOTE_EDITOR:
		note_editor(r);
		return 1;
	case REQ_DELETE:
		delete_annotation(r);
		r->deleted_at = view_correct_tick();
		return 1;
	case REQ_UNDO:
		/* The newer of the last deletion and the last correction. */
		if (view_correct_last() > r->deleted_at && view_correct_undo())
			reload_mentions(r);
		else
			undo_delete(r);
		return 1;
	case REQ_CORRECT:
		correct_entity(r);
		return 1;
	case REQ_MARK_ENTITY:
		mark_entity(r);
		return 1;
	case REQ_YANK:
		yank(r);
		return 1;
	case REQ_ANNOT_NEXT:
		move_annotation(r, 1);
		return 1;
	case REQ_ANNOT_PREV:
		move_annotation(r, -1);
		return 1;
	case REQ_ANNOTATIONS:
		ui_open("annotations", &(struct view_args){.article = r->art.id});
		return 1;
	case REQ_LINK: {
		struct sentence_span t = target(r);
		if (t.end <= t.start) {
			ui_error("nothing to link here");
			return 1;
		}
		r->selecting = 0;
		ui_open("picker", &(struct view_args){.article = r->art.id, .text = r->art.body,
		                                        .len = r->art.body_len, .start = t.start, .end = t.end});
		return 1;
	}
	case REQ_FOLLOW:
		follow_link(r);
		return 1;
	case REQ_LINKS: {
		long i = annotation_at(r, target(r));
		ui_open("links", &(struct view_args){.article = r->art.id,
		                                       .at = i >= 0 && r->hls.v[i].nlinks ? r->hls.v[i].id : 0});
		return 1;
	}
	case REQ_RELATED: {
		struct sentence_span t = target(r);
		if (t.end > t.start)
			ui_open("related", &(struct view_args){.article = r->art.id, .text = r->art.body,
			                                         .start = t.start, .end = t.end});
		return 1;
	}
	case REQ_ENTITIES:
		ui_open("entities", NULL);
		return 1;
	case REQ_EXPORT:
		ui_export(&r->art.id, 1);
		return 1;
	case REQ_ARTICLE_NEXT:
	case REQ_ARTICLE_PREV: {
		int dir = req == REQ_ARTICLE_NEXT ? 1 : -1;
		int64_t next = ui_neighbour("library", r->art.id, dir);
		if (!next) {
			ui_message(dir > 0 ? "this is the last article of the library's list"
			                   : "this is the first article of the library's list");
			return 1;
		}
		ui_pop(); /* frees r */
		view_reader_open(next, -1);
		return 1;
	}
	case REQ_OPEN_URL:
		open_url(r);
		return 1;
	case REQ_BACK:
		/* The view stack is the jump list: back is where we came from. */
		if (v->parent && strcmp(v->parent->ops->name, "library") != 0) {
			ui_pop();
			ui_message("back");
		} else {
			ui_message("nothing to go back to (q returns to the library)");
		}
		return 1;
	case REQ_MOVE_DOWN:
		scroll_by(r, 1);
		clamp_top(r);
		focus_follow(r, 0);
		return 1;
	case REQ_MOVE_UP:
		scroll_by(r, -1);
		focus_follow(r, 1);
		return 1;
	case REQ_PAGE_DOWN:
	case REQ_HALF_DOWN:
		scroll_by(r, req == REQ_PAGE_DOWN ? page : page / 2 + 1);
		clamp_top(r);
		focus_follow(r, 0);
		return 1;
	case REQ_PAGE_UP:
	case REQ_HALF_UP:
		scroll_by(r, -(req == REQ_PAGE_UP ? page : page / 2 + 1));
		focus_follow(r, 1);
		return 1;
	case REQ_TOP:
		r->top_para = r->top_line = 0;
		focus_at(r, 0);
		return 1;
	case REQ_BOTTOM:
		bottom_top(r, &r->top_para, &r->top_line);
		if (r->npara)
			focus_at(r, r->paras[r->npara - 1].start);
		return 1;
	case REQ_SENTENCE_NEXT:
		move_sentence(r, 1);
		return 1;
	case REQ_SENTENCE_PREV:
		move_sentence(r, -1);
		return 1;
	case REQ_PARA_NEXT:
		move_paragraph(r, 1);
		return 1;
	case REQ_PARA_PREV:
		move_paragraph(r, -1);
		return 1;
	case REQ_ENTITY_NEXT:
		move_entity(r, 1);
		return 1;
	case REQ_ENTITY_PREV:
		move_entity(r, -1);
		return 1;
	case REQ_SEARCH:
		search(r);
		return 1;
	case REQ_SEARCH_NEXT:
		search_step(r, 1);
		return 1;
	case REQ_SEARCH_PREV:
		search_step(r, -1);
		return 1;
	case REQ_CLEAR:
		r->hits.n = 0;
		r->ent = -1;
		ui_message("cleared");
		return 1;
	case REQ_ENTER:
		if (r->ent < 0) {
			ui_message("Tab moves to an entity; Enter then lists its mentions");
			return 1;
		}
		ui_open("mentions", &(struct view_args){.entity = r->ments.v[r->ent].entity_id});
		return 1;
	default:
		return 0;
	}
}

/* Paragraphs: one per line of the cleaned body. */
static void build_paras(struct reader *r)
{
	size_t pos = 0, cap = 0;

	r->npara = 0;
	while (pos < r->art.body_len || (pos == 0 && r->art.body_len == 0)) {
		const char *nl = memchr(r->art.body + pos, '\n', r->art.body_len - pos);
		size_t end = nl ? (size_t)(nl - r->art.body) : r->art.body_len;
		if (r->npara == cap) {
			cap = cap ? cap * 2 : 64;
			r->paras = xreallocarray(r->paras, cap, sizeof *r->paras);
		}
		memset(&r->paras[r->npara], 0, sizeof r->paras[0]);
		r->paras[r->npara].start = pos;
		r->paras[r->npara].end = end;
		r->npara++;
		pos = end + 1;
		if (!nl)
			break;
	}
}

static void free_paras(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->npara; i++) {
		free(r->paras[i].lines.v);
		free(r->paras[i].sents.v);
	}
	free(r->paras);
	r->paras = NULL;
	r->npara = 0;
}

/* Another process changed the library: the article's details, its
 * entities and (re-imported) its text are read again; the place and the
 * focus stay where they were, as near as the new text allows. */
static void reader_reload(struct reader *r)
{
	struct store_article a = {0};
	int rc = store_article_get(ui.store, r->art.id, 0, &a);

	if (rc != 0) {
		if (rc > 0)
			ui_error("this article was deleted by another gloss (q goes back)");
		return;
	}
	if (strcmp(a.body_sha, r->art.body_sha) != 0) {
		size_t top = top_offset(r), focus = focus_span(r).start;
		store_article_clear(&a);
		if (store_article_get(ui.store, r->art.id, 1, &a) != 0)
			return;
		free_paras(r);
		store_article_clear(&r->art);
		r->art = a;
		build_paras(r);
		r->width = 0; /* rewrap */
		r->art.read_pos = (int64_t)(top < r->art.body_len ? top : 0);
		focus_at(r, focus < r->art.body_len ? focus : 0);
		if (r->query)
			find_hits(r);
		r->cur_hit = -1;
		r->selecting = 0;
	} else {
		a.body = r->art.body;
		a.body_len = r->art.body_len;
		r->art.body = NULL;
		store_article_clear(&r->art);
		r->art = a;
	}
	free(r->ments.v);
	memset(&r->ments, 0, sizeof r->ments);
	if (store_article_mentions(ui.store, r->art.id, &r->ments) != 0)
		ui_error("entities not shown: %s", store_errmsg(ui.store));
	r->ent = -1;
}

static void reader_resize(struct view *v)
{
	struct reader *r = v->data;
	int width = ui.cols - MARGIN - 2;
	size_t off;

	if (width < 1)
		width = 1;
	if (ui.data_changed)
		reader_reload(r);
	load_annotations(r);
	if (r->ments_at != view_correct_changes())
		reload_mentions(r);
	if (width == r->width)
		return;
	off = r->width ? top_offset(r) : (size_t)r->art.read_pos;
	r->width = width;
	set_top_offset(r, off);
}

static void reader_click(struct view *v, int row, int col)
{
	struct reader *r = v->data;
	size_t p = r->top_para, l = r->top_line;
	int i;

	(void)col;
	for (i = 1; i < row && p < r->npara; i++) {
		if (++l >= para_rows(r, p)) {
			p++;
			l = 0;
		}
	}
	if (row >= 1 && p < r->npara && l < para_wrapped(r, p)->lines.n)
		focus_at(r, line_offset(r, p, l));
}

static void reader_done(struct view *v)
{
	struct reader *r = v->data;
	size_t i;

	/* A lost reading position is not worth a message on the way out. */
	if (r->npara) {
		(void)store_article_set_read_pos(ui.store, r->art.id, (int64_t)top_offset(r));
		(void)store_article_set_focus_pos(ui.store, r->art.id, (int64_t)focus_span(r).start);
	}
	free_paras(r);
	free(r->ments.v);
	free(r->hits.v);
	free(r->query);
	store_highlights_free(&r->hls);
	store_tags_free(&r->tags);
	for (i = 0; i < r->nundo; i++)
		store_deleted_free(r->undo[i]);
	free(r->undo);
	store_article_clear(&r->art);
	free(r);
}

static const char *reader_screen(struct view *v)
{
	struct reader *r = v->data;

	return r->selecting ? "selection" : "reader";
}

static const struct view_ops reader_ops = {
	"reader", reader_draw, reader_request, reader_resize, reader_done, reader_click,
	reader_screen,
};

void view_reader_open(int64_t article_id, int64_t at_offset)
{
	struct reader *r = xcalloc(1, sizeof *r);
	int rc = store_article_get(ui.store, article_id, 1, &r->art);

	if (rc != 0) {
		ui_error(rc > 0 ? "no article %lld" : "cannot open article %lld: %s",
		         (long long)article_id, store_errmsg(ui.store));
		free(r);
		return;
	}
	r->ments_at = view_correct_changes();
	if (store_article_mentions(ui.store, article_id, &r->ments) != 0)
		ui_error("entities not shown: %s", store_errmsg(ui.store));
	build_paras(r);
	r->ent = -1;
	r->cur_hit = -1;
	r->on_hl = -1;
	if (at_offset >= 0)
		r->art.read_pos = at_offset;
	if (r->art.read_pos < 0 || (size_t)r->art.read_pos > r->art.body_len)
		r->art.read_pos = 0;
	ui_push(&reader_ops, r);
	/* The focus where it was left, when it is still on the screen the
	 * scroll position gives; else the sentence at the top. */
	focus_at(r, (size_t)r->art.read_pos);
	if (at_offset < 0 && r->art.focus_pos >= 0 && (size_t)r->art.focus_pos < r->art.body_len &&
	    row_of(r, (size_t)r->art.focus_pos) >= 0)
		focus_at(r, (size_t)r->art.focus_pos);
	if (at_offset >= 0) {
		long i = mention_at_or_after(r, (size_t)at_offset);
		show_offset(r, (size_t)at_offset);
		if (i < (long)r->ments.n && r->ments.v[i].start == (size_t)at_offset)
			r->ent = i;
	}
}
