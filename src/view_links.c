/* view_links.c — connections between articles: the link picker (full-text
 * search over the library's sentences and highlights, with the candidate
 * shown in context), the list of a passage's links and backlinks, and
 * related passages (the sentences of other articles that most likely
 * report the same thing, ranked by shared terms and entities, with
 * disagreeing numbers and days flagged). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "gloss/compare.h"
#include "gloss/layout.h"
#include "gloss/store.h"
#include "gloss/ui.h"
#include "gloss/ui_list.h"
#include "gloss/util.h"
#include "gloss/view_links.h"

static const char *const default_relations[] = {"same-fact", "contradicts", "supports", "see-also"};

/* Make (or find) a highlight over exactly this range of an article. */
static int64_t ensure_highlight(int64_t article, const char *body, size_t len, size_t s, size_t e)
{
	int64_t id;

	if (store_highlight_at(ui.store, article, s, e, &id) == 0)
		return id;
	return store_highlight_add(ui.store, article, body, len, s, e);
}

/* Link two passages, making a highlight at each end if there is none.
 * The source body is the reader's; the target's is read here. */
static int link_passages(int64_t src, const char *src_body, size_t src_len, size_t ss, size_t se,
                         int64_t dst, size_t ds, size_t de, const char *relation)
{
	struct store_article a;
	int64_t from, to, id;
	int existed = 0;

	if (dst == src && ds < se && ss < de) {
		ui_error("a passage cannot be linked to itself: choose a passage elsewhere");
		return -1;
	}
	if (store_article_get(ui.store, dst, 1, &a) != 0) {
		ui_error("cannot read the other article: %s", store_errmsg(ui.store));
		return -1;
	}
	from = ensure_highlight(src, src_body, src_len, ss, se);
	to = from < 0 ? -1 : ensure_highlight(dst, a.body, a.body_len, ds, de);
	store_article_clear(&a);
	if (from < 0 || to < 0) {
		ui_error("%s", store_errmsg(ui.store));
		return -1;
	}
	id = store_link_add(ui.store, from, to, relation, &existed);
	if (id < 0) {
		ui_error("%s", store_errmsg(ui.store));
		return -1;
	}
	if (existed)
		ui_message("already linked as %s%s", relation,
		           ui_keyed("reader", REQ_LINKS, " (%s lists links)"));
	else
		ui_message("linked as %s (saved; o follows it, L lists links)", relation);
	return 0;
}

/* --- the picker --- */

struct picker {
	int64_t src;
	const char *body; /* the reader's, alive beneath this screen */
	size_t len, start, end;
	struct store_passages found;
	long cursor;
	struct store_article preview; /* the article of the selected candidate */
};

/* The picker never offers the passage being linked: a candidate of the
 * same article that overlaps the focus is left out. */
static void drop_focus(struct picker *p)
{
	size_t i, k = 0;

	for (i = 0; i < p->found.n; i++) {
		struct store_passage *c = &p->found.v[i];
		if (c->article_id == p->src && c->start < p->end && p->start < c->end) {
			free(c->text);
			free(c->title);
			free(c->outlet);
			continue;
		}
		p->found.v[k++] = *c;
	}
	p->found.n = k;
}

static void picker_search(void *ctx, const char *text)
{
	struct picker *p = ctx;

	store_passages_free(&p->found);
	p->cursor = 0;
	if (!*text)
		return;
	ui_search_begin();
	if (ui_search_end(store_passage_search(ui.store, text, 0, 1, 0, 200, &p->found)) < 0)
		ui_error("%s", store_errmsg(ui.store));
	drop_focus(p);
}

static void picker_step(void *ctx, int dir)
{
	struct picker *p = ctx;

	p->cursor += dir;
	if (p->cursor >= (long)p->found.n)
		p->cursor = (long)p->found.n - 1;
	if (p->cursor < 0)
		p->cursor = 0;
}

/* The selected candidate in context: its article's title, then the
 * text around it, wrapped, over the rows above the prompt. */
