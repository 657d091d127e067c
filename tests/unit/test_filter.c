/*
 * Unit tests for filter.c: which notes a report counts, as --since,
 * --until, --client and --tag ask.  The notes are built by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "filter.h"
#include "meta.h"
#include "note.h"
#include "scan.h"
#include "tally.h"

/* A note counted under the clients in `names` (separated by '|'), with
 * the tags in `tags` (the same way; may be NULL) and a date (may be NULL). */
static void nr_make(struct note_result *r, const char *names, const char *tags,
		    const char *date)
{
	const char *p, *bar;

	note_result_init(r);
	note_set_text(&r->note, "n.md", "", 0);
	r->status = NOTE_OK;
	for (p = names;; p = bar + 1) {
		bar = strchr(p, '|');
		strlist_add(&r->clients, p, bar ? (size_t)(bar - p) : strlen(p));
		if (!bar)
			break;
	}
	for (p = tags; p; p = bar ? bar + 1 : NULL) {
		bar = strchr(p, '|');
		strlist_add(&r->meta.tags, p, bar ? (size_t)(bar - p) : strlen(p));
	}
	if (date) {
		r->meta.has_date = 1;
		memcpy(r->meta.date, date, 11);
	}
}

static void add_client(struct filter *f, const char *name)
{
	char *key = tally_fold(name);

	strlist_add(&f->clients, key, strlen(key));
	free(key);
}

static void test_no_filter(void **state)
{
	struct filter f;
	struct note_result r;
	unsigned long undated = 0;

	(void)state;
	memset(&f, 0, sizeof(f));
	nr_make(&r, "Acme|Globex", NULL, NULL);
	assert_true(filter_note(&f, &r, &undated));
	assert_int_equal(r.clients.n, 2);
	assert_int_equal(undated, 0);
	note_result_release(&r);
	filter_release(&f);
}

static void test_dates(void **state)
{
	struct filter f;
	struct note_result r;
	unsigned long undated = 0;

	(void)state;
	memset(&f, 0, sizeof(f));
	memcpy(f.since, "2024-02-01", 11);
	memcpy(f.until, "2024-02-29", 11);
	nr_make(&r, "Acme", NULL, "2024-02-01");	/* both ends count */
	assert_true(filter_note(&f, &r, &undated));
	note_result_release(&r);
	nr_make(&r, "Acme", NULL, "2024-02-29");
	assert_true(filter_note(&f, &r, &undated));
	note_result_release(&r);
	nr_make(&r, "Acme", NULL, "2024-01-31");
	assert_false(filter_note(&f, &r, &undated));
	note_result_release(&r);
	nr_make(&r, "Acme", NULL, "2024-03-01");
	assert_false(filter_note(&f, &r, &undated));
	assert_int_equal(undated, 0);
	note_result_release(&r);
	nr_make(&r, "Acme", NULL, NULL);	/* left out, and counted */
	assert_false(filter_note(&f, &r, &undated));
	assert_int_equal(undated, 1);
	note_result_release(&r);
	filter_release(&f);
}

static void test_clients(void **state)
{
	struct filter f;
	struct note_result r;
	unsigned long undated = 0;

	(void)state;
	memset(&f, 0, sizeof(f));
	add_client(&f, "globex");
	add_client(&f, "Initech");
	/* a joint note counts for the clients asked for alone */
	nr_make(&r, "Acme|GLOBEX|  Initech ", NULL, NULL);
	assert_true(filter_note(&f, &r, &undated));
	assert_int_equal(r.clients.n, 2);
	assert_string_equal(r.clients.v[0], "GLOBEX");
	assert_string_equal(r.clients.v[1], "  Initech ");
	note_result_release(&r);
	nr_make(&r, "Acme", NULL, NULL);
	assert_false(filter_note(&f, &r, &undated));
	assert_int_equal(r.clients.n, 0);
	note_result_release(&r);
	filter_release(&f);
}

static void test_tags(void **state)
{
	struct filter f;
	struct note_result r;
	unsigned long undated = 0;

	(void)state;
	memset(&f, 0, sizeof(f));
	strlist_add(&f.tags, "q3", 2);
	strlist_add(&f.tags, "renewal", 7);
	nr_make(&r, "Acme", "kickoff|Renewal", NULL);	/* any of them, in any case */
	assert_true(filter_note(&f, &r, &undated));
	note_result_release(&r);
	nr_make(&r, "Acme", "kickoff", NULL);
	assert_false(filter_note(&f, &r, &undated));
	note_result_release(&r);
	nr_make(&r, "Acme", NULL, NULL);
	assert_false(filter_note(&f, &r, &undated));
	note_result_release(&r);
	filter_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_filter),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_clients),
		cmocka_unit_test(test_tags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
