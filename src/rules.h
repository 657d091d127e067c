/*
 * rules: the rule set, loaded from YAML rule files and compiled with PCRE2.
 *
 * A rule file is a mapping with a list under `rules:`; each rule has an
 * `id`, a `category` (business or social), a `topic`, a `pattern` (PCRE2,
 * caseless, UTF and UCP), a `weight` (default 1) and optional `examples`
 * and `counterexamples`.  A rule whose id is already in the set replaces
 * the earlier one, in its place.  The built-in rules (rules/default.yaml)
 * are embedded in the binary.
 *
 * Patterns are compiled once, with the JIT where it is available; the
 * limits of ROBUSTNESS.md 2.7 apply (pattern length, nesting, no \C, no
 * (*LIMIT_HEAP)).
 */
#ifndef BANTER_RULES_H
#define BANTER_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

#include "meta.h"

struct diag;
struct buf;

enum category {
	CAT_BUSINESS,
	CAT_SOCIAL,
	CAT_COUNT
};

extern const char *const category_names[CAT_COUNT];

struct rule {
	char *id;
	enum category cat;
	char *topic;
	unsigned topic_id;	/* index into ruleset.topics, after compiling */
	double weight;
	char *pattern;		/* NUL-terminated, may hold NULs: use pattern_len */
	size_t pattern_len;
	const char *file;	/* borrowed from ruleset.files */
	unsigned line;		/* of the rule's first key */
	unsigned pattern_line;
	unsigned pattern_col;
	struct strlist examples;
	struct strlist counterexamples;
	unsigned *example_lines;	/* one per example, then counterexample */
	pcre2_code *re;
};

struct ruleset {
	struct rule *v;
	size_t n;
	size_t alloc;
	struct strlist topics;	/* "category/topic", sorted, after compiling */
	int referral_topic;	/* "business/referral", or -1 */
	struct strlist files;	/* every file the rules came from */
};

#define RULES_BUILTIN_NAME "(built-in)/default.yaml"

void ruleset_init(struct ruleset *rs);
void ruleset_release(struct ruleset *rs);

/* Adds the rules of a rule file's text.  Returns 0, or -1 after reporting
 * every problem found. */
int ruleset_add_text(struct ruleset *rs, const char *text, size_t len,
		     const char *path, struct diag *d);
int ruleset_add_file(struct ruleset *rs, const char *path, struct diag *d);
int ruleset_add_builtin(struct ruleset *rs, struct diag *d);

/* Compiles every pattern and builds the topic table.  Reports every bad
 * pattern; returns 0 or -1. */
int ruleset_compile(struct ruleset *rs, struct diag *d);

/* Tries every example and counterexample of every compiled rule, reporting
 * each failure as an error.  Returns the number of failures. */
unsigned ruleset_check_examples(const struct ruleset *rs, struct diag *d);

#endif
