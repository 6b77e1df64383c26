/* prompt_path.c — paths as people type them into a prompt: expansion of
 * ~ and $VAR, completion from the file system, and the last one kept in
 * a small state file. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gloss/prompt_path.h"
#include "gloss/util.h"

static int var_char(char c, int first)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (!first && c >= '0' && c <= '9');
}

char *prompt_path_expand(const char *t, char **err)
{
	struct buf b = {0};
	const char *p = t;

	*err = NULL;
	if (*p == '~') {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == 1) {
			const char *home = getenv("HOME");
			if (!home || !*home) {
				struct passwd *pw = getpwuid(getuid());
				home = pw ? pw->pw_dir : NULL;
			}
			if (!home) {
				*err = xstrdup("cannot expand ~: HOME is not set");
				return NULL;
			}
			buf_adds(&b, home);
		} else {
			char *user = xstrndup(p + 1, n - 1);
			struct passwd *pw = getpwnam(user);
			if (!pw) {
				*err = xasprintf("cannot expand ~%s: no such user", user);
				free(user);
				return NULL;
			}
			free(user);
			buf_adds(&b, pw->pw_dir);
		}
		p += n;
	}
	while (*p) {
		if (*p == '$' && (var_char(p[1], 1) || (p[1] == '{' && var_char(p[2], 1)))) {
			int braced = p[1] == '{';
			const char *s = p + 1 + braced, *e = s, *val;
			char *name;
			while (var_char(*e, 0))
				e++;
			if (braced && *e != '}') {
				buf_addc(&b, *p++);
				continue;
			}
			name = xstrndup(s, (size_t)(e - s));
			val = getenv(name);
			if (!val) {
				*err = xasprintf("cannot expand $%s: it is not set", name);
				free(name);
				buf_free(&b);
				return NULL;
			}
			free(name);
			buf_adds(&b, val);
			p = e + braced;
			continue;
		}
		buf_addc(&b, *p++);
	}
	return b.s ? buf_steal(&b) : xstrdup("");
}

char *prompt_path_complete(const char *text, int dirs_only)
{
	const char *slash = strrchr(text, '/');
	size_t head = slash ? (size_t)(slash - text) + 1 : 0; /* the typed folder part */
	const char *prefix = text + head;
	size_t plen = strlen(prefix), best_len = 0;
	char *typed_dir, *dir, *err = NULL, *best = NULL, *out;
	int matches = 0, best_is_dir = 0;
	DIR *d;
	struct dirent *e;

	/* "~" alone means "~/". */
	if (strcmp(text, "~") == 0)
		return xstrdup("~/");
	typed_dir = xstrndup(text, head);
	dir = prompt_path_expand(head ? typed_dir : ".", &err);
	free(err);
	if (!dir || !(d = opendir(*dir ? dir : "/"))) {
		free(dir);
		free(typed_dir);
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name;
		char *full;
		struct stat sb;
		int is_dir;
		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 || strncmp(n, prefix, plen) != 0)
			continue;
		/* Hidden entries only when asked for with a leading dot. */
		if (n[0] == '.' && (plen == 0 || prefix[0] != '.'))
			continue;
		full = xasprintf("%s/%s", dir, n);
		is_dir = stat(full, &sb) == 0 && S_ISDIR(sb.st_mode);
		free(full);
		if (dirs_only && !is_dir)
			continue;
		if (!matches++) {
			best = xstrdup(n);
			best_len = strlen(n);
			best_is_dir = is_dir;
		} else {
			size_t k = 0;
			while (k < best_len && best[k] == n[k])
				k++;
			/* never in the middle of a character */
			while (k > 0 && k < best_len && ((unsigned char)best[k] & 0xc0) == 0x80)
				k--;
			best_len = k;
		}
	}
	closedir(d);
	free(dir);
	if (!matches || (best_len <= plen && !(matches == 1 && best_is_dir))) {
		free(best);
		free(typed_dir);
		return NULL;
	}
	out = xasprintf("%s%.*s%s", typed_dir, (int)best_len, best,
	                matches == 1 && best_is_dir ? "/" : "");
	free(best);
	free(typed_dir);
	return out;
}

static char *state_file(const char *key)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/gloss/last-%s", xdg, key);
	if (home && *home)
		return xasprintf("%s/.local/state/gloss/last-%s", home, key);
	return NULL;
}

char *prompt_path_last(const char *key)
{
	char *path = state_file(key), *text = NULL;
	size_t len;

	if (!path)
		return NULL;
	if (util_read_file(path, 8192, &text, &len) != 0) {
		free(path);
		return NULL;
	}
	free(path);
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		text[--len] = '\0';
	if (!len || memchr(text, '\0', len) || strchr(text, '\n')) {
		free(text);
		return NULL;
	}
	return text;
}

/* mkdir -p for the folder part of path. */
static void make_parents(const char *path)
{
	char *d = xstrdup(path), *p;

	for (p = d + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		(void)mkdir(d, 0700);
		*p = '/';
	}
	free(d);
}

int prompt_path_remember(const char *key, const char *text)
{
	char *path = state_file(key), *tmp;
	FILE *f;
	int rc = 0;

	if (!path || strchr(text, '\n')) {
		free(path);
		return -1;
	}
	make_parents(path);
	tmp = xasprintf("%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f || fprintf(f, "%s\n", text) < 0)
		rc = -1;
	if (f && fclose(f) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -1;
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	free(path);
	return rc;
}
