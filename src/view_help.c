/* view_help.c — the generic list screen (rows of two columns, each
 * optionally leading into an article), and two lists made with it: the
 * live key table of a screen (made from the bindings, so it is never out
 * of date), and the mentions of one entity across the library. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "gloss/layout.h"
#include "gloss/store.h"
#include "gloss/ui.h"
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
	ui_draw_status(status, r->openable ? "Enter opens · q back" : "q back");
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
			view_reader_open(r->article[r->cursor], (int64_t)r->offset[r->cursor]);
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
	l->ops.name = l->screen;
	l->ops.draw = rows_draw;
	l->ops.request = rows_request;
	l->ops.done = rows_done;
	l->ops.click = rows_click;
	ui_push(&l->ops, l);
}

/* --- help --- */

static void add_binding(void *ctx, const char *key, enum request req)
{
	struct ui_list *r = ctx;
	char line[160];
	int w = layout_width(key, strlen(key));

	snprintf(line, sizeof line, "%-16s %s", ui_request_name(req), ui_request_help(req));
	rows_add(r, key, line, 0, 0);
	if (w > r->keycol)
		r->keycol = w;
}

/* What each entity label stands for, short enough for a 60-column
 * window (OntoNotes 5, as spaCy describes them). */
static const char *label_meaning(enum ner_label l)
{
	static const struct {
		const char *name, *meaning;
	} m[] = {
		{"PERSON", "people, real or fictional"},
		{"NORP", "nationalities, religious or political groups"},
		{"FAC", "buildings, airports, roads, bridges"},
		{"ORG", "companies, agencies, institutions"},
		{"GPE", "countries, cities, states (with a government)"},
		{"LOC", "other places: regions, mountains, seas"},
		{"PRODUCT", "objects, vehicles, foods (not services)"},
		{"EVENT", "named wars, storms, summits, sports events"},
		{"WORK_OF_ART", "titles of books, songs, films, paintings"},
		{"LAW", "named laws and treaties"},
		{"LANGUAGE", "named languages"},
		{"DATE", "dates and periods"},
		{"TIME", "times shorter than a day"},
		{"PERCENT", "percentages"},
		{"MONEY", "sums of money"},
		{"QUANTITY", "measurements: distance, weight, speed"},
		{"ORDINAL", "first, second, third..."},
		{"CARDINAL", "other numbers"},
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(m); i++)
		if (strcmp(m[i].name, ner_label_name(l)) == 0)
			return m[i].meaning;
	return "entity colour";
}

void view_help_open(const char *screen)
{
	char *title = xasprintf("Keys of the %s screen (from the bindings; see gloss(1) to change them)",
	                        screen);
	struct ui_list *r = ui_list_new("help", title, 0);
	int l;

	free(title);
	if (strcmp(screen, "library") == 0) {
		/* Not a key, and first, where a new user looks: the sample
		 * articles come and go from the command line. */
		rows_add(r, "samples", "gloss samples remove      removes the sample articles "
		         "(gloss samples add brings them back)", 0, 0);
		r->keycol = layout_width("samples", 7);
	}
	ui_each_binding(screen, add_binding, r);
	if (strcmp(screen, "reader") == 0) {
		ui_each_binding("selection", add_binding, r);
		/* The legend: what each entity colour means. */
		for (l = 0; l < NER_NLABELS; l++) {
			const char *name = ner_label_name((enum ner_label)l);
			int w = layout_width(name, strlen(name));
			rows_add(r, name, label_meaning((enum ner_label)l), 0, 0);
			if (w > r->keycol) /* the label whole, never cut */
				r->keycol = w;
		}
	}

	ui_list_open(r);
}

/* --- mentions of one entity --- */

/* "…words before [mention] words after…" on one line. */
static char *context(const char *body, size_t len, size_t s, size_t e)
{
	size_t a = s > 60 ? s - 60 : 0, b = e + 60 < len ? e + 60 : len;
	struct buf out = {0};

	while (a > 0 && a < s && ((unsigned char)body[a] & 0xc0) == 0x80)
		a++;
	while (b < len && ((unsigned char)body[b] & 0xc0) == 0x80)
		b++;
	if (a > 0)
		buf_adds(&out, "…");
	buf_add(&out, body + a, s - a);
	buf_adds(&out, "[");
	buf_add(&out, body + s, e - s);
	buf_adds(&out, "]");
	buf_add(&out, body + e, b - e);
	if (b < len)
		buf_adds(&out, "…");
	for (a = 0; a < out.len; a++)
		if (out.s[a] == '\n')
			out.s[a] = ' ';
	return buf_steal(&out);
}

void view_mentions_open(int64_t entity_id)
{
	struct store_mentions ms = {0};
	struct store_entity ent = {0};
	struct store_article art = {0};
	struct ui_list *r;
	size_t i;
	int64_t loaded = 0;

	if (store_entity_get(ui.store, entity_id, &ent) != 0 ||
	    store_entity_mentions(ui.store, entity_id, &ms) != 0) {
		ui_error("cannot list mentions: %s", store_errmsg(ui.store));
		free(ent.name);
		return;
	}
	{
		char *aliases = store_entity_aliases(ui.store, entity_id, 6);
		char *title = xasprintf("%s (%s): %lld mention%s in %lld article%s · %s", ent.name,
		                        ner_label_name(ent.label), (long long)ent.mentions,
		                        ent.mentions == 1 ? "" : "s", (long long)ent.articles,
		                        ent.articles == 1 ? "" : "s", aliases);
		r = ui_list_new("mentions", title, 24);
		free(title);
		free(aliases);
	}
	/* Mentions come by article, so each body is read once. */
	for (i = 0; i < ms.n; i++) {
		char *ctx;
		if (ms.v[i].article_id != loaded) {
			store_article_clear(&art);
			if (store_article_get(ui.store, ms.v[i].article_id, 1, &art) != 0)
				continue;
			loaded = ms.v[i].article_id;
		}
		if (ms.v[i].end > art.body_len)
			continue;
		ctx = context(art.body, art.body_len, ms.v[i].start, ms.v[i].end);
		{
			/* The outlet first: one story's titles look alike. */
			char *who = art.outlet && *art.outlet ? xasprintf("%s · %s", art.outlet, art.title)
			                                      : xstrdup(art.title);
			rows_add(r, who, ctx, art.id, ms.v[i].start);
			free(who);
		}
		free(ctx);
	}
	store_article_clear(&art);
	free(ms.v);
	free(ent.name);
	ui_list_open(r);
}
