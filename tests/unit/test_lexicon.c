/* test_lexicon.c — the one loader of word lists (lexicon.h) and the lists
 * every module reads through it: entries, comments, the class column. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/compare.h"
#include "gloss/lexicon.h"
#include "gloss/sentence.h"
#include "tap.h"

struct seen {
	int n, with_class;
	char first[32], first_cls[32];
};

static void count(const struct lexicon_entry *e, void *arg)
{
	struct seen *s = arg;
	if (s->n++ == 0) {
		snprintf(s->first, sizeof s->first, "%.*s", (int)e->len, e->word);
		snprintf(s->first_cls, sizeof s->first_cls, "%.*s", (int)e->cls_len, e->cls);
	}
	if (e->cls_len)
		s->with_class++;
}

int main(void)
{
	struct seen s = {0};
	char path[64];
	const struct lexicon_list *l;
	const struct lexicon_entry *e;
	struct compare_qtys q = {0};

	CHECK(lexicon_each("data/none.txt", count, &s) == -1, "a missing file is -1");
	CHECK_STR(lexicon_path("grammar", path, sizeof path), "data/en/grammar.txt", "lists are named by language");

	memset(&s, 0, sizeof s);
	CHECK(lexicon_each("data/en/grammar.txt", count, &s) == 0, "the grammar words load");
	CHECK(s.n > 300, "more than 300 grammar words (%d)", s.n);
	CHECK_INT(s.with_class, s.n, "every grammar word has its class");
	CHECK_STR(s.first, "zero", "comment lines are skipped");
	CHECK_STR(s.first_cls, "num", "the class column follows a tab");

	l = lexicon_words("grammar");
	CHECK(l == lexicon_words("grammar"), "a list is parsed once");
	e = lexicon_find(l, "the", 3, false, NULL);
	CHECK(e && lexicon_has_class(e, "det") && lexicon_has_class(e, "amount-start"),
	      "several classes in one column");
	CHECK(e && !lexicon_has_class(e, "de"), "a class is a whole word of the column");
	CHECK(lexicon_find(l, "THE", 3, true, NULL) != NULL, "folded look-up");
	CHECK(lexicon_find(l, "THE", 3, false, NULL) == NULL, "exact look-up");
	CHECK(lexicon_find(l, "second", 6, false, "time-unit") != NULL, "look-up by class");
	CHECK(lexicon_find(l, "second", 6, false, "det") == NULL, "and not of another class");

	l = lexicon_words("name-particles");
	CHECK(lexicon_find(l, "van", 3, false, NULL) && !lexicon_find(l, "van", 3, false, "joins"),
	      "a particle inside names");
	CHECK(lexicon_find(l, "and", 3, false, "joins") != NULL, "a byline's connector");
	CHECK(lexicon_words("no-such-list")->n == 0, "a missing list is empty");

	/* The abbreviations are one list for the splitter and the importer. */
	CHECK(lexicon_find(lexicon_words("abbreviations"), "Sept", 4, false, NULL) != NULL, "Sept. abbreviates");
	{
		struct sentence_vec sv = {0};
		const char *t = "Pres. Smith arrived. He left.";
		sentence_split(t, strlen(t), &sv);
		CHECK_INT(sv.n, 2, "an abbreviation from the data does not end a sentence");
		free(sv.v);
	}

	/* Currency and weekday columns read by the comparison. */
	compare_scan("It cost A$40 on Sat. and 30 euro.", 33, &q);
	CHECK_INT(q.n, 3, "three quantities");
	if (q.n == 3) {
		CHECK_STR(q.v[0].currency, "AUD", "a sign's code from the currency list");
		CHECK(q.v[1].kind == CMP_WEEKDAY && q.v[1].value == 5, "an abbreviated weekday and its number");
		CHECK_STR(q.v[2].currency, "EUR", "a currency word's code");
	}
	free(q.v);
	q = (struct compare_qtys){0};
	compare_scan("The team won 3 won.", 19, &q);
	CHECK(q.n == 1 && q.v[0].kind == CMP_MONEY && strcmp(q.v[0].currency, "KRW") == 0,
	      "an ambiguous currency word after a number");
	free(q.v);
	return tap_done();
}
