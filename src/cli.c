/* cli.c — the subcommands of gloss (import, list, show, search, ...), one
 * function each, registered in one table that also makes the help text.
 * They call the same model functions as the UI; none builds SQL. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gloss/cli.h"
#include "gloss/date.h"
#include "gloss/export.h"
#include "gloss/ingest.h"
#include "gloss/ingest_url.h"
#include "gloss/layout.h"
#include "gloss/ner.h"
#include "gloss/store.h"
#include "gloss/textmatch.h"
#include "gloss/util.h"

static int cmd_import(struct cli *c, int argc, char **argv);
static int cmd_list(struct cli *c, int argc, char **argv);
static int cmd_show(struct cli *c, int argc, char **argv);
static int cmd_search(struct cli *c, int argc, char **argv);
static int cmd_edit(struct cli *c, int argc, char **argv);
static int cmd_delete(struct cli *c, int argc, char **argv);
static int cmd_ner(struct cli *c, int argc, char **argv);
static int cmd_entities(struct cli *c, int argc, char **argv);
static int cmd_highlight(struct cli *c, int argc, char **argv);
static int cmd_annotations(struct cli *c, int argc, char **argv);
static int cmd_note(struct cli *c, int argc, char **argv);
static int cmd_unannotate(struct cli *c, int argc, char **argv);
static int cmd_tags(struct cli *c, int argc, char **argv);
static int cmd_tag(struct cli *c, int argc, char **argv);
static int cmd_link(struct cli *c, int argc, char **argv);
static int cmd_links(struct cli *c, int argc, char **argv);
static int cmd_unlink(struct cli *c, int argc, char **argv);
static int cmd_entity(struct cli *c, int argc, char **argv);

/* X(name, function, needs the database, usage, summary) */
#define CLI_COMMANDS(X)                                                                   \
	X(import, cmd_import, 1,                                                               \
	  "[--url URL] [--encoding NAME] [--replace ID] [--offline] [--timeout SECONDS] "      \
	  "FILE|DIR|URL|-...",                                                                 \
	  "import articles from files, a directory, web pages (http, https) or standard input") \
	X(list, cmd_list, 1, "[--sort imported|title|outlet|date|words] [--unread] [--feed FEED] [--json]", \
	  "list the articles in the library")                                                \
	X(show, cmd_show, 1, "ID", "print an article's cleaned text")                          \
	X(search, cmd_search, 1, "[--limit N] [--json] QUERY...",                              \
	  "full-text search over titles and bodies (\"no matches\" on a terminal)")        \
	X(edit, cmd_edit, 1,                                                                   \
	  "ID [--title T] [--outlet O] [--date D] [--url U] [--byline B]",                     \
	  "correct an article's details (kept over re-import; a date is kept as ISO 8601)") \
	X(delete, cmd_delete, 1, "[--yes] ID...", "delete articles and their annotations")     \
	X(entities, cmd_entities, 1, "[--article ID] [--label LABEL] [--json]",                \
	  "list the entities found in the library")                                          \
	X(ner, cmd_ner, 0, "[FILE]", "print the entities in raw text (standard input without FILE)") \
	X(highlight, cmd_highlight, 1,                                                         \
	  "ID --quote TEXT [--occurrence N] [--tag NAME]... [--note TEXT [--replace-note]]",   \
	  "highlight a passage of an article (found as / finds it), with tags and a note")      \
	X(annotations, cmd_annotations, 1, "[--article ID] [--tag NAME] [--orphaned] [--json]", \
	  "list highlights with their tags and notes (a table on a terminal, TSV in a pipe)") \
	X(note, cmd_note, 1, "ANNOTATION_ID TEXT|-", "set (or with empty TEXT remove) a note; - reads it from standard input")   \
	X(unannotate, cmd_unannotate, 1, "ANNOTATION_ID...",                                   \
	  "delete highlights with their tags, notes and links")                              \
	X(tags, cmd_tags, 1, "[--json]", "list the tags with their keys and uses")             \
	X(tag, cmd_tag, 1,                                                                     \
	  "add NAME [--key N] [--colour C] | rename OLD NEW | delete NAME | bind NAME N | "    \
	  "colour NAME C", "create, rename, delete, bind or recolour a tag")                 \
	X(link, cmd_link, 1, "FROM_ANNOTATION TO_ANNOTATION [--relation R]",                   \
	  "link two highlights (same-fact, contradicts, supports, see-also, ...), once a pair and relation")          \
	X(links, cmd_links, 1, "[--article ID] [--json]",                                      \
	  "list links (from and to an article: backlinks too)")                              \
	X(unlink, cmd_unlink, 1, "LINK_ID", "delete a link")                                  \
	X(entity, cmd_entity, 1, "merge FROM_ID INTO_ID | split ID NAME | relabel ID LABEL | "  \
	  "reject ID|TEXT | add TEXT LABEL | corrections [--json] | forget N",                \
	  "merge, split or correct entities (kept over re-import, applied to every article)") \
	X(export, cli_cmd_export, 1, EXPORT_USAGE,                                             \
	  "export annotated articles as Markdown, or the whole library as JSON")             \
	X(restore, cli_cmd_restore, 0, RESTORE_USAGE,                                          \
	  "add a JSON backup (gloss export --json) to the library")                         \
	X(extract, cli_cmd_extract, 0, EXTRACT_USAGE,                                          \
	  "print the article in a saved web page (no library is touched)")                  \
	X(samples, cli_cmd_samples, 1, SAMPLES_USAGE,                                          \
	  "add the bundled sample articles to the library, or remove them")                     \
	X(feed, cli_cmd_feed, 1, FEED_USAGE,                                                   \
	  "follow outlets by their RSS or Atom feeds (OPML in and out)")                     \
	X(fetch, cli_cmd_fetch, 1, FETCH_USAGE,                                                \
	  "import what is new in every feed (or the ones named)")

struct cli_command {
	const char *name;
	int (*fn)(struct cli *, int, char **);
	int needs_store;
	const char *usage, *summary;
};

static const struct cli_command commands[] = {
#define CLI_ENTRY(n, f, s, u, h) {#n, f, s, u, h},
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

static int usage_error(const struct cli_command *cmd, const char *fmt, ...) GLOSS_PRINTF(2, 3);
static int usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	layout_fprintf_safe(stderr, "gloss: %s\n", msg);
	free(msg);
	fprintf(stderr, "usage: gloss %s %s\n", cmd->name, cmd->usage);
	return CLI_USAGE;
}

int cli_usage(const char *name, const char *fmt, ...)
{
	const struct cli_command *cmd = find_command(name);
	va_list ap;

	fputs("gloss: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: gloss %s %s\n", name, cmd ? cmd->usage : "");
	return CLI_USAGE;
}

static void command_help(const struct cli_command *cmd)
{
	printf("usage: gloss [--db PATH] %s %s\n\n%s.\nSee gloss(1) for details.\n", cmd->name,
	       cmd->usage, cmd->summary);
}

/* Parse a positive article or annotation id. */
static int parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v <= 0)
		return -1;
	*id = v;
	return 0;
}

