/* ner_sports.c — the recognizer's sports pass: a city named for its club
 * ("<city> beat <city> 2-1", "<city>'s second goal") and results lines
 * ("<name> 3 <name> 1") give organisations.  It looks only where the
 * tokenizer noted a possible results line or score. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/util.h"
#include "ner_internal.h"

/* ------------------------------------------------------------------ */
/* Sports clubs named by their city                                    */

/* A score's number: one or two digits, nothing else. */
static bool score_num(const struct doc *d, size_t i)
{
	return i < d->n && d->t[i].kind == TK_NUM && tlen(d, i) <= 2 && !(d->t[i].f & TF_NL);
}

/* A results line's number: up to three digits ("Houston 110 NEW JERSEY
 * 95"). */
static bool result_num(const struct doc *d, size_t i)
{
	return i < d->n && d->t[i].kind == TK_NUM && tlen(d, i) <= 3 && !(d->t[i].f & TF_NL);
}

/* May a span be a club named for its place (or a guessed person)? */
static bool club_candidate(const struct doc *d, const struct ispan *sp)
{
	/* "beat the Celtics": a people's plural after "the" is a team */
	if (sp->label == NER_NORP && sp->te == sp->ts + 1 && sp->ts > 0 && tok_w(d, sp->ts - 1, RW_DEFINITE) &&
	    (d->t[sp->ts - 1].f & TF_LOWER) && d->s[d->t[sp->ts].e - 1] == 's')
		return sp->strength < 3;
	if (sp->label != NER_GPE && sp->label != NER_PERSON && sp->label != NER_LOC && sp->label != NER_ORG &&
	    sp->label != NER_FAC) /* "Crystal Palace" */
		return false;
	if (sp->strength >= 3)
		return false;
	/* "Ronnie O'Sullivan beat John Higgins 10-5": a given name and a
	 * surname are a player ("Crystal Palace" ends in a common word). */
	if (sp->label == NER_PERSON && sp->te - sp->ts >= 2 && (ner_tok_kinds(d, sp->ts) & G_GIVEN) &&
	    !ner_is_common(d, sp->te - 1) && !(ner_tok_kinds(d, sp->te - 1) & G_GPE))
		return false;
	/* A country's name is its national side as often as not: left alone. */
	return sp->label != NER_GPE || !(ner_phrase_kinds(d, sp->ts, sp->te, false) & G_COUNTRY);
}

/* A capitalised word that may be part of a club's name. */
static bool club_word(const struct doc *d, size_t i)
{
	return i < d->n && d->t[i].kind == TK_WORD && (d->t[i].f & TF_CAP) && !(d->t[i].gram & W_CAL);
}

/* The clubs a document names by a place, for one sense in it. */
#define CLUBS_MAX 64
struct clubs {
	uint32_t ts[CLUBS_MAX], te[CLUBS_MAX], h[CLUBS_MAX];
	size_t n;
};

static uint32_t run_hash(const struct doc *d, size_t a, size_t b)
{
	uint32_t h = HASH_INIT;
	for (size_t k = a; k < b; k++)
		h = (h ^ d->t[k].h) * 16777619u;
	return h;
}

static void note_run(const struct doc *d, struct clubs *cl, size_t a, size_t b)
{
	if (cl->n < CLUBS_MAX) {
		cl->ts[cl->n] = (uint32_t)a;
		cl->te[cl->n] = (uint32_t)b;
		cl->h[cl->n++] = run_hash(d, a, b);
	}
}

/* A club named by its place ("Sevilla"), or by its place and one more
 * word ("Real Madrid", "Manchester United": the place alone is the club
 * too, as in "Madrid hit back"). */
static void note_club(const struct doc *d, struct clubs *cl, size_t a, size_t b)
{
	uint32_t g;
	if (ner_longest_entry(d, a, b, G_GPE, &g) == b)
		note_run(d, cl, a, b);
	else if (b == a + 2 && (ner_tok_kinds(d, a) & G_GPE) && !(ner_tok_kinds(d, a + 1) & G_NAME))
		note_run(d, cl, a, a + 1);
	else if (b == a + 2 && (ner_tok_kinds(d, a + 1) & G_GPE) && !(ner_tok_kinds(d, a) & G_NAME))
		note_run(d, cl, a + 1, b);
}

