/* test_store_version.c — annotation writes check the article's version
 * (issue 14): offsets of a text another connection has since replaced are
 * never saved, and the caller learns it was stale. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gloss/import.h"
#include "gloss/sentence.h"
#include "gloss/store.h"
#include "gloss/util.h"
#include "tap.h"

static char dir[] = "/tmp/gloss-version-XXXXXX";

static int import_text(struct store *st, const char *body, int64_t replace, int64_t *id)
{
	struct import_doc doc = {0};
	struct store_import_req req = {0};
	int orphaned, rc;

	doc.body = (char *)body;
	doc.body_len = strlen(body);
	doc.title = (char *)"Versions";
	doc.words = 8;
	req.source = "versions.txt";
	req.raw = body;
	req.raw_len = strlen(body);
	req.doc = &doc;
	req.replace_id = replace;
	rc = store_import(st, &req, id, &orphaned);
	return rc;
}

int main(void)
{
	const char *a = "Alpha one is here. Beta two is here.";
	const char *b = "Inserted text now. Alpha one is here. Beta two is here.";
	const char *c = "Changed again. Alpha one is here. Beta two is here.";
	char *p, *err = NULL, sha_a[65], sha_b[65];
	struct store *ui, *cli;
	struct store_highlight h;
	struct store_deleted *d = NULL;
	char *missed = NULL;
	int64_t id = 0, hl, tag;
	int on, removed;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	p = xasprintf("%s/v.db", dir);
	ui = store_open(p, STORE_CREATE, &err);
	CHECK(ui != NULL, "a library");
	free(err);
	err = NULL;
	CHECK(import_text(ui, a, 0, &id) == STORE_IMPORTED, "an article");
	util_sha256_hex(a, strlen(a), sha_a);
	util_sha256_hex(b, strlen(b), sha_b);
	store_expect_version(ui, id, sha_a);

	cli = store_open(p, 0, &err);
	CHECK(cli != NULL, "a second connection");
	free(err);
	CHECK(import_text(cli, b, id, &id) == STORE_UPDATED, "which re-imports it with changed text");

	/* "Alpha one" at 0-9 of the text the UI still shows. */
	CHECK(store_highlight_add(ui, id, a, strlen(a), 0, 9) < 0,
	      "a highlight over the old text is refused");
	CHECK(strstr(store_errmsg(ui), "re-imported") != NULL, "saying why: %s", store_errmsg(ui));
	CHECK(store_stale_take(ui) == 1, "the caller learns it was stale");
	CHECK(store_stale_take(ui) == 0, "once");
	hl = store_highlight_add(ui, id, b, strlen(b), 0, 8);
	CHECK(hl > 0, "over the new text it is saved");
	CHECK(store_highlight_get(ui, hl, &h) == 0 && strcmp(h.quote, "Inserted") == 0,
	      "quoting the new text");
	store_highlight_clear(&h);

	tag = store_tag_add(ui, "v", 0, NULL);
	CHECK(tag > 0, "a tag");
	CHECK(store_highlight_tag(ui, hl, tag, 1, &on, &removed) != 0,
	      "tagging is refused while the version seen is the old one");
	CHECK(store_stale_take(ui) == 1, "as stale");
	CHECK(store_note_set(ui, hl, "n") != 0 && store_stale_take(ui) == 1, "so is a note");
	store_expect_version(ui, id, sha_b);
	CHECK(store_highlight_tag(ui, hl, tag, 1, &on, &removed) == 0 && on,
	      "with the new version seen, tagging works");
	CHECK(store_note_set(ui, hl, "n") == 0, "and a note");

	CHECK(store_highlight_delete(ui, hl, &d) == 0, "deleted");
	CHECK(import_text(cli, c, id, &id) == STORE_UPDATED, "re-imported again");
	CHECK(store_highlight_restore(ui, d, &missed) != 0,
	      "undo does not put back offsets of a text that is gone");
	CHECK(store_stale_take(ui) == 1, "as stale");
	free(missed);
	store_deleted_free(d);

	store_expect_version(ui, 0, NULL);
	store_close(cli);
	store_close(ui);
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
		free(cmd);
	}
	free(p);
	return tap_done();
}
