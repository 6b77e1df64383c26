/* test_anchor.c — selectors (context lengths in code points, multibyte
 * text, body edges, bad offsets) and re-anchoring after text changes:
 * exact, moved, duplicated, reworded, long, non-ASCII and deleted quotes,
 * plus a randomised loop that compares against a brute-force edit
 * distance. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/anchor.h"
#include "gloss/util.h"
#include "tap.h"

/* Code points in a string, counting each stray byte as one, the way the
 * selector does for invalid input in these tests' alphabets. */
static size_t cps(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Length of the well-formed UTF-8 sequence at s (RFC 3629), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t len, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return len;
}

/* p is a boundary unless a well-formed sequence starts before it and
 * runs past it; stray bytes stand alone. */
static int on_boundary(const char *body, size_t len, size_t p)
{
	const unsigned char *s = (const unsigned char *)body;
	size_t q;

	if (p == 0 || p >= len)
		return 1;
	for (q = p > 3 ? p - 3 : 0; q < p; q++)
		if (q + utf8_len(s + q, len - q) > p)
			return 0;
	return 1;
}

static size_t off(const char *body, const char *needle)
{
	const char *p = strstr(body, needle);

	if (!p) {
		printf("# test bug: '%s' not in body\n", needle);
		exit(2);
	}
	return (size_t)(p - body);
}

static char *span(const char *body, size_t a, size_t b)
{
	static char out[4096];
	size_t n = b > a ? b - a : 0;

	if (n >= sizeof out)
		n = sizeof out - 1;
	memcpy(out, body + a, n);
	out[n] = '\0';
	return out;
}

/* Highlight `quote` in old_body, then find it in new_body. */
static enum anchor_how reanchor(const char *old_body, const char *quote, const char *new_body,
                                size_t *a, size_t *b)
{
	struct anchor_selector sel;
	size_t s = off(old_body, quote);
	enum anchor_how how;

	anchor_selector_make(old_body, strlen(old_body), s, s + strlen(quote), &sel);
	how = anchor_resolve(new_body, strlen(new_body), &sel, s, a, b);
	anchor_selector_free(&sel);
	return how;
}

static void test_selector(void)
{
	const char *body =
		"Early on Monday the harbour pilots refused to take ships past the breakwater, "
		"citing swells higher than any recorded this decade. "
		"By noon the port authority had closed two of its four terminals.";
	struct anchor_selector sel;
	size_t s = off(body, "citing"), e = s + strlen("citing swells");

	anchor_selector_make(body, strlen(body), s, e, &sel);
	CHECK_STR(sel.quote, "citing swells", "selector: quote is the span");
	CHECK_STR(sel.prefix, "take ships past the breakwater, ", "selector: 32-char prefix");
	CHECK_INT(cps(sel.prefix), 32, "selector: prefix is 32 code points");
	CHECK_STR(sel.suffix, " higher than any recorded this d", "selector: 32-char suffix");
	anchor_selector_free(&sel);
	CHECK(sel.quote == NULL && sel.prefix == NULL && sel.suffix == NULL,
	      "selector: free clears the fields");
	anchor_selector_free(&sel);
	CHECK(1, "selector: freeing twice is harmless");

	anchor_selector_make(body, strlen(body), 0, 8, &sel);
	CHECK_STR(sel.quote, "Early on", "selector: at body start, quote");
	CHECK_STR(sel.prefix, "", "selector: at body start, empty prefix");
	CHECK_INT(cps(sel.suffix), 32, "selector: at body start, full suffix");
	anchor_selector_free(&sel);

	anchor_selector_make(body, strlen(body), 6, 12, &sel);
	CHECK_STR(sel.prefix, "Early ", "selector: near body start, short prefix");
	anchor_selector_free(&sel);

	s = off(body, "terminals.");
	anchor_selector_make(body, strlen(body), s, strlen(body), &sel);
	CHECK_STR(sel.quote, "terminals.", "selector: at body end, quote");
	CHECK_STR(sel.suffix, "", "selector: at body end, empty suffix");
	CHECK_INT(cps(sel.prefix), 32, "selector: at body end, full prefix");
	anchor_selector_free(&sel);

	anchor_selector_make(body, strlen(body), s, strlen(body) + 50, &sel);
	CHECK_STR(sel.quote, "terminals.", "selector: end past the body is clamped");
	anchor_selector_free(&sel);

	anchor_selector_make(body, strlen(body), 20, 10, &sel);
	CHECK_STR(sel.quote, "", "selector: start after end gives an empty quote");
	anchor_selector_free(&sel);

	anchor_selector_make("", 0, 0, 0, &sel);
	CHECK(sel.quote && !*sel.quote && sel.prefix && !*sel.prefix && sel.suffix && !*sel.suffix,
	      "selector: empty body gives empty strings");
	anchor_selector_free(&sel);
}

