/* bench_huge.c — `bench huge MB`: opening one article of MB megabytes in
 * the reader, against reading the same bytes from a file with read(2).
 *
 * The article is generated here and never committed: the paragraphs of
 * the bundled articles (data/articles/), one after another over and over,
 * every 5,000th led by a numbered "Section N." line, until MB megabytes;
 * the recognizer runs over it and it is stored with store_import in a
 * temporary library (which takes a while at 100 MB: the full-text index
 * is built as on a real import).  The reader's open is then measured in
 * a fresh process (this program again, `bench huge-open DB`), so its peak
 * RSS is the reader's alone: the first part of the body read, the
 * mentions near the top, the paragraphs found and the first screen
 * wrapped and split into sentences, as view_reader_open does before its
 * first draw; then the rest of the body read in parts, as the reader does
 * while no key waits.  The baseline is the
 * same process shape reading the article's bytes from a file
 * (`bench huge-read FILE`). */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gloss/embedded.h"
#include "gloss/import.h"
#include "gloss/layout.h"
#include "gloss/ner.h"
#include "gloss/sentence.h"
#include "gloss/store.h"
#include "gloss/util.h"

int bench_huge(size_t mb, const char *self);
int bench_huge_open(const char *db);
int bench_huge_read(const char *file);

static double wall_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double peak_mb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024.0;
}

static struct buf make_body(size_t mb)
{
	struct buf b = {0};
	size_t k, n = 0;

	while (b.len < mb * 1000000) {
		for (k = 0; k < embedded_count && b.len < mb * 1000000; k++) {
			const char *p, *end;
			if (strncmp(embedded_files[k].name, "data/articles/", 14) != 0)
				continue;
			p = (const char *)embedded_files[k].data;
			end = p + embedded_files[k].len;
			while (p < end) {
				const char *nl = memchr(p, '\n', (size_t)(end - p));
				size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
				if (len) {
					if (n % 5000 == 0)
						buf_printf(&b, "Section %zu. ", n / 5000);
					buf_add(&b, p, len);
					buf_adds(&b, "\n");
					n++;
				}
				p += len + 1;
			}
		}
	}
	buf_adds(&b, "The last paragraph: the zebrafinch quarry, said Angela Merkel in Berlin.");
	return b;
}

/* Run this program again with two arguments; its output goes to ours. */
static int run_self(const char *self, const char *what, const char *arg)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		execl(self, self, what, arg, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int bench_huge(size_t mb, const char *self)
{
	const char *tmp = getenv("TMPDIR");
	char *db = xasprintf("%s/gloss-bench-%ld-huge.db", tmp && *tmp ? tmp : "/tmp", (long)getpid());
	char *file = xasprintf("%s.txt", db), *err = NULL;
	struct buf b = make_body(mb);
	struct ner_result ner = {0};
	struct import_doc doc = {0};
	struct store_import_req req = {0};
	struct store *st;
	int64_t id;
	int orphaned, fd, rc = 0;

	fprintf(stderr, "bench: storing a %.0f MB article (this takes a while)\n", b.len / 1e6);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, b.s, b.len) != (ssize_t)b.len) {
		fprintf(stderr, "bench: cannot write %s\n", file);
		return 1;
	}
	close(fd);
	ner_scan(b.s, b.len, &ner);
	st = store_open(db, STORE_CREATE, &err);
	if (!st) {
		fprintf(stderr, "bench: %s\n", err);
		return 1;
	}
	doc.title = (char[]){"A very long wire archive"};
	doc.body = b.s;
	doc.body_len = b.len;
	doc.words = b.len / 6;
	req.source = file;
	req.raw = b.s;
	req.raw_len = b.len;
	req.doc = &doc;
	req.ner = &ner;
	store_batch_begin(st);
	if (store_import(st, &req, &id, &orphaned) < 0 || store_batch_commit(st) != 0) {
		fprintf(stderr, "bench: %s\n", store_errmsg(st));
		return 1;
	}
	store_close(st);
	printf("reader, one %.1f MB article (%zu mentions):\n", b.len / 1e6, ner.n);
	ner_result_free(&ner);
	buf_free(&b);
	fflush(stdout);
	rc |= run_self(self, "huge-open", db);
	rc |= run_self(self, "huge-read", file);
	unlink(file);
	{
		char *w = xasprintf("%s-wal", db), *s = xasprintf("%s-shm", db);
		unlink(db);
		unlink(w);
		unlink(s);
		free(w);
		free(s);
	}
	free(file);
	free(db);
	return rc;
}

/* What view_reader_open does before the first draw, in a fresh process:
 * the article and the first part of its body (store_article_open), the
 * paragraphs found in it, the mentions near the top and the first screen
 * wrapped and split.  Then what the reader does while no key waits: the
 * rest of the body read a part at a time (reader_idle), its paragraphs
 * found. */
