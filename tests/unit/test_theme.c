/* test_theme.c — the configuration language and colours: words, quotes,
 * comments and errors with their line numbers; colour and attribute words;
 * the mapping to 8, 16, 88 and 256 colours; and every shipped theme file,
 * read from the source tree, parsing cleanly and covering every area. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/theme.h"
#include "gloss/util.h"
#include "tap.h"

/* --- helpers --- */

struct errors {
	int n;
	int lines[32];
	char *msgs[32];
	const char *file;
};

static void collect(void *ctx, const char *file, int line, const char *msg)
{
	struct errors *e = ctx;

	e->file = file;
	if (e->n < 32) {
		e->lines[e->n] = line;
		e->msgs[e->n] = xstrdup(msg);
	}
	++e->n;
}

static void errors_free(struct errors *e)
{
	int i;

	for (i = 0; i < e->n && i < 32; ++i)
		free(e->msgs[i]);
	memset(e, 0, sizeof *e);
}

static int parse(const char *text, struct config *cfg, struct errors *e)
{
	return config_parse(text, strlen(text), "test.rc", cfg, collect, e);
}

static struct theme_color color(const char *word)
{
	struct theme_color c = { -7, -7 };

	theme_parse_color(word, &c);
	return c;
}

static int map(const char *word, int ncolors)
{
	struct theme_color c = color(word);

	return theme_color_index(&c, ncolors);
}

static int map_index(int value, int ncolors)
{
	struct theme_color c = { 1, value };

	return theme_color_index(&c, ncolors);
}

/* --- colours and attributes --- */

static void test_color_words(void)
{
	static const struct {
		const char *word;
		int kind, value;
	} good[] = {
		{ "black", 1, 0 }, { "red", 1, 1 }, { "green", 1, 2 }, { "yellow", 1, 3 },
		{ "blue", 1, 4 }, { "magenta", 1, 5 }, { "cyan", 1, 6 }, { "white", 1, 7 },
		{ "brightblack", 1, 8 }, { "brightred", 1, 9 }, { "brightcyan", 1, 14 },
		{ "brightwhite", 1, 15 }, { "Red", 1, 1 }, { "BrightBlue", 1, 12 },
		{ "default", 0, THEME_DEFAULT_COLOR }, { "DEFAULT", 0, THEME_DEFAULT_COLOR },
		{ "0", 1, 0 }, { "7", 1, 7 }, { "016", 1, 16 }, { "214", 1, 214 }, { "255", 1, 255 },
		{ "#ff8800", 2, 0xff8800 }, { "#FF8800", 2, 0xff8800 }, { "#000000", 2, 0 },
		{ "#aa9cFC", 2, 0xaa9cfc },
	};
	static const char *const bad[] = {
		"", "256", "999", "1000", "-1", "+1", " 1", "1 ", "0x10", "#ff880", "#ff88000",
		"#gg0000", "#", "ff8800", "bright", "brightdefault", "reddish", "re", "grey",
		"bright red", "color1",
	};
	struct theme_color c;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(good); ++i) {
		c.kind = c.value = -7;
		CHECK(theme_parse_color(good[i].word, &c) == 0 && c.kind == good[i].kind &&
		              c.value == good[i].value,
		      "colour '%s' is kind %d value %d", good[i].word, good[i].kind, good[i].value);
	}
	for (i = 0; i < ARRAY_SIZE(bad); ++i) {
		c.kind = c.value = -7;
		CHECK(theme_parse_color(bad[i], &c) != 0 && c.kind == -7,
		      "'%s' is not a colour and leaves the result alone", bad[i]);
	}
	CHECK(theme_parse_color(NULL, &c) != 0, "a NULL word is not a colour");
}

static void test_attr_words(void)
{
	static const struct {
		const char *word;
		int bits;
	} good[] = {
		{ "bold", THEME_BOLD }, { "underline", THEME_UNDERLINE },
		{ "reverse", THEME_REVERSE }, { "dim", THEME_DIM }, { "italic", THEME_ITALIC },
		{ "blink", THEME_BLINK }, { "standout", THEME_STANDOUT }, { "normal", 0 },
		{ "BOLD", THEME_BOLD }, { "Underline", THEME_UNDERLINE },
	};
	static const char *const bad[] = { "", "bolder", "under", "red", "bold,underline" };
	size_t i;
	int bits;

	for (i = 0; i < ARRAY_SIZE(good); ++i) {
		bits = -7;
		CHECK(theme_parse_attr(good[i].word, &bits) == 0 && bits == good[i].bits,
		      "attribute '%s' is %d", good[i].word, good[i].bits);
	}
	for (i = 0; i < ARRAY_SIZE(bad); ++i) {
		bits = -7;
		CHECK(theme_parse_attr(bad[i], &bits) != 0 && bits == -7,
		      "'%s' is not an attribute", bad[i]);
	}
}

