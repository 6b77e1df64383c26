/* view_entities.c — the entity index: every entity of the library with
 * its label, mention count, how many articles (sources) mention it, and
 * its other names; sorted and filtered; Enter lists its mentions in
 * context.  The user merges two entities (m marks one, M merges it into
 * the selected one) or splits a wrong name off (S); both are stored as
 * rules that survive re-import. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "gloss/store.h"
#include "gloss/ui.h"
#include "gloss/util.h"
#include "gloss/view_correct.h"
#include "gloss/view_entities.h"

enum ent_sort { BY_ARTICLES, BY_MENTIONS, BY_NAME, BY_LABEL, NSORTS };
static const char *const sort_names[NSORTS] = {"articles", "mentions", "name", "label"};

struct entities {
	struct store_entities all;
	size_t *shown; /* indexes into all, filtered and sorted */
	size_t nshown;
	char *filter;
	enum ent_sort sort;
	long cursor, top;
	int64_t marked;
	char **aliases; /* cache per index of all, made when drawn */
	unsigned long loaded_at; /* view_correct_changes() when loaded */
};

static enum ent_sort sort_by;
static const struct store_entities *sort_all;

static int cmp_entity(const void *a, const void *b)
{
	const struct store_entity *x = &sort_all->v[*(const size_t *)a];
	const struct store_entity *y = &sort_all->v[*(const size_t *)b];
	int c = 0;

	switch (sort_by) {
	case BY_ARTICLES:
		c = (y->articles > x->articles) - (y->articles < x->articles);
		if (!c)
			c = (y->mentions > x->mentions) - (y->mentions < x->mentions);
		break;
	case BY_MENTIONS:
		c = (y->mentions > x->mentions) - (y->mentions < x->mentions);
		break;
	case BY_NAME:
		c = strcasecmp(x->name, y->name);
		break;
	case BY_LABEL:
		c = (int)x->label - (int)y->label;
		break;
	default:
		break;
	}
	return c ? c : strcmp(x->name, y->name);
}

static void refilter(struct entities *e)
{
	size_t i;

	e->nshown = 0;
	for (i = 0; i < e->all.n; i++) {
		if (e->filter && !strcasestr(e->all.v[i].name, e->filter) &&
		    strcasecmp(ner_label_name(e->all.v[i].label), e->filter) != 0)
			continue;
		e->shown[e->nshown++] = i;
	}
	sort_by = e->sort;
	sort_all = &e->all;
	qsort(e->shown, e->nshown, sizeof *e->shown, cmp_entity);
	if (e->cursor >= (long)e->nshown)
		e->cursor = e->nshown ? (long)e->nshown - 1 : 0;
}

static void load(struct entities *e)
{
	size_t i;

	for (i = 0; e->aliases && i < e->all.n; i++)
		free(e->aliases[i]);
	free(e->aliases);
	store_entities_free(&e->all);
	e->loaded_at = view_correct_changes();
	if (store_entity_list(ui.store, 0, -1, &e->all) != 0)
		ui_error("%s", store_errmsg(ui.store));
	free(e->shown);
	e->shown = xcalloc(e->all.n + 1, sizeof *e->shown);
	e->aliases = xcalloc(e->all.n + 1, sizeof *e->aliases);
	refilter(e);
}

static void entities_draw(struct view *v)
{
	struct buf hint = {0};
	struct entities *e = v->data;
	struct ui_style title = ui_area(AREA_TITLE), def = ui_area(AREA_DEFAULT);
	struct ui_style cur = ui_style_over(def, ui_area(AREA_CURSOR));
	struct ui_style head = ui_area(AREA_LIST_HEADER), dim = ui_style_over(def, ui_area(AREA_LIST_DIM));
	int rows = ui.rows - 3, r;
	char buf[256];

	if (e->cursor < e->top)
		e->top = e->cursor;
	if (e->cursor >= e->top + rows)
		e->top = e->cursor - rows + 1;
	ui_set_style(&title);
	ui_clear_to_eol(0, 0);
	snprintf(buf, sizeof buf, " Entities — %zu%s%.40s%s · sorted by %s", e->nshown,
	         e->filter ? " matching '" : "", e->filter ? e->filter : "", e->filter ? "'" : "",
	         sort_names[e->sort]);
	ui_draw_text(0, 0, buf, strlen(buf), ui.cols);
	ui_set_style(&head);
	ui_clear_to_eol(1, 0);
	snprintf(buf, sizeof buf, "%-12s %-32s %8s %8s  %s", "Label", "Name", "Mentions", "Articles",
	         "Also written");
	ui_draw_text(1, 1, buf, strlen(buf), ui.cols - 2);
	for (r = 0; r < rows; r++) {
		long k = e->top + r;
		size_t idx;
		const struct store_entity *en;
		struct ui_style lab;
		int x;
		ui_set_style(k == e->cursor ? &cur : &def);
		ui_clear_to_eol(2 + r, 0);
		if (k >= (long)e->nshown)
			continue;
		idx = e->shown[k];
		en = &e->all.v[idx];
		if (en->id == e->marked)
			mvaddstr(2 + r, 0, "*");
		lab = ui_style_over(k == e->cursor ? cur : def, ui_area((enum area)(AREA_ENTITY + en->label)));
		ui_set_style(&lab);
		ui_draw_text(2 + r, 1, ner_label_name(en->label), strlen(ner_label_name(en->label)), 12);
		ui_set_style(k == e->cursor ? &cur : &def);
		x = 14;
		ui_draw_text(2 + r, x, en->name, strlen(en->name), 32);
		snprintf(buf, sizeof buf, "%8lld %8lld", (long long)en->mentions, (long long)en->articles);
		ui_draw_text(2 + r, x + 33, buf, strlen(buf), ui.cols - x - 34);
		/* Other names, fetched only for rows on screen. */
		if (!e->aliases[idx])
			e->aliases[idx] = store_entity_aliases(ui.store, en->id, 5);
		if (k != e->cursor)
			ui_set_style(&dim);
		ui_draw_text(2 + r, x + 33 + 19, e->aliases[idx], strlen(e->aliases[idx]),
		             ui.cols - x - 33 - 20);
	}
	snprintf(buf, sizeof buf, " %ld/%zu", e->nshown ? e->cursor + 1 : 0, e->nshown);
	if (e->marked) {
		ui_hint(&hint, "entities", REQ_MERGE, "merges the marked entity into this one");
	} else {
		ui_hint(&hint, "entities", REQ_ENTER, "mentions");
		ui_hint(&hint, "entities", REQ_SEARCH, "filter");
		ui_hint(&hint, "entities", REQ_SORT, "sort");
		ui_hint(&hint, "entities", REQ_MARK, "mark");
		ui_hint(&hint, "entities", REQ_SPLIT, "split");
	}
	ui_draw_status(buf, hint.s ? hint.s : "");
	buf_free(&hint);
}