static void test_selector_multibyte(void)
{
	/* 2-, 3- and 4-byte characters around the quote. */
	const char *body =
		"Ärzte in Zürich, Genève und Mailand meldeten Engpässe — "
		"die Preise stiegen um 12 € je Packung 💊 und mehr; "
		"Apotheken baten um Geduld bis zur nächsten Lieferung im März.";
	struct anchor_selector sel;
	size_t s = off(body, "die Preise"), e = off(body, " und mehr");

	anchor_selector_make(body, strlen(body), s, e, &sel);
	CHECK_STR(sel.quote, "die Preise stiegen um 12 € je Packung 💊", "multibyte: quote");
	CHECK_INT(cps(sel.prefix), 32, "multibyte: prefix is 32 code points");
	CHECK(strlen(sel.prefix) > 32, "multibyte: prefix is more than 32 bytes");
	CHECK_STR(sel.prefix, "und Mailand meldeten Engpässe — ",
	          "multibyte: prefix text");
	CHECK_STR(sel.suffix, " und mehr; Apotheken baten um Ge", "multibyte: suffix text");
	anchor_selector_free(&sel);

	/* Offsets inside "€" (3 bytes) and "💊" (4 bytes) move back. */
	s = off(body, "€") + 1;
	e = off(body, "💊") + 2;
	anchor_selector_make(body, strlen(body), s, e, &sel);
	CHECK_STR(sel.quote, "€ je Packung ", "multibyte: mid-character offsets move back");
	anchor_selector_free(&sel);

	/* Quote at the start, where the prefix would be the first letter. */
	anchor_selector_make(body, strlen(body), 2, 7, &sel);
	CHECK_STR(sel.prefix, "Ä", "multibyte: one-character prefix at start");
	CHECK_STR(sel.quote, "rzte ", "multibyte: quote after a 2-byte letter");
	anchor_selector_free(&sel);

	/* Suffix running into the body end counts characters, not bytes. */
	s = off(body, "Lieferung");
	anchor_selector_make(body, strlen(body), s, s + 9, &sel);
	CHECK_STR(sel.suffix, " im März.", "multibyte: short suffix at body end");
	anchor_selector_free(&sel);

	/* Invalid bytes count as one character each and never crash. */
	{
		const char bad[] = "\xff\xfe\xe2\x82 caf\xc3 \x80\x80\x80\x80 end \xf0\x9f";
		size_t n = sizeof bad - 1, i, j;
		int ok = 1;

		for (i = 0; i <= n; i++)
			for (j = i; j <= n; j++) {
				anchor_selector_make(bad, n, i, j, &sel);
				if (strlen(sel.quote) > j - i || strlen(sel.prefix) > i ||
				    strlen(sel.suffix) > n)
					ok = 0;
				anchor_selector_free(&sel);
			}
		CHECK(ok, "invalid UTF-8: every span builds a sane selector");
	}
}

static void test_exact(void)
{
	const char *old_body =
		"The ferry service resumed on Friday. Passengers queued from dawn, "
		"and the first crossing left twenty minutes late. Operators blamed a "
		"faulty ramp on the mainland side.";
	const char *quote = "the first crossing left twenty minutes late.";
	size_t a = 0, b = 0, s = off(old_body, quote);
	char buf[1024];
	enum anchor_how how;

	how = reanchor(old_body, quote, old_body, &a, &b);
	CHECK_INT(how, ANCHOR_EXACT, "identical text: exact");
	CHECK(a == s && b == s + strlen(quote), "identical text: same offsets");

	snprintf(buf, sizeof buf, "Update: schedules are being revised. %s", old_body);
	how = reanchor(old_body, quote, buf, &a, &b);
	CHECK_INT(how, ANCHOR_EXACT, "text inserted before: exact");
	CHECK_INT(a, s + strlen("Update: schedules are being revised. "),
	          "text inserted before: start shifted");
	CHECK_STR(span(buf, a, b), quote, "text inserted before: span is the quote");

	snprintf(buf, sizeof buf, "%s A spokesperson said repairs would take a week.", old_body);
	how = reanchor(old_body, quote, buf, &a, &b);
	CHECK_INT(how, ANCHOR_EXACT, "text inserted after: exact");
	CHECK(a == s && b == s + strlen(quote), "text inserted after: same offsets");

	/* Nearby text changes that touch the context but not the quote. */
	snprintf(buf, sizeof buf,
	         "The ferry service resumed on Friday. Passengers queued from before dawn, "
	         "and the first crossing left twenty minutes late. Operators blamed a "
	         "broken ramp on the mainland side.");
	how = reanchor(old_body, quote, buf, &a, &b);
	CHECK_INT(how, ANCHOR_EXACT, "context edited: still exact");
	CHECK_STR(span(buf, a, b), quote, "context edited: span is the quote");
}

