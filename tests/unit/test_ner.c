/* test_ner.c — the recognizer, on sentences written for these tests.  Most
 * cases are lines of tests/unit/ner_cases.tsv (text, span, label, what is
 * tested), one rule family a group: titles, determiners and possessives
 * outside names; sentence-initial common words; hyphenated and multi-word
 * names; headlines; "said"; places against organisations; dates, times
 * and amounts with their modifiers; alias keys.  Here are the checks of
 * other shapes (counts of a label, several spans at once) and any bytes
 * without a crash or a span across invalid UTF-8. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/ner.h"
#include "../../src/ner_internal.h"
#include "tap.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static struct ner_result res;
static const char *cur;

static void scan(const char *text)
{
	ner_result_free(&res);
	cur = text;
	ner_scan(text, strlen(text), &res);
}

/* The span whose text is exactly want, or NULL. */
static const struct ner_span *find(const char *want)
{
	size_t wl = strlen(want);
	for (size_t i = 0; i < res.n; i++)
		if (res.v[i].end - res.v[i].start == wl && memcmp(cur + res.v[i].start, want, wl) == 0)
			return &res.v[i];
	return NULL;
}

/* The label of the span with exactly that text, or "none". */
static const char *label_of(const char *want)
{
	const struct ner_span *s = find(want);
	return s ? ner_label_name(s->label) : "none";
}

/* How many spans carry the label. */
static int count_label(const char *label)
{
	int n = 0;
	for (size_t i = 0; i < res.n; i++)
		if (strcmp(ner_label_name(res.v[i].label), label) == 0)
			n++;
	return n;
}

static const char *canon_of(const char *want)
{
	const struct ner_span *s = find(want);
	return s ? s->canon : "(no span)";
}

/* Does any span overlap the first occurrence of sub? */
static int covered(const char *sub)
{
	const char *p = strstr(cur, sub);
	size_t a, b;
	if (!p)
		return -1;
	a = (size_t)(p - cur);
	b = a + strlen(sub);
	for (size_t i = 0; i < res.n; i++)
		if (res.v[i].start < b && res.v[i].end > a)
			return 1;
	return 0;
}

/* Sorted, non-overlapping, inside the text, and never across a byte that
 * is not valid UTF-8. */
static int well_formed(const char *text, size_t len, const struct ner_result *r)
{
	size_t prev = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct ner_span *s = &r->v[i];
		if (s->end <= s->start || s->start < prev || s->end > len || !s->canon)
			return 0;
		for (size_t k = s->start; k < s->end;) {
			unsigned char c = (unsigned char)text[k];
			size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
			if (n == 0 || k + n > s->end)
				return 0;
			for (size_t q = 1; q < n; q++)
				if (((unsigned char)text[k + q] >> 6) != 2)
					return 0;
			k += n;
		}
		prev = s->end;
	}
	return 1;
}

static void test_bytes(void)
{
	const char bad[] = "Vladimir\xff Putin met Ang\xc3" "ela Merkel in Ber\xe2\x80" "lin on 5 \xfe" "May.";
	struct ner_result r = {0};
	ner_scan(bad, sizeof bad - 1, &r);
	CHECK(well_formed(bad, sizeof bad - 1, &r), "no span crosses invalid bytes");
	ner_result_free(&r);

	ner_scan("", 0, &r);
	CHECK_INT(r.n, 0, "empty input gives nothing");
	ner_result_free(&r);

	{
		size_t n = 1 << 20;
		char *buf = malloc(n);
		int ok = 1;
		srand(11);
		for (int round = 0; round < 12; round++) {
			size_t len = (size_t)rand() % n;
			for (size_t i = 0; i < len; i++) {
				switch (round % 3) {
				case 0: buf[i] = (char)rand(); break;
				case 1: buf[i] = "Aa .,'-$%:0\n\xc3\xa9\xe2\x80\x99"[rand() % 17]; break;
				default: buf[i] = (char)(rand() % 2 ? 'A' + rand() % 26 : " 1.'\xc3"[rand() % 5]); break;
				}
			}
			ner_scan(buf, len, &r);
			if (!well_formed(buf, len, &r))
				ok = 0;
			ner_result_free(&r);
		}
		CHECK(ok, "random bytes give well-formed spans");
		free(buf);
	}
	{
		/* One 2 MB line, no white space, then one of capitalised words. */
		size_t n = 2 << 20;
		char *buf = malloc(n);
		int ok = 1;
		memset(buf, 'x', n);
		ner_scan(buf, n, &r);
		ok &= well_formed(buf, n, &r);
		ner_result_free(&r);
		for (size_t i = 0; i < n; i++)
			buf[i] = "Abc "[i % 4];
		ner_scan(buf, n, &r);
		ok &= well_formed(buf, n, &r);
		ner_result_free(&r);
		CHECK(ok, "huge lines");
		free(buf);
	}
	{
		/* Long runs of titles, nationalities, initials and numbers. */
		static const char *const unit[] = {"President ", "Japanese ", "Mr. ", "A. ", "the ", "1,000 ",
						   "New York ", "of ", "May ", "Kim-", "'s "};
		size_t n = 1 << 20;
		char *buf = malloc(n + 16);
		int ok = 1;
		for (size_t u = 0; u < ARRAY_LEN(unit); u++) {
			size_t l = strlen(unit[u]), k = 0;
			while (k + l <= n) {
				memcpy(buf + k, unit[u], l);
				k += l;
			}
			ner_scan(buf, k, &r);
			ok &= well_formed(buf, k, &r);
			ner_result_free(&r);
		}
		CHECK(ok, "long repetitive runs");
		free(buf);
	}
}

