/*
 * Unit tests for passage.c and markup.c: splitting a note's body into
 * passages, blanking the markup inside them and counting their words.
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

static void split_at(struct doc *d, const char *s, size_t len,
		     size_t body_off, unsigned body_line)
{
	d->text = malloc(len ? len : 1);
	assert_non_null(d->text);
	if (len)
		memcpy(d->text, s, len);
	d->len = len;
	d->l = (struct passage_list)PASSAGE_LIST_INIT;
	passage_split(d->text, len, body_off, body_line, &d->l);
}

static void split(struct doc *d, const char *s)
{
	split_at(d, s, strlen(s), 0, 1);
}

static void doc_free(struct doc *d)
{
	passage_list_release(&d->l);
	free(d->text);
}

/* Checks passage i of d; a macro so that failures name the test's line. */
#define EXPECT(d, i, k, ln, cl, w, s) do {				\
	const struct passage *p_ = &(d).l.v[(i)];			\
	assert_true((size_t)(i) < (d).l.n);				\
	assert_int_equal(p_->kind, (k));				\
	assert_int_equal(p_->line, (ln));				\
	assert_int_equal(p_->col, (cl));				\
	assert_int_equal(p_->words, (w));				\
	assert_int_equal(p_->len, strlen(s));				\
	assert_memory_equal((d).text + p_->off, (s), p_->len);		\
} while (0)

#define SECTION(d, i, s) do {						\
	const struct passage *p_ = &(d).l.v[(i)];			\
	assert_int_equal(p_->section_len, strlen(s));			\
	if (p_->section_len)						\
		assert_memory_equal((d).l.sections.ptr + p_->section_off, \
				    (s), p_->section_len);		\
} while (0)

#define NO_SECTION(d, i) do {						\
	assert_int_equal((d).l.v[(i)].section_off, 0);			\
	assert_int_equal((d).l.v[(i)].section_len, 0);			\
} while (0)

#define P PASSAGE_PARAGRAPH
#define I PASSAGE_ITEM
#define Q PASSAGE_QUOTE

/* ---- paragraphs ---- */

static void test_paragraphs_split_by_blank_lines(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "Hello world.\n\nSecond one here\n \t \nthird\n");
	assert_int_equal(d.l.n, 3);
	EXPECT(d, 0, P, 1, 1, 2, "Hello world.");
	EXPECT(d, 1, P, 3, 1, 3, "Second one here");
	EXPECT(d, 2, P, 5, 1, 1, "third");
	NO_SECTION(d, 0);
	NO_SECTION(d, 2);
	doc_free(&d);
}

static void test_multiline_paragraph(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "  one two\nthree\n      four five\n\nsix");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, P, 1, 3, 5, "one two\nthree\n      four five");
	EXPECT(d, 1, P, 5, 1, 1, "six");
	doc_free(&d);
}

static void test_trailing_blanks_trimmed(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "hard break  \nnext \t\n\nx y \t \r\n");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, P, 1, 1, 3, "hard break  \nnext");
	EXPECT(d, 1, P, 4, 1, 2, "x y");
	doc_free(&d);
}

static void test_table_is_paragraph(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "| who | what |\n|-----|------|\n| Bob | golf |\n");
	assert_int_equal(d.l.n, 1);
	EXPECT(d, 0, P, 1, 1, 4,
	       "| who | what |\n|-----|------|\n| Bob | golf |");
	doc_free(&d);
}

static void test_zero_word_passages_dropped(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "| |\n\n- *\n- ...\n\n> --\n\n+ real\n");
	assert_int_equal(d.l.n, 1);
	EXPECT(d, 0, I, 8, 3, 1, "real");
	doc_free(&d);
}

/* ---- list items ---- */

static void test_bullet_items(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "- a one\n* b two\n+ c three\n-\tfour\n");
	assert_int_equal(d.l.n, 4);
	EXPECT(d, 0, I, 1, 3, 2, "a one");
	EXPECT(d, 1, I, 2, 3, 2, "b two");
	EXPECT(d, 2, I, 3, 3, 2, "c three");
	EXPECT(d, 3, I, 4, 3, 1, "four");
	doc_free(&d);
}

static void test_ordered_items(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "1. first\n2) second\n10. tenth\n123456789. big\n");
	assert_int_equal(d.l.n, 4);
	EXPECT(d, 0, I, 1, 4, 1, "first");
	EXPECT(d, 1, I, 2, 4, 1, "second");
	EXPECT(d, 2, I, 3, 5, 1, "tenth");
	EXPECT(d, 3, I, 4, 12, 1, "big");
	doc_free(&d);
}

static void test_nested_items(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "- parent\n  - child\n    1. grandchild\n- sibling\n");
	assert_int_equal(d.l.n, 4);
	EXPECT(d, 0, I, 1, 3, 1, "parent");
	EXPECT(d, 1, I, 2, 5, 1, "child");
	EXPECT(d, 2, I, 3, 8, 1, "grandchild");
	EXPECT(d, 3, I, 4, 3, 1, "sibling");
	doc_free(&d);
}

/* A marker right after a marker opens a nested list on the same line: the
 * inner marker is stripped too, and a lazy line goes on the inner item. */
static void test_marker_opens_nested_item(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "- - a nested item about her daughter\n  more text\n");
	assert_int_equal(d.l.n, 1);
	EXPECT(d, 0, I, 1, 5, 8, "a nested item about her daughter\n  more text");
	doc_free(&d);

	split(&d, "1. - a\n- 1. b\n* + 2) c\n-\t-\tx\n- -\n- - # Title\n    under\n"
		  "-      - indented\n");
	assert_int_equal(d.l.n, 6);
	EXPECT(d, 0, I, 1, 6, 1, "a");
	EXPECT(d, 1, I, 2, 6, 1, "b");
	EXPECT(d, 2, I, 3, 8, 1, "c");
	EXPECT(d, 3, I, 4, 5, 1, "x");
	EXPECT(d, 4, P, 7, 5, 1, "under");
	SECTION(d, 4, "Title");
	/* five blanks after a marker: the rest is the item's text */
	EXPECT(d, 5, I, 8, 8, 1, "- indented");
	doc_free(&d);
}

static void test_item_lazy_continuation(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "- item starts\ncontinues here\n    and here\n- next\n");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, I, 1, 3, 6, "item starts\ncontinues here\n    and here");
	EXPECT(d, 1, I, 4, 3, 1, "next");
	doc_free(&d);
}

static void test_item_then_indented_paragraph(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "- item\n\n  more about it\n\nafter the list\n");
	assert_int_equal(d.l.n, 3);
	EXPECT(d, 0, I, 1, 3, 1, "item");
	EXPECT(d, 1, P, 3, 3, 3, "more about it");
	EXPECT(d, 2, P, 5, 1, 3, "after the list");
	doc_free(&d);
}

static void test_empty_items(void **state)
{
	struct doc d;

	(void)state;
	/* A bare marker is an empty item; content indented into it is its
	 * text, a line that is not indented into it is a paragraph. */
	split(&d, "-\n- real\n1.\n\n-\n  later text\n\n*\nnot inside\n");
	assert_int_equal(d.l.n, 3);
	EXPECT(d, 0, I, 2, 3, 1, "real");
	EXPECT(d, 1, I, 6, 3, 2, "later text");
	EXPECT(d, 2, P, 9, 1, 2, "not inside");
	doc_free(&d);
}

