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
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "rules.h"
#include "rules_file.h"

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

/* A field YAML reads as null is not the text "~" or "null". */
static void test_null_fields(void **state)
{
	struct fix *f = *state;

	LOAD_FAILS(f, "rules:\n  - {id: x.a, category: social, topic: t, pattern: ~}\n",
		   "r.yaml:2:52: error: rule 'x.a': 'pattern' must be a string, found null");
}

static void test_null_topic(void **state)
{
	struct fix *f = *state;

	LOAD_FAILS(f, "rules:\n  - {id: x.a, category: social, topic: null, pattern: golf}\n",
		   "rule 'x.a': 'topic' must be a string, found null");
}

static void test_quoted_null_is_text(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "r.yaml", "rules:\n  - {id: x.a, category: social, topic: t, "
			     "pattern: '~'}\n"), 0);
	assert_string_equal(f->rs.v[0].pattern, "~");
}

/* One file giving an id twice: the later rule is used, with a warning. */
static void test_same_id_twice_in_a_file(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "r.yaml", "rules:\n"
			     "  - {id: x.a, category: social, topic: t, pattern: golf}\n"
			     "  - {id: x.a, category: social, topic: t, pattern: tennis}\n"), 0);
	assert_int_equal(f->rs.n, 1);
	assert_string_equal(f->rs.v[0].pattern, "tennis");
	HAS(f, "r.yaml:3: warning: rule 'x.a' again (first at line 2); the later one is used");
	assert_int_equal(f->d.warnings, 1);
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
		   "banter: r.yaml:2:9: error: rule id 'a b' must be 1 to 200 ASCII letters, digits, '.', '_', '-' or '/'\n");
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f,
		   "rules:\n"
		   "  - id: a\n"
		   "    category: social\n"
		   "    topic: business/referral\n"
		   "    pattern: x\n",
		   "banter: r.yaml:4:12: error: rule 'a': topic 'business/referral' must be 1 to 200 ASCII letters, digits, '.', '_' or '-'\n");
}

/* An id of 200 characters is kept; one of 201 is refused for its length. */
static void test_id_length(void **state)
{
	struct fix *f = *state;
	char text[400];

	snprintf(text, sizeof(text),
		 "rules:\n  - id: %0200d\n    category: social\n    topic: t\n    pattern: x\n", 0);
	assert_int_equal(add(f, "r.yaml", text), 0);
	assert_int_equal(f->d.errors, 0);
	snprintf(text, sizeof(text),
		 "rules:\n  - id: a%0200d\n    category: social\n    topic: t\n    pattern: x\n", 0);
	assert_int_equal(add(f, "r.yaml", text), -1);
	HAS(f, "must be 1 to 200 ASCII letters");
	assert_int_equal(f->d.errors, 1);
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
		      "banter: r.yaml:9:20: error: rule 'bad': invalid regular expression at offset 5: missing closing parenthesis\n"
		      "    ab(cd\n"
		      "         ^\n");
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
	/* the column is the offending character's, in the flow mapping */
	HAS(f, "banter: r.yaml:2:54: error: rule 'a': invalid regular expression at offset 3: ");
	HAS(f, "banter: r.yaml:3:56: error: rule 'b': invalid regular expression at offset 5: ");
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
		      "banter: r.yaml:5:18: error: rule 'c': invalid regular expression at offset 3: using \\C is disabled by the application\n");
}

/* A pattern of n nested groups round "a" (not capturing: at most 32 may). */
static void nested(struct buf *b, size_t n)
{
	size_t i;

	buf_adds(b, "rules:\n  - id: deep\n    category: social\n    topic: t\n    pattern: '");
	for (i = 0; i < n; i++)
		buf_adds(b, "(?:");
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
	HAS(f, "banter: r.yaml:5:210: error: rule 'deep': invalid regular expression at offset 195: ");
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

/* Whether two rule sets hold the same rules, field for field. */
static void assert_same_rules(const struct ruleset *a, const struct ruleset *b)
{
	size_t i, j;

	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		const struct rule *x = &a->v[i], *y = &b->v[i];

		assert_string_equal(x->id, y->id);
		assert_int_equal(x->cat, y->cat);
		assert_string_equal(x->topic, y->topic);
		assert_true(x->weight == y->weight);
		assert_int_equal(x->pattern_len, y->pattern_len);
		assert_memory_equal(x->pattern, y->pattern, x->pattern_len);
		assert_int_equal(x->examples.n, y->examples.n);
		for (j = 0; j < x->examples.n; j++)
			assert_string_equal(x->examples.v[j], y->examples.v[j]);
		assert_int_equal(x->counterexamples.n, y->counterexamples.n);
		for (j = 0; j < x->counterexamples.n; j++)
			assert_string_equal(x->counterexamples.v[j], y->counterexamples.v[j]);
	}
}

/* print -> load -> print: the same rules, and the same text (a fixed
 * point).  `first` gets the printed text.  With `compile`, the rules read
 * back compile too. */
