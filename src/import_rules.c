/* import_rules.c — the boilerplate rule engine of the import: the rules
 * of data/boilerplate.txt (exact, prefix and regex lines, each with its
 * class) matched against a line, the outlets of data/outlets.txt, byline,
 * desk and date lines, and the shapes of lines (headline, keywords,
 * bullets) those decisions use.  Heuristics for scraped news text in
 * general; nothing here may depend on one site or article. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <regex.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#if HAVE_ICONV_OPEN
#include <iconv.h>
#endif

#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "gloss/embedded.h"
#include "gloss/import.h"
#include "gloss/lexicon.h"
#include "gloss/util.h"

#include "import_internal.h"

/* ---- words and shapes of lines ------------------------------------------ */

/* Characters of valid UTF-8: the bytes that are not continuation bytes. */
size_t imp_count_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* A word is a run of non-spaces with at least one letter or digit.  The
 * clean-up counts words of every line several times, hence the ASCII
 * fast path. */
size_t imp_count_words(const char *s, size_t n)
{
	size_t i = 0, words = 0;
	bool in = false, alnum = false;

	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			if (b == ' ' || b == '\n') {
				words += in && alnum;
				in = alnum = false;
			} else {
				in = true;
				alnum = alnum || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || (b >= '0' && b <= '9');
			}
			i++;
		} else {
			ucs4_t c;
			i += (size_t)u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
			if (imp_is_space_uc(c)) {
				words += in && alnum;
				in = alnum = false;
			} else {
				in = true;
				alnum = alnum || uc_is_alnum(c);
			}
		}
	}
	return words + (in && alnum);
}

bool imp_is_closing(ucs4_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
	       c == 0xBB || c == 0x203A;
}

/* Does the text end like a sentence ('.', '!', '?', '…', maybe quoted)? */
bool imp_ends_sentence(const char *s, size_t n)
{
	size_t st;
	ucs4_t c = imp_last_uc(s, n, &st);

	while (n && imp_is_closing(c)) {
		n = st;
		c = imp_last_uc(s, n, &st);
	}
	return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002;
}

bool imp_ends_with_period(const char *s, size_t n)
{
	size_t st;
	ucs4_t c = imp_last_uc(s, n, &st);

	while (n && imp_is_closing(c) && c != ')') {
		n = st;
		c = imp_last_uc(s, n, &st);
	}
	return c == '.' || c == 0x3002;
}

/* Short, no final period, not a label ending in ':' or ',': a headline. */
bool imp_headline_like(const char *s, size_t n)
{
	size_t w;
	ucs4_t c;

	if (n == 0 || n > 640 || imp_count_chars(s, n) > 200)
		return false;
	w = imp_count_words(s, n);
	if (w < 2 || w > 30)
		return false;
	if (imp_ends_with_period(s, n))
		return false;
	c = imp_last_uc(s, n, NULL);
	if (c == ':' || c == ',' || c == ';')
		return false;
	c = imp_first_uc(s, n);
	return uc_is_alnum(c) || c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == 0xAB;
}

bool imp_is_upper_initial(const char *w, size_t n)
{
	ucs4_t c = imp_first_uc(w, n);
	return uc_is_upper(c) || (c >= '0' && c <= '9');
}

static bool is_function_word(const char *w, size_t n)
{
	return lexicon_find(lexicon_words(IMPORT_WORDS), w, n, true, "function-word") != NULL;
}

/* "North Korea Russia Kim Jong Un": a list of names for tags or keywords,
 * no connecting words, no punctuation, nearly every word capitalised. */
bool imp_keyword_like(const char *s, size_t n)
{
	size_t i = 0, words = 0, lower = 0;

	if (n > 200)
		return false;
	for (i = 0; i < n; i++)
		if (strchr(".,;:!?\"()", s[i]))
			return false;
	i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != ' ')
			j++;
		if (j > i) {
			words++;
			if (is_function_word(s + i, j - i))
				return false;
			if (!imp_is_upper_initial(s + i, j - i))
				lower++;
		}
		i = j + 1;
	}
	return words >= 3 && words <= 12 && lower <= 1;
}

