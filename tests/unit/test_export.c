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

static void test_base64(void)
{
	/* Any bytes survive util_base64 and util_unbase64 (the backup's
	 * KEY_base64 members). */
	static const char raw[] = "a\xff" "b\0c\xc3\xa9\xed\xa0\x80\"\\\x01\x7f\xe2\x80\xa8z";
	size_t len = sizeof raw - 1, n, k;
	struct buf b = {0};
	unsigned char *o = NULL;
	int rc;

	for (k = 0; k <= len; k++) {
		b.len = 0;
		util_base64(&b, (const unsigned char *)raw, k);
		rc = b.len == (k + 2) / 3 * 4 && util_unbase64(b.s ? b.s : "", b.len, &o, &n) == 0;
		rc = rc && n == k && memcmp(o, raw, k) == 0;
		free(o);
		o = NULL;
		if (!rc)
			break;
	}
	CHECK(rc, "base64 round-trips every prefix of a hostile text");
	b.len = 0;
	util_base64(&b, (const unsigned char *)"foob", 4);
	CHECK(b.len == 8 && memcmp(b.s, "Zm9vYg==", 8) == 0, "RFC 4648 padding");
	CHECK(util_unbase64("Zm9vYg=", 7, &o, &n) != 0, "a length not a multiple of 4 is refused");
	CHECK(util_unbase64("Zm=vYg==", 8, &o, &n) != 0, "padding in the middle is refused");
	CHECK(util_unbase64("Zm9v!g==", 8, &o, &n) != 0, "a byte out of the alphabet is refused");
	buf_free(&b);
}

static void test_json_bytes(void)
{
	/* The --json listings keep bytes that are not UTF-8 as \udcXX. */
	static const char raw[] = "a\xff" "b\0c\xc3\xa9\xed\xa0\x80\"\\\x01\x7f\xe2\x80\xa8z";
	size_t len = sizeof raw - 1;
	struct buf b = {0};

	json_put_str(&b, raw, len);
	CHECK_STR(b.s, "\"a\\udcffb\\u0000c\xc3\xa9\\udced\\udca0\\udc80\\\"\\\\\\u0001\\u007f\\u2028z\"",
	          "bytes that are not UTF-8 are escaped as \\udcXX (and U+2028 as \\u2028)");
	buf_free(&b);
}

int main(void)
{
	test_markdown();
	test_yaml();
	test_tags();
	test_names();
	test_base64();
	test_json_bytes();
	return tap_done();
}
