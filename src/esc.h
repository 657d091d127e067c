/*
 * esc: makes text taken from notes safe to print.  Control characters
 * (C0 but for tab where allowed, DEL, C1), the bidi controls U+202A..U+202E
 * and U+2066..U+2069, and bytes that are not valid UTF-8 are written as
 * escapes, so that a note can never drive the terminal or reorder a line.
 *
 * Layer: primitives.  Calls buf only.
 */
#ifndef BANTER_ESC_H
#define BANTER_ESC_H

#include <stddef.h>

struct buf;

enum esc_flags {
	ESC_KEEP_TAB = 1 << 0,	/* tab passes through */
	ESC_FOLD_SPACE = 1 << 1,	/* runs of white space (incl. line ends) become one space */
	ESC_DATA = 1 << 2,	/* for programs (CSV, TSV, JSON): a backslash becomes \\,
				 * so that the escaping can be undone */
	ESC_LIST = 1 << 3	/* an item of a ';'-separated list: ';' becomes \;
				 * (with ESC_DATA) */
};

/* Appends s[0, len) to out, escaped as \n, \t, \r, \xNN or \uNNNN. */
void esc_text(struct buf *out, const char *s, size_t len, unsigned flags);

/* Sets `b` to s[0, len) escaped as esc_text(b, s, len, 0) writes it, and
 * returns b->ptr: a value of any bytes, ready for a message. */
const char *esc_span(struct buf *b, const char *s, size_t len);

/* Whether the code point is a bidirectional control, or the line or
 * paragraph separator, which a terminal or an editor may take as a line
 * end: esc_text writes these as \uNNNN. */
int esc_is_bidi(unsigned long cp);

/*
 * Length of the valid UTF-8 sequence at s[0, len), or 0 when the bytes there
 * are not one (overlong forms, surrogates, values past U+10FFFF and
 * truncated sequences are invalid, as PCRE2 and libyaml judge them).
 */
size_t utf8_seq_len(const unsigned char *s, size_t len);

/* The code point of the valid n-byte UTF-8 sequence at s (n from
 * utf8_seq_len, 2 to 4). */
unsigned long utf8_decode(const unsigned char *s, size_t n);

/* Offset of the first invalid UTF-8 byte in s[0, len), or len. */
size_t utf8_check(const char *s, size_t len);

/*
 * Repairs b's text from offset `from` on: every byte where no valid UTF-8
 * sequence starts (and that no valid sequence before it covers) becomes
 * U+FFFD, the replacement character, as ripgrep and PCRE2's users do.
 * Line ends are kept, so no line number moves; on a line with a bad byte,
 * what follows it moves two bytes on per replacement.  Returns how many
 * bytes were replaced; `*first` (when not NULL) gets the first one's
 * offset, or b->len.
 */
#define UTF8_REPLACEMENT "\xEF\xBF\xBD"
size_t utf8_repair(struct buf *b, size_t from, size_t *first);

/* Display width of valid UTF-8 text: one column per code point, except
 * combining marks (0) and East Asian wide characters (2). */
size_t utf8_width(const char *s, size_t len);

#endif
