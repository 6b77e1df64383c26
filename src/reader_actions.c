/* reader_actions.c — what the reader's keys do with annotations: the
 * range they act on (the selection, the annotation ] reached, or the
 * focus sentence), tags, notes (short, or long in $EDITOR), deleting and
 * U, yanking a quote, moving between annotations, following links,
 * opening the source URL, and the entities Tab reaches and corrects.  The screen itself is
 * view_reader.c. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gloss/layout.h"
#include "gloss/sentence.h"
#include "gloss/store.h"
#include "gloss/textmatch.h"
#include "gloss/ui.h"
#include "gloss/note_file.h"
#include "gloss/util.h"
#include "gloss/view_correct.h"
#include "reader_internal.h"

/* --- entities --- */

void reader_move_entity(struct reader *r, int dir)
{
	long i;

	if (r->ment_total == 0) {
		ui_message("no entities in this article");
		return;
	}
	/* Its blocks may be gone (a merge, a split or a correction made here
	 * drops them): made again, or every mention loaded. */
	if (r->lazy_ments && reader_ments_check(r)) {
		/* Only the mentions near the screen are loaded: ask the store
		 * for the next one, and load its part of the article. */
		struct store_mention m;
		size_t at = r->ent >= 0 ? r->ments.v[r->ent].start : reader_focus_span(r).start;
		int rc = store_mention_near(ui.store, r->art.id, r->ent >= 0 && dir > 0 ? at + 1 : at, dir, &m);
		if (rc < 0) {
			ui_error("entities not shown: %s", store_errmsg(ui.store));
			reader_ments_repair(r); /* a damaged block: the next Tab has them */
		}
		if (rc != 0) {
			if (rc > 0)
				ui_message(dir > 0 ? "no more entities below" : "no more entities above");
			return;
		}
		reader_ent_set(r, &m);
		i = r->ent;
		if (i < 0)
			return;
	} else if (r->ent < 0) {
		size_t from = reader_focus_span(r).start;
		i = reader_mention_at_or_after(r, from);
		if (dir < 0)
			i--;
	} else {
		i = r->ent + dir;
	}
	if (i < 0 || i >= (long)r->ments.n) {
		ui_message(dir > 0 ? "no more entities below" : "no more entities above");
		return;
	}
	r->ent = i;
	{
		const struct store_mention *m = &r->ments.v[i];
		reader_focus_at(r, m->start);
		reader_show_offset(r, m->start);
		int len = (int)(m->end - m->start);
		ui_message("%s %.*s — Enter lists its mentions", ner_label_name(m->label),
		           len > 60 ? 60 : len, r->art.body + m->start);
	}
}

/* --- annotations --- */

void reader_load_annotations(struct reader *r)
{
	struct store_hl_filter f = {0};
	struct store_highlights all = {0};
	size_t i;
	int64_t on_id = r->on_hl >= 0 && r->on_hl < (long)r->hls.n ? r->hls.v[r->on_hl].id : 0;

	store_highlights_free(&r->hls);
	store_tags_free(&r->tags);
	f.article_id = r->art.id;
	if (store_highlight_list(ui.store, &f, &all) != 0) {
		ui_error("annotations not shown: %s", store_errmsg(ui.store));
		return;
	}
	/* Orphaned ones have no place in the text; the M list shows them. */
	for (i = 0; i < all.n; i++) {
		if (all.v[i].orphaned || all.v[i].end > r->art.body_len)
			store_highlight_clear(&all.v[i]);
		else
			VEC_PUSH(&r->hls, all.v[i]);
	}
	free(all.v);
	r->on_hl = -1;
	for (i = 0; on_id && i < r->hls.n; i++)
		if (r->hls.v[i].id == on_id)
			r->on_hl = (long)i;
	store_tag_list(ui.store, &r->tags);
}

/* What the keys act on: the selection, else the focus sentence. */
struct sentence_span reader_target(struct reader *r)
{
	struct sentence_span t;

	if (r->selecting) {
		t.start = r->sel_a < r->sel_b ? r->sel_a : r->sel_b;
		t.end = r->sel_a < r->sel_b ? r->sel_b : r->sel_a;
		return t;
	}
	if (r->on_hl >= 0 && r->on_hl < (long)r->hls.n) {
		t.start = r->hls.v[r->on_hl].start;
		t.end = r->hls.v[r->on_hl].end;
		return t;
	}
	return reader_focus_span(r);
}

