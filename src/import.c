/* import.c — owns the way from the bytes of a file to a cleaned article:
 * decoding (UTF-8 checks, legacy encodings through iconv), the removal of
 * control characters and terminal escape sequences, line and whitespace
 * normalisation, NFC, the split into paragraphs, web boilerplate (rules from
 * data/boilerplate.txt) and the metadata a page states about itself (title,
 * byline, outlet from data/outlets.txt, dateline, date).  It works on
 * strings only: reading files and storing articles belong to the callers.
 * The rules are heuristics for scraped news text in general; nothing here
 * may depend on one particular site or article. */
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

/* Boilerplate lines are short; a longer line is a paragraph and is never
 * compared with the rules (which also keeps regexec off megabyte lines). */
#define RULE_MAX_BYTES 300
/* A title longer than this is cut at a word boundary and ends in "…". */
#define TITLE_MAX_CHARS 120
/* Hard-wrapped text is at most this wide; wider lines are paragraphs. */
#define WRAP_MAX_CHARS 100

/* ---- character classes ------------------------------------------------ */

static bool is_space_uc(ucs4_t c)
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

static ucs4_t first_uc(const char *s, size_t n)
{
	ucs4_t c = 0;

	if (n)
		u8_mbtouc(&c, (const uint8_t *)s, n);
	return c;
}

/* The last code point before s + n, and where it starts. */
static ucs4_t last_uc(const char *s, size_t n, size_t *start)
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
		      c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFEFF || is_space_uc(c)))
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
static void sanitize(const char *text, size_t n, struct buf *out)
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
					last_uc(out->s + line_start, out->len - line_start, &st);
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
static char *collapse_line(const char *s, size_t n, size_t *outlen)
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
		if (c == ' ' || (b >= 0x80 && is_space_uc(c))) {
			if (!run++) {
				run_at = s + i;
				run_len = (size_t)k;
			}
			i += (size_t)k;
			continue;
		}
		if (run && o > out) {
			if (run == 1 && is_nobreak_uc(first_uc(run_at, run_len))) {
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

/* ---- words and shapes of lines ------------------------------------------ */

/* Characters of valid UTF-8: the bytes that are not continuation bytes. */
static size_t count_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* A word is a run of non-spaces with at least one letter or digit.  The
 * clean-up counts words of every line several times, hence the ASCII
 * fast path. */
static size_t count_words(const char *s, size_t n)
{
	size_t i = 0, words = 0;
	bool in = false, alnum = false;

	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			if (b == ' ' || b == '\n') {
				words += in && alnum;
				in = alnum = false;
			} else {
				in = true;
				alnum = alnum || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || (b >= '0' && b <= '9');
			}
			i++;
		} else {
			ucs4_t c;
			i += (size_t)u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
			if (is_space_uc(c)) {
				words += in && alnum;
				in = alnum = false;
			} else {
				in = true;
				alnum = alnum || uc_is_alnum(c);
			}
		}
	}
	return words + (in && alnum);
}

static bool is_closing(ucs4_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
	       c == 0xBB || c == 0x203A;
}

/* Does the text end like a sentence ('.', '!', '?', '…', maybe quoted)? */
static bool ends_sentence(const char *s, size_t n)
{
	size_t st;
	ucs4_t c = last_uc(s, n, &st);

	while (n && is_closing(c)) {
		n = st;
		c = last_uc(s, n, &st);
	}
	return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002;
}

static bool ends_with_period(const char *s, size_t n)
{
	size_t st;
	ucs4_t c = last_uc(s, n, &st);

	while (n && is_closing(c) && c != ')') {
		n = st;
		c = last_uc(s, n, &st);
	}
	return c == '.' || c == 0x3002;
}

/* Short, no final period, not a label ending in ':' or ',': a headline. */
static bool headline_like(const char *s, size_t n)
{
	size_t w;
	ucs4_t c;

	if (n == 0 || n > 640 || count_chars(s, n) > 200)
		return false;
	w = count_words(s, n);
	if (w < 2 || w > 30)
		return false;
	if (ends_with_period(s, n))
		return false;
	c = last_uc(s, n, NULL);
	if (c == ':' || c == ',' || c == ';')
		return false;
	c = first_uc(s, n);
	return uc_is_alnum(c) || c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == 0xAB;
}

static bool is_upper_initial(const char *w, size_t n)
{
	ucs4_t c = first_uc(w, n);
	return uc_is_upper(c) || (c >= '0' && c <= '9');
}

static const char *const function_words[] = {
	"a", "about", "after", "against", "an", "and", "are", "as", "at", "be", "before", "but",
	"by", "for", "from", "has", "have", "he", "her", "his", "in", "into", "is", "it", "its",
	"not", "of", "on", "or", "over", "says", "said", "she", "than", "that", "the", "their",
	"they", "this", "to", "under", "was", "were", "will", "with", "would",
};

static bool is_function_word(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(function_words); i++)
		if (strlen(function_words[i]) == n && strncasecmp(function_words[i], w, n) == 0)
			return true;
	return false;
}

/* "North Korea Russia Kim Jong Un": a list of names for tags or keywords,
 * no connecting words, no punctuation, nearly every word capitalised. */
static bool keyword_like(const char *s, size_t n)
{
	size_t i = 0, words = 0, lower = 0;

	if (n > 200)
		return false;
	for (i = 0; i < n; i++)
		if (strchr(".,;:!?\"()", s[i]))
			return false;
	i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != ' ')
			j++;
		if (j > i) {
			words++;
			if (is_function_word(s + i, j - i))
				return false;
			if (!is_upper_initial(s + i, j - i))
				lower++;
		}
		i = j + 1;
	}
	return words >= 3 && words <= 12 && lower <= 1;
}

/* A list item: a bullet, an en or em dash, '*' or '-' and a space. */
static bool bullet_item(const char *s, size_t n)
{
	ucs4_t c = first_uc(s, n);
	int k;

	if (!(c == 0x2022 || c == 0xB7 || c == 0x2023 || c == 0x25AA || c == 0x25BA ||
	      c == 0x25B6 || c == 0x2013 || c == 0x2014 || c == '*' || c == '-' || c == 0x203A ||
	      c == 0xBB))
		return false;
	k = u8_mblen((const uint8_t *)s, n);
	return k > 0 && (size_t)k < n && s[k] == ' ';
}

/* ---- data files ------------------------------------------------------- */

enum rule_kind { R_EXACT, R_PREFIX, R_REGEX };
enum line_class { L_TEXT, L_DROP, L_CREDIT, L_TAIL, L_AUTHOR, L_META, NCLASSES };

struct rule {
	enum rule_kind kind;
	enum line_class cls;
	char *pat;
	size_t len;
	size_t max; /* longest line the rule applies to */
	regex_t re; /* R_REGEX: compiled alone */
};

struct outlet {
	char *alias;
	size_t len;
	const char *name; /* points into the names vector */
};

