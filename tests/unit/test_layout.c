/* test_layout.c — display widths, cells and wrapping without curses:
 * grapheme safety, hard breaks, the visible stand-ins for control and
 * spoofing characters, and invariants of layout_wrap at every width. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "gloss/layout.h"
#include "gloss/util.h"
#include "tap.h"

#define FAMILY "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
#define FLAG_US "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8"
#define FLAG_GB "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7"
#define HEART_VS16 "\xE2\x9D\xA4\xEF\xB8\x8F"
#define THUMB_SKIN "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"
#define KEYCAP_1 "1\xEF\xB8\x8F\xE2\x83\xA3"
#define E_ACUTE "e\xCC\x81"
#define CJK3 "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97" /* 中文字 */
#define RLO "\xE2\x80\xAE"
#define ZWSP "\xE2\x80\x8B"
#define SHY "\xC2\xAD"
#define ENGLAND "\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xA5" \
	"\xF3\xA0\x81\xAE\xF3\xA0\x81\xA7\xF3\xA0\x81\xBF"

static int W(const char *s)
{
	return layout_width(s, strlen(s));
}

static struct layout_lines wrap(const char *s, int width)
{
	struct layout_lines l = { 0 };

	layout_wrap(s, strlen(s), width, &l);
	return l;
}

/* "a|b|c" rendering of the lines, for compact expectations. */
static char *joined(const char *s, const struct layout_lines *l)
{
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i)
			buf_addc(&b, '|');
		buf_add(&b, s + l->v[i].start, l->v[i].end - l->v[i].start);
	}
	return buf_steal(&b);
}

static void check_wrap(const char *s, int width, const char *want, const char *what)
{
	struct layout_lines l = wrap(s, width);
	char *got = joined(s, &l);

	CHECK_STR(got, want, "%s (width %d)", what, width);
	free(got);
	free(l.v);
}

/* Out is safe for the terminal: valid UTF-8 without C0, DEL or C1. */
static int out_safe(const char *out, size_t n)
{
	const uint8_t *p = (const uint8_t *)out, *e = p + n;

	if (u8_check(p, n))
		return 0;
	while (p < e) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, p, (size_t)(e - p));

		if (uc < 0x20 || (uc >= 0x7F && uc < 0xA0))
			return 0;
		p += k;
	}
	return 1;
}

/* Walk the cells of s: are they all safe, do they tile the text, and is
 * every line boundary of l also a cell boundary? */
static int cells_ok(const char *s, size_t len, const struct layout_lines *l)
{
	char *bound = xcalloc(len + 1, 1), scratch[16];
	struct layout_cell c;
	size_t pos = 0, i;
	int ok = 1;

	bound[0] = 1;
	while (pos < len) {
		layout_cell_next(s, len, pos, &c, scratch);
		if (c.start != pos || c.end <= pos || c.end > len || !out_safe(c.out, c.outlen) ||
		    c.width < 0 || (!c.substituted && memcmp(c.out, s + pos, c.outlen) != 0))
			ok = 0;
		pos = c.end > pos ? c.end : pos + 1;
		bound[pos] = 1;
	}
	for (i = 0; l && i < l->n; i++)
		if (!bound[l->v[i].start] || !bound[l->v[i].end])
			ok = 0;
	free(bound);
	return ok;
}

static int is_single_cell(const char *s, size_t len, const struct layout_line *ln)
{
	struct layout_cell c;
	char scratch[16];

	if (ln->end <= ln->start)
		return 0;
	layout_cell_next(s, len, ln->start, &c, scratch);
	return c.end == ln->end;
}

/* The invariants every wrap must keep; returns a reason or NULL. */
static const char *wrap_invariants(const char *s, size_t len, int width,
                                   const struct layout_lines *l)
{
	size_t i, k, prev_end = 0;

	if (l->n == 0)
		return "no lines";
	if (l->v[0].start != 0 && len && s[0] != ' ')
		return "first line does not start the text";
	for (i = 0; i < l->n; i++) {
		const struct layout_line *ln = &l->v[i];

		if (ln->start > ln->end || ln->end > len)
			return "bad range";
		if (ln->width != layout_width(s + ln->start, ln->end - ln->start))
			return "width differs from layout_width";
		if (ln->width > width && !is_single_cell(s, len, ln))
			return "line too wide";
		if (i && ln->start < prev_end)
			return "lines overlap";
		/* Only break spaces may fall between lines. */
		for (k = prev_end; k < ln->start; k++)
			if (s[k] != ' ' && s[k] != '\t')
				return "text lost between lines";
		/* (A space may end a cell after a Prepend character, U+0600...) */
		if (ln->end > ln->start && s[ln->end - 1] == ' ' && i + 1 < l->n &&
		    (ln->end - 1 == ln->start || (unsigned char)s[ln->end - 2] < 0x80))
			return "trailing space kept at a break";
		prev_end = ln->end;
	}
	for (k = prev_end; k < len; k++)
		if (s[k] != ' ' && s[k] != '\t')
			return "text lost at the end";
	if (!cells_ok(s, len, l))
		return "line cut inside a cell";
	return NULL;
}

