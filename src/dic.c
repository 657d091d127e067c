#include "dic.h"
#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "strlist.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* bytes of one entry: escaped (at most 6 bytes for 1) it fits in a pattern */
#define MAX_ENTRY 500
#define MAX_CATEGORIES 1000	/* LIWC-22 has about 120 */

void dic_init(struct dic *dic)
{
	memset(dic, 0, sizeof(*dic));
}

void dic_release(struct dic *dic)
{
	size_t i;

	for (i = 0; i < dic->n; i++) {
		free(dic->v[i].id);
		free(dic->v[i].name);
		strlist_release(&dic->v[i].entries);
	}
	free(dic->v);
	dic_init(dic);
}

int dic_find(const struct dic *dic, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < dic->n; i++)
		if (span_ieq(s, len, dic->v[i].name) ||
		    (strlen(dic->v[i].id) == len && memcmp(s, dic->v[i].id, len) == 0))
			return (int)i;
	return -1;
}

/* One line of the file, without its line end and outer white space. */
struct line {
	const char *p;
	size_t len;
	unsigned no;
};

/* The next white-space separated token of l, consumed; 0 at the end. */
static size_t token(struct line *l, const char **tok)
{
	size_t n = 0;

	span_trim(&l->p, &l->len);
	*tok = l->p;
	while (n < l->len && !is_space((unsigned char)l->p[n]))
		n++;
	l->p += n;
	l->len -= n;
	return n;
}

static int find_id(const struct dic *dic, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < dic->n; i++)
		if (strlen(dic->v[i].id) == len && memcmp(s, dic->v[i].id, len) == 0)
			return (int)i;
	return -1;
}

static int cmp_cat(const void *a, const void *b)
{
	return strcmp((*(struct dic_category *const *)a)->id,
		      (*(struct dic_category *const *)b)->id);
}

/* The category with the id s[0, len), by binary search of `sorted` (the
 * categories in id order), or -1: entries may be many. */
static int find_sorted(const struct dic *dic, struct dic_category *const *sorted,
		       const char *s, size_t len)
{
	size_t lo = 0, hi = dic->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, n = strlen(sorted[mid]->id);
		int c = memcmp(s, sorted[mid]->id, len < n ? len : n);

		if (!c)
			c = (len > n) - (len < n);
		if (!c)
			return (int)(sorted[mid] - dic->v);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

static int header_line(struct dic *dic, struct line l, const char *path, struct diag *d)
{
	const char *id, *name;
	size_t idn = token(&l, &id), namen = token(&l, &name), i;
	struct dic_category *c;
	int dup = 0;

	if (!namen) {
		diag_error(d, path, l.no, 0, "a category line is an id and a name");
		return -1;
	}
	if (find_id(dic, id, idn) >= 0) {
		struct buf e = BUF_INIT;

		diag_error(d, path, l.no, 0, "category id '%s' given twice", esc_span(&e, id, idn));
		buf_release(&e);
		return -1;
	}
	for (i = 0; i < dic->n; i++)
		if (span_ieq(name, namen, dic->v[i].name)) {
			struct buf e = BUF_INIT, f = BUF_INIT;

			/* a rule file names categories by name: two of one name
			 * could not be told apart */
			diag_error(d, path, l.no, 0,
				   "category name '%s' given twice (also category %s, line %u)",
				   esc_span(&e, name, namen),
				   esc_span(&f, dic->v[i].id, strlen(dic->v[i].id)), dic->v[i].line);
			buf_release(&e);
			buf_release(&f);
			dup = 1;	/* still added: its entries are no further error */
			break;
		}
	if (dic->n >= MAX_CATEGORIES) {
		diag_error(d, path, l.no, 0, "more than %d categories", MAX_CATEGORIES);
		return -1;
	}
	dic->v = xgrow(dic->v, sizeof(*dic->v), dic->n + 1, &dic->alloc);
	c = &dic->v[dic->n++];
	memset(c, 0, sizeof(*c));
	c->id = xstrndup(id, idn);
	c->name = xstrndup(name, namen);
	c->line = l.no;
	return dup ? -1 : 0;
}

/* Whether s[0, n) has one of LIWC2007's conditional characters. */
static int conditional(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr("()<>/", s[i]))
			return 1;
	return 0;
}

static int entry_line(struct dic *dic, struct dic_category *const *sorted, struct line l,
		      const char *path, int *warned, struct diag *d)
{
	const char *tab = memchr(l.p, '\t', l.len), *star, *tok;
	struct line ids = l;
	size_t wlen, n, ntok = 0;

	if (tab) {
		wlen = (size_t)(tab - l.p);
		ids.p = tab;
		ids.len = l.len - wlen;
	} else {
		/* no tab: the trailing run of digit tokens are the ids */
		size_t end = l.len;

		for (;;) {
			size_t e = end, s;

			while (e && is_space((unsigned char)l.p[e - 1]))
				e--;
			s = e;
			while (s && !is_space((unsigned char)l.p[s - 1]))
				s--;
			if (!s || e == s || !span_digits(l.p + s, e - s))
				break;
			end = s;
		}
		wlen = end;
		ids.p = l.p + end;
		ids.len = l.len - end;
	}
	while (wlen && is_space((unsigned char)l.p[wlen - 1]))
		wlen--;
	if (!wlen || !ids.len) {
		diag_error(d, path, l.no, 0, "an entry line is an entry, a tab and category ids");
		return -1;
	}
	if (wlen > MAX_ENTRY) {
		diag_error(d, path, l.no, 0, "an entry longer than %d bytes", MAX_ENTRY);
		return -1;
	}
	star = memchr(l.p, '*', wlen);
	if (star && star != l.p + wlen - 1) {
		diag_error(d, path, l.no, 0, "'*' may only end an entry");
		return -1;
	}
	if (wlen == 1 && star) {
		diag_error(d, path, l.no, 0, "an entry of '*' alone would match every word");
		return -1;
	}
	while ((n = token(&ids, &tok)) != 0) {
		int c = find_sorted(dic, sorted, tok, n);
		struct buf e = BUF_INIT;

		ntok++;
		if (c >= 0) {
			strlist_add(&dic->v[c].entries, l.p, wlen);
		} else if (conditional(tok, n)) {
			if (!(*warned)++)
				diag_warn(d, path, l.no, 0,
					  "conditional categories such as '%s' are not supported; skipped (first of this file)",
					  esc_span(&e, tok, n));
			buf_release(&e);
		} else {
			diag_error(d, path, l.no, 0, "category '%s' is not in the header",
				   esc_span(&e, tok, n));
			buf_release(&e);
			return -1;
		}
	}
	if (!ntok) {
		diag_error(d, path, l.no, 0, "an entry line is an entry, a tab and category ids");
		return -1;
	}
	return 0;
}


