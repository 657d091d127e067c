#include "passage.h"

#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "transcript.h"
#include "util.h"

/*
 * One forward pass over the body, a line at a time, with a little state:
 * the passage being built (if any), the current section, whether we are
 * inside a fence or a comment (HTML's or Obsidian's), and the content
 * columns of the open list items.  No allocation apart from growing the
 * output array and the section names.
 *
 * This is the block structure only.  What lies inside a passage's span
 * (inline comments, tags, callout markers, block ids) is markup.c's: it
 * counts each passage's words here, and scan.c has markup_blank() blank
 * the markup before the rules run.  Section names read tags and Obsidian
 * comments with markup.c's scanners, so that a heading and a passage agree.
 */

enum open_kind { OPEN_NONE, OPEN_PARA, OPEN_ITEM, OPEN_QUOTE };
enum skip_kind { SKIP_NONE, SKIP_FENCE, SKIP_COMMENT, SKIP_PERCENT };

/*
 * Deeper list nesting than this loses its outermost levels, which only
 * affects how much indentation a fence or heading in such an item may have.
 */
#define MAX_DEPTH 32

struct splitter {
	const char *t;
	size_t len;
	struct passage_list *out;

	enum open_kind open;
	int has_text;		/* an item opened by a bare marker has none yet */
	size_t off, end;
	unsigned line, col;

	size_t sec_off, sec_len;	/* the section's name, in out->sections */

	enum skip_kind skip;
	char fence_ch;
	size_t fence_n;
	size_t skip_base;	/* content column of the item holding the skip */
	size_t pct_close;	/* the "%%" that ends a SKIP_PERCENT */
	size_t pct_from, pct_at;	/* no "%%" in t[pct_from, pct_at) */
	int fence_read;		/* the fence's content was a transcript */

	size_t run_end;		/* a transcript's run of turns ends here */
	size_t no_run_before;	/* no run of turns starts before this */

	size_t cols[MAX_DEPTH];	/* content columns of open list items, increasing */
	size_t depth;

	/* A block quote's content is Markdown of its own: while the quote is
	 * open (open == OPEN_QUOTE), the lines after their '>' markers go to
	 * `inner`, which splits them as the body is split and gives every
	 * passage the kind PASSAGE_QUOTE (`quoted`). */
	struct splitter *inner;
	int quoted;
	unsigned qlevel;	/* '>' markers on the quote's last line */
};

struct line {
	size_t row;		/* first byte of the line, for columns */
	size_t ls;		/* first byte this splitter sees: after a quote's '>' */
	size_t p;		/* first non-blank byte, or e */
	size_t e;		/* end of the text, trailing blanks trimmed */
	size_t ind;		/* column of p, tabs to multiples of 4 */
	unsigned no;
};

struct marker {
	size_t text;		/* first non-blank byte after the marker, or e */
	size_t col;		/* content column of the item */
	int ordered;
	int one;		/* an ordered marker numbered 1 */
};

static size_t next_col(size_t col, char c)
{
	return c == '\t' ? col + 4 - col % 4 : col + 1;
}

static size_t find_byte(const char *t, size_t from, size_t len, int c)
{
	const char *q = memchr(t + from, c, len - from);

	return q ? (size_t)(q - t) : len;
}

/* Where the first "-->" in t[a, b) ends, or 0 if there is none. */
static size_t comment_end(const char *t, size_t a, size_t b)
{
	const char *q;

	while (b - a >= 3 && (q = memchr(t + a + 2, '>', b - a - 2))) {
		size_t i = (size_t)(q - t);

		if (t[i - 1] == '-' && t[i - 2] == '-')
			return i + 1;
		a = i - 1;
	}
	return 0;
}

/*
 * The first "%%" in the note at or after `from`, or the note's length.
 * The last answer is kept, so that a note's searches take linear time.
 */
static size_t next_percent(struct splitter *s, size_t from)
{
	const char *q;
	size_t i = from;

	if (s->pct_at && s->pct_from <= from && from <= s->pct_at)
		return s->pct_at;
	s->pct_from = from;
	s->pct_at = s->len;
	while (i + 1 < s->len && (q = memchr(s->t + i, '%', s->len - 1 - i)) != NULL) {
		i = (size_t)(q - s->t) + 1;
		if (s->t[i] == '%') {
			s->pct_at = i - 1;
			break;
		}
	}
	return s->pct_at;
}