static void test_inside_and_reworded(void)
{
	const char *old_body =
		"Residents packed the hall on Wednesday evening. "
		"The council approved the budget on Tuesday after a long debate. "
		"Opponents vowed to challenge it.";
	const char *new_body =
		"Residents packed the hall on Wednesday evening. "
		"The council narrowly approved the budget on Tuesday after a long debate. "
		"Opponents vowed to challenge it.";
	const char *quote = "The council approved the budget on Tuesday after a long debate.";
	const char *want = "The council narrowly approved the budget on Tuesday after a long debate.";
	size_t a = 0, b = 0;
	enum anchor_how how;

	how = reanchor(old_body, quote, new_body, &a, &b);
	CHECK_INT(how, ANCHOR_FUZZY, "text inserted inside: fuzzy");
	CHECK_STR(span(new_body, a, b), want, "text inserted inside: span is the new sentence");

	{
		const char *o = "Engineers inspected the span overnight. "
		                "Officials said the bridge would reopen in early March, weather permitting. "
		                "Traffic is being diverted through the old town.";
		const char *n = "Engineers inspected the span overnight. "
		                "Officials said the bridge will reopen in early April, weather permitting. "
		                "Traffic is being diverted through the old town.";
		how = reanchor(o, "Officials said the bridge would reopen in early March, weather permitting.",
		               n, &a, &b);
		CHECK_INT(how, ANCHOR_FUZZY, "reworded: fuzzy");
		CHECK_STR(span(n, a, b),
		          "Officials said the bridge will reopen in early April, weather permitting.",
		          "reworded: span is the reworded sentence");
	}

	{
		/* Too many changes: more than a quarter of the quote differs. */
		const char *o = "A spokesperson declined to comment on the merger talks. Shares fell.";
		const char *n = "The company said nothing at all about any deal being near. Shares fell.";
		how = reanchor(o, "A spokesperson declined to comment on the merger talks.", n, &a, &b);
		CHECK_INT(how, ANCHOR_ORPHANED, "rewritten beyond a quarter: orphaned");
	}
}

static void test_deleted(void)
{
	const char *old_body =
		"Rain delayed the harvest in the valley. Growers expect smaller yields. "
		"Prices at the market have already risen by a third.";
	const char *new_body =
		"Rain delayed the harvest in the valley. "
		"Prices at the market have already risen by a third.";
	size_t a = 7, b = 9;
	enum anchor_how how;
	struct anchor_selector sel = { NULL, NULL, NULL };

	how = reanchor(old_body, "Growers expect smaller yields.", new_body, &a, &b);
	CHECK_INT(how, ANCHOR_ORPHANED, "quote deleted: orphaned");
	CHECK(a == 7 && b == 9, "orphaned: outputs untouched");

	how = reanchor(old_body, "Growers expect smaller yields.", "", &a, &b);
	CHECK_INT(how, ANCHOR_ORPHANED, "empty body: orphaned");

	anchor_selector_make(old_body, strlen(old_body), 10, 10, &sel);
	how = anchor_resolve(old_body, strlen(old_body), &sel, 10, &a, &b);
	CHECK_INT(how, ANCHOR_ORPHANED, "empty quote: orphaned");
	anchor_selector_free(&sel);

	sel.quote = (char *)"Rain delayed";
	how = anchor_resolve(old_body, strlen(old_body), &sel, 0, &a, &b);
	CHECK_INT(how, ANCHOR_EXACT, "NULL prefix and suffix are treated as empty");
	CHECK_INT(a, 0, "NULL context: found at 0");
	sel.quote = NULL;
	how = anchor_resolve(old_body, strlen(old_body), &sel, 0, &a, &b);
	CHECK_INT(how, ANCHOR_ORPHANED, "NULL quote: orphaned");

	sel.quote = (char *)"a quote much longer than the text it is searched in";
	how = anchor_resolve("short text", 10, &sel, 0, &a, &b);
	CHECK_INT(how, ANCHOR_ORPHANED, "quote longer than body: orphaned");
}

