/* ner_internal.h — what the files of the recognizer (src/ner*.c) share and
 * nothing else sees: the lexicon's kinds and classes, tokens, the
 * per-document state and its spans, and the passes that src/ner.c runs in
 * turn.  The layers, each in its own file:
 *   ner_lexicon.c  gazetteers and grammar words in one hash table
 *   ner_tokens.c   the tokenizer and token look-ups
 *   ner_numbers.c  numbers, dates and times
 *   ner_names.c    capitalised names: chunks, titles, labels
 *   ner_datelines.c  where a dateline's place starts and ends
 *   ner_sports.c   places named for their clubs, results lines
 *   ner_headlines.c  the document's names found in its capitals lines
 *   ner_aliases.c  canon keys, aliases, names defined in the document
 *   ner.c          labels, the entry point and the output */
#ifndef GLOSS_NER_INTERNAL_H
#define GLOSS_NER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "gloss/ner.h"


/* ------------------------------------------------------------------ */
/* Lexicon                                                             */

/* What a gazetteer entry is.  One bit a file kind. */
enum {
	G_COUNTRY = 1u << 0,
	G_CITY = 1u << 1,
	G_SUBDIV = 1u << 2,
	G_REGION = 1u << 3,
	G_NORP = 1u << 4,
	G_ORG = 1u << 5,
	G_GIVEN = 1u << 6,
	G_COMMON = 1u << 7,
	G_TITLE = 1u << 8,
	G_W_ORG = 1u << 9,
	G_W_GPE = 1u << 10,
	G_W_LOC = 1u << 11,
	G_W_FAC = 1u << 12,
	G_W_EVENT = 1u << 13,
	G_PRE_LOC = 1u << 14,
	G_PRE_FAC = 1u << 15,
	G_MONTH = 1u << 16,
	G_WEEKDAY = 1u << 17,
	G_UNIT = 1u << 18,
	G_CURRENCY = 1u << 19,
	G_PREFIX = 1u << 20, /* a proper prefix of a longer entry */
	G_ACRONYM = 1u << 21, /* a capitalised abbreviation that names nothing */
	G_PRE_ORG = 1u << 22, /* an organisation word that leads: "FC Basel" */
	G_HOLIDAY = 1u << 23, /* a holiday: "Christmas" is a DATE */
};
_Static_assert(G_HOLIDAY < (1u << 24), "gazetteer kinds fit a token's 24-bit xk");
/* Kept in the lexicon's entry only (ner_phrase_kinds), never in a token's
 * kinds: a city only GeoNames' list knows, which a person's context
 * outranks ("McKinney said"). */
#define G_WEAK_CITY (1u << 24)
#define G_TOKEN_KINDS ((1u << 24) - 1)
#define G_GPE (G_COUNTRY | G_CITY | G_SUBDIV)
#define G_NAME (G_GPE | G_REGION | G_NORP | G_ORG)
#define G_CUE (G_W_ORG | G_W_GPE | G_W_LOC | G_W_FAC | G_W_EVENT)

