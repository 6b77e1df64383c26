/* test_import.c — import_decode and import_clean: decoding errors with
 * their exact messages, control and escape sequences, paragraphs,
 * boilerplate, metadata, and the bundled articles checked against the
 * rules of data/boilerplate.txt read independently of src/import.c. */
#include "config.h"

#include <dirent.h>
#include <regex.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <uninorm.h>
#include <unistr.h>

#include "gloss/embedded.h"
#include "gloss/import.h"
#include "gloss/lexicon.h"
#include "gloss/util.h"
#include "tap.h"

#include "../../src/import_internal.h"

/* ---- helpers ------------------------------------------------------------ */

static int decode(const char *raw, size_t len, const char *enc, char **out, char *err)
{
	size_t n;
	return import_decode(raw, len, enc, out, &n, err, 256);
}

/* Every promise import.h makes about a body. */
static bool body_ok(const struct import_doc *d, const char **why)
{
	const char *s = d->body;
	size_t n = d->body_len, i, nfc_len = 0;
	uint8_t *nfc;
	bool same;

	*why = "ok";
	if (!s || strlen(s) != n) {
		*why = "length";
		return false;
	}
	if (u8_check((const uint8_t *)s, n)) {
		*why = "invalid UTF-8";
		return false;
	}
	if (n == 0 || s[0] == '\n' || s[n - 1] == '\n' || strstr(s, "\n\n")) {
		*why = "blank paragraph";
		return false;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\n') || c == 0x7F ||
		    (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		     (unsigned char)s[i + 1] <= 0x9F)) {
			*why = "control character";
			return false;
		}
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
			*why = "line separator";
			return false;
		}
	}
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s, n, NULL, &nfc_len);
	same = nfc && nfc_len == n && memcmp(nfc, s, n) == 0;
	free(nfc);
	if (!same) {
		*why = "not NFC";
		return false;
	}
	if (!d->title || u8_check((const uint8_t *)d->title, strlen(d->title))) {
		*why = "title";
		return false;
	}
	return true;
}

/* Clean text and return the body ("" on error); keeps the doc in *d. */
static const char *clean(const char *text, struct import_doc *d)
{
	char err[256];
	static char none[] = "";

	if (import_clean(text, strlen(text), d, err, sizeof err) < 0) {
		printf("# import_clean: %s\n", err);
		memset(d, 0, sizeof *d);
		return none;
	}
	return d->body;
}

static const char *orempty(const char *s)
{
	return s ? s : "(null)";
}

/* ---- an independent reading of data/boilerplate.txt --------------------- */

struct orule {
	char kind; /* 'e', 'p', 'r' */
	char *pat;
	size_t max; /* KIND/MAX, else 300 */
	regex_t re;
};

static struct {
	struct orule *v;
	size_t n, cap;
} orules;

static bool deco(unsigned char c)
{
	return c == ' ' || c == '-' || c == '*' || c == '#' || c == '>' || c == '|' || c == '=' ||
	       c == '~';
}

/* Skip ASCII decoration and the multibyte bullets and dashes the file's
 * header lists (•, ·, –, —, », ›, ►, ▶, ▪, ‣). */
static size_t skip_deco(const char *s, size_t n)
{
	static const char *const mb[] = {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x80\x93", "\xE2\x80\x94",
	                                 "\xC2\xBB", "\xE2\x80\xBA", "\xE2\x96\xBA", "\xE2\x96\xB6",
	                                 "\xE2\x96\xAA", "\xE2\x80\xA3"};
	size_t i = 0, k;

	while (i < n) {
		if (deco((unsigned char)s[i])) {
			i++;
			continue;
		}
		for (k = 0; k < ARRAY_SIZE(mb); k++)
			if (n - i >= strlen(mb[k]) && memcmp(s + i, mb[k], strlen(mb[k])) == 0)
				break;
		if (k == ARRAY_SIZE(mb))
			break;
		i += strlen(mb[k]);
	}
	return i;
}

static void oracle_load(void)
{
	const struct embedded_file *f = embedded_get("data/boilerplate.txt");
	char *copy, *line, *save = NULL;

	if (!f)
		return;
	copy = xstrndup((const char *)f->data, f->len);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':'), *p;
		struct orule r;
		char *slash;
		if (*line == '#' || !colon)
			continue;
		*colon = '\0';
		p = colon + 1;
		while (*p == ' ')
			p++;
		slash = strchr(line, '/');
		r.max = slash ? strtoul(slash + 1, NULL, 10) : 300;
		if (strstr(line, "regex")) {
			r.kind = 'r';
			if (regcomp(&r.re, p, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) {
				CHECK(0, "boilerplate regex compiles: %s", p);
				continue;
			}
		} else {
			r.kind = strstr(line, "exact") ? 'e' : 'p';
		}
		r.pat = xstrdup(p);
		VEC_PUSH(&orules, r);
	}
	free(copy);
}

