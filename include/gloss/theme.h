/* theme.h — the configuration language (set / bind / color / theme lines,
 * tig-like) and colour values; no curses here: ui.c turns the resolved
 * styles into colour pairs. */
#ifndef GLOSS_THEME_H
#define GLOSS_THEME_H

#include <stddef.h>

#define THEME_DEFAULT_COLOR (-1) /* the terminal's default fg/bg */

/* A colour as written: named (0..15 standard), 0..255, or 24-bit. */
struct theme_color {
	int kind;   /* 0 default, 1 indexed (value 0..255), 2 rgb (value 0xRRGGBB) */
	int value;
};

enum theme_attr {
	THEME_BOLD = 1, THEME_UNDERLINE = 2, THEME_REVERSE = 4, THEME_DIM = 8,
	THEME_ITALIC = 16, THEME_BLINK = 32, THEME_STANDOUT = 64
};

struct theme_style {
	char *area; /* "entity.PERSON", "focus", "status", "tag.key-fact", ... */
	struct theme_color fg, bg;
	int attrs;  /* enum theme_attr bits */
};

/* Parse one colour word ("red", "brightblue", "default", "214", "#ff8800").
 * 0 on success. */
int theme_parse_color(const char *word, struct theme_color *out);
/* Parse attribute words; 0 on success, sets *bits. */
int theme_parse_attr(const char *word, int *bits);

/* The nearest colour a terminal with ncolors (8, 16, 88, 256) can show. */
int theme_color_index(const struct theme_color *c, int ncolors);

/* One parsed configuration line. */
enum config_kind { CONFIG_SET, CONFIG_BIND, CONFIG_COLOR, CONFIG_THEME };

struct config_line {
	enum config_kind kind;
	int lineno;
	int argc;
	char **argv; /* words after the command; quotes ('…' "…") and \ escapes removed */
	struct theme_style style; /* for CONFIG_COLOR */
};

struct config {
	struct config_line *v;
	size_t n, cap;
};

/* Callback for a bad line: "FILE:LINE: message". */
typedef void (*config_error_fn)(void *ctx, const char *file, int line, const char *msg);

/* Parse text (a config file or a theme file) into cfg, appending.  Bad
 * lines are reported through err and skipped; returns the number of bad
 * lines.  Comments start with '#'; blank lines are ignored. */
int config_parse(const char *text, size_t len, const char *file, struct config *cfg,
                 config_error_fn err, void *ctx);
void config_free(struct config *cfg);

/* Read a config or theme file (a regular file only) like
 * util_read_regular_file; but of a file over max bytes, its complete
 * lines within the first max bytes are read and *cut is set, for the
 * caller to say the rest was ignored. */
int config_read_file(const char *path, size_t max, char **text, size_t *len, int *cut);

#endif
