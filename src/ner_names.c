/* ner_names.c — the recognizer's name pass: capitalised names chunked,
 * stripped of titles, determiners and sentence-initial common words, and
 * labelled by gazetteers, head words ("Agency", "Krai"), titles, given
 * names, context ("said", "in") and in-document capitalisation
 * statistics.  Where a chunk ends is ner_chunk.c's; company suffixes
 * are joined to their names in ner_corp.c. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/util.h"
#include "ner_internal.h"

/* ------------------------------------------------------------------ */
/* Names                                                               */

/* The head word of a chunk: the word before the first "of" (or "on", as
 * chunk_end lets it in after a head word), else the last one (a Roman
 * numeral or Jr. skipped). */
static size_t head_of(const struct doc *d, size_t i, size_t j)
{
	size_t h = j - 1;
	for (size_t k = i + 1; k < j; k++)
		if (tok_w(d, k, RW_GENITIVE) || (tok_w(d, k, RW_TOPIC_PREP) && (d->t[k].f & TF_LOWER)))
			return k - 1;
	while (h > i && (d->t[h].kind != TK_WORD || tok_w(d, h, RW_GENERATION)))
		h--;
	return h;
}

static bool roman(const struct doc *d, size_t i)
{
	for (uint32_t k = d->t[i].s; k < d->t[i].e; k++)
		if (!strchr("IVX", d->s[k]))
			return false;
	return true;
}

static enum ner_label kinds_label(uint32_t g)
{
	if (g & G_ORG)
		return NER_ORG;
	if (g & G_GPE)
		return NER_GPE;
	if (g & G_REGION)
		return NER_LOC;
	return NER_NORP;
}

/* What the words just before token i say it names: "the band X",
 * "the album X", "played for X".  -1 when nothing. */
static int context_cue(const struct doc *d, size_t i)
{
	const uint32_t nouns = W_ORGNOUN | W_ARTNOUN | W_GPENOUN | W_LOCNOUN;
	size_t p = i;
	uint32_t g;
	/* "the mayor of X", "Governor of X", "the MP for X": an office held
	 * for a place (a town, a state, a constituency). */
	if (i >= 2 && d->t[i - 1].kind == TK_WORD && d->t[i - 2].kind == TK_WORD &&
	    (tok_w(d, i - 1, RW_GENITIVE) || tok_w(d, i - 1, RW_TOPIC_PREP)) &&
	    ner_tok_cue(d, i - 2, N_PLACE_OFFICE))
		return NER_GPE;
	if (p >= 2 && tok_w(d, p - 1, RW_GENITIVE))
		p--; /* "the town of X" */
	g = p >= 1 ? gram(d, p - 1) & nouns : 0;
	if (g && (d->t[p - 1].f & TF_LOWER) && !d->t[p - 1].used) {
		/* "of" only after places: "the city of X", not "the band of X" */
		if (p != i && !(g & (W_GPENOUN | W_LOCNOUN)))
			return -1;
		/* without "of", the noun must be led by a determiner: "the band X" */
		/* ... or by a people or a place: "the Dutch band X", "Korean
		 * newspaper X" */
		if (p == i && (p < 2 || !(gram(d, p - 2) & W_DET) || (d->t[p - 2].f & TF_CAP)) &&
		    !(p >= 2 && (d->t[p - 2].f & TF_CAP) && !(d->t[p - 2].f & TF_SENT) &&
		      (ner_tok_kinds(d, p - 2) & (G_NORP | G_COUNTRY))))
			return -1;
		return g & W_ORGNOUN ? NER_ORG : g & W_ARTNOUN ? NER_WORK_OF_ART : g & W_GPENOUN ? NER_GPE : NER_LOC;
	}
	if (i >= 2 && d->t[i - 1].kind == TK_WORD && d->t[i - 2].kind == TK_WORD && (d->t[i - 1].f & TF_LOWER) &&
	    ner_toks_cue(d, i - 2, i, N_ORG_VERB))
		return NER_ORG;
	return -1;
}

/* Do the words after token j (exclusive end of a name) say that the name
 * is an organisation: "X said in a statement", "X's shareholders"? */
static bool org_after(const struct doc *d, size_t j)
{
	size_t k = j;
	if (k + 1 < d->n && d->t[k].kind == TK_PUNCT && apostrophe_at(d->s, d->t[k].s, d->len) && adjacent(d, k) &&
	    tok_w(d, k + 1, RW_POSSESSIVE_S))
		k += 2;
	if (k >= d->n || (d->t[k].f & (TF_LOWER | TF_ORG_AFTER | TF_NL)) != (TF_LOWER | TF_ORG_AFTER))
		return false;
	for (size_t w = 1; w <= 4; w++) {
		if (k + w > d->n || (w > 1 && (d->t[k + w - 1].f & TF_NL)))
			break;
		if (ner_toks_cue(d, k, k + w, N_ORG_AFTER))
			return true;
	}
	return false;
}

/* "the town of X", "the village of X": X is a place. */
static bool place_of(const struct doc *d, size_t i)
{
	/* also "north of X", "(two miles) east of X" */
	return i >= 2 && tok_w(d, i - 1, RW_GENITIVE) && (gram(d, i - 2) & (W_GPENOUN | W_COMPASS)) &&
	       (d->t[i - 2].f & TF_LOWER);
}

/* Is the part of token i before its first hyphen a known place or
 * people ("Russia-" of "Russia-North", "US-" of "US-led")? */
static bool known_hyphen_prefix(const struct doc *d, size_t i)
{
	const unsigned char *p = d->s + d->t[i].s, *h;
	const struct slot *sl;
	h = memchr(p, '-', tlen(d, i));
	if (!h || h == p)
		return false;
	sl = ner_lex_get((const char *)p, (size_t)(h - p));
	return sl && (sl->gaz & G_NAME);
}

/* Is the part of token i after its last hyphen a known place or people? */
static bool known_hyphen_suffix(const struct doc *d, size_t i)
{
	const unsigned char *p = d->s + d->t[i].s, *e = d->s + d->t[i].e, *h = e;
	const struct slot *sl;
	while (h > p && h[-1] != '-')
		h--;
	if (h == p || h == e)
		return false;
	sl = ner_lex_get((const char *)h, (size_t)(e - h));
	return sl && (sl->gaz & G_NAME);
}

static bool compass_word(const struct doc *d, size_t i)
{
	return (gram(d, i) & W_COMPASS) != 0;
}

static bool ends_with(const struct doc *d, size_t i, const struct ending *ends, size_t n)
{
	size_t l = tlen(d, i);
	const unsigned char *p = d->s + d->t[i].s;
	unsigned char last = l ? p[l - 1] : 0;
	for (size_t k = 0; k < n; k++) {
		size_t el = ends[k].n;
		if (l > el + 2 && (unsigned char)ends[k].s[el - 1] == last && memcmp(p + l - el, ends[k].s, el) == 0)
			return true;
	}
	return false;
}

/* Endings of a kind of data/LANG/cues.txt. */
static bool ends_in(const struct doc *d, size_t i, uint32_t kind)
{
	size_t n;
	const struct ending *e = ner_endings(kind, &n);
	return ends_with(d, i, e, n);
}

/* Endings that mark a word as a place name in many languages. */
static bool place_ending(const struct doc *d, size_t i)
{
	return ends_in(d, i, N_PLACE_END);
}

/* Peoples, faiths and their adjectives: Cochabamban, Catholicism. */
static bool group_ending(const struct doc *d, size_t i)
{
	return ends_in(d, i, N_GROUP_END);
}

