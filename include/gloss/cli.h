/* cli.h — the subcommands (gloss import, list, show, ...). */
#ifndef GLOSS_CLI_H
#define GLOSS_CLI_H

#include <stdio.h>

#include "gloss/store.h"

struct cli_args;

enum { CLI_OK = 0, CLI_ERROR = 1, CLI_USAGE = 2 };

struct cli {
	const char *db_path;     /* the database file */
	const char *config_path; /* --config, or NULL for the default */
	const char *command;
	struct store *store;     /* opened on demand by cli_open_store */
	int no_bundled;          /* do not import the bundled articles into a new library */
	int offline;             /* --offline: never touch the network */
	int default_library;     /* the library is the default one (no --db, no GLOSS_DB) */
	int interactive;         /* the reader, not a command: say things on its status line */
	int samples_added;       /* this run created the library with that many samples */
	const char *usage;       /* the command's usage line (set by cli_run) */
	const struct cli_args *args; /* its options, parsed from its template (cli_args.h) */
};

/* Run the subcommand argv[0]; returns the exit status. */
int cli_run(struct cli *c, int argc, char **argv);
/* Open c->store, creating the library on first use; only the default
 * library starts with the bundled sample articles (said once, on stderr
 * for a command).  0, or -1 after printing why. */
int cli_open_store(struct cli *c);
/* Text from data to a stream that may be a terminal: control
 * characters, escape sequences and invalid bytes come out as the visible
 * symbols the reader shows; with one_line, newlines become spaces. */
void cli_print_safe_to(FILE *f, const char *s, size_t len, int one_line);
void cli_print_safe(const char *s, size_t len, int one_line);
/* "gloss: MESSAGE" (safe for the terminal) and the usage of the command
 * being run (c->command, c->usage) on stderr; returns CLI_USAGE. */
int cli_usage(const struct cli *c, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Commands that live in files of their own. */
#define EXTRACT_USAGE "[--url URL] [--json] FILE|URL|-"
int cli_cmd_extract(struct cli *c, int argc, char **argv);
#define SAMPLES_USAGE "add | remove [--yes]"
int cli_cmd_samples(struct cli *c, int argc, char **argv);
/* cli_export.c: export and restore (their usage: EXPORT_USAGE and
 * RESTORE_USAGE in export.h). */
int cli_cmd_export(struct cli *c, int argc, char **argv);
int cli_cmd_restore(struct cli *c, int argc, char **argv);

/* cli_feed.c: following feeds, and fetching them. */
#define FEED_USAGE                                                                        \
	"add URL [--title T] [--interval MINUTES] | list [--json] | remove FEED [--articles] | " \
	"rename FEED NAME | interval FEED MINUTES | import-opml FILE | export-opml [-o FILE] | " \
	"prune --older-than DAYS [FEED]"
#define FETCH_USAGE "[--quiet] [--due] [--timeout SECONDS] [FEED...]"
int cli_cmd_feed(struct cli *c, int argc, char **argv);
int cli_cmd_fetch(struct cli *c, int argc, char **argv);
#define MARK_USAGE "read|unread ID... | read|unread --feed FEED | read|unread --all"
int cli_cmd_mark(struct cli *c, int argc, char **argv);
/* `gloss list --unread --feed FEED`: the ids of the articles to list,
 * sorted (0, or CLI_ERROR after saying why); and whether id is one. */
int cli_feed_filter(struct cli *c, const char *feed, int unread, int64_t **ids, size_t *n);
int cli_feed_filter_has(const int64_t *ids, size_t n, int64_t id);
/* cli_corrections.c: `gloss entity relabel|reject|add|corrections|forget`;
 * the exit status, or -1 when argv[1] is none of these. */
int cli_entity_correct(struct cli *c, int argc, char **argv);

/* One line per command, for --help. */
void cli_print_commands(FILE *f);

/* cli_fetch.c: a yes/no `set NAME on|off` of the configuration file (0
 * when absent); whether gloss is offline (--offline or `set offline
 * on`); and the URLs among args fetched at once, the result an array of
 * n jobs (a job's url is NULL where args[i] is not a URL; a refused URL
 * has a failed response saying why).  Free each with ingest_url_job_free. */
struct ingest_url_job;
int cli_config_bool(const struct cli *c, const char *name);
int cli_offline(const struct cli *c);
struct ingest_url_job *cli_fetch_urls(struct cli *c, char *const *args, size_t n,
                                      long timeout_ms);

#endif
