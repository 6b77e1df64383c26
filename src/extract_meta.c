/* extract_meta.c — a web page's metadata: title, byline, publication
 * date, site name, language, canonical address and summary.  Sources, in
 * the order they are trusted: JSON-LD (schema.org NewsArticle and its
 * kin, also inside @graph, read with jansson), Open Graph and Twitter
 * cards, other <meta> names (Dublin Core, Parse.ly, plain author/date),
 * <time datetime>, <link rel=canonical>, and last the document itself
 * (<title> less the site's name, the <h1> that matches it, an element
 * marked as the byline).  Each field keeps the most trusted value seen. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/uri.h>

#include "gloss/date.h"
#include "gloss/extract.h"
#include "gloss/util.h"

/* Trust ranks: lower wins. */
/* Trust ranks, lower wins; a <meta> with name= ranks one below the same
 * key given with property= (Open Graph's own attribute). */
enum { R_JSONLD = 2, R_DC = 4, R_META1 = 6, R_META2 = 8, R_META3 = 10, R_TIME = 12, R_DOC = 14 };

struct field {
	char *v;
	int rank;
};

struct meta {
	struct field title, byline, published, site, url, excerpt, lang;
	char *doc_title; /* <title> */
	char *ld_headline, *ld_name; /* JSON-LD's, chosen between at the end */
	char *base;      /* <base href> resolved, else the given address */
	struct buf h1s;  /* the text of every <h1>, each ending in '\n' */
	size_t nh1;
};

