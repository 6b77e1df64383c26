/* ner_tokens.c — a fast tokenizer over raw bytes (ASCII fast path,
 * libunistring properties beyond it, invalid UTF-8 as a hard break) that
 * marks sentence starts and headline lines, and the look-ups of tokens in
 * the lexicon (kinds, common words, longest entries, titles), and spans. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "gloss/util.h"
#include "ner_internal.h"

unsigned char ner_cclass[256];

void ner_cclass_init(void)
{
	for (int c = 0; c < 256; c++) {
		unsigned char k = 0;
		if (c >= 'A' && c <= 'Z')
			k = C_UP;
		else if (c >= 'a' && c <= 'z')
			k = C_LO;
		else if (c >= '0' && c <= '9')
			k = C_DIG;
		else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
			k = C_SP;
		else if (c == '\n')
			k = C_NL;
		else if (c >= 0x80)
			k = C_HI;
		else
			k = C_PUN;
		ner_cclass[c] = k;
	}
}

/* Is s[0..n), in capitals at a line's start, a sport a wire headline
 * puts before its subject with a hyphen ("SOCCER-", "CRICKET-")? */
static bool sport_slug(const unsigned char *s, size_t n)
{
	char buf[16];
	for (size_t q = 0; q < n; q++)
		buf[q] = (char)lower_ascii(s[q]);
	return (ner_cue(buf, n) & N_SPORT_SLUG) != 0;
}

/* Does s[p..) start a place suffix ("based" of "London-based") that ends
 * there, a word of at most 15 letters? */
static bool place_suffix_at(const unsigned char *s, size_t p, size_t len)
{
	char buf[16];
	size_t n = 0;
	while (p + n < len && n < sizeof buf && ner_cclass[s[p + n]] == C_LO) {
		buf[n] = (char)s[p + n];
		n++;
	}
	if (n == 0 || n == sizeof buf || alnum_at(s, p + n, len))
		return false;
	return (ner_cue(buf, n) & N_PLACE_SUFFIX) != 0;
}

