/* export_text.c — the escaping of the Markdown export: user text,
 * front-matter strings, tag words and file names.
 *
 * Escaping.  User text (titles, quotes, notes, relations, entity names)
 * goes through export_md_text: ASCII punctuation that can start or end
 * structure anywhere (\ ` * _ [ ] < > # & | ~ $ ^ = { } %) is
 * backslash-escaped — `$`, `^`, `=`, `%` and `#` for Obsidian's math,
 * block ids, highlights, comments and tags; a line's first character is
 * escaped when it could open a block (- + : and "1." / "1)"); leading and
 * trailing blanks and control characters become character references
 * (`&#32;`), since CommonMark would strip or interpret them; a newline
 * inside a note or quote is a hard line break (a backslash at the end of
 * the line), except newlines at the very end, which are `&#10;` because a
 * hard break cannot end a paragraph.  Front-matter strings are always
 * double-quoted YAML with escapes (export_yaml_str).  Tag names become
 * `#words`: letters, digits, `-`, `/` and an inner `_` are kept, any run
 * of other characters becomes one `-` ("my new tag" → #my-new-tag), and a
 * tag with no letter gets a "tag-" prefix (Obsidian ignores #2024); the
 * exact names are in the front matter's `tags` list.  Two names that
 * give the same word ("climate change", "climate-change") get distinct
 * words (export_tag_words): the name that is its own word, else the first
 * by name, keeps it, the others get "-2", "-3", ... */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "gloss/export.h"
#include "gloss/util.h"

/* --- escaping ---------------------------------------------------------- */

/* Escaped wherever they stand (see the top of the file). */
static int md_special(unsigned char c)
{
	return c && strchr("\\`*_[]<>#&|~$^={}%", c) != NULL;
}

/* One line of text (no newline in it) at the start of a Markdown line. */
static void md_line(struct buf *b, const unsigned char *s, size_t n)
{
	size_t i = 0, end = n, k;
	uint32_t cp;

	/* Leading and trailing blanks would be stripped: references. */
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		buf_adds(b, s[i++] == ' ' ? "&#32;" : "&#9;");
	while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	if (i < end) {
		/* Block starts: list markers, setext underlines, definition
		 * lists, ordered-list numbers. */
		if (s[i] == '-' || s[i] == '+' || s[i] == ':') {
			buf_addc(b, '\\');
		} else if (s[i] >= '0' && s[i] <= '9') {
			for (k = i; k < end && s[k] >= '0' && s[k] <= '9'; k++)
				;
			if (k < end && (s[k] == '.' || s[k] == ')')) {
				buf_add(b, s + i, k - i);
				buf_addc(b, '\\');
				i = k;
			}
		}
	}
	while (i < end) {
		unsigned char c = s[i];
		size_t len;
		if (c < 0x20 || c == 0x7f) {
			buf_printf(b, "&#%u;", c);
			i++;
		} else if (c < 0x80) {
			if (md_special(c))
				buf_addc(b, '\\');
			buf_addc(b, (char)c);
			i++;
		} else if ((len = util_utf8_decode(s + i, n - i, &cp)) > 0) {
			/* A byte order mark would vanish at the start of a file
			 * (CommonMark drops it there): a reference keeps it. */
			if (cp == 0xfeff)
				buf_adds(b, "&#65279;");
			else
				buf_add(b, s + i, len);
			i += len;
		} else {
			buf_adds(b, "\xef\xbf\xbd"); /* cmark would make it U+FFFD too */
			i++;
		}
	}
	for (; end < n; end++)
		buf_adds(b, s[end] == ' ' ? "&#32;" : "&#9;");
}

void export_md_text(struct buf *b, const char *text, size_t len, int hard_breaks,
                    const char *line_prefix)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, tail = len;

	/* Newlines at the very end cannot be hard breaks. */
	while (tail > 0 && s[tail - 1] == '\n')
		tail--;
	for (;;) {
		const unsigned char *nl = tail > i ? memchr(s + i, '\n', tail - i) : NULL;
		size_t j = nl ? (size_t)(nl - s) : tail;
		md_line(b, s + i, j - i);
		if (!nl)
			break;
		if (hard_breaks) {
			buf_adds(b, "\\\n");
			buf_adds(b, line_prefix ? line_prefix : "");
		} else {
			buf_adds(b, "&#10;");
		}
		i = j + 1;
	}
	for (; tail < len; tail++)
		buf_adds(b, "&#10;");
}

