/* feed.c — RSS, RDF and Atom feeds, the feed a page advertises, OPML and
 * newsboat's urls file (see feed.h).  One safe XML reader serves feeds
 * and OPML: libxml2 with XML_PARSE_NONET, without XML_PARSE_NOENT,
 * XML_PARSE_DTDLOAD or XML_PARSE_HUGE, and a SAX hook that stops the
 * parser at the first entity declaration, so no entity is ever expanded
 * and none is even kept.  Names are matched by local name and namespace
 * (content:encoded, dc:creator) so prefixes do not matter. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

#include "gloss/date.h"
#include "gloss/extract.h"
#include "gloss/feed.h"
#include "gloss/import.h"
#include "gloss/sentence.h"
#include "gloss/util.h"

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"

/* --- the safe reader --- */

struct pstate {
	int entity;     /* an entity declaration was met */
	int line;       /* of the first error */
	char msg[160];  /* the first error, printable */
};

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *pub,
                           const xmlChar *sys, xmlChar *content)
{
	xmlParserCtxtPtr c = ctx;
	struct pstate *ps = c->_private;

	(void)name;
	(void)type;
	(void)pub;
	(void)sys;
	(void)content;
	ps->entity = 1;
	xmlStopParser(c);
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr c = ctx;
	struct pstate *ps = c ? c->_private : NULL;
	size_t i, k = 0;

	if (!ps || !e || e->level < XML_ERR_ERROR || ps->msg[0])
		return;
	ps->line = e->line;
	for (i = 0; e->message && e->message[i] && k + 1 < sizeof ps->msg; i++) {
		unsigned char ch = (unsigned char)e->message[i];
		if (ch == '\n')
			continue;
		ps->msg[k++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
	}
	ps->msg[k] = '\0';
}

/* Parse XML safely; NULL with the reason in err. */
static xmlDocPtr read_xml(const char *buf, size_t len, const char *url, char *err, size_t errsz)
{
	/* No NOENT (entities are not substituted), no DTDLOAD/DTDATTR (no
	 * external DTD is read), no HUGE (libxml2's limits stay on). */
	enum { opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	              XML_PARSE_NOCDATA | XML_PARSE_COMPACT };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	struct pstate ps = {0};

	_Static_assert((opts & (XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR |
	                        XML_PARSE_HUGE | XML_PARSE_RECOVER)) == 0,
	               "the feed reader never expands entities nor lifts limits");
	if (len == 0) {
		util_set_err(err, errsz, "empty file");
		return NULL;
	}
	if (len > FEED_MAX_BYTES) {
		util_set_err(err, errsz, "larger than the 32 MiB limit for feeds");
		return NULL;
	}
	xmlInitParser();
	ctxt = xmlNewParserCtxt();
	if (!ctxt || !ctxt->sax)
		fatal("out of memory (XML parser)");
	ctxt->_private = &ps;
	ctxt->sax->entityDecl = on_entity_decl;
	xmlSetStructuredErrorFunc(ctxt, on_error);
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, url, NULL, opts);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeParserCtxt(ctxt);
	if (ps.entity || (doc && doc->intSubset && doc->intSubset->entities)) {
		if (doc)
			xmlFreeDoc(doc);
		util_set_err(err, errsz, "refused: the document declares entities (an XML bomb is never "
		                    "expanded)");
		return NULL;
	}
	if (!doc || !xmlDocGetRootElement(doc)) {
		if (doc)
			xmlFreeDoc(doc);
		if (extract_sniff(buf, len, NULL))
			util_set_err(err, errsz, "not a feed: an HTML page");
		else if (ps.msg[0])
			util_set_err(err, errsz, "malformed XML (line %d: %s)", ps.line, ps.msg);
		else
			util_set_err(err, errsz, "malformed XML");
		return NULL;
	}
	return doc;
}

/* --- small helpers over the tree --- */

static int is(xmlNodePtr n, const char *name, const char *ns)
{
	if (!n || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) != 0)
		return 0;
	if (!ns)
		return 1;
	return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

/* An element of the feed's own vocabulary: no namespace, or the one the
 * format uses (Atom's, RSS 1.0's, RSS 0.90's). */
