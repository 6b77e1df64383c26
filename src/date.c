/* date.c — dates as news pages, feeds and people write them.
 *
 * A small hand-written parser over a cursor: a date is an optional weekday,
 * then one of four cores (year first "2015-03-18"; numeric day first
 * "18.03.2015"; month name first "March 18, 2015"; day first "18 March
 * 2015", "12 de marzo de 2015", "Tue, 12 Sep 23 ..."), then an optional
 * time ("10:45", "10:45:00.5", "5:30 p.m.", "10h45", "10:45 Uhr") with an
 * optional zone ("Z", "+05:30", "-0500", "GMT", "EDT", "UTC+2").  Each
 * optional piece puts the cursor back when it does not match, so the
 * parse is the longest one.  Month, weekday, zone and prefix words are
 * tables below: English, French, German, Spanish, Italian, Portuguese and
 * Dutch, lowercase, accents as written and as commonly dropped.
 *
 * The offset is kept as written and never applied: "Tue, 12 Sep 2023
 * 23:30:00 -0500" stays the 12th, the day the outlet printed. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gloss/date.h"

struct word {
	const char *w;
	int v;
};

/* Month names and abbreviations (an abbreviation may be followed by '.'). */
static const struct word months[] = {
	/* English */
	{"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3},
	{"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7}, {"jul", 7},
	{"august", 8}, {"aug", 8}, {"september", 9}, {"sept", 9}, {"sep", 9}, {"october", 10},
	{"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
	/* French */
	{"janvier", 1}, {"janv", 1}, {"février", 2}, {"fevrier", 2}, {"févr", 2}, {"fevr", 2},
	{"fév", 2}, {"fev", 2}, {"mars", 3}, {"avril", 4}, {"avr", 4}, {"mai", 5}, {"juin", 6},
	{"juillet", 7}, {"juil", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10},
	{"novembre", 11}, {"décembre", 12}, {"decembre", 12}, {"déc", 12},
	/* German */
	{"januar", 1}, {"jänner", 1}, {"jänn", 1}, {"jän", 1}, {"februar", 2}, {"märz", 3},
	{"maerz", 3}, {"mär", 3}, {"mrz", 3}, {"juni", 6}, {"juli", 7}, {"oktober", 10},
	{"okt", 10}, {"dezember", 12}, {"dez", 12},
	/* Spanish */
	{"enero", 1}, {"ene", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"abr", 4},
	{"mayo", 5}, {"junio", 6}, {"julio", 7}, {"agosto", 8}, {"ago", 8}, {"septiembre", 9},
	{"setiembre", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12}, {"dic", 12},
	/* Italian */
	{"gennaio", 1}, {"gen", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"mag", 5},
	{"giugno", 6}, {"giu", 6}, {"luglio", 7}, {"lug", 7}, {"settembre", 9}, {"set", 9},
	{"ottobre", 10}, {"ott", 10}, {"dicembre", 12},
	/* Portuguese */
	{"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"marco", 3}, {"maio", 5}, {"junho", 6},
	{"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"out", 10}, {"novembro", 11},
	{"dezembro", 12},
	/* Dutch */
	{"januari", 1}, {"februari", 2}, {"maart", 3}, {"mrt", 3}, {"mei", 5}, {"augustus", 8},
};

/* Weekday names: read and skipped (never checked against the date: feeds
 * get them wrong, and the day number is what the outlet meant).  Two-letter
 * abbreviations count only with a '.' or ',' after them. */
static const struct word weekdays[] = {
	/* English */
	{"monday", 1}, {"mon", 1}, {"tuesday", 2}, {"tues", 2}, {"tue", 2}, {"wednesday", 3},
	{"wed", 3}, {"thursday", 4}, {"thurs", 4}, {"thur", 4}, {"thu", 4}, {"friday", 5},
	{"fri", 5}, {"saturday", 6}, {"sat", 6}, {"sunday", 7}, {"sun", 7},
	/* French */
	{"lundi", 1}, {"lun", 1}, {"mardi", 2}, {"mar", 2}, {"mercredi", 3}, {"mer", 3},
	{"jeudi", 4}, {"jeu", 4}, {"vendredi", 5}, {"ven", 5}, {"samedi", 6}, {"sam", 6},
	{"dimanche", 7}, {"dim", 7},
	/* German */
	{"montag", 1}, {"mo", 1}, {"dienstag", 2}, {"di", 2}, {"mittwoch", 3}, {"mi", 3},
	{"donnerstag", 4}, {"do", 4}, {"freitag", 5}, {"fr", 5}, {"samstag", 6},
	{"sonnabend", 6}, {"sa", 6}, {"sonntag", 7}, {"so", 7},
	/* Spanish */
	{"lunes", 1}, {"martes", 2}, {"miércoles", 3}, {"miercoles", 3}, {"mié", 3},
	{"mie", 3}, {"jueves", 4}, {"jue", 4}, {"viernes", 5}, {"vie", 5}, {"sábado", 6},
	{"sabado", 6}, {"sáb", 6}, {"sab", 6}, {"domingo", 7}, {"dom", 7},
	/* Italian */
	{"lunedì", 1}, {"lunedi", 1}, {"martedì", 2}, {"martedi", 2}, {"mercoledì", 3},
	{"mercoledi", 3}, {"giovedì", 4}, {"giovedi", 4}, {"gio", 4}, {"venerdì", 5},
	{"venerdi", 5}, {"sabato", 6}, {"domenica", 7},
	/* Portuguese ("-feira" may follow) */
	{"segunda", 1}, {"seg", 1}, {"terça", 2}, {"terca", 2}, {"ter", 2}, {"quarta", 3},
	{"qua", 3}, {"quinta", 4}, {"qui", 4}, {"sexta", 5}, {"sex", 5},
	/* Dutch */
	{"maandag", 1}, {"ma", 1}, {"dinsdag", 2}, {"woensdag", 3}, {"wo", 3},
	{"donderdag", 4}, {"vrijdag", 5}, {"vr", 5}, {"zaterdag", 6}, {"za", 6},
	{"zondag", 7}, {"zo", 7},
};

#define ZONE_UNKNOWN 100000 /* a zone named whose offset is not one value */

/* Zone names after a time, and their offsets in minutes east of UTC. */
static const struct word zones[] = {
	{"ut", 0}, {"utc", 0}, {"gmt", 0}, {"z", 0}, {"wet", 0},
	{"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300}, {"mst", -420},
	{"mdt", -360}, {"pst", -480}, {"pdt", -420}, {"akst", -540}, {"akdt", -480},
	{"hst", -600}, {"bst", 60}, {"ist", ZONE_UNKNOWN}, {"cet", 60}, {"cest", 120},
	{"met", 60}, {"mest", 120}, {"mez", 60}, {"mesz", 120}, {"west", 60}, {"eet", 120},
	{"eest", 180}, {"msk", 180}, {"jst", 540}, {"kst", 540}, {"aest", 600},
	{"aedt", 660}, {"awst", 480}, {"nzst", 720}, {"nzdt", 780},
	/* US broadcast style: standard or daylight, not said which */
	{"et", ZONE_UNKNOWN}, {"ct", ZONE_UNKNOWN}, {"mt", ZONE_UNKNOWN}, {"pt", ZONE_UNKNOWN},
};

/* Words that may come before a date when a whole string is parsed; matched
 * whole, case-insensitively, each optionally followed by ':'. */
static const char *const prefixes[] = {
	"last updated", "last modified", "updated on", "published on", "posted on",
	"updated", "published", "posted", "modified", "on",
	"publié le", "publie le", "mis à jour le", "veröffentlicht am", "aktualisiert am",
	"publicado el", "publicado em", "actualizado el", "atualizado em", "pubblicato il",
	"aggiornato il", "gepubliceerd op", "bijgewerkt op",
};

/* Words between a date and its time ("March 18, 2015 at 5 pm"). */
static const char *const time_joins[] = {"at", "à", "a las", "às", "um", "alle", "ore", "om"};

struct cur {
	const unsigned char *s;
	size_t len, i;
};

static int at_end(const struct cur *c)
{
	return c->i >= c->len;
}

static int peek(const struct cur *c, size_t k)
{
	return c->i + k < c->len ? c->s[c->i + k] : -1;
}

static int is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

static int is_alpha_ascii(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* Bytes of the letter at s[i] (ASCII, or the Latin-1/Latin Extended-A
 * letters of the languages above: lead byte C3 or C5), or 0. */
static size_t letter_at(const unsigned char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	if (is_alpha_ascii(s[i]))
		return 1;
	if ((s[i] == 0xC3 || s[i] == 0xC5) && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
		if (s[i] == 0xC3 && (s[i + 1] == 0x97 || s[i + 1] == 0xB7)) /* × ÷ */
			return 0;
		return 2;
	}
	return 0;
}

/* Whether the byte at i continues a word or number (a date's span ends
 * only where none does). */
static int alnum_at(const unsigned char *s, size_t len, size_t i)
{
	return i < len && (is_digit(s[i]) || letter_at(s, len, i) > 0);
}

/* Width of the space at the cursor: ASCII blanks, no-break space, thin and
 * narrow no-break spaces. */
static size_t space_at(const struct cur *c)
{
	int b = peek(c, 0);
	if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v')
		return 1;
	if (b == 0xC2 && peek(c, 1) == 0xA0)
		return 2;
	if (b == 0xE2 && peek(c, 1) == 0x80 &&
	    (peek(c, 2) == 0x89 || peek(c, 2) == 0xAF || peek(c, 2) == 0x8A))
		return 3;
	return 0;
}

static int skip_space(struct cur *c)
{
	size_t w, n = 0;
	while ((w = space_at(c)) > 0) {
		c->i += w;
		n++;
	}
	return n > 0;
}

static int eat(struct cur *c, int ch)
{
	if (peek(c, 0) == ch) {
		c->i++;
		return 1;
	}
	return 0;
}

/* A run of digits: its value (saturating) and count; 0 digits → 0. */
static size_t read_num(struct cur *c, int *val)
{
	size_t n = 0;
	long v = 0;
	while (!at_end(c) && is_digit(c->s[c->i])) {
		if (v < 100000000)
			v = v * 10 + (c->s[c->i] - '0');
		c->i++;
		n++;
	}
	*val = (int)v;
	return n;
}

/* A whole word at the cursor, lowercased into out (ASCII and the two-byte
 * Latin letters).  Returns its byte length, or 0 (no word, or one longer
 * than out can hold: no table word is that long). */
static size_t read_word(struct cur *c, char *out, size_t cap)
{
	size_t start = c->i, n = 0, w;
	while ((w = letter_at(c->s, c->len, c->i)) > 0) {
		if (n + w + 1 > cap) {
			c->i = start;
			return 0;
		}
		if (w == 1) {
			unsigned char ch = c->s[c->i];
			out[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
		} else {
			unsigned char a = c->s[c->i], b = c->s[c->i + 1];
			/* Latin-1 capitals À..Þ (not ×) → à..þ */
			if (a == 0xC3 && b >= 0x80 && b <= 0x9E)
				b = (unsigned char)(b + 0x20);
			out[n++] = (char)a;
			out[n++] = (char)b;
		}
		c->i += w;
	}
	out[n] = '\0';
	return n;
}

static int lookup(const struct word *t, size_t n, const char *w, int *v)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(t[k].w, w) == 0) {
			*v = t[k].v;
			return 1;
		}
	return 0;
}

/* Case-insensitive match of the ASCII/UTF-8 phrase p at the cursor, as
 * whole words (spaces in p match any run of space).  Advances on a match. */
static int eat_phrase(struct cur *c, const char *p)
{
	size_t save = c->i;
	while (*p) {
		if (*p == ' ') {
			if (!skip_space(c))
				goto no;
			p++;
			continue;
		}
		char w[48];
		size_t pl = strcspn(p, " ");
		if (pl >= sizeof w || read_word(c, w, sizeof w) != pl || strncmp(w, p, pl) != 0)
			goto no;
		p += pl;
	}
	return 1;
no:
	c->i = save;
	return 0;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12)
		return 0;
	return month == 2 && is_leap(year) ? 29 : dim[month - 1];
}

static int valid_ymd(int y, int m, int d)
{
	return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= date_days_in_month(y, m);
}

/* A month word, with an optional '.' after it. */
static int p_month(struct cur *c, int *month)
{
	size_t save = c->i;
	char w[24];
	if (read_word(c, w, sizeof w) == 0 || !lookup(months, sizeof months / sizeof *months, w, month)) {
		c->i = save;
		return 0;
	}
	eat(c, '.');
	return 1;
}

/* A weekday word and what may follow it ('.', ',', "-feira"). */
static int p_weekday(struct cur *c)
{
	size_t save = c->i;
	char w[24];
	int v;
	size_t n = read_word(c, w, sizeof w);
	if (n == 0 || !lookup(weekdays, sizeof weekdays / sizeof *weekdays, w, &v))
		goto no;
	if (peek(c, 0) == '-') {
		struct cur t = *c;
		t.i++;
		if (eat_phrase(&t, "feira"))
			*c = t;
	}
	int punct = eat(c, '.');
	skip_space(c);
	punct |= eat(c, ',');
	if (n == 2 && !punct)
		goto no;
	skip_space(c);
	return 1;
no:
	c->i = save;
	return 0;
}

/* A day of the month with its ordinal mark: "18", "18th", "1er", "18.",
 * "1º". */
static int p_day(struct cur *c, int *day)
{
	size_t save = c->i;
	size_t n = read_num(c, day);
	if (n < 1 || n > 2)
		goto no;
	if (letter_at(c->s, c->len, c->i)) {
		char w[8];
		if (read_word(c, w, sizeof w) == 0 ||
		    (strcmp(w, "st") && strcmp(w, "nd") && strcmp(w, "rd") && strcmp(w, "th") &&
		     strcmp(w, "er") && strcmp(w, "o")))
			goto no;
	} else if (peek(c, 0) == 0xC2 && (peek(c, 1) == 0xBA || peek(c, 1) == 0xB0)) {
		c->i += 2;
	} else if (peek(c, 0) == '.' && !is_digit(peek(c, 1))) {
		c->i++;
	}
	if (alnum_at(c->s, c->len, c->i))
		goto no;
	return 1;
no:
	c->i = save;
	return 0;
}

/* A year of exactly `digits` digits, not run on into a word or number. */
static int p_year(struct cur *c, int *year, size_t digits)
{
	size_t save = c->i;
	if (read_num(c, year) != digits || alnum_at(c->s, c->len, c->i)) {
		c->i = save;
		return 0;
	}
	return 1;
}

/* "am", "pm", "a.m.", "p.m." (any case): 1 am, 2 pm, 0 none. */
static int p_ampm(struct cur *c)
{
	size_t save = c->i;
	int a = peek(c, 0) | 0x20;
	if (a != 'a' && a != 'p')
		return 0;
	c->i++;
	int dot = eat(c, '.');
	if ((peek(c, 0) | 0x20) != 'm')
		goto no;
	c->i++;
	if (dot)
		eat(c, '.');
	if (alnum_at(c->s, c->len, c->i))
		goto no;
	return a == 'a' ? 1 : 2;
no:
	c->i = save;
	return 0;
}

/* A numeric offset "+05:30", "+0530", "+05", "-0500". */
static int p_num_offset(struct cur *c, int *off)
{
	size_t save = c->i;
	int sign = peek(c, 0);
	if (sign != '+' && sign != '-' && !(sign == 0xE2 && peek(c, 1) == 0x88 && peek(c, 2) == 0x92))
		return 0;
	c->i += sign == 0xE2 ? 3 : 1; /* U+2212 minus sign */
	int h, m = 0;
	size_t n = read_num(c, &h);
	if (n == 4) {
		m = h % 100;
		h /= 100;
	} else if (n == 2 || n == 1) {
		if (peek(c, 0) == ':' && is_digit(peek(c, 1))) {
			c->i++;
			if (read_num(c, &m) != 2)
				goto no;
		}
	} else {
		goto no;
	}
	if (h > 14 || m > 59 || alnum_at(c->s, c->len, c->i))
		goto no;
	*off = (sign == '+' ? 1 : -1) * (h * 60 + m);
	return 1;
no:
	c->i = save;
	return 0;
}

/* The zone after a time: attached "Z"/offset, or after space a zone name
 * (optionally "UTC+2"), a numeric offset, or a military letter at the very
 * end.  Sets d's offset when it is one known value. */
static void p_zone(struct cur *c, struct gloss_date *d)
{
	size_t save = c->i;
	int off, v;
	if ((peek(c, 0) | 0x20) == 'z' && !alnum_at(c->s, c->len, c->i + 1)) {
		c->i++;
		d->has_offset = 1;
		d->offset_min = 0;
		return;
	}
	if (p_num_offset(c, &off))
		goto have;
	skip_space(c);
	if (p_num_offset(c, &off))
		goto have;
	if (eat(c, '(')) { /* "(EDT)" */
		char w[8];
		if (read_word(c, w, sizeof w) && lookup(zones, sizeof zones / sizeof *zones, w, &v) &&
		    eat(c, ')'))
			goto named;
		goto none;
	}
	{
		size_t wstart = c->i;
		char w[8];
		size_t n = read_word(c, w, sizeof w);
		if (n == 0)
			goto none;
		if (lookup(zones, sizeof zones / sizeof *zones, w, &v) && n > 1)
			goto named;
		/* RFC 822's military letters; its signs were wrong, so as RFC 2822
		 * says only "Z" gives an offset, the rest are read and not trusted. */
		if (n == 1 && c->s[wstart] >= 'A' && c->s[wstart] <= 'Z' && c->s[wstart] != 'J') {
			struct cur t = *c;
			skip_space(&t);
			if (at_end(&t)) {
				if (c->s[wstart] == 'Z') {
					d->has_offset = 1;
					d->offset_min = 0;
				}
				return;
			}
		}
		goto none;
	}
named:
	if (v == 0) { /* "UTC+2", "GMT-05:00" */
		if (p_num_offset(c, &off))
			goto have;
	}
	if (v != ZONE_UNKNOWN) {
		d->has_offset = 1;
		d->offset_min = v;
	}
	goto comment;
have:
	d->has_offset = 1;
	d->offset_min = off;
comment: { /* "+0000 (UTC)", "-0400 (EDT)" */
	struct cur t = *c;
	char w[8];
	skip_space(&t);
	if (eat(&t, '(') && read_word(&t, w, sizeof w) && lookup(zones, sizeof zones / sizeof *zones, w, &v) &&
	    eat(&t, ')'))
		*c = t;
}
	return;
none:
	c->i = save;
}

/* A time of day: "10:45", "10:45:00", "10:45:00.123", "5:30 p.m.",
 * "5 pm", "07.00", "10h45", "10:45 Uhr", then an optional zone. */
static int p_time(struct cur *c, struct gloss_date *d)
{
	size_t save = c->i;
	int h, m = 0, s = 0, has_min = 0;
	size_t n = read_num(c, &h);
	if (n < 1 || n > 2)
		goto no;
	if (peek(c, 0) == ':' && is_digit(peek(c, 1))) {
		c->i++;
		if (read_num(c, &m) != 2)
			goto no;
		has_min = 1;
		if (peek(c, 0) == ':' && is_digit(peek(c, 1))) {
			c->i++;
			if (read_num(c, &s) != 2)
				goto no;
			if ((peek(c, 0) == '.' || peek(c, 0) == ',') && is_digit(peek(c, 1))) {
				int frac;
				c->i++;
				read_num(c, &frac);
			}
		}
	} else if (peek(c, 0) == '.' && is_digit(peek(c, 1)) && is_digit(peek(c, 2)) &&
	           !is_digit(peek(c, 3))) { /* "07.00 GMT", as the Guardian writes it */
		c->i++;
		read_num(c, &m);
		has_min = 1;
	} else if ((peek(c, 0) | 0x20) == 'h' && is_digit(peek(c, 1))) { /* 10h45 */
		c->i++;
		if (read_num(c, &m) != 2)
			goto no;
		has_min = 1;
	}
	{
		struct cur t = *c;
		skip_space(&t);
		int ap = p_ampm(&t);
		if (ap) {
			if (h < 1 || h > 12)
				goto no;
			h = (h % 12) + (ap == 2 ? 12 : 0);
			*c = t;
		} else if (!has_min) {
			goto no;
		} else if (eat_phrase(&t, "uhr")) {
			*c = t;
		}
	}
	if (h > 23 || m > 59 || s > 60)
		goto no;
	if (alnum_at(c->s, c->len, c->i) &&
	    !((peek(c, 0) | 0x20) == 'z' && !alnum_at(c->s, c->len, c->i + 1)))
		goto no;
	d->has_time = 1;
	d->hour = h;
	d->minute = m;
	d->second = s;
	d->has_offset = 0;
	d->offset_min = 0;
	p_zone(c, d);
	return 1;
no:
	c->i = save;
	return 0;
}

/* An optional time after a date: ", 10:45", " at 5 p.m.", " à 10h45",
 * "T10:45:00Z". */
static int p_opt_time(struct cur *c, struct gloss_date *d)
{
	size_t save = c->i;
	if ((peek(c, 0) | 0x20) == 't' && is_digit(peek(c, 1))) {
		c->i++;
		if (p_time(c, d))
			return 1;
		c->i = save;
		return 0;
	}
	skip_space(c);
	if (eat(c, ',') || eat(c, '-') || eat(c, '|'))
		skip_space(c);
	for (size_t k = 0; k < sizeof time_joins / sizeof *time_joins; k++) {
		struct cur t = *c;
		if (eat_phrase(&t, time_joins[k]) && skip_space(&t)) {
			*c = t;
			break;
		}
	}
	if (p_time(c, d))
		return 1;
	c->i = save;
	return 0;
}

/* Year first: "2015-03-18", "2015/03/18", "2015.03.18". */
static int p_core_ymd(struct cur *c, struct gloss_date *d)
{
	int y, m, dd;
	if (read_num(c, &y) != 4)
		return 0;
	int sep = peek(c, 0);
	if (sep != '-' && sep != '/' && sep != '.')
		return 0;
	c->i++;
	size_t n = read_num(c, &m);
	if (n < 1 || n > 2 || !eat(c, sep))
		return 0;
	n = read_num(c, &dd);
	if (n < 1 || n > 2 || is_digit(peek(c, 0)))
		return 0;
	if (!valid_ymd(y, m, dd))
		return 0;
	d->year = y;
	d->month = m;
	d->day = dd;
	return 1;
}

/* Day first, numeric: "18.03.2015" (dots: the European order), or with
 * '/' or '-' only when the order cannot matter ("18/03/2015",
 * "03/18/2015", "03/03/2015"; never "03/04/2015"). */
static int p_core_numeric(struct cur *c, struct gloss_date *d)
{
	int a, b, y;
	size_t n = read_num(c, &a);
	if (n < 1 || n > 2)
		return 0;
	int sep = peek(c, 0);
	if (sep != '/' && sep != '.' && sep != '-')
		return 0;
	c->i++;
	n = read_num(c, &b);
	if (n < 1 || n > 2 || !eat(c, sep) || !p_year(c, &y, 4))
		return 0;
	int day = a, month = b;
	if (sep != '.') {
		if (a <= 12 && b <= 12 && a != b)
			return 0; /* could be either */
		if (a <= 12 && b > 12) {
			day = b;
			month = a;
		}
	}
	if (!valid_ymd(y, month, day))
		return 0;
	d->year = y;
	d->month = month;
	d->day = day;
	return 1;
}

/* Month first: "March 18, 2015", "Mar. 18th 2015", "Sept. 5, 2021". */
static int p_core_mdy(struct cur *c, struct gloss_date *d)
{
	int m, dd, y;
	if (!p_month(c, &m))
		return 0;
	if (!skip_space(c) && c->s[c->i - 1] != '.')
		return 0;
	if (!p_day(c, &dd))
		return 0;
	eat(c, ',');
	if (!skip_space(c) && c->s[c->i - 1] != ',')
		return 0;
	if (!p_year(c, &y, 4) || !valid_ymd(y, m, dd))
		return 0;
	d->year = y;
	d->month = m;
	d->day = dd;
	return 1;
}

/* Day first: "18 March 2015", "12 Sep 2023", "12-Sep-2023", "18. März
 * 2015", "1er mars 2015", "12 de marzo de 2015", and RFC 822's two-digit
 * years ("12 Sep 23 10:00 GMT", only with a time after them). */
static int p_core_dmy(struct cur *c, struct gloss_date *d)
{
	int dd, m, y;
	if (!p_day(c, &dd))
		return 0;
	int dash = eat(c, '-');
	if (!dash) {
		if (!skip_space(c) && c->s[c->i - 1] != '.')
			return 0;
		struct cur t = *c;
		if (eat_phrase(&t, "de") && skip_space(&t))
			*c = t;
	}
	if (!p_month(c, &m))
		return 0;
	if (dash) {
		if (!eat(c, '-'))
			return 0;
	} else {
		eat(c, ',');
		if (!skip_space(c) && c->s[c->i - 1] != '.' && c->s[c->i - 1] != ',')
			return 0;
		struct cur t = *c;
		if ((eat_phrase(&t, "de") || eat_phrase(&t, "del")) && skip_space(&t))
			*c = t;
	}
	if (p_year(c, &y, 4)) {
		if (!valid_ymd(y, m, dd))
			return 0;
	} else if (p_year(c, &y, 2)) {
		y += y < 50 ? 2000 : 1900;
		if (!valid_ymd(y, m, dd))
			return 0;
		struct gloss_date t = *d;
		if (!p_opt_time(c, &t))
			return 0;
		*d = t;
	} else {
		return 0;
	}
	d->year = y;
	d->month = m;
	d->day = dd;
	return 1;
}

/* A date (optional weekday, a core, an optional time) at the cursor. */
static int p_date(struct cur *c, struct gloss_date *out)
{
	size_t start = c->i;
	for (int with_weekday = 1; with_weekday >= 0; with_weekday--) {
		static int (*const cores[])(struct cur *, struct gloss_date *) = {
			p_core_ymd, p_core_numeric, p_core_mdy, p_core_dmy};
		c->i = start;
		if (with_weekday && !p_weekday(c))
			continue;
		size_t core_start = c->i;
		for (size_t k = 0; k < sizeof cores / sizeof *cores; k++) {
			struct gloss_date d = {0};
			c->i = core_start;
			if (!cores[k](c, &d))
				continue;
			if (!d.has_time)
				p_opt_time(c, &d);
			*out = d;
			return 1;
		}
	}
	c->i = start;
	return 0;
}

int date_parse(const char *s, size_t len, struct gloss_date *d)
{
	struct cur c = {(const unsigned char *)s, len, 0};
	if (!s)
		return -1;
	skip_space(&c);
	for (int round = 0; round < 3; round++) {
		int any = 0;
		for (size_t k = 0; k < sizeof prefixes / sizeof *prefixes; k++) {
			struct cur t = c;
			if (eat_phrase(&t, prefixes[k]) && !alnum_at(t.s, t.len, t.i)) {
				skip_space(&t);
				eat(&t, ':');
				skip_space(&t);
				c = t;
				any = 1;
				break;
			}
		}
		if (!any)
			break;
	}
	struct gloss_date r;
	if (!p_date(&c, &r))
		return -1;
	skip_space(&c);
	if (!at_end(&c))
		return -1;
	*d = r;
	return 0;
}

int date_scan(const char *s, size_t len, struct gloss_date *d, size_t *start, size_t *end)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!s)
		return -1;
	for (size_t i = 0; i < len; i++) {
		/* only where a word or number starts */
		if (!alnum_at(u, len, i) || (i > 0 && alnum_at(u, len, i - 1)) ||
		    (i > 1 && letter_at(u, len, i - 2) == 2))
			continue;
		struct cur c = {u, len, i};
		struct gloss_date r;
		if (p_date(&c, &r) && !alnum_at(u, len, c.i)) {
			*d = r;
			*start = i;
			*end = c.i;
			return 0;
		}
	}
	return -1;
}

size_t date_format_iso(const struct gloss_date *d, char *buf, size_t sz)
{
	int n;
	if (!d->has_time)
		n = snprintf(buf, sz, "%04d-%02d-%02d", d->year, d->month, d->day);
	else if (!d->has_offset)
		n = snprintf(buf, sz, "%04d-%02d-%02dT%02d:%02d:%02d", d->year, d->month, d->day,
		             d->hour, d->minute, d->second);
	else if (d->offset_min == 0)
		n = snprintf(buf, sz, "%04d-%02d-%02dT%02d:%02d:%02dZ", d->year, d->month, d->day,
		             d->hour, d->minute, d->second);
	else {
		int o = d->offset_min < 0 ? -d->offset_min : d->offset_min;
		n = snprintf(buf, sz, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d->year, d->month,
		             d->day, d->hour, d->minute, d->second, d->offset_min < 0 ? '-' : '+',
		             o / 60, o % 60);
	}
	return n < 0 ? 0 : (size_t)n;
}

size_t date_format_short(const struct gloss_date *d, char *buf, size_t sz)
{
	int n = snprintf(buf, sz, "%04d-%02d-%02d", d->year, d->month, d->day);
	return n < 0 ? 0 : (size_t)n;
}

int date_to_iso(const char *s, size_t len, char *buf, size_t sz)
{
	struct gloss_date d;
	if (date_parse(s, len, &d) != 0)
		return -1;
	if (date_format_iso(&d, buf, sz) >= sz)
		return -1;
	return 0;
}

int date_is_iso(const char *s, size_t len)
{
	char buf[DATE_ISO_MAX];
	struct gloss_date d;
	if (!s || len < 10 || len >= sizeof buf)
		return 0;
	if (!is_digit((unsigned char)s[0]) || s[4] != '-' || s[7] != '-')
		return 0;
	if (date_parse(s, len, &d) != 0)
		return 0;
	size_t n = date_format_iso(&d, buf, sizeof buf);
	return n == len && memcmp(buf, s, len) == 0;
}

const char *date_display(const char *stored, char *buf, size_t sz)
{
	struct gloss_date d;
	size_t n;
	if (!stored || sz < 11)
		return NULL;
	n = strlen(stored);
	if (n > 10 && stored[10] == 'T' && date_is_iso(stored, n))
		n = 10;
	if (n != 10 || !date_is_iso(stored, 10) || date_parse(stored, 10, &d) != 0)
		return NULL;
	date_format_short(&d, buf, sz);
	return buf;
}
