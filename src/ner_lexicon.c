/* ner_lexicon.c — the recognizer's lexicon: gazetteers embedded from
 * data/gazetteer/ plus the grammar words of dates and numbers, in one hash
 * table built on first use, and the sorted common-words list searched in
 * place. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/embedded.h"
#include "gloss/util.h"
#include "ner_internal.h"

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

static struct slot *lex;
static size_t lex_mask;
struct slot ner_small[SMALL_SLOTS];
/* common-words.txt is large and sorted: it is searched in place, with no
 * table to build. */
static const char *common_lo, *common_hi;
/* Lower-cased month and weekday names, so one look-up per token tells
 * whether a date may start there. */
static char *cal_lower;

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
		struct slot *sl = &ner_small[i];
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
void ner_lex_init(void)
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
bool ner_common_word(const char *w, size_t n)
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

const struct slot *ner_lex_get(const char *s, size_t n)
{
	return lex_slot(s, n, hash_bytes(s, n), false);
}
