/*
 * Unit tests for note.c: reading a note, checking its bytes (BOM, UTF-16,
 * NUL, invalid UTF-8) and finding the front matter and the body by SPEC's
 * front-matter rules 1-5.  Line and column helpers too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>

#include "helpers.h"
#include "buf.h"
#include "esc.h"
#include "note.h"
#include "util.h"

struct fx {
	struct note n;
	struct capture c;
	int ret;
};

static void split_len(struct fx *f, const char *text, size_t len)
{
	note_init(&f->n);
	capture_init(&f->c);
	note_set_text(&f->n, "x.md", text, len);
	f->ret = note_split(&f->n, &f->c.d);
}

static void split(struct fx *f, const char *text)
{
	split_len(f, text, strlen(text));
}

static void fx_free(struct fx *f)
{
	note_release(&f->n);
	capture_release(&f->c);
}

/* The body, as a C string (the note's buffer is NUL-terminated). */
#define BODY(f) ((f).n.text.ptr + (f).n.body_off)
#define FM_IS(f, s) do {						\
	assert_true((f).n.has_fm);					\
	assert_int_equal((f).n.fm_len, strlen(s));			\
	assert_memory_equal((f).n.text.ptr + (f).n.fm_off, (s), strlen(s)); \
} while (0)

/* Checks: no front matter, body is the whole text after `start`, no words. */
#define NO_FM(f, start) do {						\
	assert_int_equal((f).ret, 0);					\
	assert_false((f).n.has_fm);					\
	assert_int_equal((f).n.body_off, (start));			\
	assert_int_equal((f).n.body_line, 1);				\
} while (0)

/* ---- rule 1: BOM and UTF-16 ---- */

static void test_bom_skipped(void **state)
{
	struct fx f;

	(void)state;
	split(&f, "\xEF\xBB\xBF---\nclient: Acme\n---\nbody\n");
	assert_int_equal(f.ret, 0);
	assert_int_equal(f.n.start, 3);
	FM_IS(f, "client: Acme\n");
	assert_int_equal(f.n.fm_off, 7);
	assert_int_equal(f.n.fm_line, 2);
	assert_int_equal(f.n.body_line, 4);
	assert_string_equal(BODY(f), "body\n");
	assert_no_diag(&f.c);
	fx_free(&f);
}

static void test_bom_not_counted_in_line1_columns(void **state)
{
	struct fx f;
	unsigned line, col;

	(void)state;
	split(&f, "\xEF\xBB\xBF" "ab\ncd\n");
	NO_FM(f, 3);
	note_line_col(&f.n, 3, &line, &col);		/* 'a' */
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	note_line_col(&f.n, 4, &line, &col);		/* 'b' */
	assert_int_equal(col, 2);
	note_line_col(&f.n, 7, &line, &col);		/* 'd' */
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
	fx_free(&f);
}

static void test_only_one_bom_skipped(void **state)
{
	struct fx f;

	(void)state;
	/* the second BOM is part of line 1, which is then not a fence */
	split(&f, "\xEF\xBB\xBF\xEF\xBB\xBF---\na: 1\n---\n");
	NO_FM(f, 3);
	assert_no_diag(&f.c);
	fx_free(&f);
}

static void test_bom_with_crlf(void **state)
{
	struct fx f;

	(void)state;
	split(&f, "\xEF\xBB\xBF---\r\nclient: Acme\r\n---\r\nbody\r\n");
	assert_int_equal(f.ret, 0);
	FM_IS(f, "client: Acme\r\n");
	assert_int_equal(f.n.body_line, 4);
	assert_string_equal(BODY(f), "body\r\n");
	fx_free(&f);
}

static void test_utf16le_refused(void **state)
{
	static const char t[] = "\xFF\xFE-\0-\0-\0\n\0a\0:\0 \0b\0\n\0-\0-\0-\0\n\0";
	struct fx f;

	(void)state;
	split_len(&f, t, sizeof(t) - 1);
	assert_int_equal(f.ret, -1);
	assert_diag(&f.c, "x.md:1:1: error: UTF-16 text is not supported");
	assert_diag_count(&f.c, 1, 0);
	fx_free(&f);
}

static void test_utf16be_refused(void **state)
{
	static const char t[] = "\xFE\xFF\0-\0-\0-\0\n";
	struct fx f;

	(void)state;
	split_len(&f, t, sizeof(t) - 1);
	assert_int_equal(f.ret, -1);
	assert_diag(&f.c, "x.md:1:1: error: UTF-16 text is not supported");
	assert_diag_count(&f.c, 1, 0);
	fx_free(&f);
}