/* A list item: a bullet, an en or em dash, '*' or '-' and a space. */
bool imp_bullet_item(const char *s, size_t n)
{
	ucs4_t c = imp_first_uc(s, n);
	int k;

	if (!(c == 0x2022 || c == 0xB7 || c == 0x2023 || c == 0x25AA || c == 0x25BA ||
	      c == 0x25B6 || c == 0x2013 || c == 0x2014 || c == '*' || c == '-' || c == 0x203A ||
	      c == 0xBB))
		return false;
	k = u8_mblen((const uint8_t *)s, n);
	return k > 0 && (size_t)k < n && s[k] == ' ';
}

/* ---- data files ------------------------------------------------------- */

enum rule_kind { R_EXACT, R_PREFIX, R_REGEX };

struct rule {
	enum rule_kind kind;
	enum line_class cls;
	char *pat;
	size_t len;
	size_t max; /* longest line the rule applies to */
	regex_t re; /* R_REGEX: compiled alone */
};

struct outlet {
	char *alias;
	size_t len;
	const char *name; /* points into the names vector */
};

static struct {
	bool loaded;
	struct {
		struct rule *v;
		size_t n, cap;
	} rules;
	regex_t re[2 * NCLASSES]; /* [2 * class]: unanchored rules, [2 * class + 1]: anchored */
	bool has_re[2 * NCLASSES];
	regex_t any; /* every regex rule, to rule a line out at once */
	bool has_any;
	struct {
		struct outlet *v;
		size_t n, cap;
	} outlets;
	struct {
		char **v;
		size_t n, cap;
	} names;
	regex_t date_label, date, time_stamp;
} pats;

/* Patterns are compiled and run in the C locale whatever the user's is:
 * an import must not depend on LANG, and glibc's multibyte matching is
 * several times slower.  Non-ASCII characters then match as byte
 * sequences, which is why data/boilerplate.txt writes them outside
 * brackets. */
static locale_t c_locale;

static int rx_comp(regex_t *re, const char *pat, int flags)
{
	locale_t old = uselocale(c_locale);
	int r = regcomp(re, pat, flags);
	uselocale(old);
	return r;
}

static int rx_exec(const regex_t *re, const char *s, size_t nm, regmatch_t *m)
{
	locale_t old = uselocale(c_locale);
	int r = regexec(re, s, nm, m, 0);
	uselocale(old);
	return r;
}

static char *trim_dup(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

/* "^..." with no '|' outside parentheses: the rule can only match at the
 * start, and many such rules share one "^(a|b|...)" that regexec tries
 * at one position instead of at every byte of the line. */
static bool anchored(const char *pat)
{
	int depth = 0;
	const char *p;

	if (*pat != '^')
		return false;
	for (p = pat + 1; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '[') {
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p && *p != ']')
				p++;
			if (!*p)
				return false;
		} else if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == '|' && depth == 0)
			return false;
	}
	return true;
}

