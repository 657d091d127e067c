/*
 * Unit tests for transcript.c, through passage_split(): pasted meeting
 * transcripts read as speaker turns, and the notes that only look like
 * one.  The transcripts are made up for these tests.
 *
 * Every input is copied into a buffer of exactly its length (no NUL after
 * it), so that the sanitizers and valgrind catch a read past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "markup.h"
#include "passage.h"

struct doc {
	char *text;
	size_t len;
	struct passage_list l;
};

static void split(struct doc *d, const char *s)
{
	size_t len = strlen(s);

	d->text = malloc(len ? len : 1);
	assert_non_null(d->text);
	memcpy(d->text, s, len);
	d->len = len;
	d->l = (struct passage_list)PASSAGE_LIST_INIT;
	passage_split(d->text, len, 0, 1, &d->l);
}

static void doc_free(struct doc *d)
{
	passage_list_release(&d->l);
	free(d->text);
}

/* Passage i of d: its kind, line, column, words, speaker and text once its
 * holes are blanked. */
#define TURN(d, i, ln, cl, w, spk, s) do {				\
	const struct passage *p_ = &(d).l.v[(i)];			\
	assert_true((size_t)(i) < (d).l.n);				\
	assert_int_equal(p_->kind, PASSAGE_TURN);			\
	assert_int_equal(p_->line, (ln));				\
	assert_int_equal(p_->col, (cl));				\
	assert_int_equal(p_->words, (w));				\
	assert_int_equal(p_->speaker_len, strlen(spk));			\
	assert_memory_equal((d).text + p_->speaker_off, (spk), p_->speaker_len); \
	passage_blank((d).text, &(d).l, p_);				\
	assert_int_equal(p_->len, strlen(s));				\
	assert_memory_equal((d).text + p_->off, (s), p_->len);		\
	assert_int_equal(markup_count_words((d).text + p_->off, p_->len), (w)); \
} while (0)

#define TEXT(d, i, k, ln, s) do {					\
	const struct passage *p_ = &(d).l.v[(i)];			\
	assert_true((size_t)(i) < (d).l.n);				\
	assert_int_equal(p_->kind, (k));				\
	assert_int_equal(p_->line, (ln));				\
	assert_int_equal(p_->speaker_len, 0);				\
	assert_int_equal(p_->hole_n, 0);				\
	assert_int_equal(p_->len, strlen(s));				\
	assert_memory_equal((d).text + p_->off, (s), p_->len);		\
} while (0)

/* ---- the shapes meeting tools write ---- */

static void test_zoom_vtt_in_fence(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "Notes first.\n"
		  "\n"
		  "```\n"
		  "WEBVTT\n"
		  "\n"
		  "1\n"
		  "00:00:01.230 --> 00:00:04.560\n"
		  "Ann Lee: Hi Bob, how was the weekend?\n"
		  "\n"
		  "2\n"
		  "00:00:04.600 --> 00:00:08.000\n"
		  "Bob Stone: Great, we went hiking.\n"
		  "\n"
		  "3\n"
		  "00:00:08.100 --> 00:00:09.000\n"
		  "Bob Stone: The kids loved it.\n"
		  "\n"
		  "4\n"
		  "00:00:09.100 --> 00:00:12.000\n"
		  "Ann Lee: Nice. Now, the invoice.\n"
		  "```\n"
		  "After.\n");
	assert_int_equal(d.l.n, 5);
	TEXT(d, 0, PASSAGE_PARAGRAPH, 1, "Notes first.");
	TURN(d, 1, 8, 10, 6, "Ann Lee", "Hi Bob, how was the weekend?");
	/* the next cue by the same speaker goes on the turn; its number,
	 * timing and label are blanked */
	TURN(d, 2, 12, 12, 8, "Bob Stone", "Great, we went hiking.\n"
		"\n"
		" \n"
		"                             \n"
		"           The kids loved it.");
	TURN(d, 3, 20, 10, 4, "Ann Lee", "Nice. Now, the invoice.");
	TEXT(d, 4, PASSAGE_PARAGRAPH, 22, "After.");
	assert_int_equal(d.l.skipped_lines, 0);
	doc_free(&d);
}