/* FF FE 00 00 and 00 00 FE FF are UTF-32, not UTF-16 */
static void test_utf32_refused(void **state)
{
	static const char le[] = "\xFF\xFE\0\0-\0\0\0-\0\0\0-\0\0\0\n\0\0\0";
	static const char be[] = "\0\0\xFE\xFF\0\0\0-\0\0\0-\0\0\0-\0\0\0\n";
	struct fx f;

	(void)state;
	split_len(&f, le, sizeof(le) - 1);
	assert_int_equal(f.ret, -1);
	assert_diag(&f.c, "x.md:1:1: error: UTF-32 text is not supported; convert the note to UTF-8");
	assert_diag_count(&f.c, 1, 0);
	fx_free(&f);
	split_len(&f, be, sizeof(be) - 1);
	assert_int_equal(f.ret, -1);
	assert_diag(&f.c, "x.md:1:1: error: UTF-32 text is not supported; convert the note to UTF-8");
	fx_free(&f);
}

/* What iconv -t UTF-16LE writes has no BOM: ASCII letters and NULs in
 * turn.  That is named, not called a binary file. */
static void test_utf16_without_bom(void **state)
{
	static const char le[] = "-\0-\0-\0\n\0a\0:\0 \0b\0\n\0-\0-\0-\0\n\0";
	static const char be[] = "\0w\0e\0 \0m\0e\0t\0\n";
	static const char bin[] = "ab\0cd\0\0\0";
	struct fx f;

	(void)state;
	split_len(&f, le, sizeof(le) - 1);
	assert_int_equal(f.ret, -1);
	assert_diag(&f.c, "x.md:1:1: error: looks like UTF-16 without a byte order mark; "
			  "convert the note to UTF-8");
	assert_diag_count(&f.c, 1, 0);
	fx_free(&f);
	split_len(&f, be, sizeof(be) - 1);
	assert_int_equal(f.ret, -1);
	assert_diag(&f.c, "x.md:1:1: error: looks like UTF-16 without a byte order mark");
	fx_free(&f);
	split_len(&f, bin, sizeof(bin) - 1);
	assert_int_equal(f.ret, -1);
	assert_diag(&f.c, "x.md:1:3: error: binary file (NUL byte at offset 2)");
	fx_free(&f);
	split_len(&f, "a\0", 2);
	assert_diag(&f.c, "binary file");
	fx_free(&f);
}

/* ---- bytes: NUL and invalid UTF-8 ---- */

static void test_nul_refused(void **state)
{
	static const char t[] = "hello\nwor\0ld\n";
	struct fx f;

	(void)state;
	split_len(&f, t, sizeof(t) - 1);
	assert_int_equal(f.ret, -1);
	assert_diag(&f.c, "x.md:2:4: error: binary file (NUL byte at offset 9)");
	assert_diag_count(&f.c, 1, 0);
	fx_free(&f);
}

static void test_nul_in_front_matter_refused(void **state)
{
	static const char t[] = "---\nclient: A\0\n---\nbody\n";
	struct fx f;

	(void)state;
	split_len(&f, t, sizeof(t) - 1);
	assert_int_equal(f.ret, -1);
	assert_diag(&f.c, "x.md:2:10: error: binary file");
	fx_free(&f);
}

static void test_invalid_utf8_repaired(void **state)
{
	static const char t[] = "---\nclient: caf\xE9\n---\nbody \xFF\xFE ok\n";
	struct fx f;

	(void)state;
	split(&f, t);
	assert_int_equal(f.ret, 0);
	/* each bad byte is U+FFFD; lines stay where they were */
	assert_int_equal(f.n.text.len, sizeof(t) - 1 + 3 * 2);
	assert_int_equal(f.n.bad_bytes, 3);
	assert_string_equal(f.n.text.ptr, "---\nclient: caf\xEF\xBF\xBD\n---\nbody "
			    "\xEF\xBF\xBD\xEF\xBF\xBD ok\n");
	FM_IS(f, "client: caf\xEF\xBF\xBD\n");
	assert_int_equal(f.n.body_line, 4);
	/* one warning, naming the first bad byte */
	assert_diag(&f.c, "x.md:2:12: warning: invalid UTF-8 (3 bytes)");
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);
}

/* Positions in the repaired text map back to the file's: each U+FFFD
 * counts as the one byte it replaced. */
