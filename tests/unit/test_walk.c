/*
 * Unit tests for walk.c: finding notes in a real (temporary) tree with
 * hidden folders, other extensions, symbolic links, a link loop and FIFOs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "meta.h"
#include "note.h"
#include "order.h"
#include "strlist.h"
#include "walk.h"

struct fix {
	char root[64];
	struct strlist out;
	struct buf msgs;
	struct diag d;
	struct walk_opts o;
};

static void rm_tree(const char *path)
{
	struct stat st;
	DIR *dir;
	struct dirent *de;

	if (lstat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode) && (dir = opendir(path))) {
		while ((de = readdir(dir))) {
			struct buf sub = BUF_INIT;

			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			buf_addf(&sub, "%s/%s", path, de->d_name);
			rm_tree(sub.ptr);
			buf_release(&sub);
		}
		closedir(dir);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	strcpy(f->root, "/tmp/banter-walk-XXXXXX");
	if (!mkdtemp(f->root)) {
		free(f);
		return -1;
	}
	buf_init(&f->msgs);
	diag_init(&f->d, NULL);
	f->d.capture = &f->msgs;
	f->o.exts = walk_default_exts;
	f->o.follow = 0;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;

	rm_tree(f->root);
	strlist_release(&f->out);
	buf_release(&f->msgs);
	free(f);
	return 0;
}

/* root/rel, in a static buffer (one at a time). */
static const char *at(const struct fix *f, const char *rel)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s", f->root, rel);
	return path;
}

static void mk_dir(const struct fix *f, const char *rel)
{
	assert_int_equal(mkdir(at(f, rel), 0755), 0);
}

static void mk_file(const struct fix *f, const char *rel)
{
	FILE *fp = fopen(at(f, rel), "w");

	assert_non_null(fp);
	fputs("---\nclient: x\n---\nhello\n", fp);
	assert_int_equal(fclose(fp), 0);
}

static void mk_link(const struct fix *f, const char *target, const char *rel)
{
	assert_int_equal(symlink(target, at(f, rel)), 0);
}

static void mk_fifo(const struct fix *f, const char *rel)
{
	assert_int_equal(mkfifo(at(f, rel), 0644), 0);
}

static int walk(struct fix *f, const char *rel)
{
	return walk_path(&f->out, rel ? at(f, rel) : f->root, &f->o, &f->d);
}

/* The paths found, relative to the root, sorted, joined by spaces. */
static char *found(const struct fix *f)
{
	struct buf b = BUF_INIT;
	struct strlist copy = { NULL, 0, 0 };
	size_t i, rl = strlen(f->root);

	for (i = 0; i < f->out.n; i++)
		strlist_add(&copy, f->out.v[i], strlen(f->out.v[i]));
	walk_sort(&copy);
	for (i = 0; i < copy.n; i++) {
		const char *p = copy.v[i];

		if (strncmp(p, f->root, rl) == 0 && p[rl] == '/')
			p += rl + 1;
		if (i)
			buf_addch(&b, ' ');
		buf_adds(&b, p);
	}
	strlist_release(&copy);
	return buf_detach(&b, NULL);
}

#define FOUND(f, want) do {						\
	char *got_ = found(f);						\
	assert_string_equal(got_, (want));				\
	free(got_);							\
} while (0)

#define HAS(f, want) do {						\
	if (!strstr((f)->msgs.ptr, (want)))				\
		fail_msg("no '%s' in:\n%s", (want), (f)->msgs.ptr);	\
} while (0)

/* The ordinary tree most tests start from. */
static void basic_tree(struct fix *f)
{
	mk_file(f, "a.md");
	mk_file(f, "b.markdown");
	mk_file(f, "c.txt");
	mk_file(f, "D.MD");
	mk_file(f, "e.pdf");
	mk_file(f, "noext");
	mk_file(f, "md");
	mk_file(f, "notes.md.bak");
	mk_file(f, ".hidden.md");
	mk_dir(f, ".git");
	mk_file(f, ".git/x.md");
	mk_dir(f, ".obsidian");
	mk_file(f, ".obsidian/y.md");
	mk_dir(f, "sub");
	mk_file(f, "sub/f.md");
	mk_dir(f, "sub/deeper");
	mk_file(f, "sub/deeper/g.txt");
	mk_dir(f, "folder.md");		/* a folder named like a note is walked, not taken */
	mk_file(f, "folder.md/h.md");
}

static void test_extensions_and_hidden(void **state)
{
	struct fix *f = *state;

	basic_tree(f);
	assert_int_equal(walk(f, NULL), 0);
	FOUND(f, "D.MD a.md b.markdown c.txt folder.md/h.md sub/deeper/g.txt sub/f.md");
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	assert_int_equal(f->msgs.len, 0);
}

