/* fuzz_layout.c — layout_wrap at a width taken from the first byte, and
 * layout_cell_next over the whole input.  Lines must lie in bounds, in
 * order, at most width columns wide unless they hold one wider cell; cells
 * must make progress and send only valid UTF-8 without control bytes. */
#include "config.h"

#include "gloss/layout.h"

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct layout_lines lines = { 0 };
	struct layout_cell cell;
	char scratch[16], *text;
	size_t len, i, pos, prev_end = 0;
	int width;

	if (size < 1)
		return 0;
	width = 1 + data[0] % 120;
	len = size - 1;
	text = fuzz_dup_exact(data + 1, len);

	/* Every cell: progress, in bounds, safe output, width as promised. */
	for (pos = 0; pos < len; pos = cell.end) {
		memset(&cell, 0, sizeof cell);
		layout_cell_next(text, len, pos, &cell, scratch);
		FUZZ_CHECK(cell.start == pos);
		FUZZ_CHECK(cell.end > pos && cell.end <= len);
		FUZZ_CHECK(cell.out != NULL || cell.outlen == 0);
		FUZZ_CHECK(cell.width >= 0);
		FUZZ_CHECK(fuzz_utf8_ok(cell.out, cell.outlen, 1, NULL));
		if (!cell.substituted) {
			FUZZ_CHECK(cell.out == text + pos);
			FUZZ_CHECK(cell.outlen == cell.end - cell.start);
		} else if (cell.out != text + pos) {
			FUZZ_CHECK(cell.outlen < 16);
		}
	}

	layout_wrap(text, len, width, &lines);
	FUZZ_CHECK(lines.n >= 1);
	for (i = 0; i < lines.n; i++) {
		const struct layout_line *l = &lines.v[i];

		FUZZ_CHECK(l->start <= l->end && l->end <= len);
		FUZZ_CHECK(l->start >= prev_end);
		FUZZ_CHECK(l->width >= 0);
		FUZZ_CHECK(l->width == layout_width(text + l->start, l->end - l->start));
		if (l->width > width) {
			/* Only a single cell wider than the line may overflow it. */
			layout_cell_next(text, len, l->start, &cell, scratch);
			FUZZ_CHECK(cell.end == l->end);
		}
		prev_end = l->end;
	}
	free(lines.v);
	free(text);
	return 0;
}
