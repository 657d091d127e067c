/*
 * cli: banter's options (cli.h): their defaults, the table of options and
 * the setters it names, the parser over the command line and the
 * configuration's keys, and the checks once all are read.
 *
 * Layer: glue.  Calls cli_value.c and cli_help.c, the tallies (tally,
 * filter), the paths (walk's default extensions), front matter (meta),
 * date, limits, pool (the number of processors) and the primitives.
 */
#include "cli.h"
#include "buf.h"
#include "cli_help.h"
#include "cli_value.h"
#include "date.h"
#include "filter.h"
#include "limits.h"
#include "meta.h"
#include "output.h"
#include "pool.h"
#include "render.h"
#include "tally.h"
#include "util.h"
#include "walk.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
	OPT_BY = 256,
	OPT_ANNOTATE,
	OPT_EXPLAIN,
	OPT_STDIN_NAME,
	OPT_TARGET,
	OPT_CLIENT_FROM_DIR,
	OPT_FILES_FROM,
	OPT_RULES,
	OPT_NO_DEFAULT_RULES,
	OPT_CHECK_RULES,
	OPT_PRINT_RULES,
	OPT_CHECK,
	OPT_CHECK_FLAGS,
	OPT_TODAY,
	OPT_STALE_DAYS,
	OPT_REFERRAL_RATE,
	OPT_REFERRAL_MIN,
	OPT_DRIFT_PERIODS,
	OPT_PERIOD,
	OPT_FOLLOW,
	OPT_EXT,
	OPT_MAX_FILESIZE,
	OPT_CLIENT,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_TAG,
	OPT_LIMIT,
	OPT_COLOR,
	OPT_ASCII,
	OPT_REDACT,
	OPT_CONFIG,
	OPT_NO_CONFIG
};

static const char short_options[] = ":f:j:o:q0hV";

static const char *const format_names[] = { "text", "json", "jsonl", "csv", "tsv", "markdown", "html", NULL };
static const char *const level_names[] = { "client", "note", "passage", NULL };
static const char *const period_names[] = { "none", "week", "month", "quarter", "year", NULL };
static const char *const color_names[] = { "auto", "always", "never", NULL };

struct parser {
	struct options *o;
	const struct optsrc *src;
	char **argv;
};

static int usage_error(const struct parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int usage_error(const struct parser *p, const char *fmt, ...)
{
	const struct optsrc *src = p->src;
	va_list ap;

	va_start(ap, fmt);
	cli_help_verror(src ? src->path : NULL, src ? src->line : 0, src ? src->col : 0, !src,
			fmt, ap);
	va_end(ap);
	return CLI_ERROR;
}

static const char *keep(struct options *o, const char *s)
{
	strlist_add(&o->owned, s, strlen(s));
	return o->owned.v[o->owned.n - 1];
}

static void today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) && strftime(out, 11, "%Y-%m-%d", &tm) == 10)
		return;
	out[0] = '\0';
}

void cli_init(struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->keys = meta_default_keys;
	o->scan.keys = &o->keys;
	o->limits = limits_default;
	o->scan.limits = &o->limits;
	o->tally.target_lo = 10;
	o->tally.target_hi = 35;
	o->tally.referral_rate = 0.5;
	o->tally.referral_min = 2;
	o->tally.stale_days = 90;
	o->tally.drift_periods = 3;
	o->report.check_flags = FLAG_CHATTY | FLAG_ALL_BUSINESS;
	o->walk.exts = walk_default_exts;
	o->jobs = pool_cpus();
	today(o->tally.today);
}

void cli_release(struct options *o)
{
	strlist_release(&o->rule_files);
	strlist_release(&o->paths);
	strlist_release(&o->files_from);
	strlist_release(&o->exts);
	filter_release(&o->filter);
	strlist_release(&o->alias_from);
	strlist_release(&o->alias_to);
	strlist_release(&o->client_keys);
	strlist_release(&o->attendee_keys);
	strlist_release(&o->date_keys);
	strlist_release(&o->owned);
	free(o->ext_array);
	free(o->client_key_array);
	free(o->attendee_key_array);
	free(o->date_key_array);
}