/* Capitalised derived words that name nothing: Islamized, Christianisation. */
static bool derived_ending(const struct doc *d, size_t i)
{
	return ends_in(d, i, N_DERIVED_END);
}

static bool sentence_common(const struct doc *d, size_t i)
{
	const struct tok *t = &d->t[i];
	if (!(t->f & (TF_SENT | TF_HEAD)))
		return false;
	if (bit_get(d->capmid_seen, t->h) && !(t->gram & (W_DET | W_LOCPREP | W_SAY)))
		return false;
	return ner_is_common(d, i) || t->gram != 0 || bit_get(d->lower_seen, t->h);
}

static void classify(struct doc *d, size_t i, size_t j, bool titled);

/* Are tokens [i, j) alone between double quotation marks? */
static bool quoted_alone(const struct doc *d, size_t i, size_t j)
{
	return i > 0 && j < d->n && ner_dquote_at(d, i - 1) && ner_dquote_at(d, j) && adjacent(d, i) && adjacent(d, j);
}

/* Is token i after a lower-case "the" that no name took? */
static bool after_lower_the(const struct doc *d, size_t i)
{
	return i > 0 && tok_w(d, i - 1, RW_DEFINITE) && !d->t[i - 1].used && (d->t[i - 1].f & TF_LOWER);
}

/* Is token i shaped like an English plural: "Dockers", "Bisons"? */
static bool plural_shape(const struct doc *d, size_t i)
{
	const unsigned char *p = d->s + d->t[i].s;
	size_t l = tlen(d, i);
	return d->t[i].kind == TK_WORD && l >= 4 && p[l - 1] == 's' && !strchr("su'", p[l - 2]);
}

/* Is token i the plural of a common noun ("Timberlands")? */
static bool common_plural(const struct doc *d, size_t i)
{
	const struct tok *t = &d->t[i];
	size_t l = tlen(d, i);
	char buf[40];

	if (!plural_shape(d, i) || (t->f & (TF_ASCII | TF_ALPHA)) != (TF_ASCII | TF_ALPHA) || l >= sizeof buf)
		return false;
	for (size_t k = 0; k < l; k++)
		buf[k] = (char)lower_ascii(d->s[t->s + k]);
	return ner_common_word(buf, l - 1) || (buf[l - 2] == 'e' && ner_common_word(buf, l - 2));
}

/* A military or sports unit is named with its number: "the 82nd Airborne
 * Division", "4 Fighter Wing", "Fourth Air Force".  If a one-token
 * ordinal (or a short plain number) ends just before token i, drop its
 * numeric span and return where the organisation starts; else i. */
static size_t unit_number(struct doc *d, size_t i)
{
	size_t lo = 0, hi = d->nnum;
	if (i == 0 || !d->t[i - 1].used || (d->t[i].f & TF_NL))
		return i;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->sp[mid].te < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < d->nnum && d->sp[lo].te == i && d->sp[lo].ts + 1 == i) {
		struct ispan *ns = &d->sp[lo];
		const struct tok *t = &d->t[i - 1];
		bool ok = ns->label == NER_ORDINAL ||
			  (ns->label == NER_CARDINAL && t->kind == TK_NUM && tlen(d, i - 1) <= 3);
		if (ok && (t->f & TF_CAP || t->kind == TK_NUM)) {
			ns->label = NER_NLABELS; /* dropped */
			return i - 1;
		}
	}
	return i;
}

/* Is token k a noun for an organisation, as the head of a definition? */
static bool org_kind_noun(const struct doc *d, size_t k)
{
	if (gram(d, k) & W_ORGKIND)
		return true;
	/* "radio station", "television channel", "news network" */
	if (ner_tok_cue(d, k, N_MEDIA_NOUN) && k > 0 && ner_tok_cue(d, k - 1, N_MEDIA_KIND))
		return true;
	return false;
}

/* "X is a Brazilian bicycle manufacturer", "X, a record label based in
 * Paris", "X is a village in Kent": a definition that says what the chunk
 * [i, j) is.  Its label (ORG, GPE, LOC), or -1. */
static int defined_as(const struct doc *d, size_t i, size_t j)
{
	size_t k = j, end;
	bool comma = false;
	/* "Ervenik (Serbian Cyrillic: Ервеник) is a village": past a
	 * bracket on the line, after a name that starts the sentence. */
	if (tok_punct(d, k, '(') && (i == 0 || (d->t[i].f & (TF_SENT | TF_NL)))) {
		for (end = k + 16; k < end && k < d->n && !tok_punct(d, k, ')'); k++)
			if (k > j && (d->t[k].f & TF_NL))
				return -1;
		if (!tok_punct(d, k, ')'))
			return -1;
		k++;
	}
	if (tok_punct(d, k, ',')) {
		k++;
		comma = true;
	}
	if (tok_w(d, k, RW_COPULA))
		k++;
	else if (!comma)
		return -1;
	if (!(tok_w(d, k, RW_INDEFINITE) || tok_w(d, k, RW_DEFINITE)))
		return -1;
	k++;
	end = k + 7;
	for (; k < end && k < d->n; k++) {
		const struct tok *t = &d->t[k];
		if (t->kind == TK_PUNCT) {
			if (tok_punct(d, k, '-') || tok_punct(d, k, '/') || tok_punct(d, k, '&'))
				continue;
			return -1;
		}
		if (t->kind == TK_BAD || (t->f & TF_NL))
			return -1;
		if (t->kind == TK_WORD && (t->gram & (W_SAY | W_LOCPREP | W_PERSONCTX | W_DET)))
			return -1;
		if (ner_tok_cue(d, k, N_DEF_STOP))
			return -1;
		if ((t->f & TF_LOWER) && (t->gram & (W_GPENOUN | W_LOCNOUN)) && !tok_w(d, k, RW_GENERIC_PLACE_NOUN)) {
			/* "a village in", "a small town on the coast" */
			const struct tok *nt = k + 1 < d->n ? &d->t[k + 1] : NULL;
			if (nt && nt->kind == TK_WORD && !(nt->gram & (W_LOCPREP | W_PARTICLE)) &&
			    !ner_tok_cue(d, k + 1, N_PLACE_DEF_GOES_ON))
				return -1;
			if (nt && nt->kind == TK_PUNCT && apostrophe_at(d->s, nt->s, d->len))
				return -1;
			return (t->gram & W_GPENOUN) ? NER_GPE : NER_LOC;
		}
		if (org_kind_noun(d, k)) {
			const struct tok *nt = k + 1 < d->n ? &d->t[k + 1] : NULL;
			/* the head noun ends the phrase: not "a band member" */
			if (nt && nt->kind == TK_WORD && (nt->f & TF_LOWER) && !(nt->gram & (W_LOCPREP | W_PARTICLE)) &&
			    !ner_tok_cue(d, k + 1, N_ORG_DEF_GOES_ON))
				return -1;
			if ((tok_w(d, k, RW_GROUP_NOUN) && tok_w(d, k + 1, RW_GENITIVE)) || (nt && nt->kind == TK_PUNCT && apostrophe_at(d->s, nt->s, d->len)))
				return -1;
			return NER_ORG;
		}
	}
	return -1;
}

/* "a Technology Centre", "the nearest Post Office": capitalised common
 * words after an indefinite article or a superlative name no one thing. */
static bool generic_phrase(const struct doc *d, size_t i, size_t j)
{
	if (i == 0 || d->t[i - 1].kind != TK_WORD || !(d->t[i - 1].f & TF_LOWER))
		return false;
	if (!ner_tok_cue(d, i - 1, N_GENERIC_DET))
		return false;
	for (size_t k = i; k < j; k++)
		if (d->t[k].kind != TK_WORD || !ner_is_common(d, k) || (d->t[k].f & TF_ALLCAP))
			return false;
	return true;
}