static void test_duplicated(void)
{
	const char *old_body =
		"In the north, turnout was low. Voters stayed home. "
		"In the south, turnout was high. Voters stayed home. Counting continues.";
	/* The highlight is the second "Voters stayed home." */
	const char *quote = "Voters stayed home.";
	size_t s2 = off(old_body, "Voters stayed home. Counting");
	struct anchor_selector sel;
	size_t a = 0, b = 0;
	enum anchor_how how;
	char buf[512];

	anchor_selector_make(old_body, strlen(old_body), s2, s2 + strlen(quote), &sel);
	/* A new first paragraph pushes both occurrences; the old offset is
	 * now nearer the first, but the context says the second. */
	snprintf(buf, sizeof buf, "Polls closed at eight. %s", old_body);
	how = anchor_resolve(buf, strlen(buf), &sel, off(buf, quote), &a, &b);
	CHECK_INT(how, ANCHOR_EXACT, "duplicated: exact");
	CHECK_INT(a, off(buf, "Voters stayed home. Counting"), "duplicated: context picks the second");

	/* The paragraphs swapped: context still follows the southern one. */
	snprintf(buf, sizeof buf,
	         "In the south, turnout was high. Voters stayed home. Counting continues. "
	         "In the north, turnout was low. Voters stayed home.");
	how = anchor_resolve(buf, strlen(buf), &sel, s2, &a, &b);
	CHECK_INT(how, ANCHOR_EXACT, "duplicated and moved: exact");
	CHECK_INT(a, off(buf, quote), "duplicated and moved: context beats nearness");
	anchor_selector_free(&sel);

	/* Equal contexts everywhere: nearness decides. */
	{
		const char *unit = "The siren sounded at noon and again at six, as it does every day. ";
		char rep[1024] = "";
		size_t i, u = strlen(unit), q = off(unit, "again at six");

		for (i = 0; i < 5; i++)
			strcat(rep, unit);
		anchor_selector_make(rep, strlen(rep), 2 * u + q, 2 * u + q + 12, &sel);
		CHECK_INT(cps(sel.prefix), 32, "equal contexts: full prefix");
		how = anchor_resolve(rep, strlen(rep), &sel, 2 * u + q, &a, &b);
		CHECK(how == ANCHOR_EXACT && a == 2 * u + q, "equal contexts: stays on the third copy");
		how = anchor_resolve(rep, strlen(rep), &sel, 3 * u + q + 5, &a, &b);
		CHECK(how == ANCHOR_EXACT && a == 3 * u + q, "equal contexts: nearest copy wins");
		how = anchor_resolve(rep, strlen(rep), &sel, 0, &a, &b);
		CHECK(how == ANCHOR_EXACT && a == u + q,
		      "equal contexts: old offset near the start, full context wins over first copy");
		anchor_selector_free(&sel);
	}

	/* Fuzzy duplicates: both copies reworded the same way. */
	{
		const char *o = "Morning: the mayor promised new bus lanes by summer. Later: the "
		                "mayor promised new bus lanes by summer, again.";
		const char *n = "Morning: the mayor pledged new bus lanes by summer. Later: the "
		                "mayor pledged new bus lanes by summer, again.";
		size_t s = off(o, "mayor promised new bus lanes by summer, again") ;
		anchor_selector_make(o, strlen(o), s, s + strlen("mayor promised new bus lanes by summer"),
		                     &sel);
		how = anchor_resolve(n, strlen(n), &sel, 0, &a, &b);
		CHECK_INT(how, ANCHOR_FUZZY, "fuzzy duplicates: fuzzy");
		CHECK_INT(a, off(n, "mayor pledged new bus lanes by summer, again"),
		          "fuzzy duplicates: suffix picks the second");
		CHECK_STR(span(n, a, b), "mayor pledged new bus lanes by summer",
		          "fuzzy duplicates: span");
		anchor_selector_free(&sel);
	}
}

