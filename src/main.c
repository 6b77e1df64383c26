/* main.c — global options, then either a subcommand (cli.c) or the
 * interactive reader (ui.c).  Exit status: 0 ok, 1 error, 2 usage. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gloss/cli.h"
#include "gloss/ui.h"
#include "gloss/util.h"
#include "gloss/views.h"

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: gloss [--db PATH] [--config FILE] [--offline] [COMMAND [ARGS...]]\n"
	        "\n"
	        "A terminal reader for news articles: entities highlighted, passages\n"
	        "tagged, notes and cross-links kept in one SQLite file.  Without a\n"
	        "command, gloss opens the reader (? there lists the keys; J/K next and\n"
	        "previous article, O opens the source URL with $BROWSER).\n"
	        "\n"
	        "Options:\n"
	        "  -d, --db PATH      the library database (default: $GLOSS_DB, else\n"
	        "                     $XDG_DATA_HOME/gloss/gloss.db)\n"
	        "  -c, --config FILE  the configuration file (default:\n"
	        "                     $XDG_CONFIG_HOME/gloss/config)\n"
	        "      --offline      never use the network (importing a URL is refused;\n"
	        "                     'set offline on' in the configuration does the same)\n"
	        "  -h, --help         show this help\n"
	        "  -V, --version      show the version\n"
	        "\n"
	        "Commands (gloss COMMAND --help for each):\n");
	cli_print_commands(f);
	fprintf(f, "\nSee gloss(1) for keys, files and the environment.\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"config", required_argument, NULL, 'c'},
		{"offline", no_argument, NULL, 'O'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct cli c = {0};
	char *default_db = NULL;
	int ch, rc;

	setlocale(LC_ALL, "");
	while ((ch = getopt_long(argc, argv, "+d:c:hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			c.db_path = optarg;
			break;
		case 'c':
			c.config_path = optarg;
			break;
		case 'O':
			c.offline = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("gloss %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return CLI_USAGE;
		}
	}
	if (!c.db_path) {
		const char *env = getenv("GLOSS_DB");
		c.default_library = !(env && *env);
		c.db_path = default_db = store_default_path();
	}
	if (optind < argc) {
		rc = cli_run(&c, argc - optind, argv + optind);
	} else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "gloss: the reader needs a terminal; for scripts use a command "
		        "such as 'gloss list' (gloss --help lists them)\n");
		rc = CLI_USAGE;
	} else {
		c.interactive = 1; /* the reader says what it did on its status line */
		rc = cli_open_store(&c) != 0 ? CLI_ERROR : ui_main(&c, &views);
	}
	store_close(c.store);
	free(default_db);
	return rc;
}
