/* feed_sync.c — fetching feeds and importing their new items (see
 * feed_sync.h).  The fetch step touches no store: what the library
 * already holds of each feed is read beforehand (prepare), so the thread
 * that fetches can also parse and decide which items are new, and fetch
 * the pages of those whose feed gives too little text. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "gloss/extract.h"
#include "gloss/feed.h"
#include "gloss/feed_sync.h"
#include "gloss/import.h"
#include "gloss/ingest.h"
#include "gloss/ingest_url.h"
#include "gloss/ner.h"
#include "gloss/sentence.h"
#include "gloss/store_feed.h"
#include "gloss/util.h"

enum item_state { ITEM_NEW, ITEM_CHANGED };

struct sitem {
	size_t feed;          /* index in s->v */
	size_t item;          /* index in the feed's parsed items */
	char *key;
	char sha[65];
	int64_t replace_id;   /* ITEM_CHANGED: the article */
	enum item_state state;
	const char *html;     /* the text to import (content or description), or NULL */
	int need_page;
	struct fetch_response page;
};

struct sfeed {
	struct store_feed f;
	struct fetch_response res;
	struct feed parsed;
	int parsed_ok;
	char why[256];        /* a parse error */
	struct store_feed_knowns known;
};

struct feed_sync {
	struct sfeed *v;
	size_t n, skipped;
	struct {
		struct sitem *v;
		size_t n, cap;
	} items;
};

time_t feed_sync_parse_time(const char *iso)
{
	struct tm tm = {0};
	int y, mo, d, h, mi, se;

	if (!iso || sscanf(iso, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &se) != 6)
		return 0;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	return timegm(&tm);
}

static int is_due(const struct store_feed *f, time_t now)
{
	time_t last = feed_sync_parse_time(f->fetched_at), err = feed_sync_parse_time(f->error_at);
	time_t retry = feed_sync_parse_time(f->retry_until);
	int64_t interval = f->interval_min > 0 ? f->interval_min : FEED_DEFAULT_INTERVAL_MIN;

	if (f->interval_min <= 0 && f->ttl_min > interval)
		interval = f->ttl_min;
	if (retry && now < retry)
		return 0;
	if (err > last)
		last = err;
	return !last || now >= last + (time_t)interval * 60;
}

struct feed_sync *feed_sync_prepare(struct store *st, const int64_t *ids, size_t n,
                                    int due_only, time_t now, char **err)
{
	struct feed_sync *s = xcalloc(1, sizeof *s);
	struct store_feeds all;
	size_t i, j;

	*err = NULL;
	xmlInitParser(); /* before any thread parses */
	if (store_feed_list(st, &all) != 0) {
		*err = xasprintf("cannot list the feeds: %s", store_errmsg(st));
		free(s);
		return NULL;
	}
	s->v = xcalloc(all.n ? all.n : 1, sizeof *s->v);
	for (i = 0; i < all.n; i++) {
		int wanted = n == 0;
		for (j = 0; j < n && !wanted; j++)
			wanted = ids[j] == all.v[i].id;
		if (!wanted)
			continue;
		if (due_only && !is_due(&all.v[i], now)) {
			s->skipped++;
			continue;
		}
		s->v[s->n].f = all.v[i];
		memset(&all.v[i], 0, sizeof all.v[i]);
		if (store_feed_known_items(st, s->v[s->n].f.id, &s->v[s->n].known) != 0) {
			*err = xasprintf("cannot read the feed's items: %s", store_errmsg(st));
			s->n++;
			store_feeds_free(&all);
			feed_sync_free(s);
			return NULL;
		}
		s->n++;
	}
	store_feeds_free(&all);
	return s;
}

size_t feed_sync_count(const struct feed_sync *s)
{
	return s->n;
}

size_t feed_sync_skipped(const struct feed_sync *s)
{
	return s->skipped;
}

static int cmp_key(const void *k, const void *e)
{
	return strcmp((const char *)k, ((const struct store_feed_known *)e)->key);
}

