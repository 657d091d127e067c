#include "meta.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "esc.h"
#include "limits.h"
#include "note.h"
#include "strlist.h"
#include "util.h"
#include "ynode.h"

#include <stdlib.h>
#include <string.h>

static const char *const client_keys[] = {
	"client", "company", "customer", "account", "org", "organization", NULL
};
static const char *const attendee_keys[] = {
	"attendees", "participants", "people", "contacts", NULL
};

static const char *const date_keys[] = {
	"date", "created", "created_at", "meeting_date", "day", NULL
};

const struct meta_keys meta_default_keys = { client_keys, attendee_keys, date_keys };

/* The place of a date key in the list, else -1. */
static int date_key_rank(const struct ynode *key, const struct meta_keys *keys)
{
	const char *const *l = keys->date ? keys->date : date_keys;
	int i;

	for (i = 0; l[i] && i < META_MAX_DATE_KEYS; i++)
		if (span_ieq(key->str, key->len, l[i]))
			return i;
	return -1;
}

enum field {
	F_NONE = -1,
	F_CLIENT,
	F_DATE,
	F_DURATION,
	F_ATTENDEES,
	F_TAGS,
	F_INTRODUCED_BY,
	F_COUNT
};

static const char *const field_names[F_COUNT] = {
	"client", "date", "duration", "attendees", "tags", "introduced_by"
};

void meta_init(struct meta *m)
{
	memset(m, 0, sizeof(*m));
}

void meta_release(struct meta *m)
{
	strlist_release(&m->clients);
	strlist_release(&m->attendees);
	strlist_release(&m->tags);
	free(m->introduced_by);
	ynode_free(m->tree);
	meta_init(m);
}

/* The note a link's inside ("Folder/Name#heading|shown") points to: Name. */
static void link_name(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len, i;

	for (i = 0; i < n; i++)
		if (p[i] == '|' || p[i] == '#')
			break;
	n = i;
	for (i = n; i > 0; i--)
		if (p[i - 1] == '/')
			break;
	p += i;
	n -= i;
	span_trim(&p, &n);
	*s = p;
	*len = n;
}

/* How many [[...]] links s[0, n) holds, each "[[" closed by a later "]]". */
static int count_links(const char *s, size_t n)
{
	const char *o, *c, *end = s + n;
	int links = 0;

	while ((o = span_find(s, (size_t)(end - s), "[[", 2)) &&
	       (c = span_find(o + 2, (size_t)(end - o - 2), "]]", 2))) {
		links++;
		s = c + 2;
	}
	return links;
}

int meta_unwrap_link(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len;
	int links;

	span_trim(&p, &n);
	links = count_links(p, n);
	/* only a value that is one whole link, with no "[[" or "]]" inside
	 * it: "[[Acme]], [[Beta]]" begins and ends like one, but is two */
	if (links == 1 && n >= 4 && p[0] == '[' && p[1] == '[' && p[n - 2] == ']' &&
	    p[n - 1] == ']' && !span_find(p + 2, n - 4, "[[", 2) &&
	    !span_find(p + 2, n - 4, "]]", 2)) {
		p += 2;
		n -= 4;
		link_name(&p, &n);
	}
	*s = p;
	*len = n;
	return links;
}

static int unit_minutes(const char *u, size_t n, double *scale)
{
	static const char *const hours[] = { "h", "hr", "hrs", "hour", "hours", NULL };
	static const char *const mins[] = { "m", "min", "mins", "minute", "minutes", NULL };
	size_t i;

	for (i = 0; hours[i]; i++)
		if (span_ieq(u, n, hours[i])) {
			*scale = 60;
			return 0;
		}
	for (i = 0; mins[i]; i++)
		if (span_ieq(u, n, mins[i])) {
			*scale = 1;
			return 0;
		}
	return -1;
}

/* Reads a decimal number (digits, optional fraction) at s[*i]: -2 when
 * its whole part has more digits than META_MAX_MINUTES. */
