/*
 * Unit tests for prefilter.c (the combined scan) and the matching loop of
 * classify.c: classifying through the prefilter must give exactly what
 * running every rule's own regex gives -- the same rules, at the same
 * first-match offsets -- on varied text and patterns (lookarounds,
 * alternations, anchors, \b next to non-ASCII letters, empty matches,
 * syntax the prefilter does not read).  Also the limits of the loop:
 * the passage cap, the regex budget, the JIT stack.
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
#include "classify.h"
#include "diag.h"
#include "limits.h"
#include "literal.h"
#include "prefilter.h"
#include "rules.h"
#include "rules_file.h"

static const char *const patterns[] = {
	"\\bkids?\\b",
	"\\b(?:her|his|my) (?:mum|mom|dad|parents)\\b",
	"\\binvoice(?:s|d)?\\b(?! template)",
	"(?<!pre-)\\bpayment\\b",
	"(?<=\\bthe )contract",
	"^todo\\b",
	"(?m)^- \\[ \\]",
	"done$",
	"\\bcaf\xC3\xA9\\b",
	"\\b\xC3\xA9t\xC3\xA9\\b",
	"na\xC3\xAFve|naive",
	"\\bsk\\w+",
	"\\bso[nN]s?\\b",
	"a*",
	"\\b",
	"(?=x)",
	"x?y?",
	"[''\xE2\x80\x99]s\\b",
	"[a-c]{2,}d",
	"\\d+ ?%",
	"(?i:GOLF|tennis)\\s+(?:club|match)",
	"(?:foo|bar)+baz",
	"(?>ab|a)c",
	"(?<name>wed)ding\\k<name>?",
	"(\\w)\\1",
	"(?x) h e l l o",
	"\\Qa.b\\E",
	"(*UCP)\\bend\\b",
	"x{0}golf",
	"re(?#comment)view",
	"chat(?#one)?ter",
	"gol(?#a)(?#b){2}ff",
	"sp(?#x)+in",
	"tea?(?#lazy)?m|dre(?#x)*am",
	"\\p{Lu}\\p{Ll}+ship",
	"[^a-z]lunch",
	"\\.pdf\\b",
	"meet(?:ing)?s?|call",
	"(?|(a)|(b))c",
	"\\bk",
	"sun",
	"\\Bing\\b",
	"\\N{U+0041}",
	"[[:digit:]]q",
	"(?:very ){2}good",
	"birthday|anniversary|wedding|funeral|christening|graduation|retirement",
	"\\(?\\d{3}\\)? ?\\d{3}-\\d{4}",
	"[$\xE2\x82\xAC\xC2\xA3]\\s?\\d+(?:k|m)?",
	"\\d+ ?(?:degrees|\xC2\xB0) ?c\\b",
	"don[''\xE2\x80\x99]t know",
	"\\bx\\.? ?\\d{4,5}\\b",
	"\xF0\x9F\x8E\x89|party",
	"\\d{2,}%",
	"\xC2\xB5g\\b",
	"[\\d]{2}:[0-5]\\d",
	/* as dic.c writes a dictionary's category */
	"(?<!\\w)(?:work|money\\w*|the\\w*)(?!\\w)",
	"(?<!\\w)(?:\xC3\xBC" "ber\\w*|kid|\\:\\)|don['\xE2\x80\x99]t\\s+know)(?!\\w)",
	"(?:(?<!\\w)|x)sun(?!\\w)?",
	"(?=(?<!\\w))end|(?<!\\w){0}ing",
};

