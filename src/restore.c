/* restore.c — gloss restore: read a JSON backup (backup.c) with jansson
 * and add it to the library in one transaction (store_io.h).
 *
 * Texts that are not UTF-8.  Version 2 backups carry them exactly in a
 * KEY_base64 member (an {"text", "base64"} object in arrays); restore
 * prefers that over the string beside it.  Version 1 backups wrote each
 * byte that is not UTF-8 as a lone surrogate escape \udcXX, which jansson
 * (rightly) refuses.  Before parsing, such escapes — and \u0000, which
 * jansson reads as NUL — are rewritten as \u0000 followed by the byte in
 * two hex digits ("\udcff" → "\u0000ff", "\u0000" → "\u000000"); after,
 * each NUL in a string is read back with its two digits as one byte.  So
 * every string decodes to exactly the bytes the writer had, whatever the
 * version, and a NUL inside a string never comes from anywhere else. */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/backup.h"
#include "gloss/corrections.h"
#include "gloss/store.h"
#include "gloss/store_io.h"
#include "gloss/util.h"

/* --- the version 1 escapes ------------------------------------------------ */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static long hex4(const char *p, size_t left)
{
	long v = 0;
	int k;

	if (left < 4)
		return -1;
	for (k = 0; k < 4; k++) {
		int d = hexval((unsigned char)p[k]);
		if (d < 0)
			return -1;
		v = v << 4 | d;
	}
	return v;
}

/* Rewrite text[0..len) as the top of the file says.  at[] gets the
 * output offset of each rewrite (2 bytes longer each), to give syntax
 * errors the input's byte offsets. */
static char *premark(const char *text, size_t len, size_t *outlen, size_t **at, size_t *nat)
{
	struct buf b = {0};
	size_t i = 0, n = 0, cap = 0;
	int in_string = 0, after_high = 0;

	*at = NULL;
	buf_reserve(&b, len + 16);
	while (i < len) {
		char c = text[i];
		if (!in_string) {
			if (c == '"')
				in_string = 1;
			buf_addc(&b, c);
			i++;
			continue;
		}
		if (c == '"') {
			in_string = 0;
			after_high = 0;
			buf_addc(&b, c);
			i++;
			continue;
		}
		if (c != '\\' || i + 1 >= len) {
			after_high = 0;
			buf_addc(&b, c);
			i++;
			continue;
		}
		if (text[i + 1] == 'u') {
			long v = hex4(text + i + 2, len - i - 2);
			int pair = after_high && v >= 0xdc00 && v <= 0xdfff;
			after_high = v >= 0xd800 && v <= 0xdbff;
			if (v == 0 || (v >= 0xdc80 && v <= 0xdcff && !pair)) {
				if (n == cap)
					*at = xreallocarray(*at, cap = cap ? 2 * cap : 16, sizeof **at);
				(*at)[n++] = b.len;
				buf_printf(&b, "\\u0000%02x", (unsigned)(v & 0xff));
				i += 6;
				continue;
			}
			buf_add(&b, text + i, 2);
			i += 2;
			continue;
		}
		after_high = 0;
		buf_add(&b, text + i, 2);
		i += 2;
	}
	*nat = n;
	*outlen = b.len;
	return buf_steal(&b);
}

/* The input's offset of an offset in premark's output. */
static size_t unmark_offset(size_t pos, const size_t *at, size_t nat)
{
	size_t k = 0;

	while (k < nat && at[k] < pos)
		k++;
	return pos >= 2 * k ? pos - 2 * k : 0;
}

/* --- reading the tree ----------------------------------------------------- */

struct rs {
	const char *file;
	char *err;
	const char *section; /* "articles", for messages */
	size_t index;
	char **owned;        /* texts decoded here, freed at the end */
	size_t nowned;
};

static int rs_fail(struct rs *r, const char *field, const char *what)
{
	if (!r->err)
		r->err = xasprintf("%s[%zu]%s%s: %s", r->section, r->index, field ? "." : "",
		                   field ? field : "", what);
	return -1;
}

static void rs_own(struct rs *r, char *s)
{
	r->owned = xreallocarray(r->owned, r->nowned + 1, sizeof *r->owned);
	r->owned[r->nowned++] = s;
}

