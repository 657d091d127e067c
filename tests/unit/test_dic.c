/*
 * Unit tests for dic.c: the LIWC .dic format (and what it tolerates), its
 * errors with FILE:LINE, the patterns made from a category, and the
 * `dictionaries:` key of a rule file that maps categories to rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "dic.h"
#include "rules.h"
#include "rules_file.h"
#include "strlist.h"

struct fix {
	struct dic dic;
	struct ruleset rs;
	struct buf msgs;
	struct diag d;
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	dic_init(&f->dic);
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

	dic_release(&f->dic);
	ruleset_release(&f->rs);
	buf_release(&f->msgs);
	free(f);
	return 0;
}

static int parse(struct fix *f, const char *text)
{
	return dic_parse(&f->dic, text, strlen(text), "w.dic", &f->d);
}

#define HAS(f, want) do {						\
	if (!strstr((f)->msgs.ptr, (want)))				\
		fail_msg("no '%s' in:\n%s", (want), (f)->msgs.ptr);	\
} while (0)

/* Parsing `text` fails with exactly one error, holding `want`. */
#define PARSE_FAILS(f, text, want) do {					\
	dic_release(&(f)->dic);						\
	buf_reset(&(f)->msgs);						\
	(f)->d.errors = 0;						\
	assert_int_equal(parse((f), (text)), -1);			\
	HAS((f), (want));						\
	assert_int_equal((f)->d.errors, 1);				\
} while (0)

/* Whether pattern `re` (compiled as banter compiles rules) matches s. */
static int re_matches(const char *re, const char *s)
{
	int code, rc;
	PCRE2_SIZE off;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, strlen(re),
				      PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
	pcre2_match_data *md;

	if (!c)
		fail_msg("'%s' does not compile (offset %zu)", re, (size_t)off);
	md = pcre2_match_data_create(1, NULL);
	rc = pcre2_match(c, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(c);
	return rc >= 0;
}

static const char small[] =
	"%\n"
	"1\twork\n"
	"2\tmoney\n"
	"3\tfamily\n"
	"%\n"
	"meeting\t1\n"
	"invoic*\t1\t2\n"
	"budget\t2\n"
	"mum\t3\n"
	"kind of\t3\n"
	"meeting\t1\n";

static void test_parse(void **state)
{
	struct fix *f = *state;

	assert_int_equal(parse(f, small), 0);
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	assert_int_equal(f->dic.n, 3);
	assert_string_equal(f->dic.v[0].id, "1");
	assert_string_equal(f->dic.v[0].name, "work");
	assert_int_equal(f->dic.v[0].line, 2);
	assert_string_equal(f->dic.v[2].name, "family");
	/* sorted, and the second 'meeting' is dropped */
	assert_int_equal(f->dic.v[0].entries.n, 2);
	assert_string_equal(f->dic.v[0].entries.v[0], "invoic*");
	assert_string_equal(f->dic.v[0].entries.v[1], "meeting");
	assert_int_equal(f->dic.v[1].entries.n, 2);
	assert_int_equal(f->dic.v[2].entries.n, 2);
	assert_string_equal(f->dic.v[2].entries.v[0], "kind of");

	assert_int_equal(dic_find(&f->dic, "WORK", 4), 0);
	assert_int_equal(dic_find(&f->dic, "3", 1), 2);
	assert_int_equal(dic_find(&f->dic, "leisure", 7), -1);
	assert_int_equal(dic_find(&f->dic, "wor", 3), -1);
}

static void test_tolerated(void **state)
{
	struct fix *f = *state;

	/* a BOM, CRLF, blank lines, spaces instead of tabs, padded '%' lines,
	 * a lone CR, '#' as an ordinary entry */
	assert_int_equal(parse(f,
			       "\xEF\xBB\xBF\r\n"
			       "%\r\n"
			       "1   work   (Work words)\r\n"
			       "\r\n"
			       "2 family\r\n"
			       "  %  \r\n"
			       "meeting 1\r\n"
			       "kind of    2\r"
			       "#hashtag\t2\r\n"
			       "mum   1 2\r\n"
			       "\r\n"), 0);
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	assert_int_equal(f->dic.n, 2);
	assert_string_equal(f->dic.v[0].name, "work");
	assert_int_equal(f->dic.v[0].entries.n, 2);
	assert_int_equal(f->dic.v[1].entries.n, 3);
	assert_string_equal(f->dic.v[1].entries.v[0], "#hashtag");
	assert_string_equal(f->dic.v[1].entries.v[1], "kind of");
	assert_string_equal(f->dic.v[1].entries.v[2], "mum");
}

static void test_conditional_skipped(void **state)
{
	struct fix *f = *state;

	/* LIWC2007's conditional references: skipped, one warning a file */
	assert_int_equal(parse(f,
			       "%\n1\tfunct\n2\tverb\n%\n"
			       "like\t1 (2 1)2/1\n"
			       "kind\t(1)2\t1\n"), 0);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->d.warnings, 1);
	HAS(f, "banter: w.dic:5: warning: conditional categories such as '(2' are not supported");
	assert_int_equal(f->dic.v[0].entries.n, 2);
	assert_int_equal(f->dic.v[1].entries.n, 0);
}