static const char *const texts[] = {
	"",
	"Her kids are great",
	"KIDS KID kidding",
	"his dad, my mum and her parents",
	"The invoice template is attached, invoices sent",
	"pre-payment and payment",
	"signed the contract; a contract",
	"todo: write\ntodo",
	"- [ ] first\r\n- [ ] second",
	"all done",
	"un caf\xC3\xA9 au lait, caf\xC3\xA9s",
	"l'\xC3\xA9t\xC3\xA9 dernier, \xC3\x89T\xC3\x89",
	"na\xC3\xAFve NAIVE",
	"skiing and \xE2\x84\xAAids (kelvin) and \xC5\xBFons (long s)",
	"Sons of the SON",
	"xyz",
	"it's Tom\xE2\x80\x99s dog",
	"aabbd abd cd",
	"up 12 % and 5%",
	"golf  club, TENNIS\tmatch",
	"foobarbaz bazfoo",
	"abc ac",
	"wedding weddingwed",
	"aa bb",
	"hello h e l l o",
	"a.b axb",
	"the end.",
	"golf",
	"review re view",
	"chater",
	"golff gollff",
	"spin sppppin",
	"tem a drm",
	"Friendship \xC3\x89lanship",
	"1lunch alunch",
	"report.pdf and pdf",
	"meetings, a call",
	"ac bc cc",
	"king",
	"sunny",
	"singing sing",
	"A",
	"7q",
	"very very good",
	"a wedding and a funeral",
	"\xCE\x9A\xCE\x91\xCE\x9B\xCE\x97 kid \xCE\xBA\xCE\xB9\xCE\xB4",
	"skid kid_ kid9 _kid 9kid",
	"\xC3\xA9kid kid\xC3\xA9 \xC3\xA9kids\xC3\xA9",
	"kid",
	"(kid)",
	"golfclub golf-club",
	"call (555) 123-4567 or \xD9\xA5\xD9\xA5\xD9\xA5-\xD9\xA1\xD9\xA2\xD9\xA3\xD9\xA4",
	"\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93 degrees C and \xEF\xBC\x93\xC2\xB0" "c",
	"it costs \xE2\x82\xAC" "40k, \xC2\xA3 12 and $7",
	"30\xC2\xB0 C outside, 25 degrees c",
	"I don\xE2\x80\x99t know, don't KNOW",
	"x 1234, ext. X.55555, x12",
	"\xF0\x9F\x8E\x89 PARTY",
	"up 50% and \xD9\xA5\xD9\xA5%",
	"5 \xC2\xB5g and 5 \xCE\xBCg and 5 \xCE\x9CG",
	"at 10:30 or \xD9\xA1\xD9\xA2:30",
	/* digits of other scripts alone: only \\d finds them */
	"tel. \xD9\xA5\xD9\xA5\xD9\xA5 \xD9\xA1\xD9\xA2\xD9\xA3-\xD9\xA4\xD9\xA5\xD9\xA6\xD9\xA7",
	"\xEF\xBC\x91\xEF\xBC\x92% more",
	"\xE0\xA5\xA9\xC2\xB0" "c",
	"\xD9\xA1\xD9\xA2:30",
	"other mother_ the Theory (the) 9the the9 work-money",
	"\xC3\xBC" "the \xC3\xBC" "ber-the \xC3\x9C" "BERALL kid:) \xC3\xA9kid",
	"xsun sunx sun_ (sun) sending",
};

#define NPAT (sizeof(patterns) / sizeof(patterns[0]))
#define NTEXT (sizeof(texts) / sizeof(texts[0]))

struct fix {
	struct ruleset rs;
	struct classifier c;
	struct verdict v;
	pcre2_match_data *md;
};

static void yaml_rules(struct buf *y, const char *const *pats, size_t n)
{
	size_t i;

	buf_adds(y, "rules:\n");
	for (i = 0; i < n; i++) {
		const char *p;

		buf_addf(y, "  - id: r%zu\n    category: %s\n    topic: t%zu\n    pattern: '",
			 i, i % 2 ? "social" : "business", i % 5);
		for (p = pats[i]; *p; p++) {
			if (*p == '\'')
				buf_adds(y, "''");
			else
				buf_add(y, p, 1);
		}
		buf_adds(y, "'\n");
	}
}

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct buf y = BUF_INIT;
	struct diag d;

	if (!f)
		return -1;
	ruleset_init(&f->rs);
	verdict_init(&f->v);
	yaml_rules(&y, patterns, NPAT);
	diag_init(&d, stderr);
	if (ruleset_add_text(&f->rs, y.ptr, y.len, "t.yaml", &d) < 0 ||
	    ruleset_compile(&f->rs, &d) < 0)
		return -1;
	buf_release(&y);
	classifier_init(&f->c, &f->rs);
	f->md = pcre2_match_data_create(1, NULL);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;

	classifier_release(&f->c);
	verdict_release(&f->v);
	ruleset_release(&f->rs);
	pcre2_match_data_free(f->md);
	free(f);
	return 0;
}

/* Classifies s (copied to a buffer of its exact length) and checks the hits
 * against every rule run on its own. */
