/* cli_annotate.c — annotations on the command line: `gloss highlight`,
 * `annotations`, `note`, `unannotate`, `tags`, `tag`, `link`, `links` and
 * `unlink`. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gloss/date.h"
#include "gloss/ingest.h"
#include "gloss/ingest_url.h"
#include "gloss/layout.h"
#include "gloss/ner.h"
#include "gloss/store.h"
#include "gloss/textmatch.h"
#include "gloss/util.h"

#include "cli_internal.h"

/* --- annotations --- */

/* Find the tag, creating it when unknown: the command line names tags
 * freely. */
static int64_t tag_id_for(struct cli *c, const char *name)
{
	struct store_tag t;
	int rc = store_tag_by_name(c->store, name, &t);
	int64_t id;

	if (rc == 0) {
		id = t.id;
		store_tag_clear(&t);
		return id;
	}
	if (rc < 0)
		return -1;
	id = store_tag_add(c->store, name, 0, NULL);
	if (id > 0)
		layout_fprintf_safe(stderr, "gloss: created tag '%s'\n", name);
	return id;
}

int cli_cmd_highlight(struct cli *c, int argc, char **argv)
{
	const struct cli_arg *o;
	const char *quote = NULL, *note = NULL, *tags[64];
	int64_t occurrence = 0, hl, n = 0;
	size_t ntags = 0, i, qlen, at = 0, found_at = 0, found_end = 0, end;
	struct store_article a;
	int rc, replace_note = 0, loose = 0, tries = 0;
	const char *p;

	CLI_ARGS_EACH(c->args, o) {
		if (cli_arg_is(o, "replace-note"))
			replace_note = 1;
		else if (cli_arg_is(o, "quote"))
			quote = o->value;
		else if (cli_arg_is(o, "note"))
			note = o->value;
		else if (cli_arg_is(o, "occurrence") && cli_parse_id(o->value, &occurrence) != 0)
			return cli_usage(c, "--occurrence needs a number from 1");
		else if (cli_arg_is(o, "tag")) {
			if (ntags == ARRAY_SIZE(tags))
				return cli_usage(c, "too many tags");
			tags[ntags++] = o->value;
		}
	}
	if (argc != 2)
		return cli_usage(c, "give one article id");
	if (!quote || !*quote)
		return cli_usage(c, "--quote TEXT is needed");
again:
	n = 0;
	loose = 0;
	if ((rc = cli_get_article(c, argv[1], 1, &a)) != CLI_OK)
		return rc;
	/* The writes below check that the article is still this text. */
	store_expect_version(c->store, a.id, a.body_sha);
	qlen = strlen(quote);
	/* Count every occurrence, keeping the one asked for (or the first). */
	for (p = a.body; (size_t)(p - a.body) + qlen <= a.body_len &&
	                 (p = memmem(p, a.body_len - (size_t)(p - a.body), quote, qlen)); p++) {
		n++;
		if (n == 1 || n == occurrence) {
			found_at = (size_t)(p - a.body);
			found_end = found_at + qlen;
		}
	}
	/* No exact match: as the reader's / finds text, with curly and
	 * straight quotes alike, any run of spaces alike, and any case. */
	if (n == 0) {
		struct textmatch m;
		size_t s, e, from = 0;
		if (textmatch_init(&m, quote, qlen, 1) == 0) {
			while (textmatch_next(&m, a.body, a.body_len, from, &s, &e)) {
				n++;
				if (n == 1 || n == occurrence) {
					found_at = s;
					found_end = e;
				}
				from = e;
			}
			textmatch_free(&m);
		}
		loose = n > 0;
	}
	if (n == 0 || occurrence > n) {
		layout_fprintf_safe(stderr, "gloss: the quote is not in article %lld%s\n", (long long)a.id,
		        n ? " that many times" : " ('gloss show' prints its text)");
		store_article_clear(&a);
		return CLI_ERROR;
	}
	if (n > 1 && !occurrence) {
		layout_fprintf_safe(stderr, "gloss: the quote occurs %lld times in article %lld%s; choose one "
		        "with --occurrence 1..%lld\n", (long long)n, (long long)a.id,
		        loose ? " (quotes, spaces and case aside)" : "", (long long)n);
		store_article_clear(&a);
		return CLI_ERROR;
	}
	at = found_at;
	end = found_end;
	if (loose) {
		/* Say which passage was taken, as the article writes it. */
		fprintf(stderr, "gloss: no exact match; took the passage at %zu-%zu: \"", at, end);
		cli_print_safe_to(stderr, a.body + at, end - at, 1);
		fputs("\"\n", stderr);
	}
	if (store_highlight_at(c->store, a.id, at, end, &hl) != 0) {
		hl = store_highlight_add(c->store, a.id, a.body, a.body_len, at, end);
		if (hl < 0)
			goto fail;
	}
	/* The note first: a passage that has another note already is refused
	 * whole (no tag added either) unless --replace-note says to. */
	if (note) {
		rc = replace_note ? store_note_set(c->store, hl, note)
		                  : store_note_replace(c->store, hl, note, NULL);
		if (rc == 2) {
			layout_fprintf_safe(stderr, "gloss: annotation %lld already has a different note; not "
			        "replaced ('gloss note %lld TEXT' or --replace-note replaces it)\n",
			        (long long)hl, (long long)hl);
			store_article_clear(&a);
			return CLI_ERROR;
		}
		if (rc != 0)
			goto fail;
	}
	for (i = 0; i < ntags; i++) {
		int on, removed;
		int64_t tid = tag_id_for(c, tags[i]);
		if (tid < 0 || store_highlight_tag(c->store, hl, tid, 1, &on, &removed) != 0)
			goto fail;
	}
	printf("highlighted %lld in article %lld at %zu-%zu\n", (long long)hl, (long long)a.id, at,
	       end);
	store_article_clear(&a);
	return CLI_OK;
fail:
	/* Re-imported between reading it and writing: the quote is looked
	 * for again in the new text (what was saved already is found there). */
	if (store_stale_take(c->store) && ++tries < 10) {
		store_article_clear(&a);
		goto again;
	}
	layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
	store_article_clear(&a);
	return CLI_ERROR;
}

