#include "rules_dic.h"
#include "buf.h"
#include "diag.h"
#include "dic.h"
#include "esc.h"
#include "rules.h"
#include "strlist.h"
#include "util.h"
#include "ynode.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
				   key->kind == YNODE_SCALAR ? esc_span(&e, key->str, key->len) : "?");
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
			   esc_span(&e, m->weight->str, m->weight->len));
		goto fail;
	}
	if (m->topic && (!rules_valid_id(m->topic->str, m->topic->len) ||
			 strchr(m->topic->str, '/'))) {
		diag_error(d, path, m->topic->line, m->topic->col,
			   "dictionary: topic '%s' must be 1 to 200 ASCII letters, digits, '.', '_' or '-'",
			   esc_span(&e, m->topic->str, m->topic->len));
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
			  esc_span(&e, dc->name, strlen(dc->name)));
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
			struct buf e = BUF_INIT, f = BUF_INIT;

			diag_warn(d, dic_path, dc->line, 0,
				  "rule '%s' again (first made from '%s', line %u); the later one "
				  "is used (rename one of the dictionaries to keep both)",
				  esc_span(&f, r.id, strlen(r.id)),
				  esc_span(&e, old->file, strlen(old->file)), old->line);
			buf_release(&e);
			buf_release(&f);
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
					   esc_span(&p, dic_path, strlen(dic_path)),
					   esc_span(&e, v->str, v->len));
				buf_release(&e);
				buf_release(&p);
				ret = -1;
			} else if (want[c] >= 0) {
				struct buf e = BUF_INIT;

				diag_error(d, path, v->line, v->col,
					   "dictionary category '%s' mapped twice",
					   esc_span(&e, dic->v[c].name, strlen(dic->v[c].name)));
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

int rules_dic_add(struct ruleset *rs, const struct ynode *list, const char *rule_path,
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
