/* export_note.c — a note's Markdown, written as Markdown inside the
 * highlight's block quote.
 *
 * Notes are written in Markdown (paragraphs, lists, emphasis, code, links,
 * #tags), so the export keeps their Markdown, with every line behind the
 * block quote's "> ": the note can never start a block of its own at the
 * top level nor end the quote early.  What is made safe, line by line:
 *
 * - `<` is escaped (`\<`): no raw HTML, no HTML block, no autolink;
 * - an ATX heading's `#` (after any blanks, quote and list markers) and a
 *   setext underline's first `=` or `-` are escaped: a note never makes a
 *   heading, so never enters an outline (a `#tag` is not a heading and
 *   stays one);
 * - `![` loses its `!` to an escape: an image is written as a link;
 * - a link (`](DEST` or a definition's `]: DEST`) whose destination is not
 *   http(s), mailto or relative has its `]` escaped, so it is text: a
 *   relative destination has no `:`, `&` or `\` before its first `/`,
 *   `?` or `#` (entity and backslash escapes could spell a scheme);
 * - NUL and bytes that are not UTF-8 become U+FFFD, as cmark would;
 * - "\r\n" and "\r" are newlines.
 *
 * This holds inside code too: which backtick pairs with which, and where
 * a fence ends, depend on the whole block structure (a code span may run
 * over lines, a list item's end closes its fence), and a wrong guess
 * would let raw HTML or a link through.  So a `<` in a note's code shows
 * as `\<`: a cosmetic cost, never an unsafe one (the fuzz target
 * fuzz_export checks the rendering with cmark). */
#include "config.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "gloss/export.h"
#include "gloss/util.h"

/* Whether dest (up to n bytes, ends at a blank or ')') may stay a link. */
static bool dest_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && s[i] == '<')
		i++;
	if (i == n)
		return false; /* the destination is on the next line: not judged */
	if ((n - i >= 7 && strncasecmp((const char *)s + i, "http://", 7) == 0) ||
	    (n - i >= 8 && strncasecmp((const char *)s + i, "https://", 8) == 0) ||
	    (n - i >= 7 && strncasecmp((const char *)s + i, "mailto:", 7) == 0))
		return true;
	for (; i < n; i++) {
		if (s[i] == '/' || s[i] == '?' || s[i] == '#' || s[i] == ' ' || s[i] == ')' ||
		    s[i] == '>' || s[i] == '\t')
			return true;
		if (s[i] == ':' || s[i] == '&' || s[i] == '\\')
			return false;
	}
	return true;
}

/* Text bytes s[i] with NUL and bad UTF-8 replaced; returns bytes used. */
static size_t put_char(struct buf *b, const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len;

	if (s[0] == 0) {
		buf_adds(b, "\xef\xbf\xbd");
		return 1;
	}
	if (s[0] < 0x80) {
		buf_addc(b, (char)s[0]);
		return 1;
	}
	if ((len = util_utf8_decode(s, n, &cp)) > 0) {
		buf_add(b, s, len);
		return len;
	}
	buf_adds(b, "\xef\xbf\xbd");
	return 1;
}

/* Where the line's content starts after blanks, quote and list markers. */
static size_t content_start(const unsigned char *s, size_t n)
{
	size_t i = 0, k;

	for (;;) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < n && s[i] == '>') {
			i++;
			continue;
		}
		if (i + 1 < n && (s[i] == '-' || s[i] == '*' || s[i] == '+') &&
		    (s[i + 1] == ' ' || s[i + 1] == '\t')) {
			i += 2;
			continue;
		}
		for (k = i; k < n && k - i < 9 && s[k] >= '0' && s[k] <= '9'; k++)
			;
		if (k > i && k + 1 < n && (s[k] == '.' || s[k] == ')') && (s[k + 1] == ' ' || s[k + 1] == '\t')) {
			i = k + 2;
			continue;
		}
		return i;
	}
}

/* Whether s[i..n) is a setext underline: '=' or '-' only, then blanks. */
static bool underline_at(const unsigned char *s, size_t i, size_t n)
{
	size_t k;

	if (i >= n || (s[i] != '=' && s[i] != '-'))
		return false;
	for (k = i; k < n && s[k] == s[i]; k++)
		;
	while (k < n && (s[k] == ' ' || s[k] == '\t'))
		k++;
	return k == n;
}

/* One line of the note. */
static void note_line(struct buf *b, const unsigned char *s, size_t n)
{
	size_t i = 0, c = content_start(s, n), k, q = 0;

	/* "- " after a paragraph line is an underline, not an empty item. */
	while (q < n && (s[q] == ' ' || s[q] == '\t' || s[q] == '>'))
		q++;
	if (underline_at(s, q, n))
		c = q;
	/* Up to the content: markers and blanks as written. */
	buf_add(b, s, c);
	i = c;
	if (i < n && s[i] == '#') {
		for (k = i; k < n && s[k] == '#'; k++)
			;
		if (k - i <= 6 && (k == n || s[k] == ' ' || s[k] == '\t'))
			buf_addc(b, '\\'); /* a heading */
	} else if (underline_at(s, i, n)) {
		buf_addc(b, '\\'); /* a setext underline */
	}
	while (i < n) {
		unsigned char ch = s[i];
		if (ch == '\\' && i + 1 < n && s[i + 1] < 0x80 && s[i + 1] > 0x20) {
			/* An escape stays one, including "\<". */
			buf_addc(b, '\\');
			if (s[i + 1] == '<' || s[i + 1] == '`' || s[i + 1] == '[' || s[i + 1] == ']' ||
			    s[i + 1] == '!' || s[i + 1] == '\\') {
				buf_addc(b, (char)s[i + 1]);
				i += 2;
			} else {
				i++;
			}
		} else if (ch == '<') {
			buf_adds(b, "\\<");
			i++;
		} else if (ch == '!' && i + 1 < n && s[i + 1] == '[') {
			buf_adds(b, "\\!");
			i++;
		} else if (ch == ']' && i + 1 < n && (s[i + 1] == '(' || s[i + 1] == ':')) {
			size_t d = i + 2, e;
			while (d < n && (s[d] == ' ' || s[d] == '\t'))
				d++;
			for (e = d; e < n && s[e] != ' ' && s[e] != ')' && s[e] != '\t';)
				e++;
			if (!dest_ok(s + d, e - d))
				buf_addc(b, '\\');
			buf_addc(b, ']');
			i++;
		} else {
			i += put_char(b, s + i, n - i);
		}
	}
}

void export_md_note(struct buf *b, const char *note, size_t len, const char *prefix)
{
	const unsigned char *s = (const unsigned char *)note;
	size_t i = 0;

	while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	while (i <= len) {
		size_t j = i;
		while (j < len && s[j] != '\n' && s[j] != '\r')
			j++;
		buf_adds(b, prefix);
		note_line(b, s + i, j - i);
		/* No blank at the end of a prefix-only line. */
		while (j == i && b->len && b->s[b->len - 1] == ' ')
			b->len--;
		buf_addc(b, '\n');
		i = j < len && s[j] == '\r' && j + 1 < len && s[j + 1] == '\n' ? j + 2 : j + 1;
	}
}
