/* ingest.c — the import pipeline: read a file, decode and validate it,
 * clean it into an article, find its entities and save it, all or
 * nothing.  The command line and the UI both import through here. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/embedded.h"
#include "gloss/extract.h"
#include "gloss/feed.h"
#include "gloss/import.h"
#include "gloss/ingest.h"
#include "gloss/ner.h"
#include "gloss/store_corrections.h"
#include "gloss/util.h"

/* A page with no site name is from its host: "https://www.example.org/x"
 * is "example.org". */
static char *outlet_from_url(const char *url)
{
	const char *h = strstr(url, "://"), *e;
	char *host, *clean;

	if (!h)
		return NULL;
	h += 3;
	e = h + strcspn(h, "/?#:@");
	if (strncmp(h, "www.", 4) == 0 && e - h > 4)
		h += 4;
	if (e == h || !memchr(h, '.', (size_t)(e - h)))
		return NULL;
	host = xstrndup(h, (size_t)(e - h));
	clean = import_clean_field(host);
	free(host);
	return clean;
}

int ingest_page(const char *raw, size_t len, const char *charset, const char *url,
                struct import_doc *doc, char *warning, size_t warnsz, char *err, size_t errsz)
{
	struct extract_page p;

	if (warning && warnsz)
		warning[0] = '\0';
	if (extract_page(raw, len, charset, url, &p, err, errsz) != 0)
		return -1;
	if (import_clean_lines(p.text, p.text_len, doc, err, errsz) != 0) {
		extract_page_free(&p);
		return -1;
	}
	free(doc->title);
	doc->title = import_clean_field(p.title);
	if (!doc->title)
		doc->title = xstrdup("");
	doc->byline = import_clean_field(p.byline);
	doc->outlet = import_clean_field(p.site);
	if (!doc->outlet && p.url)
		doc->outlet = outlet_from_url(p.url);
	doc->published = import_clean_field(p.published);
	doc->lang = import_clean_field(p.lang);
	doc->url = import_clean_field(p.url);
	if (warning && warnsz && p.warning[0])
		snprintf(warning, warnsz, "%s", p.warning);
	extract_page_free(&p);
	return 0;
}

/* The part of an import that needs no library: entities found. */
static void analyse(const struct import_doc *doc, struct ner_result *ner)
{
	ner_scan(doc->body, doc->body_len, ner);
}

/* The library's corrections applied to ner, what analyse found in
 * req->doc (they come before the built-in rules), then the article
 * stored as req asks. */
static int store_analysed(struct store *st, struct store_import_req *req, struct ner_result *ner,
                          int64_t *id, int *orphaned)
{
	struct corrections corr = {0};

	if (store_corrections_list(st, &corr) == 0)
		corrections_apply(&corr, req->doc->body, req->doc->body_len, ner);
	corrections_free(&corr);
	req->ner = ner;
	return store_import(st, req, id, orphaned);
}

int ingest_store_doc(struct store *st, const struct import_doc *doc, const char *source,
                     const char *url, const char *raw, size_t rawlen, int64_t replace_id,
                     int64_t *id, int *orphaned)
{
	struct ner_result ner = {0};
	struct store_import_req req = {.source = source, .url = url, .raw = raw, .raw_len = rawlen,
	                               .doc = doc, .replace_id = replace_id};
	int rc;

	analyse(doc, &ner);
	rc = store_analysed(st, &req, &ner, id, orphaned);
	ner_result_free(&ner);
	return rc;
}

void ingest_prep_free(struct ingest_prep *p)
{
	import_doc_free(&p->doc);
	ner_result_free(&p->ner);
	free(p->err);
	memset(p, 0, sizeof *p);
}