static void open_at(struct splitter *s, enum open_kind k,
		    const struct line *ln, size_t off);

/*
 * A comment ended at `end` on this line: what follows it on the line is
 * text (as a browser shows it), the start of a paragraph; the comment
 * itself is blanked with the passage.
 */
static void after_comment(struct splitter *s, const struct line *ln, size_t end,
			  enum open_kind k)
{
	const char *t = s->t;

	while (end < ln->e && is_blank(t[end]))
		end++;
	if (end < ln->e)
		open_at(s, k, ln, end);
}

/*
 * Makes the heading text t[a, z) the name of the section, as a reader sees
 * it: comments left out, each run of blanks and line ends one space, and
 * trimmed.  A quote's later lines start with its markers, which are not
 * text.  Once a "<!--" is found unclosed, no later one can close.
 */
static void set_section(struct splitter *s, size_t a, size_t z)
{
	struct buf *b = &s->out->sections;
	const char *t = s->t;
	size_t start = a, end;
	int gap = 0, closed = 1;

	s->sec_off = b->len;
	while (a < z) {
		if (t[a] == '<' && closed && z - a >= 4 && !memcmp(t + a, "<!--", 4)) {
			if ((end = comment_end(t, a + 2, z))) {
				a = end;
				continue;
			}
			closed = 0;
		}
		if (markup_percent_opens(t, start, a, z) && (end = markup_percent_end(t, a + 2, z))) {
			a = end;
			continue;
		}
		if (t[a] == '<' && (end = markup_tag_end(t, a, z))) {
			a = end;
			continue;
		}
		if (is_space(t[a])) {
			gap = 1;
			if (s->quoted && (t[a] == '\n' || t[a] == '\r'))
				while (a + 1 < z && (is_space(t[a + 1]) || t[a + 1] == '>'))
					a++;
			a++;
			continue;
		}
		if (gap && b->len > s->sec_off)
			buf_addch(b, ' ');
		gap = 0;
		buf_addch(b, t[a++]);
	}
	s->sec_len = b->len - s->sec_off;
}

static void emit(struct splitter *s)
{
	struct passage_list *l = s->out;
	struct passage *p;
	unsigned words;

	if (s->open == OPEN_NONE || !s->has_text)
		return;
	words = markup_count_words(s->t + s->off, s->end - s->off);
	if (!words)
		return;
	l->v = xgrow(l->v, sizeof(*l->v), l->n + 1, &l->alloc);
	p = &l->v[l->n++];
	p->off = s->off;
	p->len = s->end - s->off;
	p->line = s->line;
	p->col = s->col;
	p->words = words;
	p->kind = s->quoted ? PASSAGE_QUOTE :
		  s->open == OPEN_ITEM ? PASSAGE_ITEM : PASSAGE_PARAGRAPH;
	p->section_off = s->sec_off;
	p->section_len = s->sec_len;
	p->speaker_off = p->speaker_len = 0;
	p->hole_start = p->hole_n = 0;
}

static void close_open(struct splitter *s)
{
	if (s->open == OPEN_QUOTE) {
		/* the quote ends, and with it a fence or list inside it */
		close_open(s->inner);
		s->inner->skip = SKIP_NONE;
		s->inner->depth = 0;
	} else {
		emit(s);
	}
	s->open = OPEN_NONE;
	s->has_text = 0;
}

static void start_text(struct splitter *s, const struct line *ln, size_t off)
{
	s->has_text = 1;
	s->off = off;
	s->end = ln->e;
	s->line = ln->no;
	s->col = (unsigned)(off - ln->row + 1);
}

static void open_at(struct splitter *s, enum open_kind k,
		    const struct line *ln, size_t off)
{
	close_open(s);
	s->open = k;
	start_text(s, ln, off);
}

/* The content column of the innermost open item the line is indented into. */
static size_t list_base(const struct splitter *s, size_t ind)
{
	size_t i;

	for (i = s->depth; i > 0; i--)
		if (s->cols[i - 1] <= ind)
			return s->cols[i - 1];
	return 0;
}

