/* test_sentence.c — sentence boundaries: abbreviations, initials and
 * dotted acronyms do not end a sentence; line breaks always do; any
 * bytes give sorted, non-empty, non-overlapping spans. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/sentence.h"
#include "tap.h"

/* The sentences of text joined by '|'. */
static char *split(const char *text)
{
	static char out[4096];
	struct sentence_vec v = {0};
	size_t n = 0;

	sentence_split(text, strlen(text), &v);
	out[0] = '\0';
	for (size_t i = 0; i < v.n; i++) {
		size_t l = v.v[i].end - v.v[i].start;
		if (i && n < sizeof out - 1)
			out[n++] = '|';
		if (n + l >= sizeof out)
			break;
		memcpy(out + n, text + v.v[i].start, l);
		n += l;
	}
	out[n] = '\0';
	free(v.v);
	return out;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Spans must be sorted, non-empty, non-overlapping and inside the text,
 * and must not start or end with white space. */
static int well_formed(const char *text, size_t len)
{
	struct sentence_vec v = {0};
	int ok = 1;
	size_t prev = 0;

	sentence_split(text, len, &v);
	for (size_t i = 0; i < v.n; i++) {
		const struct sentence_span *s = &v.v[i];
		if (s->end <= s->start || s->start < prev || s->end > len)
			ok = 0;
		else if (is_ws(text[s->start]) || is_ws(text[s->end - 1]))
			ok = 0;
		prev = s->end;
	}
	free(v.v);
	return ok;
}

int main(void)
{
	CHECK_STR(split("The ship sailed. It sank."), "The ship sailed.|It sank.", "two plain sentences");
	CHECK_STR(split("Did it sink? Yes! It did."), "Did it sink?|Yes!|It did.", "question and exclamation marks");
	CHECK_STR(split("Gov. Anna Berg spoke. Adm. Lee nodded."), "Gov. Anna Berg spoke.|Adm. Lee nodded.",
		  "Gov. and Adm. do not end a sentence");
	CHECK_STR(split("Mr. Smith met Dr. Jones."), "Mr. Smith met Dr. Jones.", "Mr. and Dr.");
	CHECK_STR(split("She moved to the U.S. in May. Then she left."),
		  "She moved to the U.S. in May.|Then she left.", "U.S. inside a sentence");
	CHECK_STR(split("The poet T. S. Marlow wrote it. Others read it."),
		  "The poet T. S. Marlow wrote it.|Others read it.", "initials do not end a sentence");
	CHECK_STR(split("a line without a stop\nanother line"), "a line without a stop|another line",
		  "a line break always ends a sentence");
	CHECK_STR(split("He said \"Stop.\" Then he left."), "He said \"Stop.\"|Then he left.",
		  "closing quote stays with its sentence");
	CHECK_STR(split("It fell 3.5 percent. Prices rose."), "It fell 3.5 percent.|Prices rose.",
		  "a decimal point is not a full stop");
	CHECK_STR(split("wait... and then it came."), "wait... and then it came.",
		  "an ellipsis before a lower-case word");
	CHECK_STR(split("It cost 5 dollars. 2024 was worse."), "It cost 5 dollars.|2024 was worse.",
		  "a digit may start a sentence");
	CHECK_STR(split("   \n\n  "), "", "white space only gives nothing");
	CHECK_STR(split(""), "", "empty input gives nothing");
	CHECK_STR(split("  Padded.  \n"), "Padded.", "white space around is excluded");
	CHECK_STR(split("\xc2\xabQuoted.\xc2\xbb Next one."), "\xc2\xabQuoted.\xc2\xbb|Next one.",
		  "guillemets close a sentence");

	{
		const char bad[] = "Broken \xff\xfe bytes. More \xc3 here.\n\xe2\x80";
		CHECK(well_formed(bad, sizeof bad - 1), "invalid UTF-8 gives well-formed spans");
	}
	{
		/* random bytes */
		char *buf = malloc(1 << 16);
		int ok = 1;
		srand(7);
		for (int round = 0; round < 20; round++) {
			size_t n = (size_t)(rand() % (1 << 16));
			for (size_t i = 0; i < n; i++)
				buf[i] = (char)(round % 2 ? rand() : " .!?\nAb\"'"[rand() % 10]);
			if (!well_formed(buf, n))
				ok = 0;
		}
		CHECK(ok, "random bytes give well-formed spans");
		free(buf);
	}
	{
		/* a huge line */
		size_t n = 4 << 20;
		char *buf = malloc(n);
		for (size_t i = 0; i < n; i++)
			buf[i] = "Word. "[i % 6];
		CHECK(well_formed(buf, n), "a 4 MB line of short sentences");
		free(buf);
	}
	return tap_done();
}
