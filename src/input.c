/*
 * input: the notes a run reads (input.h).
 * Layer: glue; calls the paths (walk, order) and the primitives.
 */
#include "input.h"
#include "buf.h"
#include "diag.h"
#include "meta.h"
#include "order.h"
#include "walk.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads the names of the --files-from list `list` into `names`. */
static int read_files_from(const char *list, int null_sep, struct strlist *names,
			   struct diag *d)
{
	FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
	struct buf line = BUF_INIT;
	int c, sep = null_sep ? '\0' : '\n', ret = 0, nul = 0;
	unsigned lineno = 1;

	if (!f) {
		diag_error(d, list, 0, 0, "%s", strerror(errno));
		return -1;
	}
	for (;;) {
		c = getc(f);
		if (c == EOF || c == sep) {
			if (!null_sep && line.len && line.ptr[line.len - 1] == '\r')
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

void input_init(struct input *in)
{
	memset(in, 0, sizeof(*in));
	buf_init(&in->tail);
}

void input_release(struct input *in)
{
	strlist_release(&in->roots);
	strlist_release(&in->dirs);
	strlist_release(&in->paths);
	strlist_release(&in->pre);
	buf_release(&in->tail);
}

/* Walks every root now, for the notes in path order without repeats. */
static void collect(struct input *in, const struct strlist *lists, int null_sep,
		    struct walk_opts *walk, struct diag *d)
{
	struct walk_msgs msgs = { { NULL, 0, 0 }, { NULL, 0, 0 } };
	struct buf said = BUF_INIT;
	struct gather gather = { &in->paths, &msgs, &said };
	size_t i;

	in->collected = 1;
	/* in byte order, so that their messages are too */
	for (i = 0; i < lists->n; i++)
		read_files_from(lists->v[i], null_sep, &in->roots, d);
	walk_sort(&in->roots);
	/* the walk's messages go out at the paths they are about, in path
	 * order with the notes, as they do when notes are not collected */
	d->capture = &said;
	walk->said = gather_said;
	walk->said_arg = &gather;
	for (i = 0; i < in->roots.n; i++)
		walk_each(in->roots.v[i], walk, d, gather_note, &gather);
	walk->said = NULL;
	d->capture = NULL;
	walk_order(&in->paths, &msgs, &in->pre, &in->tail);
	/* anything said without a path is not lost: it goes last */
	buf_add(&in->tail, said.ptr, said.len);
	buf_release(&said);
}

void input_find(struct input *in, const struct strlist *paths, const struct strlist *lists,
		int null_sep, struct walk_opts *walk, struct diag *d)
{
	size_t i;

	for (i = 0; i < paths->n; i++) {
		struct stat st;

		if (strcmp(paths->v[i], "-") == 0) {
			in->use_stdin = 1;
			continue;
		}
		strlist_add(&in->roots, paths->v[i], strlen(paths->v[i]));
		if (stat(paths->v[i], &st) == 0 && S_ISDIR(st.st_mode))
			strlist_add(&in->dirs, paths->v[i], strlen(paths->v[i]));
	}
	if (!paths->n && !lists->n) {
		if (stdin_is_input()) {
			in->use_stdin = 1;
		} else {
			strlist_add(&in->roots, ".", 1);
			strlist_add(&in->dirs, ".", 1);
		}
	}
	/* Usually the notes are scanned as the walk finds them, in order.  A
	 * list of files, roots inside one another, or a walk that follows
	 * links (which may lead to a note met another way) are collected,
	 * sorted and rid of repeats first.  Problems with inputs are reported,
	 * and the rest still runs. */
	if (walk_plan(&in->roots) < 0 || lists->n || walk->follow)
		collect(in, lists, null_sep, walk, d);
}

