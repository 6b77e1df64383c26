/* compare.c — quantities in news sentences, and their disagreements.
 *
 * Two outlets reporting the same journey write "1,200 kilometre" and
 * "683 miles", or "about 20 hours" and "at least 20 hours".  This reads
 * a number (digits with separators, or number words, with a scale such as
 * "million") followed by a unit from a small table, converts it to one
 * unit per kind, and calls two values the same when they are within 5%
 * (reported figures are rounded).  Weekdays are compared too: "on Monday"
 * against "on Tuesday" for the same event is worth a flag. */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gloss/compare.h"
#include "gloss/lexicon.h"
#include "gloss/util.h"

/* The names of the kinds, in notes and in the unit list's class column. */
static const char *const kind_names[] = {
	"", "distance", "duration", "speed", "amount", "share", "count", "day",
};

/* Units of measure are data: the current language's unit-values list
 * ("km\tdistance 1000": a kind and the factor to metres, seconds, km/h,
 * percent), longest spellings first where one is a prefix of another. */
#define UNIT_LIST "unit-values"

/* The kind named by the first word of a unit entry's class column, and
 * its factor after it; CMP_NONE when the entry names no kind. */
static enum compare_kind unit_kind(const struct lexicon_entry *e, double *factor)
{
	size_t k, n = strcspn(e->cls, " ");
	for (k = 1; k < ARRAY_SIZE(kind_names); k++)
		if (strlen(kind_names[k]) == n && strncmp(e->cls, kind_names[k], n) == 0) {
			*factor = strtod(e->cls + n, NULL);
			return (enum compare_kind)k;
		}
	return CMP_NONE;
}

/* Number words and scale words, with their values, are data: the
 * current language's number-values list ("twelve\tnumber 12",
 * "million\tscale 1e6", "m\tscale 1e6 money"). */
#define NUMBER_LIST "number-values"

/* The value in an entry's class column (its first word that is a number). */
static double entry_value(const struct lexicon_entry *e)
{
	const char *c = e->cls;
	while (*c && !isdigit((unsigned char)*c))
		c++;
	return strtod(c, NULL);
}

/* Currencies and weekdays are the recognizer's word lists, with a column
 * for what the comparison needs: a currency's ISO 4217 code, a weekday's
 * number (1 is Monday). */
#define CURRENCY_LIST "gazetteer/currencies" /* data/LANG/gazetteer/currencies.txt */
#define WEEKDAY_LIST "gazetteer/weekdays"

/* The ISO code in a currency entry's class column, or NULL. */
static const char *currency_code(const struct lexicon_entry *e)
{
	const char *c = e->cls;
	if (e->cls_len >= 3 && isupper((unsigned char)c[0]) && isupper((unsigned char)c[1]) &&
	    isupper((unsigned char)c[2]) && (e->cls_len == 3 || c[3] == ' '))
		return c;
	return NULL;
}

/* A sign ("$", "US$", "€") rather than a word: anything but ASCII letters. */
static int currency_sign(const struct lexicon_entry *e)
{
	for (size_t k = 0; k < e->len; k++)
		if (!isalpha((unsigned char)e->word[k]) || (unsigned char)e->word[k] >= 0x80)
			return 1;
	return 0;
}

static int word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Does text[pos..) start with w (case-insensitively) as a whole word? */
static size_t match_word(const char *t, size_t len, size_t pos, const char *w)
{
	size_t n = strlen(w);

	if (pos + n > len || strncasecmp(t + pos, w, n) != 0)
		return 0;
	if (word_char((unsigned char)w[n - 1]) && pos + n < len && word_char((unsigned char)t[pos + n]))
		return 0;
	return n;
}

static size_t skip_spaces(const char *t, size_t len, size_t p)
{
	while (p < len && (t[p] == ' ' || t[p] == '-'))
		p++;
	return p;
}