/* A NULL-terminated array over a list's strings. */
static const char **array_of(const struct strlist *l)
{
	const char **a = xcalloc(l->n + 1, sizeof(*a));
	size_t i;

	for (i = 0; i < l->n; i++)
		a[i] = l->v[i];
	return a;
}

/* -f, --by, --period, --annotate, --explain, -o, --color, -q */
static int report_option(struct parser *p, int c, const char *arg)
{
	struct options *o = p->o;
	int k;

	switch (c) {
	case 'f':
		if ((k = cli_value_choice(arg, format_names)) < 0)
			return usage_error(p, "unknown format '%s' (text, json, jsonl, csv, tsv, markdown or html)", arg);
		o->report.format = (enum format)k;
		o->report.format_set = p->src ? 1 : 2;
		break;
	case OPT_BY:
		if ((k = cli_value_choice(arg, level_names)) < 0)
			return usage_error(p, "unknown level '%s' (client, note or passage)", arg);
		o->report.by = (enum level)k;
		break;
	case OPT_PERIOD:
		if ((k = cli_value_choice(arg, period_names)) < 0)
			return usage_error(p, "unknown period '%s' (week, month, quarter, year or none)", arg);
		o->tally.period = (enum period)k;
		break;
	case OPT_ANNOTATE:
		o->report.annotate = 1;
		break;
	case OPT_EXPLAIN:
		o->report.explain = p->src ? 1 : 2;
		break;
	case 'o':
		if (!*arg)
			return usage_error(p, "-o wants a file name");
		o->output = p->src ? keep(o, arg) : arg;
		break;
	case OPT_COLOR:
		if ((k = cli_value_choice(arg, color_names)) < 0)
			return usage_error(p, "--color wants auto, always or never, not '%s'", arg);
		o->color = (enum color)k;
		break;
	case 'q':
		o->quiet = 1;
		o->scan.quiet = 1;
		break;
	case OPT_ASCII:
		o->report.ascii = 1;
		break;
	case OPT_REDACT:
		if (arg && strcmp(arg, "clients") != 0)
			return usage_error(p, "--redact takes nothing or 'clients', not '%s'", arg);
		o->report.redact = arg ? REDACT_CLIENTS : REDACT_NOTES;
		break;
	}
	return CLI_OK;
}

/* --ext: the extensions of notes in folders, without their dots. */
static int ext_option(struct parser *p, const char *arg)
{
	struct options *o = p->o;
	size_t i;

	cli_value_list(&o->exts, arg);
	for (i = 0; i < o->exts.n; i++)
		if (o->exts.v[i][0] == '.')
			memmove(o->exts.v[i], o->exts.v[i] + 1, strlen(o->exts.v[i]));
	if (!o->exts.n)
		return usage_error(p, "--ext wants a list of extensions such as md,txt");
	free(o->ext_array);
	o->ext_array = array_of(&o->exts);
	o->walk.exts = o->ext_array;
	return CLI_OK;
}

/* --stdin-name, --client-from-dir, --files-from, -0, --follow, --ext, -j */
static int input_option(struct parser *p, int c, const char *arg)
{
	struct options *o = p->o;
	unsigned long long n;

	switch (c) {
	case OPT_STDIN_NAME:
		o->stdin_name = p->src ? keep(o, arg) : arg;
		break;
	case OPT_CLIENT_FROM_DIR:
		o->scan.client_from_dir = 1;
		o->scan.client_dir_depth = 0;
		if (arg && (cli_value_uint(arg, WALK_MAX_DEPTH, &n) < 0 || n < 1))
			return usage_error(p, "--client-from-dir wants a number of folders, 1 or more");
		if (arg)
			o->scan.client_dir_depth = (unsigned)n;
		break;
	case OPT_FILES_FROM:
		if (!*arg)
			return usage_error(p, "--files-from wants a file name, or '-'");
		strlist_add(&o->files_from, arg, strlen(arg));
		break;
	case '0':
		o->null_sep = 1;
		break;
	case OPT_FOLLOW:
		o->walk.follow = 1;
		break;
	case OPT_EXT:
		return ext_option(p, arg);
	case 'j':
		if (cli_value_uint(arg, 256, &n) < 0 || n == 0)
			return usage_error(p, "--jobs wants a number of threads from 1 to 256, not '%s'", arg);
		o->jobs = (unsigned)n;
		break;
	}
	return CLI_OK;
}

