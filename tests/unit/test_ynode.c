/*
 * Unit tests for ynode.c: the YAML value tree built with libyaml's event
 * API.  No typing (every scalar is a string), limits on depth, events and
 * scalar size, anchors, aliases and tags refused, and every error placed
 * at a line and column of the file.
 *
 * Inputs are exact-length copies (no NUL after them), and the YAML text
 * starts on line 2, as front matter does, unless a test says otherwise.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"
#include "buf.h"
#include "limits.h"
#include "meta.h"
#include "note.h"
#include "ynode.h"

struct fx {
	struct capture c;
	struct ynode *root;
	int ret;
};

static void parse_at(struct fx *f, const char *s, size_t len, unsigned line0)
{
	char *copy = exact_copy(s, len);

	capture_init(&f->c);
	f->root = (struct ynode *)1;	/* must be overwritten */
	f->ret = ynode_parse(copy, len, line0, "x.md", "front matter", &f->c.d, &f->root);
	free(copy);
}

static void parse(struct fx *f, const char *s)
{
	parse_at(f, s, strlen(s), 2);
}

static void parse_buf(struct fx *f, const struct buf *b)
{
	parse_at(f, b->ptr, b->len, 2);
}

static void fx_free(struct fx *f)
{
	ynode_free(f->root);
	capture_release(&f->c);
}

/* Expects a failed parse with exactly one error containing `msg`. */
#define EXPECT_ERROR(f, msg) do {					\
	assert_int_equal((f).ret, -1);					\
	assert_null((f).root);						\
	assert_diag(&(f).c, (msg));					\
	assert_diag_count(&(f).c, 1, 0);				\
} while (0)

#define EXPECT_SCALAR(node, s, ln, cl) do {				\
	const struct ynode *n_ = (node);				\
	assert_non_null(n_);						\
	assert_int_equal(n_->kind, YNODE_SCALAR);			\
	assert_int_equal(n_->len, strlen(s));				\
	assert_string_equal(n_->str, (s));				\
	assert_int_equal(n_->line, (ln));				\
	assert_int_equal(n_->col, (cl));				\
} while (0)

/* ---- empty documents ---- */

static void test_empty_and_comment_only(void **state)
{
	static const char *const cases[] = {
		"", "\n", "   \n\n", "# a comment\n", "# one\n  # two\n\n# three",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx f;

		parse(&f, cases[i]);
		assert_int_equal(f.ret, 0);
		assert_null(f.root);
		assert_no_diag(&f.c);
		fx_free(&f);
	}
}

/* ---- the tree ---- */

static void test_mapping_positions(void **state)
{
	struct fx f;

	(void)state;
	parse(&f, "client: Acme\n\ndate:   2026-03-04\n");
	assert_int_equal(f.ret, 0);
	assert_non_null(f.root);
	assert_int_equal(f.root->kind, YNODE_MAP);
	assert_int_equal(f.root->line, 2);
	assert_int_equal(f.root->col, 1);
	assert_int_equal(ynode_map_size(f.root), 2);
	EXPECT_SCALAR(ynode_key(f.root, 0), "client", 2, 1);
	EXPECT_SCALAR(ynode_value(f.root, 0), "Acme", 2, 9);
	EXPECT_SCALAR(ynode_key(f.root, 1), "date", 4, 1);
	EXPECT_SCALAR(ynode_value(f.root, 1), "2026-03-04", 4, 9);
	assert_no_diag(&f.c);
	fx_free(&f);
}

static void test_other_first_line(void **state)
{
	struct fx f;

	(void)state;
	parse_at(&f, "a: b\n", 5, 1);	/* a rule file: YAML from line 1 */
	EXPECT_SCALAR(ynode_value(f.root, 0), "b", 1, 4);
	fx_free(&f);
	parse_at(&f, "a: b\n", 5, 40);
	EXPECT_SCALAR(ynode_value(f.root, 0), "b", 40, 4);
	fx_free(&f);
}

