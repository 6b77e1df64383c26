/* cli_extract.c — `gloss extract`: what a saved web page would import
 * as (its metadata and body, cleaned as import cleans them), printed as
 * text or as one JSON object, touching no library. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/cli.h"
#include "gloss/cli_args.h"
#include "gloss/extract.h"
#include "gloss/fetch.h"
#include "gloss/import.h"
#include "gloss/ingest.h"
#include "gloss/ingest_url.h"
#include "gloss/layout.h"
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

static int print_page(const char *raw, size_t len, const char *charset, const char *url,
                      const char *name, int json)
{
	struct import_doc doc;
	char err[256], warning[256];

	if (ingest_page(raw, len, charset, url, &doc, warning, sizeof warning, err, sizeof err) != 0) {
		layout_fprintf_safe(stderr, "gloss: cannot extract '%s': %s\n", name, err);
		return CLI_ERROR;
	}
	if (warning[0])
		layout_fprintf_safe(stderr, "gloss: warning: %s: %s\n", name, warning);
	if (json)
		print_json(&doc);
	else
		print_text(&doc);
	import_doc_free(&doc);
	return CLI_OK;
}

/* A page from its address: fetched as import fetches it (offline
 * honoured), then extracted. */
static int extract_url(struct cli *c, char *url, int json)
{
	struct ingest_url_job *jobs = cli_fetch_urls(c, &url, 1, 0);
	struct fetch_response *r = &jobs[0].res;
	char *name = fetch_printable(url, 300);
	int rc = CLI_ERROR;

	if (r->status == FETCH_FAILED) {
		layout_fprintf_safe(stderr, "gloss: %s\n", r->error ? r->error : "cannot fetch");
	} else if (!ingest_url_type_ok(r->content_type) ||
	           !extract_sniff(r->body, r->len, NULL)) {
		char *t = fetch_printable(r->content_type ? r->content_type : "no type", 80);
		layout_fprintf_safe(stderr, "gloss: cannot extract '%s': the server sent %s, not an "
		                    "HTML page\n", name, t);
		free(t);
	} else {
		rc = print_page(r->body, r->len, r->charset, r->final_url ? r->final_url : url, name,
		                json);
	}
	free(name);
	ingest_url_job_free(&jobs[0]);
	free(jobs);
	return rc;
}

int cli_cmd_extract(struct cli *c, int argc, char **argv)
{
	const char *url = cli_args_get(c->args, "url"), *name;
	char *raw = NULL, *path;
	size_t len = 0;
	int json = cli_args_has(c->args, "json"), rc;

	if (argc != 2)
		return cli_usage(c, argc == 1 ? "which page?" : "one page at a time");
	path = argv[1];
	name = strcmp(path, "-") == 0 ? "standard input" : path;
	if (fetch_is_url(path))
		return extract_url(c, path, json);
	if (util_read_file(path, EXTRACT_MAX_BYTES, &raw, &len) != 0) {
		const char *why = errno == EFBIG ? "larger than the 64 MiB limit for web pages"
		                  : errno == EISDIR ? "a directory"
		                                    : strerror(errno);
		layout_fprintf_safe(stderr, "gloss: cannot extract '%s': %s\n", name, why);
		return CLI_ERROR;
	}
	if (!extract_sniff(raw, len, path)) {
		layout_fprintf_safe(stderr, "gloss: cannot extract '%s': %s\n", name,
		                    len ? "not HTML (no HTML markup at the start of it)" : "empty file");
		free(raw);
		return CLI_ERROR;
	}
	rc = print_page(raw, len, NULL, url, name, json);
	free(raw);
	return rc;
}
