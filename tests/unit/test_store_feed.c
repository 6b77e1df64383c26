/* test_store_feed.c — the feeds' tables: adding, finding by id, URL or
 * name, what a fetch recorded, the items known by key, read state, and
 * removing and pruning that never delete an annotated article. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gloss/sentence.h"
#include "gloss/import.h"
#include "gloss/store.h"
#include "gloss/store_feed.h"
#include "gloss/util.h"
#include "tap.h"

static char dir[] = "/tmp/gloss-store-feed-XXXXXX";

static int64_t import_text(struct store *st, const char *source, const char *body)
{
	struct import_doc doc = {0};
	struct store_import_req req = {0};
	int64_t id = 0;
	int orphaned;

	doc.body = (char *)body;
	doc.body_len = strlen(body);
	doc.title = (char *)"T";
	doc.words = 3;
	req.source = source;
	req.raw = body;
	req.raw_len = strlen(body);
	req.doc = &doc;
	if (store_import(st, &req, &id, &orphaned) < 0)
		return 0;
	return id;
}

int main(void)
{
	char *path, *err = NULL;
	struct store *st;
	struct store_feed f;
	struct store_feeds all;
	struct store_feed_knowns k;
	struct store_feed_result r = {0};
	int64_t a, b, c, id, id2, del, kept, *ids;
	size_t n;

	if (!mkdtemp(dir))
		return 1;
	path = xasprintf("%s/lib.db", dir);
	st = store_open(path, STORE_CREATE, &err);
	CHECK(st != NULL, "a library");
	if (!st)
		return tap_done();
	CHECK_INT(store_feed_add(st, "https://a.example/rss", NULL, &id), 0, "a feed is added");
	CHECK_INT(store_feed_add(st, "https://a.example/rss", NULL, &id2), 1, "twice: there already");
	CHECK_INT(id2, id, "with its id");
	CHECK_INT(store_feed_add(st, "https://b.example/atom", "Bee", &id2), 0, "a second feed");
	r.title = "Alpha News";
	r.etag = "\"e1\"";
	r.ttl_min = 30;
	r.retry_after_s = -1;
	CHECK_INT(store_feed_record(st, id, &r), 0, "a fetch is recorded");
	CHECK_INT(store_feed_find(st, "alpha news", &f), 0, "found by its title, case ignored");
	CHECK_STR(f.etag, "\"e1\"", "its validator");
	CHECK_INT(f.ttl_min, 30, "its ttl");
	CHECK(f.fetched_at != NULL && f.error == NULL, "fetched, no error");
	store_feed_clear(&f);
	memset(&r, 0, sizeof r);
	r.error = "cannot fetch: timeout";
	r.retry_after_s = 120;
	CHECK_INT(store_feed_record(st, id, &r), 0, "a failure is recorded");
	CHECK_INT(store_feed_find(st, "https://a.example/rss", &f), 0, "found by URL");
	CHECK_STR(f.error, "cannot fetch: timeout", "the error");
	CHECK(f.retry_until != NULL, "and when to ask again");
	CHECK_STR(f.etag, "\"e1\"", "the validator kept");
	store_feed_clear(&f);
	CHECK_INT(store_feed_rename(st, id2, "Alpha News"), 0, "renamed");
	CHECK_INT(store_feed_find(st, "Alpha News", &f), 2, "a name two feeds have is ambiguous");
	{
		char num[32];
		snprintf(num, sizeof num, "%lld", (long long)id2);
		CHECK_INT(store_feed_find(st, num, &f), 0, "found by id");
		CHECK_STR(store_feed_name(&f), "Alpha News", "the user's title is its name");
		store_feed_clear(&f);
	}
	CHECK_INT(store_feed_find(st, "nothing", &f), 1, "none");

	a = import_text(st, "https://a.example/1", "One sentence. Two sentences.");
	b = import_text(st, "https://a.example/2", "Another text here.");
	c = import_text(st, NULL, "A third text.");
	CHECK(a > 0 && b > 0 && c > 0, "three articles");
	CHECK_INT(store_article_by_source(st, "https://a.example/2"), b, "an article by its source");
	CHECK_INT(store_feed_item_put(st, a, id, "g:1", "1", "https://a.example/1", "aaa"), 0, "item");
	CHECK_INT(store_feed_item_put(st, b, id, "g:2", "2", NULL, "bbb"), 0, "item");
	CHECK_INT(store_feed_item_put(st, c, id, "c:x", NULL, NULL, "ccc"), 0, "item");
	CHECK_INT(store_feed_known_items(st, id, &k), 0, "known items");
	CHECK_INT(k.n, 3, "three");
	if (k.n == 3) {
		CHECK_STR(k.v[0].key, "c:x", "sorted by key");
		CHECK_STR(k.v[1].sha, "aaa", "with their hash");
	}
	store_feed_knowns_free(&k);
	CHECK_INT(store_unread_set(st, a, 1), 0, "marked unread");
	CHECK_INT(store_unread_set(st, b, 1), 0, "marked unread");
	CHECK_INT(store_unread_get(st, a), 1, "unread");
	CHECK_INT(store_unread_set(st, a, 0), 0, "marked read");
	CHECK_INT(store_unread_get(st, a), 0, "read");
	CHECK_INT(store_feed_article_ids(st, 0, 1, &ids, &n), 0, "unread ids");
	CHECK(n == 1 && ids[0] == b, "one unread");
	free(ids);
	CHECK_INT(store_feed_list(st, &all), 0, "the feeds listed");
	CHECK_INT(all.n, 2, "two");
	if (all.n == 2) {
		CHECK_INT(all.v[0].items + all.v[1].items, 3, "items counted");
		CHECK_INT(all.v[0].unread + all.v[1].unread, 1, "unread counted");
	}
	store_feeds_free(&all);
	/* The library narrowed (F), and C's marking many read. */
	CHECK_INT(store_article_ids_narrowed(st, STORE_SORT_IMPORTED, id, 0, &ids, &n), 0,
	          "one feed's articles");
	CHECK(n == 3 && ids[0] == a && ids[1] == b && ids[2] == c, "all three, in imported order");
	free(ids);
	CHECK_INT(store_article_ids_narrowed(st, STORE_SORT_WORDS, id2, 0, &ids, &n), 0,
	          "the other feed's");
	CHECK_INT(n, 0, "none");
	free(ids);
	CHECK_INT(store_article_ids_narrowed(st, STORE_SORT_TITLE, 0, 1, &ids, &n), 0, "the unread");
	CHECK(n == 1 && ids[0] == b, "b alone");
	free(ids);
	CHECK_INT(store_article_ids_narrowed(st, STORE_SORT_DATE, id, 1, &ids, &n), 0,
	          "one feed's unread");
	CHECK(n == 1 && ids[0] == b, "b alone again");
	free(ids);
	{
		int64_t all3[3] = {a, b, c};
		size_t changed = 99;
		CHECK_INT(store_unread_set_many(st, all3, 3, 0, &changed), 0, "three marked read");
		CHECK_INT(changed, 1, "one of them was unread");
		CHECK_INT(store_unread_get(st, b), 0, "b is read");
	}
	CHECK_INT(store_unread_set(st, b, 1), 0, "b unread again");
	{
		struct store_article art = {0};
		CHECK(store_article_get(st, a, 1, &art) == 0, "article with body");
		CHECK(store_highlight_add(st, a, art.body, art.body_len, 0, 13) > 0, "annotated");
		store_article_clear(&art);
	}
	CHECK_INT(store_feed_prune(st, 0, 0, &del, &kept), 0, "pruned (0 days: all)");
	CHECK_INT(del, 0, "nothing is older than now");
	CHECK_INT(store_feed_remove(st, id, 1, &del, &kept), 0, "removed with its articles");
	CHECK_INT(del, 2, "two articles deleted");
	CHECK_INT(kept, 1, "the annotated one kept");
	CHECK_INT(store_article_count(st), 1, "one article left");
	CHECK_INT(store_feed_remove(st, id, 1, &del, &kept), 1, "a removed feed is gone");
	store_close(st);
	unlink(path);
	{
		char *w = xasprintf("%s-wal", path), *s = xasprintf("%s-shm", path);
		unlink(w);
		unlink(s);
		free(w);
		free(s);
	}
	rmdir(dir);
	free(path);
	return tap_done();
}