/* A block starting at column `ind` closes the items indented deeper. */
static void pop_items(struct splitter *s, size_t ind)
{
	while (s->depth && s->cols[s->depth - 1] > ind)
		s->depth--;
}

static void push_item(struct splitter *s, size_t col)
{
	if (s->depth == MAX_DEPTH) {
		memmove(s->cols, s->cols + 1, (MAX_DEPTH - 1) * sizeof(*s->cols));
		s->depth--;
	}
	s->cols[s->depth++] = col;
}

static int run_is(const char *t, size_t p, size_t e, char c)
{
	while (p < e && t[p] == c)
		p++;
	return p == e;
}

static int is_thematic(const char *t, size_t p, size_t e)
{
	char c = t[p];
	size_t n = 0;

	if (c != '-' && c != '*' && c != '_')
		return 0;
	for (; p < e; p++) {
		if (t[p] == c)
			n++;
		else if (!is_blank(t[p]))
			return 0;
	}
	return n >= 3;
}

static int parse_marker(const char *t, const struct line *ln, struct marker *m)
{
	size_t p = ln->p, e = ln->e, q = p, col, c;

	m->ordered = 0;
	m->one = 0;
	if (t[p] == '-' || t[p] == '*' || t[p] == '+') {
		q = p + 1;
	} else if (is_digit((unsigned char)t[p])) {
		size_t z;

		while (q < e && q - p < 10 && is_digit((unsigned char)t[q]))
			q++;
		if (q - p > 9 || q == e || (t[q] != '.' && t[q] != ')'))
			return 0;
		for (z = p; z < q - 1 && t[z] == '0'; z++)
			;
		m->ordered = 1;
		m->one = z == q - 1 && t[z] == '1';
		q++;
	} else {
		return 0;
	}
	if (q < e && !is_blank(t[q]))
		return 0;
	col = ln->ind + (q - p);
	for (c = col; q < e && is_blank(t[q]); q++)
		c = next_col(c, t[q]);
	m->text = q;
	/* As in CommonMark: five or more spaces after the marker are one
	 * space then indented content. */
	m->col = (q == e || c - col > 4) ? col + 1 : c;
	return 1;
}

static int atx_heading(struct splitter *s, const struct line *ln)
{
	const char *t = s->t;
	size_t p = ln->p, e = ln->e, n = 0, a, z, k;

	while (p + n < e && n < 7 && t[p + n] == '#')
		n++;
	if (n > 6 || (p + n < e && !is_blank(t[p + n])))
		return 0;
	for (a = p + n; a < e && is_blank(t[a]); a++)
		;
	z = e;
	for (k = z; k > a && t[k - 1] == '#'; k--)
		;
	if (k == a) {
		z = a;
	} else if (k < z && is_blank(t[k - 1])) {
		for (z = k; z > a && is_blank(t[z - 1]); z--)
			;
	}
	close_open(s);
	pop_items(s, ln->ind);
	set_section(s, a, z);
	return 1;
}

static int read_fence(struct splitter *s, const struct line *ln);

static int fence_open(struct splitter *s, const struct line *ln, size_t base)
{
	const char *t = s->t;
	size_t p = ln->p, e = ln->e, n = 0;
	char c = t[p];

	while (p + n < e && t[p + n] == c)
		n++;
	if (n < 3)
		return 0;
	if (c == '`' && memchr(t + p + n, '`', e - p - n))
		return 0;
	close_open(s);
	pop_items(s, ln->ind);
	s->skip = SKIP_FENCE;
	s->fence_ch = c;
	s->fence_n = n;
	s->skip_base = base;
	s->fence_read = !s->quoted && read_fence(s, ln);
	return 1;
}

static int fence_closes(const struct splitter *s, const struct line *ln)
{
	const char *t = s->t;
	size_t p = ln->p, n = 0;

	if (ln->ind - s->skip_base > 3)
		return 0;
	while (p + n < ln->e && t[p + n] == s->fence_ch)
		n++;
	return n >= s->fence_n && p + n == ln->e;
}

/* The start of the line after the one holding t[i], and its end in *eol. */
static size_t line_after(const struct splitter *s, size_t i, size_t *eol)
{
	const char *t = s->t;

	while (i < s->len && t[i] != '\n' && t[i] != '\r')
		i++;
	*eol = i;
	if (i + 1 < s->len && t[i] == '\r' && t[i + 1] == '\n')
		return i + 2;
	return i < s->len ? i + 1 : i;
}

