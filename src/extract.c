/* extract.c — the article in a web page: parse the HTML (libxml2), set
 * aside what is never article text (script, style, forms, hidden and
 * navigation elements, blocks whose class or id names page furniture),
 * score the blocks that hold paragraphs by their text, commas and link
 * density, take the best one with its siblings that look like it, and
 * write its paragraphs out one a line.  Metadata is extract_meta.c's job.
 *
 * Nothing is unlinked from the tree while deciding: each element carries
 * a small record (in libxml2's _private field) with its marks, its text
 * statistics and its score, so a second, more lenient pass can run on the
 * same tree when the first found too little.  Every walk is iterative, so
 * a page nested a million deep costs time, never the stack.  Parsing the
 * bytes is extract_parse.c's job. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "gloss/extract.h"
#include "gloss/import.h"
#include "gloss/util.h"

/* Marks an element can carry. */
enum {
	DROP_HARD = 1,  /* never text: script, style, hidden, navigation */
	DROP_CLASS = 2, /* its class, id or role names page furniture */
	IS_BYLINE = 4,  /* the byline found in the document */
	NEG_STRONG = 8, /* its class names what is never the article's */
};

struct info {
	unsigned kind;   /* K_* of its tag, and K_SET once known */
	double score;
	unsigned marks;
	bool scored;     /* score initialised (it is a candidate) */
	int weight;      /* from class, id and itemprop */
	size_t chars;    /* text characters below it (white space runs as one) */
	size_t link_chars;
	size_t commas;
	int depth;
};

struct ctx {
	struct info *infos;
	size_t ninfo;
	unsigned drop_mask; /* which marks make a subtree invisible */
	const char *title;
	const char *byline;
	size_t deep;        /* elements below MAX_DEPTH, ignored */
};

#define MAX_DEPTH 400

static struct info *I(xmlNodePtr n);

/* The K_* bits of an element's tag (0 for text and unknown tags). */
static unsigned kind(xmlNodePtr n)
{
	struct info *in;
	unsigned k;

	if (!n || n->type != XML_ELEMENT_NODE || !n->name)
		return 0;
	in = I(n);
	if (in && (in->kind & K_SET))
		return in->kind & ~K_SET;
	k = extract_tag_kind((const char *)n->name);
	if (in)
		in->kind = k | K_SET;
	return k;
}

static struct info *I(xmlNodePtr n)
{
	return n && n->type == XML_ELEMENT_NODE ? (struct info *)n->_private : NULL;
}

static bool hidden(struct ctx *c, xmlNodePtr n)
{
	struct info *in = I(n);
	return in && (in->marks & c->drop_mask);
}

/* --- class and id words ------------------------------------------------ */

/* Words in class and id (split at anything not a letter or digit, lower
 * case) that name page furniture.  "strong": dropped even when a positive
 * word is there too ("article-share"); "weak": dropped unless one is. */
static const char *const strong_neg[] = {
	"ad", "ads", "adslot", "adunit", "advert", "advertisement", "advertising",
	"sponsor", "sponsored", "promo", "promotion", "newsletter", "subscribe",
	"subscription", "signup", "cookie", "cookies", "consent", "gdpr", "social",
	"socials", "related",
	"recommended", "recommendations", "outbrain", "taboola", "popup", "modal",
	"breadcrumb", "breadcrumbs", "pagination", "pager", "disqus", "comment",
	"comments", "respond", "replies", "skiplink", "jump", "print", "donate",
	"trending", "popular", "mostread", "most", "banner", NULL,
};
static const char *const weak_neg[] = {
	"sidebar", "menu", "nav", "navbar", "navigation", "footer", "header",
	"masthead", "widget", "widgets", "toolbar", "tools", "tags", "tagcloud",
	"extra", "combx", "community", "shoutbox", "skyscraper", "supplemental",
	"rail", "aside", "bio", "meta", "hidden", "caption", "credit", "credits",
	"byline", "author", "dateline", "timestamp", "login", "search", "signin",
	"feedback", "utility", "overlay", "sticky", "teaser", "teasers", "more",
	"share", "sharing", "sharebar", "shares", "legends", NULL,
};
static const char *const positive[] = {
	"article", "articlebody", "body", "content", "entry", "main", "post",
	"story", "text", "blog", "hentry", "column", "prose", "page", NULL,
};