/* Does one line match a rule of data/boilerplate.txt? */
static const char *oracle_match(const char *s, size_t n)
{
	size_t i, k, core;

	if (n == 0 || n > 300)
		return NULL;
	k = skip_deco(s, n);
	core = n;
	while (core > k && (deco((unsigned char)s[core - 1]) || strchr(":.,", s[core - 1])))
		core--;
	for (i = 0; i < orules.n; i++) {
		const struct orule *r = &orules.v[i];
		size_t pl = strlen(r->pat);
		if (n > r->max)
			continue;
		if (r->kind == 'e' && core - k == pl && strncasecmp(s + k, r->pat, pl) == 0)
			return r->pat;
		if (r->kind == 'p' && n - k >= pl && strncasecmp(s + k, r->pat, pl) == 0) {
			char next = n - k > pl ? s[k + pl] : ' ';
			char last = r->pat[pl - 1];
			bool alnum_last = (last >= 'a' && last <= 'z') || (last >= '0' && last <= '9');
			if (!alnum_last || !((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
			                     (next >= '0' && next <= '9')))
				return r->pat;
		}
		if (r->kind == 'r') {
			char *z = xstrndup(s, n);
			int m = regexec(&r->re, z, 0, NULL, 0);
			free(z);
			if (m == 0)
				return r->pat;
		}
	}
	return NULL;
}

static void oracle_free(void)
{
	size_t i;

	for (i = 0; i < orules.n; i++) {
		if (orules.v[i].kind == 'r')
			regfree(&orules.v[i].re);
		free(orules.v[i].pat);
	}
	free(orules.v);
}

/* ---- decoding ------------------------------------------------------------ */

static void test_decode(void)
{
	char err[256], *out = NULL;
	size_t n;
	int r;

	r = decode("ab\0cd", 5, NULL, &out, err);
	CHECK_INT(r, -1, "NUL byte is an error");
	CHECK_STR(err, "not text (NUL byte at offset 2)", "NUL message names the offset");

	r = decode("abc\xff", 4, NULL, &out, err);
	CHECK_INT(r, -1, "invalid UTF-8 is an error");
	CHECK_STR(err, "not UTF-8 text (invalid byte 0xff at offset 3)", "invalid byte message");

	r = decode("caf\xc3", 4, NULL, &out, err);
	CHECK_STR(err, "not UTF-8 text (invalid byte 0xc3 at offset 3)", "truncated sequence at the end");

	r = decode("\xed\xa0\x80", 3, "UTF-8", &out, err);
	CHECK_STR(err, "not UTF-8 text (invalid byte 0xed at offset 0)", "encoded surrogate refused");

	r = decode("", 0, NULL, &out, err);
	CHECK_INT(r, -1, "empty input is an error");
	CHECK_STR(err, "empty file", "empty message");

	r = decode(" \n\t\r\n  ", 7, NULL, &out, err);
	CHECK_STR(err, "empty file", "whitespace only is empty");

	r = decode("\xef\xbb\xbf\n", 4, NULL, &out, err);
	CHECK_STR(err, "empty file", "BOM and newline only is empty");

	r = import_decode("\xef\xbb\xbfhello", 8, NULL, &out, &n, err, sizeof err);
	CHECK_INT(r, 0, "BOM text decodes");
	CHECK_STR(out, "hello", "BOM dropped");
	CHECK_INT(n, 5, "length without BOM");
	free(out);

	r = import_decode("caf\xe9", 4, "windows-1252", &out, &n, err, sizeof err);
	CHECK_INT(r, 0, "windows-1252 decodes");
	CHECK_STR(out, "caf\xc3\xa9", "windows-1252 e acute becomes UTF-8");
	free(out);

	r = import_decode("\x93quoted\x94 \x80", 10, "windows-1252", &out, &n, err, sizeof err);
	CHECK_STR(out, "\xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x82\xac", "windows-1252 quotes and euro");
	free(out);

	r = decode("ok\x81", 3, "windows-1252", &out, err);
	CHECK_INT(r, -1, "byte undefined in windows-1252");
	CHECK_STR(err, "not windows-1252 text (invalid byte 0x81 at offset 2)", "legacy invalid byte message");

	r = decode("text", 4, "no-such-encoding", &out, err);
	CHECK_INT(r, -1, "unknown encoding");
	CHECK_STR(err, "unknown encoding 'no-such-encoding'", "unknown encoding message");

	r = decode("a\0b", 3, "ISO-8859-1", &out, err);
	CHECK_STR(err, "not text (NUL byte at offset 1)", "NUL in a legacy encoding");

	r = import_decode("h\0i\0", 4, "UTF-16LE", &out, &n, err, sizeof err);
	CHECK(r == 0 && out && strcmp(out, "hi") == 0, "UTF-16 NUL bytes are text");
	if (r == 0)
		free(out);

	r = import_decode("plain", 5, "utf8", &out, &n, err, sizeof err);
	CHECK(r == 0 && strcmp(out, "plain") == 0, "'utf8' means no conversion");
	if (r == 0)
		free(out);
}

/* ---- control characters and escapes ---------------------------------------- */

static void check_clean(const char *in, const char *want, const char *what)
{
	struct import_doc d;
	CHECK_STR(clean(in, &d), want, "%s", what);
	import_doc_free(&d);
}

static void test_controls(void)
{
	struct import_doc d;

	check_clean("Plain \x1b[1;31mred\x1b[0m text here.", "Plain red text here.", "CSI colour removed");
	check_clean("Before\x1b]0;evil title\x07 after it.", "Before after it.", "OSC 0 title removed");
	check_clean("Copy\x1b]52;c;ZXZpbA==\x1b\\ done here.", "Copy done here.", "OSC 52 clipboard removed");
	check_clean("See \x1b]8;;http://example.com/\x1b\\the link\x1b]8;;\x1b\\ now.",
	            "See the link now.", "OSC 8 hyperlink removed, its text kept");
	check_clean("A\x1bPq#0;2;0;0;0#1!6~\x1b\\B is sixel.", "AB is sixel.", "DCS removed");
	check_clean("A\x1b_apc\x1b\\B\x1b^pm\x1b\\C\x1bXsos\x1b\\D end.", "ABCD end.", "APC, PM, SOS removed");
	check_clean("A\x1b(BB\x1b" "7C\x1b" "cD end.", "ABCD end.", "two-byte ESC sequences removed");
	check_clean("X\xc2\x9b" "31mY and z.", "XY and z.", "8-bit CSI removed");
	check_clean("X\xc2\x9d" "0;title\xc2\x9cY and z.", "XY and z.", "8-bit OSC ended by 8-bit ST");
	check_clean("X\xc2\x90qdata\xc2\x9cY and z.", "XY and z.", "8-bit DCS removed");
	check_clean("a\x01" "b\x7f" "c\x07" "d\xc2\x80" "e\xc2\x8a" "f end.", "abcdef end.", "C0, DEL and C1 removed");
	check_clean("X\xc2\x9f" "apc string\xc2\x9cY and z.", "XY and z.", "8-bit APC removed");
	check_clean("tab\there and\t\tthere.", "tab here and there.", "TAB becomes a space");
	check_clean("b\bbo\bol\bld and _\bu_\bn text.", "bold and un text.", "overstrike removed");
	check_clean("evil\b\b\b\bgood text.", "good text.", "backspace overwrite shows what a terminal shows");
	check_clean("\x1b[", "", "lone CSI leaves nothing");
	check_clean("Unterminated \x1b]0;title\nNext line stays.", "Unterminated\nNext line stays.",
	            "unterminated OSC ends at the line");
	check_clean("Bidi \xe2\x80\xaeoverride\xe2\x80\xac here.", "Bidi override here.", "bidi override removed");
	check_clean("Caf\x65\xcc\x81 is open today.", "Caf\xc3\xa9 is open today.", "NFC");
	check_clean("Too   many \t spaces\xc2\xa0\xc2\xa0here.", "Too many spaces here.", "whitespace runs collapsed");
	check_clean("It is 10\xc2\xa0km away.", "It is 10\xc2\xa0km away.", "a lone no-break space kept");
	check_clean("   Leading and trailing.   ", "Leading and trailing.", "trimmed");
	check_clean("Bad \xff byte here.", "Bad \xef\xbf\xbd byte here.", "invalid UTF-8 in clean becomes U+FFFD");

	check_clean("A headline for line endings\r\n\r\nThe first paragraph ends here.\r\n\r\n"
	            "The second one ends too.\r\n",
	            "The first paragraph ends here.\nThe second one ends too.", "CRLF");
	check_clean("A headline for line endings\r\rThe first paragraph ends here.\r\r"
	            "The second one ends too.\r",
	            "The first paragraph ends here.\nThe second one ends too.", "CR");
	check_clean("One line is here.\xe2\x80\xa8Two lines are here.", "One line is here.\nTwo lines are here.",
	            "U+2028 is a line break");
	check_clean("A headline for separators\xe2\x80\xa9The first paragraph is here.\xe2\x80\xa9"
	            "The second is here.",
	            "The first paragraph is here.\nThe second is here.", "U+2029 is a paragraph break");

	clean("\x1b[2J\x1b[H\x07", &d);
	CHECK(d.body == NULL, "only escapes: nothing left");
	{
		char err[256];
		int r = import_clean("\x1b[2J", 4, &d, err, sizeof err);
		CHECK(r == -1 && strcmp(err, "no text left after cleaning") == 0, "no text left message");
	}
}

/* ---- paragraphs ------------------------------------------------------- */

static void test_paragraphs(void)
{
	struct import_doc d;
	const char *why = "ok";

	CHECK_STR(clean("Headline words for a test\n\nFirst paragraph is a sentence.\n\n\n"
	                "Second paragraph is another.\n\n",
	                &d),
	          "First paragraph is a sentence.\nSecond paragraph is another.", "blank-line paragraphs");
	CHECK_STR(d.title, "Headline words for a test", "title from the first line");
	import_doc_free(&d);

	CHECK_STR(clean("Headline words for a test\nFirst paragraph is a sentence with enough words.\n"
	                "Second paragraph is another sentence.\n",
	                &d),
	          "First paragraph is a sentence with enough words.\nSecond paragraph is another sentence.",
	          "one paragraph a line");
	CHECK_STR(d.title, "Headline words for a test", "title in one-per-line text");
	import_doc_free(&d);

	CHECK_STR(clean("Tide tables change for the winter\n\n"
	                "The harbour office published new tide tables on Friday, and\n"
	                "fishermen say the changes will shorten their working day by\n"
	                "at least an hour during the coldest months of the year.\n\n"
	                "The office said the tables follow a survey of the channel,\n"
	                "which has silted up since the last dredging four years ago.\n",
	                &d),
	          "The harbour office published new tide tables on Friday, and fishermen say the changes "
	          "will shorten their working day by at least an hour during the coldest months of the year.\n"
	          "The office said the tables follow a survey of the channel, which has silted up since the "
	          "last dredging four years ago.",
	          "hard-wrapped lines joined inside blank-line blocks");
	CHECK_STR(d.title, "Tide tables change for the winter", "title of hard-wrapped text");
	import_doc_free(&d);

	CHECK_STR(clean("The harbour office published new tide tables on Friday, and\n"
	                "fishermen say the changes will shorten their working day by\n"
	                "an hour.\n"
	                "The office said the tables follow a survey of the channel,\n"
	                "which has silted up since the last dredging four years ago\n"
	                "and which the port authority has promised to dredge again.\n",
	                &d),
	          "The harbour office published new tide tables on Friday, and fishermen say the changes "
	          "will shorten their working day by an hour.\n"
	          "The office said the tables follow a survey of the channel, which has silted up since the "
	          "last dredging four years ago and which the port authority has promised to dredge again.",
	          "hard-wrapped without blank lines: a short line ends a paragraph");
	CHECK_STR(d.title, "The harbour office published new tide tables on Friday, and fishermen say the changes will shorten their working day by\xe2\x80\xa6",
	          "title is the first sentence when there is no headline");
	import_doc_free(&d);

	CHECK_STR(clean("Short list\n\nApples are red.\nPears are green.\nPlums are purple.\n\n"
	                "Everything in the list is a fruit, said the grocer on Monday.",
	                &d),
	          "Apples are red.\nPears are green.\nPlums are purple.\n"
	          "Everything in the list is a fruit, said the grocer on Monday.",
	          "short lines in a block stay separate");
	import_doc_free(&d);

	{
		/* 1 MB on one line, no blank lines. */
		struct buf b = {0};
		int r;
		char err[256];
		while (b.len < 1024 * 1024)
			buf_adds(&b, "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ");
		r = import_clean(b.s, b.len, &d, err, sizeof err);
		CHECK_INT(r, 0, "1 MB single line imports");
		CHECK(r == 0 && body_ok(&d, &why), "1 MB body is valid (%s)", why);
		CHECK(r == 0 && !strchr(d.body, '\n') && d.body_len >= 1024 * 1024 - 100, "1 MB body is one paragraph");
		CHECK(r == 0 && d.words == (b.len / 57) * 8, "1 MB word count");
		CHECK(r == 0 && strlen(d.title) < 200, "1 MB title is capped");
		CHECK_STR(d.title, "Lorem ipsum dolor sit amet, consectetur adipiscing elit", "1 MB title is the first sentence");
		if (r == 0)
			import_doc_free(&d);
		buf_free(&b);
	}
	{
		struct buf b = {0};
		int i;
		for (i = 0; i < 40; i++)
			buf_adds(&b, "word ");
		buf_adds(&b, "end.");
		clean(b.s, &d);
		CHECK(d.title && strlen(d.title) <= 120 * 4 && strstr(d.title, "\xe2\x80\xa6"), "long first sentence is cut with an ellipsis");
		CHECK_INT(d.words, 41, "word count");
		import_doc_free(&d);
		buf_free(&b);
	}
}

/* ---- boilerplate and metadata ------------------------------------------------ */

static void test_boilerplate(void)
{
	struct import_doc d;
	const char *why = "ok";

	CHECK_STR(clean("Advertisement\n\n"
	                "Storm closes harbour as ferries stay in port\n\n"
	                "By Maria Lopez\n\n"
	                "PORTSMOUTH, England \xe2\x80\x94 Ferries stayed in port on Monday as a storm brought "
	                "gusts of more than 100 km/h to the coast.\n\n"
	                "- Advertisement -\n\n"
	                "Share this article\n\n"
	                "Harbour officials said the closure would last at least a day.\n\n"
	                "A lighthouse seen from the pier at dawn\n"
	                "Photo: Jane Roe\n\n"
	                "Sign up for our daily newsletter\n\n"
	                "Read more: Storm warnings issued for the coast\n\n"
	                "Follow us on Facebook and Instagram\n\n"
	                "Leave a Reply\n"
	                "Your email address will not be published. Required fields are marked *\n\n"
	                "Great article!\n",
	                &d),
	          "PORTSMOUTH, England \xe2\x80\x94 Ferries stayed in port on Monday as a storm brought "
	          "gusts of more than 100 km/h to the coast.\n"
	          "Harbour officials said the closure would last at least a day.",
	          "ads, share, caption and credit, newsletter, read more, comments dropped");
	CHECK_STR(d.title, "Storm closes harbour as ferries stay in port", "title skips an ad line");
	CHECK_STR(d.byline, "Maria Lopez", "byline from 'By NAME'");
	CHECK_STR(d.dateline, "PORTSMOUTH, England", "dateline with a country");
	CHECK(d.outlet == NULL, "no outlet stated");
	CHECK(body_ok(&d, &why), "body valid (%s)", why);
	import_doc_free(&d);

	CHECK_STR(clean("Quake shakes the capital overnight\n\n"
	                "TOKYO (AP) \xe2\x80\x94 A strong earthquake shook the capital on Tuesday, officials said.\n\n"
	                "Trains were halted for an hour while engineers checked the tracks.\n\n"
	                "Copyright \xc2\xa9 2023 The Associated Press. All rights reserved.\n",
	                &d),
	          "TOKYO (AP) \xe2\x80\x94 A strong earthquake shook the capital on Tuesday, officials said.\n"
	          "Trains were halted for an hour while engineers checked the tracks.",
	          "copyright line dropped, dateline kept in body");
	CHECK_STR(d.outlet, "AP", "outlet from (AP) credit");
	CHECK_STR(d.dateline, "TOKYO", "upper-case dateline");
	import_doc_free(&d);

	clean("Markets steady before rate decision\n\n"
	      "WASHINGTON, Sept 12 (Reuters) - Stocks held steady on Tuesday as investors waited for the "
	      "central bank.\n",
	      &d);
	CHECK_STR(d.outlet, "Reuters", "outlet from (Reuters) credit");
	CHECK_STR(d.dateline, "WASHINGTON", "dateline before a date");
	CHECK_STR(d.published, "Sept 12", "date from the dateline");
	import_doc_free(&d);

	clean("Rail strike ends after talks\n\nLisbon: Trains ran again on Friday after unions and the "
	      "operator agreed on pay.\n",
	      &d);
	CHECK_STR(d.dateline, "Lisbon", "dateline with a colon");
	import_doc_free(&d);

	clean("Opinion: cities need more trees\n\nAnalysis: The evidence on urban heat is clear, and it "
	      "points one way.\n",
	      &d);
	CHECK(d.dateline == NULL, "a label with a colon is not a dateline (%s)", orempty(d.dateline));
	import_doc_free(&d);

	CHECK_STR(clean("Council approves new bridge over the river\n\n"
	                "Updated: 12 September 2023\n\n"
	                "The city council approved a new bridge on Monday after years of debate.\n\n"
	                "Work will begin in the spring.\n\n"
	                "About the author\n\n"
	                "John Smith is a reporter covering transport for the paper.\n\n"
	                "Subscribe\n",
	                &d),
	          "The city council approved a new bridge on Monday after years of debate.\n"
	          "Work will begin in the spring.",
	          "about-the-author block leaves the body");
	CHECK_STR(d.byline, "John Smith", "byline from about-the-author");
	CHECK_STR(d.published, "12 September 2023", "published from an Updated: line");
	import_doc_free(&d);

	clean("Council approves new bridge over the river\n\nPublished 13 Sep 2023 | By Ann Lee\n\n"
	      "The city council approved a new bridge on Monday after years of debate.\n",
	      &d);
	CHECK_STR(d.published, "13 Sep 2023", "published from a composite line");
	CHECK_STR(d.byline, "Ann Lee", "byline from a composite line");
	CHECK_STR(d.body, "The city council approved a new bridge on Monday after years of debate.",
	          "composite metadata line leaves the body");
	import_doc_free(&d);

	CHECK_STR(clean("Oil prices climb after output cut\n\n"
	                "Energy Oil Prices Saudi Arabia OPEC\n\n"
	                "author-image\nRiverside Desk\nUpdated On\n\n"
	                "Oil prices rose on Monday after producers agreed to cut output again.\n",
	                &d),
	          "Oil prices rose on Monday after producers agreed to cut output again.",
	          "keyword line and author block dropped");
	CHECK_STR(d.byline, "Riverside Desk", "desk byline next to author-image");
	CHECK_STR(d.outlet, "Riverside", "outlet from a desk byline");
	import_doc_free(&d);

	CHECK_STR(clean("Home \xc2\xbb World \xc2\xbb Europe\n\n"
	                "Heatwave grips southern Europe\n"
	                "BBC News\n\n"
	                "Temperatures passed 40C in several cities on Sunday, forecasters said.\n\n"
	                "(Photo by Jane Roe/Getty Images)\n\n"
	                "Trending\n\nMost Read\n\n"
	                "\xe2\x80\xa2 Floods hit the north\n\xe2\x80\xa2 Drought warning for farmers\n",
	                &d),
	          "Temperatures passed 40C in several cities on Sunday, forecasters said.",
	          "breadcrumbs, photo credit, widgets and trailing link list dropped");
	CHECK_STR(d.title, "Heatwave grips southern Europe", "title after breadcrumbs");
	CHECK_STR(d.outlet, "BBC News", "outlet from an outlet line");
	import_doc_free(&d);

	CHECK_STR(clean("Vote count continues in the north\n\n"
	                "The count went on through the night, officials said.\n\n"
	                "Related Articles\n\n"
	                "Parliament returns from recess\n\nNew minister sworn in\n",
	                &d),
	          "The count went on through the night, officials said.", "related articles end the text");
	import_doc_free(&d);

	CHECK_STR(clean("Advertisment\n\nSchools reopen after the holidays\n\nSchools reopened on Monday.\n\n"
	                "- Advertisement -spot_imgspot_img\n\nPupils returned in large numbers, teachers said.\n",
	                &d),
	          "Schools reopened on Monday.\nPupils returned in large numbers, teachers said.",
	          "misspelt and decorated ads dropped");
	import_doc_free(&d);

	CHECK_STR(clean("Museum reopens its doors\n\nThe museum reopened on Saturday after a long "
	                "renovation.\n\nAdvertisements are everywhere in the new lobby, visitors complained.\n",
	                &d),
	          "The museum reopened on Saturday after a long renovation.\n"
	          "Advertisements are everywhere in the new lobby, visitors complained.",
	          "a sentence starting with a boilerplate word stays");
	import_doc_free(&d);

	CHECK_STR(clean("Skip to main content\nWorld\n\n"
	                "Port strike ends after new pay offer\n\n"
	                "By Ana Silva and Tom Berg\n\n"
	                "December 9, 2023 1:05 AM GMT+1 Updated 3 days ago\n\n"
	                "3 min read\n\n"
	                "ROTTERDAM, Dec 8 (Reuters) - Dock workers returned to work on Friday after unions "
	                "accepted a new pay offer.\n\n"
	                "Reporting by Ana Silva; Editing by Tom Berg\n",
	                &d),
	          "ROTTERDAM, Dec 8 (Reuters) - Dock workers returned to work on Friday after unions "
	          "accepted a new pay offer.",
	          "wire-story furniture dropped");
	CHECK_STR(d.title, "Port strike ends after new pay offer", "a section label is not the title");
	CHECK_STR(d.byline, "Ana Silva and Tom Berg", "byline of two");
	CHECK_STR(d.published, "December 9, 2023", "date line with a time and a note");
	CHECK_STR(d.outlet, "Reuters", "wire credit");
	CHECK_STR(d.dateline, "ROTTERDAM", "wire dateline");
	import_doc_free(&d);

	clean("Comments", &d);
	CHECK(d.body == NULL, "a lone boilerplate line leaves nothing");
	import_doc_free(&d);

	CHECK_STR(clean("Just one headline here", &d), "Just one headline here",
	          "a lone headline stays in the body");
	CHECK_STR(d.title, "Just one headline here", "and is the title");
	import_doc_free(&d);
}

/* ---- random input ------------------------------------------------------------- */

/* A line of n words ("w1 w2 ..."), ending with a full stop or not. */
static void words_line(struct buf *b, int n, int period)
{
	int i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%sword%d", i ? " " : "", i);
	buf_adds(b, period ? ".\n\n" : "\n\n");
}

/* A headline, paras paragraphs of 50 words, then the marker and the rest
 * (built by the caller); how many words the tail rule cut (0: none), and
 * whether the last line of the rest is still in the body. */
static size_t tail_cut(int paras, const char *marker, const struct buf *rest, int *kept_last)
{
	struct buf b = {0};
	struct import_doc d;
	size_t cut;
	int i;

	buf_adds(&b, "Council approves the new harbour budget\n\n");
	for (i = 0; i < paras; i++)
		words_line(&b, 50, 1);
	buf_adds(&b, marker);
	buf_adds(&b, "\n\n");
	buf_add(&b, rest->s, rest->len);
	buf_adds(&b, "Lastline of the rest\n");
	clean(b.s, &d);
	cut = d.tail_words;
	*kept_last = d.body && strstr(d.body, "Lastline of the rest") != NULL;
	CHECK(!!cut == !*kept_last, "a cut says how much it cut (%zu words)", cut);
	import_doc_free(&d);
	buf_free(&b);
	return cut;
}

/* The tail rule on both sides of each bound (see TAIL_MAX_* in import.c). */
static void test_tail(void)
{
	struct buf r = {0};
	int kept, i;

	/* The whole rest: 596 words of link lines + the 4 of the last line. */
	for (i = 0; i < 29; i++)
		words_line(&r, 20, 0);
	words_line(&r, 16, 0);
	CHECK_INT(tail_cut(50, "Related Articles", &r, &kept), 600, "a rest of 600 words of links is cut");
	r.len = 0;
	for (i = 0; i < 29; i++)
		words_line(&r, 20, 0);
	words_line(&r, 17, 0);
	CHECK_INT(tail_cut(50, "Related Articles", &r, &kept), 0, "601 words are kept");
	CHECK(kept, "with the text after them");

	/* Its longest line: 60 words is furniture, 61 is a paragraph. */
	r.len = 0;
	words_line(&r, 60, 1);
	for (i = 0; i < 5; i++)
		words_line(&r, 6, 0);
	CHECK(tail_cut(10, "About the author", &r, &kept) > 0, "a 60-word bio among short lines is cut");
	r.len = 0;
	words_line(&r, 61, 1);
	for (i = 0; i < 5; i++)
		words_line(&r, 6, 0);
	CHECK_INT(tail_cut(10, "About the author", &r, &kept), 0, "a 61-word paragraph is kept");

	/* Its share of prose: one sentence in three lines is a comment form. */
	r.len = 0;
	buf_adds(&r, "Your comment was a good one and we read it.\n\nName\n\n");
	CHECK(tail_cut(10, "Leave a Reply", &r, &kept) > 0, "one prose line in three is cut");
	r.len = 0;
	buf_adds(&r, "Your comment was a good one and we read it.\n\n");
	CHECK_INT(tail_cut(10, "Leave a Reply", &r, &kept), 0, "one in two is kept");

	/* A real last paragraph after the marker, in a short article. */
	r.len = 0;
	words_line(&r, 40, 1);
	CHECK_INT(tail_cut(4, "Leave a Reply", &r, &kept), 0,
	          "a real last paragraph after 'Leave a Reply' is kept");
	/* Three quarters of the way through a long text: the rest stays. */
	r.len = 0;
	for (i = 0; i < 20; i++)
		words_line(&r, 50, 1);
	CHECK_INT(tail_cut(80, "Comments", &r, &kept), 0,
	          "'Comments' three quarters through a long text cuts nothing");
	buf_free(&r);
}

/* A dash dateline is one rule whatever the spacing around the dash:
 * "CAIRO —", "CAIRO—", "CAIRO —The", "CAIRO, Egypt—", en dash alike.
 * Without a space before the dash the place is in capitals, so a dash
 * aside ("The Bank—which ...") or a hyphenated word is not one. */
static void test_dash_dateline(void)
{
	static const struct {
		const char *first, *place;
	} cases[] = {
		{"CAIRO \xe2\x80\x94 The central bank", "CAIRO"},
		{"CAIRO\xe2\x80\x94The central bank", "CAIRO"},
		{"CAIRO \xe2\x80\x94The central bank", "CAIRO"},
		{"CAIRO\xe2\x80\x94 The central bank", "CAIRO"},
		{"CAIRO, Egypt\xe2\x80\x94The central bank", "CAIRO, Egypt"},
		{"CAIRO, Egypt \xe2\x80\x94The central bank", "CAIRO, Egypt"},
		{"SAN JUAN, Puerto Rico\xe2\x80\x93The central bank", "SAN JUAN, Puerto Rico"},
		{"CAIRO (AP)\xe2\x80\x94The central bank", "CAIRO"},
	};
	struct import_doc d;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *t = xasprintf("Egypt raises interest rates again\n\n%s raised interest rates on "
		                    "Thursday, the bank said in a statement.\n",
		                    cases[i].first);
		clean(t, &d);
		CHECK_STR(d.dateline, cases[i].place, "dash dateline '%s'", cases[i].first);
		import_doc_free(&d);
		free(t);
	}
	/* Not datelines: a hyphenated word, a dash after a whole sentence. */
	clean("Rates rise again\n\nYear-on-year inflation reached a record in August, the "
	      "statistics office said.\n",
	      &d);
	CHECK(d.dateline == NULL, "a hyphenated word is not a dateline (%s)", orempty(d.dateline));
	import_doc_free(&d);
	clean("Rates rise again\n\nThe Bank\xe2\x80\x94which had waited\xe2\x80\x94raised rates "
	      "on Thursday.\n",
	      &d);
	CHECK(d.dateline == NULL, "a dash aside after 'The Bank' is not a dateline (%s)",
	      orempty(d.dateline));
	import_doc_free(&d);
}

