/*
 * banter: reads meeting notes and reports, client by client, how business
 * and social talk balance.  This file runs the pipeline: walk -> scan
 * (note, meta, passage, classify) -> tally -> report.  The options are
 * read by cli.c and config.c.
 */
#include "buf.h"
#include "cli.h"
#include "config.h"
#include "diag.h"
#include "order.h"
#include "pool.h"
#include "report.h"
#include "rules.h"
#include "rules_file.h"
#include "scan.h"
#include "tally.h"
#include "util.h"
#include "walk.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads the names of the --files-from list `list` into `names`. */
static int read_files_from(const struct options *o, const char *list, struct strlist *names,
			   struct diag *d)
{
	FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
	struct buf line = BUF_INIT;
	int c, sep = o->null_sep ? '\0' : '\n', ret = 0, nul = 0;
	unsigned lineno = 1;

	if (!f) {
		diag_error(d, list, 0, 0, "%s", strerror(errno));
		return -1;
	}
	for (;;) {
		c = getc(f);
		if (c == EOF || c == sep) {
			if (!o->null_sep && line.len && line.ptr[line.len - 1] == '\r')
				line.ptr[--line.len] = '\0';
			if (nul) {
				/* "a.md\0b.md" would be read as a.md alone */
				diag_error(d, list, lineno, 0,
					   "a NUL byte in a name; a list separated by NULs needs -0");
				ret = -1;
			} else if (line.len) {
				strlist_add(names, line.ptr, line.len);
			}
			buf_reset(&line);
			nul = 0;
			lineno++;
			if (c == EOF)
				break;
			continue;
		}
		nul |= c == '\0';
		buf_addch(&line, c);
	}
	if (ferror(f)) {
		diag_error(d, list, 0, 0, "%s", strerror(errno));
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
	/* compiled even after an error, so that every problem is reported */
	if (ruleset_compile(rs, d) < 0)
		ret = -1;
	return ret;
}

struct sink {
	const struct options *o;
	FILE *out;
	struct report *rep;
	struct tally *t;
	struct diag *d;
	unsigned long undated;	/* notes left out by a date filter for having no date */
};

/* Names a note's clients, and who introduced them, as the
 * configuration's aliases say. */
static void alias_clients(const struct options *o, struct note_result *r)
{
	const char *name;
	size_t i;

	for (i = 0; i < r->clients.n; i++) {
		name = cli_client_name(o, r->clients.v[i]);
		if (name != r->clients.v[i]) {
			free(r->clients.v[i]);
			r->clients.v[i] = xstrdup(name);
		}
	}
	if (r->meta.introduced_by &&
	    (name = cli_client_name(o, r->meta.introduced_by)) != r->meta.introduced_by) {
		free(r->meta.introduced_by);
		r->meta.introduced_by = xstrdup(name);
	}
}

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
	if (r->status == NOTE_OK)
		alias_clients(k->o, r);
	if (r->status == NOTE_OK && wanted(k, r)) {
		tally_add(k->t, r);
		report_note(k->rep, r);
	}
	return ferror(k->out) ? -1 : 0;
}

/* The walk's notes, handed to the pool as they are found. */
struct feed {
	struct pool *pool;
	struct buf pre;		/* the walk's messages since the last note */
	int stopped;
};

/* Collected notes, and the walk's messages each with the path it is
 * about, for walk_order to put in path order together. */
struct gather {
	struct strlist *paths;
	struct walk_msgs *msgs;
	struct buf *said;	/* the diag capture: the message being said */
};

static int gather_note(const char *path, void *arg)
{
	struct gather *g = arg;

	strlist_add(g->paths, path, strlen(path));
	return 0;
}

static void gather_said(const char *at, void *arg)
{
	struct gather *g = arg;

	strlist_add(&g->msgs->at, at, strlen(at));
	strlist_add(&g->msgs->text, g->said->ptr, g->said->len);
	buf_reset(g->said);
}

