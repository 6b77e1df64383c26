/* ui_feed_choose.h — the library's F (ui_feed_choose.c): a small list of
 * what the library can be narrowed to: every article, the unread ones,
 * or one feed's.  Enter calls chosen (feed_id 0 for all or unread; name
 * is what to call the choice) and closes the list. */
#ifndef GLOSS_UI_FEED_CHOOSE_H
#define GLOSS_UI_FEED_CHOOSE_H

#include <stdint.h>

typedef void ui_feed_chosen(void *ctx, int64_t feed_id, int unread_only, const char *name);

void ui_feed_choose(int64_t current_feed, int current_unread, ui_feed_chosen *chosen, void *ctx);

#endif
