/* realpath */
#define _DEFAULT_SOURCE

#include "order.h"
#include "buf.h"
#include "diag.h"
#include "strlist.h"
#include "util.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * A path spelled plainly: runs of '/' made one, "." steps left out
 * ("./notes//a.md" is "notes/a.md").  ".." is kept, since through a
 * symbolic link it need not lead back where it seems.
 */
static char *plain_spelling(const char *path)
{
	struct buf b = BUF_INIT;
	const char *p = path;

	if (*p == '/')
		buf_addch(&b, '/');
	while (*p) {
		const char *end;

		while (*p == '/')
			p++;
		end = strchr(p, '/');
		if (!end)
			end = p + strlen(p);
		if (end > p && !(end - p == 1 && *p == '.')) {
			if (b.len && b.ptr[b.len - 1] != '/')
				buf_addch(&b, '/');
			buf_add(&b, p, (size_t)(end - p));
		}
		p = end;
	}
	if (!b.len)
		buf_addch(&b, '.');
	/* a trailing '/' stays: "notes/" names a folder */
	if (p > path && p[-1] == '/' && b.ptr[b.len - 1] != '/')
		buf_addch(&b, '/');
	return buf_detach(&b, NULL);
}

/* The last folder resolved, so that a sorted list resolves each once. */
struct place_cache {
	struct buf dir;
	char *real;
};

/*
 * Where a path is, as a string: a folder's real path ending in '/', else
 * the real path of the folder it is in, then its own name.  So
 * "notes/a.md", "./notes//a.md", "/home/me/notes/a.md" and
 * "notes/sub/../a.md" are one place, and "." holds "misc"; a hard link or
 * a symbolic link to a note is still a note of its own, as it is to a walk
 * that meets both.  A path that cannot be resolved is its plain spelling.
 * `files`: the path is known to be a file (the walk found it).
 */
static char *path_place(const char *path, int files, struct place_cache *c)
{
	struct buf b = BUF_INIT;
	struct stat st;
	const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
	size_t dlen = slash ? (slash == path ? 1 : (size_t)(slash - path)) : 1;
	char *real;

	if (!files && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (!(real = realpath(path, NULL)))
			return plain_spelling(path);
		buf_adds(&b, real);
		free(real);
		if (b.ptr[b.len - 1] != '/')
			buf_addch(&b, '/');
		return buf_detach(&b, NULL);
	}
	if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return plain_spelling(path);
	if (!c->real || c->dir.len != dlen || memcmp(c->dir.ptr, slash ? path : ".", dlen) != 0) {
		buf_reset(&c->dir);
		buf_add(&c->dir, slash ? path : ".", dlen);
		free(c->real);
		c->real = realpath(c->dir.ptr, NULL);
	}
	if (!c->real)
		return plain_spelling(path);
	buf_adds(&b, c->real);
	if (b.ptr[b.len - 1] != '/')
		buf_addch(&b, '/');
	buf_adds(&b, name);
	return buf_detach(&b, NULL);
}

static void place_cache_release(struct place_cache *c)
{
	buf_release(&c->dir);
	free(c->real);
}

struct tagged {
	char *path;	/* a note's, or the path a message is about */
	char *msg;	/* a message's lines; NULL for a note */
	size_t at;	/* its place in the walk */
};

/* In byte order of paths; a message before a note of its path; else in
 * the order the walk met them. */
