# lib.sh — shared by the command-line and UI tests: a private temporary
# directory and database, TAP output, and driving gloss in a private tmux
# server.  Each test script sources it and ends with t_done.
set -u

: "${GLOSS:?GLOSS must name the gloss binary (make check sets it)}"
: "${TOP_SRCDIR:=.}"
T_N=0
T_FAILED=0
T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/gloss-test.XXXXXX")
export GLOSS_DB="$T_DIR/gloss.db"
export HOME="$T_DIR/home" XDG_CONFIG_HOME="$T_DIR/home/.config" XDG_DATA_HOME="$T_DIR/home/.local/share"
mkdir -p "$HOME"
unset NO_COLOR GLOSS_DATA_DIR 2>/dev/null || true
# ASan: leaks are checked by the valgrind target; here they would only
# mask real failures in a test's exit status.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
T_TMUX_SOCKET=""
T_TMUX_N=0

t_cleanup() {
	[ -n "$T_TMUX_SOCKET" ] && "$TMUX_BIN" -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
	rm -rf "$T_DIR"
}
trap t_cleanup EXIT

# ok CONDITION-STATUS DESCRIPTION: record one test point.
t_ok() {
	T_N=$((T_N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $T_N - $2"
	else
		T_FAILED=$((T_FAILED + 1))
		echo "not ok $T_N - $2"
	fi
}

# t_run DESCRIPTION EXPECTED_STATUS CMD... — run CMD, keeping its output in
# $T_OUT and $T_ERR, and check its exit status.
t_run() {
	desc=$1 want=$2
	shift 2
	"$@" >"$T_DIR/out" 2>"$T_DIR/err"
	got=$?
	T_OUT=$(cat "$T_DIR/out")
	T_ERR=$(cat "$T_DIR/err")
	[ "$got" -eq "$want" ]
	t_ok $? "$desc (exit $want)"
	[ "$got" -eq "$want" ] || { echo "#   exit status $got; stderr:"; sed 's/^/#   /' "$T_DIR/err" | head -20; }
}

# t_match DESCRIPTION TEXT PATTERN — TEXT matches the grep -E pattern.
t_match() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		t_ok 0 "$1"
	else
		t_ok 1 "$1"
		echo "#   no match for: $3"
		printf '%s\n' "$2" | head -20 | sed 's/^/#   | /'
	fi
}

t_nomatch() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		t_ok 1 "$1"
		echo "#   unexpected match for: $3"
		printf '%s\n' "$2" | grep -E -- "$3" | head -5 | sed 's/^/#   | /'
	else
		t_ok 0 "$1"
	fi
}

t_eq() {
	if [ "$2" = "$3" ]; then
		t_ok 0 "$1"
	else
		t_ok 1 "$1"
		echo "#   got:  $2"
		echo "#   want: $3"
	fi
}

t_skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

t_done() {
	echo "1..$T_N"
	[ "$T_FAILED" -eq 0 ]
}

# A fingerprint of a database's contents, to show a failed command changed
# nothing.
t_db_dump() {
	"$PYTHON3" - "$1" <<'PY'
import sqlite3, sys, hashlib
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
h = hashlib.sha256()
for (name,) in con.execute("select name from sqlite_schema where type='table' and name not like '%fts%' order by name"):
    for row in con.execute('select * from "%s" order by 1' % name):
        h.update(repr(row).encode())
print(h.hexdigest())
PY
}

# --- UI tests: gloss in a private tmux server ------------------------------

ui_start() { # COLS ROWS COMMAND...
	[ -n "${TMUX_BIN:-}" ] && [ -x "$TMUX_BIN" ] || t_skip_all "tmux is not installed"
	cols=$1 rows=$2
	shift 2
	# A new server name each time: a server just killed may still hold
	# its socket for a moment.
	T_TMUX_N=$((T_TMUX_N + 1))
	T_TMUX_SOCKET="gloss-test-$$-$T_TMUX_N"
	"$TMUX_BIN" -L "$T_TMUX_SOCKET" -f /dev/null new-session -d -s t -x "$cols" -y "$rows" \
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $*; echo '[gloss exited' \$?']'; sleep 30"
	"$TMUX_BIN" -L "$T_TMUX_SOCKET" set-option -g status off >/dev/null
	"$TMUX_BIN" -L "$T_TMUX_SOCKET" set-option -g remain-on-exit on >/dev/null
}

ui_stop() {
	"$TMUX_BIN" -L "$T_TMUX_SOCKET" kill-server 2>/dev/null
	T_TMUX_SOCKET=""
}

ui_keys() { "$TMUX_BIN" -L "$T_TMUX_SOCKET" send-keys -t t "$@"; }
ui_text() { "$TMUX_BIN" -L "$T_TMUX_SOCKET" send-keys -t t -l "$1"; }
ui_screen() { "$TMUX_BIN" -L "$T_TMUX_SOCKET" capture-pane -p -t t; }
ui_screen_e() { "$TMUX_BIN" -L "$T_TMUX_SOCKET" capture-pane -p -e -t t; }
ui_resize() { "$TMUX_BIN" -L "$T_TMUX_SOCKET" resize-window -t t -x "$1" -y "$2"; }

# ui_wait DESCRIPTION PATTERN [SECONDS]: poll the screen until it matches.
ui_wait() {
	limit=$(( ${3:-10} * 10 ))
	i=0
	while [ $i -lt $limit ]; do
		if ui_screen | grep -Eq -- "$2"; then
			t_ok 0 "$1"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	t_ok 1 "$1"
	echo "#   screen never matched: $2"
	ui_screen | sed 's/^/#   | /'
	return 1
}

# ui_wait_gone DESCRIPTION PATTERN [SECONDS]: poll until no line matches.
ui_wait_gone() {
	limit=$(( ${3:-10} * 10 ))
	i=0
	while [ $i -lt $limit ]; do
		if ! ui_screen | grep -Eq -- "$2"; then
			t_ok 0 "$1"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	t_ok 1 "$1"
	echo "#   screen still matches: $2"
	ui_screen | sed 's/^/#   | /'
	return 1
}
