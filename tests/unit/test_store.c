/* test_store.c — the database: creation, import and re-import, edits that
 * survive re-import, search, entities, and files that are not ours. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>

#include "gloss/ner.h"
#include "gloss/passage.h"
#include "gloss/sentence.h"
#include "gloss/import.h"
#include "gloss/store.h"
#include "gloss/store_feed.h"
#include "gloss/store_corrections.h"
#include "gloss/util.h"
#include "tap.h"

static char dir[] = "/tmp/gloss-store-XXXXXX";

static char *path_in(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

/* A request to import body (also its raw bytes) from source, its
 * document in *doc. */
static void make_req(struct store_import_req *req, struct import_doc *doc, const char *source,
                     const char *title, const char *body)
{
	memset(req, 0, sizeof *req);
	memset(doc, 0, sizeof *doc);
	doc->body = (char *)body;
	doc->body_len = strlen(body);
	doc->title = (char *)title;
	req->source = source;
	req->raw = body;
	req->raw_len = strlen(body);
	req->doc = doc;
}

static int import_text(struct store *st, const char *source, const char *title, const char *body,
                       int64_t *id)
{
	struct import_doc doc;
	struct store_import_req req;
	int orphaned, rc;

	make_req(&req, &doc, source, title, body);
	doc.outlet = (char *)"Test Wire";
	doc.words = 3;
	rc = store_import(st, &req, id, &orphaned);
	return rc;
}

static void test_create_and_import(void)
{
	char *p = path_in("sub/dir/a.db"), *err = NULL;
	struct store *st = store_open(p, STORE_CREATE, &err);
	struct store_article a;
	struct store_articles list = {0};
	struct store_hits hits = {0};
	struct store_article_edit e = {0};
	int64_t id = 0, id2 = 0;

	CHECK(st != NULL && err == NULL, "a new database is created with its directories");
	if (!st) {
		printf("# %s\n", err);
		return;
	}
	CHECK(store_is_new(st), "a new database says so");
	CHECK_INT(store_article_count(st), 0, "it starts empty");
	CHECK_INT(import_text(st, "/x/one.txt", "Ferry strike ends", "The ferry strike ended on Monday.", &id),
	          STORE_IMPORTED, "an article is imported");
	CHECK_INT(import_text(st, "/x/one.txt", "Ferry strike ends", "The ferry strike ended on Monday.", &id2),
	          STORE_UNCHANGED, "the same file again changes nothing");
	CHECK_INT(id2, id, "and names the article it already has");
	CHECK_INT(import_text(st, "/y/copy.txt", "Ferry strike ends", "The ferry strike ended on Monday.", &id2),
	          STORE_UNCHANGED, "the same bytes from another path are recognised");
	e.title = "My own title";
	CHECK_INT(store_article_edit(st, id, &e), 0, "a title is edited");
	CHECK_INT(import_text(st, "/x/one.txt", "Ferry strike ends", "The ferry strike ended on Tuesday.", &id2),
	          STORE_UPDATED, "changed text updates the article");
	CHECK_INT(id2, id, "in place, keeping its id");
	CHECK_INT(store_article_get(st, id, 1, &a), 0, "the article is read back");
	CHECK_STR(a.title, "My own title", "a manual title survives re-import");
	CHECK_STR(a.body, "The ferry strike ended on Tuesday.", "the body is the new text");
	CHECK_STR(a.outlet, "Test Wire", "the outlet is kept");
	store_article_clear(&a);
	CHECK_INT(store_article_get(st, 999, 0, &a), 1, "a missing article is reported as missing");
	import_text(st, "/x/two.txt", "Rail fares rise", "Rail fares rise by four percent in January.", &id2);
	CHECK_INT(store_article_list(st, STORE_SORT_TITLE, 0, 10, &list), 0, "the library lists");
	CHECK(list.n == 2 && strcmp(list.v[0].title, "My own title") == 0, "sorted by title");
	store_articles_free(&list);
	CHECK_INT(store_search(st, "fares", 0, 10, &hits), 0, "search runs");
	CHECK(hits.n == 1 && hits.v[0].id == id2, "search finds the one article with the word");
	CHECK(hits.n == 1 && strstr(hits.v[0].snippet, "\001fares\002") != NULL, "the snippet marks the match");
	store_hits_free(&hits);
	CHECK_INT(store_search(st, "fare", 1, 10, &hits), 0, "prefix search runs");
	CHECK_INT(hits.n, 1, "the last word is a prefix while typing");
	store_hits_free(&hits);
	CHECK_INT(store_search(st, "\"unbalanced OR NOT (", 0, 10, &hits), 0,
	          "FTS5 syntax in a query is taken as words, not an error");
	store_hits_free(&hits);
	CHECK_INT(store_article_delete(st, id2), 0, "an article is deleted");
	CHECK_INT(store_article_count(st), 1, "and is gone");
	{
		/* Digests made by the caller (an import's second thread) are
		 * the ones kept: here deliberately not the text's, so the same
		 * text again, digested by the store, reads as changed. */
		static const char zero[] = "0000000000000000000000000000000000000000000000000000000000000000";
		const char *body = "The harbour reopened after the storm.";
		struct import_doc doc;
		struct store_import_req req;
		int orphaned;
		make_req(&req, &doc, "/z/three.txt", "Harbour reopens", body);
		req.raw_sha = zero;
		req.body_sha = zero;
		CHECK_INT(store_import(st, &req, &id2, &orphaned), STORE_IMPORTED,
		          "an article with its digests given");
		CHECK_INT(import_text(st, "/z/three.txt", "Harbour reopens", body, &id),
		          STORE_UPDATED, "the given digests were kept, not made again");
		CHECK_INT(import_text(st, "/z/three.txt", "Harbour reopens", body, &id),
		          STORE_UNCHANGED, "and the store's own match themselves");
		CHECK_INT(store_article_delete(st, id), 0, "that article is deleted");
	}
	store_close(st);
	st = store_open(p, 0, &err);
	CHECK(st && !store_is_new(st), "reopened, the database is not new");
	store_close(st);
	free(p);
}

