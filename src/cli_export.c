/* cli_export.c — the `gloss export` and `gloss restore` commands: option
 * parsing and messages only; the work is export.c's (the UI's `x` calls
 * the same export_markdown). */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gloss/cli.h"
#include "gloss/cli_args.h"
#include "gloss/export.h"
#include "gloss/layout.h"
#include "gloss/store.h"
#include "gloss/util.h"

#include "cli_internal.h"

int cli_cmd_export(struct cli *c, int argc, char **argv)
{
	const struct cli_arg *opt;
	struct export_opts o;
	int64_t *ids = NULL;
	const char **tags = NULL;
	int json = 0, rc = CLI_OK, n;
	char *err = NULL;

	memset(&o, 0, sizeof o);
	CLI_ARGS_EACH(c->args, opt) {
		if (cli_arg_is(opt, "article")) {
			int64_t v;
			if (cli_parse_id(opt->value, &v) != 0) {
				rc = cli_usage(c, "'%s' is not an article id", opt->value);
				goto done;
			}
			ids = xreallocarray(ids, o.narticles + 1, sizeof *ids);
			ids[o.narticles++] = v;
		} else if (cli_arg_is(opt, "tag")) {
			tags = xreallocarray(tags, o.ntags + 1, sizeof *tags);
			tags[o.ntags++] = opt->value;
		} else if (cli_arg_is(opt, "output")) {
			o.file = opt->value;
		} else if (cli_arg_is(opt, "dir")) {
			o.dir = opt->value;
		} else if (cli_arg_is(opt, "wikilinks")) {
			o.wikilinks = 1;
		} else if (cli_arg_is(opt, "timestamps")) {
			o.timestamps = 1;
		} else if (cli_arg_is(opt, "entities")) {
			o.entities = 1;
		} else if (cli_arg_is(opt, "all")) {
			o.all = 1;
		} else if (cli_arg_is(opt, "json")) {
			json = 1;
		}
	}
	if (argc > 1) {
		rc = cli_usage(c, "unexpected argument '%s'", argv[1]);
		goto done;
	}
	if (o.file && o.dir) {
		rc = cli_usage(c, "%s", "give -o FILE or -d DIR, not both");
		goto done;
	}
	if ((o.file && !*o.file) || (o.dir && !*o.dir)) {
		rc = cli_usage(c, "%s", "an empty file or directory name");
		goto done;
	}
	if (json && (o.dir || o.narticles || o.ntags || o.wikilinks || o.timestamps || o.entities || o.all)) {
		rc = cli_usage(c, "%s",
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
		return cli_usage(c, "%s", "give one backup file (from 'gloss export --json')");
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
