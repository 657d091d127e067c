/*
 * note: reads one note and finds its parts.
 *
 * The text is read whole (banter never writes to it: the copy in memory is
 * what gets repaired), a leading UTF-8 BOM is skipped, and the front matter
 * is found by SPEC's rules 1-5:
 *
 *  - it opens only on line 1, with a line that is exactly "---" (trailing
 *    spaces or tabs allowed, LF or CRLF);
 *  - it closes at the first later line that is exactly "---" or "...";
 *  - with no closing line the file has no front matter (a warning names
 *    line 1: the "---" was a thematic break);
 *  - the body starts on the line after the closing line.
 *
 * Every line number is a line of the file, and every column a byte column
 * of the file: the BOM does not shift columns, and neither do the U+FFFD
 * put for invalid bytes (note_file_off() and note_col() undo the repair).
 *
 * Layer: files.  Calls the primitives (file for the opening and reading).
 */
#ifndef BANTER_NOTE_H
#define BANTER_NOTE_H

#include <stddef.h>
#include <sys/types.h>

#include "buf.h"
#include "file.h"

struct diag;

struct note {
	char *path;		/* as given or found; owned */
	struct buf text;	/* the file's bytes; owned */
	size_t start;		/* past the BOM */
	int has_fm;
	size_t fm_off;		/* the YAML between the fences */
	size_t fm_len;
	unsigned fm_line;	/* line of fm_off */
	size_t body_off;
	unsigned body_line;
	size_t bad_bytes;	/* invalid UTF-8 bytes replaced by U+FFFD */
	size_t *repairs;	/* where each U+FFFD of those starts in text, in
				   increasing order: bad_bytes of them; owned */
	size_t repairs_alloc;
};

void note_init(struct note *n);
void note_release(struct note *n);

/*
 * Reads the note at `path` (or from `fd` when fd >= 0, e.g. standard
 * input; the fd is not closed).  Files larger than `max_size` are refused.
 * Returns 0, or -1 after reporting an error.
 */
int note_read(struct note *n, const char *path, int fd, size_t max_size,
	      struct diag *d);

/*
 * A regular file is read up to the size fstat gave when it was opened plus
 * this slack, and never past `max_size`: a note that grows while it is
 * read is taken as it was then, one truncated while it is read as far as
 * it goes.  Neither is reported (banter has no verbose mode to say so).
 */
#define NOTE_READ_SLACK FILE_READ_SLACK

/*
 * A test seam: note_read_with() reads through `fn` (which behaves as
 * read(2) on `fd`) instead of read(2), so that a test can change the file
 * between two reads.
 */
struct note_reader {
	ssize_t (*fn)(void *arg, int fd, void *buf, size_t len);
	void *arg;
};

int note_read_with(struct note *n, const char *path, int fd, size_t max_size,
		   const struct note_reader *rd, struct diag *d);

/* Takes (a copy of) an in-memory text, for tests and fuzzing. */
void note_set_text(struct note *n, const char *path, const char *text, size_t len);

/*
 * Checks the bytes and finds the front matter and body.  UTF-16 (with a
 * byte order mark, or ASCII text with a NUL beside each character), UTF-32
 * and NUL bytes are errors (-1); each invalid UTF-8 byte is replaced by
 * U+FFFD with one warning; an unclosed front matter is a warning.
 * Returns 0 or -1.
 */
int note_split(struct note *n, struct diag *d);

/* The 1-based line and byte column of text[off], counting LF, CRLF and a
 * lone CR as one line end each.  Columns on line 1 do not count a BOM, and
 * are columns of the file: each U+FFFD put for an invalid byte counts as
 * the one byte it replaced. */
void note_line_col(const struct note *n, size_t off, unsigned *line, unsigned *col);

/* The offset in the file of text[off], before the repair of invalid bytes
 * moved it (an offset inside a U+FFFD is the bad byte's). */
size_t note_file_off(const struct note *n, size_t off);

/*
 * The file's byte column of text[off], which is at byte column `col` of
 * its line in the (repaired) text, as positions counted in text give it
 * (passage_split's, for one).  The same column when nothing was repaired.
 */
unsigned note_col(const struct note *n, size_t off, unsigned col);


#endif
