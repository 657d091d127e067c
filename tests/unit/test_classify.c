/*
 * Unit tests for classify.c: the label from two scores, and classifying
 * passages with small rule sets (weights, hits, the referral flag, caseless
 * UTF-8 matching with Unicode properties, match limits, and evidence in a
 * forwarded or quoted mail counting less, classifiers sharing compiled
 * code across threads).
 *
 * Passages are copied into buffers of exactly their length, so that a read
 * past the end shows under valgrind.
 */
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "classify.h"
#include "diag.h"
#include "label.h"
#include "limits.h"
#include "rules.h"
#include "rules_file.h"

struct fix {
	struct ruleset rs;
	struct classifier c;
	struct verdict v;
	struct buf msgs;
	int ready;
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	ruleset_init(&f->rs);
	verdict_init(&f->v);
	buf_init(&f->msgs);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;

	if (f->ready)
		classifier_release(&f->c);
	verdict_release(&f->v);
	ruleset_release(&f->rs);
	buf_release(&f->msgs);
	free(f);
	return 0;
}

/* Loads and compiles a rule file's text, then makes the classifier. */
static void rules(struct fix *f, const char *yaml)
{
	struct diag d;

	diag_init(&d, NULL);
	d.capture = &f->msgs;
	assert_int_equal(ruleset_add_text(&f->rs, yaml, strlen(yaml), "t.yaml", &d), 0);
	assert_int_equal(ruleset_compile(&f->rs, &d), 0);
	assert_int_equal(d.errors, 0);
	classifier_init(&f->c, &f->rs);
	f->ready = 1;
}

static void run(struct fix *f, const char *s)
{
	size_t len = strlen(s);
	char *p = malloc(len ? len : 1);

	assert_non_null(p);
	memcpy(p, s, len);
	classify(&f->c, p, len, &f->v);
	free(p);
}

/* The index of the rule with this id. */
static unsigned rule_no(const struct fix *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->rs.n; i++)
		if (strcmp(f->rs.v[i].id, id) == 0)
			return (unsigned)i;
	fail_msg("no rule '%s'", id);
	return 0;
}

static const char basic[] =
	"rules:\n"
	"  - {id: s.sports, category: social, topic: sports, pattern: '\\b(?:football|match)\\b'}\n"
	"  - {id: s.family, category: social, topic: family, pattern: '\\bkids?\\b', weight: 0.5}\n"
	"  - {id: b.price, category: business, topic: pricing, pattern: '\\bprice\\b', weight: 2}\n"
	"  - {id: b.invoice, category: business, topic: billing, pattern: '\\binvoice\\b'}\n"
	"  - {id: b.refer, category: business, topic: referral, pattern: '\\brefer(?:ral)?\\b'}\n";

static void test_label_thresholds(void **state)
{
	(void)state;
	assert_int_equal(classify_label(0, 0), LABEL_NEUTRAL);
	assert_int_equal(classify_label(1, 0), LABEL_BUSINESS);
	assert_int_equal(classify_label(0, 1), LABEL_SOCIAL);
	assert_int_equal(classify_label(0, 0.001), LABEL_SOCIAL);
	/* mixed: the weaker at least half the stronger */
	assert_int_equal(classify_label(2, 1), LABEL_MIXED);
	assert_int_equal(classify_label(1, 2), LABEL_MIXED);
	assert_int_equal(classify_label(3, 3), LABEL_MIXED);
	assert_int_equal(classify_label(0.5, 0.5), LABEL_MIXED);
	assert_int_equal(classify_label(2, 0.99), LABEL_BUSINESS);
	assert_int_equal(classify_label(0.99, 2), LABEL_SOCIAL);
	assert_int_equal(classify_label(10, 4.9), LABEL_BUSINESS);
	assert_int_equal(classify_label(4, 10), LABEL_SOCIAL);
	assert_int_equal(classify_label(5, 10), LABEL_MIXED);
	assert_true(CLASSIFY_MIXED_RATIO == 0.5);
	assert_string_equal(label_names[LABEL_BUSINESS], "business");
	assert_string_equal(label_names[LABEL_SOCIAL], "social");
	assert_string_equal(label_names[LABEL_MIXED], "mixed");
	assert_string_equal(label_names[LABEL_NEUTRAL], "neutral");
}

static void test_neutral(void **state)
{
	struct fix *f = *state;

	rules(f, basic);
	run(f, "We met at the office and went through the agenda.");
	assert_int_equal(f->v.label, LABEL_NEUTRAL);
	assert_true(f->v.score[CAT_BUSINESS] == 0);
	assert_true(f->v.score[CAT_SOCIAL] == 0);
	assert_int_equal(f->v.nhits, 0);
	assert_int_equal(f->v.referral, 0);
	assert_int_equal(f->v.match_errors, 0);
	run(f, "");
	assert_int_equal(f->v.label, LABEL_NEUTRAL);
}

