/* test_extract.c — the saved-page extractor: each kind of page furniture
 * left out, each metadata source and its order of trust, character sets,
 * and bad input refused with its reason.  The pages are small ones
 * written for these tests (tests/html/) and strings below. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/extract.h"
#include "gloss/import.h"
#include "gloss/util.h"
#include "tap.h"

static char *page_path(const char *name)
{
	return xasprintf("%s/tests/html/%s", ABS_TOP_SRCDIR, name);
}

static int extract_file(const char *name, const char *url, struct extract_page *p, char *err)
{
	char *path = page_path(name), *raw = NULL;
	size_t len = 0;
	int rc;

	if (util_read_file(path, EXTRACT_MAX_BYTES, &raw, &len) != 0) {
		snprintf(err, 256, "cannot read %s", path);
		free(path);
		memset(p, 0, sizeof *p);
		return -1;
	}
	rc = extract_page(raw, len, NULL, url, p, err, 256);
	free(raw);
	free(path);
	return rc;
}

static int extract_str(const char *html, struct extract_page *p, char *err)
{
	return extract_page(html, strlen(html), NULL, NULL, p, err, 256);
}

static bool has(const struct extract_page *p, const char *s)
{
	return p->text && strstr(p->text, s) != NULL;
}

static void check_lacks(const struct extract_page *p, const char *const *list, const char *what)
{
	size_t i;
	for (i = 0; list[i]; i++)
		CHECK(!has(p, list[i]), "%s: no '%s'", what, list[i]);
}

static void test_jsonld_page(void)
{
	static const char *const furniture[] = {
		"cookies", "Accept", "Home", "Weather", "Share on", "newsletter", "Subscribe",
		"Related stories", "Ferry timetable", "12 comments", "Finally!", "All rights reserved",
		"ORG CDATA", "tracking", "console", NULL,
	};
	struct extract_page p;
	char err[256];

	CHECK(extract_file("news-jsonld.html", NULL, &p, err) == 0, "a news page with JSON-LD: %s",
	      err);
	CHECK_STR(p.title, "Harbour bridge reopens after two-year repair", "title from JSON-LD");
	CHECK_STR(p.byline, "Mira Castell, Tomas Reyes", "every author of JSON-LD's list");
	CHECK_STR(p.published, "2024-03-18T07:30:00Z", "datePublished in ISO 8601");
	CHECK_STR(p.site, "The Coastal Courier", "the publisher, not the WebSite's name");
	CHECK_STR(p.lang, "en-GB", "the page's language");
	CHECK_STR(p.url, "https://courier.example/news/harbour-bridge-reopens", "canonical address");
	CHECK(has(&p, "The harbour bridge reopened to traffic"), "the first paragraph");
	CHECK(has(&p, "\nCosts rose during the work\n"), "a heading is a paragraph of its own");
	CHECK(has(&p, "“We would rather be late"), "a block quote");
	CHECK(has(&p, "\n• new lighting on the footpath\n"), "list items, one a line");
	CHECK(has(&p, "Residents of the old quarter"), "the paragraph after the newsletter box");
	CHECK(!has(&p, "Harbour bridge reopens after two-year repair"), "the title is not body text");
	check_lacks(&p, furniture, "furniture");
	CHECK(p.text && p.text[0] != '\n' && p.text[p.text_len - 1] != '\n',
	      "no empty line at either end");
	CHECK(p.text && !strstr(p.text, "\n\n"), "no empty paragraph");
	extract_page_free(&p);
}

static void test_og_page(void)
{
	static const char *const furniture[] = {"Most read", "Storm warning", "Advertisement", NULL};
	struct extract_page p;
	char err[256];

	CHECK(extract_file("news-og.html", NULL, &p, err) == 0, "a page with Open Graph: %s", err);
	CHECK_STR(p.title, "Council approves budget after a nine-hour debate",
	          "og:title before twitter:title and <title>");
	CHECK_STR(p.byline, "Henrik Olsen", "meta author without its 'By'");
	CHECK_STR(p.published, "2023-09-12T21:15:00-05:00", "an RFC 822 date, its offset kept");
	CHECK_STR(p.url, "https://valley.example/politics/budget-2024.html",
	          "a relative canonical resolved against <base>");
	CHECK_STR(p.excerpt, "The council voted 7 to 4.", "the summary");
	CHECK(p.site == NULL, "no site name where the page gives none");
	CHECK(has(&p, "After a debate that lasted nine hours"), "the lede");
	CHECK(has(&p, "The budget takes effect on January 1."), "a short last paragraph");
	check_lacks(&p, furniture, "furniture");
	extract_page_free(&p);
}

static void test_plain_page(void)
{
	struct extract_page p;
	char err[256];

	CHECK(extract_file("news-plain.html", "https://ledger.example/rail", &p, err) == 0,
	      "a page with no metadata: %s", err);
	CHECK_STR(p.title, "Rail strike called off at the last minute",
	          "the <h1> that <title> holds, without the outlet");
	CHECK_STR(p.byline, "Aino Lehto", "the byline element");
	CHECK_STR(p.published, "2022-11-04", "<time datetime>");
	CHECK_STR(p.url, "https://ledger.example/rail", "the address given, without a canonical one");
	CHECK(!has(&p, "Aino Lehto"), "the byline is not body text");
	CHECK(!has(&p, "Log in"), "no top bar");
	CHECK(has(&p, "Trains will run to the normal timetable"), "the last paragraph");
	extract_page_free(&p);
}

static void test_not_articles(void)
{
	struct extract_page p;
	char err[256], *big;

	CHECK(extract_file("index.html", NULL, &p, err) != 0, "an index page is refused");
	CHECK_STR(err, "no article found: the page is mostly links or menus", "saying why");
	CHECK(extract_file("short.html", NULL, &p, err) == 0, "two short paragraphs are an article");
	CHECK_STR(p.text,
	          "The library on Mill Street will close for two weeks in August for repairs to its "
	          "roof.\nBooks can be returned to the branch at the station.",
	          "both of them");
	extract_page_free(&p);
	CHECK(extract_str("<html><body><p>Test</p></body></html>", &p, err) == 0,
	      "one word and no links is still a page's text");
	extract_page_free(&p);
	CHECK(extract_str("", &p, err) != 0, "empty input");
	CHECK_STR(err, "empty file", "says so");
	CHECK(extract_page("<html>\0<p>x</p>", 15, NULL, NULL, &p, err, sizeof err) != 0,
	      "binary input");
	CHECK_STR(err, "not HTML (binary data: NUL byte at offset 6)", "names the first NUL");
	CHECK(extract_str("<html><body><script>x=1</script></body></html>", &p, err) != 0,
	      "a page of script only");
	CHECK_STR(err, "no article found: the page has no text", "has no text");
	big = xmalloc(16);
	memcpy(big, "<html>", 7);
	CHECK(extract_page(big, EXTRACT_MAX_BYTES + 1, NULL, NULL, &p, err, sizeof err) != 0,
	      "over the size cap (refused before reading)");
	CHECK_STR(err, "larger than the 64 MiB limit for web pages", "with the limit");
	free(big);
}

static void test_hidden_and_links(void)
{
	struct extract_page p;
	char err[256];
	const char *html =
		"<html><body><div class='post'>"
		"<p>First paragraph of the story, long enough to count as the prose of an article.</p>"
		"<p style='display: none'>Hidden by style, never shown to a reader at all.</p>"
		"<p hidden>Hidden by attribute, never shown to a reader at all either.</p>"
		"<div aria-hidden='true'><p>Hidden from assistive technology and from gloss too.</p></div>"
		"<p style='visibility:hidden'>Invisible, though it takes up its room on the page.</p>"
		"<p>Second paragraph, with <a href='javascript:void(0)'>a script link</a> and "
		"<a href='https://example.org/'>a real one</a> inside its words.</p>"
		"</div></body></html>";

	CHECK(extract_str(html, &p, err) == 0, "a page with hidden parts: %s", err);
	CHECK(!has(&p, "Hidden") && !has(&p, "Invisible"), "hidden elements left out");
	CHECK(has(&p, "with a script link and a real one inside"), "link text kept as text");
	CHECK(!has(&p, "javascript") && !has(&p, "https://"), "no address in the text");
	extract_page_free(&p);
}

static void test_metadata_sources(void)
{
	struct extract_page p;
	char err[256];
	const char *body = "<body><p>A paragraph of article text that is long enough, with a comma, "
	                   "to be the article.</p></body></html>";
	char *html;

	html = xasprintf("<html><head><script type='application/ld+json'>//<![CDATA[\n"
	                 "[{\"@type\":\"BreadcrumbList\"},{\"@type\":[\"ReportageNewsArticle\"],"
	                 "\"headline\":\"From CDATA\",\"author\":\"Ana Lima\","
	                 "\"datePublished\":\"2021-06-01T10:00\"}]\n//]]></script>"
	                 "<meta property='og:title' content='From OG'></head>%s", body);
	CHECK(extract_str(html, &p, err) == 0, "JSON-LD in CDATA, in an array: %s", err);
	CHECK_STR(p.title, "From CDATA", "JSON-LD first");
	CHECK_STR(p.byline, "Ana Lima", "an author given as a string");
	CHECK_STR(p.published, "2021-06-01T10:00:00", "a date without seconds or zone");
	extract_page_free(&p);
	free(html);

	html = xasprintf("<html><head><title>Alpha | Site</title>"
	                 "<meta property='og:title twitter:title' content='Two at once'>"
	                 "<meta name='dc.creator' content='Dublin Core'>"
	                 "<meta name='author' content='Plain Author'>"
	                 "<meta property='og:site_name' content='Outlet &amp;amp; Co'></head>%s",
	                 body);
	CHECK(extract_str(html, &p, err) == 0, "meta names: %s", err);
	CHECK_STR(p.title, "Two at once", "a property naming two keys");
	CHECK_STR(p.byline, "Dublin Core", "Dublin Core before a plain author");
	CHECK_STR(p.site, "Outlet & Co", "an entity escaped twice, unescaped");
	extract_page_free(&p);
	free(html);

	html = xasprintf("<html><head><title>Story headline here today - Outlet</title>"
	                 "<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
	                 "\"name\":\"Outlet\",\"publisher\":{\"name\":\"Outlet\"}}</script>"
	                 "</head>%s", body);
	CHECK(extract_str(html, &p, err) == 0, "a JSON-LD name that is the publisher's: %s", err);
	CHECK_STR(p.title, "Story headline here today", "<title> without the site's name");
	CHECK_STR(p.site, "Outlet", "the publisher is the site");
	extract_page_free(&p);
	free(html);

	html = xasprintf("<html><head><meta name='twitter:title' content='From a Twitter card'>"
	                 "<meta name='parsely-author' content='Parsely Person'>"
	                 "<meta name='date' content='March 18, 2015'>"
	                 "<meta name='application-name' content='App Site'>"
	                 "<meta http-equiv='content-language' content='pt-BR'></head>%s", body);
	CHECK(extract_str(html, &p, err) == 0, "lesser meta names: %s", err);
	CHECK_STR(p.title, "From a Twitter card", "a Twitter card's title");
	CHECK_STR(p.byline, "Parsely Person", "Parse.ly's author");
	CHECK_STR(p.published, "2015-03-18", "a date written in words");
	CHECK_STR(p.site, "App Site", "the application's name as the site");
	CHECK_STR(p.lang, "pt-BR", "the content language");
	extract_page_free(&p);
	free(html);

	html = xasprintf("<html lang='fr'><head><meta property='article:author' "
	                 "content='https://social.example/profile/x'>"
	                 "<meta name='author' content='Named Author'>"
	                 "<meta property='og:url' content='//outlet.example/story'></head>%s", body);
	CHECK(extract_str(html, &p, err) == 0, "an author's profile address: %s", err);
	CHECK_STR(p.byline, "Named Author", "a profile address is not a name");
	CHECK_STR(p.url, "https://outlet.example/story", "a scheme-relative og:url made https");
	CHECK_STR(p.lang, "fr", "<html lang> first");
	extract_page_free(&p);
	free(html);

	html = xasprintf("<html><head></head><body><div class='meta'><time datetime='2020-02-30'>"
	                 "x</time><time pubdate datetime='2019-05-04T08:00:00+02:00'>y</time></div>"
	                 "<p>A paragraph of article text that is long enough, with a comma, to be "
	                 "the article.</p></body></html>");
	CHECK(extract_str(html, &p, err) == 0, "times: %s", err);
	CHECK_STR(p.published, "2019-05-04T08:00:00+02:00",
	          "an impossible date skipped, a pubdate taken");
	extract_page_free(&p);
	free(html);
}

static void test_charsets(void)
{
	struct extract_page p;
	char err[256];

	CHECK(extract_file("latin1.html", NULL, &p, err) == 0, "an undeclared windows-1252 page: %s",
	      err);
	CHECK(has(&p, "the cafés on the square"), "read as windows-1252");
	CHECK_STR(p.title, "Café owners protest", "its title too");
	CHECK(strstr(p.warning, "windows-1252") != NULL, "with a warning: '%s'", p.warning);
	extract_page_free(&p);

	CHECK(extract_str("<html><head><meta charset='gb2312'></head><body><p>Saved pages keep their "
	                  "old charset: naïve café, 東京, Zürich and Ærø are UTF-8 here.</p></body>"
	                  "</html>",
	                  &p, err) == 0,
	      "a stale declaration on UTF-8 bytes: %s", err);
	CHECK(has(&p, "naïve café, 東京, Zürich"), "read as UTF-8");
	CHECK_STR(p.warning, "", "without a warning");
	extract_page_free(&p);

	CHECK(extract_str("<html><head><meta http-equiv='Content-Type' content='text/html; "
	                  "charset=iso-8859-1'></head><body><p>Declared Latin-1: fa\xe7" "ade and "
	                  "na\xefve, a sentence long enough to be prose.</p></body></html>",
	                  &p, err) == 0,
	      "a declared legacy charset: %s", err);
	CHECK(has(&p, "façade and naïve"), "converted from it");
	extract_page_free(&p);

	CHECK(extract_str("<html><head><meta charset='utf-8'></head><body><p>Mostly UTF-8: café, "
	                  "crème, déjà vu, with one stray \xff byte in it.</p></body></html>",
	                  &p, err) == 0,
	      "UTF-8 with a stray byte: %s", err);
	CHECK(has(&p, "café, crème, déjà vu, with one stray \xEF\xBF\xBD byte"),
	      "the byte replaced, the rest kept");
	CHECK(strstr(p.warning, "U+FFFD") != NULL, "with a warning: '%s'", p.warning);
	extract_page_free(&p);
}

static void test_hostile(void)
{
	struct extract_page p;
	struct import_doc d;
	char err[256], *t;

	CHECK(extract_file("hostile.html", NULL, &p, err) == 0, "a hostile page: %s", err);
	CHECK_STR(p.title, "Title with escape", "an OSC sequence in the title goes whole");
	CHECK_STR(p.byline, "Eve Mallory", "a CSI sequence in the byline goes whole");
	CHECK(!strchr(p.text, 0x1B) && !has(&p, "[31m"), "and in the body");
	CHECK(import_clean_lines(p.text, p.text_len, &d, err, sizeof err) == 0, "cleans as import");
	CHECK(!strstr(d.body, "\xE2\x80\xAE"), "no bidi override left after cleaning");
	import_doc_free(&d);
	t = import_clean_field("a\tb\ncd\xE2\x80\xAE e");
	CHECK_STR(t, "a b cd e", "a field on one line, clean");
	free(t);
	extract_page_free(&p);
}

static void test_broken_pages(void)
{
	struct extract_page p;
	struct buf deep = {0};
	char err[256];
	int i;

	CHECK(extract_file("truncated.html", NULL, &p, err) == 0, "a page cut short: %s", err);
	CHECK(has(&p, "The first paragraph of this article arrived whole"), "keeps what was read");
	CHECK(strstr(p.warning, "cut short") != NULL, "with a warning: '%s'", p.warning);
	extract_page_free(&p);

	buf_adds(&deep, "<html><body><p>A paragraph before the deep part, long enough to be prose "
	                "for the extractor.</p>");
	for (i = 0; i < 20000; i++)
		buf_adds(&deep, "<div>");
	buf_adds(&deep, "deep text</body></html>");
	CHECK(extract_page(deep.s, deep.len, NULL, NULL, &p, err, sizeof err) == 0,
	      "20,000 nested elements: %s", err);
	CHECK(has(&p, "A paragraph before the deep part"), "the text above them kept");
	CHECK(p.warning[0] != '\0', "with a warning: '%s'", p.warning);
	extract_page_free(&p);
	buf_free(&deep);

	CHECK(extract_str("<p>Tag soup <b><i>unclosed</b> and </p></div> stray closers, with a "
	                  "sentence long enough to be prose.",
	                  &p, err) == 0,
	      "tag soup: %s", err);
	CHECK(has(&p, "Tag soup unclosed and\nstray closers"), "read as a browser would");
	CHECK_STR(p.warning, "", "no warning for a page that ends without closing tags");
	extract_page_free(&p);
}

static void test_sniff(void)
{
	CHECK(extract_sniff("<!DOCTYPE html><html>", 21, NULL), "a doctype");
	CHECK(extract_sniff("\xEF\xBB\xBF  \n<HTML>", 12, NULL), "a byte order mark, space, <HTML>");
	CHECK(extract_sniff("<!-- saved from url=(0014)about:internet -->\n<html>", 50, NULL),
	      "a comment first");
	CHECK(extract_sniff("<?xml version='1.0'?><!DOCTYPE html><html xmlns='x'>", 51, NULL),
	      "XHTML");
	CHECK(!extract_sniff("Plain text about <html> tags.", 29, NULL), "plain text mentioning tags");
	CHECK(!extract_sniff("<?xml version='1.0'?><rss>", 26, NULL), "an RSS feed is not a page");
	CHECK(extract_sniff("just text", 9, "page.HTM"), "a .htm name");
	CHECK(extract_sniff("just text", 9, "page.xhtml"), "a .xhtml name");
	CHECK(!extract_sniff("just text", 9, "notes.txt"), "a .txt name");
}

static void test_bylines(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"By Jane Roe", "Jane Roe"},
		{"by jane roe", "jane roe"},
		{"Par Sébastien Martin", "Sébastien Martin"},
		{"Dan Goodin - Apr 16, 2015 8:02 pm UTC", "Dan Goodin"},
		{"Joshua Sokol May 20, 2019", "Joshua Sokol"},
		{"Steven Musil January 18, 2017 11:00 PM PST @stevenmusil", "Steven Musil"},
		{"James Akinaka • 8h", "James Akinaka"},
		{"Mary-Kate O'Neil, Staff Writer", "Mary-Kate O'Neil, Staff Writer"},
		{"Stella Kim and Jennifer Jett", "Stella Kim and Jennifer Jett"},
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *got = clean_byline(cases[i].in);
		CHECK_STR(got, cases[i].want, "byline '%s'", cases[i].in);
		free(got);
	}
	CHECK(clean_byline("  ") == NULL, "nothing left is no byline");
}

int main(void)
{
	test_jsonld_page();
	test_og_page();
	test_plain_page();
	test_not_articles();
	test_hidden_and_links();
	test_metadata_sources();
	test_charsets();
	test_hostile();
	test_broken_pages();
	test_sniff();
	test_bylines();
	return tap_done();
}
