#include "match.h"
#include "rules.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/*
 * What a piece of a pattern tells about the text it matches:
 *   L_EXACT  it matches exactly one of the strings (folded to lowercase);
 *   L_REQ    every match holds at least one of the strings (none empty);
 *   L_ANY    nothing is known.
 */
enum lkind { L_ANY, L_REQ, L_EXACT };

struct lset {
	enum lkind kind;
	size_t n;
	size_t alloc;
	char **v;
};

#define MAX_EXACT 64	/* strings in an exact set before it becomes required */
#define MAX_REQ 256	/* strings in a required set before it becomes "any" */
#define MAX_LIT 32	/* bytes of one exact string */
#define MAX_AC_LIT 10	/* bytes of a string in the automaton */

/* In a string, a word boundary (\b): "\1kid" is "kid" after a non-word
 * character.  Only a boundary at either end next to an ASCII word character
 * is used, to drop "kid" in "skid"; others are left out of the literal. */
#define MARK '\1'

static int is_word(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '_';
}

/* How selective a string is: its characters, plus 2 for each usable
 * boundary. */
static size_t strength(const char *s)
{
	size_t len = strlen(s), b = 0, e = len, n = 0, i;

	while (b < e && s[b] == MARK)
		b++;
	while (e > b && s[e - 1] == MARK)
		e--;
	for (i = b; i < e; i++)
		n += s[i] != MARK;
	if (b > 0 && b < e && is_word((unsigned char)s[b]))
		n += 2;
	if (e < len && e > b && is_word((unsigned char)s[e - 1]))
		n += 2;
	return b < e ? n : 0;
}

static void ls_free(struct lset *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static struct lset ls_any(void)
{
	struct lset l = { L_ANY, 0, 0, NULL };

	return l;
}

/* Adds s[0, len) unless it is there (len <= MAX_LIT: ls_concat sees to it). */
static void ls_add(struct lset *l, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == len && memcmp(l->v[i], s, len) == 0)
			return;
	l->v = xgrow(l->v, sizeof(*l->v), l->n + 1, &l->alloc);
	l->v[l->n++] = xstrndup(s, len);
}

static struct lset ls_exact(const char *s, size_t len)
{
	struct lset l = { L_EXACT, 0, 0, NULL };

	ls_add(&l, s, len);
	return l;
}

/* An exact set read as a required one: "" in it means nothing is required. */
static struct lset ls_req(struct lset l)
{
	size_t i;

	if (l.kind != L_EXACT)
		return l;
	for (i = 0; i < l.n; i++)
		if (!strength(l.v[i])) {
			ls_free(&l);
			return ls_any();
		}
	l.kind = l.n ? L_REQ : L_ANY;
	return l;
}

static size_t ls_minlen(const struct lset *l)
{
	size_t i, m = (size_t)-1;

	for (i = 0; i < l->n; i++)
		if (strength(l->v[i]) < m)
			m = strength(l->v[i]);
	return m;
}

/* The more selective of two required sets: longer shortest string, then
 * fewer strings. */
static struct lset ls_better(struct lset a, struct lset b)
{
	size_t ma, mb;

	a = ls_req(a);
	b = ls_req(b);
	if (a.kind == L_ANY) {
		ls_free(&a);
		return b;
	}
	if (b.kind == L_ANY) {
		ls_free(&b);
		return a;
	}
	ma = ls_minlen(&a);
	mb = ls_minlen(&b);
	if (mb > ma || (mb == ma && b.n < a.n)) {
		ls_free(&a);
		return b;
	}
	ls_free(&b);
	return a;
}

/* Can the exact sets be joined and stay exact? */
static int ls_fits(const struct lset *a, const struct lset *b)
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

static struct lset ls_concat(struct lset a, struct lset b)
{
	struct lset r = { L_EXACT, 0, 0, NULL };
	size_t i, j;

