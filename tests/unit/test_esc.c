/*
 * Unit tests for esc.c: UTF-8 validation, escaping text from notes for
 * printing, and display widths.
 *
 * Inputs are copied into buffers of exactly their length (no NUL after
 * them), so that valgrind catches a read past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "esc.h"

/* A heap copy of s[0, len) with nothing after it. */
static unsigned char *exact(const char *s, size_t len)
{
	unsigned char *p = malloc(len ? len : 1);

	assert_non_null(p);
	memcpy(p, s, len);
	return p;
}

static size_t seq_len(const char *s, size_t len)
{
	unsigned char *p = exact(s, len);
	size_t n = utf8_seq_len(p, len);

	free(p);
	return n;
}

static size_t check(const char *s, size_t len)
{
	unsigned char *p = exact(s, len);
	size_t n = utf8_check((const char *)p, len);

	free(p);
	return n;
}

/* esc_text of s[0, len), as a C string the caller frees. */
static char *esc_of(const char *s, size_t len, unsigned flags)
{
	unsigned char *p = exact(s, len);
	struct buf out = BUF_INIT;
	char *r;

	esc_text(&out, (const char *)p, len, flags);
	free(p);
	assert_int_equal(strlen(out.ptr), out.len);
	r = buf_detach(&out, NULL);
	return r;
}

/* A macro, so that a failure names the test's line. */
#define ESC(lit, flags, want) do {					\
	char *got_ = esc_of((lit), sizeof(lit) - 1, (flags));		\
	assert_string_equal(got_, (want));				\
	free(got_);							\
} while (0)

static size_t width(const char *s)
{
	unsigned char *p = exact(s, strlen(s));
	size_t w = utf8_width((const char *)p, strlen(s));

	free(p);
	return w;
}

static void test_seq_len_valid(void **state)
{
	(void)state;
	assert_int_equal(seq_len("a", 1), 1);
	assert_int_equal(seq_len("\x7F", 1), 1);
	assert_int_equal(seq_len("\xC2\x80", 2), 2);		/* U+0080, the smallest 2-byte */
	assert_int_equal(seq_len("\xC3\xA9", 2), 2);		/* é */
	assert_int_equal(seq_len("\xE0\xA0\x80", 3), 3);	/* U+0800, the smallest 3-byte */
	assert_int_equal(seq_len("\xE2\x82\xAC", 3), 3);	/* € */
	assert_int_equal(seq_len("\xED\x9F\xBF", 3), 3);	/* U+D7FF, just below the surrogates */
	assert_int_equal(seq_len("\xEE\x80\x80", 3), 3);	/* U+E000, just above */
	assert_int_equal(seq_len("\xF0\x90\x80\x80", 4), 4);	/* U+10000 */
	assert_int_equal(seq_len("\xF4\x8F\xBF\xBF", 4), 4);	/* U+10FFFF, the last */
	/* only the first sequence counts */
	assert_int_equal(seq_len("\xC3\xA9zz", 4), 2);
}

static void test_seq_len_overlong(void **state)
{
	(void)state;
	assert_int_equal(seq_len("\xC0\xAF", 2), 0);		/* '/' in two bytes */
	assert_int_equal(seq_len("\xC1\xBF", 2), 0);
	assert_int_equal(seq_len("\xE0\x80\xAF", 3), 0);	/* '/' in three */
	assert_int_equal(seq_len("\xE0\x9F\xBF", 3), 0);	/* U+07FF in three */
	assert_int_equal(seq_len("\xF0\x80\x80\xAF", 4), 0);	/* '/' in four */
	assert_int_equal(seq_len("\xF0\x8F\xBF\xBF", 4), 0);	/* U+FFFF in four */
}

static void test_seq_len_surrogates_and_range(void **state)
{
	(void)state;
	assert_int_equal(seq_len("\xED\xA0\x80", 3), 0);	/* U+D800 */
	assert_int_equal(seq_len("\xED\xBF\xBF", 3), 0);	/* U+DFFF */
	assert_int_equal(seq_len("\xF4\x90\x80\x80", 4), 0);	/* U+110000 */
	assert_int_equal(seq_len("\xF5\x80\x80\x80", 4), 0);
	assert_int_equal(seq_len("\xFF", 1), 0);
	assert_int_equal(seq_len("\xFE", 1), 0);
}

static void test_seq_len_truncated_and_bad_continuation(void **state)
{
	(void)state;
	assert_int_equal(seq_len("\xE2\x82", 2), 0);		/* € cut short */
	assert_int_equal(seq_len("\xC3", 1), 0);
	assert_int_equal(seq_len("\xF0\x9F\x98", 3), 0);
	assert_int_equal(seq_len("\x80", 1), 0);		/* a lone continuation byte */
	assert_int_equal(seq_len("\xBF", 1), 0);
	assert_int_equal(seq_len("\xE2\x82" "A", 3), 0);	/* continuation replaced by ASCII */
	assert_int_equal(seq_len("\xC3\xC3", 2), 0);
}