static void test_zoom_vtt_in_body_srt_times(void **state)
{
	struct doc d;

	(void)state;
	/* pasted as it is, without a fence, with SRT's commas */
	split(&d, "1\n"
		  "00:00:01,000 --> 00:00:02,000\n"
		  "dana.k: Are we recording?\n"
		  "\n"
		  "2\n"
		  "00:00:02,500 --> 00:00:04,000\n"
		  "Eli: Yes, go ahead.\n"
		  "\n"
		  "# Next\n");
	assert_int_equal(d.l.n, 2);
	/* a subtitle file vouches for any display name */
	TURN(d, 0, 3, 9, 3, "dana.k", "Are we recording?");
	TURN(d, 1, 7, 6, 3, "Eli", "Yes, go ahead.");
	doc_free(&d);
}

static void test_teams_vtt_voice_tags(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "~~~\n"
		  "WEBVTT\n"
		  "\n"
		  "0f3c-77/12-0\n"
		  "00:00:01.000 --> 00:00:03.000\n"
		  "<v Carla Diaz>Morning! Did you catch the match?</v>\n"
		  "\n"
		  "0f3c-77/13-0\n"
		  "00:00:03.500 --> 00:00:06.000\n"
		  "<v Dev Patel>I did, what a finish.\n"
		  "Anyway, the renewal.</v>\n"
		  "\n"
		  "0f3c-77/14-0\n"
		  "00:00:06.500 --> 00:00:08.000\n"
		  "<v Dev Patel>It is due in May.</v>\n"
		  "~~~\n");
	assert_int_equal(d.l.n, 2);
	TURN(d, 0, 6, 15, 6, "Carla Diaz", "Morning! Did you catch the match?");
	TURN(d, 1, 10, 14, 13, "Dev Patel", "I did, what a finish.\n"
		"Anyway, the renewal.    \n"
		"\n"
		"            \n"
		"                             \n"
		"             It is due in May.");
	doc_free(&d);
}

static void test_otter_headers(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "```\n"
		  "Speaker 1  0:03\n"
		  "So how was the trip\n"
		  "to Lisbon?\n"
		  "\n"
		  "Speaker 2  0:09\n"
		  "Lovely, the food was great.\n"
		  "\n"
		  "Speaker 1  1:02:15\n"
		  "Good. Let's review the proposal.\n"
		  "\n"
		  "Transcribed by https://otter.ai\n"
		  "```\n");
	assert_int_equal(d.l.n, 3);
	TURN(d, 0, 3, 1, 7, "Speaker 1", "So how was the trip\nto Lisbon?");
	TURN(d, 1, 7, 1, 5, "Speaker 2", "Lovely, the food was great.");
	TURN(d, 2, 10, 1, 5, "Speaker 1", "Good. Let's review the proposal.");
	doc_free(&d);
}

static void test_teams_document_headers(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "Ivy Chen   0:03\n"
		  "Thanks for joining.\n"
		  "\n"
		  "Jon Park   0:10\n"
		  "Happy to.\n"
		  "\n"
		  "Ivy Chen   0:12 Shall we start with the quote?\n"
		  "\n"
		  "**Kim Lo** 10:30 AM\n"
		  "Hello all\n"
		  "\n"
		  "**Lee Ma** 10:31 AM\n"
		  "Hi Kim\n"
		  "\n"
		  "Jon Park (00:01:02)\n"
		  "Sure.\n");
	assert_int_equal(d.l.n, 6);
	TURN(d, 0, 2, 1, 3, "Ivy Chen", "Thanks for joining.");
	TURN(d, 1, 5, 1, 2, "Jon Park", "Happy to.");
	TURN(d, 2, 7, 17, 6, "Ivy Chen", "Shall we start with the quote?");
	TURN(d, 3, 10, 1, 2, "Kim Lo", "Hello all");
	TURN(d, 4, 13, 1, 2, "Lee Ma", "Hi Kim");
	TURN(d, 5, 16, 1, 1, "Jon Park", "Sure.");
	doc_free(&d);
}