static int own(xmlNodePtr n, const char *name)
{
	const char *href;

	if (!is(n, name, NULL))
		return 0;
	if (!n->ns || !n->ns->href)
		return 1;
	href = (const char *)n->ns->href;
	return strcmp(href, NS_ATOM) == 0 || strncmp(href, "http://purl.org/rss/", 20) == 0 ||
	       strncmp(href, "http://my.netscape.com/rdf/", 27) == 0 ||
	       strncmp(href, "http://backend.userland.com/", 28) == 0;
}

static const char *attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;

	for (a = n->properties; a; a = a->next)
		if (a->name && strcmp((const char *)a->name, name) == 0 && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

static void text_of(xmlNodePtr n, struct buf *b)
{
	for (n = n->children; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				buf_adds(b, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE) {
			text_of(n, b);
		}
	}
}

/* The element's text, raw (NULL when empty). */
static char *raw_text(xmlNodePtr n)
{
	struct buf b = {0};
	size_t i = 0;

	text_of(n, &b);
	while (i < b.len && isspace((unsigned char)b.s[i]))
		i++;
	if (i == b.len) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* The element's text as one cleaned line (NULL when nothing is left). */
static char *line_text(xmlNodePtr n)
{
	char *t = raw_text(n), *c;

	if (!t)
		return NULL;
	c = import_clean_field(t);
	free(t);
	return c;
}

/* A title that may hold markup (Atom type="html", or an escaped <b> in
 * RSS) as one line of text. */
static char *title_text(xmlNodePtr n)
{
	char *t = raw_text(n), *plain, *c;
	const char *type = attr(n, "type");

	if (!t)
		return NULL;
	if ((type && (strcmp(type, "html") == 0 || strcmp(type, "xhtml") == 0)) ||
	    (!type && strchr(t, '<') && strchr(t, '>'))) {
		plain = feed_html_text(t, strlen(t));
		free(t);
		t = plain;
	}
	c = import_clean_field(t);
	free(t);
	return c;
}

static char *resolve(xmlDocPtr doc, xmlNodePtr n, const char *href)
{
	xmlChar *base, *u;
	char *r;
	size_t i = 0, e;

	if (!href)
		return NULL;
	while (href[i] && isspace((unsigned char)href[i]))
		i++;
	e = strlen(href);
	while (e > i && isspace((unsigned char)href[e - 1]))
		e--;
	if (e == i)
		return NULL;
	{
		char *h = xstrndup(href + i, e - i);
		base = xmlNodeGetBase(doc, n);
		u = xmlBuildURI((const xmlChar *)h, base);
		xmlFree(base);
		r = xstrdup(u ? (const char *)u : h);
		xmlFree(u);
		free(h);
	}
	return r;
}

static char *date_of(xmlNodePtr n)
{
	char *t = raw_text(n), iso[DATE_ISO_MAX];
	int ok;

	if (!t)
		return NULL;
	ok = date_to_iso(t, strlen(t), iso, sizeof iso) == 0;
	free(t);
	return ok ? xstrdup(iso) : NULL;
}

/* Serialise an element's children (Atom xhtml content) as markup. */
static char *inner_markup(xmlNodePtr n)
{
	xmlBufferPtr xb = xmlBufferCreate();
	xmlNodePtr c;
	char *r;

	if (!xb)
		fatal("out of memory (XML buffer)");
	for (c = n->children; c; c = c->next)
		xmlNodeDump(xb, n->doc, c, 0, 0);
	r = xmlBufferLength(xb) ? xstrdup((const char *)xmlBufferContent(xb)) : NULL;
	xmlBufferFree(xb);
	return r;
}

static void html_escape(struct buf *b, const char *s, int quotes)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"':
			if (quotes) {
				buf_adds(b, "&quot;");
				break;
			}
			/* fall through */
		default: buf_addc(b, *s);
		}
	}
}

/* Atom text construct (text, html, xhtml) as HTML. */
static char *atom_html(xmlNodePtr n)
{
	const char *type = attr(n, "type");
	char *t;

	if (type && strcmp(type, "xhtml") == 0)
		return inner_markup(n);
	t = raw_text(n);
	if (t && (!type || strcmp(type, "text") == 0 || strcmp(type, "text/plain") == 0)) {
		/* Plain text: its lines become paragraphs. */
		struct buf b = {0};
		char *p = t, *nl;
		do {
			nl = strchr(p, '\n');
			if (nl)
				*nl = '\0';
			buf_adds(&b, "<p>");
			html_escape(&b, p, 0);
			buf_adds(&b, "</p>\n");
			p = nl ? nl + 1 : NULL;
		} while (p);
		free(t);
		return buf_steal(&b);
	}
	return t;
}

