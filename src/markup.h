/*
 * markup: what of a passage's span is its text.  passage_split() finds the
 * passages; markup_blank() then blanks, in place, the comments, tags and
 * markers left inside one, so that rules neither match nor count them, and
 * counts its words with markup_count_words().  The scanners below are
 * shared with the splitter, which reads section names the same way.
 *
 * Layer: passages.  Calls the primitives (util, esc) and PCRE2 only.
 */
#ifndef BANTER_MARKUP_H
#define BANTER_MARKUP_H

#include <stddef.h>

#include "passage.h"

/*
 * Blanks, with spaces, what a passage's span holds that is not its text,
 * so that it is neither counted nor matched:
 *  - a comment inside it ("the invoice <!-- and football -->", "the
 *    invoice %%and football%%", as passage_split() reads them);
 *  - the '>' markers that start a quote's later lines;
 *  - the Obsidian callout marker that opens a quote ("> [!note]",
 *    "> [!warning]- Title", whose title is text): "[!type]", type being
 *    letters, digits, '-' and '_', maybe '+' or '-' after it, first on its
 *    line after the quote's markers;
 *  - HTML tags, open (with attributes) or closing, as CommonMark reads
 *    them ("<br>", "<span class='x'>", "</div>", "<br/>"), going on to the
 *    next line between attributes but not over a blank one, and of one
 *    of HTML's elements: "<Concur Expense Document>" and "<John>",
 *    as a pasted mail has them, are text;
 *  - Obsidian block ids: "^" then letters, digits and '-', after a blank
 *    or at the start of a line, and ending its line ("done ^abc-123").
 * The span keeps its length, so offsets into it stay good.  Returns its
 * words, counted again: a passage of markup only has none.
 */
unsigned markup_blank(char *text, const struct passage *p);

/*
 * Counts the words of text[0, len): runs of non-blank characters that hold
 * at least one letter or digit of any script (a dash, bullet or arrow alone
 * is no word), or a byte that is not UTF-8.  Blanks are ASCII white space
 * and Unicode's space separators (NBSP, U+2000-U+200A, U+3000, ...).  Each
 * Han ideograph and each kana is a word of its own, since Chinese and
 * Japanese are written without spaces ("東京office" is three words).
 */
unsigned markup_count_words(const char *text, size_t len);

/*
 * Where the HTML tag that starts at t[i] ('<') ends, or 0 if there is
 * none: an open tag, with attributes, or a closing tag, as CommonMark reads
 * them (<br>, <span class="x">, </div>, <br/>), in t[i, b), going on to
 * the next line wherever white space may stand but never over a blank
 * line, and of one of HTML's elements, so that "<Concur Expense Document>" or
 * "<John>" in a pasted mail is text.
 */
size_t markup_tag_end(const char *t, size_t i, size_t b);

/*
 * Whether t[i] opens an inline Obsidian comment: "%%" at t[start] (the
 * start of a line) or after a blank, so that "50%%" opens none.
 */
int markup_percent_opens(const char *t, size_t start, size_t i, size_t b);

/*
 * Where the "%%" that closes an Obsidian comment ends, looked for from `a`
 * to the end of its line or `b`; 0 if there is none.
 */
size_t markup_percent_end(const char *t, size_t a, size_t b);

#endif