static void test_task_box_stays_in_text(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "- [ ] call Bob\n- [x] sent the quote\n");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, I, 1, 3, 2, "[ ] call Bob");
	EXPECT(d, 1, I, 2, 3, 4, "[x] sent the quote");
	doc_free(&d);
}

static void test_not_list_markers(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "2026 was good.\n-5 degrees\n1.5 hours\n**bold** text\n"
		  "+1 from me\n1234567890. too long\n");
	assert_int_equal(d.l.n, 1);
	EXPECT(d, 0, P, 1, 1, 15,
	       "2026 was good.\n-5 degrees\n1.5 hours\n**bold** text\n"
	       "+1 from me\n1234567890. too long");
	doc_free(&d);
}

static void test_items_interrupting_paragraph(void **state)
{
	struct doc d;

	(void)state;
	/* Bullets and "1." start a list after a paragraph line. */
	split(&d, "Agenda:\n- pricing\nnotes\n1. first\n2) second\n");
	assert_int_equal(d.l.n, 4);
	EXPECT(d, 0, P, 1, 1, 1, "Agenda:");
	EXPECT(d, 1, I, 2, 3, 2, "pricing\nnotes");
	EXPECT(d, 2, I, 4, 4, 1, "first");
	EXPECT(d, 3, I, 5, 4, 1, "second");
	doc_free(&d);

	split(&d, "notes\n001) first\n");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, P, 1, 1, 1, "notes");
	EXPECT(d, 1, I, 2, 6, 1, "first");
	doc_free(&d);

	/* Other numbers and bare markers continue the paragraph. */
	split(&d, "We ended at\n10. Then left\n*\n+\n2.\n");
	assert_int_equal(d.l.n, 1);
	EXPECT(d, 0, P, 1, 1, 7, "We ended at\n10. Then left\n*\n+\n2.");
	doc_free(&d);
}

static void test_numbered_line_inside_item(void **state)
{
	struct doc d;

	(void)state;
	/* An item's wrapped line, or a paragraph's inside an item, may
	 * begin "2023. ": a list not starting at 1 interrupts no paragraph. */
	split(&d, "- we sold 40 units in\n  2023. Next year we aim higher.\n"
		  "- b\n\n  para in b\n  10. more\n  1. nested\n");
	assert_int_equal(d.l.n, 4);
	EXPECT(d, 0, I, 1, 3, 11,
	       "we sold 40 units in\n  2023. Next year we aim higher.");
	EXPECT(d, 1, I, 3, 3, 1, "b");
	EXPECT(d, 2, P, 5, 3, 5, "para in b\n  10. more");
	EXPECT(d, 3, I, 7, 6, 1, "nested");
	doc_free(&d);

	/* A marker less indented than the item leaves it: a sibling, or a
	 * new list (CommonMark's "1. foo\n2. bar\n3) baz"), not text. */
	split(&d, "1. a\n10. b\n- c\n\n  para in c\n2023. d\n");
	assert_int_equal(d.l.n, 5);
	EXPECT(d, 0, I, 1, 4, 1, "a");
	EXPECT(d, 1, I, 2, 5, 1, "b");
	EXPECT(d, 2, I, 3, 3, 1, "c");
	EXPECT(d, 3, P, 5, 3, 3, "para in c");
	EXPECT(d, 4, I, 6, 7, 1, "d");
	doc_free(&d);
}

/* ---- block quotes ---- */

static void test_quote_two_paragraphs(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "> first para\n> still first\n>\n> second para\n");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, Q, 1, 3, 4, "first para\n> still first");
	EXPECT(d, 1, Q, 4, 3, 2, "second para");
	doc_free(&d);
}

static void test_quote_nested_markers_and_lazy(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "   > >  deep quote\nlazy line\n\nafter\n>\n>   \n");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, Q, 1, 9, 4, "deep quote\nlazy line");
	EXPECT(d, 1, P, 4, 1, 1, "after");
	doc_free(&d);
}

/* A quote inside a quote interrupts the paragraph before it, as in
 * CommonMark; a line with fewer markers goes on the deeper paragraph
 * (lazily), and inside a fence markers are code. */
static void test_quote_deeper_level(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "> outer text\n> > inner text\n> lazy\n\n> > a\n> > > b\n");
	assert_int_equal(d.l.n, 4);
	EXPECT(d, 0, Q, 1, 3, 2, "outer text");
	EXPECT(d, 1, Q, 2, 5, 3, "inner text\n> lazy");
	EXPECT(d, 2, Q, 5, 5, 1, "a");
	EXPECT(d, 3, Q, 6, 7, 1, "b");
	doc_free(&d);
	split(&d, "> - item\n> > quoted\n> ```\n> > code\n> ```\n");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, Q, 1, 5, 1, "item");
	EXPECT(d, 1, Q, 2, 5, 1, "quoted");
	doc_free(&d);
}

static void test_quote_boundaries(void **state)
{
	struct doc d;

	(void)state;
	/* A quote interrupts a paragraph and a list item; a list marker
	 * without '>' ends the quote; one inside it starts an item of the
	 * quote, a passage of its own. */
	split(&d, "text\n> quoted\n> - listed\n- item\n> again\n\n>no space\n");
	assert_int_equal(d.l.n, 6);
	EXPECT(d, 0, P, 1, 1, 1, "text");
	EXPECT(d, 1, Q, 2, 3, 1, "quoted");
	EXPECT(d, 2, Q, 3, 5, 1, "listed");
	EXPECT(d, 3, I, 4, 3, 1, "item");
	EXPECT(d, 4, Q, 5, 3, 1, "again");
	EXPECT(d, 5, Q, 7, 2, 2, "no space");
	doc_free(&d);
}

/* Inside a quote, Markdown is split as outside one: fenced code and
 * comments are skipped, a heading is no passage (and names the quote's
 * passages only), list items are passages of their own; the quote's end
 * ends a fence left open in it. */
static void test_quote_content(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "# Notes\n"
		  "> ```\n> SELECT price FROM invoices;\n> ```\n>\n"
		  "> # Pricing review\n>\n> - send the invoice\n> - her kids\n>   are ill\n"
		  "> <!-- hidden -->\n\n"
		  "after\n\n"
		  "> ~~~\n> open fence\n\nnot code\n");
	assert_int_equal(d.l.n, 4);
	EXPECT(d, 0, Q, 8, 5, 3, "send the invoice");
	SECTION(d, 0, "Pricing review");
	EXPECT(d, 1, Q, 9, 5, 4, "her kids\n>   are ill");
	EXPECT(d, 2, P, 13, 1, 1, "after");
	SECTION(d, 2, "Notes");
	EXPECT(d, 3, P, 18, 1, 2, "not code");
	doc_free(&d);
	/* a quote that starts on an item's line is a quote inside the item */
	split(&d, "- > quoted in item\n  > second line\n- plain\n");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, Q, 1, 5, 5, "quoted in item\n  > second line");
	EXPECT(d, 1, I, 3, 3, 1, "plain");
	doc_free(&d);
}

