/* fuzz_extract.c — the saved-page extractor on arbitrary bytes: parse as
 * HTML, find the article and its metadata, clean the text as import
 * does.  Whatever the input, it either fails with a reason or keeps the
 * promises of extract.h and import.h: every field valid UTF-8 on one
 * line, the body without control characters other than '\n', published
 * in ISO 8601. */
#include "config.h"

#include "gloss/date.h"
#include "gloss/extract.h"
#include "gloss/import.h"

#include "fuzz_common.h"

static void field_ok(const char *s)
{
	if (!s)
		return;
	FUZZ_CHECK(fuzz_utf8_ok(s, strlen(s), 1, NULL));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *raw = fuzz_dup_exact(data, size), err[256];
	struct extract_page p;
	struct import_doc doc;

	err[0] = '\0';
	if (extract_page(raw, size, NULL, size % 2 ? "https://example.org/a/b" : NULL, &p, err,
	                 sizeof err) != 0) {
		FUZZ_CHECK(err[0] != '\0');
		free(raw);
		return 0;
	}
	FUZZ_CHECK(p.title != NULL && p.text != NULL);
	FUZZ_CHECK(fuzz_utf8_ok(p.text, p.text_len, 0, NULL));
	if (p.published)
		FUZZ_CHECK(date_is_iso(p.published, strlen(p.published)));
	if (import_clean_lines(p.text, p.text_len, &doc, err, sizeof err) == 0) {
		FUZZ_CHECK(fuzz_utf8_ok(doc.body, doc.body_len, 1, "\n"));
		FUZZ_CHECK(doc.body_len == 0 || doc.body[doc.body_len - 1] != '\n');
		import_doc_free(&doc);
	}
	{
		char *t = import_clean_field(p.title), *b = import_clean_field(p.byline);
		field_ok(t);
		field_ok(b);
		free(t);
		free(b);
	}
	extract_page_free(&p);
	free(raw);
	return 0;
}