/* --limit=NAME=N, and --max-filesize=N for --limit=file-size=N */
static int limit_option(struct parser *p, int c, const char *arg)
{
	struct buf spec = BUF_INIT, err = BUF_INIT;
	int bad;

	if (c == OPT_MAX_FILESIZE)
		buf_adds(&spec, "file-size=");
	buf_adds(&spec, arg);
	bad = limits_set(&p->o->limits, spec.ptr, &err) < 0;
	if (bad)
		usage_error(p, "%s", err.ptr);
	buf_release(&spec);
	buf_release(&err);
	return bad ? CLI_ERROR : CLI_OK;
}

/* --rules, --no-default-rules, --check-rules, --print-rules */
static int rules_option(struct parser *p, int c, const char *arg)
{
	struct options *o = p->o;

	switch (c) {
	case OPT_RULES:
		strlist_add(&o->rule_files, arg, strlen(arg));
		break;
	case OPT_NO_DEFAULT_RULES:
		o->no_default_rules = 1;
		break;
	case OPT_CHECK_RULES:
		o->check_rules = 1;
		break;
	case OPT_PRINT_RULES:
		if (!arg || strcmp(arg, "yaml") == 0)
			o->print_rules = 1;
		else if (strcmp(arg, "patterns") == 0)
			o->print_rules = 2;
		else
			return usage_error(p, "--print-rules takes 'patterns' or nothing, not '%s'", arg);
		break;
	}
	return CLI_OK;
}

/* --target, --check, --check-flags, --today, and the flags' thresholds */
static int check_option(struct parser *p, int c, const char *arg)
{
	struct tally_opts *t = &p->o->tally;
	unsigned long long n;

	switch (c) {
	case OPT_TARGET:
		if (cli_value_target(arg, &t->target_lo, &t->target_hi) < 0)
			return usage_error(p, "--target wants LO-HI, percentages with LO <= HI, not '%s'", arg);
		break;
	case OPT_CHECK:
		p->o->check = 1;
		break;
	case OPT_CHECK_FLAGS:
		if (cli_value_flags(arg, &p->o->report.check_flags) < 0 || !p->o->report.check_flags)
			return usage_error(p, "--check-flags wants flags among chatty, all-business, "
					   "referral-heavy, stale, drifting; not '%s'", arg);
		break;
	case OPT_TODAY:
		if (strlen(arg) != 10 || date_parse(arg, 10, t->today) < 0)
			return usage_error(p, "--today wants a date YYYY-MM-DD, not '%s'", arg);
		break;
	case OPT_STALE_DAYS:
		if (cli_value_uint(arg, 100000, &n) < 0)
			return usage_error(p, "--stale-days wants a number of days, not '%s'", arg);
		t->stale_days = (int)n;
		break;
	case OPT_REFERRAL_RATE:
		if (cli_value_rate(arg, &t->referral_rate) < 0)
			return usage_error(p, "--referral-rate wants a number of asks per note, not '%s'", arg);
		break;
	case OPT_REFERRAL_MIN:
		if (cli_value_uint(arg, 100000, &n) < 0)
			return usage_error(p, "--referral-min wants a number of asks, not '%s'", arg);
		t->referral_min = (unsigned)n;
		break;
	case OPT_DRIFT_PERIODS:
		if (cli_value_uint(arg, 1000, &n) < 0 || n == 0)
			return usage_error(p, "--drift-periods wants a number of periods from 1, not '%s'", arg);
		t->drift_periods = (unsigned)n;
		break;
	}
	return CLI_OK;
}

