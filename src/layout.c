/* layout.c — owns the step from a paragraph of UTF-8 to what the terminal
 * may be shown: display cells (a grapheme cluster, or a visible stand-in for
 * a byte or character that must never reach the terminal raw), their widths,
 * and greedy wrapping of one paragraph at a width using UAX #14 break
 * opportunities from libunistring, taken only at cell boundaries, with hard
 * breaks inside words and URLs that are wider than the line.  It knows
 * nothing of curses, styles or the store: callers get byte ranges and style
 * them themselves.
 *
 * The width model, chosen so that a line never turns out wider on screen
 * than we said: a cell is as wide as the sum of its code points' widths
 * (what curses and wcwidth-based terminals advance), raised to 2 for emoji
 * sequences that terminals with grapheme support draw as one wide glyph
 * (flags, VS16 presentation, ZWJ sequences).  Overestimating leaves a
 * column blank; underestimating would push text past the window edge.
 *
 * Invisible characters: U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER, U+FEFF
 * and U+00AD SOFT HYPHEN are drawn as nothing (width 0, empty out): they
 * cannot reorder or disguise text the way bidi controls can, and showing
 * them would litter ordinary text (web copy is full of them).  A
 * break after a soft hyphen is still taken, without drawing a hyphen, since
 * struct layout_line has no way to ask for one.  Every other format
 * character (bidi controls, invisible operators, tag characters outside an
 * emoji flag sequence, ...) is shown as "<U+XXXX>". */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uniwidth.h>

#include "gloss/layout.h"
#include "gloss/util.h"

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Decode one strictly valid UTF-8 character (no overlongs, surrogates or
 * values past U+10FFFF); 0 means the byte at s[0] is not the start of one,
 * so callers replace exactly that byte and resynchronise on the next. */