static void test_bracketed_timestamps(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "[00:01:02] Erin: welcome back everyone\n"
		  "[00:01:10] Frank: thanks, glad to be here\n"
		  "(01:15) Erin - first item is pricing\n"
		  "[00:01:20] - Erin: first item is pricing\n"
		  "and then the contract\n"
		  "Frank (00:01:30): agreed\n");
	assert_int_equal(d.l.n, 4);
	TURN(d, 0, 1, 18, 3, "Erin", "welcome back everyone");
	/* "(01:15) Erin - ..." has no label: it is Frank's turn going on */
	TURN(d, 1, 2, 19, 11, "Frank", "thanks, glad to be here\n"
		"(01:15) Erin - first item is pricing");
	TURN(d, 2, 4, 20, 8, "Erin", "first item is pricing\nand then the contract");
	TURN(d, 3, 6, 19, 1, "Frank", "agreed");
	doc_free(&d);
}

static void test_bold_labels(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "## Call\n"
		  "\n"
		  "**Gail:** how are the kids?\n"
		  "\n"
		  "**Hank**: growing fast, thanks\n"
		  "\n"
		  "**Gail (00:02:03):** let's look at the budget\n"
		  "\n"
		  "**Hank:** sure\n");
	assert_int_equal(d.l.n, 4);
	TURN(d, 0, 3, 11, 4, "Gail", "how are the kids?");
	TURN(d, 1, 5, 11, 3, "Hank", "growing fast, thanks");
	TURN(d, 2, 7, 22, 5, "Gail", "let's look at the budget");
	TURN(d, 3, 9, 11, 1, "Hank", "sure");
	assert_int_equal(d.l.v[3].section_len, 4);
	assert_memory_equal(d.l.sections.ptr + d.l.v[3].section_off, "Call", 4);
	doc_free(&d);
}

static void test_granola_sides(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "## Transcript\n"
		  "\n"
		  "me: hey, quick one about the invoice\n"
		  "them: sure, go ahead\n"
		  "me: it's overdue by two weeks\n"
		  "them: I'll chase it today\n");
	assert_int_equal(d.l.n, 4);
	TURN(d, 0, 3, 5, 6, "me", "hey, quick one about the invoice");
	TURN(d, 1, 4, 7, 3, "them", "sure, go ahead");
	TURN(d, 2, 5, 5, 5, "me", "it's overdue by two weeks");
	TURN(d, 3, 6, 7, 4, "them", "I'll chase it today");
	doc_free(&d);
}

static void test_plain_turns_in_body(void **state)
{
	struct doc d;

	(void)state;
	/* the paragraph before the run goes before its turns; a turn goes on
	 * over the lines below it; the run ends at a paragraph after a blank
	 * line, and at a list */
	split(&d, "We talked:\n"
		  "Alice: hello there everyone\n"
		  "and welcome\n"
		  "Bob: hi Alice, good to see you\n"
		  "Alice: let's talk about the contract\n"
		  "Alice: and the price\n"
		  "\n"
		  "Bob: agreed\n"
		  "\n"
		  "Then we left.\n"
		  "Alice: bye\n"
		  "- Bob: bye\n");
	assert_int_equal(d.l.n, 7);
	TEXT(d, 0, PASSAGE_PARAGRAPH, 1, "We talked:");
	TURN(d, 1, 2, 8, 5, "Alice", "hello there everyone\nand welcome");
	TURN(d, 2, 4, 6, 6, "Bob", "hi Alice, good to see you");
	TURN(d, 3, 5, 8, 8, "Alice", "let's talk about the contract\n"
		"       and the price");
	TURN(d, 4, 8, 6, 1, "Bob", "agreed");
	TEXT(d, 5, PASSAGE_PARAGRAPH, 10, "Then we left.\nAlice: bye");
	TEXT(d, 6, PASSAGE_ITEM, 12, "Bob: bye");
	doc_free(&d);
}

