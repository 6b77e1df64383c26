/* test_corrections.c — what the user's corrections do to the
 * recognizer's result over one text: relabel and reject by name or alias
 * key, add at word boundaries over what overlaps, a later one winning. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/corrections.h"
#include "gloss/ner.h"
#include "tap.h"

static const char *text;
static struct ner_result res;

static void scan(const char *t, const struct corrections *c)
{
	ner_result_free(&res);
	text = t;
	ner_scan(t, strlen(t), &res);
	corrections_apply(c, t, strlen(t), &res);
}

static const char *label_of(const char *want)
{
	size_t wl = strlen(want);
	for (size_t i = 0; i < res.n; i++)
		if (res.v[i].end - res.v[i].start == wl && memcmp(text + res.v[i].start, want, wl) == 0)
			return ner_label_name(res.v[i].label);
	return "none";
}

static const char *key_of(const char *want)
{
	size_t wl = strlen(want);
	for (size_t i = 0; i < res.n; i++)
		if (res.v[i].end - res.v[i].start == wl && memcmp(text + res.v[i].start, want, wl) == 0)
			return res.v[i].canon;
	return "(none)";
}

static int sorted(void)
{
	for (size_t i = 1; i < res.n; i++)
		if (res.v[i].start < res.v[i - 1].end)
			return 0;
	return 1;
}

static void one(struct corrections *c, enum correction_kind k, const char *t, int label)
{
	struct correction x = {(int64_t)c->n + 1, k, (char *)t, label, (char *)""};
	c->v = realloc(c->v, (c->n + 1) * sizeof *c->v);
	c->v[c->n++] = x;
}

int main(void)
{
	struct corrections c = {0};
	const char *t = "Dmitry Vesko spoke in Osterby. Later Vesko left. Mercedes said no, "
	                "and the Mercedesbenz fans cheered.";

	CHECK_STR(correction_kind_name(CORRECTION_ADD), "add", "kind names");
	CHECK(correction_kind_from_name("reject") == CORRECTION_REJECT, "kind from its name");
	CHECK(correction_kind_from_name("drop") == -1, "an unknown kind");
	CHECK(strlen(correction_label_meaning(NER_GPE)) > 0, "every label has a meaning");

	scan(t, &c);
	CHECK_STR(label_of("Mercedes"), "PERSON", "the rules' answer without corrections");
	CHECK_STR(key_of("Vesko"), "Dmitry Vesko", "and the short form's key");

	one(&c, CORRECTION_RELABEL, "Mercedes", NER_ORG);
	scan(t, &c);
	CHECK_STR(label_of("Mercedes"), "ORG", "relabel by the text");
	CHECK_STR(label_of("Dmitry Vesko"), "PERSON", "nothing else changes");

	one(&c, CORRECTION_RELABEL, "Dmitry Vesko", NER_ORG);
	scan(t, &c);
	CHECK_STR(label_of("Vesko"), "ORG", "relabel by the alias key reaches the short form");

	one(&c, CORRECTION_REJECT, "Dmitry Vesko", -1);
	scan(t, &c);
	CHECK_STR(label_of("Dmitry Vesko"), "none", "a rejection drops the name");
	CHECK_STR(label_of("Vesko"), "none", "and its short form");

	one(&c, CORRECTION_ADD, "Mercedes", NER_PRODUCT);
	scan(t, &c);
	CHECK_STR(label_of("Mercedes"), "PRODUCT", "a later correction wins");
	CHECK_STR(label_of("Mercedesbenz"), "none", "an added text only between word boundaries");
	CHECK_STR(key_of("Mercedes"), "Mercedes", "an added span's key is its text");

	one(&c, CORRECTION_ADD, "spoke in Osterby", NER_EVENT);
	scan(t, &c);
	CHECK_STR(label_of("spoke in Osterby"), "EVENT", "an added text replaces what it overlaps");
	CHECK_STR(label_of("Osterby"), "none", "the overlapped span is gone");
	CHECK(sorted(), "spans stay sorted, without overlaps");

	one(&c, CORRECTION_ADD, "", NER_ORG);
	one(&c, CORRECTION_RELABEL, "Mercedes", 99);
	scan(t, &c);
	CHECK_STR(label_of("Mercedes"), "PRODUCT", "an empty text or a bad label does nothing");

	/* A text with no entity and no corrected word (a feed item's short
	 * description): nothing to sort, nothing found. */
	scan("the tide came in.", &c);
	CHECK(res.n == 0, "a text with no entity and no corrected word stays without");
	scan("", &c);
	CHECK(res.n == 0, "so does an empty text");

	free(c.v);
	ner_result_free(&res);
	return tap_done();
}
