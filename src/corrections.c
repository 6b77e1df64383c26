/* corrections.c — what the user's corrections of the entity recognizer do
 * to a text (corrections_apply), and the library's operations that record
 * one and redo every article it touches (see corrections.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/corrections.h"
#include "gloss/store.h"
#include "gloss/store_corrections.h"
#include "gloss/util.h"

static const char *const kind_names[] = {"relabel", "reject", "add"};

const char *correction_kind_name(enum correction_kind k)
{
	return (unsigned)k < ARRAY_SIZE(kind_names) ? kind_names[k] : "?";
}

int correction_kind_from_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(kind_names); i++)
		if (strcmp(kind_names[i], name) == 0)
			return (int)i;
	return -1;
}

const char *correction_label_meaning(enum ner_label l)
{
	static const char *const meaning[NER_NLABELS] = {
		[NER_PERSON] = "People, including fictional",
		[NER_NORP] = "Nationalities, religious or political groups",
		[NER_FAC] = "Buildings, airports, highways, bridges",
		[NER_ORG] = "Companies, agencies, institutions, teams",
		[NER_GPE] = "Countries, cities, states",
		[NER_LOC] = "Other places: mountain ranges, rivers, regions",
		[NER_PRODUCT] = "Objects, vehicles, foods (not services)",
		[NER_EVENT] = "Named hurricanes, battles, wars, sports events",
		[NER_WORK_OF_ART] = "Titles of books, songs, films",
		[NER_LAW] = "Named documents made into laws",
		[NER_LANGUAGE] = "Any named language",
		[NER_DATE] = "Absolute or relative dates or periods",
		[NER_TIME] = "Times smaller than a day",
		[NER_PERCENT] = "Percentage, including \"%\"",
		[NER_MONEY] = "Monetary values, including unit",
		[NER_QUANTITY] = "Measurements, as of weight or distance",
		[NER_ORDINAL] = "\"first\", \"second\", etc.",
		[NER_CARDINAL] = "Numerals that do not fall under another type",
	};
	return (unsigned)l < NER_NLABELS ? meaning[l] : "";
}

void corrections_free(struct corrections *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].text);
		free(c->v[i].created);
	}
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

/* A span while corrections are applied: its key its own string. */
struct cspan {
	size_t start, end;
	int label;
	char *canon;
};

struct cspans {
	struct cspan *v;
	size_t n, cap;
};

static int matches(const struct cspan *s, const char *text, const char *name, size_t nl)
{
	return (s->end - s->start == nl && memcmp(text + s->start, name, nl) == 0) ||
	       (s->canon && strcmp(s->canon, name) == 0);
}

static int word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}