/* Scan one word or number starting at s[i]; fills t, returns its end. */
static size_t scan_word(const unsigned char *s, size_t i, size_t len, struct tok *t)
{
	size_t p = i;
	unsigned nup = 0, nlow = 0, seg = 0;
	bool first = true, num = (ner_cclass[s[i]] == C_DIG), ascii = true, alpha = true;
	uint32_t h = HASH_INIT;
	uint16_t f = 0;

	while (p < len) {
		unsigned char c = s[p];
		unsigned char k = ner_cclass[c];
		int n;
		if (k == C_LO && !first) {
			/* the common case: the rest of a lower-case word */
			size_t q = p;
			uint32_t hh = h;
			do {
				hh = hash_step(hh, s[q]);
				q++;
			} while (q < len && ner_cclass[s[q]] == C_LO);
			nlow += (unsigned)(q - p);
			seg += (unsigned)(q - p);
			p = q;
			h = hh;
			continue;
		}
		if (k & (C_UP | C_LO | C_DIG)) {
			if (k == C_UP) {
				nup++;
				if (first)
					f |= TF_CAP;
			} else if (k == C_LO) {
				nlow++;
				if (first)
					f |= TF_LOWER;
			} else {
				alpha = false;
			}
			h = hash_step(h, lower_ascii(c));
			p++;
			seg++;
			first = false;
			continue;
		}
		if (k == C_HI) {
			ucs4_t uc = decode(s, p, len, &n);
			if (uc && uc_word(uc)) {
				if (uc_is_upper(uc)) {
					nup++;
					if (first)
						f |= TF_CAP;
				} else if (uc_is_lower(uc)) {
					nlow++;
					if (first)
						f |= TF_LOWER;
				} else if (uc_is_digit(uc)) {
					alpha = false;
				}
				for (int q = 0; q < n; q++)
					h = hash_step(h, s[p + q]);
				p += (size_t)n;
				seg++;
				first = false;
				ascii = false;
				continue;
			}
		}
		if ((n = hyphen_at(s, p, len)) > 0) {
			if ((i == 0 || s[i - 1] == '\n') && nlow == 0 && ascii && alpha && f == TF_CAP && p - i >= 3 && p - i <= 16 && nup == p - i &&
			    p + (size_t)n < len && ner_cclass[s[p + (size_t)n]] == C_UP && sport_slug(s + i, p - i))
				break; /* "CRICKET-INDIA": the sport, a hyphen, the name */
			if ((f & TF_CAP) && !num && place_suffix_at(s, p + (size_t)n, len))
				break; /* "London-based": the place, then "-based" */
			if (alnum_at(s, p + (size_t)n, len)) {
				for (int q = 0; q < n; q++)
					h = hash_step(h, s[p + q]);
				p += (size_t)n;
				f |= TF_HYPH;
				seg = 0;
				continue;
			}
			break;
		}
		if ((n = apostrophe_at(s, p, len)) > 0) {
			/* Split the possessive 's / s' off; keep O'Brien, don't. */
			size_t q = p + (size_t)n;
			if (!letter_at(s, q, len) || num)
				break;
			if ((s[q] == 's' || s[q] == 'S') && !alnum_at(s, q + 1, len))
				break;
			for (int r = 0; r < n; r++)
				h = hash_step(h, s[p + r]);
			p = q;
			continue;
		}
		if (c == '.') {
			/* Dotted abbreviations: a one-letter segment, a dot, a letter. */
			if (!num && seg == 1 && p + 1 < len && (ner_cclass[s[p + 1]] & (C_UP | C_LO)) &&
			    (p + 2 >= len || s[p + 2] == '.' || !alnum_at(s, p + 2, len)) &&
			    p + 2 < len && s[p + 2] == '.') {
				h = hash_step(h, '.');
				p++;
				seg = 0;
				f |= TF_DOTS;
				continue;
			}
			if (!num && seg == 1 && (f & TF_DOTS)) {
				h = hash_step(h, '.');
				p++;
				break;
			}
			if (num && p + 1 < len && ner_cclass[s[p + 1]] == C_DIG && p > i &&
			    ner_cclass[s[p - 1]] == C_DIG) {
				h = hash_step(h, '.');
				p++;
				continue;
			}
			break;
		}
		if (num && (c == ',' || c == ':' || c == '/') && p + 1 < len && ner_cclass[s[p + 1]] == C_DIG &&
		    ner_cclass[s[p - 1]] == C_DIG) {
			h = hash_step(h, c);
			p++;
			continue;
		}
		break;
	}
	if (nup > 0 && nlow == 0)
		f |= TF_ALLCAP;
	if (ascii)
		f |= TF_ASCII;
	if (alpha && !num)
		f |= TF_ALPHA;
	t->s = (uint32_t)i;
	t->e = (uint32_t)p;
	t->h = h;
	t->f = f;
	t->kind = num ? TK_NUM : TK_WORD;
	return p;
}

static bool is_space_uc(ucs4_t uc)
{
	return uc == 0xA0 || uc == 0x2009 || uc == 0x200A || uc == 0x202F || uc == 0x2002 ||
	       uc == 0x2003 || uc == 0x3000 || uc == 0x2028 || uc == 0x2029 || uc == 0xFEFF ||
	       uc == 0x200B;
}

/* Is s[i] a dash: "-", U+2013 or U+2014? */
static bool dash_at(const unsigned char *s, size_t i, size_t len)
{
	return s[i] == '-' || (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0x93 || s[i + 2] == 0x94));
}

/* Tokenize [0, len) of d->s.  Also marks sentence starts and headline
 * lines and fills the capitalisation statistics. */
