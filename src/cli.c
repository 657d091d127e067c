#include "cli.h"
#include "buf.h"
#include "date.h"
#include "esc.h"
#include "pool.h"
#include "util.h"

#include <errno.h>
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
	OPT_CONFIG,
	OPT_NO_CONFIG
};

static const struct option long_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "by", required_argument, NULL, OPT_BY },
	{ "period", required_argument, NULL, OPT_PERIOD },
	{ "annotate", no_argument, NULL, OPT_ANNOTATE },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "output", required_argument, NULL, 'o' },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "quiet", no_argument, NULL, 'q' },
	{ "stdin-name", required_argument, NULL, OPT_STDIN_NAME },
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "client-from-dir", no_argument, NULL, OPT_CLIENT_FROM_DIR },
	{ "files-from", required_argument, NULL, OPT_FILES_FROM },
	{ "null", no_argument, NULL, '0' },
	{ "follow", no_argument, NULL, OPT_FOLLOW },
	{ "ext", required_argument, NULL, OPT_EXT },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES },
	{ "check-rules", no_argument, NULL, OPT_CHECK_RULES },
	{ "print-rules", optional_argument, NULL, OPT_PRINT_RULES },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "check-flags", required_argument, NULL, OPT_CHECK_FLAGS },
	{ "today", required_argument, NULL, OPT_TODAY },
	{ "stale-days", required_argument, NULL, OPT_STALE_DAYS },
	{ "referral-rate", required_argument, NULL, OPT_REFERRAL_RATE },
	{ "referral-min", required_argument, NULL, OPT_REFERRAL_MIN },
	{ "drift-periods", required_argument, NULL, OPT_DRIFT_PERIODS },
	{ "max-filesize", required_argument, NULL, OPT_MAX_FILESIZE },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "jobs", required_argument, NULL, 'j' },
	{ "client", required_argument, NULL, OPT_CLIENT },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "tag", required_argument, NULL, OPT_TAG },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static const char short_options[] = ":f:j:o:q0hV";

static const char usage_text[] =
	"usage: banter [OPTIONS] [PATH...]\n"
	"Reads meeting notes (Markdown with YAML front matter) and reports, client by\n"
	"client, how business and social talk balance.  PATH is a note or a folder of\n"
	"notes (*.md, *.markdown, *.txt); '-' reads one note from standard input.\n"
	"\n"
	"Input:\n"
	"      --files-from=FILE    read the paths to scan from FILE ('-': standard input)\n"
	"  -0, --null               paths in --files-from end with NUL, not newline\n"
	"      --stdin-name=PATH    the name of the note read from standard input\n"
	"      --ext=LIST           extensions of notes in folders (default md,markdown,txt)\n"
	"      --follow             follow symbolic links inside folders\n"
	"      --client-from-dir    a note with no client counts under its folder's name\n"
	"      --max-filesize=N     skip notes larger than N bytes (default 8M): --limit file-size=N\n"
	"  -j, --jobs=N             scan with N threads (default: one per processor)\n"
	"\n"
	"Filters:\n"
	"      --client=NAME        only this client (repeatable; case, spacing and aliases ignored)\n"
	"      --since=DATE         only notes dated DATE or later: YYYY-MM-DD, or 30d, 12w, 6m, 1y ago\n"
	"      --until=DATE         only notes dated DATE or earlier (same forms); stale counts from it\n"
	"      --tag=TAG            only notes with this tag (repeatable: any of them)\n"
	"\n"
	"Report:\n"
	"  -f, --format=FORMAT      text (default), json, jsonl, csv or tsv\n"
	"      --by=LEVEL           client (default), note or passage\n"
	"      --period=PERIOD      per client and week, month, quarter or year (none: off)\n"
	"      --annotate           one line per passage, path:line:col: label ..., for editors\n"
	"      --explain            with --annotate or --by=passage: the rules that matched\n"
	"  -o, --output=FILE        write the report to FILE; its extension picks the format\n"
	"      --color=WHEN         colour the text report: auto (default), always, never\n"
	"      --colour=WHEN        the same\n"
	"\n"
	"Flags and checks:\n"
	"      --target=LO-HI       the social share band, in percent (default 10-35)\n"
	"      --stale-days=N       flag a client not met for N days as stale (default 90; 0: off)\n"
	"      --referral-rate=X    flag referral-heavy above X referral asks a note (default 0.5)\n"
	"      --referral-min=N     ... and at least N asks (default 2)\n"
	"      --drift-periods=K    flag drifting when outside the band K periods running (default 3)\n"
	"      --today=DATE         the date that counts as today (default: the clock's)\n"
	"      --check              exit 1 when some client has a flag of --check-flags\n"
	"      --check-flags=LIST   the flags --check counts (default chatty,all-business)\n"
	"  -q, --quiet              with --check: print only flagged clients, or nothing\n"
	"\n"
	"Rules:\n"
	"      --rules=FILE         add the rules of FILE (repeatable); same id replaces\n"
	"      --no-default-rules   start from no rules instead of the built-in ones\n"
	"      --check-rules        try every rule's examples and counterexamples, then exit\n"
	"      --print-rules[=patterns]  print the rules in force as a rule file (or one\n"
	"                           pattern a line), then exit\n"
	"\n"
	"Configuration:\n"
	"      --config=FILE        read options from FILE instead of .banter.yaml\n"
	"      --no-config          read no configuration file\n"
	"      --limit=NAME=N       change one of the limits below (repeatable)\n"
	"\n"
	"  -h, --help               show this help and exit\n"
	"  -V, --version            show the version and exit\n";

