/* cli_internal.h — shared by the files of the command line (src/cli*.c),
 * not a public header.  Layers, each using only those below it:
 *   cli.c           the command table (names, option templates, usage,
 *                   summaries) and cli_run, which parses a command's
 *                   options (cli_args.c) and calls it;
 *   cli_TOPIC.c     the commands, by subject;
 *   cli_util.c, cli_args.c, cli_fetch.c   what the commands share. */
#ifndef GLOSS_CLI_INTERNAL_H
#define GLOSS_CLI_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "gloss/cli.h"
#include "gloss/cli_args.h"
#include "gloss/store.h"
#include "gloss/util.h"

/* The commands.  cli_run calls each with the operands left after its
 * options (argv[0] its name), the options in c->args; a command declared
 * without a template gets its arguments as given.  The exit status. */
int cli_cmd_import(struct cli *c, int argc, char **argv);       /* cli_import.c */
int cli_cmd_list(struct cli *c, int argc, char **argv);         /* cli_articles.c */
int cli_cmd_show(struct cli *c, int argc, char **argv);
int cli_cmd_search(struct cli *c, int argc, char **argv);
int cli_cmd_edit(struct cli *c, int argc, char **argv);
int cli_cmd_delete(struct cli *c, int argc, char **argv);
int cli_cmd_ner(struct cli *c, int argc, char **argv);          /* cli_entities.c */
int cli_cmd_entities(struct cli *c, int argc, char **argv);
int cli_cmd_entity(struct cli *c, int argc, char **argv);
int cli_cmd_highlight(struct cli *c, int argc, char **argv);    /* cli_annotate.c */
int cli_cmd_annotations(struct cli *c, int argc, char **argv);
int cli_cmd_note(struct cli *c, int argc, char **argv);
int cli_cmd_unannotate(struct cli *c, int argc, char **argv);
int cli_cmd_tags(struct cli *c, int argc, char **argv);
int cli_cmd_tag(struct cli *c, int argc, char **argv);
int cli_cmd_link(struct cli *c, int argc, char **argv);
int cli_cmd_links(struct cli *c, int argc, char **argv);
int cli_cmd_unlink(struct cli *c, int argc, char **argv);

/* cli_util.c */
/* A positive article, annotation or entity id: 0, or -1. */
int cli_parse_id(const char *s, int64_t *id);
/* ,"key":"value" (null for NULL; no comma without comma) to b. */
void cli_json_field(struct buf *b, const char *key, const char *val, int comma);
/* A field cut or padded to width columns, safe for the terminal. */
void cli_pad_field(const char *s, int width);
/* One TSV field (nothing for NULL), safe for the terminal. */
void cli_tsv_field(const char *s);
/* The article named by arg into *a: CLI_OK, CLI_USAGE for an arg that
 * is not an id, CLI_ERROR when there is none (said on stderr). */
int cli_get_article(struct cli *c, const char *arg, int with_body, struct store_article *a);
/* Ask question on the terminal; whether the answer was yes. */
int cli_confirm(const char *question);

#endif
