/* test_textmatch.c — typed text found as a reader expects: quotes, runs
 * of spaces and (when asked) letter case alike; offsets into the text. */
#include "config.h"

#include <string.h>

#include "gloss/textmatch.h"
#include "tap.h"

/* "START-END" of the first match from 0, or "none". */
static const char *find(const char *text, const char *q, int fold)
{
	static char out[64];
	struct textmatch m;
	size_t s, e;

	if (textmatch_init(&m, q, strlen(q), fold) != 0)
		return "empty";
	if (textmatch_next(&m, text, strlen(text), 0, &s, &e))
		snprintf(out, sizeof out, "%zu-%zu", s, e);
	else
		snprintf(out, sizeof out, "none");
	textmatch_free(&m);
	return out;
}

static int count(const char *text, const char *q, int fold)
{
	struct textmatch m;
	size_t s, e, from = 0;
	int n = 0;

	if (textmatch_init(&m, q, strlen(q), fold) != 0)
		return -1;
	while (textmatch_next(&m, text, strlen(text), from, &s, &e)) {
		n++;
		from = e > s ? e : s + 1;
	}
	textmatch_free(&m);
	return n;
}

int main(void)
{
	const char *t = "He said \xe2\x80\x9cwe won\xe2\x80\x99t  go\xe2\x80\x9d today.\n\nThe  Kremlin  said.";

	CHECK_STR(find("plain text here", "text", 0), "6-10", "an exact match");
	CHECK_STR(find(t, "\"we won't go\"", 0), "8-28", "straight quotes find curly ones, two spaces one");
	CHECK_STR(find("it's \"so\"", "it\xe2\x80\x99s \xe2\x80\x9cso\xe2\x80\x9d", 0), "0-9",
	          "curly quotes find straight ones");
	CHECK_STR(find(t, "the kremlin said", 0), "none", "case counts unless folded");
	CHECK_STR(find(t, "the kremlin said", 1), "37-55", "folded: any case, runs of spaces alike");
	CHECK_STR(find(t, "today. the", 1), "29-40", "a paragraph break is a run of spaces");
	CHECK_STR(find(t, "  won't   go  ", 0), "14-25", "the query's own spaces: leading and trailing dropped, runs as one");
	CHECK_STR(find("wontgo", "won t", 0), "none", "a space needs a space");
	CHECK_STR(find("\xc3\x89LAN \xc3\xa9lan", "\xc3\xa9lan", 1), "0-5", "letters beyond ASCII fold too");
	CHECK_STR(find("caf\xc3\xa9 no\xc2\xa0" "break", "no break", 0), "6-15", "a no-break space is a space");
	CHECK_STR(find("bad \xff byte here", "byte", 0), "6-10", "invalid bytes are skipped over");
	CHECK_STR(find("abc", "   ", 0), "empty", "only spaces is nothing to find");
	CHECK_INT(count("the The THE tHe", "the", 1), 4, "every occurrence, folded");
	CHECK_INT(count("the The THE tHe", "the", 0), 1, "only the exact one, not folded");
	CHECK_INT(textmatch_smartcase("the kremlin", 11), 1, "no capital: case ignored");
	CHECK_INT(textmatch_smartcase("the Kremlin", 11), 0, "a capital: case counts");
	CHECK_INT(textmatch_smartcase("\xc3\xa9lan", 5), 1, "lower-case beyond ASCII");
	CHECK_INT(textmatch_smartcase("\xc3\x89lan", 5), 0, "a capital beyond ASCII");
	return tap_done();
}
