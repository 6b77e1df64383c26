/* ui_list.c — the generic list screen: rows of two columns, each
 * optionally leading into an article (Enter opens the reader there).
 * The help, mentions, links and correction screens are made with it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "gloss/ui.h"
#include "gloss/ui_list.h"
#include "gloss/util.h"

/* A scrolling list of rows. */
struct ui_list {
	char **key;   /* left column (key name / article title) */
	char **text;  /* right column (action help / context) */
	int64_t *article; /* 0: the row leads nowhere */
	size_t *offset;
	size_t n, cap;
	long cursor, top;
	char *title;
	int keycol;   /* width of the left column */
	int openable; /* some row leads to an article */
	struct view_ops ops;
	char screen[16];
	int (*extra)(void *ctx, enum request req, size_t row);
	void *ctx;
	void (*free_ctx)(void *ctx);
};

static void rows_add(struct ui_list *r, const char *k, const char *t, int64_t article, size_t off)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->key = xreallocarray(r->key, r->cap, sizeof *r->key);
		r->text = xreallocarray(r->text, r->cap, sizeof *r->text);
		r->article = xreallocarray(r->article, r->cap, sizeof *r->article);
		r->offset = xreallocarray(r->offset, r->cap, sizeof *r->offset);
	}
	r->key[r->n] = xstrdup(k);
	r->text[r->n] = xstrdup(t);
	r->article[r->n] = article;
	r->offset[r->n] = off;
	r->n++;
	if (article)
		r->openable = 1;
}

static void rows_draw(struct view *v)
{
	struct buf hint = {0};
	struct ui_list *r = v->data;
	struct ui_style title = ui_area(AREA_TITLE), def = ui_area(AREA_DEFAULT);
	struct ui_style key = ui_style_over(def, ui_area(AREA_HELP_KEY));
	struct ui_style cur = ui_style_over(def, ui_area(AREA_CURSOR));
	int rows = ui.rows - 2, i, kw = r->keycol < ui.cols / 2 ? r->keycol : ui.cols / 2;
	char status[64];

	if (r->cursor < r->top)
		r->top = r->cursor;
	if (r->cursor >= r->top + rows)
		r->top = r->cursor - rows + 1;
	ui_set_style(&title);
	ui_clear_to_eol(0, 0);
	ui_draw_text(0, 1, r->title, strlen(r->title), ui.cols - 2);
	for (i = 0; i < rows; i++) {
		long k = r->top + i;
		int is_cur = k == r->cursor && (r->openable || r->extra);
		ui_set_style(is_cur ? &cur : &def);
		ui_clear_to_eol(1 + i, 0);
		if (k >= (long)r->n)
			continue;
		ui_set_style(is_cur ? &cur : &key);
		if (strcmp(r->screen, "help") == 0 && ner_label_from_name(r->key[k]) >= 0) {
			/* The legend: each label in its own colour. */
			struct ui_style lab = ui_style_over(def, ui_area((enum area)(
			    AREA_ENTITY + ner_label_from_name(r->key[k]))));
			ui_set_style(&lab);
		}
		ui_draw_text(1 + i, 1, r->key[k], strlen(r->key[k]), kw);
		ui_set_style(is_cur ? &cur : &def);
		ui_draw_text(1 + i, kw + 2, r->text[k], strlen(r->text[k]), ui.cols - kw - 3);
	}
	snprintf(status, sizeof status, " %ld/%zu", r->n ? r->cursor + 1 : 0, r->n);
	if (r->openable)
		ui_hint(&hint, r->screen, REQ_ENTER, "opens");
	ui_hint(&hint, r->screen, REQ_QUIT, "back");
	ui_draw_status(status, hint.s ? hint.s : "");
	buf_free(&hint);
}

static int rows_request(struct view *v, enum request req)
{
	struct ui_list *r = v->data;
	long page = ui.rows > 4 ? ui.rows - 3 : 1;

	switch (req) {
	case REQ_MOVE_DOWN: r->cursor++; break;
	case REQ_MOVE_UP: r->cursor--; break;
	case REQ_PAGE_DOWN: r->cursor += page; break;
	case REQ_PAGE_UP: r->cursor -= page; break;
	case REQ_HALF_DOWN: r->cursor += page / 2 + 1; break;
	case REQ_HALF_UP: r->cursor -= page / 2 + 1; break;
	case REQ_TOP: r->cursor = 0; break;
	case REQ_BOTTOM: r->cursor = (long)r->n - 1; break;
	case REQ_HELP:
		if (strcmp(r->screen, "help") == 0) { /* ? on the help screen closes it */
			ui_pop();
			return 1;
		}
		return 0;
	default:
		if (r->extra && r->cursor >= 0 && (size_t)r->cursor < r->n &&
		    r->extra(r->ctx, req, (size_t)r->cursor))
			return 1;
		if (req == REQ_ENTER && r->cursor >= 0 && (size_t)r->cursor < r->n &&
		    r->article[r->cursor]) {
			ui_open("reader", &(struct view_args){.article = r->article[r->cursor],
			                                      .at = (int64_t)r->offset[r->cursor]});
			return 1;
		}
		return 0;
	}
	if (r->cursor >= (long)r->n)
		r->cursor = (long)r->n - 1;
	if (r->cursor < 0)
		r->cursor = 0;
	return 1;
}

static void rows_done(struct view *v)
{
	struct ui_list *r = v->data;
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->key[i]);
		free(r->text[i]);
	}
	free(r->key);
	free(r->text);
	free(r->article);
	free(r->offset);
	free(r->title);
	if (r->free_ctx)
		r->free_ctx(r->ctx);
	free(r);
}

static void rows_click(struct view *v, int row, int col)
{
	struct ui_list *r = v->data;

	(void)col;
	if (row >= 1 && r->top + row - 1 < (long)r->n)
		r->cursor = r->top + row - 1;
}

/* --- the public list API --- */

struct ui_list *ui_list_new(const char *screen, const char *title, int keycol)
{
	struct ui_list *l = xcalloc(1, sizeof *l);

	snprintf(l->screen, sizeof l->screen, "%s", screen);
	l->title = xstrdup(title);
	l->keycol = keycol;
	return l;
}

void ui_list_add(struct ui_list *l, const char *left, const char *right, int64_t article,
                 size_t offset)
{
	rows_add(l, left, right, article, offset);
}

void ui_list_set_extra(struct ui_list *l, int (*extra)(void *ctx, enum request req, size_t row),
                       void *ctx, void (*free_ctx)(void *ctx))
{
	l->extra = extra;
	l->ctx = ctx;
	l->free_ctx = free_ctx;
}

void ui_list_set_cursor(struct ui_list *l, size_t row)
{
	l->cursor = row < l->n ? (long)row : 0;
}

void ui_list_open(struct ui_list *l)
{
	l->ops = (struct view_ops){
		.name = l->screen,
		.draw = rows_draw,
		.request = rows_request,
		.done = rows_done,
		.click = rows_click,
	};
	ui_push(&l->ops, l);
}

void ui_list_widen(struct ui_list *l, int width)
{
	if (width > l->keycol)
		l->keycol = width;
}
