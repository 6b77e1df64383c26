/* compare.h — reading the quantities a sentence states ("683 miles",
 * "about 20 hours", "$1.5 billion", "12%") into comparable values, and
 * telling when two passages about the same thing state different ones.
 * Used by the related-passages list; knows nothing of SQLite or curses. */
#ifndef GLOSS_COMPARE_H
#define GLOSS_COMPARE_H

#include <stddef.h>

enum compare_kind {
	CMP_NONE, CMP_DISTANCE, CMP_DURATION, CMP_SPEED, CMP_MONEY, CMP_PERCENT, CMP_COUNT,
	CMP_WEEKDAY
};

struct compare_qty {
	enum compare_kind kind;
	double value;     /* metres, seconds, km/h, the currency's units, percent, count,
	                     or the weekday number */
	char currency[4]; /* for money: "USD", "EUR", "GBP", ... */
	size_t start, end; /* where it was read, in the text given */
};

struct compare_qtys {
	struct compare_qty *v;
	size_t n, cap;
};

/* Read every quantity in text[0..len), appending to out. */
void compare_scan(const char *text, size_t len, struct compare_qtys *out);

/* A note such as "distance differs: 1,200 kilometre vs 683 miles
 * (≈1,099 km)" when a and b (quantities of two passages) state values of
 * the same kind that no value of the other matches within 5%; NULL when
 * they agree or share no kind.  ta and tb are the texts they were read
 * from, for quoting. */
char *compare_differences(const char *ta, const struct compare_qtys *a, const char *tb,
                          const struct compare_qtys *b);

#endif
