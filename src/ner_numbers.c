/* ner_numbers.c — the recognizer's numeric pass: numbers, amounts,
 * percentages, quantities, dates and times by a small grammar over the
 * grammar words of the lexicon. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/util.h"
#include "ner_internal.h"

/* ------------------------------------------------------------------ */
/* Numbers, dates and times                                            */

/* The value of a plain number token (digits, commas, one dot); -1 when it
 * is not one. */
static double num_value(const struct doc *d, size_t i)
{
	const struct tok *t = &d->t[i];
	double v = 0, scale = 0;
	if (t->kind != TK_NUM)
		return -1;
	for (uint32_t k = t->s; k < t->e; k++) {
		unsigned char c = d->s[k];
		if (c >= '0' && c <= '9') {
			if (scale > 0) {
				v += (c - '0') * scale;
				scale /= 10;
			} else {
				v = v * 10 + (c - '0');
			}
		} else if (c == ',') {
			continue;
		} else if (c == '.' && scale == 0) {
			scale = 0.1;
		} else {
			return -1;
		}
	}
	return v;
}

static bool is_year(const struct doc *d, size_t i)
{
	double v = num_value(d, i);
	return tlen(d, i) == 4 && v >= 1000 && v <= 2100;
}

static bool is_daynum(const struct doc *d, size_t i)
{
	double v = num_value(d, i);
	const struct tok *t = &d->t[i];
	if (t->kind != TK_NUM)
		return false;
	if (v < 0) {
		/* 5th, 21st */
		size_t l = tlen(d, i);
		if (l < 3 || l > 4)
			return false;
		return ner_cclass[d->s[t->s]] == C_DIG && (d->s[t->s + l - 1] == 'h' || d->s[t->s + l - 1] == 't' ||
						       d->s[t->s + l - 1] == 'd');
	}
	return v >= 1 && v <= 31 && tlen(d, i) <= 2;
}

/* Suffix of a number token after its digits ("km" of "200km"). */
static size_t num_suffix(const struct doc *d, size_t i, const unsigned char **suf)
{
	const struct tok *t = &d->t[i];
	uint32_t k = t->s;
	while (k < t->e && (ner_cclass[d->s[k]] == C_DIG || d->s[k] == ',' || d->s[k] == '.'))
		k++;
	*suf = d->s + k;
	return t->e - k;
}

/* "The 139th was formed", "the 65th also controlled": an ordinal in
 * digits after "the", past the days of a month, before a verb (a copula,
 * a past tense in -ed or a unit-verb word) names a numbered unit, a
 * regiment or a wing, by its number alone. */
static bool unit_ordinal(const struct doc *d, size_t i)
{
	const struct tok *t = &d->t[i], *n;
	unsigned v = 0;
	size_t l;
	if (i == 0 || i + 1 >= d->n || !tok_w(d, i - 1, RW_DEFINITE) || (t->f & TF_NL))
		return false;
	for (uint32_t k = t->s; k < t->e && ner_cclass[d->s[k]] == C_DIG && v < 100000; k++)
		v = v * 10 + (unsigned)(d->s[k] - '0');
	if (v < 32)
		return false;
	n = &d->t[i + 1];
	if (n->kind != TK_WORD || !(n->f & TF_LOWER) || (n->f & TF_NL))
		return false;
	if (tok_w(d, i + 1, RW_COPULA) || tok_w(d, i + 1, RW_UNIT_VERB))
		return true;
	l = tlen(d, i + 1);
	return l >= 5 && d->s[n->s + l - 2] == 'e' && d->s[n->s + l - 1] == 'd';
}

/* A number at token i: digits, number words, "tens of millions".  Returns
 * its end (i when none); *vague for tens/hundreds. */
