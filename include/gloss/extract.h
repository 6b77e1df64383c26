/* extract.h — from a web page to the article a reader wants: the body's
 * paragraphs without navigation, ads, sharing buttons, comments or
 * script text, and the page's title, byline, date, site name, language
 * and canonical address.  Model code: it takes bytes or a libxml2 tree
 * and knows nothing of SQLite or curses; ingest.c imports what it finds
 * and `gloss extract` prints it. */
#ifndef GLOSS_EXTRACT_H
#define GLOSS_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/HTMLparser.h>

/* Pages larger than this are refused (documented in the man page). */
#define EXTRACT_MAX_BYTES ((size_t)64 * 1024 * 1024)

struct extract_page {
	char *title;     /* never NULL after success ("" when none) */
	char *byline;    /* NULL when none */
	char *published; /* ISO 8601 ("2015-03-18", "2015-03-18T10:00:00-05:00"), or NULL */
	char *site;      /* the outlet's name, or NULL */
	char *lang;      /* as the page declares it ("en", "pt-BR"), or NULL */
	char *url;       /* canonical address, else the one given, or NULL */
	char *excerpt;   /* the page's own summary, or NULL */
	char *text;      /* the body: one paragraph a line, no title */
	size_t text_len;
	char warning[256]; /* "" or why the page was read with a caveat */
};

/* Does this look like HTML?  By its first bytes (a byte order mark,
 * white space and comments skipped: a doctype, <html>, <head>, <body> or
 * another common opening tag), and, when the content is not conclusive,
 * by the name (.html, .htm, .xhtml).  name may be NULL. */
int extract_sniff(const char *buf, size_t len, const char *name);

/* Parse bytes as HTML with network access and entity loading off.  The
 * charset is the one given (from HTTP), else the page's own declaration,
 * else UTF-8 when the bytes are valid UTF-8, else windows-1252 (with a
 * warning).  A page cut short or nested too deeply is kept as far as it
 * was read, with a warning.  Returns NULL with a reason in err when
 * nothing could be parsed. */
htmlDocPtr extract_parse(const char *buf, size_t len, const char *charset, char *warning,
                         size_t warnsz, char *err, size_t errsz);

/* Find the article in a parsed page.  base_url (may be NULL) resolves
 * relative addresses.  The tree is changed (boilerplate is removed from
 * it).  Returns 0, or -1 with a reason in err ("no article found: the
 * page is mostly links or menus"). */
int extract_article(htmlDocPtr doc, const char *base_url, struct extract_page *out, char *err,
                    size_t errsz);

/* extract_parse then extract_article. */
int extract_page(const char *buf, size_t len, const char *charset, const char *base_url,
                 struct extract_page *out, char *err, size_t errsz);

void extract_page_free(struct extract_page *p);

/* Private to extract.c, extract_meta.c and extract_parse.c.  HTML's white space. */
static inline int extract_is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
/* The metadata pass. */
void extract_meta(htmlDocPtr doc, const char *base_url, struct extract_page *out);
/* An attribute's value inside the tree (no copy), "" for one without a
 * value, NULL when absent. */
const char *extract_attr(xmlNodePtr n, const char *name);
/* The cleaned byline when n is an element marked as one, else NULL. */
char *extract_byline_text(xmlNodePtr n);
/* A byline as a name: no "By", no date or handle after it; or NULL. */
char *clean_byline(const char *value);
/* Text of a node with white space collapsed and trimmed (fresh string). */
char *extract_node_text(xmlNodePtr n);

/* extract_tree.c: the tree's vocabulary, shared by extract.c and
 * extract_meta.c. */
/* What a tag is, looked up once an element. */
enum {
	K_BLOCK = 1,    /* starts a new paragraph */
	K_NEVER = 2,    /* never article text (script, forms, navigation) */
	K_HEAD = 4,     /* a heading */
	K_PARA = 8,     /* holds a paragraph's text (p, pre, td, blockquote) */
	K_DIVLIKE = 16, /* a paragraph when it holds only inline content */
	K_LISTY = 32,   /* a block that can be page furniture inside the article */
	K_LINK = 64,    /* <a> */
	W_PLUS5 = 128,  /* a block that usually holds an article: +5 */
	W_PLUS3 = 256,  /* +3 */
	W_MINUS3 = 512, /* lists and forms: -3 */
	W_MINUS5 = 1024, /* headings and headers: -5 */
	K_SET = 1u << 31,
};
/* The K_* and W_* bits of a tag name (0 for one unknown). */
unsigned extract_tag_kind(const char *name);
/* Whether n is an element with that (lower-case) name. */
bool extract_name_is(xmlNodePtr n, const char *name);
/* The next node in document order below root; with skip, not into n. */
xmlNodePtr extract_walk_next(xmlNodePtr n, xmlNodePtr root, bool skip);
/* The words of s appended to para, each run of white space one space
 * (pending in *space until a word follows); the characters of the words. */
struct buf;
size_t extract_text_add(struct buf *para, bool *space, const char *s);

#endif