static void test_weight_once_per_rule(void **state)
{
	struct fix *f = *state;

	rules(f, basic);
	run(f, "price, price and price again");
	assert_int_equal(f->v.label, LABEL_BUSINESS);
	assert_true(f->v.score[CAT_BUSINESS] == 2.0);
	assert_true(f->v.score[CAT_SOCIAL] == 0);
	assert_int_equal(f->v.nhits, 1);
	assert_int_equal(f->v.hits[0].rule, rule_no(f, "b.price"));
	assert_int_equal(f->v.hits[0].off, 0);		/* the first match */
	assert_int_equal(f->v.hits[0].len, 5);

	/* two rules of one category add up */
	run(f, "the invoice shows the old price");
	assert_true(f->v.score[CAT_BUSINESS] == 3.0);
	assert_int_equal(f->v.nhits, 2);
}

static void test_hits_in_rule_order(void **state)
{
	struct fix *f = *state;
	static const char text[] = "Your kids? Price was fine, then the match.";

	rules(f, basic);
	run(f, text);
	assert_int_equal(f->v.nhits, 3);
	/* in rule order, whatever the order in the text */
	assert_int_equal(f->v.hits[0].rule, rule_no(f, "s.sports"));
	assert_int_equal(f->v.hits[0].off, strstr(text, "match") - text);
	assert_int_equal(f->v.hits[0].len, 5);
	assert_int_equal(f->v.hits[1].rule, rule_no(f, "s.family"));
	assert_int_equal(f->v.hits[1].off, 5);
	assert_int_equal(f->v.hits[1].len, 4);
	assert_int_equal(f->v.hits[2].rule, rule_no(f, "b.price"));
	assert_int_equal(f->v.hits[2].off, 11);
	assert_int_equal(f->v.hits[2].len, 5);
	assert_true(f->v.score[CAT_SOCIAL] == 1.5);
	assert_true(f->v.score[CAT_BUSINESS] == 2.0);
	assert_int_equal(f->v.label, LABEL_MIXED);
}

static void test_labels_from_rules(void **state)
{
	struct fix *f = *state;

	rules(f, basic);
	run(f, "The kids loved the football match.");
	assert_int_equal(f->v.label, LABEL_SOCIAL);
	assert_true(f->v.score[CAT_SOCIAL] == 1.5);
	run(f, "Sent the invoice; the kids were there.");	/* 1 vs 0.5: mixed */
	assert_int_equal(f->v.label, LABEL_MIXED);
	run(f, "Sent the invoice with the new price; the kids were there.");	/* 3 vs 0.5 */
	assert_int_equal(f->v.label, LABEL_BUSINESS);
}

static void test_verdict_reset_between_passages(void **state)
{
	struct fix *f = *state;

	rules(f, basic);
	run(f, "Can you refer me? The price and invoice, the match and kids.");
	assert_int_equal(f->v.nhits, 5);
	assert_int_equal(f->v.referral, 1);
	run(f, "nothing at all");
	assert_int_equal(f->v.nhits, 0);
	assert_int_equal(f->v.referral, 0);
	assert_true(f->v.score[CAT_BUSINESS] == 0 && f->v.score[CAT_SOCIAL] == 0);
	assert_int_equal(f->v.label, LABEL_NEUTRAL);
}

static void test_referral_flag(void **state)
{
	struct fix *f = *state;

	rules(f, basic);
	assert_true(f->rs.referral_topic >= 0);
	run(f, "Asked whether she could make a referral to her sister's firm.");
	assert_int_equal(f->v.referral, 1);
	assert_int_equal(f->v.label, LABEL_BUSINESS);
	assert_int_equal(f->v.nhits, 1);
	assert_int_equal(f->v.hits[0].rule, rule_no(f, "b.refer"));
	run(f, "Talked about the price.");
	assert_int_equal(f->v.referral, 0);
}

static void test_social_referral_is_not_a_referral(void **state)
{
	struct fix *f = *state;

	rules(f, "rules:\n"
		 "  - {id: x, category: social, topic: referral, pattern: refer}\n");
	assert_int_equal(f->rs.referral_topic, -1);
	run(f, "refer");
	assert_int_equal(f->v.nhits, 1);
	assert_int_equal(f->v.referral, 0);
	assert_int_equal(f->v.label, LABEL_SOCIAL);
}

