/* store.c — the store's core: opening (and creating) the database, the
 * schema and its migrations, the prepared statements of every part and
 * the transactions.  The other parts of the store, each with its own
 * statements: store_article.c, store_entity.c, store_annot.c,
 * store_search.c (and store_io.c, store_feed.c, store_fetch.c,
 * store_corrections.c); they share store_internal.h.
 *
 * The database is one SQLite file in WAL mode with foreign keys on.  Its
 * schema version is PRAGMA user_version and its owner PRAGMA application_id,
 * so a file made by something else is recognised and left alone.  Statements
 * are prepared once, from each part's table, and always bound: no user
 * text is ever spliced into SQL.  Every public function that changes data
 * runs in its own transaction and has committed when it returns. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gloss/date.h"
#include "gloss/store.h"
#include "gloss/store_feed.h"
#include "gloss/util.h"
#include "store_internal.h"

/* 'glos' — marks a database as gloss's. */
#define STORE_APPLICATION_ID 0x676c6f73

/* A migrations[] step done in C (migrate_never_reuse_ids), not SQL. */
#define MIGRATE_NEVER_REUSE_IDS "-- rebuild highlight, tag, note, link with AUTOINCREMENT"

/* A long article's mention blocks go when a mention row of it is
 * deleted or changed (schema step 10; step 14 makes them again on the
 * rebuilt table). */
#define MENTION_BLOCK_TRIGGERS                                                                     \
	"CREATE TRIGGER IF NOT EXISTS mention_block_ad AFTER DELETE ON mention BEGIN"              \
	"  DELETE FROM mention_block WHERE article_id = old.article_id; END;"                      \
	"CREATE TRIGGER IF NOT EXISTS mention_block_au AFTER UPDATE ON mention BEGIN"              \
	"  DELETE FROM mention_block WHERE article_id IN (old.article_id, new.article_id); END;"

/* Schema steps: migrations[i] brings user_version i to i + 1.  Only ever
 * append; a released step is never edited. */