static struct {
	bool loaded;
	struct {
		struct rule *v;
		size_t n, cap;
	} rules;
	regex_t re[2 * NCLASSES]; /* [2 * class]: unanchored rules, [2 * class + 1]: anchored */
	bool has_re[2 * NCLASSES];
	regex_t any; /* every regex rule, to rule a line out at once */
	bool has_any;
	struct {
		struct outlet *v;
		size_t n, cap;
	} outlets;
	struct {
		char **v;
		size_t n, cap;
	} names;
	regex_t date_label, date, time_stamp;
} pats;

/* Patterns are compiled and run in the C locale whatever the user's is:
 * an import must not depend on LANG, and glibc's multibyte matching is
 * several times slower.  Non-ASCII characters then match as byte
 * sequences, which is why data/boilerplate.txt writes them outside
 * brackets. */
static locale_t c_locale;

static int rx_comp(regex_t *re, const char *pat, int flags)
{
	locale_t old = uselocale(c_locale);
	int r = regcomp(re, pat, flags);
	uselocale(old);
	return r;
}

static int rx_exec(const regex_t *re, const char *s, size_t nm, regmatch_t *m)
{
	locale_t old = uselocale(c_locale);
	int r = regexec(re, s, nm, m, 0);
	uselocale(old);
	return r;
}

static void lower_ascii(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
}

static char *trim_dup(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

/* "^..." with no '|' outside parentheses: the rule can only match at the
 * start, and many such rules share one "^(a|b|...)" that regexec tries
 * at one position instead of at every byte of the line. */
static bool anchored(const char *pat)
{
	int depth = 0;
	const char *p;

	if (*pat != '^')
		return false;
	for (p = pat + 1; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '[') {
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p && *p != ']')
				p++;
			if (!*p)
				return false;
		} else if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == '|' && depth == 0)
			return false;
	}
	return true;
}

