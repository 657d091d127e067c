/*
 * lset: the algebra of literal sets that literal.c computes over a pattern.
 *
 * What a piece of a pattern tells about the text it matches:
 *   L_EXACT  it matches exactly one of the strings (folded);
 *   L_REQ    every match holds at least one of the strings (none empty);
 *   L_ANY    nothing is known.
 * LIT_MARK in a string is a word boundary.  In a required set, a string
 * that begins with LSET_HEAD (which is not part of it) is one that the
 * piece's match starts with; the others may be anywhere in it.  So
 * "(?:the\w*|x\w*y)" gives { HEAD "the", "y" }: every match starts with
 * "the" or holds a "y".  Every function that takes a set by value takes it
 * over (frees it or returns it).
 *
 * Layer: labels.  Calls the primitives.
 */
#ifndef BANTER_LSET_H
#define BANTER_LSET_H

#include <stddef.h>

#define LSET_HEAD '\2'

enum lkind { L_ANY, L_REQ, L_EXACT };

struct lset {
	#define LSET_HEAD '\2'

enum lkind kind;
	size_t n;
	size_t alloc;
	char **v;
};

void lset_release(struct lset *l);
struct lset lset_any(void);
struct lset lset_exact(const char *s, size_t len);
/* Adds s[0, len) unless it is there. */
void lset_add(struct lset *l, const char *s, size_t len);
/* An exact set read as a required one ("" in it: nothing is required). */
struct lset lset_req(struct lset l);
/* The same, its strings marked as those every match starts with. */
struct lset lset_head(struct lset l);
/* A required set with no string marked LSET_HEAD: for a piece that does not
 * start where the set's does. */
struct lset lset_unhead(struct lset l);
/* A required set l read after the exact set *run: the strings of l that
 * start its matches get every string of *run before them, the others stay
 * as they are.  Marked LSET_HEAD if head (the run starts the piece). */
struct lset lset_join(const struct lset *run, struct lset l, int head);
/* The more selective of two sets, as required sets. */
struct lset lset_better(struct lset a, struct lset b);
/* Can two exact sets be joined and stay exact (and small)? */
int lset_fits(const struct lset *a, const struct lset *b);
/* Every string of a followed by every string of b (exact sets that fit),
 * else the better of the two. */
struct lset lset_concat(struct lset a, struct lset b);
/* Either set: exact if both are and the union is small, else required. */
struct lset lset_alt(struct lset a, struct lset b);
/* atom{n}: the atom n times over, while that stays exact. */
struct lset lset_repeat(struct lset atom, unsigned long n);

#endif
