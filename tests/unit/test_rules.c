/*
 * Unit tests for rules.c: loading rule files from YAML text, replacing
 * rules by id, every error path (with its PATH:LINE:COL), the limits on
 * patterns (ROBUSTNESS.md 2.7), the topic table and the rules' own
 * examples.
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
#include "diag.h"
#include "rules.h"

struct fix {
	struct ruleset rs;
	struct buf msgs;
	struct diag d;
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	ruleset_init(&f->rs);
	buf_init(&f->msgs);
	diag_init(&f->d, NULL);
	f->d.capture = &f->msgs;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;

	ruleset_release(&f->rs);
	buf_release(&f->msgs);
	free(f);
	return 0;
}

static int add(struct fix *f, const char *path, const char *text)
{
	return ruleset_add_text(&f->rs, text, strlen(text), path, &f->d);
}

static int count_lines(const struct buf *b)
{
	int n = 0;
	size_t i;

	for (i = 0; i < b->len; i++)
		n += b->ptr[i] == '\n';
	return n;
}

/* The captured diagnostics hold `want`; a macro so failures name the line. */
#define HAS(f, want) do {						\
	if (!strstr((f)->msgs.ptr, (want)))				\
		fail_msg("no '%s' in:\n%s", (want), (f)->msgs.ptr);	\
} while (0)

/* Loading `text` fails with exactly one error line, holding `want`. */
#define LOAD_FAILS(f, text, want) do {					\
	assert_int_equal(add((f), "r.yaml", (text)), -1);		\
	HAS((f), (want));						\
	assert_int_equal((f)->d.errors, 1);				\
	assert_int_equal(count_lines(&(f)->msgs), 1);			\
} while (0)

/* Loading works but compiling fails with one error holding `want`. */
#define COMPILE_FAILS(f, text, want) do {				\
	assert_int_equal(add((f), "r.yaml", (text)), 0);		\
	assert_int_equal((f)->d.errors, 0);				\
	assert_int_equal(ruleset_compile(&(f)->rs, &(f)->d), -1);	\
	HAS((f), (want));						\
	assert_int_equal((f)->d.errors, 1);				\
} while (0)

static const char two_rules[] =
	"# two rules\n"
	"rules:\n"
	"  - id: social.sports\n"
	"    category: social\n"
	"    topic: Sports\n"
	"    pattern: '\\b(?:football|match)\\b'\n"
	"    examples: [\"did you see the match\", \"football\"]\n"
	"    counterexamples:\n"
	"      - matchbox\n"
	"  - id: business.pricing\n"
	"    category: BUSINESS\n"
	"    topic: pricing\n"
	"    weight: 2.5\n"
	"    pattern: \"\\\\bprice\"\n";

static void test_load(void **state)
{
	struct fix *f = *state;
	const struct rule *r;

	assert_int_equal(add(f, "rules/mine.yaml", two_rules), 0);
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	assert_int_equal(f->msgs.len, 0);
	assert_int_equal(f->rs.n, 2);

	r = &f->rs.v[0];
	assert_string_equal(r->id, "social.sports");
	assert_int_equal(r->cat, CAT_SOCIAL);
	assert_string_equal(r->topic, "sports");	/* lowercased */
	assert_true(r->weight == 1.0);			/* the default */
	assert_string_equal(r->pattern, "\\b(?:football|match)\\b");
	assert_int_equal(r->pattern_len, strlen(r->pattern));
	assert_string_equal(r->file, "rules/mine.yaml");
	assert_int_equal(r->line, 3);
	assert_int_equal(r->pattern_line, 6);
	assert_int_equal(r->pattern_col, 14);
	assert_int_equal(r->examples.n, 2);
	assert_string_equal(r->examples.v[0], "did you see the match");
	assert_string_equal(r->examples.v[1], "football");
	assert_int_equal(r->counterexamples.n, 1);
	assert_string_equal(r->counterexamples.v[0], "matchbox");
	assert_int_equal(r->example_lines[0], 7);
	assert_int_equal(r->example_lines[1], 7);
	assert_int_equal(r->example_lines[2], 9);
	assert_null(r->re);				/* not compiled yet */

	r = &f->rs.v[1];
	assert_string_equal(r->id, "business.pricing");
	assert_int_equal(r->cat, CAT_BUSINESS);		/* category is caseless */
	assert_true(r->weight == 2.5);
	assert_string_equal(r->pattern, "\\bprice");	/* YAML's escape undone */
	assert_int_equal(r->examples.n, 0);
	assert_int_equal(r->counterexamples.n, 0);

	assert_int_equal(f->rs.files.n, 1);
	assert_string_equal(f->rs.files.v[0], "rules/mine.yaml");
}