/* ---- headings ---- */

static void test_atx_headings_name_sections(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "before\n# Intro\nhello\n  ## Next steps ##  \n- do it\n"
		  "###\nlast\n");
	assert_int_equal(d.l.n, 4);
	EXPECT(d, 0, P, 1, 1, 1, "before");
	NO_SECTION(d, 0);
	EXPECT(d, 1, P, 3, 1, 1, "hello");
	SECTION(d, 1, "Intro");
	EXPECT(d, 2, I, 5, 3, 2, "do it");
	SECTION(d, 2, "Next steps");
	EXPECT(d, 3, P, 7, 1, 1, "last");
	SECTION(d, 3, "");
	doc_free(&d);
}

static void test_heading_only_section(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "# A\n## B\ntext\n");
	assert_int_equal(d.l.n, 1);
	EXPECT(d, 0, P, 3, 1, 1, "text");
	SECTION(d, 0, "B");
	doc_free(&d);

	split(&d, "# Only a heading\n");
	assert_int_equal(d.l.n, 0);
	doc_free(&d);
}

static void test_atx_heading_edge_cases(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "#hashtag line\n\n####### seven\n\n    # four spaces\n\n"
		  "\t# tab\n\n# foo#\none\n# # #\ntwo\n#\t\tClosing #####\n"
		  "three\n");
	assert_int_equal(d.l.n, 7);
	EXPECT(d, 0, P, 1, 1, 2, "#hashtag line");
	EXPECT(d, 1, P, 3, 1, 1, "####### seven");
	EXPECT(d, 2, P, 5, 5, 2, "# four spaces");
	EXPECT(d, 3, P, 7, 2, 1, "# tab");
	EXPECT(d, 4, P, 10, 1, 1, "one");
	SECTION(d, 4, "foo#");
	EXPECT(d, 5, P, 12, 1, 1, "two");
	SECTION(d, 5, "#");
	EXPECT(d, 6, P, 14, 1, 1, "three");
	SECTION(d, 6, "Closing");
	doc_free(&d);
}

static void test_heading_ends_passage(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "para text\n# H\n- item\n## H2\n> q\n### H3\nend\n");
	assert_int_equal(d.l.n, 4);
	EXPECT(d, 0, P, 1, 1, 2, "para text");
	NO_SECTION(d, 0);
	EXPECT(d, 1, I, 3, 3, 1, "item");
	SECTION(d, 1, "H");
	EXPECT(d, 2, Q, 5, 3, 1, "q");
	SECTION(d, 2, "H2");
	EXPECT(d, 3, P, 7, 1, 1, "end");
	SECTION(d, 3, "H3");
	doc_free(&d);
}

static void test_setext_headings(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "Big Title\n=========\nbody\n\nSub\ntitle\n  ---  \nmore\n"
		  "\nFoo\n-\nbar\n");
	assert_int_equal(d.l.n, 3);
	EXPECT(d, 0, P, 3, 1, 1, "body");
	SECTION(d, 0, "Big Title");
	EXPECT(d, 1, P, 8, 1, 1, "more");
	SECTION(d, 1, "Sub title");
	EXPECT(d, 2, P, 12, 1, 1, "bar");
	SECTION(d, 2, "Foo");
	doc_free(&d);
}

/* A section is named by the heading's text as a reader sees it: without
 * comments or a closing run of '#', its blanks and line breaks folded to
 * one space, trimmed; a quote's markers on a later line are not text. */
static void test_section_names_normalised(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "# Plans <!-- x -->\r\n\r\nWe talked about the contract.\r\n\r\n"
		  "Setext\r\nheading\r\n=======\r\n\r\nThe invoice is due.\r\n");
	assert_int_equal(d.l.n, 2);
	SECTION(d, 0, "Plans");
	SECTION(d, 1, "Setext heading");
	doc_free(&d);

	split(&d, "#\tTabs\t\tinside  <!-- a --> <!--b-->  here ##\none\n\n"
		  "A <!-- multi\nline --> ti<!---->tle\n\t next\n===\ntwo\n\n"
		  "#  <!-- only a comment -->  #\nthree\n\n"
		  "## Open <!-- never closed\nfour\n\n"
		  "> > Quoted\n> >  setext\n> > ---\n> > five\n");
	assert_int_equal(d.l.n, 5);
	SECTION(d, 0, "Tabs inside here");
	SECTION(d, 1, "A title next");
	SECTION(d, 2, "");
	SECTION(d, 3, "Open <!-- never closed");
	EXPECT(d, 4, Q, 19, 5, 1, "five");
	SECTION(d, 4, "Quoted setext");
	doc_free(&d);
}

static void test_setext_only_after_paragraph(void **state)
{
	struct doc d;

	(void)state;
	/* After a blank line "---" is a thematic break and "===" text;
	 * after an item or a quote neither is an underline. */
	split(&d, "one\n\n---\ntwo\n\n===\n\n- item\n---\n> q\n---\nend\n");
	assert_int_equal(d.l.n, 5);
	EXPECT(d, 0, P, 1, 1, 1, "one");
	EXPECT(d, 1, P, 4, 1, 1, "two");
	EXPECT(d, 2, I, 8, 3, 1, "item");
	EXPECT(d, 3, Q, 10, 3, 1, "q");
	EXPECT(d, 4, P, 12, 1, 1, "end");
	for (size_t i = 0; i < d.l.n; i++)
		NO_SECTION(d, i);
	doc_free(&d);
}

/* An underline indented into a list item makes the item's text a heading,
 * as "- # Title" does; one that is not indented into it is a break. */
static void test_setext_heading_in_item(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "- Bar\n  ---\n- baz the contract\n");
	assert_int_equal(d.l.n, 1);
	EXPECT(d, 0, I, 3, 3, 3, "baz the contract");
	SECTION(d, 0, "Bar");
	doc_free(&d);

	split(&d, "1. Two\n   lines\n   ===\n   text under\n"
		  "- a\n  - Nested\n    -\n  - next\n"
		  "- b\n\n  para\n---\nend\n");
	assert_int_equal(d.l.n, 6);
	EXPECT(d, 0, P, 4, 4, 2, "text under");
	SECTION(d, 0, "Two lines");
	EXPECT(d, 1, I, 5, 3, 1, "a");
	SECTION(d, 1, "Two lines");
	EXPECT(d, 2, I, 8, 5, 1, "next");
	SECTION(d, 2, "Nested");
	EXPECT(d, 3, I, 9, 3, 1, "b");
	EXPECT(d, 4, P, 11, 3, 1, "para");
	EXPECT(d, 5, P, 13, 1, 1, "end");
	SECTION(d, 5, "Nested");
	doc_free(&d);
}