static size_t decode(const uint8_t *s, size_t n, ucs4_t *uc)
{
	uint8_t b = s[0];

	if (b < 0x80) {
		*uc = b;
		return 1;
	}
	if (b < 0xC2)
		return 0;
	if (b < 0xE0) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*uc = ((ucs4_t)(b & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (b < 0xF0) {
		uint8_t lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;

		if (n < 3 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80)
			return 0;
		*uc = ((ucs4_t)(b & 0x0F) << 12) | ((ucs4_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return 3;
	}
	if (b < 0xF5) {
		uint8_t lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;

		if (n < 4 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		*uc = ((ucs4_t)(b & 0x07) << 18) | ((ucs4_t)(s[1] & 0x3F) << 12) |
		      ((ucs4_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		return 4;
	}
	return 0;
}

enum special {
	SP_NONE,   /* ordinary text: part of a grapheme cluster */
	SP_EMPTY,  /* invisible and harmless: drawn as nothing */
	SP_SYMBOL  /* drawn as "<U+XXXX>" */
};

/* Classify a non-ASCII character.  The range tests first keep the common
 * scripts (Latin, Cyrillic, CJK, Hangul, emoji) off the property tables. */
static enum special classify(ucs4_t uc)
{
	if (uc < 0xA0)
		return SP_SYMBOL; /* C1 controls */
	if (uc == 0xAD)
		return SP_EMPTY;
	if (uc < 0x600)
		return SP_NONE;
	if (uc == 0x200B || uc == 0x2060 || uc == 0xFEFF)
		return SP_EMPTY;
	if (uc == 0x2028 || uc == 0x2029)
		return SP_SYMBOL; /* some terminals treat them as newlines */
	if ((uc >= 0x2070 && uc < 0xFEFF) || (uc > 0xFEFF && uc < 0xFFF9) ||
	    (uc >= 0x1F000 && uc < 0xE0000))
		return SP_NONE;
	/* ZWJ and ZWNJ shape emoji and Indic/Arabic text; Prepend characters
	 * (U+0600 ARABIC NUMBER SIGN, ...) are visible; Egyptian hieroglyph
	 * format controls build visible quadrats.  Tags (U+E0020...) are
	 * judged by the cluster they sit in. */
	if (uc == 0x200C || uc == 0x200D || (uc >= 0x13430 && uc <= 0x1343F) ||
	    (uc >= 0xE0020 && uc <= 0xE007F))
		return SP_NONE;
	if (uc_is_general_category(uc, UC_CATEGORY_Cf) &&
	    uc_graphemeclusterbreak_property(uc) != GBP_PREPEND)
		return SP_SYMBOL;
	return SP_NONE;
}

static int uwidth(ucs4_t uc)
{
	int w = uc_width(uc, "UTF-8");

	return w < 0 ? 0 : w;
}

static void put_symbol(ucs4_t uc, struct layout_cell *cell, char scratch[16])
{
	static const char hex[] = "0123456789ABCDEF";
	char digits[8];
	int nd = 0, i;
	size_t k = 0;

	do {
		digits[nd++] = hex[uc & 0xF];
		uc >>= 4;
	} while (uc || nd < 4);
	scratch[k++] = '<';
	scratch[k++] = 'U';
	scratch[k++] = '+';
	for (i = nd - 1; i >= 0; i--)
		scratch[k++] = digits[i];
	scratch[k++] = '>';
	scratch[k] = '\0';
	cell->out = scratch;
	cell->outlen = k;
	cell->width = (int)k;
	cell->substituted = 1;
}

/* Where the grapheme cluster that starts with base (at s[0], blen bytes)
 * ends, following UAX #29's extended rules.  uc_is_grapheme_break alone
 * only sees pairs, so regional-indicator pairing and emoji ZWJ sequences
 * (GB11–GB13) are tracked here.  Characters this module substitutes never
 * join a cluster, so a cluster's bytes are always safe to send as they are.
 * A mark with no base (at the start, or after a substituted cell) is a
 * cell of its own, sent as is: curses puts it on the previous cell. */
static size_t cluster_end(const uint8_t *s, size_t n, ucs4_t base, size_t blen, int *width)
{
	int bp = uc_graphemeclusterbreak_property(base);
	int sum = uwidth(base), emoji_wide = 0;
	int pict = uc_is_property_extended_pictographic(base);
	int pict_zwj = 0; /* ExtPict Extend* ZWJ seen: GB11 may join */
	int ri = bp == GBP_RI;
	int tags_ok = base == 0x1F3F4; /* subdivision flags: 🏴 + tags */
	int prev = bp;
	size_t i = blen;

	while (i < n) {
		ucs4_t uc;
		size_t l;
		int p, join;

		if (s[i] < 0x80) {
			/* ASCII joins only a Prepend character (GB9b); no mark is ASCII. */
			if (prev != GBP_PREPEND || s[i] < 0x20 || s[i] == 0x7F)
				break;
			uc = s[i];
			l = 1;
		} else {
			l = decode(s + i, n - i, &uc);
			if (l == 0 || classify(uc) != SP_NONE)
				break;
		}
		p = uc_graphemeclusterbreak_property(uc);
		if (p == GBP_CONTROL || p == GBP_CR || p == GBP_LF)
			break;
		if (uc >= 0xE0020 && uc <= 0xE007F && !tags_ok)
			break;
		/* An emoji ZWJ sequence is cut at the ZWJ, which is then drawn as
		 * nothing: terminals disagree on the width of joined emoji (tmux
		 * 3.3 draws a family in 2 columns, curses counts 6), and a
		 * disagreement shifts the rest of the line.  Drawn apart, every
		 * terminal agrees. */
		if (p == GBP_ZWJ && pict)
			break;
		if (p == GBP_EXTEND || p == GBP_ZWJ || p == GBP_SPACINGMARK || prev == GBP_PREPEND)
			join = 1;
		else if (prev == GBP_L)
			join = p == GBP_L || p == GBP_V || p == GBP_LV || p == GBP_LVT;
		else if (prev == GBP_LV || prev == GBP_V)
			join = p == GBP_V || p == GBP_T;
		else if (prev == GBP_LVT || prev == GBP_T)
			join = p == GBP_T;
		else if (p == GBP_RI)
			join = prev == GBP_RI && ri == 1;
		else
			join = pict_zwj && prev == GBP_ZWJ && uc_is_property_extended_pictographic(uc);
		if (!join)
			break;
		if (p == GBP_RI) {
			ri++;
			emoji_wide = 1;
		}
		if (uc == 0xFE0F && uc_is_property_emoji(base))
			emoji_wide = 1;
		if (pict_zwj && prev == GBP_ZWJ && p != GBP_EXTEND && p != GBP_ZWJ)
			emoji_wide = 1;
		if (p == GBP_ZWJ) {
			pict_zwj = pict;
			pict = 0;
		} else if (p != GBP_EXTEND)
			pict = uc_is_property_extended_pictographic(uc), pict_zwj = 0;
		sum += uwidth(uc);
		prev = p;
		i += l;
	}
	*width = emoji_wide && sum < 2 ? 2 : sum;
	return i;
}

void layout_cell_next(const char *text, size_t len, size_t pos,
                      struct layout_cell *cell, char scratch[16])
{
	const uint8_t *s = (const uint8_t *)text + pos;
	size_t n = len - pos, l;
	ucs4_t uc;

	cell->start = pos;
	cell->substituted = 0;
	l = decode(s, n, &uc);
	if (l == 0) {
		cell->end = pos + 1;
		cell->out = replacement;
		cell->outlen = 3;
		cell->width = 1;
		cell->substituted = 1;
		return;
	}
	cell->end = pos + l;
	if (uc < 0x20 || uc == 0x7F) {
		/* Control Pictures: U+2400 + c, DEL at U+2421; ESC becomes ␛. */
		unsigned pic = uc == 0x7F ? 0x21 : uc;

		if (uc == '\t') {
			scratch[0] = ' ';
			scratch[1] = '\0';
			cell->outlen = 1;
		} else {
			scratch[0] = (char)0xE2;
			scratch[1] = (char)0x90;
			scratch[2] = (char)(0x80 | pic);
			scratch[3] = '\0';
			cell->outlen = 3;
		}
		cell->out = scratch;
		cell->width = 1;
		cell->substituted = 1;
		return;
	}
	/* A ZWJ that starts a cell followed an emoji (see cluster_end). */
	if (uc >= 0x80 && (classify(uc) == SP_EMPTY || (uc == 0x200D && pos > 0))) {
		scratch[0] = '\0';
		cell->out = scratch;
		cell->outlen = 0;
		cell->width = 0;
		cell->substituted = 1;
		return;
	}
	if (uc >= 0x80) {
		switch (classify(uc)) {
		case SP_EMPTY:
			break; /* handled above */
		case SP_SYMBOL:
			put_symbol(uc, cell, scratch);
			return;
		case SP_NONE:
			break;
		}
		/* A tag character with no flag to belong to spells hidden text. */
		if (uc >= 0xE0020 && uc <= 0xE007F) {
			put_symbol(uc, cell, scratch);
			return;
		}
	} else if (n == 1 || s[1] < 0x80) {
		cell->out = text + pos;
		cell->outlen = 1;
		cell->width = 1;
		return;
	}
	cell->end = pos + cluster_end(s, n, uc, l, &cell->width);
	cell->out = text + pos;
	cell->outlen = cell->end - pos;
}

int layout_fput_safe(FILE *f, const char *text, size_t len, int max_width)
{
	char scratch[16];
	size_t pos = 0;
	int used = 0;

	while (text && pos < len) {
		struct layout_cell c;
		if (text[pos] == '\n' || text[pos] == '\t') {
			if (max_width >= 0 && used + 1 > max_width)
				break;
			fputc(text[pos] == '\n' && max_width < 0 ? '\n' : ' ', f);
			used++;
			pos++;
			continue;
		}
		layout_cell_next(text, len, pos, &c, scratch);
		if (c.end <= pos || (max_width >= 0 && used + c.width > max_width))
			break;
		fwrite(c.out, 1, c.outlen, f);
		used += c.width;
		pos = c.end;
	}
	return used;
}

void layout_fprintf_safe(FILE *f, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	layout_fput_safe(f, s, strlen(s), -1);
	free(s);
}

int layout_width(const char *text, size_t len)
{
	const uint8_t *s = (const uint8_t *)text;
	struct layout_cell cell;
	char scratch[16];
	size_t pos = 0;
	long long w = 0;

	while (pos < len) {
		if (s[pos] >= 0x20 && s[pos] < 0x7F && (pos + 1 == len || s[pos + 1] < 0x80)) {
			w++;
			pos++;
			continue;
		}
		layout_cell_next(text, len, pos, &cell, scratch);
		w += cell.width;
		pos = cell.end;
	}
	return w > INT_MAX ? INT_MAX : (int)w;
}

static void emit(struct layout_lines *out, size_t start, size_t end, int width)
{
	struct layout_line line = { start, end, width };

	VEC_PUSH(out, line);
}

/* Greedy first fit: the line grows cell by cell; spaces hang past the edge
 * (they are dropped at a break and never counted); the last break
 * opportunity seen is where the line ends when a cell no longer fits, and
 * with none the cut is hard, at the cell.  Every cell is looked at a
 * bounded number of times, so the cost is linear in the paragraph. */
void layout_wrap(const char *text, size_t len, int width, struct layout_lines *out)
{
	const uint8_t *s = (const uint8_t *)text;
	char small[2048], *brk, scratch[16];
	struct layout_cell cell;
	size_t pos = 0, line_start = 0, ink_end = 0;
	size_t cand = 0, cand_end = 0, mand_at = SIZE_MAX;
	long col = 0, cand_at = 0; /* hanging spaces may run long */
	int ink_col = 0, cand_col = 0, emitted = 0;

	if (width < 1)
		width = 1;
	brk = len <= sizeof small ? small : xmalloc(len);
	if (len)
		u8_possible_linebreaks(s, len, "UTF-8", brk);

	while (pos < len) {
		uint8_t b = s[pos];
		size_t clen;
		int w, space;

		if (pos > line_start && ink_end > line_start &&
		    (brk[pos] == UC_BREAK_POSSIBLE || brk[pos] == UC_BREAK_HYPHENATION ||
		     pos == mand_at)) {
			cand = pos;
			cand_end = ink_end;
			cand_col = ink_col;
			cand_at = col;
		}
		if (b >= 0x20 && b < 0x7F && (pos + 1 == len || s[pos + 1] < 0x80)) {
			clen = 1;
			w = 1;
			space = b == ' ';
		} else {
			layout_cell_next(text, len, pos, &cell, scratch);
			clen = cell.end - pos;
			w = cell.width;
			space = (b == ' ' || b == '\t') && clen == 1;
		}
		/* A newline-like character the splitter left in allows, but does
		 * not force, a break after it; it is drawn as a symbol. */
		if (brk[pos] == UC_BREAK_MANDATORY || brk[pos] == UC_BREAK_CR_BEFORE_LF)
			mand_at = pos + clen;

		if (space) {
			col += w;
			pos += clen;
			continue;
		}
		if (col + w <= width) {
			col += w;
			pos += clen;
			ink_end = pos;
			ink_col = (int)col;
			continue;
		}
		if (cand > line_start) {
			emit(out, line_start, cand_end, cand_col);
			emitted = 1;
			line_start = cand;
			col -= cand_at;
			if (ink_end > cand) {
				ink_col = (int)(ink_col - cand_at);
			} else {
				ink_end = line_start;
				ink_col = 0;
			}
			continue; /* the same cell again, on the new line */
		}
		if (ink_end > line_start) {
			emit(out, line_start, ink_end, ink_col);
			emitted = 1;
			line_start = pos;
			ink_end = pos;
			col = ink_col = 0;
			continue;
		}
		if (col > 0) {
			/* Only spaces before it: they lead nowhere, drop them. */
			line_start = ink_end = pos;
			col = 0;
			continue;
		}
		/* One cell wider than the whole line gets a line of its own. */
		pos += clen;
		emit(out, line_start, pos, w);
		emitted = 1;
		line_start = ink_end = pos;
	}
	if (ink_end > line_start || !emitted)
		emit(out, line_start, ink_end, ink_col);
	if (brk != small)
		free(brk);
}