static size_t number_at(const struct doc *d, size_t i, bool *vague)
{
	size_t j = i;
	*vague = false;
	if (i >= d->n || d->t[i].used)
		return i;
	if (d->t[i].kind == TK_NUM && num_value(d, i) >= 0) {
		j = i + 1;
		while (j < d->n && (gram(d, j) & W_SCALE) && !d->t[j].used)
			j++;
		return j;
	}
	if (d->t[i].kind != TK_WORD)
		return i;
	if (gram(d, i) & W_MULT) {
		*vague = true;
		j = i + 1;
		if (tok_w(d, j, RW_GENITIVE) && (gram(d, j + 1) & W_MULT))
			j += 2;
		return j;
	}
	if ((tok_w(d, i, RW_INDEFINITE)) && (gram(d, i + 1) & W_SCALE) && (gram(d, i + 1) & W_NUM))
		return i + 2 + 0;
	while (j < d->n && !d->t[j].used && d->t[j].kind == TK_WORD) {
		const struct tok *t = &d->t[j];
		if (t->gram & W_NUM) {
			j++;
		} else if (t->f & TF_HYPH) {
			/* twenty-five */
			const unsigned char *p = d->s + t->s, *e = d->s + t->e;
			const unsigned char *h = memchr(p, '-', (size_t)(e - p));
			uint32_t g1 = 0, g2 = 0;
			if (!h)
				break;
			ner_lower_kinds(p, (size_t)(h - p), &g1);
			ner_lower_kinds(h + 1, (size_t)(e - h - 1), &g2);
			if ((g1 & W_NUM) && (g2 & W_NUM))
				j++;
			else
				break;
		} else if (j > i && tok_w(d, j, RW_CONJUNCTION) && (gram(d, j + 1) & W_NUM) && (gram(d, j - 1) & W_SCALE)) {
			/* "one hundred and fifty" */
			j++;
		} else {
			break;
		}
		if (j > i && (d->t[j - 1].f & TF_CAP) && !(d->t[j - 1].f & TF_SENT) && !(d->t[j - 1].f & TF_HEAD))
			return i; /* "One Direction": a capitalised number word is a name */
	}
	return j;
}

static bool quarter_ordinal(const struct doc *d, size_t i)
{
	return tok_w(d, i, RW_QUARTER_ORDINAL);
}

static bool half_ordinal(const struct doc *d, size_t i)
{
	return tok_w(d, i, RW_HALF_ORDINAL);
}

/* Modifiers before a number or period; returns the core's first token.
 * *kind: 1 for amount modifiers (about, more than), 2 for time-only ones
 * (the past, last, early). */
static size_t modifier_at(const struct doc *d, size_t i, int *kind)
{
	size_t j = i;
	*kind = 0;
	if (!free_word(d, i))
		return i;
	if ((tok_w(d, j, RW_COMPARATIVE)) && tok_w(d, j + 1, RW_THAN))
		j += 2, *kind = 1;
	else if (tok_w(d, j, RW_AT) && (tok_w(d, j + 1, RW_SUPERLATIVE)))
		j += 2, *kind = 1;
	else if (tok_w(d, j, RW_UP) && tok_w(d, j + 1, RW_TO))
		j += 2, *kind = 1;
	else if (tok_w(d, j, RW_AS) && (tok_w(d, j + 1, RW_QUANTITY_ADVERB)) &&
		 tok_w(d, j + 2, RW_AS))
		j += 3, *kind = 1;
	else if (tok_w(d, j, RW_CLOSE) && tok_w(d, j + 1, RW_TO))
		j += 2, *kind = 1;
	else if (tok_w(d, j, RW_UPWARDS) && tok_w(d, j + 1, RW_GENITIVE))
		j += 2, *kind = 1;
	else if (tok_w(d, j, RW_INDEFINITE) && tok_w(d, j + 1, RW_ESTIMATED))
		j += 2, *kind = 1;
	else if (tok_w(d, j, RW_WELL) && (tok_w(d, j + 1, RW_OVER_UNDER)))
		j += 2, *kind = 1;
	else if (gram(d, j) & W_MOD)
		j += 1, *kind = 1;
	else if (tok_w(d, j, RW_DEFINITE) && ((tok_w(d, j + 2, RW_QUARTER) && quarter_ordinal(d, j + 1)) ||
					 (tok_w(d, j + 2, RW_HALF) && half_ordinal(d, j + 1))))
		j += 1, *kind = 1; /* "the third quarter" keeps its "the", as periods do */
	else if (tok_w(d, j, RW_DEFINITE) && (tok_w(d, j + 1, RW_RELATIVE_PERIOD) || tok_w(d, j + 1, RW_ADJACENT_PERIOD) ||
					 tok_w(d, j + 1, RW_FOLLOWING_PERIOD) || tok_w(d, j + 1, RW_ORDINAL_1)))
		j += 2, *kind = 2;
	else if (tok_w(d, j, RW_RELATIVE_PERIOD) || tok_w(d, j, RW_ADJACENT_PERIOD) || tok_w(d, j, RW_ANOTHER_PERIOD))
		j += 1, *kind = 2;
	else if (gram(d, j) & W_EDGE)
		j += 1, *kind = 2;
	if (*kind == 1 && (gram(d, j) & W_MOD) && j < i + 2)
		j++; /* "just over", "nearly about" */
	if (j > i && (d->t[j - 1].f & TF_NL) && j - 1 > i)
		return i;
	for (size_t k = i; k < j; k++)
		if (d->t[k].used || d->t[k].kind != TK_WORD)
			return i;
	return j;
}