static void add_regex(struct buf *alt, const char *pat, int lineno)
{
	regex_t probe;

	/* Compile each rule alone first, so that one bad rule is reported
	 * with its line and does not take the others down with it. */
	if (rx_comp(&probe, pat, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) {
		warnx_("data/boilerplate.txt:%d: bad regular expression '%s' (ignored)", lineno, pat);
		return;
	}
	regfree(&probe);
	if (anchored(pat)) {
		alt++;
		pat++;
	}
	if (alt->len)
		buf_addc(alt, '|');
	buf_printf(alt, "(%s)", pat);
}

static void load_rules(void)
{
	const struct embedded_file *f = embedded_get("data/boilerplate.txt");
	struct buf alt[2 * NCLASSES] = {{0}}; /* per class: unanchored, anchored */
	struct buf any = {0};
	const char *p, *end;
	int lineno = 0, c;

	if (!f)
		return;
	p = (const char *)f->data;
	end = p + f->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *colon;
		char *line, *kind, *pat;
		enum line_class cls = L_DROP;
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		lineno++;
		line = trim_dup(p, n);
		p += n + (nl ? 1 : 0);
		colon = strchr(line, ':');
		if (!*line || *line == '#' || !colon) {
			if (*line && *line != '#')
				warnx_("data/boilerplate.txt:%d: no 'KIND:' (ignored)", lineno);
			free(line);
			continue;
		}
		kind = trim_dup(line, (size_t)(colon - line));
		pat = trim_dup(colon + 1, strlen(colon + 1));
		if (strncmp(kind, "credit ", 7) == 0)
			cls = L_CREDIT;
		else if (strncmp(kind, "tail ", 5) == 0)
			cls = L_TAIL;
		else if (strncmp(kind, "author ", 7) == 0)
			cls = L_AUTHOR;
		else if (strncmp(kind, "drop ", 5) == 0)
			cls = L_DROP;
		{
			char *k = strrchr(kind, ' '), *slash;
			size_t max = RULE_MAX_BYTES;
			k = k ? k + 1 : kind;
			slash = strchr(k, '/');
			if (slash) {
				char *e;
				unsigned long v = strtoul(slash + 1, &e, 10);
				*slash = '\0';
				if (*e || v == 0 || v > RULE_MAX_BYTES)
					warnx_("data/boilerplate.txt:%d: bad length '/%s'", lineno, slash + 1);
				else
					max = v;
			}
			if (*pat == '\0') {
				warnx_("data/boilerplate.txt:%d: empty pattern (ignored)", lineno);
			} else if (strcmp(k, "regex") == 0 && max == RULE_MAX_BYTES) {
				add_regex(&alt[2 * cls], pat, lineno);
			} else if (strcmp(k, "regex") == 0) {
				struct rule r = {R_REGEX, cls, NULL, 0, max, {0}};
				if (rx_comp(&r.re, pat, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) {
					warnx_("data/boilerplate.txt:%d: bad regular expression '%s' (ignored)",
					       lineno, pat);
				} else {
					r.pat = xstrdup(pat);
					VEC_PUSH(&pats.rules, r);
					buf_printf(&any, "%s(%s)", any.len ? "|" : "", pat);
				}
			} else if (strcmp(k, "exact") == 0 || strcmp(k, "prefix") == 0) {
				struct rule r = {k[0] == 'e' ? R_EXACT : R_PREFIX, cls, NULL, 0, max, {0}};
				r.pat = xstrdup(pat);
				util_ascii_lower_str(r.pat);
				r.len = strlen(r.pat);
				VEC_PUSH(&pats.rules, r);
			} else {
				warnx_("data/boilerplate.txt:%d: unknown kind '%s' (ignored)", lineno, kind);
			}
		}
		free(kind);
		free(pat);
		free(line);
	}
	for (c = 0; c < 2 * NCLASSES; c++)
		if (alt[c].len)
			buf_printf(&any, "%s%s%s%s", any.len ? "|" : "", c % 2 ? "^(" : "(", alt[c].s, ")");
	/* One expression for all of them: a line of text, which matches none,
	 * then costs one regexec instead of one per class and length. */
	if (any.len && rx_comp(&pats.any, any.s, REG_EXTENDED | REG_ICASE | REG_NOSUB) == 0)
		pats.has_any = true;
	buf_free(&any);
	for (c = 0; c < 2 * NCLASSES; c++) {
		if (c % 2 && alt[c].len) {
			char *a = xasprintf("^(%s)", alt[c].s);
			buf_free(&alt[c]);
			alt[c].s = a;
			alt[c].len = strlen(a);
		}
		if (alt[c].len &&
		    rx_comp(&pats.re[c], alt[c].s, REG_EXTENDED | REG_ICASE | REG_NOSUB) == 0)
			pats.has_re[c] = true;
		buf_free(&alt[c]);
	}
}

static void load_outlets(void)
{
	const struct embedded_file *f = embedded_get("data/outlets.txt");
	const char *p, *end;

	if (!f)
		return;
	p = (const char *)f->data;
	end = p + f->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = trim_dup(p, n), *save = NULL, *tok;
		const char *name = NULL;

		p += n + (nl ? 1 : 0);
		if (!*line || *line == '#') {
			free(line);
			continue;
		}
		for (tok = strtok_r(line, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
			struct outlet o;
			char *a = trim_dup(tok, strlen(tok));
			if (!*a) {
				free(a);
				continue;
			}
			if (!name) {
				VEC_PUSH(&pats.names, xstrdup(a));
				name = pats.names.v[pats.names.n - 1];
			}
			o.alias = a;
			o.len = strlen(a);
			o.name = name;
			VEC_PUSH(&pats.outlets, o);
		}
		free(line);
	}
}

#define MONTH "(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\\.?"
#define DATE                                                                   \
	"((mon|tues?|wed(nes)?|thu(rs?)?|fri|sat(ur)?|sun)(day)?,? )?"              \
	"([0-9]{1,2}(st|nd|rd|th)? " MONTH ",? [0-9]{4}|" MONTH " [0-9]{1,2}(st|nd|rd|th)?,? [0-9]{4}|" \
	"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{4})"

void imp_load(void)
{
	if (pats.loaded)
		return;
	pats.loaded = true;
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (!c_locale)
		fatal("import: cannot create the C locale");
	load_rules();
	load_outlets();
	if (rx_comp(&pats.date_label,
	            "^((first |last )?(published|updated|posted|modified|amended|edited|date)( on| at)?[ ]?[:|-]?)[ ]*",
	            REG_EXTENDED | REG_ICASE) != 0 ||
	    rx_comp(&pats.date, "^" DATE, REG_EXTENDED | REG_ICASE) != 0 ||
	    rx_comp(&pats.time_stamp, " ([0-9]{1,2}[:.][0-9]{2}( ?[ap]\\.?m\\.?)?|" DATE ")( |$)",
	            REG_EXTENDED | REG_ICASE) != 0)
		fatal("import: built-in date patterns do not compile");
}

/* ---- matching lines ------------------------------------------------------ */

static bool is_decoration(ucs4_t c)
{
	return c == ' ' || c == '-' || c == '*' || c == '#' || c == '>' || c == '|' || c == '=' ||
	       c == '~' || c == 0x2022 || c == 0xB7 || c == 0x2013 || c == 0x2014 || c == 0xBB ||
	       c == 0x203A || c == 0x25BA || c == 0x25B6 || c == 0x25AA || c == 0x2023;
}

static bool is_trailing_decoration(ucs4_t c)
{
	return is_decoration(c) || c == ':' || c == '.' || c == 0x2026 || c == ',';
}

/* The line with its decoration stripped, ASCII in lower case: what exact
 * and prefix rules compare with.  *core_len excludes trailing decoration. */
static void rule_key(const char *s, size_t n, char k[RULE_MAX_BYTES + 1], size_t *key_len,
                     size_t *core_len)
{
	size_t i = 0, st;

	while (i < n) {
		int m = u8_mblen((const uint8_t *)s + i, n - i);
		if (m <= 0 || !is_decoration(imp_first_uc(s + i, n - i)))
			break;
		i += (size_t)m;
	}
	memcpy(k, s + i, n - i);
	k[n - i] = '\0';
	util_ascii_lower_str(k);
	*key_len = n - i;
	*core_len = *key_len;
	while (*core_len && is_trailing_decoration(imp_last_uc(k, *core_len, &st)))
		*core_len = st;
}

enum line_class imp_match_rules(const char *s, size_t n)
{
	size_t klen, core, i;
	char key[RULE_MAX_BYTES + 1];
	enum line_class best = L_TEXT;
	static const enum line_class order[] = {L_AUTHOR, L_TAIL, L_CREDIT, L_DROP};

	if (n == 0 || n > RULE_MAX_BYTES)
		return L_TEXT;
	rule_key(s, n, key, &klen, &core);
	for (i = 0; i < pats.rules.n && best == L_TEXT && klen; i++) {
		const struct rule *r = &pats.rules.v[i];
		if (r->pat[0] != key[0] || r->kind == R_REGEX || n > r->max)
			continue;
		if (r->kind == R_EXACT) {
			if (core == r->len && memcmp(key, r->pat, core) == 0)
				best = r->cls;
		} else if (klen >= r->len && memcmp(key, r->pat, r->len) == 0) {
			unsigned char last = (unsigned char)r->pat[r->len - 1], next;
			bool word_end = !((last | 0x20) >= 'a' && (last | 0x20) <= 'z') &&
			                !(last >= '0' && last <= '9');
			next = klen > r->len ? (unsigned char)key[r->len] : ' ';
			if (word_end || !uc_is_alnum(imp_first_uc(key + r->len, klen - r->len)) || next == ' ')
				best = r->cls;
		}
	}
	if (best != L_TEXT)
		return best;
	/* Regular expressions cost far more than the rest of the clean-up
	 * together; prose (12 words or more ending like a sentence) is not
	 * tried against them.  Exact and prefix rules still see it. */
	if (imp_count_words(s, n) >= 12 && imp_ends_sentence(s, n))
		return L_TEXT;
	memcpy(key, s, n);
	key[n] = '\0';
	if (!pats.has_any || rx_exec(&pats.any, key, 0, NULL) != 0)
		return L_TEXT;
	for (i = 0; i < ARRAY_SIZE(order) && best == L_TEXT; i++) {
		size_t c = 2 * (size_t)order[i], j;
		if ((pats.has_re[c] && rx_exec(&pats.re[c], key, 0, NULL) == 0) ||
		    (pats.has_re[c + 1] && rx_exec(&pats.re[c + 1], key, 0, NULL) == 0))
			best = order[i];
		/* Rules with a length of their own are few and compiled alone:
		 * a bounded repetition such as .{0,80} would make the combined
		 * expression huge. */
		for (j = 0; j < pats.rules.n && best == L_TEXT; j++) {
			const struct rule *r = &pats.rules.v[j];
			if (r->kind == R_REGEX && r->cls == order[i] && n <= r->max &&
			    rx_exec(&r->re, key, 0, NULL) == 0)
				best = order[i];
		}
	}
	return best;
}

/* The outlet an alias names, when s (of length n) is exactly an alias. */
const char *imp_outlet_exact(const char *s, size_t n, bool icase)
{
	size_t i;

	for (i = 0; i < pats.outlets.n; i++) {
		const struct outlet *o = &pats.outlets.v[i];
		if (o->len == n && (icase ? strncasecmp(o->alias, s, n) : strncmp(o->alias, s, n)) == 0)
			return o->name;
	}
	return NULL;
}

static bool word_boundary_at(const char *s, size_t n, size_t i)
{
	return i >= n || !uc_is_alnum(imp_first_uc(s + i, n - i));
}

/* The longest alias at the start of s, with its length. */
static const char *outlet_prefix(const char *s, size_t n, size_t *alen)
{
	size_t i, best = 0;
	const char *name = NULL;

	for (i = 0; i < pats.outlets.n; i++) {
		const struct outlet *o = &pats.outlets.v[i];
		if (o->alias[0] == s[0] && o->len > best && o->len <= n && memcmp(o->alias, s, o->len) == 0) {
			best = o->len;
			name = o->name;
		}
	}
	*alen = best;
	return name;
}

/* The first alias that appears as whole words anywhere in s. */
const char *imp_outlet_within(const char *s, size_t n)
{
	size_t i, alen;

	for (i = 0; i < n; i++) {
		const char *name;
		if (i && uc_is_alnum(imp_last_uc(s, i, NULL)))
			continue;
		if ((unsigned char)s[i] >= 0x80 && (unsigned char)s[i] < 0xC0)
			continue;
		name = outlet_prefix(s + i, n - i, &alen);
		if (name && word_boundary_at(s, n, i + alen))
			return name;
	}
	return NULL;
}

/* "BBC News", "NOS NewsAmended", "Reuters | Updated 12 Sep 2023". */
const char *imp_outlet_line(const char *s, size_t n)
{
	size_t alen;
	const char *name;

	if (n > 80)
		return NULL;
	name = outlet_prefix(s, n, &alen);
	if (!name)
		return NULL;
	s += alen;
	n -= alen;
	while (n && (*s == ' ' || *s == '|' || *s == ',' || *s == '-')) {
		s++;
		n--;
	}
	if (n == 0)
		return name;
	/* Words a page glues to the outlet's name in a credit line. */
	if (lexicon_find(lexicon_words(IMPORT_WORDS), s, n, true, "outlet-suffix"))
		return name;
	{
		char *z = xstrndup(s, n);
		int r = rx_exec(&pats.date, z, 0, NULL);
		free(z);
		if (r == 0)
			return name;
	}
	return NULL;
}

/* Every date the patterns know has a digit; most lines have none. */
static bool memchr_digit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return true;
	return false;
}