static void test_long(void)
{
	const char *old1 =
		"Intro paragraph. "
		"Investigators found that the warehouse had passed its last fire inspection "
		"in 2019, although the sprinklers were never tested. Closing remarks.";
	const char *new1 =
		"Intro paragraph. "
		"Investigators found that the warehouse had passed its final fire inspection "
		"in 2018, although its sprinklers were never tested. Closing remarks.";
	const char *q1 = "Investigators found that the warehouse had passed its last fire inspection "
	                 "in 2019, although the sprinklers were never tested.";
	const char *old2 =
		"Summary first. "
		"Over three days of hearings, the committee heard from farmers, water engineers, "
		"two former ministers and a hydrologist who had spent a decade measuring the river; "
		"all agreed that the reservoir was too small, but none could say who should pay to "
		"enlarge it or how long the work would take once it began. Next item.";
	const char *new2 =
		"Summary first, updated. "
		"Over four days of hearings, the committee heard from farmers, water engineers, "
		"three former ministers and a hydrologist who had spent ten years measuring the river; "
		"all agreed that the reservoir was far too small, but none could say who would pay to "
		"enlarge it or how long the work could take once it began. Next item.";
	const char *q2s = "Over three days", *q2e = "once it began.";
	const char *want2s = "Over four days";
	size_t a = 0, b = 0, s, e;
	struct anchor_selector sel;
	enum anchor_how how;

	CHECK(strlen(q1) > 64, "long quote 1 is over 64 bytes (%zu)", strlen(q1));
	how = reanchor(old1, q1, new1, &a, &b);
	CHECK_INT(how, ANCHOR_FUZZY, "long quote, 4 edits: fuzzy");
	CHECK_STR(span(new1, a, b),
	          "Investigators found that the warehouse had passed its final fire inspection "
	          "in 2018, although its sprinklers were never tested.",
	          "long quote, 4 edits: span");

	s = off(old2, q2s);
	e = off(old2, q2e) + strlen(q2e);
	CHECK(e - s > 200, "long quote 2 is over 200 bytes (%zu)", e - s);
	anchor_selector_make(old2, strlen(old2), s, e, &sel);
	how = anchor_resolve(new2, strlen(new2), &sel, s, &a, &b);
	CHECK_INT(how, ANCHOR_FUZZY, "quote over 200 bytes, several edits: fuzzy");
	CHECK_INT(a, off(new2, want2s), "quote over 200 bytes: start");
	CHECK_INT(b, off(new2, q2e) + strlen(q2e), "quote over 200 bytes: end");
	/* Moved far away in a longer body, still found. */
	{
		static char big[20000];
		size_t i;

		big[0] = '\0';
		for (i = 0; i < 60; i++)
			strcat(big, "Filler sentence about nothing in particular, repeated. ");
		strcat(big, new2);
		how = anchor_resolve(big, strlen(big), &sel, s, &a, &b);
		CHECK_INT(how, ANCHOR_FUZZY, "quote over 200 bytes, moved: fuzzy");
		CHECK_INT(a, off(big, want2s), "quote over 200 bytes, moved: start");
	}
	anchor_selector_free(&sel);
}

static void test_non_ascii(void)
{
	const char *o =
		"Le maire a inauguré la médiathèque samedi. Il a parlé au café du marché, "
		"entouré d'élèves. La fête a duré jusqu'à minuit.";
	const char *n =
		"Le maire a inauguré la médiathèque samedi. Il a parlé au cafè du marchë, "
		"entouré d'élèves. La fête a duré jusqu'à minuit.";
	const char *q = "Il a parlé au café du marché";
	const char *want = "Il a parlé au cafè du marchë";
	size_t a = 0, b = 0;
	enum anchor_how how;

	how = reanchor(o, q, n, &a, &b);
	CHECK_INT(how, ANCHOR_FUZZY, "accents changed: fuzzy");
	CHECK_STR(span(n, a, b), want, "accents changed: span ends after the changed letter");

	/* The last character changes width (3-byte € to 2-byte £) and the
	 * suffix changes too, so only snapping keeps the end whole. */
	{
		const char *o2 = "Tickets for the final cost 40 € at the gate. Sold out by noon.";
		const char *n2 = "Tickets for the final cost 40 £ — cash only.";
		how = reanchor(o2, "Tickets for the final cost 40 €", n2, &a, &b);
		CHECK_INT(how, ANCHOR_FUZZY, "currency changed: fuzzy");
		CHECK(on_boundary(n2, strlen(n2), a) && on_boundary(n2, strlen(n2), b),
		      "currency changed: both ends on character boundaries");
		CHECK_STR(span(n2, a, b), "Tickets for the final cost 40 £",
		          "currency changed: span");
	}

	/* A changed first character of several bytes. */
	{
		const char *o3 = "Prólogo. Ñandú avistado cerca del río Paraná ayer. Fin.";
		const char *n3 = "Prólogo. Émeu avistado cerca del río Paraná ayer. Fin.";
		how = reanchor(o3, "Ñandú avistado cerca del río Paraná ayer.", n3, &a, &b);
		CHECK_INT(how, ANCHOR_FUZZY, "first word changed: fuzzy");
		CHECK(on_boundary(n3, strlen(n3), a) && on_boundary(n3, strlen(n3), b),
		      "first word changed: ends on boundaries");
		CHECK_STR(span(n3, a, b), "Émeu avistado cerca del río Paraná ayer.",
		          "first word changed: span");
	}

	/* CJK text, where every character is three bytes. */
	{
		const char *o4 = "昨日、東京で大きな地震がありました。被害の報告はまだありません。";
		const char *n4 = "昨日、東京で小さな地震がありました。被害の報告はありません。";
		how = reanchor(o4, "東京で大きな地震がありました。", n4, &a, &b);
		CHECK_INT(how, ANCHOR_FUZZY, "CJK: fuzzy");
		CHECK_STR(span(n4, a, b), "東京で小さな地震がありました。", "CJK: span");
	}
}