static void test_widths(void)
{
	CHECK_INT(W(""), 0, "empty string has width 0");
	CHECK_INT(W("hello, world"), 12, "ASCII is one column a byte");
	CHECK_INT(W(CJK3), 6, "CJK is two columns a character");
	CHECK_INT(W("\xEF\xBC\xA1"), 2, "fullwidth A is two columns");
	CHECK_INT(W(E_ACUTE), 1, "combining acute adds nothing");
	CHECK_INT(W("a" E_ACUTE "\xCC\xA3" "b"), 3, "stacked combining marks add nothing");
	CHECK_INT(W(FLAG_US), 2, "a flag is two columns");
	CHECK_INT(W(FLAG_US FLAG_GB), 4, "two flags are four columns");
	CHECK_INT(W(HEART_VS16), 2, "VS16 emoji presentation is two columns");
	CHECK_INT(W(KEYCAP_1), 2, "keycap sequence is two columns");
	CHECK_INT(W("\xF0\x9F\x98\x80"), 2, "emoji is two columns");
	/* Sum of the parts, as curses and wcwidth terminals advance. */
	CHECK_INT(W(FAMILY), 6, "ZWJ family counts as its three emoji");
	CHECK_INT(W(THUMB_SKIN), 4, "skin tone modifier counts as drawn by wcwidth");
	CHECK_INT(W("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8"), 2, "Hangul jamo syllable is two columns");
	CHECK_INT(W("a\tb"), 3, "TAB is one column");
	CHECK_INT(W("\x1B[31m"), 5, "ESC becomes one visible column");
	CHECK_INT(W("\xFF\xFE"), 2, "each invalid byte is one U+FFFD");
	CHECK_INT(W(RLO), 8, "RLO shows as <U+202E>");
	CHECK_INT(W("a" ZWSP "b"), 2, "ZERO WIDTH SPACE draws as nothing");
	CHECK_INT(W("co" SHY "op"), 4, "SOFT HYPHEN draws as nothing");
	CHECK_INT(W("\xC2\x85"), 8, "C1 NEL shows as <U+0085>");
	CHECK_INT(W(ENGLAND), 2, "subdivision flag is two columns");
}