/* Does entity id have these counts of mentions and articles? */
static int entity_counts_are(struct store *st, int64_t id, int64_t mentions, int64_t articles)
{
	struct store_entity e = {0};
	int ok = store_entity_get(st, id, &e) == 0 && e.mentions == mentions && e.articles == articles;

	free(e.name);
	return ok;
}

static void test_entities(void)
{
	char *p = path_in("ent.db"), *err = NULL;
	struct store *st = store_open(p, STORE_CREATE, &err);
	struct import_doc doc = {0};
	struct store_import_req req = {0};
	struct ner_span spans[3];
	struct ner_result ner;
	struct store_entities ents = {0};
	struct store_mentions ms = {0};
	const char *body = "Maria Lopez met Ana Ruiz. Lopez said yes.";
	int64_t id, id2;
	int orphaned;

	spans[0] = (struct ner_span){0, 11, NER_PERSON, (char *)"Maria Lopez"};
	spans[1] = (struct ner_span){16, 24, NER_PERSON, (char *)"Ana Ruiz"};
	spans[2] = (struct ner_span){26, 31, NER_PERSON, (char *)"Maria Lopez"};
	ner.v = spans;
	ner.n = ner.cap = 3;
	doc.body = (char *)body;
	doc.body_len = strlen(body);
	doc.title = (char *)"Meeting";
	req.source = "/e/1.txt";
	req.raw = body;
	req.raw_len = strlen(body);
	req.doc = &doc;
	req.ner = &ner;
	CHECK_INT(store_import(st, &req, &id, &orphaned), STORE_IMPORTED, "an article with mentions");
	/* A second article that names only the surname. */
	spans[0] = (struct ner_span){0, 5, NER_PERSON, (char *)"Lopez"};
	ner.n = 1;
	body = "Lopez left early.";
	doc.body = (char *)body;
	doc.body_len = strlen(body);
	req.source = "/e/2.txt";
	req.raw = body;
	req.raw_len = strlen(body);
	CHECK_INT(store_import(st, &req, &id2, &orphaned), STORE_IMPORTED, "a second article");
	CHECK_INT(store_entity_list(st, 0, NER_PERSON, &ents), 0, "entities are listed");
	CHECK_INT(ents.n, 2, "two people");
	CHECK(ents.n && strcmp(ents.v[0].name, "Maria Lopez") == 0 && ents.v[0].mentions == 3 &&
	          ents.v[0].articles == 2,
	      "a bare surname joins the one person of that name: 3 mentions in 2 articles");
	CHECK_INT(store_article_mentions(st, id, &ms), 0, "an article's mentions");
	CHECK(ms.n == 3 && ms.v[1].start == 16 && ms.v[1].label == NER_PERSON, "in order, with labels");
	free(ms.v);
	memset(&ms, 0, sizeof ms);
	{
		/* Many mentions of a few names, interleaved: each name's row holds
		 * its occurrences, and they come back one by one, in order. */
		struct buf b = {0};
		struct ner_span *many = xcalloc(3000, sizeof *many);
		static const char *const names[] = {"Ines Moll", "Kari Berg", "Oslo"};
		size_t k, sorted = 1;
		for (k = 0; k < 3000; k++) {
			const char *nm = names[(k * 7 + k / 5) % 3];
			many[k].start = b.len;
			buf_adds(&b, nm);
			many[k].end = b.len;
			many[k].label = nm[0] == 'O' ? NER_GPE : NER_PERSON;
			many[k].canon = (char *)nm;
			buf_adds(&b, " and ");
		}
		ner.v = many;
		ner.n = ner.cap = 3000;
		doc.body = b.s;
		doc.body_len = b.len;
		req.source = "/e/3.txt";
		req.raw = b.s;
		req.raw_len = b.len;
		CHECK_INT(store_import(st, &req, &id2, &orphaned), STORE_IMPORTED, "3,000 mentions of 3 names");
		CHECK_INT(store_article_mentions(st, id2, &ms), 0, "read back");
		CHECK_INT(ms.n, 3000, "one by one");
		for (k = 0; k < ms.n; k++)
			if (ms.v[k].start != many[k].start || ms.v[k].end != many[k].end ||
			    ms.v[k].label != many[k].label)
				sorted = 0;
		CHECK(sorted, "in order of the text, each with its span and label");
		free(ms.v);
		memset(&ms, 0, sizeof ms);
		{
			/* A row whose spans are two sorted runs, as a merge of two
			 * entities leaves it (one list appended to the other): here
			 * Oslo's first mention moved to the end of its list. */
			sqlite3 *db;
			char *sql = xasprintf("UPDATE mention SET spans = substr(spans, instr(spans, ',') + 1)"
			                      " || ',' || substr(spans, 1, instr(spans, ',') - 1)"
			                      " WHERE article_id = %lld AND surface = 'Oslo'", (long long)id2);
			sqlite3_open(p, &db);
			CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK, "a row of two runs");
			CHECK_INT(sqlite3_changes(db), 1, "Oslo's row");
			sqlite3_close(db);
			free(sql);
			CHECK_INT(store_article_mentions(st, id2, &ms), 0, "read back again");
			sorted = ms.n == 3000;
			for (k = 0; k < ms.n && sorted; k++)
				if (ms.v[k].start != many[k].start || ms.v[k].end != many[k].end)
					sorted = 0;
			CHECK(sorted, "still in order of the text");
			free(ms.v);
		}
		free(many);
		buf_free(&b);
	}
	{
		/* Which articles mention an entity (entity_fts) follows its
		 * splits, merges and deletions: the counts, remade from it, and
		 * the mentions read through it agree with the rows. */
		int64_t lopez = ents.n ? ents.v[0].id : 0, bare;
		struct store_entity e = {0};
		sqlite3 *db;
		sqlite3_stmt *q;
		int bad = -1;
		memset(&ms, 0, sizeof ms);
		bare = store_entity_split(st, lopez, "Lopez");
		CHECK(bare > 0, "the bare name split off");
		CHECK(entity_counts_are(st, bare, 2, 2), "with its two mentions in two articles");
		CHECK(store_entity_mentions(st, bare, &ms) == 0 && ms.n == 2, "read through its articles");
		free(ms.v);
		memset(&ms, 0, sizeof ms);
		CHECK(entity_counts_are(st, lopez, 1, 1), "the full name keeps one");
		CHECK_INT(store_entity_merge(st, bare, lopez), 0, "merged back");
		CHECK(entity_counts_are(st, lopez, 3, 2), "three mentions in two articles again");
		CHECK(store_entity_mentions(st, lopez, &ms) == 0 && ms.n == 3, "all three read back");
		free(ms.v);
		memset(&ms, 0, sizeof ms);
		/* A count gone wrong (zero while rows remain) must not delete
		 * an entity that articles still name. */
		sqlite3_open(p, &db);
		{
			char *sql = xasprintf("UPDATE entity SET mentions = 0 WHERE id = %lld", (long long)lopez);
			CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK, "a count set wrong");
			free(sql);
		}
		sqlite3_close(db);
		CHECK_INT(store_article_delete(st, id), 0, "the first article deleted");
		CHECK(store_entity_get(st, lopez, &e) == 0, "the entity another article names stays");
		free(e.name);
		CHECK(store_entity_mentions(st, lopez, &ms) == 0 && ms.n == 1 && ms.v[0].article_id != id,
		      "its mentions are no longer found");
		free(ms.v);
		memset(&ms, 0, sizeof ms);
		sqlite3_open(p, &db);
		if (sqlite3_prepare_v2(db, "SELECT count(*) FROM entity e WHERE e.articles <>"
		                       " (SELECT count(*) FROM entity_fts WHERE entity_fts MATCH"
		                       " '\"' || e.id || '\"')", -1, &q, NULL) == SQLITE_OK &&
		    sqlite3_step(q) == SQLITE_ROW)
			bad = sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
		sqlite3_close(db);
		CHECK_INT(bad, 0, "every entity's articles are the ones the index names");
	}
	store_entities_free(&ents);
	store_close(st);
	free(p);
}

