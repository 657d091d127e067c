#include "literal.h"
#include "lset.h"
#include "util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	const unsigned char *p;
	const unsigned char *end;
	int fail;	/* syntax the reader does not know: no literals */
	int digits;	/* \d was read as [0-9] */
};

/*
 * The length of the UTF-8 character at p if it is one a literal may hold:
 * one with no other case, so that PCRE2's caseless matching cannot match
 * it with different bytes.  Latin-1 symbols (but U+00B5 MICRO SIGN, which
 * folds to Greek mu), general punctuation (curly quotes, dashes), currency
 * signs, arrows, mathematical and technical symbols, box drawing, shapes,
 * dingbats and emoji.  0 for anything else: letters may have other cases.
 */
static size_t safe_char(const unsigned char *p, const unsigned char *end)
{
	size_t n = end - p;
	unsigned long cp;

	if (n >= 2 && p[0] == 0xC2 && p[1] >= 0xA0 && p[1] <= 0xBF && p[1] != 0xB5)
		return 2;
	if (n >= 2 && p[0] == 0xC3 && (p[1] == 0x97 || p[1] == 0xB7))	/* × ÷ */
		return 2;
	if (n >= 3 && (p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		cp = ((unsigned long)(p[0] & 0x0F) << 12) | ((unsigned long)(p[1] & 0x3F) << 6) |
		     (p[2] & 0x3F);
		if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) ||
		    (cp >= 0x2190 && cp <= 0x23FF) || (cp >= 0x2500 && cp <= 0x27BF))
			return 3;
		return 0;
	}
	if (n >= 4 && p[0] == 0xF0 && p[1] == 0x9F && (p[2] & 0xC0) == 0x80 &&
	    (p[3] & 0xC0) == 0x80) {
		cp = ((unsigned long)(p[1] & 0x3F) << 12) | ((unsigned long)(p[2] & 0x3F) << 6) |
		     (p[3] & 0x3F);
		cp |= 0x10000;
		if (cp >= 0x1F300 && cp <= 0x1FAFF)
			return 4;
	}
	return 0;
}

static int at(const struct reader *r, size_t k)
{
	return r->p + k < r->end ? r->p[k] : -1;
}

