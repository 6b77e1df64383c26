/* ui_internal.h — what ui.c shares with the rest of the screen machinery
 * (ui_prompt.c), not with views. */
#ifndef GLOSS_UI_INTERNAL_H
#define GLOSS_UI_INTERNAL_H

/* Keys: a code point, or a curses key code offset past Unicode. */
#define KEYCODE(k) (0x200000 + (k))

/* Read one key as our key code (-1 on a timeout); KEY_RESIZE is reported
 * as is. */
int ui_read_key(void);
int ui_too_small(void);
/* Draw the top view (or the too-small note) and refresh. */
void ui_draw_all(void);
void ui_handle_resize(void);

#endif
