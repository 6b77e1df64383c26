/* bench.c — the figures `make bench` prints, each beside a baseline measured
 * in the same run on the same input:
 *
 *   import N     gloss's import pipeline (clean, recognise, store) over N
 *                generated articles, against a bare SQLite insert of the
 *                same texts into a plain table plus FTS5, and against the
 *                restated baseline of issue 22: that insert plus the
 *                recognizer over the same texts (the work an import cannot
 *                avoid); in CPU time on one thread, then in wall time on
 *                two threads as gloss import of many files runs it, three
 *                rounds each with its own baselines (median and spread);
 *                then the peak RSS, and where an import's time goes per
 *                article over the first 1,000 texts
 *   ner MB       the recognizer over a generated news text, against
 *                libunistring's u8_wordbreaks over the same bytes
 *   layout MB    wrapping with cells and widths, against a bare
 *                u8_width_linebreaks over the same paragraphs
 *   library N    the library's first screen with N articles in the store
 *   huge MB      one article of MB megabytes opened in the reader, against
 *                read(2) of the same bytes (bench_huge.c says how it is made)
 *   extract MB   the saved-page extractor (parse, find the article and
 *                its metadata) over generated web pages, against
 *                libxml2's HTML parse alone of the same pages
 *
 * After the import run, the same 10,000-article library is used for the
 * link picker and related passages (per keystroke), the entity index, and
 * a Markdown export of 10,000 annotations over 1,000 articles.
 *
 * The corpus is made from the bundled articles, deterministically: the
 * paragraphs of each are shuffled, numbers varied and an edition line
 * added, so no two articles are the same and nothing large is committed.
 * CPU time (not wall time) is measured, so a busy machine skews less,
 * except where a second thread is the point. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unilbrk.h>
#include <uniwbrk.h>
#include <unistd.h>

#include "gloss/corrections.h"
#include "gloss/embedded.h"
#include "gloss/export.h"
#include "gloss/import.h"
#include "gloss/extract.h"
#include "gloss/sentence.h"
#include "gloss/ingest.h"
#include "gloss/layout.h"
#include "gloss/ner.h"
#include "gloss/import.h"
#include "gloss/store.h"
#include "gloss/store_corrections.h"
#include "gloss/util.h"

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
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
/* Articles per store batch, as gloss import commits (cli_import.c). */
#define IMPORT_BATCH 256

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

/* Milliseconds of CPU for fn(arg), the best of a few runs (the first
 * warms SQLite's page cache, as a user's second keystroke would find). */
static double best_ms(void (*fn)(struct store *, const char *), struct store *st, const char *arg)
{
	double best = 1e30;
	int i;

	for (i = 0; i < 5; i++) {
		double t0 = cpu_now(), t;
		fn(st, arg);
		t = (cpu_now() - t0) * 1000;
		if (t < best)
			best = t;
	}
	return best;
}

static void picker_keystroke(struct store *st, const char *q)
{
	struct store_passages p = {0};
	store_passage_search(st, q, 0, 1, 0, 200, &p);
	store_passages_free(&p);
}

/* What the r key does: an OR search over a sentence's words, then the
 * entities of each candidate. */
static void related_query(struct store *st, const char *q)
{
	struct store_passages p = {0};
	size_t i;

	store_passage_search(st, q, 1, 0, 1, 40, &p);
	for (i = 0; i < p.n; i++) {
		int64_t *ids;
		size_t n;
		store_entities_in(st, p.v[i].article_id, p.v[i].start, p.v[i].end, &ids, &n);
		free(ids);
	}
	store_passages_free(&p);
}

static void entity_index(struct store *st, const char *unused)
{
	struct store_entities e = {0};
	(void)unused;
	store_entity_list(st, 0, -1, &e);
	store_entities_free(&e);
}