/* White space collapsed and trimmed; NULL for an empty result. */
static char *squeeze(const char *s)
{
	struct buf b = {0};
	bool space = false;

	if (!s)
		return NULL;
	for (; *s; s++) {
		if (extract_is_ws((unsigned char)*s)) {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_addc(&b, ' ');
		space = false;
		buf_addc(&b, *s);
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* Entities that a page escaped twice ("&amp;#39;" arrives as "&#39;"). */
static char *unescape_once(char *s)
{
	static const struct { const char *name; const char *text; } ents[] = {
		{"amp;", "&"}, {"lt;", "<"}, {"gt;", ">"}, {"quot;", "\""}, {"apos;", "'"},
		{"nbsp;", " "},
	};
	struct buf b = {0};
	const char *p;
	size_t k;

	if (!s || !strchr(s, '&'))
		return s;
	for (p = s; *p;) {
		if (*p != '&') {
			buf_addc(&b, *p++);
			continue;
		}
		for (k = 0; k < ARRAY_SIZE(ents); k++) {
			size_t l = strlen(ents[k].name);
			if (strncmp(p + 1, ents[k].name, l) == 0) {
				buf_adds(&b, ents[k].text);
				p += 1 + l;
				break;
			}
		}
		if (k < ARRAY_SIZE(ents))
			continue;
		if (p[1] == '#') {
			char *end;
			unsigned long cp = p[2] == 'x' || p[2] == 'X' ? strtoul(p + 3, &end, 16)
			                                              : strtoul(p + 2, &end, 10);
			if (*end == ';' && end > p + 2 && cp >= 0x20 && cp <= 0x10FFFF &&
			    !(cp >= 0xD800 && cp <= 0xDFFF) && !(cp >= 0x7F && cp < 0xA0)) {
				unsigned char u[4];
				size_t n = 0;
				if (cp < 0x80) {
					u[n++] = (unsigned char)cp;
				} else if (cp < 0x800) {
					u[n++] = (unsigned char)(0xC0 | (cp >> 6));
					u[n++] = (unsigned char)(0x80 | (cp & 0x3F));
				} else if (cp < 0x10000) {
					u[n++] = (unsigned char)(0xE0 | (cp >> 12));
					u[n++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
					u[n++] = (unsigned char)(0x80 | (cp & 0x3F));
				} else {
					u[n++] = (unsigned char)(0xF0 | (cp >> 18));
					u[n++] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
					u[n++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
					u[n++] = (unsigned char)(0x80 | (cp & 0x3F));
				}
				buf_add(&b, u, n);
				p = end + 1;
				continue;
			}
		}
		buf_addc(&b, *p++);
	}
	free(s);
	return buf_steal(&b);
}

static bool looks_like_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0 ||
	       strncmp(s, "//", 2) == 0 || strncmp(s, "www.", 4) == 0;
}

/* Offer a value for a field; the lower rank keeps it. */
static void offer(struct field *f, const char *value, int rank)
{
	char *v;

	if (!value || (f->v && f->rank <= rank))
		return;
	v = unescape_once(squeeze(value));
	if (!v)
		return;
	free(f->v);
	f->v = v;
	f->rank = rank;
}

static void offer_date(struct field *f, const char *value, int rank)
{
	char iso[DATE_ISO_MAX];
	if (!value || (f->v && f->rank <= rank))
		return;
	if (date_to_iso(value, strlen(value), iso, sizeof iso) == 0)
		offer(f, iso, rank);
}

/* A byline as a name: no leading "By", no date, time or handle after
 * it ("Dan Goodin - Apr 16, 2015 8:02 pm UTC", "Jane Roe • 8h",
 * "John Doe @jdoe").  NULL when nothing is left. */
char *clean_byline(const char *value)
{
	static const char *const by[] = {"by ", "par ", "por ", "von ", "door ", "di ", "de ",
	                                 "av ", "af ", "od ", NULL};
	char *v = squeeze(value), *p;
	struct gloss_date d;
	size_t ds, de, n, i;

	if (!v)
		return NULL;
	for (i = 0; by[i]; i++) {
		size_t l = strlen(by[i]);
		if (strncasecmp(v, by[i], l) == 0 && strlen(v) > l) {
			memmove(v, v + l, strlen(v + l) + 1);
			break;
		}
	}
	if (date_scan(v, strlen(v), &d, &ds, &de) == 0 && ds > 0)
		v[ds] = '\0';
	/* A separator followed by a short tail with a digit ("• 8h"). */
	for (p = v; *p; p++) {
		if ((strncmp(p, " \xE2\x80\xA2 ", 5) == 0 || strncmp(p, " | ", 3) == 0) &&
		    strpbrk(p, "0123456789") && strlen(p) < 20) {
			*p = '\0';
			break;
		}
	}
	/* Handles. */
	while ((p = strrchr(v, '@')) && p > v && p[-1] == ' ' && !strchr(p, ' '))
		p[-1] = '\0';
	n = strlen(v);
	for (;;) {
		static const char *const trail[] = {"\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x80\x94",
		                                    "\xC2\xB7", NULL};
		size_t l = 0;
		if (n && (extract_is_ws((unsigned char)v[n - 1]) || strchr("-|,:;", v[n - 1])))
			l = 1;
		for (i = 0; !l && trail[i]; i++)
			if (n >= strlen(trail[i]) && memcmp(v + n - strlen(trail[i]), trail[i],
			                                    strlen(trail[i])) == 0)
				l = strlen(trail[i]);
		if (!l)
			break;
		n -= l;
		v[n] = '\0';
	}
	if (!n || looks_like_url(v)) {
		free(v);
		return NULL;
	}
	return v;
}

static void offer_byline(struct field *f, const char *value, int rank)
{
	char *v;
	if (!value || (f->v && f->rank <= rank))
		return;
	if (looks_like_url(value))
		return;
	v = clean_byline(value);
	if (v && strlen(v) < 200)
		offer(f, v, rank);
	free(v);
}

/* --- JSON-LD ----------------------------------------------------------- */

static bool type_is_article(json_t *t)
{
	static const char *const kinds[] = {
		"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
		"OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle",
		"AskPublicQuestionNewsArticle", "BlogPosting", "LiveBlogPosting", "SocialMediaPosting",
		"TechArticle", "ScholarlyArticle", "Report", "SatiricalArticle", "MedicalScholarlyArticle",
		"DiscussionForumPosting", NULL,
	};
	size_t i, k;

	if (json_is_array(t)) {
		json_t *e;
		json_array_foreach(t, i, e)
			if (type_is_article(e))
				return true;
		return false;
	}
	if (!json_is_string(t))
		return false;
	for (k = 0; kinds[k]; k++)
		if (strcmp(json_string_value(t), kinds[k]) == 0)
			return true;
	return false;
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Names of an author value: a string, {"name": ...}, or a list of them. */
static void author_names(json_t *a, struct buf *out, int depth)
{
	size_t i;
	json_t *e;
	const char *name = NULL;

	if (depth > 4)
		return;
	if (json_is_array(a)) {
		json_array_foreach(a, i, e)
			author_names(e, out, depth + 1);
		return;
	}
	if (json_is_string(a))
		name = json_string_value(a);
	else if (json_is_object(a))
		name = jstr(a, "name");
	if (name && *name && !looks_like_url(name)) {
		if (out->len)
			buf_adds(out, ", ");
		buf_adds(out, name);
	}
}

static void jsonld_object(struct meta *m, json_t *o, int depth)
{
	json_t *graph, *e;
	size_t i;

	if (depth > 8)
		return;
	if (json_is_array(o)) {
		json_array_foreach(o, i, e)
			jsonld_object(m, e, depth + 1);
		return;
	}
	if (!json_is_object(o))
		return;
	if ((graph = json_object_get(o, "@graph")))
		jsonld_object(m, graph, depth + 1);
	if (type_is_article(json_object_get(o, "@type"))) {
		struct buf names = {0};
		json_t *pub = json_object_get(o, "publisher");
		if (!m->ld_headline && jstr(o, "headline"))
			m->ld_headline = xstrdup(jstr(o, "headline"));
		/* A name that is the publisher's names the site, not the story. */
		if (!m->ld_name && jstr(o, "name") &&
		    !(json_is_object(pub) && jstr(pub, "name") &&
		      strcmp(jstr(pub, "name"), jstr(o, "name")) == 0))
			m->ld_name = xstrdup(jstr(o, "name"));
		author_names(json_object_get(o, "author"), &names, 0);
		if (names.len)
			offer_byline(&m->byline, names.s, R_JSONLD);
		buf_free(&names);
		offer_date(&m->published, jstr(o, "datePublished"), R_JSONLD);
		offer_date(&m->published, jstr(o, "dateCreated"), R_META3);
		if (json_is_object(pub))
			offer(&m->site, jstr(pub, "name"), R_JSONLD);
		offer(&m->excerpt, jstr(o, "description"), R_JSONLD);
		offer(&m->lang, jstr(o, "inLanguage"), R_META3);
	} else {
		json_t *t = json_object_get(o, "@type");
		if (json_is_string(t) && (strcmp(json_string_value(t), "WebSite") == 0 ||
		                          strcmp(json_string_value(t), "NewsMediaOrganization") == 0))
			offer(&m->site, jstr(o, "name"), R_META2);
	}
}

static void jsonld(struct meta *m, const char *text)
{
	json_error_t jerr;
	json_t *j = NULL;
	int tries;
	const char *s, *end;
	size_t n;

	/* Some pages wrap it in a comment or CDATA for old browsers: the
	 * object or array is from the first bracket to the last. */
	s = strstr(text, "<![CDATA[");
	s = strpbrk(s ? s + 9 : text, "{[");
	if (!s)
		return;
	n = strlen(s);
	end = s + n;
	/* "]]>" and "-->" after it end in brackets too: back up a few. */
	for (tries = 0; tries < 4; tries++, end--) {
		while (end > s && end[-1] != '}' && end[-1] != ']')
			end--;
		if (end == s)
			return;
		if ((j = json_loadb(s, (size_t)(end - s), 0, &jerr)))
			break;
	}
	if (!j)
		return;
	jsonld_object(m, j, 0);
	json_decref(j);
}

/* --- <meta> ------------------------------------------------------------ */

/* One <meta> key (lower case, '.' as ':') and its content. */
static void meta_key(struct meta *m, const char *k, const char *v, int bias)
{
	static const char *const titles0[] = {"dc:title", "dcterm:title", "dcterms:title", NULL};
	static const char *const titles1[] = {"og:title", NULL};
	static const char *const titles2[] = {"twitter:title", "parsely-title", "sailthru:title",
	                                      "title", "headline", NULL};
	static const char *const authors0[] = {"dc:creator", "dcterm:creator", "dcterms:creator",
	                                       NULL};
	static const char *const authors1[] = {"author", NULL};
	static const char *const authors2[] = {"parsely-author", "sailthru:author",
	                                       "article:author", "og:article:author", "byl",
	                                       "cxenseparse:author", NULL};
	static const char *const dates1[] = {"article:published_time",
	                                     "og:article:published_time", "datepublished",
	                                     "parsely-pub-date", NULL};
	static const char *const dates2[] = {"dc:date", "dc:date:issued", "dcterms:date",
	                                     "dcterms:created", "dcterms:issued", "date", "pubdate",
	                                     "publishdate", "publish-date", "publish_date",
	                                     "sailthru:date", "article:published", "og:published_time",
	                                     "release_date", "datecreated", NULL};
	size_t i;

	for (i = 0; titles0[i]; i++)
		if (strcmp(k, titles0[i]) == 0)
			offer(&m->title, v, R_DC + bias);
	for (i = 0; authors0[i]; i++)
		if (strcmp(k, authors0[i]) == 0)
			offer_byline(&m->byline, v, R_DC + bias);
	for (i = 0; titles1[i]; i++)
		if (strcmp(k, titles1[i]) == 0)
			offer(&m->title, v, R_META1 + bias);
	for (i = 0; titles2[i]; i++)
		if (strcmp(k, titles2[i]) == 0)
			offer(&m->title, v, R_META2 + bias);
	for (i = 0; authors1[i]; i++)
		if (strcmp(k, authors1[i]) == 0)
			offer_byline(&m->byline, v, R_META1 + bias);
	for (i = 0; authors2[i]; i++)
		if (strcmp(k, authors2[i]) == 0)
			offer_byline(&m->byline, v, R_META2 + bias);
	for (i = 0; dates1[i]; i++)
		if (strcmp(k, dates1[i]) == 0)
			offer_date(&m->published, v, R_META1 + bias);
	for (i = 0; dates2[i]; i++)
		if (strcmp(k, dates2[i]) == 0)
			offer_date(&m->published, v, R_META2 + bias);
	if (strcmp(k, "og:site_name") == 0)
		offer(&m->site, v, R_META1 + bias);
	else if (strcmp(k, "application-name") == 0)
		offer(&m->site, v, R_META3 + bias);
	if (strcmp(k, "og:description") == 0 || strcmp(k, "dc:description") == 0)
		offer(&m->excerpt, v, R_META1 + bias);
	else if (strcmp(k, "description") == 0 || strcmp(k, "twitter:description") == 0)
		offer(&m->excerpt, v, R_META2 + bias);
	if (strcmp(k, "og:url") == 0)
		offer(&m->url, v, R_META2 + bias);
	if (strcmp(k, "content-language") == 0 || strcmp(k, "language") == 0 ||
	    strcmp(k, "dc:language") == 0)
		offer(&m->lang, v, R_META2 + bias);
	if (strcmp(k, "og:locale") == 0) {
		char *l = xstrdup(v), *p;
		for (p = l; *p; p++)
			if (*p == '_')
				*p = '-';
		offer(&m->lang, l, R_META3 + bias);
		free(l);
	}
}

static void meta_element(struct meta *m, xmlNodePtr n)
{
	static const char *const keys[] = {"property", "name", "itemprop", "http-equiv", NULL};
	char *content = (char *)xmlGetProp(n, (const xmlChar *)"content");
	size_t i;

	if (!content)
		return;
	for (i = 0; keys[i]; i++) {
		char *k = (char *)xmlGetProp(n, (const xmlChar *)keys[i]), *p, *tok, *save = NULL;
		if (!k)
			continue;
		for (p = k; *p; p++)
			*p = *p == '.' ? ':' : (char)tolower((unsigned char)*p);
		/* property="og:title twitter:title" names several at once. */
		for (tok = strtok_r(k, " \t\n\r", &save); tok; tok = strtok_r(NULL, " \t\n\r", &save))
			meta_key(m, tok, content, i == 0 ? 0 : 1); /* property= first */
		xmlFree(k);
	}
	xmlFree(content);
}

/* --- the document ------------------------------------------------------ */

static char *resolve(const char *base, const char *href)
{
	xmlChar *u;
	char *r;

	if (!href || !*href)
		return NULL;
	if (!base)
		return xstrdup(href);
	u = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base);
	if (!u)
		return xstrdup(href);
	r = xstrdup((const char *)u);
	xmlFree(u);
	return r;
}

static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;
	while ((p = strstr(p, word))) {
		bool start = p == list || !isalnum((unsigned char)p[-1]);
		bool end = !isalnum((unsigned char)p[n]);
		if (start && end)
			return true;
		p += n;
	}
	return false;
}

/* A byline written in the page: rel=author, itemprop=author, or an
 * element whose class or id says byline or author.  Its text, cleaned,
 * or NULL. */
char *extract_byline_text(xmlNodePtr n)
{
	const char *rel, *prop, *cls, *id;
	char *t, *r = NULL;
	bool hit = false;
	xmlNodePtr k;

	if (!n->properties)
		return NULL;
	rel = extract_attr(n, "rel");
	prop = extract_attr(n, "itemprop");
	cls = extract_attr(n, "class");
	id = extract_attr(n, "id");
	if (rel && strcasecmp(rel, "author") == 0)
		hit = true;
	if (prop && has_word(prop, "author"))
		hit = true;
	if ((cls && (has_word(cls, "byline") || has_word(cls, "author"))) ||
	    (id && (has_word(id, "byline") || has_word(id, "author"))))
		hit = true;
	if (!hit)
		return NULL;
	/* itemprop=author around itemprop=name: the name alone. */
	for (k = n->children; prop && k; k = k->next) {
		const char *kp = k->type == XML_ELEMENT_NODE ? extract_attr(k, "itemprop") : NULL;
		if (kp && strcmp(kp, "name") == 0) {
			n = k;
			break;
		}
	}
	t = extract_node_text(n);
	if (t && strlen(t) >= 3 && strlen(t) < 100 && strpbrk(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
		r = clean_byline(t);
	free(t);
	return r;
}

static bool is_sep_at(const char *s, size_t *len)
{
	static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
	                                   " / ", " \xC2\xBB ", " \xC2\xB7 ", " \xE2\x80\xA2 ", NULL};
	size_t i;
	for (i = 0; seps[i]; i++) {
		size_t l = strlen(seps[i]);
		if (strncmp(s, seps[i], l) == 0) {
			*len = l;
			return true;
		}
	}
	return false;
}

static size_t words(const char *s)
{
	size_t w = 0;
	bool in = false;
	for (; *s; s++) {
		bool sp = extract_is_ws((unsigned char)*s);
		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

static bool same_ci(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

/* The title from <title>, without the site's name that pages append or
 * prepend ("Story headline | Outlet"). */
static char *doc_title(struct meta *m)
{
	const char *t = m->doc_title, *p;
	const char *first = NULL, *last = NULL;
	size_t first_len = 0, last_len = 0, l;
	char *head, *tail;
	const char *h1;

	if (!t)
		return NULL;
	/* An <h1> that is the title, or the title with the site's name: the
	 * headline as the page shows it. */
	for (h1 = m->h1s.s; m->nh1 && h1 && *h1;) {
		const char *nl = strchr(h1, '\n');
		char *one = xstrndup(h1, nl ? (size_t)(nl - h1) : strlen(h1));
		bool ok = words(one) >= 3 && strstr(t, one) != NULL;
		if (ok)
			return one;
		free(one);
		h1 = nl ? nl + 1 : NULL;
	}
	for (p = t; *p; p++)
		if (is_sep_at(p, &l)) {
			if (!first) {
				first = p;
				first_len = l;
			}
			last = p;
			last_len = l;
		}
	if (!last)
		return xstrdup(t);
	head = xstrndup(t, (size_t)(last - t));
	tail = xstrdup(last + last_len);
	if (same_ci(tail, m->site.v) || (words(head) >= 3 && words(tail) <= 4)) {
		free(tail);
		return head;
	}
	free(head);
	free(tail);
	/* "Outlet | Story headline". */
	tail = xstrdup(first + first_len);
	if (words(tail) >= 3 && words(t) - words(tail) <= 4) {
		return tail;
	}
	free(tail);
	return xstrdup(t);
}

void extract_meta(htmlDocPtr doc, const char *base_url, struct extract_page *out)
{
	struct meta m = {0};
	xmlNodePtr root = xmlDocGetRootElement(doc), n = root;
	bool in_body = false;
	char *lang;

	if (!root)
		return;
	m.base = base_url ? xstrdup(base_url) : NULL;
	if ((lang = (char *)xmlGetProp(root, (const xmlChar *)"lang")) ||
	    (lang = (char *)xmlGetProp(root, (const xmlChar *)"xml:lang"))) {
		offer(&m.lang, lang, R_META1);
		xmlFree(lang);
	}
	while (n) {
		bool skip = false;
		if (n->type == XML_ELEMENT_NODE && n->name) {
			const char *name = (const char *)n->name;
			if (strcmp(name, "body") == 0)
				in_body = true;
			if (strcmp(name, "meta") == 0) {
				meta_element(&m, n);
			} else if (strcmp(name, "title") == 0 && !m.doc_title && !in_body) {
				char *t = extract_node_text(n);
				m.doc_title = unescape_once(squeeze(t));
				free(t);
				skip = true;
			} else if (strcmp(name, "base") == 0) {
				char *h = (char *)xmlGetProp(n, (const xmlChar *)"href");
				if (h) {
					char *b = resolve(m.base, h);
					free(m.base);
					m.base = b;
					xmlFree(h);
				}
			} else if (strcmp(name, "link") == 0) {
				char *rel = (char *)xmlGetProp(n, (const xmlChar *)"rel");
				char *h = (char *)xmlGetProp(n, (const xmlChar *)"href");
				if (rel && h && strcasecmp(rel, "canonical") == 0) {
					char *u = resolve(m.base, h);
					offer(&m.url, u, R_META1);
					free(u);
				}
				xmlFree(rel);
				xmlFree(h);
			} else if (strcmp(name, "script") == 0) {
				char *type = (char *)xmlGetProp(n, (const xmlChar *)"type");
				if (type && strcasecmp(type, "application/ld+json") == 0) {
					xmlChar *t = xmlNodeGetContent(n);
					if (t)
						jsonld(&m, (const char *)t);
					xmlFree(t);
				}
				xmlFree(type);
				skip = true;
			} else if (strcmp(name, "style") == 0) {
				skip = true;
			} else if (strcmp(name, "time") == 0) {
				char *dt = (char *)xmlGetProp(n, (const xmlChar *)"datetime");
				char *ip = (char *)xmlGetProp(n, (const xmlChar *)"itemprop");
				bool pub = xmlHasProp(n, (const xmlChar *)"pubdate") ||
				           (ip && has_word(ip, "datePublished"));
				offer_date(&m.published, dt, pub ? R_META2 : R_TIME);
				xmlFree(dt);
				xmlFree(ip);
			} else if (strcmp(name, "h1") == 0 && in_body) {
				char *t = extract_node_text(n);
				char *s = squeeze(t);
				if (s) {
					buf_adds(&m.h1s, s);
					buf_addc(&m.h1s, '\n');
					m.nh1++;
				}
				free(s);
				free(t);
			}
		}
		/* Iterative walk, as in extract.c. */
		if (!skip && n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		n = n && n != root ? n->next : NULL;
	}
	/* JSON-LD's headline, unless its name is the one the page's <title>
	 * shows (some sites put a summary in headline). */
	if (m.ld_headline || m.ld_name) {
		const char *t = m.ld_headline ? m.ld_headline : m.ld_name;
		if (m.ld_headline && m.ld_name && m.doc_title && !strstr(m.doc_title, m.ld_headline) &&
		    strstr(m.doc_title, m.ld_name))
			t = m.ld_name;
		offer(&m.title, t, R_JSONLD);
	}
	free(m.ld_headline);
	free(m.ld_name);
	if (!m.title.v) {
		char *t = doc_title(&m);
		offer(&m.title, t, R_DOC);
		free(t);
	}
	out->title = m.title.v ? m.title.v : xstrdup("");
	out->byline = m.byline.v;
	out->published = m.published.v;
	out->site = m.site.v;
	out->lang = m.lang.v;
	out->excerpt = m.excerpt.v;
	if (m.url.v) {
		out->url = m.url.v;
		if (looks_like_url(out->url) && strncmp(out->url, "//", 2) == 0) {
			char *u = xasprintf("https:%s", out->url);
			free(out->url);
			out->url = u;
		}
	} else if (base_url) {
		out->url = xstrdup(base_url);
	}
	free(m.doc_title);
	free(m.base);
	buf_free(&m.h1s);
}