static void test_pattern_with_nul(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "r.yaml",
			     "rules:\n"
			     "  - {id: n, category: social, topic: t, pattern: \"a\\0b\"}\n"), 0);
	assert_int_equal(f->rs.v[0].pattern_len, 3);
	assert_memory_equal(f->rs.v[0].pattern, "a\0b", 4);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
}

static void test_replace_by_id(void **state)
{
	struct fix *f = *state;
	const struct rule *r;

	assert_int_equal(add(f, "base.yaml", two_rules), 0);
	assert_int_equal(add(f, "user.yaml",
			     "rules:\n"
			     "  - id: social.sports\n"
			     "    category: business\n"
			     "    topic: golf-deals\n"
			     "    pattern: golf\n"
			     "    weight: 3\n"
			     "  - id: social.family\n"
			     "    category: social\n"
			     "    topic: family\n"
			     "    pattern: kids\n"), 0);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->rs.n, 3);
	/* replaced in its place, not appended */
	r = &f->rs.v[0];
	assert_string_equal(r->id, "social.sports");
	assert_int_equal(r->cat, CAT_BUSINESS);
	assert_string_equal(r->topic, "golf-deals");
	assert_string_equal(r->pattern, "golf");
	assert_true(r->weight == 3.0);
	assert_string_equal(r->file, "user.yaml");
	assert_int_equal(r->line, 2);
	assert_int_equal(r->examples.n, 0);		/* the old examples went too */
	assert_string_equal(f->rs.v[1].id, "business.pricing");
	assert_string_equal(f->rs.v[1].file, "base.yaml");
	assert_string_equal(f->rs.v[2].id, "social.family");
	assert_int_equal(f->rs.files.n, 2);

	/* the same id twice in one file: the later wins */
	assert_int_equal(add(f, "user.yaml",
			     "rules:\n"
			     "  - {id: x, category: social, topic: a, pattern: one}\n"
			     "  - {id: x, category: social, topic: b, pattern: two}\n"), 0);
	assert_int_equal(f->rs.n, 4);
	assert_string_equal(f->rs.v[3].pattern, "two");
	assert_int_equal(f->rs.files.n, 2);		/* file names are interned */
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
}

static void test_empty_files(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "empty.yaml", ""), 0);
	assert_int_equal(f->d.warnings, 1);
	HAS(f, "banter: empty.yaml: warning: no rules in this file\n");
	assert_int_equal(add(f, "c.yaml", "# nothing yet\n"), 0);
	assert_int_equal(add(f, "e.yaml", "rules:\n"), 0);
	assert_int_equal(add(f, "l.yaml", "rules: []\n"), 0);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->rs.n, 0);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
	assert_int_equal(f->rs.topics.n, 0);
	assert_int_equal(f->rs.referral_topic, -1);
}

static void test_file_shape_errors(void **state)
{
	struct fix *f = *state;

	LOAD_FAILS(f, "- id: x\n",
		   "banter: r.yaml:1:1: error: a rule file must be a mapping with a 'rules' list, found a list\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f, "rules:\n  id: x\n",
		   "banter: r.yaml:2:3: error: 'rules' must be a list, found a mapping\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f, "rules: []\nrulez: []\n",
		   "banter: r.yaml:2:1: error: unknown key 'rulez' in a rule file\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f, "rules:\n  - just a string\n",
		   "banter: r.yaml:2:5: error: a rule must be a mapping, found a string\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	/* YAML syntax errors name the place too */
	assert_int_equal(add(f, "r.yaml", "rules:\n  - id: [x\n"), -1);
	HAS(f, "banter: r.yaml:");
	HAS(f, "error: rule file: ");
	assert_int_equal(f->rs.n, 0);
}

static void test_yaml_refusals(void **state)
{
	struct fix *f = *state;

	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: social\n"
		   "    topic: &t sports\n"
		   "    pattern: x\n",
		   "banter: r.yaml:4:12: error: rule file: anchors are not supported ('&t')\n");
	assert_int_equal(f->rs.n, 0);
}

