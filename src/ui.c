/* ui.c — curses set-up and tear-down, the configuration (bindings,
 * settings, theme), colour pairs, the view stack and its event loop,
 * the status line and its key hints.  Views decide what to draw; this
 * file decides when, and reads the keys (ui_prompt.c reads them through
 * it while a prompt is open).  It knows views only by the names in the
 * registry ui_main is given (views.c), so it links to none of them. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "gloss/cli.h"
#include "gloss/embedded.h"
#include "gloss/layout.h"
#include "gloss/theme.h"
#include "gloss/ui.h"
#include "gloss/util.h"
#include "ui_internal.h"

struct ui ui;


struct binding {
	char screen[16];
	int key;
	enum request req;
};

static struct {
	struct binding *v;
	size_t n, cap;
} bindings;

static char *theme_name;
/* Theme styles for tag.NAME areas, looked up by tag name. */
static struct {
	struct tag_style {
		char *name;
		struct ui_style style;
	} *v;
	size_t n, cap;
} tag_styles;
static struct buf config_errors; /* the first few "FILE:LINE: message"s */
static int config_error_count;

static const char *const req_names[REQ_COUNT] = {
#define REQ_NAME(e, name, help) name,
	REQ_INFO(REQ_NAME)
#undef REQ_NAME
};
static const char *const req_help[REQ_COUNT] = {
#define REQ_HELP(e, name, help) help,
	REQ_INFO(REQ_HELP)
#undef REQ_HELP
};
static const char *const area_names[AREA_ENTITY] = {
#define AREA_NAME(e, name) name,
	AREA_INFO(AREA_NAME)
#undef AREA_NAME
};
/* The view registry, from ui_main. */
static const struct view_registry *registry;

const struct view_entry *ui_view(const char *name)
{
	size_t i;

	for (i = 0; registry && i < registry->n; i++)
		if (strcmp(registry->v[i].name, name) == 0)
			return &registry->v[i];
	return NULL;
}

void ui_open(const char *name, const struct view_args *a)
{
	const struct view_entry *e = ui_view(name);
	struct view_args none = {0};

	if (!e || !e->open)
		fatal("no view '%s' to open", name);
	e->open(a ? a : &none);
}

int64_t ui_neighbour(const char *name, int64_t id, int dir)
{
	const struct view_entry *e = ui_view(name);

	return e && e->neighbour ? e->neighbour(id, dir) : 0;
}

/* What the main loop runs besides keys. */
static struct {
	const struct ui_task **v;
	size_t n, cap;
} tasks;

void ui_add_task(const struct ui_task *t)
{
	size_t i;

	for (i = 0; i < tasks.n; i++)
		if (tasks.v[i] == t)
			return;
	VEC_PUSH(&tasks, t);
}

const char *ui_request_name(enum request req)
{
	return req < REQ_COUNT ? req_names[req] : "?";
}

const char *ui_request_help(enum request req)
{
	return req < REQ_COUNT ? req_help[req] : "";
}

/* --- key names --- */

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{"Enter", '\n'}, {"Space", ' '}, {"Tab", '\t'}, {"S-Tab", KEYCODE(KEY_BTAB)},
	{"Esc", 27}, {"Backspace", KEYCODE(KEY_BACKSPACE)}, {"Up", KEYCODE(KEY_UP)},
	{"Down", KEYCODE(KEY_DOWN)}, {"Left", KEYCODE(KEY_LEFT)}, {"Right", KEYCODE(KEY_RIGHT)},
	{"PgUp", KEYCODE(KEY_PPAGE)}, {"PgDn", KEYCODE(KEY_NPAGE)}, {"Home", KEYCODE(KEY_HOME)},
	{"End", KEYCODE(KEY_END)}, {"Delete", KEYCODE(KEY_DC)}, {"Insert", KEYCODE(KEY_IC)},
};