static void test_errors(void **state)
{
	struct fix *f = *state;
	struct buf text = BUF_INIT;

	PARSE_FAILS(f, "", "banter: w.dic:1: error: no '%' line ends the header");
	PARSE_FAILS(f, "1\twork\n%\n%\n", "banter: w.dic:1: error: a .dic file starts with a '%' line");
	PARSE_FAILS(f, "%\n1\twork\n", "banter: w.dic:2: error: no '%' line ends the header");
	PARSE_FAILS(f, "%\n1\n%\n", "banter: w.dic:2: error: a category line is an id and a name");
	PARSE_FAILS(f, "%\n1 a\n1 b\n%\n", "banter: w.dic:3: error: category id '1' given twice");
	/* a rule file maps categories by name, so a name is one category */
	PARSE_FAILS(f, "%\n1 work\n2 Work\n%\ninvoice 1\nkids 2\n",
		    "banter: w.dic:3: error: category name 'Work' given twice (also category 1, line 2)");
	PARSE_FAILS(f, "%\n1 a\n%\nx\t1\n%\n", "banter: w.dic:5: error: a third '%' line");
	PARSE_FAILS(f, "%\n1 a\n%\nword\t7\n", "banter: w.dic:4: error: category '7' is not in the header");
	PARSE_FAILS(f, "%\n1 a\n%\nword\tx\n", "banter: w.dic:4: error: category 'x' is not in the header");
	PARSE_FAILS(f, "%\n1 a\n%\nword\n", "banter: w.dic:4: error: an entry line is an entry, a tab and category ids");
	PARSE_FAILS(f, "%\n1 a\n%\n\t1\n", "banter: w.dic:4: error: an entry line is an entry");
	PARSE_FAILS(f, "%\n1 a\n%\nword\t \t\n", "banter: w.dic:4: error: an entry line is an entry");
	PARSE_FAILS(f, "%\n1 a\n%\nwo*rd\t1\n", "banter: w.dic:4: error: '*' may only end an entry");
	PARSE_FAILS(f, "%\n1 a\n%\n*\t1\n", "banter: w.dic:4: error: an entry of '*' alone");
	PARSE_FAILS(f, "%\n1 a\n%\ncaf\xE9\t1\n", "banter: w.dic:4:4: error: invalid UTF-8 (byte 0xE9)");
	assert_int_equal(dic_parse(&f->dic, "%\n1 a\n%\nb\0c\t1\n", 13, "w.dic", &f->d), -1);
	HAS(f, "banter: w.dic:4:2: error: a NUL byte");

	buf_adds(&text, "%\n1 a\n%\n");
	buf_addrep(&text, 'x', 501);
	buf_adds(&text, "\t1\n");
	PARSE_FAILS(f, text.ptr, "banter: w.dic:4: error: an entry longer than 500 bytes");
	buf_release(&text);

	/* every bad entry line is reported */
	dic_release(&f->dic);
	buf_reset(&f->msgs);
	f->d.errors = 0;
	assert_int_equal(parse(f, "%\n1 a\n%\nx\t2\ny\t1\nz\t3\n"), -1);
	assert_int_equal(f->d.errors, 2);
	assert_int_equal(f->dic.v[0].entries.n, 1);
}

