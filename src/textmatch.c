/* textmatch.c — loose matching of typed text against an article: each
 * character is read as what a reader sees (‘’‚‛ as ', “”„‟ as ", every
 * space, tab, line break and no-break space as one space, a run of them
 * as one), and letters compared without case when asked. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "gloss/textmatch.h"
#include "gloss/util.h"

/* Characters read as another one.  Data: add a pair to widen it. */
static const struct { uint32_t from, to; } equivalents[] = {
	{0x2018, '\''}, {0x2019, '\''}, {0x201A, '\''}, {0x201B, '\''}, {0x2032, '\''},
	{0x02BC, '\''}, {0xFF07, '\''},
	{0x201C, '"'}, {0x201D, '"'}, {0x201E, '"'}, {0x201F, '"'}, {0x2033, '"'},
	{0xFF02, '"'},
};

static int is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	       c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
	       c == 0x3000 || c == 0x2028 || c == 0x2029;
}

static uint32_t norm(uint32_t c, int fold)
{
	size_t i;

	if (c < 0x80) {
		if (fold && c >= 'A' && c <= 'Z')
			return c + 32;
		return c;
	}
	for (i = 0; i < ARRAY_SIZE(equivalents); i++)
		if (equivalents[i].from == c)
			return equivalents[i].to;
	return fold ? uc_tolower(c) : c;
}

/* One character of s at i: its code point (an invalid byte is itself,
 * in a range no character uses) and its length. */
static uint32_t next_cp(const char *s, size_t len, size_t i, size_t *n)
{
	ucs4_t c;
	int k;

	if ((unsigned char)s[i] < 0x80) {
		*n = 1;
		return (unsigned char)s[i];
	}
	k = u8_mbtouc(&c, (const uint8_t *)s + i, len - i);
	if (c == 0xFFFD && !(len - i >= 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)) {
		*n = 1;
		return 0x110000u + (unsigned char)s[i];
	}
	*n = k > 0 ? (size_t)k : 1;
	return c;
}

int textmatch_init(struct textmatch *m, const char *q, size_t len, int fold_case)
{
	size_t i = 0, n, cap = 0;
	int space = 0;

	memset(m, 0, sizeof *m);
	m->fold_case = fold_case;
	while (i < len) {
		uint32_t c = next_cp(q, len, i, &n);
		i += n;
		if (is_space(c)) {
			space = 1;
			continue;
		}
		if (m->n + 2 > cap) {
			cap = cap ? cap * 2 : 32;
			m->cp = xreallocarray(m->cp, cap, sizeof *m->cp);
		}
		if (space && m->n)
			m->cp[m->n++] = ' ';
		space = 0;
		m->cp[m->n++] = norm(c, fold_case);
	}
	return m->n ? 0 : -1;
}

void textmatch_free(struct textmatch *m)
{
	free(m->cp);
	memset(m, 0, sizeof *m);
}

int textmatch_smartcase(const char *q, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		uint32_t c = next_cp(q, len, i, &n);
		if (c < 0x110000u && uc_is_upper(c))
			return 0;
		i += n;
	}
	return 1;
}

/* Does the query match at text[i]?  Sets *end. */
static int match_at(const struct textmatch *m, const char *t, size_t len, size_t i, size_t *end)
{
	size_t k, n;

	for (k = 0; k < m->n; k++) {
		uint32_t c;
		if (i >= len)
			return 0;
		c = next_cp(t, len, i, &n);
		if (m->cp[k] == ' ') {
			if (!is_space(c))
				return 0;
			/* the whole run of spaces */
			do {
				i += n;
			} while (i < len && is_space(next_cp(t, len, i, &n)));
			continue;
		}
		if (norm(c, m->fold_case) != m->cp[k])
			return 0;
		i += n;
	}
	*end = i;
	return 1;
}

int textmatch_next(const struct textmatch *m, const char *t, size_t len, size_t from,
                   size_t *start, size_t *end)
{
	uint32_t first;
	size_t i = from, n;

	if (!m->n)
		return 0;
	first = m->cp[0];
	/* Never inside a character. */
	while (i < len && ((unsigned char)t[i] & 0xC0) == 0x80)
		i++;
	while (i < len) {
		unsigned char b = (unsigned char)t[i];
		/* The common case quickly: an ASCII byte that cannot start it. */
		if (b < 0x80) {
			uint32_t c = m->fold_case && b >= 'A' && b <= 'Z' ? b + 32u : b;
			if (c != first) {
				i++;
				continue;
			}
		} else {
			uint32_t c = next_cp(t, len, i, &n);
			if (norm(c, m->fold_case) != first) {
				i += n;
				continue;
			}
		}
		if (match_at(m, t, len, i, end)) {
			*start = i;
			return 1;
		}
		next_cp(t, len, i, &n);
		i += n;
	}
	return 0;
}
