/* view_mentions.h — the mentions of one entity across the library
 * (view_mentions.c; registry "mentions": view_args.entity). */
#ifndef GLOSS_VIEW_MENTIONS_H
#define GLOSS_VIEW_MENTIONS_H

#include <stdint.h>

void view_mentions_open(int64_t entity_id);

#endif