static void test_other_extensions(void **state)
{
	static const char *const exts[] = { "txt", "pdf", NULL };
	struct fix *f = *state;

	basic_tree(f);
	f->o.exts = exts;
	assert_int_equal(walk(f, NULL), 0);
	FOUND(f, "c.txt e.pdf sub/deeper/g.txt");
}

static void test_trailing_slash(void **state)
{
	struct fix *f = *state;
	struct buf p = BUF_INIT;

	mk_dir(f, "sub");
	mk_file(f, "sub/f.md");
	buf_addf(&p, "%s/sub/", f->root);
	assert_int_equal(walk_path(&f->out, p.ptr, &f->o, &f->d), 0);
	assert_int_equal(f->out.n, 1);
	buf_reset(&p);
	buf_addf(&p, "%s/sub/f.md", f->root);
	assert_string_equal(f->out.v[0], p.ptr);		/* no "//" */
	buf_release(&p);
}

static void test_symlinks_not_followed(void **state)
{
	struct fix *f = *state;

	basic_tree(f);
	mk_link(f, "a.md", "link.md");
	mk_link(f, "sub", "linkdir");
	mk_link(f, "..", "sub/up");
	mk_link(f, "nowhere.md", "broken.md");
	assert_int_equal(walk(f, NULL), 0);
	FOUND(f, "D.MD a.md b.markdown c.txt folder.md/h.md sub/deeper/g.txt sub/f.md");
	assert_int_equal(f->d.errors + f->d.warnings, 0);
}

static void test_symlinks_followed(void **state)
{
	struct fix *f = *state;

	mk_file(f, "a.md");
	mk_dir(f, "sub");
	mk_file(f, "sub/f.md");
	mk_link(f, "a.md", "link.md");
	mk_link(f, "sub", "linkdir");
	f->o.follow = 1;
	assert_int_equal(walk(f, NULL), 0);
	FOUND(f, "a.md link.md linkdir/f.md sub/f.md");
	assert_int_equal(f->d.errors + f->d.warnings, 0);
}

static void test_symlink_loop(void **state)
{
	struct fix *f = *state;
	struct buf want = BUF_INIT;

	mk_file(f, "a.md");
	mk_dir(f, "sub");
	mk_file(f, "sub/f.md");
	mk_link(f, "..", "sub/up");		/* back to the root */
	mk_link(f, ".", "sub/self");		/* back to itself */
	f->o.follow = 1;
	assert_int_equal(walk(f, NULL), 0);
	FOUND(f, "a.md sub/f.md");
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->d.warnings, 2);
	buf_addf(&want, "banter: %s/sub/up: warning: a loop of links back to a folder above; skipped\n",
		 f->root);
	HAS(f, want.ptr);
	buf_reset(&want);
	buf_addf(&want, "banter: %s/sub/self: warning: a loop", f->root);
	HAS(f, want.ptr);
	buf_release(&want);
}

static void test_broken_link_followed(void **state)
{
	struct fix *f = *state;
	struct buf want = BUF_INIT;

	mk_file(f, "a.md");
	mk_link(f, "nowhere.md", "broken.md");
	f->o.follow = 1;
	assert_int_equal(walk(f, NULL), 0);
	FOUND(f, "a.md");
	assert_int_equal(f->d.warnings, 1);
	buf_addf(&want, "banter: %s/broken.md: warning: broken symbolic link: ", f->root);
	HAS(f, want.ptr);
	buf_release(&want);
}

static void test_fifo_in_tree_skipped(void **state)
{
	struct fix *f = *state;

	/* opening a FIFO with no writer would block: fail rather than hang */
	alarm(60);
	mk_file(f, "a.md");
	mk_fifo(f, "pipe.md");
	mk_dir(f, "sub");
	mk_fifo(f, "sub/pipe.txt");
	mk_link(f, "pipe.md", "linked-pipe.md");
	assert_int_equal(walk(f, NULL), 0);
	FOUND(f, "a.md");
	f->o.follow = 1;
	strlist_release(&f->out);
	assert_int_equal(walk(f, NULL), 0);
	FOUND(f, "a.md");
	assert_int_equal(f->d.errors + f->d.warnings, 0);
	alarm(0);
}

static void test_fifo_named_is_error(void **state)
{
	struct fix *f = *state;
	struct buf want = BUF_INIT;

	alarm(60);
	mk_fifo(f, "pipe.md");
	assert_int_equal(walk(f, "pipe.md"), -1);
	assert_int_equal(f->out.n, 0);
	assert_int_equal(f->d.errors, 1);
	buf_addf(&want, "banter: %s/pipe.md: error: not a regular file or a folder; skipped\n",
		 f->root);
	assert_string_equal(f->msgs.ptr, want.ptr);
	buf_release(&want);
	alarm(0);
}

