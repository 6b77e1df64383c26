/* ner_lexicon.c — the recognizer's lexicon: gazetteers embedded from
 * data/LANG/gazetteer/ plus the grammar words of dates and numbers, in one hash
 * table built on first use, and the sorted common-words list searched in
 * place. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/embedded.h"
#include "gloss/lexicon.h"
#include "gloss/util.h"
#include "ner_internal.h"

/* The gazetteer files and what their entries are; a line starting with
 * '>' in a head-word file marks a word that works as a prefix too. */
static const struct {
	const char *file; /* a list of the language: data/LANG/FILE.txt */
	uint32_t kind, prefix_kind;
} gaz_files[] = {
	{"gazetteer/countries", G_COUNTRY, 0},
	{"gazetteer/country-names", G_COUNTRY, 0},
	{"gazetteer/cities", G_CITY, 0},
	{"gazetteer/tz-cities", G_CITY, 0},
	{"gazetteer/geonames-cities", G_CITY | G_WEAK_CITY, 0},
	{"gazetteer/subdivisions", G_SUBDIV, 0},
	{"gazetteer/provinces", G_SUBDIV, 0},
	{"gazetteer/regions", G_REGION, 0},
	{"gazetteer/demonyms", G_NORP, 0},
	{"gazetteer/holidays", G_HOLIDAY, 0},
	{"gazetteer/organisations", G_ORG, 0},
	{"gazetteer/companies", G_ORG, 0},
	{"gazetteer/news-outlets", G_ORG, 0},
	{"gazetteer/given-names", G_GIVEN, 0},
	{"gazetteer/titles", G_TITLE, 0},
	{"gazetteer/heads-org", G_W_ORG, G_PRE_ORG},
	{"gazetteer/heads-gpe", G_W_GPE, 0},
	{"gazetteer/heads-loc", G_W_LOC, G_PRE_LOC},
	{"gazetteer/heads-fac", G_W_FAC, G_PRE_FAC},
	{"gazetteer/heads-event", G_W_EVENT, 0},
	{"gazetteer/months", G_MONTH, 0},
	{"gazetteer/weekdays", G_WEEKDAY, 0},
	{"gazetteer/units", G_UNIT, 0},
	{"gazetteer/currencies", G_CURRENCY, 0},
	{"gazetteer/common-acronyms", G_ACRONYM, 0},
};

/* A class by the name the data files give it. */
struct class_name {
	const char *name;
	uint32_t bit;
};

/* The grammar classes of data/LANG/grammar.txt. */
static const struct class_name gram_classes[] = {
	{"num", W_NUM}, {"scale", W_SCALE}, {"ord", W_ORD}, {"time-unit", W_TUNIT_T},
	{"date-unit", W_TUNIT_D}, {"part-of-day", W_PARTDAY}, {"relative", W_REL}, {"modifier", W_MOD},
	{"day-word", W_DAYWORD}, {"vague", W_VAGUE}, {"after", W_AFTER}, {"am-pm", W_AMPM},
	{"say", W_SAY}, {"place-prep", W_LOCPREP}, {"particle", W_PARTICLE}, {"season", W_SEASON},
	{"multiple", W_MULT}, {"few", W_FEW}, {"det", W_DET}, {"time-word", W_TIMEWORD},
	{"edge", W_EDGE}, {"person-context", W_PERSONCTX}, {"amount-start", W_NUMSTART},
	{"org-noun", W_ORGNOUN}, {"work-noun", W_ARTNOUN}, {"place-noun", W_GPENOUN},
	{"land-noun", W_LOCNOUN}, {"compass", W_COMPASS}, {"org-kind", W_ORGKIND},
};