static void test_cells(void)
{
	struct layout_cell c;
	char scratch[16];
	const char *s;

	s = "\x1B[2J";
	layout_cell_next(s, strlen(s), 0, &c, scratch);
	CHECK(c.end == 1 && c.substituted && c.width == 1, "ESC is one substituted cell");
	CHECK(c.outlen == 3 && memcmp(c.out, "\xE2\x90\x9B", 3) == 0, "ESC is drawn as U+241B");

	s = "\x7F";
	layout_cell_next(s, 1, 0, &c, scratch);
	CHECK(c.outlen == 3 && memcmp(c.out, "\xE2\x90\xA1", 3) == 0, "DEL is drawn as U+2421");

	s = "\x01";
	layout_cell_next(s, 1, 0, &c, scratch);
	CHECK(c.outlen == 3 && memcmp(c.out, "\xE2\x90\x81", 3) == 0, "SOH is drawn as U+2401");

	s = "\t";
	layout_cell_next(s, 1, 0, &c, scratch);
	CHECK(c.outlen == 1 && c.out[0] == ' ' && c.width == 1, "TAB is drawn as a space");

	s = "\xC3\x28";
	layout_cell_next(s, 2, 0, &c, scratch);
	CHECK(c.end == 1 && c.width == 1 && c.outlen == 3 && memcmp(c.out, "\xEF\xBF\xBD", 3) == 0,
	      "a truncated sequence is U+FFFD for one byte");
	s = "\xED\xA0\x80";
	layout_cell_next(s, 3, 0, &c, scratch);
	CHECK(c.end == 1, "an encoded surrogate is invalid, one byte at a time");
	s = "\xC0\xAF";
	layout_cell_next(s, 2, 0, &c, scratch);
	CHECK(c.end == 1, "an overlong '/' is invalid");

	s = "x" RLO "y";
	layout_cell_next(s, strlen(s), 1, &c, scratch);
	CHECK(c.end == 4 && c.substituted, "RLO is its own cell");
	CHECK(c.outlen == 8 && memcmp(c.out, "<U+202E>", 8) == 0 && c.width == 8, "RLO is shown as <U+202E>");
	s = "\xE2\x81\xA6";
	layout_cell_next(s, 3, 0, &c, scratch);
	CHECK(c.outlen == 8 && memcmp(c.out, "<U+2066>", 8) == 0, "LRI is shown as <U+2066>");
	s = "\xE2\x80\x8F";
	layout_cell_next(s, 3, 0, &c, scratch);
	CHECK(c.outlen == 8 && memcmp(c.out, "<U+200F>", 8) == 0, "RLM is shown as <U+200F>");
	s = "\xD8\x9C";
	layout_cell_next(s, 2, 0, &c, scratch);
	CHECK(c.outlen == 8 && memcmp(c.out, "<U+061C>", 8) == 0, "ALM is shown as <U+061C>");

	s = "a\xF3\xA0\x81\x81" "b"; /* tag LATIN CAPITAL A hides after 'a' */
	layout_cell_next(s, strlen(s), 0, &c, scratch);
	CHECK(c.end == 1, "a tag character does not hide inside a letter's cluster");
	layout_cell_next(s, strlen(s), 1, &c, scratch);
	CHECK(c.outlen == 9 && memcmp(c.out, "<U+E0041>", 9) == 0, "a stray tag is shown as <U+E0041>");

	s = ENGLAND "x";
	layout_cell_next(s, strlen(s), 0, &c, scratch);
	CHECK(c.end == strlen(ENGLAND) && !c.substituted, "tags stay inside a subdivision flag");

	s = E_ACUTE "x";
	layout_cell_next(s, strlen(s), 0, &c, scratch);
	CHECK(c.end == 3 && c.width == 1 && !c.substituted, "e + acute is one cell of width 1");

	s = FLAG_US FLAG_GB;
	layout_cell_next(s, strlen(s), 0, &c, scratch);
	CHECK(c.end == 8 && c.width == 2, "regional indicators pair up");
	layout_cell_next(s, strlen(s), 8, &c, scratch);
	CHECK(c.end == 16 && c.width == 2, "the second flag is its own cell");

	/* Emoji ZWJ sequences are drawn as their emoji side by side, the ZWJ
	 * as nothing, so that curses and every terminal agree on widths. */
	s = FAMILY "x";
	layout_cell_next(s, strlen(s), 0, &c, scratch);
	CHECK(c.end == 4 && c.width == 2 && !c.substituted, "an emoji ZWJ sequence is cut before the ZWJ");
	layout_cell_next(s, strlen(s), 4, &c, scratch);
	CHECK(c.end == 7 && c.width == 0 && c.outlen == 0 && c.substituted, "the ZWJ is drawn as nothing");
	layout_cell_next(s, strlen(s), 7, &c, scratch);
	CHECK(c.end == 11 && c.width == 2, "the next emoji is its own cell");

	s = THUMB_SKIN;
	layout_cell_next(s, strlen(s), 0, &c, scratch);
	CHECK(c.end == strlen(THUMB_SKIN), "a skin tone stays with its emoji");

	s = HEART_VS16 "x";
	layout_cell_next(s, strlen(s), 0, &c, scratch);
	CHECK(c.end == 6, "a variation selector stays with its base");

	s = "a" ZWSP;
	layout_cell_next(s, strlen(s), 1, &c, scratch);
	CHECK(c.outlen == 0 && c.width == 0 && c.end == 4, "ZWSP is an empty cell");
	s = SHY;
	layout_cell_next(s, strlen(s), 0, &c, scratch);
	CHECK(c.outlen == 0 && c.width == 0 && c.end == 2, "SHY is an empty cell");

	s = "\xC2\x9B" "31m";
	layout_cell_next(s, strlen(s), 0, &c, scratch);
	CHECK(c.outlen == 8 && memcmp(c.out, "<U+009B>", 8) == 0, "C1 CSI is shown as <U+009B>");
}