static void test_repaired_offsets_are_the_files(void **state)
{
	/* file: "ab\xFFcd\xFE\xFFe\nx\xE9yz\n" */
	static const char t[] = "ab\xFF" "cd\xFE\xFF" "e\nx\xE9" "yz\n";
	const char *r;
	struct fx f;
	unsigned line, col;

	(void)state;
	split(&f, t);
	assert_int_equal(f.ret, 0);
	assert_int_equal(f.n.bad_bytes, 4);
	r = f.n.text.ptr;
	/* the repaired text: ab FFFD cd FFFD FFFD e \n x FFFD yz */
	assert_int_equal(f.n.repairs[0], 2);
	assert_int_equal(f.n.repairs[1], 7);
	assert_int_equal(f.n.repairs[2], 10);
	assert_int_equal(f.n.repairs[3], 16);
	assert_int_equal(note_file_off(&f.n, 0), 0);
	assert_int_equal(note_file_off(&f.n, 2), 2);
	assert_int_equal(note_file_off(&f.n, 3), 2);	/* inside a U+FFFD */
	assert_int_equal(note_file_off(&f.n, 5), 3);	/* 'c' */
	assert_int_equal(note_file_off(&f.n, 13), 7);	/* 'e' */
	assert_int_equal(note_file_off(&f.n, 19), 11);	/* 'y' */
	assert_int_equal(r[19], 'y');
	note_line_col(&f.n, 13, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 8);
	note_line_col(&f.n, 19, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 3);
	/* a column counted in the repaired text, as passages count it */
	assert_int_equal(note_col(&f.n, 19, 5), 3);
	assert_int_equal(note_col(&f.n, 13, 14), 8);
	fx_free(&f);
	/* nothing repaired: the same column */
	split(&f, "abc\n");
	assert_int_equal(note_col(&f.n, 2, 3), 3);
	assert_int_equal(note_file_off(&f.n, 2), 2);
	fx_free(&f);
}

/* A BOM is still not counted on line 1, repairs or not. */
static void test_repaired_columns_with_bom(void **state)
{
	static const char t[] = "\xEF\xBB\xBF\xFF" "ab\n";
	struct fx f;
	unsigned line, col;

	(void)state;
	split(&f, t);
	note_line_col(&f.n, 3 + 3 + 1, &line, &col);	/* 'b' */
	assert_int_equal(line, 1);
	assert_int_equal(col, 3);
	fx_free(&f);
}

static void test_invalid_utf8_kinds(void **state)
{
	static const struct {
		const char *text;
		size_t bad;
	} cases[] = {
		{ "ab\xC0\xAF", 2 },		/* overlong '/' */
		{ "ab\xED\xA0\x80", 3 },	/* surrogate U+D800 */
		{ "ab\xF4\x90\x80\x80", 4 },	/* past U+10FFFF */
		{ "ab\xE2\x82", 2 },		/* truncated at the end */
		{ "ab\xE2\x82x", 2 },		/* truncated mid-text */
		{ "\x80", 1 },			/* lone continuation */
	};
	size_t i, j, k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx f;

		split(&f, cases[i].text);
		assert_int_equal(f.ret, 0);
		assert_int_equal(f.n.bad_bytes, cases[i].bad);
		assert_int_equal(f.n.text.len, strlen(cases[i].text) + 2 * cases[i].bad);
		/* "ab" or nothing, then one U+FFFD a bad byte, then maybe "x" */
		for (j = 0; j + 2 < f.n.text.len && f.n.text.ptr[j] != '\xEF'; j++)
			;
		for (k = 0; k < cases[i].bad; k++, j += 3)
			assert_memory_equal(f.n.text.ptr + j, "\xEF\xBF\xBD", 3);
		assert_int_equal(utf8_check(f.n.text.ptr, f.n.text.len), f.n.text.len);
		assert_diag_count(&f.c, 0, 1);
		fx_free(&f);
	}
}

static void test_valid_utf8_untouched(void **state)
{
	static const char t[] = "---\nclient: Caf\xC3\xA9 \xE2\x98\x95\n---\n\xF0\x9F\x98\x80 \xE4\xB8\xAD\n";
	struct fx f;

	(void)state;
	split(&f, t);
	assert_int_equal(f.ret, 0);
	assert_int_equal(f.n.bad_bytes, 0);
	assert_string_equal(f.n.text.ptr, t);
	assert_no_diag(&f.c);
	fx_free(&f);
}

/* ---- rule 2: where front matter opens ---- */

