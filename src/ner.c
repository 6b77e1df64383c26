/* ner.c — the named-entity recognizer behind ner.h.  It owns the lexicon
 * (gazetteers embedded from data/gazetteer/ plus the grammar words of dates
 * and numbers, in one hash table built on first use), a fast tokenizer over
 * raw bytes (ASCII fast path, libunistring properties beyond it, invalid
 * UTF-8 as a hard break), and three passes over the tokens of a document:
 * numbers, dates and times by a small grammar; capitalised names chunked,
 * stripped of titles, determiners and sentence-initial common words, and
 * labelled by gazetteers, head words ("Agency", "Krai"), titles, given
 * names, context ("said", "in") and in-document capitalisation statistics;
 * and a last pass that gives short forms ("Peskov") the label and alias
 * key (canon) of the fullest name seen in the document. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "gloss/embedded.h"
#include "gloss/ner.h"
#include "gloss/util.h"

/* ------------------------------------------------------------------ */
/* Labels                                                              */

static const char *const label_names[] = {
#define NER_NAME(n) #n,
	NER_LABEL_INFO(NER_NAME)
#undef NER_NAME
};

const char *ner_label_name(enum ner_label l)
{
	return (unsigned)l < NER_NLABELS ? label_names[l] : "?";
}

int ner_label_from_name(const char *name)
{
	for (int i = 0; i < NER_NLABELS; i++)
		if (strcmp(label_names[i], name) == 0)
			return i;
	return -1;
}

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
};
#define G_GPE (G_COUNTRY | G_CITY | G_SUBDIV)
#define G_NAME (G_GPE | G_REGION | G_NORP | G_ORG)
#define G_CUE (G_W_ORG | G_W_GPE | G_W_LOC | G_W_FAC | G_W_EVENT)

/* The gazetteer files and what their entries are; a line starting with
 * '>' in a head-word file marks a word that works as a prefix too. */
static const struct {
	const char *file;
	uint32_t kind, prefix_kind;
} gaz_files[] = {
	{"data/gazetteer/countries.txt", G_COUNTRY, 0},
	{"data/gazetteer/country-names.txt", G_COUNTRY, 0},
	{"data/gazetteer/cities.txt", G_CITY, 0},
	{"data/gazetteer/tz-cities.txt", G_CITY, 0},
	{"data/gazetteer/subdivisions.txt", G_SUBDIV, 0},
	{"data/gazetteer/regions.txt", G_REGION, 0},
	{"data/gazetteer/demonyms.txt", G_NORP, 0},
	{"data/gazetteer/organisations.txt", G_ORG, 0},
	{"data/gazetteer/news-outlets.txt", G_ORG, 0},
	{"data/gazetteer/given-names.txt", G_GIVEN, 0},
	{"data/gazetteer/titles.txt", G_TITLE, 0},
	{"data/gazetteer/heads-org.txt", G_W_ORG, G_PRE_ORG},
	{"data/gazetteer/heads-gpe.txt", G_W_GPE, 0},
	{"data/gazetteer/heads-loc.txt", G_W_LOC, G_PRE_LOC},
	{"data/gazetteer/heads-fac.txt", G_W_FAC, G_PRE_FAC},
	{"data/gazetteer/heads-event.txt", G_W_EVENT, 0},
	{"data/gazetteer/months.txt", G_MONTH, 0},
	{"data/gazetteer/weekdays.txt", G_WEEKDAY, 0},
	{"data/gazetteer/units.txt", G_UNIT, 0},
	{"data/gazetteer/currencies.txt", G_CURRENCY, 0},
	{"data/gazetteer/common-acronyms.txt", G_ACRONYM, 0},
};

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

#define GRAMMAR_WORDS(X)                                                                 \
	X("zero", W_NUM) X("one", W_NUM) X("two", W_NUM) X("three", W_NUM)                   \
	X("four", W_NUM) X("five", W_NUM) X("six", W_NUM) X("seven", W_NUM)                  \
	X("eight", W_NUM) X("nine", W_NUM) X("ten", W_NUM) X("eleven", W_NUM)                \
	X("twelve", W_NUM) X("thirteen", W_NUM) X("fourteen", W_NUM) X("fifteen", W_NUM)     \
	X("sixteen", W_NUM) X("seventeen", W_NUM) X("eighteen", W_NUM)                       \
	X("nineteen", W_NUM) X("twenty", W_NUM) X("thirty", W_NUM) X("forty", W_NUM)         \
	X("fifty", W_NUM) X("sixty", W_NUM) X("seventy", W_NUM) X("eighty", W_NUM)           \
	X("ninety", W_NUM) X("hundred", W_NUM | W_SCALE) X("thousand", W_NUM | W_SCALE)      \
	X("million", W_NUM | W_SCALE) X("billion", W_NUM | W_SCALE)                          \
	X("trillion", W_NUM | W_SCALE) X("dozen", W_NUM) X("bn", W_SCALE) X("mn", W_SCALE)   \
	X("first", W_ORD) X("second", W_ORD | W_TUNIT_T) X("third", W_ORD)                   \
	X("fourth", W_ORD) X("fifth", W_ORD) X("sixth", W_ORD) X("seventh", W_ORD)           \
	X("eighth", W_ORD) X("ninth", W_ORD) X("tenth", W_ORD) X("eleventh", W_ORD)          \
	X("twelfth", W_ORD) X("thirteenth", W_ORD) X("fourteenth", W_ORD)                    \
	X("fifteenth", W_ORD) X("sixteenth", W_ORD) X("seventeenth", W_ORD)                  \
	X("eighteenth", W_ORD) X("nineteenth", W_ORD) X("twentieth", W_ORD)                  \
	X("thirtieth", W_ORD) X("fortieth", W_ORD) X("fiftieth", W_ORD)                      \
	X("hundredth", W_ORD) X("thousandth", W_ORD) X("millionth", W_ORD)                   \
	X("seconds", W_TUNIT_T) X("minute", W_TUNIT_T) X("minutes", W_TUNIT_T)              \
	X("hour", W_TUNIT_T) X("hours", W_TUNIT_T | W_VAGUE) X("day", W_TUNIT_D)             \
	X("days", W_TUNIT_D | W_VAGUE) X("week", W_TUNIT_D) X("weeks", W_TUNIT_D | W_VAGUE)  \
	X("weekend", W_TUNIT_D) X("weekends", W_TUNIT_D) X("fortnight", W_TUNIT_D)           \
	X("month", W_TUNIT_D) X("months", W_TUNIT_D | W_VAGUE) X("year", W_TUNIT_D)          \
	X("years", W_TUNIT_D | W_VAGUE) X("decade", W_TUNIT_D)                               \
	X("decades", W_TUNIT_D | W_VAGUE) X("century", W_TUNIT_D)                            \
	X("centuries", W_TUNIT_D | W_VAGUE) X("quarter", W_TUNIT_D)                          \
	X("morning", W_PARTDAY) X("afternoon", W_PARTDAY) X("evening", W_PARTDAY)            \
	X("night", W_PARTDAY) X("overnight", W_PARTDAY) X("mornings", W_PARTDAY)             \
	X("nights", W_PARTDAY) X("last", W_REL) X("next", W_REL) X("this", W_REL | W_DET)    \
	X("past", W_REL) X("coming", W_REL) X("previous", W_REL) X("recent", W_REL)          \
	X("following", W_REL) X("same", W_REL) X("that", W_REL | W_DET) X("upcoming", W_REL) \
	X("about", W_MOD) X("around", W_MOD) X("approximately", W_MOD) X("nearly", W_MOD)    \
	X("almost", W_MOD) X("over", W_MOD) X("roughly", W_MOD) X("some", W_MOD | W_DET)     \
	X("just", W_MOD) X("under", W_MOD) X("barely", W_MOD) X("exactly", W_MOD)            \
	X("only", W_MOD) X("circa", W_MOD) X("nearly", W_MOD) X("yesterday", W_DAYWORD)      \
	X("today", W_DAYWORD) X("tomorrow", W_DAYWORD) X("annual", W_VAGUE)                  \
	X("annually", W_VAGUE) X("daily", W_VAGUE) X("weekly", W_VAGUE)                      \
	X("monthly", W_VAGUE) X("yearly", W_VAGUE) X("quarterly", W_VAGUE)                   \
	X("ago", W_AFTER) X("old", W_AFTER) X("later", W_AFTER) X("earlier", W_AFTER | W_EDGE) \
	X("long", W_AFTER) X("a.m.", W_AMPM) X("p.m.", W_AMPM) X("am", W_AMPM)               \
	X("pm", W_AMPM) X("a.m", W_AMPM) X("p.m", W_AMPM) X("said", W_SAY) X("says", W_SAY)  \
	X("say", W_SAY) X("told", W_SAY) X("added", W_SAY) X("wrote", W_SAY)                 \
	X("noted", W_SAY) X("stated", W_SAY) X("explained", W_SAY) X("argued", W_SAY)        \
	X("insisted", W_SAY) X("claimed", W_SAY) X("warned", W_SAY) X("tweeted", W_SAY)      \
	X("asked", W_SAY) X("replied", W_SAY) X("recalled", W_SAY) X("admitted", W_SAY)      \
	X("who", W_PERSONCTX) X("himself", W_PERSONCTX) X("herself", W_PERSONCTX)            \
	X("in", W_LOCPREP) X("at", W_LOCPREP) X("near", W_LOCPREP) X("from", W_LOCPREP)      \
	X("outside", W_LOCPREP) X("across", W_LOCPREP) X("throughout", W_LOCPREP)            \
	X("into", W_LOCPREP) X("towards", W_LOCPREP) X("toward", W_LOCPREP)                  \
	X("of", W_PARTICLE) X("de", W_PARTICLE) X("del", W_PARTICLE) X("della", W_PARTICLE)  \
	X("di", W_PARTICLE) X("da", W_PARTICLE) X("dos", W_PARTICLE) X("das", W_PARTICLE)    \
	X("do", W_PARTICLE) X("du", W_PARTICLE) X("des", W_PARTICLE) X("la", W_PARTICLE)     \
	X("le", W_PARTICLE) X("van", W_PARTICLE) X("von", W_PARTICLE) X("der", W_PARTICLE)   \
	X("den", W_PARTICLE) X("ter", W_PARTICLE) X("bin", W_PARTICLE) X("ibn", W_PARTICLE)  \
	X("al", W_PARTICLE) X("el", W_PARTICLE) X("y", W_PARTICLE) X("bint", W_PARTICLE)     \
	X("spring", W_SEASON) X("summer", W_SEASON) X("autumn", W_SEASON)                    \
	X("fall", W_SEASON) X("winter", W_SEASON) X("tens", W_MULT) X("hundreds", W_MULT)    \
	X("thousands", W_MULT) X("millions", W_MULT) X("billions", W_MULT)                   \
	X("dozens", W_MULT) X("scores", W_MULT) X("few", W_FEW) X("several", W_FEW)          \
	X("many", W_FEW | W_DET) X("numerous", W_FEW) X("couple", W_FEW) X("the", W_DET)     \
	X("a", W_DET) X("an", W_DET) X("these", W_DET) X("those", W_DET) X("his", W_DET)     \
	X("her", W_DET) X("its", W_DET) X("their", W_DET) X("our", W_DET) X("my", W_DET)     \
	X("your", W_DET) X("every", W_DET) X("each", W_DET) X("all", W_DET) X("both", W_DET) \
	X("any", W_DET) X("no", W_DET) X("former", W_DET) X("late", W_EDGE)                  \
	X("early", W_EDGE) X("mid", W_EDGE) X("noon", W_TIMEWORD) X("midnight", W_TIMEWORD)  \
	X("tonight", W_TIMEWORD) X("midday", W_TIMEWORD) X("more", W_NUMSTART)                \
	X("less", W_NUMSTART) X("fewer", W_NUMSTART) X("at", W_NUMSTART) X("up", W_NUMSTART)   \
	X("as", W_NUMSTART) X("close", W_NUMSTART) X("upwards", W_NUMSTART)                  \
	X("well", W_NUMSTART) X("another", W_NUMSTART) X("the", W_NUMSTART)                  \
	X("a", W_NUMSTART) X("an", W_NUMSTART) X("percent", W_NUMSTART)                       \
	X("than", W_NUMSTART) X("least", W_NUMSTART) X("most", W_NUMSTART) X("to", W_NUMSTART) \
	X("much", W_NUMSTART) X("little", W_NUMSTART) X("estimated", W_NUMSTART)               \
	X("of", W_NUMSTART)                                                                   \
	X("band", W_ORGNOUN) X("group", W_ORGNOUN) X("company", W_ORGNOUN)                     \
	X("firm", W_ORGNOUN) X("club", W_ORGNOUN) X("team", W_ORGNOUN) X("party", W_ORGNOUN)   \
	X("newspaper", W_ORGNOUN) X("magazine", W_ORGNOUN) X("label", W_ORGNOUN)              \
	X("broadcaster", W_ORGNOUN) X("airline", W_ORGNOUN) X("bank", W_ORGNOUN)              \
	X("retailer", W_ORGNOUN) X("chain", W_ORGNOUN) X("manufacturer", W_ORGNOUN)           \
	X("carmaker", W_ORGNOUN) X("startup", W_ORGNOUN) X("charity", W_ORGNOUN)              \
	X("brand", W_ORGNOUN) X("agency", W_ORGNOUN) X("network", W_ORGNOUN)                  \
	X("channel", W_ORGNOUN) X("station", W_ORGNOUN) X("league", W_ORGNOUN)                \
	X("outlet", W_ORGNOUN) X("insurer", W_ORGNOUN) X("album", W_ARTNOUN)                  \
	X("song", W_ARTNOUN) X("single", W_ARTNOUN) X("film", W_ARTNOUN) X("movie", W_ARTNOUN) \
	X("novel", W_ARTNOUN) X("book", W_ARTNOUN) X("opera", W_ARTNOUN) X("poem", W_ARTNOUN)  \
	X("painting", W_ARTNOUN) X("sculpture", W_ARTNOUN) X("documentary", W_ARTNOUN)        \
	X("city", W_GPENOUN) X("town", W_GPENOUN) X("village", W_GPENOUN)                     \
	X("hamlet", W_GPENOUN) X("suburb", W_GPENOUN) X("province", W_GPENOUN)                \
	X("county", W_GPENOUN) X("municipality", W_GPENOUN) X("region", W_GPENOUN)            \
	X("district", W_GPENOUN) X("capital", W_GPENOUN) X("port", W_GPENOUN)                 \
	X("state", W_GPENOUN) X("borough", W_GPENOUN) X("parish", W_GPENOUN)                  \
	X("commune", W_GPENOUN) X("prefecture", W_GPENOUN) X("river", W_LOCNOUN)              \
	X("lake", W_LOCNOUN) X("island", W_LOCNOUN) X("mountain", W_LOCNOUN)                  \
	X("volcano", W_LOCNOUN) X("valley", W_LOCNOUN) X("north", W_COMPASS)                  \
	X("south", W_COMPASS) X("east", W_COMPASS) X("west", W_COMPASS)                       \
	X("northern", W_COMPASS) X("southern", W_COMPASS) X("eastern", W_COMPASS)             \
	X("western", W_COMPASS) X("upper", W_COMPASS) X("lower", W_COMPASS)                   \
	X("central", W_COMPASS) X("greater", W_COMPASS)                                      \
	X("company", W_ORGKIND) X("corporation", W_ORGKIND) X("manufacturer", W_ORGKIND) \
	X("band", W_ORGKIND) X("label", W_ORGKIND) X("club", W_ORGKIND) \
	X("team", W_ORGKIND) X("firm", W_ORGKIND) X("brand", W_ORGKIND) \
	X("retailer", W_ORGKIND) X("airline", W_ORGKIND) X("broadcaster", W_ORGKIND) \
	X("newspaper", W_ORGKIND) X("magazine", W_ORGKIND) X("publisher", W_ORGKIND) \
	X("organisation", W_ORGKIND) X("organization", W_ORGKIND) X("charity", W_ORGKIND) \
	X("party", W_ORGKIND) X("agency", W_ORGKIND) X("carmaker", W_ORGKIND) \
	X("automaker", W_ORGKIND) X("startup", W_ORGKIND) X("insurer", W_ORGKIND) \
	X("conglomerate", W_ORGKIND) X("subsidiary", W_ORGKIND) X("duo", W_ORGKIND) \
	X("trio", W_ORGKIND) X("quartet", W_ORGKIND) X("orchestra", W_ORGKIND) \
	X("ensemble", W_ORGKIND) X("choir", W_ORGKIND) X("group", W_ORGKIND) \
	X("university", W_ORGKIND) X("college", W_ORGKIND) X("league", W_ORGKIND) \
	X("union", W_ORGKIND) X("association", W_ORGKIND) X("society", W_ORGKIND) \
	X("foundation", W_ORGKIND) X("institute", W_ORGKIND) X("cooperative", W_ORGKIND) \
	X("operator", W_ORGKIND) X("developer", W_ORGKIND) X("maker", W_ORGKIND) \
	X("producer", W_ORGKIND) X("distributor", W_ORGKIND) X("studio", W_ORGKIND) \
	X("chain", W_ORGKIND) X("bank", W_ORGKIND) X("supermarket", W_ORGKIND) \
	X("franchise", W_ORGKIND) X("bakery", W_ORGKIND) X("brewery", W_ORGKIND) \
	X("restaurant", W_ORGKIND) X("nightclub", W_ORGKIND) X("daily", W_ORGKIND) \
	X("weekly", W_ORGKIND) X("tabloid", W_ORGKIND) X("outfit", W_ORGKIND) \
	X("collective", W_ORGKIND) X("consortium", W_ORGKIND) X("cartel", W_ORGKIND) \
	X("militia", W_ORGKIND) X("regiment", W_ORGKIND) X("battalion", W_ORGKIND) \
	X("brigade", W_ORGKIND) X("squadron", W_ORGKIND) X("division", W_ORGKIND) \
	X("ministry", W_ORGKIND) X("department", W_ORGKIND)

