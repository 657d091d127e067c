/*
 * report_json: JSON, schema 1: one document, one row a line; and JSON
 * Lines, the same rows one a line (report_json.h).
 * Layer: report, a renderer; calls render.c, tally and the primitives.
 */
#include "report_json.h"
#include "buf.h"
#include "label.h"
#include "esc.h"
#include "render.h"
#include "rules.h"
#include "result.h"
#include "tally.h"

#include <stddef.h>
#include <string.h>

#define JSON_EXCERPT_WIDTH 200

/* A JSON string of text already escaped for the terminal (esc_text). */
static void jstr_escaped(struct buf *b, const char *s, size_t len)
{
	size_t i;

	buf_addch(b, '"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\\')
			buf_addch(b, '\\');
		buf_addch(b, s[i]);
	}
	buf_addch(b, '"');
}

/* A JSON string of text from a note: escaped for the terminal first (so
 * every format shows the same thing), then for JSON. */
static void jstr(struct buf *b, const char *s, size_t len)
{
	struct buf tmp = BUF_INIT;

	esc_text(&tmp, s, len, ESC_DATA);
	jstr_escaped(b, tmp.ptr, tmp.len);
	buf_release(&tmp);
}

static void jcstr(struct buf *b, const char *s)
{
	jstr(b, s, strlen(s));
}

/* A note's first client, then all of them: "client": "A", "clients": ["A", "B"]. */
static void jclients(struct buf *b, const struct note_result *n)
{
	size_t i;

	jcstr(b, n->clients.v[0]);
	buf_adds(b, ", \"clients\": [");
	for (i = 0; i < n->clients.n; i++) {
		if (i)
			buf_adds(b, ", ");
		jcstr(b, n->clients.v[i]);
	}
	buf_addch(b, ']');
}

static void label_counts(struct buf *b, const char *key, const unsigned *p,
			 const unsigned long *w)
{
	size_t i;

	buf_addf(b, "\"%s\": {", key);
	for (i = 0; i < LABEL_COUNT; i++) {
		if (i)
			buf_adds(b, ", ");
		if (p)
			buf_addf(b, "\"%s\": %u", label_names[i], p[i]);
		else
			buf_addf(b, "\"%s\": %lu", label_names[i], w[i]);
	}
	buf_addch(b, '}');
}

static void minutes(struct buf *b, const double *m)
{
	size_t i;

	buf_adds(b, "\"minutes\": {");
	for (i = 0; i < LABEL_COUNT; i++) {
		if (i)
			buf_adds(b, ", ");
		buf_addf(b, "\"%s\": ", label_names[i]);
		render_num(b, m[i], 1);
	}
	buf_addch(b, '}');
}

static void share(struct buf *b, const unsigned long *words)
{
	double s;

	buf_adds(b, "\"social_share\": ");
	if (tally_share(words, &s))
		render_num(b, s, 4);
	else
		buf_adds(b, "null");
}

static int is_jsonl(const struct render *r)
{
	return r->o->format == FORMAT_JSONL;
}

static void begin(struct render *r)
{
	if (is_jsonl(r))
		return;
	buf_adds(&r->b, "{\"schema\": 1,\n \"");
	buf_adds(&r->b, r->o->by == BY_CLIENT ? "clients" : r->o->by == BY_NOTE ? "notes" : "passages");
	buf_adds(&r->b, "\": [");
}

static void row_start(struct render *r)
{
	if (is_jsonl(r))
		buf_addch(&r->b, '{');
	else
		buf_adds(&r->b, r->rows ? ",\n  {" : "\n  {");
	r->rows++;
}

static void row_end(struct render *r)
{
	buf_adds(&r->b, is_jsonl(r) ? "}\n" : "}");
}

static void note_row(struct render *r, const struct note_result *n)
{
	struct buf *b = &r->b;

	row_start(r);
	buf_adds(b, "\"path\": ");
	jcstr(b, n->note.path);
	buf_adds(b, ", \"client\": ");
	jclients(b, n);
	buf_adds(b, ", \"date\": ");
	if (n->meta.has_date)
		buf_addf(b, "\"%s\"", n->meta.date);
	else
		buf_adds(b, "null");
	buf_addf(b, ", \"body_line\": %u, ", n->note.body_line);
	if (n->meta.has_duration) {
		buf_adds(b, "\"duration\": ");
		render_num(b, n->meta.minutes, 1);
		buf_adds(b, ", ");
	}
	label_counts(b, "passages", n->passages, NULL);
	buf_adds(b, ", ");
	label_counts(b, "words", NULL, n->words);
	if (n->meta.has_duration) {
		buf_adds(b, ", ");
		minutes(b, n->minutes);
	}
	buf_adds(b, ", ");
	share(b, n->words);
	buf_addf(b, ", \"referral_asks\": %u, \"skipped_lines\": %lu", n->referral_asks,
		 n->skipped_lines);
	row_end(r);
}

