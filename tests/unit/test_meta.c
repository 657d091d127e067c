/*
 * Unit tests for meta.c: the fields banter knows in front matter, typed by
 * banter itself (SPEC "Front matter rules" 6-10), and the date, duration
 * and wikilink readers on their own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "helpers.h"
#include "limits.h"
#include "meta.h"
#include "note.h"
#include "ynode.h"

struct fx {
	struct note n;
	struct meta m;
	struct capture c;
	enum meta_result r;
};

/* Splits `text` as the note at `path` and reads its fields with `keys`,
 * under `lim` (NULL: the defaults, through meta_parse). */
static void read_lim(struct fx *f, const char *path, const char *text,
		     const struct meta_keys *keys, const struct limits *lim)
{
	note_init(&f->n);
	meta_init(&f->m);
	capture_init(&f->c);
	note_set_text(&f->n, path, text, strlen(text));
	assert_int_equal(note_split(&f->n, &f->c.d), 0);
	if (lim)
		f->r = meta_parse_limits(&f->m, &f->n, keys, lim, &f->c.d);
	else
		f->r = meta_parse(&f->m, &f->n, keys, &f->c.d);
}

static void read_as(struct fx *f, const char *path, const char *text,
		    const struct meta_keys *keys)
{
	read_lim(f, path, text, keys, NULL);
}

static void read_note(struct fx *f, const char *text)
{
	read_as(f, "x.md", text, &meta_default_keys);
}

static void fx_free(struct fx *f)
{
	meta_release(&f->m);
	note_release(&f->n);
	capture_release(&f->c);
}

/* The note's clients, joined with '|' (for short comparisons). */
static const char *joined(const struct strlist *l, struct buf *b)
{
	size_t i;

	buf_reset(b);
	for (i = 0; i < l->n; i++) {
		if (i)
			buf_addch(b, '|');
		buf_adds(b, l->v[i]);
	}
	return b->ptr;
}

/* Reads `text` and expects it to be fine, with clients `clients`. */
#define EXPECT_CLIENTS(text, want) do {				\
	struct fx f_;							\
	struct buf b_ = BUF_INIT;					\
	read_note(&f_, (text));						\
	assert_int_equal(f_.r, META_OK);				\
	assert_string_equal(joined(&f_.m.clients, &b_), (want));	\
	assert_diag_count(&f_.c, 0, 0);					\
	buf_release(&b_);						\
	fx_free(&f_);							\
} while (0)

#define EXPECT_ATTENDEES(text, want) do {				\
	struct fx f_;							\
	struct buf b_ = BUF_INIT;					\
	read_note(&f_, (text));						\
	assert_int_equal(f_.r, META_OK);				\
	assert_string_equal(joined(&f_.m.attendees, &b_), (want));	\
	buf_release(&b_);						\
	fx_free(&f_);							\
} while (0)

/* ---- rule 6: empty, comment-only and non-mapping front matter ---- */

static void test_empty_front_matter(void **state)
{
	static const char *const cases[] = {
		"---\n---\nbody\n",
		"---\n\n\n---\nbody\n",
		"---\n# just a comment\n   # and another\n---\nbody\n",
		"---\n# c\n...\nbody\n",
		"no front matter at all\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx f;

		read_note(&f, cases[i]);
		assert_int_equal(f.r, META_OK);
		assert_null(f.m.tree);
		assert_int_equal(f.m.clients.n, 0);
		assert_false(f.m.has_date);
		assert_false(f.m.has_duration);
		assert_no_diag(&f.c);
		fx_free(&f);
	}
}

static void test_top_level_scalar_is_warning(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\njust some text\n---\nbody\n");
	assert_int_equal(f.r, META_OK);
	assert_diag(&f.c, "x.md:2:1: warning: front matter must be a mapping, found a string; "
		    "read with no fields");
	assert_diag_count(&f.c, 0, 1);
	assert_null(f.m.tree);
	assert_int_equal(f.m.clients.n, 0);
	fx_free(&f);
}

