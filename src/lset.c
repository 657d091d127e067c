#include "lset.h"
#include "literal.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define MAX_EXACT 64	/* strings in an exact set before it becomes required */
/* Strings in a required set before it becomes "any".  Enough for a
 * dictionary category (dic.c), an alternation of hundreds of words in a
 * pattern of at most RULES_MAX_PATTERN bytes: every string goes into the
 * automaton, whose size follows the strings' bytes, not their number. */
#define MAX_REQ 2048
#define MAX_LIT 32	/* bytes of one exact string */

/* In a string, a word boundary (\b): "\1kid" is "kid" after a non-word
 * character.  Only a boundary at either end next to an ASCII word character
 * is used, to drop "kid" in "skid"; others are left out of the literal. */
#define MARK LIT_MARK

/*
 * How selective a string is: the sum over its characters (not bytes) of
 * how rarely each is seen in notes -- a digit 1 (it stands for all ten),
 * letters, spaces and everyday punctuation 2, other symbols and non-ASCII
 * characters 4 -- plus 3 for each usable boundary.
 */
static size_t strength(const char *s)
{
	size_t len, b = 0, e, n = 0, i;

	if (*s == LSET_HEAD)
		s++;
	len = e = strlen(s);

	while (b < e && s[b] == MARK)
		b++;
	while (e > b && s[e - 1] == MARK)
		e--;
	for (i = b; i < e; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == MARK || (c & 0xC0) == 0x80)
			continue;
		if (c >= '0' && c <= '9')
			n += 1;
		else if (c < 0x80 && (is_word(c) || strchr(" ,.-'\"!?:;()\n\t", c)))
			n += 2;
		else
			n += 4;
	}
	if (b > 0 && b < e && is_word((unsigned char)s[b]))
		n += 3;
	if (e < len && e > b && is_word((unsigned char)s[e - 1]))
		n += 3;
	return b < e ? n : 0;
}

void lset_release(struct lset *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

struct lset lset_any(void)
{
	struct lset l = { L_ANY, 0, 0, NULL };

	return l;
}

/* Adds s[0, len) unless it is there (len <= MAX_LIT + 1: lset_concat and
 * lset_join see to it). */
void lset_add(struct lset *l, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == len && memcmp(l->v[i], s, len) == 0)
			return;
	l->v = xgrow(l->v, sizeof(*l->v), l->n + 1, &l->alloc);
	l->v[l->n++] = xstrndup(s, len);
}

struct lset lset_exact(const char *s, size_t len)
{
	struct lset l = { L_EXACT, 0, 0, NULL };

	lset_add(&l, s, len);
	return l;
}

/* An exact set read as a required one: "" in it means nothing is required. */
struct lset lset_req(struct lset l)
{
	size_t i;

	if (l.kind != L_EXACT)
		return l;
	for (i = 0; i < l.n; i++)
		if (!strength(l.v[i])) {
			lset_release(&l);
			return lset_any();
		}
	l.kind = l.n ? L_REQ : L_ANY;
	return l;
}

struct lset lset_head(struct lset l)
{
	size_t i;

	if (l.kind != L_EXACT)
		return l;
	l = lset_req(l);
	for (i = 0; i < l.n; i++) {
		size_t len = strlen(l.v[i]);
		char *s = xmalloc(len + 2);

		s[0] = LSET_HEAD;
		memcpy(s + 1, l.v[i], len + 1);
		free(l.v[i]);
		l.v[i] = s;
	}
	return l;
}

struct lset lset_unhead(struct lset l)
{
	struct lset r = { L_REQ, 0, 0, NULL };
	size_t i;

	if (l.kind != L_REQ)
		return l;
	for (i = 0; i < l.n; i++) {
		const char *s = l.v[i] + (l.v[i][0] == LSET_HEAD);

		lset_add(&r, s, strlen(s));
	}
	lset_release(&l);
	return r;
}

struct lset lset_join(const struct lset *run, struct lset l, int head)
{
	struct lset r = { L_REQ, 0, 0, NULL };
	size_t i, j, n = 0;

