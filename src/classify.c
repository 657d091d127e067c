#include "classify.h"
#include "markup.h"
#include "util.h"

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



/*
 * The headers that open a forwarded or replied-to mail inside a passage:
 * Outlook's "-----Original Message-----" and "From: ... Sent:", Lotus
 * Notes' "---- Forwarded by" and "name 04/19/2001 05:18 PM ... To:" (from
 * its "From:", when one comes first: "From: name on 04/19/2001 05:18 PM
 * ... To:"), and the "... wrote:" of most mail programs.  ASCII only, caseless; '.' takes
 * newlines too, since notes keep a pasted header's lines.
 */
static const char quote_pattern[] =
	"-{3,}\\s*Original Message\\s*-{3,}"
	"|-{3,}\\s*Forwarded by\\b"
	"|\\bFrom:\\s.{0,300}?\\bSent:"
	"|\\b(?:From:\\s.{0,300}?\\b)?"
	"\\d{1,2}/\\d{1,2}/\\d{2,4},?\\s+\\d{1,2}:\\d\\d(?::\\d\\d)?\\s*[AP]M\\b.{0,400}?\\bTo:"
	"|\\bwrote:";

/*
 * The fillers of verbatim speech ("um", "uh", "erm", "mm-hmm", "uh-huh"):
 * a passage that holds CLASSIFY_SPEECH_FILLERS of them is a transcript of
 * talk, where the markers are how everyone speaks (see classify.h).
 */
static const char filler_pattern[] = "\\b(?:u+m+|u+h+|e+r+m+|m+-?hm+|uh-huh|hm+)\\b";

/* What classifiers share: built by code_new, then only read, but for the
 * counted copies, which are added under `lock`. */
struct classify_code {
	struct prefilter pf;
	pcre2_code *quote_re;		/* finds a forward or reply header; NULL: none */
	pcre2_code *filler_re;		/* finds a filler of speech; NULL: none */
	pcre2_code **counted;		/* per rule; NULL: not compiled yet */
	size_t n;
	pthread_mutex_t lock;		/* over counted[] and users */
	unsigned users;
};

static struct classify_code *code_new(const struct ruleset *rs)
{
	struct classify_code *k = xcalloc(1, sizeof(*k));
	PCRE2_SIZE off;
	int code;

	k->n = rs->n;
	k->counted = xcalloc(rs->n ? rs->n : 1, sizeof(*k->counted));
	k->quote_re = pcre2_compile((PCRE2_SPTR)quote_pattern, PCRE2_ZERO_TERMINATED,
				    PCRE2_CASELESS | PCRE2_DOTALL, &code, &off, NULL);
	if (k->quote_re)
		pcre2_jit_compile(k->quote_re, PCRE2_JIT_COMPLETE);
	k->filler_re = pcre2_compile((PCRE2_SPTR)filler_pattern, PCRE2_ZERO_TERMINATED,
				     PCRE2_CASELESS, &code, &off, NULL);
	if (k->filler_re)
		pcre2_jit_compile(k->filler_re, PCRE2_JIT_COMPLETE);
	prefilter_init(&k->pf, rs);
	if (pthread_mutex_init(&k->lock, NULL) != 0)
		die_oom();
	k->users = 1;
	return k;
}

/* Drops one user; the last frees the code. */
static void code_drop(struct classify_code *k)
{
	unsigned left;
	size_t i;

	pthread_mutex_lock(&k->lock);
	left = --k->users;
	pthread_mutex_unlock(&k->lock);
	if (left)
		return;
	for (i = 0; i < k->n; i++)
		pcre2_code_free(k->counted[i]);
	free(k->counted);
	pcre2_code_free(k->quote_re);
	pcre2_code_free(k->filler_re);
	prefilter_release(&k->pf);
	pthread_mutex_destroy(&k->lock);
	free(k);
}

/* The shared code, built on first need; and what goes with it here. */
static struct classify_code *code_of(struct classifier *c)
{
	if (!c->code) {
		c->code = code_new(c->rs);
		match_set_init(&c->cand, &c->code->pf);
	}
	return c->code;
}

