/* store.c — every SQL statement of gloss, the schema and its migrations.
 *
 * The database is one SQLite file in WAL mode with foreign keys on.  Its
 * schema version is PRAGMA user_version and its owner PRAGMA application_id,
 * so a file made by something else is recognised and left alone.  Statements
 * are prepared once, from one table (STORE_STMTS), and always bound: no user
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

#include "gloss/anchor.h"
#include "gloss/date.h"
#include "gloss/store.h"
#include "gloss/store_feed.h"
#include "gloss/store_corrections.h"
#include "gloss/theme.h"
#include "gloss/util.h"
#include "store_internal.h"

/* 'glos' — marks a database as gloss's. */
#define STORE_APPLICATION_ID 0x676c6f73

/* Bits of article.manual: fields the user edited, kept over re-import. */
enum { MANUAL_TITLE = 1, MANUAL_OUTLET = 2, MANUAL_PUBLISHED = 4, MANUAL_URL = 8, MANUAL_BYLINE = 16 };

/* A migrations[] step done in C (migrate_never_reuse_ids), not SQL. */
#define MIGRATE_NEVER_REUSE_IDS "-- rebuild highlight, tag, note, link with AUTOINCREMENT"

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
};

_Static_assert(ARRAY_SIZE(migrations) == STORE_SCHEMA_VERSION,
               "STORE_SCHEMA_VERSION is the number of migrations");

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"
#define LIST_COLS \
	"a.id, a.title, a.outlet, a.published, a.words, a.imported_at," \
	" (SELECT count(*) FROM highlight h WHERE h.article_id = a.id)," \
	" (SELECT count(*) FROM highlight h JOIN note n ON n.highlight_id = h.id" \
	"   WHERE h.article_id = a.id)"

/* X(name, sql): every statement gloss runs. */
#define STORE_STMTS(X)                                                                         \
	X(BEGIN, "BEGIN IMMEDIATE")                                                                \
	/* VALUES, not INSERT ... SELECT: a statement that may insert many  */                \
	/* rows opens a savepoint, which flushes the FTS5 tables.           */                \
	X(ARTICLE_FTS_ADD, "INSERT INTO article_fts(rowid, title, body) VALUES (?1, ?2, ?3)")      \
	X(ARTICLE_TEXT_OF, "SELECT title, body FROM article WHERE id = ?1")                        \
	X(COMMIT, "COMMIT")                                                                        \
	X(ROLLBACK, "ROLLBACK")                                                                    \
	X(SAVEPOINT, "SAVEPOINT one")                                                              \
	X(RELEASE, "RELEASE one")                                                                  \
	X(ROLLBACK_TO, "ROLLBACK TO one")                                                          \
	X(ARTICLE_COUNT, "SELECT count(*) FROM article")                                           \
	X(ARTICLE_IDS_FROM,                                                                        \
	  "SELECT id FROM article WHERE substr(source, 1, length(?1)) = ?1 ORDER BY id")           \
	X(DATA_VERSION, "PRAGMA data_version")                                                     \
	X(ARTICLE_BY_SOURCE, "SELECT id, body_sha, raw_sha FROM article WHERE source = ?1")        \
	X(ARTICLE_BY_RAW, "SELECT id FROM article WHERE raw_sha = ?1 LIMIT 1")                     \
	X(ARTICLE_BY_ID, "SELECT id, body_sha, raw_sha FROM article WHERE id = ?1")                \
	X(ARTICLE_INSERT,                                                                          \
	  "INSERT INTO article(title, outlet, byline, published, dateline, url, source, words,"     \
	  " imported_at, updated_at, raw_sha, body_sha, body, raw, published_as, lang)"            \
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, " NOW ", " NOW ", ?9, ?10, ?11, ?12, ?13,"     \
	  " ?14)")                                                                                 \
	X(ARTICLE_UPDATE_TEXT,                                                                     \
	  "UPDATE article SET"                                                                     \
	  " title = CASE WHEN manual & 1 THEN title ELSE ?2 END,"                                  \
	  " outlet = CASE WHEN manual & 2 THEN outlet ELSE ?3 END,"                                \
	  " byline = CASE WHEN manual & 16 THEN byline ELSE ?4 END,"                               \
	  " published = CASE WHEN manual & 4 THEN published ELSE ?5 END,"                          \
	  " published_as = CASE WHEN manual & 4 THEN published_as ELSE ?13 END,"                   \
	  " dateline = ?6, lang = ?14,"                                                            \
	  " url = CASE WHEN manual & 8 OR ?7 IS NULL THEN url ELSE ?7 END,"                        \
	  " words = ?8, updated_at = " NOW ", raw_sha = ?9, body_sha = ?10, body = ?11, raw = ?12" \
	  " WHERE id = ?1")                                                                        \
	X(ARTICLE_GET,                                                                             \
	  "SELECT id, title, byline, outlet, published, dateline, url, source, words,"             \
	  " imported_at, read_pos, body_sha,"                                                      \
	  " (SELECT count(*) FROM highlight h WHERE h.article_id = a.id),"                         \
	  " (SELECT count(*) FROM highlight h JOIN note n ON n.highlight_id = h.id"                \
	  "   WHERE h.article_id = a.id), published_as, lang, focus_pos"                           \
	  " FROM article a WHERE id = ?1")                                                         \
	X(ARTICLE_EDIT,                                                                            \
	  "UPDATE article SET title = coalesce(?2, title), outlet = coalesce(?3, outlet),"         \
	  " published = CASE WHEN ?7 & 4 THEN ?4 ELSE published END, url = coalesce(?5, url),"     \
	  " published_as = CASE WHEN ?7 & 4 THEN ?8 ELSE published_as END,"                        \
	  " byline = coalesce(?6, byline), manual = manual | ?7, updated_at = " NOW                \
	  " WHERE id = ?1")                                                                        \
	X(ARTICLE_DELETE, "DELETE FROM article WHERE id = ?1")                                     \
	X(ARTICLE_READ_POS, "UPDATE article SET read_pos = ?2 WHERE id = ?1")                      \
	X(ARTICLE_FOCUS_POS, "UPDATE article SET focus_pos = ?2,"                                  \
	  " read_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?1")                        \
	X(ARTICLE_LAST_READ,                                                                       \
	  "SELECT id, (SELECT count(*) FROM article b WHERE b.id < a.id) FROM article a"          \
	  " WHERE read_at IS NOT NULL ORDER BY read_at DESC, id DESC LIMIT 1")                    \
	X(LIST_IMPORTED, "SELECT " LIST_COLS " FROM article a ORDER BY a.id LIMIT ?2 OFFSET ?1")   \
	X(LIST_TITLE,                                                                              \
	  "SELECT " LIST_COLS " FROM article a ORDER BY a.title COLLATE NOCASE, a.id"              \
	  " LIMIT ?2 OFFSET ?1")                                                                   \
	X(LIST_OUTLET,                                                                             \
	  "SELECT " LIST_COLS " FROM article a ORDER BY a.outlet IS NULL, a.outlet COLLATE NOCASE," \
	  " a.id LIMIT ?2 OFFSET ?1")                                                              \
	X(LIST_DATE,                                                                               \
	  "SELECT " LIST_COLS " FROM article a ORDER BY a.published IS NULL, a.published DESC,"    \
	  " a.id LIMIT ?2 OFFSET ?1")                                                              \
	X(LIST_WORDS, "SELECT " LIST_COLS " FROM article a ORDER BY a.words DESC, a.id"           \
	              " LIMIT ?2 OFFSET ?1")                                                       \
	/* The library's filter: the newest matches first, so a word that   \
	 * every article has stops at the limit; bm25 is computed for the   \
	 * rows returned only, and they are ranked in C. */                 \
	X(LIBRARY_FILTER,                                                                          \
	  "SELECT rowid, bm25(article_fts, 5.0, 1.0) FROM article_fts"                             \
	  " WHERE article_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2")                              \
	X(SEARCH_TITLE, "SELECT title, outlet FROM article WHERE id = ?1")                        \
	/* The snippet is the article's best matching sentence: FTS5's      \
	 * snippet() re-reads the whole body, which for a 100 MB article     \
	 * takes a minute. */                                                                      \
	X(SEARCH_SNIPPET,                                                                          \
	  "SELECT rowid, text FROM sentence_fts"                                                   \
	  " WHERE sentence_fts MATCH ?1 AND rowid BETWEEN ?2 * 16777216 AND ?2 * 16777216 + 16777215" \
	  " ORDER BY rank LIMIT 1")                                                                \
	/* highlight() marks a short sentence; a long one (a 10 MB line is   \
	 * one "sentence") is cut to a window first, in C: highlight() over  \
	 * it took minutes. */                                                                     \
	X(SEARCH_MARK,                                                                             \
	  "SELECT highlight(sentence_fts, 0, char(1), char(2)) FROM sentence_fts"                  \
	  " WHERE sentence_fts MATCH ?1 AND rowid = ?2")                                           \
	X(MENTION_UNCOUNT,                                                                         \
	  "UPDATE entity SET mentions = mentions - c.n, articles = articles - 1"                   \
	  " FROM (SELECT entity_id, sum(n) AS n FROM mention WHERE article_id = ?1"                \
	  "   GROUP BY entity_id) AS c WHERE entity.id = c.entity_id")                             \
	X(ENTITY_COUNT_ADD,                                                                        \
	  "UPDATE entity SET mentions = mentions + ?2, articles = articles + 1 WHERE id = ?1")     \
	X(MENTION_DELETE, "DELETE FROM mention WHERE article_id = ?1")                             \
	X(MENTION_INSERT,                                                                          \
	  "INSERT INTO mention(article_id, entity_id, surface, n, spans) VALUES (?1, ?2, ?3, ?4, ?5)" \
	  " ON CONFLICT DO UPDATE SET n = n + excluded.n, spans = spans || ',' || excluded.spans") \
	X(ENTITY_RULE, "SELECT entity_id FROM entity_rule WHERE label = ?1 AND key = ?2")          \
	X(ENTITY_FIND, "SELECT id FROM entity WHERE label = ?1 AND canonical = ?2")                \
	X(ENTITY_INSERT, "INSERT INTO entity(label, canonical) VALUES (?1, ?2)")                   \
	X(ENTITY_BY_SURNAME,                                                                       \
	  "SELECT e.id, e.mentions FROM person_name p JOIN entity e ON e.id = p.entity_id"         \
	  " WHERE p.token = ?1 AND e.label = 'PERSON' AND e.id <> ?2"                              \
	  " ORDER BY e.mentions DESC LIMIT 2")                                                     \
	X(ARTICLE_PERSONS,                                                                         \
	  "SELECT DISTINCT e.id, e.canonical FROM mention m JOIN entity e ON e.id = m.entity_id"   \
	  " WHERE m.article_id = ?1 AND e.label = 'PERSON' AND e.canonical LIKE '% %'")            \
	X(BARE_PERSON,                                                                             \
	  "SELECT id FROM entity WHERE label = 'PERSON' AND canonical = ?1"                        \
	  " AND NOT EXISTS (SELECT 1 FROM entity_rule r WHERE r.entity_id = entity.id)")           \
	X(ENTITY_ORPHANS,                                                                          \
	  "DELETE FROM entity WHERE mentions <= 0"                                                 \
	  " AND NOT EXISTS (SELECT 1 FROM entity_rule r WHERE r.entity_id = entity.id)")          \
	X(SENTENCE_DELETE,                                                                         \
	  "DELETE FROM sentence_fts WHERE rowid BETWEEN ?1 * 16777216 AND ?1 * 16777216 + 16777215") \
	X(SENTENCE_INSERT,                                                                         \
	  "INSERT INTO sentence_fts(rowid, text, start, end) VALUES (?1 * 16777216 + ?2, ?3, ?4, ?5)") \
	X(PASSAGES,                                                                                \
	  "SELECT f.rowid >> 24, f.start, f.end, substr(f.text, 1, 2000), a.title, a.outlet,"      \
	  " bm25(sentence_fts)"                                                                    \
	  " FROM sentence_fts f JOIN article a ON a.id = f.rowid >> 24"                            \
	  " WHERE sentence_fts MATCH ?1 AND (?2 <= 0 OR f.rowid NOT BETWEEN ?2 * 16777216"         \
	  "   AND ?2 * 16777216 + 16777215) ORDER BY bm25(sentence_fts) LIMIT ?3")                 \
	X(PASSAGES_RECENT,                                                                         \
	  "SELECT f.rowid >> 24, f.start, f.end, substr(f.text, 1, 2000), a.title, a.outlet, 0"    \
	  " FROM sentence_fts f JOIN article a ON a.id = f.rowid >> 24"                            \
	  " WHERE sentence_fts MATCH ?1 AND (?2 <= 0 OR f.rowid NOT BETWEEN ?2 * 16777216"         \
	  "   AND ?2 * 16777216 + 16777215) ORDER BY f.rowid DESC LIMIT ?3")                       \
	X(TERM_DOCS, "SELECT doc FROM sentence_vocab WHERE term = ?1")                             \
	X(PREFIX_DOCS,                                                                             \
	  "SELECT total(doc) FROM sentence_vocab WHERE term >= ?1 AND term < ?1 || char(1114111)") \
	X(MENTIONS_IN, "SELECT entity_id, spans FROM mention WHERE article_id = ?1")               \
	X(ENTITY_ALIASES,                                                                          \
	  "SELECT surface, sum(n) FROM mention WHERE entity_id = ?1 GROUP BY surface"              \
	  " ORDER BY sum(n) DESC, surface LIMIT ?2")                                               \
	/* An article may name both entities the same way: its rows join.   */                \
	X(ENTITY_MERGE_MENTIONS,                                                                   \
	  "INSERT INTO mention(article_id, entity_id, surface, n, spans)"                          \
	  " SELECT article_id, ?2, surface, n, spans FROM mention WHERE entity_id = ?1"            \
	  " ON CONFLICT DO UPDATE SET n = n + excluded.n, spans = spans || ',' || excluded.spans") \
	X(ENTITY_DROP_MENTIONS, "DELETE FROM mention WHERE entity_id = ?1")                        \
	X(ENTITY_MERGE_RULES, "UPDATE entity_rule SET entity_id = ?2 WHERE entity_id = ?1")        \
	X(ENTITY_RULE_SET,                                                                         \
	  "INSERT OR REPLACE INTO entity_rule(label, key, entity_id) VALUES (?1, ?2, ?3)")         \
	X(ENTITY_RECOUNT,                                                                          \
	  "UPDATE entity SET mentions = (SELECT coalesce(sum(n), 0) FROM mention"                  \
	  "   WHERE entity_id = ?1),"                                                              \
	  " articles = (SELECT count(DISTINCT article_id) FROM mention WHERE entity_id = ?1)"      \
	  " WHERE id = ?1")                                                                        \
	X(ENTITY_DELETE, "DELETE FROM entity WHERE id = ?1")                                       \
	X(ENTITY_SPLIT_MENTIONS,                                                                   \
	  "UPDATE mention SET entity_id = ?3 WHERE entity_id = ?1 AND surface = ?2")               \
	X(ENTITY_LABEL_OF, "SELECT label, canonical FROM entity WHERE id = ?1")                    \
	X(ENTITY_INDEX,                                                                            \
	  "SELECT id, label, canonical, mentions, articles FROM entity WHERE mentions > 0"         \
	  " AND (?1 IS NULL OR label = ?1) ORDER BY articles DESC, mentions DESC, canonical")     \
	X(ARTICLE_MENTIONS,                                                                        \
	  "SELECT m.article_id, m.entity_id, m.spans, e.label FROM mention m"                      \
	  " JOIN entity e ON e.id = m.entity_id WHERE m.article_id = ?1")                          \
	X(ENTITY_LABEL, "SELECT label FROM entity WHERE id = ?1")                                  \
	X(ARTICLE_MENTION_TOTAL, "SELECT coalesce(sum(n), 0) FROM mention WHERE article_id = ?1")  \
	X(ENTITY_MENTION_TOTAL, "SELECT coalesce(sum(n), 0) FROM mention WHERE entity_id = ?1")    \
	X(ENTITY_MENTIONS,                                                                         \
	  "SELECT m.article_id, m.entity_id, m.spans, e.label FROM mention m"                      \
	  " JOIN entity e ON e.id = m.entity_id WHERE m.entity_id = ?1")                           \
	X(ENTITY_LIST,                                                                             \
	  "SELECT e.id, e.label, e.canonical, sum(m.n), count(DISTINCT m.article_id)"              \
	  " FROM mention m JOIN entity e ON e.id = m.entity_id"                                    \
	  " WHERE (?1 <= 0 OR m.article_id = ?1) AND (?2 IS NULL OR e.label = ?2)"                 \
	  " GROUP BY e.id ORDER BY count(DISTINCT m.article_id) DESC, sum(m.n) DESC,"              \
	  " e.canonical")                                                                          \
	X(ENTITY_GET, "SELECT id, label, canonical, mentions, articles FROM entity WHERE id = ?1") \
	X(HIGHLIGHTS_OF, "SELECT id, start, quote, prefix, suffix, original_quote FROM highlight"  \
	                 " WHERE article_id = ?1")                                                 \
	X(HIGHLIGHT_REANCHOR,                                                                      \
	  "UPDATE highlight SET start = ?2, end = ?3, quote = ?4, prefix = ?5, suffix = ?6,"       \
	  " original_quote = CASE WHEN coalesce(original_quote, quote) = ?4 THEN NULL"             \
	  "   ELSE coalesce(original_quote, quote) END,"                                           \
	  " body_sha = ?7, orphaned = 0, updated = " NOW " WHERE id = ?1")                         \
	X(HIGHLIGHT_ORPHAN,                                                                        \
	  "UPDATE highlight SET orphaned = 1, body_sha = ?2, updated = " NOW " WHERE id = ?1")      \
	X(TAG_LIST,                                                                                \
	  "SELECT t.id, t.name, t.key, t.colour,"                                                  \
	  " (SELECT count(*) FROM highlight_tag ht WHERE ht.tag_id = t.id)"                        \
	  " FROM tag t ORDER BY t.key IS NULL, t.key, t.name")                                     \
	X(TAG_BY_NAME, "SELECT id, name, key, colour, 0 FROM tag WHERE name = ?1")                 \
	X(TAG_BY_KEY, "SELECT id, name, key, colour, 0 FROM tag WHERE key = ?1")                   \
	X(TAG_INSERT, "INSERT INTO tag(name, key, colour) VALUES (?1, ?2, ?3)")                    \
	X(TAG_RENAME, "UPDATE tag SET name = ?2 WHERE name = ?1")                                  \
	X(TAG_UNBIND_KEY, "UPDATE tag SET key = NULL WHERE key = ?1")                              \
	X(TAG_BIND, "UPDATE tag SET key = ?2 WHERE name = ?1")                                     \
	X(TAG_RECOLOUR, "UPDATE tag SET colour = ?2 WHERE name = ?1")                              \
	X(TAG_DELETE, "DELETE FROM tag WHERE name = ?1")                                           \
	X(HL_LIST,                                                                                 \
	  "SELECT h.id, h.article_id, h.start, h.end, h.quote, h.prefix, h.suffix,"                \
	  " h.original_quote, h.orphaned, n.body, a.title, h.created, h.updated,"                  \
	  " (SELECT group_concat(name, char(10)) FROM (SELECT t.name FROM highlight_tag ht"        \
	  "   JOIN tag t ON t.id = ht.tag_id WHERE ht.highlight_id = h.id ORDER BY t.name)),"      \
	  " (SELECT count(*) FROM link l WHERE l.from_highlight = h.id OR l.to_highlight = h.id)"  \
	  " FROM highlight h JOIN article a ON a.id = h.article_id"                                \
	  " LEFT JOIN note n ON n.highlight_id = h.id"                                             \
	  " WHERE (?1 <= 0 OR h.article_id = ?1)"                                                  \
	  " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM highlight_tag ht JOIN tag t"                  \
	  "   ON t.id = ht.tag_id WHERE ht.highlight_id = h.id AND t.name = ?2))"                  \
	  " AND (?3 IS NULL OR instr(lower(h.quote), lower(?3)) > 0"                               \
	  "   OR instr(lower(coalesce(n.body, '')), lower(?3)) > 0"                                \
	  "   OR EXISTS (SELECT 1 FROM highlight_tag ht JOIN tag t ON t.id = ht.tag_id"            \
	  "   WHERE ht.highlight_id = h.id AND instr(lower(t.name), lower(?3)) > 0))"              \
	  " AND (?4 = 0 OR h.orphaned = 1)"                                                        \
	  " AND (?5 <= 0 OR h.id = ?5)"                                                            \
	  " ORDER BY h.article_id, h.orphaned, h.start, h.id")                                     \
	X(HL_AT, "SELECT id FROM highlight WHERE article_id = ?1 AND start = ?2 AND end = ?3"      \
	         " AND orphaned = 0 ORDER BY id LIMIT 1")                                          \
	X(HL_INSERT,                                                                               \
	  "INSERT INTO highlight(article_id, start, end, quote, prefix, suffix, body_sha,"         \
	  " created, updated) SELECT ?1, ?2, ?3, ?4, ?5, ?6, body_sha, " NOW ", " NOW              \
	  " FROM article WHERE id = ?1")                                                           \
	X(HL_TAG_ON, "INSERT OR IGNORE INTO highlight_tag(highlight_id, tag_id) VALUES (?1, ?2)")  \
	X(HL_TAG_OFF, "DELETE FROM highlight_tag WHERE highlight_id = ?1 AND tag_id = ?2")        \
	X(HL_TAG_HAS, "SELECT 1 FROM highlight_tag WHERE highlight_id = ?1 AND tag_id = ?2")      \
	X(HL_TOUCH, "UPDATE highlight SET updated = " NOW " WHERE id = ?1")                        \
	X(HL_BARE,                                                                                 \
	  "SELECT NOT EXISTS (SELECT 1 FROM highlight_tag WHERE highlight_id = ?1)"                \
	  " AND NOT EXISTS (SELECT 1 FROM note WHERE highlight_id = ?1)"                           \
	  " AND NOT EXISTS (SELECT 1 FROM link WHERE from_highlight = ?1 OR to_highlight = ?1)")   \
	X(HL_DELETE, "DELETE FROM highlight WHERE id = ?1")                                        \
	X(HL_ROW,                                                                                  \
	  "SELECT article_id, start, end, quote, prefix, suffix, original_quote, body_sha,"        \
	  " orphaned, created, updated FROM highlight WHERE id = ?1")                              \
	X(HL_RESTORE,                                                                              \
	  "INSERT INTO highlight(id, article_id, start, end, quote, prefix, suffix,"               \
	  " original_quote, body_sha, orphaned, created, updated)"                                 \
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")                           \
	X(HL_TAG_IDS, "SELECT ht.tag_id, t.name FROM highlight_tag ht JOIN tag t"                  \
	              " ON t.id = ht.tag_id WHERE ht.highlight_id = ?1")                             \
	X(NOTE_GET, "SELECT body, created, updated FROM note WHERE highlight_id = ?1")             \
	X(NOTE_UPSERT,                                                                             \
	  "INSERT INTO note(highlight_id, body, created, updated) VALUES (?1, ?2, " NOW ", " NOW ")" \
	  " ON CONFLICT(highlight_id) DO UPDATE SET body = excluded.body, updated = " NOW)         \
	X(NOTE_RESTORE,                                                                            \
	  "INSERT INTO note(highlight_id, body, created, updated) VALUES (?1, ?2, ?3, ?4)")         \
	X(NOTE_DELETE, "DELETE FROM note WHERE highlight_id = ?1")                                 \
	X(HL_EXISTS, "SELECT 1 FROM highlight WHERE id = ?1")                                      \
	X(LINK_INSERT,                                                                             \
	  "INSERT INTO link(from_highlight, to_highlight, relation, created)"                      \
	  " VALUES (?1, ?2, ?3, " NOW ")")                                                         \
	X(LINK_RESTORE,                                                                            \
	  "INSERT INTO link(id, from_highlight, to_highlight, relation, created)"                  \
	  " VALUES (?1, ?2, ?3, ?4, ?5)")                                                          \
	X(LINK_FIND,                                                                               \
	  "SELECT id FROM link WHERE min(from_highlight, to_highlight) = min(?1, ?2)"             \
	  " AND max(from_highlight, to_highlight) = max(?1, ?2) AND relation = ?3")               \
	X(LINK_DELETE, "DELETE FROM link WHERE id = ?1")                                           \
	X(LINK_LIST,                                                                               \
	  "SELECT l.id, l.from_highlight, l.to_highlight, f.article_id, t.article_id, l.relation," \
	  " f.quote, t.quote, fa.title, ta.title, f.orphaned, t.orphaned, f.start, t.start,"       \
	  " l.created FROM link l"                                                                 \
	  " JOIN highlight f ON f.id = l.from_highlight JOIN highlight t ON t.id = l.to_highlight" \
	  " JOIN article fa ON fa.id = f.article_id JOIN article ta ON ta.id = t.article_id"       \
	  " WHERE (?1 <= 0 OR f.article_id = ?1 OR t.article_id = ?1)"                             \
	  " AND (?2 <= 0 OR l.from_highlight = ?2 OR l.to_highlight = ?2)"                         \
	  " ORDER BY f.article_id, f.start, l.id")

