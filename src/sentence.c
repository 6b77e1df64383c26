/* sentence.c — sentence boundaries for the reader's focus and ( ) keys.
 * One linear pass over the bytes: a sentence ends at a line break, or at
 * . ! ? (plus any closing quotes and brackets) when white space and then
 * an upper-case letter, a digit or an opening quote/bracket follow.  A full
 * stop after a known abbreviation (Mr., Gov., Adm., Jan.), an initial (J.)
 * or a dotted acronym (U.S.) does not end a sentence.  Invalid UTF-8 is
 * treated as ordinary non-space text, so any input gives sorted,
 * non-empty, non-overlapping spans. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "gloss/lexicon.h"
#include "gloss/sentence.h"
#include "gloss/util.h"


static bool is_space_at(const unsigned char *s, size_t i, size_t len, size_t *w)
{
	unsigned char c = s[i];
	if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\n') {
		*w = 1;
		return true;
	}
	if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xA0) { /* no-break space */
		*w = 2;
		return true;
	}
	return false;
}

/* Closing quotes and brackets that may follow the end mark: " ' ) ] ” ’ » */
static size_t closer_len(const unsigned char *s, size_t i, size_t len)
{
	unsigned char c = s[i];
	if (c == '"' || c == '\'' || c == ')' || c == ']')
		return 1;
	if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0x9D || s[i + 2] == 0x99))
		return 3;
	if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xBB)
		return 2;
	return 0;
}

/* Can the character at s[i] begin a new sentence? */
static bool starts_sentence(const unsigned char *s, size_t i, size_t len)
{
	unsigned char c = s[i];
	ucs4_t uc;
	int n;

	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '"' ||
		       c == '\'' || c == '(' || c == '[';
	n = u8_mbtoucr(&uc, s + i, len - i);
	if (n <= 0)
		return false;
	return uc_is_upper(uc) || uc_is_digit(uc) || uc == 0x201C || uc == 0x2018 ||
	       uc == 0xAB || uc_is_property_quotation_mark(uc);
}

/* Is the full stop at s[dot] part of an abbreviation, an initial or a
 * dotted acronym rather than the end of the sentence? */
static bool dot_is_abbreviation(const unsigned char *s, size_t from, size_t dot)
{
	size_t b = dot;
	size_t wl;

	while (b > from && ((s[b - 1] >= 'A' && s[b - 1] <= 'Z') || (s[b - 1] >= 'a' && s[b - 1] <= 'z') ||
			    (s[b - 1] == '.' && b - 1 > from && b - 1 != dot)))
		b--;
	wl = dot - b;
	if (wl == 0)
		return false;
	if (b > from && s[b - 1] >= 0x80)
		return false; /* part of a longer non-ASCII word */
	if (wl == 1 && s[b] >= 'A' && s[b] <= 'Z')
		return true; /* an initial: "J." */
	if (memchr(s + b, '.', wl))
		return true; /* "U.S.", "e.g." */
	/* Words written with a full stop that rarely ends a sentence, as
	 * data/LANG/abbreviations.txt spells them. */
	return lexicon_find(lexicon_words("abbreviations"), (const char *)s + b, wl, false, NULL) != NULL;
}

static void emit(struct sentence_vec *out, size_t start, size_t end)
{
	if (end > start) {
		struct sentence_span sp = {start, end};
		VEC_PUSH(out, sp);
	}
}

void sentence_split(const char *text, size_t len, struct sentence_vec *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, start = 0, last = 0; /* last: end of the last non-space byte */
	bool in = false;                    /* inside a sentence */
	size_t w;

	while (i < len) {
		unsigned char c = s[i];
		if (c == '\n') {
			if (in)
				emit(out, start, last);
			in = false;
			i++;
			continue;
		}
		if (is_space_at(s, i, len, &w)) {
			i += w;
			continue;
		}
		if (!in) {
			in = true;
			start = i;
		}
		if (c == '.' || c == '!' || c == '?') {
			size_t j = i + 1, k, cl;
			bool end_mark;
			while (j < len && (s[j] == '.' || s[j] == '!' || s[j] == '?'))
				j++;
			while (j < len && (cl = closer_len(s, j, len)) > 0)
				j += cl;
			last = j;
			k = j;
			while (k < len && s[k] != '\n' && is_space_at(s, k, len, &w))
				k += w;
			end_mark = k > j && (k == len || s[k] == '\n' || starts_sentence(s, k, len));
			/* An ellipsis is never an abbreviation's full stop. */
			if (end_mark && c == '.' && (i + 1 >= len || s[i + 1] != '.') &&
			    dot_is_abbreviation(s, start, i))
				end_mark = false;
			if (end_mark) {
				emit(out, start, j);
				in = false;
			}
			i = j;
			continue;
		}
		i++;
		last = i;
	}
	if (in)
		emit(out, start, last);
}