static void bench_on_library(struct store *st, int n)
{
	static const char *const keystrokes[] = {"k", "ki", "kim", "kim j", "kim jong", "vladi", "train 20"};
	double worst = 0, t;
	size_t i, worst_i = 0;
	int a, made = 0;
	char *dir, *err = NULL;
	struct export_opts o;

	for (i = 0; i < ARRAY_SIZE(keystrokes); i++) {
		t = best_ms(picker_keystroke, st, keystrokes[i]);
		if (t > worst) {
			worst = t;
			worst_i = i;
		}
	}
	printf("link picker, %d articles: worst keystroke %.1f ms of %zu ('%s'; goal <= 50)\n", n, worst,
	       ARRAY_SIZE(keystrokes), keystrokes[worst_i]);
	t = best_ms(related_query, st,
	            "officials train expected cover miles journey Vladivostok hours timeline stopover border");
	printf("related passages, %d articles: %.1f ms (goal <= 50)\n", n, t);
	t = best_ms(entity_index, st, NULL);
	printf("entity index, %d articles: %.1f ms (goal <= 50)\n", n, t);

	/* 10,000 annotations over 1,000 articles, then one export. */
	for (a = 1; a <= 1000 && a <= n; a++) {
		struct store_article art;
		struct sentence_vec sv = {0};
		size_t k;
		if (store_article_get(st, a, 1, &art) != 0)
			continue;
		sentence_split(art.body, art.body_len, &sv);
		for (k = 0; k < sv.n && k < 10; k++) {
			int64_t h = store_highlight_add(st, a, art.body, art.body_len, sv.v[k].start, sv.v[k].end);
			if (h > 0) {
				made++;
				if (k % 3 == 0)
					store_note_set(st, h, "A note: check this against the other outlets.");
				if (k % 4 == 1 && made > 1)
					store_link_add(st, h, h - 1, "see-also", NULL);
			}
		}
		free(sv.v);
		store_article_clear(&art);
	}
	dir = temp_db("export");
	memset(&o, 0, sizeof o);
	o.dir = dir;
	{
		/* The 1,000 annotated articles, as the goal states it. */
		static int64_t ids[1000];
		for (a = 0; a < 1000; a++)
			ids[a] = a + 1;
		o.articles = ids;
		o.narticles = n < 1000 ? (size_t)n : 1000;
	}
	{
		double t0 = cpu_now();
		int files = export_markdown(st, &o, &err);
		t = cpu_now() - t0;
		if (files < 0)
			printf("export failed: %s\n", err);
		else
			printf("export %d annotations, %d files: %.2f s (goal <= 1)\n", made, files, t);
	}
	free(err);
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "bench: could not remove %s\n", dir);
		free(cmd);
	}
	free(dir);
}

/* Where an import's time goes, per article, over the first n texts into
 * a fresh library: the steps of ingest_bytes one by one (the digests
 * made before the store, as ingest_prepare makes them; store_import is
 * then SQLite: the row, mentions and entity counts, and the full-text
 * index at commit). */
static void import_breakdown(const struct text *texts, int n)
{
	char *path = temp_db("parts"), *err = NULL;
	struct store *st = store_open(path, STORE_CREATE, &err);
	double t_clean = 0, t_ner = 0, t_store = 0, t_commit = 0, t_sha = 0, t0;
	int i;

	if (!st) {
		fprintf(stderr, "bench: %s\n", err);
		free(err);
		free(path);
		return;
	}
	store_bulk(st, 1);
	for (i = 0; i < n; i++) {
		struct import_doc doc = {0};
		struct ner_result ner = {0};
		struct store_import_req req = {0};
		struct corrections corr = {0};
		char *text = NULL, why[256], src[32], raw_hex[65], body_hex[65];
		size_t tlen = 0;
		int64_t id;
		int orphaned;

		snprintf(src, sizeof src, "parts:%d", i);
		if (i % IMPORT_BATCH == 0)
			store_batch_begin(st);
		t0 = cpu_now();
		if (import_decode(texts[i].s, texts[i].len, NULL, &text, &tlen, why, sizeof why) != 0 ||
		    import_clean(text, tlen, &doc, why, sizeof why) != 0) {
			fprintf(stderr, "bench: %s\n", why);
			free(text);
			break;
		}
		free(text);
		t_clean += cpu_now() - t0;
		t0 = cpu_now();
		ner_scan(doc.body, doc.body_len, &ner);
		if (store_corrections_list(st, &corr) == 0)
			corrections_apply(&corr, doc.body, doc.body_len, &ner);
		corrections_free(&corr);
		t_ner += cpu_now() - t0;
		t0 = cpu_now();
		util_sha256_hex(texts[i].s, texts[i].len, raw_hex);
		util_sha256_hex(doc.body, doc.body_len, body_hex);
		t_sha += cpu_now() - t0;
		req.source = src;
		req.raw = texts[i].s;
		req.raw_len = texts[i].len;
		req.doc = &doc;
		req.ner = &ner;
		req.raw_sha = raw_hex;
		req.body_sha = body_hex;
		t0 = cpu_now();
		if (store_import(st, &req, &id, &orphaned) < 0)
			fprintf(stderr, "bench: %s\n", store_errmsg(st));
		t_store += cpu_now() - t0;
		t0 = cpu_now();
		if (i % IMPORT_BATCH == IMPORT_BATCH - 1 || i == n - 1)
			store_batch_commit(st);
		t_commit += cpu_now() - t0;
		ner_result_free(&ner);
		import_doc_free(&doc);
	}
	printf("  per article, over %d (microseconds of CPU):\n", n);
	printf("    decode + clean %.0f, recognize %.0f, the two SHA-256 digests %.0f\n"
	       "    (these three on the second thread of a two-thread import);\n",
	       t_clean / n * 1e6, t_ner / n * 1e6, t_sha / n * 1e6);
	printf("    store %.0f, full-text index and commit %.0f\n", t_store / n * 1e6,
	       t_commit / n * 1e6);
	store_close(st);
	remove_db(path);
	free(path);
}

