/*
 * cli: banter's options, from the command line and the configuration file.
 *
 * The configuration file (config.c) is turned into options too, so both go
 * through one parser and the command line, read last, wins.
 *
 * Layer: glue.  May call every layer below it for the options' defaults
 * and values, and its own helpers cli_value.c and cli_help.c; called by
 * config.c and main.c.
 */
#ifndef BANTER_CLI_H
#define BANTER_CLI_H

#include "filter.h"
#include "limits.h"
#include "meta.h"
#include "output.h"
#include "render.h"
#include "scan.h"
#include "tally.h"
#include "walk.h"

#define BANTER_VERSION "0.1.0"

/* Where an option came from, for messages: NULL path for the command line. */
struct optsrc {
	const char *path;
	unsigned line;
	unsigned col;
};

struct options {
	struct report_opts report;
	struct scan_opts scan;
	struct tally_opts tally;
	struct walk_opts walk;
	struct limits limits;
	struct strlist rule_files;
	int no_default_rules;
	int check_rules;
	int print_rules;	/* 1: as a rule file, 2: one pattern a line */
	int check;
	int quiet;
	enum color color;
	const char *output;	/* -o FILE */
	const char *stdin_name;
	struct strlist files_from;	/* --files-from lists, in the order given */
	int null_sep;
	unsigned jobs;
	const char *config;	/* --config */
	int no_config;
	struct strlist paths;
	struct strlist exts;	/* --ext; walk.exts points into it */
	const char **ext_array;
	struct filter filter;
	const char *since_arg;	/* as given; filter.since once resolved */
	const char *until_arg;
	/* from the configuration only */
	struct strlist alias_from;	/* folded alias -> */
	struct strlist alias_to;	/* the client's name */
	struct strlist client_keys;
	struct strlist attendee_keys;
	struct strlist date_keys;
	const char **client_key_array;
	const char **attendee_key_array;
	const char **date_key_array;
	struct meta_keys keys;
	struct strlist owned;	/* strings the options point into */
};

/* Sets every default (today from the clock). */
void cli_init(struct options *o);
void cli_release(struct options *o);

enum cli_result {
	CLI_OK = 0,
	CLI_DONE = 1,		/* --help or --version printed */
	CLI_ERROR = -1		/* reported */
};

/*
 * Reads argv[1..argc) into `o`.  With `src` NULL these are the command
 * line's words, and words that are not options are paths; otherwise they
 * come from a configuration file and name their place in messages.
 */
enum cli_result cli_parse(struct options *o, int argc, char **argv,
			  const struct optsrc *src);

/* Finds --config, --no-config and the first path (or --stdin-name's, for
 * a note on standard input) without acting on the rest: what is needed to
 * find the configuration file.  --help and --version count as --no-config,
 * so that a broken configuration cannot hide them. */
void cli_prescan(int argc, char **argv, const char **config, int *no_config,
		 const char **first_path);

/* Checks the options once all are read, and derives the rest. */
enum cli_result cli_finish(struct options *o);

/* Folds a client name and maps it through the configured aliases: the
 * returned name is the one to count under (borrowed or `name`). */
const char *cli_client_name(const struct options *o, const char *name);

#endif