static void test_opens_with_three_dashes(void **state)
{
	static const char *const ok[] = {
		"---\na: 1\n---\nbody\n",
		"---  \na: 1\n---\nbody\n",
		"--- \t \na: 1\n---\nbody\n",
		"---\r\na: 1\n---\nbody\n",
		"---\t\r\na: 1\n---\nbody\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct fx f;

		split(&f, ok[i]);
		assert_int_equal(f.ret, 0);
		FM_IS(f, "a: 1\n");
		assert_int_equal(f.n.fm_line, 2);
		assert_int_equal(f.n.body_line, 4);
		assert_string_equal(BODY(f), "body\n");
		assert_no_diag(&f.c);
		fx_free(&f);
	}
}

static void test_does_not_open(void **state)
{
	static const char *const no[] = {
		"----\na: 1\n---\nbody\n",
		"--- yaml\na: 1\n---\nbody\n",
		"---yaml\na: 1\n---\nbody\n",
		"--- # x\na: 1\n---\nbody\n",
		"+++\na = 1\n+++\nbody\n",
		"{\n\"a\": 1\n}\nbody\n",
		" ---\na: 1\n---\nbody\n",
		"-- -\na: 1\n---\nbody\n",
		"--\na: 1\n---\nbody\n",
		"\n---\na: 1\n---\nbody\n",	/* only on line 1 */
		"body\n---\na: 1\n---\n",
		"...\na: 1\n...\nbody\n",	/* '...' only closes */
		"",
		"\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		struct fx f;

		split(&f, no[i]);
		NO_FM(f, 0);
		assert_int_equal(f.n.fm_len, 0);
		assert_no_diag(&f.c);	/* nothing opened, so nothing unclosed */
		fx_free(&f);
	}
}

/* ---- rule 3: where it closes ---- */

static void test_closes_with_dots(void **state)
{
	struct fx f;

	(void)state;
	split(&f, "---\na: 1\n...\nbody\n");
	assert_int_equal(f.ret, 0);
	FM_IS(f, "a: 1\n");
	assert_int_equal(f.n.body_line, 4);
	assert_string_equal(BODY(f), "body\n");
	fx_free(&f);
}

static void test_closes_with_trailing_blanks(void **state)
{
	static const char *const ok[] = {
		"---\na: 1\n---   \nbody\n",
		"---\na: 1\n---\t\nbody\n",
		"---\na: 1\n... \t\nbody\n",
		"---\na: 1\n---  \r\nbody\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct fx f;

		split(&f, ok[i]);
		FM_IS(f, "a: 1\n");
		assert_int_equal(f.n.body_line, 4);
		assert_string_equal(BODY(f), "body\n");
		fx_free(&f);
	}
}

static void test_does_not_close(void **state)
{
	/* each line in turn sits in the front matter; '---' on line 5 closes */
	static const char *const lines[] = {
		"---foo", "--- # x", " ---", "\t---", "----", "....", "..", "--",
		"...foo", "- --", "--- ---",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		struct fx f;
		struct buf t = BUF_INIT, fm = BUF_INIT;

		buf_addf(&fm, "a: 1\n%s\nb: 2\n", lines[i]);
		buf_addf(&t, "---\n%s---\nbody\n", fm.ptr);
		split(&f, t.ptr);
		assert_int_equal(f.ret, 0);
		FM_IS(f, fm.ptr);
		assert_int_equal(f.n.body_line, 6);
		assert_string_equal(BODY(f), "body\n");
		assert_no_diag(&f.c);
		fx_free(&f);
		buf_release(&t);
		buf_release(&fm);
	}
}

static void test_first_closing_line_wins(void **state)
{
	struct fx f;

	(void)state;
	split(&f, "---\na: 1\n---\nb: 2\n---\nbody\n");
	FM_IS(f, "a: 1\n");
	assert_int_equal(f.n.body_line, 4);
	assert_string_equal(BODY(f), "b: 2\n---\nbody\n");
	fx_free(&f);

	split(&f, "---\na: 1\n...\nb: 2\n---\n");
	FM_IS(f, "a: 1\n");
	assert_string_equal(BODY(f), "b: 2\n---\n");
	fx_free(&f);
}

/* ---- rule 4: no closing line ---- */

static void test_unclosed_is_body(void **state)
{
	struct fx f;

	(void)state;
	split(&f, "---\nclient: Acme\nHello there.\n");
	NO_FM(f, 0);
	assert_int_equal(f.n.fm_off, 0);
	assert_int_equal(f.n.fm_len, 0);
	assert_diag(&f.c, "x.md:1:1: warning: front matter opened by '---' is never closed");
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);
}

