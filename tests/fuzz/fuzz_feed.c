/* fuzz_feed.c — the feed reader on arbitrary bytes: as a feed, as a
 * list of feeds (OPML or a urls file), and as a page advertising a feed.
 * Whatever the input, each either fails with a reason or keeps the
 * promises of feed.h: titles and authors valid UTF-8 on one line, dates
 * in ISO 8601, no two items with one GUID, an item's HTML reduced to
 * valid UTF-8 text, and what OPML writing gives reads back. */
#include "config.h"

#include "gloss/date.h"
#include "gloss/feed.h"
#include "gloss/util.h"

#include "fuzz_common.h"

static void field_ok(const char *s)
{
	if (s)
		FUZZ_CHECK(fuzz_utf8_ok(s, strlen(s), 1, NULL));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *raw = fuzz_dup_exact(data, size), err[256];
	struct feed f;
	struct feed_outlines l;
	size_t i, j;

	err[0] = '\0';
	if (feed_parse(raw, size, size % 2 ? "https://example.org/feed/" : NULL, &f, err,
	               sizeof err) != 0) {
		FUZZ_CHECK(err[0] != '\0');
	} else {
		field_ok(f.title);
		for (i = 0; i < f.n; i++) {
			const struct feed_item *it = &f.v[i];
			field_ok(it->title);
			field_ok(it->author);
			if (it->published)
				FUZZ_CHECK(date_is_iso(it->published, strlen(it->published)));
			if (it->content) {
				char *t = feed_html_text(it->content, strlen(it->content));
				FUZZ_CHECK(t != NULL);
				free(t);
			}
			for (j = 0; it->guid && j < i && j < 64; j++)
				FUZZ_CHECK(!f.v[j].guid || strcmp(f.v[j].guid, it->guid) != 0);
		}
		feed_free(&f);
	}
	if (feed_list_parse(raw, size, &l, err, sizeof err) == 0) {
		struct buf b = {0};
		struct feed_outlines back;
		feed_opml_write(&b, l.v, l.n);
		FUZZ_CHECK(feed_opml_parse(b.s, b.len, &back, err, sizeof err) == 0);
		FUZZ_CHECK(back.n == l.n);
		feed_outlines_free(&back);
		buf_free(&b);
		feed_outlines_free(&l);
	}
	free(feed_find_link(raw, size, "https://example.org/"));
	free(raw);
	return 0;
}
