/* ingest_url.c — an article from its URL (see ingest_url.h): the fetch
 * module gets the bytes, this file decides whether they are an article
 * (by their media type: a PDF is refused with the reason), in which
 * encoding, and hands them to the import pipeline (ingest_bytes), which
 * extracts HTML as it does for a saved page. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "gloss/extract.h"
#include "gloss/feed.h"
#include "gloss/ingest_url.h"
#include "gloss/store_fetch.h"
#include "gloss/util.h"

static char *cannot(const char *url, const char *fmt, ...) GLOSS_PRINTF(2, 3);
static char *cannot(const char *url, const char *fmt, ...)
{
	va_list ap;
	char *why, *shown = fetch_printable(url, 300), *msg;

	va_start(ap, fmt);
	why = xvasprintf(fmt, ap);
	va_end(ap);
	msg = xasprintf("cannot import '%s': %s", shown, why);
	free(why);
	free(shown);
	return msg;
}

int ingest_url_prepare(struct store *st, const char *url, struct ingest_url_job *job,
                       char **err)
{
	char why[256];
	struct store_fetched f;

	memset(job, 0, sizeof *job);
	*err = NULL;
	job->url = xstrdup(url);
	job->req.url = job->url;
	if (fetch_url_check(url, why, sizeof why) != 0) {
		*err = cannot(url, "%s", why);
		return -1;
	}
	if (st && store_fetched_get(st, url, &f) == 0) {
		job->known_id = f.article_id;
		job->etag = f.etag;
		job->last_modified = f.last_modified;
		job->final_url = f.final_url;
		f.etag = f.last_modified = f.final_url = NULL;
		store_fetched_clear(&f);
		job->req.etag = job->etag;
		job->req.last_modified = job->last_modified;
	}
	return 0;
}

void ingest_url_fetch(struct ingest_url_job *jobs, size_t n, const struct fetch_opts *o)
{
	struct fetch_request *reqs = xcalloc(n ? n : 1, sizeof *reqs);
	struct fetch_response *res = xcalloc(n ? n : 1, sizeof *res);
	size_t i;

	for (i = 0; i < n; i++)
		reqs[i] = jobs[i].req;
	fetch_many(reqs, n, o, res);
	for (i = 0; i < n; i++) {
		fetch_response_free(&jobs[i].res);
		jobs[i].res = res[i];
	}
	free(reqs);
	free(res);
}

int ingest_url_type_ok(const char *t)
{
	return !t || strcmp(t, "text/html") == 0 || strcmp(t, "application/xhtml+xml") == 0 ||
	       strcmp(t, "text/plain") == 0;
}

static int is_utf8_name(const char *cs)
{
	return strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0;
}

const char *ingest_url_encoding(const char *body, size_t len, const char *charset,
                                char **owned)
{
	*owned = NULL;
	if (charset && !is_utf8_name(charset)) {
		*owned = xstrdup(charset);
		return *owned;
	}
	if (!u8_check((const uint8_t *)body, len))
		return NULL;
	/* Declared UTF-8, or not declared, and not UTF-8: legacy text. */
	return "WINDOWS-1252";
}

int ingest_url_finish(struct store *st, struct ingest_url_job *job, const struct ingest_opts *o,
                      struct ingest_result *res, char **err)
{
	struct fetch_response *r = &job->res;
	struct ingest_opts io = *o;
	char *owned = NULL, *name;
	const char *final = r->final_url ? r->final_url : job->url;
	int rc;

	*err = NULL;
	memset(res, 0, sizeof *res);
	if (r->status == FETCH_FAILED) {
		*err = xstrdup(r->error ? r->error : "cannot fetch: unknown error");
		return -1;
	}
	if (r->status == FETCH_NOT_MODIFIED) {
		if (!job->known_id) {
			*err = cannot(job->url, "the server answered 'not modified' to a first request");
			return -1;
		}
		res->status = STORE_UNCHANGED;
		res->id = job->known_id;
		store_fetched_put(st, job->url, job->known_id, final, r->etag ? r->etag : job->etag,
		                  r->last_modified ? r->last_modified : job->last_modified);
		return 0;
	}
	if (feed_sniff(r->body, r->len) || (r->content_type && (strstr(r->content_type, "rss") ||
	                                                        strstr(r->content_type, "atom")))) {
		*err = cannot(job->url, "a feed (RSS or Atom), not an article: 'gloss feed add' "
		              "follows it and 'gloss fetch' imports its items");
		return -1;
	}
	if (!ingest_url_type_ok(r->content_type)) {
		char *t = fetch_printable(r->content_type, 80);
		*err = cannot(job->url, "the server sent %s, not a web page (gloss imports HTML and "
		              "plain text)", t);
		free(t);
		return -1;
	}
	/* A web page's charset is the extractor's to find (the server's
	 * word first, then the page's own); plain text is decoded here. */
	if (!io.encoding && (extract_sniff(r->body, r->len, NULL) ||
	                     (r->content_type && strstr(r->content_type, "html"))))
		io.encoding = r->charset;
	else if (!io.encoding)
		io.encoding = ingest_url_encoding(r->body, r->len, r->charset, &owned);
	io.url = final;
	name = fetch_printable(job->url, 300);
	rc = ingest_bytes(st, job->url, name, r->body, r->len, &io, res, err);
	free(name);
	free(owned);
	if (rc == 0)
		store_fetched_put(st, job->url, res->id, final, r->etag, r->last_modified);
	return rc;
}

void ingest_url_job_free(struct ingest_url_job *job)
{
	free(job->url);
	free(job->etag);
	free(job->last_modified);
	free(job->final_url);
	fetch_response_free(&job->res);
	memset(job, 0, sizeof *job);
}
