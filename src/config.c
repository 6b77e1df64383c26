/* config.c — the configuration language shared by the config file, the
 * compiled-in defaults and the theme files: tig-like lines (set, bind,
 * color, theme) split into words with shell-like quoting, the colour and
 * attribute vocabulary of `color` lines, and the mapping of a written
 * colour to the nearest one a terminal can show.  It checks syntax only:
 * what a `set` name, a `bind` action or a colour area means is decided by
 * the UI, which owns those tables, so this module needs no curses. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/theme.h"
#include "gloss/util.h"

/* --- ASCII helpers: the language is ASCII, and <ctype.h> would make the
 * meaning of "BOLD" depend on the user's locale. --- */

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int ascii_caseeq(const char *a, const char *b)
{
	for (; *a && util_ascii_lower(*a) == util_ascii_lower(*b); ++a)
		++b;
	return *a == '\0' && *b == '\0';
}

static int hex_digit(char c)
{
	c = util_ascii_lower(c);
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* "#rrggbb" in the first n bytes of s, followed by the end of the word. */
static int is_rgb_word(const char *s, size_t n)
{
	size_t i;

	if (n < 7 || s[0] != '#')
		return 0;
	for (i = 1; i < 7; ++i)
		if (hex_digit(s[i]) < 0)
			return 0;
	return n == 7 || is_blank(s[7]);
}

/* --- colours and attributes --- */

static const char *const color_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

static int parse_color_name(const char *word)
{
	int base = 0, i;

	if (strlen(word) > 6 && util_ascii_lower(word[0]) == 'b' &&
	    util_ascii_lower(word[1]) == 'r' && util_ascii_lower(word[2]) == 'i' &&
	    util_ascii_lower(word[3]) == 'g' && util_ascii_lower(word[4]) == 'h' &&
	    util_ascii_lower(word[5]) == 't') {
		base = 8;
		word += 6;
	}
	for (i = 0; i < 8; ++i)
		if (ascii_caseeq(word, color_names[i]))
			return base + i;
	return -1;
}

int theme_parse_color(const char *word, struct theme_color *out)
{
	size_t n, i;
	int v;

	if (!word || !out)
		return -1;
	n = strlen(word);
	if (ascii_caseeq(word, "default")) {
		out->kind = 0;
		out->value = THEME_DEFAULT_COLOR;
		return 0;
	}
	if (word[0] == '#') {
		if (!is_rgb_word(word, n))
			return -1;
		for (v = 0, i = 1; i < 7; ++i)
			v = v * 16 + hex_digit(word[i]);
		out->kind = 2;
		out->value = v;
		return 0;
	}
	/* At most three digits, so no overflow and no "+1" or " 1". */
	if (n >= 1 && n <= 3 && strspn(word, "0123456789") == n) {
		for (v = 0, i = 0; i < n; ++i)
			v = v * 10 + (word[i] - '0');
		if (v > 255)
			return -1;
		out->kind = 1;
		out->value = v;
		return 0;
	}
	v = parse_color_name(word);
	if (v < 0)
		return -1;
	out->kind = 1;
	out->value = v;
	return 0;
}

static const struct {
	const char *name;
	int bit;
} attr_names[] = {
	{ "normal", 0 },
	{ "bold", THEME_BOLD },
	{ "underline", THEME_UNDERLINE },
	{ "reverse", THEME_REVERSE },
	{ "dim", THEME_DIM },
	{ "italic", THEME_ITALIC },
	{ "blink", THEME_BLINK },
	{ "standout", THEME_STANDOUT },
};

int theme_parse_attr(const char *word, int *bits)
{
	size_t i;

	if (!word || !bits)
		return -1;
	for (i = 0; i < ARRAY_SIZE(attr_names); ++i) {
		if (ascii_caseeq(word, attr_names[i].name)) {
			*bits = attr_names[i].bit;
			return 0;
		}
	}
	return -1;
}

/* --- mapping a colour to what the terminal has --- */

struct rgb {
	int r, g, b;
};

/* xterm's defaults for the 16 basic colours; real terminals differ, but
 * these are what a theme author most likely looked at. */
static const unsigned char basic_rgb[16][3] = {
	{ 0x00, 0x00, 0x00 }, { 0xcd, 0x00, 0x00 }, { 0x00, 0xcd, 0x00 },
	{ 0xcd, 0xcd, 0x00 }, { 0x00, 0x00, 0xee }, { 0xcd, 0x00, 0xcd },
	{ 0x00, 0xcd, 0xcd }, { 0xe5, 0xe5, 0xe5 }, { 0x7f, 0x7f, 0x7f },
	{ 0xff, 0x00, 0x00 }, { 0x00, 0xff, 0x00 }, { 0xff, 0xff, 0x00 },
	{ 0x5c, 0x5c, 0xff }, { 0xff, 0x00, 0xff }, { 0x00, 0xff, 0xff },
	{ 0xff, 0xff, 0xff },
};
static const unsigned char cube256[6] = { 0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff };
static const unsigned char cube88[4] = { 0x00, 0x8b, 0xcd, 0xff };
static const unsigned char grey88[8] = { 0x2e, 0x5c, 0x73, 0x8b, 0xa2, 0xb9, 0xd0, 0xe7 };

static struct rgb basic_color(int i)
{
	struct rgb c = { basic_rgb[i][0], basic_rgb[i][1], basic_rgb[i][2] };
	return c;
}

static struct rgb xterm256_rgb(int i)
{
	struct rgb c;

	if (i < 16)
		return basic_color(i);
	if (i >= 232) {
		c.r = c.g = c.b = 8 + 10 * (i - 232);
		return c;
	}
	i -= 16;
	c.r = cube256[i / 36];
	c.g = cube256[i / 6 % 6];
	c.b = cube256[i % 6];
	return c;
}

static struct rgb xterm88_rgb(int i)
{
	struct rgb c;

	if (i < 16)
		return basic_color(i);
	if (i >= 80) {
		c.r = c.g = c.b = grey88[i - 80];
		return c;
	}
	i -= 16;
	c.r = cube88[i / 16];
	c.g = cube88[i / 4 % 4];
	c.b = cube88[i % 4];
	return c;
}

/* A colour in (roughly) CIELAB, where distance tracks how different two
 * colours look: plain RGB distance turns mid-grey into cyan on 8 colours.
 * sRGB's gamma is approximated by squaring and the cube root is done by
 * Newton's method, so no libm is needed for something this coarse. */
struct lab {
	double l, a, b;
};

static double cube_root(double t)
{
	double y = 1.0, prev;
	int i;

	if (t <= 0.0)
		return 0.0;
	/* From above for t <= ~1, so a dozen steps reach double precision. */
	for (i = 0; i < 60; ++i) {
		prev = y;
		y = (2.0 * y + t / (y * y)) / 3.0;
		if (prev - y < 1e-12 && y - prev < 1e-12)
			break;
	}
	return y;
}

static double lab_f(double t)
{
	return t > 0.008856 ? cube_root(t) : 7.787 * t + 16.0 / 116.0;
}

static struct lab to_lab(struct rgb c)
{
	double r = c.r / 255.0, g = c.g / 255.0, b = c.b / 255.0;
	double x, y, z;
	struct lab out;

	r *= r;
	g *= g;
	b *= b;
	/* linear sRGB to XYZ, each row divided by the D65 white point */
	x = lab_f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505);
	y = lab_f(0.2126 * r + 0.7152 * g + 0.0722 * b);
	z = lab_f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.0890);
	out.l = 116.0 * y - 16.0;
	out.a = 500.0 * (x - y);
	out.b = 200.0 * (y - z);
	return out;
}

