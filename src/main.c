/*
 * banter: reads meeting notes and reports, client by client, how business
 * and social talk balance.  This file reads the command line and runs the
 * pipeline: walk -> scan (note, meta, passage, classify) -> tally -> report.
 */
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "limits.h"
#include "pool.h"
#include "report.h"
#include "rules.h"
#include "scan.h"
#include "tally.h"
#include "util.h"
#include "walk.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BANTER_VERSION "0.1.0"

struct options {
	struct report_opts report;
	struct scan_opts scan;
	struct tally_opts tally;
	struct walk_opts walk;
	struct strlist rule_files;
	int no_default_rules;
	int check_rules;
	int check;
	const char *stdin_name;
	const char *files_from;
	int null_sep;
	unsigned jobs;
	struct limits limits;
	struct strlist paths;
	/* filters */
	struct strlist clients;	/* folded names */
	struct strlist tags;
	const char *since_arg;
	const char *until_arg;
	char since[11];		/* "" when not given */
	char until[11];
};

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
	OPT_CHECK,
	OPT_TODAY,
	OPT_STALE_DAYS,
	OPT_FOLLOW,
	OPT_MAX_FILESIZE,
	OPT_CLIENT,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_TAG,
	OPT_LIMIT
};

static const struct option long_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "by", required_argument, NULL, OPT_BY },
	{ "annotate", no_argument, NULL, OPT_ANNOTATE },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "stdin-name", required_argument, NULL, OPT_STDIN_NAME },
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "client-from-dir", no_argument, NULL, OPT_CLIENT_FROM_DIR },
	{ "files-from", required_argument, NULL, OPT_FILES_FROM },
	{ "null", no_argument, NULL, '0' },
	{ "follow", no_argument, NULL, OPT_FOLLOW },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES },
	{ "check-rules", no_argument, NULL, OPT_CHECK_RULES },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "today", required_argument, NULL, OPT_TODAY },
	{ "stale-days", required_argument, NULL, OPT_STALE_DAYS },
	{ "max-filesize", required_argument, NULL, OPT_MAX_FILESIZE },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "jobs", required_argument, NULL, 'j' },
	{ "client", required_argument, NULL, OPT_CLIENT },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "tag", required_argument, NULL, OPT_TAG },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

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
	"      --follow             follow symbolic links inside folders\n"
	"      --client-from-dir    a note with no client counts under its folder's name\n"
	"      --max-filesize=N     skip notes larger than N bytes (default 8M): --limit file-size=N\n"
	"  -j, --jobs=N             scan with N threads (default: one per processor)\n"
	"\n"
	"Filters:\n"
	"      --client=NAME        only this client (repeatable; case and spacing ignored)\n"
	"      --since=DATE         only notes dated DATE or later: YYYY-MM-DD, or 30d, 12w, 6m, 1y ago\n"
	"      --until=DATE         only notes dated DATE or earlier (same forms); stale counts from it\n"
	"      --tag=TAG            only notes with this tag (repeatable: any of them)\n"
	"\n"
	"Report:\n"
	"  -f, --format=FORMAT      text (default), json, csv or tsv\n"
	"      --by=LEVEL           client (default), note or passage\n"
	"      --annotate           one line per passage, path:line:col: label ..., for editors\n"
	"      --explain            with --annotate or --by=passage: the rules that matched\n"
	"      --target=LO-HI       the social share band, in percent (default 10-35)\n"
	"      --stale-days=N       flag a client not met for N days as stale (default 90; 0: off)\n"
	"      --today=DATE         the date that counts as today (default: the clock's)\n"
	"      --check              exit 1 when some client is outside the target band\n"
	"\n"
	"Rules:\n"
	"      --rules=FILE         add the rules of FILE (repeatable); same id replaces\n"
	"      --no-default-rules   start from no rules instead of the built-in ones\n"
	"      --check-rules        try every rule's examples and counterexamples, then exit\n"
	"\n"
	"      --limit=NAME=N       change one of the limits below (repeatable)\n"
	"\n"
	"  -h, --help               show this help and exit\n"
	"  -V, --version            show the version and exit\n";

static const char usage_tail[] =
	"\n"
	"Exit status: 0 when every input was processed (and, with --check, every\n"
	"client is within the band); 1 when --check found a client outside it; 2 on\n"
	"trouble: bad usage, a bad rule, a failed write, or inputs that could not be\n"
	"processed.  See banter(1).\n";

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("banter: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'banter --help' for more information.\n", stderr);
	return -1;
}

static int parse_target(const char *s, double *lo, double *hi)
{
	char *end;

	errno = 0;
	*lo = strtod(s, &end);
	if (end == s || *end != '-' || errno)
		return -1;
	s = end + 1;
	*hi = strtod(s, &end);
	if (end == s || *end || errno || *lo < 0 || *hi > 100 || *lo > *hi)
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

static void today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) && strftime(out, 11, "%Y-%m-%d", &tm) == 10)
		return;
	out[0] = '\0';
}

