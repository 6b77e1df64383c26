/* fetch.c — HTTP and HTTPS over libcurl (see fetch.h): each request is
 * an easy handle, and all of them run through one multi handle, so one
 * request and many share a single code path.
 *
 * What reaches a caller from a server is kept apart from what reaches a
 * terminal: header values are stored as sent (so they can be sent back),
 * but every message is built from our own words plus URLs and libcurl's
 * text made printable ASCII. */
#include "config.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <curl/curl.h>

#include "gloss/fetch.h"
#include "gloss/util.h"

#define URL_MAX 8192
#define HEADER_VALUE_MAX 1024

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static int global_rc;

static void global_init(void)
{
	global_rc = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

const char *fetch_user_agent(void)
{
	return "gloss/" PACKAGE_VERSION " (+terminal news reader)";
}

char *fetch_printable(const char *s, size_t max)
{
	struct buf b = {0};
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	if (max < 8)
		max = 8;
	buf_adds(&b, "");
	for (; *p; p++) {
		if (b.len + 3 > max) {
			buf_adds(&b, "...");
			break;
		}
		if (*p >= 0x20 && *p < 0x7f)
			buf_addc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	return buf_steal(&b);
}

/* libcurl's message, one line of printable ASCII. */
static char *curl_text(const char *s)
{
	struct buf b = {0};
	const unsigned char *p = (const unsigned char *)s;

	buf_adds(&b, "");
	for (; *p && b.len < 200; p++)
		buf_addc(&b, *p >= 0x20 && *p < 0x7f ? (char)*p : ' ');
	while (b.len && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	return buf_steal(&b);
}

int fetch_is_url(const char *s)
{
	const char *p = s;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return strncmp(p, "://", 3) == 0;
}

static void set_why(char *why, size_t n, const char *fmt, ...) GLOSS_PRINTF(3, 4);
static void set_why(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;

	if (!why || !n)
		return;
	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
}

int fetch_url_check(const char *url, char *why, size_t whylen)
{
	const unsigned char *p;
	CURLU *u;
	char *scheme = NULL, *host = NULL;
	int rc = -1;

	if (!url || !*url) {
		set_why(why, whylen, "an empty URL");
		return -1;
	}
	if (strlen(url) > URL_MAX) {
		set_why(why, whylen, "the URL is longer than %d bytes", URL_MAX);
		return -1;
	}
	for (p = (const unsigned char *)url; *p; p++) {
		if (*p <= 0x20 || *p == 0x7f) {
			set_why(why, whylen, "the URL has a space or a control character in it");
			return -1;
		}
	}
	if (!fetch_is_url(url)) {
		set_why(why, whylen, "not a URL (it needs http:// or https:// before the host)");
		return -1;
	}
	{
		size_t n = strcspn(url, ":");
		char *sch = xstrndup(url, n);
		for (char *q = sch; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		if (strcmp(sch, "http") != 0 && strcmp(sch, "https") != 0) {
			char *shown = fetch_printable(sch, 20);
			set_why(why, whylen, "the scheme '%s' is not supported (only http and https)",
			        shown);
			free(shown);
			free(sch);
			return -1;
		}
		free(sch);
	}
	if (pthread_once(&global_once, global_init) != 0 || global_rc != 0) {
		set_why(why, whylen, "libcurl could not start");
		return -1;
	}
	u = curl_url();
	if (!u) {
		set_why(why, whylen, "out of memory");
		return -1;
	}
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) {
		set_why(why, whylen, "a malformed URL");
	} else if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	           curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !host || !*host) {
		set_why(why, whylen, "the URL has no host name");
	} else {
		rc = 0;
	}
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return rc;
}

/* --- one transfer --- */

struct xfer {
	CURL *h;
	size_t index;
	const struct fetch_request *req;
	struct fetch_response *res;
	const struct fetch_opts *o;
	struct buf body;
	size_t max;
	int too_big, loop, cancelled, done;
	char errbuf[CURL_ERROR_SIZE];
	struct curl_slist *headers;
	char **chain; /* the URLs asked for so far, for loops */
	size_t nchain;
};

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	size_t n = size * nmemb;

	if (n > x->max || x->body.len > x->max - n) {
		x->too_big = 1;
		return 0; /* makes libcurl stop with a write error */
	}
	buf_add(&x->body, ptr, n);
	return n;
}

static char *header_value(const char *line, size_t len, size_t namelen)
{
	const char *v = line + namelen, *end = line + len;

	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end == v || (size_t)(end - v) > HEADER_VALUE_MAX)
		return NULL;
	/* A value is sent back in a later request: nothing that could end
	 * or split a header line. */
	for (const char *q = v; q < end; q++)
		if ((unsigned char)*q < 0x20 && *q != '\t')
			return NULL;
	return xstrndup(v, (size_t)(end - v));
}

