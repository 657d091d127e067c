/*
 * Fuzz target: banter's UTF-8 validator and repair (esc.c) against PCRE2's
 * own UTF check, which is what banter's matching relies on when it passes
 * PCRE2_NO_UTF_CHECK.  An empty pattern compiled with PCRE2_UTF is matched
 * without PCRE2_NO_UTF_CHECK, so PCRE2 checks the whole subject first: a
 * UTF error code (negative) means invalid.  Invariants:
 *  - both call the same inputs valid, and put the first error at the same
 *    offset (pcre2_get_startchar gives PCRE2's);
 *  - the repaired copy is valid for PCRE2, is the input with each bad byte
 *    (never an ASCII one) replaced by U+FFFD, and a second repair changes
 *    nothing;
 *  - the escaper's output is valid UTF-8 with no C0 (but tab where kept),
 *    DEL or C1 character in it.
 */
#include "fuzz.h"

#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "buf.h"
#include "esc.h"

#define MAX_INPUT (64 * 1024)

static pcre2_code *re;
static pcre2_match_data *md;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int err;
	PCRE2_SIZE off;

	(void)argc;
	(void)argv;
	re = pcre2_compile((PCRE2_SPTR) "", 0, PCRE2_UTF, &err, &off, NULL);
	md = pcre2_match_data_create(1, NULL);
	if (!re || !md)
		abort();
	return 0;
}

/* PCRE2's verdict: len when s is valid, else the offset of the error. */
static size_t pcre2_check(const char *s, size_t len)
{
	int rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, NULL);

	if (rc >= 0)
		return len;
	/* the UTF-8 errors, PCRE2_ERROR_UTF8_ERR1 (-3) to ERR21 (-23) */
	FUZZ_CHECK(rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21);
	return pcre2_get_startchar(md);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct buf fixed = BUF_INIT;
	size_t ours, theirs, bad, first, i, j, changed = 0;
	struct buf out = BUF_INIT;

	if (size > MAX_INPUT)
		return 0;
	ours = utf8_check(in, size);
	theirs = pcre2_check(in, size);
	if (ours != theirs) {
		fprintf(stderr, "utf8_check says %zu, PCRE2 says %zu (of %zu)\n",
			ours, theirs, size);
		abort();
	}

	buf_add(&fixed, in, size);
	bad = utf8_repair(&fixed, 0, &first);
	FUZZ_CHECK(first == ours);
	FUZZ_CHECK((bad == 0) == (ours == size));
	FUZZ_CHECK(fixed.len == size + 2 * bad);
	FUZZ_CHECK(pcre2_check(fixed.ptr, fixed.len) == fixed.len);
	/* the same bytes, each bad one U+FFFD instead */
	for (i = j = 0; i < size; ) {
		size_t ok = utf8_check(in + i, size - i);

		FUZZ_CHECK(memcmp(fixed.ptr + j, in + i, ok) == 0);
		i += ok;
		j += ok;
		if (i < size) {
			FUZZ_CHECK((unsigned char)in[i] >= 0x80);
			FUZZ_CHECK(memcmp(fixed.ptr + j, UTF8_REPLACEMENT, 3) == 0);
			i++;
			j += 3;
			changed++;
		}
	}
	FUZZ_CHECK(j == fixed.len && changed == bad);
	FUZZ_CHECK(utf8_repair(&fixed, 0, NULL) == 0);
	buf_release(&fixed);

	/* the escaper, with the flags chosen by the size */
	esc_text(&out, in, size, (unsigned)(size % 4));
	FUZZ_CHECK(pcre2_check(out.ptr, out.len) == out.len);
	for (i = 0; i < out.len; i++) {
		unsigned char c = (unsigned char)out.ptr[i];

		FUZZ_CHECK(c >= 0x20 || (c == '\t' && (size % 4) & ESC_KEEP_TAB));
		FUZZ_CHECK(c != 0x7F);
		/* C1 controls are U+0080..U+009F: C2 80..C2 9F */
		FUZZ_CHECK(!(c == 0xC2 && i + 1 < out.len &&
			     (unsigned char)out.ptr[i + 1] < 0xA0));
	}
	buf_release(&out);
	return 0;
}
