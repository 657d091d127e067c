/*
 * scan: one note through the whole per-note pipeline (scan.h).
 * Layer: glue; calls note, meta, passage, markup, classify, walk (for a
 * client from a folder) and the primitives.
 */
/* realpath(3) */
#define _DEFAULT_SOURCE
#include "scan.h"
#include "buf.h"
#include "classify.h"
#include "diag.h"
#include "limits.h"
#include "markup.h"
#include "meta.h"
#include "note.h"
#include "passage.h"
#include "rules.h"
#include "util.h"
#include "walk.h"

#include <stdlib.h>
#include <string.h>

const struct limits *scan_limits(const struct scan_opts *opts)
{
	return opts->limits ? opts->limits : &limits_default;
}

void scanner_init(struct scanner *s, const struct scan_opts *opts)
{
	s->opts = opts;
	classifier_init(&s->cls, opts->rules);
	classifier_set_limits(&s->cls, scan_limits(opts));
	s->pl = (struct passage_list)PASSAGE_LIST_INIT;
	verdict_init(&s->v);
}

void scanner_release(struct scanner *s)
{
	classifier_release(&s->cls);
	passage_list_release(&s->pl);
	verdict_release(&s->v);
}

void note_result_init(struct note_result *r)
{
	memset(r, 0, sizeof(*r));
	note_init(&r->note);
	meta_init(&r->meta);
	buf_init(&r->sections);
	buf_init(&r->diags);
}

void note_result_release(struct note_result *r)
{
	note_release(&r->note);
	meta_release(&r->meta);
	strlist_release(&r->clients);
	free(r->p);
	buf_release(&r->sections);
	free(r->topics);
	free(r->hits);
	buf_release(&r->diags);
	note_result_init(r);
}

/* Empties the result but keeps its storage (and the loaded note). */
static void reset(struct note_result *r)
{
	meta_release(&r->meta);
	strlist_release(&r->clients);
	r->status = NOTE_OK;
	r->np = r->ntopics = r->nhits = 0;
	buf_reset(&r->sections);
	memset(r->passages, 0, sizeof(r->passages));
	memset(r->words, 0, sizeof(r->words));
	memset(r->minutes, 0, sizeof(r->minutes));
	r->referral_asks = r->match_errors = 0;
	r->skipped_lines = 0;
	r->errors = r->warnings = 0;
}

/*
 * Adds the name of the folder holding `path` to `out`: its last folder as
 * written, or, when that is "." or ".." or not written ("a.md"), the name
 * of the folder it really is.  Returns 0, or -1 when there is none (the
 * root, or standard input without --stdin-name).
 */
static int folder_of(const char *path, struct strlist *out)
{
	const char *end = strrchr(path, '/'), *start;
	struct buf dir = BUF_INIT;
	char *real;
	int ret = -1;

	if (end) {
		for (start = end; start > path && start[-1] != '/'; start--)
			;
		if (end > start && !(end - start == 1 && *start == '.') &&
		    !(end - start == 2 && start[0] == '.' && start[1] == '.')) {
			strlist_add(out, start, (size_t)(end - start));
			return 0;
		}
		buf_add(&dir, path, end > path ? (size_t)(end - path) : 1);
	} else if (strcmp(path, STDIN_NAME) == 0) {
		return -1;
	} else {
		buf_addch(&dir, '.');
	}
	if ((real = realpath(dir.ptr, NULL)) != NULL) {
		const char *base = strrchr(real, '/');

		base = base ? base + 1 : real;
		if (*base) {
			strlist_add(out, base, strlen(base));
			ret = 0;
		}
		free(real);
	}
	buf_release(&dir);
	return ret;
}