/* Stems that name furniture at the start of a longer word as well
 * ("relatedposts", "newsletterbox", "sponsoredlinks"). */
static const char *const strong_stems[] = {
	"related", "newsletter", "sponsor", "advert", "breadcrumb", "cookie", "subscri",
	"popup", "outbrain", "taboola", "sharing", "socialmedia", NULL,
};

static bool stem_in(const char *w, size_t n, const char *const *list)
{
	size_t i;
	for (i = 0; list[i]; i++) {
		size_t l = strlen(list[i]);
		if (n > l && memcmp(list[i], w, l) == 0)
			return true;
	}
	return false;
}

static bool word_in(const char *w, size_t n, const char *const *list)
{
	size_t i;
	for (i = 0; list[i]; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return true;
	return false;
}

/* Scan the words of s into the three counts. */
static void class_words(const char *s, int *strong, int *weak, int *pos)
{
	char w[40];
	size_t n = 0;

	for (;; s++) {
		unsigned char ch = (unsigned char)*s;
		if (isalnum(ch)) {
			if (n < sizeof w)
				w[n] = (char)tolower(ch);
			n++;
			continue;
		}
		if (n > 0 && n <= sizeof w) {
			if (word_in(w, n, strong_neg) || stem_in(w, n, strong_stems))
				(*strong)++;
			else if (word_in(w, n, weak_neg))
				(*weak)++;
			else if (word_in(w, n, positive))
				(*pos)++;
		}
		n = 0;
		if (!ch)
			break;
	}
}


/* Negative, positive or no opinion, from class, id and itemprop. */
static void judge_classes(xmlNodePtr n, int *strong, int *weak, int *pos)
{
	static const char *const names[] = {"class", "id", "itemprop", NULL};
	size_t i;

	*strong = *weak = *pos = 0;
	for (i = 0; names[i]; i++) {
		const char *v = extract_attr(n, names[i]);
		if (v)
			class_words(v, strong, weak, pos);
	}
}

/* --- marking ----------------------------------------------------------- */


/* Does style hold want (lower case, no spaces), ignoring case and white
 * space ("Display : None")? */
static bool style_has(const char *style, const char *want)
{
	const char *p;
	for (p = style; *p; p++) {
		const char *s = p, *w = want;
		while (*s && *w) {
			if (isspace((unsigned char)*s)) {
				s++;
				continue;
			}
			if (tolower((unsigned char)*s) != *w)
				break;
			s++;
			w++;
		}
		if (!*w)
			return true;
	}
	return false;
}

static bool is_hidden_el(xmlNodePtr n)
{
	const char *v;

	if (!n->properties)
		return false;
	if (extract_attr(n, "hidden"))
		return true;
	if ((v = extract_attr(n, "aria-hidden")) && strcasecmp(v, "true") == 0)
		return true;
	if ((v = extract_attr(n, "style")))
		return style_has(v, "display:none") || style_has(v, "visibility:hidden");
	return false;
}

static bool furniture_role(xmlNodePtr n)
{
	static const char *const roles[] = {
		"navigation", "complementary", "contentinfo", "menu", "menubar", "search",
		"alert", "alertdialog", "dialog", "toolbar", "banner", NULL,
	};
	const char *v = extract_attr(n, "role");
	size_t i;

	for (i = 0; v && roles[i]; i++)
		if (strcasecmp(v, roles[i]) == 0)
			return true;
	return false;
}

static int tag_weight(xmlNodePtr n)
{
	unsigned k = kind(n);
	return k & W_PLUS5 ? 5 : k & W_PLUS3 ? 3 : k & W_MINUS3 ? -3 : k & W_MINUS5 ? -5 : 0;
}

/* Give every element its record and its marks. */
static void mark_tree(struct ctx *c, xmlNodePtr root)
{
	xmlNodePtr n;
	size_t count = 0, i = 0;

	for (n = root; n; n = extract_walk_next(n, root, false))
		if (n->type == XML_ELEMENT_NODE)
			count++;
	c->infos = xcalloc(count ? count : 1, sizeof *c->infos);
	c->ninfo = count;
	for (n = root; n; n = extract_walk_next(n, root, false)) {
		struct info *in;
		int strong, weak, pos;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		in = &c->infos[i++];
		n->_private = in;
		in->depth = n->parent && I(n->parent) ? I(n->parent)->depth + 1 : 0;
		if (in->depth > MAX_DEPTH) {
			in->marks |= DROP_HARD;
			c->deep++;
			continue;
		}
		judge_classes(n, &strong, &weak, &pos);
		if (strong)
			in->marks |= NEG_STRONG;
		in->weight = (pos ? 25 : 0) - (strong || weak ? 25 : 0);
		if ((kind(n) & K_NEVER) || is_hidden_el(n) || furniture_role(n))
			in->marks |= DROP_HARD;
		else if (!extract_name_is(n, "body") && !extract_name_is(n, "html") && !extract_name_is(n, "a") &&
		         !extract_name_is(n, "main") && (strong || (weak && !pos)))
			in->marks |= DROP_CLASS;
	}
}

/* --- text statistics ------------------------------------------------------ */

/* Characters (white space runs counted once) and commas of a text node. */
static void text_stats(const char *s, size_t *chars, size_t *commas)
{
	bool space = true;
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (extract_is_ws(ch)) {
			if (!space)
				(*chars)++;
			space = true;
			continue;
		}
		space = false;
		if ((ch & 0xC0) == 0x80)
			continue;
		(*chars)++;
		if (ch == ',')
			(*commas)++;
		else if (ch == 0xEF && (unsigned char)s[1] == 0xBC && (unsigned char)s[2] == 0x8C)
			(*commas)++; /* U+FF0C FULLWIDTH COMMA */
		else if (ch == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x81)
			(*commas)++; /* U+3001 IDEOGRAPHIC COMMA */
	}
}