static void test_top_level_list_is_warning(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\n- client: Acme\n- b\n---\nbody\n");
	assert_int_equal(f.r, META_OK);
	assert_diag(&f.c, "x.md:2:1: warning: front matter must be a mapping, found a list");
	assert_diag_count(&f.c, 0, 1);
	assert_int_equal(f.m.clients.n, 0);
	fx_free(&f);
	read_note(&f, "---\n[a, b]\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_diag(&f.c, "found a list");
	fx_free(&f);
}

static void test_date_aliases(void **state)
{
	static const char *const only_day[] = { "day", "date", NULL };
	struct meta_keys keys = meta_default_keys;
	struct fx f;

	(void)state;
	keys.date = only_day;
	read_note(&f, "---\ncreated: 2024-01-23\n---\n");
	assert_int_equal(f.m.has_date, 1);
	assert_string_equal(f.m.date, "2024-01-23");
	fx_free(&f);
	read_note(&f, "---\ncreated_at: 2020-01-24 14:00:00 UTC\n---\n");
	assert_string_equal(f.m.date, "2020-01-24");
	assert_diag_count(&f.c, 0, 0);
	fx_free(&f);
	read_note(&f, "---\nMeeting_Date: 2024-02-01\n---\n");
	assert_string_equal(f.m.date, "2024-02-01");
	fx_free(&f);
	/* both: the first of the list wins, wherever it stands, silently */
	read_note(&f, "---\ncreated: 2024-01-20\ndate: 2024-01-24\nday: 2024-01-01\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_string_equal(f.m.date, "2024-01-24");
	assert_diag_count(&f.c, 0, 0);
	fx_free(&f);
	/* the first with a value */
	read_note(&f, "---\ndate:\ncreated: 2024-01-20\n---\n");
	assert_string_equal(f.m.date, "2024-01-20");
	fx_free(&f);
	/* an unreadable one names its key, and the next one counts */
	read_note(&f, "---\ncreated: someday\nday: 2024-01-21\n---\n");
	assert_string_equal(f.m.date, "2024-01-21");
	assert_diag(&f.c, "x.md:2:10: warning: 'created' is not YYYY-MM-DD or ISO 8601; ignored");
	fx_free(&f);
	/* the same key twice is still an error */
	read_note(&f, "---\ncreated: 2024-01-20\nCreated: 2024-01-21\n---\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:3:1: error: 'created' given twice (first at line 2)");
	fx_free(&f);
	/* a configured list, in its order; other names are unknown keys */
	read_as(&f, "x.md", "---\ndate: 2024-01-24\nday: 2024-01-02\ncreated: 2024-01-03\n---\n",
		&keys);
	assert_string_equal(f.m.date, "2024-01-02");
	fx_free(&f);
}

/* ---- rule 7: no YAML 1.1 guessing ---- */

static void test_norway(void **state)
{
	(void)state;
	EXPECT_CLIENTS("---\nclient: NO\n---\n", "NO");
	EXPECT_CLIENTS("---\nclient: yes\n---\n", "yes");
	EXPECT_CLIENTS("---\nclient: Off\n---\n", "Off");
	EXPECT_CLIENTS("---\nclient: true\n---\n", "true");
	EXPECT_CLIENTS("---\nclient: 007\n---\n", "007");
	EXPECT_CLIENTS("---\nclient: 0x1F\n---\n", "0x1F");
	EXPECT_CLIENTS("---\nclient: 1e3\n---\n", "1e3");
	EXPECT_CLIENTS("---\nclient: 1:30\n---\n", "1:30");
	EXPECT_CLIENTS("---\nclient: [NO, SE, DK]\n---\n", "NO|SE|DK");
}

static void test_null_means_absent(void **state)
{
	(void)state;
	EXPECT_CLIENTS("---\nclient:\n---\n", "");
	EXPECT_CLIENTS("---\nclient: ~\n---\n", "");
	EXPECT_CLIENTS("---\nclient: null\n---\n", "");
	EXPECT_CLIENTS("---\nclient: Null\n---\n", "");
	EXPECT_CLIENTS("---\nclient: []\n---\n", "");
	/* quoted, they are names */
	EXPECT_CLIENTS("---\nclient: \"null\"\n---\n", "null");
	EXPECT_CLIENTS("---\nclient: '~'\n---\n", "~");
	/* an absent value beside another spelling of the key is no second
	 * client, before or after it */
	EXPECT_CLIENTS("---\nclient:\ncompany: Acme\n---\n", "Acme");
	EXPECT_CLIENTS("---\norg: Acme\nclient: ~\n---\n", "Acme");
	EXPECT_CLIENTS("---\nclient: []\naccount: Acme\n---\n", "Acme");
	EXPECT_CLIENTS("---\ndate:\ndate: 2026-01-02\nclient: Acme\n---\n", "Acme");
	/* a quoted empty string too, with no warning */
	EXPECT_CLIENTS("---\nclient: Acme\ndate: \"\"\nduration: ''\n---\n", "Acme");
	EXPECT_CLIENTS("---\nclient: \"\"\ncustomer: Acme\n---\n", "Acme");
}

static void test_duration_1_30_is_90_minutes(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\nduration: 1:30\n---\n");	/* sexagesimal 5400 in YAML 1.1 */
	assert_int_equal(f.r, META_OK);
	assert_true(f.m.has_duration);
	assert_true(f.m.minutes == 90.0);
	assert_no_diag(&f.c);
	fx_free(&f);
}

static void test_bad_date_warns_and_is_ignored(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\nclient: Acme\ndate: 2026-13-45\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_false(f.m.has_date);
	assert_diag(&f.c, "x.md:3:7: warning: 'date' is not YYYY-MM-DD or ISO 8601; ignored");
	assert_diag_count(&f.c, 0, 1);
	assert_int_equal(f.m.clients.n, 1);
	fx_free(&f);
}

/* ---- rule 8: key aliases, case, wikilinks ---- */

static void test_client_aliases_and_case(void **state)
{
	(void)state;
	EXPECT_CLIENTS("---\nclient: Acme\n---\n", "Acme");
	EXPECT_CLIENTS("---\nClient: Acme\n---\n", "Acme");
	EXPECT_CLIENTS("---\nCLIENT: Acme\n---\n", "Acme");
	EXPECT_CLIENTS("---\ncompany: Acme\n---\n", "Acme");
	EXPECT_CLIENTS("---\nCOMPANY: Acme\n---\n", "Acme");
	EXPECT_CLIENTS("---\ncustomer: Acme\n---\n", "Acme");
	EXPECT_CLIENTS("---\nAccount: Acme\n---\n", "Acme");
	EXPECT_CLIENTS("---\norg: Acme\n---\n", "Acme");
	EXPECT_CLIENTS("---\nOrganization: Acme\n---\n", "Acme");
	EXPECT_CLIENTS("---\n\"client\": Acme\n---\n", "Acme");
	/* near misses are unknown keys */
	EXPECT_CLIENTS("---\nclients: Acme\n---\n", "");
	EXPECT_CLIENTS("---\nclient_name: Acme\n---\n", "");
	EXPECT_CLIENTS("---\norganisation: Acme\n---\n", "");
}

static void test_client_list(void **state)
{
	(void)state;
	EXPECT_CLIENTS("---\nclient: [Acme, Beta Ltd]\n---\n", "Acme|Beta Ltd");
	EXPECT_CLIENTS("---\nclient:\n  - Acme\n  - Beta\n---\n", "Acme|Beta");
	EXPECT_CLIENTS("---\nclient:\n  - Acme\n  -\n  - ~\n---\n", "Acme");
	EXPECT_CLIENTS("---\nclient: \"  Acme  \"\n---\n", "Acme");
}

static void test_attendee_aliases(void **state)
{
	(void)state;
	EXPECT_ATTENDEES("---\nattendees: [Ann, Bob]\n---\n", "Ann|Bob");
	EXPECT_ATTENDEES("---\nParticipants: [Ann]\n---\n", "Ann");
	EXPECT_ATTENDEES("---\nPEOPLE:\n  - \"[[Ann Lee]]\"\n---\n", "Ann Lee");
	EXPECT_ATTENDEES("---\ncontacts: Ann\n---\n", "Ann");
	EXPECT_ATTENDEES("---\npeople: []\n---\n", "");
}

static void test_wikilinks(void **state)
{
	(void)state;
	EXPECT_CLIENTS("---\nclient: \"[[Acme]]\"\n---\n", "Acme");
	EXPECT_CLIENTS("---\nclient: '[[Acme]]'\n---\n", "Acme");
	EXPECT_CLIENTS("---\nclient: [[Acme]]\n---\n", "Acme");
	EXPECT_CLIENTS("---\nclient: \"[[Clients/Acme|ACME]]\"\n---\n", "Acme");
	EXPECT_CLIENTS("---\nclient: [[Clients/Acme|ACME]]\n---\n", "Acme");
	EXPECT_CLIENTS("---\nclient: \"[[Acme#History]]\"\n---\n", "Acme");
	EXPECT_CLIENTS("---\nclient: [[Acme#History]]\n---\n", "Acme");
	EXPECT_CLIENTS("---\nclient: \"[[ Acme Corp ]]\"\n---\n", "Acme Corp");
	EXPECT_CLIENTS("---\nclient: \"[[a/b/Acme.md]]\"\n---\n", "Acme.md");
}

static void test_wikilinks_as_list_items(void **state)
{
	(void)state;
	EXPECT_CLIENTS("---\norg:\n  - \"[[Acme]]\"\n  - \"[[Clients/Beta|B]]\"\n---\n", "Acme|Beta");
	EXPECT_CLIENTS("---\norg:\n  - [[Acme]]\n  - [[Clients/Beta|B]]\n---\n", "Acme|Beta");
	EXPECT_CLIENTS("---\norg: [[[Acme]], \"[[Beta]]\", Gamma]\n---\n", "Acme|Beta|Gamma");
	EXPECT_ATTENDEES("---\npeople:\n  - [[Ann]]\n  - \"[[People/Bob|Bobby]]\"\n---\n", "Ann|Bob");
}

static void test_custom_keys(void **state)
{
	static const char *const client[] = { "kunde", "firma", NULL };
	static const char *const attendees[] = { "teilnehmer", NULL };
	static const struct meta_keys keys = { client, attendees, NULL };
	struct fx f;

	(void)state;
	read_as(&f, "x.md", "---\nKunde: Acme\nclient: Other\nTeilnehmer: [Ann]\n---\n", &keys);
	assert_int_equal(f.r, META_OK);
	assert_int_equal(f.m.clients.n, 1);
	assert_string_equal(f.m.clients.v[0], "Acme");
	assert_int_equal(f.m.attendees.n, 1);
	assert_string_equal(f.m.attendees.v[0], "Ann");
	assert_no_diag(&f.c);
	fx_free(&f);
	/* two of the custom names for one field are still a duplicate */
	read_as(&f, "x.md", "---\nkunde: A\nfirma: B\n---\n", &keys);
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:3:1: error: 'client' given twice (first at line 2)");
	fx_free(&f);
}

static void test_client_wrong_kind(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\nclient:\n  name: Acme\n---\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:3:3: error: 'client' must be a string or a list of strings, found a mapping");
	assert_diag_count(&f.c, 1, 0);
	fx_free(&f);
	read_note(&f, "---\nclient: [Acme, {a: b}]\n---\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:2:16: error: 'client' must be a string or a list of strings, found a mapping");
	fx_free(&f);
}

/* Columns are the file's bytes: libyaml's characters are not, nor are
 * positions in the text once invalid bytes are made U+FFFD. */
static void test_field_columns_are_bytes(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\nclient: [\"\xC3\xA9\", {a: b}]\n---\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:2:16: error: 'client' must be a string or a list of strings, "
			  "found a mapping");
	fx_free(&f);
	read_note(&f, "---\nclient: [\"\xE9\", {a: b}]\n---\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:2:15: error: 'client' must be a string or a list of strings, "
			  "found a mapping");
	fx_free(&f);
	read_note(&f, "---\n\xE2\x82\xAC: 1\ntags: {x: 1}\nduration: \xC3\xA9\n---\n");
	assert_diag(&f.c, "x.md:3:7: warning: 'tags' must be");
	assert_diag(&f.c, "x.md:4:11: warning: 'duration' is not minutes");
	fx_free(&f);
}

static void test_attendees_wrong_kind_is_a_warning(void **state)
{
	struct fx f;

	(void)state;
	/* the note is still used, so this is no error */
	read_note(&f, "---\nclient: Acme\npeople:\n  ann: cto\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_int_equal(f.m.attendees.n, 0);
	assert_diag(&f.c, "x.md:4:3: warning: 'attendees' must be a string or a list of strings, found a mapping");
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);
}

static void test_non_scalar_key(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\n? [a, b]\n: c\nclient: Acme\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_diag(&f.c, "x.md:2:3: warning: a key that is a list; ignored");
	assert_string_equal(f.m.clients.v[0], "Acme");
	fx_free(&f);
}

/* ---- rule 9: keys given twice; anchors, aliases, tags ---- */

static void test_duplicate_client_is_error(void **state)
{
	static const char *const cases[] = {
		"---\nclient: A\nclient: B\n---\n",
		"---\nclient: A\nClient: B\n---\n",
		"---\nclient: A\ncompany: B\n---\n",
		"---\norg: A\ncustomer: B\n---\n",
		"---\nclient: A\nclient: A\n---\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx f;

		read_note(&f, cases[i]);
		assert_int_equal(f.r, META_ERROR);
		assert_diag(&f.c, "x.md:3:1: error: 'client' given twice (first at line 2)");
		assert_diag_count(&f.c, 1, 0);
		fx_free(&f);
	}
}

static void test_duplicate_date_and_duration_are_errors(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\ndate: 2026-01-01\ntitle: x\nDate: 2026-01-02\n---\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:4:1: error: 'date' given twice (first at line 2)");
	fx_free(&f);
	read_note(&f, "---\nduration: 30\nduration: 45\n---\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:3:1: error: 'duration' given twice (first at line 2)");
	fx_free(&f);
	/* even when the first one was not usable */
	read_note(&f, "---\ndate: soon\ndate: 2026-01-02\n---\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:3:1: error: 'date' given twice (first at line 2)");
	fx_free(&f);
}

static void test_duplicate_others_warn_last_wins(void **state)
{
	struct fx f;
	struct buf b = BUF_INIT;

	(void)state;
	read_note(&f, "---\nclient: Acme\ntags: [a]\nTags: [b, c]\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_string_equal(joined(&f.m.tags, &b), "b|c");
	assert_diag(&f.c, "x.md:4:1: warning: 'tags' given twice (first at line 3); the last one wins");
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);

	read_note(&f, "---\nattendees: [Ann]\npeople: [Bob]\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_string_equal(joined(&f.m.attendees, &b), "Bob");
	assert_diag(&f.c, "x.md:3:1: warning: 'attendees' given twice (first at line 2); the last one wins");
	fx_free(&f);

	read_note(&f, "---\nintroduced_by: Ann\nintroduced_by: Bob\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_string_equal(f.m.introduced_by, "Bob");
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);

	/* unknown keys too */
	read_note(&f, "---\ntitle: one\nclient: Acme\nTitle: two\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_diag(&f.c, "x.md:4:1: warning: key 'Title' given twice (first at line 2); the last one wins");
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);
	buf_release(&b);
}

static void test_duplicate_key_is_escaped(void **state)
{
	struct fx f;

	(void)state;
	/* a key is the note's text: no raw escape sequence reaches stderr */
	read_note(&f, "---\n\"a\\e[31mX\\0\": 1\n\"A\\e[31mx\\0\": 2\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_diag(&f.c, "x.md:3:1: warning: key 'A\\x1B[31mx\\x00' given twice (first at line 2)");
	assert_null(strchr(f.c.out.ptr, '\x1b'));
	fx_free(&f);
}

static void test_many_keys(void **state)
{
	struct limits lim = limits_default;
	struct fx f;
	struct buf t = BUF_INIT;
	size_t i;

	(void)state;
	/* near the event limit: compared pairwise this took seconds (the
	 * front matter is raised past its 64 KiB default to get there) */
	lim.front_matter = 1 << 20;
	buf_adds(&t, "---\n");
	for (i = 0; i < 49000; i++)
		buf_addf(&t, "k%05zu: 1\n", i);
	buf_adds(&t, "K00007: 2\nclient: Acme\n---\nbody\n");
	read_lim(&f, "x.md", t.ptr, &meta_default_keys, &lim);
	assert_int_equal(f.r, META_OK);
	assert_string_equal(f.m.clients.v[0], "Acme");
	assert_diag(&f.c, "x.md:49002:1: warning: key 'K00007' given twice (first at line 9)");
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);
	buf_release(&t);
}

/* ROBUSTNESS C8: front matter past its limit is refused before libyaml
 * reads it, naming its first line and the limit. */
static void test_front_matter_limit(void **state)
{
	struct limits lim = limits_default;
	struct fx f;
	struct buf t = BUF_INIT;

	(void)state;
	buf_adds(&t, "---\nclient: Acme\ntitle: ");
	buf_addrep(&t, 'x', 70000);
	buf_adds(&t, "\n---\nbody\n");
	read_note(&f, t.ptr);
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:2:1: error: front matter of 70021 bytes is longer than 65536 "
		    "(limit 'front-matter'); skipped");
	assert_diag_count(&f.c, 1, 0);
	fx_free(&f);
	/* raised, it is read, and the scalar limit is next */
	lim.front_matter = 1 << 20;
	read_lim(&f, "x.md", t.ptr, &meta_default_keys, &lim);
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:3:8: error: front matter: a value longer than 65536 bytes (limit 'scalar')");
	fx_free(&f);
	lim.scalar = 1 << 20;
	read_lim(&f, "x.md", t.ptr, &meta_default_keys, &lim);
	assert_int_equal(f.r, META_OK);
	assert_string_equal(f.m.clients.v[0], "Acme");
	fx_free(&f);
	/* depth and events come from the limits too */
	lim = limits_default;
	lim.yaml_depth = 1;
	read_lim(&f, "x.md", "---\nclient: [Acme]\n---\n", &meta_default_keys, &lim);
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:2:9: error: front matter: nesting deeper than 1 levels (limit 'yaml-depth')");
	fx_free(&f);
	buf_release(&t);
}

/* ROBUSTNESS B10: a NUL inside a name would cut it short silently. */
static void test_nul_in_names(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\nclient: \"Acme\\0Evil\"\n---\nbody\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:2:9: error: 'client' holds a NUL character");
	fx_free(&f);
	read_note(&f, "---\nclient: [Acme, \"B\\0\"]\n---\n");
	assert_int_equal(f.r, META_ERROR);
	assert_int_equal(f.m.clients.n, 0);
	fx_free(&f);
	read_note(&f, "---\nclient: Acme\nattendees: [\"a\\0b\"]\ntags: \"x\\0\"\n"
		  "introduced_by: \"\\0\"\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_diag(&f.c, "x.md:3:13: warning: 'attendees' holds a NUL character; ignored");
	assert_diag(&f.c, "x.md:4:7: warning: 'tags' holds a NUL character; ignored");
	assert_diag(&f.c, "x.md:5:16: warning: 'introduced_by' holds a NUL character; ignored");
	assert_int_equal(f.m.attendees.n, 0);
	assert_int_equal(f.m.tags.n, 0);
	assert_null(f.m.introduced_by);
	fx_free(&f);
}

static void test_anchor_alias_tag_refused(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\nclient: &c Acme\n---\nbody\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:2:9: error: front matter: anchors are not supported ('&c')");
	assert_diag_count(&f.c, 1, 0);
	fx_free(&f);
	read_note(&f, "---\ntitle: x\nclient: *c\n---\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:3:9: error: front matter: aliases are not supported ('*c')");
	fx_free(&f);
	read_note(&f, "---\nclient: !!str Acme\n---\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:2:9: error: front matter: tags are not supported ('tag:yaml.org,2002:str')");
	fx_free(&f);
	/* the BOM shifts no line; errors stay on file lines */
	read_note(&f, "\xEF\xBB\xBF---\r\ntitle: x\r\n\r\nclient: *c\r\n---\r\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:4:9: error: front matter: aliases are not supported ('*c')");
	fx_free(&f);
}

static void test_yaml_errors_name_file_lines(void **state)
{
	struct fx f;

	(void)state;
	/* the 3rd YAML line is line 4 of the file */
	read_note(&f, "---\nclient: Acme\ndate: 2026-01-01\nduration: [45\n---\nbody\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:5:1: error: front matter: did not find expected ',' or ']'");
	fx_free(&f);
	read_note(&f, "---\na: 1\nb: 2\nc: d: e\n---\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:4:5: error: front matter: mapping values are not allowed");
	fx_free(&f);
	/* a raw control character: a libyaml reader error, with a position */
	read_note(&f, "---\nclient: Acme\ntitle: a\x01\n---\n");
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:3:9: error: front matter: control characters are not allowed (U+0001)");
	fx_free(&f);
}

static void test_depth_limit(void **state)
{
	struct fx f;
	struct buf t = BUF_INIT;

	(void)state;
	buf_adds(&t, "---\nclient: Acme\ntags: ");
	buf_addrep(&t, '[', 100);
	buf_addrep(&t, ']', 100);
	buf_adds(&t, "\n---\nbody\n");
	read_note(&f, t.ptr);
	assert_int_equal(f.r, META_ERROR);
	assert_diag(&f.c, "x.md:3:70: error: front matter: nesting deeper than 64 levels");
	fx_free(&f);
	buf_release(&t);
}

/* ---- rule 10: unrendered templates ---- */

static void test_templates(void **state)
{
	static const char *const cases[] = {
		"---\ndate: \"{{date}}\"\n---\n",
		"---\ndate: {{date}}\n---\n",			/* a flow mapping to YAML */
		"---\ncreated: {{date}}\norg: []\n---\n",	/* in an unknown key */
		"---\ncreated: {{date}} {{time}}\n---\n",	/* not even valid YAML */
		"---\ntitle: '{{title}}'\n---\n",
		"---\ndate: <% tp.date.now() %>\n---\n",
		"---\ndate: <% tp.date.now(\"YYYY-MM-DD\") %>\nclient: Acme\n---\n",
		"---\npeople:\n  - \"{{name}}\"\n---\n",
		"---\nclient: Acme\nclient: \"{{client}}\"\n---\n",	/* before duplicates */
		"---\ntitle: \"a # {{x}}\"\n---\n",		/* '#' in quotes is no comment */
		"---\ntitle: 'a # {{x}}'\n---\n",
		"---\ntitle: 'it''s # {{x}}'\n---\n",
		"---\ntitle: \"say \\\" # {{x}}\"\n---\n",
		"---\ndate: {{date}}  # today\n---\n",		/* before the comment */
		"---\nclient: Acme#{{x}}\n---\n",		/* '#' after no blank */
		"---\npeople: [\"# {{x}}\"]\n---\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx f;

		read_note(&f, cases[i]);
		if (f.r != META_TEMPLATE)
			fail_msg("case %zu: expected a template, got %d:\n%s", i, (int)f.r, f.c.out.ptr);
		assert_diag(&f.c, "x.md: note: an unrendered template");
		assert_diag_count(&f.c, 0, 0);
		fx_free(&f);
	}
}

static void test_not_templates(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\nclient: Acme\ntitle: \"a {{ b\"\nnote: \"50% <% off\"\n"
		      "# a comment about {{date}} is no value\n---\nbody {{x}} <% y %>\n");
	assert_int_equal(f.r, META_OK);
	assert_string_equal(f.m.clients.v[0], "Acme");
	assert_no_diag(&f.c);
	fx_free(&f);
}

/* A marker in a trailing comment, or a comment line however indented, is
 * no value. */
static void test_template_in_comment(void **state)
{
	static const char *const cases[] = {
		"---\nclient: Acme  # fill {{client}}\n---\n",
		"---\nclient: Acme\t# <% tp.file.title %>\n---\n",
		"---\nclient: Acme\n  # {{x}}\n---\n",
		"---\nclient: \"Acme\" # {{client}}\n---\n",
		"---\nclient: 'Acme' # {{client}}\n---\n",
		"---\nclient: Acme's # {{client}}\n---\n",	/* an apostrophe opens nothing */
		"---\nclient: [Acme] # {{client}}\n---\n",
		"---\nclient:\n  - Acme # {{client}}\n---\n",
		"---\nclient: Acme\ntags: # {{tags}}\n  - a\n---\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx f;

		read_note(&f, cases[i]);
		if (f.r != META_OK)
			fail_msg("case %zu: expected a note, got %d:\n%s", i, (int)f.r, f.c.out.ptr);
		assert_int_equal(f.m.clients.n, 1);
		assert_string_equal(f.m.clients.v[0], i == 5 ? "Acme's" : "Acme");
		assert_no_diag(&f.c);
		fx_free(&f);
	}
}

/* ---- dates ---- */

static void test_date_field(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\ndate: 2026-05-12T14:30:00+01:00\n---\n");
	assert_true(f.m.has_date);
	assert_string_equal(f.m.date, "2026-05-12");
	assert_false(f.m.date_from_name);
	fx_free(&f);
	read_note(&f, "---\ndate: \"2026-05-12 09:00\"\n---\n");
	assert_string_equal(f.m.date, "2026-05-12");
	fx_free(&f);
	/* the hour alone is that day, not the date in the file name */
	read_as(&f, "2026-01-01 call.md", "---\ndate: 2024-01-02T10\n---\n", &meta_default_keys);
	assert_true(f.m.has_date);
	assert_false(f.m.date_from_name);
	assert_string_equal(f.m.date, "2024-01-02");
	assert_no_diag(&f.c);
	fx_free(&f);
	/* Obsidian daily-note links */
	read_note(&f, "---\ndate: \"[[2026-05-12]]\"\n---\n");
	assert_true(f.m.has_date);
	assert_string_equal(f.m.date, "2026-05-12");
	assert_no_diag(&f.c);
	fx_free(&f);
	read_note(&f, "---\ndate: [[2026-05-12]]\n---\n");
	assert_true(f.m.has_date);
	assert_string_equal(f.m.date, "2026-05-12");
	fx_free(&f);
	read_note(&f, "---\ndate: 2026-02-30\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_false(f.m.has_date);
	assert_diag(&f.c, "x.md:2:7: warning: 'date' is not YYYY-MM-DD");
	fx_free(&f);
}

/* A date of the wrong kind is a date that is not valid: a warning, and the
 * file name's date is used (the note is kept). */
static void test_date_wrong_kind_is_a_warning(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\nclient: A\ndate: [2026-01-01, 2026-01-02]\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_false(f.m.has_date);
	assert_diag(&f.c, "x.md:3:7: warning: 'date' must be a string, found a list; ignored");
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);
	read_as(&f, "notes/2026-03-04 call.md", "---\ndate: {y: 2026}\n---\n", &meta_default_keys);
	assert_int_equal(f.r, META_OK);
	assert_true(f.m.has_date);
	assert_true(f.m.date_from_name);
	assert_string_equal(f.m.date, "2026-03-04");
	assert_diag(&f.c, "call.md:2:7: warning: 'date' must be a string, found a mapping; ignored");
	fx_free(&f);
	/* a list of one date is that date */
	read_note(&f, "---\ndate: [2026-01-01]\n---\n");
	assert_true(f.m.has_date);
	assert_string_equal(f.m.date, "2026-01-01");
	assert_no_diag(&f.c);
	fx_free(&f);
}

static void test_date_from_file_name_and_key(void **state)
{
	struct fx f;

	(void)state;
	read_as(&f, "notes/2026-03-04-kickoff.md", "No front matter.\n", &meta_default_keys);
	assert_int_equal(f.r, META_OK);
	assert_true(f.m.has_date);
	assert_true(f.m.date_from_name);
	assert_string_equal(f.m.date, "2026-03-04");
	fx_free(&f);
	/* a date key wins over the file name */
	read_as(&f, "notes/2026-03-04-kickoff.md", "---\ndate: 2026-03-05\n---\n", &meta_default_keys);
	assert_true(f.m.has_date);
	assert_false(f.m.date_from_name);
	assert_string_equal(f.m.date, "2026-03-05");
	fx_free(&f);
	/* a bad or empty date key falls back to the file name */
	read_as(&f, "notes/2026-03-04-kickoff.md", "---\ndate: next week\n---\n", &meta_default_keys);
	assert_true(f.m.has_date);
	assert_true(f.m.date_from_name);
	assert_string_equal(f.m.date, "2026-03-04");
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);
	read_as(&f, "notes/2026-03-04-kickoff.md", "---\ndate:\n---\n", &meta_default_keys);
	assert_true(f.m.date_from_name);
	assert_string_equal(f.m.date, "2026-03-04");
	assert_no_diag(&f.c);
	fx_free(&f);
	/* neither */
	read_as(&f, "notes/kickoff.md", "---\nclient: A\n---\n", &meta_default_keys);
	assert_false(f.m.has_date);
	fx_free(&f);
}