/* The date a line states: "Published 13 Sep 2023", "Updated: 12 September
 * 2023, 10:31 IST", "September 12, 2023".  The date as written, or NULL. */
char *imp_date_line(const char *s, size_t n)
{
	regmatch_t m[2];
	char *z, *res = NULL;
	size_t off = 0;

	if (n > 100 || !memchr_digit(s, n))
		return NULL;
	z = xstrndup(s, n);
	if (rx_exec(&pats.date_label, z, 1, m) == 0)
		off = (size_t)m[0].rm_eo;
	if (rx_exec(&pats.date, z + off, 1, m) == 0) {
		size_t rest = n - off - (size_t)m[0].rm_eo;
		/* A date followed by a sentence is text that starts with a date;
		 * one followed by a time and a note ("1:05 AM GMT Updated 3 days
		 * ago") is a date line. */
		if (off || rest <= 24 || (rest <= 60 && !imp_ends_sentence(z, n)))
			res = xstrndup(z + off, (size_t)m[0].rm_eo);
	}
	free(z);
	return res;
}

/* "and", "van", "bin": a word that may sit between the words of names in
 * a byline (data/LANG/name-particles.txt). */
static bool name_connector(const char *w, size_t n)
{
	return lexicon_find(lexicon_words("name-particles"), w, n, false, NULL) != NULL;
}

