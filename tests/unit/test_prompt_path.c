/* test_prompt_path.c — ~ and $VAR expansion, folder completion, and the
 * remembered last path. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gloss/prompt_path.h"
#include "gloss/util.h"
#include "tap.h"

static char *exp1(const char *t)
{
	static char out[512];
	char *err = NULL, *r = prompt_path_expand(t, &err);

	snprintf(out, sizeof out, "%s", r ? r : err);
	free(r);
	free(err);
	return out;
}

int main(void)
{
	char tmpl[] = "/tmp/gloss-pp.XXXXXX", *d = mkdtemp(tmpl), *p, *c;

	setenv("HOME", d, 1);
	setenv("GLOSS_PP", "/srv/x", 1);
	unsetenv("GLOSS_PP_UNSET");
	unsetenv("XDG_STATE_HOME");
	p = xasprintf("%s/vault", d);
	CHECK_STR(exp1("~/vault"), p, "~/ is the home folder");
	free(p);
	CHECK_STR(exp1("~"), d, "~ alone");
	CHECK_STR(exp1("$GLOSS_PP/a"), "/srv/x/a", "$VAR");
	CHECK_STR(exp1("${GLOSS_PP}b"), "/srv/xb", "${VAR}");
	CHECK_STR(exp1("a~b/$ /c$"), "a~b/$ /c$", "a ~ or $ that starts nothing stays");
	CHECK_STR(exp1("$GLOSS_PP_UNSET/x"), "cannot expand $GLOSS_PP_UNSET: it is not set",
	          "an unset variable is an error, not an empty string");
	CHECK_STR(exp1("~nosuchuser-gloss/x"), "cannot expand ~nosuchuser-gloss: no such user",
	          "an unknown user");

	p = xasprintf("%s/vault-main", d);
	mkdir(p, 0700);
	free(p);
	p = xasprintf("%s/vault-old", d);
	mkdir(p, 0700);
	free(p);
	p = xasprintf("%s/valley.txt", d);
	fclose(fopen(p, "w"));
	free(p);
	c = prompt_path_complete("~/va", 1);
	CHECK_STR(c, "~/vault-", "two folders: as far as they agree, written as typed");
	free(c);
	c = prompt_path_complete("~/vault-m", 1);
	CHECK_STR(c, "~/vault-main/", "one folder: completed with a slash");
	free(c);
	c = prompt_path_complete("~/val", 1);
	CHECK(c == NULL, "a file is not offered for a folder");
	free(c);
	c = prompt_path_complete("~/val", 0);
	CHECK_STR(c, "~/valley.txt", "but is when files are asked for");
	free(c);
	c = prompt_path_complete("~/nothing", 1);
	CHECK(c == NULL, "no match, no change");
	free(c);
	c = prompt_path_complete("~", 1);
	CHECK_STR(c, "~/", "~ becomes ~/");
	free(c);

	CHECK(prompt_path_last("export-dir") == NULL, "nothing remembered at first");
	CHECK_INT(prompt_path_remember("export-dir", "~/vault-main"), 0, "remember a folder");
	c = prompt_path_last("export-dir");
	CHECK_STR(c, "~/vault-main", "read back as typed");
	free(c);
	{
		static const char *const junk[] = {"/.local/state/gloss/last-export-dir",
		                                   "/.local/state/gloss", "/.local/state", "/.local",
		                                   "/vault-main", "/vault-old", "/valley.txt", ""};
		size_t i;
		for (i = 0; i < sizeof junk / sizeof junk[0]; i++) {
			p = xasprintf("%s%s", d, junk[i]);
			if (remove(p) != 0)
				rmdir(p);
			free(p);
		}
	}
	return tap_done();
}
