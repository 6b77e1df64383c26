/* cli_extract.c — `gloss extract`: what a saved web page would import
 * as (its metadata and body, cleaned as import cleans them), printed as
 * text or as one JSON object, touching no library. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/cli.h"
#include "gloss/extract.h"
#include "gloss/import.h"
#include "gloss/ingest.h"
#include "gloss/util.h"

static void json_field(struct buf *b, const char *key, const char *val, int last)
{
	buf_printf(b, "  \"%s\": ", key);
	if (val)
		buf_json_str(b, val, strlen(val));
	else
		buf_adds(b, "null");
	buf_adds(b, last ? "\n" : ",\n");
}

static void print_json(const struct import_doc *d)
{
	struct buf b = {0}, text = {0};
	size_t i;

	/* Paragraphs separated by a blank line. */
	for (i = 0; i < d->body_len; i++) {
		if (d->body[i] == '\n')
			buf_addc(&text, '\n');
		buf_addc(&text, d->body[i]);
	}
	buf_adds(&b, "{\n");
	json_field(&b, "title", d->title, 0);
	json_field(&b, "byline", d->byline, 0);
	json_field(&b, "published", d->published, 0);
	json_field(&b, "site", d->outlet, 0);
	json_field(&b, "lang", d->lang, 0);
	json_field(&b, "url", d->url, 0);
	json_field(&b, "text", text.s ? text.s : "", 1);
	buf_adds(&b, "}\n");
	fputs(b.s, stdout);
	buf_free(&b);
	buf_free(&text);
}

static void print_text(const struct import_doc *d)
{
	const char *fields[] = {d->outlet, d->byline, d->published, d->url};
	size_t i, shown = 0;

	cli_print_safe(d->title, strlen(d->title), 1);
	putchar('\n');
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		if (!fields[i])
			continue;
		fputs(shown++ ? " · " : "", stdout);
		cli_print_safe(fields[i], strlen(fields[i]), 1);
	}
	if (shown)
		putchar('\n');
	putchar('\n');
	for (i = 0; i < d->body_len; i++) {
		const char *nl = memchr(d->body + i, '\n', d->body_len - i);
		size_t n = nl ? (size_t)(nl - (d->body + i)) : d->body_len - i;
		cli_print_safe(d->body + i, n, 1);
		fputs(nl ? "\n\n" : "\n", stdout);
		i += n;
	}
}

int cli_cmd_extract(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"url", required_argument, NULL, 'u'},
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	const char *url = NULL, *path, *name;
	struct import_doc doc;
	char *raw = NULL, err[256], warning[256];
	size_t len = 0;
	int ch, json = 0;

	(void)c;
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (ch == 'u')
			url = optarg;
		else if (ch == 'j')
			json = 1;
		else
			return cli_usage("extract", "unknown option");
	}
	if (optind != argc - 1)
		return cli_usage("extract", optind == argc ? "which page?" : "one page at a time");
	path = argv[optind];
	name = strcmp(path, "-") == 0 ? "standard input" : path;
	if (util_read_file(path, EXTRACT_MAX_BYTES, &raw, &len) != 0) {
		const char *why = errno == EFBIG ? "larger than the 64 MiB limit for web pages"
		                  : errno == EISDIR ? "a directory"
		                                    : strerror(errno);
		fputs("gloss: cannot extract '", stderr);
		cli_print_safe_to(stderr, name, strlen(name), 1);
		fprintf(stderr, "': %s\n", why);
		return CLI_ERROR;
	}
	if (!extract_sniff(raw, len, path)) {
		fputs("gloss: cannot extract '", stderr);
		cli_print_safe_to(stderr, name, strlen(name), 1);
		fputs(len ? "': not HTML (no HTML markup at the start of it)\n" : "': empty file\n",
		      stderr);
		free(raw);
		return CLI_ERROR;
	}
	if (ingest_page(raw, len, NULL, url, &doc, warning, sizeof warning, err, sizeof err) != 0) {
		fputs("gloss: cannot extract '", stderr);
		cli_print_safe_to(stderr, name, strlen(name), 1);
		fprintf(stderr, "': %s\n", err);
		free(raw);
		return CLI_ERROR;
	}
	free(raw);
	if (warning[0]) {
		fputs("gloss: warning: ", stderr);
		cli_print_safe_to(stderr, name, strlen(name), 1);
		fprintf(stderr, ": %s\n", warning);
	}
	if (json)
		print_json(&doc);
	else
		print_text(&doc);
	import_doc_free(&doc);
	return CLI_OK;
}
