# Script tests (TAP over the tap driver).
SCRIPT_TESTS = tests/cli/import.sh tests/cli/commands.sh tests/ui/reader.sh