static void add_regex(struct buf *alt, const char *pat, int lineno)
{
	regex_t probe;

	/* Compile each rule alone first, so that one bad rule is reported
	 * with its line and does not take the others down with it. */
	if (rx_comp(&probe, pat, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) {
		warnx_("data/boilerplate.txt:%d: bad regular expression '%s' (ignored)", lineno, pat);
		return;
	}
	regfree(&probe);
	if (anchored(pat)) {
		alt++;
		pat++;
	}
	if (alt->len)
		buf_addc(alt, '|');
	buf_printf(alt, "(%s)", pat);
}

static void load_rules(void)
{
	const struct embedded_file *f = embedded_get("data/boilerplate.txt");
	struct buf alt[2 * NCLASSES] = {{0}}; /* per class: unanchored, anchored */
	struct buf any = {0};
	const char *p, *end;
	int lineno = 0, c;

	if (!f)
		return;
	p = (const char *)f->data;
	end = p + f->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *colon;
		char *line, *kind, *pat;
		enum line_class cls = L_DROP;
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		lineno++;
		line = trim_dup(p, n);
		p += n + (nl ? 1 : 0);
		colon = strchr(line, ':');
		if (!*line || *line == '#' || !colon) {
			if (*line && *line != '#')
				warnx_("data/boilerplate.txt:%d: no 'KIND:' (ignored)", lineno);
			free(line);
			continue;
		}
		kind = trim_dup(line, (size_t)(colon - line));
		pat = trim_dup(colon + 1, strlen(colon + 1));
		if (strncmp(kind, "credit ", 7) == 0)
			cls = L_CREDIT;
		else if (strncmp(kind, "tail ", 5) == 0)
			cls = L_TAIL;
		else if (strncmp(kind, "author ", 7) == 0)
			cls = L_AUTHOR;
		else if (strncmp(kind, "drop ", 5) == 0)
			cls = L_DROP;
		{
			char *k = strrchr(kind, ' '), *slash;
			size_t max = RULE_MAX_BYTES;
			k = k ? k + 1 : kind;
			slash = strchr(k, '/');
			if (slash) {
				char *e;
				unsigned long v = strtoul(slash + 1, &e, 10);
				*slash = '\0';
				if (*e || v == 0 || v > RULE_MAX_BYTES)
					warnx_("data/boilerplate.txt:%d: bad length '/%s'", lineno, slash + 1);
				else
					max = v;
			}
			if (*pat == '\0') {
				warnx_("data/boilerplate.txt:%d: empty pattern (ignored)", lineno);
			} else if (strcmp(k, "regex") == 0 && max == RULE_MAX_BYTES) {
				add_regex(&alt[2 * cls], pat, lineno);
			} else if (strcmp(k, "regex") == 0) {
				struct rule r = {R_REGEX, cls, NULL, 0, max, {0}};
				if (rx_comp(&r.re, pat, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) {
					warnx_("data/boilerplate.txt:%d: bad regular expression '%s' (ignored)",
					       lineno, pat);
				} else {
					r.pat = xstrdup(pat);
					VEC_PUSH(&pats.rules, r);
					buf_printf(&any, "%s(%s)", any.len ? "|" : "", pat);
				}
			} else if (strcmp(k, "exact") == 0 || strcmp(k, "prefix") == 0) {
				struct rule r = {k[0] == 'e' ? R_EXACT : R_PREFIX, cls, NULL, 0, max, {0}};
				r.pat = xstrdup(pat);
				lower_ascii(r.pat);
				r.len = strlen(r.pat);
				VEC_PUSH(&pats.rules, r);
			} else {
				warnx_("data/boilerplate.txt:%d: unknown kind '%s' (ignored)", lineno, kind);
			}
		}
		free(kind);
		free(pat);
		free(line);
	}
	for (c = 0; c < 2 * NCLASSES; c++)
		if (alt[c].len)
			buf_printf(&any, "%s%s%s%s", any.len ? "|" : "", c % 2 ? "^(" : "(", alt[c].s, ")");
	/* One expression for all of them: a line of text, which matches none,
	 * then costs one regexec instead of one per class and length. */
	if (any.len && rx_comp(&pats.any, any.s, REG_EXTENDED | REG_ICASE | REG_NOSUB) == 0)
		pats.has_any = true;
	buf_free(&any);
	for (c = 0; c < 2 * NCLASSES; c++) {
		if (c % 2 && alt[c].len) {
			char *a = xasprintf("^(%s)", alt[c].s);
			buf_free(&alt[c]);
			alt[c].s = a;
			alt[c].len = strlen(a);
		}
		if (alt[c].len &&
		    rx_comp(&pats.re[c], alt[c].s, REG_EXTENDED | REG_ICASE | REG_NOSUB) == 0)
			pats.has_re[c] = true;
		buf_free(&alt[c]);
	}
}

static void load_outlets(void)
{
	const struct embedded_file *f = embedded_get("data/outlets.txt");
	const char *p, *end;

	if (!f)
		return;
	p = (const char *)f->data;
	end = p + f->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = trim_dup(p, n), *save = NULL, *tok;
		const char *name = NULL;

		p += n + (nl ? 1 : 0);
		if (!*line || *line == '#') {
			free(line);
			continue;
		}
		for (tok = strtok_r(line, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
			struct outlet o;
			char *a = trim_dup(tok, strlen(tok));
			if (!*a) {
				free(a);
				continue;
			}
			if (!name) {
				VEC_PUSH(&pats.names, xstrdup(a));
				name = pats.names.v[pats.names.n - 1];
			}
			o.alias = a;
			o.len = strlen(a);
			o.name = name;
			VEC_PUSH(&pats.outlets, o);
		}
		free(line);
	}
}

#define MONTH "(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\\.?"
#define DATE                                                                   \
	"((mon|tues?|wed(nes)?|thu(rs?)?|fri|sat(ur)?|sun)(day)?,? )?"              \
	"([0-9]{1,2}(st|nd|rd|th)? " MONTH ",? [0-9]{4}|" MONTH " [0-9]{1,2}(st|nd|rd|th)?,? [0-9]{4}|" \
	"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{4})"

static void load(void)
{
	if (pats.loaded)
		return;
	pats.loaded = true;
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (!c_locale)
		fatal("import: cannot create the C locale");
	load_rules();
	load_outlets();
	if (rx_comp(&pats.date_label,
	            "^((first |last )?(published|updated|posted|modified|amended|edited|date)( on| at)?[ ]?[:|-]?)[ ]*",
	            REG_EXTENDED | REG_ICASE) != 0 ||
	    rx_comp(&pats.date, "^" DATE, REG_EXTENDED | REG_ICASE) != 0 ||
	    rx_comp(&pats.time_stamp, " ([0-9]{1,2}[:.][0-9]{2}( ?[ap]\\.?m\\.?)?|" DATE ")( |$)",
	            REG_EXTENDED | REG_ICASE) != 0)
		fatal("import: built-in date patterns do not compile");
}

/* ---- matching lines ------------------------------------------------------ */

static bool is_decoration(ucs4_t c)
{
	return c == ' ' || c == '-' || c == '*' || c == '#' || c == '>' || c == '|' || c == '=' ||
	       c == '~' || c == 0x2022 || c == 0xB7 || c == 0x2013 || c == 0x2014 || c == 0xBB ||
	       c == 0x203A || c == 0x25BA || c == 0x25B6 || c == 0x25AA || c == 0x2023;
}

static bool is_trailing_decoration(ucs4_t c)
{
	return is_decoration(c) || c == ':' || c == '.' || c == 0x2026 || c == ',';
}

/* The line with its decoration stripped, ASCII in lower case: what exact
 * and prefix rules compare with.  *core_len excludes trailing decoration. */
static void rule_key(const char *s, size_t n, char k[RULE_MAX_BYTES + 1], size_t *key_len,
                     size_t *core_len)
{
	size_t i = 0, st;

	while (i < n) {
		int m = u8_mblen((const uint8_t *)s + i, n - i);
		if (m <= 0 || !is_decoration(first_uc(s + i, n - i)))
			break;
		i += (size_t)m;
	}
	memcpy(k, s + i, n - i);
	k[n - i] = '\0';
	lower_ascii(k);
	*key_len = n - i;
	*core_len = *key_len;
	while (*core_len && is_trailing_decoration(last_uc(k, *core_len, &st)))
		*core_len = st;
}

static enum line_class match_rules(const char *s, size_t n)
{
	size_t klen, core, i;
	char key[RULE_MAX_BYTES + 1];
	enum line_class best = L_TEXT;
	static const enum line_class order[] = {L_AUTHOR, L_TAIL, L_CREDIT, L_DROP};

	if (n == 0 || n > RULE_MAX_BYTES)
		return L_TEXT;
	rule_key(s, n, key, &klen, &core);
	for (i = 0; i < pats.rules.n && best == L_TEXT && klen; i++) {
		const struct rule *r = &pats.rules.v[i];
		if (r->pat[0] != key[0] || r->kind == R_REGEX || n > r->max)
			continue;
		if (r->kind == R_EXACT) {
			if (core == r->len && memcmp(key, r->pat, core) == 0)
				best = r->cls;
		} else if (klen >= r->len && memcmp(key, r->pat, r->len) == 0) {
			unsigned char last = (unsigned char)r->pat[r->len - 1], next;
			bool word_end = !((last | 0x20) >= 'a' && (last | 0x20) <= 'z') &&
			                !(last >= '0' && last <= '9');
			next = klen > r->len ? (unsigned char)key[r->len] : ' ';
			if (word_end || !uc_is_alnum(first_uc(key + r->len, klen - r->len)) || next == ' ')
				best = r->cls;
		}
	}
	if (best != L_TEXT)
		return best;
	/* Regular expressions cost far more than the rest of the clean-up
	 * together; prose (12 words or more ending like a sentence) is not
	 * tried against them.  Exact and prefix rules still see it. */
	if (count_words(s, n) >= 12 && ends_sentence(s, n))
		return L_TEXT;
	memcpy(key, s, n);
	key[n] = '\0';
	if (!pats.has_any || rx_exec(&pats.any, key, 0, NULL) != 0)
		return L_TEXT;
	for (i = 0; i < ARRAY_SIZE(order) && best == L_TEXT; i++) {
		size_t c = 2 * (size_t)order[i], j;
		if ((pats.has_re[c] && rx_exec(&pats.re[c], key, 0, NULL) == 0) ||
		    (pats.has_re[c + 1] && rx_exec(&pats.re[c + 1], key, 0, NULL) == 0))
			best = order[i];
		/* Rules with a length of their own are few and compiled alone:
		 * a bounded repetition such as .{0,80} would make the combined
		 * expression huge. */
		for (j = 0; j < pats.rules.n && best == L_TEXT; j++) {
			const struct rule *r = &pats.rules.v[j];
			if (r->kind == R_REGEX && r->cls == order[i] && n <= r->max &&
			    rx_exec(&r->re, key, 0, NULL) == 0)
				best = order[i];
		}
	}
	return best;
}

/* The outlet an alias names, when s (of length n) is exactly an alias. */
static const char *outlet_exact(const char *s, size_t n, bool icase)
{
	size_t i;

	for (i = 0; i < pats.outlets.n; i++) {
		const struct outlet *o = &pats.outlets.v[i];
		if (o->len == n && (icase ? strncasecmp(o->alias, s, n) : strncmp(o->alias, s, n)) == 0)
			return o->name;
	}
	return NULL;
}

static bool word_boundary_at(const char *s, size_t n, size_t i)
{
	return i >= n || !uc_is_alnum(first_uc(s + i, n - i));
}

/* The longest alias at the start of s, with its length. */
static const char *outlet_prefix(const char *s, size_t n, size_t *alen)
{
	size_t i, best = 0;
	const char *name = NULL;

	for (i = 0; i < pats.outlets.n; i++) {
		const struct outlet *o = &pats.outlets.v[i];
		if (o->alias[0] == s[0] && o->len > best && o->len <= n && memcmp(o->alias, s, o->len) == 0) {
			best = o->len;
			name = o->name;
		}
	}
	*alen = best;
	return name;
}

/* The first alias that appears as whole words anywhere in s. */
static const char *outlet_within(const char *s, size_t n)
{
	size_t i, alen;

	for (i = 0; i < n; i++) {
		const char *name;
		if (i && uc_is_alnum(last_uc(s, i, NULL)))
			continue;
		if ((unsigned char)s[i] >= 0x80 && (unsigned char)s[i] < 0xC0)
			continue;
		name = outlet_prefix(s + i, n - i, &alen);
		if (name && word_boundary_at(s, n, i + alen))
			return name;
	}
	return NULL;
}

/* Words that a page glues to the outlet's name in a credit line. */
static const char *const outlet_suffixes[] = {
	"amended", "updated", "modified", "edited", "staff", "desk", "online", "digital",
	"web desk", "news desk", "live", "correspondent", "reporter", "reporters", "bureau",
};

/* "BBC News", "NOS NewsAmended", "Reuters | Updated 12 Sep 2023". */
static const char *outlet_line(const char *s, size_t n)
{
	size_t alen, i;
	const char *name;

	if (n > 80)
		return NULL;
	name = outlet_prefix(s, n, &alen);
	if (!name)
		return NULL;
	s += alen;
	n -= alen;
	while (n && (*s == ' ' || *s == '|' || *s == ',' || *s == '-')) {
		s++;
		n--;
	}
	if (n == 0)
		return name;
	for (i = 0; i < ARRAY_SIZE(outlet_suffixes); i++)
		if (strlen(outlet_suffixes[i]) == n && strncasecmp(outlet_suffixes[i], s, n) == 0)
			return name;
	{
		char *z = xstrndup(s, n);
		int r = rx_exec(&pats.date, z, 0, NULL);
		free(z);
		if (r == 0)
			return name;
	}
	return NULL;
}

/* Every date the patterns know has a digit; most lines have none. */
static bool memchr_digit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return true;
	return false;
}