/* A number at t[p]: digits with , separators and a decimal point, or a
 * number word.  Returns its length (0 if none) and sets *v. */
static size_t read_number(const char *t, size_t len, size_t p, double *v)
{
	size_t q = p, i;
	char buf[64];
	size_t bn = 0;

	if (p < len && isdigit((unsigned char)t[p])) {
		if (p > 0 && (word_char((unsigned char)t[p - 1]) || t[p - 1] == '.'))
			return 0;
		while (q < len && bn < sizeof buf - 1 &&
		       (isdigit((unsigned char)t[q]) ||
		        ((t[q] == ',' || t[q] == '.') && q + 1 < len && isdigit((unsigned char)t[q + 1])))) {
			if (t[q] != ',')
				buf[bn++] = t[q];
			q++;
		}
		buf[bn] = '\0';
		*v = strtod(buf, NULL);
		return q - p;
	}
	if (p > 0 && word_char((unsigned char)t[p - 1]))
		return 0;
	{
		const struct lexicon_list *nl = lexicon_words(NUMBER_LIST);
		for (i = 0; i < nl->n; i++) {
			size_t n;
			if (!lexicon_has_class(&nl->v[i], "number"))
				continue;
			n = match_word(t, len, p, nl->v[i].word);
			if (n) {
				*v = entry_value(&nl->v[i]);
				return n;
			}
		}
	}
	return 0;
}

static void push(struct compare_qtys *out, enum compare_kind k, double v, const char *cur,
                 size_t s, size_t e)
{
	struct compare_qty q;

	memset(&q, 0, sizeof q);
	q.kind = k;
	q.value = v;
	if (cur)
		snprintf(q.currency, sizeof q.currency, "%s", cur);
	q.start = s;
	q.end = e;
	VEC_PUSH(out, q);
}

void compare_scan(const char *t, size_t len, struct compare_qtys *out)
{
	size_t p = 0, i;

	while (p < len) {
		double v;
		size_t n, q, start = p;
		const char *cur = NULL;

		/* A currency sign before the number, the longest that fits. */
		{
			const struct lexicon_list *cl = lexicon_words(CURRENCY_LIST);
			size_t best = 0;
			for (i = 0; i < cl->n; i++) {
				const struct lexicon_entry *e = &cl->v[i];
				size_t cn = e->len;
				if (cn > best && currency_code(e) && currency_sign(e) && p + cn < len &&
				    memcmp(t + p, e->word, cn) == 0 && isdigit((unsigned char)t[p + cn])) {
					best = cn;
					cur = currency_code(e);
				}
			}
			p += best;
		}
		n = read_number(t, len, p, &v);
		if (!n) {
			const struct lexicon_list *wl = lexicon_words(WEEKDAY_LIST);
			for (i = 0; i < wl->n; i++) {
				size_t wn = match_word(t, len, p, wl->v[i].word);
				if (wn && (p == 0 || !word_char((unsigned char)t[p - 1]))) {
					push(out, CMP_WEEKDAY, atof(wl->v[i].cls) - 1, NULL, p, p + wn);
					p += wn;
					break;
				}
			}
			if (i == wl->n)
				p = cur ? p : p + 1;
			continue;
		}
		q = p + n;
		/* A scale word: "1.5 billion", "2m". */
		{
			size_t r = skip_spaces(t, len, q);
			const struct lexicon_list *nl = lexicon_words(NUMBER_LIST);
			for (i = 0; i < nl->n; i++) {
				const struct lexicon_entry *e = &nl->v[i];
				size_t sn = lexicon_has_class(e, "scale") ? match_word(t, len, r, e->word) : 0;
				if (sn && (cur || !lexicon_has_class(e, "money"))) {
					v *= entry_value(e);
					q = r + sn;
					break;
				}
			}
		}
		if (cur) {
			push(out, CMP_MONEY, v, cur, start, q);
			p = q;
			continue;
		}
		{
			size_t r = q < len && t[q] == '%' ? q : skip_spaces(t, len, q);
			int found = 0;
			const struct lexicon_list *ul = lexicon_words(UNIT_LIST);
			for (i = 0; i < ul->n && !found; i++) {
				size_t un = match_word(t, len, r, ul->v[i].word);
				double f = 0;
				enum compare_kind k = un ? unit_kind(&ul->v[i], &f) : CMP_NONE;
				if (k != CMP_NONE) {
					push(out, k, v * f, NULL, start, r + un);
					q = r + un;
					found = 1;
				}
			}
			const struct lexicon_list *cl = lexicon_words(CURRENCY_LIST);
			for (i = 0; i < cl->n && !found; i++) {
				const struct lexicon_entry *e = &cl->v[i];
				size_t un = currency_code(e) && !currency_sign(e) ? match_word(t, len, r, e->word) : 0;
				if (un) {
					char code[4];
					memcpy(code, currency_code(e), 3);
					code[3] = '\0';
					push(out, CMP_MONEY, v, code, start, r + un);
					q = r + un;
					found = 1;
				}
			}
		}
		p = q > p ? q : p + 1;
	}
}

