/* export_internal.h — what the Markdown export (export.c) shares with its
 * entity pages (export_entities.c). */
#ifndef GLOSS_EXPORT_INTERNAL_H
#define GLOSS_EXPORT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "gloss/store.h"
#include "gloss/util.h"

/* The folder of the entity pages inside the export's folder. */
#define EXPORT_ENTITY_DIR "entities"

/* Where a passage of an article is in the export's folder: its file (NULL
 * when the article has no file there), its title, and the highlight
 * whose anchor holds the passage (0: none, link to the file itself). */
struct export_target {
	const char *file;
	const char *title;
	int64_t hl;
};
/* Fills *out for body[start..end) of article_id. */
typedef void (*export_resolve_fn)(void *ctx, int64_t article_id, size_t start, size_t end,
                                  struct export_target *out);

/* Does the label get a page (people, organisations, places)? */
int export_entity_paged(int label);
/* An entity page's path inside the folder: "entities/012-kim-jong-un.md".
 * Caller frees. */
char *export_entity_path(const struct store_entity *e);
/* A link from an article page to the entity's page, the entity's name as
 * its text: [Name](entities/012-name.md), or with wikilinks
 * [[entities/012-name|Name]]. */
void export_entity_ref(struct buf *b, const struct store_entity *e, int wikilinks);

struct export_page {
	char *path; /* inside the folder */
	struct buf text;
};
/* The pages of the people, organisations and places mentioned in the
 * articles (ids), each listing every mention of the entity in the
 * library, linked to its passage through resolve.  0, or -1 (a store
 * error; the store's message says which). */
int export_entity_pages(struct store *st, const int64_t *articles, size_t narticles, int wikilinks,
                        export_resolve_fn resolve, void *ctx, struct export_page **out, size_t *nout);
void export_pages_free(struct export_page *v, size_t n);

#endif
