/* import.h — from the bytes of a file to a cleaned article: encoding
 * checks, control and escape sequences removed, paragraphs found, web
 * boilerplate dropped (patterns from data/boilerplate.txt), title, byline,
 * outlet and dateline detected.  Knows nothing of SQLite: store.c saves
 * what this produces. */
#ifndef GLOSS_IMPORT_H
#define GLOSS_IMPORT_H

#include <stddef.h>

/* Files larger than this are refused (documented in the man page). */
#define IMPORT_MAX_BYTES ((size_t)256 * 1024 * 1024)

struct import_doc {
	char *body;      /* cleaned text: paragraphs separated by one '\n', no
	                    trailing newline, valid UTF-8, NFC, no control
	                    characters other than '\n' */
	size_t body_len;
	char *title;     /* never NULL; "" when none was found */
	char *byline;    /* NULL when none */
	char *outlet;    /* NULL when none */
	char *published; /* NULL when none; as written ("Tuesday", "12 Sep 2023") or ISO */
	char *dateline;  /* NULL when none ("New Delhi") */
	char *lang;      /* NULL when unknown ("en", "pt-BR"), from a web page */
	char *url;       /* NULL when unknown; a web page's canonical address */
	size_t words;    /* words in body */
	/* Page furniture (comments, related links) cut off after a tail line
	 * such as "Leave a Reply": how many words, and that line; 0 and NULL
	 * when nothing was. */
	size_t tail_words;
	char *tail_marker;
};

/* Convert raw bytes in encoding (NULL or "UTF-8" for none) to UTF-8.  On
 * error returns -1 and writes a reason ("not UTF-8 text (invalid byte 0xff at
 * offset 12)", "not text (NUL byte at offset 3)", "empty file", "unknown
 * encoding 'x'") into err. */
int import_decode(const char *raw, size_t len, const char *encoding,
                  char **out, size_t *outlen, char *err, size_t errsz);

/* Clean decoded UTF-8 text into doc.  Returns -1 with a reason in err
 * when nothing readable is left ("no text left after cleaning"). */
int import_clean(const char *text, size_t len, struct import_doc *doc,
                 char *err, size_t errsz);

/* Clean text whose structure is already known (a web page's paragraphs,
 * one a line): the same sanitising and normalising as import_clean, and
 * lines that the boilerplate rules drop or take for image credits left
 * out; no title, byline or tail detection.  doc->title is "". */
int import_clean_lines(const char *text, size_t len, struct import_doc *doc, char *err,
                       size_t errsz);

/* One metadata field (a title, a byline) cleaned as body text is, on one
 * line; NULL when nothing is left. */
char *import_clean_field(const char *s);

/* s[i] is ESC: the offset just past the escape sequence it starts (CSI,
 * OSC and the other strings, or a two-byte escape), as the import
 * sanitiser skips it. */
size_t import_skip_escape(const char *s, size_t n, size_t i);

void import_doc_free(struct import_doc *doc);

#endif