/* A value in a unit a reader knows, for the note. */
static void show_value(const struct compare_qty *q, char *out, size_t n)
{
	switch (q->kind) {
	case CMP_DISTANCE:
		snprintf(out, n, "≈%.0f km", q->value / 1000);
		break;
	case CMP_DURATION:
		if (q->value < 3600 * 72)
			snprintf(out, n, "≈%.1f hours", q->value / 3600);
		else
			snprintf(out, n, "≈%.0f days", q->value / 86400);
		break;
	case CMP_SPEED:
		snprintf(out, n, "≈%.0f km/h", q->value);
		break;
	default:
		out[0] = '\0';
	}
}

static int same_value(const struct compare_qty *a, const struct compare_qty *b)
{
	double m = fabs(a->value) > fabs(b->value) ? fabs(a->value) : fabs(b->value);

	if (a->kind == CMP_MONEY && strcmp(a->currency, b->currency) != 0)
		return 1; /* different currencies: nothing to say without rates */
	if (a->kind == CMP_WEEKDAY)
		return a->value == b->value;
	return m == 0 || fabs(a->value - b->value) <= 0.05 * m;
}

char *compare_differences(const char *ta, const struct compare_qtys *a, const char *tb,
                          const struct compare_qtys *b)
{
	struct buf out = {0};
	size_t i, j;
	int kind;

	for (kind = CMP_DISTANCE; kind <= CMP_WEEKDAY; kind++) {
		const struct compare_qty *qa = NULL, *qb = NULL;
		int matched = 0, na = 0, nb = 0;
		if (kind == CMP_COUNT)
			continue;
		for (i = 0; i < a->n; i++) {
			if ((int)a->v[i].kind != kind)
				continue;
			na++;
			if (!qa)
				qa = &a->v[i];
			for (j = 0; j < b->n; j++)
				if ((int)b->v[j].kind == kind && same_value(&a->v[i], &b->v[j]))
					matched = 1;
		}
		for (j = 0; j < b->n; j++)
			if ((int)b->v[j].kind == kind && !nb++)
				qb = &b->v[j];
		if (!na || !nb || matched)
			continue;
		{
			char va[48], vb[48];
			show_value(qa, va, sizeof va);
			show_value(qb, vb, sizeof vb);
			if (out.len)
				buf_adds(&out, "; ");
			buf_printf(&out, "%s differs: %.*s%s%s%s vs %.*s%s%s%s", kind_names[kind],
			           (int)(qa->end - qa->start), ta + qa->start, *va ? " (" : "", va,
			           *va ? ")" : "", (int)(qb->end - qb->start), tb + qb->start,
			           *vb ? " (" : "", vb, *vb ? ")" : "");
		}
	}
	return out.len ? buf_steal(&out) : NULL;
}