/* The pipelined import (ingest_pipeline) over the generated texts, as
 * `gloss import` runs it over files: a batch every IMPORT_BATCH. */
struct pipe_bench {
	struct text *texts;
	struct store *st;
	int n, failed;
};

static void pb_read(void *ctx, size_t i, struct ingest_item *it)
{
	struct pipe_bench *pb = ctx;
	it->source = xasprintf("bench:%zu", i);
	it->name = xstrdup(it->source);
	it->raw = xmalloc(pb->texts[i].len + 1);
	memcpy(it->raw, pb->texts[i].s, pb->texts[i].len + 1);
	it->len = pb->texts[i].len;
}

static void pb_take(void *ctx, size_t i, struct ingest_item *it)
{
	struct pipe_bench *pb = ctx;
	struct ingest_opts o = {0};
	struct ingest_result res;
	char *err = NULL;

	if (i % IMPORT_BATCH == 0)
		store_batch_begin(pb->st);
	if (it->err || ingest_prep_store(pb->st, &it->prep, it->source, it->name, it->raw, it->len, &o,
	                                 &res, &err) != 0)
		pb->failed++;
	free(err);
	if (i % IMPORT_BATCH == IMPORT_BATCH - 1 || (int)i == pb->n - 1)
		store_batch_commit(pb->st);
}

/* The bare baseline: the same texts into a plain table and FTS5, WAL
 * with synchronous NORMAL as gloss uses; both sides commit every
 * IMPORT_BATCH articles, as gloss import does for a directory of files,
 * with the same cache and log settings.  CPU and wall seconds. */
static void bare_insert(const struct text *texts, int n, double *cpu, double *wall)
{
	char *path = temp_db("bare");
	sqlite3 *db;
	sqlite3_stmt *ins, *fts;
	double t0, w0;
	int i;

	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	             "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=8192;"
	             "CREATE TABLE a(id INTEGER PRIMARY KEY, body TEXT);"
	             "CREATE VIRTUAL TABLE f USING fts5(body);", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO a(body) VALUES (?1)", -1, &ins, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO f(rowid, body) VALUES (last_insert_rowid(), ?1)", -1, &fts, NULL);
	t0 = cpu_now();
	w0 = wall_now();
	for (i = 0; i < n; i++) {
		if (i % IMPORT_BATCH == 0)
			sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
		sqlite3_bind_text(ins, 1, texts[i].s, (int)texts[i].len, SQLITE_STATIC);
		sqlite3_step(ins);
		sqlite3_reset(ins);
		sqlite3_bind_text(fts, 1, texts[i].s, (int)texts[i].len, SQLITE_STATIC);
		sqlite3_step(fts);
		sqlite3_reset(fts);
		if (i % IMPORT_BATCH == IMPORT_BATCH - 1 || i == n - 1)
			sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	}
	*cpu = cpu_now() - t0;
	*wall = wall_now() - w0;
	sqlite3_finalize(ins);
	sqlite3_finalize(fts);
	sqlite3_close(db);
	remove_db(path);
	free(path);
}

/* The recognizer over the same texts, as `gloss ner` runs it: the work an
 * import cannot avoid beyond the bare insert. */
static void ner_over(const struct text *texts, int n, double *cpu, double *wall)
{
	struct ner_result r = {0};
	double t0, w0;
	int i;

	ner_scan("warm up", 7, &r); /* loads the gazetteers */
	ner_result_free(&r);
	t0 = cpu_now();
	w0 = wall_now();
	for (i = 0; i < n; i++) {
		ner_scan(texts[i].s, texts[i].len, &r);
		ner_result_free(&r);
	}
	*cpu = cpu_now() - t0;
	*wall = wall_now() - w0;
}

