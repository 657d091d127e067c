#include "rules.h"
#include "buf.h"
#include "diag.h"
#include "dic.h"
#include "esc.h"
#include "file.h"
#include "limits.h"
#include "util.h"
#include "ynode.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern const char rules_default[];
extern const size_t rules_default_len;

const char *const category_names[CAT_COUNT] = { "business", "social" };

void ruleset_init(struct ruleset *rs)
{
	memset(rs, 0, sizeof(*rs));
	rs->referral_topic = -1;
	rs->food_topic = -1;
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
	free(rs->ids);
	strlist_release(&rs->topics);
	strlist_release(&rs->files);
	ruleset_init(rs);
}

/* s[0, len) escaped for a message (it may hold any byte), in b. */
static const char *quoted(struct buf *b, const char *s, size_t len)
{
	buf_reset(b);
	esc_text(b, s, len, 0);
	return b->ptr;
}

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

int rules_valid_id(const char *s, size_t len)
{
	size_t i;

	if (!len || len > 200)
		return 0;
	for (i = 0; i < len; i++)
		if (!is_alnum((unsigned char)s[i]) && !strchr("._-/", s[i]))
			return 0;
	return 1;
}

int rules_parse_weight(const char *s, size_t len, double *w)
{
	char *tmp, *end;
	int ret = 0;

	/* any number of digits: 0.333... may be written to any length */
	if (!len || (!is_digit((unsigned char)s[0]) && s[0] != '.'))
		return -1;
	tmp = xstrndup(s, len);
	/* errno is not looked at: ERANGE is set for a subnormal such as
	 * 1e-310, which is above 0 all the same; what underflows to 0 or
	 * overflows fails the range test */
	*w = strtod(tmp, &end);
	if (*end || end == tmp || !(*w > 0) || *w > 1000)
		ret = -1;
	free(tmp);
	return ret;
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

static int read_rule(struct rule *r, const struct ynode *m, const char *path,
		     struct text_lines *tl, struct diag *d)
{
	const struct ynode *id = NULL, *cat = NULL, *topic = NULL, *pat = NULL, *weight = NULL;
	const struct ynode *ex = NULL, *cex = NULL;
	const char *name;
	size_t i, nlines = 0;
	unsigned *lines = NULL;
	struct buf e = BUF_INIT;

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
				   k->kind == YNODE_SCALAR ? quoted(&e, k->str, k->len) : "?");
			goto fail;
		}
		if (*slot) {
			diag_error(d, path, k->line, k->col, "'%s' given twice in a rule",
				   quoted(&e, k->str, k->len));
			goto fail;
		}
		*slot = v;
	}
	if (!id) {
		diag_error(d, path, m->line, m->col, "a rule without an 'id'");
		return -1;
	}
	if (scalar_field(id, path, "?", "id", d) < 0)
		return -1;
	if (!rules_valid_id(id->str, id->len)) {
		diag_error(d, path, id->line, id->col,
			   "rule id '%s' must be 1 to 200 ASCII letters, digits, '.', '_', '-' or '/'",
			   quoted(&e, id->str, id->len));
		goto fail;
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
			   quoted(&e, cat->str, cat->len));
		goto fail;
	}
	if (!rules_valid_id(topic->str, topic->len) || strchr(topic->str, '/')) {
		diag_error(d, path, topic->line, topic->col,
			   "rule '%s': topic '%s' must be 1 to 200 ASCII letters, digits, '.', '_' or '-'",
			   name, quoted(&e, topic->str, topic->len));
		goto fail;
	}
	r->topic = xstrndup(topic->str, topic->len);
	for (i = 0; i < topic->len; i++)
		r->topic[i] = (char)to_lower((unsigned char)r->topic[i]);
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
	if (weight) {
		if (scalar_field(weight, path, name, "weight", d) < 0)
			return -1;
		if (rules_parse_weight(weight->str, weight->len, &r->weight) < 0) {
			diag_error(d, path, weight->line, weight->col,
				   "rule '%s': weight must be a number above 0 and at most 1000, not '%s'",
				   name, quoted(&e, weight->str, weight->len));
			goto fail;
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
fail:
	buf_release(&e);
	return -1;
}

const char *ruleset_intern_file(struct ruleset *rs, const char *path)
{
	size_t i;

	for (i = 0; i < rs->files.n; i++)
		if (strcmp(rs->files.v[i], path) == 0)
			return rs->files.v[i];
	strlist_add(&rs->files, path, strlen(path));
	return rs->files.v[rs->files.n - 1];
}

static size_t id_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot of `id` in the id index: where it is, or the empty slot where
 * it would go.  The index holds rule numbers plus one (0: empty) and is
 * kept at most half full. */
static size_t id_slot(const struct ruleset *rs, const char *id)
{
	size_t mask = rs->id_cap - 1, k = id_hash(id) & mask;

	while (rs->ids[k] && strcmp(rs->v[rs->ids[k] - 1].id, id) != 0)
		k = (k + 1) & mask;
	return k;
}

static void id_index_grow(struct ruleset *rs)
{
	size_t i;

	if (2 * (rs->n + 1) <= rs->id_cap)
		return;
	free(rs->ids);
	rs->id_cap = rs->id_cap ? 2 * rs->id_cap : 64;
	while (2 * (rs->n + 1) > rs->id_cap)
		rs->id_cap *= 2;
	rs->ids = xcalloc(rs->id_cap, sizeof(*rs->ids));
	for (i = 0; i < rs->n; i++)
		rs->ids[id_slot(rs, rs->v[i].id)] = i + 1;
}

const struct rule *ruleset_find(const struct ruleset *rs, const char *id)
{
	size_t k;

	if (!rs->id_cap)
		return NULL;
	k = id_slot(rs, id);
	return rs->ids[k] ? &rs->v[rs->ids[k] - 1] : NULL;
}

void ruleset_put(struct ruleset *rs, struct rule *r)
{
	size_t k;

	id_index_grow(rs);
	k = id_slot(rs, r->id);
	if (rs->ids[k]) {
		rule_release(&rs->v[rs->ids[k] - 1]);
		rs->v[rs->ids[k] - 1] = *r;
		return;
	}
	rs->v = xgrow(rs->v, sizeof(*rs->v), rs->n + 1, &rs->alloc);
	rs->v[rs->n++] = *r;
	rs->ids[k] = rs->n;
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
		struct rule r;

		if (read_rule(&r, list->kids[i], path, &tl, d) < 0) {
			rule_release(&r);
			ret = -1;
			continue;
		}
		r.file = file;
		/* another file may replace a rule; the same file saying it
		 * twice is more likely a slip */
		if (rs->id_cap) {
			size_t k = id_slot(rs, r.id);

			if (rs->ids[k] && rs->v[rs->ids[k] - 1].file == file)
				diag_warn(d, path, r.line, 0, "rule '%s' again (first at line %u); "
					  "the later one is used", r.id, rs->v[rs->ids[k] - 1].line);
		}
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
				   k->kind == YNODE_SCALAR ? quoted(&e, k->str, k->len) : "?");
			ret = -1;
		} else if (*slot) {
			diag_error(d, path, k->line, k->col, "'%s' given twice in a rule file",
				   quoted(&e, k->str, k->len));
			ret = -1;
		} else {
			*slot = ynode_value(root, i);
		}
	}
	/* the rules first, then the dictionaries' rules, whatever the order
	 * of the keys: a rule file reads the same either way */
	if (rules && add_rules(rs, rules, path, text, len, d) < 0)
		ret = -1;
	if (dics && dic_add_mappings(rs, dics, path, d) < 0)
		ret = -1;
	ynode_free(root);
	buf_release(&e);
	return ret;
}