void classifier_init(struct classifier *c, const struct ruleset *rs)
{
	memset(c, 0, sizeof(*c));
	c->rs = rs;
	c->md = pcre2_match_data_create(1, NULL);
	c->mc = pcre2_match_context_create(NULL);
	if (!c->md || !c->mc)
		die_oom();
	c->re = xcalloc(rs->n ? rs->n : 1, sizeof(*c->re));
	pcre2_set_callout(c->mc, rule_count_step, &c->budget);
	classifier_set_limits(c, &limits_default);
}

void classifier_share(struct classifier *c, struct classifier *with)
{
	struct classify_code *k = code_of(with);

	assert(c->rs == with->rs && !c->code);
	pthread_mutex_lock(&k->lock);
	k->users++;
	pthread_mutex_unlock(&k->lock);
	c->code = k;
	match_set_init(&c->cand, &k->pf);
}

void classifier_set_limits(struct classifier *c, const struct limits *l)
{
	c->lim = *l;
	pcre2_set_match_limit(c->mc, l->match_limit);
	pcre2_set_depth_limit(c->mc, l->depth_limit);
	pcre2_set_heap_limit(c->mc, l->heap_limit);
	c->budget = l->regex_budget;
}

void classifier_begin_note(struct classifier *c)
{
	c->budget = c->lim.regex_budget;
}

void classifier_release(struct classifier *c)
{
	if (c->code) {
		code_drop(c->code);
		match_set_release(&c->cand);
	}
	free(c->re);
	free(c->text);
	pcre2_match_data_free(c->md);
	pcre2_match_context_free(c->mc);
	if (c->jit)
		pcre2_jit_stack_free(c->jit);
	memset(c, 0, sizeof(*c));
}

/*
 * The code that runs rule i (compiled): the rule's own for the built-in
 * rules, which are vetted (no nested quantifiers; examples and
 * counterexamples checked) and run uncounted, at full speed; for the
 * rules of rule files, which the budget is for, the shared counted copy,
 * compiled by whichever thread first runs the rule.
 */
static const pcre2_code *rule_code(struct classifier *c, size_t i)
{
	const struct rule *r = &c->rs->v[i];
	struct classify_code *k = c->code;

	if (c->re[i])
		return c->re[i];
	if (r->file && strcmp(r->file, RULES_BUILTIN_NAME) == 0) {
		c->re[i] = rule_jit(r);
		return c->re[i];
	}
	pthread_mutex_lock(&k->lock);
	if (!k->counted[i])
		k->counted[i] = rule_compile_counted(r);
	c->re[i] = k->counted[i];
	pthread_mutex_unlock(&k->lock);
	return c->re[i];
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
	/* weights are decimals, their sums binary: 0.1 + 0.7 is a hair under
	 * the 0.8 it is written as, and still exactly half of 1.6 */
	if (lo > 0 && lo >= CLASSIFY_MIXED_RATIO * hi * (1 - 1e-12))
		return LABEL_MIXED;
	return business > social ? LABEL_BUSINESS : LABEL_SOCIAL;
}

/* Where the first mail header in s[0, len) starts, or len if it has none. */
static size_t quote_header(struct classifier *c, const char *s, size_t len)
{
	const pcre2_code *re = code_of(c)->quote_re;

	if (!re || pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, c->md, c->mc) < 0)
		return len;
	return pcre2_get_ovector_pointer(c->md)[0];
}

size_t classify_quoted_from(struct classifier *c, const char *s, size_t len)
{
	size_t h = quote_header(c, s, len);

	return h ? h : len;
}

static int word_byte(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
	       || ch == '_';
}

/* Where the first "Subject:" at a word's start lies in s[from, len), or len. */
static size_t subject_at(const char *s, size_t from, size_t len)
{
	static const char key[] = "Subject:";
	const size_t n = sizeof(key) - 1;
	size_t i;

	for (i = from; i + n <= len; i++)
		if (s[i] == 'S' && memcmp(s + i, key, n) == 0 && (i == 0 || !word_byte(s[i - 1])))
			return i;
	return len;
}