int bench_huge_open(const char *db)
{
	char *err = NULL;
	double c0 = cpu_now(), t0 = wall_now(), t3, c1, c2, c3, c4, t4, c01;
	struct store *st = store_open(db, 0, &err);
	struct store_article a;
	struct store_body *rest = NULL;
	struct store_mentions m = {0};
	struct layout_lines lines = {0};
	struct sentence_vec sv = {0};
	size_t pos = 0, npara = 0, shown = 0, total = 0, first, steps = 0;

	c01 = cpu_now();
	if (!st || store_article_open(st, 1, STORE_BODY_STEP, &a, &rest) != 0) {
		fprintf(stderr, "bench: cannot open the article\n");
		return 1;
	}
	first = rest ? store_body_loaded(rest) : a.body_len;
	c1 = cpu_now();
	/* As reader_load_mentions and reader_ments_cover: the count, and
	 * the mentions near the first screen (all of them for an article
	 * without blocks). */
	if (store_mention_total(st, 1, &total) != 0) {
		store_article_mentions(st, 1, &m);
		total = m.n;
	} else {
		store_mentions_range(st, 1, 0, 4 * STORE_MENTION_BLOCK + 8192, &m);
	}
	c2 = cpu_now();
	for (;;) {
		size_t loaded = rest ? store_body_loaded(rest) : a.body_len;
		const char *nl = memchr(a.body + pos, '\n', loaded - pos);
		size_t end = nl ? (size_t)(nl - a.body) : loaded;
		if (!nl && rest)
			break;
		npara++;
		if (shown < 50) {
			lines.n = 0;
			layout_wrap(a.body + pos, end - pos, 96, &lines);
			shown += lines.n + 1;
			sentence_split(a.body + pos, end - pos, &sv);
		}
		pos = end + 1;
		if (pos >= a.body_len)
			break;
	}
	t3 = wall_now(), c3 = cpu_now();
	/* The rest, as reader_idle reads it, finding its paragraphs. */
	while (rest) {
		size_t loaded;
		if (store_body_more(st, &rest, &a, store_body_loaded(rest) + STORE_BODY_STEP) < 0) {
			fprintf(stderr, "bench: %s\n", store_errmsg(st));
			return 1;
		}
		steps++;
		loaded = rest ? store_body_loaded(rest) : a.body_len;
		while (pos < loaded) {
			const char *nl = memchr(a.body + pos, '\n', loaded - pos);
			if (!nl)
				break;
			npara++;
			pos = (size_t)(nl - a.body) + 1;
		}
	}
	if (pos < a.body_len)
		npara++; /* the last, with no newline after it */
	t4 = wall_now(), c4 = cpu_now();
	printf("  open to first screen: %.1f ms of CPU, %.1f ms of wall time (goal <= 100)\n",
	       (c3 - c0) * 1000, (t3 - t0) * 1000);
	printf("    CPU: the library opened %.1f ms, the article and the first %.1f MB of its body "
	       "%.1f ms, mentions %.1f ms, paragraphs and first screen %.1f ms\n",
	       (c01 - c0) * 1000, first / 1e6, (c1 - c01) * 1000, (c2 - c1) * 1000, (c3 - c2) * 1000);
	printf("  the rest of the body, read while no key waits: %.1f ms of CPU, %.1f ms of wall "
	       "time in %zu parts (a key waits for at most the rest)\n",
	       (c4 - c3) * 1000, (t4 - t3) * 1000, steps);
	printf("  peak RSS: %.1f MB for %.1f MB of text, %.2fx (goal <= 1.2x); %zu of %zu mentions held\n",
	       peak_mb(), a.body_len / 1e6, peak_mb() / (a.body_len / 1048576.0), m.n, total);
	/* The reader also keeps where each paragraph starts (r->para_start
	 * in src/reader_internal.h: a size_t, 8 bytes on 64-bit systems),
	 * which this process does not: counted here so the figure is the
	 * reader's.  Its cache of laid-out paragraphs near the screen (a few
	 * hundred entries) is left out. */
	printf("  with the reader's paragraph starts (%zu paragraphs, %zu bytes each): about %.2fx\n",
	       npara, sizeof(size_t), (peak_mb() + npara * (double)sizeof(size_t) / 1048576.0) / (a.body_len / 1048576.0));
	/* Opened again where it was left at its end: the part up to there
	 * is read first (the pages of a long text in SQLite are a chain: the
	 * way to its end is through all of them). */
	{
		size_t at = a.body_len > 1000 ? a.body_len - 1000 : 0;
		double c5 = cpu_now(), t5 = wall_now();
		store_article_clear(&a);
		if (store_article_open(st, 1, STORE_BODY_STEP, &a, &rest) != 0)
			return 1;
		while (rest && store_body_loaded(rest) < at + STORE_BODY_STEP / 2)
			if (store_body_more(st, &rest, &a, store_body_loaded(rest) + STORE_BODY_STEP) < 0)
				return 1;
		printf("  opened again at its end, where it was left: %.1f ms of CPU, %.1f ms of wall time "
		       "to the text there\n", (cpu_now() - c5) * 1000, (wall_now() - t5) * 1000);
		store_body_close(rest);
	}
	free(lines.v);
	free(sv.v);
	free(m.v);
	store_article_clear(&a);
	store_close(st);
	return 0;
}

/* The baseline: the same bytes read(2) from a file into one buffer. */
int bench_huge_read(const char *file)
{
	double c0 = cpu_now(), t0 = wall_now();
	int fd = open(file, O_RDONLY);
	struct stat sb;
	size_t got = 0;
	ssize_t n = 1;
	char *s;

	if (fd < 0 || fstat(fd, &sb) != 0)
		return 1;
	s = xmalloc((size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size && (n = read(fd, s + got, (size_t)sb.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	s[got] = '\0';
	printf("  baseline read(2) of the file: %.1f ms of CPU, %.1f ms of wall time, "
	       "peak RSS %.1f MB (%.2fx)\n", (cpu_now() - c0) * 1000, (wall_now() - t0) * 1000, peak_mb(), peak_mb() / (got / 1048576.0));
	free(s);
	return 0;
}