static void test_caseless_utf_ucp(void **state)
{
	struct fix *f = *state;
	unsigned cafe;

	rules(f, "rules:\n"
		 "  - {id: cafe, category: social, topic: coffee, pattern: '\\bcaf\xC3\xA9\\b'}\n"
		 "  - {id: word, category: business, topic: words, pattern: '\\S+'}\n"
		 "  - {id: w, category: business, topic: w, pattern: '\\w+'}\n"
		 "  - {id: greek, category: social, topic: greek, pattern: '\\b\xCE\xBA\xCE\xB1\xCE\xBB\xCE\xB7\xCE\xBC\xCE\xAD\xCF\x81\xCE\xB1\\b'}\n");
	cafe = rule_no(f, "cafe");

	run(f, "CAF\xC3\x89");				/* upper-case É */
	assert_int_equal(f->v.nhits, 3);
	assert_int_equal(f->v.hits[0].rule, cafe);
	assert_int_equal(f->v.hits[0].off, 0);
	assert_int_equal(f->v.hits[0].len, 5);

	run(f, "Met at the Caf\xC3\xA9 du Monde");
	assert_int_equal(f->v.hits[0].rule, cafe);
	assert_int_equal(f->v.hits[0].off, 11);
	assert_int_equal(f->v.hits[0].len, 5);

	/* \b knows é is a letter (UCP): no boundary inside "cafés" */
	run(f, "caf\xC3\xA9s");
	assert_int_equal(f->v.nhits, 2);
	assert_int_not_equal(f->v.hits[0].rule, cafe);

	/* \S+ and \w+ take the whole word, not up to the é */
	run(f, "caf\xC3\xA9");
	assert_int_equal(f->v.nhits, 3);
	assert_int_equal(f->v.hits[1].rule, rule_no(f, "word"));
	assert_int_equal(f->v.hits[1].len, 5);
	assert_int_equal(f->v.hits[2].rule, rule_no(f, "w"));
	assert_int_equal(f->v.hits[2].len, 5);

	/* caseless beyond Latin: ΚΑΛΗΜΈΡΑ */
	run(f, "\xCE\x9A\xCE\x91\xCE\x9B\xCE\x97\xCE\x9C\xCE\x88\xCE\xA1\xCE\x91!");
	assert_int_equal(f->v.nhits, 3);
	assert_int_equal(f->v.hits[0].rule, rule_no(f, "word"));
	assert_int_equal(f->v.hits[0].len, 17);		/* with the '!' */
	assert_int_equal(f->v.hits[2].rule, rule_no(f, "greek"));
	assert_int_equal(f->v.hits[2].off, 0);
	assert_int_equal(f->v.hits[2].len, 16);
	assert_int_equal(f->v.match_errors, 0);
}

static void test_crlf_newlines(void **state)
{
	struct fix *f = *state;

	rules(f, "rules:\n"
		 "  - {id: todo, category: business, topic: tasks, pattern: '(?m)^todo$'}\n");
	run(f, "first\r\ntodo\r\nlast");
	assert_int_equal(f->v.nhits, 1);
	assert_int_equal(f->v.hits[0].off, 7);
	assert_int_equal(f->v.hits[0].len, 4);
}

static void test_match_limit(void **state)
{
	struct fix *f = *state;
	struct buf line = BUF_INIT;

	rules(f, "rules:\n"
		 "  - {id: evil, category: social, topic: evil, pattern: '(a+)+$'}\n"
		 "  - {id: nice, category: business, topic: nice, pattern: '!'}\n");
	buf_addrep(&line, 'a', 4000);
	buf_adds(&line, "!");
	run(f, line.ptr);
	/* the runaway rule counts as an error and is skipped; the rest go on */
	assert_int_equal(f->v.match_errors, 1);
	assert_int_equal(f->v.nhits, 1);
	assert_int_equal(f->v.hits[0].rule, rule_no(f, "nice"));
	assert_int_equal(f->v.hits[0].off, 4000);
	assert_int_equal(f->v.label, LABEL_BUSINESS);
	assert_true(f->v.score[CAT_SOCIAL] == 0);

	/* the classifier is still usable, and the count starts afresh */
	run(f, "aaaa");
	assert_int_equal(f->v.match_errors, 0);
	assert_int_equal(f->v.nhits, 1);
	assert_int_equal(f->v.label, LABEL_SOCIAL);
	buf_release(&line);
}

static void test_uncompiled_rules_skipped(void **state)
{
	struct fix *f = *state;
	static const char yaml[] =
		"rules:\n"
		"  - {id: ok, category: social, topic: t, pattern: hello}\n"
		"  - {id: bad, category: business, topic: t, pattern: '(hello'}\n";
	struct diag d;

	diag_init(&d, NULL);
	d.capture = &f->msgs;
	assert_int_equal(ruleset_add_text(&f->rs, yaml, strlen(yaml), "t.yaml", &d), 0);
	assert_int_equal(ruleset_compile(&f->rs, &d), -1);
	classifier_init(&f->c, &f->rs);
	f->ready = 1;
	run(f, "(hello");
	assert_int_equal(f->v.nhits, 1);
	assert_int_equal(f->v.hits[0].rule, 0);
	assert_int_equal(f->v.match_errors, 0);
}

