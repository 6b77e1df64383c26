/* view_help.h — the ? screen (view_help.c): the keys of a screen
 * (registry "help": view_args.screen). */
#ifndef GLOSS_VIEW_HELP_H
#define GLOSS_VIEW_HELP_H

void view_help_open(const char *screen);

#endif