/* The cue kinds of data/LANG/cues.txt. */
static const struct class_name cue_classes[] = {
	{"collective", N_COLLECTIVE}, {"org-verb", N_ORG_VERB}, {"org-plural", N_ORG_PLURAL},
	{"corp-suffix", N_CORP_SUFFIX}, {"time-zone", N_TIME_ZONE}, {"fiscal-period", N_FISCAL},
	{"place-ending", N_PLACE_END}, {"group-ending", N_GROUP_END}, {"people-ending", N_PEOPLE_END},
	{"derived-ending", N_DERIVED_END},
	{"media-noun", N_MEDIA_NOUN}, {"media-kind", N_MEDIA_KIND}, {"generic-det", N_GENERIC_DET},
	{"work-intro", N_WORK_INTRO}, {"definition-stop", N_DEF_STOP},
	{"place-definition-goes-on", N_PLACE_DEF_GOES_ON}, {"org-definition-goes-on", N_ORG_DEF_GOES_ON},
	{"owns-nothing-before", N_OWNS_NOTHING},
	{"sport-verb", N_SPORT_VERB}, {"sport-noun", N_SPORT_NOUN},
	{"org-after", N_ORG_AFTER}, {"sport-slug", N_SPORT_SLUG},
	{"club-verb", N_CLUB_VERB}, {"place-suffix", N_PLACE_SUFFIX},
	{"place-office", N_PLACE_OFFICE}, {"person-role", N_PERSON_ROLE},
	{"event-prefix", N_EVENT_PREFIX}, {"score-against", N_SCORE_AGAINST},
	{"name-first", N_NAME_FIRST}, {"field-before", N_FIELD_BEFORE},
	{"kin-noun", N_KIN_NOUN}, {"sport-margin", N_SPORT_MARGIN},
};

static struct slot *lex;
static size_t lex_mask;
/* One bit a hash of the words in lex (one bit in twelve is set): a
 * third of the look-ups are of words it does not hold, and the bit says
 * so without a cache miss in the table (1.5 MB) and the entry's text. */
#define LEX_FILTER_BITS (1u << 18)
static uint64_t lex_filter[LEX_FILTER_BITS / 64];
struct small_slot ner_small[SMALL_SLOTS];
uint64_t ner_rw_roles[RW_WORDS];
static size_t n_rw_words = 1; /* index 0: no role */
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
	const uint32_t b = h & (LEX_FILTER_BITS - 1);
	if (!create && !((lex_filter[b >> 6] >> (b & 63)) & 1))
		return NULL;
	for (;;) {
		struct slot *sl = &lex[i];
		if (!sl->s) {
			if (!create)
				return NULL;
			sl->s = s;
			sl->len = (uint32_t)n;
			sl->h = h;
			lex_filter[b >> 6] |= 1ull << (b & 63);
			return sl;
		}
		if (sl->h == h && sl->len == n && memcmp(sl->s, s, n) == 0)
			return sl;
		i = (i + 1) & lex_mask;
	}
}

/* The small table's slot of the lower-case word s[0..n), made when new. */
static struct small_slot *small_slot(const char *s, size_t n, uint32_t h)
{
	size_t i = h & (SMALL_SLOTS - 1);
	for (size_t probes = 0; probes < SMALL_SLOTS; probes++) {
		struct small_slot *sl = &ner_small[i];
		if (!sl->s) {
			sl->s = s;
			sl->len = (uint32_t)n;
			sl->h = h;
		}
		if (sl->h == h && sl->len == n && memcmp(sl->s, s, n) == 0)
			return sl;
		i = (i + 1) & (SMALL_SLOTS - 1);
	}
	return NULL;
}

static void small_add(const char *s, size_t n, uint32_t h, uint32_t gram)
{
	struct small_slot *sl = small_slot(s, n, h);
	if (sl)
		sl->gram |= gram;
}

/* Add s[0..n) with these bits; true when the table now points at s
 * itself (false when the word was there already, from another entry). */
static bool lex_add(const char *s, size_t n, uint32_t gaz, uint32_t gram)
{
	uint32_t h = hash_bytes(s, n);
	struct slot *sl = lex_slot(s, n, h, true);
	sl->gaz |= gaz;
	sl->gram |= gram;
	if ((gram || (gaz & (G_UNIT | G_CURRENCY))) && !(*s >= 'A' && *s <= 'Z'))
		small_add(s, n, h, gram | ((gaz & G_UNIT) ? W_UNIT : 0) | ((gaz & G_CURRENCY) ? W_CURRENCY : 0));
	/* Mark every proper word prefix, so the longest match can stop early. */
	for (size_t k = 1; k < n; k++)
		if (s[k] == ' ')
			lex_slot(s, k, hash_bytes(s, k), true)->gaz |= G_PREFIX;
	return sl->s == s;
}