/* The import on two threads into a fresh library, as `gloss import` of
 * many files runs it: wall seconds, or a negative number on failure. */
static double pipe_import(struct text *texts, int n)
{
	struct pipe_bench pb = {texts, NULL, n, 0};
	struct ingest_opts o = {0};
	char *path = temp_db("pipe"), *err = NULL;
	double w0, wp = -1;

	pb.st = store_open(path, STORE_CREATE, &err);
	if (!pb.st) {
		fprintf(stderr, "bench: %s\n", err);
		free(err);
		free(path);
		return -1;
	}
	store_bulk(pb.st, 1);
	w0 = wall_now();
	ingest_pipeline((size_t)n, &o, pb_read, pb_take, &pb);
	wp = wall_now() - w0;
	if (pb.failed || store_article_count(pb.st) != n) {
		fprintf(stderr, "bench: the two-thread import stored %lld articles of %d\n",
		        (long long)store_article_count(pb.st), n);
		wp = -1;
	}
	store_close(pb.st);
	remove_db(path);
	free(path);
	return wp;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Rounds of bare insert, recognizer and two-thread import, for the
 * ratio's median and spread (the machine's noise shows in it). */
#define IMPORT_ROUNDS 3

static int bench_import(int n)
{
	struct text *texts = xcalloc((size_t)n, sizeof *texts);
	char *gpath = temp_db("gloss"), *err = NULL;
	struct store *st;
	struct ingest_opts o = {0};
	double t0, tg, tb, tn, w0, wg, wb, wn, wp;
	double ratio[IMPORT_ROUNDS], rate[IMPORT_ROUNDS], base[IMPORT_ROUNDS];
	size_t bytes = 0;
	struct rusage ru;
	int i, r;

	for (i = 0; i < n; i++) {
		texts[i] = make_article(i);
		bytes += texts[i].len;
	}
	bare_insert(texts, n, &tb, &wb);
	ner_over(texts, n, &tn, &wn);

	st = store_open(gpath, STORE_CREATE, &err);
	if (!st) {
		fprintf(stderr, "bench: %s\n", err);
		return 1;
	}
	store_bulk(st, 1); /* as gloss import does */
	t0 = cpu_now();
	w0 = wall_now();
	for (i = 0; i < n; i++) {
		struct ingest_result res;
		char src[32];
		snprintf(src, sizeof src, "bench:%d", i);
		if (i % IMPORT_BATCH == 0)
			store_batch_begin(st);
		if (ingest_bytes(st, src, src, texts[i].s, texts[i].len, &o, &res, &err) != 0) {
			fprintf(stderr, "bench: %s\n", err);
			return 1;
		}
		if ((i % IMPORT_BATCH == IMPORT_BATCH - 1 || i == n - 1) && store_batch_commit(st) != 0) {
			fprintf(stderr, "bench: %s\n", store_errmsg(st));
			return 1;
		}
	}
	tg = cpu_now() - t0;
	wg = wall_now() - w0;
	store_bulk(st, 0); /* as gloss import does at its end */
	if (store_article_count(st) != n) {
		fprintf(stderr, "bench: %lld articles in the library, not %d\n",
		        (long long)store_article_count(st), n);
		return 1;
	}
	/* The import on two threads, in wall time, which a second thread
	 * can lower and CPU time cannot; each round times its own baseline
	 * just before (the first round's is the one above). */
	for (r = 0; r < IMPORT_ROUNDS; r++) {
		double cb = tb, cn = tn, b = wb, nn = wn;
		if (r > 0) {
			bare_insert(texts, n, &cb, &b);
			ner_over(texts, n, &cn, &nn);
		}
		wp = pipe_import(texts, n);
		if (wp <= 0)
			return 1;
		ratio[r] = (b + nn) / wp;
		rate[r] = n / wp;
		base[r] = n / (b + nn);
	}
	printf("import     %6d articles, %.1f MB\n", n, (double)bytes / 1e6);
	printf("  gloss import (clean + entities + store): %8.0f articles/s %7.2f MB/s\n",
	       n / tg, (double)bytes / 1e6 / tg);
	printf("  baseline: bare SQLite insert + FTS5:     %8.0f articles/s %7.2f MB/s\n",
	       n / tb, (double)bytes / 1e6 / tb);
	printf("  recognizer (gloss ner) over the texts:   %8.0f articles/s %7.2f MB/s\n",
	       n / tn, (double)bytes / 1e6 / tn);
	printf("  restated baseline: bare + recognizer:    %8.0f articles/s %7.2f MB/s\n",
	       n / (tb + tn), (double)bytes / 1e6 / (tb + tn));
	printf("  ratio gloss/bare: %.2f (the first goal, 0.75, is out of reach: see README)\n",
	       tb / tg);
	printf("  ratio gloss/(bare + recognizer): %.2f (CPU time, one thread)\n", (tb + tn) / tg);
	printf("  in wall time: gloss import on one thread %.0f articles/s\n", n / wg);
	qsort(rate, IMPORT_ROUNDS, sizeof *rate, cmp_double);
	qsort(base, IMPORT_ROUNDS, sizeof *base, cmp_double);
	qsort(ratio, IMPORT_ROUNDS, sizeof *ratio, cmp_double);
	printf("  on two threads (gloss import of many files), %d rounds, median (lowest-highest):\n"
	       "    gloss import %.0f articles/s (%.0f-%.0f); bare + recognizer %.0f/s (%.0f-%.0f)\n"
	       "    ratio %.2f (%.2f-%.2f) (goal >= 0.5)\n",
	       IMPORT_ROUNDS, rate[IMPORT_ROUNDS / 2], rate[0], rate[IMPORT_ROUNDS - 1],
	       base[IMPORT_ROUNDS / 2], base[0], base[IMPORT_ROUNDS - 1], ratio[IMPORT_ROUNDS / 2],
	       ratio[0], ratio[IMPORT_ROUNDS - 1]);
	getrusage(RUSAGE_SELF, &ru);
	printf("  peak RSS: %.1f MB (the %.1f MB of generated texts held in memory included)\n",
	       ru.ru_maxrss / 1024.0, (double)bytes / 1048576.0);
	import_breakdown(texts, n < 1000 ? n : 1000);
	bench_on_library(st, n);
	store_close(st);
	for (i = 0; i < n; i++)
		free(texts[i].s);
	free(texts);
	remove_db(gpath);
	free(gpath);
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

#define NER_ROUNDS 5

static int bench_ner(size_t mb)
{
	struct text t = make_corpus(mb);
	char *brk = xmalloc(t.len);
	struct ner_result r = {0};
	double t0, tn, tw, ratio[NER_ROUNDS];
	size_t n = 0;
	int k;

	ner_scan("warm up", 7, &r); /* loads the gazetteers */
	ner_result_free(&r);
	/* The two alternate over NER_ROUNDS rounds: the best of each measures
	 * the code, not what else the machine (or the hypervisor) was doing;
	 * each round's ratio is printed too, so the noise shows. */
	tw = tn = 1e30;
	for (k = 0; k < NER_ROUNDS; k++) {
		double dw, dn;
		t0 = cpu_now();
		u8_wordbreaks((const uint8_t *)t.s, t.len, brk);
		dw = cpu_now() - t0;
		if (dw < tw)
			tw = dw;
		t0 = cpu_now();
		ner_scan(t.s, t.len, &r);
		dn = cpu_now() - t0;
		if (dn < tn)
			tn = dn;
		ratio[k] = dw / dn;
		n = r.n;
		ner_result_free(&r);
	}
	printf("ner        %.1f MB of news text, %zu entities\n", (double)t.len / 1e6, n);
	printf("  gloss ner:                 %7.1f MB/s (goal >= 50)\n", (double)t.len / 1e6 / tn);
	printf("  baseline u8_wordbreaks:    %7.1f MB/s\n", (double)t.len / 1e6 / tw);
	printf("  ratio gloss/baseline: %.2f (goal >= 0.5), the best of each of %d rounds\n", tw / tn, NER_ROUNDS);
	printf("  each round's ratio:");
	for (k = 0; k < NER_ROUNDS; k++)
		printf(" %.2f", ratio[k]);
	qsort(ratio, NER_ROUNDS, sizeof ratio[0], cmp_double);
	printf(" (median %.2f)\n", ratio[NER_ROUNDS / 2]);
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

/* The library screen's first draw with n articles: count, then one page. */
static int bench_library(int n)
{
	char *path = temp_db("library"), *err = NULL;
	struct store *st = store_open(path, STORE_CREATE, &err);
	struct store_articles page = {0};
	struct rusage ru;
	double t0, t;
	int i;

	if (!st) {
		fprintf(stderr, "bench: %s\n", err);
		return 1;
	}
	/* Small articles straight into the store: this measures the list, not
	 * the import.  Each has two or three sentences, recognised and kept
	 * for passages as an import keeps them; every tenth names the people
	 * and places the link picker, related passages and the entity index
	 * are measured on below. */
	static const char *const extra[] = {
		"Kim Jong Un took the armoured train to Vladivostok, officials said.",
		"Vladimir Putin expected the journey to cover miles of border in hours.",
		"The stopover timeline in Vladivostok was not given by Dmitry Peskov.",
	};
	for (i = 0; i < n; i++) {
		struct import_doc doc = {0};
		struct store_import_req req = {0};
		struct ner_result ner = {0};
		char body[300], title[80], src[32];
		int64_t id;
		int orphaned;
		snprintf(title, sizeof title, "Article number %d about the ferry strike", i);
		snprintf(body, sizeof body, "The ferry strike entered day %d. Unions and owners met again.%s%s", i,
		         i % 10 ? "" : "\n", i % 10 ? "" : extra[(i / 10) % 3]);
		ner_scan(body, strlen(body), &ner);
		req.ner = &ner;
		snprintf(src, sizeof src, "lib:%d", i);
		doc.title = title;
		doc.body = body;
		doc.body_len = strlen(body);
		doc.words = 10;
		req.source = src;
		req.raw = body;
		req.raw_len = strlen(body);
		req.doc = &doc;
		if (i % 5000 == 0) {
			if (i)
				store_batch_commit(st);
			store_batch_begin(st);
			fprintf(stderr, "\rbench: filling the library %d/%d", i, n);
		}
		if (store_import(st, &req, &id, &orphaned) < 0) {
			fprintf(stderr, "bench: %s\n", store_errmsg(st));
			return 1;
		}
		ner_result_free(&ner);
	}
	store_batch_commit(st);
	fprintf(stderr, "\r\033[K");
	store_close(st);
	t0 = cpu_now();
	st = store_open(path, 0, &err);
	store_article_count(st);
	store_article_list(st, STORE_SORT_IMPORTED, 0, 200, &page);
	t = (cpu_now() - t0) * 1000;
	getrusage(RUSAGE_SELF, &ru);
	printf("library, %d articles: first screen %.1f ms of CPU (goal <= 50)\n", n, t);
	store_articles_free(&page);
	t0 = cpu_now();
	store_article_list(st, STORE_SORT_TITLE, 0, 200, &page);
	printf("  sorted by title: %.1f ms\n", (cpu_now() - t0) * 1000);
	store_articles_free(&page);
	printf("  peak RSS of this process: %.1f MB (goal <= 30 for the screen)\n", ru.ru_maxrss / 1024.0);
	{
		/* The library's / filter, one keystroke each: the query the
		 * library runs for the text typed so far. */
		static const struct {
			const char *q, *what;
			double goal;
		} keys[] = {
			{"54321", "a selective word", 16},
			{"ferry", "a word every article has", 50},
			{"f", "its first letter", 50},
			{"fe", "its first two letters", 50},
			{"strike ferry", "two common words", 50},
		};
		size_t k;
		for (k = 0; k < ARRAY_SIZE(keys); k++) {
			struct store_hits h = {0};
			double best = 1e30;
			int r;
			for (r = 0; r < 3; r++) {
				double t1 = cpu_now();
				store_hits_free(&h);
				store_library_filter(st, keys[k].q, &h);
				t1 = (cpu_now() - t1) * 1000;
				if (t1 < best)
					best = t1;
			}
			printf("  filter '%s' (%s): %.1f ms, %zu rows%s (goal <= %.0f)\n", keys[k].q,
			       keys[k].what, best, h.n, h.more ? "+" : "", keys[k].goal);
			store_hits_free(&h);
		}
		/* `gloss search` (its 20 best, each with a snippet). */
		for (k = 0; k < ARRAY_SIZE(keys); k++) {
			struct store_hits h = {0};
			double best = 1e30;
			int r;
			if (strlen(keys[k].q) < 3)
				continue;
			for (r = 0; r < 3; r++) {
				double t1 = cpu_now();
				store_hits_free(&h);
				store_search(st, keys[k].q, 0, 20, &h);
				t1 = (cpu_now() - t1) * 1000;
				if (t1 < best)
					best = t1;
			}
			printf("  gloss search '%s' (%s): %.1f ms, %zu shown (goal <= %.0f)\n", keys[k].q,
			       keys[k].what, best, h.n, keys[k].goal);
			store_hits_free(&h);
		}
		{
			/* The baseline: what a keystroke cost before, every match
			 * ranked and a snippet made for the first thousand. */
			struct store_hits h = {0};
			double t1 = cpu_now();
			store_search(st, "ferry", 1, 1000, &h);
			printf("  baseline: full ranking with snippets for 'ferry': %.1f ms\n",
			       (cpu_now() - t1) * 1000);
			store_hits_free(&h);
		}
	}
	/* The link picker, related passages and entity index at this size. */
	bench_on_library(st, n);
	store_close(st);
	remove_db(path);
	free(path);
	return 0;
}

/* The reader's first screen of a 1 MB article: paragraphs found, then
 * only the first screen's worth wrapped and split into sentences. */
static int bench_reader(size_t mb)
{
	struct text t = make_corpus(mb);
	struct layout_lines lines = {0};
	struct sentence_vec sv = {0};
	double t0 = cpu_now(), el;
	size_t pos = 0, npara = 0, shown = 0;

	while (pos < t.len) {
		const char *nl = memchr(t.s + pos, '\n', t.len - pos);
		size_t end = nl ? (size_t)(nl - t.s) : t.len;
		npara++;
		if (shown < 50) {
			lines.n = 0;
			layout_wrap(t.s + pos, end - pos, 77, &lines);
			shown += lines.n + 1;
			sentence_split(t.s + pos, end - pos, &sv);
		}
		pos = end + 1;
	}
	el = (cpu_now() - t0) * 1000;
	printf("reader, %.1f MB article (%zu paragraphs): first screen %.2f ms of CPU (goal < 5)\n",
	       (double)t.len / 1e6, npara, el);
	free(lines.v);
	free(sv.v);
	free(t.s);
	return 0;
}

/* A generated news page around article i: a head with the metadata news
 * sites send, a menu, a cookie notice, share links, the paragraphs, a
 * related-stories list, comments and a footer, and the scripts and styles
 * that make up much of a real page's bytes. */
static struct text make_page(int i)
{
	struct text a = make_article(i);
	struct buf b = {0};
	const char *p = a.s, *end = a.s + a.len;
	int k, first = 1;

	buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	               "<title>Story %d | The Daily Example</title>"
	               "<meta property=\"og:title\" content=\"Story %d\">"
	               "<meta property=\"og:site_name\" content=\"The Daily Example\">"
	               "<meta name=\"author\" content=\"Reporter %d\">"
	               "<meta property=\"article:published_time\" content=\"2023-0%d-1%dT10:00:00Z\">"
	               "<link rel=\"canonical\" href=\"https://daily.example/story/%d\">",
	           i, i, i % 50, 1 + i % 9, i % 10, i);
	buf_printf(&b, "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
	               "\"headline\":\"Story %d\",\"datePublished\":\"2023-05-0%dT08:00:00+02:00\","
	               "\"author\":{\"name\":\"Reporter %d\"}}</script>",
	           i, 1 + i % 9, i % 50);
	buf_adds(&b, "<style>");
	for (k = 0; k < 40; k++)
		buf_printf(&b, ".c%d{margin:%dpx;color:#%06x}", k, k, (unsigned)k * 4099u);
	buf_adds(&b, "</style><script>");
	for (k = 0; k < 60; k++)
		buf_printf(&b, "window.t%d=function(a,b){return a<b&&b>%d?a:b};", k, k);
	buf_adds(&b, "</script></head><body><div id=\"cookie-consent\"><p>We use cookies to "
	             "give you the best experience on our website.</p><button>OK</button></div>"
	             "<header class=\"masthead\"><nav><ul>");
	for (k = 0; k < 25; k++)
		buf_printf(&b, "<li><a href=\"/section/%d\">Section %d</a></li>", k, k);
	buf_adds(&b, "</ul></nav></header><main><article class=\"story\"><div class=\"share\">"
	             "<a href=\"#\">Share</a><a href=\"#\">Tweet</a></div><div class=\"body\">");
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n) {
			buf_adds(&b, first ? "<h1>" : "<p>");
			for (k = 0; k < (int)n; k++) {
				char c = p[k];
				if (c == '<')
					buf_adds(&b, "&lt;");
				else if (c == '&')
					buf_adds(&b, "&amp;");
				else
					buf_addc(&b, c);
			}
			buf_adds(&b, first ? "</h1>\n" : "</p>\n");
			first = 0;
		}
		p += n + 1;
	}
	buf_adds(&b, "</div><aside class=\"related\"><h3>Related</h3><ul>");
	for (k = 0; k < 12; k++)
		buf_printf(&b, "<li><a href=\"/story/%d\">Another story about something, number %d</a>"
		               "</li>", i + k, k);
	buf_adds(&b, "</ul></aside></article><section class=\"comments\">");
	for (k = 0; k < 6; k++)
		buf_printf(&b, "<div class=\"comment\"><p>Reader %d: I think this is wrong, and "
		               "here is why, at some length.</p></div>", k);
	buf_adds(&b, "</section></main><footer><p>Copyright The Daily Example.</p></footer>"
	             "</body></html>\n");
	free(a.s);
	return (struct text){b.s, b.len};
}