static void test_sequences_and_nesting(void **state)
{
	struct fx f;
	const struct ynode *v, *m;

	(void)state;
	parse(&f, "people:\n  - Ann\n  - name: Bob\n    role: cto\ntags: [a, \"b\"]\n");
	assert_int_equal(f.ret, 0);
	v = ynode_value(f.root, 0);
	assert_int_equal(v->kind, YNODE_SEQ);
	assert_int_equal(v->n, 2);
	assert_int_equal(v->line, 3);
	assert_int_equal(v->col, 3);
	EXPECT_SCALAR(v->kids[0], "Ann", 3, 5);
	m = v->kids[1];
	assert_int_equal(m->kind, YNODE_MAP);
	assert_int_equal(ynode_map_size(m), 2);
	EXPECT_SCALAR(ynode_key(m, 1), "role", 5, 5);
	EXPECT_SCALAR(ynode_value(m, 1), "cto", 5, 11);
	v = ynode_value(f.root, 1);
	assert_int_equal(v->kind, YNODE_SEQ);
	assert_int_equal(v->n, 2);
	EXPECT_SCALAR(v->kids[0], "a", 6, 8);
	assert_true(v->kids[0]->plain);
	EXPECT_SCALAR(v->kids[1], "b", 6, 11);
	assert_false(v->kids[1]->plain);
	fx_free(&f);
}

static void test_unquoted_wikilink_is_nested_list(void **state)
{
	struct fx f;
	const struct ynode *v;

	(void)state;
	parse(&f, "client: [[Acme]]\n");
	v = ynode_value(f.root, 0);
	assert_int_equal(v->kind, YNODE_SEQ);
	assert_int_equal(v->n, 1);
	assert_int_equal(v->kids[0]->kind, YNODE_SEQ);
	EXPECT_SCALAR(v->kids[0]->kids[0], "Acme", 2, 11);
	fx_free(&f);
}

static void test_complex_key(void **state)
{
	struct fx f;

	(void)state;
	parse(&f, "? [a, b]\n: c\n");
	assert_int_equal(f.ret, 0);
	assert_int_equal(ynode_key(f.root, 0)->kind, YNODE_SEQ);
	EXPECT_SCALAR(ynode_value(f.root, 0), "c", 3, 3);
	fx_free(&f);
}

/* ---- rule 7: no YAML 1.1 (or 1.2) typing ---- */

static void test_scalars_stay_strings(void **state)
{
	static const char *const values[] = {
		"NO", "no", "yes", "Yes", "on", "off", "y", "n", "true", "False",
		"1:30", "0x1F", "007", "1e3", ".inf", "-.NaN", "2026-03-04",
		"12:30:00", "~", "null", "1_000", "+12",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		struct fx f;
		struct buf t = BUF_INIT;

		buf_addf(&t, "v: %s\n", values[i]);
		parse_buf(&f, &t);
		assert_int_equal(f.ret, 0);
		EXPECT_SCALAR(ynode_value(f.root, 0), values[i], 2, 4);
		assert_true(ynode_value(f.root, 0)->plain);
		fx_free(&f);
		buf_release(&t);
	}
}

static void test_empty_value_and_styles(void **state)
{
	struct fx f;
	const struct ynode *v;

	(void)state;
	parse(&f, "a:\nb: ''\nc: \"x\"\nd: |\n  line one\n  line two\ne: >\n  folded\n  text\n");
	assert_int_equal(f.ret, 0);
	v = ynode_value(f.root, 0);
	assert_int_equal(v->kind, YNODE_SCALAR);
	assert_int_equal(v->len, 0);
	assert_true(v->plain);
	v = ynode_value(f.root, 1);
	assert_int_equal(v->len, 0);
	assert_false(v->plain);
	assert_false(ynode_value(f.root, 2)->plain);
	assert_string_equal(ynode_value(f.root, 3)->str, "line one\nline two\n");
	assert_false(ynode_value(f.root, 3)->plain);
	assert_string_equal(ynode_value(f.root, 4)->str, "folded text\n");
	fx_free(&f);
}

static void test_nul_escape_keeps_length(void **state)
{
	struct fx f;
	const struct ynode *v;

	(void)state;
	parse(&f, "title: \"a\\0b\\x1b\"\n");
	assert_int_equal(f.ret, 0);
	v = ynode_value(f.root, 0);
	assert_int_equal(v->len, 4);
	assert_memory_equal(v->str, "a\0b\x1b", 5);	/* and NUL-terminated */
	fx_free(&f);
}

