/*
 * rules: the rule set, and its patterns compiled with PCRE2.
 *
 * The rules come from rule files (rules_file.h) and dictionaries
 * (rules_dic.h).
 *
 * Patterns are compiled once, when the rules are loaded, so that a bad
 * pattern is reported before any note is read; the JIT compiles a rule's
 * code on its first use (rule_jit), as a note needs only some of the
 * rules.  The
 * limits of ROBUSTNESS.md 2.7 and 4.D apply:
 *  - at most RULES_MAX_PATTERN bytes, RULES_MAX_NESTING nested groups and
 *    RULES_MAX_CAPTURES capturing groups;
 *  - \C is refused, and so is (*LIMIT_HEAP=n) (PCRE2 issue #275);
 *  - (*LIMIT_MATCH=n) and (*LIMIT_DEPTH=n) are allowed: they can only lower
 *    banter's own limits.  (*NO_JIT) is allowed: the interpreter then runs,
 *    still under banter's match, depth and heap limits.
 * A rule file must be a regular file (a FIFO, a device or a directory is
 * refused without being opened for blocking reads) of at most
 * RULES_MAX_FILE bytes, with at most RULES_MAX_RULES rules in all; unknown
 * keys, anchors, aliases and tags are errors.
 *
 * Layer: labels.  Calls the primitives.
 */
#ifndef BANTER_RULES_H
#define BANTER_RULES_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <stddef.h>
#include <sys/types.h>

#include "strlist.h"

struct diag;
struct buf;
struct stat;

#define RULES_MAX_PATTERN 4096
#define RULES_MAX_NESTING 64
#define RULES_MAX_CAPTURES 32
#define RULES_MAX_RULES 100000
#define RULES_MAX_FILE (8u << 20)

/* How an offset in a pattern maps to a column of its file. */
enum pattern_map {
	PMAP_NONE,	/* not known: point at the start of the value */
	PMAP_PLAIN,	/* a plain scalar on one line, byte for byte */
	PMAP_SQUOTED	/* a single-quoted scalar on one line, '' for ' */
};

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
	int from_dic;		/* made from the dictionary `file` (rules_dic.c) */
	dev_t dic_dev;		/* and that dictionary's identity, however */
	ino_t dic_ino;		/* `file` spells its path */
	unsigned line;		/* of the rule's first key */
	unsigned pattern_line;
	unsigned pattern_col;	/* of the value (its quote, if quoted) */
	enum pattern_map pattern_map;
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
	int food_topic;		/* "social/food", or -1 */
	struct strlist files;	/* every file the rules came from */
	size_t *ids;		/* rule numbers + 1 by id (a hash index) */
	size_t id_cap;
};

#define RULES_BUILTIN_NAME "(built-in)/default.yaml"

/* Made by tools/gen_prefilter.c --code: the built-in rules compiled as
 * ruleset_compile compiles them, serialized (pcre2_serialize_encode) in
 * their order, and the patterns they were compiled from. */
extern const unsigned char rules_code[];
extern const size_t rules_code_len;
extern const size_t rules_code_n;
extern const char *const rules_code_pattern[];
extern const size_t rules_code_pattern_len[];

void ruleset_init(struct ruleset *rs);
void ruleset_release(struct ruleset *rs);

/* Compiles every pattern (without the JIT) and builds the topic table.
 * Reports every bad pattern; returns 0 or -1.  The built-in rules' code
 * is decoded from the copy compiled at build time (rules_code), unless
 * this PCRE2 cannot read it or a rule's pattern is not the one compiled. */
int ruleset_compile(struct ruleset *rs, struct diag *d);

/* The rule's compiled code (r->re, not NULL), JIT-compiled on the first
 * call for it; where the JIT is not available or refuses the pattern, the
 * interpreter runs it.  Safe to call from several threads at once (the
 * JIT runs under a lock); keep the result rather than calling it for
 * every match. */
const pcre2_code *rule_jit(const struct rule *r);