/* Spans [0, nsorted) are in text order: the first that may reach token
 * a (starting at most 64 tokens before it). */
static size_t first_span_near(const struct doc *d, size_t a, size_t nsorted)
{
	size_t lo = 0, hi = nsorted, from = a > 64 ? a - 64 : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->sp[mid].ts < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* How many of the spans a pass added make_as looks back over. */
#define ADDED_LOOK 64

/* May a span become a scorer of a match summary? */
static bool scorer_candidate(const struct doc *d, const struct ispan *sp)
{
	return sp->strength < 3 && (sp->label != NER_GPE || !(ner_phrase_kinds(d, sp->ts, sp->te, false) & G_COUNTRY));
}

/* Tokens [a, b) name a club (label ORG) or a scorer (PERSON): the span
 * that is exactly them takes the label, or a new one is made when no span
 * touches them.  Returns true when spans changed (they then need
 * sorting). */
static bool make_as(struct doc *d, size_t a, size_t b, enum ner_label label, size_t nsorted)
{
	size_t first = SIZE_MAX, lo;
	if (a >= b)
		return false;
	/* Spans [0, nsorted) are in text order and short: start a little
	 * before a; those added since are few and looked at one by one. */
	lo = first_span_near(d, a, nsorted);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t s = lo; s < d->nsp; s++) {
			struct ispan *sp = &d->sp[s];
			if (s < nsorted && sp->ts >= b) {
				/* on to the added ones: the last few, which are this
				 * line's (they come nearly in text order; an overlap
				 * further back is settled when spans are merged) */
				s = d->nsp - nsorted > ADDED_LOOK ? d->nsp - ADDED_LOOK - 1 : nsorted - 1;
				continue;
			}
			if (!(sp->ts < b && sp->te > a))
				continue;
			if (pass == 0) {
				if (sp->label < NER_NLABELS && !sp->pending &&
				    ((sp->ts < a || sp->te > b) ||
				     !(label == NER_ORG ? club_candidate(d, sp) : scorer_candidate(d, sp))))
					return false; /* a surer name overlaps */
			} else if (first == SIZE_MAX) {
				first = s;
				sp->ts = (uint32_t)a;
				sp->te = (uint32_t)b;
				sp->label = label;
				sp->pending = 0;
				sp->strength = 2; /* as sure as the score */
			} else {
				sp->label = NER_NLABELS;
				sp->pending = 0;
			}
		}
	}
	if (first != SIZE_MAX)
		return true; /* its start may have moved */
	add_span(d, a, b, label, 2);
	return true;
}

static bool make_club(struct doc *d, size_t a, size_t b, size_t nsorted, struct clubs *cl)
{
	if (!make_as(d, a, b, NER_ORG, nsorted))
		return false;
	note_club(d, cl, a, b);
	return true;
}

/* The capitalised run ending at token b (exclusive), on b's line. */
static size_t club_run_back(const struct doc *d, size_t b)
{
	size_t a = b;
	while (a > 0 && b - a < 4 && club_word(d, a - 1) && !(ner_tok_kinds(d, a - 1) & G_TITLE)) {
		a--;
		if (d->t[a].f & TF_NL)
			break;
	}
	/* "The Lakers beat": the club without its article */
	if (a + 1 < b && tok_w(d, a, RW_DEFINITE))
		a++;
	return a;
}

/* The capitalised run from token a, on a's line. */
static size_t club_run(const struct doc *d, size_t a)
{
	size_t b = a;
	while (b < d->n && b - a < 4 && club_word(d, b) && (b == a || !(d->t[b].f & TF_NL)))
		b++;
	return b;
}

/* Is token i a sports noun ("striker")?  The cue's bounds first: most
 * words are rejected without building the look-up key. */
static bool sport_noun(const struct doc *d, size_t i)
{
	const struct ner_cue_bounds *b = ner_cue_bounds(N_SPORT_NOUN);
	size_t n = tlen(d, i);
	if (n < b->min_len || n > b->max_len || !b->first[d->s[d->t[i].s]])
		return false;
	return ner_tok_cue(d, i, N_SPORT_NOUN);
}

/* An insertion sort, linear on spans that are nearly in order. */
/* Spans in text order again, stably: a pass appended some and moved the
 * starts of a few.  A stable merge sort (O(n log n) even when the spans
 * added are many and far from their places; an insertion sort was
 * quadratic on a long line of fixtures). */
