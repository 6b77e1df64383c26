/* import_decode.c — the first steps of an import: bytes to valid UTF-8
 * (UTF-8 checks, legacy encodings through iconv), and the removal of
 * control characters and terminal escape sequences with line and
 * whitespace normalisation; also the character classes the other import
 * files share.  Strings only. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <regex.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#if HAVE_ICONV_OPEN
#include <iconv.h>
#endif

#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "gloss/embedded.h"
#include "gloss/import.h"
#include "gloss/lexicon.h"
#include "gloss/util.h"

#include "import_internal.h"

/* ---- character classes ------------------------------------------------ */

bool imp_is_space_uc(ucs4_t c)
{
	return c == ' ' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	       c == 0x202F || c == 0x205F || c == 0x3000;
}

/* No-break spaces keep their meaning ("10 km") when they stand alone. */
static bool is_nobreak_uc(ucs4_t c)
{
	return c == 0xA0 || c == 0x2007 || c == 0x202F;
}

/* Invisible characters that only reorder or hide text on a terminal. */
static bool is_hidden_format(ucs4_t c)
{
	return c == 0xFEFF || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       (c >= 0xFFF9 && c <= 0xFFFB);
}

ucs4_t imp_first_uc(const char *s, size_t n)
{
	ucs4_t c = 0;

	if (n)
		u8_mbtouc(&c, (const uint8_t *)s, n);
	return c;
}

/* The last code point before s + n, and where it starts. */
ucs4_t imp_last_uc(const char *s, size_t n, size_t *start)
{
	ucs4_t c = 0;
	const uint8_t *p;

	if (!n) {
		if (start)
			*start = 0;
		return 0;
	}
	p = u8_prev(&c, (const uint8_t *)s + n, (const uint8_t *)s);
	if (!p) {
		c = (unsigned char)s[n - 1];
		p = (const uint8_t *)s + n - 1;
	}
	if (start)
		*start = (size_t)((const char *)p - s);
	return c;
}

/* ---- decoding ----------------------------------------------------------- */

static bool is_utf8_name(const char *e)
{
	return !e || !*e || strcasecmp(e, "UTF-8") == 0 || strcasecmp(e, "UTF8") == 0;
}

static bool only_whitespace(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (!(c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
		      c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFEFF || imp_is_space_uc(c)))
			return false;
		i += (size_t)k;
	}
	return true;
}

/* Wide encodings contain NUL bytes in ordinary text. */
static bool is_wide_encoding(const char *e)
{
	static const char *const wide[] = {"UTF-16", "UTF16", "UTF-32", "UTF32", "UCS-2", "UCS2",
	                                   "UCS-4", "UCS4", "UNICODE"};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(wide); i++)
		if (strncasecmp(e, wide[i], strlen(wide[i])) == 0)
			return true;
	return false;
}

static int convert(const char *raw, size_t len, const char *enc, char **out, size_t *outlen,
                   char *err, size_t errsz)
{
#if HAVE_ICONV_OPEN
	iconv_t cd = iconv_open("UTF-8", enc);
	struct buf b = {0};
	char *in = (char *)raw;
	size_t inleft = len;

	if (cd == (iconv_t)-1) {
		util_set_err(err, errsz, "unknown encoding '%s'", enc);
		return -1;
	}
	buf_reserve(&b, len + len / 2 + 16);
	for (;;) {
		char *o = b.s + b.len;
		size_t oleft = b.cap - b.len - 1;
		size_t r = iconv(cd, inleft ? &in : NULL, &inleft, &o, &oleft);
		b.len = (size_t)(o - b.s);
		if (r != (size_t)-1 && !inleft)
			break;
		if (r == (size_t)-1 && errno == E2BIG) {
			buf_reserve(&b, b.cap);
			continue;
		}
		if (r == (size_t)-1) {
			size_t off = (size_t)(in - raw);
			util_set_err(err, errsz, "not %s text (invalid byte 0x%02x at offset %zu)", enc,
			        off < len ? (unsigned char)raw[off] : 0u, off);
			iconv_close(cd);
			buf_free(&b);
			return -1;
		}
	}
	iconv_close(cd);
	b.s[b.len] = '\0';
	*outlen = b.len;
	*out = buf_steal(&b);
	return 0;
#else
	(void)raw, (void)len, (void)out, (void)outlen;
	util_set_err(err, errsz, "unknown encoding '%s' (built without iconv)", enc);
	return -1;
#endif
}

