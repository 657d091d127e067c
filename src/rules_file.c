#include "rules_file.h"
#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "limits.h"
#include "rules.h"
#include "rules_dic.h"
#include "strlist.h"
#include "util.h"
#include "ynode.h"

#include <stdlib.h>
#include <string.h>

extern const char rules_default[];
extern const size_t rules_default_len;

static int scalar_field(const struct ynode *v, const char *path, const char *id,
			const char *key, struct diag *d)
{
	if (ynode_is_null(v)) {
		diag_error(d, path, v->line, v->col, "rule '%s': '%s' must be a string, found null "
			   "(quote it to mean the text)", id, key);
		return -1;
	}
	if (v->kind == YNODE_SCALAR)
		return 0;
	diag_error(d, path, v->line, v->col, "rule '%s': '%s' must be a string, found %s",
		   id, key, ynode_kind_name(v->kind));
	return -1;
}

static int read_list(struct strlist *l, unsigned **lines, size_t *nlines,
		     const struct ynode *v, const char *path, const char *id,
		     const char *key, struct diag *d)
{
	size_t i, alloc = *nlines;

	if (v->kind == YNODE_SCALAR) {
		if (memchr(v->str, '\0', v->len)) {
			diag_error(d, path, v->line, v->col, "rule '%s': a NUL byte in '%s'", id, key);
			return -1;
		}
		strlist_add(l, v->str, v->len);
		*lines = xgrow(*lines, sizeof(**lines), *nlines + 1, &alloc);
		(*lines)[(*nlines)++] = v->line;
		return 0;
	}
	if (v->kind != YNODE_SEQ) {
		diag_error(d, path, v->line, v->col, "rule '%s': '%s' must be a list of strings",
			   id, key);
		return -1;
	}
	for (i = 0; i < v->n; i++) {
		if (v->kids[i]->kind != YNODE_SCALAR) {
			diag_error(d, path, v->kids[i]->line, v->kids[i]->col,
				   "rule '%s': '%s' must be a list of strings", id, key);
			return -1;
		}
		if (memchr(v->kids[i]->str, '\0', v->kids[i]->len)) {
			diag_error(d, path, v->kids[i]->line, v->kids[i]->col,
				   "rule '%s': a NUL byte in '%s'", id, key);
			return -1;
		}
		strlist_add(l, v->kids[i]->str, v->kids[i]->len);
		*lines = xgrow(*lines, sizeof(**lines), *nlines + 1, &alloc);
		(*lines)[(*nlines)++] = v->kids[i]->line;
	}
	return 0;
}

/* A rule file's text and the start of one of its lines, remembered so
 * that finding the lines of rules in file order is linear, not quadratic
 * in the number of rules. */
struct text_lines {
	const char *text;
	size_t len;
	size_t off;		/* start of line `line` */
	unsigned line;
};

/* Start of line `line` (1-based) of the text, counting LF, CRLF and a lone
 * CR as libyaml does; len when there is no such line. */
static size_t line_start(struct text_lines *tl, unsigned line)
{
	const char *text = tl->text;
	size_t len = tl->len, i = tl->off;
	unsigned l = tl->line;

	if (l > line || l == 0) {
		i = 0;
		l = 1;
	}
	while (l < line && i < len) {
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n')))
			l++;
		i++;
	}
	if (l != line)
		return len;
	tl->off = i;
	tl->line = l;
	return i;
}

/* Whether the pattern's value stands in the text at its line and (byte)
 * column exactly as a plain or a single-quoted scalar on one line, so that
 * an offset in the pattern maps to a column. */
static enum pattern_map map_pattern(struct text_lines *tl, const struct ynode *pat)
{
	const char *text = tl->text;
	size_t len = tl->len, i = line_start(tl, pat->line), j;
	unsigned c;
	enum pattern_map map;

	for (c = 1; c < pat->col && i < len && text[i] != '\n' && text[i] != '\r'; c++)
		i++;
	if (c != pat->col || i >= len)
		return PMAP_NONE;
	map = text[i] == '\'' ? PMAP_SQUOTED : PMAP_PLAIN;
	if (map == PMAP_SQUOTED)
		i++;
	else if (!pat->plain)
		return PMAP_NONE;
	for (j = 0; j < pat->len; j++, i++) {
		if (i >= len || text[i] != pat->str[j] || text[i] == '\n' || text[i] == '\r')
			return PMAP_NONE;
		if (map == PMAP_SQUOTED && text[i] == '\'' && (++i >= len || text[i] != '\''))
			return PMAP_NONE;
	}
	if (map == PMAP_SQUOTED && (i >= len || text[i] != '\''))
		return PMAP_NONE;
	return map;
}

