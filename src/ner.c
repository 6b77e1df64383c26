/* ner.c — the named-entity recognizer behind ner.h: label names, the
 * entry point that runs the passes over each document (tokens, numbers and
 * dates, names, names defined in the text, sports clubs, company suffixes,
 * names in capitals headlines, nicknames, aliases, ages) and
 * writes the spans with their canon keys.  The passes live in src/ner_*.c,
 * behind src/ner_internal.h. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gloss/ner.h"
#include "gloss/util.h"
#include "ner_internal.h"

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
/* Entry point                                                         */

/* An array of n elements for a block's tokens or spans, not zeroed.  On
 * a long text it starts on a huge page and is all huge pages (see
 * util_large_array): fresh memory in ordinary pages cost more in page
 * faults than the passes that fill it. */
static void *big_array(size_t n, size_t size)
{
	const size_t huge = (size_t)2 << 20;
	size_t bytes;
	void *p;

	if (n == 0 || size > (SIZE_MAX - huge) / n)
		return xreallocarray(NULL, n ? n : 1, size);
	bytes = n * size;
	if (bytes < huge)
		return xreallocarray(NULL, n, size);
	bytes = (bytes + huge - 1) & ~(huge - 1);
	p = aligned_alloc(huge, bytes);
	if (!p)
		fatal("out of memory (%zu bytes)", bytes);
	util_large_array(p, bytes);
	return p;
}

/* Both passes add spans in text order: merge the two runs. */
static void merge_spans(struct doc *d)
{
	struct ispan *num;
	size_t a = 0, b = d->nnum, o = 0;
	bool sorted = true, ties_to_numbers = false;
	for (size_t k = 1; k < d->nsp; k++)
		if (d->sp[k].ts < d->sp[k - 1].ts)
			sorted = false;
	if (sorted)
		return;
	for (size_t k = d->nnum + 1; k < d->nsp; k++)
		if (d->sp[k].ts < d->sp[k - 1].ts) {
			/* The names pass went back a little (a name found after
			 * the words that follow it): an insertion sort of its run,
			 * linear when nearly in order and stable, then a merge
			 * that keeps the numbers first on a tie, as a stable sort
			 * of the whole would. */
			for (size_t q = k; q < d->nsp; q++) {
				struct ispan x = d->sp[q];
				size_t r = q;
				while (r > d->nnum && d->sp[r - 1].ts > x.ts) {
					d->sp[r] = d->sp[r - 1];
					r--;
				}
				d->sp[r] = x;
			}
			ties_to_numbers = true;
			break;
		}
	/* In place, with the numbers' run set aside: what is written never
	 * passes what is still to read of the names' run (o <= b), and once
	 * the numbers are all placed the rest of it is where it belongs. */
	num = big_array(d->nnum, sizeof *num);
	memcpy(num, d->sp, d->nnum * sizeof *num);
	while (a < d->nnum) {
		if (b >= d->nsp || num[a].ts < d->sp[b].ts || (ties_to_numbers && num[a].ts == d->sp[b].ts))
			d->sp[o++] = num[a++];
		else
			d->sp[o++] = d->sp[b++];
	}
	free(num);
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
	tv.v = big_array(tv.cap, sizeof *tv.v);
	ner_tokenize(d, &tv);
	d->t = tv.v;
	d->n = tv.n;
	/* News has about one span every seven tokens: room for one every
	 * four, so that the passes seldom grow (and copy) the array. */
	d->capsp = d->n / 4 + 64;
	d->sp = big_array(d->capsp, sizeof *d->sp);
	ner_find_numeric(d);
	d->nnum = d->nsp;
	ner_find_names(d);
	ner_propagate_defined(d);
	merge_spans(d);
	ner_sports_clubs(d);
	ner_join_corp_suffixes(d);
	ner_join_nicknames(d);
	ner_list_kinds(d);
	ner_headline_names(d);
	full_of = big_array(d->nsp, sizeof *full_of); /* ner_resolve_aliases fills it */
	ner_resolve_aliases(d, full_of);
	ner_ages(d);
	if (!out->v && d->nsp) {
		out->cap = d->nsp;
		out->v = big_array(out->cap, sizeof *out->v);
	} else if (out->cap < out->n + d->nsp) {
		out->cap = out->n + d->nsp;
		out->v = xreallocarray(out->v, out->cap, sizeof *out->v);
		util_large_array(out->v, out->cap * sizeof *out->v);
	}
	/* Spans come out sorted and never overlapping, whatever a pass left
	 * behind: of two that overlap the longer stays (the earlier when
	 * they are as long). */
	{
		size_t prev = SIZE_MAX;
		for (size_t s = 0; s < d->nsp; s++) {
			struct ispan *sp = &d->sp[s];
			if (sp->label >= NER_NLABELS)
				continue;
			if (prev != SIZE_MAX && sp->ts < d->sp[prev].te) {
				if (sp->ts >= d->sp[prev].ts && sp->te - sp->ts > d->sp[prev].te - d->sp[prev].ts) {
					d->sp[prev].label = NER_NLABELS;
					prev = s;
				} else {
					sp->label = NER_NLABELS;
				}
				continue;
			}
			prev = s;
		}
	}
	/* All the block's keys go in one allocation (see ner_result_free):
	 * each is preceded by a byte, 1 for the allocation's start, else 0;
	 * spans that share a fullest form share its key.  Offsets first,
	 * pointers once the arena stops moving.  Most keys are a word or
	 * two: room for 24 bytes a span to start with, and buf grows past
	 * it (measuring every key first took one more pass over the spans'
	 * tokens, scattered through memory on a long text). */
	n0 = out->n;
	arena.cap = d->nsp * 24 + 64;
	arena.s = big_array(arena.cap, 1);
	key_at = big_array(d->nsp, sizeof *key_at);
	memset(key_at, 0, d->nsp * sizeof *key_at); /* 0: no key yet */
	for (size_t s = 0; s < d->nsp; s++) {
		const struct ispan *sp = &d->sp[s], *fs = &d->sp[full_of[s]];
		struct ner_span o;
		size_t off;
		span_prefetch(d, s);
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
		} else if (key_at[full_of[s]] != 0) {
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
				arena.len = off + ner_canon_ascii_to(arena.s + off, ks, n, head) + 1;
			} else {
				char *c = ner_canon_of(ks, n, head);
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
	free(d->club_at.v);
	free(tv.v);
	free(d);
}

void ner_scan(const char *text, size_t len, struct ner_result *out)
{
	/* Token offsets are 32-bit: feed giant inputs in blocks cut at line
	 * breaks (or anywhere, if a line is that long). */
	const size_t block = (size_t)1 << 30;
	size_t off = 0;

	if (!ner_cclass['A'])
		ner_cclass_init();
	ner_lex_init();
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
