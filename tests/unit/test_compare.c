/* test_compare.c — quantities read from sentences and the flags raised
 * when two passages disagree. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/compare.h"
#include "gloss/lexicon.h"
#include "tap.h"

static struct compare_qtys scan(const char *s)
{
	struct compare_qtys q = {0};
	compare_scan(s, strlen(s), &q);
	return q;
}

static char *diff(const char *a, const char *b)
{
	struct compare_qtys qa = scan(a), qb = scan(b);
	char *d = compare_differences(a, &qa, b, &qb);
	free(qa.v);
	free(qb.v);
	return d;
}

int main(void)
{
	struct compare_qtys q;
	char *d;

	q = scan("The ferry covers 1,200 kilometres in about 20 hours.");
	CHECK_INT(q.n, 2, "a distance and a duration");
	CHECK(q.n == 2 && q.v[0].kind == CMP_DISTANCE && q.v[0].value == 1200000, "1,200 kilometres in metres");
	CHECK(q.n == 2 && q.v[1].kind == CMP_DURATION && q.v[1].value == 72000, "20 hours in seconds");
	free(q.v);
	q = scan("A 200km road, a 3.5-mile trail, and 60 kilometres per hour.");
	CHECK(q.n == 3 && q.v[0].value == 200000 && q.v[1].kind == CMP_DISTANCE &&
	          q.v[2].kind == CMP_SPEED && q.v[2].value == 60,
	      "glued units, hyphenated units and speeds");
	free(q.v);
	q = scan("It cost $1.5 billion, up 12% on five years ago.");
	CHECK(q.n == 3 && q.v[0].kind == CMP_MONEY && q.v[0].value == 1.5e9 &&
	          strcmp(q.v[0].currency, "USD") == 0,
	      "money with a scale");
	CHECK(q.n == 3 && q.v[1].kind == CMP_PERCENT && q.v[1].value == 12, "a percentage");
	CHECK(q.n == 3 && q.v[2].kind == CMP_DURATION, "number words with a unit");
	free(q.v);
	q = scan("It raised $2m in twelve days; the wall is 2m high.");
	CHECK(q.n >= 2 && q.v[0].kind == CMP_MONEY && q.v[0].value == 2e6,
	      "a scale word only after a currency, from data/en/number-values.txt");
	CHECK(q.n >= 2 && q.v[1].kind == CMP_DURATION && q.v[1].value == 12 * 86400.0,
	      "a number word's value from the data file");
	free(q.v);
	{
		/* Every unit in data/en/unit-values.txt is read with its kind and
		 * factor (a unit added there is used). */
		static const char *const kinds[] = {"", "distance", "duration", "speed", "", "share"};
		const struct lexicon_list *ul = lexicon_words("unit-values");
		size_t i, k, bad = 0;
		char line[120];
		for (i = 0; i < ul->n; i++) {
			const struct lexicon_entry *e = &ul->v[i];
			size_t n = strcspn(e->cls, " ");
			for (k = 1; k < sizeof kinds / sizeof kinds[0]; k++)
				if (strlen(kinds[k]) == n && strncmp(e->cls, kinds[k], n) == 0)
					break;
			snprintf(line, sizeof line, "They went 7 %s today.", e->word);
			q = scan(line);
			if (!(q.n == 1 && (size_t)q.v[0].kind == k && q.v[0].value == 7 * strtod(e->cls + n, NULL) &&
			      q.v[0].end == 12 + e->len)) {
				printf("# unit not read: %s\n", line);
				bad++;
			}
			free(q.v);
		}
		CHECK(ul->n >= 39 && bad == 0, "every unit of the data file is read (%zu units)", ul->n);
	}
	q = scan("Route 66 and the A1 are not quantities; nor is 2023.");
	CHECK_INT(q.n, 0, "numbers without units are not compared");
	free(q.v);

	d = diff("The bus will travel 1,200 kilometres to the coast.",
	         "The bus is expected to cover 683 miles to the coast.");
	CHECK(d && strstr(d, "distance differs: 1,200 kilometres") && strstr(d, "683 miles (≈1099 km)"),
	      "kilometres against miles that disagree: %s", d ? d : "(none)");
	free(d);
	d = diff("The bus will travel 1,100 kilometres.", "The bus will cover 683 miles.");
	CHECK(d == NULL, "1,100 km and 683 miles agree within 5%%");
	free(d);
	d = diff("It takes about 20 hours.", "It takes at least 20 hours.");
	CHECK(d == NULL, "the same duration with other modifiers agrees");
	free(d);
	d = diff("The talks began on Monday.", "The talks began on Tuesday.");
	CHECK(d && strstr(d, "day differs: Monday vs Tuesday"), "different weekdays are flagged");
	free(d);
	d = diff("A 12% rise.", "Costs of $4 million.");
	CHECK(d == NULL, "nothing of the same kind, nothing to flag");
	free(d);
	d = diff("", "");
	CHECK(d == NULL, "empty texts");
	free(d);
	{
		/* Any bytes: no crash, spans in bounds. */
		char junk[512];
		size_t i, k;
		unsigned s = 1;
		for (k = 0; k < 200; k++) {
			for (i = 0; i < sizeof junk; i++) {
				s = s * 1103515245 + 12345;
				junk[i] = "0123456789 ,.%$kmhilesourday\xc3\xa9"[(s >> 16) % 31];
			}
			compare_scan(junk, sizeof junk, &q);
			for (i = 0; i < q.n; i++)
				if (q.v[i].end > sizeof junk || q.v[i].start >= q.v[i].end)
					break;
			if (i < q.n)
				break;
			free(q.v);
			memset(&q, 0, sizeof q);
		}
		CHECK_INT(k, 200, "random text gives spans in bounds");
		free(q.v);
	}
	return tap_done();
}
