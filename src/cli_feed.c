/* cli_feed.c — `gloss feed` (add, list, remove, rename, interval,
 * import-opml, export-opml, prune) and `gloss fetch`: following outlets
 * by their feeds.  The work is feed.c's (reading), store_feed.c's
 * (keeping) and feed_sync.c's (fetching and importing); this file reads
 * arguments and prints, every string from data through the safe output. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gloss/cli.h"
#include "gloss/cli_args.h"
#include "gloss/extract.h"
#include "gloss/feed.h"
#include "gloss/feed_sync.h"
#include "gloss/fetch.h"
#include "gloss/import.h"
#include "gloss/layout.h"
#include "gloss/store_feed.h"
#include "gloss/util.h"

#include "cli_internal.h"

#define usage(...) cli_usage(c, __VA_ARGS__)

static int find(struct cli *c, const char *name, struct store_feed *f)
{
	int rc = store_feed_find(c->store, name, f);

	if (rc == 1)
		layout_fprintf_safe(stderr, "gloss: no feed '%s' (gloss feed list names them)\n", name);
	else if (rc == 2)
		layout_fprintf_safe(stderr, "gloss: more than one feed is called '%s': give its id or "
		                    "URL\n", name);
	else if (rc < 0)
		fprintf(stderr, "gloss: %s\n", store_errmsg(c->store));
	return rc;
}

/* --- feed add --- */

/* Fetch url and parse it as a feed; a page that advertises a feed gives
 * that feed (and *url becomes its address).  0, or -1 after printing. */
static int fetch_feed(struct cli *c, char **url, struct feed *out, long timeout_ms)
{
	struct fetch_request req = {0};
	struct fetch_response res = {0};
	struct fetch_opts o = {0};
	char why[256];
	int hop;

	if (cli_offline(c)) {
		layout_fprintf_safe(stderr, "gloss: cannot add '%s': gloss is offline (--offline or "
		                    "'set offline on'), so the network was not used\n", *url);
		return -1;
	}
	o.timeout_ms = timeout_ms;
	o.max_bytes = FEED_MAX_BYTES;
	for (hop = 0; hop < 2; hop++) {
		char *shown = fetch_printable(*url, 300);
		req.url = *url;
		if (fetch_one(&req, &o, &res) != 0) {
			fprintf(stderr, "gloss: %s\n", res.error ? res.error : "cannot fetch");
			fetch_response_free(&res);
			free(shown);
			return -1;
		}
		if (feed_parse(res.body, res.len, res.final_url ? res.final_url : *url, out, why,
		               sizeof why) == 0) {
			fetch_response_free(&res);
			free(shown);
			return 0;
		}
		if (hop == 0 && extract_sniff(res.body, res.len, NULL)) {
			char *link = feed_find_link(res.body, res.len, res.final_url ? res.final_url : *url);
			if (link) {
				free(*url);
				*url = link;
				fetch_response_free(&res);
				free(shown);
				continue;
			}
			fprintf(stderr, "gloss: cannot add '%s': a web page that advertises no feed "
			        "(no <link rel=\"alternate\" type=\"application/rss+xml\">)\n", shown);
		} else {
			fprintf(stderr, "gloss: cannot add '%s': %s\n", shown, why);
		}
		fetch_response_free(&res);
		free(shown);
		return -1;
	}
	return -1;
}