static void draw_preview(struct picker *p, int row0, int nrows)
{
	const struct store_passage *c = &p->found.v[p->cursor];
	struct ui_style dim = ui_style_over(ui_area(AREA_DEFAULT), ui_area(AREA_LIST_DIM));
	struct layout_lines lines = {0};
	struct buf ctx = {0};
	size_t a, b, i;
	char head[160];
	int row;

	if (p->preview.id != c->article_id) {
		store_article_clear(&p->preview);
		if (store_article_get(ui.store, c->article_id, 1, &p->preview) != 0)
			return;
	}
	if (!p->preview.body || c->end > p->preview.body_len)
		return;
	a = c->start > 160 ? c->start - 160 : 0;
	b = c->end + 160 < p->preview.body_len ? c->end + 160 : p->preview.body_len;
	while (a > 0 && a < c->start && ((unsigned char)p->preview.body[a] & 0xc0) == 0x80)
		a++;
	while (b < p->preview.body_len && ((unsigned char)p->preview.body[b] & 0xc0) == 0x80)
		b++;
	buf_add(&ctx, p->preview.body + a, b - a);
	for (i = 0; i < ctx.len; i++)
		if (ctx.s[i] == '\n')
			ctx.s[i] = ' ';
	ui_set_style(&dim);
	for (row = 0; row < nrows; row++)
		ui_clear_to_eol(row0 + row, 0);
	snprintf(head, sizeof head, "— %.70s%s%.40s —", p->preview.title,
	         p->preview.outlet ? ", " : "", p->preview.outlet ? p->preview.outlet : "");
	ui_draw_text(row0, 1, head, strlen(head), ui.cols - 2);
	layout_wrap(ctx.s, ctx.len, ui.cols - 2, &lines);
	for (row = 1, i = 0; row < nrows && i < lines.n; row++, i++)
		ui_draw_text(row0 + row, 1, ctx.s + lines.v[i].start, lines.v[i].end - lines.v[i].start,
		             ui.cols - 2);
	free(lines.v);
	buf_free(&ctx);
}

static void picker_draw(struct view *v)
{
	struct picker *p = v->data;
	struct ui_style title = ui_area(AREA_TITLE), def = ui_area(AREA_DEFAULT);
	struct ui_style cur = ui_style_over(def, ui_area(AREA_CURSOR));
	int preview_rows = ui.rows >= 14 ? 4 : 0, rows = ui.rows - 2 - preview_rows, i;
	long top = p->cursor >= rows ? p->cursor - rows + 1 : 0;
	char buf[160];

	ui_set_style(&title);
	ui_clear_to_eol(0, 0);
	snprintf(buf, sizeof buf, " Link to a passage: type words; Up/Down choose; Enter links; Esc cancels — %zu found",
	         p->found.n);
	ui_draw_text(0, 0, buf, strlen(buf), ui.cols);
	for (i = 0; i < rows; i++) {
		long k = top + i;
		const struct store_passage *c;
		int used;
		ui_set_style(k == p->cursor ? &cur : &def);
		ui_clear_to_eol(1 + i, 0);
		if (k >= (long)p->found.n)
			continue;
		c = &p->found.v[k];
		/* The outlet first: articles on one story have similar titles. */
		used = 0;
		if (c->outlet && *c->outlet) {
			used = ui_draw_text(1 + i, 1, c->outlet, strlen(c->outlet), ui.cols / 6);
			used += ui_draw_text(1 + i, 1 + used, " · ", 5, 3);
		}
		used += ui_draw_text(1 + i, 1 + used, c->title, strlen(c->title), ui.cols / 3 - used);
		ui_draw_text(1 + i, used + 3, c->text, strlen(c->text), ui.cols - used - 4);
	}
	if (preview_rows && p->cursor < (long)p->found.n)
		draw_preview(p, ui.rows - 1 - preview_rows, preview_rows);
}

static int picker_request(struct view *v, enum request req)
{
	(void)v;
	(void)req;
	return 0;
}