static void merge_runs(struct ispan *v, struct ispan *tmp, size_t n)
{
	size_t h = n / 2, a = 0, b = h, o = 0;
	if (n < 2)
		return;
	merge_runs(v, tmp, h);
	merge_runs(v + h, tmp, n - h);
	if (v[h - 1].ts <= v[h].ts)
		return; /* already in order */
	while (a < h && b < n)
		tmp[o++] = v[b].ts < v[a].ts ? v[b++] : v[a++];
	while (a < h)
		tmp[o++] = v[a++];
	memcpy(v, tmp, o * sizeof *v); /* the rest of [h, n) is in place */
}

void ner_resort_spans(struct doc *d)
{
	struct ispan *tmp;
	size_t k = 1;
	while (k < d->nsp && d->sp[k - 1].ts <= d->sp[k].ts)
		k++;
	if (k >= d->nsp)
		return;
	tmp = xreallocarray(NULL, d->nsp, sizeof *tmp);
	merge_runs(d->sp, tmp, d->nsp);
	free(tmp);
}

/* Is token i a score in one token, "2-1"? */
static bool score_tok(const struct doc *d, size_t i)
{
	const struct tok *t = &d->t[i];
	size_t l = tlen(d, i), h = 0;
	const unsigned char *p = d->s + t->s;
	if (t->kind != TK_NUM || l < 3 || l > 7)
		return false;
	while (h < l && ner_cclass[p[h]] == C_DIG)
		h++;
	return h >= 1 && h <= 3 && h + 1 < l && l - h - 1 <= 3 && hyphen_at(p, h, l) == 1;
}

/* Is the capitalised run [a, b) all common words ("Chapter", "Suite"),
 * and no known name ("NEW JERSEY")? */
static bool all_common(const struct doc *d, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if (!ner_is_common(d, k))
			return false;
	return !(ner_phrase_kinds(d, a, b, true) & G_NAME);
}

/* Does a span of an amount (a percentage, money, a quantity) hold token
 * i: "fell to 10-15 percent" is no score. */
static bool amount_at(const struct doc *d, size_t i, size_t nsorted)
{
	for (size_t s = first_span_near(d, i, nsorted); s < nsorted && d->sp[s].ts <= i; s++)
		if (d->sp[s].te > i && (d->sp[s].label == NER_PERCENT || d->sp[s].label == NER_MONEY ||
					d->sp[s].label == NER_QUANTITY))
			return true;
	return false;
}

/* The two sides of a results line, [i, b) and [o, e), each before its
 * score: not both common words ("Chapter 11 Section 12"), and neither
 * when a score has three digits ("Suite 200 Floor 3"). */
static bool sides_ok(const struct doc *d, size_t i, size_t b, size_t o, size_t e)
{
	bool ci = all_common(d, i, b), co = all_common(d, o, e);
	if (ci && co)
		return false;
	return !((ci || co) && (tlen(d, b) > 2 || tlen(d, e) > 2));
}

/* A match summary's scorers after a score, in brackets on its line: "(
 * Nilis 23 , Jonk 87 )".  The token after the bracket, or k when there is
 * none. */
static size_t scorers_end(const struct doc *d, size_t k)
{
	size_t q;
	if (k >= d->n || !tok_punct(d, k, '(') || (d->t[k].f & TF_NL))
		return k;
	for (q = k + 1; q < d->n && q < k + 64 && !(d->t[q].f & TF_NL) && !tok_punct(d, q, ')'); q++)
		;
	return q < d->n && tok_punct(d, q, ')') && !(d->t[q].f & TF_NL) ? q + 1 : k;
}

/* Each name before a minute in the brackets [k, end) is a scorer. */
static bool mark_scorers(struct doc *d, size_t k, size_t end, size_t nsorted)
{
	bool added = false;
	for (size_t a = k + 1; a + 1 < end; a++) {
		size_t b = club_run(d, a);
		if (b > a && b < end && score_num(d, b)) {
			added |= make_as(d, a, b, NER_PERSON, nsorted);
			a = b;
		}
	}
	return added;
}

/* The value of token k's leading digits (0 for none), read within the
 * token: the text need not end in a NUL.  Capped, so never overflows. */
