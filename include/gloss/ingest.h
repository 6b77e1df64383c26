/* ingest.h — the import pipeline, shared by the command line and the UI:
 * read → decode → clean → recognise entities → store. */
#ifndef GLOSS_INGEST_H
#define GLOSS_INGEST_H

#include <stdint.h>

#include "gloss/import.h"
#include "gloss/ner.h"
#include "gloss/store.h"

struct ingest_opts {
	const char *url;      /* where the text came from, or NULL */
	const char *encoding; /* NULL for UTF-8 */
	int64_t replace_id;   /* > 0: new text for this article */
};

struct ingest_result {
	int status;   /* enum store_import_status */
	int64_t id;
	int orphaned; /* highlights that could not be re-anchored */
	char warning[256]; /* "" or a caveat about what was imported */
};

struct import_doc;
/* A web page's bytes to a cleaned article, the way import reads it
 * (`gloss extract` prints this).  charset (from HTTP) and url may be
 * NULL.  0, or -1 with the reason in err. */
int ingest_page(const char *raw, size_t len, const char *charset, const char *url,
                struct import_doc *doc, char *warning, size_t warnsz, char *err, size_t errsz);

/* Import one file ("-" for standard input).  Returns 0, or -1 with *err
 * set to "cannot import 'PATH': REASON" (free it); the store is then as
 * it was. */
int ingest_file(struct store *st, const char *path, const struct ingest_opts *o,
                struct ingest_result *res, char **err);
/* Its first step: the file's bytes, and the source to record (its real
 * path; NULL for standard input).  0, or -1 with *err set as above. */
int ingest_read(const char *path, char **raw, size_t *len, char **source, char **err);

/* Import bytes already read; source is the path to record (NULL for
 * stdin) and name the one to show in messages. */
/* Recognise, correct (the library's corrections first), split and store a
 * cleaned document: store_import's result (0 new, 1 unchanged, 2 updated,
 * <0 error: store_errmsg). Every way an article arrives ends here. */
struct import_doc;
int ingest_store_doc(struct store *st, const struct import_doc *doc, const char *source,
                     const char *url, const char *raw, size_t rawlen, int64_t replace_id,
                     int64_t *id, int *orphaned);

int ingest_bytes(struct store *st, const char *source, const char *name, const char *raw,
                 size_t len, const struct ingest_opts *o, struct ingest_result *res,
                 char **err);

/* ingest_bytes in two halves: ingest_prepare does what needs no library
 * (decode, clean, find entities, the digests; safe on
 * another thread once what it uses first is made, as ingest_pipeline
 * does), ingest_prep_store the rest (the library's corrections, then the
 * store).  ingest_prepare returns 0, or
 * -1 with p->err set; either way free p with ingest_prep_free. */
struct ingest_prep {
	struct import_doc doc;
	struct ner_result ner;
	char raw_sha[65], body_sha[65]; /* SHA-256 in hex of the bytes and of doc.body */
	char warning[256];
	char *err;
};
int ingest_prepare(const char *source, const char *name, const char *raw, size_t len,
                   const struct ingest_opts *o, struct ingest_prep *p);
int ingest_prep_store(struct store *st, struct ingest_prep *p, const char *source, const char *name,
                      const char *raw, size_t len, const struct ingest_opts *o,
                      struct ingest_result *res, char **err);
void ingest_prep_free(struct ingest_prep *p);

/* Many files at once on two threads: a second thread reads and prepares
 * item i + 1 (up to a few ahead) while the caller's thread stores item i.
 * read(ctx, i, it) runs on the second thread and fills it->source, name,
 * raw and len (all freed by the pipeline), or it->err (then nothing is
 * prepared), or sets it->skip (the caller deals with the item itself);
 * take(ctx, i, it) runs on the caller's thread for every item in order,
 * with it->prep prepared (or it->err set).  Without a second thread it
 * all runs on the caller's. */
struct ingest_item {
	char *source, *name, *raw;
	size_t len;
	char *err;
	int skip;
	struct ingest_prep prep;
};
void ingest_pipeline(size_t n, const struct ingest_opts *o,
                     void (*read)(void *ctx, size_t i, struct ingest_item *it),
                     void (*take)(void *ctx, size_t i, struct ingest_item *it), void *ctx);

/* The source recorded for a bundled sample article: this prefix, then
 * its file name. */
#define INGEST_SAMPLE_PREFIX "bundled:"
/* Import the articles bundled with gloss (embedded in the binary).
 * Returns how many were new to the library (the others were there
 * already), or -1 with *err set. */
int ingest_bundled(struct store *st, char **err);

#endif
