/* cli_entities.c — the recognizer and the entity index on the command
 * line: `gloss ner` (raw text, no library), `entities` and `entity`
 * (merge and split here; the corrections are cli_corrections.c's). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gloss/date.h"
#include "gloss/import.h"
#include "gloss/ingest.h"
#include "gloss/ingest_url.h"
#include "gloss/layout.h"
#include "gloss/ner.h"
#include "gloss/store.h"
#include "gloss/util.h"

#include "cli_internal.h"

/* --- ner --- */

int cli_cmd_ner(struct cli *c, int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "-";
	struct ner_result r = {0};
	struct buf out = {0};
	char *text;
	size_t len, i;

	(void)c;
	if (argc > 2)
		return cli_usage(c, "one file at most");
	if (util_read_file(path, IMPORT_MAX_BYTES, &text, &len) != 0) {
		layout_fprintf_safe(stderr, "gloss: cannot read '%s': %s\n",
		        strcmp(path, "-") == 0 ? "standard input" : path,
		        errno == EFBIG ? "larger than the 256 MiB limit" : strerror(errno));
		return CLI_ERROR;
	}
	ner_scan(text, len, &r);
	for (i = 0; i < r.n; i++) {
		const struct ner_span *s = &r.v[i];
		size_t k;
		buf_printf(&out, "%zu\t%zu\t%s\t", s->start, s->end, ner_label_name(s->label));
		for (k = s->start; k < s->end; k++) {
			unsigned char ch = (unsigned char)text[k];
			buf_addc(&out, ch < 0x20 || ch == 0x7f ? ' ' : (char)ch);
		}
		buf_addc(&out, '\n');
		if (out.len > 65536) {
			fwrite(out.s, 1, out.len, stdout);
			out.len = 0;
		}
	}
	if (out.len)
		fwrite(out.s, 1, out.len, stdout);
	buf_free(&out);
	ner_result_free(&r);
	free(text);
	return CLI_OK;
}

/* --- entities --- */

int cli_cmd_entities(struct cli *c, int argc, char **argv)
{
	const struct cli_arg *o;
	struct store_entities ents = {0};
	int64_t article = 0;
	int json = 0, label = -1;
	size_t i;

	CLI_ARGS_EACH(c->args, o) {
		if (cli_arg_is(o, "article") && cli_parse_id(o->value, &article) != 0)
			return cli_usage(c, "'%s' is not an article id", o->value);
		if (cli_arg_is(o, "label") && (label = ner_label_from_name(o->value)) < 0)
			return cli_usage(c, "unknown label '%s' (PERSON, ORG, GPE, DATE, ...)", o->value);
		if (cli_arg_is(o, "json"))
			json = 1;
	}
	if (argc > 1)
		return cli_usage(c, "unexpected argument '%s'", argv[1]);
	if (store_entity_list(c->store, article, label, &ents) != 0) {
		layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
		return CLI_ERROR;
	}
	if (json)
		fputs("[", stdout);
	for (i = 0; i < ents.n; i++) {
		struct store_entity *e = &ents.v[i];
		if (json) {
			struct buf b = {0};
			buf_printf(&b, "%s\n {\"id\":%lld", i ? "," : "", (long long)e->id);
			cli_json_field(&b, "label", ner_label_name(e->label), 1);
			cli_json_field(&b, "name", e->name, 1);
			buf_printf(&b, ",\"mentions\":%lld,\"articles\":%lld", (long long)e->mentions,
			           (long long)e->articles);
			{
				char *al = store_entity_aliases(c->store, e->id, 10);
				cli_json_field(&b, "aliases", al, 1);
				free(al);
			}
			buf_addc(&b, '}');
			fputs(b.s, stdout);
			buf_free(&b);
		} else {
			printf("%lld\t%s\t", (long long)e->id, ner_label_name(e->label));
			cli_tsv_field(e->name);
			printf("\t%lld\t%lld\n", (long long)e->mentions, (long long)e->articles);
		}
	}
	if (json)
		fputs(ents.n ? "\n]\n" : "]\n", stdout);
	store_entities_free(&ents);
	return CLI_OK;
}

int cli_cmd_entity(struct cli *c, int argc, char **argv)
{
	int64_t a, b;
	int rc = cli_entity_correct(c, argc, argv);

	if (rc >= 0)
		return rc;
	if (argc == 4 && strcmp(argv[1], "merge") == 0) {
		if (cli_parse_id(argv[2], &a) != 0 || cli_parse_id(argv[3], &b) != 0)
			return cli_usage(c, "entity ids are positive numbers ('gloss entities' lists them)");
		if (store_entity_merge(c->store, a, b) != 0) {
			layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
			return CLI_ERROR;
		}
		printf("merged %lld into %lld\n", (long long)a, (long long)b);
		return CLI_OK;
	}
	if (argc == 4 && strcmp(argv[1], "split") == 0) {
		if (cli_parse_id(argv[2], &a) != 0)
			return cli_usage(c, "'%s' is not an entity id", argv[2]);
		b = store_entity_split(c->store, a, argv[3]);
		if (b < 0) {
			layout_fprintf_safe(stderr, "gloss: %s\n", store_errmsg(c->store));
			return CLI_ERROR;
		}
		layout_fprintf_safe(stdout, "split '%s' off %lld as %lld\n", argv[3], (long long)a,
		                    (long long)b);
		return CLI_OK;
	}
	return cli_usage(c, "merge, split, relabel, reject, add, corrections or forget?");
}