/* ---- durations ---- */

static void test_parse_duration_valid(void **state)
{
	static const struct {
		const char *in;
		double minutes;
	} cases[] = {
		{ "45", 45 }, { "0", 0 }, { "45m", 45 }, { "45 min", 45 },
		{ "45 Minutes", 45 }, { "1h30m", 90 }, { "1h 30m", 90 },
		{ "1H30M", 90 }, { "90 min", 90 }, { "90 mins", 90 },
		{ "1.5h", 90 }, { "1.5 hours", 90 }, { "2 hours", 120 },
		{ "1 hour", 60 }, { "2hrs", 120 }, { "1:30", 90 }, { "0:45", 45 },
		{ "1:30:30", 90.5 }, { "10:00", 600 }, { " 45 ", 45 },
		{ "1h 15m 30m", 105 }, { ".5h", 30 }, { "1h30", 90 }, { "2h 5", 125 },
	};
	size_t i;
	double m;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		m = -1;
		if (meta_parse_duration(cases[i].in, strlen(cases[i].in), &m) != 0)
			fail_msg("'%s' should be a duration", cases[i].in);
		if (m != cases[i].minutes)
			fail_msg("'%s' is %g minutes, not %g", cases[i].in, m, cases[i].minutes);
	}
}

static void test_parse_duration_invalid(void **state)
{
	static const char *const bad[] = {
		"soon", "1:75", "1:3", "1:300", ":30", "1:30:75", "", " ", "h", "m",
		"1h30x", "-5", "1..5h", "1.h", "45 parsecs", "1h-30m",
		"1234567", "9999999h", "{{duration}}", "1:30pm", "45m ago", "30 1h", "1m30", "1h30 5",
		"99999999999999999999", "99999999999999999999m", "4000000000",
	};
	size_t i;
	double m;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (meta_parse_duration(bad[i], strlen(bad[i]), &m) == 0)
			fail_msg("'%s' should not be a duration (got %g)", bad[i], m);
}