static void test_foreign_files(void)
{
	char *p = path_in("junk.db"), *err = NULL, buf[64];
	struct store *st;
	FILE *f = fopen(p, "wb");
	sqlite3 *db;
	int i;

	for (i = 0; i < 4096; i++)
		fputc((i * 7919) & 0xff, f);
	fclose(f);
	st = store_open(p, STORE_CREATE, &err);
	CHECK(st == NULL && err && strstr(err, "not an SQLite database"), "random bytes are refused");
	free(err);
	f = fopen(p, "rb");
	CHECK(f && fread(buf, 1, 8, f) == 8 && (unsigned char)buf[1] == ((1 * 7919) & 0xff) &&
	          (unsigned char)buf[7] == ((7 * 7919) & 0xff),
	      "and left as they were");
	fclose(f);
	free(p);

	p = path_in("other.db");
	sqlite3_open(p, &db);
	sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1)", NULL, NULL, NULL);
	sqlite3_close(db);
	st = store_open(p, STORE_CREATE, &err);
	CHECK(st == NULL && err && strstr(err, "not gloss's"), "another program's database is refused");
	free(err);
	free(p);

	p = path_in("future.db");
	st = store_open(p, STORE_CREATE, &err);
	store_close(st);
	sqlite3_open(p, &db);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	st = store_open(p, 0, &err);
	CHECK(st == NULL && err && strstr(err, "newer gloss"), "a newer schema is refused: %s", err ? err : "");
	free(err);
	free(p);

	p = path_in("missing.db");
	st = store_open(p, 0, &err);
	CHECK(st == NULL && err && strstr(err, "no such file"), "a missing file without create");
	free(err);
	free(p);

	p = path_in("ro.db");
	st = store_open(p, STORE_CREATE, &err);
	store_close(st);
	chmod(p, 0444);
	if (access(p, W_OK) == 0) {
		CHECK(1, "# SKIP read-only checks: running as root");
	} else {
		int64_t id;
		st = store_open(p, 0, &err);
		CHECK(st && store_is_readonly(st) && err && strstr(err, "read-only"),
		      "a read-only file opens read-only with a message");
		free(err);
		CHECK_INT(import_text(st, "/r.txt", "t", "text", &id), -1, "and refuses changes");
		CHECK(strstr(store_errmsg(st), "read-only") != NULL, "saying why");
		store_close(st);
	}
	free(p);
}