static const char usage_tail[] =
	"\n"
	"Exit status: 0 when every input was processed (and, with --check, no client\n"
	"is flagged); 1 when --check found a flagged client; 2 on trouble: bad usage,\n"
	"a bad rule or configuration, a failed write, or inputs that could not be\n"
	"processed.  See banter(1).\n";

static const char *const format_names[] = { "text", "json", "jsonl", "csv", "tsv", NULL };
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
	struct buf msg = BUF_INIT, out = BUF_INIT;
	va_list ap;

	/* the message quotes what was given, which may hold any byte: it is
	 * escaped, so that it stays one line and sends the terminal nothing */
	buf_adds(&out, "banter: ");
	if (p->src && p->src->path) {
		esc_text(&out, p->src->path, strlen(p->src->path), 0);
		buf_addf(&out, ":%u:%u: ", p->src->line, p->src->col);
	}
	buf_adds(&out, "error: ");
	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	esc_text(&out, msg.ptr, msg.len, 0);
	buf_addch(&out, '\n');
	fwrite(out.ptr, 1, out.len, stderr);
	buf_release(&msg);
	buf_release(&out);
	if (!p->src)
		fputs("Try 'banter --help' for more information.\n", stderr);
	return CLI_ERROR;
}

static int choice(const char *arg, const char *const *names)
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

static int parse_target(const char *s, double *lo, double *hi)
{
	const char *end;

	if (decimal(s, lo, &end) < 0 || *end != '-')
		return -1;
	if (decimal(end + 1, hi, &end) < 0 || *end || *hi > 100 || *lo > *hi)
		return -1;
	return 0;
}

static int parse_uint(const char *s, unsigned long long max, unsigned long long *v)
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

static int parse_rate(const char *s, double *v)
{
	const char *end;

	if (decimal(s, v, &end) < 0 || *end || *v > 1000)
		return -1;
	return 0;
}

/* A comma-separated list into `l` (emptied first); empty items dropped. */
static void split_list(struct strlist *l, const char *s)
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