static const char *const migrations[] = {
	/* 0 → 1 */
	"CREATE TABLE article ("
	"  id INTEGER PRIMARY KEY,"
	"  title TEXT NOT NULL DEFAULT '',"
	"  outlet TEXT, byline TEXT, published TEXT, dateline TEXT, url TEXT,"
	"  source TEXT,"
	"  words INTEGER NOT NULL DEFAULT 0,"
	"  imported_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  manual INTEGER NOT NULL DEFAULT 0,"
	"  read_pos INTEGER NOT NULL DEFAULT 0,"
	"  raw_sha TEXT NOT NULL,"
	"  body_sha TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  raw BLOB NOT NULL);"
	"CREATE UNIQUE INDEX article_source ON article(source) WHERE source IS NOT NULL;"
	"CREATE INDEX article_raw_sha ON article(raw_sha);"
	/* Covering index for the library list: its rows never touch the
	 * table, whose pages are full of article text. */
	"CREATE INDEX article_list ON article(id, title, outlet, published, words, imported_at);"
	"CREATE VIRTUAL TABLE article_fts USING fts5(title, body, content='article',"
	"  content_rowid='id', tokenize='unicode61 remove_diacritics 2');"
	"CREATE TRIGGER article_ai AFTER INSERT ON article BEGIN"
	"  INSERT INTO article_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END;"
	"CREATE TRIGGER article_ad AFTER DELETE ON article BEGIN"
	"  INSERT INTO article_fts(article_fts, rowid, title, body)"
	"  VALUES ('delete', old.id, old.title, old.body); END;"
	"CREATE TRIGGER article_au AFTER UPDATE OF title, body ON article BEGIN"
	"  INSERT INTO article_fts(article_fts, rowid, title, body)"
	"  VALUES ('delete', old.id, old.title, old.body);"
	"  INSERT INTO article_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END;"
	"CREATE TABLE entity ("
	"  id INTEGER PRIMARY KEY,"
	"  label TEXT NOT NULL,"
	"  canonical TEXT NOT NULL,"
	/* Kept up to date on import, so the entity index needs no count
	 * over every mention of the library. */
	"  mentions INTEGER NOT NULL DEFAULT 0,"
	"  articles INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (label, canonical));"
	"CREATE INDEX entity_rank ON entity(articles DESC, mentions DESC);"
	/* The first and last word of each person's full name, so that a bare
	 * "Peskov" or "Kim" finds its person through an index, not a scan. */
	"CREATE TABLE person_name ("
	"  token TEXT NOT NULL,"
	"  entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (token, entity_id)) WITHOUT ROWID;"
	"CREATE INDEX person_name_entity ON person_name(entity_id);"
	/* rtrim(c, c's non-spaces) leaves c up to its last space. */
	"CREATE TRIGGER entity_person_ai AFTER INSERT ON entity"
	"  WHEN new.label = 'PERSON' AND instr(new.canonical, ' ') > 0 BEGIN"
	"  INSERT OR IGNORE INTO person_name(token, entity_id) VALUES"
	"   (substr(new.canonical, 1, instr(new.canonical, ' ') - 1), new.id);"
	"  INSERT OR IGNORE INTO person_name(token, entity_id) VALUES"
	"   (substr(new.canonical,"
	"     length(rtrim(new.canonical, replace(new.canonical, ' ', ''))) + 1), new.id); END;"
	"CREATE TABLE mention ("
	"  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
	"  start INTEGER NOT NULL,"
	"  end INTEGER NOT NULL,"
	"  entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,"
	"  surface TEXT NOT NULL,"
	"  PRIMARY KEY (article_id, start)) WITHOUT ROWID;"
	"CREATE INDEX mention_entity ON mention(entity_id, surface, article_id);"
	/* The user's merges and splits: a mention whose surface (or
	 * per-document name) is KEY goes to ENTITY, over every re-import. */
	"CREATE TABLE entity_rule ("
	"  label TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (label, key)) WITHOUT ROWID;"
	/* Sentences for the link picker and related passages; rowid is
	 * article id << 24 | sentence number, so an article's rows are one
	 * rowid range. */
	"CREATE VIRTUAL TABLE sentence_fts USING fts5(text, start UNINDEXED, end UNINDEXED,"
	"  tokenize='unicode61 remove_diacritics 2', prefix='2');"
	/* How many sentences hold each term: the link picker and related
	 * passages choose their query's terms and ranking by it. */
	"CREATE VIRTUAL TABLE sentence_vocab USING fts5vocab(sentence_fts, 'row');"
	"CREATE TABLE highlight ("
	"  id INTEGER PRIMARY KEY,"
	"  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
	"  start INTEGER NOT NULL,"
	"  end INTEGER NOT NULL,"
	"  quote TEXT NOT NULL,"
	"  prefix TEXT NOT NULL,"
	"  suffix TEXT NOT NULL,"
	"  original_quote TEXT,"
	"  body_sha TEXT NOT NULL,"
	"  orphaned INTEGER NOT NULL DEFAULT 0,"
	"  created TEXT NOT NULL,"
	"  updated TEXT NOT NULL);"
	"CREATE INDEX highlight_article ON highlight(article_id, start);"
	"CREATE TABLE tag ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  key INTEGER UNIQUE CHECK (key BETWEEN 1 AND 9),"
	"  colour TEXT);"
	"CREATE TABLE highlight_tag ("
	"  highlight_id INTEGER NOT NULL REFERENCES highlight(id) ON DELETE CASCADE,"
	"  tag_id INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (highlight_id, tag_id)) WITHOUT ROWID;"
	"CREATE INDEX highlight_tag_tag ON highlight_tag(tag_id);"
	"CREATE TABLE note ("
	"  id INTEGER PRIMARY KEY,"
	"  highlight_id INTEGER NOT NULL UNIQUE REFERENCES highlight(id) ON DELETE CASCADE,"
	"  body TEXT NOT NULL,"
	"  created TEXT NOT NULL,"
	"  updated TEXT NOT NULL);"
	"CREATE VIRTUAL TABLE note_fts USING fts5(body, content='note', content_rowid='id');"
	"CREATE TRIGGER note_ai AFTER INSERT ON note BEGIN"
	"  INSERT INTO note_fts(rowid, body) VALUES (new.id, new.body); END;"
	"CREATE TRIGGER note_ad AFTER DELETE ON note BEGIN"
	"  INSERT INTO note_fts(note_fts, rowid, body) VALUES ('delete', old.id, old.body); END;"
	"CREATE TRIGGER note_au AFTER UPDATE OF body ON note BEGIN"
	"  INSERT INTO note_fts(note_fts, rowid, body) VALUES ('delete', old.id, old.body);"
	"  INSERT INTO note_fts(rowid, body) VALUES (new.id, new.body); END;"
	/* A link joins two highlights; the article of each end is the
	 * highlight's, so it is not stored twice. */
	"CREATE TABLE link ("
	"  id INTEGER PRIMARY KEY,"
	"  from_highlight INTEGER NOT NULL REFERENCES highlight(id) ON DELETE CASCADE,"
	"  to_highlight INTEGER NOT NULL REFERENCES highlight(id) ON DELETE CASCADE,"
	"  relation TEXT NOT NULL DEFAULT 'see-also',"
	"  created TEXT NOT NULL);"
	"CREATE INDEX link_from ON link(from_highlight);"
	"CREATE INDEX link_to ON link(to_highlight);"
	"INSERT INTO tag(name, key) VALUES ('key-fact', 1), ('claim', 2), ('quote', 3),"
	"  ('question', 4), ('disputed', 5);",
	/* 1 → 2: a new article enters article_fts from the store, not from a
	 * trigger, so an import batch can index its articles together at
	 * commit: each FTS5 table writes its pending terms to disk at every
	 * savepoint, and a trigger inside each article's savepoint made one
	 * tiny segment per article to merge again later. */
	"DROP TRIGGER article_ai;"
	/* One mention row for each name an article gives an entity, with
	 * where it occurs ("START:LENGTH" byte offsets, comma-separated),
	 * instead of one row for each occurrence: an article names its
	 * entities over and over, and the rows and their index were most of
	 * the cost of storing an import. */
	"DROP INDEX mention_entity;"
	"ALTER TABLE mention RENAME TO mention_v1;"
	"CREATE TABLE mention ("
	"  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
	"  entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,"
	"  surface TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  spans TEXT NOT NULL,"
	"  PRIMARY KEY (article_id, entity_id, surface)) WITHOUT ROWID;"
	"INSERT INTO mention(article_id, entity_id, surface, n, spans)"
	"  SELECT article_id, entity_id, surface, count(*),"
	"   group_concat(start || ':' || (end - start), ',') FROM mention_v1"
	"  GROUP BY article_id, entity_id, surface;"
	"DROP TABLE mention_v1;"
	"CREATE INDEX mention_entity ON mention(entity_id, surface, article_id);",
	/* 2 → 3 (STORE_STEP_ISO_DATES): published holds ISO 8601 ("2015-03-18",
	 * "2023-09-12T10:00:00-05:00"), so the date sort is by date; the text
	 * as the source wrote it is kept in published_as when it differs, and
	 * a date that cannot be read ("Sept 12", no year) stays there only.
	 * gloss_iso_date() is registered on every connection (iso_date_fn). */
	"ALTER TABLE article ADD COLUMN published_as TEXT;"
	"UPDATE article SET published = gloss_iso_date(published),"
	"  published_as = CASE WHEN gloss_iso_date(published) IS published THEN NULL"
	"   ELSE published END"
	" WHERE published IS NOT NULL;",
	/* 3 → 4: the language a web page declares ("en", "pt-BR"). */
	"ALTER TABLE article ADD COLUMN lang TEXT;",
	/* 4 → 5: annotation, tag, note and link ids are never reused, so an
	 * undo puts back what was deleted under its own id and a reference to
	 * a deleted id never meets a newer row.  The tables are rebuilt with
	 * AUTOINCREMENT by migrate_never_reuse_ids, from their own schema
	 * text, so whatever columns earlier steps gave them are kept. */
	MIGRATE_NEVER_REUSE_IDS,
	/* 5 → 6: what a web server sent for each URL imported from it
	 * (store_fetch.c), so a second import asks only for a change. */
	"CREATE TABLE IF NOT EXISTS fetched ("
	"  url TEXT PRIMARY KEY,"
	"  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
	"  final_url TEXT, etag TEXT, last_modified TEXT,"
	"  fetched_at TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS fetched_article ON fetched(article_id);",
	/* 6 → 7 (STORE_STEP_LINK_PAIR): one link per pair of passages (whichever way
	 * round) and relation.  Links made twice before this step keep their
	 * oldest copy; a copy says nothing the first does not. */
	"DELETE FROM link WHERE id NOT IN (SELECT min(id) FROM link"
	"  GROUP BY min(from_highlight, to_highlight), max(from_highlight, to_highlight), relation);"
	"CREATE UNIQUE INDEX IF NOT EXISTS link_pair ON link(min(from_highlight, to_highlight),"
	"  max(from_highlight, to_highlight), relation);",
	/* 7 → 8: the feeds followed, which article came from which item, and
	 * the articles not read yet (store_feed.c). */
	STORE_FEED_MIGRATION,
	/* 8 → 9 (STORE_FOCUS_VERSION): the reader's focus (the sentence the keys act
	 * on), kept beside its scroll position; -1 until it is first saved;
	 * and when the reader last left the article, so the library can start
	 * on it. */
	"ALTER TABLE article ADD COLUMN focus_pos INTEGER NOT NULL DEFAULT -1;"
	"ALTER TABLE article ADD COLUMN read_at TEXT;",
	/* 9 → 10: the user's corrections of the entity recognizer, applied
	 * to every article (store_corrections.c). */
	"CREATE TABLE IF NOT EXISTS correction ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('relabel', 'reject', 'add')),"
	"  text TEXT NOT NULL,"
	"  label TEXT,"
	"  created TEXT NOT NULL);",
	/* 10 → 11: a long article's mentions also by position, packed in
	 * blocks of its body (store_mention_block.c), so that a reader of a
	 * 100 MB article loads those near the screen, not millions.  A copy
	 * of table mention: a trigger drops an article's blocks whenever one
	 * of its mention rows is deleted or changed (and store_save_mentions
	 * when it saves an article's mentions anew: a trigger on insert cost
	 * every import a statement per mention row), and they are made again
	 * at import or when a reader finds them missing, so existing articles
	 * get theirs the first time they are opened. */
	"CREATE TABLE IF NOT EXISTS mention_block ("
	"  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
	"  block INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  spans BLOB NOT NULL,"
	"  PRIMARY KEY (article_id, block)) WITHOUT ROWID;"
	MENTION_BLOCK_TRIGGERS,
	/* 11 → 12: where the reader left each article (scroll position,
	 * focus, when) in a table of its own.  In table article they were
	 * part of a row that holds the text: saving the place on leaving a
	 * 100 MB article rewrote its 200 MB of text and raw bytes (6 s), and
	 * reading focus_pos and read_at, which come after them in the row,
	 * walked every page of both (0.1 s to open it; the library's "last
	 * read" a walk of every article).  The old columns stay in article
	 * unused: dropping them would rewrite every article. */
	"CREATE TABLE IF NOT EXISTS article_place ("
	"  article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,"
	"  read_pos INTEGER NOT NULL DEFAULT 0,"
	"  focus_pos INTEGER NOT NULL DEFAULT -1,"
	"  read_at TEXT);"
	"CREATE INDEX IF NOT EXISTS article_place_read_at ON article_place(read_at)"
	"  WHERE read_at IS NOT NULL;"
	"INSERT OR IGNORE INTO article_place(article_id, read_pos, focus_pos, read_at)"
	"  SELECT id, read_pos, focus_pos, read_at FROM article"
	"  WHERE read_pos <> 0 OR focus_pos <> -1 OR read_at IS NOT NULL;"
	/* And the entity index is sorted in C (store_entity_list), faster
	 * than this index was for it; every import kept it up to date. */
	"DROP INDEX IF EXISTS entity_rank;",
	/* 12 → 13: no index of sentences.  The link picker, related passages
	 * and search snippets split the matching articles' text into
	 * sentences when asked (store_passage.c): sentence_fts held every
	 * text a second time and was a third of the cost of storing an
	 * import.  How many articles hold a word is read from article_fts
	 * (article_vocab), for related passages' choice of words. */
	"DROP TABLE IF EXISTS sentence_vocab;"
	"DROP TABLE IF EXISTS sentence_fts;"
	"CREATE VIRTUAL TABLE IF NOT EXISTS article_vocab USING fts5vocab(article_fts, 'row');",
	/* 13 → 14: which articles mention an entity is kept as each
	 * article's document of entity ids in a full-text index, entity_fts,
	 * not in an index of every mention row filed by entity
	 * (mention_entity): that index's entries landed all over it, so each
	 * commit of an import wrote pages across all of it, and it was the
	 * largest part of the cost of storing mentions.  FTS5 writes new
	 * entries as small segments of their own (an article's at each
	 * savepoint of an import batch) and merges them later.
	 * Statements that want an entity's mention rows find its articles in
	 * entity_fts, then the rows by their primary key.  Table mention is
	 * rebuilt without its foreign key to entity: with no index filed by
	 * entity, deleting an entity would have read every mention row to
	 * find the rows to cascade to.  gloss deletes an entity only when no
	 * mention row names it (its rows moved first, or its count at zero). */
	"CREATE VIRTUAL TABLE IF NOT EXISTS entity_fts USING fts5(ents, tokenize='ascii',"
	"  detail='none');"
	"DELETE FROM entity_fts;" /* a library made by a later gloss and rewound */
	"INSERT INTO entity_fts(rowid, ents) SELECT article_id, group_concat(entity_id, ' ')"
	"  FROM (SELECT DISTINCT article_id, entity_id FROM mention ORDER BY article_id)"
	"  GROUP BY article_id;"
	"CREATE TRIGGER IF NOT EXISTS article_entity_ad AFTER DELETE ON article BEGIN"
	"  DELETE FROM entity_fts WHERE rowid = old.id; END;"
	"DROP INDEX IF EXISTS mention_entity;"
	"ALTER TABLE mention RENAME TO mention_v13;"
	"CREATE TABLE mention ("
	"  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
	"  entity_id INTEGER NOT NULL,"
	"  surface TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  spans TEXT NOT NULL,"
	"  PRIMARY KEY (article_id, entity_id, surface)) WITHOUT ROWID;"
	"INSERT INTO mention(article_id, entity_id, surface, n, spans)"
	"  SELECT article_id, entity_id, surface, n, spans FROM mention_v13;"
	"DROP TABLE mention_v13;"
	MENTION_BLOCK_TRIGGERS,
};

