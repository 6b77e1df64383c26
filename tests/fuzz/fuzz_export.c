/* fuzz_export.c — the Markdown writer's escaping, on random annotation
 * text.  Input: one flag byte (hard line breaks or not), then the text.
 *
 * The contract of export_md_text is that CommonMark renders exactly the
 * text: cmark (libcmark, the reference implementation) must turn the
 * output into one paragraph holding the text, HTML-escaped, each byte
 * that is not UTF-8 and each NUL read as U+FFFD, a hard break as <br />.
 * Undoing the writer's escapes gives the text back too, and the output
 * holds no raw control character.  The YAML string read back gives back
 * the text up to its first NUL.  Tag words and file names keep to their
 * alphabets. */
#include "config.h"

#include <cmark.h>
#include <strings.h>

#include "gloss/export.h"
#include "gloss/util.h"

#include "fuzz_common.h"

/* s with every byte that is not part of a UTF-8 character replaced by
 * U+FFFD, as the writers read it. */
static void as_written(struct buf *out, const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = util_utf8_decode(s + i, n - i, &cp);
		if (!len) {
			buf_adds(out, "\xef\xbf\xbd");
			i++;
		} else {
			buf_add(out, s + i, len);
			i += len;
		}
	}
}

static int valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = util_utf8_decode(s + i, n - i, &cp);
		if (!len)
			return 0;
		i += len;
	}
	return 1;
}

/* Are text[i..] all newlines?  The writer makes those references, not
 * hard breaks (a break cannot end a paragraph). */
static int trailing_newlines(const struct buf *text, size_t i)
{
	for (; i < text->len; i++)
		if (text->s[i] != '\n')
			return 0;
	return 1;
}

/* Undo export_md_text. */
static void md_unescape(struct buf *out, const char *s, size_t n, int hard_breaks)
{
	size_t i = 0;

	while (i < n) {
		if (hard_breaks && s[i] == '\\' && i + 1 < n && s[i + 1] == '\n') {
			buf_addc(out, '\n');
			i += 2;
		} else if (s[i] == '\\') {
			FUZZ_CHECK(i + 1 < n && s[i + 1] > ' ' && s[i + 1] < 0x7f);
			buf_addc(out, s[i + 1]);
			i += 2;
		} else if (s[i] == '&' && i + 1 < n && s[i + 1] == '#') {
			unsigned v = 0;
			i += 2;
			FUZZ_CHECK(i < n && s[i] >= '0' && s[i] <= '9');
			while (i < n && s[i] >= '0' && s[i] <= '9')
				v = v * 10 + (unsigned)(s[i++] - '0');
			FUZZ_CHECK(i < n && s[i] == ';' && (v < 0x80 || v == 0xfeff));
			if (v < 0x80)
				buf_addc(out, (char)v);
			else
				buf_adds(out, "\xef\xbb\xbf");
			i++;
		} else {
			FUZZ_CHECK(s[i] != '&' && ((unsigned char)s[i] >= 0x20 || s[i] == '\n') && s[i] != 0x7f);
			FUZZ_CHECK(s[i] != '\n'); /* only inside a hard break */
			buf_addc(out, s[i]);
			i++;
		}
	}
}

static unsigned hexval(char c)
{
	return c >= '0' && c <= '9' ? (unsigned)(c - '0') : (unsigned)(c - 'A' + 10);
}