/* In enum order. */
static const char *const format_names[] = { "text", "json", "csv", "tsv", NULL };
static const char *const level_names[] = { "client", "note", "passage", NULL };

static int choice(const char *arg, const char *const *names)
{
	int i;

	for (i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	return -1;
}

/* Returns 0 to go on, 1 when done (help, version), -1 on a usage error. */
static int parse_args(struct options *o, int argc, char **argv)
{
	unsigned long long n;
	int c, k;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:j:0hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((k = choice(optarg, format_names)) < 0)
				return usage_error("unknown format '%s' (text, json, csv or tsv)", optarg);
			o->report.format = (enum format)k;
			break;
		case OPT_BY:
			if ((k = choice(optarg, level_names)) < 0)
				return usage_error("unknown level '%s' (client, note or passage)", optarg);
			o->report.by = (enum level)k;
			break;
		case OPT_ANNOTATE:
			o->report.annotate = 1;
			break;
		case OPT_EXPLAIN:
			o->report.explain = 1;
			break;
		case OPT_STDIN_NAME:
			o->stdin_name = optarg;
			break;
		case OPT_TARGET:
			if (parse_target(optarg, &o->tally.target_lo, &o->tally.target_hi) < 0)
				return usage_error("--target wants LO-HI, percentages with LO <= HI, not '%s'", optarg);
			break;
		case OPT_CLIENT_FROM_DIR:
			o->scan.client_from_dir = 1;
			break;
		case OPT_FILES_FROM:
			o->files_from = optarg;
			break;
		case '0':
			o->null_sep = 1;
			break;
		case OPT_FOLLOW:
			o->walk.follow = 1;
			break;
		case OPT_RULES:
			strlist_add(&o->rule_files, optarg, strlen(optarg));
			break;
		case OPT_NO_DEFAULT_RULES:
			o->no_default_rules = 1;
			break;
		case OPT_CHECK_RULES:
			o->check_rules = 1;
			break;
		case OPT_CHECK:
			o->check = 1;
			break;
		case OPT_TODAY:
			if (meta_parse_date(optarg, strlen(optarg), o->tally.today) < 0 || strlen(optarg) != 10)
				return usage_error("--today wants a date YYYY-MM-DD, not '%s'", optarg);
			break;
		case OPT_STALE_DAYS:
			if (parse_uint(optarg, 100000, &n) < 0)
				return usage_error("--stale-days wants a number of days, not '%s'", optarg);
			o->tally.stale_days = (int)n;
			break;
		case OPT_MAX_FILESIZE:
		case OPT_LIMIT: {
			struct buf spec = BUF_INIT, err = BUF_INIT;
			int bad;

			if (c == OPT_MAX_FILESIZE)
				buf_adds(&spec, "file-size=");
			buf_adds(&spec, optarg);
			bad = limits_set(&o->limits, spec.ptr, &err) < 0;
			if (bad)
				usage_error("%s", err.ptr);
			buf_release(&spec);
			buf_release(&err);
			if (bad)
				return -1;
			break;
		}
		case OPT_CLIENT: {
			char *key = tally_fold(optarg);

			strlist_add(&o->clients, key, strlen(key));
			free(key);
			break;
		}
		case OPT_TAG:
			strlist_add(&o->tags, optarg[0] == '#' ? optarg + 1 : optarg,
				    strlen(optarg[0] == '#' ? optarg + 1 : optarg));
			break;
		case OPT_SINCE:
			o->since_arg = optarg;
			break;
		case OPT_UNTIL:
			o->until_arg = optarg;
			break;
		case 'j':
			if (parse_uint(optarg, 256, &n) < 0 || n == 0)
				return usage_error("--jobs wants a number of threads from 1 to 256, not '%s'", optarg);
			o->jobs = (unsigned)n;
			break;
		case 'h': {
			struct buf b = BUF_INIT;

			buf_adds(&b, usage_text);
			buf_adds(&b, "\nLimits (--limit=NAME=N; N may end in K, M or G):\n");
			limits_describe(&b);
			buf_adds(&b, usage_tail);
			fwrite(b.ptr, 1, b.len, stdout);
			buf_release(&b);
			return 1;
		}
		case 'V':
			fputs("banter " BANTER_VERSION "\n", stdout);
			return 1;
		case ':':
			return usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			if (optopt)
				return usage_error("unknown option '-%c'", optopt);
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (o->report.annotate) {
		if (o->report.format != FORMAT_TEXT)
			return usage_error("%s", "--annotate prints the editor's line format; it takes no --format");
		o->report.by = BY_PASSAGE;
	}
	if (o->since_arg && date_resolve(o->since_arg, o->tally.today, o->since) < 0)
		return usage_error("--since wants YYYY-MM-DD or a span like 30d, 12w, 6m, 1y, not '%s'",
				   o->since_arg);
	if (o->until_arg && date_resolve(o->until_arg, o->tally.today, o->until) < 0)
		return usage_error("--until wants YYYY-MM-DD or a span like 30d, 12w, 6m, 1y, not '%s'",
				   o->until_arg);
	/* a report that ends early is judged as of its end */
	if (o->until[0] && strcmp(o->until, o->tally.today) < 0)
		memcpy(o->tally.today, o->until, sizeof(o->until));
	if (o->report.explain && o->report.by != BY_PASSAGE)
		return usage_error("%s", "--explain goes with --annotate or --by=passage");
	for (; optind < argc; optind++)
		strlist_add(&o->paths, argv[optind], strlen(argv[optind]));
	return 0;
}

static int read_files_from(struct options *o, struct strlist *paths, struct diag *d)
{
	FILE *f = strcmp(o->files_from, "-") == 0 ? stdin : fopen(o->files_from, "r");
	struct buf line = BUF_INIT;
	int c, sep = o->null_sep ? '\0' : '\n', ret = 0;

	if (!f) {
		diag_error(d, o->files_from, 0, 0, "%s", strerror(errno));
		return -1;
	}
	for (;;) {
		c = getc(f);
		if (c == EOF || c == sep) {
			if (!o->null_sep && line.len && line.ptr[line.len - 1] == '\r')
				line.len--;
			if (line.len && walk_path(paths, line.ptr, &o->walk, d) < 0)
				ret = -1;
			buf_reset(&line);
			if (c == EOF)
				break;
			continue;
		}
		buf_addch(&line, c);
	}
	if (ferror(f)) {
		diag_error(d, o->files_from, 0, 0, "%s", strerror(errno));
		ret = -1;
	}
	if (f != stdin)
		fclose(f);
	buf_release(&line);
	return ret;
}

static int stdin_is_input(void)
{
	struct stat st;

	if (isatty(0) || fstat(0, &st) < 0)
		return 0;
	return S_ISFIFO(st.st_mode) || S_ISREG(st.st_mode) || S_ISSOCK(st.st_mode);
}

static int load_rules(struct options *o, struct ruleset *rs, struct diag *d)
{
	size_t i;
	int ret = 0;

	if (!o->no_default_rules && ruleset_add_builtin(rs, d) < 0)
		ret = -1;
	for (i = 0; i < o->rule_files.n; i++)
		if (ruleset_add_file(rs, o->rule_files.v[i], d) < 0)
			ret = -1;
	if (ret == 0 && ruleset_compile(rs, d) < 0)
		ret = -1;
	return ret;
}

struct sink {
	const struct options *o;
	struct report *rep;
	struct tally *t;
	struct diag *d;
	unsigned long undated;	/* notes left out by a date filter for having no date */
};

static int wanted(struct sink *k, struct note_result *r)
{
	const struct options *o = k->o;
	size_t i, j;
	int hit;

	if (o->since[0] || o->until[0]) {
		if (!r->meta.has_date) {
			k->undated++;
			return 0;
		}
		if (o->since[0] && strcmp(r->meta.date, o->since) < 0)
			return 0;
		if (o->until[0] && strcmp(r->meta.date, o->until) > 0)
			return 0;
	}
	if (o->clients.n) {
		/* keep only the clients asked for: a joint note counts for them alone */
		size_t kept = 0;

		for (i = 0; i < r->clients.n; i++) {
			char *key = tally_fold(r->clients.v[i]);

			for (j = 0, hit = 0; j < o->clients.n && !hit; j++)
				hit = strcmp(key, o->clients.v[j]) == 0;
			free(key);
			if (hit)
				r->clients.v[kept++] = r->clients.v[i];
			else
				free(r->clients.v[i]);
		}
		r->clients.n = kept;
		if (!kept)
			return 0;
	}
	if (o->tags.n) {
		for (i = 0, hit = 0; i < r->meta.tags.n && !hit; i++)
			for (j = 0; j < o->tags.n && !hit; j++)
				hit = span_ieq(r->meta.tags.v[i], strlen(r->meta.tags.v[i]),
					       o->tags.v[j]);
		if (!hit)
			return 0;
	}
	return 1;
}

/* Takes one scanned note, in path order: its messages, its counts, its
 * rows.  Stops the run once standard output has failed. */
static int consume(struct note_result *r, void *arg)
{
	struct sink *k = arg;

	if (r->diags.len) {
		fwrite(r->diags.ptr, 1, r->diags.len, stderr);
		fflush(stderr);
	}
	k->d->errors += r->errors;
	k->d->warnings += r->warnings;
	if (r->status == NOTE_OK && wanted(k, r)) {
		tally_add(k->t, r);
		report_note(k->rep, r);
	}
	return ferror(stdout) ? -1 : 0;
}

static int run(struct options *o, struct diag *d)
{
	struct ruleset rs;
	struct strlist paths = { NULL, 0, 0 };
	struct sink sink;
	struct report rep;
	struct tally t;
	size_t i;
	int use_stdin = 0, flagged = 0;

	ruleset_init(&rs);
	if (load_rules(o, &rs, d) < 0) {
		ruleset_release(&rs);
		return 2;
	}
	if (o->check_rules) {
		unsigned failed = ruleset_check_examples(&rs, d);

		if (!failed)
			printf("%zu rules, every example and counterexample as expected\n", rs.n);
		ruleset_release(&rs);
		return failed ? 2 : 0;
	}

	/* problems with inputs are reported, and the rest still runs */
	if (o->files_from)
		read_files_from(o, &paths, d);
	for (i = 0; i < o->paths.n; i++) {
		if (strcmp(o->paths.v[i], "-") == 0)
			use_stdin = 1;
		else
			walk_path(&paths, o->paths.v[i], &o->walk, d);
	}
	if (!o->paths.n && !o->files_from) {
		if (stdin_is_input())
			use_stdin = 1;
		else
			walk_path(&paths, ".", &o->walk, d);
	}
	walk_sort(&paths);

	o->scan.rules = &rs;
	o->report.rules = &rs;
	tally_init(&t, rs.topics.n);
	report_begin(&rep, &o->report, stdout);
	memset(&sink, 0, sizeof(sink));
	sink.o = o;
	sink.rep = &rep;
	sink.t = &t;
	sink.d = d;
	if (use_stdin) {
		struct scanner scanner;
		struct note_result result;

		scanner_init(&scanner, &o->scan);
		note_result_init(&result);
		scan_note(&scanner, o->stdin_name ? o->stdin_name : "<stdin>", 0, &result);
		consume(&result, &sink);
		note_result_release(&result);
		scanner_release(&scanner);
	}
	pool_run((const char *const *)paths.v, paths.n, o->jobs, &o->scan, consume, &sink);
	if (sink.undated)
		diag_warn(d, NULL, 0, 0, "%lu note%s without a date left out by --since/--until",
			  sink.undated, sink.undated == 1 ? "" : "s");
	tally_finish(&t, &o->tally);
	report_end(&rep, &t);
	for (i = 0; i < t.n; i++)
		if (t.v[i]->flags & (FLAG_CHATTY | FLAG_ALL_BUSINESS))
			flagged = 1;

	report_release(&rep);
	tally_release(&t);
	strlist_release(&paths);
	ruleset_release(&rs);
	if (d->errors)
		return 2;
	return o->check && flagged ? 1 : 0;
}

/* A closed standard descriptor would be taken by the first note opened. */
static int guard_std_fds(void)
{
	int fd;

	if (fcntl(1, F_GETFD) < 0 && errno == EBADF) {
		if (fcntl(2, F_GETFD) >= 0)
			fputs("banter: error: standard output: Bad file descriptor\n", stderr);
		return -1;
	}
	for (fd = 0; fd <= 2; fd += 2) {
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
			int nfd = open("/dev/null", fd ? O_WRONLY : O_RDONLY);

			if (nfd >= 0 && nfd != fd) {
				dup2(nfd, fd);
				close(nfd);
			}
		}
	}
	return 0;
}