/*
 * The text to match: s itself, or, when it holds a mail header's recipient
 * list, a copy in c->text with that list blanked (see
 * CLASSIFY_RECIPIENTS): what lies between a "To:" and the next "Subject:"
 * up to CLASSIFY_RECIPIENTS bytes after it, line ends kept.  Both words
 * start a word and are matched as mail programs write them.  Offsets stay
 * good, and the copy is valid UTF-8 whenever s is, since only whole
 * characters between two ASCII words are blanked.  One pass: the next
 * "Subject:" is looked for only once the last is behind.
 */
static const char *blank_recipients(struct classifier *c, const char *s, size_t len)
{
	size_t i, k, subject = 0;
	char *t = NULL;

	for (i = 0; i + 3 <= len; i++) {
		if (s[i] != 'T' || s[i + 1] != 'o' || s[i + 2] != ':' || (i && word_byte(s[i - 1])))
			continue;
		if (subject < i + 3)
			subject = subject_at(s, i + 3, len);
		if (subject == len)
			break;
		if (subject - (i + 3) > CLASSIFY_RECIPIENTS)
			continue;
		if (!t) {
			c->text = xgrow(c->text, 1, len, &c->text_alloc);
			memcpy(c->text, s, len);
			t = c->text;
		}
		for (k = i + 3; k < subject; k++)
			if (t[k] != '\n')
				t[k] = ' ';
		i = subject;
	}
	return t ? t : s;
}

/*
 * Runs one rule; on a JIT stack overflow, once more with the stack at its
 * limit.  The counted code needs about twice the stack of the rule's own
 * (a callout per step), so if that still overflows, the rule's own code
 * runs, under a match limit no higher than the budget left, which is then
 * charged in full.
 */
static int run_rule(struct classifier *c, size_t i, const pcre2_code *re, const char *s,
		    size_t len)
{
	int rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK, c->md, c->mc);
	unsigned long charge;

	if (rc != PCRE2_ERROR_JIT_STACKLIMIT || c->lim.jit_stack <= 32 * 1024)
		return rc;
	if (!c->jit) {
		c->jit = pcre2_jit_stack_create(32 * 1024, c->lim.jit_stack, NULL);
		if (!c->jit)
			return rc;
		pcre2_jit_stack_assign(c->mc, NULL, c->jit);
		rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK, c->md, c->mc);
	}
	if (rc != PCRE2_ERROR_JIT_STACKLIMIT || re == c->rs->v[i].re || !c->budget)
		return rc;
	charge = c->budget < c->lim.match_limit ? c->budget : c->lim.match_limit;
	pcre2_set_match_limit(c->mc, (uint32_t)charge);
	rc = pcre2_match(rule_jit(&c->rs->v[i]), (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK,
			 c->md, c->mc);
	pcre2_set_match_limit(c->mc, c->lim.match_limit);
	c->budget -= charge;
	return rc;
}

/* Whether the author's own words before a pasted mail, s[0, own), are a
 * covering line: one to CLASSIFY_COVER_WORDS words ("fyi", "ok", "go
 * ahead", "please print"); see classify.h. */
static int covering_line(const char *s, size_t own)
{
	unsigned n = markup_count_words(s, own);

	return n >= 1 && n <= CLASSIFY_COVER_WORDS;
}

static int sentence_end(char ch)
{
	return ch == '.' || ch == '!' || ch == '?' || ch == '|' || ch == '\n';
}

/* Whether the sentence around s[off, off + n) holds a match of one of the
 * business rules among the passage's hits: a meal at work (see
 * CLASSIFY_WORK_MEAL).  The sentence ends at ASCII bytes, so it is valid
 * UTF-8 whenever the passage is. */
