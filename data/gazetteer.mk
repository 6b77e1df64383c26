# Gazetteer and cue-list files embedded into gloss (owned by the recognizer).
# Generated ones come from tools/make-gazetteers.py; the others are written
# by hand.  Each file's header states its source and licence.
GAZETTEER_FILES = \
	data/gazetteer/cities.txt \
	data/gazetteer/common-acronyms.txt \
	data/gazetteer/common-words.txt \
	data/gazetteer/countries.txt \
	data/gazetteer/country-names.txt \
	data/gazetteer/currencies.txt \
	data/gazetteer/demonyms.txt \
	data/gazetteer/given-names.txt \
	data/gazetteer/heads-event.txt \
	data/gazetteer/heads-fac.txt \
	data/gazetteer/heads-gpe.txt \
	data/gazetteer/heads-loc.txt \
	data/gazetteer/heads-org.txt \
	data/gazetteer/months.txt \
	data/gazetteer/news-outlets.txt \
	data/gazetteer/organisations.txt \
	data/gazetteer/regions.txt \
	data/gazetteer/subdivisions.txt \
	data/gazetteer/titles.txt \
	data/gazetteer/tz-cities.txt \
	data/gazetteer/units.txt \
	data/gazetteer/weekdays.txt
# Word lists by language (data/LANG/), read through src/lexicon.c by the
# recognizer, the importer, the sentence splitter and the comparison.
LEXICON_FILES = \
	data/en/abbreviations.txt \
	data/en/cues.txt \
	data/en/grammar.txt \
	data/en/name-particles.txt
NER_EXTRA_SOURCES =
NER_EXTRA_DIST = tools/make-gazetteers.py tests/eval-ner.sh