static void replace(char **slot, char *v)
{
	if (!v)
		return;
	free(*slot);
	*slot = v;
}

static void item_free(struct feed_item *it)
{
	free(it->guid);
	free(it->link);
	free(it->title);
	free(it->author);
	free(it->published);
	free(it->content);
	free(it->summary);
}

/* --- RSS (0.9x, 2.0) and RDF --- */

static void rss_item(xmlDocPtr doc, xmlNodePtr item, struct feed_item *it, int rdf)
{
	xmlNodePtr n;
	int guid_permalink = 1;
	char *updated = NULL;

	if (rdf) {
		xmlChar *about = xmlGetNsProp(item, (const xmlChar *)"about", (const xmlChar *)NS_RDF);
		if (about && *about)
			it->guid = xstrdup((const char *)about);
		xmlFree(about);
	}
	for (n = item->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (own(n, "title") && !it->title) {
			it->title = title_text(n);
		} else if (own(n, "link") && !it->link) {
			char *t = raw_text(n);
			it->link = resolve(doc, n, t);
			free(t);
		} else if (own(n, "guid") && !it->guid) {
			const char *p = attr(n, "isPermaLink");
			it->guid = raw_text(n);
			if (it->guid) {
				char *g = import_clean_field(it->guid);
				free(it->guid);
				it->guid = g;
			}
			guid_permalink = !p || strcasecmp(p, "false") != 0;
		} else if ((own(n, "author") || is(n, "creator", NS_DC)) && !it->author) {
			it->author = line_text(n);
		} else if ((own(n, "pubDate") || is(n, "date", NS_DC)) && !it->published) {
			it->published = date_of(n);
		} else if (is(n, "modified", NS_DC) || own(n, "updated")) {
			replace(&updated, date_of(n));
		} else if (is(n, "encoded", NS_CONTENT) && !it->content) {
			it->content = raw_text(n);
		} else if (own(n, "description") && !it->summary) {
			it->summary = raw_text(n);
		}
	}
	if (!it->published)
		it->published = updated;
	else
		free(updated);
	/* A permalink GUID is the item's address when it has no link. */
	if (!it->link && it->guid && guid_permalink &&
	    (strncmp(it->guid, "http://", 7) == 0 || strncmp(it->guid, "https://", 8) == 0))
		it->link = xstrdup(it->guid);
}

static void rss_channel(xmlDocPtr doc, xmlNodePtr ch, struct feed *f)
{
	xmlNodePtr n;

	for (n = ch->children; n; n = n->next) {
		if (own(n, "title") && !f->title) {
			f->title = title_text(n);
		} else if (own(n, "link") && !f->link) {
			char *t = raw_text(n);
			f->link = resolve(doc, n, t);
			free(t);
		} else if (own(n, "ttl")) {
			char *t = raw_text(n);
			long v = t ? strtol(t, NULL, 10) : 0;
			f->ttl_min = v > 0 && v < 525600 ? v : 0;
			free(t);
		}
	}
}

static void add_item(struct feed *f, struct feed_item *it)
{
	size_t i;

	if (it->guid) {
		for (i = 0; i < f->n; i++) {
			if (f->v[i].guid && strcmp(f->v[i].guid, it->guid) == 0) {
				f->dup_guids++;
				item_free(it);
				return;
			}
		}
	}
	VEC_PUSH(f, *it);
}

/* A feed with thousands of items: GUIDs are checked through a sorted copy
 * instead of the quadratic scan in add_item. */
static int cmp_str(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	return strcmp(x, y);
}

static void drop_dup_guids(struct feed *f)
{
	const char **g;
	size_t i, k = 0, n = 0;

	g = xcalloc(f->n ? f->n : 1, sizeof *g);
	for (i = 0; i < f->n; i++)
		if (f->v[i].guid)
			g[n++] = f->v[i].guid;
	qsort(g, n, sizeof *g, cmp_str);
	for (i = 1; i < n && !k; i++)
		k = strcmp(g[i - 1], g[i]) == 0;
	free(g);
	if (!k)
		return;
	/* Rare: rebuild keeping the first of each. */
	{
		struct feed_item *old = f->v;
		size_t on = f->n;
		f->v = NULL;
		f->n = f->cap = 0;
		for (i = 0; i < on; i++)
			add_item(f, &old[i]);
		free(old);
	}
}

