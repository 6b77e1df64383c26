/* fetch.h — getting pages over HTTP and HTTPS with libcurl: one request,
 * or many at once through libcurl's multi interface (the feeds fetch many).
 * Redirects are followed up to a limit (a loop is an error), every
 * encoding libcurl can decode is offered, requests can be conditional
 * (ETag, Last-Modified), responses are capped in size and time, and HTTPS
 * checks certificates against the system's.  Model code: no SQLite, no
 * curses; it decides nothing about what the bytes are for (an importer
 * refuses a PDF from the content type this reports). */
#ifndef GLOSS_FETCH_H
#define GLOSS_FETCH_H

#include <stddef.h>
#include <stdint.h>

#define FETCH_MAX_BYTES ((size_t)32 * 1024 * 1024) /* per response */
#define FETCH_MAX_REDIRECTS 10
#define FETCH_CONNECT_TIMEOUT_MS 15000L
#define FETCH_TIMEOUT_MS 60000L
#define FETCH_PARALLEL 6

struct fetch_opts {
	long connect_timeout_ms; /* 0: FETCH_CONNECT_TIMEOUT_MS */
	long timeout_ms;         /* the whole transfer; 0: FETCH_TIMEOUT_MS */
	size_t max_bytes;        /* 0: FETCH_MAX_BYTES (after decompression) */
	int max_redirects;       /* 0: FETCH_MAX_REDIRECTS; < 0: follow none */
	int parallel;            /* transfers at once; 0: FETCH_PARALLEL */
	const char *ca_file;     /* trusted certificates (PEM); NULL: the system's */
	/* Called now and then during the transfers (on the calling thread)
	 * with the bytes received so far of request index and the size the
	 * server announced (0 when unknown); a non-zero return cancels every
	 * transfer still running. */
	int (*progress)(void *ctx, size_t index, uint64_t received, uint64_t expected);
	void *ctx;
};

struct fetch_request {
	const char *url;
	/* The validators the server sent last time, or NULL: the request
	 * then asks for the page only if it changed. */
	const char *etag;          /* sent as If-None-Match */
	const char *last_modified; /* sent as If-Modified-Since */
};

enum fetch_status {
	FETCH_OK,           /* a 2xx answer: body holds the page */
	FETCH_NOT_MODIFIED, /* a 304 to a conditional request: no body */
	FETCH_FAILED        /* error holds why */
};

struct fetch_response {
	enum fetch_status status;
	long http_code;       /* of the last response; 0 when none came */
	char *final_url;      /* after redirects; NULL when nothing was fetched */
	char *content_type;   /* media type in lower case, no parameters, or NULL */
	char *charset;        /* the Content-Type's charset parameter, or NULL */
	char *etag;           /* validators of the final response, or NULL */
	char *last_modified;
	long retry_after;     /* seconds a Retry-After asked to wait, or -1 */
	char *body;           /* NUL-terminated (the NUL is not counted) */
	size_t len;
	/* FETCH_FAILED: one line, "cannot fetch 'URL': REASON", in printable
	 * ASCII only (the URL percent-encoded, a server's or libcurl's text
	 * cleaned), so it is safe to print as it is. */
	char *error;
};

/* 0 when url is a well-formed http or https URL with a host; else -1 with
 * the reason in why ("the scheme 'ftp' is not supported (only http and
 * https)"). */
int fetch_url_check(const char *url, char *why, size_t whylen);

/* 1 when s looks like a URL (a scheme followed by "://"), whatever the
 * scheme: an importer sends it here rather than opening it as a file. */
int fetch_is_url(const char *s);

/* Fetch one request.  Returns 0 when out->status is FETCH_OK or
 * FETCH_NOT_MODIFIED, else -1 (out->error says why).  Free out with
 * fetch_response_free. */
int fetch_one(const struct fetch_request *req, const struct fetch_opts *o,
              struct fetch_response *out);

/* Fetch n requests at once (up to o->parallel transfers in flight), each
 * answered in out[i].  Returns how many failed. */
size_t fetch_many(const struct fetch_request *reqs, size_t n, const struct fetch_opts *o,
                  struct fetch_response *out);

void fetch_response_free(struct fetch_response *r);

/* "gloss/VERSION (+terminal news reader)" */
const char *fetch_user_agent(void);

/* s as printable ASCII for a message: bytes outside it become %XX,
 * and the result is cut to about max bytes with "...".  Caller frees. */
char *fetch_printable(const char *s, size_t max);

#endif