static long tok_digits(const struct doc *d, size_t k)
{
	long v = 0;
	for (uint32_t q = d->t[k].s; q < d->t[k].e && ner_cclass[d->s[q]] == C_DIG && v < 100000000; q++)
		v = v * 10 + (d->s[q] - '0');
	return v;
}

/* A standings line: a name at the line's start, then only numbers to
 * the line's end, four or more ("Newcastle 4 3 0 1 9 4 9", "NEW YORK 74
 * 62 .544 -"); the name may hold a weekday ("Sheffield Wednesday").
 * Returns the name's end, or i. */
static size_t standings_name(const struct doc *d, size_t i)
{
	size_t b = i, k, nums = 0;
	long v[16];
	bool pct = false;
	while (b < d->n && b - i < 4 && d->t[b].kind == TK_WORD && (d->t[b].f & TF_CAP) &&
	       (b == i || !(d->t[b].f & TF_NL)))
		b++;
	if (b == i)
		return i;
	for (k = b; k < d->n && !(d->t[k].f & TF_NL); k++) {
		if (d->t[k].kind == TK_NUM) {
			if (nums < 16)
				v[nums] = tok_digits(d, k);
			nums++;
			if ((k > b && tok_punct(d, k - 1, '.') && adjacent(d, k)) || d->s[d->t[k].s] == '.')
				pct = true; /* ".544" */
		} else if (d->t[k].kind != TK_PUNCT || !d->s[d->t[k].s] || !strchr(".-/", d->s[d->t[k].s])) {
			return i;
		}
	}
	/* a table of sport, not of prices or the weather: played = won +
	 * drawn + lost, or points = 2 x won + tied (hockey), or a winning
	 * percentage */
	if (nums < 3 || nums > 16 || !(pct || (nums >= 4 && (v[0] == v[1] + v[2] + v[3] || v[nums - 1] == 2 * v[0] + v[2]))))
		return i;
	return all_common(d, i, b) ? i : b;
}

/* A weekday inside a club's name is no date: "Sheffield Wednesday". */
static void drop_dates_in(struct doc *d, size_t a, size_t b, size_t nsorted)
{
	for (size_t s = first_span_near(d, a, nsorted); s < nsorted && d->sp[s].ts < b; s++)
		if (d->sp[s].ts >= a && d->sp[s].te <= b && d->sp[s].label == NER_DATE)
			d->sp[s].label = NER_NLABELS;
}

/* The end of a sports verb at token v ("drew with" before "drew"), or v. */
static size_t sport_verb_end(const struct doc *d, size_t v)
{
	if (ner_toks_cue(d, v, v + 2, N_SPORT_VERB))
		return v + 2;
	return ner_tok_cue(d, v, N_SPORT_VERB) ? v + 1 : v;
}

/* Cricket: "Leicestershire beat Somerset by an innings and 39 runs", "by
 * six wickets": a margin after "by", not a score.  Is one at token k? */
static bool margin_at(const struct doc *d, size_t k)
{
	if (k + 1 >= d->n || tlen(d, k) != 2 || lower_ascii(d->s[d->t[k].s]) != 'b' ||
	    lower_ascii(d->s[d->t[k].s + 1]) != 'y' || !(d->t[k].f & TF_LOWER))
		return false;
	for (size_t q = k + 1; q < d->n && q <= k + 5 && !(d->t[q].f & (TF_NL | TF_SENT)); q++)
		if ((d->t[q].f & TF_LOWER) && ner_tok_cue(d, q, N_SPORT_MARGIN))
			return true;
	return false;
}

/* "X beat Y by six wickets": the span s and the run after its sports
 * verb are clubs. */
static bool cricket_match(struct doc *d, size_t s, size_t nsorted, struct clubs *cl)
{
	const size_t a = d->sp[s].ts, v = d->sp[s].te;
	size_t c, e;
	if (!(d->t[v].f & TF_LOWER) || (d->t[v].f & TF_NL) || !club_candidate(d, &d->sp[s]))
		return false;
	if ((c = sport_verb_end(d, v)) == v || (e = club_run(d, c)) == c || !margin_at(d, e))
		return false;
	bool added = make_club(d, a, v, nsorted, cl);
	return make_club(d, c, e, nsorted, cl) || added;
}

/* A table's line of players and their clubs: "10 - Alan Shearer (
 * Newcastle ) , Ian Wright ( Arsenal )": on a line that starts with a
 * number, a bracket after a person names the club (a country stays the
 * country: "Mark McNulty ( Zimbabwe )"). */
