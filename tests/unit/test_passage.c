/* test_passage.c — what a passage search asks the library for
 * (passage_query_plan) and the library's bare-name rule (entity_alias):
 * the model decisions the store applies. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/entity_alias.h"
#include "gloss/passage.h"
#include "tap.h"

/* Sentences per word, for the tests: "common" is in very many. */
static double docs(void *ctx, const char *w, size_t n)
{
	static const struct { const char *w; double d; } t[] = {
		{"rare", 2}, {"odd", 3}, {"mid", 50}, {"often", 900}, {"common", 30000},
		{"alone", 1}, {"a", 5000},
	};
	++*(int *)ctx;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strlen(t[i].w) == n && memcmp(t[i].w, w, n) == 0)
			return t[i].d;
	return 0;
}

static void test_plan(void)
{
	struct passage_query q;
	int calls = 0;

	passage_query_plan("  \t ", 0, 1, docs, &calls, &q);
	CHECK(q.words == NULL, "no words: nothing to search");

	passage_query_plan("rare often", 0, 0, docs, &calls, &q);
	CHECK_STR(q.words, "rare often", "all the words, as typed");
	CHECK(!q.prefix_last, "no prefix");
	free(q.words);

	calls = 0;
	passage_query_plan("common often", 0, 0, docs, &calls, &q);
	CHECK_STR(q.words, "common often", "the picker: every word, however common");
	CHECK_INT(calls, 0, "the picker counts no word's sentences (it ranks a bounded number)");
	free(q.words);

	passage_query_plan("mid co", 0, 1, docs, &calls, &q);
	CHECK(q.prefix_last, "a last word of two letters is a prefix");
	free(q.words);
	passage_query_plan("mid a", 0, 1, docs, &calls, &q);
	CHECK(!q.prefix_last, "one letter is a word, not a prefix");
	free(q.words);

	passage_query_plan("common alone mid rare odd often", 1, 0, docs, &calls, &q);
	CHECK_STR(q.words, "rare odd mid often", "related: the rarest shared words, rarest first");
	CHECK(!q.prefix_last, "never a prefix");
	free(q.words);

	passage_query_plan("alone", 1, 0, docs, &calls, &q);
	CHECK(q.words == NULL, "related: no word another sentence shares, nothing");

	passage_query_plan("often common", 1, 0, docs, &calls, &q);
	CHECK_STR(q.words, "often common", "at least two words, however many candidates");
	free(q.words);
	passage_query_plan("often mid rare common", 1, 0, docs, &calls, &q);
	CHECK_STR(q.words, "rare mid often", "then no word past the ranking limit");
	free(q.words);
}

static void test_alias(void)
{
	int64_t one[] = {4}, clear[] = {9, 3}, close[] = {8, 3}, none[] = {0, 0};
	char *names[2];

	CHECK(entity_alias_is_bare("PERSON", "Peskov"), "a person's one-word name is bare");
	CHECK(!entity_alias_is_bare("PERSON", "Dmitry Peskov"), "a full name is not");
	CHECK(!entity_alias_is_bare("ORG", "Gazprom"), "nor an organisation's name");
	CHECK_INT(entity_alias_pick(one, 1), 0, "the only person of that name");
	CHECK_INT(entity_alias_pick(clear, 2), 0, "one mentioned three times as often");
	CHECK_INT(entity_alias_pick(close, 2), -1, "two close: nobody");
	CHECK_INT(entity_alias_pick(none, 2), -1, "two never mentioned: nobody");
	CHECK_INT(entity_alias_pick(one, 0), -1, "no candidate: nobody");
	CHECK(entity_alias_bare_names("Kim Jong Un", names) == 0, "a full name lends bare names");
	CHECK_STR(names[0], "Un", "its last word");
	CHECK_STR(names[1], "Kim", "and its first");
	free(names[0]);
	free(names[1]);
	CHECK(entity_alias_bare_names("Peskov", names) == -1, "a one-word name lends none");
}

int main(void)
{
	test_plan();
	test_alias();
	return tap_done();
}
