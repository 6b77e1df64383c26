/* view_library.h — the library screen (view_library.c), the first one. */
#ifndef GLOSS_VIEW_LIBRARY_H
#define GLOSS_VIEW_LIBRARY_H

#include <stdint.h>

void view_library_open(void);
/* The article after (dir > 0) or before id in the library's current
 * order and filter, moving the library's cursor to it; 0 when none. */
int64_t view_library_neighbour(int64_t id, int dir);

#endif
