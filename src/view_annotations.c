/* view_annotations.c — two screens over what the user made: the
 * annotations list (all of them from the library, or one article's from
 * the reader: quote, tags, note, article; filtered by tag or text; Enter
 * jumps to the passage; notes edited and annotations deleted in place,
 * orphaned ones listed with their quote), and the tags screen (names,
 * digits and colours: new, rename, rebind, recolour, delete). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "gloss/store.h"
#include "gloss/ui.h"
#include "gloss/view_annotations.h"
#include "gloss/util.h"

struct annots {
	int64_t article_id; /* 0: the whole library */
	char *filter;
	struct store_highlights hls;
	long cursor, top;
	struct store_deleted **undo;
	size_t nundo;
};

static void annots_load(struct annots *a)
{
	struct store_hl_filter f = {0};

	store_highlights_free(&a->hls);
	f.article_id = a->article_id;
	f.text = a->filter;
	/* "#quote", as the rows show tags, is the tag quote; while it is
	 * being typed ("#quo") it matches as text. */
	if (a->filter && a->filter[0] == '#' && a->filter[1]) {
		struct store_tag t;
		f.text = a->filter + 1;
		if (store_tag_by_name(ui.store, a->filter + 1, &t) == 0) {
			f.text = NULL;
			f.tag = a->filter + 1;
			store_tag_clear(&t);
		}
	}
	if (store_highlight_list(ui.store, &f, &a->hls) != 0)
		ui_error("%s", store_errmsg(ui.store));
	if (a->cursor >= (long)a->hls.n)
		a->cursor = a->hls.n ? (long)a->hls.n - 1 : 0;
}

/* Each annotation takes two rows: tags and quote, then note and article. */
static void annots_draw(struct view *v)
{
	struct buf hint = {0};
	struct annots *a = v->data;
	struct ui_style title = ui_area(AREA_TITLE), def = ui_area(AREA_DEFAULT);
	struct ui_style dim = ui_style_over(def, ui_area(AREA_LIST_DIM));
	struct ui_style cur = ui_style_over(def, ui_area(AREA_CURSOR));
	int per = 2, rows = (ui.rows - 2) / per, i;
	char buf[300];

	if (a->cursor < a->top)
		a->top = a->cursor;
	if (a->cursor >= a->top + rows)
		a->top = a->cursor - rows + 1;
	ui_set_style(&title);
	ui_clear_to_eol(0, 0);
	snprintf(buf, sizeof buf, " %s annotations%s%.60s%s — %zu", a->article_id ? "This article's" : "All",
	         a->filter ? " matching '" : "", a->filter ? a->filter : "", a->filter ? "'" : "",
	         a->hls.n);
	ui_draw_text(0, 0, buf, strlen(buf), ui.cols);
	for (i = 0; i < rows; i++) {
		long k = a->top + i;
		int row = 1 + i * per, col;
		const struct store_highlight *h;
		struct buf line = {0};
		size_t t;
		ui_set_style(k == a->cursor ? &cur : &def);
		ui_clear_to_eol(row, 0);
		ui_set_style(&def);
		ui_clear_to_eol(row + 1, 0);
		if (k >= (long)a->hls.n)
			continue;
		h = &a->hls.v[k];
		ui_set_style(k == a->cursor ? &cur : &def);
		if (h->orphaned)
			buf_adds(&line, "[orphaned] ");
		for (t = 0; t < h->ntags; t++)
			buf_printf(&line, "#%s ", h->tags[t]);
		buf_adds(&line, "“");
		buf_adds(&line, h->quote);
		buf_adds(&line, "”");
		col = ui_draw_text(row, 1, line.s, line.len, ui.cols - 2);
		(void)col;
		buf_free(&line);
		ui_set_style(&dim);
		if (h->note)
			buf_printf(&line, "✎ %s", h->note);
		if (h->original_quote)
			buf_printf(&line, "%swas: “%s”", line.len ? " · " : "", h->original_quote);
		buf_printf(&line, "%s%s", line.len ? " · " : "", h->article_title ? h->article_title : "");
		ui_draw_text(row + 1, 3, line.s, line.len, ui.cols - 4);
		buf_free(&line);
	}
	snprintf(buf, sizeof buf, " %ld/%zu", a->hls.n ? a->cursor + 1 : 0, a->hls.n);
	ui_hint(&hint, "annotations", REQ_ENTER, "goes to it");
	ui_hint(&hint, "annotations", REQ_SEARCH, "filters");
	ui_hint(&hint, "annotations", REQ_NOTE, "note");
	ui_hint(&hint, "annotations", REQ_DELETE, "deletes");
	ui_hint(&hint, "annotations", REQ_QUIT, "back");
	ui_draw_status(buf, hint.s ? hint.s : "");
	buf_free(&hint);
}

