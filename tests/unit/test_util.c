/* test_util.c — allocation helpers, buffers, JSON strings, SHA-256. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss/util.h"
#include "tap.h"

static void test_sha256(void)
{
	char hex[65];
	char *million = xmalloc(1000000);

	util_sha256_hex("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256 of nothing");
	util_sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256 of abc");
	util_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	          "sha256 of the 56-byte vector (padding spills into a second block)");
	memset(million, 'a', 1000000);
	util_sha256_hex(million, 1000000, hex);
	CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	          "sha256 of a million a's");
	free(million);
}

static void test_buf(void)
{
	struct buf b = {0};
	char *s;
	int i;

	for (i = 0; i < 1000; i++)
		buf_addc(&b, 'x');
	CHECK_INT(b.len, 1000, "buffer grows");
	CHECK_INT(strlen(b.s), 1000, "buffer stays NUL-terminated");
	buf_printf(&b, "%d", 42);
	CHECK(strcmp(b.s + 1000, "42") == 0, "buf_printf appends");
	s = buf_steal(&b);
	CHECK(b.s == NULL && b.len == 0, "buf_steal resets the buffer");
	free(s);
	s = buf_steal(&b);
	CHECK_STR(s, "", "buf_steal of an empty buffer gives an empty string");
	free(s);
}

static void test_json(void)
{
	struct buf b = {0};
	const char bad[] = "a\"b\\c\n\x01\xff\xc3\xa9";

	buf_json_str(&b, bad, sizeof bad - 1);
	CHECK_STR(b.s, "\"a\\\"b\\\\c\\n\\u0001\\ufffdé\"", "JSON escapes quotes, controls and bad UTF-8");
	buf_free(&b);
	buf_json_str(&b, "\xed\xa0\x80", 3);
	CHECK_STR(b.s, "\"\\ufffd\\ufffd\\ufffd\"", "JSON refuses UTF-8-encoded surrogates");
	buf_free(&b);
}

static void test_strings(void)
{
	char *s = xasprintf("%s-%d", "a", 7);
	CHECK_STR(s, "a-7", "xasprintf");
	free(s);
	s = xstrndup("abcdef", 3);
	CHECK_STR(s, "abc", "xstrndup");
	free(s);
}

int main(void)
{
	test_sha256();
	test_buf();
	test_json();
	test_strings();
	return tap_done();
}