/* ---- rule 9: anchors, aliases and tags refused, naming line:col ---- */

static void test_anchor_refused(void **state)
{
	struct fx f;

	(void)state;
	parse(&f, "a: &x 1\n");
	EXPECT_ERROR(f, "banter: x.md:2:4: error: front matter: anchors are not supported ('&x')");
	fx_free(&f);
	parse(&f, "a: 1\nlist: &lst\n  - 1\n");
	EXPECT_ERROR(f, "x.md:3:7: error: front matter: anchors are not supported ('&lst')");
	fx_free(&f);
	parse(&f, "a: 1\nb: &m {c: d}\n");
	EXPECT_ERROR(f, "x.md:3:4: error: front matter: anchors are not supported ('&m')");
	fx_free(&f);
	/* ROBUSTNESS C11: a duplicate anchor stops at the first one */
	parse(&f, "x: &a 1\ny: &a 2\n");
	EXPECT_ERROR(f, "x.md:2:4: error: front matter: anchors are not supported ('&a')");
	fx_free(&f);
}

static void test_alias_refused(void **state)
{
	struct fx f;

	(void)state;
	/* an alias with no anchor is still an alias to the event API */
	parse(&f, "a: 1\nb: *x\n");
	EXPECT_ERROR(f, "x.md:3:4: error: front matter: aliases are not supported ('*x')");
	fx_free(&f);
	parse(&f, "a: [1, *x]\n");
	EXPECT_ERROR(f, "x.md:2:8: error: front matter: aliases are not supported ('*x')");
	fx_free(&f);
}

static void test_tag_refused(void **state)
{
	struct fx f;

	(void)state;
	parse(&f, "a: !!str 1\n");
	EXPECT_ERROR(f, "x.md:2:4: error: front matter: tags are not supported ('tag:yaml.org,2002:str')");
	fx_free(&f);
	parse(&f, "a: 1\nb: !foo [1]\n");
	EXPECT_ERROR(f, "x.md:3:4: error: front matter: tags are not supported ('!foo')");
	fx_free(&f);
	parse(&f, "!!map\na: 1\n");
	EXPECT_ERROR(f, "x.md:2:1: error: front matter: tags are not supported");
	fx_free(&f);
	/* a tag can spell any byte as %XX: it reaches stderr escaped */
	parse(&f, "a: !foo%1b%5b31m x\n");
	EXPECT_ERROR(f, "x.md:2:4: error: front matter: tags are not supported ('!foo\\x1B[31m')");
	assert_null(strchr(f.c.out.ptr, '\x1b'));
	fx_free(&f);
}

static void test_billion_laughs_refused_at_first_anchor(void **state)
{
	struct fx f;

	(void)state;
	parse(&f,
	      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n");
	EXPECT_ERROR(f, "x.md:2:4: error: front matter: anchors are not supported ('&a')");
	fx_free(&f);
	parse(&f, "a: &a [ *a ]\n");	/* self-reference */
	EXPECT_ERROR(f, "anchors are not supported ('&a')");
	fx_free(&f);
}

/* ---- limits ---- */

static void add_nested(struct buf *b, size_t depth)
{
	buf_adds(b, "a: ");
	buf_addrep(b, '[', depth);
	buf_addrep(b, ']', depth);
	buf_addch(b, '\n');
}

static void test_depth_limit_boundary(void **state)
{
	struct fx f;
	struct buf t = BUF_INIT;

	(void)state;
	/* the mapping and 63 lists make 64 levels: allowed */
	add_nested(&t, limits_default.yaml_depth - 1);
	parse_buf(&f, &t);
	assert_int_equal(f.ret, 0);
	assert_no_diag(&f.c);
	fx_free(&f);
	/* one more is refused, at the '[' that opens level 65 */
	buf_reset(&t);
	add_nested(&t, limits_default.yaml_depth);
	parse_buf(&f, &t);
	EXPECT_ERROR(f, "x.md:2:67: error: front matter: nesting deeper than 64 levels");
	fx_free(&f);
	buf_release(&t);
}

static void test_deep_flow_nesting_stops_early(void **state)
{
	struct fx f;
	struct buf t = BUF_INIT;

	(void)state;
	/* libyaml 0.2.5 alone is quadratic here (seconds); the cap stops it
	 * after 64 levels */
	add_nested(&t, 100);
	parse_buf(&f, &t);
	EXPECT_ERROR(f, "x.md:2:67: error: front matter: nesting deeper than 64 levels");
	fx_free(&f);
	buf_reset(&t);
	buf_adds(&t, "a: ");
	buf_addrep(&t, '[', 100000);	/* never closed */
	parse_buf(&f, &t);
	EXPECT_ERROR(f, "nesting deeper than 64 levels");
	fx_free(&f);
	buf_release(&t);
}

static void test_deep_block_nesting(void **state)
{
	struct fx f;
	struct buf t = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 100; i++)
		buf_adds(&t, "- ");
	buf_adds(&t, "x\n");
	parse_buf(&f, &t);
	EXPECT_ERROR(f, "x.md:2:129: error: front matter: nesting deeper than 64 levels");
	fx_free(&f);
	buf_release(&t);
}