/* Undo export_yaml_str. */
static void yaml_unescape(struct buf *out, const char *s, size_t n)
{
	size_t i;

	FUZZ_CHECK(n >= 2 && s[0] == '"' && s[n - 1] == '"');
	for (i = 1; i + 1 < n;) {
		unsigned char c = (unsigned char)s[i];
		FUZZ_CHECK(c >= 0x20 && c != 0x7f && c != '"');
		if (c != '\\') {
			buf_addc(out, (char)c);
			i++;
			continue;
		}
		FUZZ_CHECK(i + 1 < n - 1);
		switch (s[i + 1]) {
		case '"': case '\\':
			buf_addc(out, s[i + 1]);
			i += 2;
			break;
		case 'n': buf_addc(out, '\n'); i += 2; break;
		case 't': buf_addc(out, '\t'); i += 2; break;
		case 'r': buf_addc(out, '\r'); i += 2; break;
		case 'u': {
			uint32_t cp = 0;
			char enc[4];
			size_t k;
			FUZZ_CHECK(i + 6 <= n - 1);
			for (k = 2; k < 6; k++) {
				FUZZ_CHECK((s[i + k] >= '0' && s[i + k] <= '9') || (s[i + k] >= 'A' && s[i + k] <= 'F'));
				cp = cp << 4 | hexval(s[i + k]);
			}
			if (cp < 0x80) {
				enc[0] = (char)cp;
				buf_add(out, enc, 1);
			} else if (cp < 0x800) {
				enc[0] = (char)(0xc0 | cp >> 6);
				enc[1] = (char)(0x80 | (cp & 0x3f));
				buf_add(out, enc, 2);
			} else {
				enc[0] = (char)(0xe0 | cp >> 12);
				enc[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
				enc[2] = (char)(0x80 | (cp & 0x3f));
				buf_add(out, enc, 3);
			}
			i += 6;
			break;
		}
		default:
			FUZZ_CHECK(!"an escape the writer does not make");
		}
	}
}

/* cmark renders md as one paragraph of text (as_written), or nothing
 * when the text is empty. */
static void check_rendering(const char *md, size_t n, const struct buf *text, int hard)
{
	struct buf want = {0};
	char *html;
	size_t i;

	if (text->len) {
		buf_adds(&want, "<p>");
		for (i = 0; i < text->len; i++) {
			char c = text->s[i];
			if (c == '&')
				buf_adds(&want, "&amp;");
			else if (c == '<')
				buf_adds(&want, "&lt;");
			else if (c == '>')
				buf_adds(&want, "&gt;");
			else if (c == '"')
				buf_adds(&want, "&quot;");
			else if (c == '\0')
				buf_adds(&want, "\xef\xbf\xbd");
			else if (c == '\n' && hard && i + 1 < text->len && !trailing_newlines(text, i))
				buf_adds(&want, "<br />\n");
			else
				buf_addc(&want, c);
		}
		buf_adds(&want, "</p>\n");
	}
	html = cmark_markdown_to_html(md, n, CMARK_OPT_DEFAULT);
	FUZZ_CHECK(html != NULL);
	if (strlen(html) != want.len || memcmp(html, want.s ? want.s : "", want.len) != 0) {
		fprintf(stderr, "markdown: [%.*s]\nwanted:   [%.*s]\ncmark:    [%s]\n", (int)n, md,
		        (int)want.len, want.s ? want.s : "", html);
		FUZZ_CHECK(!"CommonMark renders the text exactly");
	}
	free(html);
	buf_free(&want);
}

/* A note's Markdown inside a highlight's quote: cmark sees one block
 * quote and then the text that follows it, never HTML, an image, a
 * heading or a link to a scheme other than http(s) and mailto. */
static void check_note(const char *text, size_t n)
{
	struct buf md = {0};
	cmark_node *doc, *cur, *first;
	cmark_iter *it;
	cmark_event_type ev;

	buf_adds(&md, "> q ^h1\n>\n");
	export_md_note(&md, text, n, "> ");
	buf_adds(&md, "\nTAIL\n");
	FUZZ_CHECK(valid_utf8((const unsigned char *)md.s, md.len));
	doc = cmark_parse_document(md.s, md.len, CMARK_OPT_DEFAULT);
	FUZZ_CHECK(doc != NULL);
	first = cmark_node_first_child(doc);
	FUZZ_CHECK(first && cmark_node_get_type(first) == CMARK_NODE_BLOCK_QUOTE);
	FUZZ_CHECK(cmark_node_next(first) && cmark_node_get_type(cmark_node_next(first)) == CMARK_NODE_PARAGRAPH &&
	           cmark_node_next(cmark_node_next(first)) == NULL);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node_type ty;
		cur = cmark_iter_get_node(it);
		ty = cmark_node_get_type(cur);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		FUZZ_CHECK(ty != CMARK_NODE_HTML_BLOCK && ty != CMARK_NODE_HTML_INLINE && ty != CMARK_NODE_IMAGE &&
		           ty != CMARK_NODE_HEADING);
		if (ty == CMARK_NODE_LINK) {
			/* A scheme: a letter, then letters, digits, '+', '-', '.'. */
			const char *u = cmark_node_get_url(cur), *p = u;
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
				while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
				       (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
					p++;
			FUZZ_CHECK(p == u || *p != ':' || strncasecmp(u, "http:", 5) == 0 || strncasecmp(u, "https:", 6) == 0 ||
			           strncasecmp(u, "mailto:", 7) == 0);
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	buf_free(&md);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int hard = size > 0 && (data[0] & 1);
	const uint8_t *t = size > 0 ? data + 1 : data;
	size_t n = size > 0 ? size - 1 : 0;
	char *text = fuzz_dup_exact(t, n), *str = fuzz_dup_str(t, n), *w, *name;
	struct buf md = {0}, back = {0}, want = {0}, y = {0};
	size_t k;

	/* Markdown inline text. */
	export_md_text(&md, text, n, hard, "");
	FUZZ_CHECK(valid_utf8((const unsigned char *)(md.s ? md.s : ""), md.len));
	md_unescape(&back, md.s ? md.s : "", md.len, hard);
	as_written(&want, t, n);
	FUZZ_CHECK(back.len == want.len && (back.len == 0 || memcmp(back.s, want.s, back.len) == 0));
	check_rendering(md.s ? md.s : "", md.len, &want, hard);

	check_note(text, n);

	/* A YAML scalar of the text up to its first NUL. */
	export_yaml_str(&y, str);
	FUZZ_CHECK(valid_utf8((const unsigned char *)y.s, y.len));
	back.len = want.len = 0;
	yaml_unescape(&back, y.s, y.len);
	as_written(&want, (const unsigned char *)str, strlen(str));
	FUZZ_CHECK(back.len == want.len && (back.len == 0 || memcmp(back.s, want.s, back.len) == 0));

	/* A tag word: letters, digits and inner '-', '_', '/'. */
	w = export_tag_word(str);
	if (w) {
		size_t wl = strlen(w);
		FUZZ_CHECK(wl > 0 && valid_utf8((const unsigned char *)w, wl));
		FUZZ_CHECK(w[0] != '-' && w[wl - 1] != '-' && w[wl - 1] != '/' && w[wl - 1] != '_');
		for (k = 0; k < wl; k++)
			FUZZ_CHECK((unsigned char)w[k] >= 0x80 || w[k] == '-' || w[k] == '_' || w[k] == '/' ||
			           (w[k] >= '0' && w[k] <= '9') || (w[k] >= 'a' && w[k] <= 'z') ||
			           (w[k] >= 'A' && w[k] <= 'Z'));
		free(w);
	}

	/* A file name: ASCII, lower case, short, no path. */
	name = export_file_name(7, str);
	FUZZ_CHECK(name && strlen(name) <= EXPORT_NAME_MAX && strlen(name) > 3);
	FUZZ_CHECK(strcmp(name + strlen(name) - 3, ".md") == 0 && !strchr(name, '/') && !strstr(name, ".."));
	for (k = 0; name[k]; k++)
		FUZZ_CHECK((name[k] >= 'a' && name[k] <= 'z') || (name[k] >= '0' && name[k] <= '9') ||
		           name[k] == '-' || name[k] == '.');
	free(name);

	buf_free(&md);
	buf_free(&back);
	buf_free(&want);
	buf_free(&y);
	free(text);
	free(str);
	return 0;
}
