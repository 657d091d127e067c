/*
 * Unit tests for the renderers (report*.c), end to end in memory: a rule
 * set from YAML text, notes scanned from strings (scan.c), a tally, and
 * every format at every level written to an open_memstream FILE.
 *
 * The checks are exact substrings and lines, a small JSON validator, and
 * a scan for raw control and bidi characters in every output.
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
#include "esc.h"
#include "label.h"
#include "meta.h"
#include "note.h"
#include "render.h"
#include "report.h"
#include "rules.h"
#include "rules_file.h"
#include "scan.h"
#include "tally.h"

static const char rules_yaml[] =
	"rules:\n"
	"  - {id: s.sports, category: social, topic: sports, pattern: '\\b(?:football|match|golf)\\b'}\n"
	"  - {id: s.family, category: social, topic: family, pattern: '\\bkids?\\b'}\n"
	"  - id: b.pricing\n"
	"    category: business\n"
	"    topic: pricing\n"
	"    pattern: '\\b(?:price|invoice)\\b'\n"
	"    weight: 2\n"
	"  - {id: b.referral, category: business, topic: referral, pattern: '\\brefer(?:ral|red)?\\b'}\n";

struct note_src {
	const char *path;
	const char *text;
};

/* The usual set: a client name with a comma and quotes, one with a tab,
 * one with an escape sequence and a bidi override (and a path with ESC),
 * and a note with no front matter whose body holds control characters. */
static const struct note_src usual[] = {
	{ "notes/a.md",
	  "---\n"
	  "client: 'Acme, \"Inc\"'\n"
	  "date: 2024-05-01\n"
	  "duration: 30\n"
	  "---\n"
	  "# Kickoff\n"
	  "\n"
	  "We talked about the price and the invoice.\n"
	  "\n"
	  "- The kids loved the football match.\n"
	  "- Could you refer us to your partner?\n"
	  "\n"
	  "Nothing to see here at all.\n" },
	{ "notes/b.md",
	  "---\n"
	  "client: \"Tab\\tCo\"\n"
	  "---\n"
	  "Golf on Sunday with the kids.\n" },
	{ "notes/c\x1B[2J.md",
	  "---\n"
	  "client: \"Evil\\e[31m\\u202Eoc\"\n"
	  "date: 2024-06-02\n"
	  "---\n"
	  "Just a plain line.\n" },
	{ "notes/d.md",
	  "No front matter; \x1B]0;pwned\x07 and \xE2\x80\xAE here.\n" },
};

#define NUSUAL (sizeof(usual) / sizeof(usual[0]))

struct fix {
	struct ruleset rs;
	struct scan_opts so;
	struct scanner sc;
	struct note_result *r;
	size_t nr;
	struct tally_opts to;
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct buf msgs = BUF_INIT;
	struct diag d;

	if (!f)
		return -1;
	diag_init(&d, NULL);
	d.capture = &msgs;
	ruleset_init(&f->rs);
	if (ruleset_add_text(&f->rs, rules_yaml, strlen(rules_yaml), "r.yaml", &d) < 0 ||
	    ruleset_compile(&f->rs, &d) < 0) {
		fputs(msgs.ptr, stderr);
		buf_release(&msgs);
		return -1;
	}
	buf_release(&msgs);
	f->so.rules = &f->rs;
	f->so.keys = &meta_default_keys;
	f->so.limits = NULL;
	f->so.keep_hits = 1;
	scanner_init(&f->sc, &f->so);
	f->to.target_lo = 10;
	f->to.target_hi = 30;
	f->to.referral_rate = 0.5;
	f->to.referral_min = 2;
	*state = f;
	return 0;
}

static void drop_notes(struct fix *f)
{
	size_t i;

	for (i = 0; i < f->nr; i++)
		note_result_release(&f->r[i]);
	free(f->r);
	f->r = NULL;
	f->nr = 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;

	drop_notes(f);
	scanner_release(&f->sc);
	ruleset_release(&f->rs);
	free(f);
	return 0;
}

/* Scans a set of notes (replacing any scanned before). */
static void scan_set(struct fix *f, const struct note_src *src, size_t n)
{
	size_t i;

	drop_notes(f);
	f->r = calloc(n ? n : 1, sizeof(*f->r));
	assert_non_null(f->r);
	f->nr = n;
	for (i = 0; i < n; i++) {
		note_result_init(&f->r[i]);
		note_set_text(&f->r[i].note, src[i].path, src[i].text, strlen(src[i].text));
		scan_loaded(&f->sc, &f->r[i]);
		if (f->r[i].status != NOTE_OK || f->r[i].errors)
			fail_msg("%s: %s", src[i].path, f->r[i].diags.ptr);
	}
}