/* A finished element's counts go to its parent; an <a>'s text is link text
 * there. */
static void add_up(xmlNodePtr n)
{
	struct info *in = I(n), *pi = I(n->parent);
	if (!in || !pi)
		return;
	pi->chars += in->chars;
	pi->commas += in->commas;
	pi->link_chars += (kind(n) & K_LINK) ? in->chars : in->link_chars;
}

/* Counts from the leaves up, visible nodes only, in one walk. */
static void compute_stats(struct ctx *c, xmlNodePtr root)
{
	xmlNodePtr n = root;
	size_t i;

	for (i = 0; i < c->ninfo; i++) {
		c->infos[i].chars = c->infos[i].link_chars = c->infos[i].commas = 0;
		c->infos[i].score = 0;
		c->infos[i].scored = false;
	}
	for (;;) {
		bool skip = n->type == XML_ELEMENT_NODE && hidden(c, n);
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
		    I(n->parent)) {
			struct info *pi = I(n->parent);
			text_stats((const char *)n->content, &pi->chars, &pi->commas);
		}
		if (!skip && n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		if (!skip && n != root && n->type == XML_ELEMENT_NODE)
			add_up(n);
		while (n != root && !n->next) {
			n = n->parent;
			if (n != root)
				add_up(n);
		}
		if (n == root)
			break;
		n = n->next;
	}
}

static double link_density(xmlNodePtr n)
{
	struct info *in = I(n);
	return in && in->chars ? (double)in->link_chars / (double)in->chars : 0.0;
}

/* --- scoring ------------------------------------------------------------ */


static bool is_block(xmlNodePtr n)
{
	return (kind(n) & K_BLOCK) != 0;
}

