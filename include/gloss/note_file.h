/* note_file.h — the file a note is written in with $EDITOR: Markdown
 * (the file is named *.md), opening with the highlight's quote for
 * context in an HTML comment that is not saved. */
#ifndef GLOSS_NOTE_FILE_H
#define GLOSS_NOTE_FILE_H

#include <stddef.h>

/* The first line of the context comment. */
#define NOTE_FILE_MARK "<!-- gloss: the passage this note is about (this comment is not saved)"

/* The editor file's text: the comment with the quote (each line after
 * "> ", "--" written "- -" so the comment cannot end early), a blank
 * line, then the note (may be NULL).  Caller frees. */
char *note_file_text(const char *quote, const char *note);

/* What to save from the edited file (text[0..*len), NUL-terminated):
 * the context comment (when the file still opens with it, up to its
 * "-->" line) and the blank lines after it are removed, and the
 * newlines at the end.  Works in place; updates *len. */
void note_file_strip(char *text, size_t *len);

#endif