/* --- mapping --- */

static void test_mapping(void)
{
	int n, i, ok;
	struct theme_color c;

	CHECK_INT(map("#ff0000", 256), 196, "#ff0000 is 196 on 256 colours");
	CHECK_INT(map("#ff0000", 16), 9, "#ff0000 is bright red on 16 colours");
	CHECK_INT(map("#ff0000", 8), 1, "#ff0000 is red on 8 colours");
	CHECK_INT(map("#ff0000", 88), 64, "#ff0000 is 64 on 88 colours");
	CHECK_INT(map("#000000", 256), 16, "black is the cube's black on 256");
	CHECK_INT(map("#808080", 256), 244, "#808080 is grey 244");
	CHECK_INT(map("#080808", 256), 232, "#080808 is the darkest grey");
	CHECK_INT(map("#eeeeee", 256), 255, "#eeeeee is the lightest grey");
	CHECK_INT(map("#5f87af", 256), 67, "a cube colour maps to itself");
	CHECK_INT(map("#5f87ae", 256), 67, "a colour next to a cube colour maps to it");
	CHECK_INT(map("#0000ff", 8), 4, "#0000ff is blue on 8");
	CHECK_INT(map("#00ff00", 16), 10, "#00ff00 is bright green on 16");
	CHECK_INT(map("#ffffff", 8), 7, "white is white on 8");
	CHECK_INT(map("#000000", 8), 0, "black is black on 8");
	CHECK_INT(map("#7f7f7f", 8), 7, "mid-grey is white, not cyan, on 8");
	CHECK_INT(map("#ffd700", 8), 3, "gold is yellow on 8");
	CHECK_INT(map("#d700d7", 8), 5, "purple is magenta on 8");

	i = map_index(255, 8);
	CHECK(i == 7, "indexed 255 (a light grey) is white on 8 (got %d)", i);
	i = map_index(255, 16);
	CHECK(i == 7 || i == 15, "indexed 255 is a white on 16 (got %d)", i);
	i = map_index(232, 16);
	CHECK(i == 0, "indexed 232 (near black) is black on 16 (got %d)", i);
	CHECK_INT(map_index(9, 8), 1, "bright red is red on 8");
	CHECK_INT(map_index(12, 8), 4, "bright blue is blue on 8");
	CHECK_INT(map_index(9, 16), 9, "bright red stays on 16");
	CHECK_INT(map_index(100, 256), 100, "an index stays on 256");
	CHECK_INT(map_index(5, 88), 5, "a basic index stays on 88");
	CHECK_INT(map_index(196, 88), 64, "indexed 196 is the 88-colour red");
	CHECK_INT(map_index(50, 88), 30, "indexed 50 goes through its RGB on 88 (#00ffd7)");
	CHECK_INT(map("default", 8), THEME_DEFAULT_COLOR, "default stays default on 8");
	CHECK_INT(map("default", 256), THEME_DEFAULT_COLOR, "default stays default on 256");
	CHECK_INT(map("red", 0), THEME_DEFAULT_COLOR, "no colours: default");
	CHECK_INT(map("#ff0000", 2), THEME_DEFAULT_COLOR, "two colours: default");
	c.kind = 9, c.value = 3;
	CHECK_INT(theme_color_index(&c, 256), THEME_DEFAULT_COLOR, "a bad kind is default");
	c.kind = 1, c.value = 300;
	CHECK_INT(theme_color_index(&c, 256), THEME_DEFAULT_COLOR, "a bad index is default");
	CHECK_INT(theme_color_index(NULL, 256), THEME_DEFAULT_COLOR, "NULL is default");
	CHECK_INT(map("#ffffff", 16777216), 231, "more than 256 colours maps like 256");

	ok = 1;
	for (n = 8; n <= 256; n = n == 16 ? 88 : n == 88 ? 256 : n * 2) {
		for (i = 0; i < 256; ++i) {
			int got = map_index(i, n);
			if (got < 0 || got >= n)
				ok = 0;
		}
		for (i = 0; i <= 0xffffff; i += 0x02f1d3) {
			c.kind = 2, c.value = i;
			if (theme_color_index(&c, n) < 0 || theme_color_index(&c, n) >= n)
				ok = 0;
		}
	}
	CHECK(ok, "every index and a spread of rgb values map into range on 8/16/88/256");
}

