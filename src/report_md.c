/*
 * report_md: GitHub-flavoured Markdown tables (report_md.h).
 * Layer: report, a renderer; calls render.c, tally and the primitives.
 */
#include "report_md.h"
#include "buf.h"
#include "label.h"
#include "esc.h"
#include "render.h"
#include "rules.h"
#include "result.h"
#include "tally.h"

#include <stdlib.h>
#include <string.h>

#define BAR_WIDTH 20
#define NAME_WIDTH 60
#define EXCERPT_WIDTH 80

/*
 * Text already escaped by esc_text, with every character Markdown, GFM or
 * Obsidian give a meaning inside a table cell backslash-escaped: the pipe
 * ends a cell, the rest start emphasis, code, links, HTML, entities,
 * strikethrough, math, highlights, comments or tags.
 */
static void md_add(struct buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (strchr("\\`*_[]<>!&|~$=%#", s[i]) && s[i])
			buf_addch(out, '\\');
		buf_addch(out, s[i]);
	}
}

/* A cell of text from a note or the configuration. */
static void md_text(struct buf *out, const char *s, size_t max_width)
{
	struct buf tmp = BUF_INIT;

	render_excerpt(&tmp, s, strlen(s), max_width, 0);
	md_add(out, tmp.ptr, tmp.len);
	buf_release(&tmp);
}

static void row_start(struct render *r)
{
	buf_adds(&r->b, "|");
}

static void cell_s(struct render *r, const char *s)
{
	buf_addch(&r->b, ' ');
	buf_adds(&r->b, s);
	buf_adds(&r->b, " |");
}

static void cell_u(struct render *r, unsigned long n)
{
	buf_addf(&r->b, " %lu |", n);
}

static void header(struct render *r, const char *const *names, const char *align)
{
	size_t i;

	row_start(r);
	for (i = 0; names[i]; i++)
		cell_s(r, names[i]);
	buf_adds(&r->b, "\n|");
	for (i = 0; names[i]; i++)
		buf_adds(&r->b, align[i] == 'r' ? " --: |" : " --- |");
	buf_addch(&r->b, '\n');
}

/* Business %, social % and the bar: full blocks business, light shade social. */
static void share_cells(struct render *r, const unsigned long *words)
{
	double share;
	size_t social, i;

	if (!tally_share(words, &share)) {
		buf_adds(&r->b, " - | - | |");
		return;
	}
	buf_addf(&r->b, " %u | %u | ", 100 - tally_share_round(words, 100),
		 tally_share_round(words, 100));
	social = tally_share_round(words, BAR_WIDTH);
	for (i = 0; i < BAR_WIDTH; i++)
		buf_adds(&r->b, i < BAR_WIDTH - social ? "\xE2\x96\x88" : "\xE2\x96\x91");
	buf_adds(&r->b, " |");
}

static void flags_cell(struct render *r, unsigned flags)
{
	struct buf tmp = BUF_INIT;

	render_flags(&tmp, flags, ", ");
	if (tmp.len) {
		buf_adds(&r->b, " **");
		buf_add(&r->b, tmp.ptr, tmp.len);
		buf_adds(&r->b, "** |");
	} else {
		buf_adds(&r->b, " |");
	}
	buf_release(&tmp);
}

static const char *const client_header[] = {
	"Client", "Notes", "Last", "Words", "Business %", "Social %", "Split", "Flags", NULL
};
static const char *const note_header[] = {
	"Path", "Client", "Date", "Minutes", "Words", "Business %", "Social %", "Split", NULL
};
static const char *const passage_header[] = {
	"Location", "Label", "Business", "Social", "Words", "Topics", "Excerpt", NULL
};
static const char *const passage_explain_header[] = {
	"Location", "Label", "Business", "Social", "Words", "Topics", "Excerpt", "Rules", NULL
};

static void begin(struct render *r)
{
	buf_adds(&r->b, RENDER_MARKER_MD "\n\n");
	if (r->o->by == BY_NOTE)
		header(r, note_header, "lllrrrrl");
	else if (r->o->by == BY_PASSAGE)
		header(r, r->o->explain ? passage_explain_header : passage_header, "llrrrlll");
	if (r->o->by != BY_CLIENT)	/* else --quiet may leave nothing to say */
		render_flush(r);
}

static void note_row(struct render *r, const struct note_result *n)
{
	size_t i;

	row_start(r);
	buf_addch(&r->b, ' ');
	md_text(&r->b, n->note.path, 0);
	buf_adds(&r->b, " | ");
	for (i = 0; i < n->clients.n; i++) {
		if (i)
			buf_adds(&r->b, ", ");
		md_text(&r->b, n->clients.v[i], NAME_WIDTH);
	}
	buf_adds(&r->b, " |");
	cell_s(r, n->meta.has_date ? n->meta.date : "-");
	buf_addch(&r->b, ' ');
	if (n->meta.has_duration)
		render_num(&r->b, n->meta.minutes, 1);
	else
		buf_addch(&r->b, '-');
	buf_adds(&r->b, " |");
	cell_u(r, render_total_words(n->words));
	share_cells(r, n->words);
	buf_addch(&r->b, '\n');
}