static void set_clients(const struct scanner *s, struct note_result *r)
{
	size_t i;

	for (i = 0; i < r->meta.clients.n; i++)
		strlist_add(&r->clients, r->meta.clients.v[i], strlen(r->meta.clients.v[i]));
	if (r->clients.n)
		return;
	if (s->opts->client_from_dir && s->opts->client_dir_depth ?
	    walk_folder_client(s->opts->client_dirs, r->note.path, s->opts->client_dir_depth,
			       &r->clients) == 0 :
	    s->opts->client_from_dir && folder_of(r->note.path, &r->clients) == 0)
		return;
	strlist_add(&r->clients, NO_CLIENT, strlen(NO_CLIENT));
}

static void add_passage(struct scanner *s, struct note_result *r, const struct passage *p)
{
	const struct verdict *v = &s->v;
	struct passage_result *pr;
	size_t i, j;

	r->p = xgrow(r->p, sizeof(*r->p), r->np + 1, &r->palloc);
	pr = &r->p[r->np++];
	pr->off = p->off;
	pr->len = p->len;
	pr->line = p->line;
	pr->col = p->col;
	pr->words = p->words;
	pr->label = v->label;
	pr->score[CAT_BUSINESS] = v->score[CAT_BUSINESS];
	pr->score[CAT_SOCIAL] = v->score[CAT_SOCIAL];
	pr->referral = v->referral;
	pr->section_off = p->section_off;
	pr->section_len = p->section_len;
	pr->speaker_off = p->speaker_off;
	pr->speaker_len = p->speaker_len;
	pr->topic_start = r->ntopics;
	for (i = 0; i < v->nhits; i++) {
		unsigned t = s->opts->rules->v[v->hits[i].rule].topic_id;

		for (j = pr->topic_start; j < r->ntopics; j++)
			if (r->topics[j] == t)
				break;
		if (j < r->ntopics)
			continue;
		r->topics = xgrow(r->topics, sizeof(*r->topics), r->ntopics + 1, &r->talloc);
		r->topics[r->ntopics++] = t;
	}
	pr->topic_n = r->ntopics - pr->topic_start;
	/* topic ids sorted, so every output lists them in one order */
	for (i = pr->topic_start + 1; i < r->ntopics; i++)
		for (j = i; j > pr->topic_start && r->topics[j - 1] > r->topics[j]; j--) {
			unsigned t = r->topics[j];

			r->topics[j] = r->topics[j - 1];
			r->topics[j - 1] = t;
		}
	pr->hit_start = r->nhits;
	pr->hit_n = 0;
	if (s->opts->keep_hits && v->nhits) {
		r->hits = xgrow(r->hits, sizeof(*r->hits), r->nhits + v->nhits, &r->halloc);
		memcpy(r->hits + r->nhits, v->hits, v->nhits * sizeof(*v->hits));
		r->nhits += v->nhits;
		pr->hit_n = v->nhits;
	}
	r->passages[pr->label]++;
	r->words[pr->label] += pr->words;
	r->referral_asks += (unsigned)pr->referral;
	r->match_errors += v->match_errors;
}

static const char *limit_name(int code)
{
	switch (code) {
	case PCRE2_ERROR_MATCHLIMIT: return "match";
	case PCRE2_ERROR_DEPTHLIMIT: return "depth";
	case PCRE2_ERROR_HEAPLIMIT: return "heap";
	case PCRE2_ERROR_JIT_STACKLIMIT: return "jit-stack";
	default: return NULL;
	}
}

/* Reports the limits one passage ran into, at its line; the note's regex
 * budget only once, where it ran out. */
