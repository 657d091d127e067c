/* The readable, aligned report, and the editor's line format. */
#include "esc.h"
#include "report.h"
#include "rules.h"
#include "scan.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define BAR_WIDTH 20
#define NAME_WIDTH 32
#define EXCERPT_WIDTH 60
#define ANNOTATE_WIDTH 160

struct table {
	size_t ncols;
	const char *align;	/* 'l' or 'r' per column */
	struct strlist cells;	/* row after row */
};

static struct table *table_new(const char *align)
{
	struct table *t = xcalloc(1, sizeof(*t));

	t->ncols = strlen(align);
	t->align = align;
	return t;
}

static void cell(struct table *t, const struct buf *b)
{
	strlist_add(&t->cells, b->ptr, b->len);
}

static void cells(struct table *t, const char *s)
{
	strlist_add(&t->cells, s, strlen(s));
}

static struct table *table_with_header(const char *align, const char *const *names)
{
	struct table *t = table_new(align);
	size_t i;

	for (i = 0; names[i]; i++)
		cells(t, names[i]);
	return t;
}

static void table_print(struct table *t, struct buf *out)
{
	size_t *w = xcalloc(t->ncols, sizeof(*w)), i, c, rows = t->cells.n / t->ncols;

	for (i = 0; i < t->cells.n; i++) {
		size_t cw = utf8_width(t->cells.v[i], strlen(t->cells.v[i]));

		if (cw > w[i % t->ncols])
			w[i % t->ncols] = cw;
	}
	for (i = 0; i < rows; i++) {
		size_t end = t->ncols;

		/* no padding after the last non-empty cell */
		while (end > 1 && !t->cells.v[i * t->ncols + end - 1][0])
			end--;
		for (c = 0; c < end; c++) {
			const char *s = t->cells.v[i * t->ncols + c];
			size_t pad = w[c] - utf8_width(s, strlen(s));

			if (c)
				buf_adds(out, "  ");
			if (t->align[c] == 'r')
				buf_addrep(out, ' ', pad);
			buf_adds(out, s);
			if (t->align[c] == 'l' && c + 1 < end)
				buf_addrep(out, ' ', pad);
		}
		buf_addch(out, '\n');
	}
	free(w);
}

static void table_free(struct table *t)
{
	if (!t)
		return;
	strlist_release(&t->cells);
	free(t);
}

static const char *const client_header[] = {
	"CLIENT", "NOTES", "LAST", "WORDS", "BUS%", "SOC%", "SPLIT", "FLAGS", NULL
};
static const char *const note_header[] = {
	"PATH", "CLIENT", "DATE", "MIN", "WORDS", "BUS%", "SOC%", "SPLIT", "", NULL
};
static const char *const passage_header[] = {
	"LOCATION", "LABEL", "BUS", "SOC", "WORDS", "TOPICS", "EXCERPT", "", NULL
};

void report_text_release(struct report *r)
{
	table_free(r->table);
	r->table = NULL;
}

static void bar(struct buf *b, int has, double share)
{
	size_t social = (size_t)(share * BAR_WIDTH + 0.5);

	buf_reset(b);
	if (!has)
		return;
	buf_addch(b, '[');
	buf_addrep(b, '#', BAR_WIDTH - social);
	buf_addrep(b, '~', social);
	buf_addch(b, ']');
}

static unsigned long total_words(const unsigned long *words)
{
	unsigned long n = 0;
	size_t i;

	for (i = 0; i < LABEL_COUNT; i++)
		n += words[i];
	return n;
}

static void share_cells(struct table *t, const unsigned long *words, struct buf *b)
{
	double share;
	int has = tally_share(words, &share);

	/* the two round to whole percents that add up to 100 */
	buf_reset(b);
	if (has)
		buf_addf(b, "%d", 100 - (int)(share * 100 + 0.5));
	else
		buf_adds(b, "-");
	cell(t, b);
	buf_reset(b);
	if (has)
		buf_addf(b, "%d", (int)(share * 100 + 0.5));
	else
		buf_adds(b, "-");
	cell(t, b);
	bar(b, has, share);
	cell(t, b);
}

static void scores(struct buf *b, const double *score)
{
	buf_adds(b, "business ");
	report_num(b, score[CAT_BUSINESS], 2);
	buf_adds(b, ", social ");
	report_num(b, score[CAT_SOCIAL], 2);
}