static void test_missing_path(void **state)
{
	struct fix *f = *state;
	struct buf want = BUF_INIT;

	assert_int_equal(walk(f, "nope.md"), -1);
	assert_int_equal(f->out.n, 0);
	assert_int_equal(f->d.errors, 1);
	buf_addf(&want, "banter: %s/nope.md: error: %s\n", f->root, strerror(ENOENT));
	assert_string_equal(f->msgs.ptr, want.ptr);
	/* the walk goes on with the next path */
	mk_file(f, "a.md");
	assert_int_equal(walk(f, "a.md"), 0);
	FOUND(f, "a.md");
	buf_release(&want);
}

static void test_explicit_file_any_extension(void **state)
{
	struct fix *f = *state;

	mk_file(f, "e.pdf");
	mk_file(f, "noext");
	mk_file(f, ".hidden.md");
	mk_link(f, "e.pdf", "link-to-pdf");
	assert_int_equal(walk(f, "e.pdf"), 0);
	assert_int_equal(walk(f, "noext"), 0);
	assert_int_equal(walk(f, ".hidden.md"), 0);
	assert_int_equal(walk(f, "link-to-pdf"), 0);	/* named: followed */
	FOUND(f, ".hidden.md e.pdf link-to-pdf noext");
	assert_int_equal(f->d.errors + f->d.warnings, 0);
}

static void test_explicit_hidden_folder(void **state)
{
	struct fix *f = *state;

	/* a hidden folder named on the command line is walked */
	mk_dir(f, ".notes");
	mk_file(f, ".notes/a.md");
	mk_dir(f, ".notes/.trash");
	mk_file(f, ".notes/.trash/b.md");
	assert_int_equal(walk(f, ".notes"), 0);
	FOUND(f, ".notes/a.md");
}

static void test_unreadable_folder(void **state)
{
	struct fix *f = *state;

	if (geteuid() == 0)
		skip();		/* root reads every folder */
	mk_file(f, "a.md");
	mk_dir(f, "locked");
	mk_file(f, "locked/x.md");
	mk_dir(f, "z");
	mk_file(f, "z/b.md");
	assert_int_equal(chmod(at(f, "locked"), 0), 0);
	assert_int_equal(walk(f, NULL), -1);
	FOUND(f, "a.md z/b.md");
	assert_int_equal(f->d.errors, 1);
	assert_int_equal(chmod(at(f, "locked"), 0755), 0);
}

static void list(struct strlist *l, const char *const *v)
{
	for (; *v; v++)
		strlist_add(l, *v, strlen(*v));
}

static void test_sort(void **state)
{
	static const char *const in[] = { "b.md", "a/x.md", "b.md", "a.md", "a/x.md", "a.md",
					  "B.md", "a.md", NULL };
	struct strlist l = { NULL, 0, 0 };

	(void)state;
	walk_sort(&l);
	assert_int_equal(l.n, 0);
	list(&l, in);
	walk_sort(&l);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0], "B.md");		/* byte order */
	assert_string_equal(l.v[1], "a.md");		/* '.' < '/' */
	assert_string_equal(l.v[2], "a/x.md");
	assert_string_equal(l.v[3], "b.md");
	walk_sort(&l);					/* idempotent */
	assert_int_equal(l.n, 4);
	strlist_release(&l);

	strlist_add(&l, "one", 3);
	walk_sort(&l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0], "one");
	strlist_release(&l);
}

/* ---- trees deeper than PATH_MAX, vanishing files, the report file ---- */

/* Makes `levels` nested folders named `name` under the open folder dfd,
 * with a note at the bottom and one halfway.  Works whatever the depth. */
static void mk_deep(int dfd, const char *name, unsigned levels)
{
	unsigned i;
	int fd = dup(dfd), nfd;

	assert_true(fd >= 0);
	for (i = 0; i < levels; i++) {
		assert_int_equal(mkdirat(fd, name, 0755), 0);
		nfd = openat(fd, name, O_RDONLY | O_DIRECTORY);
		assert_true(nfd >= 0);
		close(fd);
		fd = nfd;
		if (i == levels / 2 || i == levels - 1) {
			int note = openat(fd, "deep.md", O_WRONLY | O_CREAT | O_EXCL, 0644);

			assert_true(note >= 0);
			assert_int_equal(write(note, "---\nclient: Deep\n---\nhello\n", 27), 27);
			close(note);
		}
	}
	close(fd);
}