/* After a period (year, month...): "ago", "old", "later". */
static size_t period_tail(const struct doc *d, size_t j)
{
	if (free_word(d, j) && (gram(d, j) & W_AFTER) && !tok_w(d, j, RW_DURATION_LONG) && !(d->t[j].f & TF_NL))
		return j + 1;
	return j;
}

/* Month name (exact case) at token i, with its abbreviation's dot. */
static size_t month_at(const struct doc *d, size_t i)
{
	uint32_t g;
	size_t e;
	if (!free_word(d, i) || !(d->t[i].f & TF_CAP))
		return i;
	e = ner_longest_entry(d, i, d->n, G_MONTH, &g);
	return e;
}

static size_t weekday_at(const struct doc *d, size_t i)
{
	uint32_t g;
	if (!free_word(d, i) || !(d->t[i].f & TF_CAP))
		return i;
	return ner_longest_entry(d, i, d->n, G_WEEKDAY, &g);
}

/* A date led by a month: "March", "March 5", "March 5, 2024", "March 2024". */
static size_t month_date(const struct doc *d, size_t i, bool need_context)
{
	size_t j = month_at(d, i), k;
	bool may = tok_w(d, i, RW_MONTH_ALSO_VERB);
	if (j == i)
		return i;
	k = j;
	if (k < d->n && !d->t[k].used && is_daynum(d, k)) {
		k++;
		if (tok_punct(d, k, ',') && k + 1 < d->n && is_year(d, k + 1))
			k += 2;
		else if (k < d->n && is_year(d, k))
			k++;
		return k;
	}
	if (k < d->n && !d->t[k].used && is_year(d, k))
		return k + 1;
	/* "March, 1999" */
	if (tok_punct(d, k, ',') && k + 1 < d->n && !d->t[k + 1].used && is_year(d, k + 1) && !(d->t[k + 1].f & TF_NL))
		return k + 2;
	/* "Jan Ullrich", "April Smith": a month that is also a given name,
	 * before a capitalised name no list knows, is the name; not after
	 * "in" or "since" ("In April Google released", "In May Britain
	 * voted"). */
	if (j == i + 1 && k < d->n && d->t[k].kind == TK_WORD && (d->t[k].f & TF_CAP) && !(d->t[k].f & TF_NL) &&
	    (ner_tok_kinds(d, i) & G_GIVEN) && !(ner_tok_kinds(d, k) & (G_MONTH | G_WEEKDAY | G_NAME)) &&
	    !(i > 0 && tok_w(d, i - 1, RW_TEMPORAL_PREP)))
		return i;
	/* A bare "May" or "March" is a verb or a name more often than not,
	 * but not after "in", "since", "until" (and not owning anything). */
	if (may && need_context &&
	    !(i > 0 && tok_w(d, i - 1, RW_TEMPORAL_PREP) && (d->t[i - 1].f & (TF_LOWER | TF_SENT)) && !(d->t[i].f & TF_SENT) &&
	      !(k + 1 < d->n && d->t[k].kind == TK_PUNCT && tok_w(d, k + 1, RW_POSSESSIVE_S))))
		return i;
	if (d->t[i].f & TF_SENT && may)
		return i;
	return j;
}

/* One hyphenated token naming part of a year: "third-quarter",
 * "first-half". */
