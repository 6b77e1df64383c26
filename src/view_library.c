/* view_library.c — the list of articles: title, outlet, date, words,
 * highlight and note counts; sorted, filtered by full text as you type,
 * marked for bulk actions, edited and deleted.
 *
 * Rows are fetched a window at a time (never all titles at once), so a
 * library of any size opens as fast as its first screen. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "gloss/date.h"
#include "gloss/layout.h"
#include "gloss/store.h"
#include "gloss/store_feed.h"
#include "gloss/ui.h"
#include "gloss/ui_feed_choose.h"
#include "gloss/ui_fetch.h"
#include "gloss/ui_import.h"
#include "gloss/util.h"
#include "gloss/view_library.h"

#define WINDOW_ROWS 200

struct library {
	enum store_sort sort;
	int64_t total;       /* rows in the unfiltered list */
	struct store_articles win; /* rows [win_off, win_off + win.n) */
	int64_t win_off;
	int64_t cursor, top;
	/* Filter: the ids of the matching articles, best first. */
	char *filter;
	struct store_hits hits;
	int64_t *marks;
	size_t nmarks, capmarks;
	int stale;           /* reload counts on the next draw */
	/* F: narrowed to one feed's articles (narrow_feed > 0) or the unread
	 * ones; then the rows are the ids in nar (in the sort's order), and
	 * a filter keeps only its hits among them. */
	int64_t narrow_feed;
	int narrow_unread;
	char *narrow_name;
	int64_t *nar;
	size_t nnar;
	int feeds_followed;  /* some feed is followed (the empty library's hint) */
	/* The unread articles, ascending, for the marker column. */
	int64_t *unread;
	size_t nunread;
};

static const char *const sort_label[STORE_SORT_NSORTS] = {
	"imported", "title", "outlet", "date", "words",
};

static int list_rows(void)
{
	return ui.rows - 3;
}

static int narrowed(const struct library *l)
{
	return l->narrow_feed > 0 || l->narrow_unread;
}

static int64_t row_count(struct library *l)
{
	return l->filter ? (int64_t)l->hits.n : narrowed(l) ? (int64_t)l->nnar : l->total;
}