/* The key for a name ("j", "Enter", "C-f", "F1", "ü"), or -1. */
static int key_parse(const char *s)
{
	size_t i, len = strlen(s);
	int n;

	for (i = 0; i < ARRAY_SIZE(key_names); i++)
		if (strcasecmp(s, key_names[i].name) == 0)
			return key_names[i].key;
	if ((s[0] == 'F' || s[0] == 'f') && len >= 2 && len <= 3 && sscanf(s + 1, "%d", &n) == 1 &&
	    n >= 1 && n <= 12)
		return KEYCODE(KEY_F(n));
	if ((s[0] == 'C' || s[0] == 'c') && s[1] == '-' && len == 3 &&
	    ((s[2] >= 'a' && s[2] <= 'z') || (s[2] >= 'A' && s[2] <= 'Z')))
		return s[2] & 0x1f;
	/* One character, in UTF-8. */
	{
		wchar_t wc;
		mbstate_t ms;
		size_t k;
		memset(&ms, 0, sizeof ms);
		k = mbrtowc(&wc, s, len, &ms);
		if (k == len && wc >= 0x20)
			return (int)wc;
		if (len == 1 && (unsigned char)s[0] >= 0x21 && (unsigned char)s[0] < 0x7f)
			return s[0];
	}
	return -1;
}

/* A key's name for the ? screen. */
static void key_label(int key, char *out, size_t n)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(key_names); i++) {
		if (key_names[i].key == key) {
			snprintf(out, n, "%s", key_names[i].name);
			return;
		}
	}
	if (key >= KEYCODE(KEY_F(1)) && key <= KEYCODE(KEY_F(12)))
		snprintf(out, n, "F%d", key - KEYCODE(KEY_F(0)));
	else if (key > 0 && key < 0x20)
		snprintf(out, n, "C-%c", key + 'a' - 1);
	else if (key < 0x200000) {
		char mb[8];
		int k = wctomb(mb, (wchar_t)key);
		snprintf(out, n, "%.*s", k > 0 ? k : 1, k > 0 ? mb : "?");
	} else
		snprintf(out, n, "key%d", key - KEYCODE(0));
}

/* --- configuration --- */

static void config_error(void *ctx, const char *file, int line, const char *msg)
{
	(void)ctx;
	config_error_count++;
	if (config_error_count <= 3) {
		if (config_errors.len)
			buf_adds(&config_errors, "; ");
		buf_printf(&config_errors, "%s:%d: %s", file, line, msg);
	}
}

static void bind_key(const char *screen, int key, enum request req)
{
	size_t i;
	struct binding b;

	for (i = 0; i < bindings.n; i++) {
		if (bindings.v[i].key == key && strcmp(bindings.v[i].screen, screen) == 0) {
			bindings.v[i].req = req;
			return;
		}
	}
	memset(&b, 0, sizeof b);
	snprintf(b.screen, sizeof b.screen, "%s", screen);
	b.key = key;
	b.req = req;
	VEC_PUSH(&bindings, b);
}

static void apply_style(const struct theme_style *ts);


/* Apply parsed lines: bindings and settings now; colours when the theme
 * is known (user `color` lines override the theme's). */
static void apply_config(const struct config *cfg, const char *file, int colors_pass)
{
	size_t i, j;

	for (i = 0; i < cfg->n; i++) {
		const struct config_line *l = &cfg->v[i];
		char msg[160];
		if (colors_pass) {
			if (l->kind == CONFIG_COLOR)
				apply_style(&l->style);
			continue;
		}
		switch (l->kind) {
		case CONFIG_SET:
			if (l->argc != 2) {
				config_error(NULL, file, l->lineno, "set takes a name and a value");
			} else if (strcmp(l->argv[0], "theme") == 0) {
				free(theme_name);
				theme_name = xstrdup(l->argv[1]);
			} else if (strcmp(l->argv[0], "mouse") == 0) {
				ui.mouse = strcmp(l->argv[1], "on") == 0 || strcmp(l->argv[1], "yes") == 0 ||
				           strcmp(l->argv[1], "true") == 0;
			} else if (strcmp(l->argv[0], "offline") == 0) {
				/* --offline wins over "set offline off". */
				if (strcmp(l->argv[1], "on") == 0 || strcmp(l->argv[1], "yes") == 0 ||
				    strcmp(l->argv[1], "true") == 0)
					ui.cli->offline = 1;
			} else if (strcmp(l->argv[0], "export-dir") == 0) {
				free(ui.export_dir);
				ui.export_dir = xstrdup(l->argv[1]);
			} else {
				snprintf(msg, sizeof msg, "unknown setting '%.40s' (theme, mouse, offline, export-dir)",
				         l->argv[0]);
				config_error(NULL, file, l->lineno, msg);
			}
			break;
		case CONFIG_THEME:
			if (l->argc == 1) {
				free(theme_name);
				theme_name = xstrdup(l->argv[0]);
			} else {
				config_error(NULL, file, l->lineno, "theme takes one name");
			}
			break;
		case CONFIG_BIND: {
			int key, found = 0;
			enum request req = REQ_NONE;
			if (l->argc != 3) {
				config_error(NULL, file, l->lineno, "bind takes a screen, a key and an action");
				break;
			}
			if (!ui_view(l->argv[0])) {
				snprintf(msg, sizeof msg, "unknown screen '%.40s'", l->argv[0]);
				config_error(NULL, file, l->lineno, msg);
				break;
			}
			if ((key = key_parse(l->argv[1])) < 0) {
				snprintf(msg, sizeof msg, "unknown key '%.40s'", l->argv[1]);
				config_error(NULL, file, l->lineno, msg);
				break;
			}
			for (found = 0, j = 0; j < REQ_COUNT; j++)
				if (strcmp(req_names[j], l->argv[2]) == 0)
					req = (enum request)j, found = 1;
			if (!found) {
				snprintf(msg, sizeof msg, "unknown action '%.40s' (the ? screen lists them)",
				         l->argv[2]);
				config_error(NULL, file, l->lineno, msg);
				break;
			}
			bind_key(l->argv[0], key, req);
			break;
		}
		case CONFIG_COLOR:
			break;
		}
	}
}