static int read_number(const char *s, size_t len, size_t *i, double *v)
{
	size_t start = *i;
	double x = 0, f = 0.1;

	while (*i < len && is_digit((unsigned char)s[*i])) {
		x = x * 10 + (s[*i] - '0');
		(*i)++;
		if (*i - start > 6)
			return -2;
	}
	if (*i < len && s[*i] == '.') {
		(*i)++;
		if (*i >= len || !is_digit((unsigned char)s[*i]))
			return -1;
		while (*i < len && is_digit((unsigned char)s[*i])) {
			x += (s[*i] - '0') * f;
			f /= 10;
			(*i)++;
		}
	}
	if (*i == start)
		return -1;
	*v = x;
	return 0;
}

int meta_parse_duration(const char *s, size_t len, double *minutes)
{
	size_t i = 0, u;
	double total = 0, v, scale;
	int parts = 0, r;

	span_trim(&s, &len);
	if (!len)
		return -1;
	if (span_digits(s, len)) {
		if (len > 6)
			return -2;
		*minutes = span_num(s, len);
		return 0;
	}
	/* H:MM or H:MM:SS */
	for (i = 0; i < len && is_digit((unsigned char)s[i]); i++)
		;
	if (i > 0 && i <= 3 && i < len && s[i] == ':') {
		if (len == i + 3 && span_digits(s + i + 1, 2) && span_num(s + i + 1, 2) < 60) {
			*minutes = span_num(s, i) * 60.0 + span_num(s + i + 1, 2);
			return 0;
		}
		if (len == i + 6 && span_digits(s + i + 1, 2) && s[i + 3] == ':' &&
		    span_digits(s + i + 4, 2) && span_num(s + i + 1, 2) < 60 &&
		    span_num(s + i + 4, 2) < 60) {
			*minutes = span_num(s, i) * 60.0 + span_num(s + i + 1, 2) +
				   span_num(s + i + 4, 2) / 60.0;
			return 0;
		}
		return -1;
	}
	/* 1h30m, 1h 30m, 1h30, 90 min, 1.5 hours */
	i = 0;
	scale = 0;
	while (i < len) {
		double prev = scale;

		if ((r = read_number(s, len, &i, &v)) < 0)
			return r;
		while (i < len && s[i] == ' ')
			i++;
		for (u = i; i < len && is_alpha((unsigned char)s[i]); i++)
			;
		if (u == i && i == len && prev == 60)
			scale = 1;	/* the minutes of "1h30" */
		else if (unit_minutes(s + u, i - u, &scale) < 0)
			return -1;
		total += v * scale;
		parts++;
		while (i < len && s[i] == ' ')
			i++;
	}
	if (!parts)
		return -1;
	if (total > META_MAX_MINUTES)
		return -2;
	*minutes = total;
	return 0;
}

static enum field field_of(const struct ynode *key, const struct meta_keys *keys)
{
	size_t i;

	if (key->kind != YNODE_SCALAR)
		return F_NONE;
	for (i = 0; keys->client[i]; i++)
		if (span_ieq(key->str, key->len, keys->client[i]))
			return F_CLIENT;
	for (i = 0; keys->attendees[i]; i++)
		if (span_ieq(key->str, key->len, keys->attendees[i]))
			return F_ATTENDEES;
	if (date_key_rank(key, keys) >= 0)
		return F_DATE;
	if (span_ieq(key->str, key->len, "duration"))
		return F_DURATION;
	if (span_ieq(key->str, key->len, "tags") || span_ieq(key->str, key->len, "tag"))
		return F_TAGS;
	if (span_ieq(key->str, key->len, "introduced_by") ||
	    span_ieq(key->str, key->len, "introduced-by") ||
	    span_ieq(key->str, key->len, "introducedby"))
		return F_INTRODUCED_BY;
	return F_NONE;
}