static void test_unknown_key(void **state)
{
	struct fix *f = *state;

	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: social\n"
		   "    topic: t\n"
		   "    colour: red\n"
		   "    pattern: x\n",
		   "banter: r.yaml:5:5: error: unknown key 'colour' in a rule\n");
	assert_int_equal(f->rs.n, 0);
}

static void test_key_twice(void **state)
{
	struct fix *f = *state;

	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: social\n"
		   "    topic: t\n"
		   "    pattern: x\n"
		   "    Pattern: y\n",
		   "banter: r.yaml:6:5: error: 'Pattern' given twice in a rule\n");
}

static void test_missing_fields(void **state)
{
	struct fix *f = *state;

	LOAD_FAILS(f,
		   "rules:\n"
		   "  - category: social\n"
		   "    topic: t\n"
		   "    pattern: x\n",
		   "banter: r.yaml:2:5: error: a rule without an 'id'\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    topic: t\n"
		   "    pattern: x\n",
		   "banter: r.yaml:2:5: error: rule 'a': no 'category'\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: social\n"
		   "    pattern: x\n",
		   "banter: r.yaml:2:5: error: rule 'a': no 'topic'\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: social\n"
		   "    topic: t\n",
		   "banter: r.yaml:2:5: error: rule 'a': no 'pattern'\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: social\n"
		   "    topic: t\n"
		   "    pattern: ''\n",
		   "banter: r.yaml:5:14: error: rule 'a': empty pattern\n");
	assert_int_equal(f->rs.n, 0);
}

static void test_bad_category(void **state)
{
	struct fix *f = *state;

	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: gossip\n"
		   "    topic: t\n"
		   "    pattern: x\n",
		   "banter: r.yaml:3:15: error: rule 'a': category must be 'business' or 'social', not 'gossip'\n");
}

static void test_bad_id_and_topic(void **state)
{
	struct fix *f = *state;

	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: 'a b'\n"
		   "    category: social\n"
		   "    topic: t\n"
		   "    pattern: x\n",
		   "banter: r.yaml:2:9: error: rule id 'a b' may hold only letters, digits, '.', '_', '-' and '/'\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: social\n"
		   "    topic: business/referral\n"
		   "    pattern: x\n",
		   "banter: r.yaml:4:12: error: rule 'a': topic 'business/referral' may hold only letters, digits, '.', '_' and '-'\n");
}

static void test_bad_weight(void **state)
{
	static const char *const bad[] = { "0", "-1", "abc", "1001", "nan", "inf", "''", "1.5x", ".", "1e999" };
	struct fix *f = *state;
	struct buf text = BUF_INIT, want = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&text);
		buf_reset(&want);
		buf_reset(&f->msgs);
		f->d.errors = 0;
		buf_addf(&text,
			 "rules:\n"
			 "  - id: a\n"
			 "    category: social\n"
			 "    topic: t\n"
			 "    pattern: x\n"
			 "    weight: %s\n", bad[i]);
		buf_addf(&want, "banter: r.yaml:6:13: error: rule 'a': weight must be a number above 0 and at most 1000, not '%s'\n",
			 strcmp(bad[i], "''") ? bad[i] : "");
		LOAD_FAILS(f, text.ptr, want.ptr);
	}
	assert_int_equal(f->rs.n, 0);

	/* the edges that are fine */
	buf_reset(&f->msgs);
	assert_int_equal(add(f, "r.yaml",
			     "rules:\n"
			     "  - {id: a, category: social, topic: t, pattern: x, weight: 1000}\n"
			     "  - {id: b, category: social, topic: t, pattern: x, weight: .25}\n"
			     "  - {id: c, category: social, topic: t, pattern: x, weight: '7'}\n"), 0);
	assert_true(f->rs.v[0].weight == 1000.0);
	assert_true(f->rs.v[1].weight == 0.25);
	assert_true(f->rs.v[2].weight == 7.0);
	buf_release(&text);
	buf_release(&want);
}