static int work_sentence(struct classifier *c, const char *s, size_t len, size_t off,
			 size_t n, struct verdict *v)
{
	size_t a = off, b = off + n, k;

	while (a > 0 && !sentence_end(s[a - 1]))
		a--;
	while (b < len && !sentence_end(s[b]))
		b++;
	for (k = 0; k < v->nhits; k++)	/* a first match there: no need to look */
		if (c->rs->v[v->hits[k].rule].cat == CAT_BUSINESS && v->hits[k].off >= a &&
		    v->hits[k].off < b)
			return 1;
	for (k = 0; k < v->nhits; k++) {
		size_t i = v->hits[k].rule;
		const pcre2_code *re;
		int rc;

		if (c->rs->v[i].cat != CAT_BUSINESS || v->hits[k].off >= a)
			continue;	/* a later first match: none in the sentence */
		re = rule_code(c, i);
		if (re != c->rs->v[i].re && !c->budget)
			continue;	/* spent: not run at all */
		rc = run_rule(c, i, re, s + a, b - a);
		if (rc == PCRE2_ERROR_CALLOUT)
			v->budget_out = 1;
		if (rc >= 0)
			return 1;
	}
	return 0;
}

/* What a hit adds to its category's score; see classify.h. */
static double hit_weight(const struct rule *r, const struct hit *h, size_t quoted, int mail,
			 int covered)
{
	double x = r->weight;

	if (mail && x < CLASSIFY_WEAK)
		x *= CLASSIFY_MAIL_WEAK;
	if (h->off >= quoted) {
		x *= CLASSIFY_QUOTED_WEIGHT;
		if (covered && r->cat == CAT_SOCIAL)
			x *= CLASSIFY_COVERED_SOCIAL;
	}
	if (h->work_meal)
		x *= CLASSIFY_WORK_MEAL;
	return x;
}

/* Whether s[0, len) holds CLASSIFY_SPEECH_FILLERS fillers of speech. */
static int is_speech(struct classifier *c, const char *s, size_t len)
{
	const pcre2_code *re = code_of(c)->filler_re;
	PCRE2_SIZE at = 0;
	unsigned n = 0;

	while (re && n < CLASSIFY_SPEECH_FILLERS &&
	       pcre2_match(re, (PCRE2_SPTR)s, len, at, PCRE2_NO_UTF_CHECK, c->md, c->mc) >= 0) {
		at = pcre2_get_ovector_pointer(c->md)[1];
		n++;
	}
	return n >= CLASSIFY_SPEECH_FILLERS;
}

/*
 * Adds the markers' weights (rules under CLASSIFY_WEAK) to the topical
 * scores: to a category with topical evidence of its own, at most
 * CLASSIFY_MARKERS; see classify.h.
 */
static void add_markers(double score[CAT_COUNT], const double markers[CAT_COUNT])
{
	int k;

	for (k = 0; k < CAT_COUNT; k++) {
		double x = markers[k] < CLASSIFY_MARKERS ? markers[k] : CLASSIFY_MARKERS;

		if (score[k] > 0)	/* a marker never stands alone */
			score[k] += x;
	}
}

/* Whether it matters that the passage is speech: it has a marker, or a
 * social word that a work sentence would discount (see classify.h). */
static int speech_matters(const struct ruleset *rs, const struct verdict *v)
{
	int social = 0, business = 0;
	size_t w;

	for (w = 0; w < v->nhits; w++) {
		const struct rule *r = &rs->v[v->hits[w].rule];

		if (r->weight < CLASSIFY_WEAK)
			return 1;
		social |= r->cat == CAT_SOCIAL && (int)r->topic_id != rs->food_topic;
		business |= r->cat == CAT_BUSINESS;
	}
	return social && business;
}

/*
 * Adds up the hits' weights into v->score (see classify.h): a meal at
 * work, and in speech any social word in a work sentence, counts less;
 * markers tip topical evidence; then the label.
 */
