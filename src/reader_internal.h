/* reader_internal.h — what the reading screen (view_reader.c) and its
 * annotation actions (reader_actions.c) share: the reader's state and
 * its layout (reader_layout.c), which both use and which uses neither. */
#ifndef GLOSS_READER_INTERNAL_H
#define GLOSS_READER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "gloss/layout.h"
#include "gloss/sentence.h"
#include "gloss/store.h"

/* A paragraph near the screen, laid out: an entry of the reader's
 * paragraph cache (reader_layout.c).  Every paragraph of the article has
 * only its start in r->para_start; this is made when a paragraph is
 * reached, and dropped when it has not been used for a while.  A pointer
 * to one stays valid until the next reader_paras_op: entries used since
 * then are never dropped. */
struct para {
	size_t p;                   /* which paragraph */
	size_t start, end;          /* bytes of the body */
	struct layout_lines lines;  /* offsets relative to start; at width */
	struct sentence_vec sents;  /* absolute offsets */
	int wrapped_at;             /* the width lines were made for, 0 = none */
	int split;
	unsigned long used;         /* the cache's clock when last asked for */
	unsigned long op;           /* the operation that last asked for it */
};

struct para_cache {
	struct para **slot;         /* by paragraph number, open addressing */
	size_t mask, n, limit;
	unsigned long clock, op;
	struct para *last;
};

struct hit {
	size_t start, end;
};

struct reader {
	struct store_article art;
	/* Where each paragraph (a line of the body) starts: its end is one
	 * byte before the next one's start.  Laid-out paragraphs are in
	 * paras, made when they are reached. */
	size_t *para_start;
	size_t npara;
	/* A long body is read in parts (store_article_open): rest is what is
	 * left, read while no key waits (reader_idle) or when something
	 * needs it.  Until then npara counts the paragraphs whose end was
	 * read; nstarts (npara, or one more) the entries of para_start;
	 * scanned is how far the body was looked at for newlines. */
	struct store_body *rest;
	size_t nstarts, starts_cap, scanned;
	struct para_cache paras;
	/* The mentions of the body from ments_from to ments_to: all of them,
	 * or for a long article with blocks (lazy_ments) those near the
	 * screen, loaded as it moves (reader_ments_cover). */
	struct store_mentions ments;
	size_t ments_from, ments_to, ment_total;
	int lazy_ments;
	/* The minimap's marks of the label Tab reached, for a lazy article:
	 * one byte a row, made once for that label and height. */
	unsigned char *label_marks;
	int label_marks_rows, label_marks_label;
	int width;           /* columns of text */
	size_t top_para, top_line; /* top_line == nlines: the blank after a paragraph */
	size_t focus_para, focus_sent;
	long ent;            /* index into ments of the entity Tab reached, or -1 */
	char *query;
	struct {
		struct hit *v;
		size_t n, cap;
	} hits;
	long cur_hit;
	/* Annotations of this article (not orphaned), by start. */
	struct store_highlights hls;
	struct store_tags tags;
	/* A selection: from sel_a (fixed) to sel_b (moved by w b ( ) { }). */
	int selecting;
	size_t sel_a, sel_b;
	/* After ] or [: the keys act on that annotation's range, until the
	 * focus moves. */
	long on_hl;
	/* Deleted annotations, newest last, for U. */
	struct store_deleted **undo;
	size_t nundo;
	unsigned long deleted_at; /* view_correct_tick() of the last deletion */
	unsigned long ments_at;   /* view_correct_changes() when ments was loaded */
};

/* Columns left of the text: the note and link markers. */
#define MARGIN 2

