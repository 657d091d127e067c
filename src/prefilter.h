/*
 * prefilter: the combined scan.  One pass over a passage finds the rules
 * that can match it; classify then runs only those rules' own regexes.
 *
 * For every rule, prefilter_init reads the pattern (literal.c) and gets a
 * set of strings such that any match of the pattern contains at least one
 * of them, folded (letters to lowercase, digits to '0').  All the strings
 * of all the rules go into one Aho-Corasick automaton, which folds the
 * text the same way as it reads it.  A rule whose pattern gives no such
 * set (it can match the empty string, or uses syntax the reader does not
 * know, such as backreferences or (*VERBS)) is a candidate for every
 * passage.  Text
 * holding U+212A KELVIN SIGN or U+017F LONG S, which PCRE2 matches
 * caselessly against 'k' and 's', makes every rule a candidate; text
 * holding a digit of another script makes every rule with \d a candidate.
 *
 * The prefilter only ever drops rules that cannot match, so running each
 * candidate's regex gives exactly the matches (and first-match offsets)
 * that running every rule would.
 *
 * The strings of the built-in rules are worked out at build time
 * (tools/gen_prefilter.c, with prefilter_rule_strings) and embedded in the
 * binary; a rule whose pattern is not byte for byte the built-in one at
 * its place is read when the prefilter is built.
 *
 * The automaton is read-only after prefilter_init: one can be shared by
 * threads.
 *
 * Layer: labels.  Calls literal, rules and the primitives.
 */
#ifndef BANTER_PREFILTER_H
#define BANTER_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

struct ruleset;
struct litset;

/* A literal found at a state: which rule, how long, and whether it must
 * start or end at a word boundary. */
struct match_out {
	uint32_t rule;		/* nrules means "every rule" */
	uint16_t len;
	uint16_t flags;		/* MATCH_BOUND_* */
};

enum {
	MATCH_BOUND_BEFORE = 1,	/* no ASCII word character just before */
	MATCH_BOUND_AFTER = 2	/* nor just after */
};

struct prefilter {
	size_t nrules;
	unsigned char cls[256];	/* byte -> alphabet class; 0: in no literal */
	unsigned nclass;
	/* nstates * nclass: the next state; 16-bit while the states fit,
	 * states numbered breadth first */
	uint16_t *delta16;
	uint32_t *delta32;
	int wide;		/* delta32, not delta16 */
	uint32_t *out_off;	/* nstates + 1: into out, the rules found there */
	struct match_out *out;
	size_t nstates;
	uint32_t *always;	/* rules that are candidates for every passage */
	size_t nalways;
	uint32_t *digit_rules;	/* rules whose strings took \d as [0-9] */
	size_t ndigit_rules;
	pcre2_code *other_digit;	/* finds a \d that is not 0-9 */
	size_t nliterals;	/* for tests and statistics */
};

/* A set of candidate rules, by number; reused from passage to passage. */
struct match_set {
	uint64_t *bits;
	size_t nwords;
	pcre2_match_data *md;	/* for other_digit */
};

/* One string of a rule as the automaton takes it: folded, without the
 * boundary marks, at most PREFILTER_MAX_LIT bytes. */
#define PREFILTER_MAX_LIT 10
struct prefilter_lit {
	const char *s;		/* len bytes, not NUL-terminated */
	uint16_t len;
	uint16_t flags;		/* MATCH_BOUND_* */
};

/* A built-in rule's strings, made at build time. */
struct prefilter_rule {
	const char *pattern;	/* the pattern they were read from */
	size_t pattern_len;
	int found;		/* 0: no set of strings, a candidate for every passage */
	int ascii_digits;	/* as litset.ascii_digits */
	size_t n;
	const struct prefilter_lit *v;
};

/* Made by tools/gen_prefilter.c from the built-in rules, in their order. */
extern const struct prefilter_rule prefilter_builtin[];
extern const size_t prefilter_builtin_n;

/*
 * Reads pat[0, len) as prefilter_init does: returns 0 when it gives no set
 * of strings, else 1 with *set holding the strings (the caller releases it
 * with litset_release) and *v (set->n of them, pointing into set's strings;
 * the caller frees the array) the strings as the automaton takes them.
 */
int prefilter_rule_strings(const char *pat, size_t len, struct litset *set,
			   struct prefilter_lit **v);

void prefilter_init(struct prefilter *pf, const struct ruleset *rs);
void prefilter_release(struct prefilter *pf);

void match_set_init(struct match_set *m, const struct prefilter *pf);
void match_set_release(struct match_set *m);

/* Marks in `m` (cleared first) every rule that may match s[0, len). */
void prefilter_scan(const struct prefilter *pf, const char *s, size_t len, struct match_set *m);

/* Is rule i in the set? */
static inline int match_set_has(const struct match_set *m, size_t i)
{
	return (int)((m->bits[i / 64] >> (i % 64)) & 1);
}

#endif
