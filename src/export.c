/* export.c — the Markdown export (one file per article plus index.md, or
 * one file).  The JSON backup is in backup.c, its restore in restore.c.
 * It reads the library only through the store's functions (store.h,
 * store_io.h) and writes files only through the atomic writer (util.h).
 *
 * Anchors.  Every exported highlight gets two anchors, both from its
 * database id, so they stay the same from one export to the next:
 *   - an HTML anchor line `<a id="h12"></a>` before its block quote, which
 *     GitHub, GitLab, Gitea, VS Code's preview, pandoc, Jekyll (kramdown),
 *     MkDocs and cmark's HTML resolve for `file.md#h12` (GitHub prefixes
 *     ids with "user-content-" and still scrolls to `#h12`); Hugo only with
 *     `markup.goldmark.renderer.unsafe = true`, as it drops raw HTML;
 *   - an Obsidian block id ` ^h12` at the end of the quote's last line,
 *     which Obsidian resolves for `[[file#^h12]]` (--wikilinks) and
 *     `[text](file.md#^h12)`; other renderers show it as the text "^h12".
 * Markdown links (the default) target `#h12`; --wikilinks writes
 * `[[file#^h12]]`.  Articles get `<a id="a3"></a>` in the one-file export.
 *
 * Escaping (export_text.c): user text goes through export_md_text, front
 * matter through export_yaml_str, tag names become #words.
 *
 * Determinism: articles by id, highlights in reading order (as the store
 * lists them), links by id, tags by name; nothing depends on the clock
 * unless --timestamps is given. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistd.h>
#include <unistr.h>

#include "export_internal.h"
#include "gloss/corrections.h"
#include "gloss/export.h"
#include "gloss/export_folder.h"
#include "gloss/ner.h"
#include "gloss/store.h"
#include "gloss/store_io.h"
#include "gloss/util.h"

/* --- the Markdown export ---------------------------------------------- */

struct xart {
	struct store_article a;
	char *file;            /* the file name (directory export) */
	size_t *hl;            /* indices into x->hl of its exported highlights */
	size_t nhl;
	int64_t notes, links, orphaned;
	char **tags;           /* the union of its highlights' tags, sorted */
	size_t ntags;
};

struct mdx {
	struct store *st;
	const struct export_opts *o;
	int single;
	struct xart *arts;
	size_t nart;
	struct store_highlights hl;
	size_t *hl_by_id;  /* indices of hl.v sorted by id */
	size_t *hl_art;    /* per highlight: index into arts, or SIZE_MAX (not exported) */
	struct store_links links;
	size_t *by_from, *by_to; /* indices of links.v sorted by (from|to, id) */
	char now[32];
	/* The article files already in the folder for articles not exported
	 * now: the index lists them and links reach them. */
	struct export_folder folder;
	struct export_tag_words words; /* every tag of the library: distinct #words */
};

static struct mdx *sort_ctx; /* qsort has no context argument in C11 */

static int cmp_hl_id(const void *a, const void *b)
{
	int64_t x = sort_ctx->hl.v[*(const size_t *)a].id, y = sort_ctx->hl.v[*(const size_t *)b].id;
	return x < y ? -1 : x > y;
}