static void test_duration_field(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\nduration: 45\n---\n");
	assert_true(f.m.has_duration);
	assert_true(f.m.minutes == 45.0);
	fx_free(&f);
	read_note(&f, "---\nduration: 1h 30m\n---\n");
	assert_true(f.m.minutes == 90.0);
	fx_free(&f);
	read_note(&f, "---\nduration: soon\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_false(f.m.has_duration);
	assert_diag(&f.c, "x.md:2:11: warning: 'duration' is not minutes, 1h30m or H:MM; ignored");
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);
	read_note(&f, "---\nduration: 1:75\n---\n");
	assert_false(f.m.has_duration);
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);
	read_note(&f, "---\nduration:\n---\n");
	assert_false(f.m.has_duration);
	assert_no_diag(&f.c);
	fx_free(&f);
	read_note(&f, "---\nduration: {h: 1}\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_false(f.m.has_duration);
	assert_diag(&f.c, "x.md:2:11: warning: 'duration' must be a string, found a mapping; ignored");
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);
	read_note(&f, "---\nclient: A\nduration: [30, 45]\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_false(f.m.has_duration);
	assert_string_equal(f.m.clients.v[0], "A");
	assert_diag(&f.c, "x.md:3:11: warning: 'duration' must be a string, found a list; ignored");
	fx_free(&f);
}