static int header_is(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);
	return len > n && strncasecmp(line, name, n) == 0;
}

static size_t on_header(char *line, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	size_t len = size * nmemb;

	if (len >= 5 && strncmp(line, "HTTP/", 5) == 0) {
		/* A new response (after a redirect): only the last one's
		 * headers count, and a URL asked for twice is a loop. */
		char *url = NULL;
		size_t i;
		free(x->res->etag);
		free(x->res->last_modified);
		x->res->etag = x->res->last_modified = NULL;
		if (curl_easy_getinfo(x->h, CURLINFO_EFFECTIVE_URL, &url) == CURLE_OK && url) {
			for (i = 0; i < x->nchain; i++) {
				if (strcmp(x->chain[i], url) == 0) {
					x->loop = 1;
					break;
				}
			}
			x->chain = xreallocarray(x->chain, x->nchain + 1, sizeof *x->chain);
			x->chain[x->nchain++] = xstrdup(url);
			if (x->loop)
				return 0;
		}
	} else if (header_is(line, len, "etag:")) {
		free(x->res->etag);
		x->res->etag = header_value(line, len, 5);
	} else if (header_is(line, len, "last-modified:")) {
		free(x->res->last_modified);
		x->res->last_modified = header_value(line, len, 14);
	}
	return len;
}

static int on_progress(void *ud, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
	struct xfer *x = ud;

	(void)ultotal;
	(void)ulnow;
	if (x->o && x->o->progress &&
	    x->o->progress(x->o->ctx, x->index, dlnow > 0 ? (uint64_t)dlnow : 0,
	                   dltotal > 0 ? (uint64_t)dltotal : 0) != 0) {
		x->cancelled = 1;
		return 1;
	}
	return 0;
}

/* Split "text/html; charset=ISO-8859-1" into its type and charset. */
static void parse_content_type(const char *ct, char **type, char **charset)
{
	const char *p = ct, *semi;
	size_t n;

	*type = *charset = NULL;
	while (*p == ' ' || *p == '\t')
		p++;
	semi = strchr(p, ';');
	n = semi ? (size_t)(semi - p) : strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n && n < 128) {
		*type = xstrndup(p, n);
		for (char *q = *type; *q; q++)
			*q = (char)tolower((unsigned char)*q);
	}
	while (semi) {
		p = semi + 1;
		while (*p == ' ' || *p == '\t')
			p++;
		semi = strchr(p, ';');
		if (strncasecmp(p, "charset=", 8) == 0) {
			const char *v = p + 8, *e;
			if (*v == '"') {
				v++;
				e = strchr(v, '"');
				if (!e)
					e = v + strlen(v);
			} else {
				e = semi ? semi : v + strlen(v);
				while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
					e--;
			}
			if (e > v && e - v < 64) {
				free(*charset);
				*charset = xstrndup(v, (size_t)(e - v));
			}
		}
	}
}

static const char *status_words(long code)
{
	switch (code) {
	case 400: return "bad request";
	case 401: return "a login is needed";
	case 402: return "payment required";
	case 403: return "forbidden";
	case 404: return "not found";
	case 405: return "method not allowed";
	case 406: return "not acceptable";
	case 408: return "request timeout";
	case 410: return "gone";
	case 429: return "too many requests";
	case 451: return "unavailable for legal reasons";
	case 500: return "internal server error";
	case 501: return "not implemented";
	case 502: return "bad gateway";
	case 503: return "service unavailable";
	case 504: return "gateway timeout";
	default: return code >= 500 ? "server error" : code >= 400 ? "client error" : "unexpected";
	}
}