/* Grammar word classes of dates, times and numbers. */
enum {
	W_NUM = 1u << 0,      /* cardinal number word: one, twenty, hundred */
	W_SCALE = 1u << 1,    /* hundred, thousand, million... after a number */
	W_ORD = 1u << 2,      /* first, tenth */
	W_TUNIT_T = 1u << 3,  /* hour(s), minute(s): a duration that is TIME */
	W_TUNIT_D = 1u << 4,  /* day(s), year(s): a duration that is DATE */
	W_PARTDAY = 1u << 5,  /* morning, night */
	W_REL = 1u << 6,      /* last, next, this, past */
	W_MOD = 1u << 7,      /* about, nearly, over */
	W_DAYWORD = 1u << 8,  /* yesterday, today, tomorrow */
	W_VAGUE = 1u << 9,    /* decades, annual */
	W_AFTER = 1u << 10,   /* ago, old, later */
	W_AMPM = 1u << 11,    /* a.m., pm */
	W_SAY = 1u << 12,     /* said, told */
	W_LOCPREP = 1u << 13, /* in, near */
	W_PARTICLE = 1u << 14,/* de, van, bin: inside names */
	W_SEASON = 1u << 15,  /* summer */
	W_MULT = 1u << 16,    /* tens, hundreds, dozens */
	W_FEW = 1u << 17,     /* few, several, many */
	W_DET = 1u << 18,     /* the, a, this: stripped from the front of names */
	W_TIMEWORD = 1u << 19,/* noon, midnight, tonight */
	W_EDGE = 1u << 20,    /* early, late, mid */
	W_PERSONCTX = 1u << 21, /* he/she-verbs that follow a person: who */
	W_NUMSTART = 1u << 22, /* may begin an amount: more (than), at (least) */
	W_CAL = 1u << 23,      /* a month or weekday name, lower-cased */
	W_UNIT = 1u << 24,     /* from units.txt */
	W_CURRENCY = 1u << 25, /* from currencies.txt */
	W_ORGNOUN = 1u << 26,  /* "the band X": X is an organisation */
	W_ARTNOUN = 1u << 27,  /* "the album X": a work */
	W_GPENOUN = 1u << 28,  /* "the town (of) X": a place */
	W_LOCNOUN = 1u << 29,  /* "the river X" */
	W_COMPASS = 1u << 30,  /* north, western: "West Sebago" */
	W_ORGKIND = 1u << 31,  /* "X is a bicycle manufacturer": X is an organisation */
};
/* Grammar classes that can begin a date, time or amount. */
#define W_STARTS (W_NUM | W_SCALE | W_ORD | W_TUNIT_T | W_TUNIT_D | W_PARTDAY | W_REL | W_MOD | \
		  W_DAYWORD | W_VAGUE | W_SEASON | W_MULT | W_FEW | W_TIMEWORD | W_EDGE | W_NUMSTART | W_CAL)

struct slot {
	const char *s; /* NULL: empty */
	uint32_t len, h;
	uint32_t gaz, gram;
};
/* The lower-case words every token is looked up as (grammar words, units,
 * currencies, rule words) also sit in a small table that stays in cache:
 * its grammar classes and the index of its rule-word roles (0: none). */
struct small_slot {
	const char *s; /* NULL: empty */
	uint32_t len, h;
	uint32_t gram;
	uint8_t rwi;
	uint8_t seen; /* SEEN_... bits a token of this word sets in doc.seen */
};
#define SMALL_SLOTS 2048
/* What the tokenizer saw in a document, so that a pass with nothing to
 * look at is skipped. */
