/* ui.h — the curses user interface: actions, key bindings, styles, the
 * view stack, prompts.  Views (view_*.c) fill a struct view_ops and are
 * driven by ui.c; they never talk SQL (store.h) beyond its functions. */
#ifndef GLOSS_UI_H
#define GLOSS_UI_H

#include <stddef.h>
#include <stdint.h>

#include "gloss/ner.h"
#include "gloss/theme.h"
#include "gloss/util.h"

/* Every action: X(ENUM, name used by `bind`, help text).  This one list
 * makes the enum, the names the config file accepts and the ? screen. */
#define REQ_INFO(X)                                                              \
	X(NONE, "none", "Do nothing")                                                \
	X(QUIT, "quit", "Go back; quit from the library")                            \
	X(QUIT_ALL, "quit-all", "Quit gloss")                                        \
	X(HELP, "help", "Show the keys of this screen")                              \
	X(REDRAW, "redraw", "Redraw the screen")                                     \
	X(MOVE_DOWN, "move-down", "Down one line or row")                            \
	X(MOVE_UP, "move-up", "Up one line or row")                                  \
	X(PAGE_DOWN, "page-down", "Down one page")                                   \
	X(PAGE_UP, "page-up", "Up one page")                                         \
	X(HALF_DOWN, "half-page-down", "Down half a page")                           \
	X(HALF_UP, "half-page-up", "Up half a page")                                 \
	X(TOP, "top", "Go to the top")                                               \
	X(BOTTOM, "bottom", "Go to the bottom")                                      \
	X(ENTER, "enter", "Open the selected item")                                  \
	X(SEARCH, "search", "Search (the library: filter by full text)")             \
	X(SEARCH_NEXT, "search-next", "Next search hit")                             \
	X(SEARCH_PREV, "search-prev", "Previous search hit")                         \
	X(SENTENCE_NEXT, "sentence-next", "Focus the next sentence")                 \
	X(SENTENCE_PREV, "sentence-prev", "Focus the previous sentence")             \
	X(PARA_NEXT, "paragraph-next", "Focus the next paragraph")                   \
	X(PARA_PREV, "paragraph-prev", "Focus the previous paragraph")               \
	X(ENTITY_NEXT, "entity-next", "Go to the next entity")                       \
	X(ENTITY_PREV, "entity-prev", "Go to the previous entity")                   \
	X(SORT, "sort", "Change the sort order")                                     \
	X(MARK, "mark", "Mark or unmark the article")                                \
	X(DELETE, "delete", "Delete (the library asks first; elsewhere U undoes)")   \
	X(EDIT, "edit", "Edit title, outlet and date")                               \
	X(CLEAR, "clear", "Clear the filter, search or selection")                  \
	X(SELECT, "select", "Start a selection (extend it with w b ( ) { })")        \
	X(WORD_NEXT, "word-next", "Move the selection's moving end a word on")        \
	X(WORD_PREV, "word-prev", "Move the selection's moving end a word back")      \
	X(SELECT_SWAP, "selection-swap", "Swap the end of the selection that moves (vim's o)") \
	X(TAG_1, "tag-1", "Toggle the tag bound to 1")                               \
	X(TAG_2, "tag-2", "Toggle the tag bound to 2")                               \
	X(TAG_3, "tag-3", "Toggle the tag bound to 3")                               \
	X(TAG_4, "tag-4", "Toggle the tag bound to 4")                               \
	X(TAG_5, "tag-5", "Toggle the tag bound to 5")                               \
	X(TAG_6, "tag-6", "Toggle the tag bound to 6")                               \
	X(TAG_7, "tag-7", "Toggle the tag bound to 7")                               \
	X(TAG_8, "tag-8", "Toggle the tag bound to 8")                               \
	X(TAG_9, "tag-9", "Toggle the tag bound to 9")                               \
	X(TAG_PROMPT, "tag", "Tag by name (Tab completes; a new name makes a tag)")  \
	X(NOTE, "note", "Write a short note")                                        \
	X(NOTE_EDITOR, "note-editor", "Write a long note in $EDITOR")                \
	X(UNDO, "undo", "Undo the last deletion or entity correction")               \
	X(YANK, "yank", "Copy as a Markdown quote with its citation (OSC 52)")       \
	X(ANNOT_NEXT, "annotation-next", "Go to the next annotation")                \
	X(ANNOT_PREV, "annotation-prev", "Go to the previous annotation")            \
	X(ANNOTATIONS, "annotations", "List annotations")                            \
	X(TAGS, "tags", "Manage tags")                                               \
	X(NEW, "new", "Make a new one")                                              \
	X(RENAME, "rename", "Rename")                                                \
	X(REBIND, "rebind", "Bind to another digit")                                 \
	X(RECOLOUR, "recolour", "Change the colour")                                  \
	X(LINK, "link", "Link the focus to a passage (a picker with full-text search)") \
	X(FOLLOW, "follow", "Follow the link at the focus")                          \
	X(BACK, "back", "Go back to where a link or list was followed from")         \
	X(LINKS, "links", "List the links and backlinks of the focus or article")    \
	X(RELATED, "related", "Related passages in other articles")                  \
	X(ENTITIES, "entities", "The entity index")                                  \
	X(LINK_SAME, "link-same-fact", "Link as same-fact")                          \
	X(LINK_CONTRA, "link-contradicts", "Link as contradicts")                    \
	X(MERGE, "merge", "Merge the marked entity into this one")                   \
	X(SPLIT, "split", "Split one of this entity's names into its own entity")    \
	X(EXPORT, "export", "Export to Markdown")                                    \
	X(IMPORT, "import", "Import a web page (URL) or a file; the screen keeps working") \
	X(ARTICLE_NEXT, "article-next", "Open the next article of the library's list")  \
	X(ARTICLE_PREV, "article-prev", "Open the previous article of the library's list") \
	X(OPEN_URL, "open-url", "Open the article's source URL ($BROWSER, else xdg-open)") \
	X(CORRECT, "correct-entity", "Correct the entity Tab reached: its label, or not an entity") \
	X(MARK_ENTITY, "mark-entity", "Mark the selection as an entity, with a label") \
	X(FETCH, "fetch", "Fetch every feed; the screen keeps working, new articles come unread") \
	X(NARROW, "narrow", "Show every article, the unread ones, or one feed's (a chooser)") \
	X(TOGGLE_READ, "toggle-read", "Mark the article read, or unread again") \
	X(MARK_ALL_READ, "mark-all-read", "Mark every article shown read")