/* Removes everything under the open folder fd, whatever the depth. */
static void rm_deep(int fd)
{
	DIR *dir = fdopendir(dup(fd));
	struct dirent *de;

	assert_non_null(dir);
	while ((de = readdir(dir))) {
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		assert_int_equal(fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW), 0);
		if (S_ISDIR(st.st_mode)) {
			int sub = openat(fd, de->d_name, O_RDONLY | O_DIRECTORY);

			assert_true(sub >= 0);
			rm_deep(sub);
			close(sub);
			assert_int_equal(unlinkat(fd, de->d_name, AT_REMOVEDIR), 0);
		} else {
			assert_int_equal(unlinkat(fd, de->d_name, 0), 0);
		}
	}
	closedir(dir);
}

/* ROBUSTNESS A8 and A17: 3,000 levels (a path of 6,000 bytes) are walked
 * with 16 descriptors allowed, and the notes found there can be read. */
static void test_deeper_than_path_max(void **state)
{
	struct fix *f = *state;
	struct rlimit old, low;
	struct note n;
	int root = open(f->root, O_RDONLY | O_DIRECTORY);
	size_t i;

	assert_true(root >= 0);
	mk_deep(root, "d", 3000);
	mk_file(f, "top.md");
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
	low = old;
	low.rlim_cur = 16;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	i = (size_t)walk(f, NULL);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
	assert_int_equal((int)i, 0);
	if (f->msgs.len)
		fail_msg("%s", f->msgs.ptr);
	assert_int_equal(f->out.n, 3);
	walk_sort(&f->out);
	assert_true(strlen(f->out.v[0]) > 4096);
	note_init(&n);
	for (i = 0; i < 2; i++) {
		assert_int_equal(note_read(&n, f->out.v[i], -1, 1000, &f->d), 0);
		assert_int_equal(n.text.len, 27);
	}
	note_release(&n);
	assert_int_equal(f->d.errors, 0);
	rm_deep(root);
	close(root);
}

/* Nesting past WALK_MAX_DEPTH is an error naming the folder, and the rest
 * of the walk goes on. */
static void test_depth_cap(void **state)
{
	struct fix *f = *state;
	int root = open(f->root, O_RDONLY | O_DIRECTORY);

	assert_true(root >= 0);
	mk_deep(root, "d", WALK_MAX_DEPTH + 2);
	mk_file(f, "z.md");
	assert_int_equal(walk(f, NULL), -1);
	HAS(f, "/d/d/d: error: folders nested deeper than 4096 levels; not entered\n");
	assert_int_equal(f->d.errors, 1);
	/* the note halfway down, and z.md */
	assert_int_equal(f->out.n, 2);
	rm_deep(root);
	close(root);
}

static void remove_b(const char *folder, void *arg)
{
	struct fix *f = arg;

	if (strcmp(folder, f->root) == 0)
		assert_int_equal(unlink(at(f, "b.md")), 0);
}

/* ROBUSTNESS A9: a file listed, then gone before it is looked at, is
 * reported by name and the walk goes on. */
static void test_vanished_after_listing(void **state)
{
	struct fix *f = *state;

	mk_file(f, "a.md");
	mk_file(f, "b.md");
	mk_file(f, "c.md");
	f->o.listed = remove_b;
	f->o.listed_arg = f;
	assert_int_equal(walk(f, NULL), -1);
	FOUND(f, "a.md c.md");
	HAS(f, "/b.md: error: No such file or directory\n");
	assert_int_equal(f->d.errors, 1);
}

/* A file that vanishes between the walk and the read is reported. */
static void test_vanished_before_read(void **state)
{
	struct fix *f = *state;
	struct note n;

	mk_file(f, "a.md");
	assert_int_equal(walk(f, NULL), 0);
	assert_int_equal(unlink(at(f, "a.md")), 0);
	note_init(&n);
	assert_int_equal(note_read(&n, f->out.v[0], -1, 1000, &f->d), -1);
	HAS(f, "/a.md: error: No such file or directory\n");
	note_release(&n);
}

/* A FIFO put where a note was after the walk is refused without blocking
 * (the open is non-blocking; the test would hang otherwise). */
static void test_fifo_after_walk_not_read(void **state)
{
	struct fix *f = *state;
	struct note n;

	mk_file(f, "a.md");
	assert_int_equal(walk(f, NULL), 0);
	assert_int_equal(unlink(at(f, "a.md")), 0);
	mk_fifo(f, "a.md");
	alarm(10);
	note_init(&n);
	assert_int_equal(note_read(&n, f->out.v[0], -1, 1000, &f->d), -1);
	alarm(0);
	HAS(f, "/a.md: error: not a regular file; skipped\n");
	note_release(&n);
}