static void parse_rss(xmlDocPtr doc, xmlNodePtr root, struct feed *f, int rdf)
{
	xmlNodePtr n, m;

	for (n = root->children; n; n = n->next) {
		if (own(n, "channel")) {
			rss_channel(doc, n, f);
			for (m = n->children; m; m = m->next) {
				if (own(m, "item")) {
					struct feed_item it = {0};
					rss_item(doc, m, &it, rdf);
					VEC_PUSH(f, it);
				}
			}
		} else if (own(n, "item")) { /* RDF: items beside the channel */
			struct feed_item it = {0};
			rss_item(doc, n, &it, rdf);
			VEC_PUSH(f, it);
		}
	}
}

/* --- Atom --- */

static char *atom_link(xmlDocPtr doc, xmlNodePtr n)
{
	const char *rel = attr(n, "rel");

	if (rel && strcmp(rel, "alternate") != 0 && strcmp(rel, "http://www.iana.org/assignments/relation/alternate") != 0)
		return NULL;
	return resolve(doc, n, attr(n, "href"));
}

static char *atom_author(xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if (own(c, "name"))
			return line_text(c);
	return NULL;
}

static void atom_entry(xmlDocPtr doc, xmlNodePtr e, struct feed_item *it)
{
	xmlNodePtr n;
	char *updated = NULL;

	for (n = e->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (own(n, "title") && !it->title) {
			it->title = title_text(n);
		} else if (own(n, "link") && !it->link) {
			it->link = atom_link(doc, n);
		} else if (own(n, "id") && !it->guid) {
			it->guid = line_text(n);
		} else if (own(n, "author") && !it->author) {
			it->author = atom_author(n);
		} else if (own(n, "published") && !it->published) {
			it->published = date_of(n);
		} else if (own(n, "updated") && !updated) {
			updated = date_of(n);
		} else if (own(n, "content") && !it->content && !attr(n, "src")) {
			it->content = atom_html(n);
		} else if (own(n, "summary") && !it->summary) {
			it->summary = atom_html(n);
		}
	}
	if (!it->published)
		it->published = updated;
	else
		free(updated);
}

static void parse_atom(xmlDocPtr doc, xmlNodePtr root, struct feed *f)
{
	xmlNodePtr n;
	char *feed_author = NULL;

	for (n = root->children; n; n = n->next) {
		if (own(n, "title") && !f->title) {
			f->title = title_text(n);
		} else if (own(n, "link") && !f->link) {
			f->link = atom_link(doc, n);
		} else if (own(n, "author") && !feed_author) {
			feed_author = atom_author(n);
		} else if (own(n, "entry")) {
			struct feed_item it = {0};
			atom_entry(doc, n, &it);
			VEC_PUSH(f, it);
		}
	}
	if (feed_author) {
		size_t i;
		for (i = 0; i < f->n; i++)
			if (!f->v[i].author)
				f->v[i].author = xstrdup(feed_author);
		free(feed_author);
	}
}

int feed_parse(const char *buf, size_t len, const char *url, struct feed *out, char *err,
               size_t errsz)
{
	xmlDocPtr doc;
	xmlNodePtr root;
	const char *name;

	memset(out, 0, sizeof *out);
	doc = read_xml(buf, len, url, err, errsz);
	if (!doc)
		return -1;
	root = xmlDocGetRootElement(doc);
	name = (const char *)root->name;
	if (own(root, "rss")) {
		out->format = FEED_RSS;
		parse_rss(doc, root, out, 0);
	} else if (is(root, "RDF", NS_RDF)) {
		out->format = FEED_RDF;
		parse_rss(doc, root, out, 1);
	} else if (is(root, "feed", NULL) && (!root->ns || own(root, "feed"))) {
		out->format = FEED_ATOM;
		parse_atom(doc, root, out);
	} else {
		if (strcasecmp(name, "html") == 0)
			util_set_err(err, errsz, "not a feed: an HTML page");
		else if (strcmp(name, "opml") == 0)
			util_set_err(err, errsz, "not a feed: an OPML list of feeds (gloss feed import-opml "
			                    "reads it)");
		else {
			char *c = import_clean_field(name);
			util_set_err(err, errsz, "not a feed (its root element is <%.60s>)", c ? c : "?");
			free(c);
		}
		xmlFreeDoc(doc);
		return -1;
	}
	xmlFreeDoc(doc);
	if (!out->title)
		out->title = xstrdup("");
	drop_dup_guids(out);
	return 0;
}