/* The annotation under the target: the one with its exact range, else
 * the first that overlaps it; -1 when none. */
long reader_annotation_at(struct reader *r, struct sentence_span t)
{
	size_t i;
	long overlap = -1;

	for (i = 0; i < r->hls.n; i++) {
		const struct store_highlight *h = &r->hls.v[i];
		if (h->start == t.start && h->end == t.end)
			return (long)i;
		if (overlap < 0 && h->start < t.end && h->end > t.start)
			overlap = (long)i;
	}
	return overlap;
}

/* What the annotations under a range carry, for the status line:
 * "#claim #key-fact ✎ ↔" (each tag once, then a note and a link mark). */
void reader_annotation_summary(struct reader *r, struct sentence_span t, char *out, size_t n)
{
	struct buf b = {0};
	size_t i, k;
	int note = 0, link = 0;

	out[0] = '\0';
	for (i = 0; i < r->hls.n && r->hls.v[i].start < t.end; i++) {
		const struct store_highlight *h = &r->hls.v[i];
		if (h->end <= t.start)
			continue;
		for (k = 0; k < h->ntags; k++) {
			char *tag = xasprintf("#%s", h->tags[k]);
			const char *p = b.s ? strstr(b.s, tag) : NULL;
			size_t tl = strlen(tag);
			/* each tag once: a whole word already there is skipped */
			while (p && p[tl] != ' ' && p[tl] != '\0')
				p = strstr(p + 1, tag);
			if (!p) {
				if (b.len)
					buf_addc(&b, ' ');
				buf_adds(&b, tag);
			}
			free(tag);
		}
		note |= h->note != NULL;
		link |= h->nlinks > 0;
	}
	if (note)
		buf_adds(&b, b.len ? " ✎ note" : "✎ note");
	if (link)
		buf_adds(&b, b.len ? " ↔ link" : "↔ link");
	if (b.len)
		snprintf(out, n, "%s", b.s);
	buf_free(&b);
}

/* The id of the highlight over exactly the target, made if needed. */
static int64_t highlight_for_target(struct reader *r)
{
	struct sentence_span t = reader_target(r);
	int64_t id;

	if (t.end <= t.start) {
		ui_error("nothing to annotate here");
		return -1;
	}
	if (store_highlight_at(ui.store, r->art.id, t.start, t.end, &id) == 0)
		return id;
	id = store_highlight_add(ui.store, r->art.id, r->art.body, r->art.body_len, t.start, t.end);
	if (id < 0)
		ui_error("%s", store_errmsg(ui.store));
	return id;
}

static const struct store_tag *tag_with_key(struct reader *r, int key)
{
	size_t i;

	for (i = 0; i < r->tags.n; i++)
		if (r->tags.v[i].key == key)
			return &r->tags.v[i];
	return NULL;
}

/* name may point into r->tags, which the reload frees: say it first. */
static void tag_target(struct reader *r, int64_t tag_id, const char *name)
{
	int64_t hl = highlight_for_target(r);
	int on, removed;

	if (hl < 0)
		return;
	if (store_highlight_tag(ui.store, hl, tag_id, -1, &on, &removed) != 0) {
		ui_error("%s", store_errmsg(ui.store));
		return;
	}
	ui_message(on ? "tagged %s (saved)" : removed ? "removed %s and the empty highlight"
	                                                 : "removed %s", name);
	r->selecting = 0;
	reader_load_annotations(r);
}

void reader_tag_by_key(struct reader *r, int key)
{
	const struct store_tag *t = tag_with_key(r, key);

	if (!t) {
		ui_error("no tag is bound to %d%s", key,
		         ui_keyed("library", REQ_TAGS, " (%s in the library manages tags)"));
		return;
	}
	tag_target(r, t->id, t->name);
}

/* Tab in the tag prompt: the longest common prefix of the tag names
 * that start with what was typed. */