static void test_event_limit(void **state)
{
	struct fx f;
	struct buf t = BUF_INIT;
	size_t i;

	(void)state;
	buf_addch(&t, '[');
	for (i = 0; i < limits_default.yaml_events; i++)
		buf_adds(&t, "a,");
	buf_adds(&t, "]\n");
	parse_buf(&f, &t);
	EXPECT_ERROR(f, "front matter: more than 100000 YAML events");
	fx_free(&f);
	/* a little under the limit is fine */
	buf_reset(&t);
	buf_addch(&t, '[');
	for (i = 0; i < limits_default.yaml_events - 10; i++)
		buf_adds(&t, "a,");
	buf_adds(&t, "]\n");
	parse_buf(&f, &t);
	assert_int_equal(f.ret, 0);
	assert_int_equal(f.root->n, limits_default.yaml_events - 10);
	fx_free(&f);
	buf_release(&t);
}

static void test_scalar_limit(void **state)
{
	struct fx f;
	struct buf t = BUF_INIT;

	(void)state;
	buf_adds(&t, "a: ");
	buf_addrep(&t, 'x', limits_default.scalar);
	buf_addch(&t, '\n');
	parse_buf(&f, &t);
	assert_int_equal(f.ret, 0);
	assert_int_equal(ynode_value(f.root, 0)->len, limits_default.scalar);
	fx_free(&f);
	buf_reset(&t);
	buf_adds(&t, "b: 1\na: ");
	buf_addrep(&t, 'x', limits_default.scalar + 1);
	buf_addch(&t, '\n');
	parse_buf(&f, &t);
	EXPECT_ERROR(f, "x.md:3:4: error: front matter: a value longer than 65536 bytes");
	fx_free(&f);
	buf_release(&t);
}

static void parse_lim(struct fx *f, const char *s, const struct limits *lim)
{
	char *copy = exact_copy(s, strlen(s));

	capture_init(&f->c);
	f->root = (struct ynode *)1;
	f->ret = ynode_parse_limits(copy, strlen(s), 2, "x.md", "front matter", lim, &f->c.d,
				    &f->root);
	free(copy);
}

/* Every limit comes from struct limits (--limit NAME=N), named in the
 * message. */