/* The date a line states: "Published 13 Sep 2023", "Updated: 12 September
 * 2023, 10:31 IST", "September 12, 2023".  The date as written, or NULL. */
static char *date_line(const char *s, size_t n)
{
	regmatch_t m[2];
	char *z, *res = NULL;
	size_t off = 0;

	if (n > 100 || !memchr_digit(s, n))
		return NULL;
	z = xstrndup(s, n);
	if (rx_exec(&pats.date_label, z, 1, m) == 0)
		off = (size_t)m[0].rm_eo;
	if (rx_exec(&pats.date, z + off, 1, m) == 0) {
		size_t rest = n - off - (size_t)m[0].rm_eo;
		/* A date followed by a sentence is text that starts with a date;
		 * one followed by a time and a note ("1:05 AM GMT Updated 3 days
		 * ago") is a date line. */
		if (off || rest <= 24 || (rest <= 60 && !ends_sentence(z, n)))
			res = xstrndup(z + off, (size_t)m[0].rm_eo);
	}
	free(z);
	return res;
}

/* "and", "van", "bin": a word that may sit between the words of names in
 * a byline (data/LANG/name-particles.txt). */
static bool name_connector(const char *w, size_t n)
{
	return lexicon_find(lexicon_words("name-particles"), w, n, false, NULL) != NULL;
}

/* Is s a person's or a desk's name: 1 to 8 capitalised words (connectors
 * such as "and" or "van" allowed), no sentence punctuation? */
static bool name_like(const char *s, size_t n)
{
	size_t i = 0, words = 0;

	if (n == 0 || n > 80 || ends_sentence(s, n))
		return false;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != ' ')
			j++;
		if (j > i) {
			size_t wl = j - i;
			if (s[j - 1] == ',')
				wl--;
			words++;
			if (!is_upper_initial(s + i, wl) && !name_connector(s + i, wl))
				return false;
		}
		i = j + 1;
	}
	return words >= 1 && words <= 8;
}

/* "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Written by ...".
 * Sets *name (and *outlet when the byline names one). */
static bool byline_line(const char *s, size_t n, char **name, const char **outlet)
{
	static const char *const intro[] = {"by ", "written by ", "reported by ", "words by ",
	                                    "author: ", "reporter: ", "by: "};
	size_t i, k = 0, end;
	const char *comma;

	if (n > 120)
		return false;
	for (i = 0; i < ARRAY_SIZE(intro); i++) {
		size_t l = strlen(intro[i]);
		if (n > l && strncasecmp(s, intro[i], l) == 0) {
			k = l;
			break;
		}
	}
	if (!k)
		return false;
	s += k;
	n -= k;
	end = n;
	*outlet = NULL;
	comma = memchr(s, ',', n);
	if (comma) {
		size_t c = (size_t)(comma - s), r = c + 1;
		while (r < n && s[r] == ' ')
			r++;
		*outlet = outlet_exact(s + r, n - r, false);
		end = c;
	}
	while (end && s[end - 1] == ' ')
		end--;
	if (!name_like(s, end))
		return false;
	*name = xstrndup(s, end);
	return true;
}

/* "NewsDrum Desk", "ET Online Desk": a newsroom signing the story. */
static bool desk_line(const char *s, size_t n)
{
	return n > 5 && n <= 50 && strncmp(s + n - 5, " Desk", 5) == 0 && name_like(s, n) &&
	       count_words(s, n) <= 5;
}

/* The outlet behind a desk byline ("NewsDrum Desk" → "NewsDrum"): a
 * newsroom that signs as a desk names its own publication. */
static char *desk_outlet(const char *s)
{
	static const char *const tails[] = {" Web Desk", " News Desk", " Online Desk",
	                                    " Digital Desk", " Desk"};
	size_t n = strlen(s), i;

	for (i = 0; i < ARRAY_SIZE(tails); i++) {
		size_t l = strlen(tails[i]);
		if (n > l && strcmp(s + n - l, tails[i]) == 0) {
			const char *known = outlet_exact(s, n - l, false);
			return known ? xstrdup(known) : xstrndup(s, n - l);
		}
	}
	return NULL;
}

/* ---- lines and paragraphs ------------------------------------------------ */

struct unit {
	char *s;
	size_t len, nch, words;
	int block;
	enum line_class cls;
	bool removed;
	bool caption; /* the line right above an image credit: never a title */
	char *byline, *date;
	const char *outlet;
	char *desk; /* outlet derived from a desk byline */
};

struct units {
	struct unit *v;
	size_t n, cap;
};

static void unit_free(struct unit *u)
{
	free(u->s);
	free(u->byline);
	free(u->date);
	free(u->desk);
}

/* Split at " | ", " · ", " • ": pages put byline, outlet and date on one
 * line with separators. */
static size_t next_segment(const char *s, size_t n, size_t i, size_t *seg_end)
{
	size_t j;

	for (j = i; j < n; j++) {
		if (s[j] == ' ' && j + 2 < n && s[j + 1] == '|' && s[j + 2] == ' ') {
			*seg_end = j;
			return j + 3;
		}
		if (s[j] == ' ' && j + 3 < n && (unsigned char)s[j + 1] == 0xC2 &&
		    (unsigned char)s[j + 2] == 0xB7 && s[j + 3] == ' ') {
			*seg_end = j;
			return j + 4;
		}
		if (s[j] == ' ' && j + 4 < n && memcmp(s + j + 1, "\xE2\x80\xA2 ", 4) == 0 && j > i) {
			*seg_end = j;
			return j + 5;
		}
	}
	*seg_end = n;
	return n;
}

