/* export_entities.c — the entity pages of a folder export (--entities):
 * one page per person, organisation and place mentioned in the exported
 * articles, in DIR/entities/, named like the article files from the
 * entity's id and name ("012-kim-jong-un.md": safe, unique, the same from
 * one export to the next).  A page lists every mention of the entity in
 * the library, one line per sentence that holds one, grouped by article
 * (by id).  Each line links back to its passage: the anchor of the
 * exported highlight that holds the mention (`#h12`, `#^h12` with
 * --wikilinks), else the article's page (article pages hold highlights,
 * not the article's whole text), else, when the article has no page in
 * the folder, the sentence as text.  Pages of entities not in this export
 * are left as they are.  export.c writes the pages with its other files. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export_internal.h"
#include "gloss/export.h"
#include "gloss/ner_label.h"
#include "gloss/sentence.h"
#include "gloss/store.h"
#include "gloss/util.h"

int export_entity_paged(int label)
{
	return label == NER_PERSON || label == NER_ORG || label == NER_GPE || label == NER_LOC;
}

char *export_entity_path(const struct store_entity *e)
{
	char *f = export_file_name(e->id, e->name);
	char *p = xasprintf("%s/%s", EXPORT_ENTITY_DIR, f);
	free(f);
	return p;
}

/* Can the name stand as a wikilink's text? */
static int wiki_safe(const char *s)
{
	return strpbrk(s, "[]|#^\n\r") == NULL && *s;
}

void export_entity_ref(struct buf *b, const struct store_entity *e, int wikilinks)
{
	char *p = export_entity_path(e);

	if (wikilinks) {
		buf_adds(b, "[[");
		buf_add(b, p, strlen(p) - 3); /* without ".md" */
		if (wiki_safe(e->name)) {
			buf_addc(b, '|');
			buf_adds(b, e->name);
			buf_adds(b, "]]");
		} else {
			buf_adds(b, "]] ");
			export_md_text(b, e->name, strlen(e->name), 0, NULL);
		}
	} else {
		buf_addc(b, '[');
		export_md_text(b, e->name, strlen(e->name), 0, NULL);
		buf_printf(b, "](%s)", p);
	}
	free(p);
}

/* An article's text and its sentences (one article at a time). */
struct body {
	struct store_article a;
	struct sentence_vec s;
};

/* The sentence that holds offset at: [*s, *e). */
static void sentence_at(const struct body *b, size_t at, size_t *s, size_t *e)
{
	size_t lo = 0, hi = b->s.n;

	/* The sentences are in order: the last one starting at or before at. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->s.v[mid].start <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo && at < b->s.v[lo - 1].end) {
		*s = b->s.v[lo - 1].start;
		*e = b->s.v[lo - 1].end;
		return;
	}
	*s = at;
	*e = at;
}

/* The sentence as link text: blanks folded, at most 200 bytes. */
static void quote_text(struct buf *b, const char *p, size_t len)
{
	struct buf t = {0};
	size_t i;
	int space = 0;

	for (i = 0; i < len && t.len < 200; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			space = t.len > 0;
			continue;
		}
		if (space)
			buf_addc(&t, ' ');
		space = 0;
		buf_addc(&t, (char)c);
	}
	while (i < len && ((unsigned char)p[i] & 0xc0) == 0x80)
		buf_addc(&t, p[i++]);
	buf_adds(b, "“");
	export_md_text(b, t.s ? t.s : "", t.len, 0, NULL);
	if (i < len)
		buf_adds(b, "…");
	buf_adds(b, "”");
	buf_free(&t);
}

/* The kind of entity in words. */
static const char *kind(int label)
{
	return label == NER_PERSON ? "Person" : label == NER_ORG ? "Organisation" : "Place";
}