static void test_limits_are_configurable(void **state)
{
	struct limits lim = limits_default;
	struct fx f;

	(void)state;
	lim.yaml_depth = 2;
	parse_lim(&f, "a: [b]\n", &lim);
	assert_int_equal(f.ret, 0);
	fx_free(&f);
	parse_lim(&f, "a: [[b]]\n", &lim);
	EXPECT_ERROR(f, "x.md:2:5: error: front matter: nesting deeper than 2 levels (limit 'yaml-depth')");
	fx_free(&f);
	lim = limits_default;
	lim.yaml_events = 10;
	parse_lim(&f, "a: 1\nb: 2\n", &lim);	/* 10 events with stream and document */
	assert_int_equal(f.ret, 0);
	fx_free(&f);
	parse_lim(&f, "a: 1\nb: 2\nc: 3\n", &lim);
	EXPECT_ERROR(f, "more than 10 YAML events (limit 'yaml-events')");
	fx_free(&f);
	lim = limits_default;
	lim.scalar = 3;
	parse_lim(&f, "abc: xyz\n", &lim);
	assert_int_equal(f.ret, 0);
	fx_free(&f);
	parse_lim(&f, "abc: wxyz\n", &lim);
	EXPECT_ERROR(f, "x.md:2:6: error: front matter: a value longer than 3 bytes (limit 'scalar')");
	fx_free(&f);
	/* NULL means the defaults */
	parse_lim(&f, "a: b\n", NULL);
	assert_int_equal(f.ret, 0);
	fx_free(&f);
}

/* Raised far past the default, depth is still counted in banter's loop,
 * and a deep tree is freed without recursion. */
static void test_raised_depth_limit_deep_tree(void **state)
{
	struct limits lim = limits_default;
	struct buf t = BUF_INIT;
	struct fx f;
	size_t i;

	(void)state;
	lim.yaml_depth = 10000;
	lim.yaml_events = 100000;
	for (i = 0; i < 5000; i++)
		buf_adds(&t, "- ");
	buf_adds(&t, "x\n");
	parse_lim(&f, t.ptr, &lim);
	assert_int_equal(f.ret, 0);
	assert_non_null(f.root);
	fx_free(&f);
	buf_release(&t);
}

static void test_second_document_refused(void **state)
{
	struct fx f;

	(void)state;
	/* '--- # x' does not close front matter, so YAML sees a new document */
	parse(&f, "a: 1\n--- # x\nb: 2\n");
	EXPECT_ERROR(f, "x.md:3:1: error: front matter: more than one YAML document");
	fx_free(&f);
}

static void test_top_level_kinds(void **state)
{
	struct fx f;

	(void)state;
	/* ynode accepts any root; meta decides that it must be a mapping */
	parse(&f, "just text\n");
	assert_int_equal(f.ret, 0);
	EXPECT_SCALAR(f.root, "just text", 2, 1);
	fx_free(&f);
	parse(&f, "- a\n- b\n");
	assert_int_equal(f.ret, 0);
	assert_int_equal(f.root->kind, YNODE_SEQ);
	assert_string_equal(ynode_kind_name(f.root->kind), "a list");
	fx_free(&f);
	assert_string_equal(ynode_kind_name(YNODE_SCALAR), "a string");
	assert_string_equal(ynode_kind_name(YNODE_MAP), "a mapping");
}

/* ---- error positions are file positions ---- */

static void test_syntax_error_line_is_file_line(void **state)
{
	struct fx f;

	(void)state;
	/* YAML line 3 is line 4 of the file (front matter starts on line 2) */
	parse(&f, "a: 1\nb: 2\nc: d: e\n");
	EXPECT_ERROR(f, "x.md:4:5: error: front matter: mapping values are not allowed in this context");
	fx_free(&f);
}

static void test_syntax_error_with_context(void **state)
{
	struct fx f;

	(void)state;
	parse(&f, "a: 1\nb: [1, 2\nc: 3\n");
	EXPECT_ERROR(f, "x.md:4:2: error: front matter: did not find expected ',' or ']' "
		     "while parsing a flow sequence that starts at line 3");
	fx_free(&f);
}

static void test_tab_indentation(void **state)
{
	struct fx f;

	(void)state;
	parse(&f, "a:\n\tb: 1\n");
	EXPECT_ERROR(f, "x.md:3:1: error: front matter: found character that cannot start any token");
	fx_free(&f);
}

/* ROBUSTNESS C12: a BOM that is not at the very start is an error on its
 * own file line, not a character of a key. */
static void test_bom_in_the_middle(void **state)
{
	struct fx f;

	(void)state;
	parse(&f, "client: Acme\n\xEF\xBB\xBFtitle: x\n");
	EXPECT_ERROR(f, "x.md:3:");
	EXPECT_ERROR(f, "error: front matter: did not find expected key");
	fx_free(&f);
}

