/* view_links.h — links (view_links.c): the picker that makes one from the
 * reader's target range, the list of links and backlinks, and related
 * passages (registry "picker", "links", "related": view_args.article,
 * .text/.len the body, .start/.end the range, .at a highlight). */
#ifndef GLOSS_VIEW_LINKS_H
#define GLOSS_VIEW_LINKS_H

#include <stddef.h>
#include <stdint.h>

void view_link_picker_open(int64_t article_id, const char *body, size_t body_len, size_t start,
                           size_t end);
void view_links_open(int64_t article_id, int64_t highlight_id);
void view_related_open(int64_t article_id, const char *body, size_t start, size_t end);

#endif