int rules_read_file(struct buf *text, const char *path, struct stat *out, struct diag *d)
{
	struct stat st;
	enum file_read_result got;
	int fd, ret = 0;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		diag_error(d, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		diag_error(d, path, 0, 0, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(d, path, 0, 0, "not a regular file");
		close(fd);
		return -1;
	}
	/* a note's limit ('file-size') does not apply, and a bad rule file
	 * stops banter rather than being skipped */
	if ((unsigned long long)st.st_size > RULES_MAX_FILE) {
		diag_error(d, path, 0, 0, "larger than %u bytes (8 MiB), the most a rule file "
			   "or dictionary may be", RULES_MAX_FILE);
		close(fd);
		return -1;
	}
	buf_reset(text);
	got = file_read_fd(text, fd, RULES_MAX_FILE, NULL);
	if (got == FILE_READ_ERROR)
		diag_error(d, path, 0, 0, "%s", strerror(errno));
	else if (got == FILE_READ_TOO_LARGE)	/* it grew while it was read */
		diag_error(d, path, 0, 0, "larger than %zu bytes (limit 'file-size'); skipped",
			   (size_t)RULES_MAX_FILE);
	close(fd);
	if (got != FILE_READ_OK)
		return -1;
	if (out)
		*out = st;
	if (text->len >= 2 &&
	    ((text->ptr[0] == '\xFF' && text->ptr[1] == '\xFE') ||
	     (text->ptr[0] == '\xFE' && text->ptr[1] == '\xFF'))) {
		diag_error(d, path, 1, 1, "UTF-16 text is not supported; convert the file to UTF-8");
		return -1;
	}
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

static void build_topics(struct ruleset *rs)
{
	struct buf b = BUF_INIT;
	size_t i, k;

	strlist_release(&rs->topics);
	for (i = 0; i < rs->n; i++) {
		buf_reset(&b);
		buf_addf(&b, "%s/%s", category_names[rs->v[i].cat], rs->v[i].topic);
		strlist_add(&rs->topics, b.ptr, b.len);
	}
	strlist_sort_unique(&rs->topics);
	rs->referral_topic = -1;
	rs->food_topic = -1;
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
		else if (strcmp(rs->topics.v[k], "social/food") == 0)
			rs->food_topic = (int)k;
	buf_release(&b);
}

static int is_cont(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

/* The column of pattern[off] in the rule's file, when it can be known. */
static unsigned pattern_column(const struct rule *r, size_t off)
{
	unsigned col = r->pattern_col;
	size_t i;

	if (r->pattern_map == PMAP_NONE || !col)
		return col;
	if (r->pattern_map == PMAP_SQUOTED)
		col++;
	for (i = 0; i < off; i++) {
		col++;
		if (r->pattern_map == PMAP_SQUOTED && r->pattern[i] == '\'')
			col++;
	}
	return col;
}

/* "\n    PATTERN\n    ^" with the caret under pattern[off]; long patterns
 * are cut to 40 characters either side. */
static void caret_lines(struct buf *b, const char *pat, size_t len, size_t off)
{
	struct buf pre = BUF_INIT;
	size_t start = off, end = off, n;

	for (n = 0; start > 0 && n < 40; n++)
		while (start > 0 && is_cont(pat[--start]))
			;
	for (n = 0; end < len && n < 40; n++)
		while (++end < len && is_cont(pat[end]))
			;
	esc_text(&pre, pat + start, off - start, 0);
	buf_adds(b, "\n    ");
	if (start)
		buf_adds(b, "...");
	esc_text(b, pat + start, end - start, 0);
	if (end < len)
		buf_adds(b, "...");
	buf_adds(b, "\n    ");
	buf_addrep(b, ' ', (start ? 3 : 0) + utf8_width(pre.ptr, pre.len));
	buf_addch(b, '^');
	buf_release(&pre);
}

static int compile_rule(struct rule *r, pcre2_compile_context *cc, struct diag *d)
{
	int code;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];
	uint32_t heap, captures;

	r->re = pcre2_compile((PCRE2_SPTR)r->pattern, r->pattern_len,
			      PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C,
			      &code, &off, cc);
	if (!r->re) {
		struct buf caret = BUF_INIT;

		/* the offset may fall inside a UTF-8 character */
		if (off > r->pattern_len)
			off = r->pattern_len;
		while (off > 0 && off < r->pattern_len && is_cont(r->pattern[off]))
			off--;
		caret_lines(&caret, r->pattern, r->pattern_len, off);
		pcre2_get_error_message(code, msg, sizeof(msg));
		diag_error(d, r->file, r->pattern_line, pattern_column(r, off),
			   "rule '%s': invalid regular expression at offset %zu: %s%s", r->id,
			   (size_t)off, (const char *)msg, caret.ptr);
		buf_release(&caret);
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
	if (pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &captures) == 0 &&
	    captures > RULES_MAX_CAPTURES) {
		diag_error(d, r->file, r->pattern_line, r->pattern_col,
			   "rule '%s': %u capturing groups, more than %d (write (?:...) for a group that need not capture)",
			   r->id, (unsigned)captures, RULES_MAX_CAPTURES);
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
	pcre2_set_parens_nest_limit(cc, RULES_MAX_NESTING);
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

pcre2_code *rule_compile_counted(const struct rule *r)
{
	const pcre2_code *orig = r->re;
	uint32_t opts, extra, nl, bsr;
	pcre2_compile_context *cc;
	pcre2_code *re = NULL;
	PCRE2_SIZE off;
	int code;

	if (pcre2_pattern_info(orig, PCRE2_INFO_ARGOPTIONS, &opts) == 0 &&
	    pcre2_pattern_info(orig, PCRE2_INFO_EXTRAOPTIONS, &extra) == 0 &&
	    pcre2_pattern_info(orig, PCRE2_INFO_NEWLINE, &nl) == 0 &&
	    pcre2_pattern_info(orig, PCRE2_INFO_BSR, &bsr) == 0 &&
	    (cc = pcre2_compile_context_create(NULL))) {
		pcre2_set_newline(cc, nl);
		pcre2_set_bsr(cc, bsr);
		pcre2_set_compile_extra_options(cc, extra);
		pcre2_set_parens_nest_limit(cc, 1000);
		re = pcre2_compile((PCRE2_SPTR)r->pattern, r->pattern_len,
				   opts | PCRE2_AUTO_CALLOUT, &code, &off, cc);
		pcre2_compile_context_free(cc);
	}
	if (!re)	/* cannot happen; run it uncounted then */
		re = pcre2_code_copy(orig);
	if (!re) {
		fputs("banter: error: out of memory\n", stderr);
		exit(2);
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

int rule_count_step(pcre2_callout_block *cb, void *arg)
{
	unsigned long *budget = arg;

	(void)cb;
	if (!*budget)
		return PCRE2_ERROR_CALLOUT;
	--*budget;
	return 0;
}

/* Tries one example: 1 when it matches, 0 when not, -1 after reporting
 * that matching failed (a limit was hit), or -2 when the rule's budget
 * ran out (reported by the caller). */
static int try_example(const struct rule *r, const pcre2_code *re, const char *s,
		       unsigned line, pcre2_match_data *md, pcre2_match_context *mc,
		       struct diag *d)
{
	PCRE2_UCHAR msg[256];
	int rc = pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, mc);

	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_CALLOUT)
		return -2;
	pcre2_get_error_message(rc, msg, sizeof(msg));
	diag_error(d, r->file, line, 0, "rule '%s': matching an example failed: %s", r->id,
		   (const char *)msg);
	return -1;
}

static void example_error(const struct rule *r, unsigned line, const char *what,
			  const char *s, struct diag *d)
{
	struct buf e = BUF_INIT;

	esc_text(&e, s, strlen(s), 0);
	diag_error(d, r->file, line, 0, "rule '%s': %s: '%s'", r->id, what, e.ptr);
	buf_release(&e);
}

unsigned ruleset_check_examples(const struct ruleset *rs, struct diag *d)
{
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	pcre2_match_context *mc = pcre2_match_context_create(NULL);
	unsigned long budget = 0;
	unsigned failed = 0;
	size_t i, j;

	if (!md || !mc) {
		diag_error(d, NULL, 0, 0, "out of memory");
		pcre2_match_data_free(md);
		pcre2_match_context_free(mc);
		return 1;
	}
	pcre2_set_match_limit(mc, limits_default.match_limit);
	pcre2_set_depth_limit(mc, limits_default.depth_limit);
	pcre2_set_heap_limit(mc, limits_default.heap_limit);
	pcre2_set_callout(mc, rule_count_step, &budget);
	for (i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->v[i];
		size_t n = r->examples.n + r->counterexamples.n;
		pcre2_code *counted = NULL;

		if (!r->re)
			continue;
		/* A rule file's rule gets the regex budget of one note for all
		 * its examples, so that a slow pattern with thousands of them
		 * cannot hold banter up; the built-in rules are vetted. */
		if (!r->file || strcmp(r->file, RULES_BUILTIN_NAME) != 0)
			counted = rule_compile_counted(r);
		budget = limits_default.regex_budget;
		for (j = 0; j < n; j++) {
			int ex = j < r->examples.n;
			const char *s = ex ? r->examples.v[j] : r->counterexamples.v[j - r->examples.n];
			unsigned line = r->example_lines[j];
			int rc = try_example(r, counted ? counted : r->re, s, line, md, mc, d);

			if (rc == -2) {
				diag_error(d, r->file, line, 0, "rule '%s': its examples used up the "
					   "regex budget of %lu steps (limit 'regex-budget'); "
					   "%zu of them not tried", r->id, limits_default.regex_budget,
					   n - j);
				failed++;
				break;
			}
			if (rc == (ex ? 0 : 1))
				example_error(r, line, ex ? "example does not match" :
					      "counterexample matches", s, d);
			failed += rc != ex;
		}
		pcre2_code_free(counted);
	}
	pcre2_match_data_free(md);
	pcre2_match_context_free(mc);
	return failed;
}