static double color_distance(struct lab p, struct rgb c)
{
	struct lab q = to_lab(c);
	double dl = p.l - q.l, da = p.a - q.a, db = p.b - q.b;

	return dl * dl + da * da + db * db;
}

/* The nearest of palette entries [first, last), first wins on a tie. */
static int nearest(struct rgb want, int first, int last, struct rgb (*palette)(int))
{
	struct lab p = to_lab(want);
	int i, best = first;
	double d, best_d = -1.0;

	for (i = first; i < last; ++i) {
		d = color_distance(p, palette(i));
		if (best_d < 0.0 || d < best_d) {
			best_d = d;
			best = i;
		}
	}
	return best;
}

int theme_color_index(const struct theme_color *c, int ncolors)
{
	struct rgb want;

	if (!c || ncolors < 8)
		return THEME_DEFAULT_COLOR;
	if (c->kind == 1 && c->value >= 0 && c->value <= 255) {
		/* 0..15 are the same slots everywhere; above that the 88-colour
		 * palette is laid out differently, so only 256 keeps the index. */
		if (c->value < 16 ? c->value < ncolors : ncolors >= 256)
			return c->value;
		want = xterm256_rgb(c->value);
	} else if (c->kind == 2 && c->value >= 0 && c->value <= 0xffffff) {
		want.r = c->value >> 16 & 0xff;
		want.g = c->value >> 8 & 0xff;
		want.b = c->value & 0xff;
	} else {
		return THEME_DEFAULT_COLOR;
	}
	/* On 88 and 256 colours the basic 16 are left out: users retune them
	 * (solarized and friends), while the cube and the greys are fixed. */
	if (ncolors >= 256)
		return nearest(want, 16, 256, xterm256_rgb);
	if (ncolors >= 88)
		return nearest(want, 16, 88, xterm88_rgb);
	return nearest(want, 0, ncolors >= 16 ? 16 : 8, basic_color);
}