enum request {
#define REQ_ENUM(e, name, help) REQ_##e,
	REQ_INFO(REQ_ENUM)
#undef REQ_ENUM
	REQ_COUNT
};

/* Style areas; X(ENUM, theme area name). */
#define AREA_INFO(X)                                                        \
	X(DEFAULT, "default") X(TITLE, "title") X(STATUS, "status")             \
	X(STATUS_MESSAGE, "status.message") X(FOCUS, "focus")                   \
	X(SELECTION, "selection") X(SEARCH, "search") X(HIGHLIGHT, "highlight") \
	X(NOTE_MARKER, "note-marker") X(LINK_MARKER, "link-marker")             \
	X(MINIMAP, "minimap") X(MINIMAP_MARK, "minimap.mark")                   \
	X(CURSOR, "cursor") X(LIST_HEADER, "list.header") X(LIST_DIM, "list.dim") \
	X(HELP_KEY, "help.key") X(PROMPT, "prompt") X(ERROR, "error")          \
	X(FOCUS_OVER, "focus.over") X(HIGHLIGHT_ENTITY, "highlight.entity")

enum area {
#define AREA_ENUM(e, name) AREA_##e,
	AREA_INFO(AREA_ENUM)
#undef AREA_ENUM
	AREA_ENTITY, /* AREA_ENTITY + label: entity.PERSON ... */
	AREA_COUNT = AREA_ENTITY + NER_NLABELS
};

/* A style as layered: fg/bg < 0 means "inherit from the layer below". */
struct ui_style {
	short fg, bg;
	int attrs; /* curses A_* bits */
};

struct view;
struct cli;
struct store;