/* The values of a rule's keys, NULL for those not given. */
struct rule_fields {
	const struct ynode *id, *cat, *topic, *pat, *weight, *ex, *cex;
};

/* Puts each key of the rule mapping `m` in its slot.  Returns 0, or -1
 * after reporting an unknown key or one given twice. */
static int rule_fields(struct rule_fields *f, const struct ynode *m, const char *path,
		       struct diag *d)
{
	static const char *const keys[] = {
		"id", "category", "topic", "pattern", "weight", "examples", "counterexamples"
	};
	const struct ynode **slots[] = {
		&f->id, &f->cat, &f->topic, &f->pat, &f->weight, &f->ex, &f->cex
	};
	struct buf e = BUF_INIT;
	size_t i, k, nkeys = sizeof(keys) / sizeof(keys[0]);

	memset(f, 0, sizeof(*f));
	for (i = 0; i < ynode_map_size(m); i++) {
		const struct ynode *key = ynode_key(m, i);

		for (k = 0; k < nkeys; k++)
			if (key->kind == YNODE_SCALAR && span_ieq(key->str, key->len, keys[k]))
				break;
		if (k == nkeys) {
			diag_error(d, path, key->line, key->col, "unknown key '%s' in a rule",
				   key->kind == YNODE_SCALAR ? esc_span(&e, key->str, key->len) : "?");
			buf_release(&e);
			return -1;
		}
		if (*slots[k]) {
			diag_error(d, path, key->line, key->col, "'%s' given twice in a rule",
				   esc_span(&e, key->str, key->len));
			buf_release(&e);
			return -1;
		}
		*slots[k] = ynode_value(m, i);
	}
	return 0;
}

/* The rule's id, checked.  Returns 0 or -1. */
static int read_id(struct rule *r, const struct rule_fields *f, const struct ynode *m,
		   const char *path, struct diag *d)
{
	const struct ynode *id = f->id;
	struct buf e = BUF_INIT;

	if (!id) {
		diag_error(d, path, m->line, m->col, "a rule without an 'id'");
		return -1;
	}
	if (scalar_field(id, path, "?", "id", d) < 0)
		return -1;
	if (!rules_valid_id(id->str, id->len)) {
		diag_error(d, path, id->line, id->col,
			   "rule id '%s' must be 1 to 200 ASCII letters, digits, '.', '_', '-' or '/'",
			   esc_span(&e, id->str, id->len));
		buf_release(&e);
		return -1;
	}
	r->id = xstrndup(id->str, id->len);
	return 0;
}

/* The rule's category and topic, checked, once the keys every rule needs
 * are known to be there.  Returns 0 or -1. */
static int read_label(struct rule *r, const struct rule_fields *f, const struct ynode *m,
		      const char *path, struct diag *d)
{
	const struct ynode *cat = f->cat, *topic = f->topic;
	const char *name = r->id;
	struct buf e = BUF_INIT;
	size_t i;

	if (!cat || !topic || !f->pat) {
		diag_error(d, path, m->line, m->col, "rule '%s': no '%s'", name,
			   !cat ? "category" : !topic ? "topic" : "pattern");
		return -1;
	}
	if (scalar_field(cat, path, name, "category", d) < 0 ||
	    scalar_field(topic, path, name, "topic", d) < 0 ||
	    scalar_field(f->pat, path, name, "pattern", d) < 0)
		return -1;
	if (span_ieq(cat->str, cat->len, "business")) {
		r->cat = CAT_BUSINESS;
	} else if (span_ieq(cat->str, cat->len, "social")) {
		r->cat = CAT_SOCIAL;
	} else {
		diag_error(d, path, cat->line, cat->col,
			   "rule '%s': category must be 'business' or 'social', not '%s'", name,
			   esc_span(&e, cat->str, cat->len));
		buf_release(&e);
		return -1;
	}
	if (!rules_valid_id(topic->str, topic->len) || strchr(topic->str, '/')) {
		diag_error(d, path, topic->line, topic->col,
			   "rule '%s': topic '%s' must be 1 to 200 ASCII letters, digits, '.', '_' or '-'",
			   name, esc_span(&e, topic->str, topic->len));
		buf_release(&e);
		return -1;
	}
	r->topic = xstrndup(topic->str, topic->len);
	for (i = 0; i < topic->len; i++)
		r->topic[i] = (char)to_lower((unsigned char)r->topic[i]);
	return 0;
}