static int close_stdout(void)
{
	int err = fflush(stdout) != 0 || ferror(stdout);
	int saved = errno;

	if (fclose(stdout) != 0 && !err) {
		err = 1;
		saved = errno;
	}
	if (err) {
		fprintf(stderr, "banter: error: write error: %s\n",
			saved ? strerror(saved) : "unknown error");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o;
	struct diag d;
	int status;

	if (guard_std_fds() < 0)
		return 2;
	signal(SIGPIPE, SIG_DFL);
	memset(&o, 0, sizeof(o));
	o.scan.keys = &meta_default_keys;
	o.limits = limits_default;
	o.scan.limits = &o.limits;
	o.tally.target_lo = 10;
	o.tally.target_hi = 35;
	o.tally.referral_rate = 0.5;
	o.tally.referral_min = 2;
	o.tally.stale_days = 90;
	o.walk.exts = walk_default_exts;
	o.jobs = pool_cpus();
	today(o.tally.today);
	diag_init(&d, stderr);

	status = parse_args(&o, argc, argv);
	if (status == 0) {
		o.scan.keep_hits = o.report.explain;
		status = run(&o, &d);
	} else {
		status = status < 0 ? 2 : 0;
	}
	strlist_release(&o.rule_files);
	strlist_release(&o.clients);
	strlist_release(&o.tags);
	strlist_release(&o.paths);
	if (close_stdout() < 0)
		status = 2;
	return status;
}