/* --- the parser --- */

static void test_words(void)
{
	struct config cfg = { 0 };
	struct errors e = { 0 };
	const struct config_line *l;
	int bad;

	bad = parse("set editor \"vim -c 'set tw=72'\"\n"
	            "bind reader 'x y' quit\n"
	            "set esc \"a\\\"b\\\\c\\nd\\te\"\n"
	            "set bare a\\ b\\#c\n"
	            "set single '\\n$\"#'\n"
	            "set glued ab'c d'\"e f\"g\n"
	            "set empty \"\"\n"
	            "set tig = style\n"
	            "theme  \t light   \n",
	            &cfg, &e);
	CHECK_INT(bad, 0, "quoted lines parse without errors");
	CHECK_INT(cfg.n, 9, "nine lines");
	if (cfg.n != 9)
		goto out;
	l = &cfg.v[0];
	CHECK(l->kind == CONFIG_SET && l->argc == 2 && l->lineno == 1, "set: kind, argc, line");
	CHECK_STR(l->argv[0], "editor", "set name");
	CHECK_STR(l->argv[1], "vim -c 'set tw=72'", "double quotes keep single quotes");
	CHECK(l->argv[2] == NULL, "argv is NULL-terminated");
	CHECK(l->style.area == NULL, "a set line has no style");
	l = &cfg.v[1];
	CHECK(l->kind == CONFIG_BIND && l->argc == 3, "bind: kind and argc");
	CHECK_STR(l->argv[1], "x y", "single quotes keep blanks");
	CHECK_STR(cfg.v[2].argv[1], "a\"b\\c\nd\te", "escapes inside double quotes");
	CHECK_STR(cfg.v[3].argv[1], "a b#c", "escapes in a bare word");
	CHECK_STR(cfg.v[4].argv[1], "\\n$\"#", "single quotes are literal");
	CHECK_STR(cfg.v[5].argv[1], "abc de fg", "quotes inside a word join it");
	CHECK_STR(cfg.v[6].argv[1], "", "an empty quoted word");
	CHECK(cfg.v[7].argc == 2, "tig's 'set NAME = VALUE' is accepted");
	CHECK_STR(cfg.v[7].argv[1], "style", "... with the value after '='");
	CHECK(cfg.v[8].kind == CONFIG_THEME && cfg.v[8].argc == 1 && cfg.v[8].lineno == 9,
	      "theme line with tabs and trailing blanks");
	CHECK_STR(cfg.v[8].argv[0], "light", "theme name");
out:
	config_free(&cfg);
	CHECK(cfg.v == NULL && cfg.n == 0 && cfg.cap == 0, "config_free resets the config");
	errors_free(&e);
}

static void test_comments(void)
{
	struct config cfg = { 0 };
	struct errors e = { 0 };
	int bad;

	bad = parse("# a comment\n"
	            "   # an indented comment\n"
	            "\n"
	            "   \t \n"
	            "#ff0000 is a comment too at the start of a line\n"
	            "set a b # trailing comment\n"
	            "set c d#e\n"
	            "color title #ff0000 #00FF00 bold # the rest is ignored\n"
	            "color status red blue #bold\n"
	            "bind reader '#' quit\n",
	            &cfg, &e);
	CHECK_INT(bad, 0, "comments and blank lines are no errors");
	CHECK_INT(cfg.n, 5, "five command lines");
	if (cfg.n == 5) {
		CHECK(cfg.v[0].argc == 2 && cfg.v[0].lineno == 6, "trailing comment dropped");
		CHECK_STR(cfg.v[1].argv[1], "d#e", "'#' inside a word is literal");
		CHECK(cfg.v[2].kind == CONFIG_COLOR && cfg.v[2].argc == 4,
		      "#rrggbb after the command is a word, a later '# ...' a comment");
		CHECK(cfg.v[2].style.fg.kind == 2 && cfg.v[2].style.fg.value == 0xff0000 &&
		              cfg.v[2].style.bg.value == 0x00ff00 &&
		              cfg.v[2].style.attrs == THEME_BOLD,
		      "rgb colours and attribute of the style");
		CHECK(cfg.v[3].argc == 3 && cfg.v[3].style.attrs == 0, "'#bold' is a comment");
		CHECK_STR(cfg.v[4].argv[1], "#", "a quoted '#' is a word");
	}
	config_free(&cfg);
	errors_free(&e);
}