static void test_patterns(void **state)
{
	struct fix *f = *state;
	struct strlist p = { NULL, 0, 0 };

	assert_int_equal(parse(f,
			       "%\n1 a\n%\n"
			       "invoic*\t1\n"
			       "kind of\t1\n"
			       "don't know\t1\n"
			       "c++\t1\n"
			       "a.b\t1\n"
			       ":)\t1\n"
			       "caf\xC3\xA9\t1\n"), 0);
	dic_patterns(&f->dic, 0, 4096, &p);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0],
			    "(?<!\\w)(?:\\:\\)|a\\.b|c\\+\\+|caf\xC3\xA9|don['\xE2\x80\x99]t\\s+know|"
			    "invoic\\w*|kind\\s+of)(?!\\w)");
	assert_true(re_matches(p.v[0], "Invoicing is late"));
	assert_true(re_matches(p.v[0], "the INVOICE"));
	assert_false(re_matches(p.v[0], "reinvoice"));
	assert_true(re_matches(p.v[0], "it was kind  of\tfun"));
	assert_false(re_matches(p.v[0], "kindof"));
	assert_true(re_matches(p.v[0], "I don\xE2\x80\x99t know"));
	assert_true(re_matches(p.v[0], "we use C++ daily"));
	assert_true(re_matches(p.v[0], "a.b"));
	assert_false(re_matches(p.v[0], "axb"));
	assert_true(re_matches(p.v[0], "great :)"));
	assert_false(re_matches(p.v[0], "great:)"));
	assert_true(re_matches(p.v[0], "CAF\xC3\x89 later"));
	assert_false(re_matches(p.v[0], "caf\xC3\xA9s"));	/* \w is Unicode */
	strlist_release(&p);
}

/* A dictionary with n entries word0000.. in category 1, written to a
 * temporary file whose name goes to `path`. */
static void big_dic(char *path, size_t n)
{
	FILE *fp;
	size_t i;
	int fd;

	strcpy(path, "/tmp/banter-test-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fprintf(fp, "%%\n1\tbig\n%%\n");
	for (i = 0; i < n; i++)
		fprintf(fp, "word%04zu\t1\n", i);
	fclose(fp);
}

static void test_split(void **state)
{
	struct fix *f = *state;
	struct strlist p = { NULL, 0, 0 };
	struct buf text = BUF_INIT;
	char path[64];
	size_t i, total = 0;

	big_dic(path, 2000);
	buf_addf(&text, "dictionaries:\n  - {file: '%s', social: [big]}\n", path);
	assert_int_equal(ruleset_add_text(&f->rs, text.ptr, text.len, "r.yaml", &f->d), 0);
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	/* 2000 entries of 9 bytes: about 20000 bytes, so 5 or 6 patterns */
	assert_true(f->rs.n >= 5 && f->rs.n <= 6);
	for (i = 0; i < f->rs.n; i++) {
		char want[32];

		assert_true(f->rs.v[i].pattern_len <= 4096);
		assert_memory_equal(f->rs.v[i].id, "dic.banter-test-", 16);
		snprintf(want, sizeof(want), ".big.%zu", i + 1);
		assert_non_null(strstr(f->rs.v[i].id, want));
		total += f->rs.v[i].pattern_len;
	}
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);

	/* every entry is in exactly one pattern */
	dic_init(&f->dic);
	{
		struct buf t = BUF_INIT;

		buf_adds(&t, "%\n1\tbig\n%\n");
		for (i = 0; i < 2000; i++)
			buf_addf(&t, "word%04zu\t1\n", i);
		assert_int_equal(parse(f, t.ptr), 0);
		buf_release(&t);
	}
	dic_patterns(&f->dic, 0, 4096, &p);
	assert_int_equal(p.n, f->rs.n);
	for (i = 0; i < 2000; i++) {
		char w[16];
		size_t j, hits = 0;

		snprintf(w, sizeof(w), "word%04zu", i);
		for (j = 0; j < p.n; j++)
			hits += re_matches(p.v[j], w);
		assert_int_equal(hits, 1);
	}
	strlist_release(&p);
	buf_release(&text);
	unlink(path);
	(void)total;
}

