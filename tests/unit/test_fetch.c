/* test_fetch.c — fetch.c against the local test server (tests/fetch/
 * server.py on 127.0.0.1, a free port): statuses, redirects and loops,
 * conditional requests, encodings, limits, TLS with a certificate made
 * here by openssl, and many transfers at once.  Nothing leaves the
 * machine. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gloss/fetch.h"
#include "gloss/util.h"
#include "tap.h"

struct server {
	pid_t pid;
	int in; /* its standard input: closing it stops it */
	int port;
};

static const char *python(void)
{
	const char *p = getenv("PYTHON3");
	return p && *p ? p : NULL;
}

static int server_start(struct server *s, const char *cert, const char *key)
{
	const char *top = getenv("TOP_SRCDIR") ? getenv("TOP_SRCDIR") : ABS_TOP_SRCDIR;
	char *script = xasprintf("%s/tests/fetch/server.py", top);
	char *root = xasprintf("%s/tests/fetch", top);
	int to[2], from[2];
	char line[64];
	FILE *f;

	memset(s, 0, sizeof s[0]);
	if (pipe(to) != 0 || pipe(from) != 0)
		return -1;
	s->pid = fork();
	if (s->pid == 0) {
		dup2(to[0], 0);
		dup2(from[1], 1);
		close(to[1]);
		close(from[0]);
		if (cert)
			execl(python(), python(), script, root, "--stop-on-eof", "--lifetime", "120",
			      "--tls", cert, key, (char *)NULL);
		else
			execl(python(), python(), script, root, "--stop-on-eof", "--lifetime", "120",
			      (char *)NULL);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	free(script);
	free(root);
	s->in = to[1];
	f = fdopen(from[0], "r");
	if (!f || !fgets(line, sizeof line, f) || sscanf(line, "PORT %d", &s->port) != 1) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

static void server_stop(struct server *s)
{
	if (s->pid > 0) {
		close(s->in);
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
		s->pid = 0;
	}
}

static char *url(const struct server *s, const char *scheme, const char *path)
{
	return xasprintf("%s://127.0.0.1:%d%s", scheme, s->port, path);
}

static double now(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

static int printable(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

static char *read_fixture(const char *name, size_t *len)
{
	const char *top = getenv("TOP_SRCDIR") ? getenv("TOP_SRCDIR") : ABS_TOP_SRCDIR;
	char *path = xasprintf("%s/tests/fetch/%s", top, name), *data = NULL;
	if (util_read_file(path, 1 << 20, &data, len) != 0)
		data = NULL;
	free(path);
	return data;
}

/* GET path; the response is left in r (free it). */
static int get(const struct server *s, const char *path, const struct fetch_opts *o,
               struct fetch_response *r)
{
	char *u = url(s, "http", path);
	struct fetch_request req = {u, NULL, NULL};
	int rc = fetch_one(&req, o, r);
	free(u);
	return rc;
}

static void test_check(void)
{
	char why[200];

	CHECK(fetch_url_check("http://example.org/a?b=c#d", why, sizeof why) == 0, "http URL");
	CHECK(fetch_url_check("HTTPS://example.org", why, sizeof why) == 0, "https URL, any case");
	CHECK(fetch_url_check("http://127.0.0.1:8080/x", why, sizeof why) == 0, "with a port");
	CHECK(fetch_url_check("ftp://example.org/f", why, sizeof why) != 0 &&
	          strstr(why, "'ftp' is not supported"), "ftp refused: %s", why);
	CHECK(fetch_url_check("file:///etc/passwd", why, sizeof why) != 0 &&
	          strstr(why, "'file'"), "file refused: %s", why);
	CHECK(fetch_url_check("example.org/page", why, sizeof why) != 0 && strstr(why, "not a URL"),
	      "no scheme: %s", why);
	CHECK(fetch_url_check("http://", why, sizeof why) != 0, "no host: %s", why);
	CHECK(fetch_url_check("http://a b/", why, sizeof why) != 0 && strstr(why, "space"),
	      "a space: %s", why);
	CHECK(fetch_url_check("http://x/\x1b[2J", why, sizeof why) != 0, "an escape: %s", why);
	CHECK(fetch_url_check("", why, sizeof why) != 0, "empty: %s", why);
	CHECK(fetch_is_url("https://x") && fetch_is_url("ftp://x") && !fetch_is_url("notes.txt") &&
	          !fetch_is_url("dir/http://x") && !fetch_is_url("C:\\x"),
	      "what looks like a URL");
	CHECK_STR(fetch_user_agent(), "gloss/" PACKAGE_VERSION " (+terminal news reader)",
	          "User-Agent names gloss and its version");
	{
		char *p = fetch_printable("http://x/\x1b]0;t\x07\xc3\xa9", 100);
		CHECK_STR(p, "http://x/%1B]0;t%07%C3%A9", "URLs made printable");
		free(p);
	}
}

static void test_basic(const struct server *s)
{
	struct fetch_response r;
	size_t flen = 0;
	char *file = read_fixture("article.txt", &flen), *u;

	CHECK(get(s, "/article.txt", NULL, &r) == 0 && r.status == FETCH_OK, "200: %s",
	      r.error ? r.error : "ok");
	CHECK(r.len == flen && file && memcmp(r.body, file, flen) == 0, "the body as served");
	CHECK_INT(r.http_code, 200, "the status code");
	CHECK_STR(r.content_type, "text/plain", "the media type");
	CHECK_STR(r.charset, "utf-8", "the charset");
	CHECK(r.etag && r.etag[0] == '"', "an ETag");
	CHECK(r.last_modified && strstr(r.last_modified, "GMT"), "a Last-Modified");
	u = url(s, "http", "/article.txt");
	CHECK_STR(r.final_url, u, "the final URL is the one asked for");
	free(u);

	/* Conditional requests with what came back. */
	{
		char *etag = xstrdup(r.etag ? r.etag : ""), *lm = xstrdup(r.last_modified ? r.last_modified : "");
		struct fetch_request req = {NULL, etag, NULL};
		struct fetch_response c;
		req.url = u = url(s, "http", "/article.txt");
		CHECK(fetch_one(&req, NULL, &c) == 0 && c.status == FETCH_NOT_MODIFIED &&
		          c.http_code == 304 && !c.body,
		      "If-None-Match: 304 reported as not modified");
		CHECK(c.etag && strcmp(c.etag, etag) == 0, "the 304 repeats the ETag");
		fetch_response_free(&c);
		req.etag = NULL;
		req.last_modified = lm;
		CHECK(fetch_one(&req, NULL, &c) == 0 && c.status == FETCH_NOT_MODIFIED,
		      "If-Modified-Since: not modified");
		fetch_response_free(&c);
		req.etag = "\"something-else\"";
		req.last_modified = NULL;
		CHECK(fetch_one(&req, NULL, &c) == 0 && c.status == FETCH_OK && c.len == flen,
		      "another ETag: the page again");
		fetch_response_free(&c);
		req.etag = "\"x\"\r\nX-Injected: 1";
		CHECK(fetch_one(&req, NULL, &c) == 0 && c.status == FETCH_OK,
		      "a validator with a line break is not sent");
		fetch_response_free(&c);
		free(u);
		free(etag);
		free(lm);
	}
	fetch_response_free(&r);
	free(file);
}

static void test_headers(const struct server *s)
{
	struct fetch_response r;
	char *u = url(s, "http", "/headers");
	struct fetch_request req = {u, "\"abc\"", "Tue, 01 Oct 2024 10:00:00 GMT"};

	CHECK(fetch_one(&req, NULL, &r) == 0 && r.body, "the request's headers echoed");
	CHECK(r.body && strstr(r.body, "User-Agent: gloss/" PACKAGE_VERSION " (+terminal news reader)"),
	      "User-Agent sent");
	CHECK(r.body && strstr(r.body, "Accept-Encoding: ") && strstr(r.body, "gzip"),
	      "the encodings libcurl decodes are offered");
	CHECK(r.body && strstr(r.body, "If-None-Match: \"abc\""), "If-None-Match sent");
	CHECK(r.body && strstr(r.body, "If-Modified-Since: Tue, 01 Oct 2024 10:00:00 GMT"),
	      "If-Modified-Since sent");
	fetch_response_free(&r);
	free(u);
}

static void test_redirects(const struct server *s)
{
	struct fetch_response r;
	char *want = url(s, "http", "/article.txt");

	CHECK(get(s, "/redirect/3/article.txt", NULL, &r) == 0 && r.status == FETCH_OK,
	      "a chain of 3 redirects: %s", r.error ? r.error : "ok");
	CHECK_STR(r.final_url, want, "the final URL after redirects");
	fetch_response_free(&r);

	CHECK(get(s, "/loop/a", NULL, &r) != 0 && r.status == FETCH_FAILED, "a redirect loop fails");
	CHECK(r.error && strstr(r.error, "redirect loop") && strstr(r.error, "/loop/a") &&
	          strstr(r.error, "/loop/b"),
	      "the loop named: %s", r.error ? r.error : "");
	fetch_response_free(&r);

	CHECK(get(s, "/redirect/12/article.txt", NULL, &r) != 0 && r.error &&
	          strstr(r.error, "too many redirects"),
	      "more than 10 redirects: %s", r.error ? r.error : "");
	fetch_response_free(&r);
	{
		struct fetch_opts o = {0};
		o.max_redirects = -1;
		CHECK(get(s, "/redirect/1/article.txt", &o, &r) != 0 && r.http_code == 302,
		      "redirects not followed when asked: %s", r.error ? r.error : "");
		fetch_response_free(&r);
	}

	CHECK(get(s, "/to-ftp", NULL, &r) != 0 && r.error && strstr(r.error, "http or https"),
	      "a redirect to ftp:// refused: %s", r.error ? r.error : "");
	fetch_response_free(&r);
	free(want);
}

static void test_statuses(const struct server *s)
{
	struct fetch_response r;
	size_t flen = 0;
	char *file = read_fixture("article.txt", &flen);

	CHECK(get(s, "/gzip/article.txt", NULL, &r) == 0 && r.len == flen && file &&
	          memcmp(r.body, file, flen) == 0,
	      "gzip decoded: %s", r.error ? r.error : "ok");
	fetch_response_free(&r);
	free(file);

	CHECK(get(s, "/status/404", NULL, &r) != 0 && r.http_code == 404 && !r.body, "404 fails");
	CHECK(r.error && strstr(r.error, "404 (not found)") && strstr(r.error, "/status/404") &&
	          printable(r.error),
	      "404 named, without the error page: %s", r.error ? r.error : "");
	fetch_response_free(&r);
	CHECK(get(s, "/status/500", NULL, &r) != 0 && r.error &&
	          strstr(r.error, "500 (internal server error)"),
	      "500: %s", r.error ? r.error : "");
	fetch_response_free(&r);
	CHECK(get(s, "/status/429", NULL, &r) != 0 && r.retry_after == 120 && r.error &&
	          strstr(r.error, "wait 120 s"),
	      "429 with Retry-After: %s", r.error ? r.error : "");
	fetch_response_free(&r);
	CHECK(get(s, "/missing.html", NULL, &r) != 0 && r.http_code == 404, "a missing file");
	fetch_response_free(&r);

	CHECK(get(s, "/doc.pdf", NULL, &r) == 0, "a PDF is fetched");
	CHECK_STR(r.content_type, "application/pdf", "and its type reported for the caller");
	fetch_response_free(&r);
	CHECK(get(s, "/cafe.latin1", NULL, &r) == 0 && r.charset && strcmp(r.charset, "ISO-8859-1") == 0,
	      "the declared charset");
	fetch_response_free(&r);
	CHECK(get(s, "/no-type", NULL, &r) == 0 && !r.content_type && !r.charset,
	      "no Content-Type: none reported");
	fetch_response_free(&r);
}

static void test_limits(const struct server *s)
{
	struct fetch_response r;
	struct fetch_opts o = {0};
	double t0;

	o.timeout_ms = 700;
	t0 = now();
	CHECK(get(s, "/slow?s=10", &o, &r) != 0 && r.error && strstr(r.error, "timed out"),
	      "a slow answer times out: %s", r.error ? r.error : "");
	CHECK(now() - t0 < 5, "and soon (%.1f s)", now() - t0);
	fetch_response_free(&r);

	o.timeout_ms = 0;
	o.max_bytes = 1024 * 1024;
	CHECK(get(s, "/huge?mb=8", &o, &r) != 0 && r.error &&
	          strstr(r.error, "larger than the 1 MiB limit") && !r.body,
	      "a huge answer is cut off: %s", r.error ? r.error : "");
	fetch_response_free(&r);
	CHECK(get(s, "/huge?mb=8&len=1", &o, &r) != 0 && r.error &&
	          strstr(r.error, "larger than the 1 MiB limit"),
	      "one announced as huge is refused: %s", r.error ? r.error : "");
	fetch_response_free(&r);
	o.max_bytes = 0;
	CHECK(get(s, "/huge?mb=40", &o, &r) != 0 && r.error &&
	          strstr(r.error, "larger than the 32 MiB limit"),
	      "the default cap: %s", r.error ? r.error : "");
	fetch_response_free(&r);

	/* A port nobody listens on. */
	{
		struct sockaddr_in a;
		socklen_t alen = sizeof a;
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		char *u;
		struct fetch_request req = {NULL, NULL, NULL};
		memset(&a, 0, sizeof a);
		a.sin_family = AF_INET;
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		bind(fd, (struct sockaddr *)&a, sizeof a);
		getsockname(fd, (struct sockaddr *)&a, &alen);
		close(fd);
		req.url = u = xasprintf("http://127.0.0.1:%d/", ntohs(a.sin_port));
		CHECK(fetch_one(&req, NULL, &r) != 0 && r.error && strstr(r.error, "cannot connect"),
		      "connection refused: %s", r.error ? r.error : "");
		fetch_response_free(&r);
		free(u);
	}
	{
		struct fetch_request req = {"ftp://127.0.0.1/x", NULL, NULL};
		CHECK(fetch_one(&req, NULL, &r) != 0 && r.error && strstr(r.error, "'ftp'") &&
		          strstr(r.error, "cannot fetch 'ftp://127.0.0.1/x'"),
		      "a bad URL is refused before any transfer: %s", r.error ? r.error : "");
		fetch_response_free(&r);
	}
}

struct progress_log {
	int calls[5];
	size_t cancel_index; /* cancel when this one reports; 99: never */
};

static int on_progress(void *ctx, size_t index, uint64_t got, uint64_t total)
{
	struct progress_log *p = ctx;
	(void)got;
	(void)total;
	if (index < 5)
		p->calls[index]++;
	return index == p->cancel_index;
}

static void test_many(const struct server *s)
{
	const char *paths[5] = {"/article.txt", "/status/404", "/gzip/page.html",
	                        "/redirect/2/page.html", "/loop/b"};
	struct fetch_request reqs[5];
	struct fetch_response res[5];
	struct progress_log log = {{0}, 99};
	struct fetch_opts o = {0};
	char *urls[5];
	size_t i, failed;
	double t0;

	for (i = 0; i < 5; i++) {
		urls[i] = url(s, "http", paths[i]);
		reqs[i] = (struct fetch_request){urls[i], NULL, NULL};
	}
	o.progress = on_progress;
	o.ctx = &log;
	o.parallel = 3;
	failed = fetch_many(reqs, 5, &o, res);
	CHECK_INT(failed, 2, "many at once: two of five fail");
	CHECK(res[0].status == FETCH_OK && res[2].status == FETCH_OK && res[3].status == FETCH_OK,
	      "the others arrive");
	CHECK(res[1].error && strstr(res[1].error, "404") && res[4].error &&
	          strstr(res[4].error, "loop"),
	      "each answer in its own slot");
	CHECK(res[2].len == res[3].len && res[2].len > 0 && memcmp(res[2].body, res[3].body, res[2].len) == 0,
	      "gzip and redirected copies of one page agree");
	CHECK(log.calls[0] > 0 && log.calls[2] > 0, "progress reported per transfer");
	for (i = 0; i < 5; i++)
		fetch_response_free(&res[i]);

	/* Cancelling from the progress callback stops all of them. */
	free(urls[0]);
	urls[0] = url(s, "http", "/slow?s=10");
	reqs[0].url = urls[0];
	free(urls[1]);
	urls[1] = url(s, "http", "/slow?s=10");
	reqs[1].url = urls[1];
	memset(&log, 0, sizeof log);
	log.cancel_index = 0;
	t0 = now();
	failed = fetch_many(reqs, 2, &o, res);
	CHECK(failed == 2 && res[0].error && strstr(res[0].error, "cancelled") && res[1].error &&
	          strstr(res[1].error, "cancelled"),
	      "cancelled: %s", res[1].error ? res[1].error : "");
	CHECK(now() - t0 < 5, "at once (%.1f s)", now() - t0);
	for (i = 0; i < 2; i++)
		fetch_response_free(&res[i]);
	for (i = 0; i < 5; i++)
		free(urls[i]);
}

static void test_tls(const char *dir)
{
	struct server s;
	struct fetch_response r;
	struct fetch_opts o = {0};
	char *cert = xasprintf("%s/cert.pem", dir), *key = xasprintf("%s/key.pem", dir);
	char *cmd = xasprintf("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
	                      "-nodes -keyout '%s' -out '%s' -days 2 -subj /CN=127.0.0.1 "
	                      "-addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1",
	                      key, cert);
	char *u;

	if (system(cmd) != 0 || server_start(&s, cert, key) != 0) {
		printf("ok %d - # SKIP openssl cannot make a certificate\n", ++tap_n);
		goto out;
	}
	u = url(&s, "https", "/article.txt");
	{
		struct fetch_request req = {u, NULL, NULL};
		CHECK(fetch_one(&req, NULL, &r) != 0 && r.error && strstr(r.error, "not trusted") &&
		          printable(r.error),
		      "an unknown certificate authority is refused: %s", r.error ? r.error : "");
		fetch_response_free(&r);
		o.ca_file = cert;
		CHECK(fetch_one(&req, &o, &r) == 0 && r.status == FETCH_OK && r.len > 0,
		      "trusted when its certificate is given: %s", r.error ? r.error : "ok");
		fetch_response_free(&r);
	}
	free(u);
	server_stop(&s);
out:
	free(cmd);
	free(cert);
	free(key);
}

int main(void)
{
	struct server s;
	char dir[] = "/tmp/gloss-fetch.XXXXXX";

	/* Every request here is to 127.0.0.1: never through a proxy. */
	unsetenv("http_proxy");
	unsetenv("https_proxy");
	unsetenv("HTTPS_PROXY");
	unsetenv("all_proxy");
	unsetenv("ALL_PROXY");
	signal(SIGPIPE, SIG_IGN);
	test_check();
	if (!python()) {
		printf("ok %d - # SKIP python3 not found: no test server\n", ++tap_n);
		return tap_done();
	}
	if (server_start(&s, NULL, NULL) != 0) {
		CHECK(0, "the test server starts");
		return tap_done();
	}
	test_basic(&s);
	test_headers(&s);
	test_redirects(&s);
	test_statuses(&s);
	test_limits(&s);
	test_many(&s);
	server_stop(&s);
	if (mkdtemp(dir)) {
		test_tls(dir);
		char *rm = xasprintf("rm -rf '%s'", dir);
		if (system(rm) != 0)
			fprintf(stderr, "cannot remove %s\n", dir);
		free(rm);
	}
	return tap_done();
}