/* The rule's pattern and weight, checked.  Returns 0 or -1. */
static int read_pattern(struct rule *r, const struct rule_fields *f, const char *path,
			struct text_lines *tl, struct diag *d)
{
	const struct ynode *pat = f->pat, *weight = f->weight;
	const char *name = r->id;
	struct buf e = BUF_INIT;

	if (!pat->len) {
		diag_error(d, path, pat->line, pat->col, "rule '%s': empty pattern", name);
		return -1;
	}
	if (pat->len > RULES_MAX_PATTERN) {
		diag_error(d, path, pat->line, pat->col,
			   "rule '%s': pattern longer than %d bytes", name, RULES_MAX_PATTERN);
		return -1;
	}
	r->pattern = xstrndup(pat->str, pat->len);
	r->pattern_len = pat->len;
	r->pattern_line = pat->line;
	r->pattern_col = pat->col;
	r->pattern_map = map_pattern(tl, pat);
	r->weight = 1;
	if (!weight)
		return 0;
	if (scalar_field(weight, path, name, "weight", d) < 0)
		return -1;
	if (rules_parse_weight(weight->str, weight->len, &r->weight) < 0) {
		diag_error(d, path, weight->line, weight->col,
			   "rule '%s': weight must be a number above 0 and at most 1000, not '%s'",
			   name, esc_span(&e, weight->str, weight->len));
		buf_release(&e);
		return -1;
	}
	return 0;
}

static int read_rule(struct rule *r, const struct ynode *m, const char *path,
		     struct text_lines *tl, struct diag *d)
{
	struct rule_fields f;
	size_t nlines = 0;
	unsigned *lines = NULL;

	memset(r, 0, sizeof(*r));
	r->line = m->line;
	if (m->kind != YNODE_MAP) {
		diag_error(d, path, m->line, m->col, "a rule must be a mapping, found %s",
			   ynode_kind_name(m->kind));
		return -1;
	}
	if (rule_fields(&f, m, path, d) < 0 || read_id(r, &f, m, path, d) < 0 ||
	    read_label(r, &f, m, path, d) < 0 || read_pattern(r, &f, path, tl, d) < 0)
		return -1;
	if (f.ex && read_list(&r->examples, &lines, &nlines, f.ex, path, r->id, "examples",
			      d) < 0) {
		free(lines);
		return -1;
	}
	if (f.cex && read_list(&r->counterexamples, &lines, &nlines, f.cex, path, r->id,
			       "counterexamples", d) < 0) {
		free(lines);
		return -1;
	}
	r->example_lines = lines;
	return 0;
}

/* YAML's double quotes eat backslashes, and a bare [ or * starts a list or
 * an alias: say how to write a pattern when a rule file did not parse and
 * has a pattern written that way. */
static void hint_quotes(const char *text, size_t len, const char *path, struct diag *d)
{
	const char *p = text, *end = text + len, *eol;

	for (; p < end; p = eol + 1) {
		const char *q = p;

		if (!(eol = memchr(p, '\n', (size_t)(end - p))))
			eol = end;
		while (q < eol && (*q == ' ' || *q == '\t' || *q == '-'))
			q++;
		if ((size_t)(eol - q) < 8 || memcmp(q, "pattern:", 8) != 0)
			continue;
		for (q += 8; q < eol && (*q == ' ' || *q == '\t'); q++)
			;
		if (q < eol && (*q == '"' || *q == '[' || *q == '*' || *q == '{' || *q == '&' ||
				*q == '!' || *q == '%' || *q == '@' || *q == '`')) {
			diag_note(d, path, 0, 0,
				  "write patterns in single quotes, as in pattern: '\\d+' (inside them, '' is one quote)");
			return;
		}
		if (eol == end)
			break;
	}
}

/* The rules under `rules:`: every one is read, so that one run reports
 * every bad one. */