static void test_empty_ruleset(void **state)
{
	struct fix *f = *state;

	rules(f, "rules: []\n");
	run(f, "anything at all");
	assert_int_equal(f->v.label, LABEL_NEUTRAL);
	assert_int_equal(f->v.nhits, 0);
}

/* Where each kind of forward or reply header starts the quoted mail. */
static void test_quoted_from_headers(void **state)
{
	struct fix *f = *state;
	static const struct {
		const char *s;
		size_t at;	/* 0: no quoted mail */
	} cases[] = {
		{ "Thanks. -----Original Message----- From: A Sent: Monday", 8 },
		{ "fyi ---------------------- Forwarded by A/HOU on 08/21/2000", 4 },
		{ "fyi\n----- Forwarded by A on 03/29/2001 08:05 AM -----", 4 },
		{ "See below. From: Kohli, S\nSent: Wednesday, June 27", 11 },
		{ "I'm checking. Ricardo 03/12/2001 01:00 PM To: Steven cc: Subject: x", 22 },
		{ "Fine by me. 3/9/01 9:05:12 am\nTo: all", 12 },
		{ "Go ahead. From: A Smith on 04/25/2001 04:53 PM To: B cc: Subject: x", 10 },
		{ "OK From: A/HOU on 4/5/01 9:05 AM Sent by: B To: C", 3 },
		{ "Agreed. On Monday, Bob wrote: we need it", 23 },
		{ "-----Original Message----- From: A Sent: B the whole mail", 0 },
		{ "Meeting moved to 04/19/2001 05:18 PM, no one to ask", 0 },
		{ "Mail from: the client, sent on Monday", 0 },
		{ "Bullet points - - - and a dash --- Original plan", 0 },
		{ "", 0 },
	};
	size_t i;

	rules(f, basic);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = strlen(cases[i].s);
		char *p = malloc(len ? len : 1);

		assert_non_null(p);
		memcpy(p, cases[i].s, len);
		if (classify_quoted_from(&f->c, p, len) != (cases[i].at ? cases[i].at : len))
			fail_msg("case %zu: \"%s\": got %zu, want %zu", i, cases[i].s,
				 classify_quoted_from(&f->c, p, len), cases[i].at ? cases[i].at : len);
		free(p);
	}
}

/* A rule whose first match lies in the quoted mail adds part of its weight. */
static void test_quoted_mail_counts_less(void **state)
{
	struct fix *f = *state;

	rules(f, basic);
	/* the author's football (1) and kids (0.5); the price (2) is quoted */
	run(f, "Football with the kids on Sunday? -----Original Message----- "
	       "From: A Sent: Monday The price is fine.");
	assert_int_equal(f->v.nhits, 3);
	assert_true(f->v.score[CAT_SOCIAL] == 1.5);
	assert_true(f->v.score[CAT_BUSINESS] == 2 * CLASSIFY_QUOTED_WEIGHT);
	assert_int_equal(f->v.label, CLASSIFY_QUOTED_WEIGHT * 2 >= CLASSIFY_MIXED_RATIO * 1.5
			 ? LABEL_MIXED : LABEL_SOCIAL);
	assert_true(CLASSIFY_QUOTED_WEIGHT > 0 && CLASSIFY_QUOTED_WEIGHT < 1);

	/* a rule that also matches the author's words counts in full */
	run(f, "Is the price right? Bob wrote: the price, the match and the invoice");
	assert_true(f->v.score[CAT_BUSINESS] == 2 + 1 * CLASSIFY_QUOTED_WEIGHT);
	assert_true(f->v.score[CAT_SOCIAL] == 1 * CLASSIFY_QUOTED_WEIGHT);
	assert_int_equal(f->v.label, LABEL_BUSINESS);

	/* nothing of the author's before the header: all of it counts */
	run(f, "---------- Forwarded by A on 04/10/2001 ---------- The price and the kids");
	assert_true(f->v.score[CAT_BUSINESS] == 2);
	assert_true(f->v.score[CAT_SOCIAL] == 0.5);

	/* no header: unchanged */
	run(f, "The price of the football match");
	assert_true(f->v.score[CAT_BUSINESS] == 2);
	assert_true(f->v.score[CAT_SOCIAL] == 1);
}