/* ROBUSTNESS A11: the file standard output goes to is left out. */
static void test_output_file_skipped(void **state)
{
	struct fix *f = *state;
	int saved, fd;

	mk_file(f, "a.md");
	mk_file(f, "report.md");
	fflush(stdout);
	saved = dup(1);
	fd = open(at(f, "report.md"), O_WRONLY | O_APPEND);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 1);
	close(fd);
	walk_skip_output(&f->o, 1);
	dup2(saved, 1);
	close(saved);
	assert_true(f->o.skip_output);
	assert_int_equal(walk(f, NULL), 0);
	assert_int_equal(walk(f, "report.md"), 0);	/* named, too */
	FOUND(f, "a.md");
	HAS(f, "/report.md: warning: input file is also the output; skipped\n");
	assert_int_equal(f->d.warnings, 2);
	/* a terminal or a pipe on standard output leaves everything in */
	walk_skip_output(&f->o, 1);
	if (!f->o.skip_output) {
		assert_int_equal(walk(f, "report.md"), 0);
		assert_int_equal(f->out.n, 2);
	}
}

/* Names with a newline or an escape sequence are escaped in messages. */
static void test_control_names_escaped(void **state)
{
	struct fix *f = *state;

	mk_dir(f, "a\nb");
	mk_file(f, "a\nb/x.md");
	assert_int_equal(chmod(at(f, "a\nb"), 0755), 0);
	mk_dir(f, "\x1b[2Jd");
	mk_link(f, "nowhere", "\x1b[2Jd/l.md");
	f->o.follow = 1;
	assert_int_equal(walk(f, NULL), 0);
	HAS(f, "/\\x1B[2Jd/l.md: warning: broken symbolic link");
	assert_null(strchr(f->msgs.ptr, '\x1b'));
	assert_int_equal(f->out.n, 1);
}

static void test_walk_then_sort(void **state)
{
	struct fix *f = *state;
	size_t i;

	/* a note named twice is found twice, and sorting keeps one */
	mk_dir(f, "sub");
	mk_file(f, "sub/z.md");
	mk_file(f, "sub.md");
	assert_int_equal(walk(f, NULL), 0);
	assert_int_equal(walk(f, "sub.md"), 0);		/* named twice */
	assert_int_equal(walk(f, NULL), 0);
	assert_int_equal(f->out.n, 5);
	walk_sort(&f->out);
	assert_int_equal(f->out.n, 2);
	for (i = 1; i < f->out.n; i++)
		assert_true(strcmp(f->out.v[i - 1], f->out.v[i]) < 0);
	assert_string_equal(f->out.v[0], at(f, "sub.md"));
	assert_string_equal(f->out.v[1], at(f, "sub/z.md"));
}

/* The paths in `l` are in strictly increasing byte order. */
static void assert_in_order(const struct strlist *l)
{
	size_t i;

	for (i = 1; i < l->n; i++)
		if (strcmp(l->v[i - 1], l->v[i]) >= 0)
			fail_msg("'%s' found before '%s'", l->v[i - 1], l->v[i]);
}

/* Notes are found in byte order of their whole paths, with no sort after:
 * a folder sorts as its name and a '/', so "2024.md", "2024-old" and
 * "2024 q1.md" come before the folder "2024". */
static void test_walk_order(void **state)
{
	struct fix *f = *state;
	static const char *const names[] = {
		"2024.md", "2024 q1.md", "2024!.md", "2024-old/x.md", "2024/a.md",
		"2024/b/c.md", "2024/b.md", "2024/b-c.md", "2024.d/y.md", "B.md",
		"a", "a/z.md", "a.md", "ab.md", "é.md", "~.md", NULL
	};
	size_t i;

	mk_dir(f, "2024");
	mk_dir(f, "2024/b");
	mk_dir(f, "2024-old");
	mk_dir(f, "2024.d");
	mk_dir(f, "a");
	for (i = 0; names[i]; i++)
		if (strcmp(names[i], "a") != 0)
			mk_file(f, names[i]);
	mk_link(f, "2024", "2024+");	/* a link to a folder: a folder when followed */
	assert_int_equal(walk(f, NULL), 0);
	assert_int_equal(f->out.n, 15);
	assert_in_order(&f->out);
	strlist_release(&f->out);

	f->o.follow = 1;
	assert_int_equal(walk(f, NULL), 0);
	assert_int_equal(f->out.n, 19);
	assert_in_order(&f->out);
	assert_non_null(strstr(f->out.v[2], "/2024+/a.md"));	/* "+" < "-" < "." */
}

/* Roots are put in the order of their notes; repeats are dropped; one
 * root inside another is told. */
