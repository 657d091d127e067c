#include "date.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Checks YYYY-MM-DD at s (10 bytes available). */
static int ymd(const char *s, char out[11])
{
	int y, m, dd;

	if (!span_digits(s, 4) || s[4] != '-' || !span_digits(s + 5, 2) || s[7] != '-' || !span_digits(s + 8, 2))
		return -1;
	y = span_num(s, 4);
	m = span_num(s + 5, 2);
	dd = span_num(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || dd < 1 || dd > days_in_month(y, m))
		return -1;
	memcpy(out, s, 10);
	out[10] = '\0';
	return 0;
}

/* Reads :MM[:SS[.fff]] at s[*i], the ':' there. */
static int time_rest(const char *s, size_t len, size_t *i)
{
	size_t j = *i;

	if (len < j + 3 || !span_digits(s + j + 1, 2) || span_num(s + j + 1, 2) > 59)
		return -1;
	j += 3;
	if (j < len && s[j] == ':') {
		if (len < j + 3 || !span_digits(s + j + 1, 2) || span_num(s + j + 1, 2) > 60)
			return -1;
		j += 3;
		if (j < len && (s[j] == '.' || s[j] == ',')) {
			j++;
			if (j >= len || !is_digit((unsigned char)s[j]))
				return -1;
			while (j < len && is_digit((unsigned char)s[j]))
				j++;
		}
	}
	*i = j;
	return 0;
}

/* A time zone's name after the time, "UTC", "CEST" (2 to 5 capitals) or
 * "Europe/Berlin" (letters, '_' and one '/' or more): the day is the day
 * as written, whatever the zone.  0, or -1. */
static int zone_name(const char *s, size_t len)
{
	size_t i, caps = 0, slash = 0;

	if (!len || len > 40 || !is_alpha((unsigned char)s[0]))
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			caps++;
		else if (s[i] == '/')
			slash++;
		else if (!is_alpha((unsigned char)s[i]) && s[i] != '_')
			return -1;
	}
	if (slash)
		return s[len - 1] == '/' ? -1 : 0;
	return caps == len && len >= 2 && len <= 5 ? 0 : -1;
}

int date_parse(const char *s, size_t len, char out[11])
{
	size_t i, blank;

	span_trim(&s, &len);
	if (len < 10 || ymd(s, out) < 0)
		return -1;
	if (len == 10)
		return 0;
	/* ISO 8601 time: [T ]HH[:MM[:SS[.fff]]][Z|+HH[:MM]|-HH[:MM]], the
	 * hour alone being ISO's reduced precision */
	i = 10;
	if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
		return -1;
	i++;
	if (len < i + 2 || !span_digits(s + i, 2) || span_num(s + i, 2) > 23)
		return -1;
	i += 2;
	if (i < len && s[i] == ':' && time_rest(s, len, &i) < 0)
		return -1;
	for (blank = i; i < len && s[i] == ' '; i++)
		;
	blank = i > blank;
	if (i == len)
		return 0;
	if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == len)
		return 0;
	if (s[i] == '+' || s[i] == '-') {
		i++;
		if (len < i + 2 || !span_digits(s + i, 2))
			return -1;
		i += 2;
		if (i < len && s[i] == ':')
			i++;
		if (len >= i + 2 && span_digits(s + i, 2))
			i += 2;
		if (i == len)
			return 0;
		if (s[i] != ' ')
			return -1;
		while (i < len && s[i] == ' ')
			i++;
		blank = 1;
	}
	return blank ? zone_name(s + i, len - i) : -1;
}

int date_from_path(const char *path, char out[11])
{
	const char *base = strrchr(path, '/');
	size_t i, n;

	base = base ? base + 1 : path;
	n = strlen(base);
	for (i = 0; i + 10 <= n; i++) {
		if (i > 0 && is_digit((unsigned char)base[i - 1]))
			continue;
		if (ymd(base + i, out) == 0 && (i + 10 == n || !is_digit((unsigned char)base[i + 10])))
			return 0;
	}
	return -1;
}

/* The date `days` days after 0001-01-01 (see date_days). */
void date_of_days(long z, char out[11])
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 306;	/* the algorithm counts from 0000-03-01 */

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	if (y < 1 || y > 9999) {
		y = y < 1 ? 1 : 9999;
		m = y == 1 ? 1 : 12;
		d = y == 1 ? 1 : 31;
	}
	snprintf(out, 11, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
}

long date_days(const char *date)
{
	long y = atol(date), m = atol(date + 5), d = atol(date + 8);

	/* days from civil (proleptic Gregorian), counted from 0000-03-01;
	 * 0001-01-01 is 306 days later */
	if (m <= 2)
		y--;
	long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 306;
}

/* YYYY-MM-DD, or a span back from today: 30d, 12w, 6m, 1y. */
int date_resolve(const char *arg, const char *now, char out[11])
{
	unsigned long long n;
	size_t len = strlen(arg);
	char num[16], *end;
	long days;

	if (date_parse(arg, len, out) == 0 && len == 10)
		return 0;
	if (len < 2 || len > sizeof(num) || !now[0])
		return -1;
	memcpy(num, arg, len - 1);
	num[len - 1] = '\0';
	if (!is_digit((unsigned char)num[0]))
		return -1;
	errno = 0;
	n = strtoull(num, &end, 10);
	if (*end || errno || n > 100000)
		return -1;
	switch (arg[len - 1]) {
	case 'd':
		days = (long)n;
		break;
	case 'w':
		days = (long)n * 7;
		break;
	case 'm': {
		/* calendar months back, the day clamped to the month's end */
		long y = atol(now), m = atol(now + 5), d = atol(now + 8), k = (long)n;
		char tmp[11];

		m -= k % 12;
		y -= k / 12;
		if (m < 1) {
			m += 12;
			y--;
		}
		if (y < 1)
			return -1;
		for (; d > 28; d--) {
			snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", (int)y, (int)m, (int)d);
			if (date_parse(tmp, 10, out) == 0)
				return 0;
		}
		snprintf(out, 11, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
		return 0;
	}
	case 'y':
		snprintf(num, sizeof(num), "%llum", n * 12);
		return date_resolve(num, now, out);
	default:
		return -1;
	}
	days = date_days(now) - days;
	if (days < 0)
		return -1;
	date_of_days(days, out);
	return 0;
}

