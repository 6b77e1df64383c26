/* test_export.c — the pieces of the export that must hold for any text:
 * Markdown escaping, YAML quoting, #tag words, file names, and the strict
 * JSON reader and writer the backup uses.  (Whole exports are checked
 * against cmark and PyYAML in tests/cli/export.sh.) */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/export.h"
#include "gloss/util.h"
#include "tap.h"

static char *md(const char *s, int hard, const char *prefix)
{
	struct buf b = {0};
	export_md_text(&b, s, strlen(s), hard, prefix);
	return buf_steal(&b);
}

static char *yaml(const char *s)
{
	struct buf b = {0};
	export_yaml_str(&b, s);
	return buf_steal(&b);
}

#define MD(in, hard, prefix, want)                                        \
	do {                                                                  \
		char *got_ = md(in, hard, prefix);                                \
		CHECK_STR(got_, want, "markdown %s", #in);                        \
		free(got_);                                                       \
	} while (0)

#define YAML(in, want)                                                    \
	do {                                                                  \
		char *got_ = yaml(in);                                            \
		CHECK_STR(got_, want, "yaml %s", #in);                            \
		free(got_);                                                       \
	} while (0)

#define TAG(in, want)                                                     \
	do {                                                                  \
		char *got_ = export_tag_word(in);                                 \
		CHECK_STR(got_, want, "tag %s", #in);                             \
		free(got_);                                                       \
	} while (0)

#define NAME(id, in, want)                                                \
	do {                                                                  \
		char *got_ = export_file_name(id, in);                            \
		CHECK_STR(got_, want, "file name %s", #in);                       \
		free(got_);                                                       \
	} while (0)

static void test_markdown(void)
{
	MD("plain text, 1,200 km (745 miles).", 1, "", "plain text, 1,200 km (745 miles).");
	MD("# not a heading", 1, "", "\\# not a heading");
	/* Found by fuzzing: CommonMark drops a byte order mark at the start of
	 * a file, so it is written as a reference. */
	MD("\xef\xbb\xbfHi", 1, "", "&#65279;Hi");
	MD("> not a quote", 1, "", "\\> not a quote");
	MD("- a", 1, "", "\\- a");
	MD("+ a", 1, "", "\\+ a");
	MD(": a", 1, "", "\\: a");
	MD("---", 1, "", "\\---");
	MD("===", 1, "", "\\=\\=\\=");
	MD("1. one", 1, "", "1\\. one");
	MD("2024) year", 1, "", "2024\\) year");
	MD("2024 was", 1, "", "2024 was");
	MD("U.S. - ok", 1, "", "U.S. - ok");
	MD("```", 1, "", "\\`\\`\\`");
	MD("~~~", 1, "", "\\~\\~\\~");
	MD("<script>x</script>", 1, "", "\\<script\\>x\\</script\\>");
	MD("&amp; &copy", 1, "", "\\&amp; \\&copy");
	MD("*a* _b_ [c](d) ![e](f)", 1, "", "\\*a\\* \\_b\\_ \\[c\\](d) !\\[e\\](f)");
	MD("ends in \\", 1, "", "ends in \\\\");
	MD("$x$ ^h1 ==a== %%c%% {{s}} a|b", 1, "",
	   "\\$x\\$ \\^h1 \\=\\=a\\=\\= \\%\\%c\\%\\% \\{\\{s\\}\\} a\\|b");
	MD("  two", 1, "", "&#32;&#32;two");
	MD("\tx", 1, "", "&#9;x");
	MD("    code?", 1, "", "&#32;&#32;&#32;&#32;code?");
	MD("  - item", 1, "", "&#32;&#32;\\- item");
	MD("trail  ", 1, "", "trail&#32;&#32;");
	MD("a\nb", 1, "", "a\\\nb");
	MD("a\nb", 1, "> ", "a\\\n> b");
	MD("a\nb", 0, NULL, "a&#10;b");
	MD("a\n\nb", 1, "", "a\\\n\\\nb");
	MD("a\n", 1, "", "a&#10;");
	MD("a\n\n", 1, "", "a&#10;&#10;");
	MD("\nb", 1, "", "\\\nb");
	MD("x\\\ny", 1, "", "x\\\\\\\ny");
	MD("a\n# b", 1, "", "a\\\n\\# b");
	MD("esc \x1b[31m", 1, "", "esc &#27;\\[31m");
	MD("cr\rx", 1, "", "cr&#13;x");
	MD("bad \xff byte", 1, "", "bad \xef\xbf\xbd byte");
	MD("état — “quoted”", 1, "", "état — “quoted”");
	MD("", 1, "", "");
}

static void test_yaml(void)
{
	YAML("plain", "\"plain\"");
	YAML("He said: \"yes\"", "\"He said: \\\"yes\\\"\"");
	YAML("back\\slash", "\"back\\\\slash\"");
	YAML("a\nb\tc\rd", "\"a\\nb\\tc\\rd\"");
	YAML("\x01\x7f", "\"\\u0001\\u007F\"");
	YAML("nel \xc2\x85 ls \xe2\x80\xa8 ps \xe2\x80\xa9", "\"nel \\u0085 ls \\u2028 ps \\u2029\"");
	YAML("bom \xef\xbb\xbf", "\"bom \\uFEFF\"");
	YAML("- [a]: {b} # c & *d !e |f >g %h @i `j", "\"- [a]: {b} # c & *d !e |f >g %h @i `j\"");
	YAML("bad \xff", "\"bad \\uFFFD\"");
	YAML("東京 😀", "\"東京 😀\"");
	YAML("", "\"\"");
}

static void test_tags(void)
{
	TAG("key-fact", "key-fact");
	TAG("my new tag", "my-new-tag");
	TAG("état d'urgence", "état-d-urgence");
	TAG("2024", "tag-2024");
	TAG("1 2", "tag-1-2");
	TAG("", "tag");
	TAG("!!!", "tag");
	TAG("_x_", "x");
	TAG("a_b", "a_b");
	TAG("x-_y_-z", "x-y-z");
	TAG("topic/sub", "topic/sub");
	TAG("/a/", "a");
	TAG("#hash", "hash");
	TAG("a  --  b", "a-b");
	TAG("東京", "東京");
	TAG("bad\xff", "bad");
}

static void test_names(void)
{
	char title[300];
	int i, k;

	NAME(1, "Kim Jong Un reaches Russia", "001-kim-jong-un-reaches-russia.md");
	NAME(2, "Kim Jong Un’s train: \"Taeyangho\"", "002-kim-jong-uns-train-taeyangho.md");
	NAME(3, "", "003-article.md");
	NAME(4, NULL, "004-article.md");
	NAME(5, "../../etc/passwd", "005-etc-passwd.md");
	NAME(6, "Café Ünïcödé", "006-cafe-unicode.md");
	NAME(7, "東京", "007-article.md");
	NAME(8, "a\x1b[31mb\nc", "008-a-31mb-c.md");
	NAME(1234, "x", "1234-x.md");
	NAME(9, "It's", "009-its.md");
	NAME(10, "one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
	     "010-one-two-three-four-five-six-seven-eight-nine-ten-eleven-twelve-thirteen.md");
	/* Any bytes: a short, safe name. */
	srand(7);
	for (i = 0; i < 500; i++) {
		char *n;
		int ok = 1;
		size_t j;
		for (k = 0; k < (int)sizeof title - 1; k++)
			title[k] = (char)(rand() % 255 + 1);
		title[rand() % (int)(sizeof title)] = '\0';
		title[sizeof title - 1] = '\0';
		n = export_file_name(i, title);
		if (strlen(n) > EXPORT_NAME_MAX || strstr(n, "..") || strlen(n) < 8)
			ok = 0;
		for (j = 0; n[j]; j++)
			if (!((n[j] >= 'a' && n[j] <= 'z') || (n[j] >= '0' && n[j] <= '9') || n[j] == '-' ||
			      n[j] == '.'))
				ok = 0;
		if (!ok) {
			CHECK(0, "a safe name for random bytes: %s", n);
			free(n);
			return;
		}
		free(n);
	}
	CHECK(1, "500 random titles give safe names of at most %d bytes", EXPORT_NAME_MAX);
}

static int parse_fails_at(const char *text, size_t len, const char *want)
{
	struct json_value v;
	char *err = NULL;
	int ok;

	if (json_parse(text, len, &v, &err) == 0) {
		json_free(&v);
		printf("#   parsed: %s\n", text);
		return 0;
	}
	ok = strstr(err, want) != NULL;
	if (!ok)
		printf("#   error '%s' lacks '%s'\n", err, want);
	free(err);
	return ok;
}

#define BAD(text, want) CHECK(parse_fails_at(text, strlen(text), want), "rejects %s", #text)

static void test_json(void)
{
	static const char doc[] =
		" {\"s\": \"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", \"n\": -12, \"f\": 1.5e3,"
		" \"t\": true, \"F\": false, \"z\": null, \"a\": [1, [], {}], \"big\": 9223372036854775807} ";
	struct json_value v;
	char *err = NULL;
	int64_t i;

	int rc = json_parse(doc, strlen(doc), &v, &err);

	/* CHECK evaluates its condition twice: calls stay outside it. */
	CHECK(rc == 0, "parses a document with every kind of value");
	if (!err) {
		const struct json_value *s = json_get(&v, "s");
		CHECK(v.type == JSON_OBJECT && v.n == 8, "eight members");
		CHECK(s && s->len == 17 && memcmp(s->s, "a\"b\\c/\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80", 17) == 0,
		      "string escapes and a surrogate pair decode");
		CHECK(json_int(json_get(&v, "n"), &i) == 0 && i == -12, "an integer");
		CHECK(json_int(json_get(&v, "f"), &i) != 0, "1.5e3 is not an integer");
		CHECK(json_int(json_get(&v, "big"), &i) == 0 && i == INT64_MAX, "INT64_MAX");
		CHECK(json_get(&v, "t")->type == JSON_TRUE && json_get(&v, "F")->type == JSON_FALSE &&
		      json_get(&v, "z")->type == JSON_NULL, "true, false, null");
		CHECK(json_get(&v, "a")->n == 3 && json_get(&v, "a")->v[2].type == JSON_OBJECT, "nested");
		CHECK(json_get(&v, "nope") == NULL, "a missing member");
		json_free(&v);
	} else {
		printf("#   %s\n", err);
		free(err);
	}
	{
		struct json_value w;
		rc = json_parse("9223372036854775808", 19, &w, &err);
		rc = rc == 0 && json_int(&w, &i) != 0;
		CHECK(rc, "a number past int64 is not an integer");
		json_free(&w);
	}

	BAD("", "at byte 0: unexpected end");
	BAD("[1,]", "at byte 3");
	BAD("{\"a\":1,}", "at byte 7: expected a member name");
	BAD("{\"a\" 1}", "at byte 5: expected ':'");
	BAD("{\"a\":1,\"b\":2,\"a\":3}", "at byte 17: the member \"a\" appears twice");
	BAD("[1] x", "at byte 4: more text");
	BAD("01", "at byte 1: more text");
	BAD("-", "at byte 0: a malformed number");
	BAD("1.", "a malformed number");
	BAD("1e", "a malformed number");
	BAD("tru", "an unknown word");
	BAD("'a'", "unexpected '''");
	BAD("\"abc", "at byte 0: a string is not closed");
	BAD("\"a\nb\"", "at byte 2: a control character");
	BAD("\"\\x\"", "an unknown escape");
	BAD("\"\\u12\"", "four hex digits");
	BAD("\"\\ud800\"", "a lone high surrogate");
	BAD("\"\\ud800\\u0041\"", "a lone high surrogate");
	BAD("\"\\udc00\"", "a lone low surrogate");
	BAD("\"\xff\"", "at byte 1: not UTF-8");
	BAD("\"\xc0\x80\"", "not UTF-8");
	BAD("\xef\xbb\xbf{}", "unexpected byte 0xef");
	BAD("{\"a\\u0000b\":1}", "NUL");
	{
		char deep[200];
		memset(deep, '[', 65);
		memset(deep + 65, ']', 65);
		deep[130] = '\0';
		BAD(deep, "nested more than 64");
		deep[64] = ']';
		memset(deep + 65, ']', 63);
		deep[128] = '\0';
		rc = json_parse(deep, 128, &v, &err);
		CHECK(rc == 0, "64 levels are fine");
		json_free(&v);
	}
}

static void test_json_bytes(void)
{
	/* Any bytes survive the writer and the reader. */
	static const char raw[] = "a\xff" "b\0c\xc3\xa9\xed\xa0\x80\"\\\x01\x7f\xe2\x80\xa8z";
	size_t len = sizeof raw - 1;
	struct buf b = {0};
	struct json_value v;
	char *err = NULL;
	int rc;

	json_put_str(&b, raw, len);
	CHECK_STR(b.s, "\"a\\udcffb\\u0000c\xc3\xa9\\udced\\udca0\\udc80\\\"\\\\\\u0001\\u007f\\u2028z\"",
	          "bytes that are not UTF-8 are escaped as \\udcXX (and U+2028 as \\u2028)");
	rc = json_parse(b.s, b.len, &v, &err) == 0;
	rc = rc && v.type == JSON_STRING && v.len == len && memcmp(v.s, raw, len) == 0;
	CHECK(rc, "and read back byte for byte");
	json_free(&v);
	free(err);
	buf_free(&b);
}

int main(void)
{
	test_markdown();
	test_yaml();
	test_tags();
	test_names();
	test_json();
	test_json_bytes();
	return tap_done();
}