static int cmp_link_from(const void *a, const void *b)
{
	const struct store_link *x = &sort_ctx->links.v[*(const size_t *)a];
	const struct store_link *y = &sort_ctx->links.v[*(const size_t *)b];
	if (x->from_highlight != y->from_highlight)
		return x->from_highlight < y->from_highlight ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int cmp_link_to(const void *a, const void *b)
{
	const struct store_link *x = &sort_ctx->links.v[*(const size_t *)a];
	const struct store_link *y = &sort_ctx->links.v[*(const size_t *)b];
	if (x->to_highlight != y->to_highlight)
		return x->to_highlight < y->to_highlight ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The index into hl.v of highlight id, or SIZE_MAX. */
static size_t find_hl(const struct mdx *x, int64_t id)
{
	size_t lo = 0, hi = x->hl.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t v = x->hl.v[x->hl_by_id[mid]].id;
		if (v == id)
			return x->hl_by_id[mid];
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

/* The first position in idx (sorted by from or to) whose key is >= id. */
static size_t link_lower(const struct mdx *x, const size_t *idx, int from, int64_t id)
{
	size_t lo = 0, hi = x->links.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct store_link *l = &x->links.v[idx[mid]];
		if ((from ? l->from_highlight : l->to_highlight) < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int hl_has_tag(const struct store_highlight *h, const struct export_opts *o)
{
	size_t i, k;

	for (i = 0; i < o->ntags; i++)
		for (k = 0; k < h->ntags; k++)
			if (strcmp(o->tags[i], h->tags[k]) == 0)
				return 1;
	return 0;
}

static void mdx_free(struct mdx *x)
{
	size_t i, k;

	for (i = 0; i < x->nart; i++) {
		store_article_clear(&x->arts[i].a);
		free(x->arts[i].file);
		free(x->arts[i].hl);
		for (k = 0; k < x->arts[i].ntags; k++)
			free(x->arts[i].tags[k]);
		free(x->arts[i].tags);
	}
	free(x->arts);
	store_highlights_free(&x->hl);
	store_links_free(&x->links);
	free(x->hl_by_id);
	free(x->hl_art);
	free(x->by_from);
	free(x->by_to);
	export_folder_free(&x->folder);
	export_tag_words_free(&x->words);
}

/* Everything in a handful of queries: the articles, all highlights (one
 * query), all links (one query). */
static int mdx_load(struct mdx *x, char **err)
{
	const struct export_opts *o = x->o;
	struct store_articles list = {0};
	int64_t *want = NULL;
	size_t nwant = 0, i, j;
	struct store_tags tags = {0};

	/* Words for every tag, not only the exported ones, so that a tag's
	 * word does not depend on what else is exported. */
	if (store_tag_list(x->st, &tags) != 0) {
		*err = xasprintf("cannot export: %s", store_errmsg(x->st));
		return -1;
	}
	{
		const char **names = xreallocarray(NULL, tags.n ? tags.n : 1, sizeof *names);
		for (i = 0; i < tags.n; i++)
			names[i] = tags.v[i].name;
		export_tag_words_make(&x->words, names, tags.n);
		free(names);
		store_tags_free(&tags);
	}
	if (o->narticles) {
		want = xreallocarray(NULL, o->narticles, sizeof *want);
		memcpy(want, o->articles, o->narticles * sizeof *want);
		qsort(want, o->narticles, sizeof *want, cmp_i64);
		for (i = 0; i < o->narticles; i++)
			if (!nwant || want[nwant - 1] != want[i])
				want[nwant++] = want[i];
	}
	if (store_article_list(x->st, STORE_SORT_IMPORTED, 0, INT64_MAX, &list) != 0 ||
	    store_highlight_list(x->st, NULL, &x->hl) != 0 ||
	    store_link_list(x->st, 0, 0, &x->links) != 0) {
		*err = xasprintf("cannot export: %s", store_errmsg(x->st));
		goto fail;
	}
	/* A tag that does not exist is a typo, not an empty export. */
	for (i = 0; i < o->ntags; i++) {
		struct store_tag t;
		int rc = store_tag_by_name(x->st, o->tags[i], &t);
		store_tag_clear(&t);
		if (rc != 0) {
			*err = rc > 0 ? xasprintf("cannot export: no tag '%s' ('gloss tags' lists them)",
			                          o->tags[i])
			              : xasprintf("cannot export: %s", store_errmsg(x->st));
			goto fail;
		}
	}
	/* Which articles: the ones asked for (all must exist), else all. */
	for (i = 0, j = 0; i < nwant; i++) {
		while (j < list.n && list.v[j].id < want[i])
			j++;
		if (j == list.n || list.v[j].id != want[i]) {
			*err = xasprintf("cannot export: no article %lld", (long long)want[i]);
			goto fail;
		}
	}
	x->arts = xcalloc(list.n ? list.n : 1, sizeof *x->arts);
	for (i = 0, j = 0; i < list.n; i++) {
		int64_t id = list.v[i].id;
		if (nwant && !bsearch(&id, want, nwant, sizeof *want, cmp_i64))
			continue;
		x->arts[x->nart++].a.id = id;
	}
	x->hl_art = xreallocarray(NULL, x->hl.n ? x->hl.n : 1, sizeof *x->hl_art);
	x->hl_by_id = xreallocarray(NULL, x->hl.n ? x->hl.n : 1, sizeof *x->hl_by_id);
	for (i = 0; i < x->hl.n; i++) {
		x->hl_by_id[i] = i;
		x->hl_art[i] = SIZE_MAX;
	}
	sort_ctx = x;
	qsort(x->hl_by_id, x->hl.n, sizeof *x->hl_by_id, cmp_hl_id);
	/* Highlights come grouped by article, in reading order. */
	for (i = 0, j = 0; i < x->hl.n; i++) {
		const struct store_highlight *h = &x->hl.v[i];
		struct xart *a;
		while (j < x->nart && x->arts[j].a.id < h->article_id)
			j++;
		if (j == x->nart)
			break;
		if (x->arts[j].a.id != h->article_id || (o->ntags && !hl_has_tag(h, o)))
			continue;
		a = &x->arts[j];
		a->hl = xreallocarray(a->hl, a->nhl + 1, sizeof *a->hl);
		a->hl[a->nhl++] = i;
		x->hl_art[i] = j;
	}
	/* With --tag alone, articles without such highlights are left out;
	 * a folder export leaves out articles with no annotation, unless
	 * asked for them (--all) or by id. */
	if ((o->ntags || (o->dir && !o->all)) && !nwant) {
		size_t k = 0;
		for (i = 0; i < x->nart; i++) {
			if (x->arts[i].nhl) {
				x->arts[k++] = x->arts[i];
				continue;
			}
			free(x->arts[i].hl);
		}
		x->nart = k;
		for (i = 0; i < x->hl.n; i++)
			x->hl_art[i] = SIZE_MAX;
		for (i = 0; i < x->nart; i++)
			for (j = 0; j < x->arts[i].nhl; j++)
				x->hl_art[x->arts[i].hl[j]] = i;
	}
	x->by_from = xreallocarray(NULL, x->links.n ? x->links.n : 1, sizeof *x->by_from);
	x->by_to = xreallocarray(NULL, x->links.n ? x->links.n : 1, sizeof *x->by_to);
	for (i = 0; i < x->links.n; i++)
		x->by_from[i] = x->by_to[i] = i;
	qsort(x->by_from, x->links.n, sizeof *x->by_from, cmp_link_from);
	qsort(x->by_to, x->links.n, sizeof *x->by_to, cmp_link_to);

	for (i = 0; i < x->nart; i++) {
		struct xart *a = &x->arts[i];
		int64_t id = a->a.id;
		size_t k, t;
		if (store_article_get(x->st, id, 0, &a->a) != 0) {
			*err = xasprintf("cannot export: %s", store_errmsg(x->st));
			goto fail;
		}
		a->file = export_file_name(a->a.id, a->a.title);
		for (k = 0; k < a->nhl; k++) {
			const struct store_highlight *h = &x->hl.v[a->hl[k]];
			size_t p;
			if (h->note)
				a->notes++;
			if (h->orphaned)
				a->orphaned++;
			for (p = link_lower(x, x->by_from, 1, h->id);
			     p < x->links.n && x->links.v[x->by_from[p]].from_highlight == h->id; p++)
				a->links++;
			for (p = link_lower(x, x->by_to, 0, h->id);
			     p < x->links.n && x->links.v[x->by_to[p]].to_highlight == h->id; p++) {
				size_t f = find_hl(x, x->links.v[x->by_to[p]].from_highlight);
				if (f == SIZE_MAX || x->hl_art[f] != i)
					a->links++; /* a link inside the article is counted once */
			}
			for (t = 0; t < h->ntags; t++) {
				size_t q;
				for (q = 0; q < a->ntags && strcmp(a->tags[q], h->tags[t]) != 0; q++)
					;
				if (q == a->ntags) {
					a->tags = xreallocarray(a->tags, a->ntags + 1, sizeof *a->tags);
					a->tags[a->ntags++] = xstrdup(h->tags[t]);
				}
			}
		}
		if (a->ntags > 1)
			qsort(a->tags, a->ntags, sizeof *a->tags, cmp_str);
	}
	store_articles_free(&list);
	free(want);
	return 0;
fail:
	store_articles_free(&list);
	free(want);
	return -1;
}

static const char *title_or_default(const struct store_article *a)
{
	return a->title && *a->title ? a->title : "(untitled)";
}

static void yaml_field(struct buf *b, const char *key, const char *val)
{
	if (!val)
		return;
	buf_printf(b, "%s: ", key);
	export_yaml_str(b, val);
	buf_addc(b, '\n');
}

/* The article's metadata as YAML lines (front matter, or a code block in
 * the one-file export). */
static void article_yaml(struct mdx *x, struct buf *b, const struct xart *a)
{
	size_t i;

	yaml_field(b, "title", a->a.title ? a->a.title : "");
	yaml_field(b, "outlet", a->a.outlet);
	yaml_field(b, "byline", a->a.byline);
	yaml_field(b, "published", a->a.published);
	yaml_field(b, "lang", a->a.lang);
	yaml_field(b, "source", a->a.url ? a->a.url : a->a.source);
	if (a->a.url)
		yaml_field(b, "source_path", a->a.source);
	buf_printf(b, "gloss_id: %lld\n", (long long)a->a.id);
	buf_adds(b, "tags: [");
	for (i = 0; i < a->ntags; i++) {
		if (i)
			buf_adds(b, ", ");
		export_yaml_str(b, a->tags[i]);
	}
	buf_adds(b, "]\n");
	buf_printf(b, "highlights: %zu\nnotes: %lld\nlinks: %lld\norphaned: %lld\n", a->nhl,
	           (long long)a->notes, (long long)a->links, (long long)a->orphaned);
	if (x->o->timestamps) {
		yaml_field(b, "imported", a->a.imported_at);
		yaml_field(b, "exported", x->now);
	}
}

/* A one-line excerpt of a quote for link text: blanks folded, at most 60
 * characters. */
static void excerpt(struct buf *b, const char *q)
{
	struct buf t = {0};
	size_t chars = 0;
	int space = 0;
	const unsigned char *p = (const unsigned char *)(q ? q : "");

	for (; *p && chars < 60; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			space = t.len > 0;
			continue;
		}
		if (space) {
			buf_addc(&t, ' ');
			chars++;
			space = 0;
		}
		buf_addc(&t, (char)*p);
		if ((*p & 0xc0) != 0x80)
			chars++;
	}
	/* Finish a character cut in the middle. */
	while (*p && (*p & 0xc0) == 0x80)
		buf_addc(&t, (char)*p++);
	buf_adds(b, "“");
	export_md_text(b, t.s ? t.s : "", t.len, 0, NULL);
	if (*p)
		buf_adds(b, "…");
	buf_adds(b, "”");
	buf_free(&t);
}

/* A reference to highlight id from article `from` (an index into arts). */
static void link_to(struct mdx *x, struct buf *b, size_t from, int64_t id, const char *quote,
                    const char *title, int orphaned)
{
	size_t hi = find_hl(x, id);
	size_t ai = hi == SIZE_MAX ? SIZE_MAX : x->hl_art[hi];
	const char *file = ai == SIZE_MAX || x->single || ai == from ? NULL : x->arts[ai].file;
	const struct export_present *there =
	    ai == SIZE_MAX && hi != SIZE_MAX ? export_folder_find(&x->folder, x->hl.v[hi].article_id)
	                                     : NULL;

	if (there && export_present_has_anchor(there, id)) {
		/* In a file an earlier export left in the folder. */
		if (x->o->wikilinks) {
			buf_adds(b, "[[");
			buf_add(b, there->file, strlen(there->file) - 3);
			buf_printf(b, "#^h%lld]] ", (long long)id);
			excerpt(b, quote);
		} else {
			buf_addc(b, '[');
			excerpt(b, quote);
			buf_printf(b, "](%s#h%lld)", there->file, (long long)id);
		}
		buf_adds(b, " in ");
		export_md_text(b, *there->title ? there->title : "(untitled)",
		               strlen(*there->title ? there->title : "(untitled)"), 0, NULL);
	} else if (ai == SIZE_MAX) {
		/* Not in this export: say what it is, without a dead link. */
		excerpt(b, quote);
		buf_adds(b, " in ");
		export_md_text(b, title && *title ? title : "(untitled)", strlen(title ? title : "(untitled)"),
		               0, NULL);
	} else if (x->o->wikilinks) {
		buf_adds(b, "[[");
		if (file)
			buf_add(b, file, strlen(file) - 3); /* without ".md" */
		buf_printf(b, "#^h%lld]] ", (long long)id);
		excerpt(b, quote);
		if (file) {
			buf_adds(b, " in ");
			export_md_text(b, title_or_default(&x->arts[ai].a),
			               strlen(title_or_default(&x->arts[ai].a)), 0, NULL);
		}
	} else {
		buf_addc(b, '[');
		excerpt(b, quote);
		buf_printf(b, "](%s#h%lld)", file ? file : "", (long long)id);
		if (file) {
			buf_adds(b, " in ");
			export_md_text(b, title_or_default(&x->arts[ai].a),
			               strlen(title_or_default(&x->arts[ai].a)), 0, NULL);
		}
	}
	if (orphaned)
		buf_adds(b, " (orphaned)");
}

static void render_highlight(struct mdx *x, struct buf *b, size_t ai, size_t hi)
{
	const struct store_highlight *h = &x->hl.v[hi];
	size_t i, p;
	int any = 0;

	buf_printf(b, "<a id=\"h%lld\"></a>\n\n> ", (long long)h->id);
	export_md_text(b, h->quote, strlen(h->quote), 1, "> ");
	buf_printf(b, " ^h%lld\n", (long long)h->id);
	if (h->note && *h->note) {
		/* The note's Markdown, inside the quote (export_note.c). */
		buf_adds(b, ">\n> *Note:*\n>\n");
		export_md_note(b, h->note, strlen(h->note), "> ");
	}
	buf_addc(b, '\n');
	if (h->ntags) {
		for (i = 0; i < h->ntags; i++) {
			char *w = export_tag_words_get(&x->words, h->tags[i]);
			buf_printf(b, "%s#%s", i ? " " : "", w);
			free(w);
		}
		buf_adds(b, "\n\n");
	}
	if (x->o->timestamps) {
		buf_adds(b, "Highlighted ");
		export_md_text(b, h->created ? h->created : "", strlen(h->created ? h->created : ""), 0,
		               NULL);
		buf_adds(b, ", updated ");
		export_md_text(b, h->updated ? h->updated : "", strlen(h->updated ? h->updated : ""), 0,
		               NULL);
		buf_adds(b, "\n\n");
	}
	for (p = link_lower(x, x->by_from, 1, h->id);
	     p < x->links.n && x->links.v[x->by_from[p]].from_highlight == h->id; p++) {
		const struct store_link *l = &x->links.v[x->by_from[p]];
		buf_adds(b, "- ");
		export_md_text(b, l->relation, strlen(l->relation), 0, NULL);
		buf_adds(b, " → ");
		link_to(x, b, ai, l->to_highlight, l->to_quote, l->to_title, l->to_orphaned);
		buf_addc(b, '\n');
		any = 1;
	}
	for (p = link_lower(x, x->by_to, 0, h->id);
	     p < x->links.n && x->links.v[x->by_to[p]].to_highlight == h->id; p++) {
		const struct store_link *l = &x->links.v[x->by_to[p]];
		buf_adds(b, "- ← ");
		export_md_text(b, l->relation, strlen(l->relation), 0, NULL);
		buf_adds(b, " from ");
		link_to(x, b, ai, l->from_highlight, l->from_quote, l->from_title, l->from_orphaned);
		buf_addc(b, '\n');
		any = 1;
	}
	if (any)
		buf_addc(b, '\n');
}

static void render_entities(struct mdx *x, struct buf *b, const struct xart *a, const char *h2,
                            const char *h3, int *failed)
{
	static const struct { const char *title; int labels[3]; } groups[] = {
		{"People", {NER_PERSON, -1, -1}},
		{"Organisations", {NER_ORG, -1, -1}},
		{"Places", {NER_GPE, NER_LOC, NER_FAC}},
	};
	struct store_entities ents = {0};
	size_t g, i, k;

	if (store_entity_list(x->st, a->a.id, -1, &ents) != 0) {
		*failed = 1;
		return;
	}
	buf_printf(b, "%s Entities\n\n", h2);
	for (g = 0; g < ARRAY_SIZE(groups); g++) {
		int header = 0;
		for (i = 0; i < ents.n; i++) {
			const struct store_entity *e = &ents.v[i];
			for (k = 0; k < 3 && groups[g].labels[k] != (int)e->label; k++)
				;
			if (k == 3)
				continue;
			if (!header) {
				buf_printf(b, "%s %s\n\n", h3, groups[g].title);
				header = 1;
			}
			buf_adds(b, "- ");
			/* In a folder, a link to the entity's page. */
			if (!x->single && export_entity_paged((int)e->label))
				export_entity_ref(b, e, x->o->wikilinks);
			else
				export_md_text(b, e->name, strlen(e->name), 0, NULL);
			buf_printf(b, " (%lld)\n", (long long)e->mentions);
		}
		if (header)
			buf_addc(b, '\n');
	}
	store_entities_free(&ents);
}

/* One article's Markdown: front matter (or, in the one-file export, a YAML
 * block), heading, highlights, orphaned annotations, entities. */
static int render_article(struct mdx *x, struct buf *b, size_t ai, char **err)
{
	const struct xart *a = &x->arts[ai];
	const char *title = title_or_default(&a->a);
	size_t k;
	int orphan_head = 0, failed = 0;

	if (x->single) {
		buf_printf(b, "<a id=\"a%lld\"></a>\n\n# ", (long long)a->a.id);
		export_md_text(b, title, strlen(title), 0, NULL);
		buf_adds(b, "\n\n```yaml\n");
		article_yaml(x, b, a);
		buf_adds(b, "```\n\n");
	} else {
		buf_adds(b, "---\n");
		article_yaml(x, b, a);
		buf_adds(b, "---\n\n# ");
		export_md_text(b, title, strlen(title), 0, NULL);
		buf_adds(b, "\n\n");
	}
	for (k = 0; k < a->nhl; k++) {
		const struct store_highlight *h = &x->hl.v[a->hl[k]];
		if (h->orphaned && !orphan_head) {
			buf_adds(b, "## Orphaned annotations\n\n"
			            "These passages are no longer in the article's current text; each is "
			            "kept with its last known quote.\n\n");
			orphan_head = 1;
		}
		render_highlight(x, b, ai, a->hl[k]);
	}
	if (x->o->entities)
		render_entities(x, b, a, "##", "###", &failed);
	if (failed) {
		*err = xasprintf("cannot export: %s", store_errmsg(x->st));
		return -1;
	}
	return 0;
}

static void count_line(struct buf *b, const struct xart *a)
{
	buf_printf(b, "%zu highlight%s, %lld note%s, %lld link%s", a->nhl, a->nhl == 1 ? "" : "s",
	           (long long)a->notes, a->notes == 1 ? "" : "s", (long long)a->links,
	           a->links == 1 ? "" : "s");
	if (a->orphaned)
		buf_printf(b, ", %lld orphaned", (long long)a->orphaned);
}

static void collection_yaml(struct mdx *x, struct buf *b)
{
	int64_t hl = 0, notes = 0, links = 0;
	size_t i;

	for (i = 0; i < x->nart; i++) {
		hl += (int64_t)x->arts[i].nhl;
		notes += x->arts[i].notes;
	}
	for (i = 0; i < x->folder.n; i++) {
		hl += x->folder.v[i].highlights;
		notes += x->folder.v[i].notes;
	}
	/* Each link once, when either end is exported (now, or in a file
	 * already in the folder). */
	for (i = 0; i < x->links.n; i++) {
		size_t f = find_hl(x, x->links.v[i].from_highlight);
		size_t t = find_hl(x, x->links.v[i].to_highlight);
		if ((f != SIZE_MAX && x->hl_art[f] != SIZE_MAX) || (t != SIZE_MAX && x->hl_art[t] != SIZE_MAX) ||
		    export_folder_find(&x->folder, x->links.v[i].from_article) ||
		    export_folder_find(&x->folder, x->links.v[i].to_article))
			links++;
	}
	buf_adds(b, "---\ntitle: \"gloss export\"\n");
	buf_printf(b, "articles: %zu\nhighlights: %lld\nnotes: %lld\nlinks: %lld\n",
	           x->nart + x->folder.n, (long long)hl, (long long)notes, (long long)links);
	if (x->o->timestamps)
		yaml_field(b, "exported", x->now);
	buf_adds(b, "---\n\n");
}

/* The index line of an article file an earlier export left in the
 * folder, with what that file holds. */
static void index_present(struct mdx *x, struct buf *b, const struct export_present *p)
{
	const char *title = *p->title ? p->title : "(untitled)";

	buf_adds(b, "- ");
	if (x->o->wikilinks) {
		buf_adds(b, "[[");
		buf_add(b, p->file, strlen(p->file) - 3);
		buf_adds(b, "]] ");
		export_md_text(b, title, strlen(title), 0, NULL);
	} else {
		buf_addc(b, '[');
		export_md_text(b, title, strlen(title), 0, NULL);
		buf_printf(b, "](%s)", p->file);
	}
	if (p->outlet && *p->outlet) {
		buf_adds(b, " — ");
		export_md_text(b, p->outlet, strlen(p->outlet), 0, NULL);
	}
	buf_printf(b, " — %lld highlight%s, %lld note%s, %lld link%s", (long long)p->highlights,
	           p->highlights == 1 ? "" : "s", (long long)p->notes, p->notes == 1 ? "" : "s",
	           (long long)p->links, p->links == 1 ? "" : "s");
	if (p->orphaned)
		buf_printf(b, ", %lld orphaned", (long long)p->orphaned);
	buf_addc(b, '\n');
}

/* index.md, or the contents list of the one-file export. */
static void render_index(struct mdx *x, struct buf *b)
{
	size_t i;

	size_t f = 0;

	collection_yaml(x, b);
	buf_adds(b, x->single ? "# Contents\n\n" : "# Annotated articles\n\n");
	for (i = 0; i <= x->nart; i++) {
		const struct xart *a = i < x->nart ? &x->arts[i] : NULL;
		const char *title;
		/* The files already in the folder, in id order among the rest. */
		while (f < x->folder.n && (!a || x->folder.v[f].id < a->a.id))
			index_present(x, b, &x->folder.v[f++]);
		if (!a)
			break;
		title = title_or_default(&a->a);
		buf_adds(b, "- ");
		if (x->o->wikilinks && !x->single) {
			buf_adds(b, "[[");
			buf_add(b, a->file, strlen(a->file) - 3);
			buf_adds(b, "]] ");
			export_md_text(b, title, strlen(title), 0, NULL);
		} else {
			buf_addc(b, '[');
			export_md_text(b, title, strlen(title), 0, NULL);
			if (x->single)
				buf_printf(b, "](#a%lld)", (long long)a->a.id);
			else
				buf_printf(b, "](%s)", a->file);
		}
		if (a->a.outlet && *a->a.outlet) {
			buf_adds(b, " — ");
			export_md_text(b, a->a.outlet, strlen(a->a.outlet), 0, NULL);
		}
		buf_adds(b, " — ");
		count_line(b, a);
		buf_addc(b, '\n');
	}
	if (!x->nart && !x->folder.n)
		buf_adds(b, "Nothing was selected for export.\n");
	buf_addc(b, '\n');
}

/* Is the file one that an earlier export wrote for article id: its
 * front matter carries "gloss_id: ID"? */
static int written_for(const char *path, int64_t id)
{
	char head[4096], want[48];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return 0;
	n = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	head[n] = '\0';
	snprintf(want, sizeof want, "\ngloss_id: %lld\n", (long long)id);
	return strncmp(head, "---\n", 4) == 0 && strstr(head, want) != NULL;
}

/* An article whose title changed gets a new file name; the file an
 * earlier export made for it under the old name goes, so an export kept
 * in git shows a rename, not a stale copy.  Only files named like ours
 * ("007-...md") whose front matter names the same article are removed. */
static void remove_stale(struct mdx *x, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name, *p = n;
		size_t len = strlen(n), lo = 0, hi = x->nart;
		int64_t id = 0;
		while (*p >= '0' && *p <= '9' && id < INT64_MAX / 10)
			id = id * 10 + (*p++ - '0');
		if (p == n || *p != '-' || len < 4 || strcmp(n + len - 3, ".md") != 0)
			continue;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (x->arts[mid].a.id < id)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < x->nart && x->arts[lo].a.id == id && strcmp(x->arts[lo].file, n) != 0) {
			char *path = xasprintf("%s/%s", dir, n);
			if (written_for(path, id))
				unlink(path);
			free(path);
		}
	}
	closedir(d);
}

#define EXPORT_SYNC_BATCH 256

/* Flush a batch of open outputs, start their writeback, then sync and
 * close each.  0, or -1 with *err set (the failed one is removed; the
 * caller removes the rest). */
static int sync_batch(struct util_out *v, size_t n, char **err)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (fflush(v[k].f) != 0 || ferror(v[k].f)) {
			*err = util_out_err(v[k].path, strerror(errno ? errno : EIO));
			return -1;
		}
#ifdef SYNC_FILE_RANGE_WRITE
		(void)sync_file_range(fileno(v[k].f), 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
	}
	for (k = 0; k < n; k++) {
		int e = fdatasync(fileno(v[k].f)) != 0 ? errno : 0;
		if (fclose(v[k].f) != 0 && !e)
			e = errno ? errno : EIO;
		v[k].f = NULL;
		if (e) {
			*err = util_out_err(v[k].path, strerror(e));
			return -1;
		}
	}
	return 0;
}

/* What the folder holds already, less the articles exported now (their
 * files are written again). */
static int read_folder(struct mdx *x, char **err)
{
	size_t i, k = 0, j = 0;

	if (export_folder_read(x->o->dir, &x->folder) != 0) {
		*err = util_out_err(x->o->dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < x->folder.n; i++) {
		int64_t id = x->folder.v[i].id;
		while (j < x->nart && x->arts[j].a.id < id)
			j++;
		if (j < x->nart && x->arts[j].a.id == id) {
			export_present_clear(&x->folder.v[i]);
			continue;
		}
		x->folder.v[k++] = x->folder.v[i];
	}
	x->folder.n = k;
	return 0;
}

/* Where body[start..end) of an article is in the folder (export_resolve_fn):
 * its file exported now or left by an earlier export, and the exported
 * highlight that holds the passage. */
static void resolve_passage(void *ctx, int64_t id, size_t start, size_t end,
                            struct export_target *out)
{
	struct mdx *x = ctx;
	size_t lo = 0, hi = x->nart, i;
	const struct export_present *there = NULL;

	memset(out, 0, sizeof *out);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->arts[mid].a.id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < x->nart && x->arts[lo].a.id == id) {
		const struct xart *a = &x->arts[lo];
		out->file = a->file;
		out->title = title_or_default(&a->a);
		for (i = 0; i < a->nhl; i++) {
			const struct store_highlight *h = &x->hl.v[a->hl[i]];
			if (!h->orphaned && h->start < end && start < h->end) {
				out->hl = h->id;
				return;
			}
		}
		return;
	}
	there = export_folder_find(&x->folder, id);
	if (!there)
		return;
	out->file = there->file;
	out->title = there->title;
	/* The highlights come grouped by article, by article id. */
	for (lo = 0, hi = x->hl.n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->hl.v[mid].article_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < x->hl.n && x->hl.v[i].article_id == id; i++) {
		const struct store_highlight *h = &x->hl.v[i];
		if (!h->orphaned && h->start < end && start < h->end &&
		    export_present_has_anchor(there, h->id)) {
			out->hl = h->id;
			return;
		}
	}
}

int export_markdown(struct store *st, const struct export_opts *o, char **err)
{
	struct mdx x;
	struct buf b = {0};
	int files = 0;
	size_t i;

	*err = NULL;
	memset(&x, 0, sizeof x);
	x.st = st;
	x.o = o;
	x.single = !o->dir;
	if (o->timestamps) {
		time_t t = time(NULL);
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(x.now, sizeof x.now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	if (o->dir) {
		struct stat sb;
		if (util_mkdir_p(o->dir, 0777) != 0 || stat(o->dir, &sb) != 0) {
			*err = util_out_err(o->dir, strerror(errno));
			return -1;
		}
		if (!S_ISDIR(sb.st_mode)) {
			*err = util_out_err(o->dir, "not a directory");
			return -1;
		}
		/* What an export that was killed left behind. */
		(void)util_out_clean_stale(o->dir, NULL);
	}
	if (mdx_load(&x, err) != 0) {
		mdx_free(&x);
		return -1;
	}
	if (o->dir && read_folder(&x, err) != 0) {
		mdx_free(&x);
		return -1;
	}
	if (x.single) {
		struct util_out out;
		render_index(&x, &b);
		(void)util_out_clean_stale_file(o->file);
		if (util_out_open(&out, o->file, err) != 0)
			goto fail;
		for (i = 0; i < x.nart; i++) {
			if (render_article(&x, &b, i, err) != 0) {
				util_out_abort(&out);
				goto fail;
			}
			/* Stream article by article: a big library need not fit
			 * in one buffer. */
			if (util_out_write(&out, b.s, b.len, err) != 0)
				goto fail;
			b.len = 0;
		}
		if (util_out_write(&out, b.s ? b.s : "", b.len, err) != 0 || util_out_commit(&out, err) != 0)
			goto fail;
		files = 1;
	} else {
		/* Every file is written to its temporary name first, synced in
		 * batches and only then renamed: a failure while writing
		 * changes none of the files already there, and a batch's
		 * writeback is started for all its files before waiting for
		 * any, so the disk sees one batch, not a round trip per file.
		 * A batch keeps its files open (bounded, for the fd limit). */
		struct export_page *pages = NULL;
		size_t npages = 0, nout, done = 0, first = 0;
		struct util_out *outs;
		char **paths;
		int rc = 0, dfd = -1;
		if (o->entities) {
			int64_t *ids = xcalloc(x.nart ? x.nart : 1, sizeof *ids);
			char *edir = xasprintf("%s/%s", o->dir, EXPORT_ENTITY_DIR);
			for (i = 0; i < x.nart; i++)
				ids[i] = x.arts[i].a.id;
			rc = export_entity_pages(st, ids, x.nart, o->wikilinks, resolve_passage, &x, &pages,
			                         &npages);
			free(ids);
			if (rc != 0)
				*err = xasprintf("cannot export: %s", store_errmsg(st));
			else if (npages && util_mkdir_p(edir, 0777) != 0) {
				*err = util_out_err(edir, strerror(errno));
				rc = -1;
			} else if (npages)
				(void)util_out_clean_stale(edir, NULL);
			free(edir);
			if (rc != 0) {
				export_pages_free(pages, npages);
				goto fail;
			}
		}
		nout = x.nart + 1 + npages;
		outs = xcalloc(nout, sizeof *outs);
		paths = xcalloc(nout, sizeof *paths);
		for (i = 0; i < nout && rc == 0; i++) {
			b.len = 0;
			if (i > x.nart) {
				/* An entity page, already rendered. */
				struct buf *t = &pages[i - x.nart - 1].text;
				paths[i] = xasprintf("%s/%s", o->dir, pages[i - x.nart - 1].path);
				buf_add(&b, t->s ? t->s : "", t->len);
			} else if (i < x.nart) {
				paths[i] = xasprintf("%s/%s", o->dir, x.arts[i].file);
				rc = render_article(&x, &b, i, err);
			} else {
				paths[i] = xasprintf("%s/index.md", o->dir);
				render_index(&x, &b);
			}
			if (rc == 0)
				rc = util_out_open(&outs[i], paths[i], err);
			if (rc == 0)
				rc = util_out_write(&outs[i], b.s ? b.s : "", b.len, err);
			if (rc == 0)
				done = i + 1;
			if (rc == 0 && (done - first == EXPORT_SYNC_BATCH || done == nout)) {
				rc = sync_batch(outs + first, done - first, err);
				first = done;
			}
		}
		if (rc == 0)
			dfd = open(o->dir, O_RDONLY | O_DIRECTORY);
		for (i = 0; i < done; i++) {
			if (rc == 0 && util_out_rename(&outs[i], err) == 0)
				files++;
			else if (rc == 0)
				rc = -1;
			else
				util_out_abort(&outs[i]);
		}
		for (i = 0; i < nout; i++)
			free(paths[i]);
		free(paths);
		free(outs);
		export_pages_free(pages, npages);
		if (rc == 0)
			remove_stale(&x, o->dir);
		/* The renames are durable once the directory is synced. */
		if (dfd >= 0) {
			(void)fsync(dfd);
			close(dfd);
		}
		if (rc == 0 && npages) {
			char *edir = xasprintf("%s/%s", o->dir, EXPORT_ENTITY_DIR);
			dfd = open(edir, O_RDONLY | O_DIRECTORY);
			if (dfd >= 0) {
				(void)fsync(dfd);
				close(dfd);
			}
			free(edir);
		}
		if (rc != 0)
			goto fail;
	}
	buf_free(&b);
	mdx_free(&x);
	return files;
fail:
	buf_free(&b);
	mdx_free(&x);
	return -1;
}