static int bench_extract(size_t mb)
{
	struct text *pages = NULL;
	size_t n = 0, cap = 0, bytes = 0, i;
	double t_parse = 1e30, t_extract = 1e30;
	int round;

	while (bytes < mb * 1000 * 1000) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			pages = xreallocarray(pages, cap, sizeof *pages);
		}
		pages[n] = make_page((int)n);
		bytes += pages[n++].len;
	}
	/* Alternate the two, best of five each, so that a busy machine
	 * slows both alike. */
	for (round = 0; round < 5; round++) {
		double t0 = cpu_now(), t;
		for (i = 0; i < n; i++) {
			htmlDocPtr d = htmlReadMemory(pages[i].s, (int)pages[i].len, NULL, "UTF-8",
			                              HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
			                                  HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
			                                  HTML_PARSE_COMPACT);
			xmlFreeDoc(d);
		}
		t = cpu_now() - t0;
		if (t < t_parse)
			t_parse = t;
		t0 = cpu_now();
		for (i = 0; i < n; i++) {
			struct extract_page pg;
			char err[256];
			if (extract_page(pages[i].s, pages[i].len, NULL, NULL, &pg, err, sizeof err) == 0)
				extract_page_free(&pg);
			else
				fprintf(stderr, "bench: page %zu: %s\n", i, err);
		}
		t = cpu_now() - t0;
		if (t < t_extract)
			t_extract = t;
	}
	printf("extract: %zu generated pages, %.1f MB of HTML (best of 5, CPU time)\n", n,
	       (double)bytes / 1e6);
	printf("  libxml2 HTML parse alone  %7.1f MB/s\n", (double)bytes / 1e6 / t_parse);
	printf("  gloss extract             %7.1f MB/s   (goal: >= 20 MB/s)\n",
	       (double)bytes / 1e6 / t_extract);
	printf("  extraction beyond the parse costs %.2fx the parse   (goal: <= 1.00x)\n",
	       (t_extract - t_parse) / t_parse);
	for (i = 0; i < n; i++)
		free(pages[i].s);
	free(pages);
	return 0;
}