/* --client, --tag, --since, --until */
static int filter_option(struct parser *p, int c, const char *arg)
{
	struct options *o = p->o;
	char *key;

	switch (c) {
	case OPT_CLIENT:
		key = tally_fold(arg);
		strlist_add(&o->filter.clients, key, strlen(key));
		free(key);
		break;
	case OPT_TAG:
		arg += arg[0] == '#';
		strlist_add(&o->filter.tags, arg, strlen(arg));
		break;
	case OPT_SINCE:
		o->since_arg = p->src ? keep(o, arg) : arg;
		break;
	case OPT_UNTIL:
		o->until_arg = p->src ? keep(o, arg) : arg;
		break;
	}
	return CLI_OK;
}

/* --config, --no-config (read by cli_prescan), --help, --version */
static int info_option(struct parser *p, int c, const char *arg)
{
	(void)p;
	(void)arg;
	if (c == 'h')
		cli_help_print();
	else if (c == 'V')
		fputs("banter " BANTER_VERSION "\n", stdout);
	else
		return CLI_OK;
	return CLI_DONE;
}

/* Every option: its long name, whether it takes a value, its code (its
 * short option's letter, or an OPT_ value), and the function that sets
 * it.  The order is getopt_long's. */
static const struct opt {
	const char *name;
	int has_arg;
	int c;
	int (*set)(struct parser *p, int c, const char *arg);
} opts[] = {
	{ "format", required_argument, 'f', report_option },
	{ "by", required_argument, OPT_BY, report_option },
	{ "period", required_argument, OPT_PERIOD, report_option },
	{ "annotate", no_argument, OPT_ANNOTATE, report_option },
	{ "explain", no_argument, OPT_EXPLAIN, report_option },
	{ "output", required_argument, 'o', report_option },
	{ "color", required_argument, OPT_COLOR, report_option },
	{ "colour", required_argument, OPT_COLOR, report_option },
	{ "ascii", no_argument, OPT_ASCII, report_option },
	{ "redact", optional_argument, OPT_REDACT, report_option },
	{ "quiet", no_argument, 'q', report_option },
	{ "stdin-name", required_argument, OPT_STDIN_NAME, input_option },
	{ "target", required_argument, OPT_TARGET, check_option },
	{ "client-from-dir", optional_argument, OPT_CLIENT_FROM_DIR, input_option },
	{ "files-from", required_argument, OPT_FILES_FROM, input_option },
	{ "null", no_argument, '0', input_option },
	{ "follow", no_argument, OPT_FOLLOW, input_option },
	{ "ext", required_argument, OPT_EXT, input_option },
	{ "rules", required_argument, OPT_RULES, rules_option },
	{ "no-default-rules", no_argument, OPT_NO_DEFAULT_RULES, rules_option },
	{ "check-rules", no_argument, OPT_CHECK_RULES, rules_option },
	{ "print-rules", optional_argument, OPT_PRINT_RULES, rules_option },
	{ "check", no_argument, OPT_CHECK, check_option },
	{ "check-flags", required_argument, OPT_CHECK_FLAGS, check_option },
	{ "today", required_argument, OPT_TODAY, check_option },
	{ "stale-days", required_argument, OPT_STALE_DAYS, check_option },
	{ "referral-rate", required_argument, OPT_REFERRAL_RATE, check_option },
	{ "referral-min", required_argument, OPT_REFERRAL_MIN, check_option },
	{ "drift-periods", required_argument, OPT_DRIFT_PERIODS, check_option },
	{ "max-filesize", required_argument, OPT_MAX_FILESIZE, limit_option },
	{ "limit", required_argument, OPT_LIMIT, limit_option },
	{ "jobs", required_argument, 'j', input_option },
	{ "client", required_argument, OPT_CLIENT, filter_option },
	{ "since", required_argument, OPT_SINCE, filter_option },
	{ "until", required_argument, OPT_UNTIL, filter_option },
	{ "tag", required_argument, OPT_TAG, filter_option },
	{ "config", required_argument, OPT_CONFIG, info_option },
	{ "no-config", no_argument, OPT_NO_CONFIG, info_option },
	{ "help", no_argument, 'h', info_option },
	{ "version", no_argument, 'V', info_option },
};

#define OPT_COUNT (sizeof(opts) / sizeof(opts[0]))