/* Is there a possessive 's at token j with no noun after it? */
static bool bare_possessive(const struct doc *d, size_t j)
{
	size_t k = j + 2;
	const struct tok *t;
	if (j + 1 >= d->n || d->t[j].kind != TK_PUNCT || !apostrophe_at(d->s, d->t[j].s, d->len) || !adjacent(d, j) ||
	    !tok_w(d, j + 1, RW_POSSESSIVE_S) || !adjacent(d, j + 1))
		return false;
	if (k >= d->n)
		return true;
	t = &d->t[k];
	if (t->f & TF_NL)
		return true;
	if (t->kind == TK_PUNCT)
		return strchr(",.;:)", d->s[t->s]) != NULL && tlen(d, k) == 1;
	if (t->kind != TK_WORD || !(t->f & TF_LOWER))
		return false;
	return (t->gram & W_LOCPREP) || ner_tok_cue(d, k, N_OWNS_NOTHING);
}

/* Is the chunk at i an item of a list of organisations: "bands like X,
 * Y and Z", "companies such as X"? */
static bool in_org_list(const struct doc *d, size_t i)
{
	size_t k = i, stop = i > 40 ? i - 40 : 0;
	while (k > stop) {
		size_t p = k - 1;
		const struct tok *t = &d->t[p];
		if (t->f & TF_NL)
			return false;
		if (t->kind == TK_PUNCT) {
			if (!tok_punct(d, p, ',') && !tok_punct(d, p, '&'))
				return false;
			k = p;
			continue;
		}
		if (t->kind != TK_WORD && t->kind != TK_NUM)
			return false;
		if ((t->f & TF_LOWER) && (tok_w(d, p, RW_CONJUNCTION) || tok_w(d, p, RW_DISJUNCTION) || tok_w(d, p, RW_DEFINITE))) {
			k = p;
			continue;
		}
		if (!(t->f & TF_LOWER) || t->kind == TK_NUM) {
			k = p; /* an earlier item */
			continue;
		}
		if (tok_w(d, p, RW_EXAMPLE_INTRO) || (tok_w(d, p, RW_AS) && tok_w(d, p - 1, RW_SUCH))) {
			size_t q = tok_w(d, p, RW_AS) ? p - 2 : p - 1;
			if (p == 0 || q >= d->n || d->t[q].kind != TK_WORD)
				return false;
			return ner_tok_cue(d, q, N_ORG_PLURAL);
		}
		return false;
	}
	return false;
}

/* "played with Footscray", "coached North Melbourne": a town after these
 * words is its club (a country's side stays the country). */
static bool club_verb_before(const struct doc *d, size_t i)
{
	return i >= 1 && (d->t[i - 1].f & TF_LOWER) && !(d->t[i].f & (TF_NL | TF_SENT)) &&
	       (ner_tok_cue(d, i - 1, N_CLUB_VERB) || (i >= 2 && (d->t[i - 2].f & TF_LOWER) &&
						       ner_toks_cue(d, i - 2, i, N_CLUB_VERB)));
}

/* ... or after a club so named and "and": "played with Footscray and
 * North Melbourne". */
static bool club_before(const struct doc *d, size_t i)
{
	const struct ispan *p;
	if (club_verb_before(d, i))
		return true;
	if (i < 2 || !tok_w(d, i - 1, RW_CONJUNCTION) || !(d->t[i - 1].f & TF_LOWER) || d->nsp == 0)
		return false;
	p = &d->sp[d->nsp - 1];
	return p->te == i - 1 && p->label == NER_ORG && club_verb_before(d, p->ts);
}

/* Does a lower-case word that is no small word of grammar follow token
 * j - 1 ("unit" of "a Gene Therapy unit", not "and" or "said")? */
static bool noun_follows(const struct doc *d, size_t j)
{
	return j < d->n && d->t[j].kind == TK_WORD && (d->t[j].f & TF_LOWER) && !(d->t[j].f & TF_NL) &&
	       !d->t[j].gram && !d->t[j].rwi;
}

/* Is no word of tokens [i, j) a common word? */
static bool no_common_word(const struct doc *d, size_t i, size_t j)
{
	for (size_t k = i; k < j; k++)
		if (d->t[k].kind == TK_WORD && ner_is_common(d, k))
			return false;
	return true;
}

/* Are tokens [i, j) all words, none of them a number word? */
static bool plain_words(const struct doc *d, size_t i, size_t j)
{
	for (size_t k = i; k < j; k++)
		if (d->t[k].kind != TK_WORD || (d->t[k].gram & (W_NUM | W_ORD)))
			return false;
	return true;
}

/* A cricket scoreboard's fielder or bowler: "M. Atherton c Inzamam-ul-Haq
 * b Mushtaq Ahmed 31", "lbw b Wasim Akram": a lower-case "c", "b" or
 * "st" after a name, a bracket or "lbw" comes before one. */
static bool scoreboard_before(const struct doc *d, size_t i)
{
	const struct tok *p;
	size_t l;
	if (i < 2 || (d->t[i].f & TF_NL))
		return false;
	p = &d->t[i - 1];
	l = tlen(d, i - 1);
	if (p->kind != TK_WORD || !(p->f & TF_LOWER) || (p->f & TF_NL) || l > 2 ||
	    !(l == 1 ? (d->s[p->s] == 'b' || d->s[p->s] == 'c') : (d->s[p->s] == 's' && d->s[p->s + 1] == 't')))
		return false;
	p = &d->t[i - 2];
	if (p->kind == TK_WORD && (p->f & TF_CAP))
		return true;
	if (tok_punct(d, i - 2, ')'))
		return true;
	return p->kind == TK_WORD && tlen(d, i - 2) == 3 && memcmp(d->s + p->s, "lbw", 3) == 0;
}

/* "McKinney said", "Tyler, who": one word that only GeoNames' list of
 * cities knows, before a verb of saying or a person's context, is a
 * person (not after a preposition of place: "in McKinney, who"). */
static bool weak_city_person(const struct doc *d, size_t i, size_t j)
{
	if (j != i + 1 || (i > 0 && (gram(d, i - 1) & W_LOCPREP)))
		return false;
	if (!((gram(d, j) & (W_SAY | W_PERSONCTX)) || (tok_punct(d, j, ',') && (gram(d, j + 1) & W_PERSONCTX))))
		return false;
	return (ner_phrase_kinds(d, i, j, false) & (G_WEAK_CITY | G_COUNTRY | G_SUBDIV | G_REGION | G_ORG)) ==
	       G_WEAK_CITY;
}