_Static_assert(ARRAY_SIZE(migrations) == STORE_SCHEMA_VERSION,
               "STORE_SCHEMA_VERSION is the number of migrations");

#define CORE_STMTS(X)                                                                              \
	X(BEGIN, "BEGIN IMMEDIATE")                                                                \
	X(COMMIT, "COMMIT")                                                                        \
	X(ROLLBACK, "ROLLBACK")                                                                    \
	X(SAVEPOINT, "SAVEPOINT one")                                                              \
	X(RELEASE, "RELEASE one")                                                                  \
	X(ROLLBACK_TO, "ROLLBACK TO one")                                                          \
	X(DATA_VERSION, "PRAGMA data_version")

STORE_STATEMENTS(STORE_PART_CORE, CORE_STMTS)

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

struct entity_slot *store_cache_find(struct entity_cache *c, const char *key)
{
	size_t i;

	if (c->n * 2 >= c->cap) {
		struct entity_cache big = {xcalloc(c->cap ? c->cap * 2 : 1024, sizeof *big.slot),
		                           c->cap ? c->cap * 2 : 1024, c->n};
		for (i = 0; i < c->cap; i++) {
			if (c->slot[i].key) {
				size_t j = hash_str(c->slot[i].key) & (big.cap - 1);
				while (big.slot[j].key)
					j = (j + 1) & (big.cap - 1);
				big.slot[j] = c->slot[i];
			}
		}
		free(c->slot);
		*c = big;
	}
	i = hash_str(key) & (c->cap - 1);
	while (c->slot[i].key && strcmp(c->slot[i].key, key) != 0)
		i = (i + 1) & (c->cap - 1);
	return &c->slot[i];
}