static int fts_sound(const char *path, const char *table)
{
	sqlite3 *db;
	char *sql = xasprintf("INSERT INTO %s(%s) VALUES ('integrity-check')", table, table);
	int rc;

	sqlite3_open(path, &db);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		printf("# %s: %s\n", table, sqlite3_errmsg(db));
	sqlite3_close(db);
	free(sql);
	return rc == SQLITE_OK;
}

/* In a batch, new articles enter the full-text indexes at commit; one
 * replaced before then, or a batch rolled back, leaves them sound. */
static void test_batch_index(void)
{
	char *p = path_in("batch.db"), *err = NULL;
	struct store *st = store_open(p, STORE_CREATE, &err);
	struct store_hits hits = {0};
	struct store_import_req req = {0};
	struct import_doc doc = {0};
	int64_t a = 0, b = 0, c = 0;
	int orphaned;

	if (!st) {
		CHECK(0, "a database for batches");
		return;
	}
	CHECK_INT(store_batch_begin(st), 0, "a batch begins");
	CHECK_INT(import_text(st, "/b/one.txt", "Kiln fire", "A kiln fire closed the pottery.", &a),
	          STORE_IMPORTED, "an article in the batch");
	CHECK_INT(import_text(st, "/b/two.txt", "Glass prize", "The glass prize went to a weaver.", &b),
	          STORE_IMPORTED, "a second");
	CHECK_INT(store_search(st, "kiln", 0, 10, &hits), 0, "search during the batch runs");
	store_hits_free(&hits);
	/* Replacing the first while it waits to be indexed. */
	doc.body = (char *)"A kiln fire closed the studio for a week.";
	doc.body_len = strlen(doc.body);
	doc.title = (char *)"Kiln fire";
	req.raw = doc.body;
	req.raw_len = doc.body_len;
	req.doc = &doc;
	req.replace_id = a;
	CHECK_INT(store_import(st, &req, &c, &orphaned), STORE_UPDATED, "replaced in the same batch");
	CHECK_INT(store_batch_commit(st), 0, "the batch commits");
	CHECK_INT(store_search(st, "studio", 0, 10, &hits), 0, "search after the batch");
	CHECK(hits.n == 1 && hits.v[0].id == a, "finds the replaced text");
	store_hits_free(&hits);
	CHECK_INT(store_search(st, "pottery", 0, 10, &hits), 0, "search for the old text");
	CHECK_INT(hits.n, 0, "finds nothing");
	store_hits_free(&hits);
	CHECK_INT(store_search(st, "weaver", 0, 10, &hits), 0, "search for the second");
	CHECK(hits.n == 1 && hits.v[0].id == b, "finds it once");
	store_hits_free(&hits);
	/* Two batches in a row, and an edit and a deletion of articles still
	 * waiting to be indexed. */
	{
		struct store_article_edit e = {0};
		int64_t x = 0, y = 0, z = 0;
		CHECK_INT(store_batch_begin(st), 0, "a second batch");
		import_text(st, "/b/three.txt", "Ferry timetable", "The ferry timetable changed in May.", &x);
		import_text(st, "/b/four.txt", "Tram line", "The tram line reached the stadium.", &y);
		CHECK_INT(store_article_delete(st, x), 0, "an article deleted while it waits");
		e.title = "Tram line extended";
		CHECK_INT(store_article_edit(st, y, &e), 0, "another edited while it waits");
		import_text(st, "/b/five.txt", "Night bus", "A night bus will run on weekends.", &z);
		CHECK_INT(store_batch_commit(st), 0, "the second batch commits");
		CHECK_INT(store_batch_begin(st), 0, "a third batch");
		import_text(st, "/b/six.txt", "Bike lanes", "New bike lanes opened downtown.", &x);
		CHECK_INT(store_batch_commit(st), 0, "the third batch commits, without the second's articles again");
		CHECK_INT(store_search(st, "timetable", 0, 10, &hits), 0, "search for the deleted one");
		CHECK_INT(hits.n, 0, "finds nothing");
		store_hits_free(&hits);
		CHECK_INT(store_search(st, "extended", 0, 10, &hits), 0, "search for the edited title");
		CHECK(hits.n == 1 && hits.v[0].id == y, "finds it");
		store_hits_free(&hits);
		CHECK_INT(store_search(st, "weekends", 0, 10, &hits), 0, "search for the second batch's last");
		CHECK(hits.n == 1 && hits.v[0].id == z, "finds it once");
		store_hits_free(&hits);
		CHECK_INT(store_search(st, "downtown", 0, 10, &hits), 0, "search for the third batch's");
		CHECK(hits.n == 1 && hits.v[0].id == x, "finds it once");
		store_hits_free(&hits);
	}
	store_close(st);
	CHECK(fts_sound(p, "article_fts"), "the article index is sound");
	free(p);
}

