/* corrections.c — what the user's corrections of the entity recognizer do
 * to a text (corrections_apply), and the names of their kinds (see
 * corrections.h).  No store here: the library's operations that record a
 * correction and redo the articles it touches are corrections_redo.c's. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/corrections.h"
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
	if (sp->n > 1)
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