void ner_tokenize(struct doc *d, struct tokvec *tv)
{
	const unsigned char *s = d->s;
	size_t len = d->len, i = 0;
	uint16_t pend = TF_NL;      /* flags for the next token */
	bool sent = true;           /* the next word starts a sentence */
	size_t line_first = 0;      /* first token of the current line */
	size_t result_line = SIZE_MAX; /* the last line start noted for the sports pass */
	unsigned seen = 0;          /* SEEN_... */
	unsigned line_words = 0, line_caps = 0;

	while (i < len) {
		unsigned char c = s[i];
		unsigned char k = ner_cclass[c];
		struct tok t;
		int n;

		if (k == C_SP) {
			pend |= TF_SP;
			i++;
			continue;
		}
		if (k == C_NL) {
			pend |= TF_NL | TF_SP;
			sent = true;
			i++;
			goto line_end;
		}
		memset(&t, 0, sizeof t);
		if (k & (C_UP | C_LO | C_DIG)) {
			i = scan_word(s, i, len, &t);
		} else if (k == C_HI) {
			ucs4_t uc = decode(s, i, len, &n);
			if (!uc) {
				/* A run of invalid bytes: one hard break. */
				t.s = (uint32_t)i;
				while (i < len && s[i] >= 0x80 && !decode(s, i, len, &n))
					i++;
				t.e = (uint32_t)i;
				t.kind = TK_BAD;
				sent = true;
			} else if (uc_word(uc)) {
				i = scan_word(s, i, len, &t);
			} else if (is_space_uc(uc)) {
				pend |= TF_SP;
				i += (size_t)n;
				if (uc == 0x2028 || uc == 0x2029) {
					pend |= TF_NL;
					sent = true;
				}
				continue;
			} else {
				t.s = (uint32_t)i;
				t.e = (uint32_t)(i + (size_t)n);
				t.kind = TK_PUNCT;
				i += (size_t)n;
			}
		} else {
			t.s = (uint32_t)i;
			t.e = (uint32_t)(i + 1);
			t.kind = TK_PUNCT;
			t.h = hash_step(HASH_INIT, c);
			i++;
		}
		t.f |= pend;
		pend = 0;
		if (t.kind == TK_WORD || t.kind == TK_NUM) {
			if (sent)
				t.f |= TF_SENT;
			sent = false;
			if (t.kind == TK_NUM && (tv->n == 0 || (t.f & TF_NL)))
				seen |= SEEN_NUM_LINE;
			if (t.kind == TK_NUM && t.e - t.s <= 7) {
				/* A results line may start a few words before ("Dunmore
				 * 3 Kelso 1"); a score may follow a sports verb. */
				if (t.e - t.s <= 3 && tv->n > 0 && (tv->v[tv->n - 1].f & TF_CAP) && !(t.f & TF_NL)) {
					size_t q = tv->n;
					while (q-- > 0 && tv->n - q <= 4)
						if (q == 0 || (tv->v[q].f & TF_NL)) {
							if (q != result_line) {
								result_line = q;
								VEC_PUSH(&d->club_at, (uint32_t)q);
							}
							break;
						}
				}
				if (seen & SEEN_SPORT_VERB)
					VEC_PUSH(&d->club_at, (uint32_t)tv->n);
			}
			if (t.kind == TK_WORD) {
				/* The lower-case form's entry: grammar words, common
				 * words, units.  Compare case-insensitively. */
				size_t idx = t.h & (SMALL_SLOTS - 1), wl = t.e - t.s;
				for (;;) {
					const struct small_slot *q = &ner_small[idx];
					if (!q->s)
						break;
					if (q->h == t.h && q->len == wl) {
						size_t r = 0;
						while (r < wl && (unsigned char)q->s[r] == lower_ascii(s[t.s + r]))
							r++;
						if (r == wl) {
							t.gram = q->gram;
							t.rwi = q->rwi;
							seen |= q->seen;
							if (q->seen & SEEN_ORG_AFTER)
								t.f |= TF_ORG_AFTER;
							if (q->seen & SEEN_SPORT_VERB)
								t.f |= TF_SPORT_VERB;
							break;
						}
					}
					idx = (idx + 1) & (SMALL_SLOTS - 1);
				}
				if (t.f & TF_LOWER)
					bit_set(d->lower_seen, t.h);
				else if ((t.f & TF_CAP) && !(t.f & TF_SENT))
					bit_set(d->capmid_seen, t.h);
				if (t.f & TF_ALPHA) {
					line_words++;
					if ((t.f & TF_ALLCAP) && t.e - t.s > 1)
						line_caps++;
				}
			}
		} else if (t.kind == TK_PUNCT) {
			unsigned char p0 = s[t.s];
			if (p0 == '.' || p0 == '!' || p0 == '?') {
				/* An abbreviation's or an initial's full stop does not
				 * end the sentence. */
				bool abbr = false;
				if (p0 == '.' && tv->n > 0) {
					const struct tok *pt = &tv->v[tv->n - 1];
					if (pt->e == t.s && pt->kind == TK_WORD &&
					    ((pt->e - pt->s == 1 && (pt->f & TF_CAP)) ||
					     (pt->f & TF_DOTS)))
						abbr = true;
					if (pt->e == t.s && pt->kind == TK_WORD && !abbr) {
						const struct slot *q = ner_lex_get((const char *)s + pt->s,
									       (size_t)(t.e - pt->s));
						if (q && (q->gaz & (G_TITLE | G_MONTH | G_WEEKDAY | G_W_ORG)))
							abbr = true;
					}
				}
				if (!abbr)
					sent = true;
			} else if (dash_at(s, t.s, len) && (t.f & TF_SP) && tv->n > line_first && tv->n - line_first <= 12 &&
				   (tv->v[line_first].f & TF_ALLCAP)) {
				/* A dateline's dash: "OSLO (Reuters) - Officials
				 * said" starts the story's first sentence. */
				sent = true;
			} else if (p0 == ':' && t.e < len && (ner_cclass[s[t.e]] & C_SP)) {
				/* Not a sentence end, but what follows starts afresh:
				 * "NEW DELHI: Officials said", "He added: Experts ...". */
				sent = true;
			}
		} else {
			sent = true;
		}
		VEC_PUSH(tv, t);
		continue;
	line_end:
		/* A line whose words are nearly all capitals is a headline. */
		if (line_words >= 3 && line_caps * 5 >= line_words * 4) {
			for (size_t q = line_first; q < tv->n; q++)
				tv->v[q].f |= TF_HEAD;
			seen |= SEEN_HEADLINE;
		}
		line_first = tv->n;
		line_words = line_caps = 0;
	}
	if (line_words >= 3 && line_caps * 5 >= line_words * 4) {
		for (size_t q = line_first; q < tv->n; q++)
			tv->v[q].f |= TF_HEAD;
		seen |= SEEN_HEADLINE;
	}
	d->seen = seen;
}