/* The item's identity and a hash of what the feed says of it. */
static void item_identity(const struct feed_item *it, char **key, char sha[65])
{
	struct buf b = {0};

	buf_adds(&b, it->title ? it->title : "");
	buf_addc(&b, '\0');
	buf_adds(&b, it->content ? it->content : "");
	buf_addc(&b, '\0');
	buf_adds(&b, it->summary ? it->summary : "");
	buf_addc(&b, '\0');
	buf_adds(&b, it->link ? it->link : "");
	util_sha256_hex(b.s, b.len, sha);
	buf_free(&b);
	if (it->guid)
		*key = xasprintf("g:%s", it->guid);
	else if (it->link)
		*key = xasprintf("l:%s", it->link);
	else
		*key = xasprintf("c:%s", sha);
}

/* Has this HTML any text? */
static int has_text(const char *html)
{
	char *t;
	int r;

	if (!html)
		return 0;
	t = feed_html_text(html, strlen(html));
	r = t[0] != '\0';
	free(t);
	return r;
}

static void sort_out(struct feed_sync *s, size_t fi)
{
	struct sfeed *sf = &s->v[fi];
	size_t i;

	for (i = 0; i < sf->parsed.n; i++) {
		const struct feed_item *it = &sf->parsed.v[i];
		struct sitem si = {0};
		const struct store_feed_known *k;

		si.feed = fi;
		si.item = i;
		item_identity(it, &si.key, si.sha);
		k = sf->known.n ? bsearch(si.key, sf->known.v, sf->known.n, sizeof *sf->known.v, cmp_key)
		                 : NULL;
		if (k && strcmp(k->sha, si.sha) == 0) {
			free(si.key);
			continue;
		}
		si.state = k ? ITEM_CHANGED : ITEM_NEW;
		si.replace_id = k ? k->article_id : 0;
		if (has_text(it->content))
			si.html = it->content;
		else if (it->summary && feed_sentences(it->summary, strlen(it->summary)) >= 2)
			si.html = it->summary;
		else if (it->link)
			si.need_page = 1;
		else
			si.html = it->summary;
		VEC_PUSH(&s->items, si);
	}
	/* A key seen twice in one fetch (two items with one link): the
	 * first wins, as with GUIDs. */
}

void feed_sync_fetch(struct feed_sync *s, const struct fetch_opts *o)
{
	struct fetch_request *reqs;
	struct fetch_response *res;
	struct fetch_opts po;
	size_t i, np = 0, *where;

	reqs = xcalloc(s->n ? s->n : 1, sizeof *reqs);
	res = xcalloc(s->n ? s->n : 1, sizeof *res);
	for (i = 0; i < s->n; i++) {
		reqs[i].url = s->v[i].f.url;
		reqs[i].etag = s->v[i].f.etag;
		reqs[i].last_modified = s->v[i].f.last_modified;
	}
	{
		struct fetch_opts fo = *o;
		if (!fo.max_bytes)
			fo.max_bytes = FEED_MAX_BYTES;
		fetch_many(reqs, s->n, &fo, res);
	}
	for (i = 0; i < s->n; i++) {
		struct sfeed *sf = &s->v[i];
		sf->res = res[i];
		if (sf->res.status != FETCH_OK)
			continue;
		if (feed_parse(sf->res.body, sf->res.len,
		               sf->res.final_url ? sf->res.final_url : sf->f.url, &sf->parsed, sf->why,
		               sizeof sf->why) == 0) {
			sf->parsed_ok = 1;
			sort_out(s, i);
		}
	}
	free(reqs);
	free(res);
	/* The pages of the items that need them, at once. */
	where = xcalloc(s->items.n ? s->items.n : 1, sizeof *where);
	for (i = 0; i < s->items.n; i++)
		if (s->items.v[i].need_page)
			where[np++] = i;
	if (np) {
		reqs = xcalloc(np, sizeof *reqs);
		res = xcalloc(np, sizeof *res);
		for (i = 0; i < np; i++) {
			const struct sitem *si = &s->items.v[where[i]];
			reqs[i].url = s->v[si->feed].parsed.v[si->item].link;
		}
		po = *o;
		fetch_many(reqs, np, &po, res);
		for (i = 0; i < np; i++)
			s->items.v[where[i]].page = res[i];
		free(reqs);
		free(res);
	}
	free(where);
}

/* The first words of a text, for an item with no title. */
static char *title_from(const char *body, size_t len)
{
	size_t n = len < 80 ? len : 80;
	const char *nl = memchr(body, '\n', n);

	if (nl)
		n = (size_t)(nl - body);
	while (n < len && n > 60 && (body[n] & 0xC0) == 0x80)
		n--;
	while (n > 0 && n < len && (body[n] & 0xC0) == 0x80)
		n--;
	return xstrndup(body, n);
}

