/* fuzz_import.c — import_decode then import_clean on arbitrary bytes.  The
 * first byte picks the encoding; the cleaned document must keep the
 * promises of import.h: body valid UTF-8 without control characters other
 * than '\n', no trailing newline, a title that is never NULL. */
#include "config.h"

#include "gloss/import.h"

#include "fuzz_common.h"

static const char *const encodings[] = {
	NULL, "UTF-8", "utf8", "ISO-8859-1", "WINDOWS-1252", "UTF-16", "UTF-16LE",
	"UTF-32", "KOI8-R", "SHIFT_JIS", "no-such-encoding",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *enc;
	char *raw, *text = NULL, err[256];
	size_t len = 0;
	struct import_doc doc;

	if (size < 1)
		return 0;
	enc = encodings[data[0] % (sizeof encodings / sizeof encodings[0])];
	raw = fuzz_dup_exact(data + 1, size - 1);
	err[0] = '\0';
	if (import_decode(raw, size - 1, enc, &text, &len, err, sizeof err) < 0) {
		FUZZ_CHECK(err[0] != '\0');
		FUZZ_CHECK(text == NULL);
		free(raw);
		return 0;
	}
	FUZZ_CHECK(text != NULL);
	FUZZ_CHECK(fuzz_utf8_ok(text, len, 0, NULL));
	FUZZ_CHECK(memchr(text, 0, len) == NULL);

	memset(&doc, 0, sizeof doc);
	err[0] = '\0';
	if (import_clean(text, len, &doc, err, sizeof err) == 0) {
		FUZZ_CHECK(doc.body != NULL && doc.title != NULL);
		FUZZ_CHECK(fuzz_utf8_ok(doc.body, doc.body_len, 1, "\n"));
		FUZZ_CHECK(doc.body_len == 0 || doc.body[doc.body_len - 1] != '\n');
		FUZZ_CHECK(fuzz_utf8_ok(doc.title, strlen(doc.title), 1, NULL));
		if (doc.byline)
			FUZZ_CHECK(fuzz_utf8_ok(doc.byline, strlen(doc.byline), 1, NULL));
		if (doc.outlet)
			FUZZ_CHECK(fuzz_utf8_ok(doc.outlet, strlen(doc.outlet), 1, NULL));
		if (doc.published)
			FUZZ_CHECK(fuzz_utf8_ok(doc.published, strlen(doc.published), 1, NULL));
		if (doc.dateline)
			FUZZ_CHECK(fuzz_utf8_ok(doc.dateline, strlen(doc.dateline), 1, NULL));
		/* No escape sequence survives: ESC is a control byte, checked above. */
		import_doc_free(&doc);
	} else {
		FUZZ_CHECK(err[0] != '\0');
	}
	free(text);
	free(raw);
	return 0;
}