void store_cache_free(struct entity_cache *c)
{
	size_t i;

	for (i = 0; i < c->cap; i++)
		free(c->slot[i].key);
	free(c->slot);
}

void store_unindexed_clear(struct store *st)
{
	free(st->unindexed);
	st->unindexed = NULL;
	st->nunindexed = 0;
}

/* Forget every cached entity id. */
void store_entity_cache_reset(struct store *st)
{
	store_cache_free(&st->entities);
	memset(&st->entities, 0, sizeof st->entities);
}

const char *store_errmsg(const struct store *st)
{
	return st->core.errbuf[0] ? st->core.errbuf : sqlite3_errmsg(st->core.db);
}

void store_set_err(struct store *st, const char *what)
{
	int code = sqlite3_extended_errcode(st->core.db);
	const char *reason = sqlite3_errmsg(st->core.db);

	if ((code & 0xff) == SQLITE_FULL)
		reason = "the disk or the database is full";
	else if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		reason = "the database is locked by another program (try again when it is done)";
	else if ((code & 0xff) == SQLITE_READONLY)
		reason = "the database is read-only";
	else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
		reason = "the database file is damaged";
	snprintf(st->core.errbuf, sizeof st->core.errbuf, "%s: %s", what, reason);
}

sqlite3_stmt *store_stmt(struct store *st, enum store_part part, const char *const *sql, size_t n,
                         size_t i)
{
	sqlite3_stmt **v = st->stmt[part];

	if (!v) {
		v = st->stmt[part] = xcalloc(n, sizeof *v);
		st->nstmt[part] = n;
	}
	if (!v[i]) {
		if (sqlite3_prepare_v3(st->core.db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &v[i], NULL) !=
		    SQLITE_OK)
			fatal("internal SQL error in statement %d.%d: %s", (int)part, (int)i,
			      sqlite3_errmsg(st->core.db));
	} else {
		sqlite3_reset(v[i]);
		sqlite3_clear_bindings(v[i]);
	}
	return v[i];
}

int store_begin_outer(struct store *st, const char *what)
{
	return step_done(st, stmt(st, S_BEGIN), what);
}

int store_commit_outer(struct store *st, const char *what)
{
	return step_done(st, stmt(st, S_COMMIT), what);
}

int store_step_ids(struct store *st, sqlite3_stmt *s, const char *what, int64_t **ids, size_t *n)
{
	struct {
		int64_t *v;
		size_t n, cap;
	} out = {0};
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		VEC_PUSH(&out, sqlite3_column_int64(s, 0));
	sqlite3_reset(s);
	*ids = NULL;
	*n = 0;
	if (rc != SQLITE_DONE) {
		store_set_err(st, what);
		free(out.v);
		return -1;
	}
	*ids = out.v;
	*n = out.n;
	return 0;
}