static char *user_config_dir(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/gloss", xdg);
	return xasprintf("%s/.config/gloss", home && *home ? home : ".");
}

/* Parse a file's text; a missing default file is not an error. */
static int load_config_file(const char *path, int required, struct config *cfg)
{
	char *text;
	size_t len;
	int cut;
	int rc = config_read_file(path, 1 << 20, &text, &len, &cut);

	if (rc != 0) {
		if (rc == -2 || required || errno != ENOENT) {
			char msg[200];
			const char *kind = util_file_kind(path);
			if (rc == -2 || errno == EISDIR)
				snprintf(msg, sizeof msg, "cannot read: it %s",
				         kind ? kind : "is not a regular file");
			else
				snprintf(msg, sizeof msg, "cannot read: %s",
				         errno == EFBIG ? "larger than 1 MiB" : strerror(errno));
			config_error(NULL, path, 0, msg);
		}
		return -1;
	}
	if (cut)
		config_error(NULL, path, 0, "larger than 1 MiB: only the complete lines of its"
		                            " first 1 MiB were read, the rest is ignored");
	config_parse(text, len, path, cfg, config_error, NULL);
	free(text);
	return 0;
}

static void load_theme(const char *name)
{
	struct config cfg = {0};
	char *dir = user_config_dir(), *path = xasprintf("%s/themes/%s.theme", dir, name);
	char *ename = xasprintf("themes/%s.theme", name);
	const struct embedded_file *ef = embedded_get(ename);

	if (load_config_file(path, 0, &cfg) != 0) {
		if (ef) {
			config_parse((const char *)ef->data, ef->len, ename, &cfg, config_error, NULL);
		} else {
			char msg[160];
			snprintf(msg, sizeof msg, "no theme '%.40s' (dark, light, mono, displacy)", name);
			config_error(NULL, "theme", 0, msg);
			ef = embedded_get("themes/dark.theme");
			if (ef)
				config_parse((const char *)ef->data, ef->len, "themes/dark.theme", &cfg,
				             config_error, NULL);
		}
	}
	apply_config(&cfg, path, 1);
	config_free(&cfg);
	free(ename);
	free(path);
	free(dir);
}

static int curses_attrs(int bits)
{
	int a = 0;

	if (bits & THEME_BOLD)
		a |= A_BOLD;
	if (bits & THEME_UNDERLINE)
		a |= A_UNDERLINE;
	if (bits & THEME_REVERSE)
		a |= A_REVERSE;
	if (bits & THEME_DIM)
		a |= A_DIM;
	if (bits & THEME_ITALIC)
		a |= A_ITALIC;
	if (bits & THEME_BLINK)
		a |= A_BLINK;
	if (bits & THEME_STANDOUT)
		a |= A_STANDOUT;
	return a;
}

static short color_for(const struct theme_color *c)
{
	if (c->kind == 0 || ui.ncolors <= 0)
		return -1;
	return (short)theme_color_index(c, ui.ncolors);
}