/*
 * The fence just opened on line ln: finds where its content ends, as
 * split_line() will (a closing fence, a line less indented than the item
 * holding the fence, or the end), and reads the content as a transcript.
 * Returns whether it was one.
 */
static int read_fence(struct splitter *s, const struct line *ln)
{
	const char *t = s->t;
	size_t from, pos, next, eol;
	struct line in;

	from = pos = line_after(s, ln->e, &eol);
	for (in.no = ln->no + 1; pos < s->len; pos = next, in.no++) {
		size_t ind = 0;

		next = line_after(s, pos, &eol);
		for (in.p = pos; in.p < eol && is_blank(t[in.p]); in.p++)
			ind = next_col(ind, t[in.p]);
		in.e = eol;
		while (in.e > in.p && is_blank(t[in.e - 1]))
			in.e--;
		in.ind = ind;
		if (in.p < in.e && (ind < s->skip_base || fence_closes(s, &in)))
			break;
	}
	return transcript_read(t, from, pos, ln->no + 1, 1, s->sec_off, s->sec_len,
			       s->out, NULL);
}

/*
 * A line at the top level of the body that may begin a run of turns: reads
 * the run, and if it is a transcript, ends the paragraph before it, which
 * goes before its turns, and has the lines up to its end skipped.
 * Otherwise no run is looked for again before the end of this one.
 */
static int read_run(struct splitter *s, const struct line *ln)
{
	struct passage_list *l = s->out;
	size_t n0 = l->n, end;

	if (!transcript_read(s->t, ln->row, s->len, ln->no, 0, s->sec_off, s->sec_len, l, &end)) {
		s->no_run_before = end;
		return 0;
	}
	if (s->open != OPEN_NONE) {
		size_t n1 = l->n;

		close_open(s);
		if (l->n > n1) {
			/* the paragraph goes before the turns */
			struct passage para = l->v[n1];

			memmove(l->v + n0 + 1, l->v + n0, (n1 - n0) * sizeof(*l->v));
			l->v[n0] = para;
		}
	}
	s->open = OPEN_NONE;
	s->has_text = 0;
	pop_items(s, ln->ind);
	s->run_end = end;
	return 1;
}

/*
 * A comment opens the line: it ends at `end` on the line, or else on a
 * later line (`kind` tells how to find it).
 */
static void comment_block(struct splitter *s, const struct line *ln, size_t base,
			  size_t end, enum skip_kind kind)
{
	/* "- <!-- aside --> text": the text is the item's */
	enum open_kind k = OPEN_PARA;

	if (s->open == OPEN_ITEM && !s->has_text)
		k = OPEN_ITEM;
	close_open(s);
	pop_items(s, ln->ind);
	if (end) {
		after_comment(s, ln, end, k);
	} else {
		s->skip = kind;
		s->skip_base = base;
	}
}

static void split_line(struct splitter *s, struct line *ln, size_t le);

/*
 * A line of a block quote: its '>' markers (of every level, each with one
 * blank after it, as CommonMark strips them) taken off, the rest goes to
 * the quote's own splitter, so that fences, headings and list items inside
 * a quote are what they are outside one.  Inside a quote there are no more
 * markers to take off: returns 0 there, and the line is text.
 */
static int quote_line(struct splitter *s, const struct line *ln)
{
	const char *t = s->t;
	size_t q = ln->p, e = ln->e, r;
	unsigned level = 0;
	struct line in;

	if (!s->inner)
		return 0;
	while (q < e && t[q] == '>') {
		q++;
		level++;
		if (q < e && is_blank(t[q]))
			q++;
		for (r = q; r < e && is_blank(t[r]); r++)
			;
		if (r < e && t[r] == '>')
			q = r;
	}
	pop_items(s, ln->ind);
	if (s->open != OPEN_QUOTE) {
		close_open(s);
		s->open = OPEN_QUOTE;
		/* a heading inside the quote names its passages only */
		s->inner->sec_off = s->sec_off;
		s->inner->sec_len = s->sec_len;
	} else if (level > s->qlevel && s->inner->skip == SKIP_NONE &&
		   s->inner->open != OPEN_QUOTE) {
		/* a quote inside the quote begins a passage of its own; a line
		 * with fewer markers may go on a deeper paragraph, as in
		 * CommonMark */
		close_open(s->inner);
	}
	s->qlevel = level;
	in = *ln;
	in.ls = q;
	split_line(s->inner, &in, e);
	return 1;
}