static void assert_fixed_point(struct fix *f, struct buf *first, int compile)
{
	struct ruleset again;
	struct buf second = BUF_INIT;

	ruleset_print(&f->rs, first);
	ruleset_init(&again);
	if (ruleset_add_text(&again, first->ptr, first->len, "printed.yaml", &f->d) < 0)
		fail_msg("the printed rules do not load:\n%s\n%s", f->msgs.ptr, first->ptr);
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	assert_same_rules(&f->rs, &again);
	if (compile)
		assert_int_equal(ruleset_compile(&again, &f->d), 0);
	ruleset_print(&again, &second);
	assert_int_equal(first->len, second.len);
	assert_memory_equal(first->ptr, second.ptr, first->len);
	ruleset_release(&again);
	buf_release(&second);
}

static void test_print_builtin(void **state)
{
	struct fix *f = *state;
	struct buf out = BUF_INIT;

	assert_int_equal(ruleset_add_builtin(&f->rs, &f->d), 0);
	assert_true(f->rs.n > 100);
	assert_fixed_point(f, &out, 1);
	assert_memory_equal(out.ptr, "# ", 2);
	assert_non_null(strstr(out.ptr, "\nrules:\n  - id: "));
	buf_release(&out);
}

/* Rules whose strings need care in YAML. */
static const char tricky[] =
	"rules:\n"
	"  - id: q1\n"
	"    category: social\n"
	"    topic: quotes\n"
	"    weight: 0.1\n"
	"    pattern: '\\b(?:it''s|\"quoted\"|don[''\xE2\x80\x99]t)\\b'\n"
	"    examples: [\"it's\", '\"quoted\"', 'don\xE2\x80\x99t']\n"
	"  - id: -dash\n"
	"    category: business\n"
	"    topic: x-y_z.0\n"
	"    weight: 2.5\n"
	"    pattern: ' # not a comment: '\n"
	"    examples: [' # not a comment: yes', '- item', '#hash', 'key: value', '  two leading']\n"
	"    counterexamples: ['', '@at', '`tick', '&amp', '*star', '!bang', '%pct', '|pipe', '>gt', '{b}', '[s]', 'trailing  ']\n"
	"  - id: .dot/slash\n"
	"    category: social\n"
	"    topic: unicode\n"
	"    weight: 0.00001\n"
	"    pattern: \"caf\xC3\xA9|\xE2\x82\xAC|\xF0\x9F\x98\x80|\\\\\\\\|\\\\x{2028}\"\n"
	"    examples: [\"\\u2028 line sep\", \"nel \\x85 here\", \"bom \\uFEFF\", \"del \\x7F\", \"esc \\e[2J\"]\n"
	"  - id: controls\n"
	"    category: business\n"
	"    topic: t\n"
	"    weight: 1000\n"
	"    pattern: \"tab\\there|nl\\nx|cr\\rx|nul\\0x|\\\"dq\\\"\"\n"
	"    examples: [\"tab\\there\", \"a\\tb\\nc\\rd\"]\n"
	"  - id: block\n"
	"    category: business\n"
	"    topic: t\n"
	"    pattern: |\n"
	"      (?x) a   # a comment: with 'quotes'\n"
	"        b\n"
	"    counterexamples: [\"true\", \"null\", \"~\", \"1e3\", \"0x10\", \"yes\", \"...\", \"---\"]\n";

static void test_print_tricky(void **state)
{
	struct fix *f = *state;
	struct buf out = BUF_INIT;

	assert_int_equal(add(f, "r.yaml", tricky), 0);
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	assert_int_equal(f->rs.n, 5);
	assert_int_equal(f->rs.v[3].pattern_len, 29);	/* with its NUL */
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
	assert_fixed_point(f, &out, 1);
	/* single quotes where they can carry the string, '' for ' */
	assert_non_null(strstr(out.ptr, "    pattern: '\\b(?:it''s|\"quoted\"|don[''\xE2\x80\x99]t)\\b'\n"));
	assert_non_null(strstr(out.ptr, "  - id: '-dash'\n"));
	assert_non_null(strstr(out.ptr, "    topic: x-y_z.0\n"));
	assert_non_null(strstr(out.ptr, "    weight: 0.1\n"));
	assert_non_null(strstr(out.ptr, "    weight: 2.5\n"));
	assert_non_null(strstr(out.ptr, "    weight: 0.00001\n"));
	assert_non_null(strstr(out.ptr, "    weight: 1000\n"));
	assert_non_null(strstr(out.ptr, "    pattern: ' # not a comment: '\n"));
	assert_non_null(strstr(out.ptr, "      - '  two leading'\n"));
	assert_non_null(strstr(out.ptr, "      - ''\n"));
	/* double quotes, with escapes, where they cannot */
	assert_non_null(strstr(out.ptr, "      - \"\\u2028 line sep\"\n"));
	assert_non_null(strstr(out.ptr, "      - \"nel \\x85 here\"\n"));
	assert_non_null(strstr(out.ptr, "      - \"bom \\uFEFF\"\n"));
	assert_non_null(strstr(out.ptr, "      - \"del \\x7F\"\n"));
	assert_non_null(strstr(out.ptr, "      - \"esc \\x1B[2J\"\n"));
	assert_non_null(strstr(out.ptr, "    pattern: \"tab\\there|nl\\nx|cr\\rx|nul\\0x|\\\"dq\\\"\"\n"));
	assert_non_null(strstr(out.ptr, "    pattern: \"(?x) a   # a comment: with 'quotes'\\n  b\\n\"\n"));
	/* the rest of Unicode stays as it is */
	assert_non_null(strstr(out.ptr, "    pattern: 'caf\xC3\xA9|\xE2\x82\xAC|\xF0\x9F\x98\x80|\\\\|\\x{2028}'\n"));
	buf_release(&out);
}