static void fail(struct xfer *x, const char *fmt, ...) GLOSS_PRINTF(2, 3);
static void fail(struct xfer *x, const char *fmt, ...)
{
	va_list ap;
	char *why, *url = fetch_printable(x->req->url, 300);

	va_start(ap, fmt);
	why = xvasprintf(fmt, ap);
	va_end(ap);
	free(x->res->error);
	x->res->error = xasprintf("cannot fetch '%s': %s", url, why);
	x->res->status = FETCH_FAILED;
	free(why);
	free(url);
}

static char *chain_text(const struct xfer *x)
{
	struct buf b = {0};
	size_t i;

	buf_adds(&b, "");
	for (i = 0; i < x->nchain; i++) {
		char *u = fetch_printable(x->chain[i], 120);
		buf_printf(&b, "%s%s", i ? " -> " : "", u);
		free(u);
		if (i == 4 && x->nchain > 6) {
			buf_adds(&b, " -> ...");
			break;
		}
	}
	return buf_steal(&b);
}

/* The transfer is over (code is libcurl's result): fill in the response. */
static void finish(struct xfer *x, CURLcode code)
{
	struct fetch_response *r = x->res;
	const struct fetch_opts *o = x->o;
	long timeout = o && o->timeout_ms > 0 ? o->timeout_ms : FETCH_TIMEOUT_MS;
	char *url = NULL, *ct = NULL, *msg;
	curl_off_t retry = -1;

	x->done = 1;
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &r->http_code);
	if (curl_easy_getinfo(x->h, CURLINFO_EFFECTIVE_URL, &url) == CURLE_OK && url)
		r->final_url = xstrdup(url);
	if (curl_easy_getinfo(x->h, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct)
		parse_content_type(ct, &r->content_type, &r->charset);
	if (curl_easy_getinfo(x->h, CURLINFO_RETRY_AFTER, &retry) == CURLE_OK && retry > 0)
		r->retry_after = (long)retry;
	msg = curl_text(x->errbuf[0] ? x->errbuf : curl_easy_strerror(code));

	if (x->loop) {
		char *c = chain_text(x);
		fail(x, "a redirect loop (%s)", c);
		free(c);
	} else if (x->too_big || code == CURLE_FILESIZE_EXCEEDED) {
		if (x->max >= 1024 * 1024 && x->max % (1024 * 1024) == 0)
			fail(x, "larger than the %zu MiB limit", x->max / (1024 * 1024));
		else
			fail(x, "larger than the limit of %zu bytes", x->max);
	} else if (x->cancelled || code == CURLE_ABORTED_BY_CALLBACK) {
		fail(x, "cancelled");
	} else if (code != CURLE_OK) {
		switch (code) {
		case CURLE_UNSUPPORTED_PROTOCOL:
			fail(x, "a redirect to a scheme other than http or https (%s)", msg);
			break;
		case CURLE_URL_MALFORMAT:
			fail(x, "a malformed URL (%s)", msg);
			break;
		case CURLE_COULDNT_RESOLVE_HOST:
		case CURLE_COULDNT_RESOLVE_PROXY:
			fail(x, "cannot find the host (no such name, or no network)");
			break;
		case CURLE_COULDNT_CONNECT:
			fail(x, "cannot connect (refused or unreachable)");
			break;
		case CURLE_OPERATION_TIMEDOUT: {
			double connect = 0;
			curl_easy_getinfo(x->h, CURLINFO_CONNECT_TIME, &connect);
			if (connect <= 0)
				fail(x, "timed out while connecting (%s)", msg);
			else
				fail(x, "timed out (no complete answer within %ld s)", (timeout + 999) / 1000);
			break;
		}
		case CURLE_TOO_MANY_REDIRECTS: {
			char *c = chain_text(x);
			fail(x, "too many redirects (%s)", c);
			free(c);
			break;
		}
		case CURLE_PEER_FAILED_VERIFICATION:
			fail(x, "the server's certificate is not trusted (%s)", msg);
			break;
		case CURLE_SSL_CONNECT_ERROR:
			fail(x, "the secure connection failed (%s)", msg);
			break;
		case CURLE_SSL_CACERT_BADFILE:
			fail(x, "cannot read the trusted certificates (%s)", msg);
			break;
		case CURLE_BAD_CONTENT_ENCODING:
			fail(x, "the server's compressed data is damaged (%s)", msg);
			break;
		case CURLE_GOT_NOTHING:
			fail(x, "the server closed the connection without answering");
			break;
		case CURLE_RECV_ERROR:
		case CURLE_SEND_ERROR:
		case CURLE_PARTIAL_FILE:
			fail(x, "the connection broke off (%s)", msg);
			break;
		default:
			fail(x, "%s", msg);
			break;
		}
	} else if (r->http_code == 304 && (x->req->etag || x->req->last_modified)) {
		r->status = FETCH_NOT_MODIFIED;
	} else if (r->http_code >= 200 && r->http_code < 300) {
		r->status = FETCH_OK;
		buf_adds(&x->body, "");
		r->len = x->body.len;
		r->body = buf_steal(&x->body);
	} else if (r->http_code == 304) {
		fail(x, "the server answered 304 (not modified) to a request that was not conditional");
	} else if (r->http_code >= 300 && r->http_code < 400) {
		fail(x, "the server answered %ld (a redirect without a place to go)", r->http_code);
	} else if (r->retry_after > 0) {
		fail(x, "the server answered %ld (%s; it asks to wait %ld s)", r->http_code,
		     status_words(r->http_code), r->retry_after);
	} else {
		fail(x, "the server answered %ld (%s)", r->http_code, status_words(r->http_code));
	}
	free(msg);
	if (r->status == FETCH_FAILED) {
		free(r->body);
		r->body = NULL;
		r->len = 0;
	}
}