/* Ids are never reused, and undo restores what was deleted, saying what
 * it could not (a tag or a link's other end deleted meanwhile). */
static void test_undo(void)
{
	char *p = path_in("undo.db"), *err = NULL, *missed = NULL;
	struct store *st = store_open(p, STORE_CREATE, &err);
	const char *body = "One sentence here. Two sentence there. Three at the end.";
	struct store_deleted *d = NULL, *d2 = NULL;
	struct store_highlight h;
	struct store_links ls = {0};
	int64_t a = 0, h1, h2, h3, h4, t1, t2, l1, l2, l3;
	int on, removed;

	if (!st) {
		CHECK(0, "a database for undo");
		return;
	}
	import_text(st, "/u/a.txt", "Undo", body, &a);
	h1 = store_highlight_add(st, a, body, strlen(body), 0, 18);
	h2 = store_highlight_add(st, a, body, strlen(body), 19, 38);
	h3 = store_highlight_add(st, a, body, strlen(body), 39, 56);
	t1 = store_tag_add(st, "temporary", 0, NULL);
	t2 = store_tag_add(st, "kept", 0, NULL);
	store_highlight_tag(st, h1, t1, 1, &on, &removed);
	store_highlight_tag(st, h1, t2, 1, &on, &removed);
	store_note_set(st, h1, "the note");
	l1 = store_link_add(st, h1, h2, "same-fact", NULL);
	l2 = store_link_add(st, h3, h1, "contradicts", NULL);
	CHECK(h1 > 0 && h3 > h2 && l2 > l1, "three highlights and two links");

	/* The newest highlight and the newest links go: their ids stay used. */
	CHECK_INT(store_highlight_delete(st, h1, &d), 0, "a highlight with tags, note and links deleted");
	CHECK_INT(store_highlight_delete(st, h3, &d2), 0, "the newest highlight deleted");
	h4 = store_highlight_add(st, a, body, strlen(body), 39, 56);
	CHECK(h4 > h3, "a new highlight never gets a deleted one's id");
	l3 = store_link_add(st, h2, h4, "see-also", NULL);
	CHECK(l3 > l2, "a new link never gets a deleted one's id");

	/* Meanwhile one of its tags and the other end of a link go. */
	CHECK_INT(store_tag_delete(st, "temporary"), 0, "one of its tags deleted meanwhile");
	CHECK_INT(store_tag_delete(st, "kept"), 0, "another deleted");
	CHECK(store_tag_add(st, "kept", 0, NULL) > t2, "and made again under the same name");
	CHECK_INT(store_highlight_restore(st, d, &missed), 0, "undo restores the rest");
	CHECK(missed && strstr(missed, "tag 'temporary' (deleted meanwhile)") &&
	      strstr(missed, "annotation") && strstr(missed, "deleted meanwhile") &&
	      !strstr(missed, "'kept'"), "and says precisely what it could not");
	if (missed)
		printf("# missed: %s\n", missed);
	free(missed);
	missed = NULL;
	CHECK_INT(store_highlight_get(st, h1, &h), 0, "the highlight is back under its own id");
	CHECK(h.note && strcmp(h.note, "the note") == 0, "with its note");
	CHECK(h.ntags == 1 && strcmp(h.tags[0], "kept") == 0, "and the tag that still exists");
	store_highlight_clear(&h);
	CHECK_INT(store_link_list(st, 0, h1, &ls), 0, "its links");
	CHECK(ls.n == 1 && ls.v[0].id == l1 && ls.v[0].to_highlight == h2,
	      "the link whose other end exists is back under its own id");
	store_links_free(&ls);
	CHECK_INT(store_highlight_restore(st, d, &missed), -1, "a second undo of the same is refused");
	CHECK(strstr(store_errmsg(st), "back already") != NULL, "saying it is back already");
	free(missed);
	missed = NULL;
	store_deleted_free(d);

	/* The article itself deleted meanwhile: nothing can come back. */
	CHECK_INT(store_highlight_delete(st, h2, &d), 0, "another deleted");
	CHECK_INT(store_article_delete(st, a), 0, "then its article");
	CHECK_INT(store_highlight_restore(st, d, &missed), -1, "undo cannot restore it");
	CHECK(strstr(store_errmsg(st), "article was deleted meanwhile") != NULL, "and says why");
	free(missed);
	store_deleted_free(d);
	store_deleted_free(d2);
	store_close(st);
	free(p);
}

