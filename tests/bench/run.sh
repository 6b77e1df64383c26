#!/bin/sh
# run.sh — make bench: print each figure beside its baseline.  Nothing here
# fails on a slow machine; the goals are printed for the reader to judge.
set -e
B=${BENCH:-tests/bench/bench}
echo "gloss benchmarks ($(uname -m), $(nproc 2>/dev/null || echo ?) cores)"
"$B" import "${BENCH_ARTICLES:-10000}"
"$B" ner "${BENCH_NER_MB:-10}"
"$B" layout "${BENCH_LAYOUT_MB:-10}"
"$B" reader 1
"$B" huge "${BENCH_HUGE_MB:-100}"
"$B" library "${BENCH_LIBRARY:-100000}"
"$B" extract "${BENCH_EXTRACT_MB:-20}"
"$B" feed "${BENCH_FEED_ITEMS:-20000}"

# gloss fetch for 50 local feeds that all answer 304 (Not Modified): the
# test web server (tests/fetch/server.py) on 127.0.0.1, the feeds followed
# through an OPML file, fetched once, then timed the second time.
GLOSS_BIN=${GLOSS:-src/gloss}
SRCDIR=$(dirname "$0")/../..
PY=${PYTHON3:-$(command -v python3 || true)}
if [ -z "$PY" ] || [ ! -x "$PY" ]; then
	echo "fetch: skipped (python3 is not installed, so there is no local test server)"
	exit 0
fi
N=${BENCH_FEEDS:-50}
W=$(mktemp -d "${TMPDIR:-/tmp}/gloss-bench-fetch.XXXXXX")
SERVER_PID=""
stop() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
	rm -rf "$W"
}
trap stop EXIT
unset http_proxy https_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
mkdir -p "$W/www" "$W/home"
i=1
while [ "$i" -le "$N" ]; do
	{
		echo '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
		echo "<title>Local feed $i</title><link>/</link>"
		echo "<item><title>Item of feed $i</title><guid>f$i-1</guid><link>/f$i/1</link>"
		echo "<description>The first item of feed $i. It has two sentences.</description></item>"
		echo '</channel></rss>'
	} >"$W/www/f$i.rss"
	i=$((i + 1))
done
"$PY" "$SRCDIR/tests/fetch/server.py" "$W/www" --lifetime 300 >"$W/port" 2>"$W/server.err" &
SERVER_PID=$!
i=0
PORT=""
while [ $i -lt 100 ] && [ -z "$PORT" ]; do
	sleep 0.1
	PORT=$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$W/port")
	i=$((i + 1))
done
if [ -z "$PORT" ]; then
	echo "fetch: skipped (the local test server did not start: $(cat "$W/server.err"))"
	exit 0
fi
{
	echo '<?xml version="1.0"?><opml version="2.0"><head><title>bench</title></head><body>'
	i=1
	while [ "$i" -le "$N" ]; do
		echo "<outline type=\"rss\" text=\"f$i\" xmlUrl=\"http://127.0.0.1:$PORT/f$i.rss\"/>"
		i=$((i + 1))
	done
	echo '</body></opml>'
} >"$W/feeds.opml"
export GLOSS_DB="$W/gloss.db" HOME="$W/home" XDG_CONFIG_HOME="$W/home/.config"
"$GLOSS_BIN" feed import-opml "$W/feeds.opml" >/dev/null
"$GLOSS_BIN" fetch --quiet >/dev/null
t0=$(date +%s.%N)
"$GLOSS_BIN" fetch >"$W/second" 2>&1 || true
t1=$(date +%s.%N)
NM=$(grep -c ': not modified$' "$W/second" || true)
echo "fetch: $N local feeds, $NM of which answered 304 (wall time, one gloss fetch)"
echo "  gloss fetch: $(echo "$t0 $t1" | awk '{ printf "%.2f s (%.1f ms a feed)", $2 - $1, ($2 - $1) * 1000 / '"$N"' }')"