/* Runs the report as main.c does; returns the output, which the caller frees. */
static char *render(struct fix *f, enum format fmt, enum level by, int annotate, int explain)
{
	struct report_opts ro;
	struct report rep;
	struct tally t;
	char *out = NULL;
	size_t len = 0, i;
	FILE *fp = open_memstream(&out, &len);

	assert_non_null(fp);
	memset(&ro, 0, sizeof(ro));
	ro.format = fmt;
	ro.by = annotate ? BY_PASSAGE : by;
	ro.annotate = annotate;
	ro.explain = explain;
	ro.rules = &f->rs;
	tally_init(&t, f->rs.topics.n, &f->to);
	report_begin(&rep, &ro, fp);
	for (i = 0; i < f->nr; i++) {
		tally_add(&t, &f->r[i]);
		report_note(&rep, &f->r[i]);
	}
	tally_finish(&t, &f->to);
	report_end(&rep, &t);
	report_release(&rep);
	tally_release(&t);
	assert_int_equal(ferror(fp), 0);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(strlen(out), len);
	return out;
}

#define HAS(out, want) do {						\
	if (!strstr((out), (want)))					\
		fail_msg("no '%s' in:\n%s", (want), (out));		\
} while (0)

#define HASNT(out, bad) do {						\
	if (strstr((out), (bad)))					\
		fail_msg("'%s' should not be in:\n%s", (bad), (out));	\
} while (0)

#define STARTS(out, lit) do {						\
	if (strncmp((out), (lit), sizeof(lit) - 1) != 0)		\
		fail_msg("does not start with '%s':\n%s", (lit), (out));	\
} while (0)

/* The output holds this exact line. */
#define LINE(out, want) do {						\
	if (!has_line((out), (want)))					\
		fail_msg("no line '%s' in:\n%s", (want), (out));	\
} while (0)

static int has_line(const char *out, const char *line)
{
	size_t n = strlen(line);
	const char *p = out;

	while ((p = strstr(p, line))) {
		if ((p == out || p[-1] == '\n') && p[n] == '\n')
			return 1;
		p++;
	}
	return 0;
}

static size_t count(const char *out, const char *s)
{
	size_t n = 0;
	const char *p = out;

	while ((p = strstr(p, s))) {
		n++;
		p += strlen(s);
	}
	return n;
}

/*
 * Raw control characters (but for line ends, and tabs where `tab_ok`),
 * DEL, C1 and bidi controls must never reach the output.
 */
static void assert_clean(const char *out, int tab_ok)
{
	const unsigned char *p = (const unsigned char *)out;
	size_t i;

	for (i = 0; p[i]; i++) {
		if (p[i] == '\n' || (p[i] == '\t' && tab_ok))
			continue;
		if (p[i] < 0x20 || p[i] == 0x7F)
			fail_msg("raw byte 0x%02X at %zu in:\n%s", p[i], i, out);
		if (p[i] == 0xC2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F)
			fail_msg("raw C1 character at %zu", i);
		if (p[i] == 0xE2 && p[i + 1] == 0x80 && p[i + 2] >= 0xAA && p[i + 2] <= 0xAE)
			fail_msg("raw bidi control at %zu", i);
		if (p[i] == 0xE2 && p[i + 1] == 0x81 && p[i + 2] >= 0xA6 && p[i + 2] <= 0xA9)
			fail_msg("raw bidi isolate at %zu", i);
	}
}

/* A small JSON validator (RFC 8259): returns the end of the value at p,
 * or NULL when it is not valid JSON. */
static const char *json_value(const char *p, int depth);

static const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		if ((unsigned char)*p < 0x20)
			return NULL;	/* includes the terminating NUL */
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				int i;

				for (i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
						return NULL;
				p += 5;
				continue;
			}
			if (!*p || !strchr("\"\\/bfnrt", *p))
				return NULL;
		}
		p++;
	}
	return p + 1;
}

static const char *json_number(const char *p)
{
	const char *s;

	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	if (*p == '.') {
		s = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p == s)
			return NULL;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		s = p;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p == s)
			return NULL;
	}
	return p;
}

