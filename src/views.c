/* views.c — the view registry: every screen of gloss, its name (the one
 * `bind` takes), what it is (the ? screen's title and the docs), and how
 * it opens.  main.c hands it to ui_main; ui.c and the views know only
 * names, so this is the one file that knows every view.  A new view: its
 * file, its header, and one line here. */
#include "config.h"

#include "gloss/ui.h"
#include "gloss/util.h"
#include "gloss/view_annotations.h"
#include "gloss/view_correct.h"
#include "gloss/view_entities.h"
#include "gloss/view_help.h"
#include "gloss/view_library.h"
#include "gloss/view_links.h"
#include "gloss/view_mentions.h"
#include "gloss/view_reader.h"
#include "gloss/views.h"

static void open_library(const struct view_args *a)
{
	(void)a;
	view_library_open();
}

static void open_reader(const struct view_args *a)
{
	view_reader_open(a->article, a->at);
}

static void open_annotations(const struct view_args *a)
{
	view_annotations_open(a ? a->article : 0);
}

static void open_tags(const struct view_args *a)
{
	(void)a;
	view_tags_open();
}

static void open_entities(const struct view_args *a)
{
	(void)a;
	view_entities_open();
}

static void open_related(const struct view_args *a)
{
	view_related_open(a->article, a->text, a->start, a->end);
}

static void open_links(const struct view_args *a)
{
	view_links_open(a->article, a->at);
}

static void open_picker(const struct view_args *a)
{
	view_link_picker_open(a->article, a->text, a->len, a->start, a->end);
}

static void open_help(const struct view_args *a)
{
	view_help_open(a->screen);
}

static void open_mentions(const struct view_args *a)
{
	view_mentions_open(a->entity);
}

static void open_correct(const struct view_args *a)
{
	view_correct_open(a->text, a->label, a->adding);
}

static const struct view_entry entries[] = {
	{.name = "generic", .help = "every screen, where it does not bind the key itself"},
	{.name = "library", .help = "the list of articles",
	 .open = open_library, .neighbour = view_library_neighbour},
	{.name = "reader", .help = "one article", .open = open_reader},
	{.name = "selection", .help = "the reader while a selection is made"},
	{.name = "annotations", .help = "the list of annotations", .open = open_annotations},
	{.name = "tags", .help = "the tags", .open = open_tags},
	{.name = "entities", .help = "the entity index", .open = open_entities},
	{.name = "related", .help = "related passages in other articles", .open = open_related},
	{.name = "links", .help = "the links and backlinks of a passage", .open = open_links},
	{.name = "picker", .help = "the link picker: the passage to link to", .open = open_picker},
	{.name = "help", .help = "the key table", .open = open_help},
	{.name = "mentions", .help = "the mentions of one entity", .open = open_mentions},
	{.name = "correct", .help = "the label picker of an entity correction",
	 .open = open_correct},
	{.name = "feeds", .help = "the library's narrowing: every article, the unread ones, or one feed's"},
};

const struct view_registry views = {entries, ARRAY_SIZE(entries)};
