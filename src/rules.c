#include "rules.h"
#include "buf.h"
#include "diag.h"
#include "note.h"
#include "util.h"
#include "ynode.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

extern const char rules_default[];
extern const size_t rules_default_len;

const char *const category_names[CAT_COUNT] = { "business", "social" };

#define MAX_PATTERN 4096
#define MAX_RULES 100000
#define MAX_RULE_FILE (8u << 20)

void ruleset_init(struct ruleset *rs)
{
	memset(rs, 0, sizeof(*rs));
	rs->referral_topic = -1;
}

static void rule_release(struct rule *r)
{
	free(r->id);
	free(r->topic);
	free(r->pattern);
	strlist_release(&r->examples);
	strlist_release(&r->counterexamples);
	free(r->example_lines);
	if (r->re)
		pcre2_code_free(r->re);
	memset(r, 0, sizeof(*r));
}

void ruleset_release(struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		rule_release(&rs->v[i]);
	free(rs->v);
	strlist_release(&rs->topics);
	strlist_release(&rs->files);
	ruleset_init(rs);
}

static int scalar_field(const struct ynode *v, const char *path, const char *id,
			const char *key, struct diag *d)
{
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
		strlist_add(l, v->kids[i]->str, v->kids[i]->len);
		*lines = xgrow(*lines, sizeof(**lines), *nlines + 1, &alloc);
		(*lines)[(*nlines)++] = v->kids[i]->line;
	}
	return 0;
}

static int valid_id(const char *s, size_t len)
{
	size_t i;

	if (!len || len > 200)
		return 0;
	for (i = 0; i < len; i++)
		if (!is_alnum((unsigned char)s[i]) && !strchr("._-/", s[i]))
			return 0;
	return 1;
}

