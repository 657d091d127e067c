/*
 * util: allocation that cannot fail, and locale-independent character
 * classes.  Running out of memory is the only error allowed to end the
 * program from deep code: xmalloc and friends print "banter: out of memory"
 * and exit 2.
 *
 * Layer: primitives, the lowest.  Calls only the C library.
 */
#ifndef BANTER_UTIL_H
#define BANTER_UTIL_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array to hold at least `need` elements of `size` bytes; *alloc
 * is updated.  Returns the (possibly moved) array. */
void *xgrow(void *ptr, size_t size, size_t need, size_t *alloc);
/* A NUL-terminated copy of (s, len); the caller frees it. */
char *xstrndup(const char *s, size_t len);
char *xstrdup(const char *s);
/* Says "banter: error: out of memory" and exits 2, as the x functions do
 * when they fail: for what a library could not allocate. */
void die_oom(void) __attribute__((noreturn));

static inline int is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
static inline int is_blank(int c) { return c == ' ' || c == '\t'; }
static inline int is_digit(int c) { return c >= '0' && c <= '9'; }
static inline int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline int is_alnum(int c) { return is_alpha(c) || is_digit(c); }
/* A character of a regex word (\w in ASCII): a letter, a digit or '_'. */
static inline int is_word(int c) { return is_alnum(c) || c == '_'; }
static inline int to_lower(int c) { return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c; }

/* Compares (a, alen) with the NUL-terminated b, ASCII case folded. */
int span_ieq(const char *a, size_t alen, const char *b);

/* Sets again[i] to 1 for each keys[i] equal to an earlier key, and to 0
 * for the first of each; in O(n log n). */
void mark_repeats(char *const *keys, size_t n, char *again);

/* Narrows (*s, *len) past white space (is_space) at both ends. */
void span_trim(const char **s, size_t *len);

/* Whether s[0, n) is all ASCII digits (1 for n == 0), and their value
 * (n small enough for an int). */
int span_digits(const char *s, size_t n);
int span_num(const char *s, size_t n);

/* The first occurrence of needle[0, nlen) in hay[0, hlen), or NULL. */
const char *span_find(const char *hay, size_t hlen, const char *needle, size_t nlen);

/* The 1-based line and byte column of text[off], counting LF, CRLF and a
 * lone CR as one line end each: `base` is where line `line0`, column 1
 * starts. */
void text_line_col(const char *text, size_t base, unsigned line0, size_t off,
		   unsigned *line, unsigned *col);

#endif
