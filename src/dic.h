/*
 * dic: LIWC-style dictionaries (.dic), as LIWC, quanteda and liwc-python
 * read them, and the patterns that match their categories' entries
 * (rules_dic.h makes rules of them).
 *
 * The format:
 *
 *	%
 *	1	work
 *	2	family
 *	%
 *	meeting	1
 *	invoic*	1
 *	kind of	2
 *	mum	2
 *
 * A header between two lines that are exactly "%" (white space round them
 * allowed) names the categories, one a line: an id, a tab or spaces, and a
 * name (anything after the name is ignored).  Then one entry a line: the
 * entry, a tab, and the ids of its categories separated by tabs or spaces.
 * Without a tab, the trailing tokens made of digits are the ids and the
 * tokens before them the entry.  A final '*' makes an entry a prefix
 * ("invoic*" matches "invoice" and "invoicing"); an entry of several words
 * ("kind of") matches them with any white space between.
 *
 * Tolerated: a UTF-8 BOM, CRLF line ends, blank lines anywhere, and
 * LIWC2007's conditional references such as "(02 134)131/125", which are
 * skipped with one warning per file (none of the readers above gives them
 * a meaning that survives outside LIWC).  The format has no comments: a
 * line starting with '#' is an entry, as in LIWC and liwc-python.
 * Errors (no header, a bad line, an id not in the header, invalid UTF-8,
 * a NUL) name FILE:LINE.
 *
 * Layer: labels.  Calls the primitives only: rules_dic makes rules of
 * a dictionary.
 */
#ifndef BANTER_DIC_H
#define BANTER_DIC_H

#include <stddef.h>

#include "strlist.h"

struct diag;

struct dic_category {
	char *id;		/* as in the header, e.g. "1" */
	char *name;
	unsigned line;		/* of its header line */
	struct strlist entries;	/* as written, sorted, without duplicates after dic_parse */
};

struct dic {
	struct dic_category *v;
	size_t n;
	size_t alloc;
};

void dic_init(struct dic *dic);
void dic_release(struct dic *dic);

/* Parses the text of a .dic file into an initialised dic.  Returns 0, or
 * -1 after reporting every problem as PATH:LINE. */
int dic_parse(struct dic *dic, const char *text, size_t len, const char *path,
	      struct diag *d);

/* The index of the category named `s` (ASCII case folded) or with the id
 * `s`, or -1. */
int dic_find(const struct dic *dic, const char *s, size_t len);

/*
 * Appends to `out` the PCRE2 patterns that match the entries of category
 * c as whole words:
 *
 *	(?<!\w)(?:entry|prefix\w*|two\s+words)(?!\w)
 *
 * with the entries' regex characters escaped and an apostrophe matching
 * ' or U+2019.  (Lookarounds rather than \b, so that entries that start or
 * end with punctuation, such as ":)", work too.)  Each pattern is at most
 * `max` bytes: a category too big for one is split over several.
 */
void dic_patterns(const struct dic *dic, size_t c, size_t max, struct strlist *out);

#endif