/* Too long a duration names the bound, not "not minutes". */
static void test_duration_too_long(void **state)
{
	static const char *const big[] = {
		"1000000", "1234567", "9999999h", "1000000m", "99999h", "16667 hours", "1000000:00",
	};
	struct fx f;
	size_t i;
	double m;

	(void)state;
	for (i = 0; i < sizeof(big) / sizeof(big[0]); i++)
		if (meta_parse_duration(big[i], strlen(big[i]), &m) != -2)
			fail_msg("'%s' should be too long a duration", big[i]);
	assert_int_equal(meta_parse_duration("999999", 6, &m), 0);
	assert_true(m == 999999.0);
	assert_int_equal(meta_parse_duration("16666h", 6, &m), 0);
	assert_int_equal(meta_parse_duration("soon", 4, &m), -1);
	read_note(&f, "---\nduration: 1000000\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_false(f.m.has_duration);
	assert_diag(&f.c, "x.md:2:11: warning: 'duration' is longer than 999999 minutes; ignored");
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);
}

/* ---- wikilinks on their own ---- */

static void test_unwrap_link(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
		{ "[[Acme]]", "Acme" },
		{ "  [[Acme]]  ", "Acme" },
		{ "[[Clients/Acme|ACME]]", "Acme" },
		{ "[[Acme#Notes|x]]", "Acme" },
		{ "[[ Acme ]]", "Acme" },
		{ "[[]]", "" },
		{ "Acme", "Acme" },
		{ " Acme Corp ", "Acme Corp" },
		{ "[[Acme", "[[Acme" },
		{ "Acme]]", "Acme]]" },
		{ "see [[Acme]]", "see [[Acme]]" },
		{ "[Acme]", "[Acme]" },
		{ "a/b", "a/b" },		/* only links lose their folders */
		{ "[[Acme]], [[Beta]]", "[[Acme]], [[Beta]]" },	/* two links */
		{ "[[Acme]] and [[Beta]]", "[[Acme]] and [[Beta]]" },
		{ "[[Acme]][[Beta]]", "[[Acme]][[Beta]]" },
		{ "[[Acme ]] x]]", "[[Acme ]] x]]" },
		{ "[[a [[b]]", "[[a [[b]]" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *copy = exact_copy(cases[i].in, strlen(cases[i].in));
		const char *p = copy;
		size_t n = strlen(cases[i].in);

		(void)meta_unwrap_link(&p, &n);
		if (n != strlen(cases[i].out) || memcmp(p, cases[i].out, n) != 0)
			fail_msg("'%s' unwrapped to '%.*s', not '%s'", cases[i].in, (int)n, p,
				 cases[i].out);
		free(copy);
	}
}