static bool fiscal_period(const struct doc *d, size_t i)
{
	const struct ner_cue_bounds *b = ner_cue_bounds(N_FISCAL);
	size_t n = tlen(d, i);
	if (!(d->t[i].f & TF_HYPH) || n < b->min_len || n > b->max_len || !b->first[d->s[d->t[i].s]])
		return false;
	return ner_tok_cue(d, i, N_FISCAL);
}

/* One hyphenated token joining two month names: "March-April". */
static bool month_range(const struct doc *d, size_t i)
{
	const struct tok *t = &d->t[i];
	const unsigned char *p = d->s + t->s;
	size_t n = tlen(d, i), h = 0;
	const struct slot *a, *b;
	if (!(t->f & TF_HYPH) || !(t->f & TF_CAP) || n < 5 || n > 40)
		return false;
	while (h < n && p[h] != '-')
		h++;
	if (h == 0 || h + 2 > n || ner_cclass[p[h + 1]] != C_UP)
		return false;
	a = ner_lex_get((const char *)p, h);
	b = ner_lex_get((const char *)p + h + 1, n - h - 1);
	return a && b && (a->gaz & G_MONTH) && (b->gaz & G_MONTH);
}

/* The core of a date, time or number at token i, with its label. */
static size_t core_at(const struct doc *d, size_t i, int modkind, enum ner_label *label)
{
	size_t j, k;
	bool vague;
	const struct tok *t;
	uint32_t g;

	if (i >= d->n || d->t[i].used)
		return i;
	t = &d->t[i];
	g = gram(d, i);

	/* Money led by a symbol: $5, £1.5 billion, US$20. */
	if (t->kind == TK_PUNCT || (t->kind == TK_WORD && (t->f & TF_ALLCAP) && tlen(d, i) <= 2 &&
				    tok_punct(d, i + 1, '$') && adjacent(d, i + 1))) {
		size_t sym = i;
		uint32_t kinds;
		if (t->kind == TK_WORD)
			sym = i + 1;
		kinds = ner_phrase_kinds(d, sym, sym + 1, false);
		if ((kinds & G_CURRENCY) && sym + 1 < d->n && d->t[sym + 1].kind == TK_NUM && adjacent(d, sym + 1)) {
			const unsigned char *suf;
			size_t sl = num_suffix(d, sym + 1, &suf);
			j = sym + 2;
			if (sl == 0)
				while (j < d->n && (gram(d, j) & W_SCALE) && !d->t[j].used)
					j++;
			*label = NER_MONEY;
			return j;
		}
		return i;
	}

	if (t->kind == TK_NUM) {
		const unsigned char *suf;
		size_t sl = num_suffix(d, i, &suf);
		const unsigned char *p = d->s + t->s;
		/* "the 15th of March", "3rd of May 2001" */
		if (num_value(d, i) < 0 && is_daynum(d, i) && i + 2 < d->n && tok_w(d, i + 1, RW_GENITIVE) &&
		    !(d->t[i + 2].f & TF_NL) && (j = month_at(d, i + 2)) > i + 2) {
			if (tok_punct(d, j, ',') && j + 1 < d->n && is_year(d, j + 1) && !(d->t[j + 1].f & TF_NL))
				j += 2;
			else if (j < d->n && !d->t[j].used && is_year(d, j) && !(d->t[j].f & TF_NL))
				j++;
			*label = NER_DATE;
			return j;
		}
		if (memchr(p, ':', tlen(d, i))) {
			j = i + 1;
			if (free_word(d, j) && (gram(d, j) & W_AMPM))
				j++;
			if (free_word(d, j) && (d->t[j].f & TF_ALLCAP) && tlen(d, j) <= 4 && tlen(d, j) >= 2 &&
			    ner_tok_cue(d, j, N_TIME_ZONE))
				j++;
			*label = NER_TIME;
			return j;
		}
		if (memchr(p, '/', tlen(d, i))) {
			const unsigned char *a = memchr(p, '/', tlen(d, i));
			*label = memchr(a + 1, '/', (size_t)(d->s + t->e - a - 1)) ? NER_DATE : NER_CARDINAL;
			return i + 1;
		}
		/* A token can be hyphenated by U+2010 and the like, with no ASCII
		 * '-' in it: only an ASCII hyphen splits a number from its unit. */
		if ((t->f & TF_HYPH) && memchr(p, '-', tlen(d, i))) {
			/* 20-year-old, 200-mile, 2019-20 */
			const unsigned char *h = memchr(p, '-', tlen(d, i));
			const unsigned char *e = d->s + t->e, *w = h + 1, *we = w;
			uint32_t gr = 0, gk;
			while (we < e && *we != '-')
				we++;
			gk = ner_lower_kinds(w, (size_t)(we - w), &gr);
			if (gr & W_TUNIT_T)
				*label = NER_TIME;
			else if (gr & W_TUNIT_D)
				*label = NER_DATE;
			else if (gk & G_UNIT)
				*label = NER_QUANTITY;
			else if (ner_cclass[*w] == C_DIG)
				*label = is_year(d, i) || (h - p == 4) ? NER_DATE : NER_CARDINAL;
			else
				return i;
			return i + 1;
		}
		if (sl > 0) {
			uint32_t gr = 0, gk = ner_lower_kinds(suf, sl, &gr);
			if (sl == 2 && ((suf[0] == 's' && suf[1] == 't') || (suf[0] == 'n' && suf[1] == 'd') ||
					(suf[0] == 'r' && suf[1] == 'd') || (suf[0] == 't' && suf[1] == 'h'))) {
				if (tok_w(d, i + 1, RW_CENTURY)) {
					*label = NER_DATE;
					return i + 2;
				}
				*label = unit_ordinal(d, i) ? NER_ORG : NER_ORDINAL;
				return i + 1;
			}
			if (suf[0] == 's' && sl == 1) {
				*label = NER_DATE; /* 1990s */
				return i + 1;
			}
			if (gr & W_AMPM) {
				*label = NER_TIME;
				return i + 1;
			}
			if (gk & G_UNIT) {
				j = i + 1;
				goto per;
			}
			return i;
		}
		/* plain number */
		j = number_at(d, i, &vague);
		goto tail;
	}

	if (t->kind != TK_WORD)
		return i;

	/* Words led forms. */
	if (fiscal_period(d, i)) {
		*label = NER_DATE; /* third-quarter, first-half */
		return i + 1;
	}
	if (g & W_ORD) {
		if ((t->f & TF_CAP) && !(t->f & (TF_SENT | TF_HEAD)) && ner_capish(d, i + 1))
			return i; /* "Eighth Air Force" */
		/* "the third quarter", "the first half of 2023" */
		if (free_word(d, i + 1) && ((tok_w(d, i + 1, RW_QUARTER) && quarter_ordinal(d, i)) ||
		                            (tok_w(d, i + 1, RW_HALF) && half_ordinal(d, i)))) {
			*label = NER_DATE;
			j = i + 2;
			if (tok_w(d, j, RW_GENITIVE) && j + 1 < d->n && is_year(d, j + 1) && !(d->t[j + 1].f & TF_NL))
				j += 2;
			return j;
		}
		if (tok_w(d, i + 1, RW_CENTURY) && !d->t[i + 1].used) {
			*label = NER_DATE;
			return i + 2;
		}
		if ((g & W_TUNIT_T) && modkind)
			return i;
		*label = NER_ORDINAL;
		return i + 1;
	}
	if (g & W_DAYWORD) {
		j = i + 1;
		*label = NER_DATE;
		if (free_word(d, j) && (gram(d, j) & W_PARTDAY)) {
			j++;
			*label = NER_TIME;
		}
		return j;
	}
	if (g & W_TIMEWORD) {
		*label = NER_TIME;
		return i + 1;
	}
	if ((j = weekday_at(d, i)) > i) {
		*label = NER_DATE;
		if (free_word(d, j) && (gram(d, j) & W_PARTDAY)) {
			*label = NER_TIME;
			return j + 1;
		}
		if (tok_punct(d, j, ',') && (k = month_date(d, j + 1, false)) > j + 1)
			return k;
		if ((k = month_date(d, j, false)) > j)
			return k;
		return j;
	}
	if ((j = month_date(d, i, modkind == 0)) > i) {
		*label = NER_DATE;
		return j;
	}
	if (g & W_SEASON) {
		if (!modkind && !(tok_w(d, i - 1, RW_THIS) || tok_w(d, i - 1, RW_ADJACENT_PERIOD)))
			return i;
		*label = NER_DATE;
		j = i + 1;
		if (tok_w(d, j, RW_GENITIVE) && j + 1 < d->n && is_year(d, j + 1))
			j += 2;
		return j;
	}
	if ((g & W_REL) && !(g & W_DET && !(tok_w(d, i, RW_THIS)))) {
		/* last week, this year, next month, past year; last night */
		j = i + 1;
		if (free_word(d, j) && (gram(d, j) & (W_TUNIT_D | W_SEASON)) && !(gram(d, j) & W_VAGUE)) {
			*label = NER_DATE;
			return period_tail(d, j + 1);
		}
		if (free_word(d, j) && (gram(d, j) & W_PARTDAY)) {
			*label = NER_TIME;
			return j + 1;
		}
		if (free_word(d, j) && (gram(d, j) & (W_TUNIT_D | W_TUNIT_T)) && tok_w(d, i, RW_RECENT)) {
			*label = NER_DATE;
			return j + 1;
		}
		if ((k = weekday_at(d, j)) > j || (k = month_date(d, j, false)) > j) {
			*label = NER_DATE;
			return k;
		}
		return i;
	}
	if ((g & W_FEW) || ((tok_w(d, i, RW_INDEFINITE)) && (gram(d, i + 1) & W_FEW))) {
		/* many years, a few days, several hours */
		j = i + 1;
		if (!(g & W_FEW))
			j++;
		if (tok_w(d, j, RW_GENITIVE))
			j++;
		if (free_word(d, j) && (gram(d, j) & W_TUNIT_D) && (gram(d, j) & W_VAGUE)) {
			*label = NER_DATE;
			return period_tail(d, j + 1);
		}
		if (free_word(d, j) && (gram(d, j) & W_TUNIT_T) && tok_w(d, j, RW_HOURS)) {
			*label = NER_TIME;
			return period_tail(d, j + 1);
		}
		return i;
	}
	if ((tok_w(d, i, RW_INDEFINITE)) && free_word(d, i + 1) &&
	    (gram(d, i + 1) & (W_TUNIT_D | W_TUNIT_T)) && (gram(d, i + 2) & W_AFTER) && !tok_w(d, i + 2, RW_AGE_OLD) &&
	    !tok_w(d, i + 2, RW_DURATION_LONG)) {
		*label = (gram(d, i + 1) & W_TUNIT_T) && !tok_w(d, i + 1, RW_UNIT_ALSO_ORDINAL) ? NER_TIME : NER_DATE;
		return i + 3;
	}
	if ((g & W_VAGUE) && !(g & W_TUNIT_T) && (t->f & (TF_LOWER))) {
		*label = NER_DATE;
		return period_tail(d, i + 1);
	}
	/* mid-March */
	if ((t->f & TF_HYPH) && tok_w_prefix(d, i, RW_EDGE_PREFIX)) {
		*label = NER_DATE;
		return i + 1;
	}
	j = number_at(d, i, &vague);
	if (j == i)
		return i;

tail:
	/* After a number: %, percent, currency, unit, period, month, a.m. */
	if (tok_punct(d, j, '%') && adjacent(d, j)) {
		*label = NER_PERCENT;
		return j + 1;
	}
	if (free_word(d, j) && (tok_w(d, j, RW_PERCENT))) {
		*label = NER_PERCENT;
		return j + 1;
	}
	if (tok_w(d, j, RW_PER) && tok_w(d, j + 1, RW_CENT)) {
		*label = NER_PERCENT;
		return j + 2;
	}
	if (tok_w(d, j, RW_PERCENTAGE) && (tok_w(d, j + 1, RW_POINTS))) {
		*label = NER_PERCENT;
		return j + 2;
	}
	if (free_word(d, j) && (d->t[j].gram & W_CURRENCY) && !(d->t[j].f & TF_CAP && !(d->t[j].f & TF_SENT))) {
		*label = NER_MONEY;
		return j + 1;
	}
	if (free_word(d, j) && (gram(d, j) & W_TUNIT_T) && !tok_w(d, j, RW_UNIT_ALSO_ORDINAL)) {
		*label = NER_TIME;
		return period_tail(d, j + 1);
	}
	if (free_word(d, j) && (gram(d, j) & W_TUNIT_D)) {
		*label = NER_DATE;
		return period_tail(d, j + 1);
	}
	if (free_word(d, j) && (gram(d, j) & W_AMPM) && !vague) {
		*label = NER_TIME;
		return j + 1;
	}
	if (free_word(d, j) && tok_w(d, j, RW_OCLOCK)) {
		*label = NER_TIME;
		return j + 1;
	}
	if (j == i + 1 && is_daynum(d, i) && (k = month_at(d, j)) > j) {
		*label = NER_DATE;
		if (k < d->n && is_year(d, k))
			k++;
		return k;
	}
	if (free_word(d, j) && (d->t[j].gram & W_UNIT) && !(d->t[j].f & TF_CAP)) {
		j++;
		goto per;
	}
	if ((tok_w(d, j, RW_AREA_VOLUME)) && free_word(d, j + 1) && (d->t[j + 1].gram & W_UNIT)) {
		j += 2;
		goto per;
	}
	if (j == i + 1 && is_year(d, i) && !modkind) {
		*label = NER_DATE;
		return j;
	}
	*label = NER_CARDINAL;
	return j;

per:
	/* 40 degrees Celsius */
	if ((tok_w(d, j - 1, RW_DEGREES)) && j < d->n &&
	    (tok_w(d, j, RW_TEMPERATURE_SCALE)) &&
	    !(d->t[j].f & TF_NL))
		j++;
	/* 60 kilometres per hour, 5 tonnes a day */
	*label = NER_QUANTITY;
	if ((tok_w(d, j, RW_PER) || tok_w(d, j, RW_INDEFINITE)) && free_word(d, j + 1) &&
	    ((d->t[j + 1].gram & W_UNIT) || (gram(d, j + 1) & (W_TUNIT_T | W_TUNIT_D))))
		j += 2;
	return j;
}