static void page_head(struct buf *b, const struct store_entity *e, int64_t narticles)
{
	buf_adds(b, "---\ntitle: ");
	export_yaml_str(b, e->name);
	buf_adds(b, "\ntype: ");
	export_yaml_str(b, ner_label_name(e->label));
	buf_printf(b, "\ngloss_entity_id: %lld\n---\n\n# ", (long long)e->id);
	export_md_text(b, e->name, strlen(e->name), 0, NULL);
	buf_printf(b, "\n\n%s · %lld mention%s in %lld article%s\n", kind((int)e->label),
	           (long long)e->mentions, e->mentions == 1 ? "" : "s", (long long)narticles,
	           narticles == 1 ? "" : "s");
}

/* The article's heading on the page. */
static void article_head(struct buf *b, const struct export_target *t, int wikilinks)
{
	const char *title = t->title && *t->title ? t->title : "(untitled)";

	buf_adds(b, "\n## ");
	if (t->file && wikilinks) {
		buf_adds(b, "[[");
		buf_add(b, t->file, strlen(t->file) - 3);
		buf_adds(b, "]] ");
		export_md_text(b, title, strlen(title), 0, NULL);
	} else if (t->file) {
		buf_addc(b, '[');
		export_md_text(b, title, strlen(title), 0, NULL);
		buf_printf(b, "](../%s)", t->file);
	} else {
		export_md_text(b, title, strlen(title), 0, NULL);
		buf_adds(b, " (not exported)");
	}
	buf_adds(b, "\n\n");
}

static void mention_line(struct buf *b, const struct export_target *t, const char *q, size_t len,
                         int wikilinks)
{
	buf_adds(b, "- ");
	if (!t->file) {
		quote_text(b, q, len);
	} else if (wikilinks) {
		buf_adds(b, "[[");
		buf_add(b, t->file, strlen(t->file) - 3);
		if (t->hl)
			buf_printf(b, "#^h%lld", (long long)t->hl);
		buf_adds(b, "]] ");
		quote_text(b, q, len);
	} else {
		buf_addc(b, '[');
		quote_text(b, q, len);
		buf_printf(b, "](../%s", t->file);
		if (t->hl)
			buf_printf(b, "#h%lld", (long long)t->hl);
		buf_addc(b, ')');
	}
	buf_addc(b, '\n');
}

/* One entity's page as it is built: its lines, and where it is. */
struct page {
	struct buf lines;
	int64_t narticles, last;
	size_t ps, pe; /* the last sentence listed */
};

/* A mention of an entity that gets a page (ent: its index). */
struct item {
	int64_t article_id;
	size_t start, end, ent;
};

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->article_id != y->article_id)
		return x->article_id < y->article_id ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->ent < y->ent ? -1 : x->ent > y->ent;
}

/* The lines of one article's mentions (v[0..n), all in that article). */
static int article_lines(struct store *st, const struct item *v, size_t n, struct page *pages,
                         int wikilinks, export_resolve_fn resolve, void *ctx)
{
	struct body body;
	struct export_target t;
	size_t i;

	memset(&body, 0, sizeof body);
	if (store_article_get(st, v[0].article_id, 1, &body.a) != 0)
		return -1;
	sentence_split(body.a.body ? body.a.body : "", body.a.body ? body.a.body_len : 0, &body.s);
	for (i = 0; i < n; i++) {
		struct page *p = &pages[v[i].ent];
		size_t s, en;
		if (v[i].end > body.a.body_len || !body.a.body)
			continue; /* not in the text as it is now */
		sentence_at(&body, v[i].start, &s, &en);
		if (s == en) {
			s = v[i].start;
			en = v[i].end;
		}
		if (p->last == v[i].article_id && s == p->ps && en == p->pe)
			continue; /* one line per sentence */
		resolve(ctx, v[i].article_id, s, en, &t);
		if (!t.title)
			t.title = body.a.title;
		if (p->last != v[i].article_id) {
			article_head(&p->lines, &t, wikilinks);
			p->narticles++;
		}
		mention_line(&p->lines, &t, body.a.body + s, en - s, wikilinks);
		p->last = v[i].article_id;
		p->ps = s;
		p->pe = en;
	}
	store_article_clear(&body.a);
	free(body.s.v);
	return 0;
}

