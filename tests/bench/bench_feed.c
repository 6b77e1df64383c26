/* bench_feed.c — `bench feed N`: gloss's feed parser (feed_parse: the
 * libxml2 tree, then the items, their dates and links, cleaned) on a
 * generated RSS 2.0 feed of N items, beside libxml2's bare parse of the
 * same bytes with the same options (xmlReadMemory, the tree alone) and
 * its reader API walking every node (xmlReaderForMemory), in one
 * process, best of five runs of CPU time each. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "gloss/feed.h"
#include "gloss/util.h"

int bench_feed(int n);

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *const words[] = {
	"harbour", "council", "bridge", "engineers", "ferry", "storm", "market", "quay",
	"minister", "union", "strike", "repairs", "timetable", "port", "cable", "weather",
};

static void make_feed(struct buf *b, int n)
{
	static const char *const day[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int i, k;

	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	            "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
	            " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	            "<channel><title>The Generated Gazette</title><link>http://gazette.example/</link>"
	            "<ttl>60</ttl>\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "<item><title>Story %d: the %s and the %s</title>"
		              "<link>/news/%d</link><guid isPermaLink=\"false\">gazette-%d</guid>"
		              "<dc:creator>Desk %d</dc:creator>"
		              "<pubDate>%s, %02d %s 2023 %02d:%02d:00 %s</pubDate>"
		              "<description>A %s teaser &amp; more.</description>"
		              "<content:encoded><![CDATA[<p>",
		           i, words[i % 16], words[(i / 16) % 16], i, i, i % 40, day[i % 7],
		           1 + i % 28, mon[i % 12], i % 24, i % 60, i % 3 ? "GMT" : "+0200",
		           words[(i / 3) % 16]);
		for (k = 0; k < 120; k++)
			buf_printf(b, "%s%s", words[(i + k * 7) % 16], k % 15 == 14 ? ". " : " ");
		buf_adds(b, "</p>]]></content:encoded></item>\n");
	}
	buf_adds(b, "</channel></rss>\n");
}

int bench_feed(int n)
{
	enum { opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	              XML_PARSE_NOCDATA | XML_PARSE_COMPACT };
	struct buf b = {0};
	double t_tree = 1e9, t_reader = 1e9, t_gloss = 1e9, t0, t, mb;
	size_t items = 0;
	int run;
	char err[256];

	make_feed(&b, n);
	if (b.len > FEED_MAX_BYTES) {
		fprintf(stderr, "bench: the feed of %d items is %zu bytes, over the %zu limit\n", n,
		        b.len, FEED_MAX_BYTES);
		buf_free(&b);
		return 1;
	}
	mb = (double)b.len / 1e6;
	xmlInitParser();
	for (run = 0; run < 5; run++) {
		xmlDocPtr d;
		xmlTextReaderPtr r;
		struct feed f = {0};

		t0 = cpu_now();
		d = xmlReadMemory(b.s, (int)b.len, "http://gazette.example/feed.rss", NULL, opts);
		if (!d) {
			fprintf(stderr, "bench: libxml2 could not parse the generated feed\n");
			buf_free(&b);
			return 1;
		}
		xmlFreeDoc(d);
		t = cpu_now() - t0;
		if (t < t_tree)
			t_tree = t;

		t0 = cpu_now();
		r = xmlReaderForMemory(b.s, (int)b.len, "http://gazette.example/feed.rss", NULL, opts);
		while (r && xmlTextReaderRead(r) == 1)
			;
		xmlFreeTextReader(r);
		t = cpu_now() - t0;
		if (t < t_reader)
			t_reader = t;

		t0 = cpu_now();
		if (feed_parse(b.s, b.len, "http://gazette.example/feed.rss", &f, err, sizeof err) != 0) {
			fprintf(stderr, "bench: feed_parse: %s\n", err);
			buf_free(&b);
			return 1;
		}
		items = f.n;
		feed_free(&f);
		t = cpu_now() - t0;
		if (t < t_gloss)
			t_gloss = t;
	}
	printf("feed: a generated RSS 2.0 feed of %zu items, %.1f MB (best of 5, CPU time)\n", items,
	       mb);
	printf("  libxml2 bare parse (xmlReadMemory, tree)  %9.0f items/s %7.1f MB/s\n",
	       (double)items / t_tree, mb / t_tree);
	printf("  libxml2 reader API, every node            %9.0f items/s %7.1f MB/s\n",
	       (double)items / t_reader, mb / t_reader);
	printf("  gloss feed_parse                          %9.0f items/s %7.1f MB/s\n",
	       (double)items / t_gloss, mb / t_gloss);
	printf("  feed_parse costs %.2fx the bare parse (its floor; the rest is items, dates, "
	       "links and cleaning)\n", t_gloss / t_tree);
	buf_free(&b);
	return items == (size_t)n ? 0 : 1;
}