/* Gazetteer kinds of the exact text of tokens [i, j), joined with one
 * space (or nothing where they touch: "Gov" "." → "Gov.").  With fold,
 * each word is title-cased first (for all-capitals headlines). */
uint32_t ner_phrase_kinds(const struct doc *d, size_t i, size_t j, bool fold)
{
	char buf[160];
	size_t n = 0;
	const struct slot *sl;

	for (size_t k = i; k < j; k++) {
		size_t l = tlen(d, k);
		if (k > i && !adjacent(d, k)) {
			if (n >= sizeof buf)
				return 0;
			buf[n++] = ' ';
		}
		if (n + l > sizeof buf)
			return 0;
		memcpy(buf + n, d->s + d->t[k].s, l);
		if (fold && (d->t[k].f & TF_ASCII))
			for (size_t q = 1; q < l; q++)
				buf[n + q] = (char)lower_ascii((unsigned char)buf[n + q]);
		n += l;
	}
	sl = ner_lex_get(buf, n);
	return sl ? sl->gaz : 0;
}

/* The lexicon answers are memoised in the token (hence the casts: the
 * document is logically const here). */
uint32_t ner_tok_kinds(const struct doc *d, size_t i)
{
	uint32_t g;
	struct tok *t;
	if (i >= d->n || d->t[i].kind != TK_WORD)
		return 0;
	t = (struct tok *)&d->t[i];
	if (t->f & TF_XK)
		return t->xk;
	g = ner_phrase_kinds(d, i, i + 1, false);
	if (!(g & ~G_PREFIX) && (t->f & TF_HEAD))
		g |= ner_phrase_kinds(d, i, i + 1, true);
	g &= G_TOKEN_KINDS;
	t->xk = g;
	t->f |= TF_XK;
	return g;
}

