/* export.h — what leaves gloss: Markdown (one file per article plus an
 * index, or one file) for notes vaults, static-site generators and git;
 * the lossless JSON backup and its restore are in backup.h (included
 * here).  The CLI commands (src/cli_export.c) and the UI call the same
 * functions. */
#ifndef GLOSS_EXPORT_H
#define GLOSS_EXPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gloss/backup.h"
#include "gloss/store.h"
#include "gloss/store_io.h"
#include "gloss/util.h"

/* Usage of the two commands, shared by cli.c's command table (--help)
 * and cli_export.c's messages, so they cannot drift apart. */
#define EXPORT_USAGE                                                                      \
	"[--article ID]... [--tag NAME]... [-o FILE | -d DIR] [--wikilinks] [--timestamps] " \
	"[--entities] [--all] | --json [-o FILE]"
#define RESTORE_USAGE "FILE.json|-"

/* --- Markdown --- */

struct export_opts {
	const int64_t *articles; /* these articles only (none: every article) */
	size_t narticles;
	const char *const *tags; /* highlights with one of these tags only */
	size_t ntags;
	const char *dir;         /* one file per article + index.md, or */
	const char *file;        /* everything in one file ("-": stdout) */
	int wikilinks;           /* [[file#^h12]] instead of [..](file.md#h12) */
	int timestamps;          /* dates of export and of annotations */
	int entities;            /* a people / organisations / places summary;
	                          * in a folder, a page for each (entities/) */
	int all;                 /* a folder export without --article: also the
	                          * articles with no annotation (left out
	                          * otherwise) */
};

/* Export to o->dir (created when missing) or o->file.  Returns the number
 * of files written (>= 0), or -1 with *err set ("cannot export to 'PATH':
 * REASON"; free it).  Files are written to a temporary name beside the
 * destination, synced and renamed; in a directory nothing is renamed
 * until every file is written, so a failure leaves the files already
 * there as they were.  A file an earlier export wrote for the same
 * article under another name (its title changed) is removed. */
int export_markdown(struct store *st, const struct export_opts *o, char **err);

/* The file name of an article's export: "007-kim-jong-un-reaches-russia.md"
 * (ASCII, lowercase, at most EXPORT_NAME_MAX bytes).  Caller frees. */
#define EXPORT_NAME_MAX 80
char *export_file_name(int64_t id, const char *title);

/* Escaping, exposed for the tests.  Inline text: every character that
 * could start Markdown structure is escaped, so CommonMark renders exactly
 * s.  With hard_breaks, a newline becomes a hard line break followed by
 * line_prefix (e.g. "> " inside a block quote); without, a character
 * reference.  At the start of the output the text is at a line start. */
void export_md_text(struct buf *b, const char *s, size_t len, int hard_breaks,
                    const char *line_prefix);
/* A note's Markdown, kept as Markdown, each line after prefix (e.g. "> "
 * inside the highlight's block quote), made safe: no heading, no raw
 * HTML, no image, no link but http(s), mailto and relative ones, nothing
 * that leaves the block (see src/export_note.c).  Ends with a newline. */
void export_md_note(struct buf *b, const char *note, size_t len, const char *prefix);
/* A YAML double-quoted scalar that a YAML parser reads back as s. */
void export_yaml_str(struct buf *b, const char *s);
/* A tag name as an Obsidian / GitHub-safe #tag (without the '#').  Caller
 * frees. */
char *export_tag_word(const char *name);

/* Distinct words for a set of distinct tag names: the same word as
 * export_tag_word, except that when several names give one word ("climate
 * change" and "climate-change"), the name that is its own word (else the
 * first by name) keeps it and the others get "-2", "-3", ... (a suffix no
 * other name's word has).  Deterministic for a given set. */
struct export_tag_words {
	char **names; /* sorted */
	char **words;
	size_t n;
};
void export_tag_words_make(struct export_tag_words *out, const char *const *names, size_t n);
/* name's word (export_tag_word for a name not in the set).  Caller frees. */
char *export_tag_words_get(const struct export_tag_words *w, const char *name);
void export_tag_words_free(struct export_tag_words *w);

#endif