static void test_unclosed_variants(void **state)
{
	static const struct {
		const char *text;
		size_t start;
	} cases[] = {
		{ "---", 0 },
		{ "---\n", 0 },
		{ "---\r\n", 0 },
		{ "---\na: 1\n---foo\n", 0 },
		{ "---\na: 1\n --- \n", 0 },
		{ "\xEF\xBB\xBF---\na: 1\n", 3 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx f;

		split(&f, cases[i].text);
		NO_FM(f, cases[i].start);
		assert_diag(&f.c, "x.md:1:1: warning: front matter opened by '---' is never closed");
		assert_diag_count(&f.c, 0, 1);
		fx_free(&f);
	}
}

/* ---- rule 5: where the body starts ---- */

static void test_body_offsets_lf(void **state)
{
	struct fx f;

	(void)state;
	split(&f, "---\na: 1\nb: 2\n---\n\nbody\n");
	assert_int_equal(f.n.fm_off, 4);
	assert_int_equal(f.n.fm_line, 2);
	assert_int_equal(f.n.body_off, 18);
	assert_int_equal(f.n.body_line, 5);	/* the blank line is the body's */
	assert_string_equal(BODY(f), "\nbody\n");
	fx_free(&f);
}

static void test_body_offsets_crlf(void **state)
{
	struct fx f;

	(void)state;
	split(&f, "---\r\na: 1\r\n---\r\nbody\r\n");
	assert_int_equal(f.n.fm_off, 5);
	FM_IS(f, "a: 1\r\n");
	assert_int_equal(f.n.body_off, 16);
	assert_int_equal(f.n.body_line, 4);
	assert_string_equal(BODY(f), "body\r\n");
	fx_free(&f);
}

static void test_body_offsets_cr_only(void **state)
{
	struct fx f;

	(void)state;
	split(&f, "---\ra: 1\r---\rbody\r");
	FM_IS(f, "a: 1\r");
	assert_int_equal(f.n.body_line, 4);
	assert_string_equal(BODY(f), "body\r");
	fx_free(&f);
}

static void test_closing_line_at_end_of_file(void **state)
{
	struct fx f;

	(void)state;
	split(&f, "---\na: 1\n---");
	FM_IS(f, "a: 1\n");
	assert_int_equal(f.n.body_off, f.n.text.len);
	assert_int_equal(f.n.body_line, 4);
	fx_free(&f);
}

static void test_empty_front_matter(void **state)
{
	struct fx f;

	(void)state;
	split(&f, "---\n---\nbody\n");
	assert_true(f.n.has_fm);
	assert_int_equal(f.n.fm_off, 4);
	assert_int_equal(f.n.fm_len, 0);
	assert_int_equal(f.n.body_line, 3);
	assert_string_equal(BODY(f), "body\n");
	assert_no_diag(&f.c);
	fx_free(&f);
}

static void test_split_is_repeatable(void **state)
{
	struct fx f;

	(void)state;
	split(&f, "---\na: 1\n---\nbody\n");
	assert_int_equal(note_split(&f.n, &f.c.d), 0);
	FM_IS(f, "a: 1\n");
	assert_int_equal(f.n.body_line, 4);
	/* new text in the same note: no stale front matter */
	note_set_text(&f.n, "y.md", "plain\n", 6);
	assert_int_equal(note_split(&f.n, &f.c.d), 0);
	NO_FM(f, 0);
	assert_int_equal(f.n.fm_len, 0);
	assert_string_equal(f.n.path, "y.md");
	fx_free(&f);
}

/* ---- line and column ---- */

static void test_text_line_col(void **state)
{
	static const char t[] = "ab\ncd\r\nef\rgh";
	unsigned line, col;

	(void)state;
	text_line_col(t, 0, 1, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	text_line_col(t, 0, 1, 2, &line, &col);		/* the LF */
	assert_int_equal(line, 1);
	assert_int_equal(col, 3);
	text_line_col(t, 0, 1, 4, &line, &col);		/* 'd' */
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
	text_line_col(t, 0, 1, 6, &line, &col);		/* LF of the CRLF */
	assert_int_equal(line, 2);
	assert_int_equal(col, 4);
	text_line_col(t, 0, 1, 7, &line, &col);		/* 'e' */
	assert_int_equal(line, 3);
	assert_int_equal(col, 1);
	text_line_col(t, 0, 1, 10, &line, &col);	/* 'g', after a lone CR */
	assert_int_equal(line, 4);
	assert_int_equal(col, 1);
	/* from a base: front matter starting on line 2 */
	text_line_col(t, 3, 2, 4, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
	text_line_col(t, 3, 2, 11, &line, &col);	/* 'h' */
	assert_int_equal(line, 4);
	assert_int_equal(col, 2);
}

/* ---- reading ---- */

static char *temp_file(const char *content, size_t len)
{
	char *name = strdup("/tmp/banter-test-note-XXXXXX");
	int fd;

	assert_non_null(name);
	fd = mkstemp(name);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, len), (ssize_t)len);
	close(fd);
	return name;
}

static void test_read_file(void **state)
{
	static const char t[] = "---\nclient: Acme\n---\nbody\n";
	char *name = temp_file(t, sizeof(t) - 1);
	struct note n;
	struct capture c;

	(void)state;
	note_init(&n);
	capture_init(&c);
	assert_int_equal(note_read(&n, name, -1, 1024, &c.d), 0);
	assert_string_equal(n.path, name);
	assert_int_equal(n.text.len, sizeof(t) - 1);
	assert_string_equal(n.text.ptr, t);
	assert_int_equal(note_split(&n, &c.d), 0);
	assert_true(n.has_fm);
	assert_no_diag(&c);
	/* the same note, read again from an fd, replaces the text */
	{
		FILE *fp = fopen(name, "r");

		assert_non_null(fp);
		assert_int_equal(note_read(&n, "<stdin>", fileno(fp), 1024, &c.d), 0);
		fclose(fp);
	}
	assert_string_equal(n.path, "<stdin>");
	assert_int_equal(n.text.len, sizeof(t) - 1);
	note_release(&n);
	capture_release(&c);
	unlink(name);
	free(name);
}

static void test_read_too_large(void **state)
{
	char big[100];
	char *name;
	struct note n;
	struct capture c;

	(void)state;
	memset(big, 'x', sizeof(big));
	name = temp_file(big, sizeof(big));
	note_init(&n);
	capture_init(&c);
	assert_int_equal(note_read(&n, name, -1, 99, &c.d), -1);
	assert_diag(&c, "error: larger than 99 bytes (limit 'file-size'); skipped");
	assert_diag_count(&c, 1, 0);
	capture_reset(&c);
	assert_int_equal(note_read(&n, name, -1, 100, &c.d), 0);
	assert_int_equal(n.text.len, 100);
	assert_no_diag(&c);
	note_release(&n);
	capture_release(&c);
	unlink(name);
	free(name);
}

static void test_read_pipe_too_large(void **state)
{
	int fds[2];
	char big[300];
	struct note n;
	struct capture c;

	(void)state;
	memset(big, 'x', sizeof(big));
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], big, sizeof(big)), (ssize_t)sizeof(big));
	close(fds[1]);
	note_init(&n);
	capture_init(&c);
	/* a pipe has no size to check first: the limit applies while reading */
	assert_int_equal(note_read(&n, "<stdin>", fds[0], 200, &c.d), -1);
	assert_diag(&c, "banter: <stdin>: error: larger than 200 bytes (limit 'file-size')");
	close(fds[0]);
	note_release(&n);
	capture_release(&c);
}