static void test_thematic_breaks(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "one\n***\ntwo\n* * *\nthree\n_ _ _\nfour\n- - -\nfive\n"
		  "   ----------\nsix\n");
	assert_int_equal(d.l.n, 5);
	EXPECT(d, 0, P, 1, 1, 1, "one");
	EXPECT(d, 1, P, 3, 1, 1, "two");
	EXPECT(d, 2, P, 5, 1, 1, "three");
	EXPECT(d, 3, P, 7, 1, 1, "four");
	NO_SECTION(d, 3);
	/* "----------" under a paragraph is a setext underline. */
	EXPECT(d, 4, P, 11, 1, 1, "six");
	SECTION(d, 4, "five");
	doc_free(&d);

	/* Two marks are not a break. */
	split(&d, "one\n**\ntwo\n_ _\nthree\n");
	assert_int_equal(d.l.n, 1);
	EXPECT(d, 0, P, 1, 1, 3, "one\n**\ntwo\n_ _\nthree");
	doc_free(&d);
}

/* ---- skipped blocks ---- */

static void test_fenced_code_skipped(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "before\n```c\nint golf = 1;\n\n```\nafter\n~~~~\ncode\n"
		  "~~~\nstill code\n  ~~~~~  \nend\n");
	assert_int_equal(d.l.n, 3);
	EXPECT(d, 0, P, 1, 1, 1, "before");
	EXPECT(d, 1, P, 6, 1, 1, "after");
	EXPECT(d, 2, P, 12, 1, 1, "end");
	doc_free(&d);
}

static void test_fence_close_rules(void **state)
{
	struct doc d;

	(void)state;
	/* A closing fence has only blanks after it and the same character. */
	split(&d, "```\n``` not a close\n~~~\n    ```\n````\nshown\n");
	assert_int_equal(d.l.n, 1);
	EXPECT(d, 0, P, 6, 1, 1, "shown");
	doc_free(&d);
}

static void test_backtick_info_with_backtick_is_text(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "```inline``` code\n~~~ info `ok`\nhidden\n~~~\nvisible\n");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, P, 1, 1, 2, "```inline``` code");
	EXPECT(d, 1, P, 5, 1, 1, "visible");
	doc_free(&d);
}

static void test_unclosed_fence_runs_to_end(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "a para\n```\ncode\n\n# Not a heading\nmore text");
	assert_int_equal(d.l.n, 1);
	EXPECT(d, 0, P, 1, 1, 2, "a para");
	NO_SECTION(d, 0);
	doc_free(&d);
}

static void test_fence_inside_list_item(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "- step one\n\n    ```sh\n    make golf\n    ```\n"
		  "- step two\n  - nested\n\n      ~~~\n      hidden\n      ~~~\n"
		  "done\n");
	assert_int_equal(d.l.n, 4);
	EXPECT(d, 0, I, 1, 3, 2, "step one");
	EXPECT(d, 1, I, 6, 3, 2, "step two");
	EXPECT(d, 2, I, 7, 5, 1, "nested");
	EXPECT(d, 3, P, 12, 1, 1, "done");
	doc_free(&d);
}

static void test_fence_in_item_ends_with_item(void **state)
{
	struct doc d;

	(void)state;
	/* A line less indented than the item holding the fence ends both. */
	split(&d, "- a\n  ```\n  code\nback at col zero\n");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, I, 1, 3, 1, "a");
	EXPECT(d, 1, P, 4, 1, 4, "back at col zero");
	doc_free(&d);
}

static void test_block_on_marker_line(void **state)
{
	struct doc d;

	(void)state;
	/* A fence that opens on the marker line is code, and its closing
	 * fence closes it: the text after it is a paragraph of the item. */
	split(&d, "1. ```bash\n   make install\n   ```\n"
		  "   Then we talked about golf and his kids.\n2. next\n");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, P, 4, 4, 8, "Then we talked about golf and his kids.");
	EXPECT(d, 1, I, 5, 4, 1, "next");
	doc_free(&d);

	/* A heading names the passages below it; a break and a comment
	 * are skipped; a fence ends with its item. */
	split(&d, "- # Heading in item\n  text under\n- ***\n  after break\n"
		  "- <!-- hidden -->\n- ~~~\n  code\n-    ## Deep\n"
		  "-     # indented\n");
	assert_int_equal(d.l.n, 3);
	EXPECT(d, 0, P, 2, 3, 2, "text under");
	SECTION(d, 0, "Heading in item");
	EXPECT(d, 1, P, 4, 3, 2, "after break");
	EXPECT(d, 2, I, 9, 7, 1, "# indented");
	SECTION(d, 2, "Deep");
	doc_free(&d);

	/* The text after a comment that opens the item is the item's. */
	split(&d, "- <!-- aside --> real text\n> <!-- c --> quoted text\n");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, I, 1, 18, 2, "real text");
	EXPECT(d, 1, Q, 2, 14, 2, "quoted text");
	doc_free(&d);
}

static void test_comment_in_item_ends_with_item(void **state)
{
	struct doc d;

	(void)state;
	/* An unclosed comment inside an item ends with the item, as a
	 * fence does; blank lines and indented lines stay inside it. */
	split(&d, "- item\n  <!-- unclosed note\n\n  still hidden\n"
		  "- next item\n\nPara after\n- <!-- hidden start\n- last\n");
	assert_int_equal(d.l.n, 4);
	EXPECT(d, 0, I, 1, 3, 1, "item");
	EXPECT(d, 1, I, 5, 3, 2, "next item");
	EXPECT(d, 2, P, 7, 1, 2, "Para after");
	EXPECT(d, 3, I, 9, 3, 1, "last");
	doc_free(&d);

	/* Outside a list, a comment runs to its "-->". */
	split(&d, "<!-- top\n- not an item\n-->\nafter\n");
	assert_int_equal(d.l.n, 1);
	EXPECT(d, 0, P, 4, 1, 1, "after");
	doc_free(&d);
}

static void test_link_definitions_skipped(void **state)
{
	struct doc d;

	(void)state;
	/* Link reference definitions show nothing, as in CommonMark. */
	split(&d, "[x]: http://example.com/x \"Title\"\n[y]: <http://e.com>\n"
		  "[z]:/u 'a title'\n [w]: <> (t)\n\nafter\n");
	assert_int_equal(d.l.n, 1);
	EXPECT(d, 0, P, 6, 1, 1, "after");
	doc_free(&d);

	/* Footnotes hold text; a definition cannot interrupt a paragraph;
	 * junk after the url or title, an open title, an empty label or no
	 * url make text. */
	split(&d, "[^1]: footnote text\n\ntext\n[f]: http://x\n\n"
		  "[a]: u \"t\" junk\n[b]: u \"open\n[ ]: u\n[c]:\n[d]: u(\n");
	assert_int_equal(d.l.n, 3);
	EXPECT(d, 0, P, 1, 1, 3, "[^1]: footnote text");
	EXPECT(d, 1, P, 3, 1, 3, "text\n[f]: http://x");
	EXPECT(d, 2, P, 6, 1, 11,
	       "[a]: u \"t\" junk\n[b]: u \"open\n[ ]: u\n[c]:\n[d]: u(");
	doc_free(&d);

	/* In an item and a quote too; an indented one is text. */
	split(&d, "- [g]: http://x\n  item text\n- [ ] task\n> [q]: /u\n> quoted\n");
	assert_int_equal(d.l.n, 3);
	EXPECT(d, 0, I, 2, 3, 2, "item text");
	EXPECT(d, 1, I, 3, 3, 1, "[ ] task");
	EXPECT(d, 2, Q, 5, 3, 1, "quoted");
	doc_free(&d);

	/* A destination that does not look like a link is talk, though
	 * CommonMark would take it: "[Update]: done". */
	split(&d, "[Update]: done\n\n[Next]: Acme 'call back'\n\n[m]: mailto:bob@example.com\n"
		  "[w]: www.example.com\n[h]: #notes\n");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, P, 1, 1, 2, "[Update]: done");
	EXPECT(d, 1, P, 3, 1, 4, "[Next]: Acme 'call back'");
	doc_free(&d);
	split(&d, "    [i]: /indented\n");
	assert_int_equal(d.l.n, 1);
	doc_free(&d);
}