enum {
	SEEN_SPORT_VERB = 1u << 0, /* the first word of a sport-verb cue */
	SEEN_SPORT_NOUN = 1u << 1, /* a sport-noun cue */
	SEEN_ORG_AFTER = 1u << 2,  /* the first word of an org-after cue (also TF_ORG_AFTER) */
	SEEN_HEADLINE = 1u << 3,   /* a line in capitals (tokens TF_HEAD) */
	SEEN_NUM_LINE = 1u << 4,   /* a line that starts with a number (a table's) */
};
/* Cue words (data/LANG/cues.txt), one bit a kind. */
enum {
	N_COLLECTIVE = 1u << 0,   /* "People's": a possessive inside a name */
	N_ORG_VERB = 1u << 1,     /* "played for" X: an organisation */
	N_ORG_PLURAL = 1u << 2,   /* "bands like" X: organisations */
	N_CORP_SUFFIX = 1u << 3,  /* Inc, Corp */
	N_TIME_ZONE = 1u << 4,    /* GMT */
	N_FISCAL = 1u << 5,       /* third-quarter */
	N_PLACE_END = 1u << 6,    /* -ville */
	N_GROUP_END = 1u << 7,    /* -ism */
	N_PEOPLE_END = 1u << 8,   /* -ites */
	N_DERIVED_END = 1u << 9,  /* -ized */
	N_MEDIA_NOUN = 1u << 10,  /* "station" of "radio station": an organisation */
	N_MEDIA_KIND = 1u << 11,  /* "radio" */
	N_GENERIC_DET = 1u << 12, /* "a Technology Centre": no one thing */
	N_WORK_INTRO = 1u << 13,  /* "the film titled The X": The starts a work */
	N_DEF_STOP = 1u << 14,    /* "X is a member of": no definition */
	N_PLACE_DEF_GOES_ON = 1u << 15, /* "a village located in" */
	N_ORG_DEF_GOES_ON = 1u << 16,   /* "a company based in" */
	N_OWNS_NOTHING = 1u << 17, /* "Rizzo's opened": a possessive that owns nothing */
	N_SPORT_VERB = 1u << 18,  /* "X beat Y 2-1": X and Y are clubs */
	N_SPORT_NOUN = 1u << 19,  /* "X's second goal", "X striker": X is a club */
	N_ORG_AFTER = 1u << 20,   /* "X said in a statement", "X spokeswoman" */
	N_SPORT_SLUG = 1u << 21,  /* "CRICKET-INDIA": a headline's sport before a hyphen */
	N_CLUB_VERB = 1u << 22,   /* "played with" a town: its club */
	N_PLACE_SUFFIX = 1u << 23, /* "London-based": split off the place before it */
	N_PLACE_OFFICE = 1u << 24, /* "the mayor of X", "MP for X": X is a place */
	N_PERSON_ROLE = 1u << 25,  /* "co-founder Bill Gates": a person's role before the name */
	N_EVENT_PREFIX = 1u << 26, /* "Hurricane Milton": a storm's name is an event */
	N_SCORE_AGAINST = 1u << 27, /* "drew 1-1 with" X: X is a club */
	N_NAME_FIRST = 1u << 28,    /* "Mike": a given name before all else */
	N_FIELD_BEFORE = 1u << 29,  /* "a degree in" X: X is a field, no place */
	N_KIN_NOUN = 1u << 30,      /* "the X family": X is a surname */
	N_SPORT_MARGIN = 1u << 31,  /* "beat X by six wickets": X is a club */
	NER_NCUES = 32
};

/* Rule words (data/LANG/rule-words.txt): the small words the rules test
 * for by what they do, not by how a language spells them.  A role holds
 * up to RW_MAX words; a word may fill several roles. */
enum rule_word {
	RW_ACCORDING,
	RW_ADJACENT_PERIOD,
	RW_AGE_OLD,
	RW_AGED,
	RW_ANOTHER_PERIOD,
	RW_AREA_VOLUME,
	RW_AS,
	RW_AT,
	RW_CENT,
	RW_CENTURY,
	RW_CLOSE,
	RW_COMPARATIVE,
	RW_CONJUNCTION,
	RW_COPULA,
	RW_UNIT_VERB,
	RW_DEATH_VERB,
	RW_DEFINITE,
	RW_DEGREES,
	RW_DISJUNCTION,
	RW_DISTRIBUTIVE,
	RW_DURATION_LONG,
	RW_EDGE_PREFIX,
	RW_ESTIMATED,
	RW_EXAMPLE_INTRO,
	RW_FAME,
	RW_FOLLOWING_PERIOD,
	RW_GENERATION,
	RW_GENERIC_PLACE_NOUN,
	RW_GENITIVE,
	RW_GROUP_NOUN,
	RW_HALF,
	RW_HALF_ORDINAL,
	RW_HALL,
	RW_HOURS,
	RW_INDEFINITE,
	RW_KNOWN,
	RW_MONTH_ALSO_VERB,
	RW_OCLOCK,
	RW_ORDINAL_1,
	RW_OVER_UNDER,
	RW_PER,
	RW_PERCENT,
	RW_PERCENTAGE,
	RW_PLACE_ADJECTIVE,
	RW_POINTS,
	RW_POSSESSIVE_S,
	RW_QUANTITY_ADVERB,
	RW_QUARTER,
	RW_QUARTER_ORDINAL,
	RW_RECENT,
	RW_RELATIVE_PERIOD,
	RW_SUCH,
	RW_SUPERLATIVE,
	RW_TEMPERATURE_SCALE,
	RW_TEMPORAL_PREP,
	RW_THAN,
	RW_THIS,
	RW_TO,
	RW_TOPIC_PREP,
	RW_UNIT_ALSO_ORDINAL,
	RW_UP,
	RW_UPWARDS,
	RW_WEB_DOMAIN,
	RW_WELL,
	RW_COUNT
};
#define RW_MAX 8
struct rule_words {
	uint8_t n;
	uint8_t len[RW_MAX];
	const char *w[RW_MAX]; /* lower case */
};
extern struct rule_words ner_rule_words[RW_COUNT];
/* The roles of each rule word, one bit a role, by the index the tokenizer
 * stores in each token (tok.rwi; index 0 fills no role).  A rule tests a
 * role with one load and a shift, not by comparing spellings. */
