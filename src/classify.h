/*
 * classify: labels one passage with the rule set.
 *
 * Every rule that matches adds its weight to its category's score, once
 * per passage however often it matches.  The label is
 *
 *   neutral   when neither category scored;
 *   mixed     when both did and the weaker score is at least
 *             CLASSIFY_MIXED_RATIO of the stronger (strong evidence for both);
 *   business or social, the stronger category, otherwise.
 *
 * A classifier holds the per-thread matching state (match data, JIT stack,
 * limits); the rule set is shared and read-only.
 */
#ifndef BANTER_CLASSIFY_H
#define BANTER_CLASSIFY_H

#include <stddef.h>

#include "rules.h"

#define CLASSIFY_MIXED_RATIO 0.5

enum label {
	LABEL_BUSINESS,
	LABEL_SOCIAL,
	LABEL_MIXED,
	LABEL_NEUTRAL,
	LABEL_COUNT
};

extern const char *const label_names[LABEL_COUNT];

/* A rule that matched, and where it first did (offsets in the passage). */
struct hit {
	unsigned rule;
	size_t off;
	size_t len;
};

struct verdict {
	enum label label;
	double score[CAT_COUNT];
	int referral;		/* a rule of topic business/referral matched */
	struct hit *hits;	/* in rule order */
	size_t nhits;
	size_t hits_alloc;
	unsigned match_errors;	/* rules that failed to run (limits) */
};

struct classifier {
	const struct ruleset *rs;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *jit;
};

void classifier_init(struct classifier *c, const struct ruleset *rs);
void classifier_release(struct classifier *c);

void verdict_init(struct verdict *v);
void verdict_release(struct verdict *v);

/* Classifies s[0, len), which must be valid UTF-8. */
void classify(struct classifier *c, const char *s, size_t len, struct verdict *v);

/* Decides the label from two scores. */
enum label classify_label(double business, double social);

#endif
