/* ner_headlines.c — the recognizer's second pass over a document with
 * lines in capitals (headlines, "SPRINGFIELD COUNCIL APPROVES PLAN"): in
 * capitals every word looks like a name, so the names the document's
 * other lines write ("Springfield", "City Council") are looked for in
 * them, case aside, and take their label and their extent there. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "gloss/util.h"
#include "ner_internal.h"

/* The longest name, in tokens, looked for in a headline. */
#define HEAD_MAX 6

static bool name_label(unsigned l)
{
	return l == NER_PERSON || l == NER_NORP || l == NER_FAC || l == NER_ORG || l == NER_GPE || l == NER_LOC ||
	       l == NER_PRODUCT || l == NER_EVENT || l == NER_WORK_OF_ART || l == NER_LAW || l == NER_LANGUAGE;
}

/* Do tokens [a, a + n) and [b, b + n) write the same words, case aside? */
static bool same_run(const struct doc *d, size_t a, size_t b, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (d->t[a + k].h != d->t[b + k].h || d->t[a + k].kind != d->t[b + k].kind)
			return false;
	return true;
}

static uint32_t run_hash(const struct doc *d, size_t a, size_t n)
{
	uint32_t h = HASH_INIT;
	for (size_t k = a; k < a + n; k++)
		h = (h ^ d->t[k].h) * 16777619u;
	return h;
}

/* Fits the names found in a headline to [a, b): the one written exactly
 * so takes the label; others in it, guessed from the capitals, go. */
static void fit(struct doc *d, size_t nsorted, size_t *from, size_t a, size_t b, unsigned label)
{
	size_t p = *from;
	uint32_t g;
	bool exact = false;
	while (p < nsorted && d->sp[p].te <= a)
		p++;
	*from = p;
	/* A number, date or amount there ("RR$0K") is never cut. */
	for (size_t q = p; q < nsorted && d->sp[q].ts < b; q++)
		if (!name_label(d->sp[q].label) && d->sp[q].label != NER_NLABELS && d->sp[q].te > a)
			return;
	for (size_t q = p; q < nsorted && d->sp[q].ts < b; q++) {
		struct ispan *sp = &d->sp[q];
		if (!name_label(sp->label))
			continue;
		if (sp->ts == a && sp->te == b) {
			sp->label = (uint8_t)label;
			sp->pending = 0;
			if (sp->strength < 1)
				sp->strength = 1;
			exact = true;
		} else if (sp->strength < 2 || (sp->ts >= a && sp->te <= b) ||
			   ner_longest_entry(d, sp->ts, sp->te, G_NAME, &g) != sp->te) {
			/* "INDIA BEAT AUSTRALIA", "BRAZIL CONGRESS": runs of
			 * capitals no list knows whole */
			sp->label = NER_NLABELS;
			sp->pending = 0;
		} else {
			return; /* a known name the match would cut */
		}
	}
	if (!exact)
		add_span(d, a, b, (enum ner_label)label, 1);
}

/* A name the other lines write: tokens [ts, ts + n), its label. */
struct body_name {
	uint32_t ts, n;
	uint8_t label, strength;
};

static void put(const struct doc *d, uint32_t *tab, size_t mask, struct body_name *bn, size_t *nbn, size_t ts,
		size_t n, const struct ispan *sp)
{
	size_t q;
	for (q = run_hash(d, ts, n) & mask; tab[q]; q = (q + 1) & mask) {
		struct body_name *o = &bn[tab[q] - 1];
		if (o->n == n && same_run(d, o->ts, ts, n)) {
			if (o->strength < sp->strength) {
				o->ts = (uint32_t)ts;
				o->label = sp->label;
				o->strength = sp->strength;
			}
			return;
		}
	}
	bn[*nbn] = (struct body_name){(uint32_t)ts, (uint32_t)n, sp->label, sp->strength};
	tab[q] = (uint32_t)++*nbn;
}

void ner_headline_names(struct doc *d)
{
	uint32_t *tab; /* body_name index + 1 */
	struct body_name *bn;
	size_t cap = 16, mask, nbody = 0, nbn = 0, nsorted = d->nsp, from = 0;
	uint64_t head_words[64] = {0}; /* a filter of the headlines' words */

	if (!(d->seen & SEEN_HEADLINE))
		return;
	for (size_t k = 0; k < d->n; k++)
		if ((d->t[k].f & TF_HEAD) && d->t[k].kind == TK_WORD)
			head_words[(d->t[k].h >> 6) & 63] |= 1ull << (d->t[k].h & 63);
	/* Only the names that may be found there go into the table. */
#define MAY_HEAD(sp) (name_label((sp)->label) && !(d->t[(sp)->ts].f & TF_HEAD) && \
		      ((head_words[(d->t[(sp)->ts].h >> 6) & 63] >> (d->t[(sp)->ts].h & 63)) & 1))
	for (size_t s = 0; s < nsorted; s++)
		if (MAY_HEAD(&d->sp[s]))
			nbody++;
	if (!nbody)
		return;
	while (cap < 4 * nbody)
		cap *= 2;
	mask = cap - 1;
	tab = xcalloc(cap, sizeof *tab);
	util_large_array(tab, cap * sizeof *tab);
	bn = xreallocarray(NULL, 2 * nbody, sizeof *bn);
	for (size_t s = 0; s < nsorted; s++) {
		const struct ispan *sp = &d->sp[s];
		size_t n = sp->te - sp->ts;
		/* Names the other lines write with some evidence ("in
		 * Springfield"): not a lone guess with none. */
		if (!MAY_HEAD(sp) || sp->pending == 2 || n > HEAD_MAX || (sp->strength == 0 && n == 1 && !sp->pending))
			continue;
		put(d, tab, mask, bn, &nbn, sp->ts, n, sp);
		/* a headline drops a company's legal suffix: "KESTREL MINING"
		 * for "Kestrel Mining Corp." */
		if (sp->label == NER_ORG && n >= 3 && tok_punct(d, sp->te - 1, '.'))
			n--;
		if (sp->label == NER_ORG && n >= 3 && ner_corp_suffix(d, sp->ts + n - 1))
			put(d, tab, mask, bn, &nbn, sp->ts, n - 1, sp);
	}
	for (size_t k = 0; k < d->n;) {
		uint32_t h[HEAD_MAX + 1];
		size_t e = k, best = 0;
		const struct body_name *hit = NULL;
		if (!(d->t[k].f & TF_HEAD) || d->t[k].kind != TK_WORD) {
			k++;
			continue;
		}
		h[0] = HASH_INIT;
		while (e < d->n && e - k < HEAD_MAX && (d->t[e].f & TF_HEAD) && (e == k || !(d->t[e].f & TF_NL))) {
			h[e - k + 1] = (h[e - k] ^ d->t[e].h) * 16777619u;
			e++;
		}
		for (size_t n = e - k; n >= 1 && !hit; n--) {
			if (d->t[k + n - 1].kind != TK_WORD && !(n > 1 && tok_punct(d, k + n - 1, '.')))
				continue;
			for (size_t q = h[n] & mask; tab[q]; q = (q + 1) & mask) {
				const struct body_name *o = &bn[tab[q] - 1];
				if (o->n == n && same_run(d, o->ts, k, n)) {
					hit = o;
					best = n;
					break;
				}
			}
		}
		if (hit) {
			fit(d, nsorted, &from, k, k + best, hit->label);
			k += best;
		} else {
			k++;
		}
	}
#undef MAY_HEAD
	free(bn);
	free(tab);
	if (d->nsp > nsorted)
		ner_resort_spans(d);
}
