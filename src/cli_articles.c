/* cli_articles.c — the commands on articles as a whole: `gloss list`,
 * `show`, `search`, `edit` and `delete`. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gloss/date.h"
#include "gloss/ingest.h"
#include "gloss/ingest_url.h"
#include "gloss/layout.h"
#include "gloss/ner.h"
#include "gloss/store.h"
#include "gloss/util.h"

#include "cli_internal.h"

/* --- list --- */

static const char *const sort_names[STORE_SORT_NSORTS] = {
	[STORE_SORT_IMPORTED] = "imported", [STORE_SORT_TITLE] = "title",
	[STORE_SORT_OUTLET] = "outlet", [STORE_SORT_DATE] = "date", [STORE_SORT_WORDS] = "words",
};

int cli_cmd_list(struct cli *c, int argc, char **argv)
{
	const struct cli_arg *o;
	/* --unread, --feed: only the articles in a set (cli_feed.c). */
	const char *feed = NULL;
	int unread = 0;
	int64_t *only = NULL, shown = 0;
	size_t nonly = 0;
	enum store_sort sort = STORE_SORT_IMPORTED;
	int json = 0, tty = isatty(STDOUT_FILENO), found;
	int64_t offset = 0;
	size_t i;

	CLI_ARGS_EACH(c->args, o) {
		if (cli_arg_is(o, "json")) {
			json = 1;
		} else if (cli_arg_is(o, "unread")) {
			unread = 1;
		} else if (cli_arg_is(o, "feed")) {
			feed = o->value;
		} else if (cli_arg_is(o, "sort")) {
			found = 0;
			for (i = 0; i < STORE_SORT_NSORTS; i++)
				if (strcmp(o->value, sort_names[i]) == 0)
					sort = (enum store_sort)i, found = 1;
			if (!found)
				return cli_usage(c, "unknown sort '%s'", o->value);
		}
	}
	if (argc > 1)
		return cli_usage(c, "unexpected argument '%s'", argv[1]);
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
				cli_json_field(&b, "title", a->title, 1);
				cli_json_field(&b, "outlet", a->outlet, 1);
				cli_json_field(&b, "published", a->published, 1);
				{
					/* The fields the list's covering index leaves out. */
					struct store_article full;
					int got = store_article_get(c->store, a->id, 0, &full) == 0;
					cli_json_field(&b, "byline", got ? full.byline : NULL, 1);
					cli_json_field(&b, "url", got ? full.url : NULL, 1);
					cli_json_field(&b, "lang", got ? full.lang : NULL, 1);
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
				cli_pad_field(a->title, 50);
				fputs("  ", stdout);
				cli_pad_field(a->outlet ? a->outlet : "-", 16);
				{
					char day[DATE_ISO_MAX];
					const char *dd = date_display(a->published, day, sizeof day);
					printf("  %-10s", dd ? dd : "-");
				}
				printf("  %6lld  %3lld  %3lld\n", (long long)a->words, (long long)a->highlights,
				       (long long)a->notes);
			} else {
				printf("%lld\t", (long long)a->id);
				cli_tsv_field(a->title);
				putchar('\t');
				cli_tsv_field(a->outlet);
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

int cli_cmd_show(struct cli *c, int argc, char **argv)
{
	struct store_article a;
	int rc;

	if (argc != 2)
		return cli_usage(c, argc < 2 ? "which article?" : "too many arguments");
	if ((rc = cli_get_article(c, argv[1], 1, &a)) != CLI_OK)
		return rc;
	cli_tsv_field(a.title);
	putchar('\n');
	if (a.outlet || a.byline || a.published || a.published_as) {
		cli_tsv_field(a.outlet);
		fputs(a.outlet && a.byline ? " · " : "", stdout);
		cli_tsv_field(a.byline);
		fputs((a.outlet || a.byline) && (a.published || a.published_as) ? " · " : "", stdout);
		/* ISO 8601; a date that could not be read, as the source wrote it */
		cli_tsv_field(a.published ? a.published : a.published_as);
		if (!a.published)
			fputs(" (as written: not a full date)", stdout);
		putchar('\n');
	}
	if (a.url) {
		cli_tsv_field(a.url);
		if (a.lang) {
			fputs(" · ", stdout);
			cli_tsv_field(a.lang);
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

int cli_cmd_search(struct cli *c, int argc, char **argv)
{
	const struct cli_arg *o;
	struct store_hits hits = {0};
	struct buf q = {0};
	int64_t limit = 20;
	int json = 0, i;
	size_t k;

	CLI_ARGS_EACH(c->args, o) {
		if (cli_arg_is(o, "json"))
			json = 1;
		else if (cli_arg_is(o, "limit") && cli_parse_id(o->value, &limit) != 0)
			return cli_usage(c, "--limit needs a positive number");
	}
	for (i = 1; i < argc; i++) {
		if (q.len)
			buf_addc(&q, ' ');
		buf_adds(&q, argv[i]);
	}
	if (!q.len)
		return cli_usage(c, "search for what?");
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
			cli_json_field(&b, "title", h->title, 1);
			cli_json_field(&b, "outlet", h->outlet, 1);
			/* Matches are marked with [ ] in JSON and text alike. */
			for (p = h->snippet; p && *p; p++)
				*p = *p == 1 ? '[' : *p == 2 ? ']' : *p;
			cli_json_field(&b, "snippet", h->snippet, 1);
			buf_addc(&b, '}');
			fputs(b.s, stdout);
			buf_free(&b);
		} else {
			printf("%lld\t", (long long)h->id);
			cli_tsv_field(h->title);
			putchar('\t');
			for (p = h->snippet; p && *p; p++)
				*p = *p == 1 ? '[' : *p == 2 ? ']' : *p;
			cli_tsv_field(h->snippet);
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

int cli_cmd_edit(struct cli *c, int argc, char **argv)
{
	const struct cli_arg *o;
	struct store_article_edit e = {0};
	int64_t id;
	int rc;

	CLI_ARGS_EACH(c->args, o) {
		if (cli_arg_is(o, "title"))
			e.title = o->value;
		else if (cli_arg_is(o, "outlet"))
			e.outlet = o->value;
		else if (cli_arg_is(o, "date"))
			e.published = o->value;
		else if (cli_arg_is(o, "url"))
			e.url = o->value;
		else if (cli_arg_is(o, "byline"))
			e.byline = o->value;
	}
	if (argc != 2)
		return cli_usage(c, "give one article id");
	if (cli_parse_id(argv[1], &id) != 0)
		return cli_usage(c, "'%s' is not an article id", argv[1]);
	if (!e.title && !e.outlet && !e.published && !e.url && !e.byline)
		return cli_usage(c, "nothing to change");
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

int cli_cmd_delete(struct cli *c, int argc, char **argv)
{
	const struct cli_arg *o;
	int yes = 0, failed = 0, i;

	CLI_ARGS_EACH(c->args, o)
		if (cli_arg_is(o, "yes"))
			yes = 1;
	if (argc < 2)
		return cli_usage(c, "which article?");
	for (i = 1; i < argc; i++) {
		struct store_article a;
		int rc = cli_get_article(c, argv[i], 0, &a);
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
			rc = cli_confirm(q);
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

