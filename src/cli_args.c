/* cli_args.c — parses a command's options from the template it declares
 * in the command table (see gloss/cli_args.h): the one option parser of
 * the command line.  getopt_long does the work, so the messages for a bad
 * option are glibc's, followed by the command's usage. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/cli.h"
#include "gloss/cli_args.h"
#include "gloss/util.h"

#define MAX_OPTS 16
#define NAME_MAX_LEN 32

struct tmpl {
	struct option longopts[MAX_OPTS + 1];
	char names[MAX_OPTS][NAME_MAX_LEN];
	char shortopts[2 * MAX_OPTS + 2];
	size_t n;
};

/* The template's options as getopt_long wants them; each option's val is
 * 256 + its index, or its short letter. */
static void compile(const char *t, struct tmpl *out)
{
	size_t ns = 0;

	memset(out, 0, sizeof *out);
	if (*t == '+')
		out->shortopts[ns++] = *t++;
	while (*t) {
		const char *w = t, *bar;
		size_t len;
		int letter = 0, has_arg = 0;
		while (*t && *t != ' ')
			t++;
		len = (size_t)(t - w);
		while (*t == ' ')
			t++;
		if (!len)
			continue;
		bar = memchr(w, '|', len);
		if (bar) {
			if (bar - w != 1)
				fatal("cli_args: bad template word '%.*s'", (int)len, w);
			letter = (unsigned char)*w;
			len -= 2;
			w += 2;
		}
		if (len && w[len - 1] == '=') {
			has_arg = 1;
			len--;
		}
		if (!len || len >= NAME_MAX_LEN || out->n == MAX_OPTS)
			fatal("cli_args: bad template word '%.*s'", (int)len, w);
		memcpy(out->names[out->n], w, len);
		out->longopts[out->n].name = out->names[out->n];
		out->longopts[out->n].has_arg = has_arg ? required_argument : no_argument;
		out->longopts[out->n].val = letter ? letter : 256 + (int)out->n;
		if (letter) {
			out->shortopts[ns++] = (char)letter;
			if (has_arg)
				out->shortopts[ns++] = ':';
		}
		out->n++;
	}
}

int cli_args_parse(const char *template, const char *name, const char *usage, int argc,
                   char **argv, struct cli_args *a)
{
	struct tmpl t;
	size_t cap = 0, k;
	int ch, i;

	memset(a, 0, sizeof *a);
	compile(template ? template : "", &t);
	optind = 0; /* 0, not 1: glibc then forgets earlier permutation state */
	opterr = 1;
	while ((ch = getopt_long(argc, argv, t.shortopts, t.longopts, NULL)) != -1) {
		if (ch == '?' || ch == ':') {
			fprintf(stderr, "usage: gloss %s %s\n", name, usage);
			cli_args_free(a);
			return CLI_USAGE;
		}
		for (k = 0; k < t.n; k++)
			if (t.longopts[k].val == ch)
				break;
		if (k == t.n)
			continue;
		if (a->n == cap) {
			cap = cap ? cap * 2 : 8;
			a->v = xreallocarray(a->v, cap, sizeof *a->v);
		}
		a->v[a->n].name = t.longopts[k].name;
		a->v[a->n].value = t.longopts[k].has_arg ? optarg : NULL;
		a->n++;
	}
	/* t.names dies with this call: give each option its own copy. */
	for (k = 0; k < a->n; k++)
		a->v[k].name = xstrdup(a->v[k].name);
	a->argc = 1 + (argc > optind ? argc - optind : 0);
	a->argv = xcalloc((size_t)a->argc + 1, sizeof *a->argv);
	a->argv[0] = argv[0];
	for (i = 1; i < a->argc; i++)
		a->argv[i] = argv[optind + i - 1];
	return 0;
}

void cli_args_free(struct cli_args *a)
{
	size_t k;

	for (k = 0; k < a->n; k++)
		free((char *)a->v[k].name);
	free(a->v);
	free(a->argv);
	memset(a, 0, sizeof *a);
}

const char *cli_args_next(const struct cli_args *a, const char *name, size_t *i)
{
	for (; *i < a->n; (*i)++)
		if (strcmp(a->v[*i].name, name) == 0) {
			const char *v = a->v[*i].value;
			(*i)++;
			return v ? v : "";
		}
	return NULL;
}

int cli_args_has(const struct cli_args *a, const char *name)
{
	size_t i = 0;
	return cli_args_next(a, name, &i) != NULL;
}

const char *cli_args_get(const struct cli_args *a, const char *name)
{
	const char *v, *last = NULL;
	size_t i = 0;

	while ((v = cli_args_next(a, name, &i)))
		last = v;
	return last;
}
