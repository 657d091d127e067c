#include "rules.h"
#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "file.h"
#include "limits.h"
#include "strlist.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const category_names[CAT_COUNT] = { "business", "social" };

void ruleset_init(struct ruleset *rs)
{
	memset(rs, 0, sizeof(*rs));
	rs->referral_topic = -1;
	rs->food_topic = -1;
}

void rule_release(struct rule *r)
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
	/* the JIT waits for the rule's first use: rule_jit */
	return 0;
}

/* Over the JIT compilation of every rule's code: pcre2_jit_compile
 * changes the code that other threads may be matching with.  A lock, not
 * state: which codes are compiled, the codes themselves say. */
static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;

const pcre2_code *rule_jit(const struct rule *r)
{
	size_t size = 0;

	pthread_mutex_lock(&jit_lock);
	/* Without the JIT the interpreter still runs, under the match limits;
	 * then this tries again, once per caller that keeps the result. */
	if (pcre2_pattern_info(r->re, PCRE2_INFO_JITSIZE, &size) != 0 || size == 0)
		pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);
	pthread_mutex_unlock(&jit_lock);
	return r->re;
}

/* Rule i's code from the build-time copy, when rule i is the built-in
 * rule that copy was compiled from. */
static int is_compiled_builtin(const struct rule *r, size_t i)
{
	return i < rules_code_n && r->file && strcmp(r->file, RULES_BUILTIN_NAME) == 0 &&
	       r->pattern_len == rules_code_pattern_len[i] &&
	       memcmp(r->pattern, rules_code_pattern[i], r->pattern_len) == 0;
}

/* Decoding is a copy, where compiling the built-in rules was a third of
 * banter's start-up.  Where the running PCRE2 cannot read the copy (a
 * different version or build), the rules are compiled as any others. */
static void decode_builtin(struct ruleset *rs)
{
	pcre2_code **codes;
	size_t i, want = 0;

	for (i = 0; i < rs->n && i < rules_code_n; i++)
		want += !rs->v[i].re && is_compiled_builtin(&rs->v[i], i);
	if (!want)
		return;
	codes = xcalloc(rules_code_n, sizeof(*codes));
	if (pcre2_serialize_decode(codes, (int32_t)rules_code_n, rules_code, NULL) !=
	    (int32_t)rules_code_n) {
		free(codes);
		return;
	}
	for (i = 0; i < rules_code_n; i++)
		if (i < rs->n && !rs->v[i].re && is_compiled_builtin(&rs->v[i], i))
			rs->v[i].re = codes[i];
		else
			pcre2_code_free(codes[i]);
	free(codes);
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
	decode_builtin(rs);
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
		die_oom();
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
		rule_jit(r);
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

