/* layout.h — turning a paragraph of UTF-8 into display lines at a width,
 * and display cells for the terminal.  Knows nothing of curses or SQLite:
 * the reader asks for the lines of the paragraphs it is about to draw
 * (lazy layout) and styles them itself from byte ranges. */
#ifndef GLOSS_LAYOUT_H
#define GLOSS_LAYOUT_H

#include <stddef.h>
#include <stdio.h>

#include "gloss/util.h"

struct layout_line {
	size_t start, end; /* byte offsets into the text given to layout_wrap;
	                      end excludes the trailing space/newline */
	int width;         /* display columns of text[start..end) as drawn */
};

struct layout_lines {
	struct layout_line *v;
	size_t n, cap;
};

/* Wrap text[0..len) (one paragraph; it contains no '\n' that matters) to
 * at most width columns (width >= 1) using UAX #14 line breaking
 * (libunistring), display widths of graphemes, and hard breaks at grapheme
 * boundaries for words wider than the line.  Never cuts inside a grapheme
 * cluster; every line except for a single grapheme wider than width fits.
 * Control characters count with the width of their visible symbol (see
 * layout_cell_next).  Appends to out. */
void layout_wrap(const char *text, size_t len, int width, struct layout_lines *out);

/* One display cell group: a grapheme cluster, or the visible symbol for a
 * byte or character that must not reach the terminal raw. */
struct layout_cell {
	size_t start, end;   /* bytes of the source consumed */
	const char *out;     /* bytes to send to the terminal (valid UTF-8, no controls) */
	size_t outlen;
	int width;           /* columns (0..2, or more for a symbol like <U+202E>) */
	int substituted;     /* 1 if out is a visible symbol, not the source */
};

/* Decode the cell that starts at text[pos] (pos < len).  Invalid UTF-8 →
 * U+FFFD for one byte; C0/C1 controls, DEL → Control Pictures (U+2400…)
 * or a "<U+0085>"-style symbol; bidirectional overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), and other invisible format characters
 * that can spoof text → "<U+202E>"-style symbol; TAB → one space of
 * width 1 (the wrapper treats it as a space).  scratch holds the symbol
 * text when one is produced (at least 16 bytes). */
void layout_cell_next(const char *text, size_t len, size_t pos,
                      struct layout_cell *cell, char scratch[16]);

/* The one way data reaches a terminal outside the screen: text written to
 * f as layout_cell_next draws it (escape sequences, controls, bidi
 * overrides and invalid bytes as visible symbols); newlines kept and tabs
 * as spaces, or with max_width >= 0 everything on one line cut to at most
 * max_width columns.  Returns the columns written. */
int layout_fput_safe(FILE *f, const char *text, size_t len, int max_width);
/* A formatted message through layout_fput_safe (newlines kept). */
void layout_fprintf_safe(FILE *f, const char *fmt, ...) GLOSS_PRINTF(2, 3);

/* Display width of text[0..len) as layout_cell_next would draw it. */
int layout_width(const char *text, size_t len);

#endif