/* Names that look plain but that YAML reads as no value are quoted. */
static void test_print_null_names(void **state)
{
	struct fix *f = *state;
	struct buf out = BUF_INIT;

	assert_int_equal(add(f, "r.yaml",
			     "rules:\n"
			     "  - {id: 'null', category: social, topic: 'Null', pattern: x}\n"
			     "  - {id: 'NULL', category: business, topic: 'nULL', pattern: y}\n"
			     "  - {id: null.x, category: social, topic: nulls, pattern: z}\n"
			     "  - {id: Nul, category: social, topic: '0', pattern: w}\n"), 0);
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	assert_fixed_point(f, &out, 1);
	assert_non_null(strstr(out.ptr, "  - id: 'null'\n    category: social\n    topic: 'null'\n"));
	assert_non_null(strstr(out.ptr, "  - id: 'NULL'\n    category: business\n    topic: 'null'\n"));
	/* the rest stay plain */
	assert_non_null(strstr(out.ptr, "  - id: null.x\n    category: social\n    topic: nulls\n"));
	assert_non_null(strstr(out.ptr, "  - id: Nul\n    category: social\n    topic: 0\n"));
	buf_release(&out);
}

/* A weight may be written to any length, and a subnormal one is above 0
 * too; both print back as the shortest text of the same number. */
static void test_long_and_tiny_weights(void **state)
{
	struct fix *f = *state;
	struct buf text = BUF_INIT, out = BUF_INIT;
	double w;

	buf_adds(&text, "rules:\n"
		 "  - {id: a, category: social, topic: t, pattern: x, weight: 0.333333333333333333333333333333}\n"
		 "  - {id: b, category: social, topic: t, pattern: x, weight: 1e-310}\n"
		 "  - {id: c, category: social, topic: t, pattern: x, weight: 4.9406564584124654e-324}\n"
		 "  - {id: d, category: social, topic: t, pattern: x, weight: 1.234e-18}\n"
		 "  - {id: e, category: social, topic: t, pattern: x, weight: 999.");
	buf_addrep(&text, '9', 100);
	buf_adds(&text, "e-3}\n");
	assert_int_equal(add(f, "r.yaml", text.ptr), 0);
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	assert_true(f->rs.v[0].weight == 1.0 / 3);
	assert_true(f->rs.v[1].weight > 0 && f->rs.v[1].weight == 1e-310);
	assert_true(f->rs.v[2].weight > 0);
	assert_true(f->rs.v[4].weight == 1.0);
	assert_fixed_point(f, &out, 1);
	assert_non_null(strstr(out.ptr, "    weight: 0.3333333333333333\n"));
	assert_non_null(strstr(out.ptr, "    weight: 1e-310\n"));
	assert_non_null(strstr(out.ptr, "    weight: 5e-324\n"));
	assert_non_null(strstr(out.ptr, "    weight: 1.234e-18\n"));

	/* and so for a dictionary */
	assert_int_equal(rules_parse_weight("1e-310", 6, &w), 0);
	assert_true(w == 1e-310);
	/* what rounds to 0 or past 1000 is still refused */
	assert_int_equal(rules_parse_weight("1e-400", 6, &w), -1);
	assert_int_equal(rules_parse_weight("1000.0000000000002", 18, &w), -1);
	buf_release(&text);
	buf_release(&out);
}

static void test_print_empty(void **state)
{
	struct fix *f = *state;
	struct buf out = BUF_INIT;

	ruleset_print(&f->rs, &out);
	assert_non_null(strstr(out.ptr, "\nrules: []\n"));
	assert_int_equal(add(f, "r.yaml", out.ptr), 0);
	assert_int_equal(f->rs.n, 0);
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	buf_release(&out);
}

static void test_print_dictionary_rules(void **state)
{
	struct fix *f = *state;
	struct buf out = BUF_INIT;

	assert_int_equal(ruleset_add_file(&f->rs, "tests/data/rules/dictionary.yaml", &f->d), 0);
	assert_int_equal(f->rs.n, 5);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
	assert_fixed_point(f, &out, 1);
	/* ordinary rules: the printed file needs no dictionary */
	assert_null(strstr(out.ptr, "dictionaries"));
	assert_non_null(strstr(out.ptr, "  - id: dic.small.friend\n"
				   "    category: social\n"
				   "    topic: friend\n"
				   "    weight: 1\n"
				   "    pattern: '(?<!\\w)(?:\\:\\)|best\\s+friend|catch\\s+up|"
				   "don[''\xE2\x80\x99]t\\s+know|mate)(?!\\w)'\n"));
	buf_release(&out);
}