static char *complete_tag(void *ctx, const char *text)
{
	struct reader *r = ctx;
	size_t i, n = strlen(text), common = 0;
	const char *first = NULL;

	for (i = 0; i < r->tags.n; i++) {
		const char *name = r->tags.v[i].name;
		size_t k;
		if (strncmp(name, text, n) != 0)
			continue;
		if (!first) {
			first = name;
			common = strlen(name);
			continue;
		}
		for (k = 0; k < common && first[k] == name[k]; k++)
			;
		common = k;
	}
	if (!first) {
		ui_prompt_hint(r->tags.n ? "no tag starts so (Enter makes a new one)" : "no tags yet");
		return NULL;
	}
	if (common <= n) {
		/* Nothing more to complete: show the choices. */
		struct buf b = {0};
		buf_adds(&b, "tags:");
		for (i = 0; i < r->tags.n; i++)
			if (strncmp(r->tags.v[i].name, text, n) == 0)
				buf_printf(&b, " %s", r->tags.v[i].name);
		ui_prompt_hint(b.s);
		buf_free(&b);
	}
	return xstrndup(first, common);
}

void reader_tag_prompt(struct reader *r)
{
	struct ui_prompt_opts o = {NULL, complete_tag, NULL, r};
	char *name = ui_prompt_ex("tag: ", NULL, &o);
	struct store_tag t;
	int64_t id;
	int rc;

	if (!name)
		return;
	if (!*name) {
		free(name);
		return;
	}
	rc = store_tag_by_name(ui.store, name, &t);
	if (rc == 0) {
		id = t.id;
		store_tag_clear(&t);
	} else if (rc == 1) {
		id = store_tag_add(ui.store, name, 0, NULL);
		if (id < 0) {
			ui_error("%s", store_errmsg(ui.store));
			free(name);
			return;
		}
	} else {
		ui_error("%s", store_errmsg(ui.store));
		free(name);
		return;
	}
	tag_target(r, id, name);
	free(name);
}

/* Save text as hl's note over expected, the note the user was shown.  A
 * note changed elsewhere meanwhile is never replaced unseen: the text is
 * added after it, and the message says so.  0 saved, -1 not. */
static int save_note(int64_t hl, const char *text, const char *expected)
{
	struct store_highlight h;
	char *both;
	int rc = store_note_replace(ui.store, hl, text, expected);

	if (rc != 2) {
		if (rc != 0)
			ui_error("%s", rc == 1 ? "that annotation is gone" : store_errmsg(ui.store));
		return rc == 0 ? 0 : -1;
	}
	if (!*text || store_highlight_get(ui.store, hl, &h) != 0) {
		ui_error("the note was changed elsewhere meanwhile: not replaced");
		return -1;
	}
	both = xasprintf("%s\n\n%s", h.note ? h.note : "", text);
	rc = store_note_replace(ui.store, hl, both, h.note);
	if (rc == 0)
		ui_message("the note was changed elsewhere meanwhile: yours was added after it");
	else
		ui_error("%s", rc == 2 ? "the note keeps changing elsewhere: not saved"
		                       : store_errmsg(ui.store));
	free(both);
	store_highlight_clear(&h);
	return -2;
}

void reader_note_prompt(struct reader *r)
{
	long i = reader_annotation_at(r, reader_target(r));
	int64_t hl;
	char *text;

	text = ui_prompt("note: ", i >= 0 ? r->hls.v[i].note : NULL, NULL, NULL);
	if (!text) {
		ui_message("note cancelled");
		return;
	}
	hl = i >= 0 ? r->hls.v[i].id : highlight_for_target(r);
	if (hl >= 0 && save_note(hl, text, i >= 0 ? r->hls.v[i].note : NULL) == 0)
		ui_message(*text ? "note saved" : "note removed");
	free(text);
	r->selecting = 0;
	reader_load_annotations(r);
}