#define RW_WORDS 256 /* tok.rwi is 8 bits */
extern uint64_t ner_rw_roles[RW_WORDS];

/* Word endings, with their lengths (no strlen on the hot path). */
struct ending {
	const char *s;
	size_t n;
};

/* What all the cues of one kind have in common, for quick rejection. */
struct ner_cue_bounds {
	size_t min_len, max_len;
	unsigned char first[256]; /* first bytes, either case of a letter */
};

/* Lexicon (ner_lexicon.c) */
/* The lower-case words every token is looked up as (grammar words, units,
 * currencies): a small table that stays in cache. */
extern struct small_slot ner_small[SMALL_SLOTS];
/* Builds the lexicon once, on first use.  Not guarded by a lock: the first
 * ner_scan must not race another thread's. */
void ner_lex_init(void);
/* Is the lower-case ASCII word w[0..n) in the sorted common-words list? */
bool ner_common_word(const char *w, size_t n);
const struct slot *ner_lex_get(const char *s, size_t n);
/* The cue kinds of the lower-case word (or two words) s[0..n); 0 when none. */
uint32_t ner_cue(const char *s, size_t n);
/* Gazetteer kinds (and grammar classes in *gramp) of p[0..n) lower-cased. */
uint32_t ner_lower_kinds(const unsigned char *p, size_t n, uint32_t *gramp);
/* The endings of one kind (N_PLACE_END...). */
const struct ending *ner_endings(uint32_t cls, size_t *n);
/* The bounds of one kind of cue. */
const struct ner_cue_bounds *ner_cue_bounds(uint32_t cls);
/* One bit a hash of the first word of each cue (as hash_step hashes it,
 * the tokenizer's tok.h): a word whose bit is clear begins no cue. */
#define CUE_FILTER_BITS 4096
extern uint64_t ner_cue_filter[CUE_FILTER_BITS / 64];


static inline uint32_t hash_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}
#define HASH_INIT 2166136261u

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

enum { TK_WORD, TK_NUM, TK_PUNCT, TK_BAD };

enum {
	TF_CAP = 1u << 0,    /* first letter upper case */
	TF_ALLCAP = 1u << 1, /* every letter upper case */
	TF_LOWER = 1u << 2,  /* first letter lower case */
	TF_NL = 1u << 3,     /* a line break before it */
	TF_SP = 1u << 4,     /* white space before it */
	TF_SENT = 1u << 5,   /* first word of a sentence */
	TF_DOTS = 1u << 6,   /* dotted abbreviation: U.S. */
	TF_HYPH = 1u << 7,   /* an inner hyphen */
	TF_ASCII = 1u << 8,  /* only ASCII bytes */
	TF_HEAD = 1u << 9,   /* in an all-capitals headline line */
	TF_ALPHA = 1u << 10, /* only letters (and inner hyphens/apostrophes) */
	TF_XK = 1u << 11,    /* xk is filled in */
	TF_CMN_DONE = 1u << 12, /* the common-word test was made */
	TF_CMN = 1u << 13,   /* its lower-cased form is a common word */
	TF_ORG_AFTER = 1u << 14, /* may begin an org-after cue ("said", "spokeswoman") */
	TF_SPORT_VERB = 1u << 15, /* may begin a sport-verb cue ("beat", "lost") */
};

struct tok {
	uint32_t s, e;    /* byte offsets */
	uint32_t h;       /* hash of the ASCII-lower-cased text */
	uint32_t gram;    /* grammar classes of the lower-cased form */
	uint32_t xk : 24; /* gazetteer kinds of the exact text (TF_XK) */
	uint32_t rwi : 8; /* its rule-word roles: ner_rw_roles[rwi] */
	uint16_t f;
	uint8_t kind;
	uint8_t used;
};

