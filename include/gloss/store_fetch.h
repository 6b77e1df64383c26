/* store_fetch.h — what a web server said about each URL imported from
 * it (its final URL after redirects, ETag, Last-Modified, when it was
 * fetched), so that importing the URL again asks only for a change.  The
 * rows live in the table `fetched` of the one library file; SQL stays in
 * src/store_fetch.c. */
#ifndef GLOSS_STORE_FETCH_H
#define GLOSS_STORE_FETCH_H

#include <stdint.h>

#include "gloss/store.h"

struct store_fetched {
	int64_t article_id; /* the article the URL gave */
	char *final_url, *etag, *last_modified; /* each may be NULL */
	char *fetched_at;   /* ISO 8601, UTC */
};

/* What was recorded for url (as the user gave it), while its article is
 * still in the library: 0 found, 1 none, -1 error (see store_errmsg). */
int store_fetched_get(struct store *st, const char *url, struct store_fetched *out);

/* Record (or replace) what fetching url gave, with the time now.
 * 0, or -1 (see store_errmsg). */
int store_fetched_put(struct store *st, const char *url, int64_t article_id,
                      const char *final_url, const char *etag, const char *last_modified);

void store_fetched_clear(struct store_fetched *f);

#endif