static int feed_add(struct cli *c, int argc, char **argv)
{
	const struct cli_arg *opt;
	struct cli_args a;
	char *arg;
	const char *title = NULL;
	long interval = -1, timeout_ms = 0;
	char *url, why[256], *end;
	struct feed f;
	int64_t id;
	int rc;

	/* The subcommand's own options: argv[0] is "add". */
	if (cli_args_parse("title= interval= timeout=", "feed", FEED_USAGE, argc, argv, &a) != 0)
		return CLI_USAGE;
	rc = CLI_OK;
	CLI_ARGS_EACH(&a, opt) {
		if (cli_arg_is(opt, "title"))
			title = opt->value;
		else if (cli_arg_is(opt, "interval")) {
			interval = strtol(opt->value, &end, 10);
			if (*end || interval < 0 || interval > 525600) {
				rc = usage("--interval takes minutes (0 to 525600), not '%s'", opt->value);
				break;
			}
		} else if (cli_arg_is(opt, "timeout")) {
			double s = strtod(opt->value, &end);
			if (*end || s <= 0 || s > 3600) {
				rc = usage("--timeout takes seconds (up to 3600), not '%s'", opt->value);
				break;
			}
			timeout_ms = (long)(s * 1000);
		}
	}
	if (rc == CLI_OK && a.argc != 2)
		rc = usage("%s", a.argc == 1 ? "which feed (its URL, or a page's)?"
		                             : "one feed at a time");
	arg = rc == CLI_OK ? a.argv[1] : NULL; /* a string of argv's */
	cli_args_free(&a);
	if (rc != CLI_OK)
		return rc;
	if (fetch_url_check(arg, why, sizeof why) != 0) {
		layout_fprintf_safe(stderr, "gloss: cannot add '%s': %s\n", arg, why);
		return CLI_ERROR;
	}
	url = xstrdup(arg);
	if (fetch_feed(c, &url, &f, timeout_ms) != 0) {
		free(url);
		return CLI_ERROR;
	}
	rc = store_feed_add(c->store, url, f.title, &id);
	if (rc < 0) {
		fprintf(stderr, "gloss: %s\n", store_errmsg(c->store));
	} else {
		if (title)
			store_feed_rename(c->store, id, title);
		if (interval >= 0)
			store_feed_set_interval(c->store, id, interval);
		layout_fprintf_safe(stdout, "%s feed %lld: %s (%s, %zu item%s) %s\n",
		                    rc == 1 ? "already following" : "added", (long long)id,
		                    title ? title : f.title[0] ? f.title : url, feed_format_name(f.format),
		                    f.n, f.n == 1 ? "" : "s", url);
		if (rc == 0)
			printf("gloss fetch imports its items\n");
	}
	feed_free(&f);
	free(url);
	return rc < 0 ? CLI_ERROR : CLI_OK;
}

/* --- feed list --- */

static void json_str(struct buf *b, const char *key, const char *v, int comma)
{
	buf_printf(b, "\"%s\": ", key);
	if (v)
		buf_json_str(b, v, strlen(v));
	else
		buf_adds(b, "null");
	if (comma)
		buf_adds(b, ", ");
}