/*
 * JIT-compiles every compiled rule, then tries every example and
 * counterexample of each, reporting
 * each failure as an error at the example's own line:
 *
 *   banter: FILE:LINE: error: rule 'ID': example does not match: 'TEXT'
 *   banter: FILE:LINE: error: rule 'ID': counterexample matches: 'TEXT'
 *
 * (TEXT escaped as esc_text does).  Returns the number of failures.
 */
unsigned ruleset_check_examples(const struct ruleset *rs, struct diag *d);

/* The rule's pattern compiled as ruleset_compile did, plus
 * PCRE2_AUTO_CALLOUT, so that a callout can count its steps.  Exits when
 * out of memory. */
pcre2_code *rule_compile_counted(const struct rule *r);

/* The callout for such code: counts one step against the budget that
 * `arg` points to (an unsigned long), and fails the match when it is 0. */
int rule_count_step(pcre2_callout_block *cb, void *arg);

/*
 * Appends the rules, in order, as a YAML rule file that ruleset_add_text
 * reads back to the same rules: the same ids, categories, topics, weights,
 * patterns (byte for byte), examples and counterexamples.  Rules that came
 * from a dictionary are printed as ordinary rules, so the output stands
 * alone.  Strings are single-quoted ('' for a quote) unless they hold a
 * character single quotes cannot carry (a control character, NUL, DEL, a
 * C1 control, U+2028, U+2029, U+FEFF), when they are double-quoted with
 * YAML escapes.
 */
void ruleset_print(const struct ruleset *rs, struct buf *out);

/*
 * Appends one PCRE2 pattern a line, in rule order, for `rg -P -i -f FILE`
 * and other benchmarks.  Ids, categories, topics and weights are dropped.
 * A pattern holding a line end is made single-line without changing what
 * it matches: a literal LF or CR becomes \n or \r (inside \Q...\E the
 * quote is closed round it), a NUL becomes \x00, and in extended mode
 * ((?x)), where a line end is white space or ends a # comment, the comment
 * is dropped and the line end becomes a space ((?#...) comments keep their
 * text, line ends as spaces).
 *
 * For benchmarks: `rg -f` joins the lines into one alternation, where a
 * (*VERB) such as (*LIMIT_MATCH=n) is an error but on the first line, and
 * PCRE2 (LINK_SIZE 2 on Debian) refuses a joined expression over 64K code
 * units: run the built-in rules in chunks of about 100 lines.
 */
void ruleset_print_patterns(const struct ruleset *rs, struct buf *out);

/* For the readers of rule files and dictionaries: puts a rule read
 * elsewhere into the set (taking what it owns; a rule with the same id is
 * replaced in its place), and keeps one copy of a file name for
 * rule.file. */
void ruleset_put(struct ruleset *rs, struct rule *r);
/* The rule with this id, or NULL. */
const struct rule *ruleset_find(const struct ruleset *rs, const char *id);
const char *ruleset_intern_file(struct ruleset *rs, const char *path);

/* Frees what a rule owns (one not put into a set). */
void rule_release(struct rule *r);

/* Whether s[0, len) is a valid rule id (letters, digits, '.',
 * '_', '-', '/'; 1 to 200 bytes), and a weight's value (above 0, at most
 * 1000), 0 or -1. */
int rules_valid_id(const char *s, size_t len);
int rules_parse_weight(const char *s, size_t len, double *w);

/* Reads a rule file or dictionary into `text` (emptied first): regular files only (a
 * FIFO is never opened for a blocking read), at most RULES_MAX_FILE bytes,
 * and the status of the file read into *st unless st is NULL.
 * Returns 0, or -1 after reporting "FILE: error: not a regular file",
 * "FILE: error: larger than ... bytes (8 MiB), the most a rule file or
 * dictionary may be" or the system's message. */
int rules_read_file(struct buf *text, const char *path, struct stat *st, struct diag *d);

#endif