/* Is token i's lower-cased form a common English word? */
bool ner_is_common(const struct doc *d, size_t i)
{
	struct tok *t;
	if (i >= d->n || d->t[i].kind != TK_WORD)
		return false;
	t = (struct tok *)&d->t[i];
	if (!(t->f & TF_CMN_DONE)) {
		char buf[40];
		size_t l = tlen(d, i);
		bool c = false;
		struct doc *md = (struct doc *)d;
		size_t slot = t->h & (ARRAY_SIZE(md->cmn) - 1);
		if (md->cmn[slot].v && md->cmn[slot].h == t->h) {
			c = md->cmn[slot].v == 2;
		} else if ((t->f & TF_ASCII) && l < sizeof buf && (t->f & TF_ALPHA)) {
			for (size_t k = 0; k < l; k++)
				buf[k] = (char)lower_ascii(d->s[t->s + k]);
			c = ner_common_word(buf, l);
			md->cmn[slot].h = t->h;
			md->cmn[slot].v = c ? 2 : 1;
		}
		t->f |= TF_CMN_DONE | (c ? TF_CMN : 0);
	}
	return (t->f & TF_CMN) != 0;
}

/* Longest gazetteer entry of a kind in mask starting at token i, not past
 * limit; its end token, or i when none.  *kinds gets its kinds. */
size_t ner_longest_entry(const struct doc *d, size_t i, size_t limit, uint32_t mask, uint32_t *kinds)
{
	size_t best = i;
	uint32_t g1 = ner_tok_kinds(d, i);
	*kinds = 0;
	/* Most words begin no entry at all: the memoised single-word answer
	 * says so without building a key. */
	if (!(g1 & (G_PREFIX | mask)) && !(i + 1 < limit && adjacent(d, i + 1)) && !(d->t[i].f & TF_HEAD))
		return i;
	if (!(g1 & G_PREFIX) && (g1 & mask) && !(i + 1 < limit && adjacent(d, i + 1))) {
		*kinds = g1 & mask;
		return i + 1;
	}
	for (int pass = 0; pass < 2; pass++) {
		bool fold = pass == 1;
		if (fold && !(d->t[i].f & TF_HEAD))
			break;
		for (size_t j = i + 1; j <= limit && j - i <= 8; j++) {
			uint32_t g;
			if (d->t[j - 1].kind == TK_BAD)
				break;
			if (j - 1 > i && (d->t[j - 1].f & TF_NL))
				break;
			g = ner_phrase_kinds(d, i, j, fold);
			if (g & mask) {
				if (j > best) {
					best = j;
					*kinds = g & mask;
				}
			}
			if (!(g & (G_PREFIX | mask)) && !(j < limit && adjacent(d, j)))
				break;
		}
		if (best > i)
			break;
	}
	return best;
}

/* Length in tokens of a title at token i ("Gov." is two, "Prime Minister"
 * two), 0 when none.  Lower-case titles count too ("said spokesman"). */