struct tokvec {
	struct tok *v;
	size_t n, cap;
};

/* ASCII character classes. */
enum { C_UP = 1, C_LO = 2, C_DIG = 4, C_SP = 8, C_NL = 16, C_PUN = 32, C_HI = 64 };
extern unsigned char ner_cclass[256];
void ner_cclass_init(void);


static inline unsigned char lower_ascii(unsigned char c)
{
	return ner_cclass[c] == C_UP ? (unsigned char)(c | 0x20) : c;
}

/* Decode one character at s[i]; 0 for invalid (then *n is 1). */
static inline ucs4_t decode(const unsigned char *s, size_t i, size_t len, int *n)
{
	ucs4_t uc;
	int k = u8_mbtoucr(&uc, s + i, len - i);
	if (k <= 0) {
		*n = 1;
		return 0;
	}
	*n = k;
	return uc;
}

static inline bool uc_word(ucs4_t uc)
{
	return uc_is_alpha(uc) || uc_is_digit(uc) || uc_is_general_category(uc, UC_CATEGORY_M);
}

/* Is s[i] the start of a letter or digit? */
static inline bool alnum_at(const unsigned char *s, size_t i, size_t len)
{
	int n;
	if (i >= len)
		return false;
	if (ner_cclass[s[i]] & (C_UP | C_LO | C_DIG))
		return true;
	if (s[i] < 0x80)
		return false;
	return uc_word(decode(s, i, len, &n));
}

static inline bool letter_at(const unsigned char *s, size_t i, size_t len)
{
	int n;
	if (i >= len)
		return false;
	if (ner_cclass[s[i]] & (C_UP | C_LO))
		return true;
	if (s[i] < 0x80)
		return false;
	return uc_is_alpha(decode(s, i, len, &n));
}

/* Length of an apostrophe at s[i] (' or U+2019), else 0. */
static inline int apostrophe_at(const unsigned char *s, size_t i, size_t len)
{
	if (s[i] == '\'')
		return 1;
	if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0x99)
		return 3;
	return 0;
}

/* Length of a hyphen at s[i] (- or U+2010/U+2011), else 0. */
static inline int hyphen_at(const unsigned char *s, size_t i, size_t len)
{
	if (s[i] == '-')
		return 1;
	if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0x90 || s[i + 2] == 0x91))
		return 3;
	return 0;
}

/* Per-document state. */
#define BITS_LOG 16
struct doc {
	const unsigned char *s;
	size_t len;
	struct tok *t;
	size_t n;
	uint64_t lower_seen[(1u << BITS_LOG) / 64];  /* lower-case word hashes */
	uint64_t capmid_seen[(1u << BITS_LOG) / 64]; /* capitalised, not sentence-initial */
	/* Memo of common-word answers by lower-case hash: 0 unknown,
	 * 1 no, 2 yes.  A 32-bit hash clash is the only way to be wrong. */
	struct {
		uint32_t h;
		uint8_t v;
	} cmn[2048];
	size_t nnum; /* spans from the numeric pass come first, sorted */
	struct ispan {
		uint32_t ts, te; /* tokens */
		uint8_t label;
		uint8_t strength; /* 0 guess, 1 context, 2 lexicon/cue */
		uint8_t pending;  /* single unknown name, label to be decided */
		uint16_t rule;    /* the source line that made it, for tuning */
	} *sp;
	size_t nsp, capsp;
	size_t ndefined; /* spans of strength 3: defined by "X is a ..." */
	unsigned seen;   /* SEEN_... */
	/* Where the sports pass looks (tokens, ascending after sorting): the
	 * starts of lines that may be results lines, and numbers that may be
	 * scores after a sports verb. */
	struct {
		uint32_t *v;
		size_t n, cap;
	} club_at;
};

static inline void bit_set(uint64_t *b, uint32_t h)
{
	h &= (1u << BITS_LOG) - 1;
	b[h >> 6] |= 1ull << (h & 63);
}

