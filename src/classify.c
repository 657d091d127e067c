#include "classify.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const label_names[LABEL_COUNT] = { "business", "social", "mixed", "neutral" };

void classifier_init(struct classifier *c, const struct ruleset *rs)
{
	c->rs = rs;
	c->md = pcre2_match_data_create(1, NULL);
	c->mc = pcre2_match_context_create(NULL);
	c->jit = pcre2_jit_stack_create(32 * 1024, 8 * 1024 * 1024, NULL);
	if (!c->md || !c->mc || !c->jit) {
		fputs("banter: error: out of memory\n", stderr);
		exit(2);
	}
	pcre2_set_match_limit(c->mc, 1000000);
	pcre2_set_depth_limit(c->mc, 100000);
	pcre2_set_heap_limit(c->mc, 64 * 1024);
	pcre2_jit_stack_assign(c->mc, NULL, c->jit);
}

void classifier_release(struct classifier *c)
{
	pcre2_match_data_free(c->md);
	pcre2_match_context_free(c->mc);
	pcre2_jit_stack_free(c->jit);
	memset(c, 0, sizeof(*c));
}

void verdict_init(struct verdict *v)
{
	memset(v, 0, sizeof(*v));
	v->label = LABEL_NEUTRAL;
}

void verdict_release(struct verdict *v)
{
	free(v->hits);
	verdict_init(v);
}

enum label classify_label(double business, double social)
{
	double lo = business < social ? business : social;
	double hi = business < social ? social : business;

	if (hi <= 0)
		return LABEL_NEUTRAL;
	if (lo > 0 && lo >= CLASSIFY_MIXED_RATIO * hi)
		return LABEL_MIXED;
	return business > social ? LABEL_BUSINESS : LABEL_SOCIAL;
}

void classify(struct classifier *c, const char *s, size_t len, struct verdict *v)
{
	const struct ruleset *rs = c->rs;
	size_t i;

	v->score[CAT_BUSINESS] = v->score[CAT_SOCIAL] = 0;
	v->referral = 0;
	v->nhits = 0;
	v->match_errors = 0;
	for (i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->v[i];
		PCRE2_SIZE *ov;
		int rc;

		if (!r->re)
			continue;
		rc = pcre2_match(r->re, (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK, c->md, c->mc);
		if (rc == PCRE2_ERROR_NOMATCH)
			continue;
		if (rc < 0) {
			v->match_errors++;
			continue;
		}
		ov = pcre2_get_ovector_pointer(c->md);
		v->hits = xgrow(v->hits, sizeof(*v->hits), v->nhits + 1, &v->hits_alloc);
		v->hits[v->nhits].rule = (unsigned)i;
		v->hits[v->nhits].off = ov[0];
		v->hits[v->nhits].len = ov[1] > ov[0] ? ov[1] - ov[0] : 0;
		v->nhits++;
		v->score[r->cat] += r->weight;
		if ((int)r->topic_id == rs->referral_topic)
			v->referral = 1;
	}
	v->label = classify_label(v->score[CAT_BUSINESS], v->score[CAT_SOCIAL]);
}
