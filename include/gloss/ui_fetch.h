/* ui_fetch.h — `R` in the library (ui_fetch.c): every feed asked on
 * another thread while the screens keep working; the main loop imports
 * what came (new articles unread) and the library lists them. */
#ifndef GLOSS_UI_FETCH_H
#define GLOSS_UI_FETCH_H

void ui_fetch_start(void);

#endif
