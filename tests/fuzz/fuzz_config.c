/* fuzz_config.c — the configuration/theme language and colour words.
 * config_parse must survive any bytes and report bad lines; every
 * whitespace-separated word goes through theme_parse_color and
 * theme_parse_attr, and a parsed colour maps into every palette size. */
#include "config.h"

#include "gloss/theme.h"

#include "fuzz_common.h"

static int errors;

static void on_error(void *ctx, const char *file, int line, const char *msg)
{
	(void)ctx;
	FUZZ_CHECK(file != NULL && msg != NULL && line >= 1);
	FUZZ_CHECK(strlen(msg) < 100000);
	errors++;
}

static void check_color(const struct theme_color *c)
{
	static const int sizes[] = { 8, 16, 88, 256 };
	size_t k;

	FUZZ_CHECK(c->kind >= 0 && c->kind <= 2);
	if (c->kind == 1)
		FUZZ_CHECK(c->value >= 0 && c->value <= 255);
	if (c->kind == 2)
		FUZZ_CHECK(c->value >= 0 && c->value <= 0xFFFFFF);
	for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		int ix = theme_color_index(c, sizes[k]);
		FUZZ_CHECK(ix >= THEME_DEFAULT_COLOR && ix < sizes[k]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_dup_exact(data, size), *str = fuzz_dup_str(data, size), *w;
	struct config cfg = { 0 };
	size_t i;
	int bad, j;

	errors = 0;
	bad = config_parse(text, size, "fuzz.conf", &cfg, on_error, NULL);
	FUZZ_CHECK(bad == errors);
	for (i = 0; i < cfg.n; i++) {
		const struct config_line *l = &cfg.v[i];

		FUZZ_CHECK(l->kind >= CONFIG_SET && l->kind <= CONFIG_THEME);
		FUZZ_CHECK(l->lineno >= 1 && l->argc >= 0);
		for (j = 0; j < l->argc; j++)
			FUZZ_CHECK(l->argv[j] != NULL);
		if (l->kind == CONFIG_COLOR) {
			FUZZ_CHECK(l->style.area != NULL);
			check_color(&l->style.fg);
			check_color(&l->style.bg);
		}
	}
	config_free(&cfg);

	for (w = strtok(str, " \t\r\n"); w; w = strtok(NULL, " \t\r\n")) {
		struct theme_color c = { 0, 0 };
		int bits = 0;

		if (theme_parse_color(w, &c) == 0)
			check_color(&c);
		(void)theme_parse_attr(w, &bits);
	}
	free(str);
	free(text);
	return 0;
}
