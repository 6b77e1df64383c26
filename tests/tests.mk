# Script tests (TAP over the tap driver).  CLI_TESTS also run under
# valgrind (make check-valgrind); UI_TESTS need tmux.
CLI_TESTS = tests/cli/import.sh tests/cli/commands.sh tests/cli/annotate.sh tests/cli/export.sh
UI_TESTS = tests/ui/reader.sh tests/ui/annotate.sh tests/ui/links.sh tests/ui/config.sh
SCRIPT_TESTS = $(CLI_TESTS) $(UI_TESTS)
