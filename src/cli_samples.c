/* cli_samples.c — `gloss samples add|remove`: the articles bundled with
 * gloss (one story from five outlets), which only the default library
 * starts with, put into any library or taken out again. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/cli.h"
#include "gloss/cli_args.h"
#include "gloss/ingest.h"
#include "gloss/store.h"
#include "gloss/util.h"

static int samples_add(struct cli *c)
{
	char *err = NULL;
	int n = ingest_bundled(c->store, &err);

	if (n < 0) {
		fprintf(stderr, "gloss: %s\n", err);
		free(err);
		return CLI_ERROR;
	}
	if (n)
		printf("added %d sample article%s\n", n, n == 1 ? "" : "s");
	else
		printf("the sample articles are in the library already\n");
	return CLI_OK;
}

/* Samples without annotations go at once; one the user annotated is
 * kept unless --yes says to delete it with its annotations. */
static int samples_remove(struct cli *c, int yes)
{
	int64_t *ids;
	size_t n, i;
	int removed = 0, kept = 0, failed = 0;
	struct buf kept_ids = {0};

	if (store_article_ids_from(c->store, INGEST_SAMPLE_PREFIX, &ids, &n) != 0) {
		fprintf(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	for (i = 0; i < n; i++) {
		struct store_article a;
		if (store_article_get(c->store, ids[i], 0, &a) != 0)
			continue;
		if (a.highlights > 0 && !yes) {
			buf_printf(&kept_ids, "%s%lld", kept ? ", " : "", (long long)a.id);
			kept++;
		} else if (store_article_delete(c->store, a.id) != 0) {
			fprintf(stderr, "gloss: %s\n", store_errmsg(c->store));
			failed = 1;
		} else {
			removed++;
		}
		store_article_clear(&a);
	}
	free(ids);
	if (!n)
		printf("no sample articles in the library\n");
	else
		printf("removed %d sample article%s\n", removed, removed == 1 ? "" : "s");
	if (kept)
		printf("kept %d with your annotations (%s); 'gloss samples remove --yes' removes "
		       "them too\n", kept, kept_ids.s);
	buf_free(&kept_ids);
	return failed ? CLI_ERROR : CLI_OK;
}

int cli_cmd_samples(struct cli *c, int argc, char **argv)
{
	int yes = cli_args_has(c->args, "yes");

	if (argc != 2)
		return cli_usage(c, "%s", "say add or remove");
	if (strcmp(argv[1], "add") == 0)
		return yes ? cli_usage(c, "%s", "--yes is for remove") : samples_add(c);
	if (strcmp(argv[1], "remove") == 0)
		return samples_remove(c, yes);
	return cli_usage(c, "'%s' is not add or remove", argv[1]);
}
