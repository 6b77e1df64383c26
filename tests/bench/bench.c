/* bench.c — the figures `make bench` prints, each beside a baseline measured
 * in the same run on the same input:
 *
 *   import N     gloss's import pipeline (clean, recognise, store) over N
 *                generated articles, against a bare SQLite insert of the
 *                same texts into a plain table plus FTS5
 *   ner MB       the recognizer over a generated news text, against
 *                libunistring's u8_wordbreaks over the same bytes
 *   layout MB    wrapping with cells and widths, against a bare
 *                u8_width_linebreaks over the same paragraphs
 *   library N    the library's first screen with N articles in the store
 *
 * The corpus is made from the bundled articles, deterministically: the
 * paragraphs of each are shuffled, numbers varied and an edition line
 * added, so no two articles are the same and nothing large is committed.
 * CPU time (not wall time) is measured, so a busy machine skews less. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unilbrk.h>
#include <uniwbrk.h>
#include <unistd.h>

#include "gloss/embedded.h"
#include "gloss/ingest.h"
#include "gloss/layout.h"
#include "gloss/ner.h"
#include "gloss/store.h"
#include "gloss/util.h"

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 11);
}

struct text {
	char *s;
	size_t len;
};

/* One generated article: a bundled article's lines shuffled, digits
 * varied, and a numbered edition line. */
static struct text make_article(int i)
{
	const struct embedded_file *src[16];
	size_t nsrc = 0, k, nlines = 0;
	const char *lines[512];
	size_t lens[512];
	struct buf b = {0};
	const struct embedded_file *f;
	const char *p, *end;

	for (k = 0; k < embedded_count && nsrc < 16; k++)
		if (strncmp(embedded_files[k].name, "data/articles/", 14) == 0)
			src[nsrc++] = &embedded_files[k];
	f = src[(size_t)i % nsrc];
	p = (const char *)f->data;
	end = p + f->len;
	while (p < end && nlines < 512) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n) {
			lines[nlines] = p;
			lens[nlines++] = n;
		}
		p += n + 1;
	}
	/* The first line (headline) stays first; the rest are shuffled. */
	for (k = nlines - 1; k > 1; k--) {
		size_t j = 1 + rng() % k;
		const char *t = lines[k];
		size_t tl = lens[k];
		lines[k] = lines[j], lens[k] = lens[j];
		lines[j] = t, lens[j] = tl;
	}
	for (k = 0; k < nlines; k++) {
		size_t c, start = b.len;
		buf_add(&b, lines[k], lens[k]);
		for (c = start; c < b.len; c++)
			if (b.s[c] >= '0' && b.s[c] <= '9' && rng() % 3 == 0)
				b.s[c] = (char)('0' + rng() % 10);
		buf_adds(&b, "\n\n");
	}
	buf_printf(&b, "Edition %d of the wire, filed at %d:%02d.\n", i, i % 24, i % 60);
	return (struct text){b.s, b.len};
}

static char *temp_db(const char *name)
{
	const char *tmp = getenv("TMPDIR");
	char *p = xasprintf("%s/gloss-bench-%ld-%s.db", tmp && *tmp ? tmp : "/tmp", (long)getpid(), name);
	char *w = xasprintf("%s-wal", p), *s = xasprintf("%s-shm", p);
	unlink(p);
	unlink(w);
	unlink(s);
	free(w);
	free(s);
	return p;
}

static void remove_db(const char *p)
{
	char *w = xasprintf("%s-wal", p), *s = xasprintf("%s-shm", p);
	unlink(p);
	unlink(w);
	unlink(s);
	free(w);
	free(s);
}

