/* view_reader.c — the reading screen: one article wrapped to the window,
 * entities coloured by label, a focus sentence that the keys move, search
 * hits, and a minimap in the right margin.
 *
 * Layout is lazy: the body is split into paragraphs once (a memchr pass),
 * and a paragraph is wrapped, and split into sentences, only when a line of
 * it is about to be drawn or scrolled over.  So the first screen of a
 * 100 MB article costs one screen of wrapping, and G wraps only the last
 * paragraphs.  The reading position is a byte offset (the first byte of
 * the top line), which survives a resize and is saved on leaving.  The
 * annotation actions are in reader_actions.c. */
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
#include "gloss/store_feed.h"
#include "gloss/textmatch.h"
#include "gloss/ui.h"
#include "gloss/util.h"
#include "gloss/view_correct.h"
#include "gloss/view_reader.h"
#include "reader_internal.h"

static const struct view_ops reader_ops;

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
	reader_focus_at(r, r->hits.v[i].start);
	reader_show_offset(r, r->hits.v[i].start);
	ui_message("/%s: %ld of %zu", r->query, i + 1, r->hits.n);
}

static void search_step(struct reader *r, int dir)
{
	size_t from;
	long i;

	if (!r->query || !r->hits.n) {
		if (r->query)
			ui_error("'%s' is not in this article", r->query);
		else
			ui_error("no search yet%s", ui_keyed("reader", REQ_SEARCH, " (%s searches)"));
		return;
	}
	if (r->cur_hit >= 0 && reader_row_of(r, r->hits.v[r->cur_hit].start) >= 0) {
		i = r->cur_hit + dir;
	} else {
		from = reader_focus_span(r).start;
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

/* --- selection --- */

static void select_start(struct reader *r)
{
	struct sentence_span f = reader_focus_span(r);

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
		reader_show_offset(r, p ? p - 1 : 0);
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
	reader_show_offset(r, p);
}

/* ( ) { } in a selection move its moving end by sentence or paragraph:
 * the end to the end of a sentence, the start (after o) to the start of
 * one. */
static void select_move(struct reader *r, enum request req)
{
	struct sentence_span f;
	int at_end = r->sel_b > r->sel_a;

	reader_focus_at(r, at_end ? (r->sel_b ? r->sel_b - 1 : 0) : r->sel_b);
	if (req == REQ_SENTENCE_NEXT)
		reader_move_sentence(r, 1);
	else if (req == REQ_SENTENCE_PREV)
		reader_move_sentence(r, -1);
	else if (req == REQ_PARA_NEXT)
		reader_move_paragraph(r, 1);
	else
		reader_move_paragraph(r, -1);
	if (at_end && (req == REQ_PARA_NEXT || req == REQ_PARA_PREV)) {
		r->focus_sent = reader_para_split(r, r->focus_para)->sents.n - 1;
	}
	f = reader_focus_span(r);
	if (at_end && f.end > r->sel_a)
		r->sel_b = f.end;
	else if (!at_end && f.start < r->sel_a)
		r->sel_b = f.start;
	reader_show_offset(r, at_end ? (r->sel_b ? r->sel_b - 1 : 0) : r->sel_b);
}

/* o in a selection: the other end moves from now on, as in vim. */
static void select_swap(struct reader *r)
{
	size_t t = r->sel_a;

	r->sel_a = r->sel_b;
	r->sel_b = t;
	reader_focus_at(r, r->sel_b > r->sel_a ? (r->sel_b ? r->sel_b - 1 : 0) : r->sel_b);
	reader_show_offset(r, r->sel_b);
	ui_message("the %s of the selection moves%s", r->sel_b > r->sel_a ? "end" : "start",
	           ui_keyed("selection", REQ_SELECT_SWAP, " (%s swaps)"));
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
		struct sentence_span t = reader_target(r);
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
	struct para *pa = reader_para_wrapped(r, p);
	const struct layout_line *ln;
	const char *text = r->art.body + pa->start;
	size_t len = pa->end - pa->start, pos;
	struct cursors c;
	int col = MARGIN;
	char scratch[16];

	if (l >= pa->lines.n)
		return;
	ln = &pa->lines.v[l];
	c.m = (size_t)reader_mention_at_or_after(r, pa->start + ln->start);
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

struct label_scan {
	unsigned char *mark;
	int rows;
	enum ner_label label;
	double len;
};

static int mark_label(void *ctx, const struct store_mention *m)
{
	struct label_scan *ls = ctx;

	if (m->label == ls->label)
		ls->mark[(size_t)((double)m->start / ls->len * ls->rows) % (size_t)ls->rows] |= 2;
	return 0;
}

/* Where the mentions of a label are, a row of the minimap each, for an
 * article whose mentions are not all loaded: one pass over its blocks,
 * kept until the label or the height changes. */
static const unsigned char *label_marks(struct reader *r, enum ner_label label, int rows)
{
	struct label_scan ls;

	if (r->label_marks && r->label_marks_rows == rows && r->label_marks_label == (int)label)
		return r->label_marks;
	free(r->label_marks);
	r->label_marks = xcalloc((size_t)rows, 1);
	r->label_marks_rows = rows;
	r->label_marks_label = (int)label;
	ls.mark = r->label_marks;
	ls.rows = rows;
	ls.label = label;
	ls.len = r->art.body_len ? (double)r->art.body_len : 1;
	if (store_mentions_each(ui.store, r->art.id, mark_label, &ls) != 0) {
		ui_error("entities not shown: %s", store_errmsg(ui.store));
		memset(r->label_marks, 0, (size_t)rows);
		reader_ments_repair(r); /* a damaged block: made again */
		return NULL;
	}
	return r->label_marks;
}

/* The right margin: the part of the article on screen (top to bottom,
 * reader_screen_end), and marks where search hits and entities of the
 * kind Tab reached are. */
static void draw_minimap(struct reader *r, size_t top, size_t bottom)
{
	int rows = reader_text_rows(), i, col = ui.cols - 1;
	size_t len = r->art.body_len ? r->art.body_len : 1, k;
	unsigned char *mark = xcalloc((size_t)rows, 1);
	struct ui_style base = ui_area(AREA_MINIMAP), thumb, mk;

	for (k = 0; k < r->hits.n; k++)
		mark[(size_t)((double)r->hits.v[k].start / (double)len * rows) % (size_t)rows] |= 1;
	if (r->ent >= 0 && r->lazy_ments) {
		const unsigned char *lm = label_marks(r, r->ments.v[r->ent].label, rows);
		for (i = 0; lm && i < rows; i++)
			mark[i] |= lm[i];
	} else if (r->ent >= 0) {
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
	struct sentence_span f = r->selecting ? reader_focus_span(r) : reader_target(r);
	size_t p = r->top_para, l = r->top_line, len = r->art.body_len ? r->art.body_len : 1, top, bottom;
	int row, used;
	char left[256], right[128];
	reader_paras_op(r);

	ui_set_style(&title);
	ui_clear_to_eol(0, 0);
	used = ui_draw_text(0, 1, r->art.title, strlen(r->art.title), ui.cols - 2);
	if (r->art.outlet && used + 6 < ui.cols) {
		ui_draw_text(0, used + 1, " — ", 5, 3);
		ui_draw_text(0, used + 4, r->art.outlet, strlen(r->art.outlet), ui.cols - used - 5);
	}
	ui_set_style(&def);
	top = reader_top_offset(r);
	bottom = r->npara ? reader_screen_end(r) : len;
	if (r->lazy_ments && r->npara)
		reader_ments_cover(r, top, bottom + 1);
	for (row = 0; row < reader_text_rows(); row++) {
		ui_set_style(&def);
		ui_clear_to_eol(1 + row, 0);
		if (p >= r->npara)
			continue;
		draw_line(r, 1 + row, p, l, &f);
		if (++l >= reader_para_rows(r, p)) {
			p++;
			l = 0;
		}
	}
	draw_minimap(r, top, bottom);
	{
		int pct = p >= r->npara ? 100 : (int)((double)top * 100.0 / (double)len);
		char here[128];
		reader_annotation_summary(r, reader_target(r), here, sizeof here);
		if (r->rest) /* the rest of a long article is still being read */
			snprintf(here, sizeof here, "reading %d%%",
			         (int)((double)store_body_loaded(r->rest) * 100.0 / (double)len));
		snprintf(left, sizeof left, " %3d%%  %zu entities  %zu annotation%s%s%s%s", pct, r->ment_total,
		         r->hls.n, r->hls.n == 1 ? "" : "s", r->selecting ? "  [selection]" : "",
		         *here ? "  " : "", here);
		right[0] = '\0';
		if (r->query && r->hits.n)
			snprintf(right, sizeof right, "/%.40s: %zu hits", r->query, r->hits.n);
		ui_draw_status(left, right);
	}
}

static int reader_request(struct view *v, enum request req)
{
	struct reader *r = v->data;
	long page = reader_text_rows() > 2 ? reader_text_rows() - 1 : 1;
	reader_paras_op(r);

	/* Every key but those that leave works on the whole text. */
	if (req != REQ_QUIT && req != REQ_QUIT_ALL && req != REQ_BACK && req != REQ_ARTICLE_NEXT &&
	    req != REQ_ARTICLE_PREV)
		reader_body_more(r, SIZE_MAX);

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
		reader_tag_by_key(r, (int)(req - REQ_TAG_1) + 1);
		return 1;
	}
	switch (req) {
	case REQ_SELECT:
		select_start(r);
		return 1;
	case REQ_TAG_PROMPT:
		reader_tag_prompt(r);
		return 1;
	case REQ_NOTE:
		reader_note_prompt(r);
		return 1;
	case REQ_NOTE_EDITOR:
		reader_note_editor(r);
		return 1;
	case REQ_DELETE:
		reader_delete_annotation(r);
		r->deleted_at = view_correct_tick();
		return 1;
	case REQ_UNDO:
		/* The newer of the last deletion and the last correction. */
		if (view_correct_last() > r->deleted_at && view_correct_undo())
			reader_reload_mentions(r);
		else
			reader_undo_delete(r);
		return 1;
	case REQ_CORRECT:
		reader_correct_entity(r);
		return 1;
	case REQ_MARK_ENTITY:
		reader_mark_entity(r);
		return 1;
	case REQ_YANK:
		reader_yank(r);
		return 1;
	case REQ_ANNOT_NEXT:
		reader_move_annotation(r, 1);
		return 1;
	case REQ_ANNOT_PREV:
		reader_move_annotation(r, -1);
		return 1;
	case REQ_ANNOTATIONS:
		ui_open("annotations", &(struct view_args){.article = r->art.id});
		return 1;
	case REQ_LINK: {
		struct sentence_span t = reader_target(r);
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
		reader_follow_link(r);
		return 1;
	case REQ_LINKS: {
		long i = reader_annotation_at(r, reader_target(r));
		ui_open("links", &(struct view_args){.article = r->art.id,
		                                       .at = i >= 0 && r->hls.v[i].nlinks ? r->hls.v[i].id : 0});
		return 1;
	}
	case REQ_RELATED: {
		struct sentence_span t = reader_target(r);
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
		reader_open_url(r);
		return 1;
	case REQ_BACK:
		/* The view stack is the jump list: back is where we came from. */
		if (v->parent && strcmp(v->parent->ops->name, "library") != 0) {
			ui_pop();
			ui_message("back");
		} else {
			ui_message("nothing to go back to%s",
			           ui_keyed("reader", REQ_QUIT, " (%s returns to the library)"));
		}
		return 1;
	case REQ_MOVE_DOWN:
		reader_scroll_by(r, 1);
		reader_clamp_top(r);
		reader_focus_follow(r, 0);
		return 1;
	case REQ_MOVE_UP:
		reader_scroll_by(r, -1);
		reader_focus_follow(r, 1);
		return 1;
	case REQ_PAGE_DOWN:
	case REQ_HALF_DOWN:
		reader_scroll_by(r, req == REQ_PAGE_DOWN ? page : page / 2 + 1);
		reader_clamp_top(r);
		reader_focus_follow(r, 0);
		return 1;
	case REQ_PAGE_UP:
	case REQ_HALF_UP:
		reader_scroll_by(r, -(req == REQ_PAGE_UP ? page : page / 2 + 1));
		reader_focus_follow(r, 1);
		return 1;
	case REQ_TOP:
		r->top_para = r->top_line = 0;
		reader_focus_at(r, 0);
		return 1;
	case REQ_BOTTOM:
		reader_bottom_top(r, &r->top_para, &r->top_line);
		if (r->npara)
			reader_focus_at(r, reader_para_start(r, r->npara - 1));
		return 1;
	case REQ_SENTENCE_NEXT:
		reader_move_sentence(r, 1);
		return 1;
	case REQ_SENTENCE_PREV:
		reader_move_sentence(r, -1);
		return 1;
	case REQ_PARA_NEXT:
		reader_move_paragraph(r, 1);
		return 1;
	case REQ_PARA_PREV:
		reader_move_paragraph(r, -1);
		return 1;
	case REQ_ENTITY_NEXT:
		reader_move_entity(r, 1);
		return 1;
	case REQ_ENTITY_PREV:
		reader_move_entity(r, -1);
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
		size_t top = reader_top_offset(r), focus = reader_focus_span(r).start;
		store_article_clear(&a);
		if (store_article_get(ui.store, r->art.id, 1, &a) != 0)
			return;
		reader_paras_free(r);
		store_article_clear(&r->art);
		r->art = a;
		reader_paras_build(r);
		r->width = 0; /* rewrap */
		r->art.read_pos = (int64_t)(top < r->art.body_len ? top : 0);
		reader_focus_at(r, focus < r->art.body_len ? focus : 0);
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
	r->ent = -1;
	reader_load_mentions(r);
}

/* Annotation writes are checked against the text this reader shows
 * (store_expect_version) when no other reader is open above it. */
static void reader_expect(struct view *v)
{
	struct view *w;

	for (w = ui.top; w && w != v; w = w->parent)
		if (w->ops == v->ops)
			return;
	store_expect_version(ui.store, ((struct reader *)v->data)->art.id,
	                     ((struct reader *)v->data)->art.body_sha);
}

static void reader_resize(struct view *v)
{
	struct reader *r = v->data;
	int width = ui.cols - MARGIN - 2;
	size_t off;
	reader_paras_op(r);

	if (width < 1)
		width = 1;
	if (r->width || ui.data_changed) /* not the first layout: a change */
		reader_body_more(r, SIZE_MAX);
	if (ui.data_changed)
		reader_reload(r);
	reader_expect(v);
	reader_load_annotations(r);
	if (r->ments_at != view_correct_changes())
		reader_reload_mentions(r);
	if (width == r->width)
		return;
	off = r->width ? reader_top_offset(r) : (size_t)r->art.read_pos;
	r->width = width;
	reader_set_top_offset(r, off);
}

static void reader_click(struct view *v, int row, int col)
{
	struct reader *r = v->data;
	size_t p = r->top_para, l = r->top_line;
	int i;
	reader_paras_op(r);
	reader_body_more(r, SIZE_MAX);

	(void)col;
	for (i = 1; i < row && p < r->npara; i++) {
		if (++l >= reader_para_rows(r, p)) {
			p++;
			l = 0;
		}
	}
	if (row >= 1 && p < r->npara && l < reader_para_wrapped(r, p)->lines.n)
		reader_focus_at(r, reader_line_offset(r, p, l));
}

static void reader_done(struct view *v)
{
	struct reader *r = v->data;
	size_t i;

	store_expect_version(ui.store, 0, NULL);
	store_body_close(r->rest); /* its read transaction ends before the writes */
	r->rest = NULL;
	/* A lost reading position is not worth a message on the way out. */
	if (r->npara) {
		(void)store_article_set_read_pos(ui.store, r->art.id, (int64_t)reader_top_offset(r));
		(void)store_article_set_focus_pos(ui.store, r->art.id, (int64_t)reader_focus_span(r).start);
	}
	reader_paras_free(r);
	free(r->ments.v);
	free(r->label_marks);
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

/* The rest of a long article, a part at a time while no key waits. */
static int reader_idle(struct view *v, int step)
{
	struct reader *r = v->data;

	if (step && r->rest)
		reader_body_more(r, store_body_loaded(r->rest) + STORE_BODY_STEP);
	return r->rest != NULL;
}

static const char *reader_screen(struct view *v)
{
	struct reader *r = v->data;

	return r->selecting ? "selection" : "reader";
}

static const struct view_ops reader_ops = {
	.name = "reader",
	.draw = reader_draw,
	.request = reader_request,
	.resize = reader_resize,
	.done = reader_done,
	.click = reader_click,
	.screen = reader_screen,
	.idle = reader_idle,
};

void view_reader_open(int64_t article_id, int64_t at_offset)
{
	struct reader *r = xcalloc(1, sizeof *r);
	int rc;
	size_t at;

	/* Opening an article reads it (feeds bring articles unread).  Written
	 * before the text is opened: while part of it is still to be read,
	 * this connection holds a read transaction, and writes wait for the
	 * rest (see store_article_open). */
	if (!store_is_readonly(ui.store) && store_unread_set(ui.store, article_id, 0) != 0)
		ui_error("%s", store_errmsg(ui.store));
	rc = store_article_open(ui.store, article_id, STORE_BODY_STEP, &r->art, &r->rest);
	if (rc != 0) {
		ui_error(rc > 0 ? "no article %lld" : "cannot open article %lld: %s",
		         (long long)article_id, store_errmsg(ui.store));
		free(r);
		return;
	}
	reader_paras_more(r);
	reader_load_mentions(r);
	/* A long article: the first screen is drawn from the part read up to
	 * a screenful of paragraphs past where it opens; the rest is read
	 * after (reader_idle). */
	at = at_offset >= 0 ? (size_t)at_offset : r->art.read_pos > 0 ? (size_t)r->art.read_pos : 0;
	if (r->art.focus_pos > 0 && (size_t)r->art.focus_pos > at && at_offset < 0)
		at = (size_t)r->art.focus_pos;
	while (r->rest && (store_body_loaded(r->rest) < at + STORE_BODY_STEP / 2 ||
	                   r->npara <= reader_para_at(r, at) + (size_t)reader_text_rows() + 1))
		reader_body_more(r, store_body_loaded(r->rest) + STORE_BODY_STEP);
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
	reader_focus_at(r, (size_t)r->art.read_pos);
	if (at_offset < 0 && r->art.focus_pos >= 0 && (size_t)r->art.focus_pos < r->art.body_len &&
	    reader_row_of(r, (size_t)r->art.focus_pos) >= 0)
		reader_focus_at(r, (size_t)r->art.focus_pos);
	if (at_offset >= 0) {
		long i;
		reader_ments_cover(r, (size_t)at_offset, (size_t)at_offset + 1);
		i = reader_mention_at_or_after(r, (size_t)at_offset);
		reader_show_offset(r, (size_t)at_offset);
		if (i < (long)r->ments.n && r->ments.v[i].start == (size_t)at_offset)
			r->ent = i;
	}
}
