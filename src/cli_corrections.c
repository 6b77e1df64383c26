/* cli_corrections.c — `gloss entity relabel|reject|add|corrections|forget`:
 * the user's corrections of the entity recognizer from the command line.
 * The reader makes the same ones through corrections.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/cli.h"
#include "gloss/corrections.h"
#include "gloss/export.h"
#include "gloss/store.h"
#include "gloss/store_corrections.h"
#include "gloss/util.h"

#include "cli_internal.h"

static int fail(struct cli *c)
{
	fputs("gloss: ", stderr);
	cli_print_safe_to(stderr, store_errmsg(c->store), strlen(store_errmsg(c->store)), 1);
	fputc('\n', stderr);
	return CLI_ERROR;
}

static int label_arg(const struct cli *c, const char *s)
{
	int l = ner_label_from_name(s);
	if (l < 0)
		cli_usage(c, "unknown label '%s' (PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, "
		          "WORK_OF_ART, LAW, LANGUAGE, DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL)", s);
	return l;
}

static void done(const char *what, const char *text, int label, int64_t id, int articles)
{
	fputs(what, stdout);
	fputs(" '", stdout);
	cli_print_safe(text, strlen(text), 1);
	printf("'%s%s: correction %lld, %d article%s redone\n", label >= 0 ? " as " : "",
	       label >= 0 ? ner_label_name((enum ner_label)label) : "", (long long)id, articles,
	       articles == 1 ? "" : "s");
}

static int list(struct cli *c, int json)
{
	struct corrections all = {0};
	if (store_corrections_list(c->store, &all) != 0)
		return fail(c);
	if (json)
		fputs("[", stdout);
	for (size_t i = 0; i < all.n; i++) {
		const struct correction *k = &all.v[i];
		const char *label = k->label >= 0 ? ner_label_name((enum ner_label)k->label) : NULL;
		if (json) {
			struct buf b = {0};
			buf_printf(&b, "%s\n {\"id\":%lld,\"kind\":\"%s\",\"text\":", i ? "," : "",
			           (long long)k->id, correction_kind_name(k->kind));
			json_put_str(&b, k->text, strlen(k->text));
			buf_adds(&b, ",\"label\":");
			if (label)
				json_put_str(&b, label, strlen(label));
			else
				buf_adds(&b, "null");
			buf_adds(&b, ",\"created\":");
			json_put_str(&b, k->created, strlen(k->created));
			buf_addc(&b, '}');
			fwrite(b.s, 1, b.len, stdout);
			buf_free(&b);
		} else {
			printf("%lld\t%s\t%s\t", (long long)k->id, correction_kind_name(k->kind), label ? label : "-");
			cli_print_safe(k->text, strlen(k->text), 1);
			printf("\t%s\n", k->created);
		}
	}
	if (json)
		fputs(all.n ? "\n]\n" : "]\n", stdout);
	corrections_free(&all);
	return CLI_OK;
}

int cli_entity_correct(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";
	struct store_entity e = {0};
	int64_t id = 0, cid = 0;
	int label = -1, n = 0, rc;

	if (strcmp(verb, "corrections") == 0) {
		if (argc > 3 || (argc == 3 && strcmp(argv[2], "--json") != 0))
			return cli_usage(c, "corrections takes only --json");
		return list(c, argc == 3);
	}
	if (strcmp(verb, "forget") == 0) {
		if (argc != 3 || cli_parse_id(argv[2], &id) != 0)
			return cli_usage(c, "forget takes a correction's number ('gloss entity corrections')");
		rc = corrections_forget(c->store, id, &n);
		if (rc < 0)
			return fail(c);
		if (rc > 0) {
			fprintf(stderr, "gloss: no correction %lld ('gloss entity corrections' lists them)\n",
			        (long long)id);
			return CLI_ERROR;
		}
		printf("forgot correction %lld: %d article%s redone\n", (long long)id, n, n == 1 ? "" : "s");
		return CLI_OK;
	}
	if (strcmp(verb, "relabel") == 0) {
		if (argc != 4 || cli_parse_id(argv[2], &id) != 0)
			return cli_usage(c, "relabel takes an entity id and a label");
		if ((label = label_arg(c, argv[3])) < 0)
			return CLI_USAGE;
		rc = store_entity_get(c->store, id, &e);
		if (rc != 0) {
			if (rc < 0)
				return fail(c);
			fprintf(stderr, "gloss: no entity %lld ('gloss entities' lists them)\n", (long long)id);
			return CLI_ERROR;
		}
		if (corrections_make(c->store, CORRECTION_RELABEL, e.name, label, &cid, &n) != 0) {
			free(e.name);
			return fail(c);
		}
		done("relabelled", e.name, label, cid, n);
		free(e.name);
		return CLI_OK;
	}
	if (strcmp(verb, "reject") == 0) {
		const char *text;
		if (argc != 3 || !argv[2][0])
			return cli_usage(c, "reject takes an entity id or a text");
		text = argv[2];
		/* A number is an entity's id when there is one. */
		if (cli_parse_id(argv[2], &id) == 0) {
			rc = store_entity_get(c->store, id, &e);
			if (rc < 0)
				return fail(c);
			if (rc == 0)
				text = e.name;
		}
		if (corrections_make(c->store, CORRECTION_REJECT, text, -1, &cid, &n) != 0) {
			free(e.name);
			return fail(c);
		}
		done("rejected", text, -1, cid, n);
		free(e.name);
		return CLI_OK;
	}
	if (strcmp(verb, "add") == 0) {
		if (argc != 4 || !argv[2][0] || strchr(argv[2], '\n'))
			return cli_usage(c, "add takes a text (one line) and a label");
		if ((label = label_arg(c, argv[3])) < 0)
			return CLI_USAGE;
		if (corrections_make(c->store, CORRECTION_ADD, argv[2], label, &cid, &n) != 0)
			return fail(c);
		done("added", argv[2], label, cid, n);
		return CLI_OK;
	}
	return -1;
}