static const struct {
	const char *w;
	uint32_t cls;
} grammar_words[] = {
#define GW(w, c) {w, c},
	GRAMMAR_WORDS(GW)
#undef GW
};

struct slot {
	const char *s; /* NULL: empty */
	uint32_t len, h;
	uint32_t gaz, gram;
};

static struct slot *lex;
static size_t lex_mask;
/* The lower-case words every token is looked up as (grammar words, units,
 * currencies) also sit in a small table that stays in cache. */
#define SMALL_SLOTS 1024
static struct slot small[SMALL_SLOTS];
/* common-words.txt is large and sorted: it is searched in place, with no
 * table to build. */
static const char *common_lo, *common_hi;
/* Lower-cased month and weekday names, so one look-up per token tells
 * whether a date may start there. */
static char *cal_lower;

static inline uint32_t hash_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}
#define HASH_INIT 2166136261u

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = HASH_INIT;
	for (size_t i = 0; i < n; i++)
		h = hash_step(h, (unsigned char)s[i]);
	return h;
}

static struct slot *lex_slot(const char *s, size_t n, uint32_t h, bool create)
{
	size_t i = h & lex_mask;
	for (;;) {
		struct slot *sl = &lex[i];
		if (!sl->s) {
			if (!create)
				return NULL;
			sl->s = s;
			sl->len = (uint32_t)n;
			sl->h = h;
			return sl;
		}
		if (sl->h == h && sl->len == n && memcmp(sl->s, s, n) == 0)
			return sl;
		i = (i + 1) & lex_mask;
	}
}

static void small_add(const char *s, size_t n, uint32_t h, uint32_t gaz, uint32_t gram)
{
	size_t i = h & (SMALL_SLOTS - 1);
	for (size_t probes = 0; probes < SMALL_SLOTS; probes++) {
		struct slot *sl = &small[i];
		if (!sl->s) {
			sl->s = s;
			sl->len = (uint32_t)n;
			sl->h = h;
		}
		if (sl->h == h && sl->len == n && memcmp(sl->s, s, n) == 0) {
			sl->gaz |= gaz;
			sl->gram |= gram;
			return;
		}
		i = (i + 1) & (SMALL_SLOTS - 1);
	}
}

static void lex_add(const char *s, size_t n, uint32_t gaz, uint32_t gram)
{
	uint32_t h = hash_bytes(s, n);
	struct slot *sl = lex_slot(s, n, h, true);
	sl->gaz |= gaz;
	sl->gram |= gram;
	if ((gram || (gaz & (G_UNIT | G_CURRENCY))) && !(*s >= 'A' && *s <= 'Z'))
		small_add(s, n, h, 0, gram | ((gaz & G_UNIT) ? W_UNIT : 0) | ((gaz & G_CURRENCY) ? W_CURRENCY : 0));
	/* Mark every proper word prefix, so the longest match can stop early. */
	for (size_t k = 1; k < n; k++)
		if (s[k] == ' ')
			lex_slot(s, k, hash_bytes(s, k), true)->gaz |= G_PREFIX;
}

/* Builds the table once, on first use (a few milliseconds).  Entries point
 * into the embedded files, so nothing is copied.  Not guarded by a lock:
 * the first ner_scan must not race another thread's. */
static void lex_init(void)
{
	size_t want = 1u << 16;
	const struct embedded_file *cw;
	size_t cal_n = 0;
	if (lex)
		return;
	lex = xcalloc(want, sizeof *lex);
	lex_mask = want - 1;
	for (size_t f = 0; f < ARRAY_SIZE(gaz_files); f++) {
		const struct embedded_file *ef = embedded_get(gaz_files[f].file);
		const char *p, *end;
		if (!ef)
			continue;
		p = (const char *)ef->data;
		end = p + ef->len;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *e = nl ? nl : end;
			const char *q = e;
			uint32_t kind = gaz_files[f].kind;
			while (q > p && (q[-1] == ' ' || q[-1] == '\r' || q[-1] == '\t'))
				q--;
			if (p < q && *p == '>') {
				p++;
				kind = gaz_files[f].prefix_kind;
			}
			if (p < q && *p != '#')
				lex_add(p, (size_t)(q - p), kind, 0);
			p = e + 1;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(grammar_words); i++)
		lex_add(grammar_words[i].w, strlen(grammar_words[i].w), 0, grammar_words[i].cls);
	/* Month and weekday names once more, lower-cased. */
	cal_lower = xmalloc(4096);
	for (size_t i = 0; i <= lex_mask; i++) {
		const struct slot *sl = &lex[i];
		if (sl->s && (sl->gaz & (G_MONTH | G_WEEKDAY)) && cal_n + sl->len < 4096) {
			char *c = cal_lower + cal_n;
			for (size_t k = 0; k < sl->len; k++)
				c[k] = (char)(sl->s[k] >= 'A' && sl->s[k] <= 'Z' ? sl->s[k] + 32 : sl->s[k]);
			cal_n += sl->len;
			if (memcmp(c, sl->s, sl->len) != 0)
				lex_add(c, sl->len, 0, W_CAL);
		}
	}
	cw = embedded_get("data/gazetteer/common-words.txt");
	if (cw) {
		const char *p = (const char *)cw->data, *end = p + cw->len;
		while (p < end && *p == '#') {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			p = nl ? nl + 1 : end;
		}
		common_lo = p;
		common_hi = end;
	}
}

/* Is the lower-case ASCII word w[0..n) in the sorted common-words list?
 * A binary search over the file's bytes: each probe backs up to the start
 * of its line. */
static bool common_word(const char *w, size_t n)
{
	const char *lo = common_lo, *hi = common_hi;
	while (lo < hi) {
		const char *mid = lo + (hi - lo) / 2, *ls = mid, *le;
		size_t ll;
		int c;
		while (ls > lo && ls[-1] != '\n')
			ls--;
		le = memchr(ls, '\n', (size_t)(hi - ls));
		if (!le)
			le = hi;
		ll = (size_t)(le - ls);
		c = memcmp(w, ls, n < ll ? n : ll);
		if (c == 0)
			c = n < ll ? -1 : n > ll ? 1 : 0;
		if (c == 0)
			return true;
		if (c < 0)
			hi = ls;
		else
			lo = le + 1;
	}
	return false;
}

static const struct slot *lex_get(const char *s, size_t n)
{
	return lex_slot(s, n, hash_bytes(s, n), false);
}

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
};

struct tok {
	uint32_t s, e;    /* byte offsets */
	uint32_t h;       /* hash of the ASCII-lower-cased text */
	uint32_t gram;    /* grammar classes of the lower-cased form */
	uint32_t xk;      /* gazetteer kinds of the exact text (TF_XK) */
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
static unsigned char cclass[256];

static void cclass_init(void)
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
		cclass[c] = k;
	}
}

