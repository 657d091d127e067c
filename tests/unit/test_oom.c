/*
 * Out of memory inside libyaml (ROBUSTNESS C16, the SQLite method of 5.6):
 * libyaml has no allocator hooks, so this executable defines malloc,
 * calloc and realloc itself, forwarding to glibc's, and fails the N-th
 * allocation made from inside libyaml for N = 1, 2, ... until a parse
 * succeeds untouched.  Each failed parse must report "front matter: out of
 * memory" once (no fake line numbers), leave no tree, and leak nothing:
 * every block libyaml or banter allocated during the parse is tracked
 * until it is freed.  (glibc's own counters, mallinfo2, move with its
 * caches and cannot tell.)
 *
 * banter's own allocations (xmalloc) are left alone: running out there
 * ends the program by design.  Under AddressSanitizer and valgrind, which
 * own malloc, the test is skipped.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dlfcn.h>

#include "helpers.h"
#include "ynode.h"

#if defined(__SANITIZE_ADDRESS__)
#define NO_INTERPOSE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NO_INTERPOSE 1
#endif
#endif

#ifndef NO_INTERPOSE
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void __libc_free(void *ptr);

/* The blocks libyaml and banter hold, so that a leak can be blamed. */
#define TRACK 8192
static void *held[TRACK];
static size_t held_size[TRACK];
static void *mine[TRACK];

static void track_mine(void *p)
{
	size_t i;

	for (i = 0; p && i < TRACK; i++)
		if (!mine[i]) {
			mine[i] = p;
			break;
		}
}

static void untrack_mine(void *p)
{
	size_t i;

	for (i = 0; p && i < TRACK; i++)
		if (mine[i] == p)
			mine[i] = NULL;
}

/* Blocks banter allocated during the parse and never freed. */
static size_t held_by_banter(void)
{
	size_t i, n = 0;

	for (i = 0; i < TRACK; i++)
		if (mine[i])
			n++;
	return n;
}

static void track(void *old, void *p, size_t size)
{
	size_t i;

	for (i = 0; old && i < TRACK; i++)
		if (held[i] == old) {
			held[i] = NULL;
			break;
		}
	for (i = 0; p && i < TRACK; i++)
		if (!held[i]) {
			held[i] = p;
			held_size[i] = size;
			break;
		}
}

static size_t held_by_libyaml(void)
{
	size_t i, n = 0;

	for (i = 0; i < TRACK; i++)
		if (held[i])
			n += held_size[i];
	return n;
}

static long countdown;		/* fail when it reaches 0; < 0: off */
static int persistent;		/* keep failing after the first */
static long failed;
static int armed;		/* a parse under test is running */
static long seen;		/* allocations by libyaml that came through here */

/* Is the caller's code in libyaml? */
static int from_libyaml(const void *ret)
{
	Dl_info info;

	return dladdr(ret, &info) && info.dli_fname && strstr(info.dli_fname, "libyaml");
}

static int should_fail(const void *ret)
{
	if (countdown < 0 || !from_libyaml(ret))
		return 0;
	if (countdown == 0) {
		failed++;
		if (!persistent)
			countdown = -1;
		return 1;
	}
	countdown--;
	return 0;
}

void *malloc(size_t size)
{
	void *p;

	if (should_fail(__builtin_return_address(0)))
		return NULL;
	p = __libc_malloc(size);
	if (armed && from_libyaml(__builtin_return_address(0))) {
		track(NULL, p, size);
		seen++;
	}
	else if (armed)
		track_mine(p);
	return p;
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (should_fail(__builtin_return_address(0)))
		return NULL;
	p = __libc_calloc(n, size);
	if (armed && from_libyaml(__builtin_return_address(0)))
		track(NULL, p, n * size);
	else if (armed)
		track_mine(p);
	return p;
}

