/*
 * cli_help: what banter says about its options: the --help text, and the
 * message for a bad option or value.
 *
 * Layer: glue, below cli.c.  May call the primitives (buf, esc) and limits
 * (limits_describe); called by cli.c.
 */
#ifndef BANTER_CLI_HELP_H
#define BANTER_CLI_HELP_H

#include <stdarg.h>

/* Prints --help to standard output. */
void cli_help_print(void);

/*
 * Reports a bad option on standard error: "banter: PATH:LINE:COL: error:
 * MESSAGE", without the place when `path` is NULL, the message escaped so
 * that it stays one line and sends the terminal nothing.  With `hint` (a
 * command line's mistake), a line pointing to --help follows.
 */
void cli_help_verror(const char *path, unsigned line, unsigned col, int hint,
		     const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

#endif