static void json_highlight(struct buf *b, const struct store_highlight *h)
{
	size_t i;

	buf_printf(b, "{\"id\":%lld,\"article\":%lld,\"start\":%zu,\"end\":%zu", (long long)h->id,
	           (long long)h->article_id, h->start, h->end);
	cli_json_field(b, "article_title", h->article_title, 1);
	cli_json_field(b, "quote", h->quote, 1);
	cli_json_field(b, "original_quote", h->original_quote, 1);
	buf_adds(b, ",\"tags\":[");
	for (i = 0; i < h->ntags; i++) {
		if (i)
			buf_addc(b, ',');
		buf_json_str(b, h->tags[i], strlen(h->tags[i]));
	}
	buf_addc(b, ']');
	cli_json_field(b, "note", h->note, 1);
	buf_printf(b, ",\"orphaned\":%s,\"links\":%d", h->orphaned ? "true" : "false", h->nlinks);
	cli_json_field(b, "created", h->created, 1);
	cli_json_field(b, "updated", h->updated, 1);
	buf_addc(b, '}');
}

int cli_cmd_annotations(struct cli *c, int argc, char **argv)
{
	const struct cli_arg *o;
	struct store_hl_filter f = {0};
	struct store_highlights hs = {0};
	int json = 0, tty = isatty(STDOUT_FILENO);
	size_t i, k;

	CLI_ARGS_EACH(c->args, o) {
		if (cli_arg_is(o, "article") && cli_parse_id(o->value, &f.article_id) != 0)
			return cli_usage(c, "'%s' is not an article id", o->value);
		if (cli_arg_is(o, "tag"))
			f.tag = o->value;
		if (cli_arg_is(o, "orphaned"))
			f.orphaned_only = 1;
		if (cli_arg_is(o, "json"))
			json = 1;
	}
	if (argc > 1)
		return cli_usage(c, "unexpected argument '%s'", argv[1]);
	if (store_highlight_list(c->store, &f, &hs) != 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	if (json)
		fputs("[", stdout);
	else if (tty && hs.n)
		printf("%5s  %5s  %-8s  %-20s  %-50s  %s\n", "ID", "ART", "STATE", "TAGS", "QUOTE",
		       "NOTE");
	else if (tty)
		puts("no annotations");
	for (i = 0; i < hs.n; i++) {
		const struct store_highlight *h = &hs.v[i];
		if (json) {
			struct buf b = {0};
			buf_adds(&b, i ? ",\n " : "\n ");
			json_highlight(&b, h);
			fputs(b.s, stdout);
			buf_free(&b);
			continue;
		}
		if (tty) {
			/* Aligned columns, as list prints on a terminal; a pipe
			 * gets the tab-separated lines below. */
			struct buf tags = {0};
			for (k = 0; k < h->ntags; k++)
				buf_printf(&tags, "%s#%s", k ? " " : "", h->tags[k]);
			printf("%5lld  %5lld  %-8s  ", (long long)h->id, (long long)h->article_id,
			       h->orphaned ? "orphaned" : "ok");
			cli_pad_field(tags.s ? tags.s : "", 20);
			fputs("  ", stdout);
			cli_pad_field(h->quote ? h->quote : "", 50);
			fputs("  ", stdout);
			cli_pad_field(h->note ? h->note : "", 40);
			putchar('\n');
			buf_free(&tags);
			continue;
		}
		printf("%lld\t%lld\t%s\t", (long long)h->id, (long long)h->article_id,
		       h->orphaned ? "orphaned" : "ok");
		for (k = 0; k < h->ntags; k++) {
			fputs(k ? "," : "", stdout);
			cli_tsv_field(h->tags[k]);
		}
		putchar('\t');
		cli_tsv_field(h->quote);
		putchar('\t');
		cli_tsv_field(h->note);
		putchar('\n');
	}
	if (json)
		fputs(hs.n ? "\n]\n" : "]\n", stdout);
	store_highlights_free(&hs);
	return CLI_OK;
}

int cli_cmd_note(struct cli *c, int argc, char **argv)
{
	int64_t id;
	int rc;

	char *text = NULL;
	size_t len;

	if (argc != 3)
		return cli_usage(c, "give an annotation id and the text (- reads standard input)");
	if (cli_parse_id(argv[1], &id) != 0)
		return cli_usage(c, "'%s' is not an annotation id", argv[1]);
	if (strcmp(argv[2], "-") == 0) {
		/* One byte past the limit is enough to tell it is too long. */
		if (util_read_file("-", STORE_NOTE_MAX + 1, &text, &len) != 0) {
			layout_fprintf_safe(stderr, "gloss: cannot read the note: %s\n",
			        errno == EFBIG ? "longer than the 1 MiB limit" : strerror(errno));
			return CLI_ERROR;
		}
		while (len && text[len - 1] == '\n')
			text[--len] = '\0';
		if (strlen(text) != len) {
			layout_fprintf_safe(stderr, "gloss: cannot save note: it holds a NUL byte\n");
			free(text);
			return CLI_ERROR;
		}
	}
	rc = store_note_set(c->store, id, text ? text : argv[2]);
	if (rc != 0) {
		if (rc == 1)
			layout_fprintf_safe(stderr, "gloss: no annotation %lld\n", (long long)id);
		else
			layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		free(text);
		return CLI_ERROR;
	}
	printf(*(text ? text : argv[2]) ? "noted %lld\n" : "removed the note of %lld\n", (long long)id);
	free(text);
	return CLI_OK;
}

int cli_cmd_unannotate(struct cli *c, int argc, char **argv)
{
	int i, failed = 0;

	if (argc < 2)
		return cli_usage(c, "which annotation?");
	for (i = 1; i < argc; i++) {
		struct store_deleted *undo;
		int64_t id;
		int rc;
		if (cli_parse_id(argv[i], &id) != 0)
			return cli_usage(c, "'%s' is not an annotation id", argv[i]);
		rc = store_highlight_delete(c->store, id, &undo);
		if (rc == 0) {
			printf("deleted %lld\n", (long long)id);
			store_deleted_free(undo);
		} else {
			layout_fprintf_safe(stderr, "gloss: %s\n",
			        rc == 1 ? "no such annotation" : store_errmsg(c->store));
			failed = 1;
		}
	}
	return failed ? CLI_ERROR : CLI_OK;
}

int cli_cmd_tags(struct cli *c, int argc, char **argv)
{
	struct store_tags ts = {0};
	int json = cli_args_has(c->args, "json");
	size_t i;

	if (argc > 1)
		return cli_usage(c, "unexpected argument '%s'", argv[1]);
	if (store_tag_list(c->store, &ts) != 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	if (json)
		fputs("[", stdout);
	for (i = 0; i < ts.n; i++) {
		const struct store_tag *t = &ts.v[i];
		if (json) {
			struct buf b = {0};
			buf_printf(&b, "%s\n {\"id\":%lld", i ? "," : "", (long long)t->id);
			cli_json_field(&b, "name", t->name, 1);
			if (t->key)
				buf_printf(&b, ",\"key\":%d", t->key);
			else
				buf_adds(&b, ",\"key\":null");
			cli_json_field(&b, "colour", t->colour, 1);
			buf_printf(&b, ",\"uses\":%lld}", (long long)t->uses);
			fputs(b.s, stdout);
			buf_free(&b);
		} else {
			printf("%s\t", t->key ? (char[]){(char)('0' + t->key), 0} : "-");
			cli_tsv_field(t->name);
			printf("\t%lld\t", (long long)t->uses);
			cli_tsv_field(t->colour ? t->colour : "-");
			putchar('\n');
		}
	}
	if (json)
		fputs(ts.n ? "\n]\n" : "]\n", stdout);
	store_tags_free(&ts);
	return CLI_OK;
}

static int parse_key_digit(const char *s)
{
	if (s[0] >= '0' && s[0] <= '9' && !s[1])
		return s[0] - '0';
	return -1;
}

int cli_cmd_tag(struct cli *c, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	int rc = -2;

	if (strcmp(sub, "add") == 0 && argc >= 3) {
		int key = 0, i;
		const char *colour = NULL;
		for (i = 3; i < argc; i++) {
			if (strcmp(argv[i], "--key") == 0 && i + 1 < argc) {
				if ((key = parse_key_digit(argv[++i])) < 0)
					return cli_usage(c, "--key takes a digit 1 to 9");
			} else if ((strcmp(argv[i], "--colour") == 0 || strcmp(argv[i], "--color") == 0) &&
			           i + 1 < argc) {
				colour = argv[++i];
			} else {
				return cli_usage(c, "unexpected argument '%s'", argv[i]);
			}
		}
		rc = store_tag_add(c->store, argv[2], key, colour) > 0 ? 0 : -1;
	} else if (strcmp(sub, "rename") == 0 && argc == 4) {
		rc = store_tag_rename(c->store, argv[2], argv[3]);
	} else if (strcmp(sub, "delete") == 0 && argc == 3) {
		rc = store_tag_delete(c->store, argv[2]);
	} else if (strcmp(sub, "bind") == 0 && argc == 4) {
		int key = parse_key_digit(argv[3]);
		if (key < 0)
			return cli_usage(c, "bind takes a digit 1 to 9 (0 unbinds)");
		rc = store_tag_bind(c->store, argv[2], key);
	} else if ((strcmp(sub, "colour") == 0 || strcmp(sub, "color") == 0) && argc == 4) {
		rc = store_tag_recolour(c->store, argv[2], argv[3]);
	} else {
		return cli_usage(c, "what should be done with the tag?");
	}
	if (rc == 1) {
		layout_fprintf_safe(stderr, "gloss: no tag '%s' ('gloss tags' lists them)\n", argv[2]);
		return CLI_ERROR;
	}
	if (rc < 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	layout_fprintf_safe(stdout, "%s %s\n", sub, argv[2]);
	return CLI_OK;
}

/* --- links --- */

int cli_cmd_link(struct cli *c, int argc, char **argv)
{
	const struct cli_arg *o;
	const char *relation = "see-also";
	int64_t from, to, id;
	int existed = 0;

	CLI_ARGS_EACH(c->args, o)
		if (cli_arg_is(o, "relation"))
			relation = o->value;
	if (argc != 3)
		return cli_usage(c, "give two annotation ids");
	if (cli_parse_id(argv[1], &from) != 0 || cli_parse_id(argv[2], &to) != 0)
		return cli_usage(c, "annotation ids are positive numbers");
	if (store_relation_problem(relation))
		return cli_usage(c, "%s", store_relation_problem(relation));
	id = store_link_add(c->store, from, to, relation, &existed);
	if (id < 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	/* Linking again changes nothing and says so. */
	printf("%s %lld: %lld ", existed ? "already linked" : "linked", (long long)id, (long long)from);
	cli_tsv_field(relation);
	printf(" %lld\n", (long long)to);
	return CLI_OK;
}

int cli_cmd_links(struct cli *c, int argc, char **argv)
{
	const struct cli_arg *o;
	struct store_links ls = {0};
	int64_t article = 0;
	int json = 0;
	size_t i;

	CLI_ARGS_EACH(c->args, o) {
		if (cli_arg_is(o, "article") && cli_parse_id(o->value, &article) != 0)
			return cli_usage(c, "'%s' is not an article id", o->value);
		if (cli_arg_is(o, "json"))
			json = 1;
	}
	if (argc > 1)
		return cli_usage(c, "unexpected argument '%s'", argv[1]);
	if (store_link_list(c->store, article, 0, &ls) != 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	if (json)
		fputs("[", stdout);
	for (i = 0; i < ls.n; i++) {
		const struct store_link *l = &ls.v[i];
		if (json) {
			struct buf b = {0};
			buf_printf(&b, "%s\n {\"id\":%lld,\"from\":%lld,\"to\":%lld,\"from_article\":%lld,"
			           "\"to_article\":%lld", i ? "," : "", (long long)l->id,
			           (long long)l->from_highlight, (long long)l->to_highlight,
			           (long long)l->from_article, (long long)l->to_article);
			cli_json_field(&b, "relation", l->relation, 1);
			cli_json_field(&b, "from_quote", l->from_quote, 1);
			cli_json_field(&b, "to_quote", l->to_quote, 1);
			buf_printf(&b, ",\"from_orphaned\":%s,\"to_orphaned\":%s",
			           l->from_orphaned ? "true" : "false", l->to_orphaned ? "true" : "false");
			if (article)
				buf_printf(&b, ",\"direction\":\"%s\"",
				           l->from_article == article ? "out" : "in");
			buf_addc(&b, '}');
			fputs(b.s, stdout);
			buf_free(&b);
		} else {
			printf("%lld\t%lld\t%lld\t", (long long)l->id, (long long)l->from_highlight,
			       (long long)l->from_article);
			cli_tsv_field(l->relation);
			printf("\t%lld\t%lld\t", (long long)l->to_highlight, (long long)l->to_article);
			cli_tsv_field(l->from_quote);
			printf("%s\t", l->from_orphaned ? " (orphaned)" : "");
			cli_tsv_field(l->to_quote);
			printf("%s\n", l->to_orphaned ? " (orphaned)" : "");
		}
	}
	if (json)
		fputs(ls.n ? "\n]\n" : "]\n", stdout);
	store_links_free(&ls);
	return CLI_OK;
}

int cli_cmd_unlink(struct cli *c, int argc, char **argv)
{
	int64_t id;
	int rc;

	if (argc != 2 || cli_parse_id(argv[1], &id) != 0)
		return cli_usage(c, "give one link id");
	rc = store_link_delete(c->store, id);
	if (rc != 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", rc == 1 ? "no such link" : store_errmsg(c->store));
		return CLI_ERROR;
	}
	printf("unlinked %lld\n", (long long)id);
	return CLI_OK;
}