/* The link picker's search: ranked best first, outside the article it
 * links from, and bounded: with more matches than it ranks, it still
 * gives its limit of them, the newest ones ranked. */
static void test_passages(void)
{
	char *p = path_in("passages.db"), *err = NULL;
	struct store *st = store_open(p, STORE_CREATE, &err);
	struct store_passages ps = {0};
	struct buf many = {0};
	int64_t a = 0, b = 0, c = 0;
	size_t i;
	int sorted = 1;

	if (!st) {
		CHECK(0, "a database for passages");
		return;
	}
	import_text(st, "/p/a.txt", "Ferry one", "The ferry left at noon. Nothing else happened.", &a);
	import_text(st, "/p/b.txt", "Ferry two",
	            "A ferry, the ferry of ferries, the ferry Ferry. The harbour was calm.", &b);
	CHECK_INT(store_passage_search(st, "fe", 0, 1, 0, 10, &ps), 0, "a two-letter prefix");
	CHECK_INT(ps.n, 2, "both ferry sentences, not the others");
	if (ps.n == 2) {
		CHECK(ps.v[0].article_id == b && ps.v[0].rank <= ps.v[1].rank,
		      "the sentence that says it most first");
		CHECK(ps.v[1].text && strcmp(ps.v[1].text, "The ferry left at noon.") == 0 &&
		          ps.v[1].title && strcmp(ps.v[1].title, "Ferry one") == 0,
		      "with its text and its article's title");
	}
	store_passages_free(&ps);
	CHECK_INT(store_passage_search(st, "ferry", 0, 0, b, 10, &ps), 0, "outside one article");
	CHECK(ps.n == 1 && ps.v[0].article_id == a, "only the other article's sentence");
	store_passages_free(&ps);
	{
		/* Words are matched as the index folds them: case and accents. */
		struct store_hits hits = {0};
		int64_t d = 0;
		import_text(st, "/p/d.txt", "Cafes", "Rain fell. Café owners in ZÜRICH protested. Calm after.", &d);
		CHECK_INT(store_passage_search(st, "cafe zur", 0, 1, 0, 10, &ps), 0, "folded words");
		CHECK(ps.n == 1 && ps.v[0].article_id == d &&
		          strcmp(ps.v[0].text, "Café owners in ZÜRICH protested.") == 0,
		      "find the one sentence that has them, whatever its case and accents");
		store_passages_free(&ps);
		CHECK_INT(store_passage_search(st, "— ,", 0, 1, 0, 10, &ps), 0, "words with no letter");
		CHECK_INT(ps.n, 0, "match no sentence");
		store_passages_free(&ps);
		CHECK_INT(store_search(st, "zurich", 0, 10, &hits), 0, "search with an unaccented word");
		CHECK(hits.n == 1 && hits.v[0].snippet &&
		          strcmp(hits.v[0].snippet, "Café owners in \001ZÜRICH\002 protested.") == 0,
		      "its snippet is the sentence, the accented word marked");
		store_hits_free(&hits);
	}

	{
		/* Articles whose words are in different sentences give no
		 * passage and do not use up the articles read: more of them than
		 * are read, each ranked above the one with the words together. */
		struct buf t = {0};
		int64_t x = 0, z = 0;
		for (i = 0; i < 80; i++) {
			char src[32];
			snprintf(src, sizeof src, "/p/apart%zu.txt", i);
			t.len = 0;
			buf_adds(&t, "Quillon quillon quillon. Nothing here. Vortal vortal vortal.");
			import_text(st, src, "Apart", t.s, &x);
		}
		import_text(st, "/p/together.txt", "Together", "Long ago. The quillon met a vortal once.", &z);
		CHECK_INT(store_passage_search(st, "quillon vortal", 0, 0, 0, 10, &ps), 0,
		          "words apart in many articles");
		CHECK(ps.n == 1 && ps.v[0].article_id == z, "the one sentence with both is found");
		store_passages_free(&ps);
		/* A line longer than what is read of an article is still a
		 * passage, as far as it was read. */
		t.len = 0;
		buf_adds(&t, "Ostrakon ");
		while (t.len < 300000)
			buf_adds(&t, "word after word ");
		import_text(st, "/p/longline.txt", "Long line", t.s, &x);
		CHECK_INT(store_passage_search(st, "ostrakon", 0, 0, 0, 10, &ps), 0, "a word on a long line");
		CHECK(ps.n == 1 && ps.v[0].article_id == x && ps.v[0].start == 0 && ps.v[0].end > 1000,
		      "its line is the passage");
		store_passages_free(&ps);
		buf_free(&t);
	}
	{
		struct store_hits hits = {0};
		int64_t tt = 0;
		import_text(st, "/p/titleonly.txt", "Zanzibar report", "Nothing of the kind in here.", &tt);
		CHECK_INT(store_search(st, "zanzibar", 0, 10, &hits), 0, "a word in a title only");
		CHECK(hits.n == 1 && hits.v[0].id == tt && hits.v[0].snippet && !*hits.v[0].snippet,
		      "its hit has an empty snippet");
		store_hits_free(&hits);
	}

	/* More matching sentences than the picker ranks. */
	for (i = 0; i < PASSAGE_PICKER_RANKED + 300; i++)
		buf_printf(&many, "Line %zu names the ferry%s. ", i, i == 10 ? " and the ferry again" : "");
	import_text(st, "/p/c.txt", "Many", many.s, &c);
	CHECK_INT(store_passage_search(st, "ferry", 0, 0, 0, 200, &ps), 0, "a word in thousands of sentences");
	CHECK_INT(ps.n, 200, "its limit of them");
	for (i = 1; i < ps.n; i++)
		if (ps.v[i - 1].rank > ps.v[i].rank)
			sorted = 0;
	CHECK(sorted, "ranked best first");
	store_passages_free(&ps);
	buf_free(&many);
	store_close(st);
	free(p);
}

