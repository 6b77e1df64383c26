/* ner_aliases.c — the recognizer's last pass over a document: canon keys
 * (NFC, words capitalised alike), short forms ("Peskov") given the label
 * and alias key of the fullest name seen in the document, and names
 * defined in the text ("X is a village") lending their label to their
 * other mentions. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "gloss/util.h"
#include "ner_internal.h"

/* ------------------------------------------------------------------ */
/* Aliases and canon keys                                              */

/* Canon key of bytes [s, e): NFC, hyphens and white space unified to one
 * space, each word capitalised the same way ("Kim Jong-un" and "KIM JONG
 * UN" both give "Kim Jong Un"); short all-capital words (acronyms) kept.
 * Every word is capitalised, small ones too ("Department Of Energy"), so
 * that a headline in capitals and the prose below it give one key, and
 * the keys that libraries already hold (entities, merges, corrections)
 * stay the same. */
/* The same for pure ASCII, without libunistring's allocations. */
static char *canon_ascii(const unsigned char *s, size_t n, bool headline)
{
	char *r = xmalloc(n + 1);
	ner_canon_ascii_to(r, s, n, headline);
	return r;
}

/* Writes the key (at most n bytes and a NUL) to r; its length. */
size_t ner_canon_ascii_to(char *r, const unsigned char *s, size_t n, bool headline)
{
	char *o = r;
	size_t i = 0;
	while (i < n) {
		size_t w = i;
		bool allcap = true;
		while (w < n && s[w] != ' ' && s[w] != '\t' && s[w] != '\n' && s[w] != '-') {
			if (ner_cclass[s[w]] == C_LO)
				allcap = false;
			w++;
		}
		if (w > i) {
			if (o > r)
				*o++ = ' ';
			if (allcap && w - i <= 5 && !headline) {
				memcpy(o, s + i, w - i);
				o += w - i;
			} else {
				*o++ = (char)(ner_cclass[s[i]] == C_LO ? s[i] - 32 : s[i]);
				for (size_t k = i + 1; k < w; k++)
					*o++ = (char)lower_ascii(s[k]);
			}
		}
		i = w + (w < n);
	}
	*o = '\0';
	return (size_t)(o - r);
}

char *ner_canon_of(const unsigned char *s, size_t n, bool headline)
{
	struct buf b = {0};
	size_t i = 0;
	uint8_t *nfc;
	size_t nfclen = 0;

	for (i = 0; i < n && s[i] < 0x80; i++)
		;
	if (i == n)
		return canon_ascii(s, n, headline);
	i = 0;

	while (i < n) {
		size_t w = i;
		int k;
		/* find the end of a word: stop at space or hyphen */
		while (w < n && s[w] != ' ' && s[w] != '\t' && s[w] != '\n' && !hyphen_at(s, w, n))
			w++;
		if (w > i) {
			size_t wl = w - i;
			bool allcap = true;
			for (size_t q = i; q < w; q++)
				if (ner_cclass[s[q]] == C_LO)
					allcap = false;
			if (b.len)
				buf_addc(&b, ' ');
			if (allcap && wl <= 5 && !headline) {
				buf_add(&b, s + i, wl);
			} else {
				uint8_t *lo;
				size_t lolen = 0;
				lo = u8_tolower(s + i, wl, NULL, NULL, NULL, &lolen);
				if (lo) {
					ucs4_t uc;
					int fl = u8_mbtoucr(&uc, lo, lolen);
					if (fl > 0) {
						uint8_t up[8];
						size_t uplen = sizeof up;
						uint8_t *u = u8_toupper(lo, (size_t)fl, NULL, NULL, up, &uplen);
						if (u) {
							buf_add(&b, u, uplen);
							if (u != up)
								free(u);
						} else {
							buf_add(&b, lo, (size_t)fl);
						}
						buf_add(&b, lo + fl, lolen - (size_t)fl);
					} else {
						buf_add(&b, lo, lolen);
					}
					free(lo);
				} else {
					buf_add(&b, s + i, wl);
				}
			}
		}
		i = w;
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
			i++;
		if (i < n && (k = hyphen_at(s, i, n)) > 0)
			i += (size_t)k;
	}
	if (!b.s)
		return xstrdup("");
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)b.s, b.len, NULL, &nfclen);
	if (nfc) {
		char *r = xmalloc(nfclen + 1);
		memcpy(r, nfc, nfclen);
		r[nfclen] = '\0';
		free(nfc);
		buf_free(&b);
		return r;
	}
	return buf_steal(&b);
}

