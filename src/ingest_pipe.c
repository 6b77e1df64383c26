/* ingest_pipe.c — importing many files on two threads: a second thread
 * reads each file and does the work that needs no library (decode, clean,
 * find entities, the digests: ingest_prepare) a few files ahead,
 * while the caller's thread stores them in order.  SQLite is used only by
 * the caller's thread: one writer, batches and savepoints as before, and a
 * failure of one file leaves the others to go on. */
#include "config.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/ingest.h"
#include "gloss/ner.h"
#include "gloss/util.h"

/* Files prepared ahead of the one being stored: enough to keep the
 * second thread busy while the first commits a batch (a commit takes as
 * long as storing tens of files: with 4 ahead, the second thread stood
 * idle through each, and two threads imported 1.1-1.3 times as fast as
 * one; with 64, about twice), few enough that their texts stay small in
 * memory; and past AHEAD_BYTES of them, one (files may be 256 MiB each). */
#define AHEAD 64
#define AHEAD_BYTES ((size_t)32 << 20)

struct pipe {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct ingest_item slot[AHEAD];
	size_t made, taken, n; /* items made by the second thread, taken by the first */
	size_t bytes;          /* of the items made and not taken */
	int stop;
	const struct ingest_opts *o;
	void (*read)(void *ctx, size_t i, struct ingest_item *it);
	void *ctx;
};

static void item_free(struct ingest_item *it)
{
	free(it->source);
	free(it->name);
	free(it->raw);
	free(it->err);
	ingest_prep_free(&it->prep);
	memset(it, 0, sizeof *it);
}

/* Read and prepare item i (on whichever thread runs it). */
static void make(struct pipe *p, size_t i, struct ingest_item *it)
{
	memset(it, 0, sizeof *it);
	p->read(p->ctx, i, it);
	if (it->skip || it->err)
		return;
	if (ingest_prepare(it->source, it->name, it->raw, it->len, p->o, &it->prep) != 0) {
		it->err = it->prep.err;
		it->prep.err = NULL;
	}
}

static void *worker(void *arg)
{
	struct pipe *p = arg;
	size_t i;

	for (i = 0; i < p->n; i++) {
		struct ingest_item it;
		int stop;
		pthread_mutex_lock(&p->lock);
		while (!p->stop && (p->made - p->taken >= AHEAD ||
		                    (p->made > p->taken && p->bytes >= AHEAD_BYTES)))
			pthread_cond_wait(&p->changed, &p->lock);
		stop = p->stop;
		pthread_mutex_unlock(&p->lock);
		if (stop)
			break;
		make(p, i, &it);
		pthread_mutex_lock(&p->lock);
		p->slot[i % AHEAD] = it;
		p->bytes += it.len;
		p->made++;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
	}
	return NULL;
}

/* What the second thread will use first made here, on one thread: the
 * recognizer's word lists, the cleaning rules, libxml2. */
static void warm_up(const struct ingest_opts *o)
{
	struct ingest_prep p;

	xmlInitParser();
	(void)ingest_prepare(NULL, "warm-up", "Warm up.\n", 9, o, &p);
	ingest_prep_free(&p);
}

void ingest_pipeline(size_t n, const struct ingest_opts *o,
                     void (*read)(void *ctx, size_t i, struct ingest_item *it),
                     void (*take)(void *ctx, size_t i, struct ingest_item *it), void *ctx)
{
	struct pipe p;
	pthread_t th;
	size_t i;
	int threaded;

	memset(&p, 0, sizeof p);
	p.n = n;
	p.o = o;
	p.read = read;
	p.ctx = ctx;
	threaded = n > 1;
	if (threaded)
		warm_up(o);
	threaded = threaded && pthread_mutex_init(&p.lock, NULL) == 0;
	if (threaded && pthread_cond_init(&p.changed, NULL) != 0) {
		pthread_mutex_destroy(&p.lock);
		threaded = 0;
	}
	if (threaded && pthread_create(&th, NULL, worker, &p) != 0) {
		pthread_cond_destroy(&p.changed);
		pthread_mutex_destroy(&p.lock);
		threaded = 0;
	}
	for (i = 0; i < n; i++) {
		struct ingest_item it;
		if (!threaded) {
			make(&p, i, &it);
		} else {
			pthread_mutex_lock(&p.lock);
			while (p.made <= i)
				pthread_cond_wait(&p.changed, &p.lock);
			it = p.slot[i % AHEAD];
			memset(&p.slot[i % AHEAD], 0, sizeof p.slot[i % AHEAD]);
			p.bytes -= it.len;
			p.taken++;
			pthread_cond_broadcast(&p.changed);
			pthread_mutex_unlock(&p.lock);
		}
		take(ctx, i, &it);
		item_free(&it);
	}
	if (threaded) {
		pthread_mutex_lock(&p.lock);
		p.stop = 1;
		pthread_cond_broadcast(&p.changed);
		pthread_mutex_unlock(&p.lock);
		pthread_join(th, NULL);
		for (i = 0; i < AHEAD; i++)
			item_free(&p.slot[i]);
		pthread_cond_destroy(&p.changed);
		pthread_mutex_destroy(&p.lock);
	}
}