static void annots_filter_changed(void *ctx, const char *text)
{
	struct annots *a = ctx;

	free(a->filter);
	a->filter = *text ? xstrdup(text) : NULL;
	a->cursor = a->top = 0;
	annots_load(a);
}

static int annots_request(struct view *v, enum request req)
{
	struct annots *a = v->data;
	long page = (ui.rows - 2) / 2 > 1 ? (ui.rows - 2) / 2 - 1 : 1;
	struct store_highlight *h = a->cursor < (long)a->hls.n ? &a->hls.v[a->cursor] : NULL;
	char *missed = NULL;

	switch (req) {
	case REQ_MOVE_DOWN: a->cursor++; break;
	case REQ_MOVE_UP: a->cursor--; break;
	case REQ_PAGE_DOWN: a->cursor += page; break;
	case REQ_PAGE_UP: a->cursor -= page; break;
	case REQ_HALF_DOWN: a->cursor += page / 2 + 1; break;
	case REQ_HALF_UP: a->cursor -= page / 2 + 1; break;
	case REQ_TOP: a->cursor = 0; break;
	case REQ_BOTTOM: a->cursor = (long)a->hls.n - 1; break;
	case REQ_SEARCH: {
		char *q = ui_prompt("filter (text, or #tag): ", a->filter, annots_filter_changed, a);
		annots_filter_changed(a, q ? q : "");
		free(q);
		return 1;
	}
	case REQ_CLEAR:
		annots_filter_changed(a, "");
		return 1;
	case REQ_ENTER:
		if (!h)
			return 1;
		if (h->orphaned) {
			ui_error("orphaned: its text is no longer in the article");
			return 1;
		}
		if (a->article_id && v->parent && strcmp(v->parent->ops->name, "reader") == 0) {
			/* Back to the reader we came from, at the passage. */
			int64_t art = h->article_id;
			size_t off = h->start;
			ui_pop();
			ui_pop();
			ui_open("reader", &(struct view_args){.article = art, .at = (int64_t)off});
		} else {
			ui_open("reader", &(struct view_args){.article = h->article_id, .at = (int64_t)h->start});
		}
		return 1;
	case REQ_NOTE:
	case REQ_NOTE_EDITOR:
		if (h) {
			char *text = ui_prompt("note: ", h->note, NULL, NULL);
			if (text) {
				if (store_note_set(ui.store, h->id, text) != 0)
					ui_error("%s", store_errmsg(ui.store));
				else
					ui_message(*text ? "note saved" : "note removed");
				free(text);
				annots_load(a);
			}
		}
		return 1;
	case REQ_DELETE:
		if (h) {
			struct store_deleted *d;
			if (store_highlight_delete(ui.store, h->id, &d) != 0) {
				ui_error("%s", store_errmsg(ui.store));
			} else {
				a->undo = xreallocarray(a->undo, a->nundo + 1, sizeof *a->undo);
				a->undo[a->nundo++] = d;
				ui_message("annotation deleted%s",
				           ui_keyed("annotations", REQ_UNDO, " (%s undoes)"));
			}
			annots_load(a);
		}
		return 1;
	case REQ_UNDO:
		if (!a->nundo) {
			ui_error("nothing to undo");
		} else if (store_highlight_restore(ui.store, a->undo[a->nundo - 1], &missed) != 0) {
			ui_error("%s", store_errmsg(ui.store));
		} else {
			store_deleted_free(a->undo[--a->nundo]);
			if (missed)
				ui_error("restored, but not: %s", missed);
			else
				ui_message("restored");
			free(missed);
			annots_load(a);
		}
		return 1;
	default:
		return 0;
	}
	if (a->cursor >= (long)a->hls.n)
		a->cursor = (long)a->hls.n - 1;
	if (a->cursor < 0)
		a->cursor = 0;
	return 1;
}