static inline unsigned char lower_ascii(unsigned char c)
{
	return cclass[c] == C_UP ? (unsigned char)(c | 0x20) : c;
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
	if (cclass[s[i]] & (C_UP | C_LO | C_DIG))
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
	if (cclass[s[i]] & (C_UP | C_LO))
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

/* Scan one word or number starting at s[i]; fills t, returns its end. */
static size_t scan_word(const unsigned char *s, size_t i, size_t len, struct tok *t)
{
	size_t p = i;
	unsigned nup = 0, nlow = 0, seg = 0;
	bool first = true, num = (cclass[s[i]] == C_DIG), ascii = true, alpha = true;
	uint32_t h = HASH_INIT;
	uint16_t f = 0;

	while (p < len) {
		unsigned char c = s[p];
		unsigned char k = cclass[c];
		int n;
		if (k == C_LO && !first) {
			/* the common case: the rest of a lower-case word */
			size_t q = p;
			uint32_t hh = h;
			do {
				hh = hash_step(hh, s[q]);
				q++;
			} while (q < len && cclass[s[q]] == C_LO);
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
			if (!num && seg == 1 && p + 1 < len && (cclass[s[p + 1]] & (C_UP | C_LO)) &&
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
			if (num && p + 1 < len && cclass[s[p + 1]] == C_DIG && p > i &&
			    cclass[s[p - 1]] == C_DIG) {
				h = hash_step(h, '.');
				p++;
				continue;
			}
			break;
		}
		if (num && (c == ',' || c == ':' || c == '/') && p + 1 < len && cclass[s[p + 1]] == C_DIG &&
		    cclass[s[p - 1]] == C_DIG) {
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

static bool is_space_uc(ucs4_t uc)
{
	return uc == 0xA0 || uc == 0x2009 || uc == 0x200A || uc == 0x202F || uc == 0x2002 ||
	       uc == 0x2003 || uc == 0x3000 || uc == 0x2028 || uc == 0x2029 || uc == 0xFEFF ||
	       uc == 0x200B;
}

/* Tokenize [0, len) of d->s.  Also marks sentence starts and headline
 * lines and fills the capitalisation statistics. */
static void tokenize(struct doc *d, struct tokvec *tv)
{
	const unsigned char *s = d->s;
	size_t len = d->len, i = 0;
	uint16_t pend = TF_NL;      /* flags for the next token */
	bool sent = true;           /* the next word starts a sentence */
	size_t line_first = 0;      /* first token of the current line */
	unsigned line_words = 0, line_caps = 0;

	while (i < len) {
		unsigned char c = s[i];
		unsigned char k = cclass[c];
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
			if (t.kind == TK_WORD) {
				/* The lower-case form's entry: grammar words, common
				 * words, units.  Compare case-insensitively. */
				size_t idx = t.h & (SMALL_SLOTS - 1), wl = t.e - t.s;
				for (;;) {
					const struct slot *q = &small[idx];
					if (!q->s)
						break;
					if (q->h == t.h && q->len == wl) {
						size_t r = 0;
						while (r < wl && (unsigned char)q->s[r] == lower_ascii(s[t.s + r]))
							r++;
						if (r == wl) {
							t.gram = q->gram;
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
						const struct slot *q = lex_get((const char *)s + pt->s,
									       (size_t)(t.e - pt->s));
						if (q && (q->gaz & (G_TITLE | G_MONTH | G_WEEKDAY | G_W_ORG)))
							abbr = true;
					}
				}
				if (!abbr)
					sent = true;
			} else if (p0 == ':' && t.e < len && (cclass[s[t.e]] & C_SP)) {
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
		if (line_words >= 3 && line_caps * 5 >= line_words * 4)
			for (size_t q = line_first; q < tv->n; q++)
				tv->v[q].f |= TF_HEAD;
		line_first = tv->n;
		line_words = line_caps = 0;
	}
	if (line_words >= 3 && line_caps * 5 >= line_words * 4)
		for (size_t q = line_first; q < tv->n; q++)
			tv->v[q].f |= TF_HEAD;
}

/* ------------------------------------------------------------------ */
/* Token helpers                                                       */

static inline size_t tlen(const struct doc *d, size_t i)
{
	return d->t[i].e - d->t[i].s;
}

/* Is token i the lower-case-insensitive ASCII word w? */
static bool tok_is_n(const struct doc *d, size_t i, const char *w, size_t n)
{
	if (i >= d->n || tlen(d, i) != n || d->t[i].kind == TK_BAD)
		return false;
	for (size_t k = 0; k < n; k++)
		if (lower_ascii(d->s[d->t[i].s + k]) != (unsigned char)w[k])
			return false;
	return true;
}

/* w must be a string literal. */
#define tok_is(d, i, w) tok_is_n(d, i, w, sizeof(w) - 1)

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

/* Gazetteer kinds of the exact text of tokens [i, j), joined with one
 * space (or nothing where they touch: "Gov" "." → "Gov.").  With fold,
 * each word is title-cased first (for all-capitals headlines). */
static uint32_t phrase_kinds(const struct doc *d, size_t i, size_t j, bool fold)
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
	sl = lex_get(buf, n);
	return sl ? sl->gaz : 0;
}

/* The lexicon answers are memoised in the token (hence the casts: the
 * document is logically const here). */
static uint32_t tok_kinds(const struct doc *d, size_t i)
{
	uint32_t g;
	struct tok *t;
	if (i >= d->n || d->t[i].kind != TK_WORD)
		return 0;
	t = (struct tok *)&d->t[i];
	if (t->f & TF_XK)
		return t->xk;
	g = phrase_kinds(d, i, i + 1, false);
	if (!(g & ~G_PREFIX) && (t->f & TF_HEAD))
		g |= phrase_kinds(d, i, i + 1, true);
	t->xk = g;
	t->f |= TF_XK;
	return g;
}

/* Is token i's lower-cased form a common English word? */
static bool is_common(const struct doc *d, size_t i)
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
			c = common_word(buf, l);
			md->cmn[slot].h = t->h;
			md->cmn[slot].v = c ? 2 : 1;
		}
		t->f |= TF_CMN_DONE | (c ? TF_CMN : 0);
	}
	return (t->f & TF_CMN) != 0;
}

/* Longest gazetteer entry of a kind in mask starting at token i, not past
 * limit; its end token, or i when none.  *kinds gets its kinds. */
static size_t longest_entry(const struct doc *d, size_t i, size_t limit, uint32_t mask, uint32_t *kinds)
{
	size_t best = i;
	uint32_t g1 = tok_kinds(d, i);
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
			g = phrase_kinds(d, i, j, fold);
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
static size_t title_at(const struct doc *d, size_t i, size_t limit)
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
		sl = lex_get(buf, l);
		if (sl && (sl->gaz & G_TITLE))
			return 1;
		return 0;
	}
	e = longest_entry(d, i, limit, G_TITLE, &g);
	return e - i;
}

/* ------------------------------------------------------------------ */
/* Spans                                                               */

#define add_span(d, ts, te, l, st) add_span_(d, ts, te, l, st, __LINE__)
static void add_span_(struct doc *d, size_t ts, size_t te, enum ner_label l, int strength, int rule)
{
	struct ispan sp;
	if (te <= ts)
		return;
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

/* ------------------------------------------------------------------ */
/* Numbers, dates and times                                            */

static bool capish(const struct doc *d, size_t i);
static bool corp_suffix(const struct doc *d, size_t i);

static inline bool free_word(const struct doc *d, size_t i)
{
	return i < d->n && !d->t[i].used && d->t[i].kind == TK_WORD;
}

/* The value of a plain number token (digits, commas, one dot); -1 when it
 * is not one. */
static double num_value(const struct doc *d, size_t i)
{
	const struct tok *t = &d->t[i];
	double v = 0, scale = 0;
	if (t->kind != TK_NUM)
		return -1;
	for (uint32_t k = t->s; k < t->e; k++) {
		unsigned char c = d->s[k];
		if (c >= '0' && c <= '9') {
			if (scale > 0) {
				v += (c - '0') * scale;
				scale /= 10;
			} else {
				v = v * 10 + (c - '0');
			}
		} else if (c == ',') {
			continue;
		} else if (c == '.' && scale == 0) {
			scale = 0.1;
		} else {
			return -1;
		}
	}
	return v;
}

static bool is_year(const struct doc *d, size_t i)
{
	double v = num_value(d, i);
	return tlen(d, i) == 4 && v >= 1000 && v <= 2100;
}

static bool is_daynum(const struct doc *d, size_t i)
{
	double v = num_value(d, i);
	const struct tok *t = &d->t[i];
	if (t->kind != TK_NUM)
		return false;
	if (v < 0) {
		/* 5th, 21st */
		size_t l = tlen(d, i);
		if (l < 3 || l > 4)
			return false;
		return cclass[d->s[t->s]] == C_DIG && (d->s[t->s + l - 1] == 'h' || d->s[t->s + l - 1] == 't' ||
						       d->s[t->s + l - 1] == 'd');
	}
	return v >= 1 && v <= 31 && tlen(d, i) <= 2;
}

/* Suffix of a number token after its digits ("km" of "200km"). */
static size_t num_suffix(const struct doc *d, size_t i, const unsigned char **suf)
{
	const struct tok *t = &d->t[i];
	uint32_t k = t->s;
	while (k < t->e && (cclass[d->s[k]] == C_DIG || d->s[k] == ',' || d->s[k] == '.'))
		k++;
	*suf = d->s + k;
	return t->e - k;
}

static uint32_t lower_kinds(const unsigned char *p, size_t n, uint32_t *gramp)
{
	char buf[32];
	const struct slot *sl;
	if (n == 0 || n >= sizeof buf)
		return 0;
	for (size_t k = 0; k < n; k++)
		buf[k] = (char)lower_ascii(p[k]);
	sl = lex_get(buf, n);
	if (gramp)
		*gramp = sl ? sl->gram : 0;
	return sl ? sl->gaz : 0;
}

/* A number at token i: digits, number words, "tens of millions".  Returns
 * its end (i when none); *vague for tens/hundreds. */
static size_t number_at(const struct doc *d, size_t i, bool *vague)
{
	size_t j = i;
	*vague = false;
	if (i >= d->n || d->t[i].used)
		return i;
	if (d->t[i].kind == TK_NUM && num_value(d, i) >= 0) {
		j = i + 1;
		while (j < d->n && (gram(d, j) & W_SCALE) && !d->t[j].used)
			j++;
		return j;
	}
	if (d->t[i].kind != TK_WORD)
		return i;
	if (gram(d, i) & W_MULT) {
		*vague = true;
		j = i + 1;
		if (tok_is(d, j, "of") && (gram(d, j + 1) & W_MULT))
			j += 2;
		return j;
	}
	if ((tok_is(d, i, "a") || tok_is(d, i, "an")) && (gram(d, i + 1) & W_SCALE) && (gram(d, i + 1) & W_NUM))
		return i + 2 + 0;
	while (j < d->n && !d->t[j].used && d->t[j].kind == TK_WORD) {
		const struct tok *t = &d->t[j];
		if (t->gram & W_NUM) {
			j++;
		} else if (t->f & TF_HYPH) {
			/* twenty-five */
			const unsigned char *p = d->s + t->s, *e = d->s + t->e;
			const unsigned char *h = memchr(p, '-', (size_t)(e - p));
			uint32_t g1 = 0, g2 = 0;
			if (!h)
				break;
			lower_kinds(p, (size_t)(h - p), &g1);
			lower_kinds(h + 1, (size_t)(e - h - 1), &g2);
			if ((g1 & W_NUM) && (g2 & W_NUM))
				j++;
			else
				break;
		} else if (j > i && tok_is(d, j, "and") && (gram(d, j + 1) & W_NUM) && (gram(d, j - 1) & W_SCALE)) {
			/* "one hundred and fifty" */
			j++;
		} else {
			break;
		}
		if (j > i && (d->t[j - 1].f & TF_CAP) && !(d->t[j - 1].f & TF_SENT) && !(d->t[j - 1].f & TF_HEAD))
			return i; /* "One Direction": a capitalised number word is a name */
	}
	return j;
}

static bool quarter_ordinal(const struct doc *d, size_t i)
{
	return tok_is(d, i, "first") || tok_is(d, i, "second") || tok_is(d, i, "third") ||
	       tok_is(d, i, "fourth");
}

static bool half_ordinal(const struct doc *d, size_t i)
{
	return tok_is(d, i, "first") || tok_is(d, i, "second");
}

/* Modifiers before a number or period; returns the core's first token.
 * *kind: 1 for amount modifiers (about, more than), 2 for time-only ones
 * (the past, last, early). */
static size_t modifier_at(const struct doc *d, size_t i, int *kind)
{
	size_t j = i;
	*kind = 0;
	if (!free_word(d, i))
		return i;
	if ((tok_is(d, j, "more") || tok_is(d, j, "less") || tok_is(d, j, "fewer")) && tok_is(d, j + 1, "than"))
		j += 2, *kind = 1;
	else if (tok_is(d, j, "at") && (tok_is(d, j + 1, "least") || tok_is(d, j + 1, "most")))
		j += 2, *kind = 1;
	else if (tok_is(d, j, "up") && tok_is(d, j + 1, "to"))
		j += 2, *kind = 1;
	else if (tok_is(d, j, "as") && (tok_is(d, j + 1, "many") || tok_is(d, j + 1, "much") ||
				       tok_is(d, j + 1, "few") || tok_is(d, j + 1, "little")) &&
		 tok_is(d, j + 2, "as"))
		j += 3, *kind = 1;
	else if (tok_is(d, j, "close") && tok_is(d, j + 1, "to"))
		j += 2, *kind = 1;
	else if (tok_is(d, j, "upwards") && tok_is(d, j + 1, "of"))
		j += 2, *kind = 1;
	else if (tok_is(d, j, "an") && tok_is(d, j + 1, "estimated"))
		j += 2, *kind = 1;
	else if (tok_is(d, j, "well") && (tok_is(d, j + 1, "over") || tok_is(d, j + 1, "under")))
		j += 2, *kind = 1;
	else if (gram(d, j) & W_MOD)
		j += 1, *kind = 1;
	else if (tok_is(d, j, "the") && ((tok_is(d, j + 2, "quarter") && quarter_ordinal(d, j + 1)) ||
					 (tok_is(d, j + 2, "half") && half_ordinal(d, j + 1))))
		j += 1, *kind = 1; /* "the third quarter" keeps its "the", as periods do */
	else if (tok_is(d, j, "the") && (tok_is(d, j + 1, "past") || tok_is(d, j + 1, "last") ||
					 tok_is(d, j + 1, "next") || tok_is(d, j + 1, "previous") ||
					 tok_is(d, j + 1, "coming") || tok_is(d, j + 1, "following") ||
					 tok_is(d, j + 1, "first")))
		j += 2, *kind = 2;
	else if (tok_is(d, j, "past") || tok_is(d, j, "last") || tok_is(d, j, "next") ||
		 tok_is(d, j, "previous") || tok_is(d, j, "another") || tok_is(d, j, "coming"))
		j += 1, *kind = 2;
	else if (gram(d, j) & W_EDGE)
		j += 1, *kind = 2;
	if (*kind == 1 && (gram(d, j) & W_MOD) && j < i + 2)
		j++; /* "just over", "nearly about" */
	if (j > i && (d->t[j - 1].f & TF_NL) && j - 1 > i)
		return i;
	for (size_t k = i; k < j; k++)
		if (d->t[k].used || d->t[k].kind != TK_WORD)
			return i;
	return j;
}

/* After a period (year, month...): "ago", "old", "later". */
static size_t period_tail(const struct doc *d, size_t j)
{
	if (free_word(d, j) && (gram(d, j) & W_AFTER) && !tok_is(d, j, "long") && !(d->t[j].f & TF_NL))
		return j + 1;
	return j;
}

/* Month name (exact case) at token i, with its abbreviation's dot. */
static size_t month_at(const struct doc *d, size_t i)
{
	uint32_t g;
	size_t e;
	if (!free_word(d, i) || !(d->t[i].f & TF_CAP))
		return i;
	e = longest_entry(d, i, d->n, G_MONTH, &g);
	return e;
}

static size_t weekday_at(const struct doc *d, size_t i)
{
	uint32_t g;
	if (!free_word(d, i) || !(d->t[i].f & TF_CAP))
		return i;
	return longest_entry(d, i, d->n, G_WEEKDAY, &g);
}

/* A date led by a month: "March", "March 5", "March 5, 2024", "March 2024". */
static size_t month_date(const struct doc *d, size_t i, bool need_context)
{
	size_t j = month_at(d, i), k;
	bool may = tok_is(d, i, "may") || tok_is(d, i, "march");
	if (j == i)
		return i;
	k = j;
	if (k < d->n && !d->t[k].used && is_daynum(d, k)) {
		k++;
		if (tok_punct(d, k, ',') && k + 1 < d->n && is_year(d, k + 1))
			k += 2;
		else if (k < d->n && is_year(d, k))
			k++;
		return k;
	}
	if (k < d->n && !d->t[k].used && is_year(d, k))
		return k + 1;
	/* A bare "May" or "March" is a verb or a name more often than not. */
	if (may && need_context)
		return i;
	if (d->t[i].f & TF_SENT && may)
		return i;
	return j;
}

/* One hyphenated token naming part of a year: "third-quarter",
 * "first-half". */
static bool fiscal_period(const struct doc *d, size_t i)
{
	static const char *const v[] = {"first-quarter", "second-quarter", "third-quarter",
	                                "fourth-quarter", "first-half", "second-half"};
	size_t n = tlen(d, i);
	if (!(d->t[i].f & TF_HYPH) || n < 10 || n > 14 || !strchr("fFsStT", d->s[d->t[i].s]))
		return false;
	for (size_t k = 0; k < ARRAY_SIZE(v); k++)
		if (tok_is_n(d, i, v[k], strlen(v[k])))
			return true;
	return false;
}

/* The core of a date, time or number at token i, with its label. */
static size_t core_at(const struct doc *d, size_t i, int modkind, enum ner_label *label)
{
	size_t j, k;
	bool vague;
	const struct tok *t;
	uint32_t g;

	if (i >= d->n || d->t[i].used)
		return i;
	t = &d->t[i];
	g = gram(d, i);

	/* Money led by a symbol: $5, £1.5 billion, US$20. */
	if (t->kind == TK_PUNCT || (t->kind == TK_WORD && (t->f & TF_ALLCAP) && tlen(d, i) <= 2 &&
				    tok_punct(d, i + 1, '$') && adjacent(d, i + 1))) {
		size_t sym = i;
		uint32_t kinds;
		if (t->kind == TK_WORD)
			sym = i + 1;
		kinds = phrase_kinds(d, sym, sym + 1, false);
		if ((kinds & G_CURRENCY) && sym + 1 < d->n && d->t[sym + 1].kind == TK_NUM && adjacent(d, sym + 1)) {
			const unsigned char *suf;
			size_t sl = num_suffix(d, sym + 1, &suf);
			j = sym + 2;
			if (sl == 0)
				while (j < d->n && (gram(d, j) & W_SCALE) && !d->t[j].used)
					j++;
			*label = NER_MONEY;
			return j;
		}
		return i;
	}

	if (t->kind == TK_NUM) {
		const unsigned char *suf;
		size_t sl = num_suffix(d, i, &suf);
		const unsigned char *p = d->s + t->s;
		if (memchr(p, ':', tlen(d, i))) {
			j = i + 1;
			if (free_word(d, j) && (gram(d, j) & W_AMPM))
				j++;
			if (free_word(d, j) && (d->t[j].f & TF_ALLCAP) && tlen(d, j) <= 4 && tlen(d, j) >= 2 &&
			    (tok_is(d, j, "gmt") || tok_is(d, j, "utc") || tok_is(d, j, "et") || tok_is(d, j, "est") ||
			     tok_is(d, j, "edt") || tok_is(d, j, "bst") || tok_is(d, j, "cet") || tok_is(d, j, "pt") ||
			     tok_is(d, j, "pst") || tok_is(d, j, "pdt")))
				j++;
			*label = NER_TIME;
			return j;
		}
		if (memchr(p, '/', tlen(d, i))) {
			const unsigned char *a = memchr(p, '/', tlen(d, i));
			*label = memchr(a + 1, '/', (size_t)(d->s + t->e - a - 1)) ? NER_DATE : NER_CARDINAL;
			return i + 1;
		}
		/* A token can be hyphenated by U+2010 and the like, with no ASCII
		 * '-' in it: only an ASCII hyphen splits a number from its unit. */
		if ((t->f & TF_HYPH) && memchr(p, '-', tlen(d, i))) {
			/* 20-year-old, 200-mile, 2019-20 */
			const unsigned char *h = memchr(p, '-', tlen(d, i));
			const unsigned char *e = d->s + t->e, *w = h + 1, *we = w;
			uint32_t gr = 0, gk;
			while (we < e && *we != '-')
				we++;
			gk = lower_kinds(w, (size_t)(we - w), &gr);
			if (gr & W_TUNIT_T)
				*label = NER_TIME;
			else if (gr & W_TUNIT_D)
				*label = NER_DATE;
			else if (gk & G_UNIT)
				*label = NER_QUANTITY;
			else if (cclass[*w] == C_DIG)
				*label = is_year(d, i) || (h - p == 4) ? NER_DATE : NER_CARDINAL;
			else
				return i;
			return i + 1;
		}
		if (sl > 0) {
			uint32_t gr = 0, gk = lower_kinds(suf, sl, &gr);
			if (sl == 2 && ((suf[0] == 's' && suf[1] == 't') || (suf[0] == 'n' && suf[1] == 'd') ||
					(suf[0] == 'r' && suf[1] == 'd') || (suf[0] == 't' && suf[1] == 'h'))) {
				if (tok_is(d, i + 1, "century")) {
					*label = NER_DATE;
					return i + 2;
				}
				*label = NER_ORDINAL;
				return i + 1;
			}
			if (suf[0] == 's' && sl == 1) {
				*label = NER_DATE; /* 1990s */
				return i + 1;
			}
			if (gr & W_AMPM) {
				*label = NER_TIME;
				return i + 1;
			}
			if (gk & G_UNIT) {
				j = i + 1;
				goto per;
			}
			return i;
		}
		/* plain number */
		j = number_at(d, i, &vague);
		goto tail;
	}

	if (t->kind != TK_WORD)
		return i;

	/* Words led forms. */
	if (fiscal_period(d, i)) {
		*label = NER_DATE; /* third-quarter, first-half */
		return i + 1;
	}
	if (g & W_ORD) {
		if ((t->f & TF_CAP) && !(t->f & (TF_SENT | TF_HEAD)) && capish(d, i + 1))
			return i; /* "Eighth Air Force" */
		/* "the third quarter", "the first half of 2023" */
		if (free_word(d, i + 1) && ((tok_is(d, i + 1, "quarter") && quarter_ordinal(d, i)) ||
		                            (tok_is(d, i + 1, "half") && half_ordinal(d, i)))) {
			*label = NER_DATE;
			j = i + 2;
			if (tok_is(d, j, "of") && j + 1 < d->n && is_year(d, j + 1) && !(d->t[j + 1].f & TF_NL))
				j += 2;
			return j;
		}
		if (tok_is(d, i + 1, "century") && !d->t[i + 1].used) {
			*label = NER_DATE;
			return i + 2;
		}
		if ((g & W_TUNIT_T) && modkind)
			return i;
		*label = NER_ORDINAL;
		return i + 1;
	}
	if (g & W_DAYWORD) {
		j = i + 1;
		*label = NER_DATE;
		if (free_word(d, j) && (gram(d, j) & W_PARTDAY)) {
			j++;
			*label = NER_TIME;
		}
		return j;
	}
	if (g & W_TIMEWORD) {
		*label = NER_TIME;
		return i + 1;
	}
	if ((j = weekday_at(d, i)) > i) {
		*label = NER_DATE;
		if (free_word(d, j) && (gram(d, j) & W_PARTDAY)) {
			*label = NER_TIME;
			return j + 1;
		}
		if (tok_punct(d, j, ',') && (k = month_date(d, j + 1, false)) > j + 1)
			return k;
		if ((k = month_date(d, j, false)) > j)
			return k;
		return j;
	}
	if ((j = month_date(d, i, modkind == 0)) > i) {
		*label = NER_DATE;
		return j;
	}
	if (g & W_SEASON) {
		if (!modkind && !(tok_is(d, i - 1, "this") || tok_is(d, i - 1, "last") || tok_is(d, i - 1, "next")))
			return i;
		*label = NER_DATE;
		j = i + 1;
		if (tok_is(d, j, "of") && j + 1 < d->n && is_year(d, j + 1))
			j += 2;
		return j;
	}
	if ((g & W_REL) && !(g & W_DET && !(tok_is(d, i, "this")))) {
		/* last week, this year, next month, past year; last night */
		j = i + 1;
		if (free_word(d, j) && (gram(d, j) & (W_TUNIT_D | W_SEASON)) && !(gram(d, j) & W_VAGUE)) {
			*label = NER_DATE;
			return period_tail(d, j + 1);
		}
		if (free_word(d, j) && (gram(d, j) & W_PARTDAY)) {
			*label = NER_TIME;
			return j + 1;
		}
		if (free_word(d, j) && (gram(d, j) & (W_TUNIT_D | W_TUNIT_T)) && tok_is(d, i, "recent")) {
			*label = NER_DATE;
			return j + 1;
		}
		if ((k = weekday_at(d, j)) > j || (k = month_date(d, j, false)) > j) {
			*label = NER_DATE;
			return k;
		}
		return i;
	}
	if ((g & W_FEW) || ((tok_is(d, i, "a") || tok_is(d, i, "an")) && (gram(d, i + 1) & W_FEW))) {
		/* many years, a few days, several hours */
		j = i + 1;
		if (!(g & W_FEW))
			j++;
		if (tok_is(d, j, "of"))
			j++;
		if (free_word(d, j) && (gram(d, j) & W_TUNIT_D) && (gram(d, j) & W_VAGUE)) {
			*label = NER_DATE;
			return period_tail(d, j + 1);
		}
		if (free_word(d, j) && (gram(d, j) & W_TUNIT_T) && tok_is(d, j, "hours")) {
			*label = NER_TIME;
			return period_tail(d, j + 1);
		}
		return i;
	}
	if ((tok_is(d, i, "a") || tok_is(d, i, "an")) && free_word(d, i + 1) &&
	    (gram(d, i + 1) & (W_TUNIT_D | W_TUNIT_T)) && (gram(d, i + 2) & W_AFTER) && !tok_is(d, i + 2, "old") &&
	    !tok_is(d, i + 2, "long")) {
		*label = (gram(d, i + 1) & W_TUNIT_T) && !tok_is(d, i + 1, "second") ? NER_TIME : NER_DATE;
		return i + 3;
	}
	if ((g & W_VAGUE) && !(g & W_TUNIT_T) && (t->f & (TF_LOWER))) {
		*label = NER_DATE;
		return period_tail(d, i + 1);
	}
	/* mid-March */
	if ((t->f & TF_HYPH) && tlen(d, i) > 4 && memcmp(d->s + t->s, "mid-", 4) == 0) {
		*label = NER_DATE;
		return i + 1;
	}
	j = number_at(d, i, &vague);
	if (j == i)
		return i;

tail:
	/* After a number: %, percent, currency, unit, period, month, a.m. */
	if (tok_punct(d, j, '%') && adjacent(d, j)) {
		*label = NER_PERCENT;
		return j + 1;
	}
	if (free_word(d, j) && (tok_is(d, j, "percent") || tok_is(d, j, "pct"))) {
		*label = NER_PERCENT;
		return j + 1;
	}
	if (tok_is(d, j, "per") && tok_is(d, j + 1, "cent")) {
		*label = NER_PERCENT;
		return j + 2;
	}
	if (tok_is(d, j, "percentage") && (tok_is(d, j + 1, "points") || tok_is(d, j + 1, "point"))) {
		*label = NER_PERCENT;
		return j + 2;
	}
	if (free_word(d, j) && (d->t[j].gram & W_CURRENCY) && !(d->t[j].f & TF_CAP && !(d->t[j].f & TF_SENT))) {
		*label = NER_MONEY;
		return j + 1;
	}
	if (free_word(d, j) && (gram(d, j) & W_TUNIT_T) && !tok_is(d, j, "second")) {
		*label = NER_TIME;
		return period_tail(d, j + 1);
	}
	if (free_word(d, j) && (gram(d, j) & W_TUNIT_D)) {
		*label = NER_DATE;
		return period_tail(d, j + 1);
	}
	if (free_word(d, j) && (gram(d, j) & W_AMPM) && !vague) {
		*label = NER_TIME;
		return j + 1;
	}
	if (free_word(d, j) && tok_is(d, j, "o'clock")) {
		*label = NER_TIME;
		return j + 1;
	}
	if (j == i + 1 && is_daynum(d, i) && (k = month_at(d, j)) > j) {
		*label = NER_DATE;
		if (k < d->n && is_year(d, k))
			k++;
		return k;
	}
	if (free_word(d, j) && (d->t[j].gram & W_UNIT) && !(d->t[j].f & TF_CAP)) {
		j++;
		goto per;
	}
	if ((tok_is(d, j, "square") || tok_is(d, j, "cubic")) && free_word(d, j + 1) && (d->t[j + 1].gram & W_UNIT)) {
		j += 2;
		goto per;
	}
	if (j == i + 1 && is_year(d, i) && !modkind) {
		*label = NER_DATE;
		return j;
	}
	*label = NER_CARDINAL;
	return j;

per:
	/* 40 degrees Celsius */
	if ((tok_is(d, j - 1, "degrees") || tok_is(d, j - 1, "degree")) && j < d->n &&
	    (tok_is(d, j, "celsius") || tok_is(d, j, "fahrenheit") || tok_is(d, j, "centigrade")) &&
	    !(d->t[j].f & TF_NL))
		j++;
	/* 60 kilometres per hour, 5 tonnes a day */
	*label = NER_QUANTITY;
	if ((tok_is(d, j, "per") || tok_is(d, j, "an") || tok_is(d, j, "a")) && free_word(d, j + 1) &&
	    ((d->t[j + 1].gram & W_UNIT) || (gram(d, j + 1) & (W_TUNIT_T | W_TUNIT_D))))
		j += 2;
	return j;
}

static void find_numeric(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		int modkind;
		size_t c, e;
		enum ner_label label = NER_CARDINAL;
		if (d->t[i].used || d->t[i].kind == TK_BAD)
			continue;
		if (d->t[i].kind == TK_WORD && !(d->t[i].gram & W_STARTS) &&
		    !((d->t[i].f & TF_HYPH) && ((d->s[d->t[i].s] | 0x20) == 'm' || fiscal_period(d, i))) &&
		    !((d->t[i].f & TF_ALLCAP) && tok_punct(d, i + 1, '$')))
			continue; /* the common case: an ordinary word */
		if (d->t[i].kind == TK_PUNCT && d->s[d->t[i].s] != '$' && d->s[d->t[i].s] < 0x80)
			continue;
		/* "the", "at", "more" lead somewhere only before an amount word. */
		if (d->t[i].kind == TK_WORD && !(d->t[i].gram & (W_STARTS & ~W_NUMSTART)) && i + 1 < d->n &&
		    d->t[i + 1].kind == TK_WORD && !(d->t[i + 1].gram & W_STARTS) &&
		    !(d->t[i].f & TF_HYPH))
			continue;
		c = modifier_at(d, i, &modkind);
		e = core_at(d, c, modkind, &label);
		if (e == c && c > i) {
			/* The modifier led nowhere: try the core alone. */
			c = i;
			modkind = 0;
			e = core_at(d, i, 0, &label);
		}
		if (e == c)
			continue;
		if (modkind == 2 && label != NER_DATE && label != NER_TIME) {
			c = i;
			e = core_at(d, i, 0, &label);
			if (e == c)
				continue;
			i = c;
		} else {
			/* "the" stays outside amounts: only periods keep it. */
			size_t s0 = i;
			if (modkind == 1 && label == NER_ORDINAL)
				s0 = c;
			i = s0;
		}
		add_span(d, i, e, label, 2);
		i = e - 1;
	}
}

/* ------------------------------------------------------------------ */
/* Names                                                               */

/* Could token i begin or continue a name? */
static bool capish(const struct doc *d, size_t i)
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
		if (!is_common(d, i) && !(t->gram & (W_DET | W_PARTICLE | W_LOCPREP | W_SAY)) && tlen(d, i) > 1)
			return true;
		return (tok_kinds(d, i) & (G_NAME | G_GIVEN | G_TITLE | G_CUE)) != 0;
	}
	if (!(t->f & TF_CAP))
		return false;
	if (tlen(d, i) == 1 && d->s[t->s] == 'I')
		return false;
	if ((t->f & TF_ALLCAP) || tlen(d, i) <= 4)
		return !(tok_kinds(d, i) & G_ACRONYM);
	return true;
}

