/* cli_util.c — what the commands of the command line share: the usage
 * error, ids, JSON and TSV fields, text from data printed safely, the
 * library opened on demand.  It calls no command and not the command
 * table (src/cli.c), so the commands' files depend on it and it on none
 * of them. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/ingest.h"
#include "gloss/layout.h"
#include "gloss/store.h"
#include "gloss/util.h"

#include "cli_internal.h"

int cli_usage(const struct cli *c, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	layout_fprintf_safe(stderr, "gloss: %s\n", msg);
	free(msg);
	fprintf(stderr, "usage: gloss %s %s\n", c->command ? c->command : "",
	        c->usage ? c->usage : "");
	return CLI_USAGE;
}

int cli_parse_id(const char *s, int64_t *id)
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

void cli_json_field(struct buf *b, const char *key, const char *val, int comma)
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
void cli_pad_field(const char *s, int width)
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
void cli_tsv_field(const char *s)
{
	if (s)
		cli_print_safe(s, strlen(s), 1);
}
int cli_get_article(struct cli *c, const char *arg, int with_body, struct store_article *a)
{
	int64_t id;
	int rc;

	if (cli_parse_id(arg, &id) != 0)
		return cli_usage(c, "'%s' is not an article id", arg);
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
int cli_confirm(const char *question)
{
	char line[16];

	layout_fprintf_safe(stderr, "%s [y/N] ", question);
	fflush(stderr);
	if (!fgets(line, sizeof line, stdin))
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

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