static int parse_weight(const char *s, size_t len, double *w)
{
	char tmp[32], *end;

	if (!len || len >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	if (!is_digit((unsigned char)tmp[0]) && tmp[0] != '.')
		return -1;
	errno = 0;
	*w = strtod(tmp, &end);
	if (errno || *end || !(*w > 0) || *w > 1000)
		return -1;
	return 0;
}

static int read_rule(struct rule *r, const struct ynode *m, const char *path,
		     struct diag *d)
{
	const struct ynode *id = NULL, *cat = NULL, *topic = NULL, *pat = NULL, *weight = NULL;
	const struct ynode *ex = NULL, *cex = NULL;
	const char *name;
	size_t i, nlines = 0;
	unsigned *lines = NULL;

	memset(r, 0, sizeof(*r));
	r->line = m->line;
	if (m->kind != YNODE_MAP) {
		diag_error(d, path, m->line, m->col, "a rule must be a mapping, found %s",
			   ynode_kind_name(m->kind));
		return -1;
	}
	for (i = 0; i < ynode_map_size(m); i++) {
		const struct ynode *k = ynode_key(m, i), *v = ynode_value(m, i);
		const struct ynode **slot = NULL;

		if (k->kind == YNODE_SCALAR) {
			if (span_ieq(k->str, k->len, "id"))
				slot = &id;
			else if (span_ieq(k->str, k->len, "category"))
				slot = &cat;
			else if (span_ieq(k->str, k->len, "topic"))
				slot = &topic;
			else if (span_ieq(k->str, k->len, "pattern"))
				slot = &pat;
			else if (span_ieq(k->str, k->len, "weight"))
				slot = &weight;
			else if (span_ieq(k->str, k->len, "examples"))
				slot = &ex;
			else if (span_ieq(k->str, k->len, "counterexamples"))
				slot = &cex;
		}
		if (!slot) {
			diag_error(d, path, k->line, k->col, "unknown key '%s' in a rule",
				   k->kind == YNODE_SCALAR ? k->str : "?");
			return -1;
		}
		if (*slot) {
			diag_error(d, path, k->line, k->col, "'%s' given twice in a rule", k->str);
			return -1;
		}
		*slot = v;
	}
	if (!id) {
		diag_error(d, path, m->line, m->col, "a rule without an 'id'");
		return -1;
	}
	if (scalar_field(id, path, "?", "id", d) < 0)
		return -1;
	if (!valid_id(id->str, id->len)) {
		diag_error(d, path, id->line, id->col,
			   "rule id '%s' may hold only letters, digits, '.', '_', '-' and '/'",
			   id->str);
		return -1;
	}
	name = id->str;
	r->id = xstrndup(id->str, id->len);
	if (!cat || !topic || !pat) {
		diag_error(d, path, m->line, m->col, "rule '%s': no '%s'", name,
			   !cat ? "category" : !topic ? "topic" : "pattern");
		return -1;
	}
	if (scalar_field(cat, path, name, "category", d) < 0 ||
	    scalar_field(topic, path, name, "topic", d) < 0 ||
	    scalar_field(pat, path, name, "pattern", d) < 0)
		return -1;
	if (span_ieq(cat->str, cat->len, "business")) {
		r->cat = CAT_BUSINESS;
	} else if (span_ieq(cat->str, cat->len, "social")) {
		r->cat = CAT_SOCIAL;
	} else {
		diag_error(d, path, cat->line, cat->col,
			   "rule '%s': category must be 'business' or 'social', not '%s'", name,
			   cat->str);
		return -1;
	}
	if (!valid_id(topic->str, topic->len) || strchr(topic->str, '/')) {
		diag_error(d, path, topic->line, topic->col,
			   "rule '%s': topic '%s' may hold only letters, digits, '.', '_' and '-'",
			   name, topic->str);
		return -1;
	}
	r->topic = xstrndup(topic->str, topic->len);
	for (i = 0; i < topic->len; i++)
		r->topic[i] = (char)to_lower((unsigned char)r->topic[i]);
	if (!pat->len) {
		diag_error(d, path, pat->line, pat->col, "rule '%s': empty pattern", name);
		return -1;
	}
	if (pat->len > MAX_PATTERN) {
		diag_error(d, path, pat->line, pat->col,
			   "rule '%s': pattern longer than %d bytes", name, MAX_PATTERN);
		return -1;
	}
	r->pattern = xstrndup(pat->str, pat->len);
	r->pattern_len = pat->len;
	r->pattern_line = pat->line;
	r->pattern_col = pat->col;
	r->weight = 1;
	if (weight) {
		if (scalar_field(weight, path, name, "weight", d) < 0)
			return -1;
		if (parse_weight(weight->str, weight->len, &r->weight) < 0) {
			diag_error(d, path, weight->line, weight->col,
				   "rule '%s': weight must be a number above 0 and at most 1000, not '%s'",
				   name, weight->str);
			return -1;
		}
	}
	if (ex && read_list(&r->examples, &lines, &nlines, ex, path, name, "examples", d) < 0) {
		free(lines);
		return -1;
	}
	if (cex && read_list(&r->counterexamples, &lines, &nlines, cex, path, name,
			     "counterexamples", d) < 0) {
		free(lines);
		return -1;
	}
	r->example_lines = lines;
	return 0;
}

static const char *intern_file(struct ruleset *rs, const char *path)
{
	size_t i;

	for (i = 0; i < rs->files.n; i++)
		if (strcmp(rs->files.v[i], path) == 0)
			return rs->files.v[i];
	strlist_add(&rs->files, path, strlen(path));
	return rs->files.v[rs->files.n - 1];
}

static void put_rule(struct ruleset *rs, struct rule *r)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		if (strcmp(rs->v[i].id, r->id) == 0) {
			rule_release(&rs->v[i]);
			rs->v[i] = *r;
			return;
		}
	}
	rs->v = xgrow(rs->v, sizeof(*rs->v), rs->n + 1, &rs->alloc);
	rs->v[rs->n++] = *r;
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

int ruleset_add_text(struct ruleset *rs, const char *text, size_t len,
		     const char *path, struct diag *d)
{
	struct ynode *root = NULL;
	const struct ynode *list = NULL;
	const char *file = intern_file(rs, path);
	size_t i;
	int ret = 0;

	if (ynode_parse(text, len, 1, path, "rule file", d, &root) < 0) {
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

		if (k->kind == YNODE_SCALAR && span_ieq(k->str, k->len, "rules")) {
			list = ynode_value(root, i);
		} else {
			diag_error(d, path, k->line, k->col, "unknown key '%s' in a rule file",
				   k->kind == YNODE_SCALAR ? k->str : "?");
			ret = -1;
		}
	}
	if (list && list->kind != YNODE_SEQ && !(list->kind == YNODE_SCALAR && !list->len)) {
		diag_error(d, path, list->line, list->col, "'rules' must be a list, found %s",
			   ynode_kind_name(list->kind));
		ret = -1;
	} else if (list && list->kind == YNODE_SEQ) {
		int too_many = rs->n + list->n > MAX_RULES;

		if (too_many) {
			diag_error(d, path, list->line, list->col, "more than %d rules", MAX_RULES);
			ret = -1;
		}
		/* read every rule, so that one run reports every bad one */
		for (i = 0; !too_many && i < list->n; i++) {
			struct rule r;

			if (read_rule(&r, list->kids[i], path, d) < 0) {
				rule_release(&r);
				ret = -1;
				continue;
			}
			r.file = file;
			put_rule(rs, &r);
		}
	}
	ynode_free(root);
	return ret;
}