int dic_parse(struct dic *dic, const char *text, size_t len, const char *path,
	      struct diag *d)
{
	size_t off = 0, bad, k;
	int state = 0, ret = 0, warned = 0;
	struct dic_category **sorted = NULL;
	unsigned no = 0, line, col;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		off = 3;
	if ((bad = utf8_check(text + off, len - off)) < len - off) {
		text_line_col(text, off, 1, off + bad, &line, &col);
		diag_error(d, path, line, col, "invalid UTF-8 (byte 0x%02X)",
			   (unsigned)(unsigned char)text[off + bad]);
		return -1;
	}
	if (memchr(text, '\0', len)) {
		text_line_col(text, off, 1, (size_t)((const char *)memchr(text, '\0', len) - text),
			      &line, &col);
		diag_error(d, path, line, col, "a NUL byte");
		return -1;
	}
	while (off < len) {
		struct line l;
		size_t e = off;

		while (e < len && text[e] != '\n' && text[e] != '\r')
			e++;
		l.p = text + off;
		l.len = e - off;
		l.no = ++no;
		off = e < len && text[e] == '\r' && e + 1 < len && text[e + 1] == '\n' ? e + 2
										: e + 1;
		span_trim(&l.p, &l.len);
		if (!l.len)
			continue;
		if (l.len == 1 && l.p[0] == '%') {
			if (state == 2) {
				diag_error(d, path, l.no, 0, "a third '%%' line");
				free(sorted);
				return -1;
			}
			if (++state == 2) {
				sorted = xmalloc((dic->n ? dic->n : 1) * sizeof(*sorted));
				for (k = 0; k < dic->n; k++)
					sorted[k] = &dic->v[k];
				if (dic->n)
					qsort(sorted, dic->n, sizeof(*sorted), cmp_cat);
			}
			continue;
		}
		if (state == 0) {
			diag_error(d, path, l.no, 0, "a .dic file starts with a '%%' line");
			return -1;
		}
		if (state == 1 ? header_line(dic, l, path, d) < 0
			       : entry_line(dic, sorted, l, path, &warned, d) < 0)
			ret = -1;
	}
	free(sorted);
	if (state < 2) {
		diag_error(d, path, no ? no : 1, 0, "no '%%' line ends the header");
		return -1;
	}
	for (off = 0; off < dic->n; off++)
		strlist_sort_unique(&dic->v[off].entries);
	return ret;
}

/* Appends one entry as a regular expression. */
static void entry_regex(struct buf *b, const char *s)
{
	size_t i, n = strlen(s);
	int prefix = n && s[n - 1] == '*';

	if (prefix)
		n--;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_space(c)) {
			while (i + 1 < n && is_space((unsigned char)s[i + 1]))
				i++;
			buf_adds(b, "\\s+");
		} else if (c == '\'' || (c == 0xE2 && i + 2 < n && s[i + 1] == '\x80' &&
					 s[i + 2] == '\x99')) {
			buf_adds(b, "['\xE2\x80\x99]");
			if (c != '\'')
				i += 2;
		} else if (c < 0x80 && !is_alnum(c)) {
			/* a backslash before any ASCII punctuation is that character */
			buf_addch(b, '\\');
			buf_addch(b, c);
		} else {
			buf_addch(b, c);
		}
	}
	if (prefix)
		buf_adds(b, "\\w*");
}

#define DIC_HEAD "(?<!\\w)(?:"
#define DIC_TAIL ")(?!\\w)"

void dic_patterns(const struct dic *dic, size_t c, size_t max, struct strlist *out)
{
	const struct strlist *e = &dic->v[c].entries;
	struct buf pat = BUF_INIT, one = BUF_INIT;
	size_t i;

	for (i = 0; i < e->n; i++) {
		buf_reset(&one);
		entry_regex(&one, e->v[i]);
		if (pat.len && pat.len + 1 + one.len + strlen(DIC_TAIL) > max) {
			buf_adds(&pat, DIC_TAIL);
			strlist_add(out, pat.ptr, pat.len);
			buf_reset(&pat);
		}
		buf_adds(&pat, pat.len ? "|" : DIC_HEAD);
		buf_add(&pat, one.ptr, one.len);
	}
	if (pat.len) {
		buf_adds(&pat, DIC_TAIL);
		strlist_add(out, pat.ptr, pat.len);
	}
	buf_release(&pat);
	buf_release(&one);
}