static void test_non_string_fields(void **state)
{
	struct fix *f = *state;

	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: [a]\n"
		   "    category: social\n"
		   "    topic: t\n"
		   "    pattern: x\n",
		   "banter: r.yaml:2:9: error: rule '?': 'id' must be a string, found a list\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: [social]\n"
		   "    topic: t\n"
		   "    pattern: x\n",
		   "banter: r.yaml:3:15: error: rule 'a': 'category' must be a string, found a list\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: social\n"
		   "    topic: {name: t}\n"
		   "    pattern: x\n",
		   "banter: r.yaml:4:12: error: rule 'a': 'topic' must be a string, found a mapping\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: social\n"
		   "    topic: t\n"
		   "    pattern:\n"
		   "      - x\n",
		   "banter: r.yaml:6:7: error: rule 'a': 'pattern' must be a string, found a list\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: social\n"
		   "    topic: t\n"
		   "    pattern: x\n"
		   "    weight: [2]\n",
		   "banter: r.yaml:6:13: error: rule 'a': 'weight' must be a string, found a list\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: social\n"
		   "    topic: t\n"
		   "    pattern: x\n"
		   "    examples: {a: b}\n",
		   "banter: r.yaml:6:15: error: rule 'a': 'examples' must be a list of strings\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: social\n"
		   "    topic: t\n"
		   "    pattern: x\n"
		   "    counterexamples:\n"
		   "      - ok\n"
		   "      - [nested]\n",
		   "banter: r.yaml:8:9: error: rule 'a': 'counterexamples' must be a list of strings\n");
	assert_int_equal(f->rs.n, 0);
}

static void test_single_example_string(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "r.yaml",
			     "rules:\n"
			     "  - id: a\n"
			     "    category: social\n"
			     "    topic: t\n"
			     "    pattern: x\n"
			     "    examples: one x\n"
			     "    counterexamples: none\n"), 0);
	assert_int_equal(f->rs.v[0].examples.n, 1);
	assert_string_equal(f->rs.v[0].examples.v[0], "one x");
	assert_int_equal(f->rs.v[0].counterexamples.n, 1);
	assert_int_equal(f->rs.v[0].example_lines[0], 6);
	assert_int_equal(f->rs.v[0].example_lines[1], 7);
}

static void test_every_bad_rule_reported(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "r.yaml",
			     "rules:\n"
			     "  - {id: a, category: gossip, topic: t, pattern: x}\n"
			     "  - {id: b, category: social, topic: t, pattern: x}\n"
			     "  - {id: c, category: social, topic: t, pattern: x, weight: 0}\n"), -1);
	assert_int_equal(f->d.errors, 2);
	HAS(f, "banter: r.yaml:2:23: error: rule 'a': category must be");
	HAS(f, "banter: r.yaml:4:61: error: rule 'c': weight must be");
}

static void test_invalid_regex(void **state)
{
	struct fix *f = *state;

	COMPILE_FAILS(f,
		      "rules:\n"
		      "  - id: ok\n"
		      "    category: social\n"
		      "    topic: t\n"
		      "    pattern: fine\n"
		      "  - id: bad\n"
		      "    category: social\n"
		      "    topic: t\n"
		      "    pattern: 'ab(cd'\n",
		      "banter: r.yaml:9:14: error: rule 'bad': invalid regular expression at offset 5: missing closing parenthesis\n");
	assert_non_null(f->rs.v[0].re);		/* the good one still compiled */
	assert_null(f->rs.v[1].re);
}

static void test_every_bad_regex_reported(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "r.yaml",
			     "rules:\n"
			     "  - {id: a, category: social, topic: t, pattern: '[z-a]'}\n"
			     "  - {id: b, category: social, topic: t, pattern: 'x{2,1}'}\n"), 0);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), -1);
	assert_int_equal(f->d.errors, 2);
	HAS(f, "banter: r.yaml:2:50: error: rule 'a': invalid regular expression at offset 3: ");
	HAS(f, "banter: r.yaml:3:50: error: rule 'b': invalid regular expression at offset 5: ");
}

static void test_limit_heap_refused(void **state)
{
	struct fix *f = *state;

	COMPILE_FAILS(f,
		      "rules:\n"
		      "  - id: heap\n"
		      "    category: social\n"
		      "    topic: t\n"
		      "    pattern: '(*LIMIT_HEAP=21)a+b'\n",
		      "banter: r.yaml:5:14: error: rule 'heap': (*LIMIT_HEAP) is not allowed in a pattern\n");
	/* the refused pattern is not left behind for the matcher ... */
	assert_null(f->rs.v[0].re);
	/* ... nor accepted by compiling again */
	assert_int_equal(ruleset_compile(&f->rs, &f->d), -1);
	assert_int_equal(f->d.errors, 2);
}