size_t ner_title_at(const struct doc *d, size_t i, size_t limit)
{
	uint32_t g;
	size_t e;
	const struct tok *t = &d->t[i];

	if (t->kind != TK_WORD)
		return 0;
	if (t->f & TF_LOWER) {
		/* Capitalise into a buffer for the look-up. */
		char buf[40];
		size_t l = tlen(d, i);
		const struct slot *sl;
		if (l >= sizeof buf - 1 || !(t->f & TF_ASCII))
			return 0;
		memcpy(buf, d->s + t->s, l);
		buf[0] = (char)(buf[0] - 32);
		sl = ner_lex_get(buf, l);
		if (sl && (sl->gaz & G_TITLE))
			return 1;
		return 0;
	}
	e = ner_longest_entry(d, i, limit, G_TITLE, &g);
	return e - i;
}
void ner_add_span_(struct doc *d, size_t ts, size_t te, enum ner_label l, int strength, int rule)
{
	struct ispan sp;
	if (te <= ts)
		return;
	/* A line is a paragraph: no entity spans two. */
	for (size_t k = ts + 1; k < te; k++)
		if (d->t[k].f & TF_NL) {
			te = k;
			break;
		}
	for (size_t k = ts; k < te; k++)
		d->t[k].used = 1;
	sp.ts = (uint32_t)ts;
	sp.te = (uint32_t)te;
	sp.label = (uint8_t)l;
	sp.strength = (uint8_t)strength;
	sp.pending = 0;
	sp.rule = (uint16_t)rule;
	if (d->nsp == d->capsp) {
		d->capsp = d->capsp ? d->capsp * 2 : 64;
		d->sp = xreallocarray(d->sp, d->capsp, sizeof *d->sp);
		util_large_array(d->sp, d->capsp * sizeof *d->sp);
	}
	d->sp[d->nsp++] = sp;
}

/* The cue kinds of tokens [i, j) lower-cased, joined by one space. */
static uint32_t toks_cue(const struct doc *d, size_t i, size_t j)
{
	char buf[64];
	size_t n = 0;
	/* A word's hash is that of its ASCII-lower-cased bytes, the key's
	 * first word: most words begin no cue, and need no key built. */
	if (i < j && i < d->n && (d->t[i].kind == TK_WORD || d->t[i].kind == TK_NUM)) {
		uint32_t b = d->t[i].h & (CUE_FILTER_BITS - 1);
		if (!((ner_cue_filter[b >> 6] >> (b & 63)) & 1))
			return 0;
	}
	for (size_t k = i; k < j; k++) {
		size_t l;
		if (k >= d->n || d->t[k].kind == TK_BAD || (l = tlen(d, k)) + n + 1 > sizeof buf)
			return 0;
		if (k > i)
			buf[n++] = ' ';
		for (size_t q = 0; q < l; q++)
			buf[n++] = (char)lower_ascii(d->s[d->t[k].s + q]);
	}
	return ner_cue(buf, n);
}

bool ner_tok_cue(const struct doc *d, size_t i, uint32_t kind)
{
	return (toks_cue(d, i, i + 1) & kind) != 0;
}

bool ner_toks_cue(const struct doc *d, size_t i, size_t j, uint32_t kind)
{
	return (toks_cue(d, i, j) & kind) != 0;
}

/* Is token k a double quotation mark, straight or curly ('"', '“', '”')? */
bool ner_dquote_at(const struct doc *d, size_t k)
{
	const unsigned char *p;
	size_t l;
	if (k >= d->n || d->t[k].kind != TK_PUNCT)
		return false;
	p = d->s + d->t[k].s;
	l = tlen(d, k);
	return (l == 1 && p[0] == '"') || (l == 3 && p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x9c || p[2] == 0x9d));
}

/* Could token i begin or continue a name? */
bool ner_capish(const struct doc *d, size_t i)
{
	const struct tok *t;
	if (i >= d->n)
		return false;
	t = &d->t[i];
	if (t->used || t->kind != TK_WORD)
		return false;
	if (t->f & TF_HEAD) {
		/* In a headline every word is capitalised: a name is one that
		 * is not a common word, or a known name. */
		if (!ner_is_common(d, i) && !(t->gram & (W_DET | W_PARTICLE | W_LOCPREP | W_SAY)) && tlen(d, i) > 1)
			return true;
		/* (a common word that is also a given name, "BANKS", "BILL",
		 * starts nothing by itself: the body's names find "BILL
		 * CLINTON") */
		return (ner_tok_kinds(d, i) & (G_NAME | G_TITLE | G_CUE)) != 0;
	}
	if (!(t->f & TF_CAP))
		return false;
	if (tlen(d, i) == 1 && d->s[t->s] == 'I')
		return false;
	if ((t->f & TF_ALLCAP) || tlen(d, i) <= 4)
		return !(ner_tok_kinds(d, i) & G_ACRONYM);
	return true;
}
