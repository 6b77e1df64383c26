/* cli.c — the command table of gloss: each subcommand's name, function,
 * options (as data, parsed by cli_args.c), usage and summary, from which
 * --help and the usage errors come; and cli_run, which finds a command,
 * parses its options and runs it.  The commands live in files by subject
 * (cli_import.c, cli_articles.c, cli_entities.c, cli_annotate.c,
 * cli_corrections.c, cli_export.c, cli_extract.c, cli_samples.c,
 * cli_feed.c); this file only refers to them, and none refers back. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "gloss/cli.h"
#include "gloss/cli_args.h"
#include "gloss/export.h"
#include "gloss/layout.h"
#include "gloss/util.h"

#include "cli_internal.h"

/* X(name, function, needs the database, options, usage, summary).  The
 * options are the command's template (gloss/cli_args.h): cli_run parses
 * them before the command runs; NULL: the arguments reach it as given
 * (commands with subcommands of their own, or only operands). */
#define CLI_COMMANDS(X)                                                                             \
	X(import, cli_cmd_import, 1, "+url= encoding= replace= offline timeout=",                   \
	  "[--url URL] [--encoding NAME] [--replace ID] [--offline] [--timeout SECONDS] "           \
	  "FILE|DIR|URL|-...",                                                                      \
	  "import articles from files, a directory, web pages (http, https) or standard input")     \
	X(list, cli_cmd_list, 1, "+json sort= unread feed=", "[--sort imported|title|outlet|date|words] [--unread] [--feed FEED] [--json]", \
	  "list the articles in the library")                                                       \
	X(show, cli_cmd_show, 1, NULL, "ID", "print an article's cleaned text")                     \
	X(search, cli_cmd_search, 1, "+json limit=", "[--limit N] [--json] QUERY...",               \
	  "full-text search over titles and bodies (\"no matches\" on a terminal)")                 \
	X(edit, cli_cmd_edit, 1, "title= outlet= date= url= byline=",                               \
	  "ID [--title T] [--outlet O] [--date D] [--url U] [--byline B]",                          \
	  "correct an article's details (kept over re-import; a date is kept as ISO 8601)")         \
	X(delete, cli_cmd_delete, 1, "y|yes", "[--yes] ID...", "delete articles and their annotations") \
	X(entities, cli_cmd_entities, 1, "article= label= json", "[--article ID] [--label LABEL] [--json]", \
	  "list the entities found in the library")                                                 \
	X(ner, cli_cmd_ner, 0, NULL, "[FILE]", "print the entities in raw text (standard input without FILE)") \
	X(highlight, cli_cmd_highlight, 1, "quote= occurrence= tag= note= replace-note",            \
	  "ID --quote TEXT [--occurrence N] [--tag NAME]... [--note TEXT [--replace-note]]",        \
	  "highlight a passage of an article (found as / finds it), with tags and a note")          \
	X(annotations, cli_cmd_annotations, 1, "article= tag= orphaned json", "[--article ID] [--tag NAME] [--orphaned] [--json]", \
	  "list highlights with their tags and notes (a table on a terminal, TSV in a pipe)")       \
	X(note, cli_cmd_note, 1, NULL, "ANNOTATION_ID TEXT|-", "set (or with empty TEXT remove) a note; - reads it from standard input") \
	X(unannotate, cli_cmd_unannotate, 1, NULL, "ANNOTATION_ID...",                              \
	  "delete highlights with their tags, notes and links")                                     \
	X(tags, cli_cmd_tags, 1, "json", "[--json]", "list the tags with their keys and uses")      \
	X(tag, cli_cmd_tag, 1, NULL,                                                                \
	  "add NAME [--key N] [--colour C] | rename OLD NEW | delete NAME | bind NAME N | "         \
	  "colour NAME C", "create, rename, delete, bind or recolour a tag")                        \
	X(link, cli_cmd_link, 1, "relation=", "FROM_ANNOTATION TO_ANNOTATION [--relation R]",       \
	  "link two highlights (same-fact, contradicts, supports, see-also, ...), once a pair and relation") \
	X(links, cli_cmd_links, 1, "article= json", "[--article ID] [--json]",                      \
	  "list links (from and to an article: backlinks too)")                                     \
	X(unlink, cli_cmd_unlink, 1, NULL, "LINK_ID", "delete a link")                              \
	X(entity, cli_cmd_entity, 1, NULL, "merge FROM_ID INTO_ID | split ID NAME | relabel ID LABEL | " \
	  "reject ID|TEXT | add TEXT LABEL | corrections [--json] | forget N",                      \
	  "merge, split or correct entities (kept over re-import, applied to every article)")       \
	X(export, cli_cmd_export, 1, "article= tag= o|output= d|dir= wikilinks timestamps entities all json", EXPORT_USAGE, \
	  "export annotated articles as Markdown, or the whole library as JSON")                    \
	X(restore, cli_cmd_restore, 0, NULL, RESTORE_USAGE,                                         \
	  "add a JSON backup (gloss export --json) to the library")                                 \
	X(extract, cli_cmd_extract, 0, "+url= json", EXTRACT_USAGE,                                 \
	  "print the article in a saved web page (no library is touched)")                          \
	X(samples, cli_cmd_samples, 1, "y|yes", SAMPLES_USAGE,                                      \
	  "add the bundled sample articles to the library, or remove them")                         \
	X(feed, cli_cmd_feed, 1, NULL, FEED_USAGE,                                                  \
	  "follow outlets by their RSS or Atom feeds (OPML in and out)")                            \
	X(fetch, cli_cmd_fetch, 1, "q|quiet due timeout=", FETCH_USAGE,                             \
	  "import what is new in every feed (or the ones named)")                                   \
	X(mark, cli_cmd_mark, 1, "feed= all", MARK_USAGE,                                           \
	  "mark articles read or unread (those given, a feed's, or all)")

struct cli_command {
	const char *name;
	int (*fn)(struct cli *, int, char **);
	int needs_store;
	const char *options;
	const char *usage, *summary;
};

static const struct cli_command commands[] = {
#define CLI_ENTRY(n, f, s, o, u, h) {#n, f, s, o, u, h},
	CLI_COMMANDS(CLI_ENTRY)
#undef CLI_ENTRY
};

static const struct cli_command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void cli_print_commands(FILE *f)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
}

static void command_help(const struct cli_command *cmd)
{
	printf("usage: gloss [--db PATH] %s %s\n\n%s.\nSee gloss(1) for details.\n", cmd->name,
	       cmd->usage, cmd->summary);
}

int cli_run(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = find_command(argv[0]);
	struct cli_args a;
	int i, rc;

	if (!cmd) {
		layout_fprintf_safe(stderr, "gloss: '%s' is not a command; 'gloss --help' lists them\n", argv[0]);
		return CLI_USAGE;
	}
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			command_help(cmd);
			return CLI_OK;
		}
	}
	c->command = cmd->name;
	c->usage = cmd->usage;
	if (cmd->needs_store && cli_open_store(c) != 0)
		return CLI_ERROR;
	optind = 0; /* 0, not 1: glibc then forgets main's permutation state */
	opterr = 1;
	if (!cmd->options)
		return cmd->fn(c, argc, argv);
	if ((rc = cli_args_parse(cmd->options, cmd->name, cmd->usage, argc, argv, &a)) != 0)
		return rc;
	c->args = &a;
	rc = cmd->fn(c, a.argc, a.argv);
	c->args = NULL;
	cli_args_free(&a);
	return rc;
}