static void annots_resize(struct view *v)
{
	annots_load(v->data);
}

static void annots_done(struct view *v)
{
	struct annots *a = v->data;
	size_t i;

	store_highlights_free(&a->hls);
	for (i = 0; i < a->nundo; i++)
		store_deleted_free(a->undo[i]);
	free(a->undo);
	free(a->filter);
	free(a);
}

static const struct view_ops annots_ops = {
	.name = "annotations",
	.draw = annots_draw,
	.request = annots_request,
	.resize = annots_resize,
	.done = annots_done,
};

void view_annotations_open(int64_t article_id)
{
	struct annots *a = xcalloc(1, sizeof *a);

	a->article_id = article_id;
	ui_push(&annots_ops, a);
}

/* --- tags --- */

struct tags_view {
	struct store_tags tags;
	long cursor;
};

static void tags_load(struct tags_view *t)
{
	store_tags_free(&t->tags);
	if (store_tag_list(ui.store, &t->tags) != 0)
		ui_error("%s", store_errmsg(ui.store));
	if (t->cursor >= (long)t->tags.n)
		t->cursor = t->tags.n ? (long)t->tags.n - 1 : 0;
}

static void tags_draw(struct view *v)
{
	struct buf hint = {0};
	struct tags_view *t = v->data;
	struct ui_style title = ui_area(AREA_TITLE), def = ui_area(AREA_DEFAULT);
	struct ui_style cur = ui_style_over(def, ui_area(AREA_CURSOR));
	struct ui_style head = ui_area(AREA_LIST_HEADER);
	int rows = ui.rows - 3, i;
	long top = t->cursor >= rows ? t->cursor - rows + 1 : 0;
	char buf[256];

	ui_set_style(&title);
	ui_clear_to_eol(0, 0);
	ui_draw_text(0, 1, "Tags", 4, ui.cols - 2);
	ui_set_style(&head);
	ui_clear_to_eol(1, 0);
	snprintf(buf, sizeof buf, "%-4s %-30s %6s  %s", "Key", "Name", "Uses", "Colour");
	ui_draw_text(1, 1, buf, strlen(buf), ui.cols - 2);
	for (i = 0; i < rows; i++) {
		long k = top + i;
		const struct store_tag *g;
		struct ui_style sample;
		int used;
		ui_set_style(k == t->cursor ? &cur : &def);
		ui_clear_to_eol(2 + i, 0);
		if (k >= (long)t->tags.n)
			continue;
		g = &t->tags.v[k];
		snprintf(buf, sizeof buf, "%-4s ", g->key ? (char[]){(char)('0' + g->key), 0} : "-");
		used = ui_draw_text(2 + i, 1, buf, strlen(buf), ui.cols - 2);
		sample = ui_tag_style(g->name, g->colour);
		if (k == t->cursor)
			sample = ui_style_over(sample, ui_area(AREA_CURSOR));
		ui_set_style(&sample);
		used += ui_draw_text(2 + i, 1 + used, g->name, strlen(g->name), 30);
		ui_set_style(k == t->cursor ? &cur : &def);
		snprintf(buf, sizeof buf, " %*lld  %s", 36 - used, (long long)g->uses,
		         g->colour ? g->colour : "(theme)");
		ui_draw_text(2 + i, 1 + used, buf, strlen(buf), ui.cols - 2 - used);
	}
	snprintf(buf, sizeof buf, " %ld/%zu", t->tags.n ? t->cursor + 1 : 0, t->tags.n);
	ui_hint(&hint, "tags", REQ_NEW, "new");
	ui_hint(&hint, "tags", REQ_RENAME, "rename");
	ui_hint(&hint, "tags", REQ_REBIND, "key");
	ui_hint(&hint, "tags", REQ_RECOLOUR, "colour");
	ui_hint(&hint, "tags", REQ_DELETE, "delete");
	ui_hint(&hint, "tags", REQ_QUIT, "back");
	ui_draw_status(buf, hint.s ? hint.s : "");
	buf_free(&hint);
}