/* The alias table of one document: a name word → the span that gives it
 * in full.  Small, so a sorted array of hashes suffices. */
struct alias {
	uint32_t h;
	uint32_t span;     /* index into d->sp of the fullest span */
	uint8_t ambiguous; /* two different people share the word */
	uint8_t used;
};

static uint32_t word_hash(const struct doc *d, size_t k)
{
	/* case-blind, so a headline's "PUTIN" finds "Vladimir Putin" */
	return d->t[k].h;
}

int ner_ispan_cmp(const void *a, const void *b)
{
	const struct ispan *x = a, *y = b;
	return x->ts < y->ts ? -1 : x->ts > y->ts;
}

static size_t words_in(const struct doc *d, const struct ispan *sp)
{
	size_t n = 0;
	for (size_t k = sp->ts; k < sp->te; k++)
		if (d->t[k].kind == TK_WORD && tlen(d, k) > 1)
			n++;
	return n;
}

static bool same_text(const struct doc *d, const struct ispan *a, const struct ispan *b)
{
	size_t la = d->t[a->te - 1].e - d->t[a->ts].s, lb = d->t[b->te - 1].e - d->t[b->ts].s;
	return la == lb && memcmp(d->s + d->t[a->ts].s, d->s + d->t[b->ts].s, la) == 0;
}

/* The keys of a document, grown as they come: sized for the worst case
 * (three keys a span) a long text's table was tens of megabytes, zeroed
 * and missed in the cache, for a few thousand distinct names. */
struct alias_tab {
	struct alias *v;
	size_t mask, used;
};

static void alias_grow(struct alias_tab *t)
{
	size_t cap = (t->mask + 1) * 2, i;
	struct alias *v = xcalloc(cap, sizeof *v);

	for (i = 0; i <= t->mask; i++) {
		size_t j;
		if (!t->v[i].used)
			continue;
		for (j = t->v[i].h & (cap - 1); v[j].used; j = (j + 1) & (cap - 1))
			;
		v[j] = t->v[i];
	}
	free(t->v);
	t->v = v;
	t->mask = cap - 1;
}

/* Add word hash h → span s to the open-addressed alias table, keeping the
 * span with most words, and marking words two different people share. */
static void alias_put(struct doc *d, struct alias_tab *t, uint32_t h, uint32_t s)
{
	size_t i;

	if ((t->used + 1) * 4 > (t->mask + 1) * 3)
		alias_grow(t);
	i = h & t->mask;
	for (;;) {
		struct alias *keep = &t->v[i];
		if (!keep->used) {
			keep->used = 1;
			keep->h = h;
			keep->span = s;
			keep->ambiguous = 0;
			t->used++;
			return;
		}
		if (keep->h == h) {
			const struct ispan *a = &d->sp[keep->span], *b = &d->sp[s];
			size_t wa = words_in(d, a), wb = words_in(d, b);
			if (wb > wa) {
				keep->span = s;
			} else if (wb == wa && wa > 1 && !keep->ambiguous && a->label == NER_PERSON &&
				   b->label == NER_PERSON && !same_text(d, a, b)) {
				char *ca = ner_canon_of(d->s + d->t[a->ts].s, d->t[a->te - 1].e - d->t[a->ts].s,
						    d->t[a->ts].f & TF_HEAD);
				char *cb = ner_canon_of(d->s + d->t[b->ts].s, d->t[b->te - 1].e - d->t[b->ts].s,
						    d->t[b->ts].f & TF_HEAD);
				if (strcmp(ca, cb) != 0)
					keep->ambiguous = 1;
				free(ca);
				free(cb);
			}
			return;
		}
		i = (i + 1) & t->mask;
	}
}