int store_data_version(struct store *st)
{
	sqlite3_stmt *v = stmt(st, S_DATA_VERSION);
	int dv = sqlite3_step(v) == SQLITE_ROW ? sqlite3_column_int(v, 0) : -1;

	sqlite3_reset(v);
	return dv;
}

/* In a batch, each change is a savepoint of the batch's transaction:
 * a failed one rolls back alone, and the batch commits them together. */
int store_begin(struct store *st, const char *what)
{
	st->core.errbuf[0] = '\0';
	if (st->core.readonly) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "%s: the database '%s' is open read-only",
		         what, st->core.path);
		return -1;
	}
	return step_done(st, stmt(st, st->batch ? S_SAVEPOINT : S_BEGIN), what);
}

int store_commit(struct store *st, const char *what)
{
	return step_done(st, stmt(st, st->batch ? S_RELEASE : S_COMMIT), what);
}

void store_rollback(struct store *st)
{
	store_entity_cache_reset(st);
	if (st->batch) {
		sqlite3_stmt *s = stmt(st, S_ROLLBACK_TO);
		sqlite3_step(s);
		sqlite3_reset(s);
		s = stmt(st, S_RELEASE);
		sqlite3_step(s);
		sqlite3_reset(s);
		/* A failure that ended the whole transaction ends the batch. */
		if (sqlite3_get_autocommit(st->core.db)) {
			st->batch = 0;
			st->batch_lost = 1;
			store_unindexed_clear(st);
		}
	} else if (!sqlite3_get_autocommit(st->core.db)) {
		sqlite3_stmt *s = stmt(st, S_ROLLBACK);
		sqlite3_step(s);
		sqlite3_reset(s);
	}
}

/* Run one change in its own transaction; 0 ok, 1 nothing matched, -1 error. */
int store_change1(struct store *st, sqlite3_stmt *s, const char *what)
{
	int n;

	if (store_begin(st, what) != 0)
		return -1;
	if (step_done(st, s, what) != 0) {
		int code = sqlite3_extended_errcode(st->core.db);
		store_rollback(st);
		if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_CHECK)
			snprintf(st->core.errbuf, sizeof st->core.errbuf, "%s: %s", what,
			         code == SQLITE_CONSTRAINT_CHECK ? "keys are the digits 1 to 9"
			                                         : "that name is taken");
		return -1;
	}
	n = sqlite3_changes(st->core.db);
	if (store_commit(st, what) != 0) {
		store_rollback(st);
		return -1;
	}
	return n ? 0 : 1;
}

char *store_default_path(void)
{
	const char *env = getenv("GLOSS_DB"), *xdg, *home;

	/* Set but empty is not "unset": store_open refuses the empty name,
	 * rather than a script's unset variable silently meaning the
	 * default library. */
	if (env)
		return xstrdup(env);
	xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/gloss/gloss.db", xdg);
	home = getenv("HOME");
	return xasprintf("%s/.local/share/gloss/gloss.db", home && *home ? home : ".");
}

/* mkdir -p for the directory part of path; a library's folders are the
 * user's alone. */
static int make_parent_dirs(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int rc;

	if (!slash || slash == path)
		return 0;
	dir = xstrndup(path, (size_t)(slash - path));
	rc = util_mkdir_p(dir, 0700);
	free(dir);
	return rc;
}

/* Is the file empty, an SQLite database, or something else?  0 missing or
 * empty, 1 SQLite, -1 not SQLite, -2 unreadable (errno set). */
static int sniff_file(const char *path)
{
	unsigned char head[16];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return errno == ENOENT ? 0 : -2;
	n = read(fd, head, sizeof head);
	close(fd);
	if (n == 0)
		return 0;
	if (n < 16 || memcmp(head, "SQLite format 3", 16) != 0)
		return -1;
	return 1;
}

static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Copy the database beside itself before a migration changes it. */
static int backup_before_migration(struct store *st, int version, char **err)
{
	char *dest = xasprintf("%s.v%d.bak", st->core.path, version);
	sqlite3 *bdb;
	sqlite3_backup *b;
	int rc = -1;

	if (sqlite3_open(dest, &bdb) == SQLITE_OK) {
		b = sqlite3_backup_init(bdb, "main", st->core.db, "main");
		if (b) {
			sqlite3_backup_step(b, -1);
			rc = sqlite3_backup_finish(b) == SQLITE_OK ? 0 : -1;
		}
	}
	if (rc != 0)
		*err = xasprintf("cannot open database '%s': cannot keep a copy at '%s' before "
		                 "upgrading it: %s", st->core.path, dest, sqlite3_errmsg(bdb));
	sqlite3_close(bdb);
	free(dest);
	return rc;
}

/* gloss_iso_date(TEXT): the ISO 8601 form of a date as written, or NULL;
 * the schema step to ISO dates uses it. */
static void iso_date_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *t;
	char iso[DATE_ISO_MAX];

	(void)argc;
	t = sqlite3_value_text(argv[0]);
	if (!t || date_to_iso((const char *)t, (size_t)sqlite3_value_bytes(argv[0]), iso,
	                      sizeof iso) != 0)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, iso, -1, SQLITE_TRANSIENT);
}

static int exec_fmt(sqlite3 *db, char **msg, const char *fmt, ...) GLOSS_PRINTF(3, 4);
static int exec_fmt(sqlite3 *db, char **msg, const char *fmt, ...)
{
	va_list ap;
	char *sql;
	int rc;

	va_start(ap, fmt);
	sql = xvasprintf(fmt, ap);
	va_end(ap);
	rc = sqlite3_exec(db, sql, NULL, NULL, msg);
	free(sql);
	return rc;
}

