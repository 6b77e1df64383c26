/* util.c — allocation wrappers, buffers, the fatal path, whole-file reads,
 * SHA-256 (so body hashes need no extra library), base64, mkdir -p
 * and the atomic file writer of the exports. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gloss/util.h"

static void (*fatal_hook)(void);

void util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

void fatal(const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook)
		fatal_hook();
	fputs("gloss: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void warnx_(const char *fmt, ...)
{
	va_list ap;

	fputs("gloss: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		fatal("out of memory (%zu bytes)", n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		fatal("out of memory (%zu × %zu bytes)", n, size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		fatal("out of memory (%zu bytes)", n);
	return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		fatal("out of memory (%zu × %zu bytes overflows)", n, size);
	return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *p, probe[1];

	/* A one-byte buffer rather than NULL: gcc's -Wformat-truncation
	 * misreads vsnprintf(NULL, 0, ...) at some optimisation levels. */
	va_copy(aq, ap);
	n = vsnprintf(probe, sizeof probe, fmt, aq);
	va_end(aq);
	if (n < 0)
		fatal("bad format string '%s'", fmt);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

void util_large_array(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1), e = ((uintptr_t)p + n) & ~(huge - 1);

	/* Only whole huge pages inside the array: nothing else shares them. */
	if (e > a)
		(void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void buf_reserve(struct buf *b, size_t extra)
{
	if (extra > SIZE_MAX - b->len - 1)
		fatal("out of memory (buffer of %zu bytes)", b->len);
	if (b->len + extra + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + extra + 1)
			cap = cap > SIZE_MAX / 2 ? b->len + extra + 1 : cap * 2;
		b->s = xrealloc(b->s, cap);
		b->cap = cap;
	}
}

void buf_add(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Formatted straight into the buffer's free space; a second pass only
 * when it did not fit. */
void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	buf_reserve(b, 63);
	va_start(ap, fmt);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("bad format string '%s'", fmt);
	if ((size_t)n >= b->cap - b->len) {
		buf_reserve(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

char *buf_steal(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

static int read_stream(FILE *f, size_t max, char **out, size_t *len);

int util_read_file(const char *path, size_t max, char **out, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");

	if (!f)
		return -1;
	return read_stream(f, max, out, len);
}

int util_read_regular_file(const char *path, size_t max, char **out, size_t *len)
{
	struct stat st;
	FILE *f;
	/* O_NONBLOCK: opening a FIFO without a writer must not wait. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		int e = errno;
		close(fd);
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			return -1;
		}
		errno = e;
		return -2;
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0 || !(f = fdopen(fd, "rb"))) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return read_stream(f, max, out, len);
}

const char *util_file_kind(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return NULL;
	if (S_ISREG(st.st_mode))
		return NULL;
	if (S_ISDIR(st.st_mode))
		return "is a directory";
	if (S_ISFIFO(st.st_mode))
		return "is not a regular file (it is a FIFO)";
	if (S_ISSOCK(st.st_mode))
		return "is not a regular file (it is a socket)";
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		return "is not a regular file (it is a device)";
	return "is not a regular file";
}

/* The rest of a file already open: closes f unless it is stdin. */
static int read_stream(FILE *f, size_t max, char **out, size_t *len)
{
	struct buf b = {0};
	char chunk[65536];
	size_t n;
	struct stat st;

	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		if (f != stdin)
			fclose(f);
		errno = EISDIR;
		return -1;
	}
	/* A regular file over the limit is refused before reading a byte,
	 * and one within it is read into a buffer of its size. */
	if (f != stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		if ((uintmax_t)st.st_size > max) {
			fclose(f);
			errno = EFBIG;
			return -1;
		}
		b.cap = (size_t)st.st_size + 1;
		b.s = xmalloc(b.cap);
		b.s[0] = '\0';
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > max) {
			buf_free(&b);
			if (f != stdin)
				fclose(f);
			errno = EFBIG;
			return -1;
		}
		buf_add(&b, chunk, n);
	}
	if (ferror(f)) {
		int e = errno;
		buf_free(&b);
		if (f != stdin)
			fclose(f);
		errno = e ? e : EIO;
		return -1;
	}
	if (f != stdin)
		fclose(f);
	*len = b.len;
	*out = buf_steal(&b);
	return 0;
}

/* SHA-256 as FIPS 180-4 describes it. */
static const uint32_t sha_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, hh, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
	for (i = 0; i < 64; i++) {
		t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + sha_k[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

void util_sha256_hex(const void *data, size_t len, char out[65])
{
	uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	const unsigned char *p = data;
	unsigned char tail[128];
	size_t i, rest = len % 64, tl;
	uint64_t bits = (uint64_t)len * 8;

	for (i = 0; i + 64 <= len; i += 64)
		sha_block(h, p + i);
	memset(tail, 0, sizeof tail);
	if (rest)
		memcpy(tail, p + len - rest, rest);
	tail[rest] = 0x80;
	tl = rest < 56 ? 64 : 128;
	for (i = 0; i < 8; i++)
		tail[tl - 1 - i] = (unsigned char)(bits >> (8 * i));
	sha_block(h, tail);
	if (tl == 128)
		sha_block(h, tail + 64);
	for (i = 0; i < 8; i++)
		snprintf(out + 8 * i, 9, "%08x", (unsigned)h[i]);
}

const char *util_next_word(const char **p, size_t *n)
{
	const char *s = *p, *w;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!*s) {
		*p = s;
		*n = 0;
		return NULL;
	}
	w = s;
	while (*s && *s != ' ' && *s != '\t' && *s != '\n')
		s++;
	*p = s;
	*n = (size_t)(s - w);
	return w;
}

size_t util_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, c = p[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	/* Overlong forms and surrogates are not UTF-8. */
	if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	*cp = c;
	return len;
}

void buf_json_str_ex(struct buf *b, const char *s, size_t len, int keep_bytes)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	uint32_t cp;

	buf_addc(b, '"');
	while (i < len) {
		unsigned char c = p[i];
		size_t n;
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
			i++;
		} else if (c == '\n') {
			buf_adds(b, "\\n"), i++;
		} else if (c == '\t') {
			buf_adds(b, "\\t"), i++;
		} else if (c == '\r') {
			buf_adds(b, "\\r"), i++;
		} else if (c < 0x20 || c == 0x7f) {
			buf_printf(b, "\\u%04x", c);
			i++;
		} else if ((n = util_utf8_decode(p + i, len - i, &cp)) > 0) {
			/* C1 controls, bidi marks, overrides and isolates, and the
			 * line and paragraph separators as \u escapes: the same
			 * string to a JSON reader, but never raw in a terminal
			 * that shows the output. */
			if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
			    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f ||
			    cp == 0x061c || cp == 0x2028 || cp == 0x2029)
				buf_printf(b, "\\u%04x", (unsigned)cp);
			else
				buf_add(b, p + i, n);
			i += n;
		} else {
			/* keep_bytes: as Python's surrogateescape writes it, which
			 * the backup reader turns back into the byte. */
			if (keep_bytes)
				buf_printf(b, "\\udc%02x", c);
			else
				buf_adds(b, "\\ufffd");
			i++;
		}
	}
	buf_addc(b, '"');
}

void buf_json_str(struct buf *b, const char *s, size_t len)
{
	buf_json_str_ex(b, s, len, 0);
}

void util_set_err(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errsz)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
}