static void set_field(char **slot, const char *v)
{
	char *c;

	if (!v || !*v)
		return;
	c = import_clean_field(v);
	if (!c)
		return;
	free(*slot);
	*slot = c;
}

/* Import one item: 0 imported or updated (*id, *status), -1 with *why. */
static int import_item(struct store *st, struct sfeed *sf, struct sitem *si, const char *outlet,
                       int64_t *id, int *status, int *orphaned, char **page_err, char **why)
{
	const struct feed_item *it = &sf->parsed.v[si->item];
	struct import_doc doc = {0};
	char err[256];
	const char *raw = NULL;
	size_t rawlen = 0;
	int rc, from_page = 0;

	*page_err = NULL;
	*why = NULL;
	if (si->need_page) {
		if (si->page.status == FETCH_OK && ingest_url_type_ok(si->page.content_type) &&
		    ingest_page(si->page.body, si->page.len, si->page.charset,
		                si->page.final_url ? si->page.final_url : it->link, &doc, NULL, 0, err,
		                sizeof err) == 0) {
			from_page = 1;
			raw = si->page.body;
			rawlen = si->page.len;
		} else {
			if (si->page.status == FETCH_FAILED)
				*page_err = xstrdup(si->page.error ? si->page.error : "cannot fetch the page");
			else if (si->page.status == FETCH_OK && !ingest_url_type_ok(si->page.content_type))
				*page_err = xasprintf("its page is not a web page");
			else
				*page_err = xasprintf("its page: %s", err);
			import_doc_free(&doc);
			memset(&doc, 0, sizeof doc);
			si->html = it->summary;
		}
	}
	if (!from_page) {
		const char *html = si->html ? si->html : "";
		char *text = feed_html_text(html, strlen(html));
		if (!*text && it->title) {
			free(text);
			text = xstrdup(it->title);
		}
		if (import_clean_lines(text, strlen(text), &doc, err, sizeof err) != 0) {
			free(text);
			*why = xstrdup(err);
			import_doc_free(&doc);
			return -1;
		}
		free(text);
		raw = html;
		rawlen = strlen(html);
		if (rawlen == 0 && it->title) {
			raw = it->title;
			rawlen = strlen(raw);
		}
	}
	set_field(&doc.title, it->title);
	if (!doc.title || !*doc.title) {
		free(doc.title);
		doc.title = title_from(doc.body, doc.body_len);
	}
	set_field(&doc.byline, it->author);
	free(doc.outlet);
	doc.outlet = NULL;
	set_field(&doc.outlet, outlet);
	set_field(&doc.published, it->published);
	set_field(&doc.url, it->link);
	rc = ingest_store_doc(st, &doc, it->link, doc.url, raw, rawlen, si->replace_id, id,
	                      orphaned);
	if (rc < 0)
		*why = xstrdup(store_errmsg(st));
	else
		*status = rc;
	import_doc_free(&doc);
	return rc < 0 ? -1 : 0;
}

static void say(void (*line)(void *, int, const char *), void *ctx, int is_error,
                const char *fmt, ...) GLOSS_PRINTF(4, 5);
static void say(void (*line)(void *, int, const char *), void *ctx, int is_error,
                const char *fmt, ...)
{
	va_list ap;
	char *m;

	if (!line)
		return;
	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	line(ctx, is_error, m);
	free(m);
}

static const char *fetch_why(const char *error)
{
	/* "cannot fetch 'URL': REASON" → "REASON" (the feed is named already). */
	const char *p = error ? strstr(error, "': ") : NULL;
	return p ? p + 3 : error ? error : "unknown error";
}

size_t feed_sync_finish(struct feed_sync *s, struct store *st,
                        void (*line)(void *ctx, int is_error, const char *text), void *ctx,
                        struct feed_sync_totals *t)
{
	size_t i, k = 0;
	struct {
		int64_t *v;
		size_t n, cap;
	} ids = {0};

