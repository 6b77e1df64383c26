/* feed.h — reading the feeds outlets publish (RSS 0.9x and 2.0, RSS 1.0
 * (RDF), Atom 1.0), the address of the feed a web page advertises, and
 * the lists of feeds other readers keep (OPML, newsboat's `urls` file).
 * Model code: bytes in, plain structs out; no SQLite, no curses, no
 * network.  XML is read by libxml2 with network access off, no DTD
 * loaded, entities never expanded and libxml2's size limits on: a
 * document that declares an entity is refused before anything of it is
 * expanded (an "XML bomb" costs nothing). */
#ifndef GLOSS_FEED_H
#define GLOSS_FEED_H

#include <stddef.h>

struct buf;

/* Feeds, OPML files and urls files larger than this are refused. */
#define FEED_MAX_BYTES ((size_t)32 * 1024 * 1024)

enum feed_format { FEED_RSS, FEED_RDF, FEED_ATOM };

struct feed_item {
	char *guid;      /* RSS guid, Atom id, RDF rdf:about; or NULL */
	char *link;      /* absolute (resolved against the feed), or NULL */
	char *title;     /* one cleaned line, or NULL */
	char *author;    /* one cleaned line, or NULL */
	char *published; /* ISO 8601 (date module), or NULL when absent or unreadable */
	char *content;   /* content:encoded or Atom content, as HTML; or NULL */
	char *summary;   /* description or Atom summary, as HTML; or NULL */
};

struct feed {
	enum feed_format format;
	char *title;     /* one cleaned line; "" when none */
	char *link;      /* the outlet's site, absolute, or NULL */
	long ttl_min;    /* RSS <ttl> in minutes, 0 when none */
	struct feed_item *v;
	size_t n, cap;
	size_t dup_guids; /* items left out because an earlier one had their GUID */
};

/* Parse a feed.  url (may be NULL) is where it came from, for relative
 * links.  Returns 0, or -1 with one reason in err: "malformed XML (line
 * 3: ...)", "not a feed: an HTML page", "not a feed (its root element is
 * <x>)", "refused: the document declares entities (an XML bomb is never
 * expanded)", "larger than the 32 MiB limit for feeds".  Items repeating
 * an earlier item's GUID are left out (the first wins; dup_guids counts
 * them). */
int feed_parse(const char *buf, size_t len, const char *url, struct feed *out, char *err,
               size_t errsz);
void feed_free(struct feed *f);
const char *feed_format_name(enum feed_format f);

/* 1 when the bytes look like a feed (an XML document whose first element
 * is rss, rdf:RDF or feed), 2 when they look like OPML, else 0.  Only the
 * start is looked at; nothing is parsed. */
int feed_sniff(const char *buf, size_t len);

/* An HTML fragment (an item's content or description) as text: one
 * paragraph a line, white space collapsed, scripts and styles left out.
 * Never NULL. */
char *feed_html_text(const char *html, size_t len);

/* The number of sentences of an HTML fragment's text. */
size_t feed_sentences(const char *html, size_t len);

/* The address of the first RSS or Atom feed a web page advertises
 * (<link rel="alternate" type="application/rss+xml" href="...">),
 * resolved against base_url (may be NULL); NULL when none. */
char *feed_find_link(const char *html, size_t len, const char *base_url);

/* A list of feeds, as OPML and newsboat's urls file give it. */
struct feed_outline {
	char *url;
	char *title; /* or NULL */
};
struct feed_outlines {
	struct feed_outline *v;
	size_t n, cap;
	size_t skipped; /* entries that are not http(s) feeds (newsboat queries, ...) */
};
void feed_outlines_free(struct feed_outlines *l);

/* OPML: every outline with an xmlUrl, folders flattened, in document
 * order.  0, or -1 with the reason in err ("not OPML (its root element is
 * <rss>)", "malformed XML (...)"). */
int feed_opml_parse(const char *buf, size_t len, struct feed_outlines *out, char *err,
                    size_t errsz);
/* newsboat's urls file: one URL a line with its tags ("~Name" is its
 * title), # comments; lines that are not http(s) URLs are counted in
 * skipped.  0, or -1 with the reason in err (not text, no URL at all). */
int feed_urls_parse(const char *buf, size_t len, struct feed_outlines *out, char *err,
                    size_t errsz);
/* Either of the two, by the first character (< for OPML). */
int feed_list_parse(const char *buf, size_t len, struct feed_outlines *out, char *err,
                    size_t errsz);
/* Append an OPML 2.0 document listing the feeds (deterministic). */
void feed_opml_write(struct buf *b, const struct feed_outline *v, size_t n);

#endif
