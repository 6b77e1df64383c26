/* ui_list.h — the generic list screen (ui_list.c): rows of a left and a
 * right column, each optionally leading to an article at an offset (Enter
 * opens the reader there); extra, when given, handles further actions on
 * the selected row. */
#ifndef GLOSS_UI_LIST_H
#define GLOSS_UI_LIST_H

#include <stddef.h>
#include <stdint.h>

#include "gloss/ui.h"

struct ui_list;
struct ui_list *ui_list_new(const char *screen, const char *title, int keycol);
void ui_list_add(struct ui_list *l, const char *left, const char *right, int64_t article,
                 size_t offset);
/* The left column at least width columns wide. */
void ui_list_widen(struct ui_list *l, int width);
void ui_list_set_extra(struct ui_list *l, int (*extra)(void *ctx, enum request req, size_t row),
                       void *ctx, void (*free_ctx)(void *ctx));
/* Put the cursor on a row (after the rows are added). */
void ui_list_set_cursor(struct ui_list *l, size_t row);
void ui_list_open(struct ui_list *l);

#endif