static int feed_list(struct cli *c, int argc, char **argv)
{
	struct store_feeds all;
	int json = 0;
	size_t i;

	if (argc == 2 && strcmp(argv[1], "--json") == 0)
		json = 1;
	else if (argc > 1)
		return usage("unexpected argument '%s'", argv[1]);
	if (store_feed_list(c->store, &all) != 0) {
		fprintf(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	if (json) {
		struct buf b = {0};
		buf_adds(&b, "[");
		for (i = 0; i < all.n; i++) {
			const struct store_feed *f = &all.v[i];
			buf_printf(&b, "%s\n  {\"id\": %lld, ", i ? "," : "", (long long)f->id);
			json_str(&b, "title", store_feed_name(f), 1);
			json_str(&b, "feed_title", f->title, 1);
			json_str(&b, "url", f->url, 1);
			json_str(&b, "site", f->site_url, 1);
			buf_printf(&b, "\"items\": %lld, \"unread\": %lld, \"interval\": %lld, ",
			           (long long)f->items, (long long)f->unread, (long long)f->interval_min);
			json_str(&b, "last_fetched", f->fetched_at, 1);
			json_str(&b, "last_error", f->error, 0);
			buf_adds(&b, "}");
		}
		buf_adds(&b, all.n ? "\n]\n" : "]\n");
		fputs(b.s, stdout);
		buf_free(&b);
	} else {
		if (isatty(STDOUT_FILENO))
			printf("%4s  %-30s  %5s  %6s  %-20s  %s\n", "ID", "TITLE", "ITEMS", "UNREAD",
			       "LAST FETCHED", "URL");
		for (i = 0; i < all.n; i++) {
			const struct store_feed *f = &all.v[i];
			const char *name = store_feed_name(f);
			printf("%4lld  ", (long long)f->id);
			{
				int w = layout_fput_safe(stdout, name, strlen(name), 30);
				printf("%*s", 30 - (w > 30 ? 30 : w), "");
			}
			printf("  %5lld  %6lld  %-20s  ", (long long)f->items, (long long)f->unread,
			       f->fetched_at ? f->fetched_at : "never");
			cli_print_safe(f->url, strlen(f->url), 1);
			putchar('\n');
			if (f->error) {
				fputs("      last error: ", stdout);
				cli_print_safe(f->error, strlen(f->error), 1);
				putchar('\n');
			}
		}
	}
	store_feeds_free(&all);
	return CLI_OK;
}

/* --- remove, rename, interval, prune --- */

static int feed_remove(struct cli *c, int argc, char **argv)
{
	struct store_feed f;
	int with = 0, i, rc;
	const char *name = NULL;
	int64_t del, kept;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--articles") == 0)
			with = 1;
		else if (!name && argv[i][0] != '-')
			name = argv[i];
		else
			return usage("unexpected argument '%s'", argv[i]);
	}
	if (!name)
		return usage("%s", "which feed?");
	if (find(c, name, &f) != 0)
		return CLI_ERROR;
	rc = store_feed_remove(c->store, f.id, with, &del, &kept);
	if (rc < 0) {
		fprintf(stderr, "gloss: %s\n", store_errmsg(c->store));
	} else {
		layout_fprintf_safe(stdout, "removed feed %lld: %s\n", (long long)f.id,
		                    store_feed_name(&f));
		if (with)
			printf("%lld article%s deleted; %lld kept for their annotations\n", (long long)del,
			       del == 1 ? "" : "s", (long long)kept);
		else if (kept)
			printf("its %lld article%s stay in the library (--articles deletes those without "
			       "annotations)\n", (long long)kept, kept == 1 ? "" : "s");
	}
	store_feed_clear(&f);
	return rc < 0 ? CLI_ERROR : CLI_OK;
}

static int feed_rename(struct cli *c, int argc, char **argv)
{
	struct store_feed f;
	char *clean;
	int rc;

	if (argc != 3)
		return usage("%s", "give the feed and its new name (\"\" for the feed's own)");
	if (find(c, argv[1], &f) != 0)
		return CLI_ERROR;
	clean = argv[2][0] ? import_clean_field(argv[2]) : NULL;
	if (argv[2][0] && !clean) {
		store_feed_clear(&f);
		return usage("%s", "the new name is empty once cleaned");
	}
	rc = store_feed_rename(c->store, f.id, clean);
	if (rc < 0)
		fprintf(stderr, "gloss: %s\n", store_errmsg(c->store));
	else
		layout_fprintf_safe(stdout, "feed %lld is now '%s'\n", (long long)f.id,
		                    clean ? clean : f.title[0] ? f.title : f.url);
	free(clean);
	store_feed_clear(&f);
	return rc < 0 ? CLI_ERROR : CLI_OK;
}

static int feed_interval(struct cli *c, int argc, char **argv)
{
	struct store_feed f;
	char *end;
	long m;
	int rc;

	if (argc != 3)
		return usage("%s", "give the feed and minutes (0: the default)");
	m = strtol(argv[2], &end, 10);
	if (*end || m < 0 || m > 525600)
		return usage("the interval is minutes (0 to 525600), not '%s'", argv[2]);
	if (find(c, argv[1], &f) != 0)
		return CLI_ERROR;
	rc = store_feed_set_interval(c->store, f.id, m);
	if (rc < 0)
		fprintf(stderr, "gloss: %s\n", store_errmsg(c->store));
	else if (m)
		layout_fprintf_safe(stdout, "%s: fetched by --due every %ld minutes\n",
		                    store_feed_name(&f), m);
	else
		layout_fprintf_safe(stdout, "%s: fetched by --due at the default interval\n",
		                    store_feed_name(&f));
	store_feed_clear(&f);
	return rc < 0 ? CLI_ERROR : CLI_OK;
}

static int feed_prune(struct cli *c, int argc, char **argv)
{
	struct store_feed f = {0};
	const char *name = NULL;
	long days = -1;
	char *end;
	int i, rc;
	int64_t del, kept;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--older-than") == 0 && i + 1 < argc) {
			days = strtol(argv[++i], &end, 10);
			if (*end || days < 0 || days > 100000)
				return usage("--older-than takes days, not '%s'", argv[i]);
		} else if (!name && argv[i][0] != '-') {
			name = argv[i];
		} else {
			return usage("unexpected argument '%s'", argv[i]);
		}
	}
	if (days < 0)
		return usage("%s", "--older-than DAYS is needed (articles imported before then go)");
	if (name && find(c, name, &f) != 0)
		return CLI_ERROR;
	rc = store_feed_prune(c->store, f.id, days, &del, &kept);
	if (rc < 0)
		fprintf(stderr, "gloss: %s\n", store_errmsg(c->store));
	else
		printf("%lld article%s deleted; %lld kept for their annotations\n", (long long)del,
		       del == 1 ? "" : "s", (long long)kept);
	store_feed_clear(&f);
	return rc < 0 ? CLI_ERROR : CLI_OK;
}

