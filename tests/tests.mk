# Script tests (TAP over the tap driver).  CLI_TESTS also run under
# valgrind (make check-valgrind); UI_TESTS need tmux.
CLI_TESTS = tests/cli/import.sh tests/cli/commands.sh tests/cli/annotate.sh tests/cli/export.sh \
	tests/cli/hostile.sh tests/cli/dbfaults.sh tests/cli/crash.sh tests/cli/concurrent.sh \
	tests/cli/limits.sh tests/cli/migrate.sh tests/cli/html.sh tests/cli/dates.sh \
	tests/cli/paths.sh tests/cli/keep.sh tests/cli/bounded.sh tests/cli/readonly.sh \
	tests/cli/samples.sh tests/cli/quote.sh tests/cli/export_folder.sh tests/cli/export_entities.sh tests/cli/tail.sh tests/cli/url_outlet.sh \
	tests/cli/corrections.sh
UI_TESTS = tests/ui/note_editor.sh tests/ui/reader.sh tests/ui/annotate.sh tests/ui/links.sh tests/ui/config.sh \
	tests/ui/hostile.sh tests/ui/library.sh tests/ui/mouse.sh tests/ui/paths.sh tests/ui/keep.sh tests/ui/bounded.sh tests/ui/huge.sh tests/ui/locale.sh \
	tests/ui/scale.sh tests/ui/samples.sh tests/ui/search.sh tests/ui/export.sh
# The reader's habits and fixes of issue 16.
UI_TESTS += tests/ui/focus.sh tests/ui/clipboard.sh tests/ui/select.sh tests/ui/small.sh tests/ui/newsboat.sh
CLI_TESTS += tests/cli/fetch.sh
CLI_TESTS += tests/cli/feed.sh
CLI_TESTS += tests/cli/mark.sh
UI_TESTS += tests/ui/fetch.sh
UI_TESTS += tests/ui/feeds.sh
CLI_TESTS += tests/cli/themes.sh
CLI_TESTS += tests/cli/backup.sh
CLI_TESTS += tests/cli/export_safety.sh
CLI_TESTS += tests/cli/export_notes.sh
CLI_TESTS += tests/cli/backup_feeds.sh
UI_TESTS += tests/ui/corrections.sh
UI_TESTS += tests/ui/hints.sh
UI_TESTS += tests/ui/screens.sh
UI_TESTS += tests/ui/pathprompt.sh
SCRIPT_TESTS = $(CLI_TESTS) $(UI_TESTS)

# libFuzzer targets, their seeds and regression inputs (make fuzz).
FUZZ_DIST = tests/fuzz/run.sh tests/fuzz/fuzz_common.h tests/fuzz/fuzz_import.c \
	tests/fuzz/fuzz_ner.c tests/fuzz/fuzz_layout.c tests/fuzz/fuzz_config.c \
	tests/fuzz/fuzz_anchor.c tests/fuzz/fuzz_compare.c tests/fuzz/fuzz_export.c tests/fuzz/fuzz_extract.c tests/fuzz/fuzz_feed.c tests/fuzz/fuzz_restore.c \
	tests/fuzz/corpus tests/fuzz/regress
# The structural rules (tools/check-structure): no link-level cycle, no
# source file over 1,200 lines; tools/structure-allow lists what is under way.
STRUCTURE_TESTS = tests/structure/check.sh
SCRIPT_TESTS += $(STRUCTURE_TESTS)
CLI_TESTS += tests/cli/options.sh
UI_TESTS += tests/ui/stale.sh
UI_TESTS += tests/ui/bigconfig.sh
CLI_TESTS += tests/cli/diskfull.sh