static int parse_flags(const char *s, unsigned *mask)
{
	struct strlist l = { NULL, 0, 0 };
	size_t i, k;
	int ret = 0;

	split_list(&l, s);
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
	strlist_release(&o->clients);
	strlist_release(&o->tags);
	strlist_release(&o->alias_from);
	strlist_release(&o->alias_to);
	strlist_release(&o->client_keys);
	strlist_release(&o->attendee_keys);
	strlist_release(&o->owned);
	free(o->ext_array);
	free(o->client_key_array);
	free(o->attendee_key_array);
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

static int help(void)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, usage_text);
	buf_adds(&b, "\nLimits (--limit=NAME=N; N may end in K, M or G):\n");
	limits_describe(&b);
	buf_adds(&b, usage_tail);
	fwrite(b.ptr, 1, b.len, stdout);
	buf_release(&b);
	return CLI_DONE;
}

static int option(struct parser *p, int c, const char *arg)
{
	struct options *o = p->o;
	unsigned long long n;
	int k;

	switch (c) {
	case 'f':
		if ((k = choice(arg, format_names)) < 0)
			return usage_error(p, "unknown format '%s' (text, json, jsonl, csv or tsv)", arg);
		o->report.format = (enum format)k;
		o->report.format_set = p->src ? 1 : 2;
		break;
	case OPT_BY:
		if ((k = choice(arg, level_names)) < 0)
			return usage_error(p, "unknown level '%s' (client, note or passage)", arg);
		o->report.by = (enum level)k;
		break;
	case OPT_PERIOD:
		if ((k = choice(arg, period_names)) < 0)
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
		if ((k = choice(arg, color_names)) < 0)
			return usage_error(p, "--color wants auto, always or never, not '%s'", arg);
		o->color = (enum color)k;
		break;
	case 'q':
		o->quiet = 1;
		break;
	case OPT_STDIN_NAME:
		o->stdin_name = p->src ? keep(o, arg) : arg;
		break;
	case OPT_TARGET:
		if (parse_target(arg, &o->tally.target_lo, &o->tally.target_hi) < 0)
			return usage_error(p, "--target wants LO-HI, percentages with LO <= HI, not '%s'", arg);
		break;
	case OPT_CLIENT_FROM_DIR:
		o->scan.client_from_dir = 1;
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
		split_list(&o->exts, arg);
		for (n = 0; n < o->exts.n; n++)
			if (o->exts.v[n][0] == '.')
				memmove(o->exts.v[n], o->exts.v[n] + 1, strlen(o->exts.v[n]));
		if (!o->exts.n)
			return usage_error(p, "--ext wants a list of extensions such as md,txt");
		free(o->ext_array);
		o->ext_array = array_of(&o->exts);
		o->walk.exts = o->ext_array;
		break;
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
	case OPT_CHECK:
		o->check = 1;
		break;
	case OPT_CHECK_FLAGS:
		if (parse_flags(arg, &o->report.check_flags) < 0 || !o->report.check_flags)
			return usage_error(p, "--check-flags wants flags among chatty, all-business, "
					   "referral-heavy, stale, drifting; not '%s'", arg);
		break;
	case OPT_TODAY:
		if (strlen(arg) != 10 || date_parse(arg, 10, o->tally.today) < 0)
			return usage_error(p, "--today wants a date YYYY-MM-DD, not '%s'", arg);
		break;
	case OPT_STALE_DAYS:
		if (parse_uint(arg, 100000, &n) < 0)
			return usage_error(p, "--stale-days wants a number of days, not '%s'", arg);
		o->tally.stale_days = (int)n;
		break;
	case OPT_REFERRAL_RATE:
		if (parse_rate(arg, &o->tally.referral_rate) < 0)
			return usage_error(p, "--referral-rate wants a number of asks per note, not '%s'", arg);
		break;
	case OPT_REFERRAL_MIN:
		if (parse_uint(arg, 100000, &n) < 0)
			return usage_error(p, "--referral-min wants a number of asks, not '%s'", arg);
		o->tally.referral_min = (unsigned)n;
		break;
	case OPT_DRIFT_PERIODS:
		if (parse_uint(arg, 1000, &n) < 0 || n == 0)
			return usage_error(p, "--drift-periods wants a number of periods from 1, not '%s'", arg);
		o->tally.drift_periods = (unsigned)n;
		break;
	case OPT_MAX_FILESIZE:
	case OPT_LIMIT: {
		struct buf spec = BUF_INIT, err = BUF_INIT;
		int bad;

		if (c == OPT_MAX_FILESIZE)
			buf_adds(&spec, "file-size=");
		buf_adds(&spec, arg);
		bad = limits_set(&o->limits, spec.ptr, &err) < 0;
		if (bad)
			usage_error(p, "%s", err.ptr);
		buf_release(&spec);
		buf_release(&err);
		if (bad)
			return CLI_ERROR;
		break;
	}
	case 'j':
		if (parse_uint(arg, 256, &n) < 0 || n == 0)
			return usage_error(p, "--jobs wants a number of threads from 1 to 256, not '%s'", arg);
		o->jobs = (unsigned)n;
		break;
	case OPT_CLIENT: {
		char *key = tally_fold(arg);

		strlist_add(&o->clients, key, strlen(key));
		free(key);
		break;
	}
	case OPT_TAG:
		arg += arg[0] == '#';
		strlist_add(&o->tags, arg, strlen(arg));
		break;
	case OPT_SINCE:
		o->since_arg = p->src ? keep(o, arg) : arg;
		break;
	case OPT_UNTIL:
		o->until_arg = p->src ? keep(o, arg) : arg;
		break;
	case OPT_CONFIG:
	case OPT_NO_CONFIG:
		break;		/* read by cli_prescan */
	case 'h':
		return help();
	case 'V':
		fputs("banter " BANTER_VERSION "\n", stdout);
		return CLI_DONE;
	}
	return CLI_OK;
}