	memset(t, 0, sizeof *t);
	t->feeds = s->n;
	for (i = 0; i < s->n; i++) {
		struct sfeed *sf = &s->v[i];
		struct store_feed_result r = {0};
		char *name = xstrdup(store_feed_name(&sf->f));
		size_t nnew = 0, nupd = 0;

		r.retry_after_s = sf->res.retry_after;
		if (sf->res.status == FETCH_FAILED || (sf->res.status == FETCH_OK && !sf->parsed_ok)) {
			char *e = sf->res.status == FETCH_FAILED ? xstrdup(fetch_why(sf->res.error))
			                                         : xstrdup(sf->why);
			r.error = e;
			store_feed_record(st, sf->f.id, &r);
			say(line, ctx, 1, "cannot fetch the feed '%s' (%s): %s", name, sf->f.url, e);
			free(e);
			t->failed++;
			/* Its items were sorted out only when it parsed. */
			free(name);
			continue;
		}
		if (sf->res.status == FETCH_NOT_MODIFIED) {
			r.not_modified = 1;
			r.etag = sf->res.etag;
			r.last_modified = sf->res.last_modified;
			store_feed_record(st, sf->f.id, &r);
			t->unchanged_feeds++;
			say(line, ctx, 0, "%s: not modified", name);
			free(name);
			continue;
		}
		r.title = sf->parsed.title;
		r.site_url = sf->parsed.link;
		r.etag = sf->res.etag;
		r.last_modified = sf->res.last_modified;
		r.ttl_min = sf->parsed.ttl_min;
		if (store_feed_record(st, sf->f.id, &r) != 0)
			say(line, ctx, 1, "feed '%s': %s", name, store_errmsg(st));
		if (!sf->f.user_title && sf->parsed.title[0]) {
			free(name);
			name = xstrdup(sf->parsed.title);
		}
		if (sf->parsed.dup_guids)
			say(line, ctx, 0, "feed '%s': %zu item%s repeated an earlier item's GUID; the "
			    "first of each was kept", name, sf->parsed.dup_guids,
			    sf->parsed.dup_guids == 1 ? "" : "s");
		store_batch_begin(st);
		for (; k < s->items.n && s->items.v[k].feed == i; k++) {
			struct sitem *si = &s->items.v[k];
			const struct feed_item *it = &sf->parsed.v[si->item];
			char *page_err = NULL, *why = NULL;
			int64_t id = 0, known;
			int status = 0, orphaned = 0;

			/* An article already imported from the item's link is not
			 * imported twice: it now belongs to the feed. */
			if (si->state == ITEM_NEW && it->link &&
			    (known = store_article_by_source(st, it->link)) > 0) {
				store_feed_item_put(st, known, sf->f.id, si->key, it->guid, it->link, si->sha);
				continue;
			}
			if (import_item(st, sf, si, name, &id, &status, &orphaned, &page_err, &why) != 0) {
				say(line, ctx, 1, "feed '%s': cannot import the item '%s': %s", name,
				    it->title ? it->title : it->link ? it->link : "(untitled)", why);
				free(why);
				free(page_err);
				continue;
			}
			if (page_err) {
				say(line, ctx, 1, "feed '%s': %s; its description was imported instead",
				    name, page_err);
				t->page_failures++;
				free(page_err);
			}
			store_feed_item_put(st, id, sf->f.id, si->key, it->guid, it->link, si->sha);
			if (status == STORE_IMPORTED) {
				store_unread_set(st, id, 1);
				nnew++;
				VEC_PUSH(&ids, id);
			} else if (status == STORE_UPDATED) {
				nupd++;
				t->orphaned += (size_t)orphaned;
			}
		}
		if (store_batch_commit(st) != 0)
			say(line, ctx, 1, "feed '%s': cannot save: %s", name, store_errmsg(st));
		t->new_items += nnew;
		t->updated += nupd;
		if (nnew || nupd)
			say(line, ctx, 0, "%s: %zu new, %zu updated", name, nnew, nupd);
		else
			say(line, ctx, 0, "%s: nothing new", name);
		free(name);
	}
	t->new_ids = ids.v;
	t->n_new_ids = ids.n;
	return t->failed;
}

void feed_sync_free(struct feed_sync *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->items.n; i++) {
		free(s->items.v[i].key);
		fetch_response_free(&s->items.v[i].page);
	}
	free(s->items.v);
	for (i = 0; i < s->n; i++) {
		store_feed_clear(&s->v[i].f);
		fetch_response_free(&s->v[i].res);
		feed_free(&s->v[i].parsed);
		store_feed_knowns_free(&s->v[i].known);
	}
	free(s->v);
	free(s);
}
