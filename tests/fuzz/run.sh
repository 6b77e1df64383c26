#!/bin/sh
# run.sh — build the libFuzzer targets with clang and run each for a
# bounded time.  Usage: tests/fuzz/run.sh SRCDIR BUILDDIR [SECONDS]
# (default 20 s a target).  Environment: CLANG (default clang),
# FUZZ_TARGETS (a subset, e.g. "layout anchor"), FUZZ_FLAGS (more libFuzzer
# options, e.g. "-max_len=65536"); one fuzzer runs at a time.  Exits 1 on
# any finding (crash, sanitizer report, broken invariant, timeout, out of
# memory) or build failure, and prints the executions each target made.
# New corpus entries go to BUILDDIR/tests/fuzz/work/TARGET, findings to
# BUILDDIR/tests/fuzz/findings/; the seeds in SRCDIR/tests/fuzz/corpus/
# and the regression inputs in SRCDIR/tests/fuzz/regress/ are read, never
# written.
set -u

SRCDIR=${1:?usage: run.sh SRCDIR BUILDDIR [SECONDS]}
BUILDDIR=${2:?usage: run.sh SRCDIR BUILDDIR [SECONDS]}
SECONDS_EACH=${3:-20}
CLANG=${CLANG:-clang}
TARGETS=${FUZZ_TARGETS:-import ner layout config anchor compare export extract feed restore}

SRCDIR=$(cd "$SRCDIR" && pwd) || exit 1
mkdir -p "$BUILDDIR" && BUILDDIR=$(cd "$BUILDDIR" && pwd) || exit 1
OUT=$BUILDDIR/tests/fuzz
OBJ=$OUT/obj
mkdir -p "$OBJ" "$OUT/findings" || exit 1

if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "fuzz: $CLANG not found; install clang to build the fuzz targets" >&2
	exit 1
fi

# config.h comes from configure (in the build tree); embedded.c is
# generated there by 'make src/embedded.c'.
for d in "$BUILDDIR" "$SRCDIR"; do
	[ -f "$d/config.h" ] && CONFIG_DIR=$d && break
done
[ -n "${CONFIG_DIR:-}" ] || { echo "fuzz: no config.h in $BUILDDIR or $SRCDIR: run configure first" >&2; exit 1; }
for f in "$BUILDDIR/src/embedded.c" "$SRCDIR/src/embedded.c"; do
	[ -f "$f" ] && EMBEDDED=$f && break
done
[ -n "${EMBEDDED:-}" ] || { echo "fuzz: no src/embedded.c: run 'make src/embedded.c' first" >&2; exit 1; }

SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
XML_CFLAGS=$(pkg-config --cflags libxml-2.0 jansson libcurl 2>/dev/null)
XML_LIBS=$(pkg-config --libs libxml-2.0 jansson libcurl 2>/dev/null || echo "-lxml2 -ljansson -lcurl")
CFLAGS_F="-std=c11 -g -O1 -fno-omit-frame-pointer -I$CONFIG_DIR -I$SRCDIR -I$SRCDIR/include $XML_CFLAGS"
LIBS="-lunistring -lsqlite3 -lm $XML_LIBS"

# obj NAME SOURCE [EXTRA FLAGS]: compile once into $OBJ, again when the source is newer.
obj() {
	o=$OBJ/$1.o
	if [ ! -f "$o" ] || [ "$2" -nt "$o" ]; then
		# shellcheck disable=SC2086
		"$CLANG" $CFLAGS_F $3 -c -o "$o.tmp" "$2" || { rm -f "$o.tmp"; return 1; }
		mv "$o.tmp" "$o"
	fi
	echo "$o"
}

# Every target links one archive of the model library, built from the
# list in Makefile.am (src_libgloss_a_SOURCES), so that a file split or
# added there needs no change here: the linker takes what a target uses.
model_sources() {
	awk '/^src_libgloss_a_SOURCES *\+?=/ { f = 1 } f { print; if ($0 !~ /\\$/) f = 0 }' "$SRCDIR/Makefile.am" |
		tr ' \t\\' '\n\n\n' | grep '^src/.*\.c$' | grep -v '^src/embedded\.c$'
}

model_archive() {
	a=$OBJ/libmodel.a
	objs=""
	for s in $(model_sources); do
		m=$(basename "$s" .c)
		o=$(obj "$m" "$SRCDIR/$s" "$SAN -fsanitize=fuzzer-no-link") || return 1
		objs="$objs $o"
	done
	# Data only: no instrumentation, and it compiles much faster.
	o=$(obj embedded "$EMBEDDED" "-O0") || return 1
	rm -f "$a"
	# shellcheck disable=SC2086
	ar rcs "$a" $objs "$o" || return 1
	echo "$a"
}

status=0
summary=""
ARCHIVE=$(model_archive) || ARCHIVE=""
for t in $TARGETS; do
	[ -f "$SRCDIR/tests/fuzz/fuzz_$t.c" ] || { echo "fuzz: unknown target $t" >&2; exit 1; }
	ok=1
	objs=$ARCHIVE
	[ -n "$objs" ] || ok=0
	bin=$OUT/fuzz_$t
	extra=""
	[ "$t" = export ] && extra="-lcmark" # the reference CommonMark renderer checks the writer
	if [ $ok -eq 1 ]; then
		# shellcheck disable=SC2086
		"$CLANG" $CFLAGS_F $SAN -fsanitize=fuzzer -o "$bin" "$SRCDIR/tests/fuzz/fuzz_$t.c" $objs $LIBS $extra || ok=0
	fi
	if [ $ok -eq 0 ]; then
		echo "fuzz_$t: BUILD FAILED" >&2
		summary="$summary
fuzz_$t: build failed"
		status=1
		continue
	fi

	work=$OUT/work/$t
	mkdir -p "$work"
	dirs="$work"
	for d in "$SRCDIR/tests/fuzz/corpus/$t" "$SRCDIR/tests/fuzz/regress/$t"; do
		[ -d "$d" ] && dirs="$dirs $d"
	done
	log=$OUT/fuzz_$t.log
	echo "fuzz_$t: running for ${SECONDS_EACH}s"
	# shellcheck disable=SC2086
	ASAN_OPTIONS="detect_leaks=1:abort_on_error=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
	UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
	"$bin" -max_total_time="$SECONDS_EACH" -timeout=25 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$OUT/findings/$t-" ${FUZZ_FLAGS:-} $dirs >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	if [ $rc -ne 0 ]; then
		status=1
		echo "fuzz_$t: FINDING (exit $rc), ${execs:-?} execs; log $log" >&2
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|.*invariant failed|artifact_prefix|Test unit written)' "$log" | head -20 >&2
		summary="$summary
fuzz_$t: FINDING after ${execs:-?} execs (see $log)"
	else
		summary="$summary
fuzz_$t: ${execs:-?} execs, no findings"
	fi
done
echo "fuzz summary:$summary"
exit $status