static void test_color_lines(void)
{
	struct config cfg = { 0 };
	struct errors e = { 0 };
	const struct theme_style *st;

	parse("color entity.PERSON brightred default bold underline reverse\n"
	      "color \"tag.key-fact\" 214 #1c1c1c normal dim ITALIC blink standout\n"
	      "color focus default default\n",
	      &cfg, &e);
	CHECK_INT(e.n, 0, "colour lines parse");
	CHECK_INT(cfg.n, 3, "three colour lines");
	if (cfg.n == 3) {
		st = &cfg.v[0].style;
		CHECK_STR(st->area, "entity.PERSON", "area");
		CHECK(st->fg.kind == 1 && st->fg.value == 9 && st->bg.kind == 0, "fg and bg");
		CHECK_INT(st->attrs, THEME_BOLD | THEME_UNDERLINE | THEME_REVERSE, "attributes add up");
		CHECK_STR(cfg.v[0].argv[0], "entity.PERSON", "argv keeps the words too");
		st = &cfg.v[1].style;
		CHECK_STR(st->area, "tag.key-fact", "a quoted area");
		CHECK(st->fg.value == 214 && st->bg.kind == 2 && st->bg.value == 0x1c1c1c,
		      "indexed fg, rgb bg");
		CHECK_INT(st->attrs, THEME_DIM | THEME_ITALIC | THEME_BLINK | THEME_STANDOUT,
		          "normal adds nothing");
		st = &cfg.v[2].style;
		CHECK(st->fg.kind == 0 && st->bg.kind == 0 && st->attrs == 0, "all default");
	}
	config_free(&cfg);
	errors_free(&e);
}

static int has(const struct errors *e, int i, const char *needle)
{
	return i < e->n && i < 32 && strstr(e->msgs[i], needle) != NULL;
}

static void test_errors(void)
{
	struct config cfg = { 0 };
	struct errors e = { 0 };
	int bad, i;

	bad = parse("set a b\n"                          /* 1 */
	            "frob x y\n"                         /* 2 unknown command */
	            "color title red blue\n"             /* 3 */
	            "color title purple blue\n"          /* 4 bad colour */
	            "color title red blue shiny\n"       /* 5 bad attribute */
	            "set name \"unterminated\n"          /* 6 */
	            "bind reader j\n"                    /* 7 too few */
	            "theme a b\n"                        /* 8 too many */
	            "\n"                                 /* 9 */
	            "set x 'open\n"                      /* 10 */
	            "color title red 256\n"              /* 11 bad colour */
	            "color \"\" red blue\n"              /* 12 empty area */
	            "set x trailing\\\n"                 /* 13 lone backslash */
	            "SET a b\n"                          /* 14 commands are lower case */
	            "set last line\n",                   /* 15 */
	            &cfg, &e);
	CHECK_INT(bad, 11, "eleven bad lines counted");
	CHECK_INT(e.n, 11, "eleven errors reported");
	CHECK_STR(e.file, "test.rc", "the file name reaches the callback");
	CHECK_INT(cfg.n, 3, "the good lines remain");
	if (cfg.n == 3)
		CHECK(cfg.v[0].lineno == 1 && cfg.v[1].lineno == 3 && cfg.v[2].lineno == 15,
		      "good lines keep their line numbers");
	{
		static const int want[] = { 2, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14 };
		int ok = e.n == 11;
		for (i = 0; ok && i < 11; ++i)
			ok = e.lines[i] == want[i];
		CHECK(ok, "errors carry the right line numbers");
	}
	CHECK(has(&e, 0, "unknown command 'frob'"), "unknown command named");
	CHECK(has(&e, 1, "colour 'purple'"), "bad colour named");
	CHECK(has(&e, 2, "attribute 'shiny'"), "bad attribute named");
	CHECK(has(&e, 3, "unterminated \" quote"), "unterminated double quote");
	CHECK(has(&e, 4, "usage: bind SCREEN KEY ACTION"), "too few arguments give usage");
	CHECK(has(&e, 5, "usage: theme NAME"), "too many arguments give usage");
	CHECK(has(&e, 6, "unterminated ' quote"), "unterminated single quote");
	CHECK(has(&e, 7, "colour '256'"), "256 is out of range");
	CHECK(has(&e, 8, "empty"), "empty area");
	CHECK(has(&e, 9, "backslash"), "lone backslash");
	CHECK(e.n > 10 && e.lines[10] == 14 && has(&e, 10, "unknown command 'SET'"),
	      "upper-case command is unknown");
	for (i = 0; i < e.n; ++i)
		if (e.msgs[i][0] == '\0' || strchr(e.msgs[i], '\n'))
			break;
	CHECK(i == e.n, "messages are one non-empty line each");
	config_free(&cfg);
	errors_free(&e);
}