/* Label a chunk already stripped of titles and determiners. */
static void label_chunk(struct doc *d, size_t i, size_t j, bool titled)
{
	uint32_t g, hk;
	size_t e, h, n = j - i;
	const struct tok *t = &d->t[i];

	if (!titled && weak_city_person(d, i, j)) {
		add_span(d, i, j, NER_PERSON, 1);
		return;
	}
	if (!titled && n <= 3 && !(t->f & TF_ALLCAP) && scoreboard_before(d, i) &&
	    ner_longest_entry(d, i, j, G_NAME, &g) <= i) {
		add_span(d, i, j, NER_PERSON, 1);
		return;
	}

	/* 1. The whole chunk is a known name, or a holiday (a date, even
	 * when a place has its name: "before Christmas"). */
	e = ner_longest_entry(d, i, j, G_NAME | G_HOLIDAY, &g);
	if (e == j) {
		enum ner_label l = (g & G_HOLIDAY) ? NER_DATE : kinds_label(g);
		if (l == NER_GPE && !(g & G_COUNTRY) && !titled && club_before(d, i))
			l = NER_ORG;
		add_span(d, i, j, l, 2);
		return;
	}
	/* "the D.A. Davidson brokerage", "the Halvard Quist firm": a
	 * person's name between "the" and the kind of organisation it is
	 * names the organisation (not "the Blue Note club": common words;
	 * not "the Joe Biden team", "the Obama team": a given name, or one
	 * word alone). */
	if (!titled && n >= 2 && n <= 4 && j < d->n && (d->t[j].f & TF_LOWER) && (gram(d, j) & W_ORGKIND) &&
	    after_lower_the(d, i) && !(e > i && (g & (G_GPE | G_NORP | G_REGION))) && no_common_word(d, i, j) &&
	    !(ner_tok_kinds(d, i) & G_GIVEN)) {
		add_span(d, i, j, NER_ORG, 1);
		return;
	}
	/* "co-founder Bill Gates", "golfer Tiger Woods": a person's role in
	 * lower case just before names the person, whatever the words
	 * (a head word: "Woods"). */
	if (!titled && n >= 2 && n <= 3 && i > 0 && d->t[i - 1].kind == TK_WORD && (d->t[i - 1].f & TF_LOWER) &&
	    !d->t[i - 1].used && !(t->f & TF_ALLCAP) && ner_tok_cue(d, i - 1, N_PERSON_ROLE)) {
		add_span(d, i, j, NER_PERSON, 1);
		return;
	}
	/* "the Orlando Rays", "the Sacramento River Cats": no person is
	 * written with "the"; names ending in a plural that no list knows
	 * and no head word ends ("the Rocky Mountains") are a team, a band or
	 * a company (not "the Hindu Brahmins", "the Seven Years", nor when
	 * the text writes the plural in lower case). */
	if (!titled && n >= 2 && n <= 4 && after_lower_the(d, i) && !(t->f & (TF_ALLCAP | TF_HEAD)) && plural_shape(d, j - 1) &&
	    !(ner_tok_kinds(d, j - 1) & (G_NAME | G_CUE | G_GIVEN | G_TITLE)) && !ends_in(d, j - 1, N_PEOPLE_END) &&
	    !tok_w(d, j, RW_GENITIVE) && !(ner_tok_kinds(d, i) & G_NORP) && plain_words(d, i, j) &&
	    !bit_get(d->lower_seen, d->t[j - 1].h)) {
		add_span(d, i, j, NER_ORG, 1);
		return;
	}
	/* the same for a town no list knows, but not a person's name */
	if (!titled && e == i && n <= 3 && !(ner_tok_kinds(d, i) & (G_GIVEN | G_TITLE)) && !(t->f & TF_ALLCAP) &&
	    club_before(d, i)) {
		add_span(d, i, j, NER_ORG, 1);
		return;
	}
	g &= ~(uint32_t)G_HOLIDAY;
	/* "Russia-North Korea", "US-led": compounds of names are not names. */
	if ((t->f & TF_HYPH) && known_hyphen_prefix(d, i))
		return;
	/* "North Korea-Russia border": the last word joins two names */
	if (j - 1 > i && (d->t[j - 1].f & TF_HYPH) && (d->t[j - 1].f & TF_CAP) && known_hyphen_suffix(d, j - 1))
		return;
	/* 1a. A shop or a bar by its owner's name: "dinner at Rizzo's",
	 * "Halden's opened in 1990": a possessive that owns nothing. */
	if (!titled && n <= 3 && !(t->f & TF_HEAD) && !(e > i && (g & (G_GPE | G_REGION | G_NORP))) &&
	    bare_possessive(d, j)) {
		add_span(d, i, j + 2, NER_ORG, 1);
		return;
	}
	/* 1b. Defined: "Amsel Tools is a German toolmaker company", "Vrel
	 * is a village in ..."; the same name elsewhere gets the label too. */
	if (!titled) {
		int def = defined_as(d, i, j);
		/* a head word outranks a place definition: "X School District
		 * is the district of ..." */
		if (def >= 0 && def != NER_ORG && n >= 2 && (ner_tok_kinds(d, head_of(d, i, j)) & G_CUE))
			def = -1;
		if (def >= 0) {
			add_span(d, i, j, (enum ner_label)def, 3);
			d->ndefined++;
			return;
		}
	}
	/* 1d. A web site: "Vexlo.com" */
	if (!titled && tok_punct(d, j, '.') && adjacent(d, j) && j + 1 < d->n && adjacent(d, j + 1) &&
	    (tok_w(d, j + 1, RW_WEB_DOMAIN))) {
		add_span(d, i, j + 2, NER_ORG, 1);
		return;
	}
	/* 1c. An item of a list of organisations: "bands like X and Y". */
	if (!titled && i > 0 && (d->t[i - 1].kind == TK_PUNCT || (d->t[i - 1].f & TF_LOWER)) && in_org_list(d, i)) {
		add_span(d, i, j, NER_ORG, 1);
		return;
	}
	/* 2. A head word: Agency, Krai, River, Airport, War. */
	h = head_of(d, i, j);
	hk = ner_tok_kinds(d, h);
	if (roman(d, h) && h > i)
		hk = ner_tok_kinds(d, h - 1);
	if (n >= 2 && (hk & G_CUE) && !titled && !generic_phrase(d, i, j)) {
		enum ner_label l = ((hk & G_W_ORG) || ((hk & G_W_GPE) && h > i && (ner_tok_kinds(d, h - 1) & G_W_ORG))) ? NER_ORG
				   : (hk & G_W_EVENT) ? NER_EVENT
				   : (hk & G_W_FAC)   ? NER_FAC
				   : (hk & G_W_GPE)   ? NER_GPE
						      : NER_LOC;
		/* "Hockey Hall of Fame" is an institution, not the building */
		if (l == NER_FAC && tok_w(d, h, RW_HALL) && tok_w(d, h + 1, RW_GENITIVE) &&
		    (tok_w(d, h + 2, RW_FAME)))
			l = NER_ORG;
		/* "Russian Defence Ministry" stays whole; "Moscow City" is a GPE. */
		if (l == NER_ORG)
			i = unit_number(d, i);
		add_span(d, i, j, l, 2);
		return;
	}
	/* "Hurricane Milton", "Typhoon Haiyan": a storm, an event */
	if (n >= 2 && !titled && ner_tok_cue(d, i, N_EVENT_PREFIX)) {
		add_span(d, i, j, NER_EVENT, 2);
		return;
	}
	if (n >= 2 && (ner_tok_kinds(d, i) & (G_PRE_LOC | G_PRE_FAC | G_PRE_ORG)) && !titled) {
		uint32_t pk = ner_tok_kinds(d, i);
		add_span(d, i, j, (pk & G_PRE_ORG) ? NER_ORG : (pk & G_PRE_LOC) ? NER_LOC : NER_FAC, 2);
		return;
	}
	/* 2b. A common noun or verb before it says what it is: "the band
	 * Deadsy", "the town of Atwick", "played for Coburg". */
	if (!titled && (e == i || n == 1)) {
		int cue = context_cue(d, i);
		if (cue >= 0) {
			add_span(d, i, j, (enum ner_label)cue, 1);
			return;
		}
	}
	/* 2b'. The words after it say so: "Quorvex said in a statement",
	 * "a Tallix spokeswoman" (not after a given name: a person). */
	if (!titled && e == i && n <= 3 && !(ner_tok_kinds(d, i) & (G_GIVEN | G_TITLE)) && org_after(d, j)) {
		add_span(d, i, j, NER_ORG, 1);
		return;
	}
	/* 2c. A place before its state or country: "Harlow, Essex",
	 * "Tarrant, Texas" (even when the first word is a given name). */
	if (!titled && n <= 3 && e < j && !(ner_tok_kinds(d, i) & G_TITLE) && ner_state_follows(d, j)) {
		add_span(d, ner_caps_line_start(d, i, j), j, NER_GPE, 2); /* "PORT HARCOURT, Nigeria" */
		return;
	}
	/* 2d. An unknown word and a city: a club or a company of that city
	 * ("Steaua Bucureşti", "Euronext Brussels", "Dynamo Kyiv"). */
	if (!titled && n >= 2 && n <= 3 && e == i && !ner_tok_kinds(d, i) && !ner_is_common(d, i) &&
	    !(t->f & (TF_ALLCAP | TF_HEAD)) && !(d->t[i].gram & W_PARTICLE) &&
	    ner_longest_entry(d, i + 1, j, G_NAME, &hk) == j && (hk & G_NAME) == G_CITY &&
	    !(ner_tok_kinds(d, j - 1) & G_GIVEN) && !(d->t[i + 1].f & TF_ALLCAP)) {
		add_span(d, i, j, NER_ORG, 1);
		return;
	}
	/* "German Christian painters": two peoples, no person. */
	if (!titled && n == 2 && e == i + 1 && (g & G_NORP) && (ner_tok_kinds(d, i + 1) & G_NORP) &&
	    ner_longest_entry(d, i + 1, j, G_NAME, &hk) == j) {
		add_span(d, i, i + 1, NER_NORP, 2);
		add_span(d, i + 1, j, NER_NORP, 2);
		return;
	}
	/* 3. A known name at the front: "Japanese" + rest, "Moscow" + rest. */
	if (e == i + 1 && !titled && (ner_tok_kinds(d, i) & G_GIVEN) && (ner_tok_kinds(d, e) & G_GIVEN) && n <= 3) {
		add_span(d, i, j, NER_PERSON, 1); /* "Chad Edward Gaudin" */
		return;
	}
	if (e > i && !titled) {
		/* A place and more capitalised words: a team, a company. */
		if ((g & G_GPE) && !(g & G_ORG) && e < j && ner_capish(d, e) && !(ner_tok_kinds(d, e) & (G_NAME | G_GIVEN))) {
			/* but "Kent Brewster": a given name and a surname */
			bool person = e == i + 1 && j == e + 1 && (ner_tok_kinds(d, i) & G_GIVEN) && !ner_is_common(d, e) &&
				      !(ner_tok_kinds(d, e) & G_CUE) && !(d->t[e].f & TF_ALLCAP);
			add_span(d, i, j, person ? NER_PERSON : NER_ORG, 1);
			return;
		}
		if ((g & G_NORP) && j - e == 2 && !(ner_tok_kinds(d, e) & (G_NAME | G_TITLE)) && !(t->f & TF_HEAD) &&
		    ner_longest_entry(d, e, j, G_NAME, &hk) <= e &&
		    !ner_is_common(d, e) && !ner_is_common(d, e + 1) && !(ner_tok_kinds(d, e + 1) & (G_NAME | G_CUE)) &&
		    !ner_corp_suffix(d, e + 1) && !(d->t[e].f & TF_ALLCAP)) {
			/* "Russian Evgeni Berzin": a people and a name of two
			 * uncommon words, a person */
			add_span(d, i, e, NER_NORP, 2);
			add_span(d, e, j, NER_PERSON, 1);
			return;
		}
		if ((g & (G_NORP | G_GPE)) && j - e <= 2 && (ner_tok_kinds(d, j - 1) & G_W_EVENT) &&
		    !(ner_tok_kinds(d, e) & (G_NAME | G_GIVEN | G_TITLE))) {
			/* "Japanese Grand Prix", "Australian Open": an event */
			add_span(d, i, j, NER_EVENT, 1);
			return;
		}
		if ((g & G_NORP) && j - e <= 2 && !(ner_tok_kinds(d, e) & (G_NAME | G_GIVEN | G_TITLE))) {
			/* "Hindu Brahmins"; "American Scientific Affiliation" */
			add_span(d, i, j, j - e == 1 ? NER_NORP : NER_ORG, 1);
			return;
		}
		if ((g & G_ORG) && !(g & (G_GPE | G_NORP)) && j - e <= 2 && !(t->f & TF_HEAD) &&
		    !(j < d->n && ner_capish(d, j) && ner_title_at(d, j, d->n) > 0)) {
			/* "CBS Cable", "BBC Radio 1", "Vox Adeon": a known
			 * organisation and more of its name, a unit or a
			 * successor; not before another name ("BBC Maria Ross")
			 * or a title ("Senate Majority Leader") */
			bool rest = true;
			for (size_t k = e; k < j; k++)
				if ((ner_tok_kinds(d, k) & (G_NAME | G_GIVEN | G_TITLE)) ||
				    (d->t[k].kind != TK_NUM && !ner_capish(d, k)))
					rest = false;
			if (rest) {
				add_span(d, i, j, NER_ORG, 1);
				return;
			}
		}
		add_span(d, i, e, kinds_label(g), 2);
		classify(d, e, j, false);
		return;
	}
	/* 4. A known name at the back: "Pittsburgh" in "Coach Pittsburgh"? No:
	 * people first.  Title or given name → PERSON. */
	if (titled) {
		add_span(d, i, j, NER_PERSON, 2);
		return;
	}
	/* "West Sebago", "North Perth"; "Old Goa", "Greater Manchester"; but
	 * "coached North Melbourne": the place's club. */
	if (n == 2 && ((compass_word(d, i) && !(ner_tok_kinds(d, i + 1) & G_TITLE)) ||
		       (tok_w(d, i, RW_PLACE_ADJECTIVE) && (ner_tok_kinds(d, i + 1) & (G_CITY | G_SUBDIV | G_REGION)) &&
			!(ner_tok_kinds(d, i + 1) & (G_ORG | G_COUNTRY))))) {
		add_span(d, i, j, !titled && club_before(d, i) ? NER_ORG : NER_GPE, 1);
		return;
	}
	/* "Israel Radio", "Jordan Times", "Victoria Police": a place that is
	 * also a given name, and an organisation's head word. */
	if (n >= 2 && (ner_tok_kinds(d, i) & G_GIVEN) && (ner_tok_kinds(d, i) & G_GPE) && e == i + 1 &&
	    (ner_tok_kinds(d, j - 1) & G_W_ORG)) {
		add_span(d, i, j, NER_ORG, 2);
		return;
	}
	if (n >= 2 && (ner_tok_kinds(d, i) & G_GIVEN) && !(t->f & TF_ALLCAP) &&
	    !(ner_is_common(d, i) && ner_is_common(d, i + 1))) { /* not "Red Men" */
		add_span(d, i, j, NER_PERSON, 2);
		return;
	}
	/* "future champion Mike Weaver", "the song by Eddy Grant": a given
	 * name that is a name before all else and one more word, both common
	 * words but capitalised inside a sentence, are a person unless the
	 * word is a plural or a name's head word ("Mark Hall"), an article
	 * leads them or a noun follows ("a Gene Therapy unit", "the Mark
	 * Scheme", "Bill Payment service"). */
	if (n == 2 && i > 0 && !(t->f & (TF_ALLCAP | TF_SENT | TF_HEAD | TF_NL)) && (ner_tok_kinds(d, i) & G_GIVEN) &&
	    ner_is_common(d, i) && !(gram(d, i - 1) & W_DET) && !noun_follows(d, j) && ner_tok_cue(d, i, N_NAME_FIRST) &&
	    !(ner_tok_kinds(d, i + 1) & (G_CUE | G_NAME | G_TITLE)) && !common_plural(d, i + 1) &&
	    !(d->t[i + 1].f & TF_ALLCAP)) {
		add_span(d, i, j, NER_PERSON, 2);
		return;
	}
	/* 5. Context. */
	{
		size_t a = j;
		bool said = false;
		if (tok_punct(d, a, ',') && (gram(d, a + 1) & W_PERSONCTX))
			said = true;
		if (gram(d, a) & (W_SAY | W_PERSONCTX))
			said = true;
		if (tok_w(d, a, RW_AS) && (gram(d, a + 1) & W_SAY)) /* "quoted Lebed as saying" */
			said = true;
		if (i >= 2 && tok_w(d, i - 2, RW_ACCORDING) && tok_w(d, i - 1, RW_TO))
			said = true;
		if (said && !(n == 1 && (t->f & TF_ALLCAP))) {
			add_span(d, i, j, NER_PERSON, 1);
			return;
		}
	}
	/* A dateline in capitals whose first words are common words, which
	 * the name began after: "PORT HARCOURT, Nigeria (Reuters) -", "BATON
	 * ROUGE, La. -": the place is the whole line start. */
	if (n <= 2) {
		size_t from = ner_caps_line_start(d, i, j);
		if (from < i && ner_dateline_sure(d, j)) {
			add_span(d, from, j, NER_GPE, 1);
			return;
		}
	}
	/* A dateline's place in capitals: "BRUSSELS (Reuters) -", "NEW YORK
	 * -": a known place once folded, never an acronym. */
	if (n <= 3 && (t->f & TF_ALLCAP) && (d->t[j - 1].f & TF_ALLCAP) && d->t[j - 1].e - t->s >= 4) {
		uint32_t pk = ner_phrase_kinds(d, i, j, true);
		if ((pk & G_GPE) && !(pk & G_ORG)) {
			add_span(d, i, j, NER_GPE, 1);
			return;
		}
	}
	/* The same shape with a place the gazetteers do not know: capitals at
	 * the start of a line, then ", <Place>", a date, "(Agency)" or a
	 * dash: "KIRKWALL, Scotland (Reuters) -", "DUNMORE -". */
	if (n <= 3 && (t->f & TF_ALLCAP) && (t->f & TF_ALPHA) && (i == 0 || (t->f & TF_NL)) &&
	    (d->t[j - 1].f & TF_ALLCAP) && d->t[j - 1].e - t->s >= 4 && ner_dateline_follows(d, j)) {
		add_span(d, i, j, NER_GPE, 1);
		return;
	}
	/* (not a common word written in capitals for stress: "home team in
	 * CAPS", "called the SWAT team") */
	if (n == 1 && (t->f & TF_ALLCAP) && (t->f & TF_ALPHA) && !(t->f & TF_HEAD) && tlen(d, i) >= 2 &&
	    !roman(d, i) && !(tlen(d, i) >= 4 && ner_is_common(d, i))) {
		add_span(d, i, j, NER_ORG, 1);
		return;
	}
	/* "31 points from LeBron James": an unknown word and a given name
	 * after a preposition of place are a person, not a place. */
	if (n == 2 && i > 0 && (gram(d, i - 1) & W_LOCPREP) && !ner_tok_kinds(d, i) && !ner_is_common(d, i) &&
	    (ner_tok_kinds(d, i + 1) & G_GIVEN) && !ner_is_common(d, i + 1) && !(t->f & (TF_ALLCAP | TF_HEAD))) {
		add_span(d, i, j, NER_PERSON, 1);
		return;
	}
	/* (not a faith or a movement by its ending: "towards Judaism"; not a
	 * field of study: "a degree in Economics") */
	if (i > 0 && (((gram(d, i - 1) & W_LOCPREP) && !d->t[i - 1].used) || place_of(d, i)) && n <= 2 &&
	    !(n == 1 && (group_ending(d, i) || derived_ending(d, i))) &&
	    !(i >= 2 && ner_is_common(d, i) && ner_tok_cue(d, i - 2, N_FIELD_BEFORE)) &&
	    !(n == 1 && (t->f & TF_ALLCAP) && tlen(d, i) >= 4 && ner_is_common(d, i))) {
		add_span(d, i, j, NER_GPE, 0);
		d->sp[d->nsp - 1].pending = 1;
		return;
	}
	/* "Bridgton, Maine": a place before a known place. */
	if (ner_state_follows(d, j)) {
		add_span(d, i, j, NER_GPE, 1);
		return;
	}
	/* "the WTA Tour", "AFL Results": an acronym no list knows before a
	 * common word that is no head word is the organisation alone. */
	if (n == 2 && (t->f & TF_ALLCAP) && (t->f & TF_ALPHA) && !(t->f & TF_HEAD) && tlen(d, i) >= 2 &&
	    tlen(d, i) <= 5 && !roman(d, i) && !ner_tok_kinds(d, i) && ner_is_common(d, i + 1) &&
	    !(d->t[i + 1].f & TF_ALLCAP) && !(ner_tok_kinds(d, i + 1) & (G_CUE | G_NAME | G_TITLE | G_PRE_ORG))) {
		add_span(d, i, i + 1, NER_ORG, 1);
		return;
	}
	if (n >= 2) {
		/* Unknown capitalised words: people are the commonest. */
		bool commonish = false;
		size_t ncommon = 0, nwords = n, ninitials = 0;
		for (size_t k = i; k < j; k++) {
			/* An initial ("J. K. Rowling") is one word of a name: its
			 * full stop is neither a word nor a sign of a title. */
			if (k + 1 < j && ner_initial_at(d, k)) {
				ninitials++;
				nwords--;
				k++;
				continue;
			}
			if (ner_is_common(d, k) || (d->t[k].f & TF_ALLCAP) || d->t[k].kind != TK_WORD)
				commonish = true;
			if (ner_is_common(d, k) || d->t[k].kind != TK_WORD || (d->t[k].gram & W_PARTICLE))
				ncommon++;
		}
		if (ncommon == n) {
			/* "the Devil Rays", "the Blue Jays": capitalised common
			 * words ending in a plural the text never writes in lower
			 * case, after a lower-case "the", are a team or a band;
			 * other runs of them ("Biological Clocks") are left. */
			bool words = true;
			for (size_t k = i; k < j; k++)
				if (d->t[k].kind != TK_WORD)
					words = false;
			if (words && n <= 3 && after_lower_the(d, i) && !(t->f & (TF_ALLCAP | TF_HEAD)) && plural_shape(d, j - 1) &&
			    !bit_get(d->lower_seen, d->t[j - 1].h) && !tok_w(d, j, RW_GENITIVE) && !ner_capish(d, j))
				add_span(d, i, j, NER_ORG, 0);
			return; /* "Biological Clocks": capitalised common words */
		}
		if (after_lower_the(d, i) &&
		    !(t->f & (TF_ALLCAP | TF_HEAD))) {
			/* No person is written with "the" before the name: a
			 * plural ("the Fremantle Dockers") is a team, a band or a
			 * company; the rest is left (a work, a building). */
			if (plural_shape(d, j - 1))
				add_span(d, i, j, NER_ORG, 0);
			return;
		}
		{
			/* Names of people are short and made of uncommon words;
			 * other capitalised runs with common words in them are
			 * too often titles of works to guess at. */
			const struct tok *lt = &d->t[j - 1];
			bool personish = (nwords <= 3 || (ninitials && nwords <= 4)) && !ner_is_common(d, j - 1) &&
					 !(lt->f & TF_ALLCAP) && (lt->f & TF_ALPHA);
			if (commonish && !personish)
				return;
			/* no digits in a person's name: "F-94 Starfire", "B-25
			 * Mitchell" are models */
			for (uint32_t q = t->s; q < lt->e; q++)
				if (ner_cclass[d->s[q]] == C_DIG)
					return;
			/* nor a common noun's plural at its end: "Cascade
			 * Timberlands" is a company (a plural the common words
			 * list itself is left above, with the common runs) */
			if (common_plural(d, j - 1)) {
				add_span(d, i, j, NER_ORG, 0);
				return;
			}
			add_span(d, i, j, NER_PERSON, 0);
		}
		return;
	}
	if (group_ending(d, i) || derived_ending(d, i))
		return;
	if (tlen(d, i) == 1)
		return;
	/* "plants in Doncaster and Carlisle": the second of two joined
	 * by "and" is what the first is, a place. */
	if (n == 1 && i >= 2 && (tok_w(d, i - 1, RW_CONJUNCTION) || tok_w(d, i - 1, RW_DISJUNCTION)) &&
	    (d->t[i - 1].f & TF_LOWER) && d->nsp > d->nnum && d->sp[d->nsp - 1].te == i - 1 &&
	    d->sp[d->nsp - 1].label == NER_GPE && !(d->t[i].f & (TF_NL | TF_SENT))) {
		add_span(d, i, j, NER_GPE, 1);
		return;
	}
	/* a title in quotes: 'her novel "Florentin"' */
	if ((ner_tok_kinds(d, i) & G_GIVEN) && !ner_is_common(d, i) && !quoted_alone(d, i, j)) {
		add_span(d, i, j, NER_PERSON, 0); /* "Hayley" */
		d->sp[d->nsp - 1].pending = 1;
		return;
	}
	if (place_ending(d, i) && !(t->f & TF_SENT)) {
		add_span(d, i, j, NER_GPE, 0); /* "Bridgeville", "Harrisburg" */
		d->sp[d->nsp - 1].pending = 1;
		return;
	}
	/* "the League", "the Institute": an organisation named by its head
	 * word alone, capitalised inside a sentence. */
	if (after_lower_the(d, i) &&
	    !(t->f & (TF_ALLCAP | TF_SENT | TF_HEAD)) && (ner_tok_kinds(d, i) & G_W_ORG) && !(ner_tok_kinds(d, i) & G_NAME)) {
		add_span(d, i, j, NER_ORG, 1);
		return;
	}
	/* "the Falcons", "the Rovers": a team or a band; plural peoples
	 * ("the Uzbeks", "the Kurds") are NORP. */
	if (after_lower_the(d, i) &&
	    !(t->f & (TF_ALLCAP | TF_SENT | TF_HEAD)) && (t->f & TF_ALPHA) &&
	    !tok_w(d, j, RW_GENITIVE) && !ner_capish(d, j) && !(j < d->n && d->t[j].kind == TK_PUNCT && d->s[d->t[j].s] == '\'')) {
		const unsigned char *p = d->s + t->s;
		size_t l = tlen(d, i);
		if (l >= 4 && p[l - 1] == 's' && !strchr("su'", p[l - 2]) && !(l >= 3 && p[l - 2] == 'e' && p[l - 3] == 's')) {
			const struct slot *sl = ner_lex_get((const char *)p, l - 1);
			bool people = (sl && (sl->gaz & G_NORP)) || ends_in(d, i, N_PEOPLE_END);
			add_span(d, i, j, people ? NER_NORP : NER_ORG, 0);
			return;
		}
	}
	/* "the Caloi family", "the Wright brothers": a surname (not "the
	 * Glock family of pistols", nor a common word: "Windows"). */
	if (n == 1 && i > 0 && j < d->n && tok_w(d, i - 1, RW_DEFINITE) && (d->t[j].f & TF_LOWER) &&
	    !ner_is_common(d, i) && !tok_w(d, j + 1, RW_GENITIVE) && ner_tok_cue(d, j, N_KIN_NOUN)) {
		add_span(d, i, j, NER_PERSON, 1);
		return;
	}
	/* A lone unknown capitalised word: kept only if the document names it
	 * in full elsewhere ("Peskov" after "Dmitry Peskov"). */
	add_span(d, i, j, NER_PERSON, 0);
	d->sp[d->nsp - 1].pending = 2;
}