static void test_breaks(void)
{
	struct layout_lines l;

	check_wrap("hello world", 5, "hello|world", "break at a space");
	check_wrap("hello world", 11, "hello world", "fits on one line");
	check_wrap("hello world", 10, "hello|world", "one column short");
	check_wrap("aaa   bbb", 4, "aaa|bbb", "break spaces are dropped");
	check_wrap("one two three four", 9, "one two|three|four", "greedy fill");
	check_wrap("well-known facts", 6, "well-|known|facts", "break after a hyphen");
	check_wrap("a-1", 2, "a-|1", "hard break when no opportunity fits");
	check_wrap(CJK3 CJK3, 5, "\xE4\xB8\xAD\xE6\x96\x87|\xE5\xAD\x97\xE4\xB8\xAD|\xE6\x96\x87\xE5\xAD\x97",
	           "CJK breaks between ideographs");
	check_wrap("abcdefghij", 4, "abcd|efgh|ij", "a long word is cut hard");
	check_wrap("see https://example.com/a/very/long/path?q=1 now", 12,
	           "see https://|example.com/|a/very/long/|path?q=1 now", "URL breaks at its slashes");
	check_wrap("xxhttpsexamplecomaverylongpathwithnoslashes", 10,
	           "xxhttpsexa|mplecomave|rylongpath|withnoslas|hes", "unbreakable run is cut at width");
	check_wrap(E_ACUTE E_ACUTE E_ACUTE, 2, E_ACUTE E_ACUTE "|" E_ACUTE, "never cut between e and its accent");
	check_wrap("a \xCC\x81" "b", 1, "a| \xCC\x81|b", "a mark after a space stays with the space");
	check_wrap(FAMILY FAMILY, 7, FAMILY "|" FAMILY, "ZWJ sequences break only at their ends when they fit");
	check_wrap(FLAG_US FLAG_GB FLAG_US, 3, FLAG_US "|" FLAG_GB "|" FLAG_US, "flags are not split");
	check_wrap("co" SHY "op" SHY "er" SHY "ation", 6, "co" SHY "op" SHY "er" SHY "|ation",
	           "break after a soft hyphen");
	check_wrap("co" SHY "op" SHY "er" SHY "ation", 5, "co" SHY "op" SHY "|er" SHY "|ation",
	           "soft hyphens are the only breaks in a word");
	check_wrap("  indented text", 10, "  indented|text", "leading spaces are kept");
	check_wrap("word      ", 4, "word", "trailing spaces of a paragraph are dropped");
	check_wrap("a" ZWSP "b" ZWSP "c", 2, "a" ZWSP "b" ZWSP "|c", "ZWSP is a break opportunity");

	l = wrap(CJK3, 1);
	CHECK(l.n == 3 && l.v[0].width == 2 && l.v[0].end == 3, "a wide character alone on a line at width 1");
	free(l.v);

	l = wrap("", 10);
	CHECK(l.n == 1 && l.v[0].start == 0 && l.v[0].end == 0 && l.v[0].width == 0,
	      "an empty paragraph is one empty line");
	free(l.v);

	l = wrap("   ", 10);
	CHECK(l.n == 1 && l.v[0].end == 0 && l.v[0].width == 0, "a blank paragraph is one empty line");
	free(l.v);

	l = wrap("hello world", 0);
	CHECK(l.n == 10 && l.v[0].width == 1, "width 0 is treated as 1");
	free(l.v);

	l = wrap("x" RLO "y", 4);
	CHECK(l.n == 3 && l.v[1].width == 8, "a symbol wider than the line stands alone");
	free(l.v);

	l = wrap("aa bb", 5);
	CHECK(l.n == 1 && l.v[0].width == 5 && l.v[0].end == 5, "width and end of a fitting line");
	free(l.v);

	/* Appends, leaving what was there. */
	l = wrap("aa bb", 2);
	layout_wrap("cc", 2, 2, &l);
	CHECK(l.n == 3 && l.v[2].start == 0 && l.v[2].end == 2, "layout_wrap appends to out");
	free(l.v);
}

