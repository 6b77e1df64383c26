# server.sh — for the script tests that need a web server (source it after
# tests/lib.sh): t_server starts tests/fetch/server.py on 127.0.0.1 on a
# free port, serving a private copy of tests/fetch in $T_WWW (change a
# page by rewriting its file there), logging each request to $T_LOG.
# Sets T_PORT and T_URL (http://127.0.0.1:PORT).  The server stops when
# the test ends.  Nothing here reaches beyond this machine.

# Every request of the tests is to 127.0.0.1: never through a proxy.
unset http_proxy https_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY 2>/dev/null || true
T_SERVER_PIDS=""
T_WWW=$T_DIR/www
T_LOG=$T_DIR/server.log

t_server_stop() {
	for pid in $T_SERVER_PIDS; do
		kill "$pid" 2>/dev/null
	done
	T_SERVER_PIDS=""
}
trap 't_server_stop; t_cleanup' EXIT

# t_server [--tls CERT KEY]: start a server; its port in T_PORT.
t_server() {
	[ -n "${PYTHON3:-}" ] && [ -x "$PYTHON3" ] || t_skip_all "python3 is not installed"
	if [ ! -d "$T_WWW" ]; then
		mkdir -p "$T_WWW"
		for f in "$TOP_SRCDIR"/tests/fetch/*; do
			case $f in *.py | *.sh) ;; *) cp "$f" "$T_WWW/" ;; esac
		done
		chmod u+w "$T_WWW"/*
	fi
	out=$T_DIR/server.$$.$RANDOM
	"$PYTHON3" "$TOP_SRCDIR/tests/fetch/server.py" "$T_WWW" --lifetime 600 --log "$T_LOG" "$@" \
		>"$out" 2>"$out.err" &
	T_SERVER_PIDS="$T_SERVER_PIDS $!"
	i=0
	T_PORT=""
	while [ $i -lt 100 ]; do
		T_PORT=$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$out")
		[ -n "$T_PORT" ] && break
		sleep 0.1
		i=$((i + 1))
	done
	if [ -z "$T_PORT" ]; then
		echo "Bail out! the test web server did not start: $(cat "$out.err")"
		exit 1
	fi
	T_URL=http://127.0.0.1:$T_PORT
}

# t_log_last: the last request the servers saw.
t_log_last() { tail -n 1 "$T_LOG" 2>/dev/null; }