/* Is token i a capitalised "The" inside a sentence, after a lower-case
 * word or a comma, before more capitalised words in [i + 1, j)?  Not after
 * a noun that names a work ("the film The Last Emperor") or in quotes. */
static bool mid_the(const struct doc *d, size_t i, size_t j)
{
	const struct tok *t = &d->t[i], *p;
	if (j < i + 2 || i == 0 || !tok_w(d, i, RW_DEFINITE) || !(t->f & TF_CAP) || (t->f & (TF_ALLCAP | TF_SENT | TF_HEAD | TF_NL)))
		return false;
	p = &d->t[i - 1];
	if (p->kind == TK_WORD) {
		if (!(p->f & TF_LOWER) || (p->gram & W_ARTNOUN) || ner_tok_cue(d, i - 1, N_WORK_INTRO))
			return false;
		return true;
	}
	return tok_punct(d, i - 1, ',') || tok_punct(d, i - 1, '(') || tok_punct(d, i - 1, ';');
}

/* "Professor of Botany", "Acting Secretary of the Navy": what follows a
 * title and "of" is no person.  If token q (just after a title) is "of",
 * classify the rest of [q, j) as a name of its own and return true. */
static bool of_after_title(struct doc *d, size_t q, size_t j)
{
	if (!tok_w(d, q, RW_GENITIVE))
		return false;
	q++;
	if (tok_w(d, q, RW_DEFINITE))
		q++;
	if (q < j)
		classify(d, q, j, false);
	return true;
}