/* reader_layout.c: the article laid out, the top line and the focus. */
int reader_text_rows(void);
/* The paragraphs of r->art.body: where each starts, and a cache emptied. */
void reader_paras_build(struct reader *r);
/* Those of the part read since (the body read in parts). */
void reader_paras_more(struct reader *r);
/* Read more of a body read in parts: up to `upto` (SIZE_MAX: all). */
void reader_body_more(struct reader *r, size_t upto);
void reader_paras_free(struct reader *r);
/* A new operation (a key, a draw): the entries of the last one may go. */
void reader_paras_op(struct reader *r);
size_t reader_para_start(const struct reader *r, size_t p);
size_t reader_para_end(const struct reader *r, size_t p);
struct para *reader_para_wrapped(struct reader *r, size_t p);
struct para *reader_para_split(struct reader *r, size_t p);
/* Display lines of a paragraph: its lines and a blank after it. */
size_t reader_para_rows(struct reader *r, size_t p);
/* Byte offset at the start of a display line. */
size_t reader_line_offset(struct reader *r, size_t p, size_t l);
size_t reader_top_offset(struct reader *r);
size_t reader_para_at(struct reader *r, size_t off);
/* Move the top by delta display lines (clamped to the text). */
void reader_scroll_by(struct reader *r, long delta);
/* The last top that still fills the screen: count rows back from the end. */
void reader_bottom_top(struct reader *r, size_t *p, size_t *l);
void reader_clamp_top(struct reader *r);
void reader_set_top_offset(struct reader *r, size_t off);
/* The byte offset just after the last line on screen. */
size_t reader_screen_end(struct reader *r);
/* Display row (from the top of the text) of a byte offset, or -1 when it
 * is not on screen. */
long reader_row_of(struct reader *r, size_t off);
struct sentence_span reader_focus_span(struct reader *r);
void reader_focus_at(struct reader *r, size_t off);
/* Scroll so that an offset is on screen, a few lines from the top when it
 * was off screen. */
void reader_show_offset(struct reader *r, size_t off);
/* After scrolling, keep the focus on screen. */
void reader_focus_follow(struct reader *r, int from_bottom);
void reader_move_sentence(struct reader *r, int dir);
void reader_move_paragraph(struct reader *r, int dir);
long reader_mention_at_or_after(struct reader *r, size_t off);
/* The article's entities again: a correction may have changed them. */
void reader_reload_mentions(struct reader *r);
/* Load the article's mentions (those near the top for a long one). */
void reader_load_mentions(struct reader *r);
/* Make sure the mentions of [from, to) are in r->ments. */
void reader_ments_cover(struct reader *r, size_t from, size_t to);
/* For a long article whose mentions are loaded by position: whether its
 * blocks are still there (made again when they are not, or every mention
 * loaded): 1 when they are loaded by position still. */
int reader_ments_check(struct reader *r);
/* Its blocks are damaged: make them again, or load every mention. */
void reader_ments_repair(struct reader *r);
/* Set r->ent to the mention m, loading its part of the article. */
void reader_ent_set(struct reader *r, const struct store_mention *m);

/* reader_actions.c: the annotations of the article (load them; the range
 * the keys act on; the one there; a summary for the status line) and
 * what the keys do with them, links, the source URL, and corrections. */
void reader_load_annotations(struct reader *r);
struct sentence_span reader_target(struct reader *r);
long reader_annotation_at(struct reader *r, struct sentence_span t);
void reader_annotation_summary(struct reader *r, struct sentence_span t, char *out, size_t n);
void reader_tag_by_key(struct reader *r, int key);
void reader_tag_prompt(struct reader *r);
void reader_note_prompt(struct reader *r);
void reader_note_editor(struct reader *r);
void reader_delete_annotation(struct reader *r);
void reader_undo_delete(struct reader *r);
void reader_yank(struct reader *r);
void reader_move_annotation(struct reader *r, int dir);
void reader_follow_link(struct reader *r);
void reader_open_url(struct reader *r);
/* Tab and S-Tab: the next or previous entity. */
void reader_move_entity(struct reader *r, int dir);
void reader_correct_entity(struct reader *r);
void reader_mark_entity(struct reader *r);

#endif
