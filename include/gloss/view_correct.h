/* view_correct.h — view_correct.c: the label picker that corrects a name
 * (adding == 0: relabel or reject it; 1: mark the text as an entity) in
 * every article (registry "correct": view_args.text, .label, .adding),
 * and U's undo of the corrections made on screen (1 when one was undone).
 * Ticks order them against the reader's deletions. */
#ifndef GLOSS_VIEW_CORRECT_H
#define GLOSS_VIEW_CORRECT_H

void view_correct_open(const char *text, int current_label, int adding);
int view_correct_undo(void);
unsigned long view_correct_tick(void);
unsigned long view_correct_last(void);
/* Counts the corrections made and undone on screen: a view whose count
 * differs reloads its entities. */
unsigned long view_correct_changes(void);

#endif