static void apply_style(const struct theme_style *ts)
{
	size_t i;
	struct ui_style s;

	s.fg = color_for(&ts->fg);
	s.bg = color_for(&ts->bg);
	s.attrs = curses_attrs(ts->attrs);
	for (i = 0; i < AREA_ENTITY; i++) {
		if (strcmp(area_names[i], ts->area) == 0) {
			ui.styles[i] = s;
			return;
		}
	}
	if (strncmp(ts->area, "entity.", 7) == 0) {
		int l = ner_label_from_name(ts->area + 7);
		if (l >= 0)
			ui.styles[AREA_ENTITY + l] = s;
	}
	if (strncmp(ts->area, "tag.", 4) == 0 && ts->area[4]) {
		struct tag_style t;
		for (i = 0; i < tag_styles.n; i++) {
			if (strcmp(tag_styles.v[i].name, ts->area + 4) == 0) {
				tag_styles.v[i].style = s;
				return;
			}
		}
		t.name = xstrdup(ts->area + 4);
		t.style = s;
		VEC_PUSH(&tag_styles, t);
	}
}

struct ui_style ui_tag_style(const char *name, const char *colour)
{
	struct ui_style s = ui.styles[AREA_HIGHLIGHT];
	struct theme_color c;
	size_t i;

	for (i = 0; name && i < tag_styles.n; i++)
		if (strcmp(tag_styles.v[i].name, name) == 0)
			return ui_style_over(s, tag_styles.v[i].style);
	if (colour && ui.ncolors > 0 && theme_parse_color(colour, &c) == 0 && c.kind != 0) {
		s.bg = (short)theme_color_index(&c, ui.ncolors);
		s.fg = 0; /* black on the tag's colour */
	}
	return s;
}

static void load_config(void)
{
	const struct embedded_file *rc = embedded_get("data/gloss.rc");
	struct config cfg = {0};
	char *dir, *path;
	size_t i;

	for (i = 0; i < AREA_COUNT; i++)
		ui.styles[i] = (struct ui_style){-1, -1, 0};
	if (rc)
		config_parse((const char *)rc->data, rc->len, "gloss.rc", &cfg, config_error, NULL);
	if (ui.cli->config_path) {
		path = xstrdup(ui.cli->config_path);
		load_config_file(path, 1, &cfg);
	} else {
		dir = user_config_dir();
		path = xasprintf("%s/config", dir);
		free(dir);
		load_config_file(path, 0, &cfg);
	}
	apply_config(&cfg, path, 0);
	/* NO_COLOR: attributes only, which the mono theme is made of. */
	if (ui.ncolors <= 0) {
		free(theme_name);
		theme_name = xstrdup("mono");
	}
	load_theme(theme_name ? theme_name : "dark");
	if (ui.ncolors > 0)
		apply_config(&cfg, path, 1);
	/* A subtle background band maps to black or white on 8 and 16 colour
	 * terminals, where it vanishes: the focus is bold there instead. */
	if (ui.ncolors > 0 && ui.ncolors < 88 && ui.styles[AREA_FOCUS].bg >= 0 &&
	    ui.styles[AREA_FOCUS].bg < 16) {
		ui.styles[AREA_FOCUS].bg = -1;
		ui.styles[AREA_FOCUS].attrs |= A_BOLD;
	}
	config_free(&cfg);
	free(path);
}

/* --- styles and colour pairs --- */

static struct {
	short fg, bg;
} pairs[4096];
static int npairs = 1;

static int pair_for(short fg, short bg)
{
	int i;

	if (ui.ncolors <= 0 || (fg < 0 && bg < 0))
		return 0;
	for (i = 1; i < npairs; i++)
		if (pairs[i].fg == fg && pairs[i].bg == bg)
			return i;
	if (npairs >= COLOR_PAIRS || npairs >= (int)ARRAY_SIZE(pairs))
		return 0;
	init_pair((short)npairs, fg, bg);
	pairs[npairs].fg = fg;
	pairs[npairs].bg = bg;
	return npairs++;
}

struct ui_style ui_area(enum area a)
{
	return ui.styles[a < AREA_COUNT ? a : AREA_DEFAULT];
}

struct ui_style ui_style_over(struct ui_style a, struct ui_style b)
{
	struct ui_style r = a;

	if (b.fg >= 0)
		r.fg = b.fg;
	if (b.bg >= 0)
		r.bg = b.bg;
	r.attrs |= b.attrs;
	return r;
}

void ui_set_style(const struct ui_style *s)
{
	struct ui_style r = ui_style_over(ui.styles[AREA_DEFAULT], *s);
	attr_set((attr_t)r.attrs, (short)pair_for(r.fg, r.bg), NULL);
}

/* --- drawing helpers --- */

