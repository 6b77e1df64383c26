/* ingest_url.h — importing an article from its URL, in three steps so
 * that the network never holds up the one thread that writes the store:
 * prepare (reads what the server sent last time), fetch (the network
 * only; any thread, many URLs at once), finish (checks the type, decodes
 * and imports through ingest_bytes, and records what the server sent).
 * An article imported from a URL has the URL as given for its source, so
 * importing it again finds it (and a changed page updates it in place,
 * re-anchoring its highlights), and the final URL after redirects for
 * its url. */
#ifndef GLOSS_INGEST_URL_H
#define GLOSS_INGEST_URL_H

#include <stdint.h>

#include "gloss/fetch.h"
#include "gloss/ingest.h"
#include "gloss/store.h"

struct ingest_url_job {
	char *url;                 /* as given */
	struct fetch_request req;  /* url with last time's validators */
	struct fetch_response res; /* filled by ingest_url_fetch */
	int64_t known_id;          /* the article it gave last time, or 0 */
	char *etag, *last_modified; /* last time's, owned here */
	char *final_url;
};

/* Set up job for url: checks it is an http(s) URL and, with st (may be
 * NULL), asks the server conditionally when the URL was imported before.
 * Returns 0, or -1 with *err set to "cannot import 'URL': REASON". */
int ingest_url_prepare(struct store *st, const char *url, struct ingest_url_job *job,
                       char **err);

/* Fetch the jobs' pages at once (no store involved: any thread). */
void ingest_url_fetch(struct ingest_url_job *jobs, size_t n, const struct fetch_opts *o);

/* Import what fetching job gave.  res->status is STORE_UNCHANGED too when
 * the server answered "not modified".  Returns 0, or -1 with *err set to
 * one printable line naming the URL and the reason (free it); the
 * library is then as it was. */
int ingest_url_finish(struct store *st, struct ingest_url_job *job, const struct ingest_opts *o,
                      struct ingest_result *res, char **err);

void ingest_url_job_free(struct ingest_url_job *job);

/* The encoding to decode plain text from a server with: its declared
 * charset, else UTF-8 (NULL) when the bytes are UTF-8, else windows-1252,
 * which is what undeclared legacy text most often is.  Returns a static
 * or a new string in *owned (free it).  (A web page's charset is found by
 * the extractor.) */
const char *ingest_url_encoding(const char *body, size_t len, const char *charset,
                                char **owned);

/* 1 when a page of this media type (NULL: none given) is imported as an
 * article: HTML, XHTML or plain text. */
int ingest_url_type_ok(const char *content_type);

#endif
