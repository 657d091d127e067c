#include "dic.h"
#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "rules.h"
#include "util.h"
#include "ynode.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* s[0, len) escaped for a message (it may hold any byte), in b. */
static const char *quoted(struct buf *b, const char *s, size_t len)
{
	buf_reset(b);
	esc_text(b, s, len, 0);
	return b->ptr;
}

/* One line of the file, without its line end and outer white space. */
struct line {
	const char *p;
	size_t len;
	unsigned no;
};

static void trim(struct line *l)
{
	while (l->len && is_space((unsigned char)l->p[0])) {
		l->p++;
		l->len--;
	}
	while (l->len && is_space((unsigned char)l->p[l->len - 1]))
		l->len--;
}

/* The next white-space separated token of l, consumed; 0 at the end. */
static size_t token(struct line *l, const char **tok)
{
	size_t n = 0;

	trim(l);
	*tok = l->p;
	while (n < l->len && !is_space((unsigned char)l->p[n]))
		n++;
	l->p += n;
	l->len -= n;
	return n;
}

static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_digit((unsigned char)s[i]))
			return 0;
	return n > 0;
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

		diag_error(d, path, l.no, 0, "category id '%s' given twice", quoted(&e, id, idn));
		buf_release(&e);
		return -1;
	}
	for (i = 0; i < dic->n; i++)
		if (span_ieq(name, namen, dic->v[i].name)) {
			struct buf e = BUF_INIT;

			/* a rule file names categories by name: two of one name
			 * could not be told apart */
			diag_error(d, path, l.no, 0,
				   "category name '%s' given twice (also category %s, line %u)",
				   quoted(&e, name, namen), dic->v[i].id, dic->v[i].line);
			buf_release(&e);
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
			if (!s || !all_digits(l.p + s, e - s))
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
					  quoted(&e, tok, n));
			buf_release(&e);
		} else {
			diag_error(d, path, l.no, 0, "category '%s' is not in the header",
				   quoted(&e, tok, n));
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
		trim(&l);
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

/* The characters a name keeps in an id: letters, digits, '.', '_', '-'. */
static int name_char(int c)
{
	return is_alnum(c) || c == '.' || c == '_' || c == '-';
}

#define NAME_PART_MAX 60

/* Letters, digits, '.', '_' and '-' kept (lowercased when `lower`), the
 * rest as '_': the part of an id or a topic taken from a name. */
static void add_name_part(struct buf *b, const char *s, size_t n, int lower)
{
	size_t i;

	for (i = 0; i < n && i < NAME_PART_MAX; i++) {
		int c = (unsigned char)s[i];

		if (name_char(c))
			buf_addch(b, lower ? to_lower(c) : c);
		else
			buf_addch(b, '_');
	}
	if (!n)
		buf_addch(b, '_');
}

/* Whether add_name_part keeps the name as it is. */
static int name_as_is(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (i >= NAME_PART_MAX || !name_char((unsigned char)s[i]))
			return 0;
	return i > 0;
}

/* The path of `file` relative to the folder of `rule_path`. */
static void join_path(struct buf *b, const char *rule_path, const char *file)
{
	const char *slash = strrchr(rule_path, '/');

	if (file[0] != '/' && slash)
		buf_add(b, rule_path, (size_t)(slash - rule_path) + 1);
	buf_adds(b, file);
}

struct mapping {
	const struct ynode *file, *lists[CAT_COUNT], *weight, *topic;
	double w;
	dev_t dev;		/* the identity of the file read */
	ino_t ino;
};

static int read_mapping(struct mapping *m, const struct ynode *v, const char *path,
			struct diag *d)
{
	static const char *const keys[] = { "file", "business", "social", "weight", "topic" };
	struct buf e = BUF_INIT;
	size_t i, k;

	memset(m, 0, sizeof(*m));
	m->w = 1;
	if (v->kind != YNODE_MAP) {
		diag_error(d, path, v->line, v->col,
			   "a dictionary must be a mapping with 'file', 'business' and 'social', found %s",
			   ynode_kind_name(v->kind));
		goto fail;
	}
	for (i = 0; i < ynode_map_size(v); i++) {
		const struct ynode *key = ynode_key(v, i), *val = ynode_value(v, i);
		const struct ynode **slot[] = { &m->file, &m->lists[CAT_BUSINESS],
						&m->lists[CAT_SOCIAL], &m->weight, &m->topic };

		for (k = 0; k < 5; k++)
			if (key->kind == YNODE_SCALAR && span_ieq(key->str, key->len, keys[k]))
				break;
		if (k == 5) {
			diag_error(d, path, key->line, key->col, "unknown key '%s' in a dictionary",
				   key->kind == YNODE_SCALAR ? quoted(&e, key->str, key->len) : "?");
			goto fail;
		}
		if (*slot[k]) {
			diag_error(d, path, key->line, key->col, "'%s' given twice in a dictionary",
				   keys[k]);
			goto fail;
		}
		if (k != 1 && k != 2 && val->kind != YNODE_SCALAR) {
			diag_error(d, path, val->line, val->col,
				   "dictionary: '%s' must be a string, found %s", keys[k],
				   ynode_kind_name(val->kind));
			goto fail;
		}
		*slot[k] = val;
	}
	if (!m->file || !m->file->len || memchr(m->file->str, '\0', m->file->len)) {
		diag_error(d, path, v->line, v->col, "a dictionary without a 'file'");
		goto fail;
	}
	if (m->weight && rules_parse_weight(m->weight->str, m->weight->len, &m->w) < 0) {
		diag_error(d, path, m->weight->line, m->weight->col,
			   "dictionary: weight must be a number above 0 and at most 1000, not '%s'",
			   quoted(&e, m->weight->str, m->weight->len));
		goto fail;
	}
	if (m->topic && (!rules_valid_id(m->topic->str, m->topic->len) ||
			 strchr(m->topic->str, '/'))) {
		diag_error(d, path, m->topic->line, m->topic->col,
			   "dictionary: topic '%s' must be 1 to 200 ASCII letters, digits, '.', '_' or '-'",
			   quoted(&e, m->topic->str, m->topic->len));
		goto fail;
	}
	if (!m->lists[CAT_BUSINESS] && !m->lists[CAT_SOCIAL]) {
		diag_error(d, path, v->line, v->col,
			   "a dictionary maps none of its categories to 'business' or 'social'");
		goto fail;
	}
	return 0;
fail:
	buf_release(&e);
	return -1;
}

/* Adds the rules of category c of dic.  Returns 0, or -1 after reporting
 * that they would take the rule set over RULES_MAX_RULES (a category may
 * need many patterns). */
static int add_category(struct ruleset *rs, const struct dic *dic, size_t c, enum category cat,
			const struct mapping *m, const char *dic_path, const struct ynode *where,
			const char *path, struct diag *d)
{
	const char *base = strrchr(dic_path, '/'), *dot;
	const struct dic_category *dc = &dic->v[c];
	struct strlist pats = { NULL, 0, 0 };
	struct buf id = BUF_INIT, topic = BUF_INIT;
	size_t i, idlen;
	int ret = 0, warned = 0;

	base = base ? base + 1 : dic_path;
	dot = strrchr(base, '.');
	buf_adds(&id, "dic.");
	add_name_part(&id, base, dot && dot != base ? (size_t)(dot - base) : strlen(base), 0);
	buf_addch(&id, '.');
	add_name_part(&id, dc->name, strlen(dc->name), 0);
	/* a name changed on the way ("a+b" is "a_b", as "a_b" is) takes its
	 * category number too, so that two categories never share an id */
	if (!name_as_is(dc->name))
		buf_addf(&id, "-%s", dc->id);
	idlen = id.len;
	if (m->topic)
		buf_add(&topic, m->topic->str, m->topic->len);
	else
		add_name_part(&topic, dc->name, strlen(dc->name), 1);
	for (i = 0; i < topic.len; i++)
		topic.ptr[i] = (char)to_lower((unsigned char)topic.ptr[i]);
	dic_patterns(dic, c, RULES_MAX_PATTERN, &pats);
	if (rs->n + pats.n > RULES_MAX_RULES) {
		diag_error(d, path, where->line, where->col, "more than %d rules", RULES_MAX_RULES);
		ret = -1;
		goto out;
	}
	if (!pats.n) {
		struct buf e = BUF_INIT;

		diag_warn(d, dic_path, dc->line, 0, "category '%s' has no entries",
			  quoted(&e, dc->name, strlen(dc->name)));
		buf_release(&e);
	}
	for (i = 0; i < pats.n; i++) {
		const struct rule *old;
		struct rule r;

		memset(&r, 0, sizeof(r));
		id.len = idlen;
		if (pats.n > 1)
			buf_addf(&id, ".%zu", i + 1);
		r.id = xstrndup(id.ptr, id.len);
		r.file = ruleset_intern_file(rs, dic_path);
		/* the id comes from the file's name alone: another folder's
		 * dictionary of that name (en/work.dic, de/work.dic) would
		 * replace this one's rules unseen; mapping the same file again,
		 * however its path is written (./a/x.dic, a/x.dic, through a
		 * link), is an override, as a rule file's rule is */
		old = ruleset_find(rs, r.id);
		if (old && old->from_dic && (old->dic_dev != m->dev || old->dic_ino != m->ino) &&
		    !warned++) {
			struct buf e = BUF_INIT;

			diag_warn(d, dic_path, dc->line, 0,
				  "rule '%s' again (first made from '%s', line %u); the later one "
				  "is used (rename one of the dictionaries to keep both)", r.id,
				  quoted(&e, old->file, strlen(old->file)), old->line);
			buf_release(&e);
		}
		r.from_dic = 1;
		r.dic_dev = m->dev;
		r.dic_ino = m->ino;
		r.cat = cat;
		r.topic = xstrndup(topic.ptr, topic.len);
		r.weight = m->w;
		r.pattern = xstrdup(pats.v[i]);
		r.pattern_len = strlen(pats.v[i]);
		r.line = r.pattern_line = dc->line;
		ruleset_put(rs, &r);
	}
out:
	strlist_release(&pats);
	buf_release(&id);
	buf_release(&topic);
	return ret;
}

/* The categories named under business and social, checked, in order:
 * sets want[c] to the category each dictionary category goes to. */
static int resolve(const struct dic *dic, const struct mapping *m, int *want,
		   const char *path, const char *dic_path, struct diag *d)
{
	int cat, ret = 0;
	size_t i;

	for (cat = 0; cat < CAT_COUNT; cat++) {
		const struct ynode *l = m->lists[cat];
		size_t n = !l ? 0 : l->kind == YNODE_SEQ ? l->n : 1;

		if (l && l->kind == YNODE_MAP) {
			diag_error(d, path, l->line, l->col,
				   "dictionary: '%s' must be a list of category names",
				   category_names[cat]);
			return -1;
		}
		for (i = 0; i < n; i++) {
			const struct ynode *v = l->kind == YNODE_SEQ ? l->kids[i] : l;
			int c;

			if (v->kind != YNODE_SCALAR) {
				diag_error(d, path, v->line, v->col,
					   "dictionary: '%s' must be a list of category names",
					   category_names[cat]);
				ret = -1;
				continue;
			}
			if (l->kind == YNODE_SCALAR && !v->len)
				continue;	/* "social:" with nothing after it */
			if ((c = dic_find(dic, v->str, v->len)) < 0) {
				struct buf e = BUF_INIT, p = BUF_INIT;

				diag_error(d, path, v->line, v->col,
					   "dictionary '%s' has no category '%s'",
					   quoted(&p, dic_path, strlen(dic_path)),
					   quoted(&e, v->str, v->len));
				buf_release(&e);
				buf_release(&p);
				ret = -1;
			} else if (want[c] >= 0) {
				struct buf e = BUF_INIT;

				diag_error(d, path, v->line, v->col,
					   "dictionary category '%s' mapped twice",
					   quoted(&e, dic->v[c].name, strlen(dic->v[c].name)));
				buf_release(&e);
				ret = -1;
			} else {
				want[c] = cat;
			}
		}
	}
	return ret;
}

static int add_dictionary(struct ruleset *rs, const struct ynode *v, const char *path,
			  struct diag *d)
{
	struct mapping m;
	struct buf dic_path = BUF_INIT;
	struct stat st;
	struct buf text = BUF_INIT;
	struct dic dic;
	int *want = NULL, ret = -1;
	size_t c, cat, count = 0;

	if (read_mapping(&m, v, path, d) < 0)
		return -1;
	dic_init(&dic);
	join_path(&dic_path, path, m.file->str);
	if (rules_read_file(&text, dic_path.ptr, &st, d) < 0 ||
	    dic_parse(&dic, text.ptr, text.len, dic_path.ptr, d) < 0)
		goto out;
	m.dev = st.st_dev;
	m.ino = st.st_ino;
	want = xmalloc((dic.n ? dic.n : 1) * sizeof(*want));
	for (c = 0; c < dic.n; c++)
		want[c] = -1;
	if (resolve(&dic, &m, want, path, dic_path.ptr, d) < 0)
		goto out;
	for (c = 0; c < dic.n; c++)
		count += want[c] >= 0;
	if (rs->n + count > RULES_MAX_RULES) {
		diag_error(d, path, v->line, v->col, "more than %d rules", RULES_MAX_RULES);
		goto out;
	}
	/* in the order business, social, and the dictionary's order within */
	ret = 0;
	for (cat = 0; cat < CAT_COUNT && !ret; cat++)
		for (c = 0; c < dic.n && !ret; c++)
			if (want[c] == (int)cat)
				ret = add_category(rs, &dic, c, (enum category)cat, &m, dic_path.ptr,
						   v, path, d);
out:
	free(want);
	dic_release(&dic);
	buf_release(&text);
	buf_release(&dic_path);
	return ret;
}

int dic_add_mappings(struct ruleset *rs, const struct ynode *list, const char *rule_path,
		     struct diag *d)
{
	size_t i;
	int ret = 0;

	if (list->kind == YNODE_SCALAR && !list->len)
		return 0;
	if (list->kind != YNODE_SEQ) {
		diag_error(d, rule_path, list->line, list->col,
			   "'dictionaries' must be a list, found %s", ynode_kind_name(list->kind));
		return -1;
	}
	for (i = 0; i < list->n; i++)
		if (add_dictionary(rs, list->kids[i], rule_path, d) < 0)
			ret = -1;
	return ret;
}