static const struct alias *alias_get(const struct alias_tab *t, uint32_t h)
{
	size_t i = h & t->mask;
	while (t->v[i].used) {
		if (t->v[i].h == h)
			return &t->v[i];
		i = (i + 1) & t->mask;
	}
	return NULL;
}

/* Initials are keyed apart from words, so "Tim" never finds "Texas
 * Instruments Manufacturing"; only all-capital words look there. */
#define ACRONYM_SEED 0x9e3779b9u
/* Words shown to be places are keyed apart too. */
#define PLACE_SEED 0xc2b2ae35u

/* A company's short name is keyed apart from words too. */
#define PHRASE_SEED 0x85ebca6bu

/* The hash of token k's letters as initials are hashed: "U.S." as "us". */
static uint32_t initials_hash(const struct doc *d, size_t k)
{
	uint32_t h = HASH_INIT;
	if (!(d->t[k].f & TF_DOTS))
		return word_hash(d, k);
	for (uint32_t b = d->t[k].s; b < d->t[k].e; b++)
		if (d->s[b] != '.')
			h = hash_step(h, lower_ascii(d->s[b]));
	return h;
}

/* The words a company with a legal suffix is also called by: "Kestrel" of
 * "Kestrel Mining Corp", "Halvard Quist" of "Halvard Quist Holdings Ltd" —
 * its leading capitalised words that are neither known names nor head
 * words (not "Ottawa" of "Ottawa Mining Corp") nor common words (the
 * first may be one the text never writes in lower case: "Kestrel").  Their
 * number (0: none) and, in *h, the hash of the words. */
static size_t company_short_name(const struct doc *d, const struct ispan *sp, uint32_t *h)
{
	size_t end = sp->te, q = sp->ts;
	bool legal;
	if (end - 1 > sp->ts && tok_punct(d, end - 1, '.'))
		end--;
	if (end - 1 <= sp->ts)
		return 0;
	/* "Kestrel Mining Corp", or an organisation's head word: "Merrow
	 * Bank" (but "Orlando Sentinel" is no Orlando) */
	legal = ner_corp_suffix(d, end - 1);
	if (!legal && (!(ner_tok_kinds(d, end - 1) & G_W_ORG) || (ner_tok_kinds(d, sp->ts) & G_GIVEN)))
		return 0;
	*h = HASH_INIT;
	while (q < end - 1 && q - sp->ts < 3 && d->t[q].kind == TK_WORD && (d->t[q].f & TF_CAP) &&
	       !(d->t[q].f & TF_ALLCAP) && tlen(d, q) >= 3 &&
	       !(ner_is_common(d, q) && (q > sp->ts || bit_get(d->lower_seen, d->t[q].h))) &&
	       !(ner_tok_kinds(d, q) & (G_NAME | G_CUE | G_TITLE | G_MONTH | G_WEEKDAY | G_ACRONYM))) {
		*h = (*h ^ d->t[q].h) * 16777619u;
		q++;
	}
	/* the name must go on after them: "Mining Corp", "Holdings Ltd" */
	if (q == sp->ts || q >= end - 1 + (q - sp->ts == 1 ? 1 : 0))
		return 0;
	return q - sp->ts;
}

/* A dateline's place: capitals starting a line that is no headline,
 * before a comma ("BOSTON, Sept 8 -"). */
static bool dateline_place(const struct doc *d, const struct ispan *sp)
{
	const struct tok *t = &d->t[sp->ts];
	return (t->f & TF_ALLCAP) && !(t->f & TF_HEAD) && (sp->ts == 0 || (t->f & TF_NL)) && tok_punct(d, sp->te, ',');
}

/* Is every word of the span a common word the text also writes in
 * lower case? */