static void test_html_comments_skipped(void **state)
{
	struct doc d;

	(void)state;
	/* what follows "-->" on its line is text, as a browser shows it */
	split(&d, "a\n<!-- hidden -->tail\nc\n\n  <!--\nmulti\nline -->  tail\n"
		  "d\ntext <!-- inline --> stays\n<!-- never closed\ne\n");
	assert_int_equal(d.l.n, 3);
	EXPECT(d, 0, P, 1, 1, 1, "a");
	EXPECT(d, 1, P, 2, 16, 2, "tail\nc");
	EXPECT(d, 2, P, 7, 11, 5, "tail\nd\ntext <!-- inline --> stays");
	doc_free(&d);
}

static void test_comment_end_after_opener(void **state)
{
	struct doc d;

	(void)state;
	/* "-->" is looked for from the "--" of "<!--", so "<!-->" and
	 * "<!--->" are whole comments, as in CommonMark. */
	split(&d, "<!-->\nshown\n\n<!--->\nalso\n    <!-- indented -->\n");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, P, 2, 1, 1, "shown");
	EXPECT(d, 1, P, 5, 1, 2, "also\n    <!-- indented -->");
	doc_free(&d);
}

/* Obsidian's comments: a line that begins with "%%" opens one, which runs
 * to the next line holding "%%" (what follows that on its line is text);
 * inside a line, "%%" at its start or after a blank opens one that a "%%"
 * on the same line closes.  An unclosed "%%" hides nothing, and "50%%"
 * opens nothing. */
static void test_percent_comments_skipped(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "a\n%%\nhidden football\n\nstill hidden\n%% tail\nc\n\n"
		  "  %%inline%% after\n\n"
		  "growth of 50%% this year\nand 100%%\n\n"
		  "%% lone opener, never closed\nshown\n");
	assert_int_equal(d.l.n, 5);
	EXPECT(d, 0, P, 1, 1, 1, "a");
	EXPECT(d, 1, P, 6, 4, 2, "tail\nc");
	EXPECT(d, 2, P, 9, 14, 1, "after");
	EXPECT(d, 3, P, 11, 1, 7, "growth of 50%% this year\nand 100%%");
	assert_int_equal(markup_blank(d.text, &d.l.v[3]), 7);
	EXPECT(d, 4, P, 14, 1, 5, "%% lone opener, never closed\nshown");
	assert_int_equal(markup_blank(d.text, &d.l.v[4]), 5);
	doc_free(&d);

	/* In items and quotes too; a comment ends with its item, as an HTML
	 * comment does. */
	split(&d, "- %%\n  hidden\n  %%\n- item %%aside%% text\n"
		  "> %%\n> hidden\n> %% quoted tail\n\n"
		  "- %%\n  cut short\nback out\n\n%%\nend\n");
	assert_int_equal(d.l.n, 4);
	EXPECT(d, 0, I, 4, 3, 3, "item %%aside%% text");
	assert_int_equal(markup_blank(d.text, &d.l.v[0]), 2);
	assert_memory_equal(d.text + d.l.v[0].off, "item           text", d.l.v[0].len);
	EXPECT(d, 1, Q, 7, 6, 2, "quoted tail");
	EXPECT(d, 2, P, 11, 1, 2, "back out");
	EXPECT(d, 3, P, 13, 1, 1, "%%\nend");
	doc_free(&d);

	/* Inside a passage a comment closes on its own line; one that
	 * follows a letter is no comment. */
	split(&d, "We talked %%football and family%% about the invoice\n"
		  "a %%b\nc%% d e%%f%% %%g%%\n\n# Plans %%draft%%\nx\n");
	assert_int_equal(d.l.n, 2);
	assert_int_equal(markup_blank(d.text, &d.l.v[0]), 10);
	assert_memory_equal(d.text + d.l.v[0].off,
			    "We talked                         about the invoice\n"
			    "a %%b\nc%% d e%%f%%      ", d.l.v[0].len);
	SECTION(d, 1, "Plans");
	doc_free(&d);
}

/* Markup a reader does not see is no word, and no rule sees it: a
 * callout's "[!type]" at the start of a quote, HTML tags (of HTML's own
 * elements, on one line) and a block id ending a line. */
/* One passage's text after markup_blank(), as a string. */
static void blanked_as(const char *in, const char *want, unsigned words)
{
	struct doc d;

	split(&d, in);
	assert_int_equal(d.l.n, 1);
	assert_int_equal(markup_blank(d.text, &d.l.v[0]), words);
	assert_int_equal(d.l.v[0].len, strlen(want));
	assert_memory_equal(d.text + d.l.v[0].off, want, d.l.v[0].len);
	doc_free(&d);
}

/* What a reader of the rendered note does not see is no word and no
 * match: link and image targets, autolinks, bare URLs, wikilink targets,
 * footnote markers. */
static void test_links_blanked(void **state)
{
	(void)state;
	blanked_as("See [the video](https://example.com/watch?v=1&t=9 \"a (title)\") now",
		   "See  the video                                                 now", 4);
	blanked_as("![a chart](img/party.png) and [x](<a b>)",
		   "  a chart                 and  x        ", 4);
	blanked_as("at https://drive.example.com/tree/master, or www.example.org/a_(b).",
		   "at                                      , or                      .", 2);
	blanked_as("mail <jo@example.com> or <https://example.com/x> (https://a.b/c)",
		   "mail                  or                         (             )", 2);
	blanked_as("[[Q1 review|the review]] and [[Q1 review]] and ![[chart.png]] end",
		   "            the review   and   Q1 review   and                end", 7);
	blanked_as("a note[^1] and [^long-label] [^ no]",
		   "a note     and               [^ no]", 4);
	/* not links: text stays */
	blanked_as("[x] done [not a link] (nor this) 50% [a](b c) [[open",
		   "[x] done [not a link] (nor this) 50% [a](b c) [[open", 11);
	blanked_as("a\\[b](c) xhttps://no www",
		   "a\\[b](c) xhttps://no www", 3);
	/* a link inside link text: the inner one is the link */
	blanked_as("[a [b](u) c](v)",
		   "[a  b     c](v)", 3);
}