static void test_crlf_and_indented_fence_in_item(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "- call\r\n"
		  "  ```\r\n"
		  "  Ann: how was Rome?\r\n"
		  "  Bo: sunny, we loved it\r\n"
		  "  Ann: good, now the roadmap\r\n"
		  "  ```\r\n"
		  "- next\r\n");
	assert_int_equal(d.l.n, 5);
	TEXT(d, 0, PASSAGE_ITEM, 1, "call");
	TURN(d, 1, 3, 8, 3, "Ann", "how was Rome?");
	TURN(d, 2, 4, 7, 4, "Bo", "sunny, we loved it");
	TURN(d, 3, 5, 8, 4, "Ann", "good, now the roadmap");
	TEXT(d, 4, PASSAGE_ITEM, 7, "next");
	assert_int_equal(d.l.skipped_lines, 0);
	doc_free(&d);
}

/* ---- what only looks like a transcript ---- */

static void test_key_value_lists_stay(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "Date: 2024-05-01\n"
		  "Attendees: Ann, Bob\n"
		  "Location: Zoom\n"
		  "\n"
		  "Note: follow up next week.\n"
		  "\n"
		  "Website: https://example.com\n"
		  "\n"
		  "Action: send the proposal\n"
		  "Owner: Bob\n"
		  "Action: book the venue\n"
		  "Owner: Ann\n"
		  "\n"
		  "Budget Holder: Ann Smith\n"
		  "Main Contact: Bob Jones\n"
		  "Billing Contact: Cy Young\n"
		  "\n"
		  "10:00 Kickoff: introductions all round\n"
		  "10:30 Demo: the new dashboard\n"
		  "11:00 Wrapup: questions and next steps\n"
		  "\n"
		  "Alice: hi\n"
		  "Bob: hello\n");
	assert_int_equal(d.l.n, 7);
	TEXT(d, 0, PASSAGE_PARAGRAPH, 1, "Date: 2024-05-01\nAttendees: Ann, Bob\nLocation: Zoom");
	TEXT(d, 1, PASSAGE_PARAGRAPH, 5, "Note: follow up next week.");
	TEXT(d, 2, PASSAGE_PARAGRAPH, 7, "Website: https://example.com");
	TEXT(d, 3, PASSAGE_PARAGRAPH, 9, "Action: send the proposal\nOwner: Bob\n"
	     "Action: book the venue\nOwner: Ann");
	TEXT(d, 4, PASSAGE_PARAGRAPH, 14, "Budget Holder: Ann Smith\n"
	     "Main Contact: Bob Jones\nBilling Contact: Cy Young");
	TEXT(d, 5, PASSAGE_PARAGRAPH, 18, "10:00 Kickoff: introductions all round\n"
	     "10:30 Demo: the new dashboard\n11:00 Wrapup: questions and next steps");
	/* two lines, no back and forth: not enough to tell */
	TEXT(d, 6, PASSAGE_PARAGRAPH, 22, "Alice: hi\nBob: hello");
	doc_free(&d);
}

static void test_fences_that_are_no_transcript(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "```\n"
		  "[12:00:01] Server: started\n"
		  "[12:00:02] Server: listening on 8080\n"
		  "\n"
		  "[12:00:05] Server: ready\n"
		  "```\n"
		  "```yaml\n"
		  "name: banter\n"
		  "version: 1.0\n"
		  "```\n"
		  "```js\n"
		  "const a = { b: 1 };\n"
		  "```\n"
		  "```\n"
		  "Ann: one line only\n"
		  "```\n"
		  "```\n"
		  "INFO: started the job\n"
		  "WARN: disk is slow\n"
		  "INFO: finished the job\n"
		  "```\n"
		  "```\n"
		  "From: Ann Lee\n"
		  "To: Bob Stone\n"
		  "From: Bob Stone\n"
		  "To: Ann Lee\n"
		  "```\n"
		  "Text.\n");
	assert_int_equal(d.l.n, 1);
	TEXT(d, 0, PASSAGE_PARAGRAPH, 28, "Text.");
	/* the lines inside the fences, not the fences' own */
	assert_int_equal(d.l.skipped_lines, 4 + 2 + 1 + 1 + 3 + 4);
	doc_free(&d);
}