int ui_draw_text(int row, int col, const char *s, size_t len, int max)
{
	size_t pos = 0;
	int used = 0;
	char scratch[16];

	if (max <= 0 || row < 0 || row >= ui.rows)
		return 0;
	move(row, col);
	while (pos < len) {
		struct layout_cell c;
		layout_cell_next(s, len, pos, &c, scratch);
		if (c.end <= pos)
			break;
		if (used + c.width > max)
			break;
		if (c.outlen)
			addnstr(c.out, (int)c.outlen);
		used += c.width;
		pos = c.end;
	}
	return used;
}

void ui_clear_to_eol(int row, int col)
{
	int x;

	if (row < 0 || row >= ui.rows)
		return;
	move(row, col);
	for (x = col; x < ui.cols; x++)
		addch(' ');
}

/* The message ("what the last key did") wins over the left part when the
 * line is short: the left part is cut to leave it room. */
void ui_draw_status(const char *left, const char *right)
{
	struct ui_style st = ui_area(AREA_STATUS), msg;
	int row = ui.rows - 1, used, mw = 0;
	const char *m = ui.message[0] ? ui.message : right;

	ui_set_style(&st);
	ui_clear_to_eol(row, 0);
	if (m && *m) {
		mw = layout_width(m, strlen(m));
		if (mw > ui.cols - 2)
			mw = ui.cols - 2;
	}
	used = ui_draw_text(row, 0, left, strlen(left), ui.cols - mw - 2);
	if (mw > 0) {
		msg = ui_style_over(st, ui_area(ui.message_is_error ? AREA_ERROR : AREA_STATUS_MESSAGE));
		ui_set_style(&msg);
		ui_draw_text(row, used + 2, m, strlen(m), ui.cols - used - 2);
	}
}

/* Is a key waiting to be read?  (What ncurses has buffered already is
 * not seen; what the terminal sent since is.) */
static int key_waiting(void *ctx)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};

	(void)ctx;
	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

int ui_search_begin(void)
{
	store_set_cancel(ui.store, key_waiting, NULL);
	return 0;
}

int ui_search_end(int rc)
{
	store_set_cancel(ui.store, NULL, NULL);
	/* Stopped for the next key: not an error, the next key searches
	 * again. */
	if (rc != 0 && key_waiting(NULL))
		return 1;
	return rc;
}

void ui_message(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui.message, sizeof ui.message, fmt, ap);
	va_end(ap);
	ui.message_is_error = 0;
}

void ui_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui.message, sizeof ui.message, fmt, ap);
	va_end(ap);
	ui.message_is_error = 1;
	beep();
}

/* --- the view stack --- */

void ui_push(const struct view_ops *ops, void *data)
{
	struct view *v = xcalloc(1, sizeof *v);

	v->ops = ops;
	v->data = data;
	v->parent = ui.top;
	ui.top = v;
	if (ops->resize)
		ops->resize(v);
}

void ui_pop(void)
{
	struct view *v = ui.top;

	if (!v)
		return;
	ui.top = v->parent;
	if (v->ops->done)
		v->ops->done(v);
	free(v);
	if (ui.top && ui.top->ops->resize)
		ui.top->ops->resize(ui.top);
}

void ui_each_binding(const char *screen,
                     void (*fn)(void *ctx, const char *key, enum request req), void *ctx)
{
	size_t i, j;
	char name[32];

	for (i = 0; i < bindings.n; i++) {
		if (strcmp(bindings.v[i].screen, screen) != 0 || bindings.v[i].req == REQ_NONE)
			continue;
		key_label(bindings.v[i].key, name, sizeof name);
		fn(ctx, name, bindings.v[i].req);
	}
	for (i = 0; i < bindings.n; i++) {
		int shadowed = 0;
		if (strcmp(bindings.v[i].screen, "generic") != 0 || bindings.v[i].req == REQ_NONE)
			continue;
		for (j = 0; j < bindings.n; j++)
			shadowed |= bindings.v[j].key == bindings.v[i].key &&
			            strcmp(bindings.v[j].screen, screen) == 0;
		if (shadowed)
			continue;
		key_label(bindings.v[i].key, name, sizeof name);
		fn(ctx, name, bindings.v[i].req);
	}
}

static int find_binding(const char *screen, int key, enum request *req)
{
	size_t i;

	for (i = 0; i < bindings.n; i++) {
		if (bindings.v[i].key == key && strcmp(bindings.v[i].screen, screen) == 0) {
			*req = bindings.v[i].req;
			return 1;
		}
	}
	return 0;
}