void feed_free(struct feed *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < f->n; i++)
		item_free(&f->v[i]);
	free(f->v);
	free(f->title);
	free(f->link);
	memset(f, 0, sizeof *f);
}

const char *feed_format_name(enum feed_format f)
{
	switch (f) {
	case FEED_RSS: return "RSS";
	case FEED_RDF: return "RSS 1.0";
	case FEED_ATOM: return "Atom";
	}
	return "?";
}

/* --- sniffing --- */

int feed_sniff(const char *buf, size_t len)
{
	size_t i = 0, lim = len < 4096 ? len : 4096;

	if (lim >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (;;) {
		while (i < lim && isspace((unsigned char)buf[i]))
			i++;
		if (i + 1 >= lim || buf[i] != '<')
			return 0;
		if (buf[i + 1] == '?' || buf[i + 1] == '!') {
			/* <?xml ...?>, a comment, a doctype: skip to its end */
			const char *e = memchr(buf + i, '>', lim - i);
			if (!e)
				return 0;
			i = (size_t)(e - buf) + 1;
			continue;
		}
		i++;
		{
			size_t s = i;
			while (i < lim && !isspace((unsigned char)buf[i]) && buf[i] != '>' && buf[i] != '/')
				i++;
			{
				const char *colon = memchr(buf + s, ':', i - s);
				size_t ns = colon ? (size_t)(colon - buf) + 1 : s;
				size_t n = i - ns;
				if ((n == 3 && memcmp(buf + ns, "rss", 3) == 0) ||
				    (n == 3 && memcmp(buf + ns, "RDF", 3) == 0) ||
				    (n == 4 && memcmp(buf + ns, "feed", 4) == 0))
					return 1;
				if (n == 4 && memcmp(buf + ns, "opml", 4) == 0)
					return 2;
			}
		}
		return 0;
	}
}

/* --- HTML fragments as text --- */

static int html_block(const char *name)
{
	static const char *const blocks[] = {
		"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
		"blockquote", "pre", "tr", "table", "section", "article", "header", "footer",
		"dd", "dt", "dl", "hr", "figure", "aside",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(blocks); i++)
		if (strcasecmp(name, blocks[i]) == 0)
			return 1;
	return 0;
}

static int html_skipped(const char *name)
{
	return strcasecmp(name, "script") == 0 || strcasecmp(name, "style") == 0 ||
	       strcasecmp(name, "noscript") == 0 || strcasecmp(name, "iframe") == 0 ||
	       strcasecmp(name, "template") == 0 || strcasecmp(name, "figcaption") == 0 ||
	       strcasecmp(name, "svg") == 0;
}

struct textw {
	struct buf b;
	int space; /* a space is pending */
};

static void tw_break(struct textw *w)
{
	w->space = 0;
	if (w->b.len && w->b.s[w->b.len - 1] != '\n')
		buf_addc(&w->b, '\n');
}

static void tw_text(struct textw *w, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			w->space = 1;
			continue;
		}
		if (w->space && w->b.len && w->b.s[w->b.len - 1] != '\n')
			buf_addc(&w->b, ' ');
		w->space = 0;
		buf_addc(&w->b, (char)c);
	}
}

static void html_walk(xmlNodePtr n, struct textw *w, int depth)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				tw_text(w, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && n->name) {
			const char *name = (const char *)n->name;
			int block;
			if (html_skipped(name) || depth > 200)
				continue;
			block = html_block(name);
			if (block)
				tw_break(w);
			html_walk(n->children, w, depth + 1);
			if (block)
				tw_break(w);
		}
	}
}