static int is_alnum_c(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Letters to lowercase, digits to '0'. */
static unsigned char fold(int c)
{
	if (c >= '0' && c <= '9')
		return '0';
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

enum { M_FAIL = -1, M_ANY = -2, M_DIGIT = -3, M_CHAR = -4 };

/* One member of a class, or the end of a range; r->p is on it.  Returns the
 * byte; M_DIGIT for \d; M_CHAR for a non-ASCII character a literal may hold
 * (*mb, *mblen); M_ANY for anything else (\w, letters with other cases...);
 * M_FAIL on failure. */
static int class_member(struct reader *r, const unsigned char **mb, size_t *mblen)
{
	int c = at(r, 0);

	if (c < 0)
		return M_FAIL;
	if (c >= 0x80) {
		*mb = r->p;
		*mblen = safe_char(r->p, r->end);
		skip_char(r);
		return *mblen ? M_CHAR : M_ANY;
	}
	if (c != '\\') {
		r->p++;
		return c ? c : -1;
	}
	c = at(r, 1);
	r->p += 2;
	if (c < 0)
		return M_FAIL;
	if (c >= 0x80) {
		r->p--;
		*mb = r->p;
		*mblen = safe_char(r->p, r->end);
		skip_char(r);
		return *mblen ? M_CHAR : M_ANY;
	}
	if (!is_alnum_c(c))
		return c;
	switch (c) {
	case 'n': return '\n';
	case 't': return '\t';
	case 'r': return '\r';
	case 'd':
		return M_DIGIT;
	case 'D': case 'w': case 'W': case 's': case 'S':
	case 'h': case 'H': case 'v': case 'V':
		return M_ANY;
	case 'p': case 'P':
		skip_property(r);
		return r->fail ? M_FAIL : M_ANY;
	default:
		return M_FAIL;
	}
}

/*
 * Where a POSIX class ("[:alpha:]") that starts at r->p ends (past its
 * ":]"), or NULL when it is none.  PCRE2's own test (check_posix_syntax):
 * the ":]" must come before any ']' or "[:" (a backslash before ']' or
 * another backslash skips it);
 * otherwise "[:" are two ordinary members and the class may end at the
 * next ']' ("[[:x]|y" is a class, then "|y").
 */
static const unsigned char *posix_end(const struct reader *r)
{
	const unsigned char *q = r->p + 2;

	for (; r->end - q >= 2; q++) {
		if (q[0] == '\\' && (q[1] == ']' || q[1] == '\\'))
			q++;
		else if ((q[0] == '[' && q[1] == ':') || q[0] == ']')
			return NULL;
		else if (q[0] == ':' && q[1] == ']')
			return q + 2;
	}
	return NULL;
}

/* [...]: r->p is past the '['. */
static struct lset read_class(struct reader *r)
{
	unsigned char set[128];
	int any = 0, neg = 0, first = 1, lo, hi, c;
	struct lset l = { L_EXACT, 0, 0, NULL }, wide = { L_EXACT, 0, 0, NULL };
	const unsigned char *mb = NULL;
	size_t mblen = 0;
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
			break;
		}
		if (c == ']' && !first) {
			r->p++;
			break;
		}
		first = 0;
		if (c == '[' && at(r, 1) == ':') {
			const unsigned char *q = posix_end(r);

			if (q) {
				r->p = q;
				any = 1;
				continue;
			}
			/* else the '[' is an ordinary member, as for PCRE2 */
		}
		if (c == ']') {
			r->p++;
			lo = ']';
		} else {
			lo = class_member(r, &mb, &mblen);
		}
		if (lo == M_FAIL) {
			r->fail = 1;
			break;
		}
		if (at(r, 0) == '-' && at(r, 1) >= 0 && at(r, 1) != ']') {
			r->p++;
			hi = class_member(r, &mb, &mblen);
			if (hi == M_FAIL) {
				r->fail = 1;
				break;
			}
			if (lo < 0 || hi < 0) {	/* ranges of non-ASCII, \d-x */
				any = 1;
				continue;
			}
			if (hi < lo) {
				r->fail = 1;
				break;
			}
			for (; lo <= hi; lo++)
				set[fold(lo) & 0x7F] = 1;
			continue;
		}
		if (lo == M_DIGIT) {
			set['0'] = 1;
			r->digits = 1;
		} else if (lo == M_CHAR) {
			lset_add(&wide, (const char *)mb, mblen);
		} else if (lo == M_ANY) {
			any = 1;
		} else {
			set[fold(lo)] = 1;
		}
	}
	if (r->fail || neg || any) {
		lset_release(&wide);
		return lset_any();
	}
	for (c = 1; c < 128; c++)
		n += set[c];
	if (n + wide.n > 16) {
		lset_release(&wide);
		return lset_any();
	}
	for (c = 1; c < 128; c++)
		if (set[c]) {
			char ch = (char)c;

			lset_add(&l, &ch, 1);
		}
	return lset_alt(l, wide);
}

/* An escape outside a class: r->p is on the '\'. */
static struct lset read_escape(struct reader *r)
{
	int c = at(r, 1);
	char ch;

	r->p += 2;
	if (c < 0 || c == 0) {
		r->fail = 1;
		return lset_any();
	}
	if (c >= 0x80) {
		const unsigned char *q = --r->p;
		size_t n = safe_char(q, r->end);

		skip_char(r);
		return n ? lset_exact((const char *)q, n) : lset_any();
	}
	if (!is_alnum_c(c)) {
		ch = (char)c;
		return lset_exact(&ch, 1);
	}
	switch (c) {
	case 'n': ch = '\n'; return lset_exact(&ch, 1);
	case 't': ch = '\t'; return lset_exact(&ch, 1);
	case 'r': ch = '\r'; return lset_exact(&ch, 1);
	case 'b':
		ch = LIT_MARK;
		return lset_exact(&ch, 1);
	case 'B': case 'A': case 'z': case 'Z': case 'G': case 'K':
		return lset_exact("", 0);
	case 'd':
		r->digits = 1;
		return lset_exact("0", 1);
	case 'D': case 'w': case 'W': case 's': case 'S':
	case 'h': case 'H': case 'v': case 'V': case 'R': case 'X':
		return lset_any();
	case 'N':
		if (at(r, 0) == '{') {
			r->fail = 1;
		}
		return lset_any();
	case 'p': case 'P':
		skip_property(r);
		return lset_any();
	default:
		r->fail = 1;
		return lset_any();
	}
}

static struct lset read_alt(struct reader *r, unsigned depth);

/* Skips (?#...) comments at r->p.  PCRE2 reads past them as if they were
 * not there: a quantifier after one applies to the item before it
 * ("chat(?#x)?ter" matches "chater"), and a '?' or '+' after one makes
 * the quantifier before it lazy or possessive. */
static void skip_comments(struct reader *r)
{
	while (at(r, 0) == '(' && at(r, 1) == '?' && at(r, 2) == '#') {
		while (r->p < r->end && *r->p != ')')
			r->p++;
		if (r->p >= r->end) {
			r->fail = 1;
			return;
		}
		r->p++;
	}
}