void ner_find_numeric(struct doc *d)
{
	/* Each line is a paragraph and no span crosses one: the rules see
	 * the document end where the line ends (d->n is restored after). */
	size_t n_all = d->n, line_end = 0;
	for (size_t i = 0; i < n_all; i++) {
		int modkind;
		size_t c, e;
		enum ner_label label = NER_CARDINAL;
		if (i >= line_end) {
			line_end = i + 1;
			while (line_end < n_all && !(d->t[line_end].f & TF_NL))
				line_end++;
			d->n = line_end;
		}
		/* The common case first: an ordinary word (tested below in full). */
		while (i < line_end && d->t[i].kind == TK_WORD && !(d->t[i].gram & (W_STARTS | W_DET)) &&
		       !(d->t[i].f & (TF_HYPH | TF_ALLCAP)))
			i++;
		if (i >= line_end) {
			i--;
			continue;
		}
		if (d->t[i].used || d->t[i].kind == TK_BAD)
			continue;
		/* "the summer", "each year", "every day": a determiner and a
		 * season or one date unit. */
		if ((d->t[i].gram & W_DET) && (gram(d, i + 1) & (W_SEASON | W_TUNIT_D)) && free_word(d, i + 1) &&
		    (d->t[i + 1].f & TF_LOWER) && !(d->t[i + 1].f & TF_NL) &&
		    (tok_w(d, i, RW_DEFINITE) || tok_w(d, i, RW_DISTRIBUTIVE)) &&
		    ((gram(d, i + 1) & W_SEASON) ||
		     (tok_w(d, i, RW_DISTRIBUTIVE) && (gram(d, i + 1) & W_TUNIT_D) && !(gram(d, i + 2) & W_TUNIT_D)))) {
			add_span(d, i, i + 2, NER_DATE, 2);
			i++;
			continue;
		}
		if ((d->t[i].f & TF_HYPH) && month_range(d, i)) {
			add_span(d, i, i + 1, NER_DATE, 2); /* "March-April" */
			continue;
		}
		if (d->t[i].kind == TK_WORD && !(d->t[i].gram & W_STARTS) &&
		    !((d->t[i].f & TF_HYPH) && (tok_w_prefix(d, i, RW_EDGE_PREFIX) || fiscal_period(d, i))) &&
		    !((d->t[i].f & TF_ALLCAP) && tok_punct(d, i + 1, '$')))
			continue; /* the common case: an ordinary word */
		if (d->t[i].kind == TK_PUNCT && d->s[d->t[i].s] != '$' && d->s[d->t[i].s] < 0x80)
			continue;
		/* "the", "at", "more" lead somewhere only before an amount word. */
		if (d->t[i].kind == TK_WORD && !(d->t[i].gram & (W_STARTS & ~W_NUMSTART)) && i + 1 < d->n &&
		    d->t[i + 1].kind == TK_WORD && !(d->t[i + 1].gram & W_STARTS) &&
		    !(d->t[i].f & TF_HYPH))
			continue;
		/* A capitalised time word before a capitalised word is a name:
		 * "Dawn Thompson". */
		if ((d->t[i].gram & W_TIMEWORD) && (d->t[i].f & TF_CAP) && i + 1 < n_all && (d->t[i + 1].f & TF_CAP) &&
		    !(d->t[i + 1].f & TF_NL) && d->t[i + 1].kind == TK_WORD)
			continue;
		c = modifier_at(d, i, &modkind);
		e = core_at(d, c, modkind, &label);
		if (e == c && c > i) {
			/* The modifier led nowhere: try the core alone. */
			c = i;
			modkind = 0;
			e = core_at(d, i, 0, &label);
		}
		if (e == c)
			continue;
		if (modkind == 2 && label != NER_DATE && label != NER_TIME) {
			c = i;
			e = core_at(d, i, 0, &label);
			if (e == c)
				continue;
			i = c;
		} else {
			/* "the" stays outside amounts: only periods keep it. */
			size_t s0 = i;
			if (modkind == 1 && label == NER_ORDINAL)
				s0 = c;
			i = s0;
		}
		/* A period keeps the "the" before it: "the 1990s", "the 18th
		 * century", "the past decade". */
		if (label == NER_DATE && i > 0 && (d->t[i - 1].gram & W_DET) && free_word(d, i - 1) &&
		    (d->t[i - 1].f & TF_LOWER) && !(d->t[i].f & TF_NL) &&
		    ((gram(d, i) & (W_REL | W_SEASON | W_ORD)) || tok_w(d, e - 1, RW_CENTURY) ||
		     (d->t[i].kind == TK_NUM && e == i + 1 && d->s[d->t[i].e - 1] == 's')) &&
		    tok_w(d, i - 1, RW_DEFINITE))
			i--;
		add_span(d, i, e, label, 2);
		i = e - 1;
	}
	d->n = n_all;
}