static void compare(struct fix *f, const char *s, size_t len)
{
	char *p = malloc(len ? len : 1);
	size_t i, h = 0;

	assert_non_null(p);
	memcpy(p, s, len);
	classifier_begin_note(&f->c);
	classify(&f->c, p, len, &f->v);
	assert_int_equal(f->v.match_errors, 0);
	for (i = 0; i < f->rs.n; i++) {
		int rc = pcre2_match(f->rs.v[i].re, (PCRE2_SPTR)p, len, 0, PCRE2_NO_UTF_CHECK,
				     f->md, NULL);
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(f->md);

		assert_true(rc >= 0 || rc == PCRE2_ERROR_NOMATCH);
		if (rc < 0)
			continue;
		if (h >= f->v.nhits || f->v.hits[h].rule != i)
			fail_msg("rule %zu /%s/ matches '%.*s' but was not found", i,
				 f->rs.v[i].pattern, (int)len, s);
		assert_int_equal(f->v.hits[h].off, ov[0]);
		assert_int_equal(f->v.hits[h].len, ov[1] - ov[0]);
		h++;
	}
	assert_int_equal(h, f->v.nhits);
	free(p);
}

static void test_same_as_every_rule(void **state)
{
	struct fix *f = *state;
	size_t i;

	for (i = 0; i < NTEXT; i++)
		compare(f, texts[i], strlen(texts[i]));
}

/* Texts glued from pieces of the patterns and other text, many times. */
static void test_same_on_random_text(void **state)
{
	static const char *const piece[] = {
		"kid", "s", " ", "her ", "mum", "invoice", " template", "pre-", "payment",
		"the ", "contract", "todo", "\n", "\r\n", "- [ ] ", "done", "caf\xC3\xA9",
		"\xC3\xA9t\xC3\xA9", "na\xC3\xAFve", "sk", "ing", "a", "b", "c", "d", "x",
		"y", "'", "\xE2\x80\x99", "12", "%", "GOLF", "club", "foo", "bar", "baz",
		"wed", "ding", "hello", "end", "review", "Ship", "lunch", ".pdf", "meeting",
		"call", "\xE2\x84\xAA", "\xC5\xBF", "sun", "very ", "good", "wedding", "7q",
		"\xCE\xBA", "A", "\t", ".", "_", "9", "\xC3\xA9", "-", "555", "(", ")",
		"\xD9\xA5", "\xEF\xBC\x91", "$", "\xE2\x82\xAC", "\xC2\xB0", "degrees",
		"\xF0\x9F\x8E\x89", "\xC2\xB5", "\xCE\xBC", "g", "x", "don", "t know", ":",
		"the", "o", "work", "money", "\xC3\xBC" "ber", "\xC3\xBC", ":)",
	};
	struct fix *f = *state;
	struct buf t = BUF_INIT;
	uint32_t seed = 12345;
	int n;

	for (n = 0; n < 800; n++) {
		int k, parts;

		buf_reset(&t);
		seed = seed * 1103515245u + 12345u;
		parts = (int)(seed >> 16) % 12;
		for (k = 0; k < parts; k++) {
			seed = seed * 1103515245u + 12345u;
			buf_adds(&t, piece[(seed >> 16) % (sizeof(piece) / sizeof(piece[0]))]);
		}
		compare(f, t.ptr, t.len);
	}
	buf_release(&t);
}

static void limit_rules(struct ruleset *rs, struct classifier *c, const char *yaml);

/* What the prefilter reads from a pattern. */
static size_t lits(const char *pat, char *out, size_t cap)
{
	size_t len = 0;

	memset(out, 0, cap);
	return literal_strings(pat, strlen(pat), out, cap, &len);
}