static void picker_done(struct view *v)
{
	struct picker *p = v->data;

	store_passages_free(&p->found);
	store_article_clear(&p->preview);
	free(p);
}

static const struct view_ops picker_ops = {
	.name = "picker",
	.draw = picker_draw,
	.request = picker_request,
	.done = picker_done,
};

static char *complete_relation(void *ctx, const char *text)
{
	size_t i, n = strlen(text);

	(void)ctx;
	for (i = 0; i < ARRAY_SIZE(default_relations); i++)
		if (strncmp(default_relations[i], text, n) == 0)
			return xstrdup(default_relations[i]);
	return NULL;
}

/* Ask for the relation, with completion; NULL when cancelled. */
static char *ask_relation(void)
{
	struct ui_prompt_opts o = {NULL, complete_relation, NULL, NULL};
	/* The choices fit from about 100 columns; narrower, Tab shows them. */
	char *rel = ui_prompt_ex(ui.cols >= 100 ? "relation (same-fact, contradicts, supports, see-also; Tab completes): "
	                                        : "relation (Tab completes): ",
	                         "same-fact", &o);

	if (rel && (!*rel || strlen(rel) > 64 || strpbrk(rel, "\t\n"))) {
		ui_error("a relation is 1 to 64 characters");
		free(rel);
		return NULL;
	}
	return rel;
}

void view_link_picker_open(int64_t article_id, const char *body, size_t body_len, size_t start,
                           size_t end)
{
	struct picker *p = xcalloc(1, sizeof *p);
	struct ui_prompt_opts o = {picker_search, NULL, picker_step, NULL};
	char *q, *rel;

	if (store_is_readonly(ui.store)) {
		ui_error("the library is read-only");
		free(p);
		return;
	}
	p->src = article_id;
	p->body = body;
	p->len = body_len;
	p->start = start;
	p->end = end;
	o.ctx = p;
	ui_push(&picker_ops, p);
	q = ui_prompt_ex("link to: ", NULL, &o);
	if (!q || p->cursor >= (long)p->found.n) {
		ui_message(q ? "nothing chosen: type words that are in the passage" : "link cancelled");
		free(q);
		ui_pop();
		return;
	}
	free(q);
	rel = ask_relation();
	if (rel) {
		const struct store_passage *c = &p->found.v[p->cursor];
		link_passages(p->src, p->body, p->len, p->start, p->end, c->article_id, c->start, c->end,
		              rel);
		free(rel);
	} else {
		ui_message("link cancelled");
	}
	ui_pop();
}

/* --- links and backlinks --- */

static char *short_quote(const char *q)
{
	size_t n = strlen(q);

	if (n <= 90)
		return xasprintf("“%s”", q);
	while (n > 80 && ((unsigned char)q[80] & 0xc0) == 0x80)
		n--; /* never inside a character */
	return xasprintf("“%.*s…”", (int)(n > 80 ? 80 : n), q);
}

void view_links_open(int64_t article_id, int64_t highlight_id)
{
	struct store_links ls = {0};
	struct ui_list *l;
	char *title;
	size_t i;

	if (store_link_list(ui.store, highlight_id > 0 ? 0 : article_id, highlight_id, &ls) != 0) {
		ui_error("%s", store_errmsg(ui.store));
		return;
	}
	if (!ls.n) {
		ui_message("%s%s", highlight_id > 0 ? "no links here" : "no links in this article",
		           ui_keyed("reader", REQ_LINK, " (%s makes one)"));
		return;
	}
	title = xasprintf("Links and backlinks of %s — %zu", highlight_id > 0 ? "the passage" : "this article",
	                  ls.n);
	l = ui_list_new("links", title, 26);
	free(title);
	for (i = 0; i < ls.n; i++) {
		const struct store_link *k = &ls.v[i];
		/* Outgoing when the link starts here; otherwise a backlink. */
		int out = highlight_id > 0 ? k->from_highlight == highlight_id : k->from_article == article_id;
		char *left = xasprintf("%s %s%s", out ? "→" : "←", k->relation,
		                       (out ? k->to_orphaned : k->from_orphaned) ? " (orphaned)" : "");
		char *q = short_quote(out ? k->to_quote : k->from_quote);
		char *right = xasprintf("%s — %s", q, out ? k->to_title : k->from_title);
		int64_t art = out ? k->to_article : k->from_article;
		int orphan = out ? k->to_orphaned : k->from_orphaned;
		ui_list_add(l, left, right, orphan ? 0 : art, out ? k->to_start : k->from_start);
		free(left);
		free(q);
		free(right);
	}
	store_links_free(&ls);
	ui_list_open(l);
}

