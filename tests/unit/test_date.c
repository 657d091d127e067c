#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "date.h"

static void resolves(const char *arg, const char *now, const char *want)
{
	char out[11];

	assert_int_equal(date_resolve(arg, now, out), 0);
	assert_string_equal(out, want);
}

static void test_absolute(void **state)
{
	char out[11];

	(void)state;
	resolves("2026-01-02", "2024-05-31", "2026-01-02");
	assert_int_equal(date_resolve("2026-02-30", "2024-05-31", out), -1);
	assert_int_equal(date_resolve("2026-01-02T10:00", "2024-05-31", out), -1);
}

static void test_days_and_weeks(void **state)
{
	(void)state;
	resolves("0d", "2024-05-31", "2024-05-31");
	resolves("1d", "2024-03-01", "2024-02-29");
	resolves("1d", "2023-03-01", "2023-02-28");
	resolves("2w", "2024-01-03", "2023-12-20");
	resolves("365d", "2025-01-01", "2024-01-02");
}

static void test_months_clamp_to_month_end(void **state)
{
	(void)state;
	resolves("1m", "2024-05-31", "2024-04-30");
	resolves("3m", "2024-05-31", "2024-02-29");
	resolves("3m", "2023-05-31", "2023-02-28");
	resolves("6m", "2024-03-15", "2023-09-15");
	resolves("12m", "2024-05-31", "2023-05-31");
	resolves("1y", "2024-02-29", "2023-02-28");
}

static void test_bad_spans(void **state)
{
	char out[11];

	(void)state;
	assert_int_equal(date_resolve("x", "2024-05-31", out), -1);
	assert_int_equal(date_resolve("5q", "2024-05-31", out), -1);
	assert_int_equal(date_resolve("d", "2024-05-31", out), -1);
	assert_int_equal(date_resolve("-3d", "2024-05-31", out), -1);
	assert_int_equal(date_resolve("3 d", "2024-05-31", out), -1);
	assert_int_equal(date_resolve("999999d", "2024-05-31", out), -1);
	/* no "today" to count back from */
	assert_int_equal(date_resolve("3d", "", out), -1);
}

static void test_days_round_trip(void **state)
{
	static const char *const dates[] = {
		"0001-01-01", "1999-12-31", "2000-02-29", "2024-02-29", "2026-11-22", "9999-12-31"
	};
	char out[11];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		date_of_days(date_days(dates[i]), out);
		assert_string_equal(out, dates[i]);
	}
	assert_int_equal(date_days("2024-03-01") - date_days("2024-02-28"), 2);
}

static void test_parse_date_valid(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
		{ "2026-03-04", "2026-03-04" },
		{ "  2026-03-04 ", "2026-03-04" },
		{ "2026-05-12T14:30:00+01:00", "2026-05-12" },
		{ "2026-05-12T14:30:00-0500", "2026-05-12" },
		{ "2026-05-12T14:30:00+01", "2026-05-12" },
		{ "2026-05-12 09:00", "2026-05-12" },
		{ "2026-05-12T14:30Z", "2026-05-12" },
		{ "2026-05-12t14:30z", "2026-05-12" },
		{ "2026-05-12T14:30:00.123Z", "2026-05-12" },
		{ "2026-05-12 14:30:00 +01:00", "2026-05-12" },
		{ "2024-02-29", "2024-02-29" },
		{ "2000-02-29", "2000-02-29" },
		{ "2026-12-31T23:59:60Z", "2026-12-31" },
		/* reduced precision: the hour alone (ISO 8601) */
		{ "2024-01-02T10", "2024-01-02" },
		{ "2024-01-02 10", "2024-01-02" },
		{ "2024-01-02t00", "2024-01-02" },
		{ "2024-01-02T23Z", "2024-01-02" },
		{ "2024-01-02T10+01:00", "2024-01-02" },
		{ "2024-01-02T10-05", "2024-01-02" },
		{ "2024-01-02T10:30", "2024-01-02" },
		/* a time zone's name after the time */
		{ "2020-01-24 14:00:00 UTC", "2020-01-24" },
		{ "2020-01-24T23:30 CEST", "2020-01-24" },
		{ "2020-01-24 14:00 +01:00 CET", "2020-01-24" },
		{ "2020-01-24 14:00 Europe/Berlin", "2020-01-24" },
		{ "2020-01-24 14:00:00 America/New_York", "2020-01-24" },
	};
	size_t i;
	char out[11];

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(out, 'x', sizeof(out));
		if (date_parse(cases[i].in, strlen(cases[i].in), out) != 0)
			fail_msg("'%s' should be a date", cases[i].in);
		assert_string_equal(out, cases[i].out);
	}
}