static void test_literals(void **state)
{
	char out[512];

	(void)state;
	assert_int_equal(lits("\\bkids?\\b", out, sizeof(out)), 2);
	/* \1 marks a word boundary */
	assert_string_equal(out, "\1kids\1");
	assert_string_equal(out + 7, "\1kid\1");
	assert_int_equal(lits("Invoice(?! template)", out, sizeof(out)), 1);
	assert_string_equal(out, "invoice");
	assert_int_equal(lits("[Aa]b|C", out, sizeof(out)), 2);
	assert_string_equal(out, "ab");
	assert_string_equal(out + 3, "c");
	/* a piece that may be empty is no literal; the best of the rest is kept */
	assert_int_equal(lits("\\d+ (?:days?|weeks?)", out, sizeof(out)), 4);
	/* runs of exact pieces between the others are joined */
	assert_int_equal(lits("r[e\xC3\xA9]sum[e\xC3\xA9]", out, sizeof(out)), 1);
	assert_string_equal(out, "sum");
	assert_int_equal(lits("caf\xC3\xA9", out, sizeof(out)), 1);
	assert_string_equal(out, "caf");
	/* no literal: every passage is a candidate */
	assert_int_equal(lits("a*", out, sizeof(out)), 0);
	assert_int_equal(lits("\\b", out, sizeof(out)), 0);
	assert_int_equal(lits("x?y?", out, sizeof(out)), 0);
	assert_int_equal(lits("(?x) a b", out, sizeof(out)), 0);
	assert_int_equal(lits("(\\w)\\1", out, sizeof(out)), 0);
	assert_int_equal(lits("\\Qab\\E", out, sizeof(out)), 0);
	assert_int_equal(lits("(*UCP)ab", out, sizeof(out)), 0);
	assert_int_equal(lits("a|", out, sizeof(out)), 0);
	/* digits are folded to '0'; x{n} repeats; x{n,} and x+ are prefixes */
	assert_int_equal(lits("\\d{3}-[0-9]{4}", out, sizeof(out)), 1);
	assert_string_equal(out, "000-0000");
	assert_int_equal(lits("x\\d{2,}y", out, sizeof(out)), 1);
	assert_string_equal(out, "x00");
	/* non-ASCII characters with no other case are literals; letters not */
	assert_int_equal(lits("[$\xE2\x82\xAC]\\d+", out, sizeof(out)), 2);
	assert_string_equal(out, "$0");
	assert_string_equal(out + 3, "\xE2\x82\xAC" "0");
	assert_int_equal(lits("\xC2\xB5g", out, sizeof(out)), 1);
	assert_string_equal(out, "g");
	/* the rarer string wins: "$" over "x" */
	assert_int_equal(lits("x\\w+\\$", out, sizeof(out)), 1);
	assert_string_equal(out, "$");
	assert_int_equal(lits("x{,3}", out, sizeof(out)), 0);
	/* a quantifier after a (?#...) comment applies to the item before
	 * it, as in PCRE2; a '?' or '+' after one makes the quantifier
	 * before it lazy or possessive */
	assert_int_equal(lits("chat(?#x)?ter", out, sizeof(out)), 2);
	assert_string_equal(out, "chatter");
	assert_string_equal(out + 8, "chater");
	assert_int_equal(lits("chat(?#x)(?#y){2}er", out, sizeof(out)), 1);
	assert_string_equal(out, "chatter");
	assert_int_equal(lits("chat(?#x)*ter", out, sizeof(out)), 1);
	assert_string_equal(out, "cha");
	assert_int_equal(lits("ab?(?#x)?c", out, sizeof(out)), 2);
	assert_string_equal(out, "abc");
	assert_string_equal(out + 4, "ac");
	assert_int_equal(lits("re(?#x)view", out, sizeof(out)), 1);
	assert_string_equal(out, "review");
	/* "{x}" after a comment is literal for PCRE2: not read */
	assert_int_equal(lits("ab(?#x){x}", out, sizeof(out)), 0);
	/* "[:" opens a POSIX class only when ":]" closes it before any ']':
	 * else the class ends at the first ']' and the empty branch after it
	 * matches anywhere, as PCRE2 reads it */
	assert_int_equal(lits("[[:alph]ab|", out, sizeof(out)), 0);
	assert_int_equal(lits("x[:\xbc]yz|||:]q", out, sizeof(out)), 0);
	assert_int_equal(lits("[[:alpha:]]ab", out, sizeof(out)), 1);
	assert_string_equal(out, "ab");
	assert_int_equal(lits("[[:x]y]ab", out, sizeof(out)), 3);	/* [[:x] y]ab */
	assert_string_equal(out, ":y]ab");
	assert_string_equal(out + 6, "[y]ab");
	/* (?<!\\w) and (?!\\w) are read as \\b; the strings a required
	 * piece's matches start with are joined to the run before it */
	assert_int_equal(lits("(?<!\\w)(?:work|money\\w*|the\\w*)(?!\\w)", out, sizeof(out)), 3);
	assert_string_equal(out, "\1work");
	assert_string_equal(out + 6, "\1money");
	assert_string_equal(out + 13, "\1the");
	assert_int_equal(lits("(?<!\\w)(?:work|job)(?!\\w)", out, sizeof(out)), 2);
	assert_string_equal(out, "\1work\1");
	assert_string_equal(out + 7, "\1job\1");
	/* a string that may be anywhere in the piece's match is not joined */
	assert_int_equal(lits("(?<!\\w)(?:\xC3\xBC" "ber\\w*|the\\w*)", out, sizeof(out)), 2);
	assert_string_equal(out, "ber");
	assert_string_equal(out + 4, "\1the");
	assert_int_equal(lits("x\\w*(?:the\\w*|ab)", out, sizeof(out)), 2);
	assert_string_equal(out, "the");
	assert_int_equal(lits("\\bre(?:the\\w*|ab)", out, sizeof(out)), 2);
	assert_string_equal(out, "\1rethe");
	assert_string_equal(out + 7, "\1reab");
	/* inside a lookaround, or repeated {0} times, it says nothing */
	assert_int_equal(lits("(?=(?<!\\w))the", out, sizeof(out)), 1);
	assert_string_equal(out, "the");
	assert_int_equal(lits("(?<!\\w){0}the", out, sizeof(out)), 1);
	assert_string_equal(out, "the");
	assert_int_equal(lits("(?:(?<!\\w)|x)kid", out, sizeof(out)), 2);
	assert_string_equal(out, "\1kid");
	assert_string_equal(out + 5, "xkid");
	assert_int_equal(lits("(?<!\\s)the", out, sizeof(out)), 1);
	assert_string_equal(out, "the");
}