/* An initial: "H." inside "Frederick H. Collier". */
static bool initial_at(const struct doc *d, size_t i)
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
	if (!capish(d, k) || (d->t[k].f & (TF_NL | TF_SENT)) || (tok_kinds(d, k) & G_GIVEN))
		return false;
	for (size_t q = i; q < a; q++) {
		uint32_t g = tok_kinds(d, q);
		if (g & (G_W_ORG | G_W_FAC))
			head_before = true;
		if (tok_is(d, q, "of") && q > i && (tok_kinds(d, q - 1) & G_W_ORG))
			of_head = true;
	}
	for (e = k; e < d->n && e < k + 4 && capish(d, e) && !(d->t[e].f & TF_NL); e++)
		;
	if (of_head) {
		/* "Institute of Allergy and Infectious Diseases": one or two
		 * words, neither a known name, the second no head of its own
		 * ("of Oxford and Cambridge University" is two). */
		if (e == k + 2 && !tok_is(d, e, "of") && !(tok_kinds(d, k) & (G_NAME | G_TITLE | G_GIVEN)) &&
		    !(tok_kinds(d, k + 1) & (G_NAME | G_W_ORG | G_W_FAC | G_TITLE)))
			return true;
		return e == k + 1 && !tok_is(d, e, "of") && !(tok_kinds(d, k) & G_NAME);
	}
	return !head_before && (tok_kinds(d, e - 1) & (G_W_ORG | G_W_FAC)) && !(tok_kinds(d, i) & G_GIVEN);
}

