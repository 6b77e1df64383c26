/* view_reader.h — the reader (view_reader.c, its annotation actions in
 * reader_actions.c): one article, opened at an offset (registry "reader":
 * view_args.article, .at). */
#ifndef GLOSS_VIEW_READER_H
#define GLOSS_VIEW_READER_H

#include <stdint.h>

void view_reader_open(int64_t article_id, int64_t at_offset);

#endif