static int tags_request(struct view *v, enum request req)
{
	struct tags_view *t = v->data;
	const struct store_tag *g = t->cursor < (long)t->tags.n ? &t->tags.v[t->cursor] : NULL;
	char *in = NULL, q[200];
	int rc = 0;

	switch (req) {
	case REQ_MOVE_DOWN: t->cursor++; break;
	case REQ_MOVE_UP: t->cursor--; break;
	case REQ_TOP: t->cursor = 0; break;
	case REQ_BOTTOM: t->cursor = (long)t->tags.n - 1; break;
	case REQ_NEW:
		in = ui_prompt("new tag: ", NULL, NULL, NULL);
		if (in && *in)
			rc = store_tag_add(ui.store, in, 0, NULL) > 0 ? 0 : -1;
		break;
	case REQ_RENAME:
		if (g && (in = ui_prompt("rename to: ", g->name, NULL, NULL)) && *in)
			rc = store_tag_rename(ui.store, g->name, in);
		break;
	case REQ_REBIND:
		if (g && (in = ui_prompt("key (1-9, 0 for none): ", NULL, NULL, NULL)) && *in) {
			if (in[0] < '0' || in[0] > '9' || in[1]) {
				ui_error("a key is one digit, 1 to 9 (0 for none)");
				free(in);
				return 1;
			}
			rc = store_tag_bind(ui.store, g->name, in[0] - '0');
		}
		break;
	case REQ_RECOLOUR:
		if (g && (in = ui_prompt("colour (a name, 0-255 or #rrggbb): ", g->colour, NULL, NULL))) {
			struct theme_color c;
			if (*in && theme_parse_color(in, &c) != 0) {
				ui_error("'%s' is not a colour", in);
				free(in);
				return 1;
			}
			rc = store_tag_recolour(ui.store, g->name, *in ? in : NULL);
		}
		break;
	case REQ_DELETE:
		if (g) {
			snprintf(q, sizeof q, "Delete tag '%.60s' from %lld highlight%s?", g->name,
			         (long long)g->uses, g->uses == 1 ? "" : "s");
			if (ui_confirm(q))
				rc = store_tag_delete(ui.store, g->name);
		}
		break;
	default:
		return 0;
	}
	if (rc < 0)
		ui_error("%s", store_errmsg(ui.store));
	else if (in || req == REQ_DELETE)
		tags_load(t);
	free(in);
	if (t->cursor >= (long)t->tags.n)
		t->cursor = (long)t->tags.n - 1;
	if (t->cursor < 0)
		t->cursor = 0;
	return 1;
}

static void tags_resize(struct view *v)
{
	tags_load(v->data);
}

static void tags_done(struct view *v)
{
	struct tags_view *t = v->data;

	store_tags_free(&t->tags);
	free(t);
}

static const struct view_ops tags_ops = {
	.name = "tags",
	.draw = tags_draw,
	.request = tags_request,
	.resize = tags_resize,
	.done = tags_done,
};

void view_tags_open(void)
{
	ui_push(&tags_ops, xcalloc(1, sizeof(struct tags_view)));
}