/* Is token j the possessive of a capitalised collective noun at j - 1,
 * followed on the same line by a capitalised word? */
static bool collective_possessive(const struct doc *d, size_t j)
{
	static const char *const nouns[] = {"people", "workers", "children", "women", "men",
	                                    "veterans", "farmers", "teachers", "citizens", "peoples"};
	size_t k, w = j + 1;
	bool plural_s;

	if (j == 0 || j + 1 >= d->n || d->t[j].kind != TK_PUNCT || !adjacent(d, j) ||
	    !apostrophe_at(d->s, d->t[j].s, d->len) || !(d->t[j - 1].f & TF_CAP))
		return false;
	plural_s = d->s[d->t[j - 1].e - 1] == 's';
	if (tok_is(d, w, "s") && adjacent(d, w))
		w++;
	else if (!plural_s)
		return false; /* "Workers'" but not "People'" */
	if (w >= d->n || !capish(d, w) || (d->t[w].f & (TF_NL | TF_SENT)))
		return false;
	for (k = 0; k < ARRAY_SIZE(nouns); k++)
		if (tok_is_n(d, j - 1, nouns[k], strlen(nouns[k])))
			return true;
	return false;
}

/* Extent of a capitalised chunk starting at i (a capish token). */
static size_t chunk_end(const struct doc *d, size_t i)
{
	size_t j = i;
	for (;;) {
		/* Names are short; the cap also bounds the recursion of
		 * classify() on runs like "President President ...". */
		if (j >= d->n || (j > i && (d->t[j].f & TF_NL)) || j - i >= MAX_CHUNK)
			break;
		if (initial_at(d, j) && capish(d, j + 2) && !(d->t[j + 2].f & TF_NL)) {
			j += 2;
			continue;
		}
		if (j > i && j < d->n && tlen(d, j) == 1 && d->s[d->t[j].s] == 'I' && !d->t[j].used &&
		    !(j + 1 < d->n && d->t[j + 1].kind == TK_WORD && (d->t[j + 1].f & TF_LOWER))) {
			j++; /* "World War I" */
			continue;
		}
		if (j >= d->n || !capish(d, j))
			break;
		if (j > i && (d->t[j].f & TF_SENT))
			break;
		/* "Gov." and similar keep their dot */
		j++;
		if (j < d->n && tok_punct(d, j, '.') && adjacent(d, j) && j + 1 < d->n && capish(d, j + 1) &&
		    !(d->t[j + 1].f & TF_NL) && (phrase_kinds(d, j - 1, j + 1, false) & (G_TITLE | G_CUE | G_NAME)))
			j++;
		/* A possessive inside a name: "Korean People's Army", "Workers'
		 * Party", "Children's Hospital".  Only after these collective
		 * nouns, and only when a capitalised word follows. */
		if (j < d->n && d->t[j].kind == TK_PUNCT && collective_possessive(d, j)) {
			j += tok_is(d, j + 1, "s") && adjacent(d, j + 1) ? 2 : 1;
			continue;
		}
		/* Jr. / Sr. */
		if ((tok_is(d, j, "jr") || tok_is(d, j, "sr")) && (d->t[j].f & TF_CAP)) {
			j++;
			if (tok_punct(d, j, '.') && adjacent(d, j))
				j++;
			break;
		}
		/* "Panel on Climate Change", "Commission on Human Rights": "on"
		 * after an organisation's head word, before capitals. */
		if (j + 1 < d->n && tok_is(d, j, "on") && (d->t[j].f & TF_LOWER) && !d->t[j].used &&
		    (tok_kinds(d, j - 1) & G_W_ORG) && capish(d, j + 1) && !(d->t[j + 1].f & (TF_NL | TF_SENT))) {
			j++;
			continue;
		}
		/* Particles and "of" inside names. */
		if (j + 1 < d->n && !d->t[j].used && d->t[j].kind == TK_WORD && (d->t[j].f & TF_LOWER) &&
		    (d->t[j].gram & W_PARTICLE) && !(d->t[j + 1].f & TF_NL)) {
			size_t k = j + 1;
			if (tok_is(d, j, "of")) {
				uint32_t hk = tok_kinds(d, j - 1), kg;
				size_t lim = d->n < j + 6 ? d->n : j + 6;
				/* A known name runs on through it: "House of Commons". */
				if (!(hk & (G_CUE | G_TITLE | G_PRE_LOC)) && !(phrase_kinds(d, i, j, false) & G_TITLE) &&
				    !((hk & G_PREFIX) && longest_entry(d, j - 1, lim, G_NAME, &kg) > j + 1))
					break;
				if (tok_is(d, k, "the") && capish(d, k + 1))
					k++;
			}
			/* "de la", "van der" */
			while (k + 1 < d->n && (d->t[k].f & TF_LOWER) && (d->t[k].gram & W_PARTICLE) &&
			       !tok_is(d, k, "of") && k < j + 3)
				k++;
			if (capish(d, k) && !(d->t[k].f & TF_SENT)) {
				j = k;
				continue;
			}
			break;
		}
		if (j < d->n && d->s[d->t[j].s] == 'a' && tok_is(d, j, "and") && !d->t[j].used && and_joins(d, i, j)) {
			j++;
			continue;
		}
		if (tok_punct(d, j, '&') && capish(d, j + 1) && !(tok_kinds(d, j + 1) & G_GIVEN)) {
			j++;
			continue;
		}
	}
	return j;
}

/* The head word of a chunk: the word before the first "of" (or "on", as
 * chunk_end lets it in after a head word), else the last one (a Roman
 * numeral or Jr. skipped). */
static size_t head_of(const struct doc *d, size_t i, size_t j)
{
	size_t h = j - 1;
	for (size_t k = i + 1; k < j; k++)
		if (tok_is(d, k, "of") || (tok_is(d, k, "on") && (d->t[k].f & TF_LOWER)))
			return k - 1;
	while (h > i && (d->t[h].kind != TK_WORD || tok_is(d, h, "jr") || tok_is(d, h, "sr")))
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
	static const char *const org_verbs[][2] = {
		{"played", "for"}, {"signed", "with"}, {"signed", "for"}, {"drafted", "by"},
		{"transferred", "to"}, {"loaned", "to"}, {"acquired", "by"}, {"subsidiary", "of"},
	};
	const uint32_t nouns = W_ORGNOUN | W_ARTNOUN | W_GPENOUN | W_LOCNOUN;
	size_t p = i;
	uint32_t g;
	if (p >= 2 && tok_is(d, p - 1, "of"))
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
		      (tok_kinds(d, p - 2) & (G_NORP | G_COUNTRY))))
			return -1;
		return g & W_ORGNOUN ? NER_ORG : g & W_ARTNOUN ? NER_WORK_OF_ART : g & W_GPENOUN ? NER_GPE : NER_LOC;
	}
	if (i >= 2 && d->t[i - 1].kind == TK_WORD && d->t[i - 2].kind == TK_WORD && (d->t[i - 1].f & TF_LOWER) &&
	    tlen(d, i - 1) <= 4)
		for (size_t k = 0; k < ARRAY_SIZE(org_verbs); k++)
			if (tok_is_n(d, i - 1, org_verbs[k][1], strlen(org_verbs[k][1])) &&
			    tok_is_n(d, i - 2, org_verbs[k][0], strlen(org_verbs[k][0])))
				return NER_ORG;
	return -1;
}

/* "the town of X", "the village of X": X is a place. */
static bool place_of(const struct doc *d, size_t i)
{
	/* also "north of X", "(two miles) east of X" */
	return i >= 2 && tok_is(d, i - 1, "of") && (gram(d, i - 2) & (W_GPENOUN | W_COMPASS)) &&
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
	sl = lex_get((const char *)p, (size_t)(h - p));
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
	sl = lex_get((const char *)h, (size_t)(e - h));
	return sl && (sl->gaz & G_NAME);
}

static bool compass_word(const struct doc *d, size_t i)
{
	return (gram(d, i) & W_COMPASS) != 0;
}

/* Word endings, with their lengths (no strlen on the hot path). */
struct ending {
	const char *s;
	size_t n;
};
#define END(x) {x, sizeof(x) - 1}

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

/* Endings that mark a word as a place name in many languages. */
static bool place_ending(const struct doc *d, size_t i)
{
	static const struct ending ends[] = {
		END("ville"), END("burg"), END("burgh"), END("bourg"), END("borough"), END("shire"),
		END("chester"), END("caster"), END("cester"), END("grad"), END("abad"), END("pur"),
		END("stan"), END("polis"), END("mouth"), END("thorpe"), END("dorf"), END("heim"),
		END("hausen"), END("stadt"), END("ham"), END("by"), END("sk"), END("ovo"), END("evo"),
		END("ino"), END("berg"), END("bury"), END("field"), END("worth"), END("wick"),
		END("wich"), END("ford"), END("bridge"), END("ton"), END("minster"), END("ingen"),
		END("furt"), END("haven"),
	};
	return ends_with(d, i, ends, ARRAY_SIZE(ends));
}

/* Peoples, faiths and their adjectives: Cochabamban, Catholicism. */
static bool group_ending(const struct doc *d, size_t i)
{
	static const struct ending e[] = {END("ian"), END("ians"), END("ese"), END("ism"), END("ist"),
					  END("ists"), END("ite"), END("ites"), END("ish"), END("ic")};
	return ends_with(d, i, e, ARRAY_SIZE(e));
}

