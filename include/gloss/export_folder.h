/* export_folder.h — what an export folder already holds: the article
 * files an earlier `gloss export -d` wrote there ("007-title.md" with
 * "gloss_id: 7" in its front matter), with the title, outlet and counts
 * they were written with and the highlight anchors they contain.  A
 * partial export reads it to keep the folder consistent: its index lists
 * every article file there, and its links reach the files present.
 * Model code: files only, no SQLite. */
#ifndef GLOSS_EXPORT_FOLDER_H
#define GLOSS_EXPORT_FOLDER_H

#include <stddef.h>
#include <stdint.h>

struct export_present {
	int64_t id;
	char *file;           /* its name in the folder */
	char *title, *outlet; /* as its front matter says (outlet may be NULL) */
	int64_t highlights, notes, links, orphaned;
	int64_t *anchors;     /* the highlight ids it has anchors for, sorted */
	size_t nanchors;
};

struct export_folder {
	struct export_present *v; /* by id, one per id */
	size_t n;
};

/* Read the article files of dir (a missing folder is an empty one).
 * Files that are not ours are ignored.  0, or -1 when dir cannot be
 * read. */
int export_folder_read(const char *dir, struct export_folder *out);
void export_folder_free(struct export_folder *f);
const struct export_present *export_folder_find(const struct export_folder *f, int64_t id);
int export_present_has_anchor(const struct export_present *p, int64_t hl);
/* One file's text: 0 when it is an article file gloss wrote (its name
 * starts with the id of its front matter), else -1. */
int export_folder_parse(const char *name, const char *text, size_t len,
                        struct export_present *out);
void export_present_clear(struct export_present *p);

#endif
