/* import_internal.h — shared by the three files of the import (not a
 * public header): import_decode.c (decoding, terminal sanitising, the
 * character classes), import_rules.c (the shapes of lines, the boilerplate
 * rules of data/boilerplate.txt, outlets, bylines and date lines) and
 * import.c (paragraphs, metadata, the whole clean-up).  Each uses only the
 * ones listed before it. */
#ifndef GLOSS_IMPORT_INTERNAL_H
#define GLOSS_IMPORT_INTERNAL_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include <unitypes.h>

#include "gloss/util.h"

/* Boilerplate lines are short; a longer line is a paragraph and is never
 * compared with the rules (which also keeps regexec off megabyte lines). */
#define RULE_MAX_BYTES 300

/* What a line is, by the rules of data/boilerplate.txt. */
enum line_class { L_TEXT, L_DROP, L_CREDIT, L_TAIL, L_AUTHOR, L_META, NCLASSES };

/* ---- import_decode.c: characters, sanitising --------------------------- */

bool imp_is_space_uc(ucs4_t c);
/* The first and the last character of s[0..n) (0 when none); *start gets
 * the offset of the last. */
ucs4_t imp_first_uc(const char *s, size_t n);
ucs4_t imp_last_uc(const char *s, size_t n, size_t *start);
/* Control characters and escape sequences out, lines and whitespace
 * normalised, appended to out. */
void imp_sanitize(const char *text, size_t n, struct buf *out);
/* One line with its runs of spaces collapsed and its ends trimmed. */
char *imp_collapse_line(const char *s, size_t n, size_t *outlen);

/* ---- import_rules.c: shapes of lines, the rules, outlets, dates -------- */

size_t imp_count_chars(const char *s, size_t n);
size_t imp_count_words(const char *s, size_t n);
bool imp_is_closing(ucs4_t c);
bool imp_ends_sentence(const char *s, size_t n);
bool imp_ends_with_period(const char *s, size_t n);
bool imp_headline_like(const char *s, size_t n);
bool imp_is_upper_initial(const char *w, size_t n);
bool imp_keyword_like(const char *s, size_t n);
bool imp_bullet_item(const char *s, size_t n);
/* The lexicon list of the importer's line-rule words, by class
 * (data/en/import-words.txt). */
#define IMPORT_WORDS "import-words"
/* Load data/boilerplate.txt, data/outlets.txt and the date patterns once. */
void imp_load(void);
enum line_class imp_match_rules(const char *s, size_t n);
const char *imp_outlet_exact(const char *s, size_t n, bool icase);
const char *imp_outlet_within(const char *s, size_t n);
const char *imp_outlet_line(const char *s, size_t n);
char *imp_date_line(const char *s, size_t n);
bool imp_name_like(const char *s, size_t n);
bool imp_byline_line(const char *s, size_t n, char **name, const char **outlet);
bool imp_desk_line(const char *s, size_t n);
char *imp_desk_outlet(const char *s);
bool imp_is_date(const char *s);
bool imp_find_time_stamp(const char *s, regmatch_t *m);

#endif
