#include "note.h"
#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "file.h"
#include "util.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void note_init(struct note *n)
{
	memset(n, 0, sizeof(*n));
	buf_init(&n->text);
}

void note_release(struct note *n)
{
	free(n->path);
	free(n->repairs);
	buf_release(&n->text);
	note_init(n);
}

void note_set_text(struct note *n, const char *path, const char *text, size_t len)
{
	note_release(n);
	n->path = xstrdup(path);
	buf_add(&n->text, text, len);
}

static int read_all(struct note *n, int fd, size_t max_size,
		    const struct note_reader *rd, struct diag *d)
{
	struct file_reader fr;

	if (rd) {
		fr.fn = rd->fn;
		fr.arg = rd->arg;
	}
	switch (file_read_fd(&n->text, fd, max_size, rd ? &fr : NULL)) {
	case FILE_READ_OK:
		return 0;
	case FILE_READ_TOO_LARGE:
		diag_error(d, n->path, 0, 0,
			   "larger than %zu bytes (limit 'file-size'); skipped", max_size);
		return -1;
	case FILE_READ_ERROR:
		break;
	}
	diag_error(d, n->path, 0, 0, "%s", strerror(errno));
	return -1;
}

int note_read(struct note *n, const char *path, int fd, size_t max_size,
	      struct diag *d)
{
	return note_read_with(n, path, fd, max_size, NULL, d);
}

int note_read_with(struct note *n, const char *path, int fd, size_t max_size,
		   const struct note_reader *rd, struct diag *d)
{
	int own = fd < 0, ret;

	free(n->path);
	n->path = xstrdup(path);
	buf_reset(&n->text);
	if (own) {
		struct stat st;

		/* O_NONBLOCK: a FIFO put where a note was after the walk must not
		 * block the open; it is refused below, unread */
		fd = file_open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
		if (fd < 0) {
			diag_error(d, path, 0, 0, "%s", strerror(errno));
			return -1;
		}
		if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
			diag_error(d, path, 0, 0, "not a regular file; skipped");
			close(fd);
			return -1;
		}
	}
	ret = read_all(n, fd, max_size, rd, d);
	if (own)
		close(fd);
	return ret;
}