struct view_ops {
	const char *name; /* the screen name used by `bind` */
	void (*draw)(struct view *v);
	/* Handle an action; returns 1 if it was handled. */
	int (*request)(struct view *v, enum request req);
	/* The window changed size (called before draw). */
	void (*resize)(struct view *v);
	/* Leaving for good: free everything. */
	void (*done)(struct view *v);
	/* Work done while no key waits (optional): with step 0 only whether
	 * some is left; with step 1 a little of it (a few milliseconds), and
	 * whether more is left.  The screen is drawn between steps. */
	int (*idle)(struct view *v, int step);
	/* Mouse click at a row of the view's area (optional). */
	void (*click)(struct view *v, int row, int col);
	/* The screen whose bindings apply now, when it is not name (e.g.
	 * "selection" while the reader has one); optional. */
	const char *(*screen)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	void *data;
	struct view *parent;
};

struct ui {
	struct cli *cli;
	struct store *store;
	struct view *top;
	int rows, cols;
	int quit;
	int ncolors;
	int mouse;
	/* `set export-dir PATH`: the x prompt's folder until one is typed. */
	char *export_dir;
	char message[256];
	int message_is_error;
	/* Set while views are told (through resize) that another process
	 * changed the database. */
	int data_changed;
	struct ui_style styles[AREA_COUNT];
};

extern struct ui ui;

/* What a view is opened with: each view reads the fields it needs (its
 * header, view_NAME.h, says which). */
struct view_args {
	int64_t article;    /* an article */
	int64_t at;         /* an offset in it, or a highlight */
	int64_t entity;     /* an entity */
	const char *screen; /* help: the screen whose keys to show */
	const char *text;   /* a name, or a body */
	size_t len, start, end;
	int label, adding;
};

/* The view registry: one entry per screen.  name is the screen name
 * `bind` takes (and the view's view_ops.name); help says what it is (the
 * ? screen's title, the docs); open makes it the top view (NULL for a
 * mode of another view, such as "selection", or for "generic").  The
 * table lives in views.c and is handed to ui_main, so ui.c knows no view
 * and views open each other by name. */
struct view_entry {
	const char *name;
	const char *help;
	void (*open)(const struct view_args *a);
	/* The list a reader walks with article-next/-prev (the library):
	 * the article after (dir > 0) or before id, 0 when none. */
	int64_t (*neighbour)(int64_t id, int dir);
};

struct view_registry {
	const struct view_entry *v;
	size_t n;
};

/* The entry named name, or NULL. */
const struct view_entry *ui_view(const char *name);
/* Open the view named name (a programming error if it has no open). */
void ui_open(const char *name, const struct view_args *a);
/* The article after or before id in the list of view name; 0 when none
 * (or when that view is not open). */
int64_t ui_neighbour(const char *name, int64_t id, int dir);

/* Something the main loop runs besides keys (a background import): poll
 * each turn, busy makes it wait for keys a fifth of a second rather than
 * a second, shutdown at the end.  Added once; it stays. */
struct ui_task {
	void (*poll)(void);
	int (*busy)(void);
	void (*shutdown)(void);
};
void ui_add_task(const struct ui_task *t);

/* Run the interactive reader on c->store with these views; returns the
 * exit status. */
int ui_main(struct cli *c, const struct view_registry *views);

/* Views push and pop themselves on the stack. */
void ui_push(const struct view_ops *ops, void *data);
void ui_pop(void);

/* Status-line message ("what the last key did"). */
/* Around a search that runs as the user types: the query stops when a
 * key arrives (Esc, q, C-c or the next letter), so the screen never waits
 * on it.  ui_search_end(rc) gives rc, or 1 when the search was stopped
 * for a key (no error to show). */
int ui_search_begin(void);
/* A prompt's on_change runs once typing pauses this long (or at Enter). */
#define UI_TYPING_PAUSE_MS 100
int ui_search_end(int rc);
void ui_message(const char *fmt, ...) GLOSS_PRINTF(1, 2);
void ui_error(const char *fmt, ...) GLOSS_PRINTF(1, 2);

