/* ner_chunk.c — where a capitalised name begins and ends: the chunks
 * the name pass (ner_names.c) labels, with initials ("J. K. Rowling"),
 * particles ("de la", "al-Sisi"), "of" and "and" inside known names
 * ("House of Commons", "Bosnia and Herzegovina") and organisations
 * ("Basingstoke and Alton Light Railway"), and possessives of collective
 * nouns ("Workers' Party"). */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "ner_internal.h"

/* An initial: "H." inside "Frederick H. Collier". */
bool ner_initial_at(const struct doc *d, size_t i)
{
	return i + 1 < d->n && tlen(d, i) == 1 && (d->t[i].f & TF_CAP) && !d->t[i].used &&
	       tok_punct(d, i + 1, '.') && adjacent(d, i + 1);
}

#define MAX_CHUNK 16

/* Does "and" at token a join two parts of one organisation's name?
 * "Basingstoke and Alton Light Railway" (what follows ends in an
 * organisation or facility word the part before lacks), "Department of
 * Physics and Astronomy" (one word after "and", inside "Head of ..."). */
static bool and_joins(const struct doc *d, size_t i, size_t a)
{
	size_t k = a + 1, e;
	bool of_head = false, head_before = false;
	if (!ner_capish(d, k) || (d->t[k].f & (TF_NL | TF_SENT)) || (ner_tok_kinds(d, k) & G_GIVEN))
		return false;
	for (size_t q = i; q < a; q++) {
		uint32_t g = ner_tok_kinds(d, q);
		if (g & (G_W_ORG | G_W_FAC))
			head_before = true;
		if ((tok_w(d, q, RW_GENITIVE) || tok_w(d, q, RW_TOPIC_PREP)) && q > i && (ner_tok_kinds(d, q - 1) & G_W_ORG))
			of_head = true;
	}
	for (e = k; e < d->n && e < k + 4 && ner_capish(d, e) && !(d->t[e].f & TF_NL); e++)
		;
	if (of_head) {
		/* "Institute of Allergy and Infectious Diseases": one or two
		 * words, neither a known name, the second no head of its own
		 * ("of Oxford and Cambridge University" is two). */
		if (e == k + 2 && !tok_w(d, e, RW_GENITIVE) && !(ner_tok_kinds(d, k) & (G_NAME | G_TITLE | G_GIVEN)) &&
		    !(ner_tok_kinds(d, k + 1) & (G_NAME | G_W_ORG | G_W_FAC | G_TITLE)))
			return true;
		return e == k + 1 && !tok_w(d, e, RW_GENITIVE) && !(ner_tok_kinds(d, k) & G_NAME);
	}
	/* "Liverpool and Manchester United": a place, then a place and its
	 * head word, are two names. */
	if (e == k + 2 && (ner_tok_kinds(d, k) & G_GPE)) {
		uint32_t g;
		if (ner_longest_entry(d, i, a, G_GPE, &g) == a)
			return false;
	}
	return !head_before && (ner_tok_kinds(d, e - 1) & (G_W_ORG | G_W_FAC)) && !(ner_tok_kinds(d, i) & G_GIVEN);
}

/* Is token j the possessive of a capitalised collective noun at j - 1,
 * followed on the same line by a capitalised word? */
static bool collective_possessive(const struct doc *d, size_t j)
{
	size_t w = j + 1;
	bool plural_s;

	if (j == 0 || j + 1 >= d->n || d->t[j].kind != TK_PUNCT || !adjacent(d, j) ||
	    !apostrophe_at(d->s, d->t[j].s, d->len) || !(d->t[j - 1].f & TF_CAP))
		return false;
	plural_s = d->s[d->t[j - 1].e - 1] == 's';
	if (tok_w(d, w, RW_POSSESSIVE_S) && adjacent(d, w))
		w++;
	else if (!plural_s)
		return false; /* "Workers'" but not "People'" */
	if (w >= d->n || !ner_capish(d, w) || (d->t[w].f & (TF_NL | TF_SENT)))
		return false;
	return ner_tok_cue(d, j - 1, N_COLLECTIVE);
}

/* A name particle joined by a hyphen to a capitalised name: "al-Sisi",
 * "el-Baradei", "bin-Salman". */
static bool particle_hyphen(const struct doc *d, size_t i)
{
	const struct tok *t = &d->t[i];
	const unsigned char *p = d->s + t->s, *h;
	const struct slot *sl;

	if (i >= d->n || t->kind != TK_WORD || !(t->f & TF_HYPH) || !(t->f & TF_LOWER) || (t->f & TF_NL) ||
	    !(h = memchr(p, '-', tlen(d, i))) || h + 1 >= d->s + t->e || ner_cclass[h[1]] != C_UP)
		return false;
	sl = ner_lex_get((const char *)p, (size_t)(h - p));
	return sl && (sl->gram & W_PARTICLE);
}

/* Where a known name that starts in [i, j) and runs past the small word
 * at j ends (within six tokens of it), or j when none does. */
static size_t known_runs_on(const struct doc *d, size_t i, size_t j)
{
	size_t lim = d->n < j + 6 ? d->n : j + 6, e = j;
	uint32_t kg;

	for (size_t st = i; st < j && e == j; st++)
		if (ner_tok_kinds(d, st) & G_PREFIX) {
			size_t x = ner_longest_entry(d, st, lim, G_NAME, &kg);
			if (x > j + 1)
				e = x;
		}
	return e;
}