/* The schema step that makes annotation ids never reused: each table is
 * rebuilt from its own CREATE TABLE text with AUTOINCREMENT added to its
 * id, its rows copied as they are (ids included), and its indexes and
 * triggers made again, as SQLite's documented way to change a table.
 * Runs inside the step's transaction with foreign keys off, and fails
 * if any reference is left dangling.  SQLITE_OK, or an error with *msg
 * (sqlite3_malloc'd). */
static int migrate_never_reuse_ids(sqlite3 *db, char **msg)
{
	static const char *const tables[] = {"highlight", "tag", "note", "link"};
	static const char pk[] = "id INTEGER PRIMARY KEY";
	sqlite3_stmt *s;
	size_t i, k;
	int rc = SQLITE_OK;

	for (i = 0; i < ARRAY_SIZE(tables) && rc == SQLITE_OK; i++) {
		const char *t = tables[i];
		char *def = NULL, *p;
		char **others = NULL;
		size_t nothers = 0;
		struct buf nd = {0};

		if ((rc = sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema WHERE type = 'table'"
		                             " AND name = ?1", -1, &s, NULL)) != SQLITE_OK)
			break;
		sqlite3_bind_text(s, 1, t, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
			def = xstrdup((const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
		if (!def || strstr(def, "AUTOINCREMENT")) {
			free(def);
			continue;
		}
		p = strstr(def, pk);
		if (!p || !strchr(def, '(') || strchr(def, '(') > p) {
			*msg = sqlite3_mprintf("table %s has no '%s' column", t, pk);
			free(def);
			rc = SQLITE_ERROR;
			break;
		}
		buf_printf(&nd, "CREATE TABLE \"%s_new\" ", t);
		buf_add(&nd, strchr(def, '('), (size_t)(p - strchr(def, '(')) + strlen(pk));
		buf_adds(&nd, " AUTOINCREMENT");
		buf_adds(&nd, p + strlen(pk));
		free(def);
		/* Its indexes and triggers (automatic indexes have no text). */
		if ((rc = sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema WHERE tbl_name = ?1"
		                             " AND type IN ('index', 'trigger') AND sql IS NOT NULL"
		                             " ORDER BY type, name", -1, &s, NULL)) != SQLITE_OK) {
			buf_free(&nd);
			break;
		}
		sqlite3_bind_text(s, 1, t, -1, SQLITE_STATIC);
		while (sqlite3_step(s) == SQLITE_ROW) {
			others = xreallocarray(others, nothers + 1, sizeof *others);
			others[nothers++] = xstrdup((const char *)sqlite3_column_text(s, 0));
		}
		sqlite3_finalize(s);
		rc = sqlite3_exec(db, nd.s, NULL, NULL, msg);
		if (rc == SQLITE_OK)
			rc = exec_fmt(db, msg, "INSERT INTO \"%s_new\" SELECT * FROM \"%s\";"
			              " DROP TABLE \"%s\"; ALTER TABLE \"%s_new\" RENAME TO \"%s\";",
			              t, t, t, t, t);
		for (k = 0; k < nothers; k++) {
			if (rc == SQLITE_OK)
				rc = sqlite3_exec(db, others[k], NULL, NULL, msg);
			free(others[k]);
		}
		free(others);
		buf_free(&nd);
	}
	if (rc != SQLITE_OK)
		return rc;
	/* Every reference still leads somewhere. */
	if ((rc = sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &s, NULL)) != SQLITE_OK)
		return rc;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*msg = sqlite3_mprintf("a reference in table %s is left dangling",
		                       (const char *)sqlite3_column_text(s, 0));
		rc = SQLITE_CONSTRAINT;
	}
	sqlite3_finalize(s);
	return rc;
}