static void test_parse_date_invalid(void **state)
{
	static const char *const bad[] = {
		"2026-02-30", "2023-02-29", "1900-02-29", "2026-13-01", "2026-00-10",
		"2026-01-00", "2026-13-45", "2026-1-1", "26-01-01", "2026/01/01",
		"20260101", "2026-01-01x", "2026-01-01T", "2026-01-01T25:00",
		"2026-01-01T12:60", "2026-01-01T12:", "2026-01-01T12:30:", "2026-01-01T1:30",
		"2026-01-01T1", "2026-01-01T24", "2026-01-01 1", "2026-01-01T123",
		"2026-01-01T12+1", "2026-01-01T12x", "2026-01-01T12:3",
		"2026-01-01T12:30+1", "2026-01-01T12:30Zz", "0000-01-01", "", "soon",
		"{{date}}", "2026-01-01T12:30:00.Z", "2026-01-01 12:00 junk",
		"2026-01-01 12:00UTC", "2026-01-01 12:00 U", "2026-01-01 12:00 UTC2",
		"2026-01-01 12:00 Europe/", "2026-01-01 12:00 +01:00UTC",
	};
	size_t i;
	char out[11];

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (date_parse(bad[i], strlen(bad[i]), out) == 0)
			fail_msg("'%s' should not be a date", bad[i]);
}

static void test_parse_date_uses_length(void **state)
{
	char out[11];

	(void)state;
	/* a span, not a C string: the bytes after it do not count */
	assert_int_equal(date_parse("2026-03-04junk", 10, out), 0);
	assert_string_equal(out, "2026-03-04");
	assert_int_equal(date_parse("2026-03-04", 9, out), -1);
}

static void test_date_from_path(void **state)
{
	static const struct {
		const char *path;
		const char *date;	/* NULL: none */
	} cases[] = {
		{ "notes/2026-03-04-kickoff.md", "2026-03-04" },
		{ "2026-03-04.md", "2026-03-04" },
		{ "notes/Kickoff 2026-03-04.md", "2026-03-04" },
		{ "a/b/acme_2026-12-31_review.markdown", "2026-12-31" },
		{ "notes/2026-03-04/kickoff.md", NULL },	/* the folder does not count */
		{ "notes/12026-03-04.md", NULL },
		{ "notes/2026-03-045.md", NULL },
		{ "notes/2026-02-30-x.md", NULL },
		{ "notes/20260304.md", NULL },
		{ "notes/kickoff.md", NULL },
		{ "notes/x-2026-02-30-2026-03-01.md", "2026-03-01" },
	};
	size_t i;
	char out[11];

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int r = date_from_path(cases[i].path, out);

		if (cases[i].date) {
			if (r != 0)
				fail_msg("no date found in '%s'", cases[i].path);
			assert_string_equal(out, cases[i].date);
		} else if (r == 0) {
			fail_msg("a date '%s' found in '%s'", out, cases[i].path);
		}
	}
}

static void test_days(void **state)
{
	(void)state;
	assert_int_equal(date_days("0001-01-01"), 0);
	assert_int_equal(date_days("0001-01-02"), 1);
	assert_int_equal(date_days("0001-03-01"), 59);
	assert_int_equal(date_days("1970-01-01"), 719162);
	assert_int_equal(date_days("2024-03-01") - date_days("2024-02-28"), 2);
	assert_int_equal(date_days("2023-03-01") - date_days("2023-02-28"), 1);
	assert_int_equal(date_days("2000-03-01") - date_days("2000-02-28"), 2);
	assert_int_equal(date_days("2100-03-01") - date_days("2100-02-28"), 1);
	assert_int_equal(date_days("2000-01-01") - date_days("1999-12-31"), 1);
	assert_int_equal(date_days("2025-01-01") - date_days("2024-01-01"), 366);
	assert_int_equal(date_days("2024-12-31") - date_days("2024-01-01"), 365);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absolute),
		cmocka_unit_test(test_days_and_weeks),
		cmocka_unit_test(test_months_clamp_to_month_end),
		cmocka_unit_test(test_bad_spans),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_parse_date_valid),
		cmocka_unit_test(test_parse_date_invalid),
		cmocka_unit_test(test_parse_date_uses_length),
		cmocka_unit_test(test_date_from_path),
		cmocka_unit_test(test_days),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