static int span_cmp(const void *a, const void *b)
{
	const struct cspan *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Every occurrence of name between word boundaries becomes a span. */
static void add_occurrences(struct cspans *sp, const char *text, size_t len, const struct correction *c)
{
	size_t nl = strlen(c->text), at = 0;
	if (!nl || memchr(c->text, '\n', nl))
		return;
	while (at + nl <= len) {
		const char *p = memmem(text + at, len - at, c->text, nl);
		size_t a, b, k, o;
		if (!p)
			break;
		a = (size_t)(p - text);
		b = a + nl;
		at = a + 1;
		if ((a > 0 && word_byte((unsigned char)text[a - 1]) && word_byte((unsigned char)c->text[0])) ||
		    (b < len && word_byte((unsigned char)text[b]) && word_byte((unsigned char)c->text[nl - 1])))
			continue;
		/* What overlaps it goes. */
		for (k = o = 0; k < sp->n; k++) {
			if (sp->v[k].start < b && sp->v[k].end > a)
				free(sp->v[k].canon);
			else
				sp->v[o++] = sp->v[k];
		}
		sp->n = o;
		{
			struct cspan s = {a, b, c->label, xstrdup(c->text)};
			VEC_PUSH(sp, s);
		}
		at = b;
	}
	qsort(sp->v, sp->n, sizeof *sp->v, span_cmp);
}

void corrections_apply(const struct corrections *c, const char *text, size_t len, struct ner_result *r)
{
	struct cspans sp = {0};
	size_t i, k, o;

	if (!c || !c->n)
		return;
	for (i = 0; i < r->n; i++) {
		struct cspan s = {r->v[i].start, r->v[i].end, (int)r->v[i].label,
		                  r->v[i].canon ? xstrdup(r->v[i].canon) : NULL};
		VEC_PUSH(&sp, s);
	}
	ner_result_free(r);
	for (k = 0; k < c->n; k++) {
		const struct correction *cr = &c->v[k];
		size_t nl = strlen(cr->text);
		switch (cr->kind) {
		case CORRECTION_RELABEL:
			if (cr->label < 0 || cr->label >= NER_NLABELS)
				break;
			for (i = 0; i < sp.n; i++)
				if (matches(&sp.v[i], text, cr->text, nl))
					sp.v[i].label = cr->label;
			break;
		case CORRECTION_REJECT:
			for (i = o = 0; i < sp.n; i++) {
				if (matches(&sp.v[i], text, cr->text, nl))
					free(sp.v[i].canon);
				else
					sp.v[o++] = sp.v[i];
			}
			sp.n = o;
			break;
		case CORRECTION_ADD:
			if (cr->label >= 0 && cr->label < NER_NLABELS)
				add_occurrences(&sp, text, len, cr);
			break;
		}
	}
	/* Back to a result whose keys ner_result_free can free: each its own
	 * allocation, marked by a leading 1 byte (see ner.c). */
	r->v = xreallocarray(NULL, sp.n ? sp.n : 1, sizeof *r->v);
	r->cap = sp.n ? sp.n : 1;
	for (i = 0; i < sp.n; i++) {
		const char *key = sp.v[i].canon ? sp.v[i].canon : "";
		size_t kl = strlen(key);
		char *a = xmalloc(kl + 2);
		a[0] = 1;
		memcpy(a + 1, key, kl + 1);
		r->v[i].start = sp.v[i].start;
		r->v[i].end = sp.v[i].end;
		r->v[i].label = (enum ner_label)sp.v[i].label;
		r->v[i].canon = a + 1;
		free(sp.v[i].canon);
	}
	r->n = sp.n;
	free(sp.v);
}

/* Re-recognise the articles in ids with the library's corrections. */
static int redo_articles(struct store *st, const int64_t *ids, size_t n, int *articles)
{
	struct corrections all = {0};
	int rc = 0;

	if (store_corrections_list(st, &all) != 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct store_article a = {0};
		struct ner_result r = {0};
		int g = store_article_get(st, ids[i], 1, &a);
		if (g != 0) {
			rc = g < 0 ? -1 : 0;
			store_article_clear(&a);
			continue;
		}
		ner_scan(a.body, a.body_len, &r);
		corrections_apply(&all, a.body, a.body_len, &r);
		rc = store_article_set_mentions(st, a.id, a.body, &r);
		if (rc == 0 && articles)
			++*articles;
		ner_result_free(&r);
		store_article_clear(&a);
	}
	corrections_free(&all);
	return rc;
}

static int redo_text(struct store *st, const char *text, int *articles)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = store_articles_with_text(st, text, &ids, &n);
	if (rc == 0)
		rc = redo_articles(st, ids, n, articles);
	free(ids);
	return rc;
}

int corrections_make(struct store *st, enum correction_kind kind, const char *text, int label,
                     int64_t *id, int *articles)
{
	struct correction c = {0, kind, xstrdup(text), kind == CORRECTION_REJECT ? -1 : label, NULL};
	int rc = 0;

	if (articles)
		*articles = 0;
	if (store_corrections_begin(st) != 0) {
		free(c.text);
		return -1;
	}
	if (store_correction_add(st, &c, id) != 0 || redo_text(st, text, articles) != 0 ||
	    store_corrections_commit(st) != 0) {
		store_corrections_rollback(st);
		rc = -1;
	}
	free(c.text);
	return rc;
}

int corrections_forget(struct store *st, int64_t id, int *articles)
{
	struct correction old = {0};
	int rc;

	if (articles)
		*articles = 0;
	if (store_corrections_begin(st) != 0)
		return -1;
	rc = store_correction_forget(st, id, &old);
	if (rc == 0 && (redo_text(st, old.text, articles) != 0 || store_corrections_commit(st) != 0))
		rc = -1;
	if (rc != 0)
		store_corrections_rollback(st);
	free(old.text);
	free(old.created);
	return rc;
}

int corrections_reapply_all(struct store *st, int *articles)
{
	struct corrections all = {0};
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	if (articles)
		*articles = 0;
	if (store_corrections_list(st, &all) != 0)
		return -1;
	for (size_t k = 0; k < all.n; k++) {
		int64_t *more = NULL;
		size_t m = 0;
		if (store_articles_with_text(st, all.v[k].text, &more, &m) != 0) {
			free(ids);
			corrections_free(&all);
			return -1;
		}
		ids = xreallocarray(ids, n + m + 1, sizeof *ids);
		if (m)
			memcpy(ids + n, more, m * sizeof *ids);
		n += m;
		free(more);
	}
	corrections_free(&all);
	/* Each article once. */
	{
		size_t o = 0;
		for (size_t i = 0; i < n; i++) {
			size_t j;
			for (j = 0; j < o && ids[j] != ids[i]; j++)
				;
			if (j == o)
				ids[o++] = ids[i];
		}
		n = o;
	}
	if (store_corrections_begin(st) != 0) {
		free(ids);
		return -1;
	}
	rc = redo_articles(st, ids, n, articles);
	if (rc != 0 || store_corrections_commit(st) != 0) {
		store_corrections_rollback(st);
		rc = -1;
	}
	free(ids);
	return rc;
}
