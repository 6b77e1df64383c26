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
#include "gloss/sentence.h"
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

int ingest_store_doc(struct store *st, const struct import_doc *doc, const char *source,
                     const char *url, const char *raw, size_t rawlen, int64_t replace_id,
                     int64_t *id, int *orphaned)
{
	struct ner_result ner = {0};
	struct sentence_vec sents = {0};
	struct store_import_req req = {0};
	struct corrections corr = {0};
	int rc;

	ner_scan(doc->body, doc->body_len, &ner);
	/* The library's own corrections come before the built-in rules. */
	if (store_corrections_list(st, &corr) == 0)
		corrections_apply(&corr, doc->body, doc->body_len, &ner);
	corrections_free(&corr);
	sentence_split(doc->body, doc->body_len, &sents);
	req.source = source;
	req.url = url;
	req.raw = raw;
	req.raw_len = rawlen;
	req.doc = doc;
	req.ner = &ner;
	req.sentences = &sents;
	req.replace_id = replace_id;
	rc = store_import(st, &req, id, orphaned);
	ner_result_free(&ner);
	free(sents.v);
	return rc;
}

int ingest_bytes(struct store *st, const char *source, const char *name, const char *raw,
                 size_t len, const struct ingest_opts *o, struct ingest_result *res,
                 char **err)
{
	char why[256], *text = NULL;
	size_t textlen = 0;
	struct import_doc doc = {0};
	int rc;

	*err = NULL;
	res->warning[0] = '\0';
	switch (feed_sniff(raw, len)) {
	case 1:
		*err = xasprintf("cannot import '%s': a feed (RSS or Atom), not an article: 'gloss feed "
		                 "add' follows it and 'gloss fetch' imports its items", name);
		return -1;
	case 2:
		*err = xasprintf("cannot import '%s': an OPML list of feeds, not an article: 'gloss "
		                 "feed import-opml' follows them", name);
		return -1;
	}
	if (extract_sniff(raw, len, source ? source : name)) {
		if (ingest_page(raw, len, o->encoding, o->url, &doc, res->warning, sizeof res->warning,
		                why, sizeof why) != 0) {
			*err = xasprintf("cannot import '%s': %s", name, why);
			return -1;
		}
	} else {
		if (import_decode(raw, len, o->encoding, &text, &textlen, why, sizeof why) != 0) {
			*err = xasprintf("cannot import '%s': %s", name, why);
			return -1;
		}
		if (import_clean(text, textlen, &doc, why, sizeof why) != 0) {
			*err = xasprintf("cannot import '%s': %s", name, why);
			free(text);
			return -1;
		}
		free(text);
		/* Plain text that names no outlet is from the host it was
		 * fetched from, as a web page with no site name is. */
		if (!doc.outlet && o->url)
			doc.outlet = outlet_from_url(o->url);
		/* Say what the tail rule left out: the reader, search and
		 * annotations never see it (the file's bytes are kept). */
		if (doc.tail_words && doc.tail_marker) {
			char *m = import_clean_field(doc.tail_marker);
			snprintf(res->warning, sizeof res->warning,
			         "left out the %zu word%s after \"%.60s\" as page furniture (comments, "
			         "related links)", doc.tail_words, doc.tail_words == 1 ? "" : "s",
			         m ? m : "");
			free(m);
		}
	}
	rc = ingest_store_doc(st, &doc, source, doc.url ? doc.url : o->url, raw, len, o->replace_id,
	                      &res->id, &res->orphaned);
	if (rc < 0)
		*err = xasprintf("cannot import '%s': %s", name, store_errmsg(st));
	else
		res->status = rc;
	import_doc_free(&doc);
	return rc < 0 ? -1 : 0;
}

int ingest_file(struct store *st, const char *path, const struct ingest_opts *o,
                struct ingest_result *res, char **err)
{
	char *raw = NULL, *abs = NULL;
	size_t len = 0;
	int rc, is_stdin = strcmp(path, "-") == 0;

	if (util_read_file(path, IMPORT_MAX_BYTES, &raw, &len) != 0) {
		const char *why = errno == EFBIG ? "larger than the 256 MiB limit" : strerror(errno);
		if (errno == EISDIR)
			why = "a directory (give its files, or the directory alone)";
		*err = xasprintf("cannot import '%s': %s", is_stdin ? "standard input" : path, why);
		return -1;
	}
	if (!is_stdin)
		abs = realpath(path, NULL);
	rc = ingest_bytes(st, is_stdin ? NULL : (abs ? abs : path),
	                  is_stdin ? "standard input" : path, raw, len, o, res, err);
	free(abs);
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