static bool bracket_club(struct doc *d, size_t s, size_t nsorted, struct clubs *cl)
{
	const size_t ts = d->sp[s].ts, k = d->sp[s].te;
	size_t e;
	if (k + 2 >= d->n || (d->t[k + 1].f & TF_NL) || (e = club_run(d, k + 1)) == k + 1 || !tok_punct(d, e, ')') ||
	    (d->t[e].f & TF_NL))
		return false;
	/* a table goes on after the bracket: a comma, a number, the
	 * line's end ("( Vermont ) said" is prose) */
	if (e + 1 < d->n && !(d->t[e + 1].f & TF_NL) && !tok_punct(d, e + 1, ',') && d->t[e + 1].kind != TK_NUM)
		return false;
	if (d->sp[s].label == NER_PERSON && !(ner_phrase_kinds(d, k + 1, e, false) & (G_COUNTRY | G_SUBDIV)))
		return make_club(d, k + 1, e, nsorted, cl);
	/* "1. Damon Hill ( Britain ) 97 points": a given name before a
	 * country in brackets is a player, whatever its last word */
	if (d->sp[s].strength < 3 && k - ts >= 2 && (ner_tok_kinds(d, ts) & G_GIVEN) &&
	    (ner_phrase_kinds(d, k + 1, e, false) & G_COUNTRY))
		return make_as(d, ts, k, NER_PERSON, nsorted);
	return false;
}

/* Is token k a fixture's "v" or "vs" (not a law case's "v.")? */
static bool versus_at(const struct doc *d, size_t k)
{
	const unsigned char *p;
	size_t l;
	if (k + 1 >= d->n || !(d->t[k].f & TF_LOWER) || (d->t[k].f & TF_NL) || (l = tlen(d, k)) > 2)
		return false;
	p = d->s + d->t[k].s;
	if (p[0] != 'v' || (l == 2 && p[1] != 's'))
		return false;
	return l == 2 || !tok_punct(d, k + 1, '.');
}

/* A fixture stands alone in a list, not inside a sentence: its first side
 * starts the line or follows a comma or a colon, its second ends the line
 * or comes before a comma or a score; no side starts with "The" ("the
 * Trump vs Biden rematch", "Kramer vs. The People" are no fixtures). */
static bool fixture_shape(const struct doc *d, size_t s0, size_t a, size_t e)
{
	size_t q = s0;
	if (!(q == 0 || (d->t[q].f & TF_NL) || tok_punct(d, q - 1, ',') || tok_punct(d, q - 1, ':')))
		return false;
	if (!(e >= d->n || (d->t[e].f & TF_NL) || tok_punct(d, e, ',') || d->t[e].kind == TK_NUM))
		return false;
	return !tok_w(d, a, RW_DEFINITE) && !tok_w(d, s0, RW_DEFINITE);
}

/* Fixtures: "Barnsley v Port Vale , Bolton v Norwich": the span s and
 * the run after its "v" are clubs (a country stays the country, a player
 * the player). */
static bool versus_match(struct doc *d, size_t s, size_t nsorted, struct clubs *cl)
{
	const size_t ts = d->sp[s].ts, k = d->sp[s].te;
	const size_t a = tok_punct(d, k + 1, '.') ? k + 2 : k + 1; /* "vs." */
	size_t e;
	if ((e = club_run(d, a)) == a || (d->t[a].f & TF_NL) || !club_candidate(d, &d->sp[s]) ||
	    !fixture_shape(d, ts, a, e) || !make_club(d, ts, k, nsorted, cl))
		return false;
	make_club(d, a, e, nsorted, cl);
	return true;
}

/* The words after a name that make it, or the name after them, a club or
 * a player: a sports verb and a cricket margin, a table's bracket, a
 * fixture's "v".  One walk over the spans, each read by the token after
 * it. */