/* ---- randomised ---- */

static uint64_t rng = 0x9e3779b97f4a7c15u;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *const alphabet[] = { "a", "b", "c", " ", ".", "é", "€", "𝄞", "ñ" };

static size_t random_text(char *out, unsigned tokens)
{
	size_t n = 0;
	unsigned i;

	for (i = 0; i < tokens; i++) {
		const char *t = alphabet[rnd(ARRAY_SIZE(alphabet))];
		memcpy(out + n, t, strlen(t));
		n += strlen(t);
	}
	out[n] = '\0';
	return n;
}

static size_t edit_distance(const char *x, size_t nx, const char *y, size_t ny)
{
	static size_t row[4096];
	size_t i, j;

	for (j = 0; j <= ny; j++)
		row[j] = j;
	for (i = 1; i <= nx; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (j = 1; j <= ny; j++) {
			size_t up = row[j], v = diag + (x[i - 1] != y[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
		}
	}
	return row[ny];
}

/* Least edit distance between x and any substring of y. */
static size_t best_substring_distance(const char *x, size_t nx, const char *y, size_t ny)
{
	static size_t prev[4096], cur[4096];
	size_t i, j, best;

	for (i = 0; i <= nx; i++)
		prev[i] = i;
	best = prev[nx];
	for (j = 1; j <= ny; j++) {
		cur[0] = 0;
		for (i = 1; i <= nx; i++) {
			size_t v = prev[i - 1] + (x[i - 1] != y[j - 1]);
			if (prev[i] + 1 < v)
				v = prev[i] + 1;
			if (cur[i - 1] + 1 < v)
				v = cur[i - 1] + 1;
			cur[i] = v;
		}
		if (cur[nx] < best)
			best = cur[nx];
		memcpy(prev, cur, (nx + 1) * sizeof *prev);
	}
	return best;
}

/* Character-level edits, so the new text stays valid UTF-8 and the
 * boundary check above stays meaningful; byte-level damage is the job of
 * test_fuzz_bytes. */
static void mutate(const char *in, char *out, unsigned edits)
{
	size_t n = strlen(in);

	memcpy(out, in, n + 1);
	while (edits--) {
		size_t at = n ? rnd((unsigned)n + 1) : 0, cl = 0;
		char tok[8];
		size_t tl = random_text(tok, 1);

		while (at < n && !on_boundary(out, n, at))
			at++;
		if (at < n)
			for (cl = 1; at + cl < n && !on_boundary(out, n, at + cl); cl++)
				;
		switch (rnd(3)) {
		case 0:
			memmove(out + at + tl, out + at, n - at + 1);
			memcpy(out + at, tok, tl);
			n += tl;
			break;
		case 1:
			memmove(out + at, out + at + cl, n - at - cl + 1);
			n -= cl;
			break;
		default:
			memmove(out + at + tl, out + at + cl, n - at - cl + 1);
			memcpy(out + at, tok, tl);
			n = n - cl + tl;
			break;
		}
	}
}

static void test_fuzz(void)
{
	static char old_body[1024], new_body[4096];
	unsigned iter, bad_bounds = 0, bad_exact = 0, bad_fuzzy = 0, bad_orphan = 0;
	unsigned n_exact = 0, n_fuzzy = 0, n_orphan = 0, bad_sel = 0;

	for (iter = 0; iter < 4000; iter++) {
		size_t olen = random_text(old_body, 1 + rnd(80)), nlen, s, e, a = 0, b = 0, m;
		struct anchor_selector sel;
		enum anchor_how how;

		s = rnd((unsigned)olen + 1);
		e = s + rnd((unsigned)(olen - s) + 1);
		anchor_selector_make(old_body, olen, s, e, &sel);
		if (cps(sel.prefix) > ANCHOR_CONTEXT_CHARS || cps(sel.suffix) > ANCHOR_CONTEXT_CHARS ||
		    strstr(old_body, sel.quote) == NULL)
			bad_sel++;
		if (rnd(4) == 0) { /* unrelated text */
			nlen = random_text(new_body, rnd(120));
		} else {
			mutate(old_body, new_body, rnd(12));
			nlen = strlen(new_body);
		}
		m = strlen(sel.quote);
		how = anchor_resolve(new_body, nlen, &sel, s, &a, &b);
		if (how != ANCHOR_ORPHANED &&
		    (a >= b || b > nlen || !on_boundary(new_body, nlen, a) || !on_boundary(new_body, nlen, b)))
			bad_bounds++;
		if (how == ANCHOR_EXACT) {
			n_exact++;
			if (b - a != m || memcmp(new_body + a, sel.quote, m) != 0)
				bad_exact++;
		} else if (how == ANCHOR_FUZZY) {
			n_fuzzy++;
			/* Snapping a byte-level match outwards to whole characters
			 * may add up to three bytes at either end. */
			if (b <= nlen && a < b && edit_distance(sel.quote, m, new_body + a, b - a) > m / 4 + 6)
				bad_fuzzy++;
		} else {
			n_orphan++;
			if (m > 0 && nlen > 0 && best_substring_distance(sel.quote, m, new_body, nlen) <= m / 4)
				bad_orphan++;
		}
		anchor_selector_free(&sel);
	}
	CHECK_INT(bad_sel, 0, "fuzz: selectors have bounded context and a quote from the body");
	CHECK_INT(bad_bounds, 0, "fuzz: spans in bounds and on boundaries");
	CHECK_INT(bad_exact, 0, "fuzz: exact spans equal the quote (%u exact)", n_exact);
	CHECK_INT(bad_fuzzy, 0, "fuzz: fuzzy spans within the edit budget (%u fuzzy)", n_fuzzy);
	CHECK_INT(bad_orphan, 0, "fuzz: orphaned only when nothing is close (%u orphaned)", n_orphan);
	CHECK(n_exact > 100 && n_fuzzy > 100 && n_orphan > 100, "fuzz: every outcome exercised");
}

/* Arbitrary bytes, invalid UTF-8 included: no crash, spans sane. */
static void test_fuzz_bytes(void)
{
	static char old_body[600], new_body[600];
	unsigned iter, bad = 0;

	for (iter = 0; iter < 3000; iter++) {
		size_t olen = 1 + rnd(200), nlen, s, e, i, a = 0, b = 0;
		struct anchor_selector sel;
		enum anchor_how how;

		for (i = 0; i < olen; i++)
			old_body[i] = (char)(0x7c + rnd(0x84)); /* 0x7c..0xff: plenty of UTF-8 junk */
		old_body[olen] = '\0';
		s = rnd((unsigned)olen + 1);
		e = s + rnd((unsigned)(olen - s) + 1);
		anchor_selector_make(old_body, olen, s, e, &sel);
		while (!on_boundary(old_body, olen, s))
			s--;
		while (!on_boundary(old_body, olen, e))
			e--;
		if (strlen(sel.quote) != e - s || memcmp(old_body + s, sel.quote, e - s) != 0 ||
		    strlen(sel.prefix) > s ||
		    memcmp(old_body + s - strlen(sel.prefix), sel.prefix, strlen(sel.prefix)) != 0 ||
		    memcmp(old_body + e, sel.suffix, strlen(sel.suffix)) != 0)
			bad++;
		memcpy(new_body, old_body, olen + 1);
		nlen = olen;
		for (i = 0; i < 4 && nlen > 1; i++) {
			size_t at = rnd((unsigned)nlen);
			if (rnd(2)) {
				memmove(new_body + at, new_body + at + 1, nlen - at);
				nlen--;
			} else {
				new_body[at] = (char)(0x80 + rnd(0x80));
			}
		}
		how = anchor_resolve(new_body, nlen, &sel, s, &a, &b);
		if (how != ANCHOR_ORPHANED && (a >= b || b > nlen || !on_boundary(new_body, nlen, a) ||
		                               !on_boundary(new_body, nlen, b)))
			bad++;
		if (how == ANCHOR_EXACT && memcmp(new_body + a, sel.quote, b - a) != 0)
			bad++;
		anchor_selector_free(&sel);
	}
	CHECK_INT(bad, 0, "fuzz bytes: invalid UTF-8 handled");
}

/* A → B → A: a highlight that drifted to a look-alike in B comes home
 * when A's text is back, in its own case. */
static void test_home(void)
{
	const char *a = "The roads were busy and traffic was heavy near the port on Monday. "
	                "Later in the day, officials said: Traffic was heavy downtown too.";
	const char *b = "The roads were busy near the port on Monday. "
	                "Later in the day, officials said: Traffic was heavy downtown too.";
	struct anchor_selector sel, moved;
	size_t s = off(a, "traffic was heavy"), x = 0, y = 0, x2 = 0, y2 = 0;

	anchor_selector_make(a, strlen(a), s, s + 17, &sel);
	CHECK_INT(anchor_resolve(b, strlen(b), &sel, s, &x, &y), ANCHOR_FUZZY,
	          "in B the quote is gone: an approximate match");
	CHECK(strncmp(b + x, "Traffic was heavy", 17) == 0, "on the look-alike");
	anchor_selector_make(b, strlen(b), x, y, &moved);
	CHECK_INT(anchor_resolve(a, strlen(a), &moved, x, &x2, &y2), ANCHOR_EXACT,
	          "without its home, A's text keeps it on the look-alike");
	CHECK(x2 != s, "(the drift the home quote undoes)");
	CHECK_INT(anchor_resolve_home(a, strlen(a), &moved, sel.quote, x, &x2, &y2), ANCHOR_EXACT,
	          "with its home quote, an exact match");
	CHECK(x2 == s && y2 == s + 17, "back where it was made, in its own case");
	CHECK_INT(anchor_resolve_home(b, strlen(b), &moved, sel.quote, x, &x2, &y2), ANCHOR_EXACT,
	          "while B stays, the home quote is absent and it stays on the look-alike");
	CHECK(x2 == x, "at the same place");
	anchor_selector_free(&sel);
	anchor_selector_free(&moved);
}

/* anchor_move: where a highlight goes, its new selector, and the quote
 * it was made on kept only while its quote differs from it. */
static void test_move(void)
{
	const char *v1 = "The minister said the budget was final.";
	const char *v2 = "Yesterday the minister said the budget was final.";
	const char *v3 = "Yesterday the minister said the budgets were final.";
	const char *v4 = "Nothing of the kind remains here at all.";
	struct anchor_selector sel;
	struct anchor_moved m;
	size_t a = strstr(v1, "the budget was") - v1;

	anchor_selector_make(v1, strlen(v1), a, a + strlen("the budget was"), &sel);
	CHECK(anchor_move(v2, strlen(v2), &sel, NULL, a, &m) == ANCHOR_EXACT, "moved with its text");
	CHECK_INT(m.start, strstr(v2, "the budget was") - v2, "to where its text is now");
	CHECK_STR(m.sel.quote, "the budget was", "its quote unchanged");
	CHECK(m.sel.prefix && strstr(m.sel.prefix, "minister said") != NULL, "a new prefix");
	CHECK(m.home == NULL, "no quote to go home to while it is the same");
	anchor_moved_free(&m);

	CHECK(anchor_move(v3, strlen(v3), &sel, NULL, a, &m) == ANCHOR_FUZZY, "a reworded text");
	CHECK(m.sel.quote && strcmp(m.sel.quote, "the budget was") != 0, "changes its quote");
	CHECK_STR(m.home, "the budget was", "and keeps the quote it was made on");
	{
		/* And back: the text restored brings it home, and the home
		 * quote is dropped again. */
		struct anchor_moved back;
		CHECK(anchor_move(v2, strlen(v2), &m.sel, m.home, m.start, &back) == ANCHOR_EXACT,
		      "the text restored");
		CHECK_STR(back.sel.quote, "the budget was", "brings it home");
		CHECK(back.home == NULL, "with no quote left to go home to");
		anchor_moved_free(&back);
	}
	anchor_moved_free(&m);

	CHECK(anchor_move(v4, strlen(v4), &sel, NULL, a, &m) == ANCHOR_ORPHANED, "a text without it");
	CHECK(m.sel.quote == NULL && m.home == NULL, "leaves nothing to free");
	anchor_selector_free(&sel);
}

int main(void)
{
	test_selector();
	test_selector_multibyte();
	test_exact();
	test_inside_and_reworded();
	test_deleted();
	test_duplicated();
	test_long();
	test_non_ascii();
	test_fuzz();
	test_fuzz_bytes();
	test_home();
	test_move();
	return tap_done();
}