static void test_mapping(void **state)
{
	struct fix *f = *state;
	const struct rule *r;

	assert_int_equal(ruleset_add_file(&f->rs, "tests/data/rules/dictionary.yaml", &f->d), 0);
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	assert_int_equal(f->rs.n, 5);
	r = &f->rs.v[0];
	assert_string_equal(r->id, "dic.small.work");
	assert_int_equal(r->cat, CAT_BUSINESS);
	assert_string_equal(r->topic, "work");
	assert_true(r->weight == 1.0);
	assert_string_equal(r->file, "tests/data/rules/small.dic");
	assert_int_equal(r->line, 2);
	assert_string_equal(r->pattern, "(?<!\\w)(?:deadline\\w*|invoic\\w*|meeting)(?!\\w)");
	assert_string_equal(f->rs.v[1].id, "dic.small.money");
	assert_string_equal(f->rs.v[2].id, "dic.small.family");
	assert_int_equal(f->rs.v[2].cat, CAT_SOCIAL);
	assert_string_equal(f->rs.v[3].id, "dic.small.friend");
	assert_string_equal(f->rs.v[4].id, "dic.small.leisure");
	assert_int_equal(ruleset_compile(&f->rs, &f->d), 0);
	assert_int_equal(f->rs.topics.n, 5);
	assert_string_equal(f->rs.topics.v[0], "business/money");
}

static int add(struct fix *f, const char *text)
{
	return ruleset_add_text(&f->rs, text, strlen(text), "tests/data/rules/inline.yaml", &f->d);
}

static void test_mapping_options(void **state)
{
	struct fix *f = *state;

	/* ids as well as names, one name as a string, a topic and a weight;
	 * rules and dictionaries in one file, with replacement by id */
	assert_int_equal(add(f,
			     "dictionaries:\n"
			     "  - file: small.dic\n"
			     "    business: 2\n"
			     "    social: [Family]\n"
			     "    topic: liwc\n"
			     "    weight: 0.5\n"
			     "rules:\n"
			     "  - {id: dic.small.family, category: social, topic: kin, pattern: x}\n"
			     "  - {id: mine, category: social, topic: t, pattern: y}\n"), 0);
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	assert_int_equal(f->rs.n, 3);
	/* the rules come first; the dictionary's rule of the same id replaces */
	assert_string_equal(f->rs.v[0].id, "dic.small.family");
	assert_string_equal(f->rs.v[0].topic, "liwc");
	assert_true(f->rs.v[0].weight == 0.5);
	assert_string_equal(f->rs.v[1].id, "mine");
	assert_string_equal(f->rs.v[2].id, "dic.small.money");
	assert_int_equal(f->rs.v[2].cat, CAT_BUSINESS);
	assert_string_equal(f->rs.v[2].topic, "liwc");
}

/* Adding `text` fails with one error holding `want`. */
#define ADD_FAILS(f, text, want) do {					\
	buf_reset(&(f)->msgs);						\
	(f)->d.errors = 0;						\
	assert_int_equal(add((f), (text)), -1);				\
	HAS((f), (want));						\
	assert_int_equal((f)->d.errors, 1);				\
} while (0)

