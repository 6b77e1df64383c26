/* ner_lists.c — the items of a list are things of one kind: in "the
 * strike at Ford, General Motors and Stellantis plants" the guess that
 * made Ford a place (after "at") gives way to the organisations the list
 * is sure of.  Only guesses change (strength 0), and only in a list of
 * three names or more, joined by commas and a last "and" or "or", whose
 * sure items (two or more) are all of one kind. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>

#include "ner_internal.h"

/* Do tokens [a, b) between two names join items of a list: ",", "and",
 * "or", ", and", ", or"? */
static bool list_gap(const struct doc *d, size_t a, size_t b)
{
	bool conj;

	if (b <= a || b > a + 2 || (d->t[b - 1].f & TF_NL) || (b < d->n && (d->t[b].f & TF_NL)))
		return false;
	conj = tok_w(d, b - 1, RW_CONJUNCTION) || tok_w(d, b - 1, RW_DISJUNCTION);
	if (b == a + 1)
		return tok_punct(d, a, ',') || conj;
	return tok_punct(d, a, ',') && conj;
}

static bool listable(enum ner_label l)
{
	return l == NER_PERSON || l == NER_ORG || l == NER_GPE;
}

void ner_list_kinds(struct doc *d)
{
	size_t s = 0;

	while (s < d->nsp) {
		size_t e = s + 1, k, sure = 0, guesses = 0;
		int kind = -1;
		bool one = true;
		span_prefetch(d, s);
		if (d->sp[s].label >= NER_NLABELS || !listable((enum ner_label)d->sp[s].label)) {
			s++;
			continue;
		}
		/* The run of names joined as a list from s. */
		while (e < d->nsp && d->sp[e].label < NER_NLABELS && listable((enum ner_label)d->sp[e].label) &&
		       d->sp[e].ts > d->sp[e - 1].te && list_gap(d, d->sp[e - 1].te, d->sp[e].ts))
			e++;
		for (k = s; k < e; k++) {
			if (d->sp[k].strength == 0) {
				guesses++;
				continue;
			}
			if (kind < 0)
				kind = d->sp[k].label;
			else if (kind != d->sp[k].label)
				one = false;
			sure++;
		}
		if (e - s >= 3 && one && sure >= 2 && guesses)
			for (k = s; k < e; k++)
				if (d->sp[k].strength == 0 && d->sp[k].label != kind) {
					d->sp[k].label = (uint8_t)kind;
					d->sp[k].pending = 0;
				}
		s = e;
	}
}
