/* backup.c — the lossless JSON backup (gloss export --json); restore.c
 * reads it back.
 *
 * The file is one JSON object: "format": "gloss-backup", "version", then
 * one array a section (tags, entities, entity_rules, articles,
 * highlights, links, corrections, feeds, feed_items, unread), one row a
 * line.  Every string is UTF-8, as JSON requires.  A text that is not
 * (bytes that are not UTF-8, or a NUL) is written twice: as a string with
 * U+FFFD for each such byte, for people and other tools, and exactly as
 * base64 in a member beside it named KEY_base64 ("title_base64"); in an
 * array (a highlight's tags, a mention's text) the element is then an
 * object {"text": ..., "base64": ...}.  Version 1 backups kept such bytes
 * as lone surrogate escapes (\udcXX), which restore.c still reads. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/backup.h"
#include "gloss/export.h"
#include "gloss/store.h"
#include "gloss/store_io.h"
#include "gloss/util.h"

void json_put_str(struct buf *b, const char *str, size_t len)
{
	buf_json_str_ex(b, str, len, 1);
}

struct jw {
	struct util_out out;
	struct buf b;
	int first;   /* no row yet in this section */
	int opened;  /* a section is open */
	char **err;
};

/* Is s[0..len) UTF-8 with no NUL, so that it can be a JSON string as it
 * is? */
static int plain_text(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = util_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (!n || cp == 0)
			return 0;
		i += n;
	}
	return 1;
}

/* A text as an array element: a string, or {"text": ..., "base64": ...}
 * when it is not plain (see the top of the file). */
static void jw_item(struct buf *b, const char *s, size_t len)
{
	if (plain_text(s, len)) {
		buf_json_str(b, s, len);
		return;
	}
	buf_adds(b, "{\"text\":");
	buf_json_str(b, s, len);
	buf_adds(b, ",\"base64\":\"");
	util_base64(b, (const unsigned char *)s, len);
	buf_adds(b, "\"}");
}

/* A text member: "key": "...", and "key_base64": "..." beside it when
 * the text is not plain. */
static void jw_text(struct buf *b, const char *key, struct store_io_text t)
{
	buf_printf(b, ",\"%s\":", key);
	if (!t.s) {
		buf_adds(b, "null");
		return;
	}
	buf_json_str(b, t.s, t.len);
	if (!plain_text(t.s, t.len)) {
		buf_printf(b, ",\"%s_base64\":\"", key);
		util_base64(b, (const unsigned char *)t.s, t.len);
		buf_addc(b, '"');
	}
}

static int jw_flush(struct jw *w)
{
	if (w->b.len > (1u << 16) || !w->opened) {
		if (util_out_write(&w->out, w->b.s ? w->b.s : "", w->b.len, w->err) != 0)
			return -1;
		w->b.len = 0;
	}
	return 0;
}

static int jw_row(struct jw *w)
{
	buf_adds(&w->b, w->first ? "\n" : ",\n");
	w->first = 0;
	return 0;
}

static int jw_section(void *ctx, const char *name)
{
	struct jw *w = ctx;

	if (w->opened)
		buf_adds(&w->b, w->first ? "]" : "\n]");
	if (name) {
		buf_printf(&w->b, ",\n\"%s\": [", name);
		w->opened = 1;
	} else {
		buf_adds(&w->b, "\n}\n");
		w->opened = 0;
	}
	w->first = 1;
	return jw_flush(w) ? 1 : 0;
}

static int jw_tag(void *ctx, const struct store_io_tag *t)
{
	struct jw *w = ctx;

	jw_row(w);
	buf_printf(&w->b, "{\"id\":%lld", (long long)t->id);
	jw_text(&w->b, "name", t->name);
	if (t->key)
		buf_printf(&w->b, ",\"key\":%d", t->key);
	else
		buf_adds(&w->b, ",\"key\":null");
	jw_text(&w->b, "colour", t->colour);
	buf_addc(&w->b, '}');
	return jw_flush(w) ? 1 : 0;
}

static int jw_entity(void *ctx, const struct store_io_entity *e)
{
	struct jw *w = ctx;

	jw_row(w);
	buf_printf(&w->b, "{\"id\":%lld", (long long)e->id);
	jw_text(&w->b, "label", e->label);
	jw_text(&w->b, "canonical", e->canonical);
	buf_addc(&w->b, '}');
	return jw_flush(w) ? 1 : 0;
}