static bool common_seen_lower(const struct doc *d, const struct ispan *sp)
{
	for (size_t k = sp->ts; k < sp->te; k++)
		if (!ner_is_common(d, k) || !bit_get(d->lower_seen, d->t[k].h))
			return false;
	return true;
}

/* "Silang's call" after "Diego Silang", "Jackson said" after "Michael
 * Jackson": a word the text has shown to be a person's name outranks a
 * town of that name that only the gazetteer knows, unless a preposition
 * of place stands before it ("in Jackson").  Countries, states and
 * regions keep their kind. */
static bool town_is_surname(const struct doc *d, const struct ispan *sp, const struct ispan *full)
{
	if (sp->label != NER_GPE || sp->pending || sp->strength != 2 || full->label != NER_PERSON ||
	    full->te - full->ts < 2)
		return false;
	if (sp->ts > 0 && (d->t[sp->ts - 1].gram & W_LOCPREP))
		return false;
	return (ner_tok_kinds(d, sp->ts) & (G_GPE | G_REGION)) == G_CITY;
}

void ner_resolve_aliases(struct doc *d, size_t *full_of)
{
	struct alias_tab al = {xcalloc(64, sizeof *al.v), 63, 0};

	/* "Adilson Tavares Varela, commonly known as Cabral": a lone name
	 * after "known as" is the one the sentence began with, and lends
	 * its word like any name. */
	for (size_t s = 1; s < d->nsp; s++) {
		struct ispan *sp = &d->sp[s];
		size_t k = sp->ts;
		if (!sp->pending || sp->te != k + 1 || k < 3 || !tok_w(d, k - 1, RW_AS) || !tok_w(d, k - 2, RW_KNOWN))
			continue;
		for (size_t p = s; p-- > 0 && s - p <= 8;) {
			const struct ispan *o = &d->sp[p];
			bool nl = false;
			if (o->te > k - 2)
				continue;
			for (size_t q = o->te; q <= k && !nl; q++)
				nl = (d->t[q].f & (TF_NL | TF_SENT)) != 0;
			if (nl || k - o->te > 12)
				break;
			if ((o->label == NER_PERSON || o->label == NER_ORG) && !o->pending && o->te - o->ts >= 2) {
				sp->label = o->label;
				sp->pending = 0;
				sp->strength = 1;
				break;
			}
		}
	}
	for (size_t s = 0; s < d->nsp; s++) {
		struct ispan *sp = &d->sp[s];
		size_t last;
		span_prefetch(d, s);
		full_of[s] = s;
		if (sp->label != NER_PERSON && sp->label != NER_ORG && sp->label != NER_GPE &&
		    sp->label != NER_LOC && sp->label != NER_NORP && sp->label != NER_FAC)
			continue;
		/* A word the text once shows to be a place ("from Harrison
		 * to"), for its bare mentions with no evidence of their own. */
		if (sp->label == NER_GPE && sp->te - sp->ts == 1 && (sp->pending == 1 || sp->strength >= 1)) {
			alias_put(d, &al, word_hash(d, sp->ts) ^ PLACE_SEED, (uint32_t)s);
		}
		if (sp->pending || (sp->strength == 0 && sp->label != NER_PERSON))
			continue;
		last = sp->te - 1;
		if (sp->label == NER_PERSON) {
			size_t q = sp->te;
			if (q - 1 > sp->ts && tok_punct(d, q - 1, '.'))
				q--;
			if (q - 1 > sp->ts + 1 && tok_w(d, q - 1, RW_GENERATION))
				last = q - 2;
		}
		for (size_t k = sp->ts; k < sp->te; k++) {
			if (d->t[k].kind != TK_WORD || tlen(d, k) < 2 || (d->t[k].gram & W_PARTICLE))
				continue;
			/* A guessed name lends no common word ("Radio" of "Radio Mix"). */
			if (sp->strength == 0 && ner_is_common(d, k))
				continue;
			/* People are known by their first or last word ("Brennan"
			 * of "Walter Brennan Jr."); other names only by their whole
			 * single word ("Moscow"). */
			if (sp->label == NER_PERSON ? (k != sp->ts && k != sp->te - 1 && k != last)
			    : sp->te - sp->ts != 1)
				continue;
			alias_put(d, &al, word_hash(d, k), (uint32_t)s);
		}
		/* "Kestrel Mining Corp" is also "Kestrel". */
		if (sp->label == NER_ORG && sp->te - sp->ts >= 2) {
			uint32_t h;
			size_t q = company_short_name(d, sp, &h);
			if (q) {
				alias_put(d, &al, q == 1 ? word_hash(d, sp->ts) : h ^ PHRASE_SEED, (uint32_t)s);
			}
		}
		/* "Korean Central News Agency" is also known as "KCNA", "United
		 * States" as "US" and "U.S.". */
		if ((sp->label == NER_ORG || sp->label == NER_GPE) && sp->te - sp->ts >= 2) {
			uint32_t h = HASH_INIT;
			size_t nw = 0;
			for (size_t k = sp->ts; k < sp->te; k++)
				if (d->t[k].kind == TK_WORD && (d->t[k].f & TF_CAP) && (d->t[k].f & TF_ASCII)) {
					h = hash_step(h, lower_ascii(d->s[d->t[k].s]));
					nw++;
				}
			if (nw >= 2) {
				alias_put(d, &al, h ^ ACRONYM_SEED, (uint32_t)s);
			}
		}
	}
	for (size_t s = 0; s < d->nsp; s++) {
		struct ispan *sp = &d->sp[s];
		const struct alias *hit;
		span_prefetch(d, s);
		if (sp->label != NER_PERSON && sp->label != NER_ORG && sp->label != NER_GPE && !sp->pending)
			continue;
		if (sp->te - sp->ts != 1 || !al.used) {
			/* "Halvard Quist" after "Halvard Quist Holdings Ltd": a
			 * guessed person that is a company's short name. */
			if (al.used && sp->te - sp->ts <= 3 && sp->label == NER_PERSON && (sp->strength < 2 || sp->pending)) {
				uint32_t h = HASH_INIT;
				for (size_t k = sp->ts; k < sp->te; k++)
					h = (h ^ d->t[k].h) * 16777619u;
				hit = alias_get(&al, h ^ PHRASE_SEED);
				if (hit && hit->span != s && d->sp[hit->span].label == NER_ORG) {
					sp->label = NER_ORG;
					sp->pending = 0;
					full_of[s] = hit->span;
					continue;
				}
			}
			goto unresolved;
		}
		hit = alias_get(&al, word_hash(d, sp->ts));
		if ((!hit || hit->span == s || d->sp[hit->span].te - d->sp[hit->span].ts == 1) &&
		    (d->t[sp->ts].f & TF_ALLCAP) && alias_get(&al, initials_hash(d, sp->ts) ^ ACRONYM_SEED))
			hit = alias_get(&al, initials_hash(d, sp->ts) ^ ACRONYM_SEED);
		if (!hit || hit->span == s)
			goto unresolved;
		/* "Ultimate production" though the text cited "Ultimate Hockey"
		 * as a person's: a common word starting a sentence is no part
		 * of a person's name that was only guessed ("Yahoo is" after
		 * "Yahoo said" still is the company). */
		if ((sp->ts == 0 || (d->t[sp->ts].f & (TF_SENT | TF_NL))) && ner_is_common(d, sp->ts) &&
		    d->sp[hit->span].strength < 2 && d->sp[hit->span].label == NER_PERSON)
			goto unresolved;
		/* "the town of Bridgton" stays a place though "Bridgton
		 * Hinkleys" was guessed a person: context outranks a guess;
		 * and "in Fairmont" though "Fairmont State University" is an
		 * organisation; and a dateline's place though the headline
		 * names its club ("BASEBALL-BOSTON RALLY", "BOSTON, Sept 8"). */
		if ((sp->pending == 1 || sp->strength >= 1) && (sp->label == NER_GPE || sp->label == NER_LOC) &&
		    ((d->sp[hit->span].label == NER_PERSON && d->sp[hit->span].strength == 0) ||
		     (d->sp[hit->span].label == NER_ORG && d->sp[hit->span].te - d->sp[hit->span].ts >= 2) ||
		     dateline_place(d, sp))) {
			sp->pending = 0;
			continue;
		}
		if (town_is_surname(d, sp, &d->sp[hit->span])) {
			sp->label = NER_PERSON;
			if (!hit->ambiguous)
				full_of[s] = hit->span;
			continue;
		}
		if (hit->ambiguous) {
			/* "Bobick" with two Bobicks in the text: a person, but
			 * which one is not known. */
			if (sp->strength < 2 || sp->pending) {
				sp->label = NER_PERSON;
				sp->pending = 0;
			}
			continue;
		}
		if (sp->strength < 2 || sp->pending) {
			sp->label = d->sp[hit->span].label;
			sp->pending = 0;
		}
		if (sp->label == d->sp[hit->span].label)
			full_of[s] = hit->span;
		continue;
	unresolved:
		if (sp->pending && sp->label == NER_PERSON && sp->te - sp->ts == 1 && al.used &&
		    (hit = alias_get(&al, word_hash(d, sp->ts) ^ PLACE_SEED)) != NULL && hit->span != s) {
			sp->label = NER_GPE; /* "Harrison" where the text goes "from Harrison to" */
			sp->pending = 0;
			continue;
		}
		if (sp->pending) {
			/* A lone capitalised word with no evidence: a name seen
			 * capitalised mid-sentence is most often a person or a
			 * place; keep the guess only if it is not a common word. */
			if (sp->pending == 2 || (ner_is_common(d, sp->ts) && sp->label != NER_GPE))
				sp->label = NER_NLABELS; /* drop */
			else if (sp->label == NER_GPE && common_seen_lower(d, sp))
				sp->label = NER_NLABELS; /* "a career in Marketing" */

			sp->pending = 0;
		}
	}
	/* A short person name ("Kim Jong") inside a longer one gets its canon. */
	free(al.v);
}