/* The id of row i in filter or narrowed mode. */
static int64_t row_id(struct library *l, int64_t i)
{
	return l->filter ? l->hits.v[i].id : l->nar[i];
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int in_ids(const int64_t *v, size_t n, int64_t id)
{
	return n && bsearch(&id, v, n, sizeof *v, cmp_id) != NULL;
}

static int is_unread(const struct library *l, int64_t id)
{
	return in_ids(l->unread, l->nunread, id);
}

/* The narrowed list and the unread set, read again. */
static void reload_feed_state(struct library *l)
{
	free(l->unread);
	l->unread = NULL;
	l->nunread = 0;
	if (store_feed_article_ids(ui.store, 0, 1, &l->unread, &l->nunread) != 0)
		ui_error("%s", store_errmsg(ui.store));
	l->feeds_followed = 0;
	if (l->total == 0) {
		struct store_feeds f = {0};
		if (store_feed_list(ui.store, &f) == 0)
			l->feeds_followed = f.n > 0;
		store_feeds_free(&f);
	}
	free(l->nar);
	l->nar = NULL;
	l->nnar = 0;
	if (narrowed(l) && store_article_ids_narrowed(ui.store, l->sort, l->narrow_feed,
	                                              l->narrow_unread, &l->nar, &l->nnar) != 0)
		ui_error("%s", store_errmsg(ui.store));
}

/* A filter's hits narrowed too: only those among the narrowed rows. */
static void narrow_hits(struct library *l)
{
	int64_t *sorted;
	size_t i, k = 0;

	if (!narrowed(l) || !l->filter)
		return;
	sorted = xcalloc(l->nnar ? l->nnar : 1, sizeof *sorted);
	memcpy(sorted, l->nar, l->nnar * sizeof *sorted);
	qsort(sorted, l->nnar, sizeof *sorted, cmp_id);
	for (i = 0; i < l->hits.n; i++)
		if (in_ids(sorted, l->nnar, l->hits.v[i].id))
			l->hits.v[k++] = l->hits.v[i];
	l->hits.n = k;
	free(sorted);
}

static void reload(struct library *l)
{
	store_articles_free(&l->win);
	l->win_off = -1;
	l->total = store_article_count(ui.store);
	if (l->total < 0) {
		ui_error("%s", store_errmsg(ui.store));
		l->total = 0;
	}
	reload_feed_state(l);
	if (l->filter) {
		/* An interrupted search (the next key came) leaves the previous
		 * results on screen. */
		struct store_hits found = {0};
		int rc;
		ui_search_begin();
		rc = ui_search_end(store_library_filter(ui.store, l->filter, &found));
		if (rc < 0)
			ui_error("%s", store_errmsg(ui.store));
		if (rc == 0) {
			store_hits_free(&l->hits);
			l->hits = found;
			narrow_hits(l);
		} else {
			store_hits_free(&found);
		}
	}
	if (l->cursor >= row_count(l))
		l->cursor = row_count(l) > 0 ? row_count(l) - 1 : 0;
	l->stale = 0;
}

/* The article of row i (no body), or NULL.  In filter mode the counts
 * come from one small query per visible row. */
static const struct store_article *row_article(struct library *l, int64_t i,
                                               struct store_article *tmp)
{
	if (i < 0 || i >= row_count(l))
		return NULL;
	if (l->filter || narrowed(l)) {
		if (store_article_get(ui.store, row_id(l, i), 0, tmp) != 0)
			return NULL;
		return tmp;
	}
	if (l->win_off < 0 || i < l->win_off || i >= l->win_off + (int64_t)l->win.n) {
		int64_t off = i - WINDOW_ROWS / 4;
		if (off < 0)
			off = 0;
		store_articles_free(&l->win);
		if (store_article_list(ui.store, l->sort, off, WINDOW_ROWS, &l->win) != 0) {
			ui_error("%s", store_errmsg(ui.store));
			l->win_off = -1;
			return NULL;
		}
		l->win_off = off;
		if (i >= l->win_off + (int64_t)l->win.n)
			return NULL;
	}
	return &l->win.v[i - l->win_off];
}

static int is_marked(struct library *l, int64_t id)
{
	size_t i;

	for (i = 0; i < l->nmarks; i++)
		if (l->marks[i] == id)
			return 1;
	return 0;
}

static void toggle_mark(struct library *l, int64_t id)
{
	size_t i;

	for (i = 0; i < l->nmarks; i++) {
		if (l->marks[i] == id) {
			l->marks[i] = l->marks[--l->nmarks];
			return;
		}
	}
	if (l->nmarks == l->capmarks) {
		l->capmarks = l->capmarks ? l->capmarks * 2 : 16;
		l->marks = xreallocarray(l->marks, l->capmarks, sizeof *l->marks);
	}
	l->marks[l->nmarks++] = id;
}

static void draw_cell(int row, int col, int width, const char *s, int right)
{
	int w;

	if (width <= 0)
		return;
	if (!s)
		s = "";
	if (right) {
		w = layout_width(s, strlen(s));
		if (w < width)
			col += width - w;
	}
	ui_draw_text(row, col, s, strlen(s), width);
}

/* A count in at most width columns: 12976573 is "13.0M" in a column of
 * six, never its first six digits. */
static const char *count_in(char *buf, size_t size, int64_t n, int width)
{
	static const char units[] = "kMGT";
	double v = (double)n;

	if (snprintf(buf, size, "%lld", (long long)n) <= width)
		return buf;
	for (int u = 0; u < 4; u++) {
		v /= 1000;
		if (v < 999.95 && snprintf(buf, size, "%.1f%c", v, units[u]) <= width)
			return buf;
		if (v < 999.5 && snprintf(buf, size, "%.0f%c", v, units[u]) <= width)
			return buf;
	}
	return buf;
}

static void library_draw(struct view *v)
{
	struct buf hint = {0};
	char key[32];
	struct library *l = v->data;
	struct ui_style title = ui_area(AREA_TITLE), head = ui_area(AREA_LIST_HEADER);
	struct ui_style def = ui_area(AREA_DEFAULT), cur = ui_area(AREA_CURSOR);
	int rows = list_rows(), r, wtitle, wout = 16, wdate = 10, x;
	int narrow = ui.cols < 60;
	/* Which count columns fit: the title gets the room first (half the
	 * width, at least 24 columns); Nt, Hl and Words give way in turn. */
	int ncounts = 3;
	char buf[256];

	if (l->stale)
		reload(l);
	if (l->cursor < l->top)
		l->top = l->cursor;
	if (l->cursor >= l->top + rows)
		l->top = l->cursor - rows + 1;
	if (narrow)
		wout = wdate = 0;
	for (;;) {
		static const int count_w[4] = {0, 7, 12, 17}; /* Words, + Hl, + Nt */
		int want = (ui.cols - 3) / 2 > 24 ? (ui.cols - 3) / 2 : 24;
		wtitle = ui.cols - 2 - (narrow ? 0 : wout + wdate + 2 + count_w[ncounts]) - 1;
		if (narrow || wtitle >= want || ncounts == 0)
			break;
		ncounts--;
	}
	if (wtitle < 4)
		wtitle = 4;

	ui_set_style(&title);
	ui_clear_to_eol(0, 0);
	if (l->filter && narrowed(l))
		snprintf(buf, sizeof buf, " gloss — %lld of %lld articles (%s%.60s) match '%.60s'%s",
		         (long long)row_count(l), (long long)l->total, l->narrow_feed > 0 ? "feed " : "",
		         l->narrow_name ? l->narrow_name : "unread", l->filter,
		         l->hits.more ? ", among the newest matches" : "");
	else if (l->filter && l->hits.more)
		snprintf(buf, sizeof buf, " gloss — more than %lld of %lld articles match '%.60s': "
		         "the newest %lld, by relevance", (long long)row_count(l), (long long)l->total,
		         l->filter, (long long)row_count(l));
	else if (l->filter)
		snprintf(buf, sizeof buf, " gloss — %lld of %lld articles match '%.60s'",
		         (long long)row_count(l), (long long)l->total, l->filter);
	else if (narrowed(l))
		snprintf(buf, sizeof buf, " gloss — %lld of %lld articles: %s%.60s · sorted by %s",
		         (long long)row_count(l), (long long)l->total,
		         l->narrow_feed > 0 ? "feed " : "", l->narrow_name ? l->narrow_name : "unread",
		         sort_label[l->sort]);
	else
		snprintf(buf, sizeof buf, " gloss — %lld article%s · sorted by %s", (long long)l->total,
		         l->total == 1 ? "" : "s", sort_label[l->sort]);
	ui_draw_text(0, 0, buf, strlen(buf), ui.cols);

	ui_set_style(&head);
	ui_clear_to_eol(1, 0);
	draw_cell(1, 2, wtitle, "Title", 0);
	if (!narrow) {
		x = 2 + wtitle + 1;
		draw_cell(1, x, wout, "Outlet", 0);
		draw_cell(1, x + wout + 1, wdate, "Date", 0);
		if (ncounts >= 1)
			draw_cell(1, x + wout + wdate + 2, 6, "Words", 1);
		if (ncounts >= 2)
			draw_cell(1, x + wout + wdate + 9, 4, "Hl", 1);
		if (ncounts >= 3)
			draw_cell(1, x + wout + wdate + 14, 4, "Nt", 1);
	}
	for (r = 0; r < rows; r++) {
		struct store_article tmp = {0};
		const struct store_article *a = row_article(l, l->top + r, &tmp);
		int row = 2 + r;
		struct ui_style s = l->top + r == l->cursor ? ui_style_over(def, cur) : def;
		ui_set_style(&s);
		ui_clear_to_eol(row, 0);
		if (!a)
			continue;
		if (is_marked(l, a->id))
			mvaddstr(row, 0, "*");
		if (is_unread(l, a->id)) {
			/* Unread: a marker and the row in bold. */
			s.attrs |= A_BOLD;
			ui_set_style(&s);
			mvaddstr(row, 1, "N");
		}
		draw_cell(row, 2, wtitle, a->title && *a->title ? a->title : "(untitled)", 0);
		if (!narrow) {
			x = 2 + wtitle + 1;
			draw_cell(row, x, wout, a->outlet ? a->outlet : "—", 0);
			{
				/* one compact form: the day, as the outlet dated it */
				char day[DATE_ISO_MAX];
				const char *dd = date_display(a->published, day, sizeof day);
				draw_cell(row, x + wout + 1, wdate, dd ? dd : "", 0);
			}
			if (ncounts >= 1)
				draw_cell(row, x + wout + wdate + 2, 6, count_in(buf, sizeof buf, a->words, 6), 1);
			if (ncounts >= 2)
				draw_cell(row, x + wout + wdate + 9, 4, count_in(buf, sizeof buf, a->highlights, 4), 1);
			if (ncounts >= 3)
				draw_cell(row, x + wout + wdate + 14, 4, count_in(buf, sizeof buf, a->notes, 4), 1);
		}
		store_article_clear(&tmp);
	}
	if (l->nmarks)
		snprintf(buf, sizeof buf, " %lld/%lld  %zu marked", (long long)(row_count(l) ? l->cursor + 1 : 0),
		         (long long)row_count(l), l->nmarks);
	else
		snprintf(buf, sizeof buf, " %lld/%lld", (long long)(row_count(l) ? l->cursor + 1 : 0),
		         (long long)row_count(l));
	if (!row_count(l) && l->filter)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "  no matches for '%.60s'", l->filter);
	if (row_count(l)) {
		ui_hint(&hint, "library", REQ_ENTER, "reads");
		ui_hint(&hint, "library", REQ_SEARCH, "filters");
		ui_hint(&hint, "library", REQ_HELP, "keys");
	} else if (l->filter) {
		ui_hint(&hint, "library", REQ_CLEAR, "clears the filter");
	} else {
		buf_adds(&hint, "no articles");
		if (ui_key_for("library", REQ_IMPORT, key, sizeof key) == 0)
			buf_printf(&hint, ": %s imports a URL or a file", key);
		if (l->feeds_followed && ui_key_for("library", REQ_FETCH, key, sizeof key) == 0)
			buf_printf(&hint, ", %s fetches the feeds", key);
	}
	ui_draw_status(buf, hint.s ? hint.s : "");
	buf_free(&hint);
}