static int cmp_tagged(const void *a, const void *b)
{
	const struct tagged *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	if (!x->msg != !y->msg)
		return x->msg ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* Whether e[i], a message, was said already at its path: a folder walked
 * twice, under roots inside one another, says the same again.  e[first]
 * is the first message at that path. */
static int said_before(const struct tagged *e, size_t first, size_t i)
{
	size_t j;

	for (j = first; j < i; j++)
		if (strcmp(e[j].msg, e[i].msg) == 0)
			return 1;
	return 0;
}

void walk_order(struct strlist *paths, struct walk_msgs *msgs, struct strlist *pre,
		struct buf *tail)
{
	struct place_cache cache = { BUF_INIT, NULL };
	struct buf carry = BUF_INIT;
	struct tagged *e;
	char **place, *gone;
	size_t i, j, k, first = 0, n = paths->n, m = msgs ? msgs->at.n : 0;

	assert(!msgs || msgs->text.n == m);
	if (!n && !m)
		return;
	e = xcalloc(n + m, sizeof(*e));
	for (i = 0; i < n; i++) {
		e[i].path = paths->v[i];
		e[i].at = i;
	}
	for (i = 0; i < m; i++) {
		e[n + i].path = msgs->at.v[i];
		e[n + i].msg = msgs->text.v[i];
		e[n + i].at = n + i;
	}
	qsort(e, n + m, sizeof(*e), cmp_tagged);
	place = xcalloc(n ? n : 1, sizeof(*place));
	gone = xcalloc(n ? n : 1, 1);
	for (i = k = 0; i < n + m; i++)
		if (!e[i].msg)
			place[k++] = path_place(e[i].path, 1, &cache);
	place_cache_release(&cache);
	mark_repeats(place, n, gone);
	for (i = j = k = 0; i < n + m; i++) {
		if (e[i].msg) {
			if (i == 0 || !e[i - 1].msg || strcmp(e[i - 1].path, e[i].path) != 0)
				first = i;
			if (!said_before(e, first, i))
				buf_adds(&carry, e[i].msg);
			continue;
		}
		free(place[k]);
		if (gone[k++]) {
			free(e[i].path);
			continue;
		}
		paths->v[j++] = e[i].path;
		if (pre) {
			strlist_add(pre, carry.ptr, carry.len);
			buf_reset(&carry);
		}
	}
	paths->n = j;
	if (tail)
		buf_add(tail, carry.ptr, carry.len);
	if (msgs) {
		/* e only borrowed their strings */
		strlist_release(&msgs->at);
		strlist_release(&msgs->text);
	}
	buf_release(&carry);
	free(gone);
	free(place);
	free(e);
}

/* Whether `folder` (a path ending in '/') begins `path`. */
static int folder_holds(const char *folder, const char *path)
{
	size_t n = strlen(folder);

	return n && folder[n - 1] == '/' && strncmp(path, folder, n) == 0;
}

/* A root's sort key: a folder's path ends in '/', as its notes' do. */
static char *root_key(const char *root)
{
	struct buf b = BUF_INIT;
	struct stat st;

	buf_adds(&b, root);
	if (stat(root, &st) == 0 && S_ISDIR(st.st_mode) && (!b.len || b.ptr[b.len - 1] != '/'))
		buf_addch(&b, '/');
	return buf_detach(&b, NULL);
}

struct keyed {
	char *key;
	char *root;
	char *place;	/* where the root is: path_place */
	size_t at;	/* its place in key order */
};

static int cmp_place(const void *a, const void *b)
{
	const struct keyed *x = *(const struct keyed *const *)a, *y = *(const struct keyed *const *)b;
	int c = strcmp(x->place, y->place);

	return c ? c : x->at < y->at ? -1 : x->at > y->at;
}

static int cmp_key(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(x->root, y->root);
}

int walk_plan(struct strlist *roots)
{
	struct place_cache cache = { BUF_INIT, NULL };
	struct keyed *k, **by_place;
	size_t i, j;
	int ret = 0;

	if (roots->n < 2)
		return 0;
	k = xcalloc(roots->n, sizeof(*k));
	by_place = xcalloc(roots->n, sizeof(*by_place));
	for (i = 0; i < roots->n; i++) {
		k[i].key = root_key(roots->v[i]);
		k[i].root = roots->v[i];
		k[i].place = path_place(k[i].key, 0, &cache);
	}
	qsort(k, roots->n, sizeof(*k), cmp_key);
	/* A key that begins another ("a/" and "a/../b/") interleaves their
	 * notes in byte order, wherever the folders really are; in key order,
	 * such a key is followed at once by one it begins. */
	for (i = 1; i < roots->n; i++)
		if (folder_holds(k[i - 1].key, k[i].key) && strcmp(k[i].key, k[i - 1].key) != 0)
			ret = -1;
	/* The same place named twice ("notes", "notes/", "./notes") is walked
	 * once, under the spelling that sorts first; one root inside another
	 * means only a sort of all paths orders them. */
	for (i = 0; i < roots->n; i++) {
		k[i].at = i;
		by_place[i] = &k[i];
	}
	qsort(by_place, roots->n, sizeof(*by_place), cmp_place);
	for (i = 1, j = 0; i < roots->n; i++) {
		const struct keyed *held = by_place[j];

		if (strcmp(by_place[i]->place, held->place) == 0) {
			free(by_place[i]->key);
			by_place[i]->key = NULL;
			continue;
		}
		if (folder_holds(held->place, by_place[i]->place))
			ret = -1;
		j = i;
	}
	for (i = j = 0; i < roots->n; i++) {
		free(k[i].place);
		if (!k[i].key) {
			free(k[i].root);
			continue;
		}
		free(k[i].key);
		roots->v[j++] = k[i].root;
	}
	roots->n = j;
	place_cache_release(&cache);
	free(by_place);
	free(k);
	return ret;
}