enum store_stmt {
#define STMT_ENUM(name, sql) S_##name,
	STORE_STMTS(STMT_ENUM)
#undef STMT_ENUM
	S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
#define STMT_SQL(name, sql) sql,
	STORE_STMTS(STMT_SQL)
#undef STMT_SQL
};

/* Entity ids already resolved, by label, name and surface: articles name
 * the same entities thousands of times, and each lookup is several
 * statements.  Cleared whenever an entity may vanish (a rollback, a
 * merge, a deletion), so it never holds an id that is not there. */
struct entity_cache {
	struct entity_slot {
		char *key;
		int64_t id;
	} *slot;
	size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static struct entity_slot *cache_find(struct entity_cache *c, const char *key)
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

static void cache_free(struct entity_cache *c)
{
	size_t i;

	for (i = 0; i < c->cap; i++)
		free(c->slot[i].key);
	free(c->slot);
}

static void cache_free(struct entity_cache *c);

struct store {
	struct store_core core; /* first: store_internal.h sees only this */
	sqlite3_stmt *stmt[S_COUNT];
	struct entity_cache entities;
	int data_version; /* PRAGMA data_version when the cache was last good */
	int seen_version, seen_version_known; /* for store_data_changed */
	int utf8;         /* PRAGMA encoding is UTF-8: text may be read as bytes */
	int batch;        /* inside store_batch_begin: changes are savepoints */
	int batch_lost;   /* a failure ended the batch's transaction */
	/* Articles of the batch imported but not yet in the full-text
	 * indexes: they are indexed together just before the batch commits. */
	struct unindexed {
		int64_t id;
		struct sentence_span *sent;
		size_t nsent;
	} *unindexed;
	size_t nunindexed;
};

static void unindexed_clear(struct store *st)
{
	size_t i;
	for (i = 0; i < st->nunindexed; i++)
		free(st->unindexed[i].sent);
	free(st->unindexed);
	st->unindexed = NULL;
	st->nunindexed = 0;
}

/* Forget every cached entity id. */
static void entity_cache_reset(struct store *st)
{
	cache_free(&st->entities);
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

/* The prepared statement, reset and with its bindings cleared. */
static sqlite3_stmt *stmt(struct store *st, enum store_stmt s)
{
	if (!st->stmt[s]) {
		if (sqlite3_prepare_v3(st->core.db, stmt_sql[s], -1, SQLITE_PREPARE_PERSISTENT,
		                       &st->stmt[s], NULL) != SQLITE_OK)
			fatal("internal SQL error in statement %d: %s", (int)s, sqlite3_errmsg(st->core.db));
	} else {
		sqlite3_reset(st->stmt[s]);
		sqlite3_clear_bindings(st->stmt[s]);
	}
	return st->stmt[s];
}

static void bind_text(sqlite3_stmt *s, int i, const char *t)
{
	if (t)
		sqlite3_bind_text(s, i, t, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static char *col_strdup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
}

/* Run a statement that returns no rows; 0 or -1. */
static int step_done(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, what);
		return -1;
	}
	return 0;
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
	entity_cache_reset(st);
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
			unindexed_clear(st);
		}
	} else if (!sqlite3_get_autocommit(st->core.db)) {
		sqlite3_stmt *s = stmt(st, S_ROLLBACK);
		sqlite3_step(s);
		sqlite3_reset(s);
	}
}

