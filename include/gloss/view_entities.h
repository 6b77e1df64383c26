/* view_entities.h — the entity index (view_entities.c). */
#ifndef GLOSS_VIEW_ENTITIES_H
#define GLOSS_VIEW_ENTITIES_H

void view_entities_open(void);

#endif