/*
 * A dictionary's pattern is no candidate where its words only occur
 * inside others ("the*" in "other"); it is where a word starts, and next
 * to a non-ASCII character, which \w may be (UCP): the scan only knows
 * ASCII word characters.
 */
static void test_dictionary_word_start(void **state)
{
	static const char *const no[] = { "other", "mother", "9the", "_the", "bathe",
					  "homework", "xmoney" };
	static const char *const yes[] = { "the", "theory", "(the", "the9",
					   "\xC3\xBC" "ber-the", "The end", "work" };
	struct ruleset rs;
	struct classifier c;
	struct verdict v;
	size_t i;

	(void)state;
	limit_rules(&rs, &c, "rules:\n  - {id: dic, category: social, topic: t, pattern: "
			     "'(?<!\\w)(?:work|money\\w*|the\\w*)(?!\\w)'}\n");
	verdict_init(&v);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		classify(&c, no[i], strlen(no[i]), &v);
		if (match_set_has(&c.cand, 0))
			fail_msg("'%s' is a candidate", no[i]);
		assert_int_equal(v.nhits, 0);
	}
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		classify(&c, yes[i], strlen(yes[i]), &v);
		if (!match_set_has(&c.cand, 0))
			fail_msg("'%s' is no candidate", yes[i]);
		assert_int_equal(v.nhits, 1);
	}
	/* U+00FC is a word character for the regex, maybe for the scan */
	classify(&c, "\xC3\xBC" "the", 5, &v);
	assert_true(match_set_has(&c.cand, 0));
	assert_int_equal(v.nhits, 0);
	verdict_release(&v);
	classifier_release(&c);
	ruleset_release(&rs);
}

/* A word of 4 to 7 letters, different for each n < 26^4. */
static void word(struct buf *b, unsigned n)
{
	unsigned k, len = 4 + n % 4;

	for (k = 0; k < len; k++) {
		buf_addch(b, (char)('a' + n % 26));
		n = n / 26 + k * 7;
	}
}

/*
 * A dictionary's category becomes one alternation of hundreds of words and
 * prefixes (dic.c); each gives a literal, so the rule runs only on text
 * holding one of them, and still finds every match.  Past 2048 strings a
 * pattern gives no set.
 */