/* "#zzzzzz" in a color line is a bad colour, said as one. */
static void test_bad_rgb(void)
{
	struct config cfg = { 0 };
	struct errors e = { 0 };

	CHECK_INT(parse("color title #zzzzzz default\n"
	                "color title red default # a comment\n"
	                "color title #ff8800 #xyz\n"
	                "color title #ff8800 default #bold\n", &cfg, &e), 2,
	          "#zzzzzz and #xyz as colours are errors; comments are not");
	CHECK(e.n >= 1 && strstr(e.msgs[0], "zzzzzz") && !strstr(e.msgs[0], "number of arguments"),
	      "#zzzzzz is reported as a colour, not as a wrong number of arguments");
	if (e.n >= 1)
		printf("# %s\n", e.msgs[0]);
	config_free(&cfg);
	errors_free(&e);
}

static void test_hostile_input(void)
{
	struct config cfg = { 0 };
	struct errors e = { 0 };
	static const char nul[] = "set a b\nset c\0d e\nset f g";
	struct buf big = { 0 };
	size_t i;
	int bad, ok;
	unsigned long long seed = 12345;

	bad = config_parse(nul, sizeof nul - 1, "nul.rc", &cfg, collect, &e);
	CHECK(bad == 1 && e.n == 1 && e.lines[0] == 2 && cfg.n == 2,
	      "a NUL byte is an error on its line; the others stay");
	CHECK(cfg.n == 2 && cfg.v[1].lineno == 3 && strcmp(cfg.v[1].argv[1], "g") == 0,
	      "a last line without a newline is read");
	config_free(&cfg);
	errors_free(&e);

	bad = parse("set a b\r\nset c d\r\n", &cfg, &e);
	CHECK(bad == 0 && cfg.n == 2 && strcmp(cfg.v[0].argv[1], "b") == 0,
	      "CRLF line ends");
	config_free(&cfg);
	errors_free(&e);

	buf_adds(&big, "set huge ");
	for (i = 0; i < 1 << 20; ++i)
		buf_addc(&big, (char)('a' + i % 26));
	buf_adds(&big, "\nfrob\x1b[31m");
	for (i = 0; i < 5000; ++i)
		buf_adds(&big, "\xc3\xa9");
	buf_adds(&big, "\n");
	bad = config_parse(big.s, big.len, "big.rc", &cfg, collect, &e);
	CHECK(bad == 1 && cfg.n == 1 && strlen(cfg.v[0].argv[1]) == 1 << 20,
	      "a 1 MB word is kept whole");
	CHECK(e.n == 1 && strlen(e.msgs[0]) < 200 && !strchr(e.msgs[0], '\x1b'),
	      "a huge bad word is cut short and escape characters escaped");
	config_free(&cfg);
	errors_free(&e);
	buf_free(&big);

	CHECK_INT(config_parse(NULL, 0, "x", &cfg, collect, &e), 0, "NULL text, length 0");
	CHECK_INT(config_parse("", 0, NULL, &cfg, NULL, NULL), 0, "empty text, no callback");
	CHECK_INT(config_parse("frob\n", 5, NULL, &cfg, NULL, NULL), 1,
	          "errors are counted without a callback");
	CHECK_INT(cfg.n, 0, "nothing added");

	/* Appending: two files into one config. */
	config_parse("set a b\n", 8, "one", &cfg, collect, &e);
	config_parse("set c d\nset e f\n", 16, "two", &cfg, collect, &e);
	CHECK(cfg.n == 3 && cfg.v[2].lineno == 2, "parsing appends, line numbers per text");
	config_free(&cfg);

	/* Random bytes drawn from the language's own punctuation: only the
	 * sanitizers judge this, and the counts must add up. */
	ok = 1;
	for (i = 0; i < 3000; ++i) {
		static const char alphabet[] = "set bind color theme #\"'\\ \t\n\0aZ09#ffr\xc3\xa9";
		char text[64];
		size_t n, j;
		int lines = 1;

		seed = (seed * 1103515245u + 12345u) & 0x7fffffff;
		n = seed >> 16 & 63;
		for (j = 0; j < n; ++j) {
			seed = (seed * 1103515245u + 12345u) & 0x7fffffff;
			text[j] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
			lines += text[j] == '\n';
		}
		memset(&e, 0, sizeof e);
		bad = config_parse(text, n, "fuzz", &cfg, collect, &e);
		if (bad != e.n || bad + (int)cfg.n > lines)
			ok = 0;
		config_free(&cfg);
		errors_free(&e);
	}
	CHECK(ok, "3000 random lines: no crash, counts add up");
}