/* --- the line parser --- */

struct words {
	char **v;
	size_t n, cap;
};

static void words_free(struct words *w)
{
	size_t i;

	for (i = 0; i < w->n; ++i)
		free(w->v[i]);
	free(w->v);
	w->v = NULL;
	w->n = w->cap = 0;
}

/* A word fit to quote in an error message: the user's terminal shows it,
 * so control characters are escaped and a huge word is cut short. */
static char *shown(const char *word)
{
	enum { MAX_SHOWN = 40 };
	struct buf b = { 0 };
	const unsigned char *p = (const unsigned char *)word;
	size_t i;

	for (i = 0; p[i] && i < MAX_SHOWN; ++i) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			buf_printf(&b, "\\x%02x", p[i]);
		else if (p[i] == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			buf_printf(&b, "\\x%02x", p[++i]); /* a C1 control */
		else
			buf_addc(&b, (char)p[i]);
	}
	if (p[i]) {
		/* Never leave half a UTF-8 sequence before the ellipsis. */
		while (b.len > 0 && ((unsigned char)b.s[b.len - 1] & 0xc0) == 0x80)
			--b.len;
		if (b.len > 0 && (unsigned char)b.s[b.len - 1] >= 0xc0)
			--b.len;
		b.s[b.len] = '\0';
		buf_adds(&b, "...");
	}
	return buf_steal(&b);
}

static char escaped(char c)
{
	switch (c) {
	case 'n':
		return '\n';
	case 't':
		return '\t';
	default:
		return c;
	}
}

/* Split one line into words.  Quoting is the shell's: '...' is literal,
 * "..." and bare words take backslash escapes.  A '#' that starts a word
 * starts a comment, except "#rrggbb" after the command word, so colours
 * need no quotes (and "#word" where a color line has its colours, so
 * that a bad colour is reported as one). */
static char *split_words(const char *s, size_t n, struct words *w)
{
	size_t i = 0;

	for (;;) {
		struct buf b = { 0 };

		while (i < n && is_blank(s[i]))
			++i;
		/* In a color line's colour places (the words after the area),
		 * "#zzz" is a bad colour to report, not a comment that leaves the
		 * line short of words; "# ..." is still a comment. */
		if (i == n || (s[i] == '#' && (w->n == 0 || !is_rgb_word(s + i, n - i)) &&
		               !((w->n == 2 || w->n == 3) && strcmp(w->v[0], "color") == 0 &&
		                 i + 1 < n && !is_blank(s[i + 1]) && s[i + 1] != '#')))
			return NULL;
		while (i < n && !is_blank(s[i])) {
			if (s[i] == '\'') {
				const char *end = memchr(s + i + 1, '\'', n - i - 1);
				if (!end) {
					buf_free(&b);
					return xstrdup("unterminated ' quote");
				}
				buf_add(&b, s + i + 1, (size_t)(end - (s + i + 1)));
				i = (size_t)(end - s) + 1;
			} else if (s[i] == '"') {
				for (++i; i < n && s[i] != '"'; ++i) {
					if (s[i] != '\\' || i + 1 == n) {
						buf_addc(&b, s[i]);
					} else {
						buf_addc(&b, escaped(s[i + 1]));
						++i;
					}
				}
				if (i == n) {
					buf_free(&b);
					return xstrdup("unterminated \" quote");
				}
				++i;
			} else if (s[i] == '\\') {
				if (i + 1 == n) {
					buf_free(&b);
					return xstrdup("backslash at the end of the line");
				}
				buf_addc(&b, escaped(s[i + 1]));
				i += 2;
			} else {
				buf_addc(&b, s[i++]);
			}
		}
		VEC_PUSH(w, buf_steal(&b));
	}
}

static const struct {
	const char *name;
	enum config_kind kind;
	int min_args, max_args; /* words after the command; -1: no limit */
	const char *usage;
} commands[] = {
	{ "set", CONFIG_SET, 2, 2, "set NAME VALUE" },
	{ "bind", CONFIG_BIND, 3, 3, "bind SCREEN KEY ACTION" },
	{ "color", CONFIG_COLOR, 3, -1, "color AREA FG BG [ATTR...]" },
	{ "theme", CONFIG_THEME, 1, 1, "theme NAME" },
};