/* --- related passages --- */

struct related {
	int64_t src;
	const char *body;
	size_t len, start, end;
	struct store_passages found; /* in the list's order */
};

static const char *const stopwords[] = {
	"the", "and", "for", "that", "with", "was", "were", "are", "has", "have", "had", "his",
	"her", "its", "this", "from", "but", "not", "they", "their", "will", "would", "which",
	"who", "been", "said", "says", "also", "into", "than", "then", "there", "about", "after",
	"before", "over", "more", "most", "such", "some", "can", "could", "may", "might", "our",
	"out", "all", "any", "one", "him", "she", "what", "when", "where", "while", "being",
};

static int is_stopword(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(stopwords); i++)
		if (strlen(stopwords[i]) == n && strncasecmp(stopwords[i], w, n) == 0)
			return 1;
	return 0;
}

/* The words of a passage worth searching for: no stop words, no short
 * words, each once, at most 24. */
static char *query_words(const char *t, size_t len)
{
	struct buf b = {0};
	size_t p = 0;
	int n = 0;

	while (p < len && n < 24) {
		size_t s;
		while (p < len && !((unsigned char)t[p] >= 0x80 || (t[p] >= '0' && t[p] <= '9') ||
		                    ((t[p] | 32) >= 'a' && (t[p] | 32) <= 'z')))
			p++;
		s = p;
		while (p < len && ((unsigned char)t[p] >= 0x80 || (t[p] >= '0' && t[p] <= '9') ||
		                   ((t[p] | 32) >= 'a' && (t[p] | 32) <= 'z')))
			p++;
		if (p - s >= 3 && !is_stopword(t + s, p - s)) {
			char *w = xstrndup(t + s, p - s);
			/* Once each: a repeated word adds nothing to OR. */
			if (!b.s || !strstr(b.s, w)) {
				if (b.len)
					buf_addc(&b, ' ');
				buf_adds(&b, w);
				n++;
			}
			free(w);
		}
	}
	return b.s;
}

struct scored {
	struct store_passage p;
	double score;
	int shared;
};

static int by_score(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	return x->score < y->score ? 1 : x->score > y->score ? -1 : 0;
}

static int related_extra(void *ctx, enum request req, size_t row)
{
	struct related *r = ctx;
	const struct store_passage *c;

	if (req != REQ_LINK_SAME && req != REQ_LINK_CONTRA)
		return 0;
	if (row >= r->found.n)
		return 1;
	c = &r->found.v[row];
	link_passages(r->src, r->body, r->len, r->start, r->end, c->article_id, c->start, c->end,
	              req == REQ_LINK_SAME ? "same-fact" : "contradicts");
	return 1;
}

static void related_free(void *ctx)
{
	struct related *r = ctx;

	store_passages_free(&r->found);
	free(r);
}

