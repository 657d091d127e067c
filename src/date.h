/*
 * date: calendar arithmetic for the date filters.  Dates are YYYY-MM-DD
 * strings of the proleptic Gregorian calendar; tally_days() counts days.
 */
#ifndef BANTER_DATE_H
#define BANTER_DATE_H

/* The date `days` days after 0001-01-01: the inverse of tally_days(). */
void date_of_days(long days, char out[11]);

/*
 * A YYYY-MM-DD date, or a span back from `now`: Nd (days), Nw (weeks), Nm
 * (calendar months, the day clamped to the month's end: 3m before 05-31 is
 * 02-28 or 02-29) or Ny (years).  Returns 0, or -1 when `arg` is neither.
 */
int date_resolve(const char *arg, const char *now, char out[11]);

#endif