static bool clubs_after_spans(struct doc *d, size_t nsorted, struct clubs *cl)
{
	const bool verbs = d->seen & SEEN_SPORT_VERB, tables = d->seen & SEEN_NUM_LINE;
	bool added = false;
	size_t pos = 0, line = 0; /* tokens before pos seen; line: where pos's line starts */
	for (size_t s = 0; s < nsorted; s++) {
		size_t k = d->sp[s].te;
		span_prefetch(d, s);
		if (d->sp[s].label >= NER_NLABELS || k >= d->n)
			continue;
		if (verbs && (d->t[k].f & TF_SPORT_VERB)) {
			added |= cricket_match(d, s, nsorted, cl);
		} else if (tables && tok_punct(d, k, '(')) {
			for (; pos <= d->sp[s].ts; pos++) /* spans are in text order: each token once */
				if (d->t[pos].f & TF_NL)
					line = pos;
			if (d->t[line].kind == TK_NUM)
				added |= bracket_club(d, s, nsorted, cl);
		} else if (versus_at(d, k)) {
			added |= versus_match(d, s, nsorted, cl);
		}
	}
	return added;
}

/* One side of a match: a player or a club. */
static bool side(struct doc *d, size_t a, size_t b, bool player, size_t nsorted, struct clubs *cl)
{
	return player ? make_as(d, a, b, NER_PERSON, nsorted) : make_club(d, a, b, nsorted, cl);
}