static void filter_changed(void *ctx, const char *text)
{
	struct entities *e = ctx;

	free(e->filter);
	e->filter = *text ? xstrdup(text) : NULL;
	e->cursor = e->top = 0;
	refilter(e);
}

static int entities_request(struct view *v, enum request req)
{
	struct entities *e = v->data;
	long page = ui.rows > 5 ? ui.rows - 4 : 1;
	const struct store_entity *en = e->cursor < (long)e->nshown ? &e->all.v[e->shown[e->cursor]] : NULL;

	switch (req) {
	case REQ_MOVE_DOWN: e->cursor++; break;
	case REQ_MOVE_UP: e->cursor--; break;
	case REQ_PAGE_DOWN: e->cursor += page; break;
	case REQ_PAGE_UP: e->cursor -= page; break;
	case REQ_HALF_DOWN: e->cursor += page / 2 + 1; break;
	case REQ_HALF_UP: e->cursor -= page / 2 + 1; break;
	case REQ_TOP: e->cursor = 0; break;
	case REQ_BOTTOM: e->cursor = (long)e->nshown - 1; break;
	case REQ_SORT:
		e->sort = (enum ent_sort)((e->sort + 1) % NSORTS);
		refilter(e);
		ui_message("sorted by %s", sort_names[e->sort]);
		return 1;
	case REQ_SEARCH: {
		char *q = ui_prompt("filter (name or label): ", e->filter, filter_changed, e);
		filter_changed(e, q ? q : "");
		free(q);
		return 1;
	}
	case REQ_CLEAR:
		/* The filter first: finding the entity to merge into is the
		 * usual reason for clearing it with a mark set. */
		if (e->filter)
			filter_changed(e, "");
		else
			e->marked = 0;
		return 1;
	case REQ_ENTER:
		if (en)
			ui_open("mentions", &(struct view_args){.entity = en->id});
		return 1;
	case REQ_MARK:
		if (en) {
			e->marked = e->marked == en->id ? 0 : en->id;
			if (e->marked)
				ui_message("marked %s: go to the entity it is%s", en->name,
				           ui_keyed("entities", REQ_MERGE, " and press %s"));
			else
				ui_message("unmarked");
		}
		return 1;
	case REQ_MERGE:
		if (!en || !e->marked) {
			ui_error("mark an entity with m first, then press M on the one it is");
		} else if (store_entity_merge(ui.store, e->marked, en->id) != 0) {
			ui_error("%s", store_errmsg(ui.store));
		} else {
			char *name = xstrdup(en->name);
			e->marked = 0;
			load(e);
			ui_message("merged into %s (kept over re-import)", name);
			free(name);
		}
		return 1;
	case REQ_SPLIT:
		if (en) {
			char *aliases = store_entity_aliases(ui.store, en->id, 8);
			char *label = xasprintf("split which name off (%s)? ", aliases);
			char *name = ui_prompt(label, NULL, NULL, NULL);
			if (name && *name) {
				if (store_entity_split(ui.store, en->id, name) < 0)
					ui_error("%s", store_errmsg(ui.store));
				else {
					load(e);
					ui_message("'%s' is now an entity of its own (kept over re-import)", name);
				}
			}
			free(name);
			free(label);
			free(aliases);
		}
		return 1;
	default:
		return 0;
	}
	if (e->cursor >= (long)e->nshown)
		e->cursor = (long)e->nshown - 1;
	if (e->cursor < 0)
		e->cursor = 0;
	return 1;
}

static void entities_done(struct view *v)
{
	struct entities *e = v->data;
	size_t i;

	for (i = 0; e->aliases && i < e->all.n; i++)
		free(e->aliases[i]);
	free(e->aliases);
	store_entities_free(&e->all);
	free(e->shown);
	free(e->filter);
	free(e);
}

/* Back on top after a correction made in a reader opened from here: the
 * entities changed. */
static void entities_resize(struct view *v)
{
	struct entities *e = v->data;

	if (e->loaded_at != view_correct_changes())
		load(e);
}

static const struct view_ops entities_ops = {
	.name = "entities",
	.draw = entities_draw,
	.request = entities_request,
	.resize = entities_resize,
	.done = entities_done,
};

void view_entities_open(void)
{
	struct entities *e = xcalloc(1, sizeof *e);

	load(e);
	ui_push(&entities_ops, e);
}
