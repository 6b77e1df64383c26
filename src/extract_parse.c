/* extract_parse.c — a web page's bytes to a libxml2 tree: is it HTML at
 * all (extract_sniff), which character set (the server's word, then the
 * page's own declaration, except that bytes valid as UTF-8 are UTF-8;
 * undeclared legacy bytes are windows-1252), escape sequences removed
 * whole, network and entity loading off, and a warning when the page was
 * cut short or nested deeper than the parser goes.  extract.c finds the
 * article in the tree. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "gloss/extract.h"
#include "gloss/import.h"
#include "gloss/util.h"

static bool ci_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

int extract_sniff(const char *buf, size_t len, const char *name)
{
	static const char *const opens[] = {
		"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>",
		"<p ", "<article", "<table", "<link", "<script", "<style", "<!--", "<h1", "<?xml", NULL,
	};
	size_t i = 0, k;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && extract_is_ws((unsigned char)buf[i]))
		i++;
	for (k = 0; opens[k]; k++) {
		size_t l = strlen(opens[k]);
		if (len - i >= l && strncasecmp(buf + i, opens[k], l) == 0) {
			if (strcmp(opens[k], "<?xml") == 0 || strcmp(opens[k], "<!--") == 0) {
				/* XHTML, or a comment before the document: look further. */
				size_t lim = len - i < 4096 ? len - i : 4096;
				char *head = xstrndup(buf + i, lim);
				bool html = ci_contains(head, "<html") || ci_contains(head, "<!doctype html");
				free(head);
				if (html)
					return 1;
				continue;
			}
			return 1;
		}
	}
	if (name) {
		const char *dot = strrchr(name, '.');
		if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0 ||
		            strcasecmp(dot, ".xhtml") == 0))
			return 1;
	}
	return 0;
}

/* The character set the page declares in its first bytes (<meta
 * charset>, <meta http-equiv content="...; charset=">, <?xml encoding>),
 * copied into out; false when it declares none. */
static bool declared_charset(const char *buf, size_t len, char *out, size_t outsz)
{
	size_t lim = len < 8192 ? len : 8192, i, k;

	for (i = 0; i < lim; i++) {
		size_t skip;
		if (lim - i >= 8 && strncasecmp(buf + i, "charset=", 8) == 0)
			skip = 8;
		else if (lim - i >= 9 && strncasecmp(buf + i, "encoding=", 9) == 0)
			skip = 9;
		else
			continue;
		i += skip;
		while (i < lim && (buf[i] == '"' || buf[i] == '\'' || buf[i] == ' '))
			i++;
		for (k = 0; i < lim && k + 1 < outsz &&
		            (isalnum((unsigned char)buf[i]) || strchr("-_.:", buf[i]));
		     i++, k++)
			out[k] = buf[i];
		out[k] = '\0';
		if (k)
			return true;
	}
	return false;
}


static bool is_utf8_name(const char *e)
{
	return strcasecmp(e, "utf-8") == 0 || strcasecmp(e, "utf8") == 0;
}

/* Well-formed multi-byte UTF-8 sequences and stray bytes, in one pass. */
static void utf8_census(const char *s, size_t n, size_t *good, size_t *bad)
{
	size_t i = 0;

	*good = *bad = 0;
	while (i < n) {
		uint32_t cp;
		size_t k;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = util_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (k) {
			(*good)++;
			i += k;
		} else {
			(*bad)++;
			i++;
		}
	}
}

static char *repair_utf8(const char *s, size_t n, size_t *outlen)
{
	struct buf b = {0};
	size_t i = 0;

	buf_reserve(&b, n + 16);
	while (i < n) {
		uint32_t cp;
		size_t k = (unsigned char)s[i] < 0x80
		               ? 1
		               : util_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (k) {
			buf_add(&b, s + i, k);
			i += k;
		} else {
			buf_adds(&b, "\xEF\xBF\xBD");
			i++;
		}
	}
	*outlen = b.len;
	return buf_steal(&b);
}

struct perr {
	int last_line;   /* line of the last error */
	int code;
	bool deep;       /* the parser stopped at its nesting limit */
};

static void on_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;
	struct perr *pe = ctxt ? ctxt->_private : NULL;
	/* Errors that the end of the input inside a tag, an attribute value
	 * or a comment gives: the page was cut short. */
	if (pe && e && e->message && strstr(e->message, "Excessive depth"))
		pe->deep = true;
	if (pe && e &&
	    (e->code == XML_ERR_GT_REQUIRED || e->code == XML_ERR_COMMENT_NOT_FINISHED ||
	     e->code == XML_ERR_ATTRIBUTE_NOT_STARTED || e->code == XML_ERR_ATTRIBUTE_NOT_FINISHED ||
	     e->code == XML_ERR_LITERAL_NOT_FINISHED || e->code == XML_ERR_DOCUMENT_END)) {
		pe->last_line = e->line;
		pe->code = e->code;
	}
}