/* Capitalised derived words that name nothing: Islamized, Christianisation. */
static bool derived_ending(const struct doc *d, size_t i)
{
	static const struct ending e[] = {END("ized"), END("ised"), END("ization"), END("isation"), END("izing"),
					  END("ising")};
	return ends_with(d, i, e, ARRAY_SIZE(e));
}

static bool sentence_common(const struct doc *d, size_t i)
{
	const struct tok *t = &d->t[i];
	if (!(t->f & (TF_SENT | TF_HEAD)))
		return false;
	if (bit_get(d->capmid_seen, t->h) && !(t->gram & (W_DET | W_LOCPREP | W_SAY)))
		return false;
	return is_common(d, i) || t->gram != 0 || bit_get(d->lower_seen, t->h);
}

static void classify(struct doc *d, size_t i, size_t j, bool titled);

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
	if ((tok_is(d, k, "station") || tok_is(d, k, "channel") || tok_is(d, k, "network") ||
	     tok_is(d, k, "stations") || tok_is(d, k, "service")) && k > 0 &&
	    (tok_is(d, k - 1, "radio") || tok_is(d, k - 1, "television") || tok_is(d, k - 1, "tv") ||
	     tok_is(d, k - 1, "cable") || tok_is(d, k - 1, "news") || tok_is(d, k - 1, "broadcasting") ||
	     tok_is(d, k - 1, "bus") || tok_is(d, k - 1, "streaming")))
		return true;
	return false;
}

/* "X is a Brazilian bicycle manufacturer", "X, a record label based in
 * Paris", "X is a village in Kent": a definition that says what the chunk
 * ending before token j is.  Its label (ORG, GPE, LOC), or -1. */
static int defined_as(const struct doc *d, size_t j)
{
	size_t k = j, end;
	bool comma = false;
	if (tok_punct(d, k, ',')) {
		k++;
		comma = true;
	}
	if (tok_is(d, k, "is") || tok_is(d, k, "was") || tok_is(d, k, "are") || tok_is(d, k, "were"))
		k++;
	else if (!comma)
		return -1;
	if (!(tok_is(d, k, "a") || tok_is(d, k, "an") || tok_is(d, k, "the")))
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
		if (tok_is(d, k, "for") || tok_is(d, k, "to") || tok_is(d, k, "by") || tok_is(d, k, "with"))
			return -1;
		if (tok_is(d, k, "of") || tok_is(d, k, "who") || tok_is(d, k, "and") || tok_is(d, k, "member") ||
		    tok_is(d, k, "former"))
			return -1;
		if ((t->f & TF_LOWER) && (t->gram & (W_GPENOUN | W_LOCNOUN)) && !tok_is(d, k, "state") &&
		    !tok_is(d, k, "capital") && !tok_is(d, k, "port")) {
			/* "a village in", "a small town on the coast" */
			const struct tok *nt = k + 1 < d->n ? &d->t[k + 1] : NULL;
			if (nt && nt->kind == TK_WORD && !(nt->gram & (W_LOCPREP | W_PARTICLE)) && !tok_is(d, k + 1, "on") &&
			    !tok_is(d, k + 1, "and") && !tok_is(d, k + 1, "that") && !tok_is(d, k + 1, "which") &&
			    !tok_is(d, k + 1, "located") && !tok_is(d, k + 1, "situated") && !tok_is(d, k + 1, "where"))
				return -1;
			if (nt && nt->kind == TK_PUNCT && apostrophe_at(d->s, nt->s, d->len))
				return -1;
			return (t->gram & W_GPENOUN) ? NER_GPE : NER_LOC;
		}
		if (org_kind_noun(d, k)) {
			const struct tok *nt = k + 1 < d->n ? &d->t[k + 1] : NULL;
			/* the head noun ends the phrase: not "a band member" */
			if (nt && nt->kind == TK_WORD && (nt->f & TF_LOWER) && !(nt->gram & (W_LOCPREP | W_PARTICLE)) &&
			    !tok_is(d, k + 1, "that") && !tok_is(d, k + 1, "which") && !tok_is(d, k + 1, "based") &&
			    !tok_is(d, k + 1, "founded") && !tok_is(d, k + 1, "formed") && !tok_is(d, k + 1, "owned") &&
			    !tok_is(d, k + 1, "headquartered") && !tok_is(d, k + 1, "with") && !tok_is(d, k + 1, "and") &&
			    !tok_is(d, k + 1, "for") && !tok_is(d, k + 1, "whose") && !tok_is(d, k + 1, "known") &&
			    !tok_is(d, k + 1, "located") && !tok_is(d, k + 1, "operating") && !tok_is(d, k + 1, "specializing") &&
			    !tok_is(d, k + 1, "specialising") && !tok_is(d, k + 1, "established") && !tok_is(d, k + 1, "created"))
				return -1;
			if ((tok_is(d, k, "group") && tok_is(d, k + 1, "of")) || (nt && nt->kind == TK_PUNCT && apostrophe_at(d->s, nt->s, d->len)))
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
	if (!tok_is(d, i - 1, "a") && !tok_is(d, i - 1, "an") && !tok_is(d, i - 1, "nearest") &&
	    !tok_is(d, i - 1, "local") && !tok_is(d, i - 1, "any") && !tok_is(d, i - 1, "every"))
		return false;
	for (size_t k = i; k < j; k++)
		if (d->t[k].kind != TK_WORD || !is_common(d, k) || (d->t[k].f & TF_ALLCAP))
			return false;
	return true;
}

/* Is there a possessive 's at token j with no noun after it? */
static bool bare_possessive(const struct doc *d, size_t j)
{
	size_t k = j + 2;
	const struct tok *t;
	if (j + 1 >= d->n || d->t[j].kind != TK_PUNCT || !apostrophe_at(d->s, d->t[j].s, d->len) || !adjacent(d, j) ||
	    !tok_is(d, j + 1, "s") || !adjacent(d, j + 1))
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
	return (t->gram & W_LOCPREP) || tok_is(d, k, "and") || tok_is(d, k, "was") || tok_is(d, k, "is") ||
	       tok_is(d, k, "became") || tok_is(d, k, "opened") || tok_is(d, k, "closed") || tok_is(d, k, "has") ||
	       tok_is(d, k, "had") || tok_is(d, k, "where");
}

/* Is a known state or country set off by a comma at token j, ending
 * there ("Harlow, Essex," but not "Ghana's envoy")? */
static bool state_follows(const struct doc *d, size_t j)
{
	uint32_t gk;
	size_t e2;
	if (!tok_punct(d, j, ',') || (d->t[j].f & TF_NL) || !capish(d, j + 1) || (d->t[j + 1].f & TF_HEAD))
		return false;
	e2 = longest_entry(d, j + 1, d->n, G_GPE, &gk);
	if (e2 <= j + 1 || !(gk & (G_SUBDIV | G_COUNTRY)) || capish(d, e2))
		return false;
	return e2 >= d->n || (d->t[e2].f & TF_NL) || tok_is(d, e2, "and") ||
	       (d->t[e2].kind == TK_PUNCT && tlen(d, e2) == 1 && strchr(",.;:)", d->s[d->t[e2].s]));
}

/* Is the chunk at i an item of a list of organisations: "bands like X,
 * Y and Z", "companies such as X"? */
static bool in_org_list(const struct doc *d, size_t i)
{
	static const char *const plurals[] = {
		"bands", "companies", "firms", "labels", "clubs", "teams", "brands", "newspapers",
		"broadcasters", "retailers", "airlines", "banks", "manufacturers", "carmakers",
		"networks", "parties", "publishers", "charities", "insurers", "startups", "groups",
	};
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
		if ((t->f & TF_LOWER) && (tok_is(d, p, "and") || tok_is(d, p, "or") || tok_is(d, p, "the"))) {
			k = p;
			continue;
		}
		if (!(t->f & TF_LOWER) || t->kind == TK_NUM) {
			k = p; /* an earlier item */
			continue;
		}
		if (tok_is(d, p, "like") || tok_is(d, p, "including") || (tok_is(d, p, "as") && tok_is(d, p - 1, "such"))) {
			size_t q = tok_is(d, p, "as") ? p - 2 : p - 1;
			if (p == 0 || q >= d->n || d->t[q].kind != TK_WORD)
				return false;
			for (size_t w = 0; w < ARRAY_SIZE(plurals); w++)
				if (tok_is_n(d, q, plurals[w], strlen(plurals[w])))
					return true;
			return false;
		}
		return false;
	}
	return false;
}

