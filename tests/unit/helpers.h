/*
 * Shared helpers for the unit tests: a diagnostics sink that collects every
 * message in memory, and exact-length copies of test inputs.
 *
 * Include after <cmocka.h>.  Everything here is static inline, so a test
 * file that uses only part of it does not warn.
 */
#ifndef BANTER_TEST_HELPERS_H
#define BANTER_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"

/* A struct diag whose messages land in `out` instead of on stderr. */
struct capture {
	struct diag d;
	struct buf out;
};

static inline void capture_init(struct capture *c)
{
	buf_init(&c->out);
	diag_init(&c->d, NULL);
	c->d.capture = &c->out;
}

static inline void capture_reset(struct capture *c)
{
	buf_reset(&c->out);
	c->d.errors = 0;
	c->d.warnings = 0;
}

static inline void capture_release(struct capture *c)
{
	buf_release(&c->out);
}

/* Number of lines (messages) captured. */
static inline size_t capture_lines(const struct capture *c)
{
	size_t i, n = 0;

	for (i = 0; i < c->out.len; i++)
		n += c->out.ptr[i] == '\n';
	return n;
}

/*
 * Fails unless some captured message contains `s`.  A macro, so that a
 * failure names the test's own line; the whole capture is printed.
 */
#define assert_diag(c, s) do {						\
	if (!strstr((c)->out.ptr, (s)))					\
		fail_msg("no diagnostic contains \"%s\"; got:\n%s",	\
			 (s), (c)->out.ptr);				\
} while (0)

#define assert_no_diag(c) do {						\
	if ((c)->out.len)						\
		fail_msg("unexpected diagnostics:\n%s", (c)->out.ptr);	\
} while (0)

/* Fails unless exactly `e` errors and `w` warnings were reported. */
#define assert_diag_count(c, e, w) do {					\
	if ((c)->d.errors != (unsigned)(e) ||				\
	    (c)->d.warnings != (unsigned)(w))				\
		fail_msg("expected %u error(s) and %u warning(s), got "	\
			 "%u and %u:\n%s", (unsigned)(e), (unsigned)(w), \
			 (c)->d.errors, (c)->d.warnings, (c)->out.ptr);	\
} while (0)

/*
 * A malloc'd copy of s[0, len) with no NUL after it, so that valgrind and
 * the sanitizers catch a read past the end.  The caller frees it.
 */
static inline char *exact_copy(const char *s, size_t len)
{
	char *p = malloc(len ? len : 1);

	if (!p)
		abort();
	if (len)
		memcpy(p, s, len);
	return p;
}

#endif