static void test_utf8_check(void **state)
{
	(void)state;
	assert_int_equal(check("", 0), 0);
	assert_int_equal(check("plain", 5), 5);
	assert_int_equal(check("caf\xC3\xA9 \xE2\x82\xAC", 9), 9);
	assert_int_equal(check("ab\xC0\xAF", 4), 2);
	assert_int_equal(check("abc\xED\xA0\x80x", 7), 3);
	assert_int_equal(check("\xF4\x90\x80\x80", 4), 0);
	assert_int_equal(check("x\xE2\x82", 3), 1);		/* truncated at the end */
	assert_int_equal(check("\xC3\xA9\xFF", 3), 2);
}

/* ROBUSTNESS B8: each bad byte becomes U+FFFD (R below). */
#define R "\xEF\xBF\xBD"
#define REPAIR(in, n, out, bad, first) do {				\
	struct buf t_ = BUF_INIT;					\
	size_t f_;							\
	buf_add(&t_, (in), (n));					\
	assert_int_equal(utf8_repair(&t_, 0, &f_), (bad));		\
	assert_int_equal(f_, (first));					\
	assert_int_equal(t_.len, sizeof(out) - 1);			\
	assert_memory_equal(t_.ptr, (out), t_.len);			\
	assert_int_equal(utf8_repair(&t_, 0, NULL), 0);			\
	buf_release(&t_);						\
} while (0)

static void test_utf8_repair(void **state)
{
	(void)state;
	REPAIR("", 0, "", 0, 0);
	REPAIR("caf\xC3\xA9", 5, "caf\xC3\xA9", 0, 5);
	REPAIR("ab\xC0\xAF" "cd", 6, "ab" R R "cd", 2, 2);	/* overlong */
	REPAIR("x\xED\xA0\x80y", 5, "x" R R R "y", 3, 1);	/* surrogate */
	REPAIR("\xF4\x90\x80\x80", 4, R R R R, 4, 0);		/* past U+10FFFF */
	REPAIR("euro \xE2\x82", 7, "euro " R R, 2, 5);		/* truncated at EOF */
	REPAIR("\xE2\x82\xE2\x82\xAC\n\xFF", 7, R R "\xE2\x82\xAC\n" R, 3, 0);
	REPAIR("a\0\xC2", 3, "a\0" R, 1, 2);			/* NUL is valid */
}

static void test_esc_plain_and_utf8(void **state)
{
	(void)state;
	ESC("", 0, "");
	ESC("hello, world", 0, "hello, world");
	ESC("caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80", 0, "caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80");
	/* for people a backslash passes through; for programs it is doubled,
	 * so that "\\t" and a tab differ */
	ESC("a\\b", 0, "a\\b");
	ESC("a\\b", ESC_DATA, "a\\\\b");
	ESC("a\\tb", ESC_DATA, "a\\\\tb");
	ESC("a\tb", ESC_DATA, "a\\tb");
	/* ';' is escaped only in an item of a list */
	ESC("B; C", ESC_DATA, "B; C");
	ESC("B; C\\", ESC_DATA | ESC_LIST, "B\\; C\\\\");
}

static void test_esc_c0_and_del(void **state)
{
	(void)state;
	ESC("a\nb", 0, "a\\nb");
	ESC("a\rb", 0, "a\\rb");
	ESC("a\tb", 0, "a\\tb");
	ESC("\x1B]0;pwned\x07", 0, "\\x1B]0;pwned\\x07");
	ESC("\x01\x1F", 0, "\\x01\\x1F");
	ESC("x\x7Fy", 0, "x\\x7Fy");
	/* a NUL inside the span is escaped, not a terminator */
	ESC("a\0b", 0, "a\\x00b");
}

static void test_esc_c1_and_bidi(void **state)
{
	(void)state;
	ESC("a\xC2\x85z", 0, "a\\u0085z");		/* NEL */
	ESC("\xC2\x80\xC2\x9B\xC2\x9F", 0, "\\u0080\\u009B\\u009F");
	ESC("\xC2\xA0", 0, "\xC2\xA0");			/* U+00A0 is past C1: kept */
	ESC("abc\xE2\x80\xAE" "fdp.exe", 0, "abc\\u202Efdp.exe");
	ESC("\xE2\x80\xAA\xE2\x80\xAD", 0, "\\u202A\\u202D");
	ESC("\xE2\x81\xA6x\xE2\x81\xA9", 0, "\\u2066x\\u2069");
	/* the line and paragraph separators, which editors take as line ends */
	ESC("a\xE2\x80\xA8" "b\xE2\x80\xA9", 0, "a\\u2028b\\u2029");
	/* neighbours of the bidi ranges are ordinary text */
	ESC("\xE2\x80\xAF", 0, "\xE2\x80\xAF");	/* U+202F */
	ESC("\xE2\x81\xAA", 0, "\xE2\x81\xAA");	/* U+206A */
}