static int jw_entity_rule(void *ctx, const struct store_io_entity_rule *e)
{
	struct jw *w = ctx;

	jw_row(w);
	buf_printf(&w->b, "{\"entity\":%lld", (long long)e->entity_id);
	jw_text(&w->b, "label", e->label.s ? e->label : (struct store_io_text){"", 0});
	jw_text(&w->b, "key", e->key);
	buf_addc(&w->b, '}');
	return jw_flush(w) ? 1 : 0;
}

static int jw_article(void *ctx, const struct store_io_article *a)
{
	struct jw *w = ctx;
	size_t i;

	jw_row(w);
	buf_printf(&w->b, "{\"id\":%lld", (long long)a->id);
	jw_text(&w->b, "title", a->title);
	jw_text(&w->b, "outlet", a->outlet);
	jw_text(&w->b, "byline", a->byline);
	jw_text(&w->b, "published", a->published);
	if (a->published_as.s)
		jw_text(&w->b, "published_as", a->published_as);
	jw_text(&w->b, "dateline", a->dateline);
	jw_text(&w->b, "url", a->url);
	if (a->lang.s)
		jw_text(&w->b, "lang", a->lang);
	jw_text(&w->b, "source", a->source);
	buf_printf(&w->b, ",\"words\":%lld", (long long)a->words);
	jw_text(&w->b, "imported_at", a->imported_at);
	jw_text(&w->b, "updated_at", a->updated_at);
	buf_printf(&w->b, ",\"manual\":%lld,\"read_pos\":%lld", (long long)a->manual,
	           (long long)a->read_pos);
	jw_text(&w->b, "raw_sha", a->raw_sha);
	jw_text(&w->b, "body_sha", a->body_sha);
	buf_adds(&w->b, ",\"mentions\":[");
	for (i = 0; i < a->nmentions; i++) {
		const struct store_io_mention *m = &a->mentions[i];
		buf_printf(&w->b, "%s[%lld,%lld,%lld,", i ? "," : "", (long long)m->start,
		           (long long)m->end, (long long)m->entity_id);
		if (m->surface.s)
			jw_item(&w->b, m->surface.s, m->surface.len);
		else
			buf_adds(&w->b, "null");
		buf_addc(&w->b, ']');
	}
	buf_addc(&w->b, ']');
	jw_text(&w->b, "body", a->body);
	buf_adds(&w->b, ",\"raw_base64\":\"");
	util_base64(&w->b, a->raw, a->raw_len);
	buf_adds(&w->b, "\"}");
	return jw_flush(w) ? 1 : 0;
}

static int jw_highlight(void *ctx, const struct store_io_highlight *h)
{
	struct jw *w = ctx;
	size_t i;

	jw_row(w);
	buf_printf(&w->b, "{\"id\":%lld,\"article\":%lld,\"start\":%lld,\"end\":%lld",
	           (long long)h->id, (long long)h->article_id, (long long)h->start, (long long)h->end);
	jw_text(&w->b, "quote", h->quote);
	jw_text(&w->b, "prefix", h->prefix);
	jw_text(&w->b, "suffix", h->suffix);
	jw_text(&w->b, "original_quote", h->original_quote);
	jw_text(&w->b, "body_sha", h->body_sha);
	buf_printf(&w->b, ",\"orphaned\":%s", h->orphaned ? "true" : "false");
	jw_text(&w->b, "created", h->created);
	jw_text(&w->b, "updated", h->updated);
	buf_adds(&w->b, ",\"tags\":[");
	for (i = 0; i < h->ntags; i++) {
		if (i)
			buf_addc(&w->b, ',');
		jw_item(&w->b, h->tags[i].s, h->tags[i].len);
	}
	buf_adds(&w->b, "],\"note\":");
	if (h->has_note) {
		buf_printf(&w->b, "{\"id\":%lld", (long long)h->note_id);
		jw_text(&w->b, "body", h->note);
		jw_text(&w->b, "created", h->note_created);
		jw_text(&w->b, "updated", h->note_updated);
		buf_addc(&w->b, '}');
	} else {
		buf_adds(&w->b, "null");
	}
	buf_addc(&w->b, '}');
	return jw_flush(w) ? 1 : 0;
}