static int feed_note(const char *path, void *arg)
{
	struct feed *f = arg;

	if (pool_submit(f->pool, path, &f->pre) < 0) {
		f->stopped = 1;
		return -1;
	}
	return 0;
}

/* Text width: $COLUMNS, else the terminal's; 0 (no limit) for a pipe. */
static int text_width(FILE *out)
{
	const char *cols = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long n;

	if (cols && *cols) {
		n = strtol(cols, &end, 10);
		if (!*end && n > 0 && n < 100000)
			return (int)n;
	}
	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* Colour only on a terminal that can show it, and never with NO_COLOR. */
static int use_color(const struct options *o, FILE *out)
{
	const char *term = getenv("TERM"), *no = getenv("NO_COLOR");

	if (o->color == COLOR_NEVER)
		return 0;
	if (o->color == COLOR_ALWAYS)
		return 1;
	if (no && *no)
		return 0;
	if (!term || !*term || strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(out));
}

static int print_rules(const struct options *o, const struct ruleset *rs, FILE *out)
{
	struct buf b = BUF_INIT;

	if (o->print_rules == 2)
		ruleset_print_patterns(rs, &b);
	else
		ruleset_print(rs, &b);
	fwrite(b.ptr, 1, b.len, out);
	buf_release(&b);
	return 0;
}

/*
 * Where the report goes: standard output, or the -o file, made only once
 * the rules are good.  A file that already exists might be one of the
 * notes, and banter never writes to a note: the report is then written to
 * a temporary file first, and copied over the old one only once the walk
 * has not met it (output_done).
 */
struct output {
	FILE *f;		/* what the report is written to */
	int fd;			/* an existing -o file, kept unchanged until the end; or -1 */
	unsigned met;		/* the times the walk met that file */
};

static int open_output(const struct options *o, struct output *out, struct diag *d)
{
	struct stat st;

	out->f = stdout;
	out->fd = -1;
	out->met = 0;
	if (!o->output || strcmp(o->output, "-") == 0)
		return 0;
	if (stat(o->output, &st) == 0 && S_ISREG(st.st_mode)) {
		out->fd = open(o->output, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (out->fd < 0 || !(out->f = tmpfile())) {
			diag_error(d, o->output, 0, 0, "%s", strerror(errno));
			if (out->fd >= 0)
				close(out->fd);
			return -1;
		}
		return 0;
	}
	if (!(out->f = fopen(o->output, "w"))) {
		diag_error(d, o->output, 0, 0, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Copies the report into the existing -o file, unless it is a note. */
static int copy_output(const struct options *o, struct output *out, struct diag *d)
{
	char chunk[65536];
	size_t n;
	int ret = 0;

	if (out->met) {
		diag_error(d, o->output, 0, 0, "is one of the notes being read, "
			   "so the report was not written to it");
		return -1;
	}
	if (fflush(out->f) != 0 || fseek(out->f, 0, SEEK_SET) != 0 || ftruncate(out->fd, 0) < 0)
		ret = -1;
	while (!ret && (n = fread(chunk, 1, sizeof(chunk), out->f)) > 0)
		if (write_all(out->fd, chunk, n) < 0)
			ret = -1;
	if (!ret && ferror(out->f))
		ret = -1;
	if (ret)
		diag_error(d, o->output, 0, 0, "write error: %s", strerror(errno));
	return ret;
}

/* Finishes the report's file: 0, or -1 when it could not be written. */
static int output_done(const struct options *o, struct output *out, struct diag *d)
{
	int ret = 0;

	if (out->f == stdout)
		return 0;
	if (out->fd >= 0) {
		ret = copy_output(o, out, d);
		fclose(out->f);
		if (close(out->fd) != 0 && !ret) {
			diag_error(d, o->output, 0, 0, "write error: %s", strerror(errno));
			ret = -1;
		}
		return ret;
	}
	if (fflush(out->f) != 0 || ferror(out->f) | (fclose(out->f) != 0)) {
		diag_error(d, o->output, 0, 0, "write error: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int run(struct options *o, struct diag *d)
{
	struct ruleset rs;
	struct strlist paths = { NULL, 0, 0 }, roots = { NULL, 0, 0 }, pre = { NULL, 0, 0 };
	struct walk_msgs msgs = { { NULL, 0, 0 }, { NULL, 0, 0 } };
	struct buf said = BUF_INIT, tail = BUF_INIT;
	struct gather gather = { &paths, &msgs, &said };
	struct feed feed;
	struct sink sink;
	struct report rep;
	struct tally t;
	struct output output;
	FILE *out;
	size_t i;
	int use_stdin = 0, flagged = 0, collected = 0;

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
	if (o->print_rules) {
		print_rules(o, &rs, stdout);
		ruleset_release(&rs);
		return 0;
	}

	if (open_output(o, &output, d) < 0) {
		ruleset_release(&rs);
		return 2;
	}
	out = output.f;
	/* the report is never read back as a note */
	walk_skip_output(&o->walk, output.fd >= 0 ? output.fd : fileno(out));
	if (output.fd >= 0)
		o->walk.out_met = &output.met;
	for (i = 0; i < o->paths.n; i++) {
		if (strcmp(o->paths.v[i], "-") == 0)
			use_stdin = 1;
		else
			strlist_add(&roots, o->paths.v[i], strlen(o->paths.v[i]));
	}
	if (!o->paths.n && !o->files_from.n) {
		if (stdin_is_input())
			use_stdin = 1;
		else
			strlist_add(&roots, ".", 1);
	}
	/* Usually the notes are scanned as the walk finds them, in order.  A
	 * list of files, roots inside one another, or a walk that follows
	 * links (which may lead to a note met another way) are collected,
	 * sorted and rid of repeats first.  Problems with inputs are reported,
	 * and the rest still runs. */
	if (walk_plan(&roots) < 0 || o->files_from.n || o->walk.follow) {
		collected = 1;
		/* in byte order, so that their messages are too */
		for (i = 0; i < o->files_from.n; i++)
			read_files_from(o, o->files_from.v[i], &roots, d);
		walk_sort(&roots);
		/* the walk's messages go out at the paths they are about, in
		 * path order with the notes, as they do when notes are not
		 * collected */
		d->capture = &said;
		o->walk.said = gather_said;
		o->walk.said_arg = &gather;
		for (i = 0; i < roots.n; i++)
			walk_each(roots.v[i], &o->walk, d, gather_note, &gather);
		o->walk.said = NULL;
		d->capture = NULL;
		walk_order(&paths, &msgs, &pre, &tail);
		/* anything said without a path is not lost: it goes last */
		buf_add(&tail, said.ptr, said.len);
	}

	o->scan.rules = &rs;
	o->report.rules = &rs;
	o->report.period = o->tally.period;
	o->report.width = o->report.format == FORMAT_TEXT ? text_width(out) : 0;
	o->report.color = o->report.format == FORMAT_TEXT && use_color(o, out);
	tally_init(&t, rs.topics.n, &o->tally);
	report_begin(&rep, &o->report, out);
	memset(&sink, 0, sizeof(sink));
	sink.o = o;
	sink.rep = &rep;
	sink.t = &t;
	sink.d = d;
	sink.out = out;
	if (use_stdin) {
		struct scanner scanner;
		struct note_result result;
		struct stat in_st, out_st;

		/* `banter -o note.md < note.md`: the note is read, not written */
		if (output.fd >= 0 && fstat(0, &in_st) == 0 && fstat(output.fd, &out_st) == 0 &&
		    in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino)
			output.met++;

		scanner_init(&scanner, &o->scan);
		note_result_init(&result);
		scan_note(&scanner, o->stdin_name ? o->stdin_name : STDIN_NAME, 0, &result);
		consume(&result, &sink);
		note_result_release(&result);
		scanner_release(&scanner);
	}
	feed.pool = pool_start(o->jobs, &o->scan, consume, &sink);
	buf_init(&feed.pre);
	feed.stopped = 0;
	if (collected) {
		for (i = 0; i < paths.n; i++) {
			buf_adds(&feed.pre, pre.v[i]);
			if (pool_submit(feed.pool, paths.v[i], &feed.pre) < 0)
				break;
		}
		buf_add(&feed.pre, tail.ptr, tail.len);
	} else {
		/* the walk's messages go out with the note that follows them,
		 * so standard error is the same whatever the number of jobs */
		d->capture = &feed.pre;
		for (i = 0; i < roots.n && !feed.stopped; i++)
			walk_each(roots.v[i], &o->walk, d, feed_note, &feed);
		d->capture = NULL;
	}
	pool_finish(feed.pool);
	if (feed.pre.len) {
		fwrite(feed.pre.ptr, 1, feed.pre.len, stderr);
		fflush(stderr);
	}
	buf_release(&feed.pre);
	if (sink.undated)
		diag_warn(d, NULL, 0, 0, "%lu note%s without a date left out by --since/--until",
			  sink.undated, sink.undated == 1 ? "" : "s");
	tally_finish(&t, &o->tally);
	report_end(&rep, &t);
	for (i = 0; i < t.n; i++)
		if (t.v[i]->flags & o->report.check_flags)
			flagged = 1;

	report_release(&rep);
	tally_release(&t);
	strlist_release(&paths);
	strlist_release(&pre);
	buf_release(&tail);
	buf_release(&said);
	strlist_release(&roots);
	ruleset_release(&rs);
	o->walk.out_met = NULL;
	if (output_done(o, &output, d) < 0)
		return 2;
	if (d->errors)
		return 2;
	return o->check && flagged ? 1 : 0;
}

/* A closed standard descriptor would be taken by the first note opened. */
/* Closed standard streams get /dev/null, so that no file banter opens
 * takes their numbers; returns whether standard output was closed. */
static int guard_std_fds(void)
{
	int fd, out_closed = fcntl(1, F_GETFD) < 0 && errno == EBADF;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
			int nfd = open("/dev/null", fd ? O_WRONLY : O_RDONLY);

			if (nfd >= 0 && nfd != fd) {
				dup2(nfd, fd);
				close(nfd);
			}
		}
	}
	return out_closed;
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

/* Options: the configuration file's first, then the command line's. */
static int read_options(struct options *o, int argc, char **argv, struct diag *d)
{
	const char *config, *first;
	char *found = NULL;
	int no_config, ret;

	cli_prescan(argc, argv, &config, &no_config, &first);
	if (!no_config && !config)
		config = found = config_find(first);
	if (!no_config && config && config_load(o, config, d) < 0) {
		free(found);
		return CLI_ERROR;
	}
	free(found);
	ret = cli_parse(o, argc, argv, NULL);
	if (ret == CLI_OK)
		ret = cli_finish(o);
	return ret;
}

int main(int argc, char **argv)
{
	struct options o;
	struct diag d;
	sigset_t pipe_set;
	int status, out_closed;

	out_closed = guard_std_fds();
	/* a reader that goes away ends us quietly, as it does other tools,
	 * even when the parent ignored or blocked SIGPIPE */
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	sigprocmask(SIG_UNBLOCK, &pipe_set, NULL);
	cli_init(&o);
	diag_init(&d, stderr);
	status = read_options(&o, argc, argv, &d);
	/* with standard output closed, only a report to -o FILE can be
	 * delivered */
	if (out_closed && (status == CLI_DONE || (status == CLI_OK && (!o.output ||
	    o.check_rules || o.print_rules)))) {
		fputs("banter: error: standard output: Bad file descriptor\n", stderr);
		cli_release(&o);
		return 2;
	}
	if (status == CLI_OK)
		status = run(&o, &d);
	else
		status = status == CLI_DONE ? 0 : 2;
	cli_release(&o);
	if (close_stdout() < 0)
		status = 2;
	return status;
}
