#include "file.h"
#include "buf.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int file_open(const char *path, int flags)
{
	struct buf comp = BUF_INIT;
	const char *p = path, *slash;
	int fd = open(path, flags), dfd, nfd;

	if (fd >= 0 || errno != ENAMETOOLONG)
		return fd;
	/* Too long for one call: go down one folder at a time. */
	dfd = *p == '/' ? open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC) : AT_FDCWD;
	if (dfd < 0 && dfd != AT_FDCWD)
		return -1;
	for (;;) {
		while (*p == '/')
			p++;
		slash = strchr(p, '/');
		if (!slash) {
			fd = openat(dfd, p, flags);
			break;
		}
		buf_reset(&comp);
		buf_add(&comp, p, (size_t)(slash - p));
		nfd = openat(dfd, comp.ptr, O_RDONLY | O_DIRECTORY | O_NOCTTY | O_CLOEXEC);
		if (nfd < 0) {
			fd = -1;
			break;
		}
		if (dfd != AT_FDCWD)
			close(dfd);
		dfd = nfd;
		p = slash + 1;
	}
	if (dfd != AT_FDCWD) {
		int saved = errno;

		close(dfd);
		errno = saved;
	}
	buf_release(&comp);
	return fd;
}

static ssize_t read_some(const struct file_reader *rd, int fd, char *p, size_t len)
{
	return rd ? rd->fn(rd->arg, fd, p, len) : read(fd, p, len);
}

enum file_read_result file_read_fd(struct buf *b, int fd, size_t max,
				   const struct file_reader *rd)
{
	struct stat st;
	size_t start = b->len, want = (size_t)-1;
	ssize_t got;

	/* A regular file is read up to the size fstat gives, plus a little
	 * slack for a write that is just finishing: a file that grows while
	 * it is read is taken as it was (a log appended to forever must not
	 * be read forever), one cut short is taken as far as it goes. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		if ((unsigned long long)st.st_size > max)
			return FILE_READ_TOO_LARGE;
		want = (size_t)st.st_size + FILE_READ_SLACK;
		if (want > max)
			want = max;
		buf_grow(b, want);
	}
	while (b->len - start < want) {
		size_t room;

		buf_grow(b, 65536);
		room = b->cap - b->len - 1;
		if (room > want - (b->len - start))
			room = want - (b->len - start);
		got = read_some(rd, fd, b->ptr + b->len, room);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return FILE_READ_ERROR;
		}
		if (got == 0)
			break;
		b->len += (size_t)got;
		b->ptr[b->len] = '\0';
		if (b->len - start > max)
			return FILE_READ_TOO_LARGE;
	}
	return FILE_READ_OK;
}
