/* ui_prompt.c — the prompts on the status line: a line of UTF-8 editing
 * (with results as you type, Tab completion, a history), the one prompt
 * for a file or a folder (~ and $VAR, Tab completes paths), and yes/no. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "gloss/fetch.h"
#include "gloss/layout.h"
#include "gloss/prompt_path.h"
#include "gloss/ui.h"
#include "gloss/util.h"
#include "ui_internal.h"

static size_t utf8_prev(const char *s, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)s[pos] & 0xc0) == 0x80)
		pos--;
	return pos;
}

static size_t utf8_next(const char *s, size_t len, size_t pos)
{
	if (pos >= len)
		return len;
	pos++;
	while (pos < len && ((unsigned char)s[pos] & 0xc0) == 0x80)
		pos++;
	return pos;
}

static char *prompt_hint;

void ui_prompt_hint(const char *text)
{
	free(prompt_hint);
	prompt_hint = text ? xstrdup(text) : NULL;
}

static void draw_prompt(const char *label, const struct buf *b, size_t cursor)
{
	struct ui_style st = ui_area(AREA_PROMPT);
	int row = ui.rows - 1, lw, avail, cw, start_w;
	size_t start = 0;

	ui_draw_all();
	if (ui_too_small())
		return;
	if (prompt_hint) {
		struct ui_style hs = ui_area(AREA_STATUS);
		ui_set_style(&hs);
		ui_clear_to_eol(row - 1, 0);
		ui_draw_text(row - 1, 1, prompt_hint, strlen(prompt_hint), ui.cols - 2);
	}
	ui_set_style(&st);
	ui_clear_to_eol(row, 0);
	/* The label whole when 20 columns are left to type in. */
	lw = ui_draw_text(row, 0, label, strlen(label), ui.cols - 20 > ui.cols / 2 ? ui.cols - 20 : ui.cols / 2);
	avail = ui.cols - lw - 1;
	/* Scroll so the cursor stays visible. */
	cw = layout_width(b->s ? b->s : "", cursor);
	while (cw - (start_w = layout_width(b->s, start)) >= avail && start < cursor)
		start = utf8_next(b->s, b->len, start);
	ui_draw_text(row, lw, b->s ? b->s + start : "", b->len - start, avail);
	move(row, lw + cw - layout_width(b->s ? b->s : "", start));
	curs_set(1);
	refresh();
}

char *ui_prompt(const char *label, const char *initial,
                void (*on_change)(void *ctx, const char *text), void *ctx)
{
	struct ui_prompt_opts o = {on_change, NULL, NULL, ctx};

	return ui_prompt_ex(label, initial, &o);
}

