/* ui_import.c — importing from the screens: `i` asks for a URL or a path
 * (the path prompt, with a history; Tab completes paths) and imports it without
 * holding up the screen.  The network (or the file read) runs on a
 * thread of its own; the main loop polls (ui_import_poll), and only it
 * touches the store, so SQLite keeps one writer.  The status line shows
 * progress, then the new article's title or why it failed. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gloss/cli.h"
#include "gloss/import.h"
#include "gloss/ingest.h"
#include "gloss/ingest_url.h"
#include "gloss/prompt_path.h"
#include "gloss/store.h"
#include "gloss/ui.h"
#include "gloss/ui_import.h"
#include "gloss/util.h"

struct bg {
	struct bg *next;
	char *what;  /* as typed, for messages */
	char *path;  /* a file: ~ expanded */
	int is_url;
	struct ingest_url_job job;
	char *raw;   /* a file's bytes */
	size_t len;
	int read_errno;
	pthread_t th;
	/* Shared with the thread, under lock. */
	uint64_t got;
	int done, cancel;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct bg *jobs;
static char progress_msg[sizeof ui.message];

static struct {
	char **v;
	size_t n, cap;
} history;

/* --- the thread --- */

static int on_progress(void *ctx, size_t index, uint64_t received, uint64_t expected)
{
	struct bg *b = ctx;
	int cancel;

	(void)index;
	(void)expected;
	pthread_mutex_lock(&lock);
	b->got = received;
	cancel = b->cancel;
	pthread_mutex_unlock(&lock);
	return cancel;
}