/* --- the shipped themes --- */

static const char *const areas[] = {
	"entity.PERSON", "entity.NORP", "entity.FAC", "entity.ORG", "entity.GPE",
	"entity.LOC", "entity.PRODUCT", "entity.EVENT", "entity.WORK_OF_ART", "entity.LAW",
	"entity.LANGUAGE", "entity.DATE", "entity.TIME", "entity.PERCENT", "entity.MONEY",
	"entity.QUANTITY", "entity.ORDINAL", "entity.CARDINAL",
	"default", "title", "status", "status.message", "focus", "selection", "search",
	"highlight", "tag.key-fact", "tag.claim", "tag.quote", "tag.question",
	"tag.disputed", "note-marker", "link-marker", "minimap", "minimap.mark", "cursor",
	"list.header", "list.dim", "help.key", "prompt", "error", "focus.over",
	"highlight.entity",
};
enum { N_ENTITIES = 18 };

static const struct theme_style *find(const struct config *cfg, const char *area)
{
	size_t i;

	for (i = 0; i < cfg->n; ++i)
		if (cfg->v[i].kind == CONFIG_COLOR && strcmp(cfg->v[i].style.area, area) == 0)
			return &cfg->v[i].style;
	return NULL;
}

/* What a terminal with ncolors really shows for a style. */
static int shows_same(const struct theme_style *a, const struct theme_style *b, int ncolors)
{
	return theme_color_index(&a->fg, ncolors) == theme_color_index(&b->fg, ncolors) &&
	       theme_color_index(&a->bg, ncolors) == theme_color_index(&b->bg, ncolors) &&
	       a->attrs == b->attrs;
}

static void test_theme_file(const char *top, const char *name)
{
	struct config cfg = { 0 };
	struct errors e = { 0 };
	char *path = xasprintf("%s/themes/%s.theme", top, name), *text = NULL;
	const struct theme_style *plain, *st;
	size_t len, i, j;
	int bad, ok, n;

	if (util_read_file(path, 1 << 20, &text, &len) != 0) {
		CHECK(0, "%s can be read", path);
		free(path);
		return;
	}
	bad = config_parse(text, len, path, &cfg, collect, &e);
	CHECK(bad == 0, "%s.theme parses with no errors%s%s", name, e.n ? ": " : "",
	      e.n ? e.msgs[0] : "");
	ok = 1;
	for (i = 0; i < cfg.n; ++i)
		ok &= cfg.v[i].kind == CONFIG_COLOR;
	CHECK(ok, "%s.theme has only colour lines", name);
	ok = 1;
	for (i = 0; i < ARRAY_SIZE(areas); ++i) {
		for (n = 0, j = 0; j < cfg.n; ++j)
			n += strcmp(cfg.v[j].style.area, areas[i]) == 0;
		if (n != 1) {
			printf("# %s: area %s set %d times\n", name, areas[i], n);
			ok = 0;
		}
	}
	CHECK(ok && cfg.n == ARRAY_SIZE(areas), "%s.theme sets each of the %zu areas once", name,
	      ARRAY_SIZE(areas));

	plain = find(&cfg, "default");
	for (n = 8; plain && n <= 256; n = n == 8 ? 16 : n == 16 ? 256 : 512) {
		ok = 1;
		for (i = 0; i < ARRAY_SIZE(areas); ++i) {
			st = find(&cfg, areas[i]);
			if (i < N_ENTITIES || !strcmp(areas[i], "focus") ||
			    !strcmp(areas[i], "search") || !strcmp(areas[i], "highlight"))
				if (st && shows_same(st, plain, n)) {
					printf("# %s: %s looks like plain text on %d colours\n", name,
					       areas[i], n);
					ok = 0;
				}
		}
		CHECK(ok, "%s: entities, focus, search and highlight stand out on %d colours", name,
		      n);
		ok = 1;
		for (i = 0; i < cfg.n; ++i) {
			int fg = theme_color_index(&cfg.v[i].style.fg, n);
			if (fg >= 0 && fg == theme_color_index(&cfg.v[i].style.bg, n)) {
				printf("# %s: %s is drawn %d on %d with %d colours\n", name,
				       cfg.v[i].style.area, fg, fg, n);
				ok = 0;
			}
		}
		CHECK(ok, "%s: no area has the same foreground and background on %d colours",
		      name, n);
	}
	config_free(&cfg);
	errors_free(&e);
	free(text);
	free(path);
}

