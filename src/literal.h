/*
 * literal: strings that every match of a pattern must contain.
 *
 * literal_read reads a PCRE2 pattern (compiled with PCRE2_CASELESS,
 * PCRE2_UTF and PCRE2_UCP, as banter compiles rules) and works out a set
 * of strings such that any match holds at least one of them.  The strings
 * are folded: ASCII letters to lowercase and ASCII digits to '0', so text
 * must be folded the same way before it is compared.  Besides ASCII they
 * hold only characters that have no other case (symbols, punctuation,
 * currency signs, emoji), so a bytewise comparison of folded text never
 * misses a caseless match.  LIT_MARK in a string stands for a word boundary
 * (\b) at that place.
 *
 * A pattern that can match the empty string, or uses syntax the reader
 * does not know (backreferences, (*VERBS), \Q..\E, extended mode), gives
 * no set.
 *
 * Layer: labels.  Calls lset and the primitives.
 */
#ifndef BANTER_LITERAL_H
#define BANTER_LITERAL_H

#include <stddef.h>

#define LIT_MARK '\1'

struct litset {
	size_t n;
	char **v;	/* NUL-terminated; never empty */
	/* the set takes \d as [0-9]; under UCP it also matches other scripts'
	 * digits, which text must be checked for separately */
	int ascii_digits;
};

/* 1 with *out filled, or 0 when the pattern gives no set (*out empty). */
int literal_read(const char *pat, size_t len, struct litset *out);
void litset_release(struct litset *l);

/*
 * For tests: the strings of a pattern appended NUL-separated to
 * out[*outlen, cap); returns how many there are (0: no set).
 */
size_t literal_strings(const char *pat, size_t len, char *out, size_t cap, size_t *outlen);

#endif