int ruleset_add_file(struct ruleset *rs, const char *path, struct diag *d)
{
	struct note n;
	int ret;

	note_init(&n);
	ret = note_read(&n, path, -1, MAX_RULE_FILE, d);
	if (ret == 0)
		ret = ruleset_add_text(rs, n.text.ptr, n.text.len, path, d);
	note_release(&n);
	return ret;
}

int ruleset_add_builtin(struct ruleset *rs, struct diag *d)
{
	return ruleset_add_text(rs, rules_default, rules_default_len, RULES_BUILTIN_NAME, d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void build_topics(struct ruleset *rs)
{
	struct buf b = BUF_INIT;
	size_t i, j, k;

	strlist_release(&rs->topics);
	for (i = 0; i < rs->n; i++) {
		buf_reset(&b);
		buf_addf(&b, "%s/%s", category_names[rs->v[i].cat], rs->v[i].topic);
		strlist_add(&rs->topics, b.ptr, b.len);
	}
	if (rs->topics.n)
		qsort(rs->topics.v, rs->topics.n, sizeof(char *), cmp_str);
	for (i = j = 0; i < rs->topics.n; i++) {
		if (j && strcmp(rs->topics.v[j - 1], rs->topics.v[i]) == 0) {
			free(rs->topics.v[i]);
			continue;
		}
		rs->topics.v[j++] = rs->topics.v[i];
	}
	rs->topics.n = j;
	rs->referral_topic = -1;
	for (i = 0; i < rs->n; i++) {
		buf_reset(&b);
		buf_addf(&b, "%s/%s", category_names[rs->v[i].cat], rs->v[i].topic);
		for (k = 0; k < rs->topics.n; k++)
			if (strcmp(rs->topics.v[k], b.ptr) == 0)
				rs->v[i].topic_id = (unsigned)k;
	}
	for (k = 0; k < rs->topics.n; k++)
		if (strcmp(rs->topics.v[k], "business/referral") == 0)
			rs->referral_topic = (int)k;
	buf_release(&b);
}

static int compile_rule(struct rule *r, pcre2_compile_context *cc, struct diag *d)
{
	int code;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];
	uint32_t heap;

	r->re = pcre2_compile((PCRE2_SPTR)r->pattern, r->pattern_len,
			      PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C,
			      &code, &off, cc);
	if (!r->re) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		diag_error(d, r->file, r->pattern_line, r->pattern_col,
			   "rule '%s': invalid regular expression at offset %zu: %s", r->id,
			   (size_t)off, (const char *)msg);
		return -1;
	}
	if (pcre2_pattern_info(r->re, PCRE2_INFO_HEAPLIMIT, &heap) == 0) {
		diag_error(d, r->file, r->pattern_line, r->pattern_col,
			   "rule '%s': (*LIMIT_HEAP) is not allowed in a pattern", r->id);
		/* refused: the matcher must never run it */
		pcre2_code_free(r->re);
		r->re = NULL;
		return -1;
	}
	/* Without the JIT the interpreter still runs, under the match limits. */
	pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);
	return 0;
}

int ruleset_compile(struct ruleset *rs, struct diag *d)
{
	pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
	size_t i;
	int ret = 0;

	if (!cc) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	pcre2_set_newline(cc, PCRE2_NEWLINE_ANYCRLF);
	pcre2_set_parens_nest_limit(cc, 64);
	for (i = 0; i < rs->n; i++) {
		if (rs->v[i].re)
			continue;
		if (compile_rule(&rs->v[i], cc, d) < 0)
			ret = -1;
	}
	pcre2_compile_context_free(cc);
	build_topics(rs);
	return ret;
}

static int matches(const struct rule *r, const char *s, pcre2_match_data *md)
{
	return pcre2_match(r->re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
}

unsigned ruleset_check_examples(const struct ruleset *rs, struct diag *d)
{
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	unsigned failed = 0;
	size_t i, j;

	for (i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->v[i];

		if (!r->re)
			continue;
		for (j = 0; j < r->examples.n; j++) {
			int rc = matches(r, r->examples.v[j], md);

			if (rc < 0) {
				diag_error(d, r->file, r->example_lines[j], 0,
					   "rule '%s': example does not match: '%s'", r->id,
					   r->examples.v[j]);
				failed++;
			}
		}
		for (j = 0; j < r->counterexamples.n; j++) {
			int rc = matches(r, r->counterexamples.v[j], md);

			if (rc >= 0) {
				diag_error(d, r->file, r->example_lines[r->examples.n + j], 0,
					   "rule '%s': counterexample matches: '%s'", r->id,
					   r->counterexamples.v[j]);
				failed++;
			}
		}
	}
	pcre2_match_data_free(md);
	return failed;
}