/*
 * Whether a line indented `ind` would go on an open paragraph, so that a
 * list marker on it would interrupt that paragraph.  A line indented less
 * than the innermost item's content leaves that item: a marker on it
 * starts a sibling or an outer item, or a new list, which CommonMark does
 * not count as an interruption ("1. a\n2. b" is two items).
 */
static int in_paragraph(const struct splitter *s, size_t ind)
{
	if (s->open != OPEN_PARA && !(s->open == OPEN_ITEM && s->has_text))
		return 0;
	return !s->depth || ind >= s->cols[s->depth - 1];
}

/*
 * Headings, fences, comments, quotes, setext underlines and thematic
 * breaks, at most 3 columns into the enclosing item.  Returns whether the
 * line was one.
 */
static int block_start(struct splitter *s, const struct line *ln, size_t base)
{
	const char *t = s->t;
	char c = t[ln->p];
	size_t end;

	switch (c) {
	case '#':
		return atx_heading(s, ln);
	case '`':
	case '~':
		return fence_open(s, ln, base);
	case '<':
		if (ln->e - ln->p < 4 || memcmp(t + ln->p, "<!--", 4))
			return 0;
		/* from the "--" of "<!--", so that "<!-->" and "<!--->" are
		 * whole comments, as in CommonMark */
		comment_block(s, ln, base, comment_end(t, ln->p + 2, ln->e),
			      SKIP_COMMENT);
		return 1;
	case '%':
		if (ln->e - ln->p < 2 || t[ln->p + 1] != '%')
			return 0;
		/* unlike "<!--", a "%%" that nothing closes is text: it is
		 * likelier a stray "%%" than a comment to the end of the note */
		if (!(end = markup_percent_end(t, ln->p + 2, ln->e))) {
			size_t close = next_percent(s, ln->e);

			if (close == s->len)
				return 0;
			s->pct_close = close;
		}
		comment_block(s, ln, base, end, SKIP_PERCENT);
		return 1;
	case '>':
		return quote_line(s, ln);
	default:
		break;
	}
	/* an underline may not be a lazy line: it is indented into the item
	 * whose text it makes a heading, as "- # Title" would be */
	if ((c == '=' || c == '-') && in_paragraph(s, ln->ind) &&
	    run_is(t, ln->p, ln->e, c)) {
		set_section(s, s->off, s->end);
		s->open = OPEN_NONE;
		s->has_text = 0;
		return 1;
	}
	if (is_thematic(t, ln->p, ln->e)) {
		close_open(s);
		pop_items(s, ln->ind);
		return 1;
	}
	return 0;
}

/* Whether a link destination looks like one: "https://...", "mailto:x",
 * "/path", "./file", "../file", "#anchor", "~/file" or "www.". */
static int looks_like_link(const char *d, size_t n)
{
	size_t i;

	if (n && (d[0] == '/' || d[0] == '#' || d[0] == '~' || d[0] == '.'))
		return 1;
	if (n >= 4 && !memcmp(d, "www.", 4))
		return 1;
	/* a scheme: a letter, then letters, digits, '+', '-' or '.', then ':' */
	for (i = 0; i < n && i < 32; i++) {
		unsigned char c = (unsigned char)d[i];

		if (c == ':')
			return i > 0 && i + 1 < n;
		if (!is_alpha(c) && !(i && (is_digit(c) || c == '+' || c == '-' || c == '.')))
			return 0;
	}
	return 0;
}

/* Skips a link destination or title's character, or an escaped one. */
static size_t link_char(const char *t, size_t q, size_t e)
{
	return t[q] == '\\' && q + 1 < e ? q + 2 : q + 1;
}

/*
 * Whether t[p, e) is a whole link reference definition, "[label]: url"
 * with an optional title ("...", '...' or (...)), which CommonMark shows
 * as nothing.  A footnote, "[^1]: text", is no link: it holds text.  A
 * definition whose url or title is on a later line is taken as text.
 */