/* One gazetteer file's entries; a line starting with '>' in a head-word
 * file marks a word that works as a prefix too.  Entries a file marks
 * "ambiguous" (ordinary words too, "won") are not names. */
static void add_gazetteer(const struct lexicon_entry *e, void *arg)
{
	const size_t f = *(const size_t *)arg;
	const char *p = e->word;
	size_t n = e->len;
	uint32_t kind = gaz_files[f].kind;
	if (lexicon_has_class(e, "ambiguous"))
		return;
	if (*p == '>') {
		p++;
		n--;
		kind = gaz_files[f].prefix_kind;
	}
	if (n && *p != '#') {
		lex_add(p, n, kind, 0);
		/* A people's plural: "Dane" -> "Danes", "Norwegian" ->
		 * "Norwegians" (not after s, sh, ch, x, z or -ese: "Swiss",
		 * "Danish", "Chinese"). */
		if ((kind & G_NORP) && n >= 3 && !strchr("sxz", p[n - 1]) && !(p[n - 1] == 'h' && strchr("sc", p[n - 2])) &&
		    !(n >= 3 && memcmp(p + n - 3, "ese", 3) == 0)) {
			char *pl = xmalloc(n + 1); /* lives as long as the lexicon */
			memcpy(pl, p, n);
			pl[n] = 's';
			if (!lex_add(pl, n + 1, kind, 0))
				free(pl); /* the plural is an entry of its own */
		}
	}
}

/* Bits of the space-separated class names of e found in a table. */
static uint32_t class_bits(const struct lexicon_entry *e, const struct class_name *t, size_t n)
{
	uint32_t r = 0;
	for (size_t k = 0; k < n; k++)
		if (lexicon_has_class(e, t[k].name))
			r |= t[k].bit;
	return r;
}
#define CLASS_BITS(e, table) class_bits(e, table, ARRAY_SIZE(table))

static void add_grammar(const struct lexicon_entry *e, void *arg)
{
	(void)arg;
	lex_add(e->word, e->len, 0, CLASS_BITS(e, gram_classes));
}

static void add_particle(const struct lexicon_entry *e, void *arg)
{
	(void)arg;
	if (!e->cls_len) /* "joins" entries link names in a byline only */
		lex_add(e->word, e->len, 0, W_PARTICLE);
}

/* The roles of rule words by the names data/LANG/rule-words.txt gives them. */
static const struct class_name role_names[] = {
	{"according", RW_ACCORDING},
	{"adjacent-period", RW_ADJACENT_PERIOD},
	{"age-old", RW_AGE_OLD},
	{"aged", RW_AGED},
	{"another-period", RW_ANOTHER_PERIOD},
	{"area-volume", RW_AREA_VOLUME},
	{"as", RW_AS},
	{"at", RW_AT},
	{"cent", RW_CENT},
	{"century", RW_CENTURY},
	{"close", RW_CLOSE},
	{"comparative", RW_COMPARATIVE},
	{"conjunction", RW_CONJUNCTION},
	{"copula", RW_COPULA},
	{"death-verb", RW_DEATH_VERB},
	{"definite", RW_DEFINITE},
	{"degrees", RW_DEGREES},
	{"disjunction", RW_DISJUNCTION},
	{"distributive", RW_DISTRIBUTIVE},
	{"duration-long", RW_DURATION_LONG},
	{"edge-prefix", RW_EDGE_PREFIX},
	{"estimated", RW_ESTIMATED},
	{"example-intro", RW_EXAMPLE_INTRO},
	{"fame", RW_FAME},
	{"following-period", RW_FOLLOWING_PERIOD},
	{"generation", RW_GENERATION},
	{"generic-place-noun", RW_GENERIC_PLACE_NOUN},
	{"genitive", RW_GENITIVE},
	{"group-noun", RW_GROUP_NOUN},
	{"half", RW_HALF},
	{"half-ordinal", RW_HALF_ORDINAL},
	{"hall", RW_HALL},
	{"hours", RW_HOURS},
	{"indefinite", RW_INDEFINITE},
	{"known", RW_KNOWN},
	{"month-also-verb", RW_MONTH_ALSO_VERB},
	{"oclock", RW_OCLOCK},
	{"ordinal-1", RW_ORDINAL_1},
	{"over-under", RW_OVER_UNDER},
	{"per", RW_PER},
	{"percent", RW_PERCENT},
	{"percentage", RW_PERCENTAGE},
	{"place-adjective", RW_PLACE_ADJECTIVE},
	{"points", RW_POINTS},
	{"possessive-s", RW_POSSESSIVE_S},
	{"quantity-adverb", RW_QUANTITY_ADVERB},
	{"quarter", RW_QUARTER},
	{"quarter-ordinal", RW_QUARTER_ORDINAL},
	{"recent", RW_RECENT},
	{"relative-period", RW_RELATIVE_PERIOD},
	{"such", RW_SUCH},
	{"superlative", RW_SUPERLATIVE},
	{"temperature-scale", RW_TEMPERATURE_SCALE},
	{"temporal-prep", RW_TEMPORAL_PREP},
	{"than", RW_THAN},
	{"this", RW_THIS},
	{"to", RW_TO},
	{"topic-prep", RW_TOPIC_PREP},
	{"unit-also-ordinal", RW_UNIT_ALSO_ORDINAL},
	{"unit-verb", RW_UNIT_VERB},
	{"up", RW_UP},
	{"upwards", RW_UPWARDS},
	{"web-domain", RW_WEB_DOMAIN},
	{"well", RW_WELL},
};
_Static_assert(RW_COUNT <= 64, "a token's roles fit in 64 bits");
struct rule_words ner_rule_words[RW_COUNT];

