/* export_folder.c — reading back the article files an earlier export
 * left in a folder: the front matter's gloss_id, title, outlet and
 * counts (YAML as export_yaml_str writes it) and the highlight anchors
 * (<a id="h12"></a> lines). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/export_folder.h"
#include "gloss/util.h"

/* An article file is small next to this; a bigger one is not ours. */
#define FOLDER_FILE_MAX ((size_t)64 << 20)

void export_present_clear(struct export_present *p)
{
	free(p->file);
	free(p->title);
	free(p->outlet);
	free(p->anchors);
	memset(p, 0, sizeof *p);
}

void export_folder_free(struct export_folder *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		export_present_clear(&f->v[i]);
	free(f->v);
	memset(f, 0, sizeof *f);
}

static void put_utf8(struct buf *b, uint32_t c)
{
	char s[4];

	if (c < 0x80) {
		buf_addc(b, (char)c);
	} else if (c < 0x800) {
		s[0] = (char)(0xc0 | c >> 6);
		s[1] = (char)(0x80 | (c & 0x3f));
		buf_add(b, s, 2);
	} else if (c < 0x10000) {
		s[0] = (char)(0xe0 | c >> 12);
		s[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		s[2] = (char)(0x80 | (c & 0x3f));
		buf_add(b, s, 3);
	} else {
		s[0] = (char)(0xf0 | c >> 18);
		s[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		s[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		s[3] = (char)(0x80 | (c & 0x3f));
		buf_add(b, s, 4);
	}
}

/* A YAML double-quoted scalar on one line (s up to end) as
 * export_yaml_str writes it; NULL when it is not one. */
static char *yaml_unquote(const char *s, const char *end)
{
	struct buf b = {0};

	if (s >= end || *s != '"')
		return NULL;
	for (s++; s < end && *s != '"'; s++) {
		if (*s != '\\') {
			buf_addc(&b, *s);
			continue;
		}
		if (++s >= end)
			break;
		switch (*s) {
		case 'n': buf_addc(&b, '\n'); break;
		case 't': buf_addc(&b, '\t'); break;
		case 'r': buf_addc(&b, '\r'); break;
		case 'u': {
			uint32_t c = 0;
			int k;
			for (k = 1; k <= 4 && s + k < end; k++) {
				char h = s[k];
				c = c * 16 + (uint32_t)(h >= '0' && h <= '9' ? h - '0'
				                        : (h | 32) >= 'a' && (h | 32) <= 'f' ? (h | 32) - 'a' + 10 : 0);
			}
			s += 4;
			put_utf8(&b, c);
			break;
		}
		default: buf_addc(&b, *s); break;
		}
	}
	if (s >= end) {
		buf_free(&b);
		return NULL;
	}
	if (!b.s)
		return xstrdup("");
	return buf_steal(&b);
}

static int64_t parse_num(const char *s, const char *end)
{
	int64_t v = 0;

	while (s < end && *s >= '0' && *s <= '9' && v < INT64_MAX / 10)
		v = v * 10 + (*s++ - '0');
	return v;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

int export_folder_parse(const char *name, const char *text, size_t len,
                        struct export_present *out)
{
	const char *p = text, *end = text + len, *fm_end, *n = name;
	int64_t name_id = 0;
	int have_id = 0;
	size_t cap = 0;

	memset(out, 0, sizeof *out);
	while (*n >= '0' && *n <= '9' && name_id < INT64_MAX / 10)
		name_id = name_id * 10 + (*n++ - '0');
	if (n == name || *n != '-' || len < 4 || memcmp(text, "---\n", 4) != 0)
		return -1;
	/* The front matter: "key: value" lines up to the closing "---". */
	for (p = text + 4; p < end; ) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if (eol - p == 3 && memcmp(p, "---", 3) == 0)
			break;
#define FIELD(k) ((size_t)(eol - p) > sizeof k - 1 && memcmp(p, k, sizeof k - 1) == 0)
		if (FIELD("gloss_id: ")) {
			out->id = parse_num(p + 10, eol);
			have_id = 1;
		} else if (FIELD("title: ") && !out->title) {
			out->title = yaml_unquote(p + 7, eol);
		} else if (FIELD("outlet: ") && !out->outlet) {
			out->outlet = yaml_unquote(p + 8, eol);
		} else if (FIELD("highlights: ")) {
			out->highlights = parse_num(p + 12, eol);
		} else if (FIELD("notes: ")) {
			out->notes = parse_num(p + 7, eol);
		} else if (FIELD("links: ")) {
			out->links = parse_num(p + 7, eol);
		} else if (FIELD("orphaned: ")) {
			out->orphaned = parse_num(p + 10, eol);
		}
#undef FIELD
		p = eol + 1;
	}
	fm_end = p;
	if (p >= end || !have_id || out->id != name_id || out->id <= 0) {
		export_present_clear(out);
		return -1;
	}
	/* The anchors, one a line, as the export writes them. */
	for (p = fm_end; p < end; ) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if (eol - p > 13 && memcmp(p, "<a id=\"h", 8) == 0 && memcmp(eol - 6, "\"></a>", 6) == 0) {
			const char *d = p + 8;
			int64_t id = parse_num(d, eol);
			if (id > 0) {
				if (out->nanchors == cap) {
					cap = cap ? cap * 2 : 16;
					out->anchors = xreallocarray(out->anchors, cap, sizeof *out->anchors);
				}
				out->anchors[out->nanchors++] = id;
			}
		}
		p = eol + 1;
	}
	if (out->nanchors > 1)
		qsort(out->anchors, out->nanchors, sizeof *out->anchors, cmp_i64);
	out->file = xstrdup(name);
	if (!out->title)
		out->title = xstrdup("");
	return 0;
}

static int cmp_present(const void *a, const void *b)
{
	const struct export_present *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return strcmp(x->file, y->file);
}

int export_folder_read(const char *dir, struct export_folder *out)
{
	DIR *d;
	struct dirent *e;
	size_t cap = 0, i, k;

	memset(out, 0, sizeof *out);
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name;
		size_t len = strlen(n), flen;
		struct export_present p;
		char *path, *text;
		int rc;
		if (!(n[0] >= '0' && n[0] <= '9') || len < 4 || strcmp(n + len - 3, ".md") != 0)
			continue;
		path = xasprintf("%s/%s", dir, n);
		rc = util_read_file(path, FOLDER_FILE_MAX, &text, &flen);
		free(path);
		if (rc != 0)
			continue;
		rc = export_folder_parse(n, text, flen, &p);
		free(text);
		if (rc != 0)
			continue;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			out->v = xreallocarray(out->v, cap, sizeof *out->v);
		}
		out->v[out->n++] = p;
	}
	closedir(d);
	/* By id; of two files for one article (an older name left behind),
	 * the first by name, so the result does not depend on readdir. */
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_present);
	for (i = 0, k = 0; i < out->n; i++) {
		if (k && out->v[k - 1].id == out->v[i].id) {
			export_present_clear(&out->v[i]);
			continue;
		}
		out->v[k++] = out->v[i];
	}
	out->n = k;
	return 0;
}

const struct export_present *export_folder_find(const struct export_folder *f, int64_t id)
{
	size_t lo = 0, hi = f->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->v[mid].id == id)
			return &f->v[mid];
		if (f->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int export_present_has_anchor(const struct export_present *p, int64_t hl)
{
	return p && p->nanchors &&
	       bsearch(&hl, p->anchors, p->nanchors, sizeof *p->anchors, cmp_i64) != NULL;
}
