/* ui_import.h — `i` on the screens (ui_import.c): asks for a URL or a
 * path and imports it on another thread; the first ask adds a task to the
 * main loop (ui_add_task) that writes the store when the thread is done
 * and cancels what is still running at the end. */
#ifndef GLOSS_UI_IMPORT_H
#define GLOSS_UI_IMPORT_H

void ui_import_ask(void);

#endif
