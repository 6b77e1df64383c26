/* view_mentions.c — the mentions of one entity across the library, a
 * list screen (ui_list.c) whose rows open the reader at the mention. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/store.h"
#include "gloss/ui.h"
#include "gloss/ui_list.h"
#include "gloss/util.h"
#include "gloss/view_mentions.h"


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
			ui_list_add(r, who, ctx, art.id, ms.v[i].start);
			free(who);
		}
		free(ctx);
	}
	store_article_clear(&art);
	free(ms.v);
	free(ent.name);
	ui_list_open(r);
}