/* Whether re matches s, compiled as banter compiles rules. */
static int re_matches(const char *re, size_t len, const char *s, size_t slen)
{
	int code, rc;
	PCRE2_SIZE off;
	pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
	pcre2_code *c;
	pcre2_match_data *md;

	pcre2_set_newline(cc, PCRE2_NEWLINE_ANYCRLF);
	c = pcre2_compile((PCRE2_SPTR)re, len, PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP, &code,
			  &off, cc);
	pcre2_compile_context_free(cc);
	if (!c)
		fail_msg("'%s' does not compile (offset %zu)", re, (size_t)off);
	md = pcre2_match_data_create(1, NULL);
	rc = pcre2_match(c, (PCRE2_SPTR)s, slen, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(c);
	return rc >= 0;
}

static void test_print_patterns(void **state)
{
	struct fix *f = *state;
	struct buf out = BUF_INIT;
	size_t i, lines = 0;

	assert_int_equal(ruleset_add_builtin(&f->rs, &f->d), 0);
	ruleset_print_patterns(&f->rs, &out);
	for (i = 0; i < out.len; i++)
		lines += out.ptr[i] == '\n';
	assert_int_equal(lines, f->rs.n);
	/* a pattern with no line end is printed as it is */
	assert_memory_equal(out.ptr, f->rs.v[0].pattern, f->rs.v[0].pattern_len);
	assert_int_equal(out.ptr[f->rs.v[0].pattern_len], '\n');
	buf_release(&out);
}

/* Each pattern (with line ends) printed on one line, and still matching
 * just what it matched. */
static void test_print_patterns_one_line(void **state)
{
	static const struct {
		const char *pattern;
		size_t len;
		const char *line;
		const char *subjects[4];
	} cases[] = {
		{ "a\nb", 3, "a\\nb", { "a\nb", "ab", "a\\nb", NULL } },
		{ "a\r\nb", 4, "a\\r\\nb", { "a\r\nb", "a\nb", NULL, NULL } },
		{ "a\\\nb", 4, "a\\nb", { "a\nb", "a\\\nb", NULL, NULL } },
		{ "[\n]x", 4, "[\\n]x", { "\nx", "x", NULL, NULL } },
		{ "[]\n]x", 5, "[]\\n]x", { "\nx", "]x", "x", NULL } },
		{ "[[:alpha:]\n]x", 13, "[[:alpha:]\\n]x", { "\nx", "ax", "1x", NULL } },
		{ "\\Qa\nb\\E+", 8, "\\Qa\\E\\n\\Qb\\E+", { "a\nbb", "a\\nb", "ab", NULL } },
		{ "nul\0x", 5, "nul\\x00x", { "nul\0x", "nulx", NULL, NULL } },
		{ "(?x) a # comment\n b", 19, "(?x) a   b", { "ab", "a b", "a\nb", NULL } },
		{ "(?x: a\n b)\nc", 12, "(?x: a  b)\\nc", { "ab\nc", "abc", "ab c", NULL } },
		{ "(?x)a(?-x) \n", 12, "(?x)a(?-x) \\n", { "a \n", "a", NULL, NULL } },
		{ "(?x)(a)\n(?#x\ny)b", 16, "(?x)(a) (?#x y)b", { "ab", "a b", NULL, NULL } },
		{ "(?x)[#\n]", 8, "(?x)[#\\n]", { "#", "\n", "x", NULL } },
		{ "(?x)a\\#b\n", 9, "(?x)a\\#b ", { "a#b", "ab", NULL, NULL } },
		/* nothing that drives a terminal is printed raw */
		{ "a\x1B\\[31m", 7, "a\\x{1B}\\[31m", { "a\x1B[31m", "a[31m", NULL, NULL } },
		{ "\\\x7F\xE2\x80\xAEz", 6, "\\x{7F}\\x{202E}z",
		  { "\x7F\xE2\x80\xAEz", "\\\x7F\xE2\x80\xAEz", "z", NULL } },
		{ "[\x1B]\\Q\xC2\x9B\\E(?#\x1B)", 14, "[\\x{1B}]\\Q\\E\\x{9B}\\Q\\E(?# )",
		  { "\x1B\xC2\x9B", "\x1B", NULL, NULL } },
	};
	struct fix *f = *state;
	size_t i, j;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf out = BUF_INIT;
		struct rule *r;

		ruleset_release(&f->rs);
		assert_int_equal(add(f, "r.yaml", "rules: [{id: p, category: social, topic: t, pattern: x}]\n"), 0);
		r = &f->rs.v[0];
		free(r->pattern);
		r->pattern = malloc(cases[i].len + 1);
		memcpy(r->pattern, cases[i].pattern, cases[i].len + 1);
		r->pattern_len = cases[i].len;
		ruleset_print_patterns(&f->rs, &out);
		if (out.len != strlen(cases[i].line) + 1 ||
		    memcmp(out.ptr, cases[i].line, out.len - 1) != 0)
			fail_msg("case %zu: '%s', not '%s'", i, out.ptr, cases[i].line);
		for (j = 0; j < 4 && cases[i].subjects[j]; j++) {
			const char *s = cases[i].subjects[j];
			size_t slen = strlen(s) + (i == 7 && j == 0 ? 4 : 0);

			if (i == 7 && j == 0)
				slen = 5;	/* "nul\0x" */
			assert_int_equal(re_matches(cases[i].pattern, cases[i].len, s, slen),
					 re_matches(out.ptr, out.len - 1, s, slen));
		}
		buf_release(&out);
	}
}

