/* cli_args.h — a command's options, declared as data and parsed by one
 * function (cli_args.c).  A command's template is a string of its option
 * names, a space between them (in the command table, src/cli.c):
 *
 *   "+url= encoding= offline"   --url VALUE, --encoding VALUE, --offline
 *   "y|yes o|output= json"       -y/--yes, -o/--output VALUE, --json
 *
 * A name ending in "=" takes a value; "L|name" also has the short option
 * -L; a leading "+" ends the options at the first operand (else options
 * and operands may mix, as getopt_long permutes them).  --help is handled
 * before (cli_run). */
#ifndef GLOSS_CLI_ARGS_H
#define GLOSS_CLI_ARGS_H

#include <stddef.h>
#include <string.h>

/* One option given, in the order given. */
struct cli_arg {
	const char *name;  /* its long name, without "--" */
	const char *value; /* NULL for an option without a value */
};

struct cli_args {
	int argc;     /* the operands: argv[0] is the command's name, */
	char **argv;  /* argv[1..argc-1] what follows the options */
	struct cli_arg *v;
	size_t n;
};

/* Parse argv (argv[0] the command's name) by template.  On a bad option
 * getopt's own message and "usage: gloss NAME USAGE" go to stderr and
 * CLI_USAGE (2) comes back; else 0, and cli_args_free frees a.  The
 * template must be well formed (a programming error aborts). */
int cli_args_parse(const char *template, const char *name, const char *usage, int argc,
                   char **argv, struct cli_args *a);
void cli_args_free(struct cli_args *a);

/* Whether the option was given; its last value (NULL when not given);
 * and its values in order: *i starts at 0, NULL after the last. */
int cli_args_has(const struct cli_args *a, const char *name);
const char *cli_args_get(const struct cli_args *a, const char *name);
const char *cli_args_next(const struct cli_args *a, const char *name, size_t *i);

/* Each option given, in order: CLI_ARGS_EACH(c->args, o) { if
 * (cli_arg_is(o, "json")) ... o->value ... } */
#define CLI_ARGS_EACH(a, o) for ((o) = (a)->v; (o) < (a)->v + (a)->n; (o)++)
static inline int cli_arg_is(const struct cli_arg *o, const char *name)
{
	return strcmp(o->name, name) == 0;
}

#endif
