/* fuzz_restore.c — gloss restore on random backups: jansson's parse, the
 * version 1 escape rewriting (restore.c) and every check of the rows.
 * Whatever the input, restore either succeeds with no message or fails
 * with one that names the input, and never crashes or leaks.  One library
 * in a temporary directory serves every run; after a restore that added
 * something it is made anew, so runs stay small and independent. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gloss/backup.h"
#include "gloss/store.h"
#include "gloss/util.h"

#include "fuzz_common.h"

static char dir[] = "/tmp/gloss-fuzz-restore.XXXXXX";
static char *path;
static struct store *st;

static void fresh(void)
{
	char *err = NULL;

	if (st)
		store_close(st);
	unlink(path);
	st = store_open(path, STORE_CREATE, &err);
	FUZZ_CHECK(st != NULL && err == NULL);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	FUZZ_CHECK(mkdtemp(dir) != NULL);
	path = xasprintf("%s/fuzz.db", dir);
	fresh();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store_io_stats s;
	char *text = fuzz_dup_exact(data, size), *err = NULL;
	int rc;

	if (size > (1u << 20)) {
		free(text);
		return 0;
	}
	rc = backup_restore_text(st, "fuzz", text, size, &s, &err);
	free(text);
	if (rc == 0) {
		FUZZ_CHECK(err == NULL);
		if (s.articles_added || s.tags_added || s.entities_added || s.corrections_added || s.feeds_added ||
		    s.entity_rules_added)
			fresh();
	} else {
		FUZZ_CHECK(err != NULL && (strncmp(err, "cannot restore 'fuzz': ", 23) == 0 ||
		                           strncmp(err, "restored 'fuzz', but ", 21) == 0));
		free(err);
	}
	return 0;
}