static int save_sentences(struct store *st, int64_t article_id, int fresh, const char *body,
                          const struct sentence_vec *sv);

/* Put a new article, already in the article table, into the full-text
 * indexes of articles and sentences. */
static int index_article(struct store *st, int64_t id, const char *title, const char *body,
                         size_t body_len, const struct sentence_vec *sv)
{
	sqlite3_stmt *s = stmt(st, S_ARTICLE_FTS_ADD);

	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, title);
	sqlite3_bind_text(s, 3, body, (int)body_len, SQLITE_STATIC);
	if (step_done(st, s, "cannot index the article") != 0)
		return -1;
	return save_sentences(st, id, 1, body, sv);
}

/* Index the batch's waiting articles, one after another with no
 * savepoint between them, so each index gets few, large segments.  The
 * list is kept: the caller clears it once the writes are committed or
 * released, and a rollback leaves it to be indexed again. */
static int index_unindexed(struct store *st)
{
	size_t i;

	for (i = 0; i < st->nunindexed; i++) {
		struct unindexed *u = &st->unindexed[i];
		struct sentence_vec sv = {u->sent, u->nsent, u->nsent};
		sqlite3_stmt *s = stmt(st, S_ARTICLE_TEXT_OF);
		char *title = NULL, *body = NULL;
		size_t body_len = 0;
		int rc;

		sqlite3_bind_int64(s, 1, u->id);
		if (sqlite3_step(s) == SQLITE_ROW) {
			title = col_strdup(s, 0);
			body = col_strdup(s, 1);
			body_len = (size_t)sqlite3_column_bytes(s, 1);
		}
		sqlite3_reset(s);
		if (!body) {
			free(title);
			store_set_err(st, "cannot index the imported articles");
			return -1;
		}
		rc = index_article(st, u->id, title, body, body_len, &sv);
		free(title);
		free(body);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* Before a change whose trigger may take an article's text out of
 * article_fts (an update, a deletion), the batch's waiting articles go
 * in: FTS5 must never be asked to delete what it was never given.  The
 * caller clears the list once its own change is committed or released. */
static int index_waiting(struct store *st, int *flushed)
{
	*flushed = 0;
	if (!st->nunindexed)
		return 0;
	if (index_unindexed(st) != 0)
		return -1;
	*flushed = 1;
	return 0;
}

int store_batch_begin(struct store *st)
{
	st->batch_lost = 0;
	if (st->batch || st->core.readonly)
		return 0;
	unindexed_clear(st); /* nothing waits outside a batch */
	if (step_done(st, stmt(st, S_BEGIN), "cannot start an import") != 0)
		return -1;
	st->batch = 1;
	return 0;
}

int store_batch_commit(struct store *st)
{
	if (st->batch_lost) {
		st->batch_lost = 0;
		return -1; /* errbuf still says why */
	}
	if (!st->batch)
		return 0;
	st->batch = 0;
	if (index_unindexed(st) != 0 ||
	    step_done(st, stmt(st, S_COMMIT), "cannot save the import") != 0) {
		unindexed_clear(st);
		store_rollback(st);
		return -1;
	}
	unindexed_clear(st); /* indexed and committed */
	return 0;
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

/* mkdir -p for the directory part of path. */
static int make_parent_dirs(const char *path)
{
	char *dir = xstrdup(path), *p;
	int rc = 0;

	p = strrchr(dir, '/');
	if (!p || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		rc = -1;
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

struct store *store_open(const char *path, int flags, char **err)
{
	struct store *st;
	int kind, version = 0, appid = 0, objects = 0, oflags, dir_readonly = 0;
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
	if (st->core.readonly && pragma_int(st->core.db, "PRAGMA user_version", &version) != 0 &&
	    ((sqlite3_errcode(st->core.db) & 0xff) == SQLITE_CANTOPEN ||
	     (sqlite3_errcode(st->core.db) & 0xff) == SQLITE_READONLY)) {
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
	if (dir_readonly)
		*err = xasprintf("database '%s' is in a directory gloss cannot write: opened "
		                 "read-only, so nothing can be changed", path);
	else if (st->core.readonly && !(flags & STORE_READONLY))
		*err = xasprintf("database '%s' is not writable: opened read-only, so nothing "
		                 "can be changed", path);
	return st;
}

void store_close(struct store *st)
{
	size_t i;

	if (!st)
		return;
	entity_cache_reset(st);
	unindexed_clear(st);
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
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

int64_t store_article_count(struct store *st)
{
	sqlite3_stmt *s = stmt(st, S_ARTICLE_COUNT);
	int64_t n = -1;

	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	else
		store_set_err(st, "cannot count articles");
	sqlite3_reset(s);
	return n;
}

int store_article_ids_from(struct store *st, const char *prefix, int64_t **ids, size_t *n)
{
	sqlite3_stmt *s = stmt(st, S_ARTICLE_IDS_FROM);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	bind_text(s, 1, prefix);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot list articles");
		free(*ids);
		*ids = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void store_article_clear(struct store_article *a)
{
	free(a->title);
	free(a->byline);
	free(a->outlet);
	free(a->published);
	free(a->published_as);
	free(a->lang);
	free(a->dateline);
	free(a->url);
	free(a->source);
	free(a->body);
	free(a->imported_at);
	memset(a, 0, sizeof *a);
}

void store_articles_free(struct store_articles *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		store_article_clear(&v->v[i]);
	free(v->v);
	memset(v, 0, sizeof *v);
}

int store_article_list(struct store *st, enum store_sort sort, int64_t offset,
                       int64_t limit, struct store_articles *out)
{
	static const enum store_stmt by_sort[STORE_SORT_NSORTS] = {
		[STORE_SORT_IMPORTED] = S_LIST_IMPORTED, [STORE_SORT_TITLE] = S_LIST_TITLE,
		[STORE_SORT_OUTLET] = S_LIST_OUTLET, [STORE_SORT_DATE] = S_LIST_DATE,
		[STORE_SORT_WORDS] = S_LIST_WORDS,
	};
	sqlite3_stmt *s = stmt(st, by_sort[sort < STORE_SORT_NSORTS ? sort : 0]);
	int rc;

	sqlite3_bind_int64(s, 1, offset);
	sqlite3_bind_int64(s, 2, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_article a = {0};
		a.id = sqlite3_column_int64(s, 0);
		a.title = col_strdup(s, 1);
		a.outlet = col_strdup(s, 2);
		a.published = col_strdup(s, 3);
		a.words = sqlite3_column_int64(s, 4);
		a.imported_at = col_strdup(s, 5);
		a.highlights = sqlite3_column_int64(s, 6);
		a.notes = sqlite3_column_int64(s, 7);
		VEC_PUSH(out, a);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot list articles");
		return -1;
	}
	return 0;
}

/* The body straight from its pages into one buffer (blob I/O): a 100 MB
 * article is not first assembled by SQLite and then copied.  Blob I/O
 * gives the stored bytes, so only in a UTF-8 database, and only of a
 * text value; anything else goes through sqlite3_column_text as before.
 * On failure the message is set here, while SQLite still has it. */
static int read_body(struct store *st, int64_t id, struct store_article *a)
{
	sqlite3_blob *b = NULL;
	sqlite3_stmt *s;
	const char *t;
	int n;

	if (st->utf8 && sqlite3_blob_open(st->core.db, "main", "article", "body", id, 0, &b) == SQLITE_OK) {
		n = sqlite3_blob_bytes(b);
		a->body = xmalloc((size_t)n + 1);
		util_large_array(a->body, (size_t)n + 1);
		if (n > 0 && sqlite3_blob_read(b, a->body, n, 0) != SQLITE_OK) {
			store_set_err(st, "cannot read article");
			sqlite3_blob_close(b);
			return -1;
		}
		sqlite3_blob_close(b);
		a->body[n] = '\0';
		{
			/* As text reads it: up to a NUL (none is ever imported). */
			const char *z = memchr(a->body, '\0', (size_t)n);
			a->body_len = z ? (size_t)(z - a->body) : (size_t)n;
		}
		return 0;
	}
	s = stmt(st, S_ARTICLE_TEXT_OF);
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW || !(t = (const char *)sqlite3_column_text(s, 1))) {
		store_set_err(st, "cannot read article");
		sqlite3_reset(s);
		return -1;
	}
	a->body_len = (size_t)sqlite3_column_bytes(s, 1);
	a->body = xmalloc(a->body_len + 1);
	memcpy(a->body, t, a->body_len + 1);
	sqlite3_reset(s);
	return 0;
}

int store_article_get(struct store *st, int64_t id, int with_body, struct store_article *a)
{
	sqlite3_stmt *s = stmt(st, S_ARTICLE_GET);
	const char *sha;
	int rc;

	memset(a, 0, sizeof *a);
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc == SQLITE_DONE)
			return 1;
		store_set_err(st, "cannot read article");
		return -1;
	}
	a->id = sqlite3_column_int64(s, 0);
	a->title = col_strdup(s, 1);
	a->byline = col_strdup(s, 2);
	a->outlet = col_strdup(s, 3);
	a->published = col_strdup(s, 4);
	a->dateline = col_strdup(s, 5);
	a->url = col_strdup(s, 6);
	a->source = col_strdup(s, 7);
	a->words = sqlite3_column_int64(s, 8);
	a->imported_at = col_strdup(s, 9);
	a->read_pos = sqlite3_column_int64(s, 10);
	sha = (const char *)sqlite3_column_text(s, 11);
	snprintf(a->body_sha, sizeof a->body_sha, "%s", sha ? sha : "");
	a->highlights = sqlite3_column_int64(s, 12);
	a->notes = sqlite3_column_int64(s, 13);
	a->published_as = col_strdup(s, 14);
	a->lang = col_strdup(s, 15);
	a->focus_pos = sqlite3_column_int64(s, 16);
	if (with_body && read_body(st, id, a) != 0) { /* its message is set */
		sqlite3_reset(s);
		store_article_clear(a);
		return -1;
	}
	sqlite3_reset(s); /* after the body: the same read transaction */
	return 0;
}

static int entity_recount(struct store *st, int64_t id);

/* The person a single-word name most likely means, or 0.  exclude is an
 * entity not to consider (the bare name's own). */
static int64_t person_for_bare_name(struct store *st, const char *name, int64_t exclude)
{
	sqlite3_stmt *s;
	int64_t ids[2] = {0, 0}, counts[2] = {0, 0};
	int n = 0;

	s = stmt(st, S_ENTITY_BY_SURNAME);
	bind_text(s, 1, name);
	sqlite3_bind_int64(s, 2, exclude);
	while (n < 2 && sqlite3_step(s) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(s, 0);
		counts[n] = sqlite3_column_int64(s, 1);
		n++;
	}
	sqlite3_reset(s);
	if (n == 1 || (n == 2 && counts[0] >= 3 * (counts[1] ? counts[1] : 1)))
		return ids[0];
	return 0;
}

/* After an article names a person in full, earlier articles' bare
 * mentions of that name ("Putin" before any "Vladimir Putin" was known)
 * join the person, unless the user made a rule about them. */
/* Give entity into every mention of entity from. */
static int move_mentions(struct store *st, int64_t from, int64_t into, const char *what)
{
	sqlite3_stmt *s = stmt(st, S_ENTITY_MERGE_MENTIONS);

	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, into);
	if (step_done(st, s, what) != 0)
		return -1;
	s = stmt(st, S_ENTITY_DROP_MENTIONS);
	sqlite3_bind_int64(s, 1, from);
	return step_done(st, s, what);
}

static int absorb_bare_names(struct store *st, int64_t article_id)
{
	sqlite3_stmt *s = stmt(st, S_ARTICLE_PERSONS);
	struct {
		int64_t id;
		char *canon;
	} *v = NULL;
	size_t n = 0, i;
	int rc = 0;

	sqlite3_bind_int64(s, 1, article_id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].id = sqlite3_column_int64(s, 0);
		v[n].canon = col_strdup(s, 1);
		n++;
	}
	sqlite3_reset(s);
	for (i = 0; i < n && rc == 0; i++) {
		const char *first_end = strchr(v[i].canon, ' ');
		const char *last = strrchr(v[i].canon, ' ') + 1;
		char *first = xstrndup(v[i].canon, (size_t)(first_end - v[i].canon));
		const char *names[2] = {last, first};
		int k;
		for (k = 0; k < 2 && rc == 0; k++) {
			int64_t bare = 0;
			s = stmt(st, S_BARE_PERSON);
			bind_text(s, 1, names[k]);
			if (sqlite3_step(s) == SQLITE_ROW)
				bare = sqlite3_column_int64(s, 0);
			sqlite3_reset(s);
			if (!bare || person_for_bare_name(st, names[k], bare) != v[i].id)
				continue;
			rc = move_mentions(st, bare, v[i].id, "cannot update entities");
			if (rc == 0)
				rc = entity_recount(st, v[i].id);
			if (rc == 0) {
				entity_cache_reset(st);
				s = stmt(st, S_ENTITY_DELETE);
				sqlite3_bind_int64(s, 1, bare);
				rc = step_done(st, s, "cannot update entities");
			}
		}
		free(first);
	}
	for (i = 0; i < n; i++)
		free(v[i].canon);
	free(v);
	return rc;
}

/* Find or make the corpus-wide entity for one mention: the user's rules
 * first (by surface, then by the per-document name), then the name. */
static int64_t entity_for(struct store *st, const char *label, const char *canon,
                          const char *surface)
{
	sqlite3_stmt *s;
	int64_t id = 0;
	int pass;

	for (pass = 0; pass < 2 && !id; pass++) {
		s = stmt(st, S_ENTITY_RULE);
		bind_text(s, 1, label);
		bind_text(s, 2, pass ? canon : surface);
		if (sqlite3_step(s) == SQLITE_ROW)
			id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	if (id)
		return id;
	s = stmt(st, S_ENTITY_FIND);
	bind_text(s, 1, label);
	bind_text(s, 2, canon);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (id)
		return id;
	/* A bare name joins the person of the library whose full name
	 * begins or ends with it ("Peskov", and "Kim" for Korean names), when
	 * there is one, or one that is mentioned far more than the next. */
	if (strcmp(label, "PERSON") == 0 && !strchr(canon, ' ')) {
		id = person_for_bare_name(st, canon, 0);
		if (id > 0)
			return id;
	}
	s = stmt(st, S_ENTITY_INSERT);
	bind_text(s, 1, label);
	bind_text(s, 2, canon);
	if (step_done(st, s, "cannot save entity") != 0)
		return -1;
	id = sqlite3_last_insert_rowid(st->core.db);
	return id;
}

/* Take an article's mentions out of the entity counts and delete them. */
static int drop_mentions(struct store *st, int64_t article_id)
{
	sqlite3_stmt *s = stmt(st, S_MENTION_UNCOUNT);

	sqlite3_bind_int64(s, 1, article_id);
	if (step_done(st, s, "cannot update entities") != 0)
		return -1;
	s = stmt(st, S_MENTION_DELETE);
	sqlite3_bind_int64(s, 1, article_id);
	return step_done(st, s, "cannot update entities");
}

static int save_sentences(struct store *st, int64_t article_id, int fresh, const char *body,
                          const struct sentence_vec *sv)
{
	sqlite3_stmt *s = stmt(st, S_SENTENCE_DELETE);
	size_t i;

	sqlite3_bind_int64(s, 1, article_id);
	if (!fresh && step_done(st, s, "cannot index sentences") != 0)
		return -1;
	for (i = 0; sv && i < sv->n && i < 16777216; i++) {
		const struct sentence_span *sp = &sv->v[i];
		if (sp->end <= sp->start)
			continue;
		s = stmt(st, S_SENTENCE_INSERT);
		sqlite3_bind_int64(s, 1, article_id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_text(s, 3, body + sp->start, (int)(sp->end - sp->start), SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, (int64_t)sp->start);
		sqlite3_bind_int64(s, 5, (int64_t)sp->end);
		if (step_done(st, s, "cannot index sentences") != 0)
			return -1;
	}
	return 0;
}

/* Decimal digits of v, written backwards from end; returns the first. */
static char *put_size(char *end, size_t v)
{
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

/* By hand, not printf: an import writes a few hundred of these an
 * article. */
void store_spans_add(struct buf *b, size_t start, size_t end)
{
	char tmp[48], *p = tmp + sizeof tmp;

	p = put_size(p, end - start);
	*--p = ':';
	p = put_size(p, start);
	if (b->len)
		*--p = ',';
	buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

static int parse_size(const char **p, size_t *out)
{
	size_t v = 0;
	const char *q = *p;

	if (*q < '0' || *q > '9')
		return 0;
	for (; *q >= '0' && *q <= '9'; q++) {
		if (v > (SIZE_MAX - 9) / 10)
			return 0;
		v = v * 10 + (size_t)(*q - '0');
	}
	*p = q;
	*out = v;
	return 1;
}

int store_spans_next(const char **p, size_t *start, size_t *end)
{
	const char *q = *p;

	while (q && *q) {
		size_t a, n;
		int ok = parse_size(&q, &a) && *q == ':' && (q++, parse_size(&q, &n)) &&
		         (*q == ',' || *q == '\0') && n <= SIZE_MAX - a;
		if (!ok)
			while (*q && *q != ',')
				q++;
		if (*q == ',')
			q++;
		if (ok) {
			*p = q;
			*start = a;
			*end = a + n;
			return 1;
		}
	}
	*p = NULL;
	return 0;
}

/* Each entity's mentions in one article, counted as they are saved, so
 * the entity's totals change by one indexed update each. */
struct entity_count {
	int64_t id;
	int64_t n;
};

static void count_entity(struct entity_count **v, size_t *n, int64_t id)
{
	size_t i;
	for (i = *n; i > 0; i--)
		if ((*v)[i - 1].id == id) {
			(*v)[i - 1].n++;
			return;
		}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].id = id;
	(*v)[(*n)++].n = 1;
}

/* The rows of one article's mentions: one for each (entity, surface). */
struct mention_row {
	int64_t entity_id;
	const char *surface; /* into key */
	char *key;           /* "ENTITY-ID\037SURFACE" */
	int64_t n;
	struct buf spans;
};

static int save_mentions(struct store *st, int64_t article_id, int fresh, const char *body,
                         const struct ner_result *ner)
{
	struct entity_cache *cache = &st->entities;
	struct entity_cache rows = {0}; /* (entity, surface) -> index into v */
	struct mention_row *v = NULL;
	struct entity_count *counts = NULL;
	size_t nv = 0, ncounts = 0;
	struct buf key = {0};
	sqlite3_stmt *s;
	size_t i;
	int rc = -1;

	/* A new article has no mentions yet (a deleted article's went with
	 * it), so there is nothing to take back. */
	if (!fresh && drop_mentions(st, article_id) != 0)
		return -1;
	for (i = 0; ner && i < ner->n; i++) {
		const struct ner_span *sp = &ner->v[i];
		const char *label = ner_label_name(sp->label);
		size_t slen = sp->end - sp->start;
		char *surface = xstrndup(body + sp->start, slen);
		const char *canon = sp->canon ? sp->canon : surface;
		struct entity_slot *slot;
		int64_t eid;

		key.len = 0;
		buf_adds(&key, label);
		buf_addc(&key, '\037');
		buf_adds(&key, canon);
		buf_addc(&key, '\037');
		buf_add(&key, surface, slen);
		slot = cache_find(cache, key.s);
		if (slot->key) {
			eid = slot->id;
		} else {
			eid = entity_for(st, label, canon, surface);
			if (eid < 0) {
				free(surface);
				goto out;
			}
			slot->key = xstrdup(key.s);
			slot->id = eid;
			cache->n++;
		}
		{
			char tmp[24], *p = tmp + sizeof tmp;
			*--p = '\037';
			p = put_size(p, (size_t)eid);
			key.len = 0;
			buf_add(&key, p, (size_t)(tmp + sizeof tmp - p));
		}
		buf_add(&key, surface, slen);
		free(surface);
		slot = cache_find(&rows, key.s);
		if (!slot->key) {
			slot->key = xstrdup(key.s);
			slot->id = (int64_t)nv;
			rows.n++;
			v = xreallocarray(v, nv + 1, sizeof *v);
			memset(&v[nv], 0, sizeof *v);
			v[nv].entity_id = eid;
			v[nv].key = slot->key;
			v[nv].surface = strchr(slot->key, '\037') + 1;
			nv++;
		}
		v[slot->id].n++;
		store_spans_add(&v[slot->id].spans, sp->start, sp->end);
		count_entity(&counts, &ncounts, eid);
	}
	for (i = 0; i < nv; i++) {
		s = stmt(st, S_MENTION_INSERT);
		sqlite3_bind_int64(s, 1, article_id);
		sqlite3_bind_int64(s, 2, v[i].entity_id);
		bind_text(s, 3, v[i].surface);
		sqlite3_bind_int64(s, 4, v[i].n);
		sqlite3_bind_text(s, 5, v[i].spans.s, (int)v[i].spans.len, SQLITE_STATIC);
		if (step_done(st, s, "cannot save mentions") != 0)
			goto out;
	}
	for (i = 0; i < ncounts; i++) {
		s = stmt(st, S_ENTITY_COUNT_ADD);
		sqlite3_bind_int64(s, 1, counts[i].id);
		sqlite3_bind_int64(s, 2, counts[i].n);
		if (step_done(st, s, "cannot save mentions") != 0)
			goto out;
	}
	rc = absorb_bare_names(st, article_id);
out:
	for (i = 0; i < nv; i++)
		buf_free(&v[i].spans);
	free(v);
	cache_free(&rows); /* frees the keys */
	free(counts);
	buf_free(&key);
	return rc;
}

/* Move every highlight of an article onto its new text; those that cannot
 * be found are kept and marked orphaned, never dropped. */
static int reanchor(struct store *st, int64_t article_id, const char *body, size_t len,
                    const char *body_sha, int *orphaned)
{
	sqlite3_stmt *s = stmt(st, S_HIGHLIGHTS_OF);
	struct moved { int64_t id; size_t start; struct anchor_selector sel; char *home; } *v = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	sqlite3_bind_int64(s, 1, article_id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct moved m;
		m.id = sqlite3_column_int64(s, 0);
		m.start = (size_t)sqlite3_column_int64(s, 1);
		m.sel.quote = col_strdup(s, 2);
		m.sel.prefix = col_strdup(s, 3);
		m.sel.suffix = col_strdup(s, 4);
		m.home = col_strdup(s, 5); /* original_quote: NULL until it drifts */
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = m;
	}
	sqlite3_reset(s);
	for (i = 0; i < n && rc == 0; i++) {
		size_t a, b;
		if (anchor_resolve_home(body, len, &v[i].sel, v[i].home, v[i].start, &a, &b) !=
		    ANCHOR_ORPHANED) {
			struct anchor_selector ns;
			anchor_selector_make(body, len, a, b, &ns);
			s = stmt(st, S_HIGHLIGHT_REANCHOR);
			sqlite3_bind_int64(s, 1, v[i].id);
			sqlite3_bind_int64(s, 2, (int64_t)a);
			sqlite3_bind_int64(s, 3, (int64_t)b);
			bind_text(s, 4, ns.quote);
			bind_text(s, 5, ns.prefix);
			bind_text(s, 6, ns.suffix);
			bind_text(s, 7, body_sha);
			rc = step_done(st, s, "cannot re-anchor highlights");
			anchor_selector_free(&ns);
		} else {
			s = stmt(st, S_HIGHLIGHT_ORPHAN);
			sqlite3_bind_int64(s, 1, v[i].id);
			bind_text(s, 2, body_sha);
			rc = step_done(st, s, "cannot re-anchor highlights");
			if (orphaned)
				++*orphaned;
		}
	}
	for (i = 0; i < n; i++) {
		anchor_selector_free(&v[i].sel);
		free(v[i].home);
	}
	free(v);
	return rc;
}

/* A date as a source or a user wrote it: its ISO 8601 form into iso_col,
 * and the text itself into as_col when it differs (NULL when it is the ISO
 * form); a text that is not a date goes to as_col only. */
static void bind_date(sqlite3_stmt *s, int iso_col, int as_col, const char *written)
{
	char iso[DATE_ISO_MAX];

	if (!written) {
		sqlite3_bind_null(s, iso_col);
		sqlite3_bind_null(s, as_col);
	} else if (date_to_iso(written, strlen(written), iso, sizeof iso) == 0) {
		sqlite3_bind_text(s, iso_col, iso, -1, SQLITE_TRANSIENT);
		if (strcmp(iso, written) == 0)
			sqlite3_bind_null(s, as_col);
		else
			sqlite3_bind_text(s, as_col, written, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_null(s, iso_col);
		sqlite3_bind_text(s, as_col, written, -1, SQLITE_STATIC);
	}
}

static void bind_article_fields(sqlite3_stmt *s, int first, const struct store_import_req *r)
{
	const struct import_doc *d = r->doc;
	/* title outlet byline published dateline url */
	bind_text(s, first, d->title ? d->title : "");
	bind_text(s, first + 1, d->outlet);
	bind_text(s, first + 2, d->byline);
	bind_date(s, first + 3, 13, d->published);
	bind_text(s, first + 4, d->dateline);
	bind_text(s, first + 5, r->url);
	bind_text(s, 14, d->lang);
}

int store_import(struct store *st, const struct store_import_req *r, int64_t *id, int *orphaned)
{
	char raw_sha[65], body_sha[65];
	int64_t existing = 0;
	int status = STORE_IMPORTED, same_body = 0, flushed = 0;
	sqlite3_stmt *s;

	if (orphaned)
		*orphaned = 0;
	util_sha256_hex(r->raw, r->raw_len, raw_sha);
	util_sha256_hex(r->doc->body, r->doc->body_len, body_sha);
	if (store_begin(st, "cannot import") != 0)
		return -1;
	{
		/* Another gloss may have merged or deleted entities since the
		 * cache was filled. */
		sqlite3_stmt *v = stmt(st, S_DATA_VERSION);
		int dv = sqlite3_step(v) == SQLITE_ROW ? sqlite3_column_int(v, 0) : -1;
		sqlite3_reset(v);
		if (dv != st->data_version) {
			entity_cache_reset(st);
			st->data_version = dv;
		}
	}

	if (r->replace_id > 0) {
		s = stmt(st, S_ARTICLE_BY_ID);
		sqlite3_bind_int64(s, 1, r->replace_id);
	} else if (r->source) {
		s = stmt(st, S_ARTICLE_BY_SOURCE);
		bind_text(s, 1, r->source);
	} else {
		s = NULL;
	}
	if (s && sqlite3_step(s) == SQLITE_ROW) {
		existing = sqlite3_column_int64(s, 0);
		same_body = strcmp((const char *)sqlite3_column_text(s, 1), body_sha) == 0 &&
		            strcmp((const char *)sqlite3_column_text(s, 2), raw_sha) == 0;
	}
	if (s)
		sqlite3_reset(s);
	if (r->replace_id > 0 && !existing) {
		store_rollback(st);
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "no article with id %lld",
		         (long long)r->replace_id);
		return -1;
	}
	if (!existing) {
		/* The same bytes from another place: already in the library. */
		s = stmt(st, S_ARTICLE_BY_RAW);
		bind_text(s, 1, raw_sha);
		if (sqlite3_step(s) == SQLITE_ROW) {
			existing = sqlite3_column_int64(s, 0);
			same_body = 1;
		}
		sqlite3_reset(s);
	}
	if (existing && same_body) {
		store_rollback(st);
		*id = existing;
		return STORE_UNCHANGED;
	}

	if (existing && index_waiting(st, &flushed) != 0)
		goto fail;
	if (existing) {
		s = stmt(st, S_ARTICLE_UPDATE_TEXT);
		sqlite3_bind_int64(s, 1, existing);
		bind_article_fields(s, 2, r);
		sqlite3_bind_int64(s, 8, (int64_t)r->doc->words);
		bind_text(s, 9, raw_sha);
		bind_text(s, 10, body_sha);
		sqlite3_bind_text(s, 11, r->doc->body, (int)r->doc->body_len, SQLITE_STATIC);
		sqlite3_bind_blob(s, 12, r->raw, (int)r->raw_len, SQLITE_STATIC);
		status = STORE_UPDATED;
		*id = existing;
	} else {
		s = stmt(st, S_ARTICLE_INSERT);
		bind_article_fields(s, 1, r);
		bind_text(s, 7, r->source);
		sqlite3_bind_int64(s, 8, (int64_t)r->doc->words);
		bind_text(s, 9, raw_sha);
		bind_text(s, 10, body_sha);
		sqlite3_bind_text(s, 11, r->doc->body, (int)r->doc->body_len, SQLITE_STATIC);
		sqlite3_bind_blob(s, 12, r->raw, (int)r->raw_len, SQLITE_STATIC);
	}
	if (r->raw_len > INT_MAX || r->doc->body_len > INT_MAX) {
		store_rollback(st);
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "cannot import: text too large");
		return -1;
	}
	if (step_done(st, s, "cannot import") != 0)
		goto fail;
	if (!existing)
		*id = sqlite3_last_insert_rowid(st->core.db);
	if (save_mentions(st, *id, !existing, r->doc->body, r->ner) != 0)
		goto fail;
	if (existing ? save_sentences(st, *id, 0, r->doc->body, r->sentences) != 0
	             : !st->batch && index_article(st, *id, r->doc->title ? r->doc->title : "",
	                                           r->doc->body, r->doc->body_len, r->sentences) != 0)
		goto fail;
	if (existing) {
		if (reanchor(st, *id, r->doc->body, r->doc->body_len, body_sha, orphaned) != 0)
			goto fail;
		entity_cache_reset(st);
		if (step_done(st, stmt(st, S_ENTITY_ORPHANS), "cannot import") != 0)
			goto fail;
	}
	if (store_commit(st, "cannot import") != 0)
		goto fail;
	if (flushed)
		unindexed_clear(st);
	if (!existing && st->batch) {
		/* Indexed with the rest of the batch, just before it commits. */
		struct unindexed *u;
		size_t n = r->sentences ? r->sentences->n : 0;
		st->unindexed = xreallocarray(st->unindexed, st->nunindexed + 1, sizeof *st->unindexed);
		u = &st->unindexed[st->nunindexed++];
		u->id = *id;
		u->nsent = n;
		u->sent = NULL;
		if (n) {
			u->sent = xreallocarray(NULL, n, sizeof *u->sent);
			memcpy(u->sent, r->sentences->v, n * sizeof *u->sent);
		}
	}
	return status;
fail:
	store_rollback(st);
	return -1;
}

int store_article_edit(struct store *st, int64_t id, const struct store_article_edit *e)
{
	sqlite3_stmt *s;
	int flushed;
	int manual = (e->title ? MANUAL_TITLE : 0) | (e->outlet ? MANUAL_OUTLET : 0) |
	             (e->published ? MANUAL_PUBLISHED : 0) | (e->url ? MANUAL_URL : 0) |
	             (e->byline ? MANUAL_BYLINE : 0);

	if (store_begin(st, "cannot edit article") != 0)
		return -1;
	if (index_waiting(st, &flushed) != 0) {
		store_rollback(st);
		return -1;
	}
	s = stmt(st, S_ARTICLE_EDIT);
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, e->title);
	bind_text(s, 3, e->outlet);
	bind_date(s, 4, 8, e->published && *e->published ? e->published : NULL);
	bind_text(s, 5, e->url);
	bind_text(s, 6, e->byline);
	sqlite3_bind_int(s, 7, manual);
	if (step_done(st, s, "cannot edit article") != 0) {
		store_rollback(st);
		return -1;
	}
	if (sqlite3_changes(st->core.db) == 0) {
		store_rollback(st);
		return 1;
	}
	if (store_commit(st, "cannot edit article") != 0) {
		store_rollback(st);
		return -1;
	}
	if (flushed)
		unindexed_clear(st);
	return 0;
}

int store_article_delete(struct store *st, int64_t id)
{
	sqlite3_stmt *s;
	int flushed;

	if (store_begin(st, "cannot delete article") != 0)
		return -1;
	if (index_waiting(st, &flushed) != 0 || drop_mentions(st, id) != 0)
		goto fail;
	s = stmt(st, S_SENTENCE_DELETE);
	sqlite3_bind_int64(s, 1, id);
	if (step_done(st, s, "cannot delete article") != 0)
		goto fail;
	s = stmt(st, S_ARTICLE_DELETE);
	sqlite3_bind_int64(s, 1, id);
	if (step_done(st, s, "cannot delete article") != 0)
		goto fail;
	if (sqlite3_changes(st->core.db) == 0) {
		store_rollback(st);
		return 1;
	}
	entity_cache_reset(st);
	if (step_done(st, stmt(st, S_ENTITY_ORPHANS), "cannot delete article") != 0 ||
	    store_commit(st, "cannot delete article") != 0)
		goto fail;
	if (flushed)
		unindexed_clear(st);
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int store_article_set_read_pos(struct store *st, int64_t id, int64_t pos)
{
	sqlite3_stmt *s;

	if (st->core.readonly)
		return 0; /* a reading position is a convenience, not data */
	s = stmt(st, S_ARTICLE_READ_POS);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, pos);
	return step_done(st, s, "cannot save the reading position");
}

int store_article_set_focus_pos(struct store *st, int64_t id, int64_t pos)
{
	sqlite3_stmt *s;

	if (st->core.readonly)
		return 0; /* as the reading position: a convenience */
	s = stmt(st, S_ARTICLE_FOCUS_POS);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, pos);
	return step_done(st, s, "cannot save the focus");
}

int store_article_last_read(struct store *st, int64_t *id, int64_t *row)
{
	sqlite3_stmt *s = stmt(st, S_ARTICLE_LAST_READ);
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*row = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	store_set_err(st, "cannot find the last article read");
	return -1;
}

int store_data_changed(struct store *st)
{
	sqlite3_stmt *v = stmt(st, S_DATA_VERSION);
	int dv, changed;

	if (sqlite3_step(v) != SQLITE_ROW) {
		sqlite3_reset(v);
		return 0;
	}
	dv = sqlite3_column_int(v, 0);
	sqlite3_reset(v);
	changed = st->seen_version_known && dv != st->seen_version;
	st->seen_version = dv;
	st->seen_version_known = 1;
	return changed;
}

/* Each word of the user's query as a quoted FTS5 string: user text is
 * never FTS5 syntax.  any joins them with OR instead of AND. */
static char *fts_query_mode(const char *q, int prefix_last, int any)
{
	struct buf b = {0};
	const char *p = q;

	while (*p) {
		const char *w;
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		w = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		if (b.len)
			buf_adds(&b, any ? " OR " : " ");
		buf_addc(&b, '"');
		for (; w < p; w++) {
			if (*w == '"')
				buf_addc(&b, '"');
			buf_addc(&b, *w);
		}
		buf_addc(&b, '"');
		if (prefix_last && !*p)
			buf_addc(&b, '*');
	}
	return b.s;
}

static char *fts_query(const char *q, int prefix_last)
{
	return fts_query_mode(q, prefix_last, 0);
}

/* Sentences up to this many bytes are marked whole by highlight(). */
#define SNIPPET_WHOLE 4096

static int is_word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Does the word text[a..b) match one of the query's words (ASCII case
 * folded; the last word as a prefix with prefix_last)? */
static int word_matches(const char *text, size_t a, size_t b, const char *query, int prefix_last)
{
	const char *p = query;

	while (*p) {
		size_t n = 0, k;
		int last;
		while (*p && !is_word_byte((unsigned char)*p))
			p++;
		while (is_word_byte((unsigned char)p[n]))
			n++;
		if (!n)
			break;
		for (k = n; p[k] && !is_word_byte((unsigned char)p[k]); k++)
			;
		last = !p[k];
		if ((b - a == n || (prefix_last && last && b - a > n))) {
			for (k = 0; k < n; k++) {
				unsigned char x = (unsigned char)text[a + k], y = (unsigned char)p[k];
				if (x != y && !(x < 0x80 && y < 0x80 && (x | 0x20) == (y | 0x20) &&
				                (x | 0x20) >= 'a' && (x | 0x20) <= 'z'))
					break;
			}
			if (k == n)
				return 1;
		}
		p += n;
	}
	return 0;
}

/* A snippet of a long sentence: about 360 bytes around its first word
 * that matches the query, cut at words, with "…" where cut and the
 * query's words marked \1...\2 as highlight() marks them.  Costs the
 * bytes up to the hit, never the whole sentence's markup. */
static char *snippet_window(const char *text, size_t len, const char *query, int prefix_last)
{
	size_t pos = 0, hit = len, from, to;
	struct buf b = {0};

	while (pos < len) {
		size_t a;
		while (pos < len && !is_word_byte((unsigned char)text[pos]))
			pos++;
		a = pos;
		while (pos < len && is_word_byte((unsigned char)text[pos]))
			pos++;
		if (pos > a && word_matches(text, a, pos, query, prefix_last)) {
			hit = a;
			break;
		}
	}
	if (hit == len)
		hit = 0;
	from = hit > 120 ? hit - 120 : 0;
	to = hit + 240 < len ? hit + 240 : len;
	/* Whole words (and so whole characters) only. */
	while (from > 0 && from < hit && is_word_byte((unsigned char)text[from - 1]))
		from++;
	while (to < len && to > hit && is_word_byte((unsigned char)text[to]))
		to--;
	if (from)
		buf_adds(&b, "…");
	pos = from;
	while (pos < to) {
		size_t a = pos;
		if (!is_word_byte((unsigned char)text[pos])) {
			while (pos < to && !is_word_byte((unsigned char)text[pos]))
				pos++;
			buf_add(&b, text + a, pos - a);
			continue;
		}
		while (pos < to && is_word_byte((unsigned char)text[pos]))
			pos++;
		if (word_matches(text, a, pos, query, prefix_last)) {
			buf_addc(&b, 1);
			buf_add(&b, text + a, pos - a);
			buf_addc(&b, 2);
		} else {
			buf_add(&b, text + a, pos - a);
		}
	}
	if (to < len)
		buf_adds(&b, "…");
	return buf_steal(&b);
}


struct ranked {
	int64_t id;
	double score;
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? -1 : 1; /* bm25: lower is better */
	return x->id > y->id ? -1 : x->id < y->id;
}

/* The last word of the query is a prefix once it has two characters: a
 * one-letter prefix matches most of the vocabulary and would merge the
 * postings of thousands of terms on every first keystroke. */
static int last_word_is_prefix(const char *q)
{
	size_t n = strlen(q), k = 0;
	if (n && (q[n - 1] == ' ' || q[n - 1] == '\t'))
		return 0; /* a space typed after the word: the word is whole */
	while (n && q[n - 1] != ' ' && q[n - 1] != '\t') {
		k += ((unsigned char)q[n - 1] & 0xC0) != 0x80;
		n--;
	}
	return k >= 2;
}

/* The articles matching an FTS5 query q, best first by bm25, at most
 * STORE_FILTER_MAX of them (the newest, when more match: *more is set).
 * 0, or -1 with the message set. */
static int ranked_matches(struct store *st, const char *q, struct ranked **out, size_t *nout,
                          int *more)
{
	struct ranked *r = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *s = stmt(st, S_LIBRARY_FILTER);
	int rc;

	*more = 0;
	bind_text(s, 1, q);
	sqlite3_bind_int64(s, 2, STORE_FILTER_MAX + 1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			r = xreallocarray(r, cap, sizeof *r);
		}
		r[n].id = sqlite3_column_int64(s, 0);
		r[n++].score = sqlite3_column_double(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(r);
		store_set_err(st, rc == SQLITE_INTERRUPT ? "search interrupted" : "cannot search");
		return -1;
	}
	if (n > STORE_FILTER_MAX) {
		*more = 1;
		n = STORE_FILTER_MAX;
	}
	if (n)
		qsort(r, n, sizeof *r, cmp_ranked);
	*out = r;
	*nout = n;
	return 0;
}

int store_library_filter(struct store *st, const char *query, struct store_hits *out)
{
	char *q = fts_query(query, last_word_is_prefix(query));
	struct ranked *r = NULL;
	size_t n = 0, i;
	int rc;

	memset(out, 0, sizeof *out);
	if (!q)
		return 0;
	rc = ranked_matches(st, q, &r, &n, &out->more);
	free(q);
	for (i = 0; rc == 0 && i < n; i++) {
		struct store_hit h = {r[i].id, NULL, NULL, NULL};
		VEC_PUSH(out, h);
	}
	free(r);
	return rc;
}

int store_search(struct store *st, const char *query, int prefix_last, int64_t limit,
                 struct store_hits *out)
{
	char *q = fts_query(query, prefix_last);
	struct ranked *r = NULL;
	sqlite3_stmt *s;
	size_t i, n = 0;

	if (!q)
		return 0;
	if (ranked_matches(st, q, &r, &n, &out->more) != 0) {
		free(q);
		return -1;
	}
	for (i = 0; i < n && (int64_t)i < limit; i++) {
		struct store_hit h = {r[i].id, NULL, NULL, NULL};
		s = stmt(st, S_SEARCH_TITLE);
		sqlite3_bind_int64(s, 1, h.id);
		if (sqlite3_step(s) == SQLITE_ROW) {
			h.title = col_strdup(s, 0);
			h.outlet = col_strdup(s, 1);
		}
		sqlite3_reset(s);
		VEC_PUSH(out, h);
	}
	free(r);
	for (i = 0; i < out->n; i++) {
		if (out->v[i].snippet)
			continue;
		s = stmt(st, S_SEARCH_SNIPPET);
		bind_text(s, 1, q);
		sqlite3_bind_int64(s, 2, out->v[i].id);
		if (sqlite3_step(s) == SQLITE_ROW) {
			int64_t row = sqlite3_column_int64(s, 0);
			const char *text = (const char *)sqlite3_column_text(s, 1);
			size_t len = (size_t)sqlite3_column_bytes(s, 1);
			if (text && len > SNIPPET_WHOLE) {
				out->v[i].snippet = snippet_window(text, len, query, prefix_last);
			} else {
				sqlite3_stmt *m = stmt(st, S_SEARCH_MARK);
				bind_text(m, 1, q);
				sqlite3_bind_int64(m, 2, row);
				if (sqlite3_step(m) == SQLITE_ROW)
					out->v[i].snippet = col_strdup(m, 0);
				sqlite3_reset(m);
			}
		}
		sqlite3_reset(s);
		if (!out->v[i].snippet) /* the words are in the title only */
			out->v[i].snippet = xstrdup("");
	}
	free(q);
	return 0;
}

void store_hits_free(struct store_hits *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].title);
		free(h->v[i].outlet);
		free(h->v[i].snippet);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

static inline bool mention_before(const struct store_mention *x, const struct store_mention *y)
{
	return x->article_id != y->article_id ? x->article_id < y->article_id : x->start < y->start;
}

/* Mentions by article and start: a merge sort on the struct itself (a
 * long article's two million mentions sort three times faster than
 * through qsort's byte copies).  Runs of 32 by insertion first. */
static void sort_mentions(struct store_mention *v, size_t n)
{
	struct store_mention *a = v, *b, *t;
	size_t w, i;

	for (i = 0; i < n; i += 32) {
		size_t end = i + 32 < n ? i + 32 : n;
		for (size_t k = i + 1; k < end; k++) {
			struct store_mention x = v[k];
			size_t q = k;
			for (; q > i && mention_before(&x, &v[q - 1]); q--)
				v[q] = v[q - 1];
			v[q] = x;
		}
	}
	if (n <= 32)
		return;
	b = xreallocarray(NULL, n, sizeof *b);
	util_large_array(b, n * sizeof *b);
	for (w = 32; w < n; w *= 2) {
		for (i = 0; i < n; i += 2 * w) {
			size_t l = i, mid = i + w < n ? i + w : n, r = mid, end = i + 2 * w < n ? i + 2 * w : n;
			size_t o = i;
			while (l < mid && r < end)
				b[o++] = mention_before(&a[r], &a[l]) ? a[r++] : a[l++];
			while (l < mid)
				b[o++] = a[l++];
			while (r < end)
				b[o++] = a[r++];
		}
		t = a, a = b, b = t;
	}
	if (a != v)
		memcpy(v, a, n * sizeof *v);
	free(a == v ? b : a);
}

/* Rows of (article, entity, spans, label): one mention for each span,
 * sorted by article and start.  total (the sum of the rows' counts, by
 * the statement total) sizes the vector once: a long article has
 * millions of mentions. */
static int read_mentions(struct store *st, sqlite3_stmt *s, sqlite3_stmt *total, int64_t id,
                         struct store_mentions *out)
{
	size_t first = out->n;
	int rc;

	sqlite3_bind_int64(total, 1, id);
	if (sqlite3_step(total) == SQLITE_ROW) {
		int64_t n = sqlite3_column_int64(total, 0);
		if (n > 0 && (uint64_t)n < SIZE_MAX / sizeof *out->v - out->n &&
		    out->n + (size_t)n > out->cap) {
			out->cap = out->n + (size_t)n;
			out->v = xreallocarray(out->v, out->cap, sizeof *out->v);
			util_large_array(out->v, out->cap * sizeof *out->v);
		}
	}
	sqlite3_reset(total);
	sqlite3_bind_int64(s, 1, id);

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_mention m;
		const char *spans = (const char *)sqlite3_column_text(s, 2);
		int l = ner_label_from_name((const char *)sqlite3_column_text(s, 3));
		m.article_id = sqlite3_column_int64(s, 0);
		m.entity_id = sqlite3_column_int64(s, 1);
		m.label = l < 0 ? NER_CARDINAL : (enum ner_label)l;
		while (store_spans_next(&spans, &m.start, &m.end))
			VEC_PUSH(out, m);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot read mentions");
		return -1;
	}
	sort_mentions(out->v + first, out->n - first);
	return 0;
}