static void test_markup_not_words(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "> [!warning]- Check the invoice\n> before Friday\n\n"
		  "> [!note]\n> - send the contract\n\n"
		  "line one<br>line two <span class=\"x\">text</span> </div>\n"
		  "a task ^abc-123\n"
		  "<Concur Expense Document> 2^10 [^1] x ^not-end here <b and c>\n\n"
		  "- item ^id1\n\n"
		  "> > [!tip]+\n\n"
		  "- [!x] an item, no callout <a href='/x' title=\"t\">link</a><br/>\n\n"
		  "# Plans <span>2024</span>\nx\n");
	assert_int_equal(d.l.n, 8);
	EXPECT(d, 0, Q, 1, 3, 6, "[!warning]- Check the invoice\n> before Friday");
	assert_int_equal(markup_blank(d.text, &d.l.v[0]), 5);
	assert_memory_equal(d.text + d.l.v[0].off, "            Check the invoice\n  before Friday",
			    d.l.v[0].len);
	EXPECT(d, 1, Q, 4, 3, 1, "[!note]");
	assert_int_equal(markup_blank(d.text, &d.l.v[1]), 0);
	EXPECT(d, 2, Q, 5, 5, 3, "send the contract");
	assert_int_equal(markup_blank(d.text, &d.l.v[2]), 3);
	assert_int_equal(d.l.v[3].words, 20);
	assert_int_equal(markup_blank(d.text, &d.l.v[3]), 14);
	assert_memory_equal(d.text + d.l.v[3].off, "line one    line two                 text              \na task         \n<Concur Expense Document> 2^10      x ^not-end here          ",
			    d.l.v[3].len);
	EXPECT(d, 4, I, 11, 3, 2, "item ^id1");
	assert_int_equal(markup_blank(d.text, &d.l.v[4]), 1);
	EXPECT(d, 5, Q, 13, 5, 1, "[!tip]+");
	assert_int_equal(markup_blank(d.text, &d.l.v[5]), 0);
	assert_int_equal(markup_blank(d.text, &d.l.v[6]), 6);
	SECTION(d, 7, "Plans 2024");
	doc_free(&d);
}

/* A tag may go on to the next line where white space may stand, in its
 * attributes or a quoted value, as in CommonMark; never over a blank line. */
static void test_markup_tag_lines(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "<div\n  class=\"x\">About the invoice</div>\n\n"
		  "see <a href=\"x\r\ny\">the\r\nlink</a> <b\n\n"
		  "class=\"y\">z</b>\n\n"
		  "<a title=\"a\n  \n b\">q\n\n"
		  "> <span\n> lang=en>quoted</span>\n");
	assert_int_equal(d.l.n, 6);
	assert_int_equal(markup_blank(d.text, &d.l.v[0]), 3);
	assert_memory_equal(d.text + d.l.v[0].off,
			    "                 About the invoice      ", d.l.v[0].len);
	assert_int_equal(markup_blank(d.text, &d.l.v[1]), 4);
	assert_memory_equal(d.text + d.l.v[1].off, "see                the\r\nlink     <b",
			    d.l.v[1].len);
	assert_int_equal(markup_blank(d.text, &d.l.v[2]), 1);	/* class="y">z */
	assert_int_equal(markup_blank(d.text, &d.l.v[3]), 2);	/* <a title="a */
	assert_int_equal(markup_blank(d.text, &d.l.v[5]), 1);
	doc_free(&d);
}

/* ---- line ends and offsets ---- */

static void check_line_end_variant(const char *eol)
{
	static const char *lines[] = {
		"# Title", "first para", "goes on", "", "- item", "", "> q",
		"", "```", "code", "```", "last",
	};
	char text[256];
	size_t n = 0, i;
	struct doc d;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%s",
				      lines[i], eol);
	}
	split(&d, text);
	assert_int_equal(d.l.n, 4);
	/* The middle line end of the paragraph is the variant's own. */
	assert_int_equal(d.l.v[0].len, strlen("first paragoes on") + strlen(eol));
	assert_int_equal(d.l.v[0].line, 2);
	assert_int_equal(d.l.v[0].words, 4);
	SECTION(d, 0, "Title");
	EXPECT(d, 1, I, 5, 3, 1, "item");
	EXPECT(d, 2, Q, 7, 3, 1, "q");
	EXPECT(d, 3, P, 12, 1, 1, "last");
	doc_free(&d);
}

static void test_line_ends_lf_crlf_cr(void **state)
{
	(void)state;
	check_line_end_variant("\n");
	check_line_end_variant("\r\n");
	check_line_end_variant("\r");
}

static void test_mixed_line_ends(void **state)
{
	struct doc d;

	(void)state;
	/* "\r\r\n" is a lone CR then a CRLF: two line ends. */
	split(&d, "a\r\r\nb\n\rc\r\n\nd\r");
	assert_int_equal(d.l.n, 4);
	EXPECT(d, 0, P, 1, 1, 1, "a");
	EXPECT(d, 1, P, 3, 1, 1, "b");
	EXPECT(d, 2, P, 5, 1, 1, "c");
	EXPECT(d, 3, P, 7, 1, 1, "d");
	doc_free(&d);
}

static void test_no_final_newline(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "a b\n\nlast words");
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 1, P, 3, 1, 2, "last words");
	doc_free(&d);

	split(&d, "- item  ");
	assert_int_equal(d.l.n, 1);
	EXPECT(d, 0, I, 1, 3, 1, "item");
	doc_free(&d);

	split(&d, "> q\r");
	assert_int_equal(d.l.n, 1);
	EXPECT(d, 0, Q, 1, 3, 1, "q");
	doc_free(&d);

	split(&d, "<!--");
	assert_int_equal(d.l.n, 0);
	doc_free(&d);
}

static void test_body_offset(void **state)
{
	static const char text[] =
		"---\nclient: Acme\ntitle: x\n---\n\nHello there\n  indented\n"
		"\n- item\n";
	struct doc d;
	size_t off = strlen("---\nclient: Acme\ntitle: x\n---\n");

	(void)state;
	split_at(&d, text, strlen(text), off, 5);
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, P, 6, 1, 3, "Hello there\n  indented");
	assert_int_equal(d.l.v[0].off, off + 1);
	EXPECT(d, 1, I, 9, 3, 1, "item");
	doc_free(&d);

	/* The front matter's "---" lines would be a thematic break and a
	 * setext underline if they were read as body. */
	split_at(&d, text, strlen(text), 0, 1);
	assert_int_equal(d.l.n, 2);
	EXPECT(d, 0, P, 6, 1, 3, "Hello there\n  indented");
	SECTION(d, 0, "client: Acme title: x");
	doc_free(&d);
}

static void test_empty_bodies(void **state)
{
	struct doc d;

	(void)state;
	split(&d, "");
	assert_int_equal(d.l.n, 0);
	assert_null(d.l.v);
	doc_free(&d);

	split_at(&d, "---\n---\n", 8, 8, 3);
	assert_int_equal(d.l.n, 0);
	doc_free(&d);

	split(&d, "\n\n  \t\n\r\n# H\n---\n<!-- x -->\n");
	assert_int_equal(d.l.n, 0);
	doc_free(&d);
}