static void filter_changed(void *ctx, const char *text)
{
	struct library *l = ctx;

	free(l->filter);
	l->filter = *text ? xstrdup(text) : NULL;
	l->cursor = l->top = 0;
	reload(l);
}

static void edit_article(struct library *l, const struct store_article *a)
{
	struct store_article_edit e = {0};
	char *t, *o = NULL, *d = NULL;
	int64_t id = a->id;
	char *old_o = a->outlet ? xstrdup(a->outlet) : NULL;
	char *old_d = a->published ? xstrdup(a->published) : NULL;

	t = ui_prompt("Title: ", a->title, NULL, NULL);
	if (t)
		o = ui_prompt("Outlet: ", old_o, NULL, NULL);
	if (o)
		d = ui_prompt("Date: ", old_d, NULL, NULL);
	if (d && *d && date_parse(d, strlen(d), &(struct gloss_date){0}) != 0) {
		ui_error("not a date gloss can read: write 2015-03-18, March 18, 2015 or "
		         "18 March 2015 (empty clears it); nothing was changed");
	} else if (!t || !o || !d) {
		ui_message("edit cancelled");
	} else {
		e.title = t;
		e.outlet = o;
		e.published = d;
		if (store_article_edit(ui.store, id, &e) != 0)
			ui_error("%s", store_errmsg(ui.store));
		else
			ui_message("saved");
		l->stale = 1;
	}
	free(t);
	free(o);
	free(d);
	free(old_o);
	free(old_d);
}