static const char *json_items(const char *p, int depth, char close, int object)
{
	p = json_ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (object) {
			p = json_string(json_ws(p));
			if (!p)
				return NULL;
			p = json_ws(p);
			if (*p++ != ':')
				return NULL;
		}
		p = json_value(p, depth + 1);
		if (!p)
			return NULL;
		p = json_ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

static const char *json_value(const char *p, int depth)
{
	if (depth > 32)
		return NULL;
	p = json_ws(p);
	switch (*p) {
	case '{':
		return json_items(p, depth, '}', 1);
	case '[':
		return json_items(p, depth, ']', 0);
	case '"':
		return json_string(p);
	case 't':
		return strncmp(p, "true", 4) ? NULL : p + 4;
	case 'f':
		return strncmp(p, "false", 5) ? NULL : p + 5;
	case 'n':
		return strncmp(p, "null", 4) ? NULL : p + 4;
	default:
		return json_number(p);
	}
}

static int json_valid(const char *s)
{
	const char *end = json_value(s, 0);

	return end && !*json_ws(end);
}

static void test_json_validator(void **state)
{
	(void)state;
	assert_true(json_valid("{\"a\": [1, -2.5e3, \"x\\\"y\\u00e9\", true, false, null, {}]}\n"));
	assert_false(json_valid("{\"a\": [1, 2}"));
	assert_false(json_valid("{\"a\": \"\\x1B\"}"));	/* not a JSON escape */
	assert_false(json_valid("{\"a\": \"\x1B\"}"));		/* raw control */
	assert_false(json_valid("{\"a\": 1,}"));
	assert_false(json_valid("{\"a\": 01}"));
	assert_false(json_valid("{\"a\": 1} x"));
	assert_false(json_valid("\"open"));
}

/* Each format and level of the usual set: well-formed and clean. */
static void test_every_format_and_level(void **state)
{
	struct fix *f = *state;
	enum format fmt;
	int by;

	scan_set(f, usual, NUSUAL);
	for (fmt = FORMAT_TEXT; fmt <= FORMAT_TSV; fmt++) {
		for (by = BY_CLIENT; by <= BY_PASSAGE; by++) {
			char *out = render(f, fmt, (enum level)by, 0, 0);

			assert_true(strlen(out) > 0);
			assert_int_equal(out[strlen(out) - 1], '\n');
			assert_clean(out, fmt == FORMAT_TSV);
			if (fmt == FORMAT_JSON && !json_valid(out))
				fail_msg("invalid JSON (by %d):\n%s", by, out);
			/* "(no client)" comes after every named client */
			if (by != BY_PASSAGE || fmt != FORMAT_TEXT) {
				const char *nc = strstr(out, NO_CLIENT);

				assert_non_null(nc);
				assert_true(nc > strstr(out, "Acme"));
				assert_true(nc > strstr(out, "Tab"));
				assert_true(nc > strstr(out, "Evil"));
			}
			free(out);
		}
	}
	/* explained passages too */
	for (fmt = FORMAT_TEXT; fmt <= FORMAT_TSV; fmt++) {
		char *out = render(f, fmt, BY_PASSAGE, 0, 1);

		assert_clean(out, fmt == FORMAT_TSV);
		if (fmt == FORMAT_JSON)
			assert_true(json_valid(out));
		free(out);
	}
}

static void test_scan_end_to_end(void **state)
{
	struct fix *f = *state;
	const struct note_result *a;

	scan_set(f, usual, NUSUAL);
	a = &f->r[0];
	assert_int_equal(a->clients.n, 1);
	assert_string_equal(a->clients.v[0], "Acme, \"Inc\"");
	assert_int_equal(a->np, 4);
	assert_int_equal(a->p[0].line, 8);
	assert_int_equal(a->p[0].label, LABEL_BUSINESS);
	assert_int_equal(a->p[1].line, 10);
	assert_int_equal(a->p[1].col, 3);
	assert_int_equal(a->p[1].label, LABEL_SOCIAL);
	assert_int_equal(a->p[1].topic_n, 2);
	assert_int_equal(a->p[2].referral, 1);
	assert_int_equal(a->p[3].label, LABEL_NEUTRAL);
	assert_int_equal(a->referral_asks, 1);
	assert_int_equal(a->words[LABEL_BUSINESS], 15);
	assert_int_equal(a->words[LABEL_SOCIAL], 6);
	assert_int_equal(a->words[LABEL_NEUTRAL], 6);
	/* 30 minutes apportioned by words */
	assert_float_equal(a->minutes[LABEL_BUSINESS], 30.0 * 15 / 27, 1e-9);
	assert_string_equal(f->r[1].clients.v[0], "Tab\tCo");
	assert_string_equal(f->r[2].clients.v[0], "Evil\x1B[31m\xE2\x80\xAE" "oc");
	assert_string_equal(f->r[3].clients.v[0], NO_CLIENT);
}

static void test_text_by_client(void **state)
{
	struct fix *f = *state;
	char *out;

	scan_set(f, usual, NUSUAL);
	out = render(f, FORMAT_TEXT, BY_CLIENT, 0, 0);
	LINE(out, "CLIENT                NOTES  LAST        WORDS  BUS%  SOC%  SPLIT                   FLAGS");
	LINE(out, "Acme, \"Inc\"               1  2024-05-01     27    71    29  [##############~~~~~~]");
	/* nothing classified: no share, no bar */
	LINE(out, "Evil\\x1B[31m\\u202Eoc      1  2024-06-02      4     -     -");
	HAS(out, "  [~~~~~~~~~~~~~~~~~~~~]  chatty\n");
	LINE(out, "(no client)               1  -               6     -     -");
	LINE(out, "TOTAL                     4  2024-06-02     43    56    44  [###########~~~~~~~~~]");
	assert_int_equal(count(out, "\n"), 6);
	free(out);
}

static void test_text_by_note(void **state)
{
	struct fix *f = *state;
	char *out;

	scan_set(f, usual, NUSUAL);
	out = render(f, FORMAT_TEXT, BY_NOTE, 0, 0);
	LINE(out, "PATH               CLIENT                DATE         MIN  WORDS  BUS%  SOC%  SPLIT");
	/* minutes only where a duration was given */
	LINE(out, "notes/a.md         Acme, \"Inc\"           2024-05-01  30.0     27    71    29  [##############~~~~~~]");
	LINE(out, "notes/b.md         Tab\\tCo               -              -      6     0   100  [~~~~~~~~~~~~~~~~~~~~]");
	LINE(out, "notes/c\\x1B[2J.md  Evil\\x1B[31m\\u202Eoc  2024-06-02     -      4     -     -");
	LINE(out, "notes/d.md         (no client)           -              -      6     -     -");
	assert_int_equal(count(out, "\n"), 5);
	free(out);
}

static void test_text_by_passage(void **state)
{
	struct fix *f = *state;
	char *out;

	scan_set(f, usual, NUSUAL);
	out = render(f, FORMAT_TEXT, BY_PASSAGE, 0, 0);
	HAS(out, "LOCATION ");
	LINE(out, "notes/a.md:10        social    0.0  2.0      6  social/family,social/sports  The kids loved the football match.");
	LINE(out, "notes/a.md:13        neutral   0.0  0.0      6  -                            Nothing to see here at all.");
	LINE(out, "notes/d.md:1         neutral   0.0  0.0      6  -                            No front matter; \\x1B]0;pwned\\x07 and \\u202E here.");
	assert_int_equal(count(out, "\n"), 8);
	free(out);
}

static void test_annotate(void **state)
{
	struct fix *f = *state;
	char *out;

	scan_set(f, usual, NUSUAL);
	out = render(f, FORMAT_TEXT, BY_PASSAGE, 1, 0);
	assert_string_equal(out,
		"notes/a.md:8:1: business (business 2.0, social 0.0) business/pricing: We talked about the price and the invoice.\n"
		"notes/a.md:10:3: social (business 0.0, social 2.0) social/family, social/sports: The kids loved the football match.\n"
		"notes/a.md:11:3: business (business 1.0, social 0.0) business/referral: Could you refer us to your partner?\n"
		"notes/a.md:13:1: neutral (business 0.0, social 0.0): Nothing to see here at all.\n"
		"notes/b.md:4:1: social (business 0.0, social 2.0) social/family, social/sports: Golf on Sunday with the kids.\n"
		"notes/c\\x1B[2J.md:5:1: neutral (business 0.0, social 0.0): Just a plain line.\n"
		"notes/d.md:1:1: neutral (business 0.0, social 0.0): No front matter; \\x1B]0;pwned\\x07 and \\u202E here.\n");
	free(out);

	out = render(f, FORMAT_TEXT, BY_PASSAGE, 1, 1);
	LINE(out, "notes/a.md:10:3: social (business 0.0, social 2.0) social/family, social/sports: The kids loved the football match. [s.sports 'football', s.family 'kids']");
	LINE(out, "notes/b.md:4:1: social (business 0.0, social 2.0) social/family, social/sports: Golf on Sunday with the kids. [s.sports 'Golf', s.family 'kids']");
	/* no rules matched: nothing added */
	LINE(out, "notes/a.md:13:1: neutral (business 0.0, social 0.0): Nothing to see here at all.");
	free(out);
}

static void test_annotate_mixed_scores(void **state)
{
	static const struct note_src src[] = {
		{ "m.md", "Sent the invoice, then football and the kids.\n" },
	};
	struct fix *f = *state;
	char *out;

	scan_set(f, src, 1);
	out = render(f, FORMAT_TEXT, BY_PASSAGE, 1, 0);
	assert_string_equal(out,
		"m.md:1:1: mixed (business 2.0, social 2.0) business/pricing, social/family, social/sports: "
		"Sent the invoice, then football and the kids.\n");
	free(out);
}

static void test_json_by_client(void **state)
{
	struct fix *f = *state;
	char *out;

	scan_set(f, usual, NUSUAL);
	out = render(f, FORMAT_JSON, BY_CLIENT, 0, 0);
	assert_true(json_valid(out));
	STARTS(out, "{\"schema\": 1,\n \"clients\": [\n");
	HAS(out, "{\"client\": \"Acme, \\\"Inc\\\"\", \"notes\": 1, \"first\": \"2024-05-01\", \"last\": \"2024-05-01\", ");
	HAS(out, "\"minutes\": {\"business\": 16.7, \"social\": 6.7, \"mixed\": 0.0, \"neutral\": 6.7}, \"social_share\": 0.2857, ");
	HAS(out, "\"topics\": {\"business/pricing\": 1, \"business/referral\": 1, \"social/family\": 1, \"social/sports\": 1}, \"referral_asks\": 1, \"introductions\": 0, \"flags\": []}");
	/* control and bidi characters escaped, then escaped for JSON */
	HAS(out, "{\"client\": \"Evil\\\\x1B[31m\\\\u202Eoc\", ");
	HAS(out, "{\"client\": \"Tab\\\\tCo\", \"notes\": 1, \"first\": null, \"last\": null, ");
	HAS(out, "\"social_share\": 1.0, \"topics\": {\"social/family\": 1, \"social/sports\": 1}, \"referral_asks\": 0, \"introductions\": 0, \"flags\": [\"chatty\"]}");
	/* nothing classified: null, never 0 */
	assert_int_equal(count(out, "\"social_share\": null"), 2);
	/* minutes only for the client (and totals) with a duration */
	assert_int_equal(count(out, "\"minutes\": "), 2);
	HAS(out, " \"totals\": {\"notes\": 4, \"first\": \"2024-05-01\", \"last\": \"2024-06-02\", ");
	HAS(out, "\"social_share\": 0.4444, ");
	free(out);
}

static void test_json_by_note(void **state)
{
	struct fix *f = *state;
	char *out;

	scan_set(f, usual, NUSUAL);
	out = render(f, FORMAT_JSON, BY_NOTE, 0, 0);
	assert_true(json_valid(out));
	STARTS(out, "{\"schema\": 1,\n \"notes\": [\n");
	HAS(out, "{\"path\": \"notes/a.md\", \"client\": \"Acme, \\\"Inc\\\"\", \"clients\": [\"Acme, \\\"Inc\\\"\"], \"date\": \"2024-05-01\", \"body_line\": 6, \"duration\": 30.0, ");
	HAS(out, "\"minutes\": {\"business\": 16.7, \"social\": 6.7, \"mixed\": 0.0, \"neutral\": 6.7}, \"social_share\": 0.2857, \"referral_asks\": 1, \"skipped_lines\": 0}");
	HAS(out, "{\"path\": \"notes/b.md\", \"client\": \"Tab\\\\tCo\", \"clients\": [\"Tab\\\\tCo\"], \"date\": null, \"body_line\": 4, \"passages\": ");
	HAS(out, "{\"path\": \"notes/c\\\\x1B[2J.md\", \"client\": \"Evil\\\\x1B[31m\\\\u202Eoc\", ");
	HAS(out, "\"words\": {\"business\": 0, \"social\": 0, \"mixed\": 0, \"neutral\": 4}, \"social_share\": null, \"referral_asks\": 0, \"skipped_lines\": 0}");
	/* duration and minutes only where a duration was given (and totals) */
	assert_int_equal(count(out, "\"duration\": "), 1);
	assert_int_equal(count(out, "\"minutes\": "), 2);
	assert_int_equal(count(out, "\"social_share\": null"), 2);
	free(out);
}

static void test_json_by_passage(void **state)
{
	struct fix *f = *state;
	char *out;

	scan_set(f, usual, NUSUAL);
	out = render(f, FORMAT_JSON, BY_PASSAGE, 0, 0);
	assert_true(json_valid(out));
	STARTS(out, "{\"schema\": 1,\n \"passages\": [\n");
	HAS(out, "{\"path\": \"notes/a.md\", \"line\": 10, \"col\": 3, \"client\": \"Acme, \\\"Inc\\\"\", \"clients\": [\"Acme, \\\"Inc\\\"\"], \"label\": \"social\", "
		 "\"scores\": {\"business\": 0.0, \"social\": 2.0}, \"topics\": [\"social/family\", \"social/sports\"], "
		 "\"words\": 6, \"section\": \"Kickoff\", \"speaker\": null, \"excerpt\": \"The kids loved the football match.\"}");
	HAS(out, "\"topics\": [], \"words\": 6, \"section\": null, \"speaker\": null, \"excerpt\": \"No front matter; \\\\x1B]0;pwned\\\\x07 and \\\\u202E here.\"}");
	HASNT(out, "\"rules\"");
	free(out);

	out = render(f, FORMAT_JSON, BY_PASSAGE, 0, 1);
	assert_true(json_valid(out));
	HAS(out, "\"excerpt\": \"The kids loved the football match.\", \"rules\": [{\"id\": \"s.sports\", \"match\": \"football\"}, {\"id\": \"s.family\", \"match\": \"kids\"}]}");
	HAS(out, "\"excerpt\": \"Nothing to see here at all.\", \"rules\": []}");
	free(out);
}

static void test_csv(void **state)
{
	struct fix *f = *state;
	char *out;

	scan_set(f, usual, NUSUAL);
	out = render(f, FORMAT_CSV, BY_CLIENT, 0, 0);
	STARTS(out, "client,notes,first,last,passages_business,passages_social,passages_mixed,"
			    "passages_neutral,words_business,words_social,words_mixed,words_neutral,"
			    "minutes_business,minutes_social,minutes_mixed,minutes_neutral,social_share,"
			    "referral_asks,introductions,flags\n");
	/* a comma and quotes: quoted, quotes doubled */
	LINE(out, "\"Acme, \"\"Inc\"\"\",1,2024-05-01,2024-05-01,2,1,0,1,15,6,0,6,16.7,6.7,0.0,6.7,0.2857,1,0,");
	/* no minutes, no share: empty fields */
	LINE(out, "Evil\\x1B[31m\\u202Eoc,1,2024-06-02,2024-06-02,0,0,0,1,0,0,0,4,,,,,,0,0,");
	LINE(out, "Tab\\tCo,1,,,0,1,0,0,0,6,0,0,,,,,1.0,0,0,chatty");
	LINE(out, "(no client),1,,,0,0,0,1,0,0,0,6,,,,,,0,0,");
	assert_int_equal(count(out, "\n"), 5);		/* no totals row */
	free(out);

	out = render(f, FORMAT_CSV, BY_NOTE, 0, 0);
	LINE(out, "path,client,date,duration,passages_business,passages_social,passages_mixed,passages_neutral,"
		  "words_business,words_social,words_mixed,words_neutral,social_share,referral_asks,skipped_lines");
	LINE(out, "notes/a.md,\"Acme, \"\"Inc\"\"\",2024-05-01,30.0,2,1,0,1,15,6,0,6,0.2857,1,0");
	LINE(out, "notes/c\\x1B[2J.md,Evil\\x1B[31m\\u202Eoc,2024-06-02,,0,0,0,1,0,0,0,4,,0,0");
	free(out);

	out = render(f, FORMAT_CSV, BY_PASSAGE, 0, 0);
	LINE(out, "path,line,col,client,label,score_business,score_social,topics,words,excerpt,speaker");
	LINE(out, "notes/a.md,10,3,\"Acme, \"\"Inc\"\"\",social,0.0,2.0,social/family;social/sports,6,The kids loved the football match.,");
	LINE(out, "notes/d.md,1,1,(no client),neutral,0.0,0.0,,6,No front matter; \\x1B]0;pwned\\x07 and \\u202E here.,");
	free(out);
}

static void test_csv_quoting(void **state)
{
	static const struct note_src src[] = {
		{ "q,1.md", "---\nclient: Acme\n---\nprice\n" },
		{ "q2.md", "---\nclient: 'say \"hi\"'\n---\nA passage, with \"quotes\", and a price.\n" },
		{ " edge.md ", "---\nclient: Acme\n---\nprice\n" },
	};
	struct fix *f = *state;
	char *out;

	scan_set(f, src, 3);
	out = render(f, FORMAT_CSV, BY_PASSAGE, 0, 0);
	/* a path with a comma, quotes in a name and in an excerpt, edge spaces */
	LINE(out, "\"q,1.md\",4,1,Acme,business,2.0,0.0,business/pricing,1,price,");
	LINE(out, "q2.md,4,1,\"say \"\"hi\"\"\",business,2.0,0.0,business/pricing,7,\"A passage, with \"\"quotes\"\", and a price.\",");
	LINE(out, "\" edge.md \",4,1,Acme,business,2.0,0.0,business/pricing,1,price,");
	free(out);
}

/* Splits on '\n' and checks every line has n tab-separated fields. */
static void assert_tsv_fields(const char *out, size_t n)
{
	const char *p = out;

	while (*p) {
		const char *end = strchr(p, '\n');
		size_t tabs = 0;

		assert_non_null(end);
		for (; p < end; p++)
			tabs += *p == '\t';
		if (tabs + 1 != n)
			fail_msg("a line with %zu fields, not %zu, in:\n%s", tabs + 1, n, out);
		p = end + 1;
	}
}

static void test_tsv(void **state)
{
	struct fix *f = *state;
	char *out;

	scan_set(f, usual, NUSUAL);
	out = render(f, FORMAT_TSV, BY_CLIENT, 0, 0);
	assert_tsv_fields(out, 20);
	/* no quoting in TSV; the tab in the name is escaped */
	LINE(out, "Acme, \"Inc\"\t1\t2024-05-01\t2024-05-01\t2\t1\t0\t1\t15\t6\t0\t6\t16.7\t6.7\t0.0\t6.7\t0.2857\t1\t0\t");
	LINE(out, "Tab\\tCo\t1\t\t\t0\t1\t0\t0\t0\t6\t0\t0\t\t\t\t\t1.0\t0\t0\tchatty");
	LINE(out, "Evil\\x1B[31m\\u202Eoc\t1\t2024-06-02\t2024-06-02\t0\t0\t0\t1\t0\t0\t0\t4\t\t\t\t\t\t0\t0\t");
	free(out);

	out = render(f, FORMAT_TSV, BY_NOTE, 0, 0);
	assert_tsv_fields(out, 15);
	LINE(out, "notes/b.md\tTab\\tCo\t\t\t0\t1\t0\t0\t0\t6\t0\t0\t1.0\t0\t0");
	free(out);

	out = render(f, FORMAT_TSV, BY_PASSAGE, 0, 0);
	assert_tsv_fields(out, 11);
	LINE(out, "notes/b.md\t4\t1\tTab\\tCo\tsocial\t0.0\t2.0\tsocial/family;social/sports\t6\tGolf on Sunday with the kids.\t");
	free(out);
}

static void test_tab_in_text(void **state)
{
	static const struct note_src src[] = {
		{ "t\tab.md", "---\nclient: Acme\n---\nPrice\tlist\tsent.\n" },
	};
	struct fix *f = *state;
	char *out;

	scan_set(f, src, 1);
	out = render(f, FORMAT_TSV, BY_PASSAGE, 0, 0);
	assert_tsv_fields(out, 11);
	/* the path's tab is escaped; white space in an excerpt is folded */
	LINE(out, "t\\tab.md\t4\t1\tAcme\tbusiness\t2.0\t0.0\tbusiness/pricing\t3\tPrice list sent.\t");
	free(out);
	out = render(f, FORMAT_TSV, BY_NOTE, 0, 0);
	assert_tsv_fields(out, 15);
	free(out);
}

static void test_two_clients(void **state)
{
	static const struct note_src src[] = {
		{ "joint.md", "---\nclient: [Acme, Beta]\n---\nThe invoice.\n\nThe kids.\n" },
		{ "solo.md", "---\nclient: beta\n---\nThe price.\n" },
	};
	struct fix *f = *state;
	char *out;

	scan_set(f, src, 2);
	out = render(f, FORMAT_JSON, BY_NOTE, 0, 0);
	assert_true(json_valid(out));
	HAS(out, "{\"path\": \"joint.md\", \"client\": \"Acme\", \"clients\": [\"Acme\", \"Beta\"], ");
	HAS(out, "{\"path\": \"solo.md\", \"client\": \"beta\", ");
	HAS(out, "\"totals\": {\"notes\": 2, ");
	free(out);

	out = render(f, FORMAT_CSV, BY_NOTE, 0, 0);
	LINE(out, "joint.md,Acme;Beta,,,1,1,0,0,2,2,0,0,0.5,0,0");
	free(out);

	out = render(f, FORMAT_TEXT, BY_NOTE, 0, 0);
	HAS(out, "joint.md  Acme, Beta  ");
	free(out);

	/* the joint note counts for both; "Beta" was spelt twice, once each way */
	out = render(f, FORMAT_CSV, BY_CLIENT, 0, 0);
	LINE(out, "Acme,1,,,1,1,0,0,2,2,0,0,,,,,0.5,0,0,chatty");
	LINE(out, "Beta,2,,,2,1,0,0,4,2,0,0,,,,,0.3333,0,0,chatty");
	free(out);
}

static void test_introductions_and_flags(void **state)
{
	static const struct note_src src[] = {
		{ "a.md", "---\nclient: Acme\n---\nThe invoice and the price.\n" },
		{ "b.md", "---\nclient: Beta\nintroduced_by: '[[Acme]]'\n---\nCan you refer us? Could you make a referral?\n\nAny referral welcome.\n" },
	};
	struct fix *f = *state;
	char *out;

	scan_set(f, src, 2);
	out = render(f, FORMAT_JSON, BY_CLIENT, 0, 0);
	assert_true(json_valid(out));
	HAS(out, "{\"client\": \"Acme\", ");
	HAS(out, "\"referral_asks\": 0, \"introductions\": 1, \"flags\": [\"all-business\"]}");
	HAS(out, "\"referral_asks\": 2, \"introductions\": 0, \"flags\": [\"all-business\", \"referral-heavy\"]}");
	free(out);
	out = render(f, FORMAT_TEXT, BY_CLIENT, 0, 0);
	HAS(out, "  all-business,referral-heavy\n");
	free(out);
}

static void test_no_notes(void **state)
{
	struct fix *f = *state;
	char *out;
	int by;

	scan_set(f, NULL, 0);
	for (by = BY_CLIENT; by <= BY_PASSAGE; by++) {
		out = render(f, FORMAT_JSON, (enum level)by, 0, 0);
		if (!json_valid(out))
			fail_msg("invalid JSON:\n%s", out);
		HAS(out, "\"notes\": 0, \"first\": null, \"last\": null, ");
		HAS(out, "\"social_share\": null, ");
		HASNT(out, "\"minutes\"");
		free(out);
		out = render(f, FORMAT_CSV, (enum level)by, 0, 0);
		assert_int_equal(count(out, "\n"), 1);		/* the header alone */
		free(out);
		out = render(f, FORMAT_TSV, (enum level)by, 0, 0);
		assert_int_equal(count(out, "\n"), 1);
		free(out);
	}
	out = render(f, FORMAT_TEXT, BY_CLIENT, 0, 0);
	LINE(out, "TOTAL       0  -         0     -     -");
	free(out);
	out = render(f, FORMAT_TEXT, BY_PASSAGE, 1, 0);
	assert_string_equal(out, "");
	free(out);
}

static void test_long_excerpts(void **state)
{
	struct fix *f = *state;
	struct note_src src[1];
	struct buf text = BUF_INIT;
	char *out;
	const char *p;

	buf_adds(&text, "---\nclient: Acme\n---\n");
	while (text.len < 600)
		buf_adds(&text, "lorem ipsum dolor ");
	buf_adds(&text, "\n");
	src[0].path = "long.md";
	src[0].text = text.ptr;
	scan_set(f, src, 1);

	/* cut with an ellipsis: 160 columns in annotate, 200 in JSON */
	out = render(f, FORMAT_TEXT, BY_PASSAGE, 1, 0);
	p = strstr(out, ": lorem");
	assert_non_null(p);
	p += 2;
	assert_int_equal(strlen(p), 159 + 3 + 1);	/* 159 columns, "…", "\n" */
	HAS(out, "\xE2\x80\xA6\n");
	free(out);
	out = render(f, FORMAT_JSON, BY_PASSAGE, 0, 0);
	assert_true(json_valid(out));
	p = strstr(out, "\"excerpt\": \"");
	assert_non_null(p);
	p += 12;
	assert_int_equal(strchr(p, '"') - p, 199 + 3);
	free(out);
	buf_release(&text);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

/* An excerpt is cut by columns and by bytes: combining marks take no
 * column, so 100,000 of them would otherwise all be shown. */
static void test_excerpt_bounds(void **state)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	size_t i;

	(void)state;
	buf_adds(&in, "a");
	for (i = 0; i < 100000; i++)
		buf_adds(&in, "\xCC\x81");	/* U+0301 */
	buf_adds(&in, " golf");
	render_excerpt(&out, in.ptr, in.len, 40, 0);
	assert_true(out.len <= 40 * EXCERPT_BYTES_PER_COLUMN);
	assert_memory_equal(out.ptr + out.len - 3, "\xE2\x80\xA6", 3);
	assert_int_equal(utf8_check(out.ptr, out.len), out.len);
	buf_reset(&out);
	render_excerpt(&out, "short  and\nplain ", 17, 40, 0);
	assert_string_equal(out.ptr, "short and plain");
	buf_reset(&out);
	render_excerpt(&out, "\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD", 9, 40, 0);	/* fits: kept */
	assert_string_equal(out.ptr, "\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD");
	/* an escape is whole or not there: the cut at 9 columns falls inside
	 * "\x7F", which goes as a whole */
	buf_reset(&out);
	render_excerpt(&out, "abcdef\x7Fgh", 9, 10, 0);
	assert_string_equal(out.ptr, "abcdef\xE2\x80\xA6");
	buf_reset(&out);
	render_excerpt(&out, "abcdef\x7Fgh", 9, 11, 0);
	assert_string_equal(out.ptr, "abcdef\\x7F\xE2\x80\xA6");
	buf_reset(&out);
	render_excerpt(&out, "abcdef\x7F", 7, 10, 0);	/* fits: kept */
	assert_string_equal(out.ptr, "abcdef\\x7F");
	buf_release(&in);
	buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_validator),
		cmocka_unit_test(test_excerpt_bounds),
		T(test_scan_end_to_end),
		T(test_every_format_and_level),
		T(test_text_by_client),
		T(test_text_by_note),
		T(test_text_by_passage),
		T(test_annotate),
		T(test_annotate_mixed_scores),
		T(test_json_by_client),
		T(test_json_by_note),
		T(test_json_by_passage),
		T(test_csv),
		T(test_csv_quoting),
		T(test_tsv),
		T(test_tab_in_text),
		T(test_two_clients),
		T(test_introductions_and_flags),
		T(test_no_notes),
		T(test_long_excerpts),
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