static void test_unwrap_link_counts(void **state)
{
	const char *p;
	size_t n;

	(void)state;
	p = "Acme";
	n = 4;
	assert_int_equal(meta_unwrap_link(&p, &n), 0);
	p = " [[Acme]] ";
	n = 10;
	assert_int_equal(meta_unwrap_link(&p, &n), 1);
	p = "[[Acme]], [[Beta]]";
	n = strlen(p);
	assert_int_equal(meta_unwrap_link(&p, &n), 2);
	p = "see [[A]] [[B]] and [[C]]";
	n = strlen(p);
	assert_int_equal(meta_unwrap_link(&p, &n), 3);
}

/* Two links in one string are not one garbled link: the text is kept, and
 * a warning names the value and says that a list names several. */
static void test_several_links_in_one_string(void **state)
{
	struct fx f;
	struct buf b = BUF_INIT;

	(void)state;
	read_note(&f, "---\nclient: \"[[Acme]], [[Beta]]\"\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_string_equal(joined(&f.m.clients, &b), "[[Acme]], [[Beta]]");
	assert_diag(&f.c, "x.md:2:9: warning: 'client' holds more than one link; kept as written "
			  "(a list names several clients)");
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);
	read_note(&f, "---\ncompany: '[[Acme]] and [[Beta]]'\n---\n");
	assert_string_equal(joined(&f.m.clients, &b), "[[Acme]] and [[Beta]]");
	assert_diag(&f.c, "x.md:2:10: warning: 'client' holds more than one link");
	fx_free(&f);
	read_note(&f, "---\nclient:\n  - \"[[Acme]] [[Beta]]\"\n  - \"[[Gamma]]\"\n---\n");
	assert_string_equal(joined(&f.m.clients, &b), "[[Acme]] [[Beta]]|Gamma");
	assert_diag(&f.c, "x.md:3:5: warning: 'client' holds more than one link");
	assert_diag_count(&f.c, 0, 1);
	fx_free(&f);
	read_note(&f, "---\nattendees: \"[[Ann]], [[Bob]]\"\n---\n");
	assert_diag(&f.c, "x.md:2:12: warning: 'attendees' holds more than one link; kept as "
			  "written (a list names several attendees)");
	fx_free(&f);
	read_note(&f, "---\nintroduced_by: \"[[Ann]], [[Bob]]\"\n---\n");
	assert_string_equal(f.m.introduced_by, "[[Ann]], [[Bob]]");
	assert_diag(&f.c, "x.md:2:16: warning: 'introduced_by' holds more than one link; kept as written");
	fx_free(&f);
	/* the list is the way: no warning */
	EXPECT_CLIENTS("---\nclient: [\"[[Acme]]\", \"[[Beta]]\"]\n---\n", "Acme|Beta");
	buf_release(&b);
}