static void delete_articles(struct library *l, const struct store_article *a)
{
	char q[200];
	size_t i;
	int failed = 0;

	if (l->nmarks) {
		snprintf(q, sizeof q, "Delete %zu marked article%s and their annotations?", l->nmarks,
		         l->nmarks == 1 ? "" : "s");
		if (!ui_confirm(q))
			return;
		for (i = 0; i < l->nmarks; i++)
			failed |= store_article_delete(ui.store, l->marks[i]) < 0;
		if (!failed)
			ui_message("deleted %zu article%s", l->nmarks, l->nmarks == 1 ? "" : "s");
		l->nmarks = 0;
	} else {
		snprintf(q, sizeof q, "Delete '%.60s' and its %lld highlight%s?", a->title,
		         (long long)a->highlights, a->highlights == 1 ? "" : "s");
		if (!ui_confirm(q))
			return;
		failed = store_article_delete(ui.store, a->id) < 0;
		if (!failed)
			ui_message("deleted");
	}
	if (failed)
		ui_error("%s", store_errmsg(ui.store));
	l->stale = 1;
}

static void narrow_chosen(void *ctx, int64_t feed_id, int unread_only, const char *name)
{
	struct library *l = ctx;

	l->narrow_feed = feed_id;
	l->narrow_unread = unread_only;
	free(l->narrow_name);
	l->narrow_name = feed_id > 0 ? xstrdup(name) : NULL;
	l->cursor = l->top = 0;
	reload(l);
	if (narrowed(l))
		ui_message("showing %s%s: %lld article%s", feed_id > 0 ? "the feed " : "the unread articles",
		           feed_id > 0 ? name : "", (long long)row_count(l), row_count(l) == 1 ? "" : "s");
	else
		ui_message("showing every article");
}