static void explain_cell(struct render *r, const struct note_result *n,
			 const struct passage_result *p)
{
	struct buf tmp = BUF_INIT;
	size_t i;

	for (i = 0; i < p->hit_n; i++) {
		const struct hit *h = &n->hits[p->hit_start + i];

		if (i)
			buf_adds(&tmp, ", ");
		buf_adds(&tmp, r->o->rules->v[h->rule].id);
		buf_adds(&tmp, " '");
		render_excerpt(&tmp, n->note.text.ptr + p->off + h->off, h->len, 40, 0);
		buf_addch(&tmp, '\'');
	}
	buf_addch(&r->b, ' ');
	md_add(&r->b, tmp.ptr, tmp.len);
	buf_adds(&r->b, " |");
	buf_release(&tmp);
}

static void passage_rows(struct render *r, const struct note_result *n)
{
	struct buf tmp = BUF_INIT;
	size_t i;

	for (i = 0; i < n->np; i++) {
		const struct passage_result *p = &n->p[i];

		row_start(r);
		buf_addch(&r->b, ' ');
		md_text(&r->b, n->note.path, 0);
		buf_addf(&r->b, ":%u |", p->line);
		cell_s(r, label_names[p->label]);
		buf_addch(&r->b, ' ');
		render_num(&r->b, p->score[CAT_BUSINESS], 2);
		buf_adds(&r->b, " | ");
		render_num(&r->b, p->score[CAT_SOCIAL], 2);
		buf_adds(&r->b, " |");
		cell_u(r, p->words);
		buf_reset(&tmp);
		render_topics(&tmp, r->o->rules, n, i, ", ");
		buf_addch(&r->b, ' ');
		md_add(&r->b, tmp.ptr, tmp.len);
		buf_adds(&r->b, " | ");
		buf_reset(&tmp);
		render_excerpt(&tmp, n->note.text.ptr + p->off, p->len, EXCERPT_WIDTH, 0);
		md_add(&r->b, tmp.ptr, tmp.len);
		buf_adds(&r->b, " |");
		if (r->o->explain)
			explain_cell(r, n, p);
		buf_addch(&r->b, '\n');
	}
	buf_release(&tmp);
}

static void note(struct render *r, const struct note_result *n)
{
	if (r->o->by == BY_NOTE)
		note_row(r, n);
	else
		passage_rows(r, n);
	render_flush(r);
}

static void client_row(struct render *r, const struct client *c, const char *name, int total)
{
	row_start(r);
	buf_addch(&r->b, ' ');
	if (total)
		buf_adds(&r->b, "**Total**");
	else
		md_text(&r->b, name, NAME_WIDTH);
	buf_adds(&r->b, " |");
	cell_u(r, c->notes);
	cell_s(r, c->last[0] ? c->last : "-");
	cell_u(r, render_total_words(c->words));
	share_cells(r, c->words);
	flags_cell(r, c->flags);
	buf_addch(&r->b, '\n');
}

/* One row per client and period, as --format=csv --period has them. */
static void period_rows(struct render *r, const struct tally *t)
{
	static const char *const names[] = {
		"Client", "Period", "Notes", "Words", "Business %", "Social %", "Split", "Flags", NULL
	};
	size_t i, k;

	header(r, names, "llrrrrll");
	for (i = 0; i < t->n; i++) {
		const struct client *c = t->v[i];

		if (!render_shows(r, c))
			continue;
		for (k = 0; k < c->nperiods; k++) {
			const struct client *p = c->periods[k];

			row_start(r);
			buf_addch(&r->b, ' ');
			md_text(&r->b, c->name, NAME_WIDTH);
			buf_adds(&r->b, " |");
			cell_s(r, p->period[0] ? p->period : "-");
			cell_u(r, p->notes);
			cell_u(r, render_total_words(p->words));
			share_cells(r, p->words);
			flags_cell(r, p->flags);
			buf_addch(&r->b, '\n');
		}
	}
}

static void end(struct render *r, const struct tally *t)
{
	size_t i;

	if (r->o->by != BY_CLIENT)
		return;
	if (!render_anything(r, t)) {
		buf_reset(&r->b);
		return;
	}
	if (r->o->period != PERIOD_NONE) {
		period_rows(r, t);
		return;
	}
	header(r, client_header, "lrlrrrll");
	for (i = 0; i < t->n; i++)
		if (render_shows(r, t->v[i]))
			client_row(r, t->v[i], t->v[i]->name, 0);
	if (!r->o->quiet)
		client_row(r, &t->total, NULL, 1);
}

const struct renderer report_md_renderer = { begin, note, end, NULL };