int bench_feed(int n); /* bench_feed.c */
int bench_huge(size_t mb, const char *self);
int bench_huge_open(const char *db);
int bench_huge_read(const char *file);

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "feed") == 0)
		return bench_feed(atoi(argv[2]));
	if (argc == 3 && strcmp(argv[1], "huge") == 0)
		return bench_huge((size_t)atoi(argv[2]), argv[0]);
	if (argc == 3 && strcmp(argv[1], "huge-open") == 0)
		return bench_huge_open(argv[2]);
	if (argc == 3 && strcmp(argv[1], "huge-read") == 0)
		return bench_huge_read(argv[2]);
	if (argc == 3 && strcmp(argv[1], "extract") == 0)
		return bench_extract((size_t)atoi(argv[2]));
	if (argc == 3 && strcmp(argv[1], "library") == 0)
		return bench_library(atoi(argv[2]));
	if (argc == 3 && strcmp(argv[1], "reader") == 0)
		return bench_reader((size_t)atoi(argv[2]));
	if (argc == 3 && strcmp(argv[1], "import") == 0)
		return bench_import(atoi(argv[2]));
	if (argc == 3 && strcmp(argv[1], "ner") == 0)
		return bench_ner((size_t)atoi(argv[2]));
	if (argc == 3 && strcmp(argv[1], "layout") == 0)
		return bench_layout((size_t)atoi(argv[2]));
	fprintf(stderr, "usage: bench import N | ner MB | layout MB | library N | reader MB | "
	                "huge MB | extract MB | feed N\n");
	return 2;
}