/* Strip what stays outside names, split at inner titles, then label. */
static void classify(struct doc *d, size_t i, size_t j, bool titled)
{
	size_t k;
	uint32_t g;

	/* A wire headline's sport before " - ": "RUGBY UNION - CUTTITTA BACK
	 * FOR ITALY" (not a dateline's place; "RUGBY" is a common word the
	 * chunk began after). */
	if (tok_punct(d, j, '-')) {
		k = ner_caps_line_start(d, i, j);
		if ((k == 0 || (d->t[k].f & TF_NL)) && j - k <= 3 && ner_toks_cue(d, k, j, N_SPORT_SLUG))
			return;
	}

	if (!titled && mid_the(d, i, j) && ner_longest_entry(d, i, j, G_NAME, &g) <= i + 1) {
		/* "supporting The Mission", "wrote for The Hockey News": a
		 * capitalised "The" inside a sentence belongs to the name,
		 * most often a band, a paper or a company. */
		size_t before = d->nsp;
		classify(d, i + 1, j, false);
		if (d->nsp == before) {
			if (!(j == i + 2 && tlen(d, i + 1) == 1))
				add_span(d, i, j, NER_ORG, 1);
			return;
		}
		if (d->nsp == before + 1 && d->sp[before].ts == i + 1 && d->sp[before].te == j &&
		    (d->sp[before].label == NER_ORG || d->sp[before].label == NER_PERSON ||
		     d->sp[before].label == NER_NORP)) {
			d->sp[before].ts = (uint32_t)i;
			d->sp[before].label = NER_ORG;
			d->sp[before].pending = 0;
			if (d->sp[before].strength < 1)
				d->sp[before].strength = 1;
			d->t[i].used = 1;
		}
		return;
	}
	while (i < j) {
		const struct tok *t = &d->t[i];
		if (t->kind != TK_WORD || !(t->f & (TF_CAP | TF_HEAD))) {
			i++;
			continue;
		}
		/* Leading determiners ("The") unless part of a name ("The Hague"). */
		if ((t->gram & W_DET) && !titled) {
			if (ner_longest_entry(d, i, j, G_NAME, &g) > i + 1)
				break;
			i++;
			continue;
		}
		/* Sentence-initial common words: "Meanwhile", "Experts". */
		if (!titled && sentence_common(d, i)) {
			size_t e = ner_longest_entry(d, i, j, G_NAME, &g);
			if ((j - i >= 2 || !ner_is_common(d, i)) && !(t->gram & W_DET) && defined_as(d, i, j) >= 0)
				break; /* "Silver Lining is a band", "Bilje is a village" */
			if (e > i && !(e == i + 1 && ner_is_common(d, i) && !(g & (G_COUNTRY | G_ORG))))
				break;
			if ((ner_tok_kinds(d, i) & G_GIVEN) && i + 1 < j && !ner_is_common(d, i + 1))
				break;
			if ((ner_tok_kinds(d, i) & G_TITLE) && i + 1 < j)
				break;
			if (i + 1 < j && ner_tok_cue(d, i, N_EVENT_PREFIX))
				break; /* "Hurricane Milton made landfall" */
			if (j == i + 2 && ner_corp_suffix(d, i + 1))
				break; /* "Acme Corp said" */
			if (j == i + 3 && ner_corp_suffix(d, i + 2) && (ner_tok_kinds(d, i + 1) & G_W_ORG))
				break; /* "Kestrel Mining Corp agreed": a head word needs a name */
			if ((t->f & TF_ALLCAP) && j - i <= 3 && (d->t[j - 1].f & TF_ALLCAP) &&
			    (ner_phrase_kinds(d, i, j, true) & G_GPE))
				break; /* a dateline: "NEW YORK (AP) -" */
			i++;
			continue;
		}
		/* A common word before a given name: "Engineer John Smith". */
		if (!titled && i + 1 < j && (ner_is_common(d, i) || group_ending(d, i) || (ner_tok_kinds(d, i) & G_NORP)) &&
		    !(ner_tok_kinds(d, i) & (G_GIVEN | G_GPE | G_ORG | G_PRE_ORG | G_PRE_LOC | G_PRE_FAC)) &&
		    ner_longest_entry(d, i, j, G_NAME, &g) == i &&
		    (ner_tok_kinds(d, i + 1) & G_GIVEN) && (!ner_is_common(d, i + 1) || (i + 3 == j && !ner_is_common(d, i + 2))) &&
		    !(ner_tok_kinds(d, head_of(d, i, j)) & G_CUE)) {
			i++;
			continue;
		}
		break;
	}
	if (i >= j)
		return;
	/* A second title after the first: "Chairman General Mark Mills". */
	if (titled && (k = ner_title_at(d, i, j)) > 0 && i + k < j && ner_longest_entry(d, i, j, G_NAME, &g) <= i &&
	    (d->t[i + k].f & (TF_CAP | TF_HEAD)) && !(ner_tok_kinds(d, head_of(d, i, j)) & G_CUE)) {
		classify(d, i + k, j, true);
		return;
	}
	/* Whole known names win over titles ("General Motors"). */
	if (ner_longest_entry(d, i, j, G_NAME, &g) == j) {
		label_chunk(d, i, j, false);
		return;
	}
	/* A title at the front: "President Vladimir Putin" (but "St. Louis"). */
	if (!titled && (k = ner_title_at(d, i, j)) > 0 && i + k < j && ner_longest_entry(d, i, j, G_NAME, &g) <= i + k) {
		bool cue = false;
		if (of_after_title(d, i + k, j))
			return;
		for (size_t q = i + k; q < j; q++)
			if (ner_tok_kinds(d, q) & G_CUE)
				cue = true;
		if (!cue) {
			classify(d, i + k, j, true);
			return;
		}
	}
	/* A title at the end: "U.S. Senator", "United States Representative". */
	for (k = i + 1; k < j; k++) {
		size_t m = ner_title_at(d, k, j);
		if (m > 0 && k + m == j && !(ner_tok_kinds(d, head_of(d, i, j)) & G_CUE) &&
		    ner_longest_entry(d, i, j, G_NAME, &g) != j) {
			classify(d, i, k, false);
			return;
		}
	}
	/* A title inside: "Russian President Vladimir Putin". */
	for (k = i + 1; k + 1 < j; k++) {
		size_t m = ner_title_at(d, k, j);
		if (m > 0 && k + m < j && !(ner_tok_kinds(d, head_of(d, i, j)) & G_CUE)) {
			classify(d, i, k, false);
			if (!of_after_title(d, k + m, j))
				classify(d, k + m, j, true);
			return;
		}
	}
	label_chunk(d, i, j, titled);
}

