# Gazetteer and cue-list files embedded into gloss (owned by the recognizer).
# Generated ones come from tools/make-gazetteers.py; the others are written
# by hand.  Each file's header states its source and licence.
GAZETTEER_FILES = \
	data/en/gazetteer/cities.txt \
	data/en/gazetteer/common-acronyms.txt \
	data/en/gazetteer/common-words.txt \
	data/en/gazetteer/companies.txt \
	data/en/gazetteer/countries.txt \
	data/en/gazetteer/country-names.txt \
	data/en/gazetteer/currencies.txt \
	data/en/gazetteer/demonyms.txt \
	data/en/gazetteer/geonames-cities.txt \
	data/en/gazetteer/given-names.txt \
	data/en/gazetteer/holidays.txt \
	data/en/gazetteer/heads-event.txt \
	data/en/gazetteer/heads-fac.txt \
	data/en/gazetteer/heads-gpe.txt \
	data/en/gazetteer/heads-loc.txt \
	data/en/gazetteer/heads-org.txt \
	data/en/gazetteer/months.txt \
	data/en/gazetteer/news-outlets.txt \
	data/en/gazetteer/organisations.txt \
	data/en/gazetteer/provinces.txt \
	data/en/gazetteer/regions.txt \
	data/en/gazetteer/subdivisions.txt \
	data/en/gazetteer/titles.txt \
	data/en/gazetteer/tz-cities.txt \
	data/en/gazetteer/units.txt \
	data/en/gazetteer/weekdays.txt
# Word lists by language (data/LANG/), read through src/lexicon.c by the
# recognizer, the importer, the sentence splitter and the comparison.
LEXICON_FILES = \
	data/en/abbreviations.txt \
	data/en/cues.txt \
	data/en/grammar.txt \
	data/en/import-words.txt \
	data/en/name-particles.txt \
	data/en/number-values.txt \
	data/en/rule-words.txt \
	data/en/unit-values.txt
NER_EXTRA_SOURCES =
NER_EXTRA_DIST = tools/make-gazetteers.py tests/eval-ner.sh tests/ner-dev/numbers.txt tests/ner-dev/news.txt tests/ner-dev/to-gold.py
# A list moved or added here changes what is embedded, even when the files
# themselves are older than src/embedded.c.
src/embedded.c: $(top_srcdir)/data/gazetteer.mk