static void test_dictionary_alternation(void **state)
{
	struct buf pat = BUF_INIT, y = BUF_INIT, t = BUF_INIT;
	struct ruleset rs;
	struct classifier c;
	struct verdict v;
	struct diag d;
	static char out[1 << 16];
	const char *one;
	unsigned i;

	(void)state;
	buf_adds(&pat, "(?<!\\w)(?:");
	for (i = 0; i < 450; i++) {
		if (i)
			buf_addch(&pat, '|');
		word(&pat, i * 1009 + 17);
		if (i % 3 == 0)
			buf_adds(&pat, "\\w*");
	}
	buf_adds(&pat, ")(?!\\w)");
	assert_true(pat.len <= RULES_MAX_PATTERN);
	assert_int_equal(lits(pat.ptr, out, sizeof(out)), 450);

	buf_adds(&y, "rules:\n  - {id: dic, category: social, topic: t, pattern: '");
	buf_add(&y, pat.ptr, pat.len);
	buf_adds(&y, "'}\n");
	diag_init(&d, stderr);
	ruleset_init(&rs);
	assert_int_equal(ruleset_add_text(&rs, y.ptr, y.len, "t.yaml", &d), 0);
	assert_int_equal(ruleset_compile(&rs, &d), 0);
	classifier_init(&c, &rs);
	verdict_init(&v);
	/* no word of it: not even a candidate */
	one = "We went through the agenda and the minutes.";
	classify(&c, one, strlen(one), &v);
	assert_int_equal(v.nhits, 0);
	assert_false(match_set_has(&c.cand, 0));
	/* the 300th entry, a prefix, with a suffix, in capitals */
	buf_adds(&t, "Then: ");
	word(&t, 300 * 1009 + 17);
	buf_adds(&t, "ing, and more");
	for (i = 6; i < t.len - 10; i++)
		t.ptr[i] = (char)(t.ptr[i] - 32);
	classify(&c, t.ptr, t.len, &v);
	assert_true(match_set_has(&c.cand, 0));
	assert_int_equal(v.nhits, 1);
	assert_int_equal(v.hits[0].off, 6);
	assert_int_equal(v.hits[0].len, t.len - 6 - strlen(", and more"));
	verdict_release(&v);
	classifier_release(&c);
	ruleset_release(&rs);

	buf_reset(&pat);
	for (i = 0; i < 2049; i++) {
		buf_addch(&pat, i ? '|' : '(');
		buf_addch(&pat, (char)('a' + i % 26));
		buf_addch(&pat, (char)('a' + i / 26 % 26));
		buf_addch(&pat, (char)('a' + i / 676));
	}
	buf_addch(&pat, ')');
	assert_int_equal(lits(pat.ptr, out, sizeof(out)), 0);
	buf_release(&pat);
	buf_release(&y);
	buf_release(&t);
}

/* One rule set for the limit tests. */
static void limit_rules(struct ruleset *rs, struct classifier *c, const char *yaml)
{
	struct diag d;

	diag_init(&d, stderr);
	ruleset_init(rs);
	assert_int_equal(ruleset_add_text(rs, yaml, strlen(yaml), "t.yaml", &d), 0);
	assert_int_equal(ruleset_compile(rs, &d), 0);
	classifier_init(c, rs);
}

static void test_passage_cap(void **state)
{
	struct ruleset rs;
	struct classifier c;
	struct verdict v;
	struct limits l = limits_default;
	struct buf t = BUF_INIT;

	(void)state;
	limit_rules(&rs, &c, "rules:\n  - {id: end, category: social, topic: t, pattern: 'zz'}\n"
			     "  - {id: a, category: business, topic: t, pattern: 'a'}\n");
	l.passage = 64;
	classifier_set_limits(&c, &l);
	verdict_init(&v);
	buf_addrep(&t, 'a', 63);
	buf_adds(&t, "\xC3\xA9zz");	/* the cap falls inside the 'é' */
	classify(&c, t.ptr, t.len, &v);
	assert_int_equal(v.classified, 63);
	assert_int_equal(v.nhits, 1);
	assert_int_equal(v.hits[0].rule, 1);
	buf_release(&t);
	verdict_release(&v);
	classifier_release(&c);
	ruleset_release(&rs);
}

static void test_budget(void **state)
{
	struct ruleset rs;
	struct classifier c;
	struct verdict v;
	struct limits l = limits_default;
	struct buf t = BUF_INIT;
	int i;

	(void)state;
	limit_rules(&rs, &c, "rules:\n  - {id: evil, category: social, topic: t, pattern: '(a+)+$'}\n"
			     "  - {id: b, category: business, topic: t, pattern: 'b'}\n");
	l.regex_budget = 1000000;
	classifier_set_limits(&c, &l);
	verdict_init(&v);
	for (i = 0; i < 100; i++) {
		buf_addrep(&t, 'a', 19);
		buf_adds(&t, "b");
	}
	classifier_begin_note(&c);
	classify(&c, t.ptr, t.len, &v);
	assert_true(v.budget_out);
	assert_int_equal(v.match_errors, 2);	/* evil ran out, b was not run */
	assert_int_equal(v.err_rule, 0);
	assert_int_equal(v.err_code, PCRE2_ERROR_CALLOUT);
	/* the rest of the note gets nothing ... */
	classify(&c, "b", 1, &v);
	assert_int_equal(v.nhits, 0);
	assert_int_equal(v.match_errors, 1);
	/* ... the next one a new budget */
	classifier_begin_note(&c);
	classify(&c, "b", 1, &v);
	assert_int_equal(v.nhits, 1);
	assert_int_equal(v.match_errors, 0);
	buf_release(&t);
	verdict_release(&v);
	classifier_release(&c);
	ruleset_release(&rs);
}

