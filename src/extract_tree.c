/* extract_tree.c — the vocabulary of the HTML tree that the article
 * extractor (extract.c) and the metadata pass (extract_meta.c) share:
 * what each tag is (block, never text, heading, ...), element names,
 * walking in document order, attributes, and a node's text with its white
 * space collapsed.  It calls neither of them, so both depend on it and
 * not on each other. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "gloss/extract.h"
#include "gloss/util.h"

static const struct tag {
	const char *name;
	unsigned kind;
} tags[] = {
	/* Weights of a block holding paragraphs (tag_weight) are the W_* bits. */
	/* sorted by name, for bsearch */
	{"a", K_LINK}, {"address", K_BLOCK | W_MINUS3}, {"applet", K_NEVER}, {"article", K_BLOCK | K_DIVLIKE | W_PLUS5},
	{"aside", K_BLOCK | K_NEVER}, {"audio", K_NEVER}, {"base", K_NEVER},
	{"blockquote", K_BLOCK | K_PARA | W_PLUS3}, {"body", K_BLOCK}, {"br", K_BLOCK},
	{"button", K_NEVER}, {"canvas", K_NEVER}, {"caption", K_BLOCK}, {"center", K_BLOCK},
	{"datalist", K_NEVER}, {"dd", K_BLOCK | W_MINUS3}, {"details", K_BLOCK},
	{"dialog", K_BLOCK | K_NEVER}, {"dir", K_BLOCK}, {"div", K_BLOCK | K_DIVLIKE | K_LISTY | W_PLUS5},
	{"dl", K_BLOCK | K_LISTY | W_MINUS3}, {"dt", K_BLOCK | W_MINUS3}, {"embed", K_NEVER}, {"fieldset", K_BLOCK},
	{"figcaption", K_BLOCK | K_NEVER}, {"figure", K_BLOCK | K_LISTY}, {"font", K_DIVLIKE},
	{"footer", K_BLOCK | K_NEVER}, {"form", K_BLOCK | K_LISTY | W_MINUS3}, {"frame", K_NEVER},
	{"frameset", K_NEVER}, {"h1", K_BLOCK | K_HEAD | W_MINUS5}, {"h2", K_BLOCK | K_HEAD | W_MINUS5},
	{"h3", K_BLOCK | K_HEAD | W_MINUS5}, {"h4", K_BLOCK | K_HEAD | W_MINUS5}, {"h5", K_BLOCK | K_HEAD | W_MINUS5},
	{"h6", K_BLOCK | K_HEAD | W_MINUS5}, {"head", K_NEVER}, {"header", K_BLOCK | K_LISTY | W_MINUS5},
	{"hgroup", K_BLOCK}, {"hr", K_BLOCK}, {"html", K_BLOCK}, {"iframe", K_NEVER},
	{"input", K_NEVER}, {"legend", K_BLOCK}, {"li", K_BLOCK | W_MINUS3}, {"link", K_NEVER},
	{"main", K_BLOCK | W_PLUS5}, {"map", K_NEVER}, {"menu", K_BLOCK | K_NEVER}, {"meta", K_NEVER},
	{"meter", K_NEVER}, {"nav", K_BLOCK | K_NEVER}, {"noscript", K_BLOCK | K_NEVER},
	{"object", K_NEVER}, {"ol", K_BLOCK | K_LISTY | W_MINUS3}, {"option", K_NEVER}, {"output", K_NEVER},
	{"p", K_BLOCK | K_PARA}, {"picture", K_BLOCK}, {"pre", K_BLOCK | K_PARA | W_PLUS3},
	{"progress", K_NEVER}, {"script", K_NEVER}, {"section", K_BLOCK | K_DIVLIKE | K_LISTY | W_PLUS3},
	{"select", K_NEVER}, {"source", K_NEVER}, {"span", K_DIVLIKE}, {"style", K_NEVER},
	{"summary", K_BLOCK}, {"svg", K_NEVER}, {"table", K_BLOCK | K_LISTY},
	{"tbody", K_BLOCK}, {"td", K_BLOCK | K_PARA | W_PLUS3}, {"template", K_NEVER},
	{"textarea", K_NEVER}, {"tfoot", K_BLOCK}, {"th", K_BLOCK | W_MINUS5}, {"thead", K_BLOCK},
	{"title", K_NEVER}, {"tr", K_BLOCK}, {"track", K_NEVER}, {"ul", K_BLOCK | K_LISTY | W_MINUS3},
	{"video", K_NEVER},
};

static int cmp_tag(const void *key, const void *t)
{
	return strcmp(key, ((const struct tag *)t)->name);
}

unsigned extract_tag_kind(const char *name)
{
	const struct tag *t = bsearch(name, tags, ARRAY_SIZE(tags), sizeof tags[0], cmp_tag);
	return t ? t->kind : 0;
}

bool extract_name_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The next node in document order below root; with skip, not into n. */
xmlNodePtr extract_walk_next(xmlNodePtr n, xmlNodePtr root, bool skip)
{
	if (!skip && n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

const char *extract_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;

	for (a = n->properties; a; a = a->next)
		if (a->name && strcmp((const char *)a->name, name) == 0)
			return a->children && a->children->content ? (const char *)a->children->content : "";
	return NULL;
}

size_t extract_text_add(struct buf *para, bool *space, const char *s)
{
	size_t chars = 0, n, i;

	while (*s) {
		if (extract_is_ws((unsigned char)*s)) {
			*space = para->len > 0;
			s++;
			continue;
		}
		for (n = 0; s[n] && !extract_is_ws((unsigned char)s[n]); n++)
			;
		if (*space) {
			buf_addc(para, ' ');
			*space = false;
		}
		buf_add(para, s, n);
		for (i = 0; i < n; i++)
			chars += ((unsigned char)s[i] & 0xC0) != 0x80;
		s += n;
	}
	return chars;
}

char *extract_node_text(xmlNodePtr root)
{
	struct buf para = {0};
	bool space = false;
	xmlNodePtr n = root;

	while (n) {
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
			extract_text_add(&para, &space, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE && n != root && n->name &&
		         (extract_tag_kind((const char *)n->name) & K_BLOCK))
			space = para.len > 0;
		n = extract_walk_next(n, root, n->type == XML_ELEMENT_NODE && n != root &&
		                                   (extract_name_is(n, "script") ||
		                                    extract_name_is(n, "style")));
	}
	return buf_steal(&para);
}
