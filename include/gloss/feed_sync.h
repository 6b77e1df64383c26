/* feed_sync.h — asking the feeds for what is new and importing it, in
 * three steps so the network never holds up the one thread that writes
 * the store (the pattern of ingest_url.h):
 *   prepare (store: the feeds to ask, their validators, the items
 *            already known),
 *   fetch   (no store, any thread: every feed at once, conditionally;
 *            each parsed; its new or changed items sorted out; the pages
 *            of the items whose feed gives too little text, at once),
 *   finish  (store: each feed's outcome recorded, new items imported as
 *            unread articles, changed ones re-imported through
 *            re-anchoring so no annotation is lost).
 * An item is known by its GUID, else its link, else a hash of its text;
 * an item whose link is already an article is not imported again. */
#ifndef GLOSS_FEED_SYNC_H
#define GLOSS_FEED_SYNC_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "gloss/fetch.h"
#include "gloss/store.h"

/* --due: a feed is asked again after this many minutes, unless its own
 * interval (gloss feed interval) or its <ttl> says longer, or the server
 * asked (Retry-After) to wait. */
#define FEED_DEFAULT_INTERVAL_MIN 60

struct feed_sync;

/* The feeds to ask: ids (n of them; n == 0: every feed).  With due_only,
 * those not due at now are left out (feed_sync_skipped counts them).
 * NULL with *err on a store error. */
struct feed_sync *feed_sync_prepare(struct store *st, const int64_t *ids, size_t n,
                                    int due_only, time_t now, char **err);
size_t feed_sync_count(const struct feed_sync *s);   /* feeds to ask */
size_t feed_sync_skipped(const struct feed_sync *s); /* not due */

/* The network (no store).  o->progress, when set, is called with index
 * 0 and the bytes received over all transfers of the current stage. */
void feed_sync_fetch(struct feed_sync *s, const struct fetch_opts *o);

/* Import; line(ctx, text) is called with each line to report, is_error
 * set for failures (text printable and cleaned, but pass it through the
 * safe output anyway).  Returns the number of feeds that failed. */
struct feed_sync_totals {
	size_t feeds, failed, new_items, updated, unchanged_feeds, page_failures, orphaned;
	int64_t *new_ids; /* the new articles (free it) */
	size_t n_new_ids;
};
size_t feed_sync_finish(struct feed_sync *s, struct store *st,
                        void (*line)(void *ctx, int is_error, const char *text), void *ctx,
                        struct feed_sync_totals *t);

void feed_sync_free(struct feed_sync *s);

/* When a feed is next due: the later of its last fetch or error plus its
 * interval, and its retry_until. Both as time_t (0 when never). */
time_t feed_sync_parse_time(const char *iso);

#endif