void export_yaml_str(struct buf *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t n = strlen((const char *)s), i = 0;

	buf_addc(b, '"');
	while (i < n) {
		uint32_t cp;
		size_t len = util_utf8_decode(s + i, n - i, &cp);
		if (!len) { /* not UTF-8: YAML cannot hold it */
			buf_adds(b, "\\uFFFD");
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)cp);
		} else if (cp == '\n') {
			buf_adds(b, "\\n");
		} else if (cp == '\t') {
			buf_adds(b, "\\t");
		} else if (cp == '\r') {
			buf_adds(b, "\\r");
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 ||
		           cp == 0x2029 || cp == 0xfeff || cp == 0xfffe || cp == 0xffff) {
			/* Not printable for YAML, or a line break to PyYAML. */
			buf_printf(b, "\\u%04X", (unsigned)cp);
		} else {
			buf_add(b, s + i, len);
		}
		i += len;
	}
	buf_addc(b, '"');
}

static int ascii_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char *export_tag_word(const char *name)
{
	const unsigned char *s = (const unsigned char *)(name ? name : "");
	size_t n = strlen((const char *)s), i = 0;
	struct buf b = {0};
	int letter = 0, prev_alnum = 0;

	while (i < n) {
		uint32_t cp, next = 0;
		size_t len = util_utf8_decode(s + i, n - i, &cp);
		int alnum;
		if (!len) {
			cp = 0xfffd;
			len = 1;
		}
		alnum = cp < 0x80 ? ascii_alnum(cp) : uc_is_alnum(cp);
		if (i + len < n && !util_utf8_decode(s + i + len, n - i - len, &next))
			next = 0;
		if (alnum) {
			buf_add(&b, s + i, len);
			if (!(cp >= '0' && cp <= '9'))
				letter = 1;
			prev_alnum = 1;
		} else if (cp == '_' && prev_alnum && (next < 0x80 ? ascii_alnum(next) : uc_is_alnum(next))) {
			/* Only between letters: elsewhere '_' could open emphasis. */
			buf_addc(&b, '_');
			prev_alnum = 0;
		} else if (cp == '/' && prev_alnum) {
			buf_addc(&b, '/'); /* nested tags */
			prev_alnum = 0;
		} else {
			if (b.len && b.s[b.len - 1] != '-')
				buf_addc(&b, '-');
			prev_alnum = 0;
		}
		i += len;
	}
	while (b.len && (b.s[b.len - 1] == '-' || b.s[b.len - 1] == '/' || b.s[b.len - 1] == '_'))
		b.s[--b.len] = '\0';
	if (!b.len) {
		buf_free(&b);
		return xstrdup("tag");
	}
	if (!letter) {
		char *t = xasprintf("tag-%s", b.s);
		buf_free(&b);
		return t;
	}
	return buf_steal(&b);
}