static void test_other_limits_allowed(void **state)
{
	struct fix *f = *state;

	/* the match limits the classifier sets may be lowered by a pattern;
	 * only the heap limit is refused */
	assert_int_equal(add(f, "r.yaml",
			     "rules:\n"
			     "  - {id: a, category: social, topic: t, pattern: '(*LIMIT_MATCH=1000)x'}\n"), 0);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
	assert_non_null(f->rs.v[0].re);
}

static void test_backslash_c_refused(void **state)
{
	struct fix *f = *state;

	COMPILE_FAILS(f,
		      "rules:\n"
		      "  - id: c\n"
		      "    category: social\n"
		      "    topic: t\n"
		      "    pattern: 'a\\Cb'\n",
		      "banter: r.yaml:5:14: error: rule 'c': invalid regular expression at offset 3: using \\C is disabled by the application\n");
}

/* A pattern of n nested groups round "a". */
static void nested(struct buf *b, size_t n)
{
	buf_adds(b, "rules:\n  - id: deep\n    category: social\n    topic: t\n    pattern: '");
	buf_addrep(b, '(', n);
	buf_addch(b, 'a');
	buf_addrep(b, ')', n);
	buf_adds(b, "'\n");
}

static void test_nesting_limit(void **state)
{
	struct fix *f = *state;
	struct buf text = BUF_INIT;

	nested(&text, 64);
	assert_int_equal(add(f, "r.yaml", text.ptr), 0);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
	assert_non_null(f->rs.v[0].re);

	buf_reset(&text);
	nested(&text, 65);
	assert_int_equal(add(f, "r.yaml", text.ptr), 0);	/* replaces 'deep' */
	assert_int_equal(f->rs.n, 1);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), -1);
	assert_int_equal(f->d.errors, 1);
	HAS(f, "banter: r.yaml:5:14: error: rule 'deep': invalid regular expression at offset ");
	HAS(f, "parentheses are too deeply nested\n");
	assert_null(f->rs.v[0].re);

	/* one deep enough to exhaust a naive recursive parser fails the same way */
	buf_reset(&text);
	buf_reset(&f->msgs);
	f->d.errors = 0;
	nested(&text, 5000);
	assert_int_equal(add(f, "r.yaml", text.ptr), -1);	/* over 4096 bytes */
	assert_int_equal(f->d.errors, 1);
	buf_release(&text);
}

static void test_pattern_length_limit(void **state)
{
	struct fix *f = *state;
	struct buf text = BUF_INIT;

	buf_adds(&text, "rules:\n  - id: long\n    category: social\n    topic: t\n    pattern: '");
	buf_addrep(&text, 'a', 4096);
	buf_adds(&text, "'\n");
	assert_int_equal(add(f, "r.yaml", text.ptr), 0);
	assert_int_equal(f->rs.v[0].pattern_len, 4096);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);

	buf_reset(&text);
	buf_adds(&text, "rules:\n  - id: long\n    category: social\n    topic: t\n    pattern: '");
	buf_addrep(&text, 'a', 4097);
	buf_adds(&text, "'\n");
	LOAD_FAILS(f, text.ptr, "banter: r.yaml:5:14: error: rule 'long': pattern longer than 4096 bytes\n");
	/* the old 'long' is kept */
	assert_int_equal(f->rs.n, 1);
	assert_int_equal(f->rs.v[0].pattern_len, 4096);
	buf_release(&text);
}