int store_article_mentions(struct store *st, int64_t article_id, struct store_mentions *out)
{
	return read_mentions(st, stmt(st, S_ARTICLE_MENTIONS), stmt(st, S_ARTICLE_MENTION_TOTAL),
	                     article_id, out);
}

int store_entity_mentions(struct store *st, int64_t entity_id, struct store_mentions *out)
{
	return read_mentions(st, stmt(st, S_ENTITY_MENTIONS), stmt(st, S_ENTITY_MENTION_TOTAL),
	                     entity_id, out);
}

static void read_entity(sqlite3_stmt *s, struct store_entity *e)
{
	int l = ner_label_from_name((const char *)sqlite3_column_text(s, 1));
	e->id = sqlite3_column_int64(s, 0);
	e->label = l < 0 ? NER_CARDINAL : (enum ner_label)l;
	e->name = col_strdup(s, 2);
	e->mentions = sqlite3_column_int64(s, 3);
	e->articles = sqlite3_column_int64(s, 4);
}

int store_entity_list(struct store *st, int64_t article_id, int label, struct store_entities *out)
{
	sqlite3_stmt *s;
	const char *lname = label >= 0 ? ner_label_name((enum ner_label)label) : NULL;
	int rc;

	if (article_id > 0) {
		s = stmt(st, S_ENTITY_LIST);
		sqlite3_bind_int64(s, 1, article_id);
		bind_text(s, 2, lname);
	} else {
		s = stmt(st, S_ENTITY_INDEX);
		bind_text(s, 1, lname);
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_entity e;
		read_entity(s, &e);
		VEC_PUSH(out, e);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot list entities");
		return -1;
	}
	return 0;
}