char *ui_prompt_ex(const char *label, const char *initial, const struct ui_prompt_opts *o)
{
	struct buf b = {0};
	size_t cursor;
	int pending = 0; /* the text changed since on_change last ran */
	char *result = NULL;

	buf_adds(&b, initial ? initial : "");
	cursor = b.len;
	for (;;) {
		int key, changed = 0, hinted = prompt_hint != NULL;
		draw_prompt(label, &b, cursor);
		if (pending) {
			/* What was typed is on screen; the search waits for a pause
			 * in the typing, so no keystroke waits for an older one. */
			int delay = wgetdelay(stdscr);
			timeout(UI_TYPING_PAUSE_MS);
			key = ui_read_key();
			timeout(delay);
			if (key == -1) {
				pending = 0;
				o->on_change(o->ctx, b.s);
				continue;
			}
		} else {
			key = ui_read_key();
		}
		if (hinted && key != KEYCODE(KEY_RESIZE))
			ui_prompt_hint(NULL); /* a hint lasts until the next key */
		if (pending && (key == '\n' || ((key == KEYCODE(KEY_UP) || key == KEYCODE(KEY_DOWN)) &&
		                                 o->step))) {
			/* Enter and the picker's moves act on the text as typed. */
			pending = 0;
			o->on_change(o->ctx, b.s);
		}
		if (key == KEYCODE(KEY_RESIZE)) {
			ui_handle_resize();
			continue;
		}
		if (key == 27) {
			break;
		} else if (key == '\n') {
			result = buf_steal(&b);
			break;
		} else if (key == KEYCODE(KEY_LEFT)) {
			cursor = utf8_prev(b.s, cursor);
		} else if (key == KEYCODE(KEY_RIGHT)) {
			cursor = utf8_next(b.s, b.len, cursor);
		} else if (key == KEYCODE(KEY_HOME) || key == 1) {
			cursor = 0;
		} else if (key == KEYCODE(KEY_END) || key == 5) {
			cursor = b.len;
		} else if (key == KEYCODE(KEY_BACKSPACE)) {
			size_t p = utf8_prev(b.s, cursor);
			memmove(b.s + p, b.s + cursor, b.len - cursor + 1);
			b.len -= cursor - p;
			cursor = p;
			changed = 1;
		} else if (key == KEYCODE(KEY_DC)) {
			size_t p = utf8_next(b.s, b.len, cursor);
			memmove(b.s + cursor, b.s + p, b.len - p + 1);
			b.len -= p - cursor;
			changed = 1;
		} else if ((key == KEYCODE(KEY_UP) || key == KEYCODE(KEY_DOWN)) && o->recall) {
			char *c = o->recall(o->ctx, key == KEYCODE(KEY_UP) ? -1 : 1);
			if (c) {
				b.len = 0;
				buf_adds(&b, c);
				cursor = b.len;
				free(c);
				changed = 1;
			}
		} else if ((key == KEYCODE(KEY_UP) || key == KEYCODE(KEY_DOWN)) && o->step) {
			o->step(o->ctx, key == KEYCODE(KEY_UP) ? -1 : 1);
		} else if (key == '\t' && o->complete) {
			char *c = o->complete(o->ctx, b.s ? b.s : "");
			if (c) {
				b.len = 0;
				buf_adds(&b, c);
				cursor = b.len;
				free(c);
				changed = 1;
			}
		} else if (key == 21) { /* C-u */
			memmove(b.s, b.s + cursor, b.len - cursor + 1);
			b.len -= cursor;
			cursor = 0;
			changed = 1;
		} else if (key >= 0x20 && key < 0x200000 && b.len < 4096) {
			char mb[8];
			int n = wctomb(mb, (wchar_t)key);
			if (n > 0) {
				buf_reserve(&b, (size_t)n);
				memmove(b.s + cursor + n, b.s + cursor, b.len - cursor + 1);
				memcpy(b.s + cursor, mb, (size_t)n);
				b.len += (size_t)n;
				cursor += (size_t)n;
				changed = 1;
			}
		}
		if (changed && o->on_change)
			pending = 1;
	}
	curs_set(0);
	ui_prompt_hint(NULL);
	buf_free(&b);
	return result;
}

int ui_confirm(const char *question)
{
	struct ui_style st = ui_area(AREA_PROMPT);
	int key;

	for (;;) {
		ui_draw_all();
		if (!ui_too_small()) {
			ui_set_style(&st);
			ui_clear_to_eol(ui.rows - 1, 0);
			ui_draw_text(ui.rows - 1, 0, question, strlen(question), ui.cols - 6);
			addstr(" [y/N]");
			refresh();
		}
		key = ui_read_key();
		if (key < 0) /* a background import's tick */
			continue;
		if (key == KEYCODE(KEY_RESIZE)) {
			ui_handle_resize();
			continue;
		}
		return key == 'y' || key == 'Y';
	}
}


/* --- the path prompt --- */

struct path_prompt {
	const struct ui_path_opts *o;
};

static char *complete_path(void *ctx, const char *text)
{
	const struct path_prompt *pp = ctx;

	if (pp->o->urls && fetch_is_url(text))
		return NULL;
	return prompt_path_complete(text, pp->o->dirs_only);
}

static char *recall_path(void *ctx, int dir)
{
	const struct path_prompt *pp = ctx;

	return pp->o->recall(pp->o->ctx, dir);
}

char *ui_prompt_path(const char *label, const char *initial, const struct ui_path_opts *o)
{
	struct path_prompt pp = {o};
	struct ui_prompt_opts po = {0};

	po.complete = complete_path;
	po.recall = o->recall ? recall_path : NULL;
	po.ctx = &pp;
	return ui_prompt_ex(label, initial, &po);
}
