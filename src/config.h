/*
 * config: the configuration file.
 *
 * `.banter.yaml` in the notes folder or a folder above it, else
 * $XDG_CONFIG_HOME/banter/config.yaml (~/.config when unset); --config=FILE
 * names one, --no-config reads none.  It is a YAML mapping:
 *
 *   rules: [team.yaml]          # rule files, relative to this file
 *   no_default_rules: false
 *   target: 10-35               # and every other option of the same name:
 *   stale_days: 90              #   format, by, period, referral_rate,
 *   check_flags: [chatty]       #   referral_min, drift_periods, ext, jobs,
 *   limits: {file-size: 4M}     #   follow, client_from_dir, color, ...
 *   client_keys: [client, company, customer]
 *   attendee_keys: [attendees, people]
 *   clients:
 *     Acme Corp: [acme, ACME Inc]
 *
 * Each key becomes the command-line option of the same name (with '-' for
 * '_'), read before the command line, which therefore wins.  A bad value
 * is an error naming the file, line and column.
 *
 * Layer: glue.  May call cli.c (each key is read as its option), the
 * files (note: reading the file), ynode, tally (name folding) and the
 * primitives; called by main.c.
 */
#ifndef BANTER_CONFIG_H
#define BANTER_CONFIG_H

#include "cli.h"

struct diag;

/*
 * Finds the configuration file for a run whose first path is `first_path`
 * (may be NULL: the current folder).  Returns a path to free, or NULL.
 */
char *config_find(const char *first_path);

/* Reads `path` into `o`.  Returns 0, or -1 after reporting. */
int config_load(struct options *o, const char *path, struct diag *d);

#endif
