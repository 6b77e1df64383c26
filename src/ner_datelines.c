/* ner_datelines.c — where a dateline's place starts and ends: the
 * shapes after a place that say it opens a story ("(Reuters) -", ", May
 * 3", a spaced dash), the words in capitals a common word hid from the
 * name pass ("PORT" of "PORT HARCOURT"), and a state or country set off
 * by a comma ("Harlow, Essex").  Used by the name pass (ner_names.c). */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "ner_internal.h"

/* After a dateline's place (tokens end at j): ", <Capitalised>", ", <date>",
 * "(<Agency>)", a spaced dash or a colon, with the story going on. */
bool ner_dateline_follows(const struct doc *d, size_t j)
{
	const struct tok *p;
	if (j + 1 >= d->n || (d->t[j + 1].f & TF_NL))
		return false;
	p = &d->t[j];
	if (p->kind != TK_PUNCT || (d->t[j].f & TF_NL))
		return false;
	switch (d->s[p->s]) {
	case ',':
		return (d->t[j + 1].f & TF_CAP) || d->t[j + 1].kind == TK_NUM;
	case '(':
		return (d->t[j + 1].f & TF_CAP) != 0;
	case ':':
		return (p->e - p->s) == 1 && (d->t[j + 1].f & TF_SP);
	case '-':
		return (p->f & TF_SP) != 0;
	case 0xE2: /* en or em dash */
		return (p->f & TF_SP) && p->e - p->s == 3 && d->s[p->s + 1] == 0x80 &&
		       (d->s[p->s + 2] == 0x93 || d->s[p->s + 2] == 0x94);
	default:
		return false;
	}
}

/* Where a name in capitals at the start of a line really starts: up to
 * two words in capitals before i that the name began after because they
 * are common words ("PORT" of "PORT HARCOURT, Nigeria -"), when they
 * begin the line; else i. */
size_t ner_caps_line_start(const struct doc *d, size_t i, size_t j)
{
	size_t k = i;
	if (i == 0 || (d->t[i].f & TF_NL) || !(d->t[i].f & TF_ALLCAP) || !(d->t[j - 1].f & TF_ALLCAP))
		return i;
	while (k > 0 && i - k < 2 && !(d->t[k].f & TF_NL) && d->t[k - 1].kind == TK_WORD &&
	       (d->t[k - 1].f & TF_ALLCAP) && (d->t[k - 1].f & TF_ALPHA) && !d->t[k - 1].used)
		k--;
	return k < i && (k == 0 || (d->t[k].f & TF_NL)) && d->t[j - 1].e - d->t[k].s >= 4 ? k : i;
}

/* A dateline for certain, after a place ending at j: "(Agency)" or a
 * spaced dash, at once or after ", <state or country>, <date>" on the
 * same line ("BATON ROUGE, La. -"), not a headline's comma ("OIL PRICES
 * FALL, Brent ..."). */
bool ner_dateline_sure(const struct doc *d, size_t j)
{
	if (j >= d->n || d->t[j].kind != TK_PUNCT)
		return false;
	for (size_t k = j; k < d->n && k < j + 8; k++) {
		const struct tok *p = &d->t[k];
		if (k > j && (p->f & TF_NL))
			return false;
		if (p->kind != TK_PUNCT)
			continue;
		if (d->s[p->s] == '(' || d->s[p->s] == '-' || (unsigned char)d->s[p->s] == 0xE2)
			return ner_dateline_follows(d, k);
		if (d->s[p->s] != ',' && d->s[p->s] != '.')
			return false;
	}
	return false;
}

/* Is a known state or country set off by a comma at token j, ending
 * there ("Harlow, Essex," but not "Ghana's envoy")? */
bool ner_state_follows(const struct doc *d, size_t j)
{
	uint32_t gk;
	size_t e2;
	if (!tok_punct(d, j, ',') || (d->t[j].f & TF_NL) || !ner_capish(d, j + 1) || (d->t[j + 1].f & TF_HEAD))
		return false;
	e2 = ner_longest_entry(d, j + 1, d->n, G_GPE, &gk);
	if (e2 <= j + 1 || !(gk & (G_SUBDIV | G_COUNTRY)) || ner_capish(d, e2))
		return false;
	return e2 >= d->n || (d->t[e2].f & TF_NL) || tok_w(d, e2, RW_CONJUNCTION) ||
	       (d->t[e2].kind == TK_PUNCT && tlen(d, e2) == 1 && strchr(",.;:)", d->s[d->t[e2].s]));
}