/* getopt_long over a subcommand's arguments, with --help handled. */
#define OPT_HELP 1000
static int next_opt(const struct cli_command *cmd, int argc, char **argv, const char *shortopts,
                    const struct option *longopts, int *bad)
{
	int ch = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (ch == '?' || ch == ':') {
		*bad = 1;
		fprintf(stderr, "usage: gloss %s %s\n", cmd->name, cmd->usage);
	}
	return ch;
}

int cli_run(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = find_command(argv[0]);
	int i;

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
	if (cmd->needs_store && cli_open_store(c) != 0)
		return CLI_ERROR;
	optind = 0; /* 0, not 1: glibc then forgets main's permutation state */
	opterr = 1;
	return cmd->fn(c, argc, argv);
}

/* --- import --- */

static int is_text_candidate(const char *name)
{
	return name[0] != '.';
}

struct import_batch {
	struct cli *c;
	struct ingest_opts opts;
	int imported, updated, unchanged, failed, total, done;
	int progress; /* stderr is a terminal */
	/* What the files of the open store batch did, said once it commits. */
	struct buf pending;
	int pending_files, pending_imported, pending_updated, pending_unchanged;
};

/* Files per store batch: one commit writes each touched page once. */
#define IMPORT_BATCH_FILES 64

static void progress(struct import_batch *b, const char *name)
{
	int width = 30, filled;

	if (!b->progress || b->total < 2)
		return;
	filled = b->total ? b->done * width / b->total : width;
	fprintf(stderr, "\r\033[K[%.*s%*s] %d/%d ", filled,
	        "##############################", width - filled, "", b->done, b->total);
	layout_fput_safe(stderr, name, strlen(name), 40);
	if (b->done == b->total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* Commit the open batch, then say what its files did; if the commit
 * fails, none of them was saved and each is reported as failed. */
static void flush_batch(struct import_batch *b)
{
	if (!b->pending_files)
		return;
	if (store_batch_commit(b->c->store) != 0) {
		if (b->progress)
			fputs("\r\033[K", stderr);
		layout_fprintf_safe(stderr, "gloss: %d file%s not imported: %s\n", b->pending_files,
		        b->pending_files == 1 ? "" : "s", store_errmsg(b->c->store));
		b->failed += b->pending_files;
	} else {
		if (b->pending.len)
			layout_fput_safe(stdout, b->pending.s, b->pending.len, -1);
		b->imported += b->pending_imported;
		b->updated += b->pending_updated;
		b->unchanged += b->pending_unchanged;
	}
	b->pending.len = 0;
	if (b->pending.s)
		b->pending.s[0] = '\0';
	b->pending_files = b->pending_imported = b->pending_updated = b->pending_unchanged = 0;
	fflush(stdout);
}

/* Say (once the batch commits) what importing name did. */
static void import_done(struct import_batch *b, const struct ingest_result *res, const char *name)
{
	if (res->warning[0]) {
		if (b->progress)
			fputs("\r\033[K", stderr);
		layout_fprintf_safe(stderr, "gloss: warning: %s: %s\n", name, res->warning);
	}
	b->pending_files++;
	switch (res->status) {
	case STORE_IMPORTED:
		b->pending_imported++;
		if (!b->progress || b->total < 2)
			buf_printf(&b->pending, "imported %lld %s\n", (long long)res->id, name);
		break;
	case STORE_UPDATED:
		b->pending_updated++;
		buf_printf(&b->pending, "updated %lld %s", (long long)res->id, name);
		if (res->orphaned)
			buf_printf(&b->pending, " (%d highlight%s orphaned: 'gloss annotations "
			           "--orphaned' lists them)", res->orphaned, res->orphaned == 1 ? "" : "s");
		buf_addc(&b->pending, '\n');
		break;
	default:
		b->pending_unchanged++;
		buf_printf(&b->pending, "unchanged %lld %s (already in the library)\n",
		           (long long)res->id, name);
		break;
	}
}

/* Import a file, or a page fetched already (job != NULL). */
static void import_one(struct import_batch *b, const char *path, struct ingest_url_job *job)
{
	struct ingest_result res = {0};
	char *err = NULL;
	int rc;

	if (!b->pending_files && store_batch_begin(b->c->store) != 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(b->c->store));
		b->failed++;
		b->done++;
		return;
	}
	rc = job ? ingest_url_finish(b->c->store, job, &b->opts, &res, &err)
	         : ingest_file(b->c->store, path, &b->opts, &res, &err);
	if (rc != 0) {
		if (b->progress)
			fputs("\r\033[K", stderr);
		layout_fprintf_safe(stderr, "gloss: %s\n", err);
		free(err);
		b->failed++;
	} else if (job) {
		char *name = fetch_printable(job->url, 300);
		import_done(b, &res, name);
		free(name);
	} else {
		import_done(b, &res, strcmp(path, "-") == 0 ? "standard input" : path);
	}
	b->done++;
	if (b->pending_files >= IMPORT_BATCH_FILES)
		flush_batch(b);
	progress(b, path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of a directory, sorted, not recursing. */
static int list_dir(const char *dir, char ***out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char *p;
		struct stat sb;
		if (!is_text_candidate(e->d_name))
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (stat(p, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			free(p);
			continue;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[(*n)++] = p;
	}
	closedir(d);
	if (*n)
		qsort(*out, *n, sizeof **out, cmp_str);
	return 0;
}

static int cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"url", required_argument, NULL, 'u'},
		{"encoding", required_argument, NULL, 'e'},
		{"replace", required_argument, NULL, 'r'},
		{"offline", no_argument, NULL, 'o'},
		{"timeout", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = find_command("import");
	struct import_batch b = {0};
	struct ingest_url_job *jobs;
	char **files = NULL;
	size_t nfiles = 0, cap = 0, i;
	int ch, bad = 0;
	long timeout_ms = 0;

	b.c = c;
	while ((ch = next_opt(cmd, argc, argv, "+", opts, &bad)) != -1 && !bad) {
		if (ch == 'u')
			b.opts.url = optarg;
		else if (ch == 'e')
			b.opts.encoding = optarg;
		else if (ch == 'r' && parse_id(optarg, &b.opts.replace_id) != 0)
			return usage_error(cmd, "--replace needs an article id, not '%s'", optarg);
		else if (ch == 'o')
			c->offline = 1;
		else if (ch == 't') {
			int64_t secs;
			if (parse_id(optarg, &secs) != 0 || secs > 86400)
				return usage_error(cmd, "--timeout needs seconds (1 to 86400), not '%s'",
				                   optarg);
			timeout_ms = (long)secs * 1000;
		}
	}
	if (bad)
		return CLI_USAGE;
	if (optind >= argc)
		return usage_error(cmd, "nothing to import");
	if (b.opts.replace_id && argc - optind != 1)
		return usage_error(cmd, "--replace takes exactly one file");

	for (i = (size_t)optind; i < (size_t)argc; i++) {
		struct stat sb;
		if (strcmp(argv[i], "-") != 0 && !fetch_is_url(argv[i]) && stat(argv[i], &sb) == 0 &&
		    S_ISDIR(sb.st_mode) && !b.opts.replace_id) {
			char **sub;
			size_t nsub, j;
			if (list_dir(argv[i], &sub, &nsub) != 0) {
				layout_fprintf_safe(stderr, "gloss: cannot import '%s': %s\n", argv[i], strerror(errno));
				b.failed++;
				continue;
			}
			if (nsub == 0) {
				layout_fprintf_safe(stderr, "gloss: cannot import '%s': the directory has no files\n",
				        argv[i]);
				b.failed++;
			}
			for (j = 0; j < nsub; j++) {
				if (nfiles == cap) {
					cap = cap ? cap * 2 : 16;
					files = xreallocarray(files, cap, sizeof *files);
				}
				files[nfiles++] = sub[j];
			}
			free(sub);
			continue;
		}
		if (nfiles == cap) {
			cap = cap ? cap * 2 : 16;
			files = xreallocarray(files, cap, sizeof *files);
		}
		files[nfiles++] = xstrdup(argv[i]);
	}
	b.total = (int)nfiles;
	b.progress = isatty(STDERR_FILENO);
	/* Every page at once, then pages and files in the order given. */
	jobs = cli_fetch_urls(c, files, nfiles, timeout_ms);
	for (i = 0; i < nfiles; i++) {
		import_one(&b, files[i], jobs[i].url ? &jobs[i] : NULL);
		ingest_url_job_free(&jobs[i]);
		free(files[i]);
	}
	free(jobs);
	flush_batch(&b);
	/* A batch begun for files that all failed has nothing to commit. */
	store_batch_commit(c->store);
	buf_free(&b.pending);
	free(files);
	if (b.progress && b.total > 1)
		fprintf(stderr, "imported %d, updated %d, unchanged %d, failed %d\n", b.imported,
		        b.updated, b.unchanged, b.failed);
	return b.failed ? CLI_ERROR : CLI_OK;
}

/* --- list --- */

static const char *const sort_names[STORE_SORT_NSORTS] = {
	[STORE_SORT_IMPORTED] = "imported", [STORE_SORT_TITLE] = "title",
	[STORE_SORT_OUTLET] = "outlet", [STORE_SORT_DATE] = "date", [STORE_SORT_WORDS] = "words",
};

static void json_field(struct buf *b, const char *key, const char *val, int comma)
{
	if (comma)
		buf_addc(b, ',');
	buf_json_str(b, key, strlen(key));
	buf_addc(b, ':');
	if (val)
		buf_json_str(b, val, strlen(val));
	else
		buf_adds(b, "null");
}

/* User text to standard output, which may be a terminal: control
 * characters, escape sequences and invalid bytes come out as the visible
 * symbols the reader shows; with one_line, tabs and newlines become
 * spaces (a TSV field), else newlines stay. */
void cli_print_safe_to(FILE *f, const char *s, size_t len, int one_line)
{
	layout_fput_safe(f, s, len, one_line ? INT_MAX : -1);
}

void cli_print_safe(const char *s, size_t len, int one_line)
{
	cli_print_safe_to(stdout, s, len, one_line);
}

/* A field cut or padded to width columns. */
static void pad_field(const char *s, int width)
{
	size_t pos = 0, len = strlen(s);
	int used = 0;
	char scratch[16];

	while (pos < len) {
		struct layout_cell c;
		layout_cell_next(s, len, pos, &c, scratch);
		if (c.end <= pos || used + c.width > width)
			break;
		if (s[pos] == '\n' || s[pos] == '\t')
			putchar(' ');
		else
			fwrite(c.out, 1, c.outlen, stdout);
		used += s[pos] == '\n' || s[pos] == '\t' ? 1 : c.width;
		pos = c.end;
	}
	printf("%*s", width - used, "");
}

/* One TSV field. */
static void tsv_field(const char *s)
{
	if (s)
		cli_print_safe(s, strlen(s), 1);
}

static int cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"sort", required_argument, NULL, 's'},
		{"unread", no_argument, NULL, 'u'},
		{"feed", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = find_command("list");
	/* --unread, --feed: only the articles in a set (cli_feed.c). */
	const char *feed = NULL;
	int unread = 0;
	int64_t *only = NULL, shown = 0;
	size_t nonly = 0;
	enum store_sort sort = STORE_SORT_IMPORTED;
	int ch, bad = 0, json = 0, tty = isatty(STDOUT_FILENO), found;
	int64_t offset = 0;
	size_t i;

	while ((ch = next_opt(cmd, argc, argv, "+", opts, &bad)) != -1 && !bad) {
		if (ch == 'j') {
			json = 1;
		} else if (ch == 'u') {
			unread = 1;
		} else if (ch == 'f') {
			feed = optarg;
		} else if (ch == 's') {
			found = 0;
			for (i = 0; i < STORE_SORT_NSORTS; i++)
				if (strcmp(optarg, sort_names[i]) == 0)
					sort = (enum store_sort)i, found = 1;
			if (!found)
				return usage_error(cmd, "unknown sort '%s'", optarg);
		}
	}
	if (bad)
		return CLI_USAGE;
	if (optind < argc)
		return usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	if ((unread || feed) && cli_feed_filter(c, feed, unread, &only, &nonly) != 0)
		return CLI_ERROR;
	if (json)
		fputs("[", stdout);
	else if (tty)
		printf("%5s  %-50s  %-16s  %-10s  %6s  %3s  %3s\n", "ID", "TITLE", "OUTLET", "DATE",
		       "WORDS", "HL", "NT");
	/* In pages, so a library of any size streams in constant memory. */
	for (;;) {
		struct store_articles page = {0};
		if (store_article_list(c->store, sort, offset, 500, &page) != 0) {
			layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
			return CLI_ERROR;
		}
		for (i = 0; i < page.n; i++) {
			struct store_article *a = &page.v[i];
			if ((unread || feed) && !cli_feed_filter_has(only, nonly, a->id))
				continue;
			if (json) {
				struct buf b = {0};
				buf_printf(&b, "%s\n {\"id\":%lld", shown++ ? "," : "",
				           (long long)a->id);
				json_field(&b, "title", a->title, 1);
				json_field(&b, "outlet", a->outlet, 1);
				json_field(&b, "published", a->published, 1);
				{
					/* The fields the list's covering index leaves out. */
					struct store_article full;
					int got = store_article_get(c->store, a->id, 0, &full) == 0;
					json_field(&b, "byline", got ? full.byline : NULL, 1);
					json_field(&b, "url", got ? full.url : NULL, 1);
					json_field(&b, "lang", got ? full.lang : NULL, 1);
					if (got)
						store_article_clear(&full);
				}
				buf_printf(&b, ",\"words\":%lld,\"highlights\":%lld,\"notes\":%lld}",
				           (long long)a->words, (long long)a->highlights,
				           (long long)a->notes);
				fputs(b.s, stdout);
				buf_free(&b);
			} else if (tty) {
				/* Columns by display width, each cell safe for the terminal. */
				printf("%5lld  ", (long long)a->id);
				pad_field(a->title, 50);
				fputs("  ", stdout);
				pad_field(a->outlet ? a->outlet : "-", 16);
				{
					char day[DATE_ISO_MAX];
					const char *dd = date_display(a->published, day, sizeof day);
					printf("  %-10s", dd ? dd : "-");
				}
				printf("  %6lld  %3lld  %3lld\n", (long long)a->words, (long long)a->highlights,
				       (long long)a->notes);
			} else {
				printf("%lld\t", (long long)a->id);
				tsv_field(a->title);
				putchar('\t');
				tsv_field(a->outlet);
				/* the date last, so the columns before it keep their places */
				{
					char day[DATE_ISO_MAX];
					const char *dd = date_display(a->published, day, sizeof day);
					printf("\t%lld\t%lld\t%lld\t%s\n", (long long)a->words,
					       (long long)a->highlights, (long long)a->notes, dd ? dd : "");
				}
			}
		}
		offset += (int64_t)page.n;
		found = page.n == 500;
		store_articles_free(&page);
		if (!found)
			break;
	}
	if (json)
		fputs(shown ? "\n]\n" : "]\n", stdout);
	free(only);
	return CLI_OK;
}

/* --- show --- */

static int get_article(struct cli *c, const struct cli_command *cmd, const char *arg,
                       int with_body, struct store_article *a)
{
	int64_t id;
	int rc;

	if (parse_id(arg, &id) != 0)
		return usage_error(cmd, "'%s' is not an article id", arg);
	rc = store_article_get(c->store, id, with_body, a);
	if (rc == 1) {
		layout_fprintf_safe(stderr, "gloss: no article with id %lld ('gloss list' shows them)\n",
		        (long long)id);
		return CLI_ERROR;
	}
	if (rc < 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	return CLI_OK;
}

static int cmd_show(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = find_command("show");
	struct store_article a;
	int rc;

	if (argc != 2)
		return usage_error(cmd, argc < 2 ? "which article?" : "too many arguments");
	if ((rc = get_article(c, cmd, argv[1], 1, &a)) != CLI_OK)
		return rc;
	tsv_field(a.title);
	putchar('\n');
	if (a.outlet || a.byline || a.published || a.published_as) {
		tsv_field(a.outlet);
		fputs(a.outlet && a.byline ? " · " : "", stdout);
		tsv_field(a.byline);
		fputs((a.outlet || a.byline) && (a.published || a.published_as) ? " · " : "", stdout);
		/* ISO 8601; a date that could not be read, as the source wrote it */
		tsv_field(a.published ? a.published : a.published_as);
		if (!a.published)
			fputs(" (as written: not a full date)", stdout);
		putchar('\n');
	}
	if (a.url) {
		tsv_field(a.url);
		if (a.lang) {
			fputs(" · ", stdout);
			tsv_field(a.lang);
		}
		putchar('\n');
	}
	putchar('\n');
	cli_print_safe(a.body, a.body_len, 0);
	putchar('\n');
	store_article_clear(&a);
	return CLI_OK;
}

/* --- search --- */

static int cmd_search(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"limit", required_argument, NULL, 'n'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = find_command("search");
	struct store_hits hits = {0};
	struct buf q = {0};
	int64_t limit = 20;
	int ch, bad = 0, json = 0, i;
	size_t k;

	while ((ch = next_opt(cmd, argc, argv, "+", opts, &bad)) != -1 && !bad) {
		if (ch == 'j')
			json = 1;
		else if (ch == 'n' && parse_id(optarg, &limit) != 0)
			return usage_error(cmd, "--limit needs a positive number");
	}
	if (bad)
		return CLI_USAGE;
	for (i = optind; i < argc; i++) {
		if (q.len)
			buf_addc(&q, ' ');
		buf_adds(&q, argv[i]);
	}
	if (!q.len)
		return usage_error(cmd, "search for what?");
	if (store_search(c->store, q.s, 0, limit, &hits) != 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		buf_free(&q);
		return CLI_ERROR;
	}
	buf_free(&q);
	if (json)
		fputs("[", stdout);
	for (k = 0; k < hits.n; k++) {
		struct store_hit *h = &hits.v[k];
		char *p;
		if (json) {
			struct buf b = {0};
			buf_printf(&b, "%s\n {\"id\":%lld", k ? "," : "", (long long)h->id);
			json_field(&b, "title", h->title, 1);
			json_field(&b, "outlet", h->outlet, 1);
			/* Matches are marked with [ ] in JSON and text alike. */
			for (p = h->snippet; p && *p; p++)
				*p = *p == 1 ? '[' : *p == 2 ? ']' : *p;
			json_field(&b, "snippet", h->snippet, 1);
			buf_addc(&b, '}');
			fputs(b.s, stdout);
			buf_free(&b);
		} else {
			printf("%lld\t", (long long)h->id);
			tsv_field(h->title);
			putchar('\t');
			for (p = h->snippet; p && *p; p++)
				*p = *p == 1 ? '[' : *p == 2 ? ']' : *p;
			tsv_field(h->snippet);
			putchar('\n');
		}
	}
	if (json)
		fputs(hits.n ? "\n]\n" : "]\n", stdout);
	else if (!hits.n && isatty(STDOUT_FILENO))
		puts("no matches"); /* on a terminal; a pipe gets no lines */
	if (hits.more)
		fprintf(stderr, "gloss: more than %d articles match: the newest %d were ranked (add "
		        "words to narrow the search)\n", STORE_FILTER_MAX, STORE_FILTER_MAX);
	store_hits_free(&hits);
	return CLI_OK;
}

/* --- edit --- */

static int cmd_edit(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"title", required_argument, NULL, 't'},
		{"outlet", required_argument, NULL, 'o'},
		{"date", required_argument, NULL, 'd'},
		{"url", required_argument, NULL, 'u'},
		{"byline", required_argument, NULL, 'b'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = find_command("edit");
	struct store_article_edit e = {0};
	int64_t id;
	int ch, bad = 0, rc;

	while ((ch = next_opt(cmd, argc, argv, "", opts, &bad)) != -1 && !bad) {
		switch (ch) {
		case 't': e.title = optarg; break;
		case 'o': e.outlet = optarg; break;
		case 'd': e.published = optarg; break;
		case 'u': e.url = optarg; break;
		case 'b': e.byline = optarg; break;
		}
	}
	if (bad)
		return CLI_USAGE;
	if (optind != argc - 1)
		return usage_error(cmd, "give one article id");
	if (parse_id(argv[optind], &id) != 0)
		return usage_error(cmd, "'%s' is not an article id", argv[optind]);
	if (!e.title && !e.outlet && !e.published && !e.url && !e.byline)
		return usage_error(cmd, "nothing to change");
	if (e.published && *e.published) {
		struct gloss_date d;
		if (date_parse(e.published, strlen(e.published), &d) != 0) {
			/* the text as the reader would show it: never raw controls */
			size_t pos = 0, len = strlen(e.published);
			char scratch[16];
			fputs("gloss: '", stderr);
			while (pos < len) {
				struct layout_cell cell;
				layout_cell_next(e.published, len, pos, &cell, scratch);
				if (cell.end <= pos)
					break;
				fwrite(cell.out, 1, cell.outlen, stderr);
				pos = cell.end;
			}
			fputs("' is not a date gloss can read (an impossible day, no year, or day and "
			      "month that could be swapped)\n"
			      "  write it as 2015-03-18, 2015-03-18T17:30:00-04:00, March 18, 2015, "
			      "18 March 2015 or Wed, 18 Mar 2015 17:30:00 EDT; --date '' clears it\n",
			      stderr);
			return CLI_ERROR;
		}
	}
	rc = store_article_edit(c->store, id, &e);
	if (rc == 1) {
		layout_fprintf_safe(stderr, "gloss: no article with id %lld\n", (long long)id);
		return CLI_ERROR;
	}
	if (rc < 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	printf("edited %lld\n", (long long)id);
	return CLI_OK;
}

/* --- delete --- */

static int confirm(const char *question)
{
	char line[16];

	layout_fprintf_safe(stderr, "%s [y/N] ", question);
	fflush(stderr);
	if (!fgets(line, sizeof line, stdin))
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

static int cmd_delete(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"yes", no_argument, NULL, 'y'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = find_command("delete");
	int ch, bad = 0, yes = 0, failed = 0, i;

	while ((ch = next_opt(cmd, argc, argv, "y", opts, &bad)) != -1 && !bad)
		if (ch == 'y')
			yes = 1;
	if (bad)
		return CLI_USAGE;
	if (optind >= argc)
		return usage_error(cmd, "which article?");
	for (i = optind; i < argc; i++) {
		struct store_article a;
		int rc = get_article(c, cmd, argv[i], 0, &a);
		if (rc != CLI_OK) {
			if (rc == CLI_USAGE)
				return rc;
			failed = 1;
			continue;
		}
		if (!yes) {
			char *q;
			if (!isatty(STDIN_FILENO)) {
				layout_fprintf_safe(stderr, "gloss: not deleting %lld without a terminal to ask; "
				        "use --yes\n", (long long)a.id);
				store_article_clear(&a);
				return CLI_ERROR;
			}
			q = xasprintf("Delete %lld '%s' and its %lld highlight%s?", (long long)a.id,
			              a.title, (long long)a.highlights, a.highlights == 1 ? "" : "s");
			rc = confirm(q);
			free(q);
			if (!rc) {
				store_article_clear(&a);
				continue;
			}
		}
		if (store_article_delete(c->store, a.id) != 0) {
			layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
			failed = 1;
		} else {
			printf("deleted %lld\n", (long long)a.id);
		}
		store_article_clear(&a);
	}
	return failed ? CLI_ERROR : CLI_OK;
}

/* --- ner --- */

static int cmd_ner(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = find_command("ner");
	const char *path = argc > 1 ? argv[1] : "-";
	struct ner_result r = {0};
	struct buf out = {0};
	char *text;
	size_t len, i;

	(void)c;
	if (argc > 2)
		return usage_error(cmd, "one file at most");
	if (util_read_file(path, IMPORT_MAX_BYTES, &text, &len) != 0) {
		layout_fprintf_safe(stderr, "gloss: cannot read '%s': %s\n",
		        strcmp(path, "-") == 0 ? "standard input" : path,
		        errno == EFBIG ? "larger than the 256 MiB limit" : strerror(errno));
		return CLI_ERROR;
	}
	ner_scan(text, len, &r);
	for (i = 0; i < r.n; i++) {
		const struct ner_span *s = &r.v[i];
		size_t k;
		buf_printf(&out, "%zu\t%zu\t%s\t", s->start, s->end, ner_label_name(s->label));
		for (k = s->start; k < s->end; k++) {
			unsigned char ch = (unsigned char)text[k];
			buf_addc(&out, ch < 0x20 || ch == 0x7f ? ' ' : (char)ch);
		}
		buf_addc(&out, '\n');
		if (out.len > 65536) {
			fwrite(out.s, 1, out.len, stdout);
			out.len = 0;
		}
	}
	if (out.len)
		fwrite(out.s, 1, out.len, stdout);
	buf_free(&out);
	ner_result_free(&r);
	free(text);
	return CLI_OK;
}

/* --- entities --- */

static int cmd_entities(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"article", required_argument, NULL, 'a'},
		{"label", required_argument, NULL, 'l'},
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = find_command("entities");
	struct store_entities ents = {0};
	int64_t article = 0;
	int ch, bad = 0, json = 0, label = -1;
	size_t i;

	while ((ch = next_opt(cmd, argc, argv, "", opts, &bad)) != -1 && !bad) {
		if (ch == 'a' && parse_id(optarg, &article) != 0)
			return usage_error(cmd, "'%s' is not an article id", optarg);
		if (ch == 'l' && (label = ner_label_from_name(optarg)) < 0)
			return usage_error(cmd, "unknown label '%s' (PERSON, ORG, GPE, DATE, ...)", optarg);
		if (ch == 'j')
			json = 1;
	}
	if (bad)
		return CLI_USAGE;
	if (optind < argc)
		return usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	if (store_entity_list(c->store, article, label, &ents) != 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	if (json)
		fputs("[", stdout);
	for (i = 0; i < ents.n; i++) {
		struct store_entity *e = &ents.v[i];
		if (json) {
			struct buf b = {0};
			buf_printf(&b, "%s\n {\"id\":%lld", i ? "," : "", (long long)e->id);
			json_field(&b, "label", ner_label_name(e->label), 1);
			json_field(&b, "name", e->name, 1);
			buf_printf(&b, ",\"mentions\":%lld,\"articles\":%lld", (long long)e->mentions,
			           (long long)e->articles);
			{
				char *al = store_entity_aliases(c->store, e->id, 10);
				json_field(&b, "aliases", al, 1);
				free(al);
			}
			buf_addc(&b, '}');
			fputs(b.s, stdout);
			buf_free(&b);
		} else {
			printf("%lld\t%s\t", (long long)e->id, ner_label_name(e->label));
			tsv_field(e->name);
			printf("\t%lld\t%lld\n", (long long)e->mentions, (long long)e->articles);
		}
	}
	if (json)
		fputs(ents.n ? "\n]\n" : "]\n", stdout);
	store_entities_free(&ents);
	return CLI_OK;
}

/* --- shared --- */

int cli_open_store(struct cli *c)
{
	char *err = NULL;
	int fresh;

	if (c->store)
		return 0;
	c->store = store_open(c->db_path, STORE_CREATE, &err);
	if (!c->store) {
		layout_fprintf_safe(stderr, "gloss: %s\n", err);
		free(err);
		return -1;
	}
	if (err) {
		layout_fprintf_safe(stderr, "gloss: %s\n", err);
		free(err);
		err = NULL;
	}
	fresh = store_is_new(c->store);
	/* The default library starts with the bundled articles, so there is
	 * something to read at once; a library named with --db or GLOSS_DB
	 * is the user's own and starts empty, and a library the user emptied
	 * stays empty. */
	if (fresh && c->default_library && !c->no_bundled) {
		int n = ingest_bundled(c->store, &err);
		if (n < 0) {
			layout_fprintf_safe(stderr, "gloss: %s\n", err);
			free(err);
		} else if (n > 0) {
			c->samples_added = n;
			if (!c->interactive)
				fprintf(stderr, "gloss: a new library, with %d sample articles to try; "
				        "'gloss samples remove' removes them\n", n);
		}
	}
	return 0;
}

/* --- annotations --- */

/* Find the tag, creating it when unknown: the command line names tags
 * freely. */
static int64_t tag_id_for(struct cli *c, const char *name)
{
	struct store_tag t;
	int rc = store_tag_by_name(c->store, name, &t);
	int64_t id;

	if (rc == 0) {
		id = t.id;
		store_tag_clear(&t);
		return id;
	}
	if (rc < 0)
		return -1;
	id = store_tag_add(c->store, name, 0, NULL);
	if (id > 0)
		layout_fprintf_safe(stderr, "gloss: created tag '%s'\n", name);
	return id;
}

static int cmd_highlight(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"quote", required_argument, NULL, 'q'},
		{"occurrence", required_argument, NULL, 'o'},
		{"tag", required_argument, NULL, 't'},
		{"note", required_argument, NULL, 'n'},
		{"replace-note", no_argument, NULL, 'R'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = find_command("highlight");
	const char *quote = NULL, *note = NULL, *tags[64];
	int64_t occurrence = 0, hl, n = 0;
	size_t ntags = 0, i, qlen, at = 0, found_at = 0, found_end = 0, end;
	struct store_article a;
	int ch, bad = 0, rc, replace_note = 0, loose = 0;
	const char *p;

	while ((ch = next_opt(cmd, argc, argv, "", opts, &bad)) != -1 && !bad) {
		if (ch == 'R')
			replace_note = 1;
		else if (ch == 'q')
			quote = optarg;
		else if (ch == 'n')
			note = optarg;
		else if (ch == 'o' && parse_id(optarg, &occurrence) != 0)
			return usage_error(cmd, "--occurrence needs a number from 1");
		else if (ch == 't') {
			if (ntags == ARRAY_SIZE(tags))
				return usage_error(cmd, "too many tags");
			tags[ntags++] = optarg;
		}
	}
	if (bad)
		return CLI_USAGE;
	if (optind != argc - 1)
		return usage_error(cmd, "give one article id");
	if (!quote || !*quote)
		return usage_error(cmd, "--quote TEXT is needed");
	if ((rc = get_article(c, cmd, argv[optind], 1, &a)) != CLI_OK)
		return rc;
	qlen = strlen(quote);
	/* Count every occurrence, keeping the one asked for (or the first). */
	for (p = a.body; (size_t)(p - a.body) + qlen <= a.body_len &&
	                 (p = memmem(p, a.body_len - (size_t)(p - a.body), quote, qlen)); p++) {
		n++;
		if (n == 1 || n == occurrence) {
			found_at = (size_t)(p - a.body);
			found_end = found_at + qlen;
		}
	}
	/* No exact match: as the reader's / finds text, with curly and
	 * straight quotes alike, any run of spaces alike, and any case. */
	if (n == 0) {
		struct textmatch m;
		size_t s, e, from = 0;
		if (textmatch_init(&m, quote, qlen, 1) == 0) {
			while (textmatch_next(&m, a.body, a.body_len, from, &s, &e)) {
				n++;
				if (n == 1 || n == occurrence) {
					found_at = s;
					found_end = e;
				}
				from = e;
			}
			textmatch_free(&m);
		}
		loose = n > 0;
	}
	if (n == 0 || occurrence > n) {
		layout_fprintf_safe(stderr, "gloss: the quote is not in article %lld%s\n", (long long)a.id,
		        n ? " that many times" : " ('gloss show' prints its text)");
		store_article_clear(&a);
		return CLI_ERROR;
	}
	if (n > 1 && !occurrence) {
		layout_fprintf_safe(stderr, "gloss: the quote occurs %lld times in article %lld%s; choose one "
		        "with --occurrence 1..%lld\n", (long long)n, (long long)a.id,
		        loose ? " (quotes, spaces and case aside)" : "", (long long)n);
		store_article_clear(&a);
		return CLI_ERROR;
	}
	at = found_at;
	end = found_end;
	if (loose) {
		/* Say which passage was taken, as the article writes it. */
		fprintf(stderr, "gloss: no exact match; took the passage at %zu-%zu: \"", at, end);
		cli_print_safe_to(stderr, a.body + at, end - at, 1);
		fputs("\"\n", stderr);
	}
	if (store_highlight_at(c->store, a.id, at, end, &hl) != 0) {
		hl = store_highlight_add(c->store, a.id, a.body, a.body_len, at, end);
		if (hl < 0)
			goto fail;
	}
	/* The note first: a passage that has another note already is refused
	 * whole (no tag added either) unless --replace-note says to. */
	if (note) {
		rc = replace_note ? store_note_set(c->store, hl, note)
		                  : store_note_replace(c->store, hl, note, NULL);
		if (rc == 2) {
			layout_fprintf_safe(stderr, "gloss: annotation %lld already has a different note; not "
			        "replaced ('gloss note %lld TEXT' or --replace-note replaces it)\n",
			        (long long)hl, (long long)hl);
			store_article_clear(&a);
			return CLI_ERROR;
		}
		if (rc != 0)
			goto fail;
	}
	for (i = 0; i < ntags; i++) {
		int on, removed;
		int64_t tid = tag_id_for(c, tags[i]);
		if (tid < 0 || store_highlight_tag(c->store, hl, tid, 1, &on, &removed) != 0)
			goto fail;
	}
	printf("highlighted %lld in article %lld at %zu-%zu\n", (long long)hl, (long long)a.id, at,
	       end);
	store_article_clear(&a);
	return CLI_OK;
fail:
	layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
	store_article_clear(&a);
	return CLI_ERROR;
}

static void json_highlight(struct buf *b, const struct store_highlight *h)
{
	size_t i;

	buf_printf(b, "{\"id\":%lld,\"article\":%lld,\"start\":%zu,\"end\":%zu", (long long)h->id,
	           (long long)h->article_id, h->start, h->end);
	json_field(b, "article_title", h->article_title, 1);
	json_field(b, "quote", h->quote, 1);
	json_field(b, "original_quote", h->original_quote, 1);
	buf_adds(b, ",\"tags\":[");
	for (i = 0; i < h->ntags; i++) {
		if (i)
			buf_addc(b, ',');
		buf_json_str(b, h->tags[i], strlen(h->tags[i]));
	}
	buf_addc(b, ']');
	json_field(b, "note", h->note, 1);
	buf_printf(b, ",\"orphaned\":%s,\"links\":%d", h->orphaned ? "true" : "false", h->nlinks);
	json_field(b, "created", h->created, 1);
	json_field(b, "updated", h->updated, 1);
	buf_addc(b, '}');
}

static int cmd_annotations(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"article", required_argument, NULL, 'a'},
		{"tag", required_argument, NULL, 't'},
		{"orphaned", no_argument, NULL, 'o'},
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = find_command("annotations");
	struct store_hl_filter f = {0};
	struct store_highlights hs = {0};
	int ch, bad = 0, json = 0, tty = isatty(STDOUT_FILENO);
	size_t i, k;

	while ((ch = next_opt(cmd, argc, argv, "", opts, &bad)) != -1 && !bad) {
		if (ch == 'a' && parse_id(optarg, &f.article_id) != 0)
			return usage_error(cmd, "'%s' is not an article id", optarg);
		if (ch == 't')
			f.tag = optarg;
		if (ch == 'o')
			f.orphaned_only = 1;
		if (ch == 'j')
			json = 1;
	}
	if (bad)
		return CLI_USAGE;
	if (optind < argc)
		return usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	if (store_highlight_list(c->store, &f, &hs) != 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	if (json)
		fputs("[", stdout);
	else if (tty && hs.n)
		printf("%5s  %5s  %-8s  %-20s  %-50s  %s\n", "ID", "ART", "STATE", "TAGS", "QUOTE",
		       "NOTE");
	else if (tty)
		puts("no annotations");
	for (i = 0; i < hs.n; i++) {
		const struct store_highlight *h = &hs.v[i];
		if (json) {
			struct buf b = {0};
			buf_adds(&b, i ? ",\n " : "\n ");
			json_highlight(&b, h);
			fputs(b.s, stdout);
			buf_free(&b);
			continue;
		}
		if (tty) {
			/* Aligned columns, as list prints on a terminal; a pipe
			 * gets the tab-separated lines below. */
			struct buf tags = {0};
			for (k = 0; k < h->ntags; k++)
				buf_printf(&tags, "%s#%s", k ? " " : "", h->tags[k]);
			printf("%5lld  %5lld  %-8s  ", (long long)h->id, (long long)h->article_id,
			       h->orphaned ? "orphaned" : "ok");
			pad_field(tags.s ? tags.s : "", 20);
			fputs("  ", stdout);
			pad_field(h->quote ? h->quote : "", 50);
			fputs("  ", stdout);
			pad_field(h->note ? h->note : "", 40);
			putchar('\n');
			buf_free(&tags);
			continue;
		}
		printf("%lld\t%lld\t%s\t", (long long)h->id, (long long)h->article_id,
		       h->orphaned ? "orphaned" : "ok");
		for (k = 0; k < h->ntags; k++) {
			fputs(k ? "," : "", stdout);
			tsv_field(h->tags[k]);
		}
		putchar('\t');
		tsv_field(h->quote);
		putchar('\t');
		tsv_field(h->note);
		putchar('\n');
	}
	if (json)
		fputs(hs.n ? "\n]\n" : "]\n", stdout);
	store_highlights_free(&hs);
	return CLI_OK;
}

static int cmd_note(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = find_command("note");
	int64_t id;
	int rc;

	char *text = NULL;
	size_t len;

	if (argc != 3)
		return usage_error(cmd, "give an annotation id and the text (- reads standard input)");
	if (parse_id(argv[1], &id) != 0)
		return usage_error(cmd, "'%s' is not an annotation id", argv[1]);
	if (strcmp(argv[2], "-") == 0) {
		/* One byte past the limit is enough to tell it is too long. */
		if (util_read_file("-", STORE_NOTE_MAX + 1, &text, &len) != 0) {
			layout_fprintf_safe(stderr, "gloss: cannot read the note: %s\n",
			        errno == EFBIG ? "longer than the 1 MiB limit" : strerror(errno));
			return CLI_ERROR;
		}
		while (len && text[len - 1] == '\n')
			text[--len] = '\0';
		if (strlen(text) != len) {
			layout_fprintf_safe(stderr, "gloss: cannot save note: it holds a NUL byte\n");
			free(text);
			return CLI_ERROR;
		}
	}
	rc = store_note_set(c->store, id, text ? text : argv[2]);
	if (rc != 0) {
		if (rc == 1)
			layout_fprintf_safe(stderr, "gloss: no annotation %lld\n", (long long)id);
		else
			layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		free(text);
		return CLI_ERROR;
	}
	printf(*(text ? text : argv[2]) ? "noted %lld\n" : "removed the note of %lld\n", (long long)id);
	free(text);
	return CLI_OK;
}

static int cmd_unannotate(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = find_command("unannotate");
	int i, failed = 0;

	if (argc < 2)
		return usage_error(cmd, "which annotation?");
	for (i = 1; i < argc; i++) {
		struct store_deleted *undo;
		int64_t id;
		int rc;
		if (parse_id(argv[i], &id) != 0)
			return usage_error(cmd, "'%s' is not an annotation id", argv[i]);
		rc = store_highlight_delete(c->store, id, &undo);
		if (rc == 0) {
			printf("deleted %lld\n", (long long)id);
			store_deleted_free(undo);
		} else {
			layout_fprintf_safe(stderr, "gloss: %s\n",
			        rc == 1 ? "no such annotation" : store_errmsg(c->store));
			failed = 1;
		}
	}
	return failed ? CLI_ERROR : CLI_OK;
}

static int cmd_tags(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = find_command("tags");
	struct store_tags ts = {0};
	int json = argc == 2 && strcmp(argv[1], "--json") == 0;
	size_t i;

	if (argc > 1 && !json)
		return usage_error(cmd, "unexpected argument '%s'", argv[1]);
	if (store_tag_list(c->store, &ts) != 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	if (json)
		fputs("[", stdout);
	for (i = 0; i < ts.n; i++) {
		const struct store_tag *t = &ts.v[i];
		if (json) {
			struct buf b = {0};
			buf_printf(&b, "%s\n {\"id\":%lld", i ? "," : "", (long long)t->id);
			json_field(&b, "name", t->name, 1);
			if (t->key)
				buf_printf(&b, ",\"key\":%d", t->key);
			else
				buf_adds(&b, ",\"key\":null");
			json_field(&b, "colour", t->colour, 1);
			buf_printf(&b, ",\"uses\":%lld}", (long long)t->uses);
			fputs(b.s, stdout);
			buf_free(&b);
		} else {
			printf("%s\t", t->key ? (char[]){(char)('0' + t->key), 0} : "-");
			tsv_field(t->name);
			printf("\t%lld\t", (long long)t->uses);
			tsv_field(t->colour ? t->colour : "-");
			putchar('\n');
		}
	}
	if (json)
		fputs(ts.n ? "\n]\n" : "]\n", stdout);
	store_tags_free(&ts);
	return CLI_OK;
}

static int parse_key_digit(const char *s)
{
	if (s[0] >= '0' && s[0] <= '9' && !s[1])
		return s[0] - '0';
	return -1;
}

static int cmd_tag(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = find_command("tag");
	const char *sub = argc > 1 ? argv[1] : "";
	int rc = -2;

	if (strcmp(sub, "add") == 0 && argc >= 3) {
		int key = 0, i;
		const char *colour = NULL;
		for (i = 3; i < argc; i++) {
			if (strcmp(argv[i], "--key") == 0 && i + 1 < argc) {
				if ((key = parse_key_digit(argv[++i])) < 0)
					return usage_error(cmd, "--key takes a digit 1 to 9");
			} else if ((strcmp(argv[i], "--colour") == 0 || strcmp(argv[i], "--color") == 0) &&
			           i + 1 < argc) {
				colour = argv[++i];
			} else {
				return usage_error(cmd, "unexpected argument '%s'", argv[i]);
			}
		}
		rc = store_tag_add(c->store, argv[2], key, colour) > 0 ? 0 : -1;
	} else if (strcmp(sub, "rename") == 0 && argc == 4) {
		rc = store_tag_rename(c->store, argv[2], argv[3]);
	} else if (strcmp(sub, "delete") == 0 && argc == 3) {
		rc = store_tag_delete(c->store, argv[2]);
	} else if (strcmp(sub, "bind") == 0 && argc == 4) {
		int key = parse_key_digit(argv[3]);
		if (key < 0)
			return usage_error(cmd, "bind takes a digit 1 to 9 (0 unbinds)");
		rc = store_tag_bind(c->store, argv[2], key);
	} else if ((strcmp(sub, "colour") == 0 || strcmp(sub, "color") == 0) && argc == 4) {
		rc = store_tag_recolour(c->store, argv[2], argv[3]);
	} else {
		return usage_error(cmd, "what should be done with the tag?");
	}
	if (rc == 1) {
		layout_fprintf_safe(stderr, "gloss: no tag '%s' ('gloss tags' lists them)\n", argv[2]);
		return CLI_ERROR;
	}
	if (rc < 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	layout_fprintf_safe(stdout, "%s %s\n", sub, argv[2]);
	return CLI_OK;
}

/* --- links --- */

static int cmd_link(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"relation", required_argument, NULL, 'r'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = find_command("link");
	const char *relation = "see-also";
	int64_t from, to, id;
	int ch, bad = 0, existed = 0;

	while ((ch = next_opt(cmd, argc, argv, "", opts, &bad)) != -1 && !bad)
		if (ch == 'r')
			relation = optarg;
	if (bad)
		return CLI_USAGE;
	if (optind != argc - 2)
		return usage_error(cmd, "give two annotation ids");
	if (parse_id(argv[optind], &from) != 0 || parse_id(argv[optind + 1], &to) != 0)
		return usage_error(cmd, "annotation ids are positive numbers");
	if (store_relation_problem(relation))
		return usage_error(cmd, "%s", store_relation_problem(relation));
	id = store_link_add(c->store, from, to, relation, &existed);
	if (id < 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	/* Linking again changes nothing and says so. */
	printf("%s %lld: %lld ", existed ? "already linked" : "linked", (long long)id, (long long)from);
	tsv_field(relation);
	printf(" %lld\n", (long long)to);
	return CLI_OK;
}

static int cmd_links(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"article", required_argument, NULL, 'a'},
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = find_command("links");
	struct store_links ls = {0};
	int64_t article = 0;
	int ch, bad = 0, json = 0;
	size_t i;

	while ((ch = next_opt(cmd, argc, argv, "", opts, &bad)) != -1 && !bad) {
		if (ch == 'a' && parse_id(optarg, &article) != 0)
			return usage_error(cmd, "'%s' is not an article id", optarg);
		if (ch == 'j')
			json = 1;
	}
	if (bad)
		return CLI_USAGE;
	if (optind < argc)
		return usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	if (store_link_list(c->store, article, 0, &ls) != 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	if (json)
		fputs("[", stdout);
	for (i = 0; i < ls.n; i++) {
		const struct store_link *l = &ls.v[i];
		if (json) {
			struct buf b = {0};
			buf_printf(&b, "%s\n {\"id\":%lld,\"from\":%lld,\"to\":%lld,\"from_article\":%lld,"
			           "\"to_article\":%lld", i ? "," : "", (long long)l->id,
			           (long long)l->from_highlight, (long long)l->to_highlight,
			           (long long)l->from_article, (long long)l->to_article);
			json_field(&b, "relation", l->relation, 1);
			json_field(&b, "from_quote", l->from_quote, 1);
			json_field(&b, "to_quote", l->to_quote, 1);
			buf_printf(&b, ",\"from_orphaned\":%s,\"to_orphaned\":%s",
			           l->from_orphaned ? "true" : "false", l->to_orphaned ? "true" : "false");
			if (article)
				buf_printf(&b, ",\"direction\":\"%s\"",
				           l->from_article == article ? "out" : "in");
			buf_addc(&b, '}');
			fputs(b.s, stdout);
			buf_free(&b);
		} else {
			printf("%lld\t%lld\t%lld\t", (long long)l->id, (long long)l->from_highlight,
			       (long long)l->from_article);
			tsv_field(l->relation);
			printf("\t%lld\t%lld\t", (long long)l->to_highlight, (long long)l->to_article);
			tsv_field(l->from_quote);
			printf("%s\t", l->from_orphaned ? " (orphaned)" : "");
			tsv_field(l->to_quote);
			printf("%s\n", l->to_orphaned ? " (orphaned)" : "");
		}
	}
	if (json)
		fputs(ls.n ? "\n]\n" : "]\n", stdout);
	store_links_free(&ls);
	return CLI_OK;
}

static int cmd_unlink(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = find_command("unlink");
	int64_t id;
	int rc;

	if (argc != 2 || parse_id(argv[1], &id) != 0)
		return usage_error(cmd, "give one link id");
	rc = store_link_delete(c->store, id);
	if (rc != 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", rc == 1 ? "no such link" : store_errmsg(c->store));
		return CLI_ERROR;
	}
	printf("unlinked %lld\n", (long long)id);
	return CLI_OK;
}

static int cmd_entity(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = find_command("entity");
	int64_t a, b;
	int rc = cli_entity_correct(c, argc, argv);

	if (rc >= 0)
		return rc;
	if (argc == 4 && strcmp(argv[1], "merge") == 0) {
		if (parse_id(argv[2], &a) != 0 || parse_id(argv[3], &b) != 0)
			return usage_error(cmd, "entity ids are positive numbers ('gloss entities' lists them)");
		if (store_entity_merge(c->store, a, b) != 0) {
			layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
			return CLI_ERROR;
		}
		printf("merged %lld into %lld\n", (long long)a, (long long)b);
		return CLI_OK;
	}
	if (argc == 4 && strcmp(argv[1], "split") == 0) {
		if (parse_id(argv[2], &a) != 0)
			return usage_error(cmd, "'%s' is not an entity id", argv[2]);
		b = store_entity_split(c->store, a, argv[3]);
		if (b < 0) {
			layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
			return CLI_ERROR;
		}
		layout_fprintf_safe(stdout, "split '%s' off %lld as %lld\n", argv[3], (long long)a,
		                    (long long)b);
		return CLI_OK;
	}
	return usage_error(cmd, "merge, split, relabel, reject, add, corrections or forget?");
}
