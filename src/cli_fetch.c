/* cli_fetch.c — the network side of `gloss import URL...`: whether gloss
 * is offline (--offline, or `set offline on` in the configuration file),
 * and fetching every URL of a command at once, with progress on a
 * terminal, before the files and pages are imported in the order given. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gloss/cli.h"
#include "gloss/ingest_url.h"
#include "gloss/theme.h"
#include "gloss/util.h"

static void ignore_error(void *ctx, const char *file, int line, const char *msg)
{
	(void)ctx;
	(void)file;
	(void)line;
	(void)msg;
}

int cli_config_bool(const struct cli *c, const char *name)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *path, *text = NULL;
	size_t len, i;
	struct config cfg = {0};
	int on = 0;

	if (c->config_path)
		path = xstrdup(c->config_path);
	else if (xdg && *xdg == '/')
		path = xasprintf("%s/gloss/config", xdg);
	else
		path = xasprintf("%s/.config/gloss/config", home && *home ? home : ".");
	/* The reader reports a bad configuration file; here only the one
	 * setting matters. */
	if (util_read_file(path, 1 << 20, &text, &len) == 0) {
		config_parse(text, len, path, &cfg, ignore_error, NULL);
		for (i = 0; i < cfg.n; i++) {
			const struct config_line *l = &cfg.v[i];
			if (l->kind == CONFIG_SET && l->argc == 2 && strcmp(l->argv[0], name) == 0)
				on = strcmp(l->argv[1], "on") == 0 || strcmp(l->argv[1], "yes") == 0 ||
				     strcmp(l->argv[1], "true") == 0;
		}
		config_free(&cfg);
		free(text);
	}
	free(path);
	return on;
}

int cli_offline(const struct cli *c)
{
	return c->offline || cli_config_bool(c, "offline");
}

struct progress {
	size_t n;
	uint64_t *got;
	time_t last;
};

static int on_progress(void *ctx, size_t index, uint64_t received, uint64_t expected)
{
	struct progress *p = ctx;
	uint64_t total = 0;
	size_t i;
	time_t t = time(NULL);

	(void)expected;
	p->got[index] = received;
	if (t == p->last)
		return 0;
	p->last = t;
	for (i = 0; i < p->n; i++)
		total += p->got[i];
	fprintf(stderr, "\r\033[Kfetching %zu page%s: %llu KiB", p->n, p->n == 1 ? "" : "s",
	        (unsigned long long)(total / 1024));
	fflush(stderr);
	return 0;
}

struct ingest_url_job *cli_fetch_urls(struct cli *c, char *const *args, size_t n,
                                      long timeout_ms)
{
	struct ingest_url_job *jobs = xcalloc(n ? n : 1, sizeof *jobs), *todo;
	size_t i, ntodo = 0, *where;
	int offline = -1;
	struct fetch_opts o = {0};
	struct progress p = {0};

	where = xcalloc(n ? n : 1, sizeof *where);
	todo = xcalloc(n ? n : 1, sizeof *todo);
	for (i = 0; i < n; i++) {
		char *err = NULL;
		if (!fetch_is_url(args[i]))
			continue;
		if (offline < 0)
			offline = cli_offline(c);
		if (ingest_url_prepare(c->store, args[i], &jobs[i], &err) != 0) {
			jobs[i].res.status = FETCH_FAILED;
			jobs[i].res.error = err;
		} else if (offline) {
			char *u = fetch_printable(args[i], 300);
			jobs[i].res.status = FETCH_FAILED;
			jobs[i].res.error = xasprintf("cannot import '%s': gloss is offline (--offline or "
			                              "'set offline on'), so the network was not used", u);
			free(u);
		} else {
			where[ntodo] = i;
			todo[ntodo++] = jobs[i];
		}
	}
	if (ntodo) {
		o.timeout_ms = timeout_ms;
		if (isatty(STDERR_FILENO)) {
			p.n = ntodo;
			p.got = xcalloc(ntodo, sizeof *p.got);
			p.last = time(NULL);
			o.progress = on_progress;
			o.ctx = &p;
		}
		ingest_url_fetch(todo, ntodo, &o);
		if (p.got) {
			fputs("\r\033[K", stderr);
			free(p.got);
		}
		for (i = 0; i < ntodo; i++)
			jobs[where[i]] = todo[i];
	}
	free(todo);
	free(where);
	return jobs;
}
