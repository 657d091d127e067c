/*
 * cli_value: the syntax of option values (cli_value.h).
 * Layer: glue, below cli.c; calls tally's flag names and the primitives.
 */
#include "cli_value.h"
#include "meta.h"
#include "tally.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int cli_value_choice(const char *arg, const char *const *names)
{
	int i;

	for (i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	return -1;
}

/* A plain decimal number (12, 12.5, .5) at s, or -1; *end after it.
 * strtod alone would take "nan", "inf" and hexadecimal too. */
static int decimal(const char *s, double *v, const char **end)
{
	const char *p = s;
	size_t digits = 0;

	for (; is_digit((unsigned char)*p); p++)
		digits++;
	if (*p == '.')
		for (p++; is_digit((unsigned char)*p); p++)
			digits++;
	if (!digits)
		return -1;
	*v = strtod(s, NULL);
	*end = p;
	return 0;
}

int cli_value_target(const char *s, double *lo, double *hi)
{
	const char *end;

	if (decimal(s, lo, &end) < 0 || *end != '-')
		return -1;
	if (decimal(end + 1, hi, &end) < 0 || *end || *hi > 100 || *lo > *hi)
		return -1;
	return 0;
}

int cli_value_uint(const char *s, unsigned long long max, unsigned long long *v)
{
	char *end;

	if (!is_digit((unsigned char)*s))
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	if (*end || errno || *v > max)
		return -1;
	return 0;
}

int cli_value_rate(const char *s, double *v)
{
	const char *end;

	if (decimal(s, v, &end) < 0 || *end || *v > 1000)
		return -1;
	return 0;
}

void cli_value_list(struct strlist *l, const char *s)
{
	const char *end;

	strlist_release(l);
	while (*s) {
		end = strchr(s, ',');
		if (!end)
			end = s + strlen(s);
		while (s < end && is_blank((unsigned char)*s))
			s++;
		size_t n = (size_t)(end - s);
		while (n && is_blank((unsigned char)s[n - 1]))
			n--;
		if (n)
			strlist_add(l, s, n);
		s = *end ? end + 1 : end;
	}
}

int cli_value_flags(const char *s, unsigned *mask)
{
	struct strlist l = { NULL, 0, 0 };
	size_t i, k;
	int ret = 0;

	cli_value_list(&l, s);
	*mask = 0;
	for (i = 0; i < l.n; i++) {
		for (k = 0; k < FLAG_COUNT; k++)
			if (strcmp(l.v[i], flag_names[k]) == 0)
				break;
		if (k == FLAG_COUNT)
			ret = -1;
		else
			*mask |= 1u << k;
	}
	strlist_release(&l);
	return ret;
}