static void passage_rows(struct render *r, const struct note_result *n)
{
	struct buf *b = &r->b;
	size_t i, j;

	for (i = 0; i < n->np; i++) {
		const struct passage_result *p = &n->p[i];

		row_start(r);
		buf_adds(b, "\"path\": ");
		jcstr(b, n->note.path);
		buf_addf(b, ", \"line\": %u, \"col\": %u, \"client\": ", p->line, p->col);
		jclients(b, n);
		buf_addf(b, ", \"label\": \"%s\", \"scores\": {\"business\": ", label_names[p->label]);
		render_num(b, p->score[CAT_BUSINESS], 2);
		buf_adds(b, ", \"social\": ");
		render_num(b, p->score[CAT_SOCIAL], 2);
		buf_adds(b, "}, \"topics\": [");
		for (j = 0; j < p->topic_n; j++) {
			if (j)
				buf_adds(b, ", ");
			jcstr(b, r->o->rules->topics.v[n->topics[p->topic_start + j]]);
		}
		buf_addf(b, "], \"words\": %u, \"section\": ", p->words);
		if (p->section_len)
			jstr(b, n->sections.ptr + p->section_off, p->section_len);
		else
			buf_adds(b, "null");
		buf_adds(b, ", \"speaker\": ");
		if (p->speaker_len)
			jstr(b, n->note.text.ptr + p->speaker_off, p->speaker_len);
		else
			buf_adds(b, "null");
		buf_adds(b, ", \"excerpt\": ");
		{
			struct buf ex = BUF_INIT;

			render_excerpt(&ex, n->note.text.ptr + p->off, p->len, JSON_EXCERPT_WIDTH, ESC_DATA);
			jstr_escaped(b, ex.ptr, ex.len);
			buf_release(&ex);
		}
		if (r->o->explain) {
			buf_adds(b, ", \"rules\": [");
			for (j = 0; j < p->hit_n; j++) {
				const struct hit *h = &n->hits[p->hit_start + j];

				buf_adds(b, j ? ", {\"id\": " : "{\"id\": ");
				jcstr(b, r->o->rules->v[h->rule].id);
				buf_adds(b, ", \"match\": ");
				jstr(b, n->note.text.ptr + p->off + h->off, h->len);
				buf_addch(b, '}');
			}
			buf_addch(b, ']');
		}
		row_end(r);
	}
}

static void note(struct render *r, const struct note_result *n)
{
	if (r->o->by == BY_NOTE)
		note_row(r, n);
	else
		passage_rows(r, n);
	render_flush(r);
}

static void client_fields(struct buf *b, const struct client *c, const struct ruleset *rs,
			  size_t ntopics)
{
	size_t i;
	int first = 1;

	buf_addf(b, "\"notes\": %u, \"first\": ", c->notes);
	if (c->first[0])
		buf_addf(b, "\"%s\", \"last\": \"%s\", ", c->first, c->last);
	else
		buf_adds(b, "null, \"last\": null, ");
	label_counts(b, "passages", c->passages, NULL);
	buf_adds(b, ", ");
	label_counts(b, "words", NULL, c->words);
	if (c->has_minutes) {
		buf_adds(b, ", ");
		minutes(b, c->minutes);
	}
	buf_adds(b, ", ");
	share(b, c->words);
	buf_adds(b, ", \"topics\": {");
	for (i = 0; i < ntopics; i++) {
		if (!c->topics[i])
			continue;
		buf_adds(b, first ? "" : ", ");
		jcstr(b, rs->topics.v[i]);
		buf_addf(b, ": %u", c->topics[i]);
		first = 0;
	}
	buf_addf(b, "}, \"referral_asks\": %u, \"introductions\": %u, \"flags\": [",
		 c->referral_asks, c->introductions);
	first = 1;
	for (i = 0; i < FLAG_COUNT; i++) {
		if (!(c->flags & (1u << i)))
			continue;
		buf_addf(b, "%s\"%s\"", first ? "" : ", ", flag_names[i]);
		first = 0;
	}
	buf_addch(b, ']');
}

static void client_row(struct render *r, const struct client *c, const char *name,
		       const char *period, const struct tally *t)
{
	struct buf *b = &r->b;

	row_start(r);
	buf_adds(b, "\"client\": ");
	jcstr(b, name);
	if (period)
		buf_addf(b, ", \"period\": \"%s\"", period);
	buf_adds(b, ", ");
	client_fields(b, c, r->o->rules, t->ntopics);
	row_end(r);
}

static void end(struct render *r, const struct tally *t)
{
	struct buf *b = &r->b;
	size_t i, k;

	if (r->o->by == BY_CLIENT) {
		if (!render_anything(r, t)) {
			buf_reset(b);
			return;
		}
		for (i = 0; i < t->n; i++) {
			const struct client *c = t->v[i];

			if (!render_shows(r, c))
				continue;
			if (r->o->period == PERIOD_NONE)
				client_row(r, c, c->name, NULL, t);
			for (k = 0; r->o->period != PERIOD_NONE && k < c->nperiods; k++)
				client_row(r, c->periods[k], c->name, c->periods[k]->period, t);
		}
	}
	if (is_jsonl(r))
		return;
	buf_adds(b, r->rows ? "\n ],\n \"totals\": {" : "],\n \"totals\": {");
	client_fields(b, &t->total, r->o->rules, t->ntopics);
	buf_adds(b, "}}\n");
}

const struct renderer report_json_renderer = { begin, note, end, NULL };