static void toggle_read(struct library *l, int64_t id)
{
	int unread = is_unread(l, id);

	if (store_unread_set(ui.store, id, !unread) != 0) {
		ui_error("%s", store_errmsg(ui.store));
		return;
	}
	ui_message("marked %s", unread ? "read" : "unread");
	l->stale = 1;
}

/* Every row shown (the filter's and the narrowing's) marked read. */
static void mark_all_read(struct library *l)
{
	int64_t *ids = NULL, n = row_count(l), i;
	size_t nids = 0, changed = 0;

	if (store_is_readonly(ui.store)) {
		ui_error("the library is read-only");
		return;
	}
	if (l->filter || narrowed(l)) {
		ids = xcalloc(n ? (size_t)n : 1, sizeof *ids);
		for (i = 0; i < n; i++)
			ids[nids++] = row_id(l, i);
	} else {
		/* The whole library: its unread ones are all there is to mark. */
		ids = xcalloc(l->nunread ? l->nunread : 1, sizeof *ids);
		memcpy(ids, l->unread, l->nunread * sizeof *ids);
		nids = l->nunread;
	}
	if (store_unread_set_many(ui.store, ids, nids, 0, &changed) != 0)
		ui_error("%s", store_errmsg(ui.store));
	else
		ui_message("marked %zu article%s read", changed, changed == 1 ? "" : "s");
	free(ids);
	l->stale = 1;
}

static int library_request(struct view *v, enum request req)
{
	struct library *l = v->data;
	int64_t n = row_count(l), page = list_rows() > 1 ? list_rows() - 1 : 1;
	struct store_article tmp = {0};
	const struct store_article *a;

	switch (req) {
	case REQ_MOVE_DOWN: l->cursor++; break;
	case REQ_MOVE_UP: l->cursor--; break;
	case REQ_PAGE_DOWN: l->cursor += page; break;
	case REQ_PAGE_UP: l->cursor -= page; break;
	case REQ_HALF_DOWN: l->cursor += page / 2 + 1; break;
	case REQ_HALF_UP: l->cursor -= page / 2 + 1; break;
	case REQ_TOP: l->cursor = 0; break;
	case REQ_BOTTOM: l->cursor = n - 1; break;
	case REQ_SORT:
		l->sort = (enum store_sort)((l->sort + 1) % STORE_SORT_NSORTS);
		l->cursor = l->top = 0;
		l->stale = 1;
		ui_message("sorted by %s", sort_label[l->sort]);
		return 1;
	case REQ_SEARCH: {
		char *q = ui_prompt("filter: ", l->filter, filter_changed, l);
		if (!q) {
			filter_changed(l, "");
			ui_message("filter cleared");
		} else {
			filter_changed(l, q);
			free(q);
			/* Enter opens the best match; the filter stays for later. */
			if (row_count(l) > 0)
				return library_request(v, REQ_ENTER);
			if (l->filter)
				ui_error("no matches for '%s'", l->filter);
		}
		return 1;
	}
	case REQ_ANNOTATIONS:
		ui_open("annotations", NULL);
		return 1;
	case REQ_TAGS:
		ui_open("tags", NULL);
		return 1;
	case REQ_ENTITIES:
		ui_open("entities", NULL);
		return 1;
	case REQ_IMPORT:
		ui_import_ask();
		return 1;
	case REQ_FETCH:
		ui_fetch_start();
		return 1;
	case REQ_NARROW:
		ui_feed_choose(l->narrow_feed, l->narrow_unread, narrow_chosen, l);
		return 1;
	case REQ_MARK_ALL_READ:
		mark_all_read(l);
		return 1;
	case REQ_EXPORT:
		/* The marked articles, or the whole library. */
		ui_export(l->marks, l->nmarks);
		return 1;
	case REQ_CLEAR:
		if (l->filter) {
			filter_changed(l, "");
			ui_message("filter cleared");
		}
		return 1;
	case REQ_ENTER:
	case REQ_MARK:
	case REQ_DELETE:
	case REQ_EDIT:
	case REQ_TOGGLE_READ:
		a = row_article(l, l->cursor, &tmp);
		if (!a) {
			ui_error("no article here");
			return 1;
		}
		if (req == REQ_ENTER) {
			int64_t id = a->id;
			store_article_clear(&tmp);
			l->stale = 1; /* counts may change while reading */
			ui_open("reader", &(struct view_args){.article = id, .at = -1});
			return 1;
		}
		if (store_is_readonly(ui.store) && req != REQ_MARK) {
			ui_error("the library is read-only");
		} else if (req == REQ_MARK) {
			toggle_mark(l, a->id);
			l->cursor++;
		} else if (req == REQ_TOGGLE_READ) {
			toggle_read(l, a->id);
		} else if (req == REQ_DELETE) {
			delete_articles(l, a);
		} else {
			edit_article(l, a);
		}
		store_article_clear(&tmp);
		break;
	default:
		return 0;
	}
	if (l->cursor >= n)
		l->cursor = n - 1;
	if (l->cursor < 0)
		l->cursor = 0;
	return 1;
}