static void test_yaml_directive(void **state)
{
	struct fx f;

	(void)state;
	parse(&f, "%YAML 1.3\n---\na: 1\n");
	EXPECT_ERROR(f, "x.md:2:1: error: front matter: found incompatible YAML document");
	fx_free(&f);
}

static void test_long_implicit_key(void **state)
{
	struct fx f;
	struct buf t = BUF_INIT;

	(void)state;
	buf_addch(&t, '[');
	buf_addrep(&t, 'x', 2000);
	buf_adds(&t, ": 1]\n");
	parse_buf(&f, &t);
	EXPECT_ERROR(f, "x.md:2:2002: error: front matter: did not find expected ',' or ']'");
	fx_free(&f);
	buf_release(&t);
}

static void test_reader_error_control_char(void **state)
{
	static const char t[] = "a: 1\nb: x\x01y\n";
	struct fx f;

	(void)state;
	parse_at(&f, t, sizeof(t) - 1, 2);
	EXPECT_ERROR(f, "x.md:3:5: error: front matter: control characters are not allowed (U+0001)");
	fx_free(&f);
}

static void test_reader_error_nul(void **state)
{
	static const char t[] = "a: 1\n\nb: \0\n";
	struct fx f;

	(void)state;
	parse_at(&f, t, sizeof(t) - 1, 2);
	EXPECT_ERROR(f, "x.md:4:4: error: front matter: control characters are not allowed (U+0000)");
	fx_free(&f);
}

static void test_reader_error_columns_are_bytes(void **state)
{
	static const char t[] = "a: \xC3\xA9\xC3\xA9\x1b\n";
	struct fx f;

	(void)state;
	parse_at(&f, t, sizeof(t) - 1, 2);
	EXPECT_ERROR(f, "x.md:2:8: error: front matter: control characters are not allowed (U+001B)");
	fx_free(&f);
}

static void test_reader_error_invalid_utf8(void **state)
{
	static const char t[] = "a: 1\r\nb: \xFF\r\n";
	struct fx f;

	(void)state;
	parse_at(&f, t, sizeof(t) - 1, 2);
	EXPECT_ERROR(f, "x.md:3:4: error: front matter: invalid leading UTF-8 octet (byte 0xFF)");
	fx_free(&f);
}

/* A code point is named as one, a byte as a byte, and no value as none. */
static void test_reader_error_values(void **state)
{
	static const char nonchar[] = "a: \xEF\xBF\xBE\n";	/* U+FFFE */
	static const char cut[] = "a: caf\xC3";		/* ends inside a sequence */
	static const char trail[] = "a: \xC3(\n";
	struct fx f;

	(void)state;
	parse_at(&f, nonchar, sizeof(nonchar) - 1, 2);
	EXPECT_ERROR(f, "x.md:2:4: error: front matter: control characters are not allowed (U+FFFE)");
	fx_free(&f);
	parse_at(&f, cut, sizeof(cut) - 1, 2);
	EXPECT_ERROR(f, "x.md:2:7: error: front matter: incomplete UTF-8 octet sequence");
	if (strstr(f.c.out.ptr, "(byte") || strstr(f.c.out.ptr, "U+"))
		fail_msg("no value expected: %s", f.c.out.ptr);
	fx_free(&f);
	parse_at(&f, trail, sizeof(trail) - 1, 2);
	EXPECT_ERROR(f, "x.md:2:5: error: front matter: invalid trailing UTF-8 octet (byte 0x28)");
	fx_free(&f);
}

/* A note's front matter, read through meta_parse_yaml: note_split's
 * repairs are made first, as banter makes them. */
static void parse_note(struct fx *f, struct note *n, const char *text)
{
	capture_init(&f->c);
	note_init(n);
	note_set_text(n, "x.md", text, strlen(text));
	assert_int_equal(note_split(n, &f->c.d), 0);
	capture_reset(&f->c);
	f->root = (struct ynode *)1;
	f->ret = meta_parse_yaml(n, "front matter", NULL, &f->c.d, &f->root);
}