/* A div or section that holds only inline content acts as a paragraph. */
static bool inline_only(struct ctx *c, xmlNodePtr n)
{
	xmlNodePtr k;
	for (k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && !hidden(c, k) && is_block(k) &&
		    !extract_name_is(k, "br"))
			return false;
	return true;
}

static bool paragraph_like(struct ctx *c, xmlNodePtr n)
{
	unsigned k = kind(n);
	if (k & K_PARA)
		return true;
	return (k & K_DIVLIKE) && inline_only(c, n);
}

static void init_candidate(xmlNodePtr n)
{
	struct info *in = I(n);
	if (!in || in->scored)
		return;
	in->scored = true;
	in->score = tag_weight(n) + in->weight;
}

#define TOP_N 5

/* The element that most likely holds the article, or NULL. */
static xmlNodePtr best_candidate(struct ctx *c, xmlNodePtr root)
{
	xmlNodePtr n = root, top[TOP_N] = {0}, best, a;
	double top_score[TOP_N] = {0};
	size_t i, j;

	while (n) {
		bool skip = n->type == XML_ELEMENT_NODE && hidden(c, n);
		if (!skip && n->type == XML_ELEMENT_NODE && paragraph_like(c, n)) {
			struct info *in = I(n);
			if (in->chars >= 25) {
				double content = 1.0 + (double)in->commas +
				                 (in->chars / 100 < 3 ? (double)(in->chars / 100) : 3.0);
				xmlNodePtr p = n->parent;
				int level;
				for (level = 0; p && p->type == XML_ELEMENT_NODE && level < 5;
				     level++, p = p->parent) {
					init_candidate(p);
					I(p)->score += level == 0   ? content
					               : level == 1 ? content / 2
					                            : content / (level * 3);
					if (p == root)
						break;
				}
			}
		}
		n = extract_walk_next(n, root, skip);
	}
	for (i = 0; i < c->ninfo; i++) {
		struct info *in = &c->infos[i];
		if (in->scored)
			in->score *= 1.0 - (in->chars ? (double)in->link_chars / (double)in->chars : 0);
	}
	/* The best few, highest first. */
	for (n = root; n; n = extract_walk_next(n, root, n->type == XML_ELEMENT_NODE && hidden(c, n))) {
		struct info *in = I(n);
		if (!in || !in->scored)
			continue;
		for (i = 0; i < TOP_N; i++) {
			if (!top[i] || in->score > top_score[i]) {
				for (j = TOP_N - 1; j > i; j--) {
					top[j] = top[j - 1];
					top_score[j] = top_score[j - 1];
				}
				top[i] = n;
				top_score[i] = in->score;
				break;
			}
		}
	}
	best = top[0];
	if (!best)
		return NULL;
	if (getenv("GLOSS_EXTRACT_DEBUG"))
		for (i = 0; i < TOP_N && top[i]; i++) {
			const char *cl = extract_attr(top[i], "class"), *id = extract_attr(top[i], "id");
			fprintf(stderr, "top %zu: %s class=%s id=%s score=%.1f chars=%zu ld=%.2f\n", i,
			        (const char *)top[i]->name, cl ? cl : "", id ? id : "", top_score[i],
			        I(top[i])->chars, link_density(top[i]));
		}
	/* An article split into several blocks of one parent: when most of
	 * the other strong candidates sit under one ancestor of the best, that
	 * ancestor is the article. */
	for (a = best->parent; a && a->type == XML_ELEMENT_NODE && !extract_name_is(a, "body");
	     a = a->parent) {
		int under = 0, strong = 0;
		for (i = 1; i < TOP_N && top[i]; i++) {
			xmlNodePtr p;
			if (top_score[i] < top_score[0] * 0.75)
				continue;
			strong++;
			for (p = top[i]->parent; p; p = p->parent)
				if (p == a) {
					under++;
					break;
				}
		}
		if (strong >= 2 && under >= 2 && under * 3 >= strong * 2) {
			best = a;
			break;
		}
	}
	/* A parent that scores as well holds more of the same article. */
	while (best->parent && best->parent->type == XML_ELEMENT_NODE &&
	       !extract_name_is(best->parent, "body") && I(best->parent) && I(best->parent)->scored &&
	       I(best->parent)->score >= I(best)->score && I(best->parent)->chars > 0 &&
	       link_density(best->parent) < 0.4 &&
	       I(best)->chars * 10 >= I(best->parent)->chars * 6)
		best = best->parent;
	return best;
}