static void test_appends_and_list_lifecycle(void **state)
{
	struct passage_list l = PASSAGE_LIST_INIT;
	static const char a[] = "one\n\ntwo\n", b[] = "three\n";
	size_t alloc;

	(void)state;
	passage_split(a, strlen(a), 0, 1, &l);
	passage_split(b, strlen(b), 0, 1, &l);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.v[2].off, 0);
	assert_int_equal(l.v[2].words, 1);
	alloc = l.alloc;
	assert_true(alloc >= 3);
	passage_list_reset(&l);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.alloc, alloc);
	assert_non_null(l.v);
	passage_split(b, strlen(b), 0, 1, &l);
	assert_int_equal(l.n, 1);
	passage_list_release(&l);
	assert_null(l.v);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.alloc, 0);
	passage_list_release(&l);	/* twice is harmless */
}

/* ---- words ---- */

#define WORDS(s) markup_count_words((s), sizeof(s) - 1)

static void test_count_words(void **state)
{
	(void)state;
	assert_int_equal(markup_count_words("", 0), 0);
	assert_int_equal(WORDS("> - | * [ ] ... -- `"), 0);
	assert_int_equal(WORDS("a b"), 2);
	assert_int_equal(WORDS("  x\t\ty\n z \r\f\v w "), 4);
	assert_int_equal(WORDS("[ ] call Bob"), 2);
	assert_int_equal(WORDS("don't $100 e-mail (ok)"), 4);
	assert_int_equal(WORDS("caf\xc3\xa9 \xc3\xa9t\xc3\xa9"), 2);
	/* A letter or digit of any script makes a word; a dash, bullet,
	 * quote or arrow alone does not. */
	assert_int_equal(WORDS("a \xe2\x80\x94 b"), 2);
	assert_int_equal(WORDS("\xe2\x80\xa2 \xe2\x80\x9c\xe2\x80\x9d \xe2\x80\xa6 \xe2\x86\x92"), 0);
	assert_int_equal(WORDS("\xe6\x9d\xb1\xe4\xba\xac \xd0\xb4\xd0\xb0 \xd9\xa3 \xc3\xa0"), 5);
	assert_int_equal(WORDS("\xe2\x80\x94\xc3\xa9\xe2\x80\x94"), 1);
	/* bytes that are not UTF-8 may be letters of another encoding */
	assert_int_equal(WORDS("\xe9t\xe9 \xff"), 2);
	assert_int_equal(WORDS("\xef\xbf\xbd"), 1);	/* U+FFFD stands for such bytes */
	/* NUL is not a separator. */
	assert_int_equal(WORDS("a\0b"), 1);
	/* Only `len` bytes are looked at. */
	assert_int_equal(markup_count_words("one two", 3), 1);
}

static void test_unicode_spaces_separate_words(void **state)
{
	(void)state;
	/* NBSP, U+1680, U+2000-U+200A, U+202F, U+205F and U+3000 */
	assert_int_equal(WORDS("hello\xc2\xa0world and\xe2\x80\x89thin\xe3\x80\x80ideo"), 5);
	assert_int_equal(WORDS("a\xe1\x9a\x80" "b\xe2\x80\x80" "c\xe2\x80\x8a" "d\xe2\x80\xaf"
			       "e\xe2\x81\x9f" "f"), 6);
	assert_int_equal(WORDS("\xc2\xa0\xe2\x80\x83\xc2\xa0"), 0);
	/* not spaces: a zero-width space, an en dash, a truncated NBSP */
	assert_int_equal(WORDS("a\xe2\x80\x8b" "b a\xe2\x80\x93" "b"), 2);
	assert_int_equal(WORDS("a\xc2"), 1);
	assert_int_equal(markup_count_words("a\xc2\xa0" "b", 2), 1);
}

static void test_cjk_characters_are_words(void **state)
{
	(void)state;
	/* 東京で会議をしました。: ten characters, and a full stop */
	assert_int_equal(WORDS("\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7\xe4\xbc\x9a\xe8\xad\xb0"
			       "\xe3\x82\x92\xe3\x81\x97\xe3\x81\xbe\xe3\x81\x97\xe3\x81\x9f"
			       "\xe3\x80\x82"), 10);
	/* 東京office and office東京office: a run of other letters is one */
	assert_int_equal(WORDS("\xe6\x9d\xb1\xe4\xba\xac" "office"), 3);
	assert_int_equal(WORDS("office\xe6\x9d\xb1\xe4\xba\xac" "office"), 4);
	/* コーヒー, half-width ｶﾞ (a sound mark is no word), U+3400,
	 * U+F900, U+20000, katakana ㇰ; the middle dot is no word */
	assert_int_equal(WORDS("\xe3\x82\xb3\xe3\x83\xbc\xe3\x83\x92\xe3\x83\xbc"), 4);
	assert_int_equal(WORDS("\xef\xbd\xb6\xef\xbe\x9e \xe3\x81\x8b\xe3\x82\x99"), 2);
	assert_int_equal(WORDS("\xe3\x90\x80\xef\xa4\x80\xf0\xa0\x80\x80\xe3\x87\xb0"), 4);
	assert_int_equal(WORDS("\xe3\x83\xbb \xe3\x82\x9b"), 0);
	/* Hangul is written with spaces: 한국어 텍스트 */
	assert_int_equal(WORDS("\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 "
			       "\xed\x85\x8d\xec\x8a\xa4\xed\x8a\xb8"), 2);
}

static void test_nul_and_invalid_utf8(void **state)
{
	static const char text[] =
		"a\0b c\xff\xfe d\n\n\xc3\n\n- \0\n\n> \x80x\x00\n";
	struct doc d;

	(void)state;
	split_at(&d, text, sizeof(text) - 1, 0, 1);
	assert_int_equal(d.l.n, 3);
	assert_int_equal(d.l.v[0].len, 9);
	assert_int_equal(d.l.v[0].words, 3);
	assert_int_equal(d.l.v[1].line, 3);
	assert_int_equal(d.l.v[1].words, 1);
	assert_int_equal(d.l.v[2].kind, Q);
	assert_int_equal(d.l.v[2].line, 7);
	assert_int_equal(d.l.v[2].words, 1);
	assert_int_equal(d.l.v[2].len, 3);
	doc_free(&d);
}

/* ---- large and pathological inputs (no timing asserts) ---- */

static char *repeat(const char *unit, size_t n, size_t *len)
{
	size_t ul = strlen(unit), i;
	char *s = malloc(ul * n + 1);

	assert_non_null(s);
	for (i = 0; i < n; i++)
		memcpy(s + i * ul, unit, ul);
	*len = ul * n;
	return s;
}

static void test_many_paragraphs(void **state)
{
	struct passage_list l = PASSAGE_LIST_INIT;
	size_t len, i, n = 100000;
	char *s = repeat("word\n\n", n, &len);

	(void)state;
	passage_split(s, len, 0, 1, &l);
	assert_int_equal(l.n, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(l.v[i].line, 2 * i + 1);
		assert_int_equal(l.v[i].off, 6 * i);
		assert_int_equal(l.v[i].words, 1);
	}
	passage_list_release(&l);
	free(s);
}

static void test_one_long_paragraph_cr_only(void **state)
{
	struct passage_list l = PASSAGE_LIST_INIT;
	size_t len, n = 100000;
	char *s = repeat("two words\r", n, &len);

	(void)state;
	passage_split(s, len, 0, 1, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].words, 2 * n);
	assert_int_equal(l.v[0].len, len - 1);
	passage_list_release(&l);
	free(s);
}