static inline bool bit_get(const uint64_t *b, uint32_t h)
{
	h &= (1u << BITS_LOG) - 1;
	return (b[h >> 6] >> (h & 63)) & 1;
}
/* Tokenize [0, len) of d->s.  Also marks sentence starts and headline
 * lines and fills the capitalisation statistics. */
void ner_tokenize(struct doc *d, struct tokvec *tv);


/* ------------------------------------------------------------------ */
/* Token helpers                                                       */

static inline size_t tlen(const struct doc *d, size_t i)
{
	return d->t[i].e - d->t[i].s;
}

/* Is token i (ASCII letters compared case-blind) one of the words of role
 * r?  The tokenizer looked the word up once (tok.rwi). */
static inline bool tok_w(const struct doc *d, size_t i, enum rule_word r)
{
	return i < d->n && ((ner_rw_roles[d->t[i].rwi] >> r) & 1);
}

/* Does token i begin with one of the words of role r (a prefix: "mid-")? */
static inline bool tok_w_prefix(const struct doc *d, size_t i, enum rule_word r)
{
	const struct rule_words *rw = &ner_rule_words[r];
	for (unsigned k = 0; k < rw->n; k++) {
		size_t n = rw->len[k];
		if (i < d->n && tlen(d, i) > n && d->t[i].kind != TK_BAD) {
			size_t m = 0;
			while (m < n && lower_ascii(d->s[d->t[i].s + m]) == (unsigned char)rw->w[k][m])
				m++;
			if (m == n)
				return true;
		}
	}
	return false;
}

static inline bool tok_punct(const struct doc *d, size_t i, char c)
{
	return i < d->n && d->t[i].kind == TK_PUNCT && tlen(d, i) == 1 && d->s[d->t[i].s] == (unsigned char)c;
}

static inline bool adjacent(const struct doc *d, size_t i)
{
	return i > 0 && i < d->n && d->t[i - 1].e == d->t[i].s;
}

static inline uint32_t gram(const struct doc *d, size_t i)
{
	return i < d->n && d->t[i].kind == TK_WORD ? d->t[i].gram : 0;
}
/* Gazetteer kinds of the exact text of tokens [i, j) (see ner_tokens.c). */
uint32_t ner_phrase_kinds(const struct doc *d, size_t i, size_t j, bool fold);
/* Gazetteer kinds of token i, memoised in the token. */
uint32_t ner_tok_kinds(const struct doc *d, size_t i);
/* Is token i's lower-cased form a common word? */
bool ner_is_common(const struct doc *d, size_t i);
/* Could token i begin or continue a name? (ner_tokens.c) */
bool ner_capish(const struct doc *d, size_t i);
/* Longest gazetteer entry of a kind in mask at token i (its end, or i). */
size_t ner_longest_entry(const struct doc *d, size_t i, size_t limit, uint32_t mask, uint32_t *kinds);
/* Is token i (lower-cased) a cue word of a kind in kind (N_...)? */
bool ner_tok_cue(const struct doc *d, size_t i, uint32_t kind);
/* Are tokens [i, j), lower-cased and joined by spaces, such a cue? */
bool ner_toks_cue(const struct doc *d, size_t i, size_t j, uint32_t kind);
bool ner_dquote_at(const struct doc *d, size_t k);
/* Length in tokens of a title at token i, 0 when none. */
size_t ner_title_at(const struct doc *d, size_t i, size_t limit);


/* ------------------------------------------------------------------ */
/* Spans                                                               */

#define add_span(d, ts, te, l, st) ner_add_span_(d, ts, te, l, st, __LINE__)
void ner_add_span_(struct doc *d, size_t ts, size_t te, enum ner_label l, int strength, int rule);

/* A pass over the spans reads the tokens of each, scattered through an
 * array that a long text makes far larger than the cache, and often the
 * text they point to; a branch on either waits for it.  So ask for the
 * tokens of the span a few ahead while this one is looked at, and for
 * the text of one half as far ahead, whose tokens have come by then.
 * (A macro: GCC 12 drops a prefetch that is all an inline function
 * does.) */