/* Is v an unquoted [[Name]]: to YAML a list holding one list holding Name,
 * the two '[' side by side?  A list of one list, "[ [a/b] ]" or a block
 * item "- [a/b]", is not a link. */
static int is_link(const struct ynode *v)
{
	const struct ynode *in;

	if (v->kind != YNODE_SEQ || v->n != 1 || v->kids[0]->kind != YNODE_SEQ)
		return 0;
	in = v->kids[0];
	return in->n == 1 && in->kids[0]->kind == YNODE_SCALAR && in->line == v->line &&
	       in->col == v->col + 1;
}

/* The one string of v: an unquoted [[...]] (with *link set), or a list of
 * one string, [a/b], which is the string as written.  Else NULL. */
static const struct ynode *one_string(const struct ynode *v, int *link)
{
	*link = is_link(v);
	if (*link)
		return v->kids[0]->kids[0];
	if (v->kind == YNODE_SEQ && v->n == 1 && v->kids[0]->kind == YNODE_SCALAR)
		return v->kids[0];
	return NULL;
}

/*
 * The name in scalar s, wikilink unwrapped.  `link` says that s came from
 * an unquoted [[...]] (see is_link()): YAML took the brackets, and what
 * is left is the link's inside, "Folder/Name|shown".  Returns how many
 * links s holds in its text.
 */
static int name_of(const struct ynode *s, int link, const char **p, size_t *n)
{
	int links;

	*p = s->str;
	*n = s->len;
	links = meta_unwrap_link(p, n);
	if (link)
		link_name(p, n);
	return links;
}

/* Where a name field's value holds several links, "[[Acme]], [[Beta]]",
 * it is kept as written, with a word on how to name several. */
static void several_links(const struct ynode *s, const char *path, const char *field,
			  struct diag *d)
{
	const char *many = !strcmp(field, "client") ? "clients"
			   : !strcmp(field, "attendees") ? "attendees" : NULL;

	if (many)
		diag_warn(d, path, s->line, s->col,
			  "'%s' holds more than one link; kept as written "
			  "(a list names several %s)", field, many);
	else
		diag_warn(d, path, s->line, s->col,
			  "'%s' holds more than one link; kept as written", field);
}

static void add_name(struct strlist *l, const struct ynode *s, int link, const char *path,
		     const char *field, struct diag *d)
{
	const char *p;
	size_t n;

	if (ynode_is_null(s))
		return;
	if (name_of(s, link, &p, &n) > 1)
		several_links(s, path, field, d);
	if (n)
		strlist_add(l, p, n);
}

/*
 * A NUL in a name ("a\0b" in double quotes) would cut it short in every
 * C string it is copied to: reported at `level` (ROBUSTNESS B10).
 */
static int nul_in(const struct ynode *s, const char *path, const char *field,
		  enum diag_level level, struct diag *d)
{
	if (!memchr(s->str, '\0', s->len))
		return 0;
	diag_report(d, level, path, s->line, s->col, "'%s' holds a NUL character%s", field,
		    level == DIAG_ERROR ? "" : "; ignored");
	return 1;
}

/* A string or a list of strings (wikilinks unwrapped).  Anything else is
 * reported at `level`; a warning leaves the list empty. */
static int read_names(struct strlist *l, const struct ynode *v, const char *path,
		      const char *field, enum diag_level level, struct diag *d)
{
	size_t i;
	const struct ynode *s, *bad = v;
	int link = is_link(v);

	if (v->kind == YNODE_SCALAR || link) {
		s = link ? v->kids[0]->kids[0] : v;
		if (nul_in(s, path, field, level, d))
			return -1;
		add_name(l, s, link, path, field, d);
		return 0;
	}
	if (v->kind == YNODE_SEQ) {
		for (i = 0; i < v->n; i++) {
			link = 0;
			if ((s = v->kids[i])->kind == YNODE_SCALAR ||
			    (s = one_string(v->kids[i], &link))) {
				if (nul_in(s, path, field, level, d)) {
					strlist_release(l);
					return -1;
				}
				add_name(l, s, link, path, field, d);
			} else {
				bad = v->kids[i];
				break;
			}
		}
		if (i == v->n)
			return 0;
	}
	diag_report(d, level, path, bad->line, bad->col,
		    "'%s' must be a string or a list of strings, found %s%s", field,
		    ynode_kind_name(bad->kind), level == DIAG_ERROR ? "" : "; ignored");
	strlist_release(l);
	return -1;
}