void ner_sports_clubs(struct doc *d)
{
	bool added = false;
	const size_t nsorted = d->nsp;
	struct clubs cl;
	cl.n = 0;
	size_t next = 0; /* tokens before it are done */
	uint32_t *at = d->club_at.v;
	/* Only where the tokenizer noted a possible results line or score. */
	for (size_t k = 1; k < d->club_at.n; k++) {
		uint32_t x = at[k];
		size_t q = k;
		while (q > 0 && at[q - 1] > x) {
			at[q] = at[q - 1];
			q--;
		}
		at[q] = x;
	}
	for (size_t ci = 0; ci < d->club_at.n; ci++) {
		size_t i = at[ci], a, b, c, e, f = 0;
		bool players;
		if (i < next)
			continue;
		next = i + 1;
		/* A results line: "Dunmore 3 Kelso 1". */
		if ((i == 0 || (d->t[i].f & TF_NL)) && club_word(d, i)) {
			/* and a summary's: "Utrecht 1 ( Zwamborn 56 ) Ajax 3
			 * ( Kluivert 12 ) ." */
			size_t o;
			b = club_run(d, i);
			o = scorers_end(d, b + 1); /* the other club */
			if (result_num(d, b) && (e = club_run(d, o)) > o && result_num(d, e) &&
			    ((f = scorers_end(d, e + 1)) >= d->n || (d->t[f].f & TF_NL) || d->t[f].kind == TK_PUNCT) &&
			    sides_ok(d, i, b, o, e)) {
				added |= make_club(d, i, b, nsorted, &cl);
				added |= make_club(d, o, e, nsorted, &cl);
				added |= mark_scorers(d, b + 1, o, nsorted);
				added |= mark_scorers(d, e + 1, f, nsorted);
				next = f;
			} else if ((b = standings_name(d, i)) > i) {
				drop_dates_in(d, i, b, nsorted);
				added |= make_club(d, i, b, nsorted, &cl);
				next = b;
			}
			continue;
		}
		/* A score, "2-1" or "1 - 1": "Dunmore beat Kelso 2-1", "Kelso
		 * drew with Ardmore 1-1".  The verb is looked for before it. */
		if (d->t[i].kind != TK_NUM || !(score_tok(d, i) || (score_num(d, i) && tok_punct(d, i + 1, '-') &&
									 score_num(d, i + 2))))
			continue;
		/* Sets, "6-3 6-4": a match between players, not clubs ("Seles
		 * beat Graf 6-2 6-3"); looked at from the first set. */
		players = (i + 1 < d->n && score_tok(d, i + 1)) || (i > 0 && score_tok(d, i - 1));
		if (players && i > 0 && score_tok(d, i - 1))
			continue;
		while (players && next < d->n && score_tok(d, next))
			next++;
		e = players ? next : score_tok(d, i) ? i + 1 : i + 3; /* past the score */
		/* "fell to 10-15 percent": an amount, no score */
		if (amount_at(d, i, nsorted))
			continue;
		for (size_t v = i; v-- > 0 && v + 12 > i;) {
			if (d->t[v + 1].f & (TF_NL | TF_SENT))
				break;
			if ((d->t[v].f & (TF_LOWER | TF_SPORT_VERB)) != (TF_LOWER | TF_SPORT_VERB))
				continue;
			if ((c = sport_verb_end(d, v)) == v)
				continue;
			a = club_run_back(d, v);
			/* "They lost to Tulsa 63-7": no pronoun is a club. */
			if (a + 1 == v && (d->t[a].f & TF_SENT) && ner_is_common(d, a))
				a = v;
			added |= side(d, a, v, players, nsorted, &cl);
			/* "Liverpool and Manchester United drew 2-2": both */
			if (a >= 2 && a < v && tok_w(d, a - 1, RW_CONJUNCTION) && (d->t[a - 1].f & TF_LOWER) &&
			    !(d->t[a].f & (TF_NL | TF_SENT)) && club_word(d, a - 2) && !(d->t[a - 1].f & TF_NL) &&
			    !((d->t[a - 2].f & TF_SENT) && ner_is_common(d, a - 2)))
				added |= side(d, club_run_back(d, a - 1), a - 1, players, nsorted, &cl);
			if (c + 1 < d->n && tok_w(d, c, RW_DEFINITE) && (d->t[c].f & TF_LOWER) && club_run(d, c + 1) > c + 1)
				c++; /* "beat the Celtics" */
			if ((b = club_run(d, c)) > c) {
				added |= side(d, c, b, players, nsorted, &cl);
				/* doubles: "beat Eltingh and Haarhuis 6-4 7-6" */
				if (players && tok_w(d, b, RW_CONJUNCTION) && (d->t[b].f & TF_LOWER) &&
				    (f = club_run(d, b + 1)) > b + 1)
					added |= side(d, b + 1, f, true, nsorted, &cl);
			}
			/* "drew 1-1 with Bristol", "lost 2-1 to Leeds". */
			else if (e + 1 < d->n && (d->t[e].f & TF_LOWER) && ner_tok_cue(d, e, N_SCORE_AGAINST) &&
				 !(d->t[e + 1].f & (TF_NL | TF_SENT)) && (f = club_run(d, e + 1)) > e + 1)
				added |= side(d, e + 1, f, players, nsorted, &cl);
			break;
		}
	}
	added |= clubs_after_spans(d, nsorted, &cl);
	if (added)
		ner_resort_spans(d);
	/* One sense in a story: a place it names as a club ("Real Madrid
	 * beat Sevilla 3-1") is the club where else it writes the place alone
	 * ("Sevilla had taken the lead"), but in a dateline ("LIVERPOOL,
	 * England"), before its country or after "in" it is the place. */
	for (size_t s = 0; s < d->nsp && cl.n; s++) {
		struct ispan *sp = &d->sp[s];
		size_t a = sp->ts, b = sp->te;
		uint32_t h;
		bool same = false;
		span_prefetch(d, s);
		if (sp->label != NER_GPE || !club_candidate(d, sp))
			continue;
		if (((d->t[a].f & TF_ALLCAP) && (a == 0 || (d->t[a].f & TF_NL))) ||
		    (tok_punct(d, b, ',') && (ner_tok_kinds(d, b + 1) & G_GPE)) ||
		    (a > 0 && (d->t[a - 1].f & TF_LOWER) && (gram(d, a - 1) & W_LOCPREP) && !tok_w(d, a - 1, RW_AT)))
			continue;
		h = run_hash(d, a, b);
		for (size_t c = 0; c < cl.n && !same; c++)
			same = cl.h[c] == h && cl.te[c] - cl.ts[c] == b - a;
		if (same)
			sp->label = NER_ORG;
	}
	/* "Dunmore's second goal", "the Dunmore striker". */
	for (size_t s = 0; s < d->nsp && (d->seen & SEEN_SPORT_NOUN); s++) {
		struct ispan *sp = &d->sp[s];
		size_t k = sp->te;
		span_prefetch(d, s);
		if (sp->label != NER_GPE || k >= d->n)
			continue;
		if (k + 1 < d->n && d->t[k].kind == TK_PUNCT && apostrophe_at(d->s, d->t[k].s, d->len) &&
		    tok_w(d, k + 1, RW_POSSESSIVE_S))
			k += 2;
		if (k < d->n && (gram(d, k) & (W_ORD | W_NUM)))
			k++;
		if (k < d->n && (d->t[k].f & TF_LOWER) && !(d->t[k].f & TF_NL) && sport_noun(d, k) &&
		    club_candidate(d, sp))
			sp->label = NER_ORG;
	}
}
