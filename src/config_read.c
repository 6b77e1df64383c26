/* config_read.c — reading a config or theme file: at most a limit of
 * bytes, and of a larger file its first complete lines, so that a file
 * grown too large still gives its good lines (the caller warns). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gloss/theme.h"
#include "gloss/util.h"

int config_read_file(const char *path, size_t max, char **text, size_t *len, int *cut)
{
	int rc = util_read_regular_file(path, max, text, len), fd;
	struct stat st;
	char *buf;
	size_t got = 0;

	*cut = 0;
	if (rc != -1 || errno != EFBIG)
		return rc;
	/* O_NONBLOCK: it was a regular file a moment ago; a FIFO put in its
	 * place must not block. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	buf = xmalloc(max + 1);
	while (got < max) {
		ssize_t n = read(fd, buf + got, max - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			free(buf);
			close(fd);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	/* Only complete lines: a line cut in two would be a wrong setting. */
	while (got > 0 && buf[got - 1] != '\n')
		got--;
	buf[got] = '\0';
	*text = buf;
	*len = got;
	*cut = 1;
	return 0;
}