enum cli_result cli_parse(struct options *o, int argc, char **argv,
			  const struct optsrc *src)
{
	struct parser p = { o, src, argv };
	int c, ret;

	opterr = 0;
	optind = 0;	/* start afresh: this parser runs more than once */
	while ((c = getopt_long(argc, argv, short_options, long_options, NULL)) != -1) {
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
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, args, short_options, long_options, NULL)) != -1) {
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
		{ ".txt", FORMAT_TEXT },
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
	if (o->since_arg && date_resolve(o->since_arg, o->tally.today, o->since) < 0)
		return usage_error(&p, "--since wants YYYY-MM-DD or a span like 30d, 12w, 6m, 1y, not '%s'",
				   o->since_arg);
	if (o->until_arg && date_resolve(o->until_arg, o->tally.today, o->until) < 0)
		return usage_error(&p, "--until wants YYYY-MM-DD or a span like 30d, 12w, 6m, 1y, not '%s'",
				   o->until_arg);
	/* a report that ends early is judged as of its end */
	if (o->until[0] && strcmp(o->until, o->tally.today) < 0)
		memcpy(o->tally.today, o->until, sizeof(o->until));
	if (o->report.explain && o->report.by != BY_PASSAGE) {
		/* a configured explain applies where it can */
		if (o->report.explain == 2)
			return usage_error(&p, "--explain goes with --annotate or --by=passage");
		o->report.explain = 0;
	}
	if (o->quiet && !o->check)
		return usage_error(&p, "--quiet goes with --check");
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
	/* a client asked for by another of its names */
	for (k = 0; k < (int)o->clients.n; k++) {
		char *key = tally_fold(cli_client_name(o, o->clients.v[k]));

		free(o->clients.v[k]);
		o->clients.v[k] = key;
	}
	if (o->quiet && o->report.by != BY_CLIENT)
		return usage_error(&p, "--quiet lists flagged clients; it goes with --by=client");
	o->report.quiet = o->quiet;
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