/* getopt_long's table of the options, NULL-terminated. */
static void long_options(struct option *lo)
{
	size_t i;

	for (i = 0; i < OPT_COUNT; i++) {
		lo[i].name = opts[i].name;
		lo[i].has_arg = opts[i].has_arg;
		lo[i].flag = NULL;
		lo[i].val = opts[i].c;
	}
	memset(&lo[OPT_COUNT], 0, sizeof(lo[OPT_COUNT]));
}

static int option(struct parser *p, int c, const char *arg)
{
	size_t i;

	for (i = 0; i < OPT_COUNT; i++)
		if (opts[i].c == c)
			return opts[i].set(p, c, arg);
	return CLI_OK;
}

enum cli_result cli_parse(struct options *o, int argc, char **argv,
			  const struct optsrc *src)
{
	struct parser p = { o, src, argv };
	struct option lo[OPT_COUNT + 1];
	int c, ret;

	long_options(lo);
	opterr = 0;
	optind = 0;	/* start afresh: this parser runs more than once */
	while ((c = getopt_long(argc, argv, short_options, lo, NULL)) != -1) {
		if (c == ':')
			return usage_error(&p, "option '%s' needs a value", argv[optind - 1]);
		if (c == '?') {
			const char *a = argv[optind - 1], *eq = strchr(a, '=');

			/* a long option that takes no value, given one */
			if (optopt && a[0] == '-' && a[1] == '-' && eq)
				return usage_error(&p, "option '%.*s' takes no value", (int)(eq - a), a);
			if (optopt)
				return usage_error(&p, "unknown option '-%c'", optopt);
			return usage_error(&p, "unknown option '%s'", argv[optind - 1]);
		}
		ret = option(&p, c, optarg);
		if (ret != CLI_OK)
			return (enum cli_result)ret;
	}
	for (; optind < argc; optind++) {
		if (src)
			return usage_error(&p, "'%s' is not an option", argv[optind]);
		strlist_add(&o->paths, argv[optind], strlen(argv[optind]));
	}
	return CLI_OK;
}

void cli_prescan(int argc, char **argv, const char **config, int *no_config,
		 const char **first_path)
{
	const char *stdin_name = NULL;
	struct option lo[OPT_COUNT + 1];
	char **args;
	int c;

	*config = NULL;
	*no_config = 0;
	*first_path = NULL;
	/* getopt_long reorders the array it scans, and one that stops at an
	 * error leaves it half reordered: "notes --format" would come back as
	 * "--format notes" for cli_parse.  Scan a copy. */
	args = xmalloc(((size_t)argc + 1) * sizeof(*args));
	memcpy(args, argv, ((size_t)argc + 1) * sizeof(*args));
	long_options(lo);
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, args, short_options, lo, NULL)) != -1) {
		if (c == OPT_CONFIG)
			*config = optarg;
		else if (c == OPT_NO_CONFIG)
			*no_config = 1;
		else if (c == OPT_STDIN_NAME)
			stdin_name = optarg;
		else if (c == 'h' || c == 'V')
			*no_config = 1;	/* help and version whatever the configuration */
	}
	if (optind < argc)
		*first_path = args[optind];
	free(args);
	/* a note from an editor's buffer belongs where its name says */
	if (stdin_name && (!*first_path || strcmp(*first_path, "-") == 0))
		*first_path = stdin_name;
}

