/*
 * lset: the algebra of literal sets that literal.c computes over a pattern.
 *
 * What a piece of a pattern tells about the text it matches:
 *   L_EXACT  it matches exactly one of the strings (folded);
 *   L_REQ    every match holds at least one of the strings (none empty);
 *   L_ANY    nothing is known.
 * LIT_MARK in a string is a word boundary.  Every function that takes a set
 * by value takes it over (frees it or returns it).
 */
#ifndef BANTER_LSET_H
#define BANTER_LSET_H

#include <stddef.h>

enum lkind { L_ANY, L_REQ, L_EXACT };

struct lset {
	enum lkind kind;
	size_t n;
	size_t alloc;
	char **v;
};

void lset_free(struct lset *l);
struct lset lset_any(void);
struct lset lset_exact(const char *s, size_t len);
/* Adds s[0, len) unless it is there. */
void lset_add(struct lset *l, const char *s, size_t len);
/* An exact set read as a required one ("" in it: nothing is required). */
struct lset lset_req(struct lset l);
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
