#include "date.h"
#include "meta.h"
#include "tally.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The date `days` days after 0001-01-01 (see tally_days). */
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

/* YYYY-MM-DD, or a span back from today: 30d, 12w, 6m, 1y. */
int date_resolve(const char *arg, const char *now, char out[11])
{
	unsigned long long n;
	size_t len = strlen(arg);
	char num[16], *end;
	long days;

	if (meta_parse_date(arg, len, out) == 0 && len == 10)
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
			if (meta_parse_date(tmp, 10, out) == 0)
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
	days = tally_days(now) - days;
	if (days < 0)
		return -1;
	date_of_days(days, out);
	return 0;
}