/* Names defined by a definition ("Amsel Tools is a toolmaker", "Vrel is
 * a village") lend their label to every other mention in the document. */
/* Case-blind identity of two spans' words ("CALOI" and "Caloi"). */
static uint32_t words_hash(const struct doc *d, const struct ispan *sp)
{
	uint32_t h = HASH_INIT;
	for (size_t k = sp->ts; k < sp->te; k++)
		h = (h ^ d->t[k].h) * 16777619u;
	return h;
}

static bool same_words(const struct doc *d, const struct ispan *a, const struct ispan *b)
{
	if (a->te - a->ts != b->te - b->ts)
		return false;
	for (size_t k = 0; k < a->te - a->ts; k++)
		if (d->t[a->ts + k].h != d->t[b->ts + k].h || d->t[a->ts + k].kind != d->t[b->ts + k].kind)
			return false;
	return true;
}

void ner_propagate_defined(struct doc *d)
{
	uint32_t *tab;
	size_t cap = 16, mask;
	if (!d->ndefined)
		return;
	while (cap < 2 * d->ndefined)
		cap *= 2;
	mask = cap - 1;
	tab = xcalloc(cap, sizeof *tab); /* span index + 1 */
	util_large_array(tab, cap * sizeof *tab);
	for (size_t s = d->nnum; s < d->nsp; s++) {
		const struct ispan *sp = &d->sp[s];
		uint32_t h;
		size_t q;
		if (sp->strength != 3)
			continue;
		h = words_hash(d, sp);
		for (q = h & mask; tab[q]; q = (q + 1) & mask)
			if (same_words(d, &d->sp[tab[q] - 1], sp))
				break;
		tab[q] = (uint32_t)s + 1;
	}
	/* Mentions no rule took: look up each free capitalised word among
	 * the first words of the defined names (distinct texts only). */
	{
		uint32_t *first = xcalloc(cap, sizeof *first); /* span index + 1 */
		util_large_array(first, cap * sizeof *first);
		for (size_t q = 0; q < cap; q++) {
			size_t s, f;
			if (!tab[q])
				continue;
			s = tab[q] - 1;
			for (f = d->t[d->sp[s].ts].h & mask; first[f]; f = (f + 1) & mask)
				;
			first[f] = (uint32_t)s + 1;
		}
		for (size_t i = 0; i < d->n; i++) {
			const struct tok *t = &d->t[i];
			if (t->used || t->kind != TK_WORD || !(t->f & TF_CAP))
				continue;
			for (size_t f = t->h & mask; first[f]; f = (f + 1) & mask) {
				const struct ispan *sp = &d->sp[first[f] - 1];
				size_t m = sp->te - sp->ts, k;
				if (d->t[sp->ts].h != t->h || i + m > d->n)
					continue;
				for (k = 0; k < m; k++)
					if (d->t[i + k].used || d->t[i + k].h != d->t[sp->ts + k].h ||
					    (d->t[i + k].f & TF_LOWER) || d->t[i + k].kind != d->t[sp->ts + k].kind ||
					    (k > 0 && adjacent(d, i + k) != adjacent(d, sp->ts + k)))
						break;
				if (k == m && (i + m >= d->n || !ner_capish(d, i + m) || (d->t[i + m].f & TF_NL))) {
					add_span(d, i, i + m, (enum ner_label)sp->label, 2);
					i += m - 1;
					break;
				}
			}
		}
		free(first);
	}
	for (size_t s = d->nnum; s < d->nsp; s++) {
		struct ispan *sp = &d->sp[s];
		uint32_t h;
		span_prefetch(d, s);
		if (sp->strength == 3 || sp->label >= NER_DATE || (sp->label == NER_ORG && sp->strength >= 2))
			continue;
		h = words_hash(d, sp);
		for (size_t q = h & mask; tab[q]; q = (q + 1) & mask)
			if (same_words(d, &d->sp[tab[q] - 1], sp)) {
				sp->label = d->sp[tab[q] - 1].label;
				sp->pending = 0;
				sp->strength = 2; /* as sure as the definition */
				break;
			}
	}
	free(tab);
}