/* Label a chunk already stripped of titles and determiners. */
static void label_chunk(struct doc *d, size_t i, size_t j, bool titled)
{
	uint32_t g, hk;
	size_t e, h, n = j - i;
	const struct tok *t = &d->t[i];

	/* 1. The whole chunk is a known name. */
	e = longest_entry(d, i, j, G_NAME, &g);
	if (e == j) {
		add_span(d, i, j, kinds_label(g), 2);
		return;
	}
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
		int def = defined_as(d, j);
		/* a head word outranks a place definition: "X School District
		 * is the district of ..." */
		if (def >= 0 && def != NER_ORG && n >= 2 && (tok_kinds(d, head_of(d, i, j)) & G_CUE))
			def = -1;
		if (def >= 0) {
			add_span(d, i, j, (enum ner_label)def, 3);
			d->ndefined++;
			return;
		}
	}
	/* 1d. A web site: "Vexlo.com" */
	if (!titled && tok_punct(d, j, '.') && adjacent(d, j) && j + 1 < d->n && adjacent(d, j + 1) &&
	    (tok_is(d, j + 1, "com") || tok_is(d, j + 1, "org") || tok_is(d, j + 1, "net"))) {
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
	hk = tok_kinds(d, h);
	if (roman(d, h) && h > i)
		hk = tok_kinds(d, h - 1);
	if (n >= 2 && (hk & G_CUE) && !titled && !generic_phrase(d, i, j)) {
		enum ner_label l = ((hk & G_W_ORG) || ((hk & G_W_GPE) && h > i && (tok_kinds(d, h - 1) & G_W_ORG))) ? NER_ORG
				   : (hk & G_W_EVENT) ? NER_EVENT
				   : (hk & G_W_FAC)   ? NER_FAC
				   : (hk & G_W_GPE)   ? NER_GPE
						      : NER_LOC;
		/* "Hockey Hall of Fame" is an institution, not the building */
		if (l == NER_FAC && tok_is(d, h, "hall") && tok_is(d, h + 1, "of") &&
		    (tok_is(d, h + 2, "fame") || tok_is(d, h + 2, "honor") || tok_is(d, h + 2, "honour")))
			l = NER_ORG;
		/* "Russian Defence Ministry" stays whole; "Moscow City" is a GPE. */
		if (l == NER_ORG)
			i = unit_number(d, i);
		add_span(d, i, j, l, 2);
		return;
	}
	if (n >= 2 && (tok_kinds(d, i) & (G_PRE_LOC | G_PRE_FAC | G_PRE_ORG)) && !titled) {
		uint32_t pk = tok_kinds(d, i);
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
	/* 2c. A place before its state or country: "Harlow, Essex",
	 * "Tarrant, Texas" (even when the first word is a given name). */
	if (!titled && n <= 3 && e < j && !(tok_kinds(d, i) & G_TITLE) && state_follows(d, j)) {
		add_span(d, i, j, NER_GPE, 2);
		return;
	}
	/* 3. A known name at the front: "Japanese" + rest, "Moscow" + rest. */
	if (e == i + 1 && !titled && (tok_kinds(d, i) & G_GIVEN) && (tok_kinds(d, e) & G_GIVEN) && n <= 3) {
		add_span(d, i, j, NER_PERSON, 1); /* "Chad Edward Gaudin" */
		return;
	}
	if (e > i && !titled) {
		/* A place and more capitalised words: a team, a company. */
		if ((g & G_GPE) && !(g & G_ORG) && e < j && capish(d, e) && !(tok_kinds(d, e) & (G_NAME | G_GIVEN))) {
			/* but "Kent Brewster": a given name and a surname */
			bool person = e == i + 1 && j == e + 1 && (tok_kinds(d, i) & G_GIVEN) && !is_common(d, e) &&
				      !(tok_kinds(d, e) & G_CUE) && !(d->t[e].f & TF_ALLCAP);
			add_span(d, i, j, person ? NER_PERSON : NER_ORG, 1);
			return;
		}
		if ((g & G_NORP) && j - e <= 2 && !(tok_kinds(d, e) & (G_NAME | G_GIVEN | G_TITLE))) {
			/* "Hindu Brahmins"; "American Scientific Affiliation" */
			add_span(d, i, j, j - e == 1 ? NER_NORP : NER_ORG, 1);
			return;
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
	/* "West Sebago", "North Perth". */
	if (n == 2 && compass_word(d, i) && !(tok_kinds(d, i + 1) & G_TITLE)) {
		add_span(d, i, j, NER_GPE, 1);
		return;
	}
	if (n >= 2 && (tok_kinds(d, i) & G_GIVEN) && !(t->f & TF_ALLCAP) &&
	    !(is_common(d, i) && is_common(d, i + 1))) { /* not "Red Men" */
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
		if (i >= 2 && tok_is(d, i - 2, "according") && tok_is(d, i - 1, "to"))
			said = true;
		if (said && !(n == 1 && (t->f & TF_ALLCAP))) {
			add_span(d, i, j, NER_PERSON, 1);
			return;
		}
	}
	/* A dateline's place in capitals: "BRUSSELS (Reuters) -", "NEW YORK
	 * -": a known place once folded, never an acronym. */
	if (n <= 3 && (t->f & TF_ALLCAP) && (d->t[j - 1].f & TF_ALLCAP) && d->t[j - 1].e - t->s >= 4) {
		uint32_t pk = phrase_kinds(d, i, j, true);
		if ((pk & G_GPE) && !(pk & G_ORG)) {
			add_span(d, i, j, NER_GPE, 1);
			return;
		}
	}
	if (n == 1 && (t->f & TF_ALLCAP) && (t->f & TF_ALPHA) && !(t->f & TF_HEAD) && tlen(d, i) >= 2 &&
	    !roman(d, i)) {
		add_span(d, i, j, NER_ORG, 1);
		return;
	}
	if (i > 0 && (((gram(d, i - 1) & W_LOCPREP) && !d->t[i - 1].used) || place_of(d, i)) && n <= 2) {
		add_span(d, i, j, NER_GPE, 0);
		d->sp[d->nsp - 1].pending = 1;
		return;
	}
	/* "Bridgton, Maine": a place before a known place. */
	if (state_follows(d, j)) {
		add_span(d, i, j, NER_GPE, 1);
		return;
	}
	if (n >= 2) {
		/* Unknown capitalised words: people are the commonest. */
		bool commonish = false;
		size_t ncommon = 0;
		for (size_t k = i; k < j; k++) {
			if (is_common(d, k) || (d->t[k].f & TF_ALLCAP) || d->t[k].kind != TK_WORD)
				commonish = true;
			if (is_common(d, k) || d->t[k].kind != TK_WORD || (d->t[k].gram & W_PARTICLE))
				ncommon++;
		}
		if (ncommon == n)
			return; /* "Biological Clocks": capitalised common words */
		{
			/* Names of people are short and made of uncommon words;
			 * other capitalised runs with common words in them are
			 * too often titles of works to guess at. */
			const struct tok *lt = &d->t[j - 1];
			bool personish = n <= 3 && !is_common(d, j - 1) && !(lt->f & TF_ALLCAP) &&
					 (lt->f & TF_ALPHA);
			if (commonish && !personish)
				return;
			add_span(d, i, j, NER_PERSON, 0);
		}
		return;
	}
	if (group_ending(d, i) || derived_ending(d, i))
		return;
	if (tlen(d, i) == 1)
		return;
	if ((tok_kinds(d, i) & G_GIVEN) && !is_common(d, i)) {
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
	if (i > 0 && tok_is(d, i - 1, "the") && !d->t[i - 1].used && (d->t[i - 1].f & TF_LOWER) &&
	    !(t->f & (TF_ALLCAP | TF_SENT | TF_HEAD)) && (tok_kinds(d, i) & G_W_ORG) && !(tok_kinds(d, i) & G_NAME)) {
		add_span(d, i, j, NER_ORG, 1);
		return;
	}
	/* "the Falcons", "the Rovers": a team or a band; plural peoples
	 * ("the Uzbeks", "the Kurds") are NORP. */
	if (i > 0 && tok_is(d, i - 1, "the") && !d->t[i - 1].used && (d->t[i - 1].f & TF_LOWER) &&
	    !(t->f & (TF_ALLCAP | TF_SENT | TF_HEAD)) && (t->f & TF_ALPHA) &&
	    !tok_is(d, j, "of") && !capish(d, j) && !(j < d->n && d->t[j].kind == TK_PUNCT && d->s[d->t[j].s] == '\'')) {
		const unsigned char *p = d->s + t->s;
		size_t l = tlen(d, i);
		if (l >= 4 && p[l - 1] == 's' && !strchr("su'", p[l - 2]) && !(l >= 3 && p[l - 2] == 'e' && p[l - 3] == 's')) {
			const struct slot *sl = lex_get((const char *)p, l - 1);
			bool people = (sl && (sl->gaz & G_NORP)) || ends_with(d, i, (const struct ending[]){END("ans"), END("ites"), END("ists"), END("ese")}, 4);
			add_span(d, i, j, people ? NER_NORP : NER_ORG, 0);
			return;
		}
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
	if (j < i + 2 || i == 0 || !tok_is(d, i, "the") || !(t->f & TF_CAP) || (t->f & (TF_ALLCAP | TF_SENT | TF_HEAD | TF_NL)))
		return false;
	p = &d->t[i - 1];
	if (p->kind == TK_WORD) {
		if (!(p->f & TF_LOWER) || (p->gram & W_ARTNOUN) || tok_is(d, i - 1, "titled") ||
		    tok_is(d, i - 1, "entitled") || tok_is(d, i - 1, "was") || tok_is(d, i - 1, "is"))
			return false;
		return true;
	}
	return tok_punct(d, i - 1, ',') || tok_punct(d, i - 1, '(') || tok_punct(d, i - 1, ';');
}

/* Strip what stays outside names, split at inner titles, then label. */
static void classify(struct doc *d, size_t i, size_t j, bool titled)
{
	size_t k;
	uint32_t g;

	if (!titled && mid_the(d, i, j) && longest_entry(d, i, j, G_NAME, &g) <= i + 1) {
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
			if (longest_entry(d, i, j, G_NAME, &g) > i + 1)
				break;
			i++;
			continue;
		}
		/* Sentence-initial common words: "Meanwhile", "Experts". */
		if (!titled && sentence_common(d, i)) {
			size_t e = longest_entry(d, i, j, G_NAME, &g);
			if (j - i >= 2 && !(t->gram & W_DET) && defined_as(d, j) >= 0)
				break; /* "Silver Lining is a band" */
			if (e > i && !(e == i + 1 && is_common(d, i) && !(g & (G_COUNTRY | G_ORG))))
				break;
			if ((tok_kinds(d, i) & G_GIVEN) && i + 1 < j && !is_common(d, i + 1))
				break;
			if ((tok_kinds(d, i) & G_TITLE) && i + 1 < j)
				break;
			if (j == i + 2 && corp_suffix(d, i + 1))
				break; /* "Acme Corp said" */
			if ((t->f & TF_ALLCAP) && j - i <= 3 && (d->t[j - 1].f & TF_ALLCAP) &&
			    (phrase_kinds(d, i, j, true) & G_GPE))
				break; /* a dateline: "NEW YORK (AP) -" */
			i++;
			continue;
		}
		/* A common word before a given name: "Engineer John Smith". */
		if (!titled && i + 1 < j && (is_common(d, i) || group_ending(d, i) || (tok_kinds(d, i) & G_NORP)) &&
		    !(tok_kinds(d, i) & (G_GIVEN | G_GPE | G_ORG | G_PRE_ORG | G_PRE_LOC | G_PRE_FAC)) &&
		    longest_entry(d, i, j, G_NAME, &g) == i &&
		    (tok_kinds(d, i + 1) & G_GIVEN) && (!is_common(d, i + 1) || (i + 3 == j && !is_common(d, i + 2))) &&
		    !(tok_kinds(d, head_of(d, i, j)) & G_CUE)) {
			i++;
			continue;
		}
		break;
	}
	if (i >= j)
		return;
	/* A second title after the first: "Chairman General Mark Mills". */
	if (titled && (k = title_at(d, i, j)) > 0 && i + k < j && longest_entry(d, i, j, G_NAME, &g) <= i &&
	    (d->t[i + k].f & (TF_CAP | TF_HEAD)) && !(tok_kinds(d, head_of(d, i, j)) & G_CUE)) {
		classify(d, i + k, j, true);
		return;
	}
	/* Whole known names win over titles ("General Motors"). */
	if (longest_entry(d, i, j, G_NAME, &g) == j) {
		label_chunk(d, i, j, false);
		return;
	}
	/* A title at the front: "President Vladimir Putin" (but "St. Louis"). */
	if (!titled && (k = title_at(d, i, j)) > 0 && i + k < j && longest_entry(d, i, j, G_NAME, &g) <= i + k) {
		bool cue = false;
		if (tok_is(d, i + k, "of")) {
			/* "Professor of Botany", "Secretary of the Navy": what
			 * follows the title is no person */
			size_t q = i + k + 1;
			if (tok_is(d, q, "the"))
				q++;
			if (q < j)
				classify(d, q, j, false);
			return;
		}
		for (size_t q = i + k; q < j; q++)
			if (tok_kinds(d, q) & G_CUE)
				cue = true;
		if (!cue) {
			classify(d, i + k, j, true);
			return;
		}
	}
	/* A title at the end: "U.S. Senator", "United States Representative". */
	for (k = i + 1; k < j; k++) {
		size_t m = title_at(d, k, j);
		if (m > 0 && k + m == j && !(tok_kinds(d, head_of(d, i, j)) & G_CUE) &&
		    longest_entry(d, i, j, G_NAME, &g) != j) {
			classify(d, i, k, false);
			return;
		}
	}
	/* A title inside: "Russian President Vladimir Putin". */
	for (k = i + 1; k + 1 < j; k++) {
		size_t m = title_at(d, k, j);
		if (m > 0 && k + m < j && !(tok_kinds(d, head_of(d, i, j)) & G_CUE)) {
			classify(d, i, k, false);
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
		if (cclass[c] == C_UP) {
			up++;
			if (k == 0 || cclass[p[k - 1]] != C_UP)
				run_at = k, run = 0;
			run++;
		} else if (cclass[c] == C_DIG) {
			dig++;
		} else {
			return false;
		}
	}
	if (up < 2 || !dig)
		return false;
	/* "10GB": digits then a unit */
	if (cclass[p[0]] == C_DIG && run_at + run == l) {
		gz = lower_kinds(p + run_at, run, &gm);
		if ((gz & G_UNIT) || (gm & (W_AMPM | W_UNIT)))
			return false;
	}
	return true;
}

static void find_names(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		size_t j, k;
		if ((d->t[i].kind == TK_NUM || (d->t[i].f & TF_ALLCAP)) && code_token(d, i) &&
		    !(i + 1 < d->n && adjacent(d, i + 1) && d->t[i + 1].kind != TK_PUNCT)) {
			add_span(d, i, i + 1, NER_ORG, 1);
			continue;
		}
		if (!capish(d, i)) {
			/* A lower-case title before a name: "spokesman Dmitry Peskov". */
			if (d->t[i].kind == TK_WORD && !d->t[i].used && (d->t[i].f & TF_LOWER) && capish(d, i + 1) &&
			    !(d->t[i + 1].f & TF_SENT) && title_at(d, i, d->n) == 1) {
				j = chunk_end(d, i + 1);
				classify(d, i + 1, j, true);
				i = j - 1;
			}
			continue;
		}
		j = chunk_end(d, i);
		if (j == i)
			continue;
		/* A title's chunk may be only the title: "the President said". */
		k = title_at(d, i, j);
		if (k > 0 && k == j - i && !(longest_entry(d, i, j, G_NAME, &(uint32_t){0}) == j)) {
			i = j - 1;
			continue;
		}
		classify(d, i, j, false);
		i = j - 1;
	}
}

/* ------------------------------------------------------------------ */
/* Aliases and canon keys                                              */

/* Canon key of bytes [s, e): NFC, hyphens and white space unified to one
 * space, each word capitalised the same way ("Kim Jong-un" and "KIM JONG
 * UN" both give "Kim Jong Un"); short all-capital words (acronyms) kept. */
/* The same for pure ASCII, without libunistring's allocations. */
static size_t canon_ascii_to(char *r, const unsigned char *s, size_t n, bool headline);

static char *canon_ascii(const unsigned char *s, size_t n, bool headline)
{
	char *r = xmalloc(n + 1);
	canon_ascii_to(r, s, n, headline);
	return r;
}

/* Writes the key (at most n bytes and a NUL) to r; its length. */
static size_t canon_ascii_to(char *r, const unsigned char *s, size_t n, bool headline)
{
	char *o = r;
	size_t i = 0;
	while (i < n) {
		size_t w = i;
		bool allcap = true;
		while (w < n && s[w] != ' ' && s[w] != '\t' && s[w] != '\n' && s[w] != '-') {
			if (cclass[s[w]] == C_LO)
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
				*o++ = (char)(cclass[s[i]] == C_LO ? s[i] - 32 : s[i]);
				for (size_t k = i + 1; k < w; k++)
					*o++ = (char)lower_ascii(s[k]);
			}
		}
		i = w + (w < n);
	}
	*o = '\0';
	return (size_t)(o - r);
}

static char *canon_of(const unsigned char *s, size_t n, bool headline)
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
				if (cclass[s[q]] == C_LO)
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

static int ispan_cmp(const void *a, const void *b)
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

/* Add word hash h → span s to the open-addressed alias table, keeping the
 * span with most words, and marking words two different people share. */
static void alias_put(struct doc *d, struct alias *al, size_t mask, uint32_t h, uint32_t s)
{
	size_t i = h & mask;
	for (;;) {
		struct alias *keep = &al[i];
		if (!keep->used) {
			keep->used = 1;
			keep->h = h;
			keep->span = s;
			keep->ambiguous = 0;
			return;
		}
		if (keep->h == h) {
			const struct ispan *a = &d->sp[keep->span], *b = &d->sp[s];
			size_t wa = words_in(d, a), wb = words_in(d, b);
			if (wb > wa) {
				keep->span = s;
			} else if (wb == wa && wa > 1 && !keep->ambiguous && a->label == NER_PERSON &&
				   b->label == NER_PERSON && !same_text(d, a, b)) {
				char *ca = canon_of(d->s + d->t[a->ts].s, d->t[a->te - 1].e - d->t[a->ts].s,
						    d->t[a->ts].f & TF_HEAD);
				char *cb = canon_of(d->s + d->t[b->ts].s, d->t[b->te - 1].e - d->t[b->ts].s,
						    d->t[b->ts].f & TF_HEAD);
				if (strcmp(ca, cb) != 0)
					keep->ambiguous = 1;
				free(ca);
				free(cb);
			}
			return;
		}
		i = (i + 1) & mask;
	}
}

static const struct alias *alias_get(const struct alias *al, size_t mask, uint32_t h)
{
	size_t i = h & mask;
	while (al[i].used) {
		if (al[i].h == h)
			return &al[i];
		i = (i + 1) & mask;
	}
	return NULL;
}

/* Initials are keyed apart from words, so "Tim" never finds "Texas
 * Instruments Manufacturing"; only all-capital words look there. */
#define ACRONYM_SEED 0x9e3779b9u

/* Is every word of the span a common word the text also writes in
 * lower case? */
static bool common_seen_lower(const struct doc *d, const struct ispan *sp)
{
	for (size_t k = sp->ts; k < sp->te; k++)
		if (!is_common(d, k) || !bit_get(d->lower_seen, d->t[k].h))
			return false;
	return true;
}

static void resolve_aliases(struct doc *d, size_t *full_of)
{
	struct alias *al;
	size_t cap = 64, mask, nal = 0;

	/* At most three keys a span go in: keep the table under 3/4 full. */
	while (cap < 4 * d->nsp)
		cap *= 2;
	mask = cap - 1;
	al = xcalloc(cap, sizeof *al);
	util_large_array(al, cap * sizeof *al);
	for (size_t s = 0; s < d->nsp; s++) {
		struct ispan *sp = &d->sp[s];
		full_of[s] = s;
		if (sp->label != NER_PERSON && sp->label != NER_ORG && sp->label != NER_GPE &&
		    sp->label != NER_LOC && sp->label != NER_NORP && sp->label != NER_FAC)
			continue;
		if (sp->pending || (sp->strength == 0 && sp->label != NER_PERSON))
			continue;
		for (size_t k = sp->ts; k < sp->te; k++) {
			if (d->t[k].kind != TK_WORD || tlen(d, k) < 2 || (d->t[k].gram & W_PARTICLE))
				continue;
			/* A guessed name lends no common word ("Radio" of "Radio Mix"). */
			if (sp->strength == 0 && is_common(d, k))
				continue;
			/* People are known by their first or last word; other names
			 * only by their whole single word ("Moscow"). */
			if (sp->label == NER_PERSON ? (k != sp->ts && k != sp->te - 1)
			    : sp->te - sp->ts != 1)
				continue;
			alias_put(d, al, mask, word_hash(d, k), (uint32_t)s);
			nal++;
		}
		/* "Korean Central News Agency" is also known as "KCNA". */
		if (sp->label == NER_ORG && sp->te - sp->ts >= 2) {
			uint32_t h = HASH_INIT;
			size_t nw = 0;
			for (size_t k = sp->ts; k < sp->te; k++)
				if (d->t[k].kind == TK_WORD && (d->t[k].f & TF_CAP) && (d->t[k].f & TF_ASCII)) {
					h = hash_step(h, lower_ascii(d->s[d->t[k].s]));
					nw++;
				}
			if (nw >= 2) {
				alias_put(d, al, mask, h ^ ACRONYM_SEED, (uint32_t)s);
				nal++;
			}
		}
	}
	for (size_t s = 0; s < d->nsp; s++) {
		struct ispan *sp = &d->sp[s];
		const struct alias *hit;
		if (sp->label != NER_PERSON && sp->label != NER_ORG && sp->label != NER_GPE && !sp->pending)
			continue;
		if (sp->te - sp->ts != 1 || !nal)
			goto unresolved;
		hit = alias_get(al, mask, word_hash(d, sp->ts));
		if ((!hit || hit->span == s || d->sp[hit->span].te - d->sp[hit->span].ts == 1) &&
		    (d->t[sp->ts].f & TF_ALLCAP) && alias_get(al, mask, word_hash(d, sp->ts) ^ ACRONYM_SEED))
			hit = alias_get(al, mask, word_hash(d, sp->ts) ^ ACRONYM_SEED);
		if (!hit || hit->span == s)
			goto unresolved;
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
		if (sp->pending) {
			/* A lone capitalised word with no evidence: a name seen
			 * capitalised mid-sentence is most often a person or a
			 * place; keep the guess only if it is not a common word. */
			if (sp->pending == 2 || (is_common(d, sp->ts) && sp->label != NER_GPE))
				sp->label = NER_NLABELS; /* drop */
			else if (sp->label == NER_GPE && common_seen_lower(d, sp))
				sp->label = NER_NLABELS; /* "a career in Marketing" */

			sp->pending = 0;
		}
	}
	/* A short person name ("Kim Jong") inside a longer one gets its canon. */
	free(al);
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

static void propagate_defined(struct doc *d)
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
				if (k == m && (i + m >= d->n || !capish(d, i + m) || (d->t[i + m].f & TF_NL))) {
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

/* ------------------------------------------------------------------ */
/* Entry point                                                         */

/* Both passes add spans in text order: merge the two runs. */
static void merge_spans(struct doc *d)
{
	struct ispan *m;
	size_t a = 0, b = d->nnum, o = 0;
	bool sorted = true;
	for (size_t k = 1; k < d->nsp; k++)
		if (d->sp[k].ts < d->sp[k - 1].ts)
			sorted = false;
	if (sorted)
		return;
	for (size_t k = d->nnum + 1; k < d->nsp; k++)
		if (d->sp[k].ts < d->sp[k - 1].ts) {
			qsort(d->sp, d->nsp, sizeof *d->sp, ispan_cmp); /* not expected */
			return;
		}
	m = xreallocarray(NULL, d->nsp, sizeof *m);
	util_large_array(m, d->nsp * sizeof *m);
	while (a < d->nnum || b < d->nsp) {
		if (b >= d->nsp || (a < d->nnum && d->sp[a].ts < d->sp[b].ts))
			m[o++] = d->sp[a++];
		else
			m[o++] = d->sp[b++];
	}
	free(d->sp);
	d->sp = m;
	d->capsp = d->nsp;
}

/* A company's legal suffix, capitalised: "Inc", "Corp", "Ltd"... */
static bool corp_suffix(const struct doc *d, size_t i)
{
	static const char *const w[] = {"inc", "corp", "ltd", "llc", "plc", "gmbh"};
	size_t n;

	if (i >= d->n || d->t[i].kind != TK_WORD || !(d->t[i].f & TF_CAP) || (n = tlen(d, i)) < 3 ||
	    n > 4 || !strchr("ICLPG", d->s[d->t[i].s]))
		return false;
	for (size_t k = 0; k < ARRAY_SIZE(w); k++)
		if (tok_is_n(d, i, w[k], strlen(w[k])))
			return true;
	return false;
}

/* "Amazon.com Inc" is one organisation (the name, a dot and a domain's
 * end, then the suffix), and so is an organisation and its suffix; a
 * lone "Inc" or "Corp", whose company went unrecognised, names no
 * person.  Spans are sorted here. */
static void join_corp_suffixes(struct doc *d)
{
	for (size_t s = 0; s < d->nsp; s++) {
		struct ispan *sp = &d->sp[s];
		size_t i = sp->ts;
		if (sp->te != i + 1 || sp->label >= NER_NLABELS || !corp_suffix(d, i))
			continue;
		if (s > 0 && d->sp[s - 1].label < NER_NLABELS && !(d->t[i].f & TF_NL) &&
		    ((d->sp[s - 1].te == i && d->sp[s - 1].label == NER_ORG) ||
		     (i >= 3 && d->sp[s - 1].te == i - 2 && tok_punct(d, i - 2, '.') && adjacent(d, i - 2) &&
		      adjacent(d, i - 1) && d->t[i - 1].kind == TK_WORD && (d->t[i - 1].f & TF_LOWER)))) {
			d->sp[s - 1].te = sp->te;
			d->sp[s - 1].label = NER_ORG;
			sp->label = NER_NLABELS;
			continue;
		}
		if (sp->label == NER_PERSON)
			sp->label = NER_NLABELS;
	}
}

static void scan_block(const char *text, size_t len, size_t base, struct ner_result *out)
{
	struct doc *d = xcalloc(1, sizeof *d);
	struct tokvec tv = {0};
	struct buf arena = {0};
	size_t *full_of, *key_at, n0;

	d->s = (const unsigned char *)text;
	d->len = len;
	tv.cap = len / 5 + 16; /* about one token per five bytes of prose */
	if (tv.cap > ((size_t)1 << 22))
		tv.cap = (size_t)1 << 22;
	tv.v = xreallocarray(NULL, tv.cap, sizeof *tv.v);
	util_large_array(tv.v, tv.cap * sizeof *tv.v);
	tokenize(d, &tv);
	d->t = tv.v;
	d->n = tv.n;
	find_numeric(d);
	d->nnum = d->nsp;
	find_names(d);
	propagate_defined(d);
	merge_spans(d);
	join_corp_suffixes(d);
	full_of = xcalloc(d->nsp ? d->nsp : 1, sizeof *full_of);
	util_large_array(full_of, d->nsp * sizeof *full_of);
	resolve_aliases(d, full_of);
	if (out->cap < out->n + d->nsp) {
		out->cap = out->n + d->nsp;
		out->v = xreallocarray(out->v, out->cap, sizeof *out->v);
		util_large_array(out->v, out->cap * sizeof *out->v);
	}
	/* All the block's keys go in one allocation (see ner_result_free):
	 * each is preceded by a byte, 1 for the allocation's start, else 0;
	 * spans that share a fullest form share its key.  Offsets first,
	 * pointers once the arena stops moving. */
	n0 = out->n;
	{
		/* one allocation: every key is at most its span's bytes (NFC
		 * may grow a non-ASCII one, and then buf grows) */
		size_t need = 0;
		for (size_t s = 0; s < d->nsp; s++) {
			const struct ispan *fs = &d->sp[full_of[s]];
			if (d->sp[s].label < NER_NLABELS)
				need += d->t[fs->te - 1].e - d->t[fs->ts].s + 2;
		}
		if (need)
			buf_reserve(&arena, need);
	}
	key_at = xreallocarray(NULL, d->nsp ? d->nsp : 1, sizeof *key_at);
	util_large_array(key_at, d->nsp * sizeof *key_at);
	for (size_t s = 0; s < d->nsp; s++)
		key_at[s] = SIZE_MAX;
	for (size_t s = 0; s < d->nsp; s++) {
		const struct ispan *sp = &d->sp[s], *fs = &d->sp[full_of[s]];
		struct ner_span o;
		size_t off;
		if (sp->label >= NER_NLABELS)
			continue;
		o.start = base + d->t[sp->ts].s;
		o.end = base + d->t[sp->te - 1].e;
		o.label = (enum ner_label)sp->label;
#ifdef NER_DEBUG
		/* For tuning only: a -DNER_DEBUG build run with NER_DEBUG set
		 * encodes the rule (source line) that made each span in its
		 * start offset, so errors can be counted per rule. */
		if (getenv("NER_DEBUG"))
			o.start = o.start * 100000 + sp->rule + (fs != sp ? 50000 : 0);
#endif
		if (o.label >= NER_DATE) {
			size_t n = d->t[sp->te - 1].e - d->t[sp->ts].s;
			off = arena.len + 1;
			buf_reserve(&arena, n + 2);
			arena.s[arena.len] = 0;
			memcpy(arena.s + off, text + d->t[sp->ts].s, n);
			arena.s[off + n] = '\0';
			arena.len = off + n + 1;
		} else if (key_at[full_of[s]] != SIZE_MAX) {
			off = key_at[full_of[s]];
		} else {
			const unsigned char *ks = d->s + d->t[fs->ts].s;
			size_t n = d->t[fs->te - 1].e - d->t[fs->ts].s, q;
			bool head = (d->t[fs->ts].f & TF_HEAD) != 0;
			for (q = 0; q < n && ks[q] < 0x80; q++)
				;
			off = arena.len + 1;
			if (q == n) {
				buf_reserve(&arena, n + 2);
				arena.s[arena.len] = 0;
				arena.len = off + canon_ascii_to(arena.s + off, ks, n, head) + 1;
			} else {
				char *c = canon_of(ks, n, head);
				size_t cl = strlen(c);
				buf_reserve(&arena, cl + 2);
				arena.s[arena.len] = 0;
				memcpy(arena.s + off, c, cl + 1);
				arena.len = off + cl + 1;
				free(c);
			}
			if (off != 1) /* the allocation's own key is never shared */
				key_at[full_of[s]] = off;
		}
		o.canon = (char *)(uintptr_t)off; /* an offset until the arena is done */
		VEC_PUSH(out, o);
	}
	if (out->n > n0) {
		arena.s[0] = 1;
		for (size_t k = n0; k < out->n; k++)
			out->v[k].canon = arena.s + (uintptr_t)out->v[k].canon;
	} else {
		buf_free(&arena);
	}
	free(key_at);
	free(full_of);
	free(d->sp);
	free(tv.v);
	free(d);
}

void ner_scan(const char *text, size_t len, struct ner_result *out)
{
	/* Token offsets are 32-bit: feed giant inputs in blocks cut at line
	 * breaks (or anywhere, if a line is that long). */
	const size_t block = (size_t)1 << 30;
	size_t off = 0;

	if (!cclass['A'])
		cclass_init();
	lex_init();
	while (off < len) {
		size_t n = len - off;
		if (n > block) {
			size_t cut = block;
			while (cut > block / 2 && text[off + cut - 1] != '\n')
				cut--;
			if (cut == block / 2)
				cut = block;
			n = cut;
		}
		scan_block(text + off, n, off, out);
		off += n;
	}
}

void ner_result_free(struct ner_result *r)
{
	/* Keys live in one allocation a block; the byte before a key says
	 * whether it starts one (exactly one span holds that key).  Find
	 * them all before freeing any. */
	size_t nh = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].canon && r->v[i].canon[-1] == 1)
			r->v[nh++].canon = r->v[i].canon - 1;
	for (size_t i = 0; i < nh; i++)
		free(r->v[i].canon);
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
}