int store_entity_get(struct store *st, int64_t id, struct store_entity *out)
{
	sqlite3_stmt *s = stmt(st, S_ENTITY_GET);
	int rc;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_entity(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW) {
		store_set_err(st, "cannot read entity");
		return -1;
	}
	return 0;
}

void store_entities_free(struct store_entities *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->v[i].name);
	free(v->v);
	memset(v, 0, sizeof *v);
}

/* --- tags --- */

static void read_tag(sqlite3_stmt *s, struct store_tag *t)
{
	t->id = sqlite3_column_int64(s, 0);
	t->name = col_strdup(s, 1);
	t->key = sqlite3_column_int(s, 2);
	t->colour = col_strdup(s, 3);
	t->uses = sqlite3_column_int64(s, 4);
}

void store_tag_clear(struct store_tag *t)
{
	free(t->name);
	free(t->colour);
	memset(t, 0, sizeof *t);
}

void store_tags_free(struct store_tags *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		store_tag_clear(&t->v[i]);
	free(t->v);
	memset(t, 0, sizeof *t);
}

int store_tag_list(struct store *st, struct store_tags *out)
{
	sqlite3_stmt *s = stmt(st, S_TAG_LIST);
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_tag t;
		read_tag(s, &t);
		VEC_PUSH(out, t);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot list tags");
		return -1;
	}
	return 0;
}