#define SPAN_AHEAD 16
#define span_prefetch(d, s)                                                    \
	do {                                                                   \
		if ((s) + SPAN_AHEAD < (d)->nsp) {                             \
			const struct ispan *ahead_ = &(d)->sp[(s) + SPAN_AHEAD]; \
			const struct ispan *near_ = &(d)->sp[(s) + SPAN_AHEAD / 2]; \
			__builtin_prefetch(&(d)->t[ahead_->ts]);                 \
			__builtin_prefetch(&(d)->t[ahead_->te - 1]);             \
			__builtin_prefetch((d)->s + (d)->t[near_->ts].s);        \
		}                                                              \
	} while (0)

/* Numbers, dates and times (ner_numbers.c) */


static inline bool free_word(const struct doc *d, size_t i)
{
	return i < d->n && !d->t[i].used && d->t[i].kind == TK_WORD;
}
/* The numeric pass: numbers, amounts, dates and times, in text order. */
void ner_find_numeric(struct doc *d);
/* An age is a DATE, as OntoNotes has it: "Victor Lanz, 54, used", "aged
 * 54", "died at 91" (after the names pass, whose people it follows). */
void ner_ages(struct doc *d);

/* Datelines (ner_datelines.c) */

/* After a dateline's place ending at token j: ", <Capitalised>", ", <date>",
 * "(<Agency>)", a spaced dash or a colon, with the story going on. */
bool ner_dateline_follows(const struct doc *d, size_t j);
/* The same for certain: "(Agency)" or a spaced dash, at once or after ",
 * <state>, <date>" on the line; never a headline's comma. */
bool ner_dateline_sure(const struct doc *d, size_t j);
/* Where a name in capitals [i, j) at a line's start really starts: before
 * up to two common words in capitals that begin the line ("PORT" of "PORT
 * HARCOURT"), or i. */
size_t ner_caps_line_start(const struct doc *d, size_t i, size_t j);
/* A known state or country set off by a comma at token j ("Harlow, Essex,"). */
bool ner_state_follows(const struct doc *d, size_t j);

/* Names (ner_names.c; where a name's chunk ends in ner_chunk.c; company
 * suffixes in ner_corp.c) */

/* An initial: "H." inside "Frederick H. Collier". */
bool ner_initial_at(const struct doc *d, size_t i);
/* Extent of a capitalised chunk starting at i (a ner_capish token). */
size_t ner_chunk_end(const struct doc *d, size_t i);

/* A company's legal suffix, capitalised: "Inc", "Corp", "Ltd"... */
bool ner_corp_suffix(const struct doc *d, size_t i);
/* The name pass: capitalised chunks, labelled, in text order. */
void ner_find_names(struct doc *d);
/* Places and people named as sports clubs become organisations: results
 * lines, "X beat Y 2-1", "X's goal" (spans sorted). */
void ner_sports_clubs(struct doc *d);
/* Joins "X Inc" into one organisation (spans sorted; ner_corp.c). */
void ner_join_corp_suffixes(struct doc *d);
/* Sorts the spans by start again after a few were added at the end. */
void ner_resort_spans(struct doc *d);
/* A second pass over a document with lines in capitals: the names its
 * other lines write are found in them, case aside (spans sorted). */
void ner_headline_names(struct doc *d);

/* Aliases and canon keys (ner_aliases.c) */

/* Canon key of bytes [s, e) (NFC, words capitalised alike); allocated. */
char *ner_canon_of(const unsigned char *s, size_t n, bool headline);
/* The same for pure ASCII into r (n + 1 bytes); its length. */
size_t ner_canon_ascii_to(char *r, const unsigned char *s, size_t n, bool headline);
int ner_ispan_cmp(const void *a, const void *b);
/* Names defined in the document lend their label to its other mentions. */
void ner_propagate_defined(struct doc *d);
/* A nickname in quotes inside a person's name joins it: William Mailes
 * "Cowboy" Cowley (spans sorted). */
void ner_join_nicknames(struct doc *d);
/* The guesses in a list of names whose sure items are of one kind take
 * that kind (ner_lists.c; spans sorted). */
void ner_list_kinds(struct doc *d);
/* Short forms get the label and (full_of) the span of the fullest name. */
void ner_resolve_aliases(struct doc *d, size_t *full_of);

#endif
