/*
 * rules_print: the rule set written back out, as a rule file that reads
 * back to the same rules (--print-rules) and as one pattern a line
 * (--print-rules=patterns).  The API is in rules.h.
 *
 * Layer: labels.  Calls rules and the primitives.
 */
#include "rules.h"
#include "buf.h"
#include "esc.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The code point at s[0, len) and its length, or 0 for invalid UTF-8. */
static size_t code_point(const char *s, size_t len, unsigned long *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = utf8_seq_len(p, len), i;

	if (!n)
		return 0;
	*cp = n == 1 ? p[0] : n == 2 ? p[0] & 0x1Fu : n == 3 ? p[0] & 0x0Fu : p[0] & 0x07u;
	for (i = 1; i < n; i++)
		*cp = (*cp << 6) | (p[i] & 0x3Fu);
	return n;
}

/* What single quotes cannot carry: libyaml refuses non-printable
 * characters in a stream, folds line breaks (LF, CR, NEL, U+2028, U+2029)
 * and would take U+FEFF for a byte order mark. */
/* ... nor, so that printing the rules cannot drive a terminal, the
 * bidirectional controls (esc_is_bidi, which takes U+2028 and U+2029 too). */
static int needs_escape(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFEFF || cp == 0xFFFE ||
	       cp == 0xFFFF || esc_is_bidi(cp);
}

/* The length of a character at p[0, len) that must not reach a terminal
 * raw (a control but tab and line ends, DEL, C1, bidirectional controls,
 * the line and paragraph separators), or 0; *cp gets it. */
static size_t raw_unsafe(const char *p, size_t len, unsigned long *cp)
{
	size_t n = code_point(p, len, cp);

	if (!n || *cp == '\t' || *cp == '\n' || *cp == '\r' || *cp == 0)
		return 0;
	return needs_escape(*cp) && *cp != 0xFEFF && *cp != 0xFFFE && *cp != 0xFFFF ? n : 0;
}

static void put_dquoted(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, n;
	unsigned long cp;

	buf_addch(out, '"');
	while (i < len) {
		n = code_point(s + i, len - i, &cp);
		if (!n) {
			/* unreachable from a loaded rule file (libyaml and PCRE2
			 * refuse invalid UTF-8); keep the output valid YAML */
			buf_adds(out, "\\uFFFD");
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\') {
			buf_addch(out, '\\');
			buf_addch(out, (int)cp);
		} else if (cp == '\t') {
			buf_adds(out, "\\t");
		} else if (cp == '\n') {
			buf_adds(out, "\\n");
		} else if (cp == '\r') {
			buf_adds(out, "\\r");
		} else if (cp == 0) {
			buf_adds(out, "\\0");
		} else if (cp < 0x100 && needs_escape(cp)) {
			buf_addf(out, "\\x%02X", (unsigned)cp);
		} else if (needs_escape(cp)) {
			buf_addf(out, "\\u%04lX", cp);
		} else {
			buf_add(out, s + i, n);
		}
		i += n;
	}
	buf_addch(out, '"');
}

/* A YAML scalar that reads back as s[0, len) exactly. */
static void put_str(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, n;
	unsigned long cp;

	while (i < len) {
		n = code_point(s + i, len - i, &cp);
		if (!n || needs_escape(cp)) {
			put_dquoted(out, s, len);
			return;
		}
		i += n;
	}
	buf_addch(out, '\'');
	for (i = 0; i < len; i++) {
		if (s[i] == '\'')
			buf_addch(out, '\'');
		buf_addch(out, s[i]);
	}
	buf_addch(out, '\'');
}

/* Ids, categories and topics are plain when they are plainly safe: a
 * letter or digit, then letters, digits and "._-/" (no ':', '#' or white
 * space that would end the scalar), and not "null" in any case, which the
 * reader takes for no value (ynode_is_null; "~" and "" cannot start so). */
static void put_name(struct buf *out, const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!is_alnum((unsigned char)s[i]) && (!i || !strchr("._-/", s[i])))
			break;
	if (i && !s[i] && !span_ieq(s, i, "null"))
		buf_adds(out, s);
	else
		put_str(out, s, strlen(s));
}

/* The shortest decimal that reads back as w, without an exponent when
 * one is short enough. */
