/* entity_alias.c — the library's rule for a bare name (see
 * entity_alias.h). */
#include "config.h"

#include <string.h>

#include "gloss/entity_alias.h"
#include "gloss/util.h"

int entity_alias_is_bare(const char *label, const char *name)
{
	return strcmp(label, "PERSON") == 0 && !strchr(name, ' ');
}

int entity_alias_pick(const int64_t *mentions, size_t n)
{
	if (n == 1 || (n >= 2 && mentions[0] >= 3 * (mentions[1] ? mentions[1] : 1)))
		return 0;
	return -1;
}

int entity_alias_bare_names(const char *full, char *names[2])
{
	const char *first_end = strchr(full, ' ');

	if (!first_end)
		return -1;
	names[0] = xstrdup(strrchr(full, ' ') + 1);
	names[1] = xstrndup(full, (size_t)(first_end - full));
	return 0;
}