void view_related_open(int64_t article_id, const char *body, size_t start, size_t end)
{
	struct store_passages cand = {0};
	struct compare_qtys mine = {0};
	struct scored *sc;
	struct related *r;
	struct ui_list *l;
	int64_t *src_ents = NULL;
	double *weights;
	size_t nsrc = 0, i, j, k, nkeep;
	char *words = query_words(body + start, end - start);

	if (!words) {
		ui_message("nothing to compare in this passage");
		return;
	}
	if (store_passage_search(ui.store, words, 1, 0, article_id, 40, &cand) != 0) {
		ui_error("%s", store_errmsg(ui.store));
		free(words);
		return;
	}
	free(words);
	if (!cand.n) {
		ui_message("no related passages in other articles");
		store_passages_free(&cand);
		return;
	}
	store_entities_in(ui.store, article_id, start, end, &src_ents, &nsrc);
	/* An entity that few articles mention says more than one all of them
	 * do: weigh each by its inverse article frequency. */
	weights = xcalloc(nsrc + 1, sizeof *weights);
	{
		double total = (double)store_article_count(ui.store);
		for (j = 0; j < nsrc; j++) {
			struct store_entity en;
			weights[j] = 0;
			if (store_entity_get(ui.store, src_ents[j], &en) == 0) {
				weights[j] = log((total + 1) / ((double)en.articles + 0.5));
				free(en.name);
			}
		}
	}
	compare_scan(body + start, end - start, &mine);
	sc = xcalloc(cand.n, sizeof *sc);
	for (i = 0; i < cand.n; i++) {
		struct compare_qtys theirs = {0};
		int64_t *ents;
		size_t ne;
		double bonus = 0;
		sc[i].p = cand.v[i];
		store_entities_in(ui.store, cand.v[i].article_id, cand.v[i].start, cand.v[i].end, &ents,
		                  &ne);
		for (j = 0; j < nsrc; j++) {
			for (k = 0; k < ne; k++) {
				if (ents[k] == src_ents[j]) {
					sc[i].shared++;
					bonus += weights[j];
					break;
				}
			}
		}
		free(ents);
		/* Stating the same kind of quantity (a distance, a duration) is
		 * a strong sign of reporting the same fact. */
		compare_scan(cand.v[i].text, strlen(cand.v[i].text), &theirs);
		for (j = 0; j < mine.n; j++) {
			for (k = 0; k < theirs.n; k++) {
				if (mine.v[j].kind == theirs.v[k].kind && mine.v[j].kind != CMP_COUNT) {
					bonus += 2.0;
					break;
				}
			}
		}
		free(theirs.v);
		sc[i].score = -cand.v[i].rank + bonus;
	}
	free(weights);
	free(src_ents);
	qsort(sc, cand.n, sizeof *sc, by_score);
	free(cand.v); /* the passages now live in sc */

	r = xcalloc(1, sizeof *r);
	r->src = article_id;
	r->body = body;
	r->start = start;
	r->end = end;
	r->len = strlen(body);
	{
		struct buf title = {0}, keys = {0};
		ui_hint(&keys, "related", REQ_ENTER, "reads");
		ui_hint(&keys, "related", REQ_LINK_SAME, "same-fact");
		ui_hint(&keys, "related", REQ_LINK_CONTRA, "contradicts");
		buf_printf(&title, "Related passages in other articles%s%s", keys.len ? " — " : "",
		           keys.len ? keys.s : "");
		l = ui_list_new("related", title.s, 24);
		buf_free(&title);
		buf_free(&keys);
	}
	nkeep = cand.n < 25 ? cand.n : 25;
	for (i = 0; i < cand.n; i++) {
		if (i < nkeep) {
			struct compare_qtys theirs = {0};
			char *src_text = xstrndup(body + start, end - start);
			char *diff, *right;
			compare_scan(sc[i].p.text, strlen(sc[i].p.text), &theirs);
			diff = compare_differences(src_text, &mine, sc[i].p.text, &theirs);
			right = diff ? xasprintf("⚠ %s — %s", diff, sc[i].p.text) : xstrdup(sc[i].p.text);
			ui_list_add(l, sc[i].p.outlet ? sc[i].p.outlet : sc[i].p.title, right,
			            sc[i].p.article_id, sc[i].p.start);
			VEC_PUSH(&r->found, sc[i].p);
			free(diff);
			free(right);
			free(src_text);
			free(theirs.v);
		} else {
			free(sc[i].p.text);
			free(sc[i].p.title);
			free(sc[i].p.outlet);
		}
	}
	free(sc);
	free(mine.v);
	ui_list_set_extra(l, related_extra, r, related_free);
	ui_list_open(l);
}
