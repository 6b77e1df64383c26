/* import.c — owns the way from decoded text to a cleaned article: the
 * split into paragraphs (hard-wrapped lines joined), boilerplate dropped
 * by the rules of import_rules.c, the metadata a page states about itself
 * (title, byline, outlet, dateline, date) and the final NFC body.
 * Decoding and sanitising are in import_decode.c.  It works on strings
 * only: reading files and storing articles belong to the callers. */
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

/* A title longer than this is cut at a word boundary and ends in "…". */
#define TITLE_MAX_CHARS 120
/* Hard-wrapped text is at most this wide; wider lines are paragraphs. */
#define WRAP_MAX_CHARS 100

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
	enum line_class rc = imp_match_rules(u->s, u->len);

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
			if (imp_byline_line(s, n, &name, &o)) {
				if (!u->byline)
					u->byline = name;
				else
					free(name);
				if (o && !u->outlet)
					u->outlet = o;
				meta++;
			} else if ((d = imp_date_line(s, n))) {
				if (!u->date)
					u->date = d;
				else
					free(d);
				meta++;
			} else if ((o = imp_outlet_line(s, n))) {
				if (!u->outlet)
					u->outlet = o;
				meta++;
			} else if (imp_desk_line(s, n)) {
				if (!u->byline) {
					u->byline = xstrndup(s, n);
					u->desk = imp_desk_outlet(u->byline);
				}
				meta++;
			} else if (n == u->len ? rc != L_TEXT : imp_match_rules(s, n) != L_TEXT) {
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
		if (!imp_ends_sentence(u->s, u->len))
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
		char *s = imp_collapse_line(text + i, e - i, &len);

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
			u.nch = imp_count_chars(s, len);
			u.words = imp_count_words(s, len);
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
		       L.v[k + 1].cls == L_TEXT && !imp_bullet_item(L.v[k + 1].s, L.v[k + 1].len)) {
			const struct unit *nx = &L.v[k + 1];
			bool capital = uc_is_upper(imp_first_uc(nx->s, nx->len));
			if (blank_mode ? nx->block != u.block
			               : capital && (imp_ends_sentence(last->s, last->len) ||
			                             (out->n == 0 && last == &L.v[k] && imp_headline_like(u.s, u.len))))
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
		while (e < n && imp_is_closing(imp_first_uc(s + e, n - e)))
			e += (size_t)u8_mblen((const uint8_t *)s + e, n - e);
		if (e >= n || s[e] != ' ')
			continue;
		nx = imp_first_uc(s + e + 1, n - e - 1);
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

/* The length of an em or en dash at s, or 0. */
static size_t dash_at(const char *s, size_t n)
{
	if (n >= 3 && (memcmp(s, "\xE2\x80\x94", 3) == 0 || memcmp(s, "\xE2\x80\x93", 3) == 0))
		return 3;
	return 0;
}

/* Whether s[0..n) has no lower-case letter (a place set in capitals). */
static bool no_lower(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (k <= 0)
			return false;
		if (uc_is_lower(c))
			return false;
		i += (size_t)k;
	}
	return true;
}

/* "New Delhi:", "MOSCOW (AP) —", "SEOUL, South Korea —", "WASHINGTON,
 * Sept 12 (Reuters) -" at the start of the first paragraph.  Sets the
 * place, a date and an outlet credit when present.  An em or en dash may
 * also touch the place ("CAIRO—", "CAIRO, Egypt—"): then the place is in
 * capitals or followed by a credit, so that a dash aside ("The Bank—which
 * ...") is not taken for one. */
static void find_dateline(const char *s, size_t n, char **place, char **date, const char **outlet)
{
	size_t i = 0, words = 0, place_end, group2 = 0, g2_end = 0;
	size_t lim = n < 120 ? n : 120;
	const char *credit = NULL;
	bool colon = false;

	while (i < lim) {
		size_t j = i;
		if (!imp_is_upper_initial(s + i, lim - i) || (s[i] >= '0' && s[i] <= '9'))
			break;
		while (j < lim && s[j] != ' ' && s[j] != ',' && s[j] != ':' && s[j] != '(' &&
		       !dash_at(s + j, lim - j))
			j++;
		if (j == i)
			break;
		words++;
		i = j;
		if (i < lim && s[i] == ' ' && i + 1 < lim && imp_is_upper_initial(s + i + 1, lim - i - 1) &&
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
			if (!imp_is_upper_initial(s + j, lim - j))
				break;
			while (k < lim && s[k] != ' ' && s[k] != ',' && s[k] != ':' && s[k] != '(' &&
			       !dash_at(s + k, lim - k))
				k++;
			w2++;
			j = k;
			if (j + 1 < lim && s[j] == ' ' && s[j + 1] != '(' && imp_is_upper_initial(s + j + 1, lim - j - 1))
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
		credit = imp_outlet_exact(s + i + 2, (size_t)(close - (s + i + 2)), true);
		i = (size_t)(close - s) + 1;
	}
	if (i < lim && s[i] == ':' && i + 1 < lim && s[i + 1] == ' ') {
		colon = true;
	} else if (i + 2 < lim && s[i] == ' ' &&
	           (s[i + 1] == '-' || memcmp(s + i + 1, "\xE2\x80\x94", 3) == 0 ||
	            memcmp(s + i + 1, "\xE2\x80\x93", 3) == 0)) {
		/* " — ", " – ", " - ", " -- " */
	} else if (dash_at(s + i, lim - i) && (credit || no_lower(s, place_end))) {
		/* "CAIRO—", "CAIRO, Egypt—", "CAIRO (AP)—" */
	} else {
		return;
	}
	if (colon) {
		if (group2 || credit)
			return;
		/* "Analysis:", "Editor's note:": a label, no place. */
		if (lexicon_find(lexicon_words(IMPORT_WORDS), s, place_end, true, "not-place"))
			return;
	}
	if (group2 && imp_first_uc(s + group2, g2_end - group2) < 0x80) {
		/* "Sept 12" (no year) is a date, not part of the place. */
		char *y = xstrndup(s + group2, g2_end - group2);
		char *probe = xasprintf("%s 2000", y);
		if (imp_is_date(probe)) {
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
			    (o = imp_outlet_exact(s + i + 1, (size_t)(close - (s + i + 1)), true)))
				return o;
		}
	}
	return NULL;
}