int import_decode(const char *raw, size_t len, const char *encoding, char **out, size_t *outlen,
                  char *err, size_t errsz)
{
	const char *nul;
	const uint8_t *bad;
	char *text;
	size_t n, skip = 0;

	*out = NULL;
	*outlen = 0;
	if (len == 0) {
		util_set_err(err, errsz, "empty file");
		return -1;
	}
	if (is_utf8_name(encoding) || !is_wide_encoding(encoding)) {
		nul = memchr(raw, 0, len);
		if (nul) {
			util_set_err(err, errsz, "not text (NUL byte at offset %zu)", (size_t)(nul - raw));
			return -1;
		}
	}
	if (is_utf8_name(encoding)) {
		bad = u8_check((const uint8_t *)raw, len);
		if (bad) {
			util_set_err(err, errsz, "not UTF-8 text (invalid byte 0x%02x at offset %zu)", *bad,
			        (size_t)((const char *)bad - raw));
			return -1;
		}
		text = xstrndup(raw, len);
		n = len;
	} else {
		if (convert(raw, len, encoding, &text, &n, err, errsz) < 0)
			return -1;
		/* iconv only writes valid UTF-8, but a wide encoding can carry NUL. */
		nul = memchr(text, 0, n);
		if (nul) {
			util_set_err(err, errsz, "not text (NUL character at offset %zu of the converted text)",
			        (size_t)(nul - text));
			free(text);
			return -1;
		}
		bad = u8_check((const uint8_t *)text, n);
		if (bad) {
			util_set_err(err, errsz, "not %s text (conversion produced invalid UTF-8)", encoding);
			free(text);
			return -1;
		}
	}
	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		skip = 3;
	if (only_whitespace(text + skip, n - skip)) {
		free(text);
		util_set_err(err, errsz, "empty file");
		return -1;
	}
	if (skip)
		memmove(text, text + skip, n - skip + 1);
	*out = text;
	*outlen = n - skip;
	return 0;
}

/* ---- control characters and escape sequences ---------------------------- */

/* CSI parameters and intermediates up to the final byte; a malformed
 * sequence ends at the first byte that cannot belong to it. */
static size_t skip_csi(const unsigned char *s, size_t n, size_t j)
{
	while (j < n) {
		unsigned char c = s[j];
		if (c >= 0x20 && c <= 0x3F)
			j++;
		else if (c >= 0x40 && c <= 0x7E)
			return j + 1;
		else
			return j;
	}
	return j;
}

/* OSC, DCS, SOS, PM and APC strings run to ST (ESC \ or U+009C) or BEL.
 * An unterminated one stops at the end of the line, so that one stray
 * ESC ] cannot swallow the rest of an article. */
static size_t skip_string(const unsigned char *s, size_t n, size_t j)
{
	while (j < n) {
		unsigned char c = s[j];
		if (c == 0x07)
			return j + 1;
		if (c == 0x1B)
			return j + 1 < n && s[j + 1] == '\\' ? j + 2 : j;
		if (c == '\n' || c == '\r')
			return j;
		if (c == 0xC2 && j + 1 < n && s[j + 1] == 0x9C)
			return j + 2;
		j++;
	}
	return j;
}

static size_t skip_esc(const unsigned char *s, size_t n, size_t i);

size_t import_skip_escape(const char *s, size_t n, size_t i)
{
	return skip_esc((const unsigned char *)s, n, i);
}

static size_t skip_esc(const unsigned char *s, size_t n, size_t i)
{
	size_t j = i + 1;

	if (j >= n)
		return j;
	switch (s[j]) {
	case '[':
		return skip_csi(s, n, j + 1);
	case ']':
	case 'P':
	case 'X':
	case '^':
	case '_':
		return skip_string(s, n, j + 1);
	default:
		while (j < n && s[j] >= 0x20 && s[j] <= 0x2F)
			j++;
		if (j < n && s[j] >= 0x30 && s[j] <= 0x7E)
			j++;
		return j;
	}
}