/* Tags: a list, or one string of names separated by commas or spaces;
 * a leading '#' is dropped. */
static void add_tags(struct strlist *l, const char *s, size_t len)
{
	size_t i = 0, start;

	while (i < len) {
		while (i < len && (is_space((unsigned char)s[i]) || s[i] == ',' || s[i] == '#'))
			i++;
		start = i;
		while (i < len && !is_space((unsigned char)s[i]) && s[i] != ',')
			i++;
		if (i > start)
			strlist_add(l, s + start, i - start);
	}
}

/* Is there an `open` ... `close` pair in s[0, len)? */
static int has_pair(const char *s, size_t len, const char *open, const char *close)
{
	const char *o = span_find(s, len, open, 2);

	return o && span_find(o + 2, len - (size_t)(o + 2 - s), close, 2);
}

/*
 * Where the comment on the YAML line s[0, len) starts, else len: at a '#'
 * that opens the line or follows a blank, outside quotes.  A quote opens a
 * quoted scalar only where a scalar may start (the line's start, after
 * ": ", "- ", "? ", '[', '{' or ','), so the apostrophe in `Acme's` is
 * text; one left open runs to the end of the line.
 */
static size_t comment_start(const char *s, size_t len)
{
	size_t i;
	char q = 0;
	int may_open = 1;

	for (i = 0; i < len; i++) {
		if (q) {
			if (q == '"' && s[i] == '\\')
				i++;
			else if (s[i] == q && q == '\'' && i + 1 < len && s[i + 1] == '\'')
				i++;
			else if (s[i] == q)
				q = 0;
		} else if (is_blank((unsigned char)s[i])) {
			if (i && (s[i - 1] == ':' || s[i - 1] == '-' || s[i - 1] == '?'))
				may_open = 1;
		} else if (s[i] == '#' && (!i || is_blank((unsigned char)s[i - 1]))) {
			return i;
		} else if ((s[i] == '"' || s[i] == '\'') && may_open) {
			q = s[i];
			may_open = 0;
		} else {
			may_open = s[i] == '[' || s[i] == '{' || s[i] == ',';
		}
	}
	return len;
}

/*
 * The YAML text itself, line by line (comments aside), for a template
 * marker: unquoted, `date: {{date}}` is a flow mapping in a flow mapping to
 * YAML, and `{{date}} {{time}}` is not YAML at all, so the values alone
 * cannot tell.  Where this takes for a comment what is in fact text, in a
 * block scalar or a quoted scalar over several lines, has_template() still
 * finds the marker in the value.
 */
static int text_has_template(const char *t, size_t len)
{
	size_t i = 0, b, c, e;

	while (i < len) {
		for (e = i; e < len && t[e] != '\n' && t[e] != '\r'; e++)
			;
		for (b = i; b < e && is_blank((unsigned char)t[b]); b++)
			;
		c = comment_start(t + b, e - b);
		if (has_pair(t + b, c, "{{", "}}") || has_pair(t + b, c, "<%", "%>"))
			return 1;
		i = e + 1;
	}
	return 0;
}

static int has_template(const struct ynode *v)
{
	size_t i;

	if (v->kind == YNODE_SCALAR)
		return (span_find(v->str, v->len, "{{", 2) && span_find(v->str, v->len, "}}", 2)) ||
		       (span_find(v->str, v->len, "<%", 2) && span_find(v->str, v->len, "%>", 2));
	for (i = 0; i < v->n; i++)
		if (has_template(v->kids[i]))
			return 1;
	return 0;
}