static char *bad_word(const char *what, const char *word, const char *hint)
{
	char *s = shown(word), *msg;

	msg = xasprintf("bad %s '%s'%s", what, s, hint);
	free(s);
	return msg;
}

static char *parse_style(char **argv, int argc, struct theme_style *st)
{
	int i, bits;

	if (argv[0][0] == '\0')
		return xstrdup("empty colour area");
	if (theme_parse_color(argv[1], &st->fg) != 0)
		return bad_word("colour", argv[1], " (a name, 0-255, #rrggbb or default)");
	if (theme_parse_color(argv[2], &st->bg) != 0)
		return bad_word("colour", argv[2], " (a name, 0-255, #rrggbb or default)");
	st->attrs = 0;
	for (i = 3; i < argc; ++i) {
		if (theme_parse_attr(argv[i], &bits) != 0)
			return bad_word("attribute", argv[i],
			                " (bold underline reverse dim italic blink standout normal)");
		st->attrs |= bits;
	}
	st->area = xstrdup(argv[0]);
	return NULL;
}

/* Turn the words of a line into a config_line; on error the words stay
 * with the caller. */
static char *make_line(struct words *w, int lineno, struct config_line *out)
{
	size_t c;
	char *cmd = w->v[0], *msg;
	int argc;

	for (c = 0; c < ARRAY_SIZE(commands); ++c)
		if (strcmp(cmd, commands[c].name) == 0)
			break;
	if (c == ARRAY_SIZE(commands)) {
		char *s = shown(cmd);
		msg = xasprintf("unknown command '%s' (set, bind, color or theme)", s);
		free(s);
		return msg;
	}
	/* tig writes "set NAME = VALUE"; accept that habit. */
	if (commands[c].kind == CONFIG_SET && w->n == 4 && strcmp(w->v[2], "=") == 0) {
		free(w->v[2]);
		w->v[2] = w->v[3];
		--w->n;
	}
	if (w->n - 1 > INT_MAX / 2)
		return xasprintf("too many words for '%s'", commands[c].name);
	argc = (int)(w->n - 1);
	if (argc < commands[c].min_args ||
	    (commands[c].max_args >= 0 && argc > commands[c].max_args))
		return xasprintf("wrong number of arguments (%d): usage: %s", argc,
		                 commands[c].usage);

	memset(out, 0, sizeof *out);
	out->kind = commands[c].kind;
	out->lineno = lineno;
	if (out->kind == CONFIG_COLOR) {
		msg = parse_style(w->v + 1, argc, &out->style);
		if (msg)
			return msg;
	}
	/* The words after the command become argv, NULL-terminated. */
	free(cmd);
	memmove(w->v, w->v + 1, (size_t)argc * sizeof *w->v);
	w->v[argc] = NULL;
	out->argc = argc;
	out->argv = w->v;
	w->v = NULL;
	w->n = w->cap = 0;
	return NULL;
}

/* One line into cfg; NULL, or the message for a line that is skipped. */
static char *parse_line(const char *line, size_t n, int lineno, struct config *cfg)
{
	struct words w = { 0 };
	struct config_line cl = { 0 };
	char *msg;

	if (memchr(line, '\0', n))
		return xstrdup("NUL byte in the line");
	msg = split_words(line, n, &w);
	if (!msg && w.n > 0) {
		msg = make_line(&w, lineno, &cl);
		if (!msg)
			VEC_PUSH(cfg, cl);
	}
	words_free(&w);
	return msg;
}

int config_parse(const char *text, size_t len, const char *file, struct config *cfg,
                 config_error_fn err, void *ctx)
{
	size_t pos = 0;
	int lineno = 0, bad = 0;

	if (!text || !cfg)
		return 0;
	if (!file)
		file = "(config)";
	while (pos < len) {
		const char *line = text + pos, *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		char *msg;

		pos += n + (nl != NULL);
		if (lineno < INT_MAX)
			++lineno;
		msg = parse_line(line, n, lineno, cfg);
		if (msg) {
			if (bad < INT_MAX)
				++bad;
			if (err)
				err(ctx, file, lineno, msg);
			free(msg);
		}
	}
	return bad;
}

void config_free(struct config *cfg)
{
	size_t i;
	int j;

	if (!cfg)
		return;
	for (i = 0; i < cfg->n; ++i) {
		for (j = 0; j < cfg->v[i].argc; ++j)
			free(cfg->v[i].argv[j]);
		free(cfg->v[i].argv);
		free(cfg->v[i].style.area);
	}
	free(cfg->v);
	cfg->v = NULL;
	cfg->n = cfg->cap = 0;
}