static void put_weight(struct buf *out, double w)
{
	char tmp[64];
	int prec;

	for (prec = 0; prec <= 20; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*f", prec, w);
		if (strtod(tmp, NULL) == w) {
			buf_adds(out, tmp);
			return;
		}
	}
	/* 17 significant digits always read back, subnormals too */
	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, w);
		if (strtod(tmp, NULL) == w)
			break;
	}
	buf_adds(out, tmp);
}

static void put_list(struct buf *out, const char *key, const struct strlist *l)
{
	size_t i;

	if (!l->n)
		return;
	buf_addf(out, "    %s:\n", key);
	for (i = 0; i < l->n; i++) {
		buf_adds(out, "      - ");
		put_str(out, l->v[i], strlen(l->v[i]));
		buf_addch(out, '\n');
	}
}

void ruleset_print(const struct ruleset *rs, struct buf *out)
{
	size_t i;

	buf_addf(out, "# %zu rule%s, as banter uses them: read back with\n"
		 "# banter --no-default-rules --rules=FILE\n", rs->n, rs->n == 1 ? "" : "s");
	if (!rs->n) {
		buf_adds(out, "rules: []\n");
		return;
	}
	buf_adds(out, "rules:\n");
	for (i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->v[i];

		if (i)
			buf_addch(out, '\n');
		buf_adds(out, "  - id: ");
		put_name(out, r->id);
		buf_addf(out, "\n    category: %s\n    topic: ", category_names[r->cat]);
		put_name(out, r->topic);
		buf_adds(out, "\n    weight: ");
		put_weight(out, r->weight);
		buf_adds(out, "\n    pattern: ");
		put_str(out, r->pattern, r->pattern_len);
		buf_addch(out, '\n');
		put_list(out, "examples", &r->examples);
		put_list(out, "counterexamples", &r->counterexamples);
	}
}

/*
 * The extended-mode state of a pattern while it is copied: whether (?x) is
 * on, with a stack for groups, so that a line end is copied as what it
 * means there.  A line end in extended mode is white space (or ends a #
 * comment); elsewhere it is a literal character.
 */
struct xstate {
	unsigned char stack[RULES_MAX_NESTING + 2];
	size_t depth;
	int x;
};

/* Reads the option letters of "(?" at p[0, len) (p just past the "?"):
 * sets *x as they say and returns how many bytes they take, with *colon set
 * when they open a group "(?x:" rather than ending with ")". */
static size_t read_options(const char *p, size_t len, int *x, int *colon)
{
	size_t i = 0;
	int on = 1;

	if (i < len && p[i] == '^') {
		*x = 0;
		i++;
	}
	for (; i < len; i++) {
		if (p[i] == '-')
			on = 0;
		else if (p[i] == 'x')
			*x = on;
		else if (!strchr("imnsJUaDPSTW", p[i]))
			break;
	}
	*colon = i < len && p[i] == ':';
	return i;
}

/* A backslash and what it escapes, at p[i] outside \Q...\E: the index
 * past them.  Sets *quoted at a \Q. */
static size_t put_escape(struct buf *out, const char *p, size_t len, size_t i, int *quoted)
{
	size_t un;
	unsigned long cp;

	if (p[i + 1] == 'Q')
		*quoted = 1;
	if (p[i + 1] == '\n' || p[i + 1] == '\r' || p[i + 1] == '\0') {
		/* an escaped line end is the line end itself */
		buf_adds(out, p[i + 1] == '\n' ? "\\n" : p[i + 1] == '\r' ? "\\r" : "\\x00");
	} else if ((un = raw_unsafe(p + i + 1, len - i - 1, &cp)) != 0) {
		/* so is an escaped character of any other kind */
		buf_addf(out, "\\x{%lX}", cp);
		i += un - 1;
	} else {
		buf_add(out, p + i, 2);
	}
	return i + 2;
}

/* A character inside a class, at p[i]: the index past it.  Clears
 * *in_class at the class's end. */
static size_t put_in_class(struct buf *out, const char *p, size_t len, size_t i, int *in_class)
{
	const char *e;

	if (p[i] == '[' && i + 1 < len && p[i + 1] == ':' &&
	    (e = span_find(p + i, len - i, ":]", 2)) != NULL) {
		/* [:alpha:] inside a class */
		buf_add(out, p + i, (size_t)(e + 2 - (p + i)));
		return (size_t)(e + 2 - p);
	}
	if (p[i] == ']')
		*in_class = 0;
	buf_addch(out, p[i]);
	return i + 1;
}