static const char mixed[] =
	"The armoured train left Pyongyang at dawn; "
	"\xE4\xB8\xAD\xE6\x96\x87\xE6\x96\xB0\xE9\x97\xBB\xE6\x8A\xA5\xE9\x81\x93\xE8\xAF\xB4\xEF\xBC\x8C"
	"\xE5\x88\x97\xE8\xBD\xA6\xE8\xA1\x8C\xE9\xA9\xB6\xE4\xBA\x86\xE4\xB8\x80\xE5\x8D\x83\xE5\x85\xAC\xE9\x87\x8C\xE3\x80\x82 "
	"Caf" E_ACUTE " cr" E_ACUTE "me br\xC3\xBBl\xC3\xA9" "e, na\xC3\xAFve " FAMILY " family, " FLAG_US FLAG_GB " flags, "
	HEART_VS16 " " THUMB_SKIN " " KEYCAP_1 " keycap. "
	"https://www.example.com/news/2019/04/24/kim-jong-un-armoured-train-vladivostok-summit.html?ref=rss "
	"well-known, state-of-the-art co" SHY "op" SHY "er" SHY "ation; "
	"\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 \xED\x85\x8D\xEC\x8A\xA4\xED\x8A\xB8 "
	"\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D " RLO "evil" "\xE2\x80\xAC "
	"tab\there esc\x1B[31mred\x1B[0m bad\xFF\xC3(bytes del\x7F nel\xC2\x85 "
	"\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87 "
	"(1,200 km) \xE2\x80\x9Cquoted\xE2\x80\x9D end.";

static void test_all_widths(void)
{
	size_t len = strlen(mixed);
	int w, bad = 0;
	const char *why = NULL;

	for (w = 1; w <= 100; w++) {
		struct layout_lines l = { 0 };

		layout_wrap(mixed, len, w, &l);
		why = wrap_invariants(mixed, len, w, &l);
		if (why) {
			printf("# width %d: %s\n", w, why);
			bad++;
		}
		free(l.v);
	}
	CHECK_INT(bad, 0, "widths 1..100 over mixed text: fits, grapheme-safe, nothing lost");
	CHECK(cells_ok(mixed, len, NULL), "every cell of the mixed text is safe to draw");
}

static void test_hostile(void)
{
	char all[256 * 2 + 64], scratch[16];
	size_t n = 0, pos;
	int i, bad = 0, esc = 0, iter;
	struct layout_cell c;
	const char *seqs = "\x1B]0;owned\x07\x1B[2J\x1B[?1049h\x9B" "31m\xC2\x9B" "0m\r\n\x08\x0C";

	for (i = 0; i < 256; i++) {
		all[n++] = (char)i;
		all[n++] = 'a';
	}
	memcpy(all + n, seqs, strlen(seqs));
	n += strlen(seqs);
	for (pos = 0; pos < n; pos = c.end) {
		size_t k;

		layout_cell_next(all, n, pos, &c, scratch);
		if (!out_safe(c.out, c.outlen))
			bad++;
		for (k = 0; k < c.outlen; k++)
			if (c.out[k] == 0x1B)
				esc++;
	}
	CHECK_INT(bad, 0, "every byte value and escape sequence is drawn safely");
	CHECK_INT(esc, 0, "ESC never reaches the output");
	CHECK(cells_ok(all, n, NULL), "cells tile a hostile text");

	/* Random bytes, biased towards UTF-8 lead bytes, marks and spaces. */
	srand(4);
	bad = 0;
	for (iter = 0; iter < 2000; iter++) {
		char buf[200];
		size_t len = (size_t)(rand() % 200), k;
		struct layout_lines l = { 0 };
		int w = 1 + rand() % 30;
		const char *why;

		for (k = 0; k < len; k++) {
			int r = rand() % 10;

			buf[k] = r < 3 ? ' ' : r < 5 ? (char)(0x80 + rand() % 0x40) :
			         r < 7 ? (char)(0xC2 + rand() % 0x33) : (char)(rand() % 256);
		}
		layout_wrap(buf, len, w, &l);
		why = wrap_invariants(buf, len, w, &l);
		if (why) {
			if (!bad)
				printf("# iteration %d width %d: %s\n", iter, w, why);
			bad++;
		}
		free(l.v);
	}
	CHECK_INT(bad, 0, "random bytes: wrap invariants hold at random widths");
}

static void test_layout_width(void)
{
	size_t len = strlen(mixed), pos = 0;
	long sum = 0;
	struct layout_cell c;
	char scratch[16];

	while (pos < len) {
		layout_cell_next(mixed, len, pos, &c, scratch);
		sum += c.width;
		pos = c.end;
	}
	CHECK_INT(layout_width(mixed, len), sum, "layout_width is the sum of the cells' widths");
	CHECK_INT(layout_width("abc", 2), 2, "layout_width honours len");
	CHECK_INT(layout_width(E_ACUTE, 1), 1, "a base cut from its mark is still one column");
}

int main(void)
{
	test_widths();
	test_cells();
	test_breaks();
	test_all_widths();
	test_hostile();
	test_layout_width();
	return tap_done();
}
