/* test_date.c — the date forms news pages, feeds and people write, read
 * into ISO 8601; the ones refused; dates found inside longer text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/date.h"
#include "tap.h"

struct pcase {
	const char *in;
	const char *iso; /* NULL: refused */
};

static const struct pcase parse_cases[] = {
	/* ISO 8601 / RFC 3339 */
	{"2023-09-12", "2023-09-12"},
	{"2023-09-12T10:00:00Z", "2023-09-12T10:00:00Z"},
	{"2023-09-12t10:00:00z", "2023-09-12T10:00:00Z"},
	{"2023-09-12T10:00Z", "2023-09-12T10:00:00Z"},
	{"2023-09-12T10:00", "2023-09-12T10:00:00"},
	{"2023-09-12 10:00:00", "2023-09-12T10:00:00"},
	{"2023-09-12 10:00", "2023-09-12T10:00:00"},
	{"2023-09-12T10:00:00.123456Z", "2023-09-12T10:00:00Z"},
	{"2023-09-12T10:00:00,5+02:00", "2023-09-12T10:00:00+02:00"},
	{"2023-09-12T23:30:00-05:00", "2023-09-12T23:30:00-05:00"},
	{"2023-09-12T10:00:00+0530", "2023-09-12T10:00:00+05:30"},
	{"2023-09-12T10:00:00+00:00", "2023-09-12T10:00:00Z"},
	{"2023-09-12T10:00:00+05", "2023-09-12T10:00:00+05:00"},
	{"2023-09-12 10:00:00 UTC", "2023-09-12T10:00:00Z"},
	{"2015-3-8", "2015-03-08"},
	{"2015/03/18", "2015-03-18"},
	{"2015.03.18", "2015-03-18"},
	{"  2023-09-12  ", "2023-09-12"},
	{"2024-02-29", "2024-02-29"},
	{"2000-02-29", "2000-02-29"},
	{"1900-01-01", "1900-01-01"},
	{"2100-12-31", "2100-12-31"},
	/* RFC 822 / 1123 / 2822 as feeds write them */
	{"Tue, 12 Sep 2023 10:00:00 GMT", "2023-09-12T10:00:00Z"},
	{"Tue, 12 Sep 2023 10:00:00 +0000", "2023-09-12T10:00:00Z"},
	{"Tue, 12 Sep 2023 10:00:00 -0500", "2023-09-12T10:00:00-05:00"},
	{"Tue, 12 Sep 2023 23:30:00 -0500", "2023-09-12T23:30:00-05:00"},
	{"Tue, 12 Sep 2023 10:00:00 +0530", "2023-09-12T10:00:00+05:30"},
	{"Tue, 12 Sep 2023 10:00:00 UT", "2023-09-12T10:00:00Z"},
	{"Tue, 12 Sep 2023 10:00:00 EST", "2023-09-12T10:00:00-05:00"},
	{"Tue, 12 Sep 2023 10:00:00 EDT", "2023-09-12T10:00:00-04:00"},
	{"Tue, 12 Sep 2023 10:00:00 CST", "2023-09-12T10:00:00-06:00"},
	{"Tue, 12 Sep 2023 10:00:00 CDT", "2023-09-12T10:00:00-05:00"},
	{"Tue, 12 Sep 2023 10:00:00 MST", "2023-09-12T10:00:00-07:00"},
	{"Tue, 12 Sep 2023 10:00:00 MDT", "2023-09-12T10:00:00-06:00"},
	{"Tue, 12 Sep 2023 10:00:00 PST", "2023-09-12T10:00:00-08:00"},
	{"Tue, 12 Sep 2023 10:00:00 PDT", "2023-09-12T10:00:00-07:00"},
	{"Tue, 12 Sep 2023 10:00:00 BST", "2023-09-12T10:00:00+01:00"},
	{"Tue, 12 Sep 2023 10:00:00 CET", "2023-09-12T10:00:00+01:00"},
	{"Tue, 12 Sep 2023 10:00:00 CEST", "2023-09-12T10:00:00+02:00"},
	{"Tue, 12 Sep 2023 10:00:00 Z", "2023-09-12T10:00:00Z"},
	{"Tue, 12 Sep 2023 10:00:00 A", "2023-09-12T10:00:00"},  /* military: untrusted */
	{"Tue, 12 Sep 2023 10:00:00 N", "2023-09-12T10:00:00"},
	{"Tue, 12 Sep 2023 10:00:00 +0000 (UTC)", "2023-09-12T10:00:00Z"},
	{"Tue, 12 Sep 23 10:00:00 GMT", "2023-09-12T10:00:00Z"},
	{"Sat, 01 Jan 99 00:00:00 GMT", "1999-01-01T00:00:00Z"},
	{"Tue, 12 Sep 2023 10:00 GMT", "2023-09-12T10:00:00Z"},
	{"12 Sep 2023 10:00:00 GMT", "2023-09-12T10:00:00Z"},
	{"Tue,12 Sep 2023 10:00:00 GMT", "2023-09-12T10:00:00Z"},
	{"Tue,  12  Sep  2023   10:00:00   GMT", "2023-09-12T10:00:00Z"},
	{"tue, 12 sep 2023 10:00:00 gmt", "2023-09-12T10:00:00Z"},
	{"TUE, 12 SEP 2023 10:00:00 GMT", "2023-09-12T10:00:00Z"},
	{"Tue, 2 Sep 2014 10:00:00 GMT", "2014-09-02T10:00:00Z"},
	{"Tue, 12 Sep 2023 10:00:00 GMT+2", "2023-09-12T10:00:00+02:00"},
	{"Tue, 12 Sep 2023 10:00:00 UTC-05:00", "2023-09-12T10:00:00-05:00"},
	/* news prose */
	{"March 18, 2015", "2015-03-18"},
	{"March 18 2015", "2015-03-18"},
	{"march 18, 2015", "2015-03-18"},
	{"Mar. 18, 2015", "2015-03-18"},
	{"Mar 18, 2015", "2015-03-18"},
	{"Sept. 5, 2021", "2021-09-05"},
	{"Sep. 5, 2021", "2021-09-05"},
	{"March 18th, 2015", "2015-03-18"},
	{"August 1st, 2019", "2019-08-01"},
	{"June 2nd 2019", "2019-06-02"},
	{"May 23rd, 2019", "2019-05-23"},
	{"18 March 2015", "2015-03-18"},
	{"18 March, 2015", "2015-03-18"},
	{"18th March 2015", "2015-03-18"},
	{"24 July 2015", "2015-07-24"},
	{"12-Sep-2023", "2023-09-12"},
	{"Tuesday 12 Sep 2023", "2023-09-12"},
	{"Tuesday, 12 September 2023", "2023-09-12"},
	{"Tuesday, September 12, 2023", "2023-09-12"},
	{"Tuesday, September 12, 2023 10:45 AM ET", "2023-09-12T10:45:00"},
	{"Tuesday, September 12, 2023 10:45 PM EDT", "2023-09-12T22:45:00-04:00"},
	{"12 Sep 2023, 10:45", "2023-09-12T10:45:00"},
	{"March 18, 2015 5:30 p.m. EDT", "2015-03-18T17:30:00-04:00"},
	{"March 18, 2015 10:45 a.m.", "2015-03-18T10:45:00"},
	{"March 18, 2015 12:05 a.m.", "2015-03-18T00:05:00"},
	{"March 18, 2015 12:05 p.m.", "2015-03-18T12:05:00"},
	{"March 18, 2015 at 5 pm", "2015-03-18T17:00:00"},
	{"March 18, 2015 at 5pm", "2015-03-18T17:00:00"},
	{"March 18, 2015, 10:45am", "2015-03-18T10:45:00"},
	{"March 18, 2015 | 10:45", "2015-03-18T10:45:00"},
	{"Wed 18 Mar 2015 07.00 GMT", "2015-03-18T07:00:00Z"},
	{"18/03/2015", "2015-03-18"},
	{"03/18/2015", "2015-03-18"},
	{"03/03/2015", "2015-03-03"},
	{"18.03.2015", "2015-03-18"},
	{"03.04.2015", "2015-04-03"},
	{"18-03-2015", "2015-03-18"},
	{"18 March 2015\xc2\xa0" "10:45", "2015-03-18T10:45:00"},
	/* prefixes */
	{"Published March 18, 2015", "2015-03-18"},
	{"Published: March 18, 2015", "2015-03-18"},
	{"published: 2015-03-18", "2015-03-18"},
	{"Updated 2023-09-12T10:00:00Z", "2023-09-12T10:00:00Z"},
	{"Posted on March 18, 2015", "2015-03-18"},
	{"on March 18, 2015", "2015-03-18"},
	{"Last updated: 12 Sep 2023, 10:45", "2023-09-12T10:45:00"},
	{"LAST UPDATED March 18, 2015", "2015-03-18"},
	{"Published on: Tuesday, September 12, 2023", "2023-09-12"},
	/* French */
	{"18 mars 2015", "2015-03-18"},
	{"mardi 12 septembre 2023", "2023-09-12"},
	{"mardi 12 septembre 2023 à 10h45", "2023-09-12T10:45:00"},
	{"1er février 2015", "2015-02-01"},
	{"3 août 2020", "2020-08-03"},
	{"3 AOÛT 2020", "2020-08-03"},
	{"12 déc. 2019", "2019-12-12"},
	{"mar. 12 sept. 2023 10:00:00 +0200", "2023-09-12T10:00:00+02:00"},
	{"Publié le 18 mars 2015", "2015-03-18"},
	/* German */
	{"18. März 2015", "2015-03-18"},
	{"18. MÄRZ 2015", "2015-03-18"},
	{"18. Maerz 2015", "2015-03-18"},
	{"Dienstag, 12. September 2023, 10:45 Uhr", "2023-09-12T10:45:00"},
	{"Di, 12 Sep 2023 10:00:00 +0200", "2023-09-12T10:00:00+02:00"},
	{"1. Oktober 2019", "2019-10-01"},
	{"24. Dezember 2019", "2019-12-24"},
	{"3. Jänner 2020", "2020-01-03"},
	/* Spanish */
	{"18 de marzo de 2015", "2015-03-18"},
	{"martes, 12 de septiembre de 2023", "2023-09-12"},
	{"miércoles 13 de septiembre de 2023", "2023-09-13"},
	{"1 de enero del 2020", "2020-01-01"},
	{"12 dic 2019", "2019-12-12"},
	/* Italian */
	{"18 marzo 2015", "2015-03-18"},
	{"martedì 12 settembre 2023", "2023-09-12"},
	{"1 gennaio 2020", "2020-01-01"},
	{"giovedì 14 settembre 2023 ore 10:45", "2023-09-14T10:45:00"},
	/* Portuguese */
	{"18 de março de 2015", "2015-03-18"},
	{"18 de marco de 2015", "2015-03-18"},
	{"terça-feira, 12 de setembro de 2023", "2023-09-12"},
	{"sábado, 16 de setembro de 2023", "2023-09-16"},
	{"1 de outubro de 2019", "2019-10-01"},
	/* Dutch */
	{"18 maart 2015", "2015-03-18"},
	{"dinsdag 12 september 2023", "2023-09-12"},
	{"3 mei 2021", "2021-05-03"},
	{"12 okt 2019", "2019-10-12"},
	{"18 mrt. 2015", "2015-03-18"},
	/* refused: ambiguous, relative, out of range, impossible, not dates */
	{"03/04/2015", NULL},
	{"03-04-2015", NULL},
	{"yesterday", NULL},
	{"Tuesday", NULL},
	{"today", NULL},
	{"2 hours ago", NULL},
	{"March 2015", NULL},
	{"March 18", NULL},
	{"18 March", NULL},
	{"1899-12-31", NULL},
	{"2101-01-01", NULL},
	{"March 18, 1850", NULL},
	{"2023-13-45", NULL},
	{"2023-02-29", NULL},
	{"1900-02-29", NULL},
	{"2023-04-31", NULL},
	{"30 February 2024", NULL},
	{"February 30, 2024", NULL},
	{"2023-00-10", NULL},
	{"2023-01-00", NULL},
	{"1694512800", NULL},
	{"20230912", NULL},
	{"", NULL},
	{"   ", NULL},
	{"Published", NULL},
	{"2023-09-12T25:00:00Z", NULL},
	{"2023-09-12T10:61:00Z", NULL},
	{"2023-09-12T10:00:00+15:00", NULL},
	{"March 18, 2015 13:00 pm", NULL},
	{"March 18, 2015 and more", NULL},
	{"12 Sep 23", NULL},      /* two-digit year without a time */
	{"Sep 12, 23", NULL},
	{"2015-03-18x", NULL},
	{"32 March 2015", NULL},
	{"March 18, 20155", NULL},
	{"Smarch 18, 2015", NULL},
	{"the 2015 budget", NULL},
};

