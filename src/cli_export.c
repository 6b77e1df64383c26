/* cli_export.c — the `gloss export` and `gloss restore` commands: option
 * parsing and messages only; the work is export.c's (the UI's `x` calls
 * the same export_markdown). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gloss/cli.h"
#include "gloss/export.h"
#include "gloss/layout.h"
#include "gloss/store.h"
#include "gloss/util.h"

static int usage(const char *cmd, const char *use, const char *fmt, ...) GLOSS_PRINTF(3, 4);
static int usage(const char *cmd, const char *use, const char *fmt, ...)
{
	va_list ap;

	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	layout_fprintf_safe(stderr, "gloss: %s\n", msg);
	free(msg);
	fprintf(stderr, "usage: gloss %s %s\n", cmd, use);
	return CLI_USAGE;
}

int cli_cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"article", required_argument, NULL, 'a'},
		{"tag", required_argument, NULL, 't'},
		{"output", required_argument, NULL, 'o'},
		{"dir", required_argument, NULL, 'd'},
		{"wikilinks", no_argument, NULL, 'w'},
		{"timestamps", no_argument, NULL, 'T'},
		{"entities", no_argument, NULL, 'e'},
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	struct export_opts o;
	int64_t *ids = NULL;
	const char **tags = NULL;
	int ch, json = 0, rc = CLI_OK, n;
	char *err = NULL;

	memset(&o, 0, sizeof o);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:d:", opts, NULL)) != -1) {
		switch (ch) {
		case 'a': {
			char *end;
			long long v;
			errno = 0;
			v = strtoll(optarg, &end, 10);
			if (errno || end == optarg || *end || v <= 0) {
				rc = usage("export", EXPORT_USAGE, "'%s' is not an article id", optarg);
				goto done;
			}
			ids = xreallocarray(ids, o.narticles + 1, sizeof *ids);
			ids[o.narticles++] = v;
			break;
		}
		case 't':
			tags = xreallocarray(tags, o.ntags + 1, sizeof *tags);
			tags[o.ntags++] = optarg;
			break;
		case 'o':
			o.file = optarg;
			break;
		case 'd':
			o.dir = optarg;
			break;
		case 'w':
			o.wikilinks = 1;
			break;
		case 'T':
			o.timestamps = 1;
			break;
		case 'e':
			o.entities = 1;
			break;
		case 'j':
			json = 1;
			break;
		default:
			fprintf(stderr, "usage: gloss export %s\n", EXPORT_USAGE);
			rc = CLI_USAGE;
			goto done;
		}
	}
	if (optind < argc) {
		rc = usage("export", EXPORT_USAGE, "unexpected argument '%s'", argv[optind]);
		goto done;
	}
	if (o.file && o.dir) {
		rc = usage("export", EXPORT_USAGE, "%s", "give -o FILE or -d DIR, not both");
		goto done;
	}
	if ((o.file && !*o.file) || (o.dir && !*o.dir)) {
		rc = usage("export", EXPORT_USAGE, "%s", "an empty file or directory name");
		goto done;
	}
	if (json && (o.dir || o.narticles || o.ntags || o.wikilinks || o.timestamps || o.entities)) {
		rc = usage("export", EXPORT_USAGE, "%s",
		           "--json writes the whole library, to -o FILE or standard output");
		goto done;
	}
	o.articles = ids;
	o.tags = tags;
	if (json) {
		if (export_json(c->store, o.file, &err) != 0) {
			layout_fprintf_safe(stderr, "gloss: %s\n", err);
			rc = CLI_ERROR;
		} else if (o.file && strcmp(o.file, "-") != 0) {
			layout_fprintf_safe(stdout, "exported the library to '%s'\n", o.file);
		}
		goto done;
	}
	n = export_markdown(c->store, &o, &err);
	if (n < 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", err);
		rc = CLI_ERROR;
	} else if (o.dir) {
		layout_fprintf_safe(stdout, "exported %d file%s to '%s'\n", n, n == 1 ? "" : "s", o.dir);
	} else if (o.file && strcmp(o.file, "-") != 0) {
		layout_fprintf_safe(stdout, "exported to '%s'\n", o.file);
	}
done:
	free(err);
	free(ids);
	free(tags);
	return rc;
}

int cli_cmd_restore(struct cli *c, int argc, char **argv)
{
	struct store_io_stats s;
	char *err = NULL;
	int fresh;

	if (argc != 2 || (argv[1][0] == '-' && argv[1][1]))
		return usage("restore", RESTORE_USAGE, "%s", "give one backup file (from 'gloss export --json')");
	/* A new library is not seeded with the bundled articles first: a
	 * restore into it gives back exactly the library that was saved. */
	c->no_bundled = 1;
	fresh = access(c->db_path, F_OK) != 0 && errno == ENOENT;
	if (cli_open_store(c) != 0)
		return CLI_ERROR;
	if (export_restore(c->store, argv[1], &s, &err) != 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", err);
		free(err);
		/* A library this restore created holds nothing: it goes, so that
		 * a failed restore leaves no empty library where none was. */
		if (fresh) {
			static const char *const ext[] = {"-wal", "-shm", "-journal"};
			size_t i;
			store_close(c->store);
			c->store = NULL;
			for (i = 0; i < ARRAY_SIZE(ext); i++) {
				char *p = xasprintf("%s%s", c->db_path, ext[i]);
				unlink(p);
				free(p);
			}
			unlink(c->db_path);
		}
		return CLI_ERROR;
	}
	printf("restored: %lld articles added, %lld already there; %lld highlights added, "
	       "%lld already there; %lld notes, %lld tags, %lld links added\n",
	       (long long)s.articles_added, (long long)s.articles_matched,
	       (long long)s.highlights_added, (long long)s.highlights_matched,
	       (long long)s.notes_added, (long long)s.tags_added, (long long)s.links_added);
	if (s.highlights_reanchored || s.highlights_orphaned)
		printf("%lld highlight%s did not lie on %s quote: %lld moved to where the quote is, "
		       "%lld kept as orphaned ('gloss annotations --orphaned' lists them)\n",
		       (long long)(s.highlights_reanchored + s.highlights_orphaned),
		       s.highlights_reanchored + s.highlights_orphaned == 1 ? "" : "s",
		       s.highlights_reanchored + s.highlights_orphaned == 1 ? "its" : "their",
		       (long long)s.highlights_reanchored, (long long)s.highlights_orphaned);
	if (s.feeds_added || s.feeds_matched || s.feed_items_added)
		printf("feeds: %lld added, %lld already followed; %lld articles linked to their feed "
		       "items\n",
		       (long long)s.feeds_added, (long long)s.feeds_matched, (long long)s.feed_items_added);
	if (s.corrections_added)
		printf("%lld entity correction%s added and applied\n", (long long)s.corrections_added,
		       s.corrections_added == 1 ? "" : "s");
	if (s.articles_unsourced)
		printf("%lld article%s kept without %s source path: the library has newer text from "
		       "that path\n", (long long)s.articles_unsourced,
		       s.articles_unsourced == 1 ? "" : "s", s.articles_unsourced == 1 ? "its" : "their");
	if (s.dates_unread)
		printf("%lld published date%s not read as a date (no year, or not a date): kept as "
		       "written, the article undated\n", (long long)s.dates_unread,
		       s.dates_unread == 1 ? "" : "s");
	return CLI_OK;
}