static void test_read_missing(void **state)
{
	struct note n;
	struct capture c;

	(void)state;
	note_init(&n);
	capture_init(&c);
	assert_int_equal(note_read(&n, "/nonexistent/banter/x.md", -1, 1024, &c.d), -1);
	assert_diag(&c, "banter: /nonexistent/banter/x.md: error: No such file or directory");
	assert_diag_count(&c, 1, 0);
	note_release(&n);
	capture_release(&c);
}

/* ROBUSTNESS A13: a file whose size says 0 (/proc) is read to its end. */
static void test_read_size_zero_file(void **state)
{
	struct note n;
	struct capture c;

	(void)state;
	note_init(&n);
	capture_init(&c);
	assert_int_equal(note_read(&n, "/proc/self/status", -1, 1 << 20, &c.d), 0);
	assert_true(n.text.len > 0);
	assert_non_null(strstr(n.text.ptr, "Name:"));
	assert_no_diag(&c);
	note_release(&n);
	capture_release(&c);
}

/* ROBUSTNESS A5: devices are refused when a note is opened by name (only
 * standard input, named '-', may be something else); nothing blocks. */
static void test_read_device_refused(void **state)
{
	struct note n;
	struct capture c;

	(void)state;
	note_init(&n);
	capture_init(&c);
	assert_int_equal(note_read(&n, "/dev/zero", -1, 1024, &c.d), -1);
	assert_int_equal(note_read(&n, "/dev/null", -1, 1024, &c.d), -1);
	assert_int_equal(note_read(&n, "/tmp", -1, 1024, &c.d), -1);
	assert_diag(&c, "banter: /dev/zero: error: not a regular file; skipped");
	assert_diag(&c, "banter: /tmp: error: not a regular file; skipped");
	assert_diag_count(&c, 3, 0);
	note_release(&n);
	capture_release(&c);
}