char *feed_html_text(const char *html, size_t len)
{
	static const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                        HTML_PARSE_NONET | HTML_PARSE_COMPACT;
	htmlDocPtr doc;
	struct textw w = {0};
	struct buf in = {0};

	if (!html || len == 0)
		return xstrdup("");
	/* A fragment: the parser adds html and body around it. */
	buf_adds(&in, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
	buf_add(&in, html, len);
	buf_adds(&in, "</body></html>");
	xmlInitParser();
	doc = htmlReadMemory(in.s, (int)(in.len < (size_t)INT32_MAX ? in.len : 0), NULL, "UTF-8",
	                     opts);
	buf_free(&in);
	if (!doc)
		return xstrdup("");
	html_walk(xmlDocGetRootElement(doc), &w, 0);
	xmlFreeDoc(doc);
	while (w.b.len && w.b.s[w.b.len - 1] == '\n')
		w.b.s[--w.b.len] = '\0';
	return buf_steal(&w.b);
}

size_t feed_sentences(const char *html, size_t len)
{
	char *t = feed_html_text(html, len);
	struct sentence_vec v = {0};
	size_t n;

	sentence_split(t, strlen(t), &v);
	n = v.n;
	free(v.v);
	free(t);
	return n;
}

/* --- the feed a page advertises --- */

static int has_token(const char *list, const char *word)
{
	size_t n = strlen(word);

	while (list && *list) {
		while (*list && isspace((unsigned char)*list))
			list++;
		if (strncasecmp(list, word, n) == 0 && (!list[n] || isspace((unsigned char)list[n])))
			return 1;
		while (*list && !isspace((unsigned char)*list))
			list++;
	}
	return 0;
}

static xmlNodePtr find_feed_link(xmlNodePtr n, int depth)
{
	for (; n && depth < 100; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)n->name, "link") == 0 ||
		    strcasecmp((const char *)n->name, "a") == 0) {
			const char *rel = extract_attr(n, "rel"), *type = extract_attr(n, "type");
			const char *href = extract_attr(n, "href");
			if (rel && type && href && *href && has_token(rel, "alternate") &&
			    (strncasecmp(type, "application/rss+xml", 19) == 0 ||
			     strncasecmp(type, "application/atom+xml", 20) == 0 ||
			     strncasecmp(type, "application/rdf+xml", 19) == 0))
				return n;
		}
		{
			xmlNodePtr f = find_feed_link(n->children, depth + 1);
			if (f)
				return f;
		}
	}
	return NULL;
}

char *feed_find_link(const char *html, size_t len, const char *base_url)
{
	char warning[256], err[256];
	htmlDocPtr doc = extract_parse(html, len, NULL, warning, sizeof warning, err, sizeof err);
	xmlNodePtr l;
	char *r = NULL;

	if (!doc)
		return NULL;
	l = find_feed_link(xmlDocGetRootElement(doc), 0);
	if (l) {
		const char *href = extract_attr(l, "href");
		xmlChar *u = base_url ? xmlBuildURI((const xmlChar *)href, (const xmlChar *)base_url)
		                      : NULL;
		r = xstrdup(u ? (const char *)u : href);
		xmlFree(u);
		/* Only a web address is followed. */
		if (strncasecmp(r, "http://", 7) != 0 && strncasecmp(r, "https://", 8) != 0) {
			free(r);
			r = NULL;
		}
	}
	xmlFreeDoc(doc);
	return r;
}

/* --- lists of feeds --- */

void feed_outlines_free(struct feed_outlines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].url);
		free(l->v[i].title);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* An http(s) address in printable ASCII (as a server takes it). */
static int web_url(const char *u)
{
	const unsigned char *p;

	if (strncasecmp(u, "http://", 7) != 0 && strncasecmp(u, "https://", 8) != 0)
		return 0;
	for (p = (const unsigned char *)u; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f)
			return 0;
	return 1;
}

static void opml_walk(xmlNodePtr n, struct feed_outlines *out, int depth)
{
	for (; n && depth < 100; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "outline") == 0) {
			const char *u = attr(n, "xmlUrl");
			if (!u)
				u = attr(n, "xmlurl");
			if (u) {
				char *url = import_clean_field(u);
				if (url && web_url(url)) {
					const char *t = attr(n, "title");
					struct feed_outline o = {0};
					if (!t || !*t)
						t = attr(n, "text");
					o.url = url;
					o.title = t ? import_clean_field(t) : NULL;
					VEC_PUSH(out, o);
				} else {
					free(url);
					out->skipped++;
				}
			}
		}
		opml_walk(n->children, out, depth + 1);
	}
}