int ui_key_for(const char *screen, enum request req, char *out, size_t n)
{
	size_t i;
	enum request other;

	/* The first in the order the files bound them (the defaults, then
	 * the user's) of the screen's and the generic ones it keeps. */
	for (i = 0; i < bindings.n; i++)
		if (bindings.v[i].req == req &&
		    (strcmp(bindings.v[i].screen, screen) == 0 ||
		     (strcmp(bindings.v[i].screen, "generic") == 0 &&
		      !find_binding(screen, bindings.v[i].key, &other))))
			break;
	if (i == bindings.n || req == REQ_NONE)
		return -1;
	key_label(bindings.v[i].key, out, n);
	return 0;
}

void ui_hint(struct buf *b, const char *screen, enum request req, const char *what)
{
	char key[32];

	if (ui_key_for(screen, req, key, sizeof key) != 0)
		return;
	buf_printf(b, "%s%s %s", b->len ? " · " : "", key, what);
}

const char *ui_keyed(const char *screen, enum request req, const char *fmt)
{
	static char ring[4][160];
	static unsigned next;
	char key[32], *out = ring[next++ % 4];
	const char *s = strstr(fmt, "%s");

	if (!s || ui_key_for(screen, req, key, sizeof key) != 0)
		return "";
	snprintf(out, sizeof ring[0], "%.*s%s%s", (int)(s - fmt), fmt, key, s + 2);
	return out;
}

/* A key means what the view's current mode binds it to, else what its
 * screen binds, else the generic binding. */
static enum request request_for(struct view *v, int key)
{
	enum request req = REQ_NONE;

	if (v->ops->screen && find_binding(v->ops->screen(v), key, &req))
		return req;
	if (find_binding(v->ops->name, key, &req))
		return req;
	find_binding("generic", key, &req);
	return req;
}

/* Read one key as our key code; KEY_RESIZE is reported as is. */
int ui_read_key(void)
{
	wint_t wc;
	int rc = get_wch(&wc);

	if (rc == ERR)
		return -1;
	if (rc == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			return '\n';
		return KEYCODE((int)wc);
	}
	if (wc == '\r')
		return '\n';
	if (wc == 127 || wc == 8)
		return KEYCODE(KEY_BACKSPACE);
	return (int)wc;
}

int ui_too_small(void)
{
	return ui.rows < 5 || ui.cols < 20;
}

void ui_draw_all(void)
{
	erase();
	if (ui_too_small()) {
		static const char msg[] = "gloss: window too small (need 20x5)";
		struct ui_style st = ui_area(AREA_DEFAULT);
		ui_set_style(&st);
		if (ui.rows > 0)
			ui_draw_text(0, 0, msg, sizeof msg - 1, ui.cols);
	} else if (ui.top) {
		ui.top->ops->draw(ui.top);
	}
	refresh();
}

static void update_size(void)
{
	getmaxyx(stdscr, ui.rows, ui.cols);
	if (ui.rows < 0)
		ui.rows = 0;
	if (ui.cols < 0)
		ui.cols = 0;
}

/* Another process changed the database: every view reloads what it
 * shows (the resize hook re-reads it; ui.data_changed says why). */
static void notify_data_changed(void)
{
	struct view *v;

	ui.data_changed = 1;
	for (v = ui.top; v; v = v->parent)
		if (v->ops->resize)
			v->ops->resize(v);
	ui.data_changed = 0;
	ui_message("the library changed (another gloss): refreshed");
}

/* A write was refused because another process re-imported the article
 * the view showed (store_expect_version): show the new text, and keep the
 * refusal on the status line. */
static void reload_if_stale(void)
{
	char msg[sizeof ui.message];

	if (!store_stale_take(ui.store))
		return;
	snprintf(msg, sizeof msg, "%s", ui.message);
	(void)store_data_changed(ui.store);
	notify_data_changed();
	ui_error("%s: its new text is shown now, try again", msg);
}

void ui_handle_resize(void)
{
	struct view *v;

	update_size();
	for (v = ui.top; v; v = v->parent)
		if (v->ops->resize)
			v->ops->resize(v);
}

/* --- set-up, tear-down, the loop --- */

static int curses_up;