/* Standard input that is a device reads under the size limit and ends. */
static void test_read_endless_stdin_capped(void **state)
{
	struct note n;
	struct capture c;
	int fd = open("/dev/zero", O_RDONLY);

	(void)state;
	assert_true(fd >= 0);
	note_init(&n);
	capture_init(&c);
	assert_int_equal(note_read(&n, "<stdin>", fd, 100000, &c.d), -1);
	assert_diag(&c, "<stdin>: error: larger than 100000 bytes (limit 'file-size')");
	close(fd);
	note_release(&n);
	capture_release(&c);
}

/*
 * ROBUSTNESS A10: a note truncated or growing while it is read.  The
 * reader below stands in for read(2): it reads at most `chunk` bytes a
 * call, and before call number `at` it changes the file through a second
 * descriptor (truncates it to `trunc_to`, or appends `grow` bytes), so the
 * change lands between two reads, every time.
 */
struct changer {
	const char *name;
	size_t chunk;
	unsigned calls;
	unsigned at;
	long trunc_to;		/* -1: no truncation */
	size_t grow;
};

static ssize_t changing_read(void *arg, int fd, void *p, size_t len)
{
	struct changer *ch = arg;

	if (++ch->calls == ch->at) {
		int w = open(ch->name, O_WRONLY | O_APPEND);

		assert_true(w >= 0);
		if (ch->trunc_to >= 0)
			assert_int_equal(ftruncate(w, (off_t)ch->trunc_to), 0);
		if (ch->grow) {
			char *more = malloc(ch->grow);

			assert_non_null(more);
			memset(more, 'g', ch->grow);
			assert_int_equal(write(w, more, ch->grow), (ssize_t)ch->grow);
			free(more);
		}
		close(w);
	}
	return read(fd, p, len < ch->chunk ? len : ch->chunk);
}

/* A 1000-byte note: front matter, then "we played golf" lines. */
static char *changing_note(void)
{
	char t[1000];
	static const char head[] = "---\nclient: Acme\n---\n";
	size_t i;

	memcpy(t, head, sizeof(head) - 1);
	for (i = sizeof(head) - 1; i < sizeof(t); i++)
		t[i] = (i % 20 == 19) ? '\n' : 'x';
	return temp_file(t, sizeof(t));
}

/* Reads the changing note with limit `max` and checks it split cleanly. */
static void read_changing(struct changer *ch, size_t max, size_t want_len)
{
	struct note n;
	struct capture c;
	struct note_reader rd = { changing_read, ch };

	note_init(&n);
	capture_init(&c);
	assert_int_equal(note_read_with(&n, ch->name, -1, max, &rd, &c.d), 0);
	assert_int_equal(ch->calls >= ch->at, 1);	/* the change did happen */
	assert_int_equal(n.text.len, want_len);
	assert_int_equal(strlen(n.text.ptr), want_len);
	assert_int_equal(note_split(&n, &c.d), 0);
	assert_true(n.has_fm);
	assert_no_diag(&c);	/* no message: banter has no -v to give it */
	note_release(&n);
	capture_release(&c);
}

/* One read of a fresh changing note; `ch` names what happens to it. */
static void change_case(struct changer ch, size_t max, size_t want_len)
{
	char *name = changing_note();

	ch.name = name;
	read_changing(&ch, max, want_len);
	unlink(name);
	free(name);
}

static void test_read_truncated_while_read(void **state)
{
	(void)state;
	/* cut to nothing after two reads: what was read is the note */
	change_case((struct changer){ NULL, 100, 0, 3, 0, 0 }, 1 << 20, 200);
	/* cut to 250 bytes after two reads: read as far as it goes */
	change_case((struct changer){ NULL, 100, 0, 3, 250, 0 }, 1 << 20, 250);
	/* cut after fstat, before the first read */
	change_case((struct changer){ NULL, 100, 0, 1, 30, 0 }, 1 << 20, 30);
}