/* What the line is: text, boilerplate of some class, or metadata (then its
 * byline, date and outlet are set on u). */
static void classify(struct unit *u)
{
	size_t i = 0, segs = 0, meta = 0;
	enum line_class rc = match_rules(u->s, u->len);

	if (rc != L_TEXT && rc != L_DROP) {
		u->cls = rc;
		return;
	}
	if (u->len <= RULE_MAX_BYTES) {
		while (i < u->len) {
			size_t e, nx = next_segment(u->s, u->len, i, &e);
			const char *s = u->s + i, *o;
			size_t n = e - i;
			char *name = NULL, *d;

			segs++;
			if (byline_line(s, n, &name, &o)) {
				if (!u->byline)
					u->byline = name;
				else
					free(name);
				if (o && !u->outlet)
					u->outlet = o;
				meta++;
			} else if ((d = date_line(s, n))) {
				if (!u->date)
					u->date = d;
				else
					free(d);
				meta++;
			} else if ((o = outlet_line(s, n))) {
				if (!u->outlet)
					u->outlet = o;
				meta++;
			} else if (desk_line(s, n)) {
				if (!u->byline) {
					u->byline = xstrndup(s, n);
					u->desk = desk_outlet(u->byline);
				}
				meta++;
			} else if (n == u->len ? rc != L_TEXT : match_rules(s, n) != L_TEXT) {
				meta++;
			}
			i = nx;
		}
		if (segs && meta == segs) {
			u->cls = L_META;
			return;
		}
		free(u->byline);
		free(u->date);
		free(u->desk);
		u->byline = u->date = u->desk = NULL;
		u->outlet = NULL;
	}
	u->cls = rc;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* The width text was wrapped at, or 0 when it was not hard-wrapped: most
 * text lines are about as long as the longest ones, and those are no
 * wider than a terminal or an e-mail. */
static size_t wrap_width(const struct units *L)
{
	size_t *len = xmalloc((L->n + 1) * sizeof *len), n = 0, i, w, near = 0;

	for (i = 0; i < L->n; i++)
		if (L->v[i].cls == L_TEXT)
			len[n++] = L->v[i].nch;
	if (n < 3) {
		free(len);
		return 0;
	}
	qsort(len, n, sizeof *len, cmp_size);
	w = len[n - 1 - n / 10];
	for (i = 0; i < n; i++)
		if (len[i] * 10 >= w * 6)
			near++;
	free(len);
	if (!(w >= 30 && w <= WRAP_MAX_CHARS && near * 2 >= n))
		return 0;
	/* Short paragraphs one a line look the same by length; but a wrap
	 * falls inside a sentence far more often than at its end. */
	for (i = 0, n = 0, near = 0; i < L->n; i++) {
		const struct unit *u = &L->v[i];
		if (u->cls != L_TEXT || u->nch * 10 < w * 6)
			continue;
		n++;
		if (!ends_sentence(u->s, u->len))
			near++;
	}
	return near * 2 >= n ? w : 0;
}

static void join_into(struct unit *a, const struct unit *b)
{
	a->s = xrealloc(a->s, a->len + b->len + 2);
	a->s[a->len] = ' ';
	memcpy(a->s + a->len + 1, b->s, b->len + 1);
	a->len += b->len + 1;
	a->nch += b->nch + 1;
	a->words += b->words;
}

/* Lines of the text → units: paragraphs and classified short lines. */
static void split_units(const char *text, size_t n, struct units *out)
{
	struct units L = {0};
	size_t i = 0, w, k;
	int block = 0;
	bool blank_mode = false, seen_text = false, pending_blank = false;

	while (i <= n) {
		const char *nl = i < n ? memchr(text + i, '\n', n - i) : NULL;
		size_t e = nl ? (size_t)(nl - text) : n, len;
		char *s = collapse_line(text + i, e - i, &len);

		if (len == 0) {
			free(s);
			if (seen_text)
				pending_blank = true;
		} else {
			struct unit u = {0};
			if (pending_blank) {
				blank_mode = true;
				block++;
				pending_blank = false;
			}
			seen_text = true;
			u.s = s;
			u.len = len;
			u.nch = count_chars(s, len);
			u.words = count_words(s, len);
			u.block = block;
			classify(&u);
			VEC_PUSH(&L, u);
		}
		if (!nl)
			break;
		i = e + 1;
	}
	if (!blank_mode) /* one paragraph a line: every line its own block */
		for (k = 0; k < L.n; k++)
			L.v[k].block = (int)k;
	w = wrap_width(&L);
	for (k = 0; k < L.n; k++) {
		struct unit u = L.v[k];
		const struct unit *last = &L.v[k];
		size_t first = k;
		/* Join the lines of a hard-wrapped paragraph: a line that reaches
		 * near the wrap width continues on the next, a short one ends it.
		 * Without blank lines a whole wrapped document is one flow, where
		 * a sentence end before a capital may end a paragraph too, and a
		 * headline on the first line stays apart. */
		while (w && u.cls == L_TEXT && last->nch * 10 >= w * 6 && k + 1 < L.n &&
		       L.v[k + 1].cls == L_TEXT && !bullet_item(L.v[k + 1].s, L.v[k + 1].len)) {
			const struct unit *nx = &L.v[k + 1];
			bool capital = uc_is_upper(first_uc(nx->s, nx->len));
			if (blank_mode ? nx->block != u.block
			               : capital && (ends_sentence(last->s, last->len) ||
			                             (out->n == 0 && last == &L.v[k] && headline_like(u.s, u.len))))
				break;
			join_into(&u, nx);
			last = nx;
			k++;
		}
		if (!blank_mode)
			u.block = (int)out->n; /* no blocks: captions cannot be told */
		for (first = first + 1; first <= k; first++)
			unit_free(&L.v[first]);
		VEC_PUSH(out, u);
	}
	free(L.v);
}

/* ---- metadata ------------------------------------------------------------ */

/* Length of the first sentence of s: up to '.', '!' or '?' followed by a
 * space and a capital or a quote, not after an initial or an abbreviation. */
static size_t first_sentence(const char *s, size_t n)
{
	size_t i, lim = n < 1000 ? n : 1000;

	for (i = 1; i + 1 < lim; i++) {
		size_t e = i + 1, ws;
		ucs4_t nx;
		if (s[i] != '.' && s[i] != '!' && s[i] != '?')
			continue;
		while (e < n && is_closing(first_uc(s + e, n - e)))
			e += (size_t)u8_mblen((const uint8_t *)s + e, n - e);
		if (e >= n || s[e] != ' ')
			continue;
		nx = first_uc(s + e + 1, n - e - 1);
		if (!(uc_is_upper(nx) || nx == '"' || nx == 0x201C || nx == 0x2018 || (nx >= '0' && nx <= '9')))
			continue;
		if (s[i] == '.') {
			ws = i;
			while (ws && s[ws - 1] != ' ' && s[ws - 1] != '.')
				ws--;
			if (i - ws == 1 && s[ws] >= 'A' && s[ws] <= 'Z')
				continue;
			if (lexicon_find(lexicon_words("abbreviations"), s + ws, i - ws, true, NULL))
				continue;
		}
		return e;
	}
	return n;
}

/* A copy of s for a title: no final period, at most TITLE_MAX_CHARS. */
static char *make_title(const char *s, size_t n)
{
	size_t i = 0, chars = 0, cut = 0;

	while (n && s[n - 1] == ' ')
		n--;
	if (n && s[n - 1] == '.' && !(n >= 2 && s[n - 2] == '.'))
		n--;
	while (i < n) {
		int k = u8_mblen((const uint8_t *)s + i, n - i);
		if (k <= 0)
			k = 1;
		if (s[i] == ' ')
			cut = i;
		if (++chars > TITLE_MAX_CHARS) {
			char *t;
			if (!cut)
				cut = i;
			while (cut && (s[cut - 1] == ',' || s[cut - 1] == ' ' || s[cut - 1] == ';'))
				cut--;
			t = xmalloc(cut + 4);
			memcpy(t, s, cut);
			memcpy(t + cut, "\xE2\x80\xA6", 4);
			return t;
		}
		i += (size_t)k;
	}
	return xstrndup(s, n);
}

static const char *const not_places[] = {
	"analysis", "breaking", "comment", "editorial", "exclusive", "explainer", "factbox",
	"interview", "live", "note", "opinion", "photos", "q&a", "update", "video", "watch",
	"warning", "editor's note", "correction", "review", "read",
};

/* "New Delhi:", "MOSCOW (AP) —", "SEOUL, South Korea —", "WASHINGTON,
 * Sept 12 (Reuters) -" at the start of the first paragraph.  Sets the
 * place, a date and an outlet credit when present. */
static void find_dateline(const char *s, size_t n, char **place, char **date, const char **outlet)
{
	size_t i = 0, words = 0, place_end, group2 = 0, g2_end = 0;
	size_t lim = n < 120 ? n : 120;
	const char *credit = NULL;
	bool colon = false;

	while (i < lim) {
		size_t j = i;
		if (!is_upper_initial(s + i, lim - i) || (s[i] >= '0' && s[i] <= '9'))
			break;
		while (j < lim && s[j] != ' ' && s[j] != ',' && s[j] != ':' && s[j] != '(')
			j++;
		words++;
		i = j;
		if (i < lim && s[i] == ' ' && i + 1 < lim && is_upper_initial(s + i + 1, lim - i - 1) &&
		    !(s[i + 1] >= '0' && s[i + 1] <= '9') && words < 4)
			i++;
		else
			break;
	}
	if (!words)
		return;
	place_end = i;
	if (i + 2 < lim && s[i] == ',' && s[i + 1] == ' ') {
		size_t j = i + 2, w2 = 0;
		group2 = j;
		while (j < lim && w2 < 3) {
			size_t k = j;
			if (!is_upper_initial(s + j, lim - j))
				break;
			while (k < lim && s[k] != ' ' && s[k] != ',' && s[k] != ':' && s[k] != '(')
				k++;
			w2++;
			j = k;
			if (j + 1 < lim && s[j] == ' ' && s[j + 1] != '(' && is_upper_initial(s + j + 1, lim - j - 1))
				j++;
			else
				break;
		}
		if (!w2)
			return;
		g2_end = j;
		i = j;
	}
	if (i + 2 < lim && s[i] == ' ' && s[i + 1] == '(') {
		const char *close = memchr(s + i + 2, ')', lim - i - 2);
		if (!close || close - (s + i + 2) > 40)
			return;
		credit = outlet_exact(s + i + 2, (size_t)(close - (s + i + 2)), true);
		i = (size_t)(close - s) + 1;
	}
	if (i < lim && s[i] == ':' && i + 1 < lim && s[i + 1] == ' ') {
		colon = true;
	} else if (i + 2 < lim && s[i] == ' ' &&
	           (s[i + 1] == '-' || memcmp(s + i + 1, "\xE2\x80\x94", 3) == 0 ||
	            memcmp(s + i + 1, "\xE2\x80\x93", 3) == 0)) {
		/* " — ", " – ", " - ", " -- " */
	} else {
		return;
	}
	if (colon) {
		size_t k;
		if (group2 || credit)
			return;
		for (k = 0; k < ARRAY_SIZE(not_places); k++)
			if (strlen(not_places[k]) == place_end && strncasecmp(not_places[k], s, place_end) == 0)
				return;
	}
	if (group2 && first_uc(s + group2, g2_end - group2) < 0x80) {
		/* "Sept 12" (no year) is a date, not part of the place. */
		char *y = xstrndup(s + group2, g2_end - group2);
		char *probe = xasprintf("%s 2000", y);
		if (rx_exec(&pats.date, probe, 0, NULL) == 0) {
			if (!*date)
				*date = xstrdup(y);
			g2_end = 0;
		}
		free(probe);
		free(y);
	}
	*place = xstrndup(s, g2_end ? g2_end : place_end);
	if (credit)
		*outlet = credit;
}

/* "(AP)", "(Reuters)" early in the first paragraph. */
static const char *find_credit(const char *s, size_t n)
{
	size_t lim = n < 200 ? n : 200, i;

	for (i = 0; i < lim; i++) {
		if (s[i] == '(') {
			const char *close = memchr(s + i + 1, ')', n - i - 1);
			const char *o;
			if (close && close - (s + i + 1) <= 40 &&
			    (o = outlet_exact(s + i + 1, (size_t)(close - (s + i + 1)), true)))
				return o;
		}
	}
	return NULL;
}

/* "Agence France-Presse (AFP) is a French news agency..." → the name. */
static char *author_name(const char *s, size_t n)
{
	static const char *const stops[] = {" is ", " was ", " has ", " writes ", " covers ",
	                                    " reports ", ", ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "};
	size_t i, cut = n;

	if (count_words(s, n) <= 8 && !ends_sentence(s, n) && name_like(s, n))
		return xstrndup(s, n);
	for (i = 0; i < ARRAY_SIZE(stops); i++) {
		const char *p = strstr(s, stops[i]);
		if (p && (size_t)(p - s) < cut)
			cut = (size_t)(p - s);
	}
	if (cut > 80 || cut == 0 || !is_upper_initial(s, cut) || count_words(s, cut) > 8)
		return NULL;
	return xstrndup(s, cut);
}

/* ---- the whole clean-up ------------------------------------------------ */

/* A paragraph of the article proper, as opposed to a label or a heading. */
static bool unit_prose(const struct unit *u)
{
	return (u->words >= 5 && ends_sentence(u->s, u->len)) || u->words >= 25;
}

static size_t next_kept(const struct units *U, size_t i, enum line_class cls)
{
	for (; i < U->n; i++)
		if (!U->v[i].removed && U->v[i].cls == cls)
			return i;
	return U->n;
}

static void remove_from(struct units *U, size_t i)
{
	for (; i < U->n; i++)
		U->v[i].removed = true;
}

/* The tail rule's bounds, measured on the 130 pages of Readability's test
 * set taken as plain text (47 tail lines): where the rule rightly cut, the
 * rest was at most 524 words, no line of it over 54 words, and at most 21%
 * of its lines prose (comment forms, link lists, bylines and dates are not
 * sentences); where article text followed, the rest was 478 words or more
 * with a paragraph of 59 words or more.  A real last paragraph after
 * "Leave a Reply" is all prose.  Outside these bounds the rest is kept:
 * text kept by mistake is visible, text dropped by mistake is lost. */
#define TAIL_MAX_WORDS 600 /* the whole rest */
#define TAIL_MAX_UNIT 60   /* its longest line or paragraph */
#define TAIL_MAX_PROSE 3   /* at most one line in this many is prose */

/* Boilerplate classes, captions, the end of the article, author blocks.
 * What a tail line cuts off is counted in *tail_words. */
static void drop_boilerplate(struct units *U, char **byline, size_t *tail_words,
                             char **tail_marker)
{
	size_t i, total_words = 0, words_before = 0, first_text, *prose_from, *text_from, *max_from;
	bool body_seen = false, meta_later = false;

	/* Counts for the tail rule, taken once so that a page with thousands
	 * of "Comments" lines stays linear. */
	prose_from = xmalloc((U->n + 1) * sizeof *prose_from);
	text_from = xmalloc((U->n + 1) * sizeof *text_from);
	max_from = xmalloc((U->n + 1) * sizeof *max_from);
	prose_from[U->n] = text_from[U->n] = max_from[U->n] = 0;
	for (i = U->n; i-- > 0;) {
		const struct unit *u = &U->v[i];
		bool text = u->cls == L_TEXT;
		prose_from[i] = prose_from[i + 1] + (text && unit_prose(u));
		text_from[i] = text_from[i + 1] + text;
		max_from[i] = text && u->words > max_from[i + 1] ? u->words : max_from[i + 1];
		if (text)
			total_words += u->words;
	}

	for (i = 0; i < U->n; i++) {
		struct unit *u = &U->v[i];
		if (u->removed)
			continue;
		switch (u->cls) {
		case L_TEXT:
			if (unit_prose(u))
				body_seen = true;
			words_before += u->words;
			break;
		case L_DROP:
		case L_META:
			u->removed = true;
			break;
		case L_CREDIT:
			u->removed = true;
			/* The text right above a credit is its picture's caption,
			 * whatever block it is in: never the headline. */
			{
				size_t k = i;
				while (k > 0 && U->v[k - 1].cls != L_TEXT)
					k--;
				if (k > 0 && U->v[k - 1].words <= 40)
					U->v[k - 1].caption = true;
			}
			/* the caption right above the credit, in the same block */
			if (i && U->v[i - 1].cls == L_TEXT && U->v[i - 1].block == u->block &&
			    !ends_with_period(U->v[i - 1].s, U->v[i - 1].len))
				U->v[i - 1].removed = true;
			break;
		case L_AUTHOR: {
			size_t j = i + 1;
			u->removed = true;
			while (j < U->n && (U->v[j].cls == L_DROP || U->v[j].cls == L_CREDIT))
				j++;
			if (j < U->n && U->v[j].cls == L_META && U->v[j].byline) {
				/* the metadata line already holds the name */
			} else if (j < U->n && U->v[j].cls == L_TEXT) {
				char *name = author_name(U->v[j].s, U->v[j].len);
				if (name && !*byline)
					*byline = name;
				else
					free(name);
				if (name || U->v[j].block == u->block || !body_seen)
					U->v[j].removed = true;
			}
			if (!body_seen)
				break;
		}
			/* fall through - after the article an author block ends it */
		case L_TAIL: {
			size_t after = total_words - words_before;
			u->removed = true;
			/* Only a short rest that looks like furniture is cut: a
			 * "Comments" heading in the middle of a long text must not
			 * take the second half with it, nor "About the author" a
			 * real last paragraph. */
			if (body_seen && after <= TAIL_MAX_WORDS && max_from[i + 1] <= TAIL_MAX_UNIT &&
			    prose_from[i + 1] * TAIL_MAX_PROSE <= text_from[i + 1] &&
			    (prose_from[i + 1] == 0 || after * 4 <= words_before)) {
				*tail_words = after;
				free(*tail_marker);
				*tail_marker = xstrndup(u->s, u->len);
				remove_from(U, i + 1);
				i = U->n;
			}
			break;
		}
		default:
			break;
		}
	}
	free(prose_from);
	free(text_from);
	free(max_from);
	/* A line without a full stop that shares its block with credit or
	 * metadata lines is an image caption ("Kim in Pyongyang" / "Photo: AP"),
	 * unless it is the first line of text: a headline above an outlet line. */
	first_text = next_kept(U, 0, L_TEXT);
	for (i = U->n; i-- > first_text + 1;) {
		struct unit *u = &U->v[i];
		if (i + 1 < U->n && U->v[i + 1].block != u->block)
			meta_later = false;
		if (u->cls == L_CREDIT || (u->cls == L_META && (u->outlet || u->date)))
			meta_later = true;
		if (meta_later && !u->removed && u->cls == L_TEXT && !ends_with_period(u->s, u->len) &&
		    u->words <= 40)
			u->removed = true;
	}
	/* Lists of links after the article: bullet items without a full stop. */
	for (i = U->n; i-- > 0;) {
		struct unit *u = &U->v[i];
		if (u->removed)
			continue;
		if (u->cls != L_TEXT || !bullet_item(u->s, u->len) || ends_sentence(u->s, u->len) ||
		    u->words > 20)
			break;
		u->removed = true;
	}
}

static void find_title(struct units *U, struct import_doc *doc)
{
	size_t t = next_kept(U, 0, L_TEXT), i, kept = 0;
	struct unit *u;

	/* A picture's caption (and so its credit) above the headline is not
	 * the headline. */
	while (t < U->n && U->v[t].caption && next_kept(U, t + 1, L_TEXT) < U->n) {
		U->v[t].removed = true;
		t = next_kept(U, t + 1, L_TEXT);
	}

	/* A single word above the headline is a section label ("World"). */
	while (t < U->n && U->v[t].words <= 1 && t + 1 < U->n) {
		size_t nx = next_kept(U, t + 1, L_TEXT);
		if (nx == U->n || !headline_like(U->v[nx].s, U->v[nx].len))
			break;
		U->v[t].removed = true;
		t = nx;
	}
	if (t == U->n)
		return;
	for (i = 0; i < U->n; i++)
		if (!U->v[i].removed && U->v[i].cls == L_TEXT)
			kept++;
	u = &U->v[t];
	if (headline_like(u->s, u->len)) {
		doc->title = make_title(u->s, u->len);
		if (kept > 1)
			u->removed = true;
		return;
	}
	/* "Headline 4:12 PM Section Standfirst...": a page glued the headline
	 * to a time stamp; the headline is what comes before it. */
	if (u->len > 12) {
		regmatch_t m[1];
		size_t lim = u->len < 400 ? u->len : 400;
		char *z = xstrndup(u->s, lim);
		if (rx_exec(&pats.time_stamp, z, 1, m) == 0 &&
		    headline_like(z, (size_t)m[0].rm_so) && count_words(z, (size_t)m[0].rm_so) >= 3) {
			size_t rest = (size_t)m[0].rm_eo;
			char *r;
			doc->title = make_title(z, (size_t)m[0].rm_so);
			while (rest < u->len && u->s[rest] == ' ')
				rest++;
			r = xstrdup(u->s + rest);
			free(u->s);
			u->s = r;
			u->len = strlen(r);
			u->nch = count_chars(r, u->len);
			u->words = count_words(r, u->len);
			if (!u->len)
				u->removed = true;
			free(z);
			return;
		}
		free(z);
	}
	doc->title = make_title(u->s, first_sentence(u->s, u->len));
}

/* Keyword lines between the title and the first paragraph of text. */
static void drop_keyword_lines(struct units *U)
{
	size_t i;

	for (i = 0; i < U->n; i++) {
		struct unit *u = &U->v[i];
		if (u->removed || u->cls != L_TEXT)
			continue;
		if (unit_prose(u))
			break;
		if (keyword_like(u->s, u->len))
			u->removed = true;
	}
}

static void collect_meta(struct units *U, struct import_doc *doc, char **byline)
{
	size_t i, first;
	const char *outlet = NULL, *credit = NULL;
	char *desk = NULL;

	for (i = 0; i < U->n; i++) {
		struct unit *u = &U->v[i];
		if (u->cls != L_META)
			continue;
		if (u->byline && !*byline)
			*byline = xstrdup(u->byline);
		if (u->date && !doc->published)
			doc->published = xstrdup(u->date);
		if (u->outlet && !outlet)
			outlet = u->outlet;
		if (u->desk && !desk)
			desk = u->desk;
	}
	/* The dateline opens the first paragraph of the story proper. */
	for (first = next_kept(U, 0, L_TEXT); first < U->n; first = next_kept(U, first + 1, L_TEXT))
		if (unit_prose(&U->v[first]))
			break;
	if (first < U->n) {
		struct unit *u = &U->v[first];
		char *place = NULL, *date = NULL;
		find_dateline(u->s, u->len, &place, &date, &credit);
		doc->dateline = place;
		if (date && !doc->published)
			doc->published = date;
		else
			free(date);
		if (!credit)
			credit = find_credit(u->s, u->len);
	}
	if (credit)
		outlet = credit;
	if (!outlet && *byline)
		outlet = outlet_within(*byline, strlen(*byline));
	if (outlet)
		doc->outlet = xstrdup(outlet);
	else if (desk)
		doc->outlet = xstrdup(desk);
	else if (*byline)
		doc->outlet = desk_outlet(*byline);
}

/* Text made only of characters that NFC leaves alone whatever follows
 * them (below U+0300, general punctuation, currency signs, CJK
 * ideographs) is already NFC; u8_normalize is the slowest step of the
 * clean-up, and most news text never needs it. */
static bool maybe_not_nfc(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		ucs4_t c;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		i += (size_t)u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (!(c < 0x300 || (c >= 0x2002 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20C0) ||
		      (c >= 0x4E00 && c <= 0x9FFF)))
			return true;
	}
	return false;
}