/* Text as a terminal would show it, minus what it would hide: escape
 * sequences whole, C0/C1 controls, bidi overrides; every line break as
 * '\n'.  A backspace erases the character before it, which undoes the
 * overstrike of nroff-style bold and underline and the "write, back up,
 * overwrite" trick alike.  Invalid UTF-8 becomes U+FFFD. */
void imp_sanitize(const char *text, size_t n, struct buf *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, line_start = 0;

	buf_reserve(out, n);
	while (i < n) {
		unsigned char c = s[i];
		if (c >= 0x20 && c < 0x7F) {
			size_t j = i + 1;
			while (j < n && s[j] >= 0x20 && s[j] < 0x7F)
				j++;
			buf_add(out, s + i, j - i);
			i = j;
			continue;
		}
		if (c < 0x80) {
			i++;
			switch (c) {
			case '\r':
				if (i < n && s[i] == '\n')
					i++;
				/* fall through */
			case '\n':
			case '\v':
			case '\f':
				buf_addc(out, '\n');
				line_start = out->len;
				break;
			case '\t':
				buf_addc(out, ' ');
				break;
			case '\b':
				if (out->len > line_start) {
					size_t st;
					imp_last_uc(out->s + line_start, out->len - line_start, &st);
					out->len = line_start + st;
					out->s[out->len] = '\0';
				}
				break;
			case 0x1B:
				i = skip_esc(s, n, i - 1);
				break;
			default:
				break; /* other C0 controls and DEL */
			}
			continue;
		}
		{
			ucs4_t uc;
			int k = u8_mbtouc(&uc, s + i, n - i);
			uint8_t enc[6];
			int m;

			i += (size_t)k;
			if (uc >= 0x80 && uc <= 0x9F) {
				if (uc == 0x85) {
					buf_addc(out, '\n');
					line_start = out->len;
				} else if (uc == 0x9B) {
					i = skip_csi(s, n, i);
				} else if (uc == 0x9D || uc == 0x90 || uc == 0x98 || uc == 0x9E || uc == 0x9F) {
					i = skip_string(s, n, i);
				}
				continue;
			}
			if (uc == 0x2028 || uc == 0x2029) {
				buf_adds(out, uc == 0x2028 ? "\n" : "\n\n");
				line_start = out->len;
				continue;
			}
			if (is_hidden_format(uc))
				continue;
			m = u8_uctomb(enc, uc, sizeof enc);
			if (m > 0)
				buf_add(out, enc, (size_t)m);
		}
	}
}

/* One line with runs of white space as one space (a lone no-break space
 * kept as it is) and none at either end. */
char *imp_collapse_line(const char *s, size_t n, size_t *outlen)
{
	/* The result is never longer than the line: write it in place. */
	char *out = xmalloc(n + 1), *o = out;
	const char *run_at = NULL;
	size_t i = 0, run = 0, run_len = 0;

	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		ucs4_t c = b;
		int k = 1;
		if (b >= 0x80)
			k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (c == ' ' || (b >= 0x80 && imp_is_space_uc(c))) {
			if (!run++) {
				run_at = s + i;
				run_len = (size_t)k;
			}
			i += (size_t)k;
			continue;
		}
		if (run && o > out) {
			if (run == 1 && is_nobreak_uc(imp_first_uc(run_at, run_len))) {
				memcpy(o, run_at, run_len);
				o += run_len;
			} else {
				*o++ = ' ';
			}
		}
		run = 0;
		if (b < 0x80) {
			size_t j = i + 1;
			while (j < n && (unsigned char)s[j] > ' ' && (unsigned char)s[j] < 0x80)
				j++;
			memcpy(o, s + i, j - i);
			o += j - i;
			i = j;
		} else {
			memcpy(o, s + i, (size_t)k);
			o += k;
			i += (size_t)k;
		}
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