/* An integer (an integral JSON number that fits int64): 0, else -1. */
static int rs_json_int(const json_t *v, int64_t *out)
{
	if (!json_is_integer(v))
		return -1;
	*out = (int64_t)json_integer_value(v);
	return 0;
}

static int rs_int(struct rs *r, const json_t *o, const char *key, int64_t *out, int64_t dflt,
                  int required)
{
	const json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v)) {
		if (required)
			return rs_fail(r, key, "missing (an integer is needed)");
		*out = dflt;
		return 0;
	}
	if (json_is_boolean(v)) {
		*out = json_is_true(v);
		return 0;
	}
	if (rs_json_int(v, out) != 0)
		return rs_fail(r, key, "not an integer");
	return 0;
}

/* A JSON string's bytes, with the NUL escapes (top of the file) undone. */
static int rs_string(struct rs *r, const json_t *v, struct store_io_text *t)
{
	const char *s = json_string_value(v);
	size_t n = json_string_length(v), i, k = 0;
	char *o;

	if (!memchr(s, '\0', n)) {
		t->s = s;
		t->len = n;
		return 0;
	}
	o = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		if (s[i] == '\0') {
			int hi = i + 2 < n ? hexval((unsigned char)s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
			if (hi < 0 || lo < 0) {
				free(o);
				return -1; /* a NUL not from \u0000 (cannot happen) */
			}
			o[k++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			o[k++] = s[i];
		}
	}
	o[k] = '\0';
	rs_own(r, o);
	t->s = o;
	t->len = k;
	return 0;
}

static int rs_base64(struct rs *r, const json_t *v, struct store_io_text *t)
{
	unsigned char *o;
	size_t n;

	if (!json_is_string(v) ||
	    util_unbase64(json_string_value(v), json_string_length(v), &o, &n) != 0)
		return -1;
	o[n] = '\0'; /* util_unbase64 leaves room for it */
	rs_own(r, (char *)o);
	t->s = (const char *)o;
	t->len = n;
	return 0;
}

/* A text in an array: a string, or {"text": ..., "base64": ...}. */
static int rs_item(struct rs *r, const json_t *v, struct store_io_text *t)
{
	if (json_is_string(v))
		return rs_string(r, v, t);
	if (json_is_object(v))
		return rs_base64(r, json_object_get(v, "base64"), t);
	return -1;
}

static int rs_text(struct rs *r, const json_t *o, const char *key, struct store_io_text *t,
                   int required)
{
	const json_t *v = json_object_get(o, key), *b;
	char bkey[64];

	t->s = NULL;
	t->len = 0;
	snprintf(bkey, sizeof bkey, "%s_base64", key);
	b = json_object_get(o, bkey);
	if (b && !json_is_null(b)) {
		if (rs_base64(r, b, t) != 0)
			return rs_fail(r, bkey, "not base64");
		return 0;
	}
	if (!v || json_is_null(v)) {
		if (required)
			return rs_fail(r, key, "missing (a string is needed)");
		return 0;
	}
	if (!json_is_string(v) || rs_string(r, v, t) != 0)
		return rs_fail(r, key, "not a string");
	return 0;
}

static const json_t *rs_array(struct rs *r, const json_t *root, const char *key)
{
	const json_t *v = json_object_get(root, key);

	if (json_is_array(v))
		return v;
	r->section = key;
	r->err = xasprintf("\"%s\": %s", key, v ? "not an array" : "missing");
	return NULL;
}

static int rs_object(struct rs *r, const json_t *v)
{
	return json_is_object(v) ? 0 : rs_fail(r, NULL, "not an object");
}

/* Feeds, the items articles came from, and reading state (absent from
 * version 1 backups). */
static int restore_feeds(struct store *st, struct rs *r, struct store_io_restore *ses,
                         const json_t *root, struct store_io_stats *fs)
{
	const json_t *fv = json_object_get(root, "feeds"), *iv = json_object_get(root, "feed_items"),
	             *rv = json_object_get(root, "reading");
	int64_t id;
	int added;
	size_t i;

	r->section = "feeds";
	for (i = 0; json_is_array(fv) && i < json_array_size(fv); i++) {
		const json_t *o = json_array_get(fv, i);
		struct store_io_feed f;
		r->index = i;
		memset(&f, 0, sizeof f);
		if (rs_object(r, o) || rs_text(r, o, "url", &f.url, 1) ||
		    rs_text(r, o, "title", &f.title, 0) || rs_text(r, o, "user_title", &f.user_title, 0) ||
		    rs_text(r, o, "site_url", &f.site_url, 0) ||
		    rs_int(r, o, "interval_min", &f.interval_min, 0, 0) ||
		    rs_int(r, o, "ttl_min", &f.ttl_min, 0, 0) || rs_text(r, o, "etag", &f.etag, 0) ||
		    rs_text(r, o, "last_modified", &f.last_modified, 0) ||
		    rs_text(r, o, "fetched_at", &f.fetched_at, 0) || rs_text(r, o, "error", &f.error, 0) ||
		    rs_text(r, o, "error_at", &f.error_at, 0) ||
		    rs_text(r, o, "retry_until", &f.retry_until, 0) ||
		    rs_text(r, o, "added_at", &f.added_at, 1))
			return -1;
		if (store_io_restore_feed(st, &f, fs) != 0)
			goto store_fail;
	}
	r->section = "feed_items";
	for (i = 0; json_is_array(iv) && i < json_array_size(iv); i++) {
		const json_t *o = json_array_get(iv, i);
		struct store_io_feed_item it;
		r->index = i;
		if (rs_object(r, o) || rs_int(r, o, "article", &it.article_id, 0, 1) ||
		    rs_text(r, o, "feed", &it.feed_url, 0) || rs_text(r, o, "item_key", &it.item_key, 1) ||
		    rs_text(r, o, "guid", &it.guid, 0) || rs_text(r, o, "link", &it.link, 0) ||
		    rs_text(r, o, "item_sha", &it.item_sha, 1))
			return -1;
		id = store_io_restore_article_id(ses, it.article_id, &added);
		if (store_io_restore_feed_item(st, id, added, &it, fs) != 0)
			goto store_fail;
	}
	r->section = "reading";
	for (i = 0; json_is_array(rv) && i < json_array_size(rv); i++) {
		const json_t *o = json_array_get(rv, i);
		struct store_io_reading rd;
		int64_t unread;
		r->index = i;
		if (rs_object(r, o) || rs_int(r, o, "article", &rd.article_id, 0, 1) ||
		    rs_int(r, o, "focus_pos", &rd.focus_pos, -1, 0) ||
		    rs_text(r, o, "read_at", &rd.read_at, 0) || rs_int(r, o, "unread", &unread, 0, 0))
			return -1;
		rd.unread = unread != 0;
		id = store_io_restore_article_id(ses, rd.article_id, &added);
		if (store_io_restore_reading(st, id, added, &rd, fs) != 0)
			goto store_fail;
	}
	return 0;
store_fail:
	r->err = xasprintf("%s[%zu]: %s", r->section, r->index, store_errmsg(st));
	return -1;
}

/* The corrections of a backup (absent from older ones). */
static int restore_corrections(struct store *st, struct rs *r, struct store_io_restore *ses,
                               const json_t *cv)
{
	size_t i;

	r->section = "corrections";
	for (i = 0; json_is_array(cv) && i < json_array_size(cv); i++) {
		const json_t *o = json_array_get(cv, i);
		struct store_io_correction c;
		r->index = i;
		if (rs_object(r, o) || rs_int(r, o, "id", &c.id, 0, 0) || rs_text(r, o, "kind", &c.kind, 1) ||
		    rs_text(r, o, "text", &c.text, 1) || rs_text(r, o, "label", &c.label, 0) ||
		    rs_text(r, o, "created", &c.created, 1))
			return -1;
		if (store_io_restore_correction(ses, &c) != 0) {
			r->err = xasprintf("%s[%zu]: %s", r->section, r->index, store_errmsg(st));
			return -1;
		}
	}
	return 0;
}

static int restore_tree(struct store *st, const json_t *root, struct rs *r,
                        struct store_io_stats *stats)
{
	const json_t *tags, *ents, *rules, *arts, *hls, *links, *fmt;
	struct store_io_restore *ses;
	struct store_io_stats fs = {0}; /* the feed counts */
	int64_t version;
	size_t i, k;
	int ok = 0;

	if (!json_is_object(root) || !(fmt = json_object_get(root, "format")) ||
	    !json_is_string(fmt) || strcmp(json_string_value(fmt), BACKUP_FORMAT) != 0) {
		r->err = xstrdup("not a gloss backup (no \"format\": \"" BACKUP_FORMAT "\")");
		return -1;
	}
	if (rs_json_int(json_object_get(root, "version"), &version) != 0 || version < 1) {
		r->err = xstrdup("the backup has no valid \"version\"");
		return -1;
	}
	if (version > BACKUP_VERSION) {
		r->err = xasprintf("the backup was written by a newer gloss (format version %lld; "
		                   "this gloss reads %d)", (long long)version, BACKUP_VERSION);
		return -1;
	}
	if (!(tags = rs_array(r, root, "tags")) || !(ents = rs_array(r, root, "entities")) ||
	    !(arts = rs_array(r, root, "articles")) || !(hls = rs_array(r, root, "highlights")) ||
	    !(links = rs_array(r, root, "links")))
		return -1;
	ses = store_io_restore_begin(st);
	if (!ses) {
		r->err = xstrdup(store_errmsg(st));
		return -1;
	}

	r->section = "tags";
	for (i = 0; i < json_array_size(tags); i++) {
		const json_t *o = json_array_get(tags, i);
		struct store_io_tag t;
		int64_t key;
		r->index = i;
		if (rs_object(r, o) || rs_int(r, o, "id", &t.id, 0, 1) ||
		    rs_text(r, o, "name", &t.name, 1) || rs_int(r, o, "key", &key, 0, 0) ||
		    rs_text(r, o, "colour", &t.colour, 0))
			goto out;
		t.key = key >= 1 && key <= 9 ? (int)key : 0;
		if (store_io_restore_tag(ses, &t) != 0)
			goto store_fail;
	}
	r->section = "entities";
	for (i = 0; i < json_array_size(ents); i++) {
		const json_t *o = json_array_get(ents, i);
		struct store_io_entity e;
		r->index = i;
		if (rs_object(r, o) || rs_int(r, o, "id", &e.id, 0, 1) ||
		    rs_text(r, o, "label", &e.label, 1) || rs_text(r, o, "canonical", &e.canonical, 1))
			goto out;
		if (store_io_restore_entity(ses, &e) != 0)
			goto store_fail;
	}
	r->section = "entity_rules";
	rules = json_object_get(root, "entity_rules");
	for (i = 0; json_is_array(rules) && i < json_array_size(rules); i++) {
		const json_t *o = json_array_get(rules, i);
		struct store_io_entity_rule e;
		r->index = i;
		if (rs_object(r, o) || rs_text(r, o, "label", &e.label, 1) ||
		    rs_text(r, o, "key", &e.key, 1) || rs_int(r, o, "entity", &e.entity_id, 0, 1))
			goto out;
		if (store_io_restore_entity_rule(ses, &e) != 0)
			goto store_fail;
	}
	r->section = "articles";
	for (i = 0; i < json_array_size(arts); i++) {
		const json_t *o = json_array_get(arts, i), *mv, *rawv;
		struct store_io_article a;
		struct store_io_mention *ms = NULL;
		unsigned char *raw = NULL;
		int rc;
		r->index = i;
		memset(&a, 0, sizeof a);
		if (rs_object(r, o) || rs_int(r, o, "id", &a.id, 0, 1) ||
		    rs_text(r, o, "title", &a.title, 1) || rs_text(r, o, "outlet", &a.outlet, 0) ||
		    rs_text(r, o, "byline", &a.byline, 0) || rs_text(r, o, "published", &a.published, 0) ||
		    rs_text(r, o, "published_as", &a.published_as, 0) ||
		    rs_text(r, o, "lang", &a.lang, 0) ||
		    rs_text(r, o, "dateline", &a.dateline, 0) || rs_text(r, o, "url", &a.url, 0) ||
		    rs_text(r, o, "source", &a.source, 0) || rs_int(r, o, "words", &a.words, 0, 0) ||
		    rs_text(r, o, "imported_at", &a.imported_at, 1) ||
		    rs_text(r, o, "updated_at", &a.updated_at, 1) ||
		    rs_int(r, o, "manual", &a.manual, 0, 0) || rs_int(r, o, "read_pos", &a.read_pos, 0, 0) ||
		    rs_text(r, o, "raw_sha", &a.raw_sha, 0) || rs_text(r, o, "body_sha", &a.body_sha, 0) ||
		    rs_text(r, o, "body", &a.body, 1))
			goto out;
		rawv = json_object_get(o, "raw_base64");
		if (!json_is_string(rawv)) {
			rs_fail(r, "raw_base64", "missing or not a string");
			goto out;
		}
		if (util_unbase64(json_string_value(rawv), json_string_length(rawv), &raw, &a.raw_len) != 0) {
			rs_fail(r, "raw_base64", "not base64");
			goto out;
		}
		a.raw = raw;
		mv = json_object_get(o, "mentions");
		if (mv && !json_is_null(mv)) {
			if (!json_is_array(mv)) {
				free(raw);
				rs_fail(r, "mentions", "not an array");
				goto out;
			}
			size_t mn = json_array_size(mv);
			ms = xreallocarray(NULL, mn ? mn : 1, sizeof *ms);
			for (k = 0; k < mn; k++) {
				const json_t *m = json_array_get(mv, k);
				size_t n = json_array_size(m);
				ms[k].surface.s = NULL;
				ms[k].surface.len = 0;
				if (!json_is_array(m) || n < 3 || n > 4 ||
				    rs_json_int(json_array_get(m, 0), &ms[k].start) ||
				    rs_json_int(json_array_get(m, 1), &ms[k].end) ||
				    rs_json_int(json_array_get(m, 2), &ms[k].entity_id) ||
				    (n == 4 && !json_is_null(json_array_get(m, 3)) &&
				     rs_item(r, json_array_get(m, 3), &ms[k].surface) != 0)) {
					free(raw);
					free(ms);
					rs_fail(r, "mentions", "each mention is [start, end, entity id, text]");
					goto out;
				}
			}
			a.mentions = ms;
			a.nmentions = mn;
		}
		/* "sentences" of backups made before schema step 13 are not
		 * needed: passages are found in the text when asked for. */
		rc = store_io_restore_article(ses, &a);
		free(raw);
		free(ms);
		if (rc != 0)
			goto store_fail;
	}
	r->section = "highlights";
	for (i = 0; i < json_array_size(hls); i++) {
		const json_t *o = json_array_get(hls, i), *tv, *nv;
		struct store_io_highlight h;
		struct store_io_text *tt = NULL;
		int rc;
		r->index = i;
		memset(&h, 0, sizeof h);
		if (rs_object(r, o) || rs_int(r, o, "id", &h.id, 0, 1) ||
		    rs_int(r, o, "article", &h.article_id, 0, 1) || rs_int(r, o, "start", &h.start, 0, 1) ||
		    rs_int(r, o, "end", &h.end, 0, 1) || rs_text(r, o, "quote", &h.quote, 1) ||
		    rs_text(r, o, "prefix", &h.prefix, 1) || rs_text(r, o, "suffix", &h.suffix, 1) ||
		    rs_text(r, o, "original_quote", &h.original_quote, 0) ||
		    rs_text(r, o, "body_sha", &h.body_sha, 1) || rs_int(r, o, "orphaned", &h.orphaned, 0, 0) ||
		    rs_text(r, o, "created", &h.created, 1) || rs_text(r, o, "updated", &h.updated, 1))
			goto out;
		tv = json_object_get(o, "tags");
		if (tv && !json_is_null(tv)) {
			if (!json_is_array(tv)) {
				rs_fail(r, "tags", "not an array");
				goto out;
			}
			size_t tn = json_array_size(tv);
			tt = xreallocarray(NULL, tn ? tn : 1, sizeof *tt);
			for (k = 0; k < tn; k++) {
				if (rs_item(r, json_array_get(tv, k), &tt[k]) != 0) {
					free(tt);
					rs_fail(r, "tags", "a tag is a string");
					goto out;
				}
			}
			h.tags = tt;
			h.ntags = tn;
		}
		nv = json_object_get(o, "note");
		if (nv && !json_is_null(nv)) {
			if (!json_is_object(nv) || rs_int(r, nv, "id", &h.note_id, 0, 0) ||
			    rs_text(r, nv, "body", &h.note, 1) || rs_text(r, nv, "created", &h.note_created, 1) ||
			    rs_text(r, nv, "updated", &h.note_updated, 1)) {
				free(tt);
				rs_fail(r, "note", "not a note object");
				goto out;
			}
			h.has_note = 1;
		}
		rc = store_io_restore_highlight(ses, &h);
		free(tt);
		if (rc != 0)
			goto store_fail;
	}
	r->section = "links";
	for (i = 0; i < json_array_size(links); i++) {
		const json_t *o = json_array_get(links, i);
		struct store_io_link l;
		r->index = i;
		if (rs_object(r, o) || rs_int(r, o, "id", &l.id, 0, 1) ||
		    rs_int(r, o, "from", &l.from_highlight, 0, 1) ||
		    rs_int(r, o, "to", &l.to_highlight, 0, 1) || rs_text(r, o, "relation", &l.relation, 1) ||
		    rs_text(r, o, "created", &l.created, 1))
			goto out;
		if (store_io_restore_link(ses, &l) != 0)
			goto store_fail;
	}
	if (restore_corrections(st, r, ses, json_object_get(root, "corrections")) != 0 ||
	    restore_feeds(st, r, ses, root, &fs) != 0)
		goto out;
	ok = 1;
	goto out;
store_fail:
	r->err = xasprintf("%s[%zu]: %s", r->section, r->index, store_errmsg(st));
out:
	if (store_io_restore_end(ses, ok, stats) != 0 && ok) {
		r->err = xstrdup(store_errmsg(st));
		ok = 0;
	}
	stats->feeds_added = fs.feeds_added;
	stats->feeds_matched = fs.feeds_matched;
	stats->feed_items_added = fs.feed_items_added;
	stats->readings_restored = fs.readings_restored;
	return ok ? 0 : -1;
}

/* All of standard input. */
static int read_stdin(char **out, size_t *len)
{
	struct buf b = {0};
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(stdin)) {
		buf_free(&b);
		return -1;
	}
	*len = b.len;
	*out = buf_steal(&b);
	return 0;
}