void util_ascii_lower_str(char *s)
{
	for (; *s; s++)
		*s = util_ascii_lower(*s);
}

/* --- files written whole or not at all --------------------------------- */

#define OUT_TMP_TAG ".gloss-"

char *util_out_err(const char *path, const char *reason)
{
	return xasprintf("cannot export to '%s': %s", path, reason);
}

int util_out_open(struct util_out *o, const char *path, char **err)
{
	struct stat sb;
	const char *slash;
	char *dir;
	mode_t mask;
	int fd;

	memset(o, 0, sizeof *o);
	o->path = path;
	if (!path || strcmp(path, "-") == 0) {
		o->path = "standard output";
		o->f = stdout;
		o->is_stdout = 1;
		return 0;
	}
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		if (S_ISDIR(sb.st_mode)) {
			*err = util_out_err(path, "it is a directory");
			return -1;
		}
		o->f = fopen(path, "w");
		if (!o->f) {
			*err = util_out_err(path, strerror(errno));
			return -1;
		}
		return 0;
	}
	slash = strrchr(path, '/');
	dir = slash ? xstrndup(path, (size_t)(slash - path) + 1) : xstrdup("");
	o->tmp = xasprintf("%s.%s" OUT_TMP_TAG "%ld.XXXXXX", dir, slash ? slash + 1 : path,
	                   (long)getpid());
	free(dir);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		*err = util_out_err(path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	/* mkstemp makes 0600; an export is an ordinary file. */
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	o->f = fdopen(fd, "w");
	if (!o->f) {
		*err = util_out_err(path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	return 0;
}

void util_out_abort(struct util_out *o)
{
	if (o->f && !o->is_stdout)
		fclose(o->f);
	if (o->tmp) {
		unlink(o->tmp);
		free(o->tmp);
	}
	memset(o, 0, sizeof *o);
}

int util_out_write(struct util_out *o, const void *p, size_t n, char **err)
{
	if (n && fwrite(p, 1, n, o->f) != n) {
		*err = util_out_err(o->path, strerror(errno ? errno : EIO));
		util_out_abort(o);
		return -1;
	}
	return 0;
}

int util_out_close(struct util_out *o, int sync, char **err)
{
	int e = 0;

	errno = 0;
	if (fflush(o->f) != 0 || ferror(o->f))
		e = errno ? errno : EIO;
	if (o->is_stdout) {
		if (e) {
			*err = util_out_err(o->path, strerror(e));
			return -1;
		}
		o->f = NULL;
		return 0;
	}
	if (!e && sync && o->tmp && fsync(fileno(o->f)) != 0)
		e = errno;
	if (fclose(o->f) != 0 && !e)
		e = errno ? errno : EIO;
	o->f = NULL;
	if (e) {
		*err = util_out_err(o->path, strerror(e));
		util_out_abort(o);
		return -1;
	}
	return 0;
}

int util_out_rename(struct util_out *o, char **err)
{
	if (o->tmp && rename(o->tmp, o->path) != 0) {
		*err = util_out_err(o->path, strerror(errno));
		util_out_abort(o);
		return -1;
	}
	free(o->tmp);
	memset(o, 0, sizeof *o);
	return 0;
}

int util_out_commit(struct util_out *o, char **err)
{
	return util_out_close(o, 1, err) == 0 ? util_out_rename(o, err) : -1;
}

/* Is n ".NAME.gloss-PID.XXXXXX" (NAME given: that one) with PID a process
 * that no longer runs? */
static int stale_tmp(const char *n, const char *name)
{
	const char *tag, *p;
	long pid = 0;
	size_t k;

	if (n[0] != '.')
		return 0;
	if (name) {
		size_t len = strlen(name);
		if (strncmp(n + 1, name, len) != 0 || strncmp(n + 1 + len, OUT_TMP_TAG, 7) != 0)
			return 0;
		tag = n + 1 + len;
	} else {
		/* The last ".gloss-": a name may hold the tag itself. */
		tag = NULL;
		for (p = strstr(n + 1, OUT_TMP_TAG); p; p = strstr(p + 1, OUT_TMP_TAG))
			tag = p;
		if (!tag || tag == n + 1)
			return 0;
	}
	p = tag + 7;
	if (*p < '1' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9' && pid < 1000000000L)
		pid = pid * 10 + (*p++ - '0');
	if (*p++ != '.')
		return 0;
	for (k = 0; k < 6; k++)
		if (!p[k])
			return 0;
	if (p[6])
		return 0;
	if (pid == (long)getpid())
		return 0;
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

int util_out_clean_stale(const char *dir, const char *name)
{
	DIR *d = opendir(dir && *dir ? dir : ".");
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (stale_tmp(e->d_name, name)) {
			char *path = xasprintf("%s/%s", dir && *dir ? dir : ".", e->d_name);
			struct stat sb;
			if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && unlink(path) == 0)
				n++;
			free(path);
		}
	}
	closedir(d);
	return n;
}

int util_out_clean_stale_file(const char *path)
{
	const char *slash;
	char *dir;
	int n;

	if (!path || strcmp(path, "-") == 0)
		return 0;
	slash = strrchr(path, '/');
	dir = slash ? xstrndup(path, (size_t)(slash - path) + 1) : xstrdup(".");
	n = util_out_clean_stale(dir, slash ? slash + 1 : path);
	free(dir);
	return n;
}

int util_mkdir_p(const char *path, unsigned mode)
{
	char *dir = xstrdup(path), *p;
	int rc = 0, e = 0;

	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, (mode_t)mode) != 0 && errno != EEXIST)
			rc = -1, e = errno;
		*p = '/';
	}
	if (mkdir(dir, (mode_t)mode) != 0 && errno != EEXIST)
		rc = -1, e = errno;
	free(dir);
	if (rc)
		errno = e;
	return rc;
}