/* PCRE2's offset, shown as the column of the character in the file. */
static void test_pattern_columns(void **state)
{
	struct fix *f = *state;

	COMPILE_FAILS(f,
		      "rules:\n"
		      "  - id: sq\n"
		      "    category: social\n"
		      "    topic: t\n"
		      "    pattern: 'it''s (x'\n",
		      "banter: r.yaml:5:23: error: rule 'sq': invalid regular expression at offset 7: missing closing parenthesis\n"
		      "    it's (x\n"
		      "           ^\n");
	ruleset_release(&f->rs);
	buf_reset(&f->msgs);
	f->d.errors = 0;
	COMPILE_FAILS(f,
		      "rules:\n"
		      "  - id: plain\n"
		      "    category: social\n"
		      "    topic: t\n"
		      "    pattern: ab)cd   # a comment\n",
		      "banter: r.yaml:5:16: error: rule 'plain': invalid regular expression at offset 2: unmatched closing parenthesis\n"
		      "    ab)cd\n"
		      "      ^\n");
	ruleset_release(&f->rs);
	buf_reset(&f->msgs);
	f->d.errors = 0;
	/* columns count bytes, as every column banter prints does; the caret
	 * goes by display width */
	COMPILE_FAILS(f,
		      "rules:\n"
		      "  - {id: u, examples: ['\xC3\xA9'], category: social, topic: t, pattern: '\xC3\xA9t)'}\n",
		      "banter: r.yaml:2:72: error: rule 'u': invalid regular expression at offset 3: unmatched closing parenthesis\n"
		      "    \xC3\xA9t)\n"
		      "      ^\n");
	ruleset_release(&f->rs);
	buf_reset(&f->msgs);
	f->d.errors = 0;
	/* CRLF line ends */
	COMPILE_FAILS(f,
		      "rules:\r\n"
		      "  - id: crlf\r\n"
		      "    category: social\r\n"
		      "    topic: t\r\n"
		      "    pattern: 'x['\r\n",
		      "banter: r.yaml:5:17: error: rule 'crlf': invalid regular expression at offset 2: missing terminating ] for character class\n");
	ruleset_release(&f->rs);
	buf_reset(&f->msgs);
	f->d.errors = 0;
	/* double quotes, block scalars and folded lines: the value's start */
	assert_int_equal(add(f, "r.yaml",
			     "rules:\n"
			     "  - {id: d, category: social, topic: t, pattern: \"ab)\"}\n"
			     "  - id: b\n"
			     "    category: social\n"
			     "    topic: t\n"
			     "    pattern: |\n"
			     "      ab)\n"
			     "  - id: f\n"
			     "    category: social\n"
			     "    topic: t\n"
			     "    pattern: 'a\n"
			     "      b)'\n"
			     "  - id: p\n"
			     "    category: social\n"
			     "    topic: t\n"
			     "    pattern: a\n"
			     "      b)\n"), 0);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), -1);
	assert_int_equal(f->d.errors, 4);
	HAS(f, "banter: r.yaml:2:50: error: rule 'd': invalid regular expression at offset 2: ");
	HAS(f, "banter: r.yaml:6:14: error: rule 'b': invalid regular expression at offset 2: ");
	HAS(f, "banter: r.yaml:11:14: error: rule 'f': invalid regular expression at offset 3: ");
	HAS(f, "    a b)\n       ^\n");
	HAS(f, "banter: r.yaml:16:14: error: rule 'p': invalid regular expression at offset 3: ");
}

/* The caret line escapes control characters and cuts long patterns. */
static void test_caret_line(void **state)
{
	struct fix *f = *state;
	struct buf text = BUF_INIT;

	COMPILE_FAILS(f,
		      "rules:\n"
		      "  - {id: e, category: social, topic: t, pattern: \"\\e(\"}\n",
		      "banter: r.yaml:2:50: error: rule 'e': invalid regular expression at offset 2: missing closing parenthesis\n"
		      "    \\x1B(\n"
		      "         ^\n");
	ruleset_release(&f->rs);
	buf_reset(&f->msgs);
	f->d.errors = 0;
	buf_adds(&text, "rules:\n  - id: long\n    category: social\n    topic: t\n    pattern: '");
	buf_addrep(&text, 'a', 100);
	buf_adds(&text, ")");
	buf_addrep(&text, 'b', 100);
	buf_adds(&text, "'\n");
	assert_int_equal(add(f, "r.yaml", text.ptr), 0);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), -1);
	HAS(f, "banter: r.yaml:5:115: error: rule 'long': invalid regular expression at offset 100: unmatched closing parenthesis\n"
	       "    ...aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb...\n"
	       "                                               ^\n");
	buf_release(&text);
}