/* Sanitised and in NFC, as every text that enters the library. */
static uint8_t *clean_nfc(const char *text, size_t len, size_t *nfc_len)
{
	struct buf clean = {0};
	uint8_t *nfc;

	sanitize(text, len, &clean);
	if (clean.s && !maybe_not_nfc(clean.s, clean.len)) {
		*nfc_len = clean.len;
		return (uint8_t *)buf_steal(&clean);
	}
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)(clean.s ? clean.s : ""), clean.len, NULL,
	                   nfc_len);
	buf_free(&clean);
	if (!nfc)
		fatal("out of memory (normalising %zu bytes)", len);
	return nfc;
}

/* The body built, into doc; an empty one is refused (doc freed). */
static int finish_body(struct import_doc *doc, struct buf *body, char *err, size_t errsz)
{
	if (body->len == 0) {
		buf_free(body);
		import_doc_free(doc);
		util_set_err(err, errsz, "no text left after cleaning");
		return -1;
	}
	doc->body_len = body->len;
	doc->body = buf_steal(body);
	return 0;
}

int import_clean(const char *text, size_t len, struct import_doc *doc, char *err, size_t errsz)
{
	struct buf body = {0};
	struct units U = {0};
	uint8_t *nfc;
	size_t nfc_len = 0, i;
	char *byline = NULL;

	memset(doc, 0, sizeof *doc);
	load();
	nfc = clean_nfc(text, len, &nfc_len);
	split_units((const char *)nfc, nfc_len, &U);
	free(nfc);

	drop_boilerplate(&U, &byline, &doc->tail_words, &doc->tail_marker);
	find_title(&U, doc);
	drop_keyword_lines(&U);
	collect_meta(&U, doc, &byline);
	doc->byline = byline;

	for (i = 0; i < U.n; i++) {
		struct unit *u = &U.v[i];
		if (!u->removed && u->cls == L_TEXT) {
			if (body.len)
				buf_addc(&body, '\n');
			buf_add(&body, u->s, u->len);
			doc->words += u->words;
		}
		unit_free(u);
	}
	free(U.v);
	if (!doc->title)
		doc->title = xstrdup("");
	return finish_body(doc, &body, err, errsz);
}