/* The format an -o name's extension asks for (in any case), or -1. */
static int format_of_file(const char *path)
{
	static const struct {
		const char *ext;
		enum format format;
	} exts[] = {
		{ ".json", FORMAT_JSON }, { ".jsonl", FORMAT_JSONL }, { ".ndjson", FORMAT_JSONL },
		{ ".csv", FORMAT_CSV }, { ".tsv", FORMAT_TSV }, { ".tab", FORMAT_TSV },
		{ ".txt", FORMAT_TEXT }, { ".md", FORMAT_MARKDOWN }, { ".markdown", FORMAT_MARKDOWN },
		{ ".html", FORMAT_HTML }, { ".htm", FORMAT_HTML },
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	if (!dot || strchr(dot, '/'))
		return -1;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (span_ieq(dot, strlen(dot), exts[i].ext))
			return (int)exts[i].format;
	return -1;
}

enum cli_result cli_finish(struct options *o)
{
	struct parser p = { o, NULL, NULL };
	size_t i, stdin_lists;
	int k;

	if (o->output && !o->report.format_set && !o->report.annotate &&
	    (k = format_of_file(o->output)) >= 0)
		o->report.format = (enum format)k;
	if (o->report.annotate) {
		/* --annotate on the command line wins over a configured format */
		if (o->report.format_set == 2 && o->report.format != FORMAT_TEXT)
			return usage_error(&p, "--annotate prints the editor's line format; it takes no --format");
		if (o->output && (k = format_of_file(o->output)) >= 0 && k != FORMAT_TEXT)
			return usage_error(&p, "--annotate prints the editor's line format, not the one "
					   "the name '%s' asks for", o->output);
		o->report.format = FORMAT_TEXT;
		o->report.by = BY_PASSAGE;
	}
	for (i = 0, stdin_lists = 0; i < o->files_from.n; i++)
		stdin_lists += strcmp(o->files_from.v[i], "-") == 0;
	if (stdin_lists > 1)
		return usage_error(&p, "--files-from=- given twice: standard input can be read once");
	if (stdin_lists)
		for (k = 0; k < (int)o->paths.n; k++)
			if (strcmp(o->paths.v[k], "-") == 0)
				return usage_error(&p, "--files-from=- and '-' cannot both read standard input");
	if (o->since_arg && date_resolve(o->since_arg, o->tally.today, o->filter.since) < 0)
		return usage_error(&p, "--since wants YYYY-MM-DD or a span like 30d, 12w, 6m, 1y, not '%s'",
				   o->since_arg);
	if (o->until_arg && date_resolve(o->until_arg, o->tally.today, o->filter.until) < 0)
		return usage_error(&p, "--until wants YYYY-MM-DD or a span like 30d, 12w, 6m, 1y, not '%s'",
				   o->until_arg);
	/* a report that ends early is judged as of its end */
	if (o->filter.until[0] && strcmp(o->filter.until, o->tally.today) < 0)
		memcpy(o->tally.today, o->filter.until, sizeof(o->filter.until));
	if (o->report.redact && (o->report.explain == 2 || o->report.annotate))
		return usage_error(&p, "--redact leaves out what quotes a note; it cannot go with %s",
				   o->report.annotate ? "--annotate" : "--explain");
	if (o->report.redact)
		o->report.explain = 0;
	if (o->report.explain && o->report.by != BY_PASSAGE) {
		/* a configured explain applies where it can */
		if (o->report.explain == 2)
			return usage_error(&p, "--explain goes with --annotate or --by=passage");
		o->report.explain = 0;
	}
	if (o->client_keys.n) {
		free(o->client_key_array);
		o->client_key_array = array_of(&o->client_keys);
		o->keys.client = o->client_key_array;
	}
	if (o->attendee_keys.n) {
		free(o->attendee_key_array);
		o->attendee_key_array = array_of(&o->attendee_keys);
		o->keys.attendees = o->attendee_key_array;
	}
	if (o->date_keys.n) {
		free(o->date_key_array);
		o->date_key_array = array_of(&o->date_keys);
		o->keys.date = o->date_key_array;
	}
	/* a client asked for by another of its names */
	for (k = 0; k < (int)o->filter.clients.n; k++) {
		char *key = tally_fold(cli_client_name(o, o->filter.clients.v[k]));

		free(o->filter.clients.v[k]);
		o->filter.clients.v[k] = key;
	}
	if (o->quiet && o->check && o->report.by != BY_CLIENT)
		return usage_error(&p, "--quiet lists flagged clients; it goes with --by=client");
	o->report.quiet = o->quiet && o->check;
	o->scan.keep_hits = o->report.explain;
	return CLI_OK;
}

const char *cli_client_name(const struct options *o, const char *name)
{
	char *key;
	size_t i;

	if (!o->alias_from.n)
		return name;
	key = tally_fold(name);
	for (i = 0; i < o->alias_from.n; i++)
		if (strcmp(key, o->alias_from.v[i]) == 0) {
			free(key);
			return o->alias_to.v[i];
		}
	free(key);
	return name;
}