size_t note_file_off(const struct note *n, size_t off)
{
	size_t lo = 0, hi = n->bad_bytes, mid;

	/* lo: how many U+FFFD start before off */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (n->repairs[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo && off < n->repairs[lo - 1] + 3)
		return n->repairs[lo - 1] - 2 * (lo - 1);
	return off - 2 * lo;
}

unsigned note_col(const struct note *n, size_t off, unsigned col)
{
	size_t bol = off - (col - 1);

	if (!n->bad_bytes)
		return col;
	return (unsigned)(note_file_off(n, off) - note_file_off(n, bol)) + 1;
}

void note_line_col(const struct note *n, size_t off, unsigned *line, unsigned *col)
{
	text_line_col(n->text.ptr, n->start, 1, off, line, col);
	*col = note_col(n, off, *col);
}

/* End of the line starting at `i`: where its line end begins. */
static size_t line_end(const char *t, size_t len, size_t i)
{
	while (i < len && t[i] != '\n' && t[i] != '\r')
		i++;
	return i;
}

/* Start of the next line, given the end of this one. */
static size_t next_line(const char *t, size_t len, size_t e)
{
	if (e < len && t[e] == '\r') {
		e++;
		if (e < len && t[e] == '\n')
			e++;
	} else if (e < len && t[e] == '\n') {
		e++;
	}
	return e;
}

/* Is t[i, e) exactly `fence` followed by nothing but spaces and tabs? */
static int is_fence(const char *t, size_t i, size_t e, const char *fence)
{
	size_t k = strlen(fence);

	if (e - i < k || memcmp(t + i, fence, k) != 0)
		return 0;
	for (i += k; i < e; i++)
		if (!is_blank(t[i]))
			return 0;
	return 1;
}

/*
 * Does the text start as UTF-16 without a byte order mark would: ASCII
 * text with a NUL after (little endian) or before (big endian) each
 * character?  `iconv -t UTF-16LE` writes such files.
 */
static int bomless_utf16(const unsigned char *t, size_t len)
{
	size_t pairs = len / 2 < 8 ? len / 2 : 8, i;
	int le = 1, be = 1;

	if (pairs < 2)
		return 0;
	for (i = 0; i < pairs; i++) {
		unsigned char a = t[2 * i], b = t[2 * i + 1];

		le = le && b == 0 && a && a < 0x80;
		be = be && a == 0 && b && b < 0x80;
	}
	return le || be;
}

static int check_bytes(struct note *n, struct diag *d)
{
	char *t = n->text.ptr;
	size_t len = n->text.len, i = n->start, first = 0;
	const char *nul = memchr(t + i, '\0', len - i);
	unsigned line, col;

	if (nul && bomless_utf16((const unsigned char *)t + i, len - i)) {
		diag_error(d, n->path, 1, 1, "looks like UTF-16 without a byte order mark; "
			   "convert the note to UTF-8");
		return -1;
	}
	if (nul) {
		note_line_col(n, (size_t)(nul - t), &line, &col);
		diag_error(d, n->path, line, col,
			   "binary file (NUL byte at offset %zu); skipped", (size_t)(nul - t));
		return -1;
	}
	if (utf8_check(t + i, len - i) < len - i) {
		/* where each U+FFFD will be, for positions in the file: the
		 * repair below skips the same bytes, each 2 bytes longer */
		size_t j = i, k = 0, ok;

		for (;;) {
			ok = utf8_check(t + j, len - j);
			if (j + ok >= len)
				break;
			n->repairs = xgrow(n->repairs, sizeof(*n->repairs), k + 1,
					   &n->repairs_alloc);
			n->repairs[k] = j + ok + 2 * k;
			k++;
			j += ok + 1;
		}
		n->bad_bytes = utf8_repair(&n->text, i, &first);
		assert(n->bad_bytes == k);
	}
	if (n->bad_bytes) {
		note_line_col(n, first, &line, &col);
		diag_warn(d, n->path, line, col,
			  "invalid UTF-8 (%zu byte%s); replaced with U+FFFD", n->bad_bytes,
			  n->bad_bytes == 1 ? "" : "s");
	}
	return 0;
}

int note_split(struct note *n, struct diag *d)
{
	const char *t = n->text.ptr;
	size_t len = n->text.len, e, i;
	unsigned line;

	n->start = 0;
	n->bad_bytes = 0;
	n->has_fm = 0;
	n->fm_off = n->fm_len = 0;
	n->fm_line = 0;
	/* FF FE 00 00 is UTF-32 (little endian) before it is UTF-16 */
	if (len >= 4 && (memcmp(t, "\xFF\xFE\0\0", 4) == 0 || memcmp(t, "\0\0\xFE\xFF", 4) == 0)) {
		diag_error(d, n->path, 1, 1,
			   "UTF-32 text is not supported; convert the note to UTF-8");
		return -1;
	}
	if (len >= 2 && (((unsigned char)t[0] == 0xFF && (unsigned char)t[1] == 0xFE) ||
			 ((unsigned char)t[0] == 0xFE && (unsigned char)t[1] == 0xFF))) {
		diag_error(d, n->path, 1, 1, "UTF-16 text is not supported; convert the note to UTF-8");
		return -1;
	}
	if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
		n->start = 3;
	n->body_off = n->start;
	n->body_line = 1;
	if (check_bytes(n, d) < 0)
		return -1;
	t = n->text.ptr;	/* the repair may have made a new copy */
	len = n->text.len;

	e = line_end(t, len, n->start);
	if (!is_fence(t, n->start, e, "---"))
		return 0;
	i = next_line(t, len, e);
	line = 2;
	n->fm_off = i;
	n->fm_line = 2;
	while (i < len) {
		e = line_end(t, len, i);
		if (is_fence(t, i, e, "---") || is_fence(t, i, e, "...")) {
			n->has_fm = 1;
			n->fm_len = i - n->fm_off;
			n->body_off = next_line(t, len, e);
			n->body_line = line + 1;
			return 0;
		}
		i = next_line(t, len, e);
		line++;
	}
	n->fm_off = 0;
	n->fm_line = 0;
	diag_warn(d, n->path, 1, 1,
		  "front matter opened by '---' is never closed; read as a thematic break");
	return 0;
}
