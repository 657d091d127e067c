/*
 * date: every date banter reads, and calendar arithmetic for the date
 * filters and the periods.  Dates are YYYY-MM-DD strings of the proleptic
 * Gregorian calendar, years 0001 to 9999.
 *
 * Layer: primitives.  Calls util only.
 */
#ifndef BANTER_DATE_H
#define BANTER_DATE_H

#include <stddef.h>

/*
 * Reads a date: YYYY-MM-DD, or ISO 8601 with a time,
 * YYYY-MM-DD[T ]HH[:MM[:SS[.fff]]][Z|+HH[:MM]|-HH[:MM]] (white space round
 * it allowed), or with a time zone's name after the time or the offset,
 * "2020-01-24 14:00:00 UTC" (the day as written).  Sets out to the YYYY-MM-DD and returns 0, or returns -1
 * when s[0, len) is no valid date.
 */
int date_parse(const char *s, size_t len, char out[11]);

/* Finds a valid YYYY-MM-DD, not next to another digit, in the last
 * component of a path.  Returns 0 or -1. */
int date_from_path(const char *path, char out[11]);

/* Days from 0001-01-01 to a YYYY-MM-DD date. */
long date_days(const char *date);

/* The date `days` days after 0001-01-01: the inverse of date_days(). */
void date_of_days(long days, char out[11]);

/*
 * A YYYY-MM-DD date, or a span back from `now`: Nd (days), Nw (weeks), Nm
 * (calendar months, the day clamped to the month's end: 3m before 05-31 is
 * 02-28 or 02-29) or Ny (years).  Returns 0, or -1 when `arg` is neither.
 */
int date_resolve(const char *arg, const char *now, char out[11]);

#endif
