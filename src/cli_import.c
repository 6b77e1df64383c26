/* cli_import.c — `gloss import`: files, directories, web pages and
 * standard input into the library, in one batch, with progress on a
 * terminal and a summary of what was imported, updated or failed. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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

/* --- import --- */

static int is_text_candidate(const char *name)
{
	return name[0] != '.';
}

struct import_batch {
	struct cli *c;
	struct ingest_opts opts;
	int imported, updated, unchanged, failed, total, done;
	int progress; /* stderr is a terminal */
	/* What the files of the open store batch did, said once it commits. */
	struct buf pending;
	int pending_files, pending_imported, pending_updated, pending_unchanged;
	double batch_began; /* monotonic seconds */
	/* The items, for the pipeline's callbacks. */
	char **files;
	struct ingest_url_job *jobs;
};

/* A store batch ends after this many files or this many seconds: one
 * commit writes each touched page once, and an import's pages are all
 * over the mention index, so the longer the batch the fewer writes
 * (make bench: 64 files -> 256, 460 -> 630 articles/s at 10,000); the
 * time bound keeps what a slow import says (it is said at each commit)
 * coming. */
#define IMPORT_BATCH_FILES 256
#define IMPORT_BATCH_SECONDS 2.0

static void progress(struct import_batch *b, const char *name)
{
	int width = 30, filled;

	if (!b->progress || b->total < 2)
		return;
	filled = b->total ? b->done * width / b->total : width;
	fprintf(stderr, "\r\033[K[%.*s%*s] %d/%d ", filled,
	        "##############################", width - filled, "", b->done, b->total);
	layout_fput_safe(stderr, name, strlen(name), 40);
	if (b->done == b->total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* Commit the open batch, then say what its files did; if the commit
 * fails, none of them was saved and each is reported as failed. */
static void flush_batch(struct import_batch *b)
{
	if (!b->pending_files)
		return;
	if (store_batch_commit(b->c->store) != 0) {
		if (b->progress)
			fputs("\r\033[K", stderr);
		layout_fprintf_safe(stderr, "gloss: %d file%s not imported: %s\n", b->pending_files,
		        b->pending_files == 1 ? "" : "s", store_errmsg(b->c->store));
		b->failed += b->pending_files;
	} else {
		if (b->pending.len)
			layout_fput_safe(stdout, b->pending.s, b->pending.len, -1);
		b->imported += b->pending_imported;
		b->updated += b->pending_updated;
		b->unchanged += b->pending_unchanged;
	}
	b->pending.len = 0;
	if (b->pending.s)
		b->pending.s[0] = '\0';
	b->pending_files = b->pending_imported = b->pending_updated = b->pending_unchanged = 0;
	fflush(stdout);
}

/* Say (once the batch commits) what importing name did. */
static void import_done(struct import_batch *b, const struct ingest_result *res, const char *name)
{
	if (res->warning[0]) {
		if (b->progress)
			fputs("\r\033[K", stderr);
		layout_fprintf_safe(stderr, "gloss: warning: %s: %s\n", name, res->warning);
	}
	b->pending_files++;
	switch (res->status) {
	case STORE_IMPORTED:
		b->pending_imported++;
		if (!b->progress || b->total < 2)
			buf_printf(&b->pending, "imported %lld %s\n", (long long)res->id, name);
		break;
	case STORE_UPDATED:
		b->pending_updated++;
		buf_printf(&b->pending, "updated %lld %s", (long long)res->id, name);
		if (res->orphaned)
			buf_printf(&b->pending, " (%d highlight%s orphaned: 'gloss annotations "
			           "--orphaned' lists them)", res->orphaned, res->orphaned == 1 ? "" : "s");
		buf_addc(&b->pending, '\n');
		break;
	default:
		b->pending_unchanged++;
		buf_printf(&b->pending, "unchanged %lld %s (already in the library)\n",
		           (long long)res->id, name);
		break;
	}
}

static double seconds_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A store batch open for the next file: 0, or -1 (said, and counted as
 * the file's failure). */
static int batch_open(struct import_batch *b)
{
	if (b->pending_files)
		return 0;
	if (store_batch_begin(b->c->store) != 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(b->c->store));
		b->failed++;
		b->done++;
		return -1;
	}
	b->batch_began = seconds_now();
	return 0;
}

/* What importing a file or page did, counted and said (err is freed). */
static void import_said(struct import_batch *b, int rc, const struct ingest_result *res, char *err,
                        const char *path, struct ingest_url_job *job)
{
	if (rc != 0) {
		if (b->progress)
			fputs("\r\033[K", stderr);
		layout_fprintf_safe(stderr, "gloss: %s\n", err);
		free(err);
		b->failed++;
	} else if (job) {
		char *name = fetch_printable(job->url, 300);
		import_done(b, res, name);
		free(name);
	} else {
		import_done(b, res, strcmp(path, "-") == 0 ? "standard input" : path);
	}
	b->done++;
	if (b->pending_files >= IMPORT_BATCH_FILES ||
	    (b->pending_files && seconds_now() - b->batch_began >= IMPORT_BATCH_SECONDS))
		flush_batch(b);
	progress(b, path);
}

/* Import a file, or a page fetched already (job != NULL). */
static void import_one(struct import_batch *b, const char *path, struct ingest_url_job *job)
{
	struct ingest_result res = {0};
	char *err = NULL;
	int rc;

	if (batch_open(b) != 0)
		return;
	rc = job ? ingest_url_finish(b->c->store, job, &b->opts, &res, &err)
	         : ingest_file(b->c->store, path, &b->opts, &res, &err);
	import_said(b, rc, &res, err, path, job);
}

/* The pipeline's second thread: a file's bytes (pages fetched already
 * and standard input are left to import_one). */
static void pipe_read(void *ctx, size_t i, struct ingest_item *it)
{
	struct import_batch *b = ctx;
	const char *path = b->files[i];

	if (b->jobs[i].url || strcmp(path, "-") == 0) {
		it->skip = 1;
		return;
	}
	it->name = xstrdup(path);
	(void)ingest_read(path, &it->raw, &it->len, &it->source, &it->err);
}

/* The caller's thread, in order: store what the second thread made. */
static void pipe_take(void *ctx, size_t i, struct ingest_item *it)
{
	struct import_batch *b = ctx;
	struct ingest_result res = {0};
	char *err = NULL;
	int rc = -1;

	if (it->skip) {
		import_one(b, b->files[i], b->jobs[i].url ? &b->jobs[i] : NULL);
		return;
	}
	if (batch_open(b) != 0)
		return;
	if (it->err) {
		err = it->err;
		it->err = NULL;
	} else {
		rc = ingest_prep_store(b->c->store, &it->prep, it->source, it->name, it->raw, it->len,
		                       &b->opts, &res, &err);
	}
	import_said(b, rc, &res, err, b->files[i], NULL);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of a directory, sorted, not recursing. */
static int list_dir(const char *dir, char ***out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char *p;
		struct stat sb;
		if (!is_text_candidate(e->d_name))
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (stat(p, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			free(p);
			continue;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[(*n)++] = p;
	}
	closedir(d);
	if (*n)
		qsort(*out, *n, sizeof **out, cmp_str);
	return 0;
}

int cli_cmd_import(struct cli *c, int argc, char **argv)
{
	const struct cli_arg *o;
	struct import_batch b = {0};
	struct ingest_url_job *jobs;
	char **files = NULL;
	size_t nfiles = 0, cap = 0, i;
		long timeout_ms = 0;

	b.c = c;
	CLI_ARGS_EACH(c->args, o) {
		if (cli_arg_is(o, "url"))
			b.opts.url = o->value;
		else if (cli_arg_is(o, "encoding"))
			b.opts.encoding = o->value;
		else if (cli_arg_is(o, "replace") && cli_parse_id(o->value, &b.opts.replace_id) != 0)
			return cli_usage(c, "--replace needs an article id, not '%s'", o->value);
		else if (cli_arg_is(o, "offline"))
			c->offline = 1;
		else if (cli_arg_is(o, "timeout")) {
			int64_t secs;
			if (cli_parse_id(o->value, &secs) != 0 || secs > 86400)
				return cli_usage(c, "--timeout needs seconds (1 to 86400), not '%s'",
				                   o->value);
			timeout_ms = (long)secs * 1000;
		}
	}
	if (argc < 2)
		return cli_usage(c, "nothing to import");
	if (b.opts.replace_id && argc != 2)
		return cli_usage(c, "--replace takes exactly one file");

	for (i = 1; i < (size_t)argc; i++) {
		struct stat sb;
		if (strcmp(argv[i], "-") != 0 && !fetch_is_url(argv[i]) && stat(argv[i], &sb) == 0 &&
		    S_ISDIR(sb.st_mode) && !b.opts.replace_id) {
			char **sub;
			size_t nsub, j;
			if (list_dir(argv[i], &sub, &nsub) != 0) {
				layout_fprintf_safe(stderr, "gloss: cannot import '%s': %s\n", argv[i], strerror(errno));
				b.failed++;
				continue;
			}
			if (nsub == 0) {
				layout_fprintf_safe(stderr, "gloss: cannot import '%s': the directory has no files\n",
				        argv[i]);
				b.failed++;
			}
			for (j = 0; j < nsub; j++) {
				if (nfiles == cap) {
					cap = cap ? cap * 2 : 16;
					files = xreallocarray(files, cap, sizeof *files);
				}
				files[nfiles++] = sub[j];
			}
			free(sub);
			continue;
		}
		if (nfiles == cap) {
			cap = cap ? cap * 2 : 16;
			files = xreallocarray(files, cap, sizeof *files);
		}
		files[nfiles++] = xstrdup(argv[i]);
	}
	b.total = (int)nfiles;
	b.progress = isatty(STDERR_FILENO);
	/* Every page at once, then pages and files in the order given, a
	 * second thread reading and preparing files ahead. */
	jobs = cli_fetch_urls(c, files, nfiles, timeout_ms);
	b.files = files;
	b.jobs = jobs;
	store_bulk(c->store, 1);
	ingest_pipeline(nfiles, &b.opts, pipe_read, pipe_take, &b);
	for (i = 0; i < nfiles; i++) {
		ingest_url_job_free(&jobs[i]);
		free(files[i]);
	}
	free(jobs);
	flush_batch(&b);
	/* A batch begun for files that all failed has nothing to commit. */
	store_batch_commit(c->store);
	store_bulk(c->store, 0);
	buf_free(&b.pending);
	free(files);
	if (b.progress && b.total > 1)
		fprintf(stderr, "imported %d, updated %d, unchanged %d, failed %d\n", b.imported,
		        b.updated, b.unchanged, b.failed);
	return b.failed ? CLI_ERROR : CLI_OK;
}