/* A call sign or channel code: capital letters and digits, "MTV2",
 * "3AW", "BBC1"; not a measure ("10GB", "5PM", "4K"). */
static bool code_token(const struct doc *d, size_t i)
{
	const struct tok *t = &d->t[i];
	const unsigned char *p = d->s + t->s;
	size_t l = tlen(d, i), up = 0, dig = 0, run = 0, run_at = 0;
	uint32_t gm = 0, gz;
	if (t->used || l < 3 || l > 7 || !(t->f & TF_ASCII) || (t->f & (TF_HYPH | TF_DOTS | TF_HEAD)))
		return false;
	for (size_t k = 0; k < l; k++) {
		unsigned char c = p[k];
		if (ner_cclass[c] == C_UP) {
			up++;
			if (k == 0 || ner_cclass[p[k - 1]] != C_UP)
				run_at = k, run = 0;
			run++;
		} else if (ner_cclass[c] == C_DIG) {
			dig++;
		} else {
			return false;
		}
	}
	if (up < 2 || !dig)
		return false;
	/* "10GB": digits then a unit */
	if (ner_cclass[p[0]] == C_DIG && run_at + run == l) {
		gz = ner_lower_kinds(p + run_at, run, &gm);
		if ((gz & G_UNIT) || (gm & (W_AMPM | W_UNIT)))
			return false;
	}
	return true;
}