static void test_read_growing_while_read(void **state)
{
	(void)state;
	/* a little more (a write finishing): within the slack, all of it */
	change_case((struct changer){ NULL, 100, 0, 3, -1, 50 }, 1 << 20, 1050);
	/* a lot more (a log appended to): the note as it was, plus the
	 * slack, and no more; not an error */
	change_case((struct changer){ NULL, 100, 0, 3, -1, 4 << 20 }, 8 << 20,
		    1000 + NOTE_READ_SLACK);
	/* past the file-size limit while read: capped there, not refused */
	change_case((struct changer){ NULL, 100, 0, 3, -1, 3000 }, 1500, 1500);
	/* the same with big reads: one read sees the grown file at once */
	change_case((struct changer){ NULL, 1 << 30, 0, 2, -1, 1 << 20 }, 8 << 20,
		    1000 + NOTE_READ_SLACK);
}

/* The same through read(2) and standard input: a short file whose size
 * says more (sysfs says 4096 for a few bytes) is read as far as it goes. */
static void test_read_shorter_than_size(void **state)
{
	struct note n;
	struct capture c;
	const char *sys = "/sys/kernel/uevent_seqnum";

	(void)state;
	if (access(sys, R_OK) != 0)
		skip();
	note_init(&n);
	capture_init(&c);
	assert_int_equal(note_read(&n, sys, -1, 1 << 20, &c.d), 0);
	assert_true(n.text.len > 0 && n.text.len < 4096);
	assert_no_diag(&c);
	note_release(&n);
	capture_release(&c);
}

static void test_path_escaped_in_messages(void **state)
{
	struct note n;
	struct capture c;

	(void)state;
	note_init(&n);
	capture_init(&c);
	note_set_text(&n, "a\nb\x1b.md", "---\n", 4);
	assert_int_equal(note_split(&n, &c.d), 0);
	assert_diag(&c, "banter: a\\nb\\x1B.md:1:1: warning:");
	assert_int_equal(capture_lines(&c), 1);
	note_release(&n);
	capture_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bom_skipped),
		cmocka_unit_test(test_bom_not_counted_in_line1_columns),
		cmocka_unit_test(test_only_one_bom_skipped),
		cmocka_unit_test(test_bom_with_crlf),
		cmocka_unit_test(test_utf16le_refused),
		cmocka_unit_test(test_utf16be_refused),
		cmocka_unit_test(test_utf32_refused),
		cmocka_unit_test(test_repaired_offsets_are_the_files),
		cmocka_unit_test(test_repaired_columns_with_bom),
		cmocka_unit_test(test_utf16_without_bom),
		cmocka_unit_test(test_nul_refused),
		cmocka_unit_test(test_nul_in_front_matter_refused),
		cmocka_unit_test(test_invalid_utf8_repaired),
		cmocka_unit_test(test_invalid_utf8_kinds),
		cmocka_unit_test(test_valid_utf8_untouched),
		cmocka_unit_test(test_opens_with_three_dashes),
		cmocka_unit_test(test_does_not_open),
		cmocka_unit_test(test_closes_with_dots),
		cmocka_unit_test(test_closes_with_trailing_blanks),
		cmocka_unit_test(test_does_not_close),
		cmocka_unit_test(test_first_closing_line_wins),
		cmocka_unit_test(test_unclosed_is_body),
		cmocka_unit_test(test_unclosed_variants),
		cmocka_unit_test(test_body_offsets_lf),
		cmocka_unit_test(test_body_offsets_crlf),
		cmocka_unit_test(test_body_offsets_cr_only),
		cmocka_unit_test(test_closing_line_at_end_of_file),
		cmocka_unit_test(test_empty_front_matter),
		cmocka_unit_test(test_split_is_repeatable),
		cmocka_unit_test(test_text_line_col),
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_read_too_large),
		cmocka_unit_test(test_read_pipe_too_large),
		cmocka_unit_test(test_read_missing),
		cmocka_unit_test(test_read_size_zero_file),
		cmocka_unit_test(test_read_device_refused),
		cmocka_unit_test(test_read_endless_stdin_capped),
		cmocka_unit_test(test_read_truncated_while_read),
		cmocka_unit_test(test_read_growing_while_read),
		cmocka_unit_test(test_read_shorter_than_size),
		cmocka_unit_test(test_path_escaped_in_messages),
	};

	return cmocka_run_group_tests_name("note", tests, NULL, NULL);
}