/* A picture's caption and credit above the story are never its title,
 * with or without a colon after "Credit". */
static void test_caption_title(void)
{
	static const char *const credits[] = {
		"Credit Khaled Desouki/Agence France-Presse",
		"Credit: Khaled Desouki/Agence France-Presse",
		"Credit Khaled Desouki/Agence France-Presse \xe2\x80\x94 Getty Images",
		"Credit: Khaled Desouki/Agence France-Presse \xe2\x80\x94 Getty Images",
		"Credit Khaled Desouki/AFP\xe2\x80\x94Getty Images",
		"Credit: Khaled Desouki/AFP via Getty Images",
	};
	struct import_doc d;
	size_t i;

	for (i = 0; i < sizeof credits / sizeof credits[0]; i++) {
		char *t = xasprintf("A man walks past a bank in Cairo on Thursday.\n\n%s\n\n"
		                    "Egypt raises interest rates again\n\n"
		                    "CAIRO \xe2\x80\x94 The central bank raised interest rates on Thursday, "
		                    "the bank said in a statement.\n\nInflation reached a record in August.\n",
		                    credits[i]);
		clean(t, &d);
		CHECK_STR(d.title, "Egypt raises interest rates again", "not the caption: '%.30s...'", credits[i]);
		CHECK(d.body && !strstr(d.body, "Credit") && !strstr(d.body, "walks past"),
		      "caption and credit are not in the body either");
		import_doc_free(&d);
		free(t);
	}
	/* A headline that starts with the word is not a credit. */
	clean("Credit card rates rise again\n\nBanks raised rates on Monday, a survey found this week.\n",
	      &d);
	CHECK_STR(d.title, "Credit card rates rise again", "'Credit card ...' is a headline");
	import_doc_free(&d);
}