/* Is s a person's or a desk's name: 1 to 8 capitalised words (connectors
 * such as "and" or "van" allowed), no sentence punctuation? */
bool imp_name_like(const char *s, size_t n)
{
	size_t i = 0, words = 0;

	if (n == 0 || n > 80 || imp_ends_sentence(s, n))
		return false;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != ' ')
			j++;
		if (j > i) {
			size_t wl = j - i;
			if (s[j - 1] == ',')
				wl--;
			words++;
			if (!imp_is_upper_initial(s + i, wl) && !name_connector(s + i, wl))
				return false;
		}
		i = j + 1;
	}
	return words >= 1 && words <= 8;
}

/* "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Written by ...".
 * Sets *name (and *outlet when the byline names one). */
bool imp_byline_line(const char *s, size_t n, char **name, const char **outlet)
{
	const struct lexicon_list *wl = lexicon_words(IMPORT_WORDS);
	size_t i, k = 0, end;
	const char *comma;

	if (n > 120)
		return false;
	/* An opener ("by", "written by", "author:") and a space. */
	for (i = 0; i < wl->n; i++) {
		const struct lexicon_entry *e = &wl->v[i];
		if (lexicon_has_class(e, "byline-intro") && n > e->len + 1 &&
		    strncasecmp(s, e->word, e->len) == 0 && s[e->len] == ' ') {
			k = e->len + 1;
			break;
		}
	}
	if (!k)
		return false;
	s += k;
	n -= k;
	end = n;
	*outlet = NULL;
	comma = memchr(s, ',', n);
	if (comma) {
		size_t c = (size_t)(comma - s), r = c + 1;
		while (r < n && s[r] == ' ')
			r++;
		*outlet = imp_outlet_exact(s + r, n - r, false);
		end = c;
	}
	while (end && s[end - 1] == ' ')
		end--;
	if (!imp_name_like(s, end))
		return false;
	*name = xstrndup(s, end);
	return true;
}