/* "Agence France-Presse (AFP) is a French news agency..." → the name. */
static char *author_name(const char *s, size_t n)
{
	/* The name ends at a verb between spaces ("is", "writes": the
	 * bio-stop words) or at a comma or a dash. */
	static const char *const marks[] = {", ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "};
	const struct lexicon_list *wl = lexicon_words(IMPORT_WORDS);
	char stop[64];
	size_t i, cut = n;

	if (imp_count_words(s, n) <= 8 && !imp_ends_sentence(s, n) && imp_name_like(s, n))
		return xstrndup(s, n);
	for (i = 0; i < wl->n + ARRAY_SIZE(marks); i++) {
		const char *p, *w = stop;
		if (i >= wl->n)
			w = marks[i - wl->n];
		else if (!lexicon_has_class(&wl->v[i], "bio-stop") || wl->v[i].len + 3 > sizeof stop)
			continue;
		else
			snprintf(stop, sizeof stop, " %s ", wl->v[i].word);
		p = strstr(s, w);
		if (p && (size_t)(p - s) < cut)
			cut = (size_t)(p - s);
	}
	if (cut > 80 || cut == 0 || !imp_is_upper_initial(s, cut) || imp_count_words(s, cut) > 8)
		return NULL;
	return xstrndup(s, cut);
}

/* ---- the whole clean-up ------------------------------------------------ */

/* A paragraph of the article proper, as opposed to a label or a heading. */
static bool unit_prose(const struct unit *u)
{
	return (u->words >= 5 && imp_ends_sentence(u->s, u->len)) || u->words >= 25;
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
			    !imp_ends_with_period(U->v[i - 1].s, U->v[i - 1].len))
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
		if (meta_later && !u->removed && u->cls == L_TEXT && !imp_ends_with_period(u->s, u->len) &&
		    u->words <= 40)
			u->removed = true;
	}
	/* Lists of links after the article: bullet items without a full stop. */
	for (i = U->n; i-- > 0;) {
		struct unit *u = &U->v[i];
		if (u->removed)
			continue;
		if (u->cls != L_TEXT || !imp_bullet_item(u->s, u->len) || imp_ends_sentence(u->s, u->len) ||
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
		if (nx == U->n || !imp_headline_like(U->v[nx].s, U->v[nx].len))
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
	if (imp_headline_like(u->s, u->len)) {
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
		if (imp_find_time_stamp(z, m) &&
		    imp_headline_like(z, (size_t)m[0].rm_so) && imp_count_words(z, (size_t)m[0].rm_so) >= 3) {
			size_t rest = (size_t)m[0].rm_eo;
			char *r;
			doc->title = make_title(z, (size_t)m[0].rm_so);
			while (rest < u->len && u->s[rest] == ' ')
				rest++;
			r = xstrdup(u->s + rest);
			free(u->s);
			u->s = r;
			u->len = strlen(r);
			u->nch = imp_count_chars(r, u->len);
			u->words = imp_count_words(r, u->len);
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
		if (imp_keyword_like(u->s, u->len))
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
		outlet = imp_outlet_within(*byline, strlen(*byline));
	if (outlet)
		doc->outlet = xstrdup(outlet);
	else if (desk)
		doc->outlet = xstrdup(desk);
	else if (*byline)
		doc->outlet = imp_desk_outlet(*byline);
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

	imp_sanitize(text, len, &clean);
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
	imp_load();
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
	imp_load();
	nfc = clean_nfc(text, len, &nfc_len);
	while (i < nfc_len) {
		const char *line = (const char *)nfc + i, *nl = memchr(line, '\n', nfc_len - i);
		size_t n = nl ? (size_t)(nl - line) : nfc_len - i, cl;
		char *c = imp_collapse_line(line, n, &cl);
		enum line_class k = imp_match_rules(c, cl);
		i += n + 1;
		if (cl && k != L_DROP && k != L_CREDIT) {
			if (body.len)
				buf_addc(&body, '\n');
			buf_add(&body, c, cl);
			doc->words += imp_count_words(c, cl);
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
	out = imp_collapse_line((const char *)nfc, nfc_len, &n);
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
