/* date.h — reading the dates news pages, feeds and people write
 * ("March 18, 2015", "Tue, 12 Sep 2023 10:00:00 GMT", "12 de marzo de
 * 2015", "2023-09-12T10:00:00Z") into one value, and writing it as ISO 8601.
 * Model code: knows nothing of SQLite or curses. */
#ifndef GLOSS_DATE_H
#define GLOSS_DATE_H

#include <stddef.h>

/* Longest ISO form written, NUL included ("2023-09-12T10:00:00+05:30"). */
#define DATE_ISO_MAX 32

struct gloss_date {
	int year, month, day;       /* always set on success */
	int has_time;               /* hour/minute/second valid */
	int hour, minute, second;
	int has_offset;             /* offset_min valid ("Z" is offset 0) */
	int offset_min;             /* minutes east of UTC, as written */
};

/* Parse a whole string as a date as news pages, feeds and people write it.
 * Leading/trailing space, and a leading "Published", "Updated", "Posted",
 * "on", "Last updated" (case-insensitive, optional colon) are allowed.
 * Returns 0 and fills *d, or -1 (not a date, or an impossible one such as
 * 2023-13-45 or 30 February).  Refused as well: numeric dates whose day
 * and month could be swapped ("03/04/2015"; "18/03/2015" and the dotted
 * European "03.04.2015" are read), words relative to today ("yesterday",
 * "Tuesday" alone), a date without a year, years outside 1900-2100, and
 * Unix timestamps. */
int date_parse(const char *s, size_t len, struct gloss_date *d);

/* Find the first date inside a longer text (a byline, a dateline line:
 * "By Jane Roe | March 18, 2015 5:30 p.m. EDT"). Returns 0 with the span
 * [*start, *end) and *d, or -1. */
int date_scan(const char *s, size_t len, struct gloss_date *d, size_t *start, size_t *end);

/* ISO 8601: "YYYY-MM-DD", or with a time "YYYY-MM-DDTHH:MM:SS" plus "Z" or
 * "+hh:mm" when the offset is known. The offset is kept as written, never
 * converted (so the day stays the day the outlet wrote). Returns the length
 * (as snprintf does: the length it would have, when sz is too small). */
size_t date_format_iso(const struct gloss_date *d, char *buf, size_t sz);

/* parse + format: 0 and buf filled, or -1. */
int date_to_iso(const char *s, size_t len, char *buf, size_t sz);

/* The compact form shown in lists: "2023-09-12" (the day only). Returns
 * the length as date_format_iso does. */
size_t date_format_short(const struct gloss_date *d, char *buf, size_t sz);

/* The compact form of a stored date (ISO, as date_format_iso writes it)
 * for a column: "2023-09-12" in buf (at least 11 bytes), returned; NULL
 * when stored is NULL or not such a date. */
const char *date_display(const char *stored, char *buf, size_t sz);

/* 1 when s[0..len) is a valid date in the ISO form date_format_iso writes
 * (date only, or with the time and an optional offset), else 0. */
int date_is_iso(const char *s, size_t len);

/* Days in month (1-12) of year, leap years counted; 0 for a bad month. */
int date_days_in_month(int year, int month);

#endif