void ner_join_nicknames(struct doc *d)
{
	for (size_t s = 0; s < d->nsp; s++) {
		struct ispan *sp = &d->sp[s];
		size_t j = sp->te, q, r, o;
		bool ok = true;
		span_prefetch(d, s);
		if (sp->label != NER_PERSON || !ner_dquote_at(d, j))
			continue;
		for (q = j + 1; q < d->n && q < j + 4 && d->t[q].kind == TK_WORD && (d->t[q].f & TF_CAP) &&
			       !(d->t[q].f & TF_NL);
		     q++)
			;
		if (q == j + 1 || !ner_dquote_at(d, q) || (d->t[q].f & TF_NL))
			continue;
		for (r = q + 1; r < d->n && r < q + 3 && d->t[r].kind == TK_WORD && (d->t[r].f & TF_CAP) &&
			       !(d->t[r].f & (TF_NL | TF_SENT | TF_ALLCAP));
		     r++)
			;
		if (r == q + 1)
			continue;
		/* what the name swallows may only be parts of it */
		for (o = s + 1; o < d->nsp && d->sp[o].ts < r; o++)
			if (d->sp[o].label < NER_NLABELS && d->sp[o].label != NER_PERSON && d->sp[o].te > j)
				ok = false;
		if (!ok)
			continue;
		for (o = s + 1; o < d->nsp && d->sp[o].ts < r; o++)
			if (d->sp[o].te > j) {
				d->sp[o].label = NER_NLABELS;
				d->sp[o].pending = 0;
			}
		sp->te = (uint32_t)r;
		sp->pending = 0;
		if (sp->strength < 1)
			sp->strength = 1;
	}
}