int ui_run_program(const char *cmd, const char *arg)
{
	pid_t pid;
	int status = -1;

	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		/* Through the shell, so EDITOR="code --wait" works as it does
		 * for git; the file name is passed as $1, never spliced. */
		execl("/bin/sh", "sh", "-c", xasprintf("%s \"$1\"", cmd), "sh", arg, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	if (pid < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* OSC 52 carries the text base64-encoded. */
static void base64(struct buf *out, const unsigned char *p, size_t len)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		buf_addc(out, b64[p[i] >> 2]);
		buf_addc(out, b64[(p[i] & 3) << 4 | p[i + 1] >> 4]);
		buf_addc(out, b64[(p[i + 1] & 15) << 2 | p[i + 2] >> 6]);
		buf_addc(out, b64[p[i + 2] & 63]);
	}
	if (len - i == 1) {
		buf_addc(out, b64[p[i] >> 2]);
		buf_addc(out, b64[(p[i] & 3) << 4]);
		buf_adds(out, "==");
	} else if (len - i == 2) {
		buf_addc(out, b64[p[i] >> 2]);
		buf_addc(out, b64[(p[i] & 3) << 4 | p[i + 1] >> 4]);
		buf_addc(out, b64[(p[i + 1] & 15) << 2]);
		buf_addc(out, '=');
	}
}

/* The sequences for the terminal gloss runs in:
 *  - tmux: plain OSC 52 first, which tmux turns into a paste buffer and
 *    passes on to the outer terminal with `set -g set-clipboard on`; then
 *    the same wrapped in tmux's DCS passthrough, for a tmux that has
 *    set-clipboard off but allow-passthrough on (tmux drops it otherwise);
 *  - GNU screen: the DCS passthrough screen needs, in pieces of 76 bytes
 *    (screen's limit for one string);
 *  - anything else: plain OSC 52. */
void ui_clipboard(const char *text, size_t len)
{
	struct buf seq = {0}, out = {0};
	size_t i;
	FILE *tty;

	buf_adds(&seq, "\033]52;c;");
	base64(&seq, (const unsigned char *)text, len);
	buf_adds(&seq, "\a");
	if (getenv("TMUX") && *getenv("TMUX")) {
		buf_add(&out, seq.s, seq.len);
		buf_adds(&out, "\033Ptmux;\033");
		buf_add(&out, seq.s, seq.len);
		buf_adds(&out, "\033\\");
	} else if (getenv("STY") && *getenv("STY")) {
		for (i = 0; i < seq.len; i += 76) {
			buf_adds(&out, "\033P");
			buf_add(&out, seq.s + i, seq.len - i < 76 ? seq.len - i : 76);
			buf_adds(&out, "\033\\");
		}
	} else {
		buf_add(&out, seq.s, seq.len);
	}
	tty = fopen("/dev/tty", "w");
	if (tty) {
		fwrite(out.s, 1, out.len, tty);
		fclose(tty);
	}
	buf_free(&seq);
	buf_free(&out);
}

static void ui_teardown(void)
{
	if (curses_up) {
		endwin();
		curses_up = 0;
	}
}

static void handle_mouse(void)
{
	MEVENT ev;

	if (getmouse(&ev) != OK || !ui.top)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		ui.top->ops->request(ui.top, REQ_MOVE_UP);
		ui.top->ops->request(ui.top, REQ_MOVE_UP);
		ui.top->ops->request(ui.top, REQ_MOVE_UP);
	}
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED) {
		ui.top->ops->request(ui.top, REQ_MOVE_DOWN);
		ui.top->ops->request(ui.top, REQ_MOVE_DOWN);
		ui.top->ops->request(ui.top, REQ_MOVE_DOWN);
	}
#endif
	else if ((ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) && ui.top->ops->click)
		ui.top->ops->click(ui.top, ev.y, ev.x);
}

/* The screen is drawn in UTF-8: under a locale that is not (LANG=C),
 * ncurses would show every other byte as ~@ and miscount widths.  The
 * character type is switched to C.UTF-8 when the system has it; the
 * returned note says what was done (NULL when nothing was needed). */
static const char *utf8_screen(void)
{
	const char *cs = nl_langinfo(CODESET);

	if (cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0))
		return NULL;
	if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "C.utf8"))
		return "the locale is not UTF-8: the screen uses C.UTF-8 (set LANG to a UTF-8 "
		       "locale to choose one)";
	return "gloss needs a UTF-8 locale and the system has none: text may show wrongly";
}