static void score_hits(struct classifier *c, const char *s, size_t len, struct verdict *v,
		       size_t quoted, int mail, int covered)
{
	const struct ruleset *rs = c->rs;
	double markers[CAT_COUNT] = { 0 };
	int speech = speech_matters(rs, v) && is_speech(c, s, len);
	size_t w;

	for (w = 0; w < v->nhits; w++) {
		const struct rule *r = &rs->v[v->hits[w].rule];

		if (r->cat == CAT_SOCIAL && r->weight >= CLASSIFY_WEAK &&
		    ((int)r->topic_id == rs->food_topic || speech))
			v->hits[w].work_meal = work_sentence(c, s, len, v->hits[w].off,
							     v->hits[w].len, v);
	}
	for (w = 0; w < v->nhits; w++) {	/* in rule order, as they matched */
		const struct rule *r = &rs->v[v->hits[w].rule];
		double x = hit_weight(r, &v->hits[w], quoted, mail, covered);

		if (r->weight >= CLASSIFY_WEAK)
			v->score[r->cat] += x;
		else
			markers[r->cat] += x;
	}
	if (speech)	/* how everyone talks: no marker counts */
		markers[CAT_BUSINESS] = markers[CAT_SOCIAL] = 0;
	add_markers(v->score, markers);
	v->label = classify_label(v->score[CAT_BUSINESS], v->score[CAT_SOCIAL]);
}

void classify(struct classifier *c, const char *s, size_t len, struct verdict *v)
{
	const struct ruleset *rs = c->rs;
	size_t w, header = len, quoted = len;
	int blanked = 0, quoted_known = 0, own_social = 0, covered;

	v->score[CAT_BUSINESS] = v->score[CAT_SOCIAL] = 0;
	v->referral = 0;
	v->nhits = 0;
	v->match_errors = 0;
	v->err_rule = 0;
	v->err_code = 0;
	v->budget_out = 0;
	if (len > c->lim.passage) {
		len = c->lim.passage;
		while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	v->classified = len;
	prefilter_scan(&code_of(c)->pf, s, len, &c->cand);
	for (w = 0; w < c->cand.nwords; w++) {
		uint64_t bits = c->cand.bits[w];

		while (bits) {
			size_t i = w * 64 + (size_t)__builtin_ctzll(bits);
			const struct rule *r;
			const pcre2_code *re;
			PCRE2_SIZE *ov;
			int rc;

			bits &= bits - 1;
			if (i >= rs->n)
				break;
			r = &rs->v[i];
			if (!r->re)
				continue;
			if (!blanked) {	/* once a rule is to run */
				s = blank_recipients(c, s, len);
				blanked = 1;
			}
			re = rule_code(c, i);
			if (re != r->re && !c->budget) {
				rc = PCRE2_ERROR_CALLOUT;	/* spent: not run at all */
			} else {
				rc = run_rule(c, i, re, s, len);
				if (rc == PCRE2_ERROR_CALLOUT)
					v->budget_out = 1;
			}
			if (rc == PCRE2_ERROR_NOMATCH)
				continue;
			if (rc < 0) {
				if (!v->match_errors++) {
					v->err_rule = (unsigned)i;
					v->err_code = rc;
				}
				continue;
			}
			ov = pcre2_get_ovector_pointer(c->md);
			v->hits = xgrow(v->hits, sizeof(*v->hits), v->nhits + 1, &v->hits_alloc);
			v->hits[v->nhits].rule = (unsigned)i;
			v->hits[v->nhits].off = ov[0];
			v->hits[v->nhits].len = ov[1] > ov[0] ? ov[1] - ov[0] : 0;
			v->hits[v->nhits].work_meal = 0;
			if (!quoted_known) {	/* looked for once some rule matched */
				header = quote_header(c, s, len);	/* reuses c->md */
				quoted = header ? header : len;
				quoted_known = 1;
			}
			own_social |= r->cat == CAT_SOCIAL && v->hits[v->nhits].off < quoted;
			v->nhits++;
			if ((int)r->topic_id == rs->referral_topic)
				v->referral = 1;
		}
	}
	covered = quoted < len && !own_social && covering_line(s, quoted);
	score_hits(c, s, len, v, quoted, header < len, covered);
}
