/*
 * file: opening a path of any length and reading a file whole, for notes,
 * rule files, dictionaries and the configuration alike.  What a size limit
 * is called and what a caller does past it are the caller's: this file
 * only says which limit was met.
 *
 * Layer: primitives.  Calls buf only.
 */
#ifndef BANTER_FILE_H
#define BANTER_FILE_H

#include <stddef.h>
#include <sys/types.h>

struct buf;

/*
 * open(2) for a path of any length: when the path is longer than the
 * system allows (ENAMETOOLONG), it is opened one folder at a time with
 * openat.  Returns the descriptor, or -1 with errno set.
 */
int file_open(const char *path, int flags);

/*
 * A regular file is read up to the size fstat gave when it was opened plus
 * this slack, and never past the limit: a file that grows while it is read
 * is taken as it was then, one truncated while it is read as far as it
 * goes.
 */
#define FILE_READ_SLACK 4096

/* How a file is read: read(2) when NULL, or a test's stand-in that
 * behaves as read(2) on `fd`. */
struct file_reader {
	ssize_t (*fn)(void *arg, int fd, void *buf, size_t len);
	void *arg;
};

enum file_read_result {
	FILE_READ_OK = 0,
	FILE_READ_ERROR = -1,	/* errno says why */
	FILE_READ_TOO_LARGE = -2	/* more than `max` bytes */
};

/*
 * Appends what `fd` holds, to its end, to `b` (the fd is not closed):
 * at most `max` bytes.  No mmap: a file truncated under a map kills the
 * reader (SIGBUS).  A size of 0 (/proc) or no size (a pipe) says nothing:
 * those are read to their end, and the limit is checked as they are.
 */
enum file_read_result file_read_fd(struct buf *b, int fd, size_t max,
				   const struct file_reader *rd);

#endif