int backup_restore_text(struct store *st, const char *name, const char *text, size_t len,
                        struct store_io_stats *stats, char **err)
{
	struct store_io_stats own = {0};
	json_error_t je;
	json_t *root;
	struct rs r;
	size_t mlen, *at, nat, i;
	char *marked;
	int rc;

	*err = NULL;
	memset(&r, 0, sizeof r);
	r.file = name;
	if (stats)
		memset(stats, 0, sizeof *stats);
	marked = premark(text, len, &mlen, &at, &nat);
	root = json_loadb(marked, mlen, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL | JSON_DECODE_ANY,
	                  &je);
	free(marked);
	if (!root) {
		*err = xasprintf("cannot restore '%s': not valid JSON at byte %zu: %s", name,
		                 unmark_offset((size_t)je.position, at, nat), je.text);
		free(at);
		return -1;
	}
	free(at);
	if (!stats)
		stats = &own;
	rc = restore_tree(st, root, &r, stats);
	json_decref(root);
	for (i = 0; i < r.nowned; i++)
		free(r.owned[i]);
	free(r.owned);
	if (rc != 0) {
		*err = xasprintf("cannot restore '%s': %s; the library was not changed", name, r.err);
		free(r.err);
		return -1;
	}
	/* Corrections the library did not have apply to its articles too. */
	if (stats->corrections_added && corrections_reapply_all(st, NULL) != 0) {
		*err = xasprintf("restored '%s', but its corrections could not be applied: %s", name,
		                 store_errmsg(st));
		return -1;
	}
	return 0;
}

int export_restore(struct store *st, const char *file, struct store_io_stats *stats, char **err)
{
	const char *name = file && strcmp(file, "-") != 0 ? file : "standard input";
	char *text = NULL;
	size_t len = 0;
	int rc;

	*err = NULL;
	if (stats)
		memset(stats, 0, sizeof *stats);
	rc = file && strcmp(file, "-") != 0 ? util_read_file(file, (size_t)1 << 31, &text, &len)
	                                    : read_stdin(&text, &len);
	if (rc != 0) {
		*err = xasprintf("cannot restore '%s': %s", name,
		                 errno == EFBIG ? "larger than 2 GiB" : strerror(errno));
		return -1;
	}
	rc = backup_restore_text(st, name, text, len, stats, err);
	free(text);
	return rc;
}
