/* note_file.c — the $EDITOR file of a note (see note_file.h).  Model
 * code: the reader writes and reads the file, this makes and strips its
 * text. */
#include "config.h"

#include <string.h>

#include "gloss/note_file.h"
#include "gloss/util.h"

char *note_file_text(const char *quote, const char *note)
{
	struct buf b = {0};
	const char *q = quote ? quote : "";

	buf_adds(&b, NOTE_FILE_MARK "\n> ");
	for (; *q; q++) {
		if (*q == '\n')
			buf_adds(&b, "\n> ");
		else if (*q == '-' && q[1] == '-')
			buf_adds(&b, "- ");
		else if (*q != '\r')
			buf_addc(&b, *q);
	}
	buf_adds(&b, "\n\nWrite the note in Markdown below this comment.\n-->\n\n");
	if (note)
		buf_adds(&b, note);
	return buf_steal(&b);
}

void note_file_strip(char *text, size_t *len)
{
	size_t n = *len, mark = strlen(NOTE_FILE_MARK), start = 0;

	if (n >= mark && memcmp(text, NOTE_FILE_MARK, mark) == 0) {
		const char *p = text;
		for (;;) {
			const char *nl = memchr(p, '\n', n - (size_t)(p - text));
			const char *line = nl ? nl + 1 : NULL;
			if (!line)
				break;
			if ((size_t)(text + n - line) >= 3 && memcmp(line, "-->", 3) == 0 &&
			    (line + 3 == text + n || line[3] == '\n' || line[3] == '\r')) {
				start = (size_t)(line - text) + 3;
				break;
			}
			p = line;
		}
		while (start < n && (text[start] == '\n' || text[start] == '\r'))
			start++;
	}
	memmove(text, text + start, n - start);
	n -= start;
	while (n && (text[n - 1] == '\n' || text[n - 1] == '\r'))
		n--;
	text[n] = '\0';
	*len = n;
}
