/* lexicon.c — the one loader of gloss's word lists (see lexicon.h): parses
 * the embedded data files line by line, and keeps parsed lists, each built
 * once under a lock, for the modules that look words up. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "gloss/embedded.h"
#include "gloss/lexicon.h"
#include "gloss/util.h"

static inline bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

int lexicon_each(const char *path, void (*fn)(const struct lexicon_entry *e, void *arg), void *arg)
{
	const struct embedded_file *ef = embedded_get(path);
	const char *p, *end;
	if (!ef)
		return -1;
	p = (const char *)ef->data;
	end = p + ef->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *q = e, *tab;
		struct lexicon_entry en;
		while (q > p && blank(q[-1]))
			q--;
		if (p < q && *p != '#') {
			tab = memchr(p, '\t', (size_t)(q - p));
			en.word = p;
			en.len = (size_t)((tab ? tab : q) - p);
			while (en.len && blank(p[en.len - 1]))
				en.len--;
			en.cls = tab ? tab : q;
			while (en.cls < q && blank(*en.cls))
				en.cls++;
			en.cls_len = (size_t)(q - en.cls);
			if (en.len)
				fn(&en, arg);
		}
		p = e + 1;
	}
	return 0;
}

const char *lexicon_language(void)
{
	/* The only language there are lists for.  Another one is a directory
	 * of data files beside data/en/ and a way to choose it here. */
	return "en";
}

const char *lexicon_path(const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "data/%s/%s.txt", lexicon_language(), name);
	return buf;
}

/* Parsed lists, by path; a handful, so a linked list will do. */
struct cached {
	struct cached *next;
	char *path;
	struct lexicon_list list;
};
static struct cached *cache;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

struct grow {
	struct lexicon_entry *v;
	size_t n, cap;
};

static void keep(const struct lexicon_entry *e, void *arg)
{
	struct grow *g = arg;
	struct lexicon_entry c;
	c.word = xstrndup(e->word, e->len);
	c.len = e->len;
	c.cls = xstrndup(e->cls, e->cls_len);
	c.cls_len = e->cls_len;
	VEC_PUSH(g, c);
}

const struct lexicon_list *lexicon_list(const char *path)
{
	struct cached *c;
	struct grow g = {0};
	pthread_mutex_lock(&cache_lock);
	for (c = cache; c; c = c->next)
		if (strcmp(c->path, path) == 0)
			break;
	if (!c) {
		c = xcalloc(1, sizeof *c);
		c->path = xstrdup(path);
		lexicon_each(path, keep, &g);
		c->list.v = g.v;
		c->list.n = g.n;
		c->next = cache;
		cache = c;
	}
	pthread_mutex_unlock(&cache_lock);
	return &c->list;
}

const struct lexicon_list *lexicon_words(const char *name)
{
	char path[256];
	return lexicon_list(lexicon_path(name, path, sizeof path));
}

bool lexicon_has_class(const struct lexicon_entry *e, const char *c)
{
	size_t n = strlen(c);
	const char *p = e->cls, *end = e->cls + e->cls_len;
	while (p < end) {
		const char *w = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		if ((size_t)(p - w) == n && memcmp(w, c, n) == 0)
			return true;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
	}
	return false;
}

const struct lexicon_entry *lexicon_find(const struct lexicon_list *l, const char *w, size_t n, bool fold,
					 const char *cls)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct lexicon_entry *e = &l->v[i];
		if (e->len != n || (fold ? strncasecmp(e->word, w, n) : memcmp(e->word, w, n)) != 0)
			continue;
		if (!cls || lexicon_has_class(e, cls))
			return e;
	}
	return NULL;
}
