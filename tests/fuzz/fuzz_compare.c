/* fuzz_compare.c — reading quantities and telling differences.  Input:
 * text A, a NUL byte, text B.  Quantities must lie in bounds with a known
 * kind and a finite value; the difference note, when there is one, is a
 * string. */
#include "config.h"

#include <math.h>

#include "gloss/compare.h"

#include "fuzz_common.h"

static void check(const struct compare_qtys *q, size_t len)
{
	size_t i;

	for (i = 0; i < q->n; i++) {
		FUZZ_CHECK(q->v[i].start <= q->v[i].end && q->v[i].end <= len);
		FUZZ_CHECK(q->v[i].kind > CMP_NONE && q->v[i].kind <= CMP_WEEKDAY);
		FUZZ_CHECK(!isnan(q->v[i].value));
		FUZZ_CHECK(memchr(q->v[i].currency, 0, sizeof q->v[i].currency) != NULL);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *sep = memchr(data, 0, size);
	size_t la = sep ? (size_t)(sep - data) : size, lb = sep ? size - la - 1 : 0;
	char *ta = fuzz_dup_str(data, la), *tb = fuzz_dup_str(sep ? sep + 1 : data, lb);
	struct compare_qtys a = { 0 }, b = { 0 };
	char *note;

	compare_scan(ta, la, &a);
	compare_scan(tb, lb, &b);
	check(&a, la);
	check(&b, lb);
	note = compare_differences(ta, &a, tb, &b);
	if (note) {
		FUZZ_CHECK(strlen(note) > 0);
		free(note);
	}
	note = compare_differences(tb, &b, ta, &a);
	free(note);
	free(a.v);
	free(b.v);
	free(ta);
	free(tb);
	return 0;
}