static int cmp_ent(const void *a, const void *b)
{
	int64_t x = ((const struct store_entity *)a)->id, y = ((const struct store_entity *)b)->id;
	return x < y ? -1 : x > y;
}

int export_entity_pages(struct store *st, const int64_t *articles, size_t narticles, int wikilinks,
                        export_resolve_fn resolve, void *ctx, struct export_page **out, size_t *nout)
{
	struct store_entity *all = NULL;
	struct item *items = NULL;
	struct page *pages = NULL;
	size_t n = 0, i, k, j, nitems = 0;
	int rc = 0;

	*out = NULL;
	*nout = 0;
	for (i = 0; i < narticles && rc == 0; i++) {
		struct store_entities ents = {0};
		if (store_entity_list(st, articles[i], -1, &ents) != 0) {
			rc = -1;
			break;
		}
		for (k = 0; k < ents.n; k++) {
			if (!export_entity_paged((int)ents.v[k].label))
				continue;
			for (j = 0; j < n && all[j].id != ents.v[k].id; j++)
				;
			if (j < n)
				continue;
			all = xreallocarray(all, n + 1, sizeof *all);
			all[n] = ents.v[k];
			all[n].name = xstrdup(ents.v[k].name);
			n++;
		}
		store_entities_free(&ents);
	}
	if (n > 1)
		qsort(all, n, sizeof *all, cmp_ent);
	/* The counts of the whole library, not of one article. */
	for (i = 0; i < n && rc == 0; i++) {
		struct store_entity e;
		if (store_entity_get(st, all[i].id, &e) != 0) {
			rc = -1;
			break;
		}
		all[i].mentions = e.mentions;
		free(e.name);
	}
	/* Every mention of those entities, article by article: each article's
	 * text is read once, and only one is held at a time. */
	for (i = 0; i < n && rc == 0; i++) {
		struct store_mentions m = {0};
		if (store_entity_mentions(st, all[i].id, &m) != 0) {
			rc = -1;
			break;
		}
		items = xreallocarray(items, nitems + m.n + 1, sizeof *items);
		for (k = 0; k < m.n; k++)
			items[nitems++] = (struct item){m.v[k].article_id, m.v[k].start, m.v[k].end, i};
		free(m.v);
	}
	if (nitems > 1)
		qsort(items, nitems, sizeof *items, cmp_item);
	pages = xcalloc(n ? n : 1, sizeof *pages);
	for (i = 0; i < n; i++)
		pages[i].last = -1;
	for (i = 0; i < nitems && rc == 0; i = j) {
		for (j = i + 1; j < nitems && items[j].article_id == items[i].article_id; j++)
			;
		rc = article_lines(st, items + i, j - i, pages, wikilinks, resolve, ctx);
	}
	if (rc == 0 && n)
		*out = xcalloc(n, sizeof **out);
	for (i = 0; i < n && rc == 0; i++) {
		(*out)[i].path = export_entity_path(&all[i]);
		*nout = i + 1;
		page_head(&(*out)[i].text, &all[i], pages[i].narticles);
		buf_add(&(*out)[i].text, pages[i].lines.s ? pages[i].lines.s : "", pages[i].lines.len);
	}
	for (i = 0; i < n; i++)
		buf_free(&pages[i].lines);
	free(pages);
	free(items);
	for (i = 0; i < n; i++)
		free(all[i].name);
	free(all);
	if (rc != 0) {
		export_pages_free(*out, *nout);
		*out = NULL;
		*nout = 0;
	}
	return rc;
}

void export_pages_free(struct export_page *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].path);
		buf_free(&v[i].text);
	}
	free(v);
}