/* --- base64 ------------------------------------------------------------- */

void util_base64(struct buf *b, const unsigned char *p, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	buf_reserve(b, (n + 2) / 3 * 4);
	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		char q[4] = {tab[v >> 18], tab[(v >> 12) & 63], tab[(v >> 6) & 63], tab[v & 63]};
		buf_add(b, q, 4);
	}
	if (i < n) {
		uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0);
		char q[4] = {tab[v >> 18], tab[(v >> 12) & 63], i + 1 < n ? tab[(v >> 6) & 63] : '=', '='};
		buf_add(b, q, 4);
	}
}

int util_unbase64(const char *s, size_t n, unsigned char **out, size_t *outlen)
{
	unsigned char *o;
	size_t i, k = 0;

	if (n % 4)
		return -1;
	o = xmalloc(n / 4 * 3 + 1);
	for (i = 0; i < n; i += 4) {
		uint32_t v = 0;
		int j, pad = 0;
		for (j = 0; j < 4; j++) {
			char c = s[i + j];
			int d;
			if (c >= 'A' && c <= 'Z')
				d = c - 'A';
			else if (c >= 'a' && c <= 'z')
				d = c - 'a' + 26;
			else if (c >= '0' && c <= '9')
				d = c - '0' + 52;
			else if (c == '+')
				d = 62;
			else if (c == '/')
				d = 63;
			else if (c == '=' && i + 4 == n && j >= 2 && (j == 3 || s[i + 3] == '='))
				d = 0, pad++;
			else
				goto bad;
			if (pad && c != '=')
				goto bad;
			v = v << 6 | (uint32_t)d;
		}
		o[k++] = (unsigned char)(v >> 16);
		if (pad < 2)
			o[k++] = (unsigned char)(v >> 8);
		if (pad < 1)
			o[k++] = (unsigned char)v;
	}
	*out = o;
	*outlen = k;
	return 0;
bad:
	free(o);
	return -1;
}