/* A long article's mentions by position (store_mention_block.c): read
 * back as they were saved; a damaged block (cut short, emptied, or a
 * count that does not match) is an error that says so, never a read
 * past its end, and the blocks made again from table mention read back. */
static void test_mention_blocks(void)
{
	char *p = path_in("blocks.db"), *err = NULL;
	struct store *st = store_open(p, STORE_CREATE, &err);
	struct import_doc doc = {0};
	struct store_import_req req = {0};
	struct ner_result ner = {0};
	struct store_mentions ms = {0};
	struct store_mention m;
	struct buf b = {0};
	size_t k, total = 0, n = 0;
	int64_t id = 0;
	int orphaned, ok = 1;
	sqlite3 *db;
	static const char *const bad[] = {
		"UPDATE mention_block SET spans = substr(spans, 1, length(spans) - 2) WHERE block = 3",
		"UPDATE mention_block SET spans = x'' WHERE block = 3",
		"UPDATE mention_block SET n = n + 1 WHERE block = 3",
		"UPDATE mention_block SET spans = x'ffffffffffffffffff7f0101' WHERE block = 3",
	};

	while (b.len < STORE_MENTION_BLOCK_MIN + 1000) {
		struct ner_span sp = {b.len, b.len + 9, NER_PERSON, (char *)"Ines Moll"};
		buf_adds(&b, "Ines Moll spoke at length about the harbour and the weather. ");
		VEC_PUSH(&ner, sp);
	}
	doc.body = b.s;
	doc.body_len = b.len;
	doc.title = (char *)"Long";
	req.source = "/blocks/1.txt";
	req.raw = b.s;
	req.raw_len = b.len;
	req.doc = &doc;
	req.ner = &ner;
	CHECK_INT(store_import(st, &req, &id, &orphaned), STORE_IMPORTED, "a long article");
	CHECK_INT(store_mention_total(st, id, &total), 0, "its mentions are kept by position");
	CHECK(total == ner.n, "all of them");
	CHECK_INT(store_mentions_range(st, id, 3 * STORE_MENTION_BLOCK, 4 * STORE_MENTION_BLOCK, &ms), 0,
	          "a block's mentions");
	for (k = 0; k < ms.n; k++)
		ok &= ms.v[k].end - ms.v[k].start == 9 && memcmp(b.s + ms.v[k].start, "Ines Moll", 9) == 0;
	CHECK(ms.n > 100 && ok, "where they are");
	n = ms.n;
	for (k = 0; k < sizeof bad / sizeof *bad; k++) {
		char *what = xasprintf("damaged block %zu: an error", k);
		sqlite3_open(p, &db);
		CHECK_INT(sqlite3_exec(db, bad[k], NULL, NULL, NULL), SQLITE_OK, "damage a block");
		sqlite3_close(db);
		ms.n = 0;
		CHECK_INT(store_mentions_range(st, id, 3 * STORE_MENTION_BLOCK, 4 * STORE_MENTION_BLOCK, &ms),
		          -1, "%s", what);
		CHECK(strstr(store_errmsg(st), "damaged") != NULL, "that says so");
		CHECK_INT(store_mention_near(st, id, 3 * STORE_MENTION_BLOCK + 10, 1, &m), -1,
		          "the next mention: an error too");
		CHECK_INT(store_mention_near(st, id, 4 * STORE_MENTION_BLOCK - 10, -1, &m), -1,
		          "the one before: an error too");
		CHECK_INT(store_mention_index(st, id), 0, "made again");
		ms.n = 0;
		CHECK_INT(store_mentions_range(st, id, 3 * STORE_MENTION_BLOCK, 4 * STORE_MENTION_BLOCK, &ms),
		          0, "read back");
		CHECK(ms.n == n, "as before");
		free(what);
	}
	/* Mentions saved anew (a correction): the blocks go, even when the
	 * article had no mention row for a trigger to see. */
	{
		struct ner_result none = {0};
		CHECK_INT(store_article_set_mentions(st, id, b.s, &none), 0, "every mention taken away");
		CHECK_INT(store_mention_total(st, id, &total), 1, "the blocks went with them");
		CHECK_INT(store_mention_index(st, id), 0, "made again");
		CHECK(store_mention_total(st, id, &total) == 0 && total == 0, "with no mention");
		CHECK_INT(store_article_set_mentions(st, id, b.s, &ner), 0, "mentions given back");
		CHECK_INT(store_mention_total(st, id, &total), 1,
		          "the empty blocks went, though no mention row was there to change");
	}
	free(ms.v);
	free(ner.v);
	buf_free(&b);
	store_close(st);
	free(p);
}