static void test_many_items_and_quotes(void **state)
{
	struct passage_list l = PASSAGE_LIST_INIT;
	size_t len, i, n = 50000;
	char *s = repeat("- item\n> quote\n>\n", n, &len);

	(void)state;
	passage_split(s, len, 0, 1, &l);
	assert_int_equal(l.n, 2 * n);
	for (i = 0; i < 2 * n; i += 2) {
		assert_int_equal(l.v[i].kind, I);
		assert_int_equal(l.v[i + 1].kind, Q);
		assert_int_equal(l.v[i + 1].line, 3 * (i / 2) + 2);
	}
	passage_list_release(&l);
	free(s);
}

static void test_deep_nesting(void **state)
{
	struct passage_list l = PASSAGE_LIST_INIT;
	size_t depth = 1000, i, len = 0;
	char *s = malloc(depth * (2 * depth + 8));
	char *q;

	(void)state;
	assert_non_null(s);
	/* A list nested 1000 deep, then 100k '>' markers on one line. */
	for (i = 0; i < depth; i++) {
		memset(s + len, ' ', 2 * i);
		len += 2 * i;
		memcpy(s + len, "- x\n", 4);
		len += 4;
	}
	passage_split(s, len, 0, 1, &l);
	assert_int_equal(l.n, depth);
	assert_int_equal(l.v[depth - 1].col, 2 * (depth - 1) + 3);
	passage_list_reset(&l);
	free(s);

	s = repeat(">", 100000, &len);
	q = realloc(s, len + 3);
	assert_non_null(q);
	s = q;
	memcpy(s + len, " y", 2);
	len += 2;
	passage_split(s, len, 0, 1, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].col, 100002);
	assert_int_equal(l.v[0].len, 1);
	passage_list_release(&l);
	free(s);
}

static void test_many_fences_and_comments(void **state)
{
	struct passage_list l = PASSAGE_LIST_INIT;
	size_t len, n = 30000;
	char *s = repeat("```\ncode\n```\n<!--\nx\n-->\ntext\n\n", n, &len);

	(void)state;
	passage_split(s, len, 0, 1, &l);
	assert_int_equal(l.n, n);
	assert_int_equal(l.v[n - 1].line, 8 * (n - 1) + 7);
	passage_list_release(&l);
	free(s);
}

/* An HTML comment inside a paragraph and a quote's later '>' markers are
 * blanked; the span keeps its length. */
static void test_blank(void **state)
{
	struct doc d;
	const char *want0 = "Para about the invoice.                                        and more";

	(void)state;
	split(&d, "Para about the invoice. <!-- we talked football and family --> and more\n\n"
		  "> > first line\n>  > second line\n   > third\n\n"
		  "an open <!-- comment stays\n\n"
		  "- <!-- only a comment -->x<!---->\n");
	assert_int_equal(d.l.n, 4);
	assert_int_equal(markup_blank(d.text, &d.l.v[0]), 6);
	EXPECT(d, 0, PASSAGE_PARAGRAPH, 1, 1, 11, want0);	/* as split counted */
	assert_int_equal(markup_blank(d.text, &d.l.v[1]), 5);
	assert_memory_equal(d.text + d.l.v[1].off, "first line\n     second line\n     third",
			    d.l.v[1].len);
	assert_int_equal(markup_blank(d.text, &d.l.v[2]), 4);
	assert_memory_equal(d.text + d.l.v[2].off, "an open <!-- comment stays", d.l.v[2].len);
	assert_int_equal(markup_blank(d.text, &d.l.v[3]), 1);
	/* the item's text starts after the comment that opens its line */
	assert_int_equal(d.l.v[3].col, 26);
	assert_memory_equal(d.text + d.l.v[3].off, "x       ", d.l.v[3].len);
	doc_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs_split_by_blank_lines),
		cmocka_unit_test(test_multiline_paragraph),
		cmocka_unit_test(test_trailing_blanks_trimmed),
		cmocka_unit_test(test_table_is_paragraph),
		cmocka_unit_test(test_zero_word_passages_dropped),
		cmocka_unit_test(test_bullet_items),
		cmocka_unit_test(test_ordered_items),
		cmocka_unit_test(test_nested_items),
		cmocka_unit_test(test_marker_opens_nested_item),
		cmocka_unit_test(test_item_lazy_continuation),
		cmocka_unit_test(test_item_then_indented_paragraph),
		cmocka_unit_test(test_empty_items),
		cmocka_unit_test(test_task_box_stays_in_text),
		cmocka_unit_test(test_not_list_markers),
		cmocka_unit_test(test_items_interrupting_paragraph),
		cmocka_unit_test(test_numbered_line_inside_item),
		cmocka_unit_test(test_quote_two_paragraphs),
		cmocka_unit_test(test_quote_nested_markers_and_lazy),
		cmocka_unit_test(test_quote_content),
		cmocka_unit_test(test_quote_deeper_level),
		cmocka_unit_test(test_quote_boundaries),
		cmocka_unit_test(test_atx_headings_name_sections),
		cmocka_unit_test(test_heading_only_section),
		cmocka_unit_test(test_atx_heading_edge_cases),
		cmocka_unit_test(test_heading_ends_passage),
		cmocka_unit_test(test_setext_headings),
		cmocka_unit_test(test_setext_only_after_paragraph),
		cmocka_unit_test(test_setext_heading_in_item),
		cmocka_unit_test(test_section_names_normalised),
		cmocka_unit_test(test_thematic_breaks),
		cmocka_unit_test(test_fenced_code_skipped),
		cmocka_unit_test(test_fence_close_rules),
		cmocka_unit_test(test_backtick_info_with_backtick_is_text),
		cmocka_unit_test(test_unclosed_fence_runs_to_end),
		cmocka_unit_test(test_fence_inside_list_item),
		cmocka_unit_test(test_fence_in_item_ends_with_item),
		cmocka_unit_test(test_block_on_marker_line),
		cmocka_unit_test(test_comment_in_item_ends_with_item),
		cmocka_unit_test(test_link_definitions_skipped),
		cmocka_unit_test(test_html_comments_skipped),
		cmocka_unit_test(test_comment_end_after_opener),
		cmocka_unit_test(test_percent_comments_skipped),
		cmocka_unit_test(test_markup_not_words),
		cmocka_unit_test(test_links_blanked),
		cmocka_unit_test(test_markup_tag_lines),
		cmocka_unit_test(test_line_ends_lf_crlf_cr),
		cmocka_unit_test(test_mixed_line_ends),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_body_offset),
		cmocka_unit_test(test_empty_bodies),
		cmocka_unit_test(test_appends_and_list_lifecycle),
		cmocka_unit_test(test_count_words),
		cmocka_unit_test(test_unicode_spaces_separate_words),
		cmocka_unit_test(test_cjk_characters_are_words),
		cmocka_unit_test(test_nul_and_invalid_utf8),
		cmocka_unit_test(test_many_paragraphs),
		cmocka_unit_test(test_one_long_paragraph_cr_only),
		cmocka_unit_test(test_many_items_and_quotes),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_many_fences_and_comments),
		cmocka_unit_test(test_blank),
	};

	return cmocka_run_group_tests_name("passage", tests, NULL, NULL);
}