/* Organisation cues: a capitalised "The" inside a sentence, unit
 * numbers, call signs, leading organisation words, team plurals and
 * definitions ("X is a company"), whose label spreads to other mentions. */
static void test_org_cues(void)
{
	scan("Shares of Zevo.com fell, and Zevo.com Inc said so.");
	CHECK(count_label("PERSON") == 0, "a suffix is never a person");
	scan("Velmora Brakes is a Slovenian car parts manufacturer. Investors like Velmora Brakes.");
	CHECK_INT(count_label("ORG"), 2, "a definition makes an organisation, and spreads");
	scan("Brellow End is a small village near the coast. Tourists love Brellow End.");
	CHECK_INT(count_label("GPE"), 2, "a place definition labels every mention");
}

/* Undo the table's escapes (\n, \t, \\) in place. */
static void unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s == '\\' && (s[1] == 'n' || s[1] == 't' || s[1] == '\\')) {
			s++;
			*o++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : '\\';
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/* Runs every case of the table; each line is one test point. */
static void test_table(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4096], text[4096] = "";
	int lineno = 0, bad_at = 0;
	CHECK(f != NULL, "the table of cases opens (%s)", path);
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		char *col[4], *p = line;
		int n = 0;
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		while (n < 4) {
			col[n++] = p;
			p = strchr(p, '\t');
			if (!p)
				break;
			*p++ = '\0';
		}
		if (n != 4) {
			CHECK(0, "line %d of the table has four columns", lineno);
			continue;
		}
		for (int k = 0; k < 3; k++)
			unescape(col[k]);
		if (strcmp(col[0], "\"") != 0) {
			snprintf(text, sizeof text, "%s", col[0]);
			scan(text);
			if (!bad_at && !well_formed(text, strlen(text), &res))
				bad_at = lineno;
		}
		if (strcmp(col[2], "outside") == 0)
			CHECK_INT(covered(col[1]), 0, "%s (line %d)", col[3], lineno);
		else if (strncmp(col[2], "key=", 4) == 0)
			CHECK_STR(canon_of(col[1]), col[2] + 4, "%s (line %d)", col[3], lineno);
		else
			CHECK_STR(label_of(col[1]), col[2], "%s (line %d)", col[3], lineno);
	}
	fclose(f);
	CHECK(bad_at == 0, "every text of the table gives sorted spans that do not overlap (first that "
	                   "does not: line %d)", bad_at);
}

int main(void)
{
	CHECK_STR(ner_label_name(NER_GPE), "GPE", "label names");
	CHECK_INT(ner_label_from_name("CARDINAL"), NER_CARDINAL, "label from name");
	CHECK_INT(ner_label_from_name("NOPE"), -1, "unknown label name");
	test_table(ABS_TOP_SRCDIR "/tests/unit/ner_cases.tsv");
	{
		/* Every role a rule tests for has its words in data/LANG/rule-words.txt. */
		int empty = -1;
		for (int r = 0; r < RW_COUNT; r++)
			if (ner_rule_words[r].n == 0 && empty < 0)
				empty = r;
		CHECK(empty < 0, "every rule-word role has a word (first empty: %d)", empty);
	}
	{
		/* Issue 20, kind 1: nothing learned in one document (a person
		 * "Brisk", an alias) reaches the next one: the second text gives
		 * the same spans after the first as alone. */
		const char *a = "Officials met Hunter Brisk in Dunmore.\nBrisk said the talks went well.\n";
		const char *b = "BRISK WINDS HIT DUNMORE\nA brisk wind closed the port, officials said.\n";
		struct ner_result alone = {0}, after = {0}, first = {0};
		bool same;
		ner_scan(b, strlen(b), &alone);
		ner_scan(a, strlen(a), &first);
		ner_scan(b, strlen(b), &after);
		same = alone.n == after.n;
		for (size_t k = 0; same && k < alone.n; k++)
			same = alone.v[k].start == after.v[k].start && alone.v[k].end == after.v[k].end &&
			       alone.v[k].label == after.v[k].label && strcmp(alone.v[k].canon, after.v[k].canon) == 0;
		CHECK(same, "a document scanned after another gets the spans it gets alone");
		for (size_t k = 0; k < after.n; k++)
			if (after.v[k].label == NER_PERSON)
				same = false;
		CHECK(same, "a person of an earlier document is no person in a later headline");
		ner_result_free(&alone);
		ner_result_free(&after);
		ner_result_free(&first);
	}
	test_bytes();
	test_org_cues();
	ner_result_free(&res);
	{
		/* Found by fuzzing: a number hyphenated with U+2010 crashed. */
		const char *t = "A 20\xe2\x80\x90year\xe2\x80\x90old man and 1\xe2\x80\x90" "1.";
		struct ner_result r = {0};
		size_t k, bad = 0;
		ner_scan(t, strlen(t), &r);
		for (k = 0; k < r.n; k++)
			bad += r.v[k].end > strlen(t) || r.v[k].start >= r.v[k].end;
		CHECK(bad == 0, "numbers hyphenated with U+2010 scan without a crash, spans in bounds");
		ner_result_free(&r);
	}
	return tap_done();
}