/* A rule word: each role named in its class column gets the word. */
static void add_rule_word(const struct lexicon_entry *e, void *arg)
{
	uint64_t roles = 0;
	struct small_slot *sl;
	(void)arg;
	if (e->len > 255)
		return;
	for (size_t k = 0; k < ARRAY_SIZE(role_names); k++) {
		struct rule_words *rw = &ner_rule_words[role_names[k].bit];
		if (lexicon_has_class(e, role_names[k].name)) {
			roles |= 1ull << role_names[k].bit;
			if (rw->n < RW_MAX) {
				rw->w[rw->n] = e->word;
				rw->len[rw->n++] = (uint8_t)e->len;
			}
		}
	}
	/* The tokenizer finds the word's roles in the small table. */
	sl = roles ? small_slot(e->word, e->len, hash_bytes(e->word, e->len)) : NULL;
	if (!sl)
		return;
	if (!sl->rwi) {
		if (n_rw_words >= RW_WORDS)
			return;
		sl->rwi = (uint8_t)n_rw_words++;
	}
	ner_rw_roles[sl->rwi] |= roles;
}

/* The cue words: a small table of their own, so that a two-word cue
 * ("played for") marks no prefix in the lexicon. */
#define CUE_SLOTS 512
static struct {
	const char *s;
	uint32_t len, cls;
} cues[CUE_SLOTS];
uint64_t ner_cue_filter[CUE_FILTER_BITS / 64];
static struct ending *ends[NER_NCUES];
static size_t nends[NER_NCUES];
static struct ner_cue_bounds bounds[NER_NCUES];

