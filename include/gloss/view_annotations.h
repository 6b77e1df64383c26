/* view_annotations.h — the annotations list and the tags screen
 * (view_annotations.c; registry "annotations": view_args.article, 0 for
 * all; "tags"). */
#ifndef GLOSS_VIEW_ANNOTATIONS_H
#define GLOSS_VIEW_ANNOTATIONS_H

#include <stdint.h>

/* All annotations (article_id 0) or one article's. */
void view_annotations_open(int64_t article_id);
void view_tags_open(void);

#endif