/* A key as written, escaped for a message. */
static void key_text(const struct ynode *k, struct buf *out)
{
	buf_reset(out);
	esc_text(out, k->str, k->len, 0);
}

/* v as one scalar (or one_string()'s), else NULL after a warning that
 * the field is ignored. */
static const struct ynode *scalar_of(const struct ynode *v, const char *path,
				     const char *field, struct diag *d, int *link)
{
	const struct ynode *s;

	*link = 0;
	s = v->kind == YNODE_SCALAR ? v : one_string(v, link);
	if (!s)
		diag_warn(d, path, v->line, v->col, "'%s' must be a string, found %s; ignored",
			  field, ynode_kind_name(v->kind));
	return s;
}

static int read_field(struct meta *m, enum field f, const struct ynode *k,
		      const struct ynode *v, const char *path, struct diag *d)
{
	const struct ynode *s;
	const char *p;
	size_t n, i;
	int link, r;
	struct buf key = BUF_INIT;

	switch (f) {
	case F_CLIENT:
		strlist_release(&m->clients);
		return read_names(&m->clients, v, path, "client", DIAG_ERROR, d);
	case F_DATE:
		if (ynode_is_null(v))
			return 0;
		key_text(k, &key);
		if (!(s = scalar_of(v, path, key.ptr, d, &link))) {
			buf_release(&key);
			return 0;
		}
		/* a link to a daily note, "[[2026-03-04]]", is a date too */
		name_of(s, link, &p, &n);
		if (date_parse(p, n, m->date) < 0) {
			diag_warn(d, path, s->line, s->col,
				  "'%s' is not YYYY-MM-DD or ISO 8601; ignored", key.ptr);
			buf_release(&key);
			return 0;
		}
		buf_release(&key);
		m->has_date = 1;
		return 0;
	case F_DURATION:
		if (ynode_is_null(v))
			return 0;
		if (!(s = scalar_of(v, path, "duration", d, &link)))
			return 0;
		if ((r = meta_parse_duration(s->str, s->len, &m->minutes)) < 0) {
			if (r == -2)
				diag_warn(d, path, s->line, s->col,
					  "'duration' is longer than %d minutes; ignored",
					  META_MAX_MINUTES);
			else
				diag_warn(d, path, s->line, s->col,
					  "'duration' is not minutes, 1h30m or H:MM; ignored");
			m->has_duration = 0;
			return 0;
		}
		m->has_duration = 1;
		return 0;
	case F_ATTENDEES:
		strlist_release(&m->attendees);
		read_names(&m->attendees, v, path, "attendees", DIAG_WARNING, d);
		return 0;
	case F_TAGS:
		strlist_release(&m->tags);
		if (v->kind == YNODE_SCALAR) {
			if (!ynode_is_null(v) && !nul_in(v, path, "tags", DIAG_WARNING, d))
				add_tags(&m->tags, v->str, v->len);
		} else if (v->kind == YNODE_SEQ) {
			for (i = 0; i < v->n; i++)
				if (v->kids[i]->kind == YNODE_SCALAR &&
				    !nul_in(v->kids[i], path, "tags", DIAG_WARNING, d))
					add_tags(&m->tags, v->kids[i]->str, v->kids[i]->len);
		} else {
			diag_warn(d, path, v->line, v->col,
				  "'tags' must be a string or a list, found %s; ignored",
				  ynode_kind_name(v->kind));
		}
		return 0;
	case F_INTRODUCED_BY:
		free(m->introduced_by);
		m->introduced_by = NULL;
		if (ynode_is_null(v))
			return 0;
		link = 0;
		if (v->kind == YNODE_SEQ && !is_link(v) && v->n && v->kids[0]->kind == YNODE_SCALAR)
			s = v->kids[0];
		else if (!(s = scalar_of(v, path, "introduced_by", d, &link)))
			return 0;
		if (nul_in(s, path, "introduced_by", DIAG_WARNING, d))
			return 0;
		if (name_of(s, link, &p, &n) > 1)
			several_links(s, path, "introduced_by", d);
		if (n)
			m->introduced_by = xstrndup(p, n);
		return 0;
	case F_NONE:
	case F_COUNT:
		break;
	}
	return 0;
}