static void test_mono_theme(const char *top)
{
	struct config cfg = { 0 };
	char *path = xasprintf("%s/themes/mono.theme", top), *text = NULL;
	const struct theme_style *focus, *search, *hl, *st;
	size_t len, i;
	int ok;

	if (util_read_file(path, 1 << 20, &text, &len) != 0) {
		CHECK(0, "%s can be read", path);
		free(path);
		return;
	}
	config_parse(text, len, path, &cfg, NULL, NULL);
	ok = 1;
	for (i = 0; i < cfg.n; ++i)
		ok &= cfg.v[i].style.fg.kind == 0 && cfg.v[i].style.bg.kind == 0;
	CHECK(ok, "mono.theme uses default colours only");
	focus = find(&cfg, "focus");
	search = find(&cfg, "search");
	hl = find(&cfg, "highlight");
	ok = focus && search && hl && focus->attrs && search->attrs && hl->attrs &&
	     focus->attrs != search->attrs && focus->attrs != hl->attrs &&
	     search->attrs != hl->attrs;
	for (i = 0; ok && i < N_ENTITIES; ++i) {
		st = find(&cfg, areas[i]);
		ok = st && st->attrs && st->attrs != focus->attrs &&
		     st->attrs != search->attrs && st->attrs != hl->attrs;
	}
	CHECK(ok, "mono: entities, focus, search and highlight differ by attributes alone");
	config_free(&cfg);
	free(text);
	free(path);
}

static void test_displacy_theme(const char *top)
{
	static const struct {
		const char *area;
		int rgb;
	} palette[] = {
		{ "entity.PERSON", 0xaa9cfc }, { "entity.ORG", 0x7aecec },
		{ "entity.GPE", 0xfeca74 }, { "entity.LOC", 0xff9561 },
		{ "entity.NORP", 0xc887fb }, { "entity.DATE", 0xbfe1d9 },
		{ "entity.LAW", 0xff8197 }, { "entity.MONEY", 0xe4e7d2 },
	};
	struct config cfg = { 0 };
	char *path = xasprintf("%s/themes/displacy.theme", top), *text = NULL;
	const struct theme_style *st;
	size_t len, i;
	int ok = 1;

	if (util_read_file(path, 1 << 20, &text, &len) != 0) {
		CHECK(0, "%s can be read", path);
		free(path);
		return;
	}
	config_parse(text, len, path, &cfg, NULL, NULL);
	for (i = 0; i < ARRAY_SIZE(palette); ++i) {
		st = find(&cfg, palette[i].area);
		if (!st || st->bg.kind != 2 || st->bg.value != palette[i].rgb ||
		    theme_color_index(&st->fg, 8) != 0)
			ok = 0;
	}
	CHECK(ok, "displacy: displaCy's background colours with black text");
	config_free(&cfg);
	free(text);
	free(path);
}

int main(void)
{
	const char *top = getenv("TOP_SRCDIR");
	static const char *const themes[] = { "dark", "light", "mono", "displacy" };
	size_t i;

	if (!top || !*top)
		top = ".";
	test_color_words();
	test_attr_words();
	test_mapping();
	test_words();
	test_comments();
	test_color_lines();
	test_errors();
	test_bad_rgb();
	test_hostile_input();
	for (i = 0; i < ARRAY_SIZE(themes); ++i)
		test_theme_file(top, themes[i]);
	test_mono_theme(top);
	test_displacy_theme(top);
	return tap_done();
}
