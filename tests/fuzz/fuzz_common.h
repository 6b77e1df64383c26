/* fuzz_common.h — helpers shared by the libFuzzer targets: heap copies of
 * the input (exactly sized, so AddressSanitizer sees any over-read) and a
 * loud failure for a broken invariant. */
#ifndef GLOSS_FUZZ_COMMON_H
#define GLOSS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_CHECK(cond)                                                           \
	do {                                                                           \
		if (!(cond)) {                                                             \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, \
			        #cond);                                                        \
			abort();                                                               \
		}                                                                          \
	} while (0)

/* A copy of s[0..n) in a buffer of exactly n bytes (no terminator). */
static inline char *fuzz_dup_exact(const uint8_t *s, size_t n)
{
	char *p = malloc(n ? n : 1);

	if (!p)
		abort();
	if (n)
		memcpy(p, s, n);
	return p;
}

/* A NUL-terminated copy of s[0..n). */
static inline char *fuzz_dup_str(const uint8_t *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		abort();
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Strict UTF-8 check (no overlongs, surrogates, or values past U+10FFFF);
 * when no_controls is set, C0 controls other than those in allow, DEL and
 * C1 controls (U+0080..U+009F) are refused too.  Returns 1 when s is good. */
static inline int fuzz_utf8_ok(const char *str, size_t n, int no_controls, const char *allow)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned char b = s[i];
		unsigned long uc;
		size_t l, k;

		if (b < 0x80) {
			if (no_controls && (b < 0x20 || b == 0x7F) && !(b && allow && strchr(allow, b)))
				return 0;
			i++;
			continue;
		}
		if (b < 0xC2)
			return 0;
		l = b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF5 ? 4 : 0;
		if (!l || i + l > n)
			return 0;
		uc = b & (0xFF >> (l + 1));
		for (k = 1; k < l; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			uc = (uc << 6) | (s[i + k] & 0x3F);
		}
		if ((l == 3 && uc < 0x800) || (l == 4 && (uc < 0x10000 || uc > 0x10FFFF)) ||
		    (uc >= 0xD800 && uc <= 0xDFFF))
			return 0;
		if (no_controls && uc >= 0x80 && uc <= 0x9F)
			return 0;
		i += l;
	}
	return 1;
}

/* 1 when p is on a character boundary of s[0..n) as a resynchronising
 * decoder sees it: not a continuation byte that belongs to a well-formed
 * sequence started before p. */
static inline int fuzz_on_boundary(const char *str, size_t n, size_t p)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t q;

	if (p == 0 || p >= n)
		return 1;
	if ((s[p] & 0xC0) != 0x80)
		return 1;
	for (q = p; q > 0 && p - q < 3;) {
		--q;
		if ((s[q] & 0xC0) != 0x80) {
			size_t l = s[q] >= 0xC2 && s[q] < 0xE0 ? 2 : s[q] >= 0xE0 && s[q] < 0xF0 ? 3 :
			           s[q] >= 0xF0 && s[q] < 0xF5 ? 4 : 1;
			return !(q + l > p && q + l <= n && fuzz_utf8_ok(str + q, l, 0, NULL));
		}
	}
	return 1;
}

#endif