void ner_find_names(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		size_t j, k;
		if ((d->t[i].kind == TK_NUM || (d->t[i].f & TF_ALLCAP)) && code_token(d, i) &&
		    !(i + 1 < d->n && adjacent(d, i + 1) && d->t[i + 1].kind != TK_PUNCT)) {
			add_span(d, i, i + 1, NER_ORG, 1);
			continue;
		}
		if (!ner_capish(d, i)) {
			/* A lower-case title before a name: "spokesman Dmitry Peskov". */
			if (d->t[i].kind == TK_WORD && !d->t[i].used && (d->t[i].f & TF_LOWER) && ner_capish(d, i + 1) &&
			    !(d->t[i + 1].f & TF_SENT) && ner_title_at(d, i, d->n) == 1) {
				j = ner_chunk_end(d, i + 1);
				classify(d, i + 1, j, true);
				i = j - 1;
			}
			continue;
		}
		j = ner_chunk_end(d, i);
		if (j == i)
			continue;
		/* A title's chunk may be only the title: "the President said". */
		k = ner_title_at(d, i, j);
		if (k > 0 && k == j - i && !(ner_longest_entry(d, i, j, G_NAME, &(uint32_t){0}) == j)) {
			i = j - 1;
			continue;
		}
		classify(d, i, j, false);
		i = j - 1;
	}
}
