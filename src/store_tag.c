/* store_tag.c — the store's tags: listing, finding by name or digit,
 * adding, renaming, binding a digit, recolouring and deleting, and the
 * rules for tag names, tag colours and link relations.  Part of the store
 * module (see store_internal.h); its statements are the table below. */
#include "config.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/store.h"
#include "gloss/theme.h"
#include "gloss/util.h"
#include "store_internal.h"

#define TAG_STMTS(X)                                                                               \
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
	X(TAG_DELETE, "DELETE FROM tag WHERE name = ?1")

STORE_STATEMENTS(STORE_PART_TAG, TAG_STMTS)

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

const char *store_tag_problem(const char *name, const char *colour)
{
	const char *why = store_tag_name_problem(name);
	return why ? why : store_tag_colour_problem(colour);
}

static int valid_tag(struct store *st, const char *name, const char *colour, const char *what)
{
	const char *why = name ? store_tag_problem(name, colour) : store_tag_colour_problem(colour);

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
	return store_change1(st, s, "cannot rename tag");
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
	return store_change1(st, s, "cannot recolour tag");
}

int store_tag_delete(struct store *st, const char *name)
{
	sqlite3_stmt *s = stmt(st, S_TAG_DELETE);
	bind_text(s, 1, name);
	return store_change1(st, s, "cannot delete tag");
}