/* Set the curses attributes for a style (layered over the default). */
void ui_set_style(const struct ui_style *s);
struct ui_style ui_area(enum area a);
/* b over a: b's colours where set, attributes or'ed. */
struct ui_style ui_style_over(struct ui_style a, struct ui_style b);

/* The style of a highlight carrying a tag: the theme's tag.NAME, else
 * the tag's own colour word (as a background), else the highlight area. */
struct ui_style ui_tag_style(const char *name, const char *colour);

/* Run a program on the terminal (curses suspended); its exit status. */
int ui_run_program(const char *cmd, const char *arg);

/* Ask for a directory and export these articles (n == 0: all) there. */
void ui_export(const int64_t *ids, size_t n);

/* Copy text to the terminal's clipboard with OSC 52. */
void ui_clipboard(const char *text, size_t len);

/* Draw text at (row, col) within max columns, never sending control
 * characters or escape sequences: they are shown as visible symbols.
 * Returns the columns used. */
int ui_draw_text(int row, int col, const char *s, size_t len, int max);
/* Fill the rest of a row from col with blanks in the current style. */
void ui_clear_to_eol(int row, int col);

/* The status line at the bottom: left text and the message. */
void ui_draw_status(const char *left, const char *right);

/* A one-line prompt with UTF-8 editing.  initial may be NULL.  on_change,
 * when given, is called after each edit (for results as you type).
 * Returns a new string, or NULL when cancelled with Esc. */
char *ui_prompt(const char *label, const char *initial,
                void (*on_change)(void *ctx, const char *text), void *ctx);
/* A prompt with more: Tab replaces the text with what complete returns
 * (a new string, or NULL); Up and Down call step (for a list of results
 * above the prompt). */
struct ui_prompt_opts {
	void (*on_change)(void *ctx, const char *text);
	char *(*complete)(void *ctx, const char *text);
	void (*step)(void *ctx, int dir);
	void *ctx;
	/* Up and Down replace the text with what recall returns (a new
	 * string, or NULL to keep it): a history. */
	char *(*recall)(void *ctx, int dir);
};
char *ui_prompt_ex(const char *label, const char *initial, const struct ui_prompt_opts *o);
/* A line shown above the open prompt (e.g. the choices Tab found) until
 * the next edit; NULL clears it. */
void ui_prompt_hint(const char *text);

/* The one prompt for a file or a folder: Tab completes the path from the
 * file system (only folders when dirs_only; nothing on a URL when urls),
 * Up and Down call recall when given (a history).  Returns the text as
 * typed, or NULL when cancelled; prompt_path_expand (prompt_path.h)
 * turns it into a path with ~ and $VAR expanded. */
struct ui_path_opts {
	int dirs_only;
	int urls; /* a URL may be typed too */
	char *(*recall)(void *ctx, int dir);
	void *ctx;
};
char *ui_prompt_path(const char *label, const char *initial, const struct ui_path_opts *o);

/* A yes/no question on the status line; 1 for yes. */
int ui_confirm(const char *question);

/* The key table, for the ? screen: calls fn for each binding of screen
 * (and the generic ones not overridden). */
void ui_each_binding(const char *screen,
                     void (*fn)(void *ctx, const char *key, enum request req), void *ctx);
const char *ui_request_help(enum request req);
/* The name of the key bound to req on screen (by its own bindings or the
 * generic ones it does not override; the first bound, so the defaults'
 * key while it still does it) into out; 0, or -1 when no key does it. */
int ui_key_for(const char *screen, enum request req, char *out, size_t n);
/* Status-line hints made from the current bindings: appends "KEY what"
 * (after " · " when b is not empty) for the key bound to req on screen;
 * nothing when no key is. */
void ui_hint(struct buf *b, const char *screen, enum request req, const char *what);
/* A key hint inside a message: fmt with its one "%s" replaced by the key
 * bound to req on screen (" (%s undoes)" → " (U undoes)"), or "" when no
 * key does it.  The text lasts for the next three calls. */
const char *ui_keyed(const char *screen, enum request req, const char *fmt);
const char *ui_request_name(enum request req);

#endif