static int add_rules(struct ruleset *rs, const struct ynode *list, const char *path,
		     const char *text, size_t len, struct diag *d)
{
	const char *file = ruleset_intern_file(rs, path);
	struct text_lines tl = { text, len, 0, 0 };
	size_t i;
	int ret = 0;

	if (list->kind == YNODE_SCALAR && !list->len)
		return 0;	/* "rules:" with nothing after it */
	if (list->kind != YNODE_SEQ) {
		diag_error(d, path, list->line, list->col, "'rules' must be a list, found %s",
			   ynode_kind_name(list->kind));
		return -1;
	}
	if (rs->n + list->n > RULES_MAX_RULES) {
		diag_error(d, path, list->line, list->col, "more than %d rules", RULES_MAX_RULES);
		return -1;
	}
	for (i = 0; i < list->n; i++) {
		const struct rule *old;
		struct rule r;

		if (read_rule(&r, list->kids[i], path, &tl, d) < 0) {
			rule_release(&r);
			ret = -1;
			continue;
		}
		r.file = file;
		/* another file may replace a rule; the same file saying it
		 * twice is more likely a slip */
		old = ruleset_find(rs, r.id);
		if (old && old->file == file)
			diag_warn(d, path, r.line, 0, "rule '%s' again (first at line %u); "
				  "the later one is used", r.id, old->line);
		ruleset_put(rs, &r);
	}
	return ret;
}

/*
 * The YAML limits of a rule file.  Those --limit sets are for one note's
 * front matter and do not reach rule files.  A rule takes ten events and
 * one more for each example, so 1.5 million holds a rule set's 100,000
 * rules with some examples, and bounds what a hostile file can make banter
 * hold (each event is a node of about 170 bytes: some 250 MB at most); a
 * value is never longer than the file.  Rules need four levels of
 * nesting: the default's 64 stays.
 */
#define RULES_MAX_EVENTS 1500000UL
static const struct limits rules_yaml_limits = {
	.yaml_depth = 64,
	.yaml_events = RULES_MAX_EVENTS,
	.scalar = RULES_MAX_FILE,
};

int ruleset_add_text(struct ruleset *rs, const char *text, size_t len,
		     const char *path, struct diag *d)
{
	struct ynode *root = NULL;
	const struct ynode *rules = NULL, *dics = NULL;
	struct buf e = BUF_INIT;
	size_t i;
	int ret = 0;

	ruleset_intern_file(rs, path);
	if (ynode_parse_limits(text, len, 1, path, "rule file", &rules_yaml_limits, d, &root) < 0) {
		hint_quotes(text, len, path, d);
		return -1;
	}
	if (!root) {
		diag_warn(d, path, 0, 0, "no rules in this file");
		return 0;
	}
	if (root->kind != YNODE_MAP) {
		diag_error(d, path, root->line, root->col,
			   "a rule file must be a mapping with a 'rules' list, found %s",
			   ynode_kind_name(root->kind));
		ynode_free(root);
		return -1;
	}
	for (i = 0; i < ynode_map_size(root); i++) {
		const struct ynode *k = ynode_key(root, i);
		const struct ynode **slot = NULL;

		if (k->kind == YNODE_SCALAR && span_ieq(k->str, k->len, "rules"))
			slot = &rules;
		else if (k->kind == YNODE_SCALAR && span_ieq(k->str, k->len, "dictionaries"))
			slot = &dics;
		if (!slot) {
			diag_error(d, path, k->line, k->col, "unknown key '%s' in a rule file",
				   k->kind == YNODE_SCALAR ? esc_span(&e, k->str, k->len) : "?");
			ret = -1;
		} else if (*slot) {
			diag_error(d, path, k->line, k->col, "'%s' given twice in a rule file",
				   esc_span(&e, k->str, k->len));
			ret = -1;
		} else {
			*slot = ynode_value(root, i);
		}
	}
	/* the rules first, then the dictionaries' rules, whatever the order
	 * of the keys: a rule file reads the same either way */
	if (rules && add_rules(rs, rules, path, text, len, d) < 0)
		ret = -1;
	if (dics && rules_dic_add(rs, dics, path, d) < 0)
		ret = -1;
	ynode_free(root);
	buf_release(&e);
	return ret;
}

int ruleset_add_file(struct ruleset *rs, const char *path, struct diag *d)
{
	struct buf text = BUF_INIT;
	int ret;

	ret = rules_read_file(&text, path, NULL, d);
	if (ret == 0)
		ret = ruleset_add_text(rs, text.ptr, text.len, path, d);
	buf_release(&text);
	return ret;
}

int ruleset_add_builtin(struct ruleset *rs, struct diag *d)
{
	return ruleset_add_text(rs, rules_default, rules_default_len, RULES_BUILTIN_NAME, d);
}
