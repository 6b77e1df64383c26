# Script tests (TAP over the tap driver).
SCRIPT_TESTS = tests/cli/import.sh tests/cli/commands.sh tests/cli/annotate.sh \
	tests/ui/reader.sh tests/ui/annotate.sh tests/ui/links.sh