/* --- OPML --- */

static int feed_import_opml(struct cli *c, int argc, char **argv)
{
	struct feed_outlines l;
	char *raw = NULL, why[256];
	size_t len = 0, i, added = 0, known = 0;

	if (argc != 2)
		return usage("%s", "which file (OPML, or newsboat's urls)?");
	if (util_read_file(argv[1], FEED_MAX_BYTES, &raw, &len) != 0) {
		layout_fprintf_safe(stderr, "gloss: cannot read '%s': %s\n", argv[1],
		                    strerror(errno));
		return CLI_ERROR;
	}
	if (feed_list_parse(raw, len, &l, why, sizeof why) != 0) {
		layout_fprintf_safe(stderr, "gloss: cannot import '%s': %s\n", argv[1], why);
		free(raw);
		return CLI_ERROR;
	}
	free(raw);
	for (i = 0; i < l.n; i++) {
		int64_t id;
		int rc = store_feed_add(c->store, l.v[i].url, NULL, &id);
		if (rc < 0) {
			fprintf(stderr, "gloss: %s\n", store_errmsg(c->store));
			feed_outlines_free(&l);
			return CLI_ERROR;
		}
		if (rc == 1) {
			known++;
			continue;
		}
		if (l.v[i].title)
			store_feed_rename(c->store, id, l.v[i].title);
		added++;
	}
	printf("%zu feed%s added, %zu followed already", added, added == 1 ? "" : "s", known);
	if (l.skipped)
		printf(", %zu entr%s skipped (not http or https feeds)", l.skipped,
		       l.skipped == 1 ? "y" : "ies");
	printf("\n");
	if (added)
		printf("gloss fetch imports their items\n");
	feed_outlines_free(&l);
	return CLI_OK;
}