static void test_mapping_errors(void **state)
{
	struct fix *f = *state;

	ADD_FAILS(f, "dictionaries:\n  - {file: small.dic, business: [work, hobbies]}\n",
		  "banter: tests/data/rules/inline.yaml:2:40: error: dictionary 'tests/data/rules/small.dic' has no category 'hobbies'\n");
	ADD_FAILS(f, "dictionaries:\n  - {file: nope.dic, business: [work]}\n",
		  "banter: tests/data/rules/nope.dic: error: No such file or directory\n");
	ADD_FAILS(f, "dictionaries:\n  - {file: small.dic, business: [work], social: [1]}\n",
		  "banter: tests/data/rules/inline.yaml:2:50: error: dictionary category 'work' mapped twice\n");
	ADD_FAILS(f, "dictionaries:\n  - {file: small.dic, busines: [work]}\n",
		  "banter: tests/data/rules/inline.yaml:2:23: error: unknown key 'busines' in a dictionary\n");
	ADD_FAILS(f, "dictionaries:\n  - {file: small.dic}\n",
		  "banter: tests/data/rules/inline.yaml:2:5: error: a dictionary maps none of its categories");
	ADD_FAILS(f, "dictionaries:\n  - {business: [work]}\n",
		  "banter: tests/data/rules/inline.yaml:2:5: error: a dictionary without a 'file'\n");
	ADD_FAILS(f, "dictionaries:\n  - {file: small.dic, social: [work], weight: -1}\n",
		  "banter: tests/data/rules/inline.yaml:2:47: error: dictionary: weight must be a number");
	ADD_FAILS(f, "dictionaries:\n  - {file: small.dic, social: [work], topic: a/b}\n",
		  "banter: tests/data/rules/inline.yaml:2:46: error: dictionary: topic 'a/b' must be 1 to 200 ASCII letters");
	ADD_FAILS(f, "dictionaries:\n  - {file: [small.dic], social: [work]}\n",
		  "banter: tests/data/rules/inline.yaml:2:12: error: dictionary: 'file' must be a string, found a list\n");
	ADD_FAILS(f, "dictionaries:\n  - {file: small.dic, social: {work: 1}}\n",
		  "banter: tests/data/rules/inline.yaml:2:31: error: dictionary: 'social' must be a list of category names\n");
	ADD_FAILS(f, "dictionaries:\n  - small.dic\n",
		  "banter: tests/data/rules/inline.yaml:2:5: error: a dictionary must be a mapping");
	ADD_FAILS(f, "dictionaries: small.dic\n",
		  "banter: tests/data/rules/inline.yaml:1:15: error: 'dictionaries' must be a list, found a string\n");
	ADD_FAILS(f, "dictionaries:\n  - {file: ., social: [work]}\n",
		  "banter: tests/data/rules/.: error: not a regular file\n");
	ADD_FAILS(f, "dictionaries:\n  - {file: bad-example.yaml, social: [work]}\n",
		  "banter: tests/data/rules/bad-example.yaml:1: error: a .dic file starts with a '%' line\n");
	assert_int_equal(f->rs.n, 0);

	/* an empty list is nothing */
	buf_reset(&f->msgs);
	f->d.errors = 0;
	assert_int_equal(add(f, "dictionaries:\nrules:\n"), 0);
	assert_int_equal(add(f, "dictionaries: []\n"), 0);
	assert_int_equal(f->d.errors, 0);
}

static void test_empty_category(void **state)
{
	struct fix *f = *state;

	/* 'swear' has one entry, 'money' some; a category with none warns */
	assert_int_equal(add(f, "dictionaries:\n  - {file: small.dic, social: [swear]}\n"), 0);
	assert_int_equal(f->rs.n, 1);
	assert_string_equal(f->rs.v[0].id, "dic.small.swear");
	assert_int_equal(parse(f, "%\n1 a\n2 b\n%\nx\t1\n"), 0);
	assert_int_equal(f->dic.n, 2);
	assert_int_equal(f->dic.v[1].entries.n, 0);
}