static int link_def(const char *t, size_t p, size_t e)
{
	size_t q = p + 1, n = 0, d;
	int depth = 0;
	char close;

	if (t[p] != '[' || (q < e && t[q] == '^'))
		return 0;
	for (; q < e && t[q] != ']'; q = link_char(t, q, e)) {
		if (t[q] == '[')
			return 0;
		n += !is_blank(t[q]);
	}
	if (!n || q - p > 1000 || e - q < 3 || t[q + 1] != ':')
		return 0;
	for (q += 2; q < e && is_blank(t[q]); q++)
		;
	if (q == e)
		return 0;
	if (t[q] == '<') {
		for (q++; q < e && t[q] != '>'; q = link_char(t, q, e))
			if (t[q] == '<')
				return 0;
		if (q++ == e)
			return 0;
	} else {
		size_t ds = q;

		for (; q < e && !is_blank(t[q]); q = link_char(t, q, e)) {
			if ((unsigned char)t[q] < 0x20 ||
			    (t[q] == ')' && --depth < 0))
				return 0;
			depth += t[q] == '(';
		}
		/* "[Update]: done" is a definition to CommonMark, but in a note
		 * it is talk: only a destination that looks like a link (a
		 * scheme, a path, an anchor, www.) makes the line one */
		if (depth || !looks_like_link(t + ds, q - ds))
			return 0;
	}
	for (d = q; q < e && is_blank(t[q]); q++)
		;
	if (q == e)
		return 1;
	close = t[q] == '(' ? ')' : t[q];
	if (q == d || (close != '"' && close != '\'' && close != ')'))
		return 0;
	for (q++; q < e && t[q] != close; q = link_char(t, q, e))
		if (close == ')' && t[q] == '(')
			return 0;
	if (q == e)
		return 0;
	for (q++; q < e && is_blank(t[q]); q++)
		;
	return q == e;
}

/*
 * Opens the item of marker m.  The rest of its line is the item's first
 * line: it may be a block of its own ("- ```", "1. # Title", "- <!-- note",
 * "- > quote") or the marker of a nested item, which opens too ("- - a",
 * "1. - a"), at most 3 columns past the item's content column, as on the
 * item's later lines.  Otherwise it is the item's text.
 */
static void open_item(struct splitter *s, const struct line *ln, struct marker m)
{
	struct line in = *ln;
	struct marker inner;
	size_t q;

	for (;;) {
		push_item(s, m.col);
		s->open = OPEN_ITEM;
		if (m.text == ln->e)
			return;
		for (q = in.p; q < m.text; q++)
			in.ind = next_col(in.ind, s->t[q]);
		in.p = m.text;
		if (in.ind - m.col > 3)
			break;
		if (block_start(s, &in, m.col) || link_def(s->t, in.p, in.e))
			return;
		if (!parse_marker(s->t, &in, &inner))
			break;
		m = inner;
	}
	start_text(s, ln, m.text);
}

