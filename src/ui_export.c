/* ui_export.c — `x` on the screens: the folder asked for with the path
 * prompt (the one typed is offered next time, in any run), then the
 * Markdown export of the articles. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/export.h"
#include "gloss/prompt_path.h"
#include "gloss/ui.h"
#include "gloss/util.h"

/* The folder is asked for as a shell would take it (~, $VAR, Tab
 * completes); the one typed is offered next time, in any run. */
void ui_export(const int64_t *ids, size_t n)
{
	struct ui_path_opts po = {.dirs_only = 1};
	char *last = prompt_path_last("export-dir");
	char *typed = ui_prompt_path("export Markdown to folder (Tab completes): ",
	                             last ? last : ui.export_dir ? ui.export_dir : "~/gloss-export",
	                             &po);
	struct export_opts o;
	char *err = NULL, *dir;
	int files;

	free(last);
	if (!typed || !*typed) {
		ui_message("export cancelled");
		free(typed);
		return;
	}
	dir = prompt_path_expand(typed, &err);
	if (!dir) {
		ui_error("%s", err);
		free(err);
		free(typed);
		return;
	}
	memset(&o, 0, sizeof o);
	o.articles = ids;
	o.narticles = n;
	o.dir = dir;
	files = export_markdown(ui.store, &o, &err);
	if (files < 0) {
		ui_error("%s", err);
	} else {
		prompt_path_remember("export-dir", typed);
		ui_message("exported %d file%s to %s", files, files == 1 ? "" : "s", dir);
	}
	free(err);
	free(dir);
	free(typed);
}