	if (!ls_fits(&a, &b))
		return ls_better(a, b);
	for (i = 0; i < a.n; i++)
		for (j = 0; j < b.n; j++) {
			size_t la = strlen(a.v[i]), lb = strlen(b.v[j]);
			char tmp[2 * MAX_LIT + 1];

			memcpy(tmp, a.v[i], la);
			if (la && lb && a.v[i][la - 1] == MARK && b.v[j][0] == MARK)
				la--;
			memcpy(tmp + la, b.v[j], lb);
			ls_add(&r, tmp, la + lb);
		}
	ls_free(&a);
	ls_free(&b);
	return r;
}

static struct lset ls_alt(struct lset a, struct lset b)
{
	size_t i;

	if (!(a.kind == L_EXACT && b.kind == L_EXACT && a.n + b.n <= MAX_EXACT)) {
		a = ls_req(a);
		b = ls_req(b);
		if (a.kind == L_ANY || b.kind == L_ANY || a.n + b.n > MAX_REQ) {
			ls_free(&a);
			ls_free(&b);
			return ls_any();
		}
	}
	for (i = 0; i < b.n; i++)
		ls_add(&a, b.v[i], strlen(b.v[i]));
	ls_free(&b);
	return a;
}

/* ---- reading a pattern ---- */

struct reader {
	const unsigned char *p;
	const unsigned char *end;
	int fail;	/* syntax the reader does not know: no literals */
};

static int at(const struct reader *r, size_t k)
{
	return r->p + k < r->end ? r->p[k] : -1;
}