static int tag_lookup(struct store *st, sqlite3_stmt *s, struct store_tag *out)
{
	int rc = sqlite3_step(s);

	memset(out, 0, sizeof *out);
	if (rc == SQLITE_ROW)
		read_tag(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	store_set_err(st, "cannot read tags");
	return -1;
}

int store_tag_by_name(struct store *st, const char *name, struct store_tag *out)
{
	sqlite3_stmt *s = stmt(st, S_TAG_BY_NAME);
	bind_text(s, 1, name);
	return tag_lookup(st, s, out);
}

int store_tag_by_key(struct store *st, int key, struct store_tag *out)
{
	sqlite3_stmt *s = stmt(st, S_TAG_BY_KEY);
	sqlite3_bind_int(s, 1, key);
	return tag_lookup(st, s, out);
}

/* Run one change in its own transaction; 0 ok, 1 nothing matched, -1 error. */
static int change1(struct store *st, sqlite3_stmt *s, const char *what)
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

/* 0 when s is 1 to max bytes of UTF-8 without controls (C0, DEL, C1),
 * bidi controls or line separators; else 1 length, 2 not UTF-8, 3 a
 * control, 4 a bidi control or separator. */
static int label_check(const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len, i = 0, n;
	uint32_t cp;

	if (!s || !*s || (len = strlen(s)) > max)
		return 1;
	while (i < len) {
		if (!(n = util_utf8_decode(p + i, len - i, &cp)))
			return 2;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return 3;
		if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
		    cp == 0x200f || cp == 0x061c || cp == 0x2028 || cp == 0x2029)
			return 4;
		i += n;
	}
	return 0;
}

const char *store_tag_name_problem(const char *name)
{
	static const char *const why[] = {
		NULL, "a tag name is 1 to 100 bytes", "a tag name is UTF-8 text",
		"a tag name cannot hold control characters",
		"a tag name cannot hold bidirectional controls or line separators",
	};
	return why[label_check(name, 100)];
}

const char *store_relation_problem(const char *relation)
{
	static const char *const why[] = {
		NULL, "a relation is 1 to 64 bytes", "a relation is UTF-8 text",
		"a relation is one line without control characters",
		"a relation cannot hold bidirectional controls or line separators",
	};
	return why[label_check(relation, 64)];
}

const char *store_tag_colour_problem(const char *colour)
{
	struct theme_color c;

	if (!colour || !*colour)
		return NULL;
	if (strlen(colour) > 16 || theme_parse_color(colour, &c) != 0)
		return "a tag colour is a name (red, brightblue, default...), a number 0 to 255 "
		       "or #rrggbb";
	return NULL;
}

static int valid_tag(struct store *st, const char *name, const char *colour, const char *what)
{
	const char *why = name ? store_tag_name_problem(name) : NULL;

	if (!why)
		why = store_tag_colour_problem(colour);
	if (why) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "%s: %s", what, why);
		return 0;
	}
	return 1;
}

int64_t store_tag_add(struct store *st, const char *name, int key, const char *colour)
{
	sqlite3_stmt *s;

	if (!name) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "cannot add tag: a tag needs a name");
		return -1;
	}
	if (!valid_tag(st, name, colour, "cannot add tag"))
		return -1;
	if (store_begin(st, "cannot add tag") != 0)
		return -1;
	if (key) {
		s = stmt(st, S_TAG_UNBIND_KEY);
		sqlite3_bind_int(s, 1, key);
		if (step_done(st, s, "cannot add tag") != 0)
			goto fail;
	}
	s = stmt(st, S_TAG_INSERT);
	bind_text(s, 1, name);
	if (key)
		sqlite3_bind_int(s, 2, key);
	bind_text(s, 3, colour);
	if (sqlite3_step(s) != SQLITE_DONE) {
		int code = sqlite3_extended_errcode(st->core.db);
		sqlite3_reset(s);
		store_set_err(st, "cannot add tag");
		if (code == SQLITE_CONSTRAINT_UNIQUE)
			snprintf(st->core.errbuf, sizeof st->core.errbuf, "cannot add tag '%.100s': it exists", name);
		else if (code == SQLITE_CONSTRAINT_CHECK)
			snprintf(st->core.errbuf, sizeof st->core.errbuf, "cannot add tag: keys are the digits 1 to 9");
		goto fail;
	}
	sqlite3_reset(s);
	if (store_commit(st, "cannot add tag") != 0)
		goto fail;
	return sqlite3_last_insert_rowid(st->core.db);
fail:
	store_rollback(st);
	return -1;
}

int store_tag_rename(struct store *st, const char *name, const char *new_name)
{
	sqlite3_stmt *s;

	if (!new_name || !valid_tag(st, new_name, NULL, "cannot rename tag"))
		return -1;
	s = stmt(st, S_TAG_RENAME);
	bind_text(s, 1, name);
	bind_text(s, 2, new_name);
	return change1(st, s, "cannot rename tag");
}

int store_tag_bind(struct store *st, const char *name, int key)
{
	sqlite3_stmt *s;
	int n;

	if (key < 0 || key > 9) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "cannot bind tag: keys are the digits 1 to 9");
		return -1;
	}
	if (store_begin(st, "cannot bind tag") != 0)
		return -1;
	if (key) {
		s = stmt(st, S_TAG_UNBIND_KEY);
		sqlite3_bind_int(s, 1, key);
		if (step_done(st, s, "cannot bind tag") != 0)
			goto fail;
	}
	s = stmt(st, S_TAG_BIND);
	bind_text(s, 1, name);
	if (key)
		sqlite3_bind_int(s, 2, key);
	if (step_done(st, s, "cannot bind tag") != 0)
		goto fail;
	n = sqlite3_changes(st->core.db);
	if (!n) {
		store_rollback(st);
		return 1;
	}
	if (store_commit(st, "cannot bind tag") != 0)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int store_tag_recolour(struct store *st, const char *name, const char *colour)
{
	sqlite3_stmt *s;

	if (!valid_tag(st, NULL, colour, "cannot recolour tag"))
		return -1;
	s = stmt(st, S_TAG_RECOLOUR);
	bind_text(s, 1, name);
	bind_text(s, 2, colour);
	return change1(st, s, "cannot recolour tag");
}

int store_tag_delete(struct store *st, const char *name)
{
	sqlite3_stmt *s = stmt(st, S_TAG_DELETE);
	bind_text(s, 1, name);
	return change1(st, s, "cannot delete tag");
}

/* --- highlights --- */

void store_highlight_clear(struct store_highlight *h)
{
	size_t i;

	free(h->quote);
	free(h->prefix);
	free(h->suffix);
	free(h->original_quote);
	free(h->note);
	for (i = 0; i < h->ntags; i++)
		free(h->tags[i]);
	free(h->tags);
	free(h->article_title);
	free(h->created);
	free(h->updated);
	memset(h, 0, sizeof *h);
}

void store_highlights_free(struct store_highlights *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		store_highlight_clear(&v->v[i]);
	free(v->v);
	memset(v, 0, sizeof *v);
}

static void read_highlight(sqlite3_stmt *s, struct store_highlight *h)
{
	const char *tags = (const char *)sqlite3_column_text(s, 13);

	memset(h, 0, sizeof *h);
	h->id = sqlite3_column_int64(s, 0);
	h->article_id = sqlite3_column_int64(s, 1);
	h->start = (size_t)sqlite3_column_int64(s, 2);
	h->end = (size_t)sqlite3_column_int64(s, 3);
	h->quote = col_strdup(s, 4);
	h->prefix = col_strdup(s, 5);
	h->suffix = col_strdup(s, 6);
	h->original_quote = col_strdup(s, 7);
	h->orphaned = sqlite3_column_int(s, 8);
	h->note = col_strdup(s, 9);
	h->article_title = col_strdup(s, 10);
	h->created = col_strdup(s, 11);
	h->updated = col_strdup(s, 12);
	h->nlinks = sqlite3_column_int(s, 14);
	/* Tag names come newline-joined; names cannot hold control characters. */
	while (tags && *tags) {
		const char *nl = strchr(tags, '\n');
		size_t n = nl ? (size_t)(nl - tags) : strlen(tags);
		h->tags = xreallocarray(h->tags, h->ntags + 1, sizeof *h->tags);
		h->tags[h->ntags++] = xstrndup(tags, n);
		tags += n + (nl ? 1 : 0);
	}
}