static void test_capture_limit(void **state)
{
	struct fix *f = *state;
	struct buf text = BUF_INIT;

	buf_adds(&text, "rules:\n  - id: caps\n    category: social\n    topic: t\n    pattern: '");
	buf_addrep(&text, 'x', 0);
	{
		int i;

		for (i = 0; i < 32; i++)
			buf_adds(&text, "(a)");
	}
	buf_adds(&text, "'\n");
	assert_int_equal(add(f, "r.yaml", text.ptr), 0);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
	assert_non_null(f->rs.v[0].re);

	ruleset_release(&f->rs);
	text.len -= 2;
	buf_adds(&text, "(?<n>b)'\n");
	COMPILE_FAILS(f, text.ptr,
		      "banter: r.yaml:5:14: error: rule 'caps': 33 capturing groups, more than 32 (write (?:...) for a group that need not capture)\n");
	assert_null(f->rs.v[0].re);
	buf_release(&text);
}

static void test_verbs_allowed(void **state)
{
	struct fix *f = *state;

	/* they can only lower banter's limits, or leave the JIT out */
	assert_int_equal(add(f, "r.yaml",
			     "rules:\n"
			     "  - {id: a, category: social, topic: t, pattern: '(*LIMIT_MATCH=10)x'}\n"
			     "  - {id: b, category: social, topic: t, pattern: '(*LIMIT_DEPTH=10)x'}\n"
			     "  - {id: c, category: social, topic: t, pattern: '(*NO_JIT)x'}\n"
			     "  - {id: d, category: social, topic: t, pattern: '(*NO_JIT)(*LIMIT_MATCH=1)(a+)+$',\n"
			     "     counterexamples: [aaaaaaaaaaaaaaaaaaaaaaaaab]}\n"), 0);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
	assert_int_equal(f->d.errors, 0);
	/* a limit hit while trying an example is a failure, said as such */
	assert_int_equal(ruleset_check_examples(&f->rs, &f->d), 1);
	HAS(f, "banter: r.yaml:6: error: rule 'd': matching an example failed: match limit exceeded\n");
}

static void test_not_regular_file(void **state)
{
	struct fix *f = *state;
	char dir[] = "/tmp/banter-test-XXXXXX";
	struct buf fifo = BUF_INIT, want = BUF_INIT;

	assert_non_null(mkdtemp(dir));
	buf_addf(&fifo, "%s/rules.yaml", dir);
	assert_int_equal(mkfifo(fifo.ptr, 0600), 0);
	/* no writer: a blocking open would never return */
	assert_int_equal(ruleset_add_file(&f->rs, fifo.ptr, &f->d), -1);
	buf_addf(&want, "banter: %s: error: not a regular file\n", fifo.ptr);
	HAS(f, want.ptr);
	assert_int_equal(ruleset_add_file(&f->rs, dir, &f->d), -1);
	buf_reset(&want);
	buf_addf(&want, "banter: %s: error: not a regular file\n", dir);
	HAS(f, want.ptr);
	assert_int_equal(ruleset_add_file(&f->rs, "/dev/null", &f->d), -1);
	HAS(f, "banter: /dev/null: error: not a regular file\n");
	assert_int_equal(ruleset_add_file(&f->rs, "tests/data/rules/nope.yaml", &f->d), -1);
	HAS(f, "banter: tests/data/rules/nope.yaml: error: No such file or directory\n");
	assert_int_equal(f->d.errors, 4);
	unlink(fifo.ptr);
	rmdir(dir);
	buf_release(&fifo);
	buf_release(&want);
}

static void test_rule_file_too_big(void **state)
{
	struct fix *f = *state;
	char path[] = "/tmp/banter-test-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, RULES_MAX_FILE + 1), 0);
	close(fd);
	assert_int_equal(ruleset_add_file(&f->rs, path, &f->d), -1);
	/* not a note's message: no note limit applies, nothing is skipped */
	HAS(f, ": error: larger than 8388608 bytes (8 MiB), the most a rule file or "
	       "dictionary may be\n");
	assert_int_equal(f->d.errors, 1);
	assert_null(strstr(f->msgs.ptr, "skipped"));
	assert_null(strstr(f->msgs.ptr, "limit"));

	/* the cap itself is fine */
	buf_reset(&f->msgs);
	f->d.errors = 0;
	{
		struct buf b = BUF_INIT;

		buf_adds(&b, "rules: []\n#");
		buf_addrep(&b, 'x', RULES_MAX_FILE - b.len);
		fd = open(path, O_WRONLY | O_TRUNC);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, b.ptr, b.len), RULES_MAX_FILE);
		close(fd);
		buf_release(&b);
	}
	assert_int_equal(ruleset_add_file(&f->rs, path, &f->d), 0);
	assert_int_equal(f->d.errors, 0);
	unlink(path);
}

/* `n` rules in flow style, ids starting at `from` (ten YAML events each). */
static void many_rules(struct buf *b, size_t from, size_t n)
{
	size_t i;

	buf_reset(b);
	buf_adds(b, "rules:\n");
	for (i = from; i < from + n; i++)
		buf_addf(b, "  - {id: r%zu, category: social, topic: t, pattern: x}\n", i);
}

/* ROBUSTNESS D14: rule counts.  One file may hold as many rules as a rule
 * set (a front matter's YAML event limit does not apply to it); files
 * added up stop at RULES_MAX_RULES. */