char *export_file_name(int64_t id, const char *title)
{
	const char *t = title ? title : "";
	uint8_t *nfd;
	size_t nlen = 0, i, max;
	struct buf b = {0};
	char prefix[32];

	snprintf(prefix, sizeof prefix, "%03lld-", (long long)(id < 0 ? 0 : id));
	/* Decomposed, accented letters keep their base letter: é → e. */
	nfd = u8_normalize(UNINORM_NFKD, (const uint8_t *)t, strlen(t), NULL, &nlen);
	if (!nfd) {
		nfd = (uint8_t *)xstrdup(t);
		nlen = strlen(t);
	}
	for (i = 0; i < nlen; i++) {
		unsigned char c = nfd[i];
		if (ascii_alnum(c)) {
			buf_addc(&b, (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
		} else if (c == '\'') {
			continue; /* "Kim's" → kims */
		} else if (c == 0xe2 && i + 2 < nlen && nfd[i + 1] == 0x80 && nfd[i + 2] == 0x99) {
			i += 2; /* U+2019 as an apostrophe */
		} else if (c >= 0x80 && (c & 0xc0) == 0x80) {
			continue; /* the rest of a character already counted */
		} else if (c >= 0xcc && c <= 0xcd && i + 1 < nlen && (nfd[i + 1] & 0xc0) == 0x80) {
			/* U+0300..U+036F combining marks: dropped, no separator. */
			uint32_t cp = ((uint32_t)(c & 0x1f) << 6) | (nfd[i + 1] & 0x3f);
			if (cp >= 0x300 && cp <= 0x36f) {
				i++;
				continue;
			}
			if (b.len && b.s[b.len - 1] != '-')
				buf_addc(&b, '-');
		} else if (b.len && b.s[b.len - 1] != '-') {
			buf_addc(&b, '-');
		}
	}
	free(nfd);
	max = EXPORT_NAME_MAX - strlen(prefix) - 3;
	if (b.len > max) {
		size_t cut = max;
		/* At a word boundary when one is not too far back. */
		while (cut > max / 2 && b.s[cut] != '-')
			cut--;
		if (b.s[cut] != '-')
			cut = max;
		b.s[cut] = '\0';
		b.len = cut;
	}
	while (b.len && b.s[b.len - 1] == '-')
		b.s[--b.len] = '\0';
	{
		char *name = xasprintf("%s%s.md", prefix, b.len ? b.s : "article");
		buf_free(&b);
		return name;
	}
}

/* --- distinct tag words ------------------------------------------------ */

struct tw {
	const char *name;
	char *word; /* export_tag_word(name), then the one given */
};

static int cmp_tw_name(const void *a, const void *b)
{
	return strcmp(((const struct tw *)a)->name, ((const struct tw *)b)->name);
}

static int cmp_tw_word(const void *a, const void *b)
{
	const struct tw *x = a, *y = b;
	int c = strcmp(x->word, y->word);

	if (c)
		return c;
	/* The name that is its own word first, then by name. */
	c = (strcmp(y->name, y->word) == 0) - (strcmp(x->name, x->word) == 0);
	return c ? c : strcmp(x->name, y->name);
}

/* Is w one of the plain words or a word given already? */
static int word_taken(const struct tw *v, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].word, w) == 0)
			return 1;
	return 0;
}

void export_tag_words_make(struct export_tag_words *out, const char *const *names, size_t n)
{
	struct tw *v = xreallocarray(NULL, n ? n : 1, sizeof *v);
	char **given = xreallocarray(NULL, n ? n : 1, sizeof *given);
	size_t i, k;

	for (i = 0; i < n; i++) {
		v[i].name = names[i];
		v[i].word = export_tag_word(names[i]);
	}
	qsort(v, n, sizeof *v, cmp_tw_word);
	for (i = 0; i < n; i++)
		given[i] = NULL;
	for (i = 0; i < n; i = k) {
		unsigned suffix = 2;
		for (k = i + 1; k < n && strcmp(v[k].word, v[i].word) == 0; k++) {
			char *w;
			for (;;) {
				size_t j;
				int used = 0;
				w = xasprintf("%s-%u", v[i].word, suffix++);
				used = word_taken(v, n, w);
				for (j = 0; !used && j < n; j++)
					used = given[j] && strcmp(given[j], w) == 0;
				if (!used)
					break;
				free(w);
			}
			given[k] = w;
		}
	}
	for (i = 0; i < n; i++)
		if (given[i]) {
			free(v[i].word);
			v[i].word = given[i];
		}
	free(given);
	qsort(v, n, sizeof *v, cmp_tw_name);
	out->names = xreallocarray(NULL, n ? n : 1, sizeof *out->names);
	out->words = xreallocarray(NULL, n ? n : 1, sizeof *out->words);
	for (i = 0; i < n; i++) {
		out->names[i] = xstrdup(v[i].name);
		out->words[i] = v[i].word;
	}
	out->n = n;
	free(v);
}

char *export_tag_words_get(const struct export_tag_words *w, const char *name)
{
	size_t lo = 0, hi = w->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(w->names[mid], name);
		if (c == 0)
			return xstrdup(w->words[mid]);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return export_tag_word(name);
}

void export_tag_words_free(struct export_tag_words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		free(w->names[i]);
		free(w->words[i]);
	}
	free(w->names);
	free(w->words);
	memset(w, 0, sizeof *w);
}