/* Under a covering line, the pasted mail's social rules add less again. */
static void test_covering_line(void **state)
{
	struct fix *f = *state;
	const double q = CLASSIFY_QUOTED_WEIGHT, cs = CLASSIFY_QUOTED_WEIGHT * CLASSIFY_COVERED_SOCIAL;

	assert_true(CLASSIFY_COVERED_SOCIAL > 0 && CLASSIFY_COVERED_SOCIAL < 1);
	assert_true(CLASSIFY_COVER_WORDS >= 1);
	rules(f, basic);
	/* "fyi" over a mail: the football and kids are the mail's writer's */
	run(f, "fyi -----Original Message----- From: A Sent: Monday "
	       "The football with the kids, and the price");
	assert_int_equal(f->v.nhits, 3);
	assert_true(f->v.score[CAT_BUSINESS] == 2 * q);
	assert_true(fabs(f->v.score[CAT_SOCIAL] - 1.5 * cs) < 1e-9);
	assert_int_equal(f->v.label, LABEL_BUSINESS);

	/* a social word in the covering line: the mail is taken up */
	run(f, "fyi, the match! -----Original Message----- From: A Sent: Monday "
	       "The kids, and the price");
	assert_true(f->v.score[CAT_SOCIAL] == 1 + 0.5 * q);
	assert_true(f->v.score[CAT_BUSINESS] == 2 * q);

	/* more words than a covering line: quoted weight as before */
	assert_true(CLASSIFY_COVER_WORDS < 7);
	run(f, "See what they say about Sunday below. -----Original Message----- "
	       "From: A Sent: Monday The football with the kids, and the price");
	assert_true(f->v.score[CAT_SOCIAL] == 1.5 * q);
	assert_true(f->v.score[CAT_BUSINESS] == 2 * q);

	/* no words of the author's at all: counts in full, as before */
	run(f, "-----Original Message----- From: A Sent: Monday The football and the price");
	assert_true(f->v.score[CAT_SOCIAL] == 1);
	assert_true(f->v.score[CAT_BUSINESS] == 2);

	/* a dash is no word */
	run(f, "-- -----Original Message----- From: A Sent: Monday The football and the price");
	assert_true(f->v.score[CAT_SOCIAL] == 1 * q);
}

/* A social/food rule in a sentence with a business match adds less. */
static const char meals[] =
	"rules:\n"
	"  - {id: s.meals, category: social, topic: food, pattern: '\\b(?:dinner|breakfast)\\b'}\n"
	"  - {id: s.sports, category: social, topic: sports, pattern: '\\bfootball\\b'}\n"
	"  - {id: b.price, category: business, topic: pricing, pattern: '\\bprice\\b', weight: 2}\n"
	"  - {id: b.conf, category: business, topic: projects, pattern: '\\bconference\\b'}\n";

static void test_work_meal(void **state)
{
	struct fix *f = *state;
	const double m = CLASSIFY_WORK_MEAL, q = CLASSIFY_QUOTED_WEIGHT;

	assert_true(CLASSIFY_WORK_MEAL > 0 && CLASSIFY_WORK_MEAL < 1);
	rules(f, meals);
	/* breakfast and the conference in one sentence: a meal at work */
	run(f, "Breakfast at the hotel before the conference.");
	assert_int_equal(f->v.nhits, 2);
	assert_true(f->v.hits[0].work_meal);
	assert_true(fabs(f->v.score[CAT_SOCIAL] - m) < 1e-9);
	assert_true(f->v.score[CAT_BUSINESS] == 1);
	assert_int_equal(f->v.label, LABEL_BUSINESS);

	/* other sentences, or a turn of a dialogue: full weight */
	run(f, "The conference ran late. Then dinner with the kids!");
	assert_false(f->v.hits[0].work_meal);
	assert_true(f->v.score[CAT_SOCIAL] == 1);
	run(f, "Dinner tonight? | Sure, after the conference");
	assert_true(f->v.score[CAT_SOCIAL] == 1);

	/* only the food topic: football beside the price counts in full */
	run(f, "The price of the football tickets and the dinner.");
	assert_false(f->v.hits[1].work_meal);
	assert_true(f->v.hits[0].work_meal);
	assert_true(fabs(f->v.score[CAT_SOCIAL] - (1 + m)) < 1e-9);

	/* the business rule's first match elsewhere still counts here */
	run(f, "The price is set. Dinner, and the price again.");
	assert_true(fabs(f->v.score[CAT_SOCIAL] - m) < 1e-9);

	/* with quoted mail: both shares */
	run(f, "Looks fine to me, thanks a lot. -----Original Message----- From: A Sent: Monday "
	       "Dinner at the conference.");
	assert_true(fabs(f->v.score[CAT_SOCIAL] - q * m) < 1e-9);
	assert_true(f->v.score[CAT_BUSINESS] == q);
}