int import_clean_lines(const char *text, size_t len, struct import_doc *doc, char *err,
                       size_t errsz)
{
	struct buf body = {0};
	size_t nfc_len = 0, i = 0;
	uint8_t *nfc;

	memset(doc, 0, sizeof *doc);
	load();
	nfc = clean_nfc(text, len, &nfc_len);
	while (i < nfc_len) {
		const char *line = (const char *)nfc + i, *nl = memchr(line, '\n', nfc_len - i);
		size_t n = nl ? (size_t)(nl - line) : nfc_len - i, cl;
		char *c = collapse_line(line, n, &cl);
		enum line_class k = match_rules(c, cl);
		i += n + 1;
		if (cl && k != L_DROP && k != L_CREDIT) {
			if (body.len)
				buf_addc(&body, '\n');
			buf_add(&body, c, cl);
			doc->words += count_words(c, cl);
		}
		free(c);
	}
	free(nfc);
	doc->title = xstrdup("");
	return finish_body(doc, &body, err, errsz);
}

char *import_clean_field(const char *s)
{
	size_t nfc_len = 0, n, i;
	uint8_t *nfc;
	char *out;

	if (!s)
		return NULL;
	nfc = clean_nfc(s, strlen(s), &nfc_len);
	for (i = 0; i < nfc_len; i++)
		if (nfc[i] == '\n')
			nfc[i] = ' ';
	out = collapse_line((const char *)nfc, nfc_len, &n);
	free(nfc);
	if (n == 0) {
		free(out);
		return NULL;
	}
	return out;
}

void import_doc_free(struct import_doc *doc)
{
	if (!doc)
		return;
	free(doc->body);
	free(doc->title);
	free(doc->byline);
	free(doc->outlet);
	free(doc->published);
	free(doc->dateline);
	free(doc->lang);
	free(doc->url);
	free(doc->tail_marker);
	memset(doc, 0, sizeof *doc);
}