static void split_line(struct splitter *s, struct line *ln, size_t le)
{
	const char *t = s->t;
	size_t p = ln->ls, e = le, ind = 0, base;
	struct marker m;

	if (s->run_end) {
		if (ln->row < s->run_end)
			return;
		s->run_end = 0;
	}
	for (; p < le && is_blank(t[p]); p++)
		ind = next_col(ind, t[p]);
	while (e > p && is_blank(t[e - 1]))
		e--;
	ln->p = p;
	ln->e = e;
	ln->ind = ind;

	if (s->skip == SKIP_COMMENT && (p == e || ind >= s->skip_base)) {
		size_t end = comment_end(t, ln->ls, le);

		if (end) {
			s->skip = SKIP_NONE;
			after_comment(s, ln, end, OPEN_PARA);
		}
		return;
	}
	if (s->skip == SKIP_PERCENT && (p == e || ind >= s->skip_base)) {
		/* the "%%" found when the comment opened is on a line of its
		 * own splitter, unless the item or quote ends first */
		if (s->pct_close < le) {
			s->skip = SKIP_NONE;
			after_comment(s, ln, s->pct_close + 2, OPEN_PARA);
		}
		return;
	}
	if (s->skip == SKIP_FENCE && (p == e || ind >= s->skip_base)) {
		if (p < e && fence_closes(s, ln))
			s->skip = SKIP_NONE;
		else if (!s->fence_read)
			s->out->skipped_lines++;
		return;
	}
	/* Less indented than the item holding the fence or comment: the
	 * item, and so the fence or comment, has ended. */
	s->skip = SKIP_NONE;
	if (p == e) {
		close_open(s);
		return;
	}

	base = list_base(s, ind);
	/* a transcript pasted at the top level (not in a quote or an item,
	 * where a line may go on the item's paragraph) */
	if (!s->quoted && !base && s->open != OPEN_ITEM && s->open != OPEN_QUOTE &&
	    ln->row >= s->no_run_before &&
	    read_run(s, ln))
		return;
	if (ind - base <= 3 && block_start(s, ln, base))
		return;

	/* As in CommonMark, a paragraph is not interrupted by an empty item
	 * (so "text\n-" is a setext heading) nor by an ordered item not
	 * numbered 1 (so a wrapped line may begin "10. "), the item's own
	 * text included. */
	if (parse_marker(t, ln, &m) &&
	    !(in_paragraph(s, ind) && (m.text == e || (m.ordered && !m.one)))) {
		close_open(s);
		pop_items(s, ind);
		open_item(s, ln, m);
		return;
	}

	/* A line without '>' goes on the quote's open paragraph or item (a
	 * lazy continuation line); otherwise it ends the quote. */
	if (s->open == OPEN_QUOTE) {
		struct splitter *in = s->inner;

		if (in->open != OPEN_NONE && in->has_text && in->skip == SKIP_NONE) {
			in->end = e;
			return;
		}
		close_open(s);
	}
	/* An empty item takes only content indented into it. */
	if (s->open == OPEN_ITEM && !s->has_text &&
	    (!s->depth || ind < s->cols[s->depth - 1]))
		close_open(s);
	if (s->open != OPEN_NONE) {
		if (s->has_text)
			s->end = e;
		else if (!(ind - base <= 3 && link_def(t, p, e)))
			start_text(s, ln, p);
		return;
	}
	pop_items(s, ind);
	if (!(ind - base <= 3 && link_def(t, p, e)))
		open_at(s, OPEN_PARA, ln, p);
}

void passage_split(const char *text, size_t len, size_t body_off,
		   unsigned body_line, struct passage_list *out)
{
	struct splitter s, quote;
	struct line ln;
	size_t pos = body_off, nl, cr, eol;

	if (body_off >= len)
		return;
	memset(&s, 0, sizeof(s));
	s.t = text;
	s.len = len;
	s.out = out;
	memset(&quote, 0, sizeof(quote));
	quote.t = text;
	quote.len = len;
	quote.out = out;
	quote.quoted = 1;
	s.inner = &quote;
	ln.no = body_line;
	/* The next LF and CR are each searched for only once they have been
	 * passed, so that a file using only one kind stays linear. */
	nl = find_byte(text, pos, len, '\n');
	cr = find_byte(text, pos, len, '\r');
	while (pos < len) {
		if (nl < pos)
			nl = find_byte(text, pos, len, '\n');
		if (cr < pos)
			cr = find_byte(text, pos, len, '\r');
		eol = nl < cr ? nl : cr;
		ln.row = ln.ls = pos;
		split_line(&s, &ln, eol);
		if (eol == len)
			pos = len;
		else if (eol == cr && cr + 1 == nl)
			pos = cr + 2;
		else
			pos = eol + 1;
		ln.no++;
	}
	close_open(&s);
}

void passage_blank(char *text, const struct passage_list *l, const struct passage *p)
{
	size_t i;

	for (i = p->hole_start; i < p->hole_start + p->hole_n; i++)
		memset(text + l->holes[i].off, ' ', l->holes[i].len);
}

void passage_list_reset(struct passage_list *l)
{
	l->n = 0;
	l->nholes = 0;
	l->skipped_lines = 0;
	buf_reset(&l->sections);
}

void passage_list_release(struct passage_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
	l->alloc = 0;
	free(l->holes);
	l->holes = NULL;
	l->nholes = 0;
	l->holes_alloc = 0;
	l->skipped_lines = 0;
	buf_release(&l->sections);
}
