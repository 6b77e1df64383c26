/* test_feed.c — the feed reader on feeds written for these tests: each
 * format (RSS 2.0, RSS 0.91, RSS 1.0, Atom), relative links, duplicate
 * GUIDs, items without link, GUID or date, bad input refused with its
 * reason (malformed XML, HTML, an XML bomb, entities of any kind), the
 * feed a page advertises, OPML both ways and newsboat's urls file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/feed.h"
#include "gloss/util.h"
#include "tap.h"

static int parse(const char *xml, const char *url, struct feed *f, char *err)
{
	err[0] = '\0';
	return feed_parse(xml, strlen(xml), url, f, err, 256);
}

static void test_rss2(void)
{
	static const char xml[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
		"     xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
		"<channel><title> The  Daily\n Planet </title><link>https://planet.example/</link>\n"
		"<ttl>90</ttl>\n"
		"<item><title>Train reaches &amp; the summit</title>\n"
		"  <link>/2023/train.html</link>\n"
		"  <guid isPermaLink=\"false\">tag:planet,2023:1</guid>\n"
		"  <dc:creator>Lois Lane</dc:creator>\n"
		"  <pubDate>Tue, 12 Sep 2023 10:00:00 GMT</pubDate>\n"
		"  <description>Short.</description>\n"
		"  <content:encoded><![CDATA[<p>First paragraph.</p><p>Second <b>one</b>.</p>]]>"
		"</content:encoded></item>\n"
		"<item><title>No link, no guid, no date</title><description>Text.</description></item>\n"
		"<item><guid>https://planet.example/permalink</guid><pubDate>someday</pubDate></item>\n"
		"</channel></rss>\n";
	struct feed f;
	char err[256];

	CHECK(parse(xml, "https://planet.example/feeds/rss.xml", &f, err) == 0, "RSS 2.0 parses (%s)",
	      err);
	CHECK_INT(f.format, FEED_RSS, "its format is RSS");
	CHECK_STR(f.title, "The Daily Planet", "the title is one line, spaces collapsed");
	CHECK_STR(f.link, "https://planet.example/", "the site link");
	CHECK_INT(f.ttl_min, 90, "ttl in minutes");
	CHECK_INT(f.n, 3, "three items");
	if (f.n == 3) {
		CHECK_STR(f.v[0].title, "Train reaches & the summit", "an item's title, entities read");
		CHECK_STR(f.v[0].link, "https://planet.example/2023/train.html",
		          "a relative link is resolved against the feed");
		CHECK_STR(f.v[0].guid, "tag:planet,2023:1", "the guid");
		CHECK_STR(f.v[0].author, "Lois Lane", "dc:creator is the author");
		CHECK_STR(f.v[0].published, "2023-09-12T10:00:00Z", "an RFC 822 date as ISO 8601");
		CHECK(f.v[0].content && strstr(f.v[0].content, "<p>Second <b>one</b>.</p>"),
		      "content:encoded kept as HTML");
		CHECK_STR(f.v[0].summary, "Short.", "the description");
		CHECK(f.v[1].link == NULL && f.v[1].guid == NULL && f.v[1].published == NULL,
		      "an item without link, guid or date is kept");
		CHECK_STR(f.v[2].link, "https://planet.example/permalink",
		          "a permalink guid is the link of an item without one");
		CHECK(f.v[2].published == NULL, "an unreadable date gives no date, the item is kept");
		CHECK(f.v[2].title == NULL, "no title is NULL");
	}
	feed_free(&f);
}

static void test_rss091(void)
{
	static const char xml[] =
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
		"<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\"\n"
		" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n"
		"<rss version=\"0.91\"><channel><title>Caf\xe9 news</title>\n"
		"<item><title>One</title><link>http://cafe.example/1</link>"
		"<description>A sentence here. And another one there.</description></item>\n"
		"</channel></rss>\n";
	struct feed f;
	char err[256];

	CHECK(parse(xml, NULL, &f, err) == 0, "RSS 0.91 with its DOCTYPE parses, nothing loaded (%s)",
	      err);
	CHECK_STR(f.title, "Caf\xc3\xa9 news", "a Latin-1 feed's title is UTF-8");
	CHECK_INT(f.n, 1, "one item");
	feed_free(&f);
}

static void test_rdf(void)
{
	static const char xml[] =
		"<?xml version=\"1.0\"?>\n"
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
		"  xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
		"<channel rdf:about=\"https://rdf.example/\"><title>RDF Times</title>"
		"<link>https://rdf.example/</link></channel>\n"
		"<item rdf:about=\"https://rdf.example/a\"><title>A</title>"
		"<link>https://rdf.example/a</link><dc:date>2015-03-18T10:00+01:00</dc:date>"
		"<dc:creator>Ann</dc:creator></item>\n"
		"<item rdf:about=\"https://rdf.example/b\"><title>B</title>"
		"<link>https://rdf.example/b</link></item>\n"
		"</rdf:RDF>\n";
	struct feed f;
	char err[256];

	CHECK(parse(xml, NULL, &f, err) == 0, "RSS 1.0 (RDF) parses (%s)", err);
	CHECK_INT(f.format, FEED_RDF, "its format is RSS 1.0");
	CHECK_STR(f.title, "RDF Times", "the channel's title");
	CHECK_INT(f.n, 2, "items beside the channel");
	if (f.n == 2) {
		CHECK_STR(f.v[0].guid, "https://rdf.example/a", "rdf:about is the guid");
		CHECK_STR(f.v[0].published, "2015-03-18T10:00:00+01:00", "dc:date without seconds");
		CHECK_STR(f.v[0].author, "Ann", "dc:creator");
	}
	feed_free(&f);
}

static void test_atom(void)
{
	static const char xml[] =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://atom.example/blog/\">\n"
		"<title type=\"html\">Atom &lt;b&gt;Weekly&lt;/b&gt;</title>\n"
		"<link rel=\"self\" href=\"https://atom.example/feed\"/>\n"
		"<link href=\"https://atom.example/\"/>\n"
		"<author><name>Desk</name></author>\n"
		"<entry><title>First</title><id>urn:uuid:1</id>\n"
		"  <link rel=\"alternate\" type=\"text/html\" href=\"posts/first\"/>\n"
		"  <link rel=\"enclosure\" href=\"x.mp3\"/>\n"
		"  <updated>2023-09-12T10:00:00Z</updated>\n"
		"  <content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hello "
		"<em>there</em>.</p></div></content>\n"
		"  <summary>Plain &amp; simple</summary></entry>\n"
		"<entry><title>Second</title><id>urn:uuid:2</id><author><name>Kim</name></author>\n"
		"  <published>2023-09-13T08:30:00+02:00</published>\n"
		"  <content type=\"html\">&lt;p&gt;Escaped HTML.&lt;/p&gt;</content></entry>\n"
		"<entry><title>Repeat</title><id>urn:uuid:1</id></entry>\n"
		"</feed>\n";
	struct feed f;
	char err[256];

	CHECK(parse(xml, "https://atom.example/feed", &f, err) == 0, "Atom parses (%s)", err);
	CHECK_INT(f.format, FEED_ATOM, "its format is Atom");
	CHECK_STR(f.title, "Atom Weekly", "an HTML title as text");
	CHECK_STR(f.link, "https://atom.example/", "the alternate link, not self");
	CHECK_INT(f.n, 2, "a repeated id is left out");
	CHECK_INT(f.dup_guids, 1, "and counted once");
	if (f.n == 2) {
		CHECK_STR(f.v[0].link, "https://atom.example/blog/posts/first",
		          "a relative href resolved against xml:base");
		CHECK_STR(f.v[0].published, "2023-09-12T10:00:00Z", "updated when no published");
		CHECK_STR(f.v[0].author, "Desk", "the feed's author for an entry without one");
		CHECK(f.v[0].content && strstr(f.v[0].content, "<em>there</em>"), "xhtml content");
		CHECK_STR(f.v[0].summary, "<p>Plain &amp; simple</p>\n", "a text summary as HTML");
		CHECK_STR(f.v[1].author, "Kim", "an entry's own author");
		CHECK_STR(f.v[1].content, "<p>Escaped HTML.</p>", "html content unescaped");
		CHECK_STR(f.v[1].published, "2023-09-13T08:30:00+02:00", "published, offset kept");
	}
	feed_free(&f);
}

static void test_dup_rss(void)
{
	struct buf b = {0};
	struct feed f;
	char err[256];
	int i;

	buf_adds(&b, "<rss><channel><title>Big</title>");
	for (i = 0; i < 3000; i++)
		buf_printf(&b, "<item><guid>g%d</guid><title>T%d</title></item>", i % 2000, i);
	buf_adds(&b, "</channel></rss>");
	CHECK(parse(b.s, NULL, &f, err) == 0, "a large feed parses");
	CHECK_INT(f.n, 2000, "the first of each repeated GUID wins");
	CHECK_INT(f.dup_guids, 1000, "repeats counted");
	CHECK_STR(f.n ? f.v[1999].title : NULL, "T1999", "in document order");
	feed_free(&f);
	buf_free(&b);
}

static void test_bad(void)
{
	static const char bomb[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
		" <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		" <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		" <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
		" <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
		" <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
		" <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
		" <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
		" <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
		"]>\n<rss><channel><title>&lol9;</title></channel></rss>\n";
	static const char external[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n"
		"<rss><channel><title>&xxe;</title></channel></rss>\n";
	static const char param[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [ <!ENTITY % p SYSTEM \"http://127.0.0.1:1/x\"> %p; ]>\n"
		"<rss><channel><title>x</title></channel></rss>\n";
	static const char html[] =
		"<!DOCTYPE html>\n<html><head><title>A page</title></head><body><p>Hi<br></body></html>";
	static const char xhtml[] = "<html><head><title>x</title></head><body/></html>";
	static const char broken[] = "<rss><channel><title>x</channel></rss>";
	static const char other[] = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>";
	struct feed f;
	char err[256];

	CHECK(parse(bomb, NULL, &f, err) == -1 && strstr(err, "declares entities"),
	      "an XML bomb is refused, not expanded: %s", err);
	CHECK(parse(external, NULL, &f, err) == -1 && strstr(err, "declares entities"),
	      "an external entity is refused: %s", err);
	CHECK(parse(param, NULL, &f, err) == -1 && strstr(err, "declares entities"),
	      "a parameter entity is refused: %s", err);
	CHECK(parse(html, NULL, &f, err) == -1 && strcmp(err, "not a feed: an HTML page") == 0,
	      "HTML is not a feed: %s", err);
	CHECK(parse(xhtml, NULL, &f, err) == -1 && strcmp(err, "not a feed: an HTML page") == 0,
	      "well-formed XHTML is not a feed either: %s", err);
	CHECK(parse(broken, NULL, &f, err) == -1 && strncmp(err, "malformed XML (line 1:", 22) == 0,
	      "malformed XML names the line: %s", err);
	CHECK(parse(other, NULL, &f, err) == -1 && strstr(err, "root element is <svg>"),
	      "another XML document names its root: %s", err);
	CHECK(parse("", NULL, &f, err) == -1 && strcmp(err, "empty file") == 0, "empty: %s", err);
	CHECK(feed_parse("<rss/>", FEED_MAX_BYTES + 1, NULL, &f, err, sizeof err) == -1 &&
	          strstr(err, "32 MiB"),
	      "over the cap, refused before parsing: %s", err);
	CHECK(parse("<rss><channel><title>\xc2\x9b" "31mred</title></channel></rss>", NULL, &f,
	            err) == 0 && !strchr(f.title, '\x1b') && !strstr(f.title, "\xc2\x9b"),
	      "a C1 control in a title is cleaned");
	feed_free(&f);
}

static void test_html_text(void)
{
	char *t = feed_html_text("<p>One  two.</p><script>x()</script><p>Three<br>four</p>", 56);

	CHECK_STR(t, "One two.\nThree\nfour", "HTML as paragraphs, script left out");
	free(t);
	CHECK_INT(feed_sentences("<p>Short.</p>", 13), 1, "one sentence");
	CHECK_INT(feed_sentences("One sentence here. Another one there.", 37), 2, "two sentences");
}

static void test_find_link(void)
{
	static const char page[] =
		"<html><head><title>Site</title>"
		"<link rel=\"stylesheet\" href=\"/s.css\">"
		"<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"/feed.atom\">"
		"<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.rss\">"
		"</head><body><p>Hi</p></body></html>";
	char *u = feed_find_link(page, strlen(page), "https://site.example/news/today");

	CHECK_STR(u, "https://site.example/feed.atom", "the first advertised feed, resolved");
	free(u);
	u = feed_find_link("<html><head><link rel=alternate type=text/html href=/x></head></html>",
	                   69, "https://site.example/");
	CHECK(u == NULL, "no feed advertised: NULL");
	free(u);
}

static void test_opml(void)
{
	static const char opml[] =
		"<?xml version=\"1.0\"?>\n<opml version=\"1.0\"><head><title>x</title></head><body>\n"
		"<outline text=\"News\"><outline text=\"One\" type=\"rss\" xmlUrl=\"https://one.example/rss\"/>\n"
		"<outline title=\"Two &amp; Co\" xmlUrl=\"http://two.example/atom\"/></outline>\n"
		"<outline text=\"Bad\" xmlUrl=\"file:///etc/passwd\"/>\n"
		"</body></opml>\n";
	struct feed_outlines l;
	char u0[] = "https://a.example/f?x=1&y=2", t0[] = "A \"quoted\" <feed>",
	     u1[] = "https://b.example/";
	struct feed_outline w[2] = {{u0, t0}, {u1, NULL}};
	struct buf b = {0};
	char err[256] = "";

	CHECK(feed_opml_parse(opml, strlen(opml), &l, err, sizeof err) == 0, "OPML parses (%s)", err);
	CHECK_INT(l.n, 2, "two feeds, folders flattened");
	CHECK_INT(l.skipped, 1, "a non-web address skipped");
	if (l.n == 2) {
		CHECK_STR(l.v[0].url, "https://one.example/rss", "first url");
		CHECK_STR(l.v[0].title, "One", "text as the title");
		CHECK_STR(l.v[1].title, "Two & Co", "title attribute");
	}
	feed_outlines_free(&l);
	CHECK(feed_opml_parse("<rss><channel/></rss>", 21, &l, err, sizeof err) == -1 &&
	          strcmp(err, "not OPML (its root element is <rss>)") == 0,
	      "a feed is not OPML: %s", err);
	CHECK(feed_opml_parse("<opml><body>", 12, &l, err, sizeof err) == -1 &&
	          strncmp(err, "malformed XML", 13) == 0,
	      "broken OPML: %s", err);
	feed_opml_write(&b, w, 2);
	CHECK(feed_opml_parse(b.s, b.len, &l, err, sizeof err) == 0 && l.n == 2,
	      "what is written reads back");
	if (l.n == 2) {
		CHECK_STR(l.v[0].url, w[0].url, "url round trip with &");
		CHECK_STR(l.v[0].title, w[0].title, "title round trip with quotes and <>");
		CHECK_STR(l.v[1].title, "https://b.example/", "no title: the url");
	}
	feed_outlines_free(&l);
	buf_free(&b);
}

static void test_urls(void)
{
	static const char urls[] =
		"# my feeds\n"
		"https://one.example/rss news \"~One Feed\" \"tag with space\"\n"
		"\n"
		"  http://two.example/atom\n"
		"\"query:Unread:unread = \\\"yes\\\"\"\n"
		"exec:~/bin/feed.sh\n";
	struct feed_outlines l;
	char err[256] = "";

	CHECK(feed_list_parse(urls, strlen(urls), &l, err, sizeof err) == 0, "urls file (%s)", err);
	CHECK_INT(l.n, 2, "two feeds");
	CHECK_INT(l.skipped, 2, "a query and an exec skipped");
	if (l.n == 2) {
		CHECK_STR(l.v[0].title, "One Feed", "~ names the feed");
		CHECK(l.v[1].title == NULL, "no title");
		CHECK_STR(l.v[1].url, "http://two.example/atom", "leading space trimmed");
	}
	feed_outlines_free(&l);
	/* U+FFFF and U+FFFE are UTF-8 but not XML: the OPML written from a
	 * urls file with them in a title still reads back. */
	{
		static const char odd[] = "https://a.example/ \"~A\xEF\xBF\xBF" "B\xEF\xBF\xBE\x1e\"\n";
		struct buf b = {0};
		struct feed_outlines back;
		CHECK(feed_list_parse(odd, strlen(odd), &l, err, sizeof err) == 0, "odd title (%s)", err);
		feed_opml_write(&b, l.v, l.n);
		CHECK(feed_opml_parse(b.s, b.len, &back, err, sizeof err) == 0, "OPML with U+FFFF written reads back (%s)", err);
		CHECK_INT(back.n, 1, "one feed back");
		if (back.n == 1)
			CHECK_STR(back.v[0].title, "AB", "non-characters and controls dropped from the title");
		feed_outlines_free(&back);
		feed_outlines_free(&l);
		buf_free(&b);
	}
	CHECK(feed_list_parse("hello world\n", 12, &l, err, sizeof err) == -1 &&
	          strstr(err, "no feed address"),
	      "not a list: %s", err);
	CHECK(feed_list_parse("<html><body>x</body></html>", 27, &l, err, sizeof err) == -1 &&
	          strncmp(err, "not OPML", 8) == 0,
	      "HTML is not OPML: %s", err);
}

static void test_sniff(void)
{
	CHECK_INT(feed_sniff("<?xml version='1.0'?>\n<!-- c -->\n<rss version='2.0'>", 50), 1, "rss");
	CHECK_INT(feed_sniff("<feed xmlns='http://www.w3.org/2005/Atom'>", 42), 1, "atom");
	CHECK_INT(feed_sniff("<rdf:RDF xmlns:rdf='x'>", 23), 1, "rdf");
	CHECK_INT(feed_sniff("\xEF\xBB\xBF<opml version='2.0'>", 24), 2, "opml");
	CHECK_INT(feed_sniff("<!DOCTYPE html><html>", 21), 0, "html");
	CHECK_INT(feed_sniff("plain text", 10), 0, "text");
}

int main(void)
{
	test_rss2();
	test_rss091();
	test_rdf();
	test_atom();
	test_dup_rss();
	test_bad();
	test_html_text();
	test_find_link();
	test_opml();
	test_urls();
	test_sniff();
	return tap_done();
}
