/*
 * banter: reads meeting notes and reports, client by client, how business
 * and social talk balance.  This file runs the pipeline: input (walk) ->
 * pool (scan: note, meta, passage, classify) -> filter -> tally -> report.
 * The options are read by cli.c and config.c; the report goes where
 * output.c says.
 *
 * Layer: glue, the top.  May call every layer below; nothing calls it.
 */
#include "buf.h"
#include "cli.h"
#include "config.h"
#include "diag.h"
#include "filter.h"
#include "input.h"
#include "output.h"
#include "pool.h"
#include "render.h"
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
#include <sys/stat.h>
#include <unistd.h>

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

/* Takes one scanned note, in path order: its messages, its counts, its
 * rows.  Stops the run once standard output has failed. */
static int consume(struct note_result *r, void *arg)
{
	struct sink *k = arg;

	/* a report banter wrote (Markdown) is not a note */
	if (r->status == NOTE_OK && r->note.text.len - r->note.start >= strlen(RENDER_MARKER) &&
	    memcmp(r->note.text.ptr + r->note.start, RENDER_MARKER, strlen(RENDER_MARKER)) == 0)
		return ferror(k->out) ? -1 : 0;
	if (r->diags.len) {
		fwrite(r->diags.ptr, 1, r->diags.len, stderr);
		fflush(stderr);
	}
	k->d->errors += r->errors;
	k->d->warnings += r->warnings;
	if (r->status == NOTE_OK)
		alias_clients(k->o, r);
	if (r->status == NOTE_OK && filter_note(&k->o->filter, r, &k->undated)) {
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

static int feed_note(const char *path, void *arg)
{
	struct feed *f = arg;

	if (pool_submit(f->pool, path, &f->pre) < 0) {
		f->stopped = 1;
		return -1;
	}
	return 0;
}

/* --check-rules and --print-rules: the rules alone, no notes. */
static int rules_only(const struct options *o, const struct ruleset *rs, struct diag *d)
{
	struct buf b = BUF_INIT;
	unsigned failed;

	if (o->check_rules) {
		failed = ruleset_check_examples(rs, d);
		if (!failed)
			printf("%zu rules, every example and counterexample as expected\n", rs->n);
		return failed ? 2 : 0;
	}
	if (o->print_rules == 2)
		ruleset_print_patterns(rs, &b);
	else
		ruleset_print(rs, &b);
	fwrite(b.ptr, 1, b.len, stdout);
	buf_release(&b);
	return 0;
}

static void scan_stdin(const struct options *o, struct sink *k)
{
	struct scanner scanner;
	struct note_result result;

	scanner_init(&scanner, &o->scan);
	note_result_init(&result);
	scan_note(&scanner, o->stdin_name ? o->stdin_name : STDIN_NAME, 0, &result);
	consume(&result, k);
	note_result_release(&result);
	scanner_release(&scanner);
}

/* Scans every note, each handed to `k` in path order. */
static void scan_inputs(struct options *o, const struct input *in, struct diag *d,
			struct sink *k)
{
	struct feed feed;
	size_t i;

	if (in->use_stdin)
		scan_stdin(o, k);
	feed.pool = pool_start(o->jobs, &o->scan, consume, k);
	buf_init(&feed.pre);
	feed.stopped = 0;
	if (in->collected) {
		for (i = 0; i < in->paths.n; i++) {
			buf_adds(&feed.pre, in->pre.v[i]);
			if (pool_submit(feed.pool, in->paths.v[i], &feed.pre) < 0)
				break;
		}
		buf_add(&feed.pre, in->tail.ptr, in->tail.len);
	} else {
		/* the walk's messages go out with the note that follows them,
		 * so standard error is the same whatever the number of jobs */
		d->capture = &feed.pre;
		for (i = 0; i < in->roots.n && !feed.stopped; i++)
			walk_each(in->roots.v[i], &o->walk, d, feed_note, &feed);
		d->capture = NULL;
	}
	pool_finish(feed.pool);
	if (feed.pre.len) {
		fwrite(feed.pre.ptr, 1, feed.pre.len, stderr);
		fflush(stderr);
	}
	buf_release(&feed.pre);
}

/* Scans, tallies and reports the notes to `out`.  Returns whether a
 * client has one of the flags --check counts. */
static int report_notes(struct options *o, const struct ruleset *rs, const struct input *in,
			FILE *out, struct diag *d)
{
	struct sink sink;
	struct report rep;
	struct tally t;
	size_t i;
	int flagged = 0;

	o->scan.rules = rs;
	o->report.rules = rs;
	o->report.period = o->tally.period;
	o->report.width = o->report.format == FORMAT_TEXT ? output_width(out) : 0;
	o->report.color = o->report.format == FORMAT_TEXT && output_color(o->color, out);
	o->report.ascii = o->report.ascii || !output_utf8();
	tally_init(&t, rs->topics.n, &o->tally);
	report_begin(&rep, &o->report, out);
	memset(&sink, 0, sizeof(sink));
	sink.o = o;
	sink.rep = &rep;
	sink.t = &t;
	sink.d = d;
	sink.out = out;
	scan_inputs(o, in, d, &sink);
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
	return flagged;
}

static int run(struct options *o, struct diag *d)
{
	struct ruleset rs;
	struct output output;
	struct input in;
	int status;

	ruleset_init(&rs);
	if (load_rules(o, &rs, d) < 0) {
		ruleset_release(&rs);
		return 2;
	}
	if (o->check_rules || o->print_rules) {
		status = rules_only(o, &rs, d);
		ruleset_release(&rs);
		return status;
	}
	if (output_open(&output, o->output, d) < 0) {
		ruleset_release(&rs);
		return 2;
	}
	/* the report is never read back as a note */
	walk_skip_output(&o->walk, output.fd >= 0 ? output.fd : fileno(output.f));
	if (output.fd >= 0)
		o->walk.out_met = &output.met;
	input_init(&in);
	input_find(&in, &o->paths, &o->files_from, o->null_sep, &o->walk, d);
	o->scan.client_dirs = &in.dirs;
	if (in.use_stdin)
		output_meet_stdin(&output);
	status = report_notes(o, &rs, &in, output.f, d) && o->check ? 1 : 0;
	input_release(&in);
	ruleset_release(&rs);
	o->walk.out_met = NULL;
	if (output_done(&output, d) < 0 || d->errors)
		return 2;
	return status;
}

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
	d.quiet = o.quiet;
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
	if (output_close_stdout() < 0)
		status = 2;
	return status;
}