/* Only [[...]] (a list inside a list, the brackets side by side) is an
 * unquoted link and loses its folder; a list of one string, [AC/DC], is
 * that string as written. */
static void test_one_item_list_is_not_a_link(void **state)
{
	struct fx f;

	(void)state;
	EXPECT_CLIENTS("---\nclient: [AC/DC]\n---\n", "AC/DC");
	EXPECT_CLIENTS("---\nclient:\n  - [AC/DC]\n---\n", "AC/DC");
	EXPECT_CLIENTS("---\nclient:\n  - [AC/DC]\n  - [[Bands/AC/DC]]\n---\n", "AC/DC|DC");
	EXPECT_CLIENTS("---\nclient: [ [AC/DC] ]\n---\n", "AC/DC");
	EXPECT_CLIENTS("---\nclient: [[AC/DC], Foo]\n---\n", "AC/DC|Foo");
	EXPECT_CLIENTS("---\nclient: [[Bands/AC/DC]]\n---\n", "DC");
	read_note(&f, "---\nintroduced_by: [AC/DC]\n---\n");
	assert_string_equal(f.m.introduced_by, "AC/DC");
	assert_no_diag(&f.c);
	fx_free(&f);
	read_note(&f, "---\nintroduced_by: [AC/DC, Foo]\n---\n");
	assert_string_equal(f.m.introduced_by, "AC/DC");
	fx_free(&f);
	read_note(&f, "---\nintroduced_by: [[People/AC/DC|x]]\n---\n");
	assert_string_equal(f.m.introduced_by, "DC");
	fx_free(&f);
	read_note(&f, "---\nintroduced_by:\n  - [AC/DC]\n---\n");
	assert_int_equal(f.r, META_OK);
	fx_free(&f);
}

