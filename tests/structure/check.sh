#!/bin/sh
# check.sh — the structural rules of doc/HACKING.md, run by make check:
# no link-level cycle between the program's object files and no src/*.c
# over 1,200 lines (tools/check-structure says which, and why).
. "$TOP_SRCDIR/tests/lib.sh"

t_run "no link-level cycle, no source file over 1,200 lines" 0 \
	"$TOP_SRCDIR/tools/check-structure" "$TOP_SRCDIR" "$TOP_BUILDDIR"
printf '%s\n' "$T_OUT" | sed 's/^/# /'

# The checker itself finds a cycle and a long file.
mkdir -p "$T_DIR/s/src" "$T_DIR/s/tools"
cat > "$T_DIR/s/src/a.c" <<'C'
int b(void);
int a(void) { return b(); }
C
cat > "$T_DIR/s/src/b.c" <<'C'
int a(void);
int b(void) { return a() + 1; }
C
cat > "$T_DIR/s/src/c.c" <<'C'
int a(void);
int c(void) { return a(); }
C
i=0
while [ $i -lt 1201 ]; do echo "/* line */"; i=$((i + 1)); done >> "$T_DIR/s/src/c.c"
ok=1
for f in a b c; do
	${CC:-cc} -c -o "$T_DIR/s/src/$f.o" "$T_DIR/s/src/$f.c" 2>/dev/null || ok=0
done
if [ $ok = 1 ]; then
	t_run "a cycle and a long file fail" 1 "$TOP_SRCDIR/tools/check-structure" "$T_DIR/s"
	t_match "it names the cycle" "$T_OUT" "cycle between src/(a\.c src/b\.c|b\.c src/a\.c)"
	t_nomatch "c.c is in no cycle" "$(printf '%s\n' "$T_OUT" | grep cycle)" "c\.c"
	t_match "it names the long file" "$T_OUT" "src/c\.c has 1203 lines"
	printf 'lines src/c.c # someone is splitting it\ncycle src/a.c\ncycle src/b.c\n' > "$T_DIR/s/tools/structure-allow"
	t_run "the allowlist excuses them" 0 "$TOP_SRCDIR/tools/check-structure" "$T_DIR/s"
	printf 'cycle src/a.c\n' > "$T_DIR/s/tools/structure-allow"
	t_run "a cycle is excused only when all its files are" 1 "$TOP_SRCDIR/tools/check-structure" "$T_DIR/s"
fi
t_done
