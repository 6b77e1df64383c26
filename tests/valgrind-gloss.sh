#!/bin/sh
# valgrind-gloss.sh — gloss under valgrind, for make check-valgrind: the
# script tests call it wherever they would call gloss.
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	"${TOP_BUILDDIR:?}/src/gloss" "$@"