/* Extent of a capitalised chunk starting at i (a ner_capish token). */
size_t ner_chunk_end(const struct doc *d, size_t i)
{
	size_t j = i;
	for (;;) {
		/* Names are short; the cap also bounds the recursion of
		 * classify() on runs like "President President ...". */
		if (j >= d->n || (j > i && (d->t[j].f & TF_NL)) || j - i >= MAX_CHUNK)
			break;
		if (ner_initial_at(d, j) && ner_capish(d, j + 2) && !(d->t[j + 2].f & TF_NL)) {
			j += 2;
			continue;
		}
		if (j > i && j < d->n && tlen(d, j) == 1 && d->s[d->t[j].s] == 'I' && !d->t[j].used &&
		    !(j + 1 < d->n && d->t[j + 1].kind == TK_WORD && (d->t[j + 1].f & TF_LOWER))) {
			j++; /* "World War I" */
			continue;
		}
		if (j > i && particle_hyphen(d, j)) {
			j++; /* "Abdel Fattah al-Sisi" */
			continue;
		}
		if (j >= d->n || !ner_capish(d, j))
			break;
		if (j > i && (d->t[j].f & TF_SENT))
			break;
		/* "Gov." and similar keep their dot */
		j++;
		if (j < d->n && tok_punct(d, j, '.') && adjacent(d, j) && j + 1 < d->n && ner_capish(d, j + 1) &&
		    !(d->t[j + 1].f & TF_NL) && (ner_phrase_kinds(d, j - 1, j + 1, false) & (G_TITLE | G_CUE | G_NAME)))
			j++;
		/* A possessive inside a name: "Korean People's Army", "Workers'
		 * Party", "Children's Hospital".  Only after these collective
		 * nouns, and only when a capitalised word follows. */
		if (j < d->n && d->t[j].kind == TK_PUNCT && collective_possessive(d, j)) {
			j += tok_w(d, j + 1, RW_POSSESSIVE_S) && adjacent(d, j + 1) ? 2 : 1;
			continue;
		}
		/* Jr. / Sr. */
		if ((tok_w(d, j, RW_GENERATION)) && (d->t[j].f & TF_CAP)) {
			j++;
			if (tok_punct(d, j, '.') && adjacent(d, j))
				j++;
			break;
		}
		/* A known name through "for" or "on": "Centers for Disease
		 * Control and Prevention". */
		if (j + 1 < d->n && tok_w(d, j, RW_TOPIC_PREP) && (d->t[j].f & TF_LOWER) && !d->t[j].used &&
		    known_runs_on(d, i, j) > j) {
			j = known_runs_on(d, i, j);
			continue;
		}
		/* "Panel on Climate Change", "Commission on Human Rights",
		 * "Department for Education": "on" or "for" after an
		 * organisation's head word, before capitals that are no other
		 * organisation or person ("League for FC Basel"). */
		if (j + 1 < d->n && tok_w(d, j, RW_TOPIC_PREP) && (d->t[j].f & TF_LOWER) && !d->t[j].used &&
		    (ner_tok_kinds(d, j - 1) & G_W_ORG) && ner_capish(d, j + 1) && !(d->t[j + 1].f & (TF_NL | TF_SENT)) &&
		    !(ner_tok_kinds(d, j + 1) & (G_ORG | G_PRE_ORG | G_GIVEN))) {
			j++;
			continue;
		}
		/* Particles and "of" inside names. */
		if (j + 1 < d->n && !d->t[j].used && d->t[j].kind == TK_WORD && (d->t[j].f & TF_LOWER) &&
		    (d->t[j].gram & W_PARTICLE) && !(d->t[j + 1].f & TF_NL)) {
			size_t k = j + 1;
			if (tok_w(d, j, RW_GENITIVE)) {
				uint32_t hk = ner_tok_kinds(d, j - 1), kg;
				size_t lim = d->n < j + 6 ? d->n : j + 6;
				/* A known name runs on through it: "House of Commons". */
				if (!(hk & (G_CUE | G_TITLE | G_PRE_LOC)) && !(ner_phrase_kinds(d, i, j, false) & G_TITLE) &&
				    !((hk & G_PREFIX) && ner_longest_entry(d, j - 1, lim, G_NAME, &kg) > j + 1))
					break;
				if (tok_w(d, k, RW_DEFINITE) && ner_capish(d, k + 1))
					k++;
			}
			/* "de la", "van der" */
			while (k + 1 < d->n && (d->t[k].f & TF_LOWER) && (d->t[k].gram & W_PARTICLE) &&
			       !tok_w(d, k, RW_GENITIVE) && k < j + 3)
				k++;
			if (ner_capish(d, k) && !(d->t[k].f & TF_SENT)) {
				j = k;
				continue;
			}
			break;
		}
		if (j < d->n && tok_w(d, j, RW_CONJUNCTION) && !d->t[j].used) {
			/* A known name runs on through it: "Bosnia and
			 * Herzegovina", "Trinidad and Tobago". */
			size_t e = known_runs_on(d, i, j);
			if (e > j) {
				j = e;
				continue;
			}
			if (and_joins(d, i, j)) {
				j++;
				continue;
			}
		}
		/* "Marks & Spencer"; a known name also through a given name
		 * ("Johnson & Johnson") */
		if (tok_punct(d, j, '&') && ner_capish(d, j + 1) &&
		    (!(ner_tok_kinds(d, j + 1) & G_GIVEN) || known_runs_on(d, i, j) > j)) {
			j++;
			continue;
		}
	}
	return j;
}