/* Also called when a screen above closes: counts may have changed. */
static void library_resize(struct view *v)
{
	struct library *l = v->data;

	l->stale = 1;
}

static void library_click(struct view *v, int row, int col)
{
	struct library *l = v->data;

	(void)col;
	if (row >= 2 && l->top + row - 2 < row_count(l))
		l->cursor = l->top + row - 2;
}

static void library_done(struct view *v)
{
	struct library *l = v->data;

	store_articles_free(&l->win);
	store_hits_free(&l->hits);
	free(l->filter);
	free(l->marks);
	free(l->nar);
	free(l->unread);
	free(l->narrow_name);
	free(l);
}

static const struct view_ops library_ops = {
	.name = "library",
	.draw = library_draw,
	.request = library_request,
	.resize = library_resize,
	.done = library_done,
	.click = library_click,
};

int64_t view_library_neighbour(int64_t id, int dir)
{
	struct view *v;
	struct library *l = NULL;
	struct store_article tmp = {0};
	const struct store_article *a;
	int64_t row = -1, next = 0, i;

	for (v = ui.top; v && !l; v = v->parent)
		if (v->ops == &library_ops)
			l = v->data;
	if (!l)
		return 0;
	if (l->stale)
		reload(l);
	/* The article's row: the cursor's (it was opened from there), else
	 * found among the filter's hits or the rows fetched. */
	a = row_article(l, l->cursor, &tmp);
	if (a && a->id == id)
		row = l->cursor;
	store_article_clear(&tmp);
	for (i = 0; row < 0 && (l->filter || narrowed(l)) && i < row_count(l); i++)
		if (row_id(l, i) == id)
			row = i;
	for (i = 0; row < 0 && !l->filter && !narrowed(l) && l->win_off >= 0 && i < (int64_t)l->win.n; i++)
		if (l->win.v[i].id == id)
			row = l->win_off + i;
	if (row < 0) /* not in the list: its selected row is next */
		row = dir > 0 ? l->cursor - 1 : l->cursor + 1;
	if (row + dir < 0 || row + dir >= row_count(l))
		return 0;
	a = row_article(l, row + dir, &tmp);
	if (a) {
		next = a->id;
		l->cursor = row + dir;
	}
	store_article_clear(&tmp);
	return next;
}

void view_library_open(void)
{
	struct library *l = xcalloc(1, sizeof *l);

	int64_t last, row;

	l->win_off = -1;
	reload(l);
	/* Start on the article read last (the list starts in imported order). */
	if (store_article_last_read(ui.store, &last, &row) == 0 && row < row_count(l))
		l->cursor = row;
	ui_push(&library_ops, l);
}
