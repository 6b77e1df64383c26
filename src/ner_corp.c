/* ner_corp.c — the recognizer's company suffixes ("Inc", "Corp", "Ltd",
 * the corp-suffix cues of data/LANG/cues.txt): telling one, and the pass
 * that joins a suffix to the organisation before it. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>

#include "ner_internal.h"

/* A company's legal suffix, capitalised: "Inc", "Corp", "Ltd"... */
bool ner_corp_suffix(const struct doc *d, size_t i)
{
	const struct ner_cue_bounds *b = ner_cue_bounds(N_CORP_SUFFIX);
	size_t n;

	if (i >= d->n || d->t[i].kind != TK_WORD || !(d->t[i].f & TF_CAP) || (n = tlen(d, i)) < b->min_len ||
	    n > b->max_len || !b->first[d->s[d->t[i].s]])
		return false;
	return ner_tok_cue(d, i, N_CORP_SUFFIX);
}

/* "Amazon.com Inc" is one organisation (the name, a dot and a domain's
 * end, then the suffix), and so is an organisation and its suffix; a
 * lone "Inc" or "Corp", whose company went unrecognised, names no
 * person.  Spans are sorted here. */
void ner_join_corp_suffixes(struct doc *d)
{
	for (size_t s = 0; s < d->nsp; s++) {
		struct ispan *sp = &d->sp[s];
		size_t i = sp->ts;
		span_prefetch(d, s);
		if (sp->te != i + 1 || sp->label >= NER_NLABELS || !ner_corp_suffix(d, i))
			continue;
		if (s > 0 && d->sp[s - 1].label < NER_NLABELS && !(d->t[i].f & TF_NL) &&
		    ((d->sp[s - 1].te == i && d->sp[s - 1].label == NER_ORG) ||
		     (i >= 3 && d->sp[s - 1].te == i - 2 && tok_punct(d, i - 2, '.') && adjacent(d, i - 2) &&
		      adjacent(d, i - 1) && d->t[i - 1].kind == TK_WORD && (d->t[i - 1].f & TF_LOWER)))) {
			d->sp[s - 1].te = sp->te;
			d->sp[s - 1].label = NER_ORG;
			d->sp[s - 1].pending = 0;
			sp->label = NER_NLABELS;
			sp->pending = 0; /* else the aliases would take it up again */
			continue;
		}
		if (sp->label == NER_PERSON) {
			sp->label = NER_NLABELS;
			sp->pending = 0;
		}
	}
}