static int highlight_query(struct store *st, const struct store_hl_filter *f, int64_t id,
                           struct store_highlights *out)
{
	sqlite3_stmt *s = stmt(st, S_HL_LIST);
	int rc;

	sqlite3_bind_int64(s, 1, f ? f->article_id : 0);
	bind_text(s, 2, f && f->tag && *f->tag ? f->tag : NULL);
	bind_text(s, 3, f && f->text && *f->text ? f->text : NULL);
	sqlite3_bind_int(s, 4, f ? f->orphaned_only : 0);
	sqlite3_bind_int64(s, 5, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_highlight h;
		read_highlight(s, &h);
		VEC_PUSH(out, h);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot list annotations");
		return -1;
	}
	return 0;
}

int store_highlight_list(struct store *st, const struct store_hl_filter *f,
                         struct store_highlights *out)
{
	return highlight_query(st, f, 0, out);
}

int store_highlight_get(struct store *st, int64_t id, struct store_highlight *out)
{
	struct store_highlights v = {0};

	memset(out, 0, sizeof *out);
	if (highlight_query(st, NULL, id, &v) != 0)
		return -1;
	if (v.n == 0) {
		free(v.v);
		return 1;
	}
	*out = v.v[0];
	free(v.v);
	return 0;
}

int store_highlight_at(struct store *st, int64_t article_id, size_t start, size_t end, int64_t *id)
{
	sqlite3_stmt *s = stmt(st, S_HL_AT);
	int rc;

	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, (int64_t)start);
	sqlite3_bind_int64(s, 3, (int64_t)end);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	store_set_err(st, "cannot read highlights");
	return -1;
}

int64_t store_highlight_add(struct store *st, int64_t article_id, const char *body,
                            size_t body_len, size_t start, size_t end)
{
	struct anchor_selector sel;
	sqlite3_stmt *s;
	int64_t id;

	if (start >= end || end > body_len) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "cannot highlight: an empty or invalid range");
		return -1;
	}
	if (store_begin(st, "cannot save highlight") != 0)
		return -1;
	anchor_selector_make(body, body_len, start, end, &sel);
	s = stmt(st, S_HL_INSERT);
	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, (int64_t)start);
	sqlite3_bind_int64(s, 3, (int64_t)end);
	bind_text(s, 4, sel.quote);
	bind_text(s, 5, sel.prefix);
	bind_text(s, 6, sel.suffix);
	if (step_done(st, s, "cannot save highlight") != 0) {
		anchor_selector_free(&sel);
		store_rollback(st);
		return -1;
	}
	anchor_selector_free(&sel);
	if (sqlite3_changes(st->core.db) == 0) {
		store_rollback(st);
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "cannot highlight: no article %lld",
		         (long long)article_id);
		return -1;
	}
	id = sqlite3_last_insert_rowid(st->core.db);
	if (store_commit(st, "cannot save highlight") != 0) {
		store_rollback(st);
		return -1;
	}
	return id;
}

/* Inside a transaction: does the highlight still carry anything? */
static int highlight_bare(struct store *st, int64_t hl)
{
	sqlite3_stmt *s = stmt(st, S_HL_BARE);
	int bare = 0;

	sqlite3_bind_int64(s, 1, hl);
	if (sqlite3_step(s) == SQLITE_ROW)
		bare = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return bare;
}

int store_highlight_tag(struct store *st, int64_t hl, int64_t tag, int on, int *now_on,
                        int *removed)
{
	sqlite3_stmt *s;
	int has = 0;

	*removed = 0;
	if (store_begin(st, "cannot tag") != 0)
		return -1;
	s = stmt(st, S_HL_TAG_HAS);
	sqlite3_bind_int64(s, 1, hl);
	sqlite3_bind_int64(s, 2, tag);
	has = sqlite3_step(s);
	if (has != SQLITE_ROW && has != SQLITE_DONE) {
		store_set_err(st, "cannot tag");
		sqlite3_reset(s);
		goto fail;
	}
	has = has == SQLITE_ROW;
	sqlite3_reset(s);
	if (on < 0)
		on = !has;
	s = stmt(st, on ? S_HL_TAG_ON : S_HL_TAG_OFF);
	sqlite3_bind_int64(s, 1, hl);
	sqlite3_bind_int64(s, 2, tag);
	if (step_done(st, s, "cannot tag") != 0)
		goto fail;
	s = stmt(st, S_HL_TOUCH);
	sqlite3_bind_int64(s, 1, hl);
	if (step_done(st, s, "cannot tag") != 0)
		goto fail;
	if (!on && highlight_bare(st, hl)) {
		s = stmt(st, S_HL_DELETE);
		sqlite3_bind_int64(s, 1, hl);
		if (step_done(st, s, "cannot tag") != 0)
			goto fail;
		*removed = 1;
	}
	if (store_commit(st, "cannot tag") != 0)
		goto fail;
	*now_on = on;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

static int same_note(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Set the note; with check, only if the note now is expected (or already
 * text): 2 when it is not. */
static int note_write(struct store *st, int64_t hl, const char *text, int check,
                      const char *expected)
{
	sqlite3_stmt *s;
	int exists;

	if (text && strlen(text) > STORE_NOTE_MAX) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf,
		         "cannot save note: longer than the 1 MiB limit");
		return -1;
	}
	if (store_begin(st, "cannot save note") != 0)
		return -1;
	s = stmt(st, S_HL_EXISTS);
	sqlite3_bind_int64(s, 1, hl);
	exists = sqlite3_step(s);
	if (exists != SQLITE_ROW && exists != SQLITE_DONE) {
		/* A damaged file is not a missing annotation. */
		store_set_err(st, "cannot save note");
		sqlite3_reset(s);
		store_rollback(st);
		return -1;
	}
	sqlite3_reset(s);
	if (exists != SQLITE_ROW) {
		store_rollback(st);
		return 1;
	}
	if (check) {
		int rc, same;
		s = stmt(st, S_NOTE_GET);
		sqlite3_bind_int64(s, 1, hl);
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			store_set_err(st, "cannot save note");
			sqlite3_reset(s);
			goto fail;
		}
		{
			const char *cur = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
			same = same_note(cur, expected) || same_note(cur, text);
		}
		sqlite3_reset(s);
		if (!same) {
			store_rollback(st);
			return 2;
		}
	}
	s = stmt(st, text && *text ? S_NOTE_UPSERT : S_NOTE_DELETE);
	sqlite3_bind_int64(s, 1, hl);
	if (text && *text)
		sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
	if (step_done(st, s, "cannot save note") != 0)
		goto fail;
	s = stmt(st, S_HL_TOUCH);
	sqlite3_bind_int64(s, 1, hl);
	if (step_done(st, s, "cannot save note") != 0 || store_commit(st, "cannot save note") != 0)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int store_note_set(struct store *st, int64_t hl, const char *text)
{
	return note_write(st, hl, text, 0, NULL);
}

int store_note_replace(struct store *st, int64_t hl, const char *text, const char *expected)
{
	return note_write(st, hl, text, 1, expected);
}

struct store_deleted {
	int64_t id, article_id, start, end;
	char *quote, *prefix, *suffix, *original_quote, *body_sha, *created, *updated;
	int orphaned;
	int64_t *tags;
	char **tag_names;
	size_t ntags;
	char *note, *note_created, *note_updated;
	struct store_links links;
};

void store_deleted_free(struct store_deleted *d)
{
	if (!d)
		return;
	free(d->quote);
	free(d->prefix);
	free(d->suffix);
	free(d->original_quote);
	free(d->body_sha);
	free(d->created);
	free(d->updated);
	for (size_t i = 0; i < d->ntags; i++)
		free(d->tag_names[i]);
	free(d->tag_names);
	free(d->tags);
	free(d->note);
	free(d->note_created);
	free(d->note_updated);
	store_links_free(&d->links);
	free(d);
}

static void read_link(sqlite3_stmt *s, struct store_link *l)
{
	l->id = sqlite3_column_int64(s, 0);
	l->from_highlight = sqlite3_column_int64(s, 1);
	l->to_highlight = sqlite3_column_int64(s, 2);
	l->from_article = sqlite3_column_int64(s, 3);
	l->to_article = sqlite3_column_int64(s, 4);
	l->relation = col_strdup(s, 5);
	l->from_quote = col_strdup(s, 6);
	l->to_quote = col_strdup(s, 7);
	l->from_title = col_strdup(s, 8);
	l->to_title = col_strdup(s, 9);
	l->from_orphaned = sqlite3_column_int(s, 10);
	l->to_orphaned = sqlite3_column_int(s, 11);
	l->from_start = (size_t)sqlite3_column_int64(s, 12);
	l->to_start = (size_t)sqlite3_column_int64(s, 13);
	l->created = col_strdup(s, 14);
}

int store_link_list(struct store *st, int64_t article_id, int64_t hl, struct store_links *out)
{
	sqlite3_stmt *s = stmt(st, S_LINK_LIST);
	int rc;

	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, hl);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_link l;
		read_link(s, &l);
		VEC_PUSH(out, l);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot list links");
		return -1;
	}
	return 0;
}

void store_links_free(struct store_links *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		free(v->v[i].relation);
		free(v->v[i].from_quote);
		free(v->v[i].to_quote);
		free(v->v[i].from_title);
		free(v->v[i].to_title);
		free(v->v[i].created);
	}
	free(v->v);
	memset(v, 0, sizeof *v);
}

int store_highlight_delete(struct store *st, int64_t hl, struct store_deleted **undo)
{
	struct store_deleted *d = xcalloc(1, sizeof *d);
	sqlite3_stmt *s;
	int rc;

	*undo = NULL;
	if (store_begin(st, "cannot delete annotation") != 0) {
		free(d);
		return -1;
	}
	s = stmt(st, S_HL_ROW);
	sqlite3_bind_int64(s, 1, hl);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		store_rollback(st);
		free(d);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	d->id = hl;
	d->article_id = sqlite3_column_int64(s, 0);
	d->start = sqlite3_column_int64(s, 1);
	d->end = sqlite3_column_int64(s, 2);
	d->quote = col_strdup(s, 3);
	d->prefix = col_strdup(s, 4);
	d->suffix = col_strdup(s, 5);
	d->original_quote = col_strdup(s, 6);
	d->body_sha = col_strdup(s, 7);
	d->orphaned = sqlite3_column_int(s, 8);
	d->created = col_strdup(s, 9);
	d->updated = col_strdup(s, 10);
	sqlite3_reset(s);
	s = stmt(st, S_HL_TAG_IDS);
	sqlite3_bind_int64(s, 1, hl);
	while (sqlite3_step(s) == SQLITE_ROW) {
		d->tags = xreallocarray(d->tags, d->ntags + 1, sizeof *d->tags);
		d->tag_names = xreallocarray(d->tag_names, d->ntags + 1, sizeof *d->tag_names);
		d->tags[d->ntags] = sqlite3_column_int64(s, 0);
		d->tag_names[d->ntags++] = col_strdup(s, 1);
	}
	sqlite3_reset(s);
	s = stmt(st, S_NOTE_GET);
	sqlite3_bind_int64(s, 1, hl);
	if (sqlite3_step(s) == SQLITE_ROW) {
		d->note = col_strdup(s, 0);
		d->note_created = col_strdup(s, 1);
		d->note_updated = col_strdup(s, 2);
	}
	sqlite3_reset(s);
	if (store_link_list(st, 0, hl, &d->links) != 0)
		goto fail;
	s = stmt(st, S_HL_DELETE);
	sqlite3_bind_int64(s, 1, hl);
	if (step_done(st, s, "cannot delete annotation") != 0 ||
	    store_commit(st, "cannot delete annotation") != 0)
		goto fail;
	*undo = d;
	return 0;
fail:
	store_rollback(st);
	store_deleted_free(d);
	return -1;
}

/* Is the statement's failure a constraint (a key to a row deleted
 * meanwhile), which an undo reports and goes on past? */
static int constraint_failed(struct store *st)
{
	return (sqlite3_extended_errcode(st->core.db) & 0xff) == SQLITE_CONSTRAINT;
}

static int hl_exists(struct store *st, int64_t id)
{
	sqlite3_stmt *s = stmt(st, S_HL_EXISTS);
	int rc;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return rc;
}