void reader_note_editor(struct reader *r)
{
	long i = reader_annotation_at(r, reader_target(r));
	const char *ed = getenv("VISUAL");
	char path[] = "/tmp/gloss-note-XXXXXX.md";
	struct sentence_span t = reader_target(r);
	char *text = NULL, *quote, *file;
	size_t len = 0;
	int fd, status;
	int64_t hl;
	FILE *f;

	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	fd = mkstemps(path, 3);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		ui_error("cannot make a temporary file for the note: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	/* Markdown, with the quote for context in a comment not saved. */
	quote = i >= 0 ? xstrdup(r->hls.v[i].quote)
	        : t.end > t.start && t.end <= r->art.body_len ? xstrndup(r->art.body + t.start, t.end - t.start)
	                                                      : xstrdup("");
	file = note_file_text(quote, i >= 0 ? r->hls.v[i].note : NULL);
	fputs(file, f);
	free(file);
	free(quote);
	fclose(f);
	status = ui_run_program(ed, path);
	if (status != 0) {
		ui_error("%s exited with %d: the note was not saved", ed, status);
	} else if (util_read_file(path, STORE_NOTE_MAX + 1, &text, &len) != 0) {
		ui_error("cannot read the note back: %s", strerror(errno));
	} else {
		note_file_strip(text, &len);
		hl = i >= 0 ? r->hls.v[i].id : highlight_for_target(r);
		if (hl >= 0 && save_note(hl, text, i >= 0 ? r->hls.v[i].note : NULL) == 0)
			ui_message("note saved (%zu bytes)", len);
	}
	free(text);
	unlink(path);
	r->selecting = 0;
	reader_load_annotations(r);
}

void reader_delete_annotation(struct reader *r)
{
	long i = reader_annotation_at(r, reader_target(r));
	struct store_deleted *d;
	int rc;

	if (i < 0) {
		ui_error("no annotation here");
		return;
	}
	rc = store_highlight_delete(ui.store, r->hls.v[i].id, &d);
	if (rc != 0) {
		ui_error("%s", rc > 0 ? "that annotation is gone already" : store_errmsg(ui.store));
		return;
	}
	r->undo = xreallocarray(r->undo, r->nundo + 1, sizeof *r->undo);
	r->undo[r->nundo++] = d;
	reader_load_annotations(r);
	ui_message("annotation deleted%s", ui_keyed("reader", REQ_UNDO, " (%s undoes)"));
}

void reader_undo_delete(struct reader *r)
{
	if (!r->nundo) {
		ui_error("nothing to undo");
		return;
	}
	char *missed;

	if (store_highlight_restore(ui.store, r->undo[r->nundo - 1], &missed) != 0) {
		ui_error("%s", store_errmsg(ui.store));
		return;
	}
	store_deleted_free(r->undo[--r->nundo]);
	reader_load_annotations(r);
	if (missed)
		ui_error("restored the annotation, but not: %s", missed);
	else
		ui_message("restored the annotation, its note and links");
	free(missed);
}

void reader_yank(struct reader *r)
{
	struct sentence_span t = reader_target(r);
	struct buf b = {0};
	size_t i;

	if (t.end <= t.start)
		return;
	buf_adds(&b, "> ");
	for (i = t.start; i < t.end; i++) {
		buf_addc(&b, r->art.body[i]);
		if (r->art.body[i] == '\n')
			buf_adds(&b, "> ");
	}
	buf_printf(&b, "\n>\n> — *%s*", r->art.title);
	if (r->art.outlet)
		buf_printf(&b, ", %s", r->art.outlet);
	if (r->art.url)
		buf_printf(&b, ", <%s>", r->art.url);
	buf_addc(&b, '\n');
	ui_clipboard(b.s, b.len);
	ui_message("copied %zu bytes as a Markdown quote to the clipboard (OSC 52)", b.len);
	buf_free(&b);
}

void reader_move_annotation(struct reader *r, int dir)
{
	size_t from = reader_target(r).start;
	long i, pick = -1;

	for (i = 0; i < (long)r->hls.n; i++) {
		if (dir > 0 && r->hls.v[i].start > from) {
			pick = i;
			break;
		}
		if (dir < 0 && r->hls.v[i].start < from)
			pick = i;
	}
	if (pick < 0) {
		ui_message(r->hls.n ? (dir > 0 ? "no more annotations below" : "no more annotations above")
		                    : "no annotations in this article");
		return;
	}
	reader_focus_at(r, r->hls.v[pick].start);
	reader_show_offset(r, r->hls.v[pick].start);
	r->on_hl = pick;
	{
		const struct store_highlight *h = &r->hls.v[pick];
		struct buf tags = {0};
		size_t k;
		for (k = 0; k < h->ntags; k++)
			buf_printf(&tags, " #%s", h->tags[k]);
		ui_message("annotation %ld of %zu%s%s", pick + 1, r->hls.n, tags.len ? tags.s : "",
		           h->note ? " (note)" : "");
		buf_free(&tags);
	}
}

/* o: the other end of the link at the focus (a list when there are
 * several). */
void reader_follow_link(struct reader *r)
{
	long i = reader_annotation_at(r, reader_target(r));
	struct store_links ls = {0};
	const struct store_link *k;
	int64_t hl;

	if (i < 0 || !r->hls.v[i].nlinks) {
		struct buf keys = {0};
		ui_hint(&keys, "reader", REQ_LINK, "makes one");
		ui_hint(&keys, "reader", REQ_ANNOT_NEXT, "moves to annotations");
		ui_message("no link here%s%s%s", keys.len ? " (" : "", keys.len ? keys.s : "",
		           keys.len ? ")" : "");
		buf_free(&keys);
		return;
	}
	hl = r->hls.v[i].id;
	if (store_link_list(ui.store, 0, hl, &ls) != 0 || !ls.n) {
		ui_error("%s", ls.n ? store_errmsg(ui.store) : "the link is gone");
		store_links_free(&ls);
		return;
	}
	if (ls.n > 1) {
		store_links_free(&ls);
		ui_open("links", &(struct view_args){.article = r->art.id, .at = hl});
		return;
	}
	k = &ls.v[0];
	if ((k->from_highlight == hl ? k->to_orphaned : k->from_orphaned)) {
		ui_error("the other end is orphaned: its text was removed from its article");
	} else if (k->from_highlight == hl) {
		ui_open("reader", &(struct view_args){.article = k->to_article, .at = (int64_t)k->to_start});
	} else {
		ui_open("reader",
		        &(struct view_args){.article = k->from_article, .at = (int64_t)k->from_start});
	}
	store_links_free(&ls);
}

/* Is there an executable name on $PATH? */
static int in_path(const char *name)
{
	const char *path = getenv("PATH"), *p;
	int found = 0;

	for (p = path; p && *p && !found;) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		char *full = xasprintf("%.*s/%s", (int)n, n ? p : ".", name);
		found = access(full, X_OK) == 0;
		free(full);
		p = colon ? colon + 1 : p + n;
	}
	return found;
}