static void *run(void *arg)
{
	struct bg *b = arg;

	if (b->is_url) {
		struct fetch_opts o = {0};
		o.progress = on_progress;
		o.ctx = b;
		ingest_url_fetch(&b->job, 1, &o);
	} else if (util_read_file(b->path, IMPORT_MAX_BYTES, &b->raw, &b->len) != 0) {
		b->read_errno = errno ? errno : EIO;
	}
	pthread_mutex_lock(&lock);
	b->done = 1;
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* --- the main loop's side --- */

static void bg_free(struct bg *b)
{
	ingest_url_job_free(&b->job);
	free(b->what);
	free(b->path);
	free(b->raw);
	free(b);
}

static void remember(const char *what)
{
	size_t i;

	for (i = 0; i < history.n; i++) {
		if (strcmp(history.v[i], what) == 0) {
			char *s = history.v[i];
			memmove(&history.v[i], &history.v[i + 1], (history.n - i - 1) * sizeof *history.v);
			history.v[history.n - 1] = s;
			return;
		}
	}
	VEC_PUSH(&history, xstrdup(what));
}

static void ui_import_poll(void);

static void ui_import_start(const char *what)
{
	struct bg *b = xcalloc(1, sizeof *b);
	char *err = NULL;

	b->what = xstrdup(what);
	if (fetch_is_url(what)) {
		b->is_url = 1;
		if (ingest_url_prepare(ui.store, what, &b->job, &err) != 0) {
			ui_error("%s", err);
			free(err);
			bg_free(b);
			return;
		}
		if (ui.cli->offline) {
			char *u = fetch_printable(what, 200);
			ui_error("cannot import '%s': gloss is offline (--offline or 'set offline on'), "
			         "so the network was not used", u);
			free(u);
			bg_free(b);
			return;
		}
	} else {
		struct stat sb;
		if (!(b->path = prompt_path_expand(what, &err))) {
			ui_error("cannot import '%s': %s", what, err);
			free(err);
			bg_free(b);
			return;
		}
		if (stat(b->path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			ui_error("cannot import '%s': a directory (gloss import DIR imports its files)",
			         what);
			bg_free(b);
			return;
		}
	}
	if (pthread_create(&b->th, NULL, run, b) != 0) {
		ui_error("cannot import '%s': cannot start a thread", what);
		bg_free(b);
		return;
	}
	b->next = jobs;
	jobs = b;
	progress_msg[0] = '\0';
	ui_import_poll();
}

/* The library (wherever it is in the stack) lists the new article. */
static void library_stale(void)
{
	struct view *v;

	for (v = ui.top; v; v = v->parent)
		if (strcmp(v->ops->name, "library") == 0 && v->ops->resize)
			v->ops->resize(v);
}

static void finish(struct bg *b)
{
	struct ingest_opts o = {0};
	struct ingest_result res = {0};
	struct store_article a = {0};
	char *err = NULL, *abs = NULL;
	int rc;

	if (b->is_url) {
		rc = ingest_url_finish(ui.store, &b->job, &o, &res, &err);
	} else if (b->read_errno) {
		const char *why = b->read_errno == EFBIG ? "larger than the 256 MiB limit"
		                                         : strerror(b->read_errno);
		err = xasprintf("cannot import '%s': %s", b->what, why);
		rc = -1;
	} else {
		abs = realpath(b->path, NULL);
		rc = ingest_bytes(ui.store, abs ? abs : b->path, b->what, b->raw, b->len, &o, &res,
		                  &err);
		free(abs);
	}
	if (rc != 0) {
		ui_error("%s", err ? err : "cannot import");
		free(err);
		return;
	}
	library_stale();
	if (store_article_get(ui.store, res.id, 0, &a) != 0)
		a.title = NULL;
	if (res.status == STORE_UPDATED && res.orphaned)
		ui_message("updated %lld: %s (%d highlight%s orphaned%s)", (long long)res.id,
		           a.title && *a.title ? a.title : "(untitled)", res.orphaned,
		           res.orphaned == 1 ? "" : "s", ui_keyed("library", REQ_ANNOTATIONS, ": %s lists them"));
	else
		ui_message("%s %lld: %s", res.status == STORE_IMPORTED  ? "imported"
		                          : res.status == STORE_UPDATED ? "updated"
		                                                        : "unchanged",
		           (long long)res.id, a.title && *a.title ? a.title : "(untitled)");
	store_article_clear(&a);
}

static void ui_import_poll(void)
{
	struct bg **pp = &jobs, *b;
	int running = 0;
	uint64_t got = 0;
	const char *name = NULL;

	while ((b = *pp)) {
		int done;
		pthread_mutex_lock(&lock);
		done = b->done;
		if (!done) {
			got += b->got;
			name = b->what;
		}
		pthread_mutex_unlock(&lock);
		if (!done) {
			running++;
			pp = &b->next;
			continue;
		}
		pthread_join(b->th, NULL);
		*pp = b->next;
		progress_msg[0] = '\0';
		finish(b);
		bg_free(b);
	}
	/* Progress, unless a key just said something else. */
	if (running && (!ui.message[0] || strcmp(ui.message, progress_msg) == 0)) {
		if (running == 1)
			ui_message("fetching %.150s … %llu KiB", name, (unsigned long long)(got / 1024));
		else
			ui_message("fetching %d pages … %llu KiB", running,
			           (unsigned long long)(got / 1024));
		snprintf(progress_msg, sizeof progress_msg, "%s", ui.message);
	}
}

static int ui_import_busy(void)
{
	return jobs != NULL;
}

static void ui_import_shutdown(void)
{
	struct bg *b;

	pthread_mutex_lock(&lock);
	for (b = jobs; b; b = b->next)
		b->cancel = 1;
	pthread_mutex_unlock(&lock);
	while ((b = jobs)) {
		pthread_join(b->th, NULL);
		jobs = b->next;
		bg_free(b);
	}
	for (size_t i = 0; i < history.n; i++)
		free(history.v[i]);
	free(history.v);
	memset(&history, 0, sizeof history);
}

/* --- the prompt --- */

struct ask {
	size_t pos; /* in history; history.n: the text being typed */
};

static char *recall(void *ctx, int dir)
{
	struct ask *a = ctx;

	if (dir < 0 && a->pos > 0)
		a->pos--;
	else if (dir > 0 && a->pos < history.n)
		a->pos++;
	else
		return NULL;
	return xstrdup(a->pos < history.n ? history.v[a->pos] : "");
}

void ui_import_ask(void)
{
	static const struct ui_task task = {ui_import_poll, ui_import_busy, ui_import_shutdown};
	struct ask a = {history.n};
	struct ui_path_opts o = {.urls = 1, .recall = recall, .ctx = &a};
	char *what, *p, *end;

	if (store_is_readonly(ui.store)) {
		ui_error("the library is read-only");
		return;
	}
	ui_add_task(&task);
	what = ui_prompt_path("import URL or file: ", NULL, &o);
	if (!what) {
		ui_message("import cancelled");
		return;
	}
	for (p = what; *p == ' ' || *p == '\t'; p++)
		;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	if (!*p) {
		ui_message("import cancelled");
	} else {
		remember(p);
		ui_import_start(p);
	}
	free(what);
}
