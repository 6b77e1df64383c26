/* tap.h — a tiny TAP producer for the unit tests: each CHECK is one test
 * point; the program exits non-zero when any failed.  Automake's TAP
 * driver reads the output. */
#ifndef GLOSS_TAP_H
#define GLOSS_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

/* cond is evaluated once: it may have side effects (a read, a call). */
#define CHECK(cond, ...)                                                   \
	do {                                                                   \
		int c_ = !!(cond);                                                 \
		++tap_n;                                                           \
		if (c_) {                                                          \
			printf("ok %d - ", tap_n);                                     \
		} else {                                                           \
			++tap_failed;                                                  \
			printf("not ok %d - ", tap_n);                                 \
		}                                                                  \
		printf(__VA_ARGS__);                                               \
		printf("\n");                                                      \
		if (!c_)                                                           \
			printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	} while (0)

#define CHECK_STR(got, want, ...)                                              \
	do {                                                                       \
		const char *g_ = (got), *w_ = (want);                                  \
		int ok_ = g_ && w_ && strcmp(g_, w_) == 0;                             \
		CHECK(ok_, __VA_ARGS__);                                               \
		if (!ok_)                                                              \
			printf("#   got  '%s'\n#   want '%s'\n", g_ ? g_ : "(null)", w_); \
	} while (0)

#define CHECK_INT(got, want, ...)                                         \
	do {                                                                  \
		long long g_ = (long long)(got), w_ = (long long)(want);          \
		CHECK(g_ == w_, __VA_ARGS__);                                     \
		if (g_ != w_)                                                     \
			printf("#   got  %lld\n#   want %lld\n", g_, w_);             \
	} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