static void test_plan(void **state)
{
	struct fix *f = *state;
	struct strlist roots = { NULL, 0, 0 };
	struct buf want = BUF_INIT;
	size_t i;

	mk_dir(f, "a");
	mk_file(f, "a/1.md");
	mk_dir(f, "a-b");
	mk_file(f, "a-b/2.md");
	mk_file(f, "a.md");
	mk_dir(f, "b");
	mk_file(f, "b/3.md");
	strlist_add(&roots, at(f, "b"), strlen(at(f, "b")));
	strlist_add(&roots, at(f, "a"), strlen(at(f, "a")));
	strlist_add(&roots, at(f, "a.md"), strlen(at(f, "a.md")));
	strlist_add(&roots, at(f, "a/"), strlen(at(f, "a/")));
	strlist_add(&roots, at(f, "a-b"), strlen(at(f, "a-b")));
	strlist_add(&roots, at(f, "nope"), strlen(at(f, "nope")));
	strlist_add(&roots, at(f, "a.md"), strlen(at(f, "a.md")));
	assert_int_equal(walk_plan(&roots), 0);
	assert_int_equal(roots.n, 5);			/* a and a/, a.md twice */
	for (i = 0; i < roots.n; i++)
		walk_path(&f->out, roots.v[i], &f->o, &f->d);
	assert_int_equal(f->out.n, 4);
	assert_in_order(&f->out);
	buf_addf(&want, "%s/a-b/2.md", f->root);
	assert_string_equal(f->out.v[0], want.ptr);	/* '-' < '.' < '/' */
	HAS(f, "nope");
	strlist_release(&roots);

	strlist_add(&roots, at(f, "a/1.md"), strlen(at(f, "a/1.md")));
	strlist_add(&roots, at(f, "b"), strlen(at(f, "b")));
	strlist_add(&roots, at(f, "a"), strlen(at(f, "a")));
	assert_int_equal(walk_plan(&roots), -1);		/* a/1.md is inside a */
	assert_int_equal(roots.n, 3);
	strlist_release(&roots);

	strlist_add(&roots, at(f, "a"), strlen(at(f, "a")));
	assert_int_equal(walk_plan(&roots), 0);
	strlist_release(&roots);
	buf_release(&want);
}

/* The same place named two ways is one root; another spelling of a folder
 * inside a root still counts as inside it. */
static void test_plan_spellings(void **state)
{
	struct fix *f = *state;
	struct strlist roots = { NULL, 0, 0 };
	struct buf b = BUF_INIT;

	mk_dir(f, "a");
	mk_file(f, "a/1.md");
	mk_dir(f, "a/c");
	mk_file(f, "a/c/2.md");
	buf_addf(&b, "%s/./a", f->root);
	strlist_add(&roots, b.ptr, b.len);
	strlist_add(&roots, at(f, "a"), strlen(at(f, "a")));
	buf_reset(&b);
	buf_addf(&b, "%s//a/./", f->root);
	strlist_add(&roots, b.ptr, b.len);
	assert_int_equal(walk_plan(&roots), 0);
	assert_int_equal(roots.n, 1);
	buf_reset(&b);
	buf_addf(&b, "%s/./a", f->root);
	assert_string_equal(roots.v[0], b.ptr);		/* the spelling that sorts first */
	strlist_release(&roots);

	buf_reset(&b);
	buf_addf(&b, "%s/./a/c", f->root);
	strlist_add(&roots, b.ptr, b.len);
	strlist_add(&roots, at(f, "a"), strlen(at(f, "a")));
	assert_int_equal(walk_plan(&roots), -1);	/* ./a/c is inside a */
	assert_int_equal(roots.n, 2);
	walk_path(&f->out, roots.v[0], &f->o, &f->d);
	walk_path(&f->out, roots.v[1], &f->o, &f->d);
	assert_int_equal(f->out.n, 3);
	walk_sort(&f->out);
	walk_order(&f->out, NULL, NULL, NULL);
	assert_int_equal(f->out.n, 2);
	assert_in_order(&f->out);
	buf_reset(&b);
	buf_addf(&b, "%s/./a/c/2.md", f->root);	/* '.' < 'a' */
	assert_string_equal(f->out.v[0], b.ptr);
	strlist_release(&roots);
	buf_release(&b);
}

/* Repeats are told by where a path is: its folder's real path and its
 * own name.  "a/../y.md" is "y.md"; "s/../y.md" through a symbolic link s
 * to a/b is a/y.md, another note; a hard link is a note of its own, as
 * it is to a walk that meets both. */
