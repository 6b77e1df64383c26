# Theme files shipped with gloss.
THEME_FILES = themes/dark.theme themes/light.theme themes/mono.theme themes/displacy.theme