static int migrate(struct store *st, int version, char **err)
{
	int v;

	if (version > 0 && version < (int)ARRAY_SIZE(migrations) &&
	    backup_before_migration(st, version, err) != 0)
		return -1;
	for (v = version; v < (int)ARRAY_SIZE(migrations); v++) {
		char *msg = NULL, *sql;
		int in_c = strcmp(migrations[v], MIGRATE_NEVER_REUSE_IDS) == 0, rc;

		/* Rebuilding a table means dropping it, which with foreign keys
		 * on would delete every row that refers to it; the keys are
		 * checked before the step commits instead.  (The pragma is a
		 * no-op inside a transaction, so it is set around it.) */
		if (in_c)
			sqlite3_exec(st->core.db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
		sql = xasprintf("BEGIN IMMEDIATE; %s; PRAGMA user_version = %d;"
		                " PRAGMA application_id = %d;",
		                in_c ? "SELECT 1" : migrations[v], v + 1, STORE_APPLICATION_ID);
		rc = sqlite3_exec(st->core.db, sql, NULL, NULL, &msg);
		if (rc == SQLITE_OK && in_c)
			rc = migrate_never_reuse_ids(st->core.db, &msg);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(st->core.db, "COMMIT", NULL, NULL, &msg);
		if (in_c)
			sqlite3_exec(st->core.db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			*err = xasprintf("cannot set up database '%s' (schema step %d): %s",
			                 st->core.path, v + 1, msg ? msg : sqlite3_errmsg(st->core.db));
			sqlite3_free(msg);
			sqlite3_exec(st->core.db, "ROLLBACK", NULL, NULL, NULL);
			free(sql);
			return -1;
		}
		free(sql);
	}
	return 0;
}

/* "file:PATH?immutable=1", with the characters a URI gives meaning to
 * escaped. */
static char *immutable_uri(const char *path)
{
	struct buf b = {0};
	const char *p;

	buf_adds(&b, "file:");
	for (p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	buf_adds(&b, "?immutable=1");
	return buf_steal(&b);
}

/* Names SQLite does not take as a file: "" (a temporary database),
 * ":memory:" and, when URIs are enabled, "file:..." (a URI whose options
 * can make the database temporary or shared in memory).  gloss refuses
 * them instead of treating them as paths: each is far more likely an
 * unset variable or a misunderstanding than a file the user wants, and a
 * library that vanishes when gloss exits would throw away everything the
 * screen said was saved.  A file that really is named so is reached as
 * ./:memory: or ./file:NAME.  NULL when path is an ordinary name. */
static const char *special_name(const char *path)
{
	if (!*path)
		return "the name is empty (an unset variable in --db or GLOSS_DB?)";
	if (strcmp(path, ":memory:") == 0)
		return "SQLite keeps ':memory:' in memory only, so nothing would be saved "
		       "(write ./:memory: for a file of that name)";
	if (strncmp(path, "file:", 5) == 0)
		return "gloss takes a path, not an SQLite URI (write ./file:... for a file whose "
		       "name begins so)";
	return NULL;
}

/* Has the -shm file of a WAL library not been made (missing or empty)? */
static int store_shm_missing(const char *path)
{
	char *shm = xasprintf("%s-shm", path);
	struct stat sb;
	int missing = stat(shm, &sb) != 0 || sb.st_size == 0;

	free(shm);
	return missing;
}

struct store *store_open(const char *path, int flags, char **err)
{
	struct store *st;
	int kind, version = 0, appid = 0, objects = 0, oflags, dir_readonly = 0, shm_failed = 0;
	const char *special;

	*err = NULL;
	if ((special = special_name(path))) {
		*err = xasprintf("cannot open database '%s': %s", path, special);
		return NULL;
	}
	/* A FIFO would block the open below forever; a directory is named
	 * as one, not as "not an SQLite database". */
	if ((special = util_file_kind(path))) {
		*err = xasprintf("cannot open database '%s': it %s", path, special);
		return NULL;
	}
	kind = sniff_file(path);
	if (kind == -1) {
		*err = xasprintf("cannot open database '%s': not an SQLite database "
		                 "(the file was left as it is)", path);
		return NULL;
	}
	if (kind == -2) {
		*err = xasprintf("cannot open database '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (kind == 0 && !(flags & STORE_CREATE) && access(path, F_OK) != 0) {
		*err = xasprintf("cannot open database '%s': no such file", path);
		return NULL;
	}
	if (kind == 0 && (flags & STORE_CREATE) && make_parent_dirs(path) != 0) {
		*err = xasprintf("cannot create the directory for database '%s': %s", path,
		                 strerror(errno));
		return NULL;
	}

	st = xcalloc(1, sizeof *st);
	st->core.path = xstrdup(path);
	st->core.readonly = (flags & STORE_READONLY) != 0;
	if (!st->core.readonly && kind == 1 && access(path, W_OK) != 0)
		st->core.readonly = 1;
	/* WAL keeps two files beside the database: a directory gloss cannot
	 * write makes the library read-only too. */
	if (!st->core.readonly && kind == 1) {
		char *dir = xstrdup(path), *slash = strrchr(dir, '/');
		if (slash)
			*(slash == dir ? slash + 1 : slash) = '\0';
		if (access(slash ? dir : ".", W_OK) != 0)
			st->core.readonly = dir_readonly = 1;
		free(dir);
	}
	oflags = st->core.readonly ? SQLITE_OPEN_READONLY
	                      : SQLITE_OPEN_READWRITE | ((flags & STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &st->core.db, oflags, NULL) != SQLITE_OK) {
		*err = xasprintf("cannot open database '%s': %s", path,
		                 st->core.db ? sqlite3_errmsg(st->core.db) : "out of memory");
		store_close(st);
		return NULL;
	}
	sqlite3_extended_result_codes(st->core.db, 1);
	sqlite3_busy_timeout(st->core.db, 5000);
	sqlite3_create_function(st->core.db, "gloss_iso_date", 1,
	                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, iso_date_fn, NULL, NULL);
	/* A full disk (or a file size limit) can keep SQLite from making the
	 * -shm file a WAL library needs even to be read: read it as below,
	 * and say why changes are refused (issue 14). */
	if (!st->core.readonly && kind == 1 &&
	    pragma_int(st->core.db, "PRAGMA user_version", &version) != 0 &&
	    (sqlite3_errcode(st->core.db) & 0xff) == SQLITE_IOERR && store_shm_missing(path)) {
		shm_failed = sqlite3_system_errno(st->core.db);
		if (!shm_failed)
			shm_failed = EIO;
		st->core.readonly = 1;
	}
	if (shm_failed ||
	    (st->core.readonly && pragma_int(st->core.db, "PRAGMA user_version", &version) != 0 &&
	     ((sqlite3_errcode(st->core.db) & 0xff) == SQLITE_CANTOPEN ||
	      (sqlite3_errcode(st->core.db) & 0xff) == SQLITE_READONLY))) {
		/* A WAL database in a directory we cannot write: SQLite cannot
		 * make its -shm file even to read.  Opened as immutable it can be
		 * read, which is all a read-only library needs. */
		char *uri, *wal = xasprintf("%s-wal", path);
		struct stat wsb;
		int pending = stat(wal, &wsb) == 0 && wsb.st_size > 0;

		free(wal);
		/* Immutable means the write-ahead log is not read: changes
		 * committed to it (a gloss killed before it could fold them into
		 * the file) would be missing without a word.  Refuse instead. */
		if (pending && shm_failed) {
			*err = xasprintf("cannot open database '%s': SQLite cannot create '%s-shm' (%s; "
			                 "is the disk full?), and without it cannot read the changes "
			                 "committed to '%s-wal'; free some space and run gloss again",
			                 path, path, strerror(shm_failed), path);
			store_close(st);
			return NULL;
		}
		if (pending) {
			*err = xasprintf("cannot open database '%s': its write-ahead log ('%s-wal') may "
			                 "hold committed changes, and SQLite can read it only by creating "
			                 "'%s-shm' in a directory gloss cannot write; make the directory "
			                 "writable, or copy the library with its -wal file to one that is",
			                 path, path, path);
			store_close(st);
			return NULL;
		}
		uri = immutable_uri(path);
		sqlite3_close(st->core.db);
		st->core.db = NULL;
		if (sqlite3_open_v2(uri, &st->core.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) !=
		    SQLITE_OK) {
			*err = xasprintf("cannot open database '%s': %s", path,
			                 st->core.db ? sqlite3_errmsg(st->core.db) : "out of memory");
			free(uri);
			store_close(st);
			return NULL;
		}
		free(uri);
		sqlite3_extended_result_codes(st->core.db, 1);
	}
	if (pragma_int(st->core.db, "PRAGMA user_version", &version) != 0 ||
	    pragma_int(st->core.db, "PRAGMA application_id", &appid) != 0 ||
	    pragma_int(st->core.db, "SELECT count(*) FROM sqlite_schema", &objects) != 0) {
		int code = sqlite3_errcode(st->core.db);
		*err = xasprintf("cannot open database '%s': %s", path,
		                 code == SQLITE_NOTADB || code == SQLITE_CORRUPT
		                     ? "the file is damaged or not a database (it was left as it is)"
		                     : sqlite3_errmsg(st->core.db));
		store_close(st);
		return NULL;
	}
	if (objects > 0 && appid != STORE_APPLICATION_ID) {
		*err = xasprintf("cannot open database '%s': an SQLite database, but not gloss's "
		                 "(it was left as it is)", path);
		store_close(st);
		return NULL;
	}
	if (version > STORE_SCHEMA_VERSION) {
		*err = xasprintf("cannot open database '%s': it was written by a newer gloss "
		                 "(schema %d; this gloss knows %d) and is left untouched",
		                 path, version, STORE_SCHEMA_VERSION);
		store_close(st);
		return NULL;
	}
	if (!st->core.readonly) {
		int wal_ok;
		sqlite3_exec(st->core.db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		wal_ok = sqlite3_exec(st->core.db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
		(void)wal_ok;
	}
	sqlite3_exec(st->core.db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	/* Statement journals (one for each mention saved, as the foreign keys
	 * need) stay in memory instead of a temporary file each: import
	 * stores its articles a third faster. */
	sqlite3_exec(st->core.db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	{
		sqlite3_stmt *e;
		if (sqlite3_prepare_v2(st->core.db, "PRAGMA encoding", -1, &e, NULL) == SQLITE_OK) {
			st->utf8 = sqlite3_step(e) == SQLITE_ROW &&
			           strcmp((const char *)sqlite3_column_text(e, 0), "UTF-8") == 0;
			sqlite3_finalize(e);
		}
	}
	if (version < STORE_SCHEMA_VERSION) {
		if (st->core.readonly) {
			*err = xasprintf("cannot open database '%s': it needs an upgrade (schema %d to "
			                 "%d) but is read-only", path, version, STORE_SCHEMA_VERSION);
			store_close(st);
			return NULL;
		}
		st->core.created = version == 0;
		if (migrate(st, version, err) != 0) {
			store_close(st);
			return NULL;
		}
	}
	/* Test hook (tests/cli/dbfaults.sh): GLOSS_TEST_MAX_PAGES caps this
	 * connection's database size, so that a test can meet SQLITE_FULL
	 * without filling a disk.  max_page_count does not persist. */
	{
		const char *mp = getenv("GLOSS_TEST_MAX_PAGES");

		if (mp && *mp) {
			char *sql = xasprintf("PRAGMA max_page_count = %ld", strtol(mp, NULL, 10));
			sqlite3_exec(st->core.db, sql, NULL, NULL, NULL);
			free(sql);
		}
	}
	if (shm_failed)
		*err = xasprintf("database '%s': SQLite cannot create '%s-shm' (%s; is the disk "
		                 "full?): opened read-only, so reading works and changes are "
		                 "refused; free some space and run gloss again",
		                 path, path, strerror(shm_failed));
	else if (dir_readonly)
		*err = xasprintf("database '%s' is in a directory gloss cannot write: opened "
		                 "read-only, so nothing can be changed", path);
	else if (st->core.readonly && !(flags & STORE_READONLY))
		*err = xasprintf("database '%s' is not writable: opened read-only, so nothing "
		                 "can be changed", path);
	return st;
}

void store_close(struct store *st)
{
	size_t i, p;

	if (!st)
		return;
	store_entity_cache_reset(st);
	store_unindexed_clear(st);
	if (st->tok_free)
		st->tok_free(st->tok);
	for (p = 0; p < STORE_NPARTS; p++) {
		for (i = 0; i < st->nstmt[p]; i++)
			sqlite3_finalize(st->stmt[p][i]);
		free(st->stmt[p]);
	}
	sqlite3_close(st->core.db);
	free(st->core.path);
	free(st);
}

void store_set_cancel(struct store *st, int (*cancel)(void *ctx), void *ctx)
{
	/* Every 4096 virtual machine steps: about a millisecond. */
	sqlite3_progress_handler(st->core.db, cancel ? 4096 : 0, cancel, ctx);
}

int store_is_new(const struct store *st)
{
	return st->core.created;
}

int store_is_readonly(const struct store *st)
{
	return st->core.readonly;
}

const char *store_path(const struct store *st)
{
	return st->core.path;
}

int store_data_changed(struct store *st)
{
	int dv = store_data_version(st), changed;

	if (dv < 0)
		return 0;
	changed = st->seen_version_known && dv != st->seen_version;
	st->seen_version = dv;
	st->seen_version_known = 1;
	return changed;
}

