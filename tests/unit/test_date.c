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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absolute),
		cmocka_unit_test(test_days_and_weeks),
		cmocka_unit_test(test_months_clamp_to_month_end),
		cmocka_unit_test(test_bad_spans),
		cmocka_unit_test(test_days_round_trip),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
