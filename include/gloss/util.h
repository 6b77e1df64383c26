/* util.h — allocation that never returns NULL, growable buffers and
 * vectors, the fatal path, and small string helpers shared by every module. */
#ifndef GLOSS_UTIL_H
#define GLOSS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__)
#define GLOSS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define GLOSS_NORETURN __attribute__((noreturn))
#else
#define GLOSS_PRINTF(a, b)
#define GLOSS_NORETURN
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc for arrays: checks n * size for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
/* A hint that p[0..n), freshly allocated, is a large array about to be
 * written: on Linux it asks for transparent huge pages, one page fault
 * each 2 MiB instead of each 4 KiB (a 10 MB text's tokens took some
 * 13,000 faults, a third of the recognizer's time on a virtual machine).
 * Small arrays, and systems without the hint, are left alone. */
void util_large_array(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) GLOSS_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) GLOSS_PRINTF(1, 0);

/* ASCII case, whatever the locale (<ctype.h> would follow LC_CTYPE):
 * A-Z to a-z, every other byte as it is; and a string in place. */
static inline char util_ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}
void util_ascii_lower_str(char *s);

/* Called before the process dies on a fatal error, so the UI can restore
 * the terminal (endwin) first. */
void util_set_fatal_hook(void (*hook)(void));
/* Print "gloss: MESSAGE" to stderr and exit(1); for the impossible only. */
GLOSS_NORETURN void fatal(const char *fmt, ...) GLOSS_PRINTF(1, 2);
/* A formatted reason into err (nothing when err is NULL or errsz 0). */
void util_set_err(char *err, size_t errsz, const char *fmt, ...) GLOSS_PRINTF(3, 4);
/* Print "gloss: MESSAGE" to stderr (no exit). */
void warnx_(const char *fmt, ...) GLOSS_PRINTF(1, 2);

/* Grow a vector of ELEM (ptr, len, cap fields named v, n, cap). */
#define VEC_PUSH(vec, elem)                                                   \
	do {                                                                      \
		if ((vec)->n == (vec)->cap) {                                         \
			(vec)->cap = (vec)->cap ? (vec)->cap * 2 : 16;                    \
			(vec)->v = xreallocarray((vec)->v, (vec)->cap, sizeof *(vec)->v); \
		}                                                                     \
		(vec)->v[(vec)->n++] = (elem);                                        \
	} while (0)

/* A growable byte buffer, always NUL-terminated when s != NULL. */
struct buf {
	char *s;
	size_t len, cap;
};
void buf_reserve(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_addc(struct buf *b, char c);
void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) GLOSS_PRINTF(2, 3);
void buf_free(struct buf *b);
/* Hand over the string (never NULL) and reset the buffer. */
char *buf_steal(struct buf *b);

/* Read a whole file (at most max bytes; larger → -1 with errno EFBIG). */
int util_read_file(const char *path, size_t max, char **out, size_t *len);
/* The same for a file that must be a regular file (a configuration, a
 * theme): a FIFO, device or socket is not opened for reading (it could
 * block forever) and gives -2; a directory -1 with errno EISDIR. */
int util_read_regular_file(const char *path, size_t max, char **out, size_t *len);
/* NULL when path is a regular file or missing; else what it is instead,
 * as the end of a message: "is a directory", "is not a regular file (it
 * is a FIFO)"... */
const char *util_file_kind(const char *path);

/* SHA-256 of a byte string as 64 lowercase hex digits + NUL. */
void util_sha256_hex(const void *data, size_t len, char out[65]);

/* The next word of *p, words being separated by spaces, tabs and
 * newlines (as a search's words are): its start, its length in *n, and
 * *p moved past it; NULL when no word is left. */
const char *util_next_word(const char **p, size_t *n);

/* The valid UTF-8 sequence at p (n bytes left): its length, and its code
 * point in *cp; 0 when the bytes are not UTF-8 (overlong forms and
 * surrogates included). */
size_t util_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);

/* Append s as a JSON string literal (quotes included); invalid UTF-8
 * bytes become U+FFFD so the output is always valid JSON. */
void buf_json_str(struct buf *b, const char *s, size_t len);
/* The same; with keep_bytes, an invalid byte XX becomes \udcXX (as
 * Python's surrogateescape), so a backup loses nothing. */
void buf_json_str_ex(struct buf *b, const char *s, size_t len, int keep_bytes);

/* --- files written whole or not at all --- */

/* One output file: a temporary file beside the destination, renamed over
 * it once everything is written and synced; or standard output (path NULL
 * or "-"); or, for an existing destination that is not a regular file (a
 * FIFO, /dev/...), that file itself, since renaming over it would replace
 * the device.  The temporary name is ".NAME.gloss-PID.XXXXXX", so one a
 * killed process left behind is known (util_out_clean_stale).  Every
 * error is "cannot export to 'PATH': REASON" in *err (free it); on error
 * the temporary file is removed and the destination is as it was. */
struct util_out {
	const char *path; /* as the user named it, for messages */
	char *tmp;        /* temporary name, or NULL */
	FILE *f;
	int is_stdout;
};
char *util_out_err(const char *path, const char *reason);
int util_out_open(struct util_out *o, const char *path, char **err);
void util_out_abort(struct util_out *o);
int util_out_write(struct util_out *o, const void *p, size_t n, char **err);
/* Flush and close (with sync: fsync first); the temporary file stays for
 * util_out_rename. */
int util_out_close(struct util_out *o, int sync, char **err);
int util_out_rename(struct util_out *o, char **err);
/* Close, sync and rename. */
int util_out_commit(struct util_out *o, char **err);
/* Remove the temporary files in dir that a process no longer running
 * left behind (name: only those for that destination file; NULL: all).
 * Returns how many were removed. */
int util_out_clean_stale(const char *dir, const char *name);
/* The same for the destination path ("-" or NULL: none). */
int util_out_clean_stale_file(const char *path);

/* mkdir -p PATH, each new directory made with MODE (less the umask): 0,
 * or -1 with errno set. */
int util_mkdir_p(const char *path, unsigned mode);

/* Base64 (RFC 4648, padded) of p[0..n), appended without quotes. */
void util_base64(struct buf *b, const unsigned char *p, size_t n);
/* Decode s[0..n): 0 with *out (caller frees) and *outlen, or -1. */
int util_unbase64(const char *s, size_t n, unsigned char **out, size_t *outlen);

#endif
