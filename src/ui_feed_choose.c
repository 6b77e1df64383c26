/* ui_feed_choose.c — the chooser behind the library's F: "all", "unread"
 * and one row per feed with its counts, on the generic list screen
 * (ui_list.c) named "feeds".  Feed names are data: the list draws them
 * through the safe drawing functions. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/store.h"
#include "gloss/store_feed.h"
#include "gloss/ui.h"
#include "gloss/ui_feed_choose.h"
#include "gloss/ui_list.h"
#include "gloss/util.h"

struct chooser {
	ui_feed_chosen *chosen;
	void *ctx;
	size_t n;
	int64_t *feed;  /* per row: the feed, or 0 */
	int *unread;    /* per row: unread only */
	char **name;
};

static void chooser_free(void *p)
{
	struct chooser *c = p;

	for (size_t i = 0; i < c->n; i++)
		free(c->name[i]);
	free(c->name);
	free(c->feed);
	free(c->unread);
	free(c);
}

static int chooser_request(void *p, enum request req, size_t row)
{
	struct chooser *c = p;
	ui_feed_chosen *chosen = c->chosen;
	void *ctx = c->ctx;
	int64_t feed;
	int unread;
	char *name;

	if (req != REQ_ENTER || row >= c->n)
		return 0;
	feed = c->feed[row];
	unread = c->unread[row];
	name = xstrdup(c->name[row]);
	ui_pop(); /* frees c */
	chosen(ctx, feed, unread, name);
	free(name);
	return 1;
}

static void add(struct ui_list *l, struct chooser *c, size_t cap, const char *left,
                const char *right, int64_t feed, int unread)
{
	if (c->n == cap)
		return;
	ui_list_add(l, left, right, 0, 0);
	c->feed[c->n] = feed;
	c->unread[c->n] = unread;
	c->name[c->n] = xstrdup(left);
	c->n++;
}

void ui_feed_choose(int64_t current_feed, int current_unread, ui_feed_chosen *chosen, void *ctx)
{
	struct store_feeds feeds = {0};
	struct chooser *c;
	struct ui_list *l;
	int64_t *unread_ids = NULL, total = store_article_count(ui.store);
	size_t nunread = 0, cap, i, cursor = 0;
	char right[160];

	if (store_feed_list(ui.store, &feeds) != 0 ||
	    store_feed_article_ids(ui.store, 0, 1, &unread_ids, &nunread) != 0 || total < 0) {
		ui_error("%s", store_errmsg(ui.store));
		store_feeds_free(&feeds);
		return;
	}
	free(unread_ids);
	cap = feeds.n + 2;
	c = xcalloc(1, sizeof *c);
	c->chosen = chosen;
	c->ctx = ctx;
	c->feed = xcalloc(cap, sizeof *c->feed);
	c->unread = xcalloc(cap, sizeof *c->unread);
	c->name = xcalloc(cap, sizeof *c->name);
	{
		char key[32], *title;
		if (ui_key_for("feeds", REQ_ENTER, key, sizeof key) != 0)
			snprintf(key, sizeof key, "?");
		title = xasprintf("Show in the library (%s): every article, the unread ones, or one "
		                  "feed's", key);
		l = ui_list_new("feeds", title, 24);
		free(title);
	}
	snprintf(right, sizeof right, "%lld article%s", (long long)total, total == 1 ? "" : "s");
	add(l, c, cap, "all", right, 0, 0);
	snprintf(right, sizeof right, "%zu unread article%s", nunread, nunread == 1 ? "" : "s");
	add(l, c, cap, "unread", right, 0, 1);
	if (current_unread && current_feed <= 0)
		cursor = 1;
	for (i = 0; i < feeds.n; i++) {
		const struct store_feed *f = &feeds.v[i];
		snprintf(right, sizeof right, "%lld article%s, %lld unread%s%s",
		         (long long)f->items, f->items == 1 ? "" : "s", (long long)f->unread,
		         f->error ? " — last fetch failed: " : "", f->error ? f->error : "");
		if (f->id == current_feed)
			cursor = c->n;
		add(l, c, cap, store_feed_name(f), right, f->id, 0);
	}
	store_feeds_free(&feeds);
	ui_list_set_extra(l, chooser_request, c, chooser_free);
	ui_list_set_cursor(l, cursor);
	ui_list_open(l);
}