static int is_alnum_c(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static unsigned char fold(int c)
{
	return (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* Skips one UTF-8 character (the pattern is valid UTF-8: it compiled). */
static void skip_char(struct reader *r)
{
	r->p++;
	while (r->p < r->end && (*r->p & 0xC0) == 0x80)
		r->p++;
}

/* \p{..}, \P{..}, \pL: skips it after the 'p'. */
static void skip_property(struct reader *r)
{
	if (at(r, 0) == '{') {
		while (r->p < r->end && *r->p != '}')
			r->p++;
		if (r->p >= r->end)
			r->fail = 1;
		else
			r->p++;
	} else if (r->p < r->end) {
		skip_char(r);
	} else {
		r->fail = 1;
	}
}

/* One member of a class, or the end of a range; r->p is on it.  Returns the
 * byte, -2 for "anything" (\d, non-ASCII...), or -1 on failure. */
static int class_member(struct reader *r)
{
	int c = at(r, 0);

	if (c < 0)
		return -1;
	if (c >= 0x80) {
		skip_char(r);
		return -2;
	}
	if (c != '\\') {
		r->p++;
		return c ? c : -1;
	}
	c = at(r, 1);
	r->p += 2;
	if (c < 0)
		return -1;
	if (c >= 0x80) {
		r->p--;
		skip_char(r);
		return -2;
	}
	if (!is_alnum_c(c))
		return c;
	switch (c) {
	case 'n': return '\n';
	case 't': return '\t';
	case 'r': return '\r';
	case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
	case 'h': case 'H': case 'v': case 'V':
		return -2;
	case 'p': case 'P':
		skip_property(r);
		return r->fail ? -1 : -2;
	default:
		return -1;
	}
}

/* [...]: r->p is past the '['. */
static struct lset read_class(struct reader *r)
{
	unsigned char set[128];
	int any = 0, neg = 0, first = 1, lo, hi, c;
	struct lset l = { L_EXACT, 0, 0, NULL };
	unsigned n = 0;

	memset(set, 0, sizeof(set));
	if (at(r, 0) == '^') {
		neg = 1;
		r->p++;
	}
	for (;;) {
		c = at(r, 0);
		if (c < 0) {
			r->fail = 1;
			return ls_any();
		}
		if (c == ']' && !first) {
			r->p++;
			break;
		}
		first = 0;
		if (c == '[' && at(r, 1) == ':') {
			const unsigned char *q = r->p + 2;

			while (q + 1 < r->end && !(q[0] == ':' && q[1] == ']'))
				q++;
			if (q + 1 >= r->end) {
				r->fail = 1;
				return ls_any();
			}
			r->p = q + 2;
			any = 1;
			continue;
		}
		if (c == ']') {
			r->p++;
			lo = ']';
		} else {
			lo = class_member(r);
		}
		if (lo == -1) {
			r->fail = 1;
			return ls_any();
		}
		if (at(r, 0) == '-' && at(r, 1) >= 0 && at(r, 1) != ']') {
			r->p++;
			hi = class_member(r);
			if (hi == -1 || lo == -2 || hi == -2) {
				if (hi == -1) {
					r->fail = 1;
					return ls_any();
				}
				any = 1;
				continue;
			}
			if (hi < lo) {
				r->fail = 1;
				return ls_any();
			}
			for (; lo <= hi; lo++)
				set[fold(lo) & 0x7F] = 1;
			continue;
		}
		if (lo == -2)
			any = 1;
		else
			set[fold(lo)] = 1;
	}
	if (neg || any)
		return ls_any();
	for (c = 1; c < 128; c++)
		n += set[c];
	if (n > 16)
		return ls_any();
	for (c = 1; c < 128; c++)
		if (set[c]) {
			char ch = (char)c;

			ls_add(&l, &ch, 1);
		}
	return l;
}

/* An escape outside a class: r->p is on the '\'. */
static struct lset read_escape(struct reader *r)
{
	int c = at(r, 1);
	char ch;

	r->p += 2;
	if (c < 0 || c == 0) {
		r->fail = 1;
		return ls_any();
	}
	if (c >= 0x80) {
		r->p--;
		skip_char(r);
		return ls_any();
	}
	if (!is_alnum_c(c)) {
		ch = (char)c;
		return ls_exact(&ch, 1);
	}
	switch (c) {
	case 'n': ch = '\n'; return ls_exact(&ch, 1);
	case 't': ch = '\t'; return ls_exact(&ch, 1);
	case 'r': ch = '\r'; return ls_exact(&ch, 1);
	case 'b':
		ch = MARK;
		return ls_exact(&ch, 1);
	case 'B': case 'A': case 'z': case 'Z': case 'G': case 'K':
		return ls_exact("", 0);
	case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
	case 'h': case 'H': case 'v': case 'V': case 'R': case 'X':
		return ls_any();
	case 'N':
		if (at(r, 0) == '{') {
			r->fail = 1;
		}
		return ls_any();
	case 'p': case 'P':
		skip_property(r);
		return ls_any();
	default:
		r->fail = 1;
		return ls_any();
	}
}

static struct lset read_alt(struct reader *r, unsigned depth);

/* (...): r->p is past the '('. */
static struct lset read_group(struct reader *r, unsigned depth)
{
	int zero_width = 0;
	struct lset l;

	if (at(r, 0) == '*') {
		r->fail = 1;
		return ls_any();
	}
	if (at(r, 0) == '?') {
		int c = at(r, 1);

		if (c == ':' || c == '>' || c == '|') {
			r->p += 2;
		} else if (c == '=' || c == '!') {
			r->p += 2;
			zero_width = 1;
		} else if (c == '<' && (at(r, 2) == '=' || at(r, 2) == '!')) {
			r->p += 3;
			zero_width = 1;
		} else if (c == '#') {
			while (r->p < r->end && *r->p != ')')
				r->p++;
			if (r->p >= r->end) {
				r->fail = 1;
				return ls_any();
			}
			r->p++;
			return ls_exact("", 0);
		} else if (c == '<' || c == '\'' || (c == 'P' && at(r, 2) == '<')) {
			int close = c == '\'' ? '\'' : '>';

			r->p += c == 'P' ? 3 : 2;
			if (!(at(r, 0) >= 0 && (is_alnum_c(at(r, 0)) || at(r, 0) == '_'))) {
				r->fail = 1;
				return ls_any();
			}
			while (r->p < r->end && (is_alnum_c(*r->p) || *r->p == '_'))
				r->p++;
			if (at(r, 0) != close) {
				r->fail = 1;
				return ls_any();
			}
			r->p++;
		} else {
			/* option settings: (?i) (?-i) (?i:...) ; x (extended) is not read */
			r->p++;
			while (r->p < r->end && strchr("imsnUJ-^", *r->p) && *r->p)
				r->p++;
			if (at(r, 0) == ')') {
				r->p++;
				return ls_exact("", 0);
			}
			if (at(r, 0) != ':') {
				r->fail = 1;
				return ls_any();
			}
			r->p++;
		}
	}
	l = read_alt(r, depth + 1);
	if (r->fail)
		return l;
	if (at(r, 0) != ')') {
		r->fail = 1;
		return l;
	}
	r->p++;
	if (zero_width) {
		ls_free(&l);
		return ls_exact("", 0);
	}
	return l;
}

static int read_number(struct reader *r, unsigned long *v)
{
	if (!(at(r, 0) >= '0' && at(r, 0) <= '9'))
		return -1;
	*v = 0;
	while (at(r, 0) >= '0' && at(r, 0) <= '9') {
		if (*v < 100000)
			*v = *v * 10 + (unsigned long)(*r->p - '0');
		r->p++;
	}
	return 0;
}

/* A quantifier after an atom, if there is one. */
static struct lset read_quantifier(struct reader *r, struct lset atom)
{
	unsigned long lo, hi;
	int c = at(r, 0);

	if (c == '?') {
		lo = 0;
		hi = 1;
		r->p++;
	} else if (c == '*') {
		lo = 0;
		hi = 2;
		r->p++;
	} else if (c == '+') {
		lo = 1;
		hi = 2;
		r->p++;
	} else if (c == '{') {
		r->p++;
		if (read_number(r, &lo) < 0) {
			r->fail = 1;
			return atom;
		}
		hi = lo;
		if (at(r, 0) == ',') {
			r->p++;
			hi = 2;
			if (at(r, 0) >= '0' && at(r, 0) <= '9' && read_number(r, &hi) < 0) {
				r->fail = 1;
				return atom;
			}
			if (hi < 2)
				hi = 2;
		}
		if (at(r, 0) != '}') {
			r->fail = 1;
			return atom;
		}
		r->p++;
	} else {
		return atom;
	}
	if (at(r, 0) == '?' || at(r, 0) == '+')
		r->p++;
	if (at(r, 0) == '?' || at(r, 0) == '*' || at(r, 0) == '+' || at(r, 0) == '{') {
		r->fail = 1;
		return atom;
	}
	if (lo == 0 && hi == 1)
		return ls_alt(atom, ls_exact("", 0));
	if (lo == 0) {
		ls_free(&atom);
		return ls_any();
	}
	if (lo == 1 && hi == 1)
		return atom;
	return ls_req(atom);
}

/*
 * A sequence: runs of exact pieces are joined; the best required set of
 * the runs and of the other pieces is kept.  So "r[eé]sum[eé]" gives
 * "sum", not just "r".
 */
static struct lset read_seq(struct reader *r, unsigned depth)
{
	struct lset cur = ls_exact("", 0), best = ls_any();
	int exact = 1;

	while (!r->fail && r->p < r->end && *r->p != '|' && *r->p != ')') {
		int c = *r->p;
		struct lset atom;
		char ch;

		if (c == '(') {
			r->p++;
			atom = read_group(r, depth);
		} else if (c == '[') {
			r->p++;
			atom = read_class(r);
		} else if (c == '\\') {
			atom = read_escape(r);
		} else if (c == '^' || c == '$') {
			r->p++;
			atom = ls_exact("", 0);
		} else if (c == '.') {
			r->p++;
			atom = ls_any();
		} else if (c == '?' || c == '*' || c == '+' || c == '{' ||
			   (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
			r->fail = 1;
			break;
		} else if (c >= 0x80) {
			skip_char(r);
			atom = ls_any();
		} else {
			r->p++;
			ch = (char)fold(c);
			atom = ls_exact(&ch, 1);
		}
		if (r->fail) {
			ls_free(&atom);
			break;
		}
		atom = read_quantifier(r, atom);
		if (ls_fits(&cur, &atom)) {
			cur = ls_concat(cur, atom);
			continue;
		}
		exact = 0;
		best = ls_better(best, cur);
		if (atom.kind == L_EXACT) {
			cur = atom;
		} else {
			best = ls_better(best, atom);
			cur = ls_exact("", 0);
		}
	}
	if (exact) {
		ls_free(&best);
		return cur;
	}
	return ls_better(best, cur);
}

static struct lset read_alt(struct reader *r, unsigned depth)
{
	struct lset l;

	if (depth > 200) {
		r->fail = 1;
		return ls_any();
	}
	l = read_seq(r, depth);
	while (!r->fail && at(r, 0) == '|') {
		r->p++;
		l = ls_alt(l, read_seq(r, depth));
	}
	return l;
}

/* The required set of a whole pattern, or L_ANY. */
static struct lset pattern_literals(const char *pat, size_t len)
{
	struct reader r;
	struct lset l;

	r.p = (const unsigned char *)pat;
	r.end = r.p + len;
	r.fail = 0;
	l = read_alt(&r, 0);
	if (r.fail || r.p != r.end) {
		ls_free(&l);
		return ls_any();
	}
	return ls_req(l);
}

size_t match_pattern_literals(const char *pat, size_t len, char *out, size_t cap,
			      size_t *outlen)
{
	struct lset l = pattern_literals(pat, len);
	size_t i, n = l.n;

	for (i = 0; i < l.n; i++) {
		size_t k = strlen(l.v[i]) + 1;

		if (*outlen + k <= cap) {
			memcpy(out + *outlen, l.v[i], k);
			*outlen += k;
		}
	}
	ls_free(&l);
	return n;
}

/* ---- the automaton ---- */

struct lit {
	const char *s;
	size_t len;
	uint32_t rule;
	unsigned flags;
};

struct build {
	uint32_t *child;	/* nstates * nclass, UINT32_MAX: none */
	size_t nstates;
	size_t alloc;
	struct match_out **outs;	/* per state */
	size_t *nouts;
	size_t *aouts;
	unsigned nclass;
};

static uint32_t new_state(struct build *b)
{
	size_t a = b->alloc, a2 = b->alloc, a3 = b->alloc, i;

	if (b->nstates + 1 > b->alloc) {
		b->child = xgrow(b->child, sizeof(*b->child) * b->nclass, b->nstates + 1, &a);
		b->outs = xgrow(b->outs, sizeof(*b->outs), b->nstates + 1, &a2);
		b->nouts = xgrow(b->nouts, sizeof(*b->nouts), b->nstates + 1, &a3);
		b->aouts = xgrow(b->aouts, sizeof(*b->aouts), b->nstates + 1, &b->alloc);
	}
	for (i = 0; i < b->nclass; i++)
		b->child[b->nstates * b->nclass + i] = UINT32_MAX;
	b->outs[b->nstates] = NULL;
	b->nouts[b->nstates] = b->aouts[b->nstates] = 0;
	return (uint32_t)b->nstates++;
}

static void add_out(struct build *b, uint32_t s, struct match_out o)
{
	size_t i;

	for (i = 0; i < b->nouts[s]; i++)
		if (b->outs[s][i].rule == o.rule && b->outs[s][i].len == o.len &&
		    b->outs[s][i].flags == o.flags)
			return;
	b->outs[s] = xgrow(b->outs[s], sizeof(**b->outs), b->nouts[s] + 1, &b->aouts[s]);
	b->outs[s][b->nouts[s]++] = o;
}

static void build_automaton(struct prefilter *pf, const struct lit *lits, size_t n)
{
	struct build b;
	uint32_t *fail, *queue;
	size_t i, k, head = 0, tail = 0, nout = 0;

	memset(&b, 0, sizeof(b));
	memset(pf->cls, 0, sizeof(pf->cls));
	pf->nclass = 1;
	for (i = 0; i < n; i++)
		for (k = 0; k < lits[i].len; k++) {
			unsigned char c = (unsigned char)lits[i].s[k];

			if (!pf->cls[c])
				pf->cls[c] = (unsigned char)pf->nclass++;
		}
	for (i = 'A'; i <= 'Z'; i++)
		pf->cls[i] = pf->cls[i + 32];
	b.nclass = pf->nclass;
	new_state(&b);
	for (i = 0; i < n; i++) {
		uint32_t s = 0;

		for (k = 0; k < lits[i].len; k++) {
			unsigned c = pf->cls[(unsigned char)lits[i].s[k]];
			uint32_t *t = &b.child[(size_t)s * b.nclass + c];

			if (*t == UINT32_MAX) {
				uint32_t ns = new_state(&b);

				t = &b.child[(size_t)s * b.nclass + c];
				*t = ns;
			}
			s = *t;
		}
		{
			struct match_out o;

			o.rule = lits[i].rule;
			o.len = (uint16_t)lits[i].len;
			o.flags = (uint16_t)lits[i].flags;
			add_out(&b, s, o);
		}
	}
	/* breadth first: fill the missing moves and merge the outputs along
	 * the failure links */
	fail = xcalloc(b.nstates, sizeof(*fail));
	queue = xcalloc(b.nstates, sizeof(*queue));
	for (k = 0; k < b.nclass; k++) {
		uint32_t *t = &b.child[k];

		if (k == 0 || *t == UINT32_MAX) {
			*t = 0;
		} else {
			fail[*t] = 0;
			queue[tail++] = *t;
		}
	}
	while (head < tail) {
		uint32_t s = queue[head++];

		for (i = 0; i < b.nouts[fail[s]]; i++)
			add_out(&b, s, b.outs[fail[s]][i]);
		for (k = 0; k < b.nclass; k++) {
			uint32_t *t = &b.child[(size_t)s * b.nclass + k];
			uint32_t f = b.child[(size_t)fail[s] * b.nclass + k];

			if (*t == UINT32_MAX) {
				*t = f;
			} else {
				fail[*t] = f;
				queue[tail++] = *t;
			}
		}
	}
	free(fail);
	free(queue);

	pf->nstates = b.nstates;
	pf->delta = b.child;
	pf->out_off = xcalloc(b.nstates + 1, sizeof(*pf->out_off));
	for (i = 0; i < b.nstates; i++)
		nout += b.nouts[i];
	pf->out = xcalloc(nout ? nout : 1, sizeof(*pf->out));
	nout = 0;
	for (i = 0; i < b.nstates; i++) {
		pf->out_off[i] = (uint32_t)nout;
		if (b.nouts[i])
			memcpy(pf->out + nout, b.outs[i], b.nouts[i] * sizeof(*pf->out));
		nout += b.nouts[i];
		free(b.outs[i]);
	}
	pf->out_off[b.nstates] = (uint32_t)nout;
	free(b.outs);
	free(b.nouts);
	free(b.aouts);
}

/* Takes the boundary marks out of s, in place; returns the MATCH_BOUND_*
 * flags of those at either end next to a word character. */
static unsigned strip_marks(char *s)
{
	size_t len = strlen(s), b = 0, e = len, i, j = 0;
	unsigned flags = 0;

	while (b < e && s[b] == MARK)
		b++;
	while (e > b && s[e - 1] == MARK)
		e--;
	if (b > 0 && b < e && is_word((unsigned char)s[b]))
		flags |= MATCH_BOUND_BEFORE;
	if (e < len && e > b && is_word((unsigned char)s[e - 1]))
		flags |= MATCH_BOUND_AFTER;
	for (i = b; i < e; i++)
		if (s[i] != MARK)
			s[j++] = s[i];
	s[j] = '\0';
	return flags;
}

void match_init(struct prefilter *pf, const struct ruleset *rs)
{
	struct lset *sets = xcalloc(rs->n ? rs->n : 1, sizeof(*sets));
	struct lit *lits = NULL;
	size_t nlits = 0, alits = 0, aalways = 0, i, k;
	static const char kelvin[] = "\xE2\x84\xAA", long_s[] = "\xC5\xBF";

	memset(pf, 0, sizeof(*pf));
	pf->nrules = rs->n;
	for (i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->v[i];

		if (!r->re)
			continue;	/* never run */
		sets[i] = pattern_literals(r->pattern, r->pattern_len);
		if (sets[i].kind == L_ANY) {
			pf->always = xgrow(pf->always, sizeof(*pf->always), pf->nalways + 1, &aalways);
			pf->always[pf->nalways++] = (uint32_t)i;
			continue;
		}
		for (k = 0; k < sets[i].n; k++) {
			lits = xgrow(lits, sizeof(*lits), nlits + 1, &alits);
			lits[nlits].flags = strip_marks(sets[i].v[k]);
			lits[nlits].s = sets[i].v[k];
			lits[nlits].len = strlen(sets[i].v[k]);
			/* a prefix of a required string is required too: shorter
			 * strings make a smaller automaton */
			if (lits[nlits].len > MAX_AC_LIT) {
				lits[nlits].len = MAX_AC_LIT;
				lits[nlits].flags &= ~(unsigned)MATCH_BOUND_AFTER;
			}
			lits[nlits].rule = (uint32_t)i;
			nlits++;
		}
	}
	pf->nliterals = nlits;
	/* PCRE2 matches these caselessly with 'k' and 's': every rule may match */
	lits = xgrow(lits, sizeof(*lits), nlits + 2, &alits);
	lits[nlits].s = kelvin;
	lits[nlits].len = 3;
	lits[nlits].flags = 0;
	lits[nlits++].rule = (uint32_t)rs->n;
	lits[nlits].s = long_s;
	lits[nlits].len = 2;
	lits[nlits].flags = 0;
	lits[nlits++].rule = (uint32_t)rs->n;
	build_automaton(pf, lits, nlits);
	free(lits);
	for (i = 0; i < rs->n; i++)
		ls_free(&sets[i]);
	free(sets);
}

void match_release(struct prefilter *pf)
{
	free(pf->delta);
	free(pf->out_off);
	free(pf->out);
	free(pf->always);
	memset(pf, 0, sizeof(*pf));
}

void match_set_init(struct match_set *m, const struct prefilter *pf)
{
	m->nwords = pf->nrules / 64 + 1;
	m->bits = xcalloc(m->nwords, sizeof(*m->bits));
}

void match_set_release(struct match_set *m)
{
	free(m->bits);
	memset(m, 0, sizeof(*m));
}

void match_scan(const struct prefilter *pf, const char *s, size_t len, struct match_set *m)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len, *start = p;
	const uint32_t *delta = pf->delta, *off = pf->out_off;
	size_t nclass = pf->nclass, i;
	uint32_t st = 0;

#ifdef MATCH_EVERY_RULE
	/* reference build (equivalence checks): no prefilter at all */
	(void)p; (void)end; (void)start; (void)delta; (void)off; (void)nclass; (void)i; (void)st;
	memset(m->bits, 0xFF, m->nwords * sizeof(*m->bits));
	return;
#endif
	memset(m->bits, 0, m->nwords * sizeof(*m->bits));
	for (i = 0; i < pf->nalways; i++)
		m->bits[pf->always[i] / 64] |= (uint64_t)1 << (pf->always[i] % 64);
	for (; p < end; p++) {
		st = delta[(size_t)st * nclass + pf->cls[*p]];
		if (off[st] != off[st + 1]) {
			uint32_t k;

			for (k = off[st]; k < off[st + 1]; k++) {
				const struct match_out *o = &pf->out[k];
				uint64_t bit = (uint64_t)1 << (o->rule % 64);

				if (m->bits[o->rule / 64] & bit)
					continue;
				if (o->rule == pf->nrules) {
					memset(m->bits, 0xFF, m->nwords * sizeof(*m->bits));
					return;
				}
				/* \b under UCP: an ASCII word character next to the
				 * literal rules it out; anything else may be a boundary */
				if ((o->flags & MATCH_BOUND_BEFORE) && p + 1 - o->len > start &&
				    is_word(p[-(ptrdiff_t)o->len]))
					continue;
				if ((o->flags & MATCH_BOUND_AFTER) && p + 1 < end && is_word(p[1]))
					continue;
				m->bits[o->rule / 64] |= bit;
			}
		}
	}
}