static void add_cue(const struct lexicon_entry *e, void *arg)
{
	uint32_t cls = CLASS_BITS(e, cue_classes);
	size_t i = hash_bytes(e->word, e->len) & (CUE_SLOTS - 1);
	const char *sp1 = memchr(e->word, ' ', e->len);
	uint32_t fb = hash_bytes(e->word, sp1 ? (size_t)(sp1 - e->word) : e->len) & (CUE_FILTER_BITS - 1);
	(void)arg;
	ner_cue_filter[fb >> 6] |= 1ull << (fb & 63);
	for (size_t probes = 0; probes < CUE_SLOTS; probes++, i = (i + 1) & (CUE_SLOTS - 1)) {
		if (!cues[i].s) {
			cues[i].s = e->word;
			cues[i].len = (uint32_t)e->len;
		} else if (cues[i].len != e->len || memcmp(cues[i].s, e->word, e->len) != 0) {
			continue;
		}
		cues[i].cls |= cls;
		break;
	}
	for (int c = 0; c < NER_NCUES; c++) {
		struct ner_cue_bounds *b = &bounds[c];
		unsigned char f = (unsigned char)e->word[0];
		if (!(cls & (1u << c)))
			continue;
		if (!b->max_len || e->len < b->min_len)
			b->min_len = e->len;
		if (e->len > b->max_len)
			b->max_len = e->len;
		b->first[f] = 1;
		if (f >= 'a' && f <= 'z')
			b->first[f - 32] = 1;
	}
	/* The tokenizer notes that a document has a sports cue, so the sports
	 * pass runs only where one is (a two-word cue: its first word), and
	 * marks the words that may begin an org-after cue. */
	if (cls & (N_SPORT_VERB | N_SPORT_NOUN | N_ORG_AFTER)) {
		const char *sp = memchr(e->word, ' ', e->len);
		size_t n = sp ? (size_t)(sp - e->word) : e->len;
		struct small_slot *sl = small_slot(e->word, n, hash_bytes(e->word, n));
		if (sl)
			sl->seen |= (uint8_t)(((cls & N_SPORT_VERB) ? SEEN_SPORT_VERB : 0) |
					      ((cls & N_SPORT_NOUN) && !sp ? SEEN_SPORT_NOUN : 0) |
					      ((cls & N_ORG_AFTER) ? SEEN_ORG_AFTER : 0));
	}
	for (int c = 0; c < NER_NCUES; c++) {
		if (!(cls & (1u << c)))
			continue;
		ends[c] = xreallocarray(ends[c], nends[c] + 1, sizeof *ends[c]);
		ends[c][nends[c]].s = e->word;
		ends[c][nends[c]++].n = e->len;
	}
}

uint32_t ner_cue(const char *s, size_t n)
{
	size_t i = hash_bytes(s, n) & (CUE_SLOTS - 1);
	while (cues[i].s) {
		if (cues[i].len == n && memcmp(cues[i].s, s, n) == 0)
			return cues[i].cls;
		i = (i + 1) & (CUE_SLOTS - 1);
	}
	return 0;
}

const struct ending *ner_endings(uint32_t cls, size_t *n)
{
	for (int c = 0; c < NER_NCUES; c++)
		if (cls == 1u << c) {
			*n = nends[c];
			return ends[c];
		}
	*n = 0;
	return NULL;
}

const struct ner_cue_bounds *ner_cue_bounds(uint32_t cls)
{
	for (int c = 0; c < NER_NCUES; c++)
		if (cls == 1u << c)
			return &bounds[c];
	return &bounds[0];
}

/* Builds the table once, on first use (a few milliseconds).  Entries point
 * into the embedded files, so nothing is copied.  Not guarded by a lock:
 * the first ner_scan must not race another thread's. */
void ner_lex_init(void)
{
	size_t want = 1u << 16;
	const struct embedded_file *cw;
	size_t cal_n = 0;
	char path[128];
	if (lex)
		return;
	lex = xcalloc(want, sizeof *lex);
	lex_mask = want - 1;
	for (size_t f = 0; f < ARRAY_SIZE(gaz_files); f++)
		lexicon_each(lexicon_path(gaz_files[f].file, path, sizeof path), add_gazetteer, &f);
	lexicon_each(lexicon_path("grammar", path, sizeof path), add_grammar, NULL);
	lexicon_each(lexicon_path("name-particles", path, sizeof path), add_particle, NULL);
	lexicon_each(lexicon_path("cues", path, sizeof path), add_cue, NULL);
	lexicon_each(lexicon_path("rule-words", path, sizeof path), add_rule_word, NULL);
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
	cw = embedded_get(lexicon_path("gazetteer/common-words", path, sizeof path));
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

uint32_t ner_lower_kinds(const unsigned char *p, size_t n, uint32_t *gramp)
{
	char buf[32];
	const struct slot *sl;
	if (n == 0 || n >= sizeof buf)
		return 0;
	for (size_t k = 0; k < n; k++) /* ASCII only: no tokenizer tables here */
		buf[k] = (char)(p[k] >= 'A' && p[k] <= 'Z' ? p[k] | 0x20 : p[k]);
	sl = ner_lex_get(buf, n);
	if (gramp)
		*gramp = sl ? sl->gram : 0;
	return sl ? sl->gaz : 0;
}