/* The '[' that opens a class, at p[i]: the index past it and its
 * literal start. */
static size_t put_class_open(struct buf *out, const char *p, size_t len, size_t i)
{
	/* a ']' first in a class (after an optional '^') is literal */
	buf_addch(out, p[i++]);
	if (i < len && p[i] == '^')
		buf_addch(out, p[i++]);
	if (i < len && p[i] == ']')
		buf_addch(out, p[i++]);
	return i;
}

/* A (?#...) comment at p[i], to the next ')', line ends and all: the
 * index of that ')' (or len). */
static size_t put_inline_comment(struct buf *out, const char *p, size_t len, size_t i)
{
	size_t un;
	unsigned long cp;

	for (; i < len && p[i] != ')'; i++)
		if (p[i] == '\n' || p[i] == '\r' || p[i] == '\0')
			buf_addch(out, ' ');
		else if ((un = raw_unsafe(p + i, len - i, &cp)) != 0) {
			buf_addch(out, ' ');
			i += un - 1;
		} else
			buf_addch(out, p[i]);
	return i;
}

/* The '(' at p[i]: an option setting such as (?x) lasts to the end of
 * the group it is in, a group opens a level. */
static void put_group_open(struct buf *out, const char *p, size_t len, size_t i,
			   struct xstate *xs)
{
	int x = xs->x, colon = 0;
	size_t n = 0;

	if (i + 1 < len && p[i + 1] == '?')
		n = read_options(p + i + 2, len - i - 2, &x, &colon);
	if (n && !colon && i + 2 + n < len && p[i + 2 + n] == ')') {
		xs->x = x;	/* (?x) lasts to the end of the group */
	} else {
		if (xs->depth < sizeof(xs->stack))
			xs->stack[xs->depth] = (unsigned char)xs->x;
		xs->depth++;
		if (colon)
			xs->x = x;
	}
	buf_addch(out, '(');
}

static void put_group_close(struct buf *out, struct xstate *xs)
{
	if (xs->depth) {
		xs->depth--;
		if (xs->depth < sizeof(xs->stack))
			xs->x = xs->stack[xs->depth];
	}
	buf_addch(out, ')');
}

static void put_pattern_line(struct buf *out, const char *p, size_t len)
{
	struct xstate xs;
	size_t i = 0, un;
	unsigned long cp;
	int quoted = 0, in_class = 0;

	memset(&xs, 0, sizeof(xs));
	while (i < len) {
		char c = p[i];

		if (c == '\n' || c == '\r') {
			if (quoted)
				buf_adds(out, c == '\n' ? "\\E\\n\\Q" : "\\E\\r\\Q");
			else if (xs.x && !in_class)
				buf_addch(out, ' ');
			else
				buf_adds(out, c == '\n' ? "\\n" : "\\r");
			i++;
		} else if (c == '\0') {
			buf_adds(out, quoted ? "\\E\\x00\\Q" : "\\x00");
			i++;
		} else if ((un = raw_unsafe(p + i, len - i, &cp)) != 0) {
			/* the same character, written so that no terminal acts on it */
			buf_addf(out, quoted ? "\\E\\x{%lX}\\Q" : "\\x{%lX}", cp);
			i += un;
		} else if (quoted) {
			if (c == '\\' && i + 1 < len && p[i + 1] == 'E')
				quoted = 0;
			buf_addch(out, c);
			i++;
		} else if (c == '\\' && i + 1 < len) {
			i = put_escape(out, p, len, i, &quoted);
		} else if (in_class) {
			i = put_in_class(out, p, len, i, &in_class);
		} else if (c == '[') {
			i = put_class_open(out, p, len, i);
			in_class = 1;
		} else if (c == '#' && xs.x) {
			/* a comment: dropped, up to its line end */
			while (i < len && p[i] != '\n' && p[i] != '\r')
				i++;
		} else if (c == '(' && i + 2 < len && p[i + 1] == '?' && p[i + 2] == '#') {
			i = put_inline_comment(out, p, len, i);
		} else if (c == '(') {
			put_group_open(out, p, len, i++, &xs);
		} else if (c == ')') {
			put_group_close(out, &xs);
			i++;
		} else {
			buf_addch(out, c);
			i++;
		}
	}
	buf_addch(out, '\n');
}

void ruleset_print_patterns(const struct ruleset *rs, struct buf *out)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		put_pattern_line(out, rs->v[i].pattern, rs->v[i].pattern_len);
}