/* A whole number that may be a person's age: 1 to 120. */
static bool age_number(const struct doc *d, size_t k)
{
	const unsigned char *p = d->s + d->t[k].s;
	size_t l = tlen(d, k);
	unsigned v = 0;
	if (d->t[k].kind != TK_NUM || l > 3)
		return false;
	for (size_t q = 0; q < l; q++) {
		if (p[q] < '0' || p[q] > '9')
			return false;
		v = v * 10 + (unsigned)(p[q] - '0');
	}
	return v >= 1 && v <= 120;
}

void ner_ages(struct doc *d)
{
	for (size_t s = 0; s < d->nsp; s++) {
		struct ispan *sp = &d->sp[s];
		size_t k = sp->ts, p = s;
		bool after_person = false;
		if (sp->label != NER_CARDINAL || sp->te != k + 1 || !age_number(d, k))
			continue;
		/* "Victor Lanz, 54, used": the person's span ends at the comma */
		while (p > 0 && s - p < 4 && d->sp[p - 1].te >= k - 1) {
			p--;
			if (d->sp[p].te == k - 1 && d->sp[p].label == NER_PERSON)
				after_person = true;
		}
		if ((after_person && k >= 2 && tok_punct(d, k - 1, ',') && tok_punct(d, k + 1, ',')) ||
		    (k >= 1 && tok_w(d, k - 1, RW_AGED)) ||
		    (k >= 2 && tok_w(d, k - 1, RW_AT) && tok_w(d, k - 2, RW_DEATH_VERB)))
			sp->label = NER_DATE;
	}
}