static void test_dedupe_spellings(void **state)
{
	struct fix *f = *state;
	struct buf b = BUF_INIT;
	const char *const add[] = { "/./x.md", "//x.md", "/z.md", "/y.md", "/a/../y.md",
				    "/x.md", "/./gone.md", "/s/../y.md", "/a/y.md" };
	size_t i;

	mk_dir(f, "a");
	mk_dir(f, "a/b");
	mk_file(f, "x.md");
	mk_file(f, "y.md");
	mk_file(f, "a/y.md");
	buf_addf(&b, "%s/z.md", f->root);
	assert_int_equal(link(at(f, "x.md"), b.ptr), 0);
	buf_reset(&b);
	buf_addf(&b, "%s/s", f->root);
	assert_int_equal(symlink("a/b", b.ptr), 0);
	for (i = 0; i < sizeof(add) / sizeof(add[0]); i++) {
		buf_reset(&b);
		buf_addf(&b, "%s%s", f->root, add[i]);
		strlist_add(&f->out, b.ptr, b.len);
	}
	walk_sort(&f->out);
	walk_order(&f->out, NULL, NULL, NULL);
	assert_int_equal(f->out.n, 5);
	buf_reset(&b);
	buf_addf(&b, "%s/./gone.md", f->root);
	assert_string_equal(f->out.v[0], b.ptr);
	buf_reset(&b);
	buf_addf(&b, "%s/./x.md", f->root);
	assert_string_equal(f->out.v[1], b.ptr);
	buf_reset(&b);
	buf_addf(&b, "%s/a/../y.md", f->root);
	assert_string_equal(f->out.v[2], b.ptr);
	assert_string_equal(f->out.v[3], at(f, "a/y.md"));	/* and s/../y.md */
	assert_string_equal(f->out.v[4], at(f, "z.md"));
	buf_release(&b);
}

/* The walk's messages, kept as main.c's collected run keeps them. */
struct said_to {
	struct walk_msgs msgs;
	struct buf *capture;
};

static void keep_said(const char *at_path, void *arg)
{
	struct said_to *s = arg;

	strlist_add(&s->msgs.at, at_path, strlen(at_path));
	strlist_add(&s->msgs.text, s->capture->ptr, s->capture->len);
	buf_reset(s->capture);
}

/* "banter: ROOT/rel: level: what\n" */
static char *said_line(const struct fix *f, const char *rel, const char *what)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "banter: %s/%s: %s\n", f->root, rel, what);
	return buf_detach(&b, NULL);
}

/* Collected and sorted, the walk's messages come at the paths they are
 * about, as if each were a note there (a folder's at its path and a '/'),
 * not with the next note the walk found; one said twice is kept once. */
static void test_order_messages(void **state)
{
	struct fix *f = *state;
	struct said_to s = { { { NULL, 0, 0 }, { NULL, 0, 0 } }, &f->msgs };
	struct strlist pre = { NULL, 0, 0 };
	struct buf tail = BUF_INIT;
	char *gone, *loop, *broken;

	mk_dir(f, "a");
	mk_file(f, "a/1.md");
	mk_file(f, "a/b.md");
	mk_file(f, "a/b0.md");
	mk_link(f, ".", "a/b");		/* "b.md" < "b/" < "b0.md" */
	mk_link(f, "nowhere", "a/zz");
	f->o.follow = 1;
	f->o.said = keep_said;
	f->o.said_arg = &s;
	walk(f, "a");
	walk(f, "a.md");			/* not there: before "a/" */
	walk(f, "a");				/* its notes and messages again */
	assert_int_equal(f->out.n, 6);
	assert_int_equal(s.msgs.at.n, 5);
	assert_int_equal(s.msgs.text.n, 5);
	assert_string_equal(f->msgs.ptr, "");	/* each message was keyed */
	assert_string_equal(s.msgs.at.v[0], at(f, "a/b/"));	/* a folder's */
	walk_order(&f->out, &s.msgs, &pre, &tail);
	assert_int_equal(s.msgs.at.n, 0);
	FOUND(f, "a/1.md a/b.md a/b0.md");
	assert_int_equal(pre.n, 3);
	gone = said_line(f, "a.md", "error: No such file or directory");
	loop = said_line(f, "a/b", "warning: a loop of links back to a folder above; skipped");
	broken = said_line(f, "a/zz", "warning: broken symbolic link: No such file or directory");
	assert_string_equal(pre.v[0], gone);
	assert_string_equal(pre.v[1], "");
	assert_string_equal(pre.v[2], loop);
	assert_string_equal(tail.ptr, broken);
	free(gone);
	free(loop);
	free(broken);
	strlist_release(&pre);
	buf_release(&tail);
}

/* A message sorts before a note of its very path, and in the order said
 * among messages at one path; messages after the last note are the tail. */
