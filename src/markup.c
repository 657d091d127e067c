#include "markup.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "util.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/*
 * Everything here reads a span in place: blanking writes spaces over
 * markup and never moves a byte, so that the passage's offsets, lines and
 * columns stay those of the file.  The scanners for tags and Obsidian
 * comments are shared with passage.c, so that a section's name and a
 * passage read markup alike.
 */

size_t markup_percent_end(const char *t, size_t a, size_t b)
{
	for (; a + 1 < b && t[a] != '\n' && t[a] != '\r'; a++)
		if (t[a] == '%' && t[a + 1] == '%')
			return a + 2;
	return 0;
}

int markup_percent_opens(const char *t, size_t start, size_t i, size_t b)
{
	return i + 1 < b && t[i] == '%' && t[i + 1] == '%' &&
	       (i == start || is_space(t[i - 1]));
}

/* HTML's elements, sorted: a tag of one of them is markup. */
static const char *const html_elements[] = {
	"a", "abbr", "address", "area", "article", "aside", "audio", "b",
	"bdi", "bdo", "big", "blockquote", "body", "br", "button", "canvas",
	"caption", "center", "cite", "code", "col", "colgroup", "data",
	"datalist", "dd", "del", "details", "dfn", "dialog", "div", "dl", "dt",
	"em", "embed", "fieldset", "figcaption", "figure", "font", "footer",
	"form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup",
	"hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label",
	"legend", "li", "link", "main", "map", "mark", "menu", "meta", "meter",
	"nav", "nobr", "noscript", "object", "ol", "optgroup", "option",
	"output", "p", "param", "picture", "pre", "progress", "q", "rp", "rt",
	"ruby", "s", "samp", "script", "section", "select", "small", "source",
	"span", "strike", "strong", "style", "sub", "summary", "sup", "table",
	"tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time",
	"title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr",
};

