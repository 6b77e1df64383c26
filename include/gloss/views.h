/* views.h — the view registry (views.c), handed to ui_main by main.c. */
#ifndef GLOSS_VIEWS_H
#define GLOSS_VIEWS_H

#include "gloss/ui.h"

extern const struct view_registry views;

#endif