static void test_rule_count_limits(void **state)
{
	struct fix *f = *state;
	struct buf b = BUF_INIT;

	many_rules(&b, 0, RULES_MAX_RULES);
	assert_true(b.len < RULES_MAX_FILE);
	assert_int_equal(ruleset_add_text(&f->rs, b.ptr, b.len, "big.yaml", &f->d), 0);
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	assert_int_equal(f->rs.n, RULES_MAX_RULES);
	many_rules(&b, RULES_MAX_RULES, 1);
	assert_int_equal(ruleset_add_text(&f->rs, b.ptr, b.len, "last.yaml", &f->d), -1);
	HAS(f, "last.yaml:2:3: error: more than 100000 rules");
	assert_int_equal(f->d.errors, 1);
	assert_int_equal(f->rs.n, RULES_MAX_RULES);

	ruleset_release(&f->rs);
	buf_reset(&f->msgs);
	f->d.errors = 0;
	many_rules(&b, 0, RULES_MAX_RULES + 1);
	assert_int_equal(ruleset_add_text(&f->rs, b.ptr, b.len, "over.yaml", &f->d), -1);
	HAS(f, "over.yaml:2:3: error: more than 100000 rules");
	assert_int_equal(f->d.errors, 1);
	assert_int_equal(f->rs.n, 0);
	buf_release(&b);
}

/* Nor does a front matter's value length: an example may be as long as
 * the file it is in. */
static void test_rule_file_long_value(void **state)
{
	struct fix *f = *state;
	struct buf b = BUF_INIT;

	buf_adds(&b, "rules:\n  - {id: a, category: social, topic: t, pattern: x, examples: '");
	buf_addrep(&b, 'x', 100000);
	buf_adds(&b, "'}\n");
	assert_int_equal(ruleset_add_text(&f->rs, b.ptr, b.len, "long.yaml", &f->d), 0);
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	assert_int_equal(strlen(f->rs.v[0].examples.v[0]), 100000);
	buf_release(&b);
}

/* A rule file's YAML stops at 1,500,000 events, with a message that names
 * no --limit (those are for front matter). */
static void test_rule_file_events(void **state)
{
	struct fix *f = *state;
	struct buf b = BUF_INIT;
	size_t i;

	buf_adds(&b, "rules:\n  - {id: a, category: social, topic: t, pattern: x, examples: [");
	for (i = 0; i < 1500000; i++)
		buf_adds(&b, "a,");
	buf_adds(&b, "a]}\n");
	assert_int_equal(ruleset_add_text(&f->rs, b.ptr, b.len, "events.yaml", &f->d), -1);
	HAS(f, "error: rule file: more than 1500000 YAML events, the most one may hold");
	assert_null(strstr(f->msgs.ptr, "limit '"));
	buf_release(&b);
}

/* ROBUSTNESS D2, D3: a rule file that does not parse because a pattern
 * was double-quoted or starts with a YAML indicator gets the hint to
 * single-quote it; other YAML errors do not. */
static void test_pattern_quote_hint(void **state)
{
	static const char *const bad[] = {
		"rules:\n  - id: a\n    category: social\n    topic: t\n    pattern: \"\\d+\"\n",
		"rules:\n  - id: a\n    category: social\n    topic: t\n    pattern: [a-z]+\n",
		"rules:\n  - id: a\n    category: social\n    topic: t\n    pattern: *(a|b)\n",
		"rules:\n  - id: a\n    category: social\n    topic: t\n    pattern: {x}+ y\n",
		"rules:\n  - id: a\n    category: social\n    topic: t\n    pattern: @home\n",
	};
	struct fix *f = *state;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&f->msgs);
		assert_int_equal(add(f, "r.yaml", bad[i]), -1);
		HAS(f, "r.yaml:");
		HAS(f, "banter: r.yaml: note: write patterns in single quotes, as in pattern: '\\d+'");
	}
	buf_reset(&f->msgs);
	assert_int_equal(add(f, "r.yaml", "rules:\n  - id: [a\n    pattern: 'ok'\n"), -1);
	if (strstr(f->msgs.ptr, "single quotes"))
		fail_msg("a hint for a pattern that is fine:\n%s", f->msgs.ptr);
}

static void test_rule_file_keys(void **state)
{
	struct fix *f = *state;

	LOAD_FAILS(f, "rules: []\nrules: []\n", "banter: r.yaml:2:1: error: 'rules' given twice in a rule file\n");
	ruleset_release(&f->rs);
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f, "rules:\n  - {id: a, category: social, topic: t, pattern: x, examples: [\"a\\0b\"]}\n",
		   "banter: r.yaml:2:64: error: rule 'a': a NUL byte in 'examples'\n");
	/* what came from the file is escaped in messages */
	ruleset_release(&f->rs);
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f, "rules: []\n\"a\\tb\\e\": 1\n",
		   "banter: r.yaml:2:1: error: unknown key 'a\\tb\\x1B' in a rule file\n");
	ruleset_release(&f->rs);
	buf_reset(&f->msgs);
	f->d.errors = 0;
	LOAD_FAILS(f, "rules:\n  - {id: a, category: \"so\\ecial\", topic: t, pattern: x}\n",
		   "banter: r.yaml:2:23: error: rule 'a': category must be 'business' or 'social', not 'so\\x1Bcial'\n");
}