static int cmp_name(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int is_element(const char *t, size_t n)
{
	char name[16];
	size_t i;

	if (n >= sizeof(name))
		return 0;
	for (i = 0; i < n; i++)
		name[i] = (char)to_lower((unsigned char)t[i]);
	name[n] = '\0';
	return bsearch(name, html_elements, sizeof(html_elements) / sizeof(html_elements[0]),
		       sizeof(html_elements[0]), cmp_name) != NULL;
}

static int attr_char(int c, int first)
{
	return is_alpha(c) || c == '_' || c == ':' ||
	       (!first && (is_digit(c) || c == '.' || c == '-'));
}

/* The length of the line end ("\n", "\r\n" or "\r") at t[q], or 0. */
static size_t line_end(const char *t, size_t q, size_t b)
{
	if (q < b && t[q] == '\n')
		return 1;
	if (q < b && t[q] == '\r')
		return q + 1 < b && t[q + 1] == '\n' ? 2 : 1;
	return 0;
}

/*
 * Skips the white space inside a tag: blanks and at most one line end, as
 * CommonMark has it, so that a tag may go on to the next line but never
 * over a blank one.
 */
static size_t skip_blanks(const char *t, size_t q, size_t b)
{
	int ends = 0;
	size_t n;

	for (;;) {
		while (q < b && is_blank(t[q]))
			q++;
		if (ends++ || !(n = line_end(t, q, b)))
			return q;
		q += n;
	}
}

size_t markup_tag_end(const char *t, size_t i, size_t b)
{
	size_t q = i + 1, name;
	int closing = q < b && t[q] == '/';

	q += (size_t)closing;
	for (name = q; q < b && (is_alnum((unsigned char)t[q]) || (q > name && t[q] == '-')); q++)
		;
	if (q == name || !is_alpha((unsigned char)t[name]) || !is_element(t + name, q - name))
		return 0;
	while (!closing) {
		size_t r = skip_blanks(t, q, b);

		/* an attribute: a blank, a name, and maybe '=' and a value */
		if (r == q || r == b || !attr_char((unsigned char)t[r], 1))
			break;
		for (q = r + 1; q < b && attr_char((unsigned char)t[q], 0); q++)
			;
		r = skip_blanks(t, q, b);
		if (r == b || t[r] != '=')
			continue;
		r = skip_blanks(t, r + 1, b);
		if (r < b && (t[r] == '"' || t[r] == '\'')) {
			char c = t[r];

			/* any text but the quote itself, and no blank line */
			for (q = r + 1; q < b && t[q] != c; q++) {
				size_t n = line_end(t, q, b), k;

				if (!n)
					continue;
				for (k = q + n; k < b && is_blank(t[k]); k++)
					;
				if (line_end(t, k, b))
					return 0;
				q = k - 1;
			}
			if (q == b)
				return 0;
			q++;
			continue;
		}
		for (q = r; q < b && !is_space(t[q]) && !strchr("\"'=<>`", t[q]); q++)
			;
		if (q == r)
			return 0;
	}
	q = skip_blanks(t, q, b);
	if (!closing && q < b && t[q] == '/')
		q++;
	return q < b && t[q] == '>' ? q + 1 : 0;
}

/* 1: a word separator, 2: an ASCII letter or digit, which makes a token a
 * word, 4: a byte of a non-ASCII character, which may (has_letter), or
 * may be a separator or a word by itself (wide_class). */
static const unsigned char word_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
	0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
	0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

/*
 * The length of the callout marker that starts the quote passage p, an
 * Obsidian "[!type]" and maybe '+' or '-' for folding, or 0.  It is the
 * first thing on its line, after the quote's markers: "> - [!x]" is text.
 */
static size_t callout_len(const char *text, const struct passage *p)
{
	const char *t = text + p->off, *c;
	size_t q = 2;

	if (p->kind != PASSAGE_QUOTE || p->len < 4 || t[0] != '[' || t[1] != '!')
		return 0;
	for (c = t; c > text && c[-1] != '\n' && c[-1] != '\r'; c--)
		if (c[-1] != '>' && !is_blank(c[-1]))
			return 0;
	while (q < p->len && q < 66 && (is_alnum((unsigned char)t[q]) || t[q] == '-' || t[q] == '_'))
		q++;
	if (q == 2 || q == p->len || t[q] != ']')
		return 0;
	q++;
	if (q < p->len && (t[q] == '+' || t[q] == '-'))
		q++;
	return q == p->len || is_space(t[q]) ? q : 0;
}

/* Blanks each Obsidian block id, " ^id" ending a line; returns whether
 * there was one. */
static int blank_block_ids(char *t, size_t len)
{
	size_t i, j, k;
	int blanked = 0;

	for (i = 0; i < len; i++) {
		if (t[i] != '^' || (i && !is_space(t[i - 1])))
			continue;
		for (j = i + 1; j < len && (is_alnum((unsigned char)t[j]) || t[j] == '-'); j++)
			;
		for (k = j; k < len && is_blank(t[k]); k++)
			;
		if (j > i + 1 && (k == len || t[k] == '\n' || t[k] == '\r')) {
			memset(t + i, ' ', j - i);
			blanked = 1;
		}
		i = j - 1;
	}
	return blanked;
}


/* Writes spaces over t[a, b), keeping line ends. */
static void blank_span(char *t, size_t a, size_t b)
{
	for (; a < b; a++)
		if (t[a] != '\n' && t[a] != '\r')
			t[a] = ' ';
}

/*
 * Where the destination of an inline link that starts at t[q] ('(' right
 * after the link text's ']') ends, after its ')', or 0 if there is none:
 * "(url)", "(<url>)", "(url "title")", "(url 'title')", as CommonMark has
 * them.  The destination holds no '[' or ']' (so that every scan stops at
 * the next bracket and the whole pass stays linear) and parentheses only
 * balanced, at most 32 deep.
 */
static size_t link_dest_end(const char *t, size_t q, size_t len)
{
	unsigned depth = 0;
	char close;

	for (q++; q < len && is_blank(t[q]); q++)
		;
	if (q < len && t[q] == '<') {
		for (q++; q < len && t[q] != '>' && t[q] != '<' && t[q] != '\n' && t[q] != '\r' &&
			  t[q] != '[' && t[q] != ']'; q++)
			;
		if (q == len || t[q] != '>')
			return 0;
		q++;
	} else {
		for (; q < len && !is_space(t[q]) && t[q] != '[' && t[q] != ']'; q++) {
			if (t[q] == '\\' && q + 1 < len && !is_space(t[q + 1]))
				q++;
			else if (t[q] == '(' && ++depth > 32)
				return 0;
			else if (t[q] == ')' && depth-- == 0)
				return q + 1;
		}
		if (depth)
			return 0;
	}
	for (; q < len && is_space(t[q]); q++)
		;
	if (q < len && (t[q] == '"' || t[q] == '\'')) {
		close = t[q];
		for (q++; q < len && t[q] != close && t[q] != '[' && t[q] != ']'; q++)
			if (t[q] == '\\' && q + 1 < len)
				q++;
		if (q == len || t[q] != close)
			return 0;
		for (q++; q < len && is_space(t[q]); q++)
			;
	}
	return q < len && t[q] == ')' ? q + 1 : 0;
}

/*
 * Where the wikilink "[[target]]" or "[[target|shown]]" that starts at t[i]
 * ends, after its "]]", or 0; *bar is where its '|' is, or 0.  It stays on
 * its line and holds no other bracket, so every scan stops at the next one.
 */
static size_t wikilink_end(const char *t, size_t i, size_t len, size_t *bar)
{
	size_t q;

	*bar = 0;
	for (q = i + 2; q < len && t[q] != '[' && t[q] != ']' && t[q] != '\n' && t[q] != '\r'; q++)
		if (t[q] == '|' && !*bar)
			*bar = q;
	return q + 1 < len && t[q] == ']' && t[q + 1] == ']' && q > i + 2 ? q + 2 : 0;
}

/* Where the footnote marker "[^label]" that starts at t[i] ends, or 0: a
 * label of up to 64 bytes with no blank or bracket. */
static size_t footnote_end(const char *t, size_t i, size_t len)
{
	size_t q;

	if (i + 3 >= len || t[i + 1] != '^')
		return 0;
	for (q = i + 2; q < len && q < i + 66 && !is_space(t[q]) && t[q] != '[' && t[q] != ']'; q++)
		;
	return q < len && t[q] == ']' && q > i + 2 ? q + 1 : 0;
}

/* Whether s[0, n) is ascii (lowercase ASCII letters), whatever its case. */
static int ascii_caseeq(const char *s, const char *ascii, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if ((is_alpha((unsigned char)s[k]) ? (s[k] | 0x20) : s[k]) != ascii[k])
			return 0;
	return 1;
}

/* The length of the URL scheme that t[i] starts ("https://", "http://",
 * "ftp://", "mailto:", "www."), at a word's start, or 0. */
static size_t url_start(const char *t, size_t i, size_t len)
{
	static const char *const schemes[] = { "https://", "http://", "ftp://", "mailto:", "www." };
	size_t k, n;

	if (i && (is_alnum((unsigned char)t[i - 1]) || t[i - 1] == '/' || t[i - 1] == '.' ||
		  t[i - 1] == '@' || t[i - 1] == '-' || t[i - 1] == '_'))
		return 0;
	for (k = 0; k < sizeof(schemes) / sizeof(*schemes); k++) {
		n = strlen(schemes[k]);
		if (len - i > n && ascii_caseeq(t + i, schemes[k], n))
			return n;
	}
	return 0;
}

/*
 * Where a bare URL that starts at t[i] ends, as GitHub's autolinks read
 * it: up to a blank or '<', less trailing punctuation, and less a ')'
 * that closes none of its own '('.
 */
static size_t url_end(const char *t, size_t i, size_t len)
{
	size_t q = i, k;
	int open = 0;

	while (q < len && !is_space(t[q]) && t[q] != '<')
		q++;
	for (k = i; k < q; k++)
		open += t[k] == '(' ? 1 : t[k] == ')' ? -1 : 0;
	while (q > i) {
		char ch = t[q - 1];

		if (ch == ')' && open < 0)
			open++;
		else if (!strchr(".,:;!?'\"*_~", ch))
			break;
		q--;
	}
	return q;
}

/* The autolink "<scheme:...>" or "<name@host>" that starts at t[i]: where
 * it ends, after its '>', or 0. */
static size_t autolink_end(const char *t, size_t i, size_t len)
{
	size_t q = i + 1, s;
	int at = 0;

	for (s = q; s < len && s < q + 32 && (is_alnum((unsigned char)t[s]) || t[s] == '+' ||
					     t[s] == '.' || t[s] == '-'); s++)
		;
	if (s < len && t[s] == ':' && s >= q + 2 && is_alpha((unsigned char)t[q])) {
		for (s++; s < len && t[s] != '>' && t[s] != '<' && !is_space(t[s]); s++)
			;
		return s < len && t[s] == '>' ? s + 1 : 0;
	}
	for (s = q; s < len && s < q + 320 && t[s] != '>' && t[s] != '<' && !is_space(t[s]); s++)
		at |= t[s] == '@';
	return at && s < len && t[s] == '>' && s > q + 2 ? s + 1 : 0;
}

/*
 * Blanks what a reader of the rendered note does not see as text: link
 * and image destinations and titles ("[the video](https://...)" keeps
 * "the video", "![a chart](img/party.png)" keeps "a chart"), the brackets
 * around link text, autolinks ("<https://...>"), bare URLs ("https://...",
 * "www...."), wikilink targets ("[[Q1 review|the review]]" keeps "the
 * review", "[[Q1 review]]" keeps "Q1 review", an embed "![[chart.png]]"
 * keeps nothing) and footnote markers ("[^1]").  One pass, left to
 * right, with a stack of open '[' at most LINK_DEPTH deep: every scan
 * forward stops at the next bracket, so the pass is linear.  Returns
 * whether anything was blanked.
 */
#define LINK_DEPTH 32

/* The bytes something blank_links() reads can start at. */
static const unsigned char link_start[256] = {
	['\\'] = 1, ['['] = 1, [']'] = 1, ['<'] = 1,
	['h'] = 1, ['H'] = 1, ['w'] = 1, ['W'] = 1, ['f'] = 1, ['F'] = 1, ['m'] = 1, ['M'] = 1,
};

static int blank_links(char *t, size_t len)
{
	size_t open[LINK_DEPTH], depth = 0, i, end, bar;
	int blanked = 0;

	for (i = 0; i < len; i++) {
		if (!link_start[(unsigned char)t[i]])
			continue;	/* nothing starts here */
		if (t[i] == '\\' && i + 1 < len && t[i + 1] != '\n') {
			i++;
		} else if (t[i] == '[' && i + 1 < len && t[i + 1] == '[' &&
			   (end = wikilink_end(t, i, len, &bar))) {
			if (i && t[i - 1] == '!')	/* an embed: nothing to read */
				blank_span(t, i - 1, end);
			else if (bar) {
				blank_span(t, i, bar + 1);
				blank_span(t, end - 2, end);
			}
			else {
				blank_span(t, i, i + 2);
				blank_span(t, end - 2, end);
			}
			blanked = 1;
			i = end - 1;
		} else if (t[i] == '[' && (end = footnote_end(t, i, len))) {
			blank_span(t, i, end);
			blanked = 1;
			i = end - 1;
		} else if (t[i] == '[') {
			if (depth < LINK_DEPTH)
				open[depth++] = i;
		} else if (t[i] == ']' && depth) {
			size_t a = open[--depth];

			if (i + 1 < len && t[i + 1] == '(' && (end = link_dest_end(t, i + 1, len))) {
				blank_span(t, a > 0 && t[a - 1] == '!' ? a - 1 : a, a + 1);
				blank_span(t, i, end);
				blanked = 1;
				depth = 0;	/* links hold no links */
				i = end - 1;
			}
		} else if (t[i] == '<' && (end = autolink_end(t, i, len))) {
			blank_span(t, i, end);
			blanked = 1;
			i = end - 1;
		} else if (url_start(t, i, len) && (end = url_end(t, i, len)) > i) {
			blank_span(t, i, end);
			blanked = 1;
			i = end - 1;
		}
	}
	return blanked;
}

unsigned markup_blank(char *text, const struct passage *p)
{
	char *t = text + p->off, *e = t + p->len, *c, *end;
	size_t i, n;
	int blanked = 0;

	if ((n = callout_len(text, p)) != 0) {
		memset(t, ' ', n);
		blanked = 1;
	}

	for (c = t; (c = memchr(c, '<', (size_t)(e - c))) != NULL; c++) {
		if (e - c < 5 || memcmp(c, "<!--", 4) != 0)
			continue;
		/* from the "--" of "<!--": "<!-->" is a whole comment */
		for (end = c + 2; end + 3 <= e && memcmp(end, "-->", 3) != 0; end++)
			;
		if (end + 3 > e)
			break;		/* not closed here: text, as CommonMark has it */
		memset(c, ' ', (size_t)(end + 3 - c));
		blanked = 1;
		c = end + 2;
	}
	if (p->kind == PASSAGE_QUOTE)
		for (i = 0; i < p->len; i++) {
			if (t[i] != '\n' && t[i] != '\r')
				continue;
			while (i + 1 < p->len && (t[i + 1] == '\n' || t[i + 1] == '\r' ||
						  is_blank(t[i + 1])))
				i++;
			while (i + 1 < p->len && (t[i + 1] == '>' || is_blank(t[i + 1])))
				t[++i] = ' ';
		}
	/* Obsidian's "%% ... %%", closed on its line: once the quote's
	 * markers are blanks, a "%%" right after one opens a comment, as it
	 * does at the start of a line */
	for (i = 0; i + 1 < p->len; i++) {
		size_t stop;

		if (!markup_percent_opens(t, 0, i, p->len))
			continue;
		if (!(stop = markup_percent_end(t, i + 2, p->len))) {
			/* no "%%" follows on its line, to close it or open one */
			while (i + 1 < p->len && t[i + 1] != '\n' && t[i + 1] != '\r')
				i++;
			continue;
		}
		memset(t + i, ' ', stop - i);
		blanked = 1;
		i = stop - 1;
	}
	for (i = 0; i < p->len; i++) {
		size_t stop;

		if (t[i] != '<' || !(stop = markup_tag_end(t, i, p->len)))
			continue;
		memset(t + i, ' ', stop - i);
		blanked = 1;
		i = stop - 1;
	}
	blanked |= blank_block_ids(t, p->len);
	blanked |= blank_links(t, p->len);
	/* a quote's markers hold no word; only comments and markup can take
	 * some away */
	return blanked ? markup_count_words(t, p->len) : p->words;
}

/*
 * A letter or a digit of any script, as PCRE2's Unicode tables know them,
 * or U+FFFD (see has_letter): compiled once, and shared by every thread,
 * since compiled code is only read.
 */
static pcre2_code *letter_re;
static pthread_once_t letter_once = PTHREAD_ONCE_INIT;

/* At exit, when no thread counts words any more. */
static void letter_release(void)
{
	pcre2_code_free(letter_re);
	letter_re = NULL;
}

static void letter_compile(void)
{
	int err;
	PCRE2_SIZE at;

	letter_re = pcre2_compile((PCRE2_SPTR) "[\\p{L}\\p{N}\\x{FFFD}]", PCRE2_ZERO_TERMINATED,
				  PCRE2_UTF, &err, &at, NULL);
	if (letter_re) {
		pcre2_jit_compile(letter_re, PCRE2_JIT_COMPLETE);
		atexit(letter_release);
	}
}


/* Whether a token with no ASCII letter or digit, but some byte above
 * 0x7F, holds a letter or digit of another script ("été", "東京") rather
 * than only marks ("—", "•", "→").  Bytes that are not UTF-8, and the
 * U+FFFD that stands for them once the note is read, count as a letter, as
 * they may be one in another encoding. */
static int has_letter(const char *s, size_t n, pcre2_match_data **md)
{
	int rc;

	pthread_once(&letter_once, letter_compile);
	if (!letter_re)
		return 1;
	if (!*md && !(*md = pcre2_match_data_create(1, NULL)))
		return 1;
	rc = pcre2_match(letter_re, (PCRE2_SPTR)s, n, 0, 0, *md, NULL);
	return rc != PCRE2_ERROR_NOMATCH;	/* a match, or bytes PCRE2 refused */
}

/*
 * The word_class of the character at s[0, len), whose first byte is above
 * 0x7F, and its length in *n.  Unicode's space separators (category Zs:
 * NBSP, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000) separate words.
 * Chinese and Japanese are written without spaces, so each Han ideograph
 * and each kana is a word of its own (8), as word processors count them;
 * the kana sound marks, which go with the kana before them, are no word
 * (0) and the middle dot is punctuation.  Bytes that are not UTF-8 are
 * one byte each, of class 4.
 */
static unsigned wide_class(const unsigned char *s, size_t len, size_t *n)
{
	unsigned long c;

	*n = utf8_seq_len(s, len);
	if (!*n) {
		*n = 1;
		return 4;
	}
	c = utf8_decode(s, *n);
	if (c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	    c == 0x202F || c == 0x205F || c == 0x3000)
		return 1;
	if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF))
		return 8;
	if ((c >= 0x3099 && c <= 0x309C) || (c >= 0xFF9E && c <= 0xFF9F))
		return 0;
	if ((c >= 0x3040 && c <= 0x309F) ||
	    (c >= 0x30A1 && c <= 0x30FF && c != 0x30FB) ||
	    (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9D))
		return 8;
	return 4;
}

unsigned markup_count_words(const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;
	pcre2_match_data *md = NULL;
	unsigned words = 0, k, seen = 0;
	size_t i = 0, n, start = 0;

	/* seen: 2 an ASCII letter or digit, 4 a byte above 0x7F */
	while (i <= len) {
		n = 1;
		k = i < len ? word_class[u[i]] : 1;
		if (k == 4)
			k = wide_class(u + i, len - i, &n);
		if (k != 1 && k != 8) {
			if (!seen)
				start = i;
			seen |= k | 1;
			i += n;
			continue;
		}
		/* a separator, or an ideograph that is a word by itself, ends
		 * the run before it: "東京office" is three words */
		if (seen & 2)
			words++;
		else if ((seen & 4) && has_letter(text + start, i - start, &md))
			words++;
		seen = 0;
		if (k == 8)
			words++;
		i += n;
	}
	pcre2_match_data_free(md);
	return words;
}