static int feed_export_opml(struct cli *c, int argc, char **argv)
{
	struct store_feeds all;
	struct feed_outline *v;
	struct buf b = {0};
	size_t i;
	const char *out = NULL;

	if (argc == 3 && strcmp(argv[1], "-o") == 0)
		out = argv[2];
	else if (argc != 1)
		return usage("unexpected argument '%s'", argv[1]);
	if (store_feed_list(c->store, &all) != 0) {
		fprintf(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	v = xcalloc(all.n ? all.n : 1, sizeof *v);
	for (i = 0; i < all.n; i++) {
		v[i].url = all.v[i].url;
		v[i].title = (char *)store_feed_name(&all.v[i]);
	}
	feed_opml_write(&b, v, all.n);
	free(v);
	store_feeds_free(&all);
	if (out) {
		char *tmp = xasprintf("%s.tmp", out);
		FILE *f = fopen(tmp, "w");
		if (!f || fwrite(b.s, 1, b.len, f) != b.len || fclose(f) != 0 || rename(tmp, out) != 0) {
			layout_fprintf_safe(stderr, "gloss: cannot write '%s': %s\n", out, strerror(errno));
			unlink(tmp);
			free(tmp);
			buf_free(&b);
			return CLI_ERROR;
		}
		free(tmp);
	} else {
		fwrite(b.s, 1, b.len, stdout);
	}
	buf_free(&b);
	return CLI_OK;
}

int cli_cmd_feed(struct cli *c, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(struct cli *, int, char **);
	} subs[] = {
		{"add", feed_add},
		{"list", feed_list},
		{"remove", feed_remove},
		{"rename", feed_rename},
		{"interval", feed_interval},
		{"import-opml", feed_import_opml},
		{"export-opml", feed_export_opml},
		{"prune", feed_prune},
	};
	size_t i;

	if (argc < 2)
		return usage("%s", "which? add, list, remove, rename, interval, import-opml, "
		                   "export-opml or prune");
	for (i = 0; i < ARRAY_SIZE(subs); i++) {
		if (strcmp(argv[1], subs[i].name) == 0) {
			return subs[i].fn(c, argc - 1, argv + 1);
		}
	}
	return usage("unknown feed command '%s'", argv[1]);
}

/* --- gloss list --unread --feed --- */

int cli_feed_filter(struct cli *c, const char *feed, int unread, int64_t **ids, size_t *n)
{
	struct store_feed f = {0};

	if (feed && find(c, feed, &f) != 0)
		return CLI_ERROR;
	if (store_feed_article_ids(c->store, f.id, unread, ids, n) != 0) {
		fprintf(stderr, "gloss: %s\n", store_errmsg(c->store));
		store_feed_clear(&f);
		return CLI_ERROR;
	}
	store_feed_clear(&f);
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

int cli_feed_filter_has(const int64_t *ids, size_t n, int64_t id)
{
	return n && bsearch(&id, ids, n, sizeof *ids, cmp_id) != NULL;
}

/* --- gloss mark read|unread --- */

int cli_cmd_mark(struct cli *c, int argc, char **argv)
{
	const char *feed = cli_args_get(c->args, "feed");
	int all = cli_args_has(c->args, "all"), unread, i, rc = CLI_OK;
	int64_t *ids = NULL;
	size_t n = 0;

	if (argc < 2)
		return usage("say read or unread");
	if (strcmp(argv[1], "read") == 0)
		unread = 0;
	else if (strcmp(argv[1], "unread") == 0)
		unread = 1;
	else
		return usage("'%s' is neither read nor unread", argv[1]);
	if ((argc > 2) + !!feed + all != 1)
		return usage("give article ids, --feed FEED or --all");
	if (argc > 2) {
		ids = xcalloc((size_t)argc - 2, sizeof *ids);
		for (i = 2; i < argc; i++) {
			struct store_article a;
			int got;
			if (cli_parse_id(argv[i], &ids[n]) != 0) {
				free(ids);
				return usage("'%s' is not an article id", argv[i]);
			}
			got = store_article_get(c->store, ids[n], 0, &a);
			if (got != 0) {
				if (got > 0)
					fprintf(stderr, "gloss: no article %lld; nothing marked\n",
					        (long long)ids[n]);
				else
					fprintf(stderr, "gloss: %s\n", store_errmsg(c->store));
				free(ids);
				return CLI_ERROR;
			}
			store_article_clear(&a);
			n++;
		}
	} else if (cli_feed_filter(c, feed, 0, &ids, &n) != 0) {
		return CLI_ERROR;
	}
	if (store_unread_set_many(c->store, ids, n, unread, NULL) != 0) {
		fprintf(stderr, "gloss: %s\n", store_errmsg(c->store));
		rc = CLI_ERROR;
	} else {
		printf("marked %zu article%s %s\n", n, n == 1 ? "" : "s", unread ? "unread" : "read");
	}
	free(ids);
	return rc;
}

/* --- gloss fetch --- */

struct fetch_ctx {
	int quiet;
	time_t last;
	uint64_t total;
	size_t n;
};

static void on_line(void *ctx, int is_error, const char *text)
{
	struct fetch_ctx *fc = ctx;

	if (is_error)
		layout_fprintf_safe(stderr, "gloss: %s\n", text);
	else if (!fc->quiet)
		layout_fprintf_safe(stdout, "%s\n", text);
}

static int on_progress(void *ctx, size_t index, uint64_t received, uint64_t expected)
{
	struct fetch_ctx *fc = ctx;
	time_t t = time(NULL);

	(void)index;
	(void)expected;
	(void)received;
	if (t == fc->last)
		return 0;
	fc->last = t;
	fprintf(stderr, "\r\033[Kfetching %zu feed%s...", fc->n, fc->n == 1 ? "" : "s");
	fflush(stderr);
	return 0;
}

int cli_cmd_fetch(struct cli *c, int argc, char **argv)
{
	const struct cli_arg *opt;
	struct fetch_ctx fc = {0};
	struct fetch_opts o = {0};
	struct feed_sync *s;
	struct feed_sync_totals t;
	int64_t *ids;
	size_t n = 0, failed;
	int due = 0, i, progress;
	char *err = NULL, *end;

	CLI_ARGS_EACH(c->args, opt) {
		if (cli_arg_is(opt, "quiet"))
			fc.quiet = 1;
		else if (cli_arg_is(opt, "due"))
			due = 1;
		else if (cli_arg_is(opt, "timeout")) {
			double sec = strtod(opt->value, &end);
			if (*end || sec <= 0 || sec > 3600)
				return cli_usage(c, "--timeout takes seconds (up to 3600), not '%s'",
				                 opt->value);
			o.timeout_ms = (long)(sec * 1000);
		}
	}
	ids = xcalloc((size_t)argc, sizeof *ids);
	for (i = 1; i < argc; i++) {
		struct store_feed f;
		if (find(c, argv[i], &f) != 0) {
			free(ids);
			return CLI_ERROR;
		}
		ids[n++] = f.id;
		store_feed_clear(&f);
	}
	if (cli_offline(c)) {
		fprintf(stderr, "gloss: cannot fetch: gloss is offline (--offline or 'set offline on'), "
		        "so the network was not used\n");
		free(ids);
		return CLI_ERROR;
	}
	s = feed_sync_prepare(c->store, ids, n, due, time(NULL), &err);
	free(ids);
	if (!s) {
		fprintf(stderr, "gloss: %s\n", err);
		free(err);
		return CLI_ERROR;
	}
	if (feed_sync_count(s) == 0) {
		if (!fc.quiet) {
			if (feed_sync_skipped(s))
				printf("no feed is due (%zu fetched recently; gloss fetch without --due asks "
				       "them all)\n", feed_sync_skipped(s));
			else
				printf("no feeds (gloss feed add URL follows one)\n");
		}
		feed_sync_free(s);
		return CLI_OK;
	}
	progress = isatty(STDERR_FILENO) && !fc.quiet;
	fc.n = feed_sync_count(s);
	if (progress) {
		o.progress = on_progress;
		o.ctx = &fc;
		fc.last = 0;
	}
	feed_sync_fetch(s, &o);
	if (progress)
		fputs("\r\033[K", stderr);
	failed = feed_sync_finish(s, c->store, on_line, &fc, &t);
	if (!fc.quiet || failed) {
		printf("%zu feed%s: %zu new article%s, %zu updated", t.feeds, t.feeds == 1 ? "" : "s",
		       t.new_items, t.new_items == 1 ? "" : "s", t.updated);
		if (t.orphaned)
			printf(" (%zu highlight%s orphaned: gloss annotations --orphaned)", t.orphaned,
			       t.orphaned == 1 ? "" : "s");
		if (failed)
			printf(", %zu failed", failed);
		if (feed_sync_skipped(s))
			printf(", %zu not due", feed_sync_skipped(s));
		printf("\n");
	}
	free(t.new_ids);
	feed_sync_free(s);
	return failed ? CLI_ERROR : CLI_OK;
}