/* "NewsDrum Desk", "ET Online Desk": a newsroom signing the story. */
bool imp_desk_line(const char *s, size_t n)
{
	return n > 5 && n <= 50 && strncmp(s + n - 5, " Desk", 5) == 0 && imp_name_like(s, n) &&
	       imp_count_words(s, n) <= 5;
}

/* The outlet behind a desk byline ("NewsDrum Desk" → "NewsDrum"): a
 * newsroom that signs as a desk names its own publication. */
char *imp_desk_outlet(const char *s)
{
	const struct lexicon_list *wl = lexicon_words(IMPORT_WORDS);
	size_t n = strlen(s), i;

	/* A space and a desk ("Web Desk", "Desk"), the longer ones first. */
	for (i = 0; i < wl->n; i++) {
		const struct lexicon_entry *e = &wl->v[i];
		size_t l = e->len + 1;
		if (lexicon_has_class(e, "desk-tail") && n > l && s[n - l] == ' ' &&
		    memcmp(s + n - e->len, e->word, e->len) == 0) {
			const char *known = imp_outlet_exact(s, n - l, false);
			return known ? xstrdup(known) : xstrndup(s, n - l);
		}
	}
	return NULL;
}


/* Whether s starts with a date ("12 Sep 2023", "Tuesday, Sept 12, 2000"). */
bool imp_is_date(const char *s)
{
	imp_load();
	return rx_exec(&pats.date, s, 0, NULL) == 0;
}

/* The first time stamp or date within s ("4:12 PM", " 12 Sep 2023 "), in *m. */
bool imp_find_time_stamp(const char *s, regmatch_t *m)
{
	imp_load();
	return rx_exec(&pats.time_stamp, s, 1, m) == 0;
}
