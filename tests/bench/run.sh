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
