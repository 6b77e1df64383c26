/* view_correct.c — entity corrections from the reader: a picker of the 18
 * labels with their meaning (and "not an entity" for a name the recognizer
 * found), which records the correction for the whole library
 * (corrections.h), and the undo of the corrections made on screen. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/corrections.h"
#include "gloss/store.h"
#include "gloss/ui.h"
#include "gloss/ui_list.h"
#include "gloss/util.h"
#include "gloss/view_correct.h"

/* Corrections made on screen, newest last, for U: each with the tick it
 * was made at, so the reader can tell it from a later deletion. */
static struct {
	struct made {
		int64_t id;
		unsigned long tick;
	} *v;
	size_t n, cap;
} made;
static unsigned long ticks, changes;

unsigned long view_correct_tick(void)
{
	return ++ticks;
}

unsigned long view_correct_changes(void)
{
	return changes;
}

unsigned long view_correct_last(void)
{
	return made.n ? made.v[made.n - 1].tick : 0;
}

struct picker {
	char *text;
	int adding; /* 1: the text is a selection to mark; 0: a name to correct */
};

static void picker_free(void *ctx)
{
	struct picker *p = ctx;
	free(p->text);
	free(p);
}

static int picker_request(void *ctx, enum request req, size_t row)
{
	struct picker *p = ctx;
	int64_t id = 0;
	int n = 0, label = row < NER_NLABELS ? (int)row : -1;
	enum correction_kind kind = p->adding ? CORRECTION_ADD : label >= 0 ? CORRECTION_RELABEL : CORRECTION_REJECT;
	char *text;

	if (req != REQ_ENTER)
		return 0;
	if (corrections_make(ui.store, kind, p->text, label, &id, &n) != 0) {
		ui_error("cannot correct: %s", store_errmsg(ui.store));
		return 1;
	}
	{
		struct made m = {id, view_correct_tick()};
		VEC_PUSH(&made, m);
	}
	changes++;
	text = xstrdup(p->text);
	ui_pop(); /* frees p */
	if (kind == CORRECTION_REJECT)
		ui_message("'%.60s' is no entity now, in %d article%s%s", text, n, n == 1 ? "" : "s",
		           ui_keyed("reader", REQ_UNDO, " — %s undoes"));
	else
		ui_message("'%.60s' is %s now, in %d article%s%s", text,
		           ner_label_name((enum ner_label)label), n, n == 1 ? "" : "s",
		           ui_keyed("reader", REQ_UNDO, " — %s undoes"));
	free(text);
	return 1;
}

void view_correct_open(const char *text, int current, int adding)
{
	struct picker *p = xcalloc(1, sizeof *p);
	char *title = adding ? xasprintf("Mark '%.80s' as an entity in every article: pick its label", text)
	                     : xasprintf("Correct '%.80s' (%s) in every article: pick its label", text,
	                                 current >= 0 ? ner_label_name((enum ner_label)current) : "?");
	struct ui_list *l = ui_list_new("correct", title, 12);

	free(title);
	p->text = xstrdup(text);
	p->adding = adding;
	for (int i = 0; i < NER_NLABELS; i++) {
		char *right = xasprintf("%s%s", correction_label_meaning((enum ner_label)i),
		                        i == current ? "  (now)" : "");
		ui_list_add(l, ner_label_name((enum ner_label)i), right, 0, 0);
		free(right);
	}
	if (!adding)
		ui_list_add(l, "-", "Not an entity", 0, 0);
	ui_list_set_extra(l, picker_request, p, picker_free);
	if (current >= 0)
		ui_list_set_cursor(l, (size_t)current); /* j and k from where it is */
	ui_list_open(l);
}

int view_correct_undo(void)
{
	int n = 0, rc;

	if (!made.n)
		return 0;
	rc = corrections_forget(ui.store, made.v[made.n - 1].id, &n);
	if (rc < 0) {
		ui_error("cannot undo the correction: %s", store_errmsg(ui.store));
		return 1;
	}
	made.n--;
	changes++;
	ui_message("correction undone, in %d article%s", n, n == 1 ? "" : "s");
	return 1;
}
