/* ui_fetch.c — fetching the feeds from the screens (R in the library).
 * The feeds to ask are read from the store on the main loop (prepare),
 * the network and the parsing run on a thread of their own (fetch), and
 * the main loop imports what came when the thread is done (finish), so
 * SQLite keeps one writer and reading and annotating go on meanwhile.
 * The status line shows progress, then what was new and what failed. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gloss/cli.h"
#include "gloss/feed_sync.h"
#include "gloss/store.h"
#include "gloss/ui.h"
#include "gloss/ui_fetch.h"
#include "gloss/util.h"

static struct {
	struct feed_sync *s;
	size_t nfeeds;
	pthread_t th;
	int running;
	/* Shared with the thread, under lock. */
	uint64_t got;
	int done, cancel;
} job;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char progress_msg[sizeof ui.message];

static int on_progress(void *ctx, size_t index, uint64_t received, uint64_t expected)
{
	int cancel;

	(void)ctx;
	(void)index;
	(void)expected;
	pthread_mutex_lock(&lock);
	job.got = received;
	cancel = job.cancel;
	pthread_mutex_unlock(&lock);
	return cancel;
}

static void *run(void *arg)
{
	struct fetch_opts o = {0};

	(void)arg;
	o.progress = on_progress;
	feed_sync_fetch(job.s, &o);
	pthread_mutex_lock(&lock);
	job.done = 1;
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* The library (wherever it is in the stack) lists the new articles. */
static void library_stale(void)
{
	struct view *v;

	for (v = ui.top; v; v = v->parent)
		if (strcmp(v->ops->name, "library") == 0 && v->ops->resize)
			v->ops->resize(v);
}

struct report {
	size_t errors;
	char first[200];
};

static void on_line(void *ctx, int is_error, const char *text)
{
	struct report *r = ctx;

	if (!is_error)
		return;
	if (!r->errors++)
		snprintf(r->first, sizeof r->first, "%s", text);
}

static void finish(void)
{
	struct feed_sync_totals t;
	struct report r = {0};
	size_t failed = feed_sync_finish(job.s, ui.store, on_line, &r, &t);
	char more[64] = "";

	library_stale();
	if (t.orphaned)
		snprintf(more, sizeof more, " (%zu highlight%s orphaned)", t.orphaned,
		         t.orphaned == 1 ? "" : "s");
	if (failed)
		ui_error("%zu feed%s: %zu new, %zu updated%s, %zu failed: %s%s", t.feeds,
		         t.feeds == 1 ? "" : "s", t.new_items, t.updated, more, failed, r.first,
		         r.errors > 1 ? " (gloss feed list shows each)" : "");
	else
		ui_message("%zu feed%s: %zu new article%s, %zu updated%s", t.feeds,
		           t.feeds == 1 ? "" : "s", t.new_items, t.new_items == 1 ? "" : "s",
		           t.updated, more);
	free(t.new_ids);
}

static void ui_fetch_poll(void)
{
	int done;
	uint64_t got;

	if (!job.running)
		return;
	pthread_mutex_lock(&lock);
	done = job.done;
	got = job.got;
	pthread_mutex_unlock(&lock);
	if (done) {
		pthread_join(job.th, NULL);
		job.running = 0;
		progress_msg[0] = '\0';
		finish();
		feed_sync_free(job.s);
		job.s = NULL;
		return;
	}
	/* Progress, unless a key just said something else. */
	if (!ui.message[0] || strcmp(ui.message, progress_msg) == 0) {
		ui_message("fetching %zu feed%s … %llu KiB", job.nfeeds, job.nfeeds == 1 ? "" : "s",
		           (unsigned long long)(got / 1024));
		snprintf(progress_msg, sizeof progress_msg, "%s", ui.message);
	}
}

static int ui_fetch_busy(void)
{
	return job.running;
}

static void ui_fetch_shutdown(void)
{
	if (!job.running)
		return;
	pthread_mutex_lock(&lock);
	job.cancel = 1;
	pthread_mutex_unlock(&lock);
	pthread_join(job.th, NULL);
	job.running = 0;
	feed_sync_free(job.s);
	job.s = NULL;
}

void ui_fetch_start(void)
{
	static const struct ui_task task = {ui_fetch_poll, ui_fetch_busy, ui_fetch_shutdown};
	char *err = NULL;

	if (job.running) {
		ui_message("already fetching %zu feed%s", job.nfeeds, job.nfeeds == 1 ? "" : "s");
		return;
	}
	if (store_is_readonly(ui.store)) {
		ui_error("the library is read-only");
		return;
	}
	if (ui.cli->offline) {
		ui_error("cannot fetch: gloss is offline (--offline or 'set offline on'), so the "
		         "network was not used");
		return;
	}
	job.s = feed_sync_prepare(ui.store, NULL, 0, 0, time(NULL), &err);
	if (!job.s) {
		ui_error("%s", err ? err : "cannot fetch");
		free(err);
		return;
	}
	job.nfeeds = feed_sync_count(job.s);
	if (job.nfeeds == 0) {
		ui_message("no feeds to fetch (gloss feed add URL follows one)");
		feed_sync_free(job.s);
		job.s = NULL;
		return;
	}
	ui_add_task(&task);
	job.got = 0;
	job.done = job.cancel = 0;
	if (pthread_create(&job.th, NULL, run, NULL) != 0) {
		ui_error("cannot fetch: cannot start a thread");
		feed_sync_free(job.s);
		job.s = NULL;
		return;
	}
	job.running = 1;
	progress_msg[0] = '\0';
	ui_message("fetching %zu feed%s …", job.nfeeds, job.nfeeds == 1 ? "" : "s");
	snprintf(progress_msg, sizeof progress_msg, "%s", ui.message);
}
