/* view_help.c — the ? screen: the live key table of a screen (made from
 * the bindings, so it is never out of date) and, for the reader, what
 * each entity colour means.  A list screen (ui_list.c). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/layout.h"
#include "gloss/ui.h"
#include "gloss/ui_list.h"
#include "gloss/util.h"
#include "gloss/view_help.h"

static void add_binding(void *ctx, const char *key, enum request req)
{
	struct ui_list *r = ctx;
	char line[160];
	int w = layout_width(key, strlen(key));

	snprintf(line, sizeof line, "%-16s %s", ui_request_name(req), ui_request_help(req));
	ui_list_add(r, key, line, 0, 0);
	ui_list_widen(r, w);
}

/* What each entity label stands for, short enough for a 60-column
 * window (OntoNotes 5, as spaCy describes them). */
static const char *label_meaning(enum ner_label l)
{
	static const struct {
		const char *name, *meaning;
	} m[] = {
		{"PERSON", "people, real or fictional"},
		{"NORP", "nationalities, religious or political groups"},
		{"FAC", "buildings, airports, roads, bridges"},
		{"ORG", "companies, agencies, institutions"},
		{"GPE", "countries, cities, states (with a government)"},
		{"LOC", "other places: regions, mountains, seas"},
		{"PRODUCT", "objects, vehicles, foods (not services)"},
		{"EVENT", "named wars, storms, summits, sports events"},
		{"WORK_OF_ART", "titles of books, songs, films, paintings"},
		{"LAW", "named laws and treaties"},
		{"LANGUAGE", "named languages"},
		{"DATE", "dates and periods"},
		{"TIME", "times shorter than a day"},
		{"PERCENT", "percentages"},
		{"MONEY", "sums of money"},
		{"QUANTITY", "measurements: distance, weight, speed"},
		{"ORDINAL", "first, second, third..."},
		{"CARDINAL", "other numbers"},
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(m); i++)
		if (strcmp(m[i].name, ner_label_name(l)) == 0)
			return m[i].meaning;
	return "entity colour";
}

void view_help_open(const char *screen)
{
	const struct view_entry *e = ui_view(screen);
	char *title = xasprintf("Keys of the %s screen%s%s (from the bindings; see gloss(1) to change "
	                        "them)", screen, e ? ", " : "", e ? e->help : "");
	struct ui_list *r = ui_list_new("help", title, 0);
	int l;

	free(title);
	if (strcmp(screen, "library") == 0) {
		/* Not a key, and first, where a new user looks: the sample
		 * articles come and go from the command line. */
		ui_list_add(r, "samples", "gloss samples remove      removes the sample articles "
		         "(gloss samples add brings them back)", 0, 0);
		ui_list_widen(r, layout_width("samples", 7));
	}
	ui_each_binding(screen, add_binding, r);
	if (strcmp(screen, "reader") == 0) {
		ui_each_binding("selection", add_binding, r);
		/* The legend: what each entity colour means. */
		for (l = 0; l < NER_NLABELS; l++) {
			const char *name = ner_label_name((enum ner_label)l);
			int w = layout_width(name, strlen(name));
			ui_list_add(r, name, label_meaning((enum ner_label)l), 0, 0);
			ui_list_widen(r, w); /* the label whole, never cut */
		}
	}

	ui_list_open(r);
}