struct scase {
	const char *in;
	const char *iso;   /* NULL: none found */
	const char *found; /* the span's text */
};

static const struct scase scan_cases[] = {
	{"By Jane Roe | March 18, 2015 5:30 p.m. EDT", "2015-03-18T17:30:00-04:00",
	 "March 18, 2015 5:30 p.m. EDT"},
	{"By Jane Roe | March 18, 2015 5:30 p.m. EDT | Updated March 19, 2015",
	 "2015-03-18T17:30:00-04:00", "March 18, 2015 5:30 p.m. EDT"},
	{"LONDON (Reuters) Tuesday, 12 September 2023 - The", "2023-09-12",
	 "Tuesday, 12 September 2023"},
	{"Page 3 of 12 March 2015 edition", "2015-03-12", "12 March 2015"},
	{"Updated 2023-09-12T10:00:00Z by staff", "2023-09-12T10:00:00Z", "2023-09-12T10:00:00Z"},
	{"Von Max Muster, 18. März 2015, 10:45 Uhr", "2015-03-18T10:45:00",
	 "18. März 2015, 10:45 Uhr"},
	{"Por Ana, 12 de marzo de 2015.", "2015-03-12", "12 de marzo de 2015"},
	{"On March 18, 2015, the court ruled", "2015-03-18", "March 18, 2015"},
	{"In 2015 the ferry sailed 683 miles.", NULL, NULL},
	{"The score was 03/04/2015 nothing", NULL, NULL},
	{"He said yesterday that Tuesday was fine", NULL, NULL},
	{"Id 12345-03-18 and 2015-03-18x", NULL, NULL},
	{"", NULL, NULL},
	{"caf\xc3\xa9" "2015-03-18 tail", NULL, NULL},
};

