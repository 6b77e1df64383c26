/* backup.h — the lossless JSON backup of the whole library (backup.c)
 * and its restore (restore.c). */
#ifndef GLOSS_BACKUP_H
#define GLOSS_BACKUP_H

#include <stddef.h>

#include "gloss/store.h"
#include "gloss/store_io.h"
#include "gloss/util.h"

#define BACKUP_FORMAT "gloss-backup"
/* 2: texts that are not UTF-8 in KEY_base64 members (1: \udcXX escapes);
 * feeds and read state. */
#define BACKUP_VERSION 2

/* Write every article, tag, entity, highlight, note, link, correction,
 * feed and read state to file ("-" or NULL: stdout).  0, or -1 with *err
 * set. */
int export_json(struct store *st, const char *file, char **err);

/* Read a backup (any version up to BACKUP_VERSION) and add it to the
 * library in one transaction: on any error nothing changes.  0, or -1
 * with *err set (a syntax error names the byte offset). */
int export_restore(struct store *st, const char *file, struct store_io_stats *stats,
                   char **err);

/* Restore from text[0..len) already read; name is for messages. */
int backup_restore_text(struct store *st, const char *name, const char *text, size_t len,
                        struct store_io_stats *stats, char **err);

/* Append s[0..len) as a JSON string; bytes that are not UTF-8 become
 * \udcXX (as Python's surrogateescape) — for --json listings, which
 * JSON tools read leniently; the backup itself uses base64. */
void json_put_str(struct buf *b, const char *s, size_t len);

#endif