static void test_topics(void **state)
{
	struct fix *f = *state;
	size_t i;

	assert_int_equal(add(f, "r.yaml",
			     "rules:\n"
			     "  - {id: r1, category: social, topic: sports, pattern: football}\n"
			     "  - {id: r2, category: business, topic: referral, pattern: 'refer|introduce'}\n"
			     "  - {id: r3, category: business, topic: pricing, pattern: price}\n"
			     "  - {id: r4, category: social, topic: family, pattern: kids}\n"
			     "  - {id: r5, category: social, topic: Sports, pattern: tennis}\n"
			     "  - {id: r6, category: business, topic: sports, pattern: sponsorship}\n"), 0);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
	assert_int_equal(f->rs.topics.n, 5);
	assert_string_equal(f->rs.topics.v[0], "business/pricing");
	assert_string_equal(f->rs.topics.v[1], "business/referral");
	assert_string_equal(f->rs.topics.v[2], "business/sports");
	assert_string_equal(f->rs.topics.v[3], "social/family");
	assert_string_equal(f->rs.topics.v[4], "social/sports");
	assert_int_equal(f->rs.referral_topic, 1);
	for (i = 0; i < f->rs.n; i++)
		assert_non_null(f->rs.v[i].re);
	assert_int_equal(f->rs.v[0].topic_id, 4);
	assert_int_equal(f->rs.v[1].topic_id, 1);
	assert_int_equal(f->rs.v[2].topic_id, 0);
	assert_int_equal(f->rs.v[3].topic_id, 3);
	assert_int_equal(f->rs.v[4].topic_id, 4);	/* same topic, any case */
	assert_int_equal(f->rs.v[5].topic_id, 2);

	/* a social "referral" topic is not the referral topic */
	assert_int_equal(add(f, "s.yaml",
			     "rules:\n"
			     "  - {id: r2, category: social, topic: referral, pattern: refer}\n"), 0);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
	assert_int_equal(f->rs.topics.n, 5);
	assert_string_equal(f->rs.topics.v[1], "business/sports");
	assert_string_equal(f->rs.topics.v[3], "social/referral");
	assert_int_equal(f->rs.referral_topic, -1);
	assert_int_equal(f->d.errors, 0);
}

static void test_check_examples(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "r.yaml",
			     "rules:\n"
			     "  - id: good\n"
			     "    category: social\n"
			     "    topic: sports\n"
			     "    pattern: '\\bfootball\\b'\n"
			     "    examples: [Football tonight, 'the FOOTBALL match']\n"
			     "    counterexamples: [footballer]\n"
			     "  - id: bad\n"
			     "    category: social\n"
			     "    topic: cafe\n"
			     "    pattern: '\\bcaf\xC3\xA9\\b'\n"
			     "    examples:\n"
			     "      - 'CAF\xC3\x89 later'\n"
			     "      - tea house\n"
			     "    counterexamples:\n"
			     "      - a caf\xC3\xA9\n"
			     "      - cafeteria\n"), 0);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(ruleset_check_examples(&f->rs, &f->d), 2);
	assert_int_equal(f->d.errors, 2);
	assert_int_equal(count_lines(&f->msgs), 2);
	HAS(f, "banter: r.yaml:14: error: rule 'bad': example does not match: 'tea house'\n");
	HAS(f, "banter: r.yaml:16: error: rule 'bad': counterexample matches: 'a caf\xC3\xA9'\n");
}

static void test_check_examples_none(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "r.yaml", two_rules), 0);
	/* before compiling there is nothing to try */
	assert_int_equal(ruleset_check_examples(&f->rs, &f->d), 0);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
	assert_int_equal(ruleset_check_examples(&f->rs, &f->d), 0);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->msgs.len, 0);
}

static void test_release_reusable(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "r.yaml", two_rules), 0);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
	ruleset_release(&f->rs);
	assert_int_equal(f->rs.n, 0);
	assert_int_equal(f->rs.referral_topic, -1);
	assert_int_equal(add(f, "r.yaml", two_rules), 0);
	assert_int_equal(f->rs.n, 2);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_load),
		T(test_pattern_with_nul),
		T(test_replace_by_id),
		T(test_empty_files),
		T(test_file_shape_errors),
		T(test_yaml_refusals),
		T(test_unknown_key),
		T(test_key_twice),
		T(test_missing_fields),
		T(test_bad_category),
		T(test_bad_id_and_topic),
		T(test_bad_weight),
		T(test_non_string_fields),
		T(test_single_example_string),
		T(test_every_bad_rule_reported),
		T(test_invalid_regex),
		T(test_every_bad_regex_reported),
		T(test_limit_heap_refused),
		T(test_other_limits_allowed),
		T(test_backslash_c_refused),
		T(test_nesting_limit),
		T(test_pattern_length_limit),
		T(test_topics),
		T(test_check_examples),
		T(test_check_examples_none),
		T(test_release_reusable),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