void *realloc(void *ptr, size_t size)
{
	void *p;

	if (should_fail(__builtin_return_address(0)))
		return NULL;
	p = __libc_realloc(ptr, size);
	if (p) {
		track(ptr, NULL, 0);
		untrack_mine(ptr);
		if (armed && !from_libyaml(__builtin_return_address(0)))
			track_mine(p);
	}
	if (armed && from_libyaml(__builtin_return_address(0)))
		track(NULL, p, size);
	return p;
}

/* libyaml copies strings with strdup, whose malloc call comes from libc */
char *strdup(const char *str)
{
	size_t n = strlen(str) + 1;
	char *p;

	if (should_fail(__builtin_return_address(0)))
		return NULL;
	p = __libc_malloc(n);
	if (!p)
		return NULL;
	memcpy(p, str, n);
	if (armed && from_libyaml(__builtin_return_address(0)))
		track(NULL, p, n);
	return p;
}

void free(void *ptr)
{
	if (ptr)
		track(ptr, NULL, 0);
	untrack_mine(ptr);
	__libc_free(ptr);
}

static const char fm[] =
	"client: [Acme, \"Beta Co\"]\n"
	"date: 2026-03-04\n"
	"duration: 1h30m\n"
	"attendees:\n  - Dana\n  - Lee\n"
	"notes: |\n  a block scalar\n  over two lines\n"
	"nested: {a: [1, 2, {b: c}]}\n";

static void oom_loop(int keep_failing)
{
	long n;
	struct capture probe;
	struct ynode *proot = NULL;

	/* valgrind (like ASan) puts its own malloc in libyaml's way: then
	 * nothing comes through here, and there is nothing to test */
	for (n = 0; n < 2; n++) {	/* the first run binds symbols lazily */
		capture_init(&probe);
		seen = 0;
		armed = 1;
		ynode_parse(fm, sizeof(fm) - 1, 2, "x.md", "front matter", &probe.d, &proot);
		armed = 0;
		ynode_free(proot);
		proot = NULL;
		capture_release(&probe);
	}
	memset(held, 0, sizeof(held));
	memset(mine, 0, sizeof(mine));
	if (!seen)
		skip();

	for (n = 0; n < 100000; n++) {
		struct capture c;
		struct ynode *root = NULL;
		int ret;

		capture_init(&c);
		failed = 0;
		persistent = keep_failing;
		countdown = n;
		armed = 1;
		ret = ynode_parse(fm, sizeof(fm) - 1, 2, "x.md", "front matter", &c.d, &root);
		armed = 0;
		countdown = -1;
		if (!failed) {
			/* every allocation libyaml needs was granted: done */
			assert_int_equal(ret, 0);
			assert_non_null(root);
			assert_no_diag(&c);
			ynode_free(root);
			capture_release(&c);
			assert_true(n > 10);
			return;
		}
		assert_int_equal(ret, -1);
		assert_null(root);
		if (strcmp(c.out.ptr, "banter: x.md: error: front matter: out of memory\n") != 0)
			fail_msg("after failing allocation %ld: %s", n + 1, c.out.ptr);
		capture_release(&c);
		/* nothing is left behind, by libyaml or by banter */
		if (held_by_libyaml() || held_by_banter())
			fail_msg("after failing allocation %ld: %zu bytes (libyaml), %zu blocks (banter) leaked",
				 n + 1, held_by_libyaml(), held_by_banter());
	}
	fail_msg("the parse never succeeded");
}

static void test_oom_transient(void **state)
{
	(void)state;
	oom_loop(0);
}

static void test_oom_persistent(void **state)
{
	(void)state;
	oom_loop(1);
}
#else
static void test_oom_transient(void **state)
{
	(void)state;
	skip();
}

static void test_oom_persistent(void **state)
{
	(void)state;
	skip();
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oom_transient),
		cmocka_unit_test(test_oom_persistent),
	};

	return cmocka_run_group_tests_name("oom", tests, NULL, NULL);
}
