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
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "meta.h"
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

static void test_walk_then_sort(void **state)
{
	struct fix *f = *state;
	size_t i;

	/* "sub" is walked before "sub.md", but sorts after it */
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

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

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
		T(test_walk_then_sort),
	};

	return cmocka_run_group_tests_name("walk", tests, NULL, NULL);
}
