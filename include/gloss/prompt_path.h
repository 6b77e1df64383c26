/* prompt_path.h — what a prompt for a file or folder needs, without
 * curses: `~`, `~user`, `$VAR` and `${VAR}` expanded as a shell would,
 * Tab completion against the file system, and the last path given to a
 * prompt remembered between runs ($XDG_STATE_HOME/gloss/last-KEY).  The
 * export prompt (`x`) uses it; other path prompts (import) can too. */
#ifndef GLOSS_PROMPT_PATH_H
#define GLOSS_PROMPT_PATH_H

/* The path with `~` and variables expanded; NULL with *err set (free it)
 * when a variable is not set or `~user` is unknown.  Caller frees. */
char *prompt_path_expand(const char *text, char **err);

/* Tab: the text with its last component completed as far as the entries
 * of its folder agree (a folder gets a trailing '/'), written as typed
 * (`~/va` → `~/vault/`); NULL when nothing matches or nothing is added.
 * dirs_only: only folders are offered. */
char *prompt_path_complete(const char *text, int dirs_only);

/* The last path given for key ("export-dir"), as typed, or NULL. */
char *prompt_path_last(const char *key);
/* Remember it; 0, or -1 (nothing is said: remembering is a comfort). */
int prompt_path_remember(const char *key, const char *text);

#endif