static void test_random(void)
{
	unsigned seed = 12345;
	int i, bad = 0, done = 0;
	const char *why = "ok";

	for (i = 0; i < 300; i++) {
		char raw[2048], err[256], *out;
		size_t n = 1 + (seed >> 4) % sizeof raw, k, outlen;
		struct import_doc d;
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			/* mostly printable with escapes and controls mixed in */
			raw[k] = (char)((seed >> 16) % 7 == 0 ? (seed >> 8) & 0xFF
			                                      : (seed >> 16) % 11 == 0 ? 0x1B : 0x20 + (seed >> 9) % 95);
		}
		if (import_clean(raw, n, &d, err, sizeof err) == 0) {
			if (!body_ok(&d, &why))
				bad++;
			import_doc_free(&d);
		}
		if (import_decode(raw, n, NULL, &out, &outlen, err, sizeof err) == 0) {
			if (import_clean(out, outlen, &d, err, sizeof err) == 0) {
				if (!body_ok(&d, &why))
					bad++;
				import_doc_free(&d);
			}
			free(out);
		}
		done++;
	}
	CHECK(bad == 0 && done == 300, "random bytes: an error or a valid body (%s)", why);
}

/* ---- the bundled articles ---------------------------------------------------- */

static void test_bundled(void)
{
	const char *top = getenv("TOP_SRCDIR");
	char *dir = xasprintf("%s/data/articles", top && *top ? top : ".");
	DIR *dp = opendir(dir);
	struct dirent *de;
	int count = 0;

	oracle_load();
	CHECK(orules.n > 50, "boilerplate rules loaded (%zu)", orules.n);
	CHECK(oracle_match("Share article:", 14) && oracle_match("- Advertisement -", 17) &&
	          oracle_match("Source: Pixabay", 15) && !oracle_match("The ministry said.", 18),
	      "the oracle reads the rules");
	CHECK(dp != NULL, "open %s", dir);
	while (dp && (de = readdir(dp))) {
		size_t l = strlen(de->d_name), n, tn;
		char *path, *raw, *text, err[256];
		struct import_doc d;
		const char *why = "ok", *p, *hit = NULL;
		if (l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		count++;
		if (util_read_file(path, IMPORT_MAX_BYTES, &raw, &n) < 0) {
			CHECK(0, "read %s", path);
			free(path);
			continue;
		}
		if (import_decode(raw, n, NULL, &text, &tn, err, sizeof err) < 0 ||
		    import_clean(text, tn, &d, err, sizeof err) < 0) {
			CHECK(0, "%s imports: %s", de->d_name, err);
			free(raw);
			free(path);
			continue;
		}
		printf("# %s: title '%s' outlet '%s' byline '%s' dateline '%s' published '%s' words %zu\n",
		       de->d_name, d.title, orempty(d.outlet), orempty(d.byline), orempty(d.dateline),
		       orempty(d.published), d.words);
		CHECK(d.title[0] != '\0', "%s: title not empty", de->d_name);
		CHECK(!oracle_match(d.title, strlen(d.title)), "%s: title is not boilerplate", de->d_name);
		CHECK(body_ok(&d, &why), "%s: body valid (%s)", de->d_name, why);
		for (p = d.body; *p && !hit;) {
			const char *e = strchr(p, '\n');
			size_t pl = e ? (size_t)(e - p) : strlen(p);
			hit = oracle_match(p, pl);
			if (hit)
				printf("#   '%.*s' matches '%s'\n", (int)pl, p, hit);
			p += pl + (e ? 1 : 0);
		}
		CHECK(!hit, "%s: no boilerplate paragraph in body", de->d_name);
		CHECK(d.words > 100, "%s: words counted (%zu)", de->d_name, d.words);
		{
			/* cleaning is idempotent on the body's paragraphs */
			struct import_doc again;
			clean(d.body, &again);
			CHECK(again.body && strstr(d.body, again.body), "%s: body survives a second cleaning",
			      de->d_name);
			import_doc_free(&again);
		}
		import_doc_free(&d);
		free(text);
		free(raw);
		free(path);
	}
	if (dp)
		closedir(dp);
	CHECK(count >= 5, "bundled articles found (%d)", count);
	free(dir);
	oracle_free();
}

/* The line rules take their words from data/en/import-words.txt: every
 * entry of each class does its work (a word added there is used). */
static void test_import_words(void)
{
	const struct lexicon_list *wl = lexicon_words("import-words");
	size_t i, seen[6] = {0};
	char line[160];

	imp_load();
	CHECK(imp_keyword_like("North Korea Russia Kim", 22), "tags without a function word");
	for (i = 0; i < wl->n; i++) {
		const struct lexicon_entry *e = &wl->v[i];
		char *name = NULL, *desk;
		const char *outlet = NULL;
		if (lexicon_has_class(e, "function-word")) {
			snprintf(line, sizeof line, "North Korea %s Russia Kim", e->word);
			CHECK(!imp_keyword_like(line, strlen(line)), "function word: %s", line);
			seen[0]++;
		}
		if (lexicon_has_class(e, "outlet-suffix")) {
			snprintf(line, sizeof line, "Reuters | %s", e->word);
			CHECK_STR(imp_outlet_line(line, strlen(line)), "Reuters", "outlet suffix: %s", line);
			seen[1]++;
		}
		if (lexicon_has_class(e, "byline-intro")) {
			snprintf(line, sizeof line, "%s Jane Doe", e->word);
			CHECK(imp_byline_line(line, strlen(line), &name, &outlet), "byline intro: %s", line);
			CHECK_STR(name, "Jane Doe", "byline intro names: %s", line);
			free(name);
			seen[2]++;
		}
		if (lexicon_has_class(e, "desk-tail")) {
			snprintf(line, sizeof line, "NewsDrum %s", e->word);
			desk = imp_desk_outlet(line);
			CHECK_STR(desk, "NewsDrum", "desk tail: %s", line);
			free(desk);
			seen[3]++;
		}
	}
	for (i = 0; i < wl->n; i++) {
		const struct lexicon_entry *e = &wl->v[i];
		struct import_doc d;
		char text[400];
		if (lexicon_has_class(e, "not-place")) {
			snprintf(text, sizeof text,
			         "Opinion: cities need more trees\n\n%c%s: The evidence on urban heat is clear, "
			         "and it points one way.\n",
			         e->word[0] >= 'a' && e->word[0] <= 'z' ? e->word[0] - 'a' + 'A' : e->word[0],
			         e->word + 1);
			clean(text, &d);
			CHECK(d.dateline == NULL, "not a place: %s (%s)", e->word, orempty(d.dateline));
			import_doc_free(&d);
			seen[4]++;
		}
		if (lexicon_has_class(e, "bio-stop")) {
			snprintf(text, sizeof text,
			         "Council approves new bridge over the river\n\n"
			         "The city council approved a new bridge on Monday after years of debate.\n\n"
			         "About the author\n\n"
			         "John Smith %s a reporter covering transport for the paper.\n",
			         e->word);
			clean(text, &d);
			CHECK_STR(d.byline, "John Smith", "a biography's name ends at %s", e->word);
			import_doc_free(&d);
			seen[5]++;
		}
	}
	CHECK(seen[0] && seen[1] && seen[2] && seen[3] && seen[4] && seen[5],
	      "every class of the line rules has words");
	{
		struct import_doc d;
		clean("Rail strike ends after talks\n\nLisbon: Trains ran again on Friday after unions and the "
		      "operator agreed on pay.\n",
		      &d);
		CHECK_STR(d.dateline, "Lisbon", "a word not in the list is a place");
		import_doc_free(&d);
	}
	CHECK(!imp_outlet_line("Reuters | Bureaux", 17), "a word not in the list is no suffix");
}

int main(void)
{
	test_decode();
	test_import_words();
	test_controls();
	test_paragraphs();
	test_boilerplate();
	test_tail();
	test_caption_title();
	test_dash_dateline();
	test_random();
	test_bundled();
	return tap_done();
}