/* O: the source URL in the browser, as newsboat does: $BROWSER (its
 * first entry when it is a colon-separated list), else xdg-open.  The
 * URL goes to the program as an argument, never into a command line. */
void reader_open_url(struct reader *r)
{
	const char *browser = getenv("BROWSER");
	char *cmd;
	int status;

	if (!r->art.url || !*r->art.url) {
		ui_error("this article has no source URL (gloss edit %lld --url URL gives it one)",
		         (long long)r->art.id);
		return;
	}
	if (browser && *browser && *browser != ':') {
		cmd = xstrndup(browser, strcspn(browser, ":"));
	} else if (in_path("xdg-open")) {
		cmd = xstrdup("xdg-open");
	} else {
		ui_error("no browser: set $BROWSER or install xdg-open (the URL: %s)", r->art.url);
		return;
	}
	status = ui_run_program(cmd, r->art.url);
	if (status != 0)
		ui_error("%s exited with %d for %s", cmd, status, r->art.url);
	else
		ui_message("opened %s", r->art.url);
	free(cmd);
}

/* c: correct the entity Tab reached, in every article. */
void reader_correct_entity(struct reader *r)
{
	struct store_entity e = {0};

	if (r->ent < 0 || r->ent >= (long)r->ments.n) {
		ui_message("Tab moves to an entity; c then corrects it");
		return;
	}
	if (store_entity_get(ui.store, r->ments.v[r->ent].entity_id, &e) != 0) {
		ui_error("cannot correct: %s", store_errmsg(ui.store));
		reader_reload_mentions(r); /* another gloss may have changed them */
		return;
	}
	ui_open("correct", &(struct view_args){.text = e.name, .label = (int)e.label});
	free(e.name);
}

/* e in a selection: mark its text as an entity, in every article. */
void reader_mark_entity(struct reader *r)
{
	struct sentence_span t = reader_target(r);
	char *text;

	if (!r->selecting) {
		ui_message("v starts a selection; e then marks it as an entity");
		return;
	}
	while (t.end > t.start && (r->art.body[t.end - 1] == ' ' || r->art.body[t.end - 1] == '\n'))
		t.end--;
	if (t.end <= t.start || memchr(r->art.body + t.start, '\n', t.end - t.start)) {
		ui_error("an entity is a piece of one paragraph");
		return;
	}
	text = xstrndup(r->art.body + t.start, t.end - t.start);
	r->selecting = 0;
	ui_open("correct", &(struct view_args){.text = text, .label = -1, .adding = 1});
	free(text);
}

