/* fuzz_anchor.c — re-anchoring between random old and new texts.  Input:
 * two 16-bit numbers (where the highlight starts in the old text and how
 * long it is), then the old text, a NUL byte, the new text.  The selector
 * is built on the old text and resolved in the new one; a found span must
 * lie in bounds and on character boundaries, and resolving in the old
 * text itself must find the quote exactly. */
#include "config.h"

#include "gloss/anchor.h"

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct anchor_selector sel = { 0 };
	const uint8_t *sep;
	char *old, *new_;
	size_t olen, nlen, a, b, start = 0, end = 0;
	enum anchor_how how;

	if (size < 4)
		return 0;
	a = (size_t)data[0] | (size_t)data[1] << 8;
	b = (size_t)data[2] | (size_t)data[3] << 8;
	data += 4;
	size -= 4;
	sep = memchr(data, 0, size);
	olen = sep ? (size_t)(sep - data) : size;
	nlen = sep ? size - olen - 1 : 0;
	old = fuzz_dup_exact(data, olen);
	new_ = fuzz_dup_exact(sep ? sep + 1 : data, nlen);
	if (olen) {
		a %= olen + 1;
		b = a + b % (olen - a + 1);
	} else {
		a = b = 0;
	}

	anchor_selector_make(old, olen, a, b, &sel);
	FUZZ_CHECK(sel.quote && sel.prefix && sel.suffix);
	FUZZ_CHECK(strlen(sel.quote) <= b - (a < b ? a : b) + 3);

	how = anchor_resolve(new_, nlen, &sel, a, &start, &end);
	if (how != ANCHOR_ORPHANED) {
		FUZZ_CHECK(how == ANCHOR_EXACT || how == ANCHOR_FUZZY);
		FUZZ_CHECK(start <= end && end <= nlen);
		FUZZ_CHECK(fuzz_on_boundary(new_, nlen, start));
		FUZZ_CHECK(fuzz_on_boundary(new_, nlen, end));
		if (how == ANCHOR_EXACT)
			FUZZ_CHECK(end - start == strlen(sel.quote) &&
			           memcmp(new_ + start, sel.quote, end - start) == 0);
	}

	/* The unchanged text: a quote without NUL is found where it is. */
	start = end = 0;
	how = anchor_resolve(old, olen, &sel, a, &start, &end);
	if (sel.quote[0]) {
		FUZZ_CHECK(how == ANCHOR_EXACT);
		FUZZ_CHECK(end <= olen && end - start == strlen(sel.quote) &&
		           memcmp(old + start, sel.quote, end - start) == 0);
	}
	anchor_selector_free(&sel);
	free(old);
	free(new_);
	return 0;
}