static int bench_import(int n)
{
	struct text *texts = xcalloc((size_t)n, sizeof *texts);
	char *gpath = temp_db("gloss"), *bpath = temp_db("bare"), *err = NULL;
	struct store *st;
	struct ingest_opts o = {0};
	sqlite3 *db;
	sqlite3_stmt *ins, *fts;
	double t0, tg, tb;
	size_t bytes = 0;
	int i;

	for (i = 0; i < n; i++) {
		texts[i] = make_article(i);
		bytes += texts[i].len;
	}
	/* Baseline: the same texts into a plain table and FTS5, one
	 * transaction each, WAL with synchronous NORMAL as gloss uses. */
	sqlite3_open(bpath, &db);
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	             "CREATE TABLE a(id INTEGER PRIMARY KEY, body TEXT);"
	             "CREATE VIRTUAL TABLE f USING fts5(body);", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO a(body) VALUES (?1)", -1, &ins, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO f(rowid, body) VALUES (last_insert_rowid(), ?1)", -1, &fts, NULL);
	t0 = cpu_now();
	for (i = 0; i < n; i++) {
		sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
		sqlite3_bind_text(ins, 1, texts[i].s, (int)texts[i].len, SQLITE_STATIC);
		sqlite3_step(ins);
		sqlite3_reset(ins);
		sqlite3_bind_text(fts, 1, texts[i].s, (int)texts[i].len, SQLITE_STATIC);
		sqlite3_step(fts);
		sqlite3_reset(fts);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	}
	tb = cpu_now() - t0;
	sqlite3_finalize(ins);
	sqlite3_finalize(fts);
	sqlite3_close(db);

	st = store_open(gpath, STORE_CREATE, &err);
	if (!st) {
		fprintf(stderr, "bench: %s\n", err);
		return 1;
	}
	t0 = cpu_now();
	for (i = 0; i < n; i++) {
		struct ingest_result res;
		char src[32];
		snprintf(src, sizeof src, "bench:%d", i);
		if (ingest_bytes(st, src, src, texts[i].s, texts[i].len, &o, &res, &err) != 0) {
			fprintf(stderr, "bench: %s\n", err);
			return 1;
		}
	}
	tg = cpu_now() - t0;
	store_close(st);
	printf("import     %6d articles, %.1f MB\n", n, (double)bytes / 1e6);
	printf("  gloss import (clean + entities + store): %8.0f articles/s %7.2f MB/s\n",
	       n / tg, (double)bytes / 1e6 / tg);
	printf("  baseline: bare SQLite insert + FTS5:      %8.0f articles/s %7.2f MB/s\n",
	       n / tb, (double)bytes / 1e6 / tb);
	printf("  ratio gloss/baseline: %.2f (goal >= 0.75)\n", tb / tg);
	for (i = 0; i < n; i++)
		free(texts[i].s);
	free(texts);
	remove_db(gpath);
	remove_db(bpath);
	free(gpath);
	free(bpath);
	return 0;
}

static struct text make_corpus(size_t mb)
{
	struct buf b = {0};
	int i = 0;

	while (b.len < mb * 1000000) {
		struct text t = make_article(i++);
		buf_add(&b, t.s, t.len);
		free(t.s);
	}
	return (struct text){b.s, b.len};
}

static int bench_ner(size_t mb)
{
	struct text t = make_corpus(mb);
	char *brk = xmalloc(t.len);
	struct ner_result r = {0};
	double t0, tn, tw;
	size_t n;

	ner_scan("warm up", 7, &r); /* loads the gazetteers */
	ner_result_free(&r);
	t0 = cpu_now();
	u8_wordbreaks((const uint8_t *)t.s, t.len, brk);
	tw = cpu_now() - t0;
	t0 = cpu_now();
	ner_scan(t.s, t.len, &r);
	tn = cpu_now() - t0;
	n = r.n;
	ner_result_free(&r);
	printf("ner        %.1f MB of news text, %zu entities\n", (double)t.len / 1e6, n);
	printf("  gloss ner:                 %7.1f MB/s (goal >= 50)\n", (double)t.len / 1e6 / tn);
	printf("  baseline u8_wordbreaks:    %7.1f MB/s\n", (double)t.len / 1e6 / tw);
	printf("  ratio gloss/baseline: %.2f (goal >= 0.5)\n", tw / tn);
	free(brk);
	free(t.s);
	return 0;
}

static int bench_layout(size_t mb)
{
	struct text t = make_corpus(mb);
	struct layout_lines lines = {0};
	char *brk = xmalloc(t.len + 1);
	double t0, tl, tb;
	size_t pos, nlines = 0;

	t0 = cpu_now();
	for (pos = 0; pos < t.len;) {
		const char *nl = memchr(t.s + pos, '\n', t.len - pos);
		size_t end = nl ? (size_t)(nl - t.s) : t.len;
		if (end > pos)
			u8_width_linebreaks((const uint8_t *)t.s + pos, end - pos, 80, 0, 0, NULL, "UTF-8", brk);
		pos = end + 1;
	}
	tb = cpu_now() - t0;
	t0 = cpu_now();
	for (pos = 0; pos < t.len;) {
		const char *nl = memchr(t.s + pos, '\n', t.len - pos);
		size_t end = nl ? (size_t)(nl - t.s) : t.len;
		lines.n = 0;
		if (end > pos)
			layout_wrap(t.s + pos, end - pos, 80, &lines);
		nlines += lines.n;
		pos = end + 1;
	}
	tl = cpu_now() - t0;
	printf("layout     %.1f MB at 80 columns, %zu lines\n", (double)t.len / 1e6, nlines);
	printf("  gloss layout_wrap:         %7.1f MB/s\n", (double)t.len / 1e6 / tl);
	printf("  baseline u8_width_linebreaks: %7.1f MB/s\n", (double)t.len / 1e6 / tb);
	printf("  ratio gloss/baseline: %.2f (goal >= 0.8)\n", tb / tl);
	free(lines.v);
	free(brk);
	free(t.s);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "import") == 0)
		return bench_import(atoi(argv[2]));
	if (argc == 3 && strcmp(argv[1], "ner") == 0)
		return bench_ner((size_t)atoi(argv[2]));
	if (argc == 3 && strcmp(argv[1], "layout") == 0)
		return bench_layout((size_t)atoi(argv[2]));
	fprintf(stderr, "usage: bench import N | ner MB | layout MB\n");
	return 2;
}