/* libyaml counts columns in characters; a note's are the file's bytes,
 * in nodes and in messages alike. */
/* Any YAML banter reads (rule files, the configuration) gives byte
 * columns, as the front matter of a note does. */
static void test_text_columns_are_bytes(void **state)
{
	struct fx f;

	(void)state;
	parse(&f, "\xC3\xA9: [\xC3\xA9, c]\nd: \xE2\x82\xAC e\n");
	assert_int_equal(f.ret, 0);
	EXPECT_SCALAR(ynode_value(f.root, 0)->kids[1], "c", 2, 10);
	EXPECT_SCALAR(ynode_value(f.root, 1), "\xE2\x82\xAC e", 3, 4);
	fx_free(&f);
	parse(&f, "x: [\xC3\xA9, *b]\n");
	EXPECT_ERROR(f, "x.md:2:9: error: front matter: aliases are not supported ('*b')");
	fx_free(&f);
	/* a byte order mark at the start of a file takes no column */
	parse_at(&f, "\xEF\xBB\xBFrules: {a: b: c}\n", 20, 1);
	EXPECT_ERROR(f, "x.md:1:13: error: front matter: did not find expected ',' or '}' "
			"while parsing a flow mapping");
	fx_free(&f);
	parse_at(&f, "\xEF\xBB\xBF&a x: 1\n", 11, 1);
	EXPECT_ERROR(f, "x.md:1:1: error: front matter: anchors are not supported ('&a')");
	fx_free(&f);
}

static void test_note_columns_are_bytes(void **state)
{
	struct note n;
	struct fx f;

	(void)state;
	parse_note(&f, &n, "---\nclient: A\nx: [\xC3\xA9, *b]\n---\nbody\n");
	EXPECT_ERROR(f, "x.md:3:9: error: front matter: aliases are not supported ('*b')");
	fx_free(&f);
	note_release(&n);
	parse_note(&f, &n, "---\nx: [\xC3\xA9\xE2\x82\xAC, &a b]\n---\n");
	EXPECT_ERROR(f, "x.md:2:12: error: front matter: anchors are not supported ('&a')");
	fx_free(&f);
	note_release(&n);
	parse_note(&f, &n, "---\na: \xC3\xA9: b\n---\n");
	EXPECT_ERROR(f, "x.md:2:6: error: front matter: mapping values are not allowed");
	fx_free(&f);
	note_release(&n);
	parse_note(&f, &n, "---\n\xC3\xA9: [\xC3\xA9, c]\nd: \xE2\x82\xAC e\n---\n");
	assert_int_equal(f.ret, 0);
	EXPECT_SCALAR(ynode_key(f.root, 0), "\xC3\xA9", 2, 1);
	EXPECT_SCALAR(ynode_value(f.root, 0)->kids[1], "c", 2, 10);
	EXPECT_SCALAR(ynode_value(f.root, 1), "\xE2\x82\xAC e", 3, 4);
	fx_free(&f);
	note_release(&n);
	/* marks out of order (an error after the nodes) are found too */
	parse_note(&f, &n, "---\na: \xC3\xA9\nb: [\xC3\xA9\xC3\xA9, c\n---\n");
	EXPECT_ERROR(f, "x.md:4:1: error: front matter: did not find expected ',' or ']'");
	fx_free(&f);
	note_release(&n);
	/* CRLF and a lone CR end lines as they do for libyaml */
	parse_note(&f, &n, "---\r\na: 1\r\nb: \xC3\xA9 *x\r\n---\r\n");
	assert_int_equal(f.ret, 0);
	EXPECT_SCALAR(ynode_value(f.root, 1), "\xC3\xA9 *x", 3, 4);
	fx_free(&f);
	note_release(&n);
}