static void test_skipped_lines_counted(void **state)
{
	struct doc d;

	(void)state;
	/* an unclosed fence runs to the end of its item or quote */
	split(&d, "- item\n"
		  "  ```\n"
		  "  code\n"
		  "\n"
		  "  more\n"
		  "back out\n"
		  "> ```\n"
		  "> quoted code\n"
		  "> ```\n"
		  "~~~\n"
		  "to the end\n");
	assert_int_equal(d.l.skipped_lines, 3 + 1 + 1);
	passage_list_reset(&d.l);
	assert_int_equal(d.l.skipped_lines, 0);
	assert_int_equal(d.l.nholes, 0);
	doc_free(&d);
}

static void test_truncated_shapes(void **state)
{
	static const char *const ends[] = {
		"<v", "<v Ann", "<v Ann>", "**", "**Ann", "**Ann**", "**Ann:**", "[0:0",
		"[00:01", "[00:01]", "Ann  0:0", "Ann  0:03", "Ann (0:03", "Ann:",
		"00:00:01.000 -->", "00:00:01.000 --> 00:0", "WEBVTT", "1\n", "me:",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ends) / sizeof(*ends); i++) {
		char buf[200];
		struct doc d;

		snprintf(buf, sizeof(buf), "```\nAnn: hello there\nBo: hi\nAnn: ok then\n%s", ends[i]);
		split(&d, buf);
		assert_true(d.l.n >= 3);
		doc_free(&d);
		snprintf(buf, sizeof(buf), "Ann: hello there\nBo: hi\nAnn: ok then\n%s", ends[i]);
		split(&d, buf);
		assert_true(d.l.n >= 3);
		doc_free(&d);
	}
}

/* ---- size: no quadratic scans ---- */

static void test_long_runs(void **state)
{
	enum { N = 20000 };
	struct buf b = BUF_INIT;
	struct doc d;
	size_t i;

	(void)state;
	for (i = 0; i < N; i++)
		buf_adds(&b, i % 2 ? "B: y\n" : "A: x\n");
	split(&d, b.ptr);
	assert_int_equal(d.l.n, N);
	doc_free(&d);
	buf_reset(&b);
	/* more speakers than a meeting has: a list */
	for (i = 0; i < N; i++) {
		char line[64];

		snprintf(line, sizeof(line), "Person%zu Lee: said a thing\n", i);
		buf_adds(&b, line);
	}
	split(&d, b.ptr);
	assert_int_equal(d.l.n, 1);
	doc_free(&d);
	buf_reset(&b);
	for (i = 0; i < N; i++)
		buf_adds(&b, "Name  0:03\n");
	split(&d, b.ptr);
	assert_int_equal(d.l.n, 1);
	doc_free(&d);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zoom_vtt_in_fence),
		cmocka_unit_test(test_zoom_vtt_in_body_srt_times),
		cmocka_unit_test(test_teams_vtt_voice_tags),
		cmocka_unit_test(test_otter_headers),
		cmocka_unit_test(test_teams_document_headers),
		cmocka_unit_test(test_bracketed_timestamps),
		cmocka_unit_test(test_bold_labels),
		cmocka_unit_test(test_granola_sides),
		cmocka_unit_test(test_plain_turns_in_body),
		cmocka_unit_test(test_crlf_and_indented_fence_in_item),
		cmocka_unit_test(test_key_value_lists_stay),
		cmocka_unit_test(test_fences_that_are_no_transcript),
		cmocka_unit_test(test_skipped_lines_counted),
		cmocka_unit_test(test_truncated_shapes),
		cmocka_unit_test(test_long_runs),
	};

	return cmocka_run_group_tests_name("transcript", tests, NULL, NULL);
}