/* A mail header's recipient list is blanked before the rules run. */
static void test_recipients_blanked(void **state)
{
	struct fix *f = *state;
	const double q = CLASSIFY_QUOTED_WEIGHT;
	char *p;

	rules(f, basic);
	/* a colleague named Kids on the cc line is not family talk */
	run(f, "See the price below. Ann Lee 04/10/2001 09:12 AM To: Bob Match/HOU@ECT\n"
	       "cc: Joe Kids/HOU@ECT\nSubject: the invoice");
	assert_int_equal(f->v.nhits, 2);
	assert_int_equal(f->v.hits[0].rule, rule_no(f, "b.price"));
	assert_int_equal(f->v.hits[1].rule, rule_no(f, "b.invoice"));
	assert_true(f->v.score[CAT_SOCIAL] == 0);
	assert_true(f->v.score[CAT_BUSINESS] == 2 + q);

	/* a rule that also matches outside the list still counts, where it does */
	run(f, "To: the kids Subject: the kids and the price");
	assert_int_equal(f->v.nhits, 2);
	assert_int_equal(f->v.hits[0].rule, rule_no(f, "s.family"));
	assert_int_equal(f->v.hits[0].off, strlen("To: the kids Subject: the "));

	/* no "Subject:", one too far away, or written otherwise: kept */
	run(f, "To: the kids, about the football");
	assert_true(f->v.score[CAT_SOCIAL] == 1.5);
	p = calloc(1, CLASSIFY_RECIPIENTS + 64);
	assert_non_null(p);
	memcpy(p, "To: the kids", 12);
	memset(p + 12, ' ', CLASSIFY_RECIPIENTS);
	memcpy(p + 12 + CLASSIFY_RECIPIENTS, " Subject: y", 11);
	run(f, p);
	free(p);
	assert_true(f->v.score[CAT_SOCIAL] == 0.5);
	run(f, "Talk to: the kids. The subject: football");
	assert_true(f->v.score[CAT_SOCIAL] == 1.5);
	run(f, "MailTo: the kids Subject: none");
	assert_true(f->v.score[CAT_SOCIAL] == 0.5);

	/* each list up to its own "Subject:", line ends kept */
	run(f, "To: a match\nSubject: x\nthe kids\nTo: the\nkids Subject: y");
	assert_int_equal(f->v.nhits, 1);
	assert_int_equal(f->v.hits[0].off, strlen("To: a match\nSubject: x\nthe "));
}

/* In a passage that holds a mail header, weak rules add less. */
static const char weak[] =
	"rules:\n"
	"  - {id: s.chat, category: social, topic: friends, pattern: '\\bit''s\\b', weight: 0.3}\n"
	"  - {id: s.kids, category: social, topic: family, pattern: '\\bkids\\b', weight: 0.5}\n"
	"  - {id: b.phone, category: business, topic: scheduling, pattern: '\\d{3}-\\d{4}', weight: 0.3}\n"
	"  - {id: b.price, category: business, topic: pricing, pattern: '\\bprice\\b'}\n";

static void test_weak_in_mail(void **state)
{
	struct fix *f = *state;
	const double q = CLASSIFY_QUOTED_WEIGHT, m = CLASSIFY_MAIL_WEAK;

	assert_true(CLASSIFY_MAIL_WEAK > 0 && CLASSIFY_MAIL_WEAK < 1);
	assert_true(CLASSIFY_WEAK > 0.3 && CLASSIFY_WEAK <= 0.5);
	rules(f, weak);
	/* no header: weak rules count as they are, beside topical evidence
	 * of their own category; alone they count nothing */
	run(f, "It's the kids, call 555-1234");
	assert_true(fabs(f->v.score[CAT_SOCIAL] - 0.8) < 1e-9);
	assert_true(f->v.score[CAT_BUSINESS] == 0);
	assert_int_equal(f->v.label, LABEL_SOCIAL);
	run(f, "The price, call 555-1234");
	assert_true(fabs(f->v.score[CAT_BUSINESS] - 1.3) < 1e-9);

	/* the author's words over a mail: weak rules less, wherever they match */
	run(f, "It's fine, the kids agree. -----Original Message----- From: A Sent: Monday "
	       "The price, call 555-1234");
	assert_true(fabs(f->v.score[CAT_SOCIAL] - (0.3 * m + 0.5)) < 1e-9);
	assert_true(fabs(f->v.score[CAT_BUSINESS] - (q + 0.3 * m * q)) < 1e-9);

	/* a passage that is all pasted mail holds a header too */
	run(f, "-----Original Message----- From: A Sent: Monday It's the kids' price");
	assert_true(fabs(f->v.score[CAT_SOCIAL] - (0.3 * m + 0.5)) < 1e-9);
	assert_true(f->v.score[CAT_BUSINESS] == 1);
	assert_int_equal(f->v.label, LABEL_MIXED);
}