int ui_main(struct cli *c, const struct view_registry *views)
{
	const char *locale_note;

	memset(&ui, 0, sizeof ui);
	ui.cli = c;
	ui.store = c->store;
	registry = views;
	locale_note = utf8_screen();

	/* Esc must answer at once; no terminal sends a sequence that slowly. */
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	if (!initscr())
		fatal("cannot start the terminal interface (is TERM set?)");
	curses_up = 1;
	util_set_fatal_hook(ui_teardown);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	if (has_colors() && !(getenv("NO_COLOR") && *getenv("NO_COLOR"))) {
		start_color();
		use_default_colors();
		ui.ncolors = COLORS;
	}
	load_config();
	if (ui.mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		              | BUTTON5_PRESSED
#endif
		          , NULL);
	update_size();
	if (config_error_count)
		ui_error("%s%s", config_errors.s,
		         config_error_count > 3 ? " (and more)" : "");
	if (store_is_readonly(c->store) && !config_error_count)
		ui_message("the library is read-only: reading works, changes are refused");
	if (locale_note && !config_error_count)
		ui_error("%s", locale_note);
	(void)store_data_changed(c->store); /* the starting point */
	ui_open("library", NULL);
	if (c->samples_added && !config_error_count)
		ui_message("a new library, with %d sample articles to try ('gloss samples remove' "
		           "removes them; ? for help)", c->samples_added);

	while (!ui.quit && ui.top) {
		int key;
		enum request req;

		/* A background import: its result, or its progress; not while
		 * the top view still has work of its own (a reader reading the
		 * rest of a long text holds a read transaction, and an import's
		 * result is written on this connection). */
		int idle = ui.top->ops->idle && ui.top->ops->idle(ui.top, 0);
		for (size_t t = 0; !idle && t < tasks.n; t++)
			tasks.v[t]->poll();
		ui_draw_all();
		/* Wait for a key at most a second (a fifth while an import
		 * runs), then look whether another process (an import, a CLI
		 * annotation) changed the library; while the top view has work
		 * of its own to do meanwhile, do a step of it unless a key is
		 * there already. */
		int busy = 0;
		for (size_t t = 0; t < tasks.n; t++)
			busy |= tasks.v[t]->busy();
		timeout(idle ? 0 : busy ? 200 : 1000);
		key = ui_read_key();
		timeout(-1);
		if (key < 0 && idle) {
			ui.top->ops->idle(ui.top, 1);
			continue;
		}
		if (key < 0) {
			if (store_data_changed(ui.store))
				notify_data_changed();
			continue;
		}
		if (key == KEYCODE(KEY_RESIZE)) {
			ui_handle_resize();
			continue;
		}
		if (key == KEYCODE(KEY_MOUSE)) {
			handle_mouse();
			continue;
		}
		ui.message[0] = '\0';
		ui.message_is_error = 0;
		if (ui_too_small()) {
			if (key == 'q' || key == 'Q')
				ui.quit = 1;
			continue;
		}
		req = request_for(ui.top, key);
		if (req == REQ_NONE) {
			char name[32], help[32];
			key_label(key, name, sizeof name);
			if (ui_key_for(ui.top->ops->name, REQ_HELP, help, sizeof help) == 0)
				ui_error("%s is not bound here (%s shows the keys)", name, help);
			else
				ui_error("%s is not bound here", name);
			continue;
		}
		if (ui.top->ops->request(ui.top, req)) {
			reload_if_stale();
			continue;
		}
		switch (req) {
		case REQ_QUIT:
			ui_pop();
			break;
		case REQ_QUIT_ALL:
			ui.quit = 1;
			break;
		case REQ_HELP:
			ui_open("help", &(struct view_args){.screen = ui.top->ops->name});
			break;
		case REQ_REDRAW:
			clearok(curscr, TRUE);
			break;
		default:
			ui_error("%s: not available here", req_names[req]);
			break;
		}
	}
	for (size_t t = 0; t < tasks.n; t++)
		tasks.v[t]->shutdown();
	free(tasks.v);
	memset(&tasks, 0, sizeof tasks);
	while (ui.top)
		ui_pop();
	ui_teardown();
	util_set_fatal_hook(NULL);
	free(bindings.v);
	memset(&bindings, 0, sizeof bindings);
	free(theme_name);
	theme_name = NULL;
	buf_free(&config_errors);
	for (size_t i = 0; i < tag_styles.n; i++)
		free(tag_styles.v[i].name);
	free(tag_styles.v);
	memset(&tag_styles, 0, sizeof tag_styles);
	return 0;
}