static void test_esc_invalid_bytes(void **state)
{
	(void)state;
	ESC("\xFF", 0, "\\xFF");
	ESC("a\xC0\xAF" "b", 0, "a\\xC0\\xAFb");
	ESC("\xED\xA0\x80", 0, "\\xED\\xA0\\x80");
	ESC("\xF4\x90\x80\x80", 0, "\\xF4\\x90\\x80\\x80");
	/* a truncated sequence at the very end */
	ESC("ok\xE2\x82", 0, "ok\\xE2\\x82");
	/* the byte after a bad lead is looked at afresh */
	ESC("\xE2" "\xC3\xA9", 0, "\\xE2\xC3\xA9");
}

static void test_esc_keep_tab(void **state)
{
	(void)state;
	ESC("a\tb", ESC_KEEP_TAB, "a\tb");
	/* only the tab is kept */
	ESC("a\t\nb\x1B", ESC_KEEP_TAB, "a\t\\nb\\x1B");
}

static void test_esc_fold_space(void **state)
{
	(void)state;
	ESC("a  b", ESC_FOLD_SPACE, "a b");
	ESC("a \t\r\n b", ESC_FOLD_SPACE, "a b");
	ESC("one\ntwo\r\nthree", ESC_FOLD_SPACE, "one two three");
	ESC("  lead", ESC_FOLD_SPACE, " lead");
	ESC("trail \n\n", ESC_FOLD_SPACE, "trail ");
	ESC(" \t ", ESC_FOLD_SPACE, " ");
	/* folding does not hide other control characters */
	ESC("a \x1B b", ESC_FOLD_SPACE, "a \\x1B b");
	/* without the flag, spaces are kept as they are */
	ESC("a  b", 0, "a  b");
}

static void test_esc_appends(void **state)
{
	struct buf out = BUF_INIT;

	(void)state;
	buf_adds(&out, "pre:");
	esc_text(&out, "\n", 1, 0);
	assert_string_equal(out.ptr, "pre:\\n");
	buf_release(&out);
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(width(""), 0);
	assert_int_equal(width("abc"), 3);
	assert_int_equal(width("caf\xC3\xA9"), 4);			/* precomposed é */
	assert_int_equal(width("cafe\xCC\x81"), 4);			/* e + U+0301 */
	assert_int_equal(width("\xCC\x81"), 0);				/* a lone combining mark */
	assert_int_equal(width("\xE4\xB8\xAD\xE6\x96\x87"), 4);		/* 中文 */
	assert_int_equal(width("\xED\x95\x9C"), 2);			/* 한 */
	assert_int_equal(width("\xEF\xBC\xA1"), 2);			/* fullwidth A */
	assert_int_equal(width("\xF0\x9F\x98\x80"), 2);			/* 😀 */
	assert_int_equal(width("a\xE4\xB8\xAD" "b"), 4);
	assert_int_equal(width("\xE2\x82\xAC"), 1);			/* € */
	assert_int_equal(width("\xF0\x9F\x9A\x80"), 2);			/* 🚀 U+1F680 */
	assert_int_equal(width("\xE2\x98\x95"), 2);			/* ☕ U+2615 */
	assert_int_equal(width("\xE2\x9C\x85"), 2);			/* ✅ U+2705 */
	assert_int_equal(width("\xF0\x9F\x9F\xA2"), 2);			/* 🟢 U+1F7E2 */
	assert_int_equal(width("\xF0\x9F\xAB\xB6"), 2);			/* 🫶 U+1FAF6 */
	assert_int_equal(width("\xE2\x8C\x9A"), 2);			/* ⌚ U+231A */
	assert_int_equal(width("\xE2\x9C\x93"), 1);			/* ✓ U+2713 is narrow */
	assert_int_equal(width("\xD7\xA9\xD7\x81"), 1);			/* Hebrew shin + point */
	assert_int_equal(width("\xE0\xA4\x95\xE0\xA5\x8D"), 1);	/* Devanagari ka + virama */
	assert_int_equal(width("a\xE2\x80\x8B" "b"), 2);			/* zero width space */
	assert_int_equal(width("\xE1\x84\x80\xE1\x85\xA1"), 2);		/* Hangul jamo L + V */
	assert_int_equal(width("\xCD\xB8"), 1);				/* unassigned U+0378 */
	assert_int_equal(width("\xF3\xA0\x87\xB0"), 1);			/* unassigned U+E01F0 */
	assert_int_equal(width("\xF0\xAA\x9B\x9F"), 2);			/* CJK Ext. U+2A6DF */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seq_len_valid),
		cmocka_unit_test(test_seq_len_overlong),
		cmocka_unit_test(test_seq_len_surrogates_and_range),
		cmocka_unit_test(test_seq_len_truncated_and_bad_continuation),
		cmocka_unit_test(test_utf8_check),
		cmocka_unit_test(test_utf8_repair),
		cmocka_unit_test(test_esc_plain_and_utf8),
		cmocka_unit_test(test_esc_c0_and_del),
		cmocka_unit_test(test_esc_c1_and_bidi),
		cmocka_unit_test(test_esc_invalid_bytes),
		cmocka_unit_test(test_esc_keep_tab),
		cmocka_unit_test(test_esc_fold_space),
		cmocka_unit_test(test_esc_appends),
		cmocka_unit_test(test_width),
	};

	return cmocka_run_group_tests_name("esc", tests, NULL, NULL);
}