/* Each U+FFFD put for an invalid byte counts as that one byte. */
static void test_note_columns_after_repair(void **state)
{
	struct note n;
	struct fx f;

	(void)state;
	parse_note(&f, &n, "---\nclient: A\ntitle: caf\xE9 \x1B\n---\nbody\n");
	EXPECT_ERROR(f, "x.md:3:13: error: front matter: control characters are not allowed (U+001B)");
	fx_free(&f);
	note_release(&n);
	parse_note(&f, &n, "---\nt: [\xE9\xFF, x, *y]\n---\n");
	EXPECT_ERROR(f, "x.md:2:12: error: front matter: aliases are not supported ('*y')");
	fx_free(&f);
	note_release(&n);
	parse_note(&f, &n, "---\nt: [\xE9, x]\nu: \xFF\xC3\xA9 y\n---\n");
	assert_int_equal(f.ret, 0);
	EXPECT_SCALAR(ynode_value(f.root, 0)->kids[1], "x", 2, 8);
	EXPECT_SCALAR(ynode_value(f.root, 1), "\xEF\xBF\xBD\xC3\xA9 y", 3, 4);
	fx_free(&f);
	note_release(&n);
}

static void test_reader_error_far_from_start(void **state)
{
	struct fx f;
	struct buf t = BUF_INIT;
	size_t i;

	(void)state;
	/* past libyaml's 16 KiB read-ahead: the offset must still be right */
	for (i = 0; i < 5000; i++)
		buf_addf(&t, "k%zu: 1\n", i);
	buf_adds(&t, "z: \x01\n");
	parse_buf(&f, &t);
	EXPECT_ERROR(f, "x.md:5002:4: error: front matter: control characters are not allowed");
	fx_free(&f);
	buf_release(&t);
}

static void test_what_names_the_text(void **state)
{
	struct capture c;
	struct ynode *root;
	static const char t[] = "a: &x 1\n";

	(void)state;
	capture_init(&c);
	assert_int_equal(ynode_parse(t, sizeof(t) - 1, 1, "r.yaml", "rule file", &c.d, &root), -1);
	assert_null(root);
	assert_diag(&c, "banter: r.yaml:1:4: error: rule file: anchors are not supported");
	capture_release(&c);
	ynode_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_comment_only),
		cmocka_unit_test(test_mapping_positions),
		cmocka_unit_test(test_other_first_line),
		cmocka_unit_test(test_sequences_and_nesting),
		cmocka_unit_test(test_unquoted_wikilink_is_nested_list),
		cmocka_unit_test(test_complex_key),
		cmocka_unit_test(test_scalars_stay_strings),
		cmocka_unit_test(test_empty_value_and_styles),
		cmocka_unit_test(test_nul_escape_keeps_length),
		cmocka_unit_test(test_anchor_refused),
		cmocka_unit_test(test_alias_refused),
		cmocka_unit_test(test_tag_refused),
		cmocka_unit_test(test_billion_laughs_refused_at_first_anchor),
		cmocka_unit_test(test_depth_limit_boundary),
		cmocka_unit_test(test_deep_flow_nesting_stops_early),
		cmocka_unit_test(test_deep_block_nesting),
		cmocka_unit_test(test_event_limit),
		cmocka_unit_test(test_scalar_limit),
		cmocka_unit_test(test_second_document_refused),
		cmocka_unit_test(test_top_level_kinds),
		cmocka_unit_test(test_syntax_error_line_is_file_line),
		cmocka_unit_test(test_syntax_error_with_context),
		cmocka_unit_test(test_tab_indentation),
		cmocka_unit_test(test_bom_in_the_middle),
		cmocka_unit_test(test_yaml_directive),
		cmocka_unit_test(test_long_implicit_key),
		cmocka_unit_test(test_reader_error_control_char),
		cmocka_unit_test(test_reader_error_values),
		cmocka_unit_test(test_text_columns_are_bytes),
		cmocka_unit_test(test_note_columns_are_bytes),
		cmocka_unit_test(test_note_columns_after_repair),
		cmocka_unit_test(test_reader_error_nul),
		cmocka_unit_test(test_reader_error_columns_are_bytes),
		cmocka_unit_test(test_reader_error_invalid_utf8),
		cmocka_unit_test(test_reader_error_far_from_start),
		cmocka_unit_test(test_what_names_the_text),
		cmocka_unit_test(test_limits_are_configurable),
		cmocka_unit_test(test_raised_depth_limit_deep_tree),
	};

	return cmocka_run_group_tests_name("ynode", tests, NULL, NULL);
}