/* Markers (rules under CLASSIFY_WEAK) tip topical evidence of their own
 * category, up to CLASSIFY_MARKERS in all, and never stand alone. */
static const char markers[] =
	"rules:\n"
	"  - {id: s.oh, category: social, topic: gossip, pattern: '\\boh\\b', weight: 0.3}\n"
	"  - {id: s.yeah, category: social, topic: gossip, pattern: '\\byeah\\b', weight: 0.3}\n"
	"  - {id: s.its, category: social, topic: friends, pattern: '\\bit''s\\b', weight: 0.3}\n"
	"  - {id: s.kids, category: social, topic: family, pattern: '\\bkids\\b'}\n"
	"  - {id: b.price, category: business, topic: pricing, pattern: '\\bprice\\b'}\n";

static void test_markers_tip(void **state)
{
	struct fix *f = *state;

	rules(f, markers);
	run(f, "oh yeah it's fine");
	assert_int_equal(f->v.nhits, 3);
	assert_true(f->v.score[CAT_SOCIAL] == 0 && f->v.score[CAT_BUSINESS] == 0);
	assert_int_equal(f->v.label, LABEL_NEUTRAL);

	run(f, "oh yeah it's the kids");
	assert_true(CLASSIFY_MARKERS < 0.9);
	assert_true(fabs(f->v.score[CAT_SOCIAL] - (1 + CLASSIFY_MARKERS)) < 1e-9);
	assert_int_equal(f->v.label, LABEL_SOCIAL);

	run(f, "oh yeah it's the price");
	assert_true(f->v.score[CAT_SOCIAL] == 0 && f->v.score[CAT_BUSINESS] == 1);
	assert_int_equal(f->v.label, LABEL_BUSINESS);
}

/* In verbatim speech (CLASSIFY_SPEECH_FILLERS fillers) no marker counts,
 * and a social word in a work sentence counts CLASSIFY_WORK_MEAL. */
static const char speech[] =
	"rules:\n"
	"  - {id: s.oh, category: social, topic: gossip, pattern: '\\boh\\b', weight: 0.3}\n"
	"  - {id: s.fruit, category: social, topic: hobbies, pattern: '\\bfruit\\b'}\n"
	"  - {id: b.design, category: business, topic: deliverables, pattern: '\\bdesign\\b', weight: 0.5}\n";

static void test_speech(void **state)
{
	struct fix *f = *state;

	assert_int_equal(CLASSIFY_SPEECH_FILLERS, 2);
	rules(f, speech);
	run(f, "oh the fruit. A design.");
	assert_true(fabs(f->v.score[CAT_SOCIAL] - 1.3) < 1e-9);
	run(f, "um, oh the fruit. Uh, a design.");
	assert_true(f->v.score[CAT_SOCIAL] == 1);
	assert_int_equal(f->v.label, LABEL_MIXED);	/* 0.5 is half of 1 */
	run(f, "um, oh the fruit design | uh yeah");
	assert_true(fabs(f->v.score[CAT_SOCIAL] - CLASSIFY_WORK_MEAL) < 1e-9);
	assert_true(f->v.score[CAT_BUSINESS] == 0.5);
	/* one filler is no transcript; "umbrella" and "human" are none */
	run(f, "um, oh the fruit design, umbrella, human");
	assert_true(fabs(f->v.score[CAT_SOCIAL] - 1.3) < 1e-9);
}

/* What one thread found: the hits of each text, as "rule@off+len;". */
struct sharer {
	struct classifier *c;
	const char *const *texts;
	size_t ntexts;
	int rounds;
	struct buf out;
};

static void describe(const struct verdict *v, struct buf *out)
{
	char tmp[64];
	size_t i;

	for (i = 0; i < v->nhits; i++) {
		snprintf(tmp, sizeof(tmp), "%u@%zu+%zu;", v->hits[i].rule, v->hits[i].off,
			 v->hits[i].len);
		buf_adds(out, tmp);
	}
	snprintf(tmp, sizeof(tmp), "%d/%u\n", (int)v->label, v->match_errors);
	buf_adds(out, tmp);
}

static void *share_run(void *arg)
{
	struct sharer *sh = arg;
	struct verdict v;
	size_t i;
	int k;

	verdict_init(&v);
	for (k = 0; k < sh->rounds; k++)
		for (i = 0; i < sh->ntexts; i++) {
			classifier_begin_note(sh->c);
			classify(sh->c, sh->texts[i], strlen(sh->texts[i]), &v);
			describe(&v, &sh->out);
		}
	verdict_release(&v);
	return NULL;
}

