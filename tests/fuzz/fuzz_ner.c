/* fuzz_ner.c — the entity recognizer and the sentence splitter on
 * arbitrary bytes: spans in bounds, sorted, without overlaps, with a
 * known label and an alias key. */
#include "config.h"

#include "gloss/ner.h"
#include "gloss/sentence.h"

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_dup_exact(data, size);
	struct ner_result r = { 0 };
	struct sentence_vec sv = { 0 };
	size_t i;

	ner_scan(text, size, &r);
	for (i = 0; i < r.n; i++) {
		FUZZ_CHECK(r.v[i].start < r.v[i].end);
		FUZZ_CHECK(r.v[i].end <= size);
		FUZZ_CHECK((int)r.v[i].label >= 0 && r.v[i].label < NER_NLABELS);
		FUZZ_CHECK(ner_label_name(r.v[i].label) != NULL);
		FUZZ_CHECK(r.v[i].canon != NULL);
		if (i > 0)
			FUZZ_CHECK(r.v[i - 1].end <= r.v[i].start);
	}
	ner_result_free(&r);

	sentence_split(text, size, &sv);
	for (i = 0; i < sv.n; i++) {
		FUZZ_CHECK(sv.v[i].start <= sv.v[i].end);
		FUZZ_CHECK(sv.v[i].end <= size);
		if (i > 0)
			FUZZ_CHECK(sv.v[i - 1].end <= sv.v[i].start);
	}
	free(sv.v);
	free(text);
	return 0;
}