/*
 * "(?<!\w)" or "(?!\w)" at r->p (past the '('): reads it and returns 1.
 * Either is read as \b, whose mark is only used next to a word character
 * of the literal, as here: no word character before "(?<!\w)the" is what
 * \b says before "the"; one before "x(?<!\w)" cannot be, so such a
 * pattern never matches and any set is right for it.  Like \b, \w is
 * Unicode's under UCP; prefilter.c only rules out ASCII word characters.
 */
static int word_assertion(struct reader *r)
{
	static const char behind[] = "?<!\\w)", ahead[] = "?!\\w)";
	size_t n = (size_t)(r->end - r->p);

	if (n >= sizeof(behind) - 1 && memcmp(r->p, behind, sizeof(behind) - 1) == 0) {
		r->p += sizeof(behind) - 1;
		return 1;
	}
	if (n >= sizeof(ahead) - 1 && memcmp(r->p, ahead, sizeof(ahead) - 1) == 0) {
		r->p += sizeof(ahead) - 1;
		return 1;
	}
	return 0;
}

/* (...): r->p is past the '('. */
static struct lset read_group(struct reader *r, unsigned depth)
{
	int zero_width = 0;
	struct lset l;

	if (at(r, 0) == '*') {
		r->fail = 1;
		return lset_any();
	}
	if (at(r, 0) == '?') {
		int c = at(r, 1);

		if (c == ':' || c == '>' || c == '|') {
			r->p += 2;
		} else if (word_assertion(r)) {
			char ch = LIT_MARK;

			return lset_exact(&ch, 1);
		} else if (c == '=' || c == '!') {
			r->p += 2;
			zero_width = 1;
		} else if (c == '<' && (at(r, 2) == '=' || at(r, 2) == '!')) {
			r->p += 3;
			zero_width = 1;
		} else if (c == '#') {
			/* a comment first in a sequence: a quantifier after it is
			 * an error for PCRE2, so it stands for nothing here */
			r->p--;
			skip_comments(r);
			return lset_exact("", 0);
		} else if (c == '<' || c == '\'' || (c == 'P' && at(r, 2) == '<')) {
			int close = c == '\'' ? '\'' : '>';

			r->p += c == 'P' ? 3 : 2;
			if (!(at(r, 0) >= 0 && (is_alnum_c(at(r, 0)) || at(r, 0) == '_'))) {
				r->fail = 1;
				return lset_any();
			}
			while (r->p < r->end && (is_alnum_c(*r->p) || *r->p == '_'))
				r->p++;
			if (at(r, 0) != close) {
				r->fail = 1;
				return lset_any();
			}
			r->p++;
		} else {
			/* option settings: (?i) (?-i) (?i:...) ; x (extended) is not read */
			r->p++;
			while (r->p < r->end && strchr("imsnUJ-^", *r->p) && *r->p)
				r->p++;
			if (at(r, 0) == ')') {
				r->p++;
				return lset_exact("", 0);
			}
			if (at(r, 0) != ':') {
				r->fail = 1;
				return lset_any();
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
		lset_release(&l);
		return lset_exact("", 0);
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

/* A quantifier after an atom, if there is one.  *open: the result is
 * exact, but only as a prefix (x{2,}: "xx" and more may follow). */
static struct lset read_quantifier(struct reader *r, struct lset atom, int *open)
{
	unsigned long lo, hi;
	int c;

	skip_comments(r);
	c = at(r, 0);
	if (r->fail)
		return atom;
	if (c == '?') {
		lo = 0;
		hi = 1;
		r->p++;
	} else if (c == '*') {
		lo = 0;
		hi = ULONG_MAX;
		r->p++;
	} else if (c == '+') {
		lo = 1;
		hi = ULONG_MAX;
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
			hi = ULONG_MAX;
			if (at(r, 0) >= '0' && at(r, 0) <= '9' && read_number(r, &hi) < 0) {
				r->fail = 1;
				return atom;
			}
			if (hi < lo) {	/* PCRE2 refuses it */
				r->fail = 1;
				return atom;
			}
		}
		if (at(r, 0) != '}') {
			r->fail = 1;
			return atom;
		}
		r->p++;
	} else {
		return atom;
	}
	skip_comments(r);
	if (at(r, 0) == '?' || at(r, 0) == '+')
		r->p++;
	skip_comments(r);
	if (r->fail || at(r, 0) == '?' || at(r, 0) == '*' || at(r, 0) == '+' || at(r, 0) == '{') {
		r->fail = 1;
		return atom;
	}
	if (lo == 0 && hi == 1)
		return lset_alt(atom, lset_exact("", 0));
	if (lo == 0) {
		lset_release(&atom);
		return lset_any();
	}
	atom = lset_repeat(atom, lo);
	if (lo != hi && atom.kind == L_EXACT)
		*open = 1;
	return atom;
}

/* The required set of a run of exact pieces that ends: marked as what the
 * sequence's matches start with if it is its first run. */
static struct lset run_end(struct lset run, int first)
{
	return first ? lset_head(run) : lset_req(run);
}

/*
 * A sequence: runs of exact pieces are joined; the best required set of
 * the runs and of the other pieces is kept.  So "r[eé]sum[eé]" gives
 * "sum", not just "r".  A run is also joined to the strings a required
 * piece after it starts with: "\bthe\w*" gives "\bthe", and
 * "(?<!\w)(?:the\w*|work)" gives "\bthe" and "\bwork".
 */
static struct lset read_seq(struct reader *r, unsigned depth)
{
	struct lset cur = lset_exact("", 0), best = lset_any();
	int exact = 1, open;	/* exact: no run has ended, cur starts the sequence */

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
			atom = lset_exact("", 0);
		} else if (c == '.') {
			r->p++;
			atom = lset_any();
		} else if (c == '?' || c == '*' || c == '+' || c == '{' ||
			   (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
			r->fail = 1;
			break;
		} else if (c >= 0x80) {
			size_t n = safe_char(r->p, r->end);

			atom = n ? lset_exact((const char *)r->p, n) : lset_any();
			skip_char(r);
		} else {
			r->p++;
			ch = (char)fold(c);
			atom = lset_exact(&ch, 1);
		}
		if (r->fail) {
			lset_release(&atom);
			break;
		}
		open = 0;
		atom = read_quantifier(r, atom, &open);
		if (open) {	/* joined to the run, which ends there */
			if (lset_fits(&cur, &atom)) {
				cur = lset_concat(cur, atom);
			} else {
				best = lset_better(best, run_end(cur, exact));
				exact = 0;
				cur = atom;
			}
			best = lset_better(best, run_end(cur, exact));
			exact = 0;
			cur = lset_exact("", 0);
			continue;
		}
		if (lset_fits(&cur, &atom)) {
			cur = lset_concat(cur, atom);
			continue;
		}
		if (atom.kind == L_REQ)
			best = lset_better(best, lset_join(&cur, atom, exact));
		best = lset_better(best, run_end(cur, exact));
		exact = 0;
		cur = atom.kind == L_EXACT ? atom : lset_exact("", 0);
	}
	if (exact) {
		lset_release(&best);
		return cur;
	}
	return lset_better(best, lset_req(cur));
}

static struct lset read_alt(struct reader *r, unsigned depth)
{
	struct lset l;

	if (depth > 200) {
		r->fail = 1;
		return lset_any();
	}
	l = read_seq(r, depth);
	while (!r->fail && at(r, 0) == '|') {
		r->p++;
		l = lset_alt(l, read_seq(r, depth));
	}
	return l;
}

/* The required set of a whole pattern, or L_ANY; *digits: \d was read
 * as [0-9]. */
static struct lset pattern_literals(const char *pat, size_t len, int *digits)
{
	struct reader r;
	struct lset l;

	r.p = (const unsigned char *)pat;
	r.end = r.p + len;
	r.fail = 0;
	r.digits = 0;
	l = read_alt(&r, 0);
	*digits = r.digits;
	if (r.fail || r.p != r.end) {
		lset_release(&l);
		return lset_any();
	}
	return lset_unhead(lset_req(l));
}

int literal_read(const char *pat, size_t len, struct litset *out)
{
	int digits;
	struct lset l = pattern_literals(pat, len, &digits);

	memset(out, 0, sizeof(*out));
	if (l.kind == L_ANY) {
		lset_release(&l);
		return 0;
	}
	out->n = l.n;
	out->v = l.v;
	out->ascii_digits = digits;
	return 1;
}

void litset_release(struct litset *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

size_t literal_strings(const char *pat, size_t len, char *out, size_t cap, size_t *outlen)
{
	struct litset l;
	size_t i;

	if (!literal_read(pat, len, &l))
		return 0;
	for (i = 0; i < l.n; i++) {
		size_t k = strlen(l.v[i]) + 1;

		if (*outlen + k <= cap) {
			memcpy(out + *outlen, l.v[i], k);
			*outlen += k;
		}
	}
	i = l.n;
	litset_release(&l);
	return i;
}