static int xfer_setup(struct xfer *x)
{
	const struct fetch_opts *o = x->o;
	int redirs = o && o->max_redirects ? o->max_redirects : FETCH_MAX_REDIRECTS;
	char why[200];
	CURL *h;

	x->res->retry_after = -1;
	x->res->status = FETCH_FAILED;
	x->max = o && o->max_bytes ? o->max_bytes : FETCH_MAX_BYTES;
	if (fetch_url_check(x->req->url, why, sizeof why) != 0) {
		fail(x, "%s", why);
		x->done = 1;
		return -1;
	}
	h = x->h = curl_easy_init();
	if (!h) {
		fail(x, "libcurl could not start a transfer");
		x->done = 1;
		return -1;
	}
	curl_easy_setopt(h, CURLOPT_URL, x->req->url);
	curl_easy_setopt(h, CURLOPT_PRIVATE, x);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, fetch_user_agent());
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); /* all that libcurl can decode */
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, redirs > 0 ? 1L : 0L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)(redirs > 0 ? redirs : 0));
	curl_easy_setopt(h, CURLOPT_AUTOREFERER, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
	                 o && o->connect_timeout_ms > 0 ? o->connect_timeout_ms
	                                                : FETCH_CONNECT_TIMEOUT_MS);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS,
	                 o && o->timeout_ms > 0 ? o->timeout_ms : FETCH_TIMEOUT_MS);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->max);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (o && o->ca_file)
		curl_easy_setopt(h, CURLOPT_CAINFO, o->ca_file);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	x->headers = curl_slist_append(NULL, "Accept: text/html,application/xhtml+xml,"
	                                     "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5");
	/* Validators come from an earlier answer; one that could split a
	 * header line was never stored (header_value), but check again. */
	if (x->req->etag && !strpbrk(x->req->etag, "\r\n")) {
		char *hd = xasprintf("If-None-Match: %s", x->req->etag);
		x->headers = curl_slist_append(x->headers, hd);
		free(hd);
	}
	if (x->req->last_modified && !strpbrk(x->req->last_modified, "\r\n")) {
		char *hd = xasprintf("If-Modified-Since: %s", x->req->last_modified);
		x->headers = curl_slist_append(x->headers, hd);
		free(hd);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->headers);
	return 0;
}