static void test_jit_stack_grows(void **state)
{
	struct ruleset rs;
	struct classifier c;
	struct verdict v;
	struct limits l = limits_default;
	struct buf t = BUF_INIT;
	int i;

	(void)state;
	limit_rules(&rs, &c, "rules:\n  - {id: alt, category: social, topic: t, pattern: '^(a|b)*$'}\n");
	l.passage = (size_t)1 << 20;
	classifier_set_limits(&c, &l);
	verdict_init(&v);
	for (i = 0; i < 100000; i++)
		buf_adds(&t, "ab");
	classifier_begin_note(&c);
	classify(&c, t.ptr, t.len, &v);
	if (v.match_errors)
		fail_msg("error %d", v.err_code);
	assert_int_equal(v.nhits, 1);
	/* with no room to grow, the stack limit is an error, and reported */
	l.jit_stack = 32 * 1024;
	classifier_release(&c);
	classifier_init(&c, &rs);
	classifier_set_limits(&c, &l);
	classify(&c, t.ptr, t.len, &v);
	if (pcre2_config(PCRE2_CONFIG_JIT, &i) == 0 && i) {
		assert_int_equal(v.match_errors, 1);
		assert_int_equal(v.err_code, PCRE2_ERROR_JIT_STACKLIMIT);
	}
	buf_release(&t);
	verdict_release(&v);
	classifier_release(&c);
	ruleset_release(&rs);
}

/* The strings and code made at build time are those banter would make at
 * start-up from the built-in rules: the tables are not stale. */
static void test_builtin_table(void **state)
{
	struct ruleset rs;
	struct diag d;
	size_t i, k;

	(void)state;
	ruleset_init(&rs);
	diag_init(&d, stderr);
	assert_int_equal(ruleset_add_builtin(&rs, &d), 0);
	assert_int_equal(prefilter_builtin_n, rs.n);
	assert_int_equal(rules_code_n, rs.n);
	assert_int_equal(pcre2_serialize_get_number_of_codes(rules_code), (int)rs.n);
	for (i = 0; i < rs.n; i++) {
		const struct prefilter_rule *b = &prefilter_builtin[i];
		struct litset set = { 0, NULL, 0 };
		struct prefilter_lit *v;
		int found = prefilter_rule_strings(rs.v[i].pattern, rs.v[i].pattern_len, &set, &v);

		assert_int_equal(b->pattern_len, rs.v[i].pattern_len);
		assert_memory_equal(b->pattern, rs.v[i].pattern, b->pattern_len);
		assert_int_equal(rules_code_pattern_len[i], rs.v[i].pattern_len);
		assert_memory_equal(rules_code_pattern[i], rs.v[i].pattern, rs.v[i].pattern_len);
		assert_int_equal(b->found, found);
		if (found) {
			assert_int_equal(b->ascii_digits, set.ascii_digits);
			assert_int_equal(b->n, set.n);
			for (k = 0; k < set.n; k++) {
				assert_int_equal(b->v[k].len, v[k].len);
				assert_int_equal(b->v[k].flags, v[k].flags);
				assert_memory_equal(b->v[k].s, v[k].s, v[k].len);
			}
		}
		free(v);
		litset_release(&set);
	}
	ruleset_release(&rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_as_every_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_on_random_text, setup, teardown),
		cmocka_unit_test(test_literals),
		cmocka_unit_test(test_builtin_table),
		cmocka_unit_test(test_dictionary_alternation),
		cmocka_unit_test(test_dictionary_word_start),
		cmocka_unit_test(test_passage_cap),
		cmocka_unit_test(test_budget),
		cmocka_unit_test(test_jit_stack_grows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