/* Classifiers sharing compiled code, on threads of their own, find what
 * one classifier alone does; the code outlives the classifier it was made
 * for. */
static void test_shared_code(void **state)
{
	struct fix *f = *state;
	static const char *const texts[] = {
		"The kids loved the football match.",
		"Sent the invoice with the new price; the kids were there.",
		"Could you refer us to your neighbour? -----Original Message----- the price",
		"nothing to see here",
		"PRICE, Kids, INVOICE and a referral",
	};
	struct classifier alone, b, c;
	struct sharer sh[3];
	pthread_t th[3];
	struct buf want = BUF_INIT;
	size_t i;

	rules(f, basic);
	classifier_init(&alone, &f->rs);
	sh[0].c = &alone;
	sh[0].texts = texts;
	sh[0].ntexts = sizeof(texts) / sizeof(texts[0]);
	sh[0].rounds = 1;
	buf_init(&sh[0].out);
	share_run(&sh[0]);
	for (i = 0; i < 20; i++)
		buf_add(&want, sh[0].out.ptr, sh[0].out.len);
	buf_release(&sh[0].out);
	classifier_release(&alone);

	classifier_init(&b, &f->rs);
	classifier_init(&c, &f->rs);
	classifier_share(&b, &f->c);
	classifier_share(&c, &b);
	for (i = 0; i < 3; i++) {
		sh[i].c = i == 0 ? &f->c : i == 1 ? &b : &c;
		sh[i].texts = texts;
		sh[i].ntexts = sizeof(texts) / sizeof(texts[0]);
		sh[i].rounds = 20;
		buf_init(&sh[i].out);
		assert_int_equal(pthread_create(&th[i], NULL, share_run, &sh[i]), 0);
	}
	for (i = 0; i < 3; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_string_equal(sh[i].out.ptr, want.ptr);
		buf_release(&sh[i].out);
	}
	/* the first classifier goes; the others keep the code */
	classifier_release(&f->c);
	f->ready = 0;
	buf_init(&sh[1].out);
	sh[1].rounds = 1;
	share_run(&sh[1]);
	assert_memory_equal(sh[1].out.ptr, want.ptr, sh[1].out.len);
	buf_release(&sh[1].out);
	classifier_release(&b);
	buf_init(&sh[2].out);
	sh[2].rounds = 1;
	share_run(&sh[2]);
	assert_memory_equal(sh[2].out.ptr, want.ptr, sh[2].out.len);
	buf_release(&sh[2].out);
	classifier_release(&c);
	buf_release(&want);
}

/* Sharing code shares no budget: each classifier counts its own steps. */
static void test_shared_code_own_budget(void **state)
{
	struct fix *f = *state;
	struct classifier b;
	struct limits l = limits_default;
	struct buf t = BUF_INIT;
	int i;

	rules(f, "rules:\n  - {id: evil, category: social, topic: t, pattern: '(a+)+$'}\n"
		 "  - {id: b, category: business, topic: t, pattern: 'b'}\n");
	classifier_init(&b, &f->rs);
	classifier_share(&b, &f->c);
	l.regex_budget = 1000000;
	classifier_set_limits(&f->c, &l);
	classifier_set_limits(&b, &l);
	for (i = 0; i < 100; i++) {
		buf_addrep(&t, 'a', 19);
		buf_adds(&t, "b");
	}
	classifier_begin_note(&f->c);
	classify(&f->c, t.ptr, t.len, &f->v);
	assert_true(f->v.budget_out);
	run(f, "b");
	assert_int_equal(f->v.nhits, 0);	/* spent */
	classifier_begin_note(&b);
	classify(&b, "b", 1, &f->v);
	assert_int_equal(f->v.nhits, 1);	/* not this one's budget */
	assert_int_equal(f->v.match_errors, 0);
	classifier_release(&b);
	buf_release(&t);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_label_thresholds),
		T(test_neutral),
		T(test_weight_once_per_rule),
		T(test_hits_in_rule_order),
		T(test_labels_from_rules),
		T(test_verdict_reset_between_passages),
		T(test_referral_flag),
		T(test_social_referral_is_not_a_referral),
		T(test_caseless_utf_ucp),
		T(test_crlf_newlines),
		T(test_match_limit),
		T(test_uncompiled_rules_skipped),
		T(test_empty_ruleset),
		T(test_quoted_from_headers),
		T(test_quoted_mail_counts_less),
		T(test_covering_line),
		T(test_work_meal),
		T(test_recipients_blanked),
		T(test_weak_in_mail),
		T(test_markers_tip),
		T(test_speech),
		T(test_shared_code),
		T(test_shared_code_own_budget),
	};

	return cmocka_run_group_tests_name("classify", tests, NULL, NULL);
}