static void test_empty_category_warns(void **state)
{
	struct fix *f = *state;
	struct buf text = BUF_INIT;
	char path[64];

	big_dic(path, 0);
	buf_addf(&text, "dictionaries:\n  - {file: '%s', business: [big]}\n", path);
	assert_int_equal(ruleset_add_text(&f->rs, text.ptr, text.len, "r.yaml", &f->d), 0);
	assert_int_equal(f->rs.n, 0);
	assert_int_equal(f->d.warnings, 1);
	HAS(f, ":2: warning: category 'big' has no entries\n");
	buf_release(&text);
	unlink(path);
}

/* Two names that read the same as ids ("a+b", "a_b") keep apart: the one
 * changed on the way takes its category number. */
static void test_ids_kept_apart(void **state)
{
	struct fix *f = *state;
	struct buf text = BUF_INIT, want = BUF_INIT;
	char dic[64];
	FILE *fp;

	snprintf(dic, sizeof(dic), "/tmp/banter-ids-%ld.dic", (long)getpid());
	fp = fopen(dic, "w");
	assert_non_null(fp);
	fputs("%\n1\ta+b\n2\ta_b\n%\ngolf\t1\ntennis\t2\n", fp);
	fclose(fp);
	buf_addf(&text, "dictionaries:\n  - {file: '%s', social: [a+b, a_b]}\n", dic);
	assert_int_equal(add(f, text.ptr), 0);
	assert_int_equal(f->rs.n, 2);
	buf_addf(&want, "dic.banter-ids-%ld.a_b-1", (long)getpid());
	assert_string_equal(f->rs.v[0].id, want.ptr);
	want.len -= 2;
	want.ptr[want.len] = '\0';
	assert_string_equal(f->rs.v[1].id, want.ptr);
	buf_release(&text);
	buf_release(&want);
	unlink(dic);
}

/* Two dictionaries of one file name in two folders make the same ids: the
 * later one's rules are used, with a warning naming both files.  The same
 * dictionary mapped again replaces its rules without one. */
static void test_same_name_warns(void **state)
{
	struct fix *f = *state;
	char dir[] = "/tmp/banter-dics-XXXXXX";
	struct buf p = BUF_INIT, text = BUF_INIT, want = BUF_INIT;
	static const char *const sub[] = { "en", "de" };
	size_t i;
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 2; i++) {
		buf_reset(&p);
		buf_addf(&p, "%s/%s", dir, sub[i]);
		assert_int_equal(mkdir(p.ptr, 0700), 0);
		buf_adds(&p, "/work.dic");
		fp = fopen(p.ptr, "w");
		assert_non_null(fp);
		fprintf(fp, "%%\n1\twork\n%%\n%s\t1\n", i ? "sitzung" : "meeting");
		fclose(fp);
	}
	buf_addf(&text, "dictionaries:\n"
		 "  - {file: en/work.dic, business: [work]}\n"
		 "  - {file: de/work.dic, business: [work]}\n"
		 "  - {file: de/work.dic, social: [work]}\n");
	buf_reset(&p);
	buf_addf(&p, "%s/r.yaml", dir);
	assert_int_equal(ruleset_add_text(&f->rs, text.ptr, text.len, p.ptr, &f->d), 0);
	buf_addf(&want, "banter: %s/de/work.dic:2: warning: rule 'dic.work.work' again (first made "
		 "from '%s/en/work.dic', line 2); the later one is used", dir, dir);
	HAS(f, want.ptr);
	assert_int_equal(f->d.warnings, 1);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->rs.n, 1);
	assert_int_equal(f->rs.v[0].cat, CAT_SOCIAL);
	assert_non_null(strstr(f->rs.v[0].pattern, "sitzung"));
	for (i = 0; i < 2; i++) {
		buf_reset(&p);
		buf_addf(&p, "%s/%s/work.dic", dir, sub[i]);
		unlink(p.ptr);
		buf_reset(&p);
		buf_addf(&p, "%s/%s", dir, sub[i]);
		rmdir(p.ptr);
	}
	rmdir(dir);
	buf_release(&p);
	buf_release(&text);
	buf_release(&want);
}