static void xfer_free(struct xfer *x)
{
	size_t i;

	if (x->h)
		curl_easy_cleanup(x->h);
	curl_slist_free_all(x->headers);
	buf_free(&x->body);
	for (i = 0; i < x->nchain; i++)
		free(x->chain[i]);
	free(x->chain);
}

size_t fetch_many(const struct fetch_request *reqs, size_t n, const struct fetch_opts *o,
                  struct fetch_response *out)
{
	struct xfer *xs;
	CURLM *m = NULL;
	size_t i, failed = 0, next = 0, running = 0;
	int parallel = o && o->parallel > 0 ? o->parallel : FETCH_PARALLEL;

	if (n == 0)
		return 0;
	memset(out, 0, n * sizeof *out);
	xs = xcalloc(n, sizeof *xs);
	for (i = 0; i < n; i++) {
		xs[i].index = i;
		xs[i].req = &reqs[i];
		xs[i].res = &out[i];
		xs[i].o = o;
	}
	if (pthread_once(&global_once, global_init) != 0 || global_rc != 0 ||
	    !(m = curl_multi_init())) {
		for (i = 0; i < n; i++) {
			out[i].retry_after = -1;
			fail(&xs[i], "libcurl could not start");
		}
		goto done;
	}
	for (;;) {
		int still = 0, left;
		CURLMsg *msg;
		/* Keep up to parallel transfers in flight. */
		while (next < n && running < (size_t)parallel) {
			struct xfer *x = &xs[next++];
			if (xfer_setup(x) != 0)
				continue;
			if (curl_multi_add_handle(m, x->h) != CURLM_OK) {
				fail(x, "libcurl could not start a transfer");
				x->done = 1;
				continue;
			}
			running++;
		}
		if (!running)
			break;
		if (curl_multi_perform(m, &still) != CURLM_OK)
			break;
		while ((msg = curl_multi_info_read(m, &left))) {
			struct xfer *x;
			char *priv = NULL;
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
			if (!(x = (struct xfer *)(void *)priv))
				continue;
			finish(x, msg->data.result);
			curl_multi_remove_handle(m, x->h);
			running--;
		}
		if (still > 0 && curl_multi_poll(m, NULL, 0, 200, NULL) != CURLM_OK)
			break;
		/* One cancelled transfer cancels the rest. */
		for (i = 0; i < n; i++) {
			if (xs[i].cancelled) {
				for (size_t j = 0; j < n; j++)
					if (!xs[j].done) {
						if (xs[j].h)
							curl_multi_remove_handle(m, xs[j].h);
						fail(&xs[j], "cancelled");
						xs[j].done = 1;
					}
				running = 0;
				next = n;
				break;
			}
		}
	}
	for (i = 0; i < n; i++) {
		if (!xs[i].done) {
			if (xs[i].h)
				curl_multi_remove_handle(m, xs[i].h);
			if (!out[i].error)
				fail(&xs[i], "the transfer was interrupted");
		}
	}
done:
	for (i = 0; i < n; i++) {
		if (out[i].status == FETCH_FAILED)
			failed++;
		xfer_free(&xs[i]);
	}
	free(xs);
	if (m)
		curl_multi_cleanup(m);
	return failed;
}

int fetch_one(const struct fetch_request *req, const struct fetch_opts *o,
              struct fetch_response *out)
{
	return fetch_many(req, 1, o, out) ? -1 : 0;
}

void fetch_response_free(struct fetch_response *r)
{
	free(r->final_url);
	free(r->content_type);
	free(r->charset);
	free(r->etag);
	free(r->last_modified);
	free(r->body);
	free(r->error);
	memset(r, 0, sizeof *r);
}