int feed_opml_parse(const char *buf, size_t len, struct feed_outlines *out, char *err,
                    size_t errsz)
{
	xmlDocPtr doc;
	xmlNodePtr root;

	memset(out, 0, sizeof *out);
	doc = read_xml(buf, len, NULL, err, errsz);
	if (!doc) {
		if (err && strncmp(err, "not a feed", 10) == 0)
			util_set_err(err, errsz, "not OPML: an HTML page");
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (strcmp((const char *)root->name, "opml") != 0) {
		char *c = import_clean_field((const char *)root->name);
		util_set_err(err, errsz, "not OPML (its root element is <%.60s>)", c ? c : "?");
		free(c);
		xmlFreeDoc(doc);
		return -1;
	}
	opml_walk(root->children, out, 0);
	xmlFreeDoc(doc);
	return 0;
}

int feed_urls_parse(const char *buf, size_t len, struct feed_outlines *out, char *err,
                    size_t errsz)
{
	size_t i = 0;

	memset(out, 0, sizeof *out);
	if (len > FEED_MAX_BYTES) {
		util_set_err(err, errsz, "larger than the 32 MiB limit for lists of feeds");
		return -1;
	}
	if (memchr(buf, '\0', len)) {
		util_set_err(err, errsz, "not a list of feeds (binary data)");
		return -1;
	}
	while (i < len) {
		const char *l = buf + i, *e = memchr(l, '\n', len - i);
		size_t n = e ? (size_t)(e - l) : len - i;
		char *line = xstrndup(l, n), *p = line, *url;
		struct feed_outline o = {0};

		i += n + (e ? 1 : 0);
		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#') {
			free(line);
			continue;
		}
		url = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (*p)
			*p++ = '\0';
		if (!web_url(url)) {
			out->skipped++;
			free(line);
			continue;
		}
		o.url = import_clean_field(url);
		/* Tags: words or "quoted words"; "~Title" names the feed. */
		while (*p) {
			char tok[1024];
			size_t k = 0;
			while (*p && isspace((unsigned char)*p))
				p++;
			if (!*p || *p == '#')
				break;
			if (*p == '"') {
				p++;
				while (*p && *p != '"') {
					if (*p == '\\' && p[1])
						p++;
					if (k + 1 < sizeof tok)
						tok[k++] = *p;
					p++;
				}
				if (*p == '"')
					p++;
			} else {
				while (*p && !isspace((unsigned char)*p)) {
					if (k + 1 < sizeof tok)
						tok[k++] = *p;
					p++;
				}
			}
			tok[k] = '\0';
			if (tok[0] == '~' && tok[1] && !o.title)
				o.title = import_clean_field(tok + 1);
		}
		if (o.url)
			VEC_PUSH(out, o);
		else
			free(o.title);
		free(line);
	}
	if (out->n == 0) {
		util_set_err(err, errsz, "no feed address in it (one http or https URL a line, as "
		                    "newsboat's urls file)");
		feed_outlines_free(out);
		return -1;
	}
	return 0;
}

int feed_list_parse(const char *buf, size_t len, struct feed_outlines *out, char *err,
                    size_t errsz)
{
	size_t i = 0;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && isspace((unsigned char)buf[i]))
		i++;
	if (i < len && buf[i] == '<')
		return feed_opml_parse(buf, len, out, err, errsz);
	return feed_urls_parse(buf, len, out, err, errsz);
}

static void xml_attr(struct buf *b, const char *name, const char *v)
{
	const unsigned char *p;

	if (!v)
		return;
	buf_printf(b, " %s=\"", name);
	for (p = (const unsigned char *)v; *p; p++) {
		/* U+FFFE and U+FFFF are valid UTF-8 but not XML characters. */
		if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
			p += 2;
			continue;
		}
		switch (*p) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\t': buf_adds(b, "&#9;"); break;
		case '\n': buf_adds(b, "&#10;"); break;
		default:
			if (*p >= 0x20 && *p != 0x7f)
				buf_addc(b, (char)*p);
		}
	}
	buf_addc(b, '"');
}

void feed_opml_write(struct buf *b, const struct feed_outline *v, size_t n)
{
	size_t i;

	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n"
	            "  <head>\n    <title>gloss feeds</title>\n  </head>\n  <body>\n");
	for (i = 0; i < n; i++) {
		const char *t = v[i].title && *v[i].title ? v[i].title : v[i].url;
		buf_adds(b, "    <outline type=\"rss\"");
		xml_attr(b, "text", t);
		xml_attr(b, "title", t);
		xml_attr(b, "xmlUrl", v[i].url);
		buf_adds(b, "/>\n");
	}
	buf_adds(b, "  </body>\n</opml>\n");
}