/* ---- other fields ---- */

static void test_tags_and_introduced_by(void **state)
{
	struct fx f;
	struct buf b = BUF_INIT;

	(void)state;
	read_note(&f, "---\ntags: [referral, \"#family\"]\nintroduced_by: \"[[People/Ann Lee|Ann]]\"\n---\n");
	assert_string_equal(joined(&f.m.tags, &b), "referral|family");
	assert_string_equal(f.m.introduced_by, "Ann Lee");
	fx_free(&f);
	read_note(&f, "---\ntags: \"#a, b c\"\nintroduced-by: [[Bob]]\n---\n");
	assert_string_equal(joined(&f.m.tags, &b), "a|b|c");
	assert_string_equal(f.m.introduced_by, "Bob");
	fx_free(&f);
	read_note(&f, "---\ntag: solo\nintroduced_by:\n---\n");
	assert_string_equal(joined(&f.m.tags, &b), "solo");
	assert_null(f.m.introduced_by);
	fx_free(&f);
	read_note(&f, "---\ntags: {a: b}\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_diag(&f.c, "x.md:2:7: warning: 'tags' must be a string or a list, found a mapping; ignored");
	fx_free(&f);
	buf_release(&b);
}

static void test_unknown_keys_kept(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\nclient: Acme\nrating: 5\nloc: [Remote]\n---\n");
	assert_int_equal(f.r, META_OK);
	assert_non_null(f.m.tree);
	assert_int_equal(ynode_map_size(f.m.tree), 3);
	assert_string_equal(ynode_key(f.m.tree, 1)->str, "rating");
	assert_string_equal(ynode_value(f.m.tree, 1)->str, "5");
	assert_no_diag(&f.c);
	fx_free(&f);
}

static void test_real_obsidian_meeting(void **state)
{
	struct fx f;
	struct buf b = BUF_INIT;

	(void)state;
	/* kepano-obsidian, Notes/2023-09-12 Meeting with Steph.md */
	read_as(&f, "Notes/2023-09-12 Meeting with Steph.md",
		"---\ncategories:\n  - \"[[Meetings]]\"\ntype: []\ndate: 2023-09-12\norg:\n"
		"  - \"[[Obsidian]]\"\nloc:\n  - Remote\npeople:\n  - \"[[Steph Ango]]\"\n"
		"topics:\n  - \"[[Emergence]]\"\n---\n- Discussed the book\n", &meta_default_keys);
	assert_int_equal(f.r, META_OK);
	assert_string_equal(joined(&f.m.clients, &b), "Obsidian");
	assert_string_equal(joined(&f.m.attendees, &b), "Steph Ango");
	assert_string_equal(f.m.date, "2023-09-12");
	assert_false(f.m.date_from_name);
	assert_int_equal(f.n.body_line, 15);
	assert_no_diag(&f.c);
	fx_free(&f);
	buf_release(&b);
}

static void test_meta_release_reuse(void **state)
{
	struct fx f;

	(void)state;
	read_note(&f, "---\nclient: [A, B]\ntags: [x]\nintroduced_by: C\npeople: [D]\n---\n");
	assert_int_equal(f.m.clients.n, 2);
	meta_release(&f.m);
	assert_int_equal(f.m.clients.n, 0);
	assert_null(f.m.tree);
	assert_null(f.m.introduced_by);
	meta_release(&f.m);	/* twice is fine */
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_front_matter),
		cmocka_unit_test(test_top_level_scalar_is_warning),
		cmocka_unit_test(test_top_level_list_is_warning),
		cmocka_unit_test(test_date_aliases),
		cmocka_unit_test(test_norway),
		cmocka_unit_test(test_null_means_absent),
		cmocka_unit_test(test_duration_1_30_is_90_minutes),
		cmocka_unit_test(test_bad_date_warns_and_is_ignored),
		cmocka_unit_test(test_client_aliases_and_case),
		cmocka_unit_test(test_client_list),
		cmocka_unit_test(test_attendee_aliases),
		cmocka_unit_test(test_wikilinks),
		cmocka_unit_test(test_wikilinks_as_list_items),
		cmocka_unit_test(test_custom_keys),
		cmocka_unit_test(test_client_wrong_kind),
		cmocka_unit_test(test_field_columns_are_bytes),
		cmocka_unit_test(test_attendees_wrong_kind_is_a_warning),
		cmocka_unit_test(test_non_scalar_key),
		cmocka_unit_test(test_duplicate_client_is_error),
		cmocka_unit_test(test_duplicate_date_and_duration_are_errors),
		cmocka_unit_test(test_duplicate_others_warn_last_wins),
		cmocka_unit_test(test_duplicate_key_is_escaped),
		cmocka_unit_test(test_many_keys),
		cmocka_unit_test(test_front_matter_limit),
		cmocka_unit_test(test_nul_in_names),
		cmocka_unit_test(test_anchor_alias_tag_refused),
		cmocka_unit_test(test_yaml_errors_name_file_lines),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_templates),
		cmocka_unit_test(test_not_templates),
		cmocka_unit_test(test_template_in_comment),
		cmocka_unit_test(test_date_field),
		cmocka_unit_test(test_date_wrong_kind_is_a_warning),
		cmocka_unit_test(test_date_from_file_name_and_key),
		cmocka_unit_test(test_parse_duration_valid),
		cmocka_unit_test(test_parse_duration_invalid),
		cmocka_unit_test(test_duration_field),
		cmocka_unit_test(test_duration_too_long),
		cmocka_unit_test(test_unwrap_link),
		cmocka_unit_test(test_unwrap_link_counts),
		cmocka_unit_test(test_several_links_in_one_string),
		cmocka_unit_test(test_one_item_list_is_not_a_link),
		cmocka_unit_test(test_tags_and_introduced_by),
		cmocka_unit_test(test_unknown_keys_kept),
		cmocka_unit_test(test_real_obsidian_meeting),
		cmocka_unit_test(test_meta_release_reuse),
	};

	return cmocka_run_group_tests_name("meta", tests, NULL, NULL);
}