static int jw_link(void *ctx, const struct store_io_link *l)
{
	struct jw *w = ctx;

	jw_row(w);
	buf_printf(&w->b, "{\"id\":%lld,\"from\":%lld,\"to\":%lld", (long long)l->id,
	           (long long)l->from_highlight, (long long)l->to_highlight);
	jw_text(&w->b, "relation", l->relation);
	jw_text(&w->b, "created", l->created);
	buf_addc(&w->b, '}');
	return jw_flush(w) ? 1 : 0;
}

static int jw_correction(void *ctx, const struct store_io_correction *c)
{
	struct jw *w = ctx;

	jw_row(w);
	buf_printf(&w->b, "{\"id\":%lld", (long long)c->id);
	jw_text(&w->b, "kind", c->kind);
	jw_text(&w->b, "text", c->text);
	jw_text(&w->b, "label", c->label);
	jw_text(&w->b, "created", c->created);
	buf_addc(&w->b, '}');
	return jw_flush(w) ? 1 : 0;
}


static int jw_feed(void *ctx, const struct store_io_feed *f)
{
	struct jw *w = ctx;

	jw_row(w);
	buf_printf(&w->b, "{\"interval_min\":%lld,\"ttl_min\":%lld", (long long)f->interval_min,
	           (long long)f->ttl_min);
	jw_text(&w->b, "url", f->url);
	jw_text(&w->b, "title", f->title);
	jw_text(&w->b, "user_title", f->user_title);
	jw_text(&w->b, "site_url", f->site_url);
	jw_text(&w->b, "etag", f->etag);
	jw_text(&w->b, "last_modified", f->last_modified);
	jw_text(&w->b, "fetched_at", f->fetched_at);
	jw_text(&w->b, "error", f->error);
	jw_text(&w->b, "error_at", f->error_at);
	jw_text(&w->b, "retry_until", f->retry_until);
	jw_text(&w->b, "added_at", f->added_at);
	buf_addc(&w->b, '}');
	return jw_flush(w) ? 1 : 0;
}

static int jw_feed_item(void *ctx, const struct store_io_feed_item *i)
{
	struct jw *w = ctx;

	jw_row(w);
	buf_printf(&w->b, "{\"article\":%lld", (long long)i->article_id);
	jw_text(&w->b, "feed", i->feed_url);
	jw_text(&w->b, "item_key", i->item_key);
	jw_text(&w->b, "guid", i->guid);
	jw_text(&w->b, "link", i->link);
	jw_text(&w->b, "item_sha", i->item_sha);
	buf_addc(&w->b, '}');
	return jw_flush(w) ? 1 : 0;
}

static int jw_reading(void *ctx, const struct store_io_reading *rd)
{
	struct jw *w = ctx;

	jw_row(w);
	buf_printf(&w->b, "{\"article\":%lld,\"focus_pos\":%lld", (long long)rd->article_id,
	           (long long)rd->focus_pos);
	jw_text(&w->b, "read_at", rd->read_at);
	buf_printf(&w->b, ",\"unread\":%s}", rd->unread ? "true" : "false");
	return jw_flush(w) ? 1 : 0;
}

int export_json(struct store *st, const char *file, char **err)
{
	static const struct store_io_visitor v = {
		jw_tag, jw_entity, jw_entity_rule, jw_article, jw_highlight, jw_link, jw_section,
		jw_correction, jw_feed, jw_feed_item, jw_reading,
	};
	struct jw w;
	int rc;

	*err = NULL;
	memset(&w, 0, sizeof w);
	w.err = err;
	(void)util_out_clean_stale_file(file);
	if (util_out_open(&w.out, file, err) != 0)
		return -1;
	buf_printf(&w.b, "{\n\"format\": \"%s\",\n\"version\": %d", BACKUP_FORMAT, BACKUP_VERSION);
	rc = store_io_dump(st, &v, &w);
	if (rc != 0) {
		/* rc == 1: the writer failed and already said why (and closed). */
		if (rc == -1) {
			*err = xasprintf("cannot export: %s", store_errmsg(st));
			util_out_abort(&w.out);
		}
		buf_free(&w.b);
		return -1;
	}
	if (util_out_write(&w.out, w.b.s ? w.b.s : "", w.b.len, err) != 0 || util_out_commit(&w.out, err) != 0) {
		buf_free(&w.b);
		return -1;
	}
	buf_free(&w.b);
	return 0;
}