static void test_check_examples_escaped(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "r.yaml",
			     "rules:\n"
			     "  - id: e\n"
			     "    category: social\n"
			     "    topic: t\n"
			     "    pattern: zzz\n"
			     "    examples:\n"
			     "      - ok zzz\n"
			     "      - \"\\e]0;pwned\\a\"\n"), 0);
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
	assert_int_equal(ruleset_check_examples(&f->rs, &f->d), 1);
	HAS(f, "banter: r.yaml:8: error: rule 'e': example does not match: '\\x1B]0;pwned\\x07'\n");
}

/* A deterministic pseudo-random number. */
static unsigned long next_rand(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	return *seed >> 33;
}

static void add_utf8(struct buf *b, unsigned long cp)
{
	if (cp < 0x80) {
		buf_addch(b, (int)cp);
	} else if (cp < 0x800) {
		buf_addch(b, (int)(0xC0 | (cp >> 6)));
		buf_addch(b, (int)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		buf_addch(b, (int)(0xE0 | (cp >> 12)));
		buf_addch(b, (int)(0x80 | ((cp >> 6) & 0x3F)));
		buf_addch(b, (int)(0x80 | (cp & 0x3F)));
	} else {
		buf_addch(b, (int)(0xF0 | (cp >> 18)));
		buf_addch(b, (int)(0x80 | ((cp >> 12) & 0x3F)));
		buf_addch(b, (int)(0x80 | ((cp >> 6) & 0x3F)));
		buf_addch(b, (int)(0x80 | (cp & 0x3F)));
	}
}

/* A random string of the characters YAML quoting is hard on. */
static void random_string(struct buf *b, unsigned long *seed, int nul)
{
	static const unsigned long pool[] = {
		0, 1, 7, 8, '\t', '\n', 0x0B, 0x0C, '\r', 0x1B, 0x1F, ' ', ' ', ' ', '\'', '"',
		'\\', '#', ':', '-', '?', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%',
		'@', '`', 'a', 'b', 'Z', '0', '.', 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xE9, 0x2028,
		0x2029, 0x202E, 0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F600, 0x10FFFF,
	};
	size_t n = next_rand(seed) % 12, i;

	buf_reset(b);
	for (i = 0; i < n; i++) {
		unsigned long cp = pool[next_rand(seed) % (sizeof(pool) / sizeof(pool[0]))];

		if (cp == 0 && !nul)
			cp = 'n';
		add_utf8(b, cp);
	}
}

static void test_print_random(void **state)
{
	struct fix *f = *state;
	struct buf out = BUF_INIT, s = BUF_INIT;
	unsigned long seed = 42;
	size_t i, j;

	for (i = 0; i < 300; i++) {
		struct rule r;

		memset(&r, 0, sizeof(r));
		r.id = malloc(32);
		snprintf(r.id, 32, "r%zu", i);
		r.cat = (enum category)(i % 2);
		r.topic = strdup("t");
		r.weight = (double)(next_rand(&seed) % 100000 + 1) / 100;
		do
			random_string(&s, &seed, 1);
		while (!s.len);
		r.pattern_len = s.len;
		r.pattern = buf_detach(&s, NULL);
		for (j = next_rand(&seed) % 3; j > 0; j--) {
			random_string(&s, &seed, 0);
			strlist_add(&r.examples, s.ptr, s.len);
		}
		for (j = next_rand(&seed) % 3; j > 0; j--) {
			random_string(&s, &seed, 0);
			strlist_add(&r.counterexamples, s.ptr, s.len);
		}
		r.example_lines = calloc(r.examples.n + r.counterexamples.n + 1, sizeof(unsigned));
		ruleset_put(&f->rs, &r);
	}
	/* the patterns are nonsense as regular expressions: not compiled */
	assert_fixed_point(f, &out, 0);
	buf_release(&out);
	buf_release(&s);
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
		T(test_null_fields),
		T(test_null_topic),
		T(test_quoted_null_is_text),
		T(test_same_id_twice_in_a_file),
		T(test_yaml_refusals),
		T(test_unknown_key),
		T(test_key_twice),
		T(test_missing_fields),
		T(test_bad_category),
		T(test_bad_id_and_topic),
		T(test_id_length),
		T(test_bad_weight),
		T(test_long_and_tiny_weights),
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
		T(test_print_builtin),
		T(test_print_tricky),
		T(test_print_null_names),
	T(test_print_empty),
		T(test_print_random),
		T(test_print_dictionary_rules),
		T(test_print_patterns),
		T(test_print_patterns_one_line),
		T(test_pattern_columns),
		T(test_caret_line),
		T(test_capture_limit),
		T(test_verbs_allowed),
		T(test_not_regular_file),
		T(test_rule_file_too_big),
		T(test_rule_count_limits),
		T(test_rule_file_events),
	T(test_rule_file_long_value),
		T(test_pattern_quote_hint),
		T(test_rule_file_keys),
		T(test_check_examples_escaped),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