/* A long body read in parts (store_article_open, store_body_more): the
 * first part, then the rest a step at a time, the same bytes as the whole;
 * a write while a part is open saves; a re-import by another connection
 * meanwhile leaves the parts of the version the first one came from; a NUL
 * ends the text where it is, as reading it whole does. */
static void test_body_parts(void)
{
	char *p = path_in("parts.db"), *err = NULL;
	struct store *st = store_open(p, STORE_CREATE, &err), *other;
	struct store_article a, whole;
	struct store_body *rest = NULL;
	struct buf b = {0};
	int64_t id = 0, id2 = 0;
	int rc, steps = 0;
	sqlite3 *db;

	while (b.len < 2 * STORE_BODY_STEP + 100000)
		buf_printf(&b, "Paragraph %zu of a very long archive, about the harbour.\n", b.len);
	CHECK_INT(import_text(st, "/parts/1.txt", "Long", b.s, &id), STORE_IMPORTED, "a 4 MB article");
	CHECK_INT(store_article_open(st, id, 0, &a, &rest), 0, "opened with a first part");
	CHECK(rest && store_body_loaded(rest) == STORE_BODY_STEP && a.body_len == b.len &&
	      memcmp(a.body, b.s, STORE_BODY_STEP) == 0, "a step of it, and its whole length");
	CHECK_INT(store_unread_set(st, id, 1), 0, "a write while the rest is still to read");
	other = store_open(p, 0, &err);
	CHECK_INT(import_text(other, "/parts/1.txt", "Long", "Now a short text.\n", &id2),
	          STORE_UPDATED, "another connection re-imports it meanwhile");
	store_close(other);
	while ((rc = store_body_more(st, &rest, &a, store_body_loaded(rest) + 1)) == 1)
		steps++;
	CHECK(rc == 0 && !rest && steps == 1, "the rest in two more steps");
	CHECK(a.body_len == b.len && memcmp(a.body, b.s, b.len) == 0 && a.body[a.body_len] == '\0',
	      "the version it was opened at, whole");
	store_article_clear(&a);
	CHECK(store_article_get(st, id, 1, &whole) == 0 && whole.body_len == 18, "the new text after");
	store_article_clear(&whole);

	CHECK_INT(import_text(st, "/parts/1.txt", "Long", b.s, &id2), STORE_UPDATED, "long again");
	sqlite3_open(p, &db);
	CHECK_INT(sqlite3_exec(db, "UPDATE article SET body = substr(body, 1, 3000000) || char(0) || "
	                           "substr(body, 3000001)", NULL, NULL, NULL), SQLITE_OK, "a NUL put in");
	sqlite3_close(db);
	CHECK_INT(store_article_open(st, id, 0, &a, &rest), 0, "opened");
	while (store_body_more(st, &rest, &a, SIZE_MAX) == 1)
		;
	CHECK(a.body_len == 3000000 && !rest, "in parts, the text ends at the NUL");
	CHECK(store_article_get(st, id, 1, &whole) == 0 && whole.body_len == 3000000, "as whole");
	store_article_clear(&whole);
	store_article_clear(&a);
	buf_free(&b);
	store_close(st);
	free(p);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_create_and_import();
	test_entities();
	test_foreign_files();
	test_batch_index();
	test_undo();
	test_passages();
	test_mention_blocks();
	test_body_parts();
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
		free(cmd);
	}
	return tap_done();
}