htmlDocPtr extract_parse(const char *buf, size_t len, const char *charset, char *warning,
                         size_t warnsz, char *err, size_t errsz)
{
	htmlParserCtxtPtr ctxt;
	htmlDocPtr doc;
	char *conv = NULL;
	size_t convlen = 0, i;
	const char *enc = charset;
	char declared_name[40];
	struct perr pe = {0};
	int lines = 1;
	static const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                        HTML_PARSE_NONET | HTML_PARSE_COMPACT;

	if (warning && warnsz)
		warning[0] = '\0';
	if (len == 0) {
		snprintf(err, errsz, "empty file");
		return NULL;
	}
	if (len > EXTRACT_MAX_BYTES) {
		snprintf(err, errsz, "larger than the 64 MiB limit for web pages");
		return NULL;
	}
	if (len > (size_t)INT32_MAX) {
		snprintf(err, errsz, "too large");
		return NULL;
	}
	{
		const char *z = memchr(buf, '\0', len);
		bool utf16 = len >= 2 && (((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF) ||
		                          ((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE));
		if (z && !utf16) {
			snprintf(err, errsz, "not HTML (binary data: NUL byte at offset %zu)",
			         (size_t)(z - buf));
			return NULL;
		}
	}
	/* A server that says UTF-8 is taken as a page that declares it. */
	if (enc && is_utf8_name(enc))
		enc = NULL;
	if (!enc && len >= 2 &&
	    (((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF) ||
	     ((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE)))
		enc = NULL; /* UTF-16 with its byte order mark: libxml2 reads it */
	else if (!enc) {
		bool declared = declared_charset(buf, len, declared_name, sizeof declared_name);
		size_t good, bad;
		bool utf8, non_ascii;
		utf8_census(buf, len, &good, &bad);
		utf8 = bad == 0;
		non_ascii = good > 0;
		/* Bytes that are valid UTF-8 with letters beyond ASCII are UTF-8
		 * whatever the page says: a browser's "save page" re-encodes and
		 * keeps the old declaration, and text in a legacy multi-byte
		 * encoding is practically never valid UTF-8 by chance. */
		if (utf8 && non_ascii) {
			enc = "UTF-8";
		} else if (declared && !is_utf8_name(declared_name)) {
			enc = declared_name;
		} else if (utf8) {
			enc = "UTF-8";
		} else if (declared || good > bad * 4) {
			/* mostly UTF-8: more well-formed sequences than stray bytes */
			/* UTF-8 with a few bad bytes: each becomes U+FFFD. */
			conv = repair_utf8(buf, len, &convlen);
			buf = conv;
			len = convlen;
			enc = "UTF-8";
			if (warning)
				snprintf(warning, warnsz, "invalid UTF-8 bytes replaced by U+FFFD");
		} else {
			/* Undeclared and not UTF-8: the windows-1252 superset of
			 * Latin-1 is what such pages nearly always are. */
			char why[256];
			if (import_decode(buf, len, "WINDOWS-1252", &conv, &convlen, why, sizeof why) != 0) {
				snprintf(err, errsz, "%s", why);
				return NULL;
			}
			buf = conv;
			len = convlen;
			enc = "UTF-8";
			if (warning)
				snprintf(warning, warnsz,
				         "no character set declared and not UTF-8: read as windows-1252");
		}
	}
	/* Escape sequences go whole before the parser sees them: it drops
	 * the ESC byte alone and would leave "]0;title" in the text. */
	if (enc && !strstr(enc, "2022") && memchr(buf, 0x1B, len)) {
		struct buf b = {0};
		for (i = 0; i < len;) {
			const char *e = memchr(buf + i, 0x1B, len - i);
			size_t k = e ? (size_t)(e - buf) : len;
			buf_add(&b, buf + i, k - i);
			i = e ? import_skip_escape(buf, len, k) : len;
		}
		len = b.len;
		free(conv);
		conv = buf_steal(&b);
		buf = conv;
	}
	ctxt = htmlNewParserCtxt();
	if (!ctxt)
		fatal("out of memory (HTML parser)");
	ctxt->_private = &pe;
	xmlSetStructuredErrorFunc(ctxt, on_error);
	doc = htmlCtxtReadMemory(ctxt, buf, (int)len, NULL, enc, opts);
	xmlSetStructuredErrorFunc(NULL, NULL);
	htmlFreeParserCtxt(ctxt);
	if (pe.code != 0)
		for (i = 0; i < len; i++)
			lines += buf[i] == '\n';
	free(conv);
	if (!doc || !xmlDocGetRootElement(doc)) {
		if (doc)
			xmlFreeDoc(doc);
		snprintf(err, errsz, "not HTML (nothing could be parsed)");
		return NULL;
	}
	if (warning && !warning[0] && pe.deep)
		snprintf(warning, warnsz, "nested deeper than the HTML parser's limit (%d elements): "
		         "what lies deeper was not read", xmlParserMaxDepth);
	if (warning && !warning[0] && pe.last_line >= lines && pe.code != 0)
		snprintf(warning, warnsz, "the page seems cut short (it ends inside a tag)");
	return doc;
}