static void explain(struct buf *b, const struct report *r, const struct note_result *n,
		    const struct passage_result *p)
{
	size_t i;

	if (!r->o->explain || !p->hit_n)
		return;
	buf_adds(b, " [");
	for (i = 0; i < p->hit_n; i++) {
		const struct hit *h = &n->hits[p->hit_start + i];

		if (i)
			buf_adds(b, ", ");
		buf_adds(b, r->o->rules->v[h->rule].id);
		buf_adds(b, " '");
		report_excerpt(b, n->note.text.ptr + p->off + h->off, h->len, 40);
		buf_addch(b, '\'');
	}
	buf_addch(b, ']');
}

static void annotate(struct report *r, const struct note_result *n)
{
	struct buf *b = &r->b;
	size_t i;

	for (i = 0; i < n->np; i++) {
		const struct passage_result *p = &n->p[i];

		esc_text(b, n->note.path, strlen(n->note.path), 0);
		buf_addf(b, ":%u:%u: %s (", p->line, p->col, label_names[p->label]);
		scores(b, p->score);
		buf_addch(b, ')');
		if (p->topic_n) {
			buf_addch(b, ' ');
			report_topics(b, r->o->rules, n, i, ", ");
		}
		buf_adds(b, ": ");
		report_excerpt(b, n->note.text.ptr + p->off, p->len, ANNOTATE_WIDTH);
		explain(b, r, n, p);
		buf_addch(b, '\n');
	}
	report_flush(r);
}

void report_text_note(struct report *r, const struct note_result *n)
{
	struct buf b = BUF_INIT;
	size_t i;

	if (r->o->annotate) {
		annotate(r, n);
		return;
	}
	if (!r->table)
		r->table = r->o->by == BY_NOTE ? table_with_header("lllrrrrll", note_header)
					       : table_with_header("llrrrlll", passage_header);
	if (r->o->by == BY_NOTE) {
		esc_text(&b, n->note.path, strlen(n->note.path), 0);
		cell(r->table, &b);
		buf_reset(&b);
		report_clients(&b, n, ", ");
		cell(r->table, &b);
		cells(r->table, n->meta.has_date ? n->meta.date : "-");
		buf_reset(&b);
		if (n->meta.has_duration)
			report_num(&b, n->meta.minutes, 1);
		else
			buf_adds(&b, "-");
		cell(r->table, &b);
		buf_reset(&b);
		buf_addf(&b, "%lu", total_words(n->words));
		cell(r->table, &b);
		share_cells(r->table, n->words, &b);
		cells(r->table, "");
	} else {
		for (i = 0; i < n->np; i++) {
			const struct passage_result *p = &n->p[i];

			buf_reset(&b);
			esc_text(&b, n->note.path, strlen(n->note.path), 0);
			buf_addf(&b, ":%u", p->line);
			cell(r->table, &b);
			cells(r->table, label_names[p->label]);
			buf_reset(&b);
			report_num(&b, p->score[CAT_BUSINESS], 2);
			cell(r->table, &b);
			buf_reset(&b);
			report_num(&b, p->score[CAT_SOCIAL], 2);
			cell(r->table, &b);
			buf_reset(&b);
			buf_addf(&b, "%u", p->words);
			cell(r->table, &b);
			buf_reset(&b);
			report_topics(&b, r->o->rules, n, i, ",");
			if (!b.len)
				buf_adds(&b, "-");
			cell(r->table, &b);
			buf_reset(&b);
			report_excerpt(&b, n->note.text.ptr + p->off, p->len, EXCERPT_WIDTH);
			cell(r->table, &b);
			buf_reset(&b);
			explain(&b, r, n, p);
			cell(r->table, &b);
		}
	}
	buf_release(&b);
}

static void client_row(struct table *t, const struct client *c, const char *name)
{
	struct buf b = BUF_INIT;

	report_excerpt(&b, name, strlen(name), NAME_WIDTH);
	cell(t, &b);
	buf_reset(&b);
	buf_addf(&b, "%u", c->notes);
	cell(t, &b);
	cells(t, c->last[0] ? c->last : "-");
	buf_reset(&b);
	buf_addf(&b, "%lu", total_words(c->words));
	cell(t, &b);
	share_cells(t, c->words, &b);
	buf_reset(&b);
	report_flags(&b, c->flags, ",");
	cell(t, &b);
	buf_release(&b);
}

void report_text_end(struct report *r, const struct tally *t)
{
	size_t i;

	if (r->o->annotate)
		return;
	if (r->o->by == BY_CLIENT) {
		r->table = table_with_header("lrlrrrll", client_header);
		for (i = 0; i < t->n; i++)
			client_row(r->table, t->v[i], t->v[i]->name);
		client_row(r->table, &t->total, "TOTAL");
	}
	if (r->table)
		table_print(r->table, &r->b);
	report_text_release(r);
}