/* --- writing the text ------------------------------------------------- */

struct out {
	struct buf text;  /* paragraphs, one a line */
	struct buf para;  /* the paragraph being built */
	bool space;       /* white space pending */
	size_t para_links;/* characters inside links in para */
	int link_depth;
	size_t prose;     /* paragraphs that read as prose */
	size_t chars, link_chars; /* of the paragraphs written */
	size_t prefix;    /* bytes of a list item's marker at the start of para */
	size_t paras;
	bool title_seen;
	bool byline_seen;
};

/* Equal once white space runs are one space, ends are trimmed and ASCII
 * case is ignored. */
static bool same_text(const char *a, const char *b)
{
	for (;;) {
		while (extract_is_ws((unsigned char)*a))
			a++;
		while (extract_is_ws((unsigned char)*b))
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		while (*a && *b && !extract_is_ws((unsigned char)*a) && !extract_is_ws((unsigned char)*b)) {
			if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
				return false;
			a++;
			b++;
		}
		if (!extract_is_ws((unsigned char)*a) && *a)
			return false;
		if (!extract_is_ws((unsigned char)*b) && *b)
			return false;
	}
}

static size_t count_words(const char *s, size_t n)
{
	size_t i, w = 0;
	bool in = false;
	for (i = 0; i < n; i++) {
		bool sp = extract_is_ws((unsigned char)s[i]);
		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

static size_t utf8_chars(const char *s, size_t n)
{
	size_t i, c = 0;
	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static void flush(struct ctx *c, struct out *o, bool heading)
{
	size_t n = o->para.len;
	char *s = o->para.s;

	while (n && extract_is_ws((unsigned char)s[n - 1]))
		n--;
	if (n <= o->prefix)
		goto reset; /* nothing, or a list item's marker alone */
	if (s)
		s[n] = '\0';
	/* The title and the byline are fields of their own, not body text. */
	if (heading && !o->title_seen && c->title && *c->title && same_text(s, c->title)) {
		o->title_seen = true;
		goto reset;
	}
	if (!o->byline_seen && c->byline && n < 200) {
		const char *t = s;
		if (strncasecmp(t, "by ", 3) == 0)
			t += 3;
		if (same_text(t, c->byline)) {
			o->byline_seen = true;
			goto reset;
		}
	}
	if (o->text.len)
		buf_addc(&o->text, '\n');
	buf_add(&o->text, s, n);
	o->paras++;
	{
		size_t chars = utf8_chars(s, n);
		o->chars += chars;
		o->link_chars += o->para_links;
		/* Eight words, or for scripts written without spaces, sixty
		 * characters; most of it not links. */
		if (!heading && (count_words(s, n) >= 8 || chars >= 60) && o->para_links * 10 < chars * 3)
			o->prose++;
	}
reset:
	o->para.len = 0;
	if (o->para.s)
		o->para.s[0] = '\0';
	o->space = false;
	o->para_links = 0;
	o->prefix = 0;
}

static void add_text(struct out *o, const char *s)
{
	size_t chars = extract_text_add(&o->para, &o->space, s);

	if (o->link_depth)
		o->para_links += chars;
}

/* A block inside the article that is page furniture after all: mostly
 * links (a list of related stories), or a block of controls. */
static bool furniture_block(struct ctx *c, xmlNodePtr n)
{
	struct info *in = I(n);
	double ld;

	(void)c;
	if (!(kind(n) & K_LISTY) || !in->chars)
		return false;
	ld = link_density(n);
	if (in->weight < 0 && in->chars < 1000)
		return true;
	if (ld > 0.5 && in->chars < 2000)
		return true;
	return ld > 0.33 && in->chars < 200 && in->commas == 0;
}

static bool heading(xmlNodePtr n)
{
	return (kind(n) & K_HEAD) != 0;
}

/* Write the text below root as paragraphs. */
static void emit(struct ctx *c, xmlNodePtr root, struct out *o)
{
	xmlNodePtr n = root;
	int li_number[64] = {0};

	while (n) {
		bool skip = false;
		if (n->type == XML_ELEMENT_NODE) {
			skip = hidden(c, n) || (n != root && furniture_block(c, n));
			if (!skip && is_block(n)) {
				flush(c, o, false);
				if (extract_name_is(n, "li")) {
					struct info *pi = I(n->parent);
					if (extract_name_is(n->parent, "ol") && pi) {
						int d = pi->depth < 64 ? pi->depth : 63;
						char num[16];
						snprintf(num, sizeof num, "%d. ", ++li_number[d]);
						buf_adds(&o->para, num);
					} else {
						buf_adds(&o->para, "• ");
					}
					o->prefix = o->para.len;
				} else if (extract_name_is(n, "ol") && I(n)) {
					li_number[I(n)->depth < 64 ? I(n)->depth : 63] = 0;
				}
			} else if (!skip && (extract_name_is(n, "td") || extract_name_is(n, "th"))) {
				o->space = o->para.len > 0;
			}
			if (!skip && (kind(n) & K_LINK))
				o->link_depth++;
		} else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				add_text(o, (const char *)n->content);
		}
		/* Leaving elements: close what they opened. */
		if (skip || !(n->type == XML_ELEMENT_NODE && n->children)) {
			xmlNodePtr m = n;
			for (;;) {
				if (m->type == XML_ELEMENT_NODE && !(m == n && skip)) {
					if ((kind(m) & K_LINK) && o->link_depth)
						o->link_depth--;
					if (is_block(m))
						flush(c, o, heading(m));
				}
				if (m == root) {
					n = NULL;
					break;
				}
				if (m->next) {
					n = m->next;
					break;
				}
				m = m->parent;
				if (!m) {
					n = NULL;
					break;
				}
			}
			continue;
		}
		n = n->children;
	}
	flush(c, o, false);
}

/* Siblings of the best block that belong with it. */
static bool sibling_belongs(struct ctx *c, xmlNodePtr s, xmlNodePtr best)
{
	struct info *in = I(s), *bi = I(best);
	double threshold;

	if (!in || hidden(c, s))
		return false;
	threshold = bi->score * 0.2 > 10 ? bi->score * 0.2 : 10;
	if (in->scored && in->score + (in->weight > 0 && in->weight == bi->weight ? bi->score * 0.2 : 0) >=
	                      threshold)
		return true;
	if (extract_name_is(s, "p") || (paragraph_like(c, s) && !extract_name_is(s, "td"))) {
		double ld = link_density(s);
		if (in->chars > 80 && ld < 0.25)
			return true;
		if (in->chars > 0 && in->chars <= 80 && ld == 0) {
			/* A short paragraph that ends a sentence. */
			char *t = extract_node_text(s);
			size_t l = strlen(t);
			bool end = l > 0 && (t[l - 1] == '.' || t[l - 1] == '!' || t[l - 1] == '?');
			free(t);
			return end;
		}
	}
	return false;
}

static int extract_with(struct ctx *c, xmlNodePtr body, struct out *o)
{
	xmlNodePtr best, s;

	compute_stats(c, body);
	best = best_candidate(c, body);
	if (!best)
		best = body;
	if (best == body || !best->parent) {
		emit(c, best, o);
		return 0;
	}
	for (s = best->parent->children; s; s = s->next) {
		if (s == best)
			emit(c, s, o);
		else if (s->type == XML_ELEMENT_NODE && sibling_belongs(c, s, best))
			emit(c, s, o);
	}
	return 0;
}

/* The byline written in the page, outside page furniture. */
static char *find_byline(struct ctx *c, xmlNodePtr root)
{
	xmlNodePtr n = root;

	while (n) {
		struct info *in = I(n);
		/* An article's <aside> or <footer> often holds its byline. */
		bool skip = in && ((in->marks & NEG_STRONG) || is_hidden_el(n) ||
		                   ((kind(n) & K_NEVER) && !extract_name_is(n, "aside") && !extract_name_is(n, "footer")));
		if (!skip && in) {
			char *b = extract_byline_text(n);
			if (b) {
				in->marks |= IS_BYLINE;
				return b;
			}
		}
		n = extract_walk_next(n, root, skip);
	}
	(void)c;
	return NULL;
}

static void out_free(struct out *o)
{
	buf_free(&o->text);
	buf_free(&o->para);
}


int extract_article(htmlDocPtr doc, const char *base_url, struct extract_page *out, char *err,
                    size_t errsz)
{
	struct ctx c = {0};
	struct out o = {0};
	xmlNodePtr root = xmlDocGetRootElement(doc), body = NULL, n;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (!root) {
		snprintf(err, errsz, "no article found: the page is empty");
		return -1;
	}
	extract_meta(doc, base_url, out);
	mark_tree(&c, root);
	for (n = root; n; n = extract_walk_next(n, root, false))
		if (extract_name_is(n, "body")) {
			body = n;
			break;
		}
	if (!body)
		body = root;
	if (!out->byline)
		out->byline = find_byline(&c, body);
	c.title = out->title;
	c.byline = out->byline;
	c.drop_mask = DROP_HARD | DROP_CLASS;
	extract_with(&c, body, &o);
	/* Too little: class names were too eager (a page whose every block is
	 * called "content-header" or the like).  Once more, trusting tags only. */
	if (o.text.len < 500) {
		struct out o2 = {0};
		c.drop_mask = DROP_HARD;
		extract_with(&c, body, &o2);
		if (o2.prose > o.prose && o2.text.len > o.text.len * 2) {
			out_free(&o);
			o = o2;
		} else {
			out_free(&o2);
		}
	}
	if (c.deep)
		snprintf(out->warning, sizeof out->warning,
		         "nested more than %d elements deep; %zu deeper elements ignored", MAX_DEPTH,
		         c.deep);
	/* Not an article: no text, or text that is mostly links with not one
	 * paragraph of prose among it (an index page, a menu).  Length alone
	 * decides nothing: a short note is still an article. */
	if (o.text.len == 0 || (o.prose == 0 && o.link_chars * 2 > o.chars)) {
		snprintf(err, errsz, I(body) && I(body)->chars ? "no article found: the page is mostly links or menus"
		                                                : "no article found: the page has no text");
		rc = -1;
		out_free(&o);
	} else {
		out->text_len = o.text.len;
		out->text = buf_steal(&o.text);
		buf_free(&o.para);
	}
	for (n = root; n; n = extract_walk_next(n, root, false))
		if (n->type == XML_ELEMENT_NODE)
			n->_private = NULL;
	free(c.infos);
	if (!out->title)
		out->title = xstrdup("");
	if (rc != 0)
		extract_page_free(out);
	return rc;
}

int extract_page(const char *buf, size_t len, const char *charset, const char *base_url,
                 struct extract_page *out, char *err, size_t errsz)
{
	char warning[256];
	htmlDocPtr doc = extract_parse(buf, len, charset, warning, sizeof warning, err, errsz);
	int rc;

	memset(out, 0, sizeof *out);
	if (!doc)
		return -1;
	rc = extract_article(doc, base_url, out, err, errsz);
	if (rc == 0 && warning[0] && !out->warning[0])
		snprintf(out->warning, sizeof out->warning, "%s", warning);
	xmlFreeDoc(doc);
	return rc;
}

void extract_page_free(struct extract_page *p)
{
	if (!p)
		return;
	free(p->title);
	free(p->byline);
	free(p->published);
	free(p->site);
	free(p->lang);
	free(p->url);
	free(p->excerpt);
	free(p->text);
	memset(p, 0, sizeof *p);
}