/* b holds dir/name, and that is returned. */
static const char *under(struct buf *b, const char *dir, const char *name)
{
	buf_reset(b);
	buf_addf(b, "%s/%s", dir, name);
	return b->ptr;
}

/* One dictionary named several ways, through "./", "..", a symbolic link
 * or a hard link, is one file: mapping it again replaces its rules without
 * a warning. */
static void test_same_file_named_twice(void **state)
{
	struct fix *f = *state;
	char dir[] = "/tmp/banter-dics-XXXXXX";
	struct buf p = BUF_INIT, q = BUF_INIT, text = BUF_INIT;
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	assert_int_equal(mkdir(under(&p, dir, "a"), 0700), 0);
	assert_int_equal(mkdir(under(&p, dir, "b"), 0700), 0);
	assert_int_equal(symlink("a", under(&p, dir, "l")), 0);
	fp = fopen(under(&p, dir, "a/x.dic"), "w");
	assert_non_null(fp);
	fprintf(fp, "%%\n1\twork\n%%\nmeeting\t1\n");
	fclose(fp);
	buf_addf(&q, "%s/b/x.dic", dir);
	assert_int_equal(link(p.ptr, q.ptr), 0);
	buf_addf(&text, "dictionaries:\n"
		 "  - {file: a/x.dic, business: [work]}\n"
		 "  - {file: ./a/x.dic, business: [work]}\n"
		 "  - {file: b/../a/x.dic, business: [work]}\n"
		 "  - {file: l/x.dic, business: [work]}\n"
		 "  - {file: b/x.dic, business: [work]}\n"
		 "  - {file: '%s/a/x.dic', social: [work]}\n", dir);
	assert_int_equal(ruleset_add_text(&f->rs, text.ptr, text.len, under(&p, dir, "r.yaml"), &f->d), 0);
	if (f->d.warnings)
		fail_msg("warned:\n%s", f->msgs.ptr);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->rs.n, 1);
	assert_int_equal(f->rs.v[0].cat, CAT_SOCIAL);
	unlink(q.ptr);
	unlink(under(&p, dir, "a/x.dic"));
	unlink(under(&p, dir, "l"));
	rmdir(under(&p, dir, "a"));
	rmdir(under(&p, dir, "b"));
	rmdir(dir);
	buf_release(&p);
	buf_release(&q);
	buf_release(&text);
}

/* A category split over several patterns counts as that many rules
 * against RULES_MAX_RULES. */
static void test_split_rules_counted(void **state)
{
	struct fix *f = *state;
	struct buf text = BUF_INIT;
	char path[64];
	size_t i;

	buf_adds(&text, "rules:\n");
	for (i = 0; i < RULES_MAX_RULES - 2; i++)
		buf_addf(&text, "  - {id: r%zu, category: social, topic: t, pattern: x}\n", i);
	assert_int_equal(ruleset_add_text(&f->rs, text.ptr, text.len, "r.yaml", &f->d), 0);
	big_dic(path, 2000);	/* 5 or 6 patterns */
	buf_reset(&text);
	buf_addf(&text, "dictionaries:\n  - {file: '%s', social: [big]}\n", path);
	assert_int_equal(ruleset_add_text(&f->rs, text.ptr, text.len, "d.yaml", &f->d), -1);
	HAS(f, "d.yaml:2:5: error: more than 100000 rules\n");
	assert_int_equal(f->d.errors, 1);
	assert_int_equal(f->rs.n, RULES_MAX_RULES - 2);
	buf_release(&text);
	unlink(path);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_parse),
		T(test_tolerated),
		T(test_conditional_skipped),
		T(test_errors),
		T(test_patterns),
		T(test_split),
		T(test_mapping),
		T(test_mapping_options),
		T(test_mapping_errors),
		T(test_empty_category),
		T(test_empty_category_warns),
		T(test_ids_kept_apart),
		T(test_split_rules_counted),
		T(test_same_name_warns),
		T(test_same_file_named_twice),
	};

	return cmocka_run_group_tests_name("dic", tests, NULL, NULL);
}
