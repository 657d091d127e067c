/*
 * cli_value: the syntax of option values.  Each function returns 0 (or
 * what it says), or -1 for a value it does not take; the caller says what
 * was wrong.
 *
 * Layer: glue, below cli.c.  May call the primitives (util, strlist) and
 * tally (the flag names); called by cli.c.
 */
#ifndef BANTER_CLI_VALUE_H
#define BANTER_CLI_VALUE_H

#include "meta.h"

/* The index of `arg` in the NULL-terminated `names`, or -1. */
int cli_value_choice(const char *arg, const char *const *names);

/* LO-HI, two plain decimal numbers (12, 12.5, .5) with LO <= HI <= 100. */
int cli_value_target(const char *s, double *lo, double *hi);

/* A whole number of decimal digits, at most `max`. */
int cli_value_uint(const char *s, unsigned long long max, unsigned long long *v);

/* A plain decimal number up to 1000. */
int cli_value_rate(const char *s, double *v);

/* A comma-separated list into `l` (emptied first), each item trimmed of
 * blanks; empty items dropped. */
void cli_value_list(struct strlist *l, const char *s);

/* A list of flag names (tally.h's flag_names) into a mask of enum flag;
 * -1 when one is unknown (the others are still set). */
int cli_value_flags(const char *s, unsigned *mask);

#endif