	for (i = 0; i < l.n; i++)
		n += l.v[i][0] == LSET_HEAD ? run->n : 1;
	if (run->kind != L_EXACT || l.kind != L_REQ || n > MAX_REQ)
		return lset_unhead(l);
	for (i = 0; i < l.n; i++) {
		const char *s = l.v[i] + 1;

		if (l.v[i][0] != LSET_HEAD) {
			lset_add(&r, l.v[i], strlen(l.v[i]));
			continue;
		}
		for (j = 0; j < run->n; j++) {
			char tmp[MAX_LIT + 2];
			const char *a = run->v[j], *b = s;
			size_t k = 0, la = strlen(a), lb;

			if (head)
				tmp[k++] = LSET_HEAD;
			if (la && b[0] == MARK && a[la - 1] == MARK)
				b++;
			lb = strlen(b);
			/* a prefix of a required string is required too */
			if (la > MAX_LIT)
				la = MAX_LIT;
			if (la + lb > MAX_LIT)
				lb = MAX_LIT - la;
			memcpy(tmp + k, a, la);
			memcpy(tmp + k + la, b, lb);
			lset_add(&r, tmp, k + la + lb);
		}
	}
	lset_release(&l);
	return r;
}

static size_t lset_minlen(const struct lset *l)
{
	size_t i, m = (size_t)-1;

	for (i = 0; i < l->n; i++)
		if (strength(l->v[i]) < m)
			m = strength(l->v[i]);
	return m;
}

/* The more selective of two required sets: longer shortest string, then
 * fewer strings. */
struct lset lset_better(struct lset a, struct lset b)
{
	size_t ma, mb;

	a = lset_req(a);
	b = lset_req(b);
	if (a.kind == L_ANY) {
		lset_release(&a);
		return b;
	}
	if (b.kind == L_ANY) {
		lset_release(&b);
		return a;
	}
	ma = lset_minlen(&a);
	mb = lset_minlen(&b);
	if (mb > ma || (mb == ma && b.n < a.n)) {
		lset_release(&a);
		return b;
	}
	lset_release(&b);
	return a;
}

/* Can the exact sets be joined and stay exact? */
int lset_fits(const struct lset *a, const struct lset *b)
{
	size_t i, j;

	if (a->kind != L_EXACT || b->kind != L_EXACT || a->n * b->n > MAX_EXACT)
		return 0;
	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++)
			if (strlen(a->v[i]) + strlen(b->v[j]) > MAX_LIT)
				return 0;
	return 1;
}

struct lset lset_concat(struct lset a, struct lset b)
{
	struct lset r = { L_EXACT, 0, 0, NULL };
	size_t i, j;

	if (!lset_fits(&a, &b))
		return lset_better(a, lset_unhead(lset_req(b)));
	for (i = 0; i < a.n; i++)
		for (j = 0; j < b.n; j++) {
			size_t la = strlen(a.v[i]), lb = strlen(b.v[j]);
			char tmp[2 * MAX_LIT + 1];

			memcpy(tmp, a.v[i], la);
			if (la && lb && a.v[i][la - 1] == MARK && b.v[j][0] == MARK)
				la--;
			memcpy(tmp + la, b.v[j], lb);
			lset_add(&r, tmp, la + lb);
		}
	lset_release(&a);
	lset_release(&b);
	return r;
}

struct lset lset_alt(struct lset a, struct lset b)
{
	size_t i;

	if (!(a.kind == L_EXACT && b.kind == L_EXACT && a.n + b.n <= MAX_EXACT)) {
		/* every branch starts where the alternation does */
		a = lset_head(a);
		b = lset_head(b);
		if (a.kind == L_ANY || b.kind == L_ANY || a.n + b.n > MAX_REQ) {
			lset_release(&a);
			lset_release(&b);
			return lset_any();
		}
	}
	for (i = 0; i < b.n; i++)
		lset_add(&a, b.v[i], strlen(b.v[i]));
	lset_release(&b);
	return a;
}

static struct lset lset_copy(const struct lset *a)
{
	struct lset l = { a->kind, 0, 0, NULL };
	size_t i;

	for (i = 0; i < a->n; i++)
		lset_add(&l, a->v[i], strlen(a->v[i]));
	return l;
}

/* atom{n}: the atom n times over, while that stays exact. */
struct lset lset_repeat(struct lset atom, unsigned long n)
{
	struct lset r = lset_copy(&atom);
	unsigned long k;

	for (k = 1; k < n && atom.kind == L_EXACT; k++) {
		struct lset more = lset_copy(&atom);

		if (!lset_fits(&r, &more)) {
			lset_release(&more);
			break;
		}
		r = lset_concat(r, more);
	}
	if (k < n)
		r = lset_req(r);	/* only a prefix of the repeats */
	lset_release(&atom);
	return r;
}

