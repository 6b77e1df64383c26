/* sentence.h — sentence boundaries in UTF-8 text.  libunistring gives only
 * character properties, so the rules are gloss's own: a sentence ends at
 * . ! ? (and closing quotes/brackets after them) followed by space and an
 * upper-case letter, digit or opening quote, or at a paragraph break;
 * abbreviations (Gov., Adm., U.S., Mr., initials "J.") do not end one. */
#ifndef GLOSS_SENTENCE_H
#define GLOSS_SENTENCE_H

#include <stddef.h>

struct sentence_span {
	size_t start, end; /* byte offsets; leading/trailing white space excluded */
};

struct sentence_vec {
	struct sentence_span *v;
	size_t n, cap;
};

/* Split text[0..len) into sentences, appending to out. */
void sentence_split(const char *text, size_t len, struct sentence_vec *out);

#endif