static void limit_warnings(const struct scanner *s, const struct note_result *r,
			   const struct passage *p, int *budget_told, struct diag *d)
{
	const struct verdict *v = &s->v;
	const char *path = r->note.path;

	if (v->classified < p->len)
		diag_warn(d, path, p->line, p->col,
			  "passage of %zu bytes (limit 'passage'); only the first %zu classified",
			  p->len, v->classified);
	if (v->budget_out && !*budget_told) {
		*budget_told = 1;
		diag_warn(d, path, p->line, p->col,
			  "rule '%s': the note's regex budget of %lu steps ran out (limit 'regex-budget'); "
			  "the rest of this note was matched incompletely",
			  s->opts->rules->v[v->err_rule].id, scan_limits(s->opts)->regex_budget);
	}
	if (v->match_errors && v->err_code != PCRE2_ERROR_CALLOUT) {
		PCRE2_UCHAR msg[120];
		const char *lim = limit_name(v->err_code);

		if (pcre2_get_error_message(v->err_code, msg, sizeof(msg)) < 0)
			msg[0] = '\0';
		diag_warn(d, path, p->line, p->col,
			  "rule '%s': %s%s%s%s; the rule was skipped for this passage%s",
			  s->opts->rules->v[v->err_rule].id, (const char *)msg,
			  lim ? " (limit '" : "", lim ? lim : "", lim ? "')" : "",
			  v->match_errors > 1 ? ", and other rules too" : "");
	}
}

void scan_loaded(struct scanner *s, struct note_result *r)
{
	int budget_told = 0;
	struct diag d;
	unsigned long total = 0;
	size_t i;
	enum meta_result mr;

	reset(r);
	buf_reset(&r->diags);
	diag_init(&d, NULL);
	d.quiet = s->opts->quiet;
	d.capture = &r->diags;
	if (note_split(&r->note, &d) < 0)
		goto failed;
	mr = meta_parse_limits(&r->meta, &r->note, s->opts->keys, scan_limits(s->opts), &d);
	if (mr == META_ERROR)
		goto failed;
	if (mr == META_TEMPLATE) {
		r->status = NOTE_SKIPPED;
		goto out;
	}
	set_clients(s, r);
	classifier_begin_note(&s->cls);
	passage_list_reset(&s->pl);
	passage_split(r->note.text.ptr, r->note.text.len, r->note.body_off,
		      r->note.body_line, &s->pl);
	/* the scanner's list is reused by the next note: the names are kept */
	buf_add(&r->sections, s->pl.sections.ptr, s->pl.sections.len);
	r->skipped_lines = s->pl.skipped_lines;
	for (i = 0; i < s->pl.n; i++) {
		struct passage *p = &s->pl.v[i];

		/* the file's column, not the repaired text's */
		p->col = note_col(&r->note, p->off, p->col);
		/* a turn's later labels and cue lines, comments inside it and
		 * quote markers are not its text */
		passage_blank(r->note.text.ptr, &s->pl, p);
		p->words = markup_blank(r->note.text.ptr, p);
		if (!p->words)
			continue;
		classify(&s->cls, r->note.text.ptr + p->off, p->len, &s->v);
		add_passage(s, r, p);
		if (s->v.match_errors || s->v.classified < p->len)
			limit_warnings(s, r, p, &budget_told, &d);
	}
	for (i = 0; i < LABEL_COUNT; i++)
		total += r->words[i];
	/* a meeting whose note holds no words still took its time: neutral */
	if (r->meta.has_duration && !total)
		r->minutes[LABEL_NEUTRAL] = r->meta.minutes;
	else if (r->meta.has_duration)
		for (i = 0; i < LABEL_COUNT; i++)
			r->minutes[i] = r->meta.minutes * (double)r->words[i] / (double)total;
	goto out;
failed:
	r->status = NOTE_FAILED;
out:
	r->errors = d.errors;
	r->warnings = d.warnings;
}

void scan_note(struct scanner *s, const char *path, int fd, struct note_result *r)
{
	struct diag d;

	buf_reset(&r->diags);
	diag_init(&d, NULL);
	d.quiet = s->opts->quiet;
	d.capture = &r->diags;
	if (note_read(&r->note, path, fd, scan_limits(s->opts)->file_size, &d) < 0) {
		reset(r);
		r->status = NOTE_FAILED;
		r->errors = d.errors;
		return;
	}
	scan_loaded(s, r);
}