int store_highlight_restore(struct store *st, const struct store_deleted *d, char **missed)
{
	struct buf miss = {0};
	sqlite3_stmt *s;
	size_t i;

	*missed = NULL;
	if (store_begin(st, "cannot undo") != 0)
		return -1;
	s = stmt(st, S_HL_RESTORE);
	sqlite3_bind_int64(s, 1, d->id);
	sqlite3_bind_int64(s, 2, d->article_id);
	sqlite3_bind_int64(s, 3, d->start);
	sqlite3_bind_int64(s, 4, d->end);
	bind_text(s, 5, d->quote);
	bind_text(s, 6, d->prefix);
	bind_text(s, 7, d->suffix);
	bind_text(s, 8, d->original_quote);
	bind_text(s, 9, d->body_sha);
	sqlite3_bind_int(s, 10, d->orphaned);
	bind_text(s, 11, d->created);
	bind_text(s, 12, d->updated);
	if (step_done(st, s, "cannot undo") != 0) {
		/* Ids are never reused, so a taken id is this annotation, back
		 * already; a missing article was deleted meanwhile. */
		if (constraint_failed(st))
			snprintf(st->core.errbuf, sizeof st->core.errbuf, "%s",
			         hl_exists(st, d->id) ? "cannot undo: the annotation is back already"
			                              : "cannot undo: its article was deleted meanwhile");
		goto fail;
	}
	/* What went with the annotation comes back with it, except what was
	 * deleted meanwhile: that is said, and the rest is kept. */
	for (i = 0; i < d->ntags; i++) {
		s = stmt(st, S_HL_TAG_ON);
		sqlite3_bind_int64(s, 1, d->id);
		sqlite3_bind_int64(s, 2, d->tags[i]);
		if (sqlite3_step(s) != SQLITE_DONE) {
			sqlite3_reset(s);
			if (!constraint_failed(st)) {
				store_set_err(st, "cannot undo");
				goto fail;
			}
			/* Deleted and made again under the same name: that tag. */
			if (d->tag_names[i]) {
				struct store_tag t;
				if (store_tag_by_name(st, d->tag_names[i], &t) == 0) {
					s = stmt(st, S_HL_TAG_ON);
					sqlite3_bind_int64(s, 1, d->id);
					sqlite3_bind_int64(s, 2, t.id);
					store_tag_clear(&t);
					if (step_done(st, s, "cannot undo") != 0)
						goto fail;
					continue;
				}
			}
			buf_printf(&miss, "%stag '%s' (deleted meanwhile)", miss.len ? ", " : "",
			           d->tag_names[i] ? d->tag_names[i] : "?");
			continue;
		}
		sqlite3_reset(s);
	}
	if (d->note) {
		s = stmt(st, S_NOTE_RESTORE);
		sqlite3_bind_int64(s, 1, d->id);
		bind_text(s, 2, d->note);
		bind_text(s, 3, d->note_created);
		bind_text(s, 4, d->note_updated);
		if (step_done(st, s, "cannot undo") != 0)
			goto fail;
	}
	for (i = 0; i < d->links.n; i++) {
		const struct store_link *l = &d->links.v[i];
		int64_t other = l->from_highlight == d->id ? l->to_highlight : l->from_highlight;
		s = stmt(st, S_LINK_RESTORE);
		sqlite3_bind_int64(s, 1, l->id);
		sqlite3_bind_int64(s, 2, l->from_highlight);
		sqlite3_bind_int64(s, 3, l->to_highlight);
		bind_text(s, 4, l->relation);
		bind_text(s, 5, l->created);
		if (sqlite3_step(s) != SQLITE_DONE) {
			sqlite3_reset(s);
			if (!constraint_failed(st)) {
				store_set_err(st, "cannot undo");
				goto fail;
			}
			buf_printf(&miss, "%slink %lld to annotation %lld (%s)", miss.len ? ", " : "",
			           (long long)l->id, (long long)other,
			           hl_exists(st, other) ? "its id is taken" : "deleted meanwhile");
			continue;
		}
		sqlite3_reset(s);
	}
	if (store_commit(st, "cannot undo") != 0)
		goto fail;
	if (miss.len)
		*missed = buf_steal(&miss);
	return 0;
fail:
	buf_free(&miss);
	store_rollback(st);
	return -1;
}

/* 1 when highlight hl exists, 0 when not, -1 on error. */
static int highlight_exists(struct store *st, int64_t hl, const char *what)
{
	sqlite3_stmt *s = stmt(st, S_HL_EXISTS);
	int rc;

	sqlite3_bind_int64(s, 1, hl);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_err(st, what);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW;
}

int64_t store_link_add(struct store *st, int64_t from, int64_t to, const char *relation,
                       int *existed)
{
	sqlite3_stmt *s;
	int64_t id = 0, ids[2] = {from, to};
	int rc, i;

	if (!relation || !*relation)
		relation = "see-also";
	if (existed)
		*existed = 0;
	if (from == to) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf,
		         "cannot link annotation %lld to itself: a link joins two passages", (long long)from);
		return -1;
	}
	if (store_relation_problem(relation)) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "cannot link: %s",
		         store_relation_problem(relation));
		return -1;
	}
	if (store_begin(st, "cannot link") != 0)
		return -1;
	for (i = 0; i < 2; i++) {
		rc = highlight_exists(st, ids[i], "cannot link");
		if (rc <= 0) {
			if (rc == 0)
				snprintf(st->core.errbuf, sizeof st->core.errbuf,
				         "cannot link: no annotation %lld", (long long)ids[i]);
			store_rollback(st);
			return -1;
		}
	}
	/* One link per pair and relation: the one there is, whichever way
	 * round it was made. */
	s = stmt(st, S_LINK_FIND);
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	bind_text(s, 3, relation);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_err(st, "cannot link");
		store_rollback(st);
		return -1;
	}
	if (id > 0) {
		store_rollback(st);
		if (existed)
			*existed = 1;
		return id;
	}
	s = stmt(st, S_LINK_INSERT);
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	bind_text(s, 3, relation);
	if (step_done(st, s, "cannot link") != 0) {
		store_rollback(st);
		return -1;
	}
	id = sqlite3_last_insert_rowid(st->core.db);
	if (store_commit(st, "cannot link") != 0) {
		store_rollback(st);
		return -1;
	}
	return id;
}

int store_link_delete(struct store *st, int64_t id)
{
	sqlite3_stmt *s = stmt(st, S_LINK_DELETE);
	sqlite3_bind_int64(s, 1, id);
	return change1(st, s, "cannot unlink");
}

/* --- passages and entity editing --- */

/* Sentences holding a term (a prefix when prefix): FTS5 folds case and
 * diacritics, so ASCII words are folded the same way here; other words
 * may be missed and count as rare, which only costs a ranked query. */
static double term_docs(struct store *st, const char *w, size_t n, int prefix)
{
	sqlite3_stmt *s = stmt(st, prefix ? S_PREFIX_DOCS : S_TERM_DOCS);
	char *t = xstrndup(w, n), *p;
	double d = 0;

	for (p = t; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	bind_text(s, 1, t);
	if (sqlite3_step(s) == SQLITE_ROW)
		d = sqlite3_column_double(s, 0);
	sqlite3_reset(s);
	free(t);
	return d;
}

/* Above this many candidate sentences, bm25 over all of them costs more
 * than a keystroke may: the picker shows the newest matches instead. */
#define RANK_MAX_DOCS 20000.0
/* Related passages search for at most this many of the passage's rarest
 * words: common words add candidates, not relevance. */
#define RELATED_TERMS 6

int store_passage_search(struct store *st, const char *words, int any, int prefix_last,
                         int64_t exclude_article, int64_t limit, struct store_passages *out)
{
	struct term {
		const char *w;
		size_t n;
		double docs;
	} terms[64];
	size_t nterms = 0, i, j;
	double min_docs = -1;
	struct buf kept = {0};
	const char *p = words;
	char *q;
	sqlite3_stmt *s;
	int rc;

	while (*p && nterms < ARRAY_SIZE(terms)) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		terms[nterms].w = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		terms[nterms].n = (size_t)(p - terms[nterms].w);
		/* One letter is a word, not a prefix of thousands (the index
		 * keeps prefixes of two letters and more). */
		if (!*p && terms[nterms].n < 2)
			prefix_last = 0;
		terms[nterms].docs = term_docs(st, terms[nterms].w, terms[nterms].n, prefix_last && !*p);
		if (min_docs < 0 || terms[nterms].docs < min_docs)
			min_docs = terms[nterms].docs;
		nterms++;
	}
	if (!nterms)
		return 0;
	if (any) {
		/* The rarest words that other sentences share (docs >= 2). */
		for (i = 1; i < nterms; i++)
			for (j = i; j > 0 && terms[j].docs < terms[j - 1].docs; j--) {
				struct term t = terms[j];
				terms[j] = terms[j - 1];
				terms[j - 1] = t;
			}
		{
			/* Stop adding words once the candidates would be too many
			 * to rank in time, keeping at least two. */
			double total = 0;
			for (i = 0, j = 0; i < nterms && j < RELATED_TERMS; i++) {
				if (terms[i].docs < 2)
					continue;
				if (j >= 2 && total + terms[i].docs > RANK_MAX_DOCS)
					break;
				total += terms[i].docs;
				if (kept.len)
					buf_addc(&kept, ' ');
				buf_add(&kept, terms[i].w, terms[i].n);
				j++;
			}
		}
		if (!kept.len)
			return 0;
		q = fts_query_mode(kept.s, 0, 1);
		buf_free(&kept);
	} else {
		q = fts_query_mode(words, prefix_last, 0);
	}
	s = stmt(st, !any && min_docs > RANK_MAX_DOCS ? S_PASSAGES_RECENT : S_PASSAGES);
	bind_text(s, 1, q);
	sqlite3_bind_int64(s, 2, exclude_article);
	sqlite3_bind_int64(s, 3, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_passage ps;
		ps.article_id = sqlite3_column_int64(s, 0);
		ps.start = (size_t)sqlite3_column_int64(s, 1);
		ps.end = (size_t)sqlite3_column_int64(s, 2);
		ps.text = col_strdup(s, 3);
		ps.title = col_strdup(s, 4);
		ps.outlet = col_strdup(s, 5);
		ps.rank = sqlite3_column_double(s, 6);
		VEC_PUSH(out, ps);
	}
	sqlite3_reset(s);
	free(q);
	if (rc != SQLITE_DONE) {
		store_set_err(st, "cannot search passages");
		return -1;
	}
	return 0;
}

void store_passages_free(struct store_passages *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].text);
		free(p->v[i].title);
		free(p->v[i].outlet);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}

int store_entities_in(struct store *st, int64_t article_id, size_t start, size_t end,
                      int64_t **ids, size_t *n)
{
	sqlite3_stmt *s = stmt(st, S_MENTIONS_IN);
	size_t cap = 0;

	*ids = NULL;
	*n = 0;
	sqlite3_bind_int64(s, 1, article_id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		const char *spans = (const char *)sqlite3_column_text(s, 1);
		size_t a, b, k;
		while (store_spans_next(&spans, &a, &b))
			if (a >= start && a < end)
				break;
		if (!spans)
			continue;
		for (k = 0; k < *n && (*ids)[k] != id; k++)
			;
		if (k < *n)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = id;
	}
	sqlite3_reset(s);
	return 0;
}

char *store_entity_aliases(struct store *st, int64_t id, int max)
{
	sqlite3_stmt *s = stmt(st, S_ENTITY_ALIASES);
	struct buf b = {0};

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, max);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (b.len)
			buf_adds(&b, " · ");
		buf_adds(&b, (const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
	return buf_steal(&b);
}

static int entity_recount(struct store *st, int64_t id)
{
	sqlite3_stmt *s = stmt(st, S_ENTITY_RECOUNT);
	sqlite3_bind_int64(s, 1, id);
	return step_done(st, s, "cannot update entities");
}

/* label and canonical of an entity, inside a transaction. */
static int entity_names(struct store *st, int64_t id, char **label, char **canonical)
{
	sqlite3_stmt *s = stmt(st, S_ENTITY_LABEL_OF);
	int rc;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*label = col_strdup(s, 0);
		*canonical = col_strdup(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "no entity %lld", (long long)id);
	return rc == SQLITE_ROW ? 0 : -1;
}

int store_entity_merge(struct store *st, int64_t from, int64_t into)
{
	char *label = NULL, *canon = NULL, *l2 = NULL, *c2 = NULL;
	sqlite3_stmt *s;

	if (from == into) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf, "cannot merge an entity with itself");
		return -1;
	}
	if (store_begin(st, "cannot merge entities") != 0)
		return -1;
	if (entity_names(st, from, &label, &canon) != 0 || entity_names(st, into, &l2, &c2) != 0)
		goto fail;
	if (move_mentions(st, from, into, "cannot merge entities") != 0)
		goto fail;
	s = stmt(st, S_ENTITY_MERGE_RULES);
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, into);
	if (step_done(st, s, "cannot merge entities") != 0)
		goto fail;
	s = stmt(st, S_ENTITY_RULE_SET);
	bind_text(s, 1, label);
	bind_text(s, 2, canon);
	sqlite3_bind_int64(s, 3, into);
	if (step_done(st, s, "cannot merge entities") != 0)
		goto fail;
	entity_cache_reset(st);
	s = stmt(st, S_ENTITY_DELETE);
	sqlite3_bind_int64(s, 1, from);
	if (step_done(st, s, "cannot merge entities") != 0 || entity_recount(st, into) != 0 ||
	    store_commit(st, "cannot merge entities") != 0)
		goto fail;
	free(label), free(canon), free(l2), free(c2);
	return 0;
fail:
	store_rollback(st);
	free(label), free(canon), free(l2), free(c2);
	return -1;
}

int64_t store_entity_split(struct store *st, int64_t id, const char *surface)
{
	char *label = NULL, *canon = NULL;
	sqlite3_stmt *s;
	int64_t nid = 0;

	entity_cache_reset(st); /* the new rule changes where a name goes */
	if (store_begin(st, "cannot split entity") != 0)
		return -1;
	if (entity_names(st, id, &label, &canon) != 0)
		goto fail;
	if (strcmp(canon, surface) == 0) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf,
		         "cannot split '%.100s' from itself: split one of its other names", surface);
		goto fail;
	}
	s = stmt(st, S_ENTITY_FIND);
	bind_text(s, 1, label);
	bind_text(s, 2, surface);
	if (sqlite3_step(s) == SQLITE_ROW)
		nid = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (!nid) {
		s = stmt(st, S_ENTITY_INSERT);
		bind_text(s, 1, label);
		bind_text(s, 2, surface);
		if (step_done(st, s, "cannot split entity") != 0)
			goto fail;
		nid = sqlite3_last_insert_rowid(st->core.db);
	}
	s = stmt(st, S_ENTITY_SPLIT_MENTIONS);
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, surface);
	sqlite3_bind_int64(s, 3, nid);
	if (step_done(st, s, "cannot split entity") != 0)
		goto fail;
	if (sqlite3_changes(st->core.db) == 0) {
		snprintf(st->core.errbuf, sizeof st->core.errbuf,
		         "cannot split: no mention of this entity is written '%.100s'", surface);
		goto fail;
	}
	s = stmt(st, S_ENTITY_RULE_SET);
	bind_text(s, 1, label);
	bind_text(s, 2, surface);
	sqlite3_bind_int64(s, 3, nid);
	if (step_done(st, s, "cannot split entity") != 0 || entity_recount(st, id) != 0 ||
	    entity_recount(st, nid) != 0 || store_commit(st, "cannot split entity") != 0)
		goto fail;
	free(label);
	free(canon);
	return nid;
fail:
	store_rollback(st);
	free(label);
	free(canon);
	return -1;
}

/* --- what store_corrections.c needs of the import's code --- */

int store_article_set_mentions(struct store *st, int64_t article_id, const char *body,
                               const struct ner_result *ner)
{
	entity_cache_reset(st);
	if (save_mentions(st, article_id, 0, body, ner) != 0)
		return -1;
	entity_cache_reset(st);
	return step_done(st, stmt(st, S_ENTITY_ORPHANS), "cannot update entities");
}