int main(void)
{
	char buf[DATE_ISO_MAX];
	struct gloss_date d;

	for (size_t k = 0; k < sizeof parse_cases / sizeof *parse_cases; k++) {
		const struct pcase *t = &parse_cases[k];
		int r = date_to_iso(t->in, strlen(t->in), buf, sizeof buf);
		if (t->iso)
			CHECK_STR(r == 0 ? buf : "(refused)", t->iso, "parse '%s'", t->in);
		else
			CHECK(r == -1, "refuse '%s'%s%s", t->in, r == 0 ? " — got " : "", r == 0 ? buf : "");
	}

	for (size_t k = 0; k < sizeof scan_cases / sizeof *scan_cases; k++) {
		const struct scase *t = &scan_cases[k];
		size_t s = 0, e = 0;
		int r = date_scan(t->in, strlen(t->in), &d, &s, &e);
		if (!t->iso) {
			CHECK(r == -1, "no date in '%s'", t->in);
			continue;
		}
		CHECK_INT(r, 0, "a date in '%s'", t->in);
		if (r != 0)
			continue;
		date_format_iso(&d, buf, sizeof buf);
		CHECK_STR(buf, t->iso, "scan '%s'", t->in);
		char span[128];
		snprintf(span, sizeof span, "%.*s", (int)(e - s), t->in + s);
		CHECK_STR(span, t->found, "the span in '%s'", t->in);
	}

	/* the fields, not only the string */
	CHECK_INT(date_parse("Tue, 12 Sep 2023 23:30:00 -0500", 31, &d), 0, "RFC 822 fields");
	CHECK(d.year == 2023 && d.month == 9 && d.day == 12 && d.has_time && d.hour == 23 &&
	          d.minute == 30 && d.second == 0 && d.has_offset && d.offset_min == -300,
	      "the offset is kept as written; the day stays the 12th");
	CHECK_INT(date_parse("Tuesday, September 12, 2023 10:45 AM ET", 39, &d), 0, "ET");
	CHECK(d.has_time && !d.has_offset, "ET is read but its offset is not one value");
	CHECK_INT(date_parse("March 18, 2015", 14, &d), 0, "a date alone");
	CHECK(!d.has_time && !d.has_offset, "no time, no offset");
	/* length is respected: no read past len */
	CHECK_INT(date_parse("2015-03-18T10:00:00Z", 10, &d), 0, "only len bytes are read");
	CHECK(!d.has_time, "the time past len is not seen");
	CHECK_INT(date_parse("2015-03-1", 9, &d), 0, "a short len is a shorter date");
	CHECK_INT(d.day, 1, "2015-03-1");

	/* formatting */
	struct gloss_date f = {2023, 9, 12, 1, 10, 5, 7, 1, 330};
	CHECK_INT(date_format_iso(&f, buf, sizeof buf), 25, "the longest form's length");
	CHECK_STR(buf, "2023-09-12T10:05:07+05:30", "a positive offset");
	f.offset_min = -210;
	date_format_iso(&f, buf, sizeof buf);
	CHECK_STR(buf, "2023-09-12T10:05:07-03:30", "a negative offset with minutes");
	char small[8];
	CHECK_INT(date_format_iso(&f, small, sizeof small), 25, "too small: the length it needs");
	CHECK_STR(small, "2023-09", "and the buffer cut, NUL-terminated");
	CHECK_INT(date_to_iso("2023-09-12T10:00:00Z", 20, small, sizeof small), -1,
	          "date_to_iso refuses a buffer too small");
	date_format_short(&f, buf, sizeof buf);
	CHECK_STR(buf, "2023-09-12", "the short form is the day");

	/* date_is_iso */
	CHECK(date_is_iso("2023-09-12", 10), "ISO date");
	CHECK(date_is_iso("2023-09-12T10:00:00Z", 20), "ISO date-time");
	CHECK(date_is_iso("2023-09-12T10:00:00-05:00", 25), "ISO date-time with offset");
	CHECK(!date_is_iso("2023-9-12", 9), "not the canonical form");
	CHECK(!date_is_iso("March 18, 2015", 14), "prose is not ISO");
	CHECK(!date_is_iso("2023-13-45", 10), "impossible");
	CHECK(!date_is_iso(NULL, 0), "NULL");

	CHECK_STR(date_display("2023-09-12T10:00:00-05:00", buf, sizeof buf), "2023-09-12",
	          "the column shows the day of a date-time, as written");
	CHECK_STR(date_display("2023-09-12", buf, sizeof buf), "2023-09-12", "and of a date");
	CHECK(date_display("12 Septemb", buf, sizeof buf) == NULL, "not a stored date");
	CHECK(date_display("2023-09-12Tnonsense", buf, sizeof buf) == NULL, "half ISO");
	CHECK(date_display(NULL, buf, sizeof buf) == NULL, "no date");
	CHECK(date_display("2023-09-12", buf, 5) == NULL, "a buffer too small");

	CHECK_INT(date_days_in_month(2024, 2), 29, "leap");
	CHECK_INT(date_days_in_month(2100, 2), 28, "century not leap");
	CHECK_INT(date_days_in_month(2000, 2), 29, "400 leap");
	CHECK_INT(date_days_in_month(2023, 13), 0, "bad month");

	/* every prefix of a long date is handled without reading past len */
	const char *longest = "Tuesday, September 12, 2023 10:45:00.5 p.m. EDT";
	for (size_t n = 0; n <= strlen(longest); n++) {
		char *copy = malloc(n ? n : 1);
		memcpy(copy, longest, n);
		size_t s, e;
		(void)date_parse(copy, n, &d);
		(void)date_scan(copy, n, &d, &s, &e);
		free(copy);
	}
	CHECK(1, "prefixes of a long date parse within bounds");

	return tap_done();
}