int ingest_prepare(const char *source, const char *name, const char *raw, size_t len,
                   const struct ingest_opts *o, struct ingest_prep *p)
{
	char why[256], *text = NULL;
	size_t textlen = 0;
	struct import_doc *doc = &p->doc;

	memset(p, 0, sizeof *p);
	switch (feed_sniff(raw, len)) {
	case 1:
		snprintf(why, sizeof why, "a feed (RSS or Atom), not an article: 'gloss feed add' "
		         "follows it and 'gloss fetch' imports its items");
		goto fail;
	case 2:
		snprintf(why, sizeof why, "an OPML list of feeds, not an article: 'gloss feed "
		         "import-opml' follows them");
		goto fail;
	}
	if (extract_sniff(raw, len, source ? source : name)) {
		if (ingest_page(raw, len, o->encoding, o->url, doc, p->warning, sizeof p->warning, why,
		                sizeof why) != 0)
			goto fail;
	} else {
		int rc = import_decode(raw, len, o->encoding, &text, &textlen, why, sizeof why);
		if (rc == 0)
			rc = import_clean(text, textlen, doc, why, sizeof why);
		free(text);
		if (rc != 0)
			goto fail;
		/* Plain text that names no outlet is from the host it was
		 * fetched from, as a web page with no site name is. */
		if (!doc->outlet && o->url)
			doc->outlet = outlet_from_url(o->url);
		/* Say what the tail rule left out: the reader, search and
		 * annotations never see it (the file's bytes are kept). */
		if (doc->tail_words && doc->tail_marker) {
			char *m = import_clean_field(doc->tail_marker);
			snprintf(p->warning, sizeof p->warning,
			         "left out the %zu word%s after \"%.60s\" as page furniture (comments, "
			         "related links)", doc->tail_words, doc->tail_words == 1 ? "" : "s",
			         m ? m : "");
			free(m);
		}
	}
	analyse(doc, &p->ner);
	/* The digests too are work that needs no library, done here so that
	 * a second thread of an import does them. */
	util_sha256_hex(raw, len, p->raw_sha);
	util_sha256_hex(doc->body, doc->body_len, p->body_sha);
	return 0;
fail:
	p->err = xasprintf("cannot import '%s': %s", name, why);
	return -1;
}

int ingest_prep_store(struct store *st, struct ingest_prep *p, const char *source, const char *name,
                      const char *raw, size_t len, const struct ingest_opts *o,
                      struct ingest_result *res, char **err)
{
	struct store_import_req req = {.source = source, .url = p->doc.url ? p->doc.url : o->url,
	                               .raw = raw, .raw_len = len, .doc = &p->doc,
	                               .replace_id = o->replace_id,
	                               .raw_sha = p->raw_sha, .body_sha = p->body_sha};
	int rc;

	*err = NULL;
	memcpy(res->warning, p->warning, sizeof res->warning);
	rc = store_analysed(st, &req, &p->ner, &res->id, &res->orphaned);
	if (rc < 0)
		*err = xasprintf("cannot import '%s': %s", name, store_errmsg(st));
	else
		res->status = rc;
	return rc < 0 ? -1 : 0;
}

int ingest_bytes(struct store *st, const char *source, const char *name, const char *raw,
                 size_t len, const struct ingest_opts *o, struct ingest_result *res,
                 char **err)
{
	struct ingest_prep p;
	int rc;

	*err = NULL;
	res->warning[0] = '\0';
	if (ingest_prepare(source, name, raw, len, o, &p) != 0) {
		*err = p.err;
		p.err = NULL;
		ingest_prep_free(&p);
		return -1;
	}
	rc = ingest_prep_store(st, &p, source, name, raw, len, o, res, err);
	ingest_prep_free(&p);
	return rc;
}

int ingest_read(const char *path, char **raw, size_t *len, char **source, char **err)
{
	int is_stdin = strcmp(path, "-") == 0;

	*raw = NULL;
	*len = 0;
	*source = NULL;
	if (util_read_file(path, IMPORT_MAX_BYTES, raw, len) != 0) {
		const char *why = errno == EFBIG ? "larger than the 256 MiB limit" : strerror(errno);
		if (errno == EISDIR)
			why = "a directory (give its files, or the directory alone)";
		*err = xasprintf("cannot import '%s': %s", is_stdin ? "standard input" : path, why);
		return -1;
	}
	if (!is_stdin) {
		*source = realpath(path, NULL);
		if (!*source)
			*source = xstrdup(path);
	}
	return 0;
}

int ingest_file(struct store *st, const char *path, const struct ingest_opts *o,
                struct ingest_result *res, char **err)
{
	char *raw, *source;
	size_t len;
	int rc;

	if (ingest_read(path, &raw, &len, &source, err) != 0)
		return -1;
	rc = ingest_bytes(st, source, source ? path : "standard input", raw, len, o, res, err);
	free(source);
	free(raw);
	return rc;
}

int ingest_bundled(struct store *st, char **err)
{
	static const char prefix[] = "data/articles/";
	struct ingest_opts o = {0};
	size_t i;
	int n = 0;

	for (i = 0; i < embedded_count; i++) {
		const struct embedded_file *f = &embedded_files[i];
		struct ingest_result res;
		char *source;
		if (strncmp(f->name, prefix, sizeof prefix - 1) != 0)
			continue;
		/* Recorded as bundled, so a later import of the same file from
		 * disk finds the same bytes and changes nothing. */
		source = xasprintf(INGEST_SAMPLE_PREFIX "%s", f->name + sizeof prefix - 1);
		if (ingest_bytes(st, source, f->name, (const char *)f->data, f->len, &o, &res,
		                 err) != 0) {
			free(source);
			return -1;
		}
		free(source);
		if (res.status == STORE_IMPORTED)
			n++;
	}
	return n;
}