static void test_order_messages_ties(void **state)
{
	struct fix *f = *state;
	struct walk_msgs m = { { NULL, 0, 0 }, { NULL, 0, 0 } };
	struct strlist pre = { NULL, 0, 0 };
	struct buf tail = BUF_INIT;
	static const char *const notes[] = { "n/b.md", "n/a.md", NULL };
	static const char *const at_paths[] = { "n/z.md", "n/b.md", "n/b.md", "n/", "n/a.md",
						  "n/b.md", NULL };
	static const char *const texts[] = { "z\n", "b1\n", "b2\n", "n\n", "a\n", "b1\n",
					       NULL };

	list(&f->out, notes);
	list(&m.at, at_paths);
	list(&m.text, texts);
	walk_order(&f->out, &m, &pre, &tail);
	assert_int_equal(f->out.n, 2);
	assert_string_equal(f->out.v[0], "n/a.md");
	assert_string_equal(f->out.v[1], "n/b.md");
	assert_int_equal(pre.n, 2);
	assert_string_equal(pre.v[0], "n\na\n");
	assert_string_equal(pre.v[1], "b1\nb2\n");
	assert_string_equal(tail.ptr, "z\n");
	strlist_release(&pre);
	strlist_release(&m.at);
	strlist_release(&m.text);

	/* no notes: every message is the tail, in path order */
	strlist_release(&f->out);
	list(&m.at, at_paths);
	list(&m.text, texts);
	buf_reset(&tail);
	walk_order(&f->out, &m, &pre, &tail);
	assert_int_equal(f->out.n, 0);
	assert_int_equal(pre.n, 0);
	assert_string_equal(tail.ptr, "n\na\nb1\nb2\nz\n");
	buf_release(&tail);
}

static int stop_after_two(const char *path, void *arg)
{
	int *n = arg;

	(void)path;
	return ++*n >= 2 ? -1 : 0;
}

/* The walk ends as soon as its caller asks. */
static void test_walk_stops(void **state)
{
	struct fix *f = *state;
	int n = 0;

	basic_tree(f);
	walk_each(f->root, &f->o, &f->d, stop_after_two, &n);
	assert_int_equal(n, 2);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

static void test_folder_below(void **state)
{
	struct strlist roots = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	const char *p;
	size_t n;

	(void)state;
	assert_int_equal(walk_folder_below("Clients", "Clients/Acme/2024/Q1/a.md", 1, &p, &n), 0);
	assert_int_equal(n, 4);
	assert_memory_equal(p, "Acme", 4);
	assert_int_equal(walk_folder_below("Clients/", "Clients/Acme/2024/a.md", 2, &p, &n), 0);
	assert_memory_equal(p, "2024", 4);
	assert_int_equal(walk_folder_below(".", "./Acme/a.md", 1, &p, &n), 0);
	assert_memory_equal(p, "Acme", 4);
	/* too shallow, the note's own name, or not under the root */
	assert_int_equal(walk_folder_below("Clients", "Clients/a.md", 1, &p, &n), -1);
	assert_int_equal(walk_folder_below("Clients", "Clients/Acme/a.md", 2, &p, &n), -1);
	assert_int_equal(walk_folder_below("Clients", "ClientsX/Acme/a.md", 1, &p, &n), -1);
	assert_int_equal(walk_folder_below("/", "/Acme/a.md", 1, &p, &n), 0);
	assert_memory_equal(p, "Acme", 4);
	/* the deepest root that holds the note */
	strlist_add(&roots, "v", 1);
	strlist_add(&roots, "v/Clients", 9);
	assert_int_equal(walk_folder_client(&roots, "v/Clients/Acme/Q1/a.md", 1, &out), 0);
	assert_string_equal(out.v[0], "Acme");
	assert_int_equal(walk_folder_client(&roots, "w/Acme/a.md", 1, &out), -1);
	assert_int_equal(walk_folder_client(NULL, "v/Acme/a.md", 1, &out), -1);
	strlist_release(&roots);
	strlist_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_extensions_and_hidden),
		T(test_other_extensions),
		T(test_trailing_slash),
		T(test_symlinks_not_followed),
		T(test_symlinks_followed),
		T(test_symlink_loop),
		T(test_broken_link_followed),
		T(test_fifo_in_tree_skipped),
		T(test_fifo_named_is_error),
		T(test_missing_path),
		T(test_explicit_file_any_extension),
		T(test_explicit_hidden_folder),
		T(test_unreadable_folder),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_folder_below),
		T(test_walk_then_sort),
		T(test_walk_order),
		T(test_plan),
		T(test_plan_spellings),
		T(test_dedupe_spellings),
		T(test_order_messages),
		T(test_order_messages_ties),
		T(test_walk_stops),
		T(test_deeper_than_path_max),
		T(test_depth_cap),
		T(test_vanished_after_listing),
		T(test_vanished_before_read),
		T(test_fifo_after_walk_not_read),
		T(test_output_file_skipped),
		T(test_control_names_escaped),
	};

	return cmocka_run_group_tests_name("walk", tests, NULL, NULL);
}