struct keyref {
	const struct ynode *key;
	size_t i;
};

/* Orders scalar keys without regard to ASCII case. */
static int key_cmp(const struct ynode *a, const struct ynode *b)
{
	size_t n = a->len < b->len ? a->len : b->len, i;
	int c;

	for (i = 0; i < n; i++) {
		c = to_lower((unsigned char)a->str[i]) - to_lower((unsigned char)b->str[i]);
		if (c)
			return c;
	}
	return a->len < b->len ? -1 : a->len > b->len;
}

/* Orders keys as key_cmp does, then by place. */
static int keyref_cmp(const void *a, const void *b)
{
	const struct keyref *x = a, *y = b;
	int c = key_cmp(x->key, y->key);

	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * For each unknown key of `root` given before, the first one: first[i] is
 * the earliest key equal to key i (ignoring case), else NULL.  The caller
 * frees the array.  Sorted, not compared pairwise: 100k YAML events allow
 * some 50k keys, and n^2 of those takes seconds.
 */
static const struct ynode **repeated_keys(const struct ynode *root, const struct meta_keys *keys)
{
	size_t n = ynode_map_size(root), i, g, m = 0;
	struct keyref *v = xmalloc(n * sizeof(*v));
	const struct ynode **first = xcalloc(n, sizeof(*first));

	for (i = 0; i < n; i++) {
		const struct ynode *k = ynode_key(root, i);

		if (k->kind == YNODE_SCALAR && field_of(k, keys) == F_NONE) {
			v[m].key = k;
			v[m++].i = i;
		}
	}
	qsort(v, m, sizeof(*v), keyref_cmp);
	for (g = 0, i = 1; i < m; i++) {
		if (key_cmp(v[i].key, v[g].key) == 0)
			first[v[i].i] = v[g].key;
		else
			g = i;
	}
	free(v);
	return first;
}

enum meta_result meta_parse(struct meta *m, const struct note *n,
			    const struct meta_keys *keys, struct diag *d)
{
	return meta_parse_limits(m, n, keys, NULL, d);
}

/* A column of the front matter's text, as a column of the file. */
static unsigned fm_col(void *arg, size_t off, unsigned col)
{
	const struct note *n = arg;

	return note_col(n, n->fm_off + off, col);
}

int meta_parse_yaml(const struct note *n, const char *what, const struct limits *lim,
		    struct diag *d, struct ynode **root)
{
	struct ynode_cols cols = { fm_col, (void *)n };

	return ynode_parse_cols(n->text.ptr + n->fm_off, n->fm_len, n->fm_line, n->path, what,
				lim, &cols, d, root);
}

enum meta_result meta_parse_limits(struct meta *m, const struct note *n,
				   const struct meta_keys *keys, const struct limits *lim,
				   struct diag *d)
{
	const struct ynode *root, *seen[F_COUNT] = { NULL }, **first;
	const struct ynode *date_at[META_MAX_DATE_KEYS] = { NULL };
	const struct ynode *date_val[META_MAX_DATE_KEYS] = { NULL };
	enum meta_result ret = META_OK;
	struct buf name = BUF_INIT;
	size_t i;

	if (date_from_path(n->path, m->date) == 0) {
		m->has_date = 1;
		m->date_from_name = 1;
	}
	if (!n->has_fm)
		return META_OK;
	if (!lim)
		lim = &limits_default;
	if (n->fm_len > lim->front_matter) {
		diag_error(d, n->path, n->fm_line, 1,
			   "front matter of %zu bytes is longer than %zu (limit 'front-matter'); skipped",
			   n->fm_len, lim->front_matter);
		return META_ERROR;
	}
	if (text_has_template(n->text.ptr + n->fm_off, n->fm_len)) {
		diag_note(d, n->path, 0, 0, "an unrendered template ('{{...}}' or '<%%...%%>'); skipped");
		return META_TEMPLATE;
	}
	if (meta_parse_yaml(n, "front matter", lim, d, &m->tree) < 0)
		return META_ERROR;
	root = m->tree;
	if (!root)
		return META_OK;
	if (root->kind != YNODE_MAP) {
		/* a decorative '---' above a sentence is not a meeting's fields,
		 * but the note and the rest of the run are still worth reading */
		diag_warn(d, n->path, root->line, root->col,
			  "front matter must be a mapping, found %s; read with no fields",
			  ynode_kind_name(root->kind));
		ynode_free(m->tree);
		m->tree = NULL;
		return META_OK;
	}
	if (has_template(root)) {
		diag_note(d, n->path, 0, 0, "an unrendered template ('{{...}}' or '<%%...%%>'); skipped");
		return META_TEMPLATE;
	}
	first = repeated_keys(root, keys);
	for (i = 0; i < ynode_map_size(root); i++) {
		const struct ynode *k = ynode_key(root, i), *v = ynode_value(root, i);
		enum field f = field_of(k, keys);

		if (k->kind != YNODE_SCALAR) {
			diag_warn(d, n->path, k->line, k->col, "a key that is %s; ignored",
				  ynode_kind_name(k->kind));
			continue;
		}
		if (f == F_NONE) {
			/* unknown keys are kept, but a repeated one is still worth a
			 * word; the key is the note's text, so it is escaped */
			if (first[i]) {
				buf_reset(&name);
				esc_text(&name, k->str, k->len, 0);
				diag_warn(d, n->path, k->line, k->col,
					  "key '%s' given twice (first at line %u); the last one wins",
					  name.ptr, first[i]->line);
			}
			continue;
		}
		/* an empty value (~, null, "", []) is no value: "client:"
		 * beside "company: Acme" leaves Acme the client */
		if (ynode_is_null(v) || (v->kind == YNODE_SCALAR && !v->len) ||
		    (v->kind == YNODE_SEQ && !v->n))
			continue;
		if (f == F_DATE) {
			/* several date keys: the first of the list wins, below */
			int r = date_key_rank(k, keys);

			if (!date_at[r]) {
				date_at[r] = k;
				date_val[r] = v;
				continue;
			}
			diag_error(d, n->path, k->line, k->col, "'%s' given twice (first at line %u)",
				   (keys->date ? keys->date : date_keys)[r], date_at[r]->line);
			ret = META_ERROR;
			break;
		}
		if (seen[f]) {
			if (f == F_CLIENT || f == F_DATE || f == F_DURATION) {
				diag_error(d, n->path, k->line, k->col,
					   "'%s' given twice (first at line %u)", field_names[f],
					   seen[f]->line);
				ret = META_ERROR;
				break;
			}
			diag_warn(d, n->path, k->line, k->col,
				  "'%s' given twice (first at line %u); the last one wins",
				  field_names[f], seen[f]->line);
		}
		seen[f] = k;
		if (read_field(m, f, k, v, n->path, d) < 0) {
			ret = META_ERROR;
			break;
		}
	}
	for (i = 0; ret == META_OK && i < META_MAX_DATE_KEYS; i++) {
		if (!date_at[i])
			continue;
		m->has_date = m->date_from_name = 0;
		read_field(m, F_DATE, date_at[i], date_val[i], n->path, d);
		if (m->has_date)
			break;
	}
	if (ret == META_OK && !m->has_date && date_from_path(n->path, m->date) == 0)
		m->has_date = m->date_from_name = 1;
	free(first);
	buf_release(&name);
	return ret;
}
